//! safety layer (see DESIGN.md): is the cluster healthy, may this broker restart now?
//!
//! Pure functions over a [`crate::model::ClusterSnapshot`]; the caller gathers the facts.

pub mod health;

pub use health::{Health, PartitionIssue, health};
