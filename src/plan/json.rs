//! The kafka-reassign-partitions JSON format, so plans can be read and written by Kafka's tool too:
//! `{"version":1,"partitions":[{"topic":"t","partition":0,"replicas":[1,2,3],"log_dirs":["any",…]}]}`.

use std::collections::BTreeSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::model::{Assignment, BrokerId, TopicPartition};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Entry {
    topic: String,
    partition: i32,
    replicas: Vec<BrokerId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    log_dirs: Option<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Document {
    /// Kafka's parser takes a document without it as version 1.
    #[serde(default = "first_version")]
    version: i32,
    partitions: Vec<Entry>,
}

fn first_version() -> i32 {
    1
}

/// What is wrong with a reassignment JSON document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonError {
    Syntax(String),
    Version(i32),
    DuplicatePartition(TopicPartition),
    DuplicateReplica {
        tp: TopicPartition,
        broker: BrokerId,
    },
    EmptyReplicas(TopicPartition),
    LogDirsLength {
        tp: TopicPartition,
        replicas: usize,
        log_dirs: usize,
    },
    BadPartition {
        topic: String,
        partition: i32,
    },
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JsonError::Syntax(e) => write!(
                f,
                "not a reassignment JSON document ({e}); expected {{\"version\":1,\"partitions\":[{{\"topic\":…,\"partition\":…,\"replicas\":[…]}}]}}"
            ),
            JsonError::Version(v) => write!(
                f,
                "reassignment JSON has version {v}; only version 1 is supported"
            ),
            JsonError::DuplicatePartition(tp) => write!(
                f,
                "partition {tp} appears more than once in the reassignment JSON; list each partition once"
            ),
            JsonError::DuplicateReplica { tp, broker } => write!(
                f,
                "partition {tp} lists broker {broker} more than once in its replicas; list each broker once"
            ),
            JsonError::EmptyReplicas(tp) => {
                write!(
                    f,
                    "partition {tp} has an empty replica list; give at least one broker"
                )
            }
            JsonError::LogDirsLength {
                tp,
                replicas,
                log_dirs,
            } => write!(
                f,
                "partition {tp} has {replicas} replicas but {log_dirs} log_dirs; give one log dir (or \"any\") per replica"
            ),
            JsonError::BadPartition { topic, partition } => write!(
                f,
                "topic {topic:?} partition {partition} is not valid; topics need a name and partitions are numbered from 0"
            ),
        }
    }
}

impl std::error::Error for JsonError {}

impl From<JsonError> for crate::error::Error {
    fn from(e: JsonError) -> Self {
        crate::error::Error::Usage(e.to_string())
    }
}

/// Parse a reassignment JSON document into an assignment (log dirs are checked, then dropped).
pub fn parse(text: &str) -> Result<Assignment, JsonError> {
    let doc: Document = serde_json::from_str(text).map_err(|e| JsonError::Syntax(e.to_string()))?;
    if doc.version != 1 {
        return Err(JsonError::Version(doc.version));
    }
    let mut out = Assignment::new();
    for e in doc.partitions {
        if e.topic.is_empty() || e.partition < 0 {
            return Err(JsonError::BadPartition {
                topic: e.topic,
                partition: e.partition,
            });
        }
        let tp = TopicPartition::new(e.topic, e.partition);
        if e.replicas.is_empty() {
            return Err(JsonError::EmptyReplicas(tp));
        }
        let mut seen = BTreeSet::new();
        for b in &e.replicas {
            if !seen.insert(*b) {
                return Err(JsonError::DuplicateReplica { tp, broker: *b });
            }
        }
        if let Some(d) = &e.log_dirs
            && d.len() != e.replicas.len()
        {
            return Err(JsonError::LogDirsLength {
                tp,
                replicas: e.replicas.len(),
                log_dirs: d.len(),
            });
        }
        if out.contains_key(&tp) {
            return Err(JsonError::DuplicatePartition(tp));
        }
        out.insert(tp, e.replicas);
    }
    Ok(out)
}

/// Render `assignment` as a reassignment JSON document (log dirs "any"), partitions in order.
pub fn render(assignment: &Assignment) -> String {
    let doc = Document {
        version: 1,
        partitions: assignment
            .iter()
            .map(|(tp, r)| Entry {
                topic: tp.topic.clone(),
                partition: tp.partition,
                replicas: r.clone(),
                log_dirs: Some(vec!["any".to_string(); r.len()]),
            })
            .collect(),
    };
    // Serialising plain strings and integers cannot fail.
    serde_json::to_string(&doc).unwrap_or_default()
}

/// The reassignment a plan submits: the partitions whose replica list changes.
pub fn render_plan(current: &Assignment, target: &Assignment) -> String {
    render(&changed(current, target))
}

/// The rollback file: today's replicas of exactly the partitions the plan changes, so applying it
/// restores the current layout.
pub fn render_rollback(current: &Assignment, target: &Assignment) -> String {
    let back: Assignment = changed(current, target)
        .into_keys()
        .filter_map(|tp| current.get(&tp).map(|r| (tp, r.clone())))
        .collect();
    render(&back)
}

fn changed(current: &Assignment, target: &Assignment) -> Assignment {
    target
        .iter()
        .filter(|(tp, r)| current.get(*tp) != Some(*r))
        .map(|(tp, r)| (tp.clone(), r.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(entries: &[(&str, i32, &[i32])]) -> Assignment {
        entries
            .iter()
            .map(|(t, p, r)| (TopicPartition::new(*t, *p), r.to_vec()))
            .collect()
    }

    #[test]
    fn round_trip() {
        let x = a(&[("t", 0, &[1, 2, 3]), ("t", 1, &[2, 3, 1]), ("u", 0, &[3])]);
        let s = render(&x);
        assert!(s.contains(r#""log_dirs":["any","any","any"]"#));
        assert_eq!(parse(&s).unwrap(), x);
    }

    #[test]
    fn log_dirs_optional() {
        let s = r#"{"version":1,"partitions":[{"topic":"t","partition":0,"replicas":[1,2]}]}"#;
        assert_eq!(parse(s).unwrap(), a(&[("t", 0, &[1, 2])]));
    }

    #[test]
    fn version_optional_as_in_kafkas_parser() {
        let s = r#"{"partitions":[{"topic":"t","partition":0,"replicas":[1,2]}]}"#;
        assert_eq!(parse(s).unwrap(), a(&[("t", 0, &[1, 2])]));
    }

    #[test]
    fn rejects_bad_documents() {
        let cases = [
            (r#"{"version":2,"partitions":[]}"#, JsonError::Version(2)),
            (
                r#"{"version":1,"partitions":[{"topic":"t","partition":0,"replicas":[1]},{"topic":"t","partition":0,"replicas":[2]}]}"#,
                JsonError::DuplicatePartition(TopicPartition::new("t", 0)),
            ),
            (
                r#"{"version":1,"partitions":[{"topic":"t","partition":0,"replicas":[1,2,1]}]}"#,
                JsonError::DuplicateReplica {
                    tp: TopicPartition::new("t", 0),
                    broker: 1,
                },
            ),
            (
                r#"{"version":1,"partitions":[{"topic":"t","partition":0,"replicas":[]}]}"#,
                JsonError::EmptyReplicas(TopicPartition::new("t", 0)),
            ),
            (
                r#"{"version":1,"partitions":[{"topic":"t","partition":0,"replicas":[1,2],"log_dirs":["any"]}]}"#,
                JsonError::LogDirsLength {
                    tp: TopicPartition::new("t", 0),
                    replicas: 2,
                    log_dirs: 1,
                },
            ),
            (
                r#"{"version":1,"partitions":[{"topic":"t","partition":-1,"replicas":[1]}]}"#,
                JsonError::BadPartition {
                    topic: "t".into(),
                    partition: -1,
                },
            ),
        ];
        for (doc, want) in cases {
            assert_eq!(parse(doc).unwrap_err(), want, "{doc}");
        }
        assert!(matches!(parse("{"), Err(JsonError::Syntax(_))));
        assert!(matches!(
            parse(r#"{"version":1}"#),
            Err(JsonError::Syntax(_))
        ));
        let msg = JsonError::Version(2).to_string();
        assert!(msg.contains("only version 1"), "{msg}");
    }

    #[test]
    fn plan_and_rollback_cover_changed_partitions_only() {
        let cur = a(&[("t", 0, &[1, 2]), ("t", 1, &[2, 1]), ("t", 2, &[1, 2])]);
        let tgt = a(&[("t", 0, &[3, 2]), ("t", 1, &[2, 1]), ("t", 2, &[2, 1])]);
        let fwd = parse(&render_plan(&cur, &tgt)).unwrap();
        assert_eq!(fwd, a(&[("t", 0, &[3, 2]), ("t", 2, &[2, 1])]));
        let back = parse(&render_rollback(&cur, &tgt)).unwrap();
        assert_eq!(back, a(&[("t", 0, &[1, 2]), ("t", 2, &[1, 2])]));
    }
}
