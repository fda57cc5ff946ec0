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
use crate::k8s::portforward::PortForwardDialer;
use crate::kafka::route::{self, BrokerEndpoint, Reachability, Route, join_host_port, pod_address};
use crate::kafka::{
    Admin, ConnectOptions, Dialer, SaslMechanism, SaslOptions, TlsOptions, parse_command_config,
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

    /// How to reach the brokers: auto tries their advertised addresses, then the pod IPs, then
    /// port-forward through the Kubernetes API server
    #[arg(
        long,
        global = true,
        value_enum,
        value_name = "MODE",
        default_value_t = ConnectMode::Auto,
        conflicts_with = "bootstrap_server"
    )]
    pub connect: ConnectMode,

    /// Same as --connect port-forward
    #[arg(long, global = true, conflicts_with_all = ["bootstrap_server", "connect"])]
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

    /// The cluster's DNS domain: under TLS the bootstrap goes by the pods' names
    /// (hostname.subdomain.namespace.svc.DOMAIN), the names their certificates carry
    #[arg(long, global = true, value_name = "DOMAIN", default_value = DEFAULT_CLUSTER_DOMAIN)]
    pub cluster_domain: String,

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

/// `--connect`: how to reach the brokers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ConnectMode {
    /// The advertised addresses if they answer from here, else the pod IPs, else port-forward
    #[default]
    Auto,
    /// TCP to the pod IPs at the port each listener binds in the pod
    Direct,
    /// A tunnel per broker through the Kubernetes API server (pods/portforward)
    PortForward,
}

/// The DNS domain of a cluster unless `--cluster-domain` says otherwise.
pub const DEFAULT_CLUSTER_DOMAIN: &str = "cluster.local";

impl KafkaArgs {
    /// The mode the flags ask for (`--port-forward` is `--connect port-forward`).
    pub fn mode(&self) -> ConnectMode {
        if self.port_forward {
            ConnectMode::PortForward
        } else {
            self.connect
        }
    }

    /// `--cluster-domain` without a trailing dot; exit 2 when it is no DNS name.
    pub fn cluster_domain(&self) -> Result<String> {
        cluster_domain(&self.cluster_domain)
    }
}

/// A cluster domain as given (empty: the default), checked to be a DNS name, trailing dot removed.
pub fn cluster_domain(given: &str) -> Result<String> {
    let d = given.trim().trim_end_matches('.');
    if d.is_empty() {
        return Ok(DEFAULT_CLUSTER_DOMAIN.to_string());
    }
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    if d.len() > 253 || !d.split('.').all(label_ok) {
        return Err(Error::usage(format!(
            "--cluster-domain '{given}' is not a DNS domain (e.g. cluster.local)"
        )));
    }
    Ok(d.to_ascii_lowercase())
}

/// How long auto mode waits for a listener of the bootstrap pod to answer through a tunnel before
/// it tries the next one.
const TUNNEL_PROBE_TIMEOUT: Duration = Duration::from_secs(3);

/// How long auto mode waits for one address to accept a connection before it tries the next path.
const PROBE_TIMEOUT: Duration = Duration::from_millis(1000);

/// The address to dial for `pod` at `port` on `route` (direct or port-forward); None without an IP.
fn pod_target(pod: &PodFacts, port: u16, route: Route) -> Option<String> {
    match route {
        Route::PortForward => Some(pod_address(&pod.name, port)),
        _ => pod.ip.as_ref().map(|ip| join_host_port(ip, port)),
    }
}

/// Bootstrap addresses at `port`: ready broker pods first (they answer), then the others.
pub fn bootstrap_targets(cluster: &KafkaCluster, port: u16, route: Route) -> Vec<String> {
    bootstrap(cluster, port, route, None).0
}

/// The pod's DNS name on its headless Service (`hostname.subdomain.namespace.svc.DOMAIN`), the
/// name a broker certificate carries; None without hostname and subdomain.
pub fn pod_fqdn(pod: &PodFacts, domain: &str) -> Option<String> {
    let host = pod.hostname.as_deref().filter(|h| !h.is_empty())?;
    let sub = pod.subdomain.as_deref().filter(|s| !s.is_empty())?;
    Some(format!("{host}.{sub}.{}.svc.{domain}", pod.namespace))
}

/// Bootstrap addresses at `port` on `route`, ready pods first, and the map from each to what to
/// dial. Under TLS (`tls_domain`: the cluster domain) the bootstrap goes by the pod's DNS name
/// (mapped to the pod IP or tunnel), so the certificate is checked against the name it carries,
/// not against a tunnel or an IP.
pub fn bootstrap(
    cluster: &KafkaCluster,
    port: u16,
    route: Route,
    tls_domain: Option<&str>,
) -> (Vec<String>, BTreeMap<String, String>) {
    let mut pods: Vec<&PodFacts> = cluster.pods.iter().collect();
    pods.sort_by_key(|p| !p.ready);
    let mut names = Vec::new();
    let mut map = BTreeMap::new();
    for p in pods {
        let Some(dial) = pod_target(p, port, route) else {
            continue;
        };
        let name = match tls_domain.and_then(|d| pod_fqdn(p, d)) {
            Some(fqdn) => {
                let name = join_host_port(&fqdn, port);
                map.insert(name.clone(), dial);
                name
            }
            None => dial,
        };
        if !names.contains(&name) {
            names.push(name);
        }
    }
    (names, map)
}

/// The listener ports to try on the pods: the Kafka client port first, then every other declared
/// container port (another listener may be the one whose advertised addresses answer from here).
pub fn candidate_ports(cluster: &KafkaCluster) -> Vec<u16> {
    let mut out = Vec::new();
    let first = cluster
        .pods
        .iter()
        .find(|p| p.ready)
        .or(cluster.pods.first());
    if let Some(p) = first {
        out.push(p.kafka_port);
        for port in &p.ports {
            if !out.contains(port) {
                out.push(*port);
            }
        }
    }
    out
}

/// Tie the brokers a listener at pod port `port` advertised to their pods.
pub fn endpoints(brokers: &[Broker], pods: &[PodFacts], port: u16) -> Vec<BrokerEndpoint> {
    discovery::bind(brokers, pods)
        .into_iter()
        .filter_map(|b| {
            let broker = b.broker?;
            let pod = pods.get(b.pod?)?;
            Some(BrokerEndpoint {
                advertised: join_host_port(&broker.host, u16::try_from(broker.port).ok()?),
                pod_name: pod.name.clone(),
                pod_ip: pod.ip.clone(),
                pod_port: port,
            })
        })
        .collect()
}

/// Advertised `host:port` → the address that reaches the broker's pod on `route`, for the brokers
/// of the listener that answered at pod port `port`. Identity entries are left out.
pub fn address_map(
    brokers: &[Broker],
    pods: &[PodFacts],
    port: u16,
    route: Route,
) -> BTreeMap<String, String> {
    route::address_map(&endpoints(brokers, pods, port), route)
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

/// The paths tried so far and how each ended, for the error when nothing answers.
#[derive(Debug, Default)]
struct Tried(Vec<String>);

impl Tried {
    fn add(&mut self, what: impl Into<String>) {
        let what = what.into();
        tracing::info!("connect: {what}");
        self.0.push(what);
    }
}

/// Does `addr` accept a TCP connection within `limit`?
async fn answers(addr: &str, limit: Duration) -> std::result::Result<(), String> {
    match tokio::time::timeout(limit, tokio::net::TcpStream::connect(addr)).await {
        Ok(Ok(_)) => Ok(()),
        Ok(Err(e)) => Err(format!("{addr}: {e}")),
        Err(_) => Err(format!("{addr}: no answer within {limit:?}")),
    }
}

/// Do all of `addrs` accept a connection (tried side by side)? The first failure otherwise.
async fn all_answer(addrs: &[String], limit: Duration) -> std::result::Result<(), String> {
    let checks = addrs.iter().map(|a| answers(a, limit));
    for r in futures::future::join_all(checks).await {
        r?;
    }
    Ok(())
}

/// An admin client for `cluster` (or `--bootstrap-server`), each request limited to
/// `request_timeout`. `kube` is the Kubernetes client, needed to tunnel through port-forward.
/// Choosing the path and connecting together take at most `request_timeout`.
pub async fn admin(
    args: &KafkaArgs,
    request_timeout: Duration,
    cluster: Option<&KafkaCluster>,
    kube: Option<&kube::Client>,
) -> Result<Admin> {
    let (tls, sasl) = security(args)?;
    // "No limit" still bounds each request by an hour: a broker that never answers is down.
    let timeout = request_timeout.min(Duration::from_secs(3600));
    let mut base = ConnectOptions::new(Vec::new());
    base.tls = tls;
    base.sasl = sasl;
    base.request_timeout = timeout;
    if !args.bootstrap_server.is_empty() {
        let mut o = base;
        o.bootstrap = args.bootstrap_server.clone();
        return Admin::connect(o).await.map_err(|e| {
            let what = format!("cannot reach Kafka at {}", args.bootstrap_server.join(","));
            match e {
                Error::Kafka(k) => Error::Kafka(k.context(what)),
                Error::Failed(m) => Error::kafka(format!("{what}: {m}")),
                other => other,
            }
        });
    }
    let Some(cluster) = cluster else {
        return Err(Error::usage(
            "no Kafka pods to connect to: pass --bootstrap-server HOST:PORT or point -n/-l at the pods",
        ));
    };
    let mode = args.mode();
    let domain = args.cluster_domain()?;
    let mut tried = Tried::default();
    let outcome = tokio::time::timeout(
        timeout,
        choose_and_connect(&base, mode, &domain, cluster, kube, &mut tried),
    )
    .await;
    let err = match outcome {
        Ok(Ok(admin)) => return Ok(admin),
        Ok(Err(e)) => e.to_string(),
        Err(_) => format!("no path answered within --request-timeout {timeout:?}"),
    };
    let next = match mode {
        ConnectMode::Auto => {
            "check that the broker pods run (kubectl get pods), that you may get and create pods/portforward (kubectl kafka rbac), or pass --bootstrap-server HOST:PORT of a listener reachable from here"
        }
        ConnectMode::Direct => {
            "the pod network may not be reachable from here: try --connect auto or --connect port-forward, or --bootstrap-server HOST:PORT"
        }
        ConnectMode::PortForward => {
            "check that the pods run and that you may get and create pods/portforward (kubectl kafka rbac), or try --connect auto"
        }
    };
    let mut msg = format!(
        "cannot reach Kafka of {}/{} (--connect {}): {err}",
        cluster.namespace,
        cluster.name,
        mode_name(mode)
    );
    if !tried.0.is_empty() {
        msg.push_str("\ntried:\n  ");
        msg.push_str(&tried.0.join("\n  "));
    }
    msg.push_str("\nhint: ");
    msg.push_str(next);
    Err(Error::kafka(msg))
}

fn mode_name(mode: ConnectMode) -> &'static str {
    match mode {
        ConnectMode::Auto => "auto",
        ConnectMode::Direct => "direct",
        ConnectMode::PortForward => "port-forward",
    }
}

/// How long closing the probes' tunnels waits for their connections to end.
const PROBE_CLOSE_GRACE: Duration = Duration::from_millis(500);

/// Auto mode's decision (or the one path the mode names), then the connection on it. Tunnels
/// opened to probe and not on the chosen path are closed before this returns.
async fn choose_and_connect(
    base: &ConnectOptions,
    mode: ConnectMode,
    domain: &str,
    cluster: &KafkaCluster,
    kube: Option<&kube::Client>,
    tried: &mut Tried,
) -> Result<Admin> {
    // One dialer for the run: every connection through it shares one tunnel per pod, and auto
    // mode's probes of the bootstrap pod's listeners share its tunnel.
    let pf = kube.map(|c| PortForwardDialer::new(c.clone(), &cluster.namespace));
    let out = decide(base, mode, domain, cluster, pf.as_ref(), tried).await;
    let through_tunnels = matches!(&out, Ok(a) if a.connect_options().route == Route::PortForward);
    if let Some(pf) = &pf
        && !through_tunnels
    {
        pf.close(PROBE_CLOSE_GRACE).await;
    }
    out
}

async fn decide(
    base: &ConnectOptions,
    mode: ConnectMode,
    domain: &str,
    cluster: &KafkaCluster,
    pf: Option<&PortForwardDialer>,
    tried: &mut Tried,
) -> Result<Admin> {
    let ports = candidate_ports(cluster);
    let Some(&first_port) = ports.first() else {
        return Err(Error::kafka(format!(
            "no broker pods in {}/{}",
            cluster.namespace, cluster.name
        )));
    };
    if let Some(pf) = pf {
        pf.carry(&ports);
    }
    let pf_dialer =
        || -> Option<Arc<dyn Dialer>> { pf.map(|d| Arc::new(d.clone()) as Arc<dyn Dialer>) };
    // The path the bootstrap takes: the pod IPs if they answer (or are asked for), else tunnels.
    let direct_targets = bootstrap_targets(cluster, first_port, Route::Direct);
    let pod_ips = match mode {
        ConnectMode::PortForward => false,
        ConnectMode::Direct => true,
        ConnectMode::Auto => match direct_targets.first() {
            None => {
                tried.add("pod IPs: no broker pod has an IP yet");
                false
            }
            Some(a) => match answers(a, PROBE_TIMEOUT).await {
                Ok(()) => true,
                Err(e) => {
                    tried.add(format!("pod IPs: {e}"));
                    false
                }
            },
        },
    };
    let route = if pod_ips {
        Route::Direct
    } else if pf.is_some() {
        Route::PortForward
    } else {
        tried.add("port-forward: no Kubernetes client (kubeconfig) to tunnel through");
        return Err(Error::kafka("nothing left to try"));
    };
    let dialer: Arc<dyn Dialer> = match route {
        Route::PortForward => pf_dialer().ok_or_else(|| Error::kafka("no Kubernetes client"))?,
        _ => base.dialer.clone(),
    };
    // Every mode tries the declared listeners in turn until one speaks this client's protocol
    // (the TLS listener for --tls, not the first port); auto also weighs their advertised
    // addresses: one may answer from here (an EXTERNAL listener behind a load balancer).
    let ports: &[u16] = &ports;
    // The first listener that answered, kept for the mapped route when no advertised set answers.
    let mut fallback: Option<(u16, Admin, Vec<BrokerEndpoint>)> = None;
    for &port in ports {
        let tls_domain = base.tls.is_some().then_some(domain);
        let (mut targets, bootstrap_map) = bootstrap(cluster, port, route, tls_domain);
        if targets.is_empty() {
            continue;
        }
        // Once a pod answered, the other listeners are probed on that pod only: through tunnels,
        // trying every pod would open a tunnel to each for a listener that may not suit us.
        if route == Route::PortForward && fallback.is_some() {
            targets.truncate(1);
        }
        let mut o = base.clone();
        o.bootstrap = targets;
        o.address_map = bootstrap_map;
        o.dialer = dialer.clone();
        o.route = route;
        // Through a tunnel that carries several ports, a listener that drops a connection of
        // another security protocol is not seen closing (the tunnel stays open for the other
        // ports): such a probe gets its own limit.
        let limit = if route == Route::PortForward && ports.len() > 1 {
            TUNNEL_PROBE_TIMEOUT
        } else {
            base.request_timeout
        };
        let probe = match tokio::time::timeout(limit, Admin::connect(o)).await {
            Ok(Ok(a)) => a,
            Ok(Err(e)) => {
                tried.add(format!("{route} to pod port {port}: {}", first_line(&e)));
                continue;
            }
            Err(_) => {
                tried.add(format!(
                    "{route} to pod port {port}: no Kafka answer within {limit:?} (a listener of another security protocol?)"
                ));
                continue;
            }
        };
        let eps = endpoints(&probe.known_brokers(), &cluster.pods, port);
        if eps.is_empty() {
            tried.add(format!(
                "{route} to pod port {port}: the listener's brokers match no pod"
            ));
            continue;
        }
        if mode == ConnectMode::Auto {
            let advertised: Vec<String> = eps.iter().map(|e| e.advertised.clone()).collect();
            let answer = all_answer(&advertised, PROBE_TIMEOUT).await;
            let reach = Reachability {
                advertised: answer.is_ok(),
                advertised_are_pod_ips: route::advertised_are_pod_ips(&eps),
                pod_ips,
                port_forward: pf.is_some(),
            };
            match (route::choose(reach), answer) {
                (Some(Route::Direct), Ok(())) if route == Route::Direct => {
                    return chosen(probe, Route::Direct, port);
                }
                (Some(Route::Advertised), Ok(())) => {
                    let mut o = base.clone();
                    o.bootstrap = advertised.clone();
                    o.route = Route::Advertised;
                    match Admin::connect(o).await {
                        Ok(a) => return chosen(a, Route::Advertised, port),
                        Err(e) => tried.add(format!(
                            "advertised addresses of pod port {port} ({}): {}",
                            advertised.join(","),
                            first_line(&e)
                        )),
                    }
                }
                (_, Err(e)) => tried.add(format!(
                    "advertised addresses of pod port {port} ({}): {e}",
                    advertised.join(",")
                )),
                (_, Ok(())) => {}
            }
        }
        if fallback.is_none() {
            fallback = Some((port, probe, eps));
        }
        if mode != ConnectMode::Auto {
            break;
        }
    }
    let Some((port, probe, eps)) = fallback else {
        return Err(Error::kafka(format!(
            "no listener of the broker pods answered over {route}"
        )));
    };
    // The other brokers' tunnels carry the chosen listener only.
    if let Some(pf) = pf {
        pf.carry(&[port]);
    }
    let map = route::address_map(&eps, route);
    if map.is_empty() {
        return chosen(probe, route, port);
    }
    tracing::debug!("advertised address map: {map:?}");
    let mut o = probe.connect_options().clone();
    o.address_map.extend(map);
    let admin = Admin::connect(o).await?;
    chosen(admin, route, port)
}

fn chosen(admin: Admin, route: Route, port: u16) -> Result<Admin> {
    tracing::info!("connect: route {route} (listener at pod port {port})");
    Ok(admin)
}

/// One line for the list of paths tried: the error's first line, or, when that only introduces a
/// list ("cannot reach any bootstrap server (...):"), the first item, which says why.
fn first_line(e: &Error) -> String {
    let text = e.to_string();
    let mut lines = text.lines();
    let first = lines.next().unwrap_or_default();
    match lines.next() {
        Some(reason) if first.ends_with(':') => reason.trim().to_string(),
        _ => first.to_string(),
    }
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
            bootstrap_targets(&c, 9092, Route::Direct),
            ["10.0.0.2:9092", "10.0.0.1:9092"]
        );
        assert_eq!(
            bootstrap_targets(&c, 9092, Route::PortForward),
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
        let m = address_map(&brokers, &pods, 9092, Route::Direct);
        assert_eq!(
            m.len(),
            1,
            "the broker advertising its pod IP needs no entry: {m:?}"
        );
        assert_eq!(
            m["kafka-0.kafka-hs.kafka.svc.cluster.local:9092"],
            "10.0.0.1:9092"
        );
        let m = address_map(&brokers, &pods, 9092, Route::PortForward);
        assert_eq!(m["10.0.0.2:9092"], "kafka-1:9092");
        assert_eq!(
            m["kafka-0.kafka-hs.kafka.svc.cluster.local:9092"],
            "kafka-0:9092"
        );
    }

    #[test]
    fn nodeport_brokers_map_to_the_port_that_answered_not_the_node_port() {
        // Shape (a): each broker advertises its node address and a NodePort; bound by ordinal.
        let pods = vec![
            pod("kafka-0", Some("127.0.150.11"), 9092, true),
            pod("kafka-1", Some("127.0.150.12"), 9092, true),
        ];
        let brokers = vec![
            broker(0, "127.0.153.1", 30120),
            broker(1, "127.0.153.2", 30121),
        ];
        let m = address_map(&brokers, &pods, 9092, Route::Direct);
        assert_eq!(m["127.0.153.1:30120"], "127.0.150.11:9092");
        assert_eq!(m["127.0.153.2:30121"], "127.0.150.12:9092");
        let m = address_map(&brokers, &pods, 9092, Route::PortForward);
        assert_eq!(m["127.0.153.2:30121"], "kafka-1:9092");
    }

    #[test]
    fn candidate_ports_start_with_the_client_port_of_a_ready_pod() {
        let mut p0 = pod("kafka-0", Some("10.0.0.1"), 9092, false);
        p0.ports = vec![9000];
        let mut p1 = pod("kafka-1", Some("10.0.0.2"), 9092, true);
        p1.ports = vec![9094, 9092, 9095];
        let c = KafkaCluster {
            namespace: "kafka".into(),
            name: "kafka".into(),
            convention: Convention::App,
            workloads: vec![],
            controller_workloads: vec![],
            pods: vec![p0, p1],
            controllers: vec![],
        };
        assert_eq!(candidate_ports(&c), [9092, 9094, 9095]);
    }

    #[test]
    fn port_forward_flag_is_the_port_forward_mode() {
        let a = KafkaArgs {
            port_forward: true,
            ..Default::default()
        };
        assert_eq!(a.mode(), ConnectMode::PortForward);
        assert_eq!(KafkaArgs::default().mode(), ConnectMode::Auto);
    }

    #[test]
    fn tls_bootstrap_goes_by_the_pod_dns_name() {
        let mut p = pod("kafka-0", Some("10.0.0.1"), 9092, true);
        p.hostname = Some("kafka-0".into());
        p.subdomain = Some("kafka-hs".into());
        let mut bare = pod("lonely", Some("10.0.0.2"), 9092, true);
        bare.subdomain = None;
        let c = KafkaCluster {
            namespace: "kafka".into(),
            name: "kafka".into(),
            convention: Convention::App,
            workloads: vec![],
            controller_workloads: vec![],
            pods: vec![p, bare],
            controllers: vec![],
        };
        let (names, map) = bootstrap(&c, 9095, Route::PortForward, Some("cluster.local"));
        assert_eq!(
            names,
            [
                "kafka-0.kafka-hs.kafka.svc.cluster.local:9095",
                "lonely:9095"
            ]
        );
        assert_eq!(map.len(), 1);
        assert_eq!(
            map["kafka-0.kafka-hs.kafka.svc.cluster.local:9095"],
            "kafka-0:9095"
        );
        let (names, map) = bootstrap(&c, 9095, Route::Direct, None);
        assert_eq!(names, ["10.0.0.1:9095", "10.0.0.2:9095"]);
        assert!(map.is_empty());
        // Another cluster domain: the name the certificate carries there.
        let (names, map) = bootstrap(&c, 9095, Route::Direct, Some("corp.example"));
        assert_eq!(
            names,
            [
                "kafka-0.kafka-hs.kafka.svc.corp.example:9095",
                "10.0.0.2:9095"
            ]
        );
        assert_eq!(
            map["kafka-0.kafka-hs.kafka.svc.corp.example:9095"],
            "10.0.0.1:9095"
        );
    }

    #[test]
    fn cluster_domain_flag() {
        assert_eq!(cluster_domain("").unwrap(), "cluster.local");
        assert_eq!(cluster_domain("Corp.Example.").unwrap(), "corp.example");
        assert_eq!(cluster_domain("k8s-1.internal").unwrap(), "k8s-1.internal");
        for bad in ["a..b", "-x.local", "a b", "x_y.local"] {
            let e = cluster_domain(bad);
            assert!(matches!(e, Err(Error::Usage(_))), "{bad}: {e:?}");
        }
        let args = KafkaArgs::default();
        assert_eq!(args.cluster_domain().unwrap(), DEFAULT_CLUSTER_DOMAIN);
    }

    #[test]
    fn ipv6_targets_are_bracketed() {
        let p = pod("kafka-0", Some("fd00::1"), 9092, true);
        assert_eq!(
            pod_target(&p, 9092, Route::Direct).as_deref(),
            Some("[fd00::1]:9092")
        );
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
