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

/// Why a canary record failed, as a client sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// NOT_ENOUGH_REPLICAS (or after append): the ISR was below min.insync.replicas.
    NotEnoughReplicas,
    /// No acknowledgement within the canary's timeout.
    Timeout,
    /// Anything else that is not retried.
    Other,
}

/// Canary errors by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ErrorCounts {
    pub not_enough_replicas: u64,
    pub timeouts: u64,
    pub others: u64,
}

impl ErrorCounts {
    pub fn add(&mut self, kind: ErrorKind) {
        let n = match kind {
            ErrorKind::NotEnoughReplicas => &mut self.not_enough_replicas,
            ErrorKind::Timeout => &mut self.timeouts,
            ErrorKind::Other => &mut self.others,
        };
        *n = n.saturating_add(1);
    }

    pub fn total(&self) -> u64 {
        self.not_enough_replicas
            .saturating_add(self.timeouts)
            .saturating_add(self.others)
    }

    fn merge(&mut self, o: &ErrorCounts) {
        self.not_enough_replicas = self
            .not_enough_replicas
            .saturating_add(o.not_enough_replicas);
        self.timeouts = self.timeouts.saturating_add(o.timeouts);
        self.others = self.others.saturating_add(o.others);
    }

    /// "NOT_ENOUGH_REPLICAS 3, timeouts 1", or "none".
    pub fn text(&self) -> String {
        let mut v = Vec::new();
        if self.not_enough_replicas > 0 {
            v.push(format!("NOT_ENOUGH_REPLICAS {}", self.not_enough_replicas));
        }
        if self.timeouts > 0 {
            v.push(format!("timeouts {}", self.timeouts));
        }
        if self.others > 0 {
            v.push(format!("others {}", self.others));
        }
        if v.is_empty() {
            "none".into()
        } else {
            v.join(", ")
        }
    }
}

/// What the canary saw while one step of a roll ran, as it accumulates.
#[derive(Debug, Clone, Default)]
pub struct StepTally {
    pub sent: u64,
    pub acked: u64,
    pub consumed: u64,
    pub errors: ErrorCounts,
    pub produce: Vec<Duration>,
    pub e2e: Vec<Duration>,
}

impl StepTally {
    pub fn figures(&self) -> StepFigures {
        StepFigures {
            sent: self.sent,
            acked: self.acked,
            consumed: self.consumed,
            not_consumed: self.acked.saturating_sub(self.consumed),
            errors: self.errors,
            error_total: self.errors.total(),
            produce_latency: LatencySummary::of(&self.produce),
            e2e_latency: LatencySummary::of(&self.e2e),
        }
    }

    pub fn merge(&mut self, o: &StepTally) {
        self.sent = self.sent.saturating_add(o.sent);
        self.acked = self.acked.saturating_add(o.acked);
        self.consumed = self.consumed.saturating_add(o.consumed);
        self.errors.merge(&o.errors);
        self.produce.extend_from_slice(&o.produce);
        self.e2e.extend_from_slice(&o.e2e);
    }
}

/// The canary's figures for one step (or the whole run).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepFigures {
    pub sent: u64,
    /// Acknowledged by every in-sync replica (acks=all).
    pub acked: u64,
    /// Acknowledged records read back by the canary's consumer.
    pub consumed: u64,
    /// Acknowledged but not read back by the end of the run.
    pub not_consumed: u64,
    pub errors: ErrorCounts,
    pub error_total: u64,
    /// Send until acks=all acknowledgement (worst = max_ms).
    pub produce_latency: Option<LatencySummary>,
    /// Send until the consumer received the record.
    pub e2e_latency: Option<LatencySummary>,
}

/// The steps of a roll as the canary sees them: the nodes whose restarts overlap. A node's phase
/// joins the open step while any member of it is not done (a batch); once every member is done,
/// the next node opens a new step. Records are attributed to the step open when they were sent.
#[derive(Debug, Clone, Default)]
pub struct StepTracker {
    steps: Vec<Vec<(String, bool)>>,
}

/// What a phase did to the steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepEvent {
    /// The node is (now) in the open step, which goes on.
    Running(usize),
    /// This phase ended the step: every member is done.
    Ended(usize),
}

impl StepTracker {
    /// Node `name` entered a phase (`done`: its last).
    pub fn observe(&mut self, name: &str, done: bool) -> StepEvent {
        let open_finished = self.steps.last().is_none_or(|s| s.iter().all(|(_, d)| *d));
        let member = self
            .steps
            .last()
            .is_some_and(|s| s.iter().any(|(n, _)| n == name));
        if open_finished && !member {
            self.steps.push(Vec::new());
        }
        let i = self.steps.len().saturating_sub(1);
        if let Some(s) = self.steps.last_mut() {
            match s.iter_mut().find(|(n, _)| n == name) {
                Some(m) => m.1 = m.1 || done,
                None => s.push((name.to_string(), done)),
            }
            if done && s.iter().all(|(_, d)| *d) {
                return StepEvent::Ended(i);
            }
        }
        StepEvent::Running(i)
    }

    /// The step records sent now belong to (None before the first step).
    pub fn current(&self) -> Option<usize> {
        self.steps.len().checked_sub(1)
    }

    /// "broker 1" or "broker 1, broker 2".
    pub fn label(&self, i: usize) -> String {
        self.steps
            .get(i)
            .map(|s| {
                s.iter()
                    .map(|(n, _)| n.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_else(|| "before the roll".into())
    }

    pub fn len(&self) -> usize {
        self.steps.len()
    }

    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }
}

/// Whether `errors` exceed `--canary-max-errors` (None: no limit).
pub fn exceeds(errors: u64, max: Option<u64>) -> bool {
    max.is_some_and(|m| errors > m)
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

    #[test]
    fn sequential_nodes_are_one_step_each() {
        let mut t = StepTracker::default();
        assert_eq!(t.current(), None);
        assert_eq!(t.observe("broker 0", false), StepEvent::Running(0));
        assert_eq!(t.observe("broker 0", false), StepEvent::Running(0));
        assert_eq!(t.observe("broker 0", true), StepEvent::Ended(0));
        // Between steps, records still go to the step that just ended.
        assert_eq!(t.current(), Some(0));
        assert_eq!(t.observe("broker 1", false), StepEvent::Running(1));
        assert_eq!(t.observe("broker 1", true), StepEvent::Ended(1));
        assert_eq!((t.len(), t.label(1)), (2, "broker 1".to_string()));
        assert_eq!(t.label(7), "before the roll");
    }

    #[test]
    fn a_batch_is_one_step_that_ends_with_its_last_node() {
        let mut t = StepTracker::default();
        t.observe("broker 0", false);
        t.observe("broker 2", false);
        assert_eq!(t.observe("broker 0", true), StepEvent::Running(0));
        assert_eq!(t.observe("broker 2", true), StepEvent::Ended(0));
        assert_eq!(t.label(0), "broker 0, broker 2");
        assert_eq!(t.observe("broker 1", false), StepEvent::Running(1));
    }

    #[test]
    fn errors_by_kind_and_the_limit() {
        let mut e = ErrorCounts::default();
        assert_eq!(e.text(), "none");
        e.add(ErrorKind::NotEnoughReplicas);
        e.add(ErrorKind::NotEnoughReplicas);
        e.add(ErrorKind::Timeout);
        assert_eq!(e.total(), 3);
        assert_eq!(e.text(), "NOT_ENOUGH_REPLICAS 2, timeouts 1");
        assert!(!exceeds(3, None));
        assert!(!exceeds(3, Some(3)));
        assert!(exceeds(3, Some(2)));
        assert!(!exceeds(0, Some(0)));
        assert!(exceeds(1, Some(0)));
    }

    #[test]
    fn tallies_merge_into_the_run_figures() {
        let mut a = StepTally {
            sent: 3,
            acked: 2,
            consumed: 1,
            produce: vec![Duration::from_millis(4), Duration::from_millis(9)],
            ..Default::default()
        };
        a.errors.add(ErrorKind::Timeout);
        let mut total = StepTally::default();
        total.merge(&a);
        total.merge(&a);
        let f = total.figures();
        assert_eq!((f.sent, f.acked, f.consumed, f.not_consumed), (6, 4, 2, 2));
        assert_eq!((f.errors.timeouts, f.error_total), (2, 2));
        assert_eq!(f.produce_latency.map(|l| l.max_ms), Some(9.0));
        assert!(f.e2e_latency.is_none());
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
