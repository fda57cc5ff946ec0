//! Replication-factor changes.

use std::collections::BTreeMap;

use proptest::prelude::*;

use super::*;
use crate::plan::rf::change_replication_factor;

fn wanted(items: &[(&str, usize)]) -> BTreeMap<String, usize> {
    items.iter().map(|(t, n)| (t.to_string(), *n)).collect()
}

#[test]
fn raising_rf_adds_rack_safe_replicas_on_the_emptiest_brokers() {
    let brokers = specs(&[1, 2, 3, 4, 5, 6], Some(&["a", "b", "c"]));
    let current = layout(&[1, 2, 3, 4, 5, 6], &[("t", 6, 2), ("other", 6, 3)]);
    let mut bytes: BTreeMap<TopicPartition, u64> =
        current.keys().map(|tp| (tp.clone(), 100)).collect();
    // Broker 6 is far fuller than the rest: it must not get new replicas when others can.
    for (tp, r) in &current {
        if r.contains(&6) && tp.topic == "other" {
            bytes.insert(tp.clone(), 100_000);
        }
    }
    let sizes = uniform_sizes(&current, &bytes);
    let mut req = PlanRequest::new(&current, &brokers);
    req.sizes = Some(&sizes);
    let p = change_replication_factor(&req, &wanted(&[("t", 3)])).unwrap();
    assert_eq!(p.additions.len(), 6);
    assert!(p.removals.is_empty() && p.moves.is_empty());
    for (tp, r) in &p.target {
        if tp.topic == "t" {
            assert_eq!(r.len(), 3);
            assert!(evenly_spread(r, &brokers), "{tp} {r:?}");
            // The leader stays.
            assert_eq!(r[0], current[tp][0]);
            assert_eq!(&r[..2], &current[tp][..]);
        } else {
            assert_eq!(r, &current[tp], "{tp} changed");
        }
    }
    assert!(
        p.additions.iter().all(|a| a.broker != 6),
        "{:?}",
        p.additions
    );
    // The bounds are exact: every added replica copies its partition.
    assert_eq!((p.replicas_moved, p.lower_bound), (6, 6));
    assert_eq!(p.bytes_moved, Some(600));
    assert_eq!(p.bytes_lower_bound, Some(600));
    assert_eq!(p.rack.violations_after, 0);
}

#[test]
fn lowering_rf_removes_from_the_fullest_brokers_first() {
    let brokers = specs(&[1, 2, 3], None);
    let current = layout(&[1, 2, 3], &[("t", 3, 3)]);
    let mut bytes: BTreeMap<TopicPartition, u64> =
        current.keys().map(|tp| (tp.clone(), 10)).collect();
    let mut current = current;
    // Broker 3 holds a big single-replica topic: it is the fullest.
    current.insert(TopicPartition::new("big", 0), vec![3]);
    bytes.insert(TopicPartition::new("big", 0), 1_000);
    let sizes = uniform_sizes(&current, &bytes);
    let mut req = PlanRequest::new(&current, &brokers);
    req.sizes = Some(&sizes);
    let p = change_replication_factor(&req, &wanted(&[("t", 2)])).unwrap();
    assert_eq!(p.removals.len(), 3);
    assert!(p.removals.iter().all(|r| r.broker == 3), "{:?}", p.removals);
    assert_eq!(p.replicas_moved, 0);
    assert!(!p.is_noop());
    // Without sizes, by replica counts: broker 1 holds one more.
    let mut c2 = layout(&[1, 2, 3], &[("t", 3, 3)]);
    c2.insert(TopicPartition::new("x", 0), vec![1]);
    let req = PlanRequest::new(&c2, &brokers);
    let p = change_replication_factor(&req, &wanted(&[("t", 2)])).unwrap();
    assert_eq!(p.removals.iter().filter(|r| r.broker == 1).count(), 1);
    let after = replica_counts(&p.target);
    assert_eq!(after.values().copied().collect::<Vec<_>>(), vec![3, 2, 2]);
}

#[test]
fn lowering_rf_keeps_the_rack_spread() {
    // RF 3 over racks a,a,b: going to 2 must keep one replica in each rack.
    let brokers = vec![
        BrokerSpec::new(1, Some("a")),
        BrokerSpec::new(2, Some("a")),
        BrokerSpec::new(3, Some("b")),
    ];
    let current: Assignment = [(TopicPartition::new("t", 0), vec![3, 1, 2])]
        .into_iter()
        .collect();
    let p = change_replication_factor(&PlanRequest::new(&current, &brokers), &wanted(&[("t", 2)]))
        .unwrap();
    let r = &p.target[&TopicPartition::new("t", 0)];
    assert!(r.contains(&3) && r.len() == 2, "{r:?}");
}

#[test]
fn rf_errors_say_what_to_do() {
    let brokers = specs(&[1, 2, 3], None);
    let current = layout(&[1, 2, 3], &[("t", 3, 2)]);
    let req = PlanRequest::new(&current, &brokers);
    let e = change_replication_factor(&req, &wanted(&[("nope", 2)])).unwrap_err();
    assert_eq!(e, PlanError::UnknownTopic("nope".into()));
    let e = change_replication_factor(&req, &wanted(&[("t", 0)])).unwrap_err();
    assert!(matches!(e, PlanError::ZeroReplicationFactor(_)));
    let e = change_replication_factor(&req, &wanted(&[("t", 4)])).unwrap_err();
    assert!(e.is_refusal(), "{e}");
    assert!(
        e.to_string()
            .contains("replication factor 4 but only 3 brokers")
    );
    let mut req = PlanRequest::new(&current, &brokers);
    req.options.leaving = [3].into_iter().collect();
    assert_eq!(
        change_replication_factor(&req, &wanted(&[("t", 3)])).unwrap_err(),
        PlanError::RfWithLeaving
    );
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 300,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]
    #[test]
    fn any_rf_change_reaches_the_factor_and_touches_nothing_else(
        n in 3i32..8,
        racks in 0usize..4,
        rf0 in 1usize..4,
        rf1 in 1usize..6,
        parts in 1i32..20,
    ) {
        let rf0 = rf0.min(n as usize);
        let rf1 = rf1.min(n as usize);
        let names = ["a", "b", "c"];
        let ids: Vec<BrokerId> = (1..=n).collect();
        let brokers = specs(&ids, (racks > 0).then_some(&names[..racks.min(3)]));
        let current = layout(&ids, &[("t", parts, rf0), ("u", 5, 1)]);
        let p = change_replication_factor(&PlanRequest::new(&current, &brokers), &wanted(&[("t", rf1)])).unwrap();
        for (tp, r) in &p.target {
            if tp.topic == "t" {
                prop_assert_eq!(r.len(), rf1);
                let set: std::collections::BTreeSet<_> = r.iter().collect();
                prop_assert_eq!(set.len(), r.len());
                // Round-robin layouts start evenly spread; they stay so.
                if evenly_spread(&current[tp], &brokers) {
                    prop_assert!(evenly_spread(r, &brokers), "{} {:?}", tp, r);
                }
                // Survivors keep their order; additions come last.
                let kept: Vec<BrokerId> = current[tp].iter().copied().filter(|b| r.contains(b)).collect();
                prop_assert_eq!(&r[..kept.len().min(r.len())], &kept[..kept.len().min(r.len())]);
            } else {
                prop_assert_eq!(r, &current[tp]);
            }
        }
        let added = rf1.saturating_sub(rf0) * parts as usize;
        let removed = rf0.saturating_sub(rf1) * parts as usize;
        prop_assert_eq!((p.additions.len(), p.removals.len()), (added, removed));
        prop_assert_eq!(p.replicas_moved, added);
        prop_assert_eq!(p.lower_bound, added);
    }
}

#[test]
fn plans_serialise_to_json_with_their_bounds() {
    let brokers = specs(&[1, 2, 3, 4], Some(&["a", "b"]));
    let current = layout(&[1, 2, 3], &[("t", 6, 2)]);
    let bytes = current.keys().map(|tp| (tp.clone(), 10)).collect();
    let sizes = uniform_sizes(&current, &bytes);
    let mut req = PlanRequest::new(&current, &brokers);
    req.sizes = Some(&sizes);
    let p = plan_request(&req).unwrap();
    let v = serde_json::to_value(&p).unwrap();
    for key in [
        "replicas_moved",
        "lower_bound",
        "bytes_moved",
        "bytes_lower_bound",
        "bytes_must_leave",
        "rack",
        "disk",
        "above_share",
    ] {
        assert!(v.get(key).is_some(), "{key} missing: {v}");
    }
    assert_eq!(v["balance"], "disk");
    assert_eq!(v["target"][0]["topic"], "t");
    assert_eq!(v["bytes_moved"], p.bytes_moved.unwrap());
    let d = crate::plan::leaders::demote(&current, &[1].into_iter().collect(), None).unwrap();
    assert!(serde_json::to_value(&d).unwrap()["target"].is_array());
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 300,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]
    #[test]
    fn demote_moves_leadership_only(
        n in 2i32..7,
        rf in 1usize..4,
        parts in 1i32..30,
        demoted in proptest::collection::btree_set(1i32..7, 1..3),
    ) {
        let rf = rf.min(n as usize);
        let ids: Vec<BrokerId> = (1..=n).collect();
        let current = layout(&ids, &[("t", parts, rf)]);
        match crate::plan::leaders::demote(&current, &demoted, None) {
            Ok(d) => {
                for (tp, r) in &d.target {
                    let mut a = r.clone();
                    let mut b = current[tp].clone();
                    a.sort();
                    b.sort();
                    prop_assert_eq!(a, b, "{} replica set changed", tp);
                    prop_assert!(!demoted.contains(&r[0]), "{} led by a demoted broker", tp);
                    let first_demoted = r.iter().position(|x| demoted.contains(x)).unwrap_or(r.len());
                    prop_assert!(r[first_demoted..].iter().all(|x| demoted.contains(x)));
                }
                prop_assert_eq!(d.leader_changes, leader_changes(&current, &d.target));
            }
            Err(e) => {
                prop_assert!(current.values().any(|r| r.iter().all(|x| demoted.contains(x))), "{}", e);
            }
        }
    }
}
