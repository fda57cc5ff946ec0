//! IPv4 ranges of the slot (pod network, load-balancer pool). Pure.

use std::fmt;
use std::net::Ipv4Addr;
use std::str::FromStr;

/// An IPv4 network such as `127.0.110.0/24`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    network: Ipv4Addr,
    prefix: u8,
}

impl Cidr {
    fn mask(&self) -> u32 {
        if self.prefix == 0 {
            0
        } else {
            u32::MAX << (32 - u32::from(self.prefix))
        }
    }

    pub fn prefix(&self) -> u8 {
        self.prefix
    }

    pub fn contains(&self, ip: Ipv4Addr) -> bool {
        u32::from(ip) & self.mask() == u32::from(self.network)
    }

    fn first_host(&self) -> u32 {
        u32::from(self.network) + 1
    }

    fn broadcast(&self) -> u32 {
        u32::from(self.network) | !self.mask()
    }

    /// The last usable address: the pod bridge (gateway) takes it.
    pub fn gateway(&self) -> Ipv4Addr {
        Ipv4Addr::from(self.broadcast() - 1)
    }

    /// Usable addresses in order, without the network, broadcast and gateway addresses.
    pub fn hosts(&self) -> impl Iterator<Item = Ipv4Addr> + use<> {
        let (first, gateway) = (self.first_host(), u32::from(self.gateway()));
        (first..gateway).map(Ipv4Addr::from)
    }

    /// Usable addresses including the last one (load-balancer pools have no gateway).
    pub fn all_hosts(&self) -> impl Iterator<Item = Ipv4Addr> + use<> {
        (self.first_host()..self.broadcast()).map(Ipv4Addr::from)
    }
}

impl FromStr for Cidr {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let (ip, prefix) = s
            .split_once('/')
            .ok_or_else(|| format!("{s:?} is not a CIDR like 127.0.110.0/24"))?;
        let ip: Ipv4Addr = ip
            .parse()
            .map_err(|_| format!("{ip:?} in {s:?} is not an IPv4 address"))?;
        let prefix: u8 = prefix
            .parse()
            .ok()
            .filter(|p| (8..=30).contains(p))
            .ok_or_else(|| format!("prefix of {s:?} must be a number from 8 to 30"))?;
        let c = Cidr {
            network: ip,
            prefix,
        };
        if u32::from(ip) & c.mask() != u32::from(ip) {
            return Err(format!(
                "{s:?} has host bits set; the network is {}/{prefix}",
                Ipv4Addr::from(u32::from(ip) & c.mask())
            ));
        }
        if !ip.is_loopback() {
            return Err(format!(
                "{s:?} is outside 127.0.0.0/8; the testbed only uses loopback ranges"
            ));
        }
        Ok(c)
    }
}

impl fmt::Display for Cidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.network, self.prefix)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_iterates() {
        let c: Cidr = "127.0.110.0/24".parse().unwrap();
        assert_eq!(c.to_string(), "127.0.110.0/24");
        assert_eq!(c.gateway(), Ipv4Addr::new(127, 0, 110, 254));
        let hosts: Vec<_> = c.hosts().collect();
        assert_eq!(hosts.len(), 253);
        assert_eq!(hosts[0], Ipv4Addr::new(127, 0, 110, 1));
        assert_eq!(hosts[252], Ipv4Addr::new(127, 0, 110, 253));
        assert_eq!(c.all_hosts().count(), 254);
        assert!(c.contains(Ipv4Addr::new(127, 0, 110, 77)));
        assert!(!c.contains(Ipv4Addr::new(127, 0, 111, 1)));
        let small: Cidr = "127.0.112.0/30".parse().unwrap();
        assert_eq!(
            small.hosts().collect::<Vec<_>>(),
            [Ipv4Addr::new(127, 0, 112, 1)]
        );
    }

    #[test]
    fn rejects_bad_ranges() {
        for bad in [
            "127.0.110.1/24",
            "10.0.0.0/24",
            "127.0.110.0",
            "127.0.110.0/31",
            "x/24",
        ] {
            assert!(bad.parse::<Cidr>().is_err(), "{bad} accepted");
        }
    }
}
