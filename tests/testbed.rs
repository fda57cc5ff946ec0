//! Integration tests of the local testbed itself: the Kubernetes control plane, the node
//! agent and the Kafka clusters it runs. Needs tests/testbed/up.sh; run with --test-threads=1.

mod common;

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use common::{BackgroundProducer, Testbed, broker_ids, consume_all, produce_acks_all, unique_ns};

fn lines(s: &str) -> Vec<String> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn nodes_are_ready_with_zones() {
    let tb = Testbed::get();
    let out = tb.kubectl_ok(&[
        "get",
        "nodes",
        "-o",
        r#"jsonpath={range .items[*]}{.metadata.name} {.metadata.labels.topology\.kubernetes\.io/zone} {.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}"#,
    ]);
    let rows = lines(&out);
    assert_eq!(rows.len(), 3, "expected 3 nodes, got {rows:?}");
    let zones: BTreeSet<String> = rows
        .iter()
        .map(|r| {
            let f: Vec<&str> = r.split_whitespace().collect();
            assert_eq!(f.len(), 3, "unexpected node row {r:?}");
            assert_eq!(f[2], "True", "node not Ready: {r}");
            f[1].to_string()
        })
        .collect();
    assert_eq!(
        zones,
        ["zone-a", "zone-b", "zone-c"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    );
}

#[test]
fn broker_pods_are_running_and_ready() {
    let tb = Testbed::get();
    let out = tb.kubectl_ok(&[
        "get",
        "pods",
        "-n",
        "kafka",
        "-l",
        "app.kubernetes.io/component=broker",
        "-o",
        r#"jsonpath={range .items[*]}{.metadata.name} {.status.phase} {.status.conditions[?(@.type=="Ready")].status} {.status.podIP} {.spec.nodeName}{"\n"}{end}"#,
    ]);
    let rows = lines(&out);
    assert_eq!(rows.len(), 3, "expected 3 broker pods, got {rows:?}");
    let mut nodes = BTreeSet::new();
    for r in &rows {
        let f: Vec<&str> = r.split_whitespace().collect();
        assert_eq!(f.len(), 5, "unexpected pod row {r:?}");
        assert_eq!(
            (f[1], f[2]),
            ("Running", "True"),
            "broker not running+ready: {r}"
        );
        assert!(
            f[3].starts_with("127."),
            "pod IP not a loopback address: {r}"
        );
        nodes.insert(f[4].to_string());
    }
    assert_eq!(
        nodes.len(),
        3,
        "brokers not spread over the nodes: {rows:?}"
    );
}

#[test]
fn brokers_are_registered_with_racks() {
    let tb = Testbed::get();
    assert_eq!(broker_ids(&tb.kafka_bootstrap), vec![0, 1, 2]);
    let out = tb.kafka_tool(
        "kafka-broker-api-versions",
        &["--bootstrap-server", &tb.kafka_bootstrap],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    for (id, zone) in [(0, "zone-a"), (1, "zone-b"), (2, "zone-c")] {
        assert!(
            text.contains(&format!("(id: {id} rack: {zone}")),
            "broker {id} not registered in rack {zone}:\n{text}"
        );
    }
}

#[test]
fn kafka_cli_tools_work() {
    let tb = Testbed::get();
    let bs = tb.kafka_bootstrap.as_str();
    let topic = unique_ns("cli-topic");
    tb.create_topic(bs, &topic, 3, 3);
    let out = tb.kafka_tool(
        "kafka-topics",
        &["--bootstrap-server", bs, "--describe", "--topic", &topic],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("PartitionCount: 3"), "{text}");
    assert!(text.contains("ReplicationFactor: 3"), "{text}");

    if tb.is_kraft() {
        let out = tb.kafka_tool(
            "kafka-metadata-quorum",
            &["--bootstrap-server", bs, "describe", "--status"],
        );
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            text.contains("LeaderId:") && text.contains("1000"),
            "{text}"
        );
    }

    let out = tb.kafka_tool(
        "kafka-configs",
        &[
            "--bootstrap-server",
            bs,
            "--describe",
            "--entity-type",
            "brokers",
            "--entity-name",
            "0",
            "--all",
        ],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("min.insync.replicas=2"), "{text}");

    let acked = produce_acks_all(bs, &topic, 50);
    assert_eq!(acked.len(), 50);
    let got: BTreeSet<String> = consume_all(bs, &topic).into_iter().collect();
    assert_eq!(got, acked.into_iter().collect());

    let out = tb.kafka_tool(
        "kafka-topics",
        &["--bootstrap-server", bs, "--delete", "--topic", &topic],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn restricted_service_account_is_refused_by_rbac() {
    let tb = Testbed::get();
    let ns = unique_ns("rbac");
    tb.kubectl_ok(&["create", "namespace", &ns]);
    tb.kubectl_ok(&["create", "serviceaccount", "reader", "-n", &ns]);
    tb.kubectl_ok(&[
        "create",
        "role",
        "pod-getter",
        "--verb=get",
        "--resource=pods",
        "-n",
        &ns,
    ]);
    tb.kubectl_ok(&[
        "create",
        "rolebinding",
        "reader-pod-getter",
        "--role=pod-getter",
        &format!("--serviceaccount={ns}:reader"),
        "-n",
        &ns,
    ]);
    let token = tb.kubectl_ok(&["create", "token", "reader", "-n", &ns, "--duration=10m"]);
    let token = token.trim();
    assert!(!token.is_empty());
    let as_reader = |args: &[&str]| {
        let mut a = vec!["--token", token];
        a.extend_from_slice(args);
        tb.kubectl(&a)
    };
    // Allowed: get pods (NotFound is an authorized answer).
    let out = as_reader(&["get", "pod", "nothing-here", "-n", &ns]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("NotFound") || err.contains("not found"),
        "get pod: {err}"
    );
    // Refused: list statefulsets, delete pods.
    let out = as_reader(&["get", "statefulsets", "-n", &ns]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("Forbidden") || err.contains("forbidden"),
        "list statefulsets: {err}"
    );
    let out = as_reader(&[
        "delete",
        "pod",
        "nothing-here",
        "-n",
        &ns,
        "--dry-run=server",
    ]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("forbidden") || err.contains("Forbidden"),
        "delete pod: {err}"
    );
    tb.delete_namespace(&ns);
}

#[test]
fn scale_out_registers_a_fourth_broker() {
    let tb = Testbed::get();
    let ns = unique_ns("scale");
    let bs = tb.deploy_cluster(&ns, 3);
    assert_eq!(broker_ids(&bs), vec![0, 1, 2]);
    tb.kubectl_ok(&[
        "scale",
        "statefulset",
        "kafka",
        "--replicas",
        "4",
        "-n",
        &ns,
    ]);
    let ids = common::wait_for_brokers(&bs, 4, Duration::from_secs(180));
    assert_eq!(ids, vec![0, 1, 2, 3]);
    let ready = tb.kubectl_ok(&[
        "wait",
        "--for=condition=Ready",
        "pod/kafka-3",
        "-n",
        &ns,
        "--timeout=60s",
    ]);
    assert!(ready.contains("condition met"), "{ready}");
    tb.delete_namespace(&ns);
}

fn pod_uid(tb: &Testbed, ns: &str, pod: &str) -> Option<String> {
    let out = tb.kubectl(&[
        "get",
        "pod",
        pod,
        "-n",
        ns,
        "-o",
        "jsonpath={.metadata.uid}",
    ]);
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
        .filter(|s| !s.is_empty())
}

#[test]
fn deleted_broker_shuts_down_cleanly_and_keeps_its_data() {
    let tb = Testbed::get();
    let ns = unique_ns("restart");
    let bs = tb.deploy_cluster(&ns, 3);
    let topic = "durable";
    tb.create_topic(&bs, topic, 3, 3);
    let before = produce_acks_all(&bs, topic, 200);
    assert_eq!(before.len(), 200);
    let data_dir = tb.dir.join("data").join(&ns).join("data-kafka-1");
    let meta_before =
        std::fs::read_to_string(data_dir.join("meta.properties")).unwrap_or_else(|e| {
            panic!(
                "broker 1 has no meta.properties in {}: {e}",
                data_dir.display()
            )
        });
    let log_len = tb.pod_log(&ns, "kafka-1").len();
    let old_uid = pod_uid(tb, &ns, "kafka-1");

    let bg = BackgroundProducer::start(&bs, topic, Duration::from_millis(20));
    tb.kubectl_ok(&["delete", "pod", "kafka-1", "-n", &ns, "--timeout=120s"]);
    let deadline = Instant::now() + Duration::from_secs(180);
    loop {
        let uid = pod_uid(tb, &ns, "kafka-1");
        if uid.is_some() && uid != old_uid {
            let out = tb.kubectl(&[
                "wait",
                "--for=condition=Ready",
                "pod/kafka-1",
                "-n",
                &ns,
                "--timeout=10s",
            ]);
            if out.status.success() {
                break;
            }
        }
        assert!(Instant::now() < deadline, "kafka-1 did not come back Ready");
        std::thread::sleep(Duration::from_millis(500));
    }
    common::wait_for_brokers(&bs, 3, Duration::from_secs(120));
    std::thread::sleep(Duration::from_secs(2));
    let report = bg.stop();
    assert!(
        report.errors.is_empty(),
        "producer errors during the restart: {:?}",
        report.errors
    );
    assert!(
        report.acked.len() > 10,
        "background producer made no progress: {report:?}"
    );

    let log = tb.pod_log(&ns, "kafka-1");
    let after_delete = log.get(log_len..).unwrap_or("");
    // KRaft brokers log "Beginning controlled shutdown", ZooKeeper-mode ones "Starting ...".
    assert!(
        after_delete.contains("Beginning controlled shutdown")
            || after_delete.contains("Starting controlled shutdown"),
        "no controlled shutdown in the broker log:\n{after_delete}"
    );
    assert!(
        !after_delete.contains("formatting"),
        "the restarted broker reformatted its storage"
    );
    let meta_after = std::fs::read_to_string(data_dir.join("meta.properties")).unwrap_or_default();
    assert_eq!(
        meta_before, meta_after,
        "broker 1's storage identity changed"
    );

    let got: BTreeSet<String> = consume_all(&bs, topic).into_iter().collect();
    for k in before.iter().chain(report.acked.iter()) {
        assert!(got.contains(k), "acknowledged record {k} was lost");
    }
    tb.delete_namespace(&ns);
}

#[test]
fn crashed_broker_is_restarted_with_a_restart_count() {
    let tb = Testbed::get();
    let ns = unique_ns("crash");
    let bs = tb.deploy_cluster(&ns, 1);
    let pid = tb
        .container_pid(&ns, "kafka-0", "kafka")
        .unwrap_or_else(|| {
            panic!("no running kafka container for {ns}/kafka-0 in the pod state file")
        });
    let killed = std::process::Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    assert!(killed, "cannot kill the broker container's process {pid}");
    let deadline = Instant::now() + Duration::from_secs(180);
    loop {
        let row = tb.kubectl_ok(&[
            "get",
            "pod",
            "kafka-0",
            "-n",
            &ns,
            "-o",
            r#"jsonpath={.status.containerStatuses[0].restartCount} {.status.containerStatuses[0].ready} {.status.containerStatuses[0].lastState.terminated.exitCode}"#,
        ]);
        if row.trim() == "1 true 137" {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "kafka-0 not restarted and ready: {row}"
        );
        std::thread::sleep(Duration::from_millis(500));
    }
    assert_eq!(
        common::wait_for_brokers(&bs, 1, Duration::from_secs(120)),
        vec![0]
    );
    tb.delete_namespace(&ns);
}
