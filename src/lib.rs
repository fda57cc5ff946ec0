//! kubectl-kafka: the Kafka broker lifecycle from wherever `kubectl` works.
//!
//! Layers, top to bottom (nothing below calls up), as ARCHITECTURE.md describes:
//! - [`cli`]: clap definitions and kubectl-style global flags; parses, hands a typed request down.
//! - [`ops`]: one module per verb; orchestration only.
//! - pure logic, no I/O: [`plan`] (replica placement), [`safety`] (may this broker restart now?),
//!   [`model`] (cluster snapshot).
//! - clients: [`k8s`] (kube-rs) and [`kafka`] (admin plane over the kafka-protocol codec).
//! - [`output`]: tables, JSON, YAML, progress bars.

pub mod cli;
pub mod deadline;
pub mod error;
pub mod k8s;
pub mod kafka;
pub mod model;
pub mod ops;
pub mod output;
pub mod plan;
pub mod safety;
#[cfg(test)]
mod testkit;

use std::ffi::OsString;
use std::process::ExitCode;

pub use error::{Error, ExitStatus, Result};

/// Parse the arguments, run the command, print any error on stderr and map it to an exit code.
pub fn run_from_args<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    cli::run(args)
}
