//! Safety rules: is the cluster healthy, may data move, may this broker restart now, in which
//! order does a roll go?
//!
//! Pure functions over a [`crate::model::ClusterSnapshot`]; the caller gathers the facts.

pub mod batches;
pub mod health;
pub mod preflight;
pub mod restart;
pub mod resume;
pub mod roll;
pub mod roll_state;
pub mod scale_in;

pub use health::{Health, PartitionIssue, health};
pub use preflight::{Obstacle, may_move_data, may_resume_moving, replicas_fit};
pub use restart::{
    Blocker, IsrShortfall, RestartPolicy, SettleTracker, Verdict, can_restart, can_restart_batch,
    quorum_allows_restart, restart_order,
};
