//! `kubectl kafka version`: what this binary is and which Kafka and Kubernetes it speaks to.
//!
//! The facts come from the build (build.rs stamps the git commit and the locked crate versions)
//! and from the protocol codec itself (the request types it can encode); nothing here talks to a cluster.

use std::io::Write;

use serde::Serialize;

use crate::error::{Error, ExitStatus, Result};
use crate::output::OutputFormat;

/// Kafka broker releases this plugin supports: KRaft and ZooKeeper clusters from 2.8 (the first release
/// with every admin API the plugin uses, KIP-455 reassignments and incremental configs included) to 4.x.
pub const SUPPORTED_KAFKA: &str = "2.8 – 4.x";

/// How `version` prints its answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VersionFormat {
    #[default]
    Plain,
    Json,
    Yaml,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct VersionInfo {
    /// The plugin's own version (Cargo.toml).
    pub version: String,
    /// Short git commit of the build, `-dirty` when built from modified sources, `unknown` outside git.
    pub git_commit: String,
    /// Rust target triple the binary was built for.
    pub target: String,
    pub kafka: KafkaInfo,
    pub kubernetes: KubernetesInfo,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct KafkaInfo {
    /// Broker releases supported.
    pub supported_brokers: String,
    /// Version of the kafka-protocol codec crate used for the admin and data planes.
    pub protocol_crate: String,
    /// How many Kafka API keys the codec can encode.
    pub api_keys: usize,
    /// What the data plane does today and how it connects.
    pub data_plane: String,
}

/// The commands that produce or consume records, and the paths they take.
pub const DATA_PLANE: &str = "probe (canary Produce/Fetch v12 on the admin plane's connections: every --connect route, TLS and SASL)";

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct KubernetesInfo {
    /// The Kubernetes API version the client types were generated for (k8s-openapi feature).
    pub api_version: String,
    pub k8s_openapi_crate: String,
    pub kube_crate: String,
}

impl VersionInfo {
    /// The facts of the running binary.
    pub fn current() -> Self {
        VersionInfo {
            version: env!("CARGO_PKG_VERSION").to_string(),
            git_commit: env!("KUBECTL_KAFKA_GIT_COMMIT").to_string(),
            target: env!("KUBECTL_KAFKA_TARGET").to_string(),
            kafka: KafkaInfo {
                supported_brokers: SUPPORTED_KAFKA.to_string(),
                protocol_crate: env!("KUBECTL_KAFKA_KAFKA_PROTOCOL_CRATE").to_string(),
                api_keys: kafka_protocol::messages::ApiKey::iter().count(),
                data_plane: DATA_PLANE.to_string(),
            },
            kubernetes: KubernetesInfo {
                api_version: env!("KUBECTL_KAFKA_K8S_API").to_string(),
                k8s_openapi_crate: env!("KUBECTL_KAFKA_K8S_OPENAPI_CRATE").to_string(),
                kube_crate: env!("KUBECTL_KAFKA_KUBE_CRATE").to_string(),
            },
        }
    }

    /// Human-readable lines, one fact per line.
    pub fn plain(&self) -> String {
        format!(
            "kubectl-kafka {version} (commit {commit}, {target})\n\
             Kafka:      brokers {brokers}; codec kafka-protocol {proto} ({keys} API keys)\n\
             Data plane: kafka-protocol {proto}: {data_plane}\n\
             Kubernetes: API {api} (k8s-openapi {openapi}, kube {kube})\n",
            version = self.version,
            commit = self.git_commit,
            target = self.target,
            brokers = self.kafka.supported_brokers,
            proto = self.kafka.protocol_crate,
            keys = self.kafka.api_keys,
            data_plane = self.kafka.data_plane,
            api = self.kubernetes.api_version,
            openapi = self.kubernetes.k8s_openapi_crate,
            kube = self.kubernetes.kube_crate,
        )
    }

    pub fn render(&self, format: VersionFormat) -> Result<String> {
        match format {
            VersionFormat::Plain => Ok(self.plain()),
            VersionFormat::Json => serde_json::to_string_pretty(self)
                .map(|s| s + "\n")
                .map_err(|e| Error::failed(format!("cannot encode the version as JSON: {e}"))),
            VersionFormat::Yaml => serde_saphyr::to_string(self)
                .map_err(|e| Error::failed(format!("cannot encode the version as YAML: {e}"))),
        }
    }
}

impl From<OutputFormat> for VersionFormat {
    fn from(o: OutputFormat) -> Self {
        match o {
            OutputFormat::Json => VersionFormat::Json,
            OutputFormat::Yaml => VersionFormat::Yaml,
            OutputFormat::Table | OutputFormat::Wide => VersionFormat::Plain,
        }
    }
}

/// `kubectl kafka version`: print the version facts on stdout, in the format `-o` asks for.
pub fn run(output: OutputFormat) -> Result<ExitStatus> {
    write(output.into(), &mut std::io::stdout().lock())?;
    Ok(ExitStatus::Ok)
}

/// Print the version facts to `out`.
pub fn write(format: VersionFormat, out: &mut dyn Write) -> Result<()> {
    let text = VersionInfo::current().render(format)?;
    out.write_all(text.as_bytes())
        .map_err(|e| Error::failed(format!("cannot write the version: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamped_facts_are_filled_in() {
        let info = VersionInfo::current();
        assert_eq!(info.version, env!("CARGO_PKG_VERSION"));
        assert!(!info.git_commit.is_empty());
        // The crate is built with the k8s-openapi feature v1_36.
        assert_eq!(info.kubernetes.api_version, "1.36");
        assert!(
            info.kafka.protocol_crate.starts_with("0."),
            "{}",
            info.kafka.protocol_crate
        );
        assert!(info.kafka.api_keys > 50, "{}", info.kafka.api_keys);
        assert_ne!(info.kubernetes.kube_crate, "unknown");
    }

    #[test]
    fn json_and_yaml_carry_the_same_facts() {
        let info = VersionInfo::current();
        let json: serde_json::Value =
            serde_json::from_str(&info.render(VersionFormat::Json).unwrap()).unwrap();
        assert_eq!(json["version"], info.version);
        assert_eq!(json["kubernetes"]["api_version"], "1.36");
        let yaml = info.render(VersionFormat::Yaml).unwrap();
        assert!(
            yaml.contains(&format!("git_commit: {}", info.git_commit)),
            "{yaml}"
        );
        assert!(
            yaml.contains("api_version: '1.36'") || yaml.contains("api_version: \"1.36\""),
            "{yaml}"
        );
    }

    #[test]
    fn plain_names_version_commit_and_ranges() {
        let text = VersionInfo::current().plain();
        assert!(text.starts_with(&format!("kubectl-kafka {}", env!("CARGO_PKG_VERSION"))));
        assert!(text.contains(SUPPORTED_KAFKA));
        assert!(text.contains("API 1.36"));
        // The data plane line names the codec that carries the records and what uses it; no
        // librdkafka is linked.
        assert!(
            text.contains("Data plane: kafka-protocol 0.") && text.contains(": probe (canary"),
            "{text}"
        );
        assert!(!text.contains("rdkafka"), "{text}");
    }
}
