//! Container probes as a kubelet runs them: tcpSocket, httpGet and exec actions, with
//! initialDelaySeconds, periodSeconds, timeoutSeconds and the success/failure thresholds.
//!
//! One deliberate speed-up: while a readiness or startup probe has not succeeded yet, the agent
//! also probes every `early` interval (0.5 s by default). Such extra probes count only when they
//! succeed, so a pod becomes Ready as soon as it can serve, but nothing fails sooner than the
//! probe's own period and thresholds say.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use k8s_openapi::api::core::v1::{Container, Probe};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpStream;

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Tcp {
        host: Option<String>,
        port: u16,
    },
    Http {
        https: bool,
        host: Option<String>,
        port: u16,
        path: String,
        headers: Vec<(String, String)>,
    },
    Exec(Vec<String>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ProbeSpec {
    pub action: Action,
    pub initial_delay: Duration,
    pub period: Duration,
    pub timeout: Duration,
    pub success_threshold: u32,
    pub failure_threshold: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Startup,
    Readiness,
    Liveness,
}

fn secs(v: Option<i32>, default: u64, min: u64) -> Duration {
    Duration::from_secs(
        v.and_then(|n| u64::try_from(n).ok())
            .unwrap_or(default)
            .max(min),
    )
}

fn port_of(p: &IntOrString, c: &Container) -> Result<u16, String> {
    match p {
        IntOrString::Int(n) => u16::try_from(*n).map_err(|_| format!("port {n} out of range")),
        IntOrString::String(name) => c
            .ports
            .as_deref()
            .unwrap_or(&[])
            .iter()
            .find(|cp| cp.name.as_deref() == Some(name.as_str()))
            .and_then(|cp| u16::try_from(cp.container_port).ok())
            .ok_or_else(|| format!("no container port named {name:?}")),
    }
}

/// The probe as this agent runs it; Err for what it cannot run (grpc, unknown ports), which the
/// agent reports and counts as a failing probe.
pub fn spec_of(p: &Probe, c: &Container, kind: Kind) -> Result<ProbeSpec, String> {
    let action = if let Some(t) = &p.tcp_socket {
        Action::Tcp {
            host: t.host.clone().filter(|h| !h.is_empty()),
            port: port_of(&t.port, c)?,
        }
    } else if let Some(h) = &p.http_get {
        Action::Http {
            https: h
                .scheme
                .as_deref()
                .is_some_and(|s| s.eq_ignore_ascii_case("https")),
            host: h.host.clone().filter(|h| !h.is_empty()),
            port: port_of(&h.port, c)?,
            path: h
                .path
                .clone()
                .filter(|p| !p.is_empty())
                .unwrap_or_else(|| "/".into()),
            headers: h
                .http_headers
                .as_deref()
                .unwrap_or(&[])
                .iter()
                .map(|hh| (hh.name.clone(), hh.value.clone()))
                .collect(),
        }
    } else if let Some(e) = &p.exec {
        let cmd = e.command.clone().unwrap_or_default();
        if cmd.is_empty() {
            return Err("exec probe without a command".into());
        }
        Action::Exec(cmd)
    } else if p.grpc.is_some() {
        return Err("grpc probes are not supported by the testbed node agent".into());
    } else {
        return Err("probe without an action".into());
    };
    Ok(ProbeSpec {
        action,
        initial_delay: secs(p.initial_delay_seconds, 0, 0),
        period: secs(p.period_seconds, 10, 1),
        timeout: secs(p.timeout_seconds, 1, 1),
        // liveness and startup probes must use 1; the API server enforces it
        success_threshold: match kind {
            Kind::Readiness => p
                .success_threshold
                .and_then(|n| u32::try_from(n).ok())
                .unwrap_or(1)
                .max(1),
            _ => 1,
        },
        failure_threshold: p
            .failure_threshold
            .and_then(|n| u32::try_from(n).ok())
            .unwrap_or(3)
            .max(1),
    })
}

/// One probe's schedule and result.
#[derive(Debug, Clone)]
pub struct ProbeState {
    pub spec: ProbeSpec,
    pub kind: Kind,
    /// The current result: Ready / alive / started.
    pub ok: bool,
    successes: u32,
    failures: u32,
    next_regular: Instant,
    next_early: Instant,
    early: Option<Duration>,
    pub in_flight: bool,
}

impl ProbeState {
    pub fn new(spec: ProbeSpec, kind: Kind, started: Instant, early: Option<Duration>) -> Self {
        let first = started + spec.initial_delay;
        ProbeState {
            ok: kind == Kind::Liveness,
            kind,
            successes: 0,
            failures: 0,
            next_regular: first,
            next_early: first,
            early: early.filter(|_| kind != Kind::Liveness),
            in_flight: false,
            spec,
        }
    }

    /// Whether to probe now: Some(early) when due.
    pub fn due(&self, now: Instant) -> Option<bool> {
        if self.in_flight {
            return None;
        }
        if now >= self.next_regular {
            return Some(false);
        }
        (self.early.is_some() && !self.ok && now >= self.next_early).then_some(true)
    }

    pub fn launched(&mut self, now: Instant, early: bool) {
        self.in_flight = true;
        if early {
            self.next_early = now + self.early.unwrap_or(self.spec.period);
        } else {
            self.next_regular = now + self.spec.period;
            self.next_early = now + self.early.unwrap_or(self.spec.period);
        }
    }

    /// Records a result; returns the new `ok` when it changed.
    pub fn record(&mut self, success: bool, early: bool) -> Option<bool> {
        self.in_flight = false;
        let before = self.ok;
        if success {
            self.failures = 0;
            self.successes = self.successes.saturating_add(1);
            if self.successes >= self.spec.success_threshold {
                self.ok = true;
            }
        } else if !early {
            self.successes = 0;
            self.failures = self.failures.saturating_add(1);
            if self.failures >= self.spec.failure_threshold {
                self.ok = false;
            }
        }
        (self.ok != before).then_some(self.ok)
    }

    /// Failed for good: a liveness or startup probe past its failure threshold.
    pub fn fatal(&self) -> bool {
        !self.ok && self.kind != Kind::Readiness && self.failures >= self.spec.failure_threshold
    }
}

/// What an exec probe needs to run inside the container.
#[derive(Debug, Clone)]
pub struct ExecTarget {
    pub pid: i32,
    pub env: Vec<(String, String)>,
    pub workdir: Option<String>,
}

/// Runs one probe; Ok(()) on success, Err(reason) otherwise.
pub async fn run(
    action: &Action,
    pod_ip: Ipv4Addr,
    exec: Option<ExecTarget>,
    timeout: Duration,
) -> Result<(), String> {
    match tokio::time::timeout(timeout, run_inner(action, pod_ip, exec)).await {
        Ok(r) => r,
        Err(_) => Err(format!("timed out after {timeout:?}")),
    }
}

async fn resolve(host: &Option<String>, pod_ip: Ipv4Addr, port: u16) -> Result<SocketAddr, String> {
    match host {
        None => Ok(SocketAddr::from((pod_ip, port))),
        Some(h) => match h.parse::<IpAddr>() {
            Ok(ip) => Ok(SocketAddr::new(ip, port)),
            Err(_) => tokio::net::lookup_host((h.as_str(), port))
                .await
                .map_err(|e| format!("cannot resolve {h}: {e}"))?
                .next()
                .ok_or_else(|| format!("{h} has no address")),
        },
    }
}

async fn run_inner(
    action: &Action,
    pod_ip: Ipv4Addr,
    exec: Option<ExecTarget>,
) -> Result<(), String> {
    match action {
        Action::Tcp { host, port } => {
            let addr = resolve(host, pod_ip, *port).await?;
            TcpStream::connect(addr)
                .await
                .map(|_| ())
                .map_err(|e| format!("dial tcp {addr}: {e}"))
        }
        Action::Http {
            https,
            host,
            port,
            path,
            headers,
        } => {
            let addr = resolve(host, pod_ip, *port).await?;
            let stream = TcpStream::connect(addr)
                .await
                .map_err(|e| format!("dial tcp {addr}: {e}"))?;
            let host_header = host.clone().unwrap_or_else(|| addr.to_string());
            let mut req = format!(
                "GET {path} HTTP/1.1\r\nHost: {host_header}\r\nUser-Agent: kube-probe/1.36\r\nAccept: */*\r\nConnection: close\r\n"
            );
            for (k, v) in headers {
                req.push_str(&format!("{k}: {v}\r\n"));
            }
            req.push_str("\r\n");
            let status = if *https {
                let tls = tls_connector();
                let name = rustls::pki_types::ServerName::try_from(
                    host_header
                        .split(':')
                        .next()
                        .unwrap_or("localhost")
                        .to_string(),
                )
                .unwrap_or_else(|_| rustls::pki_types::ServerName::IpAddress(addr.ip().into()));
                let s = tls
                    .connect(name, stream)
                    .await
                    .map_err(|e| format!("TLS handshake with {addr}: {e}"))?;
                http_status(s, &req).await?
            } else {
                http_status(stream, &req).await?
            };
            if (200..400).contains(&status) {
                Ok(())
            } else {
                Err(format!("HTTP probe failed with statuscode: {status}"))
            }
        }
        Action::Exec(cmd) => {
            let t = exec.ok_or("the container is not running")?;
            // The PID namespace too: the container's /proc belongs to it, and /proc/self only
            // resolves for processes inside.
            let mut c = tokio::process::Command::new("nsenter");
            c.arg("-t")
                .arg(t.pid.to_string())
                .args(["-n", "-m", "-u", "-p"]);
            if let Some(w) = &t.workdir {
                c.arg(format!("--wd={w}"));
            }
            c.arg("--").args(cmd);
            c.env_clear()
                .envs(t.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
                .stdin(std::process::Stdio::null())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .kill_on_drop(true);
            let out = c
                .output()
                .await
                .map_err(|e| format!("cannot run nsenter: {e}"))?;
            if out.status.success() {
                Ok(())
            } else {
                let err = String::from_utf8_lossy(&out.stderr);
                Err(format!(
                    "command {cmd:?} exited with {}: {}",
                    out.status
                        .code()
                        .map(|c| c.to_string())
                        .unwrap_or_else(|| "a signal".into()),
                    err.trim()
                ))
            }
        }
    }
}

async fn http_status<S: AsyncRead + AsyncWrite + Unpin>(
    mut s: S,
    req: &str,
) -> Result<u16, String> {
    s.write_all(req.as_bytes())
        .await
        .map_err(|e| format!("sending the request: {e}"))?;
    let mut buf = Vec::with_capacity(256);
    let mut chunk = [0u8; 256];
    while !buf.windows(2).any(|w| w == b"\r\n") && buf.len() < 4096 {
        let n = s
            .read(&mut chunk)
            .await
            .map_err(|e| format!("reading the response: {e}"))?;
        if n == 0 {
            break;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let line = String::from_utf8_lossy(&buf);
    line.split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .ok_or_else(|| {
            format!(
                "not an HTTP response: {:?}",
                line.lines().next().unwrap_or("")
            )
        })
}

/// HTTPS probes do not verify the certificate, as a kubelet does not.
fn tls_connector() -> tokio_rustls::TlsConnector {
    #[derive(Debug)]
    struct AnyCert(Arc<rustls::crypto::CryptoProvider>);
    impl rustls::client::danger::ServerCertVerifier for AnyCert {
        fn verify_server_cert(
            &self,
            _: &rustls::pki_types::CertificateDer<'_>,
            _: &[rustls::pki_types::CertificateDer<'_>],
            _: &rustls::pki_types::ServerName<'_>,
            _: &[u8],
            _: rustls::pki_types::UnixTime,
        ) -> Result<rustls::client::danger::ServerCertVerified, rustls::Error> {
            Ok(rustls::client::danger::ServerCertVerified::assertion())
        }
        fn verify_tls12_signature(
            &self,
            m: &[u8],
            c: &rustls::pki_types::CertificateDer<'_>,
            d: &rustls::DigitallySignedStruct,
        ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
            rustls::crypto::verify_tls12_signature(
                m,
                c,
                d,
                &self.0.signature_verification_algorithms,
            )
        }
        fn verify_tls13_signature(
            &self,
            m: &[u8],
            c: &rustls::pki_types::CertificateDer<'_>,
            d: &rustls::DigitallySignedStruct,
        ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
            rustls::crypto::verify_tls13_signature(
                m,
                c,
                d,
                &self.0.signature_verification_algorithms,
            )
        }
        fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
            self.0.signature_verification_algorithms.supported_schemes()
        }
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map(|b| {
            b.dangerous()
                .with_custom_certificate_verifier(Arc::new(AnyCert(provider)))
                .with_no_client_auth()
        });
    match config {
        Ok(c) => tokio_rustls::TlsConnector::from(Arc::new(c)),
        // The ring provider always supports the default versions; keep a usable connector anyway.
        Err(_) => tokio_rustls::TlsConnector::from(Arc::new(
            rustls::ClientConfig::builder()
                .with_root_certificates(rustls::RootCertStore::empty())
                .with_no_client_auth(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::api::core::v1::{ContainerPort, ExecAction, TCPSocketAction};

    fn container() -> Container {
        Container {
            ports: Some(vec![ContainerPort {
                name: Some("kafka".into()),
                container_port: 9092,
                ..Default::default()
            }]),
            ..Default::default()
        }
    }

    #[test]
    fn defaults_and_named_ports() {
        let p = Probe {
            tcp_socket: Some(TCPSocketAction {
                port: IntOrString::String("kafka".into()),
                host: None,
            }),
            ..Default::default()
        };
        let s = spec_of(&p, &container(), Kind::Readiness).unwrap();
        assert_eq!(
            s.action,
            Action::Tcp {
                host: None,
                port: 9092
            }
        );
        assert_eq!(
            (
                s.period,
                s.timeout,
                s.failure_threshold,
                s.success_threshold
            ),
            (Duration::from_secs(10), Duration::from_secs(1), 3, 1)
        );
        let bad = Probe {
            tcp_socket: Some(TCPSocketAction {
                port: IntOrString::String("nope".into()),
                host: None,
            }),
            ..Default::default()
        };
        assert!(spec_of(&bad, &container(), Kind::Readiness).is_err());
        let exec = Probe {
            exec: Some(ExecAction {
                command: Some(vec!["true".into()]),
            }),
            period_seconds: Some(0),
            success_threshold: Some(5),
            ..Default::default()
        };
        let s = spec_of(&exec, &container(), Kind::Liveness).unwrap();
        assert_eq!(
            s.period,
            Duration::from_secs(1),
            "period has a floor of 1 s"
        );
        assert_eq!(
            s.success_threshold, 1,
            "liveness success threshold is always 1"
        );
    }

    fn spec(delay: u64, period: u64, success: u32, failure: u32) -> ProbeSpec {
        ProbeSpec {
            action: Action::Exec(vec!["true".into()]),
            initial_delay: Duration::from_secs(delay),
            period: Duration::from_secs(period),
            timeout: Duration::from_secs(1),
            success_threshold: success,
            failure_threshold: failure,
        }
    }

    #[test]
    fn readiness_waits_for_delay_and_thresholds() {
        let t0 = Instant::now();
        let mut p = ProbeState::new(spec(10, 5, 2, 3), Kind::Readiness, t0, None);
        assert!(!p.ok);
        assert_eq!(p.due(t0 + Duration::from_secs(9)), None, "initial delay");
        assert_eq!(p.due(t0 + Duration::from_secs(10)), Some(false));
        p.launched(t0 + Duration::from_secs(10), false);
        assert_eq!(
            p.due(t0 + Duration::from_secs(11)),
            None,
            "one probe at a time"
        );
        assert_eq!(p.record(true, false), None, "success threshold 2");
        assert_eq!(p.due(t0 + Duration::from_secs(14)), None, "period");
        p.launched(t0 + Duration::from_secs(15), false);
        assert_eq!(p.record(true, false), Some(true));
        for i in 0..3 {
            p.launched(t0 + Duration::from_secs(20 + 5 * i), false);
            let changed = p.record(false, false);
            assert_eq!(changed, (i == 2).then_some(false), "failure {i}");
        }
        assert!(!p.fatal(), "readiness failures are never fatal");
    }

    #[test]
    fn early_probes_only_count_successes() {
        let t0 = Instant::now();
        let early = Some(Duration::from_millis(500));
        let mut p = ProbeState::new(spec(0, 10, 1, 1), Kind::Startup, t0, early);
        p.launched(t0, false);
        assert_eq!(p.record(false, false), None, "already not started");
        assert!(
            p.fatal(),
            "startup failure threshold 1 reached by a regular probe"
        );
        let mut p = ProbeState::new(spec(0, 10, 1, 1), Kind::Startup, t0, early);
        assert_eq!(p.due(t0), Some(false));
        p.launched(t0, false);
        p.in_flight = false;
        let t = t0 + Duration::from_millis(600);
        assert_eq!(
            p.due(t),
            Some(true),
            "early probe before the period is over"
        );
        p.launched(t, true);
        assert_eq!(p.record(false, true), None);
        assert!(!p.fatal(), "an early failure is not counted");
        p.launched(t + Duration::from_millis(500), true);
        assert_eq!(p.record(true, true), Some(true), "an early success counts");
        assert_eq!(
            p.due(t + Duration::from_secs(1)),
            None,
            "no early probes once ok"
        );
    }

    #[test]
    fn liveness_starts_alive_and_fails_after_threshold() {
        let t0 = Instant::now();
        let mut p = ProbeState::new(
            spec(0, 1, 1, 2),
            Kind::Liveness,
            t0,
            Some(Duration::from_millis(100)),
        );
        assert!(p.ok);
        p.launched(t0, false);
        assert_eq!(
            p.due(t0 + Duration::from_millis(500)),
            None,
            "no early liveness probes"
        );
        assert_eq!(p.record(false, false), None);
        p.launched(t0 + Duration::from_secs(1), false);
        assert_eq!(p.record(false, false), Some(false));
        assert!(p.fatal());
    }
}
