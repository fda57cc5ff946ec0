//! What a plan reports beyond its moves: disks before and after, the rack rule, and which brokers
//! end above the even share and why.

use serde::Serialize;

use super::racks::Racks;
use super::targets::Targets;
use crate::model::BrokerId;

/// Bytes of one broker before and after the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BrokerBytes {
    pub id: BrokerId,
    pub bytes_before: u64,
    pub bytes_after: u64,
    /// What the broker should hold (its rack's share split evenly); 0 for leaving brokers.
    pub bytes_target: u64,
}

/// Disk balance before and after: the fullest target broker over the mean.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiskReport {
    pub tolerance: f64,
    /// Total bytes over the target brokers (after the plan), divided by their number.
    pub mean_bytes: u64,
    /// Fullest target broker over the mean, before (counting leaving brokers' bytes as they
    /// are) and after.
    pub max_over_mean_before: f64,
    pub max_over_mean_after: f64,
    /// Every target broker ends within its tolerance band.
    pub within_tolerance: bool,
    pub brokers: Vec<BrokerBytes>,
}

/// The rack rule before and after. A violation is a replica above its rack's cap.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RackReport {
    pub racks: usize,
    pub violations_before: usize,
    pub violations_after: usize,
    /// Moves made to heal violations (counted within `replicas_moved` too).
    pub heal_moves: usize,
    pub heal_bytes: Option<u64>,
    /// Violations were left as they were (`--keep-rack-violations`).
    pub kept: bool,
}

/// A broker that ends above the even share, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AboveShare {
    pub id: BrokerId,
    pub rack: Option<String>,
    pub replicas: usize,
    /// ⌈R/B⌉: the most any broker holds when counts are even.
    pub even_replicas: usize,
    pub bytes: Option<u64>,
    /// The even share of bytes plus the tolerance.
    pub even_bytes: Option<u64>,
    pub reason: String,
}

pub(crate) fn to_u64(x: i128) -> u64 {
    u64::try_from(x.max(0)).unwrap_or(u64::MAX)
}

pub(crate) fn to_u64_wide(x: u128) -> u64 {
    u64::try_from(x).unwrap_or(u64::MAX)
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn disk(
    ids: &[BrokerId],
    ntarget: usize,
    t: &Targets,
    tolerance: f64,
    before: &[i128],
    after: &[i128],
) -> DiskReport {
    let total: i128 = after[..ntarget].iter().sum();
    let mean = total as f64 / ntarget.max(1) as f64;
    let ratio = |v: &[i128]| {
        let max = v[..ntarget].iter().copied().max().unwrap_or(0);
        if mean > 0.0 { max as f64 / mean } else { 1.0 }
    };
    // Before: leaving brokers' bytes are still on them; judge the targets as they are.
    let within = (0..ntarget).all(|b| t.band_distance(b, after[b]) == 0);
    DiskReport {
        tolerance,
        mean_bytes: mean.round() as u64,
        max_over_mean_before: ratio(before),
        max_over_mean_after: ratio(after),
        within_tolerance: within,
        brokers: ids
            .iter()
            .enumerate()
            .map(|(b, id)| BrokerBytes {
                id: *id,
                bytes_before: to_u64(before[b]),
                bytes_after: to_u64(after[b]),
                bytes_target: t.bytes[b].round() as u64,
            })
            .collect(),
    }
}

/// Brokers above the even share after the plan, each with the reason: the rack rule forcing
/// more into its rack, or no rack-safe move left to lower it.
#[allow(clippy::too_many_arguments)]
pub(crate) fn above_share(
    ids: &[BrokerId],
    ntarget: usize,
    racks: &Racks,
    t: &Targets,
    tolerance: f64,
    count_after: &[usize],
    disk_after: Option<&[i128]>,
    largest: &[u64],
) -> Vec<AboveShare> {
    let even_hi = t.total_replicas.div_ceil(ntarget.max(1));
    let mean = t.total_bytes as f64 / ntarget.max(1) as f64;
    let even_bytes_hi = (mean * (1.0 + tolerance)).ceil() as i128;
    let mut out = Vec::new();
    for b in 0..ntarget {
        let above_count = count_after[b] > even_hi;
        let above_bytes = disk_after.is_some_and(|d| d[b] > even_bytes_hi);
        if !above_count && !above_bytes {
            continue;
        }
        let r = racks.rack_of[b];
        let forced_count = t.count_lo[b] > even_hi;
        let forced_bytes = disk_after.is_some() && t.band_lo[b] > even_bytes_hi;
        let reason = if (above_count && forced_count) || (above_bytes && forced_bytes) {
            let rfs: Vec<String> = t.rack_forcing_rfs[r]
                .iter()
                .map(|rf| rf.to_string())
                .collect();
            format!(
                "rack {} has {} of the {} brokers, and the rack rule puts at least {} replicas of the RF {} partitions in it ({} per broker, against an even share of {})",
                racks.name(r),
                racks.brokers_in[r],
                ntarget,
                t.rack_forced_count[r],
                rfs.join("/"),
                t.rack_forced_count[r].div_ceil(racks.brokers_in[r].max(1)),
                even_hi
            )
        } else if above_bytes && largest[b] as f64 > mean * tolerance * 2.0 {
            format!(
                "it holds a replica of {} bytes, wider than the ±{:.0}% band around the mean ({} bytes); no rack-safe move brings it within",
                largest[b],
                tolerance * 100.0,
                mean.round()
            )
        } else {
            "no move the rack rule allows lowers it further".to_string()
        };
        out.push(AboveShare {
            id: ids[b],
            rack: racks.names.get(r).cloned().flatten(),
            replicas: count_after[b],
            even_replicas: even_hi,
            bytes: disk_after.map(|d| to_u64(d[b])),
            even_bytes: disk_after.map(|_| to_u64(even_bytes_hi)),
            reason,
        });
    }
    out
}
