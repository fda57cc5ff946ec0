//! The rack rule: drains that leave a rack short, unequal racks, healing and keeping violations.

use proptest::prelude::*;

use super::*;
use crate::plan::racks::Racks;

/// Six brokers over three racks, two each: 1:a 2:b 3:c 4:a 5:b 6:c.
fn six() -> Vec<BrokerSpec> {
    specs(&[1, 2, 3, 4, 5, 6], Some(&["a", "b", "c"]))
}

#[test]
fn draining_one_of_six_over_three_racks_plans() {
    // The case the count-only planner refused: drain broker 3 (rack c) of 6 brokers over 3
    // racks. Kafka's --generate finds a rack-safe plan; so must we.
    let all = six();
    let current = layout(&[1, 2, 3, 4, 5, 6], &[("orders", 24, 3), ("events", 12, 3)]);
    let keep: Vec<BrokerSpec> = all.iter().filter(|b| b.id != 3).cloned().collect();
    let p = drain(&current, &keep, true).unwrap();
    verify("drain 3", &current, &keep, &p);
    assert!(p.target.values().all(|r| !r.contains(&3)));
    // Broker 6, now alone in rack c, holds one replica of every partition.
    let counts = replica_counts(&p.target);
    assert_eq!(counts[&6], 36);
    let a = p.above_share.iter().find(|a| a.id == 6).unwrap();
    assert!(
        a.reason.contains("rack c has 1 of the 5 brokers"),
        "{}",
        a.reason
    );
    assert!(a.reason.contains("RF 3"), "{}", a.reason);
    // Everything else stays even: racks a and b split the other 72 replicas.
    for b in [1, 2, 4, 5] {
        assert_eq!(counts[&b], 18, "broker {b}");
    }
    // The 18 replicas of broker 3 move (to broker 6), nothing more.
    assert_eq!((p.replicas_moved, p.lower_bound), (18, 18));
}

#[test]
fn draining_a_whole_rack_spreads_over_the_others() {
    let all = six();
    let current = layout(&[1, 2, 3, 4, 5, 6], &[("orders", 24, 3)]);
    let keep: Vec<BrokerSpec> = all
        .iter()
        .filter(|b| b.id != 3 && b.id != 6)
        .cloned()
        .collect();
    let p = drain(&current, &keep, true).unwrap();
    verify("drain rack c", &current, &keep, &p);
    // Two racks left, RF 3: 2+1 per partition either way; counts even.
    let counts = replica_counts(&p.target);
    assert_eq!(counts.values().copied().collect::<Vec<_>>(), vec![18; 4]);
}

#[test]
fn unequal_racks_scale_out() {
    // 4/4/2 brokers over racks a/b/c, RF 3 everywhere: rack c's brokers each hold a third of
    // all partitions / 2.
    let mut brokers = Vec::new();
    for (i, r) in ["a", "a", "a", "a", "b", "b", "b", "b", "c", "c"]
        .iter()
        .enumerate()
    {
        brokers.push(BrokerSpec::new(i as i32 + 1, Some(r)));
    }
    let before: Vec<BrokerId> = vec![1, 5, 9, 2, 6, 10];
    let current = layout(&before, &[("t", 60, 3)]);
    let mut req = PlanRequest::new(&current, &brokers);
    req.options.balance_leaders = true;
    let p = run("4/4/2", &req);
    let counts = replica_counts(&p.target);
    assert_eq!((counts[&9], counts[&10]), (30, 30));
    for b in 1..=8 {
        assert_eq!(counts[&b], 15, "broker {b}");
    }
    assert_eq!(p.above_share.len(), 2);
}

#[test]
fn violations_are_healed_and_counted_apart_or_kept() {
    let brokers = six();
    let mut current = layout(&[1, 2, 3, 4, 5, 6], &[("t", 12, 3)]);
    // Two partitions with two replicas in rack a and none in c (resp. b).
    current.insert(TopicPartition::new("bad", 0), vec![1, 4, 2]);
    current.insert(TopicPartition::new("bad", 1), vec![4, 1, 3]);
    let mut req = PlanRequest::new(&current, &brokers);
    let p = run("heal", &req);
    assert_eq!(p.rack.violations_before, 4);
    assert_eq!(p.rack.violations_after, 0);
    assert_eq!(p.rack.heal_moves, 2);
    assert!(p.replicas_moved >= 2 && p.lower_bound >= 2);
    req.options.keep_rack_violations = true;
    let k = run("keep", &req);
    assert!(k.rack.kept);
    assert_eq!(k.rack.heal_moves, 0);
    assert!(k.rack.violations_after <= 4);
}

/// Dense racks for the independent check: `racks[i]` is broker i+1's rack (None: no rack).
fn rack_layout() -> impl Strategy<Value = Vec<Option<&'static str>>> {
    proptest::collection::vec(
        prop_oneof![
            Just(Some("a")),
            Just(Some("b")),
            Just(Some("c")),
            Just(None)
        ],
        1..8,
    )
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 500,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]
    /// The rule as `racks` computes it (floor and ceiling per rack) is the plain statement:
    /// no rack two replicas above another that still has a broker free.
    #[test]
    fn violation_free_means_evenly_spread(
        racks in rack_layout(),
        picks in proptest::collection::vec(any::<proptest::sample::Index>(), 1..6),
    ) {
        let brokers: Vec<BrokerSpec> = racks
            .iter()
            .enumerate()
            .map(|(i, r)| BrokerSpec::new(i as i32 + 1, *r))
            .collect();
        let mut pool: Vec<usize> = (0..brokers.len()).collect();
        let mut reps = Vec::new();
        for i in picks {
            if pool.is_empty() {
                break;
            }
            reps.push(pool.swap_remove(i.index(pool.len())));
        }
        let r = Racks::new(&brokers, &[], reps.len());
        let ids: Vec<BrokerId> = reps.iter().map(|&i| brokers[i].id).collect();
        prop_assert_eq!(r.violation(&reps) == 0, evenly_spread(&ids, &brokers), "{:?} {:?}", racks, ids);
        prop_assert_eq!(r.moves_to_heal(&reps) == 0, r.violation(&reps) == 0);
    }
}
