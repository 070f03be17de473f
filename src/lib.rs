//! kaigi (会議): a terminal note-taker for conference attendees. The library holds everything so
//! that tests and benchmarks drive the same code as the binary; `main.rs` only parses the command
//! line and hands over to [`app::run`].
//!
//! The one-way flow (docs/architecture.md): terminal events become an [`action::Action`],
//! [`update::update`] changes the [`state::State`] and returns what must happen outside, [`ui`]
//! draws the state. Around that spine: the [`model`] (schedule, outline, follow-ups), [`text`]
//! as a terminal shows it, [`storage`] (the data directory and the saver), [`import`] and
//! [`export`] at the edges, the [`app`] (event loop, terminal, keys) and the [`cli`].

pub mod action;
pub mod app;
pub mod cli;
pub mod export;
pub mod fetch;
pub mod i18n;
pub mod import;
pub mod model;
pub mod settings;
pub mod state;
pub mod storage;
pub mod text;
pub mod ui;
pub mod update;

// Every message of the interface, by id, in one catalogue per language (assets/locales/en.toml,
// ja.toml); `t!` looks one up in the language `i18n::set` chose.
rust_i18n::i18n!("assets/locales", fallback = "en");
