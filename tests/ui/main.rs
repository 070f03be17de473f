//! The screen's tests: frames drawn into a TestBackend (insta snapshots), every terminal size, and the
//! painter's kept panes checked against frames drawn from scratch.
//!
//! One test binary per layer: each links the crate once.

#[path = "../common/mod.rs"]
mod common;
mod dialogs;
mod grid;
mod render;
mod render_sizes;
mod screen_cache;
mod talk;
