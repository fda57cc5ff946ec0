//! Kubelet stand-in for the local testbed: registers Nodes, keeps their leases, binds pending
//! pods, and runs a Kafka (or ZooKeeper) JVM for every pod whose image says so.

mod agent;
mod config;
mod node;
mod podstate;
mod proc;

use std::path::PathBuf;

use anyhow::Context;
use clap::Parser;

#[derive(Parser, Debug, Clone)]
#[command(about = "Test-only kubelet stand-in: runs Kafka JVMs for pods")]
pub struct Args {
    /// Number of nodes to register (node-a, node-b, ...; zones zone-a, zone-b, ...).
    #[arg(long, default_value_t = 3)]
    pub nodes: usize,
    /// State directory (pod data, logs, address map, hosts file).
    #[arg(long)]
    pub state_dir: PathBuf,
    /// Directory holding the Kafka jars.
    #[arg(long, env = "KAFKA_LIB")]
    pub kafka_lib: PathBuf,
    /// Java executable.
    #[arg(long, env = "JAVA", default_value = "java")]
    pub java: PathBuf,
    /// log4j2 config for the servers (Kafka 4.x).
    #[arg(long)]
    pub log4j2_config: PathBuf,
    /// log4j 1 config for the servers (Kafka 3.x with reload4j).
    #[arg(long)]
    pub log4j1_config: PathBuf,
    /// First loopback address handed to pods; give testbeds running side by side distinct ranges.
    #[arg(long, default_value = "127.0.100.1")]
    pub first_pod_ip: std::net::Ipv4Addr,
    /// Port of the kubelet streaming server (tests/kubelet-server), reported in each Node's
    /// status.daemonEndpoints.kubeletEndpoint.Port.
    #[arg(long, env = "TESTBED_KUBELET_PORT", default_value_t = 10250)]
    pub kubelet_port: u16,
    /// Seconds to wait for JVMs to stop when the agent itself is stopped.
    #[arg(long, default_value_t = 60)]
    pub shutdown_timeout: u64,
}

fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,kube=warn".into()),
        )
        .with_ansi(false)
        .init();
    let args = Args::parse();
    // Single-threaded on purpose: PR_SET_PDEATHSIG is tied to the thread that spawned a child.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    rt.block_on(agent::run(args))
}
