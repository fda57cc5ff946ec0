//! `--connect auto` on the cluster shapes whose advertised addresses are not pod-IP:port, run from
//! the testbed's outside network namespace (reaches the API server, node and load-balancer
//! addresses, nothing of the pod network), as from a laptop; and from the host, which is on the
//! pod network. Needs tests/testbed/up.sh; each shape test deploys its own namespace.

mod common;

use std::collections::BTreeMap;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use common::{FrozenBroker, Ns, Testbed, outside, plugin_bin, unique_ns};

/// The plugin run in the outside network namespace with the outside kubeconfig.
fn plugin_outside(args: &[&str]) -> Output {
    let (netns, kubeconfig) = outside();
    Command::new("ip")
        .args(["netns", "exec", &netns, "env"])
        .arg(format!("KUBECONFIG={}", kubeconfig.display()))
        .arg(plugin_bin())
        .args(args)
        .output()
        .expect("run the plugin in the outside namespace")
}

/// The plugin on the host (the pod network answers here).
fn plugin_host(args: &[&str]) -> Output {
    Command::new(plugin_bin())
        .env("KUBECONFIG", &Testbed::get().kubeconfig)
        .args(args)
        .output()
        .expect("run the plugin")
}

fn ok(out: &Output, what: &str) -> String {
    assert!(
        out.status.success(),
        "{what} failed ({:?}):\nstdout: {}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Deploy `shape` into a fresh namespace; the guard deletes it.
fn deploy(shape: &str, prefix: &str) -> Ns {
    let tb = Testbed::get();
    let ns = Ns(unique_ns(prefix));
    let out = Command::new(tb.src.join("deploy.sh"))
        .args([shape, &ns.0])
        .env("KAFKA_TESTBED_DIR", &tb.dir)
        .output()
        .expect("run deploy.sh");
    ok(&out, &format!("deploy.sh {shape} {}", ns.0));
    ns
}

/// `status -o json` from outside: the route auto chose, and every broker present and healthy.
fn status_outside(ns: &str, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["status", "-n", ns, "-o", "json", "-v"];
    args.extend_from_slice(extra);
    let out = plugin_outside(&args);
    let text = ok(&out, "status from outside");
    let v: serde_json::Value = serde_json::from_str(&text).expect("status JSON");
    assert_eq!(v["brokers"].as_array().map(Vec::len), Some(3), "{v}");
    assert_eq!(v["healthy"], true, "{v}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "connect: route {}",
            v["connection"].as_str().unwrap_or("?")
        )),
        "-v names the route: {stderr}"
    );
    v
}

/// Topics create, describe, delete from outside, checked by the plugin's own describe/list.
fn topics_round_trip(ns: &str, extra: &[&str]) {
    let topic = "connect-check";
    let with = |args: &[&str]| -> Vec<String> {
        args.iter()
            .chain(extra.iter())
            .map(|s| s.to_string())
            .collect()
    };
    let run = |args: Vec<String>| {
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        plugin_outside(&refs)
    };
    ok(
        &run(with(&[
            "topics", "create", topic, "-n", ns, "-p", "3", "-r", "3",
        ])),
        "topics create",
    );
    let described = ok(
        &run(with(&["topics", "describe", topic, "-n", ns, "-o", "json"])),
        "topics describe",
    );
    let v: serde_json::Value = serde_json::from_str(&described).expect("describe JSON");
    let partitions = v["partitions"].as_array().expect("partitions in describe");
    assert_eq!(partitions.len(), 3, "{v}");
    for p in partitions {
        assert_eq!(p["replicas"].as_array().map(Vec::len), Some(3), "{p}");
    }
    ok(
        &run(with(&["topics", "delete", topic, "-n", ns, "--yes"])),
        "topics delete",
    );
    let listed = ok(
        &run(with(&["topics", "list", "-n", ns, "-o", "json"])),
        "topics list",
    );
    assert!(
        !listed.contains(&format!("\"{topic}\"")),
        "{topic} still listed after delete: {listed}"
    );
}

#[test]
fn shape_a_nodeport_from_outside_uses_the_advertised_node_ports() {
    let ns = deploy("nodeport", "conn-a");
    let v = status_outside(&ns.0, &[]);
    assert_eq!(v["connection"], "advertised", "{v}");
    topics_round_trip(&ns.0, &[]);
    // On the host (pod network) the same shape still connects, whatever it picks.
    let host = ok(
        &plugin_host(&["status", "-n", &ns.0, "-o", "json"]),
        "status on the host",
    );
    let hv: serde_json::Value = serde_json::from_str(&host).expect("status JSON");
    assert_eq!(hv["healthy"], true, "{hv}");

    // Everything unreachable: every broker frozen. Auto gives up within --request-timeout with
    // exit 1, naming the paths it tried.
    let pods: Vec<String> = (0..3).map(|i| format!("kafka-{i}")).collect();
    let frozen: Vec<FrozenBroker> = pods
        .iter()
        .map(|p| FrozenBroker::freeze(&ns.0, p))
        .collect();
    let started = Instant::now();
    let out = plugin_outside(&["status", "-n", &ns.0, "--request-timeout", "5s"]);
    let took = started.elapsed();
    drop(frozen);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");
    assert!(stderr.contains("tried:"), "{stderr}");
    assert!(stderr.contains("pod IPs"), "{stderr}");
    assert!(stderr.contains("--request-timeout"), "{stderr}");
    assert!(stderr.contains("hint:"), "{stderr}");
    // Generous bound: the limit is 5 s, the default would be 30 s.
    assert!(
        took < Duration::from_secs(25),
        "gave up after {took:?}, not within --request-timeout 5s"
    );
}

#[test]
fn shape_b_load_balancer_from_outside_finds_the_external_listener() {
    let ns = deploy("loadbalancer", "conn-b");
    let v = status_outside(&ns.0, &[]);
    assert_eq!(v["connection"], "advertised", "{v}");
    topics_round_trip(&ns.0, &[]);
    // Forced through the API server, the same cluster answers too (INTERNAL listener mapped).
    let out = plugin_outside(&[
        "status",
        "-n",
        &ns.0,
        "-o",
        "json",
        "--connect",
        "port-forward",
    ]);
    let pv: serde_json::Value =
        serde_json::from_str(&ok(&out, "status --connect port-forward")).expect("JSON");
    assert_eq!(pv["connection"], "port-forward", "{pv}");
    assert_eq!(pv["healthy"], true, "{pv}");
}

/// Port-forward requests the kubelet served per pod of `ns` (one log line per tunnel, written
/// when it ends).
fn tunnels_served(ns: &str) -> BTreeMap<String, usize> {
    let log = Testbed::get().dir.join("logs").join("kubelet-server.log");
    let text = std::fs::read_to_string(&log)
        .unwrap_or_else(|e| panic!("kubelet server log {}: {e}", log.display()));
    let marker = format!("/portForward/{ns}/");
    let mut out = BTreeMap::new();
    for line in text.lines() {
        if let Some(rest) = line.split(&marker).nth(1) {
            let pod = rest.split(['/', ' ']).next().unwrap_or_default();
            *out.entry(pod.to_string()).or_insert(0) += 1;
        }
    }
    out
}

/// The tunnels one command opened: the kubelet's count per pod once it stops changing (the
/// plugin closed them on exit), and the count the plugin itself reported at -v.
fn tunnels_of(ns: &str, args: &[&str]) -> (Output, BTreeMap<String, usize>, usize) {
    // The tunnels of earlier commands are logged when the kubelet sees them end: let them land.
    let mut before = tunnels_served(ns);
    let until = Instant::now() + Duration::from_secs(10);
    loop {
        std::thread::sleep(Duration::from_millis(1500));
        let now = tunnels_served(ns);
        if now == before || Instant::now() > until {
            break;
        }
        before = now;
    }
    let out = plugin_outside(args);
    let said = String::from_utf8_lossy(&out.stderr)
        .matches("port-forward: tunnel ")
        .count();
    let delta = |now: &BTreeMap<String, usize>| -> BTreeMap<String, usize> {
        now.iter()
            .map(|(p, n)| (p.clone(), n - before.get(p).copied().unwrap_or(0)))
            .filter(|(_, n)| *n > 0)
            .collect()
    };
    let until = Instant::now() + Duration::from_secs(15);
    let mut last = delta(&tunnels_served(ns));
    loop {
        std::thread::sleep(Duration::from_millis(1000));
        let now = delta(&tunnels_served(ns));
        let total: usize = now.values().sum();
        if (now == last && total >= said) || Instant::now() > until {
            return (out, now, said);
        }
        last = now;
    }
}

#[test]
fn shape_c_pod_fqdns_from_outside_go_through_port_forward() {
    let ns = deploy("fqdn-tls", "conn-c");
    // No cluster name needed: the controller StatefulSet belongs to the brokers' cluster.
    let (out, per_pod, said) = tunnels_of(&ns.0, &["status", "-n", &ns.0, "-o", "json", "-v"]);
    let v: serde_json::Value =
        serde_json::from_str(&ok(&out, "status -n NS from outside")).expect("status JSON");
    assert_eq!(v["connection"], "port-forward", "{v}");
    assert_eq!(v["brokers"].as_array().map(Vec::len), Some(3), "{v}");
    let brokers: Vec<String> = (0..3).map(|i| format!("kafka-broker-{i}")).collect();
    eprintln!("status: tunnels per pod {per_pod:?} (the plugin said {said})");
    assert_eq!(
        per_pod.keys().cloned().collect::<Vec<_>>(),
        brokers,
        "status tunnels to each broker and nothing else: {per_pod:?}"
    );
    assert!(
        per_pod.values().all(|n| *n == 1),
        "one tunnel per broker for the whole run: {per_pod:?}"
    );
    assert_eq!(said, 3, "-v names each tunnel it opens");
    ok(
        &plugin_outside(&[
            "topics", "create", "tunnels", "-n", &ns.0, "-p", "3", "-r", "3",
        ]),
        "topics create",
    );
    let (out, per_pod, said) = tunnels_of(
        &ns.0,
        &[
            "topics", "describe", "tunnels", "-n", &ns.0, "-o", "json", "-v",
        ],
    );
    ok(&out, "topics describe from outside");
    eprintln!("topics describe: tunnels per pod {per_pod:?} (the plugin said {said})");
    assert!(
        !per_pod.is_empty() && per_pod.values().all(|n| *n == 1),
        "at most one tunnel per broker: {per_pod:?}"
    );
    assert!(per_pod.keys().all(|p| brokers.contains(p)), "{per_pod:?}");
    assert_eq!(said, per_pod.values().sum::<usize>(), "{per_pod:?}");
    topics_round_trip(&ns.0, &[]);

    // TLS through the tunnels: the certificate names only the advertised FQDN (testbed CA), and
    // is checked against that name, so the trusted CA passes and a wrong CA fails.
    let tb = Testbed::get();
    let cfg = tb
        .dir
        .join("clusters")
        .join(&ns.0)
        .join("tls.properties")
        .display()
        .to_string();
    let v = status_outside(&ns.0, &["--command-config", &cfg]);
    assert_eq!(v["connection"], "port-forward", "{v}");
    let sasl = tb
        .dir
        .join("clusters")
        .join(&ns.0)
        .join("sasl-ssl.properties")
        .display()
        .to_string();
    topics_round_trip(&ns.0, &["--command-config", &sasl]);
    let wrong_ca = tb
        .dir
        .join("pki")
        .join("kubelet-ca.crt")
        .display()
        .to_string();
    let out = plugin_outside(&[
        "status",
        "-n",
        &ns.0,
        "--tls",
        "--tls-ca",
        &wrong_ca,
        "--request-timeout",
        "10s",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "a wrong CA must fail: {stderr}");
    assert!(stderr.contains("certificate"), "{stderr}");
    assert!(stderr.contains("tried:"), "{stderr}");
}

#[test]
fn on_the_pod_network_auto_picks_direct() {
    let out = plugin_host(&["status", "-n", "kafka", "-o", "json", "-v"]);
    let v: serde_json::Value = serde_json::from_str(&ok(&out, "status on the host")).expect("JSON");
    assert_eq!(v["connection"], "direct", "{v}");
    // Direct asked for from outside: the pod network does not answer there; exit 1 naming it.
    let out = plugin_outside(&["status", "-n", "kafka", "--connect", "direct"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("--connect direct"), "{stderr}");
    assert!(
        stderr.contains("port-forward"),
        "the hint names the next path: {stderr}"
    );
}
