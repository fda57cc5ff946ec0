//! The checked, densely indexed form of a planning input: brokers 0..nb (target brokers first,
//! then leaving ones), partitions 0..np in assignment order, and the bytes of every replica.

use std::collections::{BTreeMap, BTreeSet};

use super::{BrokerSpec, PlanError};
use crate::model::{Assignment, BrokerId, Sizes, TopicPartition};

pub(crate) struct Layout<'a> {
    pub ids: Vec<BrokerId>,
    /// Target brokers then leaving ones, with racks where known.
    pub specs: Vec<BrokerSpec>,
    pub ntarget: usize,
    pub tps: Vec<&'a TopicPartition>,
    pub topic_of: Vec<usize>,
    pub nt: usize,
    pub reps: Vec<Vec<usize>>,
    pub max_rf: usize,
    /// Copy size per partition (0 without sizes).
    pub w: Vec<u64>,
    /// Bytes per replica slot, parallel to `reps` (0 without sizes).
    pub slot: Vec<Vec<u64>>,
    pub sized: bool,
    /// Replicas whose size no broker reported, counted at their partition's size.
    pub estimated: usize,
}

impl Layout<'_> {
    pub fn nb(&self) -> usize {
        self.ids.len()
    }
}

/// Check and index `current` over `brokers` (targets) and `leaving`, with `sizes` when given.
pub(crate) fn index<'a>(
    current: &'a Assignment,
    brokers: &[BrokerSpec],
    leaving: &[BrokerSpec],
    sizes: Option<&Sizes>,
) -> Result<Layout<'a>, PlanError> {
    if brokers.is_empty() {
        return Err(PlanError::EmptyBrokerSet);
    }
    let mut seen = BTreeSet::new();
    for b in brokers {
        if !seen.insert(b.id) {
            return Err(PlanError::DuplicateBroker(b.id));
        }
    }
    let mut specs: Vec<BrokerSpec> = brokers.to_vec();
    for b in leaving {
        if seen.contains(&b.id) {
            if brokers.iter().any(|t| t.id == b.id) {
                return Err(PlanError::TargetAlsoLeaving(b.id));
            }
            continue;
        }
        seen.insert(b.id);
        specs.push(b.clone());
    }
    let ntarget = brokers.len();
    let ids: Vec<BrokerId> = specs.iter().map(|b| b.id).collect();
    let index: BTreeMap<BrokerId, usize> = ids.iter().enumerate().map(|(i, b)| (*b, i)).collect();
    if u32::try_from(current.len()).is_err() {
        return Err(PlanError::TooManyPartitions(current.len()));
    }

    let mut topic_idx: BTreeMap<&str, usize> = BTreeMap::new();
    let mut tps = Vec::with_capacity(current.len());
    let mut topic_of = Vec::with_capacity(current.len());
    let mut reps = Vec::with_capacity(current.len());
    let mut max_rf = 0;
    for (tp, r) in current {
        if r.is_empty() {
            return Err(PlanError::NoReplicas(tp.clone()));
        }
        if r.len() > ntarget {
            return Err(PlanError::ReplicationFactorTooLarge {
                topic: tp.topic.clone(),
                replication_factor: r.len(),
                brokers: ntarget,
            });
        }
        let mut v = Vec::with_capacity(r.len());
        for b in r {
            let Some(&i) = index.get(b) else {
                return Err(PlanError::UnknownBroker {
                    broker: *b,
                    tp: tp.clone(),
                });
            };
            if v.contains(&i) {
                return Err(PlanError::DuplicateReplica {
                    broker: *b,
                    tp: tp.clone(),
                });
            }
            v.push(i);
        }
        max_rf = max_rf.max(v.len());
        let n = topic_idx.len();
        topic_of.push(*topic_idx.entry(tp.topic.as_str()).or_insert(n));
        tps.push(tp);
        reps.push(v);
    }

    let (w, slot, estimated) = match sizes {
        None => (
            vec![0; reps.len()],
            reps.iter().map(|r| vec![0; r.len()]).collect(),
            0,
        ),
        Some(s) => weigh(current, &tps, &reps, &ids, &index, s)?,
    };
    Ok(Layout {
        ids,
        specs,
        ntarget,
        tps,
        topic_of,
        nt: topic_idx.len(),
        reps,
        max_rf,
        w,
        slot,
        sized: sizes.is_some(),
        estimated,
    })
}

type Weights = (Vec<u64>, Vec<Vec<u64>>, usize);

/// Copy size per partition and bytes per replica; refuses sizes that do not match the layout.
fn weigh(
    current: &Assignment,
    tps: &[&TopicPartition],
    reps: &[Vec<usize>],
    ids: &[BrokerId],
    index: &BTreeMap<BrokerId, usize>,
    sizes: &Sizes,
) -> Result<Weights, PlanError> {
    for d in &sizes.log_dirs {
        if !index.contains_key(&d.broker) {
            return Err(PlanError::UnknownSizeBroker { broker: d.broker });
        }
    }
    for (tp, list) in &sizes.replicas {
        let Some(holders) = current.get(tp) else {
            let broker = list.first().map_or(-1, |r| r.broker);
            return Err(PlanError::UnknownSizePartition {
                tp: tp.clone(),
                broker,
            });
        };
        for r in list {
            if !index.contains_key(&r.broker) {
                return Err(PlanError::UnknownSizeBroker { broker: r.broker });
            }
            if !holders.contains(&r.broker) {
                return Err(PlanError::StraySize {
                    tp: tp.clone(),
                    broker: r.broker,
                    replicas: holders.clone(),
                });
            }
        }
    }
    let mut w = Vec::with_capacity(tps.len());
    let mut slot = Vec::with_capacity(tps.len());
    let mut estimated = 0;
    for (p, tp) in tps.iter().enumerate() {
        let Some(list) = sizes.replicas.get(*tp) else {
            return Err(PlanError::MissingSize {
                tp: (*tp).clone(),
                replicas: reps[p].iter().map(|&b| ids[b]).collect(),
            });
        };
        let wp = list.iter().map(|r| r.bytes).max().unwrap_or(0);
        let s: Vec<u64> = reps[p]
            .iter()
            .map(|&b| match list.iter().find(|r| r.broker == ids[b]) {
                Some(r) => r.bytes,
                None => {
                    estimated += 1;
                    wp
                }
            })
            .collect();
        w.push(wp);
        slot.push(s);
    }
    Ok((w, slot, estimated))
}
