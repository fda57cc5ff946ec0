//! Latency of one Kafka ApiVersions round trip to broker pod kafka-0 (namespace kafka) on the
//! local testbed, side by side in one run:
//!   - direct: a TCP connection to the pod IP;
//!   - kube-rs port-forward: websocket v4 through the apiserver to the kubelet endpoint (the
//!     plugin's `--port-forward` path);
//!   - kubectl port-forward: websocket to the apiserver, SPDY from there to the kubelet endpoint.
//!
//! For each path: round trips on one open connection, and the cost of a fresh connection
//! (open + first round trip). Ratios are against direct.
//!
//! Run: `tests/testbed/up.sh` then `cargo bench --bench portforward` (ROUNDS, FRESH to change
//! the sample counts). Without a running testbed it says so and exits 2.

#[path = "../tests/common/api_versions.rs"]
mod api_versions;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use k8s_openapi::api::core::v1::Pod;
use kube::{Api, Client, Config};
use tokio::net::TcpStream;

const NS: &str = "kafka";
const POD: &str = "kafka-0";
const PORT: u16 = 9092;
const TIMEOUT: Duration = Duration::from_secs(30);

type Res<T> = Result<T, String>;

struct Testbed {
    kubeconfig: PathBuf,
    kubectl: PathBuf,
}

fn testbed() -> Res<Testbed> {
    let dir = std::env::var_os("KAFKA_TESTBED_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".testbed"));
    let text = std::fs::read_to_string(dir.join("env")).map_err(|_| {
        format!(
            "testbed not running ({} has no env): run tests/testbed/up.sh",
            dir.display()
        )
    })?;
    let env: BTreeMap<&str, &str> = text
        .lines()
        .filter_map(|l| l.trim().strip_prefix("export "))
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k, v.trim_matches('\'')))
        .collect();
    let get = |k: &str| {
        env.get(k)
            .map(PathBuf::from)
            .ok_or(format!("{k} missing in the testbed env"))
    };
    Ok(Testbed {
        kubeconfig: get("KUBECONFIG")?,
        kubectl: get("KUBECTL")?,
    })
}

fn env_count(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|n| *n > 0)
        .unwrap_or(default)
}

#[derive(Default)]
struct Samples(Vec<Duration>);

impl Samples {
    fn quantile(&self, q: f64) -> Duration {
        let mut v = self.0.clone();
        v.sort();
        // q in [0, 1]; the index is within bounds for any non-empty sample.
        let i = ((v.len() - 1) as f64 * q).round() as usize;
        v[i.min(v.len() - 1)]
    }
    fn mean(&self) -> Duration {
        self.0.iter().sum::<Duration>() / u32::try_from(self.0.len()).unwrap_or(u32::MAX)
    }
}

async fn timed<T>(what: &str, f: impl std::future::Future<Output = Res<T>>) -> Res<(T, Duration)> {
    let start = Instant::now();
    let v = tokio::time::timeout(TIMEOUT, f)
        .await
        .map_err(|_| format!("{what} timed out"))??;
    Ok((v, start.elapsed()))
}

/// Round trips on one stream.
async fn on_one_stream<S>(s: &mut S, rounds: usize) -> Res<Samples>
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    let mut out = Samples::default();
    // Warm-up: the first answer includes the broker's one-off work for this connection.
    api_versions::round_trip(s, 0).await?;
    for i in 0..rounds {
        let id = i32::try_from(i + 1).unwrap_or(i32::MAX);
        let ((), d) = timed("ApiVersions", async {
            api_versions::round_trip(s, id).await.map(|_| ())
        })
        .await?;
        out.0.push(d);
    }
    Ok(out)
}

async fn direct(ip: &str, rounds: usize, fresh: usize) -> Res<(Samples, Samples)> {
    let mut s = TcpStream::connect((ip, PORT))
        .await
        .map_err(|e| format!("connect {ip}:{PORT}: {e}"))?;
    let rtt = on_one_stream(&mut s, rounds).await?;
    let mut setup = Samples::default();
    for _ in 0..fresh {
        let ((), d) = timed("fresh direct connection", async {
            let mut s = TcpStream::connect((ip, PORT))
                .await
                .map_err(|e| e.to_string())?;
            api_versions::round_trip(&mut s, 1).await.map(|_| ())
        })
        .await?;
        setup.0.push(d);
    }
    Ok((rtt, setup))
}

async fn kube_rs(pods: &Api<Pod>, rounds: usize, fresh: usize) -> Res<(Samples, Samples)> {
    let mut pf = pods
        .portforward(POD, &[PORT])
        .await
        .map_err(|e| format!("port-forward: {e}"))?;
    let mut s = pf.take_stream(PORT).ok_or("no stream")?;
    let rtt = on_one_stream(&mut s, rounds).await?;
    drop(s);
    pf.abort();
    let mut setup = Samples::default();
    for _ in 0..fresh {
        let ((), d) = timed("fresh kube-rs tunnel", async {
            let mut pf = pods
                .portforward(POD, &[PORT])
                .await
                .map_err(|e| e.to_string())?;
            let mut s = pf.take_stream(PORT).ok_or("no stream")?;
            let r = api_versions::round_trip(&mut s, 1).await.map(|_| ());
            pf.abort();
            r
        })
        .await?;
        setup.0.push(d);
    }
    Ok((rtt, setup))
}

struct Reaped(Child);

impl Drop for Reaped {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_kubectl_port_forward(tb: &Testbed) -> Res<(Reaped, u16)> {
    let mut child = Command::new(&tb.kubectl)
        .env("KUBECONFIG", &tb.kubeconfig)
        .args([
            "port-forward",
            "-n",
            NS,
            &format!("pod/{POD}"),
            &format!(":{PORT}"),
            "--address",
            "127.0.0.1",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("run kubectl port-forward: {e}"))?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let child = Reaped(child);
    let mut lines = BufReader::new(stdout).lines();
    let first = lines
        .next()
        .ok_or("kubectl port-forward printed nothing")?
        .map_err(|e| e.to_string())?;
    let port = first
        .strip_prefix("Forwarding from 127.0.0.1:")
        .and_then(|r| r.split_whitespace().next())
        .and_then(|p| p.parse().ok())
        .ok_or(format!("unexpected kubectl output: {first}"))?;
    // Keep draining ("Handling connection for ...") so kubectl never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    Ok((child, port))
}

async fn kubectl_forward(port: u16, rounds: usize, fresh: usize) -> Res<(Samples, Samples)> {
    let mut s = TcpStream::connect(("127.0.0.1", port))
        .await
        .map_err(|e| e.to_string())?;
    let rtt = on_one_stream(&mut s, rounds).await?;
    let mut setup = Samples::default();
    for _ in 0..fresh {
        let ((), d) = timed("fresh kubectl connection", async {
            let mut s = TcpStream::connect(("127.0.0.1", port))
                .await
                .map_err(|e| e.to_string())?;
            api_versions::round_trip(&mut s, 1).await.map(|_| ())
        })
        .await?;
        setup.0.push(d);
    }
    Ok((rtt, setup))
}

fn us(d: Duration) -> String {
    format!("{:.0}", d.as_secs_f64() * 1e6)
}

fn main() {
    let rounds = env_count("ROUNDS", 300);
    let fresh = env_count("FRESH", 30);
    let tb = match testbed() {
        Ok(tb) => tb,
        Err(e) => {
            eprintln!("portforward bench not run: {e}");
            std::process::exit(2);
        }
    };
    let rt = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("cannot start tokio: {e}");
            std::process::exit(1);
        }
    };
    let result = rt.block_on(async {
        let text = std::fs::read_to_string(&tb.kubeconfig).map_err(|e| e.to_string())?;
        let kc = kube::config::Kubeconfig::from_yaml(&text).map_err(|e| e.to_string())?;
        let config = Config::from_custom_kubeconfig(kc, &Default::default())
            .await
            .map_err(|e| e.to_string())?;
        let pods: Api<Pod> =
            Api::namespaced(Client::try_from(config).map_err(|e| e.to_string())?, NS);
        let ip = pods
            .get(POD)
            .await
            .map_err(|e| format!("pod {NS}/{POD}: {e}"))?
            .status
            .and_then(|s| s.pod_ip)
            .ok_or(format!("pod {NS}/{POD} has no IP"))?;
        let (_kubectl, local) = start_kubectl_port_forward(&tb)?;
        let mut rows = Vec::new();
        rows.push(("direct (pod IP)", direct(&ip, rounds, fresh).await?));
        rows.push((
            "kube-rs port-forward (websocket)",
            kube_rs(&pods, rounds, fresh).await?,
        ));
        rows.push((
            "kubectl port-forward (SPDY)",
            kubectl_forward(local, rounds, fresh).await?,
        ));
        Ok::<_, String>(rows)
    });
    let rows = match result {
        Ok(r) => r,
        Err(e) => {
            eprintln!("portforward bench failed: {e}");
            std::process::exit(1);
        }
    };
    println!(
        "ApiVersions v0 round trip to {NS}/{POD}:{PORT}; {rounds} on one connection, {fresh} fresh connections; microseconds"
    );
    println!(
        "{:<34} {:>8} {:>8} {:>8} {:>8} | {:>10} {:>10} {:>8}",
        "path", "p50", "p90", "mean", "x p50", "fresh p50", "fresh p90", "x fresh"
    );
    let base = (rows[0].1.0.quantile(0.5), rows[0].1.1.quantile(0.5));
    for (name, (rtt, setup)) in &rows {
        println!(
            "{:<34} {:>8} {:>8} {:>8} {:>8.1} | {:>10} {:>10} {:>8.1}",
            name,
            us(rtt.quantile(0.5)),
            us(rtt.quantile(0.9)),
            us(rtt.mean()),
            rtt.quantile(0.5).as_secs_f64() / base.0.as_secs_f64(),
            us(setup.quantile(0.5)),
            us(setup.quantile(0.9)),
            setup.quantile(0.5).as_secs_f64() / base.1.as_secs_f64(),
        );
    }
}
