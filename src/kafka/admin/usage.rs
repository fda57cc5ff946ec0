//! Disk usage per log directory (DescribeLogDirs), for `status -o wide`: the bytes of every
//! replica and, from Kafka 3.3 (version 4), each directory's capacity and free space.

use kafka_protocol::messages::DescribeLogDirsResponse;

use super::Admin;
use crate::error::Result;
use crate::kafka::errors::code_name;
use crate::model::{BrokerId, TopicPartition};

/// One log directory of one broker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogDirUsage {
    pub path: String,
    /// The error the broker reported for it (an offline disk).
    pub error: Option<String>,
    /// Size of the volume; None when the broker does not say (before Kafka 3.3).
    pub total_bytes: Option<u64>,
    /// Free space usable by Kafka; None when the broker does not say.
    pub usable_bytes: Option<u64>,
    /// Bytes of each current replica in it (future replicas of a move are left out).
    pub replicas: Vec<(TopicPartition, u64)>,
}

/// DescribeLogDirs → every directory with its replicas; negative sizes count as unknown/empty.
pub fn log_dir_usage(resp: &DescribeLogDirsResponse) -> Vec<LogDirUsage> {
    let known = |n: i64| u64::try_from(n).ok();
    resp.results
        .iter()
        .map(|d| LogDirUsage {
            path: d.log_dir.to_string(),
            error: (d.error_code != 0).then(|| code_name(d.error_code)),
            total_bytes: known(d.total_bytes),
            usable_bytes: known(d.usable_bytes),
            replicas: d
                .topics
                .iter()
                .flat_map(|t| {
                    t.partitions.iter().filter(|p| !p.is_future_key).map(|p| {
                        (
                            TopicPartition::new(t.name.0.as_str(), p.partition_index),
                            u64::try_from(p.partition_size).unwrap_or(0),
                        )
                    })
                })
                .collect(),
        })
        .collect()
}

impl Admin {
    /// The log directories of `broker` with their sizes and capacity.
    pub async fn describe_log_dir_usage(&self, broker: BrokerId) -> Result<Vec<LogDirUsage>> {
        self.all_log_dirs(broker, log_dir_usage).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kafka_protocol::messages::describe_log_dirs_response::{
        DescribeLogDirsPartition, DescribeLogDirsResult, DescribeLogDirsTopic,
    };
    use kafka_protocol::protocol::StrBytes;

    #[test]
    fn directories_capacity_and_current_replicas() {
        let mut p = DescribeLogDirsPartition::default();
        p.partition_index = 1;
        p.partition_size = 500;
        let mut fut = DescribeLogDirsPartition::default();
        fut.partition_index = 2;
        fut.partition_size = 9;
        fut.is_future_key = true;
        let mut t = DescribeLogDirsTopic::default();
        t.name = super::super::topic_name("orders");
        t.partitions = vec![p, fut];
        let mut ok = DescribeLogDirsResult::default();
        ok.log_dir = StrBytes::from_static_str("/data/a");
        ok.total_bytes = 1000;
        ok.usable_bytes = 400;
        ok.topics = vec![t];
        let mut old = DescribeLogDirsResult::default();
        old.log_dir = StrBytes::from_static_str("/data/b");
        old.total_bytes = -1;
        old.usable_bytes = -1;
        old.error_code = 56;
        let mut resp = DescribeLogDirsResponse::default();
        resp.results = vec![ok, old];
        let u = log_dir_usage(&resp);
        assert_eq!(u.len(), 2);
        assert_eq!(u[0].replicas, vec![(TopicPartition::new("orders", 1), 500)]);
        assert_eq!(
            (u[0].total_bytes, u[0].usable_bytes),
            (Some(1000), Some(400))
        );
        assert_eq!((u[1].total_bytes, u[1].usable_bytes), (None, None));
        assert_eq!(u[1].error.as_deref(), Some("KAFKA_STORAGE_ERROR"));
    }
}
