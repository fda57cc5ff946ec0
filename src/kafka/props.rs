//! Kafka CLI `--command-config` properties files.

use super::auth::SaslOptions;
use super::tls::TlsOptions;
use crate::error::{Error, Result};

/// Security settings read from a properties file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CommandConfig {
    pub tls: Option<TlsOptions>,
    pub sasl: Option<SaslOptions>,
}

pub fn parse_command_config(_text: &str) -> Result<CommandConfig> {
    Err(Error::usage("--command-config is not supported yet"))
}
