//! What the verbs that plan placements (`scale`, `rebalance`, `reassign generate`) share: the
//! planner's flags, the sizes of every replica read live from the brokers (DescribeLogDirs), and
//! one call that turns today's cluster into a plan.

use std::collections::{BTreeMap, BTreeSet};

use clap::{Args, ValueEnum};

use crate::error::{Error, Result};
use crate::kafka::Admin;
use crate::model::{Assignment, BrokerId, ClusterSnapshot, Sizes};
use crate::output::note;
use crate::plan::{self, Balance, BrokerSpec, Plan, PlanOptions, PlanRequest};

/// What placement balances after the rack rule (the flag's values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BalanceFlag {
    /// Bytes per broker within --disk-tolerance of the mean, then replica counts
    Disk,
    /// Replica counts only, moving the smallest replicas
    Count,
}

impl From<BalanceFlag> for Balance {
    fn from(b: BalanceFlag) -> Self {
        match b {
            BalanceFlag::Disk => Balance::Disk,
            BalanceFlag::Count => Balance::Count,
        }
    }
}

/// The planner's flags.
#[derive(Debug, Clone, Args)]
pub struct BalanceArgs {
    /// What to balance after the rack rule: disk (bytes per broker; the default when every
    /// broker reports its log dirs) or count (replicas per broker, moving the smallest)
    #[arg(long, value_name = "MODE", value_enum)]
    pub balance: Option<BalanceFlag>,

    /// How far a broker's bytes may end from its share under --balance disk: a percentage
    /// (5%) or a fraction (0.05)
    #[arg(long, value_name = "FRACTION", default_value = "5%", value_parser = parse_tolerance)]
    pub disk_tolerance: f64,

    /// Leave partitions that break the rack rule as they are (by default they are healed, and
    /// those moves are counted apart)
    #[arg(long)]
    pub keep_rack_violations: bool,
}

impl Default for BalanceArgs {
    fn default() -> Self {
        BalanceArgs {
            balance: None,
            disk_tolerance: plan::DEFAULT_DISK_TOLERANCE,
            keep_rack_violations: false,
        }
    }
}

impl BalanceArgs {
    /// Planner options with these flags and the given leaving brokers.
    pub fn options(&self, leaving: BTreeSet<BrokerId>) -> PlanOptions {
        PlanOptions {
            leaving,
            balance: self.balance.map(Balance::from),
            disk_tolerance: self.disk_tolerance,
            keep_rack_violations: self.keep_rack_violations,
            ..PlanOptions::default()
        }
    }
}

/// `--disk-tolerance`: `5%`, `5 %` or `0.05`; between 0 and 100 %.
pub fn parse_tolerance(s: &str) -> std::result::Result<f64, String> {
    let t = s.trim();
    let (num, scale) = match t.strip_suffix('%') {
        Some(n) => (n.trim(), 100.0),
        None => (t, 1.0),
    };
    let v: f64 = num.parse().map_err(|_| {
        format!("{s:?} is not a tolerance; write a percentage (5%) or a fraction (0.05)")
    })?;
    let f = v / scale;
    if !f.is_finite() || !(0.0..=1.0).contains(&f) {
        return Err(format!(
            "{s:?} is outside 0..100 %; write a percentage (5%) or a fraction (0.05)"
        ));
    }
    Ok(f)
}

/// Sizes of several brokers as one: each broker's log-dir indices shifted past the others'.
pub fn merge_sizes(parts: impl IntoIterator<Item = Sizes>) -> Sizes {
    let mut out = Sizes::default();
    for part in parts {
        let base = out.log_dirs.len();
        out.log_dirs.extend(part.log_dirs);
        for (tp, reps) in part.replicas {
            out.replicas
                .entry(tp)
                .or_default()
                .extend(reps.into_iter().map(|mut r| {
                    r.log_dir += base;
                    r
                }));
        }
    }
    out
}

/// Live sizes made consistent with the layout they are planned with: the two are read at
/// different moments, so a replica a broker reports that the layout does not place there (a move
/// finishing, a topic deleted) is dropped, and a partition no broker reported (created in
/// between) counts as empty on its replicas. Returns how many partitions were counted as empty.
pub fn reconcile(sizes: &mut Sizes, current: &Assignment) -> usize {
    sizes.replicas.retain(|tp, reps| {
        let Some(placed) = current.get(tp) else {
            return false;
        };
        reps.retain(|r| placed.contains(&r.broker));
        !reps.is_empty()
    });
    let mut empty = 0;
    for (tp, placed) in current {
        if sizes.replicas.contains_key(tp) {
            continue;
        }
        // A zero-byte replica in the broker's first healthy dir (if the broker reported one).
        let reps: Vec<_> = placed
            .iter()
            .filter_map(|b| {
                let log_dir = sizes
                    .log_dirs
                    .iter()
                    .position(|d| d.broker == *b && d.error.is_none())?;
                Some(crate::model::ReplicaSize {
                    broker: *b,
                    bytes: 0,
                    log_dir,
                })
            })
            .collect();
        if !reps.is_empty() {
            sizes.replicas.insert(tp.clone(), reps);
            empty += 1;
        }
    }
    empty
}

/// Every registered broker's log dirs. Ok(None) when one cannot be read and disk balance was not
/// asked for (planning falls back to counts and says so); an error when it was.
pub async fn live_sizes(
    admin: &Admin,
    snap: &ClusterSnapshot,
    current: &Assignment,
    args: &BalanceArgs,
) -> Result<Option<Sizes>> {
    if args.balance == Some(BalanceFlag::Count) {
        return Ok(None);
    }
    let mut parts = Vec::new();
    for b in &snap.brokers {
        match admin.describe_log_dir_replicas(b.id).await {
            Ok(s) => parts.push(s),
            Err(e) if args.balance.is_none() => {
                note(format!(
                    "the log dirs of broker {} cannot be read ({e}); balancing replica counts \
                     instead of bytes",
                    b.id
                ));
                return Ok(None);
            }
            Err(e) => {
                return Err(Error::refused(format!(
                    "--balance disk needs every broker's log dirs, and those of broker {} cannot \
                     be read: {e}; bring the broker back or use --balance count",
                    b.id
                )));
            }
        }
    }
    let mut sizes = merge_sizes(parts);
    let empty = reconcile(&mut sizes, current);
    if empty > 0 {
        note(format!(
            "{empty} partitions have no log on any broker yet; they count as empty"
        ));
    }
    Ok(Some(sizes))
}

/// Plan `current` onto `brokers` (every other broker holding data leaves), with live sizes.
pub async fn plan_live(
    admin: &Admin,
    snap: &ClusterSnapshot,
    current: &Assignment,
    brokers: &[BrokerSpec],
    args: &BalanceArgs,
) -> Result<Plan> {
    let sizes = live_sizes(admin, snap, current, args).await?;
    plan_with(snap, current, brokers, sizes.as_ref(), args)
}

/// The pure half of [`plan_live`]: the brokers not in `brokers` that hold data (or that the
/// sizes name) leave; their racks come from the snapshot.
pub fn plan_with(
    snap: &ClusterSnapshot,
    current: &Assignment,
    brokers: &[BrokerSpec],
    sizes: Option<&Sizes>,
    args: &BalanceArgs,
) -> Result<Plan> {
    let keep: BTreeSet<BrokerId> = brokers.iter().map(|b| b.id).collect();
    let mut leaving: BTreeSet<BrokerId> = plan::replica_counts(current)
        .into_keys()
        .filter(|b| !keep.contains(b))
        .collect();
    if let Some(s) = sizes {
        leaving.extend(
            s.log_dirs
                .iter()
                .map(|d| d.broker)
                .filter(|b| !keep.contains(b)),
        );
    }
    let leaving_racks: BTreeMap<BrokerId, String> = snap
        .brokers
        .iter()
        .filter(|b| leaving.contains(&b.id))
        .filter_map(|b| Some((b.id, b.rack.clone()?)))
        .collect();
    let mut req = PlanRequest::new(current, brokers);
    req.sizes = sizes;
    req.leaving_racks = leaving_racks;
    req.options = args.options(leaving);
    Ok(plan::plan_request(&req)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Broker, LogDirInfo, ReplicaSize, TopicPartition};
    use crate::testkit::snapshot;

    fn one_broker(b: BrokerId, dirs: &[&str], reps: &[(&str, i32, u64, usize)]) -> Sizes {
        Sizes {
            log_dirs: dirs
                .iter()
                .map(|p| LogDirInfo {
                    broker: b,
                    path: (*p).to_string(),
                    error: None,
                })
                .collect(),
            replicas: reps
                .iter()
                .map(|(t, p, bytes, d)| {
                    (
                        TopicPartition::new(*t, *p),
                        vec![ReplicaSize {
                            broker: b,
                            bytes: *bytes,
                            log_dir: *d,
                        }],
                    )
                })
                .collect(),
        }
    }

    #[test]
    fn tolerance_as_percentage_or_fraction() {
        assert_eq!(parse_tolerance("5%"), Ok(0.05));
        assert_eq!(parse_tolerance(" 10 %"), Ok(0.1));
        assert_eq!(parse_tolerance("0.05"), Ok(0.05));
        assert_eq!(parse_tolerance("0"), Ok(0.0));
        for bad in ["", "%", "five", "-1%", "101%", "1.5", "NaN", "inf"] {
            let e = parse_tolerance(bad).unwrap_err();
            assert!(e.contains("percentage (5%)"), "{bad}: {e}");
        }
    }

    #[test]
    fn merged_sizes_keep_each_brokers_dirs_apart() {
        let a = one_broker(1, &["/a", "/b"], &[("t", 0, 10, 1)]);
        let b = one_broker(2, &["/a"], &[("t", 0, 12, 0), ("t", 1, 3, 0)]);
        let m = merge_sizes([a, b]);
        assert_eq!(m.log_dirs.len(), 3);
        let r = &m.replicas[&TopicPartition::new("t", 0)];
        assert_eq!(
            r.iter()
                .map(|r| (r.broker, r.bytes, m.log_dirs[r.log_dir].path.as_str()))
                .collect::<Vec<_>>(),
            vec![(1, 10, "/b"), (2, 12, "/a")]
        );
        assert_eq!(
            m.log_dirs[m.replicas[&TopicPartition::new("t", 1)][0].log_dir].broker,
            2
        );
    }

    #[test]
    fn reconcile_drops_strays_and_counts_missing_as_empty() {
        let mut s = merge_sizes([
            one_broker(1, &["/d"], &[("t", 0, 10, 0), ("gone", 0, 5, 0)]),
            one_broker(2, &["/d"], &[("t", 0, 10, 0), ("t", 1, 7, 0)]),
        ]);
        let current: Assignment = [
            (TopicPartition::new("t", 0), vec![1, 2]),
            (TopicPartition::new("t", 1), vec![1]),
            (TopicPartition::new("new", 0), vec![2, 1]),
        ]
        .into();
        assert_eq!(reconcile(&mut s, &current), 2);
        assert!(!s.replicas.contains_key(&TopicPartition::new("gone", 0)));
        let t1 = &s.replicas[&TopicPartition::new("t", 1)];
        assert_eq!((t1.len(), t1[0].broker, t1[0].bytes), (1, 1, 0));
        let n = &s.replicas[&TopicPartition::new("new", 0)];
        assert_eq!(n.iter().map(|r| r.broker).collect::<Vec<_>>(), vec![2, 1]);
        assert!(n.iter().all(|r| r.bytes == 0));
    }

    #[test]
    fn live_planning_balances_bytes_and_names_leaving_racks() {
        // Broker 3 leaves; 1 holds a big partition, so disk balance sends the small ones to 2.
        let racked = |id, rack: &str| Broker {
            id,
            host: format!("b{id}"),
            port: 9092,
            rack: Some(rack.to_string()),
        };
        let snap = snapshot()
            .broker(racked(1, "a"))
            .broker(racked(2, "b"))
            .broker(racked(3, "a"))
            .partition("t", 0, &[1], &[1])
            .partition("t", 1, &[3], &[3])
            .partition("t", 2, &[3], &[3])
            .build();
        let current = snap.assignment();
        let sizes = merge_sizes([
            one_broker(1, &["/d"], &[("t", 0, 1000, 0)]),
            one_broker(3, &["/d"], &[("t", 1, 10, 0), ("t", 2, 10, 0)]),
        ]);
        let keep = [BrokerSpec::new(1, Some("a")), BrokerSpec::new(2, Some("b"))];
        let p = plan_with(
            &snap,
            &current,
            &keep,
            Some(&sizes),
            &BalanceArgs::default(),
        )
        .unwrap();
        assert_eq!(p.balance, Balance::Disk);
        assert_eq!(p.target[&TopicPartition::new("t", 1)], vec![2]);
        assert_eq!(p.target[&TopicPartition::new("t", 2)], vec![2]);
        assert_eq!(p.bytes_moved, Some(20));
        assert!(p.bytes_lower_bound.is_some_and(|b| b <= 20));
        let b3 = p.brokers.iter().find(|b| b.id == 3).unwrap();
        assert!(b3.leaving);
        assert_eq!(b3.rack.as_deref(), Some("a"));
        // By count: the same two replicas leave, counts end within 1..=2.
        let count = BalanceArgs {
            balance: Some(BalanceFlag::Count),
            ..BalanceArgs::default()
        };
        let p = plan_with(&snap, &current, &keep, Some(&sizes), &count).unwrap();
        assert_eq!(p.balance, Balance::Count);
        let counts = plan::replica_counts(&p.target);
        assert!(counts.values().all(|c| (1..=2).contains(c)), "{counts:?}");
        assert_eq!(counts.get(&3), None);
        assert_eq!(p.bytes_moved, Some(20));
    }
}
