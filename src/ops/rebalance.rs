//! `kubectl kafka rebalance`: plan a balanced layout over today's brokers (rack rule, then disk
//! bytes or replica counts, healing rack violations) with the fewest bytes moved, and execute it.

use std::path::PathBuf;

use clap::Args;

use super::Context;
use super::executor::before_moves;
use super::executor::report::{PlanRun, PlanSummary, summary_of};
use super::lifecycle::{self, ExecArgs, MoveTimeout, PreflightArgs};
use super::planning::{self, BalanceArgs};
use crate::error::{ExitStatus, Result};

#[derive(Debug, Args)]
pub struct RebalanceArgs {
    /// The cluster to rebalance (needed when the namespace holds several)
    #[arg(value_name = "CLUSTER")]
    pub cluster: Option<String>,

    /// Also write the plan as a kafka-reassign-partitions JSON file
    #[arg(long, value_name = "FILE")]
    pub output_plan: Option<PathBuf>,

    #[command(flatten)]
    pub balance: BalanceArgs,

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
    let moves = lifecycle::moves_recorder(ctx, cluster.as_ref()).await;
    let throttles = lifecycle::recorder(ctx, cluster.as_ref()).await;
    let resume = lifecycle::preflight_resume(
        &admin,
        &snap,
        &args.preflight,
        moves.as_ref(),
        throttles.as_ref(),
        "rebalance",
    )
    .await?;
    if let Some(target) = resume {
        // An interrupted rebalance: finish its recorded plan rather than plan anew.
        let current = before_moves(&snap, &snap.reassignments);
        let brokers: Vec<_> = snap.brokers.iter().map(|b| b.id).collect();
        let summary = summary_of(&current, &target, &brokers);
        if args.exec.dry_run {
            return Ok(PlanRun {
                dry_run: true,
                plan: summary,
                execution: None,
            });
        }
        lifecycle::confirm(args.exec.yes, "resume the interrupted rebalance")?;
        let report = lifecycle::execute_locked(
            ctx,
            cluster.as_ref(),
            &admin,
            &current,
            &target,
            &args.exec.options(args.timeout.timeout),
            "rebalance",
        )
        .await?;
        return Ok(PlanRun {
            dry_run: false,
            plan: summary,
            execution: Some(report),
        });
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
