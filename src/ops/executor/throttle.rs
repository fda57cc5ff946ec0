//! Replication throttles for a reassignment, as Kafka's own tool sets them: a rate on every broker
//! involved, and per topic the replicas the rate applies to (leader side: the current replicas;
//! follower side: the replicas being added), the moves of other tools in flight included.
//! Always IncrementalAlterConfigs (plain AlterConfigs would reset the resources' other dynamic
//! configs): the replica lists are APPENDed to and SUBTRACTed from, so entries someone else set
//! stay; a rate someone else set is put back rather than deleted. Only what is recorded is undone.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::batch::PartitionMove;
use crate::error::{Error, Result};
use crate::kafka::errors::codes;
use crate::kafka::{Admin, ConfigOp, ConfigResource, ConfigSource};
use crate::model::{BrokerId, ClusterSnapshot};

/// Annotation on the brokers' StatefulSet recording the throttles an operation set.
pub const RECORD_ANNOTATION: &str = "kafka.kubectl.io/throttles";

pub const LEADER_RATE: &str = "leader.replication.throttled.rate";
pub const FOLLOWER_RATE: &str = "follower.replication.throttled.rate";
pub const LEADER_REPLICAS: &str = "leader.replication.throttled.replicas";
pub const FOLLOWER_REPLICAS: &str = "follower.replication.throttled.replicas";

/// What a reassignment throttles.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ThrottlePlan {
    pub rate: u64,
    /// Brokers that get the leader and follower rate.
    pub brokers: BTreeSet<BrokerId>,
    /// Topic → its leader and follower list entries, `partition:broker`.
    pub topics: BTreeMap<String, ListEntries>,
}

/// Entries of a topic's leader and follower throttled-replica lists, `partition:broker`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ListEntries {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub leader: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub follower: Vec<String>,
}

impl ListEntries {
    fn is_empty(&self) -> bool {
        self.leader.is_empty() && self.follower.is_empty()
    }
}

/// The throttle configs for `moves` at `rate`: rates on every broker of the current or target
/// replicas of a moving partition; per topic, leader list = current replicas, follower list =
/// replicas moving in.
pub fn throttle_plan(moves: &[PartitionMove], rate: u64) -> ThrottlePlan {
    let mut brokers = BTreeSet::new();
    let mut topics: BTreeMap<String, ListEntries> = BTreeMap::new();
    for m in moves.iter().filter(|m| !m.is_reorder()) {
        brokers.extend(m.current.iter().copied());
        brokers.extend(m.target.iter().copied());
        let e = topics.entry(m.tp.topic.clone()).or_default();
        for b in &m.current {
            push_new(&mut e.leader, format!("{}:{b}", m.tp.partition));
        }
        for b in m.adding() {
            push_new(&mut e.follower, format!("{}:{b}", m.tp.partition));
        }
    }
    ThrottlePlan {
        rate,
        brokers,
        topics,
    }
}

fn push_new(list: &mut Vec<String>, v: String) {
    if !list.contains(&v) {
        list.push(v);
    }
}

/// The dynamic throttle configs set on resources right now: resource → key → value.
pub type Current = BTreeMap<ConfigResource, BTreeMap<String, String>>;

/// The entries of a list config as set now (`*` stands for every replica).
fn entries_of(now: &Current, res: &ConfigResource, key: &str) -> Vec<String> {
    now.get(res)
        .and_then(|c| c.get(key))
        .map(|v| {
            v.split(',')
                .map(str::trim)
                .filter(|e| !e.is_empty())
                .map(String::from)
                .collect()
        })
        .unwrap_or_default()
}

impl ThrottlePlan {
    /// What this plan adds to what is set `now`, as the record to keep: the list entries that are
    /// not there yet (none where a list is `*`: everything is throttled already), and the rates
    /// someone else had set on the brokers, to put back afterwards.
    pub fn additions(&self, now: &Current) -> ThrottleRecord {
        let mut rec = ThrottleRecord {
            rate: self.rate,
            brokers: self.brokers.iter().copied().collect(),
            ..ThrottleRecord::default()
        };
        for b in &self.brokers {
            let set = now.get(&ConfigResource::Broker(*b));
            let prev = PreviousRates {
                leader: set.and_then(|c| c.get(LEADER_RATE)).cloned(),
                follower: set.and_then(|c| c.get(FOLLOWER_RATE)).cloned(),
            };
            if prev.leader.is_some() || prev.follower.is_some() {
                rec.previous_rates.insert(*b, prev);
            }
        }
        for (t, want) in &self.topics {
            let res = ConfigResource::Topic(t.clone());
            let add = |key: &str, want: &[String]| -> Vec<String> {
                let have = entries_of(now, &res, key);
                if have.iter().any(|e| e == "*") {
                    return vec![];
                }
                want.iter().filter(|e| !have.contains(e)).cloned().collect()
            };
            let e = ListEntries {
                leader: add(LEADER_REPLICAS, &want.leader),
                follower: add(FOLLOWER_REPLICAS, &want.follower),
            };
            if !e.is_empty() {
                rec.topics.push(t.clone());
                rec.entries.insert(t.clone(), e);
            }
        }
        rec
    }
}

/// What was throttled, as recorded in the workload annotation so a later command can undo it,
/// and only it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ThrottleRecord {
    pub rate: u64,
    pub brokers: Vec<BrokerId>,
    pub topics: Vec<String>,
    /// Per topic, the list entries this tool added. A topic in `topics` without entries here
    /// comes from an older record, which did not say: its lists are removed whole.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub entries: BTreeMap<String, ListEntries>,
    /// Per broker, the rates someone else had set before this tool set its own: put back.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub previous_rates: BTreeMap<BrokerId, PreviousRates>,
}

/// The rates a broker had before (None: not set).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PreviousRates {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leader: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follower: Option<String>,
}

impl ThrottleRecord {
    pub fn is_empty(&self) -> bool {
        self.brokers.is_empty() && self.topics.is_empty()
    }

    /// The operations that set what this record adds: the rate on its brokers, its entries
    /// APPENDed to the topics' lists.
    pub fn set_ops(&self) -> Vec<(ConfigResource, Vec<ConfigOp>)> {
        let rate = self.rate.to_string();
        let mut out: Vec<(ConfigResource, Vec<ConfigOp>)> = self
            .brokers
            .iter()
            .map(|b| {
                (
                    ConfigResource::Broker(*b),
                    vec![
                        ConfigOp::Set(LEADER_RATE.into(), rate.clone()),
                        ConfigOp::Set(FOLLOWER_RATE.into(), rate.clone()),
                    ],
                )
            })
            .collect();
        for (t, e) in &self.entries {
            let mut ops = Vec::new();
            if !e.leader.is_empty() {
                ops.push(ConfigOp::Append(LEADER_REPLICAS.into(), e.leader.join(",")));
            }
            if !e.follower.is_empty() {
                ops.push(ConfigOp::Append(
                    FOLLOWER_REPLICAS.into(),
                    e.follower.join(","),
                ));
            }
            if !ops.is_empty() {
                out.push((ConfigResource::Topic(t.clone()), ops));
            }
        }
        out
    }

    /// The operations that undo this record given what is set `now`: a broker's rates put back
    /// to what they were (deleted when nobody had set them); the recorded list entries
    /// SUBTRACTed, or the list deleted when nothing else would be left in it.
    pub fn removal_ops(&self, now: &Current) -> Vec<(ConfigResource, Vec<ConfigOp>)> {
        let mut out: Vec<(ConfigResource, Vec<ConfigOp>)> = self
            .brokers
            .iter()
            .map(|b| {
                let prev = self.previous_rates.get(b).cloned().unwrap_or_default();
                let undo = |key: &str, prev: Option<String>| match prev {
                    Some(v) => ConfigOp::Set(key.into(), v),
                    None => ConfigOp::Delete(key.into()),
                };
                (
                    ConfigResource::Broker(*b),
                    vec![
                        undo(LEADER_RATE, prev.leader),
                        undo(FOLLOWER_RATE, prev.follower),
                    ],
                )
            })
            .collect();
        for t in &self.topics {
            let res = ConfigResource::Topic(t.clone());
            let ops = match self.entries.get(t) {
                None => vec![
                    ConfigOp::Delete(LEADER_REPLICAS.into()),
                    ConfigOp::Delete(FOLLOWER_REPLICAS.into()),
                ],
                Some(e) => [
                    (LEADER_REPLICAS, &e.leader),
                    (FOLLOWER_REPLICAS, &e.follower),
                ]
                .into_iter()
                .filter(|(_, ours)| !ours.is_empty())
                .map(|(key, ours)| {
                    let have = entries_of(now, &res, key);
                    if have.iter().all(|h| ours.contains(h)) {
                        ConfigOp::Delete(key.into())
                    } else {
                        ConfigOp::Subtract(key.into(), ours.join(","))
                    }
                })
                .collect(),
            };
            if !ops.is_empty() {
                out.push((res, ops));
            }
        }
        out
    }

    /// Merge an older record into this newer one. The older one knows what others had set
    /// before either run: its previous rates win, and a broker it had throttled has no
    /// previous rate but this tool's.
    pub fn merge(&mut self, older: &ThrottleRecord) {
        let b: BTreeSet<BrokerId> = self.brokers.iter().chain(&older.brokers).copied().collect();
        let t: BTreeSet<String> = self.topics.iter().chain(&older.topics).cloned().collect();
        self.brokers = b.into_iter().collect();
        self.topics = t.into_iter().collect();
        self.rate = self.rate.max(older.rate);
        for (topic, e) in &older.entries {
            let mine = self.entries.entry(topic.clone()).or_default();
            for v in &e.leader {
                push_new(&mut mine.leader, v.clone());
            }
            for v in &e.follower {
                push_new(&mut mine.follower, v.clone());
            }
        }
        for ob in &older.brokers {
            match older.previous_rates.get(ob) {
                Some(p) => {
                    self.previous_rates.insert(*ob, p.clone());
                }
                None => {
                    self.previous_rates.remove(ob);
                }
            }
        }
    }

    /// The record without what no longer exists: brokers not registered, topics deleted.
    pub fn retain_existing(&mut self, brokers: &[BrokerId], topics: &[String]) {
        self.brokers.retain(|b| brokers.contains(b));
        self.previous_rates.retain(|b, _| brokers.contains(b));
        self.topics.retain(|t| topics.contains(t));
        self.entries.retain(|t, _| topics.contains(t));
    }
}

/// The dynamic throttle configs set now on the record's brokers and topics (topics deleted
/// meanwhile are left out).
pub async fn current(admin: &Admin, brokers: &[BrokerId], topics: &[String]) -> Result<Current> {
    let mut out = Current::new();
    for (throttle, dynamic) in settings(admin, brokers, topics).await? {
        if !dynamic {
            continue;
        }
        let res = if throttle.resource == "broker" {
            match throttle.name.parse::<BrokerId>() {
                Ok(id) => ConfigResource::Broker(id),
                Err(_) => continue,
            }
        } else {
            ConfigResource::Topic(throttle.name)
        };
        out.entry(res)
            .or_default()
            .insert(throttle.config, throttle.value);
    }
    Ok(out)
}

/// Set what `record` adds. Stops at the first failure (the caller undoes the record).
pub async fn apply(admin: &Admin, record: &ThrottleRecord) -> Result<()> {
    for (res, ops) in record.set_ops() {
        admin
            .incremental_alter_configs(&res, &ops, false)
            .await
            .map_err(|e| match e {
                Error::Kafka(k) => {
                    Error::Kafka(k.context(format!("cannot set the replication throttle on {res}")))
                }
                other => other,
            })?;
    }
    Ok(())
}

/// Undo what `record` set, and nothing else. Tries every resource; reports those it could not
/// clean.
pub async fn remove(admin: &Admin, record: &ThrottleRecord) -> Result<()> {
    let now = current(admin, &record.brokers, &record.topics).await?;
    let mut failed = Vec::new();
    for (res, ops) in record.removal_ops(&now) {
        if let Err(e) = admin.incremental_alter_configs(&res, &ops, false).await {
            // A topic deleted meanwhile has nothing left to clean.
            if matches!(res, ConfigResource::Topic(_))
                && e.is_kafka(codes::UNKNOWN_TOPIC_OR_PARTITION)
            {
                continue;
            }
            failed.push(format!("{res}: {e}"));
        }
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(Error::kafka(format!(
            "could not remove the replication throttles from {}; run `kubectl kafka reassign \
             cancel` (or `reassign status` once nothing moves) to try again",
            failed.join("; ")
        )))
    }
}

/// A replication throttle config that is set, as `status` reports it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Throttle {
    /// "broker" or "topic"
    pub resource: String,
    /// Broker id or topic name.
    pub name: String,
    pub config: String,
    pub value: String,
}

/// Keep the throttle configs that are set (non-empty value) among `(key, value)` pairs of one
/// resource: the rates on a broker, the throttled replica lists on a topic.
pub fn throttles_of(
    resource: &str,
    name: &str,
    configs: &[(String, Option<String>)],
) -> Vec<Throttle> {
    let keys: &[&str] = if resource == "broker" {
        &[LEADER_RATE, FOLLOWER_RATE]
    } else {
        &[LEADER_REPLICAS, FOLLOWER_REPLICAS]
    };
    configs
        .iter()
        .filter(|(k, v)| {
            keys.contains(&k.as_str()) && v.as_deref().is_some_and(|v| !v.trim().is_empty())
        })
        .map(|(k, v)| Throttle {
            resource: resource.into(),
            name: name.into(),
            config: k.clone(),
            value: v.clone().unwrap_or_default(),
        })
        .collect()
}

/// The throttle configs set on `brokers` and `topics` other than Kafka's defaults, each with
/// whether it was set at run time (and so can be removed).
async fn settings(
    admin: &Admin,
    brokers: &[BrokerId],
    topics: &[String],
) -> Result<Vec<(Throttle, bool)>> {
    let mut resources: Vec<ConfigResource> =
        brokers.iter().map(|b| ConfigResource::Broker(*b)).collect();
    resources.extend(topics.iter().cloned().map(ConfigResource::Topic));
    if resources.is_empty() {
        return Ok(vec![]);
    }
    let mut out = Vec::new();
    for (res, entries) in admin.describe_configs(&resources).await? {
        let (kind, name) = match &res {
            ConfigResource::Broker(id) => ("broker", id.to_string()),
            ConfigResource::Topic(t) => ("topic", t.clone()),
            ConfigResource::BrokerDefaults => ("broker", "default".to_string()),
        };
        for e in entries.into_iter().filter(|e| !e.source.is_default()) {
            let dynamic = matches!(
                e.source,
                ConfigSource::DynamicBroker | ConfigSource::DynamicTopic
            );
            out.extend(
                throttles_of(kind, &name, &[(e.name, e.value)])
                    .into_iter()
                    .map(|t| (t, dynamic)),
            );
        }
    }
    Ok(out)
}

/// Every replication throttle set on the snapshot's brokers and topics.
pub async fn list(admin: &Admin, snap: &ClusterSnapshot) -> Result<Vec<Throttle>> {
    let brokers: Vec<BrokerId> = snap.brokers.iter().map(|b| b.id).collect();
    let topics: Vec<String> = snap.topics.iter().map(|t| t.name.clone()).collect();
    Ok(settings(admin, &brokers, &topics)
        .await?
        .into_iter()
        .map(|(t, _)| t)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TopicPartition;

    fn mv(topic: &str, p: i32, current: &[BrokerId], target: &[BrokerId]) -> PartitionMove {
        PartitionMove {
            tp: TopicPartition::new(topic, p),
            current: current.to_vec(),
            target: target.to_vec(),
            leader: None,
        }
    }

    #[test]
    fn throttle_values_follow_kafkas_tool() {
        let moves = vec![
            mv("a", 0, &[1, 2, 3], &[4, 2, 3]),
            mv("a", 2, &[2, 3, 1], &[2, 3, 4]),
            mv("b", 1, &[1, 2], &[2, 1]),
            mv("b", 3, &[3, 1], &[3, 5]),
        ];
        let p = throttle_plan(&moves, 1000);
        assert_eq!(p.brokers, [1, 2, 3, 4, 5].into());
        let list = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            p.topics["a"].leader,
            list(&["0:1", "0:2", "0:3", "2:2", "2:3", "2:1"])
        );
        assert_eq!(p.topics["a"].follower, list(&["0:4", "2:4"]));
        // The reorder of b-1 moves no data: it is not throttled.
        assert_eq!(p.topics["b"].leader, list(&["3:3", "3:1"]));
        assert_eq!(p.topics["b"].follower, list(&["3:5"]));
        // Nothing set before: all of it is added, the lists APPENDed to.
        let rec = p.additions(&Current::new());
        assert_eq!(rec.topics, vec!["a".to_string(), "b".to_string()]);
        assert!(rec.previous_rates.is_empty());
        let ops = rec.set_ops();
        assert_eq!(ops.len(), 5 + 2);
        assert_eq!(
            ops[0],
            (
                ConfigResource::Broker(1),
                vec![
                    ConfigOp::Set(LEADER_RATE.into(), "1000".into()),
                    ConfigOp::Set(FOLLOWER_RATE.into(), "1000".into())
                ]
            )
        );
        assert_eq!(
            ops[6],
            (
                ConfigResource::Topic("b".into()),
                vec![
                    ConfigOp::Append(LEADER_REPLICAS.into(), "3:3,3:1".into()),
                    ConfigOp::Append(FOLLOWER_REPLICAS.into(), "3:5".into())
                ]
            )
        );
        // Undone when only its own entries are there: rates and lists deleted.
        let now = set_now(&[(
            ConfigResource::Topic("b".into()),
            &[(LEADER_REPLICAS, "3:3,3:1"), (FOLLOWER_REPLICAS, "3:5")],
        )]);
        let del = rec.removal_ops(&now);
        assert_eq!(del.len(), 7);
        assert!(
            del.iter()
                .all(|(_, ops)| ops.iter().all(|o| matches!(o, ConfigOp::Delete(_))))
        );
    }

    fn set_now(v: &[(ConfigResource, &[(&str, &str)])]) -> Current {
        v.iter()
            .map(|(r, kv)| {
                (
                    r.clone(),
                    kv.iter()
                        .map(|(k, v)| (k.to_string(), v.to_string()))
                        .collect(),
                )
            })
            .collect()
    }

    /// Throttles someone else set survive: their list entries are neither recorded nor
    /// subtracted, a `*` list is left as it is, and their rates are put back.
    #[test]
    fn others_throttles_survive() {
        let p = throttle_plan(&[mv("a", 0, &[1], &[2]), mv("a", 1, &[1], &[2])], 500);
        let before = set_now(&[
            (ConfigResource::Broker(2), &[(LEADER_RATE, "9999")]),
            (
                ConfigResource::Topic("a".into()),
                &[(LEADER_REPLICAS, "7:7,0:1"), (FOLLOWER_REPLICAS, "*")],
            ),
        ]);
        let rec = p.additions(&before);
        assert_eq!(
            rec.entries["a"].leader,
            vec!["1:1".to_string()],
            "0:1 was theirs"
        );
        assert!(
            rec.entries["a"].follower.is_empty(),
            "`*` throttles everything already"
        );
        assert_eq!(
            rec.previous_rates[&2],
            PreviousRates {
                leader: Some("9999".into()),
                follower: None
            }
        );
        assert_eq!(
            rec.set_ops()[2],
            (
                ConfigResource::Topic("a".into()),
                vec![ConfigOp::Append(LEADER_REPLICAS.into(), "1:1".into())]
            )
        );
        let during = set_now(&[(
            ConfigResource::Topic("a".into()),
            &[(LEADER_REPLICAS, "7:7,0:1,1:1"), (FOLLOWER_REPLICAS, "*")],
        )]);
        let undo = rec.removal_ops(&during);
        assert_eq!(
            undo,
            vec![
                (
                    ConfigResource::Broker(1),
                    vec![
                        ConfigOp::Delete(LEADER_RATE.into()),
                        ConfigOp::Delete(FOLLOWER_RATE.into())
                    ]
                ),
                (
                    ConfigResource::Broker(2),
                    vec![
                        ConfigOp::Set(LEADER_RATE.into(), "9999".into()),
                        ConfigOp::Delete(FOLLOWER_RATE.into())
                    ]
                ),
                (
                    ConfigResource::Topic("a".into()),
                    vec![ConfigOp::Subtract(LEADER_REPLICAS.into(), "1:1".into())]
                ),
            ]
        );
        // A record from before entries were kept: the topic's lists go whole, as they did.
        let old: ThrottleRecord =
            serde_json::from_str(r#"{"rate":5,"brokers":[],"topics":["x"]}"#).unwrap();
        assert_eq!(
            old.removal_ops(&Current::new()),
            vec![(
                ConfigResource::Topic("x".into()),
                vec![
                    ConfigOp::Delete(LEADER_REPLICAS.into()),
                    ConfigOp::Delete(FOLLOWER_REPLICAS.into())
                ]
            )]
        );
    }

    /// A resumed run sees the rates an interrupted run of this tool left: merged with that run's
    /// record, what is put back is what others had set before either run.
    #[test]
    fn a_resumed_run_puts_back_what_was_there_before_either() {
        let p = throttle_plan(&[mv("a", 0, &[1], &[2])], 500);
        let first = p.additions(&set_now(&[(
            ConfigResource::Broker(2),
            &[(LEADER_RATE, "9999")],
        )]));
        let mut second = p.additions(&set_now(&[
            (
                ConfigResource::Broker(1),
                &[(LEADER_RATE, "500"), (FOLLOWER_RATE, "500")],
            ),
            (
                ConfigResource::Broker(2),
                &[(LEADER_RATE, "500"), (FOLLOWER_RATE, "500")],
            ),
            (
                ConfigResource::Topic("a".into()),
                &[(LEADER_REPLICAS, "0:1"), (FOLLOWER_REPLICAS, "0:2")],
            ),
        ]));
        assert!(second.entries.is_empty());
        second.merge(&first);
        assert_eq!(second.previous_rates.len(), 1);
        assert_eq!(second.previous_rates[&2].leader.as_deref(), Some("9999"));
        assert_eq!(second.entries["a"].leader, vec!["0:1".to_string()]);
        assert_eq!(second.entries["a"].follower, vec!["0:2".to_string()]);
    }

    #[test]
    fn throttle_filter() {
        let cfg = vec![
            (
                "leader.replication.throttled.rate".to_string(),
                Some("1000".to_string()),
            ),
            ("follower.replication.throttled.rate".to_string(), None),
            ("log.retention.ms".to_string(), Some("1".to_string())),
        ];
        let t = throttles_of("broker", "1", &cfg);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].config, "leader.replication.throttled.rate");
        let cfg = vec![
            (
                "leader.replication.throttled.replicas".to_string(),
                Some("".to_string()),
            ),
            (
                "follower.replication.throttled.replicas".to_string(),
                Some("0:1".to_string()),
            ),
        ];
        let t = throttles_of("topic", "t", &cfg);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].value, "0:1");
    }

    #[test]
    fn records_merge_and_roundtrip() {
        let mut a = ThrottleRecord {
            rate: 5,
            brokers: vec![1, 2],
            topics: vec!["x".into()],
            ..ThrottleRecord::default()
        };
        a.merge(&ThrottleRecord {
            rate: 7,
            brokers: vec![2, 3],
            topics: vec!["w".into()],
            ..ThrottleRecord::default()
        });
        assert_eq!(a.brokers, vec![1, 2, 3]);
        assert_eq!(a.topics, vec!["w".to_string(), "x".to_string()]);
        assert_eq!(a.rate, 7);
        let j = serde_json::to_string(&a).unwrap();
        assert_eq!(serde_json::from_str::<ThrottleRecord>(&j).unwrap(), a);
        assert!(ThrottleRecord::default().is_empty());
    }
}
