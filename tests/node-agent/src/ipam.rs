//! Pod address management: one address of the pod network per pod name (kept while a pod of
//! that name exists, so a StatefulSet pod comes back with its address, as some CNIs do), handed
//! out round-robin so a freed address is not reused at once, and freed when no pod of that name
//! has existed for a while. Pure apart from the JSON it is saved as.

use std::collections::{BTreeMap, BTreeSet};
use std::net::Ipv4Addr;

use serde::{Deserialize, Serialize};

use crate::addr::Cidr;

#[derive(Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Ipam {
    /// `namespace/name` → address.
    pub assigned: BTreeMap<String, Ipv4Addr>,
    /// The last address handed out; the next search starts after it.
    #[serde(default)]
    pub last: Option<Ipv4Addr>,
}

impl Ipam {
    pub fn get(&self, key: &str) -> Option<Ipv4Addr> {
        self.assigned.get(key).copied()
    }

    /// The address of `key`, allocating the next free one of `range` if it has none.
    pub fn allocate(&mut self, key: &str, range: &Cidr) -> Option<Ipv4Addr> {
        if let Some(ip) = self.get(key) {
            return Some(ip);
        }
        let used: BTreeSet<Ipv4Addr> = self.assigned.values().copied().collect();
        let hosts: Vec<Ipv4Addr> = range.hosts().collect();
        let start = self
            .last
            .and_then(|l| hosts.iter().position(|h| *h == l))
            .map(|i| i + 1)
            .unwrap_or(0);
        let ip = (0..hosts.len())
            .map(|i| hosts[(start + i) % hosts.len()])
            .find(|h| !used.contains(h))?;
        self.assigned.insert(key.to_string(), ip);
        self.last = Some(ip);
        Some(ip)
    }

    /// Frees the addresses of keys not in `keep`; true when something changed.
    pub fn release_all_but(&mut self, keep: &BTreeSet<String>) -> bool {
        let before = self.assigned.len();
        self.assigned.retain(|k, _| keep.contains(k));
        before != self.assigned.len()
    }

    /// Drops addresses outside `range` (the pod network was moved).
    pub fn retain_in(&mut self, range: &Cidr) {
        self.assigned.retain(|_, ip| range.contains(*ip));
        if self.last.is_some_and(|l| !range.contains(l)) {
            self.last = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sticky_round_robin_and_release() {
        let range: Cidr = "127.0.110.0/29".parse().unwrap();
        let mut ipam = Ipam::default();
        let a = ipam.allocate("ns/a", &range).unwrap();
        assert_eq!(a, Ipv4Addr::new(127, 0, 110, 1));
        assert_eq!(ipam.allocate("ns/a", &range), Some(a));
        let b = ipam.allocate("ns/b", &range).unwrap();
        assert_eq!(b, Ipv4Addr::new(127, 0, 110, 2));
        assert!(ipam.release_all_but(&["ns/b".to_string()].into()));
        // a's address is free again but not reused at once
        let c = ipam.allocate("ns/c", &range).unwrap();
        assert_eq!(c, Ipv4Addr::new(127, 0, 110, 3));
        // a /29 has .1 to .5 for pods (.6 is the gateway)
        let mut got = vec![b, c];
        for k in ["d", "e", "f"] {
            if let Some(ip) = ipam.allocate(&format!("ns/{k}"), &range) {
                got.push(ip);
            }
        }
        assert_eq!(got.len(), 5, "{got:?}");
        assert!(
            got.contains(&Ipv4Addr::new(127, 0, 110, 1)),
            "wrapped around: {got:?}"
        );
        assert!(!got.contains(&range.gateway()));
        assert_eq!(ipam.allocate("ns/g", &range), None, "range exhausted");
        let json = serde_json::to_string(&ipam).unwrap();
        let back: Ipam = serde_json::from_str(&json).unwrap();
        assert_eq!(back, ipam);
    }

    #[test]
    fn old_maps_without_cursor_load() {
        let ipam: Ipam =
            serde_json::from_str(r#"{"assigned":{"kafka/kafka-0":"127.0.100.1"}}"#).unwrap();
        assert_eq!(
            ipam.get("kafka/kafka-0"),
            Some(Ipv4Addr::new(127, 0, 100, 1))
        );
        let mut moved = ipam;
        moved.retain_in(&"127.0.110.0/24".parse().unwrap());
        assert!(moved.assigned.is_empty());
    }
}
