//! The admin API the rest of the program calls: one method per Kafka admin operation, with
//! routing, retries and actionable errors handled here.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use kafka_protocol::messages::{
    self as msg, AlterPartitionReassignmentsRequest, CreatePartitionsRequest, CreateTopicsRequest,
    DeleteTopicsRequest, DescribeConfigsRequest, DescribeLogDirsRequest, DescribeLogDirsResponse,
    DescribeQuorumRequest, DescribeQuorumResponse, ElectLeadersRequest,
    IncrementalAlterConfigsRequest, ListPartitionReassignmentsRequest,
    ListPartitionReassignmentsResponse, MetadataRequest, MetadataResponse, TopicName,
};
use kafka_protocol::protocol::StrBytes;

use super::auth::SaslOptions;
use super::dialer::{Dialer, TcpDialer};
use super::errors::{ErrorContext, KafkaError, codes, is_code, is_retriable};
use super::pool::{Pool, Step, Target};
use super::tls::TlsOptions;
use crate::deadline::Deadline;
use crate::error::{Error, Result};
use crate::model::{self, BrokerId, TopicPartition};

/// How to reach and authenticate to the cluster.
#[derive(Clone, Debug)]
pub struct ConnectOptions {
    /// Bootstrap "host:port" addresses, tried in order.
    pub bootstrap: Vec<String>,
    /// Advertised "host:port" → the "host:port" to dial instead (tunnels, NAT).
    pub address_map: BTreeMap<String, String>,
    pub dialer: Arc<dyn Dialer>,
    pub tls: Option<TlsOptions>,
    pub sasl: Option<SaslOptions>,
    /// Per-request timeout (also bounds connecting).
    pub request_timeout: Duration,
    pub client_id: String,
}

impl ConnectOptions {
    /// Plaintext, direct TCP, 30 s request timeout.
    pub fn new(bootstrap: Vec<String>) -> Self {
        ConnectOptions {
            bootstrap,
            address_map: BTreeMap::new(),
            dialer: Arc::new(TcpDialer::default()),
            tls: None,
            sasl: None,
            request_timeout: Duration::from_secs(30),
            client_id: "kubectl-kafka".to_string(),
        }
    }
}

/// What Metadata says about the cluster.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClusterMetadata {
    pub cluster_id: Option<String>,
    /// In KRaft clusters this is a broker chosen by the cluster, not the active controller.
    pub controller_id: Option<BrokerId>,
    pub brokers: Vec<model::Broker>,
    pub topics: Vec<model::TopicState>,
}

/// A config resource. `BrokerDefaults` is the cluster-wide broker default (resource name "").
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ConfigResource {
    Topic(String),
    Broker(BrokerId),
    BrokerDefaults,
}

impl ConfigResource {
    pub(crate) fn type_code(&self) -> i8 {
        match self {
            ConfigResource::Topic(_) => 2,
            ConfigResource::Broker(_) | ConfigResource::BrokerDefaults => 4,
        }
    }

    pub(crate) fn name(&self) -> String {
        match self {
            ConfigResource::Topic(t) => t.clone(),
            ConfigResource::Broker(id) => id.to_string(),
            ConfigResource::BrokerDefaults => String::new(),
        }
    }

    pub(crate) fn describe(&self) -> String {
        match self {
            ConfigResource::Topic(t) => format!("topic \"{t}\""),
            ConfigResource::Broker(id) => format!("broker {id}"),
            ConfigResource::BrokerDefaults => "the cluster-wide broker defaults".to_string(),
        }
    }
}

impl std::fmt::Display for ConfigResource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe())
    }
}

/// Where a config value comes from (DescribeConfigs `config_source`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ConfigSource {
    DynamicTopic,
    DynamicBroker,
    DynamicDefaultBroker,
    StaticBroker,
    Default,
    DynamicBrokerLogger,
    ClientMetrics,
    Group,
    Unknown,
}

impl ConfigSource {
    pub fn from_code(code: i8) -> Self {
        match code {
            1 => ConfigSource::DynamicTopic,
            2 => ConfigSource::DynamicBroker,
            3 => ConfigSource::DynamicDefaultBroker,
            4 => ConfigSource::StaticBroker,
            5 => ConfigSource::Default,
            6 => ConfigSource::DynamicBrokerLogger,
            7 => ConfigSource::ClientMetrics,
            8 => ConfigSource::Group,
            _ => ConfigSource::Unknown,
        }
    }

    /// True when nobody set the value: Kafka's built-in default.
    pub fn is_default(self) -> bool {
        self == ConfigSource::Default
    }

    /// Kafka's name for the source, as kafka-configs prints it.
    pub fn as_str(self) -> &'static str {
        match self {
            ConfigSource::DynamicTopic => "DYNAMIC_TOPIC_CONFIG",
            ConfigSource::DynamicBroker => "DYNAMIC_BROKER_CONFIG",
            ConfigSource::DynamicDefaultBroker => "DYNAMIC_DEFAULT_BROKER_CONFIG",
            ConfigSource::StaticBroker => "STATIC_BROKER_CONFIG",
            ConfigSource::Default => "DEFAULT_CONFIG",
            ConfigSource::DynamicBrokerLogger => "DYNAMIC_BROKER_LOGGER_CONFIG",
            ConfigSource::ClientMetrics => "CLIENT_METRICS_CONFIG",
            ConfigSource::Group => "GROUP_CONFIG",
            ConfigSource::Unknown => "UNKNOWN",
        }
    }
}

/// One config as DescribeConfigs reports it. Sensitive values come back as None.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigEntry {
    pub name: String,
    pub value: Option<String>,
    pub source: ConfigSource,
    pub read_only: bool,
    pub sensitive: bool,
}

/// One IncrementalAlterConfigs operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigOp {
    Set(String, String),
    Delete(String),
    /// Append to a list config.
    Append(String, String),
    /// Remove from a list config.
    Subtract(String, String),
}

impl ConfigOp {
    pub(crate) fn parts(&self) -> (&str, i8, Option<&str>) {
        match self {
            ConfigOp::Set(k, v) => (k, 0, Some(v)),
            ConfigOp::Delete(k) => (k, 1, None),
            ConfigOp::Append(k, v) => (k, 2, Some(v)),
            ConfigOp::Subtract(k, v) => (k, 3, Some(v)),
        }
    }
}

/// A topic to create. `partitions`/`replication_factor` of -1 take the broker defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTopic {
    pub name: String,
    pub partitions: i32,
    pub replication_factor: i16,
    pub configs: BTreeMap<String, String>,
}

/// Clone-able handle to the cluster; clones share connections.
#[derive(Clone, Debug)]
pub struct Admin {
    pool: Arc<Pool>,
}

fn topic_name(s: &str) -> TopicName {
    TopicName(StrBytes::from_string(s.to_string()))
}

fn str_opt(s: &Option<StrBytes>) -> Option<&str> {
    s.as_ref().map(|m| m.as_str())
}

fn ms(d: Duration) -> i32 {
    i32::try_from(d.as_millis()).unwrap_or(i32::MAX)
}

/// Group partitions by topic, partitions sorted, for requests that nest them that way.
fn by_topic<'a, V: Clone + 'a>(
    items: impl IntoIterator<Item = (&'a TopicPartition, V)>,
) -> BTreeMap<String, Vec<(i32, V)>> {
    let mut out: BTreeMap<String, Vec<(i32, V)>> = BTreeMap::new();
    for (tp, v) in items {
        out.entry(tp.topic.clone())
            .or_default()
            .push((tp.partition, v));
    }
    for parts in out.values_mut() {
        parts.sort_by_key(|(p, _)| *p);
    }
    out
}

/// A per-item error code as Ok/Err, naming the item.
fn item_result(code: i16, message: Option<&str>, subject: &str) -> Result<()> {
    if code == 0 {
        return Ok(());
    }
    let ctx = ErrorContext {
        subject,
        ..Default::default()
    };
    Err(KafkaError::new(code, message, &ctx).into())
}

/// A response-level error code as a retry decision.
fn step_for<T>(
    code: i16,
    message: Option<&str>,
    ctx: &ErrorContext<'_>,
    ok: impl FnOnce() -> T,
) -> Step<T> {
    if code == 0 {
        Step::Done(ok())
    } else if is_retriable(code) {
        Step::Retry(KafkaError::new(code, message, ctx).into())
    } else {
        Step::Fail(KafkaError::new(code, message, ctx).into())
    }
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
    let want: std::collections::BTreeSet<BrokerId> = target.iter().copied().collect();
    match moving {
        Some(o) => {
            let going: std::collections::BTreeSet<BrokerId> = o
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
            .is_some_and(|p| {
                p.replicas
                    .iter()
                    .copied()
                    .collect::<std::collections::BTreeSet<_>>()
                    == want
            }),
    }
}

const METADATA_TOPIC: &str = "__cluster_metadata";

/// DescribeQuorum → our model; None when the response has no metadata partition.
pub fn quorum_info(resp: &DescribeQuorumResponse) -> Result<Option<model::QuorumInfo>> {
    let ctx = ErrorContext {
        subject: "the controller quorum",
        ..Default::default()
    };
    if resp.error_code != 0 {
        return Err(KafkaError::new(resp.error_code, str_opt(&resp.error_message), &ctx).into());
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
        return Err(KafkaError::new(p.error_code, str_opt(&p.error_message), &ctx).into());
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

type ConfigResults = BTreeMap<ConfigResource, Result<Vec<ConfigEntry>>>;

const MIN_ISR: &str = "min.insync.replicas";

/// Effective min.insync.replicas per topic from DescribeConfigs results, and why it could not be
/// read for the others (an error, a missing or unparsable value). A topic deleted between the
/// metadata and the config request is left out of both.
pub fn min_isr_of_configs(
    configs: ConfigResults,
) -> (BTreeMap<String, i32>, BTreeMap<String, String>) {
    let mut known = BTreeMap::new();
    let mut unreadable = BTreeMap::new();
    for (res, entries) in configs {
        let ConfigResource::Topic(topic) = res else {
            continue;
        };
        match entries {
            Ok(entries) => {
                match entries
                    .iter()
                    .find(|e| e.name == MIN_ISR)
                    .and_then(|e| e.value.as_deref())
                    .and_then(|v| v.trim().parse::<i32>().ok())
                {
                    Some(v) => {
                        known.insert(topic, v);
                    }
                    None => {
                        unreadable
                            .insert(topic, format!("the broker returned no readable {MIN_ISR}"));
                    }
                }
            }
            Err(e) if is_code(&e, codes::UNKNOWN_TOPIC_OR_PARTITION) => {}
            Err(e) => {
                unreadable.insert(topic, e.to_string());
            }
        }
    }
    (known, unreadable)
}

impl Admin {
    /// Connect to the first reachable bootstrap server and learn the cluster's brokers.
    pub async fn connect(opts: ConnectOptions) -> Result<Admin> {
        let pool = Pool::connect(opts).await?;
        Ok(Admin {
            pool: Arc::new(pool),
        })
    }

    async fn metadata_for(&self, topics: Option<&[String]>) -> Result<MetadataResponse> {
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

    /// Every config of each resource (broker resources are asked of that broker).
    pub async fn describe_configs(
        &self,
        resources: &[ConfigResource],
    ) -> Result<BTreeMap<ConfigResource, Vec<ConfigEntry>>> {
        let mut out = BTreeMap::new();
        for (res, entries) in self.describe_configs_inner(resources, None).await? {
            out.insert(res, entries?);
        }
        Ok(out)
    }

    async fn describe_configs_inner(
        &self,
        resources: &[ConfigResource],
        keys: Option<&[&str]>,
    ) -> Result<ConfigResults> {
        // Broker configs must be described by that broker; the rest by any broker.
        let mut groups: BTreeMap<Option<BrokerId>, Vec<ConfigResource>> = BTreeMap::new();
        for r in resources {
            let key = match r {
                ConfigResource::Broker(id) => Some(*id),
                _ => None,
            };
            groups.entry(key).or_default().push(r.clone());
        }
        let keys: Option<Vec<String>> = keys.map(|k| k.iter().map(|s| s.to_string()).collect());
        let calls = groups.into_iter().map(|(broker, group)| {
            let keys = keys.clone();
            async move {
                let target = broker.map(Target::Broker).unwrap_or(Target::Any);
                let req_group = group.clone();
                let build = move |_v: i16| {
                    let mut req = DescribeConfigsRequest::default();
                    req.resources = req_group
                        .iter()
                        .map(|r| {
                            let mut d =
                                msg::describe_configs_request::DescribeConfigsResource::default();
                            d.resource_type = r.type_code();
                            d.resource_name = StrBytes::from_string(r.name());
                            d.configuration_keys = keys.as_ref().map(|ks| {
                                ks.iter()
                                    .map(|k| StrBytes::from_string(k.clone()))
                                    .collect()
                            });
                            d
                        })
                        .collect();
                    req
                };
                let resp = self.pool.call(target, &build, Step::Done).await?;
                let mut out = ConfigResults::new();
                for res in &resp.results {
                    let Some(resource) = group.iter().find(|r| {
                        r.type_code() == res.resource_type && r.name() == res.resource_name.as_str()
                    }) else {
                        continue;
                    };
                    let entries = item_result(
                        res.error_code,
                        str_opt(&res.error_message),
                        &resource.describe(),
                    )
                    .map(|_| {
                        let mut entries: Vec<ConfigEntry> = res
                            .configs
                            .iter()
                            .map(|c| ConfigEntry {
                                name: c.name.to_string(),
                                value: c.value.as_ref().map(|v| v.to_string()),
                                source: ConfigSource::from_code(c.config_source),
                                read_only: c.read_only,
                                sensitive: c.is_sensitive,
                            })
                            .collect();
                        entries.sort_by(|a, b| a.name.cmp(&b.name));
                        entries
                    });
                    out.insert(resource.clone(), entries);
                }
                for r in &group {
                    out.entry(r.clone()).or_insert_with(|| {
                        Err(Error::kafka(format!(
                            "the broker returned no configs for {}",
                            r.describe()
                        )))
                    });
                }
                Ok::<_, Error>(out)
            }
        });
        let mut all = ConfigResults::new();
        for part in futures::future::try_join_all(calls).await? {
            all.extend(part);
        }
        Ok(all)
    }

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
                        let e = KafkaError::new(r.error_code, str_opt(&r.error_message), &ctx);
                        if e.is_retriable() && e.code != codes::UNKNOWN_TOPIC_OR_PARTITION {
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

    /// Change configs without touching the resource's other dynamic configs.
    pub async fn incremental_alter_configs(
        &self,
        resource: &ConfigResource,
        ops: &[ConfigOp],
        validate_only: bool,
    ) -> Result<()> {
        let res = resource.clone();
        let ops_owned = ops.to_vec();
        let build = move |_v: i16| {
            let mut r = msg::incremental_alter_configs_request::AlterConfigsResource::default();
            r.resource_type = res.type_code();
            r.resource_name = StrBytes::from_string(res.name());
            r.configs = ops_owned
                .iter()
                .map(|op| {
                    let (name, code, value) = op.parts();
                    let mut c = msg::incremental_alter_configs_request::AlterableConfig::default();
                    c.name = StrBytes::from_string(name.to_string());
                    c.config_operation = code;
                    c.value = value.map(|v| StrBytes::from_string(v.to_string()));
                    c
                })
                .collect();
            let mut req = IncrementalAlterConfigsRequest::default();
            req.resources = vec![r];
            req.validate_only = validate_only;
            req
        };
        let target = match resource {
            ConfigResource::Broker(id) => Target::Broker(*id),
            _ => Target::Any,
        };
        let subject = resource.describe();
        let ctx = ErrorContext {
            subject: &subject,
            ..Default::default()
        };
        self.pool
            .call(target, &build, |resp| match resp.responses.first() {
                Some(r) => step_for(r.error_code, str_opt(&r.error_message), &ctx, || ()),
                None => Step::Fail(Error::kafka(format!(
                    "the broker's answer did not mention {subject}"
                ))),
            })
            .await
    }

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
                step_for(resp.error_code, None, &ctx, || log_dir_sizes(&resp))
            })
            .await
    }

    /// Move leadership back to each partition's preferred (first) replica; None = all partitions.
    /// A partition already led by its preferred replica counts as Ok.
    pub async fn elect_preferred_leaders(
        &self,
        partitions: Option<&[TopicPartition]>,
    ) -> Result<Vec<(TopicPartition, Result<()>)>> {
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
        let mut out: Vec<(TopicPartition, Result<()>)> = resp
            .replica_election_results
            .iter()
            .flat_map(|t| {
                t.partition_result.iter().map(move |p| {
                    let tp = TopicPartition::new(t.topic.0.as_str(), p.partition_id);
                    let code = if p.error_code == codes::ELECTION_NOT_NEEDED {
                        0
                    } else {
                        p.error_code
                    };
                    let r =
                        item_result(code, str_opt(&p.error_message), &format!("partition {tp}"));
                    (tp, r)
                })
            })
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(out)
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

    /// The brokers the last metadata named.
    pub fn known_brokers(&self) -> Vec<model::Broker> {
        self.pool.brokers()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use msg::describe_log_dirs_response::{
        DescribeLogDirsPartition, DescribeLogDirsResult, DescribeLogDirsTopic,
    };
    use msg::describe_quorum_response::{PartitionData, ReplicaState, TopicData};
    use msg::metadata_response::{
        MetadataResponseBroker, MetadataResponsePartition, MetadataResponseTopic,
    };

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

    #[test]
    fn min_isr_unknown_is_never_a_default() {
        let entry = |v: Option<&str>| ConfigEntry {
            name: MIN_ISR.into(),
            value: v.map(str::to_string),
            source: ConfigSource::DynamicTopic,
            read_only: false,
            sensitive: false,
        };
        let denied = KafkaError::new(
            codes::TOPIC_AUTHORIZATION_FAILED,
            None,
            &ErrorContext {
                subject: "topic \"secret\"",
                ..Default::default()
            },
        );
        let gone = KafkaError::new(
            codes::UNKNOWN_TOPIC_OR_PARTITION,
            None,
            &ErrorContext::default(),
        );
        let configs: ConfigResults = [
            (
                ConfigResource::Topic("ok".into()),
                Ok(vec![entry(Some("2"))]),
            ),
            (ConfigResource::Topic("secret".into()), Err(denied.into())),
            (ConfigResource::Topic("blank".into()), Ok(vec![entry(None)])),
            (ConfigResource::Topic("none".into()), Ok(vec![])),
            (ConfigResource::Topic("deleted".into()), Err(gone.into())),
        ]
        .into();
        let (known, unreadable) = min_isr_of_configs(configs);
        assert_eq!(known, [("ok".to_string(), 2)].into());
        assert_eq!(
            unreadable.keys().collect::<Vec<_>>(),
            ["blank", "none", "secret"]
        );
        assert!(unreadable["secret"].contains("TOPIC_AUTHORIZATION_FAILED"));
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

    #[test]
    fn config_resource_and_source_codes() {
        assert_eq!(
            (
                ConfigResource::Topic("t".into()).type_code(),
                ConfigResource::Topic("t".into()).name()
            ),
            (2, "t".to_string())
        );
        assert_eq!(
            (
                ConfigResource::Broker(3).type_code(),
                ConfigResource::Broker(3).name()
            ),
            (4, "3".to_string())
        );
        assert_eq!(ConfigResource::BrokerDefaults.name(), "");
        assert!(ConfigSource::from_code(5).is_default());
        assert_eq!(ConfigSource::from_code(1), ConfigSource::DynamicTopic);
        assert_eq!(ConfigSource::from_code(-1), ConfigSource::Unknown);
        assert_eq!(
            ConfigSource::from_code(3).as_str(),
            "DYNAMIC_DEFAULT_BROKER_CONFIG"
        );
        assert_eq!(ConfigOp::Delete("x".into()).parts(), ("x", 1, None));
        assert_eq!(
            ConfigOp::Subtract("x".into(), "v".into()).parts(),
            ("x", 3, Some("v"))
        );
        assert_eq!(ms(Duration::from_secs(30)), 30_000);
        assert_eq!(ms(Duration::from_secs(u64::MAX)), i32::MAX);
    }
}
