//! Replication throttles for a reassignment, as Kafka's own tool sets them: a rate on every broker
//! involved, and per topic the replicas the rate applies to (leader side: the current replicas;
//! follower side: the replicas being added). Always IncrementalAlterConfigs SET / DELETE: plain
//! AlterConfigs would reset the resources' other dynamic configs.

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

/// What a reassignment throttles: the configs to SET, per resource.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ThrottlePlan {
    pub rate: u64,
    /// Brokers that get the leader and follower rate.
    pub brokers: BTreeSet<BrokerId>,
    /// Topic → (leader replicas list, follower replicas list), `partition:broker,...`.
    pub topics: BTreeMap<String, (String, String)>,
}

/// The throttle configs for `moves` at `rate`: rates on every broker of the current or target
/// replicas of a moving partition; per topic, leader list = current replicas, follower list =
/// replicas moving in.
pub fn throttle_plan(moves: &[PartitionMove], rate: u64) -> ThrottlePlan {
    let mut brokers = BTreeSet::new();
    let mut leader: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut follower: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for m in moves.iter().filter(|m| !m.is_reorder()) {
        brokers.extend(m.current.iter().copied());
        brokers.extend(m.target.iter().copied());
        let l = leader.entry(m.tp.topic.clone()).or_default();
        l.extend(m.current.iter().map(|b| format!("{}:{b}", m.tp.partition)));
        let f = follower.entry(m.tp.topic.clone()).or_default();
        f.extend(m.adding().iter().map(|b| format!("{}:{b}", m.tp.partition)));
    }
    let topics = leader
        .into_iter()
        .map(|(t, l)| {
            let f = follower.remove(&t).unwrap_or_default();
            (t, (l.join(","), f.join(",")))
        })
        .collect();
    ThrottlePlan {
        rate,
        brokers,
        topics,
    }
}

impl ThrottlePlan {
    /// The IncrementalAlterConfigs SET operations per resource.
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
        for (t, (l, f)) in &self.topics {
            let mut ops = vec![ConfigOp::Set(LEADER_REPLICAS.into(), l.clone())];
            if !f.is_empty() {
                ops.push(ConfigOp::Set(FOLLOWER_REPLICAS.into(), f.clone()));
            }
            out.push((ConfigResource::Topic(t.clone()), ops));
        }
        out
    }

    /// The record kept on the workload: which resources were throttled.
    pub fn record(&self) -> ThrottleRecord {
        ThrottleRecord {
            rate: self.rate,
            brokers: self.brokers.iter().copied().collect(),
            topics: self.topics.keys().cloned().collect(),
        }
    }
}

/// What was throttled, as recorded in the workload annotation so a later command can clean up.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ThrottleRecord {
    pub rate: u64,
    pub brokers: Vec<BrokerId>,
    pub topics: Vec<String>,
}

impl ThrottleRecord {
    pub fn is_empty(&self) -> bool {
        self.brokers.is_empty() && self.topics.is_empty()
    }

    /// The DELETE operations that remove every throttle config of the recorded resources.
    pub fn delete_ops(&self) -> Vec<(ConfigResource, Vec<ConfigOp>)> {
        let mut out: Vec<(ConfigResource, Vec<ConfigOp>)> = self
            .brokers
            .iter()
            .map(|b| {
                (
                    ConfigResource::Broker(*b),
                    vec![
                        ConfigOp::Delete(LEADER_RATE.into()),
                        ConfigOp::Delete(FOLLOWER_RATE.into()),
                    ],
                )
            })
            .collect();
        out.extend(self.topics.iter().map(|t| {
            (
                ConfigResource::Topic(t.clone()),
                vec![
                    ConfigOp::Delete(LEADER_REPLICAS.into()),
                    ConfigOp::Delete(FOLLOWER_REPLICAS.into()),
                ],
            )
        }));
        out
    }

    /// Merge another record (a leftover and a new one).
    pub fn merge(&mut self, other: &ThrottleRecord) {
        let b: BTreeSet<BrokerId> = self.brokers.iter().chain(&other.brokers).copied().collect();
        let t: BTreeSet<String> = self.topics.iter().chain(&other.topics).cloned().collect();
        self.brokers = b.into_iter().collect();
        self.topics = t.into_iter().collect();
        self.rate = self.rate.max(other.rate);
    }
}

/// Set the throttles. Stops at the first failure (the caller removes what the plan names).
pub async fn apply(admin: &Admin, plan: &ThrottlePlan) -> Result<()> {
    for (res, ops) in plan.set_ops() {
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

/// Remove every throttle config of the recorded resources. Tries all of them; reports the
/// resources it could not clean.
pub async fn remove(admin: &Admin, record: &ThrottleRecord) -> Result<()> {
    let mut failed = Vec::new();
    for (res, ops) in record.delete_ops() {
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
            "could not remove the replication throttles from {}; remove them with kafka-configs \
             --alter --delete-config or run `kubectl kafka reassign cancel`",
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

/// The throttles set at run time on `brokers` and `topics`, as a record to remove them by.
pub async fn find(
    admin: &Admin,
    brokers: &[BrokerId],
    topics: &[String],
) -> Result<ThrottleRecord> {
    let mut rec = ThrottleRecord::default();
    let mut b = BTreeSet::new();
    let mut t = BTreeSet::new();
    for (throttle, dynamic) in settings(admin, brokers, topics).await? {
        if !dynamic {
            continue;
        }
        if throttle.resource == "broker" {
            if let Ok(id) = throttle.name.parse::<BrokerId>() {
                b.insert(id);
            }
            if let Ok(rate) = throttle.value.parse::<u64>() {
                rec.rate = rec.rate.max(rate);
            }
        } else {
            t.insert(throttle.name);
        }
    }
    rec.brokers = b.into_iter().collect();
    rec.topics = t.into_iter().collect();
    Ok(rec)
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
        assert_eq!(
            p.topics["a"],
            ("0:1,0:2,0:3,2:2,2:3,2:1".to_string(), "0:4,2:4".to_string())
        );
        // The reorder of b-1 moves no data: it is not throttled.
        assert_eq!(p.topics["b"], ("3:3,3:1".to_string(), "3:5".to_string()));
        let ops = p.set_ops();
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
        let rec = p.record();
        assert_eq!(rec.topics, vec!["a".to_string(), "b".to_string()]);
        let del = rec.delete_ops();
        assert_eq!(del.len(), 7);
        assert!(
            del.iter()
                .all(|(_, ops)| ops.iter().all(|o| matches!(o, ConfigOp::Delete(_))))
        );
        assert_eq!(
            del[6],
            (
                ConfigResource::Topic("b".into()),
                vec![
                    ConfigOp::Delete(LEADER_REPLICAS.into()),
                    ConfigOp::Delete(FOLLOWER_REPLICAS.into())
                ]
            )
        );
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
        };
        a.merge(&ThrottleRecord {
            rate: 7,
            brokers: vec![2, 3],
            topics: vec!["w".into()],
        });
        assert_eq!(a.brokers, vec![1, 2, 3]);
        assert_eq!(a.topics, vec!["w".to_string(), "x".to_string()]);
        assert_eq!(a.rate, 7);
        let j = serde_json::to_string(&a).unwrap();
        assert_eq!(serde_json::from_str::<ThrottleRecord>(&j).unwrap(), a);
        assert!(ThrottleRecord::default().is_empty());
    }
}
