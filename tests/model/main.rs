//! The model's tests: the outline editor (sketch tables and properties) and the Markdown export.
//!
//! One test binary per layer: each links the crate once.

mod catalogue;
#[path = "../common/mod.rs"]
mod common;
mod export;
mod outline;
mod outline_props;
mod screen;
mod targets;
