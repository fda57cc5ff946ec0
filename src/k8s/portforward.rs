//! A Kafka [`Dialer`] that tunnels broker connections through the API server's pod port-forward
//! (the `pods/portforward` subresource), for clusters whose pod network is not reachable from
//! where `kubectl` runs.
//!
//! Addresses dialled are `<pod-name>:<port>`: the connection layer's address map rewrites each
//! broker's advertised address to its pod that way (see [`pod_address`]).
//!
//! - **One tunnel per pod.** A tunnel (one websocket to the API server) carries a stream per port
//!   it was opened with. The first dial to a pod opens the tunnel with that port and the ports set
//!   by [`PortForwardDialer::carry`] (auto mode probes every listener of the bootstrap pod through
//!   one tunnel); later dials to the same pod take the unused streams of that tunnel. Only a port
//!   whose stream is already taken (its connection ended, the pod was replaced) opens a new
//!   tunnel, which retires the old one. The Kafka layer keeps one connection per address for the
//!   run (`kafka::options::SharedConnections`), so a broker is dialled once.
//! - **Errors of the error channel** (a closed port, a pod without an address) reach the
//!   connection as an I/O error with the kubelet's text, and a warning, instead of an end of
//!   stream.
//! - **Closed on exit.** [`close_all`] closes every tunnel of the process; the command runner calls
//!   it when a command ends, on success and on error. Once a tunnel is open, Ctrl-C gives the
//!   command [`INTERRUPT_GRACE`] to stop by itself (the verbs that clean up on Ctrl-C do), then
//!   closes the tunnels and ends the process with 130 (a second Ctrl-C does so after
//!   [`SECOND_INTERRUPT_GRACE`], long enough for a verb's own second-Ctrl-C report).

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::task::{Context, Poll};
use std::time::Duration;

use k8s_openapi::api::core::v1::Pod;
use kube::Api;
use kube::api::Portforwarder;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

use crate::kafka::{BoxStream, DialFuture, Dialer};

pub use crate::kafka::route::pod_address;

/// How long Ctrl-C leaves a command with open tunnels to stop by itself before they are closed
/// and the process ends: long enough for a data-moving verb's clean-up (throttles, Lease) over
/// the tunnels, short enough for a read-only command stuck on a silent broker.
pub const INTERRUPT_GRACE: Duration = Duration::from_secs(15);
/// After a second Ctrl-C: time for the verb to say what it leaves behind before the process ends.
pub const SECOND_INTERRUPT_GRACE: Duration = Duration::from_secs(1);

/// Split `<pod>:<port>`; None when it is not of that shape.
pub fn parse_pod_address(addr: &str) -> Option<(&str, u16)> {
    let (pod, port) = addr.rsplit_once(':')?;
    let port = port.parse().ok()?;
    (!pod.is_empty()).then_some((pod, port))
}

/// The ports a new tunnel carries: the one dialled first (its stream is taken at once), then the
/// ports to carry, each once.
pub fn tunnel_ports(port: u16, carry: &[u16]) -> Vec<u16> {
    let mut out = vec![port];
    for p in carry {
        if !out.contains(p) {
            out.push(*p);
        }
    }
    out
}

/// The text of an error-channel message as the connection reports it.
pub fn channel_error_text(namespace: &str, pod: &str, port: u16, message: &str) -> String {
    format!(
        "port-forward to pod {namespace}/{pod} port {port} failed: {}",
        message.trim()
    )
}

type ErrorFuture = Pin<Box<dyn Future<Output = Option<String>> + Send>>;

/// One port's stream of a tunnel, watching that port's error channel: an error message ends the
/// stream with an I/O error carrying the kubelet's text (and a warning), even when the tunnel
/// itself stays open for other ports.
pub struct TunnelStream<S> {
    inner: S,
    /// Resolves with the error channel's message, or None when the tunnel ended without one.
    error: Option<ErrorFuture>,
    failed: Option<String>,
    namespace: String,
    pod: String,
    port: u16,
    /// Held while the stream lives: the tunnel knows whether a connection still uses it.
    _in_use: Arc<()>,
}

impl<S> TunnelStream<S> {
    pub fn new(
        inner: S,
        error: Option<ErrorFuture>,
        namespace: &str,
        pod: &str,
        port: u16,
        in_use: Arc<()>,
    ) -> Self {
        TunnelStream {
            inner,
            error,
            failed: None,
            namespace: namespace.to_string(),
            pod: pod.to_string(),
            port,
            _in_use: in_use,
        }
    }

    /// Look at the error channel (registering the waker while it is silent).
    fn poll_error(&mut self, cx: &mut Context<'_>) {
        let Some(f) = self.error.as_mut() else {
            return;
        };
        match f.as_mut().poll(cx) {
            Poll::Ready(Some(msg)) => {
                let text = channel_error_text(&self.namespace, &self.pod, self.port, &msg);
                tracing::warn!("{text}");
                self.failed = Some(text);
                self.error = None;
            }
            Poll::Ready(None) => self.error = None,
            Poll::Pending => {}
        }
    }

    fn failure(&self) -> Option<std::io::Error> {
        self.failed
            .as_ref()
            .map(|t| std::io::Error::new(std::io::ErrorKind::ConnectionRefused, t.clone()))
    }
}

impl<S> Drop for TunnelStream<S> {
    fn drop(&mut self) {
        // Dropping the error receiver of a live tunnel would fail the whole tunnel when a message
        // comes later: keep listening until the tunnel ends.
        if let Some(f) = self.error.take()
            && let Ok(rt) = tokio::runtime::Handle::try_current()
        {
            rt.spawn(async move {
                let _ = f.await;
            });
        }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for TunnelStream<S> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let this = self.get_mut();
        this.poll_error(cx);
        if let Some(e) = this.failure() {
            return Poll::Ready(Err(e));
        }
        let before = buf.filled().len();
        match Pin::new(&mut this.inner).poll_read(cx, buf) {
            Poll::Ready(Ok(())) if buf.filled().len() == before => {
                // The end of the stream: an error message, if any, came before it.
                this.poll_error(cx);
                match this.failure() {
                    Some(e) => Poll::Ready(Err(e)),
                    None => Poll::Ready(Ok(())),
                }
            }
            Poll::Ready(Err(e)) => {
                this.poll_error(cx);
                Poll::Ready(Err(this.failure().unwrap_or(e)))
            }
            other => other,
        }
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for TunnelStream<S> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let this = self.get_mut();
        this.poll_error(cx);
        if let Some(e) = this.failure() {
            return Poll::Ready(Err(e));
        }
        Pin::new(&mut this.inner).poll_write(cx, data)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

/// One websocket to the API server for one pod.
struct Tunnel {
    forwarder: Portforwarder,
    ports: Vec<u16>,
    /// One clone per stream handed out and still alive.
    in_use: Arc<()>,
}

impl Tunnel {
    fn streams_in_use(&self) -> usize {
        Arc::strong_count(&self.in_use).saturating_sub(1)
    }

    /// Drop the streams nobody took (each closes its port of the tunnel).
    fn drop_unused(&mut self) {
        for p in &self.ports {
            drop(self.forwarder.take_stream(*p));
        }
    }

    /// Close: wait up to `grace` for the connections using it to end, then close the websocket
    /// cleanly (every port closed) or, if a connection still holds a stream, abort it.
    async fn close(mut self, grace: Duration) -> bool {
        self.drop_unused();
        let until = tokio::time::Instant::now() + grace;
        while self.streams_in_use() > 0 && tokio::time::Instant::now() < until {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        if self.streams_in_use() > 0 {
            self.forwarder.abort();
            return false;
        }
        let left = until.saturating_duration_since(tokio::time::Instant::now());
        let wait = left.max(Duration::from_millis(200));
        matches!(
            tokio::time::timeout(wait, self.forwarder.join()).await,
            Ok(Ok(()))
        )
    }
}

/// The tunnels of one dialer: the current one per pod, and those retired while still in use.
#[derive(Default)]
struct Tunnels {
    current: BTreeMap<String, Tunnel>,
    retired: Vec<Tunnel>,
}

struct Shared {
    namespace: String,
    carry: Mutex<Vec<u16>>,
    tunnels: tokio::sync::Mutex<Tunnels>,
    opened: AtomicUsize,
}

/// Every dialer of the process, for [`close_all`].
static DIALERS: Mutex<Vec<Weak<Shared>>> = Mutex::new(Vec::new());
static WATCHING: AtomicBool = AtomicBool::new(false);

/// Opens broker connections through one tunnel per pod, reused for the whole run.
#[derive(Clone)]
pub struct PortForwardDialer {
    api: Api<Pod>,
    shared: Arc<Shared>,
}

impl std::fmt::Debug for PortForwardDialer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PortForwardDialer")
            .field("namespace", &self.shared.namespace)
            .field("opened", &self.tunnels_opened())
            .finish()
    }
}

impl PortForwardDialer {
    pub fn new(client: kube::Client, namespace: &str) -> Self {
        let shared = Arc::new(Shared {
            namespace: namespace.to_string(),
            carry: Mutex::new(Vec::new()),
            tunnels: tokio::sync::Mutex::new(Tunnels::default()),
            opened: AtomicUsize::new(0),
        });
        let mut all = DIALERS.lock().unwrap_or_else(|p| p.into_inner());
        all.retain(|w| w.strong_count() > 0);
        all.push(Arc::downgrade(&shared));
        PortForwardDialer {
            api: Api::namespaced(client, namespace),
            shared,
        }
    }

    /// The ports a new tunnel carries besides the one dialled (auto mode probes several listeners
    /// of one pod through one tunnel). Empty: only the port dialled.
    pub fn carry(&self, ports: &[u16]) {
        *self.shared.carry.lock().unwrap_or_else(|p| p.into_inner()) = ports.to_vec();
    }

    /// Tunnels opened so far.
    pub fn tunnels_opened(&self) -> usize {
        self.shared.opened.load(Ordering::Relaxed)
    }

    /// Close this dialer's tunnels (see [`close_all`]); returns how many were open.
    pub async fn close(&self, grace: Duration) -> usize {
        close_shared(&self.shared, grace).await
    }

    async fn open(&self, pod: &str, ports: &[u16]) -> std::io::Result<Portforwarder> {
        let ns = &self.shared.namespace;
        self.api.portforward(pod, ports).await.map_err(|e| {
            let port = ports.first().copied().unwrap_or_default();
            let why = match &e {
                kube::Error::Api(s) if s.code == 403 => format!(
                    "forbidden: grant 'get' and 'create' on 'pods/portforward' in namespace {ns} (`kubectl kafka rbac` prints the role, {})",
                    super::RBAC_MANIFEST
                ),
                kube::Error::Api(s) => format!("{} (HTTP {})", s.message, s.code),
                other => other.to_string(),
            };
            std::io::Error::other(format!(
                "port-forward to pod {ns}/{pod} port {port} failed: {why}"
            ))
        })
    }
}

/// Is a port's error future already resolved (its tunnel ended, or the port failed)?
fn resolved(f: &mut ErrorFuture) -> Option<Option<String>> {
    let waker = futures::task::noop_waker();
    let mut cx = Context::from_waker(&waker);
    match f.as_mut().poll(&mut cx) {
        Poll::Ready(v) => Some(v),
        Poll::Pending => None,
    }
}

impl Dialer for PortForwardDialer {
    fn dial<'a>(&'a self, addr: &'a str) -> DialFuture<'a> {
        Box::pin(async move {
            let Some((pod, port)) = parse_pod_address(addr) else {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    format!("'{addr}' is not <pod>:<port>; no pod to port-forward to"),
                ));
            };
            let ns = self.shared.namespace.clone();
            let mut tunnels = self.shared.tunnels.lock().await;
            // An unused stream of the pod's tunnel, if that tunnel still runs.
            if let Some(t) = tunnels.current.get_mut(pod)
                && let Some(stream) = t.forwarder.take_stream(port)
            {
                let mut error: Option<ErrorFuture> = t
                    .forwarder
                    .take_error(port)
                    .map(|f| Box::pin(f) as ErrorFuture);
                let ended = error.as_mut().and_then(resolved);
                match ended {
                    None => {
                        tracing::debug!("port-forward: {addr} through the open tunnel to {pod}");
                        let s = TunnelStream::new(stream, error, &ns, pod, port, t.in_use.clone());
                        return Ok(Box::new(s) as BoxStream);
                    }
                    Some(Some(msg)) => {
                        // That port failed when the tunnel opened: say so, as the kubelet did.
                        let text = channel_error_text(&ns, pod, port, &msg);
                        tracing::warn!("{text}");
                        return Err(std::io::Error::new(
                            std::io::ErrorKind::ConnectionRefused,
                            text,
                        ));
                    }
                    // The tunnel ended: open a new one below.
                    Some(None) => {}
                }
            }
            let carry = self
                .shared
                .carry
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .clone();
            let ports = tunnel_ports(port, &carry);
            let mut forwarder = self.open(pod, &ports).await?;
            let n = self.shared.opened.fetch_add(1, Ordering::Relaxed) + 1;
            tracing::info!(
                "port-forward: tunnel {n} to pod {ns}/{pod} (port{} {})",
                if ports.len() > 1 { "s" } else { "" },
                ports
                    .iter()
                    .map(u16::to_string)
                    .collect::<Vec<_>>()
                    .join(",")
            );
            watch_interrupt();
            let stream = forwarder.take_stream(port).ok_or_else(|| {
                std::io::Error::other(format!("port-forward to {pod}:{port} opened no stream"))
            })?;
            let error = forwarder
                .take_error(port)
                .map(|f| Box::pin(f) as ErrorFuture);
            let tunnel = Tunnel {
                forwarder,
                ports,
                in_use: Arc::new(()),
            };
            let s = TunnelStream::new(stream, error, &ns, pod, port, tunnel.in_use.clone());
            if let Some(mut old) = tunnels.current.insert(pod.to_string(), tunnel) {
                // Still used by a connection, perhaps: it closes with its last stream.
                old.drop_unused();
                tunnels.retired.push(old);
            }
            Ok(Box::new(s) as BoxStream)
        })
    }
}

async fn close_shared(shared: &Shared, grace: Duration) -> usize {
    let all: Vec<Tunnel> = {
        let mut t = shared.tunnels.lock().await;
        let current = std::mem::take(&mut t.current);
        current
            .into_values()
            .chain(std::mem::take(&mut t.retired))
            .collect()
    };
    let n = all.len();
    let closes = all.into_iter().map(|t| t.close(grace));
    let clean = futures::future::join_all(closes)
        .await
        .into_iter()
        .filter(|c| *c)
        .count();
    if n > 0 {
        tracing::info!(
            "port-forward: closed {n} tunnel{} to {} ({clean} cleanly)",
            if n == 1 { "" } else { "s" },
            shared.namespace
        );
    }
    n
}

/// Close every tunnel of the process: each waits up to `grace` for the connections using it to
/// end, then closes (or is aborted). Returns how many were open.
pub async fn close_all(grace: Duration) -> usize {
    let dialers: Vec<Arc<Shared>> = DIALERS
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .iter()
        .filter_map(Weak::upgrade)
        .collect();
    let mut n = 0;
    for d in dialers {
        n += close_shared(&d, grace).await;
    }
    n
}

/// Once a tunnel is open, Ctrl-C must not leave it behind: give the command
/// [`INTERRUPT_GRACE`] to stop by itself (its own Ctrl-C handling, then the runner's
/// [`close_all`]), else close the tunnels here and end the process with 130.
fn watch_interrupt() {
    if WATCHING.swap(true, Ordering::AcqRel) {
        return;
    }
    let Ok(rt) = tokio::runtime::Handle::try_current() else {
        return;
    };
    rt.spawn(async {
        if tokio::signal::ctrl_c().await.is_err() {
            return;
        }
        tokio::select! {
            _ = tokio::time::sleep(INTERRUPT_GRACE) => {}
            _ = tokio::signal::ctrl_c() => tokio::time::sleep(SECOND_INTERRUPT_GRACE).await,
        }
        let n = close_all(Duration::from_millis(200)).await;
        eprintln!("interrupted: closed {n} port-forward tunnel(s)");
        std::process::exit(130);
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    #[test]
    fn pod_addresses() {
        assert_eq!(pod_address("kafka-0", 9092), "kafka-0:9092");
        assert_eq!(parse_pod_address("kafka-0:9092"), Some(("kafka-0", 9092)));
        assert_eq!(parse_pod_address("kafka-0"), None);
        assert_eq!(parse_pod_address(":9092"), None);
        assert_eq!(parse_pod_address("kafka-0:x"), None);
    }

    #[test]
    fn a_tunnel_carries_the_dialled_port_first_and_each_port_once() {
        assert_eq!(tunnel_ports(9094, &[]), [9094]);
        assert_eq!(
            tunnel_ports(9094, &[9092, 9094, 9095, 9092]),
            [9094, 9092, 9095]
        );
    }

    fn pair() -> (
        TunnelStream<tokio::io::DuplexStream>,
        tokio::io::DuplexStream,
        futures::channel::oneshot::Sender<String>,
        Arc<()>,
    ) {
        let (a, b) = tokio::io::duplex(1024);
        let (tx, rx) = futures::channel::oneshot::channel::<String>();
        let fut: ErrorFuture = Box::pin(async move { rx.await.ok() });
        let in_use = Arc::new(());
        let s = TunnelStream::new(a, Some(fut), "ns", "kafka-0", 9099, in_use.clone());
        (s, b, tx, in_use)
    }

    #[tokio::test]
    async fn an_error_message_before_the_end_is_the_error_not_eof() {
        let (mut s, far, tx, _) = pair();
        tx.send("error forwarding port 9099 to pod x: connection refused\n".into())
            .expect("receiver alive");
        drop(far);
        let mut buf = Vec::new();
        let e = s.read_to_end(&mut buf).await.expect_err("not a clean EOF");
        assert_eq!(e.kind(), std::io::ErrorKind::ConnectionRefused);
        assert_eq!(
            e.to_string(),
            "port-forward to pod ns/kafka-0 port 9099 failed: error forwarding port 9099 to pod x: connection refused"
        );
        // Writes fail the same way afterwards.
        let e = s.write_all(b"x").await.expect_err("write after the error");
        assert!(e.to_string().contains("connection refused"), "{e}");
    }

    #[tokio::test]
    async fn an_error_message_wakes_a_reader_while_the_tunnel_stays_open() {
        let (mut s, _far, tx, _) = pair();
        let reader = tokio::spawn(async move {
            let mut buf = [0u8; 8];
            s.read(&mut buf).await
        });
        tokio::time::sleep(Duration::from_millis(50)).await;
        tx.send("dial tcp 127.0.0.1:9099: connect: connection refused".into())
            .expect("receiver alive");
        let r = tokio::time::timeout(Duration::from_secs(5), reader)
            .await
            .expect("the reader woke up")
            .expect("task");
        assert!(
            r.expect_err("an error")
                .to_string()
                .contains("port 9099 failed: dial tcp"),
            "the kubelet's text"
        );
    }

    #[tokio::test]
    async fn data_and_a_silent_end_pass_through() {
        let (mut s, mut far, tx, in_use) = pair();
        assert_eq!(Arc::strong_count(&in_use), 2, "the stream counts as in use");
        far.write_all(b"hello").await.expect("write");
        s.write_all(b"ping").await.expect("write through");
        let mut got = [0u8; 4];
        far.read_exact(&mut got).await.expect("read");
        assert_eq!(&got, b"ping");
        drop(far);
        drop(tx); // the tunnel ended without a message
        let mut buf = Vec::new();
        s.read_to_end(&mut buf).await.expect("clean EOF");
        assert_eq!(buf, b"hello");
        drop(s);
        assert_eq!(Arc::strong_count(&in_use), 1, "released with the stream");
    }
}
