//! What discovery reads from one Pod object: its labels, owner, addresses, ports, the roles and
//! broker id it declares. Pure: Pod in, facts out.

use std::collections::{BTreeMap, BTreeSet};

use k8s_openapi::api::core::v1::Pod;
use serde::Serialize;

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
            })
            .or_else(|| serves_controller_only(&named_ports).then(|| "controller".to_string()));

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

/// A pod whose roles are written only in a configuration file (the Bitnami chart's dedicated
/// controllers: component `controller-eligible`, as its combined nodes) still says what it serves
/// by its ports: when every declared port is named for the controller (`controller`,
/// `tcp-controller`), it has no client listener and is a controller-only node. A combined node
/// declares a client port too.
pub fn serves_controller_only(named_ports: &[(String, u16)]) -> bool {
    !named_ports.is_empty()
        && named_ports
            .iter()
            .all(|(name, _)| name.to_ascii_lowercase().contains("controller"))
}
