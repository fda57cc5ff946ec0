//! Planner benchmark: what each planner moves and reaches on the same layouts, and how long it
//! takes, side by side in one run.
//!
//! Planners: ours with balance `disk` (sizes known, the default), ours with balance `count`, the
//! count-only planner (ours without sizes: what planning looked like before sizes were known),
//! and `kafka-reassign-partitions --generate` (Kafka's own assignment code, through
//! benches/GenerateBaseline.java; the mean of several runs, it is random).
//!
//! Run: `cargo bench --bench planner`. KAFKA_LIB points at a Kafka `libs` directory; by default
//! the testbed cache (~/.cache/kubectl-kafka-testbed/kafka-*/lib). Without Java or Kafka the
//! --generate rows say why and the rest still runs. Figures are printed, never asserted.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use kubectl_kafka::model::{Assignment, BrokerId, Sizes, TopicPartition};
use kubectl_kafka::plan::{self, Balance, BrokerSpec, PlanRequest};

/// --generate is random: average over this many runs (1 on the largest layout).
const BASELINE_RUNS: usize = 5;

struct Scenario {
    name: String,
    current: Assignment,
    /// Brokers after the change (with racks).
    target: Vec<BrokerSpec>,
    /// Brokers that must end empty.
    leaving: Vec<BrokerId>,
    /// Bytes per partition (every replica of a partition the same size).
    bytes: BTreeMap<TopicPartition, u64>,
    /// Timing runs (best of).
    runs: usize,
}

/// splitmix64: the same sizes on every run.
struct SplitMix(u64);

impl SplitMix {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Pareto with shape 1.5 and a 1 MB minimum: infinite variance, a few huge partitions.
    fn pareto(&mut self) -> u64 {
        let u = ((self.next_u64() >> 11) as f64 + 1.0) / (1u64 << 53) as f64;
        (1_000_000.0 / u.powf(1.0 / 1.5)).min(1e13) as u64
    }
}

fn rack_of(id: BrokerId, racks: usize) -> Option<String> {
    (racks > 0).then(|| format!("rack-{}", (id as usize - 1) % racks))
}

fn specs(ids: impl IntoIterator<Item = BrokerId>, racks: usize) -> Vec<BrokerSpec> {
    ids.into_iter()
        .map(|id| BrokerSpec {
            id,
            rack: rack_of(id, racks),
        })
        .collect()
}

/// Round-robin placement over `brokers` in order (ids follow racks round-robin, so consecutive
/// brokers sit in different racks), each topic starting at a different broker: the balanced,
/// rack-spread layout a cluster typically has before it grows.
fn round_robin(brokers: &[BrokerId], topics: &[(String, usize, usize)]) -> Assignment {
    let n = brokers.len();
    let mut a = Assignment::new();
    for (ti, (name, parts, rf)) in topics.iter().enumerate() {
        for p in 0..*parts {
            let start = p + ti * 7;
            let mut reps: Vec<BrokerId> = Vec::with_capacity(*rf);
            let mut j = 0;
            while reps.len() < *rf {
                let b = brokers[(start + j) % n];
                if !reps.contains(&b) {
                    reps.push(b);
                }
                j += 1;
            }
            a.insert(TopicPartition::new(name.clone(), p as i32), reps);
        }
    }
    a
}

fn sizes_for(current: &Assignment, seed: u64) -> BTreeMap<TopicPartition, u64> {
    let mut rng = SplitMix(seed);
    current
        .keys()
        .map(|tp| (tp.clone(), rng.pareto()))
        .collect()
}

fn range(a: BrokerId, b: BrokerId) -> Vec<BrokerId> {
    (a..=b).collect()
}

fn topics(n: usize, parts: usize, rf: usize, prefix: &str) -> Vec<(String, usize, usize)> {
    (0..n)
        .map(|i| (format!("{prefix}-{i:04}"), parts, rf))
        .collect()
}

fn scenario(
    name: &str,
    current: Assignment,
    target: Vec<BrokerSpec>,
    leaving: Vec<BrokerId>,
    seed: u64,
    runs: usize,
) -> Scenario {
    let bytes = sizes_for(&current, seed);
    Scenario {
        name: name.to_string(),
        current,
        target,
        leaving,
        bytes,
        runs,
    }
}

fn scenarios() -> Vec<Scenario> {
    let mixed = || {
        let mut t = topics(30, 30, 3, "orders");
        t.extend(topics(20, 15, 2, "events"));
        t
    };
    let mut v = vec![
        scenario(
            "6->9, Pareto sizes",
            round_robin(&range(1, 6), &mixed()),
            specs(range(1, 9), 0),
            vec![],
            11,
            3,
        ),
        scenario(
            "6->9, 3 racks, Pareto",
            round_robin(&range(1, 6), &mixed()),
            specs(range(1, 9), 3),
            vec![],
            12,
            3,
        ),
        scenario(
            "rebalance 9 / 3 racks, Pareto",
            round_robin(&range(1, 9), &mixed()),
            specs(range(1, 9), 3),
            vec![],
            13,
            3,
        ),
    ];
    // Racks of unequal size: a:4, b:4, c:2 over ten brokers, grown from seven (c had one).
    let unequal = |ids: &[BrokerId]| -> Vec<BrokerSpec> {
        ids.iter()
            .map(|&id| {
                let r = match id {
                    1..=4 => "a",
                    5..=8 => "b",
                    _ => "c",
                };
                BrokerSpec::new(id, Some(r))
            })
            .collect()
    };
    v.push(scenario(
        "racks 4/4/2, 7->10, Pareto",
        round_robin(&[1, 5, 9, 2, 6, 3, 7], &topics(40, 24, 3, "orders")),
        unequal(&range(1, 10)),
        vec![],
        14,
        3,
    ));
    // The middle-broker drain: 6 brokers over 3 racks (2 each), broker 3 leaves.
    let all6 = specs(range(1, 6), 3);
    v.push(scenario(
        "drain 3 of 6 / 3 racks",
        round_robin(&range(1, 6), &mixed()),
        all6.iter().filter(|b| b.id != 3).cloned().collect(),
        vec![3],
        15,
        3,
    ));
    v.push(scenario(
        "2,000 1-partition topics, 6->9",
        round_robin(&range(1, 6), &topics(2000, 1, 3, "t")),
        specs(range(1, 9), 0),
        vec![],
        16,
        3,
    ));
    v
}

/// About a million replicas: 1,000 topics × 334 partitions × RF 3 over 3 racks, 100 -> 110.
fn large() -> Scenario {
    scenario(
        "1M replicas, 100->110, 3 racks",
        round_robin(&range(1, 100), &topics(1000, 334, 3, "topic")),
        specs(range(1, 110), 3),
        vec![],
        17,
        2,
    )
}

/// What a target assignment reaches and costs, judged the same way for every planner.
struct Outcome {
    replicas_moved: usize,
    bytes_moved: u64,
    max_over_mean_before: f64,
    max_over_mean_after: f64,
    count_spread: usize,
    /// Partitions whose replicas are not spread over the racks as evenly as the brokers allow.
    uneven: usize,
    /// Bytes the plain smallest-first choice reaching the same replica counts moves.
    smallest_first: u64,
}

fn evenly_spread(
    reps: &[BrokerId],
    rack: &BTreeMap<BrokerId, Option<String>>,
    size: &BTreeMap<Option<String>, usize>,
) -> bool {
    let mut x: BTreeMap<&Option<String>, usize> = BTreeMap::new();
    for b in reps {
        if let Some(r) = rack.get(b) {
            *x.entry(r).or_insert(0) += 1;
        }
    }
    let get = |r: &Option<String>| x.get(r).copied().unwrap_or(0);
    size.keys().all(|r1| {
        size.iter()
            .all(|(r2, &n2)| !(get(r1) >= get(r2) + 2 && get(r2) < n2))
    })
}

fn judge(s: &Scenario, target: &Assignment) -> Outcome {
    let ids: Vec<BrokerId> = s.target.iter().map(|b| b.id).collect();
    let disk = |a: &Assignment| -> BTreeMap<BrokerId, u64> {
        let mut m: BTreeMap<BrokerId, u64> = ids.iter().map(|b| (*b, 0)).collect();
        for (tp, r) in a {
            for b in r {
                *m.entry(*b).or_insert(0) += s.bytes[tp];
            }
        }
        m
    };
    let ratio = |m: &BTreeMap<BrokerId, u64>| {
        let total: u64 = m.values().sum();
        let mean = total as f64 / ids.len() as f64;
        let max = ids
            .iter()
            .map(|b| m.get(b).copied().unwrap_or(0))
            .max()
            .unwrap_or(0);
        max as f64 / mean
    };
    let mut bytes_moved = 0;
    for (tp, r) in target {
        let cur = &s.current[tp];
        bytes_moved += r.iter().filter(|b| !cur.contains(b)).count() as u64 * s.bytes[tp];
    }
    let rack: BTreeMap<BrokerId, Option<String>> =
        s.target.iter().map(|b| (b.id, b.rack.clone())).collect();
    let mut size: BTreeMap<Option<String>, usize> = BTreeMap::new();
    for b in &s.target {
        *size.entry(b.rack.clone()).or_insert(0) += 1;
    }
    let racked = s.target.iter().any(|b| b.rack.is_some());
    let uneven = if racked {
        target
            .values()
            .filter(|r| !evenly_spread(r, &rack, &size))
            .count()
    } else {
        0
    };
    let (before, after) = (
        plan::replica_counts(&s.current),
        plan::replica_counts(target),
    );
    let mut per: BTreeMap<BrokerId, Vec<u64>> = BTreeMap::new();
    for (tp, r) in &s.current {
        for b in r {
            per.entry(*b).or_default().push(s.bytes[tp]);
        }
    }
    let smallest_first = per
        .iter_mut()
        .map(|(b, v)| {
            v.sort_unstable();
            let k = before[b].saturating_sub(after.get(b).copied().unwrap_or(0));
            v.iter().take(k).sum::<u64>()
        })
        .sum();
    Outcome {
        replicas_moved: plan::moved_replicas(&s.current, target),
        bytes_moved,
        max_over_mean_before: ratio(&disk(&s.current)),
        max_over_mean_after: ratio(&disk(target)),
        count_spread: plan::spread(target, &ids).0,
        uneven,
        smallest_first,
    }
}

fn kafka_lib() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("KAFKA_LIB") {
        return Some(PathBuf::from(p));
    }
    let cache = std::env::var_os("HOME")
        .map(PathBuf::from)?
        .join(".cache/kubectl-kafka-testbed");
    let mut libs: Vec<PathBuf> = std::fs::read_dir(&cache)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path().join("lib")))
        .filter(|p| p.join(".complete").exists() || p.is_dir())
        .filter(|p| {
            p.parent()
                .and_then(|d| d.file_name())
                .is_some_and(|n| n.to_string_lossy().starts_with("kafka-"))
        })
        .collect();
    libs.sort();
    libs.pop()
}

/// Kafka's --generate proposals for the scenario, or why there are none.
fn baseline(s: &Scenario, runs: usize) -> Result<Vec<Assignment>, String> {
    let lib = kafka_lib().ok_or("no Kafka lib dir (set KAFKA_LIB)")?;
    if !lib.is_dir() {
        return Err(format!(
            "Kafka lib dir {} not found (set KAFKA_LIB)",
            lib.display()
        ));
    }
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/GenerateBaseline.java");
    let mut input = String::new();
    for b in &s.target {
        input.push_str(&format!(
            "broker {} {}\n",
            b.id,
            b.rack.as_deref().unwrap_or("-")
        ));
    }
    for (tp, r) in &s.current {
        let reps: Vec<String> = r.iter().map(ToString::to_string).collect();
        input.push_str(&format!(
            "partition {} {} {}\n",
            tp.topic,
            tp.partition,
            reps.join(",")
        ));
    }
    let mut child = Command::new("java")
        .arg("-cp")
        .arg(format!("{}/*", lib.display()))
        .arg(&source)
        .arg(runs.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run java: {e}"))?;
    let mut stdin = child.stdin.take().ok_or("java has no stdin")?;
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child
        .wait_with_output()
        .map_err(|e| format!("java failed: {e}"))?;
    writer
        .join()
        .map_err(|_| "writer thread panicked".to_string())?
        .map_err(|e| format!("writing to java: {e}"))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        return Err(format!(
            "GenerateBaseline failed: {}",
            err.lines().next().unwrap_or("")
        ));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut result: Vec<Assignment> = Vec::new();
    for line in text.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        match f.as_slice() {
            ["run", _] => result.push(Assignment::new()),
            [topic, part, reps] => {
                let p: i32 = part
                    .parse()
                    .map_err(|e| format!("bad line {line:?}: {e}"))?;
                let r: Result<Vec<BrokerId>, _> = reps.split(',').map(str::parse).collect();
                let r = r.map_err(|e| format!("bad line {line:?}: {e}"))?;
                result
                    .last_mut()
                    .ok_or("output before the first run line")?
                    .insert(TopicPartition::new(*topic, p), r);
            }
            _ => return Err(format!("unexpected output line {line:?}")),
        }
    }
    if result.len() != runs {
        return Err(format!("expected {runs} runs, got {}", result.len()));
    }
    Ok(result)
}

/// One planner on one scenario: the plan (ours) and the fastest of `runs` timings.
fn timed(
    s: &Scenario,
    sizes: Option<&Sizes>,
    balance: Balance,
) -> Result<(plan::Plan, f64), plan::PlanError> {
    let mut req = PlanRequest::new(&s.current, &s.target);
    req.sizes = sizes;
    req.options.balance = Some(balance);
    req.options.leaving = s.leaving.iter().copied().collect();
    let mut best = f64::INFINITY;
    let mut result = None;
    for _ in 0..s.runs.max(1) {
        let t = Instant::now();
        let p = plan::plan_request(&req)?;
        best = best.min(t.elapsed().as_secs_f64() * 1000.0);
        result = Some(p);
    }
    result
        .map(|p| (p, best))
        .ok_or(plan::PlanError::EmptyBrokerSet)
}

fn gb(b: u64) -> String {
    format!("{:.2}", b as f64 / 1e9)
}

fn main() {
    // `cargo bench` passes --bench; nothing to parse.
    let header = [
        "scenario",
        "planner",
        "replicas moved",
        "replica bound",
        "GB moved",
        "GB bound",
        "moved/bound",
        "moved/must-leave",
        "vs smallest-first",
        "disk max/mean (before -> after)",
        "count spread",
        "rack-uneven partitions",
        "plan ms",
    ];
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    let mut all = scenarios();
    all.push(large());
    for s in &all {
        let replicas: usize = s.current.values().map(Vec::len).sum();
        eprintln!("{}: {replicas} replicas", s.name);
        let sizes = Sizes::from_records(s.current.iter().flat_map(|(tp, r)| {
            let b = s.bytes[tp];
            r.iter()
                .map(move |&broker| (tp.clone(), broker, "/data".to_string(), b))
        }));
        let mut row = |planner: &str,
                       o: &Outcome,
                       bounds: Option<(usize, u64)>,
                       must_leave: Option<u64>,
                       ms: Option<f64>| {
            rows.push(vec![
                format!("{} ({replicas} replicas)", s.name),
                planner.to_string(),
                o.replicas_moved.to_string(),
                bounds.map_or("-".into(), |b| b.0.to_string()),
                gb(o.bytes_moved),
                bounds.map_or("-".into(), |b| gb(b.1)),
                bounds.map_or("-".into(), |b| {
                    format!("{:.3}", o.bytes_moved as f64 / b.1.max(1) as f64)
                }),
                must_leave.map_or("-".into(), |m| {
                    format!("{:.3}", o.bytes_moved as f64 / m.max(1) as f64)
                }),
                format!(
                    "{:.2}",
                    o.bytes_moved as f64 / o.smallest_first.max(1) as f64
                ),
                format!(
                    "{:.2} -> {:.3}",
                    o.max_over_mean_before, o.max_over_mean_after
                ),
                o.count_spread.to_string(),
                o.uneven.to_string(),
                ms.map_or("-".into(), |m| format!("{m:.1}")),
            ]);
        };
        for (label, sized, balance) in [
            ("ours, balance disk", true, Balance::Disk),
            ("ours, balance count", true, Balance::Count),
            ("count-only (no sizes)", false, Balance::Count),
        ] {
            match timed(s, sized.then_some(&sizes), balance) {
                Ok((p, ms)) => {
                    let o = judge(s, &p.target);
                    let bounds = sized.then(|| (p.lower_bound, p.bytes_lower_bound.unwrap_or(0)));
                    let must_leave = if sized { p.bytes_must_leave } else { None };
                    row(label, &o, bounds, must_leave, Some(ms));
                    if sized && !p.notes.is_empty() {
                        notes.push(format!("{} / {label}: {}", s.name, p.notes.join("; ")));
                    }
                    for a in p.above_share.iter().take(2) {
                        if sized && balance == Balance::Disk {
                            notes.push(format!(
                                "{} / {label}: broker {} above the even share: {}",
                                s.name, a.id, a.reason
                            ));
                        }
                    }
                }
                Err(e) => notes.push(format!("{} / {label}: refused: {e}", s.name)),
            }
        }
        let runs = if replicas > 100_000 { 1 } else { BASELINE_RUNS };
        match baseline(s, runs) {
            Ok(v) => {
                let o: Vec<Outcome> = v.iter().map(|a| judge(s, a)).collect();
                let n = o.len() as f64;
                let mean = Outcome {
                    replicas_moved: (o.iter().map(|x| x.replicas_moved).sum::<usize>() as f64 / n)
                        .round() as usize,
                    bytes_moved: (o.iter().map(|x| x.bytes_moved as f64).sum::<f64>() / n) as u64,
                    max_over_mean_before: o[0].max_over_mean_before,
                    max_over_mean_after: o.iter().map(|x| x.max_over_mean_after).sum::<f64>() / n,
                    count_spread: (o.iter().map(|x| x.count_spread).sum::<usize>() as f64 / n)
                        .round() as usize,
                    uneven: (o.iter().map(|x| x.uneven).sum::<usize>() as f64 / n).round() as usize,
                    smallest_first: (o.iter().map(|x| x.smallest_first as f64).sum::<f64>() / n)
                        as u64,
                };
                row(
                    &format!("kafka --generate (mean of {runs})"),
                    &mean,
                    None,
                    None,
                    None,
                );
            }
            Err(e) => notes.push(format!("{}: --generate unavailable: {e}", s.name)),
        }
    }
    let widths: Vec<usize> = (0..header.len())
        .map(|i| {
            rows.iter()
                .map(|r| r[i].chars().count())
                .chain(std::iter::once(header[i].len()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: Vec<&str>| {
        let c: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        println!("| {} |", c.join(" | "));
    };
    line(header.to_vec());
    println!(
        "|{}|",
        widths
            .iter()
            .map(|w| "-".repeat(w + 2))
            .collect::<Vec<_>>()
            .join("|")
    );
    for r in &rows {
        line(r.iter().map(String::as_str).collect());
    }
    println!();
    println!(
        "Sizes: Pareto, shape 1.5, 1 MB minimum, one size per partition. Bounds: the plan's own (the fewest replicas / bytes any plan at least as balanced must move). moved/must-leave: bytes moved over the bytes that must leave over-full and leaving brokers. vs smallest-first: bytes moved over what moving each shrinking broker's smallest replicas (to reach the same counts) moves. count spread: max - min replicas per broker. rack-uneven: partitions not spread over the racks as evenly as the brokers allow. plan ms: fastest of the runs, release build."
    );
    let unique: BTreeSet<String> = notes.into_iter().collect();
    for n in unique {
        println!("- {n}");
    }
}
