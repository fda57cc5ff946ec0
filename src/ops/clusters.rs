//! `kubectl kafka clusters`: what discovery found.

use serde::Serialize;

use crate::error::{ExitStatus, Result};
use crate::k8s::discovery::{Convention, KafkaCluster, Workload};
use crate::output::{Render, table, table_text};

/// `-o json|yaml` of `clusters`.
#[derive(Debug, Clone, Serialize)]
pub struct ClustersReport {
    pub clusters: Vec<ClusterEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClusterEntry {
    pub namespace: String,
    pub name: String,
    /// StatefulSet, Deployment, Kafka (Strimzi custom resource), ...
    pub workload_kind: String,
    pub workloads: Vec<Workload>,
    pub controller_workloads: Vec<Workload>,
    pub convention: Convention,
    pub pods_ready: usize,
    pub pods_total: usize,
    pub broker_pods: Vec<String>,
    pub controller_pods: Vec<String>,
}

impl From<&KafkaCluster> for ClusterEntry {
    fn from(c: &KafkaCluster) -> Self {
        ClusterEntry {
            namespace: c.namespace.clone(),
            name: c.name.clone(),
            workload_kind: c.workload_kind(),
            workloads: c.workloads.clone(),
            controller_workloads: c.controller_workloads.clone(),
            convention: c.convention,
            pods_ready: c.pods_ready(),
            pods_total: c.pods_total(),
            broker_pods: c.pods.iter().map(|p| p.name.clone()).collect(),
            controller_pods: c.controllers.iter().map(|p| p.name.clone()).collect(),
        }
    }
}

impl Render for ClustersReport {
    fn render_text(&self, wide: bool) -> String {
        let mut header = vec![
            "NAMESPACE",
            "NAME",
            "KIND",
            "READY",
            "BROKERS",
            "CONTROLLERS",
            "LABELS",
        ];
        if wide {
            header.push("WORKLOADS");
        }
        let mut t = table(header);
        for c in &self.clusters {
            let mut row = vec![
                c.namespace.clone(),
                c.name.clone(),
                c.workload_kind.clone(),
                format!("{}/{}", c.pods_ready, c.pods_total),
                c.broker_pods.len().to_string(),
                c.controller_pods.len().to_string(),
                c.convention.to_string(),
            ];
            if wide {
                row.push(
                    c.workloads
                        .iter()
                        .chain(&c.controller_workloads)
                        .map(|w| format!("{}/{}", w.kind, w.name))
                        .collect::<Vec<_>>()
                        .join(","),
                );
            }
            t.add_row(row);
        }
        table_text(&t)
    }
}

pub fn report(clusters: &[KafkaCluster]) -> ClustersReport {
    ClustersReport {
        clusters: clusters.iter().map(ClusterEntry::from).collect(),
    }
}

/// `kubectl kafka clusters`: every cluster found by label.
pub async fn run(ctx: &super::Context) -> Result<ExitStatus> {
    let clusters = ctx.discover().await?;
    if clusters.is_empty() {
        // Same answer as every other verb when nothing matches: exit 2, saying where we looked.
        return Err(crate::k8s::discovery::nothing_found(&ctx.scope()));
    }
    ctx.emit(&report(&clusters))
}
