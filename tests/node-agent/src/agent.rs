//! The pod loop: binding, process lifecycle, readiness, status and deletion.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::process::Child;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use futures::StreamExt;
use k8s_openapi::api::core::v1::{Container, PersistentVolumeClaim, Pod};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use k8s_openapi::jiff::Timestamp;
use kube::api::{Api, DeleteParams, ListParams, Patch, PatchParams, PostParams, Preconditions};
use kube::runtime::{WatchStreamExt, reflector, watcher};
use kube::{Client, ResourceExt};
use serde_json::{Value, json};
use tokio::signal::unix::{SignalKind, signal};
use tracing::{info, warn};

use crate::Args;
use crate::config::{self, HostEntry, Role};
use crate::node::{self, HOST_IP, NodeDef};
use crate::podstate::{ContainerState, PodState, PodStateFiles};
use crate::proc::{self, JvmEnv, Launch};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Kafka,
    ZooKeeper,
    /// Any other image: reported running and ready, nothing is started.
    Inert,
}

fn kind_of(image: &str) -> Kind {
    let i = image.to_ascii_lowercase();
    if i.contains("zookeeper") {
        Kind::ZooKeeper
    } else if i.contains("kafka") {
        Kind::Kafka
    } else {
        Kind::Inert
    }
}

struct PodRt {
    ns: String,
    name: String,
    ip: Ipv4Addr,
    kind: Kind,
    container: String,
    image: String,
    start_time: Time,
    child: Option<Child>,
    /// Quorum process (KRaft controller or ZooKeeper): stopped after the brokers.
    controller_only: bool,
    started_at: Option<Time>,
    run_started: Option<Instant>,
    restart_count: i32,
    recent_crashes: u32,
    next_start: Option<Instant>,
    waiting: Option<(String, String)>,
    last_terminated: Option<Value>,
    ready: bool,
    ready_changed: Time,
    term_started: Option<Instant>,
    killed: bool,
    last_status: Option<Value>,
    log_file: PathBuf,
    data_dir: Option<PathBuf>,
    /// The resolved env the running process was started with (for exec).
    env: Vec<(String, String)>,
}

struct Agent {
    client: Client,
    args: Args,
    nodes: Vec<NodeDef>,
    node_names: Vec<String>,
    jvm: JvmEnv,
    hostname: String,
    ips: BTreeMap<String, Ipv4Addr>,
    ips_path: PathBuf,
    hosts_path: PathBuf,
    hosts_content: String,
    pods: HashMap<String, PodRt>,
    /// Processes whose pod object vanished without a graceful deletion.
    orphans: Vec<(Child, Instant)>,
    /// Pod state files read by the kubelet streaming server.
    pod_state: PodStateFiles,
}

pub async fn run(args: Args) -> anyhow::Result<()> {
    let client = Client::try_default()
        .await
        .context("cannot build a Kubernetes client (is KUBECONFIG set?)")?;
    let agent_dir = args.state_dir.join("agent");
    std::fs::create_dir_all(&agent_dir)
        .with_context(|| format!("cannot create {}", agent_dir.display()))?;
    let ips_path = agent_dir.join("pod-ips.json");
    let ips: BTreeMap<String, Ipv4Addr> = match std::fs::read_to_string(&ips_path) {
        Ok(s) => serde_json::from_str(&s)
            .with_context(|| format!("{} is not a valid address map", ips_path.display()))?,
        Err(_) => BTreeMap::new(),
    };
    let nodes = node::node_defs(args.nodes);
    for n in &nodes {
        node::register(&client, n)
            .await
            .with_context(|| format!("cannot register node {}", n.name))?;
        node::renew_lease(&client, n)
            .await
            .with_context(|| format!("cannot renew the lease of node {}", n.name))?;
        node::report_kubelet_endpoint(&client, n, args.kubelet_port)
            .await
            .with_context(|| format!("cannot report the kubelet endpoint of node {}", n.name))?;
        info!(node = %n.name, zone = %n.zone, "node registered and ready");
    }
    let hostname = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|_| "localhost".into());
    let jvm = JvmEnv {
        java: args.java.clone(),
        kafka_lib: args.kafka_lib.clone(),
        hosts_file: agent_dir.join("hosts"),
        log4j2_config: args.log4j2_config.clone(),
        log4j1_config: args.log4j1_config.clone(),
    };
    let mut agent = Agent {
        node_names: nodes.iter().map(|n| n.name.clone()).collect(),
        nodes,
        client: client.clone(),
        hosts_path: agent_dir.join("hosts"),
        hosts_content: String::new(),
        args,
        jvm,
        hostname,
        ips,
        ips_path,
        pods: HashMap::new(),
        orphans: Vec::new(),
        pod_state: PodStateFiles::new(agent_dir.join("pods")),
    };
    agent.write_hosts(&[]);

    let (reader, writer) = reflector::store::<Pod>();
    let pods_api: Api<Pod> = Api::all(client.clone());
    let stream = reflector(writer, watcher(pods_api, watcher::Config::default())).default_backoff();
    let mut stream = std::pin::pin!(stream);
    let mut synced = false;
    let mut tick = tokio::time::interval(Duration::from_millis(500));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut sigterm = signal(SignalKind::terminate()).context("cannot watch SIGTERM")?;
    let mut sigint = signal(SignalKind::interrupt()).context("cannot watch SIGINT")?;
    let mut last_lease = Instant::now();
    let mut last_heartbeat = Instant::now();
    let mut last_gc = Instant::now();
    info!("watching pods");
    loop {
        tokio::select! {
            _ = sigterm.recv() => break,
            _ = sigint.recv() => break,
            ev = stream.next() => match ev {
                Some(Ok(watcher::Event::InitDone)) => synced = true,
                Some(Ok(_)) => {}
                Some(Err(e)) => warn!("pod watch error (retrying): {e}"),
                None => {
                    warn!("pod watch ended; stopping");
                    break;
                }
            },
            _ = tick.tick() => {
                if last_lease.elapsed() >= Duration::from_secs(10) {
                    last_lease = Instant::now();
                    for n in &agent.nodes {
                        if let Err(e) = node::renew_lease(&agent.client, n).await {
                            warn!(node = %n.name, "lease renewal failed: {e:#}");
                        }
                    }
                }
                if last_heartbeat.elapsed() >= Duration::from_secs(60) {
                    last_heartbeat = Instant::now();
                    for n in &agent.nodes {
                        if let Err(e) = node::heartbeat(&agent.client, n).await {
                            warn!(node = %n.name, "node status update failed: {e:#}");
                        }
                    }
                }
                if synced && last_gc.elapsed() >= Duration::from_secs(30) {
                    last_gc = Instant::now();
                    agent.collect_volumes().await;
                }
                if synced {
                    let snapshot = reader.state();
                    agent.reconcile(&snapshot).await;
                }
            }
        }
    }
    info!("stopping: terminating all containers");
    agent.mark_all_unready().await;
    agent.shutdown();
    // Nothing runs here any more: the kubelet server must not find these pods.
    agent.pod_state.retain(&BTreeSet::new());
    Ok(())
}

fn now() -> Time {
    Time(Timestamp::now())
}

fn ip_key(ns: &str, name: &str) -> String {
    format!("{ns}/{name}")
}

fn main_container(pod: &Pod) -> Option<&Container> {
    let cs = &pod.spec.as_ref()?.containers;
    cs.iter()
        .find(|c| kind_of(c.image.as_deref().unwrap_or("")) != Kind::Inert)
        .or_else(|| cs.first())
}

fn probe_port(c: &Container) -> Option<u16> {
    let port = c
        .readiness_probe
        .as_ref()?
        .tcp_socket
        .as_ref()?
        .port
        .clone();
    match port {
        IntOrString::Int(n) => u16::try_from(n).ok(),
        IntOrString::String(name) => c
            .ports
            .as_ref()?
            .iter()
            .find(|p| p.name.as_deref() == Some(name.as_str()))
            .and_then(|p| u16::try_from(p.container_port).ok()),
    }
}

fn owner_uid(pod: &Pod) -> Option<String> {
    pod.metadata
        .owner_references
        .as_ref()?
        .iter()
        .find(|o| o.controller == Some(true))
        .map(|o| o.uid.clone())
}

fn sanitize(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

impl Agent {
    fn write_hosts(&mut self, pods: &[Arc<Pod>]) {
        let mut entries = Vec::new();
        for p in pods {
            let ns = p.metadata.namespace.as_deref().unwrap_or("");
            let name = p.metadata.name.as_deref().unwrap_or("");
            let Some(ip) = self.ips.get(&ip_key(ns, name)) else {
                continue;
            };
            let sub = p.spec.as_ref().and_then(|s| s.subdomain.as_deref());
            entries.push(HostEntry {
                ip: *ip,
                namespace: ns,
                pod: name,
                subdomain: sub,
            });
        }
        entries.sort_by(|a, b| (a.namespace, a.pod).cmp(&(b.namespace, b.pod)));
        let content = config::render_hosts(&self.hostname, &entries);
        if content == self.hosts_content {
            return;
        }
        let tmp = self.hosts_path.with_extension("tmp");
        match std::fs::write(&tmp, &content).and_then(|_| std::fs::rename(&tmp, &self.hosts_path)) {
            Ok(()) => self.hosts_content = content,
            Err(e) => warn!("cannot write {}: {e}", self.hosts_path.display()),
        }
    }

    fn ip_for(&mut self, ns: &str, name: &str) -> Option<Ipv4Addr> {
        let key = ip_key(ns, name);
        if let Some(ip) = self.ips.get(&key) {
            return Some(*ip);
        }
        let used: BTreeSet<Ipv4Addr> = self.ips.values().copied().collect();
        let ip = config::next_free_ip(&used, self.args.first_pod_ip)?;
        self.ips.insert(key, ip);
        let saved = serde_json::to_string_pretty(&self.ips)
            .map_err(std::io::Error::other)
            .and_then(|s| std::fs::write(&self.ips_path, s));
        if let Err(e) = saved {
            warn!("cannot save {}: {e}", self.ips_path.display());
        }
        Some(ip)
    }

    async fn reconcile(&mut self, pods: &[Arc<Pod>]) {
        for p in pods {
            if p.metadata.deletion_timestamp.is_none() {
                let ns = p.metadata.namespace.clone().unwrap_or_default();
                let _ = self.ip_for(&ns, &p.name_any());
            }
        }
        self.write_hosts(pods);

        let mut seen = BTreeSet::new();
        for p in pods {
            let Some(uid) = p.metadata.uid.clone() else {
                continue;
            };
            seen.insert(uid.clone());
            let node = p.spec.as_ref().and_then(|s| s.node_name.clone());
            match node {
                None => {
                    if p.metadata.deletion_timestamp.is_none() {
                        self.bind(p, pods).await;
                    }
                }
                Some(n) if self.node_names.contains(&n) => self.sync_pod(p, &uid, &n).await,
                Some(_) => {}
            }
        }
        // Pods deleted behind our back (force deletion): stop their processes.
        let gone: Vec<String> = self
            .pods
            .keys()
            .filter(|k| !seen.contains(*k))
            .cloned()
            .collect();
        for uid in gone {
            if let Some(mut rt) = self.pods.remove(&uid)
                && let Some(child) = rt.child.take()
            {
                info!(pod = %format!("{}/{}", rt.ns, rt.name), "pod object gone: stopping its process");
                proc::signal(&child, libc::SIGTERM);
                self.orphans.push((child, Instant::now()));
            }
        }
        self.orphans.retain_mut(|(child, since)| {
            if matches!(child.try_wait(), Ok(Some(_)) | Err(_)) {
                return false;
            }
            if since.elapsed() > Duration::from_secs(60) {
                proc::signal(child, libc::SIGKILL);
            }
            true
        });
        let live: BTreeSet<(String, String)> = self
            .pods
            .values()
            .map(|rt| (rt.ns.clone(), rt.name.clone()))
            .collect();
        self.pod_state.retain(&live);
    }

    /// Records the pod's state for the kubelet streaming server (tests/kubelet-server).
    fn write_pod_state(&mut self, uid: &str, node_name: &str) {
        let Some(rt) = self.pods.get(uid) else {
            return;
        };
        let ip = rt.ip.to_string();
        let state = PodState {
            namespace: &rt.ns,
            name: &rt.name,
            uid,
            node: node_name,
            ip: &ip,
            netns: None,
            containers: vec![ContainerState {
                name: &rt.container,
                pid: rt.child.as_ref().map(Child::id),
                log: &rt.log_file,
                env: &rt.env,
                workdir: None,
                restart_count: rt.restart_count,
            }],
        };
        self.pod_state.update(&state);
    }

    async fn bind(&mut self, pod: &Pod, all: &[Arc<Pod>]) {
        let ns = pod.metadata.namespace.clone().unwrap_or_default();
        let name = pod.name_any();
        let owner = owner_uid(pod);
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        if let Some(owner) = &owner {
            for other in all {
                if owner_uid(other).as_ref() == Some(owner)
                    && other.metadata.deletion_timestamp.is_none()
                    && let Some(n) = other.spec.as_ref().and_then(|s| s.node_name.clone())
                {
                    *counts.entry(n).or_default() += 1;
                }
            }
        }
        let labels = pod.metadata.labels.clone().unwrap_or_default();
        let ordinal = config::ordinal(&name, &labels);
        let Some(target) = config::choose_node(&self.node_names, &counts, ordinal) else {
            return;
        };
        let body = json!({
            "apiVersion": "v1",
            "kind": "Binding",
            "metadata": {"name": name, "namespace": ns},
            "target": {"apiVersion": "v1", "kind": "Node", "name": target},
        });
        let api: Api<Pod> = Api::namespaced(self.client.clone(), &ns);
        match api
            .create_subresource::<_, Value>("binding", &name, &PostParams::default(), &body)
            .await
        {
            Ok(_) => info!(pod = %format!("{ns}/{name}"), node = target, "bound"),
            Err(e) => warn!(pod = %format!("{ns}/{name}"), "binding failed: {e}"),
        }
    }

    fn new_runtime(&mut self, pod: &Pod, ns: &str, name: &str) -> Option<PodRt> {
        let c = main_container(pod)?;
        let ip = self.ip_for(ns, name)?;
        let image = c.image.clone().unwrap_or_default();
        // Continue the counters a previous agent run reported, as a restarted kubelet would.
        let prev = pod
            .status
            .as_ref()
            .and_then(|s| s.container_statuses.as_ref())
            .and_then(|cs| cs.iter().find(|s| s.name == c.name));
        let restart_count = prev.map(|s| s.restart_count).unwrap_or(0);
        let start_time = pod
            .status
            .as_ref()
            .and_then(|s| s.start_time.clone())
            .unwrap_or_else(now);
        Some(PodRt {
            ns: ns.to_string(),
            name: name.to_string(),
            ip,
            kind: kind_of(&image),
            container: c.name.clone(),
            image,
            start_time,
            child: None,
            controller_only: false,
            started_at: None,
            run_started: None,
            restart_count,
            recent_crashes: 0,
            next_start: Some(Instant::now()),
            waiting: Some(("ContainerCreating".into(), String::new())),
            last_terminated: None,
            ready: false,
            ready_changed: now(),
            term_started: None,
            killed: false,
            last_status: None,
            log_file: self.args.state_dir.join("logs").join(format!(
                "{}_{}.log",
                sanitize(ns),
                sanitize(name)
            )),
            data_dir: None,
            env: Vec::new(),
        })
    }

    async fn sync_pod(&mut self, pod: &Pod, uid: &str, node_name: &str) {
        let ns = pod.metadata.namespace.clone().unwrap_or_default();
        let name = pod.name_any();
        if !self.pods.contains_key(uid) {
            if pod.metadata.deletion_timestamp.is_some() {
                // Nothing runs for it here (e.g. after an agent restart): finish the deletion.
                self.finish_deletion(&ns, &name, uid).await;
                return;
            }
            match self.new_runtime(pod, &ns, &name) {
                Some(rt) => {
                    self.pods.insert(uid.to_string(), rt);
                }
                None => {
                    warn!(pod = %format!("{ns}/{name}"), "pod has no containers or no address is free");
                    return;
                }
            }
        }
        let zone = self
            .nodes
            .iter()
            .find(|n| n.name == node_name)
            .map(|n| n.zone.clone());
        let Some(mut rt) = self.pods.remove(uid) else {
            return;
        };

        if pod.metadata.deletion_timestamp.is_some() {
            if self.terminate_step(&mut rt, pod) {
                self.finish_deletion(&ns, &name, uid).await;
                return;
            }
            rt.set_ready(false);
            self.pods.insert(uid.to_string(), rt);
            self.write_pod_state(uid, node_name);
            self.push_status(uid, node_name).await;
            return;
        }

        // Reap a process that exited on its own.
        if let Some(child) = rt.child.as_mut() {
            match child.try_wait() {
                Ok(Some(status)) => {
                    let code = status.code().unwrap_or(137);
                    rt.child = None;
                    let ran = rt.run_started.map(|t| t.elapsed()).unwrap_or_default();
                    if ran > Duration::from_secs(600) {
                        rt.recent_crashes = 0;
                    }
                    rt.recent_crashes += 1;
                    let delay = config::backoff_secs(rt.recent_crashes);
                    rt.last_terminated = Some(json!({"terminated": {
                        "exitCode": code,
                        "reason": if code == 0 { "Completed" } else { "Error" },
                        "startedAt": rt.started_at,
                        "finishedAt": now(),
                        "containerID": format!("testbed://{uid}"),
                    }}));
                    rt.restart_count += 1;
                    rt.started_at = None;
                    rt.set_ready(false);
                    rt.next_start = Some(Instant::now() + Duration::from_secs(delay));
                    rt.waiting = Some((
                        if delay > 0 {
                            "CrashLoopBackOff".into()
                        } else {
                            "ContainerCreating".into()
                        },
                        format!(
                            "back-off {delay}s restarting failed container={} pod={name}",
                            rt.container
                        ),
                    ));
                    warn!(pod = %format!("{ns}/{name}"), code, delay, "container exited; restarting");
                    proc::append_log(
                        &rt.log_file,
                        &format!("container exited with code {code}; restart in {delay}s"),
                    );
                }
                Ok(None) => {}
                Err(e) => warn!(pod = %format!("{ns}/{name}"), "cannot poll process: {e}"),
            }
        }

        if rt.child.is_none()
            && rt.kind != Kind::Inert
            && rt.next_start.is_some_and(|t| Instant::now() >= t)
        {
            self.start(&mut rt, pod, uid, node_name, zone.as_deref());
        }
        if rt.kind == Kind::Inert {
            if rt.started_at.is_none() {
                rt.started_at = Some(now());
                rt.waiting = None;
            }
            rt.set_ready(true);
        } else if rt.child.is_some() {
            let port = main_container(pod).and_then(probe_port);
            let ready = match port {
                Some(port) => {
                    let addr = SocketAddr::from((rt.ip, port));
                    matches!(
                        tokio::time::timeout(
                            Duration::from_millis(300),
                            tokio::net::TcpStream::connect(addr)
                        )
                        .await,
                        Ok(Ok(_))
                    )
                }
                None => true,
            };
            rt.set_ready(ready);
        }
        self.pods.insert(uid.to_string(), rt);
        self.write_pod_state(uid, node_name);
        self.push_status(uid, node_name).await;
    }

    fn start(&self, rt: &mut PodRt, pod: &Pod, uid: &str, node_name: &str, zone: Option<&str>) {
        let ns = rt.ns.clone();
        let name = rt.name.clone();
        let ip = rt.ip.to_string();
        let fail = |rt: &mut PodRt, reason: &str, msg: String| {
            warn!(pod = %format!("{ns}/{name}"), "{reason}: {msg}");
            proc::append_log(&rt.log_file, &format!("{reason}: {msg}"));
            rt.waiting = Some((reason.to_string(), msg));
            rt.next_start = Some(Instant::now() + Duration::from_secs(10));
        };
        let Some(c) = main_container(pod) else {
            return;
        };
        let fields = config::pod_fields(pod, &ip, HOST_IP);
        let fields = config::PodFields {
            node_name: node_name.to_string(),
            ..fields
        };
        let (mut vars, unsupported) = config::resolve_env(c.env.as_deref().unwrap_or(&[]), &fields);
        if !unsupported.is_empty() {
            warn!(pod = %format!("{ns}/{name}"), "env sources not supported, left empty: {unsupported:?}");
        }
        vars.push(("HOSTNAME".into(), name.clone()));
        // Data lives under the PVC's name (like a volume), else under the pod uid (emptyDir).
        let claim = pod
            .spec
            .as_ref()
            .and_then(|s| s.volumes.as_ref())
            .and_then(|vs| {
                vs.iter()
                    .find_map(|v| v.persistent_volume_claim.as_ref())
                    .map(|p| p.claim_name.clone())
            });
        let data_dir = match &claim {
            Some(cl) => self
                .args
                .state_dir
                .join("data")
                .join(sanitize(&ns))
                .join(sanitize(cl)),
            None => self
                .args
                .state_dir
                .join("data")
                .join("ephemeral")
                .join(sanitize(uid)),
        };
        let pod_dir = self.args.state_dir.join("agent").join("pods").join(format!(
            "{}_{}",
            sanitize(&ns),
            sanitize(&name)
        ));
        if let Err(e) =
            std::fs::create_dir_all(&pod_dir).and_then(|_| std::fs::create_dir_all(&data_dir))
        {
            fail(
                rt,
                "CreateContainerError",
                format!("cannot create directories: {e}"),
            );
            return;
        }
        let labels = pod.metadata.labels.clone().unwrap_or_default();
        let (main_class, conf_text, cluster_id, controller_only) = match rt.kind {
            Kind::Kafka => {
                let ord = config::ordinal(&name, &labels);
                let data = data_dir.display().to_string();
                match config::kafka_config(&vars, ord, &ip, &data, zone) {
                    Ok(cfg) => (
                        "kafka.Kafka",
                        config::render_properties(&cfg.properties),
                        cfg.cluster_id,
                        cfg.role == Role::KraftController { also_broker: false },
                    ),
                    Err(msg) => {
                        fail(rt, "CreateContainerConfigError", msg);
                        return;
                    }
                }
            }
            Kind::ZooKeeper => (
                "org.apache.zookeeper.server.ZooKeeperServerMain",
                config::zookeeper_config(&vars, &ip, &data_dir.display().to_string()),
                None,
                // stopped after the brokers, like a KRaft controller
                true,
            ),
            Kind::Inert => return,
        };
        let conf_path = pod_dir.join(if rt.kind == Kind::Kafka {
            "server.properties"
        } else {
            "zoo.cfg"
        });
        if let Err(e) = std::fs::write(&conf_path, conf_text) {
            fail(
                rt,
                "CreateContainerError",
                format!("cannot write {}: {e}", conf_path.display()),
            );
            return;
        }
        let launch = Launch {
            main_class,
            config_file: &conf_path,
            data_dir: &data_dir,
            format_cluster_id: cluster_id.as_deref(),
            env: &vars,
            log_file: &rt.log_file,
            banner: format!(
                "starting {} for pod {ns}/{name} uid {uid} on {node_name} ip {ip} (restart {})",
                rt.container, rt.restart_count
            ),
        };
        match proc::spawn(&self.jvm, &launch) {
            Ok(child) => {
                info!(pod = %format!("{ns}/{name}"), pid = child.id(), %ip, "started");
                rt.child = Some(child);
                rt.env = vars;
                rt.data_dir = Some(data_dir.clone());
                rt.controller_only = controller_only;
                rt.started_at = Some(now());
                rt.run_started = Some(Instant::now());
                rt.next_start = None;
                rt.waiting = None;
            }
            Err(e) => fail(rt, "RunContainerError", format!("cannot start java: {e}")),
        }
    }

    /// Advances graceful termination; true once nothing runs any more.
    fn terminate_step(&mut self, rt: &mut PodRt, pod: &Pod) -> bool {
        rt.next_start = None;
        let Some(child) = rt.child.as_mut() else {
            return true;
        };
        if matches!(child.try_wait(), Ok(Some(_)) | Err(_)) {
            rt.child = None;
            proc::append_log(&rt.log_file, "container stopped for pod deletion");
            return true;
        }
        // The grace period can shrink while terminating (a second delete with a shorter one).
        let grace = pod
            .metadata
            .deletion_grace_period_seconds
            .or_else(|| {
                pod.spec
                    .as_ref()
                    .and_then(|s| s.termination_grace_period_seconds)
            })
            .unwrap_or(30)
            .max(0);
        let grace = Duration::from_secs(u64::try_from(grace).unwrap_or(30));
        match rt.term_started {
            None => {
                info!(pod = %format!("{}/{}", rt.ns, rt.name), grace = grace.as_secs(), "pod deleted: sending SIGTERM");
                proc::append_log(
                    &rt.log_file,
                    &format!("pod deleted: SIGTERM, grace {}s", grace.as_secs()),
                );
                proc::signal(child, libc::SIGTERM);
                rt.term_started = Some(Instant::now());
            }
            Some(started) if !rt.killed && started.elapsed() >= grace => {
                warn!(pod = %format!("{}/{}", rt.ns, rt.name), "grace period over: SIGKILL");
                proc::append_log(&rt.log_file, "grace period over: SIGKILL");
                proc::signal(child, libc::SIGKILL);
                rt.killed = true;
            }
            Some(_) => {}
        }
        false
    }

    async fn finish_deletion(&mut self, ns: &str, name: &str, uid: &str) {
        self.pods.remove(uid);
        let api: Api<Pod> = Api::namespaced(self.client.clone(), ns);
        let dp = DeleteParams {
            grace_period_seconds: Some(0),
            preconditions: Some(Preconditions {
                uid: Some(uid.to_string()),
                resource_version: None,
            }),
            ..Default::default()
        };
        match api.delete(name, &dp).await {
            Ok(_) => info!(pod = %format!("{ns}/{name}"), "deleted"),
            Err(kube::Error::Api(s)) if s.code == 404 || s.code == 409 => {}
            Err(e) => warn!(pod = %format!("{ns}/{name}"), "final delete failed (will retry): {e}"),
        }
    }

    async fn push_status(&mut self, uid: &str, node_name: &str) {
        let Some(rt) = self.pods.get_mut(uid) else {
            return;
        };
        let status = rt.status_json(uid);
        if rt.last_status.as_ref() == Some(&status) {
            return;
        }
        let api: Api<Pod> = Api::namespaced(self.client.clone(), &rt.ns);
        let patch = json!({"status": status});
        match api
            .patch_status(&rt.name, &PatchParams::default(), &Patch::Merge(&patch))
            .await
        {
            Ok(_) => rt.last_status = Some(status),
            Err(e) => {
                warn!(pod = %format!("{}/{}", rt.ns, rt.name), node = node_name, "status update failed: {e}")
            }
        }
    }

    /// Deletes the data of volumes whose claim is gone (as a Delete reclaim policy would) and of
    /// pods that no longer exist, unless a running container still uses them.
    async fn collect_volumes(&mut self) {
        let api: Api<PersistentVolumeClaim> = Api::all(self.client.clone());
        let claims = match api.list(&ListParams::default()).await {
            Ok(l) => l,
            Err(e) => {
                warn!("cannot list volume claims: {e}");
                return;
            }
        };
        let existing: BTreeSet<(String, String)> = claims
            .items
            .iter()
            .map(|c| {
                (
                    sanitize(c.metadata.namespace.as_deref().unwrap_or("")),
                    sanitize(c.metadata.name.as_deref().unwrap_or("")),
                )
            })
            .collect();
        let in_use: BTreeSet<PathBuf> = self
            .pods
            .values()
            .filter_map(|rt| rt.data_dir.clone())
            .collect();
        let root = self.args.state_dir.join("data");
        let Ok(namespaces) = std::fs::read_dir(&root) else {
            return;
        };
        for ns_dir in namespaces.flatten() {
            let ns = ns_dir.file_name().to_string_lossy().into_owned();
            // data/etcd holds the control plane's store, not a volume
            if ns == "etcd" || !ns_dir.path().is_dir() {
                continue;
            }
            let Ok(vols) = std::fs::read_dir(ns_dir.path()) else {
                continue;
            };
            for vol in vols.flatten() {
                let path = vol.path();
                let name = vol.file_name().to_string_lossy().into_owned();
                let keep = if ns == "ephemeral" {
                    self.pods.contains_key(&name)
                } else {
                    existing.contains(&(ns.clone(), name))
                };
                if keep || in_use.contains(&path) {
                    continue;
                }
                match std::fs::remove_dir_all(&path) {
                    Ok(()) => info!(dir = %path.display(), "volume released: data deleted"),
                    Err(e) => warn!(dir = %path.display(), "cannot delete released volume: {e}"),
                }
            }
        }
    }

    /// Containers are about to stop: report them unready so nobody trusts a stale status.
    async fn mark_all_unready(&mut self) {
        let uids: Vec<String> = self.pods.keys().cloned().collect();
        for uid in uids {
            if let Some(rt) = self.pods.get_mut(&uid) {
                rt.set_ready(false);
            }
            let _ = tokio::time::timeout(Duration::from_secs(2), self.push_status(&uid, "")).await;
        }
    }

    fn shutdown(&mut self) {
        let timeout = Duration::from_secs(self.args.shutdown_timeout);
        // Brokers first: their controlled shutdown needs the controllers alive.
        for phase in [false, true] {
            let deadline = Instant::now() + timeout;
            for rt in self.pods.values_mut() {
                if rt.controller_only == phase
                    && let Some(c) = rt.child.as_ref()
                {
                    proc::append_log(&rt.log_file, "node agent stopping: SIGTERM");
                    proc::signal(c, libc::SIGTERM);
                }
            }
            loop {
                let mut running = 0;
                for rt in self.pods.values_mut() {
                    if rt.controller_only != phase {
                        continue;
                    }
                    if let Some(c) = rt.child.as_mut() {
                        if matches!(c.try_wait(), Ok(Some(_)) | Err(_)) {
                            rt.child = None;
                        } else {
                            running += 1;
                        }
                    }
                }
                if running == 0 {
                    break;
                }
                if Instant::now() >= deadline {
                    for rt in self.pods.values_mut() {
                        if rt.controller_only == phase
                            && let Some(mut c) = rt.child.take()
                        {
                            proc::signal(&c, libc::SIGKILL);
                            let _ = c.wait();
                        }
                    }
                    break;
                }
                std::thread::sleep(Duration::from_millis(200));
            }
        }
        for (c, _) in &mut self.orphans {
            proc::signal(c, libc::SIGKILL);
            let _ = c.wait();
        }
        info!("all containers stopped");
    }
}

impl PodRt {
    fn set_ready(&mut self, ready: bool) {
        if self.ready != ready {
            self.ready = ready;
            self.ready_changed = now();
        }
    }

    fn status_json(&self, uid: &str) -> Value {
        let running =
            self.child.is_some() || (self.kind == Kind::Inert && self.started_at.is_some());
        let state = match (&self.started_at, &self.waiting) {
            (Some(at), _) if running => json!({"running": {"startedAt": at}}),
            (_, Some((reason, msg))) => json!({"waiting": {"reason": reason, "message": msg}}),
            _ => json!({"waiting": {"reason": "ContainerCreating"}}),
        };
        let ready = if self.ready { "True" } else { "False" };
        let cond = |t: &str, s: &str, at: &Time| json!({"type": t, "status": s, "lastTransitionTime": at, "lastProbeTime": null});
        let mut cs = json!({
            "name": self.container,
            "image": self.image,
            "imageID": format!("testbed://{}", self.image),
            "containerID": format!("testbed://{uid}/{}", self.restart_count),
            "ready": self.ready,
            "started": running,
            "restartCount": self.restart_count,
            "state": state,
        });
        if let (Some(last), Some(obj)) = (&self.last_terminated, cs.as_object_mut()) {
            obj.insert("lastState".into(), last.clone());
        }
        let ip = self.ip.to_string();
        json!({
            "phase": "Running",
            "hostIP": HOST_IP,
            "hostIPs": [{"ip": HOST_IP}],
            "podIP": ip,
            "podIPs": [{"ip": ip}],
            "startTime": self.start_time,
            "qosClass": "BestEffort",
            "conditions": [
                cond("PodReadyToStartContainers", "True", &self.start_time),
                cond("Initialized", "True", &self.start_time),
                cond("Ready", ready, &self.ready_changed),
                cond("ContainersReady", ready, &self.ready_changed),
                cond("PodScheduled", "True", &self.start_time),
            ],
            "containerStatuses": [cs],
        })
    }
}
