//! Evicting a node's pod only on a fresh verdict: a PodDisruptionBudget that refuses now may allow
//! the eviction later because something else changed (a drained pod came back Ready before its
//! broker rejoined any ISR), so the whole verdict is taken again before every attempt.

use std::time::Duration;

use crate::deadline::Deadline;
use crate::error::{Error, Result};
use crate::k8s::pods::Eviction;

/// The two halves of one eviction attempt.
pub(super) trait EvictSteps {
    /// Wait until every safety check passes now (or fail: refused, timed out).
    async fn checks_pass(&mut self) -> Result<()>;
    /// Record the pod about to go and try to evict it once. None: there is no pod to evict.
    async fn attempt(&mut self) -> Result<Option<Eviction>>;
    /// The pod, for messages.
    fn what(&self) -> String;
}

/// Checks, then one eviction attempt; after a refusal, wait `pause` and start over with the
/// checks. Refused (exit 3) once `deadline` has passed and the budget still refuses.
pub(super) async fn evict_when_safe(
    steps: &mut impl EvictSteps,
    deadline: Deadline,
    pause: Duration,
) -> Result<()> {
    loop {
        steps.checks_pass().await?;
        match steps.attempt().await? {
            None | Some(Eviction::Started) | Some(Eviction::Gone) => return Ok(()),
            Some(Eviction::Blocked(msg)) => {
                if deadline.is_past() {
                    return Err(Error::refused(format!(
                        "a PodDisruptionBudget still refuses to evict {} ({msg}); check the \
                         namespace's PodDisruptionBudgets (`kubectl get pdb`) and run the same \
                         command again",
                        steps.what()
                    )));
                }
                tokio::time::sleep(pause).await;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Answers scripted in advance; records the order of the calls.
    struct Script {
        calls: Vec<&'static str>,
        evictions: Vec<Eviction>,
        checks_fail_at: Option<usize>,
    }

    impl EvictSteps for Script {
        async fn checks_pass(&mut self) -> Result<()> {
            self.calls.push("check");
            let n = self.calls.iter().filter(|c| **c == "check").count();
            if self.checks_fail_at == Some(n) {
                return Err(Error::refused("blocked now"));
            }
            Ok(())
        }
        async fn attempt(&mut self) -> Result<Option<Eviction>> {
            self.calls.push("evict");
            Ok(if self.evictions.is_empty() {
                None
            } else {
                Some(self.evictions.remove(0))
            })
        }
        fn what(&self) -> String {
            "pod kafka-1".into()
        }
    }

    fn blocked() -> Eviction {
        Eviction::Blocked("budget".into())
    }

    #[tokio::test]
    async fn every_attempt_follows_a_fresh_verdict() {
        let mut s = Script {
            calls: vec![],
            evictions: vec![blocked(), blocked(), Eviction::Started],
            checks_fail_at: None,
        };
        evict_when_safe(&mut s, Deadline::never(), Duration::ZERO)
            .await
            .unwrap();
        assert_eq!(
            s.calls,
            ["check", "evict", "check", "evict", "check", "evict"]
        );
    }

    #[tokio::test]
    async fn a_verdict_that_turns_after_a_refusal_stops_the_eviction() {
        // The PDB refused once; by the next attempt the checks block (a drained broker is not
        // back in its ISRs): no second eviction is tried.
        let mut s = Script {
            calls: vec![],
            evictions: vec![blocked(), Eviction::Started],
            checks_fail_at: Some(2),
        };
        let e = evict_when_safe(&mut s, Deadline::never(), Duration::ZERO)
            .await
            .unwrap_err();
        assert!(matches!(e, Error::Refused(_)), "{e}");
        assert_eq!(s.calls, ["check", "evict", "check"]);
    }

    #[tokio::test]
    async fn a_budget_refusing_past_the_deadline_is_refused_and_a_missing_pod_is_done() {
        let mut s = Script {
            calls: vec![],
            evictions: vec![blocked(), blocked()],
            checks_fail_at: None,
        };
        let e = evict_when_safe(&mut s, Deadline::after(Duration::ZERO), Duration::ZERO)
            .await
            .unwrap_err();
        assert!(e.to_string().contains("pod kafka-1 (budget)"), "{e}");
        assert_eq!(s.calls, ["check", "evict"]);
        let mut gone = Script {
            calls: vec![],
            evictions: vec![],
            checks_fail_at: None,
        };
        evict_when_safe(&mut gone, Deadline::never(), Duration::ZERO)
            .await
            .unwrap();
        assert_eq!(gone.calls, ["check", "evict"]);
    }
}
