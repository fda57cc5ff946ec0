//! Kafka error codes → messages a user can act on. The code itself travels typed in
//! [`crate::error::KafkaError`] (callers test it with `Error::is_kafka`); the message names it too.

use kafka_protocol::error::ResponseError;

use crate::error::KafkaError;

/// Error codes callers commonly test for (values fixed by the Kafka protocol).
pub mod codes {
    pub const OFFSET_OUT_OF_RANGE: i16 = 1;
    pub const CORRUPT_MESSAGE: i16 = 2;
    pub const NOT_LEADER_OR_FOLLOWER: i16 = 6;
    pub const MESSAGE_TOO_LARGE: i16 = 10;
    pub const NOT_ENOUGH_REPLICAS: i16 = 19;
    pub const NOT_ENOUGH_REPLICAS_AFTER_APPEND: i16 = 20;
    pub const UNKNOWN_TOPIC_OR_PARTITION: i16 = 3;
    pub const LEADER_NOT_AVAILABLE: i16 = 5;
    pub const REQUEST_TIMED_OUT: i16 = 7;
    pub const NETWORK_EXCEPTION: i16 = 13;
    pub const INVALID_TOPIC_EXCEPTION: i16 = 17;
    pub const TOPIC_AUTHORIZATION_FAILED: i16 = 29;
    pub const CLUSTER_AUTHORIZATION_FAILED: i16 = 31;
    pub const UNSUPPORTED_SASL_MECHANISM: i16 = 33;
    pub const UNSUPPORTED_VERSION: i16 = 35;
    pub const TOPIC_ALREADY_EXISTS: i16 = 36;
    pub const INVALID_PARTITIONS: i16 = 37;
    pub const INVALID_REPLICATION_FACTOR: i16 = 38;
    pub const INVALID_REPLICA_ASSIGNMENT: i16 = 39;
    pub const INVALID_CONFIG: i16 = 40;
    pub const NOT_CONTROLLER: i16 = 41;
    pub const INVALID_REQUEST: i16 = 42;
    pub const POLICY_VIOLATION: i16 = 44;
    pub const SASL_AUTHENTICATION_FAILED: i16 = 58;
    pub const REASSIGNMENT_IN_PROGRESS: i16 = 60;
    pub const TOPIC_DELETION_DISABLED: i16 = 73;
    pub const PREFERRED_LEADER_NOT_AVAILABLE: i16 = 80;
    pub const ELIGIBLE_LEADERS_NOT_AVAILABLE: i16 = 83;
    pub const ELECTION_NOT_NEEDED: i16 = 84;
    pub const NO_REASSIGNMENT_IN_PROGRESS: i16 = 85;
    pub const THROTTLING_QUOTA_EXCEEDED: i16 = 89;
    pub const UNKNOWN_TOPIC_ID: i16 = 100;
    pub const BROKER_ID_NOT_REGISTERED: i16 = 102;
}

/// What an error is about, so the message can name it and give numbers.
#[derive(Debug, Clone, Default)]
pub struct ErrorContext<'a> {
    /// e.g. `topic "orders"`, `broker 2`, `partition orders-3`.
    pub subject: &'a str,
    /// Requested replication factor (create topic), to explain INVALID_REPLICATION_FACTOR.
    pub replication_factor: Option<i16>,
    /// Number of live brokers, to explain INVALID_REPLICATION_FACTOR.
    pub broker_count: Option<usize>,
}

/// The error a broker answered with `code` (and its own words, `broker_message`) means, as a
/// typed error whose message ends with the code's name, e.g. `[TOPIC_ALREADY_EXISTS]`.
pub fn broker_error(code: i16, broker_message: Option<&str>, ctx: &ErrorContext<'_>) -> KafkaError {
    KafkaError::with_code(
        code,
        format!(
            "{} [{}]",
            describe(code, broker_message, ctx),
            code_name(code)
        ),
    )
}

/// Whether Kafka marks the code retriable (plus codes that mean "try again after a refresh").
pub fn is_retriable(code: i16) -> bool {
    match ResponseError::try_from_code(code) {
        None => false,
        Some(e) => e.is_retriable() || code == codes::NOT_CONTROLLER,
    }
}

/// `TopicAlreadyExists` → `TOPIC_ALREADY_EXISTS`; unknown codes → `ERROR_CODE_<n>`.
pub fn code_name(code: i16) -> String {
    match ResponseError::try_from_code(code) {
        None => "NONE".to_string(),
        Some(ResponseError::Unknown(c)) => format!("ERROR_CODE_{c}"),
        Some(e) => screaming_snake(&format!("{e:?}")),
    }
}

fn screaming_snake(camel: &str) -> String {
    let mut out = String::with_capacity(camel.len() + 8);
    for (i, ch) in camel.chars().enumerate() {
        if ch.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(ch.to_ascii_uppercase());
    }
    out
}

/// The message for a code: what was wrong and what to do, with the broker's own words when useful.
pub fn describe(code: i16, broker_message: Option<&str>, ctx: &ErrorContext<'_>) -> String {
    let subject = if ctx.subject.is_empty() {
        "the request"
    } else {
        ctx.subject
    };
    let detail = broker_message
        .map(str::trim)
        .filter(|m| !m.is_empty())
        .map(|m| format!(": {m}"))
        .unwrap_or_default();
    match code {
        codes::TOPIC_ALREADY_EXISTS => format!("{subject} already exists"),
        codes::UNKNOWN_TOPIC_OR_PARTITION | codes::UNKNOWN_TOPIC_ID => {
            format!("{subject} does not exist; check the name with `kubectl kafka topics list`")
        }
        codes::INVALID_TOPIC_EXCEPTION => format!(
            "invalid topic name for {subject}{detail}; names use ASCII letters, digits, '.', '_' and '-', at most 249 characters"
        ),
        codes::INVALID_REPLICATION_FACTOR => match (ctx.replication_factor, ctx.broker_count) {
            (Some(rf), Some(n)) if rf as usize > n => format!(
                "replication factor {rf} is larger than the {n} available brokers; use a replication factor of at most {n}"
            ),
            (Some(rf), _) if rf < 1 && rf != -1 => {
                format!("replication factor {rf} is invalid; it must be at least 1")
            }
            _ => format!("invalid replication factor for {subject}{detail}"),
        },
        codes::INVALID_PARTITIONS => format!(
            "invalid partition count for {subject}{detail}; a topic needs at least 1 partition and partitions can only be added, never removed"
        ),
        codes::INVALID_REPLICA_ASSIGNMENT => {
            format!(
                "invalid replica assignment for {subject}{detail}; every replica must be a live broker id, listed once"
            )
        }
        codes::INVALID_CONFIG => format!("invalid configuration for {subject}{detail}"),
        codes::POLICY_VIOLATION => {
            format!("the brokers' policy refused the change to {subject}{detail}")
        }
        codes::TOPIC_AUTHORIZATION_FAILED => format!(
            "not authorized for {subject}{detail}; the client's principal needs an ACL on the topic (e.g. Alter, Describe, Create or Delete)"
        ),
        codes::CLUSTER_AUTHORIZATION_FAILED => format!(
            "not authorized for {subject}{detail}; the client's principal needs Alter/Describe ACLs on the Cluster resource"
        ),
        codes::TOPIC_DELETION_DISABLED => format!(
            "cannot delete {subject}: topic deletion is disabled on the brokers (delete.topic.enable=false)"
        ),
        codes::NO_REASSIGNMENT_IN_PROGRESS => {
            format!("no reassignment is in progress for {subject}; there is nothing to cancel")
        }
        codes::REASSIGNMENT_IN_PROGRESS => format!(
            "a reassignment is already in progress for {subject}; wait for it to finish or cancel it first"
        ),
        codes::PREFERRED_LEADER_NOT_AVAILABLE | codes::ELIGIBLE_LEADERS_NOT_AVAILABLE => format!(
            "cannot elect a leader for {subject}{detail}; the preferred replica is not alive or not in sync yet, retry once it has caught up"
        ),
        codes::ELECTION_NOT_NEEDED => format!("{subject} already has its preferred leader"),
        codes::SASL_AUTHENTICATION_FAILED => format!(
            "SASL authentication failed{detail}; check the username, password and sasl.mechanism"
        ),
        codes::UNSUPPORTED_SASL_MECHANISM => format!(
            "the broker does not accept this SASL mechanism{detail}; set sasl.mechanism to one the listener enables"
        ),
        codes::UNSUPPORTED_VERSION => format!(
            "the broker does not support this request for {subject}{detail}; the broker version may be too old for this operation"
        ),
        codes::NOT_ENOUGH_REPLICAS => format!(
            "{subject} was refused: fewer replicas are in sync than min.insync.replicas{detail}; the record was not written (see `kubectl kafka status`)"
        ),
        codes::NOT_ENOUGH_REPLICAS_AFTER_APPEND => format!(
            "{subject} was written by the leader, but too few replicas stayed in sync to acknowledge it (acks=all){detail}"
        ),
        codes::NOT_LEADER_OR_FOLLOWER => format!(
            "{subject} reached a broker that does not lead the partition (leadership moved){detail}"
        ),
        codes::OFFSET_OUT_OF_RANGE => format!(
            "{subject}: the offset is outside the partition's log (deleted by retention or not written yet){detail}"
        ),
        codes::INVALID_REQUEST => format!("the broker rejected the request for {subject}{detail}"),
        codes::THROTTLING_QUOTA_EXCEEDED => format!(
            "the broker's controller mutation quota was exceeded for {subject}{detail}; retry later or with fewer changes at once"
        ),
        _ if is_retriable(code) => format!(
            "{subject} failed with a transient broker error{detail} ({}); the cluster may be electing a leader or controller, retry shortly",
            code_name(code)
        ),
        _ => match ResponseError::try_from_code(code) {
            Some(ResponseError::Unknown(c)) => {
                format!("{subject} failed with unknown error code {c}{detail}")
            }
            Some(e) => format!("{subject} failed{detail} ({e})"),
            None => format!("{subject} failed{detail}"),
        },
    }
}

/// Turn a response code into `Ok(())` or a typed error.
pub fn check(
    code: i16,
    broker_message: Option<&str>,
    ctx: &ErrorContext<'_>,
) -> Result<(), KafkaError> {
    if code == 0 {
        Ok(())
    } else {
        Err(broker_error(code, broker_message, ctx))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_protocol_names() {
        assert_eq!(
            code_name(codes::TOPIC_ALREADY_EXISTS),
            "TOPIC_ALREADY_EXISTS"
        );
        assert_eq!(code_name(codes::NOT_CONTROLLER), "NOT_CONTROLLER");
        assert_eq!(
            code_name(codes::INVALID_TOPIC_EXCEPTION),
            "INVALID_TOPIC_EXCEPTION"
        );
        assert_eq!(code_name(-1), "UNKNOWN_SERVER_ERROR");
        assert_eq!(code_name(9999), "ERROR_CODE_9999");
    }

    #[test]
    fn code_survives_conversion_to_crate_error() {
        use crate::error::Error;
        let ctx = ErrorContext {
            subject: "topic \"orders\"",
            ..Default::default()
        };
        let e: Error = broker_error(
            codes::TOPIC_ALREADY_EXISTS,
            Some("Topic 'orders' already exists."),
            &ctx,
        )
        .into();
        assert_eq!(e.kafka_code(), Some(codes::TOPIC_ALREADY_EXISTS));
        assert!(e.is_kafka(codes::TOPIC_ALREADY_EXISTS));
        assert_eq!(
            e.to_string(),
            "topic \"orders\" already exists [TOPIC_ALREADY_EXISTS]"
        );
        let unknown: Error = broker_error(4242, None, &ctx).into();
        assert_eq!(unknown.kafka_code(), Some(4242));
        // The code is typed: text that looks like one is not one.
        assert_eq!(Error::kafka("x [TOPIC_ALREADY_EXISTS]").kafka_code(), None);
        assert_eq!(Error::usage("x [TOPIC_ALREADY_EXISTS]").kafka_code(), None);
    }

    #[test]
    fn replication_factor_message_names_the_broker_count() {
        let ctx = ErrorContext {
            subject: "topic \"t\"",
            replication_factor: Some(5),
            broker_count: Some(3),
        };
        let msg = describe(codes::INVALID_REPLICATION_FACTOR, Some("whatever"), &ctx);
        assert!(
            msg.starts_with("replication factor 5 is larger than the 3 available brokers"),
            "{msg}"
        );
    }

    #[test]
    fn invalid_config_keeps_the_broker_message() {
        let ctx = ErrorContext {
            subject: "topic \"t\"",
            ..Default::default()
        };
        let msg = describe(
            codes::INVALID_CONFIG,
            Some("Invalid value abc for configuration retention.ms"),
            &ctx,
        );
        assert!(
            msg.contains("Invalid value abc for configuration retention.ms"),
            "{msg}"
        );
    }

    #[test]
    fn retriable_codes() {
        for c in [
            codes::NOT_CONTROLLER,
            codes::LEADER_NOT_AVAILABLE,
            codes::REQUEST_TIMED_OUT,
            codes::NETWORK_EXCEPTION,
        ] {
            assert!(is_retriable(c), "{c}");
        }
        for c in [codes::TOPIC_ALREADY_EXISTS, codes::INVALID_CONFIG, 0] {
            assert!(!is_retriable(c), "{c}");
        }
        assert!(check(0, None, &ErrorContext::default()).is_ok());
        assert_eq!(
            check(37, None, &ErrorContext::default()).map_err(|e| e.code()),
            Err(Some(37))
        );
    }
}
