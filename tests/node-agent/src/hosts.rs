//! The cluster DNS stand-in: hosts files with what CoreDNS would answer (pod FQDNs on their
//! subdomain, Service names to ClusterIPs, headless Service names to their pods), and each pod's
//! own `/etc/hosts` the way a kubelet writes it. Pure.

use std::collections::BTreeMap;
use std::net::Ipv4Addr;

pub const CLUSTER_DOMAIN: &str = "cluster.local";

/// A pod's DNS identity.
#[derive(Debug, Clone)]
pub struct PodName<'a> {
    pub namespace: &'a str,
    pub hostname: &'a str,
    pub subdomain: Option<&'a str>,
    pub ip: Ipv4Addr,
}

/// A Service's DNS answer: its ClusterIP, or for a headless Service the IPs of its pods.
#[derive(Debug, Clone)]
pub struct ServiceName<'a> {
    pub namespace: &'a str,
    pub name: &'a str,
    pub ips: Vec<Ipv4Addr>,
}

/// Name → addresses, in a stable order, for one namespace's point of view (`None`: the host's,
/// which only knows fully qualified names).
pub fn records(
    pods: &[PodName<'_>],
    services: &[ServiceName<'_>],
    own_namespace: Option<&str>,
) -> Vec<(Ipv4Addr, Vec<String>)> {
    let d = CLUSTER_DOMAIN;
    let mut out: Vec<(Ipv4Addr, Vec<String>)> = Vec::new();
    for p in pods {
        let Some(sub) = p.subdomain else { continue };
        let (h, ns) = (p.hostname, p.namespace);
        let mut names = vec![
            format!("{h}.{sub}.{ns}.svc.{d}"),
            format!("{h}.{sub}.{ns}.svc"),
            format!("{h}.{sub}.{ns}"),
        ];
        if own_namespace == Some(ns) {
            names.push(format!("{h}.{sub}"));
        }
        out.push((p.ip, names));
    }
    for s in services {
        let (n, ns) = (s.name, s.namespace);
        for ip in &s.ips {
            let mut names = vec![
                format!("{n}.{ns}.svc.{d}"),
                format!("{n}.{ns}.svc"),
                format!("{n}.{ns}"),
            ];
            if own_namespace == Some(ns) {
                names.push(n.to_string());
            }
            out.push((*ip, names));
        }
    }
    out
}

fn render_records(records: &[(Ipv4Addr, Vec<String>)]) -> String {
    let mut s = String::new();
    for (ip, names) in records {
        s.push_str(&ip.to_string());
        for n in names {
            s.push(' ');
            s.push_str(n);
        }
        s.push('\n');
    }
    s
}

/// The host's view: every fully qualified cluster name (for tools on the pod network).
pub fn render_cluster(records: &[(Ipv4Addr, Vec<String>)]) -> String {
    let mut s = String::from("# Cluster names served by the testbed node agent.\n");
    s.push_str(&render_records(records));
    s
}

/// One pod's `/etc/hosts`: the kubelet's header and own entry, the pod's hostAliases, then the
/// cluster names as seen from the pod's namespace.
pub fn render_pod(
    own: &PodName<'_>,
    host_aliases: &BTreeMap<Ipv4Addr, Vec<String>>,
    records: &[(Ipv4Addr, Vec<String>)],
) -> String {
    let mut s = String::from("# Kubernetes-managed hosts file.\n");
    s.push_str("127.0.0.1\tlocalhost\n");
    s.push_str("::1\tlocalhost ip6-localhost ip6-loopback\n");
    s.push_str("fe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n");
    match own.subdomain {
        Some(sub) => s.push_str(&format!(
            "{}\t{}.{sub}.{}.svc.{CLUSTER_DOMAIN}\t{}\n",
            own.ip, own.hostname, own.namespace, own.hostname
        )),
        None => s.push_str(&format!("{}\t{}\n", own.ip, own.hostname)),
    }
    if !host_aliases.is_empty() {
        s.push_str("\n# Entries added by HostAliases.\n");
        for (ip, names) in host_aliases {
            s.push_str(&format!("{ip}\t{}\n", names.join("\t")));
        }
    }
    s.push_str("\n# Cluster DNS names (testbed node agent).\n");
    s.push_str(&render_records(records));
    s
}

/// `search`/`ndots` as a kubelet sets them for ClusterFirst pods. Nothing answers DNS here (the
/// hosts file does), so lookups of unknown names fail at once instead of leaving the testbed.
pub fn render_resolv_conf(namespace: &str) -> String {
    format!(
        "search {namespace}.svc.{CLUSTER_DOMAIN} svc.{CLUSTER_DOMAIN} {CLUSTER_DOMAIN}\nnameserver 127.0.0.1\noptions ndots:5\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> (Vec<PodName<'static>>, Vec<ServiceName<'static>>) {
        let pods = vec![
            PodName {
                namespace: "kafka",
                hostname: "kafka-0",
                subdomain: Some("kafka-headless"),
                ip: Ipv4Addr::new(127, 0, 100, 1),
            },
            PodName {
                namespace: "other",
                hostname: "kafka-0",
                subdomain: Some("kafka-headless"),
                ip: Ipv4Addr::new(127, 0, 100, 2),
            },
            PodName {
                namespace: "kafka",
                hostname: "loner",
                subdomain: None,
                ip: Ipv4Addr::new(127, 0, 100, 3),
            },
        ];
        let services = vec![
            ServiceName {
                namespace: "kafka",
                name: "bootstrap",
                ips: vec![Ipv4Addr::new(127, 0, 101, 5)],
            },
            ServiceName {
                namespace: "kafka",
                name: "kafka-headless",
                ips: vec![Ipv4Addr::new(127, 0, 100, 1)],
            },
        ];
        (pods, services)
    }

    #[test]
    fn short_names_only_in_the_own_namespace() {
        let (pods, services) = sample();
        let text = render_records(&records(&pods, &services, Some("kafka")));
        assert!(text.contains(
            "127.0.100.1 kafka-0.kafka-headless.kafka.svc.cluster.local kafka-0.kafka-headless.kafka.svc kafka-0.kafka-headless.kafka kafka-0.kafka-headless\n"
        ));
        assert!(text.contains(
            "127.0.100.2 kafka-0.kafka-headless.other.svc.cluster.local kafka-0.kafka-headless.other.svc kafka-0.kafka-headless.other\n"
        ));
        assert!(text.contains("127.0.101.5 bootstrap.kafka.svc.cluster.local bootstrap.kafka.svc bootstrap.kafka bootstrap\n"));
        assert!(text.contains("127.0.100.1 kafka-headless.kafka.svc.cluster.local"));
        assert!(!text.contains("loner"));
        let host = render_cluster(&records(&pods, &services, None));
        assert!(!host.contains(" bootstrap\n"));
        assert!(!host.contains(" kafka-0.kafka-headless\n"));
    }

    #[test]
    fn pod_file_like_a_kubelet() {
        let (pods, services) = sample();
        let aliases = [(
            Ipv4Addr::new(127, 0, 0, 9),
            vec!["foo".to_string(), "bar".to_string()],
        )]
        .into();
        let f = render_pod(
            &pods[0],
            &aliases,
            &records(&pods, &services, Some("kafka")),
        );
        assert!(f.starts_with("# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n"));
        assert!(
            f.contains("127.0.100.1\tkafka-0.kafka-headless.kafka.svc.cluster.local\tkafka-0\n")
        );
        assert!(f.contains("127.0.0.9\tfoo\tbar\n"));
        let lone = render_pod(&pods[2], &BTreeMap::new(), &[]);
        assert!(lone.contains("127.0.100.3\tloner\n"));
        assert!(
            render_resolv_conf("kafka")
                .starts_with("search kafka.svc.cluster.local svc.cluster.local cluster.local\n")
        );
    }
}
