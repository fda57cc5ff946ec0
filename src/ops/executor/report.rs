//! What plans and executions print: the plan summary, the execution result and the final balance.
//! Pure: built from plans and assignments, rendered as tables or serialized.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::model::{Assignment, BrokerId, ClusterSnapshot};
use crate::output::human_bytes;
use crate::output::{Render, table, table_text};
use crate::plan::{self, AboveShare, Balance, BrokerLoad, DiskReport, Plan, RackReport};

/// A plan as the user sees it before anything runs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanSummary {
    pub brokers: Vec<BrokerLoad>,
    /// Partitions whose replica list changes (moves or reorders).
    pub partitions_changed: usize,
    pub replicas_moved: usize,
    pub lower_bound: usize,
    pub leader_changes: usize,
    /// What the planner balanced (None for a plan file).
    pub balance: Option<Balance>,
    /// Bytes the moves copy and the fewest any plan as balanced must copy (when sizes are known).
    pub bytes_moved: Option<u64>,
    pub bytes_lower_bound: Option<u64>,
    /// Bytes that must leave over-full and leaving brokers.
    pub bytes_must_leave: Option<u64>,
    /// The rack rule before and after; healing moves counted apart.
    pub rack: Option<RackReport>,
    pub disk: Option<DiskReport>,
    pub above_share: Vec<AboveShare>,
    pub notes: Vec<String>,
}

impl PlanSummary {
    pub fn new(plan: &Plan, current: &Assignment) -> Self {
        PlanSummary {
            brokers: plan.brokers.clone(),
            partitions_changed: plan.changed(current).len(),
            replicas_moved: plan.replicas_moved,
            lower_bound: plan.lower_bound,
            leader_changes: plan.leader_changes,
            balance: Some(plan.balance),
            bytes_moved: plan.bytes_moved,
            bytes_lower_bound: plan.bytes_lower_bound,
            bytes_must_leave: plan.bytes_must_leave,
            rack: Some(plan.rack.clone()),
            disk: plan.disk.clone(),
            above_share: plan.above_share.clone(),
            notes: plan.notes.clone(),
        }
    }

    /// A summary of moves alone (a plan file): counts, no bounds beyond the replica one.
    pub fn counts_only(
        brokers: Vec<BrokerLoad>,
        partitions_changed: usize,
        replicas_moved: usize,
        lower_bound: usize,
        leader_changes: usize,
    ) -> Self {
        PlanSummary {
            brokers,
            partitions_changed,
            replicas_moved,
            lower_bound,
            leader_changes,
            balance: None,
            bytes_moved: None,
            bytes_lower_bound: None,
            bytes_must_leave: None,
            rack: None,
            disk: None,
            above_share: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// The lines under the table: bytes against their bound, disks, the rack rule, and why
    /// brokers end above the even share.
    fn figures_text(&self) -> String {
        let mut s = String::new();
        if let (Some(moved), Some(bound)) = (self.bytes_moved, self.bytes_lower_bound) {
            s.push_str(&format!(
                "{} to copy (lower bound {}",
                human_bytes(moved),
                human_bytes(bound)
            ));
            if let Some(m) = self.bytes_must_leave {
                s.push_str(&format!(
                    "; {} must leave over-full brokers",
                    human_bytes(m)
                ));
            }
            s.push_str(")\n");
        }
        if let Some(d) = &self.disk {
            s.push_str(&format!(
                "disk: fullest broker {:.2}x the mean before, {:.2}x after (tolerance {:.1} %{})\n",
                d.max_over_mean_before,
                d.max_over_mean_after,
                d.tolerance * 100.0,
                if d.within_tolerance {
                    ""
                } else {
                    "; not reached"
                }
            ));
        }
        if let Some(r) = self.rack.as_ref().filter(|r| r.racks > 1) {
            s.push_str(&format!(
                "racks: {} replicas break the rack rule before, {} after",
                r.violations_before, r.violations_after
            ));
            if r.kept {
                s.push_str(" (kept: --keep-rack-violations)");
            } else if r.heal_moves > 0 {
                s.push_str(&format!(
                    "; {} of the replica moves heal them{}",
                    r.heal_moves,
                    r.heal_bytes
                        .map(|b| format!(" ({})", human_bytes(b)))
                        .unwrap_or_default()
                ));
            }
            s.push('\n');
        }
        for a in &self.above_share {
            s.push_str(&format!(
                "broker {} ends above the even share: {}\n",
                a.id, a.reason
            ));
        }
        for n in &self.notes {
            s.push_str(n);
            s.push('\n');
        }
        s
    }
}

fn bytes_arrow(before: u64, after: u64) -> String {
    if before == after {
        human_bytes(before)
    } else {
        format!("{} -> {}", human_bytes(before), human_bytes(after))
    }
}

fn arrow(before: usize, after: usize) -> String {
    if before == after {
        before.to_string()
    } else {
        format!("{before} -> {after}")
    }
}

impl Render for PlanSummary {
    fn render_text(&self, wide: bool) -> String {
        let mut header = vec!["BROKER", "REPLICAS", "LEADERS"];
        if self.disk.is_some() {
            header.push("BYTES");
        }
        if wide {
            header.extend(["RACK", "TARGET"]);
        }
        let mut t = table(header);
        for b in &self.brokers {
            let mut row = vec![
                if b.leaving {
                    format!("{} (leaving)", b.id)
                } else {
                    b.id.to_string()
                },
                arrow(b.replicas_before, b.replicas_after),
                arrow(b.leaders_before, b.leaders_after),
            ];
            if let Some(d) = &self.disk {
                row.push(
                    d.brokers
                        .iter()
                        .find(|x| x.id == b.id)
                        .map(|x| bytes_arrow(x.bytes_before, x.bytes_after))
                        .unwrap_or_default(),
                );
            }
            if wide {
                row.push(crate::output::opt(&b.rack));
                row.push(b.replicas_target.to_string());
            }
            t.add_row(row);
        }
        let mut s = table_text(&t);
        s.push_str(&format!(
            "\n{} replica moves (lower bound {}), {} partitions change, {} preferred-leader changes\n",
            self.replicas_moved, self.lower_bound, self.partitions_changed, self.leader_changes
        ));
        s.push_str(&self.figures_text());
        if self.replicas_moved < self.lower_bound {
            s.push_str(
                "the layout cannot be fully balanced: rack placement (broker.rack) keeps some \
                 replicas where they are\n",
            );
        }
        s
    }
}

/// Replicas and leaders of one broker after an operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BrokerBalance {
    pub broker: BrokerId,
    pub replicas: usize,
    pub leaders: usize,
}

/// Per broker, replicas and actual leaders in `snapshot` (every broker listed, even empty ones).
pub fn balance(snapshot: &ClusterSnapshot) -> Vec<BrokerBalance> {
    let mut m: BTreeMap<BrokerId, BrokerBalance> = snapshot
        .brokers
        .iter()
        .map(|b| {
            (
                b.id,
                BrokerBalance {
                    broker: b.id,
                    replicas: 0,
                    leaders: 0,
                },
            )
        })
        .collect();
    let zero = |b: BrokerId| BrokerBalance {
        broker: b,
        replicas: 0,
        leaders: 0,
    };
    for (_, p) in snapshot.partitions() {
        for r in &p.replicas {
            m.entry(*r).or_insert_with(|| zero(*r)).replicas += 1;
        }
        if let Some(l) = p.leader.filter(|l| *l >= 0) {
            m.entry(l).or_insert_with(|| zero(l)).leaders += 1;
        }
    }
    m.into_values().collect()
}

/// What an execution did.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct ExecReport {
    pub partitions: usize,
    pub replicas_moved: usize,
    pub bytes_moved: u64,
    pub duration_secs: f64,
    pub leaders_elected: usize,
    /// The replication throttle in bytes/s, when one was set (and removed again).
    pub throttle: Option<u64>,
    pub balance: Vec<BrokerBalance>,
}

impl ExecReport {
    pub fn render_into(&self, s: &mut String) {
        s.push_str(&format!(
            "reassigned {} partitions ({} replica moves, {}) in {:.1}s; {} preferred leaders elected{}\n\n",
            self.partitions,
            self.replicas_moved,
            human_bytes(self.bytes_moved),
            self.duration_secs,
            self.leaders_elected,
            self.throttle
                .map(|r| format!("; throttle {}/s removed", human_bytes(r)))
                .unwrap_or_default()
        ));
        s.push_str(&balance_text(&self.balance));
    }
}

pub fn balance_text(balance: &[BrokerBalance]) -> String {
    let mut t = table(["BROKER", "REPLICAS", "LEADERS"]);
    for b in balance {
        t.add_row(vec![
            b.broker.to_string(),
            b.replicas.to_string(),
            b.leaders.to_string(),
        ]);
    }
    table_text(&t)
}

/// A plan, and what its execution did when it ran (not on --dry-run).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanRun {
    pub dry_run: bool,
    pub plan: PlanSummary,
    pub execution: Option<ExecReport>,
}

impl Render for PlanRun {
    fn render_text(&self, wide: bool) -> String {
        let mut s = self.plan.render_text(wide);
        match &self.execution {
            Some(e) => {
                s.push('\n');
                e.render_into(&mut s);
            }
            None if self.dry_run => s.push_str("dry run: nothing was changed\n"),
            None => {}
        }
        s
    }
}

/// A plan summary from any target (a plan file): loads before and after per broker.
pub fn summary_of(current: &Assignment, target: &Assignment, brokers: &[BrokerId]) -> PlanSummary {
    let mut full = current.clone();
    full.extend(target.iter().map(|(tp, r)| (tp.clone(), r.clone())));
    let (rb, ra) = (plan::replica_counts(current), plan::replica_counts(&full));
    let (lb, la) = (plan::leader_counts(current), plan::leader_counts(&full));
    let all: BTreeSet<BrokerId> = brokers
        .iter()
        .copied()
        .chain(rb.keys().copied())
        .chain(ra.keys().copied())
        .collect();
    let get = |m: &BTreeMap<BrokerId, usize>, b: &BrokerId| m.get(b).copied().unwrap_or(0);
    let keep: Vec<BrokerId> = ra.keys().copied().collect();
    PlanSummary::counts_only(
        all.iter()
            .map(|b| BrokerLoad {
                id: *b,
                rack: None,
                leaving: get(&ra, b) == 0 && get(&rb, b) > 0,
                replicas_before: get(&rb, b),
                replicas_after: get(&ra, b),
                replicas_target: get(&ra, b),
                leaders_before: get(&lb, b),
                leaders_after: get(&la, b),
            })
            .collect(),
        target
            .iter()
            .filter(|(tp, r)| current.get(*tp) != Some(*r))
            .count(),
        plan::moved_replicas(current, &full),
        plan::lower_bound(current, &keep),
        plan::leader_changes(current, &full),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TopicPartition;
    use crate::plan::{BrokerSpec, PlanOptions, plan};
    use crate::testkit::snapshot;

    #[test]
    fn summary_of_a_scale_out_plan() {
        let current: Assignment = (0..6)
            .map(|p| {
                (
                    TopicPartition::new("t", p),
                    vec![1 + p % 3, 1 + (p + 1) % 3],
                )
            })
            .collect();
        let brokers: Vec<BrokerSpec> = (1..=4).map(|b| BrokerSpec::new(b, None)).collect();
        let p = plan(&current, &brokers, &PlanOptions::default()).unwrap();
        let s = PlanSummary::new(&p, &current);
        assert_eq!(s.replicas_moved, p.replicas_moved);
        assert_eq!(
            s.lower_bound, 3,
            "12 replicas on 4 brokers: 3 go to broker 4"
        );
        assert!(s.replicas_moved >= s.lower_bound);
        let text = s.render_text(false);
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].starts_with("BROKER"), "{text}");
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with('4') && l.contains("0 -> 3")),
            "{text}"
        );
        assert!(
            text.contains(&format!(
                "{} replica moves (lower bound 3)",
                s.replicas_moved
            )),
            "{text}"
        );
        assert!(s.render_text(true).contains("TARGET"));
        assert!(!text.contains("rack placement"));
        let limited = PlanSummary {
            replicas_moved: 2,
            ..s
        };
        assert!(limited.render_text(false).contains("rack placement"));
    }

    /// Sized plans print bytes against their bound, the disks and the rack rule, in the table and
    /// in JSON; rack-healing moves are counted apart.
    #[test]
    fn summary_prints_bytes_bounds_disks_and_rack_healing() {
        use crate::model::Sizes;
        use crate::plan::{PlanRequest, plan_request};
        // Racks a: 1,3  b: 2,4. t-0 has both replicas in rack a (a violation).
        let current: Assignment = [
            (TopicPartition::new("t", 0), vec![1, 3]),
            (TopicPartition::new("t", 1), vec![2, 1]),
            (TopicPartition::new("t", 2), vec![4, 3]),
        ]
        .into();
        let sizes = Sizes::from_records(current.iter().flat_map(|(tp, r)| {
            let bytes = 1000 * (1 + tp.partition as u64);
            r.iter()
                .map(move |b| (tp.clone(), *b, "/data".to_string(), bytes))
        }));
        let brokers: Vec<BrokerSpec> = [(1, "a"), (2, "b"), (3, "a"), (4, "b")]
            .iter()
            .map(|(id, r)| BrokerSpec::new(*id, Some(r)))
            .collect();
        let mut req = PlanRequest::new(&current, &brokers);
        req.sizes = Some(&sizes);
        let p = plan_request(&req).unwrap();
        let s = PlanSummary::new(&p, &current);
        let rack = s.rack.clone().unwrap();
        assert_eq!(rack.violations_after, 0);
        assert!(rack.heal_moves >= 1);
        let text = s.render_text(false);
        assert!(text.lines().next().unwrap().contains("BYTES"), "{text}");
        assert!(text.contains("to copy (lower bound"), "{text}");
        assert!(text.contains("disk: fullest broker"), "{text}");
        assert!(text.contains("of the replica moves heal them"), "{text}");
        let json = serde_json::to_value(&s).unwrap();
        assert_eq!(json["balance"], "disk");
        assert!(
            json["bytes_moved"].as_u64().unwrap() >= json["bytes_lower_bound"].as_u64().unwrap()
        );
        assert_eq!(
            json["rack"]["heal_moves"].as_u64(),
            Some(rack.heal_moves as u64)
        );

        // Kept violations: no healing moves, and the table says so.
        req.options.keep_rack_violations = true;
        let kept = PlanSummary::new(&plan_request(&req).unwrap(), &current);
        assert_eq!(kept.rack.as_ref().unwrap().heal_moves, 0);
        assert!(
            kept.render_text(false)
                .contains("kept: --keep-rack-violations")
        );
    }

    #[test]
    fn balance_counts_replicas_and_leaders() {
        let snap = snapshot()
            .brokers(&[1, 2, 3])
            .partition("t", 0, &[1, 2], &[1, 2])
            .partition_led("t", 1, None, &[2, 1], &[])
            .build();
        let b = balance(&snap);
        assert_eq!(
            b,
            vec![
                BrokerBalance {
                    broker: 1,
                    replicas: 2,
                    leaders: 1
                },
                BrokerBalance {
                    broker: 2,
                    replicas: 2,
                    leaders: 0
                },
                BrokerBalance {
                    broker: 3,
                    replicas: 0,
                    leaders: 0
                },
            ]
        );
        let text = balance_text(&b);
        assert_eq!(text.lines().count(), 4, "{text}");
    }
}
