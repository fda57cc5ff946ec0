//! The cluster as a whole: metadata, the snapshot the safety checks and planners read, and the
//! KRaft quorum.

use kafka_protocol::messages::{
    self as msg, BrokerId, DescribeQuorumRequest, DescribeQuorumResponse, MetadataRequest,
    MetadataResponse, UnregisterBrokerRequest,
};

use super::configs::{ConfigResource, MIN_ISR, min_isr_of_configs};
use super::decode::{ClusterMetadata, METADATA_TOPIC, cluster_metadata, quorum_info};
use super::{Admin, step_for, str_opt, topic_name};
use crate::error::Result;
use crate::kafka::errors::{ErrorContext, codes};
use crate::kafka::pool::{Step, Target};
use crate::model;

impl Admin {
    pub(super) async fn metadata_for(&self, topics: Option<&[String]>) -> Result<MetadataResponse> {
        let names: Option<Vec<String>> = topics.map(|t| t.to_vec());
        let build = move |_v: i16| {
            let mut req = MetadataRequest::default();
            req.allow_auto_topic_creation = false;
            req.topics = names.as_ref().map(|ns| {
                ns.iter()
                    .map(|n| {
                        let mut t = msg::metadata_request::MetadataRequestTopic::default();
                        t.name = Some(topic_name(n));
                        t
                    })
                    .collect()
            });
            req
        };
        let resp = self.pool.call(Target::Any, &build, Step::Done).await?;
        self.pool.learn(&resp);
        Ok(resp)
    }

    /// Brokers, controller and every topic (internal ones flagged).
    pub async fn metadata(&self) -> Result<ClusterMetadata> {
        Ok(cluster_metadata(&self.metadata_for(None).await?))
    }

    /// Metadata plus effective min.insync.replicas per topic, ongoing reassignments and the
    /// KRaft quorum (None on ZooKeeper clusters).
    pub async fn snapshot(&self) -> Result<model::ClusterSnapshot> {
        let md = self.metadata().await?;
        let resources: Vec<ConfigResource> = md
            .topics
            .iter()
            .map(|t| ConfigResource::Topic(t.name.clone()))
            .collect();
        let (configs, reassignments, quorum) = tokio::join!(
            self.describe_configs_inner(&resources, Some(&[MIN_ISR])),
            self.list_partition_reassignments(),
            self.describe_quorum(),
        );
        let (min_isr, min_isr_unreadable) = min_isr_of_configs(configs?);
        Ok(model::ClusterSnapshot {
            cluster_id: md.cluster_id,
            controller_id: md.controller_id,
            brokers: md.brokers,
            topics: md.topics,
            min_isr,
            min_isr_unreadable,
            reassignments: reassignments?,
            quorum: quorum?,
        })
    }

    /// The KRaft controller quorum; None when the cluster does not support DescribeQuorum
    /// (ZooKeeper mode, or brokers older than Kafka 3.3).
    pub async fn describe_quorum(&self) -> Result<Option<model::QuorumInfo>> {
        if self
            .pool
            .version_for::<DescribeQuorumRequest>(Target::Any)
            .await?
            .is_none()
        {
            return Ok(None);
        }
        let build = |_v: i16| {
            let mut p = msg::describe_quorum_request::PartitionData::default();
            p.partition_index = 0;
            let mut t = msg::describe_quorum_request::TopicData::default();
            t.topic_name = topic_name(METADATA_TOPIC);
            t.partitions = vec![p];
            let mut req = DescribeQuorumRequest::default();
            req.topics = vec![t];
            req
        };
        let ctx = ErrorContext {
            subject: "the controller quorum",
            ..Default::default()
        };
        let resp: DescribeQuorumResponse = self
            .pool
            .call(Target::Any, &build, |resp| {
                if resp.error_code == codes::UNSUPPORTED_VERSION {
                    return Step::Done(None);
                }
                let code = resp.error_code;
                let message = resp.error_message.clone();
                step_for(code, str_opt(&message), &ctx, || Some(resp))
            })
            .await?
            .unwrap_or_default();
        if resp.topics.is_empty() {
            return Ok(None);
        }
        quorum_info(&resp)
    }

    /// Remove a broker's registration from the KRaft metadata (UnregisterBroker), so nothing is
    /// placed on it again. Retried on transient errors: unregistering twice is harmless (the
    /// second answer is BROKER_ID_NOT_REGISTERED).
    pub async fn unregister_broker(&self, id: model::BrokerId) -> Result<Unregistered> {
        if self
            .pool
            .version_for::<UnregisterBrokerRequest>(Target::Any)
            .await?
            .is_none()
        {
            return Ok(Unregistered::Unsupported);
        }
        let build = move |_v: i16| {
            let mut req = UnregisterBrokerRequest::default();
            req.broker_id = BrokerId(id);
            req
        };
        let subject = format!("broker {id}");
        let ctx = ErrorContext {
            subject: &subject,
            ..Default::default()
        };
        self.pool
            .call(Target::Any, &build, |resp| match resp.error_code {
                codes::BROKER_ID_NOT_REGISTERED => Step::Done(Unregistered::NotRegistered),
                codes::UNSUPPORTED_VERSION => Step::Done(Unregistered::Unsupported),
                code => step_for(code, str_opt(&resp.error_message), &ctx, || {
                    Unregistered::Done
                }),
            })
            .await
    }
}

/// What an UnregisterBroker request did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unregistered {
    Done,
    /// The broker was not (or no longer) registered.
    NotRegistered,
    /// The cluster has no UnregisterBroker (ZooKeeper mode, or brokers before Kafka 3.3).
    Unsupported,
}
