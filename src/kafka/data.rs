//! The data plane: librdkafka (rdkafka, bundled build) producers and consumers for the canary
//! probe, reaching the brokers the way the admin plane does.
//!
//! librdkafka connects to the brokers' advertised addresses itself. rdkafka 0.39's ClientContext
//! has no broker-address hook, and its resolve/connect callbacks are only reachable through
//! rdkafka-sys with unsafe code, which this crate denies. So the data plane takes the direct path:
//! bootstrap at the addresses the admin plane dialed, brokers at what they advertise. The bundled
//! build has neither OpenSSL nor SASL, so TLS/SASL listeners and port-forward tunnels are refused
//! with a message (see [`DataPlane::from_admin`]).

use std::time::Duration;

use rdkafka::ClientConfig;
use rdkafka::consumer::StreamConsumer;
use rdkafka::producer::FutureProducer;

use super::ConnectOptions;
use super::pool::map_address;
use crate::error::{Error, Result};

/// Where and how the data plane connects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataPlane {
    /// Bootstrap addresses (already through the address map).
    pub bootstrap: Vec<String>,
    /// Advertised addresses the admin plane rewrites; librdkafka dials them as advertised.
    pub unmapped: Vec<String>,
    /// Bound for each produce (message.timeout.ms) and request.
    pub timeout: Duration,
}

/// librdkafka's version string (e.g. "2.12.1").
pub fn librdkafka_version() -> String {
    rdkafka::util::get_rdkafka_version().1
}

fn ms(d: Duration) -> String {
    d.as_millis().clamp(1, i32::MAX as u128).to_string()
}

impl DataPlane {
    /// The data plane for a cluster the admin plane reached with `opts`. `tunnelled` is true when
    /// broker connections go through the API server (port-forward).
    pub fn from_admin(opts: &ConnectOptions, tunnelled: bool, timeout: Duration) -> Result<Self> {
        if tunnelled {
            return Err(Error::usage(
                "the data plane (librdkafka) cannot use --port-forward tunnels yet: run from where the broker pods' addresses are reachable, or pass --bootstrap-server with addresses the brokers advertise",
            ));
        }
        if opts.tls.is_some() || opts.sasl.is_some() {
            return Err(Error::usage(
                "this build's data plane (librdkafka without OpenSSL/SASL) speaks PLAINTEXT only: probe a plaintext listener with --bootstrap-server",
            ));
        }
        let mut bootstrap: Vec<String> = opts
            .bootstrap
            .iter()
            .map(|a| map_address(&opts.address_map, a))
            .collect();
        bootstrap.dedup();
        Ok(DataPlane {
            bootstrap,
            unmapped: opts.address_map.keys().cloned().collect(),
            timeout,
        })
    }

    fn base(&self) -> ClientConfig {
        let mut c = ClientConfig::new();
        c.set("bootstrap.servers", self.bootstrap.join(","))
            .set("client.id", "kubectl-kafka-probe")
            .set(
                "socket.timeout.ms",
                ms(self.timeout.max(Duration::from_secs(10))),
            )
            .set("reconnect.backoff.max.ms", "1000")
            .set("topic.metadata.refresh.interval.ms", "5000");
        c
    }

    /// A producer that waits for every in-sync replica (acks=all), sends each record at once, and
    /// gives up on a record after the timeout.
    pub fn producer(&self) -> Result<FutureProducer> {
        self.base()
            .set("acks", "all")
            .set("enable.idempotence", "false")
            .set("linger.ms", "0")
            .set("message.timeout.ms", ms(self.timeout))
            .set("request.timeout.ms", ms(self.timeout))
            .create()
            .map_err(|e| Error::failed(format!("cannot create the librdkafka producer: {e}")))
    }

    /// The same producer, but one attempt per record: every failed request is the caller's to
    /// see (and to retry when worth it), e.g. each NOT_ENOUGH_REPLICAS answer.
    pub fn producer_single_attempt(&self) -> Result<FutureProducer> {
        self.base()
            .set("acks", "all")
            .set("enable.idempotence", "false")
            .set("retries", "0")
            .set("linger.ms", "0")
            .set("message.timeout.ms", ms(self.timeout))
            .set("request.timeout.ms", ms(self.timeout))
            .create()
            .map_err(|e| Error::failed(format!("cannot create the librdkafka producer: {e}")))
    }

    /// A consumer for explicitly assigned partitions. librdkafka wants a group id even then; the
    /// consumer never joins it (no subscribe) and never commits, so the group is never created.
    pub fn consumer(&self) -> Result<StreamConsumer> {
        self.base()
            .set("group.id", "kubectl-kafka-probe")
            .set("enable.auto.commit", "false")
            .set("enable.auto.offset.store", "false")
            .set("enable.partition.eof", "false")
            .set("fetch.wait.max.ms", "10")
            .set("auto.offset.reset", "earliest")
            .create()
            .map_err(|e| Error::failed(format!("cannot create the librdkafka consumer: {e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bootstrap_goes_through_the_address_map() {
        let mut o = ConnectOptions::new(vec!["kafka-0.hs:9092".into(), "10.1.1.1:9092".into()]);
        o.address_map
            .insert("kafka-0.hs:9092".into(), "127.0.0.5:9092".into());
        let d = DataPlane::from_admin(&o, false, Duration::from_secs(5)).unwrap();
        assert_eq!(d.bootstrap, ["127.0.0.5:9092", "10.1.1.1:9092"]);
        assert_eq!(d.unmapped, ["kafka-0.hs:9092"]);
    }

    #[test]
    fn tunnels_and_security_are_refused_with_a_reason() {
        let o = ConnectOptions::new(vec!["a:9092".into()]);
        let e = DataPlane::from_admin(&o, true, Duration::from_secs(5)).unwrap_err();
        assert!(matches!(e, Error::Usage(_)) && e.to_string().contains("port-forward"));
        let mut o = ConnectOptions::new(vec!["a:9092".into()]);
        o.tls = Some(Default::default());
        let e = DataPlane::from_admin(&o, false, Duration::from_secs(5)).unwrap_err();
        assert!(e.to_string().contains("PLAINTEXT"), "{e}");
    }

    #[test]
    fn the_linked_librdkafka_reports_its_version() {
        assert!(librdkafka_version().starts_with(char::is_numeric));
    }
}
