//! The roll itself: per node, wait for the checks, evict, watch the pod come back, wait for the
//! broker to rejoin every ISR (or the controller to catch up), move leadership back; record the
//! progress after each node.

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use kube::Client;

use super::RestartArgs;
use super::evict::{EvictSteps, evict_when_safe};
use super::observer::{Phase, RollObserver};
use super::report::{StepReport, secs};
use crate::deadline::Deadline;
use crate::error::{Error, Result};
use crate::k8s::discovery::KafkaCluster;
use crate::k8s::lease::LifecycleLock;
use crate::k8s::pods::{self, Eviction, PodSlot, PodState, Replacement};
use crate::k8s::records::Record;
use crate::kafka::Admin;
use crate::model::{BrokerId, ClusterSnapshot, TopicPartition};
use crate::output;
use crate::output::progress::Log;
use crate::safety::restart::caused_only_by_batch;
use crate::safety::roll::LiveFacts;
use crate::safety::roll::{Role, RollPlan, Target};
use crate::safety::roll_state::{self as state, InFlight, Progress};
use crate::safety::{SettleTracker, Verdict};

/// How often Kafka state is polled while waiting (Kafka has no watch).
const POLL: Duration = Duration::from_millis(500);
/// How often an unchanged wait is reported again.
const REPEAT_NOTE: Duration = Duration::from_secs(15);
/// Back-off between eviction attempts a PodDisruptionBudget refused.
const EVICT_RETRY: Duration = Duration::from_secs(2);

/// Why a restart is still waiting: the checks block it, or they pass and the settle window runs.
#[derive(Debug, PartialEq, Eq)]
enum Wait {
    Blocked(String),
    Settling,
}

pub use crate::deadline::unix_now_ms as now_ms;

/// The state of one roll in progress.
pub struct Roll<'a> {
    pub client: &'a Client,
    pub admin: &'a Admin,
    pub cluster: &'a KafkaCluster,
    pub args: &'a RestartArgs,
    pub plan: &'a RollPlan,
    pub log: &'a Log,
    pub store: Option<&'a Record<Progress>>,
    pub lock: &'a LifecycleLock,
    /// Told of every phase of every node (e.g. to measure clients per step).
    pub observer: &'a dyn RollObserver,
    /// The controllers' controller.quorum.fetch.timeout.ms.
    pub quorum_fetch_timeout_ms: i64,
    /// The brokers restarted together with the node in hand (empty: it goes alone).
    pub batch: Vec<BrokerId>,
    pub warnings: Vec<String>,
    pub steps: Vec<StepReport>,
    /// The pods replaced under a new name (a Deployment's): planned name -> current name.
    pub renamed: BTreeMap<String, String>,
    /// A node of the batch in hand was evicted: the observer's stop is no longer asked.
    pub batch_evicted: bool,
}

impl Roll<'_> {
    /// Restart `batches` in turn. Each batch: every node's checks (with the whole batch away)
    /// and eviction, then every node's return, catch-up and election; a batch of one is the
    /// sequential roll.
    pub async fn run(&mut self, batches: &[Vec<BrokerId>], progress: &mut Progress) -> Result<()> {
        if self.store.is_none() {
            self.log.line(
                "note: the brokers' workload is neither a StatefulSet nor a Deployment: progress is not recorded, an interrupted roll starts over",
            );
        }
        let total: usize = batches.iter().map(Vec::len).sum();
        let mut remaining: Vec<Vec<BrokerId>> = batches.to_vec();
        let (mut n, mut k) = (0usize, 0usize);
        while !remaining.is_empty() {
            // KRaft leadership may have moved since the plan (a restarted controller, an
            // election): keep the leader of the moment for last.
            let leader = match self.admin.describe_quorum().await {
                Ok(q) => q.map(|q| q.leader_id),
                Err(e) => {
                    tracing::debug!("describe quorum: {e}");
                    None
                }
            };
            let batch = remaining.remove(crate::safety::roll::next_in_order(&remaining, leader));
            k += 1;
            let targets: Vec<Target> = batch
                .iter()
                .filter_map(|id| self.plan.order.iter().find(|t| t.id == *id).cloned())
                .collect();
            if targets.is_empty() {
                continue;
            }
            self.ensure_held()?;
            self.observer.settle().await;
            self.observer_stop(&targets)?;
            self.batch_evicted = false;
            self.batch = if targets.len() > 1 {
                batch.clone()
            } else {
                Vec::new()
            };
            if targets.len() > 1 {
                self.log.line(format!(
                    "batch {}/{}: brokers {} together",
                    k,
                    batches.len(),
                    output::ids(&batch)
                ));
            }
            let mut evicted: Vec<(Target, Evicted)> = Vec::new();
            for target in &targets {
                n += 1;
                self.log.line(format!(
                    "[{n}/{total}] {} {} (pod {})",
                    target.role.name(),
                    target.id,
                    target.pod
                ));
                let in_flight = progress.in_flight(target.id);
                match self.evict_phase(target, in_flight, progress).await {
                    Ok(e) => {
                        self.batch_evicted = true;
                        evicted.push((target.clone(), e));
                    }
                    Err(e) => {
                        // The batch's pods already evicted come back on their own; see them back
                        // before stopping, so the roll stops with nothing of its own in flight.
                        for (t, ev) in evicted {
                            match self.return_phase(&t, ev).await {
                                Ok(step) => self.finish(&t, step, progress).await?,
                                Err(back) => {
                                    self.log.line(format!("{} {}: {back}", t.role.name(), t.id))
                                }
                            }
                        }
                        return Err(e);
                    }
                }
            }
            for (target, e) in evicted {
                let step = self.return_phase(&target, e).await?;
                self.finish(&target, step, progress).await?;
            }
        }
        self.batch.clear();
        self.save(None).await?;
        Ok(())
    }

    /// The name of the pod planned as `planned` now (a Deployment's replacement has a new one).
    fn pod_name<'n>(&'n self, planned: &'n str) -> &'n str {
        self.renamed.get(planned).map_or(planned, String::as_str)
    }

    /// Where `t`'s pod is found again after its eviction: by name, or through its Deployment.
    fn slot(&self, t: &Target) -> PodSlot {
        let current = self.pod_name(&t.pod).to_string();
        let others: BTreeSet<String> = self
            .plan
            .pods
            .keys()
            .filter(|n| **n != t.pod)
            .flat_map(|n| [n.clone(), self.pod_name(n).to_string()])
            .collect();
        self.cluster
            .pods
            .iter()
            .chain(&self.cluster.controllers)
            .find(|p| p.name == t.pod)
            .map(|p| {
                let mut slot = PodSlot::of(p, others);
                if let PodSlot::Named(n) = &mut slot {
                    n.clone_from(&current);
                }
                slot
            })
            .unwrap_or(PodSlot::Named(current))
    }

    /// Record `t` as back and report its step.
    async fn finish(
        &mut self,
        t: &Target,
        step: StepReport,
        progress: &mut Progress,
    ) -> Result<()> {
        progress.mark_restarted(t.id, &step.new_uid);
        self.save(Some(progress)).await?;
        self.log.line(format!(
            "{} {} done in {} (pod restart {}, catch-up {})",
            t.role.name(),
            t.id,
            secs(step.total_secs),
            secs(step.pod_restart_secs),
            secs(step.catch_up_secs)
        ));
        self.steps.push(step);
        Ok(())
    }

    /// Stop before `next` when the observer asks to (e.g. the canary saw too many errors).
    fn observer_stop(&self, next: &[Target]) -> Result<()> {
        match self.observer.stop_reason() {
            Some(why) => {
                let next: Vec<String> = next
                    .iter()
                    .map(|t| format!("{} {} (pod {})", t.role.name(), t.id, t.pod))
                    .collect();
                Err(Error::refused(format!(
                    "{why}. Stopping before {}: no further pod evicted; progress is recorded on \
                     the cluster, run the same command again to continue the roll",
                    next.join(", ")
                )))
            }
            None => Ok(()),
        }
    }

    /// Stop as soon as the lifecycle Lease is lost (taken over, or not renewed for its whole
    /// duration): another operation may be changing the cluster.
    fn ensure_held(&self) -> Result<()> {
        if self.lock.is_lost() {
            return Err(Error::failed(format!(
                "the lifecycle Lease {} was lost (taken over by another operation, or not renewed in time); \
                 stopping the roll. Check what holds it, then run the same command again to continue",
                self.lock.name()
            )));
        }
        // `reassign cancel` asked the holder of the Lease to stop: evict nothing more. A pod
        // already evicted comes back on its own, and the record lets a rerun see it back.
        if let Some(by) = self.lock.stop_requested() {
            return Err(Error::failed(format!(
                "stopped at the request of {by}: no further pod evicted; progress is recorded on \
                 the cluster, run the same command again to continue the roll"
            )));
        }
        Ok(())
    }

    async fn save(&self, p: Option<&Progress>) -> Result<()> {
        match self.store {
            Some(s) => s.write(p).await,
            None => Ok(()),
        }
    }

    /// A snapshot, retrying transient admin failures (a broker just went away) until `deadline`.
    async fn snapshot(&self, deadline: Deadline) -> Result<ClusterSnapshot> {
        loop {
            match self.admin.snapshot().await {
                Ok(s) => return Ok(s),
                Err(e) if !deadline.passes_within(POLL) => {
                    tracing::debug!("snapshot failed, retrying: {e}");
                    tokio::time::sleep(POLL).await;
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// Wait for the checks and evict `t`'s pod (or find it evicted by the interrupted run).
    async fn evict_phase(
        &mut self,
        t: &Target,
        in_flight: Option<InFlight>,
        progress: &mut Progress,
    ) -> Result<Evicted> {
        let started = Instant::now();
        let ns = self.cluster.namespace.clone();
        let live = pods::get(self.client, &ns, self.pod_name(&t.pod)).await?;
        let live_uid = live.as_ref().map(pods::uid).unwrap_or_default();
        // Resuming: the pod was evicted by the interrupted run when it is gone, replaced or not
        // Ready; then only its return is awaited. A Ready pod with the recorded UID was never
        // evicted: restart it normally.
        let resumed_uid = in_flight.filter(|c| {
            c.uid != live_uid
                || live
                    .as_ref()
                    .is_none_or(|p| pods::classify(p) != PodState::Ready)
        });

        let resumed = resumed_uid.is_some();
        let (old_uid, checks_wait, eviction_wait, evicted_at) = match resumed_uid {
            Some(c) => {
                self.log.line(format!(
                    "{} {}: its pod was evicted by the interrupted run; waiting for it to come back",
                    t.role.name(),
                    t.id
                ));
                (c.uid, 0.0, 0.0, Instant::now())
            }
            None => {
                let ev_start = Instant::now();
                let mut steps = CheckThenEvict {
                    roll: self,
                    t,
                    progress,
                    uid: String::new(),
                    checks_secs: 0.0,
                };
                let deadline = Deadline::after(steps.roll.args.timeout);
                evict_when_safe(&mut steps, deadline, EVICT_RETRY).await?;
                let (uid, checks_wait) = (steps.uid, steps.checks_secs);
                let eviction_wait = (ev_start.elapsed().as_secs_f64() - checks_wait).max(0.0);
                (uid, checks_wait, eviction_wait, Instant::now())
            }
        };
        Ok(Evicted {
            started,
            old_uid,
            checks_wait,
            eviction_wait,
            evicted_at,
            resumed,
        })
    }

    /// Wait for `t`'s replacement pod, its catch-up, and elect its preferred leaders.
    async fn return_phase(&mut self, t: &Target, e: Evicted) -> Result<StepReport> {
        let Evicted {
            started,
            old_uid,
            checks_wait,
            eviction_wait,
            evicted_at,
            resumed,
        } = e;
        let ns = self.cluster.namespace.clone();
        self.observer.phase(t, Phase::WaitingReady);
        let log = self.log;
        let role = t.role.name();
        let id = t.id;
        let slot = self.slot(t);
        let new_pod = pods::wait_replaced_ready(
            self.client,
            &ns,
            &slot,
            &old_uid,
            self.args.pod_timeout,
            |r: &Replacement| log.line(format!("{role} {id}: {}", pods::describe(r))),
        )
        .await?;
        let pod_restart = evicted_at.elapsed().as_secs_f64();
        let new_name = new_pod.metadata.name.clone().unwrap_or_default();
        if !new_name.is_empty() && new_name != self.pod_name(&t.pod) {
            self.log.line(format!(
                "{role} {id}: pod {} was replaced by {new_name}",
                self.pod_name(&t.pod)
            ));
            self.renamed.insert(t.pod.clone(), new_name);
        }
        let ready_at = Instant::now();
        let catch_deadline = Deadline::from(ready_at, self.args.pod_timeout);
        let (elected, election_secs) = match t.role {
            Role::Broker => {
                self.observer.phase(t, Phase::CatchingUp);
                self.wait_broker_back(t, catch_deadline).await?;
                let catch_up = ready_at.elapsed().as_secs_f64();
                self.observer.phase(t, Phase::Electing);
                let e0 = Instant::now();
                let n = self.elect(t, catch_deadline).await?;
                (n, (catch_up, e0.elapsed().as_secs_f64()))
            }
            Role::Controller => {
                self.observer.phase(t, Phase::CatchingUp);
                self.wait_voter_back(t, catch_deadline).await?;
                (0, (ready_at.elapsed().as_secs_f64(), 0.0))
            }
        };
        self.observer.phase(t, Phase::Done);
        Ok(StepReport {
            role: t.role,
            id: t.id,
            pod: t.pod.clone(),
            checks_wait_secs: checks_wait,
            eviction_wait_secs: eviction_wait,
            pod_restart_secs: pod_restart,
            catch_up_secs: election_secs.0,
            election_secs: election_secs.1,
            partitions_elected: elected,
            total_secs: started.elapsed().as_secs_f64(),
            old_uid,
            new_uid: pods::uid(&new_pod),
            resumed_in_flight: resumed,
        })
    }

    /// Poll until every check passes and URP has been 0 for the settle window, or `--timeout`.
    /// Returns the seconds waited.
    async fn wait_checks(&mut self, t: &Target) -> Result<f64> {
        self.observer.phase(t, Phase::Checking);
        let start = Instant::now();
        if t.role == Role::Controller && self.plan.single_voter {
            let msg = format!(
                "controller {} is the only voter of the KRaft quorum: restarting it stops all \
                 metadata changes (leader elections, ISR updates) until it is back",
                t.id
            );
            if !self.args.force {
                return Err(Error::refused(format!(
                    "not restarting {msg}. Add controllers to the quorum, or pass --force to accept the outage"
                )));
            }
            self.log.line(format!("warning: --force: restarting {msg}"));
            self.warnings.push(format!("--force: restarted {msg}"));
        }
        let deadline = Deadline::from(start, self.args.timeout);
        let mut settle =
            SettleTracker::new(i64::try_from(self.args.settle.as_millis()).unwrap_or(i64::MAX));
        let mut last: Option<Wait> = None;
        let mut last_note = start;
        loop {
            self.ensure_held()?;
            let snapshot = self.snapshot(deadline).await?;
            let mut reasons: Vec<String> = Vec::new();
            // Every other node's pod must be Ready (this one may be the unready one).
            let not_ready = self.unready_pods().await?;
            let live = LiveFacts {
                unready_brokers: not_ready
                    .iter()
                    .filter_map(|(name, _)| self.plan.broker_ids.get(name).copied())
                    .collect(),
                quorum_fetch_timeout_ms: self.quorum_fetch_timeout_ms,
            };
            let unready: Vec<&str> = not_ready
                .iter()
                .filter(|(name, _)| *name != t.pod && !self.in_batch(name))
                .map(|(_, text)| text.as_str())
                .collect();
            if !unready.is_empty() {
                let r = format!("pods not Ready: {}", unready.join(", "));
                if self.args.force {
                    self.warnings
                        .push(format!("{} {}: {r}", t.role.name(), t.id));
                } else {
                    reasons.push(r);
                }
            }
            let verdict =
                self.plan
                    .verdict_in_batch(&snapshot, t, &self.batch, self.args.force, &live);
            for w in verdict.warnings() {
                let text = format!("{} {}: {w}", t.role.name(), t.id);
                if !self.warnings.contains(&text) {
                    self.log.line(format!("warning: {text}"));
                    self.warnings.push(text);
                }
            }
            if let Verdict::Blocked { reasons: r, .. } = &verdict {
                reasons.extend(r.iter().map(ToString::to_string));
            }
            // The window is about everyone else settling: what this node's own absence causes
            // does not count, and a node that is down has nothing to wait for.
            let down = t.role == Role::Broker
                && (live.unready_brokers.contains(&t.id)
                    || !snapshot.brokers.iter().any(|b| b.id == t.id));
            let away: Vec<BrokerId> = if self.batch.contains(&t.id) {
                self.batch.clone()
            } else {
                vec![t.id]
            };
            let urp = snapshot
                .partitions()
                .filter(|(_, p)| p.isr.len() < p.replicas.len() && !caused_only_by_batch(p, &away))
                .count();
            // The batch's first node waited for the window; the others follow it at once.
            let follows = self.batch.len() > 1 && self.batch.first() != Some(&t.id);
            let settled = settle.observe(now_ms(), urp) || self.args.force || down || follows;
            if reasons.is_empty() && settled {
                return Ok(start.elapsed().as_secs_f64());
            }
            let wait = if reasons.is_empty() {
                Wait::Settling
            } else {
                Wait::Blocked(reasons.join("; "))
            };
            let text = match &wait {
                Wait::Blocked(why) => why.clone(),
                Wait::Settling => format!(
                    "settling: under-replicated partitions have been 0 for less than {}s ({}s to go)",
                    self.args.settle.as_secs(),
                    settle
                        .remaining_ms()
                        .map_or(0, |ms| ms.saturating_add(999) / 1000)
                ),
            };
            if deadline.is_past() {
                return Err(Error::refused(format!(
                    "not restarting {} {} after waiting {}s: {text}. Nothing else was restarted by this step; \
                     fix the cause (or raise --timeout) and run the same command again",
                    t.role.name(),
                    t.id,
                    self.args.timeout.as_secs()
                )));
            }
            // The settle countdown changes every poll: a settling wait is reported when it begins.
            if last.as_ref() != Some(&wait) || last_note.elapsed() >= REPEAT_NOTE {
                self.log.line(format!(
                    "{} {}: waiting ({}s): {text}",
                    t.role.name(),
                    t.id,
                    start.elapsed().as_secs()
                ));
                last_note = Instant::now();
            }
            last = Some(wait);
            tokio::time::sleep(POLL).await;
        }
    }

    /// Whether the pod `name` is a broker of the batch in hand.
    fn in_batch(&self, name: &str) -> bool {
        self.plan
            .broker_ids
            .get(name)
            .is_some_and(|id| self.batch.len() > 1 && self.batch.contains(id))
    }

    /// The cluster's pods (brokers and controllers) that are not Ready: name, and name with why.
    async fn unready_pods(&self) -> Result<Vec<(String, String)>> {
        let mut out = Vec::new();
        for name in self.plan.pods.keys() {
            let now = self.pod_name(name);
            let state = pods::get(self.client, &self.cluster.namespace, now)
                .await?
                .map(|p| pods::classify(&p));
            match state {
                Some(PodState::Ready) => {}
                Some(other) => out.push((
                    name.clone(),
                    format!(
                        "{now} ({})",
                        pods::describe(&Replacement::OldPod(other)).trim_start_matches("old pod ")
                    ),
                )),
                None => out.push((name.clone(), format!("{now} (missing)"))),
            }
        }
        Ok(out)
    }

    /// One eviction attempt of the pod with `uid` (never retried here: see [`evict_when_safe`]).
    async fn evict_once(&self, t: &Target, uid: &str) -> Result<Eviction> {
        let name = self.pod_name(&t.pod);
        let r = pods::evict(self.client, &self.cluster.namespace, name, uid).await?;
        match &r {
            Eviction::Started => self
                .log
                .line(format!("{} {}: pod {name} evicted", t.role.name(), t.id)),
            Eviction::Gone => self.log.line(format!(
                "{} {}: pod {name} already gone",
                t.role.name(),
                t.id,
            )),
            Eviction::Blocked(msg) => self.log.line(format!(
                "{} {}: a PodDisruptionBudget refuses the eviction for now ({msg}); checking again before the next attempt",
                t.role.name(),
                t.id
            )),
        }
        Ok(r)
    }

    /// Wait until the broker is registered again and in the ISR of every partition it hosts.
    async fn wait_broker_back(&self, t: &Target, deadline: Deadline) -> Result<()> {
        let mut last = String::new();
        let start = Instant::now();
        let mut last_note = start;
        loop {
            self.ensure_held()?;
            let snapshot = self.snapshot(deadline).await?;
            let registered = snapshot.brokers.iter().any(|b| b.id == t.id);
            let lagging = state::not_in_sync(&snapshot, t.id);
            if registered && lagging.is_empty() {
                return Ok(());
            }
            let text = if registered {
                format!(
                    "{} partitions not back in sync yet ({})",
                    lagging.len(),
                    short_list(&lagging)
                )
            } else {
                "not registered with the cluster yet".to_string()
            };
            if deadline.is_past() {
                return Err(Error::timeout(format!(
                    "broker {}'s pod {} is Ready but the broker is {text} after {}s; the roll is \
                     stopped and no other broker was touched. Check the broker's log, then run the \
                     same command again to continue",
                    t.id,
                    t.pod,
                    self.args.pod_timeout.as_secs()
                )));
            }
            if text != last || last_note.elapsed() >= REPEAT_NOTE {
                self.log.line(format!("broker {}: {text}", t.id));
                last_note = Instant::now();
                last = text;
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Wait until a restarted controller's log reaches the quorum's high watermark of its return.
    async fn wait_voter_back(&self, t: &Target, deadline: Deadline) -> Result<()> {
        let mut target_hw: Option<i64> = None;
        loop {
            self.ensure_held()?;
            let quorum = match self.admin.describe_quorum().await {
                Ok(q) => q,
                Err(e) if !deadline.is_past() => {
                    tracing::debug!("describe quorum failed, retrying: {e}");
                    None
                }
                Err(e) => return Err(e),
            };
            if let Some(q) = quorum {
                let hw = *target_hw.get_or_insert(q.high_watermark);
                if state::voter_caught_up(&q, t.id, hw) {
                    return Ok(());
                }
            }
            if deadline.is_past() {
                return Err(Error::timeout(format!(
                    "controller {} (pod {}) is Ready but has not caught up with the quorum after {}s; \
                     the roll is stopped. Run the same command again to continue",
                    t.id,
                    t.pod,
                    self.args.pod_timeout.as_secs()
                )));
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Give the broker back the leadership of the partitions it prefers. Returns how many moved.
    async fn elect(&mut self, t: &Target, deadline: Deadline) -> Result<usize> {
        let mut elected = 0;
        for _ in 0..10 {
            let snapshot = self.snapshot(deadline).await?;
            let want = state::should_lead(&snapshot, t.id);
            if want.is_empty() {
                return Ok(elected);
            }
            let results = self.admin.elect_preferred_leaders(Some(&want)).await;
            match results {
                Ok(rs) => {
                    let failed: Vec<String> = rs
                        .iter()
                        .filter_map(|(tp, r)| r.as_ref().err().map(|e| format!("{tp}: {e}")))
                        .collect();
                    elected += crate::ops::executor::elections(&rs);
                    if failed.is_empty() {
                        self.log.line(format!(
                            "broker {}: leadership of {} partitions moved back",
                            t.id,
                            rs.len()
                        ));
                        return Ok(elected);
                    }
                    tracing::debug!("preferred leader election partly failed: {failed:?}");
                }
                Err(e) => tracing::debug!("preferred leader election failed: {e}"),
            }
            if deadline.is_past() {
                break;
            }
            tokio::time::sleep(POLL).await;
        }
        let w = format!(
            "broker {}: preferred leader election did not complete; run `kafka-leader-election --election-type PREFERRED` later",
            t.id
        );
        self.log.line(format!("warning: {w}"));
        self.warnings.push(w);
        Ok(elected)
    }
}

/// A node whose pod is gone (or going): what its return phase measures from.
struct Evicted {
    started: Instant,
    old_uid: String,
    checks_wait: f64,
    eviction_wait: f64,
    evicted_at: Instant,
    resumed: bool,
}

/// Checks and one eviction attempt of a node, for [`evict_when_safe`].
struct CheckThenEvict<'r, 'a> {
    roll: &'r mut Roll<'a>,
    t: &'r Target,
    progress: &'r mut Progress,
    /// The UID of the pod last attempted.
    uid: String,
    /// Seconds spent in the checks, over every attempt.
    checks_secs: f64,
}

impl EvictSteps for CheckThenEvict<'_, '_> {
    async fn checks_pass(&mut self) -> Result<()> {
        self.checks_secs += self.roll.wait_checks(self.t).await?;
        Ok(())
    }

    async fn attempt(&mut self) -> Result<Option<Eviction>> {
        // The step's first eviction is the last point to stop before it.
        if !self.roll.batch_evicted {
            self.roll.observer_stop(std::slice::from_ref(self.t))?;
        }
        // Re-read the pod: the checks may have taken a while. Its UID goes on record before the
        // eviction so a resumed run knows which pod it evicted.
        let r = &*self.roll;
        let name = r.pod_name(&self.t.pod).to_string();
        let pod = pods::get(r.client, &r.cluster.namespace, &name).await?;
        self.uid = pod.as_ref().map(pods::uid).unwrap_or_default();
        self.progress.record_evicting(InFlight {
            id: self.t.id,
            pod: name,
            uid: self.uid.clone(),
        });
        r.save(Some(self.progress)).await?;
        if pod.is_none() {
            return Ok(None);
        }
        r.ensure_held()?;
        r.observer.phase(self.t, Phase::Evicting);
        r.evict_once(self.t, &self.uid).await.map(Some)
    }

    fn what(&self) -> String {
        format!(
            "pod {} in namespace {}",
            self.roll.pod_name(&self.t.pod),
            self.roll.cluster.namespace
        )
    }
}

fn short_list(tps: &[TopicPartition]) -> String {
    let mut s: Vec<String> = tps.iter().take(5).map(ToString::to_string).collect();
    if tps.len() > 5 {
        s.push(format!("and {} more", tps.len() - 5));
    }
    s.join(", ")
}
