//! Kubernetes client side: kubeconfig loading, pod discovery, port-forward, error translation.

pub mod discovery;
pub mod lease;
pub mod pdb;
pub mod pods;
pub mod portforward;
pub mod records;
pub mod workload;

use std::path::Path;
use std::time::Duration;

use k8s_openapi::api::core::v1::Namespace;
use kube::config::{KubeConfigOptions, Kubeconfig, KubeconfigError};
use kube::{Api, Client, Config};

use crate::error::{Error, Result};

/// Where the RBAC rules the plugin needs are kept, for 403 messages.
pub const RBAC_MANIFEST: &str = "tests/manifests/rbac-plugin.yaml";

/// A Kubernetes client plus the namespace the kubeconfig context points to.
#[derive(Clone)]
pub struct Kube {
    pub client: Client,
    pub default_namespace: String,
    pub context: Option<String>,
}

/// Load the kubeconfig (`--kubeconfig`, else `$KUBECONFIG`, else ~/.kube/config; in-cluster config
/// when none exists and the process runs in a pod) and build a client.
pub async fn connect(
    kubeconfig: Option<&Path>,
    context: Option<&str>,
    timeout: Duration,
) -> Result<Kube> {
    let options = KubeConfigOptions {
        context: context.map(str::to_string),
        ..Default::default()
    };
    let file = match kubeconfig {
        Some(path) => {
            if !path.exists() {
                return Err(Error::usage(format!(
                    "kubeconfig {} does not exist: fix --kubeconfig",
                    path.display()
                )));
            }
            Some(Kubeconfig::read_from(path).map_err(|e| kubeconfig_error(e, Some(path)))?)
        }
        None => match Kubeconfig::from_env() {
            Ok(Some(k)) => Some(k),
            Ok(None) => match Kubeconfig::read() {
                Ok(k) => Some(k),
                Err(KubeconfigError::FindPath | KubeconfigError::ReadConfig(..)) => None,
                Err(e) => return Err(kubeconfig_error(e, None)),
            },
            Err(e) => return Err(kubeconfig_error(e, None)),
        },
    };
    let mut config = match file {
        Some(k) => {
            if let Some(ctx) = context
                && !k.contexts.iter().any(|c| c.name == ctx)
            {
                let known: Vec<&str> = k.contexts.iter().map(|c| c.name.as_str()).collect();
                return Err(Error::usage(format!(
                    "context '{ctx}' is not in the kubeconfig (known: {}): fix --context",
                    if known.is_empty() {
                        "none".to_string()
                    } else {
                        known.join(", ")
                    }
                )));
            }
            Config::from_custom_kubeconfig(k, &options)
                .await
                .map_err(|e| kubeconfig_error(e, kubeconfig))?
        }
        None => Config::incluster().map_err(|_| {
            Error::usage(
                "no kubeconfig found (looked at $KUBECONFIG and ~/.kube/config) and not running \
                 in a pod: pass --kubeconfig FILE or set KUBECONFIG",
            )
        })?,
    };
    if timeout != Duration::MAX {
        config.connect_timeout = Some(timeout);
        config.read_timeout = Some(timeout);
        config.write_timeout = Some(timeout);
    }
    let default_namespace = config.default_namespace.clone();
    let client = Client::try_from(config)
        .map_err(|e| Error::kube(format!("cannot build the Kubernetes client: {e}")))?;
    Ok(Kube {
        client,
        default_namespace,
        context: context.map(str::to_string),
    })
}

fn kubeconfig_error(e: KubeconfigError, path: Option<&Path>) -> Error {
    let what = path.map_or_else(
        || "the kubeconfig".to_string(),
        |p| format!("kubeconfig {}", p.display()),
    );
    Error::usage(format!(
        "cannot use {what}: {e}; fix the file or pass --kubeconfig"
    ))
}

/// Translate an API error into a message that says what to do: RBAC refusals name the missing
/// permission and point to the Role manifest.
pub fn api_error(e: kube::Error, verb: &str, resource: &str, namespace: Option<&str>) -> Error {
    let scope = namespace.map_or_else(
        || "all namespaces".to_string(),
        |n| format!("namespace {n}"),
    );
    match e {
        kube::Error::Api(s) if s.code == 403 => Error::kube(format!(
            "forbidden: cannot {verb} {resource} in {scope} ({}). Grant the permission \
             (verb '{verb}' on '{resource}') with the ClusterRole that `kubectl kafka rbac` prints ({RBAC_MANIFEST})",
            s.message
        )),
        kube::Error::Api(s) if s.code == 401 => Error::kube(format!(
            "the Kubernetes API server refused the credentials ({}): refresh them in the kubeconfig",
            s.message
        )),
        kube::Error::Api(s) if s.code == 404 => {
            Error::usage(format!("{resource} not found in {scope}: {}", s.message))
        }
        kube::Error::Api(s) => Error::kube(format!(
            "cannot {verb} {resource} in {scope}: {} ({})",
            s.message, s.code
        )),
        other => Error::kube(format!(
            "cannot reach the Kubernetes API server to {verb} {resource} in {scope}: {other}; \
             check the kubeconfig context and the network"
        )),
    }
}

/// Names of every namespace (needs `list` on namespaces).
pub async fn namespace_names(client: &Client) -> Result<Vec<String>> {
    let api: Api<Namespace> = Api::all(client.clone());
    let list = api
        .list(&kube::api::ListParams::default())
        .await
        .map_err(|e| api_error(e, "list", "namespaces", None))?;
    Ok(list
        .items
        .into_iter()
        .filter_map(|n| n.metadata.name)
        .collect())
}

/// Context names in the kubeconfig (`path`, else $KUBECONFIG, else ~/.kube/config).
pub fn context_names(path: Option<&Path>) -> Result<Vec<String>> {
    let config = match path {
        Some(p) => Kubeconfig::read_from(p),
        None => match Kubeconfig::from_env() {
            Ok(Some(k)) => Ok(k),
            Ok(None) => Kubeconfig::read(),
            Err(e) => Err(e),
        },
    }
    .map_err(|e| kubeconfig_error(e, path))?;
    Ok(config.contexts.into_iter().map(|c| c.name).collect())
}

/// Fail early with a clear message when the namespace does not exist. A 403 on reading namespaces
/// is not fatal: many users may list pods in their namespace but not read the namespace itself.
pub async fn check_namespace(client: &Client, ns: &str) -> Result<()> {
    let api: Api<Namespace> = Api::all(client.clone());
    match api.get_opt(ns).await {
        Ok(Some(_)) => Ok(()),
        Ok(None) => Err(Error::usage(format!(
            "namespace '{ns}' does not exist: fix -n/--namespace"
        ))),
        Err(kube::Error::Api(s)) if s.code == 403 => {
            tracing::debug!("cannot read namespace {ns}: {}", s.message);
            Ok(())
        }
        Err(e) => Err(api_error(e, "get", "namespaces", None)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contexts_come_from_the_kubeconfig_file() {
        let path = std::env::temp_dir().join(format!("kk-kubeconfig-{}", std::process::id()));
        std::fs::write(
            &path,
            "apiVersion: v1\nkind: Config\nclusters: []\nusers: []\n\
             contexts:\n- name: prod\n  context: {cluster: a, user: b}\n- name: dev\n  context: {cluster: a, user: b}\n",
        )
        .unwrap();
        assert_eq!(context_names(Some(&path)).unwrap(), ["prod", "dev"]);
        std::fs::remove_file(&path).unwrap();
        assert!(context_names(Some(Path::new("/nonexistent/kubeconfig"))).is_err());
    }
}
