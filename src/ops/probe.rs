//! `kubectl kafka probe [CLUSTER]`: proof that the cluster serves clients end to end.
//!
//! A canary topic holds one partition led by each broker (RF = min(3, brokers),
//! min.insync.replicas no higher than that). Each round produces a few records with acks=all to
//! every broker's partition and consumes them back, and reports per broker the produce
//! acknowledgements, the produce and end-to-end latencies (p50/p99/max) and the failures.
//!
//! Records go through [`crate::kafka::data`], on the admin plane's connections: the probe works
//! on every `--connect` route, with TLS and SASL. [`produce_one`] and [`read_arrived`] are the
//! engine's two steps, usable by any command that watches a cluster serve clients.

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use bytes::Bytes;
use clap::Args;
use serde::Serialize;

use super::Context;
use super::flags::parse_duration;
use crate::deadline::Deadline;
use crate::error::{Error, ExitStatus, Result};
use crate::kafka::admin::ConfigResource;
use crate::kafka::data::{DataPlane, Fetched, NewRecord};
use crate::kafka::errors::codes;
use crate::kafka::{Admin, NewTopic};
use crate::model::{BrokerId, PartitionState, TopicPartition};
use crate::output::{self, Render, opt, table, table_text};
use crate::plan::canary::{
    LatencySummary, canary_assignment, canary_min_isr, canary_replication_factor,
};

pub const DEFAULT_TOPIC: &str = "__kubectl_kafka_canary";

/// `kubectl kafka probe [CLUSTER]`
#[derive(Debug, Args)]
pub struct ProbeArgs {
    /// The cluster to probe (needed when the namespace holds several)
    #[arg(value_name = "CLUSTER")]
    pub cluster: Option<String>,

    /// Canary topic, created on demand with one partition led by each broker
    #[arg(long, default_value = DEFAULT_TOPIC, value_name = "TOPIC")]
    pub topic: String,

    /// Records produced to each broker per round
    #[arg(long, default_value_t = 5, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub messages: u32,

    /// How long a broker may take to acknowledge or deliver a record before it counts as failed
    #[arg(long, default_value = "10s", value_name = "DURATION", value_parser = parse_duration)]
    pub timeout: Duration,

    /// Keep probing, one round every --interval, until Ctrl-C
    #[arg(long, short = 'w')]
    pub watch: bool,

    /// Pause between rounds with --watch
    #[arg(long, default_value = "5s", value_name = "DURATION", value_parser = parse_duration)]
    pub interval: Duration,

    /// Delete the canary topic and exit
    #[arg(long, conflicts_with = "watch")]
    pub delete: bool,
}

/// `-o json|yaml` of `probe`: one document per round.
#[derive(Debug, Clone, Serialize)]
pub struct ProbeReport {
    pub topic: String,
    /// Whether this round created the canary topic.
    pub created: bool,
    pub replication_factor: usize,
    pub min_insync_replicas: Option<i32>,
    pub messages_per_broker: u32,
    pub timeout_ms: u64,
    pub brokers: Vec<BrokerProbe>,
    /// True when every broker acknowledged and delivered every record.
    pub ok: bool,
}

/// The figures of one broker in one round.
#[derive(Debug, Clone, Serialize)]
pub struct BrokerProbe {
    pub broker: BrokerId,
    /// The canary partition this broker leads by preference; null when it has none.
    pub partition: Option<i32>,
    /// The partition's leader when the round started.
    pub leader: Option<BrokerId>,
    pub sent: u32,
    /// Records acknowledged by all in-sync replicas (acks=all).
    pub acked: u32,
    /// Acknowledged records read back by the consumer.
    pub consumed: u32,
    /// Records not acknowledged, or acknowledged but never read back, or not sent.
    pub failures: u32,
    /// Produce latency: send until acks=all acknowledgement.
    pub produce_latency: Option<LatencySummary>,
    /// End-to-end latency: send until the consumer receives the record.
    pub e2e_latency: Option<LatencySummary>,
    /// Distinct errors (e.g. "broker 1 did not answer Produce within 10s").
    pub errors: Vec<String>,
    pub ok: bool,
}

impl BrokerProbe {
    fn failed(broker: BrokerId, partition: Option<&PartitionState>, n: u32, why: String) -> Self {
        BrokerProbe {
            broker,
            partition: partition.map(|p| p.partition),
            leader: partition.and_then(|p| p.leader),
            sent: 0,
            acked: 0,
            consumed: 0,
            failures: n,
            produce_latency: None,
            e2e_latency: None,
            errors: vec![why],
            ok: false,
        }
    }
}

impl Render for ProbeReport {
    fn render_text(&self, wide: bool) -> String {
        let mut header = vec![
            "BROKER",
            "PARTITION",
            "LEADER",
            "ACKED",
            "FAILED",
            "PRODUCE ms p50/p99/max",
            "E2E ms p50/p99/max",
            "STATUS",
        ];
        if wide {
            header.insert(4, "CONSUMED");
        }
        let mut t = table(header);
        for b in &self.brokers {
            let mut row = vec![
                b.broker.to_string(),
                opt(&b.partition),
                opt(&b.leader),
                format!("{}/{}", b.acked, self.messages_per_broker),
                b.failures.to_string(),
                LatencySummary::text(&b.produce_latency),
                LatencySummary::text(&b.e2e_latency),
                if b.ok { "ok".into() } else { "FAILED".into() },
            ];
            if wide {
                row.insert(4, b.consumed.to_string());
            }
            t.add_row(row);
        }
        let mut out = table_text(&t);
        for b in self.brokers.iter().filter(|b| !b.errors.is_empty()) {
            for e in &b.errors {
                out.push_str(&format!("broker {}: {e}\n", b.broker));
            }
        }
        let failed = self.brokers.iter().filter(|b| !b.ok).count();
        out.push_str(&format!(
            "\nTopic {} (RF {}, min.insync.replicas {}): {}\n",
            self.topic,
            self.replication_factor,
            opt(&self.min_insync_replicas),
            if self.ok {
                format!("all {} brokers ok", self.brokers.len())
            } else {
                format!("{failed} of {} brokers FAILED", self.brokers.len())
            }
        ));
        out
    }
}

/// `-o json|yaml` of `probe --delete`.
#[derive(Debug, Clone, Serialize)]
pub struct DeleteReport {
    pub topic: String,
    /// False when there was no such topic.
    pub deleted: bool,
}

impl Render for DeleteReport {
    fn render_text(&self, _wide: bool) -> String {
        if self.deleted {
            format!("canary topic {} deleted\n", self.topic)
        } else {
            format!("no canary topic {} to delete\n", self.topic)
        }
    }
}

/// The data plane one probe run uses for all its rounds: produce on the admin client's
/// connections, fetch on connections of its own (opened the same way), so that a fetch waiting
/// for records never holds back a produce to the same broker.
pub struct Clients {
    pub producer: DataPlane,
    pub consumer: DataPlane,
}

impl Clients {
    pub async fn for_admin(admin: &Admin) -> Result<Self> {
        Ok(Clients {
            producer: admin.data_plane(),
            consumer: DataPlane::connect(admin.connect_options().clone()).await?,
        })
    }
}

/// Make sure the canary topic exists; returns its partitions and whether it was created.
async fn ensure_topic(
    admin: &Admin,
    topic: &str,
    brokers: &[BrokerId],
) -> Result<(Vec<PartitionState>, bool, Option<i32>)> {
    if let Some(parts) = admin.topic_partitions(topic).await? {
        let min_isr = admin
            .describe_configs(&[ConfigResource::Topic(topic.to_string())])
            .await
            .ok()
            .and_then(|c| c.into_values().next())
            .and_then(|entries| {
                entries
                    .into_iter()
                    .find(|e| e.name == "min.insync.replicas")
                    .and_then(|e| e.value)
                    .and_then(|v| v.trim().parse().ok())
            });
        return Ok((parts, false, min_isr));
    }
    if brokers.is_empty() {
        return Err(Error::kafka(
            "the cluster lists no brokers: nothing to probe; check `kubectl kafka status`",
        ));
    }
    let rf = canary_replication_factor(brokers.len());
    // The cluster's own min.insync.replicas, as the brokers apply it to new topics.
    let cluster_min_isr = match brokers.first() {
        Some(b) => admin
            .describe_configs(&[ConfigResource::Broker(*b)])
            .await
            .ok()
            .and_then(|c| c.into_values().next())
            .and_then(|entries| {
                entries
                    .into_iter()
                    .find(|e| e.name == "min.insync.replicas")
                    .and_then(|e| e.value)
                    .and_then(|v| v.trim().parse().ok())
            }),
        None => None,
    };
    let min_isr = canary_min_isr(rf, cluster_min_isr);
    let t = NewTopic {
        name: topic.to_string(),
        partitions: -1,
        replication_factor: -1,
        configs: BTreeMap::from([("min.insync.replicas".to_string(), min_isr.to_string())]),
    };
    output::note(format!(
        "creating canary topic {topic}: {} partitions, RF {rf}, min.insync.replicas {min_isr}",
        brokers.len()
    ));
    admin
        .create_topic_assigned(&t, &canary_assignment(brokers))
        .await?;
    let parts = admin.topic_partitions(topic).await?.ok_or_else(|| {
        Error::kafka(format!(
            "canary topic {topic} was created but metadata does not list it yet; run the probe again"
        ))
    })?;
    Ok((parts, true, Some(min_isr)))
}

/// Canary partitions whose preferred leader is in sync but does not lead: move leadership back so
/// that every broker's partition exercises that broker.
async fn restore_leaders(admin: &Admin, topic: &str, parts: &[PartitionState]) -> bool {
    let moved: Vec<TopicPartition> = parts
        .iter()
        .filter(|p| {
            p.replicas
                .first()
                .is_some_and(|pref| p.leader != Some(*pref) && p.isr.contains(pref))
        })
        .map(|p| TopicPartition::new(topic, p.partition))
        .collect();
    if moved.is_empty() {
        return false;
    }
    if let Err(e) = admin.elect_preferred_leaders(Some(&moved)).await {
        tracing::warn!("preferred leader election for the canary topic failed: {e}");
    }
    true
}

/// Where one canary partition is and who leads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CanaryPartition {
    pub partition: i32,
    pub leader: BrokerId,
}

/// One acknowledged record: its offset, how long acks=all took (refusals and retries included),
/// and the refusals that were retried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ack {
    pub offset: i64,
    pub latency: Duration,
    /// Refusals that mean the record was not written (e.g. NOT_LEADER_OR_FOLLOWER right after
    /// an election, NOT_ENOUGH_REPLICAS), each followed by another attempt.
    pub retried: Vec<String>,
}

/// Produce one record to `p` with acks=all and time the acknowledgement. A refusal that means
/// the record was not written ([`is_unwritten`]) is retried, after a short pause, until
/// `timeout`; any other refusal, or the last one, is the error, with its code
/// (`Error::kafka_code`). No answer within `timeout` is `Error::Timeout`.
pub async fn produce_one(
    producer: &DataPlane,
    topic: &str,
    p: CanaryPartition,
    payload: Bytes,
    timeout: Duration,
) -> Result<Ack> {
    let t0 = Instant::now();
    let deadline = Deadline::after(timeout);
    let record = NewRecord {
        key: None,
        value: payload,
    };
    let mut retried = Vec::new();
    loop {
        let left = deadline.remaining().unwrap_or(timeout);
        match producer
            .produce(
                p.leader,
                topic,
                p.partition,
                std::slice::from_ref(&record),
                left,
            )
            .await
        {
            Ok(offset) => {
                return Ok(Ack {
                    offset,
                    latency: t0.elapsed(),
                    retried,
                });
            }
            Err(e) if is_unwritten(&e) && !deadline.passes_within(RETRY_PAUSE) => {
                retried.push(e.to_string());
                tokio::time::sleep(RETRY_PAUSE).await;
            }
            Err(e) => return Err(e),
        }
    }
}

/// The pause before a refused record is sent again.
const RETRY_PAUSE: Duration = Duration::from_millis(100);

/// A refusal after which the record is certainly not in the log, so sending it again cannot
/// write it twice: leadership not (yet) where the metadata said, or too few replicas in sync to
/// accept it.
pub fn is_unwritten(e: &Error) -> bool {
    matches!(
        e.kafka_code(),
        Some(
            codes::NOT_LEADER_OR_FOLLOWER
                | codes::LEADER_NOT_AVAILABLE
                | codes::UNKNOWN_TOPIC_OR_PARTITION
                | codes::NOT_ENOUGH_REPLICAS
        )
    )
}

/// Read what arrived in `p` from `offset`: one fetch that waits up to `max_wait` for a record.
pub async fn read_arrived(
    consumer: &DataPlane,
    topic: &str,
    p: CanaryPartition,
    offset: i64,
    max_wait: Duration,
    timeout: Duration,
) -> Result<Fetched> {
    consumer
        .fetch(p.leader, topic, p.partition, offset, max_wait, timeout)
        .await
}

/// How long one fetch waits for records before it answers empty.
const FETCH_WAIT: Duration = Duration::from_millis(200);

/// How far the sending side of an exchange got.
#[derive(Debug, Clone, Copy, Default)]
struct Progress {
    /// The offset of the first acknowledged record: reading starts there.
    first: Option<i64>,
    /// Sending is over: how many records were acknowledged, and when.
    done: Option<(usize, Instant)>,
}

/// What one broker's round produced and read back.
#[derive(Default)]
struct Exchange {
    sent: u32,
    /// Sequence number and produce latency of each acknowledged record.
    acked: Vec<(u32, Duration)>,
    /// End-to-end latency of each acknowledged record read back.
    e2e: Vec<Duration>,
    errors: Vec<String>,
}

/// Send `n` records to `p` one after the other (stop at the first failure: the next would wait as
/// long, or when `timeout` has passed), while reading them back from the first acknowledged
/// offset. Reading stops once every acknowledged record arrived, or `timeout` after the last send.
async fn exchange(
    clients: &Clients,
    topic: &str,
    p: CanaryPartition,
    run: &str,
    n: u32,
    timeout: Duration,
) -> Exchange {
    let sent_at: Mutex<HashMap<u32, Instant>> = Mutex::default();
    let (progress_tx, mut progress) = tokio::sync::watch::channel(Progress::default());
    // Connections first (both sides at once), so that latencies are the records' own; a broker
    // that cannot be reached within the timeout fails here.
    let deadline = Deadline::after(timeout);
    let (p_ready, c_ready) = futures::join!(
        clients.producer.ready(p.leader, timeout),
        clients.consumer.ready(p.leader, timeout)
    );
    if let Err(e) = p_ready.and(c_ready) {
        return Exchange {
            errors: vec![e.to_string()],
            ..Exchange::default()
        };
    }
    let send = async {
        let mut out = Exchange::default();
        for seq in 0..n {
            if deadline.is_past() {
                out.errors
                    .push(format!("not all records sent within {timeout:?}"));
                break;
            }
            let payload = Bytes::from(format!("{run}:{seq}"));
            lock(&sent_at).insert(seq, Instant::now());
            out.sent += 1;
            match produce_one(&clients.producer, topic, p, payload, timeout).await {
                Ok(ack) => {
                    if out.acked.is_empty() {
                        progress_tx.send_modify(|s| s.first = Some(ack.offset));
                    }
                    out.acked.push((seq, ack.latency));
                }
                Err(e) => {
                    out.errors.push(e.to_string());
                    break;
                }
            }
        }
        let acked = out.acked.len();
        progress_tx.send_modify(|s| s.done = Some((acked, Instant::now())));
        out
    };
    let read = async {
        let mut received: HashMap<u32, Instant> = HashMap::new();
        let mut last_error = None;
        // Nothing to read until a record was acknowledged (or none will be).
        let mut offset = loop {
            let now = *progress.borrow_and_update();
            if let Some(o) = now.first {
                break o;
            }
            if now.done.is_some() || progress.changed().await.is_err() {
                return (received, last_error);
            }
        };
        let prefix = format!("{run}:");
        loop {
            let done = progress.borrow().done;
            if let Some((acked, at)) = done
                && (received.len() >= acked || at.elapsed() >= timeout)
            {
                break;
            }
            match read_arrived(&clients.consumer, topic, p, offset, FETCH_WAIT, timeout).await {
                Ok(f) => {
                    let now = Instant::now();
                    for r in &f.records {
                        let seq = r
                            .value
                            .as_deref()
                            .and_then(|v| std::str::from_utf8(v).ok())
                            .and_then(|s| s.strip_prefix(&prefix))
                            .and_then(|s| s.parse::<u32>().ok());
                        if let Some(seq) = seq {
                            received.entry(seq).or_insert(now);
                        }
                    }
                    offset = f.next_offset;
                    last_error = None;
                }
                Err(e) => {
                    last_error = Some(e.to_string());
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            }
        }
        (received, last_error)
    };
    let (mut out, (received, read_error)) = futures::join!(send, read);
    let sent_at = lock(&sent_at);
    let mut lost = 0u32;
    for (seq, _) in &out.acked {
        match (sent_at.get(seq), received.get(seq)) {
            (Some(t0), Some(t1)) => out.e2e.push(t1.saturating_duration_since(*t0)),
            _ => lost += 1,
        }
    }
    if lost > 0 {
        out.errors.push(format!(
            "{lost} acknowledged record(s) not read back within {timeout:?}"
        ));
        if let Some(e) = read_error {
            out.errors.push(format!("reading back: {e}"));
        }
    }
    out
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// A run id that tells this probe's records from another's on the same topic.
fn run_id() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!("kubectl-kafka-probe-{}-{nanos}", std::process::id())
}

/// One round: produce to every broker's partition, read back, measure.
async fn round(admin: &Admin, clients: &Clients, args: &ProbeArgs) -> Result<ProbeReport> {
    let md = admin.metadata().await?;
    let mut registered: Vec<BrokerId> = md.brokers.iter().map(|b| b.id).collect();
    registered.sort_unstable();
    let (mut parts, created, min_isr) = ensure_topic(admin, &args.topic, &registered).await?;
    if restore_leaders(admin, &args.topic, &parts).await
        && let Some(p) = admin.topic_partitions(&args.topic).await?
    {
        parts = p;
    }
    let rf = parts.iter().map(|p| p.replicas.len()).max().unwrap_or(0);

    // Each broker's partition: the first partition that prefers it.
    let mut by_broker: BTreeMap<BrokerId, Option<&PartitionState>> = BTreeMap::new();
    for p in &parts {
        if let Some(pref) = p.replicas.first() {
            by_broker.entry(*pref).or_insert(Some(p));
        }
    }
    for b in &registered {
        by_broker.entry(*b).or_insert(None);
    }

    let n = args.messages;
    let timeout = args.timeout;
    let mut results: BTreeMap<BrokerId, BrokerProbe> = BTreeMap::new();
    let mut targets: Vec<(BrokerId, &PartitionState)> = Vec::new();
    for (b, p) in &by_broker {
        let why = match p {
            None => Some(format!(
                "no canary partition is led by this broker (it joined after {} was created): run `probe --delete`, then probe again",
                args.topic
            )),
            Some(_) if !registered.contains(b) => {
                Some("not registered with the cluster (down or fenced)".to_string())
            }
            Some(p) => match p.leader {
                None => Some(format!("partition {} has no leader (offline)", p.partition)),
                Some(l) if l != *b => Some(format!(
                    "does not lead its partition {} (leader: broker {l}; in sync: {})",
                    p.partition,
                    output::ids(&p.isr)
                )),
                Some(_) => None,
            },
        };
        match why {
            Some(why) => {
                results.insert(*b, BrokerProbe::failed(*b, *p, n, why));
            }
            None => {
                if let Some(p) = p {
                    targets.push((*b, p));
                }
            }
        }
    }

    let run = run_id();
    let exchanges = futures::future::join_all(targets.iter().map(|(b, p)| {
        let cp = CanaryPartition {
            partition: p.partition,
            leader: *b,
        };
        exchange(clients, &args.topic, cp, &run, n, timeout)
    }))
    .await;
    for ((b, p), x) in targets.iter().zip(exchanges) {
        let mut errors = x.errors;
        errors.dedup();
        let acked = u32::try_from(x.acked.len()).unwrap_or(u32::MAX);
        let consumed = u32::try_from(x.e2e.len()).unwrap_or(u32::MAX);
        let failures = n.saturating_sub(consumed);
        let lat: Vec<Duration> = x.acked.iter().map(|(_, d)| *d).collect();
        results.insert(
            *b,
            BrokerProbe {
                broker: *b,
                partition: Some(p.partition),
                leader: p.leader,
                sent: x.sent,
                acked,
                consumed,
                failures,
                produce_latency: LatencySummary::of(&lat),
                e2e_latency: LatencySummary::of(&x.e2e),
                errors,
                ok: failures == 0,
            },
        );
    }

    let brokers: Vec<BrokerProbe> = results.into_values().collect();
    let ok = !brokers.is_empty() && brokers.iter().all(|b| b.ok);
    Ok(ProbeReport {
        topic: args.topic.clone(),
        created,
        replication_factor: rf,
        min_insync_replicas: min_isr,
        messages_per_broker: n,
        timeout_ms: u64::try_from(timeout.as_millis()).unwrap_or(u64::MAX),
        brokers,
        ok,
    })
}

async fn delete(admin: &Admin, ctx: &Context, topic: &str) -> Result<ExitStatus> {
    let exists = admin.topic_partitions(topic).await?.is_some();
    if exists {
        admin.delete_topics(&[topic.to_string()]).await?;
    }
    ctx.emit(&DeleteReport {
        topic: topic.to_string(),
        deleted: exists,
    })
}

/// Probe once (exit 1 when a broker failed), or every --interval until Ctrl-C with --watch (the
/// exit status is the last round's).
pub async fn run(ctx: &Context, args: &ProbeArgs) -> Result<ExitStatus> {
    if args.timeout.is_zero() {
        return Err(Error::usage("--timeout must be more than 0, e.g. 10s"));
    }
    let cluster = ctx.cluster_for_kafka(args.cluster.as_deref()).await?;
    let admin = ctx.admin_for(cluster.as_ref()).await?;
    if args.delete {
        return delete(&admin, ctx, &args.topic).await;
    }
    let clients = Clients::for_admin(&admin).await?;
    let mut status;
    loop {
        let report = round(&admin, &clients, args).await?;
        status = if report.ok {
            ExitStatus::Ok
        } else {
            ExitStatus::Failed
        };
        ctx.emit(&report)?;
        if !args.watch {
            break;
        }
        tokio::select! {
            _ = tokio::time::sleep(args.interval) => {}
            _ = tokio::signal::ctrl_c() => break,
        }
    }
    Ok(status)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn probe(b: BrokerId, ok: bool) -> BrokerProbe {
        BrokerProbe {
            broker: b,
            partition: Some(b),
            leader: Some(b),
            sent: 5,
            acked: if ok { 5 } else { 0 },
            consumed: if ok { 5 } else { 0 },
            failures: if ok { 0 } else { 5 },
            produce_latency: LatencySummary::of(&[Duration::from_millis(3)]),
            e2e_latency: None,
            errors: if ok {
                vec![]
            } else {
                vec!["broker 1 did not answer Produce within 10s".into()]
            },
            ok,
        }
    }

    #[test]
    fn table_names_failed_brokers_and_their_errors() {
        let r = ProbeReport {
            topic: DEFAULT_TOPIC.into(),
            created: false,
            replication_factor: 3,
            min_insync_replicas: Some(2),
            messages_per_broker: 5,
            timeout_ms: 10_000,
            brokers: vec![probe(0, true), probe(1, false)],
            ok: false,
        };
        let text = r.render_text(false);
        assert!(text.contains("FAILED"), "{text}");
        assert!(
            text.contains("broker 1: broker 1 did not answer Produce"),
            "{text}"
        );
        assert!(text.contains("1 of 2 brokers FAILED"), "{text}");
        assert!(r.render_text(true).contains("CONSUMED"));
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["brokers"][0]["produce_latency"]["p99_ms"], 3.0);
        assert_eq!(json["ok"], false);
    }

    #[test]
    fn only_refusals_that_wrote_nothing_are_retried() {
        use crate::kafka::broker_error;
        use crate::kafka::errors::ErrorContext;
        let refusal = |code| Error::from(broker_error(code, None, &ErrorContext::default()));
        for code in [
            codes::NOT_LEADER_OR_FOLLOWER,
            codes::LEADER_NOT_AVAILABLE,
            codes::UNKNOWN_TOPIC_OR_PARTITION,
            codes::NOT_ENOUGH_REPLICAS,
        ] {
            assert!(is_unwritten(&refusal(code)), "{code}");
        }
        // Written by the leader (or maybe): sending again could duplicate the record.
        for code in [
            codes::NOT_ENOUGH_REPLICAS_AFTER_APPEND,
            codes::REQUEST_TIMED_OUT,
            codes::MESSAGE_TOO_LARGE,
        ] {
            assert!(!is_unwritten(&refusal(code)), "{code}");
        }
        assert!(!is_unwritten(&Error::Timeout("no answer".into())));
    }

    #[test]
    fn a_broker_without_a_partition_fails_with_the_fix() {
        let b = BrokerProbe::failed(4, None, 5, "no canary partition".into());
        assert!(!b.ok);
        assert_eq!((b.partition, b.failures), (None, 5));
    }
}
