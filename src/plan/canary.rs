//! The canary topic's layout and the probe's figures: pure, no I/O.

use std::time::Duration;

use serde::Serialize;

use crate::model::BrokerId;

/// Replication factor of the canary topic: three copies, or every broker when there are fewer.
pub fn canary_replication_factor(brokers: usize) -> usize {
    brokers.min(3)
}

/// One partition per broker, partition `i` led (preferred) by the `i`-th broker in id order and
/// followed by the next ones around the ring, so that every broker leads exactly one partition
/// and follows at most two.
pub fn canary_assignment(brokers: &[BrokerId]) -> Vec<Vec<BrokerId>> {
    let mut ids = brokers.to_vec();
    ids.sort_unstable();
    ids.dedup();
    let n = ids.len();
    let rf = canary_replication_factor(n);
    (0..n)
        .map(|i| {
            (0..rf)
                .filter_map(|k| ids.get((i + k) % n).copied())
                .collect()
        })
        .collect()
}

/// `min.insync.replicas` for the canary topic: the cluster's own value, but never more than the
/// replicas there are (acks=all could never succeed). Unknown: one less than the replicas (at
/// least 1), so that one broker down still lets the canary through.
pub fn canary_min_isr(replication_factor: usize, cluster_default: Option<i32>) -> i32 {
    let rf = i32::try_from(replication_factor).unwrap_or(i32::MAX).max(1);
    match cluster_default {
        Some(v) => v.clamp(1, rf),
        None => (rf - 1).max(1),
    }
}

/// p50, p99 and max of a set of latencies, in milliseconds (nearest-rank percentiles).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LatencySummary {
    pub samples: usize,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
}

impl LatencySummary {
    /// None without samples.
    pub fn of(samples: &[Duration]) -> Option<LatencySummary> {
        if samples.is_empty() {
            return None;
        }
        let mut v = samples.to_vec();
        v.sort_unstable();
        let ms = |d: Duration| (d.as_secs_f64() * 1000.0 * 100.0).round() / 100.0;
        let rank = |q: usize| {
            // Nearest rank: the smallest value with at least q% of the samples at or below it.
            let k = (q * v.len()).div_ceil(100).clamp(1, v.len());
            v.get(k - 1).copied().unwrap_or_default()
        };
        Some(LatencySummary {
            samples: v.len(),
            p50_ms: ms(rank(50)),
            p99_ms: ms(rank(99)),
            max_ms: ms(v.last().copied().unwrap_or_default()),
        })
    }

    /// "p50/p99/max" in ms for tables.
    pub fn text(s: &Option<LatencySummary>) -> String {
        match s {
            Some(s) => format!("{:.1}/{:.1}/{:.1}", s.p50_ms, s.p99_ms, s.max_ms),
            None => "-".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn three_brokers_each_lead_one_partition_with_three_copies() {
        let a = canary_assignment(&[2, 0, 1]);
        assert_eq!(a, vec![vec![0, 1, 2], vec![1, 2, 0], vec![2, 0, 1]]);
    }

    #[test]
    fn small_clusters_get_every_broker_as_replica() {
        assert_eq!(canary_assignment(&[5]), vec![vec![5]]);
        assert_eq!(canary_assignment(&[1, 3]), vec![vec![1, 3], vec![3, 1]]);
        assert!(canary_assignment(&[]).is_empty());
    }

    #[test]
    fn min_isr_never_exceeds_the_replicas() {
        assert_eq!(canary_min_isr(3, Some(2)), 2);
        assert_eq!(canary_min_isr(2, Some(3)), 2);
        assert_eq!(canary_min_isr(1, Some(2)), 1);
        assert_eq!(canary_min_isr(3, None), 2);
        assert_eq!(canary_min_isr(1, None), 1);
        assert_eq!(canary_min_isr(3, Some(0)), 1);
    }

    #[test]
    fn percentiles_by_nearest_rank() {
        let d: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        let s = LatencySummary::of(&d).unwrap();
        assert_eq!(
            (s.samples, s.p50_ms, s.p99_ms, s.max_ms),
            (100, 50.0, 99.0, 100.0)
        );
        let one = LatencySummary::of(&[Duration::from_micros(1500)]).unwrap();
        assert_eq!((one.p50_ms, one.p99_ms, one.max_ms), (1.5, 1.5, 1.5));
        assert!(LatencySummary::of(&[]).is_none());
        assert_eq!(LatencySummary::text(&None), "-");
    }

    proptest! {
        #[test]
        fn every_broker_leads_once_and_replicas_are_distinct(
            ids in proptest::collection::btree_set(0i32..1000, 0..12)
        ) {
            let ids: Vec<i32> = ids.into_iter().collect();
            let a = canary_assignment(&ids);
            prop_assert_eq!(a.len(), ids.len());
            let mut leaders: Vec<i32> = a.iter().filter_map(|r| r.first().copied()).collect();
            leaders.sort_unstable();
            prop_assert_eq!(&leaders, &ids);
            for r in &a {
                prop_assert_eq!(r.len(), ids.len().min(3));
                let mut d = r.clone();
                d.sort_unstable();
                d.dedup();
                prop_assert_eq!(d.len(), r.len());
            }
        }

        #[test]
        fn percentiles_are_ordered(ms in proptest::collection::vec(0u64..100_000, 1..200)) {
            let d: Vec<Duration> = ms.iter().map(|m| Duration::from_micros(*m)).collect();
            let s = LatencySummary::of(&d).unwrap();
            prop_assert!(s.p50_ms <= s.p99_ms && s.p99_ms <= s.max_ms);
        }
    }
}
