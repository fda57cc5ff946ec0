//! One module per verb. Each owns its clap arguments and a `run(ctx, args)` that does the work
//! and prints the result, as cargo's commands do; `cli` only assembles them.
//!
//! What several verbs share has a module of its own: [`context`] (the global flags and the
//! clients they lead to), [`connect`] (reaching Kafka), [`flags`] (value parsers), [`lifecycle`]
//! (what the commands that move data share), [`canary`] (the canary topic and its clients, for
//! `probe` and `restart --canary`), [`planning`] (the planner's flags and live sizes) and [`executor`] (running a reassignment).

pub mod canary;
pub mod clusters;
pub mod completion;
pub mod connect;
pub mod context;
pub mod drain;
pub mod executor;
pub mod flags;
pub mod groups;
pub mod lifecycle;
pub mod planning;
pub mod probe;
pub mod rbac;
pub mod reassign;
pub mod rebalance;
pub mod restart;
pub mod scale;
pub mod status;
pub mod topics;
pub mod version;

pub use context::{Context, GlobalArgs};
