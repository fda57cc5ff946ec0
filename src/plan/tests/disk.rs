//! Balance by disk: bytes within the tolerance, the fewest bytes moved, JBOD dirs.

use std::collections::BTreeMap;

use proptest::prelude::*;

use super::*;

fn request<'a>(
    current: &'a Assignment,
    brokers: &'a [BrokerSpec],
    sizes: &'a Sizes,
    leaving: &[BrokerId],
) -> PlanRequest<'a> {
    let mut req = PlanRequest::new(current, brokers);
    req.sizes = Some(sizes);
    req.options.leaving = leaving.iter().copied().collect();
    req
}

/// A count-balanced cluster of `n` brokers whose disks are not balanced (Pareto sizes).
fn grown(n: i32, partitions: i32, seed: u64) -> (Assignment, Sizes) {
    let ids: Vec<BrokerId> = (1..=n).collect();
    let current = layout(&ids, &[("a", partitions, 3), ("b", partitions / 2, 2)]);
    let bytes = pareto_sizes(&current, seed);
    let sizes = uniform_sizes(&current, &bytes);
    (current, sizes)
}

#[test]
fn scale_out_with_heavy_tails_reaches_the_tolerance_moving_little_more_than_the_bound() {
    let ids: Vec<BrokerId> = (1..=9).collect();
    let mut even_counts = 0;
    for seed in 1..=12 {
        let (current, sizes) = grown(6, 300, seed);
        let brokers = specs(&ids, None);
        let p = run("6->9", &request(&current, &brokers, &sizes, &[]));
        let d = p.disk.as_ref().unwrap();
        assert_eq!(p.balance, Balance::Disk);
        assert!(d.within_tolerance, "seed {seed}: {:?} {:?}", d, p.notes);
        assert!(d.max_over_mean_after <= 1.0 + DEFAULT_DISK_TOLERANCE + 1e-9);
        let (moved, bound) = (p.bytes_moved.unwrap(), p.bytes_lower_bound.unwrap());
        assert!(
            moved as f64 <= bound as f64 * 1.15,
            "seed {seed}: moved {moved}, bound {bound}"
        );
        // Counts follow as far as the bands allow: a partition far larger than the others pins
        // the three brokers holding it to fewer replicas; otherwise ⌊R/B⌋..⌈R/B⌉.
        if spread(&p.target, &ids).0 <= 1 {
            even_counts += 1;
        } else {
            assert!(
                !p.notes.is_empty(),
                "seed {seed}: counts off without a note"
            );
        }
    }
    assert!(even_counts >= 6, "{even_counts} of 12 with even counts");
}

#[test]
fn rebalance_of_a_count_balanced_cluster_evens_the_disks() {
    let ids: Vec<BrokerId> = (1..=9).collect();
    let mut even_counts = 0;
    for seed in 1..=12 {
        let (current, sizes) = grown(9, 450, seed);
        let brokers = specs(&ids, Some(&["a", "b", "c"]));
        let p = run("rebalance", &request(&current, &brokers, &sizes, &[]));
        let d = p.disk.as_ref().unwrap();
        assert!(d.max_over_mean_before > 1.05, "seed {seed}: already even");
        assert!(d.within_tolerance, "seed {seed}: {:?}", p.notes);
        // Counts start exact (R/B is whole): each replica of bytes sent needs one back, so a
        // rebalance of a small excess pays relatively more for the counts.
        let (moved, bound) = (p.bytes_moved.unwrap(), p.bytes_lower_bound.unwrap());
        assert!(
            moved as f64 <= bound as f64 * 1.5,
            "seed {seed}: moved {moved}, bound {bound}"
        );
        // Counts: moves for counts alone stop at a tenth above what balance needs, and a giant
        // partition pins its brokers; the rest end within a few replicas.
        if spread(&p.target, &ids).0 <= 4 {
            even_counts += 1;
        } else {
            assert!(
                !p.notes.is_empty(),
                "seed {seed}: counts off without a note"
            );
        }
    }
    assert!(
        even_counts >= 8,
        "{even_counts} of 12 with near-even counts"
    );
}

/// What moving, from every broker that ends with fewer replicas, its smallest replicas would
/// copy: the plain smallest-first choice reaching the same counts.
fn smallest_first(current: &Assignment, target: &Assignment, sizes: &Sizes) -> u64 {
    let (before, after) = (replica_counts(current), replica_counts(target));
    let mut per: BTreeMap<BrokerId, Vec<u64>> = BTreeMap::new();
    for (tp, r) in current {
        for b in r {
            per.entry(*b)
                .or_default()
                .push(sizes.replica(tp, *b).map_or(0, |x| x.bytes));
        }
    }
    per.iter_mut()
        .map(|(b, v)| {
            v.sort_unstable();
            let k = before[b].saturating_sub(after.get(b).copied().unwrap_or(0));
            v.iter().take(k).sum::<u64>()
        })
        .sum()
}

#[test]
fn count_balance_moves_the_smallest_replicas() {
    for seed in 9..=12 {
        let (current, sizes) = grown(6, 300, seed);
        let brokers = specs(&(1..=9).collect::<Vec<_>>(), None);
        let mut req = request(&current, &brokers, &sizes, &[]);
        req.options.balance = Some(Balance::Count);
        let p = run("count", &req);
        assert_eq!(p.balance, Balance::Count);
        assert_eq!(p.replicas_moved, p.lower_bound, "seed {seed}");
        let plain = smallest_first(&current, &p.target, &sizes);
        let moved = p.bytes_moved.unwrap();
        assert!(
            moved as f64 <= plain as f64 * 1.05 + 1.0,
            "seed {seed}: moved {moved}, smallest-first {plain}"
        );
        assert!(moved >= p.bytes_lower_bound.unwrap());
    }
}

#[test]
fn drain_of_a_middle_broker_with_sizes() {
    let (current, sizes) = grown(6, 120, 3);
    let brokers = specs(&[1, 2, 4, 5, 6], None);
    let brokers: Vec<BrokerSpec> = brokers
        .into_iter()
        .map(|b| BrokerSpec::new(b.id, Some(["a", "b", "c"][(b.id as usize - 1) % 3])))
        .collect();
    let mut req = request(&current, &brokers, &sizes, &[3]);
    req.leaving_racks = [(3, "c".to_string())].into_iter().collect();
    let p = run("drain 3", &req);
    assert!(p.target.values().all(|r| !r.contains(&3)));
    // Rack c is left with broker 6 alone: it holds one replica of every RF-3 partition.
    assert!(
        p.above_share
            .iter()
            .any(|a| a.id == 6 && a.reason.contains("rack c"))
    );
}

#[test]
fn a_partition_wider_than_the_band_is_reported_not_refused() {
    let ids = [1, 2, 3];
    let current = layout(&ids, &[("t", 30, 1)]);
    let mut bytes: BTreeMap<TopicPartition, u64> =
        current.keys().map(|tp| (tp.clone(), 1_000)).collect();
    bytes.insert(TopicPartition::new("t", 0), 1_000_000);
    let sizes = uniform_sizes(&current, &bytes);
    let brokers = specs(&ids, None);
    let p = run("giant", &request(&current, &brokers, &sizes, &[]));
    let d = p.disk.as_ref().unwrap();
    assert!(!d.within_tolerance);
    assert!(!p.notes.is_empty());
    let holder = p.target[&TopicPartition::new("t", 0)][0];
    let a = p.above_share.iter().find(|a| a.id == holder).unwrap();
    assert!(a.reason.contains("1000000 bytes"), "{}", a.reason);
    // Nothing is gained by moving the giant around: it stays where it is.
    assert!(p.moves.iter().all(|m| m.tp.partition != 0));
}

#[test]
fn log_dirs_balance_within_a_broker() {
    // Broker 1 has two dirs, all its data in /d1; broker 2 one dir.
    let mut records = Vec::new();
    let mut current = Assignment::new();
    for p in 0..20 {
        let tp = TopicPartition::new("t", p);
        current.insert(tp.clone(), vec![1, 2]);
        records.push((tp.clone(), 1, "/d1".to_string(), 100 + p as u64));
        records.push((tp, 2, "/d".to_string(), 100 + p as u64));
    }
    let mut sizes = Sizes::from_records(records);
    sizes.log_dirs.push(crate::model::LogDirInfo {
        broker: 1,
        path: "/d2".into(),
        error: None,
    });
    sizes.log_dirs.push(crate::model::LogDirInfo {
        broker: 1,
        path: "/d3".into(),
        error: Some("KafkaStorageException".into()),
    });
    let brokers = specs(&[1, 2], None);
    let p = run("jbod", &request(&current, &brokers, &sizes, &[]));
    assert_eq!(p.replicas_moved, 0);
    assert!(!p.log_dir_moves.is_empty());
    let mut d1: u64 = (0..20).map(|p| 100 + p as u64).sum();
    let mut d2 = 0;
    for m in &p.log_dir_moves {
        assert_eq!(
            (m.broker, m.from.as_str(), m.to.as_str()),
            (1, "/d1", "/d2")
        );
        d1 -= m.bytes;
        d2 += m.bytes;
    }
    let mean = (d1 + d2) as f64 / 2.0;
    assert!((d1 as f64 - mean).abs() <= mean * 0.05 + 1.0, "{d1} {d2}");
    // The plan file names the new dirs; nothing goes to the failed one.
    let doc = json::parse_document(&p.reassignment_json(&current)).unwrap();
    assert_eq!(doc.log_dirs.len(), p.log_dir_moves.len());
    assert!(doc.log_dirs.values().all(|d| d == "/d2"));
    assert!(!p.is_noop());
}

#[test]
fn replicas_moving_in_get_the_emptiest_dir() {
    let mut records = Vec::new();
    let mut current = Assignment::new();
    for p in 0..6 {
        let tp = TopicPartition::new("t", p);
        current.insert(tp.clone(), vec![1]);
        records.push((tp, 1, "/data".to_string(), 1000));
    }
    let mut sizes = Sizes::from_records(records);
    for dir in ["/x", "/y"] {
        sizes.log_dirs.push(crate::model::LogDirInfo {
            broker: 2,
            path: dir.into(),
            error: None,
        });
    }
    let brokers = specs(&[1, 2], None);
    let p = run("placement", &request(&current, &brokers, &sizes, &[]));
    assert_eq!(p.replicas_moved, 3);
    let dirs: Vec<&str> = p
        .log_dirs
        .iter()
        .filter(|d| d.broker == 2)
        .map(|d| d.log_dir.as_str())
        .collect();
    assert_eq!(dirs.len(), 3);
    assert!(dirs.contains(&"/x") && dirs.contains(&"/y"));
}

#[test]
fn disk_needs_sizes_and_a_sane_tolerance() {
    let current = layout(&[1, 2], &[("t", 4, 2)]);
    let brokers = specs(&[1, 2], None);
    let mut req = PlanRequest::new(&current, &brokers);
    req.options.balance = Some(Balance::Disk);
    let e = plan_request(&req).unwrap_err();
    assert_eq!(e, PlanError::DiskNeedsSizes);
    assert_eq!(
        crate::error::Error::from(e).exit_status(),
        crate::error::ExitStatus::Usage
    );
    for bad in [-0.1, 1.5, f64::NAN, f64::INFINITY] {
        req.options.disk_tolerance = bad;
        assert!(matches!(
            plan_request(&req),
            Err(PlanError::BadTolerance(_))
        ));
    }
}

#[test]
fn demoted_brokers_lead_nothing_after_a_rebalance() {
    let (current, sizes) = grown(4, 40, 2);
    let brokers = specs(&[1, 2, 3, 4, 5], None);
    let mut req = request(&current, &brokers, &sizes, &[]);
    req.options.demoted = [2].into_iter().collect();
    let p = run("demote", &req);
    assert!(p.target.values().all(|r| r[0] != 2));
    assert!(
        p.target
            .values()
            .all(|r| !r.contains(&2) || r.last() == Some(&2))
    );
}

/// Random layouts with random sizes: brokers 1..=n (some leaving, some joining), racks from a
/// few names (so unequal racks happen), sizes from tiny to heavy.
fn arb_sized() -> impl Strategy<Value = (Assignment, Vec<BrokerSpec>, Vec<BrokerId>, Sizes, bool)> {
    (
        3usize..8,
        0usize..3,
        0usize..2,
        0usize..4,
        any::<u64>(),
        any::<bool>(),
    )
        .prop_flat_map(|(n, join, leave, racks, seed, keep)| {
            let total = n + join;
            let remaining = total - leave;
            let max_rf = remaining.min(n).clamp(1, 3);
            let topic = (1usize..=max_rf, 1usize..12);
            (
                proptest::collection::vec(topic, 1..4),
                Just((n, join, leave, racks, seed, keep)),
            )
        })
        .prop_map(|(topics, (n, join, leave, racks, seed, keep))| {
            let mut rng = SplitMix::new(seed);
            let mut a = Assignment::new();
            let mut bytes = BTreeMap::new();
            for (ti, (rf, parts)) in topics.into_iter().enumerate() {
                for p in 0..parts {
                    let mut pool: Vec<BrokerId> = (1..=n as BrokerId).collect();
                    let mut reps = Vec::new();
                    while reps.len() < rf {
                        let i = (rng.next_u64() % pool.len() as u64) as usize;
                        reps.push(pool.swap_remove(i));
                    }
                    let tp = TopicPartition::new(format!("t{ti}"), p as i32);
                    bytes.insert(tp.clone(), rng.pareto(1.1, 100.0));
                    a.insert(tp, reps);
                }
            }
            let names = ["a", "b", "c"];
            let all = (n + join) as BrokerId;
            let leaving: Vec<BrokerId> = ((all - leave as BrokerId + 1)..=all)
                .filter(|&b| b <= n as BrokerId)
                .collect();
            let brokers: Vec<BrokerSpec> = (1..=all)
                .filter(|b| !leaving.contains(b))
                .map(|b| {
                    let rack = (racks > 0).then(|| names[(b as usize * 7 + racks) % racks.min(3)]);
                    BrokerSpec::new(b, rack)
                })
                .collect();
            let sizes = uniform_sizes(&a, &bytes);
            (a, brokers, leaving, sizes, keep)
        })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 300,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]
    #[test]
    fn random_sized_layouts_keep_every_rule(
        (current, brokers, leaving, sizes, keep) in arb_sized(),
        by_count in any::<bool>(),
    ) {
        let mut req = request(&current, &brokers, &sizes, &leaving);
        req.options.keep_rack_violations = keep;
        req.options.balance = Some(if by_count { Balance::Count } else { Balance::Disk });
        let p = run("random sized", &req);
        prop_assert!(p.bytes_moved.unwrap() >= p.bytes_lower_bound.unwrap());
        prop_assert!(p.replicas_moved >= p.lower_bound);
        if keep {
            prop_assert!(p.rack.violations_after <= p.rack.violations_before);
            prop_assert_eq!(p.rack.heal_moves, 0);
        }
    }

    #[test]
    fn fine_grained_sizes_always_reach_the_tolerance(seed in any::<u64>(), n in 3i32..7, grow in 0i32..3) {
        // Many partitions, none larger than a small part of the band: the tolerance is
        // reachable, so it must be reached.
        let ids: Vec<BrokerId> = (1..=n).collect();
        let current = layout(&ids, &[("t", 40 * n, 2)]);
        let mut rng = SplitMix::new(seed);
        let bytes = current.keys().map(|tp| (tp.clone(), 1_000 + rng.next_u64() % 9_000)).collect();
        let sizes = uniform_sizes(&current, &bytes);
        let brokers = specs(&(1..=n + grow).collect::<Vec<_>>(), None);
        let p = run("fine", &request(&current, &brokers, &sizes, &[]));
        let d = p.disk.as_ref().unwrap();
        prop_assert!(d.within_tolerance, "{:?}", p.notes);
    }
}
