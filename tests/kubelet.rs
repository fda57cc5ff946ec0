//! Integration tests of the testbed's kubelet streaming endpoint (tests/kubelet-server) through
//! the real kube-apiserver: `kubectl port-forward` (SPDY), kube-rs port-forward (websocket v4),
//! `kubectl logs [-f]`, `kubectl exec` (stdin, exit codes, a terminal), the kubelet's client
//! certificate check, and the RBAC rule for pods/portforward. Needs tests/testbed/up.sh; run
//! with --test-threads=1.

#[path = "common/api_versions.rs"]
mod api_versions;
mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

use k8s_openapi::api::core::v1::{Node, Pod};
use kube::api::{Api, Patch, PatchParams, PostParams};
use kube::{Client, Config};
use kubectl_kafka::k8s::portforward::PortForwardDialer;
use kubectl_kafka::kafka::TlsOptions;
use kubectl_kafka::kafka::conn::{ConnParams, Connection};
use kubectl_kafka::kafka::dialer::BoxStream;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use common::Testbed;

const NS: &str = "kafka";
const POD: &str = "kafka-0";
const CONTAINER: &str = "kafka";
/// A port nothing in the broker pod listens on.
const CLOSED_PORT: u16 = 9999;
const WAIT: Duration = Duration::from_secs(30);

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("tokio runtime")
}

async fn admin_config() -> Config {
    let text = std::fs::read_to_string(&Testbed::get().kubeconfig).expect("read the kubeconfig");
    let kc = kube::config::Kubeconfig::from_yaml(&text).expect("parse the kubeconfig");
    Config::from_custom_kubeconfig(kc, &Default::default())
        .await
        .expect("kube config")
}

async fn admin_client() -> Client {
    Client::try_from(admin_config().await).expect("kube client")
}

/// A child process killed (and reaped) when dropped, so a failing test leaves nothing behind.
struct Reaped(Child);

impl Drop for Reaped {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Lines a child writes to a pipe, read on a thread.
fn line_channel(r: impl Read + Send + 'static) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(r).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

/// Waits for a line matching `pred`; panics with what was seen after `timeout`.
fn wait_line(
    rx: &mpsc::Receiver<String>,
    timeout: Duration,
    what: &str,
    pred: impl Fn(&str) -> bool,
) -> String {
    let deadline = std::time::Instant::now() + timeout;
    let mut seen = Vec::new();
    loop {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        match rx.recv_timeout(left) {
            Ok(l) if pred(&l) => return l,
            Ok(l) => seen.push(l),
            Err(_) => panic!("no {what} within {timeout:?}; saw: {seen:#?}"),
        }
    }
}

/// `kubectl port-forward pod/kafka-0 :PORT` in the background; returns it and the local port.
fn kubectl_port_forward(remote: u16) -> (Reaped, u16, mpsc::Receiver<String>) {
    let tb = Testbed::get();
    let mut child = Command::new(&tb.kubectl)
        .env("KUBECONFIG", &tb.kubeconfig)
        .args([
            "port-forward",
            "-n",
            NS,
            &format!("pod/{POD}"),
            &format!(":{remote}"),
            "--address",
            "127.0.0.1",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run kubectl port-forward");
    let out = line_channel(child.stdout.take().expect("stdout"));
    let err = line_channel(child.stderr.take().expect("stderr"));
    let child = Reaped(child);
    let line = wait_line(&out, WAIT, "'Forwarding from' line", |l| {
        l.starts_with("Forwarding from 127.0.0.1:")
    });
    let port = line
        .trim_start_matches("Forwarding from 127.0.0.1:")
        .split_whitespace()
        .next()
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no local port in {line:?}"));
    // stdout (Handling connection for ...) and stderr (errors) into one channel.
    let (tx, rx) = mpsc::channel();
    for src in [out, err] {
        let tx = tx.clone();
        std::thread::spawn(move || {
            for l in src {
                if tx.send(l).is_err() {
                    break;
                }
            }
        });
    }
    (child, port, rx)
}

#[test]
fn kubectl_port_forward_carries_kafka_requests() {
    let tb = Testbed::get();
    let (_pf, port, events) = kubectl_port_forward(9092);
    let rt = runtime();
    let resp = rt.block_on(async {
        let mut s = tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .expect("connect to the forwarded port");
        tokio::time::timeout(WAIT, api_versions::round_trip(&mut s, 7))
            .await
            .expect("ApiVersions timed out")
    });
    let resp = resp.expect("ApiVersions through kubectl port-forward");
    assert!(
        resp.api_keys.len() > 10,
        "a broker lists its APIs: {resp:?}"
    );
    wait_line(&events, WAIT, "'Handling connection' line", |l| {
        l == format!("Handling connection for {port}")
    });

    // The Kafka CLI bootstraps through the tunnel (its metadata then names the pod addresses,
    // which the host reaches directly).
    let out = tb.kafka_tool(
        "kafka-broker-api-versions",
        &["--bootstrap-server", &format!("127.0.0.1:{port}")],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "kafka-broker-api-versions through the tunnel: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        text.matches("(id: ").count(),
        3,
        "three brokers in the metadata read through the tunnel:\n{text}"
    );
    wait_line(&events, WAIT, "second 'Handling connection' line", |l| {
        l == format!("Handling connection for {port}")
    });
}

#[test]
fn kubectl_port_forward_reports_a_closed_port() {
    let (_pf, port, events) = kubectl_port_forward(CLOSED_PORT);
    let rt = runtime();
    rt.block_on(async {
        let mut s = tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .expect("kubectl accepts locally");
        let mut buf = Vec::new();
        // kubectl closes the local connection once the error arrives.
        let _ = tokio::time::timeout(WAIT, s.read_to_end(&mut buf)).await;
        assert!(buf.is_empty(), "bytes from a closed port: {buf:?}");
    });
    let line = wait_line(&events, WAIT, "forwarding error", |l| {
        l.contains("error forwarding port")
    });
    assert!(
        line.contains(&format!(
            "error forwarding port {CLOSED_PORT} to pod {NS}/{POD}"
        )) && line.contains("connection refused"),
        "{line}"
    );
}

#[test]
fn kube_rs_websocket_port_forward_round_trip_and_closed_port() {
    let rt = runtime();
    rt.block_on(async {
        let pods: Api<Pod> = Api::namespaced(admin_client().await, NS);
        // One tunnel carries several requests.
        let mut pf = pods
            .portforward(POD, &[9092])
            .await
            .expect("websocket port-forward to 9092");
        let mut s = pf.take_stream(9092).expect("stream for 9092");
        for id in 1..=3 {
            tokio::time::timeout(WAIT, api_versions::round_trip(&mut s, id))
                .await
                .expect("ApiVersions timed out")
                .unwrap_or_else(|e| panic!("ApiVersions #{id} through kube-rs: {e}"));
        }
        drop(s);
        pf.abort();

        // A closed port: the stream ends, the error channel says why.
        let mut pf = pods
            .portforward(POD, &[CLOSED_PORT])
            .await
            .expect("the upgrade succeeds; the dial fails later");
        let err = pf.take_error(CLOSED_PORT).expect("error future");
        let mut s = pf.take_stream(CLOSED_PORT).expect("stream");
        let _ = s.write_all(b"hello").await;
        let text = tokio::time::timeout(WAIT, err)
            .await
            .expect("no error text in time");
        let text = text.expect("the error channel closed without a message");
        assert!(
            text.contains(&format!(
                "error forwarding port {CLOSED_PORT} to pod {NS}/{POD}"
            )) && text.contains("connection refused"),
            "{text}"
        );
        let mut buf = Vec::new();
        let _ = tokio::time::timeout(WAIT, s.read_to_end(&mut buf)).await;
        assert!(buf.is_empty(), "bytes from a closed port: {buf:?}");
    });
}

/// The plugin's own dialer (src/k8s/portforward.rs) opens a broker connection and negotiates
/// API versions through the tunnel.
#[test]
fn plugin_port_forward_dialer_opens_a_broker_connection() {
    let rt = runtime();
    rt.block_on(async {
        let dialer = PortForwardDialer::new(admin_client().await, NS);
        let params = ConnParams {
            dialer: Arc::new(dialer),
            tls: None,
            sasl: None,
            client_id: "kubelet-endpoint-test".into(),
            request_timeout: WAIT,
        };
        let conn = Connection::open(&params, "broker 0", &format!("{POD}:9092"), POD)
            .await
            .unwrap_or_else(|e| panic!("connection through the plugin's port-forward dialer: {e}"));
        assert!(conn.versions().supports(api_versions::API_VERSIONS_KEY));
        assert!(
            conn.versions().supports(3),
            "Metadata (key 3) supported: {:?}",
            conn.versions()
        );
    });
}

/// A closed port through the plugin's dialer: the connection fails with the kubelet's text from
/// the error channel, not with an end of stream; a second dial to the pod reuses its tunnel.
#[test]
fn plugin_port_forward_dialer_reports_a_closed_port_with_the_error_channel_text() {
    let rt = runtime();
    rt.block_on(async {
        let dialer = PortForwardDialer::new(admin_client().await, NS);
        dialer.carry(&[9092]);
        let params = ConnParams {
            dialer: Arc::new(dialer.clone()),
            tls: None,
            sasl: None,
            client_id: "kubelet-endpoint-test".into(),
            request_timeout: WAIT,
        };
        let e = Connection::open(&params, "broker 0", &format!("{POD}:{CLOSED_PORT}"), POD)
            .await
            .expect_err("nothing listens on the closed port");
        let text = e.to_string();
        assert!(
            text.contains(&format!(
                "port-forward to pod {NS}/{POD} port {CLOSED_PORT} failed: error forwarding port {CLOSED_PORT} to pod {NS}/{POD}"
            )) && text.contains("connection refused"),
            "{text}"
        );
        assert!(
            !text.to_lowercase().contains("eof") && !text.contains("closed the connection"),
            "reported as an end of stream: {text}"
        );
        // The tunnel carried 9092 too: the broker answers through it without a second tunnel.
        let conn = Connection::open(&params, "broker 0", &format!("{POD}:9092"), POD)
            .await
            .unwrap_or_else(|e| panic!("9092 through the same tunnel: {e}"));
        assert!(conn.versions().supports(api_versions::API_VERSIONS_KEY));
        assert_eq!(dialer.tunnels_opened(), 1, "one tunnel for both ports");
        drop(conn);
        assert_eq!(
            dialer.close(Duration::from_secs(2)).await,
            1,
            "the tunnel is closed explicitly"
        );
    });
}

fn pod_state() -> Value {
    let path = Testbed::get()
        .dir
        .join("agent")
        .join("pods")
        .join(NS)
        .join(format!("{POD}.json"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("no pod state file {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

fn kubectl(args: &[&str]) -> std::process::Output {
    Testbed::get().kubectl(args)
}

#[test]
fn kubectl_logs_reads_and_follows_the_container_log() {
    let tb = Testbed::get();
    let out = tb.kubectl_ok(&["logs", "-n", NS, POD]);
    assert!(
        out.contains("Kafka Server started"),
        "broker log without its start line:\n{out}"
    );
    let out = tb.kubectl_ok(&["logs", "-n", NS, POD, "-c", CONTAINER, "--tail=2"]);
    assert_eq!(out.lines().count(), 2, "--tail=2: {out:?}");
    let out = tb.kubectl_ok(&["logs", "-n", NS, POD, "--limit-bytes=10"]);
    assert_eq!(out.len(), 10, "--limit-bytes=10: {out:?}");
    let out = tb.kubectl_ok(&["logs", "-n", NS, POD, "--tail=1", "--timestamps"]);
    let stamp = out.split_whitespace().next().unwrap_or("");
    assert!(
        stamp.len() == 30 && stamp.ends_with('Z') && stamp.as_bytes()[10] == b'T',
        "--timestamps prefixes an RFC 3339 time: {out:?}"
    );

    let log = PathBuf::from(
        pod_state()["containers"][CONTAINER]["log"]
            .as_str()
            .expect("log path in the pod state"),
    );
    let mut child = Command::new(&tb.kubectl)
        .env("KUBECONFIG", &tb.kubeconfig)
        .args(["logs", "-f", "-n", NS, POD, "--tail=1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("run kubectl logs -f");
    let lines = line_channel(child.stdout.take().expect("stdout"));
    let _follow = Reaped(child);
    wait_line(&lines, WAIT, "the last existing line", |_| true);
    let marker = format!("kubelet-endpoint-test marker {}", std::process::id());
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&log)
        .expect("open the container log");
    writeln!(f, "{marker}").expect("append to the container log");
    drop(f);
    wait_line(
        &lines,
        WAIT,
        "the line appended after the follow started",
        |l| l == marker,
    );
}

#[test]
fn kubectl_exec_with_stdin_and_exit_codes() {
    let tb = Testbed::get();
    let mut child = Command::new(&tb.kubectl)
        .env("KUBECONFIG", &tb.kubeconfig)
        .args([
            "exec",
            "-i",
            "-n",
            NS,
            POD,
            "--",
            "sh",
            "-c",
            r#"cat; echo "ns=$POD_NAMESPACE host=$HOSTNAME""#,
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run kubectl exec");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"ping over stdin\n")
        .expect("write stdin");
    let out = child.wait_with_output().expect("kubectl exec output");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "ping over stdin\nns=kafka host=kafka-0\n",
        "stdin echoed, then the container env"
    );

    let out = kubectl(&[
        "exec",
        "-n",
        NS,
        POD,
        "--",
        "sh",
        "-c",
        "echo to-stderr >&2; exit 7",
    ]);
    assert_eq!(out.status.code(), Some(7), "exit code propagated: {out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("to-stderr") && err.contains("command terminated with exit code 7"),
        "{err}"
    );

    // The command runs in the namespaces of the container's main process.
    let pid = pod_state()["containers"][CONTAINER]["pid"]
        .as_u64()
        .expect("the container runs");
    let out = tb.kubectl_ok(&[
        "exec",
        "-n",
        NS,
        POD,
        "--",
        "readlink",
        "/proc/self/ns/net",
        "/proc/self/ns/mnt",
        "/proc/self/ns/uts",
    ]);
    let want: Vec<String> = ["net", "mnt", "uts"]
        .iter()
        .map(|ns| {
            std::fs::read_link(format!("/proc/{pid}/ns/{ns}"))
                .expect("read the container's namespace")
                .display()
                .to_string()
        })
        .collect();
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        want,
        "namespaces of exec vs the container's process"
    );

    let out = kubectl(&[
        "exec",
        "-n",
        NS,
        POD,
        "-c",
        "no-such-container",
        "--",
        "true",
    ]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no-such-container"), "{err}");
}

/// `kubectl exec -t` needs a terminal on its own side: `script` (util-linux) gives it one.
#[test]
fn kubectl_exec_with_a_terminal() {
    let tb = Testbed::get();
    let cmd = format!(
        "{} --kubeconfig {} exec -it -n {NS} {POD} -- sh -c 'test -t 0 && test -t 1 && echo \"tty=$(tty) TERM=$TERM\"; exit 3'",
        tb.kubectl.display(),
        tb.kubeconfig.display()
    );
    let mut child = Command::new("script")
        .args(["-q", "-e", "-c", &cmd, "/dev/null"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run script (util-linux) around kubectl exec -t");
    // Keep stdin open while the command runs: an EOF would end the session early.
    let stdin = child.stdin.take();
    let out = child.wait_with_output().expect("output");
    drop(stdin);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("tty=/dev/pts/") && text.contains("TERM=xterm"),
        "not a terminal inside: {text:?}"
    );
    assert_eq!(
        out.status.code(),
        Some(3),
        "exit code through the terminal session: {text:?}"
    );
}

/// Where the apiserver reaches node-a's kubelet: its InternalIP and daemonEndpoints port.
async fn kubelet_endpoint(client: Client) -> (String, u16) {
    let node = Api::<Node>::all(client)
        .get("node-a")
        .await
        .expect("node-a");
    let status = node.status.expect("node status");
    let ip = status
        .addresses
        .unwrap_or_default()
        .into_iter()
        .find(|a| a.type_ == "InternalIP")
        .expect("an InternalIP")
        .address;
    let port = status
        .daemon_endpoints
        .and_then(|d| d.kubelet_endpoint)
        .map(|e| e.port)
        .expect("daemonEndpoints.kubeletEndpoint");
    (ip, u16::try_from(port).expect("a port"))
}

/// GETs `path` from the kubelet over TLS with the given settings: Ok(status line) or the error.
async fn kubelet_get(addr: &(String, u16), tls: TlsOptions, path: &str) -> Result<String, String> {
    let config = tls.client_config().map_err(|e| e.to_string())?;
    let tcp = tokio::net::TcpStream::connect((addr.0.as_str(), addr.1))
        .await
        .map_err(|e| e.to_string())?;
    let mut s = kubectl_kafka::kafka::tls::connect(Box::new(tcp) as BoxStream, &addr.0, config)
        .await
        .map_err(|e| e.to_string())?;
    let req = format!(
        "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        addr.0
    );
    s.write_all(req.as_bytes())
        .await
        .map_err(|e| format!("write: {e}"))?;
    let mut buf = Vec::new();
    match tokio::time::timeout(WAIT, s.read_to_end(&mut buf)).await {
        Err(_) => return Err("no answer in time".into()),
        Ok(Err(e)) if buf.is_empty() => return Err(format!("read: {e}")),
        Ok(_) => {}
    }
    let text = String::from_utf8_lossy(&buf).into_owned();
    if text.is_empty() {
        return Err("connection closed without an answer".into());
    }
    Ok(text.lines().next().unwrap_or_default().to_string())
}

#[test]
fn kubelet_requires_its_client_certificate() {
    let tb = Testbed::get();
    let pki = tb.dir.join("pki");
    let rt = runtime();
    rt.block_on(async {
        let addr = kubelet_endpoint(admin_client().await).await;
        let path = format!("/containerLogs/{NS}/{POD}/{CONTAINER}?tailLines=1");
        let trust_kubelet_ca = TlsOptions {
            ca_file: Some(pki.join("kubelet-ca.crt")),
            ..Default::default()
        };

        // The apiserver's client certificate: served, and the serving certificate checks out for
        // the node's address against the kubelet CA.
        let with_cert = TlsOptions {
            client_cert: Some(pki.join("apiserver-kubelet-client.crt")),
            client_key: Some(pki.join("apiserver-kubelet-client.key")),
            ..trust_kubelet_ca.clone()
        };
        let status = kubelet_get(&addr, with_cert.clone(), &path)
            .await
            .expect("the apiserver's client certificate is accepted");
        assert_eq!(status, "HTTP/1.1 200 OK");
        let status = kubelet_get(&addr, with_cert, "/pods")
            .await
            .expect("answered");
        assert_eq!(
            status, "HTTP/1.1 404 Not Found",
            "paths a kubelet has but this one does not serve"
        );

        // No client certificate: refused during or right after the handshake, no HTTP answer.
        let refused = kubelet_get(&addr, trust_kubelet_ca.clone(), &path).await;
        assert!(
            refused.is_err(),
            "served without a client certificate: {refused:?}"
        );

        // A certificate from another CA (the apiserver's own serving pair): refused.
        let other_ca = TlsOptions {
            client_cert: Some(pki.join("apiserver.crt")),
            client_key: Some(pki.join("apiserver.key")),
            ..trust_kubelet_ca
        };
        let refused = kubelet_get(&addr, other_ca, &path).await;
        assert!(
            refused.is_err(),
            "served a client certificate of another CA: {refused:?}"
        );

        // The kubelet's certificate is not trusted by the cluster CA: the kubelet CA is its own.
        let wrong_trust = TlsOptions {
            ca_file: Some(pki.join("ca.crt")),
            client_cert: Some(pki.join("apiserver-kubelet-client.crt")),
            client_key: Some(pki.join("apiserver-kubelet-client.key")),
            ..Default::default()
        };
        let err = kubelet_get(&addr, wrong_trust, &path)
            .await
            .expect_err("the serving certificate verified against the wrong CA");
        assert!(
            err.contains("UnknownIssuer")
                || err.contains("unknown issuer")
                || err.contains("certificate"),
            "{err}"
        );
    });
}

/// Service accounts and roles created by the RBAC test, deleted when it ends (pass or fail).
struct RbacFixture {
    names: Vec<(String, String)>,
}

impl Drop for RbacFixture {
    fn drop(&mut self) {
        for (kind, name) in &self.names {
            let _ = Testbed::get().kubectl(&[
                "delete",
                kind,
                name,
                "-n",
                NS,
                "--ignore-not-found",
                "--wait=false",
            ]);
        }
    }
}

async fn token_client(sa: &str) -> Client {
    let admin = admin_client().await;
    let sas: Api<k8s_openapi::api::core::v1::ServiceAccount> = Api::namespaced(admin, NS);
    let tr = k8s_openapi::api::authentication::v1::TokenRequest {
        spec: Some(k8s_openapi::api::authentication::v1::TokenRequestSpec {
            expiration_seconds: Some(600),
            ..Default::default()
        }),
        ..Default::default()
    };
    let token = sas
        .create_token_request(sa, &PostParams::default(), &tr)
        .await
        .expect("token request")
        .status
        .and_then(|s| s.token)
        .expect("token in the TokenRequest status");
    let mut config = admin_config().await;
    config.auth_info = kube::config::AuthInfo {
        token: Some(token.into()),
        ..Default::default()
    };
    Client::try_from(config).expect("client with the service account's token")
}

/// Port-forward through kube-rs as `client`; Ok after an ApiVersions round trip.
async fn forward_as(client: Client) -> Result<(), kube::Error> {
    let pods: Api<Pod> = Api::namespaced(client, NS);
    let mut pf = pods.portforward(POD, &[9092]).await?;
    let mut s = pf.take_stream(9092).expect("stream");
    let res = tokio::time::timeout(WAIT, api_versions::round_trip(&mut s, 1)).await;
    pf.abort();
    match res {
        Ok(Ok(_)) => Ok(()),
        Ok(Err(e)) => panic!("ApiVersions through the tunnel: {e}"),
        Err(_) => panic!("ApiVersions through the tunnel timed out"),
    }
}

#[test]
fn plugin_role_allows_port_forward_and_create_alone_is_forbidden() {
    let tb = Testbed::get();
    let id = std::process::id();
    let (full, create_only) = (
        format!("pf-plugin-role-{id}"),
        format!("pf-create-only-{id}"),
    );
    let _cleanup = RbacFixture {
        names: vec![
            ("serviceaccount".into(), full.clone()),
            ("serviceaccount".into(), create_only.clone()),
            ("rolebinding".into(), full.clone()),
            ("rolebinding".into(), create_only.clone()),
            ("role".into(), create_only.clone()),
        ],
    };
    let manifest =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/manifests/rbac-plugin.yaml");
    tb.kubectl_ok(&["apply", "-f", &manifest.display().to_string()]);
    for sa in [&full, &create_only] {
        tb.kubectl_ok(&["create", "serviceaccount", sa, "-n", NS]);
    }
    tb.kubectl_ok(&[
        "create",
        "rolebinding",
        &full,
        "--clusterrole=kubectl-kafka",
        &format!("--serviceaccount={NS}:{full}"),
        "-n",
        NS,
    ]);
    let rt = runtime();
    rt.block_on(async {
        // Only `create` on pods/portforward (and reading pods): the pre-1.35 rule.
        let roles: Api<k8s_openapi::api::rbac::v1::Role> =
            Api::namespaced(admin_client().await, NS);
        let role = json!({
            "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role",
            "metadata": {"name": create_only, "namespace": NS},
            "rules": [
                {"apiGroups": [""], "resources": ["pods"], "verbs": ["get", "list"]},
                {"apiGroups": [""], "resources": ["pods/portforward"], "verbs": ["create"]}
            ]
        });
        roles
            .patch(
                &create_only,
                &PatchParams::apply("kubelet-endpoint-test").force(),
                &Patch::Apply(&role),
            )
            .await
            .expect("create the create-only Role");
    });
    tb.kubectl_ok(&[
        "create",
        "rolebinding",
        &create_only,
        &format!("--role={create_only}"),
        &format!("--serviceaccount={NS}:{create_only}"),
        "-n",
        NS,
    ]);

    rt.block_on(async {
        // RBAC changes reach the authorizer within a moment: retry a forbidden answer briefly.
        let full_client = token_client(&full).await;
        let mut last = None;
        for _ in 0..20 {
            match forward_as(full_client.clone()).await {
                Ok(()) => {
                    last = None;
                    break;
                }
                Err(e) => last = Some(e),
            }
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
        assert!(
            last.is_none(),
            "port-forward with the plugin's ClusterRole: {last:?}"
        );

        let err = forward_as(token_client(&create_only).await)
            .await
            .expect_err("port-forward allowed with `create` only");
        match &err {
            kube::Error::Api(s) => {
                assert_eq!(s.code, 403, "{err:?}");
                assert!(s.message.contains("pods/portforward"), "{}", s.message);
            }
            other => panic!("expected 403 Forbidden, got {other:?}"),
        }
    });
}
