//! The lifecycle lock: only one lifecycle operation (scale, restart, rebalance...) per cluster at a
//! time, held as a coordination.k8s.io/v1 Lease named `kafka-lifecycle-<cluster>` in the cluster's
//! namespace.
//!
//! The Lease is renewed in the background while held; a holder that vanished without releasing it
//! (killed process, lost connection) stops renewing and the Lease expires, after which the next
//! operation takes it over. Creation and takeover use the API server's optimistic concurrency
//! (create conflicts, resourceVersion on replace), so two operations racing for it cannot both win.

use std::time::Duration;

use k8s_openapi::api::coordination::v1::{Lease, LeaseSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{MicroTime, ObjectMeta};
use k8s_openapi::jiff::Timestamp;
use kube::api::{DeleteParams, PostParams, Preconditions};
use kube::{Api, Client};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::error::{Error, Result};

/// How long a Lease stays valid without renewal. Short, so a killed operation blocks the next one
/// only briefly; renewal runs at a third of it so one slow API call does not lose the lock.
pub const LEASE_SECONDS: i32 = 20;
const RENEW_EVERY: Duration = Duration::from_secs((LEASE_SECONDS / 3) as u64);

/// Annotation on the Lease naming the operation that holds it.
pub const OPERATION_ANNOTATION: &str = "kafka.kubectl.io/operation";

/// Annotation on the Lease by which another command (`reassign cancel`) asks the holder to stop
/// before it submits anything more; its value says who asked. The holder sees it at its next
/// renewal.
pub const STOP_ANNOTATION: &str = "kafka.kubectl.io/stop-requested-by";

/// Whose stop request a Lease carries, if any.
pub fn stop_request(lease: &Lease) -> Option<String> {
    lease
        .metadata
        .annotations
        .as_ref()?
        .get(STOP_ANNOTATION)
        .cloned()
}

/// The Lease name for a cluster.
pub fn lease_name(cluster: &str) -> String {
    format!("kafka-lifecycle-{cluster}")
}

/// Who this process is, as written into `holderIdentity`: user, host and pid, so whoever is refused
/// knows where to look.
pub fn holder_identity() -> String {
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("LOGNAME"))
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "unknown".into());
    let host = std::env::var("HOSTNAME")
        .ok()
        .filter(|h| !h.is_empty())
        .or_else(|| {
            std::fs::read_to_string("/proc/sys/kernel/hostname")
                .ok()
                .map(|h| h.trim().to_string())
        })
        .unwrap_or_else(|| "unknown-host".into());
    format!("{user}@{host} pid {}", std::process::id())
}

/// What a Lease says about its holder, as far as the lock is concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    pub identity: String,
    pub operation: String,
    pub since: Option<Timestamp>,
    pub renewed: Option<Timestamp>,
    pub duration_seconds: i32,
}

impl Holder {
    fn from_lease(lease: &Lease) -> Option<Holder> {
        let spec = lease.spec.as_ref()?;
        let identity = spec.holder_identity.clone().filter(|h| !h.is_empty())?;
        let operation = lease
            .metadata
            .annotations
            .as_ref()
            .and_then(|a| a.get(OPERATION_ANNOTATION).cloned())
            .unwrap_or_else(|| "unknown operation".into());
        Some(Holder {
            identity,
            operation,
            since: spec.acquire_time.as_ref().map(|t| t.0),
            renewed: spec
                .renew_time
                .as_ref()
                .or(spec.acquire_time.as_ref())
                .map(|t| t.0),
            duration_seconds: spec.lease_duration_seconds.unwrap_or(LEASE_SECONDS),
        })
    }

    /// Whether the holder still owns the Lease at `now` (renewed within its duration).
    pub fn is_live(&self, now: Timestamp) -> bool {
        match self.renewed {
            Some(renewed) => {
                let age = now.duration_since(renewed);
                age < k8s_openapi::jiff::SignedDuration::from_secs(i64::from(self.duration_seconds))
            }
            // A holder that never wrote a time cannot be judged: treat it as live, the safe side.
            None => true,
        }
    }

    /// The refusal message for a second operation.
    pub fn refusal(&self, cluster: &str, namespace: &str) -> String {
        let since = self
            .since
            .map(|t| format!(" since {}", t.strftime("%Y-%m-%dT%H:%M:%SZ")))
            .unwrap_or_default();
        format!(
            "another lifecycle operation is running on cluster {cluster}: '{}' held by {}{since} \
             (Lease {namespace}/{}). Wait for it to finish; if its process is gone the Lease expires \
             {}s after its last renewal",
            self.operation,
            self.identity,
            lease_name(cluster),
            self.duration_seconds
        )
    }
}

/// A held lifecycle lock. Call [`LifecycleLock::release`] when the operation ends, on every path;
/// dropping it without release stops the renewal and lets the Lease expire.
pub struct LifecycleLock {
    api: Api<Lease>,
    name: String,
    identity: String,
    stop: watch::Sender<bool>,
    renewer: Option<JoinHandle<()>>,
    lost: watch::Receiver<bool>,
    stop_requested: watch::Receiver<Option<String>>,
}

impl LifecycleLock {
    /// Take the lock for `operation` on `cluster` in `namespace`, or refuse (exit 3) naming who
    /// holds it, for what, and since when.
    pub async fn acquire(
        client: &Client,
        namespace: &str,
        cluster: &str,
        operation: &str,
    ) -> Result<LifecycleLock> {
        let api: Api<Lease> = Api::namespaced(client.clone(), namespace);
        let name = lease_name(cluster);
        let identity = holder_identity();
        // A few rounds only cover races with another acquirer; each round is one read and one write.
        for _ in 0..3 {
            let existing = api
                .get_opt(&name)
                .await
                .map_err(|e| super::api_error(e, "get", "leases", Some(namespace)))?;
            let now = Timestamp::now();
            let result = match existing {
                None => {
                    let lease = new_lease(&name, &identity, operation, now, None, 0);
                    api.create(&PostParams::default(), &lease).await.map(|_| ())
                }
                Some(lease) => {
                    if let Some(holder) = Holder::from_lease(&lease) {
                        if holder.is_live(now) {
                            return Err(Error::refused(holder.refusal(cluster, namespace)));
                        }
                        // Its renewTime says expired, but that is the holder's clock against
                        // ours. As client-go does, take it over only once the record has stayed
                        // unchanged for the whole Lease duration as observed here.
                        if !unchanged_for(&api, &name, &lease, holder.duration_seconds).await? {
                            // It changed while watched: its holder is alive.
                            return Err(Error::refused(holder.refusal(cluster, namespace)));
                        }
                    }
                    let transitions = lease
                        .spec
                        .as_ref()
                        .and_then(|s| s.lease_transitions)
                        .unwrap_or(0);
                    let replacement = new_lease(
                        &name,
                        &identity,
                        operation,
                        now,
                        lease.metadata.resource_version.clone(),
                        transitions + 1,
                    );
                    api.replace(&name, &PostParams::default(), &replacement)
                        .await
                        .map(|_| ())
                }
            };
            match result {
                Ok(()) => {
                    return Ok(Self::start(api, name, identity));
                }
                // Someone else created or changed it between our read and write: look again.
                Err(kube::Error::Api(s)) if s.code == 409 => continue,
                Err(e) => {
                    return Err(super::api_error(
                        e,
                        "create/update",
                        "leases",
                        Some(namespace),
                    ));
                }
            }
        }
        Err(Error::refused(format!(
            "the Lease {namespace}/{name} keeps changing under us: another operation is taking it; \
             try again in a few seconds"
        )))
    }

    fn start(api: Api<Lease>, name: String, identity: String) -> LifecycleLock {
        let (stop, mut stopped) = watch::channel(false);
        let (lost_tx, lost) = watch::channel(false);
        let (stop_tx, stop_requested) = watch::channel(None);
        let (r_api, r_name, r_identity) = (api.clone(), name.clone(), identity.clone());
        let renewer = tokio::spawn(async move {
            let mut last_ok = std::time::Instant::now();
            loop {
                tokio::select! {
                    _ = stopped.changed() => return,
                    _ = tokio::time::sleep(RENEW_EVERY) => {}
                }
                match renew(&r_api, &r_name, &r_identity).await {
                    Ok(Renewed::Held(by)) => {
                        last_ok = std::time::Instant::now();
                        if by.is_some() {
                            let _ = stop_tx.send(by);
                        }
                    }
                    Ok(Renewed::Lost) => {
                        tracing::warn!("lifecycle Lease {r_name} was taken by someone else");
                        let _ = lost_tx.send(true);
                        return;
                    }
                    // A transient API failure: keep the lock and try again at the next tick; the
                    // Lease only expires after several missed renewals.
                    Err(e) => {
                        tracing::warn!("cannot renew lifecycle Lease {r_name}: {e}");
                        if renewals_lapsed(last_ok.elapsed()) {
                            tracing::warn!(
                                "lifecycle Lease {r_name} not renewed for its whole duration: another operation may hold it now"
                            );
                            let _ = lost_tx.send(true);
                            return;
                        }
                    }
                }
            }
        });
        LifecycleLock {
            api,
            name,
            identity,
            stop,
            renewer: Some(renewer),
            lost,
            stop_requested,
        }
    }

    /// Who asked this operation to stop through the Lease (`reassign cancel`), if anyone did.
    /// Operations check it between steps, as they check [`Self::is_lost`].
    pub fn stop_requested(&self) -> Option<String> {
        self.stop_requested.borrow().clone()
    }

    /// Whether the Lease was taken over by someone else while we held it (we stopped renewing in
    /// time, e.g. after a long network outage). Operations should check it between steps.
    pub fn is_lost(&self) -> bool {
        *self.lost.borrow()
    }

    /// The Lease name, for messages.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Stop renewing and delete the Lease if we still hold it.
    pub async fn release(mut self) -> Result<()> {
        let _ = self.stop.send(true);
        if let Some(h) = self.renewer.take() {
            let _ = h.await;
        }
        let current = self
            .api
            .get_opt(&self.name)
            .await
            .map_err(|e| super::api_error(e, "get", "leases", self.api.namespace()))?;
        let Some(lease) = current else {
            return Ok(());
        };
        let ours = lease
            .spec
            .as_ref()
            .and_then(|s| s.holder_identity.as_deref())
            == Some(self.identity.as_str());
        if !ours {
            return Ok(());
        }
        // The precondition makes sure we delete the Lease we read, not one someone just took over.
        let dp = DeleteParams {
            preconditions: Some(Preconditions {
                resource_version: lease.metadata.resource_version.clone(),
                uid: lease.metadata.uid.clone(),
            }),
            ..Default::default()
        };
        match self.api.delete(&self.name, &dp).await {
            Ok(_) => Ok(()),
            Err(kube::Error::Api(s)) if s.code == 404 || s.code == 409 => Ok(()),
            Err(e) => Err(super::api_error(
                e,
                "delete",
                "leases",
                self.api.namespace(),
            )),
        }
    }
}

impl Drop for LifecycleLock {
    fn drop(&mut self) {
        // Without release (a panic or an early return that skipped it) the renewal stops and the
        // Lease expires on its own.
        let _ = self.stop.send(true);
        if let Some(h) = self.renewer.take() {
            h.abort();
        }
    }
}

fn new_lease(
    name: &str,
    identity: &str,
    operation: &str,
    now: Timestamp,
    resource_version: Option<String>,
    transitions: i32,
) -> Lease {
    Lease {
        metadata: ObjectMeta {
            name: Some(name.to_string()),
            resource_version,
            annotations: Some(
                [(OPERATION_ANNOTATION.to_string(), operation.to_string())]
                    .into_iter()
                    .collect(),
            ),
            labels: Some(
                [(
                    "app.kubernetes.io/managed-by".to_string(),
                    "kubectl-kafka".to_string(),
                )]
                .into_iter()
                .collect(),
            ),
            ..Default::default()
        },
        spec: Some(LeaseSpec {
            holder_identity: Some(identity.to_string()),
            lease_duration_seconds: Some(LEASE_SECONDS),
            acquire_time: Some(MicroTime(now)),
            renew_time: Some(MicroTime(now)),
            lease_transitions: Some(transitions),
            ..Default::default()
        }),
    }
}

/// Whether the Lease keeps `seen`'s resourceVersion for `duration_seconds` of this machine's time
/// (clamped to 1 s..5 min), watched from now.
async fn unchanged_for(
    api: &Api<Lease>,
    name: &str,
    seen: &Lease,
    duration_seconds: i32,
) -> Result<bool> {
    let first_seen = std::time::Instant::now();
    let secs = u64::try_from(duration_seconds.clamp(1, 300)).unwrap_or(1);
    let limit = Duration::from_secs(secs);
    loop {
        if observed_expired(first_seen.elapsed(), limit) {
            return Ok(true);
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
        let now = api
            .get_opt(name)
            .await
            .map_err(|e| super::api_error(e, "get", "leases", api.namespace()))?;
        if now.map(|l| l.metadata.resource_version) != Some(seen.metadata.resource_version.clone())
        {
            return Ok(false);
        }
    }
}

/// A Lease record unchanged for `observed` of local time has expired when that spans its duration.
fn observed_expired(observed: Duration, duration: Duration) -> bool {
    observed >= duration
}

/// Whether renewals have failed for so long (`since_ok` since the last one that worked) that
/// another operation may have taken the Lease over: then it counts as lost.
fn renewals_lapsed(since_ok: Duration) -> bool {
    since_ok >= Duration::from_secs(LEASE_SECONDS.unsigned_abs().into())
}

/// Renew the Lease; Ok(false) when it is no longer ours.
/// What a renewal found.
enum Renewed {
    /// Still ours; and who asked us to stop, if anyone did.
    Held(Option<String>),
    Lost,
}

async fn renew(api: &Api<Lease>, name: &str, identity: &str) -> Result<Renewed, kube::Error> {
    let Some(mut lease) = api.get_opt(name).await? else {
        return Ok(Renewed::Lost);
    };
    let stop = stop_request(&lease);
    let Some(spec) = lease.spec.as_mut() else {
        return Ok(Renewed::Lost);
    };
    if spec.holder_identity.as_deref() != Some(identity) {
        return Ok(Renewed::Lost);
    }
    spec.renew_time = Some(MicroTime(Timestamp::now()));
    match api.replace(name, &PostParams::default(), &lease).await {
        Ok(_) => Ok(Renewed::Held(stop)),
        // Changed between read and write (a stop request, say): the next tick reads it again.
        Err(kube::Error::Api(s)) if s.code == 409 => Ok(Renewed::Held(stop)),
        Err(e) => Err(e),
    }
}

/// Ask the live holder of `cluster`'s Lease to stop (see [`STOP_ANNOTATION`]), as `by`. Returns
/// the holder asked, None when nobody holds it.
pub async fn request_stop(
    client: &Client,
    namespace: &str,
    cluster: &str,
    by: &str,
) -> Result<Option<Holder>> {
    let api: Api<Lease> = Api::namespaced(client.clone(), namespace);
    let name = lease_name(cluster);
    let Some(lease) = api
        .get_opt(&name)
        .await
        .map_err(|e| super::api_error(e, "get", "leases", Some(namespace)))?
    else {
        return Ok(None);
    };
    let Some(holder) = Holder::from_lease(&lease).filter(|h| h.is_live(Timestamp::now())) else {
        return Ok(None);
    };
    let patch = serde_json::json!({ "metadata": { "annotations": { STOP_ANNOTATION: by } } });
    match api
        .patch(
            &name,
            &kube::api::PatchParams::default(),
            &kube::api::Patch::Merge(&patch),
        )
        .await
    {
        Ok(_) => Ok(Some(holder)),
        // Released between our read and the patch: nobody to stop.
        Err(kube::Error::Api(s)) if s.code == 404 => Ok(None),
        Err(e) => Err(super::api_error(e, "patch", "leases", Some(namespace))),
    }
}

/// Wait until `holder` no longer holds `cluster`'s Lease (released, expired or taken over), up to
/// `timeout`. Whether it let go.
pub async fn wait_released(
    client: &Client,
    namespace: &str,
    cluster: &str,
    holder: &Holder,
    timeout: Duration,
) -> Result<bool> {
    let api: Api<Lease> = Api::namespaced(client.clone(), namespace);
    let name = lease_name(cluster);
    let deadline = crate::deadline::Deadline::after(timeout);
    loop {
        let lease = api
            .get_opt(&name)
            .await
            .map_err(|e| super::api_error(e, "get", "leases", Some(namespace)))?;
        let held = lease
            .as_ref()
            .and_then(Holder::from_lease)
            .is_some_and(|h| h.identity == holder.identity && h.is_live(Timestamp::now()));
        if !held {
            return Ok(true);
        }
        if deadline.is_past() {
            return Ok(false);
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lease_expires_by_the_time_it_was_observed_unchanged() {
        let d = Duration::from_secs(20);
        assert!(!observed_expired(Duration::ZERO, d));
        assert!(!observed_expired(Duration::from_secs(19), d));
        assert!(observed_expired(d, d));
    }

    #[test]
    fn a_stop_request_is_read_from_the_lease() {
        let mut l = lease(Some("me"), 0, 20);
        assert_eq!(stop_request(&l), None);
        l.metadata.annotations = Some(
            [(STOP_ANNOTATION.to_string(), "reassign cancel".to_string())]
                .into_iter()
                .collect(),
        );
        assert_eq!(stop_request(&l).as_deref(), Some("reassign cancel"));
    }

    #[test]
    fn failed_renewals_for_the_whole_lease_duration_lose_it() {
        let d = Duration::from_secs(LEASE_SECONDS.unsigned_abs().into());
        assert!(!renewals_lapsed(RENEW_EVERY));
        assert!(!renewals_lapsed(d - Duration::from_millis(1)));
        assert!(renewals_lapsed(d));
    }

    fn lease(holder: Option<&str>, renewed_secs_ago: i64, duration: i32) -> Lease {
        let now = Timestamp::now();
        let renewed = now - k8s_openapi::jiff::SignedDuration::from_secs(renewed_secs_ago);
        let mut l = new_lease(
            "kafka-lifecycle-c",
            holder.unwrap_or(""),
            "scale",
            renewed,
            None,
            0,
        );
        if let Some(spec) = l.spec.as_mut() {
            spec.lease_duration_seconds = Some(duration);
            if holder.is_none() {
                spec.holder_identity = None;
            }
        }
        l
    }

    #[test]
    fn live_holder_is_refused_with_its_name_and_operation() {
        let l = lease(Some("ann@box pid 7"), 3, 20);
        let h = Holder::from_lease(&l).expect("holder present");
        assert!(h.is_live(Timestamp::now()));
        let msg = h.refusal("c", "ns");
        assert!(msg.contains("ann@box pid 7"), "{msg}");
        assert!(msg.contains("'scale'"), "{msg}");
        assert!(msg.contains("ns/kafka-lifecycle-c"), "{msg}");
        assert!(msg.contains(" since "), "{msg}");
    }

    #[test]
    fn expired_holder_can_be_taken_over() {
        let l = lease(Some("ann@box pid 7"), 30, 20);
        let h = Holder::from_lease(&l).expect("holder present");
        assert!(!h.is_live(Timestamp::now()));
    }

    #[test]
    fn released_lease_has_no_holder() {
        let l = lease(None, 0, 20);
        assert!(Holder::from_lease(&l).is_none());
    }

    #[test]
    fn identity_names_the_process() {
        assert!(holder_identity().ends_with(&format!("pid {}", std::process::id())));
    }
}
