//! Live candidates: namespaces, contexts, clusters, broker ids and topics, looked up the way the
//! commands themselves find them, within a short time limit and silently when unreachable.

use std::future::Future;
use std::io::Write;
use std::time::Duration;

use clap::{Args, Command, FromArgMatches};

use super::BIN_NAME;
use super::argv::{LiveKind, Reply, Scope, Want, analyze, finish};
use crate::error::{Error, Result};
use crate::ops::context::{Context, GlobalArgs};

/// Time allowed for live lookups: completion must never make the shell wait long.
pub const LIVE_TIMEOUT: Duration = Duration::from_secs(2);

/// Where live candidates come from. Errors are swallowed by the caller: completion stays silent.
pub trait LiveSource {
    fn lookup(&self, kind: LiveKind, scope: &Scope) -> impl Future<Output = Result<Vec<String>>>;
}

/// Answer a `__complete` request with the command tree `root` and live candidates from `source`,
/// waiting at most `timeout` for them.
pub async fn complete_with<S: LiveSource>(
    root: &Command,
    args: &[String],
    source: &S,
    timeout: Duration,
) -> Reply {
    let request = analyze(root, args);
    let live = match &request.want {
        Want::Live { kind, .. } => {
            match tokio::time::timeout(timeout, source.lookup(*kind, &request.scope)).await {
                Ok(Ok(found)) => found,
                // Unreachable cluster, no kubeconfig, timeout: offer what is known without it.
                Ok(Err(_)) | Err(_) => Vec::new(),
            }
        }
        _ => Vec::new(),
    };
    finish(&request, live)
}

/// Live candidates from the cluster and kubeconfig that the typed flags point at, found the way
/// the commands themselves find them (same discovery, same Kafka connection).
pub struct ClusterSource;

impl LiveSource for ClusterSource {
    async fn lookup(&self, kind: LiveKind, scope: &Scope) -> Result<Vec<String>> {
        let global = global_args(scope)?;
        if kind == LiveKind::Contexts {
            return crate::k8s::context_names(global.kubeconfig.as_deref());
        }
        let ctx = Context::new(global);
        let mut found: Vec<String> = match kind {
            LiveKind::Contexts => Vec::new(),
            LiveKind::Namespaces => crate::k8s::namespace_names(&ctx.kube().await?.client).await?,
            LiveKind::Clusters => ctx.discover().await?.into_iter().map(|c| c.name).collect(),
            LiveKind::BrokerIds => broker_ids(&ctx, scope.cluster.as_deref()).await?,
            LiveKind::Topics => {
                let admin = ctx.admin().await?;
                admin
                    .metadata()
                    .await?
                    .topics
                    .into_iter()
                    .map(|t| t.name)
                    .collect()
            }
        };
        found.sort();
        found.dedup();
        Ok(found)
    }
}

/// The global flags typed so far, parsed by the CLI itself, with the completion time limit.
fn global_args(scope: &Scope) -> Result<GlobalArgs> {
    let bad = |e: clap::Error| Error::usage(format!("flags typed so far do not parse: {e}"));
    let argv = std::iter::once(BIN_NAME.to_string()).chain(scope.global_args.iter().cloned());
    let matches = GlobalArgs::augment_args(Command::new(BIN_NAME))
        .try_get_matches_from(argv)
        .map_err(bad)?;
    let mut global = GlobalArgs::from_arg_matches(&matches).map_err(bad)?;
    global.request_timeout = LIVE_TIMEOUT;
    Ok(global)
}

/// Broker ids from Kafka's metadata; when Kafka cannot be reached, the ids the pods declare
/// (or their StatefulSet ordinals).
async fn broker_ids(ctx: &Context, cluster: Option<&str>) -> Result<Vec<String>> {
    let from_kafka = async {
        let admin = if ctx.global.kafka.bootstrap_server.is_empty() {
            let c = ctx.cluster(cluster).await?;
            ctx.admin_for(Some(&c)).await?
        } else {
            ctx.admin().await?
        };
        admin.metadata().await
    };
    match from_kafka.await {
        Ok(meta) => Ok(meta.brokers.iter().map(|b| b.id.to_string()).collect()),
        Err(_) => {
            let c = ctx.cluster(cluster).await?;
            Ok(c.pods
                .iter()
                .filter_map(|p| p.declared_id.or_else(|| p.ordinal()))
                .map(|id| id.to_string())
                .collect())
        }
    }
}

/// `kubectl-kafka __complete ARGS... WORD`, as kubectl_complete-kafka calls it: print the
/// candidates and the directive on stdout, nothing else, and exit 0 whatever happens, within
/// about [`LIVE_TIMEOUT`] even when the cluster is unreachable.
pub fn complete_main<I, T>(args: I, root: &Command) -> std::process::ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString>,
{
    let args: Vec<String> = args
        .into_iter()
        .map(|a| a.into().to_string_lossy().into_owned())
        .collect();
    let reply = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => {
            let reply = rt.block_on(complete_with(root, &args, &ClusterSource, LIVE_TIMEOUT));
            // A DNS lookup or connect still blocked in a worker thread must not hold the shell.
            rt.shutdown_timeout(Duration::from_millis(50));
            reply
        }
        Err(_) => finish(&analyze(root, &args), Vec::new()),
    };
    let _ = std::io::stdout()
        .lock()
        .write_all(reply.to_wire().as_bytes());
    std::process::ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::completion::argv::DIRECTIVE_NO_FILE_COMP;
    use crate::ops::completion::argv::tests::{args, tree, values};

    #[test]
    fn the_flag_being_completed_is_left_out_of_the_scope() {
        let req = analyze(&tree(), &args(&["-n", "kafka", "--context", ""]));
        assert_eq!(req.scope.global_args, ["-n", "kafka"]);
        let req = analyze(&tree(), &args(&["--context", "c1", "-n", ""]));
        assert_eq!(req.scope.global_args, ["--context", "c1"]);
        assert!(
            global_args(&Scope {
                global_args: vec!["--context".into()],
                ..Scope::default()
            })
            .is_err()
        );
    }

    struct Fake(Result<Vec<String>>, Duration);
    impl LiveSource for Fake {
        async fn lookup(&self, _kind: LiveKind, _scope: &Scope) -> Result<Vec<String>> {
            tokio::time::sleep(self.1).await;
            match &self.0 {
                Ok(v) => Ok(v.clone()),
                Err(e) => Err(Error::kube(e.to_string())),
            }
        }
    }

    #[tokio::test]
    async fn live_failures_and_timeouts_give_no_candidates() {
        let tree = tree();
        let a = args(&["-n", ""]);
        let ok = Fake(Ok(vec!["kafka".into()]), Duration::ZERO);
        let r = complete_with(&tree, &a, &ok, LIVE_TIMEOUT).await;
        assert_eq!(values(&r), ["kafka"]);
        let down = Fake(Err(Error::kube("connection refused")), Duration::ZERO);
        let r = complete_with(&tree, &a, &down, LIVE_TIMEOUT).await;
        assert_eq!(
            r,
            Reply {
                candidates: vec![],
                directive: DIRECTIVE_NO_FILE_COMP
            }
        );
        let slow = Fake(Ok(vec!["kafka".into()]), Duration::from_secs(5));
        let started = std::time::Instant::now();
        let r = complete_with(&tree, &a, &slow, Duration::from_millis(100)).await;
        assert!(r.candidates.is_empty());
        assert!(started.elapsed() < Duration::from_secs(2));
    }

    #[test]
    fn typed_global_flags_reach_the_live_lookup() {
        let root = GlobalArgs::augment_args(Command::new(BIN_NAME)).subcommand(
            Command::new("topics").subcommand(Command::new("describe").arg(clap::Arg::new("name"))),
        );
        let req = analyze(
            &root,
            &args(&[
                "-n",
                "kafka",
                "--bootstrap-server",
                "b:9092",
                "topics",
                "describe",
                "",
            ]),
        );
        let global = global_args(&req.scope).unwrap();
        assert_eq!(global.namespace.as_deref(), Some("kafka"));
        assert_eq!(global.kafka.bootstrap_server, ["b:9092"]);
        assert_eq!(global.request_timeout, LIVE_TIMEOUT);
    }
}
