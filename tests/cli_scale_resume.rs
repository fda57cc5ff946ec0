//! An interrupted `rebalance` resumes when run again: its own moves in flight (recorded on the
//! StatefulSet) are followed, throttled, instead of being refused as "reassignments in flight";
//! moves the tool did not record for that operation are still refused. On the local testbed;
//! run with --test-threads=1.

mod common;

use std::time::{Duration, Instant};

use common::{Ns, Testbed, reassignments_in_flight, run_logged, spawn_plugin, unique_ns};

fn annotations(tb: &Testbed, ns: &str) -> String {
    tb.kubectl_ok(&[
        "get",
        "statefulset",
        "kafka",
        "-n",
        ns,
        "-o",
        "jsonpath={.metadata.annotations}",
    ])
}

#[test]
fn interrupted_rebalance_resumes_throttled_and_foreign_moves_are_refused() {
    let tb = Testbed::get();
    let ns = Ns(unique_ns("resume"));
    let bootstrap = tb.deploy_cluster(&ns.0, 3);
    // Everything on broker 0, about 5 MB per partition: throttled moves take a while.
    tb.create_topic_assigned(&bootstrap, "lopsided", "0,0,0,0,0,0");
    tb.bulk_produce(&bootstrap, "lopsided", 150000);

    let cmd = [
        "rebalance",
        "-n",
        &ns.0,
        "--throttle",
        "100KiB",
        "--max-moves-per-broker",
        "1",
        "--yes",
    ];
    let mut child = spawn_plugin(&cmd);
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
    // Ctrl-C in the middle: the moves go on, throttled, and are recorded as the rebalance's own.
    let _ = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    let out = child.wait_with_output().expect("wait for the plugin");
    let err = String::from_utf8_lossy(&out.stderr);
    eprintln!("{err}");
    assert!(!out.status.success(), "an interrupted run must fail");
    assert!(
        !reassignments_in_flight(&ns.0).is_empty(),
        "the throttled moves should still run"
    );
    let ann = annotations(tb, &ns.0);
    assert!(
        ann.contains("kafka.kubectl.io/moves") && ann.contains("rebalance"),
        "the moves are not recorded: {ann}"
    );

    // Another operation does not take them for its own: refused (3), saying whose they are.
    let out = run_logged(&["scale", "-n", &ns.0, "--replicas", "3", "--yes"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(err.contains("this tool's `rebalance`"), "{err}");

    // The same command again resumes: it follows the moves in flight (no refusal), throttled.
    // A short time limit ends it while they still crawl (exit 4); they keep going, throttled.
    let mut again: Vec<&str> = cmd.to_vec();
    again.extend(["--timeout", "15s"]);
    let out = run_logged(&again);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(4), "{err}");
    assert!(
        err.contains("of an interrupted `rebalance` are in flight: resuming it"),
        "{err}"
    );
    assert!(
        err.contains("already being reassigned: following them"),
        "{err}"
    );
    assert!(!err.contains("reassignments are in flight ("), "{err}");
    let rates = tb.broker_throttle_rates(&bootstrap);
    assert!(
        rates.contains("leader.replication.throttled.rate=102400"),
        "resumed unthrottled: {rates}"
    );

    // Clean up: cancel reverts the moves and removes the throttles.
    let out = run_logged(&["reassign", "cancel", "-n", &ns.0]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(reassignments_in_flight(&ns.0).len(), 0);
    assert_eq!(tb.broker_throttle_rates(&bootstrap), "");
}
