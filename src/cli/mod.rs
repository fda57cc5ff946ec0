//! clap definitions and kubectl-style global flags.

use std::ffi::OsString;
use std::process::ExitCode;

pub fn run<I, T>(_args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    ExitCode::SUCCESS
}
