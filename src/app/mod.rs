//! The app's edge: the data directory and its lock, the terminal, the event loop, and what
//! happens at the end (a quit, a signal, a vanished terminal or a panic): every note is saved,
//! or kept in a recovery or fallback file, and the terminal is put back.

mod event_loop;
pub mod keymap;
mod recovery;
mod terminal;

use std::collections::HashSet;
use std::fs::File;
use std::io::Write as _;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use crossterm::event;

use crate::action::Action;
use crate::cli::Cli;
use crate::model::outline::Outline;
use crate::model::schedule::ScheduleFile;
use crate::state::State;
use crate::storage::{Stamp, Store};
use crate::update::update;
use event_loop::{End, Loop};

/// Why a kaigi that found the data directory locked is read-only, as its banner says.
pub(super) const OTHER_KAIGI: &str = "another kaigi is open";

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
    let (mut state, opened, problems) = open_state(&store, cli.conference.as_deref(), now, size)?;
    if lock.is_none() {
        state.read_only = true;
        state.read_only_reason = OTHER_KAIGI.into();
    }
    let mut notices = problems;
    if cleaned > 0 {
        notices.push(format!(
            "Removed {cleaned} temporary file(s) left by an earlier crash"
        ));
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
    if state.selected_is_running() && !state.read_only {
        update(&mut state, Action::OpenNotes);
    }

    let mut lp = Loop::new(terminal, state, &store, clock, opened, lock);
    let end = catch_unwind(AssertUnwindSafe(|| lp.run()));
    let Ok(end) = end else {
        return after_panic(&store, &lp);
    };
    let unsaved = finish_saving(&mut lp);
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
    Ok(())
}

/// Waits for every save; returns the sessions whose notes are still not on disk.
fn finish_saving(lp: &mut Loop) -> HashSet<String> {
    let mut unsaved = lp.unsaved();
    for o in lp.saver.wait_idle() {
        if let Some(id) = lp.in_flight.remove(&o.path)
            && o.result.is_ok()
        {
            unsaved.remove(&id);
            lp.saved(&o.path);
        }
    }
    unsaved
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

/// Loads the conference to show, with its folder and what the saver must know of its files. A
/// schedule that cannot be read is moved to `quarantine/` (never deleted; left in place when the
/// store is read-only) and the next choice opens instead; one from a newer kaigi opens read-only.
/// The messages say what happened.
fn open_state(
    store: &Store,
    mut requested: Option<&str>,
    now: DateTime<Utc>,
    size: (u16, u16),
) -> anyhow::Result<(State, (String, Seen), Vec<String>)> {
    let mut problems = Vec::new();
    let mut skip = Vec::new();
    loop {
        let (folder, file) = crate::storage::choose::pick_conference(store, requested, now, &skip)?;
        let e = match open_folder(store, &folder, file, now, size) {
            Ok((state, seen, more)) => {
                problems.extend(more);
                return Ok((state, (folder, seen), problems));
            }
            Err(e) => e,
        };
        let storage = e.downcast_ref::<crate::storage::StorageError>();
        let corrupt = storage.is_some_and(|s| s.is_corrupt());
        if !corrupt || skip.len() > 100 {
            return Err(e);
        }
        requested = None;
        if store.is_read_only() {
            problems.push(format!("Unreadable schedule left where it is ({e})"));
            skip.push(folder);
            continue;
        }
        let to = store.quarantine_schedule(&folder)?;
        let name = to
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        problems.push(format!(
            "Unreadable schedule moved to quarantine/{name} ({e}); the notes of {folder} stay: \
             `kaigi import FILE --conference {folder}` brings the conference back"
        ));
    }
}

/// Everything the app shows for the conference in `folder`: schedule, notes, stars, and the
/// stamps of the files read. `file` is its schedule when the caller has read it already. A
/// schedule from a newer kaigi opens read-only.
pub(super) fn open_folder(
    store: &Store,
    folder: &str,
    file: Option<(ScheduleFile, Stamp)>,
    now: DateTime<Utc>,
    size: (u16, u16),
) -> anyhow::Result<(State, Seen, Vec<String>)> {
    let schedule_path = store.schedule_path(folder);
    let (file, stamp, newer) = match file {
        Some((file, stamp)) => (file, Some(stamp), None),
        None => match store.read_schedule(folder) {
            Ok((file, stamp)) => (file, Some(stamp), None),
            Err(crate::storage::StorageError::TooNew { .. }) => {
                let (file, version) = store.read_newer_schedule(folder)?;
                (file, None, Some(version))
            }
            Err(e) => return Err(e.into()),
        },
    };
    let local = now.with_timezone(&file.check()?).fixed_offset();
    let id = file.id.clone();
    // Indexing the programme and reading every notes file are the two halves of startup.
    let (conference, loaded) = std::thread::scope(|s| {
        let notes = s.spawn(|| store.load_notes(&id, local));
        let conference = store.conference_from(folder, file);
        let notes = notes
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        (conference, notes)
    });
    let conference = conference?;
    let mut problems = loaded.problems;
    let locked = loaded.locked;
    if !locked.is_empty() {
        problems.push(format!(
            "{} session(s) hold notes from a newer kaigi: shown read-only, never written",
            locked.len()
        ));
    }
    let (stars, stars_stamp) = store.read_stars(&conference.id);
    if let Err(e) = store.set_last_conference(folder) {
        problems.push(e.to_string());
    }
    let mut seen = loaded.seen;
    if let Some(stamp) = stamp {
        seen.insert(schedule_path, stamp);
    }
    if let Some(stamp) = stars_stamp {
        seen.insert(store.stars_path(&conference.id), stamp);
    }
    let mut state = State::new(conference, loaded.outlines, now, size)
        .with_stars(stars)
        .with_meta(loaded.meta);
    // A read-only kaigi writes nothing in the data directory: its exports go where it was started.
    state.export_dir = if store.is_read_only() {
        std::env::current_dir().unwrap_or_default()
    } else {
        store.root().join("exports")
    };
    state.copies = loaded.copies;
    let count = |kind| {
        state
            .copies
            .iter()
            .filter(|c| c.kind == kind && state.copy_adds(c))
            .count()
    };
    let conflicts = count(crate::storage::CopyKind::Conflict);
    if conflicts > 0 {
        let copies = if conflicts == 1 { "copy" } else { "copies" };
        problems.insert(
            0,
            format!("R: {conflicts} {copies} of notes to merge (from a sync tool?)"),
        );
    }
    let unsaved = count(crate::storage::CopyKind::Unsaved);
    if unsaved > 0 {
        problems.insert(
            0,
            format!("R restores notes that could not be saved last time ({unsaved} in unsaved/)"),
        );
    }
    let recovered = count(crate::storage::CopyKind::Recovery);
    if recovered > 0 {
        let files = if recovered == 1 {
            String::new()
        } else {
            format!(" ({recovered} files)")
        };
        problems.insert(0, format!("R restores notes kept after a crash{files}"));
    }
    if let Some(version) = newer {
        state.read_only = true;
        state.read_only_reason = format!("schedule from a newer kaigi, format {version}");
        problems.insert(
            0,
            format!(
                "{} was written by a newer kaigi (format {version}): shown read-only, never \
                 written",
                store.schedule_path(folder).display()
            ),
        );
    }
    state.color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    state.locked_sessions = locked;
    Ok((state, seen, problems))
}

/// What the saver must know of the files as they were read: their stamps, to tell our own
/// writes from a sync tool's or another laptop's.
pub(crate) type Seen = std::collections::HashMap<std::path::PathBuf, crate::storage::Stamp>;

/// What became of an export asked for in the app.
enum Exported {
    Written(std::path::PathBuf),
    /// The file exists and holds something else: ask before replacing it.
    Exists,
}

/// `~` or `~/…` as the home folder; anything else as typed.
fn expand_home(path: &str) -> std::path::PathBuf {
    let home = || directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf());
    match path.strip_prefix('~') {
        Some("") => home().unwrap_or_else(|| path.into()),
        Some(rest) if rest.starts_with('/') => home()
            .map(|h| h.join(rest.trim_start_matches('/')))
            .unwrap_or_else(|| path.into()),
        _ => path.into(),
    }
}

/// Writes the day shown as Markdown to the file asked for (never into a read-only data
/// directory). A file there already that holds something else (an export edited since, say) is
/// replaced only when the user said so, and kept as `<file>.bak`.
///
/// `ours` holds what this kaigi last wrote to each export file: a file still holding that is its
/// own previous export and is replaced without asking.
fn export_day(
    store: &Store,
    state: &State,
    job: &crate::update::ExportJob,
    ours: &mut std::collections::HashMap<std::path::PathBuf, Vec<u8>>,
) -> Result<Exported, crate::storage::StorageError> {
    let mut path = expand_home(&job.path);
    let day = state
        .conference
        .days()
        .get(state.day)
        .copied()
        .unwrap_or_default();
    // A folder: the day's file in it.
    if path.is_dir() || job.path.ends_with('/') {
        path = path.join(crate::update::export_name(state, day));
    }
    store.writable(&path)?;
    let outlines: std::collections::HashMap<String, &Outline> = state
        .notes
        .iter()
        .map(|(k, e)| (k.clone(), &e.outline))
        .collect();
    let notes = crate::export::Notes {
        outlines: &outlines,
        meta: &state.session_meta,
    };
    let opts = crate::export::Options {
        days: crate::export::Days::One(day),
        session: None,
        followups_section: true,
        timestamps: false,
        lang: job.lang,
    };
    let md = crate::export::markdown(&state.conference, &notes, &opts);
    match std::fs::read(&path) {
        Ok(old) if old == md.as_bytes() => return Ok(Exported::Written(path)),
        Ok(old) if ours.get(&path) == Some(&old) => {}
        Ok(_) if !job.replace => return Ok(Exported::Exists),
        Ok(old) => keep_edited(&path, &old)?,
        Err(_) => {}
    }
    crate::storage::write_atomic(&path, md.as_bytes())?;
    ours.insert(path.clone(), md.into_bytes());
    Ok(Exported::Written(path))
}

/// Keeps a file edited since kaigi wrote it as `<file>.bak`, or, when that holds something else
/// already, `<file>.bak-<time>`: no earlier edit is written over.
fn keep_edited(path: &std::path::Path, old: &[u8]) -> Result<(), crate::storage::StorageError> {
    let bak = crate::storage::guard::bak_path(path);
    let to = match std::fs::read(&bak) {
        Ok(held) if held != old => {
            let mut name = bak.file_name().unwrap_or_default().to_os_string();
            name.push(format!("-{}", chrono::Local::now().format("%Y%m%dT%H%M%S")));
            bak.with_file_name(name)
        }
        _ => bak,
    };
    crate::storage::write_atomic(&to, old)
}
