//! How to reach and authenticate to a cluster: what [`super::Admin::connect`] and the pool take.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use super::auth::SaslOptions;
use super::dialer::{BoxStream, Dialer, TcpDialer};
use super::route::Route;
use super::tls::TlsOptions;

/// How to reach and authenticate to the cluster.
#[derive(Clone, Debug)]
pub struct ConnectOptions {
    /// Bootstrap "host:port" addresses, tried in order.
    pub bootstrap: Vec<String>,
    /// Advertised "host:port" → the "host:port" to dial instead (tunnels, NAT).
    pub address_map: BTreeMap<String, String>,
    /// The path `address_map` and `dialer` take (said at -v and in `status -o json`).
    pub route: Route,
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
            route: Route::Bootstrap,
            dialer: Arc::new(TcpDialer::default()),
            tls: None,
            sasl: None,
            request_timeout: Duration::from_secs(30),
            client_id: "kubectl-kafka".to_string(),
        }
    }
}

impl ConnectOptions {
    /// The address to dial for a broker that advertises `advertised` (`host:port`).
    pub fn dial_address(&self, advertised: &str) -> String {
        super::pool::map_address(&self.address_map, advertised)
    }

    /// A byte stream to the broker advertising `advertised`, on the chosen route. TLS, when
    /// used, must check the certificate against the advertised host, not the dialled address.
    pub async fn dial_advertised(&self, advertised: &str) -> std::io::Result<BoxStream> {
        let to = self.dial_address(advertised);
        self.dialer.dial(&to).await
    }
}
