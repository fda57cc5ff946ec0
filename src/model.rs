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

/// One log directory of one broker, as DescribeLogDirs reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogDirInfo {
    pub broker: BrokerId,
    pub path: String,
    /// The error the broker reported for this directory (an offline disk), if any. Nothing is
    /// placed in a directory with an error.
    pub error: Option<String>,
}

/// The bytes one replica holds on one broker, and the log directory holding them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplicaSize {
    pub broker: BrokerId,
    pub bytes: u64,
    /// Index into [`Sizes::log_dirs`].
    pub log_dir: usize,
}

/// Bytes per replica per broker and log directory: what DescribeLogDirs (or the JSON that
/// `kafka-log-dirs.sh --describe` prints) says, the input of disk balancing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sizes {
    /// Every log directory of every broker that was described, empty ones included.
    pub log_dirs: Vec<LogDirInfo>,
    /// Per partition, the replicas the brokers reported (current logs only, not future ones).
    pub replicas: BTreeMap<TopicPartition, Vec<ReplicaSize>>,
}

impl Sizes {
    /// Build from (partition, broker, log dir path, bytes) records, as a live DescribeLogDirs
    /// gives them. Directories are listed in order of first appearance.
    pub fn from_records<I>(records: I) -> Self
    where
        I: IntoIterator<Item = (TopicPartition, BrokerId, String, u64)>,
    {
        let mut s = Sizes::default();
        let mut dir_index: BTreeMap<(BrokerId, String), usize> = BTreeMap::new();
        for (tp, broker, path, bytes) in records {
            let next = s.log_dirs.len();
            let log_dir = *dir_index.entry((broker, path.clone())).or_insert(next);
            if log_dir == next {
                s.log_dirs.push(LogDirInfo {
                    broker,
                    path,
                    error: None,
                });
            }
            s.replicas.entry(tp).or_default().push(ReplicaSize {
                broker,
                bytes,
                log_dir,
            });
        }
        s
    }

    /// The bytes a new copy of the partition takes: the largest replica reported (the leader's
    /// log, which a new follower copies). None when no broker reported the partition.
    pub fn partition_bytes(&self, tp: &TopicPartition) -> Option<u64> {
        self.replicas
            .get(tp)
            .and_then(|v| v.iter().map(|r| r.bytes).max())
    }

    /// The size reported for the replica of `tp` on `broker`.
    pub fn replica(&self, tp: &TopicPartition, broker: BrokerId) -> Option<&ReplicaSize> {
        self.replicas
            .get(tp)
            .and_then(|v| v.iter().find(|r| r.broker == broker))
    }

    /// The log directories of `broker` with their indices.
    pub fn dirs_of(&self, broker: BrokerId) -> impl Iterator<Item = (usize, &LogDirInfo)> {
        self.log_dirs
            .iter()
            .enumerate()
            .filter(move |(_, d)| d.broker == broker)
    }

    /// Bytes per broker as reported.
    pub fn broker_bytes(&self) -> BTreeMap<BrokerId, u64> {
        let mut m: BTreeMap<BrokerId, u64> = BTreeMap::new();
        for d in &self.log_dirs {
            m.entry(d.broker).or_insert(0);
        }
        for r in self.replicas.values().flatten() {
            let e = m.entry(r.broker).or_insert(0);
            *e = e.saturating_add(r.bytes);
        }
        m
    }
}
