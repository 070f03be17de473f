//! End-to-end tests: the real binary in a pseudo-terminal, typed at as a person would, then its
//! screen, the data directory and the exports checked.
//!
//! One test binary per layer: each links the crate once.

mod basics;
#[path = "../common/mod.rs"]
mod common;
mod day;
mod disk;
mod editor;
mod export;
mod followups;
mod import;
mod loading;
mod outside;
mod own;
mod remind;
mod safety;
mod settings;
mod support;
mod web;
