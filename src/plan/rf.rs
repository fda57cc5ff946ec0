//! Replication-factor changes: new replicas on the brokers holding least (bytes when sizes are
//! known, else replicas), spread over racks; fewer replicas by removing them from the fullest
//! brokers first, keeping the spread. Nothing else moves, and leaders stay where they are unless
//! their own replica is removed.

use std::collections::BTreeMap;

use super::layout;
use super::racks::Racks;
use super::report::{self, RackReport};
use super::{Balance, Plan, PlanError, PlanRequest, ReplicaChange};
use crate::model::Assignment;

/// Plan `wanted` (topic → replication factor) over the request's brokers.
pub fn change_replication_factor(
    req: &PlanRequest<'_>,
    wanted: &BTreeMap<String, usize>,
) -> Result<Plan, PlanError> {
    if !req.options.leaving.is_empty() {
        return Err(PlanError::RfWithLeaving);
    }
    let l = layout::index(req.current, req.brokers, &[], req.sizes)?;
    let ntarget = l.ntarget;
    let mut max_rf = l.max_rf;
    for (topic, &rf) in wanted {
        if !l.tps.iter().any(|tp| &tp.topic == topic) {
            return Err(PlanError::UnknownTopic(topic.clone()));
        }
        if rf == 0 {
            return Err(PlanError::ZeroReplicationFactor(topic.clone()));
        }
        if rf > ntarget {
            return Err(PlanError::ReplicationFactorTooLarge {
                topic: topic.clone(),
                replication_factor: rf,
                brokers: ntarget,
            });
        }
        max_rf = max_rf.max(rf);
    }
    let racks = Racks::new(&l.specs, &[], max_rf);
    let mut count = vec![0usize; ntarget];
    let mut disk = vec![0i128; ntarget];
    for (p, r) in l.reps.iter().enumerate() {
        for (i, &b) in r.iter().enumerate() {
            count[b] += 1;
            disk[b] += i128::from(l.slot[p][i]);
        }
    }
    let disk_before = disk.clone();
    // The emptiest first: bytes when sizes are known, then replicas, then id order.
    let load = |count: &[usize], disk: &[i128], b: usize| {
        if l.sized {
            (disk[b], count[b] as i128)
        } else {
            (count[b] as i128, 0)
        }
    };
    let mut reps = l.reps.clone();
    let mut slots = l.slot.clone();
    let (mut additions, mut removals) = (Vec::new(), Vec::new());
    let mut violations_before = 0;
    let mut violations_after = 0;
    for (p, tp) in l.tps.iter().enumerate() {
        let Some(&rf) = wanted.get(&tp.topic) else {
            continue;
        };
        violations_before += racks.violation(&reps[p]);
        while reps[p].len() < rf {
            // Racks below their floor for the new factor first, then below their ceiling (any
            // rack only if the spread was already broken), the emptiest broker within.
            let pick = (0..ntarget)
                .filter(|b| !reps[p].contains(b))
                .min_by_key(|&b| {
                    let r = racks.rack_of[b];
                    let x = racks.in_rack(&reps[p], r);
                    (
                        x >= racks.max_in(rf, r),
                        x >= racks.min_in(rf, r),
                        load(&count, &disk, b),
                        b,
                    )
                });
            let Some(b) = pick else { break };
            reps[p].push(b);
            slots[p].push(l.w[p]);
            count[b] += 1;
            disk[b] += i128::from(l.w[p]);
            additions.push(ReplicaChange {
                tp: (*tp).clone(),
                broker: l.ids[b],
                bytes: l.sized.then_some(l.w[p]),
            });
        }
        while reps[p].len() > rf {
            // Keep the spread best for the new factor; among those, the fullest broker loses it.
            let pick = (0..reps[p].len()).min_by_key(|&i| {
                let b = reps[p][i];
                let rest: Vec<usize> = reps[p].iter().copied().filter(|&x| x != b).collect();
                let (a, c) = load(&count, &disk, b);
                (
                    racks.violation(&rest),
                    std::cmp::Reverse(a),
                    std::cmp::Reverse(c),
                    i == 0,
                    std::cmp::Reverse(b),
                )
            });
            let Some(i) = pick else { break };
            let b = reps[p].remove(i);
            let bytes = slots[p].remove(i);
            count[b] -= 1;
            disk[b] -= i128::from(bytes);
            removals.push(ReplicaChange {
                tp: (*tp).clone(),
                broker: l.ids[b],
                bytes: l.sized.then_some(bytes),
            });
        }
        violations_after += racks.violation(&reps[p]);
    }
    let target: Assignment = l
        .tps
        .iter()
        .zip(&reps)
        .map(|(tp, r)| ((*tp).clone(), r.iter().map(|&b| l.ids[b]).collect()))
        .collect();
    let added_bytes: u128 = additions
        .iter()
        .map(|a| u128::from(a.bytes.unwrap_or(0)))
        .sum();
    let mut plan = Plan::from_target(req.current, target, &l.specs, ntarget);
    plan.balance = if l.sized {
        Balance::Disk
    } else {
        Balance::Count
    };
    // Every added replica is needed and copies its partition: the bounds are exact.
    plan.lower_bound = additions.len();
    plan.bytes_moved = l.sized.then(|| report::to_u64_wide(added_bytes));
    plan.bytes_lower_bound = plan.bytes_moved;
    plan.rack = RackReport {
        racks: if racks.racked { racks.target_racks } else { 0 },
        violations_before,
        violations_after,
        heal_moves: 0,
        heal_bytes: None,
        kept: true,
    };
    if l.sized {
        let t = super::targets::compute(
            &racks,
            ntarget,
            ntarget,
            reps.iter().enumerate().map(|(p, r)| (r.len(), l.w[p])),
            &count,
            req.options.disk_tolerance,
        );
        plan.disk = Some(report::disk(
            &l.ids,
            ntarget,
            &t,
            req.options.disk_tolerance,
            &disk_before,
            &disk,
        ));
    }
    plan.additions = additions;
    plan.removals = removals;
    Ok(plan)
}
