//! How to reach and authenticate to a cluster: what [`super::Admin::connect`] and the pool take.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use super::auth::SaslOptions;
use super::dialer::{Dialer, TcpDialer};
use super::tls::TlsOptions;

/// How to reach and authenticate to the cluster.
#[derive(Clone, Debug)]
pub struct ConnectOptions {
    /// Bootstrap "host:port" addresses, tried in order.
    pub bootstrap: Vec<String>,
    /// Advertised "host:port" → the "host:port" to dial instead (tunnels, NAT).
    pub address_map: BTreeMap<String, String>,
    pub dialer: Arc<dyn Dialer>,
    pub tls: Option<TlsOptions>,
    pub sasl: Option<SaslOptions>,
    /// Per-request timeout (also bounds connecting).
    pub request_timeout: Duration,
    pub client_id: String,
}

impl ConnectOptions {
    /// Plaintext, direct TCP, 30 s request timeout.
    pub fn new(bootstrap: Vec<String>) -> Self {
        ConnectOptions {
            bootstrap,
            address_map: BTreeMap::new(),
            dialer: Arc::new(TcpDialer::default()),
            tls: None,
            sasl: None,
            request_timeout: Duration::from_secs(30),
            client_id: "kubectl-kafka".to_string(),
        }
    }
}
