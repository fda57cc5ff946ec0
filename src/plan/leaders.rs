//! Leader balancing by reordering replicas: never moves data.
//!
//! Each partition's preferred leader is its first replica. Balancing picks, per partition, which of
//! its replicas goes first so every broker leads ⌊P/B⌋ or ⌈P/B⌉ partitions, within each topic
//! first and then cluster-wide without undoing the topic balance where that can be avoided.

use std::collections::{BTreeMap, VecDeque};

use crate::model::{Assignment, BrokerId, TopicPartition};

/// Reorder the replicas of `assignment` so preferred leaders are balanced over `brokers`.
/// Replica sets stay the same; returns the new assignment.
pub fn preferred_leader_balance(assignment: &Assignment, brokers: &[BrokerId]) -> Assignment {
    let mut ids: Vec<BrokerId> = brokers.to_vec();
    // Brokers holding replicas but not listed still take part as possible leaders' sources.
    for r in assignment.values() {
        for b in r {
            if !ids.contains(b) {
                ids.push(*b);
            }
        }
    }
    let ntarget = brokers.len();
    let index: BTreeMap<BrokerId, usize> = ids.iter().enumerate().map(|(i, b)| (*b, i)).collect();
    let mut topics: BTreeMap<&str, usize> = BTreeMap::new();
    let mut topic_of = Vec::new();
    let mut replicas: Vec<Vec<usize>> = Vec::new();
    let tps: Vec<&TopicPartition> = assignment.keys().collect();
    for (tp, r) in assignment {
        let n = topics.len();
        topic_of.push(*topics.entry(tp.topic.as_str()).or_insert(n));
        replicas.push(r.iter().filter_map(|b| index.get(b).copied()).collect());
    }
    balance(&mut replicas, &topic_of, topics.len(), ntarget, ids.len());
    tps.into_iter()
        .zip(replicas)
        .map(|(tp, r)| (tp.clone(), r.into_iter().map(|b| ids[b]).collect()))
        .collect()
}

/// Per-topic leader counts, to keep cluster-wide changes inside each topic's bounds.
struct TopicGuard<'a> {
    nt: usize,
    topic_of: &'a [usize],
    lead: Vec<u32>,
    lo: Vec<u32>,
    hi: Vec<u32>,
}

impl TopicGuard<'_> {
    fn allows(&self, p: usize, from: usize, to: usize) -> bool {
        let t = self.topic_of[p];
        self.lead[from * self.nt + t] > self.lo[t] && self.lead[to * self.nt + t] < self.hi[t]
    }
    fn switch(&mut self, p: usize, from: usize, to: usize) {
        let t = self.topic_of[p];
        self.lead[from * self.nt + t] -= 1;
        self.lead[to * self.nt + t] += 1;
    }
}

/// Balance leaders over dense broker indices; brokers `0..ntarget` are the ones that should lead.
pub(crate) fn balance(
    replicas: &mut [Vec<usize>],
    topic_of: &[usize],
    nt: usize,
    ntarget: usize,
    nb: usize,
) {
    if ntarget == 0 {
        return;
    }
    let mut by_topic: Vec<Vec<usize>> = vec![Vec::new(); nt];
    for (p, &t) in topic_of.iter().enumerate() {
        by_topic[t].push(p);
    }
    for parts in &by_topic {
        let n = parts.len();
        balance_subset(
            replicas,
            parts,
            nb,
            ntarget,
            n / ntarget,
            n.div_ceil(ntarget),
            None,
        );
    }
    let mut guard = TopicGuard {
        nt,
        topic_of,
        lead: vec![0; nb * nt],
        lo: by_topic
            .iter()
            .map(|v| (v.len() / ntarget) as u32)
            .collect(),
        hi: by_topic
            .iter()
            .map(|v| v.len().div_ceil(ntarget) as u32)
            .collect(),
    };
    for (p, r) in replicas.iter().enumerate() {
        if let Some(&b) = r.first() {
            guard.lead[b * nt + topic_of[p]] += 1;
        }
    }
    let all: Vec<usize> = (0..replicas.len()).collect();
    let n = all.len();
    balance_subset(
        replicas,
        &all,
        nb,
        ntarget,
        n / ntarget,
        n.div_ceil(ntarget),
        Some(&mut guard),
    );
}

fn make_leader(r: &mut [usize], c: usize) {
    // The old leader takes the new leader's place; the other followers keep their order.
    if let Some(i) = r.iter().position(|&b| b == c) {
        r.swap(0, i);
    }
}

/// Bring every broker's leader count within `[lo, hi]` over the partitions `subset`, as far as
/// the replica sets allow. Brokers at or beyond `ntarget` should lead nothing.
fn balance_subset(
    replicas: &mut [Vec<usize>],
    subset: &[usize],
    nb: usize,
    ntarget: usize,
    lo: usize,
    hi: usize,
    mut guard: Option<&mut TopicGuard<'_>>,
) {
    let cap = |b: usize| if b < ntarget { hi } else { 0 };
    let floor = |b: usize| if b < ntarget { lo } else { 0 };
    let mut lead = vec![0usize; nb];
    for &p in subset {
        if let Some(&b) = replicas[p].first() {
            lead[b] += 1;
        }
    }
    // Direct switches first: cheap, and most imbalance goes away this way. With a guard, first
    // only switches that keep each topic within its bounds, then any.
    let strict_rounds: &[bool] = if guard.is_some() {
        &[true, false]
    } else {
        &[false]
    };
    for &strict in strict_rounds {
        let mut changed = true;
        while changed {
            changed = false;
            for &p in subset {
                let Some(&b) = replicas[p].first() else {
                    continue;
                };
                let over = lead[b] > cap(b);
                let mut best: Option<usize> = None;
                for &c in &replicas[p][1..] {
                    let ok = if over {
                        lead[c] < cap(c)
                    } else {
                        lead[c] < floor(c) && lead[b] > floor(b)
                    };
                    let allowed = !strict || guard.as_ref().is_none_or(|g| g.allows(p, b, c));
                    if ok && allowed && best.is_none_or(|x| lead[c] < lead[x]) {
                        best = Some(c);
                    }
                }
                if let Some(c) = best {
                    make_leader(&mut replicas[p], c);
                    lead[b] -= 1;
                    lead[c] += 1;
                    if let Some(g) = guard.as_mut() {
                        g.switch(p, b, c);
                    }
                    changed = true;
                }
            }
        }
    }
    // Then augmenting paths: a chain of switches b0→b1→…→bk where only the ends change counts.
    let mut lead_parts: Vec<Vec<usize>> = vec![Vec::new(); nb];
    loop {
        let over: Vec<usize> = (0..nb).filter(|&b| lead[b] > cap(b)).collect();
        let under: Vec<usize> = (0..nb).filter(|&b| lead[b] < floor(b)).collect();
        let (sources, is_sink): (Vec<usize>, Box<dyn Fn(usize) -> bool>) = if !over.is_empty() {
            let l = lead.clone();
            (over, Box::new(move |c| l[c] < cap(c)))
        } else if !under.is_empty() {
            let srcs = (0..nb).filter(|&b| lead[b] > floor(b)).collect();
            let l = lead.clone();
            (srcs, Box::new(move |c| l[c] < floor(c)))
        } else {
            return;
        };
        for v in lead_parts.iter_mut() {
            v.clear();
        }
        for &p in subset {
            if let Some(&b) = replicas[p].first() {
                lead_parts[b].push(p);
            }
        }
        let mut parent: Vec<Option<(usize, usize)>> = vec![None; nb];
        let mut seen = vec![false; nb];
        let mut queue = VecDeque::new();
        for &s in &sources {
            seen[s] = true;
            queue.push_back(s);
        }
        let mut found = None;
        'bfs: while let Some(b) = queue.pop_front() {
            for &p in &lead_parts[b] {
                for &c in &replicas[p][1..] {
                    if !seen[c] {
                        seen[c] = true;
                        parent[c] = Some((b, p));
                        if is_sink(c) {
                            found = Some(c);
                            break 'bfs;
                        }
                        queue.push_back(c);
                    }
                }
            }
        }
        let Some(sink) = found else {
            return;
        };
        let mut c = sink;
        lead[sink] += 1;
        while let Some((b, p)) = parent[c] {
            make_leader(&mut replicas[p], c);
            if let Some(g) = guard.as_mut() {
                g.switch(p, b, c);
            }
            c = b;
        }
        lead[c] -= 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tp(t: &str, p: i32) -> TopicPartition {
        TopicPartition::new(t, p)
    }

    #[test]
    fn all_led_by_one_broker_gets_spread() {
        let a: Assignment = (0..6).map(|p| (tp("t", p), vec![1, 2, 3])).collect();
        let b = preferred_leader_balance(&a, &[1, 2, 3]);
        let lc = crate::plan::leader_counts(&b);
        assert_eq!(lc.values().copied().collect::<Vec<_>>(), vec![2, 2, 2]);
        for (k, v) in &b {
            let mut x = v.clone();
            x.sort();
            assert_eq!(x, vec![1, 2, 3], "{k} replica set changed");
        }
    }

    #[test]
    fn chain_needed() {
        // Broker 1 leads both; broker 3 can only be reached through broker 2.
        let a: Assignment = [
            (tp("a", 0), vec![1, 2]),
            (tp("a", 1), vec![1, 2]),
            (tp("b", 0), vec![2, 3]),
        ]
        .into_iter()
        .collect();
        let b = preferred_leader_balance(&a, &[1, 2, 3]);
        let lc = crate::plan::leader_counts(&b);
        assert_eq!(lc.values().copied().collect::<Vec<_>>(), vec![1, 1, 1]);
    }
}
