//! `kubectl kafka` against the local testbed: namespace `kafka`, KRaft controller StatefulSet
//! `kafka-controller` and three brokers in StatefulSet `kafka`.
//!
//! Needs the running testbed (tests/testbed/up.sh; tests/common finds it through KAFKA_TESTBED_DIR
//! or ./.testbed). Every topic command is cross-checked with the Kafka CLI.

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::Value;

mod common;

use common::Testbed;

fn tb() -> &'static Testbed {
    Testbed::get()
}

/// The plugin binary with the testbed's kubeconfig, stdin closed (non-interactive use).
fn plugin() -> Command {
    let mut c = common::plugin();
    c.env_remove("RUST_LOG").stdin(Stdio::null());
    c
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Run {
    run_with(plugin(), args)
}

fn run_with(mut cmd: Command, args: &[&str]) -> Run {
    let out: Output = cmd.args(args).output().expect("run kubectl-kafka");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn ok(args: &[&str]) -> Run {
    let r = run(args);
    assert_eq!(
        r.code, 0,
        "kubectl kafka {args:?} failed:\nstdout: {}\nstderr: {}",
        r.stdout, r.stderr
    );
    r
}

fn json(args: &[&str]) -> Value {
    let mut a = args.to_vec();
    a.extend(["-o", "json"]);
    let r = ok(&a);
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", r.stdout))
}

/// Expect exit `code` and a message on stderr containing `needle`.
fn fails(args: &[&str], code: i32, needle: &str) -> Run {
    let r = run(args);
    assert_eq!(
        r.code, code,
        "kubectl kafka {args:?}:\nstdout: {}\nstderr: {}",
        r.stdout, r.stderr
    );
    assert!(
        r.stderr.contains(needle),
        "stderr of {args:?} lacks '{needle}': {}",
        r.stderr
    );
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    r
}

/// A Kafka CLI tool against the testbed brokers; returns stdout.
fn kafka_tool(name: &str, args: &[&str]) -> String {
    let mut all = vec!["--bootstrap-server", tb().kafka_bootstrap.as_str()];
    all.extend_from_slice(args);
    let out = tb().kafka_tool(name, &all);
    assert!(
        out.status.success(),
        "{name} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `kafka-topics --describe`: (partition count, replication factor, the Configs: part).
fn kafka_describe(topic: &str) -> (usize, usize, String) {
    let out = kafka_tool("kafka-topics", &["--describe", "--topic", topic]);
    let header = out
        .lines()
        .find(|l| l.contains("PartitionCount"))
        .unwrap_or_else(|| panic!("no topic header in: {out}"));
    let field = |name: &str| -> String {
        header
            .split('\t')
            .find_map(|f| {
                f.trim()
                    .strip_prefix(&format!("{name}:"))
                    .map(|v| v.trim().to_string())
            })
            .unwrap_or_default()
    };
    (
        field("PartitionCount").parse().expect("PartitionCount"),
        field("ReplicationFactor")
            .parse()
            .expect("ReplicationFactor"),
        field("Configs"),
    )
}

fn kafka_topic_names() -> Vec<String> {
    kafka_tool("kafka-topics", &["--list"])
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// Deletes the topic when the test ends, pass or fail (best effort: the test already asserted).
struct Cleanup(String);

impl Drop for Cleanup {
    fn drop(&mut self) {
        let _ = plugin()
            .args(["topics", "delete", &self.0, "-n", "kafka", "--yes"])
            .output();
    }
}

/// A topic name no other test (or earlier run) uses.
fn unique(tag: &str) -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!("cli-{tag}-{}-{}", std::process::id(), nanos % 1_000_000_000)
}

// ---------------------------------------------------------------------------------------------
// discovery and status

#[test]
fn clusters_lists_the_testbed_cluster() {
    let v = json(&["clusters", "-n", "kafka"]);
    let cs = v["clusters"].as_array().expect("clusters array");
    assert_eq!(cs.len(), 1, "{v}");
    let c = &cs[0];
    assert_eq!(c["namespace"], "kafka");
    assert_eq!(c["name"], "kafka");
    assert_eq!(c["workload_kind"], "StatefulSet");
    assert_eq!(
        c["broker_pods"],
        serde_json::json!(["kafka-0", "kafka-1", "kafka-2"])
    );
    assert_eq!(
        c["controller_pods"],
        serde_json::json!(["kafka-controller-0"])
    );
    assert_eq!(c["controller_workloads"][0]["name"], "kafka-controller");
    assert_eq!(c["pods_total"], 4);

    let t = ok(&["clusters", "-A"]);
    let line = t
        .stdout
        .lines()
        .find(|l| l.starts_with("kafka "))
        .expect("a kafka row");
    assert!(
        line.contains("StatefulSet") && line.contains("4/4"),
        "{}",
        t.stdout
    );
    assert!(t.stdout.starts_with("NAMESPACE"), "{}", t.stdout);
}

#[test]
fn status_table_json_and_exit_code() {
    let v = json(&["status", "-n", "kafka"]);
    let brokers = v["brokers"].as_array().expect("brokers");
    assert_eq!(brokers.len(), 3, "{v}");
    for (i, b) in brokers.iter().enumerate() {
        assert_eq!(b["id"], i as i64, "{b}");
        assert_eq!(b["pod"], format!("kafka-{i}"), "{b}");
        assert_eq!(b["state"], "ok");
        assert_eq!(b["ready"], true);
        assert_eq!(b["matched_by"], "pod-ip");
    }
    assert_eq!(v["controllers"][0]["pod"], "kafka-controller-0");
    assert_eq!(v["healthy"], true, "{v}");
    assert_eq!(v["health"]["offline_partitions"], serde_json::json!([]));
    // The quorum leader is the controller-only node (id 1000), not a broker.
    assert_eq!(v["controller_id"], 1000);

    let t = ok(&["status", "-n", "kafka", "--exit-code"]);
    assert!(
        t.stdout.contains("kafka-0") && t.stdout.contains("Cluster is healthy."),
        "{}",
        t.stdout
    );
    let y = ok(&["status", "kafka", "-n", "kafka", "-o", "yaml"]);
    assert!(y.stdout.contains("healthy: true"), "{}", y.stdout);
}

// ---------------------------------------------------------------------------------------------
// topics, each checked with the Kafka CLI

#[test]
fn topics_create_list_describe() {
    let name = unique("create");
    let _cleanup = Cleanup(name.clone());
    let r = ok(&[
        "topics",
        "create",
        &name,
        "-n",
        "kafka",
        "--partitions",
        "4",
        "--replication-factor",
        "2",
        "--config",
        "retention.ms=3600000",
    ]);
    assert!(r.stdout.contains("created"), "{}", r.stdout);
    let (parts, rf, configs) = kafka_describe(&name);
    assert_eq!((parts, rf), (4, 2));
    assert!(configs.contains("retention.ms=3600000"), "{configs}");

    let v = json(&["topics", "list", "-n", "kafka"]);
    let t = v["topics"]
        .as_array()
        .expect("topics")
        .iter()
        .find(|t| t["name"] == name.as_str())
        .unwrap_or_else(|| panic!("{name} not listed: {v}"))
        .clone();
    assert_eq!(t["partitions"], 4);
    assert_eq!(t["replication_factor"], 2);
    assert_eq!(t["under_replicated"], 0);
    assert_eq!(t["internal"], false);

    // Regex filter, and internal topics only with --internal.
    let v = json(&["topics", "list", &format!("^{name}$"), "-n", "kafka"]);
    assert_eq!(v["topics"].as_array().map(Vec::len), Some(1), "{v}");
    let all = json(&["topics", "list", "--internal", "-n", "kafka"]);
    let plain = json(&["topics", "list", "-n", "kafka"]);
    let internal = |v: &Value| {
        v["topics"]
            .as_array()
            .map_or(0, |a| a.iter().filter(|t| t["internal"] == true).count())
    };
    assert_eq!(internal(&plain), 0);
    if kafka_topic_names()
        .iter()
        .any(|t| t == "__consumer_offsets")
    {
        assert!(internal(&all) >= 1, "{all}");
    }

    let d = json(&["topics", "describe", &name, "-n", "kafka"]);
    assert_eq!(d["partitions"].as_array().map(Vec::len), Some(4));
    for p in d["partitions"].as_array().into_iter().flatten() {
        assert_eq!(p["replicas"].as_array().map(Vec::len), Some(2), "{p}");
        assert!(p["leader"].is_i64(), "{p}");
    }
    let cfg = d["configs"]
        .as_array()
        .and_then(|c| c.iter().find(|c| c["name"] == "retention.ms"))
        .unwrap_or_else(|| panic!("retention.ms not among non-default configs: {d}"));
    assert_eq!(cfg["value"], "3600000");
    assert_eq!(cfg["source"], "DYNAMIC_TOPIC_CONFIG");
    let text = ok(&["topics", "describe", &name, "-n", "kafka"]).stdout;
    assert!(
        text.contains("retention.ms") && text.contains("LEADER"),
        "{text}"
    );

    // Existing topic: refused, unless --if-not-exists.
    fails(
        &[
            "topics", "create", &name, "-n", "kafka", "-p", "1", "-r", "1",
        ],
        2,
        "already exists",
    );
    let r = ok(&[
        "topics",
        "create",
        &name,
        "-n",
        "kafka",
        "-p",
        "1",
        "-r",
        "1",
        "--if-not-exists",
    ]);
    assert!(r.stdout.contains("already exists"), "{}", r.stdout);
    assert_eq!(
        kafka_describe(&name).0,
        4,
        "--if-not-exists changed nothing"
    );
}

#[test]
fn topics_create_dry_run_creates_nothing() {
    let name = unique("dry");
    let _cleanup = Cleanup(name.clone());
    let r = ok(&[
        "topics",
        "create",
        &name,
        "-n",
        "kafka",
        "-p",
        "2",
        "-r",
        "3",
        "--dry-run",
    ]);
    assert!(r.stdout.contains("would be created"), "{}", r.stdout);
    assert!(!kafka_topic_names().contains(&name));
}

#[test]
fn topics_alter_partitions_and_configs() {
    let name = unique("alter");
    let _cleanup = Cleanup(name.clone());
    ok(&[
        "topics",
        "create",
        &name,
        "-n",
        "kafka",
        "-p",
        "2",
        "-r",
        "3",
        "--config",
        "retention.ms=7200000",
        "--config",
        "cleanup.policy=delete",
    ]);

    let v = json(&[
        "topics",
        "alter",
        &name,
        "-n",
        "kafka",
        "--partitions",
        "5",
        "--config",
        "max.message.bytes=200000",
        "--delete-config",
        "retention.ms",
    ]);
    assert_eq!(v["action"], "altered");
    assert_eq!(v["partitions"], 5);
    let (parts, rf, configs) = kafka_describe(&name);
    assert_eq!((parts, rf), (5, 3));
    assert!(configs.contains("max.message.bytes=200000"), "{configs}");
    assert!(
        !configs.contains("retention.ms"),
        "deleted config still set: {configs}"
    );
    // Incremental: the config not named in the command is untouched.
    assert!(configs.contains("cleanup.policy=delete"), "{configs}");

    // Dry run changes nothing.
    ok(&[
        "topics",
        "alter",
        &name,
        "-n",
        "kafka",
        "--partitions",
        "8",
        "--dry-run",
    ]);
    assert_eq!(kafka_describe(&name).0, 5);
}

#[test]
fn topics_delete_needs_yes() {
    let name = unique("delete");
    let _cleanup = Cleanup(name.clone());
    ok(&[
        "topics", "create", &name, "-n", "kafka", "-p", "1", "-r", "1",
    ]);

    fails(&["topics", "delete", &name, "-n", "kafka"], 2, "--yes");
    assert!(kafka_topic_names().contains(&name), "deleted without --yes");

    let r = ok(&["topics", "delete", &name, "-n", "kafka", "--dry-run"]);
    assert!(r.stdout.contains("would be deleted"), "{}", r.stdout);
    assert!(kafka_topic_names().contains(&name), "deleted by --dry-run");

    let v = json(&["topics", "delete", &name, "-n", "kafka", "--yes"]);
    assert_eq!(v["action"], "deleted");
    assert_eq!(v["topics"], serde_json::json!([name]));
    // Deletion is asynchronous in Kafka: give it a few seconds.
    let gone = (0..20).any(|_| {
        if kafka_topic_names().contains(&name) {
            std::thread::sleep(std::time::Duration::from_millis(500));
            false
        } else {
            true
        }
    });
    assert!(gone, "{name} still listed after delete");

    fails(
        &["topics", "delete", &unique("nope"), "-n", "kafka", "--yes"],
        2,
        "do not exist",
    );
}

// ---------------------------------------------------------------------------------------------
// bad input: a clear message and the README's exit code, never a panic

#[test]
fn bad_topic_names() {
    fails(
        &[
            "topics", "create", "bad/name", "-n", "kafka", "-p", "1", "-r", "1",
        ],
        2,
        "invalid topic name",
    );
    fails(
        &[
            "topics", "create", "..", "-n", "kafka", "-p", "1", "-r", "1",
        ],
        2,
        "invalid topic name",
    );
    let long = "x".repeat(250);
    fails(
        &[
            "topics", "create", &long, "-n", "kafka", "-p", "1", "-r", "1",
        ],
        2,
        "250 characters",
    );
}

#[test]
fn replication_factor_above_broker_count() {
    let name = unique("rf");
    let _cleanup = Cleanup(name.clone());
    fails(
        &[
            "topics", "create", &name, "-n", "kafka", "-p", "1", "-r", "4",
        ],
        2,
        "larger than the number of brokers (3)",
    );
    assert!(!kafka_topic_names().contains(&name));
}

#[test]
fn fewer_partitions_refused() {
    let name = unique("shrink");
    let _cleanup = Cleanup(name.clone());
    ok(&[
        "topics", "create", &name, "-n", "kafka", "-p", "3", "-r", "1",
    ]);
    fails(
        &["topics", "alter", &name, "-n", "kafka", "--partitions", "2"],
        2,
        "cannot reduce",
    );
    assert_eq!(kafka_describe(&name).0, 3);
}

#[test]
fn unknown_config_keys_refused() {
    let name = unique("cfg");
    let _cleanup = Cleanup(name.clone());
    fails(
        &[
            "topics",
            "create",
            &name,
            "-n",
            "kafka",
            "-p",
            "1",
            "-r",
            "1",
            "--config",
            "retention.msx=1",
        ],
        2,
        "retention.msx",
    );
    assert!(
        !kafka_topic_names().contains(&name),
        "created despite an unknown config"
    );

    ok(&[
        "topics",
        "create",
        &name,
        "-n",
        "kafka",
        "-p",
        "1",
        "-r",
        "1",
        "--config",
        "retention.ms=1000000",
    ]);
    // A valid change next to an unknown key: nothing may be applied.
    fails(
        &[
            "topics",
            "alter",
            &name,
            "-n",
            "kafka",
            "--config",
            "max.message.bytes=300000",
            "--config",
            "no.such.key=1",
        ],
        2,
        "no.such.key",
    );
    let (_, _, configs) = kafka_describe(&name);
    assert!(
        !configs.contains("max.message.bytes"),
        "half-applied: {configs}"
    );
    assert!(configs.contains("retention.ms=1000000"), "{configs}");
}

#[test]
fn unknown_namespace() {
    fails(
        &["status", "-n", "no-such-namespace"],
        2,
        "namespace 'no-such-namespace' does not exist",
    );
}

#[test]
fn no_matching_pods() {
    fails(
        &["clusters", "-n", "default"],
        2,
        "no Kafka pods found in namespace default",
    );
    fails(
        &["status", "-n", "default"],
        2,
        "no Kafka pods found in namespace default",
    );
    fails(
        &["topics", "list", "-n", "kafka", "-l", "app=nothing-here"],
        2,
        "no Kafka pods found",
    );
    fails(
        &["status", "-n", "kafka", "other-cluster"],
        2,
        "no Kafka cluster named 'other-cluster'",
    );
}

#[test]
fn unknown_context() {
    fails(
        &["clusters", "--context", "nope"],
        2,
        "context 'nope' is not in the kubeconfig",
    );
}

#[test]
fn missing_kubeconfig() {
    fails(
        &["clusters", "--kubeconfig", "/nonexistent/kubeconfig"],
        2,
        "/nonexistent/kubeconfig does not exist",
    );
    let mut c = plugin();
    c.env("KUBECONFIG", "/nonexistent/kubeconfig");
    let r = run_with(c, &["clusters"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("kubeconfig"), "{}", r.stderr);
}

#[test]
fn unreachable_brokers() {
    let r = run(&[
        "topics",
        "list",
        "--bootstrap-server",
        "127.0.0.1:1",
        "--request-timeout",
        "5s",
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("cannot reach Kafka at 127.0.0.1:1"),
        "{}",
        r.stderr
    );
}

#[test]
fn bootstrap_server_without_kubernetes() {
    // Kafka alone: no kubeconfig needed for topic commands.
    let mut c = plugin();
    c.env("KUBECONFIG", "/nonexistent/kubeconfig");
    let r = run_with(
        c,
        &[
            "topics",
            "list",
            "--bootstrap-server",
            &tb().kafka_bootstrap,
            "-o",
            "json",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).expect("json");
    assert!(v["topics"].is_array());
}

#[test]
fn bad_flags_are_usage_errors() {
    fails(&["-o", "xml", "clusters"], 2, "invalid value 'xml'");
    fails(
        &["topics", "create", "t", "--partitions", "0"],
        2,
        "--partitions",
    );
    fails(&["-n", "kafka", "-A", "clusters"], 2, "exclude each other");
    let r = ok(&["--help"]);
    assert!(
        r.stdout.contains("Usage: kubectl kafka") && r.stdout.contains("Examples:"),
        "{}",
        r.stdout
    );
}

// ---------------------------------------------------------------------------------------------
// RBAC: a service account without the plugin's Role is refused with a pointer to the manifest

mod rbac {
    use super::*;
    use k8s_openapi::api::authentication::v1::{TokenRequest, TokenRequestSpec};
    use k8s_openapi::api::core::v1::ServiceAccount;
    use k8s_openapi::api::rbac::v1::{ClusterRole, RoleBinding};
    use kube::api::{DeleteParams, Patch, PatchParams, PostParams};
    use kube::{Api, Client, Config};

    /// Create a service account with no permissions and write a kubeconfig that uses its token.
    async fn unprivileged_kubeconfig(sa: &str) -> PathBuf {
        let text = std::fs::read_to_string(&tb().kubeconfig).expect("read testbed kubeconfig");
        let kc = kube::config::Kubeconfig::from_yaml(&text).expect("parse kubeconfig");
        let config = Config::from_custom_kubeconfig(kc.clone(), &Default::default())
            .await
            .expect("kube config");
        let client = Client::try_from(config).expect("client");
        let api: Api<ServiceAccount> = Api::namespaced(client, "kafka");
        let _ = api.delete(sa, &DeleteParams::default()).await;
        let obj: ServiceAccount = serde_json::from_value(serde_json::json!({
            "metadata": {"name": sa, "namespace": "kafka"}
        }))
        .expect("sa");
        api.create(&PostParams::default(), &obj)
            .await
            .expect("create service account");
        let tr = TokenRequest {
            spec: Some(TokenRequestSpec {
                expiration_seconds: Some(600),
                ..Default::default()
            }),
            ..Default::default()
        };
        let token = api
            .create_token_request(sa, &PostParams::default(), &tr)
            .await
            .expect("token request")
            .status
            .and_then(|s| s.token)
            .expect("token in the TokenRequest status");
        let server = kc.clusters[0]
            .cluster
            .as_ref()
            .and_then(|c| c.server.clone())
            .expect("server");
        let ca = kc.clusters[0]
            .cluster
            .as_ref()
            .and_then(|c| c.certificate_authority.clone())
            .expect("ca");
        let path = std::env::temp_dir().join(format!("kubectl-kafka-{sa}.kubeconfig"));
        std::fs::write(
            &path,
            format!(
                "apiVersion: v1\nkind: Config\nclusters:\n- name: t\n  cluster:\n    server: {server}\n    certificate-authority: {ca}\nusers:\n- name: u\n  user:\n    token: {token}\ncontexts:\n- name: t\n  context: {{cluster: t, user: u, namespace: kafka}}\ncurrent-context: t\n"
            ),
        )
        .expect("write kubeconfig");
        path
    }

    #[test]
    fn forbidden_names_the_permission_and_the_manifest() {
        let sa = format!("kubectl-kafka-norbac-{}", std::process::id());
        let rt = tokio::runtime::Runtime::new().expect("runtime");
        let kubeconfig = rt.block_on(unprivileged_kubeconfig(&sa));
        let mut c = plugin();
        c.env("KUBECONFIG", &kubeconfig);
        let r = run_with(c, &["status"]);
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert!(
            r.stderr
                .contains("forbidden: cannot list pods in namespace kafka"),
            "{}",
            r.stderr
        );
        assert!(
            r.stderr.contains("tests/manifests/rbac-plugin.yaml"),
            "{}",
            r.stderr
        );

        // With the manifest's ClusterRole bound in the namespace, the same account may run the
        // read-only verbs: the manifest grants what they need.
        rt.block_on(bind_plugin_role(&sa));
        let granted = (0..20).find_map(|_| {
            let mut c = plugin();
            c.env("KUBECONFIG", &kubeconfig);
            let r = run_with(c, &["status", "-o", "json"]);
            if r.code == 0 {
                return Some(r);
            }
            // RBAC changes reach the authorizer's cache within a moment.
            std::thread::sleep(std::time::Duration::from_millis(500));
            None
        });
        let r = granted.expect("status still refused with the plugin's Role bound");
        let v: Value = serde_json::from_str(&r.stdout).expect("json");
        assert_eq!(v["cluster"], "kafka");
        let mut c = plugin();
        c.env("KUBECONFIG", &kubeconfig);
        let r = run_with(c, &["clusters", "-n", "kafka"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let _ = std::fs::remove_file(kubeconfig);
        rt.block_on(async {
            let client = admin_client().await;
            let sas: Api<ServiceAccount> = Api::namespaced(client.clone(), "kafka");
            let _ = sas.delete(&sa, &DeleteParams::default()).await;
            let rbs: Api<RoleBinding> = Api::namespaced(client, "kafka");
            let _ = rbs.delete(&sa, &DeleteParams::default()).await;
        });
    }

    async fn admin_client() -> Client {
        let text = std::fs::read_to_string(&tb().kubeconfig).expect("read testbed kubeconfig");
        let kc = kube::config::Kubeconfig::from_yaml(&text).expect("parse kubeconfig");
        let config = Config::from_custom_kubeconfig(kc, &Default::default())
            .await
            .expect("kube config");
        Client::try_from(config).expect("client")
    }

    /// Apply tests/manifests/rbac-plugin.yaml's ClusterRole and bind it to `sa` in namespace kafka.
    async fn bind_plugin_role(sa: &str) {
        let client = admin_client().await;
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/manifests/rbac-plugin.yaml"
        );
        let text = std::fs::read_to_string(path).expect("read the RBAC manifest");
        let role: ClusterRole =
            serde_saphyr::from_str(&text).expect("the manifest is a ClusterRole");
        let name = role.metadata.name.clone().expect("role name");
        let roles: Api<ClusterRole> = Api::all(client.clone());
        roles
            .patch(
                &name,
                &PatchParams::apply("kubectl-kafka-tests").force(),
                &Patch::Apply(&role),
            )
            .await
            .expect("apply the ClusterRole");
        let rb: RoleBinding = serde_json::from_value(serde_json::json!({
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "kind": "RoleBinding",
            "metadata": {"name": sa, "namespace": "kafka"},
            "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": name},
            "subjects": [{"kind": "ServiceAccount", "name": sa, "namespace": "kafka"}]
        }))
        .expect("role binding");
        let rbs: Api<RoleBinding> = Api::namespaced(client, "kafka");
        rbs.patch(
            sa,
            &PatchParams::apply("kubectl-kafka-tests").force(),
            &Patch::Apply(&rb),
        )
        .await
        .expect("apply the RoleBinding");
    }
}

/// `--port-forward` tunnels every broker connection through the API server's pods/portforward
/// to the testbed's kubelet endpoint: status reads the whole cluster that way, and the kubelet
/// server's log shows the tunnels it served for the broker pods.
#[test]
fn port_forward_goes_through_the_api_server() {
    let log = tb().dir.join("logs").join("kubelet-server.log");
    let before = std::fs::read_to_string(&log).unwrap_or_default().len();
    let v = json(&[
        "status",
        "-n",
        "kafka",
        "--port-forward",
        "--request-timeout",
        "20s",
    ]);
    let ids: Vec<i64> = v["brokers"]
        .as_array()
        .expect("brokers")
        .iter()
        .filter_map(|b| b["id"].as_i64())
        .collect();
    assert_eq!(ids, vec![0, 1, 2], "{v}");
    let text = std::fs::read_to_string(&log).unwrap_or_default();
    let served = text.get(before..).unwrap_or("");
    assert!(
        served.contains("GET /portForward/kafka/kafka-") && served.contains("status=101"),
        "no port-forward reached the kubelet endpoint ({}):\n{served}",
        log.display()
    );
}
