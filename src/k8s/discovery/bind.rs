//! Tying each Kafka broker (from Kafka's metadata) to its pod. Pure.

use serde::Serialize;

use super::facts::PodFacts;
use crate::model::Broker;

/// How one pod and one Kafka broker were tied together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MatchedBy {
    /// Advertised host is the pod IP.
    PodIp,
    /// Advertised host is the pod name, hostname or its DNS name.
    Hostname,
    /// The pod declares the broker id (label or env).
    DeclaredId,
    /// StatefulSet ordinal equals the broker id.
    Ordinal,
}

/// A row of the broker ↔ pod table: a broker without pod, a pod without broker, or both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub broker: Option<Broker>,
    /// Index into the cluster's `pods`.
    pub pod: Option<usize>,
    pub matched_by: Option<MatchedBy>,
}

pub(super) fn host_names_pod(host: &str, p: &PodFacts) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let first = host.split('.').next().unwrap_or_default();
    let name = p.name.to_ascii_lowercase();
    let hostname = p
        .hostname
        .as_deref()
        .unwrap_or(&p.name)
        .to_ascii_lowercase();
    if host == name || host == hostname {
        return true;
    }
    // <hostname>.<subdomain>.<ns>.svc[.cluster.local] or <pod>.<svc>.<ns>.svc...: the first label
    // names the pod; the rest must look like a service DNS name in the pod's namespace.
    if first != hostname && first != name {
        return false;
    }
    let labels: Vec<&str> = host.split('.').collect();
    match p.subdomain.as_deref() {
        Some(sub) => labels.get(1) == Some(&sub.to_ascii_lowercase().as_str()),
        None => {
            labels.len() >= 3 && labels.get(2) == Some(&p.namespace.to_ascii_lowercase().as_str())
        }
    }
}

/// Tie each Kafka broker to a pod: advertised host ↔ pod IP (port disambiguates pods that share
/// an IP), pod hostname or DNS name, the id the pod declares, then the StatefulSet ordinal.
pub fn bind(brokers: &[Broker], pods: &[PodFacts]) -> Vec<Binding> {
    let mut pod_taken = vec![false; pods.len()];
    let mut result: Vec<Binding> = brokers
        .iter()
        .map(|b| Binding {
            broker: Some(b.clone()),
            pod: None,
            matched_by: None,
        })
        .collect();

    type Rule = fn(&Broker, &PodFacts) -> bool;
    let rules: [(MatchedBy, Rule); 4] = [
        (MatchedBy::PodIp, |b, p| {
            p.ip.as_deref() == Some(b.host.as_str())
                && (p.ports.is_empty() || p.ports.iter().any(|port| i32::from(*port) == b.port))
        }),
        (MatchedBy::Hostname, |b, p| host_names_pod(&b.host, p)),
        (MatchedBy::DeclaredId, |b, p| p.declared_id == Some(b.id)),
        (MatchedBy::Ordinal, |b, p| {
            p.declared_id.is_none() && p.ordinal() == Some(b.id)
        }),
    ];
    for (by, rule) in rules {
        for row in result.iter_mut().filter(|r| r.pod.is_none()) {
            let Some(b) = &row.broker else { continue };
            let candidates: Vec<usize> = (0..pods.len())
                .filter(|&i| !pod_taken[i] && rule(b, &pods[i]))
                .collect();
            // Ambiguity (several pods fit) is left to the next, weaker rule.
            if let [i] = candidates[..] {
                pod_taken[i] = true;
                row.pod = Some(i);
                row.matched_by = Some(by);
            }
        }
    }
    for (i, taken) in pod_taken.iter().enumerate() {
        if !taken {
            result.push(Binding {
                broker: None,
                pod: Some(i),
                matched_by: None,
            });
        }
    }
    result
}
