//! Finding Kafka clusters by pod labels, and tying pods to broker ids.
//!
//! The matching is pure (pods in, clusters out) so it is unit-tested from pod objects shaped like
//! the plain StatefulSet, Deployment-per-broker and Strimzi manifests: [`facts`] reads one pod,
//! [`group`] sorts pods into clusters, [`bind`] ties brokers to pods. [`discover`] only lists the
//! pods and hands them over.

mod bind;
mod facts;
mod group;
#[cfg(test)]
mod tests;

use k8s_openapi::api::core::v1::Pod;
use kube::Api;
use kube::api::ListParams;

pub use self::bind::{Binding, MatchedBy, bind};
pub use self::facts::{PodFacts, Workload};
use self::group::{CONVENTION_SELECTORS, group};
pub use self::group::{Convention, KafkaCluster, nothing_found, select};
use crate::error::Result;

/// List the pods the conventions (or `-l`) select in `namespace` (None: every namespace).
pub async fn list_pods(
    client: &kube::Client,
    namespace: Option<&str>,
    selector: Option<&str>,
) -> Result<Vec<PodFacts>> {
    let api: Api<Pod> = match namespace {
        Some(ns) => Api::namespaced(client.clone(), ns),
        None => Api::all(client.clone()),
    };
    let selectors: Vec<&str> = match selector {
        Some(s) => vec![s],
        None => CONVENTION_SELECTORS.iter().map(|(_, s)| *s).collect(),
    };
    let mut out = Vec::new();
    for sel in selectors {
        let pods = api
            .list(&ListParams::default().labels(sel))
            .await
            .map_err(|e| crate::k8s::api_error(e, "list", "pods", namespace))?;
        out.extend(pods.items.iter().map(PodFacts::from_pod));
    }
    Ok(out)
}

/// Every Kafka cluster in `namespace` (None: every namespace).
pub async fn discover(
    client: &kube::Client,
    namespace: Option<&str>,
    selector: Option<&str>,
) -> Result<Vec<KafkaCluster>> {
    let pods = list_pods(client, namespace, selector).await?;
    tracing::debug!("{} candidate pods", pods.len());
    Ok(group(pods, selector.is_some()))
}
