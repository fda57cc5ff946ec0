//! Lower bounds on the replicas and bytes any plan must move, printed next to what a plan moves.
//!
//! A bound holds for every plan that ends at least as balanced as the targets ask, or as the
//! plan itself ends where the targets could not be reached: every broker at most
//! `max(its ceiling, where the plan leaves it)` and at least `min(its floor, where the plan
//! leaves it)`, leaving brokers empty, and (when healing) no rack violation left. So the plan
//! itself always moves at least the bound, and when it reaches the targets the bound is the
//! classic one: the sum over brokers of what they hold above their ceiling.
//!
//! Bytes: a flow relaxation, replicas divisible. Each broker sends out at least what it holds
//! above its ceiling in bytes, and at least its smallest replicas as many as it must shed by
//! count; each broker receives at least what it lacks below its floor. Every byte moved leaves
//! one broker and reaches another, so the larger of the two sums bounds the bytes moved.

use super::targets::Targets;

/// Per broker state before and after a plan, over dense indices.
pub(crate) struct Ends<'a> {
    pub targets: &'a Targets,
    pub count_before: &'a [usize],
    pub count_after: &'a [usize],
    pub disk_before: &'a [i128],
    pub disk_after: &'a [i128],
    /// Per broker, its replicas' bytes before the plan, smallest first, as prefix sums
    /// (`prefix[k]` = bytes of its k smallest replicas).
    pub smallest_prefix: &'a [Vec<u128>],
    /// Replicas and bytes healing must move (0 when violations are kept).
    pub heal_replicas: usize,
    pub heal_bytes: u128,
}

/// The fewest replica moves of any plan at least as balanced as this one.
pub(crate) fn replicas(e: &Ends<'_>) -> usize {
    let t = e.targets;
    let n = e.count_before.len();
    let out: usize = (0..n)
        .map(|b| {
            let ceiling = t.count_hi[b].max(e.count_after[b]);
            e.count_before[b].saturating_sub(ceiling)
        })
        .sum();
    let inn: usize = (0..n)
        .map(|b| {
            let floor = t.count_lo[b].min(e.count_after[b]);
            floor.saturating_sub(e.count_before[b])
        })
        .sum();
    out.max(inn).max(e.heal_replicas)
}

/// The fewest bytes any plan at least as balanced as this one must copy. `by_disk` adds the
/// byte-band terms (balance `disk`); without it only counts and healing bound the bytes.
pub(crate) fn bytes(e: &Ends<'_>, by_disk: bool) -> u128 {
    let t = e.targets;
    let n = e.count_before.len();
    let mut out: u128 = 0;
    let mut inn: u128 = 0;
    for b in 0..n {
        let shed = e.count_before[b].saturating_sub(t.count_hi[b].max(e.count_after[b]));
        let by_count = e.smallest_prefix[b]
            .get(shed)
            .copied()
            .unwrap_or_else(|| e.smallest_prefix[b].last().copied().unwrap_or(0));
        let by_bytes = if by_disk {
            let ceiling = t.band_hi[b].max(e.disk_after[b]);
            u128::try_from((e.disk_before[b] - ceiling).max(0)).unwrap_or(0)
        } else {
            0
        };
        out += by_count.max(by_bytes);
        if by_disk {
            let floor = t.band_lo[b].min(e.disk_after[b]);
            inn += u128::try_from((floor - e.disk_before[b]).max(0)).unwrap_or(0);
        }
    }
    out.max(inn).max(e.heal_bytes)
}

/// Bytes that must leave brokers above their tolerance band (and all bytes of leaving brokers):
/// the figure the disk target is judged against.
pub(crate) fn must_leave(t: &Targets, disk_before: &[i128], ntarget: usize) -> u128 {
    disk_before
        .iter()
        .enumerate()
        .map(|(b, &d)| {
            let ceiling = if b < ntarget { t.band_hi[b] } else { 0 };
            u128::try_from((d - ceiling).max(0)).unwrap_or(0)
        })
        .sum()
}

/// Bytes that must reach brokers below their tolerance band.
pub(crate) fn must_arrive(t: &Targets, disk_before: &[i128], ntarget: usize) -> u128 {
    (0..ntarget)
        .map(|b| u128::try_from((t.band_lo[b] - disk_before[b]).max(0)).unwrap_or(0))
        .sum()
}

/// The fewest bytes that bring replica counts to their exact targets: each broker above its
/// target sheds its smallest replicas.
pub(crate) fn count_bytes(
    t: &Targets,
    count_before: &[usize],
    smallest_prefix: &[Vec<u128>],
) -> u128 {
    (0..count_before.len())
        .map(|b| {
            let k = count_before[b].saturating_sub(t.count_exact[b]);
            smallest_prefix[b]
                .get(k)
                .copied()
                .unwrap_or_else(|| smallest_prefix[b].last().copied().unwrap_or(0))
        })
        .sum()
}
