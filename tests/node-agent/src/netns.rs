//! Pod network namespaces on the slot's bridge (the recipe of the testbed design):
//! a veth pair per pod, `eth0` inside with the pod address, the broad `local 127.0.0.0/8` route
//! replaced by `127.0.0.1` alone, `route_localnet` on, and the rest of 127.0.0.0/8 routed to the
//! bridge so pods reach node, Service and load-balancer addresses on the host.

use std::fs;
use std::io::Write;
use std::net::Ipv4Addr;
use std::os::fd::AsRawFd;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, bail};

use crate::addr::Cidr;

pub const NETNS_DIR: &str = "/run/netns";

pub fn path(name: &str) -> PathBuf {
    Path::new(NETNS_DIR).join(name)
}

/// The names of a pod's network namespace and host-side veth.
pub fn names(
    prefix: &str,
    namespace: &str,
    pod: &str,
    ip: Ipv4Addr,
    range: &Cidr,
) -> (String, String) {
    // Namespace names cannot hold a '.', so `<ns>.<pod>` is unambiguous; the netns of the
    // outside vantage point (`<prefix>-outside`) has none.
    let mut netns = format!("{prefix}-{namespace}.{pod}");
    netns.truncate(200);
    let index = u32::from(ip).wrapping_sub(u32::from(range.hosts().next().unwrap_or(ip))) + 1;
    (netns, format!("{prefix}p{index}"))
}

fn ip_batch(netns: Option<&str>, script: &str) -> anyhow::Result<()> {
    let mut c = Command::new("ip");
    if let Some(n) = netns {
        c.args(["-n", n]);
    }
    c.args(["-batch", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let mut child = c.spawn().context("cannot run ip (iproute2)")?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(script.as_bytes())
            .context("cannot feed commands to ip")?;
    }
    let out = child.wait_with_output().context("ip did not finish")?;
    if !out.status.success() {
        bail!(
            "ip {}-batch failed: {}\ncommands:\n{script}",
            netns.map(|n| format!("-n {n} ")).unwrap_or_default(),
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(())
}

fn set_sysctl(key: &str, value: &str) -> anyhow::Result<()> {
    let p = Path::new("/proc/sys").join(key.replace('.', "/"));
    fs::write(&p, value).with_context(|| format!("cannot set {key}={value}"))
}

/// Sets sysctls of another network namespace from a short-lived thread that enters it
/// (namespaced sysctls follow the network namespace of the thread that opens them).
fn set_sysctls_in(netns: &Path, keys: &[&str], value: &str) -> anyhow::Result<()> {
    let ns = fs::File::open(netns).with_context(|| format!("cannot open {}", netns.display()))?;
    let keys: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
    let value = value.to_string();
    std::thread::spawn(move || -> anyhow::Result<()> {
        // SAFETY: setns on a valid fd; it only changes this short-lived thread's namespace.
        if unsafe { libc::setns(ns.as_raw_fd(), libc::CLONE_NEWNET) } != 0 {
            return Err(std::io::Error::last_os_error())
                .context("cannot enter the pod network namespace");
        }
        for k in &keys {
            set_sysctl(k, &value)?;
        }
        Ok(())
    })
    .join()
    .map_err(|_| anyhow::anyhow!("the sysctl thread panicked"))?
}

/// Creates the pod's network namespace and plugs it into the bridge (replacing a leftover of
/// the same name).
pub fn create(
    netns: &str,
    veth: &str,
    bridge: &str,
    ip: Ipv4Addr,
    range: &Cidr,
) -> anyhow::Result<()> {
    if path(netns).exists() || Path::new("/sys/class/net").join(veth).exists() {
        delete(netns, veth)?;
    }
    ip_batch(
        None,
        &format!(
            "netns add {netns}\nlink add {veth} type veth peer name eth0 netns {netns}\nlink set {veth} master {bridge}\nlink set {veth} up\n"
        ),
    )?;
    set_sysctl(&format!("net.ipv4.conf.{veth}.route_localnet"), "1")?;
    set_sysctls_in(
        &path(netns),
        &[
            "net.ipv4.conf.all.route_localnet",
            "net.ipv4.conf.eth0.route_localnet",
        ],
        "1",
    )?;
    let gw = range.gateway();
    ip_batch(
        Some(netns),
        &format!(
            "link set lo up\naddr add {ip}/{p} dev eth0 scope global\nlink set eth0 up\nroute del local 127.0.0.0/8 dev lo table local\nroute replace local 127.0.0.1 dev lo table local\nroute replace 127.0.0.0/8 via {gw} dev eth0 src {ip}\n",
            p = range.prefix()
        ),
    )
}

/// Kills whatever still runs in the namespace (exec sessions outliving their container), then
/// removes the veth pair and the namespace.
pub fn delete(netns: &str, veth: &str) -> anyhow::Result<()> {
    let p = path(netns);
    if let Ok(md) = fs::metadata(&p) {
        kill_members(md.ino(), "net");
    }
    if !veth.is_empty() && Path::new("/sys/class/net").join(veth).exists() {
        let _ = Command::new("ip")
            .args(["link", "del", veth])
            .stderr(Stdio::null())
            .status();
    }
    if p.exists() {
        let st = Command::new("ip")
            .args(["netns", "del", netns])
            .stderr(Stdio::piped())
            .output()
            .context("cannot run ip netns del")?;
        if !st.status.success() {
            bail!(
                "ip netns del {netns}: {}",
                String::from_utf8_lossy(&st.stderr).trim()
            );
        }
    }
    Ok(())
}

/// SIGKILLs every process whose `kind` namespace (`net`, `mnt`) has inode `ino`.
pub fn kill_members(ino: u64, kind: &str) -> usize {
    let Ok(procs) = fs::read_dir("/proc") else {
        return 0;
    };
    let mut killed = 0;
    for e in procs.flatten() {
        let Some(pid) = e.file_name().to_str().and_then(|s| s.parse::<i32>().ok()) else {
            continue;
        };
        if fs::metadata(e.path().join("ns").join(kind)).is_ok_and(|m| m.ino() == ino) {
            // SAFETY: kill(2) with a pid read from /proc.
            unsafe {
                libc::kill(pid, libc::SIGKILL);
            }
            killed += 1;
        }
    }
    killed
}

/// Pod network namespaces and veths of this agent left by an earlier run.
pub fn leftovers(prefix: &str) -> (Vec<String>, Vec<String>) {
    let ns = fs::read_dir(NETNS_DIR)
        .map(|d| {
            d.flatten()
                .filter_map(|e| e.file_name().to_str().map(str::to_string))
                .filter(|n| n.starts_with(&format!("{prefix}-")) && n.contains('.'))
                .collect()
        })
        .unwrap_or_default();
    let veth_prefix = format!("{prefix}p");
    let links = fs::read_dir("/sys/class/net")
        .map(|d| {
            d.flatten()
                .filter_map(|e| e.file_name().to_str().map(str::to_string))
                .filter(|n| {
                    n.strip_prefix(&veth_prefix).is_some_and(|rest| {
                        !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit())
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    (ns, links)
}

/// Removes everything `leftovers` finds.
pub fn clean_leftovers(prefix: &str) -> usize {
    let (namespaces, links) = leftovers(prefix);
    let n = namespaces.len() + links.len();
    for l in &links {
        let _ = Command::new("ip")
            .args(["link", "del", l])
            .stderr(Stdio::null())
            .status();
    }
    for ns in &namespaces {
        let _ = delete(ns, "");
    }
    n
}

/// The bridge must exist (tests/testbed/net.sh creates it) before pods can be wired.
pub fn check_bridge(bridge: &str) -> anyhow::Result<()> {
    if !Path::new("/sys/class/net")
        .join(bridge)
        .join("bridge")
        .exists()
    {
        bail!(
            "bridge {bridge} does not exist: run tests/testbed/up.sh (it runs tests/testbed/net.sh up)"
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fit_kernel_limits() {
        let range: Cidr = "127.0.110.0/24".parse().unwrap();
        let (ns, veth) = names(
            "kk1",
            "kafka",
            "kafka-0",
            Ipv4Addr::new(127, 0, 110, 23),
            &range,
        );
        assert_eq!(ns, "kk1-kafka.kafka-0");
        assert_eq!(veth, "kk1p23");
        let wide: Cidr = "127.0.0.0/16".parse().unwrap();
        let (_, veth) = names("kk125xy", "a", "b", Ipv4Addr::new(127, 0, 255, 253), &wide);
        assert!(veth.len() <= 15, "{veth}");
        let long = "x".repeat(300);
        assert!(
            names("kk1", "ns", &long, Ipv4Addr::new(127, 0, 110, 1), &range)
                .0
                .len()
                <= 200
        );
    }
}
