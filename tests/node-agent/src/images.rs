//! Image "pulls": an image reference resolves, through the catalog's resolver
//! (`tests/testbed/images/resolve IMAGE`, format in tests/testbed/images/README.md), to the host
//! paths that stand in for the image's file system, its ENTRYPOINT/CMD, ENV and PATH. The
//! first resolution of a version may build its distribution, so it runs in the background like a
//! pull, and the result is kept for the agent's lifetime.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde::Deserialize;
use tracing::{info, warn};

/// One resolved catalog entry (templates expanded, version chosen).
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct ImageEntry {
    #[serde(default)]
    pub family: String,
    #[serde(default)]
    pub version: Option<String>,
    #[serde(default)]
    pub entrypoint: Vec<String>,
    #[serde(default)]
    pub cmd: Vec<String>,
    /// Path in the container → host path.
    #[serde(default)]
    pub mounts: BTreeMap<String, String>,
    #[serde(default)]
    pub env: BTreeMap<String, String>,
    #[serde(default)]
    pub path: Option<String>,
    /// The image's WORKDIR, when the catalog gives one.
    #[serde(default)]
    pub workdir: Option<String>,
}

pub fn parse(text: &str) -> Result<ImageEntry, String> {
    serde_json::from_str(text)
        .map_err(|e| format!("the image resolver printed no catalog entry ({e})"))
}

#[derive(Debug, Clone)]
pub enum Pull {
    Pulling,
    Ready(Arc<ImageEntry>),
    Failed { message: String, at: Instant },
}

/// Resolved images, shared with the background resolutions.
#[derive(Clone)]
pub struct Images {
    resolver: PathBuf,
    state: Arc<Mutex<HashMap<String, Pull>>>,
}

/// How long a failed resolution is remembered before it is tried again (ImagePullBackOff).
const RETRY_AFTER: Duration = Duration::from_secs(10);
/// Building a distribution downloads jars; give it time.
const RESOLVE_TIMEOUT: Duration = Duration::from_secs(30 * 60);

impl Images {
    pub fn new(resolver: PathBuf) -> Self {
        Images {
            resolver,
            state: Arc::default(),
        }
    }

    /// The image's state, starting a resolution when there is none (or a failure is old).
    pub fn get(&self, image: &str) -> Pull {
        let mut st = match self.state.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        match st.get(image) {
            Some(Pull::Failed { at, .. }) if at.elapsed() >= RETRY_AFTER => {}
            Some(p) => return p.clone(),
            None => {}
        }
        st.insert(image.to_string(), Pull::Pulling);
        drop(st);
        let (this, image) = (self.clone(), image.to_string());
        tokio::spawn(async move {
            let started = Instant::now();
            let result = this.resolve(&image).await;
            let pull = match result {
                Ok(e) => {
                    info!(%image, family = %e.family, version = ?e.version, secs = started.elapsed().as_secs_f32(), "image resolved");
                    Pull::Ready(Arc::new(e))
                }
                Err(message) => {
                    warn!(%image, "image cannot be resolved: {message}");
                    Pull::Failed {
                        message,
                        at: Instant::now(),
                    }
                }
            };
            let mut st = match this.state.lock() {
                Ok(g) => g,
                Err(p) => p.into_inner(),
            };
            st.insert(image, pull);
        });
        Pull::Pulling
    }

    async fn resolve(&self, image: &str) -> Result<ImageEntry, String> {
        let mut c = tokio::process::Command::new(&self.resolver);
        c.arg(image)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .kill_on_drop(true);
        let out = match tokio::time::timeout(RESOLVE_TIMEOUT, c.output()).await {
            Ok(Ok(o)) => o,
            Ok(Err(e)) => return Err(format!("cannot run {}: {e}", self.resolver.display())),
            Err(_) => {
                return Err(format!(
                    "{} {image} took longer than {RESOLVE_TIMEOUT:?}",
                    self.resolver.display()
                ));
            }
        };
        if !out.status.success() {
            let err = String::from_utf8_lossy(&out.stderr);
            return Err(err
                .trim()
                .lines()
                .last()
                .unwrap_or("the image resolver failed without a message")
                .to_string());
        }
        parse(&String::from_utf8_lossy(&out.stdout))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_resolved_entry() {
        let e = parse(
            r#"{"match":"bitnami/kafka","family":"bitnami","version":"3.9.1","version_from_tag":"x",
                "default_version":"4.1.1","entrypoint":["/opt/bitnami/scripts/kafka/entrypoint.sh"],
                "cmd":["/opt/bitnami/scripts/kafka/run.sh"],
                "mounts":{"/opt/bitnami/kafka":"/cache/kafka-3.9.1/home"},
                "env":{"KAFKA_HOME":"/opt/bitnami/kafka"},"path":"/opt/bitnami/kafka/bin:/usr/bin:/bin"}"#,
        )
        .unwrap();
        assert_eq!(e.family, "bitnami");
        assert_eq!(e.version.as_deref(), Some("3.9.1"));
        assert_eq!(e.mounts["/opt/bitnami/kafka"], "/cache/kafka-3.9.1/home");
        assert_eq!(e.workdir, None);
        assert!(parse("not json").is_err());
        let minimal = parse("{}").unwrap();
        assert!(minimal.entrypoint.is_empty() && minimal.path.is_none());
    }
}
