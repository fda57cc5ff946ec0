//! Reaching Kafka: `--bootstrap-server`, else the broker pods' IPs, else (with `--port-forward`)
//! tunnels through the API server. Kafka's advertised addresses are mapped onto the pods so that
//! every broker connection lands on the right pod whatever the cluster advertises.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use clap::Args;

use crate::error::{Error, Result};
use crate::k8s::discovery::{self, KafkaCluster, PodFacts};
use crate::k8s::portforward::{PortForwardDialer, pod_address};
use crate::kafka::{
    Admin, ConnectOptions, SaslMechanism, SaslOptions, TlsOptions, parse_command_config,
};
use crate::model::Broker;

/// How to reach Kafka, and with which credentials.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Kafka connection")]
pub struct KafkaArgs {
    /// Kafka bootstrap servers (host:port,...), instead of the broker pods' IPs
    #[arg(
        long,
        global = true,
        value_name = "HOST:PORT,...",
        value_delimiter = ','
    )]
    pub bootstrap_server: Vec<String>,

    /// Reach every broker through a port-forward over the Kubernetes API server
    #[arg(long, global = true, conflicts_with = "bootstrap_server")]
    pub port_forward: bool,

    /// Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take
    #[arg(long, global = true, value_name = "FILE")]
    pub command_config: Option<PathBuf>,

    /// Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)
    #[arg(long, global = true)]
    pub tls: bool,

    /// PEM file with the CA certificates to trust for Kafka's TLS listener
    #[arg(long, global = true, value_name = "FILE")]
    pub tls_ca: Option<PathBuf>,

    /// PEM client certificate for mutual TLS
    #[arg(long, global = true, value_name = "FILE", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,

    /// PEM private key of --tls-cert
    #[arg(long, global = true, value_name = "FILE", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,

    /// Skip verification of the brokers' TLS certificates (testing only)
    #[arg(long, global = true)]
    pub tls_insecure: bool,

    /// SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512
    #[arg(long, global = true, value_name = "MECHANISM")]
    pub sasl_mechanism: Option<String>,

    /// SASL user name
    #[arg(long, global = true, value_name = "USER")]
    pub sasl_username: Option<String>,

    /// SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)
    #[arg(
        long,
        global = true,
        value_name = "PASSWORD",
        env = "KAFKA_SASL_PASSWORD",
        hide_env_values = true
    )]
    pub sasl_password: Option<String>,
}

/// How broker connections are made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// TCP to the pod IPs.
    Direct,
    /// Through `pods/portforward`; addresses are `<pod>:<port>`.
    PortForward,
}

/// The address to dial for `pod` in `mode`; None when a direct connection is impossible (no IP).
pub fn target(pod: &PodFacts, mode: Mode) -> Option<String> {
    match mode {
        Mode::Direct => pod.ip.as_ref().map(|ip| join_host_port(ip, pod.kafka_port)),
        Mode::PortForward => Some(pod_address(&pod.name, pod.kafka_port)),
    }
}

fn join_host_port(host: &str, port: u16) -> String {
    if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    }
}

/// Bootstrap addresses: ready broker pods first (they answer), then the others.
pub fn bootstrap_targets(cluster: &KafkaCluster, mode: Mode) -> Vec<String> {
    let mut pods: Vec<&PodFacts> = cluster.pods.iter().collect();
    pods.sort_by_key(|p| !p.ready);
    let mut out: Vec<String> = pods.into_iter().filter_map(|p| target(p, mode)).collect();
    out.dedup();
    out
}

/// Advertised `host:port` → the address that reaches the broker's pod, for every broker tied to a
/// pod. Identity entries are left out.
pub fn address_map(brokers: &[Broker], pods: &[PodFacts], mode: Mode) -> BTreeMap<String, String> {
    let mut map = BTreeMap::new();
    for b in discovery::bind(brokers, pods) {
        let (Some(broker), Some(i)) = (b.broker, b.pod) else {
            continue;
        };
        let Some(pod) = pods.get(i) else { continue };
        let advertised = join_host_port(&broker.host, u16::try_from(broker.port).unwrap_or(0));
        // The advertised port is the listener the client should use; keep it, change the host.
        let port = u16::try_from(broker.port).unwrap_or(pod.kafka_port);
        let to = match mode {
            Mode::Direct => pod.ip.as_ref().map(|ip| join_host_port(ip, port)),
            Mode::PortForward => Some(pod_address(&pod.name, port)),
        };
        if let Some(to) = to
            && to != advertised
        {
            map.insert(advertised, to);
        }
    }
    map
}

/// TLS and SASL from `--command-config` and the flags (flags win).
pub fn security(args: &KafkaArgs) -> Result<(Option<TlsOptions>, Option<SaslOptions>)> {
    let (mut tls, mut sasl) = match &args.command_config {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| {
                Error::usage(format!(
                    "cannot read --command-config {}: {e}; fix the path",
                    path.display()
                ))
            })?;
            let c = parse_command_config(&text)?;
            (c.tls, c.sasl)
        }
        None => (None, None),
    };
    if args.tls || args.tls_ca.is_some() || args.tls_cert.is_some() || args.tls_insecure {
        let t = tls.get_or_insert_with(TlsOptions::default);
        if let Some(ca) = &args.tls_ca {
            t.ca_file = Some(ca.clone());
        }
        if let Some(cert) = &args.tls_cert {
            t.client_cert = Some(cert.clone());
            t.client_key = args.tls_key.clone();
        }
        if args.tls_insecure {
            t.insecure_skip_verify = true;
        }
    }
    if args.sasl_mechanism.is_some() || args.sasl_username.is_some() {
        let mechanism_name = args
            .sasl_mechanism
            .clone()
            .or_else(|| sasl.as_ref().map(|s| s.mechanism.name().to_string()))
            .ok_or_else(|| {
                Error::usage(
                    "--sasl-username needs --sasl-mechanism (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512)",
                )
            })?;
        let mechanism = SaslMechanism::parse(&mechanism_name).ok_or_else(|| {
            Error::usage(format!(
                "unknown SASL mechanism '{mechanism_name}': use PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512"
            ))
        })?;
        let username = args
            .sasl_username
            .clone()
            .or_else(|| sasl.as_ref().map(|s| s.username.clone()))
            .ok_or_else(|| Error::usage("--sasl-mechanism needs --sasl-username"))?;
        let password = match &args.sasl_password {
            Some(p) => crate::kafka::auth::Secret::new(p.clone()),
            None => sasl.as_ref().map(|s| s.password.clone()).ok_or_else(|| {
                Error::usage(
                    "SASL needs a password: set KAFKA_SASL_PASSWORD or pass --sasl-password",
                )
            })?,
        };
        sasl = Some(SaslOptions {
            mechanism,
            username,
            password,
        });
    }
    Ok((tls, sasl))
}

fn unreachable(e: Error, targets: &[String], mode: Mode) -> Error {
    let hint = match mode {
        Mode::Direct => {
            "the pod network may not be reachable from here: try --port-forward, or --bootstrap-server HOST:PORT"
        }
        Mode::PortForward => "check that the pods run and that you may create pods/portforward",
    };
    let what = format!("cannot reach Kafka at {}", targets.join(","));
    match e {
        Error::Kafka(k) => Error::Kafka(k.context(what).hint(hint)),
        Error::Failed(m) => Error::kafka(format!("{what}: {m}; {hint}")),
        other => other,
    }
}

/// An admin client for `cluster` (or `--bootstrap-server`), each request limited to
/// `request_timeout`. `kube` is the Kubernetes client, needed to tunnel with `--port-forward`.
pub async fn admin(
    args: &KafkaArgs,
    request_timeout: Duration,
    cluster: Option<&KafkaCluster>,
    kube: Option<&kube::Client>,
) -> Result<Admin> {
    let (tls, sasl) = security(args)?;
    // "No limit" still bounds each request by an hour: a broker that never answers is down.
    let timeout = request_timeout.min(Duration::from_secs(3600));
    let make = |bootstrap: Vec<String>| {
        let mut o = ConnectOptions::new(bootstrap);
        o.tls = tls.clone();
        o.sasl = sasl.clone();
        o.request_timeout = timeout;
        o
    };
    if !args.bootstrap_server.is_empty() {
        let o = make(args.bootstrap_server.clone());
        return Admin::connect(o)
            .await
            .map_err(|e| unreachable(e, &args.bootstrap_server, Mode::Direct));
    }
    let Some(cluster) = cluster else {
        return Err(Error::usage(
            "no Kafka pods to connect to: pass --bootstrap-server HOST:PORT or point -n/-l at the pods",
        ));
    };
    let mode = if args.port_forward {
        Mode::PortForward
    } else {
        Mode::Direct
    };
    let targets = bootstrap_targets(cluster, mode);
    if targets.is_empty() {
        return Err(Error::kafka(format!(
            "no broker pod of {}/{} has an IP yet (pods not running?): wait for them, or use --port-forward",
            cluster.namespace, cluster.name
        )));
    }
    let mut opts = make(targets.clone());
    if mode == Mode::PortForward {
        let Some(client) = kube else {
            return Err(Error::usage(
                "--port-forward tunnels through the Kubernetes API server: it needs a kubeconfig",
            ));
        };
        opts.dialer = Arc::new(PortForwardDialer::new(client.clone(), &cluster.namespace));
    }
    // First connection: learn what the brokers advertise, then map those addresses to the pods.
    let probe = Admin::connect(opts.clone())
        .await
        .map_err(|e| unreachable(e, &targets, mode))?;
    let meta = probe
        .metadata()
        .await
        .map_err(|e| unreachable(e, &targets, mode))?;
    let map = address_map(&meta.brokers, &cluster.pods, mode);
    if map.is_empty() {
        return Ok(probe);
    }
    tracing::debug!("advertised address map: {map:?}");
    opts.address_map = map;
    Admin::connect(opts)
        .await
        .map_err(|e| unreachable(e, &targets, mode))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::k8s::discovery::{Convention, Workload};

    fn pod(name: &str, ip: Option<&str>, port: u16, ready: bool) -> PodFacts {
        PodFacts {
            name: name.into(),
            namespace: "kafka".into(),
            labels: Default::default(),
            owner: Workload {
                kind: "StatefulSet".into(),
                name: "kafka".into(),
            },
            ip: ip.map(str::to_string),
            node: None,
            ready,
            phase: None,
            hostname: Some(name.into()),
            subdomain: Some("kafka-hs".into()),
            kafka_port: port,
            ports: vec![port],
            roles: None,
            declared_id: None,
        }
    }

    fn broker(id: i32, host: &str, port: i32) -> Broker {
        Broker {
            id,
            host: host.into(),
            port,
            rack: None,
        }
    }

    #[test]
    fn targets_ready_first_and_skip_missing_ips() {
        let c = KafkaCluster {
            namespace: "kafka".into(),
            name: "kafka".into(),
            convention: Convention::App,
            workloads: vec![],
            controller_workloads: vec![],
            pods: vec![
                pod("kafka-0", Some("10.0.0.1"), 9092, false),
                pod("kafka-1", Some("10.0.0.2"), 9092, true),
                pod("kafka-2", None, 9092, true),
            ],
            controllers: vec![],
        };
        assert_eq!(
            bootstrap_targets(&c, Mode::Direct),
            ["10.0.0.2:9092", "10.0.0.1:9092"]
        );
        assert_eq!(
            bootstrap_targets(&c, Mode::PortForward),
            ["kafka-1:9092", "kafka-2:9092", "kafka-0:9092"]
        );
    }

    #[test]
    fn advertised_dns_names_map_to_pods() {
        let pods = vec![
            pod("kafka-0", Some("10.0.0.1"), 9092, true),
            pod("kafka-1", Some("10.0.0.2"), 9092, true),
        ];
        let brokers = vec![
            broker(0, "kafka-0.kafka-hs.kafka.svc.cluster.local", 9092),
            broker(1, "10.0.0.2", 9092),
        ];
        let m = address_map(&brokers, &pods, Mode::Direct);
        assert_eq!(
            m.len(),
            1,
            "the broker advertising its pod IP needs no entry: {m:?}"
        );
        assert_eq!(
            m["kafka-0.kafka-hs.kafka.svc.cluster.local:9092"],
            "10.0.0.1:9092"
        );
        let m = address_map(&brokers, &pods, Mode::PortForward);
        assert_eq!(m["10.0.0.2:9092"], "kafka-1:9092");
        assert_eq!(
            m["kafka-0.kafka-hs.kafka.svc.cluster.local:9092"],
            "kafka-0:9092"
        );
    }

    #[test]
    fn ipv6_targets_are_bracketed() {
        let p = pod("kafka-0", Some("fd00::1"), 9092, true);
        assert_eq!(target(&p, Mode::Direct).as_deref(), Some("[fd00::1]:9092"));
    }

    #[test]
    fn sasl_flags_need_each_other() {
        let mut a = KafkaArgs {
            sasl_username: Some("u".into()),
            ..Default::default()
        };
        assert!(matches!(security(&a), Err(Error::Usage(_))));
        a.sasl_mechanism = Some("nope".into());
        assert!(
            security(&a)
                .unwrap_err()
                .to_string()
                .contains("unknown SASL mechanism")
        );
        a.sasl_mechanism = Some("scram-sha-512".into());
        a.sasl_password = Some("p".into());
        let (_, s) = security(&a).unwrap();
        assert_eq!(s.unwrap().mechanism, SaslMechanism::ScramSha512);
    }

    #[test]
    fn tls_flags() {
        let a = KafkaArgs {
            tls: true,
            tls_ca: Some("/ca.pem".into()),
            ..Default::default()
        };
        let (t, s) = security(&a).unwrap();
        assert_eq!(
            t.unwrap().ca_file.as_deref(),
            Some(std::path::Path::new("/ca.pem"))
        );
        assert!(s.is_none());
        let (t, _) = security(&KafkaArgs::default()).unwrap();
        assert!(t.is_none());
    }

    #[test]
    fn missing_command_config_is_usage() {
        let a = KafkaArgs {
            command_config: Some("/nonexistent/client.properties".into()),
            ..Default::default()
        };
        assert!(matches!(security(&a), Err(Error::Usage(_))));
    }
}
