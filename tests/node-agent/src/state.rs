//! Pod state files for the kubelet streaming server (tests/kubelet-server):
//! `<state>/agent/pods/<namespace>/<pod>.json`, written atomically at every change and removed
//! when the pod object is gone. Format (the testbed design's contract):
//! `{"namespace","name","uid","node","ip","netns": "/run/netns/..."|null,
//!   "containers": {"<name>": {"pid": <int>|null, "log": "<path>", "env": [["K","V"],...],
//!                             "workdir": "<dir>"|null, "restart_count": <int>}}}`

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::volumes::sanitize;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PodState {
    pub namespace: String,
    pub name: String,
    pub uid: String,
    pub node: String,
    pub ip: String,
    pub netns: Option<String>,
    pub containers: BTreeMap<String, ContainerState>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ContainerState {
    /// The container's first process (PID 1 of its namespace) while it runs.
    pub pid: Option<i32>,
    pub log: String,
    pub env: Vec<(String, String)>,
    pub workdir: Option<String>,
    pub restart_count: i32,
}

pub fn path(state_dir: &Path, namespace: &str, pod: &str) -> PathBuf {
    state_dir
        .join("agent")
        .join("pods")
        .join(sanitize(namespace))
        .join(format!("{}.json", sanitize(pod)))
}

pub fn write(state_dir: &Path, s: &PodState) -> std::io::Result<()> {
    let p = path(state_dir, &s.namespace, &s.name);
    if let Some(dir) = p.parent() {
        fs::create_dir_all(dir)?;
    }
    let tmp = p.with_extension("json.tmp");
    let body = serde_json::to_vec_pretty(s).map_err(std::io::Error::other)?;
    fs::write(&tmp, body)?;
    fs::rename(&tmp, &p)
}

pub fn remove(state_dir: &Path, namespace: &str, pod: &str) {
    let p = path(state_dir, namespace, pod);
    let _ = fs::remove_file(&p);
    if let Some(dir) = p.parent() {
        // only succeeds once the namespace has no pods left
        let _ = fs::remove_dir(dir);
    }
}

/// State files of pods this agent no longer knows (after a restart or a missed deletion).
pub fn stale(state_dir: &Path, known: &dyn Fn(&str, &str) -> bool) -> Vec<(String, String)> {
    let root = state_dir.join("agent").join("pods");
    let mut out = Vec::new();
    let Ok(nss) = fs::read_dir(&root) else {
        return out;
    };
    for ns in nss.flatten() {
        let Some(nsn) = ns.file_name().to_str().map(str::to_string) else {
            continue;
        };
        let Ok(files) = fs::read_dir(ns.path()) else {
            continue;
        };
        for f in files.flatten() {
            if let Some(pod) = f.file_name().to_str().and_then(|n| n.strip_suffix(".json"))
                && !known(&nsn, pod)
            {
                out.push((nsn.clone(), pod.to_string()));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_contract_format() {
        let root = std::env::temp_dir().join(format!("node-agent-state-{}", std::process::id()));
        let s = PodState {
            namespace: "kafka".into(),
            name: "kafka-0".into(),
            uid: "u".into(),
            node: "node-a".into(),
            ip: "127.0.110.1".into(),
            netns: Some("/run/netns/kk1-kafka.kafka-0".into()),
            containers: [(
                "kafka".to_string(),
                ContainerState {
                    pid: Some(42),
                    log: "/tb/logs/kafka_kafka-0_kafka.log".into(),
                    env: vec![("A".into(), "1".into())],
                    workdir: None,
                    restart_count: 2,
                },
            )]
            .into(),
        };
        write(&root, &s).unwrap();
        let text = fs::read_to_string(path(&root, "kafka", "kafka-0")).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["netns"], "/run/netns/kk1-kafka.kafka-0");
        assert_eq!(v["containers"]["kafka"]["pid"], 42);
        assert_eq!(
            v["containers"]["kafka"]["env"][0],
            serde_json::json!(["A", "1"])
        );
        assert!(v["containers"]["kafka"]["workdir"].is_null());
        assert_eq!(v["containers"]["kafka"]["restart_count"], 2);
        assert_eq!(stale(&root, &|_, _| true), Vec::<(String, String)>::new());
        assert_eq!(
            stale(&root, &|_, _| false),
            vec![("kafka".to_string(), "kafka-0".to_string())]
        );
        remove(&root, "kafka", "kafka-0");
        assert!(!root.join("agent/pods/kafka").exists());
        fs::remove_dir_all(&root).unwrap();
    }
}
