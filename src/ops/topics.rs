//! `kubectl kafka topics list|describe|create|delete|alter`.

use std::collections::{BTreeMap, BTreeSet};
use std::io::IsTerminal;

use serde::Serialize;

use clap::{Args, Subcommand};

use super::Context;
use super::flags::parse_key_value;
use crate::error::{Error, ExitStatus, Result};
use crate::kafka::errors::codes;
use crate::kafka::{Admin, ClusterMetadata, ConfigOp, ConfigResource, NewTopic};
use crate::model::TopicState;
use crate::output::{Render, ids, note, opt, table, table_text};

#[derive(Debug, Subcommand)]
pub enum TopicsCommand {
    /// List topics with partition count, replication factor and under-replicated partitions
    #[command(visible_alias = "ls")]
    List(TopicsListArgs),
    /// Partitions (leader, replicas, ISR) and non-default configs of a topic
    Describe(TopicsDescribeArgs),
    /// Create a topic
    Create(TopicsCreateArgs),
    /// Delete topics
    #[command(visible_alias = "rm")]
    Delete(TopicsDeleteArgs),
    /// Add partitions, set or delete configs of a topic (other configs stay as they are)
    Alter(TopicsAlterArgs),
}

#[derive(Debug, Args)]
pub struct TopicsListArgs {
    /// Only topics whose name matches this regular expression
    #[arg(value_name = "REGEX")]
    pub filter: Option<String>,

    /// Include internal topics (__consumer_offsets, __transaction_state)
    #[arg(long)]
    pub internal: bool,
}

#[derive(Debug, Args)]
pub struct TopicsDescribeArgs {
    /// Topic name
    pub name: String,
}

#[derive(Debug, Args)]
pub struct TopicsCreateArgs {
    /// Topic name: letters, digits, '.', '_' and '-', at most 249 characters
    pub name: String,

    /// Number of partitions (default: the brokers' num.partitions)
    #[arg(long, short = 'p', value_parser = clap::value_parser!(i32).range(1..))]
    pub partitions: Option<i32>,

    /// Replication factor (default: the brokers' default.replication.factor)
    #[arg(long, short = 'r', value_parser = clap::value_parser!(i16).range(1..))]
    pub replication_factor: Option<i16>,

    /// Topic config as key=value (repeatable)
    #[arg(long = "config", short = 'c', value_name = "KEY=VALUE", value_parser = parse_key_value)]
    pub configs: Vec<(String, String)>,

    /// Succeed without change when the topic already exists
    #[arg(long)]
    pub if_not_exists: bool,

    /// Validate with the brokers, create nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct TopicsDeleteArgs {
    /// Topic names
    #[arg(required = true, value_name = "NAME")]
    pub names: Vec<String>,

    /// Delete without asking (required when stdin is not a terminal)
    #[arg(long, short = 'y')]
    pub yes: bool,

    /// Print what would be deleted, delete nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct TopicsAlterArgs {
    /// Topic name
    pub name: String,

    /// New total number of partitions (can only grow)
    #[arg(long, short = 'p', value_parser = clap::value_parser!(i32).range(1..))]
    pub partitions: Option<i32>,

    /// Set a topic config, key=value (repeatable)
    #[arg(long = "config", short = 'c', value_name = "KEY=VALUE", value_parser = parse_key_value)]
    pub configs: Vec<(String, String)>,

    /// Remove a topic config override, back to the broker default (repeatable)
    #[arg(long = "delete-config", value_name = "KEY")]
    pub delete_configs: Vec<String>,

    /// Validate with the brokers, change nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// `kubectl kafka topics ...`: run the subcommand and print its result.
pub async fn run(ctx: &Context, cmd: &TopicsCommand) -> Result<ExitStatus> {
    match cmd {
        TopicsCommand::List(a) => ctx.emit(&list(ctx, a).await?),
        TopicsCommand::Describe(a) => ctx.emit(&describe(ctx, a).await?),
        TopicsCommand::Create(a) => ctx.emit(&create(ctx, a).await?),
        TopicsCommand::Delete(a) => ctx.emit(&delete(ctx, a).await?),
        TopicsCommand::Alter(a) => ctx.emit(&alter(ctx, a).await?),
    }
}

/// Kafka's limit on topic name length.
pub const MAX_TOPIC_NAME: usize = 249;

/// A topic name Kafka accepts: 1–249 of `[a-zA-Z0-9._-]`, not "." or "..".
pub fn validate_topic_name(name: &str) -> Result<()> {
    let bad = |why: String| {
        Err(Error::usage(format!(
            "invalid topic name '{name}': {why} (allowed: letters, digits, '.', '_', '-'; at most {MAX_TOPIC_NAME} characters)"
        )))
    };
    if name.is_empty() {
        return bad("it is empty".into());
    }
    if name == "." || name == ".." {
        return bad("'.' and '..' are reserved".into());
    }
    if name.len() > MAX_TOPIC_NAME {
        return bad(format!("it is {} characters long", name.len()));
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')))
    {
        return bad(format!("'{c}' is not allowed"));
    }
    Ok(())
}

/// Refuse a replication factor the cluster cannot place.
pub fn check_replication_factor(rf: i16, brokers: usize) -> Result<()> {
    if usize::try_from(rf).unwrap_or(0) > brokers {
        return Err(Error::usage(format!(
            "replication factor {rf} is larger than the number of brokers ({brokers}): \
             use --replication-factor {brokers} or less"
        )));
    }
    Ok(())
}

/// Partitions can only grow.
pub fn check_partitions(current: usize, wanted: i32) -> Result<()> {
    let wanted_u = usize::try_from(wanted).unwrap_or(0);
    if wanted_u < current {
        return Err(Error::usage(format!(
            "the topic has {current} partitions; Kafka cannot reduce that to {wanted}: \
             give --partitions {current} or more"
        )));
    }
    Ok(())
}

/// Config keys the topic does not know (keys come from DescribeConfigs, which lists them all).
pub fn unknown_keys<'a>(
    keys: impl IntoIterator<Item = &'a str>,
    known: &BTreeSet<String>,
) -> Vec<String> {
    keys.into_iter()
        .filter(|k| !known.contains(*k))
        .map(str::to_string)
        .collect()
}

/// Replication factor of a topic: the replica count of its first partition.
fn rf_of(t: &TopicState) -> usize {
    t.partitions.first().map_or(0, |p| p.replicas.len())
}

fn urp_of(t: &TopicState) -> usize {
    t.partitions
        .iter()
        .filter(|p| p.isr.len() < p.replicas.len())
        .count()
}

fn find_topic<'a>(meta: &'a ClusterMetadata, name: &str) -> Result<&'a TopicState> {
    meta.topics.iter().find(|t| t.name == name).ok_or_else(|| {
        Error::usage(format!(
            "topic '{name}' does not exist: see `kubectl kafka topics list`"
        ))
    })
}

// ---------------------------------------------------------------------------------------------
// list

/// `-o json|yaml` of `topics list`.
#[derive(Debug, Clone, Serialize)]
pub struct TopicList {
    pub topics: Vec<TopicSummary>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TopicSummary {
    pub name: String,
    pub internal: bool,
    pub partitions: usize,
    pub replication_factor: usize,
    /// Partitions whose ISR is smaller than the replica set.
    pub under_replicated: usize,
}

impl Render for TopicList {
    fn render_text(&self, wide: bool) -> String {
        let mut h = vec!["NAME", "PARTITIONS", "RF", "URP"];
        if wide {
            h.push("INTERNAL");
        }
        let mut t = table(h);
        for s in &self.topics {
            let mut row = vec![
                s.name.clone(),
                s.partitions.to_string(),
                s.replication_factor.to_string(),
                s.under_replicated.to_string(),
            ];
            if wide {
                row.push(s.internal.to_string());
            }
            t.add_row(row);
        }
        table_text(&t)
    }
}

/// Pure: filter and summarise topics.
pub fn summarize(
    topics: &[TopicState],
    filter: Option<&regex::Regex>,
    internal: bool,
) -> TopicList {
    let mut v: Vec<TopicSummary> = topics
        .iter()
        .filter(|t| internal || !t.internal)
        .filter(|t| filter.is_none_or(|re| re.is_match(&t.name)))
        .map(|t| TopicSummary {
            name: t.name.clone(),
            internal: t.internal,
            partitions: t.partitions.len(),
            replication_factor: rf_of(t),
            under_replicated: urp_of(t),
        })
        .collect();
    v.sort_by(|a, b| a.name.cmp(&b.name));
    TopicList { topics: v }
}

pub async fn list(ctx: &Context, args: &TopicsListArgs) -> Result<TopicList> {
    let re = args
        .filter
        .as_deref()
        .map(|f| {
            regex::Regex::new(f)
                .map_err(|e| Error::usage(format!("invalid name filter '{f}': {e}")))
        })
        .transpose()?;
    let admin = ctx.admin().await?;
    let meta = admin.metadata().await?;
    Ok(summarize(&meta.topics, re.as_ref(), args.internal))
}

// ---------------------------------------------------------------------------------------------
// describe

/// `-o json|yaml` of `topics describe`.
#[derive(Debug, Clone, Serialize)]
pub struct TopicDescription {
    pub name: String,
    pub internal: bool,
    pub replication_factor: usize,
    pub partitions: Vec<PartitionRow>,
    /// Configs that differ from the defaults (set on the topic or the brokers).
    pub configs: Vec<ConfigRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartitionRow {
    pub partition: i32,
    /// Null when the partition has no leader (offline).
    pub leader: Option<i32>,
    pub replicas: Vec<i32>,
    pub isr: Vec<i32>,
    pub offline_replicas: Vec<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConfigRow {
    pub name: String,
    /// Null for sensitive values.
    pub value: Option<String>,
    /// Where the value comes from: DYNAMIC_TOPIC_CONFIG, STATIC_BROKER_CONFIG, ...
    pub source: String,
}

impl Render for TopicDescription {
    fn render_text(&self, _wide: bool) -> String {
        let mut out = format!(
            "Topic: {}  Partitions: {}  ReplicationFactor: {}{}\n\n",
            self.name,
            self.partitions.len(),
            self.replication_factor,
            if self.internal { "  (internal)" } else { "" }
        );
        let mut t = table(["PARTITION", "LEADER", "REPLICAS", "ISR", "OFFLINE"]);
        for p in &self.partitions {
            t.add_row(vec![
                p.partition.to_string(),
                opt(&p.leader),
                ids(&p.replicas),
                ids(&p.isr),
                if p.offline_replicas.is_empty() {
                    "-".into()
                } else {
                    ids(&p.offline_replicas)
                },
            ]);
        }
        out.push_str(&table_text(&t));
        out.push_str("\nConfigs:\n");
        if self.configs.is_empty() {
            out.push_str("  (all defaults)\n");
        } else {
            let mut t = table(["NAME", "VALUE", "SOURCE"]);
            for c in &self.configs {
                t.add_row(vec![
                    c.name.clone(),
                    c.value.clone().unwrap_or_else(|| "<sensitive>".into()),
                    c.source.clone(),
                ]);
            }
            out.push_str(&table_text(&t));
        }
        out
    }
}

pub async fn describe(ctx: &Context, args: &TopicsDescribeArgs) -> Result<TopicDescription> {
    validate_topic_name(&args.name)?;
    let admin = ctx.admin().await?;
    let meta = admin.metadata().await?;
    let topic = find_topic(&meta, &args.name)?;
    let res = ConfigResource::Topic(args.name.clone());
    let mut configs = admin.describe_configs(std::slice::from_ref(&res)).await?;
    let mut rows: Vec<ConfigRow> = configs
        .remove(&res)
        .unwrap_or_default()
        .into_iter()
        .filter(|e| !e.source.is_default())
        .map(|e| ConfigRow {
            value: if e.sensitive { None } else { e.value },
            source: e.source.as_str().to_string(),
            name: e.name,
        })
        .collect();
    rows.sort_by(|a, b| a.name.cmp(&b.name));
    let mut partitions: Vec<PartitionRow> = topic
        .partitions
        .iter()
        .map(|p| PartitionRow {
            partition: p.partition,
            leader: p.leader.filter(|l| *l >= 0),
            replicas: p.replicas.clone(),
            isr: p.isr.clone(),
            offline_replicas: p.offline_replicas.clone(),
        })
        .collect();
    partitions.sort_by_key(|p| p.partition);
    Ok(TopicDescription {
        name: topic.name.clone(),
        internal: topic.internal,
        replication_factor: rf_of(topic),
        partitions,
        configs: rows,
    })
}

// ---------------------------------------------------------------------------------------------
// create / delete / alter

/// `-o json|yaml` of `topics create|delete|alter`.
#[derive(Debug, Clone, Serialize)]
pub struct TopicChange {
    /// "created", "exists" (with --if-not-exists), "deleted", "altered", "unchanged"
    pub action: String,
    /// True when nothing was changed on purpose (--dry-run).
    pub dry_run: bool,
    pub topics: Vec<String>,
    /// Partition count after the change (create, alter --partitions).
    pub partitions: Option<i32>,
    pub replication_factor: Option<i16>,
    /// Configs set by the change.
    pub set_configs: BTreeMap<String, String>,
    /// Config overrides removed by the change.
    pub deleted_configs: Vec<String>,
}

impl TopicChange {
    fn new(action: &str, dry_run: bool, topics: Vec<String>) -> Self {
        TopicChange {
            action: action.into(),
            dry_run,
            topics,
            partitions: None,
            replication_factor: None,
            set_configs: BTreeMap::new(),
            deleted_configs: vec![],
        }
    }
}

impl Render for TopicChange {
    fn render_text(&self, _wide: bool) -> String {
        let suffix = if self.dry_run { " (dry run)" } else { "" };
        let verb = match (self.action.as_str(), self.dry_run) {
            ("created", true) => "would be created",
            ("deleted", true) => "would be deleted",
            ("altered", true) => "would be altered",
            ("exists", _) => "already exists",
            (a, _) => a,
        };
        let mut s = String::new();
        for t in &self.topics {
            s.push_str(&format!("topic \"{t}\" {verb}{suffix}\n"));
        }
        if let Some(p) = self.partitions {
            s.push_str(&format!("  partitions: {p}\n"));
        }
        if let Some(rf) = self.replication_factor {
            s.push_str(&format!("  replication factor: {rf}\n"));
        }
        for (k, v) in &self.set_configs {
            s.push_str(&format!("  set {k}={v}\n"));
        }
        for k in &self.deleted_configs {
            s.push_str(&format!("  deleted {k}\n"));
        }
        s
    }
}

/// The broker default for a cluster-level setting such as num.partitions, when readable.
async fn broker_default(admin: &Admin, meta: &ClusterMetadata, key: &str) -> Option<String> {
    let broker = meta.brokers.first()?;
    let res = ConfigResource::Broker(broker.id);
    let configs = admin
        .describe_configs(std::slice::from_ref(&res))
        .await
        .ok()?;
    configs
        .get(&res)?
        .iter()
        .find(|e| e.name == key)?
        .value
        .clone()
}

pub async fn create(ctx: &Context, args: &TopicsCreateArgs) -> Result<TopicChange> {
    validate_topic_name(&args.name)?;
    let admin = ctx.admin().await?;
    let meta = admin.metadata().await?;
    let mut change = TopicChange::new("created", args.dry_run, vec![args.name.clone()]);
    if meta.topics.iter().any(|t| t.name == args.name) {
        if args.if_not_exists {
            change.action = "exists".into();
            return Ok(change);
        }
        return Err(Error::usage(format!(
            "topic '{}' already exists: use --if-not-exists to accept that, or `topics alter` to change it",
            args.name
        )));
    }
    let rf = match args.replication_factor {
        Some(rf) => rf,
        None => broker_default(&admin, &meta, "default.replication.factor")
            .await
            .and_then(|v| v.parse().ok())
            .unwrap_or(1),
    };
    check_replication_factor(rf, meta.brokers.len())?;
    let partitions = match args.partitions {
        Some(p) => p,
        None => broker_default(&admin, &meta, "num.partitions")
            .await
            .and_then(|v| v.parse().ok())
            .unwrap_or(1),
    };
    let new = NewTopic {
        name: args.name.clone(),
        partitions,
        replication_factor: rf,
        configs: args.configs.iter().cloned().collect(),
    };
    // Validate first: unknown config keys and bad values are refused before anything exists.
    admin
        .create_topic(&new, true)
        .await
        .map_err(config_refusal)?;
    if !args.dry_run {
        match admin.create_topic(&new, false).await {
            Ok(()) => {}
            Err(e) if args.if_not_exists && e.is_kafka(codes::TOPIC_ALREADY_EXISTS) => {
                change.action = "exists".into();
                return Ok(change);
            }
            Err(e) => return Err(config_refusal(e)),
        }
    }
    change.partitions = Some(partitions);
    change.replication_factor = Some(rf);
    change.set_configs = new.configs;
    Ok(change)
}

/// Kafka's refusals of bad input (config, partitions, replication factor, name) are usage errors.
fn config_refusal(e: Error) -> Error {
    const BAD_INPUT: [i16; 6] = [
        codes::INVALID_CONFIG,
        codes::INVALID_PARTITIONS,
        codes::INVALID_REPLICATION_FACTOR,
        codes::INVALID_TOPIC_EXCEPTION,
        codes::POLICY_VIOLATION,
        codes::INVALID_REQUEST,
    ];
    if BAD_INPUT.iter().any(|c| e.is_kafka(*c)) {
        Error::usage(e.to_string())
    } else {
        e
    }
}

pub async fn delete(ctx: &Context, args: &TopicsDeleteArgs) -> Result<TopicChange> {
    for n in &args.names {
        validate_topic_name(n)?;
    }
    let mut names: Vec<String> = args.names.clone();
    names.sort();
    names.dedup();
    let interactive = std::io::stdin().is_terminal();
    if !args.yes && !args.dry_run && !interactive {
        return Err(Error::usage(format!(
            "refusing to delete {} without confirmation: add --yes (or --dry-run to see what would be deleted)",
            names.join(", ")
        )));
    }
    let admin = ctx.admin().await?;
    let meta = admin.metadata().await?;
    let missing: Vec<&str> = names
        .iter()
        .filter(|n| !meta.topics.iter().any(|t| &t.name == *n))
        .map(String::as_str)
        .collect();
    if !missing.is_empty() {
        return Err(Error::usage(format!(
            "topic(s) {} do not exist: nothing was deleted; see `kubectl kafka topics list`",
            missing.join(", ")
        )));
    }
    if args.dry_run {
        return Ok(TopicChange::new("deleted", true, names));
    }
    if !args.yes
        && !crate::output::ask(&format!(
            "Delete topic(s) {}? This destroys their data.",
            names.join(", ")
        ))?
    {
        return Err(Error::usage("not confirmed: nothing was deleted"));
    }
    admin.delete_topics(&names).await?;
    Ok(TopicChange::new("deleted", false, names))
}

pub async fn alter(ctx: &Context, args: &TopicsAlterArgs) -> Result<TopicChange> {
    validate_topic_name(&args.name)?;
    if args.partitions.is_none() && args.configs.is_empty() && args.delete_configs.is_empty() {
        return Err(Error::usage(
            "nothing to alter: give --partitions N, --config KEY=VALUE or --delete-config KEY",
        ));
    }
    if let Some(k) = args
        .configs
        .iter()
        .map(|(k, _)| k)
        .find(|k| args.delete_configs.contains(k))
    {
        return Err(Error::usage(format!(
            "'{k}' is both set and deleted: give it once"
        )));
    }
    let admin = ctx.admin().await?;
    let meta = admin.metadata().await?;
    let topic = find_topic(&meta, &args.name)?;
    if let Some(p) = args.partitions {
        check_partitions(topic.partitions.len(), p)?;
    }
    let add_partitions = args
        .partitions
        .filter(|p| usize::try_from(*p).unwrap_or(0) > topic.partitions.len());

    let res = ConfigResource::Topic(args.name.clone());
    let mut ops: Vec<ConfigOp> = args
        .configs
        .iter()
        .map(|(k, v)| ConfigOp::Set(k.clone(), v.clone()))
        .collect();
    ops.extend(
        args.delete_configs
            .iter()
            .map(|k| ConfigOp::Delete(k.clone())),
    );
    if !ops.is_empty() {
        // DescribeConfigs lists every key a topic has: anything else is unknown to this Kafka.
        let described = admin.describe_configs(std::slice::from_ref(&res)).await?;
        let known: BTreeSet<String> = described
            .get(&res)
            .map(|v| v.iter().map(|e| e.name.clone()).collect())
            .unwrap_or_default();
        let keys = args
            .configs
            .iter()
            .map(|(k, _)| k.as_str())
            .chain(args.delete_configs.iter().map(String::as_str));
        let unknown = unknown_keys(keys, &known);
        if !known.is_empty() && !unknown.is_empty() {
            return Err(Error::usage(format!(
                "unknown topic config key(s): {}; nothing was changed (see `kubectl kafka topics describe {}` and Kafka's topic configs)",
                unknown.join(", "),
                args.name
            )));
        }
    }
    // Validate everything with the brokers before changing anything, so nothing half-applies.
    if !ops.is_empty() {
        admin
            .incremental_alter_configs(&res, &ops, true)
            .await
            .map_err(config_refusal)?;
    }
    if let Some(p) = add_partitions {
        admin
            .create_partitions(&args.name, p, true)
            .await
            .map_err(config_refusal)?;
    }
    let mut change = TopicChange::new("altered", args.dry_run, vec![args.name.clone()]);
    change.set_configs = args.configs.iter().cloned().collect();
    change.deleted_configs = args.delete_configs.clone();
    change.partitions = add_partitions;
    if add_partitions.is_none() && ops.is_empty() {
        change.action = "unchanged".into();
        note(format!(
            "topic \"{}\" already has {} partitions: nothing to do",
            args.name,
            topic.partitions.len()
        ));
        return Ok(change);
    }
    if args.dry_run {
        return Ok(change);
    }
    if !ops.is_empty() {
        admin
            .incremental_alter_configs(&res, &ops, false)
            .await
            .map_err(config_refusal)?;
    }
    if let Some(p) = add_partitions {
        admin
            .create_partitions(&args.name, p, false)
            .await
            .map_err(config_refusal)?;
    }
    Ok(change)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PartitionState;

    #[test]
    fn topic_names() {
        for ok in ["a", "orders.v1", "A_b-c.9", &"x".repeat(249)] {
            assert!(validate_topic_name(ok).is_ok(), "{ok}");
        }
        for bad in ["", ".", "..", "a b", "a/b", "ü", "a:b", &"x".repeat(250)] {
            let e = validate_topic_name(bad).unwrap_err();
            assert_eq!(e.exit_status(), crate::ExitStatus::Usage, "{bad}");
            assert!(e.to_string().contains("invalid topic name"), "{e}");
        }
    }

    #[test]
    fn replication_factor_vs_brokers() {
        assert!(check_replication_factor(3, 3).is_ok());
        let e = check_replication_factor(4, 3).unwrap_err();
        assert!(
            e.to_string()
                .contains("larger than the number of brokers (3)"),
            "{e}"
        );
        assert_eq!(e.exit_status(), crate::ExitStatus::Usage);
    }

    #[test]
    fn partitions_only_grow() {
        assert!(check_partitions(3, 3).is_ok());
        assert!(check_partitions(3, 5).is_ok());
        let e = check_partitions(3, 2).unwrap_err();
        assert_eq!(e.exit_status(), crate::ExitStatus::Usage);
        assert!(e.to_string().contains("cannot reduce"), "{e}");
    }

    #[test]
    fn unknown_config_keys() {
        let known: BTreeSet<String> = ["retention.ms", "cleanup.policy"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            unknown_keys(["retention.ms", "retention.msx", "cleanup.policy"], &known),
            ["retention.msx"]
        );
        assert!(unknown_keys(["retention.ms"], &known).is_empty());
    }

    fn topic(name: &str, internal: bool, parts: &[(&[i32], &[i32])]) -> TopicState {
        TopicState {
            name: name.into(),
            internal,
            partitions: parts
                .iter()
                .enumerate()
                .map(|(i, (r, isr))| PartitionState {
                    partition: i as i32,
                    leader: r.first().copied(),
                    replicas: r.to_vec(),
                    isr: isr.to_vec(),
                    offline_replicas: vec![],
                })
                .collect(),
        }
    }

    #[test]
    fn summaries() {
        let topics = vec![
            topic(
                "orders",
                false,
                &[(&[0, 1, 2], &[0, 1, 2]), (&[1, 2, 0], &[1, 2])],
            ),
            topic("__consumer_offsets", true, &[(&[0], &[0])]),
            topic("audit", false, &[(&[2], &[2])]),
        ];
        let l = summarize(&topics, None, false);
        assert_eq!(
            l.topics.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(),
            ["audit", "orders"]
        );
        assert_eq!(
            l.topics[1],
            TopicSummary {
                name: "orders".into(),
                internal: false,
                partitions: 2,
                replication_factor: 3,
                under_replicated: 1
            }
        );
        assert_eq!(summarize(&topics, None, true).topics.len(), 3);
        let re = regex::Regex::new("^ord").unwrap();
        assert_eq!(summarize(&topics, Some(&re), true).topics.len(), 1);
        let text = l.render_text(false);
        assert!(text.starts_with("NAME"), "{text}");
    }

    #[test]
    fn change_text() {
        let mut c = TopicChange::new("deleted", true, vec!["a".into(), "b".into()]);
        assert_eq!(
            c.render_text(false),
            "topic \"a\" would be deleted (dry run)\ntopic \"b\" would be deleted (dry run)\n"
        );
        c.dry_run = false;
        assert!(c.render_text(false).contains("topic \"a\" deleted"));
    }
}
