//! `kubectl kafka probe` from the testbed's outside network namespace (a laptop outside the pod
//! network): records go wherever the admin plane goes. Shape (c), pod FQDNs that resolve only in
//! the cluster, through port-forward tunnels over PLAINTEXT and TLS (certificate = FQDN only),
//! both with `--connect port-forward`, and SASL_SSL (auto, which picks port-forward there); shape (a),
//! NodePorts, in auto mode. Each probe reads its own records back; the Kafka
//! CLI's console consumer, run on the host, reads the canary topic again and must find exactly
//! the records the probes acknowledged. Needs tests/testbed/up.sh; each test deploys its own
//! namespace.

mod common;

use std::collections::BTreeMap;
use std::process::{Command, Output};

use common::{Ns, Testbed, plugin_bin, unique_ns};
use serde_json::Value;

fn env_value(text: &str, k: &str) -> Option<String> {
    text.lines()
        .filter_map(|l| l.trim().strip_prefix("export ").or(Some(l.trim())))
        .filter_map(|l| l.split_once('='))
        .find(|(key, _)| *key == k)
        .map(|(_, v)| v.trim_matches('\'').to_string())
}

/// The plugin run in the outside network namespace with the outside kubeconfig.
fn plugin_outside(args: &[&str]) -> Output {
    let tb = Testbed::get();
    let text = std::fs::read_to_string(tb.dir.join("env")).expect("testbed env");
    let get = |k: &str| {
        env_value(&text, k)
            .unwrap_or_else(|| panic!("{k} missing in the testbed env: run tests/testbed/up.sh"))
    };
    let netns = get("OUTSIDE_NETNS");
    assert!(
        std::path::Path::new("/run/netns").join(&netns).exists(),
        "no outside network namespace {netns}: run tests/testbed/up.sh"
    );
    Command::new("ip")
        .args(["netns", "exec", &netns, "env"])
        .arg(format!("KUBECONFIG={}", get("OUTSIDE_KUBECONFIG")))
        .arg(plugin_bin())
        .args(args)
        .output()
        .expect("run the plugin in the outside namespace")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A deployed shape: its namespace (deleted on drop) and what deploy.sh printed about it.
struct Shape {
    ns: Ns,
    env: String,
}

impl Shape {
    fn deploy(shape: &str, prefix: &str) -> Shape {
        let tb = Testbed::get();
        let ns = Ns(unique_ns(prefix));
        let out = Command::new(tb.src.join("deploy.sh"))
            .args([shape, &ns.0])
            .env("KAFKA_TESTBED_DIR", &tb.dir)
            .output()
            .expect("run deploy.sh");
        assert!(
            out.status.success(),
            "deploy.sh {shape} {} failed:\n{}\n{}",
            ns.0,
            text(&out.stdout),
            text(&out.stderr)
        );
        Shape {
            ns,
            env: text(&out.stdout),
        }
    }

    fn get(&self, k: &str) -> String {
        env_value(&self.env, k).unwrap_or_else(|| panic!("deploy.sh printed no {k}:\n{}", self.env))
    }

    fn file(&self, name: &str) -> String {
        Testbed::get()
            .dir
            .join("clusters")
            .join(&self.ns.0)
            .join(name)
            .display()
            .to_string()
    }

    /// Every value in `topic`, read from the beginning by the Kafka CLI's console consumer on the
    /// host (pod FQDNs resolved through the shape's hosts file), `expected` records in all.
    fn console_consume(&self, topic: &str, expected: usize) -> Vec<String> {
        let tb = Testbed::get();
        let out = Command::new(tb.src.join("kafka-tool.sh"))
            .args([
                "kafka-console-consumer",
                "--bootstrap-server",
                &self.get("KAFKA_BOOTSTRAP"),
                "--topic",
                topic,
                "--from-beginning",
                "--max-messages",
                &expected.to_string(),
                "--timeout-ms",
                "30000",
            ])
            .env("KAFKA_LIB", &tb.kafka_lib)
            .env("JAVA", &tb.java)
            .env("KAFKA_VERSION", self.get("KAFKA_VERSION"))
            .env("KAFKA_TOOL_HOSTS_FILE", self.get("KAFKA_HOSTS_FILE"))
            .output()
            .expect("run kafka-console-consumer");
        text(&out.stdout)
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect()
    }
}

/// One probe from outside, `-o json -v`: exit 0, every broker ok with every record acknowledged
/// and read back, over `route`. Returns the report.
fn probe_ok(ns: &str, topic: &str, messages: u32, route: &str, extra: &[&str]) -> Value {
    let n = messages.to_string();
    let mut args = vec![
        "probe",
        "-n",
        ns,
        "--topic",
        topic,
        "--messages",
        &n,
        "--timeout",
        "20s",
        "-o",
        "json",
        "-v",
    ];
    args.extend_from_slice(extra);
    let out = plugin_outside(&args);
    let stderr = text(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(0),
        "probe {extra:?} from outside failed:\n{}\n{stderr}",
        text(&out.stdout)
    );
    assert!(
        stderr.contains(&format!("connect: route {route}")),
        "-v names route {route}: {stderr}"
    );
    let r: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("probe JSON ({e}):\n{}", text(&out.stdout)));
    eprintln!("{}", serde_json::to_string_pretty(&r).unwrap_or_default());
    assert_eq!(r["ok"], true, "{r}");
    let brokers = r["brokers"].as_array().expect("brokers");
    assert_eq!(brokers.len(), 3, "{r}");
    for b in brokers {
        assert_eq!(b["ok"], true, "{b}");
        assert_eq!(b["leader"], b["broker"], "{b}");
        assert_eq!(
            (
                b["acked"].as_u64(),
                b["consumed"].as_u64(),
                b["failures"].as_u64()
            ),
            (
                Some(u64::from(messages)),
                Some(u64::from(messages)),
                Some(0)
            ),
            "{b}"
        );
        assert_eq!(
            b["e2e_latency"]["samples"].as_u64(),
            Some(u64::from(messages))
        );
    }
    r
}

/// The console consumer's values, grouped by probe round (`<run>:<seq>`): each round wrote
/// sequence numbers 0..messages to each of the 3 partitions, and nothing else is in the topic.
fn assert_rounds(values: &[String], rounds: usize, messages: u32) {
    let mut by_run: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    for v in values {
        let (run, seq) = v
            .rsplit_once(':')
            .unwrap_or_else(|| panic!("not a probe record: {v:?}"));
        assert!(run.starts_with("kubectl-kafka-probe-"), "{v:?}");
        by_run.entry(run).or_default().push(
            seq.parse()
                .unwrap_or_else(|_| panic!("bad sequence in {v:?}")),
        );
    }
    assert_eq!(
        by_run.len(),
        rounds,
        "probe rounds in the topic: {by_run:?}"
    );
    let want: Vec<u32> = (0..messages).flat_map(|s| [s, s, s]).collect();
    for (run, mut seqs) in by_run {
        seqs.sort_unstable();
        assert_eq!(seqs, want, "records of round {run}");
    }
}

#[test]
fn shape_c_probe_through_port_forward_over_plaintext_tls_and_sasl_ssl() {
    let shape = Shape::deploy("fqdn-tls", "probe-c");
    let ns = shape.ns.0.clone();
    let topic = "probe-pf-check";
    let messages = 4;
    let tls = shape.file("tls.properties");
    let sasl = shape.file("sasl-ssl.properties");
    // PLAINTEXT and TLS with the route forced: the forced route still tries each declared port
    // until one speaks the client's protocol (TLS is not on the first port). SASL_SSL in auto
    // mode, which must choose port-forward from outside.
    let pf = ["-k", "kafka-broker", "--connect", "port-forward"];
    let plain = probe_ok(&ns, topic, messages, "port-forward", &pf);
    assert_eq!(plain["created"], true, "{plain}");
    let with_tls = [
        "-k",
        "kafka-broker",
        "--connect",
        "port-forward",
        "--command-config",
        &tls,
    ];
    probe_ok(&ns, topic, messages, "port-forward", &with_tls);
    let with_sasl = ["-k", "kafka-broker", "--command-config", &sasl];
    let secured = probe_ok(&ns, topic, messages, "port-forward", &with_sasl);
    assert_eq!(secured["created"], false, "{secured}");

    // The host reads the topic with the Kafka CLI: exactly the records the three probes
    // acknowledged (3 rounds × 3 brokers × 4), every one once.
    let values = shape.console_consume(topic, 3 * 3 * messages as usize);
    assert_rounds(&values, 3, messages);

    let out = plugin_outside(&[
        "probe",
        "-n",
        &ns,
        "-k",
        "kafka-broker",
        "--topic",
        topic,
        "--delete",
        "-o",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn shape_a_probe_in_auto_mode_uses_the_advertised_node_ports() {
    let shape = Shape::deploy("nodeport", "probe-a");
    let ns = shape.ns.0.clone();
    let topic = "probe-auto-check";
    let messages = 5;
    probe_ok(&ns, topic, messages, "advertised", &[]);
    let values = shape.console_consume(topic, 3 * messages as usize);
    assert_rounds(&values, 1, messages);
}
