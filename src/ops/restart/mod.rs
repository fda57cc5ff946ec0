//! `kubectl kafka restart`: a rolling restart, one node at a time, that never takes a partition
//! below min.insync.replicas and leaves leadership where it was.
//!
//! Per node: wait until the safety checks pass (pods Ready, brokers registered, nothing offline or
//! reassigning, the ISR left without this broker ≥ min.insync.replicas, URP 0 for the settle
//! window, the KRaft quorum keeping a caught-up majority); evict the pod (PDBs respected); watch it
//! go and come back; wait until the broker is registered and back in every ISR it belongs to; then
//! elect preferred leaders for the partitions it should lead. Progress is recorded on the workload
//! so an interrupted roll continues where it stopped; the lifecycle Lease keeps other operations out.
//!
//! KRaft controller-only pods are not restarted unless `--include-controllers` is given: they serve
//! no clients, and restarting the only controller is a metadata outage. When included they go first
//! (quorum leader last), each only if the quorum keeps a caught-up majority without it.

pub mod canary;
mod evict;
pub mod observer;
mod report;
mod roll;

use std::collections::BTreeMap;
use std::time::Duration;

use clap::Args;

use self::canary::{Canary, CanaryOptions, CanaryReport};
pub use self::report::{DryRunVerdict, RestartReport, StepReport};
use self::roll::{self as roll_mod, Roll};
use super::Context;
use super::flags::{parse_duration, parse_window};
use crate::error::{Error, ExitStatus, Result};
use crate::k8s::discovery::{self, KafkaCluster};
use crate::k8s::lease::{LifecycleLock, holder_identity};
use crate::k8s::pods;
use crate::k8s::records::{Record, WorkloadRef};
use crate::model::{BrokerId, ClusterSnapshot};
use crate::output;
use crate::output::progress::Log;
use crate::safety::batches::{self, Batch, BatchInput, Parallelism, parse_parallelism};
use crate::safety::restart::DEFAULT_QUORUM_FETCH_TIMEOUT_MS;
use crate::safety::roll::{LiveFacts, NodePod, Nodes, RollPlan, Selection};
use crate::safety::roll_state::{self as state, PROGRESS_ANNOTATION, Progress, Resume};

/// An interrupted roll is continued only by the same selection within this long of its start;
/// after that the record is for a change long past, and a new roll starts over.
const RESUME_WITHIN_MS: i64 = 60 * 60 * 1000;

/// How long each broker is given to list its logs for the hidden-topics check: a frozen broker
/// (which the roll must still be able to restart) only costs this much.
const LOG_CHECK_WITHIN: Duration = Duration::from_secs(5);

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  kubectl kafka restart kafka -n kafka
  kubectl kafka restart --brokers 1,2 --dry-run
  kubectl kafka restart --parallel rack --dry-run
  kubectl kafka restart --include-controllers -o json
  kubectl kafka restart --canary --canary-max-errors 0")]
pub struct RestartArgs {
    /// The cluster to restart (needed when the namespace holds several)
    #[arg(value_name = "CLUSTER")]
    pub cluster: Option<String>,

    /// Restart only these broker ids (default: every broker with a pod)
    #[arg(long, value_name = "IDS", value_delimiter = ',')]
    pub brokers: Vec<i32>,

    /// Also restart KRaft controller-only pods (first, quorum leader last; each only while the
    /// quorum keeps a caught-up majority without it)
    #[arg(long)]
    pub include_controllers: bool,

    /// Under-replicated partitions must have been 0 this long before each restart (0s: no window).
    /// Short by default: each restarted broker is already waited for until it is back in the ISR
    /// of every partition it hosts, so the window only guards against flapping.
    #[arg(long, value_name = "DURATION", default_value = "2s", value_parser = parse_window)]
    pub settle: Duration,

    /// How long to wait for the safety checks before each restart; then stop with exit code 3
    /// (0: no limit)
    #[arg(long, value_name = "DURATION", default_value = "5m", value_parser = parse_duration)]
    pub timeout: Duration,

    /// How long a restarted pod may take to be Ready and its broker back in sync (exit 4 after;
    /// 0: no limit)
    #[arg(long, value_name = "DURATION", default_value = "5m", value_parser = parse_duration)]
    pub pod_timeout: Duration,

    /// Restart even when checks fail (reported loudly); never when a partition would go offline
    #[arg(long)]
    pub force: bool,

    /// Restart up to N brokers at once, or a whole rack (`rack`), in batches that keep every
    /// partition at min.insync.replicas or more; controllers always go one at a time
    #[arg(long, value_name = "N|rack", default_value = "1", value_parser = parse_parallelism)]
    pub parallel: Parallelism,

    /// Print the order, the batches and the checks' current verdicts; change nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Run a canary throughout the roll: produce (acks=all) to and consume from a partition led
    /// by each broker, and report per step the worst and p99 produce latency and the errors
    #[arg(long)]
    pub canary: bool,

    /// The canary topic, created on demand like `probe`'s (one partition led by each broker)
    #[arg(long, value_name = "TOPIC", default_value = crate::ops::canary::DEFAULT_TOPIC, requires = "canary")]
    pub canary_topic: String,

    /// Stop the roll before the next broker (exit 3) once the canary's errors exceed N
    #[arg(long, value_name = "N", requires = "canary")]
    pub canary_max_errors: Option<u64>,
}

/// Print the summary of the restart (or of the dry run).
pub async fn run(ctx: &Context, args: &RestartArgs) -> Result<ExitStatus> {
    ctx.emit(&restart(ctx, args).await?)
}

/// The cluster's nodes for the plan: broker pods tied to Kafka's brokers, controller-only pods.
fn nodes(cluster: &KafkaCluster, snapshot: &ClusterSnapshot) -> Nodes {
    let node = |p: &discovery::PodFacts| NodePod {
        name: p.name.clone(),
        ready: p.ready,
        declared_id: p.declared_id,
        ordinal: p.ordinal(),
    };
    let mut out = Nodes {
        cluster: format!("{}/{}", cluster.namespace, cluster.name),
        controllers: cluster.controllers.iter().map(node).collect(),
        ..Default::default()
    };
    for b in discovery::bind(&snapshot.brokers, &cluster.pods) {
        match (b.pod.and_then(|i| cluster.pods.get(i)), b.broker) {
            (Some(p), broker) => out.brokers.push((broker.map(|b| b.id), node(p))),
            (None, Some(broker)) => out.brokers_without_pod.push(broker.id),
            (None, None) => {}
        }
    }
    out
}

/// Run the restart (or the dry run) and return the summary.
async fn restart(ctx: &Context, args: &RestartArgs) -> Result<RestartReport> {
    let log = Log::start();
    let cluster = ctx.cluster(args.cluster.as_deref()).await?;
    let client = ctx.kube().await?.client.clone();
    let admin = ctx.admin_for(Some(&cluster)).await?;
    let snapshot = admin.snapshot().await?;
    let selection = Selection {
        brokers: args.brokers.clone(),
        include_controllers: args.include_controllers,
    };
    let plan = RollPlan::build(&nodes(&cluster, &snapshot), &snapshot, &selection)?;
    // The progress record lives on the brokers' StatefulSet (or Deployment).
    let store = WorkloadRef::of_cluster(&cluster)
        .map(|w| Record::<Progress>::new(&client, w, PROGRESS_ANNOTATION));
    let progress = match &store {
        Some(s) => s.read().await?,
        None => None,
    };
    let order: Vec<BrokerId> = plan.order.iter().map(|t| t.id).collect();
    // A recorded node counts as done only while its pod is the one its restart brought back.
    let mut uids: BTreeMap<BrokerId, String> = BTreeMap::new();
    if progress.is_some() {
        for t in &plan.order {
            if let Some(p) = pods::get(&client, &cluster.namespace, &t.pod).await? {
                uids.insert(t.id, pods::uid(&p));
            }
        }
    }
    let started_ms = roll_mod::now_ms();
    let (todo, skipped, progress) = match state::resume(
        &order,
        progress.as_ref(),
        started_ms,
        RESUME_WITHIN_MS,
        |id| uids.get(&id).cloned(),
    ) {
        Resume::Fresh => (order.clone(), Vec::new(), None),
        Resume::Continue { todo, skipped } => (todo, skipped, progress),
        Resume::Ignore { why } => {
            log.line(format!(
                "note: {why}: not continuing it; this restart starts over and replaces its record"
            ));
            (order.clone(), Vec::new(), None)
        }
    };

    let quorum_fetch_timeout_ms = quorum_fetch_timeout(&admin, &snapshot, &log).await;
    let hidden = hidden_topics(&admin, &snapshot, args.force).await;
    let batches = plan_batches(
        &client,
        &cluster,
        &plan,
        &snapshot,
        &todo,
        args.parallel,
        &log,
    )
    .await;
    if args.dry_run {
        let live = LiveFacts {
            unready_brokers: plan
                .broker_ids
                .iter()
                .filter(|(pod, _)| !plan.pods.get(*pod).copied().unwrap_or(false))
                .map(|(_, id)| *id)
                .collect(),
            quorum_fetch_timeout_ms,
        };
        let mut report = dry_run(&plan, &snapshot, &skipped, args, &cluster, &live);
        match hidden {
            Ok(w) => report.warnings.extend(w),
            Err(e) => report.warnings.push(e.to_string()),
        }
        if args.parallel != Parallelism::Count(1) {
            report.batches = batches;
        }
        if let Some(o) = canary_options(args) {
            let c = CanaryReport::dry_run(&o);
            log.line(c.render_text().trim_end());
            report.canary = Some(c);
        }
        return Ok(report);
    }

    let hidden_warnings = hidden?;
    for w in &hidden_warnings {
        log.line(format!("warning: {w}"));
    }
    // The canary starts before the Lease: if it cannot, nothing was taken.
    let canary = match canary_options(args) {
        Some(o) => Some(Canary::start(&admin, o, &log).await?),
        None => None,
    };
    let lock =
        LifecycleLock::acquire(&client, &cluster.namespace, &cluster.name, "restart").await?;
    let mut roll = Roll {
        client: &client,
        admin: &admin,
        cluster: &cluster,
        args,
        plan: &plan,
        log: &log,
        store: store.as_ref(),
        lock: &lock,
        observer: match &canary {
            Some(c) => c,
            None => &observer::NoObserver,
        },
        quorum_fetch_timeout_ms,
        batch: Vec::new(),
        warnings: Vec::new(),
        steps: Vec::new(),
        renamed: BTreeMap::new(),
        batch_evicted: false,
    };
    let batch_ids: Vec<Vec<BrokerId>> = batches.iter().map(|b| b.brokers.clone()).collect();
    if args.parallel != Parallelism::Count(1) {
        for (i, b) in batches.iter().enumerate() {
            log.line(format!(
                "batch {}/{}: {}{}: {}",
                i + 1,
                batches.len(),
                output::ids(&b.brokers),
                b.rack
                    .as_deref()
                    .map(|r| format!(" (rack {r})"))
                    .unwrap_or_default(),
                b.why
            ));
        }
    }
    let resumed = progress.is_some();
    let mut progress = progress.unwrap_or_else(|| {
        let ts = k8s_openapi::jiff::Timestamp::now();
        Progress::new(
            format!("{}-{}", ts.as_second(), std::process::id()),
            ts.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
        )
        .bound(&holder_identity(), started_ms, &order)
    });
    // The run continuing the record is its holder now.
    progress.holder = holder_identity();
    if resumed {
        log.line(format!(
            "continuing the interrupted restart {} (started {}): {} done ({}), {} to go",
            progress.run_id,
            progress.started_at,
            skipped.len(),
            output::ids(&skipped),
            todo.len()
        ));
    } else {
        log.line(format!(
            "restart {} of {}/{}: order {}",
            progress.run_id,
            cluster.namespace,
            cluster.name,
            plan.order
                .iter()
                .map(|t| format!("{}({})", t.id, t.pod))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if args.force {
        log.line("--force: safety checks that would block are reported and ignored, except those that would take a partition offline");
    }
    for n in &plan.notes {
        log.line(n);
    }

    let result = tokio::select! {
        r = roll.run(&batch_ids, &mut progress) => r,
        _ = tokio::signal::ctrl_c() => Err(Error::failed(
            "interrupted: progress is recorded on the cluster; run the same command again to continue where it stopped",
        )),
    };
    let Roll {
        warnings, steps, ..
    } = roll;
    if let Err(e) = lock.release().await {
        output::note(format!("warning: cannot release the lifecycle Lease: {e}"));
    }
    let canary = match canary {
        Some(c) => Some(c.finish().await),
        None => None,
    };
    if let Err(e) = result {
        // The roll stopped: what clients saw until then goes with the error.
        if let Some(c) = &canary {
            output::note(c.render_text());
        }
        return Err(e);
    }

    let end = admin.snapshot().await?;
    let mut warnings = warnings;
    warnings.extend(hidden_warnings);
    warnings.sort();
    warnings.dedup();
    Ok(RestartReport {
        namespace: cluster.namespace.clone(),
        cluster: cluster.name.clone(),
        run_id: Some(progress.run_id.clone()),
        dry_run: false,
        resumed,
        order: plan.order.clone(),
        skipped,
        restarted: steps,
        verdicts: Vec::new(),
        batches: if args.parallel != Parallelism::Count(1) {
            batches
        } else {
            Vec::new()
        },
        under_replicated: state::urp_count(&end),
        leaders: state::leader_counts(&end),
        not_preferred_leader: state::not_preferred_leader(&end),
        warnings,
        total_secs: log.start.elapsed().as_secs_f64(),
        canary,
    })
}

/// What `--canary` asks for, if given.
fn canary_options(args: &RestartArgs) -> Option<CanaryOptions> {
    args.canary.then(|| CanaryOptions {
        topic: args.canary_topic.clone(),
        max_errors: args.canary_max_errors,
    })
}

/// Split `todo` into the batches `parallelism` allows: controller-only pods one at a time, in
/// their place in the order; brokers by [`batches::plan_batches`], capped by the
/// PodDisruptionBudgets covering the broker pods. Budgets that cannot be read leave every batch
/// at one broker (an unknown counts as unsafe).
async fn plan_batches(
    client: &kube::Client,
    cluster: &KafkaCluster,
    plan: &RollPlan,
    snapshot: &ClusterSnapshot,
    todo: &[BrokerId],
    parallelism: Parallelism,
    log: &Log,
) -> Vec<Batch> {
    let is_controller = |id: &BrokerId| {
        plan.order
            .iter()
            .any(|t| t.id == *id && t.role == crate::safety::roll::Role::Controller)
    };
    let alone = |id: BrokerId, why: &str| Batch {
        brokers: vec![id],
        rack: None,
        why: why.to_string(),
        tightest: None,
    };
    let mut out: Vec<Batch> = todo
        .iter()
        .copied()
        .filter(|id| is_controller(id))
        .map(|id| alone(id, "a KRaft controller: one at a time, quorum leader last"))
        .collect();
    let brokers: Vec<BrokerId> = todo
        .iter()
        .copied()
        .filter(|id| !is_controller(id))
        .collect();
    let mut parallelism = parallelism;
    let mut disruptions_allowed = None;
    if parallelism != Parallelism::Count(1) {
        match crate::k8s::pdb::list(client, &cluster.namespace).await {
            Ok(budgets) => {
                let labels: Vec<&BTreeMap<String, String>> =
                    cluster.pods.iter().map(|p| &p.labels).collect();
                disruptions_allowed = crate::k8s::pdb::allowed_now(&budgets, &labels);
            }
            Err(e) => {
                log.line(format!(
                    "warning: cannot read the PodDisruptionBudgets ({e}); restarting one broker at a time"
                ));
                parallelism = Parallelism::Count(1);
            }
        }
    }
    let unready: Vec<BrokerId> = plan
        .broker_ids
        .iter()
        .filter(|(pod, _)| !plan.pods.get(*pod).copied().unwrap_or(false))
        .map(|(_, id)| *id)
        .collect();
    let input = BatchInput {
        order: &brokers,
        unready: &unready,
        active_controller: plan.active_controller,
        disruptions_allowed,
    };
    out.extend(batches::plan_batches(snapshot, &input, parallelism));
    out
}

/// Topics the principal cannot Describe are invisible to every restart check: compare the logs
/// the brokers hold with the metadata. Each broker is asked at once and given
/// [`LOG_CHECK_WITHIN`]; those that do not answer are named in the warnings, never waited for.
/// Returns the warnings, or the refusal (exit 3) when topics are hidden and `force` is off.
async fn hidden_topics(
    admin: &crate::kafka::Admin,
    snapshot: &ClusterSnapshot,
    force: bool,
) -> Result<Vec<String>> {
    use crate::safety::preflight::{invisible_topics, may_restart_with_invisible};
    let ids: Vec<BrokerId> = snapshot.brokers.iter().map(|b| b.id).collect();
    let mut logs = Vec::new();
    let mut unanswered = Vec::new();
    for (b, answer) in admin.log_partitions_within(&ids, LOG_CHECK_WITHIN).await {
        match answer {
            Some(Ok(tps)) => logs.extend(tps),
            Some(Err(e)) => unanswered.push((b, e.to_string())),
            None => unanswered.push((
                b,
                format!("no answer within {}s", LOG_CHECK_WITHIN.as_secs()),
            )),
        }
    }
    may_restart_with_invisible(&invisible_topics(snapshot, logs), &unanswered, force)
}

/// The controllers' controller.quorum.fetch.timeout.ms, read from a broker (brokers carry the
/// controllers' quorum settings to reach them). Unreadable: Kafka's default, said loudly.
async fn quorum_fetch_timeout(admin: &crate::kafka::Admin, s: &ClusterSnapshot, log: &Log) -> i64 {
    const KEY: &str = "controller.quorum.fetch.timeout.ms";
    if s.quorum.is_none() {
        return DEFAULT_QUORUM_FETCH_TIMEOUT_MS;
    }
    let Some(b) = s.brokers.iter().map(|b| b.id).min() else {
        return DEFAULT_QUORUM_FETCH_TIMEOUT_MS;
    };
    match admin.broker_config_value(b, KEY).await {
        Ok(Some(v)) => match v.trim().parse::<i64>() {
            Ok(ms) if ms > 0 => ms,
            _ => {
                log.line(format!(
                    "warning: broker {b} reports {KEY}={v:?}, not a positive number; the quorum check uses Kafka's default {DEFAULT_QUORUM_FETCH_TIMEOUT_MS} ms"
                ));
                DEFAULT_QUORUM_FETCH_TIMEOUT_MS
            }
        },
        Ok(None) => DEFAULT_QUORUM_FETCH_TIMEOUT_MS,
        Err(e) => {
            log.line(format!(
                "warning: cannot read {KEY} from broker {b} ({e}); the quorum check uses Kafka's default {DEFAULT_QUORUM_FETCH_TIMEOUT_MS} ms. Grant DescribeConfigs on the cluster resource to use the configured value"
            ));
            DEFAULT_QUORUM_FETCH_TIMEOUT_MS
        }
    }
}

fn dry_run(
    plan: &RollPlan,
    snapshot: &ClusterSnapshot,
    skipped: &[BrokerId],
    args: &RestartArgs,
    cluster: &KafkaCluster,
    live: &LiveFacts,
) -> RestartReport {
    let mut warnings = plan.notes.clone();
    let verdicts: Vec<DryRunVerdict> = plan
        .order
        .iter()
        .map(|t| {
            let verdict = plan.verdict(snapshot, t, args.force, live);
            let ready = plan.was_ready(t);
            DryRunVerdict {
                role: t.role,
                id: t.id,
                pod: t.pod.clone(),
                pod_ready: ready,
                verdict,
            }
        })
        .collect();
    for v in &verdicts {
        for w in v.verdict.warnings() {
            warnings.push(format!("{} {}: {w}", v.role.name(), v.id));
        }
    }
    RestartReport {
        namespace: cluster.namespace.clone(),
        cluster: cluster.name.clone(),
        run_id: None,
        dry_run: true,
        resumed: !skipped.is_empty(),
        order: plan.order.clone(),
        skipped: skipped.to_vec(),
        restarted: Vec::new(),
        verdicts,
        batches: Vec::new(),
        under_replicated: state::urp_count(snapshot),
        leaders: state::leader_counts(snapshot),
        not_preferred_leader: state::not_preferred_leader(snapshot),
        warnings,
        total_secs: 0.0,
        canary: None,
    }
}

#[cfg(test)]
mod tests {
    use crate::safety::SettleTracker;

    #[test]
    fn settle_zero_means_no_window() {
        let mut t = SettleTracker::new(0);
        assert!(t.observe(super::roll_mod::now_ms(), 0));
    }
}
