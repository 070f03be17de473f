//! `update`'s tests: actions in, state and effects out, as the keymap and the app's edge drive it.
//!
//! One test binary per layer: each links the crate once.

mod actions;
mod browse;
#[path = "../common/mod.rs"]
mod common;
mod export;
mod followups;
mod form;
mod keys;
