//! The data plane: Produce and Fetch on the admin plane's own connections, so records reach each
//! broker by the same route (advertised, direct or port-forward), TLS and SASL as admin requests.
//!
//! Why not librdkafka: it dials the brokers' advertised addresses itself. rdkafka 0.39 has no hook
//! to rewrite them, and its resolve callback (`rd_kafka_conf_set_resolve_cb`) is reachable only
//! through rdkafka-sys around a native config rust-rdkafka builds internally: unsafe code around
//! the whole client, which this crate denies. Its bundled build has neither OpenSSL nor SASL
//! either. So records travel here, through [`Pool`], and librdkafka is only the independent client
//! of the integration tests.
//!
//! - [`DataPlane::produce`]: one uncompressed RecordBatch (magic 2) to a partition's leader with
//!   acks=all; the broker's refusal (NOT_ENOUGH_REPLICAS, NOT_LEADER_OR_FOLLOWER, ...) comes back
//!   typed as [`Error::Kafka`] with its code.
//! - [`DataPlane::fetch`]: the records of one partition from an offset.
//! - [`encode_batch`] and [`decode_records`] are pure, and bounded: a length or count read from the
//!   wire never decides an allocation before the bytes are there.
//!
//! Produce and Fetch stop at v12, the last versions that name topics (v13 names them by id);
//! brokers 2.8 (Produce ≤ 9, Fetch ≤ 12) to 4.1 all accept them.

use std::sync::Arc;
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use kafka_protocol::messages::{
    BrokerId as WireBrokerId, FetchRequest, FetchResponse, ProduceRequest, ProduceResponse,
    TopicName, fetch_request, produce_request,
};
use kafka_protocol::protocol::StrBytes;
use kafka_protocol::records::{
    Compression, NO_PARTITION_LEADER_EPOCH, NO_PRODUCER_EPOCH, NO_PRODUCER_ID, NO_SEQUENCE, Record,
    RecordBatchDecoder, RecordBatchEncoder, RecordEncodeOptions, TimestampType,
};

use super::conn::SendError;
use super::errors::{ErrorContext, broker_error};
use super::options::ConnectOptions;
use super::pool::{Pool, Target};
use crate::error::{Error, Result};
use crate::model::BrokerId;

/// The highest Produce version used: v13 names topics by id.
pub const PRODUCE_MAX_VERSION: i16 = 12;
/// The highest Fetch version used: v13 names topics by id.
pub const FETCH_MAX_VERSION: i16 = 12;
/// What one Fetch may bring back per partition and in all: plenty for canary records, and far
/// below the connection's 64 MiB response limit (a broker may exceed it by one batch).
pub const FETCH_MAX_BYTES: i32 = 1 << 20;

/// Records produced and consumed, on connections that reach every broker.
#[derive(Clone, Debug)]
pub struct DataPlane {
    pool: Arc<Pool>,
}

/// One record to produce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRecord {
    pub key: Option<Bytes>,
    pub value: Bytes,
}

/// One record read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchedRecord {
    pub offset: i64,
    /// Milliseconds since the epoch, as the batch carries it.
    pub timestamp: i64,
    pub key: Option<Bytes>,
    pub value: Option<Bytes>,
}

/// What one Fetch of one partition returned.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Fetched {
    /// Data records at or after the offset asked for, in offset order (control records of
    /// transactions are left out).
    pub records: Vec<FetchedRecord>,
    /// The offset to fetch next.
    pub next_offset: i64,
    /// The partition's high watermark (the end of what consumers may read).
    pub high_watermark: i64,
}

impl DataPlane {
    /// A data plane on an existing pool (the admin client's connections).
    pub fn on(pool: Arc<Pool>) -> Self {
        DataPlane { pool }
    }

    /// A data plane with connections of its own, opened as the admin plane opens them. A consumer
    /// needs its own: a broker answers one request per connection at a time, so a Fetch waiting
    /// for records would hold back a Produce on a shared connection.
    pub async fn connect(mut opts: ConnectOptions) -> Result<Self> {
        // Connections of its own: clones of the options share their connections otherwise.
        opts.shared = Default::default();
        Ok(DataPlane {
            pool: Arc::new(Pool::connect(opts).await?),
        })
    }

    /// Open (or find) the connection to `broker`, handshake, TLS and SASL included, within
    /// `timeout`: so that a first record's latency is the record's, not the connection's.
    pub async fn ready(&self, broker: BrokerId, timeout: Duration) -> Result<()> {
        let limit = tokio::time::timeout(
            timeout,
            self.pool
                .version_for::<ProduceRequest>(Target::Broker(broker)),
        );
        match limit.await {
            Ok(r) => r.map(|_| ()),
            Err(_) => Err(Error::Timeout(format!(
                "broker {broker}: no connection within {timeout:?}"
            ))),
        }
    }

    /// Produce `records` as one batch to `partition` of `topic` on `leader`, acknowledged by every
    /// in-sync replica (acks=all), within `timeout`. Returns the batch's base offset. Sent once:
    /// a lost answer is an error, never a second write.
    pub async fn produce(
        &self,
        leader: BrokerId,
        topic: &str,
        partition: i32,
        records: &[NewRecord],
        timeout: Duration,
    ) -> Result<i64> {
        let batch = encode_batch(records, crate::deadline::unix_now_ms())?;
        let name = TopicName(StrBytes::from_string(topic.to_string()));
        let timeout_ms = i32::try_from(timeout.as_millis()).unwrap_or(i32::MAX);
        let build = |_v: i16| {
            let mut pd = produce_request::PartitionProduceData::default();
            pd.index = partition;
            pd.records = Some(batch.clone());
            let mut td = produce_request::TopicProduceData::default();
            td.name = name.clone();
            td.partition_data = vec![pd];
            let mut req = ProduceRequest::default();
            req.acks = -1;
            req.timeout_ms = timeout_ms;
            req.topic_data = vec![td];
            req
        };
        let send =
            self.pool
                .send_within(Target::Broker(leader), PRODUCE_MAX_VERSION, timeout, &build);
        let resp = within(timeout, leader, "Produce", send).await?;
        produce_outcome(&resp, topic, partition)
    }

    /// Fetch `partition` of `topic` from `leader` at `offset`: the broker answers as soon as a
    /// record is there, or after `max_wait` with none. Within `timeout` in all.
    pub async fn fetch(
        &self,
        leader: BrokerId,
        topic: &str,
        partition: i32,
        offset: i64,
        max_wait: Duration,
        timeout: Duration,
    ) -> Result<Fetched> {
        let name = TopicName(StrBytes::from_string(topic.to_string()));
        let max_wait = max_wait.min(timeout);
        let max_wait_ms = i32::try_from(max_wait.as_millis()).unwrap_or(i32::MAX);
        let build = |_v: i16| {
            let mut fp = fetch_request::FetchPartition::default();
            fp.partition = partition;
            fp.current_leader_epoch = -1;
            fp.fetch_offset = offset;
            fp.last_fetched_epoch = -1;
            fp.log_start_offset = -1;
            fp.partition_max_bytes = FETCH_MAX_BYTES;
            let mut ft = fetch_request::FetchTopic::default();
            ft.topic = name.clone();
            ft.partitions = vec![fp];
            let mut req = FetchRequest::default();
            req.replica_id = WireBrokerId(-1);
            req.max_wait_ms = max_wait_ms;
            req.min_bytes = 1;
            req.max_bytes = FETCH_MAX_BYTES;
            req.isolation_level = 0;
            // No fetch session: every request is a full one.
            req.session_id = 0;
            req.session_epoch = -1;
            req.topics = vec![ft];
            req
        };
        let send =
            self.pool
                .send_within(Target::Broker(leader), FETCH_MAX_VERSION, timeout, &build);
        let resp = within(timeout, leader, "Fetch", send).await?;
        fetch_outcome(resp, topic, partition, offset)
    }
}

/// Bound a request sent with `timeout`, connecting included (a frozen broker accepts TCP but
/// never answers the handshake). The request's own timeout ends it first once it is on the wire:
/// this one, a little later, only cuts a connection attempt, never a half-written frame.
async fn within<T>(
    timeout: Duration,
    leader: BrokerId,
    api: &str,
    send: impl Future<Output = std::result::Result<T, SendError>>,
) -> Result<T> {
    let limit = timeout.saturating_add(Duration::from_millis(500));
    match tokio::time::timeout(limit, send).await {
        Ok(r) => r.map_err(SendError::into_error),
        Err(_) => Err(Error::Timeout(format!(
            "broker {leader} did not answer {api} within {timeout:?}"
        ))),
    }
}

/// One uncompressed RecordBatch (magic 2) holding `records`, stamped `timestamp_ms`, without
/// producer id (not idempotent: each batch is sent once).
pub fn encode_batch(records: &[NewRecord], timestamp_ms: i64) -> Result<Bytes> {
    if records.is_empty() {
        return Err(Error::usage("a record batch needs at least one record"));
    }
    let recs: Vec<Record> = records
        .iter()
        .zip(0i32..)
        .map(|(r, i)| Record {
            transactional: false,
            control: false,
            delete_horizon: false,
            partition_leader_epoch: NO_PARTITION_LEADER_EPOCH,
            producer_id: NO_PRODUCER_ID,
            producer_epoch: NO_PRODUCER_EPOCH,
            timestamp_type: TimestampType::Creation,
            offset: i64::from(i),
            // The codec starts a new batch wherever offset minus sequence changes, and a
            // Produce (v3+) carries exactly one batch per partition: the sequence follows the
            // offset, from the base sequence of a producer without id (-1).
            sequence: NO_SEQUENCE.wrapping_add(i),
            timestamp: timestamp_ms,
            key: r.key.clone(),
            value: Some(r.value.clone()),
            headers: Default::default(),
        })
        .collect();
    let mut buf = BytesMut::new();
    RecordBatchEncoder::encode(
        &mut buf,
        &recs,
        &RecordEncodeOptions {
            version: 2,
            compression: Compression::None,
        },
    )
    .map_err(|e| Error::kafka(format!("cannot encode the record batch: {e}")))?;
    Ok(buf.freeze())
}

/// A batch starts with its base offset (8 bytes) and its length (4 bytes, counting what follows).
const BATCH_PREFIX: usize = 12;
/// Where the magic byte and the last offset delta sit in a batch.
const MAGIC_AT: usize = 16;
const LAST_OFFSET_DELTA_AT: usize = 23;

fn be_i64(b: &[u8], at: usize) -> Option<i64> {
    Some(i64::from_be_bytes(
        b.get(at..at.checked_add(8)?)?.try_into().ok()?,
    ))
}

fn be_i32(b: &[u8], at: usize) -> Option<i32> {
    Some(i32::from_be_bytes(
        b.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

/// The data records in a Fetch response's `records` at or after `from`, and the offset to fetch
/// next. A broker may end the data with part of a batch (its size limit cut it): that part is
/// left for the next fetch. Message sets older than magic 2 and compressed batches (this build
/// has no codecs) are errors, as is anything malformed; nothing read here can panic or allocate
/// more than the data's size.
pub fn decode_records(data: &Bytes, from: i64) -> Result<(Vec<FetchedRecord>, i64)> {
    let mut out = Vec::new();
    let mut next = from;
    let mut rest = data.clone();
    while rest.len() >= BATCH_PREFIX {
        let bad = |why: String| Error::kafka(format!("malformed record batch in a Fetch: {why}"));
        let base = be_i64(&rest, 0).ok_or_else(|| bad("no base offset".into()))?;
        let len = be_i32(&rest, 8).ok_or_else(|| bad("no length".into()))?;
        let len = usize::try_from(len).map_err(|_| bad(format!("negative length {len}")))?;
        let total = len
            .checked_add(BATCH_PREFIX)
            .ok_or_else(|| bad("length overflows".into()))?;
        if total > rest.len() {
            break; // a partial batch: fetched again, whole, from `next`
        }
        let mut batch = rest.split_to(total);
        let magic = batch
            .get(MAGIC_AT)
            .copied()
            .ok_or_else(|| bad("batch too short".into()))?;
        if magic != 2 {
            return Err(bad(format!(
                "message format v{magic} (before Kafka 0.11) is not supported"
            )));
        }
        let delta =
            be_i32(&batch, LAST_OFFSET_DELTA_AT).ok_or_else(|| bad("batch too short".into()))?;
        let after = base
            .checked_add(i64::from(delta))
            .and_then(|o| o.checked_add(1))
            .ok_or_else(|| bad("offsets overflow".into()))?;
        let set = RecordBatchDecoder::decode(&mut batch).map_err(|e| bad(e.to_string()))?;
        for r in set.records {
            if r.control || r.offset < from {
                continue;
            }
            out.push(FetchedRecord {
                offset: r.offset,
                timestamp: r.timestamp,
                key: r.key,
                value: r.value,
            });
        }
        next = next.max(after);
    }
    Ok((out, next))
}

/// A Produce answer for one partition: its base offset, or the broker's refusal typed with its
/// code.
pub fn produce_outcome(resp: &ProduceResponse, topic: &str, partition: i32) -> Result<i64> {
    let p = resp
        .responses
        .iter()
        .filter(|t| t.name.0.as_str() == topic)
        .flat_map(|t| t.partition_responses.iter())
        .find(|p| p.index == partition)
        .ok_or_else(|| {
            Error::kafka(format!(
                "the Produce answer does not mention partition {topic}-{partition}"
            ))
        })?;
    if p.error_code != 0 {
        let subject = format!("producing to {topic}-{partition}");
        let message = p.error_message.as_ref().map(|m| m.to_string()).or_else(|| {
            p.record_errors
                .iter()
                .find_map(|e| e.batch_index_error_message.as_ref().map(|m| m.to_string()))
        });
        return Err(broker_error(
            p.error_code,
            message.as_deref(),
            &ErrorContext {
                subject: &subject,
                ..Default::default()
            },
        )
        .into());
    }
    Ok(p.base_offset)
}

/// A Fetch answer for one partition, fetched at `offset`.
pub fn fetch_outcome(
    resp: FetchResponse,
    topic: &str,
    partition: i32,
    offset: i64,
) -> Result<Fetched> {
    let subject = format!("fetching {topic}-{partition} at offset {offset}");
    let ctx = ErrorContext {
        subject: &subject,
        ..Default::default()
    };
    if resp.error_code != 0 {
        return Err(broker_error(resp.error_code, None, &ctx).into());
    }
    let p = resp
        .responses
        .into_iter()
        .filter(|t| t.topic.0.as_str() == topic)
        .flat_map(|t| t.partitions.into_iter())
        .find(|p| p.partition_index == partition)
        .ok_or_else(|| {
            Error::kafka(format!(
                "the Fetch answer does not mention partition {topic}-{partition}"
            ))
        })?;
    if p.error_code != 0 {
        return Err(broker_error(p.error_code, None, &ctx).into());
    }
    let (records, next_offset) = match &p.records {
        Some(data) => decode_records(data, offset)?,
        None => (Vec::new(), offset),
    };
    Ok(Fetched {
        records,
        next_offset,
        high_watermark: p.high_watermark,
    })
}

#[cfg(test)]
mod tests {
    use kafka_protocol::messages::fetch_response::{FetchableTopicResponse, PartitionData};
    use kafka_protocol::messages::produce_response::{
        PartitionProduceResponse, TopicProduceResponse,
    };
    use proptest::prelude::*;

    use super::*;
    use crate::kafka::errors::codes;
    use crate::testkit::alloc::largest_allocation;

    fn rec(v: &str) -> NewRecord {
        NewRecord {
            key: None,
            value: Bytes::from(v.to_string()),
        }
    }

    /// `batch` as a broker stores it: at `base`.
    fn at_offset(batch: &Bytes, base: i64) -> Bytes {
        let mut b = BytesMut::from(&batch[..]);
        b[..8].copy_from_slice(&base.to_be_bytes());
        b.freeze()
    }

    #[test]
    fn a_batch_round_trips_and_the_next_offset_follows_it() {
        let batch = encode_batch(&[rec("a"), rec("b"), rec("c")], 1_700_000_000_000).unwrap();
        let stored = at_offset(&batch, 40);
        let (got, next) = decode_records(&stored, 40).unwrap();
        let values: Vec<_> = got.iter().map(|r| r.value.clone().unwrap()).collect();
        assert_eq!(values, ["a", "b", "c"]);
        assert_eq!(
            got.iter().map(|r| r.offset).collect::<Vec<_>>(),
            [40, 41, 42]
        );
        assert_eq!(got[0].timestamp, 1_700_000_000_000);
        assert_eq!(next, 43);
        // One batch: its length covers all the bytes; no producer id, base sequence -1.
        let len = i32::from_be_bytes(batch[8..12].try_into().unwrap());
        assert_eq!(usize::try_from(len).unwrap() + BATCH_PREFIX, batch.len());
        assert_eq!(i64::from_be_bytes(batch[43..51].try_into().unwrap()), -1);
        assert_eq!(i32::from_be_bytes(batch[53..57].try_into().unwrap()), -1);
        // Records before the offset asked for (the batch began earlier) are left out.
        let (got, next) = decode_records(&stored, 42).unwrap();
        assert_eq!((got.len(), got[0].offset, next), (1, 42, 43));
    }

    #[test]
    fn a_partial_trailing_batch_waits_for_the_next_fetch() {
        let one = at_offset(&encode_batch(&[rec("x")], 0).unwrap(), 7);
        let two = at_offset(&encode_batch(&[rec("y"), rec("z")], 0).unwrap(), 8);
        let mut data = BytesMut::from(&one[..]);
        data.extend_from_slice(&two[..two.len() - 3]);
        let (got, next) = decode_records(&data.freeze(), 7).unwrap();
        assert_eq!((got.len(), next), (1, 8));
        assert_eq!(decode_records(&Bytes::new(), 5).unwrap(), (vec![], 5));
    }

    #[test]
    fn old_formats_and_corruption_are_errors() {
        let batch = at_offset(&encode_batch(&[rec("x")], 0).unwrap(), 0);
        let mut v1 = BytesMut::from(&batch[..]);
        v1[MAGIC_AT] = 1;
        let e = decode_records(&v1.freeze(), 0).unwrap_err();
        assert!(e.to_string().contains("message format v1"), "{e}");
        let mut flipped = BytesMut::from(&batch[..]);
        let last = flipped.len() - 1;
        flipped[last] ^= 0xff;
        let e = decode_records(&flipped.freeze(), 0).unwrap_err();
        assert!(e.to_string().contains("malformed record batch"), "{e}");
        assert!(encode_batch(&[], 0).is_err());
    }

    fn produce_response(code: i16, message: Option<&str>) -> ProduceResponse {
        let mut p = PartitionProduceResponse::default();
        p.index = 2;
        p.error_code = code;
        p.base_offset = if code == 0 { 17 } else { -1 };
        p.error_message = message.map(|m| StrBytes::from_string(m.to_string()));
        let mut t = TopicProduceResponse::default();
        t.name = TopicName(StrBytes::from_static_str("canary"));
        t.partition_responses = vec![p];
        let mut r = ProduceResponse::default();
        r.responses = vec![t];
        r
    }

    #[test]
    fn produce_refusals_are_typed_with_their_code() {
        assert_eq!(
            produce_outcome(&produce_response(0, None), "canary", 2).unwrap(),
            17
        );
        for (code, name, words) in [
            (
                codes::NOT_ENOUGH_REPLICAS,
                "NOT_ENOUGH_REPLICAS",
                "min.insync.replicas",
            ),
            (
                codes::NOT_ENOUGH_REPLICAS_AFTER_APPEND,
                "NOT_ENOUGH_REPLICAS_AFTER_APPEND",
                "acks=all",
            ),
            (
                codes::NOT_LEADER_OR_FOLLOWER,
                "NOT_LEADER_OR_FOLLOWER",
                "leadership moved",
            ),
            (codes::REQUEST_TIMED_OUT, "REQUEST_TIMED_OUT", "transient"),
        ] {
            let e = produce_outcome(&produce_response(code, Some("isr 1 < 2")), "canary", 2)
                .unwrap_err();
            assert!(matches!(e, Error::Kafka(_)), "{e:?}");
            assert_eq!(e.kafka_code(), Some(code));
            let text = e.to_string();
            assert!(text.contains(name) && text.contains(words), "{text}");
            assert!(
                text.contains("canary-2") && text.contains("isr 1 < 2"),
                "{text}"
            );
        }
        // An answer about another partition is no answer.
        let e = produce_outcome(&produce_response(0, None), "canary", 3).unwrap_err();
        assert!(e.to_string().contains("canary-3"), "{e}");
    }

    #[test]
    fn fetch_answers_decode_or_name_their_error() {
        let batch = at_offset(&encode_batch(&[rec("hello")], 0).unwrap(), 5);
        let answer = |code: i16, records: Option<Bytes>| {
            let mut p = PartitionData::default();
            p.partition_index = 0;
            p.error_code = code;
            p.high_watermark = 6;
            p.records = records;
            let mut t = FetchableTopicResponse::default();
            t.topic = TopicName(StrBytes::from_static_str("canary"));
            t.partitions = vec![p];
            let mut r = FetchResponse::default();
            r.responses = vec![t];
            r
        };
        let f = fetch_outcome(answer(0, Some(batch)), "canary", 0, 5).unwrap();
        assert_eq!(
            (f.records.len(), f.next_offset, f.high_watermark),
            (1, 6, 6)
        );
        let f = fetch_outcome(answer(0, None), "canary", 0, 6).unwrap();
        assert_eq!((f.records.len(), f.next_offset), (0, 6));
        let e =
            fetch_outcome(answer(codes::OFFSET_OUT_OF_RANGE, None), "canary", 0, 99).unwrap_err();
        assert_eq!(e.kafka_code(), Some(codes::OFFSET_OUT_OF_RANGE));
        assert!(e.to_string().contains("OFFSET_OUT_OF_RANGE"), "{e}");
    }

    /// CRC-32C (Castagnoli), bit by bit: what a batch's checksum covers.
    fn crc32c(data: &[u8]) -> u32 {
        let mut crc = !0u32;
        for b in data {
            crc ^= u32::from(*b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0x82F6_3B78
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    #[test]
    fn the_test_checksum_is_the_batch_checksum() {
        // A batch the codec wrote carries the CRC-32C of everything after the checksum field.
        let batch = encode_batch(&[rec("x")], 0).unwrap();
        let stored = u32::from_be_bytes(batch[17..21].try_into().unwrap());
        assert_eq!(crc32c(&batch[21..]), stored);
    }

    /// Random bytes, and random bytes dressed as a batch with a valid CRC (so the record decoder
    /// behind the checksum sees them), never panic and never allocate more than a small multiple
    /// of their size.
    fn dressed(body: Vec<u8>, count: i32) -> Vec<u8> {
        // partition leader epoch, magic, crc, then attributes .. record count (49 bytes in all
        // after the length), then the body as the records.
        let mut after_crc = vec![0u8; 2 + 4 + 8 + 8 + 8 + 2 + 4];
        after_crc.extend_from_slice(&count.to_be_bytes());
        after_crc.extend_from_slice(&body);
        let crc = crc32c(&after_crc);
        let mut batch = Vec::new();
        batch.extend_from_slice(&0i64.to_be_bytes());
        let len = 4 + 1 + 4 + after_crc.len();
        batch.extend_from_slice(&i32::try_from(len).unwrap_or(i32::MAX).to_be_bytes());
        batch.extend_from_slice(&0i32.to_be_bytes());
        batch.push(2);
        batch.extend_from_slice(&crc.to_be_bytes());
        batch.extend_from_slice(&after_crc);
        batch
    }

    proptest! {
        #[test]
        fn random_bytes_never_panic_the_decoder(
            raw in proptest::collection::vec(any::<u8>(), 0..512),
            body in proptest::collection::vec(any::<u8>(), 0..256),
            count in prop_oneof![Just(i32::MAX), Just(-1), 0i32..64, any::<i32>()],
            from in any::<i64>(),
        ) {
            for data in [raw.clone(), dressed(body.clone(), count)] {
                let bytes = Bytes::from(data);
                let len = bytes.len();
                let (_, largest) = largest_allocation(|| {
                    let _ = decode_records(&bytes, from);
                });
                prop_assert!(largest <= 64 * len + (64 << 10), "{largest} bytes for {len}");
            }
        }
    }

    #[test]
    fn a_huge_record_count_behind_a_valid_crc_is_an_error() {
        // The dressing is a valid batch: with no records it decodes to nothing.
        let empty = Bytes::from(dressed(vec![], 0));
        assert_eq!(decode_records(&empty, 0).unwrap().0, vec![]);
        let data = Bytes::from(dressed(vec![0; 16], i32::MAX));
        let (r, largest) = largest_allocation(|| decode_records(&data, 0));
        let e = r.unwrap_err().to_string();
        assert!(e.contains("Record count"), "{e}");
        assert!(largest < 1 << 20, "{largest}");
    }
}
