//! Cluster health as `status` reports it: offline, under-replicated and under-min-ISR partitions,
//! and reassignments in flight.

use serde::Serialize;

use crate::model::{BrokerId, ClusterSnapshot, TopicPartition};

/// One unhealthy partition with the numbers that make it so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartitionIssue {
    pub tp: TopicPartition,
    pub replicas: Vec<BrokerId>,
    pub isr: Vec<BrokerId>,
    /// Effective min.insync.replicas of the topic; None when it could not be read.
    pub min_isr: Option<i32>,
}

/// The health summary of a cluster snapshot. Lists are sorted by topic, then partition.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Health {
    /// Partitions without a leader: neither readable nor writable.
    pub offline: Vec<PartitionIssue>,
    /// Partitions whose ISR is smaller than their replica set.
    pub under_replicated: Vec<PartitionIssue>,
    /// Partitions whose ISR is below min.insync.replicas: producers with acks=all fail.
    pub under_min_isr: Vec<PartitionIssue>,
    /// Partitions being reassigned right now.
    pub reassigning: Vec<TopicPartition>,
    /// Topics whose min.insync.replicas could not be read: whether they are under min ISR is
    /// unknown, which counts as unhealthy.
    pub min_isr_unknown: Vec<String>,
}

impl Health {
    /// True when no partition is offline, under-replicated or under min ISR, nothing is being
    /// reassigned, and every topic's min ISR is known.
    pub fn is_healthy(&self) -> bool {
        self.offline.is_empty()
            && self.under_replicated.is_empty()
            && self.under_min_isr.is_empty()
            && self.reassigning.is_empty()
            && self.min_isr_unknown.is_empty()
    }

    /// Number of under-replicated partitions (URP), the figure rolling restarts wait on.
    pub fn urp(&self) -> usize {
        self.under_replicated.len()
    }
}

/// Summarise the health of `snapshot`.
pub fn health(snapshot: &ClusterSnapshot) -> Health {
    let mut h = Health::default();
    for (topic, p) in snapshot.partitions() {
        let min_isr = snapshot.min_isr_of(&topic.name);
        let issue = || PartitionIssue {
            tp: TopicPartition::new(&topic.name, p.partition),
            replicas: p.replicas.clone(),
            isr: p.isr.clone(),
            min_isr,
        };
        if p.leader.is_none_or(|l| l < 0) {
            h.offline.push(issue());
        }
        if p.isr.len() < p.replicas.len() {
            h.under_replicated.push(issue());
        }
        if min_isr.is_some_and(|m| (p.isr.len() as i64) < i64::from(m)) {
            h.under_min_isr.push(issue());
        }
    }
    h.reassigning = snapshot
        .reassignments
        .iter()
        .map(|r| r.tp.clone())
        .collect();
    h.offline.sort_by(|a, b| a.tp.cmp(&b.tp));
    h.under_replicated.sort_by(|a, b| a.tp.cmp(&b.tp));
    h.under_min_isr.sort_by(|a, b| a.tp.cmp(&b.tp));
    h.reassigning.sort();
    h.reassigning.dedup();
    h.min_isr_unknown = snapshot.min_isr_unknown();
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::snapshot;

    #[test]
    fn healthy_cluster() {
        let s = snapshot()
            .partition_led("t", 0, Some(1), &[1, 2, 3], &[1, 2, 3])
            .min_isr("t", 2)
            .build();
        let h = health(&s);
        assert!(h.is_healthy());
        assert_eq!(h.urp(), 0);
    }

    #[test]
    fn offline_partition() {
        let s = snapshot()
            .partition_led("t", 0, None, &[1, 2, 3], &[1])
            .partition_led("t", 1, Some(-1), &[1], &[])
            .min_isr("t", 1)
            .build();
        let h = health(&s);
        assert!(!h.is_healthy());
        let tps: Vec<_> = h.offline.iter().map(|i| i.tp.partition).collect();
        assert_eq!(tps, vec![0, 1]);
    }

    #[test]
    fn under_replicated_but_not_under_min_isr() {
        let s = snapshot()
            .partition_led("t", 0, Some(1), &[1, 2, 3], &[1, 2])
            .min_isr("t", 2)
            .build();
        let h = health(&s);
        assert_eq!(h.urp(), 1);
        assert!(h.under_min_isr.is_empty());
        assert!(h.offline.is_empty());
        assert!(!h.is_healthy());
    }

    #[test]
    fn under_min_isr() {
        let s = snapshot()
            .partition_led("t", 3, Some(1), &[1, 2, 3], &[1])
            .min_isr("t", 2)
            .build();
        let h = health(&s);
        assert_eq!(h.under_min_isr.len(), 1);
        assert_eq!(h.under_min_isr[0].tp, TopicPartition::new("t", 3));
        assert_eq!(h.under_min_isr[0].min_isr, Some(2));
    }

    #[test]
    fn unreadable_min_isr_is_unknown_not_one() {
        let s = snapshot()
            .partition_led("t", 0, Some(1), &[1, 2, 3], &[1, 2, 3])
            .min_isr_unreadable("t", "not authorized")
            .build();
        let h = health(&s);
        assert!(h.under_min_isr.is_empty());
        assert_eq!(h.min_isr_unknown, vec!["t".to_string()]);
        assert!(
            !h.is_healthy(),
            "an unknown min ISR cannot be called healthy"
        );
    }

    #[test]
    fn reassignment_in_flight() {
        let s = snapshot()
            .partition_led("t", 0, Some(1), &[1, 2], &[1, 2])
            .min_isr("t", 1)
            .reassigning("t", 0, &[1, 2, 3], &[3], &[])
            .build();
        let h = health(&s);
        assert!(!h.is_healthy());
        assert_eq!(h.reassigning, vec![TopicPartition::new("t", 0)]);
    }

    #[test]
    fn serializes_to_json() {
        let s = snapshot()
            .partition_led("t", 0, None, &[1], &[])
            .min_isr("t", 1)
            .build();
        let v = serde_json::to_value(health(&s)).unwrap();
        assert_eq!(v["offline"][0]["tp"]["topic"], "t");
    }
}
