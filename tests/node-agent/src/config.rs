//! Pure logic: how a container spec becomes a process (environment as a kubelet resolves it,
//! command line with image ENTRYPOINT/CMD semantics), pod placement and restart back-off.
//! No I/O here: the agent fetches what the spec references and passes it in.

use std::collections::{BTreeMap, BTreeSet};

use k8s_openapi::api::core::v1::{Container, Pod, ResourceRequirements};

/// Values a kubelet knows about a pod and exposes through the downward API.
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
    pub fn from_pod(pod: &Pod, pod_ip: &str, host_ip: &str) -> Self {
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

    /// A `fieldRef.fieldPath` value, as the downward API gives it.
    pub fn field(&self, path: &str) -> Option<String> {
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
            "metadata.labels" => Some(render_map(&self.labels)),
            "metadata.annotations" => Some(render_map(&self.annotations)),
            _ => {
                if let Some(key) = quoted("metadata.labels['") {
                    return Some(self.labels.get(&key).cloned().unwrap_or_default());
                }
                if let Some(key) = quoted("metadata.annotations['") {
                    return Some(self.annotations.get(&key).cloned().unwrap_or_default());
                }
                None
            }
        }
    }
}

/// `key="value"` lines, as the downward API volume writes whole label/annotation maps.
fn render_map(m: &BTreeMap<String, String>) -> String {
    m.iter()
        .map(|(k, v)| format!("{k}={v:?}\n"))
        .collect::<String>()
}

/// Expands `$(VAR)` references against `vars` (last definition wins); `$$` escapes a dollar.
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

/// What the env of a container may refer to, fetched by the agent before it resolves it.
/// A name missing from `config_maps`/`secrets` means the object does not exist.
#[derive(Debug, Default)]
pub struct EnvSources<'a> {
    pub fields: PodFields,
    pub config_maps: BTreeMap<String, BTreeMap<String, String>>,
    pub secrets: BTreeMap<String, BTreeMap<String, String>>,
    /// Service links (`FOO_SERVICE_HOST`, ...) the pod gets.
    pub service_env: Vec<(String, String)>,
    /// The node's allocatable resources, for `resourceFieldRef` on limits that are not set.
    pub node_allocatable: BTreeMap<&'a str, &'a str>,
}

fn upsert(vars: &mut Vec<(String, String)>, k: String, v: String) {
    vars.retain(|(n, _)| n != &k);
    vars.push((k, v));
}

/// Resolves a container's environment as a kubelet does: `envFrom` in order, then `env` in
/// order (values expanded against what is defined so far and the service links), then the
/// service links nobody overrode. Returns an error a kubelet would report as
/// CreateContainerConfigError.
pub fn resolve_env(c: &Container, src: &EnvSources<'_>) -> Result<Vec<(String, String)>, String> {
    let mut vars: Vec<(String, String)> = Vec::new();
    for from in c.env_from.as_deref().unwrap_or(&[]) {
        let prefix = from.prefix.clone().unwrap_or_default();
        let (data, kind, name, optional) = if let Some(r) = &from.config_map_ref {
            (
                src.config_maps.get(&r.name),
                "configmap",
                &r.name,
                r.optional == Some(true),
            )
        } else if let Some(r) = &from.secret_ref {
            (
                src.secrets.get(&r.name),
                "secret",
                &r.name,
                r.optional == Some(true),
            )
        } else {
            continue;
        };
        match data {
            Some(d) => {
                for (k, v) in d {
                    let key = format!("{prefix}{k}");
                    // Kubernetes drops keys that cannot be variable names.
                    if !key.is_empty() && !key.contains('=') {
                        upsert(&mut vars, key, v.clone());
                    }
                }
            }
            None if optional => {}
            None => return Err(format!("{kind} \"{name}\" not found")),
        }
    }
    for e in c.env.as_deref().unwrap_or(&[]) {
        let value = if let Some(v) = &e.value {
            let mut scope = src.service_env.clone();
            scope.extend(vars.iter().cloned());
            expand(v, &scope)
        } else if let Some(vf) = &e.value_from {
            if let Some(f) = &vf.field_ref {
                src.fields.field(&f.field_path).ok_or_else(|| {
                    format!("unsupported fieldPath {:?} in env {}", f.field_path, e.name)
                })?
            } else if let Some(r) = &vf.config_map_key_ref {
                match lookup(&src.config_maps, &r.name, &r.key) {
                    Lookup::Found(v) => v,
                    _ if r.optional == Some(true) => continue,
                    Lookup::NoObject => return Err(format!("configmap \"{}\" not found", r.name)),
                    Lookup::NoKey => {
                        return Err(format!(
                            "couldn't find key {} in ConfigMap {}/{}",
                            r.key, src.fields.namespace, r.name
                        ));
                    }
                }
            } else if let Some(r) = &vf.secret_key_ref {
                match lookup(&src.secrets, &r.name, &r.key) {
                    Lookup::Found(v) => v,
                    _ if r.optional == Some(true) => continue,
                    Lookup::NoObject => return Err(format!("secret \"{}\" not found", r.name)),
                    Lookup::NoKey => {
                        return Err(format!(
                            "couldn't find key {} in Secret {}/{}",
                            r.key, src.fields.namespace, r.name
                        ));
                    }
                }
            } else if let Some(r) = &vf.resource_field_ref {
                resource_field(
                    c.resources.as_ref(),
                    &r.resource,
                    r.divisor.as_ref().map(|q| q.0.as_str()),
                    &src.node_allocatable,
                )
                .map_err(|m| format!("env {}: {m}", e.name))?
            } else {
                return Err(format!("env {} has an unsupported valueFrom", e.name));
            }
        } else {
            String::new()
        };
        upsert(&mut vars, e.name.clone(), value);
    }
    let defined: BTreeSet<String> = vars.iter().map(|(k, _)| k.clone()).collect();
    for (k, v) in &src.service_env {
        if !defined.contains(k) {
            vars.push((k.clone(), v.clone()));
        }
    }
    Ok(vars)
}

enum Lookup {
    Found(String),
    NoObject,
    NoKey,
}

fn lookup(objs: &BTreeMap<String, BTreeMap<String, String>>, name: &str, key: &str) -> Lookup {
    match objs.get(name) {
        None => Lookup::NoObject,
        Some(d) => match d.get(key) {
            Some(v) => Lookup::Found(v.clone()),
            None => Lookup::NoKey,
        },
    }
}

/// A Kubernetes quantity (`500m`, `2Gi`, `1e3`) as a number.
pub fn parse_quantity(q: &str) -> Option<f64> {
    let q = q.trim();
    let split = q
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '+' || c == '-'))
        .unwrap_or(q.len());
    let (num, suffix) = q.split_at(split);
    let n: f64 = num.parse().ok()?;
    let mult = match suffix {
        "" => 1.0,
        "m" => 1e-3,
        "k" => 1e3,
        "M" => 1e6,
        "G" => 1e9,
        "T" => 1e12,
        "P" => 1e15,
        "E" => 1e18,
        "Ki" => 1024.0,
        "Mi" => 1024f64.powi(2),
        "Gi" => 1024f64.powi(3),
        "Ti" => 1024f64.powi(4),
        "Pi" => 1024f64.powi(5),
        "Ei" => 1024f64.powi(6),
        s if s.starts_with(['e', 'E']) => 10f64.powi(s[1..].parse().ok()?),
        _ => return None,
    };
    Some(n * mult)
}

/// `resourceFieldRef`: the container's limit or request divided by the divisor, rounded up;
/// a limit that is not set is the node's allocatable amount, as a kubelet reports it.
pub fn resource_field(
    res: Option<&ResourceRequirements>,
    resource: &str,
    divisor: Option<&str>,
    allocatable: &BTreeMap<&str, &str>,
) -> Result<String, String> {
    let (kind, name) = resource
        .split_once('.')
        .ok_or_else(|| format!("unsupported resource {resource:?}"))?;
    let set = match kind {
        "limits" => res.and_then(|r| r.limits.as_ref()),
        "requests" => res.and_then(|r| r.requests.as_ref()),
        _ => return Err(format!("unsupported resource {resource:?}")),
    }
    .and_then(|m| m.get(name))
    .map(|q| q.0.clone());
    let raw = match set {
        Some(v) => v,
        // An unset request defaults to the limit, an unset limit to the node's capacity.
        None => res
            .and_then(|r| r.limits.as_ref())
            .and_then(|m| m.get(name))
            .map(|q| q.0.clone())
            .filter(|_| kind == "requests")
            .or_else(|| {
                (kind == "limits")
                    .then(|| allocatable.get(name).map(|s| s.to_string()))
                    .flatten()
            })
            .unwrap_or_else(|| "0".into()),
    };
    let value = parse_quantity(&raw).ok_or_else(|| format!("bad quantity {raw:?}"))?;
    let div = match divisor {
        Some(d) => parse_quantity(d).ok_or_else(|| format!("bad divisor {d:?}"))?,
        None => 1.0,
    };
    if div <= 0.0 {
        return Err(format!("divisor must be positive, not {divisor:?}"));
    }
    Ok(format!("{}", (value / div).ceil() as i64))
}

/// Service link variables for one Service, as a kubelet injects them.
#[derive(Debug, Clone)]
pub struct ServiceLink {
    pub name: String,
    pub cluster_ip: String,
    /// (port name, port, protocol)
    pub ports: Vec<(Option<String>, i32, String)>,
}

/// `FOO_SERVICE_HOST`, `FOO_SERVICE_PORT[_NAME]`, `FOO_PORT`, `FOO_PORT_<p>_<PROTO>[_PROTO|_PORT|_ADDR]`.
pub fn service_env(links: &[ServiceLink]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for l in links {
        let Some((_, first_port, first_proto)) = l.ports.first() else {
            continue;
        };
        let prefix = l.name.to_ascii_uppercase().replace('-', "_");
        let ip = &l.cluster_ip;
        out.push((format!("{prefix}_SERVICE_HOST"), ip.clone()));
        out.push((format!("{prefix}_SERVICE_PORT"), first_port.to_string()));
        for (name, port, _) in &l.ports {
            if let Some(n) = name.as_deref().filter(|n| !n.is_empty()) {
                out.push((
                    format!(
                        "{prefix}_SERVICE_PORT_{}",
                        n.to_ascii_uppercase().replace('-', "_")
                    ),
                    port.to_string(),
                ));
            }
        }
        out.push((
            format!("{prefix}_PORT"),
            format!("{}://{ip}:{first_port}", first_proto.to_ascii_lowercase()),
        ));
        for (_, port, proto) in &l.ports {
            let p = format!("{prefix}_PORT_{port}_{}", proto.to_ascii_uppercase());
            out.push((
                p.clone(),
                format!("{}://{ip}:{port}", proto.to_ascii_lowercase()),
            ));
            out.push((format!("{p}_PROTO"), proto.to_ascii_lowercase()));
            out.push((format!("{p}_PORT"), port.to_string()));
            out.push((format!("{p}_ADDR"), ip.clone()));
        }
    }
    out
}

/// The process to run: `command` replaces the image ENTRYPOINT, `args` replaces its CMD (and a
/// `command` without `args` drops the CMD), with `$(VAR)` expanded against the container's env.
pub fn command_line(
    entrypoint: &[String],
    cmd: &[String],
    command: Option<&[String]>,
    args: Option<&[String]>,
    env: &[(String, String)],
) -> Vec<String> {
    let command = command.filter(|c| !c.is_empty());
    let args = args.filter(|a| !a.is_empty());
    let (head, tail): (Vec<String>, Vec<String>) = match (command, args) {
        (Some(c), Some(a)) => (c.to_vec(), a.to_vec()),
        (Some(c), None) => (c.to_vec(), Vec::new()),
        (None, Some(a)) => (entrypoint.to_vec(), a.to_vec()),
        (None, None) => (entrypoint.to_vec(), cmd.to_vec()),
    };
    let expand_all = |v: Vec<String>| -> Vec<String> { v.iter().map(|s| expand(s, env)).collect() };
    // Only what the pod spec gives is expanded; the image's own words are taken literally.
    let (head, tail) = match (command, args) {
        (Some(_), Some(_)) => (expand_all(head), expand_all(tail)),
        (Some(_), None) => (expand_all(head), tail),
        (None, Some(_)) => (head, expand_all(tail)),
        (None, None) => (head, tail),
    };
    head.into_iter().chain(tail).collect()
}

/// The image's environment overlaid with the container's (the container wins), plus PATH from
/// the image unless the container sets it, and HOSTNAME as a runtime sets it.
pub fn final_env(
    image_env: &BTreeMap<String, String>,
    image_path: Option<&str>,
    container_env: &[(String, String)],
    hostname: &str,
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    if let Some(p) = image_path {
        out.push(("PATH".into(), p.to_string()));
    }
    for (k, v) in image_env {
        upsert(&mut out, k.clone(), v.clone());
    }
    upsert(&mut out, "HOSTNAME".into(), hostname.to_string());
    for (k, v) in container_env {
        upsert(&mut out, k.clone(), v.clone());
    }
    if !out.iter().any(|(k, _)| k == "PATH") {
        out.insert(
            0,
            (
                "PATH".into(),
                "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".into(),
            ),
        );
    }
    out
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
    use k8s_openapi::api::core::v1::{
        ConfigMapEnvSource, ConfigMapKeySelector, EnvFromSource, EnvVar, EnvVarSource,
        ObjectFieldSelector, ResourceFieldSelector, SecretKeySelector,
    };
    use k8s_openapi::apimachinery::pkg::api::resource::Quantity;

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
    fn get(vars: &[(String, String)], k: &str) -> Option<String> {
        vars.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone())
    }
    fn sources() -> EnvSources<'static> {
        EnvSources {
            fields: PodFields {
                name: "kafka-1".into(),
                namespace: "ns1".into(),
                pod_ip: "127.0.100.7".into(),
                host_ip: "127.0.200.2".into(),
                labels: [
                    ("app".to_string(), "kafka".to_string()),
                    (
                        "topology.kubernetes.io/zone".to_string(),
                        "zone-b".to_string(),
                    ),
                ]
                .into(),
                ..Default::default()
            },
            ..Default::default()
        }
    }

    #[test]
    fn env_resolution_and_expansion() {
        let c = Container {
            env: Some(vec![
                field_env("POD_NAME", "metadata.name"),
                field_env("POD_NAMESPACE", "metadata.namespace"),
                field_env("POD_IP", "status.podIP"),
                field_env("HOST_IP", "status.hostIP"),
                field_env("APP", "metadata.labels['app']"),
                field_env("RACK", "metadata.labels['topology.kubernetes.io/zone']"),
                val_env(
                    "KAFKA_CFG_ADVERTISED_LISTENERS",
                    "PLAINTEXT://$(POD_IP):9092 $(MISSING) $$(POD_IP)",
                ),
                val_env("HOST", "$(POD_NAME).kafka.$(POD_NAMESPACE).svc"),
            ]),
            ..Default::default()
        };
        let vars = resolve_env(&c, &sources()).unwrap();
        assert_eq!(get(&vars, "APP").as_deref(), Some("kafka"));
        assert_eq!(get(&vars, "RACK").as_deref(), Some("zone-b"));
        assert_eq!(get(&vars, "HOST_IP").as_deref(), Some("127.0.200.2"));
        assert_eq!(
            get(&vars, "KAFKA_CFG_ADVERTISED_LISTENERS").as_deref(),
            Some("PLAINTEXT://127.0.100.7:9092 $(MISSING) $(POD_IP)")
        );
        assert_eq!(get(&vars, "HOST").as_deref(), Some("kafka-1.kafka.ns1.svc"));
    }

    #[test]
    fn config_maps_secrets_and_env_from() {
        let mut src = sources();
        src.config_maps.insert(
            "settings".into(),
            [
                ("A".to_string(), "1".to_string()),
                ("B".to_string(), "2".to_string()),
            ]
            .into(),
        );
        src.secrets.insert(
            "creds".into(),
            [("password".to_string(), "s3cret".to_string())].into(),
        );
        let c = Container {
            env_from: Some(vec![EnvFromSource {
                prefix: Some("CM_".into()),
                config_map_ref: Some(ConfigMapEnvSource {
                    name: "settings".into(),
                    optional: None,
                }),
                ..Default::default()
            }]),
            env: Some(vec![
                EnvVar {
                    name: "PW".into(),
                    value_from: Some(EnvVarSource {
                        secret_key_ref: Some(SecretKeySelector {
                            name: "creds".into(),
                            key: "password".into(),
                            optional: None,
                        }),
                        ..Default::default()
                    }),
                    ..Default::default()
                },
                EnvVar {
                    name: "OPT".into(),
                    value_from: Some(EnvVarSource {
                        config_map_key_ref: Some(ConfigMapKeySelector {
                            name: "absent".into(),
                            key: "x".into(),
                            optional: Some(true),
                        }),
                        ..Default::default()
                    }),
                    ..Default::default()
                },
                val_env("BOTH", "$(CM_A)-$(PW)"),
                val_env("CM_B", "overridden"),
            ]),
            ..Default::default()
        };
        let vars = resolve_env(&c, &src).unwrap();
        assert_eq!(get(&vars, "CM_A").as_deref(), Some("1"));
        assert_eq!(get(&vars, "CM_B").as_deref(), Some("overridden"));
        assert_eq!(get(&vars, "PW").as_deref(), Some("s3cret"));
        assert_eq!(get(&vars, "BOTH").as_deref(), Some("1-s3cret"));
        assert_eq!(get(&vars, "OPT"), None);

        let missing = Container {
            env: Some(vec![EnvVar {
                name: "X".into(),
                value_from: Some(EnvVarSource {
                    config_map_key_ref: Some(ConfigMapKeySelector {
                        name: "settings".into(),
                        key: "nope".into(),
                        optional: None,
                    }),
                    ..Default::default()
                }),
                ..Default::default()
            }]),
            ..Default::default()
        };
        let err = resolve_env(&missing, &src).unwrap_err();
        assert!(err.contains("couldn't find key nope"), "{err}");
        let no_secret = Container {
            env: Some(vec![EnvVar {
                name: "X".into(),
                value_from: Some(EnvVarSource {
                    secret_key_ref: Some(SecretKeySelector {
                        name: "ghost".into(),
                        key: "k".into(),
                        optional: None,
                    }),
                    ..Default::default()
                }),
                ..Default::default()
            }]),
            ..Default::default()
        };
        assert_eq!(
            resolve_env(&no_secret, &src).unwrap_err(),
            "secret \"ghost\" not found"
        );
    }

    #[test]
    fn service_links_expand_and_come_last() {
        let mut src = sources();
        src.service_env = service_env(&[ServiceLink {
            name: "kafka-bootstrap".into(),
            cluster_ip: "127.0.101.9".into(),
            ports: vec![
                (Some("client".into()), 9092, "TCP".into()),
                (None, 9093, "TCP".into()),
            ],
        }]);
        let c = Container {
            env: Some(vec![
                val_env(
                    "BS",
                    "$(KAFKA_BOOTSTRAP_SERVICE_HOST):$(KAFKA_BOOTSTRAP_SERVICE_PORT)",
                ),
                val_env("KAFKA_BOOTSTRAP_PORT", "mine"),
            ]),
            ..Default::default()
        };
        let vars = resolve_env(&c, &src).unwrap();
        assert_eq!(get(&vars, "BS").as_deref(), Some("127.0.101.9:9092"));
        assert_eq!(get(&vars, "KAFKA_BOOTSTRAP_PORT").as_deref(), Some("mine"));
        assert_eq!(
            get(&vars, "KAFKA_BOOTSTRAP_SERVICE_PORT_CLIENT").as_deref(),
            Some("9092")
        );
        assert_eq!(
            get(&vars, "KAFKA_BOOTSTRAP_PORT_9093_TCP").as_deref(),
            Some("tcp://127.0.101.9:9093")
        );
        assert_eq!(
            get(&vars, "KAFKA_BOOTSTRAP_PORT_9093_TCP_ADDR").as_deref(),
            Some("127.0.101.9")
        );
        assert_eq!(vars.first().map(|(k, _)| k.as_str()), Some("BS"));
    }

    #[test]
    fn resource_fields() {
        let res = ResourceRequirements {
            limits: Some(
                [
                    ("memory".to_string(), Quantity("512Mi".into())),
                    ("cpu".to_string(), Quantity("1500m".into())),
                ]
                .into(),
            ),
            ..Default::default()
        };
        let alloc: BTreeMap<&str, &str> = [("cpu", "8"), ("memory", "16Gi")].into();
        assert_eq!(
            resource_field(Some(&res), "limits.memory", Some("1Mi"), &alloc).unwrap(),
            "512"
        );
        assert_eq!(
            resource_field(Some(&res), "limits.cpu", None, &alloc).unwrap(),
            "2"
        );
        assert_eq!(
            resource_field(Some(&res), "requests.memory", None, &alloc).unwrap(),
            (512u64 * 1024 * 1024).to_string()
        );
        assert_eq!(
            resource_field(None, "limits.memory", Some("1Gi"), &alloc).unwrap(),
            "16"
        );
        assert!(resource_field(None, "limits.memory", Some("0"), &alloc).is_err());
        assert_eq!(parse_quantity("1e3"), Some(1000.0));
        assert_eq!(parse_quantity("2k"), Some(2000.0));
        assert_eq!(parse_quantity("x"), None);
        let c = Container {
            resources: Some(res),
            env: Some(vec![EnvVar {
                name: "MEM_MB".into(),
                value_from: Some(EnvVarSource {
                    resource_field_ref: Some(ResourceFieldSelector {
                        resource: "limits.memory".into(),
                        divisor: Some(Quantity("1M".into())),
                        container_name: None,
                    }),
                    ..Default::default()
                }),
                ..Default::default()
            }]),
            ..Default::default()
        };
        let mut src = sources();
        src.node_allocatable = alloc;
        assert_eq!(
            get(&resolve_env(&c, &src).unwrap(), "MEM_MB").as_deref(),
            Some("537")
        );
    }

    #[test]
    fn entrypoint_and_cmd_semantics() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let ep = s(&["/entry.sh"]);
        let cmd = s(&["run", "$(X)"]);
        let env = vec![("X".to_string(), "1".to_string())];
        assert_eq!(
            command_line(&ep, &cmd, None, None, &env),
            s(&["/entry.sh", "run", "$(X)"])
        );
        assert_eq!(
            command_line(&ep, &cmd, None, Some(&s(&["a", "$(X)"])), &env),
            s(&["/entry.sh", "a", "1"])
        );
        assert_eq!(
            command_line(
                &ep,
                &cmd,
                Some(&s(&["sh", "-c", "echo $(X) ${HOSTNAME##*-}"])),
                None,
                &env
            ),
            s(&["sh", "-c", "echo 1 ${HOSTNAME##*-}"])
        );
        assert_eq!(
            command_line(&ep, &cmd, Some(&s(&["b"])), Some(&s(&["c"])), &env),
            s(&["b", "c"])
        );
        assert_eq!(
            command_line(&ep, &cmd, Some(&[]), Some(&[]), &env),
            s(&["/entry.sh", "run", "$(X)"])
        );
    }

    #[test]
    fn image_env_is_overridden_by_the_container() {
        let image: BTreeMap<String, String> = [
            ("KAFKA_HOME".to_string(), "/opt/kafka".to_string()),
            ("A".to_string(), "image".to_string()),
        ]
        .into();
        let env = final_env(
            &image,
            Some("/opt/kafka/bin:/usr/bin:/bin"),
            &[("A".to_string(), "pod".to_string())],
            "kafka-0",
        );
        assert_eq!(
            get(&env, "PATH").as_deref(),
            Some("/opt/kafka/bin:/usr/bin:/bin")
        );
        assert_eq!(get(&env, "A").as_deref(), Some("pod"));
        assert_eq!(get(&env, "KAFKA_HOME").as_deref(), Some("/opt/kafka"));
        assert_eq!(get(&env, "HOSTNAME").as_deref(), Some("kafka-0"));
        let bare = final_env(&BTreeMap::new(), None, &[], "x");
        assert!(get(&bare, "PATH").is_some());
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
    fn backoff() {
        assert_eq!(backoff_secs(1), 0);
        assert_eq!(backoff_secs(2), 10);
        assert_eq!(backoff_secs(3), 20);
        assert_eq!(backoff_secs(30), 300);
    }
}
