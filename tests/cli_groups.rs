//! `kubectl kafka groups` on the testbed: lag after a producer ran and a consumer committed
//! (librdkafka, the independent client), a reset refused while that consumer is connected, a
//! preview then `--execute`, each checked with Kafka's own `kafka-consumer-groups.sh`, and delete.

mod common;

use std::collections::BTreeMap;
use std::process::Output;
use std::time::{Duration, Instant};

use common::{Testbed, plugin, produce_acks_all, unique_ns};
use rdkafka::ClientConfig;
use rdkafka::consumer::{BaseConsumer, CommitMode, Consumer};
use serde_json::Value;

const CLIENT_ID: &str = "groups-test-consumer";

fn run(args: &[&str]) -> Output {
    plugin()
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run kubectl-kafka: {e}"))
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn ok_json(args: &[&str]) -> Value {
    let out = run(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?} failed:\n{}\n{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{args:?}: stdout is not JSON ({e}):\n{}", text(&out.stdout)))
}

/// partition -> (current offset, log end, lag) as `kafka-consumer-groups.sh --describe` prints.
fn kafka_cli_describe(tb: &Testbed, group: &str, topic: &str) -> BTreeMap<i64, (i64, i64, i64)> {
    let out = tb.kafka_tool(
        "kafka-consumer-groups",
        &[
            "--bootstrap-server",
            &tb.kafka_bootstrap,
            "--describe",
            "--group",
            group,
        ],
    );
    assert!(
        out.status.success(),
        "kafka-consumer-groups --describe failed: {}",
        text(&out.stderr)
    );
    let mut rows = BTreeMap::new();
    for line in text(&out.stdout).lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.len() >= 6 && f[0] == group && f[1] == topic {
            let n = |s: &str| s.parse::<i64>().unwrap_or(-1);
            rows.insert(n(f[2]), (n(f[3]), n(f[4]), n(f[5])));
        }
    }
    rows
}

/// partition -> (committed, log end, lag) from `groups lag -o json`; the total too.
fn our_lag(group: &str) -> (BTreeMap<i64, (i64, i64, i64)>, i64) {
    let r = ok_json(&["groups", "lag", group, "-n", "kafka", "-o", "json"]);
    let rows = r["partitions"]
        .as_array()
        .expect("a field of the JSON report")
        .iter()
        .map(|p| {
            (
                p["partition"].as_i64().expect("a field of the JSON report"),
                (
                    p["committed"].as_i64().unwrap_or(-1),
                    p["log_end"].as_i64().expect("a field of the JSON report"),
                    p["lag"].as_i64().unwrap_or(-1),
                ),
            )
        })
        .collect();
    (
        rows,
        r["total_lag"].as_i64().expect("a field of the JSON report"),
    )
}

fn members(group: &str) -> usize {
    let r = ok_json(&["groups", "describe", group, "-n", "kafka", "-o", "json"]);
    r["members"]
        .as_array()
        .expect("a field of the JSON report")
        .len()
}

#[test]
fn lag_reset_refused_preview_execute_and_delete() {
    let tb = Testbed::get();
    let topic = format!("groups-{}", unique_ns("t"));
    let group = format!("grp-{}", unique_ns("g"));
    tb.create_topic(&tb.kafka_bootstrap, &topic, 3, 3);
    let acked = produce_acks_all(&tb.kafka_bootstrap, &topic, 60);
    assert_eq!(acked.len(), 60);

    // A consumer of the group reads part of the topic and commits, then stays connected.
    let consumer: BaseConsumer = ClientConfig::new()
        .set("bootstrap.servers", &tb.kafka_bootstrap)
        .set("group.id", &group)
        .set("client.id", CLIENT_ID)
        .set("enable.auto.commit", "false")
        .set("auto.offset.reset", "earliest")
        .set("max.poll.interval.ms", "300000")
        .set("session.timeout.ms", "45000")
        .create()
        .unwrap_or_else(|e| panic!("cannot create the consumer: {e}"));
    consumer.subscribe(&[&topic]).unwrap();
    let mut read = 0;
    let deadline = Instant::now() + Duration::from_secs(120);
    while read < 20 {
        assert!(
            Instant::now() < deadline,
            "read only {read} records in 120 s"
        );
        match consumer.poll(Duration::from_millis(500)) {
            Some(Ok(_)) => read += 1,
            Some(Err(e)) => eprintln!("consumer error (retrying): {e}"),
            None => {}
        }
    }
    consumer
        .commit_consumer_state(CommitMode::Sync)
        .unwrap_or_else(|e| panic!("commit failed: {e}"));

    // list and describe see the active group and its member.
    let l = ok_json(&["groups", "list", "-n", "kafka", "-o", "json"]);
    let listed = l["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["group"] == group.as_str())
        .unwrap_or_else(|| panic!("{group} not listed: {l}"))
        .clone();
    assert_eq!(listed["state"], "Stable", "{listed}");
    let d = ok_json(&["groups", "describe", &group, "-n", "kafka", "-o", "json"]);
    eprintln!("{d}");
    let m = &d["members"].as_array().unwrap()[0];
    assert_eq!(m["client_id"], CLIENT_ID);
    assert_eq!(
        m["partitions"].as_array().unwrap().len(),
        3,
        "one member owns all 3 partitions: {d}"
    );

    // Lag: ours equals Kafka's own tool, partition by partition.
    let (lag, total) = our_lag(&group);
    let cli = kafka_cli_describe(tb, &group, &topic);
    eprintln!("ours: {lag:?} total {total}\nkafka-consumer-groups: {cli:?}");
    assert_eq!(lag.len(), 3, "{lag:?}");
    for (p, (c, end, l)) in &lag {
        let (kc, kend, kl) = cli[p];
        assert_eq!(*end, kend, "log end of partition {p}");
        if *c >= 0 {
            assert_eq!((*c, *l), (kc, kl), "partition {p}");
        }
    }
    let committed: i64 = lag.values().map(|(c, _, _)| (*c).max(0)).sum();
    assert_eq!(committed, 20, "the consumer committed 20 records: {lag:?}");
    // A partition without a commit has no lag ("-" in both tools) and adds nothing to the total.
    let with_commit: i64 = lag
        .values()
        .filter(|(c, _, _)| *c >= 0)
        .map(|(_, _, l)| *l)
        .sum();
    assert_eq!(total, with_commit);
    assert!(total > 0, "the consumer read 20 of 60 records: {lag:?}");
    let ends: i64 = lag.values().map(|(_, e, _)| *e).sum();
    assert_eq!(ends, 60);

    // Refused while the consumer is connected: exit 3, naming it; nothing changes.
    for args in [
        vec!["--to-earliest", "--all-topics", "--execute"],
        vec!["--to-earliest", "--all-topics"],
    ] {
        let mut full = vec!["groups", "reset-offsets", group.as_str(), "-n", "kafka"];
        full.extend(args);
        let out = run(&full);
        assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
        let err = text(&out.stderr);
        assert!(
            err.contains(CLIENT_ID) && err.contains("active member"),
            "{err}"
        );
    }
    let out = run(&["groups", "delete", &group, "-n", "kafka", "--yes"]);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains(CLIENT_ID));
    assert_eq!(our_lag(&group), (lag, total), "refusals changed nothing");

    // The consumer leaves; the group empties.
    drop(consumer);
    let deadline = Instant::now() + Duration::from_secs(90);
    while members(&group) > 0 {
        assert!(
            Instant::now() < deadline,
            "the group kept its member for 90 s"
        );
        std::thread::sleep(Duration::from_secs(1));
    }

    // Preview: shows the target, commits nothing.
    let before = kafka_cli_describe(tb, &group, &topic);
    let r = ok_json(&[
        "groups",
        "reset-offsets",
        &group,
        "-n",
        "kafka",
        "--topic",
        &topic,
        "--to-earliest",
        "-o",
        "json",
    ]);
    assert_eq!(r["executed"], false);
    let rows = r["partitions"].as_array().unwrap();
    assert_eq!(rows.len(), 3);
    for row in rows {
        assert_eq!(row["new"], row["earliest"], "{row}");
        assert_eq!(row["new"], 0, "{row}");
    }
    assert_eq!(
        kafka_cli_describe(tb, &group, &topic),
        before,
        "a preview commits nothing"
    );

    // Execute: Kafka's tool sees offset 0 and the whole topic as lag.
    let r = ok_json(&[
        "groups",
        "reset-offsets",
        &group,
        "-n",
        "kafka",
        "--topic",
        &topic,
        "--to-earliest",
        "--execute",
        "-o",
        "json",
    ]);
    assert_eq!(r["executed"], true);
    let after = kafka_cli_describe(tb, &group, &topic);
    eprintln!("after --to-earliest --execute: {after:?}");
    assert_eq!(after.len(), 3, "{after:?}");
    for (p, (c, end, l)) in &after {
        assert_eq!((*c, *l), (0, *end), "partition {p}");
    }
    assert_eq!(our_lag(&group).1, 60);

    // Shift one partition forward, clamped at its end; the others stay.
    let r = ok_json(&[
        "groups",
        "reset-offsets",
        &group,
        "-n",
        "kafka",
        "--topic",
        &format!("{topic}:1"),
        "--shift-by",
        "1000000",
        "--execute",
        "-o",
        "json",
    ]);
    let row = &r["partitions"][0];
    assert_eq!(row["partition"], 1);
    assert_eq!(row["clamped"], true);
    assert_eq!(row["new"], row["latest"]);
    let shifted = kafka_cli_describe(tb, &group, &topic);
    assert_eq!(shifted[&1].0, shifted[&1].1, "partition 1 at its end");
    assert_eq!(shifted[&0].0, 0);
    assert_eq!(shifted[&2].0, 0);

    // Delete: --dry-run keeps it, --yes removes it (Kafka's tool no longer lists it).
    let r = ok_json(&[
        "groups",
        "delete",
        &group,
        "-n",
        "kafka",
        "--dry-run",
        "-o",
        "json",
    ]);
    assert_eq!(r["dry_run"], true);
    assert_eq!(members(&group), 0, "still there after the dry run");
    let out = run(&["groups", "delete", &group, "-n", "kafka"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "no --yes on a pipe: {}",
        text(&out.stderr)
    );
    ok_json(&[
        "groups", "delete", &group, "-n", "kafka", "--yes", "-o", "json",
    ]);
    let out = tb.kafka_tool(
        "kafka-consumer-groups",
        &["--bootstrap-server", &tb.kafka_bootstrap, "--list"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        !text(&out.stdout).lines().any(|l| l.trim() == group),
        "{group} still listed by kafka-consumer-groups"
    );
    let out = run(&["groups", "describe", &group, "-n", "kafka"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("does not exist"));

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
