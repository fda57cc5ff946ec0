//! The canary topic and its clients, shared by `probe` and `restart --canary`: the topic's
//! creation (one partition led by each broker, min.insync.replicas respected) and the few
//! data-plane calls a canary makes (produce one record to a partition and time its acknowledgement,
//! read what arrived). Records travel through [`crate::kafka::data`], on the admin plane's
//! connections, so a canary works on every `--connect` route, with TLS and SASL.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use crate::deadline::Deadline;
use crate::error::{Error, Result};
use crate::kafka::admin::ConfigResource;
use crate::kafka::data::{DataPlane, Fetched, NewRecord};
use crate::kafka::errors::codes;
use crate::kafka::{Admin, NewTopic, OffsetSpec};
use crate::model::{BrokerId, PartitionState, TopicPartition};
use crate::output;
use crate::plan::canary::{
    ErrorKind, canary_assignment, canary_min_isr, canary_replication_factor,
};

pub const DEFAULT_TOPIC: &str = "__kubectl_kafka_canary";

/// How long one fetch waits for records before it answers empty.
pub const FETCH_WAIT: Duration = Duration::from_millis(200);

/// Why one produce did not get its acknowledgement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendError {
    /// None: worth another attempt (leadership moved, a connection dropped).
    pub kind: Option<ErrorKind>,
    pub text: String,
}

impl std::fmt::Display for SendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

/// The data plane one canary run uses: produce on the admin client's connections, fetch on
/// connections of its own (opened the same way), so that a fetch waiting for records never holds
/// back a produce to the same broker.
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

/// What a failed produce means to a client: None when retrying is the normal answer (leadership
/// moved, the leader's connection dropped while it restarts).
pub fn classify(e: &Error) -> Option<ErrorKind> {
    match e {
        Error::Timeout(_) => Some(ErrorKind::Timeout),
        Error::Kafka(k) => match k.code() {
            Some(codes::NOT_ENOUGH_REPLICAS | codes::NOT_ENOUGH_REPLICAS_AFTER_APPEND) => {
                Some(ErrorKind::NotEnoughReplicas)
            }
            Some(codes::REQUEST_TIMED_OUT) => Some(ErrorKind::Timeout),
            Some(
                codes::NOT_LEADER_OR_FOLLOWER
                | codes::LEADER_NOT_AVAILABLE
                | codes::UNKNOWN_TOPIC_OR_PARTITION
                | codes::NETWORK_EXCEPTION,
            ) => None,
            Some(_) => Some(ErrorKind::Other),
            // No code: the connection failed (refused, reset), as while the leader restarts.
            None => None,
        },
        _ => Some(ErrorKind::Other),
    }
}

/// One record read back: its partition and payload.
pub struct Received {
    pub partition: i32,
    pub payload: Vec<u8>,
    pub at: Instant,
}

/// The leader of each canary partition, as last seen; forgotten when an answer says it moved.
type Leaders = Arc<Mutex<HashMap<i32, BrokerId>>>;

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// The leader of `partition`, from the last metadata read or a new one.
async fn leader_of(
    admin: &Admin,
    leaders: &Leaders,
    topic: &str,
    partition: i32,
) -> Option<BrokerId> {
    if let Some(l) = lock(leaders).get(&partition) {
        return Some(*l);
    }
    let parts = admin.topic_partitions(topic).await.ok().flatten()?;
    let mut map = lock(leaders);
    for p in parts {
        if let Some(l) = p.leader {
            map.insert(p.partition, l);
        }
    }
    map.get(&partition).copied()
}

/// The clients of a long-running canary: produce to a partition by its current leader, and a
/// reader per partition that hands every record read back to [`CanaryClients::recv`].
pub struct CanaryClients {
    admin: Admin,
    data: Clients,
    leaders: Leaders,
    sender: mpsc::Sender<Received>,
    receiver: tokio::sync::Mutex<mpsc::Receiver<Received>>,
    readers: Mutex<Vec<JoinHandle<()>>>,
    /// How long one request may take.
    timeout: Duration,
}

impl CanaryClients {
    /// Clients reaching the cluster `admin` reaches; each request gives up after `timeout`.
    pub async fn connect(admin: &Admin, timeout: Duration) -> Result<Self> {
        let (sender, receiver) = mpsc::channel(1024);
        Ok(CanaryClients {
            admin: admin.clone(),
            data: Clients::for_admin(admin).await?,
            leaders: Arc::default(),
            sender,
            receiver: tokio::sync::Mutex::new(receiver),
            readers: Mutex::new(Vec::new()),
            timeout,
        })
    }

    /// Produce `payload` to `partition` with acks=all; the time until it was acknowledged.
    pub async fn produce(
        &self,
        topic: &str,
        partition: i32,
        payload: &str,
        timeout: Duration,
    ) -> std::result::Result<Duration, SendError> {
        let Some(leader) = leader_of(&self.admin, &self.leaders, topic, partition).await else {
            return Err(SendError {
                kind: None,
                text: format!("partition {partition} of {topic} has no leader"),
            });
        };
        // One attempt: every refusal is the canary's to count (and to retry when worth it).
        let t0 = Instant::now();
        let record = NewRecord {
            key: None,
            value: Bytes::from(payload.to_string()),
        };
        let sent = self
            .data
            .producer
            .produce(leader, topic, partition, &[record], timeout)
            .await;
        match sent {
            Ok(_) => Ok(t0.elapsed()),
            Err(e) => {
                let kind = classify(&e);
                if kind.is_none() {
                    lock(&self.leaders).remove(&partition);
                }
                Err(SendError {
                    kind,
                    text: format!("broker {leader}: {e}"),
                })
            }
        }
    }

    /// Where `partition` ends now.
    pub async fn end_offset(
        &self,
        topic: &str,
        partition: i32,
        timeout: Duration,
    ) -> std::result::Result<i64, String> {
        let tp = TopicPartition::new(topic, partition);
        let wanted = BTreeSet::from([tp.clone()]);
        let ask = self.admin.list_offsets(&wanted, OffsetSpec::Latest);
        match tokio::time::timeout(timeout, ask).await {
            Ok(Ok(offsets)) => offsets
                .get(&tp)
                .copied()
                .ok_or_else(|| format!("no end offset for {tp}")),
            Ok(Err(e)) => Err(format!("cannot read the partition's end offset: {e}")),
            Err(_) => Err(format!("no end offset for {tp} within {timeout:?}")),
        }
    }

    /// Read `topic`'s partitions from these offsets on (replacing any earlier assignment).
    pub fn assign(&self, topic: &str, from: &[(i32, i64)]) -> Result<()> {
        let mut readers = lock(&self.readers);
        for h in readers.drain(..) {
            h.abort();
        }
        for (partition, offset) in from {
            readers.push(tokio::spawn(read_partition(Reader {
                admin: self.admin.clone(),
                consumer: self.data.consumer.clone(),
                leaders: self.leaders.clone(),
                sender: self.sender.clone(),
                topic: topic.to_string(),
                partition: *partition,
                offset: *offset,
                timeout: self.timeout,
            })));
        }
        Ok(())
    }

    /// The next record read back (None: nothing will come any more).
    pub async fn recv(&self) -> Option<Received> {
        self.receiver.lock().await.recv().await
    }
}

impl Drop for CanaryClients {
    fn drop(&mut self) {
        for h in lock(&self.readers).drain(..) {
            h.abort();
        }
    }
}

/// One partition's reader.
struct Reader {
    admin: Admin,
    consumer: DataPlane,
    leaders: Leaders,
    sender: mpsc::Sender<Received>,
    topic: String,
    partition: i32,
    offset: i64,
    timeout: Duration,
}

/// Fetch one partition from its leader of the moment, for as long as the canary runs.
async fn read_partition(mut r: Reader) {
    /// The pause after a failed fetch (the leader restarting, leadership moving).
    const RETRY: Duration = Duration::from_millis(200);
    loop {
        let Some(leader) = leader_of(&r.admin, &r.leaders, &r.topic, r.partition).await else {
            tokio::time::sleep(RETRY).await;
            continue;
        };
        let p = CanaryPartition {
            partition: r.partition,
            leader,
        };
        match read_arrived(&r.consumer, &r.topic, p, r.offset, FETCH_WAIT, r.timeout).await {
            Ok(f) => {
                let at = Instant::now();
                for rec in f.records {
                    let payload = rec.value.map(|v| v.to_vec()).unwrap_or_default();
                    let m = Received {
                        partition: r.partition,
                        payload,
                        at,
                    };
                    if r.sender.send(m).await.is_err() {
                        return;
                    }
                }
                r.offset = f.next_offset;
            }
            Err(e) => {
                tracing::debug!("canary reader, partition {}: {e}", r.partition);
                lock(&r.leaders).remove(&r.partition);
                tokio::time::sleep(RETRY).await;
            }
        }
    }
}

/// `min.insync.replicas` of a topic or a broker; None when it cannot be read (the canary then
/// says so rather than guess).
async fn min_insync_replicas(admin: &Admin, resource: ConfigResource) -> Option<i32> {
    admin
        .describe_configs(&[resource])
        .await
        .ok()
        .and_then(|c| c.into_values().next())
        .and_then(|entries| {
            entries
                .into_iter()
                .find(|e| e.name == "min.insync.replicas")
                .and_then(|e| e.value)
                .and_then(|v| v.trim().parse().ok())
        })
}

/// Make sure the canary topic exists; returns its partitions and whether it was created.
pub async fn ensure_topic(
    admin: &Admin,
    topic: &str,
    brokers: &[BrokerId],
) -> Result<(Vec<PartitionState>, bool, Option<i32>)> {
    if let Some(parts) = admin.topic_partitions(topic).await? {
        let min_isr = min_insync_replicas(admin, ConfigResource::Topic(topic.to_string())).await;
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
        Some(b) => min_insync_replicas(admin, ConfigResource::Broker(*b)).await,
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
pub async fn restore_leaders(admin: &Admin, topic: &str, parts: &[PartitionState]) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::KafkaError;

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

    fn answer(code: i16) -> Option<ErrorKind> {
        classify(&Error::Kafka(KafkaError::with_code(code, "broker answer")))
    }

    #[test]
    fn produce_errors_are_sorted_by_what_a_client_sees() {
        assert_eq!(
            answer(codes::NOT_ENOUGH_REPLICAS),
            Some(ErrorKind::NotEnoughReplicas)
        );
        assert_eq!(
            answer(codes::NOT_ENOUGH_REPLICAS_AFTER_APPEND),
            Some(ErrorKind::NotEnoughReplicas)
        );
        assert_eq!(answer(codes::REQUEST_TIMED_OUT), Some(ErrorKind::Timeout));
        assert_eq!(
            classify(&Error::Timeout("no answer".into())),
            Some(ErrorKind::Timeout)
        );
        // Leadership moving and dropped connections are retried, not errors.
        assert_eq!(answer(codes::NOT_LEADER_OR_FOLLOWER), None);
        assert_eq!(answer(codes::LEADER_NOT_AVAILABLE), None);
        assert_eq!(
            classify(&Error::Kafka(KafkaError::new("connection refused"))),
            None
        );
        assert_eq!(
            answer(codes::TOPIC_AUTHORIZATION_FAILED),
            Some(ErrorKind::Other)
        );
        assert_eq!(
            classify(&Error::failed("anything else")),
            Some(ErrorKind::Other)
        );
    }
}
