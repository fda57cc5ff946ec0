//! The roll's per-step hook: whoever wants to watch the roll (a client canary, a progress display)
//! is told when each node enters each phase, without the roll knowing what it does with it.

use futures::future::BoxFuture;

use crate::safety::roll::Target;

/// The phases a node goes through in a roll, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Waiting for the safety checks.
    Checking,
    /// Its pod is being evicted.
    Evicting,
    /// Waiting for the pod to come back Ready.
    WaitingReady,
    /// Waiting for the broker to rejoin its ISRs (or the controller to catch up).
    CatchingUp,
    /// Moving preferred leadership back.
    Electing,
    /// Back and confirmed.
    Done,
}

/// Told of each phase as the roll enters it. Must not block: the roll waits for it.
pub trait RollObserver: Sync {
    fn phase(&self, target: &Target, phase: Phase);

    /// Awaited before each step (a node, or a batch) begins, so that what the observer measured
    /// of the steps before is complete when [`RollObserver::stop_reason`] is asked. Bounded.
    fn settle(&self) -> BoxFuture<'_, ()> {
        Box::pin(async {})
    }

    /// Asked before each step begins and before its first eviction: a reason to stop the roll
    /// there (exit 3), or None to go on. Never asked in the middle of a step.
    fn stop_reason(&self) -> Option<String> {
        None
    }
}

/// Watches nothing.
pub struct NoObserver;

impl RollObserver for NoObserver {
    fn phase(&self, _: &Target, _: Phase) {}
}
