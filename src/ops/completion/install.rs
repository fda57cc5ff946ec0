//! Installing `kubectl_complete-kafka`, the helper kubectl 1.26+ runs to complete plugin arguments.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::BIN_NAME;
use crate::error::{Error, Result};

/// The helper kubectl runs to complete plugin arguments, as committed under completions/.
pub const HELPER_NAME: &str = "kubectl_complete-kafka";
pub const HELPER_SCRIPT: &str = include_str!("../../../completions/kubectl_complete-kafka");

/// Where `completion install` puts the helper without `--dir`: the first PATH directory holding
/// `kubectl-kafka` (where kubectl finds the plugin, e.g. `$KREW_ROOT/bin` for a krew install),
/// else the directory of the running executable.
pub fn default_install_dir(
    path_var: Option<&std::ffi::OsStr>,
    current_exe: Option<&Path>,
) -> Option<PathBuf> {
    if let Some(paths) = path_var {
        for dir in std::env::split_paths(paths) {
            if !dir.as_os_str().is_empty() && dir.join(BIN_NAME).is_file() {
                return Some(dir);
            }
        }
    }
    current_exe.and_then(Path::parent).map(Path::to_path_buf)
}

/// `kubectl kafka completion install [--dir DIR]`: write `kubectl_complete-kafka` (mode 0755) into DIR.
/// Returns the path written; says so on `out`.
pub fn install(dir: Option<&Path>, out: &mut dyn Write) -> Result<PathBuf> {
    let dir = match dir {
        Some(d) => d.to_path_buf(),
        None => {
            let exe = std::env::current_exe().ok();
            default_install_dir(std::env::var_os("PATH").as_deref(), exe.as_deref()).ok_or_else(
                || Error::usage("cannot tell where kubectl-kafka is installed: give --dir DIR (a directory on PATH)"),
            )?
        }
    };
    if !dir.is_dir() {
        return Err(Error::usage(format!(
            "{} is not a directory: give --dir with an existing directory on PATH",
            dir.display()
        )));
    }
    let path = dir.join(HELPER_NAME);
    fs::write(&path, HELPER_SCRIPT).map_err(|e| {
        Error::failed(format!(
            "cannot write {}: {e}; give --dir with a directory on PATH you can write to",
            path.display()
        ))
    })?;
    set_executable(&path)?;
    let on_path = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).any(|d| d == dir))
        .unwrap_or(false);
    let note = if on_path {
        String::new()
    } else {
        format!(
            " ({} is not on PATH: kubectl will not find it there)",
            dir.display()
        )
    };
    writeln!(out, "installed {}{note}", path.display())
        .map_err(|e| Error::failed(format!("cannot write: {e}")))?;
    Ok(path)
}

#[cfg(unix)]
fn set_executable(path: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o755))
        .map_err(|e| Error::failed(format!("cannot make {} executable: {e}", path.display())))
}

#[cfg(not(unix))]
fn set_executable(_path: &Path) -> Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_install_dir_prefers_the_plugin_on_path() {
        let base = std::env::temp_dir().join(format!("kk-install-{}", std::process::id()));
        let (a, b) = (base.join("a"), base.join("b"));
        fs::create_dir_all(&a).unwrap();
        fs::create_dir_all(&b).unwrap();
        fs::write(b.join(BIN_NAME), "").unwrap();
        let path = std::env::join_paths([&a, &b]).unwrap();
        let exe = base.join("elsewhere").join(BIN_NAME);
        assert_eq!(
            default_install_dir(Some(&path), Some(&exe)),
            Some(b.clone())
        );
        let path = std::env::join_paths([&a]).unwrap();
        assert_eq!(
            default_install_dir(Some(&path), Some(&exe)),
            Some(base.join("elsewhere"))
        );

        let mut out = Vec::new();
        let written = install(Some(&a), &mut out).unwrap();
        assert_eq!(fs::read_to_string(&written).unwrap(), HELPER_SCRIPT);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                fs::metadata(&written).unwrap().permissions().mode() & 0o777,
                0o755
            );
        }
        assert!(String::from_utf8(out).unwrap().contains(HELPER_NAME));
        assert!(matches!(
            install(Some(&base.join("missing")), &mut Vec::new()),
            Err(Error::Usage(_))
        ));
        fs::remove_dir_all(&base).unwrap();
    }
}
