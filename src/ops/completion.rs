//! Shell completion.
//!
//! Two paths:
//! - `kubectl kafka completion SHELL` prints a static script generated from the clap tree (clap_complete)
//!   for the `kubectl-kafka` executable; the same scripts are committed under `completions/`.
//! - kubectl 1.26 and later complete `kubectl kafka ...` by running `kubectl_complete-kafka` from PATH,
//!   which calls the hidden `kubectl-kafka __complete ARGS... WORD`. That answer is computed here:
//!   [`analyze`] (pure: argv + clap tree → what is wanted), then live candidates from the cluster
//!   through a [`LiveSource`] under a short time limit, then [`finish`] (pure: filter and format).
//!
//! The `__complete` answer is one candidate per line (`value<TAB>description` where there is one),
//! then `:<directive>`; the directive bits are kubectl's (cobra's): 2 no space, 4 no file completion.

use std::fs;
use std::future::Future;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::builder::ValueHint;
use clap::{Arg, Command};
pub use clap_complete::Shell;

use crate::{Error, Result};

/// The hidden subcommand kubectl_complete-kafka calls.
pub const COMPLETE_SUBCOMMAND: &str = "__complete";

/// The executable the static scripts complete (`kubectl kafka` itself is completed through kubectl).
pub const BIN_NAME: &str = "kubectl-kafka";

/// The helper kubectl runs to complete plugin arguments, as committed under completions/.
pub const HELPER_NAME: &str = "kubectl_complete-kafka";
pub const HELPER_SCRIPT: &str = include_str!("../../completions/kubectl_complete-kafka");

/// Time allowed for live lookups: completion must never make the shell wait long.
pub const LIVE_TIMEOUT: Duration = Duration::from_secs(2);

/// Directive bits understood by kubectl's completion.
pub const DIRECTIVE_DEFAULT: u32 = 0;
pub const DIRECTIVE_NO_SPACE: u32 = 2;
pub const DIRECTIVE_NO_FILE_COMP: u32 = 4;

/// The shells with a committed script, and the file name under completions/ for each.
pub const SCRIPTS: [(Shell, &str); 4] = [
    (Shell::Bash, "kubectl-kafka.bash"),
    (Shell::Zsh, "_kubectl-kafka"),
    (Shell::Fish, "kubectl-kafka.fish"),
    (Shell::PowerShell, "kubectl-kafka.ps1"),
];

// ---------------------------------------------------------------------------------------------
// Static scripts

/// The completion script for `shell`, generated from the command tree `cmd`.
pub fn script_for(mut cmd: Command, shell: Shell) -> Result<String> {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, BIN_NAME, &mut buf);
    String::from_utf8(buf)
        .map_err(|e| Error::failed(format!("generated {shell} completion is not UTF-8: {e}")))
}

/// The completion script for `shell` for this plugin's own command tree.
pub fn script(shell: Shell) -> Result<String> {
    script_for(crate::cli::command(), shell)
}

/// `kubectl kafka completion SHELL`: print the script.
pub fn run(shell: Shell, out: &mut dyn Write) -> Result<()> {
    let text = script(shell)?;
    out.write_all(text.as_bytes())
        .map_err(|e| Error::failed(format!("cannot write the completion script: {e}")))
}

/// Write every committed script into `dir` (the regeneration path for completions/).
pub fn write_scripts(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for (shell, file) in SCRIPTS {
        let path = dir.join(file);
        fs::write(&path, script(shell)?)
            .map_err(|e| Error::failed(format!("cannot write {}: {e}", path.display())))?;
        written.push(path);
    }
    Ok(written)
}

// ---------------------------------------------------------------------------------------------
// Installing the kubectl helper

/// Where `completion install` puts the helper without `--dir`: the first PATH directory holding
/// `kubectl-kafka` (where kubectl finds the plugin, e.g. `$KREW_ROOT/bin` for a krew install),
/// else the directory of the running executable.
pub fn default_install_dir(
    path_var: Option<&std::ffi::OsStr>,
    current_exe: Option<&Path>,
) -> Option<PathBuf> {
    if let Some(paths) = path_var {
        for dir in std::env::split_paths(paths) {
            if !dir.as_os_str().is_empty() && dir.join(BIN_NAME).is_file() {
                return Some(dir);
            }
        }
    }
    current_exe.and_then(Path::parent).map(Path::to_path_buf)
}

/// `kubectl kafka completion install [--dir DIR]`: write `kubectl_complete-kafka` (mode 0755) into DIR.
/// Returns the path written; says so on `out`.
pub fn install(dir: Option<&Path>, out: &mut dyn Write) -> Result<PathBuf> {
    let dir = match dir {
        Some(d) => d.to_path_buf(),
        None => {
            let exe = std::env::current_exe().ok();
            default_install_dir(std::env::var_os("PATH").as_deref(), exe.as_deref()).ok_or_else(
                || Error::usage("cannot tell where kubectl-kafka is installed: give --dir DIR (a directory on PATH)"),
            )?
        }
    };
    if !dir.is_dir() {
        return Err(Error::usage(format!(
            "{} is not a directory: give --dir with an existing directory on PATH",
            dir.display()
        )));
    }
    let path = dir.join(HELPER_NAME);
    fs::write(&path, HELPER_SCRIPT).map_err(|e| {
        Error::failed(format!(
            "cannot write {}: {e}; give --dir with a directory on PATH you can write to",
            path.display()
        ))
    })?;
    set_executable(&path)?;
    let on_path = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).any(|d| d == dir))
        .unwrap_or(false);
    let note = if on_path {
        String::new()
    } else {
        format!(
            " ({} is not on PATH: kubectl will not find it there)",
            dir.display()
        )
    };
    writeln!(out, "installed {}{note}", path.display())
        .map_err(|e| Error::failed(format!("cannot write: {e}")))?;
    Ok(path)
}

#[cfg(unix)]
fn set_executable(path: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o755))
        .map_err(|e| Error::failed(format!("cannot make {} executable: {e}", path.display())))
}

#[cfg(not(unix))]
fn set_executable(_path: &Path) -> Result<()> {
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Dynamic completion: pure analysis

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

// ---------------------------------------------------------------------------------------------
// Dynamic completion: live lookups

/// Where live candidates come from. Errors are swallowed by the caller: completion stays silent.
pub trait LiveSource {
    fn lookup(&self, kind: LiveKind, scope: &Scope) -> impl Future<Output = Result<Vec<String>>>;
}

/// Answer a `__complete` request with the command tree `root` and live candidates from `source`,
/// waiting at most `timeout` for them.
pub async fn complete_with<S: LiveSource>(
    root: &Command,
    args: &[String],
    source: &S,
    timeout: Duration,
) -> Reply {
    let request = analyze(root, args);
    let live = match &request.want {
        Want::Live { kind, .. } => {
            match tokio::time::timeout(timeout, source.lookup(*kind, &request.scope)).await {
                Ok(Ok(found)) => found,
                // Unreachable cluster, no kubeconfig, timeout: offer what is known without it.
                Ok(Err(_)) | Err(_) => Vec::new(),
            }
        }
        _ => Vec::new(),
    };
    finish(&request, live)
}

/// Live candidates from the cluster and kubeconfig that the typed flags point at, found the way
/// the commands themselves find them (same discovery, same Kafka connection).
pub struct ClusterSource;

impl LiveSource for ClusterSource {
    async fn lookup(&self, kind: LiveKind, scope: &Scope) -> Result<Vec<String>> {
        let global = global_args(scope)?;
        if kind == LiveKind::Contexts {
            return crate::k8s::context_names(global.kubeconfig.as_deref());
        }
        let ctx = super::Context::new(global);
        let mut found: Vec<String> = match kind {
            LiveKind::Contexts => Vec::new(),
            LiveKind::Namespaces => crate::k8s::namespace_names(&ctx.kube().await?.client).await?,
            LiveKind::Clusters => ctx.discover().await?.into_iter().map(|c| c.name).collect(),
            LiveKind::BrokerIds => broker_ids(&ctx, scope.cluster.as_deref()).await?,
            LiveKind::Topics => {
                let admin = ctx.admin().await?;
                admin
                    .metadata()
                    .await?
                    .topics
                    .into_iter()
                    .map(|t| t.name)
                    .collect()
            }
        };
        found.sort();
        found.dedup();
        Ok(found)
    }
}

/// The global flags typed so far, parsed by the CLI itself, with the completion time limit.
fn global_args(scope: &Scope) -> Result<crate::cli::GlobalArgs> {
    use clap::Parser;
    let argv = std::iter::once(BIN_NAME.to_string())
        .chain(scope.global_args.iter().cloned())
        .chain(std::iter::once("version".to_string()));
    let cli = crate::cli::Cli::try_parse_from(argv)
        .map_err(|e| Error::usage(format!("flags typed so far do not parse: {e}")))?;
    let mut global = cli.global;
    global.request_timeout = LIVE_TIMEOUT;
    Ok(global)
}

/// Broker ids from Kafka's metadata; when Kafka cannot be reached, the ids the pods declare
/// (or their StatefulSet ordinals).
async fn broker_ids(ctx: &super::Context, cluster: Option<&str>) -> Result<Vec<String>> {
    let from_kafka = async {
        let admin = if ctx.global.kafka.bootstrap_server.is_empty() {
            let c = ctx.cluster(cluster).await?;
            super::connect::admin(ctx, Some(&c)).await?
        } else {
            ctx.admin().await?
        };
        admin.metadata().await
    };
    match from_kafka.await {
        Ok(meta) => Ok(meta.brokers.iter().map(|b| b.id.to_string()).collect()),
        Err(_) => {
            let c = ctx.cluster(cluster).await?;
            Ok(c.pods
                .iter()
                .filter_map(|p| p.declared_id.or_else(|| p.ordinal()))
                .map(|id| id.to_string())
                .collect())
        }
    }
}

/// `kubectl-kafka __complete ARGS... WORD`, as kubectl_complete-kafka calls it: print the
/// candidates and the directive on stdout, nothing else, and exit 0 whatever happens, within
/// about [`LIVE_TIMEOUT`] even when the cluster is unreachable.
pub fn complete_main<I, T>(args: I) -> std::process::ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString>,
{
    let args: Vec<String> = args
        .into_iter()
        .map(|a| a.into().to_string_lossy().into_owned())
        .collect();
    let root = crate::cli::command();
    let reply = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => {
            let reply = rt.block_on(complete_with(&root, &args, &ClusterSource, LIVE_TIMEOUT));
            // A DNS lookup or connect still blocked in a worker thread must not hold the shell.
            rt.shutdown_timeout(Duration::from_millis(50));
            reply
        }
        Err(_) => finish(&analyze(&root, &args), Vec::new()),
    };
    let _ = std::io::stdout()
        .lock()
        .write_all(reply.to_wire().as_bytes());
    std::process::ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{ArgAction, value_parser};

    /// A tree shaped like the plugin's: global kubectl flags, nested subcommands, positionals.
    fn tree() -> Command {
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

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    fn values(reply: &Reply) -> Vec<&str> {
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

    #[test]
    fn the_flag_being_completed_is_left_out_of_the_scope() {
        let req = analyze(&tree(), &args(&["-n", "kafka", "--context", ""]));
        assert_eq!(req.scope.global_args, ["-n", "kafka"]);
        let req = analyze(&tree(), &args(&["--context", "c1", "-n", ""]));
        assert_eq!(req.scope.global_args, ["--context", "c1"]);
        assert!(
            global_args(&Scope {
                global_args: vec!["--context".into()],
                ..Scope::default()
            })
            .is_err()
        );
    }

    /// The plugin's real command tree: the live kinds are wired to its actual flags.
    #[test]
    fn plugin_tree_wiring() {
        let root = crate::cli::command();
        let want = |a: &[&str]| analyze(&root, &args(a)).want;
        let live = |kind| Want::Live {
            kind,
            fixed: vec![],
        };
        assert_eq!(want(&["-n", ""]), live(LiveKind::Namespaces));
        assert_eq!(want(&["--context", ""]), live(LiveKind::Contexts));
        assert_eq!(
            want(&["status", "--kafka-cluster", ""]),
            live(LiveKind::Clusters)
        );
        assert_eq!(want(&["topics", "describe", ""]), live(LiveKind::Topics));
        assert_eq!(want(&["topics", "delete", "a", ""]), live(LiveKind::Topics));
        assert_eq!(want(&["topics", "alter", ""]), live(LiveKind::Topics));
        assert_eq!(want(&["--kubeconfig", ""]), Want::Files);
        assert!(matches!(
            want(&["status", ""]),
            Want::Live {
                kind: LiveKind::Clusters,
                ..
            }
        ));
        let r = finish(&analyze(&root, &args(&["-o", ""])), vec![]);
        assert_eq!(values(&r), ["table", "wide", "json", "yaml"]);
        let r = finish(&analyze(&root, &args(&["completion", "ba"])), vec![]);
        assert!(values(&r).contains(&"bash"), "{:?}", values(&r));
        let r = finish(&analyze(&root, &args(&[""])), vec![]);
        assert!(values(&r).contains(&"topics") && values(&r).contains(&"version"));
    }

    #[test]
    fn typed_global_flags_reach_the_live_lookup() {
        let req = analyze(
            &crate::cli::command(),
            &args(&[
                "-n",
                "kafka",
                "--bootstrap-server",
                "b:9092",
                "topics",
                "describe",
                "",
            ]),
        );
        let global = global_args(&req.scope).unwrap();
        assert_eq!(global.namespace.as_deref(), Some("kafka"));
        assert_eq!(global.kafka.bootstrap_server, ["b:9092"]);
        assert_eq!(global.request_timeout, LIVE_TIMEOUT);
    }

    struct Fake(Result<Vec<String>>, Duration);
    impl LiveSource for Fake {
        async fn lookup(&self, _kind: LiveKind, _scope: &Scope) -> Result<Vec<String>> {
            tokio::time::sleep(self.1).await;
            match &self.0 {
                Ok(v) => Ok(v.clone()),
                Err(e) => Err(Error::kube(e.to_string())),
            }
        }
    }

    #[tokio::test]
    async fn live_failures_and_timeouts_give_no_candidates() {
        let tree = tree();
        let a = args(&["-n", ""]);
        let ok = Fake(Ok(vec!["kafka".into()]), Duration::ZERO);
        let r = complete_with(&tree, &a, &ok, LIVE_TIMEOUT).await;
        assert_eq!(values(&r), ["kafka"]);
        let down = Fake(Err(Error::kube("connection refused")), Duration::ZERO);
        let r = complete_with(&tree, &a, &down, LIVE_TIMEOUT).await;
        assert_eq!(
            r,
            Reply {
                candidates: vec![],
                directive: DIRECTIVE_NO_FILE_COMP
            }
        );
        let slow = Fake(Ok(vec!["kafka".into()]), Duration::from_secs(5));
        let started = std::time::Instant::now();
        let r = complete_with(&tree, &a, &slow, Duration::from_millis(100)).await;
        assert!(r.candidates.is_empty());
        assert!(started.elapsed() < Duration::from_secs(2));
    }

    #[test]
    fn default_install_dir_prefers_the_plugin_on_path() {
        let base = std::env::temp_dir().join(format!("kk-install-{}", std::process::id()));
        let (a, b) = (base.join("a"), base.join("b"));
        fs::create_dir_all(&a).unwrap();
        fs::create_dir_all(&b).unwrap();
        fs::write(b.join(BIN_NAME), "").unwrap();
        let path = std::env::join_paths([&a, &b]).unwrap();
        let exe = base.join("elsewhere").join(BIN_NAME);
        assert_eq!(
            default_install_dir(Some(&path), Some(&exe)),
            Some(b.clone())
        );
        let path = std::env::join_paths([&a]).unwrap();
        assert_eq!(
            default_install_dir(Some(&path), Some(&exe)),
            Some(base.join("elsewhere"))
        );

        let mut out = Vec::new();
        let written = install(Some(&a), &mut out).unwrap();
        assert_eq!(fs::read_to_string(&written).unwrap(), HELPER_SCRIPT);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                fs::metadata(&written).unwrap().permissions().mode() & 0o777,
                0o755
            );
        }
        assert!(String::from_utf8(out).unwrap().contains(HELPER_NAME));
        assert!(matches!(
            install(Some(&base.join("missing")), &mut Vec::new()),
            Err(Error::Usage(_))
        ));
        fs::remove_dir_all(&base).unwrap();
    }
}
