//! One pod on this node: its sandbox (network namespace, /etc files), its init and regular
//! containers (each a shim plus the container's processes), their restarts, probes and
//! termination, and the status a kubelet reports for them.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::{self, OpenOptions};
use std::io::{Read, Write};
use std::net::Ipv4Addr;
use std::os::fd::{FromRawFd, OwnedFd};
use std::os::unix::fs::MetadataExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use k8s_openapi::api::core::v1::{Container, Pod, Service};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{OwnerReference, Time};
use k8s_openapi::jiff::Timestamp;
use kube::api::{Api, ApiResource, DynamicObject, GroupVersionKind};
use kube::{Client, ResourceExt};
use serde_json::{Value, json};
use tokio::task::JoinHandle;
use tracing::{info, warn};

use crate::Args;
use crate::agent::{self, Agent, now, pod_key};
use crate::config;
use crate::container::{REPORT_FD, ShimSpec};
use crate::hosts;
use crate::images::Pull;
use crate::mounts::{self, HostKind, Want};
use crate::netns;
use crate::node::{self, NodeDef};
use crate::probe::{self, ExecTarget, Kind, ProbeState};
use crate::state::PodState;
use crate::volumes;

/// A container that runs: its shim (our child) and its first process.
pub struct Running {
    pub shim: Child,
    /// Host pid of the container's PID 1.
    pub pid: i32,
    /// Inode of its mount namespace: exec sessions that joined it are ended with it.
    mnt_ino: Option<u64>,
    started: Instant,
}

/// A container being stopped: preStop hook first, then SIGTERM, SIGKILL after the grace period.
pub struct Killing {
    since: Instant,
    grace: Duration,
    reason: String,
    pre_stop: Option<JoinHandle<()>>,
    term_sent: bool,
    kill_sent: bool,
}

pub struct Ctr {
    pub name: String,
    pub image: String,
    pub spec: Container,
    pub init: bool,
    /// An init container with restartPolicy Always (a sidecar): keeps running.
    pub sidecar: bool,
    pub running: Option<Running>,
    pub restart_count: i32,
    recent_crashes: u32,
    /// When to start it next; None: not to be started again.
    next_start: Option<Instant>,
    waiting: Option<(String, String)>,
    last_terminated: Option<Value>,
    /// Its current state when it finished for good (an init container that succeeded).
    terminated: Option<Value>,
    succeeded: bool,
    started_at: Option<Time>,
    pub probes: Vec<ProbeState>,
    /// Bumped at every start, so results of an earlier run's probes are dropped.
    pub generation: u64,
    pub log: PathBuf,
    pub env: Vec<(String, String)>,
    pub workdir: Option<String>,
    pub killing: Option<Killing>,
    image_reported: bool,
}

pub struct Termination {
    grace: Duration,
}

pub struct PodRt {
    pub ns: String,
    pub name: String,
    pub uid: String,
    pub node: NodeDef,
    pub ip: Ipv4Addr,
    hostname: String,
    subdomain: Option<String>,
    host_aliases: BTreeMap<Ipv4Addr, Vec<String>>,
    /// (netns name, host veth) once the sandbox exists.
    pub netns: Option<(String, String)>,
    sandbox_retry: Option<Instant>,
    /// `<state>/agent/sandboxes/<uid>`
    dir: PathBuf,
    hosts_content: String,
    start_time: Time,
    pub init: Vec<Ctr>,
    pub containers: Vec<Ctr>,
    init_done: bool,
    restart_policy: String,
    phase: &'static str,
    ready: bool,
    ready_changed: Time,
    pub term: Option<Termination>,
    /// Grace period for a node shutdown.
    pub shutdown_grace: Duration,
    pub volume_dirs: BTreeSet<PathBuf>,
    pub last_status: Option<Value>,
    pub last_state_file: Option<PodState>,
    state_dir: PathBuf,
}

fn signal(pid: i32, sig: libc::c_int) {
    // SAFETY: kill(2) on the pid of a container process we started.
    unsafe {
        libc::kill(pid, sig);
    }
}

pub fn termination_grace(pod: &Pod) -> Duration {
    let s = pod
        .spec
        .as_ref()
        .and_then(|s| s.termination_grace_period_seconds)
        .unwrap_or(30);
    Duration::from_secs(u64::try_from(s).unwrap_or(0))
}

/// The grace period of a deletion (it can be shortened by a second delete).
pub fn deletion_grace(pod: &Pod) -> Duration {
    match pod.metadata.deletion_grace_period_seconds {
        Some(s) => Duration::from_secs(u64::try_from(s).unwrap_or(0)),
        None => termination_grace(pod),
    }
}

/// Rewrites a file in place (one write), so bind mounts of it see the new content.
pub fn write_in_place(path: &Path, content: &str) -> std::io::Result<()> {
    if let Some(d) = path.parent() {
        fs::create_dir_all(d)?;
    }
    let mut f = OpenOptions::new()
        .create(true)
        .write(true)
        .truncate(true)
        .open(path)?;
    f.write_all(content.as_bytes())
}

fn mountpoints_file(state_dir: &Path) -> PathBuf {
    state_dir.join("agent").join("host-mountpoints")
}

/// The host mount points recorded so far (`d PATH` / `f PATH` lines).
pub fn load_mountpoints(state_dir: &Path) -> BTreeSet<PathBuf> {
    fs::read_to_string(mountpoints_file(state_dir))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.get(2..))
        .map(PathBuf::from)
        .collect()
}

/// When the workload owning a pod was created (for the node-shutdown order).
pub async fn owner_created(client: &Client, ns: &str, owner: &OwnerReference) -> Option<Timestamp> {
    let gvk = GroupVersionKind::from(owner.clone());
    let api: Api<DynamicObject> =
        Api::namespaced_with(client.clone(), ns, &ApiResource::from_gvk(&gvk));
    match tokio::time::timeout(Duration::from_secs(2), api.get(&owner.name)).await {
        Ok(Ok(o)) => o.metadata.creation_timestamp.map(|t| t.0),
        _ => None,
    }
}

impl Ctr {
    fn new(
        spec: &Container,
        init: bool,
        restart_count: i32,
        state_dir: &Path,
        ns: &str,
        pod: &str,
    ) -> Ctr {
        Ctr {
            name: spec.name.clone(),
            image: spec.image.clone().unwrap_or_default(),
            sidecar: init && spec.restart_policy.as_deref() == Some("Always"),
            spec: spec.clone(),
            init,
            running: None,
            restart_count,
            recent_crashes: 0,
            next_start: Some(Instant::now()),
            waiting: Some((
                if init {
                    "PodInitializing"
                } else {
                    "ContainerCreating"
                }
                .into(),
                String::new(),
            )),
            last_terminated: None,
            terminated: None,
            succeeded: false,
            started_at: None,
            probes: Vec::new(),
            generation: 0,
            log: agent::log_path(state_dir, ns, pod, &spec.name),
            env: Vec::new(),
            workdir: None,
            killing: None,
            image_reported: false,
        }
    }

    pub fn exec_target(&self) -> Option<ExecTarget> {
        self.running.as_ref().map(|r| ExecTarget {
            pid: r.pid,
            env: self.env.clone(),
            workdir: self.workdir.clone(),
        })
    }

    fn started(&self) -> bool {
        self.running.is_some() && self.probes.iter().all(|p| p.kind != Kind::Startup || p.ok)
    }

    fn ready(&self) -> bool {
        self.started()
            && self.killing.is_none()
            && self
                .probes
                .iter()
                .all(|p| p.kind != Kind::Readiness || p.ok)
    }

    /// Starts stopping the container: its preStop hook, then SIGTERM; SIGKILL after `grace`.
    pub fn begin_kill(&mut self, grace: Duration, reason: String) {
        if self.killing.is_some() {
            return;
        }
        let pre_stop = match (
            &self.running,
            self.spec
                .lifecycle
                .as_ref()
                .and_then(|l| l.pre_stop.as_ref()),
        ) {
            (Some(_), Some(h)) => match (&h.exec, self.exec_target()) {
                (Some(e), Some(t)) => {
                    let cmd = e.command.clone().unwrap_or_default();
                    let log = self.log.clone();
                    Some(tokio::spawn(async move {
                        if let Err(e) = probe::run(
                            &probe::Action::Exec(cmd),
                            Ipv4Addr::LOCALHOST,
                            Some(t),
                            grace,
                        )
                        .await
                        {
                            note(&log, &format!("preStop hook failed: {e}"));
                        }
                    }))
                }
                _ => None,
            },
            _ => None,
        };
        self.killing = Some(Killing {
            since: Instant::now(),
            grace,
            reason,
            pre_stop,
            term_sent: false,
            kill_sent: false,
        });
        self.kill_step();
    }

    /// Advances a kill; true when nothing runs.
    fn kill_step(&mut self) -> bool {
        let Some(r) = &self.running else {
            return true;
        };
        if let Some(k) = &mut self.killing {
            if !k.term_sent && k.pre_stop.as_ref().is_none_or(|h| h.is_finished()) {
                signal(r.pid, libc::SIGTERM);
                k.term_sent = true;
            }
            if !k.kill_sent && k.since.elapsed() >= k.grace {
                signal(r.pid, libc::SIGKILL);
                k.kill_sent = true;
            }
        }
        false
    }

    /// Collects an exited container: its exit code, once.
    fn reap(&mut self) -> Option<i32> {
        let r = self.running.as_mut()?;
        match r.shim.try_wait() {
            Ok(Some(st)) => {
                let code = st.code().unwrap_or(137);
                if let Some(ino) = r.mnt_ino {
                    netns::kill_members(ino, "mnt");
                }
                self.running = None;
                Some(code)
            }
            Ok(None) => None,
            Err(e) => {
                warn!(container = %self.name, "cannot poll the container shim: {e}");
                None
            }
        }
    }

    fn terminated_record(&self, code: i32, uid: &str) -> Value {
        let reason = if self.killing.as_ref().is_some_and(|k| k.kill_sent) && code == 137 {
            "Error"
        } else if code == 0 {
            "Completed"
        } else {
            "Error"
        };
        json!({
            "exitCode": code,
            "reason": reason,
            "startedAt": self.started_at,
            "finishedAt": now(),
            "containerID": format!("testbed://{uid}/{}/{}", self.name, self.restart_count),
        })
    }

    /// After an exit: restart (with back-off) or finish, per the restart policy.
    fn on_exit(&mut self, code: i32, policy: &str, uid: &str, pod: &str) {
        let record = self.terminated_record(code, uid);
        let ran = self.running.as_ref().map(|r| r.started.elapsed());
        let killed_by_probe = self.killing.take().map(|k| k.reason);
        self.probes.clear();
        note(&self.log, &format!("container exited with code {code}"));
        let restart = if self.init && !self.sidecar {
            code != 0 && policy != "Never"
        } else if self.sidecar {
            true
        } else {
            match policy {
                "Never" => false,
                "OnFailure" => code != 0,
                _ => true,
            }
        };
        if self.init && !self.sidecar && code == 0 {
            self.succeeded = true;
        }
        if !restart {
            self.terminated = Some(record);
            self.next_start = None;
            self.waiting = None;
            self.started_at = None;
            return;
        }
        if ran.unwrap_or_default() > Duration::from_secs(600) {
            self.recent_crashes = 0;
        }
        self.recent_crashes += 1;
        let delay = config::backoff_secs(self.recent_crashes);
        self.last_terminated = Some(json!({"terminated": record}));
        self.restart_count += 1;
        self.started_at = None;
        self.next_start = Some(Instant::now() + Duration::from_secs(delay));
        self.waiting = Some(if delay > 0 {
            (
                "CrashLoopBackOff".into(),
                format!(
                    "back-off {delay}s restarting failed container={} pod={pod}",
                    self.name
                ),
            )
        } else {
            ("ContainerCreating".into(), String::new())
        });
        warn!(pod, container = %self.name, code, delay, killed_by_probe = ?killed_by_probe, "container exited; restarting");
    }

    fn status_json(&self, uid: &str) -> Value {
        let running = self.running.is_some();
        let state = if let (true, Some(at)) = (running, &self.started_at) {
            json!({"running": {"startedAt": at}})
        } else if let Some(t) = &self.terminated {
            json!({"terminated": t})
        } else if let Some((reason, msg)) = &self.waiting {
            if msg.is_empty() {
                json!({"waiting": {"reason": reason}})
            } else {
                json!({"waiting": {"reason": reason, "message": msg}})
            }
        } else {
            json!({"waiting": {"reason": "ContainerCreating"}})
        };
        let mut cs = json!({
            "name": self.name,
            "image": self.image,
            "imageID": format!("testbed://{}", self.image),
            "containerID": format!("testbed://{uid}/{}/{}", self.name, self.restart_count),
            "ready": self.ready(),
            "started": self.started(),
            "restartCount": self.restart_count,
            "state": state,
        });
        if let (Some(last), Some(obj)) = (&self.last_terminated, cs.as_object_mut()) {
            obj.insert("lastState".into(), last.clone());
        }
        cs
    }
}

fn note(log: &Path, line: &str) {
    // Notes from the runtime go to the agent's log, not the container's: a container log holds
    // only what the container wrote. Here only for failures the container cannot report itself.
    info!(log = %log.display(), "{line}");
}

impl PodRt {
    pub fn new(pod: &Pod, uid: &str, node: &NodeDef, ip: Ipv4Addr, args: &Args) -> PodRt {
        let ns = pod.namespace().unwrap_or_default();
        let name = pod.name_any();
        let spec = pod.spec.clone().unwrap_or_default();
        // Continue the counters a previous agent run reported, as a restarted kubelet would.
        let prev: BTreeMap<String, i32> = pod
            .status
            .as_ref()
            .map(|s| {
                s.container_statuses
                    .iter()
                    .flatten()
                    .chain(s.init_container_statuses.iter().flatten())
                    .map(|c| (c.name.clone(), c.restart_count))
                    .collect()
            })
            .unwrap_or_default();
        let mk = |c: &Container, init: bool| {
            Ctr::new(
                c,
                init,
                prev.get(&c.name).copied().unwrap_or(0),
                &args.state_dir,
                &ns,
                &name,
            )
        };
        let mut host_aliases: BTreeMap<Ipv4Addr, Vec<String>> = BTreeMap::new();
        for a in spec.host_aliases.iter().flatten() {
            if let Ok(ip) = a.ip.parse() {
                host_aliases
                    .entry(ip)
                    .or_default()
                    .extend(a.hostnames.iter().flatten().cloned());
            }
        }
        let start_time = pod
            .status
            .as_ref()
            .and_then(|s| s.start_time.clone())
            .unwrap_or_else(now);
        PodRt {
            hostname: spec.hostname.clone().unwrap_or_else(|| name.clone()),
            subdomain: spec.subdomain.clone(),
            host_aliases,
            netns: None,
            sandbox_retry: None,
            dir: args
                .state_dir
                .join("agent")
                .join("sandboxes")
                .join(volumes::sanitize(uid)),
            hosts_content: String::new(),
            start_time,
            init: spec
                .init_containers
                .iter()
                .flatten()
                .map(|c| mk(c, true))
                .collect(),
            containers: spec.containers.iter().map(|c| mk(c, false)).collect(),
            init_done: spec.init_containers.as_ref().is_none_or(|v| v.is_empty()),
            restart_policy: spec
                .restart_policy
                .clone()
                .unwrap_or_else(|| "Always".into()),
            phase: "Pending",
            ready: false,
            ready_changed: now(),
            term: None,
            shutdown_grace: termination_grace(pod),
            volume_dirs: BTreeSet::new(),
            last_status: None,
            last_state_file: None,
            state_dir: args.state_dir.clone(),
            ns,
            name,
            uid: uid.to_string(),
            node: node.clone(),
            ip,
        }
    }

    fn all_mut(&mut self) -> impl Iterator<Item = &mut Ctr> {
        self.init.iter_mut().chain(self.containers.iter_mut())
    }

    pub fn running_names(&self) -> Vec<String> {
        self.init
            .iter()
            .chain(self.containers.iter())
            .filter(|c| c.running.is_some())
            .map(|c| c.name.clone())
            .collect()
    }

    pub fn mark_unready(&mut self) {
        self.set_ready(false);
        for c in self.all_mut() {
            for p in &mut c.probes {
                if p.kind == Kind::Readiness {
                    p.ok = false;
                }
            }
        }
    }

    fn set_ready(&mut self, r: bool) {
        if self.ready != r {
            self.ready = r;
            self.ready_changed = now();
        }
    }

    /// The pod's own /etc/hosts (kubelet header and entry, hostAliases, cluster names).
    pub fn write_hosts(&mut self, records: &[(Ipv4Addr, Vec<String>)]) {
        let own = hosts::PodName {
            namespace: &self.ns,
            hostname: &self.hostname,
            subdomain: self.subdomain.as_deref(),
            ip: self.ip,
        };
        let content = hosts::render_pod(&own, &self.host_aliases, records);
        if content == self.hosts_content {
            return;
        }
        match write_in_place(&self.dir.join("hosts"), &content) {
            Ok(()) => self.hosts_content = content,
            Err(e) => {
                warn!(pod = %pod_key(&self.ns, &self.name), "cannot write its hosts file: {e}")
            }
        }
    }

    /// Stops every container (no restarts from now on).
    pub fn begin_termination(&mut self, grace: Duration) {
        match &mut self.term {
            Some(t) => t.grace = t.grace.min(grace),
            None => {
                self.term = Some(Termination { grace });
            }
        }
        self.set_ready(false);
        for c in self.all_mut() {
            c.next_start = None;
            match &mut c.killing {
                Some(k) => k.grace = k.grace.min(grace),
                None if c.running.is_some() => c.begin_kill(grace, "pod termination".into()),
                None => {}
            }
        }
    }

    /// Advances termination; true once no container runs.
    pub fn terminate_step(&mut self) -> bool {
        let uid = self.uid.clone();
        let mut done = true;
        for c in self.all_mut() {
            if let Some(code) = c.reap() {
                c.terminated = Some(c.terminated_record(code, &uid));
                c.killing = None;
                c.started_at = None;
            }
            if !c.kill_step() {
                done = false;
            }
        }
        done
    }

    pub fn state_file(&self) -> PodState {
        agent::pod_state(self)
    }

    pub fn status_json(&mut self) -> Value {
        let all_ready = self.init_done
            && !self.containers.is_empty()
            && self.containers.iter().all(|c| c.ready())
            && self.term.is_none();
        self.set_ready(all_ready);
        let ready = if self.ready { "True" } else { "False" };
        let cond = |t: &str, s: &str, at: &Time| json!({"type": t, "status": s, "lastTransitionTime": at, "lastProbeTime": null});
        let initialized = if self.init_done { "True" } else { "False" };
        let sandbox = if self.netns.is_some() {
            "True"
        } else {
            "False"
        };
        let ip = self.ip.to_string();
        let host_ip = self.node.ip.to_string();
        let mut status = json!({
            "phase": self.phase,
            "hostIP": host_ip,
            "hostIPs": [{"ip": host_ip}],
            "startTime": self.start_time,
            "qosClass": "BestEffort",
            "conditions": [
                cond("PodReadyToStartContainers", sandbox, &self.start_time),
                cond("Initialized", initialized, &self.start_time),
                cond("Ready", ready, &self.ready_changed),
                cond("ContainersReady", ready, &self.ready_changed),
                cond("PodScheduled", "True", &self.start_time),
            ],
            "containerStatuses": self.containers.iter().map(|c| c.status_json(&self.uid)).collect::<Vec<_>>(),
        });
        if self.netns.is_some()
            && let Some(o) = status.as_object_mut()
        {
            o.insert("podIP".into(), json!(ip));
            o.insert("podIPs".into(), json!([{"ip": ip}]));
        }
        if !self.init.is_empty()
            && let Some(o) = status.as_object_mut()
        {
            o.insert(
                "initContainerStatuses".into(),
                json!(
                    self.init
                        .iter()
                        .map(|c| c.status_json(&self.uid))
                        .collect::<Vec<_>>()
                ),
            );
        }
        status
    }

    fn update_phase(&mut self) {
        if self.phase == "Failed" || self.phase == "Succeeded" {
            return;
        }
        let init_failed = self
            .init
            .iter()
            .any(|c| c.terminated.is_some() && !c.succeeded && !c.sidecar);
        if init_failed {
            self.phase = "Failed";
            return;
        }
        if !self.init_done {
            self.phase = "Pending";
            return;
        }
        let finished: Vec<&Ctr> = self
            .containers
            .iter()
            .filter(|c| c.terminated.is_some() && c.next_start.is_none())
            .collect();
        if !self.containers.is_empty() && finished.len() == self.containers.len() {
            let all_ok = finished
                .iter()
                .all(|c| c.terminated.as_ref().and_then(|t| t["exitCode"].as_i64()) == Some(0));
            self.phase = if all_ok { "Succeeded" } else { "Failed" };
            return;
        }
        if self
            .containers
            .iter()
            .any(|c| c.running.is_some() || c.restart_count > 0)
        {
            self.phase = "Running";
        }
    }
}

/// Removes the pod's network namespace and runtime files once nothing runs.
pub fn teardown(rt: &mut PodRt) {
    for c in rt.all_mut() {
        if let Some(r) = &c.running {
            signal(r.pid, libc::SIGKILL);
            let _ = c.running.as_mut().map(|r| r.shim.wait());
            if let Some(ino) = c.running.as_ref().and_then(|r| r.mnt_ino) {
                netns::kill_members(ino, "mnt");
            }
            c.running = None;
        }
    }
    if let Some((ns, veth)) = rt.netns.take()
        && let Err(e) = netns::delete(&ns, &veth)
    {
        warn!(pod = %pod_key(&rt.ns, &rt.name), "cannot remove the pod network: {e:#}");
    }
    let _ = fs::remove_dir_all(&rt.dir);
    if let Ok(rd) = fs::read_dir(rt.state_dir.join("data").join("ephemeral")) {
        for e in rd.flatten() {
            if e.file_name().to_string_lossy() == volumes::sanitize(&rt.uid) {
                let _ = fs::remove_dir_all(e.path());
            }
        }
    }
}

/// One pass over a live pod: sandbox, exits, kills, starts, probes, phase.
pub async fn step(agent: &mut Agent, rt: &mut PodRt, pod: &Pod, services: &[Arc<Service>]) {
    let key = pod_key(&rt.ns, &rt.name);
    if rt.netns.is_none() {
        if rt.sandbox_retry.is_some_and(|t| Instant::now() < t) {
            return;
        }
        let (name, veth) = netns::names(
            &agent.args.net_prefix,
            &rt.ns,
            &rt.name,
            rt.ip,
            &agent.args.pod_cidr,
        );
        let made = netns::create(
            &name,
            &veth,
            &agent.args.bridge,
            rt.ip,
            &agent.args.pod_cidr,
        )
        .and_then(|()| {
            fs::create_dir_all(&rt.dir)?;
            write_in_place(&rt.dir.join("hostname"), &format!("{}\n", rt.hostname))?;
            write_in_place(
                &rt.dir.join("resolv.conf"),
                &hosts::render_resolv_conf(&rt.ns),
            )?;
            Ok(())
        });
        match made {
            Ok(()) => {
                info!(pod = %key, netns = %name, ip = %rt.ip, "pod network ready");
                rt.netns = Some((name, veth));
            }
            Err(e) => {
                warn!(pod = %key, "cannot create the pod sandbox: {e:#}");
                agent
                    .events
                    .warning(pod, "FailedCreatePodSandBox", format!("{e:#}"));
                let _ = netns::delete(&name, &veth);
                rt.sandbox_retry = Some(Instant::now() + Duration::from_secs(5));
                return;
            }
        }
    }
    if rt.hosts_content.is_empty() {
        // the DNS writer fills it every tick; make sure it exists before a container mounts it
        rt.write_hosts(&[]);
    }
    let policy = rt.restart_policy.clone();
    let uid = rt.uid.clone();
    let mut backoff_events = Vec::new();
    for c in rt.all_mut() {
        if let Some(code) = c.reap() {
            c.on_exit(code, &policy, &uid, &key);
            if let Some((reason, msg)) = &c.waiting
                && reason == "CrashLoopBackOff"
            {
                backoff_events.push(msg.clone());
            }
        }
        c.kill_step();
    }
    for m in backoff_events {
        agent.events.warning(
            pod,
            "BackOff",
            format!("Back-off restarting failed container: {m}"),
        );
    }
    // Init containers one after another, then all the others.
    if !rt.init_done {
        let next = rt
            .init
            .iter()
            .position(|c| !(c.succeeded || (c.sidecar && c.started())));
        match next {
            None => rt.init_done = true,
            Some(i) => {
                if rt.init[i].terminated.is_none() {
                    start_if_due(agent, rt, pod, services, true, i).await;
                }
            }
        }
    }
    // Sidecars that exited keep being restarted.
    for i in 0..rt.init.len() {
        if rt.init[i].sidecar && rt.init[i].started_at.is_none() && rt.init[i].restart_count > 0 {
            start_if_due(agent, rt, pod, services, true, i).await;
        }
    }
    if rt.init_done {
        for i in 0..rt.containers.len() {
            start_if_due(agent, rt, pod, services, false, i).await;
        }
    }
    let ip = rt.ip;
    for c in rt.all_mut() {
        if c.running.is_some() && c.killing.is_none() {
            agent::launch_probes(agent, &uid, ip, c);
        }
    }
    rt.update_phase();
}

async fn start_if_due(
    agent: &mut Agent,
    rt: &mut PodRt,
    pod: &Pod,
    services: &[Arc<Service>],
    init: bool,
    i: usize,
) {
    let c = if init { &rt.init[i] } else { &rt.containers[i] };
    if c.running.is_some() || c.next_start.is_none_or(|t| Instant::now() < t) {
        return;
    }
    let image = c.image.clone();
    let entry = match agent.images.get(&image) {
        Pull::Pulling => {
            let c = if init {
                &mut rt.init[i]
            } else {
                &mut rt.containers[i]
            };
            if !c.image_reported {
                c.image_reported = true;
                agent.events.normal(
                    pod,
                    "Pulling",
                    format!(
                        "Pulling image \"{image}\" (resolving it in the testbed image catalog)"
                    ),
                );
            }
            c.waiting = Some(("ContainerCreating".into(), String::new()));
            return;
        }
        Pull::Failed { message, .. } => {
            let c = if init {
                &mut rt.init[i]
            } else {
                &mut rt.containers[i]
            };
            let first = c
                .waiting
                .as_ref()
                .is_none_or(|(r, _)| r != "ErrImagePull" && r != "ImagePullBackOff");
            if first {
                agent.events.warning(
                    pod,
                    "Failed",
                    format!("Failed to pull image \"{image}\": {message}"),
                );
            }
            c.waiting = Some((
                if first {
                    "ErrImagePull"
                } else {
                    "ImagePullBackOff"
                }
                .into(),
                message,
            ));
            return;
        }
        Pull::Ready(e) => e,
    };
    let key = pod_key(&rt.ns, &rt.name);
    let result = start_container(agent, rt, pod, services, init, i, &entry).await;
    let c = if init {
        &mut rt.init[i]
    } else {
        &mut rt.containers[i]
    };
    match result {
        Ok(()) => {
            info!(pod = %key, container = %c.name, pid = c.running.as_ref().map(|r| r.pid), ip = %rt.ip, "started");
            agent
                .events
                .normal(pod, "Started", format!("Started container {}", c.name));
        }
        Err((reason, msg)) => {
            warn!(pod = %key, container = %c.name, "{reason}: {msg}");
            agent.events.warning(pod, "Failed", format!("Error: {msg}"));
            c.waiting = Some((reason.to_string(), msg));
            c.next_start = Some(Instant::now() + Duration::from_secs(10));
        }
    }
}

fn host_kind(p: &Path) -> HostKind {
    match fs::metadata(p) {
        Err(_) => HostKind::Missing,
        Ok(m) if m.is_dir() => match fs::read_dir(p).map(|mut d| d.next().is_none()) {
            Ok(true) => HostKind::EmptyDir,
            _ => HostKind::Dir,
        },
        Ok(_) => HostKind::File,
    }
}

type StartError = (&'static str, String);

async fn start_container(
    agent: &mut Agent,
    rt: &mut PodRt,
    pod: &Pod,
    services: &[Arc<Service>],
    init: bool,
    i: usize,
    entry: &crate::images::ImageEntry,
) -> Result<(), StartError> {
    let cfg_err = |m: String| ("CreateContainerConfigError", m);
    let create_err = |m: String| ("CreateContainerError", m);
    let (config_maps, secrets) = agent::fetch_objects(&agent.client, &rt.ns, pod)
        .await
        .map_err(cfg_err)?;
    let spec = if init {
        rt.init[i].spec.clone()
    } else {
        rt.containers[i].spec.clone()
    };
    let fields = agent::pod_fields(pod, rt.ip, &rt.node);
    let string_data = |o: &volumes::Objects| -> BTreeMap<String, BTreeMap<String, String>> {
        o.iter()
            .map(|(n, d)| {
                (
                    n.clone(),
                    d.iter()
                        .map(|(k, v)| (k.clone(), String::from_utf8_lossy(v).into_owned()))
                        .collect(),
                )
            })
            .collect()
    };
    let sources = config::EnvSources {
        fields: fields.clone(),
        config_maps: string_data(&config_maps),
        secrets: string_data(&secrets),
        service_env: agent::service_links(pod, services),
        node_allocatable: node::ALLOCATABLE.into_iter().collect(),
    };
    let container_env = config::resolve_env(&spec, &sources).map_err(cfg_err)?;
    let env = config::final_env(
        &entry.env,
        entry.path.as_deref(),
        &container_env,
        &rt.hostname,
    );
    let argv = config::command_line(
        &entry.entrypoint,
        &entry.cmd,
        spec.command.as_deref(),
        spec.args.as_deref(),
        &container_env,
    );
    if argv.is_empty() {
        return Err(create_err(
            "no command specified: the pod gives no command and the image no entrypoint or cmd"
                .into(),
        ));
    }
    let workdir = spec
        .working_dir
        .clone()
        .filter(|w| !w.is_empty())
        .or_else(|| entry.workdir.clone())
        .unwrap_or_else(|| "/".into());

    // Volumes, then the mount plan.
    let vctx = volumes::Ctx {
        state_dir: &agent.args.state_dir,
        pod_dir: &rt.dir,
        fields: &fields,
        config_maps: &config_maps,
        secrets: &secrets,
    };
    let mut prepared = BTreeMap::new();
    for v in pod
        .spec
        .as_ref()
        .and_then(|s| s.volumes.as_deref())
        .unwrap_or(&[])
    {
        let p = volumes::prepare(v, &vctx).map_err(cfg_err)?;
        rt.volume_dirs.insert(p.path.clone());
        prepared.insert(v.name.clone(), p);
    }
    let mut wanted: Vec<(PathBuf, Want)> = Vec::new();
    for (target, source) in &entry.mounts {
        let source = PathBuf::from(source);
        let is_dir = fs::metadata(&source).map(|m| m.is_dir()).map_err(|_| {
            create_err(format!(
                "image {} maps {target} to {}, which does not exist",
                spec.image.as_deref().unwrap_or(""),
                source.display()
            ))
        })?;
        wanted.push((PathBuf::from(target), Want::Image { source, is_dir }));
    }
    wanted.extend(volumes::container_mounts(&spec, &prepared, &container_env).map_err(cfg_err)?);
    let run_dir = rt.dir.join(volumes::sanitize(&spec.name));
    let _ = fs::remove_dir_all(&run_dir);
    let tmp = run_dir.join("tmp");
    fs::create_dir_all(&tmp)
        .map_err(|e| create_err(format!("cannot create {}: {e}", tmp.display())))?;
    let _ = fs::set_permissions(&tmp, std::os::unix::fs::PermissionsExt::from_mode(0o1777));
    let explicit: BTreeSet<PathBuf> = wanted.iter().map(|(t, _)| t.clone()).collect();
    for (target, source, is_dir) in [
        ("/etc/hosts", rt.dir.join("hosts"), false),
        ("/etc/hostname", rt.dir.join("hostname"), false),
        ("/etc/resolv.conf", rt.dir.join("resolv.conf"), false),
        ("/tmp", tmp.clone(), true),
    ] {
        if !explicit.contains(Path::new(target)) {
            wanted.push((
                PathBuf::from(target),
                Want::Bind {
                    source,
                    readonly: false,
                    is_dir,
                },
            ));
        }
    }
    let (mounts, created) =
        mounts::plan(&wanted, &run_dir.join("layers"), &host_kind).map_err(create_err)?;
    for mp in created {
        create_host_mountpoint(agent, &mp).map_err(create_err)?;
    }
    let netns_name = rt
        .netns
        .as_ref()
        .map(|(n, _)| n.clone())
        .unwrap_or_default();
    let shim_spec = ShimSpec {
        netns: netns::path(&netns_name),
        hostname: rt.hostname.clone(),
        mounts,
        argv: argv.clone(),
        env: env.clone(),
        workdir: workdir.clone(),
    };
    let spec_path = run_dir.join("spec.json");
    let body = serde_json::to_vec_pretty(&shim_spec).map_err(|e| create_err(e.to_string()))?;
    fs::write(&spec_path, body)
        .map_err(|e| create_err(format!("cannot write {}: {e}", spec_path.display())))?;
    let c = if init {
        &mut rt.init[i]
    } else {
        &mut rt.containers[i]
    };
    let (shim, pid) = spawn_shim(&spec_path, &c.log).map_err(|m| ("RunContainerError", m))?;
    let mnt_ino = fs::metadata(format!("/proc/{pid}/ns/mnt"))
        .ok()
        .map(|m| m.ino());
    let started = Instant::now();
    c.running = Some(Running {
        shim,
        pid,
        mnt_ino,
        started,
    });
    c.generation += 1;
    c.started_at = Some(now());
    c.next_start = Some(Instant::now());
    c.waiting = None;
    c.terminated = None;
    c.env = env;
    c.workdir = Some(workdir);
    let early = Duration::from_millis(agent.args.probe_early_interval_ms.max(100));
    let (probes, errors) = agent::probe_states(&spec, started, early);
    for e in errors {
        agent.events.warning(
            pod,
            "Unhealthy",
            format!("{e}; the probe counts as failing"),
        );
    }
    c.probes = probes;
    c.image_reported = false;
    Ok(())
}

fn create_host_mountpoint(agent: &mut Agent, mp: &mounts::HostMountPoint) -> Result<(), String> {
    if mp.file {
        if let Some(parent) = mp.path.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        OpenOptions::new()
            .create(true)
            .append(true)
            .open(&mp.path)
            .map_err(|e| format!("cannot create mount point {}: {e}", mp.path.display()))?;
    } else {
        fs::create_dir_all(&mp.path)
            .map_err(|e| format!("cannot create mount point {}: {e}", mp.path.display()))?;
    }
    if agent.host_mountpoints.insert(mp.path.clone()) {
        let line = format!(
            "{} {}\n",
            if mp.file { "f" } else { "d" },
            mp.path.display()
        );
        let file = mountpoints_file(&agent.args.state_dir);
        let written = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&file)
            .and_then(|mut f| f.write_all(line.as_bytes()));
        if let Err(e) = written {
            warn!(
                "cannot record host mount point {} in {}: {e}",
                mp.path.display(),
                file.display()
            );
        }
        info!(path = %mp.path.display(), "created a host mount point (removed by down.sh --purge)");
    }
    Ok(())
}

/// Starts the shim with the report pipe on fd 3 and reads the container's pid from it.
fn spawn_shim(spec_path: &Path, log_path: &Path) -> Result<(Child, i32), String> {
    if let Some(d) = log_path.parent() {
        fs::create_dir_all(d).map_err(|e| format!("cannot create {}: {e}", d.display()))?;
    }
    let log = OpenOptions::new()
        .create(true)
        .append(true)
        .open(log_path)
        .map_err(|e| format!("cannot open {}: {e}", log_path.display()))?;
    let err = log.try_clone().map_err(|e| e.to_string())?;
    let mut fds = [0i32; 2];
    // SAFETY: pipe2 fills two fds we then own.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        return Err(format!(
            "cannot create a pipe: {}",
            std::io::Error::last_os_error()
        ));
    }
    // SAFETY: both fds were just created and are owned here.
    let (read_end, write_end) =
        unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
    let write_raw = fds[1];
    let mut cmd = Command::new("/proc/self/exe");
    cmd.arg("container")
        .arg(spec_path)
        .stdin(Stdio::null())
        .stdout(Stdio::from(log))
        .stderr(Stdio::from(err))
        .process_group(0);
    // SAFETY: dup2 and prctl are async-signal-safe. fd 3 (without close-on-exec) carries the
    // report pipe; PR_SET_PDEATHSIG ends the shim, and with it the container, if the agent dies.
    unsafe {
        cmd.pre_exec(move || {
            if libc::dup2(write_raw, REPORT_FD) < 0 {
                return Err(std::io::Error::last_os_error());
            }
            if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("cannot start the container shim: {e}"))?;
    drop(write_end);
    let mut f = fs::File::from(read_end);
    let mut pfd = libc::pollfd {
        fd: std::os::fd::AsRawFd::as_raw_fd(&f),
        events: libc::POLLIN,
        revents: 0,
    };
    let mut text = String::new();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            let _ = child.kill();
            let _ = child.wait();
            return Err("the container shim did not report within 20 s".into());
        }
        let ms = i32::try_from(left.as_millis()).unwrap_or(i32::MAX);
        // SAFETY: one valid pollfd.
        let n = unsafe { libc::poll(&mut pfd, 1, ms) };
        if n < 0 {
            let e = std::io::Error::last_os_error();
            if e.kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            return Err(format!("poll: {e}"));
        }
        let mut buf = [0u8; 512];
        match f.read(&mut buf) {
            Ok(0) => break,
            Ok(k) => text.push_str(&String::from_utf8_lossy(&buf[..k])),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(format!("reading the shim's report: {e}")),
        }
    }
    let line = text.trim();
    if let Ok(pid) = line.parse::<i32>() {
        return Ok((child, pid));
    }
    let _ = child.wait();
    Err(line
        .strip_prefix("error: ")
        .map(str::to_string)
        .unwrap_or_else(|| format!("the container shim failed (see {})", log_path.display())))
}
