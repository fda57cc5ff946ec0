//! The pod loop: binding, pod sandboxes (network namespaces), container lifecycle (init
//! containers, restarts with back-off, probes, graceful termination), pod status, the cluster DNS
//! stand-in, pod state files and the Service proxies.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::net::Ipv4Addr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use futures::StreamExt;
use k8s_openapi::api::core::v1::{ConfigMap, Pod, Secret, Service};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;
use k8s_openapi::jiff::Timestamp;
use kube::api::{Api, DeleteParams, ListParams, Patch, PatchParams, PostParams, Preconditions};
use kube::runtime::reflector::Store;
use kube::runtime::{WatchStreamExt, reflector, watcher};
use kube::{Client, ResourceExt};
use serde_json::{Value, json};
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::mpsc;
use tracing::{info, warn};

use crate::Args;
use crate::config::{self, PodFields, ServiceLink};
use crate::events::Events;
use crate::hosts;
use crate::images::Images;
use crate::ipam::Ipam;
use crate::netns;
use crate::node::{self, NodeDef};
use crate::probe::{self, Kind, ProbeState};
use crate::proxy::{self, Proxy};
use crate::runtime::{self, Ctr, PodRt};
use crate::state::{self, ContainerState, PodState};
use crate::volumes;

/// A probe's outcome, sent back to the loop by the task that ran it.
pub struct ProbeResult {
    pub uid: String,
    pub container: String,
    pub generation: u64,
    pub kind: Kind,
    pub early: bool,
    pub result: Result<(), String>,
}

pub struct Agent {
    pub client: Client,
    pub args: Args,
    pub nodes: Vec<NodeDef>,
    node_names: Vec<String>,
    ipam: Ipam,
    ipam_path: PathBuf,
    /// When each address owner (`ns/name`) was last seen without a pod object.
    absent_since: HashMap<String, Instant>,
    pub pods: HashMap<String, PodRt>,
    /// Containers of pods whose object vanished before they stopped (force deletion).
    orphans: Vec<PodRt>,
    pub images: Images,
    pub events: Events,
    proxy: Proxy,
    /// Load-balancer addresses last written to Service status, and when (the watch shows the
    /// write a moment later; it is written again if it still differs after a while).
    lb_written: BTreeMap<String, (Option<Ipv4Addr>, Instant)>,
    lb_problems_reported: BTreeSet<String>,
    pub probe_tx: mpsc::UnboundedSender<ProbeResult>,
    cluster_hosts: String,
    /// Mount points this agent created on the host (for `down.sh --purge`).
    pub host_mountpoints: BTreeSet<PathBuf>,
}

pub fn now() -> Time {
    Time(Timestamp::now())
}

fn owner_uid(pod: &Pod) -> Option<String> {
    pod.metadata
        .owner_references
        .as_ref()?
        .iter()
        .find(|o| o.controller == Some(true))
        .map(|o| o.uid.clone())
}

pub fn pod_key(ns: &str, name: &str) -> String {
    format!("{ns}/{name}")
}

pub async fn run(args: Args) -> anyhow::Result<()> {
    let client = Client::try_default()
        .await
        .context("cannot build a Kubernetes client (is KUBECONFIG set?)")?;
    netns::check_bridge(&args.bridge)?;
    if args.net_prefix.is_empty() || args.net_prefix.len() > 7 {
        anyhow::bail!("--net-prefix must have 1 to 7 characters (veth names are limited to 15)");
    }
    let agent_dir = args.state_dir.join("agent");
    std::fs::create_dir_all(&agent_dir)
        .with_context(|| format!("cannot create {}", agent_dir.display()))?;
    // Containers of an earlier run died with it; their namespaces are only leftovers.
    let cleaned = netns::clean_leftovers(&args.net_prefix);
    if cleaned > 0 {
        info!(
            count = cleaned,
            "removed pod network leftovers of an earlier run"
        );
    }
    let ipam_path = agent_dir.join("pod-ips.json");
    let mut ipam: Ipam = match std::fs::read_to_string(&ipam_path) {
        Ok(s) => serde_json::from_str(&s)
            .with_context(|| format!("{} is not a valid address map", ipam_path.display()))?,
        Err(_) => Ipam::default(),
    };
    ipam.retain_in(&args.pod_cidr);
    let host_mountpoints = runtime::load_mountpoints(&args.state_dir);
    let nodes = node::node_defs(&args.node_ips);
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
        info!(node = %n.name, zone = %n.zone, ip = %n.ip, "node registered and ready");
    }
    let (probe_tx, mut probe_rx) = mpsc::unbounded_channel();
    let mut agent = Agent {
        node_names: nodes.iter().map(|n| n.name.clone()).collect(),
        nodes,
        client: client.clone(),
        images: Images::new(args.images_resolve.clone()),
        events: Events::new(client.clone()),
        args,
        ipam,
        ipam_path,
        absent_since: HashMap::new(),
        pods: HashMap::new(),
        orphans: Vec::new(),
        proxy: Proxy::default(),
        lb_written: BTreeMap::new(),
        lb_problems_reported: BTreeSet::new(),
        probe_tx,
        cluster_hosts: String::new(),
        host_mountpoints,
    };

    let (pod_reader, pod_writer) = reflector::store::<Pod>();
    let pods_api: Api<Pod> = Api::all(client.clone());
    let pod_stream =
        reflector(pod_writer, watcher(pods_api, watcher::Config::default())).default_backoff();
    let mut pod_stream = std::pin::pin!(pod_stream);
    let (svc_reader, svc_writer) = reflector::store::<Service>();
    let svc_api: Api<Service> = Api::all(client.clone());
    let svc_stream =
        reflector(svc_writer, watcher(svc_api, watcher::Config::default())).default_backoff();
    let mut svc_stream = std::pin::pin!(svc_stream);
    let (mut pods_synced, mut svcs_synced) = (false, false);
    let mut tick = tokio::time::interval(Duration::from_millis(500));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut sigterm = signal(SignalKind::terminate()).context("cannot watch SIGTERM")?;
    let mut sigint = signal(SignalKind::interrupt()).context("cannot watch SIGINT")?;
    let mut last_lease = Instant::now();
    let mut last_heartbeat = Instant::now();
    let mut last_gc = Instant::now();
    let mut cleaned_state_files = false;
    info!("watching pods and services");
    loop {
        tokio::select! {
            _ = sigterm.recv() => break,
            _ = sigint.recv() => break,
            ev = pod_stream.next() => match ev {
                Some(Ok(watcher::Event::InitDone)) => pods_synced = true,
                Some(Ok(_)) => {}
                Some(Err(e)) => warn!("pod watch error (retrying): {e}"),
                None => { warn!("pod watch ended; stopping"); break; }
            },
            ev = svc_stream.next() => match ev {
                Some(Ok(watcher::Event::InitDone)) => svcs_synced = true,
                Some(Ok(_)) => {}
                Some(Err(e)) => warn!("service watch error (retrying): {e}"),
                None => { warn!("service watch ended; stopping"); break; }
            },
            Some(r) = probe_rx.recv() => agent.probe_result(r, &pod_reader),
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
                if !(pods_synced && svcs_synced) {
                    continue;
                }
                if last_gc.elapsed() >= Duration::from_secs(30) {
                    last_gc = Instant::now();
                    agent.collect_volumes().await;
                }
                let pods = pod_reader.state();
                let services = svc_reader.state();
                if !cleaned_state_files {
                    cleaned_state_files = true;
                    agent.remove_stale_state_files(&pods);
                }
                agent.reconcile(&pods, &services).await;
                agent.sync_services(&pods, &services).await;
            }
        }
    }
    info!("stopping: terminating all containers");
    agent.shutdown(&pod_reader).await;
    agent.proxy.shutdown();
    Ok(())
}

impl Agent {
    pub fn node(&self, name: &str) -> Option<&NodeDef> {
        self.nodes.iter().find(|n| n.name == name)
    }

    fn save_ipam(&self) {
        let saved = serde_json::to_string_pretty(&self.ipam)
            .map_err(std::io::Error::other)
            .and_then(|s| {
                let tmp = self.ipam_path.with_extension("tmp");
                std::fs::write(&tmp, s)?;
                std::fs::rename(&tmp, &self.ipam_path)
            });
        if let Err(e) = saved {
            warn!("cannot save {}: {e}", self.ipam_path.display());
        }
    }

    /// Frees the addresses of pod names that have had no pod object for two minutes.
    fn release_addresses(&mut self, pods: &[Arc<Pod>]) {
        let present: BTreeSet<String> = pods
            .iter()
            .map(|p| pod_key(&p.namespace().unwrap_or_default(), &p.name_any()))
            .collect();
        let in_use: BTreeSet<String> = self
            .pods
            .values()
            .chain(self.orphans.iter())
            .map(|rt| pod_key(&rt.ns, &rt.name))
            .collect();
        let now = Instant::now();
        let mut keep = BTreeSet::new();
        for k in self.ipam.assigned.keys() {
            if present.contains(k) || in_use.contains(k) {
                self.absent_since.remove(k);
                keep.insert(k.clone());
            } else {
                let since = *self.absent_since.entry(k.clone()).or_insert(now);
                if now.duration_since(since) < Duration::from_secs(120) {
                    keep.insert(k.clone());
                }
            }
        }
        if self.ipam.release_all_but(&keep) {
            self.absent_since.retain(|k, _| keep.contains(k));
            self.save_ipam();
        }
    }

    pub fn address_for(&mut self, ns: &str, name: &str) -> Option<Ipv4Addr> {
        let key = pod_key(ns, name);
        if let Some(ip) = self.ipam.get(&key) {
            return Some(ip);
        }
        let ip = self.ipam.allocate(&key, &self.args.pod_cidr)?;
        self.save_ipam();
        Some(ip)
    }

    async fn reconcile(&mut self, pods: &[Arc<Pod>], services: &[Arc<Service>]) {
        self.release_addresses(pods);
        self.write_dns(pods, services);
        let mut seen = BTreeSet::new();
        for p in pods {
            let Some(uid) = p.metadata.uid.clone() else {
                continue;
            };
            seen.insert(uid.clone());
            match p.spec.as_ref().and_then(|s| s.node_name.clone()) {
                None => {
                    if p.metadata.deletion_timestamp.is_none() {
                        self.bind(p, pods).await;
                    }
                }
                Some(n) if self.node_names.contains(&n) => {
                    self.sync_pod(p, &uid, &n, services).await;
                }
                Some(_) => {}
            }
        }
        // Pods deleted behind our back (force deletion): their containers stop as orphans.
        let gone: Vec<String> = self
            .pods
            .keys()
            .filter(|k| !seen.contains(*k))
            .cloned()
            .collect();
        for uid in gone {
            if let Some(mut rt) = self.pods.remove(&uid) {
                info!(pod = %pod_key(&rt.ns, &rt.name), "pod object gone: stopping its containers");
                state::remove(&self.args.state_dir, &rt.ns, &rt.name);
                rt.begin_termination(Duration::from_secs(30));
                self.orphans.push(rt);
            }
        }
        let mut orphans = std::mem::take(&mut self.orphans);
        orphans.retain_mut(|rt| {
            if rt.terminate_step() {
                runtime::teardown(rt);
                false
            } else {
                true
            }
        });
        self.orphans = orphans;
    }

    async fn bind(&mut self, pod: &Pod, all: &[Arc<Pod>]) {
        let ns = pod.namespace().unwrap_or_default();
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
        let ordinal = config::ordinal(&name, &pod.labels().clone());
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
            Ok(_) => {
                info!(pod = %pod_key(&ns, &name), node = target, "bound");
                self.events.normal(
                    pod,
                    "Scheduled",
                    format!("Successfully assigned {ns}/{name} to {target}"),
                );
            }
            Err(e) => warn!(pod = %pod_key(&ns, &name), "binding failed: {e}"),
        }
    }

    /// The cluster DNS stand-in: the host's hosts file and every pod's /etc/hosts, rewritten in
    /// place when what they say changes (containers bind-mount them).
    fn write_dns(&mut self, pods: &[Arc<Pod>], services: &[Arc<Service>]) {
        let mut names: Vec<hosts::PodName<'_>> = Vec::new();
        for p in pods {
            if p.metadata.deletion_timestamp.is_some() {
                continue;
            }
            let Some(ip) = p
                .status
                .as_ref()
                .and_then(|s| s.pod_ip.as_deref())
                .and_then(|ip| ip.parse().ok())
            else {
                continue;
            };
            let spec = p.spec.as_ref();
            names.push(hosts::PodName {
                namespace: p.metadata.namespace.as_deref().unwrap_or(""),
                hostname: spec
                    .and_then(|s| s.hostname.as_deref())
                    .unwrap_or_else(|| p.metadata.name.as_deref().unwrap_or("")),
                subdomain: spec.and_then(|s| s.subdomain.as_deref()),
                ip,
            });
        }
        let answers = proxy::dns_answers(services, pods);
        let svc_names: Vec<hosts::ServiceName<'_>> = answers
            .iter()
            .map(|(ns, name, ips)| hosts::ServiceName {
                namespace: ns,
                name,
                ips: ips.clone(),
            })
            .collect();
        let cluster = hosts::render_cluster(&hosts::records(&names, &svc_names, None));
        if cluster != self.cluster_hosts {
            let path = self.args.state_dir.join("agent").join("hosts");
            match runtime::write_in_place(&path, &cluster) {
                Ok(()) => self.cluster_hosts = cluster,
                Err(e) => warn!("cannot write {}: {e}", path.display()),
            }
        }
        let mut per_ns: HashMap<String, Vec<(Ipv4Addr, Vec<String>)>> = HashMap::new();
        for rt in self.pods.values_mut() {
            let recs = per_ns
                .entry(rt.ns.clone())
                .or_insert_with(|| hosts::records(&names, &svc_names, Some(&rt.ns)));
            rt.write_hosts(recs);
        }
    }

    async fn sync_pod(&mut self, pod: &Pod, uid: &str, node_name: &str, services: &[Arc<Service>]) {
        let ns = pod.namespace().unwrap_or_default();
        let name = pod.name_any();
        if !self.pods.contains_key(uid) {
            if pod.metadata.deletion_timestamp.is_some() {
                // Nothing runs for it here (e.g. after an agent restart): finish the deletion.
                self.finish_deletion(&ns, &name, uid).await;
                return;
            }
            // A force-deleted pod of the same name still holds the sandbox: wait for it.
            if self.orphans.iter().any(|o| o.ns == ns && o.name == name) {
                return;
            }
            let Some(ip) = self.address_for(&ns, &name) else {
                warn!(pod = %pod_key(&ns, &name), "no free address in the pod network {}", self.args.pod_cidr);
                return;
            };
            let Some(node) = self.node(node_name).cloned() else {
                return;
            };
            let rt = PodRt::new(pod, uid, &node, ip, &self.args);
            self.pods.insert(uid.to_string(), rt);
        }
        let Some(mut rt) = self.pods.remove(uid) else {
            return;
        };
        if pod.metadata.deletion_timestamp.is_some() {
            let grace = runtime::deletion_grace(pod);
            if rt.term.is_none() {
                info!(pod = %pod_key(&ns, &name), grace = grace.as_secs(), "pod deleted: stopping its containers");
                for c in rt.running_names() {
                    self.events
                        .normal(pod, "Killing", format!("Stopping container {c}"));
                }
            }
            // again at every pass: a second delete may shorten the grace period
            rt.begin_termination(grace);
            if rt.terminate_step() {
                runtime::teardown(&mut rt);
                self.finish_deletion(&ns, &name, uid).await;
                return;
            }
            self.pods.insert(uid.to_string(), rt);
            self.push_status(uid).await;
            return;
        }
        runtime::step(self, &mut rt, pod, services).await;
        self.pods.insert(uid.to_string(), rt);
        self.push_status(uid).await;
    }

    fn probe_result(&mut self, r: ProbeResult, pods: &Store<Pod>) {
        let Some(rt) = self.pods.get_mut(&r.uid) else {
            return;
        };
        let Some(c) = rt
            .containers
            .iter_mut()
            .chain(rt.init.iter_mut())
            .find(|c| c.name == r.container)
        else {
            return;
        };
        if c.generation != r.generation {
            return;
        }
        let Some(p) = c.probes.iter_mut().find(|p| p.kind == r.kind) else {
            return;
        };
        let changed = p.record(r.result.is_ok(), r.early);
        let pod = pods
            .state()
            .into_iter()
            .find(|p| p.metadata.uid.as_deref() == Some(&r.uid));
        if let (Err(msg), false, Some(pod)) = (&r.result, r.early, &pod) {
            let what = match r.kind {
                Kind::Startup => "Startup",
                Kind::Readiness => "Readiness",
                Kind::Liveness => "Liveness",
            };
            self.events
                .warning(pod, "Unhealthy", format!("{what} probe failed: {msg}"));
        }
        if let Some(ok) = changed {
            info!(pod = %pod_key(&rt.ns, &rt.name), container = %c.name, probe = ?r.kind, ok, "probe result changed");
        }
        let fatal = p.fatal();
        if fatal && c.killing.is_none() {
            let why = if r.kind == Kind::Startup {
                "startup"
            } else {
                "liveness"
            };
            if let Some(pod) = &pod {
                self.events.normal(
                    pod,
                    "Killing",
                    format!("Container {} failed {why} probe, will be restarted", c.name),
                );
            }
            let grace = pod
                .as_deref()
                .map(runtime::termination_grace)
                .unwrap_or(Duration::from_secs(30));
            c.begin_kill(grace, format!("failed its {why} probe"));
        }
    }

    async fn finish_deletion(&mut self, ns: &str, name: &str, uid: &str) {
        self.pods.remove(uid);
        state::remove(&self.args.state_dir, ns, name);
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
            Ok(_) => info!(pod = %pod_key(ns, name), "deleted"),
            Err(kube::Error::Api(s)) if s.code == 404 || s.code == 409 => {}
            Err(e) => warn!(pod = %pod_key(ns, name), "final delete failed (will retry): {e}"),
        }
    }

    async fn push_status(&mut self, uid: &str) {
        let Some(rt) = self.pods.get_mut(uid) else {
            return;
        };
        let st = rt.state_file();
        if rt.last_state_file.as_ref() != Some(&st) {
            match state::write(&self.args.state_dir, &st) {
                Ok(()) => rt.last_state_file = Some(st),
                Err(e) => {
                    warn!(pod = %pod_key(&rt.ns, &rt.name), "cannot write the pod state file: {e}")
                }
            }
        }
        let status = rt.status_json();
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
            Err(e) => warn!(pod = %pod_key(&rt.ns, &rt.name), "status update failed: {e}"),
        }
    }

    fn remove_stale_state_files(&self, pods: &[Arc<Pod>]) {
        let known: BTreeSet<(String, String)> = pods
            .iter()
            .map(|p| {
                (
                    volumes::sanitize(&p.namespace().unwrap_or_default()),
                    volumes::sanitize(&p.name_any()),
                )
            })
            .collect();
        for (ns, pod) in state::stale(&self.args.state_dir, &|ns, p| {
            known.contains(&(ns.to_string(), p.to_string()))
        }) {
            state::remove(&self.args.state_dir, &ns, &pod);
        }
    }

    /// Load-balancer addresses into Service status, then the proxies.
    async fn sync_services(&mut self, pods: &[Arc<Pod>], services: &[Arc<Service>]) {
        let (lb, problems) = proxy::assign_lb(services, &self.args.lb_pool);
        for svc in services {
            let k = proxy::key(svc);
            let want = lb.get(&k).copied();
            let is_lb = svc.spec.as_ref().and_then(|s| s.type_.as_deref()) == Some("LoadBalancer");
            let current: Option<Ipv4Addr> = svc
                .status
                .as_ref()
                .and_then(|s| s.load_balancer.as_ref())
                .and_then(|l| l.ingress.as_ref())
                .and_then(|i| i.iter().find_map(|x| x.ip.as_deref()?.parse().ok()));
            let recently = self
                .lb_written
                .get(&k)
                .is_some_and(|(ip, at)| *ip == want && at.elapsed() < Duration::from_secs(5));
            if want != current && (is_lb || current.is_some()) && !recently {
                let ingress = match want {
                    Some(ip) => json!([{"ip": ip.to_string(), "ipMode": "VIP"}]),
                    None => json!([]),
                };
                let api: Api<Service> =
                    Api::namespaced(self.client.clone(), &svc.namespace().unwrap_or_default());
                let patch = json!({"status": {"loadBalancer": {"ingress": ingress}}});
                match api
                    .patch_status(
                        &svc.name_any(),
                        &PatchParams::default(),
                        &Patch::Merge(&patch),
                    )
                    .await
                {
                    Ok(_) => {
                        info!(service = %k, ingress = ?want, "load-balancer status written");
                        self.lb_written.insert(k.clone(), (want, Instant::now()));
                    }
                    Err(e) => warn!(service = %k, "cannot write the load-balancer status: {e}"),
                }
            }
            if let Some(why) = problems.get(&k)
                && self.lb_problems_reported.insert(format!("{k} {why}"))
            {
                warn!(service = %k, "no load-balancer address: {why}");
            }
        }
        let node_ips: Vec<Ipv4Addr> = self.nodes.iter().map(|n| n.ip).collect();
        let want = proxy::desired(services, pods, &node_ips, &lb, self.args.apiserver);
        self.proxy.apply(want).await;
    }

    /// Deletes the data of volumes whose claim is gone (as a Delete reclaim policy would) and of
    /// pods that no longer exist, unless a running container still uses them.
    async fn collect_volumes(&mut self) {
        let api: Api<k8s_openapi::api::core::v1::PersistentVolumeClaim> =
            Api::all(self.client.clone());
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
                    volumes::sanitize(c.metadata.namespace.as_deref().unwrap_or("")),
                    volumes::sanitize(c.metadata.name.as_deref().unwrap_or("")),
                )
            })
            .collect();
        let live_uids: BTreeSet<String> = self
            .pods
            .keys()
            .chain(self.orphans.iter().map(|o| &o.uid))
            .map(|u| volumes::sanitize(u))
            .collect();
        let in_use: BTreeSet<PathBuf> = self
            .pods
            .values()
            .chain(self.orphans.iter())
            .flat_map(|rt| rt.volume_dirs.iter().cloned())
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
                    live_uids.contains(&name)
                } else {
                    existing.contains(&(ns.clone(), name))
                };
                if keep || in_use.iter().any(|u| u.starts_with(&path)) {
                    continue;
                }
                match std::fs::remove_dir_all(&path) {
                    Ok(()) => info!(dir = %path.display(), "volume released: data deleted"),
                    Err(e) => warn!(dir = %path.display(), "cannot delete released volume: {e}"),
                }
            }
        }
        // Sandboxes of pods that are gone (layers, projected volume files).
        let sandboxes = self.args.state_dir.join("agent").join("sandboxes");
        if let Ok(rd) = std::fs::read_dir(&sandboxes) {
            for e in rd.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if !live_uids.contains(&name) {
                    let _ = std::fs::remove_dir_all(e.path());
                }
            }
        }
    }

    /// The node shuts down: like a kubelet's graceful node shutdown, pods stop in order of
    /// priority (lowest first); within a namespace, pods of younger workloads stop before those
    /// of older ones (a cluster's quorum is usually created before the brokers that need it
    /// for their controlled shutdown). Namespaces stop side by side; the proxies keep running.
    async fn shutdown(&mut self, pods: &Store<Pod>) {
        let all = pods.state();
        let mut owner_age: HashMap<String, Option<Timestamp>> = HashMap::new();
        for p in &all {
            if let Some(o) = p
                .metadata
                .owner_references
                .as_ref()
                .and_then(|os| os.iter().find(|o| o.controller == Some(true)))
                && !owner_age.contains_key(&o.uid)
            {
                let age =
                    runtime::owner_created(&self.client, &p.namespace().unwrap_or_default(), o)
                        .await;
                owner_age.insert(o.uid.clone(), age);
            }
        }
        let mut waves: BTreeMap<String, Vec<ShutdownRank>> = BTreeMap::new();
        for (uid, rt) in &mut self.pods {
            rt.mark_unready();
            let pod = all
                .iter()
                .find(|p| p.metadata.uid.as_deref() == Some(uid.as_str()));
            let priority = pod.and_then(|p| p.spec.as_ref()?.priority).unwrap_or(0);
            let age = pod
                .and_then(|p| {
                    let o = p
                        .metadata
                        .owner_references
                        .as_ref()?
                        .iter()
                        .find(|o| o.controller == Some(true))?;
                    owner_age.get(&o.uid).cloned().flatten()
                })
                .or_else(|| pod.and_then(|p| p.metadata.creation_timestamp.clone().map(|t| t.0)));
            waves.entry(rt.ns.clone()).or_default().push((
                priority,
                std::cmp::Reverse(age),
                uid.clone(),
            ));
        }
        let uids: Vec<String> = self.pods.keys().cloned().collect();
        for uid in &uids {
            let _ = tokio::time::timeout(Duration::from_secs(2), self.push_status(uid)).await;
        }
        for w in waves.values_mut() {
            w.sort();
        }
        let cap = Duration::from_secs(self.args.shutdown_timeout);
        // Each namespace works through its groups (same priority and owner age) in order.
        let mut queues: Vec<Vec<Vec<String>>> = waves
            .into_values()
            .map(|w| {
                let mut groups: Vec<Vec<String>> = Vec::new();
                let mut last = None;
                for (prio, age, uid) in w {
                    if last != Some((prio, age)) {
                        groups.push(Vec::new());
                        last = Some((prio, age));
                    }
                    if let Some(g) = groups.last_mut() {
                        g.push(uid);
                    }
                }
                groups.reverse();
                groups
            })
            .collect();
        let mut active: Vec<Option<(Vec<String>, Instant)>> = vec![None; queues.len()];
        loop {
            let mut busy = false;
            for (i, q) in queues.iter_mut().enumerate() {
                if active[i].is_none()
                    && let Some(group) = q.pop()
                {
                    for uid in &group {
                        if let Some(rt) = self.pods.get_mut(uid) {
                            let grace = rt.shutdown_grace.min(cap);
                            rt.begin_termination(grace);
                        }
                    }
                    active[i] = Some((group, Instant::now()));
                }
                if let Some((group, _)) = &active[i] {
                    let mut done = true;
                    for uid in group {
                        if let Some(rt) = self.pods.get_mut(uid)
                            && !rt.terminate_step()
                        {
                            done = false;
                        }
                    }
                    if done {
                        active[i] = None;
                    } else {
                        busy = true;
                    }
                }
                busy |= !q.is_empty();
            }
            for o in &mut self.orphans {
                if !o.terminate_step() {
                    busy = true;
                }
            }
            if !busy {
                break;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        for rt in self.pods.values_mut().chain(self.orphans.iter_mut()) {
            runtime::teardown(rt);
        }
        info!("all containers stopped");
    }
}

/// Node-shutdown order of a pod: (priority, owner age reversed: youngest first, pod uid).
type ShutdownRank = (i32, std::cmp::Reverse<Option<Timestamp>>, String);

/// Probes due now for one container, started as tasks that report to the loop.
pub fn launch_probes(agent: &Agent, uid: &str, ip: Ipv4Addr, c: &mut Ctr) {
    let now = Instant::now();
    let startup_ok = c.probes.iter().all(|p| p.kind != Kind::Startup || p.ok);
    let exec = c.exec_target();
    for p in c.probes.iter_mut() {
        if p.kind != Kind::Startup && !startup_ok {
            continue;
        }
        let Some(early) = p.due(now) else { continue };
        p.launched(now, early);
        let (tx, action, timeout, kind) = (
            agent.probe_tx.clone(),
            p.spec.action.clone(),
            p.spec.timeout,
            p.kind,
        );
        let (uid, container, generation, exec) =
            (uid.to_string(), c.name.clone(), c.generation, exec.clone());
        tokio::spawn(async move {
            let result = probe::run(&action, ip, exec, timeout).await;
            let _ = tx.send(ProbeResult {
                uid,
                container,
                generation,
                kind,
                early,
                result,
            });
        });
    }
}

/// The ConfigMaps and Secrets a pod refers to, fetched now (a missing one is left out).
pub async fn fetch_objects(
    client: &Client,
    ns: &str,
    pod: &Pod,
) -> Result<(volumes::Objects, volumes::Objects), String> {
    let (cm_names, secret_names) = volumes::referenced_objects(pod);
    let mut cms = BTreeMap::new();
    let cm_api: Api<ConfigMap> = Api::namespaced(client.clone(), ns);
    for n in cm_names {
        match cm_api.get_opt(&n).await {
            Ok(Some(cm)) => {
                let mut data: BTreeMap<String, Vec<u8>> = cm
                    .data
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(k, v)| (k, v.into_bytes()))
                    .collect();
                for (k, v) in cm.binary_data.unwrap_or_default() {
                    data.insert(k, v.0);
                }
                cms.insert(n, data);
            }
            Ok(None) => {}
            Err(e) => return Err(format!("cannot read configmap {n}: {e}")),
        }
    }
    let mut secrets = BTreeMap::new();
    let s_api: Api<Secret> = Api::namespaced(client.clone(), ns);
    for n in secret_names {
        match s_api.get_opt(&n).await {
            Ok(Some(s)) => {
                let mut data: BTreeMap<String, Vec<u8>> = s
                    .data
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(k, v)| (k, v.0))
                    .collect();
                for (k, v) in s.string_data.unwrap_or_default() {
                    data.insert(k, v.into_bytes());
                }
                secrets.insert(n, data);
            }
            Ok(None) => {}
            Err(e) => return Err(format!("cannot read secret {n}: {e}")),
        }
    }
    Ok((cms, secrets))
}

/// The service links a container of `pod` gets: the Services of its namespace (unless
/// enableServiceLinks is false) and the API server's `kubernetes` Service.
pub fn service_links(pod: &Pod, services: &[Arc<Service>]) -> Vec<(String, String)> {
    let ns = pod.namespace().unwrap_or_default();
    let enabled = pod.spec.as_ref().and_then(|s| s.enable_service_links) != Some(false);
    let mut by_name: BTreeMap<String, ServiceLink> = BTreeMap::new();
    for s in services {
        let Some(spec) = s.spec.as_ref() else {
            continue;
        };
        let Some(ip) = spec
            .cluster_ip
            .as_deref()
            .filter(|ip| !ip.is_empty() && *ip != "None")
        else {
            continue;
        };
        let svc_ns = s.namespace().unwrap_or_default();
        let name = s.name_any();
        let link = ServiceLink {
            name: name.clone(),
            cluster_ip: ip.to_string(),
            ports: spec
                .ports
                .iter()
                .flatten()
                .map(|p| {
                    (
                        p.name.clone(),
                        p.port,
                        p.protocol.clone().unwrap_or_else(|| "TCP".into()),
                    )
                })
                .collect(),
        };
        if svc_ns == "default" && name == "kubernetes" {
            by_name.entry(name).or_insert(link);
        } else if svc_ns == ns && enabled {
            by_name.insert(name, link);
        }
    }
    let links: Vec<ServiceLink> = by_name.into_values().collect();
    config::service_env(&links)
}

/// What the downward API knows about `pod` on `node`.
pub fn pod_fields(pod: &Pod, ip: Ipv4Addr, node: &NodeDef) -> PodFields {
    let mut f = PodFields::from_pod(pod, &ip.to_string(), &node.ip.to_string());
    f.node_name = node.name.clone();
    f
}

pub fn container_state(c: &Ctr) -> ContainerState {
    ContainerState {
        pid: c.running.as_ref().map(|r| r.pid),
        log: c.log.display().to_string(),
        env: c.env.clone(),
        workdir: c.workdir.clone(),
        restart_count: c.restart_count,
    }
}

pub fn pod_state(rt: &PodRt) -> PodState {
    PodState {
        namespace: rt.ns.clone(),
        name: rt.name.clone(),
        uid: rt.uid.clone(),
        node: rt.node.name.clone(),
        ip: rt.ip.to_string(),
        netns: rt
            .netns
            .as_ref()
            .map(|(n, _)| netns::path(n).display().to_string()),
        containers: rt
            .init
            .iter()
            .chain(rt.containers.iter())
            .map(|c| (c.name.clone(), container_state(c)))
            .collect(),
    }
}

pub fn log_path(state_dir: &Path, ns: &str, pod: &str, container: &str) -> PathBuf {
    state_dir.join("logs").join(format!(
        "{}_{}_{}.log",
        volumes::sanitize(ns),
        volumes::sanitize(pod),
        volumes::sanitize(container)
    ))
}

pub fn probe_states(
    c: &k8s_openapi::api::core::v1::Container,
    started: Instant,
    early: Duration,
) -> (Vec<ProbeState>, Vec<String>) {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (kind, p) in [
        (Kind::Startup, &c.startup_probe),
        (Kind::Readiness, &c.readiness_probe),
        (Kind::Liveness, &c.liveness_probe),
    ] {
        if let Some(p) = p {
            match probe::spec_of(p, c, kind) {
                Ok(spec) => out.push(ProbeState::new(spec, kind, started, Some(early))),
                Err(e) => errors.push(format!("{kind:?} probe: {e}")),
            }
        }
    }
    (out, errors)
}
