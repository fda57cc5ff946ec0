//! The placement engine: dense indices, one replica move at a time.
//!
//! Phases, in the order of the plan model's priorities:
//! 1. [`Engine::evacuate`]: every replica on a leaving broker goes to the target broker that needs
//!    it most among those the rack rule allows. Such a broker always exists (see `racks`), so a
//!    drain never fails while the replication factor fits the remaining brokers.
//! 2. [`Engine::heal`]: replicas above their rack's cap move to racks below it.
//! 3. [`Engine::disk_phase`] (balance `disk`): bytes from brokers above their tolerance band to
//!    brokers below it, each replica chosen to fit what both ends need (and, while counts are off
//!    too, near the bytes-per-replica they need), never pushing a broker out of its band.
//! 4. [`Engine::count_phase`]: replica counts into their ⌊⌋..⌈⌉ ranges, smallest replicas first
//!    (under `disk`, only moves that keep every broker's band distance from growing).
//!
//! Every move keeps the rack rule: it either stays within a rack or goes to a rack below its cap.

use std::collections::{BTreeMap, BTreeSet};

use super::racks::Racks;
use super::targets::Targets;

/// Candidates looked at per search before giving up on a broker pair.
const SCAN: usize = 96;

/// Replicas summed exactly when estimating what a broker's smallest replicas add up to.
const SMALLEST_EXACT: usize = 256;

/// Broker tables beyond this many (broker, topic) cells skip per-topic tie-breaks.
const TOPIC_TABLE_LIMIT: usize = 20_000_000;

/// One step of the disk phase.
enum Step {
    /// A replica from the donor to the receiver.
    Move(usize),
    /// The first from the donor to the receiver, the second back.
    Swap(usize, usize),
}

/// How the count phase chooses the replica a donor hands a receiver.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Choice {
    /// The smallest (balance `count`): the fewest bytes for the count.
    Smallest,
    /// Sized to the donor's bytes surplus per replica it must give, within what the receiver
    /// has room for (balance `disk`, first pass): counts and bytes move together.
    Sized,
    /// The smallest that takes neither broker further from its tolerance band (balance `disk`,
    /// last pass).
    KeepBands,
}

pub(crate) struct Engine<'a> {
    pub racks: &'a Racks,
    pub nb: usize,
    pub ntarget: usize,
    pub nt: usize,
    pub topic_of: Vec<usize>,
    /// Replica lists over dense broker indices; order kept (the first is the preferred leader).
    pub reps: Vec<Vec<usize>>,
    /// Bytes of each replica slot: the reported log, or the copy size once moved.
    pub slot: Vec<Vec<u64>>,
    /// Bytes a new copy of each partition takes.
    pub w: Vec<u64>,
    /// Whether sizes are known (selection by size) or not (selection by topic spread).
    pub sized: bool,
    pub count: Vec<usize>,
    pub disk: Vec<i128>,
    /// Sized: per broker, its partitions by copy size.
    by_size: Vec<BTreeSet<(u64, u32)>>,
    /// Unsized: per broker, topic → partitions it holds.
    by_topic: Vec<BTreeMap<usize, BTreeSet<u32>>>,
    /// Replicas per (broker, topic), when the table is small enough: `tcount[b * nt + t]`.
    tcount: Vec<u32>,
    /// Rack-rule excess removed by healing, and the bytes those moves copy.
    pub healed: usize,
    pub healed_bytes: u128,
    /// Bytes copied by the moves so far, and how far moves made for replica counts alone (under
    /// balance `disk`) may take that.
    pub spent: u128,
    pub count_budget: u128,
}

/// Why a leaving broker could not be emptied (the rack rule and replica sets left no home).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stuck {
    pub partition: usize,
    pub broker: usize,
}

impl<'a> Engine<'a> {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        racks: &'a Racks,
        nb: usize,
        ntarget: usize,
        nt: usize,
        topic_of: Vec<usize>,
        reps: Vec<Vec<usize>>,
        slot: Vec<Vec<u64>>,
        w: Vec<u64>,
        sized: bool,
    ) -> Self {
        let mut e = Engine {
            racks,
            nb,
            ntarget,
            nt,
            topic_of,
            count: vec![0; nb],
            disk: vec![0; nb],
            by_size: if sized {
                vec![BTreeSet::new(); nb]
            } else {
                Vec::new()
            },
            by_topic: if sized {
                Vec::new()
            } else {
                vec![BTreeMap::new(); nb]
            },
            tcount: if nb.saturating_mul(nt) <= TOPIC_TABLE_LIMIT {
                vec![0; nb * nt]
            } else {
                Vec::new()
            },
            reps,
            slot,
            w,
            sized,
            healed: 0,
            healed_bytes: 0,
            spent: 0,
            count_budget: u128::MAX,
        };
        for p in 0..e.reps.len() {
            let t = e.topic_of[p];
            for i in 0..e.reps[p].len() {
                let b = e.reps[p][i];
                e.count[b] += 1;
                e.disk[b] += i128::from(e.slot[p][i]);
                e.index_add(b, p, t);
            }
        }
        e
    }

    fn index_add(&mut self, b: usize, p: usize, t: usize) {
        if self.sized {
            self.by_size[b].insert((self.w[p], p as u32));
        } else {
            self.by_topic[b].entry(t).or_default().insert(p as u32);
        }
        if !self.tcount.is_empty() {
            self.tcount[b * self.nt + t] += 1;
        }
    }

    fn index_remove(&mut self, b: usize, p: usize, t: usize) {
        if self.sized {
            self.by_size[b].remove(&(self.w[p], p as u32));
        } else if let Some(set) = self.by_topic[b].get_mut(&t) {
            set.remove(&(p as u32));
            if set.is_empty() {
                self.by_topic[b].remove(&t);
            }
        }
        if !self.tcount.is_empty() {
            self.tcount[b * self.nt + t] -= 1;
        }
    }

    /// Move the replica of `p` on `from` to `to`; it takes the mover's place in the list.
    pub fn apply(&mut self, p: usize, from: usize, to: usize) {
        let Some(i) = self.reps[p].iter().position(|&b| b == from) else {
            return;
        };
        let t = self.topic_of[p];
        self.reps[p][i] = to;
        let old = std::mem::replace(&mut self.slot[p][i], self.w[p]);
        self.count[from] -= 1;
        self.count[to] += 1;
        self.disk[from] -= i128::from(old);
        self.disk[to] += i128::from(self.w[p]);
        self.index_remove(from, p, t);
        self.index_add(to, p, t);
        self.spent += u128::from(self.w[p]);
    }

    /// About the bytes of the `k` smallest replicas on `b`: exact up to `SMALLEST_EXACT`, scaled
    /// from those beyond (an estimate that errs low, enough for a reserve).
    fn smallest_sum(&self, b: usize, k: usize) -> i128 {
        let exact = k.min(SMALLEST_EXACT);
        let (mut sum, mut n) = (0i128, 0usize);
        for &(w, _) in self.by_size[b].iter().take(exact) {
            sum += i128::from(w);
            n += 1;
        }
        if n == 0 || k <= n {
            return sum;
        }
        sum * k as i128 / n as i128
    }

    /// May a move made for replica counts alone copy `bytes` more?
    fn affordable(&self, bytes: u64) -> bool {
        self.spent.saturating_add(u128::from(bytes)) <= self.count_budget
    }

    /// Bytes the replica of `p` on `b` holds now.
    fn slot_of(&self, p: usize, b: usize) -> u64 {
        self.reps[p]
            .iter()
            .position(|&x| x == b)
            .map_or(0, |i| self.slot[p][i])
    }

    fn feasible(&self, p: usize, from: usize, to: usize) -> bool {
        !self.reps[p].contains(&to) && self.racks.allows(&self.reps[p], from, to)
    }

    fn topic_gap(&self, p: usize, d: usize, r: usize) -> i64 {
        if self.tcount.is_empty() {
            return 0;
        }
        let t = self.topic_of[p];
        i64::from(self.tcount[d * self.nt + t]) - i64::from(self.tcount[r * self.nt + t])
    }

    /// Partitions currently on broker `b`.
    fn held(&self, b: usize) -> Vec<usize> {
        if self.sized {
            self.by_size[b].iter().map(|&(_, p)| p as usize).collect()
        } else {
            self.by_topic[b]
                .values()
                .flat_map(|s| s.iter().map(|&p| p as usize))
                .collect()
        }
    }

    /// Unsized choice: from the topic where the donor holds most more than the receiver (keeps
    /// topics spread), followers before leaders.
    fn pick_by_topic(&self, d: usize, r: usize, ok: &dyn Fn(usize) -> bool) -> Option<usize> {
        let mut best: Option<(i64, usize)> = None;
        for (&t, parts) in &self.by_topic[d] {
            let gap = if self.tcount.is_empty() {
                0
            } else {
                i64::from(self.tcount[d * self.nt + t]) - i64::from(self.tcount[r * self.nt + t])
            };
            if best.is_some_and(|(g, _)| gap <= g) {
                continue;
            }
            let mut leader_choice = None;
            let mut found = None;
            for &p in parts {
                let p = p as usize;
                if self.feasible(p, d, r) && ok(p) {
                    if self.reps[p].first() != Some(&d) {
                        found = Some(p);
                        break;
                    }
                    if leader_choice.is_none() {
                        leader_choice = Some(p);
                    }
                }
            }
            if let Some(p) = found.or(leader_choice) {
                best = Some((gap, p));
            }
        }
        best.map(|(_, p)| p)
    }

    /// The smallest movable replica of `d` for `r` (ties: the topic `d` holds most more of).
    fn pick_smallest(&self, d: usize, r: usize, ok: &dyn Fn(usize) -> bool) -> Option<usize> {
        if !self.sized {
            return self.pick_by_topic(d, r, ok);
        }
        let mut best: Option<(u64, i64, usize)> = None;
        for &(w, p) in self.by_size[d].iter().take(SCAN) {
            if best.is_some_and(|(bw, _, _)| w > bw) {
                break;
            }
            let p = p as usize;
            if !self.feasible(p, d, r) || !ok(p) {
                continue;
            }
            let gap = self.topic_gap(p, d, r);
            if best.is_none_or(|(_, g, _)| gap > g) {
                best = Some((w, gap, p));
            }
        }
        best.map(|(_, _, p)| p)
    }

    /// A movable replica of `d` for `r` with a copy size as close to `want` as possible and at
    /// most `max`.
    fn pick_near(
        &self,
        d: usize,
        r: usize,
        want: u64,
        max: u64,
        ok: &dyn Fn(usize) -> bool,
    ) -> Option<usize> {
        let set = &self.by_size[d];
        let want = want.min(max);
        let down = set
            .range(..=(want, u32::MAX))
            .rev()
            .take(SCAN)
            .find(|&&(_, p)| self.feasible(p as usize, d, r) && ok(p as usize))
            .copied();
        let up = set
            .range((want, u32::MAX)..)
            .take(SCAN)
            .take_while(|&&(w, _)| w <= max)
            .find(|&&(_, p)| self.feasible(p as usize, d, r) && ok(p as usize))
            .copied();
        match (down, up) {
            (Some(a), Some(b)) if b.0 - want < want - a.0 => Some(b.1 as usize),
            (Some(a), _) => Some(a.1 as usize),
            (None, Some(b)) => Some(b.1 as usize),
            (None, None) => None,
        }
    }

    /// How much target broker `b` still needs: bytes below its target (disk) or replicas below
    /// its exact count target (count), the other as tie-break.
    fn need(&self, t: &Targets, b: usize, disk_first: bool) -> (f64, i64) {
        let bytes = t.bytes[b] - self.disk[b] as f64;
        let count = t.count_exact[b] as i64 - self.count[b] as i64;
        if disk_first {
            (bytes, count)
        } else {
            (count as f64, bytes.round() as i64)
        }
    }

    /// The target broker that needs a replica of `p` (now on `from`) most, among those the rack
    /// rule and the replica set allow. By count, a broker below its target holding the fewest
    /// of the partition's topic comes first (keeps topics spread).
    fn best_home(&self, t: &Targets, p: usize, from: usize, disk_first: bool) -> Option<usize> {
        let topic = self.topic_of[p];
        let mut best: Option<((bool, i64, f64, i64), usize)> = None;
        for r in 0..self.ntarget {
            if !self.feasible(p, from, r) {
                continue;
            }
            let n = self.need(t, r, disk_first);
            let key = if disk_first || self.tcount.is_empty() {
                (true, 0, n.0, n.1)
            } else {
                (
                    n.0 > 0.0,
                    -i64::from(self.tcount[r * self.nt + topic]),
                    n.0,
                    n.1,
                )
            };
            let better = match &best {
                None => true,
                Some((k, _)) => {
                    (key.0, key.1) > (k.0, k.1)
                        || ((key.0, key.1) == (k.0, k.1)
                            && (key.2 > k.2 || (key.2 == k.2 && key.3 > k.3)))
                }
            };
            if better {
                best = Some((key, r));
            }
        }
        best.map(|(_, r)| r)
    }

    /// Move every replica off the leaving brokers: those with the fewest possible homes first,
    /// then the largest.
    pub fn evacuate(&mut self, t: &Targets, disk_first: bool) -> Result<(), Stuck> {
        for b in self.ntarget..self.nb {
            let mut parts: Vec<(usize, u64, usize)> = self
                .held(b)
                .into_iter()
                .map(|p| {
                    let homes = (0..self.ntarget)
                        .filter(|&r| self.feasible(p, b, r))
                        .count();
                    (homes, u64::MAX - self.w[p], p)
                })
                .collect();
            parts.sort_unstable();
            let parts: Vec<usize> = parts.into_iter().map(|(_, _, p)| p).collect();
            for p in parts {
                let Some(r) = self.best_home(t, p, b, disk_first) else {
                    return Err(Stuck {
                        partition: p,
                        broker: b,
                    });
                };
                self.apply(p, b, r);
            }
        }
        Ok(())
    }

    /// Heal rack violations: while a partition breaks the rule, move one of its replicas (from
    /// the most loaded holder first) to the neediest broker where that lowers the violation.
    /// Such a move always exists (see `racks`).
    pub fn heal(&mut self, t: &Targets, disk_first: bool) {
        if !self.racks.racked {
            return;
        }
        for p in 0..self.reps.len() {
            let mut guard = self.reps[p].len() * 4 + 4;
            loop {
                let v = self.racks.violation(&self.reps[p]);
                if v == 0 || guard == 0 {
                    break;
                }
                guard -= 1;
                let mut froms: Vec<usize> = self.reps[p]
                    .iter()
                    .copied()
                    .filter(|&b| b < self.ntarget)
                    .collect();
                froms.sort_by(|&a, &b| {
                    let na = self.need(t, a, disk_first);
                    let nb = self.need(t, b, disk_first);
                    na.0.total_cmp(&nb.0).then(na.1.cmp(&nb.1)).then(a.cmp(&b))
                });
                let mut step = None;
                'from: for from in froms {
                    let mut best: Option<((f64, i64), usize)> = None;
                    for r in 0..self.ntarget {
                        if self.reps[p].contains(&r)
                            || self.racks.moved_violation(&self.reps[p], from, r) >= v
                        {
                            continue;
                        }
                        let n = self.need(t, r, disk_first);
                        if best.is_none_or(|(bn, _)| n.0 > bn.0 || (n.0 == bn.0 && n.1 > bn.1)) {
                            best = Some((n, r));
                        }
                    }
                    if let Some((_, r)) = best {
                        step = Some((from, r));
                        break 'from;
                    }
                }
                let Some((from, to)) = step else { break };
                self.apply(p, from, to);
                self.healed += 1;
                self.healed_bytes += u128::from(self.w[p]);
            }
        }
    }

    /// Bring every target broker's bytes into its tolerance band and its replica count into its
    /// range, bytes first: each move must lower the total band distance, or keep it and lower
    /// the total count distance. Replicas are chosen to fit what both ends need: a donor with
    /// bytes to shed and replicas to give hands over replicas near its bytes-per-replica need;
    /// a donor short of bytes gives its smallest.
    pub fn disk_phase(&mut self, t: &Targets) {
        let nt = self.ntarget;
        let total: usize = self.count.iter().sum();
        let mut budget = total.saturating_mul(4).saturating_add(1000);
        while budget > 0 {
            budget -= 1;
            let needy = |e: &Self, b: usize| {
                t.band_distance(b, e.disk[b]) > 0 || t.count_distance(b, e.count[b]) > 0
            };
            if !(0..nt).any(|b| needy(self, b)) {
                break;
            }
            // Donors: most bytes above the band, then most replicas above the range, then most
            // above the bytes target. Receivers: the mirror image.
            let mut donors: Vec<usize> = (0..nt).collect();
            donors.sort_by(|&a, &b| {
                let ka = self.donor_key(t, a);
                let kb = self.donor_key(t, b);
                kb.partial_cmp(&ka)
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then(a.cmp(&b))
            });
            let mut recvs: Vec<usize> = (0..nt).collect();
            recvs.sort_by(|&a, &b| {
                let ka = self.receiver_key(t, a);
                let kb = self.receiver_key(t, b);
                kb.partial_cmp(&ka)
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then(a.cmp(&b))
            });
            let mut moved = false;
            'pairs: for &d in &donors {
                let d_over = self.disk[d] > t.band_hi[d] || self.count[d] > t.count_hi[d];
                for &r in &recvs {
                    if d == r {
                        continue;
                    }
                    let r_under = self.disk[r] < t.band_lo[r] || self.count[r] < t.count_lo[r];
                    // Without an excess on one side or a need on the other no move helps.
                    if !d_over && !r_under {
                        continue;
                    }
                    match self.disk_choice(t, d, r) {
                        Some(Step::Move(p)) => self.apply(p, d, r),
                        Some(Step::Swap(p, q)) => {
                            self.apply(p, d, r);
                            self.apply(q, r, d);
                        }
                        None => continue,
                    }
                    moved = true;
                    break 'pairs;
                }
            }
            if !moved {
                break;
            }
        }
    }

    fn donor_key(&self, t: &Targets, b: usize) -> (i128, i64, f64) {
        (
            (self.disk[b] - t.band_hi[b]).max(0),
            self.count[b] as i64 - t.count_hi[b] as i64,
            self.disk[b] as f64 - t.bytes[b],
        )
    }

    fn receiver_key(&self, t: &Targets, b: usize) -> (i128, i64, f64) {
        (
            (t.band_lo[b] - self.disk[b]).max(0),
            t.count_lo[b] as i64 - self.count[b] as i64,
            t.bytes[b] - self.disk[b] as f64,
        )
    }

    /// Would moving `p` from `d` to `r` lower (band distance, count distance) over both?
    fn improves(&self, t: &Targets, p: usize, d: usize, r: usize) -> bool {
        let out = i128::from(self.slot_of(p, d));
        let inn = i128::from(self.w[p]);
        let bands = t.band_distance(d, self.disk[d] - out) + t.band_distance(r, self.disk[r] + inn)
            - t.band_distance(d, self.disk[d])
            - t.band_distance(r, self.disk[r]);
        if bands != 0 {
            return bands < 0;
        }
        let counts =
            t.count_distance(d, self.count[d] - 1) + t.count_distance(r, self.count[r] + 1);
        counts < t.count_distance(d, self.count[d]) + t.count_distance(r, self.count[r])
    }

    /// What `d` should hand `r` next, or None when nothing helps.
    fn disk_choice(&self, t: &Targets, d: usize, r: usize) -> Option<Step> {
        let (dd, dr) = (self.disk[d], self.disk[r]);
        let d_must = dd - t.band_hi[d];
        let d_may = dd - t.band_lo[d];
        let r_must = t.band_lo[r] - dr;
        let r_may = t.band_hi[r] - dr;
        let ok = |p: usize| self.improves(t, p, d, r);
        let room = d_may.min(r_may);
        let goal = d_must.max(r_must).min(room);
        if goal <= 0 {
            // Nothing to shift in bytes between these two: a replica count, as cheaply as can be.
            return self.pick_smallest(d, r, &ok).map(Step::Move);
        }
        let clamp = |x: i128| u64::try_from(x.max(0)).unwrap_or(u64::MAX);
        let counts_free = self.count[d] > t.count_lo[d] && self.count[r] < t.count_hi[r];
        if !counts_free {
            // A single move would push a count out of its range: trade a replica of about the
            // goal for the smallest one `r` can hand back, which keeps both counts.
            if let Some(step) = self.swap_choice(t, d, r, goal) {
                return Some(step);
            }
            return self
                .pick_near(d, r, clamp(goal), clamp(room), &ok)
                .or_else(|| self.pick_smallest(d, r, &ok))
                .map(Step::Move);
        }
        // Shed `goal` bytes in as many replicas as the counts also need moved, and leave the
        // receiver room for the replicas it still needs: take the largest replica that leaves,
        // on both sides, room for the rest to be the donor's smallest.
        let give = self.count[d] - t.count_lo[d];
        let take = t.count_hi[r] - self.count[r];
        let items = give.min(take).max(1);
        let want = (goal - self.smallest_sum(d, items - 1))
            .min(r_may - self.smallest_sum(d, take.saturating_sub(1)));
        if want <= 0 {
            return self.pick_smallest(d, r, &ok).map(Step::Move);
        }
        self.pick_near(d, r, clamp(want), clamp(room), &ok)
            .or_else(|| self.pick_smallest(d, r, &ok))
            .map(Step::Move)
    }

    /// A replica of `d` for `r` and one of `r` for `d` whose exchange lowers the band distance
    /// of the two: `r` gives its smallest movable replica, `d` the largest up to `goal` plus it.
    fn swap_choice(&self, t: &Targets, d: usize, r: usize, goal: i128) -> Option<Step> {
        let q = self.by_size[r]
            .iter()
            .take(SCAN)
            .map(|&(_, q)| q as usize)
            .find(|&q| self.feasible(q, r, d))?;
        let back = i128::from(self.w[q]);
        let q_out = i128::from(self.slot_of(q, r));
        let before = t.band_distance(d, self.disk[d]) + t.band_distance(r, self.disk[r]);
        let ok = |p: usize| {
            let after_d = self.disk[d] - i128::from(self.slot_of(p, d)) + back;
            let after_r = self.disk[r] + i128::from(self.w[p]) - q_out;
            t.band_distance(d, after_d) + t.band_distance(r, after_r) < before
        };
        let room = (self.disk[d] - t.band_lo[d]).min(t.band_hi[r] - self.disk[r]) + back;
        let clamp = |x: i128| u64::try_from(x.max(0)).unwrap_or(u64::MAX);
        self.pick_near(d, r, clamp(goal + back), clamp(room), &ok)
            .filter(|&p| self.affordable(self.w[p].saturating_add(self.w[q])))
            .map(|p| Step::Swap(p, q))
    }

    /// Bring replica counts into their ranges (or, with `exact`, onto the exact targets that
    /// give the ceiling to the brokers holding most), choosing replicas as `choice` says.
    pub fn count_phase(&mut self, t: &Targets, choice: Choice, exact: bool) {
        let keep_disk = choice == Choice::KeepBands;
        let nt = self.ntarget;
        let lo = |b: usize| {
            if exact {
                t.count_exact[b]
            } else {
                t.count_lo[b]
            }
        };
        let hi = |b: usize| {
            if exact {
                t.count_exact[b]
            } else {
                t.count_hi[b]
            }
        };
        let distance = |b: usize, c: usize| c.saturating_sub(hi(b)).max(lo(b).saturating_sub(c));
        let total: usize = self.count.iter().sum();
        let mut budget = total.saturating_mul(2).saturating_add(64);
        while budget > 0 {
            budget -= 1;
            let over: Vec<usize> = (0..self.nb).filter(|&b| self.count[b] > hi(b)).collect();
            let under: Vec<usize> = (0..nt).filter(|&b| self.count[b] < lo(b)).collect();
            if over.is_empty() && under.is_empty() {
                break;
            }
            let (mut donors, mut recvs) = if !over.is_empty() && !under.is_empty() {
                (over, under)
            } else if !over.is_empty() {
                let r = (0..nt).filter(|&b| self.count[b] < hi(b)).collect();
                (over, r)
            } else {
                let d = (0..nt).filter(|&b| self.count[b] > lo(b)).collect();
                (d, under)
            };
            donors.sort_by_key(|&b| (b < nt, std::cmp::Reverse(distance(b, self.count[b])), b));
            recvs.sort_by_key(|&b| {
                (
                    std::cmp::Reverse(distance(b, self.count[b])),
                    self.count[b],
                    b,
                )
            });
            let mut moved = false;
            'pairs: for &d in &donors {
                for &r in &recvs {
                    if d == r {
                        continue;
                    }
                    let ok = |p: usize| {
                        !keep_disk || (self.keeps_bands(t, p, d, r) && self.affordable(self.w[p]))
                    };
                    let pick = if choice == Choice::Sized {
                        self.sized_choice(t, d, r, exact)
                    } else {
                        self.pick_smallest(d, r, &ok)
                    };
                    if let Some(p) = pick {
                        self.apply(p, d, r);
                        moved = true;
                        break 'pairs;
                    }
                }
            }
            if moved {
                continue;
            }
            if !self.two_hop(t, &donors, &recvs, keep_disk) {
                break;
            }
        }
    }

    /// Balance `disk`, first pass: the replica `d` hands `r` so that, over the replicas it must
    /// give, `d` sheds its bytes above target: the largest that leaves room for the rest to be
    /// its smallest, and that leaves `r` room for the replicas it still needs.
    fn sized_choice(&self, t: &Targets, d: usize, r: usize, exact: bool) -> Option<usize> {
        let always = |_: usize| true;
        let (kd, kr) = if exact {
            (t.count_exact[d], t.count_exact[r])
        } else {
            (t.count_hi[d], t.count_lo[r])
        };
        let give = self.count[d].saturating_sub(kd).max(1);
        let take = kr.saturating_sub(self.count[r]).max(1);
        let surplus = (self.disk[d] as f64 - t.bytes[d]) as i128;
        let room = t.band_hi[r] - self.disk[r];
        if surplus <= 0 || room <= 0 {
            return self.pick_smallest(d, r, &always);
        }
        let cap =
            (surplus - self.smallest_sum(d, give - 1)).min(room - self.smallest_sum(d, take - 1));
        if cap <= 0 {
            return self.pick_smallest(d, r, &always);
        }
        // Near the average the donor must shed per replica: keeps medium replicas on both
        // sides for the corrections of the next pass.
        let cap = u64::try_from(cap).unwrap_or(u64::MAX);
        let want = u64::try_from(surplus / give as i128)
            .unwrap_or(u64::MAX)
            .min(cap);
        self.pick_near(d, r, want, cap, &always)
            .or_else(|| self.pick_smallest(d, r, &always))
    }

    /// Would moving `p` from `d` to `r` keep both brokers at least as close to their bands?
    fn keeps_bands(&self, t: &Targets, p: usize, d: usize, r: usize) -> bool {
        let out = i128::from(self.slot_of(p, d));
        let inn = i128::from(self.w[p]);
        t.band_distance(d, self.disk[d] - out) <= t.band_distance(d, self.disk[d])
            && t.band_distance(r, self.disk[r] + inn) <= t.band_distance(r, self.disk[r])
    }

    /// One replica count from a donor to a receiver through a third broker: park a replica of `d`
    /// on `x`, and `x` passes another one on to `r`. Costs one extra move.
    fn two_hop(&mut self, t: &Targets, donors: &[usize], recvs: &[usize], keep_disk: bool) -> bool {
        for &d in donors {
            for x in 0..self.ntarget {
                if x == d || recvs.contains(&x) {
                    continue;
                }
                let ok_p = |p: usize| {
                    !keep_disk || (self.keeps_bands(t, p, d, x) && self.affordable(self.w[p]))
                };
                let Some(p) = self.pick_smallest(d, x, &ok_p) else {
                    continue;
                };
                for &r in recvs {
                    if r == d {
                        continue;
                    }
                    let shed = self.held(x).into_iter().take(SCAN * 8).find(|&q| {
                        q != p
                            && self.feasible(q, x, r)
                            && (!keep_disk || self.keeps_bands(t, q, x, r))
                    });
                    if let Some(q) = shed {
                        self.apply(p, d, x);
                        self.apply(q, x, r);
                        return true;
                    }
                }
            }
        }
        false
    }
}
