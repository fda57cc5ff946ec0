//! `kubectl kafka rbac`: the ClusterRole the plugin needs, for users without the source tree, and
//! optionally the binding that grants it to a user or service account.
//!
//! The role is the manifest the RBAC tests apply (tests/manifests/rbac-plugin.yaml), compiled in,
//! so what is printed is what is tested. The release archive ships the same file as `rbac.yaml`.

use std::io::Write;

use clap::Args;

use super::context::Context;
use crate::error::{Error, ExitStatus, Result};

/// The plugin's ClusterRole (with its comments: which verb needs which rule).
pub const CLUSTER_ROLE: &str = include_str!("../../tests/manifests/rbac-plugin.yaml");

#[derive(Debug, Clone, Default, Args)]
pub struct RbacArgs {
    /// Also print a binding of the role to this user: a RoleBinding in the -n namespace, or a
    /// ClusterRoleBinding with -A
    #[arg(long, value_name = "USER", conflicts_with = "service_account")]
    pub user: Option<String>,

    /// Also print a binding of the role to this service account (NAMESPACE/NAME)
    #[arg(long, value_name = "NAMESPACE/NAME")]
    pub service_account: Option<String>,
}

/// Who the binding is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    User(String),
    ServiceAccount { namespace: String, name: String },
}

impl Subject {
    fn from_args(args: &RbacArgs) -> Result<Option<Subject>> {
        if let Some(u) = &args.user {
            if u.trim().is_empty() {
                return Err(Error::usage("--user needs a user name"));
            }
            return Ok(Some(Subject::User(u.clone())));
        }
        let Some(sa) = &args.service_account else {
            return Ok(None);
        };
        match sa.split_once('/') {
            Some((ns, name)) if !ns.is_empty() && !name.is_empty() && !name.contains('/') => {
                Ok(Some(Subject::ServiceAccount {
                    namespace: ns.to_string(),
                    name: name.to_string(),
                }))
            }
            _ => Err(Error::usage(format!(
                "--service-account '{sa}' is not NAMESPACE/NAME, e.g. ops/kafka-admin"
            ))),
        }
    }

    fn yaml(&self) -> String {
        match self {
            Subject::User(u) => format!(
                "  - apiGroup: rbac.authorization.k8s.io\n    kind: User\n    name: {}\n",
                quote(u)
            ),
            Subject::ServiceAccount { namespace, name } => format!(
                "  - kind: ServiceAccount\n    name: {}\n    namespace: {}\n",
                quote(name),
                quote(namespace)
            ),
        }
    }
}

/// A YAML double-quoted scalar (names come from the command line).
fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// The binding of the ClusterRole to `subject`: in `namespace`, or cluster-wide when None.
pub fn binding(subject: &Subject, namespace: Option<&str>) -> String {
    let (kind, ns_line) = match namespace {
        Some(ns) => ("RoleBinding", format!("  namespace: {}\n", quote(ns))),
        None => ("ClusterRoleBinding", String::new()),
    };
    format!(
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: {kind}\nmetadata:\n  name: kubectl-kafka\n{ns_line}  labels:\n    app.kubernetes.io/name: kubectl-kafka\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: kubectl-kafka\nsubjects:\n{}",
        subject.yaml()
    )
}

/// Print the role (and the binding asked for) on stdout, ready for `kubectl apply -f -`.
pub fn run(ctx: &Context, args: &RbacArgs) -> Result<ExitStatus> {
    let subject = Subject::from_args(args)?;
    let mut text = CLUSTER_ROLE.to_string();
    if let Some(subject) = subject {
        let namespace = if ctx.global.all_namespaces {
            None
        } else {
            match &ctx.global.namespace {
                Some(ns) => Some(ns.as_str()),
                None => {
                    return Err(Error::usage(
                        "a binding needs a scope: -n NAMESPACE (RoleBinding) or -A (ClusterRoleBinding)",
                    ));
                }
            }
        };
        text.push_str("---\n");
        text.push_str(&binding(&subject, namespace));
    } else {
        crate::output::note(
            "apply with: kubectl kafka rbac | kubectl apply -f - ; grant it with --user NAME or --service-account NS/NAME and -n NAMESPACE (or -A)",
        );
    }
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| Error::Failed(format!("cannot write to stdout: {e}")))?;
    Ok(ExitStatus::Ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The verbs of the rule naming `resource` in the role.
    fn verbs_of(resource: &str) -> String {
        let lines: Vec<&str> = CLUSTER_ROLE.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.contains("resources:") && l.contains(&format!("\"{resource}\"")))
            .unwrap_or_else(|| panic!("no rule for {resource}"));
        lines[at + 1..]
            .iter()
            .find(|l| l.contains("verbs:"))
            .map(|l| l.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn role_allows_port_forward_with_get_and_create() {
        let v = verbs_of("pods/portforward");
        assert!(v.contains("\"get\"") && v.contains("\"create\""), "{v}");
        assert!(CLUSTER_ROLE.contains("kind: ClusterRole"));
        assert!(CLUSTER_ROLE.contains("name: kubectl-kafka"));
    }

    #[test]
    fn bindings_by_scope_and_subject() {
        let u = Subject::User("alice".into());
        let b = binding(&u, Some("kafka"));
        assert!(b.contains("kind: RoleBinding"), "{b}");
        assert!(b.contains("namespace: \"kafka\""), "{b}");
        assert!(
            b.contains("kind: User") && b.contains("name: \"alice\""),
            "{b}"
        );
        assert!(
            b.contains("kind: ClusterRole\n  name: kubectl-kafka"),
            "{b}"
        );
        let b = binding(&u, None);
        assert!(
            b.contains("kind: ClusterRoleBinding") && !b.contains("namespace:"),
            "{b}"
        );
        let args = RbacArgs {
            service_account: Some("ops/kafka-admin".into()),
            ..Default::default()
        };
        let s = Subject::from_args(&args).unwrap().unwrap();
        let b = binding(&s, Some("kafka"));
        assert!(b.contains("kind: ServiceAccount"), "{b}");
        assert!(b.contains("namespace: \"ops\""), "{b}");
        for bad in ["ops", "/x", "ops/", "a/b/c"] {
            let args = RbacArgs {
                service_account: Some(bad.into()),
                ..Default::default()
            };
            assert!(
                matches!(Subject::from_args(&args), Err(Error::Usage(_))),
                "{bad}"
            );
        }
        let quoted = binding(&Subject::User("a\"b: c".into()), None);
        assert!(quoted.contains(r#"name: "a\"b: c""#), "{quoted}");
    }
}
