//! Shell completion.
//!
//! Two paths:
//! - `kubectl kafka completion SHELL` prints a static script generated from the command tree
//!   ([`scripts`], clap_complete) for the `kubectl-kafka` executable; the same scripts are
//!   committed under `completions/`. `completion install` puts kubectl's helper on PATH
//!   ([`install`]).
//! - kubectl 1.26 and later complete `kubectl kafka ...` by running `kubectl_complete-kafka` from
//!   PATH, which calls the hidden `kubectl-kafka __complete ARGS... WORD`. That answer is computed
//!   in [`argv`] (pure: argv + command tree → what is wanted, then filter and format) with live
//!   candidates from the cluster ([`live`]) under a short time limit.
//!
//! The command tree is handed in by the caller (`cli`, which assembles it): this verb completes
//! whatever tree it is given.

pub mod argv;
pub mod install;
pub mod live;
pub mod scripts;

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Command, Subcommand};
pub use clap_complete::Shell;

pub use self::live::complete_main;
pub use self::scripts::{SCRIPTS, script_for, write_scripts};
use crate::error::{Error, ExitStatus, Result};

/// The hidden subcommand kubectl_complete-kafka calls.
pub const COMPLETE_SUBCOMMAND: &str = "__complete";

/// The executable the static scripts complete (`kubectl kafka` itself is completed through kubectl).
pub const BIN_NAME: &str = "kubectl-kafka";

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct CompletionArgs {
    #[command(subcommand)]
    pub action: Option<CompletionAction>,

    /// Shell to print the completion script for
    #[arg(value_enum)]
    pub shell: Option<clap_complete::Shell>,
}

#[derive(Debug, Subcommand)]
pub enum CompletionAction {
    /// Install kubectl_complete-kafka so that `kubectl kafka <TAB>` completes (kubectl 1.26+)
    Install {
        /// Directory on PATH to write the helper into (default: where kubectl-kafka is)
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

/// `kubectl kafka completion SHELL` prints the script for the command tree `tree`;
/// `kubectl kafka completion install` installs kubectl's helper.
pub fn run(args: &CompletionArgs, tree: &Command, out: &mut dyn Write) -> Result<ExitStatus> {
    match (&args.action, args.shell) {
        (Some(CompletionAction::Install { dir }), _) => {
            install::install(dir.as_deref(), out)?;
        }
        (None, Some(shell)) => scripts::print(tree.clone(), shell, out)?,
        (None, None) => {
            return Err(Error::usage(
                "give a shell (bash, zsh, fish, powershell, elvish) or `install`",
            ));
        }
    }
    Ok(ExitStatus::Ok)
}
