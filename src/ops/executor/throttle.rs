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
use crate::model::BrokerId;

/// Annotation on the brokers' StatefulSet recording the throttles an operation set.
pub const RECORD_ANNOTATION: &str = "kafka.kubectl.io/throttles";

pub const LEADER_RATE: &str = "leader.replication.throttled.rate";
pub const FOLLOWER_RATE: &str = "follower.replication.throttled.rate";
pub const LEADER_REPLICAS: &str = "leader.replication.throttled.replicas";
pub const FOLLOWER_REPLICAS: &str = "follower.replication.throttled.replicas";

/// Parse a rate in bytes per second: `1048576`, `500KB`, `50MB`, `10MiB`, `1.5GiB`, `10Mi`,
/// optionally ending in `/s`. Decimal units are powers of 1000, binary (`Ki`, `KiB`, ...) of 1024.
pub fn parse_rate(s: &str) -> std::result::Result<u64, String> {
    let t = s.trim();
    let t = t.strip_suffix("/s").unwrap_or(t).trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let bad = || {
        format!("'{s}' is not a rate in bytes per second: use e.g. 10MiB, 50MB, 500KB or 1048576")
    };
    let n: f64 = num.parse().map_err(|_| bad())?;
    let mult: u64 = match unit.trim() {
        "" | "B" => 1,
        "K" | "k" | "KB" | "kB" => 1_000,
        "M" | "MB" => 1_000_000,
        "G" | "GB" => 1_000_000_000,
        "Ki" | "KiB" => 1 << 10,
        "Mi" | "MiB" => 1 << 20,
        "Gi" | "GiB" => 1 << 30,
        _ => return Err(bad()),
    };
    let v = n * mult as f64;
    if !v.is_finite() || v < 1.0 || v > u64::MAX as f64 / 2.0 {
        return Err(format!(
            "'{s}': the rate must be at least 1 byte per second"
        ));
    }
    Ok(v.round() as u64)
}

/// A byte count for people: `12.5 MiB`.
pub fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1024.0 && u < UNITS.len() - 1 {
        v /= 1024.0;
        u += 1;
    }
    if u == 0 {
        format!("{n} B")
    } else {
        format!("{v:.1} {}", UNITS[u])
    }
}

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

/// The throttle configs set right now on `brokers` and `topics` (dynamic values only).
pub async fn find(
    admin: &Admin,
    brokers: &[BrokerId],
    topics: &[String],
) -> Result<ThrottleRecord> {
    let mut resources: Vec<ConfigResource> =
        brokers.iter().map(|b| ConfigResource::Broker(*b)).collect();
    resources.extend(topics.iter().cloned().map(ConfigResource::Topic));
    let mut rec = ThrottleRecord::default();
    if resources.is_empty() {
        return Ok(rec);
    }
    let configs = admin.describe_configs(&resources).await?;
    for (res, entries) in configs {
        let hit = entries.iter().find(|e| {
            matches!(
                e.name.as_str(),
                LEADER_RATE | FOLLOWER_RATE | LEADER_REPLICAS | FOLLOWER_REPLICAS
            ) && matches!(
                e.source,
                ConfigSource::DynamicBroker | ConfigSource::DynamicTopic
            ) && e.value.as_deref().is_some_and(|v| !v.is_empty())
        });
        let Some(hit) = hit else { continue };
        match res {
            ConfigResource::Broker(b) => {
                rec.brokers.push(b);
                if let Some(v) = hit.value.as_deref().and_then(|v| v.parse().ok()) {
                    rec.rate = rec.rate.max(v);
                }
            }
            ConfigResource::Topic(t) => rec.topics.push(t),
            ConfigResource::BrokerDefaults => {}
        }
    }
    rec.brokers.sort_unstable();
    rec.topics.sort();
    Ok(rec)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TopicPartition;

    #[test]
    fn rates() {
        assert_eq!(parse_rate("1048576"), Ok(1_048_576));
        assert_eq!(parse_rate("10MiB"), Ok(10 * 1024 * 1024));
        assert_eq!(parse_rate("10Mi"), Ok(10 * 1024 * 1024));
        assert_eq!(parse_rate("50MB"), Ok(50_000_000));
        assert_eq!(parse_rate("500KB/s"), Ok(500_000));
        assert_eq!(parse_rate("1.5GiB"), Ok(1_610_612_736));
        assert_eq!(parse_rate(" 2 KiB "), Ok(2048));
        for bad in ["", "MB", "10XB", "-5MB", "0", "0.1", "1e9", "ten"] {
            assert!(parse_rate(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn bytes_for_people() {
        assert_eq!(human_bytes(512), "512 B");
        assert_eq!(human_bytes(1536), "1.5 KiB");
        assert_eq!(human_bytes(10 * 1024 * 1024), "10.0 MiB");
    }

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
