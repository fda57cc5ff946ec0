//! One way to build a [`ClusterSnapshot`] in unit tests, instead of a literal per test module.
//!
//! ```ignore
//! let s = snapshot()
//!     .brokers(&[1, 2, 3])
//!     .partition("t", 0, &[1, 2, 3], &[1, 2])
//!     .min_isr("t", 2)
//!     .build();
//! ```

use crate::model::{
    Broker, BrokerId, ClusterSnapshot, OngoingReassignment, PartitionState, TopicPartition,
    TopicState,
};

/// Start an empty snapshot.
pub fn snapshot() -> SnapshotBuilder {
    SnapshotBuilder::default()
}

#[derive(Debug, Clone, Default)]
pub struct SnapshotBuilder {
    snap: ClusterSnapshot,
}

impl SnapshotBuilder {
    /// Brokers `b<id>:9092`, no rack.
    pub fn brokers(mut self, ids: &[BrokerId]) -> Self {
        self.snap.brokers.extend(ids.iter().map(|id| Broker {
            id: *id,
            host: format!("b{id}"),
            port: 9092,
            rack: None,
        }));
        self
    }

    /// One broker as given.
    pub fn broker(mut self, b: Broker) -> Self {
        self.snap.brokers.push(b);
        self
    }

    /// A partition of `topic` led by the first ISR member (none when the ISR is empty). The topic
    /// is created on first use, with Kafka's default min.insync.replicas of 1.
    pub fn partition(self, topic: &str, p: i32, replicas: &[BrokerId], isr: &[BrokerId]) -> Self {
        self.partition_led(topic, p, isr.first().copied(), replicas, isr)
    }

    /// A partition of `topic` with the given leader (None: offline).
    pub fn partition_led(
        mut self,
        topic: &str,
        p: i32,
        leader: Option<BrokerId>,
        replicas: &[BrokerId],
        isr: &[BrokerId],
    ) -> Self {
        let state = PartitionState {
            partition: p,
            leader,
            replicas: replicas.to_vec(),
            isr: isr.to_vec(),
            offline_replicas: vec![],
        };
        self.topic_mut(topic).partitions.push(state);
        self
    }

    /// The effective min.insync.replicas of `topic`.
    pub fn min_isr(mut self, topic: &str, n: i32) -> Self {
        self.snap.min_isr.insert(topic.into(), n);
        self
    }

    /// `topic`'s min.insync.replicas could not be read, for `why`.
    pub fn min_isr_unreadable(mut self, topic: &str, why: &str) -> Self {
        self.snap.min_isr.remove(topic);
        self.snap
            .min_isr_unreadable
            .insert(topic.into(), why.into());
        self
    }

    /// A reassignment in flight.
    pub fn reassigning(
        mut self,
        topic: &str,
        p: i32,
        replicas: &[BrokerId],
        adding: &[BrokerId],
        removing: &[BrokerId],
    ) -> Self {
        self.snap.reassignments.push(OngoingReassignment {
            tp: TopicPartition::new(topic, p),
            replicas: replicas.to_vec(),
            adding: adding.to_vec(),
            removing: removing.to_vec(),
        });
        self
    }

    pub fn controller(mut self, id: BrokerId) -> Self {
        self.snap.controller_id = Some(id);
        self
    }

    pub fn cluster_id(mut self, id: &str) -> Self {
        self.snap.cluster_id = Some(id.into());
        self
    }

    pub fn build(self) -> ClusterSnapshot {
        self.snap
    }

    fn topic_mut(&mut self, topic: &str) -> &mut TopicState {
        let topics = &mut self.snap.topics;
        let i = match topics.iter().position(|t| t.name == topic) {
            Some(i) => i,
            None => {
                topics.push(TopicState {
                    name: topic.into(),
                    internal: false,
                    partitions: vec![],
                });
                self.snap.min_isr.insert(topic.into(), 1);
                topics.len() - 1
            }
        };
        &mut topics[i]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_what_it_says() {
        let s = snapshot()
            .brokers(&[1, 2])
            .partition("t", 0, &[1, 2], &[2])
            .partition_led("t", 1, None, &[2, 1], &[])
            .partition("u", 0, &[1], &[1])
            .min_isr("t", 2)
            .min_isr_unreadable("u", "denied")
            .reassigning("t", 0, &[1, 2, 3], &[3], &[1])
            .controller(1)
            .build();
        assert_eq!(s.brokers.len(), 2);
        assert_eq!(s.topics.len(), 2);
        assert_eq!(s.topics[0].partitions[0].leader, Some(2));
        assert_eq!(s.topics[0].partitions[1].leader, None);
        assert_eq!(s.min_isr_of("t"), Some(2));
        assert_eq!(s.min_isr_of("u"), None);
        assert_eq!(s.min_isr_unknown(), ["u"]);
        assert_eq!(s.reassignments.len(), 1);
        assert_eq!(s.controller_id, Some(1));
    }
}
