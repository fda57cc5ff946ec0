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

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use kube::Client;
use serde::Serialize;

use crate::cli::RestartArgs;
use crate::deadline::Deadline;
use crate::error::{Error, Result};
use crate::k8s::discovery::{self, KafkaCluster, PodFacts};
use crate::k8s::lease::LifecycleLock;
use crate::k8s::pods::{self, Eviction, PodState, Replacement};
use crate::k8s::records::{Record, WorkloadRef};
use crate::kafka::Admin;
use crate::model::{BrokerId, ClusterSnapshot, TopicPartition};
use crate::output::{self, Render};
use crate::safety::restart_extra::{
    self as extra, ControllerPod, InFlight, PROGRESS_ANNOTATION, Progress,
};
use crate::safety::{Blocker, RestartPolicy, SettleTracker, Verdict, can_restart};

use super::Context;

/// How often Kafka state is polled while waiting (Kafka has no watch).
const POLL: Duration = Duration::from_millis(500);
/// How often an unchanged wait is reported again.
const REPEAT_NOTE: Duration = Duration::from_secs(15);
/// Back-off between eviction attempts a PodDisruptionBudget refused.
const EVICT_RETRY: Duration = Duration::from_secs(2);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Broker,
    Controller,
}

/// One node to restart: a broker, or a KRaft controller-only pod.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Target {
    pub role: Role,
    pub id: BrokerId,
    pub pod: String,
}

/// What happened to one node.
#[derive(Debug, Clone, Serialize)]
pub struct StepReport {
    pub role: Role,
    pub id: BrokerId,
    pub pod: String,
    /// Waiting for the safety checks (and the settle window) before the eviction.
    pub checks_wait_secs: f64,
    /// Waiting for a PodDisruptionBudget to allow the eviction.
    pub eviction_wait_secs: f64,
    /// From the eviction to the replacement pod Ready: the node's own stop and start.
    pub pod_restart_secs: f64,
    /// From pod Ready to the broker registered and back in every ISR (controllers: caught up).
    pub catch_up_secs: f64,
    /// The preferred leader election afterwards.
    pub election_secs: f64,
    pub partitions_elected: usize,
    pub total_secs: f64,
    pub old_uid: String,
    pub new_uid: String,
    /// Resumed from an interrupted run: the pod had already been evicted.
    pub resumed_in_flight: bool,
}

/// A node's verdict for `--dry-run`.
#[derive(Debug, Clone, Serialize)]
pub struct DryRunVerdict {
    pub role: Role,
    pub id: BrokerId,
    pub pod: String,
    pub pod_ready: bool,
    pub verdict: Verdict,
}

/// The summary printed on stdout.
#[derive(Debug, Clone, Serialize)]
pub struct RestartReport {
    pub namespace: String,
    pub cluster: String,
    pub run_id: Option<String>,
    pub dry_run: bool,
    /// Continued an interrupted run.
    pub resumed: bool,
    /// Every node in restart order, including those done by an earlier run.
    pub order: Vec<Target>,
    /// Done by the interrupted run this one continued.
    pub skipped: Vec<BrokerId>,
    pub restarted: Vec<StepReport>,
    /// `--dry-run`: the current verdict for each node.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub verdicts: Vec<DryRunVerdict>,
    /// Under-replicated partitions now (dry run) or at the end.
    pub under_replicated: usize,
    /// Partitions led per broker at the end (or now, for a dry run).
    pub leaders: BTreeMap<BrokerId, usize>,
    /// Partitions not led by their preferred replica at the end.
    pub not_preferred_leader: usize,
    /// Risks accepted along the way (--force, RF ≤ min.insync.replicas partitions).
    pub warnings: Vec<String>,
    pub total_secs: f64,
}

impl Render for RestartReport {
    fn render_text(&self, _wide: bool) -> String {
        let mut s = String::new();
        if self.dry_run {
            let mut t = output::table(["ORDER", "ROLE", "ID", "POD", "POD READY", "VERDICT"]);
            for (i, v) in self.verdicts.iter().enumerate() {
                let verdict = match &v.verdict {
                    Verdict::Allowed { .. } => "allowed now".to_string(),
                    Verdict::Blocked { reasons, .. } => {
                        let r: Vec<String> = reasons.iter().map(ToString::to_string).collect();
                        format!("blocked: {}", r.join("; "))
                    }
                };
                t.add_row([
                    (i + 1).to_string(),
                    format!("{:?}", v.role).to_lowercase(),
                    v.id.to_string(),
                    v.pod.clone(),
                    if v.pod_ready { "yes" } else { "no" }.into(),
                    verdict,
                ]);
            }
            s.push_str(&output::table_text(&t));
            if !self.skipped.is_empty() {
                s.push_str(&format!(
                    "done by the interrupted run (skipped): {}\n",
                    output::ids(&self.skipped)
                ));
            }
            s.push_str(&format!(
                "dry run: nothing restarted; under-replicated partitions now: {}\n",
                self.under_replicated
            ));
        } else {
            let mut t = output::table([
                "ROLE",
                "ID",
                "POD",
                "CHECKS",
                "EVICTION",
                "POD RESTART",
                "CATCH-UP",
                "ELECTED",
                "TOTAL",
            ]);
            for r in &self.restarted {
                t.add_row([
                    format!("{:?}", r.role).to_lowercase(),
                    r.id.to_string(),
                    r.pod.clone(),
                    secs(r.checks_wait_secs),
                    secs(r.eviction_wait_secs),
                    secs(r.pod_restart_secs),
                    secs(r.catch_up_secs),
                    r.partitions_elected.to_string(),
                    secs(r.total_secs),
                ]);
            }
            s.push_str(&output::table_text(&t));
            if !self.skipped.is_empty() {
                s.push_str(&format!(
                    "skipped (done by the interrupted run): {}\n",
                    output::ids(&self.skipped)
                ));
            }
            let leaders: Vec<String> = self
                .leaders
                .iter()
                .map(|(b, n)| format!("{b}:{n}"))
                .collect();
            s.push_str(&format!(
                "restarted {} node(s) in {}; leaders per broker {}; partitions not on their preferred leader: {}\n",
                self.restarted.len(),
                secs(self.total_secs),
                leaders.join(" "),
                self.not_preferred_leader
            ));
        }
        for w in &self.warnings {
            s.push_str(&format!("warning: {w}\n"));
        }
        s
    }
}

fn secs(s: f64) -> String {
    format!("{s:.1}s")
}

/// Why a restart is still waiting: the checks block it, or they pass and the settle window runs.
#[derive(Debug, PartialEq, Eq)]
enum Wait {
    Blocked(String),
    Settling,
}

/// Progress lines on stderr, stamped with the time since the roll started.
struct Log {
    start: Instant,
}

impl Log {
    fn line(&self, msg: impl std::fmt::Display) {
        output::note(format!(
            "[{:>6.1}s] {msg}",
            self.start.elapsed().as_secs_f64()
        ));
    }
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// Run the restart (or the dry run) and return the summary.
pub async fn run(ctx: &Context, args: &RestartArgs) -> Result<RestartReport> {
    let log = Log {
        start: Instant::now(),
    };
    let cluster = ctx.cluster(args.cluster.as_deref()).await?;
    let client = ctx.kube().await?.client.clone();
    let admin = super::connect::admin(ctx, Some(&cluster)).await?;
    let snapshot = admin.snapshot().await?;
    let plan = Plan::build(&cluster, &snapshot, args)?;
    // The progress record lives on the brokers' StatefulSet (or Deployment).
    let store = WorkloadRef::of_cluster(&cluster)
        .map(|w| Record::<Progress>::new(&client, w, PROGRESS_ANNOTATION));
    let progress = match &store {
        Some(s) => s.read().await?,
        None => None,
    };
    let order: Vec<BrokerId> = plan.order.iter().map(|t| t.id).collect();
    let (todo, skipped) = extra::resume_order(&order, progress.as_ref());

    if args.dry_run {
        return Ok(dry_run(&plan, &snapshot, &skipped, args, &cluster));
    }

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
        warnings: Vec::new(),
        steps: Vec::new(),
    };
    let resumed = progress.is_some();
    let mut progress = progress.unwrap_or_else(|| {
        let ts = k8s_openapi::jiff::Timestamp::now();
        Progress::new(
            format!("{}-{}", ts.as_second(), std::process::id()),
            ts.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
        )
    });
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
        r = roll.run(&todo, &mut progress) => r,
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
    result?;

    let end = admin.snapshot().await?;
    let mut warnings = warnings;
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
        under_replicated: extra::urp_count(&end),
        leaders: extra::leader_counts(&end),
        not_preferred_leader: extra::not_preferred_leader(&end),
        warnings,
        total_secs: log.start.elapsed().as_secs_f64(),
    })
}

fn dry_run(
    plan: &Plan,
    snapshot: &ClusterSnapshot,
    skipped: &[BrokerId],
    args: &RestartArgs,
    cluster: &KafkaCluster,
) -> RestartReport {
    let mut warnings = plan.notes.clone();
    let verdicts: Vec<DryRunVerdict> = plan
        .order
        .iter()
        .map(|t| {
            let verdict = plan.verdict(snapshot, t, args.force);
            let ready = plan.pod(t).is_some_and(|p| p.ready);
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
            warnings.push(format!("{} {}: {w}", role_name(v.role), v.id));
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
        under_replicated: extra::urp_count(snapshot),
        leaders: extra::leader_counts(snapshot),
        not_preferred_leader: extra::not_preferred_leader(snapshot),
        warnings,
        total_secs: 0.0,
    }
}

fn role_name(r: Role) -> &'static str {
    match r {
        Role::Broker => "broker",
        Role::Controller => "controller",
    }
}

/// Who gets restarted, in which order, and the pods behind them.
struct Plan {
    order: Vec<Target>,
    /// Every broker id with a pod: these must all be registered before any restart.
    expected_brokers: Vec<BrokerId>,
    /// The KRaft quorum has exactly one voter (restarting it is a metadata outage).
    single_voter: bool,
    /// Pods of every node (brokers and controllers), by pod name.
    pods: BTreeMap<String, PodFacts>,
    notes: Vec<String>,
}

impl Plan {
    fn build(
        cluster: &KafkaCluster,
        snapshot: &ClusterSnapshot,
        args: &RestartArgs,
    ) -> Result<Plan> {
        let mut notes = Vec::new();
        let bindings = discovery::bind(&snapshot.brokers, &cluster.pods);
        let mut brokers: Vec<(BrokerId, String)> = Vec::new();
        for b in &bindings {
            let Some(i) = b.pod else { continue };
            let Some(pod) = cluster.pods.get(i) else {
                continue;
            };
            // A pod whose broker is not registered (down) is tied by the id it declares or its
            // ordinal: it is restarted first, as the unready one.
            let id = match &b.broker {
                Some(br) => Some(br.id),
                None => pod.declared_id.or_else(|| pod.ordinal()),
            };
            match id {
                Some(id) => brokers.push((id, pod.name.clone())),
                None => notes.push(format!(
                    "pod {} is not tied to a broker id and is left out of the roll",
                    pod.name
                )),
            }
        }
        for b in bindings.iter().filter(|b| b.pod.is_none()) {
            if let Some(br) = &b.broker {
                notes.push(format!(
                    "broker {} has no pod in {}/{}: it is not restarted",
                    br.id, cluster.namespace, cluster.name
                ));
            }
        }
        brokers.sort();
        let expected_brokers: Vec<BrokerId> = brokers.iter().map(|(id, _)| *id).collect();
        if !args.brokers.is_empty() {
            let unknown: Vec<BrokerId> = args
                .brokers
                .iter()
                .copied()
                .filter(|id| !expected_brokers.contains(id))
                .collect();
            if !unknown.is_empty() {
                return Err(Error::usage(format!(
                    "--brokers names {} which {} no pod in {}/{} (brokers with pods: {}); fix --brokers",
                    output::ids(&unknown),
                    if unknown.len() == 1 { "has" } else { "have" },
                    cluster.namespace,
                    cluster.name,
                    output::ids(&expected_brokers)
                )));
            }
            brokers.retain(|(id, _)| args.brokers.contains(id));
        }
        let pods: BTreeMap<String, PodFacts> = cluster
            .pods
            .iter()
            .chain(&cluster.controllers)
            .map(|p| (p.name.clone(), p.clone()))
            .collect();
        let unready: Vec<BrokerId> = brokers
            .iter()
            .filter(|(_, pod)| pods.get(pod).is_none_or(|p| !p.ready))
            .map(|(id, _)| *id)
            .collect();
        // The controller to keep for last: the ZooKeeper-mode controller broker, or in combined
        // mode the broker leading the KRaft quorum. A KRaft broker-only cluster reports a random
        // broker as "controller", which means nothing for the order.
        let voters: BTreeSet<i32> = snapshot
            .quorum
            .as_ref()
            .map(|q| q.voters.iter().map(|v| v.id).collect())
            .unwrap_or_default();
        let last = match &snapshot.quorum {
            None => snapshot.controller_id,
            Some(q) if expected_brokers.contains(&q.leader_id) => Some(q.leader_id),
            Some(_) => None,
        };
        let ids: Vec<BrokerId> = brokers.iter().map(|(id, _)| *id).collect();
        let broker_order = crate::safety::restart_order(&ids, last, &unready);
        let names: BTreeMap<BrokerId, String> = brokers.into_iter().collect();

        let mut order = Vec::new();
        if !cluster.controllers.is_empty() {
            if args.include_controllers {
                match &snapshot.quorum {
                    None => notes.push(
                        "the cluster reports no KRaft quorum: controller pods are left out".into(),
                    ),
                    Some(q) => {
                        let cp: Vec<ControllerPod> = cluster
                            .controllers
                            .iter()
                            .map(|p| ControllerPod {
                                name: p.name.clone(),
                                declared_id: p.declared_id,
                                ordinal: p.ordinal(),
                            })
                            .collect();
                        let mut mapped = extra::controller_ids(&cp, q);
                        // Unready first, the quorum leader last, then by id.
                        mapped.sort_by_key(|(name, id)| {
                            let ready = pods.get(name).is_some_and(|p| p.ready);
                            (ready, *id == Some(q.leader_id), *id)
                        });
                        for (name, id) in mapped {
                            match id {
                                Some(id) if voters.contains(&id) => {
                                    order.push(Target {
                                        role: Role::Controller,
                                        id,
                                        pod: name,
                                    });
                                }
                                _ => notes.push(format!(
                                    "controller pod {name} is not tied to a quorum voter and is left out"
                                )),
                            }
                        }
                    }
                }
            } else {
                notes.push(format!(
                    "controller-only pods ({}) are not restarted; pass --include-controllers to roll them too",
                    cluster
                        .controllers
                        .iter()
                        .map(|p| p.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
        }
        for id in broker_order {
            if let Some(pod) = names.get(&id) {
                order.push(Target {
                    role: Role::Broker,
                    id,
                    pod: pod.clone(),
                });
            }
        }
        if order.is_empty() {
            return Err(Error::usage(format!(
                "nothing to restart in {}/{}: no broker pod matches",
                cluster.namespace, cluster.name
            )));
        }
        let single_voter = voters.len() == 1;
        if single_voter && order.iter().any(|t| t.role == Role::Controller) {
            notes.push(
                "the KRaft quorum has a single voter: restarting it is a metadata outage and is refused unless --force".into(),
            );
        }
        Ok(Plan {
            order,
            single_voter,
            expected_brokers,
            pods,
            notes,
        })
    }

    fn pod(&self, t: &Target) -> Option<&PodFacts> {
        self.pods.get(&t.pod)
    }

    fn policy(&self, force: bool) -> RestartPolicy {
        RestartPolicy {
            force,
            expected_brokers: self.expected_brokers.clone(),
            now_ms: now_ms(),
            ..Default::default()
        }
    }

    /// The verdict for a node from a snapshot (pods' readiness is checked separately, live).
    fn verdict(&self, snapshot: &ClusterSnapshot, t: &Target, force: bool) -> Verdict {
        match t.role {
            Role::Broker => can_restart(snapshot, t.id, &self.policy(force)),
            Role::Controller => controller_verdict(snapshot, t.id, &self.policy(force)),
        }
    }
}

/// A controller-only node: the quorum must keep a caught-up majority, and nothing may be offline
/// (a quorum election would delay recovering it).
fn controller_verdict(snapshot: &ClusterSnapshot, voter: i32, policy: &RestartPolicy) -> Verdict {
    let mut reasons = Vec::new();
    if let Some(q) = &snapshot.quorum
        && !crate::safety::quorum_allows_restart(
            q,
            voter,
            policy.now_ms,
            policy.quorum_fetch_timeout_ms,
        )
    {
        reasons.push(Blocker::QuorumAtRisk { voter });
    }
    let offline: Vec<TopicPartition> = snapshot
        .partitions()
        .filter(|(_, p)| p.leader.is_none_or(|l| l < 0))
        .map(|(t, p)| TopicPartition::new(&t.name, p.partition))
        .collect();
    if !offline.is_empty() {
        reasons.push(Blocker::OfflinePartitions {
            partitions: offline,
        });
    }
    if reasons.is_empty() {
        Verdict::Allowed { warnings: vec![] }
    } else if policy.force {
        Verdict::Allowed { warnings: reasons }
    } else {
        Verdict::Blocked {
            reasons,
            warnings: vec![],
        }
    }
}

/// The state of one roll in progress.
struct Roll<'a> {
    client: &'a Client,
    admin: &'a Admin,
    cluster: &'a KafkaCluster,
    args: &'a RestartArgs,
    plan: &'a Plan,
    log: &'a Log,
    store: Option<&'a Record<Progress>>,
    lock: &'a LifecycleLock,
    warnings: Vec<String>,
    steps: Vec<StepReport>,
}

impl Roll<'_> {
    async fn run(&mut self, todo: &[BrokerId], progress: &mut Progress) -> Result<()> {
        if self.store.is_none() {
            self.log.line(
                "note: the brokers' workload is neither a StatefulSet nor a Deployment: progress is not recorded, an interrupted roll starts over",
            );
        }
        for (n, id) in todo.iter().enumerate() {
            let Some(target) = self.plan.order.iter().find(|t| t.id == *id).cloned() else {
                continue;
            };
            if self.lock.is_lost() {
                return Err(Error::failed(format!(
                    "the lifecycle Lease {} was taken over by another operation; stopping the roll",
                    self.lock.name()
                )));
            }
            self.log.line(format!(
                "[{}/{}] {} {} (pod {})",
                n + 1,
                todo.len(),
                role_name(target.role),
                target.id,
                target.pod
            ));
            let in_flight = progress.current.clone().filter(|c| c.id == target.id);
            let step = self.restart_one(&target, in_flight, progress).await?;
            progress.mark_done(target.id);
            self.save(Some(progress)).await?;
            self.log.line(format!(
                "{} {} done in {} (pod restart {}, catch-up {})",
                role_name(target.role),
                target.id,
                secs(step.total_secs),
                secs(step.pod_restart_secs),
                secs(step.catch_up_secs)
            ));
            self.steps.push(step);
        }
        self.save(None).await?;
        Ok(())
    }

    async fn save(&self, p: Option<&Progress>) -> Result<()> {
        match self.store {
            Some(s) => s.write(p).await,
            None => Ok(()),
        }
    }

    /// A snapshot, retrying transient admin failures (a broker just went away) until `deadline`.
    async fn snapshot(&self, deadline: Deadline) -> Result<ClusterSnapshot> {
        loop {
            match self.admin.snapshot().await {
                Ok(s) => return Ok(s),
                Err(e) if !deadline.passes_within(POLL) => {
                    tracing::debug!("snapshot failed, retrying: {e}");
                    tokio::time::sleep(POLL).await;
                }
                Err(e) => return Err(e),
            }
        }
    }

    async fn restart_one(
        &mut self,
        t: &Target,
        in_flight: Option<InFlight>,
        progress: &mut Progress,
    ) -> Result<StepReport> {
        let started = Instant::now();
        let ns = self.cluster.namespace.clone();
        let live = pods::get(self.client, &ns, &t.pod).await?;
        let live_uid = live.as_ref().map(pods::uid).unwrap_or_default();
        // Resuming: the pod was evicted by the interrupted run when it is gone, replaced or not
        // Ready; then only its return is awaited. A Ready pod with the recorded UID was never
        // evicted: restart it normally.
        let resumed_uid = in_flight.filter(|c| {
            c.uid != live_uid
                || live
                    .as_ref()
                    .is_none_or(|p| pods::classify(p) != PodState::Ready)
        });

        let resumed = resumed_uid.is_some();
        let (old_uid, checks_wait, eviction_wait, evicted_at) = match resumed_uid {
            Some(c) => {
                self.log.line(format!(
                    "{} {}: its pod was evicted by the interrupted run; waiting for it to come back",
                    role_name(t.role),
                    t.id
                ));
                (c.uid, 0.0, 0.0, Instant::now())
            }
            None => {
                let checks_wait = self.wait_checks(t).await?;
                // Re-read the pod: the checks may have taken a while.
                let pod = pods::get(self.client, &ns, &t.pod).await?;
                let uid = pod.as_ref().map(pods::uid).unwrap_or_default();
                progress.current = Some(InFlight {
                    id: t.id,
                    pod: t.pod.clone(),
                    uid: uid.clone(),
                });
                self.save(Some(progress)).await?;
                let ev_start = Instant::now();
                if pod.is_some() {
                    self.evict(t, &uid).await?;
                }
                (
                    uid,
                    checks_wait,
                    ev_start.elapsed().as_secs_f64(),
                    Instant::now(),
                )
            }
        };

        let log = self.log;
        let role = role_name(t.role);
        let id = t.id;
        let new_pod = pods::wait_replaced_ready(
            self.client,
            &ns,
            &t.pod,
            &old_uid,
            self.args.pod_timeout,
            |r: &Replacement| log.line(format!("{role} {id}: {}", pods::describe(r))),
        )
        .await?;
        let pod_restart = evicted_at.elapsed().as_secs_f64();
        let ready_at = Instant::now();
        let catch_deadline = Deadline::from(ready_at, self.args.pod_timeout);
        let (elected, election_secs) = match t.role {
            Role::Broker => {
                self.wait_broker_back(t, catch_deadline).await?;
                let catch_up = ready_at.elapsed().as_secs_f64();
                let e0 = Instant::now();
                let n = self.elect(t, catch_deadline).await?;
                (n, (catch_up, e0.elapsed().as_secs_f64()))
            }
            Role::Controller => {
                self.wait_voter_back(t, catch_deadline).await?;
                (0, (ready_at.elapsed().as_secs_f64(), 0.0))
            }
        };
        Ok(StepReport {
            role: t.role,
            id: t.id,
            pod: t.pod.clone(),
            checks_wait_secs: checks_wait,
            eviction_wait_secs: eviction_wait,
            pod_restart_secs: pod_restart,
            catch_up_secs: election_secs.0,
            election_secs: election_secs.1,
            partitions_elected: elected,
            total_secs: started.elapsed().as_secs_f64(),
            old_uid,
            new_uid: pods::uid(&new_pod),
            resumed_in_flight: resumed,
        })
    }

    /// Poll until every check passes and URP has been 0 for the settle window, or `--timeout`.
    /// Returns the seconds waited.
    async fn wait_checks(&mut self, t: &Target) -> Result<f64> {
        let start = Instant::now();
        if t.role == Role::Controller && self.plan.single_voter {
            let msg = format!(
                "controller {} is the only voter of the KRaft quorum: restarting it stops all \
                 metadata changes (leader elections, ISR updates) until it is back",
                t.id
            );
            if !self.args.force {
                return Err(Error::refused(format!(
                    "not restarting {msg}. Add controllers to the quorum, or pass --force to accept the outage"
                )));
            }
            self.log.line(format!("warning: --force: restarting {msg}"));
            self.warnings.push(format!("--force: restarted {msg}"));
        }
        let deadline = Deadline::from(start, self.args.timeout);
        let mut settle =
            SettleTracker::new(i64::try_from(self.args.settle.as_millis()).unwrap_or(i64::MAX));
        let mut last: Option<Wait> = None;
        let mut last_note = start;
        loop {
            let snapshot = self.snapshot(deadline).await?;
            let mut reasons: Vec<String> = Vec::new();
            // Every other node's pod must be Ready (this one may be the unready one).
            let unready = self.unready_pods(&t.pod).await?;
            if !unready.is_empty() {
                let r = format!("pods not Ready: {}", unready.join(", "));
                if self.args.force {
                    self.warnings
                        .push(format!("{} {}: {r}", role_name(t.role), t.id));
                } else {
                    reasons.push(r);
                }
            }
            let verdict = self.plan.verdict(&snapshot, t, self.args.force);
            for w in verdict.warnings() {
                let text = format!("{} {}: {w}", role_name(t.role), t.id);
                if !self.warnings.contains(&text) {
                    self.log.line(format!("warning: {text}"));
                    self.warnings.push(text);
                }
            }
            if let Verdict::Blocked { reasons: r, .. } = &verdict {
                reasons.extend(r.iter().map(ToString::to_string));
            }
            let urp = extra::urp_count(&snapshot);
            let settled = settle.observe(now_ms(), urp) || self.args.force;
            if reasons.is_empty() && settled {
                return Ok(start.elapsed().as_secs_f64());
            }
            let wait = if reasons.is_empty() {
                Wait::Settling
            } else {
                Wait::Blocked(reasons.join("; "))
            };
            let text = match &wait {
                Wait::Blocked(why) => why.clone(),
                Wait::Settling => format!(
                    "settling: under-replicated partitions have been 0 for less than {}s ({}s to go)",
                    self.args.settle.as_secs(),
                    settle
                        .remaining_ms()
                        .map_or(0, |ms| ms.saturating_add(999) / 1000)
                ),
            };
            if deadline.is_past() {
                return Err(Error::refused(format!(
                    "not restarting {} {} after waiting {}s: {text}. Nothing else was restarted by this step; \
                     fix the cause (or raise --timeout) and run the same command again",
                    role_name(t.role),
                    t.id,
                    self.args.timeout.as_secs()
                )));
            }
            // The settle countdown changes every poll: a settling wait is reported when it begins.
            if last.as_ref() != Some(&wait) || last_note.elapsed() >= REPEAT_NOTE {
                self.log.line(format!(
                    "{} {}: waiting ({}s): {text}",
                    role_name(t.role),
                    t.id,
                    start.elapsed().as_secs()
                ));
                last_note = Instant::now();
            }
            last = Some(wait);
            tokio::time::sleep(POLL).await;
        }
    }

    /// Names of the cluster's pods (brokers and controllers) that are not Ready, except `except`.
    async fn unready_pods(&self, except: &str) -> Result<Vec<String>> {
        let mut out = Vec::new();
        for name in self.plan.pods.keys().filter(|n| n.as_str() != except) {
            let state = pods::get(self.client, &self.cluster.namespace, name)
                .await?
                .map(|p| pods::classify(&p));
            match state {
                Some(PodState::Ready) => {}
                Some(other) => out.push(format!(
                    "{name} ({})",
                    pods::describe(&Replacement::OldPod(other)).trim_start_matches("old pod ")
                )),
                None => out.push(format!("{name} (missing)")),
            }
        }
        Ok(out)
    }

    /// Evict, retrying while a PodDisruptionBudget refuses, until `--timeout`.
    async fn evict(&self, t: &Target, uid: &str) -> Result<()> {
        let deadline = Deadline::after(self.args.timeout);
        let mut noted = false;
        loop {
            match pods::evict(self.client, &self.cluster.namespace, &t.pod, uid).await? {
                Eviction::Started => {
                    self.log.line(format!(
                        "{} {}: pod {} evicted",
                        role_name(t.role),
                        t.id,
                        t.pod
                    ));
                    return Ok(());
                }
                Eviction::Gone => {
                    self.log.line(format!(
                        "{} {}: pod {} already gone",
                        role_name(t.role),
                        t.id,
                        t.pod
                    ));
                    return Ok(());
                }
                Eviction::Blocked(msg) => {
                    if deadline.is_past() {
                        return Err(Error::refused(format!(
                            "the PodDisruptionBudget still refuses to evict pod {} after {}s ({msg}); \
                             check `kubectl get pdb -n {}` and run the same command again",
                            t.pod,
                            self.args.timeout.as_secs(),
                            self.cluster.namespace
                        )));
                    }
                    if !noted {
                        self.log.line(format!(
                            "{} {}: a PodDisruptionBudget refuses the eviction for now ({msg}); retrying",
                            role_name(t.role),
                            t.id
                        ));
                        noted = true;
                    }
                    tokio::time::sleep(EVICT_RETRY).await;
                }
            }
        }
    }

    /// Wait until the broker is registered again and in the ISR of every partition it hosts.
    async fn wait_broker_back(&self, t: &Target, deadline: Deadline) -> Result<()> {
        let mut last = String::new();
        let start = Instant::now();
        let mut last_note = start;
        loop {
            let snapshot = self.snapshot(deadline).await?;
            let registered = snapshot.brokers.iter().any(|b| b.id == t.id);
            let lagging = extra::not_in_sync(&snapshot, t.id);
            if registered && lagging.is_empty() {
                return Ok(());
            }
            let text = if registered {
                format!(
                    "{} partitions not back in sync yet ({})",
                    lagging.len(),
                    short_list(&lagging)
                )
            } else {
                "not registered with the cluster yet".to_string()
            };
            if deadline.is_past() {
                return Err(Error::timeout(format!(
                    "broker {}'s pod {} is Ready but the broker is {text} after {}s; the roll is \
                     stopped and no other broker was touched. Check the broker's log, then run the \
                     same command again to continue",
                    t.id,
                    t.pod,
                    self.args.pod_timeout.as_secs()
                )));
            }
            if text != last || last_note.elapsed() >= REPEAT_NOTE {
                self.log.line(format!("broker {}: {text}", t.id));
                last_note = Instant::now();
                last = text;
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Wait until a restarted controller's log reaches the quorum's high watermark of its return.
    async fn wait_voter_back(&self, t: &Target, deadline: Deadline) -> Result<()> {
        let mut target_hw: Option<i64> = None;
        loop {
            let quorum = match self.admin.describe_quorum().await {
                Ok(q) => q,
                Err(e) if !deadline.is_past() => {
                    tracing::debug!("describe quorum failed, retrying: {e}");
                    None
                }
                Err(e) => return Err(e),
            };
            if let Some(q) = quorum {
                let hw = *target_hw.get_or_insert(q.high_watermark);
                if extra::voter_caught_up(&q, t.id, hw) {
                    return Ok(());
                }
            }
            if deadline.is_past() {
                return Err(Error::timeout(format!(
                    "controller {} (pod {}) is Ready but has not caught up with the quorum after {}s; \
                     the roll is stopped. Run the same command again to continue",
                    t.id,
                    t.pod,
                    self.args.pod_timeout.as_secs()
                )));
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Give the broker back the leadership of the partitions it prefers. Returns how many moved.
    async fn elect(&mut self, t: &Target, deadline: Deadline) -> Result<usize> {
        let mut elected = 0;
        for _ in 0..10 {
            let snapshot = self.snapshot(deadline).await?;
            let want = extra::should_lead(&snapshot, t.id);
            if want.is_empty() {
                return Ok(elected);
            }
            let results = self.admin.elect_preferred_leaders(Some(&want)).await;
            match results {
                Ok(rs) => {
                    let failed: Vec<String> = rs
                        .iter()
                        .filter_map(|(tp, r)| r.as_ref().err().map(|e| format!("{tp}: {e}")))
                        .collect();
                    elected += rs.len() - failed.len();
                    if failed.is_empty() {
                        self.log.line(format!(
                            "broker {}: leadership of {} partitions moved back",
                            t.id,
                            rs.len()
                        ));
                        return Ok(elected);
                    }
                    tracing::debug!("preferred leader election partly failed: {failed:?}");
                }
                Err(e) => tracing::debug!("preferred leader election failed: {e}"),
            }
            if deadline.is_past() {
                break;
            }
            tokio::time::sleep(POLL).await;
        }
        let w = format!(
            "broker {}: preferred leader election did not complete; run `kafka-leader-election --election-type PREFERRED` later",
            t.id
        );
        self.log.line(format!("warning: {w}"));
        self.warnings.push(w);
        Ok(elected)
    }
}

fn short_list(tps: &[TopicPartition]) -> String {
    let mut s: Vec<String> = tps.iter().take(5).map(ToString::to_string).collect();
    if tps.len() > 5 {
        s.push(format!("and {} more", tps.len() - 5));
    }
    s.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settle_zero_means_no_window() {
        assert_eq!(crate::cli::parse_window("0s"), Ok(Duration::ZERO));
        assert_eq!(crate::cli::parse_window("10s"), Ok(Duration::from_secs(10)));
        let mut t = SettleTracker::new(0);
        assert!(t.observe(now_ms(), 0));
    }
}
