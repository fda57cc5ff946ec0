//! What plans and executions print: the plan summary, the execution result and the final balance.
//! Pure: built from plans and assignments, rendered as tables or serialized.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{Assignment, BrokerId, ClusterSnapshot};
use crate::output::human_bytes;
use crate::output::{Render, table, table_text};
use crate::plan::{BrokerLoad, Plan};

/// A plan as the user sees it before anything runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanSummary {
    pub brokers: Vec<BrokerLoad>,
    /// Partitions whose replica list changes (moves or reorders).
    pub partitions_changed: usize,
    pub replicas_moved: usize,
    pub lower_bound: usize,
    pub leader_changes: usize,
}

impl PlanSummary {
    pub fn new(plan: &Plan, current: &Assignment) -> Self {
        PlanSummary {
            brokers: plan.brokers.clone(),
            partitions_changed: plan.changed(current).len(),
            replicas_moved: plan.replicas_moved,
            lower_bound: plan.lower_bound,
            leader_changes: plan.leader_changes,
        }
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
