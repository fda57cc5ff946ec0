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
    /// The partition's leader as last read: new replicas copy from it. None when unknown (then
    /// the first current replica, the preferred leader, stands in).
    pub leader: Option<BrokerId>,
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
            leader: None,
        }
    }

    /// The broker the new replicas copy from: the leader (followers fetch from it), else the
    /// preferred leader. None when the partition has no current replica.
    pub fn source(&self) -> Option<BrokerId> {
        self.leader
            .filter(|l| self.current.contains(l))
            .or_else(|| self.current.first().copied())
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

    /// Brokers doing the work of a replica move: the destinations, which copy, and the leader
    /// they copy from (not the broker giving a replica up, which only deletes it).
    pub fn involved(&self) -> BTreeSet<BrokerId> {
        if self.is_reorder() {
            return BTreeSet::new();
        }
        self.adding().into_iter().chain(self.source()).collect()
    }
}

/// Take each move's leader from `leaders` (the metadata just read): leadership moves during a
/// run (an election, a broker restarting), and the per-broker cap counts the leader of the
/// moment as the copy source. A partition without a leader now has none here.
pub fn follow_leaders(moves: &mut [PartitionMove], leaders: &BTreeMap<TopicPartition, BrokerId>) {
    for m in moves {
        m.leader = leaders.get(&m.tp).copied();
    }
}

/// The limits a batch must respect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Partitions in flight in which a broker is the copy source (leader) or a destination.
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
            leader: None,
        }
    }

    fn led(p: i32, current: &[BrokerId], target: &[BrokerId], leader: BrokerId) -> PartitionMove {
        PartitionMove {
            leader: Some(leader),
            ..mv(p, current, target)
        }
    }

    #[test]
    fn the_copy_source_is_the_leader_not_the_broker_giving_up_a_replica() {
        // Broker 1 gives its replica up, broker 2 leads: the new replica on 3 copies from 2.
        let m = led(0, &[1, 2], &[3, 2], 2);
        assert_eq!(m.involved(), [2, 3].into());
        // Unknown leader, or one that is not a current replica: the preferred leader stands in.
        assert_eq!(mv(0, &[1, 2], &[3, 2]).involved(), [1, 3].into());
        assert_eq!(led(0, &[1, 2], &[3, 2], 7).involved(), [1, 3].into());
        assert!(led(0, &[1, 2], &[2, 1], 2).involved().is_empty());

        let limits = Limits {
            per_broker: 1,
            total: 10,
        };
        // Leader 2 already serves a copy: a second move copying from 2 waits...
        let in_flight = vec![led(9, &[2, 5], &[6, 5], 2)];
        let pending = vec![led(0, &[1, 2], &[3, 2], 2)];
        assert!(next_batch(&pending, &in_flight, limits).is_empty());
        // ...while a move that only takes a replica off a busy non-leader goes.
        let in_flight = vec![led(9, &[1, 5], &[6, 5], 5)];
        assert_eq!(next_batch(&pending, &in_flight, limits), vec![0]);
    }

    #[test]
    fn the_cap_follows_a_leader_that_moved_during_the_run() {
        let limits = Limits {
            per_broker: 1,
            total: 10,
        };
        // Planned while 1 led; broker 2 already serves a copy.
        let mut pending = vec![led(0, &[1, 2], &[3, 2], 1)];
        let mut in_flight = vec![led(9, &[2, 5], &[6, 5], 2)];
        assert_eq!(next_batch(&pending, &in_flight, limits), vec![0]);
        // Leadership of t-0 moved to 2: its copy now comes from the busy broker 2 and waits.
        let leaders: BTreeMap<TopicPartition, BrokerId> = [
            (TopicPartition::new("t", 0), 2),
            (TopicPartition::new("t", 9), 2),
        ]
        .into();
        follow_leaders(&mut pending, &leaders);
        follow_leaders(&mut in_flight, &leaders);
        assert_eq!(pending[0].leader, Some(2));
        assert!(next_batch(&pending, &in_flight, limits).is_empty());
        // No leader in the metadata: the preferred leader stands in again.
        follow_leaders(&mut pending, &BTreeMap::new());
        assert_eq!(pending[0].source(), Some(1));
    }

    #[test]
    fn sources_and_destinations() {
        let m = mv(0, &[1, 2, 3], &[4, 2, 3]);
        assert_eq!(m.adding(), vec![4]);
        assert_eq!(m.removing(), vec![1]);
        assert_eq!(
            m.involved(),
            [1, 4].into(),
            "1 leads (first replica), 4 copies"
        );
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
