//! May this broker restart now? The rules a rolling restart follows before stopping a broker.
//!
//! Per partition with a replica on the broker, the ISR left without it must stay at or above the
//! topic's effective min.insync.replicas. That blocks exactly where the usual roller rule does
//! (ISR < minISR; or ISR == minISR with this broker in the ISR) and adds cluster-wide conditions:
//! every broker registered, nothing offline, nothing under-replicated, no reassignment running,
//! and the KRaft quorum keeping a caught-up majority.

use std::collections::BTreeSet;
use std::fmt;

use serde::Serialize;

use crate::error::Error;
use crate::model::{BrokerId, ClusterSnapshot, QuorumInfo, TopicPartition};

/// Default controller.quorum.fetch.timeout.ms.
pub const DEFAULT_QUORUM_FETCH_TIMEOUT_MS: i64 = 2000;

/// How strict the checks are and the facts they need besides the snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestartPolicy {
    /// Relax every rule except taking a partition offline.
    pub force: bool,
    /// Accept that partitions whose only in-sync replica is this broker (typically RF 1) are
    /// unavailable while it restarts. Separate from `force` on purpose: it loses availability.
    pub allow_offline: bool,
    /// Brokers that should be registered (e.g. one per broker pod).
    pub expected_brokers: Vec<BrokerId>,
    /// Current time, for the quorum check (milliseconds since the epoch).
    pub now_ms: i64,
    pub quorum_fetch_timeout_ms: i64,
}

impl Default for RestartPolicy {
    fn default() -> Self {
        Self {
            force: false,
            allow_offline: false,
            expected_brokers: Vec::new(),
            now_ms: 0,
            quorum_fetch_timeout_ms: DEFAULT_QUORUM_FETCH_TIMEOUT_MS,
        }
    }
}

/// A partition whose ISR would be too small without the broker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IsrShortfall {
    pub tp: TopicPartition,
    pub replicas: Vec<BrokerId>,
    pub isr: Vec<BrokerId>,
    pub min_isr: i32,
}

/// One reason not to restart (or, among warnings, a risk accepted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Blocker {
    /// Expected brokers missing from the cluster metadata: they are down or still starting.
    BrokersNotRegistered {
        brokers: Vec<BrokerId>,
    },
    /// The broker to restart is itself not registered (already down): restarting it costs nothing.
    BrokerNotRegistered {
        broker: BrokerId,
    },
    OfflinePartitions {
        partitions: Vec<TopicPartition>,
    },
    UnderReplicated {
        partitions: Vec<TopicPartition>,
    },
    ReassignmentInProgress {
        partitions: Vec<TopicPartition>,
    },
    /// Without the broker these partitions' ISR drops below min.insync.replicas.
    BelowMinIsr {
        partitions: Vec<IsrShortfall>,
    },
    /// RF ≤ min.insync.replicas: acks=all producers fail during any restart of a replica; such
    /// partitions never block, they are reported.
    ReplicationFactorAtMinIsr {
        partitions: Vec<IsrShortfall>,
    },
    /// This broker is the only in-sync replica: the partition goes offline while it restarts.
    WouldGoOffline {
        partitions: Vec<TopicPartition>,
    },
    /// The KRaft controller quorum would lose its caught-up majority.
    QuorumAtRisk {
        voter: BrokerId,
    },
    /// The min.insync.replicas of these topics (with partitions on the broker) could not be read,
    /// so whether the restart keeps them writable is unknown.
    MinIsrUnknown {
        topics: Vec<String>,
        /// Why, as the broker answered for the first of them.
        reason: Option<String>,
    },
}

fn list(tps: &[TopicPartition]) -> String {
    const SHOW: usize = 5;
    let mut s: Vec<String> = tps.iter().take(SHOW).map(ToString::to_string).collect();
    if tps.len() > SHOW {
        s.push(format!("and {} more", tps.len() - SHOW));
    }
    s.join(", ")
}

fn names(topics: &[String]) -> String {
    const SHOW: usize = 5;
    let mut s: Vec<String> = topics.iter().take(SHOW).cloned().collect();
    if topics.len() > SHOW {
        s.push(format!("and {} more", topics.len() - SHOW));
    }
    s.join(", ")
}

impl fmt::Display for Blocker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Blocker::BrokersNotRegistered { brokers } => write!(
                f,
                "brokers {brokers:?} are not registered with the cluster; wait for them to start"
            ),
            Blocker::BrokerNotRegistered { broker } => {
                write!(f, "broker {broker} is not registered (already down)")
            }
            Blocker::OfflinePartitions { partitions } => write!(
                f,
                "{} partitions are offline ({}); bring their brokers back first",
                partitions.len(),
                list(partitions)
            ),
            Blocker::UnderReplicated { partitions } => write!(
                f,
                "{} partitions are under-replicated ({}); wait for replicas to catch up",
                partitions.len(),
                list(partitions)
            ),
            Blocker::ReassignmentInProgress { partitions } => write!(
                f,
                "a reassignment is in progress ({}); wait for it to finish or cancel it",
                list(partitions)
            ),
            Blocker::BelowMinIsr { partitions } => {
                let tps: Vec<TopicPartition> = partitions.iter().map(|p| p.tp.clone()).collect();
                write!(
                    f,
                    "{} partitions would fall below min.insync.replicas ({}); wait for their ISR to grow",
                    partitions.len(),
                    list(&tps)
                )
            }
            Blocker::ReplicationFactorAtMinIsr { partitions } => {
                let tps: Vec<TopicPartition> = partitions.iter().map(|p| p.tp.clone()).collect();
                write!(
                    f,
                    "{} partitions have replication factor <= min.insync.replicas ({}); acks=all producers fail while a replica restarts",
                    partitions.len(),
                    list(&tps)
                )
            }
            Blocker::WouldGoOffline { partitions } => write!(
                f,
                "{} partitions have this broker as their only in-sync replica ({}) and would go offline; raise their replication factor or wait for the ISR to grow",
                partitions.len(),
                list(partitions)
            ),
            Blocker::QuorumAtRisk { voter } => write!(
                f,
                "controller {voter} is needed for a caught-up quorum majority; wait for the other controllers to catch up"
            ),
            Blocker::MinIsrUnknown { topics, reason } => write!(
                f,
                "min.insync.replicas of topics {} cannot be read{}, so the restart cannot be proven safe; grant the client's principal DescribeConfigs on those topics (ACL operation DescribeConfigs, resource Topic)",
                names(topics),
                reason
                    .as_deref()
                    .map(|r| format!(" ({r})"))
                    .unwrap_or_default()
            ),
        }
    }
}

/// The answer to "may this broker restart now?".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum Verdict {
    Allowed {
        warnings: Vec<Blocker>,
    },
    Blocked {
        reasons: Vec<Blocker>,
        warnings: Vec<Blocker>,
    },
}

impl Verdict {
    pub fn is_allowed(&self) -> bool {
        matches!(self, Verdict::Allowed { .. })
    }

    pub fn warnings(&self) -> &[Blocker] {
        match self {
            Verdict::Allowed { warnings } | Verdict::Blocked { warnings, .. } => warnings,
        }
    }

    /// The warnings when allowed, else a `Refused` error listing every reason.
    pub fn into_result(self, broker: BrokerId) -> Result<Vec<Blocker>, Error> {
        match self {
            Verdict::Allowed { warnings } => Ok(warnings),
            Verdict::Blocked { reasons, .. } => {
                let why: Vec<String> = reasons.iter().map(ToString::to_string).collect();
                Err(Error::refused(format!(
                    "not restarting broker {broker}: {}",
                    why.join("; ")
                )))
            }
        }
    }
}

/// Decide whether `broker` may restart now.
pub fn can_restart(
    snapshot: &ClusterSnapshot,
    broker: BrokerId,
    policy: &RestartPolicy,
) -> Verdict {
    // Reasons `force` may relax, and reasons nothing relaxes.
    let mut soft = Vec::new();
    let mut hard = Vec::new();
    let mut warnings = Vec::new();

    let registered: BTreeSet<BrokerId> = snapshot.brokers.iter().map(|b| b.id).collect();
    let missing: Vec<BrokerId> = policy
        .expected_brokers
        .iter()
        .copied()
        .filter(|b| *b != broker && !registered.contains(b))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    if !missing.is_empty() {
        soft.push(Blocker::BrokersNotRegistered { brokers: missing });
    }
    if !registered.contains(&broker) {
        warnings.push(Blocker::BrokerNotRegistered { broker });
    }

    let mut offline = Vec::new();
    let mut urp = Vec::new();
    let mut below = Vec::new();
    let mut low_rf = Vec::new();
    let mut would_offline = Vec::new();
    let mut unknown_min_isr: BTreeSet<String> = BTreeSet::new();
    for (topic, p) in snapshot.partitions() {
        let tp = TopicPartition::new(&topic.name, p.partition);
        if p.leader.is_none_or(|l| l < 0) {
            offline.push(tp.clone());
        }
        if p.isr.len() < p.replicas.len() {
            urp.push(tp.clone());
        }
        if !p.replicas.contains(&broker) {
            continue;
        }
        let isr_after = p.isr.iter().filter(|b| **b != broker).count();
        if p.isr.contains(&broker) && isr_after == 0 {
            would_offline.push(tp.clone());
        }
        let Some(min_isr) = snapshot.min_isr_of(&topic.name) else {
            unknown_min_isr.insert(topic.name.clone());
            continue;
        };
        let shortfall = || IsrShortfall {
            tp: tp.clone(),
            replicas: p.replicas.clone(),
            isr: p.isr.clone(),
            min_isr,
        };
        if p.replicas.len() as i64 <= i64::from(min_isr) {
            if p.isr.contains(&broker) {
                low_rf.push(shortfall());
            }
        } else if (isr_after as i64) < i64::from(min_isr) {
            below.push(shortfall());
        }
    }
    if !offline.is_empty() {
        soft.push(Blocker::OfflinePartitions {
            partitions: offline,
        });
    }
    if !urp.is_empty() {
        soft.push(Blocker::UnderReplicated { partitions: urp });
    }
    let mut moving: Vec<TopicPartition> = snapshot
        .reassignments
        .iter()
        .map(|r| r.tp.clone())
        .collect();
    moving.sort();
    moving.dedup();
    if !moving.is_empty() {
        soft.push(Blocker::ReassignmentInProgress { partitions: moving });
    }
    if !below.is_empty() {
        soft.push(Blocker::BelowMinIsr { partitions: below });
    }
    if !low_rf.is_empty() {
        warnings.push(Blocker::ReplicationFactorAtMinIsr { partitions: low_rf });
    }
    if !unknown_min_isr.is_empty() {
        let reason = unknown_min_isr
            .iter()
            .find_map(|t| snapshot.min_isr_unreadable.get(t).cloned());
        soft.push(Blocker::MinIsrUnknown {
            topics: unknown_min_isr.into_iter().collect(),
            reason,
        });
    }
    if !would_offline.is_empty() {
        let b = Blocker::WouldGoOffline {
            partitions: would_offline,
        };
        if policy.allow_offline {
            warnings.push(b);
        } else {
            hard.push(b);
        }
    }
    if let Some(q) = &snapshot.quorum
        && !quorum_allows_restart(q, broker, policy.now_ms, policy.quorum_fetch_timeout_ms)
    {
        soft.push(Blocker::QuorumAtRisk { voter: broker });
    }

    if policy.force {
        warnings.extend(soft);
        soft = Vec::new();
    }
    hard.extend(soft);
    if hard.is_empty() {
        Verdict::Allowed { warnings }
    } else {
        Verdict::Blocked {
            reasons: hard,
            warnings,
        }
    }
}

/// Whether the KRaft quorum keeps a caught-up majority without `voter_id`: restart a controller only
/// if the other caught-up voters number at least (N+2)/2 of the N voters. A voter is caught up when
/// it caught up with the leader within `fetch_timeout_ms` of `now_ms`; the leader always is.
/// Nodes that are not voters never put the quorum at risk.
pub fn quorum_allows_restart(
    quorum: &QuorumInfo,
    voter_id: i32,
    now_ms: i64,
    fetch_timeout_ms: i64,
) -> bool {
    if !quorum.voters.iter().any(|v| v.id == voter_id) {
        return true;
    }
    let n = quorum.voters.len();
    let caught_up = quorum
        .voters
        .iter()
        .filter(|v| v.id != voter_id)
        .filter(|v| {
            v.id == quorum.leader_id
                || v.last_caught_up_timestamp_ms
                    .is_some_and(|t| now_ms.saturating_sub(t) <= fetch_timeout_ms)
        })
        .count();
    caught_up >= (n + 2) / 2
}

/// The order to restart brokers in: unready ones first (they serve nothing now), then the rest,
/// each group by ascending id, with the active controller last so leadership of the metadata
/// moves once. An unready controller counts as unready.
pub fn restart_order(
    brokers: &[BrokerId],
    controller_id: Option<BrokerId>,
    unready: &[BrokerId],
) -> Vec<BrokerId> {
    let mut v: Vec<BrokerId> = brokers
        .iter()
        .copied()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    v.sort_by_key(|b| {
        let is_unready = unready.contains(b);
        let is_controller = controller_id == Some(*b);
        (!is_unready, is_controller && !is_unready, *b)
    });
    v
}

/// Tracks how long the cluster-wide under-replicated count has been 0, from timestamped
/// observations. The window is satisfied once URP has been 0 in every observation spanning at
/// least `window_ms`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettleTracker {
    window_ms: i64,
    zero_since: Option<i64>,
    last_ms: Option<i64>,
}

impl SettleTracker {
    pub fn new(window_ms: i64) -> Self {
        Self {
            window_ms: window_ms.max(0),
            zero_since: None,
            last_ms: None,
        }
    }

    /// Record an observation; returns whether the window is satisfied now.
    pub fn observe(&mut self, now_ms: i64, urp: usize) -> bool {
        // A clock going backwards cannot prove anything: start over.
        if self.last_ms.is_some_and(|l| now_ms < l) {
            self.zero_since = None;
        }
        self.last_ms = Some(now_ms);
        if urp > 0 {
            self.zero_since = None;
        } else if self.zero_since.is_none() {
            self.zero_since = Some(now_ms);
        }
        self.is_settled()
    }

    /// Whether URP has been 0 for the whole window, as of the last observation.
    pub fn is_settled(&self) -> bool {
        match (self.zero_since, self.last_ms) {
            (Some(s), Some(l)) => l - s >= self.window_ms,
            _ => false,
        }
    }

    /// Milliseconds of the window still to wait after the last observation (None: URP is not 0).
    pub fn remaining_ms(&self) -> Option<i64> {
        match (self.zero_since, self.last_ms) {
            (Some(s), Some(l)) => Some((self.window_ms - (l - s)).max(0)),
            _ => None,
        }
    }

    /// Forget everything, e.g. after a restart.
    pub fn reset(&mut self) {
        self.zero_since = None;
        self.last_ms = None;
    }
}

#[cfg(test)]
mod tests;
