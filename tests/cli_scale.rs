//! Integration tests of `kubectl kafka scale`, `rebalance` and `reassign` on the local testbed.
//! Each test deploys its own cluster in its own namespace and deletes it at the end.
//! Needs tests/testbed/up.sh; run with --test-threads=1.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::process::Output;
use std::time::{Duration, Instant};

use common::{
    BackgroundProducer, Testbed, consume_all, produce_acks_all, reassignments_in_flight,
    run_logged, spawn_plugin, unique_ns,
};
use rdkafka::ClientConfig;
use rdkafka::consumer::{BaseConsumer, Consumer};

/// Deletes the namespace when the test ends, passed or failed.
struct Namespace(String);

impl Drop for Namespace {
    fn drop(&mut self) {
        Testbed::get().delete_namespace(&self.0);
    }
}

fn json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "plugin failed ({:?}): {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

/// Replica lists and leaders per partition, from an independent client.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Layout {
    replicas: BTreeMap<(String, i32), Vec<i32>>,
    leaders: BTreeMap<(String, i32), i32>,
}

fn layout(bootstrap: &str) -> Layout {
    let c: BaseConsumer = ClientConfig::new()
        .set("bootstrap.servers", bootstrap)
        .set("log_level", "3")
        .create()
        .expect("metadata client");
    let md = c
        .fetch_metadata(None, Duration::from_secs(20))
        .expect("metadata");
    let mut l = Layout {
        replicas: BTreeMap::new(),
        leaders: BTreeMap::new(),
    };
    for t in md.topics() {
        for p in t.partitions() {
            let k = (t.name().to_string(), p.id());
            l.replicas.insert(k.clone(), p.replicas().to_vec());
            l.leaders.insert(k, p.leader());
        }
    }
    l
}

impl Layout {
    fn replica_counts(&self, brokers: &[i32]) -> BTreeMap<i32, usize> {
        let mut m: BTreeMap<i32, usize> = brokers.iter().map(|b| (*b, 0)).collect();
        for r in self.replicas.values() {
            for b in r {
                *m.entry(*b).or_insert(0) += 1;
            }
        }
        m
    }
    fn leader_counts(&self, brokers: &[i32]) -> BTreeMap<i32, usize> {
        let mut m: BTreeMap<i32, usize> = brokers.iter().map(|b| (*b, 0)).collect();
        for l in self.leaders.values() {
            *m.entry(*l).or_insert(0) += 1;
        }
        m
    }
}

/// Every count within ⌊total/n⌋..⌈total/n⌉.
fn assert_balanced(what: &str, counts: &BTreeMap<i32, usize>) {
    let total: usize = counts.values().sum();
    let n = counts.len();
    let (lo, hi) = (total / n, total.div_ceil(n));
    for (b, c) in counts {
        assert!(
            (lo..=hi).contains(c),
            "{what}: broker {b} has {c}, expected {lo}..={hi}: {counts:?}"
        );
    }
}

/// The replication throttle configs of every broker and topic, per Kafka's own kafka-configs:
/// one `<entity>: <config line>` line each.
fn throttle_configs(tb: &Testbed, bootstrap: &str) -> String {
    let mut found = String::new();
    for entity in ["brokers", "topics"] {
        let out = tb.kafka_tool(
            "kafka-configs",
            &[
                "--bootstrap-server",
                bootstrap,
                "--describe",
                "--entity-type",
                entity,
            ],
        );
        assert!(
            out.status.success(),
            "kafka-configs failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        // "Dynamic configs for topic lopsided are:" then one indented line per config.
        let mut owner = String::new();
        for line in String::from_utf8_lossy(&out.stdout).lines() {
            if !line.starts_with(' ') {
                owner = line
                    .trim_end_matches(" are:")
                    .replace("Dynamic configs for ", "");
            } else if line.contains("replication.throttled") {
                found.push_str(&format!("{owner}: {}\n", line.trim()));
            }
        }
    }
    found
}

/// No replication throttle left on any broker or topic, per Kafka's own kafka-configs.
fn assert_no_throttles(tb: &Testbed, bootstrap: &str) {
    for entity in ["brokers", "topics"] {
        let out = tb.kafka_tool(
            "kafka-configs",
            &[
                "--bootstrap-server",
                bootstrap,
                "--describe",
                "--entity-type",
                entity,
            ],
        );
        assert!(
            out.status.success(),
            "kafka-configs failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            !text.contains("replication.throttled"),
            "throttle configs left on {entity}:\n{text}"
        );
    }
}

fn sts(tb: &Testbed, ns: &str) -> String {
    tb.kubectl_ok(&[
        "get",
        "statefulset",
        "kafka",
        "-n",
        ns,
        "-o",
        "jsonpath={.metadata.generation} {.spec.replicas} {.metadata.annotations}",
    ])
}

fn assert_all_read_back(bootstrap: &str, topic: &str, acked: &[String]) {
    let read: BTreeSet<String> = consume_all(bootstrap, topic).into_iter().collect();
    let missing: Vec<&String> = acked.iter().filter(|k| !read.contains(*k)).collect();
    assert!(
        missing.is_empty(),
        "{} acknowledged records of {topic} lost, e.g. {:?}",
        missing.len(),
        &missing[..missing.len().min(5)]
    );
}

fn report_numbers(what: &str, v: &serde_json::Value) {
    let plan = &v["rebalance"]["plan"];
    let exec = &v["rebalance"]["execution"];
    eprintln!(
        "MEASURED {what}: replicas_moved={} lower_bound={} partitions={} bytes_moved={} \
         reassignment_secs={:.1} total_secs={:.1} leaders_elected={}",
        plan["replicas_moved"],
        plan["lower_bound"],
        plan["partitions_changed"],
        exec["bytes_moved"],
        exec["duration_secs"].as_f64().unwrap_or(0.0),
        v["duration_secs"].as_f64().unwrap_or(0.0),
        exec["leaders_elected"],
    );
}

/// The broker ids registered with the KRaft controller, fenced ones included, as Kafka's own
/// `kafka-cluster list-endpoints --include-fenced-brokers` lists them (DescribeCluster).
fn registered_ids(tb: &Testbed, bootstrap: &str) -> Vec<i32> {
    let out = tb.kafka_tool(
        "kafka-cluster",
        &[
            "list-endpoints",
            "--bootstrap-server",
            bootstrap,
            "--include-fenced-brokers",
        ],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "kafka-cluster list-endpoints failed: {}{stdout}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A header line, then one line per broker: ID HOST PORT RACK STATE ENDPOINT_TYPE.
    let mut ids: Vec<i32> = stdout
        .lines()
        .filter_map(|l| l.split_whitespace().next()?.parse().ok())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    assert!(!ids.is_empty(), "no broker listed: {stdout}");
    ids
}

#[test]
fn scale_out_and_in_under_load_loses_nothing() {
    let tb = Testbed::get();
    let ns = Namespace(unique_ns("scale"));
    let bootstrap = tb.deploy_cluster(&ns.0, 3);
    // Replication factor 2: the testbed's brokers carry racks (3 zones, the 4th broker shares a
    // zone), and RF 2 is what a 4-broker layout can balance without two replicas in one zone.
    tb.create_topic(&bootstrap, "orders", 12, 2);
    tb.create_topic(&bootstrap, "events", 8, 2);
    let mut acked_orders = produce_acks_all(&bootstrap, "orders", 4000);
    let acked_events = produce_acks_all(&bootstrap, "events", 4000);
    tb.bulk_produce(&bootstrap, "events", 100_000);

    // Scale out 3 → 4 while a producer writes with acks=all. `--timeout 0` is "no limit": it
    // must not overflow a deadline anywhere on the way (it once panicked after the pods were up).
    // `--balance count`: this test holds the plan to the replica-count bound and even counts;
    // disk balancing (the default when sizes are known) trades those for even bytes.
    let producer = BackgroundProducer::start(&bootstrap, "orders", Duration::from_millis(5));
    let out = run_logged(&[
        "scale",
        "-n",
        &ns.0,
        "--replicas",
        "4",
        "--balance",
        "count",
        "--throttle",
        "50MiB",
        "--timeout",
        "0",
        "--yes",
        "-o",
        "json",
    ]);
    let v = json(&out);
    let bg = producer.stop();
    assert!(bg.errors.is_empty(), "producer errors: {:?}", bg.errors);
    assert!(!bg.acked.is_empty(), "the background producer got no acks");
    acked_orders.extend(bg.acked);
    report_numbers("scale-out 3->4", &v);
    assert_eq!(v["added_brokers"], serde_json::json!([3]));
    let plan = &v["rebalance"]["plan"];
    assert_eq!(
        plan["replicas_moved"], plan["lower_bound"],
        "scale-out moved more than the lower bound: {plan}"
    );
    assert_eq!(v["rebalance"]["execution"]["throttle"], 52428800);

    let l = layout(&bootstrap);
    let brokers = [0, 1, 2, 3];
    let rc = l.replica_counts(&brokers);
    assert_balanced("replicas after scale-out", &rc);
    assert!(rc[&3] > 0, "the new broker holds nothing: {rc:?}");
    assert_balanced("leaders after scale-out", &l.leader_counts(&brokers));
    assert_no_throttles(tb, &bootstrap);
    assert!(
        !sts(tb, &ns.0).contains("kafka.kubectl.io/throttles"),
        "throttle record left on the StatefulSet"
    );
    assert_all_read_back(&bootstrap, "orders", &acked_orders);
    assert_all_read_back(&bootstrap, "events", &acked_events);

    // The scale-in dry run says it would unregister the leaving broker, and changes nothing.
    let out = run_logged(&["scale", "-n", &ns.0, "--replicas", "3", "--dry-run"]);
    assert!(out.status.success(), "scale-in dry run failed");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("would unregister the removed brokers [3]"),
        "{err}"
    );
    assert!(
        registered_ids(tb, &bootstrap).contains(&3),
        "the dry run changed the registrations"
    );

    // Scale in 4 → 3 the same way: broker 3 is drained before its pod goes.
    let producer = BackgroundProducer::start(&bootstrap, "orders", Duration::from_millis(5));
    let out = run_logged(&[
        "scale",
        "-n",
        &ns.0,
        "--replicas",
        "3",
        "--balance",
        "count",
        "--throttle",
        "50MiB",
        "--yes",
        "-o",
        "json",
    ]);
    let v = json(&out);
    let bg = producer.stop();
    assert!(bg.errors.is_empty(), "producer errors: {:?}", bg.errors);
    acked_orders.extend(bg.acked);
    report_numbers("scale-in 4->3", &v);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("unregistered the removed brokers [3]"),
        "{err}"
    );
    assert_eq!(v["removed_brokers"], serde_json::json!([3]));
    let balance = &v["rebalance"]["execution"]["balance"];
    let b3 = balance
        .as_array()
        .and_then(|a| a.iter().find(|b| b["broker"] == 3))
        .cloned();
    if let Some(b3) = b3 {
        assert_eq!(b3["replicas"], 0, "broker 3 still held data: {b3}");
    }
    let pods = tb.kubectl_ok(&[
        "get",
        "pods",
        "-n",
        &ns.0,
        "-l",
        "app.kubernetes.io/component=broker",
        "-o",
        "jsonpath={.items[*].metadata.name}",
    ]);
    assert_eq!(pods.split_whitespace().count(), 3, "pods: {pods}");
    assert!(sts(tb, &ns.0).contains(" 3"), "StatefulSet not at 3");
    let bootstrap = tb.bootstrap(&ns.0);
    let l = layout(&bootstrap);
    assert!(
        l.replicas.values().all(|r| !r.contains(&3)),
        "replicas left on broker 3"
    );
    // Kafka no longer knows broker 3, not even as a fenced broker.
    assert_eq!(registered_ids(tb, &bootstrap), vec![0, 1, 2]);
    assert_balanced("replicas after scale-in", &l.replica_counts(&[0, 1, 2]));
    assert_balanced("leaders after scale-in", &l.leader_counts(&[0, 1, 2]));
    assert_no_throttles(tb, &bootstrap);
    assert_all_read_back(&bootstrap, "orders", &acked_orders);
    assert_all_read_back(&bootstrap, "events", &acked_events);
}

#[test]
fn dry_run_and_refusals_change_nothing() {
    let tb = Testbed::get();
    let ns = Namespace(unique_ns("scale-dry"));
    let bootstrap = tb.deploy_cluster(&ns.0, 3);
    tb.create_topic(&bootstrap, "rf3", 6, 3);
    tb.create_topic(&bootstrap, "rf2", 6, 2);
    produce_acks_all(&bootstrap, "rf2", 500);
    let before = (layout(&bootstrap), sts(tb, &ns.0));

    // Scale-out dry run: a plan onto the predicted broker 3, nothing changed.
    let v = json(&run_logged(&[
        "scale",
        "-n",
        &ns.0,
        "--replicas",
        "5",
        "--dry-run",
        "-o",
        "json",
    ]));
    assert_eq!(v["added_brokers"], serde_json::json!([3, 4]));
    assert_eq!(v["rebalance"]["dry_run"], true);
    let plan = &v["rebalance"]["plan"];
    assert!(plan["replicas_moved"].as_u64().unwrap_or(0) > 0, "{plan}");

    // Rebalance dry run on a cluster that is already balanced: no moves.
    let v = json(&run_logged(&[
        "rebalance",
        "-n",
        &ns.0,
        "--dry-run",
        "-o",
        "json",
    ]));
    assert_eq!(v["dry_run"], true);
    assert!(v["execution"].is_null());

    // Scale-in below the replication factor: refused (exit 3) before touching anything.
    let out = run_logged(&["scale", "-n", &ns.0, "--replicas", "2", "--yes"]);
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("replication factor 3") && err.contains("rf3"),
        "{err}"
    );

    // A plan onto fewer brokers than a topic's replication factor: the same refusal, exit 3.
    let out = run_logged(&["reassign", "generate", "-n", &ns.0, "--brokers", "0,1"]);
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("replication factor 3") && err.contains("rf3"),
        "{err}"
    );

    // A replication throttle left set: scaling refuses (exit 3) and names it; --force goes on
    // and still names it.
    let throttle = |op: &str, config: &str| {
        let out = tb.kafka_tool(
            "kafka-configs",
            &[
                "--bootstrap-server",
                &bootstrap,
                "--alter",
                "--entity-type",
                "topics",
                "--entity-name",
                "rf2",
                op,
                config,
            ],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    throttle("--add-config", "leader.replication.throttled.replicas=*");
    let out = run_logged(&["scale", "-n", &ns.0, "--replicas", "4", "--dry-run"]);
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("throttles are set on topic rf2") && err.contains("--force"),
        "{err}"
    );
    let out = run_logged(&[
        "scale",
        "-n",
        &ns.0,
        "--replicas",
        "4",
        "--dry-run",
        "--force",
        "-o",
        "json",
    ]);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    json(&out);
    assert!(
        err.contains("warning: --force") && err.contains("topic rf2"),
        "{err}"
    );
    throttle("--delete-config", "leader.replication.throttled.replicas");

    // Moving data without --yes and without a terminal: exit 2, says to add --yes.
    let out = run_logged(&["scale", "-n", &ns.0, "--replicas", "4"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--yes"));

    let after = (layout(&bootstrap), sts(tb, &ns.0));
    assert_eq!(before.0.replicas, after.0.replicas, "replicas changed");
    assert_eq!(before.1, after.1, "the StatefulSet changed");
    let leases = tb.kubectl_ok(&["get", "leases", "-n", &ns.0, "-o", "name"]);
    assert!(
        !leases.contains("kafka-lifecycle"),
        "a lifecycle lock was left: {leases}"
    );
}

#[test]
fn reassign_plan_file_execute_status_cancel() {
    let tb = Testbed::get();
    let ns = Namespace(unique_ns("reassign"));
    let bootstrap = tb.deploy_cluster(&ns.0, 3);
    // Everything on broker 0: a lopsided layout to rebalance.
    tb.create_topic_assigned(&bootstrap, "lopsided", "0,0,0,0,0,0");
    let acked = produce_acks_all(&bootstrap, "lopsided", 3000);
    // About 5 MB per partition, so a throttled move takes a while.
    tb.bulk_produce(&bootstrap, "lopsided", 150_000);

    // rebalance --dry-run prints a plan and writes it, changes nothing.
    let dir = std::env::temp_dir().join(&ns.0);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let plan_file = dir.join("plan.json");
    let plan_path = plan_file.to_string_lossy().to_string();
    let before = layout(&bootstrap);
    let v = json(&run_logged(&[
        "rebalance",
        "-n",
        &ns.0,
        "--dry-run",
        "--output-plan",
        &plan_path,
        "-o",
        "json",
    ]));
    assert_eq!(v["plan"]["replicas_moved"], 4, "6 replicas over 3 brokers");
    assert_eq!(v["plan"]["lower_bound"], 4);
    assert_eq!(layout(&bootstrap).replicas, before.replicas);
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&plan_file).expect("plan file"))
            .expect("plan JSON");
    assert_eq!(doc["version"], 1);

    // Without --yes: exit 2.
    let out = run_logged(&["reassign", "execute", "-n", &ns.0, "--plan", &plan_path]);
    assert_eq!(out.status.code(), Some(2));

    // Throttles someone else set (kafka-configs): they survive every run, status and cancel.
    let user_throttle = |entity: &str, name: &str, config: &str| {
        let out = tb.kafka_tool(
            "kafka-configs",
            &[
                "--bootstrap-server",
                &bootstrap,
                "--alter",
                "--entity-type",
                entity,
                "--entity-name",
                name,
                "--add-config",
                config,
            ],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    user_throttle(
        "topics",
        "lopsided",
        "leader.replication.throttled.replicas=9:9,follower.replication.throttled.replicas=*",
    );
    user_throttle(
        "brokers",
        "2",
        "leader.replication.throttled.rate=123456789",
    );
    let users = throttle_configs(tb, &bootstrap);
    assert!(
        users.contains("=123456789") && users.contains("=9:9"),
        "{users}"
    );

    // A time limit that comes while the throttled moves crawl: exit 4, naming what still moves.
    // The moves go on, so their throttles and the record of them stay for `reassign status`
    // (here `reassign cancel`) to remove; the Lease is released.
    let out = run_logged(&[
        "reassign",
        "execute",
        "-n",
        &ns.0,
        "--plan",
        &plan_path,
        "--throttle",
        "100KiB",
        "--max-moves-per-broker",
        "1",
        "--timeout",
        "3s",
        "--yes",
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(4), "{err}");
    assert!(
        err.contains("did not finish within 3s") && err.contains("still moving: lopsided-"),
        "{err}"
    );
    assert!(
        !reassignments_in_flight(&ns.0).is_empty(),
        "the moves stopped"
    );
    assert!(
        sts(tb, &ns.0).contains("kafka.kubectl.io/throttles"),
        "the throttle record is gone while data still moves"
    );
    // Appended to the user's list, not written over it; the user's rate replaced while moving.
    let during = throttle_configs(tb, &bootstrap);
    assert!(
        during.contains("leader.replication.throttled.replicas=9:9,")
            && during.contains("follower.replication.throttled.replicas=*")
            && during.contains("broker 2: leader.replication.throttled.rate=102400"),
        "{during}"
    );
    // Status keeps them while anything moves, removes them once nothing does.
    let v = json(&run_logged(&[
        "reassign", "status", "-n", &ns.0, "-o", "json",
    ]));
    let idle = v["in_flight"].as_array().is_some_and(Vec::is_empty);
    assert_eq!(v["throttles_removed"], idle, "{v}");
    let leases = tb.kubectl_ok(&["get", "leases", "-n", &ns.0, "-o", "name"]);
    assert!(!leases.contains("kafka-lifecycle"), "lock left: {leases}");
    let v = json(&run_logged(&[
        "reassign", "cancel", "-n", &ns.0, "-o", "json",
    ]));
    assert!(
        idle || v["throttles_removed"]["topics"]
            .as_array()
            .is_some_and(|t| t.iter().any(|t| t == "lopsided")),
        "{v}"
    );
    assert!(reassignments_in_flight(&ns.0).is_empty());
    assert_eq!(
        throttle_configs(tb, &bootstrap),
        users,
        "cancel touched others' throttles"
    );
    assert!(!sts(tb, &ns.0).contains("kafka.kubectl.io/throttles"));

    // Executed with a throttle so slow that it is still running when interrupted.
    let mut child = spawn_plugin(&[
        "reassign",
        "execute",
        "-n",
        &ns.0,
        "--plan",
        &plan_path,
        "--throttle",
        "100KiB",
        "--max-moves-per-broker",
        "1",
        "--yes",
    ]);
    let deadline = Instant::now() + Duration::from_secs(60);
    while reassignments_in_flight(&ns.0).is_empty() {
        if Instant::now() >= deadline {
            let _ = child.kill();
            let out = child.wait_with_output().expect("wait for the plugin");
            panic!(
                "no reassignment started: {}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(300));
    }
    // Ctrl-C while data moves: the lock is released, the accepted moves continue, and their
    // throttles stay set and recorded (never removed while something moves).
    let pid = child.id().to_string();
    let _ = std::process::Command::new("kill")
        .args(["-INT", &pid])
        .status();
    let out = child.wait_with_output().expect("wait for the plugin");
    let err = String::from_utf8_lossy(&out.stderr);
    eprintln!("{err}");
    assert!(!out.status.success(), "an interrupted run must fail");
    assert!(err.contains("reassign status"), "{err}");
    let leases = tb.kubectl_ok(&["get", "leases", "-n", &ns.0, "-o", "name"]);
    assert!(!leases.contains("kafka-lifecycle"), "lock left: {leases}");
    // 5 MB at 100 KiB/s: the interrupted moves are still running.
    assert!(
        !reassignments_in_flight(&ns.0).is_empty(),
        "the throttled moves should still run"
    );
    assert!(err.contains("throttles stay set"), "{err}");
    assert!(
        throttle_configs(tb, &bootstrap)
            .contains("broker 0: leader.replication.throttled.rate=102400"),
        "the moves Kafka accepted run unthrottled after Ctrl-C"
    );
    assert!(
        sts(tb, &ns.0).contains("kafka.kubectl.io/throttles"),
        "the throttle record is gone while data still moves"
    );
    // `reassign status` while they run keeps them.
    let v = json(&run_logged(&[
        "reassign", "status", "-n", &ns.0, "-o", "json",
    ]));
    assert_eq!(v["throttles_removed"], false, "{v}");
    assert!(throttle_configs(tb, &bootstrap).contains("=102400"));

    // Follow what is still in flight to the end, without --throttle: the earlier run's
    // throttles go once nothing moves.
    let out = run_logged(&["reassign", "execute", "-n", &ns.0, "--yes"]);
    assert!(
        out.status.success()
            || String::from_utf8_lossy(&out.stderr).contains("no reassignment is in flight"),
        "following the reassignments in flight failed"
    );
    assert!(reassignments_in_flight(&ns.0).is_empty());
    assert_eq!(throttle_configs(tb, &bootstrap), users);
    assert!(!sts(tb, &ns.0).contains("kafka.kubectl.io/throttles"));

    // Interrupted again, then the same plan run again while its moves are in flight (the
    // metadata lists old and new replicas together meanwhile): it resumes them, throttled, to
    // the end; then status reports the plan done.
    let mut child = spawn_plugin(&[
        "reassign",
        "execute",
        "-n",
        &ns.0,
        "--plan",
        &plan_path,
        "--throttle",
        "100KiB",
        "--max-moves-per-broker",
        "1",
        "--yes",
    ]);
    let deadline = Instant::now() + Duration::from_secs(60);
    while reassignments_in_flight(&ns.0).is_empty() {
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("no reassignment started the second time");
        }
        std::thread::sleep(Duration::from_millis(300));
    }
    let _ = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    let out = child.wait_with_output().expect("wait for the plugin");
    assert!(!out.status.success(), "an interrupted run must fail");
    assert!(
        !reassignments_in_flight(&ns.0).is_empty(),
        "nothing left in flight to resume"
    );
    let out = run_logged(&[
        "reassign",
        "execute",
        "-n",
        &ns.0,
        "--plan",
        &plan_path,
        "--throttle",
        "20MiB",
        "--yes",
        "-o",
        "json",
    ]);
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "the rerun did not resume: {err}");
    assert!(
        err.contains("already being reassigned: following them")
            && err.contains("replication throttled to 20.0 MiB/s"),
        "{err}"
    );
    let v = json(&out);
    assert!(v["execution"].is_object(), "{v}");
    let v = json(&run_logged(&[
        "reassign", "status", "-n", &ns.0, "--plan", &plan_path, "-o", "json",
    ]));
    assert_eq!(v["in_flight"], serde_json::json!([]));
    assert_eq!(v["plan_done"][0], v["plan_done"][1], "{v}");
    assert_eq!(
        throttle_configs(tb, &bootstrap),
        users,
        "a run touched others' throttles"
    );
    let rc = layout(&bootstrap).replica_counts(&[0, 1, 2]);
    assert_balanced("replicas after the plan", &rc);
    assert_all_read_back(&bootstrap, "lopsided", &acked);

    // A slow reassignment started by Kafka's own tool, with its throttle: status shows it and
    // keeps the throttle; cancel stops it and removes the throttle.
    let l = layout(&bootstrap);
    let from = l.replicas[&("lopsided".to_string(), 0)][0];
    let to = (from + 1) % 3;
    let kafka_plan = dir.join("kafka-plan.json");
    std::fs::write(
        &kafka_plan,
        format!(
            r#"{{"version":1,"partitions":[{{"topic":"lopsided","partition":0,"replicas":[{to}]}}]}}"#
        ),
    )
    .expect("write plan");
    let out = tb.kafka_tool(
        "kafka-reassign-partitions",
        &[
            "--bootstrap-server",
            &bootstrap,
            "--execute",
            "--reassignment-json-file",
            &kafka_plan.to_string_lossy(),
            "--throttle",
            "10000",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json(&run_logged(&[
        "reassign", "status", "-n", &ns.0, "-o", "json",
    ]));
    assert_eq!(
        v["in_flight"].as_array().map(Vec::len),
        Some(1),
        "the throttled move should still run: {v}"
    );
    assert_eq!(v["throttles_removed"], false);
    assert!(
        v["throttle_configs"]
            .as_array()
            .is_some_and(|t| t.iter().any(|t| t["name"] == "lopsided")),
        "{v}"
    );
    // Cancel stops the move; the throttles Kafka's tool set are its own and stay.
    let v = json(&run_logged(&[
        "reassign", "cancel", "-n", &ns.0, "-o", "json",
    ]));
    assert_eq!(v["cancelled"], serde_json::json!(["lopsided-0"]), "{v}");
    assert!(reassignments_in_flight(&ns.0).is_empty());
    let left = throttle_configs(tb, &bootstrap);
    assert!(left.contains("rate=10000"), "{left}");
    assert_eq!(
        layout(&bootstrap).replicas[&("lopsided".to_string(), 0)],
        vec![from],
        "cancel must leave the partition where it was"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
