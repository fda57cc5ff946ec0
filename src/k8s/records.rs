//! Records an operation keeps on the brokers' workload, one JSON value per annotation, so that a
//! later run can resume or clean up after it: a rolling restart's progress, the replication
//! throttles a reassignment set.

use std::marker::PhantomData;

use k8s_openapi::api::apps::v1::{Deployment, StatefulSet};
use kube::api::{Patch, PatchParams};
use kube::{Api, Client};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::api_error;
use super::discovery::KafkaCluster;
use super::workload::StatefulSetRef;
use crate::error::{Error, Result};

/// The kinds of workload a record can live on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkloadKind {
    StatefulSet,
    Deployment,
}

impl WorkloadKind {
    /// The resource name, as RBAC and kubectl spell it.
    pub fn resource(self) -> &'static str {
        match self {
            WorkloadKind::StatefulSet => "statefulsets",
            WorkloadKind::Deployment => "deployments",
        }
    }

    fn kubectl_name(self) -> &'static str {
        match self {
            WorkloadKind::StatefulSet => "statefulset",
            WorkloadKind::Deployment => "deployment",
        }
    }
}

/// A StatefulSet or Deployment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkloadRef {
    pub namespace: String,
    pub kind: WorkloadKind,
    pub name: String,
}

impl WorkloadRef {
    /// The first StatefulSet or Deployment owning the cluster's broker pods.
    pub fn of_cluster(cluster: &KafkaCluster) -> Option<WorkloadRef> {
        cluster.workloads.iter().find_map(|w| {
            let kind = match w.kind.as_str() {
                "StatefulSet" => WorkloadKind::StatefulSet,
                "Deployment" => WorkloadKind::Deployment,
                _ => return None,
            };
            Some(WorkloadRef {
                namespace: cluster.namespace.clone(),
                kind,
                name: w.name.clone(),
            })
        })
    }
}

impl From<&StatefulSetRef> for WorkloadRef {
    fn from(s: &StatefulSetRef) -> Self {
        WorkloadRef {
            namespace: s.namespace.clone(),
            kind: WorkloadKind::StatefulSet,
            name: s.name.clone(),
        }
    }
}

/// A value of type `T` kept as JSON in the annotation `key` of a workload.
pub struct Record<T> {
    client: Client,
    workload: WorkloadRef,
    key: &'static str,
    of: PhantomData<fn() -> T>,
}

impl<T> Clone for Record<T> {
    fn clone(&self) -> Self {
        Record {
            client: self.client.clone(),
            workload: self.workload.clone(),
            key: self.key,
            of: PhantomData,
        }
    }
}

impl<T: Serialize + DeserializeOwned> Record<T> {
    pub fn new(client: &Client, workload: WorkloadRef, key: &'static str) -> Self {
        Record {
            client: client.clone(),
            workload,
            key,
            of: PhantomData,
        }
    }

    /// The workload the record lives on.
    pub fn workload(&self) -> &WorkloadRef {
        &self.workload
    }

    /// The client the record is read and written with.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The record; None when there is none.
    pub async fn read(&self) -> Result<Option<T>> {
        let w = &self.workload;
        let annotations = match w.kind {
            WorkloadKind::StatefulSet => {
                let api: Api<StatefulSet> = Api::namespaced(self.client.clone(), &w.namespace);
                api.get(&w.name).await.map(|o| o.metadata.annotations)
            }
            WorkloadKind::Deployment => {
                let api: Api<Deployment> = Api::namespaced(self.client.clone(), &w.namespace);
                api.get(&w.name).await.map(|o| o.metadata.annotations)
            }
        }
        .map_err(|e| api_error(e, "get", w.kind.resource(), Some(&w.namespace)))?;
        match annotations.as_ref().and_then(|a| a.get(self.key)) {
            Some(text) => decode(text, self.key, w).map(Some),
            None => Ok(None),
        }
    }

    /// Write (Some) or remove (None) the record; the workload's other annotations stay.
    pub async fn write(&self, value: Option<&T>) -> Result<()> {
        let w = &self.workload;
        let text = value
            .map(serde_json::to_string)
            .transpose()
            .map_err(|e| Error::failed(format!("cannot encode the record {}: {e}", self.key)))?;
        let patch = serde_json::json!({ "metadata": { "annotations": { self.key: text } } });
        let pp = PatchParams::default();
        match w.kind {
            WorkloadKind::StatefulSet => {
                let api: Api<StatefulSet> = Api::namespaced(self.client.clone(), &w.namespace);
                api.patch(&w.name, &pp, &Patch::Merge(&patch))
                    .await
                    .map(|_| ())
            }
            WorkloadKind::Deployment => {
                let api: Api<Deployment> = Api::namespaced(self.client.clone(), &w.namespace);
                api.patch(&w.name, &pp, &Patch::Merge(&patch))
                    .await
                    .map(|_| ())
            }
        }
        .map_err(|e| api_error(e, "patch", w.kind.resource(), Some(&w.namespace)))
    }
}

/// Read a record's JSON; a value that is not one is an error that says how to clear it.
pub fn decode<T: DeserializeOwned>(text: &str, key: &str, on: &WorkloadRef) -> Result<T> {
    serde_json::from_str(text).map_err(|e| {
        Error::usage(format!(
            "the annotation {key} on {} {} holds something unreadable ({e}); remove it with \
             `kubectl annotate -n {} {} {} {key}-`",
            on.kind.kubectl_name(),
            on.name,
            on.namespace,
            on.kind.kubectl_name(),
            on.name
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::k8s::discovery::{Convention, Workload};

    #[test]
    fn records_name_their_workload_when_unreadable() {
        let on = WorkloadRef {
            namespace: "kafka".into(),
            kind: WorkloadKind::StatefulSet,
            name: "kafka".into(),
        };
        let v: Vec<i32> = decode("[1,2]", "k", &on).unwrap();
        assert_eq!(v, vec![1, 2]);
        let e = decode::<Vec<i32>>("yes", "kafka.kubectl.io/x", &on).unwrap_err();
        assert!(matches!(e, Error::Usage(_)));
        assert!(
            e.to_string()
                .contains("`kubectl annotate -n kafka statefulset kafka kafka.kubectl.io/x-`"),
            "{e}"
        );
    }

    #[test]
    fn the_first_statefulset_or_deployment_holds_the_records() {
        let cluster = |kinds: &[(&str, &str)]| KafkaCluster {
            namespace: "ns".into(),
            name: "c".into(),
            convention: Convention::App,
            workloads: kinds
                .iter()
                .map(|(k, n)| Workload {
                    kind: (*k).into(),
                    name: (*n).into(),
                })
                .collect(),
            controller_workloads: vec![],
            pods: vec![],
            controllers: vec![],
        };
        let w = WorkloadRef::of_cluster(&cluster(&[("Pod", "p"), ("Deployment", "kafka-0")]));
        assert_eq!(
            w.map(|w| (w.kind, w.name)),
            Some((WorkloadKind::Deployment, "kafka-0".to_string()))
        );
        assert_eq!(
            WorkloadRef::of_cluster(&cluster(&[("StrimziPodSet", "x")])),
            None
        );
    }
}
