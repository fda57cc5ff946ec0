//! k8s layer (see DESIGN.md).
