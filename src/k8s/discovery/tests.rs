use super::*;
use crate::model::Broker;
use bind::host_names_pod;
use facts::DEFAULT_KAFKA_PORT;
use serde_json::json;

/// A Pod object as the API server returns it, from a compact description.
fn pod(
    ns: &str,
    name: &str,
    labels: serde_json::Value,
    owner: Option<(&str, &str)>,
    ip: &str,
    env: serde_json::Value,
    ports: serde_json::Value,
) -> Pod {
    let owners = owner
        .map(|(k, n)| json!([{"apiVersion": "apps/v1", "kind": k, "name": n, "uid": "u", "controller": true}]))
        .unwrap_or(json!([]));
    serde_json::from_value(json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": name, "namespace": ns, "labels": labels, "ownerReferences": owners},
        "spec": {"nodeName": "node-1", "containers": [{"name": "kafka", "image": "kafka", "env": env, "ports": ports}]},
        "status": {"phase": "Running", "podIP": ip,
                   "conditions": [{"type": "Ready", "status": "True"}]}
    }))
    .expect("valid pod")
}

fn facts(p: Pod) -> PodFacts {
    PodFacts::from_pod(&p)
}

fn broker(id: i32, host: &str, port: i32) -> Broker {
    Broker {
        id,
        host: host.into(),
        port,
        rack: None,
    }
}

/// Seed 001: a plain StatefulSet `kafka` labelled app=kafka, port 9092, ids from ordinals.
fn sts_pods() -> Vec<PodFacts> {
    (0..3)
        .map(|i| {
            let mut p = pod(
                "kafka",
                &format!("kafka-{i}"),
                json!({"app": "kafka", "statefulset.kubernetes.io/pod-name": format!("kafka-{i}")}),
                Some(("StatefulSet", "kafka")),
                &format!("10.0.0.{}", 10 + i),
                json!([]),
                json!([{"containerPort": 9092, "name": "server"}]),
            );
            let spec = p.spec.as_mut().expect("spec");
            spec.hostname = Some(format!("kafka-{i}"));
            spec.subdomain = Some("kafka-hs".into());
            facts(p)
        })
        .collect()
}

/// Seed 000: one Deployment per broker, labels app=kafka,id=N, env KAFKA_BROKER_ID.
fn deployment_pods() -> Vec<PodFacts> {
    (0..3)
        .map(|i| {
            facts(pod(
                "default",
                &format!("kafka-broker{i}-5d8f7c9b4-x{i}q"),
                json!({"app": "kafka", "id": i.to_string(), "pod-template-hash": "5d8f7c9b4"}),
                Some(("ReplicaSet", &format!("kafka-broker{i}-5d8f7c9b4"))),
                &format!("172.17.0.{}", 5 + i),
                json!([{"name": "KAFKA_BROKER_ID", "value": i.to_string()},
                       {"name": "KAFKA_ADVERTISED_HOST_NAME", "value": "198.51.100.0"}]),
                json!([{"containerPort": 9092}]),
            ))
        })
        .collect()
}

/// Seed 004: Strimzi cluster `kafka-cluster` with ZooKeeper and entity operator pods.
fn strimzi_pods() -> Vec<PodFacts> {
    let mut v: Vec<PodFacts> = (0..3)
        .map(|i| {
            facts(pod(
                "kafka",
                &format!("kafka-cluster-kafka-{i}"),
                json!({"strimzi.io/kind": "Kafka", "strimzi.io/cluster": "kafka-cluster",
                       "strimzi.io/name": "kafka-cluster-kafka",
                       "app.kubernetes.io/name": "kafka", "strimzi.io/broker-role": "true",
                       "strimzi.io/controller-role": "false"}),
                Some(("StrimziPodSet", "kafka-cluster-kafka")),
                &format!("10.1.0.{}", 20 + i),
                json!([]),
                json!([{"containerPort": 9092, "name": "tcp-clients"},
                       {"containerPort": 9091, "name": "tcp-replication"}]),
            ))
        })
        .collect();
    v.push(facts(pod(
        "kafka",
        "kafka-cluster-controllers-3",
        json!({"strimzi.io/kind": "Kafka", "strimzi.io/cluster": "kafka-cluster",
               "strimzi.io/name": "kafka-cluster-kafka",
               "strimzi.io/broker-role": "false", "strimzi.io/controller-role": "true"}),
        Some(("StrimziPodSet", "kafka-cluster-controllers")),
        "10.1.0.30",
        json!([]),
        json!([]),
    )));
    for i in 0..3 {
        v.push(facts(pod(
            "kafka",
            &format!("kafka-cluster-zookeeper-{i}"),
            json!({"strimzi.io/kind": "Kafka", "strimzi.io/cluster": "kafka-cluster",
                   "strimzi.io/name": "kafka-cluster-zookeeper",
                   "app.kubernetes.io/name": "zookeeper"}),
            Some(("StrimziPodSet", "kafka-cluster-zookeeper")),
            &format!("10.1.0.{}", 40 + i),
            json!([]),
            json!([{"containerPort": 2181, "name": "tcp-clients"}]),
        )));
    }
    v.push(facts(pod(
        "kafka",
        "kafka-cluster-entity-operator-69cdc646f8-4lmsx",
        json!({"strimzi.io/kind": "Kafka", "strimzi.io/cluster": "kafka-cluster",
               "strimzi.io/name": "kafka-cluster-entity-operator", "pod-template-hash": "69cdc646f8"}),
        Some(("ReplicaSet", "kafka-cluster-entity-operator-69cdc646f8")),
        "10.1.0.50",
        json!([]),
        json!([]),
    )));
    v
}

/// The testbed: KRaft controller StatefulSet `kafka-controller` + broker StatefulSet `kafka`.
fn kraft_pods() -> Vec<PodFacts> {
    let mut v: Vec<PodFacts> = (0..3)
        .map(|i| {
            facts(pod(
                "kafka",
                &format!("kafka-{i}"),
                json!({"app": "kafka"}),
                Some(("StatefulSet", "kafka")),
                "127.0.0.1",
                json!([{"name": "KAFKA_PROCESS_ROLES", "value": "broker"}]),
                json!([{"containerPort": 19092 + i, "name": "kafka"}]),
            ))
        })
        .collect();
    v.push(facts(pod(
        "kafka",
        "kafka-controller-0",
        json!({"app": "kafka", "process.roles": "controller"}),
        Some(("StatefulSet", "kafka-controller")),
        "127.0.0.1",
        json!([]),
        json!([{"containerPort": 19093, "name": "controller"}]),
    )));
    v
}

#[test]
fn facts_from_pod() {
    let p = &sts_pods()[1];
    assert_eq!(
        p.owner,
        Workload {
            kind: "StatefulSet".into(),
            name: "kafka".into()
        }
    );
    assert_eq!(p.ordinal(), Some(1));
    assert_eq!(p.ip.as_deref(), Some("10.0.0.11"));
    assert_eq!(p.kafka_port, 9092);
    assert!(p.ready);
    assert_eq!(p.node.as_deref(), Some("node-1"));
    assert!(!p.is_controller_only());

    let d = &deployment_pods()[2];
    assert_eq!(
        d.owner,
        Workload {
            kind: "Deployment".into(),
            name: "kafka-broker2".into()
        }
    );
    assert_eq!(d.declared_id, Some(2));
    assert_eq!(d.ordinal(), None);

    let s = &strimzi_pods()[0];
    assert_eq!(
        s.kafka_port, 9092,
        "tcp-clients has no preferred name: falls back to 9092"
    );
    assert_eq!(s.roles.as_deref(), Some("broker"));
    assert_eq!(s.ordinal(), Some(0));
}

#[test]
fn pod_without_status_or_spec_does_not_panic() {
    let p: Pod = serde_json::from_value(json!({"metadata": {"name": "x"}})).unwrap();
    let f = PodFacts::from_pod(&p);
    assert_eq!(f.owner.kind, "Pod");
    assert!(!f.ready);
    assert_eq!(f.ip, None);
    assert_eq!(f.kafka_port, DEFAULT_KAFKA_PORT);
}

#[test]
fn named_port_wins() {
    let f = facts(pod(
        "ns",
        "p",
        json!({"app": "kafka"}),
        None,
        "1.2.3.4",
        json!([]),
        json!([{"containerPort": 9404, "name": "metrics"}, {"containerPort": 29092, "name": "client"}]),
    ));
    assert_eq!(f.kafka_port, 29092);
}

#[test]
fn statefulset_cluster() {
    let cs = group(sts_pods(), false);
    assert_eq!(cs.len(), 1);
    let c = &cs[0];
    assert_eq!(c.name, "kafka");
    assert_eq!(c.convention, Convention::App);
    assert_eq!(c.workload_kind(), "StatefulSet");
    assert_eq!((c.pods_ready(), c.pods_total()), (3, 3));
}

#[test]
fn deployment_per_broker_is_one_cluster() {
    let cs = group(deployment_pods(), false);
    assert_eq!(cs.len(), 1, "{cs:#?}");
    let c = &cs[0];
    assert_eq!(c.name, "kafka");
    assert_eq!(c.workload_kind(), "Deployment");
    assert_eq!(c.workloads.len(), 3);
    assert_eq!(c.workloads[0].name, "kafka-broker0");
}

#[test]
fn strimzi_cluster_skips_zookeeper_and_operators() {
    let cs = group(strimzi_pods(), false);
    assert_eq!(cs.len(), 1, "{cs:#?}");
    let c = &cs[0];
    assert_eq!(c.name, "kafka-cluster");
    assert_eq!(c.convention, Convention::Strimzi);
    assert_eq!(c.workload_kind(), "Kafka");
    assert_eq!(c.pods.len(), 3);
    assert_eq!(c.controllers.len(), 1);
    assert_eq!(c.controllers[0].name, "kafka-cluster-controllers-3");
}

/// Shape (c) / the Bitnami chart with dedicated controllers: StatefulSets `kafka-controller`
/// (component controller-eligible, one port named controller) and `kafka-broker` (component
/// broker), instance `kafka`; process.roles only in the configuration file.
fn bitnami_dedicated_pods(ns: &str, instance: &str) -> Vec<PodFacts> {
    let labels = |component: &str| {
        json!({"app.kubernetes.io/name": "kafka", "app.kubernetes.io/instance": instance,
               "app.kubernetes.io/component": component})
    };
    let mut v: Vec<PodFacts> = (0..3)
        .map(|i| {
            facts(pod(
                ns,
                &format!("{instance}-broker-{i}"),
                labels("broker"),
                Some(("StatefulSet", &format!("{instance}-broker"))),
                &format!("10.1.0.{}", 10 + i),
                json!([]),
                json!([{"containerPort": 9092, "name": "client"},
                       {"containerPort": 9094, "name": "interbroker"}]),
            ))
        })
        .collect();
    v.push(facts(pod(
        ns,
        &format!("{instance}-controller-0"),
        labels("controller-eligible"),
        Some(("StatefulSet", &format!("{instance}-controller"))),
        "10.1.0.20",
        json!([]),
        json!([{"containerPort": 9093, "name": "controller"}]),
    )));
    v
}

#[test]
fn a_controller_set_known_only_by_its_ports_joins_its_brokers() {
    let cs = group(bitnami_dedicated_pods("shape-c", "kafka"), false);
    assert_eq!(
        cs.len(),
        1,
        "the controller set is no second cluster: {cs:#?}"
    );
    let c = &cs[0];
    assert_eq!(c.name, "kafka-broker");
    assert_eq!(c.pods.len(), 3);
    assert_eq!(c.controllers.len(), 1);
    assert_eq!(c.controller_workloads[0].name, "kafka-controller");
    assert!(c.controllers[0].is_controller_only());
    assert_eq!(c.controllers[0].roles.as_deref(), Some("controller"));

    // A second release in the same namespace stays a cluster of its own, with its controller.
    let mut both = bitnami_dedicated_pods("shape-c", "kafka");
    both.extend(bitnami_dedicated_pods("shape-c", "other"));
    let cs = group(both, false);
    assert_eq!(cs.len(), 2, "{cs:#?}");
    for c in &cs {
        let instance = c.name.trim_end_matches("-broker");
        assert_eq!(c.controllers.len(), 1, "{c:#?}");
        assert!(
            c.controllers[0]
                .name
                .starts_with(&format!("{instance}-controller")),
            "{} got {}",
            c.name,
            c.controllers[0].name
        );
    }
}

#[test]
fn a_combined_node_with_a_client_port_stays_a_broker() {
    // Bitnami combined mode: controller-eligible too, but it declares a client port.
    let p = facts(pod(
        "ns",
        "kafka-controller-0",
        json!({"app.kubernetes.io/name": "kafka", "app.kubernetes.io/component": "controller-eligible"}),
        Some(("StatefulSet", "kafka-controller")),
        "10.1.0.5",
        json!([]),
        json!([{"containerPort": 9093, "name": "controller"},
               {"containerPort": 9092, "name": "client"}]),
    ));
    assert!(!p.is_controller_only());
    assert_eq!(p.roles, None);
    // Unnamed ports say nothing.
    assert!(!facts::serves_controller_only(&[("".into(), 9093)]));
    assert!(!facts::serves_controller_only(&[]));
    assert!(facts::serves_controller_only(&[
        ("tcp-controller".into(), 9093),
        ("Controller".into(), 9094)
    ]));
}

#[test]
fn kraft_controllers_attach_to_brokers() {
    let cs = group(kraft_pods(), false);
    assert_eq!(cs.len(), 1, "{cs:#?}");
    let c = &cs[0];
    assert_eq!(c.name, "kafka");
    assert_eq!(
        c.pods.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
        ["kafka-0", "kafka-1", "kafka-2"]
    );
    assert_eq!(c.controllers.len(), 1);
    assert_eq!(c.controller_workloads[0].name, "kafka-controller");
}

#[test]
fn selector_takes_any_pod() {
    let p = facts(pod(
        "ns",
        "broker-0",
        json!({"role": "broker"}),
        Some(("StatefulSet", "broker")),
        "1.1.1.1",
        json!([]),
        json!([]),
    ));
    assert!(group(vec![p.clone()], false).is_empty());
    let cs = group(vec![p], true);
    assert_eq!(cs.len(), 1);
    assert_eq!(cs[0].convention, Convention::Selector);
}

#[test]
fn duplicates_from_several_selectors_are_merged() {
    let mut pods = strimzi_pods();
    pods.extend(strimzi_pods());
    let cs = group(pods, false);
    assert_eq!(cs[0].pods.len(), 3);
}

#[test]
fn several_namespaces_several_clusters() {
    let mut pods = sts_pods();
    pods.extend(deployment_pods());
    pods.extend(strimzi_pods());
    let cs = group(pods, false);
    let names: Vec<(String, String)> = cs
        .iter()
        .map(|c| (c.namespace.clone(), c.name.clone()))
        .collect();
    assert_eq!(
        names,
        [
            ("default".to_string(), "kafka".to_string()),
            ("kafka".to_string(), "kafka".to_string()),
            ("kafka".to_string(), "kafka-cluster".to_string())
        ]
    );
    let e = select(cs.clone(), None, "all namespaces").unwrap_err();
    assert_eq!(e.exit_status(), crate::ExitStatus::Usage);
    assert!(e.to_string().contains("kafka/kafka-cluster"), "{e}");
    assert_eq!(
        select(cs.clone(), Some("kafka-cluster"), "x")
            .unwrap()
            .pods
            .len(),
        3
    );
    let e = select(cs.clone(), Some("kafka"), "x").unwrap_err();
    assert!(e.to_string().contains("several"), "{e}");
    let e = select(cs, Some("nope"), "x").unwrap_err();
    assert!(
        e.to_string().contains("no Kafka cluster named 'nope'"),
        "{e}"
    );
}

#[test]
fn nothing_found_is_usage_error() {
    let e = select(vec![], None, "namespace default").unwrap_err();
    assert_eq!(e.exit_status(), crate::ExitStatus::Usage);
    assert!(
        e.to_string()
            .contains("no Kafka pods found in namespace default")
    );
}

#[test]
fn bind_by_fqdn() {
    let pods = sts_pods();
    let brokers = vec![
        broker(0, "kafka-0.kafka-hs.kafka.svc.cluster.local", 9092),
        broker(1, "kafka-1.kafka-hs.kafka.svc", 9092),
        broker(2, "kafka-2", 9092),
    ];
    let b = bind(&brokers, &pods);
    assert_eq!(b.len(), 3);
    for (i, row) in b.iter().enumerate() {
        assert_eq!(row.pod, Some(i));
        assert_eq!(row.matched_by, Some(MatchedBy::Hostname));
    }
}

#[test]
fn bind_by_ip_beats_ordinal() {
    let pods = sts_pods();
    // Broker ids deliberately not equal to ordinals: the IP decides.
    let brokers = vec![broker(7, "10.0.0.12", 9092), broker(8, "10.0.0.10", 9092)];
    let b = bind(&brokers, &pods);
    assert_eq!(b[0].pod, Some(2));
    assert_eq!(b[1].pod, Some(0));
    assert_eq!(b[0].matched_by, Some(MatchedBy::PodIp));
    // kafka-1 has no broker.
    assert_eq!(
        b[2],
        Binding {
            broker: None,
            pod: Some(1),
            matched_by: None
        }
    );
}

#[test]
fn bind_shared_ip_by_port() {
    let pods = group(kraft_pods(), false).remove(0).pods;
    let brokers: Vec<Broker> = (0..3).map(|i| broker(i, "127.0.0.1", 19092 + i)).collect();
    let b = bind(&brokers, &pods);
    for (i, row) in b.iter().enumerate() {
        assert_eq!(row.pod, Some(i), "{b:?}");
        assert_eq!(row.matched_by, Some(MatchedBy::PodIp));
    }
}

#[test]
fn bind_deployment_by_declared_id_and_broker_without_pod() {
    let pods = deployment_pods();
    // Seed 000 advertises the load balancer's address: only the declared ids can tie them.
    let brokers: Vec<Broker> = [0, 1, 2, 3]
        .iter()
        .map(|&i| broker(i, "198.51.100.0", 30718))
        .collect();
    let b = bind(&brokers, &pods);
    for (i, row) in b.iter().take(3).enumerate() {
        assert_eq!(row.pod, Some(i));
        assert_eq!(row.matched_by, Some(MatchedBy::DeclaredId));
    }
    assert_eq!(b[3].pod, None, "broker 3 has no pod");
    assert_eq!(b.len(), 4);
}

#[test]
fn bind_falls_back_to_ordinal() {
    let pods = sts_pods();
    let brokers = vec![broker(1, "some-lb.example.com", 9092)];
    let b = bind(&brokers, &pods);
    assert_eq!(b[0].pod, Some(1));
    assert_eq!(b[0].matched_by, Some(MatchedBy::Ordinal));
    assert_eq!(b.len(), 3);
}

#[test]
fn hostname_in_other_namespace_does_not_match() {
    let mut p = sts_pods().remove(0);
    p.subdomain = None;
    assert!(host_names_pod("kafka-0.svc-x.kafka.svc", &p));
    assert!(!host_names_pod("kafka-0.svc-x.other.svc", &p));
    assert!(!host_names_pod("kafka-00", &p));
}
