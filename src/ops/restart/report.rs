//! What `restart` prints: per node, how long each phase took; for `--dry-run`, the order and
//! each node's verdict now.

use std::collections::BTreeMap;

use serde::Serialize;

use super::canary::CanaryReport;
use crate::model::BrokerId;
use crate::output::{self, Render};
use crate::safety::Verdict;
use crate::safety::batches::Batch;
use crate::safety::roll::{Role, Target};

/// What happened to one node.
#[derive(Debug, Clone, Serialize)]
pub struct StepReport {
    pub role: Role,
    pub id: BrokerId,
    pub pod: String,
    /// Waiting for the safety checks (and the settle window) before the eviction.
    pub checks_wait_secs: f64,
    /// Waiting for a PodDisruptionBudget to allow the eviction.
    pub eviction_wait_secs: f64,
    /// From the eviction to the replacement pod Ready: the node's own stop and start.
    pub pod_restart_secs: f64,
    /// From pod Ready to the broker registered and back in every ISR (controllers: caught up).
    pub catch_up_secs: f64,
    /// The preferred leader election afterwards.
    pub election_secs: f64,
    pub partitions_elected: usize,
    pub total_secs: f64,
    pub old_uid: String,
    pub new_uid: String,
    /// Resumed from an interrupted run: the pod had already been evicted.
    pub resumed_in_flight: bool,
}

/// A node's verdict for `--dry-run`.
#[derive(Debug, Clone, Serialize)]
pub struct DryRunVerdict {
    pub role: Role,
    pub id: BrokerId,
    pub pod: String,
    pub pod_ready: bool,
    pub verdict: Verdict,
}

/// The summary printed on stdout.
#[derive(Debug, Clone, Serialize)]
pub struct RestartReport {
    pub namespace: String,
    pub cluster: String,
    pub run_id: Option<String>,
    pub dry_run: bool,
    /// Continued an interrupted run.
    pub resumed: bool,
    /// Every node in restart order, including those done by an earlier run.
    pub order: Vec<Target>,
    /// Done by the interrupted run this one continued.
    pub skipped: Vec<BrokerId>,
    pub restarted: Vec<StepReport>,
    /// `--dry-run`: the current verdict for each node.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub verdicts: Vec<DryRunVerdict>,
    /// `--parallel`: the brokers restarted together, and why each batch is safe.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub batches: Vec<Batch>,
    /// Under-replicated partitions now (dry run) or at the end.
    pub under_replicated: usize,
    /// Partitions led per broker at the end (or now, for a dry run).
    pub leaders: BTreeMap<BrokerId, usize>,
    /// Partitions not led by their preferred replica at the end.
    pub not_preferred_leader: usize,
    /// Risks accepted along the way (--force, RF ≤ min.insync.replicas partitions).
    pub warnings: Vec<String>,
    pub total_secs: f64,
    /// `--canary`: what clients saw, per step.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub canary: Option<CanaryReport>,
}

impl Render for RestartReport {
    fn render_text(&self, _wide: bool) -> String {
        let mut s = String::new();
        if self.dry_run {
            let mut t = output::table(["ORDER", "ROLE", "ID", "POD", "POD READY", "VERDICT"]);
            for (i, v) in self.verdicts.iter().enumerate() {
                let verdict = match &v.verdict {
                    Verdict::Allowed { .. } => "allowed now".to_string(),
                    Verdict::Blocked { reasons, .. } => {
                        let r: Vec<String> = reasons.iter().map(ToString::to_string).collect();
                        format!("blocked: {}", r.join("; "))
                    }
                };
                t.add_row([
                    (i + 1).to_string(),
                    v.role.name().to_string(),
                    v.id.to_string(),
                    v.pod.clone(),
                    if v.pod_ready { "yes" } else { "no" }.into(),
                    verdict,
                ]);
            }
            s.push_str(&output::table_text(&t));
            if !self.batches.is_empty() {
                let mut b = output::table(["BATCH", "BROKERS", "RACK", "WHY"]);
                for (i, batch) in self.batches.iter().enumerate() {
                    b.add_row([
                        (i + 1).to_string(),
                        output::ids(&batch.brokers),
                        batch.rack.clone().unwrap_or_else(|| "-".into()),
                        batch.why.clone(),
                    ]);
                }
                s.push_str(&output::table_text(&b));
            }
            if !self.skipped.is_empty() {
                s.push_str(&format!(
                    "done by the interrupted run (skipped): {}\n",
                    output::ids(&self.skipped)
                ));
            }
            s.push_str(&format!(
                "dry run: nothing restarted; under-replicated partitions now: {}\n",
                self.under_replicated
            ));
        } else {
            let mut t = output::table([
                "ROLE",
                "ID",
                "POD",
                "CHECKS",
                "EVICTION",
                "POD RESTART",
                "CATCH-UP",
                "ELECTED",
                "TOTAL",
            ]);
            for r in &self.restarted {
                t.add_row([
                    r.role.name().to_string(),
                    r.id.to_string(),
                    r.pod.clone(),
                    secs(r.checks_wait_secs),
                    secs(r.eviction_wait_secs),
                    secs(r.pod_restart_secs),
                    secs(r.catch_up_secs),
                    r.partitions_elected.to_string(),
                    secs(r.total_secs),
                ]);
            }
            s.push_str(&output::table_text(&t));
            if !self.skipped.is_empty() {
                s.push_str(&format!(
                    "skipped (done by the interrupted run): {}\n",
                    output::ids(&self.skipped)
                ));
            }
            let leaders: Vec<String> = self
                .leaders
                .iter()
                .map(|(b, n)| format!("{b}:{n}"))
                .collect();
            s.push_str(&format!(
                "restarted {} node(s) in {}; leaders per broker {}; partitions not on their preferred leader: {}\n",
                self.restarted.len(),
                secs(self.total_secs),
                leaders.join(" "),
                self.not_preferred_leader
            ));
        }
        if let Some(c) = &self.canary {
            s.push_str(&c.render_text());
        }
        for w in &self.warnings {
            s.push_str(&format!("warning: {w}\n"));
        }
        s
    }
}

pub fn secs(s: f64) -> String {
    format!("{s:.1}s")
}
