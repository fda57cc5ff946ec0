//! Replica placement with the fewest replica moves (the plan layer of ARCHITECTURE.md).
//!
//! [`plan`] takes the current assignment and the brokers that should hold the data afterwards, and
//! returns a target assignment where every broker holds ⌊R/B⌋ or ⌈R/B⌉ replicas (and, as far as
//! the layout allows, the same within each topic), leaders are balanced the same way by reordering
//! replicas, and no more replicas move than [`lower_bound`] says is necessary.
//!
//! Everything here is deterministic: same input, same plan.

pub mod json;
pub mod leaders;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::Serialize;

use crate::model::{Assignment, BrokerId, TopicPartition};

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

/// Knobs of the planner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanOptions {
    /// Brokers that hold replicas today and must hold none afterwards (drain / scale-in).
    /// A broker found in the assignment that is neither a target broker nor listed here is an error.
    pub leaving: BTreeSet<BrokerId>,
    /// Balance leaders (first replicas) by reordering replicas. Never moves data.
    pub balance_leaders: bool,
}

impl Default for PlanOptions {
    fn default() -> Self {
        Self {
            leaving: BTreeSet::new(),
            balance_leaders: true,
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
                "the replica of {tp} on leaving broker {broker} has no valid destination (rack or replica constraints); add brokers or racks"
            ),
        }
    }
}

impl std::error::Error for PlanError {}

impl From<PlanError> for crate::error::Error {
    fn from(e: PlanError) -> Self {
        crate::error::Error::Usage(e.to_string())
    }
}

/// One replica moved from one broker to another.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Move {
    pub tp: TopicPartition,
    pub from: BrokerId,
    pub to: BrokerId,
}

/// Replica and leader counts of one broker before and after the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BrokerLoad {
    pub id: BrokerId,
    pub rack: Option<String>,
    pub leaving: bool,
    pub replicas_before: usize,
    pub replicas_after: usize,
    /// The count this broker was planned to end with.
    pub replicas_target: usize,
    pub leaders_before: usize,
    pub leaders_after: usize,
}

/// A target assignment and what it costs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Plan {
    /// The full target assignment (every partition, changed or not).
    pub target: Assignment,
    /// Replica moves, sorted by partition.
    pub moves: Vec<Move>,
    pub replicas_moved: usize,
    /// Partitions whose preferred leader (first replica) changes.
    pub leader_changes: usize,
    /// The fewest replica moves any plan reaching the balance needs.
    pub lower_bound: usize,
    /// Per broker, target brokers then leaving ones, by id.
    pub brokers: Vec<BrokerLoad>,
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
        self.replicas_moved == 0 && self.leader_changes == 0
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
        },
    )
}

/// Working state over dense indices: brokers 0..nb, topics 0..nt, partitions 0..np.
struct State {
    nb: usize,
    nt: usize,
    ids: Vec<BrokerId>,
    /// Rack index per broker, when rack awareness applies.
    rack: Vec<Option<usize>>,
    nracks: usize,
    topic_of: Vec<usize>,
    replicas: Vec<Vec<usize>>,
    count: Vec<usize>,
    target: Vec<usize>,
    /// Replicas per (broker, topic): `tcount[b * nt + t]`.
    tcount: Vec<u32>,
    /// Per broker: topic → partitions it holds.
    held: Vec<BTreeMap<usize, BTreeSet<usize>>>,
    moves: usize,
}

impl State {
    fn rack_ok(&self, p: usize, from: usize, to: usize) -> bool {
        if self.nracks == 0 {
            return true;
        }
        let reps = &self.replicas[p];
        let distinct = |it: &mut dyn Iterator<Item = usize>| {
            let mut s: Vec<Option<usize>> = it.map(|b| self.rack[b]).collect();
            s.sort();
            s.dedup();
            s.len()
        };
        let before = distinct(&mut reps.iter().copied());
        let after = distinct(
            &mut reps
                .iter()
                .copied()
                .filter(|&b| b != from)
                .chain(std::iter::once(to)),
        );
        let want = reps.len().min(self.nracks);
        after >= before.min(want)
    }

    fn can_move(&self, p: usize, from: usize, to: usize) -> bool {
        !self.replicas[p].contains(&to) && self.rack_ok(p, from, to)
    }

    fn apply(&mut self, p: usize, from: usize, to: usize) {
        let t = self.topic_of[p];
        // The incoming replica takes the mover's position, so leader order is kept.
        for b in self.replicas[p].iter_mut() {
            if *b == from {
                *b = to;
            }
        }
        self.count[from] -= 1;
        self.count[to] += 1;
        self.tcount[from * self.nt + t] -= 1;
        self.tcount[to * self.nt + t] += 1;
        if let Some(set) = self.held[from].get_mut(&t) {
            set.remove(&p);
            if set.is_empty() {
                self.held[from].remove(&t);
            }
        }
        self.held[to].entry(t).or_default().insert(p);
        self.moves += 1;
    }

    /// The best partition of `donor` to hand to `recv`: from the topic where the donor holds most
    /// more than the receiver (keeps topics balanced; ties: lower topic index), followers before
    /// leaders.
    fn best_partition(&self, donor: usize, recv: usize) -> Option<usize> {
        let mut best: Option<(i64, usize)> = None;
        for (&t, parts) in &self.held[donor] {
            let gap = i64::from(self.tcount[donor * self.nt + t])
                - i64::from(self.tcount[recv * self.nt + t]);
            if best.is_some_and(|(g, _)| gap <= g) {
                continue;
            }
            if let Some(p) = self.pick_in(parts, donor, recv) {
                best = Some((gap, p));
            }
        }
        best.map(|(_, p)| p)
    }

    /// A movable partition among `parts`, followers first.
    fn pick_in(&self, parts: &BTreeSet<usize>, donor: usize, recv: usize) -> Option<usize> {
        let mut leader_choice = None;
        for &p in parts {
            if self.can_move(p, donor, recv) {
                if self.replicas[p].first() != Some(&donor) {
                    return Some(p);
                }
                if leader_choice.is_none() {
                    leader_choice = Some(p);
                }
            }
        }
        leader_choice
    }
}

/// Plan a balanced target assignment over `brokers` with the fewest replica moves.
pub fn plan(
    current: &Assignment,
    brokers: &[BrokerSpec],
    opts: &PlanOptions,
) -> Result<Plan, PlanError> {
    if brokers.is_empty() {
        return Err(PlanError::EmptyBrokerSet);
    }
    let mut ids: Vec<BrokerId> = Vec::new();
    let mut seen = BTreeSet::new();
    for b in brokers {
        if !seen.insert(b.id) {
            return Err(PlanError::DuplicateBroker(b.id));
        }
        if opts.leaving.contains(&b.id) {
            return Err(PlanError::TargetAlsoLeaving(b.id));
        }
        ids.push(b.id);
    }
    let ntarget = ids.len();
    ids.extend(opts.leaving.iter().copied());
    let index: BTreeMap<BrokerId, usize> = ids.iter().enumerate().map(|(i, b)| (*b, i)).collect();

    // Validate and index the assignment.
    let mut topic_idx: BTreeMap<&str, usize> = BTreeMap::new();
    let mut tps: Vec<&TopicPartition> = Vec::with_capacity(current.len());
    let mut topic_of = Vec::with_capacity(current.len());
    let mut replicas = Vec::with_capacity(current.len());
    for (tp, reps) in current {
        if reps.is_empty() {
            return Err(PlanError::NoReplicas(tp.clone()));
        }
        if reps.len() > ntarget {
            return Err(PlanError::ReplicationFactorTooLarge {
                topic: tp.topic.clone(),
                replication_factor: reps.len(),
                brokers: ntarget,
            });
        }
        let mut v = Vec::with_capacity(reps.len());
        for b in reps {
            let Some(&i) = index.get(b) else {
                return Err(PlanError::UnknownBroker {
                    broker: *b,
                    tp: tp.clone(),
                });
            };
            if v.contains(&i) {
                return Err(PlanError::DuplicateReplica {
                    broker: *b,
                    tp: tp.clone(),
                });
            }
            v.push(i);
        }
        let n = topic_idx.len();
        let t = *topic_idx.entry(tp.topic.as_str()).or_insert(n);
        tps.push(tp);
        topic_of.push(t);
        replicas.push(v);
    }
    let nb = ids.len();
    let nt = topic_idx.len();

    // Racks apply when any target broker has one; a rack-less broker then counts as its own group.
    let racked = brokers.iter().any(|b| b.rack.is_some());
    let mut rack_names: BTreeMap<&str, usize> = BTreeMap::new();
    let mut rack = vec![None; nb];
    if racked {
        for (i, b) in brokers.iter().enumerate() {
            if let Some(r) = &b.rack {
                let n = rack_names.len();
                rack[i] = Some(*rack_names.entry(r.as_str()).or_insert(n));
            }
        }
    }
    let nracks = if racked {
        rack_names.len() + usize::from(brokers.iter().any(|b| b.rack.is_none()))
    } else {
        0
    };

    let counts_before = replica_counts(current);
    let tmap = targets(&counts_before, &ids[..ntarget]);
    let lower = counts_before
        .iter()
        .map(|(b, c)| c.saturating_sub(tmap.get(b).copied().unwrap_or(0)))
        .sum();

    let mut st = State {
        nb,
        nt,
        rack,
        nracks,
        topic_of,
        count: vec![0; nb],
        target: ids
            .iter()
            .map(|b| tmap.get(b).copied().unwrap_or(0))
            .collect(),
        tcount: vec![0; nb * nt],
        held: vec![BTreeMap::new(); nb],
        replicas,
        ids: ids.clone(),
        moves: 0,
    };
    for p in 0..st.replicas.len() {
        let t = st.topic_of[p];
        for i in 0..st.replicas[p].len() {
            let b = st.replicas[p][i];
            st.count[b] += 1;
            st.tcount[b * nt + t] += 1;
            st.held[b].entry(t).or_default().insert(p);
        }
    }

    rebalance_replicas(&mut st, ntarget, &tps)?;

    let before_leaders = leader_counts(current);
    if opts.balance_leaders {
        leaders::balance(&mut st.replicas, &st.topic_of, nt, ntarget, nb);
    }

    let target: Assignment = tps
        .iter()
        .zip(&st.replicas)
        .map(|(tp, r)| ((*tp).clone(), r.iter().map(|&b| st.ids[b]).collect()))
        .collect();
    let mut moves = Vec::new();
    for (tp, r) in &target {
        let cur = current.get(tp).map(Vec::as_slice).unwrap_or(&[]);
        let outs: Vec<BrokerId> = cur.iter().filter(|b| !r.contains(b)).copied().collect();
        let ins: Vec<BrokerId> = r.iter().filter(|b| !cur.contains(b)).copied().collect();
        for (from, to) in outs.into_iter().zip(ins) {
            moves.push(Move {
                tp: tp.clone(),
                from,
                to,
            });
        }
    }
    let after = replica_counts(&target);
    let after_leaders = leader_counts(&target);
    let loads = ids
        .iter()
        .enumerate()
        .map(|(i, b)| BrokerLoad {
            id: *b,
            rack: brokers.get(i).and_then(|s| s.rack.clone()),
            leaving: i >= ntarget,
            replicas_before: counts_before.get(b).copied().unwrap_or(0),
            replicas_after: after.get(b).copied().unwrap_or(0),
            replicas_target: st.target[i],
            leaders_before: before_leaders.get(b).copied().unwrap_or(0),
            leaders_after: after_leaders.get(b).copied().unwrap_or(0),
        })
        .collect();
    Ok(Plan {
        leader_changes: leader_changes(current, &target),
        replicas_moved: moves.len(),
        moves,
        lower_bound: lower,
        brokers: loads,
        target,
    })
}

/// Move replicas from brokers above their target to brokers below it, one replica per move, so
/// the number of moves equals the total excess (the lower bound) unless racks forbid it.
fn rebalance_replicas(
    st: &mut State,
    ntarget: usize,
    tps: &[&TopicPartition],
) -> Result<(), PlanError> {
    let nb = st.nb;
    // Each pass moves at least one replica or ends; bound the passes so a pathological layout
    // cannot loop.
    let total: usize = st.count.iter().sum();
    let mut budget = total * 2 + 16;
    loop {
        if budget == 0 {
            break;
        }
        budget -= 1;
        // Leaving brokers first (they must empty), then the largest excess, then by index.
        let mut donors: Vec<usize> = (0..nb).filter(|&b| st.count[b] > st.target[b]).collect();
        if donors.is_empty() {
            break;
        }
        donors.sort_by_key(|&b| {
            (
                b < ntarget,
                std::cmp::Reverse(st.count[b] - st.target[b]),
                b,
            )
        });
        let mut recvs: Vec<usize> = (0..ntarget)
            .filter(|&b| st.count[b] < st.target[b])
            .collect();
        recvs.sort_by_key(|&b| {
            (
                std::cmp::Reverse(st.target[b] - st.count[b]),
                st.count[b],
                b,
            )
        });

        let mut done = false;
        'outer: for &d in &donors {
            for &r in &recvs {
                if let Some(p) = st.best_partition(d, r) {
                    st.apply(p, d, r);
                    done = true;
                    break 'outer;
                }
            }
        }
        if done {
            continue;
        }
        // No direct move. First try swapping which brokers get ⌈R/B⌉: a full broker at ⌊R/B⌋
        // takes the replica and an under-full ⌈R/B⌉ broker gives up its extra slot. Same bound.
        if retarget_move(st, &donors, &recvs, ntarget) {
            continue;
        }
        // Last resort, one extra move: park the replica on a full broker, which then sheds one.
        if !two_hop(st, &donors, &recvs, ntarget) {
            break;
        }
    }
    // Racks can make the exact targets unreachable; then even out what the rules allow: move
    // from a broker to one holding at least two fewer (each such move narrows the spread).
    while budget > 0 {
        budget -= 1;
        let mut order: Vec<usize> = (0..ntarget).collect();
        order.sort_by_key(|&b| (std::cmp::Reverse(st.count[b]), b));
        let mut done = false;
        'smooth: for &d in &order {
            for &r in order.iter().rev() {
                if st.count[d] < st.count[r] + 2 {
                    break;
                }
                if let Some(p) = st.best_partition(d, r) {
                    st.apply(p, d, r);
                    done = true;
                    break 'smooth;
                }
            }
        }
        if !done {
            break;
        }
    }
    for b in ntarget..nb {
        if st.count[b] > 0 {
            let (tp, _) = st.held[b]
                .values()
                .flat_map(|s| s.iter())
                .map(|&p| (tps[p], p))
                .next()
                .ok_or(PlanError::EmptyBrokerSet)?;
            return Err(PlanError::Unplaceable {
                tp: tp.clone(),
                broker: st.ids[b],
            });
        }
    }
    Ok(())
}

fn retarget_move(st: &mut State, donors: &[usize], recvs: &[usize], ntarget: usize) -> bool {
    let Some(lo) = st.target[..ntarget].iter().min().copied() else {
        return false;
    };
    // A receiver holding a ⌈R/B⌉ slot it has not filled.
    let Some(&r) = recvs.iter().find(|&&r| st.target[r] > lo) else {
        return false;
    };
    for &d in donors {
        for x in 0..ntarget {
            if x == d || st.target[x] != lo || st.count[x] != lo {
                continue;
            }
            if let Some(p) = st.best_partition(d, x) {
                st.target[r] -= 1;
                st.target[x] += 1;
                st.apply(p, d, x);
                return true;
            }
        }
    }
    false
}

fn two_hop(st: &mut State, donors: &[usize], recvs: &[usize], ntarget: usize) -> bool {
    for &d in donors {
        for x in 0..ntarget {
            if recvs.contains(&x) || x == d {
                continue;
            }
            let Some(p) = st.best_partition(d, x) else {
                continue;
            };
            // x must be able to pass some other replica on to a receiver.
            for &r in recvs {
                let shed = st.held[x]
                    .values()
                    .flat_map(|s| s.iter())
                    .copied()
                    .find(|&q| q != p && st.can_move(q, x, r));
                if let Some(q) = shed {
                    st.apply(p, d, x);
                    st.apply(q, x, r);
                    return true;
                }
            }
        }
    }
    false
}

#[cfg(test)]
mod tests;
