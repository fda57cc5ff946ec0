//! May `scale` or `rebalance` resume the moves in flight? Only when every one of them is its own:
//! recorded by this tool for the same operation, towards the recorded target. Other tools' moves
//! (or another operation's) are refused with the reason.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::{Assignment, BrokerId, OngoingReassignment, TopicPartition};

/// The workload annotation that keeps [`MovesRecord`].
pub const MOVES_ANNOTATION: &str = "kafka.kubectl.io/moves";

/// The reassignment an operation of this tool submits, recorded on the workload before the first
/// batch and removed once everything arrived, so a rerun knows its own moves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MovesRecord {
    /// The verb that moves the data: "scale", "rebalance", "reassign execute".
    pub operation: String,
    /// Per topic, partition -> target replicas.
    pub target: BTreeMap<String, BTreeMap<i32, Vec<BrokerId>>>,
}

impl MovesRecord {
    pub fn new(operation: &str, target: &Assignment) -> Self {
        let mut t: BTreeMap<String, BTreeMap<i32, Vec<BrokerId>>> = BTreeMap::new();
        for (tp, r) in target {
            t.entry(tp.topic.clone())
                .or_default()
                .insert(tp.partition, r.clone());
        }
        MovesRecord {
            operation: operation.to_string(),
            target: t,
        }
    }

    pub fn assignment(&self) -> Assignment {
        self.target
            .iter()
            .flat_map(|(t, ps)| {
                ps.iter()
                    .map(move |(p, r)| (TopicPartition::new(t, *p), r.clone()))
            })
            .collect()
    }
}

/// What to do about the moves in flight before `operation` plans: None when nothing moves (plan
/// as usual), the recorded target when every move in flight is this operation's own (resume it),
/// a refusal (exit 3) naming the moves that are not.
pub fn own_moves(
    in_flight: &[OngoingReassignment],
    record: Option<&MovesRecord>,
    operation: &str,
) -> Result<Option<Assignment>> {
    if in_flight.is_empty() {
        return Ok(None);
    }
    let names = |v: &[&OngoingReassignment]| {
        let mut s: Vec<String> = v.iter().take(5).map(|o| o.tp.to_string()).collect();
        if v.len() > 5 {
            s.push(format!("and {} more", v.len() - 5));
        }
        s.join(", ")
    };
    let all: Vec<&OngoingReassignment> = in_flight.iter().collect();
    let Some(rec) = record.filter(|r| r.operation == operation) else {
        let who = match record {
            Some(r) => format!("this tool's `{}`", r.operation),
            None => "another tool (this tool recorded none)".to_string(),
        };
        return Err(Error::refused(format!(
            "{} partition reassignments are in flight ({}), started by {who}, not by an \
             interrupted `{operation}`: wait for them (`kubectl kafka reassign status`) or stop \
             them (`kubectl kafka reassign cancel`) first; nothing was changed",
            in_flight.len(),
            names(&all)
        )));
    };
    let target = rec.assignment();
    let foreign: Vec<&OngoingReassignment> = in_flight
        .iter()
        .filter(|o| {
            let going: BTreeSet<BrokerId> = o
                .replicas
                .iter()
                .copied()
                .filter(|b| !o.removing.contains(b))
                .collect();
            target
                .get(&o.tp)
                .is_none_or(|r| r.iter().copied().collect::<BTreeSet<_>>() != going)
        })
        .collect();
    if !foreign.is_empty() {
        return Err(Error::refused(format!(
            "{} of the {} partition reassignments in flight ({}) are not the ones the interrupted \
             `{operation}` recorded (another tool's, or another target): wait for them (`kubectl \
             kafka reassign status`) or stop them (`kubectl kafka reassign cancel`) first; \
             nothing was changed",
            foreign.len(),
            in_flight.len(),
            names(&foreign)
        )));
    }
    Ok(Some(target))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ExitStatus;

    fn moving(p: i32, replicas: &[i32], adding: &[i32], removing: &[i32]) -> OngoingReassignment {
        OngoingReassignment {
            tp: TopicPartition::new("t", p),
            replicas: replicas.to_vec(),
            adding: adding.to_vec(),
            removing: removing.to_vec(),
        }
    }

    fn plan() -> Assignment {
        [
            (TopicPartition::new("t", 0), vec![3, 2]),
            (TopicPartition::new("t", 1), vec![2, 3]),
        ]
        .into()
    }

    #[test]
    fn nothing_in_flight_plans_as_usual() {
        assert_eq!(own_moves(&[], None, "scale").unwrap(), None);
        let rec = MovesRecord::new("scale", &plan());
        assert_eq!(own_moves(&[], Some(&rec), "scale").unwrap(), None);
    }

    #[test]
    fn its_own_moves_in_flight_resume_towards_the_recorded_target() {
        let rec = MovesRecord::new("scale", &plan());
        // t-0 moves 1 -> 3 (metadata lists 3, 2, 1 meanwhile).
        let flight = [moving(0, &[3, 2, 1], &[3], &[1])];
        assert_eq!(
            own_moves(&flight, Some(&rec), "scale").unwrap(),
            Some(plan())
        );
        let json = serde_json::to_string(&rec).unwrap();
        assert_eq!(serde_json::from_str::<MovesRecord>(&json).unwrap(), rec);
    }

    #[test]
    fn other_moves_are_refused_with_the_reason() {
        let rec = MovesRecord::new("scale", &plan());
        let flight = [moving(0, &[3, 2, 1], &[3], &[1])];
        for (record, op, why) in [
            (None, "scale", "another tool"),
            (Some(&rec), "rebalance", "this tool's `scale`"),
        ] {
            let e = own_moves(&flight, record, op).unwrap_err();
            assert_eq!(e.exit_status(), ExitStatus::Refused);
            assert!(e.to_string().contains(why), "{e}");
        }
        // Same operation, but a move it did not record, or towards another target.
        let other = [
            moving(0, &[3, 2, 1], &[3], &[1]),
            moving(7, &[4, 1, 2], &[4], &[2]),
        ];
        let e = own_moves(&other, Some(&rec), "scale").unwrap_err();
        assert!(
            e.to_string().contains("1 of the 2") && e.to_string().contains("t-7"),
            "{e}"
        );
        let elsewhere = [moving(0, &[4, 2, 1], &[4], &[1])];
        let e = own_moves(&elsewhere, Some(&rec), "scale").unwrap_err();
        assert!(e.to_string().contains("t-0"), "{e}");
    }
}
