//! Planner tests: shared helpers and the checks every plan must pass.

mod brute;
mod count;
mod disk;
mod racks;
mod rf;

use std::collections::{BTreeMap, BTreeSet};

use super::*;

/// A topic: name, partitions, replication factor.
pub(super) type TopicDef = (&'static str, i32, usize);

/// Round-robin layout over `brokers` (in the given order, so interleaving racks in the list
/// spreads each partition over racks), each topic starting one broker further.
pub(super) fn layout(brokers: &[BrokerId], topics: &[TopicDef]) -> Assignment {
    let n = brokers.len();
    let mut a = Assignment::new();
    for (ti, (name, parts, rf)) in topics.iter().enumerate() {
        for p in 0..*parts {
            let start = p as usize + ti;
            let reps = (0..*rf).map(|j| brokers[(start + j) % n]).collect();
            a.insert(TopicPartition::new(*name, p), reps);
        }
    }
    a
}

pub(super) fn specs(ids: &[BrokerId], racks: Option<&[&str]>) -> Vec<BrokerSpec> {
    ids.iter()
        .enumerate()
        .map(|(i, id)| BrokerSpec::new(*id, racks.map(|r| r[i % r.len()])))
        .collect()
}

/// Sizes where every replica of a partition holds `bytes[tp]`, all in one dir per broker.
pub(super) fn uniform_sizes(current: &Assignment, bytes: &BTreeMap<TopicPartition, u64>) -> Sizes {
    Sizes::from_records(current.iter().flat_map(|(tp, r)| {
        let b = bytes.get(tp).copied().unwrap_or(0);
        r.iter()
            .map(move |&broker| (tp.clone(), broker, "/data".to_string(), b))
    }))
}

/// Per partition, replicas per rack of the target brokers (brokers outside them count nowhere).
fn rack_counts(
    reps: &[BrokerId],
    rack_of: &BTreeMap<BrokerId, Option<String>>,
) -> BTreeMap<Option<String>, usize> {
    let mut m: BTreeMap<Option<String>, usize> = BTreeMap::new();
    for b in reps {
        if let Some(r) = rack_of.get(b) {
            *m.entry(r.clone()).or_insert(0) += 1;
        }
    }
    m
}

/// The rack rule stated independently of `racks`: a spread is even when no rack holds two
/// replicas more than another rack that still has a target broker without one.
pub(super) fn evenly_spread(reps: &[BrokerId], brokers: &[BrokerSpec]) -> bool {
    if brokers.iter().all(|b| b.rack.is_none()) {
        return true;
    }
    let rack_of: BTreeMap<BrokerId, Option<String>> =
        brokers.iter().map(|b| (b.id, b.rack.clone())).collect();
    let mut size: BTreeMap<Option<String>, usize> = BTreeMap::new();
    for b in brokers {
        *size.entry(b.rack.clone()).or_insert(0) += 1;
    }
    let x = rack_counts(reps, &rack_of);
    let get = |r: &Option<String>| x.get(r).copied().unwrap_or(0);
    size.keys().all(|r1| {
        size.iter()
            .all(|(r2, &n2)| !(get(r1) >= get(r2) + 2 && get(r2) < n2))
    })
}

/// Checks every plan must pass, whatever the entry point; `brokers` are the targets.
pub(super) fn verify(name: &str, current: &Assignment, brokers: &[BrokerSpec], plan: &Plan) {
    let ids: BTreeSet<BrokerId> = brokers.iter().map(|b| b.id).collect();
    assert_eq!(plan.target.len(), current.len(), "{name}: partitions lost");
    for (tp, reps) in &plan.target {
        let cur = &current[tp];
        assert_eq!(reps.len(), cur.len(), "{name}: {tp} changed RF");
        let set: BTreeSet<_> = reps.iter().collect();
        assert_eq!(set.len(), reps.len(), "{name}: {tp} duplicate {reps:?}");
        for b in reps {
            assert!(ids.contains(b), "{name}: {tp} on non-target broker {b}");
        }
        let mut a = reps.clone();
        let mut c = cur.clone();
        a.sort();
        c.sort();
        if a == c {
            assert!(
                plan.moves.iter().all(|m| &m.tp != tp),
                "{name}: {tp} listed as moved"
            );
        }
    }
    assert_eq!(plan.replicas_moved, moved_replicas(current, &plan.target));
    assert_eq!(plan.replicas_moved, plan.moves.len(), "{name}: moves");
    assert!(
        plan.replicas_moved >= plan.lower_bound,
        "{name}: {} moves below the bound {}",
        plan.replicas_moved,
        plan.lower_bound
    );
    if let (Some(m), Some(b)) = (plan.bytes_moved, plan.bytes_lower_bound) {
        assert!(m >= b, "{name}: {m} bytes below the bound {b}");
        let sum: u64 = plan.moves.iter().map(|x| x.bytes.unwrap_or(0)).sum();
        assert_eq!(sum, m, "{name}: bytes per move do not add up");
    }
    // Racks: healed means every partition evenly spread; never a violation added.
    let racked = brokers.iter().any(|b| b.rack.is_some());
    if racked && !plan.rack.kept {
        for (tp, reps) in &plan.target {
            assert!(
                evenly_spread(reps, brokers),
                "{name}: {tp} {reps:?} not evenly spread over racks"
            );
        }
        assert_eq!(plan.rack.violations_after, 0, "{name}");
    }
    assert!(plan.rack.violations_after <= plan.rack.violations_before || !plan.rack.kept);
    let counts = replica_counts(&plan.target);
    for load in &plan.brokers {
        assert_eq!(
            load.replicas_after,
            counts.get(&load.id).copied().unwrap_or(0),
            "{name}: broker {} count",
            load.id
        );
        if load.leaving {
            assert_eq!(load.replicas_after, 0, "{name}: leaving broker kept data");
        }
    }
    assert_eq!(plan.leader_changes, leader_changes(current, &plan.target));
    if let Some(d) = &plan.disk {
        let after = |id: BrokerId| -> u64 {
            d.brokers
                .iter()
                .find(|x| x.id == id)
                .map_or(0, |x| x.bytes_after)
        };
        for b in &plan.brokers {
            if b.leaving {
                assert_eq!(
                    after(b.id),
                    0,
                    "{name}: leaving broker {} keeps bytes",
                    b.id
                );
            }
        }
    }
}

/// Run `plan_request` twice (determinism), verify, return the plan.
pub(super) fn run(name: &str, req: &PlanRequest<'_>) -> Plan {
    let p = plan_request(req).unwrap_or_else(|e| panic!("{name}: {e}"));
    let again = plan_request(req).unwrap();
    assert_eq!(p, again, "{name}: not deterministic");
    verify(name, req.current, req.brokers, &p);
    p
}

/// A small deterministic generator (splitmix64), so size distributions repeat exactly.
pub(super) struct SplitMix(u64);

impl SplitMix {
    pub(super) fn new(seed: u64) -> Self {
        SplitMix(seed)
    }

    pub(super) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in (0, 1].
    pub(super) fn unit(&mut self) -> f64 {
        ((self.next_u64() >> 11) as f64 + 1.0) / (1u64 << 53) as f64
    }

    /// Heavy-tailed sizes: Pareto with shape `alpha` and minimum `min` bytes.
    pub(super) fn pareto(&mut self, alpha: f64, min: f64) -> u64 {
        (min / self.unit().powf(1.0 / alpha)).min(1e15) as u64
    }
}

/// Pareto sizes (shape 1.5: infinite variance, a few partitions far larger than the rest) for
/// every partition of `current`.
pub(super) fn pareto_sizes(current: &Assignment, seed: u64) -> BTreeMap<TopicPartition, u64> {
    let mut rng = SplitMix::new(seed);
    current
        .keys()
        .map(|tp| (tp.clone(), rng.pareto(1.5, 1_000_000.0)))
        .collect()
}
