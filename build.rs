//! Stamps build facts into the binary for `kubectl kafka version`:
//! the git commit (or "unknown" outside a git checkout, e.g. a crates.io or archive build),
//! the enabled Kubernetes API version of k8s-openapi, and the locked versions of the client crates.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());

    let commit = git(&manifest_dir, &["rev-parse", "--short=12", "HEAD"]);
    let dirty = commit.is_some()
        && git(
            &manifest_dir,
            &["status", "--porcelain", "--untracked-files=no"],
        )
        .is_some_and(|s| !s.is_empty());
    let commit = match commit {
        Some(c) if dirty => format!("{c}-dirty"),
        Some(c) => c,
        None => "unknown".to_string(),
    };
    println!("cargo::rustc-env=KUBECTL_KAFKA_GIT_COMMIT={commit}");
    watch_git(&manifest_dir);

    // k8s-openapi exports its enabled version as 0x00_MM_NN_00 through its `links` metadata;
    // the links name carries the crate version: DEP_K8S_OPENAPI_<crate version>_VERSION.
    let mut k8s_api = "unknown".to_string();
    let mut k8s_openapi_crate = "unknown".to_string();
    for (key, value) in std::env::vars() {
        if let Some(rest) = key.strip_prefix("DEP_K8S_OPENAPI_")
            && let Some(crate_version) = rest.strip_suffix("_VERSION")
            && let Ok(v) = value.parse::<u32>()
        {
            k8s_api = format!("{}.{}", (v >> 16) & 0xff, (v >> 8) & 0xff);
            k8s_openapi_crate = crate_version.to_string();
        }
    }
    println!("cargo::rustc-env=KUBECTL_KAFKA_K8S_API={k8s_api}");
    println!("cargo::rustc-env=KUBECTL_KAFKA_K8S_OPENAPI_CRATE={k8s_openapi_crate}");

    let lock = std::fs::read_to_string(manifest_dir.join("Cargo.lock")).unwrap_or_default();
    for (krate, var) in [
        ("kafka-protocol", "KUBECTL_KAFKA_KAFKA_PROTOCOL_CRATE"),
        ("kube", "KUBECTL_KAFKA_KUBE_CRATE"),
    ] {
        let version = locked_version(&lock, krate).unwrap_or_else(|| "unknown".to_string());
        println!("cargo::rustc-env={var}={version}");
    }
    println!("cargo::rerun-if-changed=Cargo.lock");
    println!("cargo::rerun-if-changed=build.rs");

    let target = std::env::var("TARGET").unwrap_or_else(|_| "unknown".to_string());
    println!("cargo::rustc-env=KUBECTL_KAFKA_TARGET={target}");
}

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    // --no-optional-locks: `git status` must not refresh the index, or the index watched below
    // would change on every build and rebuild the crate every time.
    let out = Command::new("git")
        .arg("--no-optional-locks")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    Some(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Re-run when HEAD moves: HEAD itself, the branch ref it points to, and packed-refs.
fn watch_git(dir: &Path) {
    let abs = |p: String| {
        let p = PathBuf::from(p);
        if p.is_absolute() { p } else { dir.join(p) }
    };
    if let Some(git_dir) = git(dir, &["rev-parse", "--git-dir"]).map(abs) {
        println!("cargo::rerun-if-changed={}", git_dir.join("HEAD").display());
        println!(
            "cargo::rerun-if-changed={}",
            git_dir.join("index").display()
        );
    }
    if let Some(common) = git(dir, &["rev-parse", "--git-common-dir"]).map(abs) {
        println!(
            "cargo::rerun-if-changed={}",
            common.join("packed-refs").display()
        );
        if let Some(head_ref) = git(dir, &["symbolic-ref", "-q", "HEAD"]) {
            println!(
                "cargo::rerun-if-changed={}",
                common.join(head_ref).display()
            );
        }
    }
}

/// The version of `name` in a Cargo.lock (`name = "x"` followed by `version = "y"`).
fn locked_version(lock: &str, name: &str) -> Option<String> {
    let needle = format!("name = \"{name}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == needle {
            let next = lines.next()?.trim();
            return next
                .strip_prefix("version = \"")
                .and_then(|v| v.strip_suffix('"'))
                .map(str::to_string);
        }
    }
    None
}
