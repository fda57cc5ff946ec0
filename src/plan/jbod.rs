//! Log directories within a broker (JBOD): where replicas moving in go, and, under balance
//! `disk`, moves between a broker's own directories until each holds its share of the broker's
//! bytes within the tolerance.
//!
//! Only directories without an error take replicas. Replicas whose directory is named by the
//! input layout stay there (and the plan names it again); replicas on brokers with one usable
//! directory, or on brokers the sizes do not describe, are left to the broker ("any").

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::json::LogDirAssignment;
use crate::model::{BrokerId, Sizes, TopicPartition};

/// A replica copied from one log dir of its broker to another (AlterReplicaLogDirs).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct LogDirMove {
    pub tp: TopicPartition,
    pub broker: BrokerId,
    pub from: String,
    pub to: String,
    pub bytes: u64,
}

pub(crate) struct DirInput<'a> {
    pub ids: &'a [BrokerId],
    pub ntarget: usize,
    pub tps: &'a [&'a TopicPartition],
    /// Final replica sets (order does not matter here) and the bytes of each slot.
    pub reps: &'a [Vec<usize>],
    pub slot: &'a [Vec<u64>],
    /// Replica sets before the plan.
    pub before: &'a [Vec<usize>],
    pub sizes: &'a Sizes,
    /// Log dirs the input layout names.
    pub named: Option<&'a LogDirAssignment>,
    /// Balance within brokers (balance `disk`), or only place replicas moving in.
    pub balance: bool,
    pub tolerance: f64,
}

pub(crate) struct DirPlan {
    pub placements: LogDirAssignment,
    pub moves: Vec<LogDirMove>,
}

/// One replica on the broker being arranged.
struct Held {
    p: usize,
    bytes: u64,
    /// Index into the broker's usable dirs; None when unknown (left alone).
    dir: Option<usize>,
    new: bool,
    pinned: bool,
}

pub(crate) fn arrange(input: &DirInput<'_>) -> DirPlan {
    let mut out = DirPlan {
        placements: LogDirAssignment::new(),
        moves: Vec::new(),
    };
    // Per broker: the replicas it ends with.
    let mut on: Vec<Vec<(usize, u64)>> = vec![Vec::new(); input.ntarget];
    for (p, r) in input.reps.iter().enumerate() {
        for (i, &b) in r.iter().enumerate() {
            if b < input.ntarget {
                on[b].push((p, input.slot[p][i]));
            }
        }
    }
    let mut dirs_by_broker: BTreeMap<BrokerId, Vec<(usize, &str)>> = BTreeMap::new();
    for (i, d) in input.sizes.log_dirs.iter().enumerate() {
        if d.error.is_none() {
            dirs_by_broker
                .entry(d.broker)
                .or_default()
                .push((i, d.path.as_str()));
        }
    }
    let no_dirs = Vec::new();
    let named_any = input.named.is_some_and(|m| !m.is_empty());
    for (b, held) in on.into_iter().enumerate() {
        let id = input.ids[b];
        let dirs = dirs_by_broker.get(&id).unwrap_or(&no_dirs);
        if dirs.len() < 2 && !named_any {
            // One usable dir (or none described): nothing to place, nothing named to keep.
            continue;
        }
        let by_path: BTreeMap<&str, usize> =
            dirs.iter().enumerate().map(|(k, (_, p))| (*p, k)).collect();
        let by_index: BTreeMap<usize, usize> =
            dirs.iter().enumerate().map(|(k, (i, _))| (*i, k)).collect();
        let mut items: Vec<Held> = Vec::with_capacity(held.len());
        for (p, bytes) in held {
            let tp = input.tps[p];
            let new = !input.before[p].contains(&b);
            let named = input
                .named
                .and_then(|m| m.get(&((*tp).clone(), id)))
                .map(String::as_str);
            if let (false, Some(path)) = (new, named) {
                out.placements.insert(((*tp).clone(), id), path.to_string());
            }
            let dir = if new {
                None
            } else if let Some(path) = named {
                by_path.get(path).copied()
            } else {
                input
                    .sizes
                    .replica(tp, id)
                    .and_then(|r| by_index.get(&r.log_dir).copied())
            };
            items.push(Held {
                p,
                bytes,
                dir,
                new,
                pinned: named.is_some(),
            });
        }
        if dirs.len() < 2 {
            continue;
        }
        let mut load = vec![0u128; dirs.len()];
        for h in items.iter().filter(|h| !h.new) {
            if let Some(d) = h.dir {
                load[d] += u128::from(h.bytes);
            }
        }
        // Replicas moving in: largest first, each to the emptiest usable dir.
        let mut incoming: Vec<usize> = (0..items.len()).filter(|&k| items[k].new).collect();
        incoming.sort_by_key(|&k| (std::cmp::Reverse(items[k].bytes), items[k].p));
        for k in incoming {
            let d = (0..dirs.len()).min_by_key(|&d| (load[d], d)).unwrap_or(0);
            load[d] += u128::from(items[k].bytes);
            items[k].dir = Some(d);
            let tp = input.tps[items[k].p];
            out.placements
                .insert(((*tp).clone(), id), dirs[d].1.to_string());
        }
        if input.balance {
            balance_dirs(input, id, dirs, &mut items, &mut load, &mut out);
        }
    }
    out.moves.sort();
    out
}

/// Move replicas that already live on the broker from its fullest dir to its emptiest until
/// every dir is within the tolerance of the broker's mean per dir.
fn balance_dirs(
    input: &DirInput<'_>,
    id: BrokerId,
    dirs: &[(usize, &str)],
    items: &mut [Held],
    load: &mut [u128],
    out: &mut DirPlan,
) {
    let total: u128 = load.iter().sum();
    let mean = total as f64 / dirs.len() as f64;
    let hi = (mean * (1.0 + input.tolerance)).ceil() as u128;
    let lo = (mean * (1.0 - input.tolerance)).floor() as u128;
    let mut moved: BTreeSet<usize> = BTreeSet::new();
    for _ in 0..items.len() {
        let full = (0..dirs.len()).max_by_key(|&d| (load[d], std::cmp::Reverse(d)));
        let empty = (0..dirs.len()).min_by_key(|&d| (load[d], d));
        let (Some(full), Some(empty)) = (full, empty) else {
            return;
        };
        if full == empty || (load[full] <= hi && load[empty] >= lo) {
            return;
        }
        let need = (load[full].saturating_sub(hi)).max(lo.saturating_sub(load[empty]));
        let room = hi.saturating_sub(load[empty]);
        // The largest movable replica that fits what is needed, else the smallest that helps.
        let mut best: Option<usize> = None;
        for (k, h) in items.iter().enumerate() {
            if h.dir != Some(full) || h.pinned || h.new || moved.contains(&k) || h.bytes == 0 {
                continue;
            }
            let b = u128::from(h.bytes);
            if b > room || b >= load[full] - load[empty] {
                continue;
            }
            let better = match best {
                None => true,
                Some(j) => {
                    let c = u128::from(items[j].bytes);
                    if b <= need {
                        c > need || b > c
                    } else {
                        c > need && b < c
                    }
                }
            };
            if better {
                best = Some(k);
            }
        }
        let Some(k) = best else { return };
        let bytes = items[k].bytes;
        load[full] -= u128::from(bytes);
        load[empty] += u128::from(bytes);
        items[k].dir = Some(empty);
        moved.insert(k);
        let tp = input.tps[items[k].p];
        out.placements
            .insert(((*tp).clone(), id), dirs[empty].1.to_string());
        out.moves.push(LogDirMove {
            tp: (*tp).clone(),
            broker: id,
            from: dirs[full].1.to_string(),
            to: dirs[empty].1.to_string(),
            bytes,
        });
    }
}
