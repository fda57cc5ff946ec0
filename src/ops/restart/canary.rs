//! `restart --canary`: a canary that runs throughout the roll. It produces one record at a time
//! to every canary partition (acks=all, at a steady pace) and reads them back, and attributes
//! each outcome to the roll step that was running when the record was sent (the observer's
//! phases say which). At each step's end it prints the worst and p99 produce latency and the
//! errors by kind; the restart's report carries the table. With `--canary-max-errors` the roll
//! stops before the next step once the run's errors exceed the limit.
//!
//! The canary runs in tasks of its own on its own clients: the roll's checks never wait for it.
//! Only between steps, and only with a limit set, does the roll wait (at most the produce
//! timeout) for the records already in flight, so that the limit is judged on complete figures.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use futures::future::BoxFuture;
use serde::Serialize;
use tokio::task::JoinHandle;

use super::observer::{Phase, RollObserver};
use crate::error::{Error, Result};
use crate::kafka::Admin;
use crate::model::BrokerId;
use crate::ops::canary::{CanaryClients, ensure_topic, restore_leaders};
use crate::output::progress::Log;
use crate::output::{self, opt};
use crate::plan::canary::{ErrorKind, StepEvent, StepFigures, StepTally, StepTracker, exceeds};
use crate::safety::roll::Target;

/// Pause between two records to the same partition.
pub const INTERVAL: Duration = Duration::from_millis(100);
/// How long a record may wait for its acknowledgement (retries included) before it is a timeout.
pub const TIMEOUT: Duration = Duration::from_secs(5);
/// Back-off before a record is sent again after a retriable answer (leadership moved).
const RETRY: Duration = Duration::from_millis(100);
/// How often waits for in-flight records look again.
const POLL: Duration = Duration::from_millis(20);
/// Distinct error texts kept per step, as examples.
const EXAMPLES: usize = 3;

/// What `--canary` was asked to do.
#[derive(Debug, Clone)]
pub struct CanaryOptions {
    pub topic: String,
    pub max_errors: Option<u64>,
}

/// The canary's part of the restart report (`canary` in `-o json|yaml`).
#[derive(Debug, Clone, Serialize)]
pub struct CanaryReport {
    pub topic: String,
    /// `--dry-run`: the canary would run; no figures.
    pub dry_run: bool,
    pub interval_ms: u64,
    pub timeout_ms: u64,
    pub max_errors: Option<u64>,
    /// Canary partitions (one led by each broker).
    pub partitions: usize,
    pub min_insync_replicas: Option<i32>,
    /// One entry per roll step, in order.
    pub steps: Vec<CanaryStep>,
    /// Records sent before the first step began.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before_roll: Option<StepFigures>,
    /// The whole run.
    pub total: Option<StepFigures>,
    /// The step during which the errors exceeded `--canary-max-errors`.
    pub exceeded_at: Option<String>,
}

/// One step of the roll as the canary saw it.
#[derive(Debug, Clone, Serialize)]
pub struct CanaryStep {
    /// The node(s) restarted in this step, e.g. "broker 1".
    pub step: String,
    #[serde(flatten)]
    pub figures: StepFigures,
    /// A few of the errors' texts.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub error_examples: Vec<String>,
}

impl CanaryReport {
    /// What `--dry-run` says: a canary would run.
    pub fn dry_run(o: &CanaryOptions) -> CanaryReport {
        CanaryReport {
            topic: o.topic.clone(),
            dry_run: true,
            interval_ms: ms(INTERVAL),
            timeout_ms: ms(TIMEOUT),
            max_errors: o.max_errors,
            partitions: 0,
            min_insync_replicas: None,
            steps: Vec::new(),
            before_roll: None,
            total: None,
            exceeded_at: None,
        }
    }

    /// The canary's table and summary, for the restart's text output.
    pub fn render_text(&self) -> String {
        if self.dry_run {
            return format!(
                "--canary: a canary would produce (acks=all) to every partition of {} every {} ms and read it back throughout the roll{}\n",
                self.topic,
                self.interval_ms,
                self.max_errors
                    .map(|m| format!(
                        ", stopping the roll before the next broker after more than {m} error(s)"
                    ))
                    .unwrap_or_default()
            );
        }
        let mut t = output::table([
            "CANARY STEP",
            "SENT",
            "ACKED",
            "CONSUMED",
            "PRODUCE ms p50/p99/max",
            "NOT_ENOUGH_REPLICAS",
            "TIMEOUTS",
            "OTHER ERRORS",
        ]);
        let rows = self
            .before_roll
            .iter()
            .map(|f| ("before the roll", f))
            .chain(self.steps.iter().map(|s| (s.step.as_str(), &s.figures)))
            .chain(self.total.iter().map(|f| ("total", f)));
        for (name, f) in rows {
            t.add_row([
                name.to_string(),
                f.sent.to_string(),
                f.acked.to_string(),
                f.consumed.to_string(),
                crate::plan::canary::LatencySummary::text(&f.produce_latency),
                f.errors.not_enough_replicas.to_string(),
                f.errors.timeouts.to_string(),
                f.errors.others.to_string(),
            ]);
        }
        let mut s = output::table_text(&t);
        s.push_str(&format!(
            "canary topic {} ({} partitions, min.insync.replicas {}), one record per partition every {} ms{}\n",
            self.topic,
            self.partitions,
            opt(&self.min_insync_replicas),
            self.interval_ms,
            match (&self.exceeded_at, self.max_errors) {
                (Some(at), Some(m)) => format!("; errors exceeded --canary-max-errors {m} during {at}"),
                _ => String::new(),
            }
        ));
        s
    }
}

fn ms(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// A record sent and not yet read back.
struct SentRecord {
    step: Option<usize>,
    at: Instant,
    acked: bool,
    consumed_at: Option<Instant>,
}

/// What the canary's tasks share.
#[derive(Default)]
struct Shared {
    steps: StepTracker,
    /// Live figures per step (None: before the first step).
    tallies: BTreeMap<Option<usize>, StepTally>,
    examples: BTreeMap<Option<usize>, Vec<String>>,
    /// Every record of the run by (partition, sequence).
    records: HashMap<(i32, u64), SentRecord>,
    /// When each partition's record in flight was sent.
    in_flight: BTreeMap<i32, Instant>,
    errors: u64,
    exceeded_at: Option<Option<usize>>,
}

impl Shared {
    fn tally(&mut self, step: Option<usize>) -> &mut StepTally {
        self.tallies.entry(step).or_default()
    }

    /// The figures of `step`, consumption included.
    fn figures(&self, step: Option<usize>) -> StepFigures {
        let mut t = self.tallies.get(&step).cloned().unwrap_or_default();
        for r in self.records.values().filter(|r| r.step == step && r.acked) {
            if let Some(c) = r.consumed_at {
                t.consumed = t.consumed.saturating_add(1);
                t.e2e.push(c.saturating_duration_since(r.at));
            }
        }
        t.figures()
    }

    /// Whether a record sent before `since` is still waiting for its answer.
    fn waiting_before(&self, since: Instant) -> bool {
        self.in_flight.values().any(|t| *t < since)
    }
}

fn lock(m: &Mutex<Shared>) -> MutexGuard<'_, Shared> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// A canary running beside the roll; the roll's observer.
pub struct Canary {
    opts: CanaryOptions,
    shared: Arc<Mutex<Shared>>,
    stop: Arc<AtomicBool>,
    producers: Vec<JoinHandle<()>>,
    consumer: JoinHandle<()>,
    printers: Mutex<Vec<JoinHandle<()>>>,
    log: Log,
    partitions: usize,
    min_isr: Option<i32>,
}

impl Drop for Canary {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        for h in &self.producers {
            h.abort();
        }
        self.consumer.abort();
    }
}

impl Canary {
    /// Make sure the canary topic exists (created like the probe's), connect, and start
    /// producing to and consuming from every partition.
    pub async fn start(admin: &Admin, opts: CanaryOptions, log: &Log) -> Result<Canary> {
        let md = admin.metadata().await?;
        let mut registered: Vec<BrokerId> = md.brokers.iter().map(|b| b.id).collect();
        registered.sort_unstable();
        let (mut parts, _, min_isr) = ensure_topic(admin, &opts.topic, &registered).await?;
        if restore_leaders(admin, &opts.topic, &parts).await
            && let Some(p) = admin.topic_partitions(&opts.topic).await?
        {
            parts = p;
        }
        let rf = parts.iter().map(|p| p.replicas.len()).min().unwrap_or(0);
        if let Some(m) = min_isr
            && usize::try_from(m).is_ok_and(|m| m >= rf)
        {
            log.line(format!(
                "warning: canary topic {} has min.insync.replicas {m} with {rf} replicas: every restart of one of its replicas fails its produces with NOT_ENOUGH_REPLICAS",
                opts.topic
            ));
        }
        let clients = Arc::new(CanaryClients::connect(admin, TIMEOUT).await?);
        let mut from = Vec::new();
        for p in &parts {
            let end = clients
                .end_offset(&opts.topic, p.partition, TIMEOUT)
                .await
                .map_err(|e| {
                    Error::failed(format!(
                        "canary: partition {} of {}: {e}",
                        p.partition, opts.topic
                    ))
                })?;
            from.push((p.partition, end));
        }
        clients.assign(&opts.topic, &from)?;
        let shared: Arc<Mutex<Shared>> = Arc::default();
        let stop = Arc::new(AtomicBool::new(false));
        let run = format!(
            "kubectl-kafka-restart-{}-{}",
            std::process::id(),
            crate::deadline::unix_now_ms()
        );
        let consumer = tokio::spawn(consume(clients.clone(), shared.clone(), run.clone()));
        let producers = parts
            .iter()
            .map(|p| {
                tokio::spawn(produce(Producer {
                    clients: clients.clone(),
                    shared: shared.clone(),
                    stop: stop.clone(),
                    topic: opts.topic.clone(),
                    partition: p.partition,
                    run: run.clone(),
                    max_errors: opts.max_errors,
                }))
            })
            .collect();
        log.line(format!(
            "canary: producing (acks=all) to the {} partitions of {} every {} ms each and reading them back{}",
            parts.len(),
            opts.topic,
            INTERVAL.as_millis(),
            opts.max_errors
                .map(|m| format!("; the roll stops before the next broker after more than {m} error(s)"))
                .unwrap_or_default()
        ));
        Ok(Canary {
            opts,
            shared,
            stop,
            producers,
            consumer,
            printers: Mutex::new(Vec::new()),
            log: Log { start: log.start },
            partitions: parts.len(),
            min_isr,
        })
    }

    /// Stop producing, give the last records time to be answered and read back, and report.
    pub async fn finish(mut self) -> CanaryReport {
        self.stop.store(true, Ordering::Relaxed);
        for h in std::mem::take(&mut self.producers) {
            let _ = h.await;
        }
        // Acknowledged records still on their way to the consumer.
        let deadline = Instant::now() + TIMEOUT;
        while Instant::now() < deadline {
            let waiting = lock(&self.shared)
                .records
                .values()
                .any(|r| r.acked && r.consumed_at.is_none());
            if !waiting {
                break;
            }
            tokio::time::sleep(POLL).await;
        }
        self.consumer.abort();
        let printers =
            std::mem::take(&mut *self.printers.lock().unwrap_or_else(|p| p.into_inner()));
        for h in printers {
            let _ = h.await;
        }
        let s = lock(&self.shared);
        let mut total = StepTally::default();
        for t in s.tallies.values() {
            total.merge(t);
        }
        let mut total = total.figures();
        let steps: Vec<CanaryStep> = (0..s.steps.len())
            .map(|i| CanaryStep {
                step: s.steps.label(i),
                figures: s.figures(Some(i)),
                error_examples: s.examples.get(&Some(i)).cloned().unwrap_or_default(),
            })
            .collect();
        let before = s.tallies.get(&None).map(|_| s.figures(None));
        total.consumed = steps
            .iter()
            .map(|x| x.figures.consumed)
            .chain(before.iter().map(|b| b.consumed))
            .fold(0u64, u64::saturating_add);
        total.not_consumed = total.acked.saturating_sub(total.consumed);
        CanaryReport {
            topic: self.opts.topic.clone(),
            dry_run: false,
            interval_ms: ms(INTERVAL),
            timeout_ms: ms(TIMEOUT),
            max_errors: self.opts.max_errors,
            partitions: self.partitions,
            min_insync_replicas: self.min_isr,
            steps,
            before_roll: before,
            total: Some(total),
            exceeded_at: s.exceeded_at.map(|i| match i {
                Some(i) => s.steps.label(i),
                None => "before the roll".into(),
            }),
        }
    }

    /// Print step `i`'s figures once its records in flight are answered.
    fn print_when_settled(&self, i: usize) {
        let shared = self.shared.clone();
        let log = Log {
            start: self.log.start,
        };
        let ended = Instant::now();
        let h = tokio::spawn(async move {
            wait_answered(&shared, ended).await;
            let s = lock(&shared);
            let f = s.figures(Some(i));
            let lat = f.produce_latency;
            log.line(format!(
                "canary, step {}: {} sent, {} acked; produce worst {} ms, p99 {} ms; errors: {}",
                s.steps.label(i),
                f.sent,
                f.acked,
                lat.map_or("-".into(), |l| format!("{:.1}", l.max_ms)),
                lat.map_or("-".into(), |l| format!("{:.1}", l.p99_ms)),
                f.errors.text()
            ));
        });
        self.printers
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(h);
    }
}

/// Wait (at most the produce timeout and a little) until no record sent before `since` waits
/// for its answer.
async fn wait_answered(shared: &Mutex<Shared>, since: Instant) {
    let deadline = since + TIMEOUT + Duration::from_secs(1);
    while lock(shared).waiting_before(since) && Instant::now() < deadline {
        tokio::time::sleep(POLL).await;
    }
}

impl RollObserver for Canary {
    fn phase(&self, target: &Target, phase: Phase) {
        let name = format!("{} {}", target.role.name(), target.id);
        let ev = lock(&self.shared)
            .steps
            .observe(&name, phase == Phase::Done);
        if let StepEvent::Ended(i) = ev {
            self.print_when_settled(i);
        }
    }

    fn settle(&self) -> BoxFuture<'_, ()> {
        Box::pin(async move {
            if self.opts.max_errors.is_some() {
                wait_answered(&self.shared, Instant::now()).await;
            }
        })
    }

    fn stop_reason(&self) -> Option<String> {
        let s = lock(&self.shared);
        if !exceeds(s.errors, self.opts.max_errors) {
            return None;
        }
        let mut total = StepTally::default();
        for t in s.tallies.values() {
            total.merge(t);
        }
        let at = match s.exceeded_at {
            Some(Some(i)) => format!("step {}", s.steps.label(i)),
            _ => "before the roll".to_string(),
        };
        Some(format!(
            "the canary's errors exceeded --canary-max-errors {} during {at}: {} error(s) so far ({})",
            self.opts.max_errors.unwrap_or_default(),
            s.errors,
            total.errors.text()
        ))
    }
}

/// One partition's producing loop.
struct Producer {
    clients: Arc<CanaryClients>,
    shared: Arc<Mutex<Shared>>,
    stop: Arc<AtomicBool>,
    topic: String,
    partition: i32,
    run: String,
    max_errors: Option<u64>,
}

/// Send one record after the other to one partition, each retried while the answer says so
/// (leadership moved) until its timeout, until told to stop.
async fn produce(p: Producer) {
    let mut seq: u64 = 0;
    while !p.stop.load(Ordering::Relaxed) {
        let t0 = Instant::now();
        let step = {
            let mut s = lock(&p.shared);
            let step = s.steps.current();
            let t = s.tally(step);
            t.sent = t.sent.saturating_add(1);
            s.in_flight.insert(p.partition, t0);
            s.records.insert(
                (p.partition, seq),
                SentRecord {
                    step,
                    at: t0,
                    acked: false,
                    consumed_at: None,
                },
            );
            step
        };
        let payload = format!("{}:{}:{seq}", p.run, p.partition);
        let outcome = send(&p, &payload, t0).await;
        {
            let mut s = lock(&p.shared);
            s.in_flight.remove(&p.partition);
            match outcome {
                Ok(d) => {
                    if let Some(r) = s.records.get_mut(&(p.partition, seq)) {
                        r.acked = true;
                    }
                    let t = s.tally(step);
                    t.acked = t.acked.saturating_add(1);
                    t.produce.push(d);
                }
                Err((kind, text)) => {
                    s.tally(step).errors.add(kind);
                    s.errors = s.errors.saturating_add(1);
                    if s.exceeded_at.is_none() && exceeds(s.errors, p.max_errors) {
                        s.exceeded_at = Some(step);
                    }
                    let ex = s.examples.entry(step).or_default();
                    if ex.len() < EXAMPLES && !ex.contains(&text) {
                        ex.push(text);
                    }
                }
            }
        }
        seq = seq.saturating_add(1);
        let next = t0 + INTERVAL;
        let now = Instant::now();
        if next > now {
            tokio::time::sleep(next - now).await;
        }
    }
}

/// One record until acknowledged, failed for good, or out of time.
async fn send(
    p: &Producer,
    payload: &str,
    t0: Instant,
) -> std::result::Result<Duration, (ErrorKind, String)> {
    loop {
        let left = TIMEOUT.saturating_sub(t0.elapsed());
        if left.is_zero() {
            return Err((
                ErrorKind::Timeout,
                format!("no acknowledgement within {}s", TIMEOUT.as_secs()),
            ));
        }
        match p
            .clients
            .produce(&p.topic, p.partition, payload, left)
            .await
        {
            Ok(_) => return Ok(t0.elapsed()),
            Err(e) => match e.kind {
                Some(kind) => return Err((kind, e.text)),
                None => {
                    tracing::debug!("canary partition {}: {e}; retrying", p.partition);
                    tokio::time::sleep(RETRY.min(TIMEOUT.saturating_sub(t0.elapsed()))).await;
                }
            },
        }
    }
}

/// Read the canary's records back and note when each arrived.
async fn consume(clients: Arc<CanaryClients>, shared: Arc<Mutex<Shared>>, run: String) {
    let prefix = format!("{run}:");
    loop {
        let Some(m) = clients.recv().await else {
            tokio::time::sleep(POLL).await;
            continue;
        };
        let key = std::str::from_utf8(&m.payload)
            .ok()
            .and_then(|s| s.strip_prefix(&prefix))
            .and_then(|s| s.split_once(':'))
            .and_then(|(p, q)| Some((p.parse::<i32>().ok()?, q.parse::<u64>().ok()?)));
        if let Some(key) = key
            && let Some(r) = lock(&shared).records.get_mut(&key)
        {
            r.consumed_at.get_or_insert(m.at);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn dry_run_says_a_canary_would_run() {
        let r = CanaryReport::dry_run(&CanaryOptions {
            topic: "c".into(),
            max_errors: Some(0),
        });
        let t = r.render_text();
        assert!(
            t.contains("would produce (acks=all) to every partition of c"),
            "{t}"
        );
        assert!(t.contains("more than 0 error(s)"), "{t}");
        let j = serde_json::to_value(&r).unwrap();
        assert_eq!(
            (j["dry_run"].clone(), j["max_errors"].clone()),
            (true.into(), 0.into())
        );
    }

    #[test]
    fn figures_go_to_the_step_open_when_sent_and_consumption_counts_acked_records() {
        let mut s = Shared::default();
        let t0 = Instant::now();
        s.records.insert(
            (0, 0),
            SentRecord {
                step: None,
                at: t0,
                acked: true,
                consumed_at: Some(t0 + Duration::from_millis(7)),
            },
        );
        s.steps.observe("broker 0", false);
        let step = s.steps.current();
        s.tally(step).errors.add(ErrorKind::NotEnoughReplicas);
        s.records.insert(
            (0, 1),
            SentRecord {
                step,
                at: t0,
                acked: false,
                consumed_at: Some(t0),
            },
        );
        assert_eq!(s.figures(None).consumed, 1);
        assert_eq!(s.figures(None).e2e_latency.map(|l| l.max_ms), Some(7.0));
        let f = s.figures(Some(0));
        // A record read back without its acknowledgement is not counted as consumed.
        assert_eq!((f.consumed, f.errors.not_enough_replicas), (0, 1));
        s.in_flight.insert(2, t0);
        assert!(s.waiting_before(t0 + Duration::from_millis(1)));
        assert!(!s.waiting_before(t0));
    }
}
