//! The plan of a rolling restart: which nodes, in which order, and each node's verdict.
//!
//! Brokers go unready first (they serve nothing now), the active controller last; KRaft
//! controller-only pods only when asked for, before the brokers, the quorum leader last. The
//! caller ties pods to broker ids (from Kafka's metadata) and hands the facts over.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::restart::{
    Blocker, RestartPolicy, Verdict, can_restart, can_restart_batch, quorum_allows_restart,
};
use super::roll_state::{ControllerPod, controller_ids};
use crate::error::{Error, Result};
use crate::model::{BrokerId, ClusterSnapshot, TopicPartition};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Broker,
    Controller,
}

impl Role {
    pub fn name(self) -> &'static str {
        match self {
            Role::Broker => "broker",
            Role::Controller => "controller",
        }
    }
}

/// One node to restart: a broker, or a KRaft controller-only pod.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Target {
    pub role: Role,
    pub id: BrokerId,
    pub pod: String,
}

/// A pod of the cluster, as far as the plan cares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodePod {
    pub name: String,
    pub ready: bool,
    /// The broker or node id the pod declares (label or env), if any.
    pub declared_id: Option<i32>,
    /// The StatefulSet ordinal, if any.
    pub ordinal: Option<i32>,
}

/// The cluster's nodes as Kubernetes and Kafka show them together.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Nodes {
    /// `namespace/name`, for messages.
    pub cluster: String,
    /// Broker pods, each with the id of the registered broker tied to it (None: no registered
    /// broker matches the pod, e.g. it is down).
    pub brokers: Vec<(Option<BrokerId>, NodePod)>,
    /// Registered brokers that no pod is tied to.
    pub brokers_without_pod: Vec<BrokerId>,
    /// KRaft controller-only pods.
    pub controllers: Vec<NodePod>,
}

/// What the user asked to restart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Only these broker ids (empty: every broker with a pod).
    pub brokers: Vec<BrokerId>,
    /// Controller-only pods too.
    pub include_controllers: bool,
}

/// What the verdict needs besides Kafka's metadata, read fresh with each snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveFacts {
    /// Broker ids whose pod is not Ready (or missing) now.
    pub unready_brokers: Vec<BrokerId>,
    /// The controllers' controller.quorum.fetch.timeout.ms.
    pub quorum_fetch_timeout_ms: i64,
}

impl Default for LiveFacts {
    fn default() -> Self {
        Self {
            unready_brokers: Vec::new(),
            quorum_fetch_timeout_ms: super::restart::DEFAULT_QUORUM_FETCH_TIMEOUT_MS,
        }
    }
}

/// Who gets restarted, in which order, and the pods behind them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RollPlan {
    pub order: Vec<Target>,
    /// Every broker id with a pod: these must all be registered before any restart.
    pub expected_brokers: Vec<BrokerId>,
    /// The KRaft quorum has exactly one voter (restarting it is a metadata outage).
    pub single_voter: bool,
    /// Every node's pod (brokers and controllers) and whether it was Ready when planned.
    pub pods: BTreeMap<String, bool>,
    /// Every broker pod's name and the broker id it is tied to.
    pub broker_ids: BTreeMap<String, BrokerId>,
    /// What the plan leaves out or warns about, for the log.
    pub notes: Vec<String>,
    /// The broker kept for last (the ZooKeeper controller, or the combined-mode quorum leader).
    pub active_controller: Option<BrokerId>,
}

impl RollPlan {
    /// Plan the roll of `nodes` as `selection` asks, from `snapshot`. A `--brokers` id without a
    /// pod, or nothing to restart at all, is a usage error.
    pub fn build(
        nodes: &Nodes,
        snapshot: &ClusterSnapshot,
        selection: &Selection,
    ) -> Result<RollPlan> {
        let mut notes = Vec::new();
        let mut brokers: Vec<(BrokerId, String)> = Vec::new();
        let offset = ordinal_offset(nodes);
        for (id, pod) in &nodes.brokers {
            // A pod whose broker is not registered (down) is tied by the id it declares, or by
            // its ordinal plus the offset every tied pod shows: it is restarted first, as the
            // unready one.
            let by_ordinal = offset.zip(pod.ordinal).and_then(|(k, o)| o.checked_add(k));
            match id.or(pod.declared_id).or(by_ordinal) {
                Some(id) => brokers.push((id, pod.name.clone())),
                None => notes.push(format!(
                    "pod {} is not tied to a broker id (its broker is not registered, and its \
                     ordinal gives no id the other pods agree on) and is left out of the roll",
                    pod.name
                )),
            }
        }
        for id in &nodes.brokers_without_pod {
            notes.push(format!(
                "broker {id} has no pod in {}: it is not restarted",
                nodes.cluster
            ));
        }
        brokers.sort();
        let expected_brokers: Vec<BrokerId> = brokers.iter().map(|(id, _)| *id).collect();
        let pod_ids: BTreeMap<String, BrokerId> =
            brokers.iter().map(|(id, pod)| (pod.clone(), *id)).collect();
        if !selection.brokers.is_empty() {
            let unknown: Vec<BrokerId> = selection
                .brokers
                .iter()
                .copied()
                .filter(|id| !expected_brokers.contains(id))
                .collect();
            if !unknown.is_empty() {
                return Err(Error::usage(format!(
                    "--brokers names {} which {} no pod in {} (brokers with pods: {}); fix --brokers",
                    ids(&unknown),
                    if unknown.len() == 1 { "has" } else { "have" },
                    nodes.cluster,
                    ids(&expected_brokers)
                )));
            }
            brokers.retain(|(id, _)| selection.brokers.contains(id));
        }
        let pods: BTreeMap<String, bool> = nodes
            .brokers
            .iter()
            .map(|(_, p)| p)
            .chain(&nodes.controllers)
            .map(|p| (p.name.clone(), p.ready))
            .collect();
        let ready = |name: &str| pods.get(name).copied().unwrap_or(false);
        let unready: Vec<BrokerId> = brokers
            .iter()
            .filter(|(_, pod)| !ready(pod))
            .map(|(id, _)| *id)
            .collect();
        // The controller to keep for last: the ZooKeeper-mode controller broker, or in combined
        // mode the broker leading the KRaft quorum. A KRaft broker-only cluster reports a random
        // broker as "controller", which means nothing for the order.
        let voters: BTreeSet<i32> = snapshot
            .quorum
            .as_ref()
            .map(|q| q.voters.iter().map(|v| v.id).collect())
            .unwrap_or_default();
        let last = match &snapshot.quorum {
            None => snapshot.controller_id,
            Some(q) if expected_brokers.contains(&q.leader_id) => Some(q.leader_id),
            Some(_) => None,
        };
        let broker_ids: Vec<BrokerId> = brokers.iter().map(|(id, _)| *id).collect();
        let broker_order = super::restart_order(&broker_ids, last, &unready);
        let names: BTreeMap<BrokerId, String> = brokers.into_iter().collect();

        let mut order = Vec::new();
        if !nodes.controllers.is_empty() {
            if selection.include_controllers {
                match &snapshot.quorum {
                    None => notes.push(
                        "the cluster reports no KRaft quorum: controller pods are left out".into(),
                    ),
                    Some(q) => {
                        let cp: Vec<ControllerPod> = nodes
                            .controllers
                            .iter()
                            .map(|p| ControllerPod {
                                name: p.name.clone(),
                                declared_id: p.declared_id,
                                ordinal: p.ordinal,
                            })
                            .collect();
                        let mut mapped = controller_ids(&cp, q);
                        // Unready first, the quorum leader last, then by id.
                        mapped
                            .sort_by_key(|(name, id)| (ready(name), *id == Some(q.leader_id), *id));
                        for (name, id) in mapped {
                            match id {
                                Some(id) if voters.contains(&id) => order.push(Target {
                                    role: Role::Controller,
                                    id,
                                    pod: name,
                                }),
                                _ => notes.push(format!(
                                    "controller pod {name} is not tied to a quorum voter and is left out"
                                )),
                            }
                        }
                    }
                }
            } else {
                notes.push(format!(
                    "controller-only pods ({}) are not restarted; pass --include-controllers to roll them too",
                    nodes
                        .controllers
                        .iter()
                        .map(|p| p.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
        }
        for id in broker_order {
            if let Some(pod) = names.get(&id) {
                order.push(Target {
                    role: Role::Broker,
                    id,
                    pod: pod.clone(),
                });
            }
        }
        if order.is_empty() {
            return Err(Error::usage(format!(
                "nothing to restart in {}: no broker pod matches",
                nodes.cluster
            )));
        }
        if snapshot.quorum.is_none() {
            notes.push(
                "the cluster does not describe a KRaft quorum (DescribeQuorum unsupported: ZooKeeper mode, or Kafka older than 3.3): the controller quorum check is not made".into(),
            );
        }
        let single_voter = voters.len() == 1;
        if single_voter && order.iter().any(|t| t.role == Role::Controller) {
            notes.push(
                "the KRaft quorum has a single voter: restarting it is a metadata outage and is refused unless --force".into(),
            );
        }
        Ok(RollPlan {
            order,
            single_voter,
            expected_brokers,
            pods,
            broker_ids: pod_ids,
            notes,
            active_controller: last,
        })
    }

    /// Whether `t`'s pod was Ready when the plan was made.
    pub fn was_ready(&self, t: &Target) -> bool {
        self.pods.get(&t.pod).copied().unwrap_or(false)
    }

    /// The verdict for a node from a snapshot and the facts read with it.
    pub fn verdict(
        &self,
        snapshot: &ClusterSnapshot,
        t: &Target,
        force: bool,
        live: &LiveFacts,
    ) -> Verdict {
        self.verdict_in_batch(snapshot, t, &[], force, live)
    }

    /// The verdict for a broker restarted together with the rest of `batch` (which holds it;
    /// empty: alone): every rule with the whole batch away. Controllers always go alone.
    pub fn verdict_in_batch(
        &self,
        snapshot: &ClusterSnapshot,
        t: &Target,
        batch: &[BrokerId],
        force: bool,
        live: &LiveFacts,
    ) -> Verdict {
        let policy = RestartPolicy {
            force,
            expected_brokers: self.expected_brokers.clone(),
            unready_brokers: live.unready_brokers.clone(),
            quorum_fetch_timeout_ms: live.quorum_fetch_timeout_ms,
            ..Default::default()
        };
        match t.role {
            Role::Broker if batch.len() > 1 && batch.contains(&t.id) => {
                can_restart_batch(snapshot, batch, &policy)
            }
            Role::Broker => can_restart(snapshot, t.id, &policy),
            Role::Controller => controller_verdict(snapshot, t.id, &policy),
        }
    }
}

/// The offset between broker ids and StatefulSet ordinals, when every pod tied to a registered
/// broker shows the same one (None: no tied pod, or they disagree).
fn ordinal_offset(nodes: &Nodes) -> Option<i32> {
    let offsets: BTreeSet<i64> = nodes
        .brokers
        .iter()
        .filter_map(|(id, pod)| Some(i64::from((*id)?) - i64::from(pod.ordinal?)))
        .collect();
    match offsets.len() {
        1 => offsets.first().and_then(|k| i32::try_from(*k).ok()),
        _ => None,
    }
}

fn ids(v: &[BrokerId]) -> String {
    v.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// A controller-only node: the quorum must keep a caught-up majority, and nothing may be offline
/// (a quorum election would delay recovering it).
fn controller_verdict(snapshot: &ClusterSnapshot, voter: i32, policy: &RestartPolicy) -> Verdict {
    let mut reasons = Vec::new();
    if let Some(q) = &snapshot.quorum
        && !quorum_allows_restart(q, voter, policy.quorum_fetch_timeout_ms)
    {
        reasons.push(Blocker::QuorumAtRisk { voter });
    }
    let offline: Vec<TopicPartition> = snapshot
        .partitions()
        .filter(|(_, p)| p.leader.is_none_or(|l| l < 0))
        .map(|(t, p)| TopicPartition::new(&t.name, p.partition))
        .collect();
    if !offline.is_empty() {
        reasons.push(Blocker::OfflinePartitions {
            partitions: offline,
        });
    }
    if reasons.is_empty() {
        Verdict::Allowed { warnings: vec![] }
    } else if policy.force {
        Verdict::Allowed { warnings: reasons }
    } else {
        Verdict::Blocked {
            reasons,
            warnings: vec![],
        }
    }
}

/// Which of the `remaining` batches (in plan order; a sequential roll's are of one node) goes
/// next, given the KRaft quorum leader as it is now: the first one, unless it holds the leader
/// and others remain; leadership moves while a roll restarts controllers, so the leader read
/// when planning is not the one to keep for last.
pub fn next_in_order(remaining: &[Vec<BrokerId>], quorum_leader: Option<BrokerId>) -> usize {
    match remaining.first() {
        Some(first) if quorum_leader.is_some_and(|l| first.contains(&l)) && remaining.len() > 1 => {
            1
        }
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{QuorumInfo, QuorumReplica};

    fn pod(name: &str, ready: bool, ordinal: i32) -> NodePod {
        NodePod {
            name: name.into(),
            ready,
            declared_id: None,
            ordinal: Some(ordinal),
        }
    }

    fn nodes() -> Nodes {
        Nodes {
            cluster: "kafka/kafka".into(),
            brokers: vec![
                (Some(0), pod("kafka-0", true, 0)),
                (Some(1), pod("kafka-1", true, 1)),
                (None, pod("kafka-2", false, 2)),
            ],
            brokers_without_pod: vec![7],
            controllers: vec![pod("ctl-0", true, 0), pod("ctl-1", true, 1)],
        }
    }

    fn quorum(voters: &[i32], leader: i32) -> QuorumInfo {
        QuorumInfo {
            leader_id: leader,
            leader_epoch: 1,
            high_watermark: 10,
            voters: voters
                .iter()
                .map(|id| QuorumReplica {
                    id: *id,
                    log_end_offset: 10,
                    last_fetch_timestamp_ms: None,
                    last_caught_up_timestamp_ms: None,
                })
                .collect(),
            observers: vec![],
        }
    }

    fn order(p: &RollPlan) -> Vec<(Role, BrokerId)> {
        p.order.iter().map(|t| (t.role, t.id)).collect()
    }

    #[test]
    fn unready_first_the_controller_last_controllers_only_when_asked() {
        // ZooKeeper mode: broker 1 is the controller. kafka-2's broker is down (not registered):
        // tied by its ordinal, restarted first.
        let snap = ClusterSnapshot {
            controller_id: Some(1),
            ..Default::default()
        };
        let p = RollPlan::build(&nodes(), &snap, &Selection::default()).unwrap();
        assert_eq!(
            order(&p),
            [(Role::Broker, 2), (Role::Broker, 0), (Role::Broker, 1)]
        );
        assert_eq!(p.expected_brokers, [0, 1, 2]);
        assert!(p.notes.iter().any(|n| n.contains("broker 7 has no pod")));
        assert!(p.notes.iter().any(|n| n.contains("--include-controllers")));
        assert!(
            p.notes
                .iter()
                .any(|n| n.contains("quorum check is not made"))
        );
        assert!(!p.was_ready(&p.order[0]) && p.was_ready(&p.order[1]));
    }

    #[test]
    fn a_down_pod_is_tied_by_the_offset_the_other_pods_show_never_by_its_bare_ordinal() {
        // Node ids are the ordinal plus 100: the down kafka-2 is broker 102, not 2.
        let offset = Nodes {
            cluster: "kafka/kafka".into(),
            brokers: vec![
                (Some(100), pod("kafka-0", true, 0)),
                (Some(101), pod("kafka-1", true, 1)),
                (None, pod("kafka-2", false, 2)),
            ],
            ..Default::default()
        };
        let p =
            RollPlan::build(&offset, &ClusterSnapshot::default(), &Selection::default()).unwrap();
        assert_eq!(p.expected_brokers, [100, 101, 102]);
        assert_eq!(p.order[0].id, 102);
        // Nothing to learn the offset from (or disagreeing pods): left out, said.
        let alone = Nodes {
            cluster: "kafka/kafka".into(),
            brokers: vec![
                (Some(100), pod("kafka-0", true, 0)),
                (Some(7), pod("kafka-1", true, 1)),
                (None, pod("kafka-2", false, 2)),
            ],
            ..Default::default()
        };
        let p =
            RollPlan::build(&alone, &ClusterSnapshot::default(), &Selection::default()).unwrap();
        assert_eq!(p.expected_brokers, [7, 100]);
        assert!(
            p.notes
                .iter()
                .any(|n| n.contains("pod kafka-2 is not tied")),
            "{:?}",
            p.notes
        );
    }

    #[test]
    fn the_leader_of_the_moment_is_kept_for_last() {
        // Planned 1000, 1001, 1002 with 1002 leading; leadership then moved to 1000.
        let one = |ids: &[BrokerId]| ids.iter().map(|i| vec![*i]).collect::<Vec<_>>();
        assert_eq!(next_in_order(&one(&[1000, 1001, 1002]), Some(1000)), 1);
        assert_eq!(next_in_order(&one(&[1000, 1001, 1002]), Some(1002)), 0);
        assert_eq!(next_in_order(&one(&[1000, 1001]), None), 0);
        // The leader alone left: it goes.
        assert_eq!(next_in_order(&one(&[1000]), Some(1000)), 0);
        assert_eq!(next_in_order(&[], Some(1000)), 0);
        // A combined-mode batch holding the leader waits for the next one.
        assert_eq!(next_in_order(&[vec![0, 3], vec![1, 4]], Some(3)), 1);
        assert_eq!(next_in_order(&[vec![0, 3], vec![1, 4]], Some(4)), 0);
    }

    #[test]
    fn kraft_controllers_go_first_the_quorum_leader_last() {
        let snap = ClusterSnapshot {
            quorum: Some(quorum(&[1000, 1001], 1000)),
            ..Default::default()
        };
        let sel = Selection {
            brokers: vec![0, 1],
            include_controllers: true,
        };
        let p = RollPlan::build(&nodes(), &snap, &sel).unwrap();
        assert_eq!(
            order(&p),
            [
                (Role::Controller, 1001),
                (Role::Controller, 1000),
                (Role::Broker, 0),
                (Role::Broker, 1)
            ]
        );
        assert!(!p.single_voter);
        assert!(!p.notes.iter().any(|n| n.contains("quorum check")));
        let one = ClusterSnapshot {
            quorum: Some(quorum(&[1000], 1000)),
            ..Default::default()
        };
        let p = RollPlan::build(&nodes(), &one, &sel).unwrap();
        assert!(p.single_voter);
        assert!(p.notes.iter().any(|n| n.contains("ctl-1 is not tied")));
        assert!(p.notes.iter().any(|n| n.contains("single voter")));
    }

    #[test]
    fn unknown_brokers_and_nothing_to_do_are_usage_errors() {
        let snap = ClusterSnapshot::default();
        let sel = Selection {
            brokers: vec![1, 9],
            ..Default::default()
        };
        let e = RollPlan::build(&nodes(), &snap, &sel).unwrap_err();
        assert!(matches!(e, Error::Usage(_)));
        assert!(
            e.to_string()
                .contains("--brokers names 9 which has no pod in kafka/kafka"),
            "{e}"
        );
        let empty = Nodes {
            cluster: "ns/c".into(),
            brokers: vec![(
                None,
                NodePod {
                    name: "odd".into(),
                    ready: true,
                    declared_id: None,
                    ordinal: None,
                },
            )],
            ..Default::default()
        };
        let e = RollPlan::build(&empty, &snap, &Selection::default()).unwrap_err();
        assert!(e.to_string().contains("nothing to restart in ns/c"), "{e}");
    }
}
