//! The kafka-reassign-partitions JSON format, so plans can be read and written by Kafka's tool too:
//! `{"version":1,"partitions":[{"topic":"t","partition":0,"replicas":[1,2,3],"log_dirs":["any",…]}]}`.
//!
//! Read as Kafka's own parser reads it: `version` may be left out (it means 1), `partitions` may be
//! left out (no partitions), `log_dirs` may be left out (every replica "any"). A log dir other than
//! "any" is kept with the replica it names: [`parse_document`] returns it, and [`parse`], whose
//! callers cannot move replicas between log dirs, refuses the document rather than drop it.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::model::{Assignment, BrokerId, TopicPartition};

/// The log dir value that leaves the choice to the broker.
pub const ANY_LOG_DIR: &str = "any";

/// The log dir each replica must live in, where a document names one (never "any").
pub type LogDirAssignment = BTreeMap<(TopicPartition, BrokerId), String>;

/// A reassignment document: replica lists and the log dirs it names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reassignment {
    pub partitions: Assignment,
    pub log_dirs: LogDirAssignment,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Entry {
    topic: String,
    partition: i32,
    replicas: Vec<BrokerId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    log_dirs: Option<Vec<String>>,
}

fn first_version() -> i32 {
    1
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Document {
    /// Kafka's parser takes a document without it as version 1.
    #[serde(default = "first_version")]
    version: i32,
    #[serde(default)]
    partitions: Vec<Entry>,
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
    /// A log dir other than "any" where the caller cannot honour it.
    LogDirNotHonoured {
        tp: TopicPartition,
        broker: BrokerId,
        log_dir: String,
    },
    EmptyLogDir {
        tp: TopicPartition,
        broker: BrokerId,
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
            JsonError::LogDirNotHonoured {
                tp,
                broker,
                log_dir,
            } => write!(
                f,
                "partition {tp} names log dir {log_dir:?} for broker {broker}, and this command cannot move replicas between log dirs; write \"any\" there (or leave log_dirs out) to let the broker choose"
            ),
            JsonError::EmptyLogDir { tp, broker } => write!(
                f,
                "partition {tp} names an empty log dir for broker {broker}; give an absolute path or \"any\""
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

/// Parse a reassignment JSON document: replica lists and the log dirs it names.
pub fn parse_document(text: &str) -> Result<Reassignment, JsonError> {
    // Kafka reads the document as a JSON object; serde would also take an array for a struct.
    if !text.trim_start().starts_with('{') {
        return Err(JsonError::Syntax("expected a JSON object".to_string()));
    }
    let doc: Document = serde_json::from_str(text).map_err(|e| JsonError::Syntax(e.to_string()))?;
    if doc.version != 1 {
        return Err(JsonError::Version(doc.version));
    }
    let mut out = Reassignment::default();
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
        if out.partitions.contains_key(&tp) {
            return Err(JsonError::DuplicatePartition(tp));
        }
        if let Some(d) = &e.log_dirs {
            if d.len() != e.replicas.len() {
                return Err(JsonError::LogDirsLength {
                    tp,
                    replicas: e.replicas.len(),
                    log_dirs: d.len(),
                });
            }
            for (b, dir) in e.replicas.iter().zip(d) {
                if dir.is_empty() {
                    return Err(JsonError::EmptyLogDir { tp, broker: *b });
                }
                if dir != ANY_LOG_DIR {
                    out.log_dirs.insert((tp.clone(), *b), dir.clone());
                }
            }
        }
        out.partitions.insert(tp, e.replicas);
    }
    Ok(out)
}

/// Parse a reassignment JSON document into an assignment, for callers that move replicas between
/// brokers only: a document naming a log dir (other than "any") is refused, never silently
/// dropped.
pub fn parse(text: &str) -> Result<Assignment, JsonError> {
    let doc = parse_document(text)?;
    if let Some(((tp, broker), log_dir)) = doc.log_dirs.into_iter().next() {
        return Err(JsonError::LogDirNotHonoured {
            tp,
            broker,
            log_dir,
        });
    }
    Ok(doc.partitions)
}

/// Render `assignment` as a reassignment JSON document (log dirs "any"), partitions in order.
pub fn render(assignment: &Assignment) -> String {
    render_with_dirs(assignment, &LogDirAssignment::new())
}

/// Render `assignment` naming the log dirs in `log_dirs` ("any" for every other replica).
pub fn render_with_dirs(assignment: &Assignment, log_dirs: &LogDirAssignment) -> String {
    let doc = Document {
        version: 1,
        partitions: assignment
            .iter()
            .map(|(tp, r)| Entry {
                topic: tp.topic.clone(),
                partition: tp.partition,
                replicas: r.clone(),
                log_dirs: Some(
                    r.iter()
                        .map(|b| {
                            log_dirs
                                .get(&(tp.clone(), *b))
                                .cloned()
                                .unwrap_or_else(|| ANY_LOG_DIR.to_string())
                        })
                        .collect(),
                ),
            })
            .collect(),
    };
    // Serialising plain strings and integers cannot fail.
    serde_json::to_string(&doc).unwrap_or_default()
}

/// The reassignment a plan with log dirs submits: partitions whose replica list changes or that
/// have a replica to place in a named log dir.
pub fn render_plan_with_dirs(
    current: &Assignment,
    target: &Assignment,
    log_dirs: &LogDirAssignment,
) -> String {
    let mut out = changed(current, target);
    for (tp, _) in log_dirs.keys() {
        if let Some(r) = target.get(tp) {
            out.insert(tp.clone(), r.clone());
        }
    }
    render_with_dirs(&out, log_dirs)
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
        assert!(matches!(parse("[1,2]"), Err(JsonError::Syntax(_))));
        assert!(matches!(
            parse(r#"{"version":"1","partitions":[]}"#),
            Err(JsonError::Syntax(_))
        ));
        assert!(matches!(
            parse(r#"{"version":1,"partitions":[{"topic":"t","partition":0}]}"#),
            Err(JsonError::Syntax(_))
        ));
        let msg = JsonError::Version(2).to_string();
        assert!(msg.contains("only version 1"), "{msg}");
    }

    #[test]
    fn version_and_partitions_are_optional_as_in_kafka() {
        assert_eq!(parse(r#"{"partitions":[]}"#).unwrap(), Assignment::new());
        assert_eq!(parse("{}").unwrap(), Assignment::new());
        let s = r#"{"partitions":[{"topic":"t","partition":3,"replicas":[2,1]}],"extra":true}"#;
        assert_eq!(parse(s).unwrap(), a(&[("t", 3, &[2, 1])]));
    }

    #[test]
    fn named_log_dirs_are_kept_or_refused_never_dropped() {
        let s = r#"{"version":1,"partitions":[{"topic":"t","partition":0,"replicas":[1,2],"log_dirs":["/d1","any"]}]}"#;
        let doc = parse_document(s).unwrap();
        assert_eq!(doc.partitions, a(&[("t", 0, &[1, 2])]));
        let want: LogDirAssignment = [((TopicPartition::new("t", 0), 1), "/d1".to_string())]
            .into_iter()
            .collect();
        assert_eq!(doc.log_dirs, want);
        let e = parse(s).unwrap_err();
        assert_eq!(
            e,
            JsonError::LogDirNotHonoured {
                tp: TopicPartition::new("t", 0),
                broker: 1,
                log_dir: "/d1".into()
            }
        );
        assert!(e.to_string().contains("\"any\""), "{e}");
        // Rendering keeps them, and a plan names the partitions whose dirs change.
        let back = parse_document(&render_with_dirs(&doc.partitions, &doc.log_dirs)).unwrap();
        assert_eq!(back, doc);
        let only_dirs = render_plan_with_dirs(&doc.partitions, &doc.partitions, &doc.log_dirs);
        assert_eq!(parse_document(&only_dirs).unwrap(), doc);
        let empty =
            r#"{"partitions":[{"topic":"t","partition":0,"replicas":[1],"log_dirs":[""]}]}"#;
        assert!(matches!(
            parse_document(empty),
            Err(JsonError::EmptyLogDir { broker: 1, .. })
        ));
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
