//! One module per verb; orchestration only. [`execute`] runs a parsed command line.

pub mod clusters;
pub mod completion;
pub mod connect;
pub mod executor;
pub mod reassign;
pub mod rebalance;
pub mod restart;
pub mod scale;
pub mod status;
pub mod topics;
pub mod version;

use tokio::sync::OnceCell;

use crate::cli::{Cli, Command, GlobalArgs, TopicsCommand};
use crate::error::{ExitStatus, Result};
use crate::k8s::discovery::{self, KafkaCluster};
use crate::k8s::{self, Kube};
use crate::output::{OutputFormat, emit};
use reassign::ReassignCommand;

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
                crate::output::note(format!("note: brokers shown without pods ({e})"));
                Ok(None)
            }
        }
    }

    /// An admin client: to `--bootstrap-server` directly, else to the selected cluster's pods.
    pub async fn admin(&self) -> Result<crate::kafka::Admin> {
        if !self.global.kafka.bootstrap_server.is_empty() {
            return connect::admin(self, None).await;
        }
        let cluster = self.cluster(None).await?;
        connect::admin(self, Some(&cluster)).await
    }
}

/// Run a parsed command line; the returned status is the process exit code.
pub async fn execute(cli: Cli) -> Result<ExitStatus> {
    crate::cli::validate(&cli)?;
    let fmt = cli.global.output;
    let ctx = Context::new(cli.global);
    match cli.command {
        Command::Clusters => emit(&clusters::run(&ctx).await?, fmt)?,
        Command::Status(args) => {
            let report = status::run(&ctx, &args).await?;
            emit(&report, fmt)?;
            if args.exit_code && !report.healthy {
                return Ok(ExitStatus::Failed);
            }
        }
        Command::Topics(cmd) => match cmd {
            TopicsCommand::List(a) => emit(&topics::list(&ctx, &a).await?, fmt)?,
            TopicsCommand::Describe(a) => emit(&topics::describe(&ctx, &a).await?, fmt)?,
            TopicsCommand::Create(a) => emit(&topics::create(&ctx, &a).await?, fmt)?,
            TopicsCommand::Delete(a) => emit(&topics::delete(&ctx, &a).await?, fmt)?,
            TopicsCommand::Alter(a) => emit(&topics::alter(&ctx, &a).await?, fmt)?,
        },
        Command::Scale(args) => emit(&scale::run(&ctx, &args).await?, fmt)?,
        Command::Rebalance(args) => emit(&rebalance::run(&ctx, &args).await?, fmt)?,
        Command::Reassign(cmd) => match cmd {
            ReassignCommand::Generate(a) => emit(&reassign::generate(&ctx, &a).await?, fmt)?,
            ReassignCommand::Execute(a) => emit(&reassign::execute(&ctx, &a).await?, fmt)?,
            ReassignCommand::Status(a) => emit(&reassign::status(&ctx, &a).await?, fmt)?,
            ReassignCommand::Cancel(a) => emit(&reassign::cancel(&ctx, &a).await?, fmt)?,
        },
        Command::Restart(args) => emit(&restart::run(&ctx, &args).await?, fmt)?,
        Command::Completion(args) => match (args.action, args.shell) {
            (Some(crate::cli::CompletionAction::Install { dir }), _) => {
                completion::install(dir.as_deref(), &mut std::io::stdout().lock())?;
            }
            (None, Some(shell)) => completion::run(shell, &mut std::io::stdout().lock())?,
            (None, None) => {
                return Err(crate::error::Error::usage(
                    "give a shell (bash, zsh, fish, powershell, elvish) or `install`",
                ));
            }
        },
        Command::Version => version::run(match fmt {
            OutputFormat::Json => version::VersionFormat::Json,
            OutputFormat::Yaml => version::VersionFormat::Yaml,
            OutputFormat::Table | OutputFormat::Wide => version::VersionFormat::Plain,
        })?,
    }
    Ok(ExitStatus::Ok)
}
