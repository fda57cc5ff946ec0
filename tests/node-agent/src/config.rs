//! Pure logic: how a pod spec becomes a process configuration (env resolution, Kafka
//! properties, node ids), pod placement, and address allocation. No I/O here.

use std::collections::{BTreeMap, BTreeSet};
use std::net::Ipv4Addr;

use k8s_openapi::api::core::v1::{EnvVar, Pod};

/// Values a kubelet knows about a pod and exposes through `valueFrom.fieldRef`.
#[derive(Debug, Clone, Default)]
pub struct PodFields {
    pub name: String,
    pub namespace: String,
    pub uid: String,
    pub node_name: String,
    pub pod_ip: String,
    pub host_ip: String,
    pub service_account: String,
    pub labels: BTreeMap<String, String>,
    pub annotations: BTreeMap<String, String>,
}

impl PodFields {
    fn field(&self, path: &str) -> Option<String> {
        let quoted = |prefix: &str| -> Option<String> {
            path.strip_prefix(prefix)?
                .strip_suffix("']")
                .map(str::to_string)
        };
        match path {
            "metadata.name" => Some(self.name.clone()),
            "metadata.namespace" => Some(self.namespace.clone()),
            "metadata.uid" => Some(self.uid.clone()),
            "spec.nodeName" => Some(self.node_name.clone()),
            "spec.serviceAccountName" => Some(self.service_account.clone()),
            "status.podIP" | "status.podIPs" => Some(self.pod_ip.clone()),
            "status.hostIP" | "status.hostIPs" => Some(self.host_ip.clone()),
            _ => {
                if let Some(key) = quoted("metadata.labels['") {
                    return self.labels.get(&key).cloned();
                }
                if let Some(key) = quoted("metadata.annotations['") {
                    return self.annotations.get(&key).cloned();
                }
                None
            }
        }
    }
}

/// Expands `$(VAR)` references against the variables defined so far; `$$` escapes a dollar.
/// Unknown references stay as they are, as a kubelet leaves them.
pub fn expand(input: &str, vars: &[(String, String)]) -> String {
    let mut out = String::with_capacity(input.len());
    let bytes = input.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'$' && i + 1 < bytes.len() {
            if bytes[i + 1] == b'$' {
                out.push('$');
                i += 2;
                continue;
            }
            if bytes[i + 1] == b'('
                && let Some(end) = input[i + 2..].find(')')
                && let Some((_, v)) = vars
                    .iter()
                    .rev()
                    .find(|(k, _)| k == &input[i + 2..i + 2 + end])
            {
                out.push_str(v);
                i += 3 + end;
                continue;
            }
        }
        let ch = input[i..].chars().next().unwrap_or('\u{fffd}');
        out.push(ch);
        i += ch.len_utf8().max(1);
    }
    out
}

/// Resolves a container's env list in order, as a kubelet does. Returns the variables and the
/// names whose source is not supported here (secrets, config maps, resources).
pub fn resolve_env(env: &[EnvVar], fields: &PodFields) -> (Vec<(String, String)>, Vec<String>) {
    let mut vars: Vec<(String, String)> = Vec::new();
    let mut unsupported = Vec::new();
    for e in env {
        let value = if let Some(v) = &e.value {
            expand(v, &vars)
        } else if let Some(path) = e
            .value_from
            .as_ref()
            .and_then(|vf| vf.field_ref.as_ref())
            .map(|f| f.field_path.as_str())
        {
            match fields.field(path) {
                Some(v) => v,
                None => {
                    unsupported.push(e.name.clone());
                    String::new()
                }
            }
        } else if e.value_from.is_some() {
            unsupported.push(e.name.clone());
            String::new()
        } else {
            String::new()
        };
        vars.retain(|(k, _)| k != &e.name);
        vars.push((e.name.clone(), value));
    }
    (vars, unsupported)
}

/// `KAFKA_CFG_MIN_INSYNC_REPLICAS` -> `min.insync.replicas`. A double underscore stands for a
/// literal underscore, for the few keys that have one.
pub fn cfg_key(env_name: &str) -> Option<String> {
    let rest = env_name.strip_prefix("KAFKA_CFG_")?;
    if rest.is_empty() {
        return None;
    }
    let lower = rest.to_ascii_lowercase();
    Some(
        lower
            .split("__")
            .map(|part| part.replace('_', "."))
            .collect::<Vec<_>>()
            .join("_"),
    )
}

/// The StatefulSet ordinal: the `apps.kubernetes.io/pod-index` label, else the name's suffix.
pub fn ordinal(pod_name: &str, labels: &BTreeMap<String, String>) -> Option<u32> {
    if let Some(v) = labels.get("apps.kubernetes.io/pod-index")
        && let Ok(n) = v.parse()
    {
        return Some(n);
    }
    pod_name.rsplit_once('-')?.1.parse().ok()
}

/// What a Kafka pod runs as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// KRaft node: `process.roles` contains `controller` (and maybe `broker`).
    KraftController {
        also_broker: bool,
    },
    KraftBroker,
    /// ZooKeeper-mode broker (`zookeeper.connect` set).
    ZkBroker,
}

#[derive(Debug, Clone)]
pub struct KafkaConfig {
    pub properties: BTreeMap<String, String>,
    pub role: Role,
    /// Cluster id to format KRaft storage with, when KRaft.
    pub cluster_id: Option<String>,
}

/// Builds server.properties from resolved env vars plus what the pod's placement defines.
pub fn kafka_config(
    vars: &[(String, String)],
    ordinal: Option<u32>,
    pod_ip: &str,
    data_dir: &str,
    zone: Option<&str>,
) -> Result<KafkaConfig, String> {
    let mut props = BTreeMap::new();
    let mut env = BTreeMap::new();
    for (k, v) in vars {
        env.insert(k.as_str(), v.as_str());
        if let Some(key) = cfg_key(k) {
            props.insert(key, v.clone());
        }
    }
    let zk = props.contains_key("zookeeper.connect");
    let id_key = if zk { "broker.id" } else { "node.id" };
    if !props.contains_key(id_key) {
        let offset: u32 = match env.get("KAFKA_NODE_ID_OFFSET").filter(|s| !s.is_empty()) {
            Some(s) => s
                .parse()
                .map_err(|_| format!("KAFKA_NODE_ID_OFFSET is not a number: {s:?}"))?,
            None => 0,
        };
        let ord = ordinal.ok_or_else(|| {
            format!("no {id_key} configured and the pod name has no StatefulSet ordinal")
        })?;
        props.insert(id_key.to_string(), (ord + offset).to_string());
    }
    props
        .entry("log.dirs".to_string())
        .or_insert_with(|| data_dir.to_string());
    props
        .entry("listeners".to_string())
        .or_insert_with(|| format!("PLAINTEXT://{pod_ip}:9092"));
    let role = if zk {
        Role::ZkBroker
    } else {
        let roles = props
            .entry("process.roles".to_string())
            .or_insert_with(|| "broker".to_string())
            .clone();
        let has = |r: &str| roles.split(',').any(|x| x.trim() == r);
        if has("controller") {
            Role::KraftController {
                also_broker: has("broker"),
            }
        } else {
            Role::KraftBroker
        }
    };
    let serves_clients = matches!(
        role,
        Role::KraftBroker | Role::ZkBroker | Role::KraftController { also_broker: true }
    );
    if serves_clients && let Some(z) = zone {
        props
            .entry("broker.rack".to_string())
            .or_insert_with(|| z.to_string());
    }
    let cluster_id = if zk {
        None
    } else {
        Some(
            env.get("KAFKA_CLUSTER_ID")
                .or_else(|| env.get("KAFKA_KRAFT_CLUSTER_ID"))
                .filter(|s| !s.is_empty())
                .map(|s| s.to_string())
                .ok_or("KRaft mode needs KAFKA_CLUSTER_ID in the pod env to format storage")?,
        )
    };
    Ok(KafkaConfig {
        properties: props,
        role,
        cluster_id,
    })
}

pub fn render_properties(props: &BTreeMap<String, String>) -> String {
    let mut s = String::from("# written by the testbed node agent from the pod spec\n");
    for (k, v) in props {
        s.push_str(k);
        s.push('=');
        s.push_str(&v.replace('\\', "\\\\"));
        s.push('\n');
    }
    s
}

/// ZooKeeper server config (zoo.cfg) for a ZooKeeper pod: `ZOO_CFG_*` env maps like
/// `KAFKA_CFG_*` but keeps camelCase keys given as `ZOO_CFG_tickTime`.
pub fn zookeeper_config(vars: &[(String, String)], pod_ip: &str, data_dir: &str) -> String {
    let mut props = BTreeMap::new();
    props.insert("tickTime".to_string(), "2000".to_string());
    props.insert("dataDir".to_string(), data_dir.to_string());
    props.insert("clientPort".to_string(), "2181".to_string());
    props.insert("clientPortAddress".to_string(), pod_ip.to_string());
    props.insert("admin.enableServer".to_string(), "false".to_string());
    props.insert("4lw.commands.whitelist".to_string(), "*".to_string());
    for (k, v) in vars {
        if let Some(key) = k.strip_prefix("ZOO_CFG_") {
            props.insert(key.to_string(), v.clone());
        }
    }
    render_properties(&props)
}

/// Picks the node for a pod: the node holding the fewest pods of the same owner; among ties the
/// ordinal's "home" node (ordinal mod nodes) first, so kafka-0/1/2 land on three zones.
pub fn choose_node<'a>(
    nodes: &'a [String],
    owner_counts: &BTreeMap<String, usize>,
    ordinal: Option<u32>,
) -> Option<&'a str> {
    if nodes.is_empty() {
        return None;
    }
    let count = |n: &String| owner_counts.get(n).copied().unwrap_or(0);
    let min = nodes.iter().map(count).min()?;
    let start = ordinal.map(|o| o as usize % nodes.len()).unwrap_or(0);
    (0..nodes.len())
        .map(|i| &nodes[(start + i) % nodes.len()])
        .find(|n| count(n) == min)
        .map(String::as_str)
}

/// The lowest free loopback address at or above `first`, skipping .0 and .255 last octets.
pub fn next_free_ip(used: &BTreeSet<Ipv4Addr>, first: Ipv4Addr) -> Option<Ipv4Addr> {
    let mut n = u32::from(first);
    let last = u32::from(Ipv4Addr::new(127, 255, 255, 254));
    while n <= last {
        let ip = Ipv4Addr::from(n);
        let o = ip.octets()[3];
        if o != 0 && o != 255 && !used.contains(&ip) {
            return Some(ip);
        }
        n += 1;
    }
    None
}

/// One pod's DNS identity for the hosts file.
pub struct HostEntry<'a> {
    pub ip: Ipv4Addr,
    pub namespace: &'a str,
    pub pod: &'a str,
    pub subdomain: Option<&'a str>,
}

/// A hosts file with the pod DNS names a cluster DNS would serve:
/// `<pod>.<subdomain>.<ns>.svc.cluster.local` and its short forms, plus the headless service
/// name (one line per pod), so JVMs resolve peers by their in-cluster names.
pub fn render_hosts(machine_hostname: &str, entries: &[HostEntry<'_>]) -> String {
    let mut s = String::from("# written by the testbed node agent\n");
    s.push_str(&format!("127.0.0.1 localhost {machine_hostname}\n"));
    s.push_str("::1 localhost ip6-localhost\n");
    for e in entries {
        let Some(sub) = e.subdomain else {
            continue;
        };
        let (ns, pod, ip) = (e.namespace, e.pod, e.ip);
        s.push_str(&format!(
            "{ip} {pod}.{sub}.{ns}.svc.cluster.local {pod}.{sub}.{ns}.svc {pod}.{sub}.{ns} {pod}.{sub}\n"
        ));
    }
    for e in entries {
        let Some(sub) = e.subdomain else {
            continue;
        };
        let (ns, ip) = (e.namespace, e.ip);
        s.push_str(&format!(
            "{ip} {sub}.{ns}.svc.cluster.local {sub}.{ns}.svc\n"
        ));
    }
    s
}

/// Fields of a pod this agent cares about, read defensively.
pub fn pod_fields(pod: &Pod, pod_ip: &str, host_ip: &str) -> PodFields {
    let md = &pod.metadata;
    let spec = pod.spec.as_ref();
    PodFields {
        name: md.name.clone().unwrap_or_default(),
        namespace: md.namespace.clone().unwrap_or_default(),
        uid: md.uid.clone().unwrap_or_default(),
        node_name: spec.and_then(|s| s.node_name.clone()).unwrap_or_default(),
        pod_ip: pod_ip.to_string(),
        host_ip: host_ip.to_string(),
        service_account: spec
            .and_then(|s| s.service_account_name.clone())
            .unwrap_or_else(|| "default".into()),
        labels: md.labels.clone().unwrap_or_default(),
        annotations: md.annotations.clone().unwrap_or_default(),
    }
}

/// Restart back-off as a kubelet applies it: immediate first restart, then 10 s doubling to 5 min.
pub fn backoff_secs(recent_crashes: u32) -> u64 {
    if recent_crashes <= 1 {
        return 0;
    }
    let exp = (recent_crashes - 2).min(5);
    (10u64 << exp).min(300)
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::api::core::v1::{EnvVarSource, ObjectFieldSelector};

    fn field_env(name: &str, path: &str) -> EnvVar {
        EnvVar {
            name: name.into(),
            value_from: Some(EnvVarSource {
                field_ref: Some(ObjectFieldSelector {
                    field_path: path.into(),
                    ..Default::default()
                }),
                ..Default::default()
            }),
            ..Default::default()
        }
    }
    fn val_env(name: &str, v: &str) -> EnvVar {
        EnvVar {
            name: name.into(),
            value: Some(v.into()),
            ..Default::default()
        }
    }

    #[test]
    fn env_resolution_and_expansion() {
        let fields = PodFields {
            name: "kafka-1".into(),
            namespace: "ns1".into(),
            pod_ip: "127.0.100.7".into(),
            labels: [("app".to_string(), "kafka".to_string())].into(),
            ..Default::default()
        };
        let env = vec![
            field_env("POD_NAME", "metadata.name"),
            field_env("POD_NAMESPACE", "metadata.namespace"),
            field_env("POD_IP", "status.podIP"),
            field_env("APP", "metadata.labels['app']"),
            val_env(
                "KAFKA_CFG_ADVERTISED_LISTENERS",
                "PLAINTEXT://$(POD_IP):9092 $(MISSING) $$(POD_IP)",
            ),
            val_env("HOST", "$(POD_NAME).kafka.$(POD_NAMESPACE).svc"),
        ];
        let (vars, unsupported) = resolve_env(&env, &fields);
        assert!(unsupported.is_empty());
        let get = |k: &str| vars.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        assert_eq!(get("APP").as_deref(), Some("kafka"));
        assert_eq!(
            get("KAFKA_CFG_ADVERTISED_LISTENERS").as_deref(),
            Some("PLAINTEXT://127.0.100.7:9092 $(MISSING) $(POD_IP)")
        );
        assert_eq!(get("HOST").as_deref(), Some("kafka-1.kafka.ns1.svc"));
    }

    #[test]
    fn cfg_keys() {
        assert_eq!(
            cfg_key("KAFKA_CFG_MIN_INSYNC_REPLICAS").as_deref(),
            Some("min.insync.replicas")
        );
        assert_eq!(cfg_key("KAFKA_CFG_A__B_C").as_deref(), Some("a_b.c"));
        assert_eq!(cfg_key("KAFKA_HEAP_OPTS"), None);
    }

    #[test]
    fn broker_config_defaults() {
        let vars = vec![
            ("KAFKA_CLUSTER_ID".to_string(), "abc".to_string()),
            ("KAFKA_CFG_PROCESS_ROLES".to_string(), "broker".to_string()),
        ];
        let c = kafka_config(&vars, Some(2), "127.0.100.3", "/d", Some("zone-c")).unwrap();
        assert_eq!(c.role, Role::KraftBroker);
        assert_eq!(c.properties["node.id"], "2");
        assert_eq!(c.properties["broker.rack"], "zone-c");
        assert_eq!(c.properties["log.dirs"], "/d");
        assert_eq!(c.properties["listeners"], "PLAINTEXT://127.0.100.3:9092");
        assert_eq!(c.cluster_id.as_deref(), Some("abc"));
    }

    #[test]
    fn controller_config_offset_and_no_rack() {
        let vars = vec![
            ("KAFKA_CLUSTER_ID".to_string(), "abc".to_string()),
            ("KAFKA_NODE_ID_OFFSET".to_string(), "1000".to_string()),
            (
                "KAFKA_CFG_PROCESS_ROLES".to_string(),
                "controller".to_string(),
            ),
        ];
        let c = kafka_config(&vars, Some(0), "127.0.100.3", "/d", Some("zone-a")).unwrap();
        assert_eq!(c.properties["node.id"], "1000");
        assert!(!c.properties.contains_key("broker.rack"));
        assert_eq!(c.role, Role::KraftController { also_broker: false });
    }

    #[test]
    fn config_errors() {
        assert!(kafka_config(&[], Some(0), "ip", "/d", None).is_err());
        let bad = vec![
            ("KAFKA_CLUSTER_ID".to_string(), "abc".to_string()),
            ("KAFKA_NODE_ID_OFFSET".to_string(), "x".to_string()),
        ];
        assert!(kafka_config(&bad, Some(0), "ip", "/d", None).is_err());
        let zk = vec![(
            "KAFKA_CFG_ZOOKEEPER_CONNECT".to_string(),
            "zk:2181".to_string(),
        )];
        let c = kafka_config(&zk, Some(4), "ip", "/d", None).unwrap();
        assert_eq!(c.role, Role::ZkBroker);
        assert_eq!(c.properties["broker.id"], "4");
        assert!(c.cluster_id.is_none());
    }

    #[test]
    fn ordinals() {
        assert_eq!(ordinal("kafka-12", &BTreeMap::new()), Some(12));
        assert_eq!(ordinal("kafka", &BTreeMap::new()), None);
        let l = [("apps.kubernetes.io/pod-index".to_string(), "3".to_string())].into();
        assert_eq!(ordinal("x", &l), Some(3));
    }

    #[test]
    fn placement_spreads() {
        let nodes: Vec<String> = vec!["a".into(), "b".into(), "c".into()];
        let mut counts = BTreeMap::new();
        assert_eq!(choose_node(&nodes, &counts, Some(1)), Some("b"));
        counts.insert("b".to_string(), 1);
        assert_eq!(choose_node(&nodes, &counts, Some(1)), Some("c"));
        counts.insert("a".to_string(), 1);
        counts.insert("c".to_string(), 1);
        assert_eq!(choose_node(&nodes, &counts, Some(3)), Some("a"));
        assert_eq!(choose_node(&[], &counts, None), None);
    }

    #[test]
    fn ip_allocation() {
        let first = Ipv4Addr::new(127, 0, 100, 1);
        let mut used = BTreeSet::new();
        assert_eq!(next_free_ip(&used, first), Some(first));
        for i in 1..=254 {
            used.insert(Ipv4Addr::new(127, 0, 100, i));
        }
        assert_eq!(
            next_free_ip(&used, first),
            Some(Ipv4Addr::new(127, 0, 101, 1))
        );
        assert_eq!(
            next_free_ip(&used, Ipv4Addr::new(127, 0, 200, 0)),
            Some(Ipv4Addr::new(127, 0, 200, 1))
        );
    }

    #[test]
    fn hosts_render() {
        let e = [HostEntry {
            ip: Ipv4Addr::new(127, 0, 100, 1),
            namespace: "kafka",
            pod: "kafka-controller-0",
            subdomain: Some("kafka-controller"),
        }];
        let h = render_hosts("box", &e);
        assert!(h.contains("127.0.0.1 localhost box\n"));
        assert!(h.contains(
            "127.0.100.1 kafka-controller-0.kafka-controller.kafka.svc.cluster.local kafka-controller-0.kafka-controller.kafka.svc"
        ));
        assert!(h.contains("127.0.100.1 kafka-controller.kafka.svc.cluster.local"));
    }

    #[test]
    fn backoff() {
        assert_eq!(backoff_secs(1), 0);
        assert_eq!(backoff_secs(2), 10);
        assert_eq!(backoff_secs(3), 20);
        assert_eq!(backoff_secs(30), 300);
    }
}
