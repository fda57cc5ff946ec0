//! `kubectl kafka rebalance`: plan a balanced layout over today's brokers with the fewest replica
//! moves and execute it.

use std::path::PathBuf;

use clap::Args;

use super::Context;
use super::executor::report::{PlanRun, PlanSummary};
use super::lifecycle::{self, ExecArgs, MoveTimeout, PreflightArgs};
use crate::error::{ExitStatus, Result};
use crate::plan::{self, PlanOptions};

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

/// Print the plan, and what its execution did.
pub async fn run(ctx: &Context, args: &RebalanceArgs) -> Result<ExitStatus> {
    ctx.emit(&rebalance(ctx, args).await?)
}

async fn rebalance(ctx: &Context, args: &RebalanceArgs) -> Result<PlanRun> {
    let cluster = ctx.cluster_for_kafka(args.cluster.as_deref()).await?;
    let admin = ctx.admin_for(cluster.as_ref()).await?;
    let snap = admin.snapshot().await?;
    lifecycle::preflight(&admin, &snap, &args.preflight).await?;
    let current = snap.assignment();
    let p = plan::plan(
        &current,
        &lifecycle::broker_specs(&snap),
        &PlanOptions::default(),
    )?;
    let summary = PlanSummary::new(&p, &current);
    if let Some(path) = &args.output_plan {
        lifecycle::write_plan(path, &current, &p.target)?;
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
    lifecycle::confirm(
        args.exec.yes,
        &format!("move {} replicas", p.replicas_moved),
    )?;
    let report = lifecycle::execute_locked(
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
