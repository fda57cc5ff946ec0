//! kafka layer (see DESIGN.md).
