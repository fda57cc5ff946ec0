//! Errors as types, each carrying the exit code DESIGN.md assigns to it.
//!
//! 0 done · 1 operation failed · 2 usage / bad input · 3 refused by a safety check · 4 timed out.

use std::fmt;

/// What went wrong, in terms a user can act on. The message says what was wrong and what to do.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad flags, arguments, names or files: the user must change the command.
    #[error("{0}")]
    Usage(String),
    /// A safety check refused: nothing unsafe was done.
    #[error("{0}")]
    Refused(String),
    /// Waited for a condition longer than allowed.
    #[error("{0}")]
    Timeout(String),
    /// Kubernetes API failure (not found, RBAC, unreachable).
    #[error("{0}")]
    Kube(String),
    /// Kafka admin-plane failure (connection, protocol, error codes).
    #[error("{0}")]
    Kafka(String),
    /// Anything else that made the operation fail.
    #[error("{0}")]
    Failed(String),
}

/// The process exit codes of DESIGN.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    Ok = 0,
    Failed = 1,
    Usage = 2,
    Refused = 3,
    Timeout = 4,
}

impl Error {
    pub fn exit_status(&self) -> ExitStatus {
        match self {
            Error::Usage(_) => ExitStatus::Usage,
            Error::Refused(_) => ExitStatus::Refused,
            Error::Timeout(_) => ExitStatus::Timeout,
            Error::Kube(_) | Error::Kafka(_) | Error::Failed(_) => ExitStatus::Failed,
        }
    }

    pub fn usage(msg: impl fmt::Display) -> Self {
        Error::Usage(msg.to_string())
    }
    pub fn refused(msg: impl fmt::Display) -> Self {
        Error::Refused(msg.to_string())
    }
    pub fn timeout(msg: impl fmt::Display) -> Self {
        Error::Timeout(msg.to_string())
    }
    pub fn kafka(msg: impl fmt::Display) -> Self {
        Error::Kafka(msg.to_string())
    }
    pub fn kube(msg: impl fmt::Display) -> Self {
        Error::Kube(msg.to_string())
    }
    pub fn failed(msg: impl fmt::Display) -> Self {
        Error::Failed(msg.to_string())
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
