//! Pod state files for the kubelet streaming server (tests/kubelet-server):
//! `<state-dir>/agent/pods/<namespace>/<pod>.json`, written atomically (tmp + rename) whenever
//! a pod's state changes and removed when the pod object is gone. The format is the testbed
//! design's contract:
//!
//! `{"namespace","name","uid","node","ip","netns": path|null,
//!   "containers": {"<name>": {"pid": int|null, "log": path, "env": [[k, v], ...],
//!                             "workdir": dir|null, "restart_count": int}}}`

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use tracing::warn;

/// One container's entry.
pub struct ContainerState<'a> {
    pub name: &'a str,
    /// The container's main process while it runs.
    pub pid: Option<u32>,
    pub log: &'a Path,
    pub env: &'a [(String, String)],
    pub workdir: Option<&'a Path>,
    pub restart_count: i32,
}

/// One pod's state.
pub struct PodState<'a> {
    pub namespace: &'a str,
    pub name: &'a str,
    pub uid: &'a str,
    pub node: &'a str,
    pub ip: &'a str,
    pub netns: Option<&'a Path>,
    pub containers: Vec<ContainerState<'a>>,
}

fn absolute(p: &Path) -> String {
    std::path::absolute(p)
        .unwrap_or_else(|_| p.to_path_buf())
        .display()
        .to_string()
}

impl PodState<'_> {
    pub fn to_json(&self) -> Value {
        let containers: serde_json::Map<String, Value> = self
            .containers
            .iter()
            .map(|c| {
                (
                    c.name.to_string(),
                    json!({
                        "pid": c.pid,
                        "log": absolute(c.log),
                        "env": c.env.iter().map(|(k, v)| [k, v]).collect::<Vec<_>>(),
                        "workdir": c.workdir.map(absolute),
                        "restart_count": c.restart_count,
                    }),
                )
            })
            .collect();
        json!({
            "namespace": self.namespace,
            "name": self.name,
            "uid": self.uid,
            "node": self.node,
            "ip": self.ip,
            "netns": self.netns.map(absolute),
            "containers": containers,
        })
    }
}

/// Writes the state files, skipping writes that would not change them.
pub struct PodStateFiles {
    dir: PathBuf,
    /// What each file holds (Null: a file found at startup, not written by this run).
    written: BTreeMap<(String, String), Value>,
}

impl PodStateFiles {
    /// Files already in `dir` (from an earlier run) are removed by the first [`Self::retain`]
    /// unless their pod still exists.
    pub fn new(dir: PathBuf) -> Self {
        let mut written = BTreeMap::new();
        for ns in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            if !ns.path().is_dir() {
                continue;
            }
            let namespace = ns.file_name().to_string_lossy().into_owned();
            for f in std::fs::read_dir(ns.path()).into_iter().flatten().flatten() {
                let name = f.file_name().to_string_lossy().into_owned();
                if let Some(pod) = name.strip_suffix(".json") {
                    written.insert((namespace.clone(), pod.to_string()), Value::Null);
                }
            }
        }
        PodStateFiles { dir, written }
    }

    fn path(&self, ns: &str, pod: &str) -> PathBuf {
        self.dir.join(ns).join(format!("{pod}.json"))
    }

    /// Writes the pod's state file if it changed.
    pub fn update(&mut self, state: &PodState<'_>) {
        let key = (state.namespace.to_string(), state.name.to_string());
        let value = state.to_json();
        if self.written.get(&key) == Some(&value) {
            return;
        }
        let path = self.path(state.namespace, state.name);
        let tmp = path.with_extension("json.tmp");
        let res = std::fs::create_dir_all(self.dir.join(state.namespace))
            .and_then(|_| serde_json::to_vec_pretty(&value).map_err(std::io::Error::other))
            .and_then(|bytes| std::fs::write(&tmp, bytes))
            .and_then(|_| std::fs::rename(&tmp, &path));
        match res {
            Ok(()) => {
                self.written.insert(key, value);
            }
            Err(e) => warn!("cannot write {}: {e}", path.display()),
        }
    }

    /// Removes the state file of a pod whose object is gone.
    pub fn remove(&mut self, ns: &str, pod: &str) {
        self.written.remove(&(ns.to_string(), pod.to_string()));
        let path = self.path(ns, pod);
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => warn!("cannot remove {}: {e}", path.display()),
        }
        // An empty namespace directory goes too (fails harmlessly when not empty).
        let _ = std::fs::remove_dir(self.dir.join(ns));
    }

    /// Removes the files of every pod not in `live` (namespace, name).
    pub fn retain(&mut self, live: &BTreeSet<(String, String)>) {
        let gone: Vec<(String, String)> = self
            .written
            .keys()
            .filter(|k| !live.contains(*k))
            .cloned()
            .collect();
        for (ns, pod) in gone {
            self.remove(&ns, &pod);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state<'a>(env: &'a [(String, String)], pid: Option<u32>) -> PodState<'a> {
        PodState {
            namespace: "kafka",
            name: "kafka-0",
            uid: "u-1",
            node: "node-a",
            ip: "127.0.100.1",
            netns: None,
            containers: vec![ContainerState {
                name: "kafka",
                pid,
                log: Path::new("/var/log/k.log"),
                env,
                workdir: None,
                restart_count: 2,
            }],
        }
    }

    #[test]
    fn json_has_the_contract_shape() {
        let env = vec![("A".to_string(), "1".to_string())];
        let v = state(&env, Some(42)).to_json();
        assert_eq!(
            v,
            json!({
                "namespace": "kafka", "name": "kafka-0", "uid": "u-1", "node": "node-a",
                "ip": "127.0.100.1", "netns": null,
                "containers": {"kafka": {"pid": 42, "log": "/var/log/k.log", "env": [["A", "1"]],
                                          "workdir": null, "restart_count": 2}}
            })
        );
        assert_eq!(
            state(&env, None).to_json()["containers"]["kafka"]["pid"],
            Value::Null
        );
    }

    #[test]
    fn files_are_written_replaced_and_pruned() {
        let dir = std::env::temp_dir().join(format!("podstate-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        // A leftover of an earlier run.
        std::fs::create_dir_all(dir.join("old")).expect("mkdir");
        std::fs::write(dir.join("old").join("gone-0.json"), "{}").expect("write");
        let mut files = PodStateFiles::new(dir.clone());
        let env = vec![];
        files.update(&state(&env, Some(1)));
        let path = dir.join("kafka").join("kafka-0.json");
        let read = || -> Value {
            serde_json::from_slice(&std::fs::read(&path).expect("state file")).expect("json")
        };
        assert_eq!(read()["containers"]["kafka"]["pid"], 1);
        files.update(&state(&env, None));
        assert_eq!(read()["containers"]["kafka"]["pid"], Value::Null);
        assert!(!dir.join("kafka").join("kafka-0.json.tmp").exists());

        let live: BTreeSet<_> = [("kafka".to_string(), "kafka-0".to_string())].into();
        files.retain(&live);
        assert!(path.exists());
        assert!(!dir.join("old").exists(), "leftover not pruned");
        files.retain(&BTreeSet::new());
        assert!(!path.exists());
        assert!(!dir.join("kafka").exists());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
