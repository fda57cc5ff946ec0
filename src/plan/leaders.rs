//! Leader balancing by reordering replicas: never moves data.
//!
//! Each partition's preferred leader is its first replica. Balancing picks, per partition, which of
//! its replicas goes first so every broker leads ⌊P/B⌋ or ⌈P/B⌉ partitions, within each topic
//! first and then cluster-wide without undoing the topic balance where that can be avoided.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use serde::Serialize;

use super::PlanError;
use crate::model::{Assignment, BrokerId, ClusterSnapshot, TopicPartition};

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
    let may_lead: Vec<bool> = (0..ids.len()).map(|i| i < brokers.len()).collect();
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
    balance(&mut replicas, &topic_of, topics.len(), &may_lead);
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

/// Balance leaders over dense broker indices; the brokers with `may_lead` set are the ones that
/// should lead, the others (leaving or demoted) should lead nothing.
pub(crate) fn balance(
    replicas: &mut [Vec<usize>],
    topic_of: &[usize],
    nt: usize,
    may_lead: &[bool],
) {
    let nb = may_lead.len();
    let ntarget = may_lead.iter().filter(|&&m| m).count();
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
            may_lead,
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
        may_lead,
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
/// the replica sets allow. Brokers without `may_lead` should lead nothing.
fn balance_subset(
    replicas: &mut [Vec<usize>],
    subset: &[usize],
    may_lead: &[bool],
    lo: usize,
    hi: usize,
    mut guard: Option<&mut TopicGuard<'_>>,
) {
    let nb = may_lead.len();
    let cap = |b: usize| if may_lead[b] { hi } else { 0 };
    let floor = |b: usize| if may_lead[b] { lo } else { 0 };
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

/// Leadership moved off some brokers by reordering replicas, without moving data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Demotion {
    /// The full assignment afterwards: demoted brokers never first, and last in every list, so
    /// later preferred-leader elections (and fail-overs, as far as the others are in sync) keep
    /// leadership away from them.
    #[serde(serialize_with = "super::serialize_assignment")]
    pub target: Assignment,
    /// Partitions whose preferred leader changes.
    pub leader_changes: usize,
    /// Partitions whose new preferred leader is not in sync now: an election cannot move their
    /// leadership until it catches up.
    pub out_of_sync: Vec<TopicPartition>,
}

/// Demote `demoted`: every partition led (preferred) by one of them gets a new preferred leader
/// among its other replicas (in sync first, then the one leading least), and demoted brokers go
/// to the end of every replica list. `isr` gives each partition's in-sync replicas when known.
/// Refused when some partition has no replica outside `demoted`: only moving data could help.
pub fn demote(
    current: &Assignment,
    demoted: &BTreeSet<BrokerId>,
    isr: Option<&BTreeMap<TopicPartition, Vec<BrokerId>>>,
) -> Result<Demotion, PlanError> {
    let blocked: Vec<TopicPartition> = current
        .iter()
        .filter(|(_, r)| !r.is_empty() && r.iter().all(|b| demoted.contains(b)))
        .map(|(tp, _)| tp.clone())
        .collect();
    if !blocked.is_empty() {
        return Err(PlanError::DemoteBlocked {
            total: blocked.len(),
            partitions: blocked.into_iter().take(5).collect(),
        });
    }
    let mut leads = super::leader_counts(current);
    let mut target = Assignment::new();
    let mut out_of_sync = Vec::new();
    for (tp, reps) in current {
        if !reps.iter().any(|b| demoted.contains(b)) {
            target.insert(tp.clone(), reps.clone());
            continue;
        }
        let in_sync = |b: &BrokerId| isr.is_none_or(|m| m.get(tp).is_some_and(|i| i.contains(b)));
        let keep: Vec<BrokerId> = reps
            .iter()
            .copied()
            .filter(|b| !demoted.contains(b))
            .collect();
        let first = reps[0];
        let leader = if demoted.contains(&first) {
            // In sync first, then the broker leading least so far, then list order.
            let chosen = keep
                .iter()
                .enumerate()
                .min_by_key(|(i, b)| (!in_sync(b), leads.get(b).copied().unwrap_or(0), *i))
                .map(|(_, b)| *b)
                .unwrap_or(keep[0]);
            if let Some(n) = leads.get_mut(&first) {
                *n = n.saturating_sub(1);
            }
            *leads.entry(chosen).or_insert(0) += 1;
            chosen
        } else {
            first
        };
        if !in_sync(&leader) {
            out_of_sync.push(tp.clone());
        }
        let mut order = vec![leader];
        order.extend(keep.iter().copied().filter(|&b| b != leader));
        order.extend(reps.iter().copied().filter(|b| demoted.contains(b)));
        target.insert(tp.clone(), order);
    }
    Ok(Demotion {
        leader_changes: super::leader_changes(current, &target),
        target,
        out_of_sync,
    })
}

/// Which election a caller asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ElectionKind {
    /// Move leadership to the first replica where it is in sync.
    Preferred,
    /// Elect any live replica for partitions without a leader, even one out of sync (data loss).
    Unclean,
}

/// The partitions an election should name, and those it should leave, with why.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ElectionTargets {
    pub elect: Vec<TopicPartition>,
    pub skipped: Vec<(TopicPartition, String)>,
}

/// Election targets over the partitions of `snapshot` that `select` accepts.
pub fn election_targets(
    snapshot: &ClusterSnapshot,
    select: impl Fn(&TopicPartition) -> bool,
    kind: ElectionKind,
) -> ElectionTargets {
    let mut out = ElectionTargets::default();
    for (t, p) in snapshot.partitions() {
        let tp = TopicPartition::new(&t.name, p.partition);
        if !select(&tp) {
            continue;
        }
        match kind {
            ElectionKind::Preferred => {
                let Some(&preferred) = p.replicas.first() else {
                    continue;
                };
                if p.leader == Some(preferred) {
                    continue;
                }
                if p.offline_replicas.contains(&preferred) {
                    out.skipped.push((
                        tp,
                        format!("preferred leader {preferred} is offline; start it first"),
                    ));
                } else if !p.isr.contains(&preferred) {
                    out.skipped.push((
                        tp,
                        format!(
                            "preferred leader {preferred} is not in sync (ISR {:?}); wait until it catches up",
                            p.isr
                        ),
                    ));
                } else {
                    out.elect.push(tp);
                }
            }
            ElectionKind::Unclean => {
                if p.leader.is_some() {
                    continue;
                }
                if p.replicas.iter().all(|b| p.offline_replicas.contains(b)) {
                    out.skipped.push((
                        tp,
                        "every replica is offline; start one of its brokers first".to_string(),
                    ));
                } else {
                    out.elect.push(tp);
                }
            }
        }
    }
    out
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

    #[test]
    fn demote_moves_leadership_and_keeps_data() {
        let a: Assignment = [
            (tp("t", 0), vec![1, 2, 3]),
            (tp("t", 1), vec![2, 1, 3]),
            (tp("t", 2), vec![1, 3, 2]),
            (tp("t", 3), vec![3, 2, 4]),
        ]
        .into_iter()
        .collect();
        let d = demote(&a, &[1].into_iter().collect(), None).unwrap();
        for (k, r) in &d.target {
            assert_ne!(r[0], 1, "{k} still led by 1");
            let mut x = r.clone();
            x.sort();
            let mut y = a[k].clone();
            y.sort();
            assert_eq!(x, y, "{k} replica set changed");
            if r.contains(&1) {
                assert_eq!(r.last(), Some(&1), "{k}: demoted broker not last");
            }
        }
        // t-0 and t-2 change leader, spread over 2 and 3 (2 already leads t-1, 3 leads t-3).
        assert_eq!(d.leader_changes, 2);
        let lc = crate::plan::leader_counts(&d.target);
        assert_eq!((lc[&2], lc[&3]), (2, 2));
        assert!(d.out_of_sync.is_empty());
        // Leaders that were not demoted stay: t-1 keeps 2 first.
        assert_eq!(d.target[&tp("t", 1)], vec![2, 3, 1]);
    }

    #[test]
    fn demote_prefers_in_sync_and_refuses_when_only_demoted_hold_a_partition() {
        let a: Assignment = [(tp("t", 0), vec![1, 2, 3])].into_iter().collect();
        let isr: BTreeMap<TopicPartition, Vec<BrokerId>> =
            [(tp("t", 0), vec![1, 3])].into_iter().collect();
        let d = demote(&a, &[1].into_iter().collect(), Some(&isr)).unwrap();
        assert_eq!(d.target[&tp("t", 0)], vec![3, 2, 1]);
        let isr2: BTreeMap<TopicPartition, Vec<BrokerId>> =
            [(tp("t", 0), vec![1])].into_iter().collect();
        let d = demote(&a, &[1].into_iter().collect(), Some(&isr2)).unwrap();
        assert_eq!(d.out_of_sync, vec![tp("t", 0)]);
        let e = demote(&a, &[1, 2, 3].into_iter().collect(), None).unwrap_err();
        assert!(matches!(e, PlanError::DemoteBlocked { total: 1, .. }));
        let err: crate::error::Error = e.into();
        assert_eq!(err.exit_status(), crate::error::ExitStatus::Refused);
        assert!(err.to_string().contains("t-0"), "{err}");
    }

    #[test]
    fn election_targets_skip_what_cannot_be_elected() {
        use crate::model::{PartitionState, TopicState};
        let part = |p: i32, leader: Option<i32>, replicas: &[i32], isr: &[i32], off: &[i32]| {
            PartitionState {
                partition: p,
                leader,
                replicas: replicas.to_vec(),
                isr: isr.to_vec(),
                offline_replicas: off.to_vec(),
            }
        };
        let snap = ClusterSnapshot {
            topics: vec![TopicState {
                name: "t".into(),
                internal: false,
                partitions: vec![
                    part(0, Some(1), &[1, 2], &[1, 2], &[]),
                    part(1, Some(2), &[1, 2], &[1, 2], &[]),
                    part(2, Some(2), &[1, 2], &[2], &[]),
                    part(3, None, &[1, 2], &[], &[1]),
                    part(4, None, &[1, 2], &[], &[1, 2]),
                ],
            }],
            ..Default::default()
        };
        let pref = election_targets(&snap, |_| true, ElectionKind::Preferred);
        assert_eq!(pref.elect, vec![tp("t", 1)]);
        let skipped: Vec<_> = pref.skipped.iter().map(|(t, _)| t.clone()).collect();
        assert_eq!(skipped, vec![tp("t", 2), tp("t", 3), tp("t", 4)]);
        let only = election_targets(&snap, |t| t.partition == 0, ElectionKind::Preferred);
        assert!(only.elect.is_empty() && only.skipped.is_empty());
        let unclean = election_targets(&snap, |_| true, ElectionKind::Unclean);
        assert_eq!(unclean.elect, vec![tp("t", 3)]);
        assert_eq!(unclean.skipped.len(), 1);
    }
}
