//! kube-proxy and load-balancer stand-ins. For every TCP Service port the agent listens on the
//! host (which every pod and, for node and load-balancer addresses, the outside namespace can
//! reach) and relays each connection to one of the Service's endpoints, round-robin:
//! - ClusterIP Services at ClusterIP:port;
//! - NodePort (and LoadBalancer) Services at every node address:nodePort;
//! - LoadBalancer Services at an ingress address from the slot's pool (or their
//!   spec.loadBalancerIP when it is in the pool), written to status.loadBalancer.ingress.
//!
//! Endpoints are what the EndpointSlice controller would list (EndpointSlices themselves
//! refuse loopback addresses): Ready pods matching the selector (all pods with
//! publishNotReadyAddresses), with targetPort resolved by number or container port name. A
//! Service port without endpoints has no listener, so connections are refused as kube-proxy
//! rejects them.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use k8s_openapi::api::core::v1::{Pod, Service, ServicePort};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use kube::ResourceExt;
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;
use tracing::{debug, info, warn};

use crate::addr::Cidr;

/// `namespace/name`
pub fn key(svc: &Service) -> String {
    format!("{}/{}", svc.namespace().unwrap_or_default(), svc.name_any())
}

fn is_ready(p: &Pod) -> bool {
    p.status
        .as_ref()
        .and_then(|s| s.conditions.as_ref())
        .is_some_and(|cs| cs.iter().any(|c| c.type_ == "Ready" && c.status == "True"))
}

fn matches(selector: &BTreeMap<String, String>, p: &Pod) -> bool {
    let labels = p.labels();
    !selector.is_empty() && selector.iter().all(|(k, v)| labels.get(k) == Some(v))
}

fn target_port(port: &ServicePort, p: &Pod) -> Option<u16> {
    match &port.target_port {
        None => u16::try_from(port.port).ok(),
        Some(IntOrString::Int(n)) => u16::try_from(*n).ok(),
        Some(IntOrString::String(name)) => p
            .spec
            .as_ref()?
            .containers
            .iter()
            .flat_map(|c| c.ports.iter().flatten())
            .find(|cp| cp.name.as_deref() == Some(name.as_str()))
            .and_then(|cp| u16::try_from(cp.container_port).ok()),
    }
}

/// The pods behind a Service port, as `podIP:targetPort`.
pub fn endpoints(svc: &Service, port: &ServicePort, pods: &[Arc<Pod>]) -> Vec<SocketAddr> {
    let Some(spec) = svc.spec.as_ref() else {
        return Vec::new();
    };
    let selector = spec.selector.clone().unwrap_or_default();
    let not_ready_too = spec.publish_not_ready_addresses == Some(true);
    let ns = svc.namespace();
    let mut out: Vec<SocketAddr> = pods
        .iter()
        .filter(|p| p.namespace() == ns && matches(&selector, p))
        .filter(|p| not_ready_too || (p.metadata.deletion_timestamp.is_none() && is_ready(p)))
        .filter_map(|p| {
            let ip: Ipv4Addr = p.status.as_ref()?.pod_ip.as_deref()?.parse().ok()?;
            Some(SocketAddr::from((ip, target_port(port, p)?)))
        })
        .collect();
    out.sort();
    out
}

fn tcp(port: &ServicePort) -> bool {
    port.protocol
        .as_deref()
        .is_none_or(|p| p.eq_ignore_ascii_case("TCP"))
}

fn is_lb(svc: &Service) -> bool {
    svc.spec.as_ref().is_some_and(|s| {
        s.type_.as_deref() == Some("LoadBalancer") && s.load_balancer_class.is_none()
    })
}

/// Ingress addresses for LoadBalancer Services: the one in status when it is still valid,
/// else spec.loadBalancerIP when it is free in the pool, else the next free pool address.
/// Returns the assignment and, per Service left without one, why.
pub fn assign_lb(
    services: &[Arc<Service>],
    pool: &Cidr,
) -> (BTreeMap<String, Ipv4Addr>, BTreeMap<String, String>) {
    let mut lbs: Vec<&Arc<Service>> = services.iter().filter(|s| is_lb(s)).collect();
    lbs.sort_by_key(|s| (s.metadata.creation_timestamp.clone().map(|t| t.0), key(s)));
    let mut assigned: BTreeMap<String, Ipv4Addr> = BTreeMap::new();
    let mut problems = BTreeMap::new();
    let used = |a: &BTreeMap<String, Ipv4Addr>, ip: Ipv4Addr| a.values().any(|v| *v == ip);
    let requested = |s: &Service| -> Option<String> {
        s.spec
            .as_ref()?
            .load_balancer_ip
            .clone()
            .filter(|ip| !ip.is_empty())
    };
    let current = |s: &Service| -> Option<Ipv4Addr> {
        s.status
            .as_ref()?
            .load_balancer
            .as_ref()?
            .ingress
            .as_ref()?
            .iter()
            .find_map(|i| i.ip.as_deref()?.parse().ok())
    };
    // Keep what is assigned and still wanted first, so a new Service never steals an address.
    for s in &lbs {
        if let Some(ip) = current(s).filter(|ip| pool.contains(*ip))
            && requested(s).is_none_or(|r| r == ip.to_string())
            && !used(&assigned, ip)
        {
            assigned.insert(key(s), ip);
        }
    }
    for s in &lbs {
        let k = key(s);
        if assigned.contains_key(&k) {
            continue;
        }
        match requested(s) {
            Some(r) => match r.parse::<Ipv4Addr>() {
                Ok(ip) if pool.contains(ip) && !used(&assigned, ip) => {
                    assigned.insert(k, ip);
                }
                Ok(ip) if pool.contains(ip) => {
                    problems.insert(
                        k,
                        format!("spec.loadBalancerIP {ip} is taken by another Service"),
                    );
                }
                _ => {
                    problems.insert(
                        k,
                        format!("spec.loadBalancerIP {r} is not in the testbed's load-balancer pool {pool}"),
                    );
                }
            },
            None => match pool.all_hosts().find(|ip| !used(&assigned, *ip)) {
                Some(ip) => {
                    assigned.insert(k, ip);
                }
                None => {
                    problems.insert(k, format!("the load-balancer pool {pool} is exhausted"));
                }
            },
        }
    }
    (assigned, problems)
}

/// Every listener the Services need: listen address → (description, endpoints).
pub fn desired(
    services: &[Arc<Service>],
    pods: &[Arc<Pod>],
    node_ips: &[Ipv4Addr],
    lb: &BTreeMap<String, Ipv4Addr>,
    apiserver: Option<SocketAddr>,
) -> BTreeMap<SocketAddr, (String, Vec<SocketAddr>)> {
    let mut out = BTreeMap::new();
    for svc in services {
        let Some(spec) = svc.spec.as_ref() else {
            continue;
        };
        let k = key(svc);
        let cluster_ip: Option<Ipv4Addr> =
            spec.cluster_ip.as_deref().and_then(|ip| ip.parse().ok());
        let node_ports = matches!(
            spec.type_.as_deref(),
            Some("NodePort") | Some("LoadBalancer")
        );
        for port in spec.ports.iter().flatten().filter(|p| tcp(p)) {
            let eps = if k == "default/kubernetes" {
                apiserver.into_iter().collect()
            } else {
                endpoints(svc, port, pods)
            };
            if eps.is_empty() {
                continue;
            }
            let Ok(p) = u16::try_from(port.port) else {
                continue;
            };
            if let Some(ip) = cluster_ip {
                out.insert(
                    SocketAddr::from((ip, p)),
                    (format!("{k}:{p} (ClusterIP)"), eps.clone()),
                );
            }
            if node_ports && let Some(np) = port.node_port.and_then(|n| u16::try_from(n).ok()) {
                for nip in node_ips {
                    out.insert(
                        SocketAddr::from((*nip, np)),
                        (format!("{k}:{p} (NodePort {np})"), eps.clone()),
                    );
                }
            }
            if let Some(ip) = lb.get(&k) {
                out.insert(
                    SocketAddr::from((*ip, p)),
                    (format!("{k}:{p} (LoadBalancer)"), eps.clone()),
                );
            }
        }
    }
    out
}

#[derive(Default)]
struct Backends {
    addrs: Vec<SocketAddr>,
    next: usize,
}

impl Backends {
    /// The endpoints in the order to try them, starting with the next in turn.
    fn order(&mut self) -> Vec<SocketAddr> {
        let n = self.addrs.len();
        if n == 0 {
            return Vec::new();
        }
        let start = self.next % n;
        self.next = self.next.wrapping_add(1);
        (0..n).map(|i| self.addrs[(start + i) % n]).collect()
    }
}

struct Listener {
    desc: String,
    backends: Arc<Mutex<Backends>>,
    task: JoinHandle<()>,
}

/// The running listeners.
#[derive(Default)]
pub struct Proxy {
    listeners: HashMap<SocketAddr, Listener>,
}

impl Proxy {
    /// Opens, updates and closes listeners to match `want`.
    pub async fn apply(&mut self, want: BTreeMap<SocketAddr, (String, Vec<SocketAddr>)>) {
        let gone: Vec<SocketAddr> = self
            .listeners
            .keys()
            .filter(|a| !want.contains_key(a))
            .copied()
            .collect();
        for a in gone {
            if let Some(l) = self.listeners.remove(&a) {
                l.task.abort();
                info!(listen = %a, "{}: no endpoints left, listener closed", l.desc);
            }
        }
        for (addr, (desc, eps)) in want {
            if let Some(l) = self.listeners.get_mut(&addr) {
                let mut b = match l.backends.lock() {
                    Ok(g) => g,
                    Err(p) => p.into_inner(),
                };
                if b.addrs != eps {
                    debug!(listen = %addr, ?eps, "{desc}: endpoints changed");
                    b.addrs = eps;
                }
                l.desc = desc;
                continue;
            }
            match TcpListener::bind(addr).await {
                Ok(listener) => {
                    info!(listen = %addr, ?eps, "{desc}: listening");
                    let backends = Arc::new(Mutex::new(Backends {
                        addrs: eps,
                        next: 0,
                    }));
                    let task = tokio::spawn(serve(listener, backends.clone()));
                    self.listeners.insert(
                        addr,
                        Listener {
                            desc,
                            backends,
                            task,
                        },
                    );
                }
                Err(e) => warn!(listen = %addr, "{desc}: cannot listen (will retry): {e}"),
            }
        }
    }

    pub fn shutdown(&mut self) {
        for (_, l) in self.listeners.drain() {
            l.task.abort();
        }
    }
}

async fn serve(listener: TcpListener, backends: Arc<Mutex<Backends>>) {
    loop {
        match listener.accept().await {
            Ok((inbound, _)) => {
                let order = match backends.lock() {
                    Ok(mut g) => g.order(),
                    Err(p) => p.into_inner().order(),
                };
                tokio::spawn(relay(inbound, order));
            }
            Err(e) => {
                warn!("accept failed: {e}");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }
}

/// Connects to the first endpoint that answers and copies both ways until either side closes.
async fn relay(mut inbound: TcpStream, order: Vec<SocketAddr>) {
    let _ = inbound.set_nodelay(true);
    for addr in order {
        match tokio::time::timeout(Duration::from_secs(3), TcpStream::connect(addr)).await {
            Ok(Ok(mut out)) => {
                let _ = out.set_nodelay(true);
                let _ = tokio::io::copy_bidirectional(&mut inbound, &mut out).await;
                return;
            }
            Ok(Err(e)) => debug!(%addr, "endpoint refused: {e}"),
            Err(_) => debug!(%addr, "endpoint did not answer in 3 s"),
        }
    }
    // Nothing answered: reset the client's connection, as a REJECT rule would refuse it.
    let _ = inbound.set_zero_linger();
}

/// `node-agent forward`: one fixed relay (the control plane's address for the outside).
pub async fn forward_forever(listen: SocketAddr, target: SocketAddr) -> anyhow::Result<()> {
    let listener = TcpListener::bind(listen)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {listen}: {e}"))?;
    info!(%listen, %target, "forwarding");
    let backends = Arc::new(Mutex::new(Backends {
        addrs: vec![target],
        next: 0,
    }));
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
    tokio::select! {
        _ = serve(listener, backends) => {}
        _ = term.recv() => {}
        _ = tokio::signal::ctrl_c() => {}
    }
    Ok(())
}

/// Service names and the ClusterIPs / pod IPs their DNS names answer with.
pub fn dns_answers(
    services: &[Arc<Service>],
    pods: &[Arc<Pod>],
) -> Vec<(String, String, Vec<Ipv4Addr>)> {
    let mut out = Vec::new();
    for svc in services {
        let Some(spec) = svc.spec.as_ref() else {
            continue;
        };
        let ns = svc.namespace().unwrap_or_default();
        let ips: Vec<Ipv4Addr> = match spec.cluster_ip.as_deref() {
            Some("None") => {
                let selector = spec.selector.clone().unwrap_or_default();
                let not_ready_too = spec.publish_not_ready_addresses == Some(true);
                let set: BTreeSet<Ipv4Addr> = pods
                    .iter()
                    .filter(|p| {
                        p.namespace().as_deref() == Some(ns.as_str()) && matches(&selector, p)
                    })
                    .filter(|p| not_ready_too || is_ready(p))
                    .filter_map(|p| p.status.as_ref()?.pod_ip.as_deref()?.parse().ok())
                    .collect();
                set.into_iter().collect()
            }
            Some(ip) => ip.parse().into_iter().collect(),
            None => Vec::new(),
        };
        if !ips.is_empty() {
            out.push((ns, svc.name_any(), ips));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::api::core::v1::{
        Container, ContainerPort, LoadBalancerIngress, LoadBalancerStatus, PodCondition, PodSpec,
        PodStatus, ServiceSpec, ServiceStatus,
    };
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

    fn pod(name: &str, ip: &str, ready: bool, labels: &[(&str, &str)]) -> Arc<Pod> {
        Arc::new(Pod {
            metadata: ObjectMeta {
                name: Some(name.into()),
                namespace: Some("ns".into()),
                labels: Some(
                    labels
                        .iter()
                        .map(|(k, v)| (k.to_string(), v.to_string()))
                        .collect(),
                ),
                ..Default::default()
            },
            spec: Some(PodSpec {
                containers: vec![Container {
                    name: "kafka".into(),
                    ports: Some(vec![ContainerPort {
                        name: Some("client".into()),
                        container_port: 9092,
                        ..Default::default()
                    }]),
                    ..Default::default()
                }],
                ..Default::default()
            }),
            status: Some(PodStatus {
                pod_ip: Some(ip.into()),
                conditions: Some(vec![PodCondition {
                    type_: "Ready".into(),
                    status: if ready { "True" } else { "False" }.into(),
                    ..Default::default()
                }]),
                ..Default::default()
            }),
        })
    }

    fn svc(name: &str, type_: &str, cluster_ip: &str, lb_ip: Option<&str>) -> Arc<Service> {
        Arc::new(Service {
            metadata: ObjectMeta {
                name: Some(name.into()),
                namespace: Some("ns".into()),
                ..Default::default()
            },
            spec: Some(ServiceSpec {
                type_: Some(type_.into()),
                cluster_ip: Some(cluster_ip.into()),
                selector: Some([("app".to_string(), "kafka".to_string())].into()),
                load_balancer_ip: lb_ip.map(str::to_string),
                ports: Some(vec![ServicePort {
                    port: 9094,
                    target_port: Some(IntOrString::String("client".into())),
                    node_port: (type_ != "ClusterIP").then_some(30120),
                    ..Default::default()
                }]),
                ..Default::default()
            }),
            status: None,
        })
    }

    #[test]
    fn endpoints_are_ready_selected_pods_with_named_ports() {
        let pods = vec![
            pod("kafka-0", "127.0.110.1", true, &[("app", "kafka")]),
            pod("kafka-1", "127.0.110.2", false, &[("app", "kafka")]),
            pod("zk-0", "127.0.110.3", true, &[("app", "zk")]),
        ];
        let s = svc("bootstrap", "ClusterIP", "127.0.111.7", None);
        let port = &s.spec.as_ref().unwrap().ports.as_ref().unwrap()[0];
        assert_eq!(
            endpoints(&s, port, &pods),
            vec!["127.0.110.1:9092".parse::<SocketAddr>().unwrap()]
        );
        let mut headless = (*s).clone();
        if let Some(sp) = headless.spec.as_mut() {
            sp.publish_not_ready_addresses = Some(true);
            sp.cluster_ip = Some("None".into());
        }
        assert_eq!(endpoints(&headless, port, &pods).len(), 2);
        let dns = dns_answers(&[Arc::new(headless), s.clone()], &pods);
        assert_eq!(dns[0].2.len(), 2);
        assert_eq!(dns[1].2, vec![Ipv4Addr::new(127, 0, 111, 7)]);
    }

    #[test]
    fn listeners_per_service_type() {
        let pods = vec![pod("kafka-0", "127.0.110.1", true, &[("app", "kafka")])];
        let nodes = [Ipv4Addr::new(127, 0, 113, 1), Ipv4Addr::new(127, 0, 113, 2)];
        let services = vec![
            svc("c", "ClusterIP", "127.0.111.1", None),
            svc("n", "NodePort", "127.0.111.2", None),
            svc("l", "LoadBalancer", "127.0.111.3", None),
        ];
        let pool: Cidr = "127.0.112.0/24".parse().unwrap();
        let (lb, problems) = assign_lb(&services, &pool);
        assert!(problems.is_empty());
        assert_eq!(lb["ns/l"], Ipv4Addr::new(127, 0, 112, 1));
        let want = desired(&services, &pods, &nodes, &lb, None);
        let addrs: Vec<String> = want.keys().map(|a| a.to_string()).collect();
        assert_eq!(
            addrs,
            vec![
                "127.0.111.1:9094",
                "127.0.111.2:9094",
                "127.0.111.3:9094",
                "127.0.112.1:9094",
                "127.0.113.1:30120",
                "127.0.113.2:30120",
            ]
        );
        assert!(
            want.values()
                .all(|(_, eps)| eps == &vec!["127.0.110.1:9092".parse::<SocketAddr>().unwrap()])
        );
        let nobody: Vec<Arc<Pod>> = Vec::new();
        assert!(
            desired(&services, &nobody, &nodes, &lb, None).is_empty(),
            "no endpoints, no listeners"
        );
    }

    #[test]
    fn load_balancer_addresses() {
        let pool: Cidr = "127.0.112.0/24".parse().unwrap();
        let mut kept = (*svc("old", "LoadBalancer", "127.0.111.1", None)).clone();
        kept.status = Some(ServiceStatus {
            load_balancer: Some(LoadBalancerStatus {
                ingress: Some(vec![LoadBalancerIngress {
                    ip: Some("127.0.112.9".into()),
                    ..Default::default()
                }]),
            }),
            ..Default::default()
        });
        let services = vec![
            svc("asks", "LoadBalancer", "127.0.111.2", Some("127.0.112.9")),
            Arc::new(kept),
            svc("wants", "LoadBalancer", "127.0.111.3", Some("127.0.112.50")),
            svc("outside", "LoadBalancer", "127.0.111.4", Some("10.0.0.1")),
            svc("any", "LoadBalancer", "127.0.111.5", None),
            svc("plain", "ClusterIP", "127.0.111.6", None),
        ];
        let (lb, problems) = assign_lb(&services, &pool);
        assert_eq!(lb["ns/old"], Ipv4Addr::new(127, 0, 112, 9));
        assert_eq!(lb["ns/wants"], Ipv4Addr::new(127, 0, 112, 50));
        assert_eq!(lb["ns/any"], Ipv4Addr::new(127, 0, 112, 1));
        assert!(problems["ns/asks"].contains("taken"), "{problems:?}");
        assert!(problems["ns/outside"].contains("not in the testbed's load-balancer pool"));
        assert!(!lb.contains_key("ns/plain"));
    }

    #[test]
    fn round_robin_order() {
        let mut b = Backends {
            addrs: vec![
                "127.0.0.1:1".parse().unwrap(),
                "127.0.0.1:2".parse().unwrap(),
            ],
            next: 0,
        };
        assert_eq!(b.order()[0].port(), 1);
        assert_eq!(b.order()[0].port(), 2);
        assert_eq!(
            b.order(),
            vec![
                "127.0.0.1:1".parse().unwrap(),
                "127.0.0.1:2".parse().unwrap()
            ]
        );
    }
}
