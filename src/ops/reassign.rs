//! `kubectl kafka reassign generate | execute | status | cancel`: plans in the
//! kafka-reassign-partitions JSON format, and what is in flight in the cluster.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde::Serialize;

use super::Context;
use super::executor::Recorder;
use super::executor::report::{ExecReport, PlanRun, PlanSummary};
use super::executor::throttle::{self, ThrottleRecord};
use super::lifecycle::{self, ExecArgs, MoveTimeout};
use crate::error::{Error, ExitStatus, Result};
use crate::kafka::Admin;
use crate::kafka::errors::codes;
use crate::model::{Assignment, BrokerId, ClusterSnapshot, OngoingReassignment};
use crate::output::{Render, ids, table, table_text};
use crate::plan::{self, BrokerLoad, BrokerSpec};

#[derive(Debug, Subcommand)]
pub enum ReassignCommand {
    /// Plan a balanced layout (optionally onto a given broker set) and write it as a plan file
    Generate(GenerateArgs),
    /// Execute a plan file (kafka-reassign-partitions JSON); resumes a plan already in flight
    Execute(ExecuteArgs),
    /// Reassignments in flight, progress of a plan file, leftover throttles (removed when idle)
    Status(StatusArgs),
    /// Stop every reassignment in flight and remove the replication throttles
    Cancel(CancelArgs),
}

#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// The cluster (needed when the namespace holds several)
    #[arg(value_name = "CLUSTER")]
    pub cluster: Option<String>,

    /// Brokers that should hold the data afterwards (default: all of today's); others are drained
    #[arg(long, value_name = "ID,...", value_delimiter = ',')]
    pub brokers: Vec<BrokerId>,

    /// Write the plan to this file (kafka-reassign-partitions JSON)
    #[arg(long, value_name = "FILE")]
    pub output_plan: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ExecuteArgs {
    /// The cluster (needed when the namespace holds several)
    #[arg(value_name = "CLUSTER")]
    pub cluster: Option<String>,

    /// The plan file (kafka-reassign-partitions JSON); without it, follow what is in flight to
    /// the end (throttle, progress, leader election)
    #[arg(long, value_name = "FILE")]
    pub plan: Option<PathBuf>,

    #[command(flatten)]
    pub exec: ExecArgs,

    #[command(flatten)]
    pub timeout: MoveTimeout,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// The cluster (needed when the namespace holds several)
    #[arg(value_name = "CLUSTER")]
    pub cluster: Option<String>,

    /// Also report how far this plan file got
    #[arg(long, value_name = "FILE")]
    pub plan: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CancelArgs {
    /// The cluster (needed when the namespace holds several)
    #[arg(value_name = "CLUSTER")]
    pub cluster: Option<String>,
}

/// `kubectl kafka reassign ...`: run the subcommand and print its result.
pub async fn run(ctx: &Context, cmd: &ReassignCommand) -> Result<ExitStatus> {
    match cmd {
        ReassignCommand::Generate(a) => ctx.emit(&generate(ctx, a).await?),
        ReassignCommand::Execute(a) => ctx.emit(&execute(ctx, a).await?),
        ReassignCommand::Status(a) => ctx.emit(&status(ctx, a).await?),
        ReassignCommand::Cancel(a) => ctx.emit(&cancel(ctx, a).await?),
    }
}

/// A plan summary from any target (a plan file): loads before and after per broker.
pub fn summary_of(current: &Assignment, target: &Assignment, brokers: &[BrokerId]) -> PlanSummary {
    let mut full = current.clone();
    full.extend(target.iter().map(|(tp, r)| (tp.clone(), r.clone())));
    let (rb, ra) = (plan::replica_counts(current), plan::replica_counts(&full));
    let (lb, la) = (plan::leader_counts(current), plan::leader_counts(&full));
    let all: BTreeSet<BrokerId> = brokers
        .iter()
        .copied()
        .chain(rb.keys().copied())
        .chain(ra.keys().copied())
        .collect();
    let get = |m: &BTreeMap<BrokerId, usize>, b: &BrokerId| m.get(b).copied().unwrap_or(0);
    let keep: Vec<BrokerId> = ra.keys().copied().collect();
    PlanSummary {
        brokers: all
            .iter()
            .map(|b| BrokerLoad {
                id: *b,
                rack: None,
                leaving: get(&ra, b) == 0 && get(&rb, b) > 0,
                replicas_before: get(&rb, b),
                replicas_after: get(&ra, b),
                replicas_target: get(&ra, b),
                leaders_before: get(&lb, b),
                leaders_after: get(&la, b),
            })
            .collect(),
        partitions_changed: target
            .iter()
            .filter(|(tp, r)| current.get(*tp) != Some(*r))
            .count(),
        replicas_moved: plan::moved_replicas(current, &full),
        lower_bound: plan::lower_bound(current, &keep),
        leader_changes: plan::leader_changes(current, &full),
    }
}

fn read_plan(path: &PathBuf) -> Result<Assignment> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Error::usage(format!(
            "cannot read the plan file {}: {e}; fix --plan",
            path.display()
        ))
    })?;
    Ok(plan::json::parse(&text)?)
}

/// Check a plan against the cluster: every partition exists and every broker is registered.
pub fn validate_plan(target: &Assignment, snap: &ClusterSnapshot) -> Result<()> {
    let current = snap.assignment();
    let brokers: BTreeSet<BrokerId> = snap.brokers.iter().map(|b| b.id).collect();
    for (tp, r) in target {
        let Some(cur) = current.get(tp) else {
            return Err(Error::usage(format!(
                "the plan names partition {tp}, which does not exist; fix the plan file"
            )));
        };
        if cur.len() != r.len() {
            return Err(Error::usage(format!(
                "the plan gives {tp} {} replicas but it has {}; changing the replication factor \
                 is not a reassignment this command executes",
                r.len(),
                cur.len()
            )));
        }
        if let Some(b) = r.iter().find(|b| !brokers.contains(b)) {
            return Err(Error::usage(format!(
                "the plan puts {tp} on broker {b}, which is not registered (brokers: {}); fix the \
                 plan file",
                ids(&brokers.iter().copied().collect::<Vec<_>>())
            )));
        }
    }
    Ok(())
}

pub async fn generate(ctx: &Context, args: &GenerateArgs) -> Result<PlanRun> {
    let cluster = ctx.cluster_for_kafka(args.cluster.as_deref()).await?;
    let admin = ctx.admin_for(cluster.as_ref()).await?;
    let snap = admin.snapshot().await?;
    let current = snap.assignment();
    let keep: Vec<BrokerSpec> = if args.brokers.is_empty() {
        lifecycle::broker_specs(&snap)
    } else {
        let known: BTreeMap<BrokerId, Option<&str>> = snap
            .brokers
            .iter()
            .map(|b| (b.id, b.rack.as_deref()))
            .collect();
        let mut out = Vec::new();
        for id in &args.brokers {
            let Some(rack) = known.get(id) else {
                return Err(Error::usage(format!(
                    "broker {id} is not registered (brokers: {}); fix --brokers",
                    ids(&known.keys().copied().collect::<Vec<_>>())
                )));
            };
            out.push(BrokerSpec::new(*id, *rack));
        }
        out
    };
    crate::safety::replicas_fit(&snap, keep.len())?;
    let p = plan::drain(&current, &keep, true)?;
    if let Some(path) = &args.output_plan {
        lifecycle::write_plan(path, &current, &p.target)?;
    }
    Ok(PlanRun {
        dry_run: true,
        plan: PlanSummary::new(&p, &current),
        execution: None,
    })
}

/// Where the reassignments in flight are going: the replicas minus those being removed, in
/// Kafka's order (target replicas first).
pub fn in_flight_targets(in_flight: &[OngoingReassignment]) -> Assignment {
    in_flight
        .iter()
        .map(|o| {
            let r: Vec<BrokerId> = o
                .replicas
                .iter()
                .copied()
                .filter(|b| !o.removing.contains(b))
                .collect();
            (o.tp.clone(), r)
        })
        .collect()
}

pub async fn execute(ctx: &Context, args: &ExecuteArgs) -> Result<PlanRun> {
    let from_file = args.plan.as_ref().map(read_plan).transpose()?;
    let cluster = ctx.cluster_for_kafka(args.cluster.as_deref()).await?;
    let admin = ctx.admin_for(cluster.as_ref()).await?;
    let snap = admin.snapshot().await?;
    let target = match from_file {
        Some(t) => t,
        None => {
            let t = in_flight_targets(&admin.list_partition_reassignments().await?);
            if t.is_empty() {
                return Err(Error::usage(
                    "no reassignment is in flight to follow: give --plan FILE (see `kubectl \
                     kafka reassign generate`)",
                ));
            }
            t
        }
    };
    if args.plan.is_some() {
        validate_plan(&target, &snap)?;
    }
    let current = snap.assignment();
    let brokers: Vec<BrokerId> = snap.brokers.iter().map(|b| b.id).collect();
    let summary = summary_of(&current, &target, &brokers);
    if args.exec.dry_run {
        return Ok(PlanRun {
            dry_run: true,
            plan: summary,
            execution: None,
        });
    }
    if summary.replicas_moved > 0 {
        lifecycle::confirm(
            args.exec.yes,
            &format!(
                "move {} replicas as {} says",
                summary.replicas_moved,
                args.plan.as_ref().map_or_else(
                    || "the reassignments in flight".into(),
                    |p| p.display().to_string()
                )
            ),
        )?;
    }
    let report: ExecReport = lifecycle::execute_locked(
        ctx,
        cluster.as_ref(),
        &admin,
        &current,
        &target,
        &args.exec.options(args.timeout.timeout),
        "reassign",
    )
    .await?;
    Ok(PlanRun {
        dry_run: false,
        plan: summary,
        execution: Some(report),
    })
}

/// What `reassign status` reports.
#[derive(Debug, Clone, Serialize)]
pub struct StatusReport {
    pub in_flight: Vec<OngoingReassignment>,
    /// Throttle configs set on brokers and topics right now (before any removal).
    pub throttles: ThrottleRecord,
    pub throttles_removed: bool,
    /// With --plan: partitions of the plan that are where it puts them, of all it names.
    pub plan_done: Option<(usize, usize)>,
}

impl Render for StatusReport {
    fn render_text(&self, _wide: bool) -> String {
        let mut s = String::new();
        if self.in_flight.is_empty() {
            s.push_str("no reassignment in flight\n");
        } else {
            let mut t = table(["PARTITION", "REPLICAS", "ADDING", "REMOVING"]);
            for r in &self.in_flight {
                t.add_row(vec![
                    r.tp.to_string(),
                    ids(&r.replicas),
                    ids(&r.adding),
                    ids(&r.removing),
                ]);
            }
            s.push_str(&table_text(&t));
        }
        if let Some((done, total)) = self.plan_done {
            s.push_str(&format!("plan: {done}/{total} partitions in place\n"));
        }
        if !self.throttles.is_empty() {
            s.push_str(&format!(
                "replication throttles {} on brokers [{}] and topics [{}]\n",
                if self.throttles_removed {
                    "were left over and are now removed"
                } else {
                    "active"
                },
                ids(&self.throttles.brokers),
                self.throttles.topics.join(",")
            ));
        }
        s
    }
}

/// Throttles set anywhere in the cluster, merged with the workload's record.
async fn leftovers(
    admin: &Admin,
    snap: &ClusterSnapshot,
    rec: Option<&Recorder>,
) -> Result<ThrottleRecord> {
    let brokers: Vec<BrokerId> = snap.brokers.iter().map(|b| b.id).collect();
    let topics: Vec<String> = snap.topics.iter().map(|t| t.name.clone()).collect();
    let mut found = throttle::find(admin, &brokers, &topics).await?;
    if let Some(r) = rec
        && let Some(old) = r.read().await?
    {
        // Only brokers still registered can be cleaned; topics deleted meanwhile are skipped.
        let mut old = old;
        old.brokers.retain(|b| brokers.contains(b));
        old.topics.retain(|t| topics.contains(t));
        found.merge(&old);
    }
    Ok(found)
}

async fn clear(admin: &Admin, found: &ThrottleRecord, rec: Option<&Recorder>) -> Result<()> {
    throttle::remove(admin, found).await?;
    if let Some(r) = rec {
        r.write(None).await?;
    }
    Ok(())
}

pub async fn status(ctx: &Context, args: &StatusArgs) -> Result<StatusReport> {
    let target = args.plan.as_ref().map(read_plan).transpose()?;
    let cluster = ctx.cluster_for_kafka(args.cluster.as_deref()).await?;
    let admin = ctx.admin_for(cluster.as_ref()).await?;
    let rec = lifecycle::recorder(ctx, cluster.as_ref()).await;
    let snap = admin.snapshot().await?;
    let in_flight = admin.list_partition_reassignments().await?;
    let throttles = leftovers(&admin, &snap, rec.as_ref()).await?;
    // Throttles only matter while data moves: once nothing is in flight and no lifecycle
    // operation holds the lock (one may be about to submit moves) they are leftovers.
    let mut throttles_removed = false;
    if in_flight.is_empty() && !throttles.is_empty() {
        match lifecycle::lock(ctx, cluster.as_ref(), "reassign status").await {
            Ok(lock) => {
                let r = clear(&admin, &throttles, rec.as_ref()).await;
                match lock {
                    Some(l) => lifecycle::release(l, r).await?,
                    None => r?,
                }
                throttles_removed = true;
            }
            Err(Error::Refused(m)) => {
                crate::output::note(format!("throttles kept: an operation is running ({m})"));
            }
            Err(e) => return Err(e),
        }
    }
    let plan_done = target.map(|t| {
        let now = snap.assignment();
        let done = t
            .iter()
            .filter(|(tp, r)| {
                !in_flight.iter().any(|o| &o.tp == *tp)
                    && now.get(*tp).is_some_and(|c| {
                        c.iter().collect::<BTreeSet<_>>() == r.iter().collect::<BTreeSet<_>>()
                    })
            })
            .count();
        (done, t.len())
    });
    Ok(StatusReport {
        in_flight,
        throttles,
        throttles_removed,
        plan_done,
    })
}

/// What `reassign cancel` did.
#[derive(Debug, Clone, Serialize)]
pub struct CancelReport {
    pub cancelled: Vec<String>,
    pub throttles_removed: ThrottleRecord,
}

impl Render for CancelReport {
    fn render_text(&self, _wide: bool) -> String {
        let mut s = if self.cancelled.is_empty() {
            "no reassignment was in flight\n".to_string()
        } else {
            format!(
                "cancelled {} reassignments: {}\n",
                self.cancelled.len(),
                self.cancelled.join(", ")
            )
        };
        if !self.throttles_removed.is_empty() {
            s.push_str(&format!(
                "removed replication throttles from brokers [{}] and topics [{}]\n",
                ids(&self.throttles_removed.brokers),
                self.throttles_removed.topics.join(",")
            ));
        }
        s
    }
}

pub async fn cancel(ctx: &Context, args: &CancelArgs) -> Result<CancelReport> {
    let cluster = ctx.cluster_for_kafka(args.cluster.as_deref()).await?;
    let admin = ctx.admin_for(cluster.as_ref()).await?;
    let rec = lifecycle::recorder(ctx, cluster.as_ref()).await;
    let in_flight = admin.list_partition_reassignments().await?;
    let req: Vec<_> = in_flight.iter().map(|o| (o.tp.clone(), None)).collect();
    let mut cancelled = Vec::new();
    if !req.is_empty() {
        let results = admin.alter_partition_reassignments(&req).await?;
        let mut failed = Vec::new();
        for (tp, r) in results {
            match r {
                Ok(()) => cancelled.push(tp.to_string()),
                // It finished between listing and cancelling: nothing to stop.
                Err(e) if e.is_kafka(codes::NO_REASSIGNMENT_IN_PROGRESS) => {}
                Err(e) => failed.push(format!("{tp}: {e}")),
            }
        }
        if !failed.is_empty() {
            return Err(Error::kafka(format!(
                "could not cancel the reassignment of {}; run the command again",
                failed.join("; ")
            )));
        }
    }
    let snap = admin.snapshot().await?;
    let found = leftovers(&admin, &snap, rec.as_ref()).await?;
    clear(&admin, &found, rec.as_ref()).await?;
    Ok(CancelReport {
        cancelled,
        throttles_removed: found,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TopicPartition;
    use crate::testkit::snapshot;

    fn snap() -> ClusterSnapshot {
        let mut b = snapshot().brokers(&[1, 2, 3]);
        for p in 0..3 {
            let r = [1 + p, 1 + (p + 1) % 3];
            b = b.partition("t", p, &r, &r);
        }
        b.build()
    }

    #[test]
    fn plans_are_checked_against_the_cluster() {
        let s = snap();
        let ok: Assignment = [(TopicPartition::new("t", 0), vec![3, 1])].into();
        validate_plan(&ok, &s).unwrap();
        for bad in [
            [(TopicPartition::new("t", 9), vec![1, 2])],
            [(TopicPartition::new("t", 0), vec![1, 9])],
            [(TopicPartition::new("t", 0), vec![1, 2, 3])],
        ] {
            let a: Assignment = bad.into();
            assert!(
                matches!(validate_plan(&a, &s), Err(Error::Usage(_))),
                "{a:?}"
            );
        }
    }

    #[test]
    fn targets_of_reassignments_in_flight() {
        let o = OngoingReassignment {
            tp: TopicPartition::new("t", 0),
            replicas: vec![4, 2, 1],
            adding: vec![4],
            removing: vec![1],
        };
        let t = in_flight_targets(&[o]);
        assert_eq!(t[&TopicPartition::new("t", 0)], vec![4, 2]);
    }

    #[test]
    fn summary_of_a_plan_file() {
        let s = snap();
        let current = s.assignment();
        // Drain broker 3 onto 1 and 2 by hand.
        let target: Assignment = [
            (TopicPartition::new("t", 1), vec![2, 1]),
            (TopicPartition::new("t", 2), vec![1, 2]),
        ]
        .into();
        let sum = summary_of(&current, &target, &[1, 2, 3]);
        assert_eq!(sum.replicas_moved, 2);
        assert_eq!(sum.partitions_changed, 2);
        assert_eq!(sum.lower_bound, 2);
        let b3 = sum.brokers.iter().find(|b| b.id == 3).unwrap();
        assert!(b3.leaving);
        assert_eq!((b3.replicas_before, b3.replicas_after), (2, 0));
        let b1 = sum.brokers.iter().find(|b| b.id == 1).unwrap();
        assert_eq!((b1.replicas_before, b1.replicas_after), (2, 3));
    }

    mod plan_files {
        use proptest::prelude::*;

        use super::*;
        use crate::plan::json;

        fn assignment() -> impl Strategy<Value = Assignment> {
            proptest::collection::btree_map(
                ("[a-z][a-z0-9._-]{0,10}", 0i32..50).prop_map(|(t, p)| TopicPartition::new(t, p)),
                proptest::collection::btree_set(0i32..20, 1..5)
                    .prop_map(|s| s.into_iter().collect::<Vec<_>>())
                    .prop_shuffle(),
                0..20,
            )
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

            /// Any text read as a plan file: a plan or a usage error (exit 2), never a panic.
            #[test]
            fn any_text_is_a_plan_or_a_usage_error(
                text in prop_oneof![
                    "(?s).{0,200}",
                    "\\{\"(version|partitions)\":[\\[\\]{}0-9a-z\",:. -]{0,120}\\}",
                ]
            ) {
                if let Err(e) = json::parse(&text) {
                    let e: Error = e.into();
                    prop_assert!(matches!(e, Error::Usage(_)), "{e}");
                }
            }

            /// A plan written by this tool reads back as the same plan.
            #[test]
            fn written_plans_read_back(a in assignment()) {
                prop_assert_eq!(json::parse(&json::render(&a)).ok(), Some(a));
            }
        }
    }
}
