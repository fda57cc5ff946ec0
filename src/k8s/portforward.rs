//! A Kafka [`Dialer`] that tunnels each broker connection through the API server's pod
//! port-forward (the `pods/portforward` subresource), for clusters whose pod network is not
//! reachable from where `kubectl` runs.
//!
//! Addresses dialled are `<pod-name>:<port>`: the connection layer's address map rewrites each
//! broker's advertised address to its pod that way (see [`pod_address`]).

use k8s_openapi::api::core::v1::Pod;
use kube::Api;

use crate::kafka::{BoxStream, DialFuture, Dialer};

pub use crate::kafka::route::pod_address;

/// Split `<pod>:<port>`; None when it is not of that shape.
pub fn parse_pod_address(addr: &str) -> Option<(&str, u16)> {
    let (pod, port) = addr.rsplit_once(':')?;
    let port = port.parse().ok()?;
    (!pod.is_empty()).then_some((pod, port))
}

/// Opens each connection as a fresh port-forward stream to the named pod.
#[derive(Clone)]
pub struct PortForwardDialer {
    api: Api<Pod>,
    namespace: String,
}

impl std::fmt::Debug for PortForwardDialer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PortForwardDialer")
            .field("namespace", &self.namespace)
            .finish()
    }
}

impl PortForwardDialer {
    pub fn new(client: kube::Client, namespace: &str) -> Self {
        PortForwardDialer {
            api: Api::namespaced(client, namespace),
            namespace: namespace.to_string(),
        }
    }
}

impl Dialer for PortForwardDialer {
    fn dial<'a>(&'a self, addr: &'a str) -> DialFuture<'a> {
        Box::pin(async move {
            let Some((pod, port)) = parse_pod_address(addr) else {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    format!("'{addr}' is not <pod>:<port>; no pod to port-forward to"),
                ));
            };
            let mut forwarder = self.api.portforward(pod, &[port]).await.map_err(|e| {
                let why = match &e {
                    kube::Error::Api(s) if s.code == 403 => format!(
                        "forbidden: grant 'get' and 'create' on 'pods/portforward' in namespace {} (`kubectl kafka rbac` prints the role, {})",
                        self.namespace,
                        super::RBAC_MANIFEST
                    ),
                    kube::Error::Api(s) => format!("{} (HTTP {})", s.message, s.code),
                    other => other.to_string(),
                };
                std::io::Error::other(format!(
                    "port-forward to pod {}/{pod} port {port} failed: {why}",
                    self.namespace
                ))
            })?;
            let stream = forwarder.take_stream(port).ok_or_else(|| {
                std::io::Error::other(format!("port-forward to {pod}:{port} opened no stream"))
            })?;
            // The forwarder's task lives until the stream closes; log how it ended.
            let target = addr.to_string();
            tokio::spawn(async move {
                if let Err(e) = forwarder.join().await {
                    tracing::debug!("port-forward to {target} ended: {e}");
                }
            });
            Ok(Box::new(stream) as BoxStream)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pod_addresses() {
        assert_eq!(pod_address("kafka-0", 9092), "kafka-0:9092");
        assert_eq!(parse_pod_address("kafka-0:9092"), Some(("kafka-0", 9092)));
        assert_eq!(parse_pod_address("kafka-0"), None);
        assert_eq!(parse_pod_address(":9092"), None);
        assert_eq!(parse_pod_address("kafka-0:x"), None);
    }
}
