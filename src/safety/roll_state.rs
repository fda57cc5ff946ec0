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
    /// The other nodes of the batch in hand, evicted before `current` and not yet back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub batch: Vec<InFlight>,
    /// The Lease holder identity of the run that wrote the record.
    #[serde(default)]
    pub holder: String,
    /// When the run started, milliseconds since the epoch (0: unknown, the record is not honoured).
    #[serde(default)]
    pub started_ms: i64,
    /// The nodes the run was asked to restart, in its order: another selection is another run.
    #[serde(default)]
    pub scope: Vec<BrokerId>,
    /// Per node done, the UID of the pod that came back from its restart.
    #[serde(default)]
    pub restarted_uids: BTreeMap<BrokerId, String>,
}

impl Progress {
    pub fn new(run_id: impl Into<String>, started_at: impl Into<String>) -> Self {
        Progress {
            run_id: run_id.into(),
            started_at: started_at.into(),
            done: Vec::new(),
            current: None,
            batch: Vec::new(),
            holder: String::new(),
            started_ms: 0,
            scope: Vec::new(),
            restarted_uids: BTreeMap::new(),
        }
    }

    /// Bind the record to a run: who holds the Lease, when it started, what it restarts.
    pub fn bound(mut self, holder: &str, started_ms: i64, scope: &[BrokerId]) -> Self {
        self.holder = holder.to_string();
        self.started_ms = started_ms;
        self.scope = scope.to_vec();
        self
    }

    /// `id` is back, in the pod with `uid`.
    pub fn mark_restarted(&mut self, id: BrokerId, uid: &str) {
        self.mark_done(id);
        self.restarted_uids.insert(id, uid.to_string());
    }

    pub fn mark_done(&mut self, id: BrokerId) {
        if !self.done.contains(&id) {
            self.done.push(id);
        }
        if self.current.as_ref().is_some_and(|c| c.id == id) {
            self.current = None;
        }
        self.batch.retain(|c| c.id != id);
    }

    /// `f`'s pod is about to be evicted; a node evicted before it in the same batch, and not
    /// back yet, stays on record as in flight.
    pub fn record_evicting(&mut self, f: InFlight) {
        if let Some(c) = self.current.take()
            && c.id != f.id
            && !self.done.contains(&c.id)
        {
            self.batch.retain(|b| b.id != c.id);
            self.batch.push(c);
        }
        self.batch.retain(|b| b.id != f.id);
        self.current = Some(f);
    }

    /// The node `id` if its pod was evicted and its return not yet confirmed.
    pub fn in_flight(&self, id: BrokerId) -> Option<InFlight> {
        self.current
            .iter()
            .chain(&self.batch)
            .find(|c| c.id == id)
            .cloned()
    }
}

/// Split `order` into what is still to do and what an earlier run already did. The nodes that were
/// in flight stay in the list, first, so the roll finishes them before touching anything else.
pub fn resume_order(
    order: &[BrokerId],
    progress: Option<&Progress>,
) -> (Vec<BrokerId>, Vec<BrokerId>) {
    let Some(p) = progress else {
        return (order.to_vec(), Vec::new());
    };
    let (skipped, mut todo): (Vec<BrokerId>, Vec<BrokerId>) =
        order.iter().partition(|id| p.done.contains(id));
    let in_flight: Vec<BrokerId> = p.batch.iter().chain(&p.current).map(|c| c.id).collect();
    let (mut first, rest): (Vec<BrokerId>, Vec<BrokerId>) =
        todo.into_iter().partition(|id| in_flight.contains(id));
    first.sort_by_key(|id| in_flight.iter().position(|f| f == id));
    todo = first;
    todo.extend(rest);
    (todo, skipped)
}

/// What to do with a progress record found on the cluster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resume {
    /// No record: start a new run.
    Fresh,
    /// Continue the recorded run: `todo` in order (the node in flight first), `skipped` done.
    Continue {
        todo: Vec<BrokerId>,
        skipped: Vec<BrokerId>,
    },
    /// The record belongs to another run; start a new one, saying why.
    Ignore { why: String },
}

/// Whether a record continues into this run: only a record of the same selection (`order` as a
/// set), written by a run that started less than `max_age_ms` before `now_ms`. A node counts as
/// done only while its pod is still the one that came back from the recorded restart
/// (`pod_uid`: its pod's UID now): a pod with any other UID, or none recorded, is restarted again.
pub fn resume(
    order: &[BrokerId],
    progress: Option<&Progress>,
    now_ms: i64,
    max_age_ms: i64,
    pod_uid: impl Fn(BrokerId) -> Option<String>,
) -> Resume {
    let Some(p) = progress else {
        return Resume::Fresh;
    };
    let mut ours: Vec<BrokerId> = order.to_vec();
    ours.sort_unstable();
    let mut theirs = p.scope.clone();
    theirs.sort_unstable();
    if ours != theirs {
        return Resume::Ignore {
            why: format!(
                "the interrupted restart {} was for nodes [{}], this one is for [{}]",
                p.run_id,
                join(&theirs),
                join(&ours)
            ),
        };
    }
    let age = now_ms.saturating_sub(p.started_ms);
    if p.started_ms <= 0 || age > max_age_ms || age < 0 {
        return Resume::Ignore {
            why: format!(
                "the interrupted restart {} started at {}, not within the last {}s",
                p.run_id,
                p.started_at,
                max_age_ms / 1000
            ),
        };
    }
    let mut still = p.clone();
    still.done.retain(|id| {
        let recorded = p.restarted_uids.get(id);
        recorded.is_some() && pod_uid(*id).as_ref() == recorded
    });
    let (todo, skipped) = resume_order(order, Some(&still));
    Resume::Continue { todo, skipped }
}

fn join(v: &[BrokerId]) -> String {
    v.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",")
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
    fn a_batch_in_flight_is_recorded_whole_and_finished_first_on_resume() {
        let f = |id: BrokerId| InFlight {
            id,
            pod: format!("kafka-{id}"),
            uid: format!("u{id}"),
        };
        let mut p = Progress::new("r", "t");
        p.mark_restarted(0, "n0");
        p.record_evicting(f(3));
        p.record_evicting(f(1));
        assert_eq!(p.current, Some(f(1)));
        assert_eq!(p.batch, vec![f(3)]);
        assert_eq!(p.in_flight(3), Some(f(3)));
        assert_eq!(p.in_flight(1), Some(f(1)));
        assert_eq!(p.in_flight(2), None);
        // Recording the same node again (a retried eviction) does not duplicate it.
        p.record_evicting(f(1));
        assert_eq!(p.batch, vec![f(3)]);
        // Both evicted nodes come first, in eviction order; done ones are skipped.
        assert_eq!(
            resume_order(&[0, 1, 2, 3], Some(&p)),
            (vec![3, 1, 2], vec![0])
        );
        // The record survives the round trip through the annotation.
        let text = serde_json::to_string(&p).unwrap_or_default();
        let back: Progress = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
        assert_eq!(back, p);
        p.mark_restarted(3, "n3");
        p.mark_restarted(1, "n1");
        assert_eq!((p.current.clone(), p.batch.clone()), (None, vec![]));
        // A record written before batches existed still reads.
        let old: Progress = serde_json::from_str(
            r#"{"runId":"r","startedAt":"t","done":[0],"current":{"id":1,"pod":"kafka-1","uid":"u"}}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(old.batch.is_empty());
        assert_eq!(old.in_flight(1).map(|c| c.uid), Some("u".to_string()));
    }

    #[test]
    fn a_record_continues_only_the_same_recent_run_and_only_pods_still_restarted() {
        let hour = 3_600_000;
        let now = 10 * hour;
        let mut p = Progress::new("r", "t").bound("me", now - 60_000, &[0, 1, 2]);
        p.mark_restarted(0, "new-0");
        p.mark_restarted(1, "new-1");
        p.current = Some(InFlight {
            id: 2,
            pod: "kafka-2".into(),
            uid: "old-2".into(),
        });
        let uids = |id: BrokerId| Some(format!("new-{id}"));
        assert_eq!(resume(&[0, 1, 2], None, now, hour, uids), Resume::Fresh);
        assert_eq!(
            resume(&[2, 1, 0], Some(&p), now, hour, uids),
            Resume::Continue {
                todo: vec![2],
                skipped: vec![1, 0]
            }
        );
        // `--brokers 1` is another selection: the record does not make it restart nothing.
        assert!(matches!(
            resume(&[1], Some(&p), now, hour, uids),
            Resume::Ignore { why } if why.contains("[0,1,2]") && why.contains("[1]")
        ));
        // A record older than the limit (a roll for last week's config) is not honoured.
        assert!(matches!(
            resume(&[0, 1, 2], Some(&p), now + 2 * hour, hour, uids),
            Resume::Ignore { .. }
        ));
        // Broker 1's pod was replaced since (or its UID never recorded): restarted again.
        let uids = |id: BrokerId| {
            Some(if id == 1 {
                "other".into()
            } else {
                format!("new-{id}")
            })
        };
        assert_eq!(
            resume(&[0, 1, 2], Some(&p), now, hour, uids),
            Resume::Continue {
                todo: vec![2, 1],
                skipped: vec![0]
            }
        );
        let mut legacy = p.clone();
        legacy.restarted_uids.clear();
        assert!(matches!(
            resume(&[0, 1, 2], Some(&legacy), now, hour, |_| None),
            Resume::Continue { skipped, .. } if skipped.is_empty()
        ));
        // A record without a start time (written by an older version) is not honoured.
        let mut old = p.clone();
        old.started_ms = 0;
        assert!(matches!(
            resume(&[0, 1, 2], Some(&old), now, hour, uids),
            Resume::Ignore { .. }
        ));
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
