//! Deadlines that cannot overflow. Every duration flag accepts `0` for "no limit" (parsed as
//! `Duration::MAX`), and `Instant + Duration::MAX` panics: a limit too large to add to the start
//! is a deadline that never comes.

use std::future::Future;
use std::time::{Duration, Instant};

/// When to stop waiting, or never.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadline(Option<Instant>);

impl Deadline {
    /// `limit` from now.
    pub fn after(limit: Duration) -> Self {
        Self::from(Instant::now(), limit)
    }

    /// `limit` from `start`.
    pub fn from(start: Instant, limit: Duration) -> Self {
        Deadline(start.checked_add(limit))
    }

    /// A deadline that never comes.
    pub fn never() -> Self {
        Deadline(None)
    }

    /// The moment, None when there is no limit.
    pub fn instant(&self) -> Option<Instant> {
        self.0
    }

    /// Whether the deadline has come.
    pub fn is_past(&self) -> bool {
        self.0.is_some_and(|d| Instant::now() >= d)
    }

    /// Whether waiting `wait` from now would take us past the deadline.
    pub fn passes_within(&self, wait: Duration) -> bool {
        match (self.0, Instant::now().checked_add(wait)) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(d), Some(then)) => then > d,
        }
    }

    /// Time left (zero once past); None when there is no limit.
    pub fn remaining(&self) -> Option<Duration> {
        self.0.map(|d| d.saturating_duration_since(Instant::now()))
    }

    /// The earlier of the two.
    pub fn min(self, other: Deadline) -> Deadline {
        match (self.0, other.0) {
            (Some(a), Some(b)) => Deadline(Some(a.min(b))),
            (a, b) => Deadline(a.or(b)),
        }
    }

    /// Run `fut` until the deadline: None when the deadline came first.
    pub async fn run<F: Future>(self, fut: F) -> Option<F::Output> {
        match self.0 {
            None => Some(fut.await),
            Some(d) => tokio::time::timeout_at(d.into(), fut).await.ok(),
        }
    }
}

/// Milliseconds since the Unix epoch by this machine's clock (0 before the epoch, saturating
/// far after it): for timestamps written into records and annotations, never for deadlines.
pub fn unix_now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_limit_never_overflows_and_never_passes() {
        let d = Deadline::after(Duration::MAX);
        assert_eq!(d, Deadline::never());
        assert!(!d.is_past());
        assert!(!d.passes_within(Duration::MAX));
        assert_eq!(d.remaining(), None);
        let far = Deadline::from(Instant::now(), Duration::from_secs(u64::MAX / 2));
        assert!(!far.is_past());
    }

    #[test]
    fn finite_deadlines() {
        let start = Instant::now();
        let d = Deadline::from(start, Duration::from_secs(3600));
        assert_eq!(d.instant(), Some(start + Duration::from_secs(3600)));
        assert!(!d.is_past());
        assert!(d.passes_within(Duration::from_secs(7200)));
        assert!(d.passes_within(Duration::MAX));
        assert!(!d.passes_within(Duration::from_secs(1)));
        assert!(
            d.remaining()
                .is_some_and(|r| r <= Duration::from_secs(3600))
        );
        assert!(Deadline::from(start, Duration::ZERO).is_past());
        assert_eq!(
            Deadline::from(start, Duration::ZERO).remaining(),
            Some(Duration::ZERO)
        );
        assert_eq!(d.min(Deadline::never()), d);
        assert_eq!(Deadline::never().min(d), d);
        let sooner = Deadline::from(start, Duration::from_secs(1));
        assert_eq!(d.min(sooner), sooner);
    }

    #[tokio::test]
    async fn run_stops_at_the_deadline() {
        let past = Deadline::from(Instant::now(), Duration::ZERO);
        assert_eq!(past.run(std::future::pending::<()>()).await, None);
        assert_eq!(Deadline::never().run(async { 7 }).await, Some(7));
        assert_eq!(
            Deadline::after(Duration::MAX).run(async { 8 }).await,
            Some(8)
        );
    }
}
