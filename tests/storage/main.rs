//! The data directory's tests: loading, the saver, and a disk that fails on purpose.
//!
//! One test binary per layer: each links the crate once.

#[path = "../common/mod.rs"]
mod common;
mod faults;
mod fuzz_notes;
mod load;
mod saver;
