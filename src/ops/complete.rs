//! The live half of `kubectl-kafka __complete`: namespaces, contexts, clusters, broker ids and
//! topic names from the cluster the partial command line addresses. The analysis and the wire
//! format are in [`super::completion`].

use std::io::Write;

use clap::Parser;

use super::Context;
use super::completion::{self, LiveKind, LiveSource, Scope};
use crate::cli::Cli;
use crate::error::{Error, Result};

/// Looks candidates up with the connection flags seen on the partial command line.
pub struct ClusterSource;

/// A context built from the completion scope, through the same parser as a real command line.
fn context_for(scope: &Scope) -> Result<Context> {
    let mut argv: Vec<String> = vec!["kubectl-kafka".into()];
    let mut push = |flag: &str, v: &Option<String>| {
        if let Some(v) = v {
            argv.push(format!("{flag}={v}"));
        }
    };
    push("--namespace", &scope.namespace);
    push("--context", &scope.context);
    push("--kubeconfig", &scope.kubeconfig);
    push("--selector", &scope.selector);
    push("--kafka-cluster", &scope.cluster);
    push("--bootstrap-server", &scope.bootstrap_server);
    if scope.all_namespaces {
        argv.push("--all-namespaces".into());
    }
    argv.extend(["--request-timeout".into(), "2s".into(), "clusters".into()]);
    let cli = Cli::try_parse_from(argv).map_err(|e| Error::usage(e.to_string()))?;
    Ok(Context::new(cli.global))
}

impl LiveSource for ClusterSource {
    async fn lookup(&self, kind: LiveKind, scope: &Scope) -> Result<Vec<String>> {
        let ctx = context_for(scope)?;
        match kind {
            LiveKind::Contexts => {
                let k = match &scope.kubeconfig {
                    Some(p) => kube::config::Kubeconfig::read_from(p),
                    None => kube::config::Kubeconfig::read(),
                }
                .map_err(|e| Error::usage(e.to_string()))?;
                Ok(k.contexts.into_iter().map(|c| c.name).collect())
            }
            LiveKind::Namespaces => {
                let kube = ctx.kube().await?;
                let api: kube::Api<k8s_openapi::api::core::v1::Namespace> =
                    kube::Api::all(kube.client.clone());
                let list = api
                    .list(&Default::default())
                    .await
                    .map_err(|e| crate::k8s::api_error(e, "list", "namespaces", None))?;
                Ok(list
                    .items
                    .into_iter()
                    .filter_map(|n| n.metadata.name)
                    .collect())
            }
            LiveKind::Clusters => Ok(ctx.discover().await?.into_iter().map(|c| c.name).collect()),
            LiveKind::BrokerIds => {
                let meta = ctx.admin().await?.metadata().await?;
                Ok(meta.brokers.iter().map(|b| b.id.to_string()).collect())
            }
            LiveKind::Topics => {
                let meta = ctx.admin().await?.metadata().await?;
                Ok(meta
                    .topics
                    .into_iter()
                    .filter(|t| !t.internal)
                    .map(|t| t.name)
                    .collect())
            }
        }
    }
}

/// `kubectl-kafka __complete ARGS... WORD`: print the candidates; never fails loudly.
pub async fn run(args: &[String]) -> Result<()> {
    let reply = completion::complete_with(
        &crate::cli::command(),
        args,
        &ClusterSource,
        completion::LIVE_TIMEOUT,
    )
    .await;
    let mut out = std::io::stdout().lock();
    out.write_all(reply.to_wire().as_bytes())
        .map_err(|e| Error::failed(format!("cannot write to stdout: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_becomes_flags() {
        let scope = Scope {
            namespace: Some("kafka".into()),
            all_namespaces: false,
            context: Some("c".into()),
            kubeconfig: None,
            selector: Some("app=x".into()),
            cluster: None,
            bootstrap_server: Some("h:1".into()),
        };
        let ctx = context_for(&scope).unwrap();
        assert_eq!(ctx.global.namespace.as_deref(), Some("kafka"));
        assert_eq!(ctx.global.context.as_deref(), Some("c"));
        assert_eq!(ctx.global.selector.as_deref(), Some("app=x"));
        assert_eq!(ctx.global.kafka.bootstrap_server, ["h:1"]);
        assert_eq!(
            ctx.global.request_timeout,
            std::time::Duration::from_secs(2)
        );
    }
}
