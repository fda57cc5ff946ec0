//! What a rolling restart records and waits on: the progress record kept on the cluster (so an
//! interrupted roll resumes) and the resume order; the catch-up and leadership facts read from a
//! snapshot while it waits; tying KRaft controller pods to voter ids.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{BrokerId, ClusterSnapshot, QuorumInfo, TopicPartition};

/// Annotation on the brokers' workload (StatefulSet) holding the progress of a roll.
pub const PROGRESS_ANNOTATION: &str = "kafka.kubectl.io/restart-progress";

/// A node whose pod was evicted and whose return was not yet confirmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InFlight {
    pub id: BrokerId,
    pub pod: String,
    /// UID of the pod that was evicted: a pod with another UID is its replacement.
    pub uid: String,
}

/// What a roll has done so far, as recorded on the cluster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    pub run_id: String,
    pub started_at: String,
    /// Node ids (brokers, and controllers when included) restarted and confirmed back.
    pub done: Vec<BrokerId>,
    /// The node being restarted when the record was last written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<InFlight>,
}

impl Progress {
    pub fn new(run_id: impl Into<String>, started_at: impl Into<String>) -> Self {
        Progress {
            run_id: run_id.into(),
            started_at: started_at.into(),
            done: Vec::new(),
            current: None,
        }
    }

    pub fn mark_done(&mut self, id: BrokerId) {
        if !self.done.contains(&id) {
            self.done.push(id);
        }
        if self.current.as_ref().is_some_and(|c| c.id == id) {
            self.current = None;
        }
    }
}

/// Split `order` into what is still to do and what an earlier run already did. The node that was
/// in flight stays in the list, first, so the roll finishes it before touching anything else.
pub fn resume_order(
    order: &[BrokerId],
    progress: Option<&Progress>,
) -> (Vec<BrokerId>, Vec<BrokerId>) {
    let Some(p) = progress else {
        return (order.to_vec(), Vec::new());
    };
    let (skipped, mut todo): (Vec<BrokerId>, Vec<BrokerId>) =
        order.iter().partition(|id| p.done.contains(id));
    if let Some(c) = &p.current
        && let Some(pos) = todo.iter().position(|id| *id == c.id)
    {
        let id = todo.remove(pos);
        todo.insert(0, id);
    }
    (todo, skipped)
}

/// Partitions with a replica on `broker` whose ISR does not contain it yet.
pub fn not_in_sync(snapshot: &ClusterSnapshot, broker: BrokerId) -> Vec<TopicPartition> {
    snapshot
        .partitions()
        .filter(|(_, p)| p.replicas.contains(&broker) && !p.isr.contains(&broker))
        .map(|(t, p)| TopicPartition::new(&t.name, p.partition))
        .collect()
}

/// Partitions whose preferred (first) replica is `broker` but that another broker leads.
pub fn should_lead(snapshot: &ClusterSnapshot, broker: BrokerId) -> Vec<TopicPartition> {
    snapshot
        .partitions()
        .filter(|(_, p)| p.replicas.first() == Some(&broker) && p.leader != Some(broker))
        .map(|(t, p)| TopicPartition::new(&t.name, p.partition))
        .collect()
}

/// Under-replicated partitions in the whole cluster.
pub fn urp_count(snapshot: &ClusterSnapshot) -> usize {
    snapshot
        .partitions()
        .filter(|(_, p)| p.isr.len() < p.replicas.len())
        .count()
}

/// Partitions led per registered broker (0 for brokers leading nothing).
pub fn leader_counts(snapshot: &ClusterSnapshot) -> BTreeMap<BrokerId, usize> {
    let mut m: BTreeMap<BrokerId, usize> = snapshot.brokers.iter().map(|b| (b.id, 0)).collect();
    for (_, p) in snapshot.partitions() {
        if let Some(l) = p.leader.filter(|l| *l >= 0) {
            *m.entry(l).or_default() += 1;
        }
    }
    m
}

/// Partitions whose leader is not their preferred replica.
pub fn not_preferred_leader(snapshot: &ClusterSnapshot) -> usize {
    snapshot
        .partitions()
        .filter(|(_, p)| !p.replicas.is_empty() && p.leader != p.replicas.first().copied())
        .count()
}

/// A controller-only pod as far as tying it to a voter goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ControllerPod {
    pub name: String,
    pub declared_id: Option<i32>,
    pub ordinal: Option<i32>,
}

/// Tie controller pods to KRaft voter ids: the id a pod declares when it is a voter, else the
/// remaining voters in id order matched to the remaining pods in ordinal order (node ids are
/// usually an offset plus the ordinal). Pods left without a voter are returned with None.
pub fn controller_ids(pods: &[ControllerPod], quorum: &QuorumInfo) -> Vec<(String, Option<i32>)> {
    let mut voters: Vec<i32> = quorum.voters.iter().map(|v| v.id).collect();
    voters.sort_unstable();
    let mut out: Vec<(String, Option<i32>)> = Vec::new();
    let mut rest: Vec<&ControllerPod> = Vec::new();
    for p in pods {
        match p.declared_id.filter(|d| voters.contains(d)) {
            Some(id) => {
                voters.retain(|v| *v != id);
                out.push((p.name.clone(), Some(id)));
            }
            None => rest.push(p),
        }
    }
    rest.sort_by_key(|p| (p.ordinal.unwrap_or(i32::MAX), p.name.clone()));
    let mut free = voters.into_iter();
    for p in rest {
        out.push((p.name.clone(), free.next()));
    }
    out
}

/// A voter has caught up after its restart when its log reaches the high watermark the leader
/// had when the voter came back.
pub fn voter_caught_up(quorum: &QuorumInfo, voter: i32, hw_at_return: i64) -> bool {
    quorum
        .voters
        .iter()
        .any(|v| v.id == voter && v.log_end_offset >= hw_at_return)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::QuorumReplica;
    use crate::testkit::snapshot;

    /// (partition, leader, replicas, isr)
    type Part<'a> = (i32, Option<i32>, &'a [i32], &'a [i32]);

    fn snap(parts: &[Part]) -> ClusterSnapshot {
        let mut b = snapshot().brokers(&[0, 1, 2]);
        for (p, leader, replicas, isr) in parts {
            b = b.partition_led("t", *p, *leader, replicas, isr);
        }
        b.build()
    }

    #[test]
    fn progress_round_trips() {
        let mut p = Progress::new("r1", "2026-11-22T03:00:00Z");
        p.current = Some(InFlight {
            id: 1,
            pod: "kafka-1".into(),
            uid: "u".into(),
        });
        p.mark_done(0);
        let text = serde_json::to_string(&p).unwrap();
        assert_eq!(
            serde_json::from_str::<Progress>(&text).ok(),
            Some(p.clone())
        );
        assert!(text.contains("\"runId\":\"r1\""), "{text}");
        p.mark_done(1);
        assert_eq!(p.current, None);
        assert_eq!(p.done, vec![0, 1]);
    }

    #[test]
    fn resume_skips_done_and_finishes_the_one_in_flight_first() {
        assert_eq!(resume_order(&[0, 1, 2], None), (vec![0, 1, 2], vec![]));
        let mut p = Progress::new("r", "t");
        p.mark_done(0);
        assert_eq!(resume_order(&[0, 1, 2], Some(&p)), (vec![1, 2], vec![0]));
        p.current = Some(InFlight {
            id: 2,
            pod: "kafka-2".into(),
            uid: "u".into(),
        });
        assert_eq!(resume_order(&[0, 1, 2], Some(&p)), (vec![2, 1], vec![0]));
        // A done id not in this run's order is not reported as skipped.
        p.mark_done(7);
        assert_eq!(resume_order(&[1, 2], Some(&p)).1, Vec::<i32>::new());
    }

    #[test]
    fn catch_up_and_leadership_facts() {
        let s = snap(&[
            (0, Some(1), &[0, 1, 2], &[1, 2]),
            (1, Some(1), &[1, 2, 0], &[1, 2, 0]),
            (2, Some(2), &[2, 0, 1], &[2, 0, 1]),
        ]);
        assert_eq!(not_in_sync(&s, 0), vec![TopicPartition::new("t", 0)]);
        assert!(not_in_sync(&s, 1).is_empty());
        assert_eq!(should_lead(&s, 0), vec![TopicPartition::new("t", 0)]);
        assert!(should_lead(&s, 1).is_empty());
        assert_eq!(urp_count(&s), 1);
        assert_eq!(
            leader_counts(&s),
            [(0, 0), (1, 2), (2, 1)].into_iter().collect()
        );
        assert_eq!(not_preferred_leader(&s), 1);
    }

    fn quorum(ids: &[i32], leos: &[i64]) -> QuorumInfo {
        QuorumInfo {
            leader_id: ids[0],
            leader_epoch: 1,
            high_watermark: 100,
            voters: ids
                .iter()
                .zip(leos)
                .map(|(id, leo)| QuorumReplica {
                    id: *id,
                    log_end_offset: *leo,
                    last_fetch_timestamp_ms: None,
                    last_caught_up_timestamp_ms: None,
                })
                .collect(),
            observers: vec![],
        }
    }

    #[test]
    fn controller_pods_map_to_voters() {
        let q = quorum(&[1001, 1000, 1002], &[100, 100, 90]);
        let pods = vec![
            ControllerPod {
                name: "c-2".into(),
                declared_id: None,
                ordinal: Some(2),
            },
            ControllerPod {
                name: "c-0".into(),
                declared_id: None,
                ordinal: Some(0),
            },
            ControllerPod {
                name: "c-1".into(),
                declared_id: Some(1001),
                ordinal: Some(1),
            },
        ];
        let mut ids = controller_ids(&pods, &q);
        ids.sort();
        assert_eq!(
            ids,
            vec![
                ("c-0".to_string(), Some(1000)),
                ("c-1".to_string(), Some(1001)),
                ("c-2".to_string(), Some(1002)),
            ]
        );
        assert!(voter_caught_up(&q, 1000, 100));
        assert!(!voter_caught_up(&q, 1002, 100));
        assert!(!voter_caught_up(&q, 5, 0));
        // More pods than voters: the extra pod has no id.
        let one = quorum(&[1000], &[1]);
        let ids = controller_ids(&pods[..2], &one);
        assert_eq!(ids.iter().filter(|(_, id)| id.is_none()).count(), 1);
    }
}
