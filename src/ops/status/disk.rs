//! Disk usage for `status -o wide` (and the same figures in JSON/YAML): bytes per broker and per
//! log directory with the volume's capacity and free space, and the largest partitions.
//! Pure: built from what DescribeLogDirs returned per broker.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::kafka::LogDirUsage;
use crate::model::{BrokerId, TopicPartition};
use crate::output::{human_bytes, table, table_text};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DiskReport {
    pub brokers: Vec<BrokerDisk>,
    /// The largest partitions (size of their largest replica), when --top-partitions asks.
    pub top_partitions: Vec<PartitionDisk>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BrokerDisk {
    pub broker: BrokerId,
    /// Bytes of all replicas on this broker.
    pub bytes: u64,
    pub replicas: usize,
    pub log_dirs: Vec<LogDirDisk>,
    /// Why the broker's log dirs could not be read (then the figures above are 0).
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LogDirDisk {
    pub path: String,
    pub bytes: u64,
    pub replicas: usize,
    /// Volume size and space Kafka can still use; null when the broker does not say.
    pub total_bytes: Option<u64>,
    pub usable_bytes: Option<u64>,
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartitionDisk {
    pub topic: String,
    pub partition: i32,
    /// Size of its largest replica.
    pub bytes: u64,
    /// Bytes over all its replicas.
    pub total_bytes: u64,
    pub brokers: Vec<BrokerId>,
}

impl DiskReport {
    /// From each broker's log dirs (or the error reading them); `top` largest partitions.
    pub fn build(
        per_broker: Vec<(BrokerId, std::result::Result<Vec<LogDirUsage>, String>)>,
        top: usize,
    ) -> DiskReport {
        let mut parts: BTreeMap<TopicPartition, (u64, u64, Vec<BrokerId>)> = BTreeMap::new();
        let mut brokers = Vec::new();
        for (broker, dirs) in per_broker {
            let dirs = match dirs {
                Ok(d) => d,
                Err(e) => {
                    brokers.push(BrokerDisk {
                        broker,
                        bytes: 0,
                        replicas: 0,
                        log_dirs: vec![],
                        error: Some(e),
                    });
                    continue;
                }
            };
            let mut log_dirs = Vec::new();
            for d in dirs {
                let mut bytes: u64 = 0;
                for (tp, b) in &d.replicas {
                    bytes = bytes.saturating_add(*b);
                    let e = parts.entry(tp.clone()).or_default();
                    e.0 = e.0.max(*b);
                    e.1 = e.1.saturating_add(*b);
                    e.2.push(broker);
                }
                log_dirs.push(LogDirDisk {
                    path: d.path,
                    bytes,
                    replicas: d.replicas.len(),
                    total_bytes: d.total_bytes,
                    usable_bytes: d.usable_bytes,
                    error: d.error,
                });
            }
            log_dirs.sort_by(|a, b| a.path.cmp(&b.path));
            brokers.push(BrokerDisk {
                broker,
                bytes: log_dirs.iter().fold(0u64, |s, d| s.saturating_add(d.bytes)),
                replicas: log_dirs.iter().map(|d| d.replicas).sum(),
                log_dirs,
                error: None,
            });
        }
        brokers.sort_by_key(|b| b.broker);
        let mut top_partitions: Vec<PartitionDisk> = parts
            .into_iter()
            .map(|(tp, (bytes, total, mut bs))| {
                bs.sort_unstable();
                PartitionDisk {
                    topic: tp.topic,
                    partition: tp.partition,
                    bytes,
                    total_bytes: total,
                    brokers: bs,
                }
            })
            .collect();
        top_partitions.sort_by(|a, b| {
            (b.bytes, &a.topic, a.partition).cmp(&(a.bytes, &b.topic, b.partition))
        });
        top_partitions.truncate(top);
        DiskReport {
            brokers,
            top_partitions,
        }
    }

    pub fn render(&self, out: &mut String) {
        let size = |v: Option<u64>| v.map_or_else(|| "-".to_string(), human_bytes);
        out.push_str("\nDisk:\n");
        let mut t = table([
            "BROKER", "LOG-DIR", "REPLICAS", "SIZE", "VOLUME", "FREE", "ERROR",
        ]);
        for b in &self.brokers {
            if let Some(e) = &b.error {
                t.add_row(vec![
                    b.broker.to_string(),
                    "-".into(),
                    "-".into(),
                    "-".into(),
                    "-".into(),
                    "-".into(),
                    e.clone(),
                ]);
                continue;
            }
            for d in &b.log_dirs {
                t.add_row(vec![
                    b.broker.to_string(),
                    d.path.clone(),
                    d.replicas.to_string(),
                    human_bytes(d.bytes),
                    size(d.total_bytes),
                    size(d.usable_bytes),
                    d.error.clone().unwrap_or_default(),
                ]);
            }
            if b.log_dirs.len() > 1 {
                t.add_row(vec![
                    b.broker.to_string(),
                    "(all)".into(),
                    b.replicas.to_string(),
                    human_bytes(b.bytes),
                    String::new(),
                    String::new(),
                    String::new(),
                ]);
            }
        }
        out.push_str(&table_text(&t));
        if !self.top_partitions.is_empty() {
            out.push_str("\nLargest partitions:\n");
            let mut t = table(["PARTITION", "SIZE", "ALL-REPLICAS", "BROKERS"]);
            for p in &self.top_partitions {
                t.add_row(vec![
                    format!("{}-{}", p.topic, p.partition),
                    human_bytes(p.bytes),
                    human_bytes(p.total_bytes),
                    crate::output::ids(&p.brokers),
                ]);
            }
            out.push_str(&table_text(&t));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(path: &str, replicas: &[(&str, i32, u64)]) -> LogDirUsage {
        LogDirUsage {
            path: path.into(),
            error: None,
            total_bytes: Some(10_000),
            usable_bytes: Some(4_000),
            replicas: replicas
                .iter()
                .map(|(t, p, b)| (TopicPartition::new(*t, *p), *b))
                .collect(),
        }
    }

    #[test]
    fn sums_per_dir_and_broker_and_largest_partitions() {
        let r = DiskReport::build(
            vec![
                (2, Err("unreachable".into())),
                (
                    1,
                    Ok(vec![
                        dir("/b", &[("x", 0, 300)]),
                        dir("/a", &[("x", 1, 50), ("y", 0, 7)]),
                    ]),
                ),
                (0, Ok(vec![dir("/a", &[("x", 0, 310), ("x", 1, 40)])])),
            ],
            2,
        );
        assert_eq!(
            r.brokers.iter().map(|b| b.broker).collect::<Vec<_>>(),
            [0, 1, 2]
        );
        assert_eq!((r.brokers[1].bytes, r.brokers[1].replicas), (357, 3));
        assert_eq!(r.brokers[1].log_dirs[0].path, "/a");
        assert_eq!(r.brokers[1].log_dirs[0].bytes, 57);
        assert_eq!(r.brokers[2].error.as_deref(), Some("unreachable"));
        assert_eq!(r.top_partitions.len(), 2);
        assert_eq!(
            (
                r.top_partitions[0].partition,
                r.top_partitions[0].bytes,
                r.top_partitions[0].total_bytes
            ),
            (0, 310, 610)
        );
        assert_eq!(r.top_partitions[0].brokers, [0, 1]);
        assert_eq!(
            (
                r.top_partitions[1].topic.as_str(),
                r.top_partitions[1].bytes
            ),
            ("x", 50)
        );
        let mut s = String::new();
        r.render(&mut s);
        assert!(
            s.contains("Largest partitions") && s.contains("x-0") && s.contains("unreachable"),
            "{s}"
        );
    }

    #[test]
    fn sizes_saturate_instead_of_overflowing() {
        let r = DiskReport::build(
            vec![(0, Ok(vec![dir("/a", &[("x", 0, u64::MAX), ("x", 1, 5)])]))],
            0,
        );
        assert_eq!(r.brokers[0].bytes, u64::MAX);
        assert!(r.top_partitions.is_empty());
    }
}
