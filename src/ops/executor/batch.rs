//! Which partition reassignments to submit next, under a per-broker limit and a cluster cap.
//! Pure: the executor asks it after every poll.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{BrokerId, OngoingReassignment, TopicPartition};

/// One partition whose replica list changes: from `current` to `target`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartitionMove {
    pub tp: TopicPartition,
    pub current: Vec<BrokerId>,
    pub target: Vec<BrokerId>,
}

impl PartitionMove {
    /// A reassignment Kafka has in flight, as a move: from the replicas it had (all but those
    /// being added) to those it will have (all but those being removed).
    pub fn from_ongoing(o: &OngoingReassignment) -> Self {
        PartitionMove {
            tp: o.tp.clone(),
            current: o
                .replicas
                .iter()
                .copied()
                .filter(|b| !o.adding.contains(b))
                .collect(),
            target: o
                .replicas
                .iter()
                .copied()
                .filter(|b| !o.removing.contains(b))
                .collect(),
        }
    }

    /// Brokers that receive a replica (data is copied to them).
    pub fn adding(&self) -> Vec<BrokerId> {
        self.target
            .iter()
            .copied()
            .filter(|b| !self.current.contains(b))
            .collect()
    }

    /// Brokers that give a replica up.
    pub fn removing(&self) -> Vec<BrokerId> {
        self.current
            .iter()
            .copied()
            .filter(|b| !self.target.contains(b))
            .collect()
    }

    /// True when only the replica order changes: nothing is copied, no limit applies.
    pub fn is_reorder(&self) -> bool {
        self.adding().is_empty() && self.removing().is_empty()
    }

    /// Brokers taking part as source or destination of a replica move.
    pub fn involved(&self) -> BTreeSet<BrokerId> {
        self.adding().into_iter().chain(self.removing()).collect()
    }
}

/// The limits a batch must respect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Partitions in flight in which a broker is a source or a destination.
    pub per_broker: usize,
    /// Partitions moving data in flight in the whole cluster.
    pub total: usize,
}

/// Per-broker count of in-flight moves where the broker is source or destination.
pub fn broker_load<'a>(
    in_flight: impl IntoIterator<Item = &'a PartitionMove>,
) -> BTreeMap<BrokerId, usize> {
    let mut load = BTreeMap::new();
    for m in in_flight {
        for b in m.involved() {
            *load.entry(b).or_insert(0) += 1;
        }
    }
    load
}

/// Pick the next partitions to submit from `pending` (in order) given what is `in_flight`.
/// Reorders cost nothing and always go. When nothing moves data right now, at least one move is
/// picked even if it alone exceeds a limit, so a tight limit never stalls the execution.
pub fn next_batch(
    pending: &[PartitionMove],
    in_flight: &[PartitionMove],
    limits: Limits,
) -> Vec<usize> {
    let mut load = broker_load(in_flight);
    let mut moving = in_flight.iter().filter(|m| !m.is_reorder()).count();
    let mut picked = Vec::new();
    for (i, m) in pending.iter().enumerate() {
        if m.is_reorder() {
            picked.push(i);
            continue;
        }
        let involved = m.involved();
        let fits = moving < limits.total
            && involved
                .iter()
                .all(|b| load.get(b).copied().unwrap_or(0) < limits.per_broker);
        if fits || moving == 0 {
            for b in involved {
                *load.entry(b).or_insert(0) += 1;
            }
            moving += 1;
            picked.push(i);
        }
    }
    picked
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mv(p: i32, current: &[BrokerId], target: &[BrokerId]) -> PartitionMove {
        PartitionMove {
            tp: TopicPartition::new("t", p),
            current: current.to_vec(),
            target: target.to_vec(),
        }
    }

    #[test]
    fn sources_and_destinations() {
        let m = mv(0, &[1, 2, 3], &[4, 2, 3]);
        assert_eq!(m.adding(), vec![4]);
        assert_eq!(m.removing(), vec![1]);
        assert_eq!(m.involved(), [1, 4].into());
        assert!(!m.is_reorder());
        assert!(mv(1, &[1, 2], &[2, 1]).is_reorder());
    }

    #[test]
    fn a_move_in_flight_from_what_kafka_lists() {
        let o = OngoingReassignment {
            tp: TopicPartition::new("t", 0),
            replicas: vec![4, 2, 1],
            adding: vec![4],
            removing: vec![1],
        };
        let m = PartitionMove::from_ongoing(&o);
        assert_eq!((m.current, m.target), (vec![2, 1], vec![4, 2]));
    }

    #[test]
    fn per_broker_limit_counts_source_and_destination() {
        // Every move goes to broker 4, from 1, 2 or 3 in turn.
        let pending: Vec<PartitionMove> = (0..9)
            .map(|p| {
                let from = 1 + p % 3;
                let mut cur = vec![1, 2, 3];
                let target: Vec<BrokerId> = cur
                    .iter()
                    .map(|b| if *b == from { 4 } else { *b })
                    .collect();
                cur.sort();
                mv(p, &cur, &target)
            })
            .collect();
        let limits = Limits {
            per_broker: 2,
            total: 100,
        };
        let picked = next_batch(&pending, &[], limits);
        assert_eq!(picked, vec![0, 1], "broker 4 is destination of every move");
        let in_flight: Vec<PartitionMove> = picked.iter().map(|i| pending[*i].clone()).collect();
        let load = broker_load(&in_flight);
        assert!(load.values().all(|c| *c <= 2), "{load:?}");
        // With those two in flight nothing more fits.
        let rest: Vec<PartitionMove> = pending[2..].to_vec();
        assert!(next_batch(&rest, &in_flight, limits).is_empty());
        // Once one finishes, exactly one more goes.
        assert_eq!(next_batch(&rest, &in_flight[..1], limits), vec![0]);
    }

    #[test]
    fn disjoint_moves_run_in_parallel_up_to_the_cluster_cap() {
        let pending = vec![
            mv(0, &[1], &[2]),
            mv(1, &[3], &[4]),
            mv(2, &[5], &[6]),
            mv(3, &[1], &[7]),
        ];
        let picked = next_batch(
            &pending,
            &[],
            Limits {
                per_broker: 1,
                total: 10,
            },
        );
        assert_eq!(picked, vec![0, 1, 2], "move 3 shares broker 1 with move 0");
        let picked = next_batch(
            &pending,
            &[],
            Limits {
                per_broker: 5,
                total: 2,
            },
        );
        assert_eq!(picked, vec![0, 1]);
    }

    #[test]
    fn reorders_are_free_and_progress_is_guaranteed() {
        let pending = vec![mv(0, &[1, 2], &[2, 1]), mv(1, &[1, 2], &[3, 4])];
        let picked = next_batch(
            &pending,
            &[],
            Limits {
                per_broker: 1,
                total: 1,
            },
        );
        assert_eq!(picked, vec![0, 1]);
        // A move that involves a broker already at its limit waits while others are in flight.
        let in_flight = vec![mv(9, &[1], &[5])];
        assert_eq!(
            next_batch(
                &pending[1..],
                &in_flight,
                Limits {
                    per_broker: 1,
                    total: 5
                }
            ),
            Vec::<usize>::new()
        );
    }
}
