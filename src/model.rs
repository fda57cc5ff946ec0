//! A cluster snapshot: what Kafka and Kubernetes told us at one moment. Pure data, no I/O.
//!
//! `plan` and `safety` take these types as input, so they can be unit-tested from literals.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub type BrokerId = i32;

/// A topic partition, ordered by topic then partition so plans are deterministic.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TopicPartition {
    pub topic: String,
    pub partition: i32,
}

impl TopicPartition {
    pub fn new(topic: impl Into<String>, partition: i32) -> Self {
        Self {
            topic: topic.into(),
            partition,
        }
    }
}

impl std::fmt::Display for TopicPartition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{}", self.topic, self.partition)
    }
}

/// A broker as Kafka's metadata describes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Broker {
    pub id: BrokerId,
    pub host: String,
    pub port: i32,
    pub rack: Option<String>,
}

/// One partition's replica state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartitionState {
    pub partition: i32,
    /// -1 (None) when the partition has no leader: it is offline.
    pub leader: Option<BrokerId>,
    /// Replica order matters: the first replica is the preferred leader.
    pub replicas: Vec<BrokerId>,
    pub isr: Vec<BrokerId>,
    pub offline_replicas: Vec<BrokerId>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicState {
    pub name: String,
    pub internal: bool,
    pub partitions: Vec<PartitionState>,
}

/// A reassignment in flight (KIP-455 ListPartitionReassignments).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OngoingReassignment {
    pub tp: TopicPartition,
    pub replicas: Vec<BrokerId>,
    pub adding: Vec<BrokerId>,
    pub removing: Vec<BrokerId>,
}

/// Everything the safety checks and planners need to know about a cluster at one moment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterSnapshot {
    pub cluster_id: Option<String>,
    pub controller_id: Option<BrokerId>,
    pub brokers: Vec<Broker>,
    pub topics: Vec<TopicState>,
    /// Effective min.insync.replicas per topic (topic config, else broker default). A topic missing
    /// here has an unknown min ISR: safety checks treat that as unsafe, never as a default.
    pub min_isr: BTreeMap<String, i32>,
    /// Why min.insync.replicas could not be read, per topic (not authorized, timed out).
    #[serde(default)]
    pub min_isr_unreadable: BTreeMap<String, String>,
    pub reassignments: Vec<OngoingReassignment>,
    /// The KRaft controller quorum (DescribeQuorum), when the cluster runs KRaft.
    pub quorum: Option<QuorumInfo>,
}

impl ClusterSnapshot {
    /// Iterate every partition with its topic name.
    pub fn partitions(&self) -> impl Iterator<Item = (&TopicState, &PartitionState)> {
        self.topics
            .iter()
            .flat_map(|t| t.partitions.iter().map(move |p| (t, p)))
    }

    /// The current assignment in planner form.
    pub fn assignment(&self) -> Assignment {
        self.partitions()
            .map(|(t, p)| {
                (
                    TopicPartition::new(&t.name, p.partition),
                    p.replicas.clone(),
                )
            })
            .collect()
    }

    /// The effective min.insync.replicas of `topic`; None when it could not be read.
    pub fn min_isr_of(&self, topic: &str) -> Option<i32> {
        self.min_isr.get(topic).copied()
    }

    /// Topics with partitions whose min.insync.replicas is unknown, sorted.
    pub fn min_isr_unknown(&self) -> Vec<String> {
        self.topics
            .iter()
            .filter(|t| !t.partitions.is_empty() && !self.min_isr.contains_key(&t.name))
            .map(|t| t.name.clone())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect()
    }
}

/// Replica lists per partition, ordered: the first replica is the preferred leader.
pub type Assignment = BTreeMap<TopicPartition, Vec<BrokerId>>;

/// One voter or observer of the KRaft metadata quorum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuorumReplica {
    pub id: i32,
    pub log_end_offset: i64,
    /// Milliseconds since the epoch; None when the leader has not heard from it.
    pub last_fetch_timestamp_ms: Option<i64>,
    pub last_caught_up_timestamp_ms: Option<i64>,
}

/// The KRaft controller quorum as DescribeQuorum reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuorumInfo {
    pub leader_id: i32,
    pub leader_epoch: i32,
    pub high_watermark: i64,
    pub voters: Vec<QuorumReplica>,
    pub observers: Vec<QuorumReplica>,
}
