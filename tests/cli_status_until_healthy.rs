//! `status --until-healthy` on the testbed: during a broker restart it times out (exit 4) with a
//! short limit, and returns 0 once the broker is back.

mod common;

use std::process::Output;

use common::{Ns, Testbed, plugin, unique_ns};

fn run(args: &[&str]) -> Output {
    plugin()
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run kubectl-kafka: {e}"))
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn until_healthy_waits_for_a_restarted_broker() {
    let tb = Testbed::get();
    let ns = Ns(unique_ns("status-until"));
    let bootstrap = tb.deploy_cluster(&ns.0, 3);
    tb.create_topic(&bootstrap, "orders", 3, 3);

    // Healthy now: returns at once with the report.
    let out = run(&[
        "status",
        "-n",
        &ns.0,
        "--until-healthy",
        "--timeout",
        "2m",
        "-o",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));

    // Restart one broker: its pod goes, the StatefulSet makes a new one, the JVM starts again.
    tb.kubectl_ok(&[
        "delete",
        "pod",
        "kafka-1",
        "-n",
        &ns.0,
        "--grace-period=1",
        "--wait=true",
    ]);

    // The waiting run starts at once, while the pod is surely gone: a new JVM needs seconds to
    // start and register, so its first polls see the cluster unhealthy however fast the broker
    // comes back afterwards.
    let waiting = plugin()
        .args([
            "status",
            "-n",
            &ns.0,
            "--until-healthy",
            "--timeout",
            "4m",
            "--interval",
            "200ms",
            "-o",
            "json",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run kubectl-kafka: {e}"));

    let out = run(&[
        "status",
        "-n",
        &ns.0,
        "--until-healthy",
        "--timeout",
        "1s",
        "--interval",
        "200ms",
    ]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(4), "expected a timeout:\n{stderr}");
    assert!(stderr.contains("not healthy"), "{stderr}");

    let out = waiting
        .wait_with_output()
        .unwrap_or_else(|e| panic!("kubectl-kafka status --until-healthy: {e}"));
    let stderr = text(&out.stderr);
    eprintln!("{stderr}");
    assert_eq!(out.status.code(), Some(0), "never healthy:\n{stderr}");
    assert!(
        stderr.contains("not healthy yet"),
        "returned before the broker was back:\n{stderr}"
    );
    let r: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", text(&out.stdout)));
    assert_eq!(r["healthy"], true, "{r}");
    let brokers = r["brokers"].as_array().unwrap();
    assert_eq!(brokers.len(), 3, "{r}");
    assert!(brokers.iter().all(|b| b["state"] == "ok"), "{r}");
    assert!(
        r["health"]["under_replicated"]
            .as_array()
            .unwrap()
            .is_empty(),
        "{r}"
    );
}

#[test]
fn watch_redraws_until_interrupted() {
    use std::io::Read;
    Testbed::get();
    let mut child = plugin()
        .args([
            "status",
            "-n",
            "kafka",
            "--watch",
            "--interval",
            "300ms",
            "-o",
            "json",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run kubectl-kafka: {e}"));
    let mut stdout = child.stdout.take().unwrap();
    let mut seen = String::new();
    let mut buf = [0u8; 4096];
    // Two full reports, then Ctrl-C (SIGINT) ends the watch with exit 0.
    while seen.matches("\"cluster_id\"").count() < 2 {
        let n = stdout.read(&mut buf).unwrap_or(0);
        assert!(n > 0, "status --watch ended early:\n{seen}");
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    let ok = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    assert!(ok, "kill -INT failed");
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}
