//! Kafka admin and data planes: our own small async connection layer over the `kafka-protocol`
//! codec.
//!
//! Why not librdkafka: it lacks AlterPartitionReassignments, ListPartitionReassignments and
//! DescribeLogDirs, and rust-rdkafka lacks IncrementalAlterConfigs and ElectLeaders. Throttles must be
//! set with IncrementalAlterConfigs (plain AlterConfigs resets the resource's other dynamic configs).
//!
//! - [`dialer`]: how a byte stream to an address is opened (direct TCP, or a tunnel).
//! - [`conn`]: one broker connection: framing, correlation ids, version negotiation, TLS, SASL.
//! - [`pool`]: connections keyed by broker, routing, retries with backoff.
//! - [`options`]: how to reach and authenticate to a cluster.
//! - [`route`]: which path reaches the brokers (advertised, direct, port-forward) and the address
//!   map for it: the connection API the admin and data planes share.
//! - [`admin`]: the [`Admin`] API the rest of the program calls.
//! - [`data`]: Produce and Fetch on the same connections (the canary probe's records).

pub mod admin;
pub mod auth;
pub mod conn;
pub mod data;
pub mod dialer;
pub mod errors;
#[cfg(test)]
mod fake_broker;
pub mod options;
pub mod pool;
pub mod props;
pub mod route;
pub mod tls;
pub mod versions;

pub use admin::{
    Admin, ClusterMetadata, ConfigEntry, ConfigOp, ConfigResource, ConfigSource, GroupDescription,
    GroupListing, GroupMember, LogDirUsage, NewTopic, OffsetSpec,
};
pub use auth::{SaslMechanism, SaslOptions, Secret};
pub use dialer::{AsyncReadWrite, BoxStream, DialFuture, Dialer, TcpDialer};
pub use errors::broker_error;
pub use options::ConnectOptions;
pub use props::{CommandConfig, load_command_config, parse_command_config};
pub use route::Route;
pub use tls::TlsOptions;
