//! What the commands that move data (`scale`, `rebalance`, `reassign execute`) share: their
//! execution flags, the health check before anything moves, the operator's consent, plan files,
//! the lifecycle lock, and executing a plan under that lock with cleanup on every path.

use std::collections::BTreeSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::Args;

use super::Context;
use super::executor::batch::Limits;
use super::executor::report::ExecReport;
use super::executor::{self, ExecOptions, Guard, MovesRecorder, Recorder};
use super::flags::{parse_duration, parse_rate};
use crate::error::{Error, Result};
use crate::k8s::discovery::KafkaCluster;
use crate::k8s::lease::LifecycleLock;
use crate::k8s::workload;
use crate::kafka::Admin;
use crate::model::{Assignment, ClusterSnapshot, TopicPartition};
use crate::plan::{self, BrokerSpec};

/// Flags of every command that moves replicas.
#[derive(Debug, Clone, Args)]
pub struct ExecArgs {
    /// Replication throttle while data moves, bytes per second (e.g. 10MiB, 50MB, 1048576); set on
    /// the brokers and topics involved, kept while anything moves (also after an error or Ctrl-C)
    /// and removed once nothing does
    #[arg(long, value_name = "RATE", value_parser = parse_rate)]
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
    #[arg(long, value_name = "DURATION", default_value = "0", value_parser = parse_duration)]
    pub timeout: Duration,
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
    let mut throttled: Vec<String> = executor::throttle::list(admin, snap)
        .await?
        .into_iter()
        .map(|t| format!("{} {}", t.resource, t.name))
        .collect();
    throttled.dedup();
    for o in crate::safety::may_move_data(snap, &throttled, args.force)? {
        crate::output::note(format!("warning: --force: {o}"));
    }
    invisible_topics(admin, snap, args.force).await
}

/// Refuse (or with --force warn) when the brokers hold logs of topics the metadata hides from this
/// principal. A broker whose logs cannot be read makes the check unknown: said, not refused, as
/// DescribeLogDirs needs a permission (Describe on the cluster) the moves themselves do not.
async fn invisible_topics(admin: &Admin, snap: &ClusterSnapshot, force: bool) -> Result<()> {
    let mut logs = Vec::new();
    for b in &snap.brokers {
        match admin.describe_log_dirs(b.id).await {
            Ok(m) => logs.extend(m.into_keys()),
            Err(e) => {
                crate::output::note(format!(
                    "warning: cannot list the logs of broker {} ({e}), so topics hidden from this \
                     principal cannot be detected",
                    b.id
                ));
                return Ok(());
            }
        }
    }
    let hidden = crate::safety::preflight::invisible_topics(snap, logs);
    if let Some(w) = crate::safety::preflight::may_move_with_invisible(&hidden, force)? {
        crate::output::note(format!("warning: --force: {w}"));
    }
    Ok(())
}

/// [`preflight`] for `scale` and `rebalance`, which resume their own interrupted moves: when every
/// reassignment in flight is the one `op` recorded, its partitions, their passing
/// under-replication and the throttles this tool recorded do not stand in the way, and the
/// recorded target is returned to be resumed. Other moves in flight are refused with the reason.
pub async fn preflight_resume(
    admin: &Admin,
    snap: &ClusterSnapshot,
    args: &PreflightArgs,
    moves: Option<&MovesRecorder>,
    throttles: Option<&Recorder>,
    op: &str,
) -> Result<Option<Assignment>> {
    let record = match moves {
        Some(r) => r.read().await?,
        None => None,
    };
    let own = crate::safety::resume::own_moves(&snap.reassignments, record.as_ref(), op)?;
    let Some(target) = own else {
        preflight(admin, snap, args).await?;
        return Ok(None);
    };
    let ours = match throttles {
        Some(r) => r.read().await?,
        None => None,
    };
    let mut throttled: Vec<String> = executor::throttle::list(admin, snap)
        .await?
        .into_iter()
        .filter(|t| {
            !ours.as_ref().is_some_and(|o| match t.resource.as_str() {
                "broker" => o.brokers.iter().any(|b| b.to_string() == t.name),
                _ => o.topics.contains(&t.name),
            })
        })
        .map(|t| format!("{} {}", t.resource, t.name))
        .collect();
    throttled.dedup();
    let resuming: BTreeSet<TopicPartition> =
        snap.reassignments.iter().map(|o| o.tp.clone()).collect();
    for o in crate::safety::may_resume_moving(snap, &throttled, args.force, &resuming)? {
        crate::output::note(format!("warning: --force: {o}"));
    }
    invisible_topics(admin, snap, args.force).await?;
    crate::output::note(format!(
        "{} partition reassignments of an interrupted `{op}` are in flight: resuming it",
        resuming.len()
    ));
    Ok(Some(target))
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

/// Write a plan file: the partitions that change, in kafka-reassign-partitions JSON; and beside
/// it the rollback file (today's replicas of those partitions, same format), as Kafka's tool
/// prints the current assignment for a rollback.
pub fn write_plan(path: &Path, current: &Assignment, target: &Assignment) -> Result<()> {
    let write = |p: &Path, text: String| {
        std::fs::write(p, text + "\n").map_err(|e| {
            Error::usage(format!(
                "cannot write {}: {e}; choose another --output-plan",
                p.display()
            ))
        })
    };
    write(path, plan::json::render_plan(current, target))?;
    let back = rollback_path(path);
    write(&back, plan::json::render_rollback(current, target))?;
    crate::output::note(format!(
        "plan written to {}, its rollback (today's assignment of the partitions it moves) to {}",
        path.display(),
        back.display()
    ));
    Ok(())
}

/// Where the rollback of the plan file `path` goes: beside it, `plan.json` -> `plan.rollback.json`.
pub fn rollback_path(path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "plan".into());
    let name = match path.extension() {
        Some(ext) => format!("{stem}.rollback.{}", ext.to_string_lossy()),
        None => format!("{stem}.rollback.json"),
    };
    path.with_file_name(name)
}

/// The lifecycle lock when the cluster runs on Kubernetes (with --bootstrap-server alone there is
/// nowhere to keep it).
pub async fn lock(
    ctx: &Context,
    cluster: Option<&KafkaCluster>,
    op: &str,
) -> Result<Option<LifecycleLock>> {
    let Some(c) = cluster else { return Ok(None) };
    take_lock(&ctx.kube().await?.client, c, op).await.map(Some)
}

/// Run `body` under the cluster's lifecycle lock for `op` and release the lock however `body`
/// ends (error, Ctrl-C inside it, early return): the only way scale holds the lock, so no `?`
/// between taking and releasing can skip the release.
pub async fn with_lock<T>(
    client: &kube::Client,
    cluster: &KafkaCluster,
    op: &str,
    body: impl AsyncFnOnce(&LifecycleLock) -> Result<T>,
) -> Result<T> {
    let lock = take_lock(client, cluster, op).await?;
    let r = body(&lock).await;
    release(lock, r).await
}

/// Take the cluster's lifecycle lock for `op`, or refuse (exit 3) naming who holds it.
pub async fn take_lock(
    client: &kube::Client,
    cluster: &KafkaCluster,
    op: &str,
) -> Result<LifecycleLock> {
    LifecycleLock::acquire(client, &cluster.namespace, &cluster.name, op).await
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

/// Where `op`'s moves are recorded, when there is a workload we may annotate.
pub async fn moves_recorder(
    ctx: &Context,
    cluster: Option<&KafkaCluster>,
) -> Option<MovesRecorder> {
    let c = cluster?;
    let kube = ctx.kube().await.ok()?;
    let name = workload::scalable_statefulset(c).ok()?;
    let sts = workload::StatefulSetRef {
        namespace: c.namespace.clone(),
        name,
    };
    Some(MovesRecorder::new(
        &kube.client,
        (&sts).into(),
        crate::safety::resume::MOVES_ANNOTATION,
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
) -> Result<ExecReport> {
    let lock = lock(ctx, cluster, op).await?;
    let guard =
        Guard::new(recorder(ctx, cluster).await).with_moves(moves_recorder(ctx, cluster).await, op);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rollback_file_sits_beside_the_plan() {
        assert_eq!(
            rollback_path(Path::new("/tmp/x/plan.json")),
            PathBuf::from("/tmp/x/plan.rollback.json")
        );
        assert_eq!(
            rollback_path(Path::new("moves")),
            PathBuf::from("moves.rollback.json")
        );
    }

    #[test]
    fn write_plan_writes_the_rollback_too() {
        use crate::model::TopicPartition;
        let dir = std::env::temp_dir().join(format!("kk-plan-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("plan.json");
        let current: Assignment = [
            (TopicPartition::new("t", 0), vec![1, 2]),
            (TopicPartition::new("t", 1), vec![2, 3]),
        ]
        .into();
        let mut target = current.clone();
        target.insert(TopicPartition::new("t", 1), vec![2, 4]);
        write_plan(&path, &current, &target).unwrap();
        let plan = plan::json::parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let back = std::fs::read_to_string(dir.join("plan.rollback.json")).unwrap();
        let back = plan::json::parse(&back).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(plan, [(TopicPartition::new("t", 1), vec![2, 4])].into());
        assert_eq!(back, [(TopicPartition::new("t", 1), vec![2, 3])].into());
    }
}
