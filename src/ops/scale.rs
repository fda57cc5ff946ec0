//! `kubectl kafka scale --replicas N`: scale out (new brokers, then a minimal-movement rebalance
//! onto them) or in (drain the highest ordinals first, shrink after). Under the lifecycle lock.

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use clap::Args;
use serde::Serialize;

use super::Context;
use super::executor::report::{PlanRun, PlanSummary, summary_of};
use super::executor::{self, Guard, MovesRecorder, Recorder};
use super::flags::parse_duration;
use super::lifecycle::{self, ExecArgs, PreflightArgs};
use super::planning::{self, BalanceArgs};
use crate::deadline::Deadline;
use crate::error::{Error, ExitStatus, Result};
use crate::k8s::discovery::{self, KafkaCluster};
use crate::k8s::workload::{self, StatefulSetRef};
use crate::kafka::Admin;
use crate::model::{Assignment, BrokerId, ClusterSnapshot};
use crate::output::{Render, note};
use crate::plan::BrokerSpec;
use crate::safety::resume::MOVES_ANNOTATION;

#[derive(Debug, Args)]
pub struct ScaleArgs {
    /// The cluster to scale (needed when the namespace holds several)
    #[arg(value_name = "CLUSTER")]
    pub cluster: Option<String>,

    /// The number of brokers wanted
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(i32).range(1..))]
    pub replicas: i32,

    /// Scale out without moving any data onto the new brokers (run `kubectl kafka rebalance` later)
    #[arg(long)]
    pub no_rebalance: bool,

    /// Also write the plan as a kafka-reassign-partitions JSON file
    #[arg(long, value_name = "FILE")]
    pub output_plan: Option<std::path::PathBuf>,

    /// How long to wait for pods to become Ready (or to go), brokers to register and the data to
    /// move, each (0: no limit)
    #[arg(long, value_name = "DURATION", default_value = "10m", value_parser = parse_duration)]
    pub timeout: Duration,

    #[command(flatten)]
    pub balance: BalanceArgs,

    #[command(flatten)]
    pub preflight: PreflightArgs,

    #[command(flatten)]
    pub exec: ExecArgs,
}

/// What `scale` did (or, with --dry-run, would do).
#[derive(Debug, Clone, Serialize)]
pub struct ScaleReport {
    pub statefulset: String,
    pub from: i32,
    pub to: i32,
    pub added_brokers: Vec<BrokerId>,
    pub removed_brokers: Vec<BrokerId>,
    /// The reassignment (None with --no-rebalance).
    pub rebalance: Option<PlanRun>,
    pub duration_secs: f64,
}

impl Render for ScaleReport {
    fn render_text(&self, wide: bool) -> String {
        let dry = self.rebalance.as_ref().is_some_and(|r| r.dry_run);
        let mut s = format!(
            "StatefulSet {} {} {} to {} replicas",
            self.statefulset,
            if dry {
                "would be scaled from"
            } else {
                "scaled from"
            },
            self.from,
            self.to
        );
        if !self.added_brokers.is_empty() {
            s.push_str(&format!("; new brokers {:?}", self.added_brokers));
        }
        if !self.removed_brokers.is_empty() {
            s.push_str(&format!(
                "; brokers {:?} drained and removed",
                self.removed_brokers
            ));
        }
        if !dry {
            s.push_str(&format!(" in {:.0}s", self.duration_secs));
        }
        s.push_str("\n\n");
        if let Some(r) = &self.rebalance {
            s.push_str(&r.render_text(wide));
        }
        s
    }
}

/// Broker id per pod ordinal, by matching Kafka's metadata to the pods.
pub fn ids_by_ordinal(snap: &ClusterSnapshot, cluster: &KafkaCluster) -> BTreeMap<i32, BrokerId> {
    discovery::bind(&snap.brokers, &cluster.pods)
        .into_iter()
        .filter_map(|b| {
            let id = b.broker?.id;
            let ord = cluster.pods.get(b.pod?)?.ordinal()?;
            Some((ord, id))
        })
        .collect()
}

/// The broker ids new pods will take, when today's ids follow the ordinals with one offset
/// (id = ordinal + k, as StatefulSet charts set node.id). None when they do not.
pub fn predict_ids(known: &BTreeMap<i32, BrokerId>, from: i32, to: i32) -> Option<Vec<BrokerId>> {
    let offsets: BTreeSet<i32> = known.iter().map(|(o, id)| id - o).collect();
    let [k] = offsets.into_iter().collect::<Vec<_>>()[..] else {
        return None;
    };
    Some((from..to).map(|o| o + k).collect())
}

/// The brokers in the pods that scaling in to `to` removes (ordinals `to` and up). Every such pod
/// must be tied to a registered broker: a pod whose broker is unknown could hold data nobody drained.
pub fn leaving_brokers(
    cluster: &KafkaCluster,
    ords: &BTreeMap<i32, BrokerId>,
    to: i32,
) -> Result<BTreeSet<BrokerId>> {
    let mut leaving = BTreeSet::new();
    for p in &cluster.pods {
        let Some(o) = p.ordinal().filter(|o| *o >= to) else {
            continue;
        };
        match ords.get(&o) {
            Some(id) => {
                leaving.insert(*id);
            }
            None => {
                return Err(Error::refused(format!(
                    "pod {} would be removed but no registered Kafka broker is tied to it (broker \
                     down or not matching its pod): bring it back (`kubectl kafka status`) so it \
                     can be drained first; nothing was changed",
                    p.name
                )));
            }
        }
    }
    Ok(leaving)
}

/// Print what `scale` did (or would do).
pub async fn run(ctx: &Context, args: &ScaleArgs) -> Result<ExitStatus> {
    ctx.emit(&scale(ctx, args).await?)
}

async fn scale(ctx: &Context, args: &ScaleArgs) -> Result<ScaleReport> {
    let start = Instant::now();
    let cluster = ctx.cluster(args.cluster.as_deref()).await?;
    let client = ctx.kube().await?.client.clone();
    let sts = workload::resolve(&client, &cluster).await?;
    let from = workload::replicas(&client, &sts).await?;
    let to = args.replicas;
    let admin = ctx.admin_for(Some(&cluster)).await?;
    let snap = admin.snapshot().await?;
    let moves = MovesRecorder::new(&client, (&sts).into(), MOVES_ANNOTATION);
    let throttles = Recorder::new(
        &client,
        (&sts).into(),
        executor::throttle::RECORD_ANNOTATION,
    );
    let resume = lifecycle::preflight_resume(
        &admin,
        &snap,
        &args.preflight,
        Some(&moves),
        Some(&throttles),
        "scale",
    )
    .await?;
    if to == from && resume.is_none() {
        return Err(Error::usage(format!(
            "StatefulSet {} already has {to} replicas; to spread the data over them run `kubectl \
             kafka rebalance`",
            sts.name
        )));
    }
    let ords = ids_by_ordinal(&snap, &cluster);
    let mut report = ScaleReport {
        statefulset: sts.name.clone(),
        from,
        to,
        added_brokers: vec![],
        removed_brokers: vec![],
        rebalance: None,
        duration_secs: 0.0,
    };
    let recorder = throttles;
    if let (Some(target), true) = (&resume, to == from) {
        // A scale out interrupted while it moved data onto the new brokers: finish those moves.
        resume_moves(
            args,
            &cluster,
            recorder,
            moves,
            &admin,
            &snap,
            target,
            &mut report,
        )
        .await?;
    } else if to > from {
        scale_out(
            ctx,
            args,
            &cluster,
            &sts,
            recorder,
            snap,
            &ords,
            &mut report,
        )
        .await?;
    } else {
        scale_in(
            args,
            &cluster,
            &sts,
            (recorder, moves),
            &admin,
            snap,
            &ords,
            resume,
            &mut report,
        )
        .await?;
    }
    report.duration_secs = start.elapsed().as_secs_f64();
    Ok(report)
}

#[allow(clippy::too_many_arguments)]
async fn scale_out(
    ctx: &Context,
    args: &ScaleArgs,
    cluster: &KafkaCluster,
    sts: &StatefulSetRef,
    recorder: Recorder,
    snap: ClusterSnapshot,
    ords: &BTreeMap<i32, BrokerId>,
    report: &mut ScaleReport,
) -> Result<()> {
    let (from, to) = (report.from, report.to);
    let current = snap.assignment();
    if args.exec.dry_run {
        let Some(new_ids) = predict_ids(ords, from, to) else {
            return Err(Error::usage(
                "cannot tell which broker ids the new pods will take (ids do not follow the pod \
                 ordinals); scale without --dry-run and --no-rebalance, then run `kubectl kafka \
                 rebalance --dry-run`",
            ));
        };
        let mut brokers = lifecycle::broker_specs(&snap);
        brokers.extend(new_ids.iter().map(|id| BrokerSpec::new(*id, None)));
        let admin = ctx.admin_for(Some(cluster)).await?;
        let p = planning::plan_live(&admin, &snap, &current, &brokers, &args.balance).await?;
        if let Some(path) = &args.output_plan {
            lifecycle::write_plan(path, &current, &p.target)?;
        }
        report.added_brokers = new_ids;
        report.rebalance = Some(PlanRun {
            dry_run: true,
            plan: PlanSummary::new(&p, &current),
            execution: None,
        });
        return Ok(());
    }
    if !args.no_rebalance {
        lifecycle::confirm(
            args.exec.yes,
            &format!(
                "scale StatefulSet {} from {from} to {to} and move replicas onto the new brokers",
                sts.name
            ),
        )?;
    }
    let client = recorder.client().clone();
    let moves = MovesRecorder::new(&client, sts.into(), MOVES_ANNOTATION);
    let guard = Guard::new(Some(recorder)).with_moves(Some(moves), "scale");
    let old: BTreeSet<BrokerId> = snap.brokers.iter().map(|b| b.id).collect();
    lifecycle::with_lock(&client, cluster, "scale", async |lock| {
        // Until new brokers exist the admin connection is the one made before; the op makes its own.
        let admin0 = ctx.admin_for(Some(cluster)).await?;
        let op = async {
            workload::set_replicas(&client, sts, to).await?;
            note(format!(
                "StatefulSet {} scaled to {to}; waiting for the new pods",
                sts.name
            ));
            let mut last = -1;
            workload::watch_pods(
                &client,
                sts,
                args.timeout,
                &format!("{to} Ready pods of StatefulSet {}", sts.name),
                |s| workload::all_ready(s, to),
                |s| {
                    let ready = (0..to)
                        .filter(|o| s.get(o).copied().unwrap_or(false))
                        .count() as i32;
                    if ready != last {
                        note(format!("  {ready}/{to} pods Ready"));
                        last = ready;
                    }
                },
            )
            .await?;
            // New pods have IPs now: connect again so every broker (and tunnel) is known.
            let cluster = ctx.cluster(Some(&cluster.name)).await?;
            let admin = ctx.admin_for(Some(&cluster)).await?;
            guard.reconnected(&admin).await;
            let want = old.len() + (to - from) as usize;
            let snap = wait_registered(&admin, want, args.timeout).await?;
            let now: BTreeSet<BrokerId> = snap.brokers.iter().map(|b| b.id).collect();
            report.added_brokers = now.difference(&old).copied().collect();
            note(format!(
                "brokers {:?} registered in Kafka",
                report.added_brokers
            ));
            if args.no_rebalance {
                return Ok(());
            }
            let current = snap.assignment();
            let p = planning::plan_live(
                &admin,
                &snap,
                &current,
                &lifecycle::broker_specs(&snap),
                &args.balance,
            )
            .await?;
            if let Some(path) = &args.output_plan {
                lifecycle::write_plan(path, &current, &p.target)?;
            }
            let summary = PlanSummary::new(&p, &current);
            note(crate::output::format(&summary, crate::output::OutputFormat::Table)?.trim_end());
            let exec = executor::execute(
                &admin,
                &current,
                &p.target,
                &args.exec.options(args.timeout),
                &guard,
                Some(lock),
            )
            .await?;
            report.rebalance = Some(PlanRun {
                dry_run: false,
                plan: summary,
                execution: Some(exec),
            });
            Ok(())
        };
        executor::guarded(&admin0, &guard, op).await
    })
    .await
}

/// Poll Kafka's metadata (it has no watch) until `n` brokers are registered.
async fn wait_registered(admin: &Admin, n: usize, timeout: Duration) -> Result<ClusterSnapshot> {
    let deadline = Deadline::after(timeout);
    loop {
        let snap = admin.snapshot().await?;
        if snap.brokers.len() >= n {
            return Ok(snap);
        }
        if deadline.is_past() {
            return Err(Error::timeout(format!(
                "only {} of {n} brokers registered in Kafka after {}s; check the new pods' logs",
                snap.brokers.len(),
                timeout.as_secs()
            )));
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

/// Finish the moves an interrupted `scale` recorded (`target`), under the lock.
#[allow(clippy::too_many_arguments)]
async fn resume_moves(
    args: &ScaleArgs,
    cluster: &KafkaCluster,
    recorder: Recorder,
    moves: MovesRecorder,
    admin: &Admin,
    snap: &ClusterSnapshot,
    target: &Assignment,
    report: &mut ScaleReport,
) -> Result<()> {
    let current = executor::before_moves(snap, &snap.reassignments);
    let brokers: Vec<BrokerId> = snap.brokers.iter().map(|b| b.id).collect();
    let summary = summary_of(&current, target, &brokers);
    if args.exec.dry_run {
        report.rebalance = Some(PlanRun {
            dry_run: true,
            plan: summary,
            execution: None,
        });
        return Ok(());
    }
    lifecycle::confirm(
        args.exec.yes,
        &format!(
            "resume the interrupted scale of StatefulSet {}: move the rest of its plan",
            report.statefulset
        ),
    )?;
    let client = recorder.client().clone();
    let guard = Guard::new(Some(recorder)).with_moves(Some(moves), "scale");
    let opts = args.exec.options(args.timeout);
    lifecycle::with_lock(&client, cluster, "scale", async |lock| {
        let op = executor::execute(admin, &current, target, &opts, &guard, Some(lock));
        let exec = executor::guarded(admin, &guard, op).await?;
        report.rebalance = Some(PlanRun {
            dry_run: false,
            plan: summary.clone(),
            execution: Some(exec),
        });
        Ok(())
    })
    .await
}

#[allow(clippy::too_many_arguments)]
async fn scale_in(
    args: &ScaleArgs,
    cluster: &KafkaCluster,
    sts: &StatefulSetRef,
    (recorder, moves): (Recorder, MovesRecorder),
    admin: &Admin,
    snap: ClusterSnapshot,
    ords: &BTreeMap<i32, BrokerId>,
    resume: Option<Assignment>,
    report: &mut ScaleReport,
) -> Result<()> {
    let to = report.to;
    let leaving = leaving_brokers(cluster, ords, to)?;
    let keep: Vec<BrokerSpec> = lifecycle::broker_specs(&snap)
        .into_iter()
        .filter(|b| !leaving.contains(&b.id))
        .collect();
    crate::safety::replicas_fit(&snap, keep.len())?;
    crate::safety::scale_in::controllers_may_go(&snap, &leaving)?;
    report.removed_brokers = leaving.iter().copied().collect();
    let (current, target, summary) = match resume {
        // An interrupted drain: finish its recorded plan (planning anew would fight its moves).
        Some(target) => {
            let current = executor::before_moves(&snap, &snap.reassignments);
            let ids: Vec<BrokerId> = snap.brokers.iter().map(|b| b.id).collect();
            let summary = summary_of(&current, &target, &ids);
            (current, target, summary)
        }
        None => {
            let current = snap.assignment();
            let p = planning::plan_live(admin, &snap, &current, &keep, &args.balance).await?;
            let summary = PlanSummary::new(&p, &current);
            (current, p.target, summary)
        }
    };
    if let Some(path) = &args.output_plan {
        lifecycle::write_plan(path, &current, &target)?;
    }
    let replicas_moved = summary.replicas_moved;
    if args.exec.dry_run {
        note(if snap.quorum.is_some() {
            format!(
                "would unregister the removed brokers {:?} from the KRaft metadata once their pods are gone",
                report.removed_brokers
            )
        } else {
            "the removed brokers would not be unregistered: ZooKeeper mode has no UnregisterBroker"
                .to_string()
        });
        report.rebalance = Some(PlanRun {
            dry_run: true,
            plan: summary,
            execution: None,
        });
        return Ok(());
    }
    if args.no_rebalance && replicas_moved > 0 {
        return Err(Error::usage(
            "scaling in drains the leaving brokers first: drop --no-rebalance",
        ));
    }
    note(crate::output::format(&summary, crate::output::OutputFormat::Table)?.trim_end());
    lifecycle::confirm(
        args.exec.yes,
        &format!(
            "move {} replicas off brokers {:?} and scale StatefulSet {} to {to}",
            replicas_moved, report.removed_brokers, sts.name
        ),
    )?;
    let client = recorder.client().clone();
    let guard = Guard::new(Some(recorder)).with_moves(Some(moves), "scale");
    lifecycle::with_lock(&client, cluster, "scale", async |lock| {
        let op = async {
            let exec = executor::execute(
                admin,
                &current,
                &target,
                &args.exec.options(args.timeout),
                &guard,
                Some(lock),
            )
            .await?;
            report.rebalance = Some(PlanRun {
                dry_run: false,
                plan: summary.clone(),
                execution: Some(exec),
            });
            verify_empty(admin, &leaving, args.timeout).await?;
            note(format!(
                "brokers {:?} hold no replicas; scaling StatefulSet {} to {to}",
                report.removed_brokers, sts.name
            ));
            workload::set_replicas(&client, sts, to).await?;
            workload::watch_pods(
                &client,
                sts,
                args.timeout,
                &format!(
                    "the pods above ordinal {} of StatefulSet {} to go",
                    to - 1,
                    sts.name
                ),
                |s| workload::gone_from(s, to),
                |_| {},
            )
            .await?;
            // Between the check and the pods going, a new topic or partition may have been
            // placed on a leaving broker: look again now that they are gone.
            let after = admin.snapshot().await?;
            let landed = crate::safety::scale_in::landed_on(&after, &leaving);
            if !landed.is_empty() {
                let repair = format!(
                    "kubectl kafka scale -n {} --replicas {} --yes` to bring the brokers back, \
                     then scale in again (it drains them first); or, where other replicas hold \
                     the data, move those partitions off with `kubectl kafka reassign execute \
                     --plan FILE",
                    cluster.namespace, report.from
                );
                let msg = crate::safety::scale_in::landed_message(&landed, &leaving, &repair);
                return Err(Error::failed(msg));
            }
            unregister_removed(admin, &leaving).await;
            Ok(())
        };
        executor::guarded(admin, &guard, op).await
    })
    .await
}

/// Unregister the removed brokers (KRaft), after their data is safe: each outcome said on
/// stderr, a failure as a warning with what to run by hand.
async fn unregister_removed(admin: &Admin, removed: &BTreeSet<BrokerId>) {
    use crate::kafka::admin::Unregistered;
    use crate::safety::scale_in::{Unregister, unregister_outcome};
    let mut results = Vec::new();
    for id in removed {
        let r = match admin.unregister_broker(*id).await {
            Ok(Unregistered::Done) => Unregister::Done,
            Ok(Unregistered::NotRegistered) => Unregister::NotRegistered,
            Ok(Unregistered::Unsupported) => Unregister::Unsupported,
            Err(e) => Unregister::Failed(e.to_string()),
        };
        results.push((*id, r));
    }
    let (lines, warning) = unregister_outcome(&results);
    for l in lines.into_iter().chain(warning) {
        note(l);
    }
}

/// The leaving brokers hold nothing: no replica in the metadata, no log on their disks. Logs are
/// deleted asynchronously after a reassignment, so this polls until they are gone.
async fn verify_empty(
    admin: &Admin,
    leaving: &BTreeSet<BrokerId>,
    timeout: Duration,
) -> Result<()> {
    let deadline = Deadline::after(timeout);
    loop {
        let snap = admin.snapshot().await?;
        let mut held: Vec<String> = snap
            .partitions()
            .flat_map(|(t, p)| {
                p.replicas
                    .iter()
                    .filter(|b| leaving.contains(b))
                    .map(move |b| format!("{}-{} on broker {b}", t.name, p.partition))
            })
            .collect();
        for b in leaving {
            let logs = admin.describe_log_dirs(*b).await?;
            held.extend(logs.keys().map(|tp| format!("log {tp} on broker {b}")));
        }
        if held.is_empty() {
            return Ok(());
        }
        if deadline.is_past() {
            return Err(Error::timeout(format!(
                "the leaving brokers still hold data after {}s ({}); nothing was scaled in: run \
                 the command again once `kubectl kafka status` shows them empty",
                timeout.as_secs(),
                held.into_iter().take(5).collect::<Vec<_>>().join(", ")
            )));
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pod(name: &str) -> discovery::PodFacts {
        discovery::PodFacts {
            name: name.into(),
            namespace: "ns".into(),
            labels: BTreeMap::new(),
            owner: discovery::Workload {
                kind: "StatefulSet".into(),
                name: "kafka".into(),
            },
            ip: None,
            node: None,
            ready: true,
            phase: None,
            hostname: None,
            subdomain: None,
            kafka_port: 9092,
            ports: vec![],
            roles: None,
            declared_id: None,
        }
    }

    #[test]
    fn leaving_brokers_are_the_highest_ordinals_and_must_be_known() {
        let cluster = KafkaCluster {
            namespace: "ns".into(),
            name: "kafka".into(),
            convention: discovery::Convention::App,
            workloads: vec![],
            controller_workloads: vec![],
            pods: (0..4).map(|i| pod(&format!("kafka-{i}"))).collect(),
            controllers: vec![],
        };
        let ords: BTreeMap<i32, BrokerId> = [(0, 10), (1, 11), (2, 12), (3, 13)].into();
        assert_eq!(
            leaving_brokers(&cluster, &ords, 2).unwrap(),
            [12, 13].into()
        );
        let partial: BTreeMap<i32, BrokerId> = [(0, 10), (1, 11), (2, 12)].into();
        let e = leaving_brokers(&cluster, &partial, 2).unwrap_err();
        assert!(matches!(e, Error::Refused(_)));
        assert!(e.to_string().contains("kafka-3"), "{e}");
    }

    #[test]
    fn new_ids_follow_the_ordinals() {
        let same: BTreeMap<i32, BrokerId> = [(0, 0), (1, 1), (2, 2)].into();
        assert_eq!(predict_ids(&same, 3, 5), Some(vec![3, 4]));
        let offset: BTreeMap<i32, BrokerId> = [(0, 100), (1, 101)].into();
        assert_eq!(predict_ids(&offset, 2, 3), Some(vec![102]));
        let mixed: BTreeMap<i32, BrokerId> = [(0, 5), (1, 1)].into();
        assert_eq!(predict_ids(&mixed, 2, 3), None);
        assert_eq!(predict_ids(&BTreeMap::new(), 0, 1), None);
    }
}
