//! `kubectl kafka restart` against the local testbed: each test deploys its own cluster
//! (1 KRaft controller + 3 brokers) in its own namespace and deletes it at the end.
//!
//! Run serially: `cargo test --test cli_restart -- --test-threads=1`.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Output, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{BackgroundProducer, Ns, Testbed, consume_all, produce_acks_all, unique_ns};
use rdkafka::ClientConfig;
use rdkafka::producer::{BaseRecord, DeliveryResult, Producer, ProducerContext, ThreadedProducer};
use rdkafka::types::RDKafkaErrorCode;
use serde_json::Value;

use common::{RESTART_PROGRESS as PROGRESS, lifecycle_lease_exists, restart_progress, set_min_isr};

/// The plugin with the testbed's KUBECONFIG. `KUBECTL_KAFKA_BIN` overrides the binary: the cargo
/// target directory may be shared by several checkouts that overwrite each other's builds.
fn plugin() -> std::process::Command {
    let bin = std::env::var_os("KUBECTL_KAFKA_BIN")
        .unwrap_or_else(|| env!("CARGO_BIN_EXE_kubectl-kafka").into());
    let mut c = std::process::Command::new(bin);
    c.env("KUBECONFIG", &Testbed::get().kubeconfig);
    c
}

/// Deletes the namespace when the test ends, pass or fail.
fn run(args: &[&str]) -> Output {
    plugin()
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run the plugin: {e}"))
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Pod name -> UID of the brokers in `ns`.
fn pod_uids(ns: &str) -> Vec<(String, String)> {
    let out = Testbed::get().kubectl_ok(&[
        "get",
        "pods",
        "-n",
        ns,
        "-o",
        "jsonpath={range .items[*]}{.metadata.name}={.metadata.uid}{\"\\n\"}{end}",
    ]);
    let mut v: Vec<(String, String)> = out
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    v.sort();
    v
}

/// A producer that does not retry, so every NOT_ENOUGH_REPLICAS answer shows up as a failed
/// delivery: the count of produce requests that failed for want of ISR.
struct StrictProducer {
    stop: Arc<AtomicBool>,
    handle: Option<std::thread::JoinHandle<()>>,
    state: Arc<StrictState>,
}

#[derive(Default)]
struct StrictState {
    ok: AtomicUsize,
    not_enough_replicas: AtomicUsize,
    other_errors: Mutex<Vec<String>>,
}

struct StrictCtx(Arc<StrictState>);
impl rdkafka::ClientContext for StrictCtx {}
impl ProducerContext for StrictCtx {
    type DeliveryOpaque = ();
    fn delivery(&self, r: &DeliveryResult<'_>, _: ()) {
        match r {
            Ok(_) => {
                self.0.ok.fetch_add(1, Ordering::Relaxed);
            }
            Err((e, _)) => {
                if matches!(
                    e.rdkafka_error_code(),
                    Some(
                        RDKafkaErrorCode::NotEnoughReplicas
                            | RDKafkaErrorCode::NotEnoughReplicasAfterAppend
                    )
                ) {
                    self.0.not_enough_replicas.fetch_add(1, Ordering::Relaxed);
                } else if let Ok(mut v) = self.0.other_errors.lock() {
                    v.push(e.to_string());
                }
            }
        }
    }
}

impl StrictProducer {
    fn start(bootstrap: &str, topic: &str) -> Self {
        let state = Arc::new(StrictState::default());
        let p: ThreadedProducer<StrictCtx> = ClientConfig::new()
            .set("bootstrap.servers", bootstrap)
            .set("acks", "all")
            .set("enable.idempotence", "false")
            .set("retries", "0")
            .set("linger.ms", "5")
            .set("log_level", "3")
            .create_with_context(StrictCtx(state.clone()))
            .unwrap_or_else(|e| panic!("cannot create the strict producer: {e}"));
        let stop = Arc::new(AtomicBool::new(false));
        let (stop2, topic) = (stop.clone(), topic.to_string());
        let handle = std::thread::spawn(move || {
            let mut n = 0u64;
            while !stop2.load(Ordering::Relaxed) {
                let key = format!("strict-{n}");
                let _ = p.send(BaseRecord::to(&topic).key(&key).payload(&key));
                n += 1;
                std::thread::sleep(Duration::from_millis(10));
            }
            let _ = p.flush(Duration::from_secs(60));
        });
        StrictProducer {
            stop,
            handle: Some(handle),
            state,
        }
    }

    fn stop(mut self) -> (usize, usize, Vec<String>) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
        let other = self
            .state
            .other_errors
            .lock()
            .map(|v| v.clone())
            .unwrap_or_default();
        (
            self.state.ok.load(Ordering::Relaxed),
            self.state.not_enough_replicas.load(Ordering::Relaxed),
            other,
        )
    }
}

#[test]
fn rolling_restart_under_acks_all_load_loses_nothing_and_ends_balanced() {
    let tb = Testbed::get();
    let ns = Ns(unique_ns("restart-load"));
    let bootstrap = tb.deploy_cluster(&ns.0, 3);
    tb.create_topic(&bootstrap, "orders", 6, 3);
    set_min_isr(&bootstrap, "orders", 2);
    tb.create_topic(&bootstrap, "strict", 3, 3);
    set_min_isr(&bootstrap, "strict", 2);
    let before = produce_acks_all(&bootstrap, "orders", 200);

    let bg = BackgroundProducer::start(&bootstrap, "orders", Duration::from_millis(5));
    let strict = StrictProducer::start(&bootstrap, "strict");
    let out = run(&["restart", "-n", &ns.0, "--settle", "5s", "-o", "json"]);
    let report = bg.stop();
    let (strict_ok, not_enough, strict_other) = strict.stop();
    let stderr = text(&out.stderr);
    assert!(
        out.status.success(),
        "restart failed: {}\n{stderr}",
        out.status
    );
    let summary: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", text(&out.stdout)));
    let restarted: Vec<i64> = summary["restarted"]
        .as_array()
        .map(|a| a.iter().filter_map(|s| s["id"].as_i64()).collect())
        .unwrap_or_default();
    assert_eq!(restarted, vec![0, 1, 2], "{summary}");
    for s in summary["restarted"].as_array().into_iter().flatten() {
        assert_ne!(s["old_uid"], s["new_uid"], "pod not replaced: {s}");
    }

    // Nothing acknowledged was lost, and no produce failed for want of ISR.
    assert!(
        report.errors.is_empty(),
        "acks=all deliveries failed during the restart: {:?}",
        report.errors
    );
    assert!(report.acked.len() > 100, "background producer barely ran");
    assert_eq!(
        not_enough, 0,
        "produce requests failed with NOT_ENOUGH_REPLICAS (other errors: {strict_other:?})"
    );
    assert!(strict_ok > 100, "strict producer barely ran");
    let read: std::collections::BTreeSet<String> =
        consume_all(&bootstrap, "orders").into_iter().collect();
    common::assert_none_lost(before.iter().chain(&report.acked), &read);

    // Leaders end balanced: every partition on its preferred leader, each broker leading some.
    assert_eq!(summary["not_preferred_leader"], 0, "{summary}");
    let leaders: Vec<u64> = summary["leaders"]
        .as_object()
        .map(|m| m.values().filter_map(Value::as_u64).collect())
        .unwrap_or_default();
    assert_eq!(leaders.len(), 3, "{summary}");
    let (min, max) = (
        leaders.iter().min().copied().unwrap_or(0),
        leaders.iter().max().copied().unwrap_or(0),
    );
    assert!(max - min <= 1, "leaders unbalanced: {leaders:?}");

    // The progress record and the Lease are gone.
    assert_eq!(
        restart_progress(&ns.0),
        "",
        "progress annotation left behind"
    );
    assert!(
        !lifecycle_lease_exists(&ns.0),
        "lifecycle Lease left behind"
    );
}

fn signal(pid: u32, sig: &str) {
    let ok = std::process::Command::new("kill")
        .args([sig, &pid.to_string()])
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    assert!(ok, "kill {sig} {pid} failed");
}

/// Resumes a stopped JVM even when the test fails.
struct Cont(u32);
impl Drop for Cont {
    fn drop(&mut self) {
        let _ = std::process::Command::new("kill")
            .args(["-CONT", &self.0.to_string()])
            .status();
    }
}

#[test]
fn partition_at_min_isr_is_refused_and_nothing_restarts() {
    let tb = Testbed::get();
    let ns = Ns(unique_ns("restart-minisr"));
    let bootstrap = tb.deploy_cluster(&ns.0, 3);
    tb.create_topic(&bootstrap, "payments", 3, 3);
    set_min_isr(&bootstrap, "payments", 2);

    // Freeze broker 2: the controller fences it and its replicas leave the ISR, leaving every
    // partition at exactly min.insync.replicas.
    let pid = common::broker_pid(&ns.0, "kafka-2");
    signal(pid, "-STOP");
    let _cont = Cont(pid);
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        let out = tb.kafka_tool(
            "kafka-topics",
            &[
                "--bootstrap-server",
                &bootstrap,
                "--describe",
                "--topic",
                "payments",
                "--at-min-isr-partitions",
            ],
        );
        if text(&out.stdout).contains("Partition:") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "partitions never dropped to min ISR after SIGSTOP: {}",
            text(&out.stderr)
        );
        std::thread::sleep(Duration::from_secs(1));
    }
    let uids = pod_uids(&ns.0);

    // The live brokers: each would take partitions below min.insync.replicas.
    let out = run(&[
        "restart",
        "-n",
        &ns.0,
        "--brokers",
        "0,1",
        "--timeout",
        "5s",
        "--settle",
        "1s",
    ]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "expected a refusal:\n{stderr}");
    assert!(
        stderr.contains("payments-"),
        "blocking partitions not named:\n{stderr}"
    );
    assert!(
        stderr.contains("min.insync.replicas") || stderr.contains("under-replicated"),
        "{stderr}"
    );
    assert_eq!(
        pod_uids(&ns.0),
        uids,
        "a pod was restarted despite the refusal"
    );
    assert!(
        !lifecycle_lease_exists(&ns.0),
        "lifecycle Lease left behind"
    );

    // The frozen broker itself is fenced and in no live ISR: its own absence (the partitions it
    // leaves under-replicated) does not block its restart, which is how it comes back.
    let out = run(&["restart", "-n", &ns.0, "--brokers", "2", "--settle", "1s"]);
    let stderr = text(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(0),
        "the stuck broker was not restarted:\n{stderr}"
    );
    let after = pod_uids(&ns.0);
    for (pod, uid) in &uids {
        let now = after.iter().find(|(p, _)| p == pod).map(|(_, u)| u);
        if pod == "kafka-2" {
            assert_ne!(now, Some(uid), "kafka-2 kept its pod:\n{stderr}");
        } else {
            assert_eq!(now, Some(uid), "{pod} was restarted too:\n{stderr}");
        }
    }
    assert!(
        !lifecycle_lease_exists(&ns.0),
        "lifecycle Lease left behind"
    );
}

#[test]
fn pod_that_does_not_come_back_stops_the_roll() {
    let tb = Testbed::get();
    let ns = Ns(unique_ns("restart-stuck"));
    let _bootstrap = tb.deploy_cluster(&ns.0, 3);
    // Recreated pods get a broker config Kafka rejects at start: the JVM exits and crash-loops.
    // OnDelete keeps the StatefulSet controller from rolling the change out itself.
    tb.kubectl_ok(&[
        "patch",
        "statefulset",
        "kafka",
        "-n",
        &ns.0,
        "--type",
        "strategic",
        "-p",
        r#"{"spec":{"updateStrategy":{"type":"OnDelete","rollingUpdate":null},"template":{"spec":{"containers":[{"name":"kafka","env":[{"name":"KAFKA_NUM_NETWORK_THREADS","value":"not-a-number"}]}]}}}}"#,
    ]);
    let uids = pod_uids(&ns.0);

    let out = run(&[
        "restart",
        "-n",
        &ns.0,
        "--settle",
        "1s",
        "--pod-timeout",
        "150s",
    ]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "expected a failure:\n{stderr}");
    assert!(
        stderr.contains("kafka-0")
            && (stderr.contains("crash") || stderr.contains("CrashLoopBackOff")),
        "the message should name the pod and why:\n{stderr}"
    );
    // Only kafka-0 was touched.
    let after = pod_uids(&ns.0);
    for (pod, uid) in &uids {
        let now = after.iter().find(|(p, _)| p == pod).map(|(_, u)| u);
        if pod == "kafka-0" {
            assert_ne!(now, Some(uid), "kafka-0 was not restarted");
        } else {
            assert_eq!(
                now,
                Some(uid),
                "{pod} was touched although the roll stopped"
            );
        }
    }
    // The stop is recorded so the same command continues with kafka-0 once it is fixed.
    let progress = restart_progress(&ns.0);
    assert!(progress.contains("\"current\""), "progress: {progress}");
    assert!(
        !lifecycle_lease_exists(&ns.0),
        "lifecycle Lease left behind"
    );
}

/// Runs the plugin in the background, collecting stderr lines.
struct Bg {
    child: Child,
    lines: Arc<Mutex<Vec<String>>>,
}

impl Bg {
    fn start(args: &[&str]) -> Bg {
        let mut child = plugin()
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start the plugin: {e}"));
        let lines = Arc::new(Mutex::new(Vec::new()));
        let err = child.stderr.take();
        let l2 = lines.clone();
        std::thread::spawn(move || {
            if let Some(err) = err {
                for line in BufReader::new(err).lines().map_while(Result::ok) {
                    if let Ok(mut v) = l2.lock() {
                        v.push(line);
                    }
                }
            }
        });
        Bg { child, lines }
    }

    fn wait_line(&mut self, needle: &str, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        loop {
            let all = self.lines.lock().map(|v| v.join("\n")).unwrap_or_default();
            if all.contains(needle) {
                return;
            }
            if let Ok(Some(st)) = self.child.try_wait() {
                panic!("plugin exited ({st}) before printing '{needle}':\n{all}");
            }
            assert!(
                Instant::now() < deadline,
                "no '{needle}' within {timeout:?}:\n{all}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn stderr(&self) -> String {
        self.lines.lock().map(|v| v.join("\n")).unwrap_or_default()
    }
}

impl Drop for Bg {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn interrupted_restart_resumes_and_a_second_operation_is_refused() {
    let tb = Testbed::get();
    let ns = Ns(unique_ns("restart-resume"));
    let bootstrap = tb.deploy_cluster(&ns.0, 3);
    tb.create_topic(&bootstrap, "events", 3, 3);

    let mut first = Bg::start(&["restart", "-n", &ns.0, "--settle", "2s"]);
    first.wait_line("[1/3] broker 0", Duration::from_secs(60));

    // While it runs, any other lifecycle operation on the cluster is refused by the Lease.
    let second = run(&["restart", "-n", &ns.0]);
    let err = text(&second.stderr);
    assert_eq!(
        second.status.code(),
        Some(3),
        "second run not refused:\n{err}"
    );
    assert!(
        err.contains("held by") && err.contains("'restart'"),
        "refusal should say who holds the lock:\n{err}"
    );

    // Interrupt after the first broker is done (Ctrl-C).
    first.wait_line("broker 0 done", Duration::from_secs(180));
    signal(first.child.id(), "-INT");
    let status = first
        .child
        .wait()
        .unwrap_or_else(|e| panic!("waiting for the plugin: {e}"));
    assert!(!status.success(), "an interrupted roll must exit non-zero");
    let progress = restart_progress(&ns.0);
    let p: Value = serde_json::from_str(&progress)
        .unwrap_or_else(|e| panic!("progress annotation is not JSON ({e}): {progress}"));
    assert_eq!(
        p["done"],
        serde_json::json!([0]),
        "{progress}\n{}",
        first.stderr()
    );
    assert!(
        !lifecycle_lease_exists(&ns.0),
        "Ctrl-C must release the Lease"
    );
    let uids = pod_uids(&ns.0);

    // The same command continues: broker 0 is skipped.
    let out = run(&["restart", "-n", &ns.0, "--settle", "2s", "-o", "json"]);
    let stderr = text(&out.stderr);
    assert!(out.status.success(), "resumed run failed:\n{stderr}");
    assert!(
        stderr.contains("continuing the interrupted restart"),
        "{stderr}"
    );
    let summary: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", text(&out.stdout)));
    assert_eq!(summary["resumed"], true);
    assert_eq!(summary["skipped"], serde_json::json!([0]), "{summary}");
    let restarted: Vec<i64> = summary["restarted"]
        .as_array()
        .map(|a| a.iter().filter_map(|s| s["id"].as_i64()).collect())
        .unwrap_or_default();
    assert_eq!(restarted, vec![1, 2], "{summary}");
    let after = pod_uids(&ns.0);
    let uid_of = |v: &[(String, String)], pod: &str| {
        v.iter().find(|(p, _)| p == pod).map(|(_, u)| u.clone())
    };
    assert_eq!(
        uid_of(&after, "kafka-0"),
        uid_of(&uids, "kafka-0"),
        "kafka-0 was restarted twice"
    );
    assert_eq!(
        restart_progress(&ns.0),
        "",
        "progress not cleared at the end"
    );
}

#[test]
fn dry_run_shows_order_and_verdicts_and_changes_nothing() {
    let tb = Testbed::get();
    let ns = Ns(unique_ns("restart-dry"));
    let _bootstrap = tb.deploy_cluster(&ns.0, 3);
    let uids = pod_uids(&ns.0);
    let out = run(&[
        "restart",
        "-n",
        &ns.0,
        "--dry-run",
        "--include-controllers",
        "-o",
        "json",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", text(&out.stdout)));
    let order: Vec<String> = v["order"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|t| format!("{}:{}", t["role"].as_str().unwrap_or("?"), t["id"]))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        order,
        vec!["controller:1000", "broker:0", "broker:1", "broker:2"],
        "{v}"
    );
    // The single controller cannot restart without a quorum outage.
    assert_eq!(v["verdicts"][0]["verdict"]["verdict"], "blocked", "{v}");
    assert_eq!(
        v["verdicts"][0]["verdict"]["reasons"][0]["kind"], "quorum_at_risk",
        "{v}"
    );
    assert_eq!(v["verdicts"][1]["verdict"]["verdict"], "allowed", "{v}");
    assert_eq!(pod_uids(&ns.0), uids);
    assert!(!lifecycle_lease_exists(&ns.0));

    let out = run(&["restart", "-n", &ns.0, "--brokers", "7"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
}

/// The batches of a `--parallel` report, as lists of broker ids.
fn batches(v: &Value) -> Vec<Vec<i64>> {
    v["batches"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|b| {
                    b["brokers"]
                        .as_array()
                        .map(|ids| ids.iter().filter_map(Value::as_i64).collect())
                        .unwrap_or_default()
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Set the brokers' PodDisruptionBudget's maxUnavailable.
fn set_max_unavailable(ns: &str, n: u32) {
    Testbed::get().kubectl_ok(&[
        "patch",
        "pdb",
        "kafka",
        "-n",
        ns,
        "--type",
        "merge",
        "-p",
        &format!("{{\"spec\":{{\"maxUnavailable\":{n}}}}}"),
    ]);
}

/// `restart --parallel P --dry-run -o json` until its batches are `want` (the disruption
/// controller updates a budget's status a moment after its spec changes), for up to 60 s; the
/// last report.
fn dry_run_until(ns: &str, parallel: &str, want: &[Vec<i64>]) -> Value {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let out = run(&[
            "restart",
            "-n",
            ns,
            "--parallel",
            parallel,
            "--dry-run",
            "-o",
            "json",
        ]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let v = json(&out);
        if batches(&v) == want || Instant::now() > deadline {
            return v;
        }
        std::thread::sleep(Duration::from_secs(2));
    }
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", text(&out.stdout)))
}

#[test]
fn parallel_restarts_brokers_that_share_no_partition_they_cannot_lose_together() {
    let tb = Testbed::get();
    let ns = Ns(unique_ns("restart-par"));
    let bootstrap = tb.deploy_cluster(&ns.0, 3);
    // RF 3, min ISR 1: two brokers may be away together (one replica of each partition stays).
    tb.create_topic(&bootstrap, "pairs", 6, 3);
    set_min_isr(&bootstrap, "pairs", 1);
    let before = produce_acks_all(&bootstrap, "pairs", 200);

    // The cluster's PodDisruptionBudget lets one broker go at a time; two here.
    set_max_unavailable(&ns.0, 2);
    let v = dry_run_until(&ns.0, "2", &[vec![0, 1], vec![2]]);
    assert_eq!(batches(&v), vec![vec![0, 1], vec![2]], "{v}");

    let uids = pod_uids(&ns.0);
    let bg = BackgroundProducer::start(&bootstrap, "pairs", Duration::from_millis(5));
    let out = run(&[
        "restart",
        "-n",
        &ns.0,
        "--parallel",
        "2",
        "--settle",
        "2s",
        "-o",
        "json",
    ]);
    let report = bg.stop();
    let stderr = text(&out.stderr);
    assert!(
        out.status.success(),
        "restart failed: {}\n{stderr}",
        out.status
    );
    let summary = json(&out);
    assert_eq!(batches(&summary), vec![vec![0, 1], vec![2]], "{summary}");
    assert!(stderr.contains("brokers 0,1 together"), "{stderr}");
    let mut restarted: Vec<i64> = summary["restarted"]
        .as_array()
        .map(|a| a.iter().filter_map(|s| s["id"].as_i64()).collect())
        .unwrap_or_default();
    restarted.sort_unstable();
    assert_eq!(restarted, vec![0, 1, 2], "{summary}");
    let after = pod_uids(&ns.0);
    for (pod, uid) in uids
        .iter()
        .filter(|(p, _)| !p.starts_with("kafka-controller"))
    {
        assert!(
            after.iter().any(|(p, u)| p == pod && u != uid),
            "pod {pod} was not replaced: {after:?}"
        );
    }
    // Both pods of the first batch were away at once: broker 1 was evicted before broker 0 was
    // back, and broker 2 only after both were.
    let at = |needle: &str| {
        stderr
            .find(needle)
            .unwrap_or_else(|| panic!("no {needle:?} in the log:\n{stderr}"))
    };
    assert!(
        at("pod kafka-1 evicted") < at("broker 0 done in"),
        "{stderr}"
    );
    assert!(
        at("broker 1 done in") < at("pod kafka-2 evicted"),
        "{stderr}"
    );
    assert!(
        report.errors.is_empty(),
        "acks=all deliveries failed: {:?}",
        report.errors
    );
    assert!(report.acked.len() > 100, "background producer barely ran");
    let read: std::collections::BTreeSet<String> =
        consume_all(&bootstrap, "pairs").into_iter().collect();
    let lost = before
        .iter()
        .chain(&report.acked)
        .filter(|k| !read.contains(*k))
        .count();
    assert_eq!(lost, 0, "acknowledged records lost");
    assert_eq!(
        restart_progress(&ns.0),
        "",
        "progress annotation left behind"
    );
    assert!(
        !lifecycle_lease_exists(&ns.0),
        "lifecycle Lease left behind"
    );

    // Back to one broker away at a time: every batch is capped at one.
    set_max_unavailable(&ns.0, 1);
    let capped = dry_run_until(&ns.0, "2", &[vec![0], vec![1], vec![2]]);
    assert_eq!(
        batches(&capped),
        vec![vec![0], vec![1], vec![2]],
        "{capped}"
    );
    assert!(
        capped["batches"][0]["why"]
            .as_str()
            .is_some_and(|w| w.contains("PodDisruptionBudget allows 1")),
        "{capped}"
    );
    set_max_unavailable(&ns.0, 3);
    dry_run_until(&ns.0, "3", &[vec![0, 1, 2]]);

    // A topic at RF 3 and min ISR 2 keeps any two brokers apart.
    tb.create_topic(&bootstrap, "tight", 3, 3);
    set_min_isr(&bootstrap, "tight", 2);
    let out = run(&[
        "restart",
        "-n",
        &ns.0,
        "--parallel",
        "rack",
        "--dry-run",
        "-o",
        "json",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v = json(&out);
    assert_eq!(batches(&v), vec![vec![0], vec![1], vec![2]], "{v}");
    let out = run(&[
        "restart",
        "-n",
        &ns.0,
        "--parallel",
        "3",
        "--dry-run",
        "-o",
        "json",
    ]);
    let v = json(&out);
    assert_eq!(batches(&v), vec![vec![0], vec![1], vec![2]], "{v}");
    assert!(
        v["batches"][0]["why"]
            .as_str()
            .is_some_and(|w| w.contains("cannot join") && w.contains("tight")),
        "{v}"
    );

    let out = run(&["restart", "-n", &ns.0, "--parallel", "0"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("--parallel"),
        "{}",
        text(&out.stderr)
    );
}

/// Deploys `shape` with `brokers` brokers into `ns` with tests/testbed/deploy.sh and returns what
/// it prints for clients (`KAFKA_BOOTSTRAP`, `KAFKA_VERSION`, ...).
fn deploy_shape(shape: &str, ns: &str, brokers: u32) -> std::collections::BTreeMap<String, String> {
    let tb = Testbed::get();
    let out = std::process::Command::new(tb.src.join("deploy.sh"))
        .args([shape, ns, &brokers.to_string()])
        .env("KAFKA_TESTBED_DIR", &tb.dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot run deploy.sh: {e}"));
    assert!(
        out.status.success(),
        "deploy.sh {shape} {ns} {brokers} failed:\n{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
        .lines()
        .filter_map(|l| l.strip_prefix("export "))
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_string(), v.trim_matches('\'').to_string()))
        .collect()
}

/// Pod name -> UID of the pods labelled `app=kafka` in `ns` (the brokers of seed 000).
fn app_kafka_uids(ns: &str) -> Vec<(String, String)> {
    let out = Testbed::get().kubectl_ok(&[
        "get",
        "pods",
        "-n",
        ns,
        "-l",
        "app=kafka",
        "-o",
        "jsonpath={range .items[*]}{.metadata.name}={.metadata.uid}{\"\\n\"}{end}",
    ]);
    let mut v: Vec<(String, String)> = out
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    v.sort();
    v
}

/// Seed 000: one Deployment per broker (ZooKeeper mode). A replaced pod gets a new name, so the
/// roll must find each broker's replacement through its Deployment; before that, the roll waited
/// for the evicted pod's name until `--pod-timeout`.
#[test]
fn deployment_per_broker_roll_finds_each_replacement_and_loses_nothing() {
    let tb = Testbed::get();
    let ns = Ns(unique_ns("restart-deploy"));
    let env = deploy_shape("seed-000", &ns.0, 3);
    let bootstrap = env
        .get("KAFKA_BOOTSTRAP")
        .cloned()
        .unwrap_or_else(|| panic!("deploy.sh printed no KAFKA_BOOTSTRAP: {env:?}"));
    common::wait_for_brokers(&bootstrap, 3, Duration::from_secs(120));

    // Discovery sees one cluster of three Deployments, its brokers tied to their pods by id.
    let out = run(&["clusters", "-n", &ns.0, "-o", "json"]);
    assert!(out.status.success(), "clusters: {}", text(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    let clusters = v["clusters"].as_array().cloned().unwrap_or_default();
    assert_eq!(clusters.len(), 1, "{v}");
    assert_eq!(clusters[0]["workload_kind"], "Deployment", "{v}");
    assert_eq!(
        clusters[0]["workloads"].as_array().map(Vec::len),
        Some(3),
        "{v}"
    );
    let status = |what: &str| -> Value {
        let out = run(&["status", "-n", &ns.0, "-o", "json"]);
        assert!(out.status.success(), "status {what}: {}", text(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("status JSON: {e}"))
    };
    let tied = |s: &Value| -> Vec<(i64, String)> {
        let mut v: Vec<(i64, String)> = s["brokers"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|b| {
                (
                    b["id"].as_i64().unwrap_or(-1),
                    b["pod"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect();
        v.sort();
        v
    };
    let before_status = status("before");
    let ties = tied(&before_status);
    assert_eq!(ties.len(), 3, "{before_status}");
    for (id, pod) in &ties {
        assert!(
            pod.starts_with(&format!("kafka-broker{id}-")),
            "broker {id} tied to pod {pod:?}: {before_status}"
        );
    }

    // The seed's own topic has one replica, so a roll rightly refuses to take it offline; the
    // image creates it again at every start, so it is given three replicas, not deleted.
    let plan = std::env::temp_dir().join(format!("{}-steven-test.json", ns.0));
    std::fs::write(
        &plan,
        r#"{"version":1,"partitions":[{"topic":"steven-test","partition":0,"replicas":[0,1,2]}]}"#,
    )
    .unwrap_or_else(|e| panic!("writing {}: {e}", plan.display()));
    let plan_arg = plan.to_string_lossy().into_owned();
    let reassign = |op: &str| {
        tb.kafka_tool(
            "kafka-reassign-partitions",
            &[
                "--bootstrap-server",
                &bootstrap,
                "--reassignment-json-file",
                &plan_arg,
                op,
            ],
        )
    };
    // The image creates the topic in the background after the broker starts: retry until it
    // is there.
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let exec = reassign("--execute");
        if exec.status.success() {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "steven-test to RF 3: {}{}",
            text(&exec.stdout),
            text(&exec.stderr)
        );
        std::thread::sleep(Duration::from_secs(2));
    }
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let v = reassign("--verify");
        let said = text(&v.stdout);
        if v.status.success() && said.contains("is completed") && !said.contains("in progress") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "steven-test reassignment: {said}"
        );
        std::thread::sleep(Duration::from_secs(2));
    }
    let _ = std::fs::remove_file(&plan);
    tb.create_topic(&bootstrap, "orders", 6, 3);
    set_min_isr(&bootstrap, "orders", 2);
    let before = produce_acks_all(&bootstrap, "orders", 200);
    let uids = app_kafka_uids(&ns.0);
    assert_eq!(uids.len(), 3, "{uids:?}");

    let bg = BackgroundProducer::start(&bootstrap, "orders", Duration::from_millis(5));
    let out = run(&[
        "restart",
        "-n",
        &ns.0,
        "--settle",
        "2s",
        "--pod-timeout",
        "240s",
        "-o",
        "json",
    ]);
    let report = bg.stop();
    let stderr = text(&out.stderr);
    assert!(
        out.status.success(),
        "restart failed: {}\n{stderr}",
        out.status
    );
    let summary: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", text(&out.stdout)));
    let mut restarted: Vec<i64> = summary["restarted"]
        .as_array()
        .map(|a| a.iter().filter_map(|s| s["id"].as_i64()).collect())
        .unwrap_or_default();
    restarted.sort_unstable();
    assert_eq!(restarted, vec![0, 1, 2], "{summary}\n{stderr}");

    // Every broker pod replaced: none of the old UIDs is left, three new ones stand (the last
    // old pod may still be finishing its graceful shutdown).
    let deadline = Instant::now() + Duration::from_secs(90);
    let after = loop {
        let now = app_kafka_uids(&ns.0);
        if now.len() == 3 || Instant::now() >= deadline {
            break now;
        }
        std::thread::sleep(Duration::from_secs(1));
    };
    assert_eq!(after.len(), 3, "{after:?}");
    for (pod, uid) in &uids {
        assert!(
            !after.iter().any(|(_, u)| u == uid),
            "{pod} ({uid}) was not replaced: {after:?}"
        );
    }

    // Each broker back in every ISR, seen by Kafka's own tool.
    let d = tb.kafka_tool(
        "kafka-topics",
        &[
            "--bootstrap-server",
            &bootstrap,
            "--describe",
            "--topic",
            "orders",
        ],
    );
    assert!(d.status.success(), "describe: {}", text(&d.stderr));
    let described = text(&d.stdout);
    let isrs: Vec<&str> = described
        .lines()
        .filter_map(|l| l.split("Isr:").nth(1))
        .map(|r| r.split_whitespace().next().unwrap_or(""))
        .collect();
    assert_eq!(isrs.len(), 6, "{described}");
    for isr in &isrs {
        let mut ids: Vec<&str> = isr.split(',').collect();
        ids.sort_unstable();
        assert_eq!(ids, vec!["0", "1", "2"], "{described}");
    }

    // Nothing acknowledged was lost.
    assert!(
        report.errors.is_empty(),
        "acks=all deliveries failed during the restart: {:?}",
        report.errors
    );
    assert!(report.acked.len() > 100, "background producer barely ran");
    let read: std::collections::BTreeSet<String> =
        consume_all(&bootstrap, "orders").into_iter().collect();
    common::assert_none_lost(before.iter().chain(&report.acked), &read);

    // No Lease and no progress record left on any Deployment.
    assert!(
        !lifecycle_lease_exists(&ns.0),
        "lifecycle Lease left behind"
    );
    let annotations = tb.kubectl_ok(&[
        "get",
        "deployments",
        "-n",
        &ns.0,
        "-o",
        "jsonpath={range .items[*]}{.metadata.name}: {.metadata.annotations}{\"\\n\"}{end}",
    ]);
    assert!(
        !annotations.contains(PROGRESS),
        "progress record left behind: {annotations}"
    );

    // The cluster is still found once, with the brokers tied to their new pods.
    let after_status = status("after");
    let ties = tied(&after_status);
    assert_eq!(ties.len(), 3, "{after_status}");
    for (id, pod) in &ties {
        assert!(
            after.iter().any(|(p, _)| p == pod) && pod.starts_with(&format!("kafka-broker{id}-")),
            "broker {id} tied to {pod:?}, pods now {after:?}: {after_status}"
        );
    }
}
