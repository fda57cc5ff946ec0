//! Static completion scripts, generated from the command tree by clap_complete.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Command;
use clap_complete::Shell;

use super::BIN_NAME;
use crate::error::{Error, Result};

/// The shells with a committed script, and the file name under completions/ for each.
pub const SCRIPTS: [(Shell, &str); 4] = [
    (Shell::Bash, "kubectl-kafka.bash"),
    (Shell::Zsh, "_kubectl-kafka"),
    (Shell::Fish, "kubectl-kafka.fish"),
    (Shell::PowerShell, "kubectl-kafka.ps1"),
];

/// The completion script for `shell`, generated from the command tree `cmd`.
pub fn script_for(mut cmd: Command, shell: Shell) -> Result<String> {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, BIN_NAME, &mut buf);
    String::from_utf8(buf)
        .map_err(|e| Error::failed(format!("generated {shell} completion is not UTF-8: {e}")))
}

/// Print the script for `shell` on `out`.
pub fn print(cmd: Command, shell: Shell, out: &mut dyn Write) -> Result<()> {
    let text = script_for(cmd, shell)?;
    out.write_all(text.as_bytes())
        .map_err(|e| Error::failed(format!("cannot write the completion script: {e}")))
}

/// Write every committed script for the tree `cmd` into `dir` (the regeneration path for
/// completions/).
pub fn write_scripts(cmd: &Command, dir: &Path) -> Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for (shell, file) in SCRIPTS {
        let path = dir.join(file);
        fs::write(&path, script_for(cmd.clone(), shell)?)
            .map_err(|e| Error::failed(format!("cannot write {}: {e}", path.display())))?;
        written.push(path);
    }
    Ok(written)
}
