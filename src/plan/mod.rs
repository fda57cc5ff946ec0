//! Replica placement (the plan layer of ARCHITECTURE.md). Pure: no I/O, deterministic (same
//! input, same plan), usable offline from Kafka's own files ([`offline`]).
//!
//! The plan model, in priority order:
//! 1. the rack rule is hard: a partition's replicas spread over the racks as evenly as the target
//!    brokers allow (`racks`); existing violations are healed unless kept, and those moves are
//!    counted apart;
//! 2. balance `disk` (the default when sizes are known): each broker's bytes within
//!    `disk_tolerance` of its share (the mean, unless per-rack capacity says otherwise);
//! 3. replica counts within ⌊R/B⌋..⌈R/B⌉ (per-rack capacity again) as far as 1 and 2 allow;
//! 4. leaders balanced by reordering replicas;
//!
//! and among plans meeting those, the fewest bytes moved, then the fewest replicas. Balance
//! `count` drops 2 and moves the smallest replicas. Every plan reports replica and byte lower
//! bounds next to what it moves (`bounds`).
//!
//! Entry points: [`plan_request`] (rebalance, scale-out, drain of any broker ids), [`rf`]
//! (replication-factor changes), [`leaders`] (balance, demote, election targets), [`json`] and
//! [`logdirs`] (Kafka's file formats), [`offline`] (planning from those files). [`plan`] and
//! [`drain`] are the older entry points, now running the same engine.

pub mod canary;
pub mod json;
pub mod leaders;
pub mod logdirs;
pub mod offline;
pub mod offsets;
pub mod rf;

mod bounds;
mod engine;
mod jbod;
mod layout;
mod racks;
mod report;
mod targets;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};

pub use jbod::LogDirMove;
pub use report::{AboveShare, BrokerBytes, DiskReport, RackReport};

use crate::model::{Assignment, BrokerId, Sizes, TopicPartition};

/// The default `disk_tolerance`: each broker within 5 % of its share.
pub const DEFAULT_DISK_TOLERANCE: f64 = 0.05;

/// A broker that should hold data after the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BrokerSpec {
    pub id: BrokerId,
    pub rack: Option<String>,
}

impl BrokerSpec {
    pub fn new(id: BrokerId, rack: Option<&str>) -> Self {
        Self {
            id,
            rack: rack.map(str::to_string),
        }
    }
}

/// What the planner balances after the rack rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Balance {
    /// Bytes per broker within the tolerance, then replica counts; needs sizes.
    Disk,
    /// Replica counts only, moving the smallest replicas.
    Count,
}

impl fmt::Display for Balance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Balance::Disk => "disk",
            Balance::Count => "count",
        })
    }
}

/// Knobs of the planner.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanOptions {
    /// Brokers that hold replicas today and must hold none afterwards (drain / scale-in).
    /// A broker found in the assignment that is neither a target broker nor listed here is an error.
    pub leaving: BTreeSet<BrokerId>,
    /// Balance leaders (first replicas) by reordering replicas. Never moves data.
    pub balance_leaders: bool,
    /// None: `disk` when sizes are known, `count` otherwise.
    pub balance: Option<Balance>,
    /// How far (a fraction, 0.05 = 5 %) a broker's bytes may end from its share.
    pub disk_tolerance: f64,
    /// Leave existing rack violations as they are (never made worse either way).
    pub keep_rack_violations: bool,
    /// Brokers that keep their replicas but lead nothing (demoted): last in every replica list.
    pub demoted: BTreeSet<BrokerId>,
}

impl Default for PlanOptions {
    fn default() -> Self {
        Self {
            leaving: BTreeSet::new(),
            balance_leaders: true,
            balance: None,
            disk_tolerance: DEFAULT_DISK_TOLERANCE,
            keep_rack_violations: false,
            demoted: BTreeSet::new(),
        }
    }
}

/// Everything a plan is made from.
#[derive(Debug, Clone)]
pub struct PlanRequest<'a> {
    pub current: &'a Assignment,
    /// The brokers that hold the data afterwards.
    pub brokers: &'a [BrokerSpec],
    /// Racks of leaving brokers where known (they only sharpen the rack report).
    pub leaving_racks: BTreeMap<BrokerId, String>,
    /// Bytes per replica and log dir; needed for balance `disk` and byte figures.
    pub sizes: Option<&'a Sizes>,
    /// Log dirs the current layout names: those replicas stay in them.
    pub log_dirs: Option<&'a json::LogDirAssignment>,
    pub options: PlanOptions,
}

impl<'a> PlanRequest<'a> {
    pub fn new(current: &'a Assignment, brokers: &'a [BrokerSpec]) -> Self {
        PlanRequest {
            current,
            brokers,
            leaving_racks: BTreeMap::new(),
            sizes: None,
            log_dirs: None,
            options: PlanOptions::default(),
        }
    }
}

/// Why no plan could be made. Each message says what to change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanError {
    EmptyBrokerSet,
    DuplicateBroker(BrokerId),
    /// A broker listed both as a target and as leaving.
    TargetAlsoLeaving(BrokerId),
    ReplicationFactorTooLarge {
        topic: String,
        replication_factor: usize,
        brokers: usize,
    },
    UnknownBroker {
        broker: BrokerId,
        tp: TopicPartition,
    },
    DuplicateReplica {
        broker: BrokerId,
        tp: TopicPartition,
    },
    NoReplicas(TopicPartition),
    /// The leaving brokers could not be emptied without breaking the rack rule.
    Unplaceable {
        tp: TopicPartition,
        broker: BrokerId,
    },
    TooManyPartitions(usize),
    /// A disk tolerance that is not a fraction between 0 and 1 (printed as given).
    BadTolerance(String),
    DiskNeedsSizes,
    /// Sizes name a partition the layout does not have.
    UnknownSizePartition {
        tp: TopicPartition,
        broker: BrokerId,
    },
    /// Sizes name a broker that is neither a target nor a leaving broker.
    UnknownSizeBroker {
        broker: BrokerId,
    },
    /// Sizes report a replica on a broker the layout does not place it on.
    StraySize {
        tp: TopicPartition,
        broker: BrokerId,
        replicas: Vec<BrokerId>,
    },
    /// No broker reported a size for a partition of the layout.
    MissingSize {
        tp: TopicPartition,
        replicas: Vec<BrokerId>,
    },
    /// Some partitions have replicas only on demoted brokers.
    DemoteBlocked {
        partitions: Vec<TopicPartition>,
        total: usize,
    },
    UnknownTopic(String),
    ZeroReplicationFactor(String),
    RfWithLeaving,
}

impl fmt::Display for PlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlanError::EmptyBrokerSet => write!(
                f,
                "no brokers would remain to hold the data; keep at least as many brokers as the largest replication factor"
            ),
            PlanError::DuplicateBroker(b) => {
                write!(f, "broker {b} is listed twice; list each broker once")
            }
            PlanError::TargetAlsoLeaving(b) => write!(
                f,
                "broker {b} is both a target broker and a leaving broker; choose one"
            ),
            PlanError::ReplicationFactorTooLarge {
                topic,
                replication_factor,
                brokers,
            } => write!(
                f,
                "topic {topic} has replication factor {replication_factor} but only {brokers} brokers would remain; keep at least {replication_factor} brokers or lower the topic's replication factor first"
            ),
            PlanError::UnknownBroker { broker, tp } => write!(
                f,
                "partition {tp} has a replica on broker {broker}, which is neither a target broker nor leaving; include it in the broker set or mark it as leaving"
            ),
            PlanError::DuplicateReplica { broker, tp } => write!(
                f,
                "partition {tp} lists broker {broker} twice among its replicas; fix the assignment first"
            ),
            PlanError::NoReplicas(tp) => {
                write!(f, "partition {tp} has no replicas; it cannot be placed")
            }
            PlanError::Unplaceable { tp, broker } => write!(
                f,
                "the replica of {tp} on leaving broker {broker} has no destination the rack rule allows; add brokers to the racks that hold too few"
            ),
            PlanError::TooManyPartitions(n) => write!(
                f,
                "{n} partitions are more than the planner handles in one plan; plan a subset of the topics at a time"
            ),
            PlanError::BadTolerance(t) => write!(
                f,
                "disk tolerance {t} is not a fraction between 0 and 1; give e.g. 0.05 for 5 %"
            ),
            PlanError::DiskNeedsSizes => write!(
                f,
                "balance disk needs the size of every replica; give the log dirs (kafka-log-dirs.sh --describe output) or balance by count"
            ),
            PlanError::UnknownSizePartition { tp, broker } => write!(
                f,
                "broker {broker} reports a size for partition {tp}, which the layout does not have; describe the same topics in both files, or take both at the same time"
            ),
            PlanError::UnknownSizeBroker { broker } => write!(
                f,
                "sizes are given for broker {broker}, which is neither in the layout nor among the brokers; list it among the brokers or describe only the cluster's brokers"
            ),
            PlanError::StraySize {
                tp,
                broker,
                replicas,
            } => write!(
                f,
                "broker {broker} reports a replica of {tp}, but the layout places {tp} on {replicas:?}; take the layout and the sizes at the same time (with no reassignment in flight)"
            ),
            PlanError::MissingSize { tp, replicas } => write!(
                f,
                "no size is given for partition {tp} (replicas {replicas:?}); describe every broker and topic (kafka-log-dirs.sh --describe without --topic-list or --broker-list), or balance by count"
            ),
            PlanError::DemoteBlocked { partitions, total } => {
                let names: Vec<String> = partitions.iter().map(ToString::to_string).collect();
                write!(
                    f,
                    "{total} partition(s) have replicas only on the demoted brokers ({}{}), so leadership cannot move off them without moving data; demote fewer brokers or move those partitions first",
                    names.join(", "),
                    if *total > partitions.len() {
                        ", …"
                    } else {
                        ""
                    }
                )
            }
            PlanError::UnknownTopic(t) => {
                write!(f, "topic {t} is not in the layout; check the topic name")
            }
            PlanError::ZeroReplicationFactor(t) => write!(
                f,
                "replication factor 0 for topic {t}; give at least 1 (delete the topic to remove it)"
            ),
            PlanError::RfWithLeaving => write!(
                f,
                "a replication-factor change does not drain brokers; drain first, then change the replication factor"
            ),
        }
    }
}

impl std::error::Error for PlanError {}

impl PlanError {
    /// A plan the constraints rule out (refused, exit 3) rather than bad input (exit 2).
    pub fn is_refusal(&self) -> bool {
        matches!(
            self,
            PlanError::ReplicationFactorTooLarge { .. }
                | PlanError::Unplaceable { .. }
                | PlanError::DemoteBlocked { .. }
        )
    }
}

impl From<PlanError> for crate::error::Error {
    fn from(e: PlanError) -> Self {
        if e.is_refusal() {
            crate::error::Error::Refused(e.to_string())
        } else {
            crate::error::Error::Usage(e.to_string())
        }
    }
}

/// One replica moved from one broker to another.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Move {
    pub tp: TopicPartition,
    pub from: BrokerId,
    pub to: BrokerId,
    /// Bytes the new copy takes, when sizes are known.
    pub bytes: Option<u64>,
}

/// A replica added or removed by a replication-factor change.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ReplicaChange {
    pub tp: TopicPartition,
    pub broker: BrokerId,
    pub bytes: Option<u64>,
}

/// A replica that must live in a named log dir.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct LogDirPlacement {
    pub tp: TopicPartition,
    pub broker: BrokerId,
    pub log_dir: String,
}

/// Replica and leader counts of one broker before and after the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BrokerLoad {
    pub id: BrokerId,
    pub rack: Option<String>,
    pub leaving: bool,
    pub replicas_before: usize,
    pub replicas_after: usize,
    /// The count this broker was planned to end with (the nearest value of its target range).
    pub replicas_target: usize,
    pub leaders_before: usize,
    pub leaders_after: usize,
}

/// An assignment as a JSON-friendly list of `{topic, partition, replicas}` (a map keyed by
/// partition cannot be written as JSON).
pub(crate) fn serialize_assignment<S: serde::Serializer>(
    a: &Assignment,
    s: S,
) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Entry<'a> {
        topic: &'a str,
        partition: i32,
        replicas: &'a [BrokerId],
    }
    s.collect_seq(a.iter().map(|(tp, r)| Entry {
        topic: &tp.topic,
        partition: tp.partition,
        replicas: r,
    }))
}

/// A target assignment, what it costs and what it reaches.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    /// The full target assignment (every partition, changed or not).
    #[serde(serialize_with = "serialize_assignment")]
    pub target: Assignment,
    /// Replica moves, sorted by partition.
    pub moves: Vec<Move>,
    /// Replicas placed on brokers that did not hold them (moves and additions).
    pub replicas_moved: usize,
    /// Partitions whose preferred leader (first replica) changes.
    pub leader_changes: usize,
    /// The fewest replica moves any plan at least as balanced needs (see `bounds`).
    pub lower_bound: usize,
    /// Per broker, target brokers then leaving ones, by id.
    pub brokers: Vec<BrokerLoad>,
    pub balance: Balance,
    /// Bytes the moves copy, when sizes are known.
    pub bytes_moved: Option<u64>,
    /// The fewest bytes any plan at least as balanced must copy, when sizes are known.
    pub bytes_lower_bound: Option<u64>,
    /// Bytes that must leave brokers above their tolerance band (and leaving brokers), when
    /// sizes are known.
    pub bytes_must_leave: Option<u64>,
    pub rack: RackReport,
    pub disk: Option<DiskReport>,
    /// Target brokers ending above the even share, and why.
    pub above_share: Vec<AboveShare>,
    /// Replicas added and removed by a replication-factor change.
    pub additions: Vec<ReplicaChange>,
    pub removals: Vec<ReplicaChange>,
    /// Replicas that must go to a named log dir (JBOD placement, log-dir moves, or named by the
    /// input layout).
    pub log_dirs: Vec<LogDirPlacement>,
    /// Replicas moved between log dirs of the same broker.
    pub log_dir_moves: Vec<LogDirMove>,
    /// Targets the plan could not reach, and other facts worth knowing.
    pub notes: Vec<String>,
}

impl Plan {
    /// Partitions whose replica list changes (moves or reorders): what a reassignment must submit.
    pub fn changed(&self, current: &Assignment) -> Assignment {
        self.target
            .iter()
            .filter(|(tp, r)| current.get(*tp) != Some(*r))
            .map(|(tp, r)| (tp.clone(), r.clone()))
            .collect()
    }

    /// True when nothing changes.
    pub fn is_noop(&self) -> bool {
        self.replicas_moved == 0
            && self.leader_changes == 0
            && self.removals.is_empty()
            && self.log_dir_moves.is_empty()
    }

    /// The log dirs the plan names, keyed for [`json::render_with_dirs`].
    pub fn log_dir_assignment(&self) -> json::LogDirAssignment {
        self.log_dirs
            .iter()
            .map(|d| ((d.tp.clone(), d.broker), d.log_dir.clone()))
            .collect()
    }

    /// The kafka-reassign-partitions JSON this plan submits (log dirs named where it places them).
    pub fn reassignment_json(&self, current: &Assignment) -> String {
        json::render_plan_with_dirs(current, &self.target, &self.log_dir_assignment())
    }

    /// A plan from a target alone: moves, counts and leaders; no sizes, bounds or reports yet.
    fn from_target(
        current: &Assignment,
        target: Assignment,
        specs: &[BrokerSpec],
        ntarget: usize,
    ) -> Plan {
        let mut moves = Vec::new();
        for (tp, r) in &target {
            let cur = current.get(tp).map(Vec::as_slice).unwrap_or(&[]);
            let outs = cur.iter().filter(|b| !r.contains(b)).copied();
            let ins = r.iter().filter(|b| !cur.contains(b)).copied();
            for (from, to) in outs.zip(ins) {
                moves.push(Move {
                    tp: tp.clone(),
                    from,
                    to,
                    bytes: None,
                });
            }
        }
        let (cb, ca) = (replica_counts(current), replica_counts(&target));
        let (lb, la) = (leader_counts(current), leader_counts(&target));
        let get = |m: &BTreeMap<BrokerId, usize>, b: BrokerId| m.get(&b).copied().unwrap_or(0);
        let brokers = specs
            .iter()
            .enumerate()
            .map(|(i, s)| BrokerLoad {
                id: s.id,
                rack: s.rack.clone(),
                leaving: i >= ntarget,
                replicas_before: get(&cb, s.id),
                replicas_after: get(&ca, s.id),
                replicas_target: get(&ca, s.id),
                leaders_before: get(&lb, s.id),
                leaders_after: get(&la, s.id),
            })
            .collect();
        Plan {
            replicas_moved: moved_replicas(current, &target),
            leader_changes: leader_changes(current, &target),
            lower_bound: 0,
            moves,
            brokers,
            target,
            balance: Balance::Count,
            bytes_moved: None,
            bytes_lower_bound: None,
            bytes_must_leave: None,
            rack: RackReport::default(),
            disk: None,
            above_share: Vec::new(),
            additions: Vec::new(),
            removals: Vec::new(),
            log_dirs: Vec::new(),
            log_dir_moves: Vec::new(),
            notes: Vec::new(),
        }
    }
}

/// Replicas per broker in `assignment`.
pub fn replica_counts(assignment: &Assignment) -> BTreeMap<BrokerId, usize> {
    let mut m = BTreeMap::new();
    for r in assignment.values() {
        for b in r {
            *m.entry(*b).or_insert(0) += 1;
        }
    }
    m
}

/// Preferred leaders (first replicas) per broker in `assignment`.
pub fn leader_counts(assignment: &Assignment) -> BTreeMap<BrokerId, usize> {
    let mut m = BTreeMap::new();
    for r in assignment.values() {
        if let Some(b) = r.first() {
            *m.entry(*b).or_insert(0) += 1;
        }
    }
    m
}

/// The replicas `target` places on brokers that did not hold them in `current`.
pub fn moved_replicas(current: &Assignment, target: &Assignment) -> usize {
    target
        .iter()
        .map(|(tp, r)| {
            let cur = current.get(tp).map(Vec::as_slice).unwrap_or(&[]);
            r.iter().filter(|b| !cur.contains(b)).count()
        })
        .sum()
}

/// Partitions whose first replica differs between `current` and `target`.
pub fn leader_changes(current: &Assignment, target: &Assignment) -> usize {
    target
        .iter()
        .filter(|(tp, r)| current.get(*tp).and_then(|c| c.first()) != r.first())
        .count()
}

/// Max minus min replicas and leaders per broker over `brokers` (brokers without any count as 0).
pub fn spread(assignment: &Assignment, brokers: &[BrokerId]) -> (usize, usize) {
    let rc = replica_counts(assignment);
    let lc = leader_counts(assignment);
    let s = |m: &BTreeMap<BrokerId, usize>| {
        let v: Vec<usize> = brokers
            .iter()
            .map(|b| m.get(b).copied().unwrap_or(0))
            .collect();
        v.iter().max().copied().unwrap_or(0) - v.iter().min().copied().unwrap_or(0)
    };
    (s(&rc), s(&lc))
}

/// Per-broker replica targets: ⌊R/B⌋ or ⌈R/B⌉ for the target brokers, the ⌈⌉ going to those
/// holding most today (ties: lower id) so the fewest replicas must move; 0 for anything else.
fn targets(counts: &BTreeMap<BrokerId, usize>, brokers: &[BrokerId]) -> BTreeMap<BrokerId, usize> {
    let total: usize = counts.values().sum();
    let n = brokers.len();
    let mut out = BTreeMap::new();
    if n == 0 {
        return out;
    }
    let (q, extra) = (total / n, total % n);
    let mut order: Vec<BrokerId> = brokers.to_vec();
    order.sort_by_key(|b| (std::cmp::Reverse(counts.get(b).copied().unwrap_or(0)), *b));
    for (i, b) in order.iter().enumerate() {
        out.insert(*b, if i < extra { q + 1 } else { q });
    }
    out
}

/// The fewest replica moves that reach a balanced layout over `brokers`: the sum over brokers of
/// what they hold above their target (leaving brokers have target 0).
pub fn lower_bound(current: &Assignment, brokers: &[BrokerId]) -> usize {
    let counts = replica_counts(current);
    let t = targets(&counts, brokers);
    counts
        .iter()
        .map(|(b, c)| c.saturating_sub(t.get(b).copied().unwrap_or(0)))
        .sum()
}

/// Plan a balanced target assignment over `brokers` (no sizes: balance by count).
pub fn plan(
    current: &Assignment,
    brokers: &[BrokerSpec],
    opts: &PlanOptions,
) -> Result<Plan, PlanError> {
    let mut req = PlanRequest::new(current, brokers);
    req.options = opts.clone();
    plan_request(&req)
}

/// Plan a drain: every broker in `current` that is not in `keep` leaves.
pub fn drain(
    current: &Assignment,
    keep: &[BrokerSpec],
    balance_leaders: bool,
) -> Result<Plan, PlanError> {
    let ids: BTreeSet<BrokerId> = keep.iter().map(|b| b.id).collect();
    let leaving = replica_counts(current)
        .into_keys()
        .filter(|b| !ids.contains(b))
        .collect();
    plan(
        current,
        keep,
        &PlanOptions {
            leaving,
            balance_leaders,
            ..Default::default()
        },
    )
}

/// Plan a rebalance, scale-out or drain: the request's brokers hold everything afterwards, the
/// leaving ones nothing.
pub fn plan_request(req: &PlanRequest<'_>) -> Result<Plan, PlanError> {
    let opts = &req.options;
    let tol = opts.disk_tolerance;
    if !tol.is_finite() || !(0.0..=1.0).contains(&tol) {
        return Err(PlanError::BadTolerance(tol.to_string()));
    }
    let leaving: Vec<BrokerSpec> = opts
        .leaving
        .iter()
        .map(|id| BrokerSpec {
            id: *id,
            rack: req.leaving_racks.get(id).cloned(),
        })
        .collect();
    let l = layout::index(req.current, req.brokers, &leaving, req.sizes)?;
    let balance = opts.balance.unwrap_or(if l.sized {
        Balance::Disk
    } else {
        Balance::Count
    });
    if balance == Balance::Disk && !l.sized {
        return Err(PlanError::DiskNeedsSizes);
    }
    let (nb, ntarget) = (l.nb(), l.ntarget);
    let racks = racks::Racks::new(&l.specs[..ntarget], &l.specs[ntarget..], l.max_rf);
    // What the bounds and reports compare against.
    let mut count_before = vec![0usize; nb];
    let mut disk_before = vec![0i128; nb];
    let mut per_broker: Vec<Vec<u64>> = vec![Vec::new(); nb];
    let mut largest = vec![0u64; nb];
    let (mut heal_replicas, mut heal_bytes, mut violations_before) = (0usize, 0u128, 0usize);
    for (p, r) in l.reps.iter().enumerate() {
        for (i, &b) in r.iter().enumerate() {
            count_before[b] += 1;
            disk_before[b] += i128::from(l.slot[p][i]);
            if l.sized {
                per_broker[b].push(l.slot[p][i]);
            }
        }
        violations_before += racks.violation(r);
        if !opts.keep_rack_violations {
            let m = racks.moves_to_heal(r);
            heal_replicas += m;
            heal_bytes += u128::from(l.w[p]) * m as u128;
        }
    }
    let t = targets::compute(
        &racks,
        ntarget,
        nb,
        l.reps.iter().enumerate().map(|(p, r)| (r.len(), l.w[p])),
        &count_before,
        tol,
    );
    let smallest_prefix: Vec<Vec<u128>> = per_broker
        .into_iter()
        .map(|mut v| {
            v.sort_unstable();
            let mut acc = 0u128;
            std::iter::once(0)
                .chain(v.into_iter().map(|x| {
                    acc += u128::from(x);
                    acc
                }))
                .collect()
        })
        .collect();

    let mut e = engine::Engine::new(
        &racks,
        nb,
        ntarget,
        l.nt,
        l.topic_of.clone(),
        l.reps.clone(),
        l.slot.clone(),
        l.w.clone(),
        l.sized,
    );
    let disk_first = balance == Balance::Disk;
    e.evacuate(&t, disk_first)
        .map_err(|s| PlanError::Unplaceable {
            tp: l.tps[s.partition].clone(),
            broker: l.ids[s.broker],
        })?;
    if !opts.keep_rack_violations {
        e.heal(&t, disk_first);
    }
    match balance {
        Balance::Disk => {
            // Counts and bytes together, then bytes into their bands, then what counts the
            // bands allow. Moves made for counts alone stop where the plan would copy more than
            // a tenth beyond what the disk balance and the counts need at least.
            let need = bounds::must_leave(&t, &disk_before, ntarget)
                .max(bounds::must_arrive(&t, &disk_before, ntarget))
                .max(bounds::count_bytes(&t, &count_before, &smallest_prefix))
                .max(heal_bytes);
            e.count_budget = need + need / 10;
            e.count_phase(&t, engine::Choice::Sized, true);
            e.disk_phase(&t);
            e.count_phase(&t, engine::Choice::KeepBands, false);
        }
        Balance::Count => {
            e.count_phase(&t, engine::Choice::Smallest, true);
            e.count_phase(&t, engine::Choice::Smallest, false);
        }
    }

    // Leaders, by reordering a copy (the engine's slot sizes stay aligned with its lists).
    let mut order = e.reps.clone();
    let may_lead: Vec<bool> = (0..nb)
        .map(|b| b < ntarget && !opts.demoted.contains(&l.ids[b]))
        .collect();
    if opts.balance_leaders {
        leaders::balance(&mut order, &l.topic_of, l.nt, &may_lead);
    }
    if !opts.demoted.is_empty() {
        let blocked: Vec<TopicPartition> = order
            .iter()
            .enumerate()
            .filter(|(_, r)| r.iter().all(|&b| !may_lead[b]))
            .map(|(p, _)| l.tps[p].clone())
            .collect();
        if !blocked.is_empty() {
            return Err(PlanError::DemoteBlocked {
                total: blocked.len(),
                partitions: blocked.into_iter().take(5).collect(),
            });
        }
        for r in order.iter_mut() {
            // Demoted last, the others in their order: the first is then never demoted.
            r.sort_by_key(|&b| !may_lead[b]);
        }
    }

    let target: Assignment = l
        .tps
        .iter()
        .zip(&order)
        .map(|(tp, r)| ((*tp).clone(), r.iter().map(|&b| l.ids[b]).collect()))
        .collect();
    let mut plan = Plan::from_target(req.current, target, &l.specs, ntarget);
    plan.balance = balance;
    let count_after = e.count.clone();
    for (b, load) in plan.brokers.iter_mut().enumerate() {
        load.replicas_target = count_after[b].clamp(t.count_lo[b], t.count_hi[b]);
    }
    let index: BTreeMap<BrokerId, usize> = l.ids.iter().enumerate().map(|(i, b)| (*b, i)).collect();
    let tp_index: BTreeMap<&TopicPartition, usize> =
        l.tps.iter().enumerate().map(|(p, tp)| (*tp, p)).collect();
    if l.sized {
        for m in plan.moves.iter_mut() {
            m.bytes = tp_index.get(&m.tp).map(|&p| l.w[p]);
        }
    }
    let ends = bounds::Ends {
        targets: &t,
        count_before: &count_before,
        count_after: &count_after,
        disk_before: &disk_before,
        disk_after: &e.disk,
        smallest_prefix: &smallest_prefix,
        heal_replicas,
        heal_bytes,
    };
    plan.lower_bound = bounds::replicas(&ends);
    let violations_after: usize = e.reps.iter().map(|r| racks.violation(r)).sum();
    plan.rack = RackReport {
        racks: if racks.racked { racks.target_racks } else { 0 },
        violations_before,
        violations_after,
        heal_moves: e.healed,
        heal_bytes: l.sized.then(|| report::to_u64_wide(e.healed_bytes)),
        kept: opts.keep_rack_violations,
    };
    if l.sized {
        let moved: u128 = plan
            .moves
            .iter()
            .map(|m| u128::from(m.bytes.unwrap_or(0)))
            .sum();
        plan.bytes_moved = Some(report::to_u64_wide(moved));
        plan.bytes_lower_bound = Some(report::to_u64_wide(bounds::bytes(&ends, disk_first)));
        plan.bytes_must_leave = Some(report::to_u64_wide(bounds::must_leave(
            &t,
            &disk_before,
            ntarget,
        )));
        plan.disk = Some(report::disk(
            &l.ids,
            ntarget,
            &t,
            tol,
            &disk_before,
            &e.disk,
        ));
        for (p, r) in e.reps.iter().enumerate() {
            for &b in r {
                largest[b] = largest[b].max(l.w[p]);
            }
        }
    }
    plan.above_share = report::above_share(
        &l.ids,
        ntarget,
        &racks,
        &t,
        tol,
        &count_after,
        l.sized.then_some(e.disk.as_slice()),
        &largest,
    );
    if let Some(sizes) = req.sizes {
        let dirs = jbod::arrange(&jbod::DirInput {
            ids: &l.ids,
            ntarget,
            tps: &l.tps,
            reps: &e.reps,
            slot: &e.slot,
            before: &l.reps,
            sizes,
            named: req.log_dirs,
            balance: balance == Balance::Disk,
            tolerance: tol,
        });
        plan.log_dirs = dirs
            .placements
            .into_iter()
            .map(|((tp, broker), log_dir)| LogDirPlacement {
                tp,
                broker,
                log_dir,
            })
            .collect();
        plan.log_dir_moves = dirs.moves;
    } else if let Some(named) = req.log_dirs {
        // Without sizes, named dirs of replicas that stay are kept as named.
        plan.log_dirs = named
            .iter()
            .filter(|((tp, b), _)| {
                index.contains_key(b) && plan.target.get(tp).is_some_and(|r| r.contains(b))
            })
            .map(|((tp, broker), log_dir)| LogDirPlacement {
                tp: tp.clone(),
                broker: *broker,
                log_dir: log_dir.clone(),
            })
            .collect();
    }
    plan.notes = notes(&l, &t, &e, balance);
    Ok(plan)
}

/// Targets the plan could not reach, in words.
fn notes(
    l: &layout::Layout<'_>,
    t: &targets::Targets,
    e: &engine::Engine<'_>,
    balance: Balance,
) -> Vec<String> {
    let mut out = Vec::new();
    let off: Vec<String> = (0..l.ntarget)
        .filter(|&b| t.count_distance(b, e.count[b]) > 0)
        .map(|b| {
            format!(
                "{} ({} replicas, target {}..{})",
                l.ids[b], e.count[b], t.count_lo[b], t.count_hi[b]
            )
        })
        .collect();
    if !off.is_empty() {
        let why = if balance == Balance::Disk {
            "without leaving the disk tolerance or breaking the rack rule"
        } else {
            "without breaking the rack rule"
        };
        out.push(format!(
            "replica counts not reached {why} on broker(s) {}",
            off.join(", ")
        ));
    }
    if balance == Balance::Disk {
        let off: Vec<String> = (0..l.ntarget)
            .filter(|&b| t.band_distance(b, e.disk[b]) > 0)
            .map(|b| {
                format!(
                    "{} ({} bytes, band {}..{})",
                    l.ids[b], e.disk[b], t.band_lo[b], t.band_hi[b]
                )
            })
            .collect();
        if !off.is_empty() {
            out.push(format!(
                "disk tolerance not reached on broker(s) {}: replica sizes and the rack rule leave no better move",
                off.join(", ")
            ));
        }
    }
    if l.estimated > 0 {
        out.push(format!(
            "{} replica(s) had no size of their own and count at their partition's size",
            l.estimated
        ));
    }
    out
}

#[cfg(test)]
mod tests;
