//! Batches of a parallel rolling restart: which brokers may restart together.
//!
//! Batches are planned against the settled cluster the roll waits for before each batch (every
//! ISR full, URP 0): brokers may go together when every partition keeps at least its
//! min.insync.replicas of replicas outside the batch, and none loses all of them. Two brokers
//! that share no such partition never threaten each other, which is what makes a whole rack of a
//! rack-aware cluster one batch. A batch holding a single replica of a partition is no worse
//! than a sequential roll, so the per-broker rule (checked live before every batch, with the
//! batch in place of the broker) decides it. The roll still checks each batch against the live
//! cluster before evicting it; this plan only decides who may go together.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use crate::model::{BrokerId, ClusterSnapshot, TopicPartition};

/// How many brokers a roll restarts at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Parallelism {
    /// Up to this many brokers that share no partition they cannot lose together.
    Count(usize),
    /// The brokers of one rack, split further where the rule demands.
    Rack,
}

impl Default for Parallelism {
    fn default() -> Self {
        Parallelism::Count(1)
    }
}

impl fmt::Display for Parallelism {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Parallelism::Count(n) => write!(f, "{n}"),
            Parallelism::Rack => f.write_str("rack"),
        }
    }
}

/// The largest `--parallel N` accepted: far beyond any cluster's brokers, small enough that
/// nothing derived from it overflows.
pub const MAX_PARALLEL: usize = 10_000;

/// Parse `--parallel`: a positive number of brokers, or `rack`.
pub fn parse_parallelism(s: &str) -> Result<Parallelism, String> {
    let t = s.trim();
    if t.eq_ignore_ascii_case("rack") {
        return Ok(Parallelism::Rack);
    }
    match t.parse::<usize>() {
        Ok(0) => Err("--parallel must be at least 1 (1 restarts one broker at a time)".into()),
        Ok(n) if n > MAX_PARALLEL => Err(format!(
            "--parallel {n} is more than {MAX_PARALLEL}; use rack, or a number of brokers"
        )),
        Ok(n) => Ok(Parallelism::Count(n)),
        Err(_) => Err(format!(
            "--parallel takes a number of brokers (e.g. 3) or `rack`, not {s:?}"
        )),
    }
}

/// The partition that keeps the fewest replicas while a batch restarts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Margin {
    pub tp: TopicPartition,
    pub replication_factor: usize,
    /// Replicas outside the batch (all in sync once the cluster has settled).
    pub left: usize,
    pub min_isr: i32,
}

/// Brokers restarted together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Batch {
    pub brokers: Vec<BrokerId>,
    /// The rack the batch was formed from (`--parallel rack`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rack: Option<String>,
    /// Why the batch is safe, and why it is no larger.
    pub why: String,
    /// The partition with the least room while the batch is away (none: the batch hosts none
    /// with two or more of its replicas).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tightest: Option<Margin>,
}

/// Why two or more brokers may not restart together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conflict {
    /// The partition would keep fewer than min.insync.replicas (or no) replicas.
    BelowMinIsr {
        tp: TopicPartition,
        replication_factor: usize,
        left: usize,
        min_isr: i32,
    },
    /// The topic's min.insync.replicas is unknown, so no two of its replicas go together.
    MinIsrUnknown { tp: TopicPartition },
    /// Two KRaft voters at once: the quorum's majority is not put at stake by a batch.
    TwoVoters { voters: Vec<BrokerId> },
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Conflict::BelowMinIsr {
                tp,
                replication_factor,
                left,
                min_isr,
            } => write!(
                f,
                "{tp} (RF {replication_factor}, min ISR {min_isr}) would keep {left} replica(s)"
            ),
            Conflict::MinIsrUnknown { tp } => {
                write!(f, "{tp} has an unknown min.insync.replicas")
            }
            Conflict::TwoVoters { voters } => write!(
                f,
                "brokers {} are both KRaft voters (controllers go one at a time)",
                voters
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}

/// What the batch plan needs besides the snapshot.
#[derive(Debug, Clone, Default)]
pub struct BatchInput<'a> {
    /// Brokers to restart, in the roll's order (unready first, the active controller last).
    pub order: &'a [BrokerId],
    /// Brokers whose pod is not Ready: each goes alone, first, as today.
    pub unready: &'a [BrokerId],
    /// The controller broker to keep for last and alone (ZooKeeper controller, or the broker
    /// leading a combined-mode quorum).
    pub active_controller: Option<BrokerId>,
    /// How many broker pods the PodDisruptionBudgets let go at once (None: no budget applies).
    pub disruptions_allowed: Option<usize>,
}

/// The first reason `batch` may not restart together, against the settled cluster.
pub fn conflict(snapshot: &ClusterSnapshot, batch: &[BrokerId]) -> Option<Conflict> {
    if batch.len() < 2 {
        return None;
    }
    if let Some(q) = &snapshot.quorum {
        let voters: Vec<BrokerId> = batch
            .iter()
            .copied()
            .filter(|b| q.voters.iter().any(|v| v.id == *b))
            .collect();
        if voters.len() > 1 {
            return Some(Conflict::TwoVoters { voters });
        }
    }
    tightest_or_conflict(snapshot, batch).err()
}

/// The tightest partition of a safe batch, or the first conflict.
fn tightest_or_conflict(
    snapshot: &ClusterSnapshot,
    batch: &[BrokerId],
) -> Result<Option<Margin>, Conflict> {
    let mut tightest: Option<Margin> = None;
    for (topic, p) in snapshot.partitions() {
        let mut distinct = p.replicas.clone();
        distinct.sort_unstable();
        distinct.dedup();
        let away = distinct.iter().filter(|b| batch.contains(b)).count();
        if away < 2 {
            // One replica away is what a sequential roll does; the live check decides it.
            continue;
        }
        let tp = TopicPartition::new(&topic.name, p.partition);
        let Some(min_isr) = snapshot.min_isr_of(&topic.name) else {
            return Err(Conflict::MinIsrUnknown { tp });
        };
        let rf = distinct.len();
        let left = rf - away;
        // Never fewer than one replica, and never fewer than min ISR.
        let needed = usize::try_from(min_isr.max(1)).unwrap_or(usize::MAX);
        if left < needed {
            return Err(Conflict::BelowMinIsr {
                tp,
                replication_factor: rf,
                left,
                min_isr,
            });
        }
        let room = left - needed;
        if tightest.as_ref().is_none_or(|m| {
            let m_room = m
                .left
                .saturating_sub(usize::try_from(m.min_isr.max(1)).unwrap_or(usize::MAX));
            room < m_room
        }) {
            tightest = Some(Margin {
                tp,
                replication_factor: rf,
                left,
                min_isr,
            });
        }
    }
    Ok(tightest)
}

/// Split the roll into batches as `parallelism` asks. Every broker of `input.order` is in
/// exactly one batch, in an order that keeps the roll's: unready brokers first and alone, the
/// active controller last and alone, no batch larger than the parallelism or the disruption
/// budget, and no batch with a [`conflict`].
pub fn plan_batches(
    snapshot: &ClusterSnapshot,
    input: &BatchInput<'_>,
    parallelism: Parallelism,
) -> Vec<Batch> {
    let rack_of: BTreeMap<BrokerId, Option<String>> = snapshot
        .brokers
        .iter()
        .map(|b| (b.id, b.rack.clone()))
        .collect();
    let mut batches = Vec::new();
    let mut seen = Vec::new();
    let mut rest: Vec<BrokerId> = Vec::new();
    for b in input.order.iter().copied() {
        if seen.contains(&b) {
            continue;
        }
        seen.push(b);
        if input.unready.contains(&b) {
            batches.push(Batch {
                brokers: vec![b],
                rack: None,
                why: "its pod is not Ready: restarted alone, first (it serves nothing now)".into(),
                tightest: None,
            });
        } else if input.active_controller != Some(b) {
            rest.push(b);
        }
    }

    let wanted = match parallelism {
        Parallelism::Count(n) => n.max(1),
        Parallelism::Rack => usize::MAX,
    };
    let cap = input
        .disruptions_allowed
        .map_or(wanted, |d| wanted.min(d.max(1)));
    let budget_note = |size: usize| match input.disruptions_allowed {
        Some(d) if d < wanted && size >= d.max(1) => {
            format!("; the PodDisruptionBudget allows {} at once", d.max(1))
        }
        _ => String::new(),
    };

    // Groups of brokers that may share a batch, each in roll order.
    let mut groups: Vec<(Option<String>, Vec<BrokerId>)> = Vec::new();
    match parallelism {
        Parallelism::Count(_) => groups.push((None, rest)),
        Parallelism::Rack => {
            for b in rest {
                match rack_of.get(&b).cloned().flatten() {
                    Some(rack) => {
                        match groups.iter_mut().find(|(r, _)| r.as_ref() == Some(&rack)) {
                            Some((_, members)) => members.push(b),
                            None => groups.push((Some(rack), vec![b])),
                        }
                    }
                    // No rack: nothing says it fails apart from the others, so it goes alone.
                    None => groups.push((None, vec![b])),
                }
            }
        }
    }

    for (rack, mut members) in groups {
        while let Some(first) = members.first().copied() {
            let mut batch = vec![first];
            let mut refused: Vec<(BrokerId, Conflict)> = Vec::new();
            for b in members.iter().copied().skip(1) {
                if batch.len() >= cap {
                    break;
                }
                let mut with = batch.clone();
                with.push(b);
                match conflict(snapshot, &with) {
                    None => batch = with,
                    Some(c) => refused.push((b, c)),
                }
            }
            members.retain(|b| !batch.contains(b));
            let tightest = tightest_or_conflict(snapshot, &batch).ok().flatten();
            let mut why = match &tightest {
                Some(m) => format!(
                    "every partition keeps at least its min ISR without them: the tightest, {} (RF {}, min ISR {}), keeps {}",
                    m.tp, m.replication_factor, m.min_isr, m.left
                ),
                None if batch.len() == 1 => {
                    "alone: the live check before the restart decides, as in a sequential roll"
                        .into()
                }
                None => "they share no partition: no partition has two replicas among them".into(),
            };
            if rack.is_none() && parallelism == Parallelism::Rack {
                why.push_str("; the broker has no rack, so it goes alone");
            }
            if let Some((b, c)) = refused.first() {
                why.push_str(&format!("; broker {b} cannot join: {c}"));
            }
            why.push_str(&budget_note(batch.len()));
            batches.push(Batch {
                brokers: batch,
                rack: rack.clone(),
                why,
                tightest,
            });
        }
    }

    if let Some(c) = input.active_controller
        && input.order.contains(&c)
        && !input.unready.contains(&c)
    {
        batches.push(Batch {
            brokers: vec![c],
            rack: rack_of.get(&c).cloned().flatten(),
            why: "the active controller: alone and last, so leadership of the metadata moves once"
                .into(),
            tightest: None,
        });
    }
    batches
}

#[cfg(test)]
mod tests;
