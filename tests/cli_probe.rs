//! `kubectl kafka probe` on the testbed: the canary produces to and consumes from every broker
//! through librdkafka; a frozen broker is reported and the probe exits 1.

mod common;

use std::process::Output;
use std::time::Instant;

use common::{FrozenBroker, Ns, Testbed, plugin, unique_ns};
use serde_json::Value;

fn run(args: &[&str]) -> Output {
    plugin()
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run kubectl-kafka: {e}"))
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not one JSON document ({e}):\n{}\nstderr:\n{}",
            text(&out.stdout),
            text(&out.stderr)
        )
    })
}

/// Broker ids of the testbed's brokers, from Kafka's metadata.
fn brokers(bootstrap: &str) -> Vec<i64> {
    common::broker_ids(bootstrap)
        .into_iter()
        .map(i64::from)
        .collect()
}

#[test]
fn healthy_cluster_every_broker_ok_then_delete() {
    let tb = Testbed::get();
    let topic = format!("canary-{}", unique_ns("probe"));
    let out = run(&[
        "probe",
        "-n",
        "kafka",
        "--topic",
        &topic,
        "--messages",
        "4",
        "-o",
        "json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "healthy probe failed:\n{}\n{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    let r = json(&out);
    eprintln!("{}", serde_json::to_string_pretty(&r).unwrap_or_default());
    assert_eq!(r["ok"], true);
    assert_eq!(r["created"], true);
    let ids = brokers(&tb.kafka_bootstrap);
    let got: Vec<i64> = r["brokers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["broker"].as_i64().unwrap())
        .collect();
    assert_eq!(got, ids, "one row per registered broker");
    assert_eq!(
        r["replication_factor"].as_u64(),
        Some(ids.len().min(3) as u64)
    );
    for b in r["brokers"].as_array().unwrap() {
        assert_eq!(b["ok"], true, "{b}");
        assert_eq!(
            b["leader"], b["broker"],
            "each broker leads its partition: {b}"
        );
        assert_eq!(
            (b["acked"].as_u64(), b["consumed"].as_u64()),
            (Some(4), Some(4))
        );
        for k in ["produce_latency", "e2e_latency"] {
            let l = &b[k];
            assert_eq!(l["samples"].as_u64(), Some(4), "{k}: {b}");
            let (p50, p99, max) = (
                l["p50_ms"].as_f64().unwrap(),
                l["p99_ms"].as_f64().unwrap(),
                l["max_ms"].as_f64().unwrap(),
            );
            assert!(p50 > 0.0 && p50 <= p99 && p99 <= max, "{k}: {l}");
        }
    }

    // The topic is laid out as promised: one partition preferred by each broker, checked with the
    // Kafka CLI.
    let d = tb.kafka_tool(
        "kafka-topics",
        &[
            "--bootstrap-server",
            &tb.kafka_bootstrap,
            "--describe",
            "--topic",
            &topic,
        ],
    );
    let desc = text(&d.stdout);
    let mut preferred: Vec<i64> = desc
        .lines()
        .filter_map(|l| l.split("Replicas:").nth(1))
        .filter_map(|r| r.split_whitespace().next())
        .filter_map(|r| r.split(',').next())
        .filter_map(|r| r.parse().ok())
        .collect();
    preferred.sort_unstable();
    assert_eq!(preferred, ids, "preferred leaders of {topic}:\n{desc}");

    // A second run reuses the topic; the table names every broker ok.
    let out = run(&["probe", "-n", "kafka", "--topic", &topic]);
    let table = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{table}\n{}", text(&out.stderr));
    assert!(
        table.contains(&format!("all {} brokers ok", ids.len())),
        "{table}"
    );

    let out = run(&[
        "probe", "-n", "kafka", "--topic", &topic, "--delete", "-o", "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(json(&out)["deleted"], true);
    let list = tb.kafka_tool(
        "kafka-topics",
        &["--bootstrap-server", &tb.kafka_bootstrap, "--list"],
    );
    assert!(
        !text(&list.stdout).lines().any(|l| l.trim() == topic),
        "{topic} still listed after --delete"
    );
}

#[test]
fn frozen_broker_is_reported_and_the_probe_exits_1() {
    let tb = Testbed::get();
    let ns = Ns(unique_ns("probe-stop"));
    let bootstrap = tb.deploy_cluster(&ns.0, 3);
    let base = [
        "probe",
        "-n",
        &ns.0,
        "--timeout",
        "5s",
        "--request-timeout",
        "5s",
    ];

    // Precondition: the new cluster serves the canary (fresh JVMs on a loaded machine may need a
    // few rounds before every broker answers within the timeout).
    let mut attempts = Vec::new();
    while attempts.len() < 6 {
        let out = run(&[&base[..], &["-o", "json"]].concat());
        if out.status.code() == Some(0) {
            break;
        }
        attempts.push(format!("{}\n{}", text(&out.stdout), text(&out.stderr)));
    }
    assert!(
        attempts.len() < 6,
        "the new cluster never passed the probe before the freeze:\n{}",
        attempts.join("\n---\n")
    );

    // Which broker runs in pod kafka-1 (status ties pods to broker ids).
    let st = run(&["status", "-n", &ns.0, "-o", "json"]);
    let st = json(&st);
    let frozen_id = st["brokers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["pod"] == "kafka-1")
        .and_then(|b| b["id"].as_i64())
        .unwrap_or_else(|| panic!("no broker for pod kafka-1 in {st}"));

    let _frozen = FrozenBroker::freeze(&ns.0, "kafka-1");
    let started = Instant::now();
    let out = run(&[&base[..], &["-o", "json"]].concat());
    let took = started.elapsed();
    let r = json(&out);
    eprintln!(
        "probe with broker {frozen_id} frozen took {took:?}:\n{}",
        serde_json::to_string_pretty(&r).unwrap_or_default()
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "a frozen broker must fail the probe:\n{}",
        text(&out.stderr)
    );
    assert_eq!(r["ok"], false);
    let row = r["brokers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["broker"].as_i64() == Some(frozen_id))
        .unwrap_or_else(|| panic!("frozen broker {frozen_id} not reported: {r}"));
    assert_eq!(row["ok"], false, "{row}");
    assert!(row["failures"].as_u64().unwrap_or(0) > 0, "{row}");
    assert!(
        !row["errors"].as_array().unwrap().is_empty(),
        "a failure says why: {row}"
    );
    drop(bootstrap);
}
