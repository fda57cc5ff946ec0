//! `status -o wide|json|yaml` on the testbed: disk usage per broker and log dir, and the largest
//! partitions, cross-checked with Kafka's own `kafka-log-dirs.sh --describe`.

mod common;

use std::collections::BTreeMap;
use std::process::Output;

use common::{Testbed, plugin, produce_acks_all, unique_ns};
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

/// (broker, log dir, partition "topic-p") -> size, as kafka-log-dirs.sh reports it.
fn kafka_log_dirs(tb: &Testbed, topic: &str) -> BTreeMap<(i64, String, String), i64> {
    let out = tb.kafka_tool(
        "kafka-log-dirs",
        &[
            "--bootstrap-server",
            &tb.kafka_bootstrap,
            "--describe",
            "--topic-list",
            topic,
        ],
    );
    assert!(
        out.status.success(),
        "kafka-log-dirs failed: {}",
        text(&out.stderr)
    );
    let stdout = text(&out.stdout);
    let line = stdout
        .lines()
        .find(|l| l.starts_with('{'))
        .unwrap_or_else(|| panic!("no JSON from kafka-log-dirs:\n{stdout}"));
    let v: Value = serde_json::from_str(line).expect("kafka-log-dirs JSON");
    let mut m = BTreeMap::new();
    for b in v["brokers"].as_array().expect("brokers") {
        for d in b["logDirs"].as_array().expect("logDirs") {
            for p in d["partitions"].as_array().expect("partitions") {
                m.insert(
                    (
                        b["broker"].as_i64().expect("broker"),
                        d["logDir"].as_str().expect("logDir").to_string(),
                        p["partition"].as_str().expect("partition").to_string(),
                    ),
                    p["size"].as_i64().expect("size"),
                );
            }
        }
    }
    m
}

#[test]
fn disk_usage_per_broker_and_log_dir_matches_kafka_log_dirs() {
    let tb = Testbed::get();
    let topic = format!("disk-{}", unique_ns("t"));
    tb.create_topic(&tb.kafka_bootstrap, &topic, 2, 3);
    assert_eq!(
        produce_acks_all(&tb.kafka_bootstrap, &topic, 300).len(),
        300
    );

    let out = run(&[
        "status",
        "-n",
        "kafka",
        "-o",
        "json",
        "--top-partitions",
        "10000",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let r: Value = serde_json::from_slice(&out.stdout).expect("status JSON");
    let disk = &r["disk"];
    let theirs = kafka_log_dirs(tb, &topic);
    eprintln!("kafka-log-dirs: {theirs:?}");
    assert_eq!(theirs.len(), 2 * 3, "2 partitions x RF 3");

    // Every replica of our topic: same broker, same directory, same bytes.
    let brokers = disk["brokers"].as_array().expect("brokers");
    assert_eq!(brokers.len(), common::broker_ids(&tb.kafka_bootstrap).len());
    for (broker, dir, _) in theirs.keys() {
        let b = brokers
            .iter()
            .find(|b| b["broker"].as_i64() == Some(*broker))
            .unwrap_or_else(|| panic!("broker {broker} missing: {disk}"));
        assert!(b["error"].is_null(), "{b}");
        let d = b["log_dirs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["path"] == dir.as_str())
            .unwrap_or_else(|| panic!("log dir {dir} of broker {broker} missing: {b}"));
        let total = d["total_bytes"].as_u64().expect("volume size");
        let usable = d["usable_bytes"].as_u64().expect("free space");
        assert!(usable <= total && total > 0, "{d}");
        let sum: u64 = b["log_dirs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["bytes"].as_u64().unwrap())
            .sum();
        assert_eq!(b["bytes"].as_u64(), Some(sum), "{b}");
    }
    let tops = disk["top_partitions"].as_array().expect("top_partitions");
    for p in 0..2 {
        let row = tops
            .iter()
            .find(|t| t["topic"] == topic.as_str() && t["partition"] == p)
            .unwrap_or_else(|| panic!("{topic}-{p} not in top_partitions"));
        let sizes: Vec<i64> = theirs
            .iter()
            .filter(|((_, _, tp), _)| *tp == format!("{topic}-{p}"))
            .map(|(_, s)| *s)
            .collect();
        assert_eq!(sizes.len(), 3);
        assert_eq!(row["bytes"].as_i64(), sizes.iter().max().copied(), "{row}");
        assert_eq!(
            row["total_bytes"].as_i64(),
            Some(sizes.iter().sum::<i64>()),
            "{row}"
        );
        assert!(
            row["bytes"].as_i64().unwrap() > 0,
            "300 records take space: {row}"
        );
        assert_eq!(row["brokers"].as_array().unwrap().len(), 3);
    }
    for w in tops.windows(2) {
        assert!(
            w[0]["bytes"].as_u64() >= w[1]["bytes"].as_u64(),
            "largest first"
        );
    }

    // The table: a Disk section with each log dir, and exactly N largest partitions.
    let out = run(&[
        "status",
        "-n",
        "kafka",
        "-o",
        "wide",
        "--top-partitions",
        "1",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let t = text(&out.stdout);
    eprintln!("{t}");
    assert!(
        t.contains("Disk:") && t.contains("Largest partitions:"),
        "{t}"
    );
    let dir = &theirs.keys().next().unwrap().1;
    assert!(t.contains(dir.as_str()), "{t}");
    let largest = t.split("Largest partitions:").nth(1).unwrap();
    let rows = largest
        .split("\n\n")
        .next()
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .count();
    assert_eq!(rows, 2, "header and one partition:\n{largest}");

    // YAML carries the same section; the plain table stays without it.
    let out = run(&["status", "-n", "kafka", "-o", "yaml"]);
    assert!(text(&out.stdout).contains("disk:") && text(&out.stdout).contains("usable_bytes"));
    let out = run(&["status", "-n", "kafka"]);
    assert!(!text(&out.stdout).contains("Disk:"));

    let out = tb.kafka_tool(
        "kafka-topics",
        &[
            "--bootstrap-server",
            &tb.kafka_bootstrap,
            "--delete",
            "--topic",
            &topic,
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
}
