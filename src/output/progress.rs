//! Progress displays on stderr: a bar where stderr is a terminal, plain lines where it is not
//! (CI logs, pipes), so long work always says how far it got.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};

use super::{human_bytes, note};

/// The progress of a reassignment, in partitions and bytes: a bar on a terminal, else a line
/// whenever a partition completes (and every 10 s).
pub struct MoveProgress {
    bar: Option<ProgressBar>,
    total: usize,
    total_bytes: u64,
    last: (usize, Instant),
}

impl MoveProgress {
    pub fn new(total: usize, total_bytes: u64) -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let b = ProgressBar::new(total as u64);
            if let Ok(style) = ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} partitions  {msg}",
            ) {
                b.set_style(style);
            }
            b.enable_steady_tick(Duration::from_millis(200));
            b
        });
        note(format!(
            "reassigning {total} partitions, about {} to copy",
            human_bytes(total_bytes)
        ));
        MoveProgress {
            bar,
            total,
            total_bytes,
            last: (0, Instant::now()),
        }
    }

    pub fn update(&mut self, done: usize, bytes: u64) {
        let msg = format!(
            "{} / {} copied",
            human_bytes(bytes.min(self.total_bytes)),
            human_bytes(self.total_bytes)
        );
        match &self.bar {
            Some(b) => {
                b.set_position(done as u64);
                b.set_message(msg);
            }
            None => {
                if done != self.last.0 || self.last.1.elapsed() >= Duration::from_secs(10) {
                    note(format!("  {done}/{} partitions done, {msg}", self.total));
                    self.last = (done, Instant::now());
                }
            }
        }
    }

    pub fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

impl Drop for MoveProgress {
    fn drop(&mut self) {
        self.finish();
    }
}

/// Progress lines on stderr, stamped with the time since the work started.
pub struct Log {
    pub start: Instant,
}

impl Log {
    /// A log whose clock starts now.
    pub fn start() -> Self {
        Log {
            start: Instant::now(),
        }
    }

    pub fn line(&self, msg: impl std::fmt::Display) {
        note(format!(
            "[{:>6.1}s] {msg}",
            self.start.elapsed().as_secs_f64()
        ));
    }
}
