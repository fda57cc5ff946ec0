//! Helpers for the crate's own unit tests (compiled only for them).

pub mod alloc;
pub mod snapshot;

pub use snapshot::snapshot;
