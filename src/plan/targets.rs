//! What each broker should end with: a replica-count range and a bytes target with its tolerance
//! band, following per-rack capacity.
//!
//! Every target broker's even share is R/B replicas and total/B bytes. The rack rule can force a
//! rack to hold more than its brokers' even share (a rack with fewer brokers than the others, or
//! one a drain left short: an RF-3 partition over three racks needs a replica in each) or less.
//! Each rack's share is therefore the even share clamped to what the rule forces into it and what
//! it can hold, with the rest spread over the unclamped racks in proportion to their brokers
//! (water-filling); within a rack the share is split evenly.

use std::collections::BTreeMap;

use super::racks::Racks;

/// Per broker targets; dense broker indices, target brokers first, leaving ones after (zero).
#[derive(Debug, Clone)]
pub(crate) struct Targets {
    pub count_lo: Vec<usize>,
    pub count_hi: Vec<usize>,
    /// One count per broker within its range, summing to the total: the ceiling goes to the
    /// brokers holding most now (ties: lower index), so the fewest replicas move.
    pub count_exact: Vec<usize>,
    /// Bytes each broker should end with.
    pub bytes: Vec<f64>,
    /// The tolerance band around `bytes`, inclusive.
    pub band_lo: Vec<i128>,
    pub band_hi: Vec<i128>,
    pub total_replicas: usize,
    pub total_bytes: u128,
    /// Per target rack: replicas the rack rule forces into it.
    pub rack_forced_count: Vec<usize>,
    /// Per target rack: the replication factors that force replicas into it.
    pub rack_forcing_rfs: Vec<Vec<usize>>,
}

/// How a rack's share came out of the water-filling.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Fill {
    Free,
    AtLeast,
    AtMost,
}

/// Shares `s_r = clamp(n_r·λ, lo_r, hi_r)` summing to `total`; also how each came out.
fn water_fill(n: &[usize], lo: &[f64], hi: &[f64], total: f64) -> (Vec<f64>, Vec<Fill>) {
    let sum = |lambda: f64| -> f64 {
        n.iter()
            .zip(lo.iter().zip(hi))
            .map(|(&k, (&l, &h))| (k as f64 * lambda).clamp(l, h.max(l)))
            .sum()
    };
    let top = n
        .iter()
        .zip(hi)
        .filter(|(k, _)| **k > 0)
        .map(|(&k, &h)| h / k as f64)
        .fold(0.0f64, f64::max);
    let (mut a, mut b) = (0.0f64, top.max(1.0));
    for _ in 0..200 {
        let m = 0.5 * (a + b);
        if sum(m) < total {
            a = m;
        } else {
            b = m;
        }
    }
    let lambda = b;
    let mut shares = Vec::with_capacity(n.len());
    let mut fills = Vec::with_capacity(n.len());
    for ((&k, &l), &h) in n.iter().zip(lo).zip(hi) {
        let v = k as f64 * lambda;
        let eps = 1e-9 * v.abs().max(1.0);
        if v <= l + eps && l > 0.0 {
            shares.push(l);
            fills.push(Fill::AtLeast);
        } else if v >= h - eps {
            shares.push(h.max(l));
            fills.push(Fill::AtMost);
        } else {
            shares.push(v);
            fills.push(Fill::Free);
        }
    }
    (shares, fills)
}

/// Targets for `ntarget` target brokers (then `nb - ntarget` leaving ones) given each partition's
/// replication factor and copy size.
pub(crate) fn compute(
    racks: &Racks,
    ntarget: usize,
    nb: usize,
    partitions: impl Iterator<Item = (usize, u64)>,
    counts_now: &[usize],
    tolerance: f64,
) -> Targets {
    // Aggregate by replication factor: partitions and bytes of each.
    let mut by_rf: BTreeMap<usize, (usize, u128)> = BTreeMap::new();
    for (rf, w) in partitions {
        let e = by_rf.entry(rf).or_insert((0, 0));
        e.0 += 1;
        e.1 += u128::from(w);
    }
    let nr = racks.target_racks;
    let n: Vec<usize> = racks.brokers_in[..nr].to_vec();
    let mut forced_count = vec![0usize; nr];
    let mut max_count = vec![0usize; nr];
    let mut forced_bytes = vec![0u128; nr];
    let mut max_bytes = vec![0u128; nr];
    let mut forcing = vec![Vec::new(); nr];
    let (mut total_replicas, mut total_bytes) = (0usize, 0u128);
    for (&rf, &(parts, bytes)) in &by_rf {
        total_replicas += rf * parts;
        total_bytes += bytes * rf as u128;
        for r in 0..nr {
            let f = racks.forced_in(rf, r);
            let m = racks.allowed_in(rf, r);
            forced_count[r] += f * parts;
            max_count[r] += m * parts;
            forced_bytes[r] += bytes * f as u128;
            max_bytes[r] += bytes * m as u128;
            if f > 0 && racks.racked {
                forcing[r].push(rf);
            }
        }
    }

    let f64s = |v: &[usize]| v.iter().map(|&x| x as f64).collect::<Vec<_>>();
    let (count_shares, fills) = water_fill(
        &n,
        &f64s(&forced_count),
        &f64s(&max_count),
        total_replicas as f64,
    );
    // Exact per-broker count shares: clamped racks hold their bound; free racks split the rest.
    let clamped: usize = (0..nr)
        .filter(|&r| fills[r] != Fill::Free)
        .map(|r| count_shares[r].round() as usize)
        .sum();
    let free_brokers: usize = (0..nr)
        .filter(|&r| fills[r] == Fill::Free)
        .map(|r| n[r])
        .sum();
    let free_left = total_replicas.saturating_sub(clamped);
    let mut count_lo = vec![0usize; nb];
    let mut count_hi = vec![0usize; nb];
    for b in 0..ntarget {
        let r = racks.rack_of[b];
        let (num, den) = if fills[r] == Fill::Free {
            (free_left, free_brokers.max(1))
        } else {
            (count_shares[r].round() as usize, n[r].max(1))
        };
        count_lo[b] = num / den;
        count_hi[b] = num.div_ceil(den);
    }

    let mut count_exact = count_lo.clone();
    let mut extra = total_replicas.saturating_sub(count_lo.iter().sum::<usize>());
    let mut order: Vec<usize> = (0..ntarget)
        .filter(|&b| count_hi[b] > count_lo[b])
        .collect();
    order.sort_by_key(|&b| {
        (
            std::cmp::Reverse(counts_now.get(b).copied().unwrap_or(0)),
            b,
        )
    });
    for b in order {
        if extra == 0 {
            break;
        }
        count_exact[b] += 1;
        extra -= 1;
    }

    let u128s = |v: &[u128]| v.iter().map(|&x| x as f64).collect::<Vec<_>>();
    let (byte_shares, _) = water_fill(
        &n,
        &u128s(&forced_bytes),
        &u128s(&max_bytes),
        total_bytes as f64,
    );
    let mut bytes = vec![0.0f64; nb];
    let mut band_lo = vec![0i128; nb];
    let mut band_hi = vec![0i128; nb];
    for b in 0..ntarget {
        let r = racks.rack_of[b];
        let t = byte_shares[r] / n[r].max(1) as f64;
        bytes[b] = t;
        band_lo[b] = (t * (1.0 - tolerance)).floor() as i128;
        band_hi[b] = (t * (1.0 + tolerance)).ceil() as i128;
    }
    Targets {
        count_lo,
        count_hi,
        count_exact,
        bytes,
        band_lo,
        band_hi,
        total_replicas,
        total_bytes,
        rack_forced_count: forced_count,
        rack_forcing_rfs: forcing,
    }
}

impl Targets {
    /// Distance of `bytes` from broker `b`'s band (0 inside it).
    pub fn band_distance(&self, b: usize, bytes: i128) -> i128 {
        if bytes > self.band_hi[b] {
            bytes - self.band_hi[b]
        } else if bytes < self.band_lo[b] {
            self.band_lo[b] - bytes
        } else {
            0
        }
    }

    /// Distance of `count` from broker `b`'s count range (0 inside it).
    pub fn count_distance(&self, b: usize, count: usize) -> usize {
        if count > self.count_hi[b] {
            count - self.count_hi[b]
        } else {
            self.count_lo[b].saturating_sub(count)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::BrokerSpec;

    fn racks(names: &[&str]) -> Racks {
        let specs: Vec<BrokerSpec> = names
            .iter()
            .enumerate()
            .map(|(i, r)| BrokerSpec::new(i as i32, Some(r)))
            .collect();
        Racks::new(&specs, &[], 8)
    }

    #[test]
    fn even_racks_give_the_even_share() {
        let r = racks(&["a", "b", "c", "a", "b", "c"]);
        // 100 partitions of RF 3, 10 bytes each: 300 replicas, 3000 bytes over 6 brokers.
        let t = compute(&r, 6, 6, (0..100).map(|_| (3, 10)), &[], 0.05);
        assert_eq!(t.count_lo, vec![50; 6]);
        assert_eq!(t.count_hi, vec![50; 6]);
        for b in 0..6 {
            assert!((t.bytes[b] - 500.0).abs() < 1e-6);
            assert_eq!((t.band_lo[b], t.band_hi[b]), (475, 525));
        }
    }

    #[test]
    fn a_short_rack_holds_what_the_rule_forces() {
        // 2+2+1 brokers (a drain left rack c with one): every RF-3 partition needs one replica
        // in c, so its broker holds all 90 while the others split the remaining 180.
        let r = racks(&["a", "a", "b", "b", "c"]);
        let t = compute(&r, 5, 5, (0..90).map(|_| (3, 1)), &[], 0.05);
        assert_eq!(t.count_lo, vec![45, 45, 45, 45, 90]);
        assert_eq!(t.count_hi, vec![45, 45, 45, 45, 90]);
        assert!((t.bytes[4] - 90.0).abs() < 1e-6);
        assert_eq!(t.rack_forced_count, vec![90, 90, 90]);
        assert_eq!(t.rack_forcing_rfs[2], vec![3]);
    }

    #[test]
    fn rf2_over_three_racks_is_not_forced() {
        let r = racks(&["a", "a", "b", "b", "c"]);
        let t = compute(&r, 5, 5, (0..50).map(|_| (2, 1)), &[], 0.05);
        // 100 replicas over 5 brokers, nothing forced: 20 each.
        assert_eq!(t.count_lo, vec![20; 5]);
        assert_eq!(t.count_hi, vec![20; 5]);
        assert_eq!(t.rack_forced_count, vec![0, 0, 0]);
    }

    #[test]
    fn uneven_totals_give_floor_and_ceiling() {
        let r = racks(&["a", "b", "c", "a"]);
        let t = compute(&r, 4, 5, (0..13).map(|_| (1, 0)), &[2, 5, 5, 1], 0.0);
        assert_eq!(t.count_lo[..4], [3, 3, 3, 3]);
        // The ceiling goes to the broker holding most (ties: lower index).
        assert_eq!(t.count_exact[..4], [3, 4, 3, 3]);
        assert_eq!(t.count_hi[..4], [4, 4, 4, 4]);
        // The leaving broker (index 4) ends empty.
        assert_eq!((t.count_lo[4], t.count_hi[4], t.band_hi[4]), (0, 0, 0));
        assert_eq!(t.total_bytes, 0);
    }
}
