//! What every verb runs with: the kubectl-style global flags and the clients they lead to.
//!
//! The global flags are defined here, next to the [`Context`] they configure, so that the verbs
//! and the command line (`cli`, which assembles them with the verbs' own arguments) can both use
//! them without importing each other.

use std::path::PathBuf;
use std::time::Duration;

use clap::Args;
use tokio::sync::OnceCell;

use super::connect::{self, KafkaArgs};
use super::flags::parse_duration;
use crate::error::{Error, ExitStatus, Result};
use crate::k8s::discovery::{self, KafkaCluster};
use crate::k8s::{self, Kube};
use crate::kafka::Admin;
use crate::output::{self, OutputFormat, Render};

/// The kubectl-style and Kafka connection flags every subcommand accepts.
#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Namespace to look in (default: the kubeconfig context's namespace, else "default")
    #[arg(short = 'n', long, global = true, value_name = "NAMESPACE")]
    pub namespace: Option<String>,

    /// Look in every namespace (clusters, status)
    #[arg(short = 'A', long, global = true)]
    pub all_namespaces: bool,

    /// Kubeconfig context to use (default: the current context)
    #[arg(long, global = true, value_name = "CONTEXT")]
    pub context: Option<String>,

    /// Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)
    #[arg(long, global = true, value_name = "FILE")]
    pub kubeconfig: Option<PathBuf>,

    /// Label selector for the Kafka pods, replacing the built-in label conventions
    #[arg(short = 'l', long, global = true, value_name = "SELECTOR")]
    pub selector: Option<String>,

    /// Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)
    #[arg(
        short = 'k',
        long = "kafka-cluster",
        global = true,
        value_name = "NAME"
    )]
    pub kafka_cluster: Option<String>,

    /// Output format
    #[arg(short = 'o', long, global = true, value_enum, default_value_t = OutputFormat::Table)]
    pub output: OutputFormat,

    /// Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)
    #[arg(long, global = true, value_name = "DURATION", default_value = "30s", value_parser = parse_duration)]
    pub request_timeout: Duration,

    /// Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace
    #[arg(
        short = 'v',
        long = "v",
        global = true,
        value_name = "LEVEL",
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "1",
        default_value_t = 0
    )]
    pub verbosity: u8,

    #[command(flatten)]
    pub kafka: KafkaArgs,
}

impl GlobalArgs {
    /// Validation that clap cannot express, done before anything touches the network.
    pub fn validate(&self) -> Result<()> {
        if self.all_namespaces && self.namespace.is_some() {
            return Err(Error::usage(
                "--namespace and --all-namespaces exclude each other: give one of them",
            ));
        }
        Ok(())
    }
}

/// What every verb needs: the global flags, and a Kubernetes client made on first use (so
/// `--bootstrap-server` alone never needs a kubeconfig for topic commands).
pub struct Context {
    pub global: GlobalArgs,
    kube: OnceCell<Kube>,
}

impl Context {
    pub fn new(global: GlobalArgs) -> Self {
        Context {
            global,
            kube: OnceCell::new(),
        }
    }

    pub async fn kube(&self) -> Result<&Kube> {
        self.kube
            .get_or_try_init(|| {
                k8s::connect(
                    self.global.kubeconfig.as_deref(),
                    self.global.context.as_deref(),
                    self.global.request_timeout,
                )
            })
            .await
    }

    /// The namespace to look in; None with `-A`.
    pub async fn namespace(&self) -> Result<Option<String>> {
        if self.global.all_namespaces {
            return Ok(None);
        }
        match &self.global.namespace {
            Some(ns) => Ok(Some(ns.clone())),
            None => Ok(Some(self.kube().await?.default_namespace.clone())),
        }
    }

    /// "namespace X" or "all namespaces", for messages.
    pub fn scope(&self) -> String {
        if self.global.all_namespaces {
            return "all namespaces".into();
        }
        let ns = self
            .global
            .namespace
            .clone()
            .or_else(|| self.kube.get().map(|k| k.default_namespace.clone()))
            .unwrap_or_else(|| "default".into());
        format!("namespace {ns}")
    }

    /// Every cluster in scope. An empty result in a namespace that does not exist is a usage error.
    pub async fn discover(&self) -> Result<Vec<KafkaCluster>> {
        let ns = self.namespace().await?;
        let kube = self.kube().await?;
        let clusters =
            discovery::discover(&kube.client, ns.as_deref(), self.global.selector.as_deref())
                .await?;
        if clusters.is_empty()
            && let Some(ns) = &ns
        {
            k8s::check_namespace(&kube.client, ns).await?;
        }
        Ok(clusters)
    }

    /// The one cluster the command is about (named, or the only one); exit 2 otherwise.
    pub async fn cluster(&self, name: Option<&str>) -> Result<KafkaCluster> {
        let name = name.or(self.global.kafka_cluster.as_deref());
        let clusters = self.discover().await?;
        discovery::select(clusters, name, &self.scope())
    }

    /// The cluster whose pods to show or connect to. With `--bootstrap-server`, Kafka is reachable
    /// without Kubernetes: a failed discovery is then reported and the command goes on without pods.
    pub async fn cluster_for_kafka(&self, name: Option<&str>) -> Result<Option<KafkaCluster>> {
        if self.global.kafka.bootstrap_server.is_empty() {
            return self.cluster(name).await.map(Some);
        }
        match self.cluster(name).await {
            Ok(c) => Ok(Some(c)),
            Err(e) => {
                output::note(format!("note: brokers shown without pods ({e})"));
                Ok(None)
            }
        }
    }

    /// An admin client: to `--bootstrap-server` directly, else to the selected cluster's pods.
    pub async fn admin(&self) -> Result<Admin> {
        if !self.global.kafka.bootstrap_server.is_empty() {
            return self.admin_for(None).await;
        }
        let cluster = self.cluster(None).await?;
        self.admin_for(Some(&cluster)).await
    }

    /// An admin client for `cluster`'s brokers (or `--bootstrap-server`), reached the way the
    /// flags say.
    pub async fn admin_for(&self, cluster: Option<&KafkaCluster>) -> Result<Admin> {
        let args = &self.global.kafka;
        // Port-forward may be the path (auto mode falls back to it): keep the client at hand.
        let kube = if args.bootstrap_server.is_empty()
            && cluster.is_some()
            && args.mode() != connect::ConnectMode::Direct
        {
            Some(self.kube().await?.client.clone())
        } else {
            None
        };
        connect::admin(args, self.global.request_timeout, cluster, kube.as_ref()).await
    }

    /// Print a verb's result on stdout in the format `-o` asks for; the command is done.
    pub fn emit<T: Render>(&self, report: &T) -> Result<ExitStatus> {
        output::emit(report, self.global.output)?;
        Ok(ExitStatus::Ok)
    }
}
