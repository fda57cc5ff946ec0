//! Consumer groups and partition offsets: FindCoordinator, ListGroups, DescribeGroups,
//! OffsetFetch, ListOffsets, OffsetCommit, DeleteGroups. Group requests go to the group's
//! coordinator, found again when the coordinator moves (NOT_COORDINATOR).

use std::collections::{BTreeMap, BTreeSet};

use bytes::Buf;
use kafka_protocol::messages::{
    self as msg, ConsumerProtocolAssignment, DeleteGroupsRequest, DescribeGroupsRequest,
    FindCoordinatorRequest, GroupId, ListGroupsRequest, ListOffsetsRequest, OffsetCommitRequest,
    OffsetFetchRequest,
};
use kafka_protocol::protocol::{Decodable, StrBytes};

use super::{Admin, item_result, step_for, str_opt, topic_name};
use crate::error::{Error, Result};
use crate::kafka::errors::{ErrorContext, broker_error, is_retriable};
use crate::kafka::pool::{Step, Target};
use crate::model::{BrokerId, TopicPartition};

/// Codes that mean "ask FindCoordinator again".
const COORDINATOR_LOAD_IN_PROGRESS: i16 = 14;
const COORDINATOR_NOT_AVAILABLE: i16 = 15;
const NOT_COORDINATOR: i16 = 16;
/// Attempts at a group request when the coordinator keeps moving.
const COORDINATOR_ATTEMPTS: u32 = 5;

fn moved(code: i16) -> bool {
    matches!(
        code,
        COORDINATOR_LOAD_IN_PROGRESS | COORDINATOR_NOT_AVAILABLE | NOT_COORDINATOR
    )
}

fn group_id(s: &str) -> GroupId {
    GroupId(StrBytes::from_string(s.to_string()))
}

/// One group as ListGroups names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupListing {
    pub group_id: String,
    /// "consumer" for consumer groups, "" for groups that only commit offsets.
    pub protocol_type: String,
    /// Stable, Empty, PreparingRebalance, ... (empty when the broker is too old to say).
    pub state: String,
    /// classic or consumer (empty when the broker is too old to say).
    pub group_type: String,
}

/// One member of a group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupMember {
    pub member_id: String,
    pub group_instance_id: Option<String>,
    pub client_id: String,
    pub client_host: String,
    /// Partitions assigned to it (consumer protocol); empty when not decodable.
    pub assignment: Vec<TopicPartition>,
}

/// A group as its coordinator describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupDescription {
    pub group_id: String,
    pub state: String,
    pub protocol_type: String,
    /// The assignor (range, cooperative-sticky, ...).
    pub protocol: String,
    pub coordinator: BrokerId,
    pub members: Vec<GroupMember>,
}

/// Which offset of a partition ListOffsets should return.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OffsetSpec {
    Earliest,
    Latest,
    /// The first offset whose timestamp is at or after this (ms since the epoch); the end offset
    /// when there is none.
    Timestamp(i64),
}

impl OffsetSpec {
    fn wire(self) -> i64 {
        match self {
            OffsetSpec::Earliest => -2,
            OffsetSpec::Latest => -1,
            OffsetSpec::Timestamp(t) => t,
        }
    }
}

/// Decode a consumer-protocol assignment (version prefix, then the message).
pub fn decode_assignment(bytes: &[u8]) -> Vec<TopicPartition> {
    let mut buf = bytes;
    if buf.remaining() < 2 {
        return vec![];
    }
    let version = buf.get_i16().clamp(0, 3);
    match ConsumerProtocolAssignment::decode(&mut buf, version) {
        Ok(a) => {
            let mut out: Vec<TopicPartition> = a
                .assigned_partitions
                .iter()
                .flat_map(|t| {
                    t.partitions
                        .iter()
                        .map(|p| TopicPartition::new(t.topic.0.to_string(), *p))
                })
                .collect();
            out.sort();
            out
        }
        Err(_) => vec![],
    }
}

impl Admin {
    /// The broker coordinating `group`.
    pub async fn find_coordinator(&self, group: &str) -> Result<BrokerId> {
        let key = group.to_string();
        let build = move |v: i16| {
            let mut req = FindCoordinatorRequest::default();
            req.key_type = 0;
            if v >= 4 {
                req.coordinator_keys = vec![StrBytes::from_string(key.clone())];
            } else {
                req.key = StrBytes::from_string(key.clone());
            }
            req
        };
        let subject = format!("the coordinator of group \"{group}\"");
        let ctx = ErrorContext {
            subject: &subject,
            ..Default::default()
        };
        self.pool
            .call(
                Target::Any,
                &build,
                |resp: msg::FindCoordinatorResponse| match resp.coordinators.first() {
                    Some(c) => step_for(c.error_code, str_opt(&c.error_message), &ctx, || {
                        c.node_id.0
                    }),
                    None => step_for(resp.error_code, str_opt(&resp.error_message), &ctx, || {
                        resp.node_id.0
                    }),
                },
            )
            .await
    }

    /// Run a group request against the coordinator; `check` returns Err(code) when the
    /// coordinator moved, and the coordinator is looked up again.
    async fn on_coordinator<R, T>(
        &self,
        group: &str,
        build: &(dyn Fn(i16) -> R + Sync),
        mut check: impl FnMut(R::Response) -> Step<std::result::Result<T, i16>>,
    ) -> Result<(BrokerId, T)>
    where
        R: kafka_protocol::protocol::Request,
    {
        let mut last = 0;
        for attempt in 0..COORDINATOR_ATTEMPTS {
            let coordinator = self.find_coordinator(group).await?;
            match self
                .pool
                .call(Target::Broker(coordinator), build, &mut check)
                .await?
            {
                Ok(t) => return Ok((coordinator, t)),
                Err(code) => {
                    last = code;
                    tokio::time::sleep(crate::kafka::pool::backoff(attempt)).await;
                }
            }
        }
        let subject = format!("group \"{group}\"");
        Err(broker_error(
            last,
            Some("the group coordinator kept moving"),
            &ErrorContext {
                subject: &subject,
                ..Default::default()
            },
        )
        .into())
    }

    /// Every group of the cluster (ListGroups asks each broker for the groups it coordinates).
    pub async fn list_groups(&self) -> Result<Vec<GroupListing>> {
        let brokers = self.metadata().await?.brokers;
        let mut out = Vec::new();
        for b in brokers {
            let build = |_v: i16| ListGroupsRequest::default();
            let subject = format!("the groups of broker {}", b.id);
            let ctx = ErrorContext {
                subject: &subject,
                ..Default::default()
            };
            let groups = self
                .pool
                .call(
                    Target::Broker(b.id),
                    &build,
                    |resp: msg::ListGroupsResponse| {
                        step_for(resp.error_code, None, &ctx, || resp.groups.clone())
                    },
                )
                .await?;
            out.extend(groups.into_iter().map(|g| GroupListing {
                group_id: g.group_id.0.to_string(),
                protocol_type: g.protocol_type.to_string(),
                state: g.group_state.to_string(),
                group_type: g.group_type.to_string(),
            }));
        }
        out.sort_by(|a, b| a.group_id.cmp(&b.group_id));
        out.dedup_by(|a, b| a.group_id == b.group_id);
        Ok(out)
    }

    /// A group's state and members. A group that does not exist comes back in state "Dead".
    pub async fn describe_group(&self, group: &str) -> Result<GroupDescription> {
        let g = group.to_string();
        let build = move |_v: i16| {
            let mut req = DescribeGroupsRequest::default();
            req.groups = vec![group_id(&g)];
            req
        };
        let subject = format!("group \"{group}\"");
        let ctx = ErrorContext {
            subject: &subject,
            ..Default::default()
        };
        let (coordinator, d) = self
            .on_coordinator(group, &build, |resp: msg::DescribeGroupsResponse| {
                let Some(d) = resp.groups.into_iter().next() else {
                    return Step::Fail(Error::kafka(format!(
                        "the broker's answer did not mention {subject}"
                    )));
                };
                if moved(d.error_code) {
                    return Step::Done(Err(d.error_code));
                }
                let code = d.error_code;
                let message = d.error_message.clone();
                step_for(code, str_opt(&message), &ctx, || Ok(d))
            })
            .await?;
        Ok(GroupDescription {
            group_id: d.group_id.0.to_string(),
            state: d.group_state.to_string(),
            protocol_type: d.protocol_type.to_string(),
            protocol: d.protocol_data.to_string(),
            coordinator,
            members: d
                .members
                .iter()
                .map(|m| GroupMember {
                    member_id: m.member_id.to_string(),
                    group_instance_id: m.group_instance_id.as_ref().map(|s| s.to_string()),
                    client_id: m.client_id.to_string(),
                    client_host: m.client_host.to_string(),
                    assignment: if d.protocol_type.as_str() == "consumer" {
                        decode_assignment(&m.member_assignment)
                    } else {
                        vec![]
                    },
                })
                .collect(),
        })
    }

    /// The offsets `group` committed, per partition (partitions without a commit are left out).
    pub async fn committed_offsets(&self, group: &str) -> Result<BTreeMap<TopicPartition, i64>> {
        let g = group.to_string();
        let build = move |v: i16| {
            let mut req = OffsetFetchRequest::default();
            if v >= 8 {
                let mut rg = msg::offset_fetch_request::OffsetFetchRequestGroup::default();
                rg.group_id = group_id(&g);
                rg.topics = None;
                rg.member_epoch = -1;
                req.groups = vec![rg];
            } else {
                req.group_id = group_id(&g);
                req.topics = None;
            }
            req
        };
        let subject = format!("the offsets of group \"{group}\"");
        let ctx = ErrorContext {
            subject: &subject,
            ..Default::default()
        };
        let (_, rows) = self
            .on_coordinator(group, &build, |resp: msg::OffsetFetchResponse| {
                let mut rows = Vec::new();
                let code = if let Some(rg) = resp.groups.first() {
                    for t in &rg.topics {
                        for p in &t.partitions {
                            rows.push((
                                t.name.0.to_string(),
                                p.partition_index,
                                p.committed_offset,
                                p.error_code,
                            ));
                        }
                    }
                    rg.error_code
                } else {
                    for t in &resp.topics {
                        for p in &t.partitions {
                            rows.push((
                                t.name.0.to_string(),
                                p.partition_index,
                                p.committed_offset,
                                p.error_code,
                            ));
                        }
                    }
                    resp.error_code
                };
                if moved(code) {
                    return Step::Done(Err(code));
                }
                step_for(code, None, &ctx, || Ok(rows))
            })
            .await?;
        let mut out = BTreeMap::new();
        for (topic, partition, offset, code) in rows {
            let tp = TopicPartition::new(topic, partition);
            item_result(code, None, &format!("the committed offset of {tp}"))?;
            if offset >= 0 {
                out.insert(tp, offset);
            }
        }
        Ok(out)
    }

    /// One offset per partition (ListOffsets to each partition's leader).
    pub async fn list_offsets(
        &self,
        partitions: &BTreeSet<TopicPartition>,
        spec: OffsetSpec,
    ) -> Result<BTreeMap<TopicPartition, i64>> {
        let topics: Vec<String> = partitions
            .iter()
            .map(|tp| tp.topic.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        if topics.is_empty() {
            return Ok(BTreeMap::new());
        }
        let md = super::decode::cluster_metadata(&self.metadata_for(Some(&topics)).await?);
        let mut by_leader: BTreeMap<BrokerId, Vec<TopicPartition>> = BTreeMap::new();
        for tp in partitions {
            let leader = md
                .topics
                .iter()
                .find(|t| t.name == tp.topic)
                .and_then(|t| t.partitions.iter().find(|p| p.partition == tp.partition))
                .and_then(|p| p.leader)
                .filter(|l| *l >= 0);
            match leader {
                Some(l) => by_leader.entry(l).or_default().push(tp.clone()),
                None => {
                    return Err(Error::kafka(format!(
                        "partition {tp} has no leader (or does not exist): its offsets cannot be read; \
                         check `kubectl kafka topics describe {}`",
                        tp.topic
                    )));
                }
            }
        }
        let mut out = BTreeMap::new();
        for (leader, tps) in by_leader {
            let grouped = super::by_topic(tps.iter().map(|tp| (tp, ())));
            let build = move |_v: i16| {
                let mut req = ListOffsetsRequest::default();
                req.replica_id = msg::BrokerId(-1);
                req.isolation_level = 0;
                req.topics = grouped
                    .iter()
                    .map(|(t, parts)| {
                        let mut lt = msg::list_offsets_request::ListOffsetsTopic::default();
                        lt.name = topic_name(t);
                        lt.partitions = parts
                            .iter()
                            .map(|(p, ())| {
                                let mut lp =
                                    msg::list_offsets_request::ListOffsetsPartition::default();
                                lp.partition_index = *p;
                                lp.current_leader_epoch = -1;
                                lp.timestamp = spec.wire();
                                lp
                            })
                            .collect();
                        lt
                    })
                    .collect();
                req
            };
            let got = self
                .pool
                .call(
                    Target::Broker(leader),
                    &build,
                    |resp: msg::ListOffsetsResponse| {
                        let mut rows = Vec::new();
                        for t in &resp.topics {
                            for p in &t.partitions {
                                let tp =
                                    TopicPartition::new(t.name.0.to_string(), p.partition_index);
                                if p.error_code != 0 {
                                    let subject = format!("the offsets of {tp}");
                                    let e = broker_error(
                                        p.error_code,
                                        None,
                                        &ErrorContext {
                                            subject: &subject,
                                            ..Default::default()
                                        },
                                    );
                                    return if is_retriable(p.error_code) {
                                        Step::Retry(e.into())
                                    } else {
                                        Step::Fail(e.into())
                                    };
                                }
                                rows.push((tp, p.offset));
                            }
                        }
                        Step::Done(rows)
                    },
                )
                .await?;
            out.extend(got);
        }
        Ok(out)
    }

    /// Commit `offsets` for `group` as an admin would (no generation, no member): the
    /// coordinator refuses it while the group has active members.
    pub async fn commit_offsets(
        &self,
        group: &str,
        offsets: &BTreeMap<TopicPartition, i64>,
    ) -> Result<()> {
        let g = group.to_string();
        let grouped = super::by_topic(offsets.iter().map(|(tp, o)| (tp, *o)));
        let build = move |_v: i16| {
            let mut req = OffsetCommitRequest::default();
            req.group_id = group_id(&g);
            req.generation_id_or_member_epoch = -1;
            req.member_id = StrBytes::from_static_str("");
            req.retention_time_ms = -1;
            req.topics = grouped
                .iter()
                .map(|(t, parts)| {
                    let mut ct = msg::offset_commit_request::OffsetCommitRequestTopic::default();
                    ct.name = topic_name(t);
                    ct.partitions = parts
                        .iter()
                        .map(|(p, o)| {
                            let mut cp =
                                msg::offset_commit_request::OffsetCommitRequestPartition::default();
                            cp.partition_index = *p;
                            cp.committed_offset = *o;
                            cp.committed_leader_epoch = -1;
                            cp
                        })
                        .collect();
                    ct
                })
                .collect();
            req
        };
        let (_, failures) = self
            .on_coordinator(group, &build, |resp: msg::OffsetCommitResponse| {
                let mut failures = Vec::new();
                for t in &resp.topics {
                    for p in &t.partitions {
                        if moved(p.error_code) {
                            return Step::Done(Err(p.error_code));
                        }
                        if p.error_code != 0 {
                            failures.push((
                                TopicPartition::new(t.name.0.to_string(), p.partition_index),
                                p.error_code,
                            ));
                        }
                    }
                }
                Step::Done(Ok(failures))
            })
            .await?;
        if let Some((tp, code)) = failures.first() {
            let subject = format!("the offset of group \"{group}\" on {tp}");
            return Err(broker_error(
                *code,
                None,
                &ErrorContext {
                    subject: &subject,
                    ..Default::default()
                },
            )
            .into());
        }
        Ok(())
    }

    /// Delete a group (its committed offsets go with it); refused by the coordinator while the
    /// group has members (NON_EMPTY_GROUP).
    pub async fn delete_group(&self, group: &str) -> Result<()> {
        let g = group.to_string();
        let build = move |_v: i16| {
            let mut req = DeleteGroupsRequest::default();
            req.groups_names = vec![group_id(&g)];
            req
        };
        let subject = format!("group \"{group}\"");
        let ctx = ErrorContext {
            subject: &subject,
            ..Default::default()
        };
        self.on_coordinator(group, &build, |resp: msg::DeleteGroupsResponse| match resp
            .results
            .first()
        {
            Some(r) if moved(r.error_code) => Step::Done(Err(r.error_code)),
            Some(r) => step_for(r.error_code, None, &ctx, || Ok(())),
            None => Step::Fail(Error::kafka(format!(
                "the broker's answer did not mention {subject}"
            ))),
        })
        .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kafka_protocol::protocol::Encodable;

    #[test]
    fn assignment_round_trip() {
        let mut tp = msg::consumer_protocol_assignment::TopicPartition::default();
        tp.topic = topic_name("orders");
        tp.partitions = vec![2, 0];
        let mut a = ConsumerProtocolAssignment::default();
        a.assigned_partitions = vec![tp];
        let mut buf = bytes::BytesMut::new();
        bytes::BufMut::put_i16(&mut buf, 1);
        a.encode(&mut buf, 1).unwrap();
        assert_eq!(
            decode_assignment(&buf),
            vec![
                TopicPartition::new("orders", 0),
                TopicPartition::new("orders", 2)
            ]
        );
    }

    #[test]
    fn assignment_garbage_is_empty_not_a_panic() {
        assert!(decode_assignment(&[]).is_empty());
        assert!(decode_assignment(&[0]).is_empty());
        assert!(decode_assignment(&[0, 1, 0, 0, 0, 9]).is_empty());
    }

    #[test]
    fn offset_specs_on_the_wire() {
        assert_eq!(OffsetSpec::Earliest.wire(), -2);
        assert_eq!(OffsetSpec::Latest.wire(), -1);
        assert_eq!(
            OffsetSpec::Timestamp(1_700_000_000_000).wire(),
            1_700_000_000_000
        );
    }
}
