//! clap definitions and kubectl-style global flags.
//!
//! kubectl hands a plugin none of its own flags, so `-n`, `--context`, `--kubeconfig` and friends
//! are parsed here. Parsing ends in a typed [`Cli`] that [`crate::ops`] executes.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, CommandFactory, Parser, Subcommand};

use crate::error::{Error, Result};
use crate::output::OutputFormat;

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

  # Scale to 5 brokers, moving the fewest replicas onto the new ones at most 50 MB/s
  kubectl kafka scale -n kafka --replicas 5 --throttle 50MB --yes
  kubectl kafka scale -n kafka --replicas 3 --dry-run

  # Rebalance today's brokers; plans in kafka-reassign-partitions JSON
  kubectl kafka rebalance -n kafka --dry-run --output-plan plan.json
  kubectl kafka reassign execute -n kafka --plan plan.json --throttle 10MiB --yes
  kubectl kafka reassign status -n kafka
  kubectl kafka reassign cancel -n kafka

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

/// How to reach Kafka, and with which credentials.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Kafka connection")]
pub struct KafkaArgs {
    /// Kafka bootstrap servers (host:port,...), instead of the broker pods' IPs
    #[arg(
        long,
        global = true,
        value_name = "HOST:PORT,...",
        value_delimiter = ','
    )]
    pub bootstrap_server: Vec<String>,

    /// Reach every broker through a port-forward over the Kubernetes API server
    #[arg(long, global = true, conflicts_with = "bootstrap_server")]
    pub port_forward: bool,

    /// Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take
    #[arg(long, global = true, value_name = "FILE")]
    pub command_config: Option<PathBuf>,

    /// Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)
    #[arg(long, global = true)]
    pub tls: bool,

    /// PEM file with the CA certificates to trust for Kafka's TLS listener
    #[arg(long, global = true, value_name = "FILE")]
    pub tls_ca: Option<PathBuf>,

    /// PEM client certificate for mutual TLS
    #[arg(long, global = true, value_name = "FILE", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,

    /// PEM private key of --tls-cert
    #[arg(long, global = true, value_name = "FILE", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,

    /// Skip verification of the brokers' TLS certificates (testing only)
    #[arg(long, global = true)]
    pub tls_insecure: bool,

    /// SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512
    #[arg(long, global = true, value_name = "MECHANISM")]
    pub sasl_mechanism: Option<String>,

    /// SASL user name
    #[arg(long, global = true, value_name = "USER")]
    pub sasl_username: Option<String>,

    /// SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)
    #[arg(
        long,
        global = true,
        value_name = "PASSWORD",
        env = "KAFKA_SASL_PASSWORD",
        hide_env_values = true
    )]
    pub sasl_password: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the Kafka clusters found by label, with their workloads and pod readiness
    Clusters,
    /// Brokers and their pods, controller, racks, leaders and replicas, and cluster health
    Status(StatusArgs),
    /// List, describe, create, delete and alter topics
    #[command(subcommand)]
    Topics(TopicsCommand),
    /// Scale the brokers out or in, moving the fewest replicas (drains brokers before removing them)
    Scale(crate::ops::scale::ScaleArgs),
    /// Plan a balanced layout over today's brokers with the fewest replica moves, and execute it
    Rebalance(crate::ops::rebalance::RebalanceArgs),
    /// Generate, execute, follow or cancel partition reassignments (kafka-reassign-partitions JSON)
    #[command(subcommand)]
    Reassign(crate::ops::reassign::ReassignCommand),
    /// Rolling restart, one broker at a time, never taking a partition below min.insync.replicas
    Restart(RestartArgs),
    /// Print a shell completion script
    Completion(CompletionArgs),
    /// Print the plugin's version
    Version,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// The cluster to show (needed when the namespace holds several)
    #[arg(value_name = "CLUSTER")]
    pub cluster: Option<String>,

    /// Exit with 1 when the cluster is unhealthy (offline, under-replicated or under-min-ISR
    /// partitions, reassignments in flight, leftover throttles, brokers without pods)
    #[arg(long)]
    pub exit_code: bool,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  kubectl kafka restart kafka -n kafka
  kubectl kafka restart --brokers 1,2 --dry-run
  kubectl kafka restart --include-controllers -o json")]
pub struct RestartArgs {
    /// The cluster to restart (needed when the namespace holds several)
    #[arg(value_name = "CLUSTER")]
    pub cluster: Option<String>,

    /// Restart only these broker ids (default: every broker with a pod)
    #[arg(long, value_name = "IDS", value_delimiter = ',')]
    pub brokers: Vec<i32>,

    /// Also restart KRaft controller-only pods (first, quorum leader last; each only while the
    /// quorum keeps a caught-up majority without it)
    #[arg(long)]
    pub include_controllers: bool,

    /// Under-replicated partitions must have been 0 this long before each restart (0s: no window).
    /// Short by default: each restarted broker is already waited for until it is back in the ISR
    /// of every partition it hosts, so the window only guards against flapping.
    #[arg(long, value_name = "DURATION", default_value = "2s", value_parser = parse_window)]
    pub settle: Duration,

    /// How long to wait for the safety checks before each restart; then stop with exit code 3
    /// (0: no limit)
    #[arg(long, value_name = "DURATION", default_value = "5m", value_parser = parse_duration)]
    pub timeout: Duration,

    /// How long a restarted pod may take to be Ready and its broker back in sync (exit 4 after;
    /// 0: no limit)
    #[arg(long, value_name = "DURATION", default_value = "5m", value_parser = parse_duration)]
    pub pod_timeout: Duration,

    /// Restart even when checks fail (reported loudly); never when a partition would go offline
    #[arg(long)]
    pub force: bool,

    /// Print the order and the checks' current verdicts; change nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Subcommand)]
pub enum TopicsCommand {
    /// List topics with partition count, replication factor and under-replicated partitions
    #[command(visible_alias = "ls")]
    List(TopicsListArgs),
    /// Partitions (leader, replicas, ISR) and non-default configs of a topic
    Describe(TopicsDescribeArgs),
    /// Create a topic
    Create(TopicsCreateArgs),
    /// Delete topics
    #[command(visible_alias = "rm")]
    Delete(TopicsDeleteArgs),
    /// Add partitions, set or delete configs of a topic (other configs stay as they are)
    Alter(TopicsAlterArgs),
}

#[derive(Debug, Args)]
pub struct TopicsListArgs {
    /// Only topics whose name matches this regular expression
    #[arg(value_name = "REGEX")]
    pub filter: Option<String>,

    /// Include internal topics (__consumer_offsets, __transaction_state)
    #[arg(long)]
    pub internal: bool,
}

#[derive(Debug, Args)]
pub struct TopicsDescribeArgs {
    /// Topic name
    pub name: String,
}

#[derive(Debug, Args)]
pub struct TopicsCreateArgs {
    /// Topic name: letters, digits, '.', '_' and '-', at most 249 characters
    pub name: String,

    /// Number of partitions (default: the brokers' num.partitions)
    #[arg(long, short = 'p', value_parser = clap::value_parser!(i32).range(1..))]
    pub partitions: Option<i32>,

    /// Replication factor (default: the brokers' default.replication.factor)
    #[arg(long, short = 'r', value_parser = clap::value_parser!(i16).range(1..))]
    pub replication_factor: Option<i16>,

    /// Topic config as key=value (repeatable)
    #[arg(long = "config", short = 'c', value_name = "KEY=VALUE", value_parser = parse_key_value)]
    pub configs: Vec<(String, String)>,

    /// Succeed without change when the topic already exists
    #[arg(long)]
    pub if_not_exists: bool,

    /// Validate with the brokers, create nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct TopicsDeleteArgs {
    /// Topic names
    #[arg(required = true, value_name = "NAME")]
    pub names: Vec<String>,

    /// Delete without asking (required when stdin is not a terminal)
    #[arg(long, short = 'y')]
    pub yes: bool,

    /// Print what would be deleted, delete nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct TopicsAlterArgs {
    /// Topic name
    pub name: String,

    /// New total number of partitions (can only grow)
    #[arg(long, short = 'p', value_parser = clap::value_parser!(i32).range(1..))]
    pub partitions: Option<i32>,

    /// Set a topic config, key=value (repeatable)
    #[arg(long = "config", short = 'c', value_name = "KEY=VALUE", value_parser = parse_key_value)]
    pub configs: Vec<(String, String)>,

    /// Remove a topic config override, back to the broker default (repeatable)
    #[arg(long = "delete-config", value_name = "KEY")]
    pub delete_configs: Vec<String>,

    /// Validate with the brokers, change nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct CompletionArgs {
    #[command(subcommand)]
    pub action: Option<CompletionAction>,

    /// Shell to print the completion script for
    #[arg(value_enum)]
    pub shell: Option<clap_complete::Shell>,
}

#[derive(Debug, Subcommand)]
pub enum CompletionAction {
    /// Install kubectl_complete-kafka so that `kubectl kafka <TAB>` completes (kubectl 1.26+)
    Install {
        /// Directory on PATH to write the helper into (default: where kubectl-kafka is)
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

/// The full command tree, for completion generators.
pub fn command() -> clap::Command {
    Cli::command()
}

/// `30s`, `2m`, `1h`, `500ms` or bare seconds; `0` means no limit, as in kubectl.
pub fn parse_duration(s: &str) -> std::result::Result<Duration, String> {
    let s = s.trim();
    let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let n: u64 = num
        .parse()
        .map_err(|_| format!("'{s}' is not a duration: use e.g. 30s, 2m, 500ms"))?;
    let d = match unit {
        "" | "s" => Duration::from_secs(n),
        "ms" => Duration::from_millis(n),
        "m" => Duration::from_secs(n.saturating_mul(60)),
        "h" => Duration::from_secs(n.saturating_mul(3600)),
        _ => return Err(format!("unknown unit in '{s}': use ms, s, m or h")),
    };
    Ok(if n == 0 { Duration::MAX } else { d })
}

/// A duration where 0 means zero (a window), not "no limit".
pub fn parse_window(s: &str) -> std::result::Result<Duration, String> {
    parse_duration(s).map(|d| {
        if d == Duration::MAX {
            Duration::ZERO
        } else {
            d
        }
    })
}

/// `key=value`, the value may contain '=' and may be empty; the key may not.
pub fn parse_key_value(s: &str) -> std::result::Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() => Ok((k.trim().to_string(), v.to_string())),
        _ => Err(format!("'{s}' is not key=value")),
    }
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
        .is_some_and(|a| a == crate::ops::completion::COMPLETE_SUBCOMMAND)
    {
        return crate::ops::completion::complete_main(args.into_iter().skip(2));
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
    let result = block_on(crate::ops::execute(cli));
    match result {
        Ok(status) => ExitCode::from(status as u8),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(e.exit_status() as u8)
        }
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

/// Validation that clap cannot express, done before anything touches the network.
pub fn validate(cli: &Cli) -> Result<()> {
    if cli.global.all_namespaces && cli.global.namespace.is_some() {
        return Err(Error::usage(
            "--namespace and --all-namespaces exclude each other: give one of them",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
        ] {
            let e = parse(args).unwrap_err();
            assert!(e.use_stderr(), "{args:?}");
            assert_eq!(e.exit_code(), 2, "{args:?}");
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
                "scale",
                "rebalance",
                "reassign",
                "restart",
                "completion",
                "version"
            ]
        );
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("30s"), Ok(Duration::from_secs(30)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("7"), Ok(Duration::from_secs(7)));
        assert_eq!(parse_duration("0"), Ok(Duration::MAX));
        assert!(parse_duration("").is_err());
        assert!(parse_duration("1d").is_err());
    }

    #[test]
    fn key_values() {
        assert_eq!(parse_key_value("a=1"), Ok(("a".into(), "1".into())));
        assert_eq!(parse_key_value("a="), Ok(("a".into(), "".into())));
        assert!(parse_key_value("=1").is_err());
        assert!(parse_key_value("a").is_err());
    }

    #[test]
    fn namespace_and_all_namespaces_conflict() {
        let cli = parse(&["-n", "x", "-A", "clusters"]).unwrap();
        assert!(matches!(validate(&cli), Err(Error::Usage(_))));
    }
}
