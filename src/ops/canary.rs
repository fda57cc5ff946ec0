//! The canary topic and its clients, shared by `probe` and `restart --canary`: the topic's
//! creation (one partition led by each broker, min.insync.replicas respected) and the few
//! data-plane calls a canary makes (produce one record to a partition and time its acknowledgement,
//! read what arrived). The engine under [`CanaryClients`] is the only place that knows which
//! client library carries the records.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rdkafka::consumer::{Consumer, StreamConsumer};
use rdkafka::error::KafkaError;
use rdkafka::producer::{FutureProducer, FutureRecord};
use rdkafka::types::RDKafkaErrorCode;
use rdkafka::util::Timeout;
use rdkafka::{Message, Offset, TopicPartitionList};

use crate::error::{Error, Result};
use crate::kafka::admin::ConfigResource;
use crate::kafka::data::DataPlane;
use crate::kafka::{Admin, NewTopic};
use crate::model::{BrokerId, PartitionState, TopicPartition};
use crate::output;
use crate::plan::canary::{
    ErrorKind, canary_assignment, canary_min_isr, canary_replication_factor,
};

pub const DEFAULT_TOPIC: &str = "__kubectl_kafka_canary";

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

/// The data-plane clients of one canary run.
pub struct CanaryClients {
    producer: FutureProducer,
    consumer: Arc<StreamConsumer>,
}

/// One record read back: its partition and payload.
pub struct Received {
    pub partition: i32,
    pub payload: Vec<u8>,
    pub at: Instant,
}

impl CanaryClients {
    /// Clients reaching the cluster `admin` reaches; each produce gives up after `timeout`.
    /// `single_attempt`: the producer does not retry on its own, so that every failed request
    /// is seen (the caller retries what is worth it).
    pub fn connect(admin: &Admin, timeout: Duration, single_attempt: bool) -> Result<Self> {
        let tunnelled = admin.connect_options().route == crate::kafka::Route::PortForward;
        let dp = DataPlane::from_admin(admin.connect_options(), tunnelled, timeout)?;
        if !dp.unmapped.is_empty() {
            output::note(format!(
                "note: librdkafka connects to the brokers' advertised addresses ({}) as they are",
                dp.unmapped.join(", ")
            ));
        }
        Ok(CanaryClients {
            producer: if single_attempt {
                dp.producer_single_attempt()?
            } else {
                dp.producer()?
            },
            consumer: Arc::new(dp.consumer()?),
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
        let t0 = Instant::now();
        let record = FutureRecord::<(), str>::to(topic)
            .partition(partition)
            .payload(payload);
        match self.producer.send(record, Timeout::After(timeout)).await {
            Ok(_) => Ok(t0.elapsed()),
            Err((e, _)) => Err(SendError {
                kind: classify(&e),
                text: e.to_string(),
            }),
        }
    }

    /// Where `partition` ends now.
    pub async fn end_offset(
        &self,
        topic: &str,
        partition: i32,
        timeout: Duration,
    ) -> std::result::Result<i64, String> {
        end_offset(self.consumer.clone(), topic.to_string(), partition, timeout).await
    }

    /// Read `topic`'s partitions from these offsets on (replacing any earlier assignment).
    pub fn assign(&self, topic: &str, from: &[(i32, i64)]) -> Result<()> {
        let mut tpl = TopicPartitionList::new();
        for (p, off) in from {
            tpl.add_partition_offset(topic, *p, Offset::Offset(*off))
                .map_err(|e| Error::failed(format!("cannot assign the canary consumer: {e}")))?;
        }
        self.consumer
            .assign(&tpl)
            .map_err(|e| Error::failed(format!("cannot assign the canary consumer: {e}")))
    }

    /// The next record read back (None: a consumer error, logged; call again).
    pub async fn recv(&self) -> Option<Received> {
        match self.consumer.recv().await {
            Ok(m) => Some(Received {
                partition: m.partition(),
                payload: m.payload().map(<[u8]>::to_vec).unwrap_or_default(),
                at: Instant::now(),
            }),
            Err(e) => {
                tracing::debug!("canary consumer: {e}");
                None
            }
        }
    }
}

/// What a failed produce means to a client: None when retrying is the normal answer.
fn classify(e: &KafkaError) -> Option<ErrorKind> {
    use RDKafkaErrorCode as C;
    let code = match e {
        KafkaError::MessageProduction(c) => *c,
        _ => return Some(ErrorKind::Other),
    };
    match code {
        C::NotEnoughReplicas | C::NotEnoughReplicasAfterAppend | C::ISRInsufficient => {
            Some(ErrorKind::NotEnoughReplicas)
        }
        C::MessageTimedOut | C::RequestTimedOut | C::OperationTimedOut | C::TimedOutQueue => {
            Some(ErrorKind::Timeout)
        }
        C::NotLeaderForPartition
        | C::LeaderNotAvailable
        | C::BrokerTransportFailure
        | C::AllBrokersDown
        | C::NetworkException
        | C::BrokerNotAvailable
        | C::ReplicaNotAvailable
        | C::UnknownTopicOrPartition
        | C::UnknownPartition
        | C::FencedLeaderEpoch
        | C::UnknownLeaderEpoch
        | C::Resolve => None,
        _ => Some(ErrorKind::Other),
    }
}

/// Make sure the canary topic exists; returns its partitions and whether it was created.
pub async fn ensure_topic(
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

/// The end offset of one partition (blocking librdkafka call, run off the runtime).
async fn end_offset(
    consumer: Arc<StreamConsumer>,
    topic: String,
    partition: i32,
    timeout: Duration,
) -> std::result::Result<i64, String> {
    tokio::task::spawn_blocking(move || {
        consumer
            .fetch_watermarks(&topic, partition, Timeout::After(timeout))
            .map(|(_, high)| high)
            .map_err(|e| format!("cannot read the partition's end offset: {e}"))
    })
    .await
    .map_err(|e| format!("end offset lookup did not finish: {e}"))?
}

#[cfg(test)]
mod tests {
    use super::*;

    fn produce_error(c: RDKafkaErrorCode) -> Option<ErrorKind> {
        classify(&KafkaError::MessageProduction(c))
    }

    #[test]
    fn produce_errors_are_sorted_by_what_a_client_sees() {
        use RDKafkaErrorCode as C;
        assert_eq!(
            produce_error(C::NotEnoughReplicas),
            Some(ErrorKind::NotEnoughReplicas)
        );
        assert_eq!(
            produce_error(C::NotEnoughReplicasAfterAppend),
            Some(ErrorKind::NotEnoughReplicas)
        );
        assert_eq!(produce_error(C::MessageTimedOut), Some(ErrorKind::Timeout));
        assert_eq!(produce_error(C::RequestTimedOut), Some(ErrorKind::Timeout));
        // Leadership moving and dropped connections are retried, not errors.
        assert_eq!(produce_error(C::NotLeaderForPartition), None);
        assert_eq!(produce_error(C::BrokerTransportFailure), None);
        assert_eq!(
            produce_error(C::TopicAuthorizationFailed),
            Some(ErrorKind::Other)
        );
        assert_eq!(classify(&KafkaError::Canceled), Some(ErrorKind::Other));
    }
}
