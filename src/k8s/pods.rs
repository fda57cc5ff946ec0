//! Pods during a rolling restart: evict through the Eviction API (so PodDisruptionBudgets are
//! respected), watch the pod go and its replacement come back, and tell a pod that is merely slow
//! from one that is stuck (crash loop, image pull failure, unschedulable).

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use futures::StreamExt;
use k8s_openapi::api::core::v1::Pod;
use kube::api::EvictParams;
use kube::runtime::watcher;
use kube::{Api, Client};

use super::discovery::PodFacts;
use crate::deadline::Deadline;
use crate::error::{Error, Result};

/// Waiting reasons that do not resolve by waiting.
const STUCK_REASONS: [&str; 6] = [
    "CrashLoopBackOff",
    "ImagePullBackOff",
    "ErrImagePull",
    "InvalidImageName",
    "CreateContainerConfigError",
    "CreateContainerError",
];

/// Restarts of the new pod's container after which it counts as crash-looping even before the
/// kubelet reports CrashLoopBackOff (the first restart has no back-off).
const CRASH_RESTARTS: i32 = 2;

/// What a pod is doing, as far as a rolling restart cares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PodState {
    /// Being deleted (deletionTimestamp set).
    Terminating,
    /// Created or running but not Ready yet; the text says what it waits for.
    Starting(String),
    Ready,
    /// Will not become Ready without someone fixing it; the text says why.
    Stuck(String),
}

/// Classify a pod from its status. Pure.
pub fn classify(pod: &Pod) -> PodState {
    if pod.metadata.deletion_timestamp.is_some() {
        return PodState::Terminating;
    }
    let Some(status) = pod.status.as_ref() else {
        return PodState::Starting("no status yet".into());
    };
    let phase = status.phase.as_deref().unwrap_or("Unknown");
    if phase == "Failed" {
        let why = status
            .reason
            .clone()
            .or_else(|| status.message.clone())
            .unwrap_or_else(|| "no reason given".into());
        return PodState::Stuck(format!("pod failed: {why}"));
    }
    let conditions = status.conditions.as_deref().unwrap_or_default();
    if let Some(c) = conditions.iter().find(|c| c.type_ == "PodScheduled")
        && c.status == "False"
        && c.reason.as_deref() == Some("Unschedulable")
    {
        return PodState::Stuck(format!(
            "Pending/Unschedulable: {}",
            c.message.as_deref().unwrap_or("no node fits")
        ));
    }
    for cs in status.container_statuses.as_deref().unwrap_or_default() {
        let waiting = cs.state.as_ref().and_then(|s| s.waiting.as_ref());
        if let Some(w) = waiting
            && let Some(reason) = w.reason.as_deref()
            && STUCK_REASONS.contains(&reason)
        {
            let msg = w.message.as_deref().unwrap_or_default();
            return PodState::Stuck(format!(
                "container {} is in {reason} (restarts: {}){}",
                cs.name,
                cs.restart_count,
                if msg.is_empty() {
                    String::new()
                } else {
                    format!(": {msg}")
                }
            ));
        }
        if cs.restart_count >= CRASH_RESTARTS && !cs.ready {
            let last = cs
                .last_state
                .as_ref()
                .and_then(|s| s.terminated.as_ref())
                .map(|t| format!(", last exit code {}", t.exit_code))
                .unwrap_or_default();
            return PodState::Stuck(format!(
                "container {} keeps crashing (restarted {} times{last})",
                cs.name, cs.restart_count
            ));
        }
    }
    let ready = conditions
        .iter()
        .any(|c| c.type_ == "Ready" && c.status == "True");
    if ready && phase == "Running" {
        return PodState::Ready;
    }
    let waiting: Vec<String> = status
        .container_statuses
        .as_deref()
        .unwrap_or_default()
        .iter()
        .filter_map(|cs| {
            cs.state
                .as_ref()
                .and_then(|s| s.waiting.as_ref())
                .and_then(|w| w.reason.clone())
        })
        .collect();
    if waiting.is_empty() {
        PodState::Starting(format!("{phase}, not Ready"))
    } else {
        PodState::Starting(format!("{phase}, {}", waiting.join(", ")))
    }
}

/// The pod's UID, or an empty string when the API gave none.
pub fn uid(pod: &Pod) -> String {
    pod.metadata.uid.clone().unwrap_or_default()
}

/// What an eviction request got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Eviction {
    /// Accepted: the pod is being deleted gracefully.
    Started,
    /// The pod is already gone.
    Gone,
    /// Refused for now (429: a PodDisruptionBudget allows no disruption at the moment).
    Blocked(String),
}

/// Evict a pod with policy/v1 Eviction; a PDB refusal is returned as [`Eviction::Blocked`] so the
/// caller can wait and retry. `uid` makes sure the pod evicted is the one that was checked.
pub async fn evict(client: &Client, namespace: &str, name: &str, uid: &str) -> Result<Eviction> {
    let api: Api<Pod> = Api::namespaced(client.clone(), namespace);
    let mut ep = EvictParams::default();
    if !uid.is_empty() {
        ep.delete_options = Some(kube::api::DeleteParams {
            preconditions: Some(kube::api::Preconditions {
                uid: Some(uid.to_string()),
                resource_version: None,
            }),
            ..Default::default()
        });
    }
    match api.evict(name, &ep).await {
        Ok(_) => Ok(Eviction::Started),
        Err(kube::Error::Api(s)) if s.code == 429 => Ok(Eviction::Blocked(s.message)),
        Err(kube::Error::Api(s)) if s.code == 404 => Ok(Eviction::Gone),
        Err(kube::Error::Api(s)) if s.code == 409 => Ok(conflict(&s.message)),
        Err(e) => Err(super::api_error(
            e,
            "create",
            "pods/eviction",
            Some(namespace),
        )),
    }
}

/// What an eviction's 409 Conflict means, by its cause. Only the UID precondition failing says
/// the pod checked is gone (replaced by another of the same name); any other conflict (the
/// PodDisruptionBudget's status changed under the eviction, an object modified) is "not now":
/// the caller checks again and retries.
fn conflict(message: &str) -> Eviction {
    if message.contains("UID in precondition") {
        Eviction::Gone
    } else {
        Eviction::Blocked(format!("conflict: {message}"))
    }
}

/// Read a pod; None when it does not exist.
pub async fn get(client: &Client, namespace: &str, name: &str) -> Result<Option<Pod>> {
    let api: Api<Pod> = Api::namespaced(client.clone(), namespace);
    api.get_opt(name)
        .await
        .map_err(|e| super::api_error(e, "get", "pods", Some(namespace)))
}

/// Progress of a pod's replacement, reported to the caller as it changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Replacement {
    /// The old pod still exists (terminating or not yet touched).
    OldPod(PodState),
    /// No pod of that name exists right now.
    Absent,
    /// The replacement exists (new UID) and is in this state.
    NewPod(PodState),
}

/// Fold one observation of the pod named `name` into where the replacement stands. Pure.
pub fn observe(old_uid: &str, pod: Option<&Pod>) -> Replacement {
    match pod {
        None => Replacement::Absent,
        Some(p) if uid(p) == old_uid => Replacement::OldPod(classify(p)),
        Some(p) => Replacement::NewPod(classify(p)),
    }
}

/// Where a node's pod is found again once it was evicted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PodSlot {
    /// The replacement keeps the name (StatefulSet, StrimziPodSet).
    Named(String),
    /// The owner creates a replacement under a new name (a Deployment's ReplicaSet): the pod of
    /// that Deployment, declaring the same broker id when the evicted one declared one, that is
    /// none of the other nodes' pods.
    Owned {
        /// The evicted pod's name.
        name: String,
        deployment: String,
        /// The evicted pod's labels without `pod-template-hash`: what every pod of the
        /// Deployment carries, whichever ReplicaSet made it.
        labels: BTreeMap<String, String>,
        declared_id: Option<i32>,
        /// The other nodes' pods: never taken for the replacement.
        others: BTreeSet<String>,
    },
}

impl PodSlot {
    /// The slot of the pod `p`; `others` are the other nodes' pod names.
    pub fn of(p: &PodFacts, others: BTreeSet<String>) -> PodSlot {
        if p.owner.kind != "Deployment" {
            return PodSlot::Named(p.name.clone());
        }
        let mut labels = p.labels.clone();
        labels.remove("pod-template-hash");
        PodSlot::Owned {
            name: p.name.clone(),
            deployment: p.owner.name.clone(),
            labels,
            declared_id: p.declared_id,
            others,
        }
    }

    /// The evicted pod's name.
    pub fn name(&self) -> &str {
        match self {
            PodSlot::Named(n) | PodSlot::Owned { name: n, .. } => n,
        }
    }

    fn watch_config(&self) -> watcher::Config {
        match self {
            PodSlot::Named(n) => watcher::Config::default().fields(&format!("metadata.name={n}")),
            PodSlot::Owned { labels, .. } => {
                let sel: Vec<String> = labels.iter().map(|(k, v)| format!("{k}={v}")).collect();
                watcher::Config::default().labels(&sel.join(","))
            }
        }
    }

    /// Whether `p` may stand in this slot (it may still be the evicted pod).
    fn holds(&self, p: &Pod) -> bool {
        match self {
            PodSlot::Named(n) => p.metadata.name.as_deref() == Some(n.as_str()),
            PodSlot::Owned {
                deployment,
                declared_id,
                others,
                ..
            } => {
                let f = PodFacts::from_pod(p);
                f.owner.kind == "Deployment"
                    && f.owner.name == *deployment
                    && !others.contains(&f.name)
                    && (declared_id.is_none() || f.declared_id == *declared_id)
            }
        }
    }

    /// The pod that stands in the slot now, from the pods watched: a replacement (another UID)
    /// if there is one, the Ready one first, then one not being deleted, then the newest by
    /// name; else the evicted pod while it is still there. Pure.
    pub fn pick<'p>(
        &self,
        old_uid: &str,
        pods: impl IntoIterator<Item = &'p Pod>,
    ) -> Option<&'p Pod> {
        let mut old = None;
        let mut best: Option<(u8, &Pod)> = None;
        for p in pods {
            if !self.holds(p) {
                continue;
            }
            if uid(p) == old_uid {
                old = Some(p);
                continue;
            }
            let rank = match classify(p) {
                PodState::Ready => 3,
                PodState::Starting(_) | PodState::Stuck(_) => 2,
                PodState::Terminating => 1,
            };
            if best
                .is_none_or(|(r, b)| rank > r || (rank == r && p.metadata.name > b.metadata.name))
            {
                best = Some((rank, p));
            }
        }
        best.map(|(_, p)| p).or(old)
    }
}

/// Wait until the pod in `slot` has been replaced (a UID other than `old_uid`) and the
/// replacement is Ready; returns the replacement (its name is new when a Deployment made it).
/// Watches the pods rather than polling. A stuck replacement fails at once (exit 1) naming the
/// pod and why; not Ready by `timeout` fails with a timeout (exit 4). `on_change` sees every new
/// state, for progress output.
pub async fn wait_replaced_ready(
    client: &Client,
    namespace: &str,
    slot: &PodSlot,
    old_uid: &str,
    timeout: Duration,
    mut on_change: impl FnMut(&Replacement),
) -> Result<Pod> {
    let api: Api<Pod> = Api::namespaced(client.clone(), namespace);
    let mut stream = watcher(api, slot.watch_config()).boxed();
    let deadline = Deadline::after(timeout);
    let name = slot.name();
    let mut last: Option<Replacement> = None;
    // The watcher's initial listing arrives as Init/InitApply/InitDone and replaces what was
    // known; then each event changes one pod.
    let mut seen: BTreeMap<String, Pod> = BTreeMap::new();
    let mut listing: Option<BTreeMap<String, Pod>> = None;
    loop {
        let event = match deadline.run(stream.next()).await.ok_or(()) {
            Err(()) => {
                let state = last.map_or_else(|| "unknown".to_string(), |r| describe(&r));
                return Err(Error::timeout(format!(
                    "pod {namespace}/{name} did not come back Ready within {}s (last seen: {state}); \
                     the roll is stopped, no other broker was touched. Check `kubectl describe pod \
                     -n {namespace} {name}`, then run the restart again to continue",
                    timeout.as_secs()
                )));
            }
            Ok(None) => {
                return Err(Error::kube(format!(
                    "the watch on pod {namespace}/{name} ended unexpectedly; run the restart again \
                     to continue"
                )));
            }
            Ok(Some(Err(e))) => {
                // The watcher re-lists on its own after errors; note it and keep going.
                tracing::debug!("watch on pod {namespace}/{name}: {e}");
                continue;
            }
            Ok(Some(Ok(ev))) => ev,
        };
        match event {
            watcher::Event::Init => {
                listing = Some(BTreeMap::new());
                continue;
            }
            watcher::Event::InitApply(p) => {
                if let Some(l) = listing.as_mut() {
                    l.insert(p.metadata.name.clone().unwrap_or_default(), p);
                }
                continue;
            }
            watcher::Event::InitDone => seen = listing.take().unwrap_or_default(),
            watcher::Event::Apply(p) => {
                seen.insert(p.metadata.name.clone().unwrap_or_default(), p);
            }
            watcher::Event::Delete(p) => {
                seen.remove(p.metadata.name.as_deref().unwrap_or_default());
            }
        }
        let current = slot.pick(old_uid, seen.values());
        let r = observe(old_uid, current);
        let shown = match (&r, current) {
            (Replacement::NewPod(_), Some(p)) => p.metadata.name.clone().unwrap_or_default(),
            _ => name.to_string(),
        };
        if last.as_ref() != Some(&r) {
            on_change(&r);
            last = Some(r.clone());
        }
        match r {
            Replacement::NewPod(PodState::Ready) => {
                return current.cloned().ok_or_else(|| {
                    Error::failed(format!(
                        "pod {namespace}/{shown} vanished after becoming Ready"
                    ))
                });
            }
            Replacement::NewPod(PodState::Stuck(why)) => {
                return Err(Error::failed(format!(
                    "pod {namespace}/{shown} (replacing {name}) did not come back: {why}. The roll \
                     is stopped and no other broker was touched; fix the pod, then run the restart \
                     again to continue"
                )));
            }
            _ => {}
        }
    }
}

/// A short text for progress lines.
pub fn describe(r: &Replacement) -> String {
    let s = |st: &PodState| match st {
        PodState::Terminating => "terminating".to_string(),
        PodState::Starting(w) => format!("starting ({w})"),
        PodState::Ready => "Ready".to_string(),
        PodState::Stuck(w) => format!("stuck: {w}"),
    };
    match r {
        Replacement::OldPod(st) => format!("old pod {}", s(st)),
        Replacement::Absent => "gone, waiting for its replacement".into(),
        Replacement::NewPod(st) => format!("new pod {}", s(st)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_eviction_conflict_means_gone_only_when_the_uid_precondition_failed() {
        let uid = "Precondition failed: UID in precondition: 1234, UID in object meta: 5678";
        assert_eq!(conflict(uid), Eviction::Gone);
        let modified = "Operation cannot be fulfilled on poddisruptionbudgets.policy \"kafka\": \
                        the object has been modified; please apply your changes to the latest version and try again";
        assert!(
            matches!(conflict(modified), Eviction::Blocked(m) if m.contains("has been modified"))
        );
    }
    use serde_json::json;

    fn pod(v: serde_json::Value) -> Pod {
        serde_json::from_value(v).expect("test pod is valid")
    }

    #[test]
    fn ready_running_pod_is_ready() {
        let p = pod(json!({
            "metadata": {"name": "kafka-0", "uid": "a"},
            "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}],
                "containerStatuses": [{"name": "kafka", "ready": true, "restartCount": 0,
                    "image": "i", "imageID": "", "state": {"running": {}}}]}
        }));
        assert_eq!(classify(&p), PodState::Ready);
        assert_eq!(observe("a", Some(&p)), Replacement::OldPod(PodState::Ready));
        assert_eq!(observe("b", Some(&p)), Replacement::NewPod(PodState::Ready));
        assert_eq!(observe("a", None), Replacement::Absent);
    }

    #[test]
    fn crash_loop_and_image_pull_are_stuck() {
        for reason in ["CrashLoopBackOff", "ImagePullBackOff"] {
            let p = pod(json!({
                "metadata": {"name": "kafka-0", "uid": "a"},
                "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "False"}],
                    "containerStatuses": [{"name": "kafka", "ready": false, "restartCount": 1,
                        "image": "i", "imageID": "",
                        "state": {"waiting": {"reason": reason, "message": "back-off 10s"}}}]}
            }));
            match classify(&p) {
                PodState::Stuck(why) => assert!(why.contains(reason), "{why}"),
                other => panic!("{reason}: expected stuck, got {other:?}"),
            }
        }
    }

    #[test]
    fn repeated_crashes_are_stuck_before_backoff_shows() {
        let p = pod(json!({
            "metadata": {"name": "kafka-0", "uid": "a"},
            "status": {"phase": "Running",
                "containerStatuses": [{"name": "kafka", "ready": false, "restartCount": 2,
                    "image": "i", "imageID": "",
                    "lastState": {"terminated": {"exitCode": 1}},
                    "state": {"waiting": {"reason": "ContainerCreating"}}}]}
        }));
        match classify(&p) {
            PodState::Stuck(why) => assert!(why.contains("exit code 1"), "{why}"),
            other => panic!("expected stuck, got {other:?}"),
        }
    }

    #[test]
    fn unschedulable_pending_is_stuck_but_plain_pending_is_not() {
        let p = pod(json!({
            "metadata": {"name": "kafka-0", "uid": "a"},
            "status": {"phase": "Pending", "conditions": [{"type": "PodScheduled",
                "status": "False", "reason": "Unschedulable", "message": "0/3 nodes match"}]}
        }));
        assert!(matches!(classify(&p), PodState::Stuck(w) if w.contains("0/3 nodes")));
        let p = pod(json!({
            "metadata": {"name": "kafka-0", "uid": "a"},
            "status": {"phase": "Pending"}
        }));
        assert!(matches!(classify(&p), PodState::Starting(_)));
    }

    fn deployment_pod(name: &str, uid: &str, id: &str, ready: bool) -> Pod {
        pod(json!({
            "metadata": {"name": name, "uid": uid,
                "labels": {"app": "kafka", "id": id, "pod-template-hash": "abc12"},
                "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet",
                    "name": format!("kafka-broker{id}-abc12"), "uid": "rs", "controller": true}]},
            "status": {"phase": "Running", "conditions": [{"type": "Ready",
                "status": if ready { "True" } else { "False" }}]}
        }))
    }

    #[test]
    fn a_deployment_pod_is_found_again_under_its_new_name() {
        let old = deployment_pod("kafka-broker0-abc12-aaaaa", "u-old", "0", true);
        let facts = PodFacts::from_pod(&old);
        let others: BTreeSet<String> = ["kafka-broker1-abc12-bbbbb".to_string()].into();
        let slot = PodSlot::of(&facts, others);
        assert!(
            matches!(&slot, PodSlot::Owned { deployment, .. } if deployment == "kafka-broker0")
        );
        // Only the evicted pod: it stands in the slot.
        assert_eq!(
            slot.pick("u-old", [&old]).map(uid).as_deref(),
            Some("u-old")
        );
        // The replacement, another broker's pod of the same labels, and a pod of another
        // Deployment declaring another id: the replacement is picked, whatever its name.
        let new = deployment_pod("kafka-broker0-abc12-zzzzz", "u-new", "0", false);
        let sibling = deployment_pod("kafka-broker1-abc12-bbbbb", "u-1", "1", true);
        let pods = [&old, &new, &sibling];
        let picked = slot.pick("u-old", pods).expect("replacement found");
        assert_eq!(uid(picked), "u-new");
        assert_eq!(
            observe("u-old", Some(picked)),
            Replacement::NewPod(PodState::Starting("Running, not Ready".into()))
        );
        // Another broker's pod is never the replacement, even alone.
        assert!(slot.pick("u-old", [&sibling]).is_none());
        // A StatefulSet pod keeps its name.
        let sts = pod(json!({
            "metadata": {"name": "kafka-0", "uid": "s",
                "ownerReferences": [{"apiVersion": "apps/v1", "kind": "StatefulSet",
                    "name": "kafka", "uid": "x", "controller": true}]}
        }));
        let slot = PodSlot::of(&PodFacts::from_pod(&sts), BTreeSet::new());
        assert_eq!(slot, PodSlot::Named("kafka-0".into()));
        assert!(slot.pick("s", [&new]).is_none());
    }

    #[test]
    fn deleting_pod_is_terminating() {
        let p = pod(json!({
            "metadata": {"name": "kafka-0", "uid": "a", "deletionTimestamp": "2026-01-01T00:00:00Z"},
            "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}]}
        }));
        assert_eq!(classify(&p), PodState::Terminating);
    }
}
