//! Errors as types, each carrying the exit code ARCHITECTURE.md assigns to it.
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
    /// Kafka admin-plane failure: a broker's error code, or no usable answer at all.
    #[error(transparent)]
    Kafka(#[from] KafkaError),
    /// Anything else that made the operation fail.
    #[error("{0}")]
    Failed(String),
}

/// A failure on the Kafka admin plane. It carries the broker's error code when a broker answered
/// with one, and the failure it adds context to, if any ([`std::error::Error::source`]). Its
/// text is the whole story (context, then the cause, then what to do), so it reads complete
/// wherever it is printed; the typed cause is for code that needs it.
#[derive(Debug)]
pub struct KafkaError {
    message: String,
    code: Option<i16>,
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
    hint: Option<String>,
}

impl KafkaError {
    /// A failure without an error code (connection, TLS, protocol).
    pub fn new(message: impl fmt::Display) -> Self {
        KafkaError {
            message: message.to_string(),
            code: None,
            source: None,
            hint: None,
        }
    }

    /// A broker's answer with error `code` (protocol value); `message` says what it means.
    pub fn with_code(code: i16, message: impl fmt::Display) -> Self {
        KafkaError {
            code: Some(code),
            ..Self::new(message)
        }
    }

    /// `message`, caused by `source` (its text follows the message).
    pub fn caused_by(
        message: impl fmt::Display,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        KafkaError {
            source: Some(Box::new(source)),
            ..Self::new(message)
        }
    }

    /// Say what was being done when `self` happened; the error code stays reachable.
    pub fn context(self, what: impl fmt::Display) -> Self {
        KafkaError {
            code: self.code,
            ..Self::caused_by(what, self)
        }
    }

    /// Add what to do about it, after everything else.
    pub fn hint(mut self, hint: impl fmt::Display) -> Self {
        self.hint = Some(match self.hint.take() {
            Some(h) => format!("{h}; {hint}"),
            None => hint.to_string(),
        });
        self
    }

    /// The Kafka error code (protocol value) a broker answered with, here or in the cause.
    pub fn code(&self) -> Option<i16> {
        self.code
    }
}

impl fmt::Display for KafkaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(s) = &self.source {
            write!(f, ": {s}")?;
        }
        if let Some(h) = &self.hint {
            write!(f, "; {h}")?;
        }
        Ok(())
    }
}

impl std::error::Error for KafkaError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// The process exit codes.
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
    /// A Kafka failure without an error code.
    pub fn kafka(msg: impl fmt::Display) -> Self {
        Error::Kafka(KafkaError::new(msg))
    }
    pub fn kube(msg: impl fmt::Display) -> Self {
        Error::Kube(msg.to_string())
    }
    pub fn failed(msg: impl fmt::Display) -> Self {
        Error::Failed(msg.to_string())
    }

    /// The Kafka error code a broker answered with, when this is such a failure.
    pub fn kafka_code(&self) -> Option<i16> {
        match self {
            Error::Kafka(k) => k.code(),
            _ => None,
        }
    }

    /// Whether this is the Kafka error `code` (see `kafka::errors::codes`).
    pub fn is_kafka(&self, code: i16) -> bool {
        self.kafka_code() == Some(code)
    }

    /// The same error (same kind, exit code and Kafka code) with `note` added at the end.
    pub fn with_note(self, note: impl fmt::Display) -> Self {
        let add = |m: String| format!("{m}; {note}");
        match self {
            Error::Usage(m) => Error::Usage(add(m)),
            Error::Refused(m) => Error::Refused(add(m)),
            Error::Timeout(m) => Error::Timeout(add(m)),
            Error::Kube(m) => Error::Kube(add(m)),
            Error::Failed(m) => Error::Failed(add(m)),
            Error::Kafka(k) => Error::Kafka(k.hint(note)),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kafka_errors_keep_their_code_through_context_and_notes() {
        let leaf = KafkaError::with_code(
            29,
            "not authorized for topic \"t\" [TOPIC_AUTHORIZATION_FAILED]",
        );
        let e: Error = leaf
            .context("cannot set the replication throttle on topic \"t\"")
            .into();
        assert_eq!(e.kafka_code(), Some(29));
        assert!(e.is_kafka(29));
        assert_eq!(
            e.to_string(),
            "cannot set the replication throttle on topic \"t\": not authorized for topic \"t\" [TOPIC_AUTHORIZATION_FAILED]"
        );
        let source = std::error::Error::source(&e).expect("the cause is reachable");
        assert!(source.to_string().contains("[TOPIC_AUTHORIZATION_FAILED]"));

        let noted = e.with_note("the throttles were removed");
        assert_eq!(noted.exit_status(), ExitStatus::Failed);
        assert_eq!(noted.kafka_code(), Some(29));
        assert!(
            noted
                .to_string()
                .ends_with("[TOPIC_AUTHORIZATION_FAILED]; the throttles were removed"),
            "{noted}"
        );
        assert_eq!(
            noted
                .to_string()
                .matches("TOPIC_AUTHORIZATION_FAILED")
                .count(),
            1,
            "{noted}"
        );
    }

    #[test]
    fn hints_and_io_causes() {
        let io = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "connection refused");
        let e = KafkaError::caused_by("cannot connect to broker 1 at 127.0.0.1:1", io)
            .hint("check the address")
            .hint("or use --port-forward");
        assert_eq!(e.code(), None);
        assert_eq!(
            e.to_string(),
            "cannot connect to broker 1 at 127.0.0.1:1: connection refused; check the address; or use --port-forward"
        );
        let io = std::error::Error::source(&e)
            .and_then(|s| s.downcast_ref::<std::io::Error>())
            .expect("the io error is the source");
        assert_eq!(io.kind(), std::io::ErrorKind::ConnectionRefused);
        assert_eq!(Error::usage("x").with_note("y").to_string(), "x; y");
        assert!(matches!(Error::timeout("a").with_note("b"), Error::Timeout(m) if m == "a; b"));
    }
}
