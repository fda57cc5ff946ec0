//! The admin API the rest of the program calls: one method per Kafka admin operation, with
//! routing, retries and actionable errors handled here.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use super::auth::SaslOptions;
use super::dialer::{Dialer, TcpDialer};
use super::tls::TlsOptions;
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
    pool: Arc<super::pool::Pool>,
}

fn not_yet() -> Error {
    Error::kafka("this admin operation is not available yet")
}

impl Admin {
    pub async fn connect(opts: ConnectOptions) -> Result<Admin> {
        let pool = super::pool::Pool::connect(opts).await?;
        Ok(Admin {
            pool: Arc::new(pool),
        })
    }
    pub async fn metadata(&self) -> Result<ClusterMetadata> {
        Err(not_yet())
    }
    pub async fn snapshot(&self) -> Result<model::ClusterSnapshot> {
        Err(not_yet())
    }
    pub async fn describe_configs(
        &self,
        _resources: &[ConfigResource],
    ) -> Result<BTreeMap<ConfigResource, Vec<ConfigEntry>>> {
        Err(not_yet())
    }
    pub async fn create_topic(&self, _t: &NewTopic, _validate_only: bool) -> Result<()> {
        Err(not_yet())
    }
    pub async fn delete_topics(&self, _names: &[String]) -> Result<()> {
        Err(not_yet())
    }
    pub async fn create_partitions(
        &self,
        _topic: &str,
        _total: i32,
        _validate_only: bool,
    ) -> Result<()> {
        Err(not_yet())
    }
    pub async fn incremental_alter_configs(
        &self,
        _resource: &ConfigResource,
        _ops: &[ConfigOp],
        _validate_only: bool,
    ) -> Result<()> {
        Err(not_yet())
    }
    pub async fn alter_partition_reassignments(
        &self,
        _moves: &[(TopicPartition, Option<Vec<BrokerId>>)],
    ) -> Result<Vec<(TopicPartition, Result<()>)>> {
        Err(not_yet())
    }
    pub async fn list_partition_reassignments(&self) -> Result<Vec<model::OngoingReassignment>> {
        Err(not_yet())
    }
    pub async fn describe_log_dirs(
        &self,
        _broker: BrokerId,
    ) -> Result<BTreeMap<TopicPartition, i64>> {
        Err(not_yet())
    }
    pub async fn elect_preferred_leaders(
        &self,
        _partitions: Option<&[TopicPartition]>,
    ) -> Result<Vec<(TopicPartition, Result<()>)>> {
        Err(not_yet())
    }
    pub async fn describe_quorum(&self) -> Result<Option<model::QuorumInfo>> {
        Err(not_yet())
    }
}
