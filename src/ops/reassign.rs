//! `kubectl kafka reassign generate | execute | status | cancel`: plans in the
//! kafka-reassign-partitions JSON format, and what is in flight in the cluster.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Subcommand};
use serde::Serialize;

use super::Context;
use super::executor::report::{ExecReport, PlanRun, PlanSummary, summary_of};
use super::executor::throttle::{self, Throttle, ThrottleRecord};
use super::executor::{Recorder, before_moves};
use super::lifecycle::{self, ExecArgs, MoveTimeout};
use super::planning::{self, BalanceArgs};
use crate::error::{Error, ExitStatus, Result};
use crate::k8s::discovery::KafkaCluster;
use crate::k8s::lease;
use crate::kafka::Admin;
use crate::kafka::errors::codes;
use crate::model::{Assignment, BrokerId, ClusterSnapshot, OngoingReassignment};
use crate::output::{Render, ids, table, table_text};
use crate::plan::{self, BrokerSpec};

#[derive(Debug, Subcommand)]
pub enum ReassignCommand {
    /// Plan a balanced layout (optionally onto a given broker set) and write it as a plan file
    Generate(GenerateArgs),
    /// Execute a plan file (kafka-reassign-partitions JSON); resumes a plan already in flight
    Execute(ExecuteArgs),
    /// Reassignments in flight, progress of a plan file; this tool's throttles removed once idle
    Status(StatusArgs),
    /// Stop every reassignment in flight, then remove the replication throttles this tool set
    Cancel(CancelArgs),
}

#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// The cluster (needed when the namespace holds several)
    #[arg(value_name = "CLUSTER")]
    pub cluster: Option<String>,

    /// Brokers that should hold the data afterwards, each optionally with its rack
    /// (1:rack-a,2:rack-b,3); others are drained. Default: all of today's. Required with --current
    #[arg(long, value_name = "ID[:RACK],...")]
    pub brokers: Option<String>,

    /// Plan offline, with no cluster: today's layout as kafka-reassign-partitions JSON
    #[arg(long, value_name = "FILE")]
    pub current: Option<PathBuf>,

    /// With --current: the sizes, as `kafka-log-dirs.sh --describe` prints them (without it the
    /// plan balances replica counts)
    #[arg(long, value_name = "FILE", requires = "current")]
    pub log_dirs: Option<PathBuf>,

    /// Write the plan to this file (kafka-reassign-partitions JSON)
    #[arg(long, value_name = "FILE")]
    pub output_plan: Option<PathBuf>,

    #[command(flatten)]
    pub balance: BalanceArgs,
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
/// Replication factors compare with the partitions' replicas before any move in flight.
pub fn validate_plan(
    target: &Assignment,
    snap: &ClusterSnapshot,
    in_flight: &[OngoingReassignment],
) -> Result<()> {
    let current = before_moves(snap, in_flight);
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
    if let Some(layout) = &args.current {
        return generate_offline(layout, args);
    }
    let cluster = ctx.cluster_for_kafka(args.cluster.as_deref()).await?;
    let admin = ctx.admin_for(cluster.as_ref()).await?;
    let snap = admin.snapshot().await?;
    let current = snap.assignment();
    let keep = match &args.brokers {
        None => lifecycle::broker_specs(&snap),
        Some(spec) => registered_brokers(&snap, spec)?,
    };
    crate::safety::replicas_fit(&snap, keep.len())?;
    let p = planning::plan_live(&admin, &snap, &current, &keep, &args.balance).await?;
    if let Some(path) = &args.output_plan {
        lifecycle::write_plan(path, &current, &p.target)?;
    }
    Ok(PlanRun {
        dry_run: true,
        plan: PlanSummary::new(&p, &current),
        execution: None,
    })
}

/// `--brokers` against the cluster: every id registered, a rack (when given) the one it has.
pub fn registered_brokers(snap: &ClusterSnapshot, spec: &str) -> Result<Vec<BrokerSpec>> {
    let known: BTreeMap<BrokerId, Option<&str>> = snap
        .brokers
        .iter()
        .map(|b| (b.id, b.rack.as_deref()))
        .collect();
    let mut out = Vec::new();
    for b in plan::offline::parse_brokers("--brokers", spec)? {
        let Some(rack) = known.get(&b.id) else {
            return Err(Error::usage(format!(
                "broker {} is not registered (brokers: {}); fix --brokers",
                b.id,
                ids(&known.keys().copied().collect::<Vec<_>>())
            )));
        };
        if let Some(given) = b.rack.as_deref()
            && Some(given) != *rack
        {
            return Err(Error::usage(format!(
                "--brokers gives broker {} rack {given}, but it is registered with {}; leave the \
                 rack out (it is read from the cluster) or plan offline with --current",
                b.id,
                rack.map_or_else(|| "no rack".to_string(), |r| format!("rack {r}"))
            )));
        }
        out.push(BrokerSpec::new(b.id, *rack));
    }
    Ok(out)
}

fn read_input(path: &PathBuf, flag: &str) -> Result<String> {
    std::fs::read_to_string(path)
        .map_err(|e| Error::usage(format!("cannot read {} ({e}); fix {flag}", path.display())))
}

/// Plan from files alone: no cluster is contacted.
fn generate_offline(layout: &PathBuf, args: &GenerateArgs) -> Result<PlanRun> {
    let Some(brokers) = &args.brokers else {
        return Err(Error::usage(
            "--current plans offline and needs the brokers that hold the data afterwards: add \
             --brokers 1:rack-a,2:rack-b,... (rack-less brokers as bare ids)",
        ));
    };
    let text = read_input(layout, "--current")?;
    let name = layout.display().to_string();
    let dirs = args
        .log_dirs
        .as_ref()
        .map(|p| Ok::<_, Error>((p.display().to_string(), read_input(p, "--log-dirs")?)))
        .transpose()?;
    let out = plan::offline::generate(
        plan::offline::InputFile {
            name: &name,
            text: &text,
        },
        "--brokers",
        brokers,
        dirs.as_ref()
            .map(|(name, text)| plan::offline::InputFile { name, text }),
        args.balance.options(BTreeSet::new()),
    )?;
    if !out.drained.is_empty() {
        crate::output::note(format!(
            "brokers {} are in the layout but not in --brokers: they are drained",
            ids(&out.drained)
        ));
    }
    if let Some(path) = &args.output_plan {
        std::fs::write(path, out.plan_json.clone() + "\n").map_err(|e| {
            Error::usage(format!(
                "cannot write the plan to {}: {e}; choose another --output-plan",
                path.display()
            ))
        })?;
        crate::output::note(format!("plan written to {}", path.display()));
    }
    Ok(PlanRun {
        dry_run: true,
        plan: PlanSummary::new(&out.plan, &out.current),
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
    let ongoing = admin.list_partition_reassignments().await?;
    let target = match from_file {
        Some(t) => t,
        None => {
            let t = in_flight_targets(&ongoing);
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
        validate_plan(&target, &snap, &ongoing)?;
    }
    let current = before_moves(&snap, &ongoing);
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
    /// The throttles this tool recorded (an earlier run's, kept while its data moved).
    pub throttles: ThrottleRecord,
    /// Whether they were removed now (nothing moves any more).
    pub throttles_removed: bool,
    /// Every replication throttle config set in the cluster before this command; those this tool
    /// did not record (set with kafka-configs or Kafka's own tool) are left alone.
    pub throttle_configs: Vec<Throttle>,
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
                "replication throttles of an earlier run {} on brokers [{}] and topics [{}]\n",
                if self.throttles_removed {
                    "are now removed (nothing moves)"
                } else {
                    "stay while data moves"
                },
                ids(&self.throttles.brokers),
                self.throttles.topics.join(",")
            ));
        }
        let others = self.throttle_configs.len();
        if others > 0 {
            s.push_str(&format!(
                "{others} replication throttle configs were set (`kubectl kafka status` lists \
                 them); those this tool did not set are left alone\n"
            ));
        }
        s
    }
}

/// The throttles this tool recorded on the workload, for what still exists.
async fn recorded(snap: &ClusterSnapshot, rec: Option<&Recorder>) -> Result<ThrottleRecord> {
    let Some(r) = rec else {
        return Ok(ThrottleRecord::default());
    };
    let Some(mut old) = r.read().await? else {
        return Ok(ThrottleRecord::default());
    };
    // Only brokers still registered can be cleaned; topics deleted meanwhile are skipped.
    let brokers: Vec<BrokerId> = snap.brokers.iter().map(|b| b.id).collect();
    let topics: Vec<String> = snap.topics.iter().map(|t| t.name.clone()).collect();
    old.retain_existing(&brokers, &topics);
    Ok(old)
}

/// Undo the recorded throttles, then drop the record.
async fn clear(admin: &Admin, found: &ThrottleRecord, rec: Option<&Recorder>) -> Result<()> {
    if !found.is_empty() {
        throttle::remove(admin, found).await?;
    }
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
    let throttle_configs = throttle::list(&admin, &snap).await?;
    let throttles = recorded(&snap, rec.as_ref()).await?;
    // Throttles only matter while data moves: once nothing is in flight and no lifecycle
    // operation holds the lock (one may be about to submit moves) the recorded ones go.
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
        throttle_configs,
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
    if let Some(c) = &cluster {
        stop_holder(ctx, c).await?;
    }
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
    // Only what this tool recorded: throttles others set (Kafka's own tool, kafka-configs) stay.
    let found = recorded(&snap, rec.as_ref()).await?;
    clear(&admin, &found, rec.as_ref()).await?;
    // Nothing of an interrupted scale or rebalance is left to resume.
    if let Some(m) = lifecycle::moves_recorder(ctx, cluster.as_ref()).await {
        m.write(None).await?;
    }
    Ok(CancelReport {
        cancelled,
        throttles_removed: found,
    })
}

/// How long `reassign cancel` waits for the operation holding the Lease to stop: its next
/// renewal sees the request (a third of the Lease duration), then it settles and lets go.
const HOLDER_STOP_WAIT: Duration = Duration::from_secs(3 * lease::LEASE_SECONDS as u64);

/// Before reverting, stop the operation that holds the Lease (a rebalance or scale submitting
/// batches), so it does not take the cancelled moves for done and submit more. Refuse (exit 3)
/// when it does not let go in time: reverting under it could leave batches unthrottled.
async fn stop_holder(ctx: &Context, cluster: &KafkaCluster) -> Result<()> {
    let client = ctx.kube().await?.client.clone();
    let by = format!("`reassign cancel` ({})", lease::holder_identity());
    let Some(holder) = lease::request_stop(&client, &cluster.namespace, &cluster.name, &by).await?
    else {
        return Ok(());
    };
    crate::output::note(format!(
        "`{}` ({}) holds the lifecycle Lease: asked it to stop, waiting up to {}s for it to let go",
        holder.operation,
        holder.identity,
        HOLDER_STOP_WAIT.as_secs()
    ));
    if lease::wait_released(
        &client,
        &cluster.namespace,
        &cluster.name,
        &holder,
        HOLDER_STOP_WAIT,
    )
    .await?
    {
        crate::output::note(format!(
            "`{}` stopped; cancelling the moves",
            holder.operation
        ));
        return Ok(());
    }
    Err(Error::refused(format!(
        "`{}` ({}) still holds the lifecycle Lease after {}s: nothing was cancelled. The stop \
         request stays on the Lease, so it stops at its next step; run the command again then",
        holder.operation,
        holder.identity,
        HOLDER_STOP_WAIT.as_secs()
    )))
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
        validate_plan(&ok, &s, &[]).unwrap();
        // Rerun while that move is in flight: the metadata lists t-0 on [3, 1, 2], yet the
        // plan keeps its two replicas.
        let mut moving = snapshot().brokers(&[1, 2, 3]);
        for p in 0..3 {
            let r = if p == 0 {
                vec![3, 1, 2]
            } else {
                vec![1 + p, 1 + (p + 1) % 3]
            };
            moving = moving.partition("t", p, &r, &r);
        }
        let moving = moving.build();
        let o = OngoingReassignment {
            tp: TopicPartition::new("t", 0),
            replicas: vec![3, 1, 2],
            adding: vec![3],
            removing: vec![2],
        };
        validate_plan(&ok, &moving, std::slice::from_ref(&o)).unwrap();
        assert_eq!(
            before_moves(&moving, &[o])[&TopicPartition::new("t", 0)],
            vec![1, 2]
        );
        for bad in [
            [(TopicPartition::new("t", 9), vec![1, 2])],
            [(TopicPartition::new("t", 0), vec![1, 9])],
            [(TopicPartition::new("t", 0), vec![1, 2, 3])],
        ] {
            let a: Assignment = bad.into();
            assert!(
                matches!(validate_plan(&a, &s, &[]), Err(Error::Usage(_))),
                "{a:?}"
            );
        }
    }

    #[test]
    fn broker_list_is_checked_against_the_cluster() {
        let s = snapshot()
            .broker(crate::model::Broker {
                id: 1,
                host: "b1".into(),
                port: 9092,
                rack: Some("a".into()),
            })
            .brokers(&[2])
            .build();
        let b = registered_brokers(&s, "1,2").unwrap();
        assert_eq!(
            b,
            vec![BrokerSpec::new(1, Some("a")), BrokerSpec::new(2, None)]
        );
        assert_eq!(registered_brokers(&s, "1:a").unwrap().len(), 1);
        for (bad, says) in [
            ("1,7", "broker 7 is not registered"),
            ("1:b", "registered with rack a"),
            ("2:a", "registered with no rack"),
            ("1,,2", "empty entry"),
        ] {
            match registered_brokers(&s, bad) {
                Err(Error::Usage(m)) => assert!(m.contains(says), "{bad}: {m}"),
                other => panic!("{bad}: {other:?}"),
            }
        }
    }

    fn offline_args(dir: &std::path::Path, brokers: Option<&str>) -> GenerateArgs {
        GenerateArgs {
            cluster: None,
            brokers: brokers.map(str::to_string),
            current: Some(dir.join("current.json")),
            log_dirs: None,
            output_plan: Some(dir.join("plan.json")),
            balance: BalanceArgs::default(),
        }
    }

    /// Six brokers over three racks, broker 6 drained from the files alone: a rack-safe plan
    /// that empties it, written as a plan file `reassign execute` reads.
    #[test]
    fn offline_generate_drains_unlisted_brokers_rack_safe() {
        let dir = std::env::temp_dir().join(format!("kk-offline-gen-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut parts = Vec::new();
        for p in 0..12 {
            let r = [1 + p % 6, 1 + (p + 2) % 6, 1 + (p + 4) % 6];
            parts.push(format!(
                r#"{{"topic":"t","partition":{p},"replicas":[{},{},{}]}}"#,
                r[0], r[1], r[2]
            ));
        }
        let layout = format!(r#"{{"version":1,"partitions":[{}]}}"#, parts.join(","));
        std::fs::write(dir.join("current.json"), &layout).unwrap();
        // Racks a: 1,4  b: 2,5  c: 3,6 — every partition has one replica per rack today.
        let args = offline_args(&dir, Some("1:a,2:b,3:c,4:a,5:b"));
        let run = generate_offline(&dir.join("current.json"), &args).unwrap();
        assert!(run.dry_run);
        let plan_text = std::fs::read_to_string(dir.join("plan.json")).unwrap();
        let target = plan::json::parse(&plan_text).unwrap();
        let rack = |b: &BrokerId| match b {
            1 | 4 => 'a',
            2 | 5 => 'b',
            _ => 'c',
        };
        for (tp, r) in &target {
            assert!(!r.contains(&6), "{tp} still on 6: {r:?}");
            let racks: BTreeSet<char> = r.iter().map(rack).collect();
            assert_eq!(racks.len(), 3, "{tp}: {r:?}");
        }
        let b6 = run.plan.brokers.iter().find(|b| b.id == 6).unwrap();
        assert!(b6.leaving);
        assert_eq!(b6.replicas_after, 0);
        assert!(run.plan.replicas_moved >= run.plan.lower_bound);
        assert_eq!(
            run.plan.replicas_moved, 6,
            "one replica per partition on broker 6"
        );

        // Without --brokers, or with a layout that is not one: usage errors naming what to fix.
        let e = generate_offline(&dir.join("current.json"), &offline_args(&dir, None));
        assert!(matches!(e, Err(Error::Usage(m)) if m.contains("--brokers 1:rack-a")));
        std::fs::write(dir.join("current.json"), "[1,2]").unwrap();
        let e = generate_offline(&dir.join("current.json"), &args);
        assert!(matches!(e, Err(Error::Usage(m)) if m.contains("current.json")));
        let e = generate_offline(&dir.join("missing.json"), &args);
        assert!(matches!(e, Err(Error::Usage(m)) if m.contains("fix --current")));
        std::fs::remove_dir_all(&dir).unwrap();
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
