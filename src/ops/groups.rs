//! `kubectl kafka groups list|describe|lag|reset-offsets|delete`: the consumer-group view.
//! The arithmetic (lag, sums, sorting, reset targets and their clamping) is pure, in
//! `plan::offsets`; this module asks the brokers and prints.

use std::collections::{BTreeMap, BTreeSet};
use std::io::IsTerminal;

use clap::{ArgGroup, Args, Subcommand};
use serde::Serialize;

use super::Context;
use crate::error::{Error, ExitStatus, Result};
use crate::kafka::{Admin, GroupDescription, GroupMember, OffsetSpec};
use crate::model::TopicPartition;
use crate::output::{Render, note, table, table_text};
use crate::plan::offsets::{
    self, LagRow, LagSort, PartitionOffsets, ResetTarget, TopicLag, new_offset, parse_topic_spec,
};

#[derive(Debug, Subcommand)]
pub enum GroupsCommand {
    /// List consumer groups with their type and state
    #[command(visible_alias = "ls")]
    List(GroupsListArgs),
    /// State, assignor and members (client id, host, assigned partitions) of a group
    Describe(GroupArg),
    /// Lag per partition, per topic and in total
    Lag(GroupsLagArgs),
    /// Move a group's committed offsets (a preview unless --execute)
    ResetOffsets(GroupsResetArgs),
    /// Delete groups and their committed offsets
    #[command(visible_alias = "rm")]
    Delete(GroupsDeleteArgs),
}

#[derive(Debug, Args)]
pub struct GroupsListArgs {
    /// Only groups in this state (Stable, Empty, PreparingRebalance, Dead, ...), case-insensitive
    #[arg(long, value_name = "STATE")]
    pub state: Option<String>,
}

#[derive(Debug, Args)]
pub struct GroupArg {
    /// Group id
    #[arg(value_name = "GROUP")]
    pub group: String,
}

#[derive(Debug, Args)]
pub struct GroupsLagArgs {
    /// Group id
    #[arg(value_name = "GROUP")]
    pub group: String,

    /// Order of the partition rows
    #[arg(long, value_enum, default_value = "topic")]
    pub sort: LagSort,
}

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("target").required(true).args(
    ["to_earliest", "to_latest", "to_datetime", "to_offset", "shift_by"])))]
#[command(group(ArgGroup::new("scope").required(true).args(["topics", "all_topics"])))]
pub struct GroupsResetArgs {
    /// Group id
    #[arg(value_name = "GROUP")]
    pub group: String,

    /// To the earliest offset the log still holds
    #[arg(long)]
    pub to_earliest: bool,
    /// To the log end (skip everything not yet consumed)
    #[arg(long)]
    pub to_latest: bool,
    /// To the first record at or after this time, RFC 3339 (2026-12-03T18:00:00Z)
    #[arg(long, value_name = "RFC3339", value_parser = parse_datetime)]
    pub to_datetime: Option<i64>,
    /// To this offset (clamped to what the log holds)
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub to_offset: Option<i64>,
    /// By N from the committed offset (negative: back), clamped to what the log holds
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub shift_by: Option<i64>,

    /// A topic, or some of its partitions as TOPIC:P,P,... (repeatable)
    #[arg(long = "topic", value_name = "TOPIC[:P,...]")]
    pub topics: Vec<String>,
    /// Every topic the group has committed offsets for
    #[arg(long)]
    pub all_topics: bool,

    /// Commit the new offsets (without it: print what would change)
    #[arg(long)]
    pub execute: bool,
    /// Go on although the group has active members (the coordinator may still refuse the commit)
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct GroupsDeleteArgs {
    /// Group ids
    #[arg(required = true, value_name = "GROUP")]
    pub groups: Vec<String>,

    /// Delete without asking (required when stdin is not a terminal)
    #[arg(long, short = 'y')]
    pub yes: bool,

    /// Print what would be deleted, delete nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// `kubectl kafka groups ...`: run the subcommand and print its result.
pub async fn run(ctx: &Context, cmd: &GroupsCommand) -> Result<ExitStatus> {
    match cmd {
        GroupsCommand::List(a) => ctx.emit(&list(ctx, a).await?),
        GroupsCommand::Describe(a) => ctx.emit(&describe(ctx, a).await?),
        GroupsCommand::Lag(a) => ctx.emit(&lag(ctx, a).await?),
        GroupsCommand::ResetOffsets(a) => ctx.emit(&reset(ctx, a).await?),
        GroupsCommand::Delete(a) => ctx.emit(&delete(ctx, a).await?),
    }
}

/// `--to-datetime`: RFC 3339 to milliseconds since the epoch.
pub fn parse_datetime(s: &str) -> std::result::Result<i64, String> {
    let t: jiff::Timestamp = s.parse().map_err(|e| {
        format!("'{s}' is not an RFC 3339 time ({e}); write e.g. 2026-12-03T18:00:00Z")
    })?;
    Ok(t.as_millisecond())
}

fn check_group_id(g: &str) -> Result<()> {
    if g.is_empty() {
        return Err(Error::usage(
            "the group id is empty: see `kubectl kafka groups list`",
        ));
    }
    Ok(())
}

/// "client-1 (/127.0.0.1), client-2 (/127.0.0.2)".
fn who(members: &[GroupMember]) -> String {
    members
        .iter()
        .map(|m| format!("{} ({})", m.client_id, m.client_host))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The coordinator does not know the group (Kafka 4 says so instead of answering "Dead").
const GROUP_ID_NOT_FOUND: i16 = 69;

/// The group as described; a group the coordinator does not know is a usage error.
async fn existing_group(admin: &Admin, group: &str) -> Result<GroupDescription> {
    let d = match admin.describe_group(group).await {
        Err(e) if e.is_kafka(GROUP_ID_NOT_FOUND) => None,
        other => Some(other?),
    };
    let Some(d) = d.filter(|d| !(d.state == "Dead" && d.members.is_empty())) else {
        return Err(Error::usage(format!(
            "group \"{group}\" does not exist: see `kubectl kafka groups list`"
        )));
    };
    Ok(d)
}

// ---------------------------------------------------------------------------------------------
// list

/// `-o json|yaml` of `groups list`.
#[derive(Debug, Clone, Serialize)]
pub struct GroupList {
    pub groups: Vec<GroupRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupRow {
    pub group: String,
    /// classic or consumer (empty when the broker is too old to say).
    #[serde(rename = "type")]
    pub group_type: String,
    /// "consumer" for consumer groups, "" for groups that only commit offsets.
    pub protocol_type: String,
    pub state: String,
}

impl Render for GroupList {
    fn render_text(&self, wide: bool) -> String {
        let mut h = vec!["GROUP", "STATE"];
        if wide {
            h.extend(["TYPE", "PROTOCOL-TYPE"]);
        }
        let mut t = table(h);
        for g in &self.groups {
            let mut row = vec![g.group.clone(), g.state.clone()];
            if wide {
                row.push(g.group_type.clone());
                row.push(g.protocol_type.clone());
            }
            t.add_row(row);
        }
        table_text(&t)
    }
}

pub async fn list(ctx: &Context, args: &GroupsListArgs) -> Result<GroupList> {
    let admin = ctx.admin().await?;
    let groups = admin
        .list_groups()
        .await?
        .into_iter()
        .filter(|g| {
            args.state
                .as_deref()
                .is_none_or(|s| g.state.eq_ignore_ascii_case(s))
        })
        .map(|g| GroupRow {
            group: g.group_id,
            group_type: g.group_type,
            protocol_type: g.protocol_type,
            state: g.state,
        })
        .collect();
    Ok(GroupList { groups })
}

// ---------------------------------------------------------------------------------------------
// describe

/// `-o json|yaml` of `groups describe`.
#[derive(Debug, Clone, Serialize)]
pub struct GroupReport {
    pub group: String,
    pub state: String,
    pub protocol_type: String,
    /// The partition assignor (range, cooperative-sticky, ...).
    pub assignor: String,
    pub coordinator: i32,
    pub members: Vec<MemberRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberRow {
    pub member_id: String,
    pub group_instance_id: Option<String>,
    pub client_id: String,
    pub host: String,
    pub partitions: Vec<TopicPartition>,
}

fn tps(v: &[TopicPartition]) -> String {
    if v.is_empty() {
        return "-".into();
    }
    v.iter()
        .map(|tp| tp.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

impl Render for GroupReport {
    fn render_text(&self, wide: bool) -> String {
        let mut out = format!(
            "Group: {}  State: {}  Assignor: {}  Coordinator: {}  Members: {}\n",
            self.group,
            self.state,
            if self.assignor.is_empty() {
                "-"
            } else {
                &self.assignor
            },
            self.coordinator,
            self.members.len()
        );
        if self.members.is_empty() {
            return out;
        }
        out.push('\n');
        let mut h = vec!["CLIENT-ID", "HOST", "PARTITIONS"];
        if wide {
            h.extend(["MEMBER-ID", "INSTANCE-ID"]);
        }
        let mut t = table(h);
        for m in &self.members {
            let mut row = vec![m.client_id.clone(), m.host.clone(), tps(&m.partitions)];
            if wide {
                row.push(m.member_id.clone());
                row.push(m.group_instance_id.clone().unwrap_or_else(|| "-".into()));
            }
            t.add_row(row);
        }
        out.push_str(&table_text(&t));
        out
    }
}

pub async fn describe(ctx: &Context, args: &GroupArg) -> Result<GroupReport> {
    check_group_id(&args.group)?;
    let admin = ctx.admin().await?;
    let d = existing_group(&admin, &args.group).await?;
    Ok(GroupReport {
        group: d.group_id,
        state: d.state,
        protocol_type: d.protocol_type,
        assignor: d.protocol,
        coordinator: d.coordinator,
        members: d
            .members
            .into_iter()
            .map(|m| MemberRow {
                member_id: m.member_id,
                group_instance_id: m.group_instance_id,
                client_id: m.client_id,
                host: m.client_host,
                partitions: m.assignment,
            })
            .collect(),
    })
}

// ---------------------------------------------------------------------------------------------
// lag

/// `-o json|yaml` of `groups lag`.
#[derive(Debug, Clone, Serialize)]
pub struct LagReport {
    pub group: String,
    pub state: String,
    pub partitions: Vec<LagRow>,
    pub topics: Vec<TopicLag>,
    pub total_lag: i64,
}

impl Render for LagReport {
    fn render_text(&self, wide: bool) -> String {
        let mut out = format!("Group: {}  State: {}\n\n", self.group, self.state);
        let mut h = vec!["TOPIC", "PARTITION", "COMMITTED", "LOG-END", "LAG"];
        if wide {
            h.push("CONSUMER");
        }
        let mut t = table(h);
        let dash = |v: Option<i64>| v.map_or_else(|| "-".to_string(), |n| n.to_string());
        for r in &self.partitions {
            let mut row = vec![
                r.topic.clone(),
                r.partition.to_string(),
                dash(r.committed),
                r.log_end.to_string(),
                dash(r.lag),
            ];
            if wide {
                row.push(r.consumer.clone().unwrap_or_else(|| "-".into()));
            }
            t.add_row(row);
        }
        out.push_str(&table_text(&t));
        out.push('\n');
        let mut t = table(["TOPIC", "PARTITIONS", "LAG"]);
        for s in &self.topics {
            t.add_row(vec![
                s.topic.clone(),
                s.partitions.to_string(),
                s.lag.to_string(),
            ]);
        }
        out.push_str(&table_text(&t));
        out.push_str(&format!("\nTotal lag: {}\n", self.total_lag));
        out
    }
}

/// Pure: the rows of `groups lag` from what the brokers said.
pub fn lag_rows(
    committed: &BTreeMap<TopicPartition, i64>,
    ends: &BTreeMap<TopicPartition, i64>,
    members: &[GroupMember],
) -> Vec<LagRow> {
    let owner: BTreeMap<&TopicPartition, &str> = members
        .iter()
        .flat_map(|m| m.assignment.iter().map(|tp| (tp, m.client_id.as_str())))
        .collect();
    ends.iter()
        .map(|(tp, end)| {
            let c = committed.get(tp).copied();
            LagRow {
                topic: tp.topic.clone(),
                partition: tp.partition,
                committed: c,
                log_end: *end,
                lag: offsets::lag(c, *end),
                consumer: owner.get(tp).map(|s| s.to_string()),
            }
        })
        .collect()
}

pub async fn lag(ctx: &Context, args: &GroupsLagArgs) -> Result<LagReport> {
    check_group_id(&args.group)?;
    let admin = ctx.admin().await?;
    let d = existing_group(&admin, &args.group).await?;
    let committed = admin.committed_offsets(&args.group).await?;
    let mut wanted: BTreeSet<TopicPartition> = committed.keys().cloned().collect();
    wanted.extend(d.members.iter().flat_map(|m| m.assignment.iter().cloned()));
    let ends = admin.list_offsets(&wanted, OffsetSpec::Latest).await?;
    let mut rows = lag_rows(&committed, &ends, &d.members);
    offsets::sort_rows(&mut rows, args.sort);
    let (topics, total_lag) = offsets::totals(&rows).ok_or_else(|| {
        Error::failed("the lag does not fit in 64 bits: the brokers reported impossible offsets")
    })?;
    Ok(LagReport {
        group: d.group_id,
        state: d.state,
        partitions: rows,
        topics,
        total_lag,
    })
}

// ---------------------------------------------------------------------------------------------
// reset-offsets

/// `-o json|yaml` of `groups reset-offsets`.
#[derive(Debug, Clone, Serialize)]
pub struct ResetReport {
    pub group: String,
    /// False for the preview (nothing committed).
    pub executed: bool,
    pub partitions: Vec<ResetRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResetRow {
    pub topic: String,
    pub partition: i32,
    /// Null when the group committed nothing for it.
    pub current: Option<i64>,
    pub new: i64,
    pub earliest: i64,
    pub latest: i64,
    /// The target lay outside [earliest, latest] and was moved to the nearer end.
    pub clamped: bool,
}

impl Render for ResetReport {
    fn render_text(&self, wide: bool) -> String {
        let mut h = vec!["TOPIC", "PARTITION", "CURRENT", "NEW"];
        if wide {
            h.extend(["EARLIEST", "LATEST", "CLAMPED"]);
        }
        let mut t = table(h);
        for r in &self.partitions {
            let mut row = vec![
                r.topic.clone(),
                r.partition.to_string(),
                r.current.map_or_else(|| "-".into(), |c| c.to_string()),
                r.new.to_string(),
            ];
            if wide {
                row.push(r.earliest.to_string());
                row.push(r.latest.to_string());
                row.push(r.clamped.to_string());
            }
            t.add_row(row);
        }
        let mut out = table_text(&t);
        out.push_str(if self.executed {
            "\nOffsets committed.\n"
        } else {
            "\nPreview only: add --execute to commit these offsets.\n"
        });
        out
    }
}

impl GroupsResetArgs {
    fn target(&self) -> Result<ResetTarget> {
        Ok(if self.to_earliest {
            ResetTarget::Earliest
        } else if self.to_latest {
            ResetTarget::Latest
        } else if let Some(t) = self.to_datetime {
            ResetTarget::Datetime(t)
        } else if let Some(n) = self.to_offset {
            ResetTarget::Offset(n)
        } else if let Some(n) = self.shift_by {
            ResetTarget::ShiftBy(n)
        } else {
            return Err(Error::usage(
                "give a target: --to-earliest, --to-latest, --to-datetime, --to-offset or --shift-by",
            ));
        })
    }
}

/// The partitions `--topic`/`--all-topics` name, checked against the cluster's topics.
async fn reset_scope(
    admin: &Admin,
    args: &GroupsResetArgs,
    committed: &BTreeMap<TopicPartition, i64>,
) -> Result<BTreeSet<TopicPartition>> {
    if args.all_topics {
        if committed.is_empty() {
            return Err(Error::usage(format!(
                "group \"{}\" has no committed offsets, so --all-topics names nothing: give --topic TOPIC",
                args.group
            )));
        }
        return Ok(committed.keys().cloned().collect());
    }
    let mut out = BTreeSet::new();
    for spec in &args.topics {
        let (topic, parts) = parse_topic_spec(spec).map_err(Error::usage)?;
        let Some(have) = admin.topic_partitions(&topic).await? else {
            return Err(Error::usage(format!(
                "topic '{topic}' does not exist: see `kubectl kafka topics list`"
            )));
        };
        let have: BTreeSet<i32> = have.iter().map(|p| p.partition).collect();
        match parts {
            None => out.extend(have.iter().map(|p| TopicPartition::new(topic.clone(), *p))),
            Some(ps) => {
                if let Some(p) = ps.iter().find(|p| !have.contains(p)) {
                    return Err(Error::usage(format!(
                        "topic '{topic}' has no partition {p} (it has {}): see `kubectl kafka topics describe {topic}`",
                        have.len()
                    )));
                }
                out.extend(ps.iter().map(|p| TopicPartition::new(topic.clone(), *p)));
            }
        }
    }
    Ok(out)
}

pub async fn reset(ctx: &Context, args: &GroupsResetArgs) -> Result<ResetReport> {
    check_group_id(&args.group)?;
    let target = args.target()?;
    let admin = ctx.admin().await?;
    // A group the coordinator does not know has no members: its first offsets may be set.
    let d = match admin.describe_group(&args.group).await {
        Err(e) if e.is_kafka(GROUP_ID_NOT_FOUND) => None,
        other => Some(other?),
    };
    let members = d.map(|d| d.members).unwrap_or_default();
    if !members.is_empty() {
        if !args.force {
            return Err(Error::refused(format!(
                "group \"{}\" has {} active member(s): {}; offsets can only be reset while no \
                 consumer is connected: stop them and try again (or --force to try anyway)",
                args.group,
                members.len(),
                who(&members)
            )));
        }
        note(format!(
            "warning: group \"{}\" has active members ({}); the coordinator may refuse the commit",
            args.group,
            who(&members)
        ));
    }
    let committed = admin.committed_offsets(&args.group).await?;
    let scope = reset_scope(&admin, args, &committed).await?;
    let earliest = admin.list_offsets(&scope, OffsetSpec::Earliest).await?;
    let latest = admin.list_offsets(&scope, OffsetSpec::Latest).await?;
    let at_time = match target {
        ResetTarget::Datetime(ms) => Some(
            admin
                .list_offsets(&scope, OffsetSpec::Timestamp(ms))
                .await?,
        ),
        _ => None,
    };
    let mut rows = Vec::new();
    for tp in &scope {
        let missing = || Error::kafka(format!("the broker did not report the offsets of {tp}"));
        let o = PartitionOffsets {
            earliest: *earliest.get(tp).ok_or_else(missing)?,
            latest: *latest.get(tp).ok_or_else(missing)?,
            committed: committed.get(tp).copied(),
            at_time: at_time.as_ref().and_then(|m| m.get(tp).copied()),
        };
        let (new, clamped) = new_offset(target, o);
        rows.push(ResetRow {
            topic: tp.topic.clone(),
            partition: tp.partition,
            current: o.committed,
            new,
            earliest: o.earliest,
            latest: o.latest,
            clamped,
        });
    }
    if args.execute {
        let offsets: BTreeMap<TopicPartition, i64> = rows
            .iter()
            .map(|r| (TopicPartition::new(r.topic.clone(), r.partition), r.new))
            .collect();
        admin
            .commit_offsets(&args.group, &offsets)
            .await
            .map_err(|e| commit_refusal(&args.group, e))?;
        // Read back what the coordinator now holds: the report shows what is, not what was asked.
        let now = admin.committed_offsets(&args.group).await?;
        if let Some(r) = rows
            .iter()
            .find(|r| now.get(&TopicPartition::new(r.topic.clone(), r.partition)) != Some(&r.new))
        {
            return Err(Error::failed(format!(
                "the coordinator accepted the commit but reports another offset for {}-{} than {}: run the command again",
                r.topic, r.partition, r.new
            )));
        }
    }
    Ok(ResetReport {
        group: args.group.clone(),
        executed: args.execute,
        partitions: rows,
    })
}

/// The coordinator refuses an admin commit to a group with live members (it asks for their
/// generation): that is a refusal (3), not a failure.
fn commit_refusal(group: &str, e: Error) -> Error {
    const ILLEGAL_GENERATION: i16 = 22;
    const UNKNOWN_MEMBER_ID: i16 = 25;
    const REBALANCE_IN_PROGRESS: i16 = 27;
    if [ILLEGAL_GENERATION, UNKNOWN_MEMBER_ID, REBALANCE_IN_PROGRESS]
        .iter()
        .any(|c| e.is_kafka(*c))
    {
        return Error::refused(format!(
            "the coordinator refused the new offsets of group \"{group}\" because consumers are connected ({e}); \
             nothing was changed: stop the consumers and run the command again"
        ));
    }
    e
}

// ---------------------------------------------------------------------------------------------
// delete

/// `-o json|yaml` of `groups delete`.
#[derive(Debug, Clone, Serialize)]
pub struct GroupsDeleted {
    pub groups: Vec<String>,
    pub dry_run: bool,
}

impl Render for GroupsDeleted {
    fn render_text(&self, _wide: bool) -> String {
        let verb = if self.dry_run {
            "would be deleted (dry run)"
        } else {
            "deleted"
        };
        self.groups
            .iter()
            .map(|g| format!("group \"{g}\" {verb}\n"))
            .collect()
    }
}

pub async fn delete(ctx: &Context, args: &GroupsDeleteArgs) -> Result<GroupsDeleted> {
    let mut names = args.groups.clone();
    for g in &names {
        check_group_id(g)?;
    }
    names.sort();
    names.dedup();
    if !args.yes && !args.dry_run && !std::io::stdin().is_terminal() {
        return Err(Error::usage(format!(
            "refusing to delete group(s) {} without confirmation: add --yes (or --dry-run to see what would be deleted)",
            names.join(", ")
        )));
    }
    let admin = ctx.admin().await?;
    for g in &names {
        let d = existing_group(&admin, g).await?;
        if !d.members.is_empty() {
            return Err(Error::refused(format!(
                "group \"{g}\" has {} active member(s): {}; nothing was deleted: stop its consumers first",
                d.members.len(),
                who(&d.members)
            )));
        }
    }
    if args.dry_run {
        return Ok(GroupsDeleted {
            groups: names,
            dry_run: true,
        });
    }
    if !args.yes
        && !crate::output::ask(&format!(
            "Delete group(s) {}? Their committed offsets are lost.",
            names.join(", ")
        ))?
    {
        return Err(Error::usage("not confirmed: nothing was deleted"));
    }
    for g in &names {
        admin.delete_group(g).await?;
    }
    Ok(GroupsDeleted {
        groups: names,
        dry_run: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(client: &str, tps: &[(&str, i32)]) -> GroupMember {
        GroupMember {
            member_id: format!("{client}-m"),
            group_instance_id: None,
            client_id: client.into(),
            client_host: "/127.0.0.1".into(),
            assignment: tps
                .iter()
                .map(|(t, p)| TopicPartition::new(*t, *p))
                .collect(),
        }
    }

    #[test]
    fn datetimes() {
        assert_eq!(parse_datetime("1970-01-01T00:00:01Z"), Ok(1000));
        assert_eq!(parse_datetime("1970-01-01T01:00:00+01:00"), Ok(0));
        let e = parse_datetime("yesterday").unwrap_err();
        assert!(e.contains("RFC 3339"), "{e}");
    }

    #[test]
    fn lag_rows_join_commits_ends_and_owners() {
        let committed = BTreeMap::from([(TopicPartition::new("a", 0), 4)]);
        let ends = BTreeMap::from([
            (TopicPartition::new("a", 0), 10),
            (TopicPartition::new("a", 1), 3),
        ]);
        let rows = lag_rows(&committed, &ends, &[member("c1", &[("a", 1)])]);
        assert_eq!(rows.len(), 2);
        assert_eq!(
            (rows[0].committed, rows[0].lag, rows[0].consumer.as_deref()),
            (Some(4), Some(6), None)
        );
        assert_eq!(
            (rows[1].committed, rows[1].lag, rows[1].consumer.as_deref()),
            (None, None, Some("c1"))
        );
    }

    #[test]
    fn members_are_named_with_their_hosts() {
        assert_eq!(
            who(&[member("c1", &[]), member("c2", &[])]),
            "c1 (/127.0.0.1), c2 (/127.0.0.1)"
        );
    }

    #[test]
    fn reset_preview_says_how_to_apply() {
        let r = ResetReport {
            group: "g".into(),
            executed: false,
            partitions: vec![ResetRow {
                topic: "a".into(),
                partition: 0,
                current: Some(5),
                new: 0,
                earliest: 0,
                latest: 9,
                clamped: false,
            }],
        };
        let text = r.render_text(false);
        assert!(text.contains("--execute"), "{text}");
        assert!(r.render_text(true).contains("CLAMPED"));
    }
}
