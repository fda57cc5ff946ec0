//! Planning from files, with no cluster: Kafka's reassignment JSON as the current layout, the
//! output of `kafka-log-dirs.sh --describe` as sizes, and a broker list such as
//! `1:rack-a,2:rack-b,3` (rack-less brokers as bare ids). Brokers in the layout but not listed are
//! drained. Every error names the file (or flag), the entry and what to fix.

use std::collections::BTreeSet;

use super::{BrokerSpec, json, logdirs, rf};
use super::{Plan, PlanError, PlanOptions, PlanRequest};
use crate::error::Error;
use crate::model::{Assignment, BrokerId, Sizes};

/// A named input file: the name is what error messages show.
#[derive(Debug, Clone, Copy)]
pub struct InputFile<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

/// An offline plan, ready to write out.
#[derive(Debug, Clone)]
pub struct OfflinePlan {
    pub current: Assignment,
    pub plan: Plan,
    /// Brokers drained because the layout has them and the broker list does not.
    pub drained: Vec<BrokerId>,
    /// The reassignment to submit (kafka-reassign-partitions JSON, changed partitions only).
    pub plan_json: String,
    /// The reassignment that restores today's layout for the same partitions.
    pub rollback_json: String,
}

/// Parse a broker list: `1:rack-a,2:rack-b,3`.
pub fn parse_brokers(flag: &str, spec: &str) -> Result<Vec<BrokerSpec>, Error> {
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for item in spec.split(',').map(str::trim) {
        if item.is_empty() {
            return Err(Error::usage(format!(
                "{flag}: empty entry in {spec:?}; write ids, each optionally with its rack: 1:rack-a,2:rack-b,3"
            )));
        }
        let (id, rack) = match item.split_once(':') {
            Some((id, rack)) => (id.trim(), Some(rack.trim())),
            None => (item, None),
        };
        let id: BrokerId = id.parse().map_err(|_| {
            Error::usage(format!(
                "{flag}: {item:?} does not start with a broker id; write ids, each optionally with its rack: 1:rack-a,2:rack-b,3"
            ))
        })?;
        if id < 0 {
            return Err(Error::usage(format!(
                "{flag}: broker id {id} is negative; broker ids are 0 or more"
            )));
        }
        if rack.is_some_and(str::is_empty) {
            return Err(Error::usage(format!(
                "{flag}: {item:?} has an empty rack; write the rack after the colon or leave the colon out"
            )));
        }
        if !seen.insert(id) {
            return Err(Error::usage(format!(
                "{flag}: broker {id} is listed twice; list each broker once"
            )));
        }
        out.push(BrokerSpec::new(id, rack));
    }
    Ok(out)
}

/// Read a kafka-reassign-partitions JSON layout.
pub fn read_assignment(file: InputFile<'_>) -> Result<json::Reassignment, Error> {
    let doc =
        json::parse_document(file.text).map_err(|e| Error::usage(format!("{}: {e}", file.name)))?;
    if doc.partitions.is_empty() {
        return Err(Error::usage(format!(
            "{}: the layout lists no partitions; give the current assignment of the topics to plan (kafka-reassign-partitions JSON)",
            file.name
        )));
    }
    Ok(doc)
}

/// Read the output of `kafka-log-dirs.sh --describe`.
pub fn read_log_dirs(file: InputFile<'_>) -> Result<Sizes, Error> {
    logdirs::parse(file.text).map_err(|e| Error::usage(format!("{}: {e}", file.name)))
}

/// The brokers a layout and a broker list make: the listed ones hold the data, the others drain.
fn brokers_of(current: &Assignment, listed: &[BrokerSpec]) -> BTreeSet<BrokerId> {
    let ids: BTreeSet<BrokerId> = listed.iter().map(|b| b.id).collect();
    current
        .values()
        .flatten()
        .copied()
        .filter(|b| !ids.contains(b))
        .collect()
}

/// Name the input a plan error is about.
fn located(e: PlanError, layout: &str, log_dirs: Option<&str>, brokers_flag: &str) -> Error {
    let file = match &e {
        PlanError::UnknownSizePartition { .. }
        | PlanError::UnknownSizeBroker { .. }
        | PlanError::StraySize { .. }
        | PlanError::MissingSize { .. } => log_dirs.unwrap_or(layout),
        PlanError::UnknownBroker { .. }
        | PlanError::DuplicateReplica { .. }
        | PlanError::NoReplicas(_)
        | PlanError::UnknownTopic(_) => layout,
        PlanError::EmptyBrokerSet
        | PlanError::DuplicateBroker(_)
        | PlanError::TargetAlsoLeaving(_) => brokers_flag,
        _ => "",
    };
    let refused = e.is_refusal();
    let msg = if file.is_empty() {
        e.to_string()
    } else {
        format!("{file}: {e}")
    };
    if refused {
        Error::refused(msg)
    } else {
        Error::usage(msg)
    }
}

/// `reassign generate` offline: plan from a layout file, a broker list and optionally log dirs.
pub fn generate(
    layout: InputFile<'_>,
    brokers_flag: &str,
    brokers: &str,
    log_dirs: Option<InputFile<'_>>,
    options: PlanOptions,
) -> Result<OfflinePlan, Error> {
    let doc = read_assignment(layout)?;
    let listed = parse_brokers(brokers_flag, brokers)?;
    let sizes = log_dirs.map(read_log_dirs).transpose()?;
    let drained = brokers_of(&doc.partitions, &listed);
    let mut req = PlanRequest::new(&doc.partitions, &listed);
    req.sizes = sizes.as_ref();
    req.log_dirs = Some(&doc.log_dirs);
    req.options = options;
    req.options.leaving.extend(drained.iter().copied());
    let plan = super::plan_request(&req)
        .map_err(|e| located(e, layout.name, log_dirs.map(|f| f.name), brokers_flag))?;
    Ok(finish(doc.partitions, plan, drained.into_iter().collect()))
}

/// `topics alter --replication-factor` offline: the same inputs, a topic → factor map.
pub fn change_replication_factor(
    layout: InputFile<'_>,
    brokers_flag: &str,
    brokers: &str,
    log_dirs: Option<InputFile<'_>>,
    wanted: &std::collections::BTreeMap<String, usize>,
    options: PlanOptions,
) -> Result<OfflinePlan, Error> {
    let doc = read_assignment(layout)?;
    let listed = parse_brokers(brokers_flag, brokers)?;
    let sizes = log_dirs.map(read_log_dirs).transpose()?;
    let mut req = PlanRequest::new(&doc.partitions, &listed);
    req.sizes = sizes.as_ref();
    req.log_dirs = Some(&doc.log_dirs);
    req.options = options;
    let plan = rf::change_replication_factor(&req, wanted)
        .map_err(|e| located(e, layout.name, log_dirs.map(|f| f.name), brokers_flag))?;
    Ok(finish(doc.partitions, plan, Vec::new()))
}

fn finish(current: Assignment, plan: Plan, drained: Vec<BrokerId>) -> OfflinePlan {
    let plan_json = plan.reassignment_json(&current);
    let rollback_json = json::render_rollback(&current, &plan.target);
    OfflinePlan {
        current,
        plan,
        drained,
        plan_json,
        rollback_json,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ExitStatus;

    const LAYOUT: &str = r#"{"version":1,"partitions":[
        {"topic":"t","partition":0,"replicas":[1,2]},
        {"topic":"t","partition":1,"replicas":[2,3]},
        {"topic":"t","partition":2,"replicas":[3,1]}]}"#;

    fn log_dirs(entries: &[(i32, &str, u64)]) -> String {
        let mut brokers: std::collections::BTreeMap<i32, Vec<String>> = Default::default();
        for (b, p, s) in entries {
            brokers.entry(*b).or_default().push(format!(
                r#"{{"partition":"{p}","size":{s},"offsetLag":0,"isFuture":false}}"#
            ));
        }
        let bs: Vec<String> = brokers
            .iter()
            .map(|(b, ps)| {
                format!(
                    r#"{{"broker":{b},"logDirs":[{{"logDir":"/data","error":null,"partitions":[{}]}}]}}"#,
                    ps.join(",")
                )
            })
            .collect();
        format!(
            "Querying brokers for log directories information\n{{\"version\":1,\"brokers\":[{}]}}\n",
            bs.join(",")
        )
    }

    fn file<'a>(name: &'a str, text: &'a str) -> InputFile<'a> {
        InputFile { name, text }
    }

    #[test]
    fn broker_lists() {
        let b = parse_brokers("--brokers", "1:rack-a, 2:rack-b,3").unwrap();
        assert_eq!(
            b,
            vec![
                BrokerSpec::new(1, Some("rack-a")),
                BrokerSpec::new(2, Some("rack-b")),
                BrokerSpec::new(3, None)
            ]
        );
        for (bad, says) in [
            ("1,,2", "empty entry"),
            ("x:a", "does not start with a broker id"),
            ("1:", "empty rack"),
            ("1,1", "listed twice"),
            ("-3", "negative"),
        ] {
            let e = parse_brokers("--brokers", bad).unwrap_err();
            assert_eq!(e.exit_status(), ExitStatus::Usage);
            assert!(e.to_string().starts_with("--brokers: "), "{e}");
            assert!(e.to_string().contains(says), "{bad}: {e}");
        }
    }

    #[test]
    fn drains_unlisted_brokers_and_writes_both_files() {
        let out = generate(
            file("assignment.json", LAYOUT),
            "--brokers",
            "1,2,4",
            None,
            PlanOptions::default(),
        )
        .unwrap();
        assert_eq!(out.drained, vec![3]);
        assert!(out.plan.target.values().all(|r| !r.contains(&3)));
        let fwd = json::parse(&out.plan_json).unwrap();
        let back = json::parse(&out.rollback_json).unwrap();
        assert_eq!(
            fwd.keys().collect::<Vec<_>>(),
            back.keys().collect::<Vec<_>>()
        );
        for (tp, r) in &back {
            assert_eq!(r, &out.current[tp]);
        }
    }

    #[test]
    fn bad_inputs_name_the_file_the_entry_and_the_fix() {
        let cases: Vec<(String, Option<String>, &str, &str)> = vec![
            (
                "[]".into(),
                None,
                "assignment.json: not a reassignment JSON",
                "1,2,3",
            ),
            (
                r#"{"partitions":[{"topic":"t","partition":0,"replicas":[1,1]}]}"#.into(),
                None,
                "assignment.json: partition t-0 lists broker 1 more than once",
                "1,2",
            ),
            (
                r#"{"partitions":[]}"#.into(),
                None,
                "assignment.json: the layout lists no partitions",
                "1",
            ),
            (
                LAYOUT.into(),
                Some(log_dirs(&[(1, "t-0", 5), (1, "u-0", 5)])),
                "logdirs.json: broker 1 reports a size for partition u-0",
                "1,2,3",
            ),
            (
                LAYOUT.into(),
                Some(log_dirs(&[(9, "t-0", 5)])),
                "logdirs.json: sizes are given for broker 9",
                "1,2,3",
            ),
            (
                LAYOUT.into(),
                Some(log_dirs(&[(3, "t-0", 5)])),
                "logdirs.json: broker 3 reports a replica of t-0",
                "1,2,3",
            ),
            (
                LAYOUT.into(),
                Some(log_dirs(&[(1, "t-0", 5)])),
                "logdirs.json: no size is given for partition t-1",
                "1,2,3",
            ),
            (
                LAYOUT.into(),
                Some("Querying brokers\n".into()),
                "logdirs.json: no JSON object found",
                "1,2,3",
            ),
        ];
        for (layout, dirs, want, brokers) in cases {
            let e = generate(
                file("assignment.json", &layout),
                "--brokers",
                brokers,
                dirs.as_deref().map(|d| file("logdirs.json", d)),
                PlanOptions::default(),
            )
            .unwrap_err();
            assert_eq!(e.exit_status(), ExitStatus::Usage, "{e}");
            assert!(e.to_string().starts_with(want), "want {want:?}, got {e}");
        }
    }

    #[test]
    fn a_plan_that_cannot_be_made_is_refused_with_the_constraint() {
        let e = generate(
            file("assignment.json", LAYOUT),
            "--brokers",
            "1",
            None,
            PlanOptions::default(),
        )
        .unwrap_err();
        assert_eq!(e.exit_status(), ExitStatus::Refused);
        assert!(e.to_string().contains("replication factor 2"), "{e}");
        let wanted = [("t".to_string(), 4usize)].into_iter().collect();
        let e = change_replication_factor(
            file("assignment.json", LAYOUT),
            "--brokers",
            "1,2,3",
            None,
            &wanted,
            PlanOptions::default(),
        )
        .unwrap_err();
        assert_eq!(e.exit_status(), ExitStatus::Refused);
    }

    #[test]
    fn sizes_give_byte_figures_and_named_log_dirs_stay_named() {
        let layout = r#"{"partitions":[
            {"topic":"t","partition":0,"replicas":[1,2],"log_dirs":["/data","any"]},
            {"topic":"t","partition":1,"replicas":[2,1]},
            {"topic":"t","partition":2,"replicas":[1,2]},
            {"topic":"t","partition":3,"replicas":[2,1]}]}"#;
        let dirs = log_dirs(&[
            (1, "t-0", 100),
            (2, "t-0", 100),
            (1, "t-1", 10),
            (2, "t-1", 10),
            (1, "t-2", 10),
            (2, "t-2", 10),
            (1, "t-3", 10),
            (2, "t-3", 10),
        ]);
        let out = generate(
            file("assignment.json", layout),
            "--brokers",
            "1,2,3",
            Some(file("logdirs.json", &dirs)),
            PlanOptions::default(),
        )
        .unwrap();
        let p = &out.plan;
        assert_eq!(p.balance, super::super::Balance::Disk);
        assert!(p.bytes_moved.unwrap() >= p.bytes_lower_bound.unwrap());
        assert!(p.replicas_moved >= p.lower_bound);
        let doc = json::parse_document(&out.plan_json).unwrap();
        if out.plan.target[&crate::model::TopicPartition::new("t", 0)].contains(&1) {
            assert_eq!(
                doc.log_dirs
                    .get(&(crate::model::TopicPartition::new("t", 0), 1))
                    .map(String::as_str),
                Some("/data")
            );
        }
    }
}
