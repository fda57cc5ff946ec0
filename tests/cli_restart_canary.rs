//! `kubectl kafka restart --canary` against the local testbed: the canary's figures per step under
//! an acks=all load that loses nothing, and `--canary-max-errors` stopping the roll before the
//! next broker. Each test deploys its own 3-broker cluster in its own namespace.
//!
//! Run serially: `cargo test --test cli_restart_canary -- --test-threads=1`.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::process::Output;
use std::time::Duration;

use common::{
    BackgroundProducer, Ns, Testbed, consume_all, produce_acks_all, run_logged, unique_ns,
};
use serde_json::Value;

use common::{lifecycle_lease_exists, restart_progress, set_min_isr};

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

/// Pod name -> UID of the pods in `ns`.
fn pod_uids(ns: &str) -> BTreeMap<String, String> {
    let out = Testbed::get().kubectl_ok(&[
        "get",
        "pods",
        "-n",
        ns,
        "-o",
        "jsonpath={range .items[*]}{.metadata.name}={.metadata.uid}{\"\\n\"}{end}",
    ]);
    out.lines()
        .filter_map(|l| l.split_once('='))
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// Broker id -> pod name, as `status` ties them.
fn broker_pods(ns: &str) -> BTreeMap<i64, String> {
    let out = run_logged(&["status", "-n", ns, "-o", "json"]);
    let st = json(&out);
    st["brokers"]
        .as_array()
        .unwrap_or_else(|| panic!("no brokers in status: {st}"))
        .iter()
        .filter_map(|b| Some((b["id"].as_i64()?, b["pod"].as_str()?.to_string())))
        .collect()
}

fn u(v: &Value) -> u64 {
    v.as_u64().unwrap_or_else(|| panic!("not a count: {v}"))
}

#[test]
fn canary_reports_every_step_under_acks_all_load_and_nothing_is_lost() {
    let tb = Testbed::get();
    let ns = Ns(unique_ns("restart-canary"));
    let bootstrap = tb.deploy_cluster(&ns.0, 3);
    tb.create_topic(&bootstrap, "orders", 6, 3);
    set_min_isr(&bootstrap, "orders", 2);
    let before = produce_acks_all(&bootstrap, "orders", 200);
    let pods = broker_pods(&ns.0);
    let uids = pod_uids(&ns.0);

    let bg = BackgroundProducer::start(&bootstrap, "orders", Duration::from_millis(5));
    let out = run_logged(&[
        "restart", "-n", &ns.0, "--settle", "5s", "--canary", "-o", "json",
    ]);
    let report = bg.stop();
    assert!(
        out.status.success(),
        "restart --canary failed: {}",
        out.status
    );
    let summary = json(&out);

    // Every broker pod replaced, in the order the summary gives.
    let restarted: Vec<i64> = summary["restarted"]
        .as_array()
        .map(|a| a.iter().filter_map(|s| s["id"].as_i64()).collect())
        .unwrap_or_default();
    let mut ids: Vec<i64> = restarted.clone();
    ids.sort_unstable();
    assert_eq!(ids, pods.keys().copied().collect::<Vec<_>>(), "{summary}");
    let after = pod_uids(&ns.0);
    for pod in pods.values() {
        assert_ne!(uids.get(pod), after.get(pod), "{pod} not replaced");
    }

    // A figure per step, in roll order, and for the run.
    let canary = &summary["canary"];
    assert_eq!(canary["dry_run"], false, "{canary}");
    assert_eq!(canary["partitions"], 3, "{canary}");
    let steps = canary["steps"]
        .as_array()
        .unwrap_or_else(|| panic!("no canary steps: {summary}"));
    let names: Vec<&str> = steps.iter().filter_map(|s| s["step"].as_str()).collect();
    let want: Vec<String> = restarted.iter().map(|id| format!("broker {id}")).collect();
    assert_eq!(names, want, "{canary}");
    for s in steps {
        assert!(u(&s["sent"]) > 0 && u(&s["acked"]) > 0, "{s}");
        let lat = &s["produce_latency"];
        let (p99, max) = (
            lat["p99_ms"].as_f64().unwrap_or(-1.0),
            lat["max_ms"].as_f64().unwrap_or(-1.0),
        );
        assert!(p99 > 0.0 && p99 <= max, "{s}");
        // One broker away leaves every canary partition at its min.insync.replicas.
        assert_eq!(u(&s["errors"]["not_enough_replicas"]), 0, "{s}");
        assert_eq!(
            u(&s["error_total"]),
            u(&s["errors"]["not_enough_replicas"])
                + u(&s["errors"]["timeouts"])
                + u(&s["errors"]["others"]),
            "{s}"
        );
    }
    let total = &canary["total"];
    let sent: u64 = steps.iter().map(|s| u(&s["sent"])).sum::<u64>()
        + canary["before_roll"]["sent"].as_u64().unwrap_or(0);
    assert_eq!(u(&total["sent"]), sent, "{canary}");
    assert_eq!(
        u(&total["not_consumed"]),
        0,
        "canary records acknowledged but never read back: {canary}"
    );
    // The per-step lines went to stderr as each step ended.
    let stderr = text(&out.stderr);
    for w in &want {
        assert!(
            stderr.contains(&format!("canary, step {w}:")),
            "no canary line for {w}:\n{stderr}"
        );
    }

    // The load lost nothing it was told was written.
    assert!(
        report.errors.is_empty(),
        "acks=all deliveries failed during the restart: {:?}",
        report.errors
    );
    assert!(report.acked.len() > 100, "background producer barely ran");
    let read: BTreeSet<String> = consume_all(&bootstrap, "orders").into_iter().collect();
    common::assert_none_lost(before.iter().chain(&report.acked), &read);
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

#[test]
fn canary_errors_over_the_limit_stop_the_roll_before_the_next_broker() {
    let tb = Testbed::get();
    let ns = Ns(unique_ns("restart-canary-stop"));
    let bootstrap = tb.deploy_cluster(&ns.0, 3);
    // The canary topic, laid out by the probe (one partition led by each broker, RF 3), then
    // made to need all three replicas: every restart of a broker fails its acks=all produces
    // with NOT_ENOUGH_REPLICAS. The roll's checks report such topics and go on.
    let topic = "canary-strict";
    let out = run_logged(&["probe", "-n", &ns.0, "--topic", topic, "-o", "json"]);
    assert_eq!(json(&out)["created"], true);
    set_min_isr(&bootstrap, topic, 3);

    let base = [
        "restart",
        "-n",
        &ns.0,
        "--settle",
        "1s",
        "--canary",
        "--canary-topic",
        topic,
        "--canary-max-errors",
        "0",
    ];
    // The dry run says a canary would run, and changes nothing.
    let uids = pod_uids(&ns.0);
    let out = run_logged(&[&base[..], &["--dry-run", "-o", "json"]].concat());
    assert_eq!(out.status.code(), Some(0));
    let dry = json(&out);
    assert_eq!(dry["canary"]["dry_run"], true, "{dry}");
    assert_eq!(dry["canary"]["topic"], topic, "{dry}");
    assert_eq!(dry["canary"]["max_errors"], 0, "{dry}");
    assert_eq!(pod_uids(&ns.0), uids, "the dry run restarted something");

    let pods = broker_pods(&ns.0);
    let out = run_logged(&[&base[..], &["-o", "json"]].concat());
    let stderr = text(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(3),
        "errors over the limit must stop the roll with exit 3:\n{stderr}"
    );
    // The message names the step where the limit was exceeded: the first broker restarted.
    let step: i64 = stderr
        .split("exceeded --canary-max-errors 0 during step broker ")
        .nth(1)
        .and_then(|s| s.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("the error does not name the step:\n{stderr}"));
    assert!(stderr.contains("NOT_ENOUGH_REPLICAS"), "{stderr}");
    assert!(stderr.contains("Stopping before"), "{stderr}");
    let after = pod_uids(&ns.0);
    for (id, pod) in &pods {
        if *id == step {
            assert_ne!(
                uids.get(pod),
                after.get(pod),
                "{pod} (broker {id}) not restarted"
            );
        } else {
            assert_eq!(
                uids.get(pod),
                after.get(pod),
                "{pod} (broker {id}) was restarted after the limit was exceeded at broker {step}"
            );
        }
    }
    assert!(
        !lifecycle_lease_exists(&ns.0),
        "lifecycle Lease left behind"
    );
    assert_ne!(restart_progress(&ns.0), "", "progress not recorded");

    // The recorded progress lets the same roll continue (without the canary) with the others.
    let out = run_logged(&["restart", "-n", &ns.0, "--settle", "1s", "-o", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let r = json(&out);
    assert_eq!(r["resumed"], true, "{r}");
    assert_eq!(r["skipped"], serde_json::json!([step]), "{r}");
    assert_eq!(r["restarted"].as_array().map(Vec::len), Some(2), "{r}");
    assert!(
        !lifecycle_lease_exists(&ns.0),
        "lifecycle Lease left behind"
    );
}
