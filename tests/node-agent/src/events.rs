//! Pod events as a kubelet records them (Pulling, Started, Killing, Unhealthy, BackOff, ...),
//! published in the background so the pod loop never waits on them.

use k8s_openapi::api::core::v1::{ObjectReference, Pod};
use kube::Client;
use kube::Resource;
use kube::runtime::events::{Event, EventType, Recorder, Reporter};
use tracing::debug;

#[derive(Clone)]
pub struct Events {
    recorder: Recorder,
}

impl Events {
    pub fn new(client: Client) -> Self {
        Events {
            recorder: Recorder::new(
                client,
                Reporter {
                    controller: "kubelet".into(),
                    instance: Some("testbed-node-agent".into()),
                },
            ),
        }
    }

    fn publish(&self, pod: &Pod, type_: EventType, reason: &str, note: String) {
        let mut reference: ObjectReference = pod.object_ref(&());
        reference.field_path = None;
        let ev = Event {
            type_,
            reason: reason.to_string(),
            note: Some(note.chars().take(1000).collect()),
            action: reason.to_string(),
            secondary: None,
        };
        let recorder = self.recorder.clone();
        tokio::spawn(async move {
            if let Err(e) = recorder.publish(&ev, &reference).await {
                debug!("cannot record event {}: {e}", ev.reason);
            }
        });
    }

    pub fn normal(&self, pod: &Pod, reason: &str, note: String) {
        self.publish(pod, EventType::Normal, reason, note);
    }

    pub fn warning(&self, pod: &Pod, reason: &str, note: String) {
        self.publish(pod, EventType::Warning, reason, note);
    }
}
