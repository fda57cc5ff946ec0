//! The admin API the rest of the program calls: one method per Kafka admin operation, with
//! routing, retries and actionable errors handled here. The response decoders come first
//! ([`decode`]), then the requests by area: the cluster, configs, topics, reassignments.

mod cluster;
mod configs;
pub mod decode;
mod groups;
mod reassignments;
mod topics;
mod usage;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use kafka_protocol::messages::TopicName;
use kafka_protocol::protocol::StrBytes;

pub use self::cluster::Unregistered;
pub use self::configs::{ConfigEntry, ConfigOp, ConfigResource, ConfigSource, min_isr_of_configs};
pub use self::decode::ClusterMetadata;
pub use self::groups::{GroupDescription, GroupListing, GroupMember, OffsetSpec};
pub use self::reassignments::{Election, reassignment_settled};
pub use self::topics::NewTopic;
pub use self::usage::LogDirUsage;
use super::errors::{ErrorContext, broker_error, is_retriable};
use super::options::ConnectOptions;
use super::pool::{Pool, Step};
use crate::error::Result;
use crate::model::{self, TopicPartition};

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
    Err(broker_error(code, message, &ctx).into())
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
        Step::Retry(broker_error(code, message, ctx).into())
    } else {
        Step::Fail(broker_error(code, message, ctx).into())
    }
}

impl Admin {
    /// Connect to the first reachable bootstrap server and learn the cluster's brokers.
    pub async fn connect(opts: ConnectOptions) -> Result<Admin> {
        let pool = Pool::connect(opts).await?;
        Ok(Admin {
            pool: Arc::new(pool),
        })
    }

    /// How this client reaches the cluster: the data plane connects the same way.
    pub fn connect_options(&self) -> &ConnectOptions {
        self.pool.options()
    }

    /// The brokers the last metadata named.
    pub fn known_brokers(&self) -> Vec<model::Broker> {
        self.pool.brokers()
    }

    /// Produce and Fetch on this client's connections (same route, TLS and SASL).
    pub fn data_plane(&self) -> super::data::DataPlane {
        super::data::DataPlane::on(self.pool.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeouts_in_requests_saturate() {
        assert_eq!(ms(Duration::from_secs(30)), 30_000);
        assert_eq!(ms(Duration::from_secs(u64::MAX)), i32::MAX);
    }
}
