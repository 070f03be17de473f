//! kaigi (会議): a terminal note-taker for conference attendees. The library holds everything so
//! that tests and benchmarks drive the same code as the binary; `main.rs` only parses the command
//! line and hands over to [`app::run`].

pub mod action;
pub mod app;
pub mod benchdata;
pub mod cli;
pub mod commands;
pub mod dayview;
pub mod export;
pub mod followups;
pub mod import;
pub mod keymap;
pub mod outline;
pub mod reimport;
pub mod saver;
pub mod schedule;
pub mod screen;
pub mod search;
pub mod state;
pub mod storage;
pub mod text;
pub mod ui;
pub mod update;
