//! One broker connection: length-prefixed framing, correlation ids with pipelining,
//! ApiVersions negotiation, optional TLS and SASL.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::{Buf, BufMut, Bytes, BytesMut};
use kafka_protocol::messages::{
    ApiKey, ApiVersionsRequest, ApiVersionsResponse, RequestHeader, ResponseHeader,
    SaslAuthenticateRequest, SaslHandshakeRequest,
};
use kafka_protocol::protocol::{Decodable, Encodable, HeaderVersion, Message, Request, StrBytes};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt, ReadHalf, WriteHalf};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use super::auth::{SaslMechanism, SaslOptions, Scram, plain_payload};
use super::dialer::{BoxStream, Dialer};
use super::errors::{ErrorContext, broker_error, codes};
use super::versions::{ApiVersionTable, api_name};
use crate::error::{Error, KafkaError, Result};

/// Frames larger than this are refused whatever the request: they mean a protocol mismatch, not a
/// real response. Each request has its own, usually much smaller, limit ([`response_limit`]).
pub const MAX_FRAME: usize = 256 * 1024 * 1024;

/// At most this many bytes are read from the network at a time, and at first only
/// [`FIRST_READ`]: the buffer grows with what arrives (doubling), never with the length a peer
/// announces.
const READ_CHUNK: usize = 64 * 1024;
const FIRST_READ: usize = 4 * 1024;

/// The largest answer a request of `api_key` can legitimately get: listings that grow with the
/// cluster (metadata, configs, log dirs, reassignments, leader elections) up to [`MAX_FRAME`], the
/// handshake and SASL exchanges 1 MiB, anything else 64 MiB.
pub fn response_limit(api_key: i16) -> usize {
    match ApiKey::try_from(api_key) {
        Ok(ApiKey::ApiVersions | ApiKey::SaslHandshake | ApiKey::SaslAuthenticate) => 1 << 20,
        Ok(
            ApiKey::Metadata
            | ApiKey::DescribeConfigs
            | ApiKey::DescribeLogDirs
            | ApiKey::ListPartitionReassignments
            | ApiKey::ElectLeaders,
        ) => MAX_FRAME,
        _ => 64 << 20,
    }
}

/// Why a request on a connection failed, so the pool knows whether to retry and reconnect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendError {
    /// The request never left: no connection could be made, or it was already closed.
    Unreachable(String),
    /// The request was sent (or partly sent) and the connection broke before the answer came: the
    /// broker may or may not have acted on it. The connection is dead and must be replaced.
    Lost(String),
    /// No answer within the request timeout.
    Timeout(String),
    /// The broker does not support this API at any version we know.
    Unsupported(String),
    /// A message could not be encoded or decoded.
    Protocol(String),
}

impl SendError {
    pub fn into_error(self) -> Error {
        match self {
            SendError::Timeout(m) => Error::Timeout(m),
            SendError::Unreachable(m)
            | SendError::Lost(m)
            | SendError::Unsupported(m)
            | SendError::Protocol(m) => Error::kafka(m),
        }
    }
}

/// Everything needed to open a connection.
#[derive(Clone)]
pub struct ConnParams {
    pub dialer: Arc<dyn Dialer>,
    pub tls: Option<Arc<rustls::ClientConfig>>,
    pub sasl: Option<SaslOptions>,
    pub client_id: String,
    pub request_timeout: Duration,
}

impl std::fmt::Debug for ConnParams {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConnParams")
            .field("dialer", &self.dialer)
            .field("tls", &self.tls.is_some())
            .field("sasl", &self.sasl)
            .field("client_id", &self.client_id)
            .field("request_timeout", &self.request_timeout)
            .finish()
    }
}

/// A request waiting for its answer.
struct Waiter {
    tx: oneshot::Sender<Bytes>,
    api: i16,
}

type Pending = Arc<Mutex<HashMap<i32, Waiter>>>;

/// An open, authenticated connection to one broker. Requests may be issued concurrently.
pub struct Connection {
    label: String,
    versions: ApiVersionTable,
    client_id: StrBytes,
    writer: tokio::sync::Mutex<WriteHalf<BoxStream>>,
    pending: Pending,
    next_id: AtomicI32,
    alive: Arc<AtomicBool>,
    closed_reason: Arc<Mutex<Option<String>>>,
    reader: JoinHandle<()>,
}

impl Drop for Connection {
    fn drop(&mut self) {
        self.reader.abort();
    }
}

impl std::fmt::Debug for Connection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connection")
            .field("label", &self.label)
            .field("alive", &self.is_alive())
            .finish()
    }
}

// ---- framing (pure) ----

/// Encode one request frame: 4-byte length, request header, body.
pub fn encode_request<R: Request>(
    req: &R,
    version: i16,
    correlation_id: i32,
    client_id: &StrBytes,
) -> std::result::Result<Bytes, String> {
    let mut header = RequestHeader::default();
    header.request_api_key = R::KEY;
    header.request_api_version = version;
    header.correlation_id = correlation_id;
    header.client_id = Some(client_id.clone());
    // Header v0 (no client id) is only used by an API we never send.
    let header_version = R::header_version(version).max(1);
    let mut buf = BytesMut::with_capacity(64);
    buf.put_i32(0);
    header
        .encode(&mut buf, header_version)
        .map_err(|e| format!("cannot encode the {} request header: {e}", api_name(R::KEY)))?;
    req.encode(&mut buf, version)
        .map_err(|e| format!("cannot encode {} v{version}: {e}", api_name(R::KEY)))?;
    let len = i32::try_from(buf.len() - 4).map_err(|_| "request too large".to_string())?;
    buf[..4].copy_from_slice(&len.to_be_bytes());
    Ok(buf.freeze())
}

/// Validate a frame's length prefix against `limit`.
pub fn frame_length(prefix: [u8; 4], limit: usize) -> std::result::Result<usize, String> {
    let len = i32::from_be_bytes(prefix);
    let looks_like_tls = prefix[0] == 0x15 || prefix[0] == 0x16;
    match usize::try_from(len) {
        Ok(n) if (4..=limit).contains(&n) => Ok(n),
        Ok(n) if n > limit && !looks_like_tls => Err(format!(
            "the peer announced a {n}-byte answer, more than such an answer can hold ({limit} bytes); is this a Kafka listener?"
        )),
        _ => Err(format!(
            "the peer sent an impossible frame length {len}; is this a Kafka listener, and does it use TLS ({}) when the client does not (or the reverse)?",
            if looks_like_tls {
                "it looks like TLS"
            } else {
                "check security.protocol"
            }
        )),
    }
}

/// The correlation id at the start of every response frame, whatever the header version.
pub fn peek_correlation_id(frame: &[u8]) -> Option<i32> {
    let b: [u8; 4] = frame.get(..4)?.try_into().ok()?;
    Some(i32::from_be_bytes(b))
}

/// Decode a response frame (without its length prefix) for request type `R` at `version`.
pub fn decode_response<R: Request>(
    mut frame: Bytes,
    version: i16,
) -> std::result::Result<(i32, R::Response), String> {
    let header_version = <R::Response as HeaderVersion>::header_version(version);
    let header = ResponseHeader::decode(&mut frame, header_version).map_err(|e| {
        format!(
            "cannot decode the {} response header: {e}",
            api_name(R::KEY)
        )
    })?;
    let body = <R::Response as Decodable>::decode(&mut frame, version).map_err(|e| {
        format!(
            "cannot decode the {} v{version} response: {e}",
            api_name(R::KEY)
        )
    })?;
    Ok((header.correlation_id, body))
}

/// Decode an ApiVersions response. A broker that does not know our version answers with a v0
/// body carrying UNSUPPORTED_VERSION and its own range for ApiVersions.
pub fn decode_api_versions(
    mut frame: Bytes,
    version: i16,
) -> std::result::Result<ApiVersionsResponse, String> {
    ResponseHeader::decode(&mut frame, 0)
        .map_err(|e| format!("cannot decode the ApiVersions response header: {e}"))?;
    let code = frame
        .clone()
        .try_get_i16()
        .map_err(|_| "empty ApiVersions response".to_string())?;
    let v = if code == codes::UNSUPPORTED_VERSION {
        0
    } else {
        version
    };
    ApiVersionsResponse::decode(&mut frame, v)
        .map_err(|e| format!("cannot decode the ApiVersions v{v} response: {e}"))
}

fn invalid(m: String) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, m)
}

/// Append exactly `n` bytes from `stream` to `buf`, a chunk at a time.
async fn read_into<S: AsyncRead + Unpin>(
    stream: &mut S,
    n: usize,
    buf: &mut BytesMut,
) -> std::io::Result<()> {
    let end = buf.len().saturating_add(n);
    while buf.len() < end {
        let want = (end - buf.len())
            .min(READ_CHUNK)
            .min(buf.len().max(FIRST_READ));
        buf.reserve(want);
        let got = (&mut *stream).take(want as u64).read_buf(buf).await?;
        if got == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
    }
    Ok(())
}

/// Read one frame (without its length prefix) of at most `limit` bytes.
async fn read_frame<S: AsyncRead + Unpin>(stream: &mut S, limit: usize) -> std::io::Result<Bytes> {
    let mut prefix = [0u8; 4];
    stream.read_exact(&mut prefix).await?;
    let len = frame_length(prefix, limit).map_err(invalid)?;
    let mut buf = BytesMut::new();
    read_into(stream, len, &mut buf).await?;
    Ok(buf.freeze())
}

// ---- setup phase: strictly sequential on the raw stream ----

struct Setup<'a> {
    stream: &'a mut BoxStream,
    label: &'a str,
    client_id: StrBytes,
    next_id: i32,
}

impl Setup<'_> {
    async fn exchange(&mut self, frame: Bytes, api_key: i16) -> Result<Bytes> {
        let label = self.label;
        let api = api_name(api_key);
        let limit = response_limit(api_key);
        let io_err = |e: std::io::Error| {
            if e.kind() == std::io::ErrorKind::InvalidData {
                KafkaError::caused_by(
                    format!("{label} did not answer {api} like a Kafka broker"),
                    e,
                )
                .into()
            } else if e.kind() == std::io::ErrorKind::ConnectionRefused {
                // A tunnel's far end refused (the error channel of a port-forward says why).
                KafkaError::caused_by(format!("{label} is unreachable ({api} not answered)"), e)
                    .hint(
                        "check that the pod listens on that port (its containerPort and listeners)",
                    )
                    .into()
            } else {
                KafkaError::caused_by(format!("{label} closed the connection during {api}"), e)
                    .hint("check security.protocol (TLS/SASL) matches the listener")
                    .into()
            }
        };
        self.stream.write_all(&frame).await.map_err(io_err)?;
        self.stream.flush().await.map_err(io_err)?;
        read_frame(self.stream, limit).await.map_err(io_err)
    }

    async fn roundtrip<R: Request>(&mut self, req: &R, version: i16) -> Result<R::Response> {
        let id = self.next_id;
        self.next_id += 1;
        let frame = encode_request(req, version, id, &self.client_id).map_err(Error::kafka)?;
        let resp = self.exchange(frame, R::KEY).await?;
        let (got, body) = decode_response::<R>(resp, version).map_err(Error::kafka)?;
        if got != id {
            return Err(Error::kafka(format!(
                "{}: response out of order during setup",
                self.label
            )));
        }
        Ok(body)
    }

    async fn api_versions(&mut self) -> Result<ApiVersionTable> {
        let mut req = ApiVersionsRequest::default();
        req.client_software_name = StrBytes::from_static_str("kubectl-kafka");
        req.client_software_version = StrBytes::from_static_str(env!("CARGO_PKG_VERSION"));
        let mut version = ApiVersionsRequest::VERSIONS.max;
        // At most one downgrade: the broker tells us its ApiVersions range.
        for _ in 0..2 {
            let id = self.next_id;
            self.next_id += 1;
            let frame = encode_request(&req, version, id, &self.client_id).map_err(Error::kafka)?;
            let resp = self.exchange(frame, ApiVersionsRequest::KEY).await?;
            let body = decode_api_versions(resp, version).map_err(Error::kafka)?;
            if body.error_code == codes::UNSUPPORTED_VERSION {
                let theirs = body
                    .api_keys
                    .iter()
                    .find(|k| k.api_key == ApiVersionsRequest::KEY)
                    .map(|k| (k.min_version, k.max_version));
                match super::versions::pick_version(theirs, ApiVersionsRequest::VERSIONS) {
                    Some(v) if v < version => {
                        version = v;
                        continue;
                    }
                    _ => break,
                }
            }
            if body.error_code != 0 {
                return Err(broker_error(body.error_code, None, &ctx("ApiVersions")).into());
            }
            return Ok(ApiVersionTable::from_response(&body));
        }
        Err(Error::kafka(format!(
            "{} does not support any ApiVersions version we know; the broker is too old (Kafka 2.8 or newer is needed)",
            self.label
        )))
    }

    async fn authenticate(&mut self, sasl: &SaslOptions, versions: &ApiVersionTable) -> Result<()> {
        let too_old = || {
            Error::kafka(format!(
                "{} does not support SASL handshakes this client speaks; Kafka 2.8 or newer is needed",
                self.label
            ))
        };
        let hs_version = versions
            .pick(SaslHandshakeRequest::KEY, SaslHandshakeRequest::VERSIONS)
            .filter(|v| *v >= 1)
            .ok_or_else(too_old)?;
        let auth_version = versions
            .pick(
                SaslAuthenticateRequest::KEY,
                SaslAuthenticateRequest::VERSIONS,
            )
            .ok_or_else(too_old)?;
        let mut hs = SaslHandshakeRequest::default();
        hs.mechanism = StrBytes::from_static_str(sasl.mechanism.name());
        let resp = self.roundtrip(&hs, hs_version).await?;
        if resp.error_code != 0 {
            let enabled: Vec<&str> = resp.mechanisms.iter().map(|m| m.as_str()).collect();
            let msg = format!(
                "{} is not enabled; the listener offers: {}",
                sasl.mechanism.name(),
                enabled.join(", ")
            );
            return Err(broker_error(resp.error_code, Some(&msg), &ctx("SASL handshake")).into());
        }
        match sasl.mechanism {
            SaslMechanism::Plain => {
                self.sasl_step(plain_payload(&sasl.username, &sasl.password), auth_version)
                    .await?;
            }
            SaslMechanism::ScramSha256 | SaslMechanism::ScramSha512 => {
                let label = self.label;
                let fail = |m: String| {
                    Error::kafka(format!(
                        "SASL {} with {label} failed: {m}",
                        sasl.mechanism.name()
                    ))
                };
                let mut scram =
                    Scram::new(sasl.mechanism, &sasl.username, &sasl.password).map_err(fail)?;
                let server_first = self.sasl_step(scram.client_first(), auth_version).await?;
                let client_final = scram.client_final(&server_first).map_err(fail)?;
                let server_final = self.sasl_step(client_final, auth_version).await?;
                scram.verify_server_final(&server_final).map_err(fail)?;
            }
        }
        Ok(())
    }

    async fn sasl_step(&mut self, payload: Vec<u8>, version: i16) -> Result<Bytes> {
        let mut req = SaslAuthenticateRequest::default();
        req.auth_bytes = Bytes::from(payload);
        let resp = self.roundtrip(&req, version).await?;
        if resp.error_code != 0 {
            return Err(broker_error(
                resp.error_code,
                resp.error_message.as_ref().map(|m| m.as_str()),
                &ctx("SASL authentication"),
            )
            .into());
        }
        Ok(resp.auth_bytes)
    }
}

fn ctx(subject: &str) -> ErrorContext<'_> {
    ErrorContext {
        subject,
        ..Default::default()
    }
}

impl Connection {
    /// Dial `dial_addr`, do TLS (checking the certificate against `tls_host`), negotiate versions
    /// and authenticate. `label` names the broker in errors.
    pub async fn open(
        params: &ConnParams,
        label: &str,
        dial_addr: &str,
        tls_host: &str,
    ) -> Result<Connection> {
        let timeout = params.request_timeout;
        match tokio::time::timeout(
            timeout,
            Self::open_inner(params, label, dial_addr, tls_host),
        )
        .await
        {
            Ok(r) => r,
            Err(_) => Err(Error::kafka(format!(
                "connecting to {label} at {dial_addr} timed out after {timeout:?}; check the address is reachable from here and that security.protocol matches the listener"
            ))),
        }
    }

    async fn open_inner(
        params: &ConnParams,
        label: &str,
        dial_addr: &str,
        tls_host: &str,
    ) -> Result<Connection> {
        let mut stream = params.dialer.dial(dial_addr).await.map_err(|e| {
            KafkaError::caused_by(format!("cannot connect to {label} at {dial_addr}"), e).hint(
                "check the address is reachable from here (or use --port-forward / --bootstrap-server)",
            )
        })?;
        if let Some(config) = &params.tls {
            stream = super::tls::connect(stream, tls_host, config.clone()).await?;
        }
        let client_id = StrBytes::from_string(params.client_id.clone());
        let mut setup = Setup {
            stream: &mut stream,
            label,
            client_id: client_id.clone(),
            next_id: 1,
        };
        let versions = setup.api_versions().await?;
        if let Some(sasl) = &params.sasl {
            setup.authenticate(sasl, &versions).await?;
        }
        let next_id = setup.next_id;
        let (rd, wr) = tokio::io::split(stream);
        let pending: Pending = Arc::default();
        let alive = Arc::new(AtomicBool::new(true));
        let closed_reason = Arc::new(Mutex::new(None));
        let reader = tokio::spawn(read_loop(
            rd,
            pending.clone(),
            alive.clone(),
            closed_reason.clone(),
        ));
        Ok(Connection {
            label: label.to_string(),
            versions,
            client_id,
            writer: tokio::sync::Mutex::new(wr),
            pending,
            next_id: AtomicI32::new(next_id),
            alive,
            closed_reason,
            reader,
        })
    }

    pub fn label(&self) -> &str {
        &self.label
    }

    pub fn versions(&self) -> &ApiVersionTable {
        &self.versions
    }

    pub fn is_alive(&self) -> bool {
        self.alive.load(Ordering::Acquire)
    }

    /// Requests awaiting an answer: the pool's "least loaded" measure.
    pub fn in_flight(&self) -> usize {
        self.pending.lock().map(|p| p.len()).unwrap_or(usize::MAX)
    }

    fn closed_message(&self, api: &str) -> String {
        let reason = self
            .closed_reason
            .lock()
            .ok()
            .and_then(|r| r.clone())
            .unwrap_or_else(|| "connection closed".to_string());
        format!(
            "{} dropped the connection during {api}: {reason}",
            self.label
        )
    }

    /// The version to use for request type `R` on this connection.
    pub fn version_of<R: Request>(&self) -> std::result::Result<i16, SendError> {
        self.versions.pick(R::KEY, R::VERSIONS).ok_or_else(|| {
            SendError::Unsupported(format!(
                "{} does not support {} at any version this client knows ({}); the broker is too old for this operation",
                self.label,
                api_name(R::KEY),
                R::VERSIONS
            ))
        })
    }

    /// Send one request at the highest version both sides support and wait for its response.
    pub async fn request<R: Request>(
        &self,
        req: &R,
        timeout: Duration,
    ) -> std::result::Result<R::Response, SendError> {
        let version = self.version_of::<R>()?;
        self.request_at(req, version, timeout).await
    }

    /// Send one request at `version` (from [`Self::version_of`]) and wait for its response.
    pub async fn request_at<R: Request>(
        &self,
        req: &R,
        version: i16,
        timeout: Duration,
    ) -> std::result::Result<R::Response, SendError> {
        let api = api_name(R::KEY);
        if !self.is_alive() {
            return Err(SendError::Unreachable(self.closed_message(&api)));
        }
        // Positive ids only; wrapping after 2^31 requests is harmless.
        let id = self.next_id.fetch_add(1, Ordering::Relaxed) & i32::MAX;
        let frame =
            encode_request(req, version, id, &self.client_id).map_err(SendError::Protocol)?;
        let (tx, rx) = oneshot::channel();
        if let Ok(mut p) = self.pending.lock() {
            p.insert(id, Waiter { tx, api: R::KEY });
        }
        let written = AtomicBool::new(false);
        let exchange = async {
            {
                let mut w = self.writer.lock().await;
                w.write_all(&frame).await?;
                w.flush().await?;
            }
            written.store(true, Ordering::Release);
            Ok::<_, std::io::Error>(rx.await)
        };
        let outcome = tokio::time::timeout(timeout, exchange).await;
        let forget = || {
            if let Ok(mut p) = self.pending.lock() {
                p.remove(&id);
            }
        };
        match outcome {
            Err(_) => {
                forget();
                // A half-written frame would corrupt every later request on this stream.
                if !written.load(Ordering::Acquire) {
                    self.alive.store(false, Ordering::Release);
                }
                Err(SendError::Timeout(format!(
                    "{} did not answer {api} within {timeout:?}; the broker may be overloaded or unreachable, raise --request-timeout or retry",
                    self.label
                )))
            }
            Ok(Err(e)) => {
                forget();
                self.alive.store(false, Ordering::Release);
                Err(SendError::Lost(format!(
                    "{}: cannot send {api}: {e}",
                    self.label
                )))
            }
            Ok(Ok(Err(_closed))) => Err(SendError::Lost(self.closed_message(&api))),
            Ok(Ok(Ok(frame))) => decode_response::<R>(frame, version)
                .map(|(_, body)| body)
                .map_err(|m| SendError::Protocol(format!("{}: {m}", self.label))),
        }
    }
}

/// Read answers and hand each to the request waiting for it. An answer larger than its request can
/// get, or a broken stream, ends the connection; every waiter then sees why.
async fn read_loop(
    mut rd: ReadHalf<BoxStream>,
    pending: Pending,
    alive: Arc<AtomicBool>,
    closed_reason: Arc<Mutex<Option<String>>>,
) {
    // `failed`: the waiter whose answer ended the connection, woken once the reason is recorded.
    let (reason, failed) = loop {
        if let Err((e, waiter)) = read_answer(&mut rd, &pending).await {
            break (e.to_string(), waiter);
        }
    };
    alive.store(false, Ordering::Release);
    if let Ok(mut r) = closed_reason.lock() {
        *r = Some(reason);
    }
    // Dropping the senders wakes every waiter with "closed".
    drop(failed);
    if let Ok(mut p) = pending.lock() {
        p.clear();
    }
}

/// Read one answer frame: its length, then its correlation id, then (within the limit of the
/// request waiting for it) the rest. An answer nobody waits for any more (its request timed out)
/// is skipped without being kept.
async fn read_answer<S: AsyncRead + Unpin>(
    rd: &mut S,
    pending: &Pending,
) -> std::result::Result<(), (std::io::Error, Option<Waiter>)> {
    let mut prefix = [0u8; 4];
    rd.read_exact(&mut prefix).await.map_err(|e| (e, None))?;
    let len = frame_length(prefix, MAX_FRAME).map_err(|m| (invalid(m), None))?;
    let mut frame = BytesMut::with_capacity(4);
    read_into(rd, 4, &mut frame).await.map_err(|e| (e, None))?;
    let id = peek_correlation_id(&frame).unwrap_or(-1);
    let waiter = pending.lock().ok().and_then(|mut p| p.remove(&id));
    let Some(w) = waiter else {
        let rest = u64::try_from(len - 4).unwrap_or(u64::MAX);
        let skipped = tokio::io::copy(&mut (&mut *rd).take(rest), &mut tokio::io::sink())
            .await
            .map_err(|e| (e, None))?;
        if skipped < rest {
            return Err((std::io::ErrorKind::UnexpectedEof.into(), None));
        }
        return Ok(());
    };
    let limit = response_limit(w.api);
    if len > limit {
        let e = invalid(format!(
            "the broker sent a {len}-byte answer to {}, more than such an answer can hold ({limit} bytes)",
            api_name(w.api)
        ));
        return Err((e, Some(w)));
    }
    match read_into(rd, len - 4, &mut frame).await {
        Ok(()) => {
            let _ = w.tx.send(frame.freeze());
            Ok(())
        }
        Err(e) => Err((e, Some(w))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kafka_protocol::messages::api_versions_response::ApiVersion;
    use kafka_protocol::messages::{ApiKey, MetadataRequest, MetadataResponse};

    #[test]
    fn request_frame_has_length_prefix_and_header() {
        let req = MetadataRequest::default();
        let frame = encode_request(&req, 12, 7, &StrBytes::from_static_str("cli")).unwrap();
        let len = i32::from_be_bytes(frame[..4].try_into().unwrap()) as usize;
        assert_eq!(len, frame.len() - 4);
        let mut body = frame.slice(4..);
        // Metadata v12 is flexible: request header v2.
        let header = RequestHeader::decode(&mut body, 2).unwrap();
        assert_eq!(header.request_api_key, ApiKey::Metadata as i16);
        assert_eq!(header.request_api_version, 12);
        assert_eq!(header.correlation_id, 7);
        assert_eq!(header.client_id.as_deref(), Some("cli"));
        let decoded = MetadataRequest::decode(&mut body, 12).unwrap();
        assert_eq!(decoded, req);
    }

    #[test]
    fn response_roundtrip_flexible_and_not() {
        for version in [1i16, 9, 12] {
            let mut resp = MetadataResponse::default();
            resp.controller_id = kafka_protocol::messages::BrokerId(3);
            let mut buf = BytesMut::new();
            let mut h = ResponseHeader::default();
            h.correlation_id = 42;
            h.encode(&mut buf, MetadataResponse::header_version(version))
                .unwrap();
            resp.encode(&mut buf, version).unwrap();
            let frame = buf.freeze();
            assert_eq!(peek_correlation_id(&frame), Some(42));
            let (id, got) = decode_response::<MetadataRequest>(frame, version).unwrap();
            assert_eq!(id, 42);
            assert_eq!(got.controller_id.0, 3);
        }
    }

    #[test]
    fn frame_length_rejects_garbage() {
        assert_eq!(frame_length(100i32.to_be_bytes(), MAX_FRAME), Ok(100));
        assert!(frame_length((-5i32).to_be_bytes(), MAX_FRAME).is_err());
        assert!(frame_length(2i32.to_be_bytes(), MAX_FRAME).is_err());
        let big = frame_length(101i32.to_be_bytes(), 100).unwrap_err();
        assert!(
            big.contains("101-byte") && big.contains("(100 bytes)"),
            "{big}"
        );
        // A TLS alert/handshake record read as a length.
        let tls = frame_length([0x15, 0x03, 0x03, 0x00], MAX_FRAME).unwrap_err();
        assert!(tls.contains("TLS"), "{tls}");
    }

    #[test]
    fn api_versions_falls_back_to_v0_body_on_unsupported_version() {
        let mut resp = ApiVersionsResponse::default();
        resp.error_code = codes::UNSUPPORTED_VERSION;
        let mut k = ApiVersion::default();
        k.api_key = ApiVersionsRequest::KEY;
        k.min_version = 0;
        k.max_version = 3;
        resp.api_keys.push(k);
        let mut buf = BytesMut::new();
        let mut h = ResponseHeader::default();
        h.correlation_id = 1;
        h.encode(&mut buf, 0).unwrap();
        resp.encode(&mut buf, 0).unwrap();
        let got = decode_api_versions(buf.freeze(), 4).unwrap();
        assert_eq!(got.error_code, codes::UNSUPPORTED_VERSION);
        assert_eq!(got.api_keys[0].max_version, 3);
    }

    /// Runs `fut` on this thread, measuring the largest allocation it makes.
    fn measured<T>(fut: impl std::future::Future<Output = T>) -> (T, usize) {
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime");
        crate::testkit::alloc::largest_allocation(|| rt.block_on(fut))
    }

    #[test]
    fn a_huge_announced_length_allocates_only_what_arrives() {
        // 200 MiB announced, 10 bytes sent, then the peer hangs up.
        let data: Vec<u8> = [&(200i32 << 20).to_be_bytes()[..], b"0123456789"].concat();
        let (r, largest) = measured(async {
            let mut cur = std::io::Cursor::new(data);
            read_frame(&mut cur, MAX_FRAME).await
        });
        assert!(r.is_err(), "a truncated frame is an error");
        assert!(
            largest < 1 << 20,
            "{largest} bytes allocated for 10 received"
        );
    }

    #[tokio::test]
    async fn read_frame_reads_exactly_one_frame() {
        let data: Vec<u8> = [
            &5i32.to_be_bytes()[..],
            b"hello",
            &4i32.to_be_bytes()[..],
            b"next",
        ]
        .concat();
        let mut cur = std::io::Cursor::new(data);
        assert_eq!(&read_frame(&mut cur, 5).await.unwrap()[..], b"hello");
        let e = read_frame(&mut cur, 3).await.unwrap_err();
        assert_eq!(
            e.kind(),
            std::io::ErrorKind::InvalidData,
            "over its limit: {e}"
        );
        assert!(read_frame(&mut cur, MAX_FRAME).await.is_err());
    }

    mod random_bytes {
        use proptest::prelude::*;

        use super::*;

        proptest! {
            #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

            /// Whatever a peer sends (any length prefix, any body, cut anywhere), reading frames
            /// ends in frames no longer than what arrived, or an error; memory follows the bytes
            /// that arrived, not the lengths announced.
            #[test]
            fn frames_from_random_bytes(
                data in proptest::collection::vec(any::<u8>(), 0..512),
                announce in proptest::option::of(any::<i32>()),
                limit in prop_oneof![Just(MAX_FRAME), 1usize..1024],
            ) {
                let mut input = Vec::new();
                if let Some(n) = announce {
                    input.extend_from_slice(&n.to_be_bytes());
                }
                input.extend_from_slice(&data);
                let total = input.len();
                let (frames, largest) = measured(async move {
                    let mut cur = std::io::Cursor::new(input);
                    let mut frames = Vec::new();
                    while let Ok(f) = read_frame(&mut cur, limit).await {
                        frames.push(f.len());
                    }
                    frames
                });
                let read: usize = frames.iter().map(|n| n + 4).sum();
                prop_assert!(read <= total, "{read} bytes of frames out of {total}");
                prop_assert!(frames.iter().all(|n| *n <= limit));
                prop_assert!(largest <= 4 * total + 4 * FIRST_READ, "{largest} bytes allocated for {total}");
            }
        }
    }
}
