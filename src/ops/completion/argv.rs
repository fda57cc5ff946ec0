//! What the word being completed should be: `__complete`'s argv walked through the command tree
//! (pure), then the candidates filtered and put in kubectl's wire format.
//!
//! The answer is one candidate per line (`value<TAB>description` where there is one), then
//! `:<directive>`; the directive bits are kubectl's (cobra's): 2 no space, 4 no file completion.

use clap::builder::ValueHint;
use clap::{Arg, Command};

/// Directive bits understood by kubectl's completion.
pub const DIRECTIVE_DEFAULT: u32 = 0;
pub const DIRECTIVE_NO_SPACE: u32 = 2;
pub const DIRECTIVE_NO_FILE_COMP: u32 = 4;

/// Candidates that only the cluster (or the kubeconfig) knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LiveKind {
    Namespaces,
    Contexts,
    Clusters,
    BrokerIds,
    Topics,
}

/// The connection flags seen so far: the live lookup must ask the cluster the user is addressing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    pub namespace: Option<String>,
    pub all_namespaces: bool,
    pub context: Option<String>,
    pub kubeconfig: Option<String>,
    pub selector: Option<String>,
    pub cluster: Option<String>,
    pub bootstrap_server: Option<String>,
    /// The global flags exactly as typed (flag and value tokens), to be parsed again by the CLI
    /// for live lookups so that TLS, SASL, --port-forward and the rest apply as they will when run.
    pub global_args: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub value: String,
    pub description: Option<String>,
}

impl Candidate {
    fn plain(value: impl Into<String>) -> Self {
        Candidate {
            value: value.into(),
            description: None,
        }
    }
    fn described(value: impl Into<String>, description: Option<String>) -> Self {
        Candidate {
            value: value.into(),
            description,
        }
    }
}

/// What the word being completed should be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Want {
    /// Known without I/O (subcommands, flags, enumerated values).
    Fixed(Vec<Candidate>),
    /// From the cluster or kubeconfig; `fixed` are offered as well (e.g. subcommands).
    Live {
        kind: LiveKind,
        fixed: Vec<Candidate>,
    },
    /// A path: let the shell complete files.
    Files,
    /// Free text (a number, a new name): nothing to offer.
    Nothing,
}

/// The result of [`analyze`]: what is wanted, for which word, in which scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub want: Want,
    /// Kept in front of every candidate (`--flag=` or the finished items of a comma list).
    pub keep: String,
    /// The part of the word candidates must start with (after `keep`).
    pub prefix: String,
    /// Values already given in a comma list; not offered again.
    pub exclude: Vec<String>,
    pub scope: Scope,
}

/// The final answer: candidates and the directive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub candidates: Vec<Candidate>,
    pub directive: u32,
}

impl Reply {
    /// The `__complete` wire format.
    pub fn to_wire(&self) -> String {
        let mut s = String::new();
        for c in &self.candidates {
            // A newline or tab inside a value would break the line protocol.
            let value = c.value.replace(['\n', '\t'], " ");
            s.push_str(&value);
            if let Some(d) = &c.description {
                let first = d.lines().next().unwrap_or("").replace('\t', " ");
                if !first.is_empty() {
                    s.push('\t');
                    s.push_str(&first);
                }
            }
            s.push('\n');
        }
        s.push_str(&format!(":{}\n", self.directive));
        s
    }
}

/// Walk `args` (everything after `__complete`; the last element is the word being completed,
/// possibly empty) through the command tree `root`.
pub fn analyze(root: &Command, args: &[String]) -> Request {
    let mut root = root.clone();
    // build() propagates global flags into every subcommand and fills in defaults such as num_args.
    root.build();
    let (word, done) = match args.split_last() {
        Some((w, d)) => (w.as_str(), d),
        None => ("", &[][..]),
    };

    let mut path: Vec<String> = Vec::new();
    let mut cmd = &root;
    let mut positional = 0usize;
    let mut scope = Scope::default();
    let mut pending: Option<Arg> = None;
    let mut after_dashdash = false;
    // Whether the flag waiting for its value was kept in scope.global_args.
    let mut pending_global = false;

    for a in done {
        if let Some(arg) = pending.take() {
            record(&mut scope, &arg, a);
            if pending_global {
                scope.global_args.push(a.clone());
            }
            continue;
        }
        if after_dashdash {
            positional += 1;
            continue;
        }
        if a == "--" {
            after_dashdash = true;
            continue;
        }
        if let Some(long) = a.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v)),
                None => (long, None),
            };
            if let Some(arg) = find_long(cmd, name) {
                pending_global = arg.is_global_set();
                if pending_global {
                    scope.global_args.push(a.clone());
                }
                match inline {
                    Some(v) => record(&mut scope, arg, v),
                    None if needs_value(arg) => pending = Some(arg.clone()),
                    None => record_flag(&mut scope, arg),
                }
            }
            continue;
        }
        if a.len() > 1 && a.starts_with('-') {
            // -n ns, -nns, -Ay, -v=3
            let shorts = &a[1..];
            let mut all_global = true;
            for (i, c) in shorts.char_indices() {
                let Some(arg) = find_short(cmd, c) else {
                    all_global = false;
                    break;
                };
                all_global &= arg.is_global_set();
                let rest = &shorts[i + c.len_utf8()..];
                if takes_value(arg) {
                    let rest = rest.strip_prefix('=').unwrap_or(rest);
                    if !rest.is_empty() {
                        record(&mut scope, arg, rest);
                    } else if needs_value(arg) {
                        pending = Some(arg.clone());
                    }
                    break;
                }
                record_flag(&mut scope, arg);
            }
            pending_global = all_global;
            if all_global {
                scope.global_args.push(a.clone());
            }
            continue;
        }
        // A positional word: a subcommand when this command has one of that name.
        if positional == 0
            && let Some(sub) = find_subcommand(cmd, a)
        {
            path.push(sub.get_name().to_string());
            cmd = sub;
            continue;
        }
        if let Some(arg) = positional_at(cmd, positional) {
            record(&mut scope, arg, a);
            if !is_multiple(arg) {
                positional += 1;
            }
        } else {
            positional += 1;
        }
    }

    let mut request = Request {
        want: Want::Nothing,
        keep: String::new(),
        prefix: word.to_string(),
        exclude: Vec::new(),
        scope,
    };

    if let Some(arg) = pending {
        // The flag whose value is being typed is no part of the scope yet.
        if pending_global {
            request.scope.global_args.pop();
        }
        request.want = want_for_value(&path, &arg, word, &mut request);
        return request;
    }
    if !after_dashdash && word.starts_with("--") {
        if let Some((name, value)) = word[2..].split_once('=') {
            if let Some(arg) = find_long(cmd, name).filter(|a| takes_value(a)) {
                let arg = arg.clone();
                request.keep = format!("--{name}=");
                request.prefix = value.to_string();
                request.want = want_for_value(&path, &arg, value, &mut request);
            }
            return request;
        }
        request.want = Want::Fixed(flags(cmd, false));
        return request;
    }
    if !after_dashdash && word.starts_with('-') {
        request.want = Want::Fixed(flags(cmd, true));
        return request;
    }

    let subcommands: Vec<Candidate> = if positional == 0 && !after_dashdash {
        cmd.get_subcommands()
            .filter(|s| !s.is_hide_set())
            .map(|s| Candidate::described(s.get_name(), s.get_about().map(|a| a.to_string())))
            .collect()
    } else {
        Vec::new()
    };
    request.want = match positional_at(cmd, positional) {
        Some(arg) => {
            let arg = arg.clone();
            match want_for_value(&path, &arg, word, &mut request) {
                Want::Fixed(mut c) => {
                    c.extend(subcommands);
                    Want::Fixed(c)
                }
                Want::Live { kind, mut fixed } => {
                    fixed.extend(subcommands);
                    Want::Live { kind, fixed }
                }
                other if subcommands.is_empty() => other,
                _ => Want::Fixed(subcommands),
            }
        }
        None if !subcommands.is_empty() => Want::Fixed(subcommands),
        None => Want::Nothing,
    };
    request
}

/// What a value of `arg` can be, for the command at `path`.
fn want_for_value(path: &[String], arg: &Arg, word: &str, request: &mut Request) -> Want {
    let values: Vec<Candidate> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| Candidate::described(v.get_name(), v.get_help().map(|h| h.to_string())))
        .collect();
    if !values.is_empty() {
        return Want::Fixed(values);
    }
    if let Some(kind) = live_kind(path, arg) {
        // Comma lists (--brokers 1,2,<TAB>): complete the last item, keep the others.
        if (arg.get_value_delimiter().is_some() || kind == LiveKind::BrokerIds)
            && let Some((done, last)) = word.rsplit_once(',')
        {
            request.keep.push_str(done);
            request.keep.push(',');
            request.prefix = last.to_string();
            request.exclude = done.split(',').map(str::to_string).collect();
        }
        return Want::Live {
            kind,
            fixed: Vec::new(),
        };
    }
    match arg.get_value_hint() {
        ValueHint::AnyPath
        | ValueHint::FilePath
        | ValueHint::DirPath
        | ValueHint::ExecutablePath => Want::Files,
        _ => Want::Nothing,
    }
}

/// Which live lookup completes `arg`, from its id and the command it belongs to.
fn live_kind(path: &[String], arg: &Arg) -> Option<LiveKind> {
    let id = arg.get_id().as_str();
    match id {
        "namespace" => Some(LiveKind::Namespaces),
        "context" => Some(LiveKind::Contexts),
        "kafka_cluster" | "cluster" => Some(LiveKind::Clusters),
        "brokers" | "broker" | "broker_ids" | "broker_id" => Some(LiveKind::BrokerIds),
        "topic" | "topics" => Some(LiveKind::Topics),
        "name" | "names"
            if path.first().map(String::as_str) == Some("topics")
                && matches!(
                    path.get(1).map(String::as_str),
                    Some("describe" | "delete" | "alter")
                ) =>
        {
            Some(LiveKind::Topics)
        }
        _ => None,
    }
}

/// Remember the connection flags that decide where live lookups go.
fn record(scope: &mut Scope, arg: &Arg, value: &str) {
    let v = Some(value.to_string());
    match arg.get_id().as_str() {
        "namespace" => scope.namespace = v,
        "context" => scope.context = v,
        "kubeconfig" => scope.kubeconfig = v,
        "selector" => scope.selector = v,
        "kafka_cluster" | "cluster" => scope.cluster = v,
        "bootstrap_server" => scope.bootstrap_server = v,
        _ => {}
    }
}

fn record_flag(scope: &mut Scope, arg: &Arg) {
    if arg.get_id().as_str() == "all_namespaces" {
        scope.all_namespaces = true;
    }
}

fn takes_value(arg: &Arg) -> bool {
    arg.get_action().takes_values()
}

/// Does the next argument hold this flag's value? Not when the value is optional (`-v`, `-v=3`).
fn needs_value(arg: &Arg) -> bool {
    takes_value(arg)
        && !arg.is_require_equals_set()
        && arg.get_num_args().is_none_or(|r| r.min_values() > 0)
}

fn is_multiple(arg: &Arg) -> bool {
    arg.get_num_args().is_some_and(|r| r.max_values() > 1)
}

fn find_long<'a>(cmd: &'a Command, name: &str) -> Option<&'a Arg> {
    cmd.get_arguments().find(|a| {
        a.get_long() == Some(name) || a.get_all_aliases().is_some_and(|al| al.contains(&name))
    })
}

fn find_short(cmd: &Command, c: char) -> Option<&Arg> {
    cmd.get_arguments().find(|a| {
        a.get_short() == Some(c)
            || a.get_short_and_visible_aliases()
                .is_some_and(|s| s.contains(&c))
    })
}

fn find_subcommand<'a>(cmd: &'a Command, name: &str) -> Option<&'a Command> {
    cmd.get_subcommands()
        .find(|s| s.get_name() == name || s.get_all_aliases().any(|al| al == name))
}

fn positional_at(cmd: &Command, index: usize) -> Option<&Arg> {
    let mut positionals: Vec<&Arg> = cmd.get_positionals().collect();
    positionals.sort_by_key(|a| a.get_index().unwrap_or(usize::MAX));
    positionals
        .get(index)
        .copied()
        .or_else(|| positionals.last().copied().filter(|a| is_multiple(a)))
}

/// The flags of `cmd` (its own and the global ones), long forms, and short forms too when `short`.
fn flags(cmd: &Command, short: bool) -> Vec<Candidate> {
    let mut out = Vec::new();
    for a in cmd
        .get_arguments()
        .filter(|a| !a.is_hide_set() && !a.is_positional())
    {
        let help = a.get_help().map(|h| h.to_string());
        if let Some(l) = a.get_long() {
            out.push(Candidate::described(format!("--{l}"), help.clone()));
        }
        if short && let Some(s) = a.get_short() {
            out.push(Candidate::described(format!("-{s}"), help));
        }
    }
    out
}

/// Filter the candidates by the word and choose the directive.
pub fn finish(request: &Request, live: Vec<String>) -> Reply {
    let (mut candidates, directive) = match &request.want {
        Want::Fixed(c) => (c.clone(), DIRECTIVE_NO_FILE_COMP),
        Want::Live { fixed, .. } => {
            let mut c: Vec<Candidate> = live.into_iter().map(Candidate::plain).collect();
            c.extend(fixed.iter().cloned());
            (c, DIRECTIVE_NO_FILE_COMP)
        }
        Want::Files => (Vec::new(), DIRECTIVE_DEFAULT),
        Want::Nothing => (Vec::new(), DIRECTIVE_NO_FILE_COMP),
    };
    candidates
        .retain(|c| c.value.starts_with(&request.prefix) && !request.exclude.contains(&c.value));
    let mut seen = std::collections::HashSet::new();
    candidates.retain(|c| seen.insert(c.value.clone()));
    for c in &mut candidates {
        c.value = format!("{}{}", request.keep, c.value);
    }
    Reply {
        candidates,
        directive,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use clap::{ArgAction, value_parser};
    use std::path::PathBuf;

    /// A tree shaped like the plugin's: global kubectl flags, nested subcommands, positionals.
    pub(crate) fn tree() -> Command {
        Command::new("kubectl-kafka")
            .subcommand_required(true)
            .arg(
                Arg::new("namespace")
                    .short('n')
                    .long("namespace")
                    .global(true),
            )
            .arg(
                Arg::new("all_namespaces")
                    .short('A')
                    .long("all-namespaces")
                    .action(ArgAction::SetTrue)
                    .global(true),
            )
            .arg(Arg::new("context").long("context").global(true))
            .arg(
                Arg::new("kubeconfig")
                    .long("kubeconfig")
                    .value_parser(value_parser!(PathBuf))
                    .global(true),
            )
            .arg(
                Arg::new("kafka_cluster")
                    .short('k')
                    .long("kafka-cluster")
                    .global(true),
            )
            .arg(
                Arg::new("output")
                    .short('o')
                    .long("output")
                    .value_parser(["table", "wide", "json", "yaml"])
                    .global(true),
            )
            .arg(
                Arg::new("verbosity")
                    .short('v')
                    .long("v")
                    .num_args(0..=1)
                    .require_equals(true)
                    .default_missing_value("1")
                    .global(true),
            )
            .subcommand(Command::new("clusters").about("List the Kafka clusters"))
            .subcommand(
                Command::new("status")
                    .about("Cluster health")
                    .arg(Arg::new("cluster"))
                    .arg(
                        Arg::new("exit_code")
                            .long("exit-code")
                            .action(ArgAction::SetTrue),
                    ),
            )
            .subcommand(
                Command::new("scale")
                    .arg(Arg::new("replicas").long("replicas"))
                    .arg(Arg::new("brokers").long("brokers").value_delimiter(',')),
            )
            .subcommand(
                Command::new("topics")
                    .about("Topic management")
                    .subcommand(Command::new("list").visible_alias("ls"))
                    .subcommand(Command::new("describe").arg(Arg::new("name").required(true)))
                    .subcommand(Command::new("create").arg(Arg::new("name").required(true)))
                    .subcommand(
                        Command::new("delete")
                            .visible_alias("rm")
                            .arg(Arg::new("names").num_args(1..).required(true)),
                    ),
            )
            .subcommand(Command::new("secret").hide(true))
    }

    pub(crate) fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    pub(crate) fn values(reply: &Reply) -> Vec<&str> {
        reply.candidates.iter().map(|c| c.value.as_str()).collect()
    }

    fn complete(a: &[&str], live: &[&str]) -> Reply {
        let req = analyze(&tree(), &args(a));
        finish(&req, live.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn top_level_subcommands_without_hidden_ones() {
        let r = complete(&[""], &[]);
        let v = values(&r);
        assert!(
            v.contains(&"clusters") && v.contains(&"status") && v.contains(&"topics"),
            "{v:?}"
        );
        assert!(!v.contains(&"secret"));
        assert_eq!(r.directive, DIRECTIVE_NO_FILE_COMP);
        let about = r
            .candidates
            .iter()
            .find(|c| c.value == "topics")
            .and_then(|c| c.description.clone());
        assert_eq!(about.as_deref(), Some("Topic management"));
    }

    #[test]
    fn subcommands_filtered_by_prefix_and_nested() {
        assert_eq!(values(&complete(&["st"], &[])), ["status"]);
        let v = complete(&["topics", "d"], &[]);
        assert_eq!(values(&v), ["describe", "delete"]);
        // Global flags before the subcommand do not disturb the walk.
        let v = complete(&["-n", "kafka", "--context=c1", "topics", "l"], &[]);
        assert_eq!(values(&v), ["list"]);
    }

    #[test]
    fn flags_of_the_current_command_include_globals() {
        let r = complete(&["status", "--"], &[]);
        let v = values(&r);
        assert!(
            v.contains(&"--exit-code") && v.contains(&"--namespace"),
            "{v:?}"
        );
        assert!(!v.iter().any(|f| !f.starts_with("--")), "{v:?}");
        let v = complete(&["status", "-"], &[]);
        assert!(values(&v).contains(&"-n"), "{:?}", values(&v));
        assert_eq!(values(&complete(&["status", "--ex"], &[])), ["--exit-code"]);
    }

    #[test]
    fn namespace_values_come_from_the_cluster() {
        let req = analyze(&tree(), &args(&["status", "-n", "ka"]));
        assert_eq!(
            req.want,
            Want::Live {
                kind: LiveKind::Namespaces,
                fixed: vec![]
            }
        );
        let r = finish(
            &req,
            vec!["kafka".into(), "default".into(), "kafka-2".into()],
        );
        assert_eq!(values(&r), ["kafka", "kafka-2"]);
        assert_eq!(r.directive, DIRECTIVE_NO_FILE_COMP);
        // --namespace=<TAB> keeps the flag in the candidate.
        let req = analyze(&tree(), &args(&["--namespace=d"]));
        let r = finish(&req, vec!["default".into(), "kafka".into()]);
        assert_eq!(values(&r), ["--namespace=default"]);
    }

    #[test]
    fn scope_carries_the_connection_flags_seen() {
        let req = analyze(
            &tree(),
            &args(&[
                "-nkafka",
                "--context",
                "c1",
                "--kubeconfig=/k",
                "-k",
                "main",
                "topics",
                "describe",
                "",
            ]),
        );
        assert_eq!(
            req.want,
            Want::Live {
                kind: LiveKind::Topics,
                fixed: vec![]
            }
        );
        assert_eq!(req.scope.namespace.as_deref(), Some("kafka"));
        assert_eq!(req.scope.context.as_deref(), Some("c1"));
        assert_eq!(req.scope.kubeconfig.as_deref(), Some("/k"));
        assert_eq!(req.scope.cluster.as_deref(), Some("main"));
        let req = analyze(&tree(), &args(&["-A", "clusters", ""]));
        assert!(req.scope.all_namespaces);
    }

    #[test]
    fn topic_names_for_describe_delete_but_not_create() {
        let r = complete(
            &["topics", "describe", "or"],
            &["orders", "payments", "orders-dlq"],
        );
        assert_eq!(values(&r), ["orders", "orders-dlq"]);
        // delete takes several names: still topics after the first; the alias works too.
        let r = complete(&["topics", "rm", "orders", ""], &["orders", "payments"]);
        assert_eq!(values(&r), ["orders", "payments"]);
        let req = analyze(&tree(), &args(&["topics", "create", ""]));
        assert_eq!(req.want, Want::Nothing);
        // describe takes one name: nothing after it.
        let req = analyze(&tree(), &args(&["topics", "describe", "orders", ""]));
        assert_eq!(req.want, Want::Nothing);
    }

    #[test]
    fn cluster_positional_and_flag() {
        let r = complete(&["status", ""], &["main", "logs"]);
        assert_eq!(values(&r), ["main", "logs"]);
        let req = analyze(&tree(), &args(&["clusters", "-k", ""]));
        assert_eq!(
            req.want,
            Want::Live {
                kind: LiveKind::Clusters,
                fixed: vec![]
            }
        );
    }

    #[test]
    fn broker_lists_complete_the_last_item() {
        let req = analyze(&tree(), &args(&["scale", "--brokers", "1,2,"]));
        let r = finish(&req, vec!["0".into(), "1".into(), "2".into(), "3".into()]);
        assert_eq!(values(&r), ["1,2,0", "1,2,3"]);
        let req = analyze(&tree(), &args(&["scale", "--brokers="]));
        let r = finish(&req, vec!["0".into(), "1".into()]);
        assert_eq!(values(&r), ["--brokers=0", "--brokers=1"]);
        // --replicas is a number: nothing to offer, and no file names either.
        let r = complete(&["scale", "--replicas", ""], &[]);
        assert!(r.candidates.is_empty());
        assert_eq!(r.directive, DIRECTIVE_NO_FILE_COMP);
    }

    #[test]
    fn enumerated_values_and_files() {
        assert_eq!(values(&complete(&["-o", "j"], &[])), ["json"]);
        assert_eq!(values(&complete(&["status", "--output="], &[])).len(), 4);
        let r = complete(&["--kubeconfig", ""], &[]);
        assert!(r.candidates.is_empty());
        assert_eq!(r.directive, DIRECTIVE_DEFAULT);
    }

    #[test]
    fn optional_value_flags_do_not_swallow_the_next_word() {
        // -v has an optional value given with '=': "clusters" is still the subcommand.
        let req = analyze(&tree(), &args(&["-v", "status", ""]));
        assert_eq!(
            req.want,
            Want::Live {
                kind: LiveKind::Clusters,
                fixed: vec![]
            }
        );
        let req = analyze(&tree(), &args(&["-v=3", "topics", ""]));
        assert!(matches!(req.want, Want::Fixed(ref c) if c.iter().any(|c| c.value == "list")));
    }

    #[test]
    fn wire_format_ends_with_the_directive() {
        let r = Reply {
            candidates: vec![
                Candidate::described("status", Some("Cluster health\nmore".into())),
                Candidate::plain("a\tb"),
            ],
            directive: 4,
        };
        assert_eq!(r.to_wire(), "status\tCluster health\na b\n:4\n");
        assert_eq!(
            Reply {
                candidates: vec![],
                directive: 0
            }
            .to_wire(),
            ":0\n"
        );
    }

    #[test]
    fn global_flags_are_kept_as_typed() {
        let req = analyze(
            &tree(),
            &args(&[
                "-n",
                "kafka",
                "--context=c1",
                "scale",
                "--replicas",
                "3",
                "-Ak",
                "main",
                "--brokers",
                "",
            ]),
        );
        assert_eq!(
            req.scope.global_args,
            ["-n", "kafka", "--context=c1", "-Ak", "main"]
        );
        assert_eq!(
            req.want,
            Want::Live {
                kind: LiveKind::BrokerIds,
                fixed: vec![]
            }
        );
    }
}
