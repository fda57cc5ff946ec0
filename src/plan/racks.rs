//! The rack rule: a partition's replicas spread over the racks as evenly as the target brokers
//! allow.
//!
//! With `n_r` target brokers in rack `r`, a partition of replication factor `rf` holds in rack
//! `r` at most `min(cap, n_r)` and at least `min(floor, n_r)` replicas, where `cap` is the
//! smallest `c` with `Σ_r min(c, n_r) ≥ rf` and `floor` the largest `f ≤ cap` with
//! `Σ_r min(f, n_r) ≤ rf`. With every rack deep enough that is `⌊rf/racks⌋..⌈rf/racks⌉` per rack
//! (one per rack when `rf` equals the number of racks, at most one when it is smaller). The
//! bounds never ask for more than the racks can hold, so a rack-safe home for any single replica
//! always exists. Each replica above a rack's ceiling or missing below its floor is a rack
//! violation; replicas still on leaving brokers (outside the target racks) may yet fill the
//! missing ones and do not count as missing.
//!
//! Racks apply when any target broker has one; brokers without a rack then form one group of
//! their own. A leaving broker whose rack is not a target rack counts in no rack.

use std::collections::BTreeMap;

use super::BrokerSpec;

/// Rack indices and per-rack capacity of a broker layout.
#[derive(Debug, Clone)]
pub(crate) struct Racks {
    /// False when no target broker has a rack: then the rule never binds.
    pub racked: bool,
    /// Rack index per dense broker index (targets first, then leaving brokers).
    pub rack_of: Vec<usize>,
    /// Target brokers per rack index (0 for racks only leaving brokers are in).
    pub brokers_in: Vec<usize>,
    /// Rack names by index; None for the group of brokers without a rack.
    pub names: Vec<Option<String>>,
    /// Racks that hold target brokers: indices 0..target_racks.
    pub target_racks: usize,
    /// (floor, cap) per replication factor.
    bounds_by_rf: Vec<(usize, usize)>,
}

impl Racks {
    /// `targets` then `leaving`, in dense index order.
    pub fn new(targets: &[BrokerSpec], leaving: &[BrokerSpec], max_rf: usize) -> Racks {
        let racked = targets.iter().any(|b| b.rack.is_some());
        let mut names: Vec<Option<String>> = Vec::new();
        let mut index: BTreeMap<Option<&str>, usize> = BTreeMap::new();
        if racked {
            // Target racks in name order, the rack-less group (if any) last.
            let mut keys: Vec<Option<&str>> = targets.iter().map(|b| b.rack.as_deref()).collect();
            keys.sort_by_key(|k| (k.is_none(), *k));
            keys.dedup();
            for k in keys {
                index.insert(k, names.len());
                names.push(k.map(str::to_string));
            }
        } else {
            index.insert(None, 0);
            names.push(None);
        }
        let target_racks = names.len();
        let mut rack_of = Vec::with_capacity(targets.len() + leaving.len());
        let mut brokers_in = vec![0usize; target_racks];
        for b in targets {
            let key = if racked { b.rack.as_deref() } else { None };
            let r = index.get(&key).copied().unwrap_or(0);
            brokers_in[r] += 1;
            rack_of.push(r);
        }
        for b in leaving {
            let key = if racked { b.rack.as_deref() } else { None };
            let r = match index.get(&key) {
                Some(&r) => r,
                None => {
                    // A rack no target broker is in: an index of its own, holding no capacity.
                    let r = names.len();
                    names.push(b.rack.clone());
                    brokers_in.push(0);
                    if let Some(name) = &b.rack {
                        index.insert(Some(name.as_str()), r);
                    }
                    r
                }
            };
            rack_of.push(r);
        }
        let mut racks = Racks {
            racked,
            rack_of,
            brokers_in,
            names,
            target_racks,
            bounds_by_rf: Vec::new(),
        };
        racks.bounds_by_rf = (0..=max_rf)
            .map(|rf| {
                let cap = racks.compute_cap(rf);
                (racks.compute_floor(rf, cap), cap)
            })
            .collect();
        racks
    }

    fn compute_cap(&self, rf: usize) -> usize {
        let deepest = self.brokers_in[..self.target_racks]
            .iter()
            .copied()
            .max()
            .unwrap_or(0);
        (1..=deepest.max(1))
            .find(|&c| self.room(c) >= rf)
            .unwrap_or(deepest.max(1))
    }

    fn compute_floor(&self, rf: usize, cap: usize) -> usize {
        (0..=cap).rev().find(|&f| self.room(f) <= rf).unwrap_or(0)
    }

    /// Replicas the target racks can take with at most `c` per rack.
    fn room(&self, c: usize) -> usize {
        self.brokers_in[..self.target_racks]
            .iter()
            .map(|&n| n.min(c))
            .sum()
    }

    fn bounds(&self, rf: usize) -> (usize, usize) {
        match self.bounds_by_rf.get(rf) {
            Some(&b) => b,
            None => {
                let cap = self.compute_cap(rf);
                (self.compute_floor(rf, cap), cap)
            }
        }
    }

    /// The most replicas of a partition of replication factor `rf` target rack `r` may hold.
    pub fn max_in(&self, rf: usize, r: usize) -> usize {
        if !self.racked {
            return rf;
        }
        self.bounds(rf).1.min(self.brokers_in[r])
    }

    /// The fewest replicas of a partition of replication factor `rf` target rack `r` must hold.
    pub fn min_in(&self, rf: usize, r: usize) -> usize {
        if !self.racked {
            return rf;
        }
        self.bounds(rf).0.min(self.brokers_in[r])
    }

    /// The fewest replicas rack `r` must hold counting what the other racks can take: at least
    /// its floor, and whatever the others' ceilings leave over.
    pub fn forced_in(&self, rf: usize, r: usize) -> usize {
        if !self.racked {
            return rf;
        }
        let others: usize = (0..self.target_racks)
            .filter(|&x| x != r)
            .map(|x| self.max_in(rf, x))
            .sum();
        self.min_in(rf, r).max(rf.saturating_sub(others))
    }

    /// The most replicas rack `r` can hold given what the other racks must hold.
    pub fn allowed_in(&self, rf: usize, r: usize) -> usize {
        if !self.racked {
            return rf;
        }
        let others: usize = (0..self.target_racks)
            .filter(|&x| x != r)
            .map(|x| self.min_in(rf, x))
            .sum();
        self.max_in(rf, r).min(rf.saturating_sub(others))
    }

    /// Replicas above a rack's ceiling, replicas missing below a rack's floor, and replicas
    /// outside the target racks, for one replica list.
    fn tally(&self, replicas: &[usize]) -> (usize, usize, usize) {
        let rf = replicas.len();
        let mut per = [0usize; 16];
        let mut wide: Vec<usize> = Vec::new();
        let counts: &mut [usize] = if self.target_racks <= per.len() {
            &mut per[..self.target_racks]
        } else {
            wide.resize(self.target_racks, 0);
            &mut wide
        };
        let mut outside = 0;
        for &b in replicas {
            let r = self.rack_of[b];
            if r < self.target_racks {
                counts[r] += 1;
            } else {
                outside += 1;
            }
        }
        let (mut over, mut under) = (0, 0);
        for (r, &x) in counts.iter().enumerate() {
            over += x.saturating_sub(self.max_in(rf, r));
            under += self.min_in(rf, r).saturating_sub(x);
        }
        (over, under, outside)
    }

    /// Rack violations of one replica list: replicas above a rack's ceiling, plus replicas
    /// missing below a rack's floor that replicas outside the target racks cannot still fill.
    pub fn violation(&self, replicas: &[usize]) -> usize {
        if !self.racked {
            return 0;
        }
        let (over, under, outside) = self.tally(replicas);
        over + under.saturating_sub(outside)
    }

    /// The fewest replica moves that leave this list evenly spread: each move takes one
    /// replica out of one rack and into another.
    pub fn moves_to_heal(&self, replicas: &[usize]) -> usize {
        if !self.racked {
            return 0;
        }
        let (over, under, _) = self.tally(replicas);
        over.max(under)
    }

    /// Replicas of `replicas` in rack `r`.
    pub fn in_rack(&self, replicas: &[usize], r: usize) -> usize {
        replicas.iter().filter(|&&b| self.rack_of[b] == r).count()
    }

    /// May a replica of `replicas` move from broker `from` to target broker `to` without adding
    /// a violation? Moves within one rack never change the spread.
    pub fn allows(&self, replicas: &[usize], from: usize, to: usize) -> bool {
        if !self.racked || self.rack_of[to] == self.rack_of[from] {
            return true;
        }
        self.moved_violation(replicas, from, to) <= self.violation(replicas)
    }

    /// The violation count after moving the replica on `from` to `to`.
    pub fn moved_violation(&self, replicas: &[usize], from: usize, to: usize) -> usize {
        let mut after = [0usize; 8];
        if replicas.len() <= after.len() {
            for (i, &b) in replicas.iter().enumerate() {
                after[i] = if b == from { to } else { b };
            }
            self.violation(&after[..replicas.len()])
        } else {
            let v: Vec<usize> = replicas
                .iter()
                .map(|&b| if b == from { to } else { b })
                .collect();
            self.violation(&v)
        }
    }

    /// A printable rack name.
    pub fn name(&self, r: usize) -> String {
        match self.names.get(r) {
            Some(Some(n)) => n.clone(),
            _ => "(no rack)".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn specs(racks: &[&str]) -> Vec<BrokerSpec> {
        racks
            .iter()
            .enumerate()
            .map(|(i, r)| BrokerSpec::new(i as i32 + 1, Some(r)))
            .collect()
    }

    #[test]
    fn bounds_follow_the_shallowest_racks() {
        // Racks a:2, b:2, c:1 (a drain left rack c short).
        let r = Racks::new(&specs(&["a", "a", "b", "b", "c"]), &[], 5);
        for rf in 1..=3 {
            assert_eq!(
                (0..3).map(|x| r.max_in(rf, x)).collect::<Vec<_>>(),
                [1, 1, 1]
            );
        }
        assert_eq!(
            (0..3).map(|x| r.min_in(3, x)).collect::<Vec<_>>(),
            [1, 1, 1]
        );
        assert_eq!(
            (0..3).map(|x| r.min_in(2, x)).collect::<Vec<_>>(),
            [0, 0, 0]
        );
        // RF 4: at most 2 per rack, at least 1 in each: 2+1+1 or 1+2+1, never 2+2+0.
        assert_eq!(
            (0..3).map(|x| r.max_in(4, x)).collect::<Vec<_>>(),
            [2, 2, 1]
        );
        assert_eq!(
            (0..3).map(|x| r.min_in(4, x)).collect::<Vec<_>>(),
            [1, 1, 1]
        );
        assert_eq!(r.violation(&[0, 1, 2, 3]), 1);
        assert_eq!(r.violation(&[0, 1, 2, 4]), 0);
        // RF 3: c must hold one of every partition.
        assert_eq!(r.forced_in(3, 2), 1);
        assert_eq!(r.forced_in(2, 2), 0);
        // RF 5 over 2+2+1: every broker holds one.
        assert_eq!((r.forced_in(5, 0), r.forced_in(5, 2)), (2, 1));
        assert_eq!(r.allowed_in(5, 0), 2);
    }

    #[test]
    fn unequal_racks_allow_above_the_even_split() {
        // RF 4 over racks of 3 and 1 brokers: at most one in b, so a takes 3.
        let r = Racks::new(&specs(&["a", "a", "a", "b"]), &[], 4);
        assert_eq!((r.max_in(4, 0), r.max_in(4, 1)), (3, 1));
        assert_eq!(r.forced_in(4, 0), 3);
        assert_eq!(r.violation(&[0, 1, 2, 3]), 0);
        // RF 2: one in each rack.
        assert_eq!(r.violation(&[0, 1]), 2);
        assert_eq!(r.violation(&[0, 3]), 0);
        assert!(r.allows(&[0, 1], 1, 3));
        assert!(!r.allows(&[0, 3], 3, 1));
    }

    #[test]
    fn seven_over_three_even_racks_is_three_two_two() {
        let r = Racks::new(
            &specs(&["a", "a", "a", "b", "b", "b", "c", "c", "c"]),
            &[],
            7,
        );
        assert_eq!((r.min_in(7, 0), r.max_in(7, 0)), (2, 3));
        // 3+3+1 leaves rack c a replica short.
        assert_eq!(r.violation(&[0, 1, 2, 3, 4, 5, 6]), 1);
        assert_eq!(r.violation(&[0, 1, 2, 3, 4, 6, 7]), 0);
    }

    #[test]
    fn rackless_clusters_never_bind() {
        let t = vec![BrokerSpec::new(1, None), BrokerSpec::new(2, None)];
        let r = Racks::new(&t, &[BrokerSpec::new(3, None)], 2);
        assert!(!r.racked);
        assert_eq!(r.violation(&[0, 1]), 0);
        assert!(r.allows(&[0, 2], 2, 1));
    }

    #[test]
    fn leaving_brokers_in_unknown_racks_count_nowhere() {
        let t = specs(&["a", "a", "b"]);
        let l = vec![BrokerSpec::new(9, Some("z")), BrokerSpec::new(8, None)];
        let r = Racks::new(&t, &l, 2);
        assert_eq!(r.rack_of, vec![0, 0, 1, 2, 3]);
        assert_eq!(r.target_racks, 2);
        // Replicas on leaving broker 9 (index 3) and broker 1 (rack a): the one on 9 may go to
        // rack b, not to the other rack-a broker.
        assert!(r.allows(&[3, 0], 3, 2));
        assert!(!r.allows(&[3, 0], 3, 1));
        assert_eq!(r.violation(&[3, 4]), 0);
        assert_eq!(r.name(4), "(no rack)");
    }
}
