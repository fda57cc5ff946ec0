//! Planner benchmark: replicas moved and balance reached by our planner versus
//! `kafka-reassign-partitions --generate`, and planning time on a large cluster.
//!
//! Run: `cargo bench --bench planner`. The baseline runs Kafka's own assignment code through
//! benches/GenerateBaseline.java; set KAFKA_LIB to a Kafka `libs` directory (default
//! /tmp/kafkalib-test). Without Java or Kafka the baseline column says why and the rest still runs.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use kubectl_kafka::model::{Assignment, BrokerId, TopicPartition};
use kubectl_kafka::plan::{self, BrokerSpec, PlanOptions};

/// --generate is random: average over this many runs.
const BASELINE_RUNS: usize = 5;

struct Scenario {
    name: String,
    current: Assignment,
    /// Brokers after the change (with racks).
    target: Vec<BrokerSpec>,
    /// Brokers that must end empty.
    leaving: Vec<BrokerId>,
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
            // Second and later replicas shift by a per-topic offset, as Kafka's placement does.
            let shift = 1 + (ti % (n - 1).max(1));
            let mut reps: Vec<BrokerId> = Vec::with_capacity(*rf);
            let mut j = 0;
            while reps.len() < *rf {
                let b = brokers[(start + j * shift + j / n) % n];
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

fn mixed_topics() -> Vec<(String, usize, usize)> {
    let mut t = Vec::new();
    for i in 0..10 {
        t.push((format!("orders-{i}"), 12, 3));
    }
    for i in 0..5 {
        t.push((format!("events-{i}"), 6, 2));
    }
    for i in 0..2 {
        t.push((format!("scratch-{i}"), 3, 1));
    }
    t
}

fn range(a: BrokerId, b: BrokerId) -> Vec<BrokerId> {
    (a..=b).collect()
}

fn scenarios() -> Vec<Scenario> {
    let mut v = Vec::new();
    for (before, after) in [(3, 4), (3, 6), (12, 15)] {
        v.push(Scenario {
            name: format!("{before}->{after}"),
            current: round_robin(&range(1, before), &mixed_topics()),
            target: specs(range(1, after), 0),
            leaving: vec![],
        });
    }
    // Racks: ids interleave racks (1:a 2:b 3:c 4:a ...); RF 3 partitions span all three.
    let rack_topics: Vec<(String, usize, usize)> =
        (0..12).map(|i| (format!("orders-{i}"), 12, 3)).collect();
    v.push(Scenario {
        name: "6->9, 3 racks".into(),
        current: round_robin(&range(1, 6), &rack_topics),
        target: specs(range(1, 9), 3),
        leaving: vec![],
    });
    // Skewed: six brokers, but most data and all leadership sits on brokers 1-3.
    let mut skewed = round_robin(&range(1, 3), &mixed_topics());
    skewed.extend(round_robin(
        &range(4, 6),
        &[("late-0".to_string(), 6, 3), ("late-1".to_string(), 6, 3)],
    ));
    v.push(Scenario {
        name: "skewed 6".into(),
        current: skewed,
        target: specs(range(1, 6), 0),
        leaving: vec![],
    });
    v.push(Scenario {
        name: "5->3 (drain 4,5)".into(),
        current: round_robin(&range(1, 5), &mixed_topics()),
        target: specs(range(1, 3), 0),
        leaving: vec![4, 5],
    });
    v
}

fn large() -> Scenario {
    let topics: Vec<(String, usize, usize)> = (0..1000)
        .map(|i| (format!("topic-{i:04}"), 100, 3))
        .collect();
    Scenario {
        name: "100k x RF3, 100->110".into(),
        current: round_robin(&range(1, 100), &topics),
        target: specs(range(1, 110), 0),
        leaving: vec![],
    }
}

struct Measured {
    moves: f64,
    replica_spread: f64,
    leader_spread: f64,
    /// The worst per-topic replica and leader spreads over all topics.
    topic_spread: f64,
    topic_leader_spread: f64,
}

fn measure(current: &Assignment, target: &Assignment, brokers: &[BrokerId]) -> Measured {
    let (r, l) = plan::spread(target, brokers);
    let mut by_topic: BTreeMap<&str, Assignment> = BTreeMap::new();
    for (tp, reps) in target {
        by_topic
            .entry(tp.topic.as_str())
            .or_default()
            .insert(tp.clone(), reps.clone());
    }
    let spreads: Vec<(usize, usize)> = by_topic
        .values()
        .map(|a| plan::spread(a, brokers))
        .collect();
    let topic_spread = spreads.iter().map(|s| s.0).max().unwrap_or(0);
    let topic_leader_spread = spreads.iter().map(|s| s.1).max().unwrap_or(0);
    Measured {
        moves: plan::moved_replicas(current, target) as f64,
        replica_spread: r as f64,
        leader_spread: l as f64,
        topic_spread: topic_spread as f64,
        topic_leader_spread: topic_leader_spread as f64,
    }
}

/// Kafka's --generate proposals for the scenario, or why there are none.
fn baseline(s: &Scenario, runs: usize) -> Result<Vec<Assignment>, String> {
    let lib = std::env::var_os("KAFKA_LIB")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/tmp/kafkalib-test"));
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

fn mean(v: &[Measured]) -> Measured {
    let n = v.len().max(1) as f64;
    Measured {
        moves: v.iter().map(|m| m.moves).sum::<f64>() / n,
        replica_spread: v.iter().map(|m| m.replica_spread).sum::<f64>() / n,
        leader_spread: v.iter().map(|m| m.leader_spread).sum::<f64>() / n,
        topic_spread: v.iter().map(|m| m.topic_spread).sum::<f64>() / n,
        topic_leader_spread: v.iter().map(|m| m.topic_leader_spread).sum::<f64>() / n,
    }
}

fn run_plan(s: &Scenario) -> Result<(plan::Plan, f64), plan::PlanError> {
    let opts = PlanOptions {
        leaving: s.leaving.iter().copied().collect(),
        ..Default::default()
    };
    // Fastest of three runs: the machine may be busy with other work.
    let mut best = f64::INFINITY;
    let mut result = None;
    for _ in 0..3 {
        let t = Instant::now();
        let p = plan::plan(&s.current, &s.target, &opts)?;
        best = best.min(t.elapsed().as_secs_f64() * 1000.0);
        result = Some(p);
    }
    match result {
        Some(p) => Ok((p, best)),
        None => Err(plan::PlanError::EmptyBrokerSet),
    }
}

fn main() {
    // `cargo bench` passes --bench; nothing to parse.
    let mut rows: Vec<[String; 11]> = Vec::new();
    let mut notes: BTreeMap<String, String> = BTreeMap::new();
    let mut all = scenarios();
    all.push(large());
    for s in &all {
        let replicas: usize = s.current.values().map(Vec::len).sum();
        let ids: Vec<BrokerId> = s.target.iter().map(|b| b.id).collect();
        let (p, ms) = match run_plan(s) {
            Ok(x) => x,
            Err(e) => {
                eprintln!("{}: planner error: {e}", s.name);
                continue;
            }
        };
        let ours = measure(&s.current, &p.target, &ids);
        let before = measure(&s.current, &s.current, &ids);
        let runs = if replicas > 100_000 { 1 } else { BASELINE_RUNS };
        let kafka = match baseline(s, runs) {
            Ok(v) => {
                let m: Vec<Measured> = v.iter().map(|a| measure(&s.current, a, &ids)).collect();
                Some(mean(&m))
            }
            Err(e) => {
                notes.insert(s.name.clone(), e);
                None
            }
        };
        let k = |f: fn(&Measured) -> f64| {
            kafka
                .as_ref()
                .map(|m| format!("{:.1}", f(m)))
                .unwrap_or_else(|| "n/a".into())
        };
        rows.push([
            s.name.clone(),
            replicas.to_string(),
            p.lower_bound.to_string(),
            format!("{}", ours.moves),
            k(|m| m.moves),
            format!(
                "{}/{}",
                before.replica_spread as usize, before.leader_spread as usize
            ),
            format!(
                "{}/{}",
                ours.replica_spread as usize, ours.leader_spread as usize
            ),
            match &kafka {
                Some(m) => format!("{:.1}/{:.1}", m.replica_spread, m.leader_spread),
                None => "n/a".into(),
            },
            format!("{}/{}", ours.topic_spread, ours.topic_leader_spread),
            match &kafka {
                Some(m) => format!("{:.1}/{:.1}", m.topic_spread, m.topic_leader_spread),
                None => "n/a".into(),
            },
            format!("{ms:.1}"),
        ]);
    }
    let header = [
        "scenario",
        "replicas",
        "lower bound",
        "ours moved",
        "--generate moved (mean)",
        "spread before (repl/lead)",
        "spread ours",
        "spread --generate (mean)",
        "topic spread ours",
        "topic spread --generate",
        "plan ms (best of 3)",
    ];
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
    println!(
        "\n--generate: Kafka's own ReassignPartitionsCommand assignment step, mean of {BASELINE_RUNS} runs (1 for the large layout)."
    );
    println!(
        "spread = max - min over the target brokers of replicas / preferred leaders per broker; topic spread = the worst topic's spread (repl/lead)."
    );
    for (name, why) in notes {
        println!("baseline unavailable for {name}: {why}");
    }
}
