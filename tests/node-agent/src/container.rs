//! The container shim: `node-agent container SPEC` enters the pod's network namespace, creates
//! the container's own mount, UTS and PID namespaces, mounts the image paths, volumes and pod
//! files, sets the hostname and forks the container's first process (PID 1 of its namespace,
//! with its own /proc). The shim stays as that process's parent: it forwards signals to it and
//! exits with its status (128 + signal when it was killed), and the agent reads the container's
//! host pid from fd 3. As for any container, a signal reaches PID 1 only if it handles it, and
//! when PID 1 ends the kernel ends every other process of the container.
//!
//! This runs without an async runtime and single-threaded: it forks.

use std::ffi::{CString, OsStr};
use std::fs::{self, File};
use std::io::Write;
use std::os::fd::{AsRawFd, FromRawFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};

use crate::mounts::{Mount, MountKind};

/// Everything the shim needs, written by the agent as JSON.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ShimSpec {
    /// The pod's network namespace (`/run/netns/...`).
    pub netns: PathBuf,
    pub hostname: String,
    pub mounts: Vec<Mount>,
    pub argv: Vec<String>,
    pub env: Vec<(String, String)>,
    pub workdir: String,
}

/// The shim writes `<pid>\n` (or `error: ...\n`) here, then closes it.
pub const REPORT_FD: i32 = 3;

fn report(line: &str) {
    // SAFETY: fd 3 is the pipe the agent handed over; ManuallyDrop leaves closing it to the
    // caller.
    let mut f = std::mem::ManuallyDrop::new(unsafe { File::from_raw_fd(REPORT_FD) });
    let _ = f.write_all(line.as_bytes());
}

/// In the forked child: says what failed on stderr (the container log) and exits like a runtime
/// that could not start the process.
///
/// # Safety
/// Only to be called in the child after fork.
unsafe fn child_fail(what: &str) -> ! {
    let e = std::io::Error::last_os_error();
    let msg = format!("node-agent: {what}: {e}\n");
    // SAFETY: writing a live buffer to stderr, then leaving without running destructors.
    unsafe {
        libc::write(2, msg.as_ptr().cast(), msg.len());
        libc::_exit(if e.raw_os_error() == Some(libc::EACCES) {
            126
        } else {
            127
        });
    }
}

pub fn shim_main(spec_path: &Path) -> anyhow::Result<()> {
    let prepared = match setup(spec_path) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("node-agent: cannot create the container: {e:#}");
            report(&format!("error: {e:#}\n"));
            // SAFETY: closing our own copy of the report pipe.
            unsafe { libc::close(REPORT_FD) };
            std::process::exit(128);
        }
    };
    run(prepared)
}

struct Prepared {
    path: CString,
    argv: Vec<CString>,
    envp: Vec<CString>,
    workdir: CString,
}

fn cstr(s: impl AsRef<OsStr>) -> anyhow::Result<CString> {
    CString::new(s.as_ref().as_bytes()).context("a string holds a NUL byte")
}

fn check(rc: libc::c_int, what: impl FnOnce() -> String) -> anyhow::Result<()> {
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error()).with_context(what)
    }
}

fn mount(
    source: Option<&Path>,
    target: &Path,
    fstype: Option<&str>,
    flags: libc::c_ulong,
    data: Option<&str>,
) -> anyhow::Result<()> {
    let src = source.map(cstr).transpose()?;
    let tgt = cstr(target)?;
    let fs = fstype.map(cstr).transpose()?;
    let dat = data.map(cstr).transpose()?;
    // SAFETY: every pointer is a valid NUL-terminated string or null, as mount(2) expects.
    let rc = unsafe {
        libc::mount(
            src.as_ref().map_or(std::ptr::null(), |s| s.as_ptr()),
            tgt.as_ptr(),
            fs.as_ref().map_or(std::ptr::null(), |s| s.as_ptr()),
            flags,
            dat.as_ref()
                .map_or(std::ptr::null(), |s| s.as_ptr().cast::<libc::c_void>()),
        )
    };
    check(rc, || {
        format!(
            "mount {} on {} ({})",
            source.map(|s| s.display().to_string()).unwrap_or_default(),
            target.display(),
            fstype.unwrap_or("bind")
        )
    })
}

/// Mount points below `/run/netns`: the pods' network namespaces. A private copy of them would
/// keep other pods' namespaces alive after `ip netns del`, so the container drops them.
fn detach_netns_mounts() {
    let Ok(info) = fs::read_to_string("/proc/self/mountinfo") else {
        return;
    };
    let mut points: Vec<String> = info
        .lines()
        .filter_map(|l| l.split(' ').nth(4))
        .map(|p| p.replace("\\040", " "))
        .filter(|p| p.starts_with("/run/netns/") || p.starts_with("/var/run/netns/"))
        .collect();
    points.sort_by_key(|p| std::cmp::Reverse(p.len()));
    for p in points {
        if let Ok(c) = cstr(&p) {
            // SAFETY: valid path string; failures only mean it was already gone.
            unsafe {
                libc::umount2(c.as_ptr(), libc::MNT_DETACH);
            }
        }
    }
}

fn ensure_target(m: &Mount) -> anyhow::Result<()> {
    let file = matches!(m.kind, MountKind::Bind { file: true, .. });
    if m.target.symlink_metadata().is_ok() {
        return Ok(());
    }
    if file {
        if let Some(parent) = m.target.parent() {
            fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        File::create(&m.target)
            .with_context(|| format!("cannot create mount point {}", m.target.display()))?;
    } else {
        fs::create_dir_all(&m.target)
            .with_context(|| format!("cannot create mount point {}", m.target.display()))?;
    }
    Ok(())
}

/// A path opened before any mount: mounts that come first may shadow where it lives (a volume
/// mounted at /work hides /work/...), so sources are used through their descriptor.
struct Held(fs::File);

impl Held {
    fn open(p: &Path) -> anyhow::Result<Held> {
        use std::os::unix::fs::OpenOptionsExt;
        fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_PATH)
            .open(p)
            .map(Held)
            .with_context(|| format!("cannot open {}", p.display()))
    }

    fn path(&self) -> PathBuf {
        PathBuf::from(format!("/proc/self/fd/{}", self.0.as_raw_fd()))
    }
}

/// A mount with its sources already held open.
struct Ready<'a> {
    m: &'a Mount,
    sources: Vec<Held>,
}

fn hold_sources(m: &Mount) -> anyhow::Result<Ready<'_>> {
    let sources = match &m.kind {
        MountKind::Tmpfs => Vec::new(),
        MountKind::Overlay { lower, upper, work } => {
            for d in [upper, work] {
                fs::create_dir_all(d).with_context(|| format!("cannot create {}", d.display()))?;
            }
            vec![Held::open(lower)?, Held::open(upper)?, Held::open(work)?]
        }
        MountKind::Bind { source, .. } => vec![Held::open(source)?],
    };
    Ok(Ready { m, sources })
}

fn do_mount(r: &Ready<'_>) -> anyhow::Result<()> {
    let m = r.m;
    ensure_target(m)?;
    match &m.kind {
        MountKind::Tmpfs => mount(
            Some(Path::new("tmpfs")),
            &m.target,
            Some("tmpfs"),
            libc::MS_NOSUID | libc::MS_NODEV,
            Some("mode=755"),
        ),
        MountKind::Overlay { .. } => {
            let [lower, upper, work] = [0, 1, 2].map(|i| r.sources[i].path());
            let opts = format!(
                "lowerdir={},upperdir={},workdir={}",
                lower.display(),
                upper.display(),
                work.display()
            );
            mount(
                Some(Path::new("overlay")),
                &m.target,
                Some("overlay"),
                0,
                Some(&opts),
            )
        }
        MountKind::Bind { readonly, .. } => {
            let source = r.sources[0].path();
            mount(
                Some(&source),
                &m.target,
                None,
                libc::MS_BIND | libc::MS_REC,
                None,
            )?;
            if *readonly {
                mount(
                    None,
                    &m.target,
                    None,
                    libc::MS_BIND | libc::MS_REMOUNT | libc::MS_RDONLY,
                    None,
                )?;
            }
            Ok(())
        }
    }
}

/// The executable for argv[0]: a path as given, else the first match on the container's PATH.
fn find_executable(argv0: &str, env: &[(String, String)]) -> anyhow::Result<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    if argv0.contains('/') {
        return Ok(PathBuf::from(argv0));
    }
    let path = env
        .iter()
        .rev()
        .find(|(k, _)| k == "PATH")
        .map(|(_, v)| v.as_str())
        .unwrap_or("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    for dir in path.split(':').filter(|d| !d.is_empty()) {
        let cand = Path::new(dir).join(argv0);
        if let Ok(md) = fs::metadata(&cand)
            && md.is_file()
            && md.permissions().mode() & 0o111 != 0
        {
            return Ok(cand);
        }
    }
    bail!("exec: {argv0:?}: executable file not found in $PATH ({path})")
}

fn setup(spec_path: &Path) -> anyhow::Result<Prepared> {
    let text = fs::read_to_string(spec_path)
        .with_context(|| format!("cannot read {}", spec_path.display()))?;
    let spec: ShimSpec = serde_json::from_str(&text)
        .with_context(|| format!("{} is not a container spec", spec_path.display()))?;
    if spec.argv.is_empty() {
        bail!("no command to run: the pod gives no command and the image no entrypoint or cmd");
    }
    let netns = File::open(&spec.netns).with_context(|| {
        format!(
            "cannot open the pod network namespace {}",
            spec.netns.display()
        )
    })?;
    // SAFETY: plain syscalls on a valid fd and constant flags.
    check(
        unsafe { libc::setns(netns.as_raw_fd(), libc::CLONE_NEWNET) },
        || format!("cannot enter {}", spec.netns.display()),
    )?;
    drop(netns);
    check(
        unsafe { libc::unshare(libc::CLONE_NEWNS | libc::CLONE_NEWUTS | libc::CLONE_NEWPID) },
        || "cannot create the mount, UTS and PID namespaces".into(),
    )?;
    mount(
        None,
        Path::new("/"),
        None,
        libc::MS_REC | libc::MS_PRIVATE,
        None,
    )?;
    detach_netns_mounts();
    let ready = spec
        .mounts
        .iter()
        .map(hold_sources)
        .collect::<anyhow::Result<Vec<_>>>()?;
    for r in &ready {
        do_mount(r)?;
    }
    drop(ready);
    let host = spec.hostname.as_bytes();
    // SAFETY: pointer and length of a live byte slice.
    check(
        unsafe { libc::sethostname(host.as_ptr().cast(), host.len()) },
        || format!("cannot set the hostname {}", spec.hostname),
    )?;
    let exe = find_executable(&spec.argv[0], &spec.env)?;
    Ok(Prepared {
        path: cstr(&exe)?,
        argv: spec.argv.iter().map(cstr).collect::<anyhow::Result<_>>()?,
        envp: spec
            .env
            .iter()
            .map(|(k, v)| cstr(format!("{k}={v}")))
            .collect::<anyhow::Result<_>>()?,
        workdir: cstr(&spec.workdir)?,
    })
}

const FORWARDED: &[libc::c_int] = &[
    libc::SIGTERM,
    libc::SIGINT,
    libc::SIGHUP,
    libc::SIGQUIT,
    libc::SIGUSR1,
    libc::SIGUSR2,
    libc::SIGCHLD,
];

fn exit_code(status: libc::c_int) -> i32 {
    if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else if libc::WIFSIGNALED(status) {
        128 + libc::WTERMSIG(status)
    } else {
        128
    }
}

fn run(p: Prepared) -> ! {
    // SAFETY: signal-mask and process calls with locally owned, initialised arguments. After
    // fork the child only makes syscalls and execs (this process has a single thread).
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        let mut old: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        for s in FORWARDED {
            libc::sigaddset(&mut set, *s);
        }
        libc::sigprocmask(libc::SIG_BLOCK, &set, &mut old);
        let pid = libc::fork();
        if pid < 0 {
            let e = std::io::Error::last_os_error();
            eprintln!("node-agent: cannot fork the container process: {e}");
            report(&format!("error: cannot fork: {e}\n"));
            libc::_exit(128);
        }
        if pid == 0 {
            libc::sigprocmask(libc::SIG_SETMASK, &old, std::ptr::null_mut());
            libc::close(REPORT_FD);
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
            libc::setsid();
            let proc_ = c"/proc";
            if libc::mount(
                c"proc".as_ptr(),
                proc_.as_ptr(),
                c"proc".as_ptr(),
                libc::MS_NOSUID | libc::MS_NODEV | libc::MS_NOEXEC,
                std::ptr::null(),
            ) != 0
            {
                child_fail("cannot mount /proc");
            }
            if libc::chdir(p.workdir.as_ptr()) != 0 {
                child_fail(&format!(
                    "chdir to cwd ({:?}) set in config.json failed",
                    p.workdir
                ));
            }
            let mut argv: Vec<*const libc::c_char> = p.argv.iter().map(|a| a.as_ptr()).collect();
            argv.push(std::ptr::null());
            let mut envp: Vec<*const libc::c_char> = p.envp.iter().map(|a| a.as_ptr()).collect();
            envp.push(std::ptr::null());
            libc::execve(p.path.as_ptr(), argv.as_ptr(), envp.as_ptr());
            child_fail(&format!("exec {:?} failed", p.path));
        }
        report(&format!("{pid}\n"));
        libc::close(REPORT_FD);
        loop {
            let sig = libc::sigwaitinfo(&set, std::ptr::null_mut());
            if sig < 0 {
                continue;
            }
            if sig == libc::SIGCHLD {
                let mut status = 0;
                loop {
                    let r = libc::waitpid(-1, &mut status, libc::WNOHANG);
                    if r == pid {
                        libc::_exit(exit_code(status));
                    }
                    if r <= 0 {
                        break;
                    }
                }
            } else {
                libc::kill(pid, sig);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn executables_are_found_on_the_container_path() {
        let env = vec![("PATH".to_string(), "/nonexistent:/bin:/usr/bin".to_string())];
        let sh = find_executable("sh", &env).unwrap();
        assert!(sh.ends_with("sh"), "{}", sh.display());
        assert_eq!(
            find_executable("/x/y", &env).unwrap(),
            PathBuf::from("/x/y")
        );
        let err = find_executable("no-such-program-here", &env).unwrap_err();
        assert!(
            err.to_string().contains("executable file not found"),
            "{err}"
        );
    }

    #[test]
    fn exit_codes_like_a_runtime() {
        // WIFEXITED: status = code << 8; WIFSIGNALED: status = signal number
        assert_eq!(exit_code(3 << 8), 3);
        assert_eq!(exit_code(libc::SIGKILL), 137);
        assert_eq!(exit_code(libc::SIGTERM), 143);
    }
}
