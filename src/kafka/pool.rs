//! Connections keyed by broker, request routing, and retries with backoff and metadata refresh.

use std::collections::{BTreeMap, HashMap};
use std::future::{Future, Ready};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use kafka_protocol::messages::{MetadataRequest, MetadataResponse};
use kafka_protocol::protocol::Request;

use super::conn::{ConnParams, Connection, SendError};
use super::options::{ConnectOptions, map_address};
use crate::deadline::Deadline;
use crate::error::{Error, Result};
use crate::model::{self, BrokerId};

/// Where a request must go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Any broker: the least loaded open connection, else the first reachable broker.
    Any,
    /// The controller Metadata names. ZooKeeper clusters need it for topic and reassignment
    /// changes; KRaft brokers forward such requests, and Metadata names a live broker there.
    Controller,
    /// This broker (its log dirs, its own configs).
    Broker(BrokerId),
}

/// What to do with one response.
pub enum Step<T> {
    Done(T),
    /// A transient error: refresh metadata, back off and send again.
    Retry(Error),
    Fail(Error),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum ConnKey {
    Broker(BrokerId),
    Bootstrap(String),
}

#[derive(Debug, Default)]
struct State {
    brokers: BTreeMap<BrokerId, model::Broker>,
    controller_id: Option<BrokerId>,
    conns: HashMap<ConnKey, Arc<Connection>>,
}

#[derive(Debug)]
pub struct Pool {
    opts: ConnectOptions,
    params: ConnParams,
    state: Mutex<State>,
}

const MAX_ATTEMPTS: u32 = 8;
const FIRST_BACKOFF: Duration = Duration::from_millis(100);
const MAX_BACKOFF: Duration = Duration::from_secs(2);

/// The host part of "host:port" (brackets of IPv6 literals removed), for TLS name checks.
pub fn host_of(addr: &str) -> &str {
    let host = match addr.rsplit_once(':') {
        Some((h, p)) if p.chars().all(|c| c.is_ascii_digit()) => h,
        _ => addr,
    };
    host.trim_start_matches('[').trim_end_matches(']')
}

/// Backoff before retry `attempt` (0-based): doubling from 100 ms, capped at 2 s.
pub fn backoff(attempt: u32) -> Duration {
    FIRST_BACKOFF
        .saturating_mul(2u32.saturating_pow(attempt.min(16)))
        .min(MAX_BACKOFF)
}

impl Pool {
    /// Connect to the first reachable bootstrap server and load the cluster's brokers.
    pub async fn connect(opts: ConnectOptions) -> Result<Pool> {
        if opts.bootstrap.is_empty() {
            return Err(Error::usage(
                "no bootstrap server given; pass --bootstrap-server host:port",
            ));
        }
        let tls = match &opts.tls {
            Some(t) => Some(t.client_config()?),
            None => None,
        };
        let params = ConnParams {
            dialer: opts.dialer.clone(),
            tls,
            sasl: opts.sasl.clone(),
            client_id: opts.client_id.clone(),
            request_timeout: opts.request_timeout,
        };
        let pool = Pool {
            opts,
            params,
            state: Mutex::new(State::default()),
        };
        let mut failures = Vec::new();
        for addr in &pool.opts.bootstrap {
            let dial = map_address(&pool.opts.address_map, addr);
            match pool
                .open_shared(&format!("bootstrap server {addr}"), &dial, host_of(addr))
                .await
            {
                Ok(conn) => {
                    pool.lock()
                        .conns
                        .insert(ConnKey::Bootstrap(addr.clone()), conn);
                    break;
                }
                Err(e) => failures.push(e.to_string()),
            }
        }
        if pool.lock().conns.is_empty() {
            return Err(Error::kafka(format!(
                "cannot reach any bootstrap server ({}):\n  {}\nhint: check the address and port, that the brokers' listener is reachable from this machine, and that security.protocol matches it; without --bootstrap-server the plugin finds a path to the pods itself (--connect auto)",
                pool.opts.bootstrap.join(", "),
                failures.join("\n  ")
            )));
        }
        pool.refresh_metadata().await?;
        Ok(pool)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // A panic while holding the lock cannot leave the maps inconsistent: take them as they are.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// How this pool reaches the cluster (bootstrap, address map, security).
    pub fn options(&self) -> &ConnectOptions {
        &self.opts
    }

    pub fn request_timeout(&self) -> Duration {
        self.opts.request_timeout
    }

    pub fn broker_count(&self) -> usize {
        self.lock().brokers.len()
    }

    pub fn brokers(&self) -> Vec<model::Broker> {
        self.lock().brokers.values().cloned().collect()
    }

    /// Record what a Metadata response says about brokers and the controller.
    pub fn learn(&self, resp: &MetadataResponse) {
        let mut st = self.lock();
        if !resp.brokers.is_empty() {
            st.brokers = resp
                .brokers
                .iter()
                .map(|b| {
                    (
                        b.node_id.0,
                        model::Broker {
                            id: b.node_id.0,
                            host: b.host.to_string(),
                            port: b.port,
                            rack: b.rack.as_ref().map(|r| r.to_string()),
                        },
                    )
                })
                .collect();
            // Forget connections to brokers that left the cluster.
            let known: Vec<BrokerId> = st.brokers.keys().copied().collect();
            st.conns.retain(|k, _| match k {
                ConnKey::Broker(id) => known.contains(id),
                ConnKey::Bootstrap(_) => true,
            });
        }
        st.controller_id = (resp.controller_id.0 >= 0).then_some(resp.controller_id.0);
    }

    /// Fetch broker list and controller (no topics) and remember them.
    // Boxed: connecting to a broker not yet known refreshes metadata, which connects.
    pub fn refresh_metadata(
        &self,
    ) -> Pin<Box<dyn Future<Output = Result<MetadataResponse>> + Send + '_>> {
        Box::pin(async move {
            let resp = self
                .send(Target::Any, &|_| {
                    let mut req = MetadataRequest::default();
                    req.topics = Some(Vec::new());
                    req
                })
                .await
                .map_err(SendError::into_error)?;
            self.learn(&resp);
            Ok(resp)
        })
    }

    /// The run's live connection to `dial` (the bootstrap connection to a pod is that broker's
    /// connection too; a probe's connection serves the pool chosen after it), else a new one.
    async fn open_shared(
        &self,
        label: &str,
        dial: &str,
        tls_host: &str,
    ) -> Result<Arc<Connection>> {
        let shared = &self.opts.shared;
        // Without TLS no name is checked: any connection to the address serves.
        let key_host = if self.params.tls.is_some() {
            tls_host
        } else {
            ""
        };
        let security = self.opts.security_key();
        if let Some(c) = shared.get(&self.params.dialer, dial, key_host, security) {
            tracing::debug!("{label}: reusing the open connection to {dial}");
            return Ok(c);
        }
        let conn = Arc::new(Connection::open(&self.params, label, dial, tls_host).await?);
        Ok(shared.put(&self.params.dialer, dial, key_host, security, conn))
    }

    fn remove_if_same(&self, conn: &Arc<Connection>) {
        let mut st = self.lock();
        st.conns.retain(|_, c| !Arc::ptr_eq(c, conn));
    }

    async fn open_broker(&self, id: BrokerId) -> Result<Arc<Connection>> {
        let broker = self.lock().brokers.get(&id).cloned();
        let broker = match broker {
            Some(b) => b,
            None => {
                self.refresh_metadata().await?;
                let known = self.lock().brokers.get(&id).cloned();
                known.ok_or_else(|| {
                    let ids: Vec<String> = self.lock().brokers.keys().map(|k| k.to_string()).collect();
                    Error::kafka(format!(
                        "broker {id} is not in the cluster's metadata (live brokers: {}); is it running?",
                        ids.join(", ")
                    ))
                })?
            }
        };
        let advertised = format!("{}:{}", broker.host, broker.port);
        let dial = map_address(&self.opts.address_map, &advertised);
        let label = format!("broker {id} ({advertised})");
        let conn = self.open_shared(&label, &dial, &broker.host).await?;
        let mut st = self.lock();
        // Another task may have connected meanwhile: keep one connection per broker.
        let entry = st
            .conns
            .entry(ConnKey::Broker(id))
            .or_insert_with(|| conn.clone());
        if !entry.is_alive() {
            *entry = conn.clone();
        }
        Ok(entry.clone())
    }

    async fn conn_for(&self, target: Target) -> Result<Arc<Connection>> {
        match target {
            Target::Broker(id) => {
                let existing = self.lock().conns.get(&ConnKey::Broker(id)).cloned();
                match existing {
                    Some(c) if c.is_alive() => Ok(c),
                    _ => self.open_broker(id).await,
                }
            }
            Target::Controller => {
                let controller = self.lock().controller_id;
                let controller = match controller {
                    Some(id) => Some(id),
                    None => {
                        self.refresh_metadata().await?;
                        self.lock().controller_id
                    }
                };
                match controller {
                    Some(id) => Box::pin(self.conn_for(Target::Broker(id))).await,
                    None => Box::pin(self.conn_for(Target::Any)).await,
                }
            }
            Target::Any => {
                let best = {
                    let mut st = self.lock();
                    st.conns.retain(|_, c| c.is_alive());
                    st.conns.values().min_by_key(|c| c.in_flight()).cloned()
                };
                if let Some(c) = best {
                    return Ok(c);
                }
                let mut failures = Vec::new();
                let ids: Vec<BrokerId> = self.lock().brokers.keys().copied().collect();
                for id in ids {
                    match self.open_broker(id).await {
                        Ok(c) => return Ok(c),
                        Err(e) => failures.push(e.to_string()),
                    }
                }
                for addr in &self.opts.bootstrap {
                    let dial = map_address(&self.opts.address_map, addr);
                    match self
                        .open_shared(&format!("bootstrap server {addr}"), &dial, host_of(addr))
                        .await
                    {
                        Ok(conn) => {
                            self.lock()
                                .conns
                                .insert(ConnKey::Bootstrap(addr.clone()), conn.clone());
                            return Ok(conn);
                        }
                        Err(e) => failures.push(e.to_string()),
                    }
                }
                Err(Error::kafka(format!(
                    "no broker is reachable:\n  {}\nhint: check the brokers are running and reachable from here",
                    failures.join("\n  ")
                )))
            }
        }
    }

    /// One attempt: pick a connection for `target`, build the request for its version, send.
    pub async fn send<R: Request>(
        &self,
        target: Target,
        build: &(dyn Fn(i16) -> R + Sync),
    ) -> std::result::Result<R::Response, SendError> {
        self.send_within(target, R::VERSIONS.max, self.opts.request_timeout, build)
            .await
    }

    /// One attempt at a version of `R` no higher than `max_version`, waiting `timeout` for the
    /// answer: for requests whose later versions change shape (Produce and Fetch name topics by
    /// id from v13) or that wait on the broker longer than an admin request (acks=all).
    pub async fn send_within<R: Request>(
        &self,
        target: Target,
        max_version: i16,
        timeout: Duration,
        build: &(dyn Fn(i16) -> R + Sync),
    ) -> std::result::Result<R::Response, SendError> {
        let conn = self
            .conn_for(target)
            .await
            .map_err(|e| SendError::Unreachable(e.to_string()))?;
        let ours = kafka_protocol::protocol::VersionRange {
            min: R::VERSIONS.min,
            max: R::VERSIONS.max.min(max_version),
        };
        let version = match conn.versions().pick(R::KEY, ours) {
            Some(v) => v,
            None => {
                return Err(SendError::Unsupported(format!(
                    "{} does not support {} at any version this client uses ({ours}); the broker is too old for this operation",
                    conn.label(),
                    super::versions::api_name(R::KEY),
                )));
            }
        };
        let req = build(version);
        let result = conn.request_at(&req, version, timeout).await;
        if matches!(result, Err(SendError::Unreachable(_) | SendError::Lost(_))) || !conn.is_alive()
        {
            self.remove_if_same(&conn);
        }
        result
    }

    /// The negotiated version of `R` on a connection for `target`, None when unsupported.
    pub async fn version_for<R: Request>(&self, target: Target) -> Result<Option<i16>> {
        let conn = self.conn_for(target).await?;
        Ok(conn.version_of::<R>().ok())
    }

    /// Send with retries: transient failures (connection loss, retriable error codes reported by
    /// `check`) refresh metadata and back off, until attempts or twice the request timeout run out.
    /// Only for requests that may take effect twice (reads, config SETs and DELETEs, elections).
    pub async fn call<R: Request, T>(
        &self,
        target: Target,
        build: &(dyn Fn(i16) -> R + Sync),
        check: impl FnMut(R::Response) -> Step<T>,
    ) -> Result<T> {
        self.run(
            target,
            build,
            check,
            None::<fn() -> Ready<Result<Option<T>>>>,
        )
        .await
    }

    /// Send a request that must not take effect twice (creating or deleting topics, adding
    /// partitions, starting or cancelling reassignments). A request that never left is retried as
    /// [`Pool::call`] does. When its answer is lost after it left, the broker may have acted on
    /// it: `settled` then looks at the cluster, and says with `Some(result)` that it did (nothing
    /// is sent again) or with `None` that it did not (it is sent again). A refusal that follows a
    /// lost answer is checked the same way, since the first attempt may have done the work
    /// meanwhile (a create answered with TOPIC_ALREADY_EXISTS).
    pub async fn call_once<R: Request, T, F, Fut>(
        &self,
        target: Target,
        build: &(dyn Fn(i16) -> R + Sync),
        check: impl FnMut(R::Response) -> Step<T>,
        settled: F,
    ) -> Result<T>
    where
        F: Fn() -> Fut,
        Fut: Future<Output = Result<Option<T>>>,
    {
        self.run(target, build, check, Some(settled)).await
    }

    async fn run<R: Request, T, F, Fut>(
        &self,
        target: Target,
        build: &(dyn Fn(i16) -> R + Sync),
        mut check: impl FnMut(R::Response) -> Step<T>,
        settled: Option<F>,
    ) -> Result<T>
    where
        F: Fn() -> Fut,
        Fut: Future<Output = Result<Option<T>>>,
    {
        let deadline = Deadline::after(self.opts.request_timeout.saturating_mul(2));
        let mut attempt = 0;
        // An earlier attempt of this request may have taken effect without us hearing about it.
        let mut maybe_done = false;
        loop {
            let step = match self.send(target, build).await {
                Ok(resp) => check(resp),
                Err(SendError::Unreachable(m)) => Step::Retry(Error::kafka(m)),
                Err(SendError::Lost(m)) => {
                    maybe_done = settled.is_some();
                    Step::Retry(Error::kafka(m))
                }
                Err(e) => Step::Fail(e.into_error()),
            };
            let e = match step {
                Step::Done(t) => return Ok(t),
                Step::Fail(e) => {
                    if maybe_done
                        && let Some(check_state) = &settled
                        && let Some(t) = check_state().await?
                    {
                        return Ok(t);
                    }
                    return Err(e);
                }
                Step::Retry(e) => e,
            };
            let wait = backoff(attempt);
            attempt += 1;
            if attempt >= MAX_ATTEMPTS || deadline.passes_within(wait) {
                return Err(e);
            }
            tracing::debug!(attempt, ?wait, error = %e, "retrying Kafka request");
            tokio::time::sleep(wait).await;
            // Best effort: a failed refresh shows up again as the next attempt's error.
            let _ = self.refresh_metadata().await;
            if maybe_done && let Some(check_state) = &settled {
                match check_state().await {
                    Ok(Some(t)) => return Ok(t),
                    Ok(None) => {}
                    // The state cannot be read yet either: try again (a repeated request that
                    // finds the work done is checked again before it is reported).
                    Err(e) => tracing::debug!(error = %e, "cannot check what a lost request did"),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn address_map_rewrites_only_known_addresses() {
        let map: BTreeMap<String, String> = [(
            "kafka-0.kafka:9092".to_string(),
            "127.0.0.1:40001".to_string(),
        )]
        .into();
        assert_eq!(map_address(&map, "kafka-0.kafka:9092"), "127.0.0.1:40001");
        assert_eq!(
            map_address(&map, "kafka-1.kafka:9092"),
            "kafka-1.kafka:9092"
        );
    }

    #[test]
    fn host_of_strips_port_and_brackets() {
        assert_eq!(host_of("kafka-0.kafka.svc:9093"), "kafka-0.kafka.svc");
        assert_eq!(host_of("[::1]:9092"), "::1");
        assert_eq!(host_of("broker"), "broker");
    }

    #[test]
    fn backoff_doubles_and_caps() {
        assert_eq!(backoff(0), Duration::from_millis(100));
        assert_eq!(backoff(1), Duration::from_millis(200));
        assert_eq!(backoff(3), Duration::from_millis(800));
        assert_eq!(backoff(10), MAX_BACKOFF);
        assert_eq!(backoff(u32::MAX), MAX_BACKOFF);
    }
}
