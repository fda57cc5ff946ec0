//! Starting and signalling the JVMs that stand in for containers.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// Fixed settings shared by every JVM the agent starts.
#[derive(Debug, Clone)]
pub struct JvmEnv {
    pub java: PathBuf,
    pub kafka_lib: PathBuf,
    pub hosts_file: PathBuf,
    pub log4j2_config: PathBuf,
    pub log4j1_config: PathBuf,
}

pub struct Launch<'a> {
    pub main_class: &'a str,
    pub config_file: &'a Path,
    pub data_dir: &'a Path,
    /// KRaft cluster id: format the storage first when it has no meta.properties yet.
    pub format_cluster_id: Option<&'a str>,
    pub env: &'a [(String, String)],
    pub log_file: &'a Path,
    pub banner: String,
}

const JVM_FLAGS: &[&str] = &[
    "-Xms128m",
    "-Xmx256m",
    "-XX:+UseSerialGC",
    "-XX:TieredStopAtLevel=1",
    "-XX:+ExitOnOutOfMemoryError",
    "-Djava.awt.headless=true",
    // pod DNS names change as pods come and go: do not cache lookups for long
    "-Dsun.net.inetaddr.ttl=5",
    "-Dsun.net.inetaddr.negative.ttl=1",
];

// Runs the storage format (only when the data dir was never formatted) and then replaces itself
// with the server JVM, so the child's pid is the server's and SIGTERM reaches it directly.
const SCRIPT: &str = r#"java=$1; cp=$2; conf=$3; data=$4; fid=$5; main=$6; shift 6
mkdir -p "$data"
if [ -n "$fid" ] && [ ! -f "$data/meta.properties" ]; then
  echo "formatting $data with cluster id $fid"
  "$java" "$@" -cp "$cp" kafka.tools.StorageTool format -t "$fid" -c "$conf" --ignore-formatted || exit 1
fi
exec "$java" "$@" -cp "$cp" "$main" "$conf"
"#;

pub fn spawn(env: &JvmEnv, l: &Launch<'_>) -> std::io::Result<Child> {
    if let Some(dir) = l.log_file.parent() {
        fs::create_dir_all(dir)?;
    }
    let mut log = OpenOptions::new()
        .create(true)
        .append(true)
        .open(l.log_file)?;
    writeln!(log, "==== node-agent: {} ====", l.banner)?;
    let err = log.try_clone()?;
    let cp = format!("{}/*", env.kafka_lib.display());
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(SCRIPT)
        .arg("sh")
        .arg(&env.java)
        .arg(cp)
        .arg(l.config_file)
        .arg(l.data_dir)
        .arg(l.format_cluster_id.unwrap_or(""))
        .arg(l.main_class)
        .args(JVM_FLAGS)
        .arg(format!("-Djdk.net.hosts.file={}", env.hosts_file.display()))
        .arg(format!(
            "-Dlog4j2.configurationFile={}",
            env.log4j2_config.display()
        ))
        .arg(format!(
            "-Dlog4j.configuration=file:{}",
            env.log4j1_config.display()
        ))
        .arg(format!("-Dkafka.logs.dir={}", l.data_dir.display()))
        .envs(l.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .stdin(Stdio::null())
        .stdout(Stdio::from(log))
        .stderr(Stdio::from(err))
        .process_group(0);
    // SAFETY: prctl is async-signal-safe; it only asks the kernel to kill this child when the
    // agent thread that started it dies, so no JVM outlives a crashed agent.
    unsafe {
        cmd.pre_exec(|| {
            if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    cmd.spawn()
}

pub fn signal(child: &Child, sig: libc::c_int) {
    let Ok(pid) = libc::pid_t::try_from(child.id()) else {
        return;
    };
    // SAFETY: plain kill(2) on a pid we spawned and have not reaped yet.
    unsafe {
        libc::kill(pid, sig);
    }
}

pub fn append_log(path: &Path, line: &str) {
    if let Ok(mut f) = OpenOptions::new().create(true).append(true).open(path) {
        let _ = writeln!(f, "==== node-agent: {line} ====");
    }
}
