//! Node registration, status heartbeat and lease renewal. Each node has its own InternalIP and
//! the topology labels real nodes carry (the API server's PodTopologyLabels admission copies the
//! zone and region onto pods bound to it, which is how brokers learn their rack).

use std::net::Ipv4Addr;

use k8s_openapi::api::coordination::v1::Lease;
use k8s_openapi::api::core::v1::Node;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{MicroTime, Time};
use k8s_openapi::jiff::Timestamp;
use kube::Client;
use kube::api::{Api, Patch, PatchParams};
use serde_json::json;

/// What nodes report as allocatable (and what `resourceFieldRef` falls back to).
pub const ALLOCATABLE: [(&str, &str); 4] = [
    ("cpu", "8"),
    ("memory", "16Gi"),
    ("pods", "110"),
    ("ephemeral-storage", "100Gi"),
];

#[derive(Debug, Clone)]
pub struct NodeDef {
    pub name: String,
    pub zone: String,
    pub ip: Ipv4Addr,
}

pub fn node_defs(ips: &[Ipv4Addr]) -> Vec<NodeDef> {
    ips.iter()
        .enumerate()
        .map(|(i, ip)| {
            let suffix = if i < 26 {
                char::from(b'a' + i as u8).to_string()
            } else {
                i.to_string()
            };
            NodeDef {
                name: format!("node-{suffix}"),
                zone: format!("zone-{suffix}"),
                ip: *ip,
            }
        })
        .collect()
}

fn pp() -> PatchParams {
    PatchParams::apply("testbed-node-agent").force()
}

pub async fn register(client: &Client, n: &NodeDef) -> anyhow::Result<()> {
    let nodes: Api<Node> = Api::all(client.clone());
    let body = json!({
        "apiVersion": "v1",
        "kind": "Node",
        "metadata": {
            "name": n.name,
            "labels": {
                "kubernetes.io/hostname": n.name,
                "kubernetes.io/os": "linux",
                "kubernetes.io/arch": "amd64",
                "topology.kubernetes.io/zone": n.zone,
                "topology.kubernetes.io/region": "local",
            }
        },
    });
    nodes.patch(&n.name, &pp(), &Patch::Apply(&body)).await?;
    heartbeat(client, n).await
}

pub async fn heartbeat(client: &Client, n: &NodeDef) -> anyhow::Result<()> {
    let nodes: Api<Node> = Api::all(client.clone());
    let now = Time(Timestamp::now());
    let cond = |t: &str, status: &str, reason: &str, msg: &str| {
        json!({"type": t, "status": status, "reason": reason, "message": msg,
               "lastHeartbeatTime": now, "lastTransitionTime": now})
    };
    let res: serde_json::Map<String, serde_json::Value> = ALLOCATABLE
        .iter()
        .map(|(k, v)| (k.to_string(), json!(v)))
        .collect();
    let status = json!({
        "status": {
            "conditions": [
                cond("MemoryPressure", "False", "KubeletHasSufficientMemory", "testbed node has sufficient memory"),
                cond("DiskPressure", "False", "KubeletHasNoDiskPressure", "testbed node has no disk pressure"),
                cond("PIDPressure", "False", "KubeletHasSufficientPID", "testbed node has sufficient PID"),
                cond("Ready", "True", "KubeletReady", "testbed node agent is posting ready status"),
            ],
            "addresses": [
                {"type": "InternalIP", "address": n.ip.to_string()},
                {"type": "Hostname", "address": n.name},
            ],
            "capacity": res,
            "allocatable": res,
            "nodeInfo": {
                "machineID": n.name, "systemUUID": n.name, "bootID": n.name,
                "kernelVersion": "testbed", "osImage": "testbed node agent",
                "containerRuntimeVersion": "testbed://namespaces", "kubeletVersion": "v1.36.3",
                "kubeProxyVersion": "", "operatingSystem": "linux", "architecture": "amd64",
            },
        }
    });
    nodes
        .patch_status(&n.name, &PatchParams::default(), &Patch::Merge(&status))
        .await?;
    Ok(())
}

pub async fn renew_lease(client: &Client, n: &NodeDef) -> anyhow::Result<()> {
    let leases: Api<Lease> = Api::namespaced(client.clone(), "kube-node-lease");
    let body = json!({
        "apiVersion": "coordination.k8s.io/v1",
        "kind": "Lease",
        "metadata": {"name": n.name, "namespace": "kube-node-lease"},
        "spec": {
            "holderIdentity": n.name,
            "leaseDurationSeconds": 40,
            "renewTime": MicroTime(Timestamp::now()),
        }
    });
    leases.patch(&n.name, &pp(), &Patch::Apply(&body)).await?;
    Ok(())
}

/// Reports where the kubelet streaming server listens (the apiserver proxies logs, exec and
/// port-forward there: the node's preferred address, this port). Set once; the heartbeat's
/// merge patches leave it alone.
pub async fn report_kubelet_endpoint(
    client: &Client,
    n: &NodeDef,
    port: u16,
) -> anyhow::Result<()> {
    let nodes: Api<Node> = Api::all(client.clone());
    let status = json!({"status": {"daemonEndpoints": {"kubeletEndpoint": {"Port": port}}}});
    nodes
        .patch_status(&n.name, &PatchParams::default(), &Patch::Merge(&status))
        .await?;
    Ok(())
}
