use super::*;
use crate::model::{OngoingReassignment, QuorumReplica};
use crate::testkit::snapshot;

/// (topic, partition, replicas, isr); leader is the first ISR member, none when the ISR is empty.
type P<'a> = (&'a str, i32, &'a [i32], &'a [i32]);

fn snap(brokers: &[BrokerId], parts: &[P], min_isr: &[(&str, i32)]) -> ClusterSnapshot {
    let mut b = snapshot().brokers(brokers);
    for (t, p, r, isr) in parts {
        b = b.partition(t, *p, r, isr);
    }
    for (t, m) in min_isr {
        b = b.min_isr(t, *m);
    }
    b.build()
}

fn kinds(v: &[Blocker]) -> Vec<&'static str> {
    v.iter()
        .map(|b| match b {
            Blocker::BrokersNotRegistered { .. } => "not_registered",
            Blocker::BrokerNotRegistered { .. } => "self_not_registered",
            Blocker::OfflinePartitions { .. } => "offline",
            Blocker::UnderReplicated { .. } => "urp",
            Blocker::ReassignmentInProgress { .. } => "reassigning",
            Blocker::BelowMinIsr { .. } => "below_min_isr",
            Blocker::ReplicationFactorAtMinIsr { .. } => "rf_at_min_isr",
            Blocker::WouldGoOffline { .. } => "would_go_offline",
            Blocker::QuorumAtRisk { .. } => "quorum",
            Blocker::MinIsrUnknown { .. } => "min_isr_unknown",
        })
        .collect()
}

/// (name, snapshot, broker, force, expected reasons (empty = allowed), expected warnings)
type RestartCase = (
    &'static str,
    ClusterSnapshot,
    BrokerId,
    bool,
    Vec<&'static str>,
    Vec<&'static str>,
);

#[test]
fn can_restart_table() {
    let all = [1, 2, 3];
    let cases: Vec<RestartCase> = vec![
        (
            "healthy RF3 minISR2",
            snap(&all, &[("t", 0, &[1, 2, 3], &[1, 2, 3])], &[("t", 2)]),
            1,
            false,
            vec![],
            vec![],
        ),
        (
            // ISR == minISR and the broker is in it: the usual roller rule blocks, so do we.
            "ISR at min ISR, broker in ISR",
            snap(&all, &[("t", 0, &[1, 2, 3], &[1, 2])], &[("t", 2)]),
            1,
            false,
            vec!["urp", "below_min_isr"],
            vec![],
        ),
        (
            // The broker is the lagging one: restarting it does not shrink the ISR, and the
            // under-replication is its own absence, so nothing blocks (no --force needed).
            "ISR at min ISR, broker outside ISR",
            snap(&all, &[("t", 0, &[1, 2, 3], &[1, 2])], &[("t", 2)]),
            3,
            false,
            vec![],
            vec![],
        ),
        (
            "ISR under min ISR blocks even when broker outside ISR",
            snap(&all, &[("t", 0, &[1, 2, 3], &[1])], &[("t", 2)]),
            3,
            false,
            vec!["urp", "below_min_isr"],
            vec![],
        ),
        (
            "ISR under min ISR relaxed by force",
            snap(&all, &[("t", 0, &[1, 2, 3], &[1, 2])], &[("t", 2)]),
            1,
            true,
            vec![],
            vec!["urp", "below_min_isr"],
        ),
        (
            "RF <= min ISR never blocks, is reported",
            snap(&all, &[("t", 0, &[1, 2], &[1, 2])], &[("t", 2)]),
            1,
            false,
            vec![],
            vec!["rf_at_min_isr"],
        ),
        (
            "RF1 would go offline, even with force",
            snap(&all, &[("t", 0, &[1], &[1])], &[]),
            1,
            true,
            vec!["would_go_offline"],
            vec!["rf_at_min_isr"],
        ),
        (
            "only ISR member, RF3",
            snap(&all, &[("t", 0, &[1, 2, 3], &[1])], &[("t", 1)]),
            1,
            true,
            vec!["would_go_offline"],
            vec!["urp", "below_min_isr"],
        ),
        (
            "URP elsewhere blocks",
            snap(
                &all,
                &[("t", 0, &[1, 2, 3], &[1, 2, 3]), ("u", 0, &[2, 3], &[2])],
                &[("t", 2)],
            ),
            1,
            false,
            vec!["urp"],
            vec![],
        ),
        (
            "offline partition elsewhere blocks",
            snap(
                &all,
                &[("t", 0, &[1, 2, 3], &[1, 2, 3]), ("u", 0, &[2], &[])],
                &[],
            ),
            1,
            false,
            vec!["offline", "urp"],
            vec![],
        ),
        (
            "partition not on broker does not matter for ISR",
            snap(&all, &[("t", 0, &[2, 3], &[2, 3])], &[("t", 2)]),
            1,
            false,
            vec![],
            vec![],
        ),
        (
            "broker missing from metadata",
            snap(&[1, 2], &[("t", 0, &[1, 2], &[1, 2])], &[]),
            1,
            false,
            vec!["not_registered"],
            vec![],
        ),
        (
            "the broker itself already down",
            snap(&[1, 2], &[("t", 0, &[1, 2, 3], &[1, 2, 3])], &[("t", 2)]),
            3,
            false,
            vec![],
            vec!["self_not_registered"],
        ),
    ];
    for (name, s, b, force, reasons, warnings) in cases {
        let policy = RestartPolicy {
            force,
            expected_brokers: vec![1, 2, 3],
            ..Default::default()
        };
        let v = can_restart(&s, b, &policy);
        match &v {
            Verdict::Allowed { warnings: w } => {
                assert!(reasons.is_empty(), "{name}: allowed, expected {reasons:?}");
                assert_eq!(kinds(w), warnings, "{name}: warnings");
            }
            Verdict::Blocked {
                reasons: r,
                warnings: w,
            } => {
                assert_eq!(kinds(r), reasons, "{name}: reasons");
                assert_eq!(kinds(w), warnings, "{name}: warnings");
            }
        }
        assert_eq!(v.is_allowed(), reasons.is_empty(), "{name}");
    }
}

#[test]
fn blocked_names_partitions_and_refuses() {
    let s = snap(
        &[1, 2, 3],
        &[("orders", 4, &[1, 2, 3], &[1, 2])],
        &[("orders", 2)],
    );
    let v = can_restart(&s, 2, &RestartPolicy::default());
    let Verdict::Blocked { reasons, .. } = &v else {
        panic!("expected blocked: {v:?}");
    };
    let Some(Blocker::BelowMinIsr { partitions }) = reasons.last() else {
        panic!("{reasons:?}");
    };
    assert_eq!(partitions[0].tp, TopicPartition::new("orders", 4));
    assert_eq!(partitions[0].min_isr, 2);
    let err = v.into_result(2).unwrap_err();
    assert_eq!(err.exit_status(), crate::error::ExitStatus::Refused);
    assert!(err.to_string().contains("orders-4"), "{err}");
    let json = serde_json::to_value(can_restart(&s, 2, &RestartPolicy::default())).unwrap();
    assert_eq!(json["verdict"], "blocked");
}

#[test]
fn allow_offline_is_explicit() {
    let s = snap(&[1, 2], &[("t", 0, &[1], &[1])], &[]);
    let policy = RestartPolicy {
        allow_offline: true,
        ..Default::default()
    };
    let v = can_restart(&s, 1, &policy);
    assert!(v.is_allowed());
    assert!(kinds(v.warnings()).contains(&"would_go_offline"));
}

#[test]
fn reassignment_in_flight_blocks() {
    let mut s = snap(&[1, 2, 3], &[("t", 0, &[1, 2, 3], &[1, 2, 3])], &[]);
    s.reassignments.push(OngoingReassignment {
        tp: TopicPartition::new("t", 0),
        replicas: vec![1, 2, 3],
        adding: vec![],
        removing: vec![3],
    });
    let v = can_restart(&s, 1, &RestartPolicy::default());
    let Verdict::Blocked { reasons, .. } = v else {
        panic!("expected blocked");
    };
    assert_eq!(kinds(&reasons), vec!["reassigning"]);
}

fn quorum(n: i32, leader: i32, lagging: &[i32], now: i64) -> QuorumInfo {
    QuorumInfo {
        leader_id: leader,
        leader_epoch: 1,
        high_watermark: 100,
        voters: (1..=n)
            .map(|id| QuorumReplica {
                id,
                log_end_offset: 100,
                last_fetch_timestamp_ms: Some(now),
                last_caught_up_timestamp_ms: if lagging.contains(&id) {
                    Some(now - 60_000)
                } else {
                    Some(now - 100)
                },
            })
            .collect(),
        observers: vec![],
    }
}

#[test]
fn quorum_table() {
    let now = 1_000_000;
    // (voters, leader, lagging, restart, allowed)
    let cases: &[(i32, i32, &[i32], i32, bool)] = &[
        (1, 1, &[], 1, false),
        (3, 1, &[], 2, true),
        (3, 1, &[], 1, true),
        (3, 1, &[3], 2, false),
        (3, 1, &[3], 3, true),
        (5, 1, &[], 3, true),
        (5, 1, &[4], 3, true),
        (5, 1, &[4, 5], 3, false),
        (5, 1, &[4, 5], 4, true),
        (5, 1, &[2, 3, 4], 5, false),
        // A node that is not a voter never risks the quorum.
        (3, 1, &[2, 3], 7, true),
        // The leader counts as caught up whatever its timestamp says.
        (3, 1, &[1], 2, true),
    ];
    for &(n, leader, lagging, id, want) in cases {
        let q = quorum(n, leader, lagging, now);
        assert_eq!(
            quorum_allows_restart(&q, id, DEFAULT_QUORUM_FETCH_TIMEOUT_MS),
            want,
            "voters {n}, lagging {lagging:?}, restart {id}"
        );
    }
    // A voter never heard from is not caught up.
    let mut q = quorum(3, 1, &[], now);
    q.voters[2].last_caught_up_timestamp_ms = None;
    assert!(!quorum_allows_restart(&q, 2, 2000));
}

#[test]
fn quorum_caught_up_is_measured_against_the_leaders_own_timestamp() {
    // The leader's clock is an hour ahead of this machine's: every voter's timestamps are too,
    // and all are caught up. Nothing local enters the rule.
    let hour_ahead = 1_000_000 + 3_600_000;
    let q = quorum(3, 1, &[], hour_ahead);
    assert!(quorum_allows_restart(
        &q,
        2,
        DEFAULT_QUORUM_FETCH_TIMEOUT_MS
    ));
    // Voter 3 caught up 3 s before the leader's own timestamp: lagging at Kafka's default 2 s,
    // caught up when the controllers run with a 5 s fetch timeout.
    let mut q = quorum(3, 1, &[], 1_000_000);
    q.voters[0].last_caught_up_timestamp_ms = Some(1_000_000);
    q.voters[2].last_caught_up_timestamp_ms = Some(997_000);
    assert!(!quorum_allows_restart(
        &q,
        2,
        DEFAULT_QUORUM_FETCH_TIMEOUT_MS
    ));
    assert!(quorum_allows_restart(&q, 2, 5000));
    // Without the leader's own timestamp nobody else can be shown caught up.
    q.voters[0].last_caught_up_timestamp_ms = None;
    assert!(!quorum_allows_restart(&q, 2, 5000));
}

#[test]
fn quorum_in_can_restart_is_relaxed_only_by_force() {
    let now = 1_000_000;
    let mut s = snap(&[1, 2, 3], &[("t", 0, &[1, 2, 3], &[1, 2, 3])], &[]);
    s.quorum = Some(quorum(3, 1, &[3], now));
    let mut policy = RestartPolicy::default();
    let v = can_restart(&s, 2, &policy);
    assert!(!v.is_allowed());
    policy.force = true;
    assert!(can_restart(&s, 2, &policy).is_allowed());
}

/// (brokers, active controller, unready, expected order)
type OrderCase = (&'static [i32], Option<i32>, &'static [i32], &'static [i32]);

#[test]
fn restart_order_table() {
    let cases: &[OrderCase] = &[
        (&[3, 1, 2], None, &[], &[1, 2, 3]),
        (&[1, 2, 3], Some(1), &[], &[2, 3, 1]),
        (&[1, 2, 3], Some(2), &[3], &[3, 1, 2]),
        (&[1, 2, 3, 4], Some(4), &[2, 1], &[1, 2, 3, 4]),
        // An unready controller is restarted with the unready ones.
        (&[1, 2, 3], Some(3), &[3], &[3, 1, 2]),
        (&[5, 5, 4], Some(9), &[], &[4, 5]),
    ];
    for &(brokers, controller, unready, want) in cases {
        assert_eq!(
            restart_order(brokers, controller, unready),
            want,
            "{brokers:?} controller {controller:?} unready {unready:?}"
        );
    }
}

#[test]
fn settle_tracker() {
    let mut t = SettleTracker::new(30_000);
    assert!(!t.is_settled());
    assert!(!t.observe(0, 2));
    assert_eq!(t.remaining_ms(), None);
    assert!(!t.observe(10_000, 0));
    assert_eq!(t.remaining_ms(), Some(30_000));
    assert!(!t.observe(30_000, 0));
    assert!(t.observe(40_000, 0));
    // A single non-zero observation restarts the window.
    assert!(!t.observe(50_000, 1));
    assert!(!t.observe(60_000, 0));
    assert!(!t.observe(89_999, 0));
    assert!(t.observe(90_000, 0));
    // Time going backwards starts over.
    assert!(!t.observe(80_000, 0));
    t.reset();
    assert!(!t.is_settled());
    // A zero window is satisfied by one clean observation.
    let mut z = SettleTracker::new(0);
    assert!(z.observe(5, 0));
}

/// A topic whose min.insync.replicas could not be read (DescribeConfigs refused or timed out) must
/// block the restart, naming the topics and the permission: unknown is not "1".
#[test]
fn unreadable_min_isr_refuses() {
    let parts = [
        ("t", 0, &[1, 2, 3][..], &[1, 2, 3][..]),
        ("u", 0, &[2, 3][..], &[2, 3][..]),
    ];
    let mut s = snap(&[1, 2, 3], &parts, &[("t", 2)]);
    s.min_isr.remove("t");
    s.min_isr_unreadable.insert(
        "t".into(),
        "not authorized [TOPIC_AUTHORIZATION_FAILED]".into(),
    );
    let v = can_restart(&s, 1, &RestartPolicy::default());
    let Verdict::Blocked { reasons, .. } = &v else {
        panic!("an unknown min ISR must block: {v:?}");
    };
    assert_eq!(kinds(reasons), ["min_isr_unknown"]);
    let e = v.clone().into_result(1).unwrap_err();
    assert_eq!(e.exit_status(), crate::error::ExitStatus::Refused);
    let msg = e.to_string();
    assert!(
        msg.contains("topics t ")
            && msg.contains("DescribeConfigs")
            && msg.contains("not authorized"),
        "{msg}"
    );
    // Broker 1 holds nothing of "u": that topic's min ISR does not matter for it.
    s.min_isr.remove("u");
    let v = can_restart(&s, 1, &RestartPolicy::default());
    let Verdict::Blocked { reasons, .. } = &v else {
        panic!("{v:?}");
    };
    assert_eq!(
        reasons,
        &[Blocker::MinIsrUnknown {
            topics: vec!["t".into()],
            reason: Some("not authorized [TOPIC_AUTHORIZATION_FAILED]".into()),
        }]
    );
    // --force relaxes it like the other checks, and says so.
    let forced = can_restart(
        &s,
        1,
        &RestartPolicy {
            force: true,
            ..Default::default()
        },
    );
    assert!(forced.is_allowed());
    assert_eq!(kinds(forced.warnings()), ["min_isr_unknown"]);
}

/// Offline: t-0 has no leader and broker 3 is its last in-sync replica.
fn offline_with_last_isr(last: BrokerId) -> ClusterSnapshot {
    snapshot()
        .brokers(&[1, 2])
        .partition_led("t", 0, Some(-1), &[1, 2, 3], &[last])
        .partition("t", 1, &[1, 2], &[1, 2])
        .min_isr("t", 1)
        .build()
}

#[test]
fn an_offline_partition_does_not_block_its_last_in_sync_replica() {
    let policy = RestartPolicy {
        expected_brokers: vec![1, 2, 3],
        ..Default::default()
    };
    // Broker 3 is down and holds the only copy in sync: restarting it is how t-0 comes back.
    let v = can_restart(&offline_with_last_isr(3), 3, &policy);
    assert!(v.is_allowed(), "{v:?}");
    assert!(!kinds(v.warnings()).contains(&"would_go_offline"), "{v:?}");
    // Anyone else still waits for it (and broker 3 is not registered).
    let v = can_restart(&offline_with_last_isr(3), 1, &policy);
    let Verdict::Blocked { reasons, .. } = v else {
        panic!("expected blocked");
    };
    assert_eq!(kinds(&reasons), ["not_registered", "offline", "urp"]);
}

#[test]
fn a_registered_broker_that_is_the_last_isr_of_an_offline_partition_may_restart() {
    // Broker 3 is registered but stuck (its replica of t-0 offline): the partition has no
    // leader and 3 is its last in-sync replica.
    let s = snapshot()
        .brokers(&[1, 2, 3])
        .partition_led("t", 0, Some(-1), &[1, 2, 3], &[3])
        .partition("t", 1, &[1, 2, 3], &[1, 2, 3])
        .min_isr("t", 2)
        .build();
    let v = can_restart(&s, 3, &RestartPolicy::default());
    assert!(v.is_allowed(), "{v:?}");
}

#[test]
fn a_brokers_own_absence_does_not_block_its_own_restart() {
    // Broker 3 is registered but lagging: it is out of every ISR it belongs to, and that is the
    // only under-replication in the cluster.
    let lagging = snap(
        &[1, 2, 3],
        &[("t", 0, &[1, 2, 3], &[1, 2]), ("t", 1, &[3, 1, 2], &[1, 2])],
        &[("t", 2)],
    );
    let v = can_restart(&lagging, 3, &RestartPolicy::default());
    assert_eq!(v, Verdict::Allowed { warnings: vec![] });
    // Broker 1 is still held back by 3's absence.
    let v = can_restart(&lagging, 1, &RestartPolicy::default());
    assert!(!v.is_allowed());
    // Under-replication that others cause still blocks 3.
    let other = snap(
        &[1, 2, 3],
        &[("t", 0, &[1, 2, 3], &[1, 2]), ("u", 0, &[1, 2, 4], &[1, 2])],
        &[("t", 2), ("u", 2)],
    );
    let Verdict::Blocked { reasons, .. } = can_restart(&other, 3, &RestartPolicy::default()) else {
        panic!("expected blocked");
    };
    assert_eq!(kinds(&reasons), ["urp"]);
}

#[test]
fn a_stuck_broker_is_restarted_whatever_the_rest_looks_like_but_not_against_the_quorum() {
    // Broker 3's pod is not Ready; broker 2 is unregistered too and u-0 is under-replicated
    // by others. Restarting 3 takes nothing: allowed, with everything else as warnings.
    let s = snap(
        &[1, 3],
        &[("t", 0, &[1, 2, 3], &[1, 3]), ("u", 0, &[1, 2], &[1])],
        &[("t", 1), ("u", 1)],
    );
    let policy = RestartPolicy {
        expected_brokers: vec![1, 2, 3],
        unready_brokers: vec![3],
        ..Default::default()
    };
    let v = can_restart(&s, 3, &policy);
    assert!(v.is_allowed(), "{v:?}");
    assert!(kinds(v.warnings()).contains(&"urp"), "{v:?}");
    // The same broker with its pod Ready is not stuck: the checks apply.
    let ready = RestartPolicy {
        unready_brokers: vec![],
        ..policy.clone()
    };
    assert!(!can_restart(&s, 3, &ready).is_allowed());
    // A stuck combined-mode voter still needs the rest of the quorum caught up.
    let mut q = s.clone();
    q.quorum = Some(quorum(3, 1, &[2], 1_000_000));
    let Verdict::Blocked { reasons, .. } = can_restart(&q, 3, &policy) else {
        panic!("expected blocked");
    };
    assert_eq!(kinds(&reasons), ["quorum"]);
}

#[test]
fn force_counts_only_live_isr_members() {
    // t-0's ISR still lists 2 and 3 besides 1, but 2 is unregistered and 3's replica is
    // reported offline: 1 is the last live in-sync replica. --force must not take it.
    let mut s = snapshot()
        .brokers(&[1, 3, 4])
        .partition("t", 0, &[1, 2, 3], &[1, 2, 3])
        .min_isr("t", 1)
        .build();
    s.topics[0].partitions[0].offline_replicas = vec![3];
    let force = RestartPolicy {
        force: true,
        expected_brokers: vec![1, 2, 3],
        ..Default::default()
    };
    let Verdict::Blocked { reasons, .. } = can_restart(&s, 1, &force) else {
        panic!("expected blocked");
    };
    assert_eq!(kinds(&reasons), ["would_go_offline"]);
    // A member whose pod is not Ready is not live either.
    let s = snap(&[1, 2], &[("t", 0, &[1, 2], &[1, 2])], &[("t", 1)]);
    let unready = RestartPolicy {
        unready_brokers: vec![2],
        ..force.clone()
    };
    assert!(!can_restart(&s, 1, &unready).is_allowed());
    assert!(can_restart(&s, 1, &force).is_allowed());
    // Without --force the dead members do not count towards min.insync.replicas.
    let s = snap(&[1, 3], &[("t", 0, &[1, 2, 3], &[1, 2, 3])], &[("t", 2)]);
    let Verdict::Blocked { reasons, .. } = can_restart(&s, 3, &RestartPolicy::default()) else {
        panic!("expected blocked");
    };
    assert_eq!(kinds(&reasons), ["below_min_isr"]);
}

#[test]
fn a_batch_keeps_min_isr_without_all_its_brokers() {
    // Rack-aware RF 3, min ISR 2: brokers 1 and 4 share a rack and no partition.
    let s = snap(
        &[1, 2, 3, 4, 5, 6],
        &[
            ("t", 0, &[1, 2, 3], &[1, 2, 3]),
            ("t", 1, &[4, 5, 6], &[4, 5, 6]),
            ("u", 0, &[1, 2], &[1, 2]),
        ],
        &[("t", 2), ("u", 1)],
    );
    let policy = RestartPolicy::default();
    assert!(can_restart_batch(&s, &[1, 4], &policy).is_allowed());
    // 1 and 2 together leave t-0 with one in-sync replica and u-0 with none.
    let Verdict::Blocked { reasons, .. } = can_restart_batch(&s, &[1, 2], &policy) else {
        panic!("expected blocked");
    };
    assert_eq!(kinds(&reasons), ["would_go_offline", "below_min_isr"]);
    // A batch of one is the single rule.
    assert_eq!(
        can_restart_batch(&s, &[2], &policy),
        can_restart(&s, 2, &policy)
    );
}

mod batch_props {
    use super::*;
    use proptest::prelude::*;

    /// Up to 8 partitions over brokers 1..=6: replicas (RF 1–3), ISR a non-empty prefix.
    fn cluster() -> impl Strategy<Value = ClusterSnapshot> {
        let part = (
            proptest::sample::subsequence((1..=6).collect::<Vec<i32>>(), 1..=3),
            1usize..=3,
        );
        (proptest::collection::vec(part, 1..8), 1i32..=3).prop_map(|(parts, min_isr)| {
            let mut b = snapshot()
                .brokers(&[1, 2, 3, 4, 5, 6])
                .min_isr("t", min_isr);
            for (i, (replicas, keep)) in parts.iter().enumerate() {
                let isr = &replicas[..(*keep).min(replicas.len())];
                b = b.partition("t", i as i32, replicas, isr);
            }
            b.build()
        })
    }

    proptest! {
        #[test]
        fn an_allowed_batch_leaves_every_partition_it_touches_writable(
            s in cluster(),
            batch in proptest::sample::subsequence((1..=6).collect::<Vec<i32>>(), 1..=3),
        ) {
            if can_restart_batch(&s, &batch, &RestartPolicy::default()).is_allowed() {
                let min_isr = s.min_isr_of("t").unwrap_or(1);
                for (_, p) in s.partitions() {
                    if !p.replicas.iter().any(|b| batch.contains(b)) {
                        continue;
                    }
                    let left = p.isr.iter().filter(|b| !batch.contains(b)).count();
                    prop_assert!(left >= 1, "{p:?} loses every in-sync replica to {batch:?}");
                    if p.replicas.len() as i32 > min_isr {
                        prop_assert!(left as i32 >= min_isr, "{p:?} under min ISR without {batch:?}");
                    }
                }
            }
            // Force never takes a partition offline either.
            let force = RestartPolicy { force: true, ..Default::default() };
            if can_restart_batch(&s, &batch, &force).is_allowed() {
                for (_, p) in s.partitions() {
                    if p.isr.iter().any(|b| batch.contains(b)) {
                        prop_assert!(p.isr.iter().any(|b| !batch.contains(b)), "{p:?} offline under --force");
                    }
                }
            }
        }
    }
}
