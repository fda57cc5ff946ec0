//! Response decoders: Kafka's answers turned into the program's model. Pure, so every decoder is
//! tested from built responses (and fed random ones).

use std::collections::BTreeMap;

use kafka_protocol::messages::{
    self as msg, DescribeLogDirsResponse, DescribeQuorumResponse,
    ListPartitionReassignmentsResponse, MetadataResponse,
};

use super::str_opt;
use crate::error::Result;
use crate::kafka::errors::{ErrorContext, broker_error, codes};
use crate::model::{self, BrokerId, TopicPartition};

/// What Metadata says about the cluster.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClusterMetadata {
    pub cluster_id: Option<String>,
    /// In KRaft clusters this is a broker chosen by the cluster, not the active controller.
    pub controller_id: Option<BrokerId>,
    pub brokers: Vec<model::Broker>,
    pub topics: Vec<model::TopicState>,
}

/// Metadata → our model: brokers and topics sorted, leader -1 as None.
pub fn cluster_metadata(resp: &MetadataResponse) -> ClusterMetadata {
    let mut brokers: Vec<model::Broker> = resp
        .brokers
        .iter()
        .map(|b| model::Broker {
            id: b.node_id.0,
            host: b.host.to_string(),
            port: b.port,
            rack: b.rack.as_ref().map(|r| r.to_string()),
        })
        .collect();
    brokers.sort_by_key(|b| b.id);
    let ids = |v: &[msg::BrokerId]| v.iter().map(|b| b.0).collect::<Vec<_>>();
    let mut topics: Vec<model::TopicState> = resp
        .topics
        .iter()
        .filter(|t| t.error_code == 0 || t.error_code == codes::LEADER_NOT_AVAILABLE)
        .filter_map(|t| {
            let name = t.name.as_ref()?.0.to_string();
            let mut partitions: Vec<model::PartitionState> = t
                .partitions
                .iter()
                .map(|p| model::PartitionState {
                    partition: p.partition_index,
                    leader: (p.leader_id.0 >= 0).then_some(p.leader_id.0),
                    replicas: ids(&p.replica_nodes),
                    isr: ids(&p.isr_nodes),
                    offline_replicas: ids(&p.offline_replicas),
                })
                .collect();
            partitions.sort_by_key(|p| p.partition);
            Some(model::TopicState {
                name,
                internal: t.is_internal,
                partitions,
            })
        })
        .collect();
    topics.sort_by(|a, b| a.name.cmp(&b.name));
    ClusterMetadata {
        cluster_id: resp.cluster_id.as_ref().map(|c| c.to_string()),
        controller_id: (resp.controller_id.0 >= 0).then_some(resp.controller_id.0),
        brokers,
        topics,
    }
}

/// DescribeLogDirs → bytes per partition replica on that broker (current replicas, not futures).
pub fn log_dir_sizes(resp: &DescribeLogDirsResponse) -> BTreeMap<TopicPartition, i64> {
    let mut out = BTreeMap::new();
    for dir in resp.results.iter().filter(|d| d.error_code == 0) {
        for t in &dir.topics {
            for p in t.partitions.iter().filter(|p| !p.is_future_key) {
                out.insert(
                    TopicPartition::new(t.name.0.as_str(), p.partition_index),
                    p.partition_size,
                );
            }
        }
    }
    out
}

/// ListPartitionReassignments → our model, sorted by partition.
pub fn ongoing_reassignments(
    resp: &ListPartitionReassignmentsResponse,
) -> Vec<model::OngoingReassignment> {
    let ids = |v: &[msg::BrokerId]| v.iter().map(|b| b.0).collect::<Vec<_>>();
    let mut out: Vec<model::OngoingReassignment> = resp
        .topics
        .iter()
        .flat_map(|t| {
            t.partitions
                .iter()
                .map(move |p| model::OngoingReassignment {
                    tp: TopicPartition::new(t.name.0.as_str(), p.partition_index),
                    replicas: ids(&p.replicas),
                    adding: ids(&p.adding_replicas),
                    removing: ids(&p.removing_replicas),
                })
        })
        .collect();
    out.sort_by(|a, b| a.tp.cmp(&b.tp));
    out
}

pub(super) const METADATA_TOPIC: &str = "__cluster_metadata";

/// DescribeQuorum → our model; None when the response has no metadata partition.
pub fn quorum_info(resp: &DescribeQuorumResponse) -> Result<Option<model::QuorumInfo>> {
    let ctx = ErrorContext {
        subject: "the controller quorum",
        ..Default::default()
    };
    if resp.error_code != 0 {
        return Err(broker_error(resp.error_code, str_opt(&resp.error_message), &ctx).into());
    }
    let Some(p) = resp
        .topics
        .iter()
        .filter(|t| t.topic_name.0.as_str() == METADATA_TOPIC)
        .flat_map(|t| t.partitions.iter())
        .find(|p| p.partition_index == 0)
    else {
        return Ok(None);
    };
    if p.error_code != 0 {
        return Err(broker_error(p.error_code, str_opt(&p.error_message), &ctx).into());
    }
    let replica = |r: &msg::describe_quorum_response::ReplicaState| model::QuorumReplica {
        id: r.replica_id.0,
        log_end_offset: r.log_end_offset,
        last_fetch_timestamp_ms: (r.last_fetch_timestamp >= 0).then_some(r.last_fetch_timestamp),
        last_caught_up_timestamp_ms: (r.last_caught_up_timestamp >= 0)
            .then_some(r.last_caught_up_timestamp),
    };
    Ok(Some(model::QuorumInfo {
        leader_id: p.leader_id.0,
        leader_epoch: p.leader_epoch,
        high_watermark: p.high_watermark,
        voters: p.current_voters.iter().map(replica).collect(),
        observers: p.observers.iter().map(replica).collect(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use kafka_protocol::protocol::StrBytes;
    use msg::describe_log_dirs_response::{
        DescribeLogDirsPartition, DescribeLogDirsResult, DescribeLogDirsTopic,
    };
    use msg::describe_quorum_response::{PartitionData, ReplicaState, TopicData};
    use msg::metadata_response::{
        MetadataResponseBroker, MetadataResponsePartition, MetadataResponseTopic,
    };

    use crate::kafka::admin::{by_topic, topic_name};

    fn b(ids: &[i32]) -> Vec<msg::BrokerId> {
        ids.iter().map(|i| msg::BrokerId(*i)).collect()
    }

    #[test]
    fn metadata_conversion_sorts_and_maps_missing_leaders() {
        let mut resp = MetadataResponse::default();
        for id in [3, 1] {
            let mut br = MetadataResponseBroker::default();
            br.node_id = msg::BrokerId(id);
            br.host = StrBytes::from_string(format!("kafka-{id}"));
            br.port = 9092;
            br.rack = (id == 1).then(|| StrBytes::from_static_str("a"));
            resp.brokers.push(br);
        }
        resp.controller_id = msg::BrokerId(-1);
        for (name, internal, code) in [
            ("zeta", false, 0),
            ("__consumer_offsets", true, 0),
            ("gone", false, 3),
        ] {
            let mut t = MetadataResponseTopic::default();
            t.name = Some(topic_name(name));
            t.is_internal = internal;
            t.error_code = code;
            for (idx, leader) in [(1, -1), (0, 3)] {
                let mut p = MetadataResponsePartition::default();
                p.partition_index = idx;
                p.leader_id = msg::BrokerId(leader);
                p.replica_nodes = b(&[3, 1]);
                p.isr_nodes = b(&[3]);
                p.offline_replicas = b(&[1]);
                t.partitions.push(p);
            }
            resp.topics.push(t);
        }
        let md = cluster_metadata(&resp);
        assert_eq!(md.controller_id, None);
        assert_eq!(
            md.brokers.iter().map(|b| b.id).collect::<Vec<_>>(),
            vec![1, 3]
        );
        assert_eq!(md.brokers[0].rack.as_deref(), Some("a"));
        assert_eq!(
            md.topics
                .iter()
                .map(|t| t.name.as_str())
                .collect::<Vec<_>>(),
            vec!["__consumer_offsets", "zeta"]
        );
        assert!(md.topics[0].internal);
        let p = &md.topics[1].partitions;
        assert_eq!((p[0].partition, p[0].leader), (0, Some(3)));
        assert_eq!((p[1].partition, p[1].leader), (1, None));
        assert_eq!(p[1].replicas, vec![3, 1]);
        assert_eq!(p[1].offline_replicas, vec![1]);
    }

    #[test]
    fn log_dirs_skip_future_replicas_and_failed_dirs() {
        let part = |idx, size, future| {
            let mut p = DescribeLogDirsPartition::default();
            p.partition_index = idx;
            p.partition_size = size;
            p.is_future_key = future;
            p
        };
        let mut t = DescribeLogDirsTopic::default();
        t.name = topic_name("t");
        t.partitions = vec![part(0, 100, false), part(1, 5, true)];
        let mut ok = DescribeLogDirsResult::default();
        ok.topics = vec![t.clone()];
        let mut t2 = t.clone();
        t2.partitions = vec![part(1, 70, false)];
        let mut other = DescribeLogDirsResult::default();
        other.topics = vec![t2];
        let mut failed = DescribeLogDirsResult::default();
        failed.error_code = 56;
        failed.topics = vec![t];
        let mut resp = DescribeLogDirsResponse::default();
        resp.results = vec![ok, other, failed];
        let sizes = log_dir_sizes(&resp);
        assert_eq!(sizes.get(&TopicPartition::new("t", 0)), Some(&100));
        assert_eq!(sizes.get(&TopicPartition::new("t", 1)), Some(&70));
        assert_eq!(sizes.len(), 2);
    }

    #[test]
    fn quorum_conversion() {
        let rs = |id, leo, ts| {
            let mut r = ReplicaState::default();
            r.replica_id = msg::BrokerId(id);
            r.log_end_offset = leo;
            r.last_fetch_timestamp = ts;
            r.last_caught_up_timestamp = ts;
            r
        };
        let mut p = PartitionData::default();
        p.leader_id = msg::BrokerId(1000);
        p.leader_epoch = 4;
        p.high_watermark = 77;
        p.current_voters = vec![rs(1000, 77, 5), rs(1001, 70, -1)];
        p.observers = vec![rs(0, 77, 6)];
        let mut t = TopicData::default();
        t.topic_name = topic_name(METADATA_TOPIC);
        t.partitions = vec![p];
        let mut resp = DescribeQuorumResponse::default();
        resp.topics = vec![t];
        let q = quorum_info(&resp).unwrap().unwrap();
        assert_eq!(
            (q.leader_id, q.leader_epoch, q.high_watermark),
            (1000, 4, 77)
        );
        assert_eq!(q.voters[1].last_fetch_timestamp_ms, None);
        assert_eq!(q.voters[0].last_caught_up_timestamp_ms, Some(5));
        assert_eq!(q.observers[0].id, 0);
        resp.error_code = codes::CLUSTER_AUTHORIZATION_FAILED;
        let e = quorum_info(&resp).unwrap_err();
        assert!(
            e.to_string().contains("CLUSTER_AUTHORIZATION_FAILED"),
            "{e}"
        );
        assert_eq!(
            quorum_info(&DescribeQuorumResponse::default()).unwrap(),
            None
        );
    }

    #[test]
    fn reassignments_conversion_and_grouping() {
        let mut p =
            msg::list_partition_reassignments_response::OngoingPartitionReassignment::default();
        p.partition_index = 2;
        p.replicas = b(&[1, 2, 3]);
        p.adding_replicas = b(&[3]);
        p.removing_replicas = b(&[1]);
        let mut t = msg::list_partition_reassignments_response::OngoingTopicReassignment::default();
        t.name = topic_name("t");
        t.partitions = vec![p];
        let mut resp = ListPartitionReassignmentsResponse::default();
        resp.topics = vec![t];
        let r = ongoing_reassignments(&resp);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].tp, TopicPartition::new("t", 2));
        assert_eq!(
            (r[0].adding.clone(), r[0].removing.clone()),
            (vec![3], vec![1])
        );

        let tps = [
            TopicPartition::new("b", 2),
            TopicPartition::new("a", 1),
            TopicPartition::new("b", 0),
        ];
        let g = by_topic(tps.iter().map(|tp| (tp, ())));
        assert_eq!(g.keys().collect::<Vec<_>>(), vec!["a", "b"]);
        assert_eq!(
            g["b"].iter().map(|(p, _)| *p).collect::<Vec<_>>(),
            vec![0, 2]
        );
    }

    /// Random bytes into every response decoder this client uses, at every version it may
    /// negotiate, then into the model conversion: an error or a value, never a panic, and never
    /// an allocation much larger than the bytes given.
    mod random_bytes {
        use bytes::Bytes;
        use kafka_protocol::messages::{
            AlterPartitionReassignmentsRequest, ApiVersionsRequest, CreatePartitionsRequest,
            CreateTopicsRequest, DeleteTopicsRequest, DescribeConfigsRequest,
            DescribeLogDirsRequest, DescribeQuorumRequest, ElectLeadersRequest,
            IncrementalAlterConfigsRequest, ListPartitionReassignmentsRequest, MetadataRequest,
            SaslAuthenticateRequest, SaslHandshakeRequest,
        };
        use kafka_protocol::protocol::{Message, Request};
        use proptest::prelude::*;

        use super::super::*;
        use crate::kafka::conn::{decode_api_versions, decode_response};
        use crate::testkit::alloc::largest_allocation;

        /// Decode `data` as every version of `R`'s response, handing what decodes to `then`.
        /// Returns the largest allocation made.
        fn each_version<R: Request>(data: &[u8], then: impl Fn(R::Response)) -> usize {
            let mut largest = 0;
            for v in R::VERSIONS.min..=R::VERSIONS.max {
                let frame = Bytes::copy_from_slice(data);
                let ((), size) = largest_allocation(|| {
                    if let Ok((_, body)) = decode_response::<R>(frame, v) {
                        then(body);
                    }
                });
                largest = largest.max(size);
            }
            largest
        }

        /// What decoding `len` bytes may take: the values themselves stay within a small
        /// multiple of the input, plus fixed overhead.
        fn bound(len: usize) -> usize {
            64 * len + (64 << 10)
        }

        fn frames() -> impl Strategy<Value = Vec<u8>> {
            prop_oneof![
                proptest::collection::vec(any::<u8>(), 0..256),
                // Mostly small numbers, so decoding gets past headers and counts into the bodies.
                proptest::collection::vec(
                    prop_oneof![Just(0u8), Just(1u8), Just(0xff), any::<u8>()],
                    0..256
                ),
            ]
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

            #[test]
            fn decoders_fail_cleanly(data in frames()) {
                let limit = bound(data.len());
                let checks = [
                    each_version::<MetadataRequest>(&data, |r| {
                        let _ = cluster_metadata(&r);
                    }),
                    each_version::<DescribeLogDirsRequest>(&data, |r| {
                        let _ = log_dir_sizes(&r);
                    }),
                    each_version::<ListPartitionReassignmentsRequest>(&data, |r| {
                        let _ = ongoing_reassignments(&r);
                    }),
                    each_version::<DescribeQuorumRequest>(&data, |r| {
                        let _ = quorum_info(&r);
                    }),
                    each_version::<DescribeConfigsRequest>(&data, |_| {}),
                    each_version::<CreateTopicsRequest>(&data, |_| {}),
                    each_version::<DeleteTopicsRequest>(&data, |_| {}),
                    each_version::<CreatePartitionsRequest>(&data, |_| {}),
                    each_version::<IncrementalAlterConfigsRequest>(&data, |_| {}),
                    each_version::<AlterPartitionReassignmentsRequest>(&data, |_| {}),
                    each_version::<ElectLeadersRequest>(&data, |_| {}),
                    each_version::<SaslHandshakeRequest>(&data, |_| {}),
                    each_version::<SaslAuthenticateRequest>(&data, |_| {}),
                ];
                for (i, largest) in checks.into_iter().enumerate() {
                    prop_assert!(largest <= limit, "decoder {i}: {largest} bytes allocated for {} given", data.len());
                }
                for v in ApiVersionsRequest::VERSIONS.min..=ApiVersionsRequest::VERSIONS.max {
                    let frame = Bytes::copy_from_slice(&data);
                    let (_, largest) = largest_allocation(|| decode_api_versions(frame, v).is_ok());
                    prop_assert!(largest <= limit, "ApiVersions v{v}: {largest} bytes");
                }
            }
        }
    }
}
