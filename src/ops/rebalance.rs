//! `kubectl kafka rebalance`: plan a balanced layout over today's brokers with the fewest replica
//! moves and execute it. Also the pieces `scale` and `reassign` share: execution flags,
//! preflight, confirmation, the lifecycle lock and plan files.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::Args;

use super::Context;
use super::executor::batch::Limits;
use super::executor::report::{PlanRun, PlanSummary};
use super::executor::{self, ExecOptions, Guard, Recorder};
use crate::error::{Error, Result};
use crate::k8s::discovery::KafkaCluster;
use crate::k8s::lease::LifecycleLock;
use crate::k8s::workload;
use crate::kafka::Admin;
use crate::model::{Assignment, ClusterSnapshot};
use crate::plan::{self, BrokerSpec, PlanOptions};

/// Flags of every command that moves replicas.
#[derive(Debug, Clone, Args)]
pub struct ExecArgs {
    /// Replication throttle while data moves, bytes per second (e.g. 10MiB, 50MB, 1048576); set on
    /// the brokers and topics involved and removed when done, on error and on Ctrl-C
    #[arg(long, value_name = "RATE", value_parser = executor::throttle::parse_rate)]
    pub throttle: Option<u64>,

    /// Partition moves in flight per broker (as source or destination)
    #[arg(long, value_name = "N", default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_moves_per_broker: u32,

    /// Partition moves in flight in the whole cluster
    #[arg(long, value_name = "N", default_value_t = 50, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_moves: u32,

    /// Print the plan, change nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Move data without asking (required when stdin is not a terminal)
    #[arg(long, short = 'y')]
    pub yes: bool,
}

impl ExecArgs {
    /// How to execute, giving up after `timeout` (Duration::MAX: never).
    pub fn options(&self, timeout: Duration) -> ExecOptions {
        ExecOptions {
            throttle: self.throttle,
            limits: Limits {
                per_broker: self.max_moves_per_broker as usize,
                total: self.max_moves as usize,
            },
            poll: Duration::from_millis(1000),
            timeout,
        }
    }
}

/// The time limit of the commands that only move data (`scale` has its own, for pods too).
#[derive(Debug, Clone, Args)]
pub struct MoveTimeout {
    /// How long the data may take to move; then stop with exit code 4, saying what still moves
    /// (it goes on, throttled, until `kubectl kafka reassign status` sees it done; 0: no limit)
    #[arg(long, value_name = "DURATION", default_value = "0", value_parser = crate::cli::parse_duration)]
    pub timeout: Duration,
}

#[derive(Debug, Args)]
pub struct RebalanceArgs {
    /// The cluster to rebalance (needed when the namespace holds several)
    #[arg(value_name = "CLUSTER")]
    pub cluster: Option<String>,

    /// Also write the plan as a kafka-reassign-partitions JSON file
    #[arg(long, value_name = "FILE")]
    pub output_plan: Option<PathBuf>,

    #[command(flatten)]
    pub preflight: PreflightArgs,

    #[command(flatten)]
    pub exec: ExecArgs,

    #[command(flatten)]
    pub timeout: MoveTimeout,
}

/// The flag of the commands that check the cluster's health before they move data.
#[derive(Debug, Clone, Args)]
pub struct PreflightArgs {
    /// Move data even though partitions are under-replicated or under min.insync.replicas, or
    /// replication throttles are set (each is named); never while partitions are offline or
    /// reassignments run
    #[arg(long)]
    pub force: bool,
}

/// Refuse to start moving data on a cluster that is not healthy (exit 3), unless `--force`
/// accepts what is wrong; what it accepted is said on stderr.
pub async fn preflight(admin: &Admin, snap: &ClusterSnapshot, args: &PreflightArgs) -> Result<()> {
    let mut throttled: Vec<String> = super::connect::throttles(admin, snap)
        .await?
        .into_iter()
        .map(|t| format!("{} {}", t.resource, t.name))
        .collect();
    throttled.dedup();
    for o in crate::safety::may_move_data(snap, &throttled, args.force)? {
        crate::output::note(format!("warning: --force: {o}"));
    }
    Ok(())
}

/// Today's brokers as planner input.
pub fn broker_specs(snap: &ClusterSnapshot) -> Vec<BrokerSpec> {
    snap.brokers
        .iter()
        .map(|b| BrokerSpec::new(b.id, b.rack.as_deref()))
        .collect()
}

/// Moving data needs consent: `--yes`, or "y" on a terminal. Without a terminal, exit 2.
pub fn confirm(yes: bool, question: &str) -> Result<()> {
    if yes {
        return Ok(());
    }
    if !std::io::stdin().is_terminal() {
        return Err(Error::usage(format!(
            "{question}: this moves data between brokers; add --yes to go ahead (or --dry-run to \
             only see the plan)"
        )));
    }
    if crate::output::ask(&format!("{question}?"))? {
        Ok(())
    } else {
        Err(Error::usage("not confirmed: nothing was changed"))
    }
}

/// Write a plan file: the partitions that change, in kafka-reassign-partitions JSON.
pub fn write_plan(path: &Path, current: &Assignment, target: &Assignment) -> Result<()> {
    let text = plan::json::render_plan(current, target);
    std::fs::write(path, text + "\n").map_err(|e| {
        Error::usage(format!(
            "cannot write the plan to {}: {e}; choose another --output-plan",
            path.display()
        ))
    })?;
    crate::output::note(format!("plan written to {}", path.display()));
    Ok(())
}

/// The lifecycle lock when the cluster runs on Kubernetes (with --bootstrap-server alone there is
/// nowhere to keep it).
pub async fn lock(
    ctx: &Context,
    cluster: Option<&KafkaCluster>,
    op: &str,
) -> Result<Option<LifecycleLock>> {
    let Some(c) = cluster else { return Ok(None) };
    let kube = ctx.kube().await?;
    LifecycleLock::acquire(&kube.client, &c.namespace, &c.name, op)
        .await
        .map(Some)
}

/// The workload that records throttles, when there is one we may annotate.
pub async fn recorder(ctx: &Context, cluster: Option<&KafkaCluster>) -> Option<Recorder> {
    let c = cluster?;
    let kube = ctx.kube().await.ok()?;
    let name = workload::scalable_statefulset(c).ok()?;
    let sts = workload::StatefulSetRef {
        namespace: c.namespace.clone(),
        name,
    };
    Some(Recorder::new(
        &kube.client,
        (&sts).into(),
        executor::throttle::RECORD_ANNOTATION,
    ))
}

/// Execute `target` under the lock, with cleanup on every path.
pub async fn execute_locked(
    ctx: &Context,
    cluster: Option<&KafkaCluster>,
    admin: &Admin,
    current: &Assignment,
    target: &Assignment,
    opts: &ExecOptions,
    op: &str,
) -> Result<executor::report::ExecReport> {
    let lock = lock(ctx, cluster, op).await?;
    let guard = Guard::new(recorder(ctx, cluster).await);
    let r = executor::guarded(
        admin,
        &guard,
        executor::execute(admin, current, target, opts, &guard, lock.as_ref()),
    )
    .await;
    match lock {
        Some(l) => release(l, r).await,
        None => r,
    }
}

/// Release the lock after `result`; the operation's own error wins over a failed release.
pub async fn release<T>(lock: LifecycleLock, result: Result<T>) -> Result<T> {
    let released = lock.release().await;
    match (result, released) {
        (Err(e), _) => Err(e),
        (Ok(_), Err(e)) => Err(e),
        (Ok(v), Ok(())) => Ok(v),
    }
}

pub async fn run(ctx: &Context, args: &RebalanceArgs) -> Result<PlanRun> {
    let cluster = ctx.cluster_for_kafka(args.cluster.as_deref()).await?;
    let admin = super::connect::admin(ctx, cluster.as_ref()).await?;
    let snap = admin.snapshot().await?;
    preflight(&admin, &snap, &args.preflight).await?;
    let current = snap.assignment();
    let p = plan::plan(&current, &broker_specs(&snap), &PlanOptions::default())?;
    let summary = PlanSummary::new(&p, &current);
    if let Some(path) = &args.output_plan {
        write_plan(path, &current, &p.target)?;
    }
    if args.exec.dry_run || p.is_noop() {
        if p.is_noop() {
            crate::output::note("the cluster is balanced: nothing to move");
        }
        return Ok(PlanRun {
            dry_run: args.exec.dry_run,
            plan: summary,
            execution: None,
        });
    }
    crate::output::note(
        crate::output::format(&summary, crate::output::OutputFormat::Table)?.trim_end(),
    );
    confirm(
        args.exec.yes,
        &format!("move {} replicas", p.replicas_moved),
    )?;
    let report = execute_locked(
        ctx,
        cluster.as_ref(),
        &admin,
        &current,
        &p.target,
        &args.exec.options(args.timeout.timeout),
        "rebalance",
    )
    .await?;
    Ok(PlanRun {
        dry_run: false,
        plan: summary,
        execution: Some(report),
    })
}
