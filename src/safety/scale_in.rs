//! Scaling in: the KRaft voters among the leaving brokers, and what landed on removed brokers
//! after they were drained (a topic created, partitions added, between the check and the pods
//! going away).

use std::collections::BTreeSet;

use crate::error::{Error, Result};
use crate::model::{BrokerId, ClusterSnapshot};

/// Refuse (exit 3) to remove the pods of brokers that are also voters of the KRaft controller
/// quorum (combined mode): the quorum would lose members it counts on for its majority.
pub fn controllers_may_go(snapshot: &ClusterSnapshot, leaving: &BTreeSet<BrokerId>) -> Result<()> {
    let Some(q) = &snapshot.quorum else {
        return Ok(());
    };
    let voters: Vec<BrokerId> = q
        .voters
        .iter()
        .map(|v| v.id)
        .filter(|id| leaving.contains(id))
        .collect();
    if voters.is_empty() {
        return Ok(());
    }
    Err(Error::refused(format!(
        "brokers {voters:?} are also KRaft controllers (voters of the quorum of {}): removing \
         their pods would take voters away from the controller quorum; remove them from the \
         voter set first (kafka-metadata-quorum remove-controller) or scale in fewer brokers; \
         nothing was changed",
        q.voters.len()
    )))
}

/// The replicas on `removed` brokers, as "topic-partition on broker id".
pub fn landed_on(snapshot: &ClusterSnapshot, removed: &BTreeSet<BrokerId>) -> Vec<String> {
    snapshot
        .partitions()
        .flat_map(|(t, p)| {
            p.replicas
                .iter()
                .filter(|b| removed.contains(b))
                .map(move |b| format!("{}-{} on broker {b}", t.name, p.partition))
        })
        .collect()
}

/// The loud message when replicas landed on removed brokers: what, and the repair.
pub fn landed_message(landed: &[String], removed: &BTreeSet<BrokerId>, repair: &str) -> String {
    const SHOW: usize = 10;
    let mut shown: Vec<&str> = landed.iter().take(SHOW).map(String::as_str).collect();
    let more = format!("and {} more", landed.len().saturating_sub(SHOW));
    if landed.len() > SHOW {
        shown.push(&more);
    }
    format!(
        "DATA AT RISK: {} replicas were placed on the removed brokers {removed:?} after they were \
         drained (a topic or partitions created meanwhile): {}. Those replicas are offline now. \
         Repair: move them onto the remaining brokers with `{repair}`",
        landed.len(),
        shown.join(", ")
    )
}

/// What unregistering one removed broker (KRaft UnregisterBroker) came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unregister {
    Done,
    /// It was not registered any more.
    NotRegistered,
    /// The cluster has no UnregisterBroker (ZooKeeper mode, or brokers before Kafka 3.3).
    Unsupported,
    Failed(String),
}

/// The lines to print after unregistering the removed brokers, and the warning (with what to
/// run by hand) when some failed. The data is safe by then: a failure is a warning, not an error.
pub fn unregister_outcome(results: &[(BrokerId, Unregister)]) -> (Vec<String>, Option<String>) {
    let mut lines = Vec::new();
    let ids = |want: fn(&Unregister) -> bool| -> Vec<BrokerId> {
        results
            .iter()
            .filter(|(_, r)| want(r))
            .map(|(id, _)| *id)
            .collect()
    };
    let done = ids(|r| matches!(r, Unregister::Done | Unregister::NotRegistered));
    if !done.is_empty() {
        lines.push(format!(
            "unregistered the removed brokers {done:?} from the KRaft metadata: nothing is placed on them again"
        ));
    }
    let unsupported = ids(|r| *r == Unregister::Unsupported);
    if !unsupported.is_empty() {
        lines.push(format!(
            "note: the removed brokers {unsupported:?} were not unregistered: the cluster has no \
             UnregisterBroker (ZooKeeper mode, or Kafka before 3.3); ZooKeeper forgets a broker \
             once it stops"
        ));
    }
    let failed: Vec<String> = results
        .iter()
        .filter_map(|(id, r)| match r {
            Unregister::Failed(why) => Some(format!("broker {id}: {why}")),
            _ => None,
        })
        .collect();
    let warning = (!failed.is_empty()).then(|| {
        let by_hand: Vec<String> = results
            .iter()
            .filter(|(_, r)| matches!(r, Unregister::Failed(_)))
            .map(|(id, _)| {
                format!("kafka-cluster.sh unregister --bootstrap-server BROKER:PORT --id {id}")
            })
            .collect();
        format!(
            "warning: the removed brokers' data is safe, but unregistering them failed ({}); \
             until they are unregistered Kafka may still list them as fenced brokers. Run by \
             hand: {}",
            failed.join("; "),
            by_hand.join(" && ")
        )
    });
    (lines, warning)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ExitStatus;
    use crate::model::{QuorumInfo, QuorumReplica};
    use crate::testkit::snapshot;

    fn voter(id: i32) -> QuorumReplica {
        QuorumReplica {
            id,
            log_end_offset: 10,
            last_fetch_timestamp_ms: Some(1),
            last_caught_up_timestamp_ms: Some(1),
        }
    }

    #[test]
    fn voters_among_the_leaving_brokers_are_refused() {
        let mut s = snapshot().brokers(&[0, 1, 2, 3]).build();
        controllers_may_go(&s, &[3].into()).unwrap();
        s.quorum = Some(QuorumInfo {
            leader_id: 0,
            leader_epoch: 1,
            high_watermark: 10,
            voters: vec![voter(0), voter(1), voter(3)],
            observers: vec![voter(2)],
        });
        controllers_may_go(&s, &[2].into()).unwrap();
        let e = controllers_may_go(&s, &[2, 3].into()).unwrap_err();
        assert_eq!(e.exit_status(), ExitStatus::Refused);
        assert!(e.to_string().contains("[3]"), "{e}");
    }

    #[test]
    fn replicas_that_landed_on_removed_brokers_are_named_with_the_repair() {
        let s = snapshot()
            .brokers(&[0, 1, 2])
            .partition("late", 0, &[2, 0], &[0])
            .partition("late", 1, &[0, 1], &[0, 1])
            .build();
        let removed: BTreeSet<BrokerId> = [2, 3].into();
        let landed = landed_on(&s, &removed);
        assert_eq!(landed, vec!["late-0 on broker 2".to_string()]);
        assert!(landed_on(&s, &[5].into()).is_empty());
        let msg = landed_message(&landed, &removed, "kubectl kafka rebalance -n ns");
        assert!(
            msg.contains("late-0 on broker 2") && msg.contains("kubectl kafka rebalance -n ns"),
            "{msg}"
        );
    }

    #[test]
    fn unregistering_says_what_was_done_skipped_and_what_to_run_by_hand() {
        let (lines, warning) =
            unregister_outcome(&[(3, Unregister::Done), (4, Unregister::NotRegistered)]);
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(lines[0].contains("[3, 4]"), "{lines:?}");
        assert!(warning.is_none());

        let (lines, warning) = unregister_outcome(&[(3, Unregister::Unsupported)]);
        assert!(lines[0].contains("ZooKeeper"), "{lines:?}");
        assert!(warning.is_none(), "no UnregisterBroker is not a failure");

        let (_, warning) = unregister_outcome(&[
            (3, Unregister::Done),
            (4, Unregister::Failed("CLUSTER_AUTHORIZATION_FAILED".into())),
        ]);
        let w = warning.expect("a failure is reported");
        assert!(
            w.contains("data is safe") && w.contains("--id 4") && !w.contains("--id 3"),
            "{w}"
        );
    }
}
