//! Kubelet stand-in for the local testbed.
//!
//! `node-agent run` registers Nodes with their own InternalIPs, keeps their leases, binds pending
//! pods, gives every pod a network namespace on the slot's bridge and runs its containers as mini
//! containers (mount, UTS and PID namespaces over the image emulation's paths), probes them, and
//! stands in for kube-proxy (ClusterIP, NodePort) and a load-balancer controller.
//! `node-agent container SPEC` is the per-container shim the agent starts (not for humans).
//! `node-agent forward LISTEN TARGET` relays TCP (the control plane's outside address).

mod addr;
mod agent;
mod config;
mod container;
mod events;
mod hosts;
mod images;
mod ipam;
mod mounts;
mod netns;
mod node;
mod probe;
mod proxy;
mod runtime;
mod state;
mod volumes;

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use anyhow::Context;
use clap::{Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(about = "Test-only kubelet stand-in for the kubectl-kafka testbed")]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand, Debug)]
enum Cmd {
    /// Run the node agent (nodes, pods, Services).
    Run(Args),
    /// Run one container from a spec file written by the agent (the agent's shim).
    #[command(hide = true)]
    Container { spec: PathBuf },
    /// Relay TCP connections from LISTEN to TARGET until stopped.
    Forward {
        listen: SocketAddr,
        target: SocketAddr,
    },
}

#[derive(clap::Args, Debug, Clone)]
pub struct Args {
    /// InternalIP of each node, comma-separated; one node per address (node-a, node-b, ...;
    /// zones zone-a, zone-b, ...).
    #[arg(long, value_delimiter = ',', required = true)]
    pub node_ips: Vec<Ipv4Addr>,
    /// State directory (volumes, logs, pod state files, address map).
    #[arg(long)]
    pub state_dir: PathBuf,
    /// Pod network: the bridge holds the last usable address, pods get the others.
    #[arg(long)]
    pub pod_cidr: addr::Cidr,
    /// Name of the pod bridge in the host namespace (created by tests/testbed/net.sh).
    #[arg(long)]
    pub bridge: String,
    /// Prefix of everything the agent creates on the host: network namespaces `<prefix>-...`
    /// and host-side veths `<prefix>p<n>` (at most 7 characters).
    #[arg(long)]
    pub net_prefix: String,
    /// Pool that LoadBalancer Services get their ingress addresses from.
    #[arg(long)]
    pub lb_pool: addr::Cidr,
    /// Program that resolves an image reference to its emulation (tests/testbed/images/resolve).
    #[arg(long)]
    pub images_resolve: PathBuf,
    /// Where the `kubernetes` Service in `default` forwards to (the API server).
    #[arg(long)]
    pub apiserver: Option<SocketAddr>,
    /// Port of the kubelet streaming server (tests/kubelet-server), reported in each Node's
    /// status.daemonEndpoints.kubeletEndpoint.Port.
    #[arg(long, env = "TESTBED_KUBELET_PORT", default_value_t = 10250)]
    pub kubelet_port: u16,
    /// Seconds to wait for containers to stop when the agent itself is stopped.
    #[arg(long, default_value_t = 60)]
    pub shutdown_timeout: u64,
    /// While a readiness or startup probe has not succeeded yet, also probe this often
    /// (milliseconds); such extra probes only count when they succeed, so they make a pod Ready
    /// sooner but never make anything fail sooner than the probe's own period would.
    #[arg(long, default_value_t = 500)]
    pub probe_early_interval_ms: u64,
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.cmd {
        // The shim must stay single-threaded and free of an async runtime: it forks.
        Cmd::Container { spec } => container::shim_main(&spec),
        Cmd::Forward { listen, target } => {
            init_tracing();
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .context("cannot start the async runtime")?;
            rt.block_on(proxy::forward_forever(listen, target))
        }
        Cmd::Run(args) => {
            init_tracing();
            // Single-threaded on purpose: PR_SET_PDEATHSIG is tied to the thread that spawned a
            // child, so every shim is started from this one thread and dies with the agent.
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .context("cannot start the async runtime")?;
            rt.block_on(agent::run(args))
        }
    }
}

fn init_tracing() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,kube=warn".into()),
        )
        .with_ansi(false)
        .init();
}
