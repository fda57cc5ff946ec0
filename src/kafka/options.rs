//! How to reach and authenticate to a cluster: what [`super::Admin::connect`] and the pool take.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use super::auth::SaslOptions;
use super::conn::Connection;
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
    /// The connections open so far, shared by every pool built from clones of these options:
    /// one connection (and so one tunnel) per dialled address for the whole run.
    pub shared: SharedConnections,
}

/// Which open connection a dial would duplicate: the dialer, the address dialled and the TLS
/// name checked.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct ConnId {
    dialer: usize,
    dial: String,
    tls_host: String,
}

/// The live connections of one run by what they dialled. Weak: a connection lives as long as a
/// pool holds it, and a dead one is never handed out.
#[derive(Clone, Default)]
pub struct SharedConnections(Arc<Mutex<HashMap<ConnId, Weak<Connection>>>>);

impl std::fmt::Debug for SharedConnections {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SharedConnections")
            .field("open", &self.live())
            .finish()
    }
}

impl SharedConnections {
    fn id(dialer: &Arc<dyn Dialer>, dial: &str, tls_host: &str) -> ConnId {
        ConnId {
            dialer: Arc::as_ptr(dialer).cast::<()>() as usize,
            dial: dial.to_string(),
            tls_host: tls_host.to_string(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<ConnId, Weak<Connection>>> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The live connection `dialer` opened to `dial` (TLS name `tls_host`), if any.
    pub fn get(
        &self,
        dialer: &Arc<dyn Dialer>,
        dial: &str,
        tls_host: &str,
    ) -> Option<Arc<Connection>> {
        let id = Self::id(dialer, dial, tls_host);
        let mut map = self.lock();
        match map.get(&id).and_then(Weak::upgrade) {
            Some(c) if c.is_alive() => Some(c),
            _ => {
                map.remove(&id);
                None
            }
        }
    }

    /// Remember `conn`; an earlier live one for the same address wins (returned).
    pub fn put(
        &self,
        dialer: &Arc<dyn Dialer>,
        dial: &str,
        tls_host: &str,
        conn: Arc<Connection>,
    ) -> Arc<Connection> {
        let id = Self::id(dialer, dial, tls_host);
        let mut map = self.lock();
        if let Some(c) = map.get(&id).and_then(Weak::upgrade)
            && c.is_alive()
        {
            return c;
        }
        map.insert(id, Arc::downgrade(&conn));
        conn
    }

    /// How many registered connections are still alive.
    pub fn live(&self) -> usize {
        self.lock()
            .values()
            .filter(|w| w.upgrade().is_some_and(|c| c.is_alive()))
            .count()
    }
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
            shared: SharedConnections::default(),
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
