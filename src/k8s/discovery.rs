//! Finding Kafka clusters by pod labels, and tying pods to broker ids.
//!
//! The matching is pure (pods in, clusters out) so it is unit-tested from pod objects shaped like
//! the plain StatefulSet, Deployment-per-broker and Strimzi manifests; [`discover`] only lists the
//! pods and hands them over.

use std::collections::{BTreeMap, BTreeSet};

use k8s_openapi::api::core::v1::Pod;
use kube::Api;
use kube::api::ListParams;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::Broker;

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

/// A workload that owns Kafka pods.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Workload {
    /// StatefulSet, Deployment, StrimziPodSet, ReplicaSet, Pod (no owner), ...
    pub kind: String,
    pub name: String,
}

/// What discovery needs to know about one pod, taken from the Pod object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PodFacts {
    pub name: String,
    pub namespace: String,
    #[serde(skip)]
    pub labels: BTreeMap<String, String>,
    pub owner: Workload,
    pub ip: Option<String>,
    pub node: Option<String>,
    pub ready: bool,
    pub phase: Option<String>,
    pub hostname: Option<String>,
    pub subdomain: Option<String>,
    /// The port Kafka clients use: the container port named like kafka/client/plain, else 9092.
    pub kafka_port: u16,
    /// All declared container ports.
    pub ports: Vec<u16>,
    /// Kafka process roles when the pod declares them (label or env), e.g. "broker,controller".
    pub roles: Option<String>,
    /// A broker id the pod declares (label `id`, Strimzi's pod name suffix, env KAFKA_BROKER_ID...).
    pub declared_id: Option<i32>,
}

/// Environment variables images use for process.roles and node/broker id.
const ROLE_ENVS: [&str; 3] = [
    "KAFKA_PROCESS_ROLES",
    "KAFKA_CFG_PROCESS_ROLES",
    "PROCESS_ROLES",
];
const ID_ENVS: [&str; 5] = [
    "KAFKA_BROKER_ID",
    "KAFKA_NODE_ID",
    "KAFKA_CFG_NODE_ID",
    "KAFKA_CFG_BROKER_ID",
    "NODE_ID",
];
/// Container port names that mean "Kafka client listener", best first.
const PORT_NAMES: [&str; 6] = [
    "kafka",
    "client",
    "plain",
    "clients",
    "tcp-client",
    "kafka-port",
];
pub const DEFAULT_KAFKA_PORT: u16 = 9092;

impl PodFacts {
    /// Extract the facts from a Pod object. Missing fields become None, never a panic.
    pub fn from_pod(pod: &Pod) -> PodFacts {
        let meta = &pod.metadata;
        let labels: BTreeMap<String, String> = meta.labels.clone().unwrap_or_default();
        let name = meta.name.clone().unwrap_or_default();
        let spec = pod.spec.as_ref();
        let status = pod.status.as_ref();
        let containers = spec.map(|s| s.containers.as_slice()).unwrap_or_default();

        let mut env: BTreeMap<&str, &str> = BTreeMap::new();
        let mut named_ports: Vec<(String, u16)> = Vec::new();
        for c in containers {
            for e in c.env.iter().flatten() {
                if let Some(v) = e.value.as_deref() {
                    env.entry(e.name.as_str()).or_insert(v);
                }
            }
            for p in c.ports.iter().flatten() {
                if let Ok(port) = u16::try_from(p.container_port) {
                    named_ports.push((p.name.clone().unwrap_or_default(), port));
                }
            }
        }
        let kafka_port = PORT_NAMES
            .iter()
            .find_map(|want| {
                named_ports
                    .iter()
                    .find(|(n, _)| n.eq_ignore_ascii_case(want))
                    .map(|(_, p)| *p)
            })
            .or_else(|| {
                named_ports
                    .iter()
                    .find(|(_, p)| *p == DEFAULT_KAFKA_PORT)
                    .map(|(_, p)| *p)
            })
            .unwrap_or(DEFAULT_KAFKA_PORT);

        let roles = labels
            .get("process.roles")
            .or_else(|| labels.get("kafka.apache.org/process-roles"))
            .map(|s| s.replace('-', ","))
            .or_else(|| {
                ROLE_ENVS
                    .iter()
                    .find_map(|k| env.get(k).map(|v| v.to_string()))
            })
            .or_else(|| strimzi_roles(&labels))
            .or_else(|| {
                // Helm-style component label: only the unambiguous values say anything about roles.
                match labels
                    .get("app.kubernetes.io/component")
                    .map(String::as_str)
                {
                    Some("controller") => Some("controller".to_string()),
                    Some("broker") => Some("broker".to_string()),
                    _ => None,
                }
            });

        let declared_id = labels
            .get("id")
            .or_else(|| labels.get("broker.id"))
            .or_else(|| labels.get("kafka.apache.org/broker-id"))
            .and_then(|v| v.parse().ok())
            .or_else(|| ID_ENVS.iter().find_map(|k| env.get(k)?.parse().ok()));

        let owner = meta
            .owner_references
            .iter()
            .flatten()
            .find(|o| o.controller == Some(true))
            .or_else(|| meta.owner_references.iter().flatten().next())
            .map(|o| owning_workload(&o.kind, &o.name, &labels))
            .unwrap_or_else(|| Workload {
                kind: "Pod".into(),
                name: name.clone(),
            });

        let ready = status
            .and_then(|s| s.conditions.as_ref())
            .is_some_and(|cs| cs.iter().any(|c| c.type_ == "Ready" && c.status == "True"));

        let mut ports: Vec<u16> = named_ports.iter().map(|(_, p)| *p).collect();
        ports.sort_unstable();
        ports.dedup();

        PodFacts {
            namespace: meta.namespace.clone().unwrap_or_default(),
            owner,
            ip: status
                .and_then(|s| s.pod_ip.clone())
                .filter(|s| !s.is_empty()),
            node: spec.and_then(|s| s.node_name.clone()),
            ready,
            phase: status.and_then(|s| s.phase.clone()),
            hostname: spec.and_then(|s| s.hostname.clone()),
            subdomain: spec.and_then(|s| s.subdomain.clone()),
            kafka_port,
            ports,
            roles,
            declared_id,
            labels,
            name,
        }
    }

    /// A pod that runs only the KRaft controller role: not a broker, but part of the cluster.
    pub fn is_controller_only(&self) -> bool {
        self.roles.as_deref().is_some_and(|r| {
            let roles: BTreeSet<&str> = r.split(',').map(str::trim).collect();
            roles.contains("controller") && !roles.contains("broker")
        })
    }

    /// The StatefulSet ordinal (`<sts>-<n>`), the last resort for tying a pod to a broker id.
    pub fn ordinal(&self) -> Option<i32> {
        if self.owner.kind != "StatefulSet" && self.owner.kind != "StrimziPodSet" {
            return None;
        }
        let rest = self
            .name
            .strip_prefix(&self.owner.name)?
            .strip_prefix('-')?;
        rest.parse().ok()
    }
}

/// Strimzi marks node roles with `strimzi.io/broker-role` / `strimzi.io/controller-role`.
fn strimzi_roles(labels: &BTreeMap<String, String>) -> Option<String> {
    let broker = labels.get("strimzi.io/broker-role").map(|v| v == "true");
    let controller = labels
        .get("strimzi.io/controller-role")
        .map(|v| v == "true");
    if broker.is_none() && controller.is_none() {
        return None;
    }
    let mut roles = Vec::new();
    if broker == Some(true) {
        roles.push("broker");
    }
    if controller == Some(true) {
        roles.push("controller");
    }
    Some(roles.join(","))
}

/// ReplicaSets are named `<deployment>-<pod-template-hash>`; the pod carries the hash as a label, so
/// the Deployment is known without reading the ReplicaSet (one RBAC permission fewer).
fn owning_workload(kind: &str, name: &str, labels: &BTreeMap<String, String>) -> Workload {
    if kind == "ReplicaSet"
        && let Some(hash) = labels.get("pod-template-hash")
        && let Some(deploy) = name
            .strip_suffix(hash.as_str())
            .and_then(|s| s.strip_suffix('-'))
        && !deploy.is_empty()
    {
        return Workload {
            kind: "Deployment".into(),
            name: deploy.into(),
        };
    }
    Workload {
        kind: kind.into(),
        name: name.into(),
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

fn host_names_pod(host: &str, p: &PodFacts) -> bool {
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

/// List the pods the conventions (or `-l`) select in `namespace` (None: every namespace).
pub async fn list_pods(
    client: &kube::Client,
    namespace: Option<&str>,
    selector: Option<&str>,
) -> Result<Vec<PodFacts>> {
    let api: Api<Pod> = match namespace {
        Some(ns) => Api::namespaced(client.clone(), ns),
        None => Api::all(client.clone()),
    };
    let selectors: Vec<&str> = match selector {
        Some(s) => vec![s],
        None => CONVENTION_SELECTORS.iter().map(|(_, s)| *s).collect(),
    };
    let mut out = Vec::new();
    for sel in selectors {
        let pods = api
            .list(&ListParams::default().labels(sel))
            .await
            .map_err(|e| super::api_error(e, "list", "pods", namespace))?;
        out.extend(pods.items.iter().map(PodFacts::from_pod));
    }
    Ok(out)
}

/// Every Kafka cluster in `namespace` (None: every namespace).
pub async fn discover(
    client: &kube::Client,
    namespace: Option<&str>,
    selector: Option<&str>,
) -> Result<Vec<KafkaCluster>> {
    let pods = list_pods(client, namespace, selector).await?;
    tracing::debug!("{} candidate pods", pods.len());
    Ok(group(pods, selector.is_some()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A Pod object as the API server returns it, from a compact description.
    fn pod(
        ns: &str,
        name: &str,
        labels: serde_json::Value,
        owner: Option<(&str, &str)>,
        ip: &str,
        env: serde_json::Value,
        ports: serde_json::Value,
    ) -> Pod {
        let owners = owner
            .map(|(k, n)| json!([{"apiVersion": "apps/v1", "kind": k, "name": n, "uid": "u", "controller": true}]))
            .unwrap_or(json!([]));
        serde_json::from_value(json!({
            "apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": name, "namespace": ns, "labels": labels, "ownerReferences": owners},
            "spec": {"nodeName": "node-1", "containers": [{"name": "kafka", "image": "kafka", "env": env, "ports": ports}]},
            "status": {"phase": "Running", "podIP": ip,
                       "conditions": [{"type": "Ready", "status": "True"}]}
        }))
        .expect("valid pod")
    }

    fn facts(p: Pod) -> PodFacts {
        PodFacts::from_pod(&p)
    }

    fn broker(id: i32, host: &str, port: i32) -> Broker {
        Broker {
            id,
            host: host.into(),
            port,
            rack: None,
        }
    }

    /// Seed 001: a plain StatefulSet `kafka` labelled app=kafka, port 9092, ids from ordinals.
    fn sts_pods() -> Vec<PodFacts> {
        (0..3)
            .map(|i| {
                let mut p = pod(
                    "kafka",
                    &format!("kafka-{i}"),
                    json!({"app": "kafka", "statefulset.kubernetes.io/pod-name": format!("kafka-{i}")}),
                    Some(("StatefulSet", "kafka")),
                    &format!("10.0.0.{}", 10 + i),
                    json!([]),
                    json!([{"containerPort": 9092, "name": "server"}]),
                );
                let spec = p.spec.as_mut().expect("spec");
                spec.hostname = Some(format!("kafka-{i}"));
                spec.subdomain = Some("kafka-hs".into());
                facts(p)
            })
            .collect()
    }

    /// Seed 000: one Deployment per broker, labels app=kafka,id=N, env KAFKA_BROKER_ID.
    fn deployment_pods() -> Vec<PodFacts> {
        (0..3)
            .map(|i| {
                facts(pod(
                    "default",
                    &format!("kafka-broker{i}-5d8f7c9b4-x{i}q"),
                    json!({"app": "kafka", "id": i.to_string(), "pod-template-hash": "5d8f7c9b4"}),
                    Some(("ReplicaSet", &format!("kafka-broker{i}-5d8f7c9b4"))),
                    &format!("172.17.0.{}", 5 + i),
                    json!([{"name": "KAFKA_BROKER_ID", "value": i.to_string()},
                           {"name": "KAFKA_ADVERTISED_HOST_NAME", "value": "198.51.100.0"}]),
                    json!([{"containerPort": 9092}]),
                ))
            })
            .collect()
    }

    /// Seed 004: Strimzi cluster `kafka-cluster` with ZooKeeper and entity operator pods.
    fn strimzi_pods() -> Vec<PodFacts> {
        let mut v: Vec<PodFacts> = (0..3)
            .map(|i| {
                facts(pod(
                    "kafka",
                    &format!("kafka-cluster-kafka-{i}"),
                    json!({"strimzi.io/kind": "Kafka", "strimzi.io/cluster": "kafka-cluster",
                           "strimzi.io/name": "kafka-cluster-kafka",
                           "app.kubernetes.io/name": "kafka", "strimzi.io/broker-role": "true",
                           "strimzi.io/controller-role": "false"}),
                    Some(("StrimziPodSet", "kafka-cluster-kafka")),
                    &format!("10.1.0.{}", 20 + i),
                    json!([]),
                    json!([{"containerPort": 9092, "name": "tcp-clients"},
                           {"containerPort": 9091, "name": "tcp-replication"}]),
                ))
            })
            .collect();
        v.push(facts(pod(
            "kafka",
            "kafka-cluster-controllers-3",
            json!({"strimzi.io/kind": "Kafka", "strimzi.io/cluster": "kafka-cluster",
                   "strimzi.io/name": "kafka-cluster-kafka",
                   "strimzi.io/broker-role": "false", "strimzi.io/controller-role": "true"}),
            Some(("StrimziPodSet", "kafka-cluster-controllers")),
            "10.1.0.30",
            json!([]),
            json!([]),
        )));
        for i in 0..3 {
            v.push(facts(pod(
                "kafka",
                &format!("kafka-cluster-zookeeper-{i}"),
                json!({"strimzi.io/kind": "Kafka", "strimzi.io/cluster": "kafka-cluster",
                       "strimzi.io/name": "kafka-cluster-zookeeper",
                       "app.kubernetes.io/name": "zookeeper"}),
                Some(("StrimziPodSet", "kafka-cluster-zookeeper")),
                &format!("10.1.0.{}", 40 + i),
                json!([]),
                json!([{"containerPort": 2181, "name": "tcp-clients"}]),
            )));
        }
        v.push(facts(pod(
            "kafka",
            "kafka-cluster-entity-operator-69cdc646f8-4lmsx",
            json!({"strimzi.io/kind": "Kafka", "strimzi.io/cluster": "kafka-cluster",
                   "strimzi.io/name": "kafka-cluster-entity-operator", "pod-template-hash": "69cdc646f8"}),
            Some(("ReplicaSet", "kafka-cluster-entity-operator-69cdc646f8")),
            "10.1.0.50",
            json!([]),
            json!([]),
        )));
        v
    }

    /// The testbed: KRaft controller StatefulSet `kafka-controller` + broker StatefulSet `kafka`.
    fn kraft_pods() -> Vec<PodFacts> {
        let mut v: Vec<PodFacts> = (0..3)
            .map(|i| {
                facts(pod(
                    "kafka",
                    &format!("kafka-{i}"),
                    json!({"app": "kafka"}),
                    Some(("StatefulSet", "kafka")),
                    "127.0.0.1",
                    json!([{"name": "KAFKA_PROCESS_ROLES", "value": "broker"}]),
                    json!([{"containerPort": 19092 + i, "name": "kafka"}]),
                ))
            })
            .collect();
        v.push(facts(pod(
            "kafka",
            "kafka-controller-0",
            json!({"app": "kafka", "process.roles": "controller"}),
            Some(("StatefulSet", "kafka-controller")),
            "127.0.0.1",
            json!([]),
            json!([{"containerPort": 19093, "name": "controller"}]),
        )));
        v
    }

    #[test]
    fn facts_from_pod() {
        let p = &sts_pods()[1];
        assert_eq!(
            p.owner,
            Workload {
                kind: "StatefulSet".into(),
                name: "kafka".into()
            }
        );
        assert_eq!(p.ordinal(), Some(1));
        assert_eq!(p.ip.as_deref(), Some("10.0.0.11"));
        assert_eq!(p.kafka_port, 9092);
        assert!(p.ready);
        assert_eq!(p.node.as_deref(), Some("node-1"));
        assert!(!p.is_controller_only());

        let d = &deployment_pods()[2];
        assert_eq!(
            d.owner,
            Workload {
                kind: "Deployment".into(),
                name: "kafka-broker2".into()
            }
        );
        assert_eq!(d.declared_id, Some(2));
        assert_eq!(d.ordinal(), None);

        let s = &strimzi_pods()[0];
        assert_eq!(
            s.kafka_port, 9092,
            "tcp-clients has no preferred name: falls back to 9092"
        );
        assert_eq!(s.roles.as_deref(), Some("broker"));
        assert_eq!(s.ordinal(), Some(0));
    }

    #[test]
    fn pod_without_status_or_spec_does_not_panic() {
        let p: Pod = serde_json::from_value(json!({"metadata": {"name": "x"}})).unwrap();
        let f = PodFacts::from_pod(&p);
        assert_eq!(f.owner.kind, "Pod");
        assert!(!f.ready);
        assert_eq!(f.ip, None);
        assert_eq!(f.kafka_port, DEFAULT_KAFKA_PORT);
    }

    #[test]
    fn named_port_wins() {
        let f = facts(pod(
            "ns",
            "p",
            json!({"app": "kafka"}),
            None,
            "1.2.3.4",
            json!([]),
            json!([{"containerPort": 9404, "name": "metrics"}, {"containerPort": 29092, "name": "client"}]),
        ));
        assert_eq!(f.kafka_port, 29092);
    }

    #[test]
    fn statefulset_cluster() {
        let cs = group(sts_pods(), false);
        assert_eq!(cs.len(), 1);
        let c = &cs[0];
        assert_eq!(c.name, "kafka");
        assert_eq!(c.convention, Convention::App);
        assert_eq!(c.workload_kind(), "StatefulSet");
        assert_eq!((c.pods_ready(), c.pods_total()), (3, 3));
    }

    #[test]
    fn deployment_per_broker_is_one_cluster() {
        let cs = group(deployment_pods(), false);
        assert_eq!(cs.len(), 1, "{cs:#?}");
        let c = &cs[0];
        assert_eq!(c.name, "kafka");
        assert_eq!(c.workload_kind(), "Deployment");
        assert_eq!(c.workloads.len(), 3);
        assert_eq!(c.workloads[0].name, "kafka-broker0");
    }

    #[test]
    fn strimzi_cluster_skips_zookeeper_and_operators() {
        let cs = group(strimzi_pods(), false);
        assert_eq!(cs.len(), 1, "{cs:#?}");
        let c = &cs[0];
        assert_eq!(c.name, "kafka-cluster");
        assert_eq!(c.convention, Convention::Strimzi);
        assert_eq!(c.workload_kind(), "Kafka");
        assert_eq!(c.pods.len(), 3);
        assert_eq!(c.controllers.len(), 1);
        assert_eq!(c.controllers[0].name, "kafka-cluster-controllers-3");
    }

    #[test]
    fn kraft_controllers_attach_to_brokers() {
        let cs = group(kraft_pods(), false);
        assert_eq!(cs.len(), 1, "{cs:#?}");
        let c = &cs[0];
        assert_eq!(c.name, "kafka");
        assert_eq!(
            c.pods.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
            ["kafka-0", "kafka-1", "kafka-2"]
        );
        assert_eq!(c.controllers.len(), 1);
        assert_eq!(c.controller_workloads[0].name, "kafka-controller");
    }

    #[test]
    fn selector_takes_any_pod() {
        let p = facts(pod(
            "ns",
            "broker-0",
            json!({"role": "broker"}),
            Some(("StatefulSet", "broker")),
            "1.1.1.1",
            json!([]),
            json!([]),
        ));
        assert!(group(vec![p.clone()], false).is_empty());
        let cs = group(vec![p], true);
        assert_eq!(cs.len(), 1);
        assert_eq!(cs[0].convention, Convention::Selector);
    }

    #[test]
    fn duplicates_from_several_selectors_are_merged() {
        let mut pods = strimzi_pods();
        pods.extend(strimzi_pods());
        let cs = group(pods, false);
        assert_eq!(cs[0].pods.len(), 3);
    }

    #[test]
    fn several_namespaces_several_clusters() {
        let mut pods = sts_pods();
        pods.extend(deployment_pods());
        pods.extend(strimzi_pods());
        let cs = group(pods, false);
        let names: Vec<(String, String)> = cs
            .iter()
            .map(|c| (c.namespace.clone(), c.name.clone()))
            .collect();
        assert_eq!(
            names,
            [
                ("default".to_string(), "kafka".to_string()),
                ("kafka".to_string(), "kafka".to_string()),
                ("kafka".to_string(), "kafka-cluster".to_string())
            ]
        );
        let e = select(cs.clone(), None, "all namespaces").unwrap_err();
        assert_eq!(e.exit_status(), crate::ExitStatus::Usage);
        assert!(e.to_string().contains("kafka/kafka-cluster"), "{e}");
        assert_eq!(
            select(cs.clone(), Some("kafka-cluster"), "x")
                .unwrap()
                .pods
                .len(),
            3
        );
        let e = select(cs.clone(), Some("kafka"), "x").unwrap_err();
        assert!(e.to_string().contains("several"), "{e}");
        let e = select(cs, Some("nope"), "x").unwrap_err();
        assert!(
            e.to_string().contains("no Kafka cluster named 'nope'"),
            "{e}"
        );
    }

    #[test]
    fn nothing_found_is_usage_error() {
        let e = select(vec![], None, "namespace default").unwrap_err();
        assert_eq!(e.exit_status(), crate::ExitStatus::Usage);
        assert!(
            e.to_string()
                .contains("no Kafka pods found in namespace default")
        );
    }

    #[test]
    fn bind_by_fqdn() {
        let pods = sts_pods();
        let brokers = vec![
            broker(0, "kafka-0.kafka-hs.kafka.svc.cluster.local", 9092),
            broker(1, "kafka-1.kafka-hs.kafka.svc", 9092),
            broker(2, "kafka-2", 9092),
        ];
        let b = bind(&brokers, &pods);
        assert_eq!(b.len(), 3);
        for (i, row) in b.iter().enumerate() {
            assert_eq!(row.pod, Some(i));
            assert_eq!(row.matched_by, Some(MatchedBy::Hostname));
        }
    }

    #[test]
    fn bind_by_ip_beats_ordinal() {
        let pods = sts_pods();
        // Broker ids deliberately not equal to ordinals: the IP decides.
        let brokers = vec![broker(7, "10.0.0.12", 9092), broker(8, "10.0.0.10", 9092)];
        let b = bind(&brokers, &pods);
        assert_eq!(b[0].pod, Some(2));
        assert_eq!(b[1].pod, Some(0));
        assert_eq!(b[0].matched_by, Some(MatchedBy::PodIp));
        // kafka-1 has no broker.
        assert_eq!(
            b[2],
            Binding {
                broker: None,
                pod: Some(1),
                matched_by: None
            }
        );
    }

    #[test]
    fn bind_shared_ip_by_port() {
        let pods = group(kraft_pods(), false).remove(0).pods;
        let brokers: Vec<Broker> = (0..3).map(|i| broker(i, "127.0.0.1", 19092 + i)).collect();
        let b = bind(&brokers, &pods);
        for (i, row) in b.iter().enumerate() {
            assert_eq!(row.pod, Some(i), "{b:?}");
            assert_eq!(row.matched_by, Some(MatchedBy::PodIp));
        }
    }

    #[test]
    fn bind_deployment_by_declared_id_and_broker_without_pod() {
        let pods = deployment_pods();
        // Seed 000 advertises the load balancer's address: only the declared ids can tie them.
        let brokers: Vec<Broker> = [0, 1, 2, 3]
            .iter()
            .map(|&i| broker(i, "198.51.100.0", 30718))
            .collect();
        let b = bind(&brokers, &pods);
        for (i, row) in b.iter().take(3).enumerate() {
            assert_eq!(row.pod, Some(i));
            assert_eq!(row.matched_by, Some(MatchedBy::DeclaredId));
        }
        assert_eq!(b[3].pod, None, "broker 3 has no pod");
        assert_eq!(b.len(), 4);
    }

    #[test]
    fn bind_falls_back_to_ordinal() {
        let pods = sts_pods();
        let brokers = vec![broker(1, "some-lb.example.com", 9092)];
        let b = bind(&brokers, &pods);
        assert_eq!(b[0].pod, Some(1));
        assert_eq!(b[0].matched_by, Some(MatchedBy::Ordinal));
        assert_eq!(b.len(), 3);
    }

    #[test]
    fn hostname_in_other_namespace_does_not_match() {
        let mut p = sts_pods().remove(0);
        p.subdomain = None;
        assert!(host_names_pod("kafka-0.svc-x.kafka.svc", &p));
        assert!(!host_names_pod("kafka-0.svc-x.other.svc", &p));
        assert!(!host_names_pod("kafka-00", &p));
    }
}
