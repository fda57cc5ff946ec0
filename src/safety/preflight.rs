//! May data move now? The checks `scale` and `rebalance` make before they touch anything, and the
//! rule that a broker set must have room for every topic's replicas.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::Serialize;

use super::health::health;
use crate::error::{Error, Result};
use crate::model::{BrokerId, ClusterSnapshot, TopicPartition};

/// Something that stands against moving data now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Obstacle {
    /// Partitions without a leader. Never relaxed: their data cannot be copied.
    Offline {
        partitions: Vec<TopicPartition>,
    },
    /// Reassignments already running. Never relaxed: a plan made now would fight them.
    Reassigning {
        partitions: Vec<TopicPartition>,
    },
    UnderReplicated {
        partitions: Vec<TopicPartition>,
    },
    UnderMinIsr {
        partitions: Vec<TopicPartition>,
    },
    /// Topics whose min.insync.replicas could not be read.
    MinIsrUnknown {
        topics: Vec<String>,
    },
    /// Replication throttles left set, e.g. by an interrupted reassignment: new moves would crawl
    /// at that rate, or the throttles would be removed under whoever set them.
    Throttled {
        resources: Vec<String>,
    },
}

impl Obstacle {
    /// Whether `--force` may accept it.
    pub fn can_force(&self) -> bool {
        !matches!(
            self,
            Obstacle::Offline { .. } | Obstacle::Reassigning { .. }
        )
    }
}

fn list<T: ToString>(items: &[T]) -> String {
    const SHOW: usize = 5;
    let mut s: Vec<String> = items.iter().take(SHOW).map(ToString::to_string).collect();
    if items.len() > SHOW {
        s.push(format!("and {} more", items.len() - SHOW));
    }
    s.join(", ")
}

impl fmt::Display for Obstacle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Obstacle::Offline { partitions } => write!(
                f,
                "{} partitions are offline ({}): bring their brokers back first (`kubectl kafka status`)",
                partitions.len(),
                list(partitions)
            ),
            Obstacle::Reassigning { partitions } => write!(
                f,
                "{} partition reassignments are in flight ({}): wait for them (`kubectl kafka reassign status`) or stop them (`kubectl kafka reassign cancel`) first",
                partitions.len(),
                list(partitions)
            ),
            Obstacle::UnderReplicated { partitions } => write!(
                f,
                "{} partitions are under-replicated ({}): wait for their replicas to catch up",
                partitions.len(),
                list(partitions)
            ),
            Obstacle::UnderMinIsr { partitions } => write!(
                f,
                "{} partitions are below min.insync.replicas ({}): bring their replicas back first",
                partitions.len(),
                list(partitions)
            ),
            Obstacle::MinIsrUnknown { topics } => write!(
                f,
                "min.insync.replicas of topics {} cannot be read: grant the client's principal DescribeConfigs on them",
                list(topics)
            ),
            Obstacle::Throttled { resources } => write!(
                f,
                "replication throttles are set on {}: remove them (`kubectl kafka reassign status` removes those a reassignment left behind)",
                list(resources)
            ),
        }
    }
}

/// Whether data may move on the cluster of `snapshot`, where `throttled` names the brokers and
/// topics that carry replication throttles. Ok holds what `force` accepted (to be reported);
/// otherwise a refusal (exit 3) naming everything that stands in the way.
pub fn may_move_data(
    snapshot: &ClusterSnapshot,
    throttled: &[String],
    force: bool,
) -> Result<Vec<Obstacle>> {
    may_resume_moving(snapshot, throttled, force, &BTreeSet::new())
}

/// [`may_move_data`] for an operation that resumes its own moves: the partitions in `resuming`
/// are being reassigned by it, and meanwhile under-replicated (their new replicas are not in the
/// ISR yet); neither stands in its way. Everything else is checked as before.
pub fn may_resume_moving(
    snapshot: &ClusterSnapshot,
    throttled: &[String],
    force: bool,
    resuming: &BTreeSet<TopicPartition>,
) -> Result<Vec<Obstacle>> {
    let mut h = health(snapshot);
    h.reassigning.retain(|tp| !resuming.contains(tp));
    h.under_replicated.retain(|i| !resuming.contains(&i.tp));
    let tps = |v: &[super::PartitionIssue]| v.iter().map(|i| i.tp.clone()).collect::<Vec<_>>();
    let mut found = Vec::new();
    if !h.offline.is_empty() {
        found.push(Obstacle::Offline {
            partitions: tps(&h.offline),
        });
    }
    if !h.reassigning.is_empty() {
        found.push(Obstacle::Reassigning {
            partitions: h.reassigning.clone(),
        });
    }
    if !h.under_replicated.is_empty() {
        found.push(Obstacle::UnderReplicated {
            partitions: tps(&h.under_replicated),
        });
    }
    if !h.under_min_isr.is_empty() {
        found.push(Obstacle::UnderMinIsr {
            partitions: tps(&h.under_min_isr),
        });
    }
    if !h.min_isr_unknown.is_empty() {
        found.push(Obstacle::MinIsrUnknown {
            topics: h.min_isr_unknown.clone(),
        });
    }
    if !throttled.is_empty() {
        found.push(Obstacle::Throttled {
            resources: throttled.to_vec(),
        });
    }
    let refused: Vec<&Obstacle> = found.iter().filter(|o| !(force && o.can_force())).collect();
    if refused.is_empty() {
        return Ok(found);
    }
    let why: Vec<String> = refused.iter().map(ToString::to_string).collect();
    let hint = if refused.iter().all(|o| o.can_force()) {
        "; or pass --force to move data anyway"
    } else {
        ""
    };
    Err(Error::refused(format!(
        "the cluster is not healthy enough to move data: {}{hint}; nothing was changed",
        why.join("; ")
    )))
}

/// Partitions the brokers hold logs of but the metadata does not list: topics this principal may
/// not Describe, invisible to every other check. Per topic, how many such logs.
pub fn invisible_topics(
    snapshot: &ClusterSnapshot,
    logs: impl IntoIterator<Item = TopicPartition>,
) -> BTreeMap<String, usize> {
    let listed: BTreeSet<&str> = snapshot.topics.iter().map(|t| t.name.as_str()).collect();
    let mut out: BTreeMap<String, usize> = BTreeMap::new();
    for tp in logs {
        if !listed.contains(tp.topic.as_str()) {
            *out.entry(tp.topic).or_insert(0) += 1;
        }
    }
    out
}

/// `restart`'s rule for topics hidden from this principal: their partitions could be taken below
/// min.insync.replicas (or offline) by a restart no check can see. Refuse (exit 3) naming them
/// and the ACL to grant, unless `force` (then a warning). `unanswered`: the brokers whose logs
/// could not be listed in time (a frozen broker must not hold the roll up), each named in a
/// warning. Returns the warnings.
pub fn may_restart_with_invisible(
    invisible: &BTreeMap<String, usize>,
    unanswered: &[(BrokerId, String)],
    force: bool,
) -> Result<Vec<String>> {
    let mut warnings: Vec<String> = unanswered
        .iter()
        .map(|(b, why)| format!("could not check topics on broker {b} ({why})"))
        .collect();
    if invisible.is_empty() {
        return Ok(warnings);
    }
    let names: Vec<&str> = invisible.keys().map(String::as_str).collect();
    let shown: Vec<String> = invisible
        .iter()
        .take(10)
        .map(|(t, n)| format!("{t} ({n} logs)"))
        .collect();
    let what = format!(
        "the brokers hold logs of {} topics this principal may not Describe ({}{}): the restart \
         checks cannot see their ISR, so a restart could take them below min.insync.replicas",
        invisible.len(),
        shown.join(", "),
        if invisible.len() > 10 { ", ..." } else { "" }
    );
    if force {
        warnings.push(format!("--force: {what}"));
        return Ok(warnings);
    }
    Err(Error::refused(format!(
        "not restarting: {what}. Grant the client's principal Describe on them, e.g. `kafka-acls \
         --bootstrap-server BROKER:PORT --add --allow-principal User:NAME --operation Describe \
         --topic {}` (one --topic per topic, or --topic '*'), or pass --force; nothing was \
         restarted",
        names.first().copied().unwrap_or("TOPIC")
    )))
}

/// Refuse (exit 3) to move data while some topics are invisible to this principal (their
/// replicas could sit on a broker being drained), unless `force`: then the returned warning says so.
pub fn may_move_with_invisible(
    invisible: &BTreeMap<String, usize>,
    force: bool,
) -> Result<Option<String>> {
    if invisible.is_empty() {
        return Ok(None);
    }
    let names: Vec<String> = invisible
        .iter()
        .take(5)
        .map(|(t, n)| format!("{t} ({n} logs)"))
        .collect();
    let what = format!(
        "the brokers hold logs of {} topics the metadata does not show to this principal ({}): \
         no check can see their replicas",
        invisible.len(),
        names.join(", ")
    );
    if force {
        return Ok(Some(what));
    }
    Err(Error::refused(format!(
        "{what}; grant the client's principal Describe on all topics, or pass --force to move \
         data anyway; nothing was changed"
    )))
}

/// The topic with the largest replication factor, and that factor.
pub fn widest_topic(snapshot: &ClusterSnapshot) -> Option<(String, usize)> {
    snapshot
        .partitions()
        .map(|(t, p)| (t.name.clone(), p.replicas.len()))
        .max_by_key(|(_, rf)| *rf)
}

/// Refuse (exit 3) a broker set of `brokers` that cannot hold every replica of some topic: the
/// same rule for scaling in and for plans onto chosen brokers.
pub fn replicas_fit(snapshot: &ClusterSnapshot, brokers: usize) -> Result<()> {
    match widest_topic(snapshot) {
        Some((topic, rf)) if rf > brokers => Err(Error::refused(format!(
            "topic {topic} has replication factor {rf} but only {brokers} brokers would hold the \
             data: keep at least {rf} brokers or lower the topic's replication factor first; \
             nothing was changed"
        ))),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ExitStatus;
    use crate::model::OngoingReassignment;
    use crate::testkit::snapshot;

    /// Topic "t": partitions of (replicas, isr); min ISR 2.
    fn snap(parts: &[(&[i32], &[i32])]) -> ClusterSnapshot {
        let mut b = snapshot();
        for (i, (r, isr)) in parts.iter().enumerate() {
            b = b.partition("t", i as i32, r, isr);
        }
        b.min_isr("t", 2).build()
    }

    fn refusal(r: Result<Vec<Obstacle>>) -> String {
        let e = r.expect_err("must refuse");
        assert_eq!(e.exit_status(), ExitStatus::Refused, "{e}");
        e.to_string()
    }

    #[test]
    fn a_healthy_cluster_moves() {
        let s = snap(&[(&[1, 2, 3], &[1, 2, 3])]);
        assert_eq!(may_move_data(&s, &[], false).unwrap(), vec![]);
    }

    #[test]
    fn under_replicated_under_min_isr_and_throttles_refuse_unless_forced() {
        let s = snap(&[(&[1, 2, 3], &[1, 2]), (&[1, 2, 3], &[3])]);
        let msg = refusal(may_move_data(&s, &[], false));
        assert!(
            msg.contains("2 partitions are under-replicated (t-0, t-1)")
                && msg.contains("1 partitions are below min.insync.replicas (t-1)")
                && msg.contains("--force"),
            "{msg}"
        );
        let forced = may_move_data(&s, &[], true).unwrap();
        assert_eq!(forced.len(), 2, "{forced:?}");

        let healthy = snap(&[(&[1, 2, 3], &[1, 2, 3])]);
        let msg = refusal(may_move_data(&healthy, &["topic orders".into()], false));
        assert!(msg.contains("throttles are set on topic orders"), "{msg}");
        assert_eq!(
            may_move_data(&healthy, &["topic orders".into()], true).unwrap(),
            vec![Obstacle::Throttled {
                resources: vec!["topic orders".into()]
            }]
        );

        let mut unknown = healthy.clone();
        unknown.min_isr.clear();
        let msg = refusal(may_move_data(&unknown, &[], false));
        assert!(msg.contains("DescribeConfigs"), "{msg}");
    }

    #[test]
    fn offline_and_running_reassignments_refuse_even_when_forced() {
        let mut s = snap(&[(&[1, 2, 3], &[])]);
        let msg = refusal(may_move_data(&s, &[], true));
        assert!(
            msg.contains("offline (t-0)") && !msg.contains("--force"),
            "{msg}"
        );
        s = snap(&[(&[1, 2, 3], &[1, 2, 3])]);
        s.reassignments.push(OngoingReassignment {
            tp: TopicPartition::new("t", 0),
            replicas: vec![1, 2, 3, 4],
            adding: vec![4],
            removing: vec![1],
        });
        let msg = refusal(may_move_data(&s, &[], true));
        assert!(msg.contains("reassignments are in flight"), "{msg}");
    }

    #[test]
    fn its_own_moves_in_flight_do_not_stop_a_resumed_operation() {
        // t-0 moves 1 -> 4: metadata lists 1, 2, 3, 4 with 4 not yet in the ISR.
        let mut s = snap(&[(&[1, 2, 3, 4], &[1, 2, 3]), (&[1, 2, 3], &[1, 2, 3])]);
        s.reassignments.push(OngoingReassignment {
            tp: TopicPartition::new("t", 0),
            replicas: vec![1, 2, 3, 4],
            adding: vec![4],
            removing: vec![1],
        });
        let own: BTreeSet<TopicPartition> = [TopicPartition::new("t", 0)].into();
        assert_eq!(may_resume_moving(&s, &[], false, &own).unwrap(), vec![]);
        // Anything else still counts: another partition under-replicated is refused.
        let mut worse = s.clone();
        worse.topics[0].partitions[1].isr = vec![1, 2];
        let msg = refusal(may_resume_moving(&worse, &[], false, &own));
        assert!(msg.contains("under-replicated (t-1)"), "{msg}");
        // Without the resume, the same snapshot is refused.
        let msg = refusal(may_move_data(&s, &[], false));
        assert!(msg.contains("reassignments are in flight"), "{msg}");
    }

    #[test]
    fn topics_hidden_from_the_principal_refuse_unless_forced() {
        let s = snap(&[(&[1, 2, 3], &[1, 2, 3])]);
        let logs = vec![
            TopicPartition::new("t", 0),
            TopicPartition::new("secret", 0),
            TopicPartition::new("secret", 1),
        ];
        let hidden = invisible_topics(&s, logs);
        assert_eq!(hidden, [("secret".to_string(), 2)].into());
        assert!(invisible_topics(&s, vec![TopicPartition::new("t", 0)]).is_empty());
        let msg = refusal(may_move_with_invisible(&hidden, false).map(|_| vec![]));
        assert!(
            msg.contains("secret (2 logs)") && msg.contains("--force"),
            "{msg}"
        );
        let warned = may_move_with_invisible(&hidden, true).unwrap().unwrap();
        assert!(warned.contains("secret"), "{warned}");
        assert_eq!(
            may_move_with_invisible(&BTreeMap::new(), false).unwrap(),
            None
        );
    }

    #[test]
    fn restart_refuses_hidden_topics_and_names_the_brokers_it_could_not_ask() {
        let hidden: BTreeMap<String, usize> = [("secret".to_string(), 2)].into();
        let e = may_restart_with_invisible(&hidden, &[], false).unwrap_err();
        assert_eq!(e.exit_status(), ExitStatus::Refused);
        let msg = e.to_string();
        assert!(
            msg.contains("secret (2 logs)")
                && msg.contains("--operation Describe --topic secret")
                && msg.contains("--force"),
            "{msg}"
        );
        let w = may_restart_with_invisible(&hidden, &[], true).unwrap();
        assert!(w.len() == 1 && w[0].contains("secret"), "{w:?}");
        // Nothing hidden among those that answered; the frozen broker is named, not waited for.
        let w = may_restart_with_invisible(
            &BTreeMap::new(),
            &[(2, "no answer within 5s".to_string())],
            false,
        )
        .unwrap();
        assert_eq!(
            w,
            vec!["could not check topics on broker 2 (no answer within 5s)"]
        );
        assert!(
            may_restart_with_invisible(&BTreeMap::new(), &[], false)
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn replicas_must_fit_the_brokers() {
        let s = snap(&[(&[1, 2, 3], &[1, 2, 3]), (&[1, 2], &[1, 2])]);
        assert_eq!(widest_topic(&s), Some(("t".into(), 3)));
        replicas_fit(&s, 3).unwrap();
        let e = replicas_fit(&s, 2).unwrap_err();
        assert_eq!(e.exit_status(), ExitStatus::Refused);
        assert!(e.to_string().contains("replication factor 3"), "{e}");
        replicas_fit(&ClusterSnapshot::default(), 0).unwrap();
    }
}
