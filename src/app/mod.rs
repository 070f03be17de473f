//! The app's edge: the data directory and its lock, the terminal, the event loop, and what
//! happens at the end (a quit, a signal, a vanished terminal or a panic): every note is saved,
//! or kept in a recovery or fallback file, and the terminal is put back.

mod autosave;
mod effects;
mod event_loop;
mod export;
pub mod keymap;
mod loading;
mod open;
mod outside;
pub mod rebind;
mod recovery;
mod refresh;
mod terminal;

use std::fs::File;
use std::io::Write as _;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use crossterm::event;

use crate::action::Action;
use crate::cli::Cli;
use crate::storage::Store;
use crate::update::update;
use event_loop::{End, Loop};
use open::{Seen, open_state};

/// Why a kaigi that found the data directory locked is read-only, as its banner says.
pub(super) fn other_kaigi() -> String {
    rust_i18n::t!("msg.other_kaigi").into_owned()
}

/// The wall clock, or a pretend one that starts at `--now` and runs from there.
#[derive(Clone, Copy)]
pub(crate) struct Clock {
    start: Instant,
    fixed: Option<DateTime<Utc>>,
}

impl Clock {
    fn now(self) -> DateTime<Utc> {
        match self.fixed {
            Some(t) => t + self.start.elapsed(),
            None => Utc::now(),
        }
    }
}

/// Takes the data directory's lock: an OS advisory lock the kernel releases if this process
/// dies, so a second kaigi can tell a live one from a stale file. `None` when another kaigi
/// holds it: this one then opens read-only.
pub(super) fn lock(store: &Store) -> anyhow::Result<Option<File>> {
    let path = store.root().join("kaigi.lock");
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .with_context(|| format!("{}", path.display()))?;
    match file.try_lock() {
        Ok(()) => Ok(Some(file)),
        Err(std::fs::TryLockError::WouldBlock) => Ok(None),
        Err(std::fs::TryLockError::Error(e)) => {
            Err(e).with_context(|| format!("{}", path.display()))
        }
    }
}

pub fn run(cli: Cli) -> anyhow::Result<()> {
    let clock = Clock {
        start: Instant::now(),
        fixed: cli.now.map(|t| t.with_timezone(&Utc)),
    };
    let store = Store::open(cli.data_dir)?;
    let lock = lock(&store)?;
    // A second kaigi writes nothing in the data directory: not its state, not a quarantine.
    let store = if lock.is_some() {
        store
    } else {
        store.read_only()
    };
    let now = clock.now();
    let cleaned = if lock.is_some() {
        store.clean_temp_files()
    } else {
        0
    };
    let size = crossterm::terminal::size().unwrap_or((80, 24));
    let open::Started {
        mut state,
        opened,
        problems,
        loading,
    } = open_state(&store, cli.conference.as_deref(), now, size)?;
    let (settings, settings_problems) = crate::settings::load();
    let mut settings_problems = settings_problems;
    settings_problems.extend(rebind::install(&settings.keys, "settings.toml"));
    crate::ui::theme::set_palette(settings.palette);
    state.remind_lead = cli
        .remind
        .or(settings.remind_minutes)
        .unwrap_or(crate::model::reminder::DEFAULT_LEAD)
        .max(0);
    if store.export_choices().is_none() {
        state.export.choices.target = settings.export_target.unwrap_or_default();
        state.export.choices.lang = settings.export_lang;
    }
    if lock.is_none() {
        state.access.read_only = true;
        state.access.reason = other_kaigi();
    }
    let mut notices = problems;
    notices.extend(settings_problems);
    // Only on the untouched sample: a star is a first step taken already, and its countdown
    // needs the bar.
    let sample = state.conference.is_sample()
        && store.conference_folders().len() == 1
        && state.schedule.starred.is_empty();
    if cleaned > 0 {
        notices.push(rust_i18n::t!("msg.removed_temp", n = cleaned).into_owned());
    }
    if !notices.is_empty() {
        state.notice(notices.join("; "));
    }
    let terminal = terminal::setup().context("could not set up the terminal")?;
    // crossterm starts listening for window-size changes at its first poll: start it now, then
    // read the size, so a resize while starting up is not lost.
    event::poll(Duration::ZERO)?;
    let (width, height) = terminal::size()?;
    update(&mut state, Action::Resize(width, height));
    // Opened during a talk: the first key typed goes into its notes (unless nothing can be).
    if state.selected_is_running() && !state.access.read_only {
        update(&mut state, Action::OpenNotes);
    }
    // Only the bundled sample: say how to make one's own (until the first key), after the
    // notes opened above, which would take the message away, and never over a notice.
    if sample && state.message.as_ref().is_none_or(|m| !m.notice) {
        state.say(rust_i18n::t!("msg.sample_hint"));
    }

    let mut lp = Loop::new(terminal, state, &store, clock, opened, lock);
    lp.loading = Some(loading);
    let end = catch_unwind(AssertUnwindSafe(|| lp.run()));
    let Ok(end) = end else {
        return after_panic(&store, &lp);
    };
    let unsaved = lp.finish();
    terminal::restore();
    drop(lp.lock.take());
    if !unsaved.is_empty() {
        let (files, markdown) = recovery::fallback(&store, &lp.state, &unsaved);
        // The terminal may be gone (the reason saving ended here): the files above hold the
        // notes, and a failed print is no reason to panic.
        let _ = writeln!(std::io::stdout(), "{markdown}");
        anyhow::bail!(
            "notes could not be saved in {}; they were written to:\n{}\nand printed above",
            store.root().display(),
            recovery::list(&files)
        );
    }
    if let End::TerminalGone(why) = end {
        // stderr may be the terminal that went away: nothing to do if it cannot be written.
        let _ = writeln!(
            std::io::stderr(),
            "kaigi: the terminal went away ({why}); notes were saved"
        );
    }
    // Everything is written and the terminal given back: freeing the notes and the schedule one
    // allocation at a time (7 % of a session's CPU on a large conference) gains nothing now.
    std::mem::forget(lp);
    Ok(())
}

/// The state after a panic may be inconsistent: unsaved notes go to recovery files beside their
/// sessions (never over them), and a crash report to `crash/`.
fn after_panic(store: &Store, lp: &Loop) -> anyhow::Result<()> {
    terminal::restore();
    let unsaved = lp.unsaved();
    let written = catch_unwind(AssertUnwindSafe(|| {
        recovery::write_recovery(store, &lp.state, &unsaved)
    }))
    .unwrap_or_default();
    let panic = terminal::LAST_PANIC
        .lock()
        .ok()
        .and_then(|p| p.clone())
        .unwrap_or_else(|| "unknown panic".into());
    let report = recovery::crash_report(store, &panic);
    let mut msg = String::from("kaigi crashed");
    if let Some(r) = &report {
        msg.push_str(&format!("; report: {}", r.display()));
    }
    if !written.is_empty() {
        msg.push_str(&format!(
            "; unsaved notes kept in:\n{}\nthe next start offers them back",
            recovery::list(&written)
        ));
    }
    anyhow::bail!(msg)
}
