//! The workload that owns the broker pods: which one to scale, its scale subresource, and watches
//! until pods are Ready or gone.

use std::collections::BTreeMap;
use std::time::Duration;

use futures::StreamExt;
use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::Pod;
use kube::api::{Patch, PatchParams};
use kube::runtime::watcher;
use kube::{Api, Client};

use super::api_error;
use super::discovery::{Convention, KafkaCluster};
use crate::error::{Error, Result};

/// The StatefulSet to scale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatefulSetRef {
    pub namespace: String,
    pub name: String,
}

/// Why a cluster cannot be scaled by patching a StatefulSet, or the StatefulSet's name. Pure, so the
/// refusal messages are unit-tested.
pub fn scalable_statefulset(cluster: &KafkaCluster) -> Result<String> {
    let strimzi_msg = || {
        Error::refused(format!(
            "the pods of cluster {} are managed by the Strimzi operator, which would undo a change \
             made here: change spec.replicas of the KafkaNodePool (or spec.kafka.replicas of the \
             Kafka resource {}) instead, then run `kubectl kafka rebalance`",
            cluster.name, cluster.name
        ))
    };
    if cluster.convention == Convention::Strimzi
        || cluster.workloads.iter().any(|w| w.kind == "StrimziPodSet")
    {
        return Err(strimzi_msg());
    }
    let sets: Vec<&str> = cluster
        .workloads
        .iter()
        .filter(|w| w.kind == "StatefulSet")
        .map(|w| w.name.as_str())
        .collect();
    if cluster.workloads.iter().any(|w| w.kind == "Deployment") {
        return Err(Error::refused(format!(
            "cluster {} runs one Deployment per broker: there is no replica count to change. To \
             scale out, create a Deployment for each new broker (copy one, give it a new broker \
             id) and run `kubectl kafka rebalance`; to scale in, drain brokers with `kubectl kafka \
             reassign generate --brokers ...` and `reassign execute`, then delete their Deployments",
            cluster.name
        )));
    }
    match sets.as_slice() {
        [one] if cluster.workloads.len() == 1 => Ok((*one).to_string()),
        [] => Err(Error::refused(format!(
            "the broker pods of cluster {} are not owned by a StatefulSet (owners: {}): scale that \
             workload yourself, then run `kubectl kafka rebalance`",
            cluster.name,
            owners(cluster)
        ))),
        _ => Err(Error::refused(format!(
            "the broker pods of cluster {} belong to several workloads ({}): scale the one you \
             mean yourself, then run `kubectl kafka rebalance`",
            cluster.name,
            owners(cluster)
        ))),
    }
}

fn owners(cluster: &KafkaCluster) -> String {
    cluster
        .workloads
        .iter()
        .map(|w| format!("{}/{}", w.kind, w.name))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Resolve the StatefulSet to scale and refuse when something else controls it (an operator's
/// resource as controller owner would set the replica count back).
pub async fn resolve(client: &Client, cluster: &KafkaCluster) -> Result<StatefulSetRef> {
    let name = scalable_statefulset(cluster)?;
    let ns = cluster.namespace.clone();
    let sts = get(client, &ns, &name).await?;
    if let Some(owner) = sts
        .metadata
        .owner_references
        .unwrap_or_default()
        .into_iter()
        .find(|o| o.controller == Some(true))
    {
        return Err(Error::refused(format!(
            "StatefulSet {name} is controlled by {} {} ({}), which would undo a change made here: \
             change the replica count in that resource instead, then run `kubectl kafka rebalance`",
            owner.kind, owner.name, owner.api_version
        )));
    }
    Ok(StatefulSetRef {
        namespace: ns,
        name,
    })
}

async fn get(client: &Client, ns: &str, name: &str) -> Result<StatefulSet> {
    let api: Api<StatefulSet> = Api::namespaced(client.clone(), ns);
    api.get(name)
        .await
        .map_err(|e| api_error(e, "get", "statefulsets", Some(ns)))
}

/// spec.replicas (1 when unset, as Kubernetes defaults it).
pub async fn replicas(client: &Client, sts: &StatefulSetRef) -> Result<i32> {
    let s = get(client, &sts.namespace, &sts.name).await?;
    Ok(s.spec.and_then(|s| s.replicas).unwrap_or(1))
}

/// Set the replica count through the scale subresource (the permission `kubectl scale` needs).
pub async fn set_replicas(client: &Client, sts: &StatefulSetRef, n: i32) -> Result<()> {
    let api: Api<StatefulSet> = Api::namespaced(client.clone(), &sts.namespace);
    let patch = serde_json::json!({ "spec": { "replicas": n } });
    api.patch_scale(&sts.name, &PatchParams::default(), &Patch::Merge(&patch))
        .await
        .map_err(|e| {
            api_error(
                e,
                "patch",
                "statefulsets/scale",
                Some(sts.namespace.as_str()),
            )
        })?;
    Ok(())
}

/// The pods' label selector of the StatefulSet, as a selector string.
async fn pod_selector(client: &Client, sts: &StatefulSetRef) -> Result<String> {
    let s = get(client, &sts.namespace, &sts.name).await?;
    let labels: BTreeMap<String, String> = s
        .spec
        .and_then(|s| s.selector.match_labels)
        .unwrap_or_default();
    if labels.is_empty() {
        return Err(Error::refused(format!(
            "StatefulSet {} has no matchLabels selector; cannot tell its pods apart",
            sts.name
        )));
    }
    Ok(labels
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(","))
}

/// The StatefulSet ordinal of a pod name `<sts>-<n>`.
pub fn ordinal_of(sts: &str, pod: &str) -> Option<i32> {
    pod.strip_prefix(sts)?.strip_prefix('-')?.parse().ok()
}

fn pod_ready(p: &Pod) -> bool {
    p.metadata.deletion_timestamp.is_none()
        && p.status
            .as_ref()
            .and_then(|s| s.conditions.as_ref())
            .is_some_and(|c| c.iter().any(|c| c.type_ == "Ready" && c.status == "True"))
}

/// Pod state per ordinal: Some(ready) for pods that exist.
pub type PodStates = BTreeMap<i32, bool>;

/// Watch the StatefulSet's pods until `done(states)` holds; `progress` is told every change.
/// Times out after `timeout` with a message naming what was awaited.
pub async fn watch_pods(
    client: &Client,
    sts: &StatefulSetRef,
    timeout: Duration,
    what: &str,
    mut done: impl FnMut(&PodStates) -> bool,
    mut progress: impl FnMut(&PodStates),
) -> Result<()> {
    let selector = pod_selector(client, sts).await?;
    let api: Api<Pod> = Api::namespaced(client.clone(), &sts.namespace);
    let stream = watcher(api, watcher::Config::default().labels(&selector));
    let mut stream = std::pin::pin!(stream);
    let mut pods: BTreeMap<String, Pod> = BTreeMap::new();
    let mut init: BTreeMap<String, Pod> = BTreeMap::new();
    let mut initializing = false;
    let states = |pods: &BTreeMap<String, Pod>| -> PodStates {
        pods.iter()
            .filter_map(|(n, p)| ordinal_of(&sts.name, n).map(|o| (o, pod_ready(p))))
            .collect()
    };
    let wait = async {
        while let Some(ev) = stream.next().await {
            let ev = ev.map_err(|e| {
                Error::kube(format!(
                    "watching the pods of StatefulSet {} failed: {e}",
                    sts.name
                ))
            })?;
            match ev {
                watcher::Event::Init => {
                    init.clear();
                    initializing = true;
                }
                watcher::Event::InitApply(p) => {
                    init.insert(p.metadata.name.clone().unwrap_or_default(), p);
                }
                watcher::Event::InitDone => {
                    pods = std::mem::take(&mut init);
                    initializing = false;
                }
                watcher::Event::Apply(p) => {
                    pods.insert(p.metadata.name.clone().unwrap_or_default(), p);
                }
                watcher::Event::Delete(p) => {
                    pods.remove(&p.metadata.name.clone().unwrap_or_default());
                }
            }
            // While an initial list is being buffered the state is incomplete: do not judge it.
            if initializing {
                continue;
            }
            let s = states(&pods);
            progress(&s);
            if done(&s) {
                return Ok(());
            }
        }
        Err(Error::kube(format!(
            "the watch on the pods of StatefulSet {} ended",
            sts.name
        )))
    };
    match tokio::time::timeout(timeout, wait).await {
        Ok(r) => r,
        Err(_) => Err(Error::timeout(format!(
            "timed out after {}s waiting for {what}; check `kubectl get pods -n {}` and the pods' \
             events, then run the command again",
            timeout.as_secs(),
            sts.namespace
        ))),
    }
}

/// Every ordinal below `n` exists and is Ready.
pub fn all_ready(states: &PodStates, n: i32) -> bool {
    (0..n).all(|o| states.get(&o).copied().unwrap_or(false))
}

/// No pod with an ordinal at or above `n` exists any more.
pub fn gone_from(states: &PodStates, n: i32) -> bool {
    states.keys().all(|o| *o < n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::k8s::discovery::Workload;

    fn cluster(convention: Convention, workloads: &[(&str, &str)]) -> KafkaCluster {
        KafkaCluster {
            namespace: "ns".into(),
            name: "kafka".into(),
            convention,
            workloads: workloads
                .iter()
                .map(|(k, n)| Workload {
                    kind: (*k).into(),
                    name: (*n).into(),
                })
                .collect(),
            controller_workloads: vec![],
            pods: vec![],
            controllers: vec![],
        }
    }

    #[test]
    fn one_statefulset_is_scalable() {
        let c = cluster(Convention::App, &[("StatefulSet", "kafka")]);
        assert_eq!(scalable_statefulset(&c).unwrap(), "kafka");
    }

    #[test]
    fn operators_and_deployments_are_refused_with_what_to_do() {
        let c = cluster(Convention::Strimzi, &[("StrimziPodSet", "my-kafka")]);
        let e = scalable_statefulset(&c).unwrap_err();
        assert!(matches!(e, Error::Refused(_)));
        assert!(e.to_string().contains("KafkaNodePool"), "{e}");

        let c = cluster(
            Convention::App,
            &[("Deployment", "kafka-0"), ("Deployment", "kafka-1")],
        );
        let e = scalable_statefulset(&c).unwrap_err();
        assert!(matches!(e, Error::Refused(_)));
        assert!(e.to_string().contains("Deployment per broker"), "{e}");

        let c = cluster(
            Convention::App,
            &[("StatefulSet", "a"), ("StatefulSet", "b")],
        );
        assert!(matches!(scalable_statefulset(&c), Err(Error::Refused(_))));
        let c = cluster(Convention::App, &[("Pod", "kafka-0")]);
        assert!(matches!(scalable_statefulset(&c), Err(Error::Refused(_))));
    }

    #[test]
    fn ordinals_and_conditions() {
        assert_eq!(ordinal_of("kafka", "kafka-3"), Some(3));
        assert_eq!(ordinal_of("kafka", "kafka-controller-0"), None);
        assert_eq!(ordinal_of("kafka", "other-1"), None);
        let s: PodStates = [(0, true), (1, true), (2, false)].into();
        assert!(all_ready(&s, 2));
        assert!(!all_ready(&s, 3));
        assert!(!all_ready(&s, 4));
        assert!(gone_from(&s, 3));
        assert!(!gone_from(&s, 2));
    }
}
