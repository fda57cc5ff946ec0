//! Pods during a rolling restart: evict through the Eviction API (so PodDisruptionBudgets are
//! respected), watch the pod go and its replacement come back, and tell a pod that is merely slow
//! from one that is stuck (crash loop, image pull failure, unschedulable).

use std::time::Duration;

use futures::StreamExt;
use k8s_openapi::api::core::v1::Pod;
use kube::api::EvictParams;
use kube::runtime::watcher;
use kube::{Api, Client};

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
        // The UID precondition failed: the pod was already replaced.
        Err(kube::Error::Api(s)) if s.code == 409 => Ok(Eviction::Gone),
        Err(e) => Err(super::api_error(
            e,
            "create",
            "pods/eviction",
            Some(namespace),
        )),
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

/// Wait until the pod `name` has been replaced (a UID other than `old_uid`) and the replacement is
/// Ready. Watches the pod rather than polling. A stuck replacement fails at once (exit 1) naming
/// the pod and why; not Ready by `timeout` fails with a timeout (exit 4). `on_change` sees every
/// new state, for progress output.
pub async fn wait_replaced_ready(
    client: &Client,
    namespace: &str,
    name: &str,
    old_uid: &str,
    timeout: Duration,
    mut on_change: impl FnMut(&Replacement),
) -> Result<Pod> {
    let api: Api<Pod> = Api::namespaced(client.clone(), namespace);
    let config = watcher::Config::default().fields(&format!("metadata.name={name}"));
    let mut stream = watcher(api, config).boxed();
    let deadline = Deadline::after(timeout);
    let mut last: Option<Replacement> = None;
    // The watcher's initial listing arrives as Init/InitApply/InitDone; an empty listing means the
    // pod is absent.
    let mut init_seen = false;
    let mut current: Option<Pod>;
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
        match ev_pod(event, &mut init_seen) {
            EvUpdate::Set(p) => current = Some(*p),
            EvUpdate::Clear => current = None,
            EvUpdate::None => continue,
        }
        let r = observe(old_uid, current.as_ref());
        if last.as_ref() != Some(&r) {
            on_change(&r);
            last = Some(r.clone());
        }
        match r {
            Replacement::NewPod(PodState::Ready) => {
                return current.ok_or_else(|| {
                    Error::failed(format!(
                        "pod {namespace}/{name} vanished after becoming Ready"
                    ))
                });
            }
            Replacement::NewPod(PodState::Stuck(why)) => {
                return Err(Error::failed(format!(
                    "pod {namespace}/{name} did not come back: {why}. The roll is stopped and no \
                     other broker was touched; fix the pod, then run the restart again to continue"
                )));
            }
            _ => {}
        }
    }
}

enum EvUpdate {
    Set(Box<Pod>),
    Clear,
    None,
}

fn ev_pod(ev: watcher::Event<Pod>, init_seen: &mut bool) -> EvUpdate {
    match ev {
        watcher::Event::Init => {
            *init_seen = false;
            EvUpdate::None
        }
        watcher::Event::InitApply(p) => {
            *init_seen = true;
            EvUpdate::Set(Box::new(p))
        }
        watcher::Event::InitDone => {
            if *init_seen {
                EvUpdate::None
            } else {
                EvUpdate::Clear
            }
        }
        watcher::Event::Apply(p) => EvUpdate::Set(Box::new(p)),
        watcher::Event::Delete(_) => EvUpdate::Clear,
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

    #[test]
    fn deleting_pod_is_terminating() {
        let p = pod(json!({
            "metadata": {"name": "kafka-0", "uid": "a", "deletionTimestamp": "2026-01-01T00:00:00Z"},
            "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}]}
        }));
        assert_eq!(classify(&p), PodState::Terminating);
    }
}
