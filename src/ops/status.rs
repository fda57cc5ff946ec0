//! `kubectl kafka status [CLUSTER]`: brokers ↔ pods, then cluster health.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::time::Duration;

use clap::Args;
use serde::Serialize;

use super::Context;
use super::executor::throttle::{self, Throttle};
use crate::error::{Error, ExitStatus, Result};
use crate::k8s::discovery::{self, KafkaCluster, MatchedBy};
use crate::model::{BrokerId, ClusterSnapshot, TopicPartition};
use crate::output::{Render, opt, table, table_text};
use crate::safety::{Health, health};

mod disk;
pub use disk::DiskReport;

/// `kubectl kafka status [CLUSTER]`
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// The cluster to show (needed when the namespace holds several)
    #[arg(value_name = "CLUSTER")]
    pub cluster: Option<String>,

    /// Exit with 1 when the cluster is unhealthy (offline, under-replicated or under-min-ISR
    /// partitions, reassignments in flight, leftover throttles, brokers without pods)
    #[arg(long)]
    pub exit_code: bool,

    /// Poll until the cluster is healthy, then print it and exit 0; exit 4 after --timeout
    #[arg(long, conflicts_with = "watch")]
    pub until_healthy: bool,

    /// Limit for --until-healthy
    #[arg(long, default_value = "5m", value_name = "DURATION", value_parser = super::flags::parse_duration)]
    pub timeout: Duration,

    /// Redraw the status every --interval until Ctrl-C
    #[arg(long, short = 'w')]
    pub watch: bool,

    /// Pause between polls with --watch and --until-healthy
    #[arg(long, default_value = "2s", value_name = "DURATION", value_parser = super::flags::parse_duration)]
    pub interval: Duration,

    /// Also list the N largest partitions (the size of their largest replica) with the disk
    /// usage; the disk usage itself comes with -o wide|json|yaml
    #[arg(long, default_value_t = 0, value_name = "N", value_parser = clap::value_parser!(u16))]
    pub top_partitions: u16,
}

/// `-o json|yaml` of `status`.
#[derive(Debug, Clone, Serialize)]
pub struct StatusReport {
    /// Kubernetes namespace and cluster name; null when no pods were found (--bootstrap-server).
    pub namespace: Option<String>,
    pub cluster: Option<String>,
    pub cluster_id: Option<String>,
    /// Broker id of the active controller (KRaft: the quorum leader when known).
    pub controller_id: Option<BrokerId>,
    pub brokers: Vec<BrokerRow>,
    /// KRaft controller-only pods.
    pub controllers: Vec<ControllerRow>,
    pub health: HealthReport,
    /// False when anything in `health` is non-empty, or a broker has no pod / a pod no broker.
    pub healthy: bool,
    /// Bytes per broker and log dir (DescribeLogDirs): with -o wide|json|yaml or
    /// --top-partitions, not with --watch or --until-healthy.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disk: Option<DiskReport>,
    /// How the brokers were reached: bootstrap (--bootstrap-server), advertised, direct or
    /// port-forward.
    pub connection: crate::kafka::Route,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BrokerRow {
    /// Null for a pod that Kafka does not list as a broker.
    pub id: Option<BrokerId>,
    /// Null for a broker without a pod.
    pub pod: Option<String>,
    pub node: Option<String>,
    /// Pod readiness; false without a pod.
    pub ready: bool,
    pub rack: Option<String>,
    /// Advertised address, null without a broker.
    pub address: Option<String>,
    pub controller: bool,
    /// Partitions this broker leads.
    pub leaders: usize,
    /// Partition replicas this broker holds.
    pub replicas: usize,
    /// "ok", "no-pod" (broker in Kafka without a pod), "no-broker" (pod unknown to Kafka).
    pub state: String,
    /// How pod and broker were tied: pod-ip, hostname, declared-id, ordinal.
    pub matched_by: Option<MatchedBy>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ControllerRow {
    pub pod: String,
    pub node: Option<String>,
    pub ready: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct HealthReport {
    pub offline_partitions: Vec<TopicPartition>,
    pub under_replicated: Vec<TopicPartition>,
    pub under_min_isr: Vec<TopicPartition>,
    pub reassignments: Vec<TopicPartition>,
    pub throttles: Vec<Throttle>,
    /// Topics whose min.insync.replicas could not be read (not authorized, timed out).
    pub min_isr_unknown: Vec<String>,
}

/// Leaders and replicas per broker.
pub fn load(snap: &ClusterSnapshot) -> BTreeMap<BrokerId, (usize, usize)> {
    let mut m: BTreeMap<BrokerId, (usize, usize)> = BTreeMap::new();
    for (_, p) in snap.partitions() {
        if let Some(l) = p.leader.filter(|l| *l >= 0) {
            m.entry(l).or_default().0 += 1;
        }
        for r in &p.replicas {
            m.entry(*r).or_default().1 += 1;
        }
    }
    m
}

/// Assemble the report (pure: every fact is passed in).
pub fn build(
    cluster: Option<&KafkaCluster>,
    snap: &ClusterSnapshot,
    health: &Health,
    mut throttles: Vec<Throttle>,
) -> StatusReport {
    let pods = cluster.map(|c| c.pods.as_slice()).unwrap_or_default();
    let bindings = discovery::bind(&snap.brokers, pods);
    let load = load(snap);
    let controller_id = snap
        .quorum
        .as_ref()
        .map(|q| q.leader_id)
        .or(snap.controller_id)
        .filter(|id| *id >= 0);
    let mut brokers: Vec<BrokerRow> = bindings
        .iter()
        .map(|b| {
            let pod = b.pod.and_then(|i| pods.get(i));
            let (leaders, replicas) = b
                .broker
                .as_ref()
                .and_then(|br| load.get(&br.id).copied())
                .unwrap_or_default();
            let state = match (&b.broker, pod) {
                (Some(_), Some(_)) => "ok",
                (Some(_), None) if cluster.is_some() => "no-pod",
                (Some(_), None) => "ok",
                (None, _) => "no-broker",
            };
            BrokerRow {
                id: b.broker.as_ref().map(|br| br.id),
                pod: pod.map(|p| p.name.clone()),
                node: pod.and_then(|p| p.node.clone()),
                ready: pod.is_some_and(|p| p.ready),
                rack: b.broker.as_ref().and_then(|br| br.rack.clone()),
                address: b
                    .broker
                    .as_ref()
                    .map(|br| format!("{}:{}", br.host, br.port)),
                controller: b
                    .broker
                    .as_ref()
                    .is_some_and(|br| Some(br.id) == controller_id),
                leaders,
                replicas,
                state: state.into(),
                matched_by: b.matched_by,
            }
        })
        .collect();
    brokers.sort_by_key(|r| (r.id.is_none(), r.id, r.pod.clone()));
    throttles.sort();
    let tps =
        |v: &[crate::safety::PartitionIssue]| v.iter().map(|i| i.tp.clone()).collect::<Vec<_>>();
    let h = HealthReport {
        offline_partitions: tps(&health.offline),
        under_replicated: tps(&health.under_replicated),
        under_min_isr: tps(&health.under_min_isr),
        reassignments: health.reassigning.clone(),
        throttles,
        min_isr_unknown: health.min_isr_unknown.clone(),
    };
    let healthy =
        health.is_healthy() && h.throttles.is_empty() && brokers.iter().all(|b| b.state == "ok");
    StatusReport {
        namespace: cluster.map(|c| c.namespace.clone()),
        cluster: cluster.map(|c| c.name.clone()),
        cluster_id: snap.cluster_id.clone(),
        controller_id,
        brokers,
        controllers: cluster
            .map(|c| {
                c.controllers
                    .iter()
                    .map(|p| ControllerRow {
                        pod: p.name.clone(),
                        node: p.node.clone(),
                        ready: p.ready,
                    })
                    .collect()
            })
            .unwrap_or_default(),
        health: h,
        healthy,
        disk: None,
        connection: crate::kafka::Route::default(),
    }
}

fn tp_list(v: &[TopicPartition]) -> String {
    const MAX: usize = 10;
    let mut s: Vec<String> = v.iter().take(MAX).map(ToString::to_string).collect();
    if v.len() > MAX {
        s.push(format!("... {} more", v.len() - MAX));
    }
    s.join(", ")
}

impl Render for StatusReport {
    fn render_text(&self, wide: bool) -> String {
        let mut out = String::new();
        if let (Some(ns), Some(c)) = (&self.namespace, &self.cluster) {
            out.push_str(&format!("Cluster {ns}/{c}"));
            if let Some(id) = &self.cluster_id {
                out.push_str(&format!(" (id {id})"));
            }
            out.push_str("\n\n");
        }
        let mut header = vec![
            "ID",
            "POD",
            "NODE",
            "READY",
            "RACK",
            "CONTROLLER",
            "LEADERS",
            "REPLICAS",
            "STATE",
        ];
        if wide {
            header.extend(["ADDRESS", "MATCHED-BY"]);
        }
        let mut t = table(header);
        for b in &self.brokers {
            let mut row = vec![
                opt(&b.id),
                b.pod.clone().unwrap_or_else(|| "<none>".into()),
                opt(&b.node),
                if b.pod.is_some() {
                    b.ready.to_string()
                } else {
                    "-".into()
                },
                opt(&b.rack),
                if b.controller {
                    "yes".into()
                } else {
                    String::new()
                },
                b.leaders.to_string(),
                b.replicas.to_string(),
                b.state.clone(),
            ];
            if wide {
                row.push(opt(&b.address));
                row.push(b.matched_by.map_or_else(
                    || "-".into(),
                    |m| {
                        serde_json::to_value(m)
                            .ok()
                            .and_then(|v| v.as_str().map(str::to_string))
                            .unwrap_or_default()
                    },
                ));
            }
            t.add_row(row);
        }
        out.push_str(&table_text(&t));
        if !self.controllers.is_empty() {
            let c: Vec<String> = self
                .controllers
                .iter()
                .map(|c| format!("{}{}", c.pod, if c.ready { "" } else { " (not ready)" }))
                .collect();
            out.push_str(&format!("\nKRaft controllers: {}", c.join(", ")));
            if let Some(id) = self.controller_id
                && !self.brokers.iter().any(|b| b.controller)
            {
                out.push_str(&format!(" (active controller: node {id})"));
            }
            out.push('\n');
        }
        if let Some(d) = &self.disk {
            d.render(&mut out);
        }
        let h = &self.health;
        out.push_str("\nHealth:\n");
        let mut t = table(["CHECK", "COUNT", "DETAILS"]);
        for (name, v) in [
            ("offline partitions", &h.offline_partitions),
            ("under-replicated", &h.under_replicated),
            ("under min ISR", &h.under_min_isr),
            ("ongoing reassignments", &h.reassignments),
        ] {
            t.add_row(vec![name.to_string(), v.len().to_string(), tp_list(v)]);
        }
        let th: Vec<String> = h
            .throttles
            .iter()
            .map(|x| format!("{} {} {}={}", x.resource, x.name, x.config, x.value))
            .collect();
        t.add_row(vec![
            "replication throttles".to_string(),
            th.len().to_string(),
            th.join(", "),
        ]);
        if !h.min_isr_unknown.is_empty() {
            t.add_row(vec![
                "min ISR unknown".to_string(),
                h.min_isr_unknown.len().to_string(),
                format!(
                    "{} (grant DescribeConfigs on these topics)",
                    h.min_isr_unknown.join(", ")
                ),
            ]);
        }
        out.push_str(&table_text(&t));
        out.push_str(&format!(
            "\nCluster is {}.\n",
            if self.healthy {
                "healthy"
            } else {
                "NOT healthy"
            }
        ));
        out
    }
}

/// Gather the facts and build the report.
pub async fn report(ctx: &Context, args: &StatusArgs, with_disk: bool) -> Result<StatusReport> {
    let cluster = ctx.cluster_for_kafka(args.cluster.as_deref()).await?;
    let admin = ctx.admin_for(cluster.as_ref()).await?;
    let snap = admin.snapshot().await?;
    let h = health(&snap);
    let throttles = throttle::list(&admin, &snap).await?;
    let mut r = build(cluster.as_ref(), &snap, &h, throttles);
    r.connection = admin.connect_options().route;
    if with_disk {
        r.disk = Some(disk_usage(&admin, &snap, usize::from(args.top_partitions)).await);
    }
    Ok(r)
}

/// Every broker's log dirs, read side by side; a broker that cannot answer is reported with its
/// error and the others are still shown.
async fn disk_usage(admin: &crate::kafka::Admin, snap: &ClusterSnapshot, top: usize) -> DiskReport {
    let per_broker = futures::future::join_all(snap.brokers.iter().map(|b| async move {
        (
            b.id,
            admin
                .describe_log_dir_usage(b.id)
                .await
                .map_err(|e| e.to_string()),
        )
    }))
    .await;
    DiskReport::build(per_broker, top)
}

/// What is not healthy, in one line for progress messages.
pub fn unhealthy_summary(r: &StatusReport) -> String {
    let h = &r.health;
    let mut parts = Vec::new();
    for (n, what) in [
        (h.offline_partitions.len(), "offline"),
        (h.under_replicated.len(), "under-replicated"),
        (h.under_min_isr.len(), "under min ISR"),
        (h.reassignments.len(), "reassigning"),
        (h.throttles.len(), "throttles left"),
        (h.min_isr_unknown.len(), "min.insync.replicas unreadable"),
    ] {
        if n > 0 {
            parts.push(format!("{n} {what}"));
        }
    }
    let odd = r.brokers.iter().filter(|b| b.state != "ok").count();
    if odd > 0 {
        parts.push(format!(
            "{odd} broker(s) without pod or pod(s) without broker"
        ));
    }
    if parts.is_empty() {
        "healthy".into()
    } else {
        parts.join(", ")
    }
}

/// Poll until healthy (exit 0, the healthy report on stdout) or `--timeout` (exit 4, the last
/// report on stdout). A poll that fails (a broker restarting) counts as not healthy yet.
async fn until_healthy(ctx: &Context, args: &StatusArgs) -> Result<ExitStatus> {
    let deadline = crate::deadline::Deadline::after(args.timeout);
    let started = std::time::Instant::now();
    let mut last: Option<StatusReport> = None;
    loop {
        match report(ctx, args, false).await {
            Ok(r) if r.healthy => {
                crate::output::note(format!(
                    "healthy after {:.1}s",
                    started.elapsed().as_secs_f64()
                ));
                return ctx.emit(&r);
            }
            Ok(r) => {
                crate::output::note(format!(
                    "[{:>5.1}s] not healthy yet: {}",
                    started.elapsed().as_secs_f64(),
                    unhealthy_summary(&r)
                ));
                last = Some(r);
            }
            Err(e @ (Error::Usage(_) | Error::Refused(_))) => return Err(e),
            Err(e) => crate::output::note(format!(
                "[{:>5.1}s] not healthy yet: {e}",
                started.elapsed().as_secs_f64()
            )),
        }
        if deadline.is_past() {
            if let Some(r) = &last {
                crate::output::emit(r, ctx.global.output)?;
            }
            return Err(Error::timeout(format!(
                "the cluster was not healthy within {:?}; see the status above, or wait longer with --timeout",
                args.timeout
            )));
        }
        tokio::time::sleep(
            deadline
                .remaining()
                .map_or(args.interval, |r| r.min(args.interval)),
        )
        .await;
    }
}

/// Redraw every `--interval` until Ctrl-C (a terminal is cleared first; a pipe gets one report
/// after the other). A failed poll is shown and the next one tried.
async fn watch(ctx: &Context, args: &StatusArgs) -> Result<ExitStatus> {
    let clear = std::io::stdout().is_terminal() && !ctx.global.output.is_machine();
    loop {
        let r = report(ctx, args, false).await;
        if clear {
            print!("\x1b[2J\x1b[H");
        }
        match r {
            Ok(r) => crate::output::emit(&r, ctx.global.output)?,
            Err(e @ (Error::Usage(_) | Error::Refused(_))) => return Err(e),
            Err(e) => crate::output::note(format!("status failed: {e}")),
        }
        tokio::select! {
            _ = tokio::time::sleep(args.interval) => {}
            _ = tokio::signal::ctrl_c() => return Ok(ExitStatus::Ok),
        }
    }
}

/// Print the report; with `--exit-code`, an unhealthy cluster exits 1.
pub async fn run(ctx: &Context, args: &StatusArgs) -> Result<ExitStatus> {
    if args.until_healthy {
        return until_healthy(ctx, args).await;
    }
    if args.watch {
        return watch(ctx, args).await;
    }
    let with_disk =
        ctx.global.output != crate::output::OutputFormat::Table || args.top_partitions > 0;
    let r = report(ctx, args, with_disk).await?;
    ctx.emit(&r)?;
    Ok(if args.exit_code && !r.healthy {
        ExitStatus::Failed
    } else {
        ExitStatus::Ok
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::k8s::discovery::{Convention, PodFacts, Workload};
    use crate::model::{Broker, OngoingReassignment};
    use crate::testkit::snapshot;

    fn pod(name: &str, ip: &str, port: u16) -> PodFacts {
        PodFacts {
            name: name.into(),
            namespace: "kafka".into(),
            labels: Default::default(),
            owner: Workload {
                kind: "StatefulSet".into(),
                name: "kafka".into(),
            },
            ip: Some(ip.into()),
            node: Some("n1".into()),
            ready: true,
            phase: Some("Running".into()),
            hostname: None,
            subdomain: None,
            kafka_port: port,
            ports: vec![port],
            roles: None,
            declared_id: None,
        }
    }

    fn cluster(pods: Vec<PodFacts>) -> KafkaCluster {
        KafkaCluster {
            namespace: "kafka".into(),
            name: "kafka".into(),
            convention: Convention::App,
            workloads: vec![],
            controller_workloads: vec![],
            pods,
            controllers: vec![],
        }
    }

    fn snap(brokers: &[i32]) -> ClusterSnapshot {
        let mut b = snapshot().cluster_id("abc").controller(1000);
        for &id in brokers {
            b = b.broker(Broker {
                id,
                host: "10.0.0.1".into(),
                port: 9092 + id,
                rack: Some(format!("r{id}")),
            });
        }
        b.partition("t", 0, &[0, 1], &[0, 1])
            .partition("t", 1, &[1, 2], &[1])
            .build()
    }

    #[test]
    fn brokers_pods_and_gaps() {
        // Broker 2 has no pod; pod kafka-9 has no broker.
        let c = cluster(vec![
            pod("kafka-0", "10.0.0.1", 9092),
            pod("kafka-1", "10.0.0.1", 9093),
            pod("kafka-9", "10.0.0.9", 9092),
        ]);
        let s = snap(&[0, 1, 2]);
        let h = health(&s);
        let r = build(Some(&c), &s, &h, vec![]);
        let rows: Vec<(Option<i32>, Option<&str>, &str)> = r
            .brokers
            .iter()
            .map(|b| (b.id, b.pod.as_deref(), b.state.as_str()))
            .collect();
        assert_eq!(
            rows,
            [
                (Some(0), Some("kafka-0"), "ok"),
                (Some(1), Some("kafka-1"), "ok"),
                (Some(2), None, "no-pod"),
                (None, Some("kafka-9"), "no-broker")
            ]
        );
        assert_eq!((r.brokers[0].leaders, r.brokers[0].replicas), (1, 1));
        assert_eq!((r.brokers[1].leaders, r.brokers[1].replicas), (1, 2));
        assert_eq!(r.health.under_replicated, vec![TopicPartition::new("t", 1)]);
        assert!(!r.healthy);
        let text = r.render_text(false);
        assert!(
            text.contains("no-pod") && text.contains("<none>") && text.contains("NOT healthy"),
            "{text}"
        );
    }

    #[test]
    fn healthy_and_throttles() {
        let c = cluster(vec![
            pod("kafka-0", "10.0.0.1", 9092),
            pod("kafka-1", "10.0.0.1", 9093),
            pod("kafka-2", "10.0.0.1", 9094),
        ]);
        let mut s = snap(&[0, 1, 2]);
        s.topics[0].partitions[1].isr = vec![1, 2];
        let h = health(&s);
        let r = build(Some(&c), &s, &h, vec![]);
        assert!(r.healthy, "{r:#?}");
        let th = throttle::throttles_of(
            "topic",
            "t",
            &[(
                "leader.replication.throttled.replicas".into(),
                Some("*".into()),
            )],
        );
        let r = build(Some(&c), &s, &h, th);
        assert!(!r.healthy);
        s.reassignments.push(OngoingReassignment {
            tp: TopicPartition::new("t", 0),
            replicas: vec![0, 1, 2],
            adding: vec![2],
            removing: vec![],
        });
        let h = health(&s);
        let r = build(Some(&c), &s, &h, vec![]);
        assert_eq!(r.health.reassignments.len(), 1);
        assert!(!r.healthy);
    }

    #[test]
    fn controller_flag_and_json_fields() {
        let mut s = snap(&[0, 1]);
        s.controller_id = Some(1);
        let h = health(&s);
        let r = build(None, &s, &h, vec![]);
        assert!(r.brokers[1].controller && !r.brokers[0].controller);
        assert_eq!(
            r.brokers[0].state, "ok",
            "without discovery a broker is not missing a pod"
        );
        let v = serde_json::to_value(&r).unwrap();
        for k in [
            "namespace",
            "cluster",
            "cluster_id",
            "controller_id",
            "brokers",
            "controllers",
            "health",
            "healthy",
        ] {
            assert!(v.get(k).is_some(), "missing {k}");
        }
        for k in [
            "offline_partitions",
            "under_replicated",
            "under_min_isr",
            "reassignments",
            "throttles",
            "min_isr_unknown",
        ] {
            assert!(v["health"].get(k).is_some(), "missing health.{k}");
        }
    }
}
