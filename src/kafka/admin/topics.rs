//! Topics: create, delete, add partitions. Creating, deleting and adding must not run twice: a
//! lost answer is checked against the cluster (see `Pool::call_once`).

use std::collections::BTreeMap;
use std::time::Duration;

use kafka_protocol::messages::{
    self as msg, CreatePartitionsRequest, CreateTopicsRequest, DeleteTopicsRequest,
};
use kafka_protocol::protocol::StrBytes;

use super::decode::cluster_metadata;
use super::{Admin, ms, step_for, str_opt, topic_name};
use crate::deadline::Deadline;
use crate::error::{Error, Result};
use crate::kafka::errors::{ErrorContext, broker_error, codes, is_retriable};
use crate::kafka::pool::{Step, Target};
use crate::model;

/// A topic to create. `partitions`/`replication_factor` of -1 take the broker defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTopic {
    pub name: String,
    pub partitions: i32,
    pub replication_factor: i16,
    pub configs: BTreeMap<String, String>,
}

impl Admin {
    /// Create a topic. Unless `validate_only`, waits (up to the request timeout) until every
    /// partition has a leader in metadata, so the next command sees it.
    pub async fn create_topic(&self, t: &NewTopic, validate_only: bool) -> Result<()> {
        let timeout = self.pool.request_timeout();
        let topic = t.clone();
        let build = move |_v: i16| {
            let mut ct = msg::create_topics_request::CreatableTopic::default();
            ct.name = topic_name(&topic.name);
            ct.num_partitions = topic.partitions;
            ct.replication_factor = topic.replication_factor;
            ct.configs = topic
                .configs
                .iter()
                .map(|(k, v)| {
                    let mut c = msg::create_topics_request::CreatableTopicConfig::default();
                    c.name = StrBytes::from_string(k.clone());
                    c.value = Some(StrBytes::from_string(v.clone()));
                    c
                })
                .collect();
            let mut req = CreateTopicsRequest::default();
            req.topics = vec![ct];
            req.timeout_ms = ms(timeout);
            req.validate_only = validate_only;
            req
        };
        let subject = format!("topic \"{}\"", t.name);
        let ctx = ErrorContext {
            subject: &subject,
            replication_factor: Some(t.replication_factor),
            broker_count: Some(self.pool.broker_count()),
        };
        let check = |resp: msg::CreateTopicsResponse| match resp
            .topics
            .iter()
            .find(|r| r.name.0.as_str() == t.name)
        {
            Some(r) => step_for(r.error_code, str_opt(&r.error_message), &ctx, || ()),
            None => Step::Fail(Error::kafka(format!(
                "the broker's answer did not mention {subject}"
            ))),
        };
        if validate_only {
            return self.pool.call(Target::Controller, &build, check).await;
        }
        // Created by an attempt whose answer was lost: the topic exists.
        let created = || async { Ok(self.topic_partitions(&t.name).await?.map(|_| ())) };
        self.pool
            .call_once(Target::Controller, &build, check, created)
            .await?;
        self.wait_for_topic(&t.name, |p| {
            !p.is_empty() && p.iter().all(|p| p.leader.is_some())
        })
        .await
    }

    /// The partitions of one topic; None when the topic does not exist.
    async fn topic_partitions(&self, topic: &str) -> Result<Option<Vec<model::PartitionState>>> {
        let md = cluster_metadata(&self.metadata_for(Some(&[topic.to_string()])).await?);
        Ok(md
            .topics
            .into_iter()
            .find(|t| t.name == topic)
            .map(|t| t.partitions))
    }

    /// Poll metadata for one topic until `ready` holds or the request timeout passes (then Ok:
    /// the change was accepted, propagation is only slow).
    async fn wait_for_topic(
        &self,
        topic: &str,
        ready: impl Fn(&[model::PartitionState]) -> bool,
    ) -> Result<()> {
        let deadline = Deadline::after(self.pool.request_timeout());
        let names = [topic.to_string()];
        while !deadline.is_past() {
            let md = cluster_metadata(&self.metadata_for(Some(&names)).await?);
            if let Some(t) = md.topics.iter().find(|t| t.name == topic)
                && ready(&t.partitions)
            {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        tracing::warn!(topic, "metadata did not show the change before the timeout");
        Ok(())
    }

    /// Delete topics; waits (up to the request timeout) until metadata no longer lists them.
    pub async fn delete_topics(&self, names: &[String]) -> Result<()> {
        if names.is_empty() {
            return Ok(());
        }
        let timeout = self.pool.request_timeout();
        let list = names.to_vec();
        let build = move |v: i16| {
            let mut req = DeleteTopicsRequest::default();
            req.timeout_ms = ms(timeout);
            if v >= 6 {
                req.topics = list
                    .iter()
                    .map(|n| {
                        let mut s = msg::delete_topics_request::DeleteTopicState::default();
                        s.name = Some(topic_name(n));
                        s
                    })
                    .collect();
            } else {
                req.topic_names = list.iter().map(|n| topic_name(n)).collect();
            }
            req
        };
        // Deleted by an attempt whose answer was lost: none of them is listed any more.
        let deleted = || async {
            let md = cluster_metadata(&self.metadata_for(None).await?);
            Ok((!md.topics.iter().any(|t| names.contains(&t.name))).then_some(()))
        };
        self.pool
            .call_once(
                Target::Controller,
                &build,
                |resp: msg::DeleteTopicsResponse| {
                    let mut errors = Vec::new();
                    let mut retry = None;
                    for r in &resp.responses {
                        if r.error_code == 0 {
                            continue;
                        }
                        let name = r.name.as_ref().map(|n| n.0.to_string()).unwrap_or_default();
                        let subject = format!("topic \"{name}\"");
                        let ctx = ErrorContext {
                            subject: &subject,
                            ..Default::default()
                        };
                        let e = broker_error(r.error_code, str_opt(&r.error_message), &ctx);
                        if is_retriable(r.error_code)
                            && r.error_code != codes::UNKNOWN_TOPIC_OR_PARTITION
                        {
                            retry = Some(e);
                        } else {
                            errors.push(e);
                        }
                    }
                    match (errors.len(), retry) {
                        (0, None) => Step::Done(()),
                        (0, Some(e)) => Step::Retry(e.into()),
                        (1, _) => Step::Fail(errors.remove(0).into()),
                        _ => Step::Fail(Error::kafka(
                            errors
                                .iter()
                                .map(|e| e.to_string())
                                .collect::<Vec<_>>()
                                .join("; "),
                        )),
                    }
                },
                deleted,
            )
            .await?;
        let deadline = Deadline::after(timeout);
        while !deadline.is_past() {
            let md = cluster_metadata(&self.metadata_for(None).await?);
            if !md.topics.iter().any(|t| names.contains(&t.name)) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Ok(())
    }

    /// Grow a topic to `total` partitions.
    pub async fn create_partitions(
        &self,
        topic: &str,
        total: i32,
        validate_only: bool,
    ) -> Result<()> {
        let timeout = self.pool.request_timeout();
        let name = topic.to_string();
        let build = move |_v: i16| {
            let mut t = msg::create_partitions_request::CreatePartitionsTopic::default();
            t.name = topic_name(&name);
            t.count = total;
            t.assignments = None;
            let mut req = CreatePartitionsRequest::default();
            req.topics = vec![t];
            req.timeout_ms = ms(timeout);
            req.validate_only = validate_only;
            req
        };
        let subject = format!("topic \"{topic}\"");
        let ctx = ErrorContext {
            subject: &subject,
            ..Default::default()
        };
        let check = |resp: msg::CreatePartitionsResponse| match resp
            .results
            .iter()
            .find(|r| r.name.0.as_str() == topic)
        {
            Some(r) => step_for(r.error_code, str_opt(&r.error_message), &ctx, || ()),
            None => Step::Fail(Error::kafka(format!(
                "the broker's answer did not mention {subject}"
            ))),
        };
        let want = usize::try_from(total).unwrap_or(0);
        if validate_only {
            self.pool.call(Target::Controller, &build, check).await?;
        } else {
            // Grown by an attempt whose answer was lost: the topic has the partitions.
            let grown = || async {
                Ok(self
                    .topic_partitions(topic)
                    .await?
                    .filter(|p| p.len() >= want)
                    .map(|_| ()))
            };
            self.pool
                .call_once(Target::Controller, &build, check, grown)
                .await?;
            self.wait_for_topic(topic, |p| {
                p.len() >= want && p.iter().all(|p| p.leader.is_some())
            })
            .await?;
        }
        Ok(())
    }
}
