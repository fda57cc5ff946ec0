//! Executes a reassignment, shared by `scale`, `rebalance` and `reassign execute`: batches under a
//! per-broker and a cluster-wide limit, an optional replication throttle (set, recorded, removed
//! once nothing moves), progress in partitions and bytes, a preferred-leader election at the end, and the
//! final balance. [`guarded`] runs an operation so Ctrl-C and errors still settle the throttles.

pub mod batch;
pub mod report;
pub mod throttle;

use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::io::IsTerminal;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::Mutex;

use self::batch::{Limits, PartitionMove, follow_leaders, next_batch};
use self::report::{ExecReport, balance};
use self::throttle::{ThrottleRecord, throttle_plan};
use crate::deadline::Deadline;
use crate::error::{Error, Result};
use crate::k8s::lease::LifecycleLock;
use crate::k8s::records::Record;
use crate::kafka::Admin;
use crate::kafka::admin::Election;
use crate::model::{Assignment, BrokerId, TopicPartition};
use crate::output::progress::MoveProgress;
use crate::output::{human_bytes, note};
use crate::safety::resume::MovesRecord;

/// How to execute.
#[derive(Debug, Clone)]
pub struct ExecOptions {
    /// Replication throttle in bytes/s while data moves.
    pub throttle: Option<u64>,
    pub limits: Limits,
    /// How often Kafka is asked how far the reassignment got (it has no watch).
    pub poll: Duration,
    /// How long the execution may take (Duration::MAX: no limit); then it stops with exit code 4.
    pub timeout: Duration,
}

/// Where the throttles an operation set are recorded, when the cluster runs on Kubernetes.
pub type Recorder = Record<ThrottleRecord>;

/// Where an operation records the moves it submits, so a rerun can resume them as its own.
pub type MovesRecorder = Record<MovesRecord>;

#[derive(Default)]
struct GuardState {
    throttles: Option<ThrottleRecord>,
    /// Kafka accepted reassignments that may still be running.
    accepted: bool,
    /// A connection made after the operation started (scale out: one that knows the new
    /// brokers); cleanup goes through it rather than the one [`guarded`] was given.
    admin: Option<Admin>,
}

/// What became of the throttles an operation set when it ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Settled {
    /// It set none (or they were removed already).
    Nothing,
    /// Nothing moves any more: removed, with their record. The rate they had.
    Removed(u64),
    /// Data still moves (or Kafka could not say whether it does): kept, with their record, for
    /// `reassign status` to remove once the moves are done. Why.
    Kept(String),
}

/// The rule for replication throttles: never left behind once nothing moves, never removed while
/// something moves. `in_flight` is how many reassignments Kafka lists, None when it could not
/// say (an unknown counts as moving).
pub fn may_remove_throttles(in_flight: Option<usize>) -> bool {
    in_flight == Some(0)
}

/// What must be undone however an operation ends: the throttles it set (and their record).
#[derive(Clone)]
pub struct Guard {
    state: Arc<Mutex<GuardState>>,
    recorder: Option<Recorder>,
    /// Where the moves are recorded, and for which operation.
    moves: Option<(MovesRecorder, String)>,
}

impl Guard {
    pub fn new(recorder: Option<Recorder>) -> Self {
        Guard {
            state: Arc::new(Mutex::new(GuardState::default())),
            recorder,
            moves: None,
        }
    }

    /// Also record the moves `op` submits (before the first batch; removed once all arrived).
    pub fn with_moves(mut self, recorder: Option<MovesRecorder>, op: &str) -> Self {
        self.moves = recorder.map(|r| (r, op.to_string()));
        self
    }

    async fn moves_submitted(&self, target: &Assignment) -> Result<()> {
        if let Some((r, op)) = &self.moves {
            r.write(Some(&MovesRecord::new(op, target))).await?;
        }
        Ok(())
    }

    async fn moves_arrived(&self) -> Result<()> {
        if let Some((r, _)) = &self.moves {
            r.write(None).await?;
        }
        Ok(())
    }

    /// Remember throttles before they are set, in memory and on the workload, so that even a
    /// crash half-way leaves a record `reassign cancel` can clean up from.
    async fn throttles_set(&self, rec: &ThrottleRecord) -> Result<()> {
        let mut merged = rec.clone();
        if let Some(r) = &self.recorder
            && let Some(old) = r.read().await?
        {
            merged.merge(&old);
        }
        self.state.lock().await.throttles = Some(merged.clone());
        if let Some(r) = &self.recorder {
            r.write(Some(&merged)).await?;
        }
        Ok(())
    }

    /// Take over the throttles an earlier run recorded and left while its moves went on, so this
    /// run removes them once nothing moves, with or without `--throttle`.
    async fn adopt_recorded(&self) -> Result<()> {
        let Some(r) = &self.recorder else {
            return Ok(());
        };
        if let Some(old) = r.read().await? {
            let mut st = self.state.lock().await;
            match &mut st.throttles {
                Some(t) => t.merge(&old),
                None => st.throttles = Some(old),
            }
        }
        Ok(())
    }

    /// Clean up through `admin` from now on: it reaches brokers the first connection did not
    /// know (those a scale out added), through the address map made when they existed.
    pub async fn reconnected(&self, admin: &Admin) {
        self.state.lock().await.admin = Some(admin.clone());
    }

    async fn accepted(&self) {
        self.state.lock().await.accepted = true;
    }

    /// Remove the throttles this operation set and their record, whatever moves. Idempotent.
    async fn cleanup(&self, admin: &Admin) -> Result<Option<u64>> {
        let rec = self.state.lock().await.throttles.take();
        let Some(rec) = rec else { return Ok(None) };
        if let Err(e) = throttle::remove(admin, &rec).await {
            // Keep the record so a later command can retry.
            self.state.lock().await.throttles = Some(rec);
            return Err(e);
        }
        if let Some(r) = &self.recorder {
            r.write(None).await?;
        }
        Ok(Some(rec.rate))
    }

    /// Remove the throttles this operation set once nothing moves; while reassignments run (or
    /// Kafka cannot say) keep them and their record. Idempotent.
    pub async fn settle(&self, admin: &Admin) -> Result<Settled> {
        if self.state.lock().await.throttles.is_none() {
            return Ok(Settled::Nothing);
        }
        let listed = admin.list_partition_reassignments().await;
        let moving = listed.as_ref().ok().map(Vec::len);
        if !may_remove_throttles(moving) {
            // Forget them here: they stay set and recorded for `reassign status` or `cancel`.
            self.state.lock().await.throttles = None;
            return Ok(Settled::Kept(match listed {
                Ok(v) => format!("{} partition reassignments are still in flight", v.len()),
                Err(e) => format!("Kafka could not say whether data still moves ({e})"),
            }));
        }
        Ok(match self.cleanup(admin).await? {
            Some(rate) => Settled::Removed(rate),
            None => Settled::Nothing,
        })
    }
}

/// What an operation that stops while data moves says about the throttles it keeps.
const KEPT_THROTTLES: &str = "the replication throttles stay set (and recorded) while data \
                              moves: `kubectl kafka reassign status` follows the moves and \
                              removes the throttles once they are done, `kubectl kafka reassign \
                              cancel` stops the moves and then removes them";

/// Run `op`; on Ctrl-C stop it. Either way settle the throttles it set: removed once nothing
/// moves, kept while anything does. An interrupted or failed run says what Kafka keeps doing and
/// how to resume or stop it.
pub async fn guarded<T>(
    admin: &Admin,
    guard: &Guard,
    op: impl Future<Output = Result<T>>,
) -> Result<T> {
    let result = tokio::select! {
        r = op => r,
        _ = tokio::signal::ctrl_c() => Err(Error::failed("interrupted")),
    };
    // Cleaning up can be slow (an unreachable broker, a slow API server): a second Ctrl-C stops
    // waiting for it and says what may be left.
    let (before, accepted, latest) = {
        let st = guard.state.lock().await;
        (st.throttles.clone(), st.accepted, st.admin.clone())
    };
    let admin = latest.as_ref().unwrap_or(admin);
    let settled = tokio::select! {
        s = guard.settle(admin) => s,
        _ = tokio::signal::ctrl_c() => {
            return Err(Error::failed("interrupted again while cleaning up: stopped")
                .with_note(left_behind(before.as_ref(), guard.recorder.is_some(), accepted)));
        }
    };
    match (result, settled) {
        (Ok(v), Ok(Settled::Kept(why))) => {
            note(format!("{why}: {KEPT_THROTTLES}"));
            Ok(v)
        }
        (Ok(v), Ok(_)) => Ok(v),
        (Ok(_), Err(e)) => Err(e),
        (Err(mut e), settled) => {
            match settled {
                Ok(Settled::Removed(_)) => {
                    e = e
                        .with_note("nothing moves any more: the replication throttles were removed")
                }
                Ok(Settled::Kept(why)) => e = e.with_note(format!("{why}; {KEPT_THROTTLES}")),
                Ok(Settled::Nothing) => {}
                Err(c) => e = e.with_note(c),
            }
            if accepted {
                e = e.with_note(
                    "the reassignments Kafka already accepted continue: follow them with \
                     `kubectl kafka reassign status`, resume with the same command or `kubectl \
                     kafka reassign execute`, or stop them with `kubectl kafka reassign cancel`",
                );
            }
            Err(e)
        }
    }
}

/// What a run stopped in the middle of its cleanup may leave behind, and how to clear it: the
/// throttles it had set (`throttles`, kept on the workload when `recorded`), the moves Kafka
/// accepted (`accepted`), and the lifecycle Lease.
pub fn left_behind(throttles: Option<&ThrottleRecord>, recorded: bool, accepted: bool) -> String {
    let mut left = Vec::new();
    if let Some(t) = throttles {
        left.push(format!(
            "replication throttles of {}/s may still be set on brokers {:?} and topics {:?} ({})",
            human_bytes(t.rate),
            t.brokers,
            t.topics,
            if recorded {
                "recorded on the StatefulSet: `kubectl kafka reassign status` removes them once                  nothing moves"
            } else {
                "not recorded anywhere: remove them with kafka-configs once nothing moves"
            }
        ));
    }
    if accepted {
        left.push(
            "partition moves Kafka accepted may still run: follow them with `kubectl kafka              reassign status` or stop them with `kubectl kafka reassign cancel`"
                .to_string(),
        );
    }
    left.push(
        "the lifecycle Lease is released on the way out; if that fails too it expires by itself          once it is no longer renewed"
            .to_string(),
    );
    format!("left behind: {}", left.join("; "))
}

/// The assignment as it stands apart from the moves in flight: a partition being reassigned
/// has the replicas it had before (the metadata lists old and new together meanwhile).
pub fn before_moves(
    snap: &crate::model::ClusterSnapshot,
    in_flight: &[crate::model::OngoingReassignment],
) -> Assignment {
    let mut current = snap.assignment();
    for o in in_flight {
        current.insert(o.tp.clone(), PartitionMove::from_ongoing(o).current);
    }
    current
}

/// Partitions whose replica list differs between `current` and `target`, in partition order.
/// A target partition that does not exist is a usage error.
pub fn partition_moves(current: &Assignment, target: &Assignment) -> Result<Vec<PartitionMove>> {
    let mut out = Vec::new();
    for (tp, r) in target {
        let Some(cur) = current.get(tp) else {
            return Err(Error::usage(format!(
                "partition {tp} does not exist in the cluster; fix the plan"
            )));
        };
        if cur != r {
            out.push(PartitionMove {
                tp: tp.clone(),
                current: cur.clone(),
                target: r.clone(),
                leader: None,
            });
        }
    }
    Ok(out)
}

/// Each partition's leader, from the metadata (partitions without one are left out).
async fn leaders(admin: &Admin) -> Result<BTreeMap<TopicPartition, BrokerId>> {
    Ok(admin
        .metadata()
        .await?
        .topics
        .iter()
        .flat_map(|t| {
            t.partitions
                .iter()
                .filter_map(|p| Some((TopicPartition::new(&t.name, p.partition), p.leader?)))
        })
        .collect())
}

/// Partition sizes as the brokers report them, the largest copy per partition (the leader's).
async fn sizes(
    admin: &Admin,
    brokers: &BTreeSet<BrokerId>,
) -> BTreeMap<(TopicPartition, BrokerId), i64> {
    let mut out = BTreeMap::new();
    for b in brokers {
        match admin.describe_log_dirs(*b).await {
            Ok(m) => out.extend(m.into_iter().map(|(tp, s)| ((tp, *b), s))),
            // Sizes only feed the progress display; a broker that cannot say is counted as 0.
            Err(e) => tracing::debug!("describe_log_dirs on broker {b}: {e}"),
        }
    }
    out
}

/// Submit the moves from `current` to `target` and follow them to the end, then elect preferred
/// leaders. Reassignments already in flight towards the same target are adopted (a resumed run);
/// ones towards another target are refused.
pub async fn execute(
    admin: &Admin,
    current: &Assignment,
    target: &Assignment,
    opts: &ExecOptions,
    guard: &Guard,
    lock: Option<&LifecycleLock>,
) -> Result<ExecReport> {
    let start = Instant::now();
    let deadline = Deadline::from(start, opts.timeout);
    guard.adopt_recorded().await?;
    let mut pending = partition_moves(current, target)?;
    let ongoing = admin.list_partition_reassignments().await?;
    let mut adopted: BTreeSet<TopicPartition> = BTreeSet::new();
    for o in &ongoing {
        let Some(m) = pending.iter_mut().find(|m| m.tp == o.tp) else {
            continue;
        };
        let going = PartitionMove::from_ongoing(o);
        let (to, want): (BTreeSet<BrokerId>, BTreeSet<BrokerId>) = (
            going.target.iter().copied().collect(),
            m.target.iter().copied().collect(),
        );
        if to != want {
            return Err(Error::refused(format!(
                "partition {} is being reassigned to {:?}, not to {:?} as planned: wait for it \
                 (`kubectl kafka reassign status`) or stop it (`kubectl kafka reassign cancel`)",
                o.tp, to, want
            )));
        }
        // During a move the metadata lists old and new replicas together: where it comes from
        // is what Kafka's reassignment says, so throttles and batch caps see the real sources.
        m.current = going.current;
        adopted.insert(o.tp.clone());
    }
    // New replicas copy from the leader: the per-broker cap counts it as the source.
    follow_leaders(&mut pending, &leaders(admin).await?);
    let total = pending.len();
    let replicas_moved: usize = pending.iter().map(|m| m.adding().len()).sum();
    let all_moves = pending.clone();
    let (mut in_flight, mut pending): (Vec<PartitionMove>, Vec<PartitionMove>) =
        pending.into_iter().partition(|m| adopted.contains(&m.tp));
    if !in_flight.is_empty() {
        note(format!(
            "{} partitions of this plan are already being reassigned: following them",
            in_flight.len()
        ));
    }

    // Source sizes, for the bytes-moved figure.
    let sources: BTreeSet<BrokerId> = all_moves
        .iter()
        .filter(|m| !m.is_reorder())
        .flat_map(|m| m.current.iter().copied())
        .collect();
    let src = sizes(admin, &sources).await;
    let source_size: BTreeMap<TopicPartition, u64> = all_moves
        .iter()
        .map(|m| {
            let s = m
                .current
                .iter()
                .filter_map(|b| src.get(&(m.tp.clone(), *b)))
                .copied()
                .max()
                .unwrap_or(0)
                .max(0) as u64;
            (m.tp.clone(), s)
        })
        .collect();
    let bytes_of =
        |m: &PartitionMove| source_size.get(&m.tp).copied().unwrap_or(0) * m.adding().len() as u64;
    let total_bytes: u64 = all_moves.iter().map(bytes_of).sum();

    if let Some(rate) = opts.throttle {
        // As Kafka's tool does, the moves other tools have in flight are throttled too.
        let mut moves = all_moves.clone();
        moves.extend(
            ongoing
                .iter()
                .filter(|o| !all_moves.iter().any(|m| m.tp == o.tp))
                .map(PartitionMove::from_ongoing),
        );
        let plan = throttle_plan(&moves, rate);
        let brokers: Vec<BrokerId> = plan.brokers.iter().copied().collect();
        let topics: Vec<String> = plan.topics.keys().cloned().collect();
        let now = throttle::current(admin, &brokers, &topics).await?;
        let rec = plan.additions(&now);
        if !rec.is_empty() {
            guard.throttles_set(&rec).await?;
            throttle::apply(admin, &rec).await?;
            note(format!(
                "replication throttled to {}/s on brokers {:?}",
                human_bytes(rate),
                rec.brokers
            ));
        }
    }

    // Recorded before anything is submitted: a rerun after an interruption knows these moves.
    let planned: Assignment = all_moves
        .iter()
        .map(|m| (m.tp.clone(), m.target.clone()))
        .collect();
    if !planned.is_empty() {
        guard.moves_submitted(&planned).await?;
    }
    let mut progress = MoveProgress::new(total, total_bytes);
    let sizes_every = if std::io::stderr().is_terminal() {
        SIZES_EVERY_BAR
    } else {
        SIZES_EVERY_LINES
    };
    let mut sized_at: Option<Instant> = None;
    let mut dest_sizes: BTreeMap<(TopicPartition, BrokerId), i64> = BTreeMap::new();
    let mut done = total - pending.len() - in_flight.len();
    let mut bytes_done: u64 = 0;
    let mut first_pass = true;
    loop {
        // Another operation took the Lease over (we could not renew it): stop submitting.
        if lock.is_some_and(LifecycleLock::is_lost) {
            return Err(Error::failed(
                "the lifecycle Lease was taken over by another operation (it could not be \
                 renewed in time); stopped submitting moves",
            ));
        }
        // `reassign cancel` asked us through the Lease to stop: submit nothing more, leave (the
        // moves in flight keep their throttles; cancel reverts them once we let go of the Lease).
        if let Some(by) = lock.and_then(LifecycleLock::stop_requested) {
            return Err(Error::failed(format!(
                "stopped at the request of {by}: no further moves submitted ({} of the plan not \
                 started)",
                pending.len()
            )));
        }
        // Leadership may have moved since the last look (an election, a broker restarting):
        // the cap counts the leader of the moment. Unreadable now: the last known stand.
        if !pending.is_empty() && !first_pass {
            match leaders(admin).await {
                Ok(l) => {
                    follow_leaders(&mut pending, &l);
                    follow_leaders(&mut in_flight, &l);
                }
                Err(e) => tracing::debug!("reading the leaders again: {e}"),
            }
        }
        first_pass = false;
        let picked = next_batch(&pending, &in_flight, opts.limits);
        if !picked.is_empty() {
            let mut batch = Vec::with_capacity(picked.len());
            for i in picked.into_iter().rev() {
                batch.push(pending.remove(i));
            }
            batch.reverse();
            let req: Vec<(TopicPartition, Option<Vec<BrokerId>>)> = batch
                .iter()
                .map(|m| (m.tp.clone(), Some(m.target.clone())))
                .collect();
            let results = admin.alter_partition_reassignments(&req).await?;
            let failed: Vec<String> = results
                .iter()
                .filter_map(|(tp, r)| r.as_ref().err().map(|e| format!("{tp}: {e}")))
                .collect();
            if failed.len() < results.len() {
                guard.accepted().await;
            }
            let refused: BTreeSet<&TopicPartition> = results
                .iter()
                .filter(|(_, r)| r.is_err())
                .map(|(tp, _)| tp)
                .collect();
            in_flight.extend(batch.into_iter().filter(|m| !refused.contains(&m.tp)));
            if !failed.is_empty() {
                return Err(Error::kafka(format!(
                    "Kafka refused to reassign {}",
                    failed.join("; ")
                )));
            }
        }
        if pending.is_empty() && in_flight.is_empty() {
            break;
        }
        if deadline.is_past() {
            return Err(Error::timeout(timed_out(
                opts.timeout,
                &in_flight,
                &pending,
            )));
        }
        tokio::time::sleep(opts.poll).await;
        let ongoing: BTreeSet<TopicPartition> = admin
            .list_partition_reassignments()
            .await?
            .into_iter()
            .map(|o| o.tp)
            .collect();
        let (still, finished): (Vec<_>, Vec<_>) =
            in_flight.into_iter().partition(|m| ongoing.contains(&m.tp));
        in_flight = still;
        done += finished.len();
        bytes_done += finished.iter().map(bytes_of).sum::<u64>();
        // Bytes already on the destinations of what is still moving: DescribeLogDirs only as
        // often as the progress display shows them, not on every poll.
        if sizes_due(sized_at, Instant::now(), sizes_every) {
            let dests: BTreeSet<BrokerId> = in_flight.iter().flat_map(|m| m.adding()).collect();
            dest_sizes = sizes(admin, &dests).await;
            sized_at = Some(Instant::now());
        }
        let now = &dest_sizes;
        let partial: u64 = in_flight
            .iter()
            .flat_map(|m| m.adding().into_iter().map(move |b| (m, b)))
            .map(|(m, b)| {
                let have = now.get(&(m.tp.clone(), b)).copied().unwrap_or(0).max(0) as u64;
                have.min(source_size.get(&m.tp).copied().unwrap_or(0))
            })
            .sum();
        progress.update(done, bytes_done + partial);
    }
    progress.update(done, bytes_done);
    progress.finish();
    guard.moves_arrived().await?;

    // Kafka reports a reassignment done once the new replicas joined the ISR: check the result.
    // Brokers learn the final replica lists from the controller a moment later, so poll briefly.
    let settle = Deadline::after(METADATA_SETTLE).min(deadline);
    let snap = loop {
        let snap = admin.snapshot().await?;
        let wrong = misplaced(&all_moves, &snap.assignment());
        if wrong.is_empty() {
            break snap;
        }
        if settle.is_past() {
            return Err(Error::failed(format!(
                "the reassignment ended but some partitions are not where the plan puts them \
                 ({}); someone else may have changed them: check with `kubectl kafka status` \
                 and run the command again",
                wrong.join(", ")
            )));
        }
        tokio::time::sleep(opts.poll).await;
    };

    // The throttle is only needed while data moves (others' moves too: it may cover them). The
    // election runs whether or not removing it worked: leadership moves no data.
    let moved: Assignment = all_moves
        .iter()
        .map(|m| (m.tp.clone(), m.target.clone()))
        .collect();
    let (settled, leaders_elected) =
        settle_then_elect(guard.settle(admin), elect_leaders(admin, &snap, &moved)).await;
    let throttle = match settled? {
        Settled::Removed(rate) => Some(rate),
        Settled::Kept(why) => {
            note(format!("{why}: {KEPT_THROTTLES}"));
            None
        }
        Settled::Nothing => None,
    };
    let fin = admin.snapshot().await?;
    Ok(ExecReport {
        partitions: total,
        replicas_moved,
        bytes_moved: total_bytes.max(bytes_done),
        duration_secs: start.elapsed().as_secs_f64(),
        leaders_elected,
        throttle,
        balance: balance(&fin),
    })
}

/// How often the bytes on the destinations are read (DescribeLogDirs on each of them) for the
/// progress bar on a terminal, and for the plain progress lines (printed every 10 s) elsewhere.
const SIZES_EVERY_BAR: Duration = Duration::from_secs(5);
const SIZES_EVERY_LINES: Duration = Duration::from_secs(10);

/// Whether the destination sizes are due again: never read yet, or read `every` ago.
pub fn sizes_due(last: Option<Instant>, now: Instant, every: Duration) -> bool {
    last.is_none_or(|t| now.saturating_duration_since(t) >= every)
}

/// How long brokers' metadata may lag behind a finished reassignment.
const METADATA_SETTLE: Duration = Duration::from_secs(60);

/// What a timed-out execution says: what still moves, and what was not started.
pub fn timed_out(
    limit: Duration,
    in_flight: &[PartitionMove],
    pending: &[PartitionMove],
) -> String {
    const SHOW: usize = 10;
    let mut moving: Vec<String> = in_flight
        .iter()
        .take(SHOW)
        .map(|m| format!("{} to {:?}", m.tp, m.target))
        .collect();
    if in_flight.len() > SHOW {
        moving.push(format!("and {} more", in_flight.len() - SHOW));
    }
    let mut msg = format!(
        "the reassignment did not finish within {}s; still moving: {}",
        limit.as_secs(),
        if moving.is_empty() {
            "nothing".to_string()
        } else {
            moving.join(", ")
        }
    );
    if !pending.is_empty() {
        msg.push_str(&format!(
            "; {} partitions of the plan were not started (run the same command again to \
             continue, with a longer --timeout)",
            pending.len()
        ));
    }
    msg
}

/// The moves whose partition does not hold exactly the target replicas in `now`.
pub fn misplaced(moves: &[PartitionMove], now: &Assignment) -> Vec<String> {
    moves
        .iter()
        .filter(|m| {
            let got: BTreeSet<&BrokerId> = now
                .get(&m.tp)
                .map(|r| r.iter().collect())
                .unwrap_or_default();
            got != m.target.iter().collect()
        })
        .map(|m| format!("{} has {:?}", m.tp, now.get(&m.tp)))
        .collect()
}

/// The end of a run: settle the throttles, then elect the preferred leaders even when settling
/// failed (a failed throttle removal must not leave the leaders unbalanced too).
pub async fn settle_then_elect<S>(
    settle: impl Future<Output = Result<S>>,
    elect: impl Future<Output = usize>,
) -> (Result<S>, usize) {
    let settled = settle.await;
    let elected = elect.await;
    (settled, elected)
}

/// How many partitions an election moved: those Kafka says it elected, not those it did not need
/// to (ELECTION_NOT_NEEDED) nor those that failed.
pub fn elections(results: &[(TopicPartition, Result<Election>)]) -> usize {
    results
        .iter()
        .filter(|(_, r)| matches!(r, Ok(Election::Elected)))
        .count()
}

/// Elect the preferred leader of the moved partitions (`target`) where the current leader is not
/// the first target replica. Failures are reported, not fatal: leadership does not move data.
async fn elect_leaders(
    admin: &Admin,
    snap: &crate::model::ClusterSnapshot,
    target: &Assignment,
) -> usize {
    let need: Vec<TopicPartition> = snap
        .partitions()
        .filter_map(|(t, p)| {
            let tp = TopicPartition::new(&t.name, p.partition);
            let want = target.get(&tp).and_then(|r| r.first()).copied()?;
            (p.leader != Some(want)).then_some(tp)
        })
        .collect();
    if need.is_empty() {
        return 0;
    }
    match admin.elect_preferred_leaders(Some(&need)).await {
        Ok(results) => {
            let failed: Vec<String> = results
                .iter()
                .filter_map(|(tp, r)| r.as_ref().err().map(|e| format!("{tp}: {e}")))
                .collect();
            if !failed.is_empty() {
                note(format!(
                    "note: preferred leader not elected for {}; run the election again later",
                    failed.join(", ")
                ));
            }
            elections(&results)
        }
        Err(e) => {
            note(format!(
                "note: the preferred-leader election failed ({e}); leaders stay where they are"
            ));
            0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_are_the_changed_partitions() {
        let current: Assignment = [
            (TopicPartition::new("t", 0), vec![1, 2]),
            (TopicPartition::new("t", 1), vec![2, 3]),
            (TopicPartition::new("t", 2), vec![3, 1]),
        ]
        .into();
        let mut target = current.clone();
        target.insert(TopicPartition::new("t", 1), vec![2, 4]);
        target.insert(TopicPartition::new("t", 2), vec![1, 3]);
        let m = partition_moves(&current, &target).unwrap();
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].adding(), vec![4]);
        assert!(m[1].is_reorder());
        let mut done = current.clone();
        done.insert(TopicPartition::new("t", 1), vec![4, 2]);
        assert_eq!(misplaced(&m, &done), Vec::<String>::new());
        done.insert(TopicPartition::new("t", 1), vec![2, 3, 4]);
        assert_eq!(
            misplaced(&m, &done).len(),
            1,
            "a removed replica still listed"
        );
        target.insert(TopicPartition::new("u", 0), vec![1]);
        assert!(matches!(
            partition_moves(&current, &target),
            Err(Error::Usage(_))
        ));
    }

    #[test]
    fn only_real_elections_are_counted() {
        let tp = |p| TopicPartition::new("t", p);
        let results = vec![
            (tp(0), Ok(Election::Elected)),
            (tp(1), Ok(Election::NotNeeded)),
            (tp(2), Err(Error::failed("preferred leader not available"))),
            (tp(3), Ok(Election::Elected)),
        ];
        assert_eq!(elections(&results), 2);
    }

    #[tokio::test]
    async fn a_failed_throttle_removal_still_elects_the_leaders() {
        let elected = std::sync::atomic::AtomicBool::new(false);
        let (settled, n) = settle_then_elect(
            async { Err::<Settled, _>(Error::failed("cannot remove the throttles")) },
            async {
                elected.store(true, std::sync::atomic::Ordering::SeqCst);
                3
            },
        )
        .await;
        assert!(settled.is_err());
        assert_eq!(n, 3);
        assert!(elected.load(std::sync::atomic::Ordering::SeqCst));
    }

    #[test]
    fn sizes_are_read_only_as_often_as_progress_shows_them() {
        let t0 = Instant::now();
        let every = Duration::from_secs(5);
        assert!(sizes_due(None, t0, every), "first poll reads them");
        assert!(!sizes_due(Some(t0), t0 + Duration::from_secs(1), every));
        assert!(!sizes_due(
            Some(t0),
            t0 + Duration::from_millis(4999),
            every
        ));
        assert!(sizes_due(Some(t0), t0 + every, every));
        // A clock that seems to go back never reads early, nor panics.
        assert!(!sizes_due(Some(t0 + every), t0, every));
        // With a 1 s poll, 60 s of moves read the sizes 12 times instead of 60.
        let mut last = None;
        let reads = (0..60)
            .map(|s| t0 + Duration::from_secs(s))
            .filter(|now| {
                let due = sizes_due(last, *now, every);
                if due {
                    last = Some(*now);
                }
                due
            })
            .count();
        assert_eq!(reads, 12);
    }

    #[test]
    fn a_second_interrupt_names_what_is_left() {
        let rec = ThrottleRecord {
            rate: 10 * 1024 * 1024,
            brokers: vec![1, 4],
            topics: vec!["orders".into()],
            entries: Default::default(),
            previous_rates: Default::default(),
        };
        let msg = left_behind(Some(&rec), true, true);
        assert!(msg.contains("[1, 4]") && msg.contains("orders"), "{msg}");
        assert!(
            msg.contains("reassign status") && msg.contains("reassign cancel"),
            "{msg}"
        );
        assert!(msg.contains("Lease"), "{msg}");
        let msg = left_behind(Some(&rec), false, false);
        assert!(
            msg.contains("kafka-configs") && !msg.contains("cancel"),
            "{msg}"
        );
        let msg = left_behind(None, true, false);
        assert!(!msg.contains("throttle") && msg.contains("Lease"), "{msg}");
    }

    #[test]
    fn throttles_go_only_once_nothing_moves() {
        assert!(may_remove_throttles(Some(0)));
        assert!(!may_remove_throttles(Some(1)), "removed while data moves");
        assert!(
            !may_remove_throttles(None),
            "an unknown must count as moving"
        );
    }

    #[test]
    fn a_timeout_names_what_still_moves() {
        let mv = |p: i32| PartitionMove {
            tp: TopicPartition::new("t", p),
            current: vec![1, 2],
            target: vec![3, 2],
            leader: None,
        };
        let msg = timed_out(Duration::from_secs(5), &[mv(0), mv(1)], &[mv(2)]);
        assert!(
            msg.contains("within 5s")
                && msg.contains("t-0 to [3, 2], t-1 to [3, 2]")
                && msg.contains("1 partitions of the plan were not started"),
            "{msg}"
        );
        let many: Vec<PartitionMove> = (0..12).map(mv).collect();
        assert!(timed_out(Duration::from_secs(1), &many, &[]).ends_with("and 2 more"));
    }
}
