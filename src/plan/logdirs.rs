//! The JSON that `kafka-log-dirs.sh --describe` prints, read into [`Sizes`]:
//! `{"version":1,"brokers":[{"broker":1,"logDirs":[{"logDir":"/data","error":null,
//! "partitions":[{"partition":"orders-0","size":123,"offsetLag":0,"isFuture":false}]}]}]}`.
//!
//! The tool prints two progress lines before the JSON ("Querying brokers…", "Received…"); a file
//! saved from its output is read as it is. Future logs (`isFuture`, a copy being moved between
//! log dirs) are not the replica's current log and are left out.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::Deserialize;

use crate::model::{BrokerId, LogDirInfo, ReplicaSize, Sizes, TopicPartition};

#[derive(Debug, Deserialize)]
struct Document {
    #[serde(default = "first_version")]
    version: i32,
    brokers: Vec<BrokerEntry>,
}

fn first_version() -> i32 {
    1
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct BrokerEntry {
    broker: BrokerId,
    log_dirs: Vec<DirEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct DirEntry {
    log_dir: String,
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    partitions: Vec<PartitionEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct PartitionEntry {
    partition: String,
    size: i64,
    #[serde(default)]
    is_future: bool,
}

/// What is wrong with a log-dirs document. Each message names the entry and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LogDirsError {
    NoJson,
    Syntax(String),
    Version(i32),
    DuplicateBroker(BrokerId),
    DuplicateDir {
        broker: BrokerId,
        log_dir: String,
    },
    BadPartitionName {
        broker: BrokerId,
        log_dir: String,
        name: String,
    },
    NegativeSize {
        broker: BrokerId,
        tp: TopicPartition,
        size: i64,
    },
    DuplicateReplica {
        broker: BrokerId,
        tp: TopicPartition,
    },
}

impl fmt::Display for LogDirsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LogDirsError::NoJson => write!(
                f,
                "no JSON object found; expected the output of `kafka-log-dirs.sh --describe` ({{\"version\":1,\"brokers\":[…]}})"
            ),
            LogDirsError::Syntax(e) => write!(
                f,
                "not the JSON `kafka-log-dirs.sh --describe` prints ({e}); expected {{\"version\":1,\"brokers\":[{{\"broker\":…,\"logDirs\":[{{\"logDir\":…,\"partitions\":[…]}}]}}]}}"
            ),
            LogDirsError::Version(v) => write!(
                f,
                "log-dirs JSON has version {v}; only version 1 is supported"
            ),
            LogDirsError::DuplicateBroker(b) => write!(
                f,
                "broker {b} is described twice; describe each broker once"
            ),
            LogDirsError::DuplicateDir { broker, log_dir } => write!(
                f,
                "broker {broker} lists log dir {log_dir:?} twice; list each log dir once"
            ),
            LogDirsError::BadPartitionName {
                broker,
                log_dir,
                name,
            } => write!(
                f,
                "broker {broker} log dir {log_dir:?} names partition {name:?}, which is not <topic>-<partition>; fix the entry"
            ),
            LogDirsError::NegativeSize { broker, tp, size } => write!(
                f,
                "broker {broker} reports size {size} for {tp}; sizes are bytes (0 or more), fix the entry"
            ),
            LogDirsError::DuplicateReplica { broker, tp } => write!(
                f,
                "broker {broker} reports {tp} more than once (not as a future log); keep one entry per replica"
            ),
        }
    }
}

impl std::error::Error for LogDirsError {}

/// The JSON part of a saved `kafka-log-dirs.sh --describe` output: from the first line that
/// opens an object.
fn json_part(text: &str) -> Option<&str> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with('{') {
            return Some(&text[offset..]);
        }
        offset += line.len();
    }
    None
}

/// `orders-eu-12` → (`orders-eu`, 12): Kafka prints a partition as topic, '-', number.
fn split_partition(name: &str) -> Option<TopicPartition> {
    let (topic, part) = name.rsplit_once('-')?;
    let partition: i32 = part.parse().ok()?;
    (!topic.is_empty() && partition >= 0 && !part.starts_with('+'))
        .then(|| TopicPartition::new(topic, partition))
}

/// Parse the output of `kafka-log-dirs.sh --describe` into replica and log-dir sizes.
pub fn parse(text: &str) -> Result<Sizes, LogDirsError> {
    let json = json_part(text).ok_or(LogDirsError::NoJson)?;
    let doc: Document =
        serde_json::from_str(json).map_err(|e| LogDirsError::Syntax(e.to_string()))?;
    if doc.version != 1 {
        return Err(LogDirsError::Version(doc.version));
    }
    let mut sizes = Sizes::default();
    let mut brokers = BTreeSet::new();
    let mut seen: BTreeMap<(TopicPartition, BrokerId), ()> = BTreeMap::new();
    for b in doc.brokers {
        if !brokers.insert(b.broker) {
            return Err(LogDirsError::DuplicateBroker(b.broker));
        }
        let mut paths = BTreeSet::new();
        for d in b.log_dirs {
            if !paths.insert(d.log_dir.clone()) {
                return Err(LogDirsError::DuplicateDir {
                    broker: b.broker,
                    log_dir: d.log_dir,
                });
            }
            let index = sizes.log_dirs.len();
            for p in d.partitions {
                let Some(tp) = split_partition(&p.partition) else {
                    return Err(LogDirsError::BadPartitionName {
                        broker: b.broker,
                        log_dir: d.log_dir,
                        name: p.partition,
                    });
                };
                let Ok(bytes) = u64::try_from(p.size) else {
                    return Err(LogDirsError::NegativeSize {
                        broker: b.broker,
                        tp,
                        size: p.size,
                    });
                };
                if p.is_future {
                    continue;
                }
                if seen.insert((tp.clone(), b.broker), ()).is_some() {
                    return Err(LogDirsError::DuplicateReplica {
                        broker: b.broker,
                        tp,
                    });
                }
                sizes.replicas.entry(tp).or_default().push(ReplicaSize {
                    broker: b.broker,
                    bytes,
                    log_dir: index,
                });
            }
            sizes.log_dirs.push(LogDirInfo {
                broker: b.broker,
                path: d.log_dir,
                error: d.error,
            });
        }
    }
    Ok(sizes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// As the tool prints it (Kafka 4.1): two progress lines, then one line of JSON.
    const OUTPUT: &str = "Querying brokers for log directories information\n\
Received log directory information from brokers 1,2\n\
{\"brokers\":[{\"broker\":1,\"logDirs\":[{\"partitions\":[{\"partition\":\"orders-eu-0\",\"size\":1000,\"offsetLag\":0,\"isFuture\":false},{\"partition\":\"orders-eu-1\",\"size\":20,\"offsetLag\":0,\"isFuture\":false}],\"error\":null,\"logDir\":\"/data/a\"},{\"partitions\":[{\"partition\":\"orders-eu-0\",\"size\":900,\"offsetLag\":0,\"isFuture\":true}],\"error\":null,\"logDir\":\"/data/b\"}]},{\"broker\":2,\"logDirs\":[{\"partitions\":[{\"partition\":\"orders-eu-0\",\"size\":990,\"offsetLag\":3,\"isFuture\":false}],\"error\":null,\"logDir\":\"/data/a\"},{\"partitions\":[],\"error\":\"org.apache.kafka.common.errors.KafkaStorageException\",\"logDir\":\"/data/b\"}]}],\"version\":1}\n";

    #[test]
    fn reads_the_tool_output() {
        let s = parse(OUTPUT).unwrap();
        let t0 = TopicPartition::new("orders-eu", 0);
        let t1 = TopicPartition::new("orders-eu", 1);
        assert_eq!(s.log_dirs.len(), 4);
        assert_eq!(s.partition_bytes(&t0), Some(1000));
        assert_eq!(s.partition_bytes(&t1), Some(20));
        // The future copy on /data/b is not counted.
        assert_eq!(s.replica(&t0, 1).map(|r| r.bytes), Some(1000));
        assert_eq!(
            s.log_dirs[s.replica(&t0, 1).unwrap().log_dir].path,
            "/data/a"
        );
        assert_eq!(s.replica(&t0, 2).map(|r| r.bytes), Some(990));
        assert_eq!(
            s.broker_bytes(),
            [(1, 1020), (2, 990)].into_iter().collect()
        );
        let failed: Vec<_> = s.log_dirs.iter().filter(|d| d.error.is_some()).collect();
        assert_eq!(failed.len(), 1);
        assert_eq!((failed[0].broker, failed[0].path.as_str()), (2, "/data/b"));
        assert_eq!(s.dirs_of(1).count(), 2);
    }

    #[test]
    fn bare_json_also_reads() {
        let json = OUTPUT.lines().nth(2).unwrap();
        assert_eq!(parse(json).unwrap(), parse(OUTPUT).unwrap());
    }

    #[test]
    fn rejects_what_is_not_log_dirs_output() {
        assert_eq!(
            parse("Querying brokers\n").unwrap_err(),
            LogDirsError::NoJson
        );
        assert!(matches!(
            parse(r#"{"version":1,"partitions":[]}"#),
            Err(LogDirsError::Syntax(_))
        ));
        assert_eq!(
            parse(r#"{"version":2,"brokers":[]}"#).unwrap_err(),
            LogDirsError::Version(2)
        );
        let dup =
            r#"{"version":1,"brokers":[{"broker":1,"logDirs":[]},{"broker":1,"logDirs":[]}]}"#;
        assert_eq!(parse(dup).unwrap_err(), LogDirsError::DuplicateBroker(1));
        let bad = r#"{"version":1,"brokers":[{"broker":1,"logDirs":[{"logDir":"/d","error":null,"partitions":[{"partition":"nodash","size":1,"offsetLag":0,"isFuture":false}]}]}]}"#;
        let e = parse(bad).unwrap_err();
        assert!(e.to_string().contains("\"nodash\""), "{e}");
        let neg = bad
            .replace("nodash", "t-0")
            .replace("\"size\":1", "\"size\":-5");
        assert!(matches!(
            parse(&neg),
            Err(LogDirsError::NegativeSize { size: -5, .. })
        ));
        let twice = r#"{"version":1,"brokers":[{"broker":1,"logDirs":[{"logDir":"/a","partitions":[{"partition":"t-0","size":1,"offsetLag":0,"isFuture":false}]},{"logDir":"/b","partitions":[{"partition":"t-0","size":1,"offsetLag":0,"isFuture":false}]}]}]}"#;
        assert_eq!(
            parse(twice).unwrap_err(),
            LogDirsError::DuplicateReplica {
                broker: 1,
                tp: TopicPartition::new("t", 0)
            }
        );
        let dirs =
            r#"{"version":1,"brokers":[{"broker":1,"logDirs":[{"logDir":"/a"},{"logDir":"/a"}]}]}"#;
        assert!(matches!(
            parse(dirs),
            Err(LogDirsError::DuplicateDir { broker: 1, .. })
        ));
    }

    #[test]
    fn partition_names_split_at_the_last_dash() {
        assert_eq!(
            split_partition("a-b-c-10"),
            Some(TopicPartition::new("a-b-c", 10))
        );
        assert_eq!(split_partition("-1"), None);
        assert_eq!(split_partition("t--1"), Some(TopicPartition::new("t-", 1)));
        assert_eq!(split_partition("t-+1"), None);
        assert_eq!(split_partition("t-x"), None);
    }
}
