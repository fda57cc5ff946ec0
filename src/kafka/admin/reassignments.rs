//! Moving replicas and leadership: reassignments (start, cancel, list), the bytes each replica
//! holds (DescribeLogDirs), and preferred-leader elections.

use std::collections::{BTreeMap, BTreeSet};

use kafka_protocol::messages::{
    self as msg, AlterPartitionReassignmentsRequest, DescribeLogDirsRequest, ElectLeadersRequest,
    ListPartitionReassignmentsRequest,
};

use super::decode::{
    ClusterMetadata, cluster_metadata, log_dir_replicas, log_dir_sizes, ongoing_reassignments,
};
use super::{Admin, by_topic, item_result, ms, step_for, str_opt, topic_name};
use crate::error::{Error, Result};
use crate::kafka::errors::{ErrorContext, codes};
use crate::kafka::pool::Target;
use crate::model::{self, BrokerId, TopicPartition};

/// Whether a requested change of `tp` shows in the cluster: moving to `target` (in flight there, or
/// done), or, for a cancel (None), no longer moving.
pub fn reassignment_settled(
    tp: &TopicPartition,
    target: Option<&[BrokerId]>,
    in_flight: &[model::OngoingReassignment],
    now: &ClusterMetadata,
) -> bool {
    let moving = in_flight.iter().find(|o| &o.tp == tp);
    let Some(target) = target else {
        return moving.is_none();
    };
    let want: BTreeSet<BrokerId> = target.iter().copied().collect();
    match moving {
        Some(o) => {
            let going: BTreeSet<BrokerId> = o
                .replicas
                .iter()
                .copied()
                .filter(|b| !o.removing.contains(b))
                .collect();
            going == want
        }
        None => now
            .topics
            .iter()
            .find(|t| t.name == tp.topic)
            .and_then(|t| t.partitions.iter().find(|p| p.partition == tp.partition))
            .is_some_and(|p| p.replicas.iter().copied().collect::<BTreeSet<_>>() == want),
    }
}

impl Admin {
    /// Start (Some(replicas)) or cancel (None) reassignments; one result per partition.
    pub async fn alter_partition_reassignments(
        &self,
        moves: &[(TopicPartition, Option<Vec<BrokerId>>)],
    ) -> Result<Vec<(TopicPartition, Result<()>)>> {
        if moves.is_empty() {
            return Ok(Vec::new());
        }
        let timeout = self.pool.request_timeout();
        let grouped = by_topic(moves.iter().map(|(tp, r)| (tp, r.clone())));
        let build = move |_v: i16| {
            let mut req = AlterPartitionReassignmentsRequest::default();
            req.timeout_ms = ms(timeout);
            req.topics = grouped
                .iter()
                .map(|(topic, parts)| {
                    let mut t = msg::alter_partition_reassignments_request::ReassignableTopic::default();
                    t.name = topic_name(topic);
                    t.partitions = parts
                        .iter()
                        .map(|(p, replicas)| {
                            let mut rp = msg::alter_partition_reassignments_request::ReassignablePartition::default();
                            rp.partition_index = *p;
                            rp.replicas = replicas.as_ref().map(|rs| rs.iter().map(|b| msg::BrokerId(*b)).collect());
                            rp
                        })
                        .collect();
                    t
                })
                .collect();
            req
        };
        let ctx = ErrorContext {
            subject: "the reassignment",
            ..Default::default()
        };
        let check = |resp: msg::AlterPartitionReassignmentsResponse| {
            step_for(resp.error_code, str_opt(&resp.error_message), &ctx, || {
                moves
                    .iter()
                    .map(|(tp, _)| {
                        let r = resp
                            .responses
                            .iter()
                            .filter(|t| t.name.0.as_str() == tp.topic)
                            .flat_map(|t| t.partitions.iter())
                            .find(|p| p.partition_index == tp.partition);
                        let result = match r {
                            Some(p) => item_result(
                                p.error_code,
                                str_opt(&p.error_message),
                                &format!("partition {tp}"),
                            ),
                            None => Err(Error::kafka(format!(
                                "the controller's answer did not mention partition {tp}"
                            ))),
                        };
                        (tp.clone(), result)
                    })
                    .collect()
            })
        };
        // Accepted by an attempt whose answer was lost: each move is in flight to its target (or
        // already there), each cancelled partition is no longer moving. Otherwise all are sent
        // again, which repeats nothing harmful: the same target again, or a cancel of nothing.
        let accepted = || async {
            let in_flight = self.list_partition_reassignments().await?;
            let now = cluster_metadata(&self.metadata_for(None).await?);
            let settled = moves
                .iter()
                .all(|(tp, target)| reassignment_settled(tp, target.as_deref(), &in_flight, &now));
            Ok(settled.then(|| moves.iter().map(|(tp, _)| (tp.clone(), Ok(()))).collect()))
        };
        self.pool
            .call_once(Target::Controller, &build, check, accepted)
            .await
    }

    /// Reassignments in flight, cluster-wide.
    pub async fn list_partition_reassignments(&self) -> Result<Vec<model::OngoingReassignment>> {
        let timeout = self.pool.request_timeout();
        let build = move |_v: i16| {
            let mut req = ListPartitionReassignmentsRequest::default();
            req.timeout_ms = ms(timeout);
            req.topics = None;
            req
        };
        let ctx = ErrorContext {
            subject: "listing reassignments",
            ..Default::default()
        };
        self.pool
            .call(Target::Controller, &build, |resp| {
                step_for(resp.error_code, str_opt(&resp.error_message), &ctx, || {
                    ongoing_reassignments(&resp)
                })
            })
            .await
    }

    /// Bytes on disk per partition replica hosted by `broker`.
    pub async fn describe_log_dirs(
        &self,
        broker: BrokerId,
    ) -> Result<BTreeMap<TopicPartition, i64>> {
        self.all_log_dirs(broker, log_dir_sizes).await
    }

    /// The partitions each of `brokers` holds logs of, every broker asked at once and given
    /// `within` to answer (one try, no retry): a broker that is frozen or unreachable cannot hold
    /// the caller up. Per broker: its partitions, or why it gave none (None: no answer in time).
    pub async fn log_partitions_within(
        &self,
        brokers: &[BrokerId],
        within: std::time::Duration,
    ) -> Vec<(BrokerId, Option<Result<BTreeSet<TopicPartition>>>)> {
        let ask = |b: BrokerId| async move {
            let build = |_v: i16| {
                let mut req = DescribeLogDirsRequest::default();
                req.topics = None;
                req
            };
            let answer = tokio::time::timeout(within, self.pool.send(Target::Broker(b), &build))
                .await
                .ok()
                .map(|r| {
                    let subject = format!("the log dirs of broker {b}");
                    let ctx = ErrorContext {
                        subject: &subject,
                        ..Default::default()
                    };
                    match r {
                        Ok(resp) if resp.error_code == 0 => {
                            Ok(log_dir_sizes(&resp).into_keys().collect())
                        }
                        Ok(resp) => {
                            Err(
                                crate::kafka::errors::broker_error(resp.error_code, None, &ctx)
                                    .into(),
                            )
                        }
                        Err(e) => Err(e.into_error()),
                    }
                });
            (b, answer)
        };
        futures::future::join_all(brokers.iter().map(|b| ask(*b))).await
    }

    /// One DescribeLogDirs of every log dir of `broker`, read by `decode`.
    pub(super) async fn all_log_dirs<T>(
        &self,
        broker: BrokerId,
        decode: impl Fn(&kafka_protocol::messages::DescribeLogDirsResponse) -> T,
    ) -> Result<T> {
        let build = |_v: i16| {
            let mut req = DescribeLogDirsRequest::default();
            req.topics = None;
            req
        };
        let subject = format!("the log dirs of broker {broker}");
        let ctx = ErrorContext {
            subject: &subject,
            ..Default::default()
        };
        self.pool
            .call(Target::Broker(broker), &build, |resp| {
                step_for(resp.error_code, None, &ctx, || decode(&resp))
            })
            .await
    }

    /// Every log dir of `broker` and the bytes of each replica in it (the planner's sizes).
    pub async fn describe_log_dir_replicas(&self, broker: BrokerId) -> Result<model::Sizes> {
        self.all_log_dirs(broker, |resp| log_dir_replicas(broker, resp))
            .await
    }

    /// Move leadership back to each partition's preferred (first) replica; None = all partitions.
    /// A partition already led by its preferred replica is Ok([`Election::NotNeeded`]).
    pub async fn elect_preferred_leaders(
        &self,
        partitions: Option<&[TopicPartition]>,
    ) -> Result<Vec<(TopicPartition, Result<Election>)>> {
        if partitions.is_some_and(|p| p.is_empty()) {
            return Ok(Vec::new());
        }
        let timeout = self.pool.request_timeout();
        let grouped = partitions.map(|ps| by_topic(ps.iter().map(|tp| (tp, ()))));
        let build = move |_v: i16| {
            let mut req = ElectLeadersRequest::default();
            req.election_type = 0; // preferred
            req.timeout_ms = ms(timeout);
            req.topic_partitions = grouped.as_ref().map(|g| {
                g.iter()
                    .map(|(topic, parts)| {
                        let mut t = msg::elect_leaders_request::TopicPartitions::default();
                        t.topic = topic_name(topic);
                        t.partitions = parts.iter().map(|(p, _)| *p).collect();
                        t
                    })
                    .collect()
            });
            req
        };
        let ctx = ErrorContext {
            subject: "the leader election",
            ..Default::default()
        };
        let resp = self
            .pool
            .call(Target::Controller, &build, |resp| {
                step_for(resp.error_code, None, &ctx, || resp.clone())
            })
            .await?;
        let mut out: Vec<(TopicPartition, Result<Election>)> = resp
            .replica_election_results
            .iter()
            .flat_map(|t| {
                t.partition_result.iter().map(move |p| {
                    let tp = TopicPartition::new(t.topic.0.as_str(), p.partition_id);
                    let r = election_result(
                        p.error_code,
                        str_opt(&p.error_message),
                        &format!("partition {tp}"),
                    );
                    (tp, r)
                })
            })
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(out)
    }
}

/// What a preferred-leader election did to one partition that did not fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Election {
    /// Leadership moved to the preferred replica.
    Elected,
    /// The preferred replica led already (ELECTION_NOT_NEEDED): nothing happened.
    NotNeeded,
}

/// One partition's election result from its error code.
fn election_result(code: i16, message: Option<&str>, subject: &str) -> Result<Election> {
    if code == codes::ELECTION_NOT_NEEDED {
        return Ok(Election::NotNeeded);
    }
    item_result(code, message, subject).map(|()| Election::Elected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_election_not_needed_is_not_an_election() {
        assert_eq!(election_result(0, None, "p").unwrap(), Election::Elected);
        assert_eq!(
            election_result(codes::ELECTION_NOT_NEEDED, None, "p").unwrap(),
            Election::NotNeeded
        );
        // 80: PREFERRED_LEADER_NOT_AVAILABLE
        assert!(election_result(80, Some("x"), "p").is_err());
    }

    #[test]
    fn a_lost_reassignment_request_is_judged_by_the_cluster() {
        let tp = TopicPartition::new("t", 0);
        let now = |replicas: Vec<i32>| ClusterMetadata {
            topics: vec![model::TopicState {
                name: "t".into(),
                internal: false,
                partitions: vec![model::PartitionState {
                    partition: 0,
                    leader: replicas.first().copied(),
                    isr: replicas.clone(),
                    replicas,
                    offline_replicas: vec![],
                }],
            }],
            ..Default::default()
        };
        let moving = model::OngoingReassignment {
            tp: tp.clone(),
            replicas: vec![4, 2, 1],
            adding: vec![4],
            removing: vec![1],
        };
        let before = now(vec![1, 2]);
        // In flight to the target: accepted. To another target, or not at all: not.
        assert!(reassignment_settled(
            &tp,
            Some(&[2, 4]),
            std::slice::from_ref(&moving),
            &before
        ));
        assert!(!reassignment_settled(
            &tp,
            Some(&[2, 3]),
            std::slice::from_ref(&moving),
            &before
        ));
        assert!(!reassignment_settled(&tp, Some(&[2, 4]), &[], &before));
        // Already done: the replicas are the target's.
        assert!(reassignment_settled(
            &tp,
            Some(&[4, 2]),
            &[],
            &now(vec![2, 4])
        ));
        // A cancel is settled once nothing moves.
        assert!(!reassignment_settled(&tp, None, &[moving], &before));
        assert!(reassignment_settled(&tp, None, &[], &before));
    }
}
