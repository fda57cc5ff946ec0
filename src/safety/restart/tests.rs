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
            // The broker is the lagging one: restarting it does not shrink the ISR. URP still
            // blocks cluster-wide, force lets it through.
            "ISR at min ISR, broker outside ISR, forced",
            snap(&all, &[("t", 0, &[1, 2, 3], &[1, 2])], &[("t", 2)]),
            3,
            true,
            vec![],
            vec!["urp"],
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
            quorum_allows_restart(&q, id, now, DEFAULT_QUORUM_FETCH_TIMEOUT_MS),
            want,
            "voters {n}, lagging {lagging:?}, restart {id}"
        );
    }
    // A voter never heard from is not caught up.
    let mut q = quorum(3, 1, &[], now);
    q.voters[2].last_caught_up_timestamp_ms = None;
    assert!(!quorum_allows_restart(&q, 2, now, 2000));
}

#[test]
fn quorum_in_can_restart_is_relaxed_only_by_force() {
    let now = 1_000_000;
    let mut s = snap(&[1, 2, 3], &[("t", 0, &[1, 2, 3], &[1, 2, 3])], &[]);
    s.quorum = Some(quorum(3, 1, &[3], now));
    let mut policy = RestartPolicy {
        now_ms: now,
        ..Default::default()
    };
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
