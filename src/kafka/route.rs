//! Which path reaches the brokers from here, and the advertised → dial address map for it.
//!
//! The shared connection API: a [`super::ConnectOptions`] carries the chosen [`Route`], the
//! `address_map` (advertised `host:port` → what to dial on that route) and the `dialer` that opens
//! the stream (TCP, or a port-forward tunnel from the k8s layer). Any client that needs a byte
//! stream to a broker, the admin pool or a data-plane relay, calls
//! [`super::ConnectOptions::dial_advertised`] with the address Kafka advertised and gets a stream
//! on whatever path was chosen; the TLS server name stays the advertised host.
//!
//! Everything here is pure: the k8s-facing part (which pods, which ports answered) hands in plain
//! values.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

/// How broker connections travel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Route {
    /// `--bootstrap-server`: the given addresses and whatever the brokers advertise, as they are.
    #[default]
    Bootstrap,
    /// The brokers' advertised addresses answer from here (NodePort, load balancer, routable DNS).
    Advertised,
    /// TCP to the pod IPs, at the port the listener binds in the pod.
    Direct,
    /// A tunnel per broker through the Kubernetes API server (`pods/portforward`).
    PortForward,
}

impl Route {
    pub fn as_str(self) -> &'static str {
        match self {
            Route::Bootstrap => "bootstrap",
            Route::Advertised => "advertised",
            Route::Direct => "direct",
            Route::PortForward => "port-forward",
        }
    }
}

impl fmt::Display for Route {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What was learnt from here about the paths, in the order auto mode prefers them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Reachability {
    /// Every broker's advertised address accepted a TCP connection from here.
    pub advertised: bool,
    /// The advertised addresses are the pod IPs at the pods' own ports (nothing to map).
    pub advertised_are_pod_ips: bool,
    /// A pod IP accepted a connection at the listener's pod port.
    pub pod_ips: bool,
    /// A Kubernetes client is at hand to open port-forward tunnels.
    pub port_forward: bool,
}

/// Auto mode's rule: the advertised addresses when they answer (named `direct` when they are the
/// pod IPs themselves), then the pod IPs, then port-forward; None when nothing is left to try.
pub fn choose(r: Reachability) -> Option<Route> {
    if r.advertised {
        Some(if r.advertised_are_pod_ips {
            Route::Direct
        } else {
            Route::Advertised
        })
    } else if r.pod_ips {
        Some(Route::Direct)
    } else if r.port_forward {
        Some(Route::PortForward)
    } else {
        None
    }
}

/// One broker as the k8s layer sees it: what it advertises and the pod behind it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokerEndpoint {
    /// `host:port` from the metadata of the listener we spoke to.
    pub advertised: String,
    pub pod_name: String,
    pub pod_ip: Option<String>,
    /// The port that listener binds inside the pod (the port that answered the bootstrap), never
    /// the NodePort or load-balancer port it may advertise.
    pub pod_port: u16,
}

/// `host:port`, bracketing IPv6 literals.
pub fn join_host_port(host: &str, port: u16) -> String {
    if host.contains(':') && !host.starts_with('[') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    }
}

/// The address a port-forward dialer understands for `pod` and `port`.
pub fn pod_address(pod: &str, port: u16) -> String {
    format!("{pod}:{port}")
}

/// Advertised `host:port` → the address to dial on `route`. Identity entries are left out; on
/// [`Route::Advertised`] and [`Route::Bootstrap`] nothing is mapped. A broker without a pod IP has
/// no direct entry (its connection fails and says where it went).
pub fn address_map(endpoints: &[BrokerEndpoint], route: Route) -> BTreeMap<String, String> {
    let mut map = BTreeMap::new();
    for e in endpoints {
        let to = match route {
            Route::Advertised | Route::Bootstrap => None,
            Route::Direct => e.pod_ip.as_deref().map(|ip| join_host_port(ip, e.pod_port)),
            Route::PortForward => Some(pod_address(&e.pod_name, e.pod_port)),
        };
        if let Some(to) = to
            && to != e.advertised
        {
            map.insert(e.advertised.clone(), to);
        }
    }
    map
}

/// True when every advertised address is its pod's IP at the pod port (the classic in-cluster
/// shape): then "advertised" and "direct" are the same path.
pub fn advertised_are_pod_ips(endpoints: &[BrokerEndpoint]) -> bool {
    !endpoints.is_empty()
        && endpoints.iter().all(|e| {
            e.pod_ip
                .as_deref()
                .is_some_and(|ip| join_host_port(ip, e.pod_port) == e.advertised)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ep(adv: &str, pod: &str, ip: Option<&str>, port: u16) -> BrokerEndpoint {
        BrokerEndpoint {
            advertised: adv.into(),
            pod_name: pod.into(),
            pod_ip: ip.map(str::to_string),
            pod_port: port,
        }
    }

    #[test]
    fn nodeport_maps_to_the_pod_port_not_the_node_port() {
        let eps = [
            ep("127.0.153.1:30120", "kafka-0", Some("127.0.150.11"), 9092),
            ep("127.0.153.2:30121", "kafka-1", Some("127.0.150.12"), 9092),
        ];
        let m = address_map(&eps, Route::Direct);
        assert_eq!(m["127.0.153.1:30120"], "127.0.150.11:9092");
        assert_eq!(m["127.0.153.2:30121"], "127.0.150.12:9092");
        let m = address_map(&eps, Route::PortForward);
        assert_eq!(m["127.0.153.1:30120"], "kafka-0:9092");
        assert!(address_map(&eps, Route::Advertised).is_empty());
        assert!(address_map(&eps, Route::Bootstrap).is_empty());
        assert!(!advertised_are_pod_ips(&eps));
    }

    #[test]
    fn load_balancer_external_listener_maps_to_its_own_pod_port() {
        // EXTERNAL advertises LB:9094 and binds 9094 in the pod; INTERNAL (9092) is not it.
        let eps = [ep(
            "127.0.152.7:9094",
            "kafka-0",
            Some("127.0.150.11"),
            9094,
        )];
        assert_eq!(
            address_map(&eps, Route::Direct)["127.0.152.7:9094"],
            "127.0.150.11:9094"
        );
        assert_eq!(
            address_map(&eps, Route::PortForward)["127.0.152.7:9094"],
            "kafka-0:9094"
        );
    }

    #[test]
    fn fqdns_map_and_pod_ips_need_no_entry() {
        let eps = [
            ep(
                "kafka-0.kafka-hs.ns.svc.cluster.local:9095",
                "kafka-0",
                Some("127.0.150.11"),
                9095,
            ),
            ep("127.0.150.12:9092", "kafka-1", Some("127.0.150.12"), 9092),
            ep(
                "kafka-2.kafka-hs.ns.svc.cluster.local:9095",
                "kafka-2",
                None,
                9095,
            ),
        ];
        let m = address_map(&eps, Route::Direct);
        assert_eq!(m.len(), 1, "{m:?}");
        assert_eq!(
            m["kafka-0.kafka-hs.ns.svc.cluster.local:9095"],
            "127.0.150.11:9095"
        );
        let m = address_map(&eps, Route::PortForward);
        assert_eq!(m.len(), 3);
        assert_eq!(m["127.0.150.12:9092"], "kafka-1:9092");
        assert_eq!(
            m["kafka-2.kafka-hs.ns.svc.cluster.local:9095"],
            "kafka-2:9095"
        );
    }

    #[test]
    fn pod_ip_shape_is_recognised() {
        let eps = [
            ep("127.0.150.11:9092", "kafka-0", Some("127.0.150.11"), 9092),
            ep("[fd00::2]:9092", "kafka-1", Some("fd00::2"), 9092),
        ];
        assert!(advertised_are_pod_ips(&eps));
        assert!(!advertised_are_pod_ips(&[]));
        // Same IP, other port: a NodePort on a host-network pod is not the pod port.
        assert!(!advertised_are_pod_ips(&[ep(
            "127.0.150.11:30120",
            "kafka-0",
            Some("127.0.150.11"),
            9092
        )]));
    }

    #[test]
    fn choice_follows_the_preference_order() {
        let all = Reachability {
            advertised: true,
            advertised_are_pod_ips: false,
            pod_ips: true,
            port_forward: true,
        };
        assert_eq!(choose(all), Some(Route::Advertised));
        assert_eq!(
            choose(Reachability {
                advertised_are_pod_ips: true,
                ..all
            }),
            Some(Route::Direct)
        );
        assert_eq!(
            choose(Reachability {
                advertised: false,
                ..all
            }),
            Some(Route::Direct)
        );
        assert_eq!(
            choose(Reachability {
                advertised: false,
                pod_ips: false,
                ..all
            }),
            Some(Route::PortForward)
        );
        assert_eq!(choose(Reachability::default()), None);
        // "advertised are pod IPs" means nothing when they do not answer.
        assert_eq!(
            choose(Reachability {
                advertised_are_pod_ips: true,
                ..Reachability::default()
            }),
            None
        );
    }

    #[test]
    fn ipv6_hosts_are_bracketed_once() {
        assert_eq!(join_host_port("fd00::1", 9092), "[fd00::1]:9092");
        assert_eq!(join_host_port("[fd00::1]", 9092), "[fd00::1]:9092");
        assert_eq!(join_host_port("kafka-0", 9092), "kafka-0:9092");
        assert_eq!(
            route_names(),
            ["bootstrap", "advertised", "direct", "port-forward"]
        );
    }

    fn route_names() -> Vec<String> {
        [
            Route::Bootstrap,
            Route::Advertised,
            Route::Direct,
            Route::PortForward,
        ]
        .iter()
        .map(|r| {
            serde_json::to_value(r)
                .unwrap()
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
    }
}
