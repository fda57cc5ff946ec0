//! `scale` 3→4 and `restart` run from the testbed's outside network namespace in `--connect auto`,
//! each under an acks=all producer running on the host, on the cluster shapes whose advertised
//! addresses are not pod-IP:port: (a) NodePort, (b) load balancer, (c) pod FQDNs. Asserts that no
//! acknowledged record is lost, that the new broker holds replicas and that every broker pod was
//! replaced. Needs tests/testbed/up.sh; each test deploys its own namespace.

mod common;

use std::collections::BTreeSet;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use common::{BackgroundProducer, Ns, Testbed, consume_all, outside, plugin_bin, unique_ns};
use serde_json::Value;

/// The plugin in the outside network namespace, auto mode, `-v` (the route goes to stderr).
fn plugin_outside(args: &[&str]) -> Output {
    let (netns, kubeconfig) = outside();
    let started = Instant::now();
    let out = Command::new("ip")
        .args(["netns", "exec", &netns, "env"])
        .arg(format!("KUBECONFIG={}", kubeconfig.display()))
        .arg(plugin_bin())
        .args(args)
        .arg("-v")
        .output()
        .expect("run the plugin in the outside namespace");
    eprintln!(
        "outside: kubectl kafka {} -> {:?} in {:.1?}",
        args.join(" "),
        out.status.code(),
        started.elapsed()
    );
    out
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

fn json(out: &Output, what: &str) -> Value {
    let text = ok(out, what);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{what}: not JSON ({e}): {text}"))
}

/// The route `-v` says auto chose.
fn route(out: &Output) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr);
    stderr
        .lines()
        .find_map(|l| l.split("connect: route ").nth(1))
        .and_then(|r| r.split_whitespace().next())
        .unwrap_or_else(|| panic!("no route at -v: {stderr}"))
        .to_string()
}

/// Deploy `shape` into a fresh namespace; the guard deletes it.
fn deploy(shape: &str, prefix: &str) -> Ns {
    let tb = Testbed::get();
    let ns = Ns(unique_ns(prefix));
    let started = Instant::now();
    let out = Command::new(tb.src.join("deploy.sh"))
        .args([shape, &ns.0])
        .env("KAFKA_TESTBED_DIR", &tb.dir)
        .output()
        .expect("run deploy.sh");
    ok(&out, &format!("deploy.sh {shape} {}", ns.0));
    eprintln!("deployed {shape} in {:.0?}", started.elapsed());
    ns
}

/// Broker pod name → UID.
fn broker_uids(ns: &str, prefix: &str) -> Vec<(String, String)> {
    let out = Testbed::get().kubectl_ok(&[
        "get",
        "pods",
        "-n",
        ns,
        "-o",
        "jsonpath={range .items[*]}{.metadata.name}={.metadata.uid}{\"\\n\"}{end}",
    ]);
    let mut v: Vec<(String, String)> = out
        .lines()
        .filter_map(|l| l.split_once('='))
        .filter(|(n, _)| {
            n.strip_prefix(prefix)
                .is_some_and(|rest| rest.chars().all(|c| c.is_ascii_digit()))
        })
        .map(|(n, u)| (n.to_string(), u.to_string()))
        .collect();
    v.sort();
    v
}

/// Where the producer and the final read run: the host, or (shape c) a thread that sees a pod's
/// files, whose `/etc/hosts` names the brokers' FQDNs (nothing resolves them on the host).
#[derive(Clone)]
enum Vantage {
    Host,
    PodFiles { pid: i32 },
}

impl Vantage {
    fn run<T: Send + 'static>(&self, f: impl FnOnce() -> T + Send + 'static) -> T {
        match self {
            Vantage::Host => f(),
            Vantage::PodFiles { pid } => {
                let pid = *pid;
                std::thread::spawn(move || {
                    enter_mount_namespace(pid);
                    // Threads started from here (the producer's and librdkafka's) stay in it.
                    f()
                })
                .join()
                .expect("thread in the pod's mount namespace")
            }
        }
    }
}

/// Move the calling thread (only) into the mount namespace of process `pid`.
#[allow(unsafe_code)]
fn enter_mount_namespace(pid: i32) {
    use std::os::fd::AsRawFd;
    let ns = std::fs::File::open(format!("/proc/{pid}/ns/mnt"))
        .unwrap_or_else(|e| panic!("open the mount namespace of {pid}: {e}"));
    // SAFETY: plain system calls on this thread; the descriptor is open for the call.
    let rc = unsafe { libc::unshare(libc::CLONE_FS) };
    assert_eq!(
        rc,
        0,
        "unshare(CLONE_FS): {}",
        std::io::Error::last_os_error()
    );
    // SAFETY: as above.
    let rc = unsafe { libc::setns(ns.as_raw_fd(), libc::CLONE_NEWNS) };
    assert_eq!(rc, 0, "setns(mnt): {}", std::io::Error::last_os_error());
}

struct Shape<'a> {
    name: &'a str,
    prefix: &'a str,
    /// Broker pod name prefix (`kafka-`, `kafka-broker-`).
    pods: &'a str,
    /// Node id of the fourth broker.
    new_id: i64,
    /// What auto must choose from outside.
    route: &'a str,
}

/// Deploy, then from outside in auto mode: create a topic, `scale` 3→4 and `restart`, each under
/// an acks=all producer; then check nothing acknowledged was lost.
fn scale_and_restart_under_load(shape: Shape<'_>, vantage: impl Fn(&str) -> (String, Vantage)) {
    let ns = deploy(shape.name, shape.prefix);
    let (bootstrap, vantage) = vantage(&ns.0);
    let topic = "load";

    let out = plugin_outside(&[
        "topics",
        "create",
        topic,
        "-n",
        &ns.0,
        "-p",
        "6",
        "-r",
        "3",
        "-c",
        "min.insync.replicas=2",
    ]);
    ok(&out, "topics create");
    assert_eq!(route(&out), shape.route, "auto's choice on {}", shape.name);

    let (b, t) = (bootstrap.clone(), topic.to_string());
    let producer = vantage.run(move || BackgroundProducer::start(&b, &t, Duration::from_millis(5)));
    let until = Instant::now() + Duration::from_secs(60);
    while producer.acked_count() < 100 {
        assert!(Instant::now() < until, "the producer got no acks");
        std::thread::sleep(Duration::from_millis(200));
    }

    // scale 3 → 4 from outside.
    let out = plugin_outside(&[
        "scale",
        "-n",
        &ns.0,
        "--replicas",
        "4",
        "--balance",
        "count",
        "--throttle",
        "100MiB",
        "--yes",
        "-o",
        "json",
    ]);
    let v = json(&out, "scale 3->4 from outside");
    assert_eq!(route(&out), shape.route, "{v}");
    assert_eq!(v["added_brokers"], serde_json::json!([shape.new_id]), "{v}");
    let acked_at_scale = producer.acked_count();
    // The throttles went once the moves were done, the new broker's rate included: the clean-up
    // reaches it by the connection made after it joined (through its own tunnel on shape c).
    let status = json(
        &plugin_outside(&["reassign", "status", "-n", &ns.0, "-o", "json"]),
        "reassign status after the scale",
    );
    assert_eq!(
        status["throttle_configs"],
        serde_json::json!([]),
        "throttles left after the scale: {status}"
    );

    let described = json(
        &plugin_outside(&["topics", "describe", topic, "-n", &ns.0, "-o", "json"]),
        "topics describe",
    );
    let on_new = described["partitions"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|p| {
            p["replicas"]
                .as_array()
                .is_some_and(|r| r.iter().any(|id| id.as_i64() == Some(shape.new_id)))
        })
        .count();
    assert!(
        on_new > 0,
        "broker {} holds no replica of {topic}: {described}",
        shape.new_id
    );

    // restart from outside, same producer still writing.
    let before = broker_uids(&ns.0, shape.pods);
    assert_eq!(before.len(), 4, "{before:?}");
    let out = plugin_outside(&["restart", "-n", &ns.0, "--settle", "5s", "-o", "json"]);
    let summary = json(&out, "restart from outside");
    assert_eq!(route(&out), shape.route, "{summary}");
    let after = broker_uids(&ns.0, shape.pods);
    assert_eq!(after.len(), 4, "{after:?}");
    for ((name, old), (_, new)) in before.iter().zip(&after) {
        assert_ne!(old, new, "pod {name} was not replaced: {summary}");
    }
    let restarted = summary["restarted"].as_array().map(Vec::len);
    assert_eq!(restarted, Some(4), "{summary}");

    let report = producer.stop();
    assert!(
        report.errors.is_empty(),
        "acks=all deliveries failed: {:?}",
        &report.errors[..report.errors.len().min(5)]
    );
    assert!(
        report.acked.len() > acked_at_scale,
        "the producer got no acks during the restart"
    );
    let (b, t) = (bootstrap.clone(), topic.to_string());
    let read: BTreeSet<String> = vantage.run(move || consume_all(&b, &t).into_iter().collect());
    let lost: Vec<&String> = report.acked.iter().filter(|k| !read.contains(*k)).collect();
    eprintln!(
        "{}: {} records acknowledged, {} read back, {} lost",
        shape.name,
        report.acked.len(),
        read.len(),
        lost.len()
    );
    common::assert_none_lost(&report.acked, &read);
}

/// Pod IP:9092 of every broker pod (the host is on the pod network); the metadata then names
/// whatever the listener advertises.
fn host_bootstrap(ns: &str, pods: &str) -> String {
    let tb = Testbed::get();
    let ips = tb.kubectl_ok(&[
        "get",
        "pods",
        "-n",
        ns,
        "-o",
        "jsonpath={range .items[*]}{.metadata.name}={.status.podIP}{\"\\n\"}{end}",
    ]);
    let list: Vec<String> = ips
        .lines()
        .filter_map(|l| l.split_once('='))
        .filter(|(n, ip)| {
            !ip.is_empty()
                && n.strip_prefix(pods)
                    .is_some_and(|rest| rest.chars().all(|c| c.is_ascii_digit()))
        })
        .map(|(_, ip)| format!("{ip}:9092"))
        .collect();
    assert!(!list.is_empty(), "no broker pod IPs in {ns}");
    list.join(",")
}

#[test]
fn shape_c_pod_fqdns_scale_and_restart_from_outside_lose_nothing() {
    scale_and_restart_under_load(
        Shape {
            name: "fqdn-tls",
            prefix: "load-c",
            pods: "kafka-broker-",
            new_id: 103,
            route: "port-forward",
        },
        |ns| {
            // The controller pod is not restarted: its files (and /etc/hosts) stay.
            let pid = Testbed::get()
                .container_pid(ns, "kafka-controller-0", "kafka")
                .expect("the controller's container runs");
            (
                host_bootstrap(ns, "kafka-broker-"),
                Vantage::PodFiles { pid },
            )
        },
    );
}

#[test]
fn shape_a_nodeport_scale_and_restart_from_outside_lose_nothing() {
    scale_and_restart_under_load(
        Shape {
            name: "nodeport",
            prefix: "load-a",
            pods: "kafka-",
            new_id: 3,
            route: "advertised",
        },
        |ns| (host_bootstrap(ns, "kafka-"), Vantage::Host),
    );
}

#[test]
fn shape_b_load_balancer_scale_and_restart_from_outside_lose_nothing() {
    scale_and_restart_under_load(
        Shape {
            name: "loadbalancer",
            prefix: "load-b",
            pods: "kafka-",
            new_id: 3,
            route: "advertised",
        },
        |ns| (host_bootstrap(ns, "kafka-"), Vantage::Host),
    );
}
