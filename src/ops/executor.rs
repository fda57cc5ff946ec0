//! Executes a reassignment, shared by `scale`, `rebalance` and `reassign execute`: batches under a
//! per-broker and a cluster-wide limit, an optional replication throttle (set, recorded, always
//! removed), progress in partitions and bytes, a preferred-leader election at the end, and the
//! final balance. [`guarded`] runs an operation so Ctrl-C and errors still clean up.

pub mod batch;
pub mod report;
pub mod throttle;

use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::Mutex;

use self::batch::{Limits, PartitionMove, next_batch};
use self::report::{ExecReport, balance};
use self::throttle::{ThrottleRecord, throttle_plan};
use crate::deadline::Deadline;
use crate::error::{Error, Result};
use crate::k8s::lease::LifecycleLock;
use crate::k8s::records::Record;
use crate::kafka::Admin;
use crate::model::{Assignment, BrokerId, TopicPartition};
use crate::output::progress::MoveProgress;
use crate::output::{human_bytes, note};

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

#[derive(Default)]
struct GuardState {
    throttles: Option<ThrottleRecord>,
    /// Kafka accepted reassignments that may still be running.
    accepted: bool,
    /// Stopped waiting while data still moves: the throttles and their record stay, and `reassign
    /// status` removes them once the moves are done.
    keep_throttles: bool,
}

/// What must be undone however an operation ends: the throttles it set (and their record).
#[derive(Clone)]
pub struct Guard {
    state: Arc<Mutex<GuardState>>,
    recorder: Option<Recorder>,
}

impl Guard {
    pub fn new(recorder: Option<Recorder>) -> Self {
        Guard {
            state: Arc::new(Mutex::new(GuardState::default())),
            recorder,
        }
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

    async fn accepted(&self) {
        self.state.lock().await.accepted = true;
    }

    async fn keep_throttles(&self) {
        self.state.lock().await.keep_throttles = true;
    }

    /// Remove the throttles this operation set and their record. Idempotent.
    pub async fn cleanup(&self, admin: &Admin) -> Result<Option<u64>> {
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
}

/// Run `op`; on Ctrl-C stop it. Either way remove the throttles it set. An interrupted or failed
/// run says what Kafka keeps doing and how to resume or stop it.
pub async fn guarded<T>(
    admin: &Admin,
    guard: &Guard,
    op: impl Future<Output = Result<T>>,
) -> Result<T> {
    let result = tokio::select! {
        r = op => r,
        _ = tokio::signal::ctrl_c() => Err(Error::failed("interrupted")),
    };
    let keep = guard.state.lock().await.keep_throttles;
    let cleanup = if keep {
        Ok(None)
    } else {
        guard.cleanup(admin).await
    };
    let accepted = guard.state.lock().await.accepted;
    match (result, cleanup) {
        (Ok(v), Ok(_)) => Ok(v),
        (Ok(_), Err(e)) => Err(e),
        (Err(mut e), cleanup) => {
            match cleanup {
                Ok(Some(_)) => e = e.with_note("the replication throttles were removed"),
                Ok(None) => {}
                Err(c) => e = e.with_note(c),
            }
            if keep {
                e = e.with_note(
                    "the moves Kafka accepted continue, throttled: `kubectl kafka reassign \
                     status` follows them and removes the throttles once they are done, `kubectl \
                     kafka reassign cancel` stops them",
                );
            } else if accepted {
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
            });
        }
    }
    Ok(out)
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
    let mut pending = partition_moves(current, target)?;
    let total = pending.len();
    let replicas_moved: usize = pending.iter().map(|m| m.adding().len()).sum();
    let all_moves = pending.clone();

    let mut in_flight: Vec<PartitionMove> = Vec::new();
    for o in admin.list_partition_reassignments().await? {
        let Some(i) = pending.iter().position(|m| m.tp == o.tp) else {
            continue;
        };
        let going: BTreeSet<BrokerId> = o
            .replicas
            .iter()
            .copied()
            .filter(|b| !o.removing.contains(b))
            .collect();
        let want: BTreeSet<BrokerId> = pending[i].target.iter().copied().collect();
        if going != want {
            return Err(Error::refused(format!(
                "partition {} is being reassigned to {:?}, not to {:?} as planned: wait for it \
                 (`kubectl kafka reassign status`) or stop it (`kubectl kafka reassign cancel`)",
                o.tp, going, want
            )));
        }
        in_flight.push(pending.remove(i));
    }
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
        let plan = throttle_plan(&all_moves, rate);
        let rec = plan.record();
        if !rec.is_empty() {
            guard.throttles_set(&rec).await?;
            throttle::apply(admin, &plan).await?;
            note(format!(
                "replication throttled to {}/s on brokers {:?}",
                human_bytes(rate),
                rec.brokers
            ));
        }
    }

    let mut progress = MoveProgress::new(total, total_bytes);
    let mut done = total - pending.len() - in_flight.len();
    let mut bytes_done: u64 = 0;
    loop {
        // Another operation took the Lease over (we could not renew it): stop submitting.
        if lock.is_some_and(LifecycleLock::is_lost) {
            return Err(Error::failed(
                "the lifecycle Lease was taken over by another operation (it could not be \
                 renewed in time); stopped submitting moves",
            ));
        }
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
            guard.keep_throttles().await;
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
        // Bytes already on the destinations of what is still moving.
        let dests: BTreeSet<BrokerId> = in_flight.iter().flat_map(|m| m.adding()).collect();
        let now = sizes(admin, &dests).await;
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

    // The throttle is only needed while data moves.
    let throttle = guard.cleanup(admin).await?;

    let moved: Assignment = all_moves
        .iter()
        .map(|m| (m.tp.clone(), m.target.clone()))
        .collect();
    let leaders_elected = elect_leaders(admin, &snap, &moved).await;
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
            // The admin client counts ELECTION_NOT_NEEDED as done already.
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
            results.iter().filter(|(_, r)| r.is_ok()).count()
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
    fn a_timeout_names_what_still_moves() {
        let mv = |p: i32| PartitionMove {
            tp: TopicPartition::new("t", p),
            current: vec![1, 2],
            target: vec![3, 2],
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
