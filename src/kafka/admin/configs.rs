//! Configs: DescribeConfigs and IncrementalAlterConfigs, and what they are about.

use std::collections::BTreeMap;

use kafka_protocol::messages::{
    self as msg, DescribeConfigsRequest, IncrementalAlterConfigsRequest,
};
use kafka_protocol::protocol::StrBytes;

use super::{Admin, item_result, step_for, str_opt};
use crate::error::{Error, Result};
use crate::kafka::errors::{ErrorContext, codes};
use crate::kafka::pool::{Step, Target};
use crate::model::BrokerId;

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

type ConfigResults = BTreeMap<ConfigResource, Result<Vec<ConfigEntry>>>;

pub(super) const MIN_ISR: &str = "min.insync.replicas";

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
            Err(e) if e.is_kafka(codes::UNKNOWN_TOPIC_OR_PARTITION) => {}
            Err(e) => {
                unreadable.insert(topic, e.to_string());
            }
        }
    }
    (known, unreadable)
}

impl Admin {
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

    pub(super) async fn describe_configs_inner(
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kafka::errors::broker_error;

    #[test]
    fn min_isr_unknown_is_never_a_default() {
        let entry = |v: Option<&str>| ConfigEntry {
            name: MIN_ISR.into(),
            value: v.map(str::to_string),
            source: ConfigSource::DynamicTopic,
            read_only: false,
            sensitive: false,
        };
        let denied = broker_error(
            codes::TOPIC_AUTHORIZATION_FAILED,
            None,
            &ErrorContext {
                subject: "topic \"secret\"",
                ..Default::default()
            },
        );
        let gone = broker_error(
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
    }
}
