//! `kubectl kafka drain --brokers 3,7`: move every replica off the given brokers (any ids, not
//! only the highest ordinals as `scale` in does), rack-safe and with the fewest bytes moved. The
//! brokers stay registered and running, empty: how a bad broker is replaced.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use clap::Args;

use super::Context;
use super::executor::report::{PlanRun, PlanSummary};
use super::lifecycle::{self, ExecArgs, MoveTimeout, PreflightArgs};
use super::planning::{self, BalanceArgs};
use crate::error::{Error, ExitStatus, Result};
use crate::model::{BrokerId, ClusterSnapshot};
use crate::output::ids;
use crate::plan::BrokerSpec;

#[derive(Debug, Args)]
pub struct DrainArgs {
    /// The cluster (needed when the namespace holds several)
    #[arg(value_name = "CLUSTER")]
    pub cluster: Option<String>,

    /// The brokers to empty (they stay registered)
    #[arg(long, value_name = "ID,...", value_delimiter = ',', required = true)]
    pub brokers: Vec<BrokerId>,

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

/// The brokers that keep the data: every registered one but the drained. Each drained id must be
/// registered, and at least one broker must remain.
pub fn remaining(snap: &ClusterSnapshot, drained: &[BrokerId]) -> Result<Vec<BrokerSpec>> {
    let known: BTreeMap<BrokerId, Option<&str>> = snap
        .brokers
        .iter()
        .map(|b| (b.id, b.rack.as_deref()))
        .collect();
    if let Some(b) = drained.iter().find(|b| !known.contains_key(b)) {
        return Err(Error::usage(format!(
            "broker {b} is not registered (brokers: {}); fix --brokers",
            ids(&known.keys().copied().collect::<Vec<_>>())
        )));
    }
    let out: BTreeSet<BrokerId> = drained.iter().copied().collect();
    let keep: Vec<BrokerSpec> = known
        .iter()
        .filter(|(id, _)| !out.contains(id))
        .map(|(id, rack)| BrokerSpec::new(*id, *rack))
        .collect();
    if keep.is_empty() {
        return Err(Error::usage(
            "--brokers names every broker: no broker would be left to hold the data",
        ));
    }
    Ok(keep)
}

/// Print the plan, and what its execution did.
pub async fn run(ctx: &Context, args: &DrainArgs) -> Result<ExitStatus> {
    ctx.emit(&drain(ctx, args).await?)
}

async fn drain(ctx: &Context, args: &DrainArgs) -> Result<PlanRun> {
    let cluster = ctx.cluster_for_kafka(args.cluster.as_deref()).await?;
    let admin = ctx.admin_for(cluster.as_ref()).await?;
    let snap = admin.snapshot().await?;
    let keep = remaining(&snap, &args.brokers)?;
    crate::safety::replicas_fit(&snap, keep.len())?;
    lifecycle::preflight(&admin, &snap, &args.preflight).await?;
    let current = snap.assignment();
    let p = planning::plan_live(&admin, &snap, &current, &keep, &args.balance).await?;
    let summary = PlanSummary::new(&p, &current);
    if let Some(path) = &args.output_plan {
        lifecycle::write_plan(path, &current, &p.target)?;
    }
    if args.exec.dry_run || p.is_noop() {
        if p.is_noop() {
            crate::output::note(format!(
                "brokers {} hold no replicas: nothing to move",
                ids(&args.brokers)
            ));
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
        &format!(
            "move {} replicas off brokers {}",
            p.replicas_moved,
            ids(&args.brokers)
        ),
    )?;
    let report = lifecycle::execute_locked(
        ctx,
        cluster.as_ref(),
        &admin,
        &current,
        &p.target,
        &args.exec.options(args.timeout.timeout),
        "drain",
    )
    .await?;
    Ok(PlanRun {
        dry_run: false,
        plan: summary,
        execution: Some(report),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Broker;
    use crate::testkit::snapshot;

    fn racked(id: BrokerId, rack: &str) -> Broker {
        Broker {
            id,
            host: format!("b{id}"),
            port: 9092,
            rack: Some(rack.to_string()),
        }
    }

    #[test]
    fn remaining_brokers_keep_their_racks() {
        let mut b = snapshot();
        for (id, r) in [(1, "a"), (2, "b"), (3, "c"), (4, "a"), (5, "b"), (6, "c")] {
            b = b.broker(racked(id, r));
        }
        let s = b.build();
        let keep = remaining(&s, &[3, 5]).unwrap();
        assert_eq!(
            keep,
            vec![
                BrokerSpec::new(1, Some("a")),
                BrokerSpec::new(2, Some("b")),
                BrokerSpec::new(4, Some("a")),
                BrokerSpec::new(6, Some("c")),
            ]
        );
        match remaining(&s, &[3, 9]) {
            Err(Error::Usage(m)) => assert!(m.contains("broker 9 is not registered"), "{m}"),
            other => panic!("{other:?}"),
        }
        match remaining(&s, &[1, 2, 3, 4, 5, 6]) {
            Err(Error::Usage(m)) => assert!(m.contains("no broker would be left"), "{m}"),
            other => panic!("{other:?}"),
        }
    }

    /// The case: 6 brokers over 3 racks, a middle broker drained, RF 3 — planned, rack-safe,
    /// the drained broker empty and still listed.
    #[test]
    fn middle_broker_of_three_racks_drains_rack_safe() {
        let mut b = snapshot();
        for (id, r) in [(1, "a"), (2, "b"), (3, "c"), (4, "a"), (5, "b"), (6, "c")] {
            b = b.broker(racked(id, r));
        }
        for p in 0..18 {
            let r = [1 + p % 6, 1 + (p + 1) % 6, 1 + (p + 2) % 6];
            b = b.partition("t", p, &r, &r);
        }
        let s = b.build();
        let keep = remaining(&s, &[3]).unwrap();
        let current = s.assignment();
        let p = planning::plan_with(&s, &current, &keep, None, &BalanceArgs::default()).unwrap();
        let rack = |b: &BrokerId| (b - 1) % 3;
        for (tp, r) in &p.target {
            assert!(!r.contains(&3), "{tp}: {r:?}");
            let racks: BTreeSet<BrokerId> = r.iter().map(rack).collect();
            assert_eq!(racks.len(), 3, "{tp}: {r:?}");
        }
        assert_eq!(p.replicas_moved, 9, "broker 3 held 9 replicas");
        assert!(p.brokers.iter().any(|b| b.id == 3 && b.leaving));
    }
}
