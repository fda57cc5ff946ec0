//! Small layouts against exhaustive search: the planner never refuses when some rack-safe plan
//! exists, its bounds never exceed what the best plan of the same balance moves, and its moves
//! stay close to that best.

use std::collections::BTreeMap;

use super::*;

/// A small case: targets, leaving brokers, the layout and sizes.
struct Small {
    brokers: Vec<BrokerSpec>,
    leaving: Vec<BrokerId>,
    current: Assignment,
    bytes: BTreeMap<TopicPartition, u64>,
}

fn small(rng: &mut SplitMix) -> Small {
    let pick = |rng: &mut SplitMix, n: u64| (rng.next_u64() % n) as usize;
    let targets = 2 + pick(rng, 4);
    let leaving = pick(rng, 3).min(6 - targets);
    let rack_names = pick(rng, 4);
    let names = ["a", "b", "c"];
    let all = (targets + leaving) as BrokerId;
    let brokers: Vec<BrokerSpec> = (1..=targets as BrokerId)
        .map(|b| {
            let rack = (rack_names > 0).then(|| names[pick(rng, rack_names as u64)]);
            BrokerSpec::new(b, rack)
        })
        .collect();
    let leaving: Vec<BrokerId> = (targets as BrokerId + 1..=all).collect();
    let mut current = Assignment::new();
    let mut bytes = BTreeMap::new();
    let parts = 1 + pick(rng, 4);
    for p in 0..parts {
        let rf = 1 + pick(rng, targets.min(3) as u64);
        let mut pool: Vec<BrokerId> = (1..=all).collect();
        let mut reps = Vec::new();
        while reps.len() < rf {
            let i = pick(rng, pool.len() as u64);
            reps.push(pool.swap_remove(i));
        }
        let tp = TopicPartition::new("t", p as i32);
        bytes.insert(tp.clone(), 1 + rng.next_u64() % 50);
        current.insert(tp, reps);
    }
    Small {
        brokers,
        leaving,
        current,
        bytes,
    }
}

/// The k-subsets of `items`.
fn subsets(items: &[BrokerId], k: usize) -> Vec<Vec<BrokerId>> {
    if k == 0 {
        return vec![Vec::new()];
    }
    let mut out = Vec::new();
    for i in 0..items.len() {
        for mut rest in subsets(&items[i + 1..], k - 1) {
            rest.insert(0, items[i]);
            out.push(rest);
        }
    }
    out
}

/// One complete candidate target: per partition a replica set over the targets.
struct Candidate {
    moves: usize,
    bytes: u64,
    counts: BTreeMap<BrokerId, usize>,
    disk: BTreeMap<BrokerId, u64>,
}

/// Every rack-safe target over `case.brokers` (evenly spread partitions only).
fn enumerate(case: &Small) -> Vec<Candidate> {
    let ids: Vec<BrokerId> = case.brokers.iter().map(|b| b.id).collect();
    let options: Vec<(TopicPartition, Vec<Vec<BrokerId>>)> = case
        .current
        .iter()
        .map(|(tp, r)| {
            let sets = subsets(&ids, r.len())
                .into_iter()
                .filter(|s| evenly_spread(s, &case.brokers))
                .collect();
            (tp.clone(), sets)
        })
        .collect();
    let mut out = Vec::new();
    let mut idx = vec![0usize; options.len()];
    if options.iter().any(|(_, s)| s.is_empty()) {
        return out;
    }
    loop {
        let mut c = Candidate {
            moves: 0,
            bytes: 0,
            counts: BTreeMap::new(),
            disk: BTreeMap::new(),
        };
        for (k, (tp, sets)) in options.iter().enumerate() {
            let set = &sets[idx[k]];
            let cur = &case.current[tp];
            let w = case.bytes[tp];
            for b in set {
                *c.counts.entry(*b).or_insert(0) += 1;
                *c.disk.entry(*b).or_insert(0) += w;
                if !cur.contains(b) {
                    c.moves += 1;
                    c.bytes += w;
                }
            }
        }
        out.push(c);
        let mut k = 0;
        loop {
            if k == idx.len() {
                return out;
            }
            idx[k] += 1;
            if idx[k] < options[k].1.len() {
                break;
            }
            idx[k] = 0;
            k += 1;
        }
    }
}

fn spread_of(counts: &BTreeMap<BrokerId, usize>, ids: &[BrokerId]) -> usize {
    let v: Vec<usize> = ids
        .iter()
        .map(|b| counts.get(b).copied().unwrap_or(0))
        .collect();
    v.iter().max().copied().unwrap_or(0) - v.iter().min().copied().unwrap_or(0)
}

#[test]
fn small_layouts_against_exhaustive_search() {
    let mut rng = SplitMix::new(0x5eed);
    let (mut cases, mut at_best_spread, mut at_best_moves, mut extra_moves) = (0, 0, 0, 0);
    for _ in 0..400 {
        let case = small(&mut rng);
        let sizes = uniform_sizes(&case.current, &case.bytes);
        for by_disk in [false, true] {
            let mut req = PlanRequest::new(&case.current, &case.brokers);
            req.options.leaving = case.leaving.iter().copied().collect();
            req.options.balance = Some(if by_disk {
                Balance::Disk
            } else {
                Balance::Count
            });
            req.sizes = Some(&sizes);
            let all = enumerate(&case);
            let result = plan_request(&req);
            // Never a refusal where exhaustive search finds a rack-safe plan.
            assert_eq!(
                all.is_empty(),
                result.is_err(),
                "{:?} -> {:?}",
                case.current,
                result.as_ref().err()
            );
            let Ok(p) = result else { continue };
            verify("small", &case.current, &case.brokers, &p);
            cases += 1;
            let ids: Vec<BrokerId> = case.brokers.iter().map(|b| b.id).collect();
            let ours = replica_counts(&p.target);
            let ours_disk: BTreeMap<BrokerId, u64> = p
                .disk
                .as_ref()
                .map(|d| d.brokers.iter().map(|b| (b.id, b.bytes_after)).collect())
                .unwrap_or_default();
            // The bounds hold for the best plan ending exactly as balanced as ours.
            let same: Vec<&Candidate> = all
                .iter()
                .filter(|c| ids.iter().all(|b| c.counts.get(b) == ours.get(b)))
                .collect();
            let best_same = same.iter().map(|c| c.moves).min().unwrap();
            assert!(
                p.lower_bound <= best_same,
                "bound {} > {best_same}",
                p.lower_bound
            );
            let best_bytes = same
                .iter()
                .filter(|c| {
                    ids.iter().all(|b| {
                        c.disk.get(b).copied().unwrap_or(0)
                            == ours_disk.get(b).copied().unwrap_or(0)
                    })
                })
                .map(|c| c.bytes)
                .min()
                .unwrap();
            assert!(p.bytes_lower_bound.unwrap() <= best_bytes);
            if by_disk {
                continue;
            }
            // By count: as even as any rack-safe plan, and near the fewest moves for that.
            let best_spread = all
                .iter()
                .map(|c| spread_of(&c.counts, &ids))
                .min()
                .unwrap();
            let our_spread = spread_of(&ours, &ids);
            assert!(
                our_spread <= best_spread + 1,
                "spread {our_spread} vs {best_spread}"
            );
            if our_spread == best_spread {
                at_best_spread += 1;
            }
            let best_moves = all
                .iter()
                .filter(|c| spread_of(&c.counts, &ids) <= our_spread)
                .map(|c| c.moves)
                .min()
                .unwrap();
            if p.replicas_moved == best_moves {
                at_best_moves += 1;
            }
            extra_moves += p.replicas_moved.saturating_sub(best_moves);
        }
    }
    let count_cases = cases / 2;
    assert!(cases > 700, "{cases}");
    assert!(
        at_best_spread * 100 >= count_cases * 95,
        "best spread in {at_best_spread} of {count_cases}"
    );
    assert!(
        at_best_moves * 100 >= count_cases * 90 && extra_moves * 100 <= count_cases * 15,
        "fewest moves in {at_best_moves} of {count_cases}, {extra_moves} extra in all"
    );
}
