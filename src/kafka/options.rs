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
/// name checked, and who the connection is (TLS settings, SASL identity and secret, client id):
/// a connection authenticated as one user never serves a client configured as another.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct ConnId {
    dialer: usize,
    dial: String,
    tls_host: String,
    security: u64,
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
    fn id(dialer: &Arc<dyn Dialer>, dial: &str, tls_host: &str, security: u64) -> ConnId {
        ConnId {
            dialer: Arc::as_ptr(dialer).cast::<()>() as usize,
            dial: dial.to_string(),
            tls_host: tls_host.to_string(),
            security,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<ConnId, Weak<Connection>>> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The live connection `dialer` opened to `dial` (TLS name `tls_host`) with the same
    /// security settings ([`ConnectOptions::security_key`]), if any.
    pub fn get(
        &self,
        dialer: &Arc<dyn Dialer>,
        dial: &str,
        tls_host: &str,
        security: u64,
    ) -> Option<Arc<Connection>> {
        let id = Self::id(dialer, dial, tls_host, security);
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
        security: u64,
        conn: Arc<Connection>,
    ) -> Arc<Connection> {
        let id = Self::id(dialer, dial, tls_host, security);
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

/// Rewrite an advertised "host:port" through the address map.
pub fn map_address(map: &BTreeMap<String, String>, advertised: &str) -> String {
    map.get(advertised)
        .cloned()
        .unwrap_or_else(|| advertised.to_string())
}

impl ConnectOptions {
    /// Who a connection made with these options is: its TLS settings, SASL mechanism, user and
    /// password, and client id, folded into one number (the secret itself is not kept).
    pub fn security_key(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        format!("{:?}", self.tls).hash(&mut h);
        if let Some(s) = &self.sasl {
            format!("{:?}", s.mechanism).hash(&mut h);
            s.username.hash(&mut h);
            s.password.expose().hash(&mut h);
        }
        self.client_id.hash(&mut h);
        h.finish()
    }

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
        map_address(&self.address_map, advertised)
    }

    /// A byte stream to the broker advertising `advertised`, on the chosen route. TLS, when
    /// used, must check the certificate against the advertised host, not the dialled address.
    pub async fn dial_advertised(&self, advertised: &str) -> std::io::Result<BoxStream> {
        let to = self.dial_address(advertised);
        self.dialer.dial(&to).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kafka::auth::{SaslMechanism, SaslOptions, Secret};

    fn with_password(p: &str) -> ConnectOptions {
        let mut o = ConnectOptions::new(vec!["127.0.0.1:9092".into()]);
        o.sasl = Some(SaslOptions {
            mechanism: SaslMechanism::ScramSha512,
            username: "admin".into(),
            password: Secret::new(p),
        });
        o
    }

    #[test]
    fn a_connection_is_shared_only_between_the_same_credentials() {
        let a = with_password("right");
        assert_eq!(a.security_key(), a.clone().security_key());
        assert_ne!(a.security_key(), with_password("wrong").security_key());
        let mut other_user = a.clone();
        if let Some(s) = other_user.sasl.as_mut() {
            s.username = "someone-else".into();
        }
        assert_ne!(a.security_key(), other_user.security_key());
        let mut plaintext = a.clone();
        plaintext.sasl = None;
        assert_ne!(a.security_key(), plaintext.security_key());
    }
}
