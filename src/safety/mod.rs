//! safety layer (see DESIGN.md): is the cluster healthy, may this broker restart now?
//!
//! Pure functions over a [`crate::model::ClusterSnapshot`]; the caller gathers the facts.

pub mod health;
pub mod preflight;
pub mod restart;
pub mod restart_extra;

pub use health::{Health, PartitionIssue, health};
pub use preflight::{Obstacle, may_move_data, replicas_fit};
pub use restart::{
    Blocker, IsrShortfall, RestartPolicy, SettleTracker, Verdict, can_restart,
    quorum_allows_restart, restart_order,
};
