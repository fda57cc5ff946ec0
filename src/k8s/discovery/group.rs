//! Which pods belong to a Kafka cluster (the label conventions), how they group into clusters,
//! and which cluster a command means. Pure: facts in, clusters out.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::facts::{PodFacts, Workload};
use crate::error::{Error, Result};

/// The label conventions recognised without `-l`, in the order they are tried.
pub const CONVENTION_SELECTORS: [(Convention, &str); 3] = [
    (Convention::Strimzi, "strimzi.io/kind=Kafka"),
    (Convention::AppKubernetesIo, "app.kubernetes.io/name=kafka"),
    (Convention::App, "app=kafka"),
];

/// Which labelling scheme identified a cluster's pods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Convention {
    /// `app=kafka` (plain manifests)
    App,
    /// `app.kubernetes.io/name=kafka` (Helm charts)
    AppKubernetesIo,
    /// `strimzi.io/*` labels (Strimzi operator)
    Strimzi,
    /// the user's `-l/--selector`
    Selector,
}

impl std::fmt::Display for Convention {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Convention::App => "app=kafka",
            Convention::AppKubernetesIo => "app.kubernetes.io/name=kafka",
            Convention::Strimzi => "strimzi",
            Convention::Selector => "selector",
        })
    }
}

/// Is this pod a Kafka node under `convention`? Strimzi labels ZooKeeper, Entity Operator and
/// Cruise Control pods with `strimzi.io/kind=Kafka` too; only the Kafka node pods count.
pub fn pod_matches(p: &PodFacts, convention: Convention) -> bool {
    let l = &p.labels;
    match convention {
        Convention::Strimzi => {
            l.get("strimzi.io/kind").map(String::as_str) == Some("Kafka")
                && l.contains_key("strimzi.io/cluster")
                && (l.contains_key("strimzi.io/broker-role")
                    || l.contains_key("strimzi.io/controller-role")
                    || l.get("strimzi.io/component-type").map(String::as_str) == Some("kafka")
                    || l.get("strimzi.io/name")
                        .is_some_and(|n| n.ends_with("-kafka")))
        }
        Convention::AppKubernetesIo => {
            l.get("app.kubernetes.io/name").map(String::as_str) == Some("kafka")
        }
        Convention::App => l.get("app").map(String::as_str) == Some("kafka"),
        Convention::Selector => true,
    }
}

/// The convention that claims the pod first (Strimzi pods also carry app.kubernetes.io/name=kafka).
pub fn classify(p: &PodFacts) -> Option<Convention> {
    if p.labels.contains_key("strimzi.io/cluster") || p.labels.contains_key("strimzi.io/kind") {
        // A Strimzi pod that is not a Kafka node (ZooKeeper, operators) belongs to no convention.
        return pod_matches(p, Convention::Strimzi).then_some(Convention::Strimzi);
    }
    [Convention::AppKubernetesIo, Convention::App]
        .into_iter()
        .find(|c| pod_matches(p, *c))
}

/// One Kafka cluster as Kubernetes shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KafkaCluster {
    pub namespace: String,
    pub name: String,
    pub convention: Convention,
    /// The workloads owning the broker pods (one StatefulSet, one Deployment per broker, ...).
    pub workloads: Vec<Workload>,
    /// The workloads owning controller-only pods.
    pub controller_workloads: Vec<Workload>,
    /// Broker pods (including combined broker+controller), sorted by name.
    pub pods: Vec<PodFacts>,
    /// Controller-only pods, sorted by name.
    pub controllers: Vec<PodFacts>,
}

impl KafkaCluster {
    /// The kind of workload to show: "StatefulSet", "Deployment", "Kafka" (Strimzi CR), or mixed.
    pub fn workload_kind(&self) -> String {
        if self.convention == Convention::Strimzi {
            return "Kafka".into();
        }
        let kinds: BTreeSet<&str> = self.workloads.iter().map(|w| w.kind.as_str()).collect();
        kinds.into_iter().collect::<Vec<_>>().join(",")
    }

    pub fn pods_ready(&self) -> usize {
        self.pods
            .iter()
            .chain(&self.controllers)
            .filter(|p| p.ready)
            .count()
    }

    pub fn pods_total(&self) -> usize {
        self.pods.len() + self.controllers.len()
    }
}

/// The key that groups a pod into a cluster, and the cluster's display name.
fn group_key(p: &PodFacts, convention: Convention) -> (String, String) {
    if convention == Convention::Strimzi
        && let Some(c) = p.labels.get("strimzi.io/cluster")
    {
        return (format!("strimzi/{c}"), c.clone());
    }
    match p.owner.kind.as_str() {
        // Deployment per broker (one Deployment per broker id): the Deployments form one cluster,
        // named by the instance label if any, else by the convention's label value.
        "Deployment" | "Pod" | "ReplicaSet" => {
            let name = p
                .labels
                .get("app.kubernetes.io/instance")
                .or_else(|| p.labels.get("app"))
                .or_else(|| p.labels.get("app.kubernetes.io/name"))
                .cloned()
                .unwrap_or_else(|| p.owner.name.clone());
            (format!("{convention:?}/label/{name}"), name)
        }
        _ => (
            format!("{}/{}", p.owner.kind, p.owner.name),
            p.owner.name.clone(),
        ),
    }
}

/// Group pods into clusters. `convention` is Some(Selector) with `-l`, else each pod's own.
///
/// Controller-only groups (e.g. a `kafka-controller` StatefulSet next to the `kafka` brokers) are
/// attached to the broker cluster of the same namespace that shares its instance label, whose name
/// prefixes theirs, or that is the only one there; otherwise they are left out (they serve no
/// client traffic).
pub fn group(pods: Vec<PodFacts>, selector: bool) -> Vec<KafkaCluster> {
    // (namespace, key) -> cluster
    let mut groups: BTreeMap<(String, String), KafkaCluster> = BTreeMap::new();
    let mut seen = BTreeSet::new();
    for p in pods {
        if !seen.insert((p.namespace.clone(), p.name.clone())) {
            continue;
        }
        let convention = match classify(&p) {
            Some(c) => c,
            None if selector => Convention::Selector,
            None => continue,
        };
        let (key, name) = group_key(&p, convention);
        let entry = groups
            .entry((p.namespace.clone(), key))
            .or_insert_with(|| KafkaCluster {
                namespace: p.namespace.clone(),
                name,
                convention: if selector {
                    Convention::Selector
                } else {
                    convention
                },
                workloads: vec![],
                controller_workloads: vec![],
                pods: vec![],
                controllers: vec![],
            });
        if p.is_controller_only() {
            if !entry.controller_workloads.contains(&p.owner) {
                entry.controller_workloads.push(p.owner.clone());
            }
            entry.controllers.push(p);
        } else {
            if !entry.workloads.contains(&p.owner) {
                entry.workloads.push(p.owner.clone());
            }
            entry.pods.push(p);
        }
    }

    let (mut with_brokers, controller_only): (Vec<_>, Vec<_>) =
        groups.into_values().partition(|c| !c.pods.is_empty());
    for ctl in controller_only {
        let same_ns: Vec<usize> = with_brokers
            .iter()
            .enumerate()
            .filter(|(_, c)| c.namespace == ctl.namespace)
            .map(|(i, _)| i)
            .collect();
        let instance = |c: &KafkaCluster| {
            c.pods
                .iter()
                .chain(&c.controllers)
                .find_map(|p| p.labels.get("app.kubernetes.io/instance").cloned())
        };
        let target = same_ns
            .iter()
            .copied()
            .find(|&i| {
                instance(&with_brokers[i]).is_some() && instance(&with_brokers[i]) == instance(&ctl)
            })
            .or_else(|| {
                same_ns.iter().copied().find(|&i| {
                    ctl.controller_workloads
                        .iter()
                        .any(|w| w.name.starts_with(&format!("{}-", with_brokers[i].name)))
                })
            })
            .or_else(|| (same_ns.len() == 1).then(|| same_ns[0]));
        if let Some(i) = target {
            let c = &mut with_brokers[i];
            c.controllers.extend(ctl.controllers);
            c.controller_workloads.extend(ctl.controller_workloads);
        } else {
            tracing::debug!(
                "controller-only pods in {}/{} belong to no broker cluster",
                ctl.namespace,
                ctl.name
            );
        }
    }
    for c in &mut with_brokers {
        c.pods.sort_by(|a, b| a.name.cmp(&b.name));
        c.controllers.sort_by(|a, b| a.name.cmp(&b.name));
        c.workloads.sort();
        c.controller_workloads.sort();
    }
    with_brokers.sort_by(|a, b| (&a.namespace, &a.name).cmp(&(&b.namespace, &b.name)));
    with_brokers
}

/// The error for a scope without Kafka pods (exit 2).
pub fn nothing_found(scope: &str) -> Error {
    Error::usage(format!(
        "no Kafka pods found in {scope} (looked for labels strimzi.io/kind=Kafka, \
         app.kubernetes.io/name=kafka, app=kafka): pass -n NAMESPACE, -A, or -l SELECTOR"
    ))
}

/// Pick the cluster the user meant: the named one, else the only one. Exit 2 otherwise, listing
/// the candidates.
pub fn select(
    clusters: Vec<KafkaCluster>,
    name: Option<&str>,
    scope: &str,
) -> Result<KafkaCluster> {
    let list = |cs: &[KafkaCluster]| {
        cs.iter()
            .map(|c| {
                format!(
                    "  {}/{} ({}, {})",
                    c.namespace,
                    c.name,
                    c.workload_kind(),
                    c.convention
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    if clusters.is_empty() {
        return Err(nothing_found(scope));
    }
    match name {
        Some(n) => {
            let (hit, miss): (Vec<_>, Vec<_>) = clusters.into_iter().partition(|c| c.name == n);
            match hit.len() {
                1 => Ok(hit.into_iter().next().expect("one element")),
                0 => Err(Error::usage(format!(
                    "no Kafka cluster named '{n}' in {scope}; found:\n{}",
                    list(&miss)
                ))),
                _ => Err(Error::usage(format!(
                    "several Kafka clusters named '{n}' in {scope}; pick one with -n NAMESPACE:\n{}",
                    list(&hit)
                ))),
            }
        }
        None if clusters.len() == 1 => Ok(clusters.into_iter().next().expect("one element")),
        None => Err(Error::usage(format!(
            "{} Kafka clusters found in {scope}; name one (status CLUSTER or --kafka-cluster NAME):\n{}",
            clusters.len(),
            list(&clusters)
        ))),
    }
}
