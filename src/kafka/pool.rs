//! Connections keyed by broker, routing and retries.

use super::admin::ConnectOptions;
use crate::error::{Error, Result};

#[derive(Debug)]
pub struct Pool {
    opts: ConnectOptions,
}

impl Pool {
    pub async fn connect(opts: ConnectOptions) -> Result<Pool> {
        if opts.bootstrap.is_empty() {
            return Err(Error::usage("no bootstrap server given"));
        }
        Ok(Pool { opts })
    }
}
