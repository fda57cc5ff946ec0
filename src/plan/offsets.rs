//! Consumer-group offsets, pure: lag per partition and its sums, the sort orders of `groups lag`,
//! and where `groups reset-offsets` moves each partition (clamped to what the log still holds).
//! Arithmetic is checked: offsets come from brokers and flags, and nothing here may overflow.

use std::cmp::Reverse;
use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::TopicPartition;

/// Lag of one partition: how far the group's committed offset is behind the log end offset.
/// None without a commit (nothing consumed yet) or when the numbers make no sense (negative
/// end offset); a commit past the end (the log was truncated) is a lag of 0.
pub fn lag(committed: Option<i64>, end: i64) -> Option<i64> {
    let c = committed?;
    if end < 0 || c < 0 {
        return None;
    }
    Some(end.checked_sub(c)?.max(0))
}

/// One partition of `groups lag`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LagRow {
    pub topic: String,
    pub partition: i32,
    /// Null when the group committed nothing for it.
    pub committed: Option<i64>,
    pub log_end: i64,
    /// Null when there is no commit.
    pub lag: Option<i64>,
    /// The member consuming it (client id), when the group is active.
    pub consumer: Option<String>,
}

/// Lag summed over one topic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TopicLag {
    pub topic: String,
    pub partitions: usize,
    pub lag: i64,
}

/// Lag per topic and in total. Partitions without a commit count as 0. None on overflow (an
/// impossible cluster, but the numbers come from outside).
pub fn totals(rows: &[LagRow]) -> Option<(Vec<TopicLag>, i64)> {
    let mut per: BTreeMap<&str, (usize, i64)> = BTreeMap::new();
    let mut total: i64 = 0;
    for r in rows {
        let l = r.lag.unwrap_or(0);
        let e = per.entry(r.topic.as_str()).or_insert((0, 0));
        e.0 += 1;
        e.1 = e.1.checked_add(l)?;
        total = total.checked_add(l)?;
    }
    Some((
        per.into_iter()
            .map(|(t, (n, l))| TopicLag {
                topic: t.to_string(),
                partitions: n,
                lag: l,
            })
            .collect(),
        total,
    ))
}

/// The orders of `groups lag --sort`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LagSort {
    /// Largest lag first (no commit last), then topic and partition
    Lag,
    /// Topic, then partition
    Topic,
    /// Partition number, then topic
    Partition,
}

pub fn sort_rows(rows: &mut [LagRow], by: LagSort) {
    match by {
        LagSort::Lag => rows.sort_by(|a, b| {
            (Reverse(a.lag), &a.topic, a.partition).cmp(&(Reverse(b.lag), &b.topic, b.partition))
        }),
        LagSort::Topic => {
            rows.sort_by(|a, b| (&a.topic, a.partition).cmp(&(&b.topic, b.partition)))
        }
        LagSort::Partition => {
            rows.sort_by(|a, b| (a.partition, &a.topic).cmp(&(b.partition, &b.topic)))
        }
    }
}

/// Where `reset-offsets` moves the group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResetTarget {
    Earliest,
    Latest,
    /// Milliseconds since the epoch: the first offset at or after it (the offset is looked up).
    Datetime(i64),
    Offset(i64),
    /// Relative to the committed offset (to the earliest when nothing was committed).
    ShiftBy(i64),
}

/// What the log of one partition holds, and what the group has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartitionOffsets {
    pub earliest: i64,
    pub latest: i64,
    pub committed: Option<i64>,
    /// For `Datetime`: ListOffsets' answer by timestamp (-1 when no record is that recent).
    pub at_time: Option<i64>,
}

/// The new committed offset for one partition, clamped to [earliest, latest]; the flag `clamped`
/// says the target lay outside that range.
pub fn new_offset(target: ResetTarget, o: PartitionOffsets) -> (i64, bool) {
    let (lo, hi) = (o.earliest.min(o.latest), o.latest.max(o.earliest));
    let want: i64 = match target {
        ResetTarget::Earliest => lo,
        ResetTarget::Latest => hi,
        ResetTarget::Datetime(_) => match o.at_time {
            Some(t) if t >= 0 => t,
            _ => hi,
        },
        ResetTarget::Offset(n) => n,
        ResetTarget::ShiftBy(n) => {
            let base = o.committed.unwrap_or(lo);
            // Out of i64 means far beyond either end: clamp to that end.
            base.checked_add(n)
                .unwrap_or(if n < 0 { i64::MIN } else { i64::MAX })
        }
    };
    let v = want.clamp(lo, hi);
    (v, v != want)
}

/// `T` or `T:0,2,5` of `--topic`: the topic and its partitions (None: every partition).
pub fn parse_topic_spec(s: &str) -> Result<(String, Option<Vec<i32>>), String> {
    let (topic, parts) = match s.split_once(':') {
        None => (s, None),
        Some((t, p)) => (t, Some(p)),
    };
    if topic.is_empty() {
        return Err(format!(
            "'{s}': the topic name is empty (use TOPIC or TOPIC:P,P,...)"
        ));
    }
    let parts = match parts {
        None => None,
        Some(p) => {
            let mut v = Vec::new();
            for x in p.split(',') {
                let n: i32 = x.trim().parse().map_err(|_| {
                    format!("'{s}': '{x}' is not a partition number (use TOPIC:0,1,2)")
                })?;
                if n < 0 {
                    return Err(format!("'{s}': partition {n} is negative"));
                }
                v.push(n);
            }
            v.sort_unstable();
            v.dedup();
            Some(v)
        }
    };
    Ok((topic.to_string(), parts))
}

/// Partitions of `rows` keyed for lookups.
pub fn by_partition(rows: &[LagRow]) -> BTreeMap<TopicPartition, &LagRow> {
    rows.iter()
        .map(|r| (TopicPartition::new(r.topic.clone(), r.partition), r))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn row(t: &str, p: i32, lag: Option<i64>) -> LagRow {
        LagRow {
            topic: t.into(),
            partition: p,
            committed: lag.map(|_| 0),
            log_end: lag.unwrap_or(0),
            lag,
            consumer: None,
        }
    }

    #[test]
    fn lag_of_a_partition() {
        assert_eq!(lag(Some(3), 10), Some(7));
        assert_eq!(lag(Some(10), 10), Some(0));
        assert_eq!(lag(Some(12), 10), Some(0), "commit past a truncated end");
        assert_eq!(lag(None, 10), None);
        assert_eq!(lag(Some(-1), 10), None);
        assert_eq!(lag(Some(0), -1), None);
        assert_eq!(lag(Some(0), i64::MAX), Some(i64::MAX));
    }

    #[test]
    fn totals_per_topic_and_overall() {
        let rows = [
            row("a", 0, Some(5)),
            row("a", 1, None),
            row("b", 0, Some(2)),
        ];
        let (topics, total) = totals(&rows).unwrap();
        assert_eq!(total, 7);
        assert_eq!(
            topics,
            vec![
                TopicLag {
                    topic: "a".into(),
                    partitions: 2,
                    lag: 5
                },
                TopicLag {
                    topic: "b".into(),
                    partitions: 1,
                    lag: 2
                },
            ]
        );
        assert_eq!(
            totals(&[row("a", 0, Some(i64::MAX)), row("a", 1, Some(1))]),
            None
        );
    }

    #[test]
    fn sort_orders() {
        let mut rows = vec![
            row("b", 0, Some(1)),
            row("a", 1, None),
            row("a", 0, Some(9)),
            row("c", 0, Some(9)),
        ];
        sort_rows(&mut rows, LagSort::Lag);
        let key: Vec<_> = rows
            .iter()
            .map(|r| (r.topic.as_str(), r.partition))
            .collect();
        assert_eq!(key, [("a", 0), ("c", 0), ("b", 0), ("a", 1)]);
        sort_rows(&mut rows, LagSort::Topic);
        let key: Vec<_> = rows
            .iter()
            .map(|r| (r.topic.as_str(), r.partition))
            .collect();
        assert_eq!(key, [("a", 0), ("a", 1), ("b", 0), ("c", 0)]);
        sort_rows(&mut rows, LagSort::Partition);
        let key: Vec<_> = rows
            .iter()
            .map(|r| (r.topic.as_str(), r.partition))
            .collect();
        assert_eq!(key, [("a", 0), ("b", 0), ("c", 0), ("a", 1)]);
    }

    const O: PartitionOffsets = PartitionOffsets {
        earliest: 10,
        latest: 100,
        committed: Some(50),
        at_time: None,
    };

    #[test]
    fn reset_targets() {
        assert_eq!(new_offset(ResetTarget::Earliest, O), (10, false));
        assert_eq!(new_offset(ResetTarget::Latest, O), (100, false));
        assert_eq!(new_offset(ResetTarget::Offset(60), O), (60, false));
        assert_eq!(new_offset(ResetTarget::Offset(5), O), (10, true));
        assert_eq!(new_offset(ResetTarget::Offset(500), O), (100, true));
        assert_eq!(new_offset(ResetTarget::ShiftBy(-20), O), (30, false));
        assert_eq!(new_offset(ResetTarget::ShiftBy(-100), O), (10, true));
        assert_eq!(new_offset(ResetTarget::ShiftBy(i64::MAX), O), (100, true));
        assert_eq!(new_offset(ResetTarget::ShiftBy(i64::MIN), O), (10, true));
        let none = PartitionOffsets {
            committed: None,
            ..O
        };
        assert_eq!(new_offset(ResetTarget::ShiftBy(5), none), (15, false));
        let at = PartitionOffsets {
            at_time: Some(42),
            ..O
        };
        assert_eq!(new_offset(ResetTarget::Datetime(0), at), (42, false));
        let future = PartitionOffsets {
            at_time: Some(-1),
            ..O
        };
        assert_eq!(new_offset(ResetTarget::Datetime(0), future), (100, false));
    }

    #[test]
    fn topic_specs() {
        assert_eq!(parse_topic_spec("orders"), Ok(("orders".into(), None)));
        assert_eq!(
            parse_topic_spec("orders:2,0,2"),
            Ok(("orders".into(), Some(vec![0, 2])))
        );
        assert!(parse_topic_spec(":1").is_err());
        assert!(
            parse_topic_spec("o:x")
                .unwrap_err()
                .contains("not a partition number")
        );
        assert!(parse_topic_spec("o:-1").unwrap_err().contains("negative"));
        assert!(parse_topic_spec("o:").is_err());
    }

    proptest! {
        #[test]
        fn new_offset_stays_within_the_log(
            earliest in any::<i64>(), latest in any::<i64>(),
            committed in proptest::option::of(any::<i64>()),
            at_time in proptest::option::of(any::<i64>()),
            n in any::<i64>(), kind in 0u8..5,
        ) {
            let o = PartitionOffsets { earliest, latest, committed, at_time };
            let t = match kind {
                0 => ResetTarget::Earliest,
                1 => ResetTarget::Latest,
                2 => ResetTarget::Datetime(n),
                3 => ResetTarget::Offset(n),
                _ => ResetTarget::ShiftBy(n),
            };
            let (v, clamped) = new_offset(t, o);
            prop_assert!(v >= earliest.min(latest) && v <= latest.max(earliest));
            if let ResetTarget::Offset(n) = t {
                prop_assert_eq!(clamped, n != v);
            }
        }

        #[test]
        fn lag_is_never_negative(c in proptest::option::of(any::<i64>()), end in any::<i64>()) {
            if let Some(l) = lag(c, end) {
                prop_assert!(l >= 0);
                prop_assert!(l <= end);
            }
        }

        #[test]
        fn totals_add_up_and_sorting_permutes(
            rows in proptest::collection::vec(
                ("[a-c]", 0i32..4, proptest::option::of(0i64..1_000_000)), 0..30),
            by in 0u8..3,
        ) {
            let rows: Vec<LagRow> = rows.into_iter().map(|(t, p, l)| row(&t, p, l)).collect();
            let (topics, total) = totals(&rows).unwrap();
            prop_assert_eq!(topics.iter().map(|t| t.lag).sum::<i64>(), total);
            prop_assert_eq!(topics.iter().map(|t| t.partitions).sum::<usize>(), rows.len());
            let by = [LagSort::Lag, LagSort::Topic, LagSort::Partition][by as usize];
            let mut sorted = rows.clone();
            sort_rows(&mut sorted, by);
            prop_assert_eq!(sorted.len(), rows.len());
            for w in sorted.windows(2) {
                let ok = match by {
                    LagSort::Lag => Reverse(w[0].lag) <= Reverse(w[1].lag),
                    LagSort::Topic => (&w[0].topic, w[0].partition) <= (&w[1].topic, w[1].partition),
                    LagSort::Partition => (w[0].partition, &w[0].topic) <= (w[1].partition, &w[1].topic),
                };
                prop_assert!(ok);
            }
        }
    }
}
