//! The importers' tests: frab/pretalx XML, iCalendar, and every loader fed broken and hostile input.
//!
//! One test binary per layer: each links the crate once.

#[path = "../common/mod.rs"]
mod common;
mod flat;
mod frab;
mod fuzz;
mod ics;
mod table;
