//! The command line: assembles the verbs' own arguments (each defined with its verb in
//! [`crate::ops`]) and the kubectl-style global flags into one command tree, parses, and hands
//! the result to the verb.
//!
//! kubectl hands a plugin none of its own flags, so `-n`, `--context`, `--kubeconfig` and friends
//! are parsed here too ([`GlobalArgs`]).

use std::ffi::OsString;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

use crate::error::{Error, ExitStatus, Result};
use crate::ops::{
    Context, GlobalArgs, clusters, completion, drain, groups, probe, rbac, reassign, rebalance,
    restart, scale, status, topics, version,
};

const EXAMPLES: &str = "\
Examples:
  # List the Kafka clusters found in the current namespace (or every namespace)
  kubectl kafka clusters
  kubectl kafka clusters -A

  # Brokers, pods and health of the cluster in namespace kafka; exit 1 when unhealthy
  kubectl kafka status -n kafka --exit-code

  # Topic management
  kubectl kafka topics list -n kafka
  kubectl kafka topics create orders -p 6 -r 3 --config retention.ms=86400000
  kubectl kafka topics alter orders --partitions 12 --delete-config retention.ms
  kubectl kafka topics delete orders --yes

  # Consumer groups: lag, and an offset reset (a preview unless --execute)
  kubectl kafka groups lag billing -n kafka --sort lag
  kubectl kafka groups reset-offsets billing --topic orders --to-earliest --execute

  # Scale to 5 brokers, moving the fewest replicas onto the new ones at most 50 MB/s
  kubectl kafka scale -n kafka --replicas 5 --throttle 50MB --yes
  kubectl kafka scale -n kafka --replicas 3 --dry-run

  # Rebalance today's brokers; plans in kafka-reassign-partitions JSON
  kubectl kafka rebalance -n kafka --dry-run --output-plan plan.json
  kubectl kafka drain -n kafka --brokers 3 --dry-run
  kubectl kafka reassign execute -n kafka --plan plan.json --throttle 10MiB --yes
  kubectl kafka reassign status -n kafka
  kubectl kafka reassign cancel -n kafka

  # Produce and consume through every broker (canary topic); exit 1 when one fails
  kubectl kafka probe -n kafka
  kubectl kafka probe -n kafka --watch --interval 10s

  # Reach the brokers through the API server instead of the pod network
  kubectl kafka status --port-forward

Exit codes: 0 done, 1 failed, 2 usage or bad input, 3 refused by a safety check, 4 timed out.";

/// `kubectl kafka`: the Apache Kafka broker lifecycle on Kubernetes.
#[derive(Debug, Parser)]
#[command(
    name = "kubectl-kafka",
    bin_name = "kubectl kafka",
    version,
    about = "Inspect and manage Apache Kafka clusters running on Kubernetes.",
    long_about = "Inspect and manage Apache Kafka clusters running on Kubernetes.\n\n\
        Clusters are found by pod labels (app=kafka, app.kubernetes.io/name=kafka, Strimzi's \
        strimzi.io/* labels) or by --selector. Kafka is reached directly at the broker pods' IPs, \
        at --bootstrap-server, or through the API server with --port-forward.",
    after_help = EXAMPLES,
    propagate_version = true,
    subcommand_required = true,
    arg_required_else_help = true
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the Kafka clusters found by label, with their workloads and pod readiness
    Clusters,
    /// Brokers and their pods, controller, racks, leaders and replicas, and cluster health
    Status(status::StatusArgs),
    /// List, describe, create, delete and alter topics
    #[command(subcommand)]
    Topics(topics::TopicsCommand),
    /// Consumer groups: list, describe, lag, reset offsets, delete
    #[command(subcommand)]
    Groups(groups::GroupsCommand),
    /// Scale the brokers out or in, moving the fewest replicas (drains brokers before removing them)
    Scale(scale::ScaleArgs),
    /// Plan a balanced layout over today's brokers with the fewest replica moves, and execute it
    Rebalance(rebalance::RebalanceArgs),
    /// Move every replica off the given brokers (any ids), rack-safe; they stay registered, empty
    Drain(drain::DrainArgs),
    /// Generate, execute, follow or cancel partition reassignments (kafka-reassign-partitions JSON)
    #[command(subcommand)]
    Reassign(reassign::ReassignCommand),
    /// Rolling restart, one broker at a time, never taking a partition below min.insync.replicas
    Restart(restart::RestartArgs),
    /// Produce to and consume from every broker through a canary topic; exit 1 when one fails
    Probe(probe::ProbeArgs),
    /// Print the ClusterRole the plugin needs (and with --user/--service-account a binding)
    Rbac(rbac::RbacArgs),
    /// Print a shell completion script
    Completion(completion::CompletionArgs),
    /// Print the plugin's version
    Version,
}

/// The full command tree, for completion generators.
pub fn command() -> clap::Command {
    Cli::command()
}

/// tracing on stderr; RUST_LOG wins when set.
fn init_tracing(verbosity: u8) {
    // Our own events by level; other crates' only when asked for (-v): their failures reach the
    // user through our error messages already.
    let (ours, theirs) = match verbosity {
        0 => ("warn", "off"),
        1 | 2 => ("info", "warn"),
        3..=5 => ("debug", "info"),
        _ => ("trace", "debug"),
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| {
        tracing_subscriber::EnvFilter::new(format!("{theirs},kubectl_kafka={ours}"))
    });
    // A second init (tests calling run twice) is harmless: keep the first subscriber.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

/// Parse the arguments, run the command, print any error on stderr and map it to an exit code.
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    // `kubectl_complete-kafka` calls `kubectl-kafka __complete ARGS... WORD`: the partial command
    // line must not go through the parser (it is incomplete by nature).
    if args
        .get(1)
        .is_some_and(|a| a == completion::COMPLETE_SUBCOMMAND)
    {
        return completion::complete_main(args.into_iter().skip(2), &command());
    }
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints help/version to stdout and usage errors to stderr, with exit 0 or 2.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    init_tracing(cli.global.verbosity);
    match block_on(execute(cli)) {
        Ok(status) => ExitCode::from(status as u8),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(e.exit_status() as u8)
        }
    }
}

/// Hand a parsed command line to its verb; the returned status is the process exit code.
pub async fn execute(cli: Cli) -> Result<ExitStatus> {
    cli.global.validate()?;
    let ctx = Context::new(cli.global);
    let out = dispatch(&ctx, &cli.command).await;
    // Port-forward tunnels end with the command, whatever its outcome.
    crate::k8s::portforward::close_all(TUNNEL_CLOSE_GRACE).await;
    out
}

/// How long closing the tunnels waits for the command's connections to end.
const TUNNEL_CLOSE_GRACE: std::time::Duration = std::time::Duration::from_secs(1);

async fn dispatch(ctx: &Context, cmd: &Command) -> Result<ExitStatus> {
    match cmd {
        Command::Clusters => clusters::run(ctx).await,
        Command::Status(a) => status::run(ctx, a).await,
        Command::Topics(c) => topics::run(ctx, c).await,
        Command::Groups(c) => groups::run(ctx, c).await,
        Command::Scale(a) => scale::run(ctx, a).await,
        Command::Rebalance(a) => rebalance::run(ctx, a).await,
        Command::Drain(a) => drain::run(ctx, a).await,
        Command::Reassign(c) => reassign::run(ctx, c).await,
        Command::Restart(a) => restart::run(ctx, a).await,
        Command::Probe(a) => probe::run(ctx, a).await,
        Command::Rbac(a) => rbac::run(ctx, a),
        Command::Completion(a) => completion::run(a, &command(), &mut std::io::stdout().lock()),
        Command::Version => version::run(ctx.global.output),
    }
}

/// Run `fut` on a fresh multi-threaded runtime.
fn block_on<T>(fut: impl std::future::Future<Output = Result<T>>) -> Result<T> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::failed(format!("cannot start the async runtime: {e}")))?
        .block_on(fut)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::completion::argv::{LiveKind, Reply, Want, analyze, finish};
    use crate::ops::topics::TopicsCommand;
    use crate::output::OutputFormat;

    fn parse(args: &[&str]) -> std::result::Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("kubectl-kafka").chain(args.iter().copied()))
    }

    #[test]
    fn command_tree_is_consistent() {
        command().debug_assert();
    }

    #[test]
    fn help_reads_like_kubectl() {
        let help = command().render_long_help().to_string();
        assert!(help.contains("Usage: kubectl kafka"), "{help}");
        assert!(help.contains("Examples:"), "{help}");
        assert!(help.contains("--namespace"));
        assert!(help.contains("--bootstrap-server"));
    }

    #[test]
    fn global_flags_anywhere() {
        let cli = parse(&[
            "topics",
            "list",
            "-n",
            "kafka",
            "-o",
            "json",
            "--context",
            "c1",
        ])
        .unwrap();
        assert_eq!(cli.global.namespace.as_deref(), Some("kafka"));
        assert_eq!(cli.global.output, OutputFormat::Json);
        assert_eq!(cli.global.context.as_deref(), Some("c1"));
        let cli = parse(&["-n", "x", "-l", "app=k", "status", "c", "--exit-code"]).unwrap();
        assert_eq!(cli.global.selector.as_deref(), Some("app=k"));
        match cli.command {
            Command::Status(s) => {
                assert_eq!(s.cluster.as_deref(), Some("c"));
                assert!(s.exit_code);
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn verbosity_forms() {
        assert_eq!(parse(&["clusters"]).unwrap().global.verbosity, 0);
        assert_eq!(parse(&["-v", "clusters"]).unwrap().global.verbosity, 1);
        assert_eq!(parse(&["-v=4", "clusters"]).unwrap().global.verbosity, 4);
    }

    #[test]
    fn create_flags() {
        let cli = parse(&[
            "topics",
            "create",
            "t1",
            "--partitions",
            "3",
            "-r",
            "2",
            "--config",
            "a=b=c",
            "--config",
            "retention.ms=1",
            "--if-not-exists",
        ])
        .unwrap();
        let Command::Topics(TopicsCommand::Create(c)) = cli.command else {
            panic!("not a create");
        };
        assert_eq!(c.partitions, Some(3));
        assert_eq!(c.replication_factor, Some(2));
        assert_eq!(
            c.configs,
            vec![
                ("a".to_string(), "b=c".to_string()),
                ("retention.ms".to_string(), "1".to_string())
            ]
        );
        assert!(c.if_not_exists);
    }

    #[test]
    fn bad_values_are_usage_errors() {
        for args in [
            &["topics", "create", "t", "--partitions", "0"][..],
            &["topics", "create", "t", "--config", "novalue"],
            &["topics", "delete"],
            &["-o", "xml", "clusters"],
            &["--request-timeout", "5x", "clusters"],
            &["--bootstrap-server", "a:1", "--port-forward", "clusters"],
            &[
                "--bootstrap-server",
                "a:1",
                "--connect",
                "direct",
                "clusters",
            ],
            &["--connect", "direct", "--port-forward", "clusters"],
            &["--connect", "tunnel", "clusters"],
        ] {
            let e = parse(args).unwrap_err();
            assert!(e.use_stderr(), "{args:?}");
            assert_eq!(e.exit_code(), 2, "{args:?}");
        }
    }

    #[test]
    fn groups_reset_needs_one_target_and_a_scope() {
        let ok = parse(&[
            "groups",
            "reset-offsets",
            "g",
            "--topic",
            "t:0,1",
            "--shift-by",
            "-5",
        ])
        .unwrap();
        let Command::Groups(crate::ops::groups::GroupsCommand::ResetOffsets(a)) = ok.command else {
            panic!("not reset-offsets");
        };
        assert_eq!(a.shift_by, Some(-5));
        assert!(!a.execute);
        for bad in [
            &["groups", "reset-offsets", "g", "--topic", "t"][..],
            &["groups", "reset-offsets", "g", "--to-earliest"],
            &[
                "groups",
                "reset-offsets",
                "g",
                "--all-topics",
                "--to-earliest",
                "--to-latest",
            ],
            &[
                "groups",
                "reset-offsets",
                "g",
                "--all-topics",
                "--topic",
                "t",
                "--to-latest",
            ],
            &[
                "groups",
                "reset-offsets",
                "g",
                "--all-topics",
                "--to-datetime",
                "yesterday",
            ],
            &["groups", "lag", "g", "--sort", "size"],
        ] {
            let e = parse(bad).unwrap_err();
            assert_eq!(e.exit_code(), 2, "{bad:?}");
        }
    }

    #[test]
    fn no_placeholder_subcommands() {
        let names: Vec<String> = command()
            .get_subcommands()
            .map(|c| c.get_name().to_string())
            .collect();
        assert_eq!(
            names,
            [
                "clusters",
                "status",
                "topics",
                "groups",
                "scale",
                "rebalance",
                "drain",
                "reassign",
                "restart",
                "probe",
                "rbac",
                "completion",
                "version"
            ]
        );
    }

    #[test]
    fn namespace_and_all_namespaces_conflict() {
        let cli = parse(&["-n", "x", "-A", "clusters"]).unwrap();
        assert!(matches!(cli.global.validate(), Err(Error::Usage(_))));
    }

    fn words(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    fn values(reply: &Reply) -> Vec<&str> {
        reply.candidates.iter().map(|c| c.value.as_str()).collect()
    }

    /// The plugin's real command tree: the live kinds are wired to its actual flags.
    #[test]
    fn plugin_tree_wiring() {
        let root = command();
        let want = |a: &[&str]| analyze(&root, &words(a)).want;
        let live = |kind| Want::Live {
            kind,
            fixed: vec![],
        };
        assert_eq!(want(&["-n", ""]), live(LiveKind::Namespaces));
        assert_eq!(want(&["--context", ""]), live(LiveKind::Contexts));
        assert_eq!(
            want(&["status", "--kafka-cluster", ""]),
            live(LiveKind::Clusters)
        );
        assert_eq!(want(&["topics", "describe", ""]), live(LiveKind::Topics));
        assert_eq!(want(&["topics", "delete", "a", ""]), live(LiveKind::Topics));
        assert_eq!(want(&["topics", "alter", ""]), live(LiveKind::Topics));
        assert_eq!(want(&["--kubeconfig", ""]), Want::Files);
        assert!(matches!(
            want(&["status", ""]),
            Want::Live {
                kind: LiveKind::Clusters,
                ..
            }
        ));
        let r = finish(&analyze(&root, &words(&["-o", ""])), vec![]);
        assert_eq!(values(&r), ["table", "wide", "json", "yaml"]);
        let r = finish(&analyze(&root, &words(&["completion", "ba"])), vec![]);
        assert!(values(&r).contains(&"bash"), "{:?}", values(&r));
        let r = finish(&analyze(&root, &words(&[""])), vec![]);
        assert!(values(&r).contains(&"topics") && values(&r).contains(&"version"));
    }
}
