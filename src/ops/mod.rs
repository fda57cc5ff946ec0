//! ops layer (see DESIGN.md).

pub mod completion;
pub mod version;
