//! Every `Admin` method against a real cluster. The environment (tests/run.sh sources the
//! testbed's `.testbed/env`, which exports these):
//! - `KAFKA_BOOTSTRAP=host:port[,...]`: a plaintext listener. Required: the tests fail without it.
//! - `KAFKA_SECURE_BOOTSTRAP=host:port[,...]` and `KAFKA_COMMAND_CONFIG=<file>`: a TLS and/or
//!   SASL listener and the Kafka CLI properties file to reach it (security.protocol, ssl.*,
//!   sasl.*). Required by `secured_listener`, which fails without them.
//! - `KAFKA_CLI_CLASSPATH` (optional): a Kafka lib dir glob, e.g. `/opt/kafka/libs/*`, to
//!   cross-check results with Kafka's own CLI.

use std::collections::BTreeMap;
use std::process::Command;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use kubectl_kafka::Error;
use kubectl_kafka::kafka::errors::codes;
use kubectl_kafka::kafka::{
    Admin, ConfigOp, ConfigResource, ConfigSource, ConnectOptions, NewTopic, SaslOptions, Secret,
    TlsOptions, load_command_config,
};
use kubectl_kafka::model::TopicPartition;

fn bootstrap() -> Vec<String> {
    let v = std::env::var("KAFKA_BOOTSTRAP")
        .expect("KAFKA_BOOTSTRAP must name a Kafka broker (host:port[,host:port]) for this test");
    v.split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

fn unique(prefix: &str) -> String {
    let ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0);
    format!("{prefix}-{}-{ms}", std::process::id())
}

/// Run a Kafka CLI command when KAFKA_CLI_CLASSPATH is set; None otherwise. `classes` lists the
/// command's main class in newer and older Kafka versions; the first one present is used.
fn kafka_cli(classes: &[&str], args: &[&str]) -> Option<String> {
    let cp = std::env::var("KAFKA_CLI_CLASSPATH").ok()?;
    for class in classes {
        let out = Command::new("java")
            .args([
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                &cp,
                class,
            ])
            .args(args)
            .output()
            .expect("run java for the Kafka CLI");
        let stderr = String::from_utf8_lossy(&out.stderr);
        if stderr.contains("ClassNotFoundException") {
            continue;
        }
        assert!(out.status.success(), "{class} failed: {stderr}");
        return Some(String::from_utf8_lossy(&out.stdout).into_owned());
    }
    panic!("none of {classes:?} is in KAFKA_CLI_CLASSPATH={cp}");
}

fn config_value(
    configs: &BTreeMap<ConfigResource, Vec<kubectl_kafka::kafka::ConfigEntry>>,
    r: &ConfigResource,
    name: &str,
) -> Option<(Option<String>, ConfigSource)> {
    configs
        .get(r)?
        .iter()
        .find(|e| e.name == name)
        .map(|e| (e.value.clone(), e.source))
}

/// Config changes reach every broker's metadata cache a little later: poll until `ok` holds.
async fn configs_eventually(
    admin: &Admin,
    r: &ConfigResource,
    ok: impl Fn(&BTreeMap<ConfigResource, Vec<kubectl_kafka::kafka::ConfigEntry>>) -> bool,
) -> BTreeMap<ConfigResource, Vec<kubectl_kafka::kafka::ConfigEntry>> {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let cfg = admin
            .describe_configs(std::slice::from_ref(r))
            .await
            .expect("describe configs");
        if ok(&cfg) || Instant::now() > deadline {
            return cfg;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admin_against_a_real_cluster() {
    let bootstrap = bootstrap();
    let mut opts = ConnectOptions::new(bootstrap.clone());
    opts.request_timeout = Duration::from_secs(30);
    let admin = Admin::connect(opts).await.expect("connect");

    // --- metadata
    let md = admin.metadata().await.expect("metadata");
    assert!(!md.brokers.is_empty(), "no brokers in metadata");
    assert!(md.cluster_id.is_some());
    let broker_ids: Vec<i32> = md.brokers.iter().map(|b| b.id).collect();
    let n = broker_ids.len();
    eprintln!(
        "cluster {:?}: brokers {broker_ids:?}, controller {:?}",
        md.cluster_id, md.controller_id
    );

    // --- create topic (validate only, then for real, then duplicates and bad RF)
    let topic = unique("admin-it");
    let rf = n.min(2) as i16;
    let mut configs = BTreeMap::new();
    configs.insert("retention.ms".to_string(), "3600000".to_string());
    let new = NewTopic {
        name: topic.clone(),
        partitions: 3,
        replication_factor: rf,
        configs,
    };
    admin
        .create_topic(&new, true)
        .await
        .expect("validate-only create");
    assert!(
        !admin
            .metadata()
            .await
            .unwrap()
            .topics
            .iter()
            .any(|t| t.name == topic),
        "validate_only created the topic"
    );
    admin.create_topic(&new, false).await.expect("create topic");
    let md = admin.metadata().await.unwrap();
    let t = md
        .topics
        .iter()
        .find(|t| t.name == topic)
        .expect("created topic in metadata");
    assert_eq!(t.partitions.len(), 3);
    assert!(!t.internal);
    assert!(
        t.partitions
            .iter()
            .all(|p| p.replicas.len() == rf as usize && p.leader.is_some())
    );

    let dup = admin
        .create_topic(&new, false)
        .await
        .expect_err("duplicate create must fail");
    assert_eq!(dup.kafka_code(), Some(codes::TOPIC_ALREADY_EXISTS), "{dup}");
    assert!(matches!(dup, Error::Kafka(_)));

    let too_big = NewTopic {
        name: unique("admin-it-rf"),
        partitions: 1,
        replication_factor: n as i16 + 1,
        configs: BTreeMap::new(),
    };
    let e = admin
        .create_topic(&too_big, false)
        .await
        .expect_err("RF > brokers must fail");
    assert_eq!(
        e.kafka_code(),
        Some(codes::INVALID_REPLICATION_FACTOR),
        "{e}"
    );
    assert!(
        e.to_string()
            .contains(&format!("larger than the {n} available brokers")),
        "{e}"
    );

    let bad_name = NewTopic {
        name: "bad/name".into(),
        partitions: 1,
        replication_factor: 1,
        configs: BTreeMap::new(),
    };
    let e = admin
        .create_topic(&bad_name, false)
        .await
        .expect_err("invalid name must fail");
    assert_eq!(e.kafka_code(), Some(codes::INVALID_TOPIC_EXCEPTION), "{e}");

    if let Some(out) = kafka_cli(
        &[
            "org.apache.kafka.tools.TopicCommand",
            "kafka.admin.TopicCommand",
        ],
        &[
            "--bootstrap-server",
            &bootstrap[0],
            "--describe",
            "--topic",
            &topic,
        ],
    ) {
        let lines = out
            .lines()
            .filter(|l| l.contains("Partition:") && l.contains("Leader:"))
            .count();
        assert_eq!(lines, 3, "kafka-topics --describe disagrees:\n{out}");
    }

    // --- describe configs
    let tr = ConfigResource::Topic(topic.clone());
    let cfg = admin
        .describe_configs(std::slice::from_ref(&tr))
        .await
        .expect("describe topic configs");
    assert_eq!(
        config_value(&cfg, &tr, "retention.ms"),
        Some((Some("3600000".into()), ConfigSource::DynamicTopic))
    );
    let (min_isr, _) =
        config_value(&cfg, &tr, "min.insync.replicas").expect("min.insync.replicas described");
    let min_isr: i32 = min_isr.expect("value").parse().expect("number");

    // --- incremental alter keeps the other dynamic configs
    admin
        .incremental_alter_configs(
            &tr,
            &[ConfigOp::Set("max.message.bytes".into(), "2000000".into())],
            false,
        )
        .await
        .expect("incremental alter");
    let cfg = configs_eventually(&admin, &tr, |c| {
        config_value(c, &tr, "max.message.bytes").is_some_and(|v| v.1 == ConfigSource::DynamicTopic)
    })
    .await;
    assert_eq!(
        config_value(&cfg, &tr, "max.message.bytes").map(|v| v.0),
        Some(Some("2000000".into()))
    );
    assert_eq!(
        config_value(&cfg, &tr, "retention.ms").map(|v| v.0),
        Some(Some("3600000".into())),
        "other dynamic config was reset"
    );
    admin
        .incremental_alter_configs(&tr, &[ConfigOp::Delete("max.message.bytes".into())], false)
        .await
        .unwrap();
    let cfg = configs_eventually(&admin, &tr, |c| {
        config_value(c, &tr, "max.message.bytes").is_some_and(|v| v.1 != ConfigSource::DynamicTopic)
    })
    .await;
    assert_ne!(
        config_value(&cfg, &tr, "max.message.bytes").map(|v| v.1),
        Some(ConfigSource::DynamicTopic)
    );
    assert_eq!(
        config_value(&cfg, &tr, "retention.ms").map(|v| v.0),
        Some(Some("3600000".into()))
    );
    let e = admin
        .incremental_alter_configs(
            &tr,
            &[ConfigOp::Set("retention.ms".into(), "not-a-number".into())],
            false,
        )
        .await
        .expect_err("invalid value must fail");
    // Kafka 2.8 answers INVALID_REQUEST here, newer brokers INVALID_CONFIG.
    assert!(
        matches!(
            e.kafka_code(),
            Some(codes::INVALID_CONFIG | codes::INVALID_REQUEST)
        ),
        "{e}"
    );
    assert!(
        e.to_string().contains("retention.ms"),
        "broker message kept: {e}"
    );
    if let Some(out) = kafka_cli(
        &["kafka.admin.ConfigCommand"],
        &[
            "--bootstrap-server",
            &bootstrap[0],
            "--describe",
            "--entity-type",
            "topics",
            "--entity-name",
            &topic,
        ],
    ) {
        assert!(
            out.contains("retention.ms=3600000"),
            "kafka-configs disagrees:\n{out}"
        );
    }

    // Broker-level (throttle) configs go to that broker and come back as dynamic broker configs.
    let b0 = broker_ids[0];
    let br = ConfigResource::Broker(b0);
    admin
        .incremental_alter_configs(
            &br,
            &[ConfigOp::Set(
                "leader.replication.throttled.rate".into(),
                "123456789".into(),
            )],
            false,
        )
        .await
        .expect("set broker throttle");
    configs_eventually(&admin, &br, |c| {
        config_value(c, &br, "leader.replication.throttled.rate")
            .is_some_and(|v| v.1 == ConfigSource::DynamicBroker)
    })
    .await;
    let cfg = admin
        .describe_configs(&[br.clone(), ConfigResource::BrokerDefaults])
        .await
        .expect("describe broker");
    assert_eq!(
        config_value(&cfg, &br, "leader.replication.throttled.rate"),
        Some((Some("123456789".into()), ConfigSource::DynamicBroker))
    );
    assert!(cfg.contains_key(&ConfigResource::BrokerDefaults));
    admin
        .incremental_alter_configs(
            &br,
            &[ConfigOp::Delete("leader.replication.throttled.rate".into())],
            false,
        )
        .await
        .expect("remove broker throttle");
    let cfg = configs_eventually(&admin, &br, |c| {
        config_value(c, &br, "leader.replication.throttled.rate")
            .is_some_and(|v| v.1 != ConfigSource::DynamicBroker)
    })
    .await;
    assert_ne!(
        config_value(&cfg, &br, "leader.replication.throttled.rate").map(|v| v.1),
        Some(ConfigSource::DynamicBroker)
    );

    // --- create partitions
    admin
        .create_partitions(&topic, 4, true)
        .await
        .expect("validate-only partitions");
    admin
        .create_partitions(&topic, 4, false)
        .await
        .expect("create partitions");
    let md = admin.metadata().await.unwrap();
    assert_eq!(
        md.topics
            .iter()
            .find(|t| t.name == topic)
            .map(|t| t.partitions.len()),
        Some(4)
    );
    let e = admin
        .create_partitions(&topic, 2, false)
        .await
        .expect_err("shrinking must fail");
    assert_eq!(e.kafka_code(), Some(codes::INVALID_PARTITIONS), "{e}");

    // --- reassignment: move a single-replica partition to another broker, wait for it
    let moved = unique("admin-it-move");
    admin
        .create_topic(
            &NewTopic {
                name: moved.clone(),
                partitions: 1,
                replication_factor: 1,
                configs: BTreeMap::new(),
            },
            false,
        )
        .await
        .unwrap();
    let md = admin.metadata().await.unwrap();
    let from = md
        .topics
        .iter()
        .find(|t| t.name == moved)
        .unwrap()
        .partitions[0]
        .replicas[0];
    let to = broker_ids
        .iter()
        .copied()
        .find(|b| *b != from)
        .unwrap_or(from);
    let tp = TopicPartition::new(&moved, 0);
    let results = admin
        .alter_partition_reassignments(&[(tp.clone(), Some(vec![to]))])
        .await
        .expect("reassign");
    assert_eq!(results.len(), 1);
    assert!(results[0].1.is_ok(), "{:?}", results[0].1);
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let ongoing = admin
            .list_partition_reassignments()
            .await
            .expect("list reassignments");
        let md = admin.metadata().await.unwrap();
        let replicas = md
            .topics
            .iter()
            .find(|t| t.name == moved)
            .unwrap()
            .partitions[0]
            .replicas
            .clone();
        if !ongoing.iter().any(|r| r.tp == tp) && replicas == vec![to] {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "reassignment of {tp} did not finish: {ongoing:?}, replicas {replicas:?}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // Cancelling when nothing is in flight is a per-partition error, not a call failure.
    let results = admin
        .alter_partition_reassignments(&[(tp.clone(), None)])
        .await
        .expect("cancel call");
    let e = results[0].1.as_ref().expect_err("nothing to cancel");
    assert_eq!(
        e.kafka_code(),
        Some(codes::NO_REASSIGNMENT_IN_PROGRESS),
        "{e}"
    );

    // --- log dirs: the moved partition now lives on `to`
    let sizes = admin
        .describe_log_dirs(to)
        .await
        .expect("describe log dirs");
    assert!(
        sizes.contains_key(&tp),
        "{tp} missing from broker {to}'s log dirs: {:?}",
        sizes.keys().collect::<Vec<_>>()
    );
    assert!(sizes.values().all(|s| *s >= 0));
    let hosted_here: usize = admin
        .metadata()
        .await
        .unwrap()
        .topics
        .iter()
        .flat_map(|t| {
            t.partitions
                .iter()
                .filter(|p| p.replicas.contains(&to))
                .map(move |p| TopicPartition::new(&t.name, p.partition))
        })
        .filter(|tp| !sizes.contains_key(tp))
        .count();
    assert_eq!(
        hosted_here, 0,
        "some replicas on broker {to} have no log dir entry"
    );

    // --- preferred leader election
    let tps: Vec<TopicPartition> = (0..4).map(|p| TopicPartition::new(&topic, p)).collect();
    let results = admin
        .elect_preferred_leaders(Some(&tps))
        .await
        .expect("elect");
    assert_eq!(results.len(), 4);
    for (tp, r) in &results {
        assert!(r.is_ok(), "{tp}: {r:?}");
    }
    admin
        .elect_preferred_leaders(None)
        .await
        .expect("elect all");

    // --- quorum and snapshot
    let quorum = admin.describe_quorum().await.expect("describe quorum");
    if let Some(q) = &quorum {
        assert!(
            q.voters.iter().any(|v| v.id == q.leader_id),
            "leader not among voters: {q:?}"
        );
        assert!(q.high_watermark > 0);
        if let Some(out) = kafka_cli(
            &["org.apache.kafka.tools.MetadataQuorumCommand"],
            &["--bootstrap-server", &bootstrap[0], "describe", "--status"],
        ) {
            assert!(
                out.contains(&format!("LeaderId:               {}", q.leader_id))
                    || out.contains(&format!("LeaderId: {}", q.leader_id))
                    || out.lines().any(|l| l.starts_with("LeaderId")
                        && l.trim_end().ends_with(&q.leader_id.to_string())),
                "kafka-metadata-quorum disagrees:\n{out}"
            );
        }
    }
    let snap = admin.snapshot().await.expect("snapshot");
    assert!(snap.topics.iter().any(|t| t.name == topic));
    assert_eq!(snap.min_isr_of(&topic), Some(min_isr));
    assert_eq!(snap.quorum.is_some(), quorum.is_some());
    assert_eq!(snap.brokers.len(), n);

    // --- delete
    admin
        .delete_topics(&[topic.clone(), moved.clone()])
        .await
        .expect("delete topics");
    let md = admin.metadata().await.unwrap();
    assert!(!md.topics.iter().any(|t| t.name == topic || t.name == moved));
    let e = admin
        .delete_topics(std::slice::from_ref(&topic))
        .await
        .expect_err("deleting a missing topic fails");
    assert_eq!(
        e.kafka_code(),
        Some(codes::UNKNOWN_TOPIC_OR_PARTITION),
        "{e}"
    );
}

/// Through the secured listener (`KAFKA_SECURE_BOOTSTRAP`) with the TLS and/or SASL settings of
/// `KAFKA_COMMAND_CONFIG` (a Kafka CLI properties file): connect, then check that a wrong password
/// or an untrusted CA fails. Without those settings this test fails: it must never pass without
/// having run.
#[tokio::test]
async fn secured_listener() {
    let (Ok(secure), Ok(path)) = (
        std::env::var("KAFKA_SECURE_BOOTSTRAP"),
        std::env::var("KAFKA_COMMAND_CONFIG"),
    ) else {
        panic!(
            "KAFKA_SECURE_BOOTSTRAP and KAFKA_COMMAND_CONFIG must name a TLS/SASL listener and its \
             client properties (the testbed exports them in .testbed/env): TLS and SASL were not \
             tested"
        );
    };
    let cc = load_command_config(std::path::Path::new(&path)).expect("command config");
    assert!(
        cc.tls.is_some() || cc.sasl.is_some(),
        "{path} sets neither TLS nor SASL"
    );
    let mut opts = ConnectOptions::new(vec![secure.clone()]);
    opts.request_timeout = Duration::from_secs(15);
    cc.clone().apply(&mut opts);
    let admin = Admin::connect(opts.clone())
        .await
        .expect("connect to the secured listener");
    let md = admin
        .metadata()
        .await
        .expect("metadata over the secured listener");
    assert!(!md.brokers.is_empty());
    eprintln!(
        "secured listener {secure}: tls={} sasl={:?}",
        cc.tls.is_some(),
        cc.sasl.as_ref().map(|s| s.mechanism)
    );

    if let Some(sasl) = &cc.sasl {
        let mut wrong = opts.clone();
        wrong.sasl = Some(SaslOptions {
            mechanism: sasl.mechanism,
            username: sasl.username.clone(),
            password: Secret::new("wrong-password"),
        });
        let e = Admin::connect(wrong)
            .await
            .expect_err("a wrong password must fail");
        let msg = e.to_string();
        assert!(msg.contains("SASL_AUTHENTICATION_FAILED"), "{msg}");
        assert!(
            !msg.contains("wrong-password") && !msg.contains(sasl.password.expose()),
            "{msg}"
        );
    }
    if let Some(tls) = &cc.tls
        && tls.ca_file.is_some()
        && !tls.insecure_skip_verify
    {
        let mut untrusted = opts.clone();
        untrusted.tls = Some(TlsOptions {
            ca_file: None,
            ..tls.clone()
        });
        let e = Admin::connect(untrusted)
            .await
            .expect_err("a certificate from an unknown CA must be refused");
        assert!(e.to_string().contains("TLS handshake"), "{e}");
        let mut insecure = opts.clone();
        insecure.tls = Some(TlsOptions {
            ca_file: None,
            insecure_skip_verify: true,
            ..tls.clone()
        });
        Admin::connect(insecure)
            .await
            .expect("insecure mode accepts any certificate");
    }
}

#[tokio::test]
async fn unreachable_bootstrap_names_the_address() {
    let mut opts = ConnectOptions::new(vec!["127.0.0.1:1".to_string()]);
    opts.request_timeout = Duration::from_secs(5);
    let e = Admin::connect(opts)
        .await
        .expect_err("nothing listens on port 1");
    assert!(matches!(e, Error::Kafka(_)));
    let msg = e.to_string();
    assert!(msg.contains("127.0.0.1:1") && msg.contains("hint"), "{msg}");
}
