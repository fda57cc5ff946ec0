//! Helpers shared by the integration tests: access to the local testbed (tests/testbed/up.sh),
//! kubectl and Kafka CLI wrappers, per-test Kafka clusters, and an independent rdkafka client
//! to prove that no acknowledged record was lost.
//!
//! Include with `mod common;` from a file in tests/. Test code may panic: a panic is a failed
//! test with a message that says what went wrong.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use rdkafka::ClientConfig;
use rdkafka::ClientContext;
use rdkafka::Message;
use rdkafka::Offset;
use rdkafka::TopicPartitionList;
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::message::DeliveryResult;
use rdkafka::producer::{BaseRecord, Producer, ProducerContext, ThreadedProducer};

/// The running testbed, as described by `.testbed/env`.
#[derive(Debug, Clone)]
pub struct Testbed {
    /// State directory (`.testbed`): logs/, data/, pki/, kubeconfig.
    pub dir: PathBuf,
    /// tests/testbed (scripts).
    pub src: PathBuf,
    pub kubeconfig: PathBuf,
    pub kubectl: PathBuf,
    pub kafka_lib: PathBuf,
    pub java: PathBuf,
    /// Bootstrap servers of the default cluster (namespace `kafka`).
    pub kafka_bootstrap: String,
    /// Kafka version the brokers run (e.g. 4.1.1).
    pub kafka_version: String,
    /// `kraft` (controller StatefulSet `kafka-controller`) or `zookeeper` (StatefulSet `zookeeper`).
    pub mode: String,
}

fn parse_env_file(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .filter_map(|l| l.trim().strip_prefix("export "))
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_string(), v.trim_matches('\'').to_string()))
        .collect()
}

impl Testbed {
    /// The testbed started by tests/testbed/up.sh. Panics when it is not running.
    pub fn get() -> &'static Testbed {
        static TB: OnceLock<Testbed> = OnceLock::new();
        TB.get_or_init(|| {
            let dir = std::env::var_os("KAFKA_TESTBED_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(".testbed"));
            let text = std::fs::read_to_string(dir.join("env"))
                .unwrap_or_else(|_| panic!("testbed not running: run tests/testbed/up.sh"));
            // Scripts append to it and shells source it: a last line without its newline would
            // be joined to the next one appended.
            assert!(
                text.ends_with('\n'),
                "{}/env does not end with a newline: fix tests/testbed/up.sh",
                dir.display()
            );
            let env = parse_env_file(&text);
            let get = |k: &str| -> String {
                env.get(k).cloned().unwrap_or_else(|| {
                    panic!("testbed not running: run tests/testbed/up.sh ({k} missing in env)")
                })
            };
            let tb = Testbed {
                src: PathBuf::from(get("KAFKA_TESTBED_SRC")),
                kubeconfig: PathBuf::from(get("KUBECONFIG")),
                kubectl: PathBuf::from(get("KUBECTL")),
                kafka_lib: PathBuf::from(get("KAFKA_LIB")),
                java: PathBuf::from(get("JAVA")),
                kafka_bootstrap: get("KAFKA_BOOTSTRAP"),
                kafka_version: get("KAFKA_VERSION"),
                mode: env
                    .get("KAFKA_TESTBED_MODE")
                    .cloned()
                    .unwrap_or_else(|| "kraft".into()),
                dir,
            };
            let alive = Command::new(&tb.kubectl)
                .env("KUBECONFIG", &tb.kubeconfig)
                .args(["get", "--raw", "/readyz"])
                .output()
                .map(|o| o.status.success())
                .unwrap_or(false);
            assert!(alive, "testbed not running: run tests/testbed/up.sh");
            tb
        })
    }

    pub fn is_kraft(&self) -> bool {
        self.mode != "zookeeper"
    }

    /// Runs kubectl against the testbed.
    pub fn kubectl(&self, args: &[&str]) -> Output {
        Command::new(&self.kubectl)
            .env("KUBECONFIG", &self.kubeconfig)
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", self.kubectl.display()))
    }

    /// Runs kubectl and returns its stdout; panics with stderr when it fails.
    pub fn kubectl_ok(&self, args: &[&str]) -> String {
        let out = self.kubectl(args);
        assert!(
            out.status.success(),
            "kubectl {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Runs a Kafka CLI tool from the testbed's jars (`kafka-topics`, `kafka-configs`, ...).
    pub fn kafka_tool(&self, name: &str, args: &[&str]) -> Output {
        Command::new(self.src.join("kafka-tool.sh"))
            .arg(name)
            .args(args)
            .env("KAFKA_LIB", &self.kafka_lib)
            .env("JAVA", &self.java)
            .output()
            .unwrap_or_else(|e| panic!("cannot run kafka-tool.sh: {e}"))
    }

    /// Deploys 1 KRaft controller + `brokers` brokers into `ns` (created if needed) and waits
    /// until every broker is registered. Returns the bootstrap servers.
    pub fn deploy_cluster(&self, ns: &str, brokers: u32) -> String {
        let out = Command::new(self.src.join("deploy-cluster.sh"))
            .args([ns, &brokers.to_string()])
            .env("KAFKA_TESTBED_DIR", &self.dir)
            .output()
            .unwrap_or_else(|e| panic!("cannot run deploy-cluster.sh: {e}"));
        assert!(
            out.status.success(),
            "deploying {brokers} brokers into {ns} failed:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let bootstrap = self.bootstrap(ns);
        wait_for_brokers(&bootstrap, brokers as usize, Duration::from_secs(120));
        bootstrap
    }

    /// Deletes a namespace (fast: pods get a 1 s grace period) and its brokers' data, and waits
    /// until it is gone.
    pub fn delete_namespace(&self, ns: &str) {
        assert_ne!(
            ns, "kafka",
            "the shared cluster's namespace must not be deleted"
        );
        let _ = self.kubectl(&["delete", "namespace", ns, "--wait=false"]);
        let _ = self.kubectl(&[
            "delete",
            "pods",
            "--all",
            "-n",
            ns,
            "--grace-period=1",
            "--wait=false",
        ]);
        let out = self.kubectl(&[
            "wait",
            "--for=delete",
            &format!("namespace/{ns}"),
            "--timeout=180s",
        ]);
        assert!(
            out.status.success() || String::from_utf8_lossy(&out.stderr).contains("NotFound"),
            "namespace {ns} not deleted: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let _ = std::fs::remove_dir_all(self.dir.join("data").join(ns));
    }

    /// Bootstrap servers (pod IP:9092 of every broker pod) of the cluster in `ns`.
    pub fn bootstrap(&self, ns: &str) -> String {
        let ips = self.kubectl_ok(&[
            "get",
            "pods",
            "-n",
            ns,
            "-l",
            "app.kubernetes.io/component=broker",
            "-o",
            "jsonpath={.items[*].status.podIP}",
        ]);
        let list: Vec<String> = ips
            .split_whitespace()
            .map(|ip| format!("{ip}:9092"))
            .collect();
        assert!(
            !list.is_empty(),
            "no broker pods with an IP in namespace {ns}"
        );
        list.join(",")
    }

    /// What a pod's containers wrote (all restarts appended; the node agent keeps one file per
    /// container, `logs/<ns>_<pod>_<container>.log`).
    pub fn pod_log(&self, ns: &str, pod: &str) -> String {
        let prefix = format!("{ns}_{pod}_");
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.dir.join("logs"))
            .map(|d| {
                d.flatten()
                    .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
                    .map(|e| e.path())
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        files
            .iter()
            .map(|f| std::fs::read_to_string(f).unwrap_or_default())
            .collect()
    }

    /// The host pid of a running container's first process (PID 1 of the container), from the
    /// node agent's pod state file.
    pub fn container_pid(&self, ns: &str, pod: &str, container: &str) -> Option<i32> {
        let path = self
            .dir
            .join("agent")
            .join("pods")
            .join(ns)
            .join(format!("{pod}.json"));
        let text = std::fs::read_to_string(path).ok()?;
        let v: serde_json::Value = serde_json::from_str(&text).ok()?;
        v["containers"][container]["pid"]
            .as_i64()
            .and_then(|p| i32::try_from(p).ok())
    }

    /// Creates a topic with the CLI tool; panics if that fails.
    /// Creates `topic` with replicas placed as `assignment` says (kafka-topics
    /// `--replica-assignment`, e.g. "0,0,0" for three partitions all on broker 0).
    pub fn create_topic_assigned(&self, bootstrap: &str, topic: &str, assignment: &str) {
        let out = self.kafka_tool(
            "kafka-topics",
            &[
                "--bootstrap-server",
                bootstrap,
                "--create",
                "--topic",
                topic,
                "--replica-assignment",
                assignment,
            ],
        );
        assert!(
            out.status.success(),
            "creating {topic}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Produces `records` records of 200 bytes to `topic` with Kafka's ProducerPerformance,
    /// acks=all, round robin so every partition gets its share (a throttled move of any of them
    /// takes a while).
    pub fn bulk_produce(&self, bootstrap: &str, topic: &str, records: u32) {
        let out = self.kafka_tool(
            "org.apache.kafka.tools.ProducerPerformance",
            &[
                "--topic",
                topic,
                "--num-records",
                &records.to_string(),
                "--record-size",
                "200",
                "--throughput",
                "-1",
                "--producer-props",
                &format!("bootstrap.servers={bootstrap}"),
                "acks=all",
                "partitioner.class=org.apache.kafka.clients.producer.RoundRobinPartitioner",
            ],
        );
        assert!(
            out.status.success(),
            "producing to {topic} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// The brokers' replication throttle rates, as Kafka's own kafka-configs lists them.
    pub fn broker_throttle_rates(&self, bootstrap: &str) -> String {
        let out = self.kafka_tool(
            "kafka-configs",
            &[
                "--bootstrap-server",
                bootstrap,
                "--describe",
                "--entity-type",
                "brokers",
            ],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter(|l| l.contains("replication.throttled.rate"))
            .map(|l| format!("{}\n", l.trim()))
            .collect()
    }

    pub fn create_topic(&self, bootstrap: &str, topic: &str, partitions: u32, rf: u32) {
        let out = self.kafka_tool(
            "kafka-topics",
            &[
                "--bootstrap-server",
                bootstrap,
                "--create",
                "--if-not-exists",
                "--topic",
                topic,
                "--partitions",
                &partitions.to_string(),
                "--replication-factor",
                &rf.to_string(),
            ],
        );
        assert!(
            out.status.success(),
            "creating topic {topic} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// The plugin binary: this build's, or `KUBECTL_KAFKA_BIN` (a copy taken right after the build,
/// so that another build of the tree cannot swap it under a running test).
pub fn plugin_bin() -> std::path::PathBuf {
    std::env::var_os("KUBECTL_KAFKA_BIN")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::PathBuf::from(env!("CARGO_BIN_EXE_kubectl-kafka")))
}

/// The outside vantage point from the testbed's env file: (network namespace, kubeconfig).
pub fn outside() -> (String, std::path::PathBuf) {
    let tb = Testbed::get();
    let text = std::fs::read_to_string(tb.dir.join("env")).expect("testbed env");
    let get = |k: &str| {
        text.lines()
            .filter_map(|l| l.trim().strip_prefix("export "))
            .filter_map(|l| l.split_once('='))
            .find(|(key, _)| *key == k)
            .map(|(_, v)| v.trim_matches('\'').to_string())
            .unwrap_or_else(|| panic!("{k} missing in the testbed env: run tests/testbed/up.sh"))
    };
    let netns = get("OUTSIDE_NETNS");
    assert!(
        std::path::Path::new("/run/netns").join(&netns).exists(),
        "no outside network namespace {netns}: run tests/testbed/up.sh"
    );
    (netns, std::path::PathBuf::from(get("OUTSIDE_KUBECONFIG")))
}

/// The plugin binary (`kubectl-kafka`) with KUBECONFIG set to the testbed's.
pub fn plugin() -> Command {
    let mut c = Command::new(plugin_bin());
    c.env("KUBECONFIG", &Testbed::get().kubeconfig);
    c
}

/// A namespace name unique to this process and call, for tests that mutate clusters.
/// Runs the plugin to the end (stdin closed) and writes the command and its output to the test's
/// log.
pub fn run_logged(args: &[&str]) -> std::process::Output {
    let out = plugin()
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run the plugin");
    eprintln!(
        "$ kubectl kafka {}\n{}{}",
        args.join(" "),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Starts the plugin in the background, its output piped.
pub fn spawn_plugin(args: &[&str]) -> std::process::Child {
    eprintln!("$ kubectl kafka {} &", args.join(" "));
    plugin()
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn the plugin")
}

/// The reassignments `reassign status` reports in flight in `ns`.
pub fn reassignments_in_flight(ns: &str) -> Vec<serde_json::Value> {
    let out = run_logged(&["reassign", "status", "-n", ns, "-o", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("status JSON");
    v["in_flight"].as_array().cloned().unwrap_or_default()
}

pub fn unique_ns(prefix: &str) -> String {
    use std::sync::atomic::AtomicU32;
    static N: AtomicU32 = AtomicU32::new(0);
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() % 100_000)
        .unwrap_or(0);
    format!("{prefix}-{secs}-{}", N.fetch_add(1, Ordering::Relaxed))
}

fn base_config(bootstrap: &str) -> ClientConfig {
    let mut c = ClientConfig::new();
    c.set("bootstrap.servers", bootstrap)
        .set("socket.timeout.ms", "10000")
        .set("log_level", "3");
    c
}

/// Broker ids in the cluster's metadata (registered, unfenced brokers).
pub fn broker_ids(bootstrap: &str) -> Vec<i32> {
    let consumer: BaseConsumer = match base_config(bootstrap).create() {
        Ok(c) => c,
        Err(_) => return Vec::new(),
    };
    match consumer.fetch_metadata(None, Duration::from_secs(5)) {
        Ok(md) => {
            let mut ids: Vec<i32> = md.brokers().iter().map(|b| b.id()).collect();
            ids.sort_unstable();
            ids
        }
        Err(_) => Vec::new(),
    }
}

/// Waits until at least `n` brokers are in the metadata; panics after `timeout`.
pub fn wait_for_brokers(bootstrap: &str, n: usize, timeout: Duration) -> Vec<i32> {
    let deadline = Instant::now() + timeout;
    loop {
        let ids = broker_ids(bootstrap);
        if ids.len() >= n {
            return ids;
        }
        assert!(
            Instant::now() < deadline,
            "only brokers {ids:?} registered at {bootstrap} after {timeout:?}, expected {n}"
        );
        std::thread::sleep(Duration::from_millis(500));
    }
}

#[derive(Default)]
struct AckState {
    acked: Mutex<Vec<String>>,
    errors: Mutex<Vec<String>>,
}

struct AckContext(Arc<AckState>);

impl ClientContext for AckContext {}

impl ProducerContext for AckContext {
    type DeliveryOpaque = ();
    fn delivery(&self, result: &DeliveryResult<'_>, _: ()) {
        match result {
            Ok(m) => {
                let key = m.key().map(|k| String::from_utf8_lossy(k).into_owned());
                if let (Some(k), Ok(mut v)) = (key, self.0.acked.lock()) {
                    v.push(k);
                }
            }
            Err((e, m)) => {
                let key = m
                    .key()
                    .map(|k| String::from_utf8_lossy(k).into_owned())
                    .unwrap_or_default();
                if let Ok(mut v) = self.0.errors.lock() {
                    v.push(format!("{key}: {e}"));
                }
            }
        }
    }
}

fn acks_all_producer(bootstrap: &str, state: Arc<AckState>) -> ThreadedProducer<AckContext> {
    base_config(bootstrap)
        .set("acks", "all")
        .set("enable.idempotence", "true")
        .set("message.timeout.ms", "120000")
        .set("linger.ms", "5")
        .create_with_context(AckContext(state))
        .unwrap_or_else(|e| panic!("cannot create a producer for {bootstrap}: {e}"))
}

fn send_retrying(p: &ThreadedProducer<AckContext>, topic: &str, key: &str) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        match p.send(BaseRecord::to(topic).key(key).payload(key)) {
            Ok(()) => return Ok(()),
            Err((e, _)) if Instant::now() < deadline => {
                if !matches!(
                    e,
                    rdkafka::error::KafkaError::MessageProduction(
                        rdkafka::types::RDKafkaErrorCode::QueueFull
                    )
                ) {
                    return Err(format!("{key}: {e}"));
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            Err((e, _)) => return Err(format!("{key}: {e}")),
        }
    }
}

/// Produces `n` records (keys `<topic>-0` ..) with acks=all and returns the acknowledged keys.
pub fn produce_acks_all(bootstrap: &str, topic: &str, n: usize) -> Vec<String> {
    let state = Arc::new(AckState::default());
    let p = acks_all_producer(bootstrap, state.clone());
    for i in 0..n {
        if let Err(e) = send_retrying(&p, topic, &format!("{topic}-{i}")) {
            panic!("producing to {topic} failed: {e}");
        }
    }
    if let Err(e) = p.flush(Duration::from_secs(120)) {
        panic!("flushing records to {topic} failed: {e}");
    }
    drop(p);
    let errors = state.errors.lock().map(|v| v.clone()).unwrap_or_default();
    assert!(errors.is_empty(), "delivery errors on {topic}: {errors:?}");
    state.acked.lock().map(|v| v.clone()).unwrap_or_default()
}

/// Reads every record of `topic` from the beginning up to the current end and returns the keys.
pub fn consume_all(bootstrap: &str, topic: &str) -> Vec<String> {
    let consumer: BaseConsumer = base_config(bootstrap)
        .set("group.id", format!("testbed-check-{}", unique_ns("g")))
        .set("enable.auto.commit", "false")
        .set("auto.offset.reset", "earliest")
        .set("isolation.level", "read_committed")
        .create()
        .unwrap_or_else(|e| panic!("cannot create a consumer for {bootstrap}: {e}"));
    let md = consumer
        .fetch_metadata(Some(topic), Duration::from_secs(20))
        .unwrap_or_else(|e| panic!("cannot read metadata of {topic}: {e}"));
    let parts: Vec<i32> = md
        .topics()
        .iter()
        .filter(|t| t.name() == topic)
        .flat_map(|t| t.partitions().iter().map(|p| p.id()))
        .collect();
    assert!(!parts.is_empty(), "topic {topic} has no partitions");
    let mut remaining: BTreeMap<i32, i64> = BTreeMap::new();
    let mut tpl = TopicPartitionList::new();
    for p in &parts {
        let (low, high) = consumer
            .fetch_watermarks(topic, *p, Duration::from_secs(20))
            .unwrap_or_else(|e| panic!("cannot read offsets of {topic}/{p}: {e}"));
        if high > low {
            remaining.insert(*p, high);
        }
        tpl.add_partition_offset(topic, *p, Offset::Beginning)
            .unwrap_or_else(|e| panic!("bad partition {topic}/{p}: {e}"));
    }
    consumer
        .assign(&tpl)
        .unwrap_or_else(|e| panic!("cannot assign {topic}: {e}"));
    let mut keys = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(120);
    while !remaining.is_empty() {
        assert!(
            Instant::now() < deadline,
            "timed out reading {topic}; partitions not read to the end: {remaining:?}"
        );
        match consumer.poll(Duration::from_millis(500)) {
            Some(Ok(m)) => {
                if let Some(k) = m.key() {
                    keys.push(String::from_utf8_lossy(k).into_owned());
                }
                if let Some(end) = remaining.get(&m.partition())
                    && m.offset() + 1 >= *end
                {
                    remaining.remove(&m.partition());
                }
            }
            Some(Err(e)) => eprintln!("consumer error on {topic} (retrying): {e}"),
            None => {}
        }
    }
    keys
}

/// What a background producer saw.
#[derive(Debug, Clone, Default)]
pub struct ProduceReport {
    /// Keys the cluster acknowledged (acks=all).
    pub acked: Vec<String>,
    /// Records that failed (key: error), and errors on send.
    pub errors: Vec<String>,
    /// Records handed to the producer.
    pub sent: usize,
}

/// Produces continuously with acks=all until stopped.
pub struct BackgroundProducer {
    stop: Arc<AtomicBool>,
    state: Arc<AckState>,
    handle: Option<JoinHandle<(usize, Vec<String>)>>,
}

impl BackgroundProducer {
    /// Starts producing keys `<topic>-bg-<n>` about every `interval`.
    pub fn start(bootstrap: &str, topic: &str, interval: Duration) -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let state = Arc::new(AckState::default());
        let p = acks_all_producer(bootstrap, state.clone());
        let (stop2, topic) = (stop.clone(), topic.to_string());
        let handle = std::thread::spawn(move || {
            let mut sent = 0usize;
            let mut errors = Vec::new();
            while !stop2.load(Ordering::Relaxed) {
                match send_retrying(&p, &topic, &format!("{topic}-bg-{sent}")) {
                    Ok(()) => sent += 1,
                    Err(e) => errors.push(e),
                }
                std::thread::sleep(interval);
            }
            if let Err(e) = p.flush(Duration::from_secs(120)) {
                errors.push(format!("flush: {e}"));
            }
            (sent, errors)
        });
        BackgroundProducer {
            stop,
            state,
            handle: Some(handle),
        }
    }

    /// Keys acknowledged so far.
    pub fn acked_count(&self) -> usize {
        self.state.acked.lock().map(|v| v.len()).unwrap_or(0)
    }

    /// Stops producing, waits for outstanding deliveries, and reports.
    pub fn stop(mut self) -> ProduceReport {
        self.stop.store(true, Ordering::Relaxed);
        let (sent, mut errors) = self
            .handle
            .take()
            .map(|h| {
                h.join()
                    .unwrap_or((0, vec!["producer thread panicked".into()]))
            })
            .unwrap_or_default();
        errors.extend(
            self.state
                .errors
                .lock()
                .map(|v| v.clone())
                .unwrap_or_default(),
        );
        ProduceReport {
            acked: self
                .state
                .acked
                .lock()
                .map(|v| v.clone())
                .unwrap_or_default(),
            errors,
            sent,
        }
    }
}

impl Drop for BackgroundProducer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// The pid of the broker (or controller) JVM that runs pod `pod` of namespace `ns`: the `kafka`
/// container's first process, from the node agent's pod state file. The one place that knows how
/// the testbed runs a pod: tests freeze or signal brokers through this.
pub fn broker_pid(ns: &str, pod: &str) -> u32 {
    let pid = Testbed::get()
        .container_pid(ns, pod, "kafka")
        .unwrap_or_else(|| panic!("{ns}/{pod} has no running kafka container"));
    let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
    assert_eq!(
        comm.trim(),
        "java",
        "{ns}/{pod}'s container runs {comm:?}, not the broker JVM"
    );
    u32::try_from(pid).unwrap_or_else(|_| panic!("bad pid {pid}"))
}

/// A test namespace, deleted (with everything in it) when the guard drops, even when the test
/// fails.
pub struct Ns(pub String);

impl Drop for Ns {
    fn drop(&mut self) {
        Testbed::get().delete_namespace(&self.0);
    }
}

/// A broker frozen with SIGSTOP; resumed (SIGCONT) when dropped, even when the test fails.
pub struct FrozenBroker(u32);

impl FrozenBroker {
    pub fn freeze(ns: &str, pod: &str) -> FrozenBroker {
        let pid = broker_pid(ns, pod);
        let ok = Command::new("kill")
            .args(["-STOP", &pid.to_string()])
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        assert!(ok, "kill -STOP {pid} ({ns}/{pod}) failed");
        FrozenBroker(pid)
    }
}

impl Drop for FrozenBroker {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-CONT", &self.0.to_string()])
            .status();
    }
}

/// Fails unless every acknowledged record key is among those read back, naming a few of the lost.
pub fn assert_none_lost<'a>(
    acked: impl IntoIterator<Item = &'a String>,
    read: &std::collections::BTreeSet<String>,
) {
    let lost: Vec<&String> = acked.into_iter().filter(|k| !read.contains(*k)).collect();
    assert!(
        lost.is_empty(),
        "{} acknowledged records lost, e.g. {:?}",
        lost.len(),
        &lost[..lost.len().min(5)]
    );
}

/// The annotation a restart in progress keeps on the StatefulSet.
pub const RESTART_PROGRESS: &str = "kafka.kubectl.io/restart-progress";

/// The restart progress record on StatefulSet `kafka` in `ns` ("" when there is none).
pub fn restart_progress(ns: &str) -> String {
    Testbed::get().kubectl_ok(&[
        "get",
        "statefulset",
        "kafka",
        "-n",
        ns,
        "-o",
        &format!(
            "jsonpath={{.metadata.annotations.{}}}",
            RESTART_PROGRESS.replace('.', "\\.")
        ),
    ])
}

/// Whether cluster `kafka`'s lifecycle Lease exists in `ns`.
pub fn lifecycle_lease_exists(ns: &str) -> bool {
    Testbed::get()
        .kubectl(&["get", "lease", "kafka-lifecycle-kafka", "-n", ns])
        .status
        .success()
}

/// `min.insync.replicas` of `topic` set to `n` with Kafka's own tool.
pub fn set_min_isr(bootstrap: &str, topic: &str, n: u32) {
    let out = Testbed::get().kafka_tool(
        "kafka-configs",
        &[
            "--bootstrap-server",
            bootstrap,
            "--alter",
            "--entity-type",
            "topics",
            "--entity-name",
            topic,
            "--add-config",
            &format!("min.insync.replicas={n}"),
        ],
    );
    assert!(
        out.status.success(),
        "setting min.insync.replicas on {topic}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}
