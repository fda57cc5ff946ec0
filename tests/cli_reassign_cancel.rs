//! `reassign cancel` while a rebalance holds the lifecycle Lease: cancel asks the holder to stop
//! (an annotation on the Lease), waits for it to let go, then reverts; the rebalance submits no
//! further batch and exits. On the local testbed; run with --test-threads=1.

mod common;

use std::time::{Duration, Instant};

use common::{Ns, Testbed, reassignments_in_flight, run_logged, spawn_plugin, unique_ns};

#[test]
fn cancel_stops_the_running_rebalance_before_it_reverts() {
    let tb = Testbed::get();
    let ns = Ns(unique_ns("cancel"));
    let bootstrap = tb.deploy_cluster(&ns.0, 3);
    // Everything on broker 0, about 5 MB per partition: throttled moves take a while, and with
    // one move per broker (all copy from leader 0) the rebalance has batches left to submit.
    tb.create_topic_assigned(&bootstrap, "lopsided", "0,0,0,0,0,0");
    tb.bulk_produce(&bootstrap, "lopsided", 150000);

    let mut child = spawn_plugin(&[
        "rebalance",
        "-n",
        &ns.0,
        "--throttle",
        "100KiB",
        "--max-moves-per-broker",
        "1",
        "--yes",
    ]);
    let deadline = Instant::now() + Duration::from_secs(90);
    while reassignments_in_flight(&ns.0).is_empty() {
        if Instant::now() >= deadline {
            let _ = child.kill();
            let out = child.wait_with_output().expect("wait for the plugin");
            panic!(
                "no reassignment started: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(300));
    }

    let out = run_logged(&["reassign", "cancel", "-n", &ns.0]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("holds the lifecycle Lease: asked it to stop")
            && err.contains("`rebalance` stopped; cancelling the moves"),
        "{err}"
    );
    // The rebalance has let go of the Lease before cancel reverted: it has exited, failing,
    // saying why.
    let exited = child.try_wait().expect("poll the rebalance");
    if exited.is_none() {
        let _ = child.kill();
    }
    let out = child.wait_with_output().expect("wait for the plugin");
    let rerr = String::from_utf8_lossy(&out.stderr);
    eprintln!("rebalance:\n{rerr}");
    assert!(exited.is_some(), "the rebalance still runs after cancel");
    assert!(!out.status.success(), "{rerr}");
    assert!(
        rerr.contains("stopped at the request of `reassign cancel`"),
        "{rerr}"
    );

    // Nothing moves, and nothing is submitted after the cancel: no unthrottled batch.
    assert_eq!(reassignments_in_flight(&ns.0).len(), 0);
    std::thread::sleep(Duration::from_secs(5));
    assert_eq!(
        reassignments_in_flight(&ns.0).len(),
        0,
        "a batch was submitted after cancel"
    );
    assert_eq!(tb.broker_throttle_rates(&bootstrap), "", "throttles left");
    let leases = tb.kubectl_ok(&["get", "leases", "-n", &ns.0, "-o", "name"]);
    assert!(!leases.contains("kafka-lifecycle"), "lock left: {leases}");
}

/// The broker pods' names and UIDs in `ns`.
fn broker_uids(tb: &Testbed, ns: &str) -> String {
    tb.kubectl_ok(&[
        "get",
        "pods",
        "-n",
        ns,
        "-l",
        "app.kubernetes.io/component=broker",
        "-o",
        "jsonpath={range .items[*]}{.metadata.name}={.metadata.uid} {end}",
    ])
}

#[test]
fn cancel_stops_a_running_restart_before_its_next_eviction() {
    let tb = Testbed::get();
    let ns = Ns(unique_ns("cancel-roll"));
    let bootstrap = tb.deploy_cluster(&ns.0, 3);
    tb.create_topic(&bootstrap, "held", 3, 3);
    let before = broker_uids(tb, &ns.0);
    assert!(before.contains("kafka-0="), "{before}");

    // A settle window far longer than the test keeps the roll waiting before its first eviction.
    let mut child = spawn_plugin(&[
        "restart",
        "-n",
        &ns.0,
        "--settle",
        "600s",
        "--timeout",
        "15m",
    ]);
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let leases = tb.kubectl_ok(&["get", "leases", "-n", &ns.0, "-o", "name"]);
        if leases.contains("kafka-lifecycle") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the restart never took the lifecycle Lease"
        );
        assert!(
            child.try_wait().expect("poll the restart").is_none(),
            "the restart ended before it took the Lease"
        );
        std::thread::sleep(Duration::from_millis(300));
    }

    let out = run_logged(&["reassign", "cancel", "-n", &ns.0]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("holds the lifecycle Lease: asked it to stop"),
        "{err}"
    );
    let exited = child.try_wait().expect("poll the restart");
    if exited.is_none() {
        let _ = child.kill();
    }
    let out = child.wait_with_output().expect("wait for the plugin");
    let rerr = String::from_utf8_lossy(&out.stderr);
    eprintln!("restart:\n{rerr}");
    assert!(exited.is_some(), "the restart still runs after cancel");
    assert!(!out.status.success(), "{rerr}");
    assert!(
        rerr.contains("stopped at the request of `reassign cancel`"),
        "{rerr}"
    );
    // Nothing was evicted, and nothing is left holding the cluster.
    assert_eq!(broker_uids(tb, &ns.0), before, "a broker pod was restarted");
    let leases = tb.kubectl_ok(&["get", "leases", "-n", &ns.0, "-o", "name"]);
    assert!(!leases.contains("kafka-lifecycle"), "lock left: {leases}");
}
