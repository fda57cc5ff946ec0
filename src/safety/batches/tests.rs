use proptest::prelude::*;

use super::*;
use crate::model::{Broker, QuorumInfo, QuorumReplica};
use crate::testkit::snapshot;

fn broker(id: BrokerId, rack: Option<&str>) -> Broker {
    Broker {
        id,
        host: format!("b{id}"),
        port: 9092,
        rack: rack.map(str::to_string),
    }
}

/// Six brokers over three racks (1,4 in a; 2,5 in b; 3,6 in c), rack-aware RF 3 min ISR 2
/// partitions, and whatever `extra` adds.
fn racks6(extra: &[(&str, i32, &[BrokerId], i32)]) -> ClusterSnapshot {
    let mut b = snapshot();
    for id in 1..=6 {
        let rack = ["zone-a", "zone-b", "zone-c"][usize::try_from((id - 1) % 3).unwrap_or(0)];
        b = b.broker(broker(id, Some(rack)));
    }
    for p in 0..6 {
        // One replica per rack: (1|4, 2|5, 3|6).
        let r = if p % 2 == 0 { [1, 2, 3] } else { [4, 5, 6] };
        let r = [r[p % 3], r[(p + 1) % 3], r[(p + 2) % 3]];
        b = b.partition("orders", i32::try_from(p).unwrap_or(0), &r, &r);
    }
    b = b.min_isr("orders", 2);
    for (t, p, r, m) in extra {
        b = b.partition(t, *p, r, r).min_isr(t, *m);
    }
    b.build()
}

fn ids(batches: &[Batch]) -> Vec<Vec<BrokerId>> {
    batches.iter().map(|b| b.brokers.clone()).collect()
}

const ORDER6: &[BrokerId] = &[1, 2, 3, 4, 5, 6];

#[test]
fn parallel_flag_parses_numbers_and_rack_and_refuses_the_rest() {
    assert_eq!(parse_parallelism("rack"), Ok(Parallelism::Rack));
    assert_eq!(parse_parallelism(" Rack "), Ok(Parallelism::Rack));
    assert_eq!(parse_parallelism("1"), Ok(Parallelism::Count(1)));
    assert_eq!(parse_parallelism("3"), Ok(Parallelism::Count(3)));
    assert_eq!(
        parse_parallelism("10000"),
        Ok(Parallelism::Count(MAX_PARALLEL))
    );
    for bad in [
        "0",
        "-1",
        "",
        "racks",
        "1.5",
        "10001",
        "18446744073709551616",
    ] {
        let e = parse_parallelism(bad).expect_err(bad);
        assert!(e.contains("--parallel"), "{bad}: {e}");
    }
}

#[test]
fn a_rack_aware_cluster_restarts_a_whole_rack_at_once() {
    let s = racks6(&[]);
    let input = BatchInput {
        order: ORDER6,
        ..Default::default()
    };
    let b = plan_batches(&s, &input, Parallelism::Rack);
    assert_eq!(ids(&b), vec![vec![1, 4], vec![2, 5], vec![3, 6]]);
    assert_eq!(b[0].rack.as_deref(), Some("zone-a"));
    // Each rack holds one replica of every partition: none has two away.
    assert!(b.iter().all(|x| x.tightest.is_none()), "{b:?}");
    assert!(b[0].why.contains("share no partition"), "{}", b[0].why);
}

#[test]
fn a_rack_splits_where_two_of_its_brokers_hold_too_much_of_one_partition() {
    // RF 2, min ISR 2, both replicas in zone-a: brokers 1 and 4 may not go together.
    let s = racks6(&[("ledger", 0, &[1, 4], 2)]);
    let input = BatchInput {
        order: ORDER6,
        ..Default::default()
    };
    let b = plan_batches(&s, &input, Parallelism::Rack);
    assert_eq!(ids(&b), vec![vec![1], vec![4], vec![2, 5], vec![3, 6]]);
    assert!(
        b[0].why.contains("broker 4 cannot join") && b[0].why.contains("ledger-0"),
        "{}",
        b[0].why
    );
    // RF 4 min ISR 2 with two replicas in zone-b: the pair keeps 2, allowed, and is the tightest.
    let s = racks6(&[("wide", 0, &[2, 5, 1, 3], 2)]);
    let b = plan_batches(&s, &input, Parallelism::Rack);
    assert_eq!(ids(&b), vec![vec![1, 4], vec![2, 5], vec![3, 6]]);
    let m = b[1]
        .tightest
        .clone()
        .expect("the pair holds two replicas of wide-0");
    assert_eq!((m.left, m.min_isr, m.replication_factor), (2, 2, 4));
    assert!(b[1].why.contains("keeps 2"), "{}", b[1].why);
}

#[test]
fn a_count_takes_brokers_that_share_no_partition_they_cannot_lose_together() {
    // Each partition lies wholly on {1,2,3} or on {4,5,6}: two brokers of one half would leave
    // 1 < 2 replicas, two of different halves share nothing.
    let s = racks6(&[]);
    let input = BatchInput {
        order: ORDER6,
        ..Default::default()
    };
    let b = plan_batches(&s, &input, Parallelism::Count(2));
    assert_eq!(ids(&b), vec![vec![1, 4], vec![2, 5], vec![3, 6]]);
    let b = plan_batches(&s, &input, Parallelism::Count(3));
    assert_eq!(ids(&b), vec![vec![1, 4], vec![2, 5], vec![3, 6]]);
    let b = plan_batches(&s, &input, Parallelism::Count(1));
    assert_eq!(ids(&b), ORDER6.iter().map(|x| vec![*x]).collect::<Vec<_>>());
    assert!(b.iter().all(|x| x.brokers.len() == 1));
}

#[test]
fn the_disruption_budget_caps_every_batch() {
    let s = racks6(&[("spread", 0, &[1, 2], 1), ("spread", 1, &[4, 5], 1)]);
    let input = BatchInput {
        order: ORDER6,
        disruptions_allowed: Some(1),
        ..Default::default()
    };
    let b = plan_batches(&s, &input, Parallelism::Rack);
    assert!(b.iter().all(|x| x.brokers.len() == 1), "{b:?}");
    assert!(
        b[0].why.contains("PodDisruptionBudget allows 1"),
        "{}",
        b[0].why
    );
    // A budget of 0 (a broker already down) still plans one at a time: the live eviction waits.
    let input = BatchInput {
        disruptions_allowed: Some(0),
        ..input
    };
    assert!(
        plan_batches(&s, &input, Parallelism::Count(3))
            .iter()
            .all(|x| x.brokers.len() == 1)
    );
}

#[test]
fn unready_brokers_go_first_and_alone_and_the_active_controller_last() {
    let s = racks6(&[]);
    let input = BatchInput {
        order: &[5, 1, 2, 3, 4, 6],
        unready: &[5],
        active_controller: Some(1),
        disruptions_allowed: None,
    };
    let b = plan_batches(&s, &input, Parallelism::Rack);
    assert_eq!(
        ids(&b),
        vec![vec![5], vec![2], vec![3, 6], vec![4], vec![1]]
    );
    assert!(b[0].why.contains("not Ready"));
    assert!(b[4].why.contains("active controller"));
}

#[test]
fn an_unknown_min_isr_never_pairs_two_of_its_replicas() {
    let s = snapshot()
        .brokers(&[1, 2, 3, 4])
        .partition("t", 0, &[1, 2, 3, 4], &[1, 2, 3, 4])
        .min_isr_unreadable("t", "not authorized")
        .build();
    assert!(matches!(
        conflict(&s, &[1, 2]),
        Some(Conflict::MinIsrUnknown { .. })
    ));
    let input = BatchInput {
        order: &[1, 2, 3, 4],
        ..Default::default()
    };
    let b = plan_batches(&s, &input, Parallelism::Count(4));
    assert!(b.iter().all(|x| x.brokers.len() == 1), "{b:?}");
}

#[test]
fn replicas_at_min_isr_and_rf_one_never_go_together() {
    // RF 2, min ISR 2 across racks: any single restart already drops below; never two at once.
    let s = snapshot()
        .brokers(&[1, 2])
        .partition("t", 0, &[1, 2], &[1, 2])
        .min_isr("t", 2)
        .build();
    assert!(matches!(
        conflict(&s, &[1, 2]),
        Some(Conflict::BelowMinIsr { left: 0, .. })
    ));
    // min ISR 1, RF 2: both away would leave none.
    let s = snapshot()
        .brokers(&[1, 2])
        .partition("t", 0, &[1, 2], &[1, 2])
        .min_isr("t", 1)
        .build();
    assert!(conflict(&s, &[1, 2]).is_some());
    // RF 3 min ISR 1: two away keeps one, allowed.
    let s = snapshot()
        .brokers(&[1, 2, 3])
        .partition("t", 0, &[1, 2, 3], &[1, 2, 3])
        .min_isr("t", 1)
        .build();
    assert_eq!(conflict(&s, &[1, 2]), None);
    let all = conflict(&s, &[1, 2, 3]).map(|c| c.to_string());
    assert!(all.is_some_and(|c| c.contains("t-0") && c.contains("keep 0")));
}

#[test]
fn two_kraft_voters_never_share_a_batch() {
    let mut s = racks6(&[]);
    s.quorum = Some(QuorumInfo {
        leader_id: 1,
        leader_epoch: 1,
        high_watermark: 1,
        voters: [1, 4]
            .iter()
            .map(|id| QuorumReplica {
                id: *id,
                log_end_offset: 1,
                last_fetch_timestamp_ms: None,
                last_caught_up_timestamp_ms: None,
            })
            .collect(),
        observers: vec![],
    });
    assert!(matches!(
        conflict(&s, &[1, 4]),
        Some(Conflict::TwoVoters { .. })
    ));
    let input = BatchInput {
        order: ORDER6,
        ..Default::default()
    };
    let b = plan_batches(&s, &input, Parallelism::Rack);
    assert_eq!(ids(&b), vec![vec![1], vec![4], vec![2, 5], vec![3, 6]]);
    assert!(b[0].why.contains("KRaft voters"), "{}", b[0].why);
}

#[test]
fn brokers_without_a_rack_go_alone_in_rack_mode() {
    let s = snapshot()
        .broker(broker(1, Some("a")))
        .broker(broker(2, None))
        .broker(broker(3, Some("a")))
        .build();
    let input = BatchInput {
        order: &[1, 2, 3],
        ..Default::default()
    };
    let b = plan_batches(&s, &input, Parallelism::Rack);
    assert_eq!(ids(&b), vec![vec![1, 3], vec![2]]);
    assert!(b[1].why.contains("no rack"));
}

/// A random cluster: brokers 1..=n over up to 3 racks (some without), partitions with distinct
/// replicas, min ISR per topic (some unknown).
fn cluster() -> impl Strategy<Value = (ClusterSnapshot, Vec<BrokerId>)> {
    (2usize..=8).prop_flat_map(|n| {
        let racks = proptest::collection::vec(proptest::option::weighted(0.9, 0usize..3), n);
        let parts = proptest::collection::vec(
            (
                0usize..3,
                proptest::sample::subsequence((1..=n).collect::<Vec<_>>(), 1..=n.min(4)),
            ),
            0..24,
        );
        let min_isr = proptest::collection::vec(proptest::option::weighted(0.9, 1i32..=3), 3);
        (Just(n), racks, parts, min_isr).prop_map(|(n, racks, parts, min_isr)| {
            let mut b = snapshot();
            for (i, r) in racks.iter().enumerate() {
                let id = BrokerId::try_from(i + 1).unwrap_or(0);
                b = b.broker(broker(id, r.map(|r| ["a", "b", "c"][r])));
            }
            for (i, (t, replicas)) in parts.iter().enumerate() {
                let r: Vec<BrokerId> = replicas
                    .iter()
                    .map(|x| BrokerId::try_from(*x).unwrap_or(0))
                    .collect();
                b = b.partition(&format!("t{t}"), i32::try_from(i).unwrap_or(0), &r, &r);
            }
            for (t, m) in min_isr.iter().enumerate() {
                b = match m {
                    Some(m) => b.min_isr(&format!("t{t}"), *m),
                    None => b.min_isr_unreadable(&format!("t{t}"), "not authorized"),
                };
            }
            let order = (1..=n)
                .map(|x| BrokerId::try_from(x).unwrap_or(0))
                .collect();
            (b.build(), order)
        })
    })
}

proptest! {
    #[test]
    fn every_plan_covers_each_broker_once_and_no_batch_breaks_the_rule(
        (s, order) in cluster(),
        count in 1usize..6,
        rack in any::<bool>(),
        budget in proptest::option::of(0usize..4),
        unready_mask in any::<u8>(),
        controller in proptest::option::of(1i32..=8),
    ) {
        let unready: Vec<BrokerId> = order
            .iter()
            .copied()
            .filter(|b| unready_mask & (1 << (*b % 8)) != 0 && *b % 3 == 0)
            .collect();
        let controller = controller.filter(|c| order.contains(c));
        let input = BatchInput {
            order: &order,
            unready: &unready,
            active_controller: controller,
            disruptions_allowed: budget,
        };
        let p = if rack { Parallelism::Rack } else { Parallelism::Count(count) };
        let batches = plan_batches(&s, &input, p);
        let mut all: Vec<BrokerId> = batches.iter().flat_map(|b| b.brokers.clone()).collect();
        all.sort_unstable();
        let mut want = order.clone();
        want.sort_unstable();
        prop_assert_eq!(all, want);
        let cap = match p { Parallelism::Count(n) => n, Parallelism::Rack => usize::MAX };
        let cap = budget.map_or(cap, |d| cap.min(d.max(1)));
        for b in &batches {
            prop_assert!(!b.brokers.is_empty() && b.brokers.len() <= cap);
            if b.brokers.len() > 1 {
                prop_assert_eq!(conflict(&s, &b.brokers), None);
                for (t, part) in s.partitions() {
                    let away = part.replicas.iter().filter(|r| b.brokers.contains(r)).count();
                    if away >= 2 {
                        let m = s.min_isr_of(&t.name);
                        prop_assert!(m.is_some());
                        let m = usize::try_from(m.unwrap_or(i32::MAX).max(1)).unwrap_or(usize::MAX);
                        prop_assert!(part.replicas.len() - away >= m);
                    }
                }
                for u in &unready { prop_assert!(!b.brokers.contains(u)); }
                prop_assert!(controller.is_none_or(|c| !b.brokers.contains(&c)));
            }
            if rack && b.brokers.len() > 1 {
                let racks: std::collections::BTreeSet<Option<String>> = b.brokers.iter()
                    .map(|id| s.brokers.iter().find(|x| x.id == *id).and_then(|x| x.rack.clone()))
                    .collect();
                prop_assert_eq!(racks.len(), 1);
                prop_assert!(racks.iter().all(Option::is_some));
            }
        }
        // Unready brokers lead, the active controller (when ready) closes.
        for (i, u) in unready.iter().enumerate() {
            prop_assert_eq!(&batches[i].brokers, &vec![*u]);
        }
        if let Some(c) = controller.filter(|c| !unready.contains(c)) {
            prop_assert_eq!(batches.last().map(|b| b.brokers.clone()), Some(vec![c]));
        }
    }
}
