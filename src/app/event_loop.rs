//! The event loop: it draws, waits for a terminal event (or the clock, a due save, a signal),
//! turns events into actions for `update`, and carries out the effects. Notes are saved off the
//! input path: 300 ms after typing pauses, at least every 600 ms while it goes on, at once when
//! leaving a session or quitting; a failed save is retried and shown, never dropped.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use chrono::Timelike;
use crossterm::event;

use super::terminal::{Term, to_action};
use super::{Clock, Seen};
use crate::action::Action;
use crate::model::outline::Outline;
use crate::model::outline::file::Snapshot;
use crate::state::{SaveStatus, State};
use crate::storage::saver::{Contents, Job, Mode, Saver};
use crate::storage::{Io, Store, is_notes_file};
use crate::update::{Effects, update};

/// A pause in typing this long saves.
const IDLE_SAVE: Duration = Duration::from_millis(300);
/// Continuous typing still saves this often, so a crash loses well under a second.
const MAX_UNSAVED: Duration = Duration::from_millis(600);
/// After a failed save, wait this long before trying again.
const RETRY: Duration = Duration::from_secs(2);
/// Events handled before the screen is drawn again, at most, so a flood of input still shows.
const MAX_BATCH: Duration = Duration::from_millis(20);
/// How often notes files are checked for changes made outside kaigi (a sync tool, an editor).
const WATCH: Duration = Duration::from_secs(2);
/// Longest sleep: signals (window closed, kill) are noticed within this.
const MAX_SLEEP: Duration = Duration::from_millis(250);

/// Why the loop ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum End {
    Quit,
    /// SIGHUP, SIGTERM or SIGQUIT.
    Signal,
    /// The terminal went away (or failed) without a signal.
    TerminalGone(String),
}

/// The saver's disk. Debug builds read two variables so end-to-end tests can make the disk fail
/// or crawl for the real binary: KAIGI_DEBUG_DISK_FULL (every write fails with "no space") and
/// KAIGI_DEBUG_SLOW_DISK_MS (every fsync takes that long).
fn io() -> Io {
    #[cfg(debug_assertions)]
    {
        use crate::storage::{Fault, Faults, Op};
        let faults = Faults::new();
        let mut any = false;
        if std::env::var_os("KAIGI_DEBUG_DISK_FULL").is_some() {
            faults.add(Fault::fail(Op::Write, 1, std::io::ErrorKind::StorageFull).sticky());
            any = true;
        }
        if let Some(ms) = std::env::var("KAIGI_DEBUG_SLOW_DISK_MS")
            .ok()
            .and_then(|v| v.parse().ok())
        {
            faults.add(Fault::slow(Op::Fsync, 1, Duration::from_millis(ms)).sticky());
            any = true;
        }
        if any {
            return Io::with_faults(faults);
        }
    }
    Io::real()
}

pub(super) struct Loop<'a> {
    pub terminal: Term,
    pub state: State,
    pub store: &'a Store,
    /// The conference's folder under `conferences/`, where its schedule and stars live.
    pub folder: String,
    pub clock: Clock,
    pub saver: Saver,
    /// Sessions changed since they were last handed to the saver.
    pub dirty: HashSet<String>,
    /// Sessions handed to the saver and not yet confirmed written, by file.
    pub in_flight: HashMap<PathBuf, String>,
    first_change: Option<Instant>,
    last_change: Instant,
    retry_at: Option<Instant>,
    /// A quit asked for while notes are not saved, waiting for a second one to confirm.
    quit_armed: bool,
    /// When to look next for notes files changed outside kaigi.
    next_watch: Instant,
    /// Recovery files to delete once the notes they brought back are saved, by notes file.
    recovered: HashMap<PathBuf, PathBuf>,
    pub signalled: Arc<AtomicBool>,
    /// The data directory's lock, while this kaigi holds it; a read-only kaigi tries to take it
    /// now and then, and may write once it has it.
    pub lock: Option<std::fs::File>,
    /// What this kaigi last wrote to each export file (see `export_day`).
    exported: HashMap<PathBuf, Vec<u8>>,
}

impl<'a> Loop<'a> {
    pub fn new(
        terminal: Term,
        state: State,
        store: &'a Store,
        clock: Clock,
        opened: (String, Seen),
        lock: Option<std::fs::File>,
    ) -> Self {
        let (folder, seen) = opened;
        let signalled = Arc::new(AtomicBool::new(false));
        for sig in [
            signal_hook::consts::SIGHUP,
            signal_hook::consts::SIGTERM,
            signal_hook::consts::SIGQUIT,
        ] {
            // The handler only sets the flag; the loop does the saving.
            let _ = signal_hook::flag::register(sig, Arc::clone(&signalled));
        }
        Loop {
            terminal,
            state,
            store,
            folder,
            clock,
            saver: Saver::spawn_with(io(), seen),
            next_watch: Instant::now() + WATCH,
            dirty: HashSet::new(),
            in_flight: HashMap::new(),
            first_change: None,
            last_change: Instant::now(),
            retry_at: None,
            quit_armed: false,
            recovered: HashMap::new(),
            signalled,
            lock,
            exported: HashMap::new(),
        }
    }

    /// Sessions whose latest notes are not known to be on disk.
    pub fn unsaved(&self) -> HashSet<String> {
        let mut all = self.dirty.clone();
        all.extend(self.in_flight.values().cloned());
        all
    }

    /// Runs until quit, a signal or the terminal going away; then hands every change to the
    /// saver. The caller waits for the saver to finish.
    pub fn run(&mut self) -> End {
        let end = self.turn_until_end();
        self.send_saves();
        end
    }

    fn turn_until_end(&mut self) -> End {
        let mut redraw = true;
        let mut batch_cut = false;
        loop {
            if redraw {
                if let Err(e) = self.draw() {
                    return e;
                }
                redraw = false;
            }
            let batch_start = Instant::now();
            // After a batch cut short, crossterm may hold parsed events while the terminal has
            // nothing more to read: look again at once instead of sleeping on an empty input.
            let wait = if batch_cut {
                Duration::ZERO
            } else {
                self.next_wake()
            };
            let hung_up = match super::terminal::wait_for_input(wait) {
                Ok(super::terminal::Input { hung_up, .. }) => hung_up,
                Err(e) => return End::TerminalGone(e),
            };
            batch_cut = false;
            let mut read_any = false;
            // Whatever is readable now, and whatever crossterm has buffered, without blocking.
            loop {
                match event::poll(Duration::ZERO) {
                    Ok(false) => break,
                    Ok(true) => read_any = true,
                    Err(e) => return End::TerminalGone(e.to_string()),
                }
                let ev = match event::read() {
                    Ok(ev) => ev,
                    Err(e) => return End::TerminalGone(e.to_string()),
                };
                if let Some(action) = to_action(&self.state, ev) {
                    let fx = update(&mut self.state, action);
                    redraw = true;
                    if self.carry_out(fx) {
                        return End::Quit;
                    }
                }
                if batch_start.elapsed() > MAX_BATCH {
                    batch_cut = true;
                    break;
                }
            }
            // The terminal hung up: the keys typed before it did are in (read above); once
            // nothing more comes, it is gone.
            if hung_up && !read_any {
                return End::TerminalGone("the terminal hung up".into());
            }
            // The keys' frame goes out before the bookkeeping below: that is the echo.
            if redraw {
                if let Err(e) = self.draw() {
                    return e;
                }
                redraw = false;
            }
            if self.signalled.load(Ordering::Relaxed) {
                // Keys typed before the signal are notes too.
                self.take_pending_keys();
                return End::Signal;
            }
            match super::terminal::size() {
                Ok(size) if size != self.state.size => {
                    update(&mut self.state, Action::Resize(size.0, size.1));
                    redraw = true;
                }
                Ok(_) => {}
                Err(e) => return End::TerminalGone(e.to_string()),
            }
            let minute = self.state.now.minute();
            update(&mut self.state, Action::Tick(self.clock.now()));
            redraw |= self.state.now.minute() != minute;
            let now = Instant::now();
            if self.save_due(now).is_some_and(|t| t <= now) {
                self.send_saves();
            }
            redraw |= self.collect_outcomes();
            if now >= self.next_watch {
                self.next_watch = now + WATCH;
                redraw |= self.take_lock_if_free();
                redraw |= self.reload_changed_files();
            }
        }
    }

    /// Reads whatever input is already there, without waiting (before leaving on a signal).
    fn take_pending_keys(&mut self) {
        while let Ok(true) = event::poll(Duration::ZERO) {
            let Ok(ev) = event::read() else {
                return;
            };
            if let Some(action) = to_action(&self.state, ev) {
                let fx = update(&mut self.state, action);
                if self.carry_out(fx) {
                    return;
                }
            }
        }
    }

    fn draw(&mut self) -> Result<(), End> {
        self.terminal
            .draw(&self.state)
            .map_err(|e| End::TerminalGone(e.to_string()))
    }

    /// Files changed outside kaigi while nothing is unsaved here are read again: a session's
    /// notes (a sync tool, another laptop), the schedule (`kaigi import`), the stars. With
    /// changes on both sides the saver keeps theirs as a conflict copy when ours is written.
    fn reload_changed_files(&mut self) -> bool {
        if !self.dirty.is_empty() || !self.in_flight.is_empty() {
            return false;
        }
        let mut any = false;
        let schedule = self.store.schedule_path(&self.folder);
        let stars = self.store.stars_path(&self.state.conference.id);
        let mut changed = self.saver.changed_on_disk();
        changed.extend(self.new_notes_files());
        for path in changed {
            any = true;
            if path == schedule || path == stars {
                self.reread(&path, false);
                continue;
            }
            if !is_notes_file(&path) {
                continue;
            }
            if !path.exists() {
                self.notes_deleted(&path);
                continue;
            }
            let Ok((file, stamp)) = self.store.read_notes_file(&path) else {
                continue;
            };
            self.saver.expect(path.clone(), stamp);
            if file.conference != self.state.conference.id
                || path != self.store.notes_path(&file.conference, &file.session)
            {
                // A copy that appeared beside a session's notes: listed for merging.
                self.copy_found(&path);
                continue;
            }
            self.saver.reloaded(path.clone());
            let outline = file.outline(self.state.local_now());
            let fx = update(
                &mut self.state,
                Action::ReloadNotes {
                    session: file.session.clone(),
                    outline,
                    meta: file.meta(),
                },
            );
            self.carry_out(fx);
        }
        any
    }

    /// Files in the conference's notes folder that the saver knows nothing of: a session's notes
    /// another laptop made, or a copy a sync tool left.
    fn new_notes_files(&self) -> Vec<PathBuf> {
        let dir = self
            .store
            .conference_dir(&self.state.conference.id)
            .join("notes");
        let Ok(entries) = std::fs::read_dir(dir) else {
            return Vec::new();
        };
        let mut found: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.extension().is_some_and(|e| e == "json")
                    && !p
                        .file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
                    && self.saver.stamp(p).is_none()
                    && !self.state.copies.iter().any(|c| c.path == *p)
            })
            .collect();
        found.sort();
        found
    }

    /// A session's notes file vanished (deleted by hand, by a sync tool): the notes on screen are
    /// written again, so that they are in a file whatever happened.
    fn notes_deleted(&mut self, path: &std::path::Path) {
        let conference = self.state.conference.id.clone();
        let session = self
            .state
            .notes
            .keys()
            .find(|id| self.store.notes_path(&conference, id) == path)
            .cloned();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let Some(id) = session else {
            return;
        };
        if self.store.is_read_only() {
            // Said once: what the saver knows of the file goes with it.
            self.saver.forget(path);
            let text = format!("{name} was deleted outside kaigi; its notes are still on screen");
            self.notify(text, true);
            return;
        }
        self.dirty.insert(id);
        self.first_change = Some(Instant::now() - MAX_UNSAVED);
        let text = format!("{name} was deleted outside kaigi: written again from the notes here");
        self.notify(text, true);
    }

    /// A kaigi read-only because another one held the data directory takes the lock once that
    /// one has quit, and may write from then on. Whether anything changed.
    fn take_lock_if_free(&mut self) -> bool {
        if self.lock.is_some() || !self.store.is_read_only() {
            return false;
        }
        let Ok(Some(file)) = super::lock(self.store) else {
            return false;
        };
        self.lock = Some(file);
        self.store.make_writable();
        // A schedule from a newer kaigi keeps the conference read-only all the same.
        if self.state.read_only_reason == super::OTHER_KAIGI {
            update(&mut self.state, Action::BecameWritable);
        }
        true
    }

    /// Reads the schedule or the stars again after they changed on disk (`refused`: a write of
    /// ours was turned down because of it), and hands them to `update` to merge.
    fn reread(&mut self, path: &std::path::Path, refused: bool) {
        let schedule = self.store.schedule_path(&self.folder);
        let stars = self.store.stars_path(&self.state.conference.id);
        let action = if path == schedule {
            match self.store.read_schedule(&self.folder) {
                Ok((file, stamp)) => {
                    self.saver.expect(schedule, stamp);
                    Action::ScheduleChanged {
                        file,
                        refused_ours: refused,
                    }
                }
                Err(e) => {
                    // Shown once: what is on disk now is what we know of.
                    if let Some(stamp) = Store::stamp(&schedule) {
                        self.saver.expect(schedule, stamp);
                    }
                    Action::Notify {
                        text: format!(
                            "The schedule changed on disk and cannot be read ({e}); showing the one read before"
                        ),
                        notice: true,
                    }
                }
            }
        } else if path == stars {
            let (starred, stamp) = self.store.read_stars(&self.state.conference.id);
            if let Some(stamp) = stamp {
                self.saver.expect(stars, stamp);
            }
            Action::StarsChanged {
                starred,
                refused_ours: refused,
            }
        } else {
            return;
        };
        let fx = update(&mut self.state, action);
        self.carry_out(fx);
    }

    /// When the pending changes should be saved.
    fn save_due(&self, now: Instant) -> Option<Instant> {
        let first = self.first_change?;
        let due = (self.last_change + IDLE_SAVE).min(first + MAX_UNSAVED);
        Some(due.max(self.retry_at.unwrap_or(now)))
    }

    /// How long to sleep: until the clock shows a new minute or a save is due, and never long
    /// enough to miss a signal or the saver's answer by much.
    fn next_wake(&self) -> Duration {
        let s = &self.state.now;
        let into_minute = u64::from(s.second()) * 1000 + u64::from(s.timestamp_subsec_millis());
        let mut wait = Duration::from_millis(60_000u64.saturating_sub(into_minute).max(50));
        wait = wait.min(MAX_SLEEP);
        if !self.saver.idle() {
            wait = wait.min(Duration::from_millis(50));
        }
        let now = Instant::now();
        if let Some(due) = self.save_due(now) {
            wait = wait.min(due.saturating_duration_since(now));
        }
        wait
    }

    /// Does what an update asks for; returns whether to quit now.
    fn carry_out(&mut self, fx: Effects) -> bool {
        let store = self.store;
        if fx.repaint {
            self.terminal.invalidate();
        }
        if fx.save_stars {
            let (path, bytes) = store.stars_file(&self.state.conference.id, &self.state.starred);
            self.send(Job::write(path, Contents::Bytes(bytes)));
        }
        if fx.save_schedule {
            let (_, bytes) = store.schedule_file(&self.state.conference);
            let path = store.schedule_path(&self.folder);
            self.send(Job::write(path, Contents::Bytes(bytes)));
        }
        if let Some(ours) = fx.keep_ours.clone().map(|b| *b) {
            let path = store.notes_path(&ours.conference, &ours.session);
            self.send(Job {
                path,
                contents: Contents::Outline(ours),
                mode: Mode::CopyBeside,
            });
        }
        if fx.list_conferences {
            let (items, problems) = store.summaries();
            update(&mut self.state, Action::ConferencesListed(items));
            if !problems.is_empty() {
                self.notify(problems.join("; "), false);
            }
        }
        if let Some(job) = &fx.export {
            match super::export_day(store, &self.state, job, &mut self.exported) {
                Ok(super::Exported::Written(path)) => {
                    self.notify(format!("Exported to {}", path.display()), false);
                }
                Ok(super::Exported::Exists) => {
                    update(&mut self.state, Action::ExportExists(job.path.clone()));
                }
                Err(e) => self.notify(format!("Export failed: {e}"), true),
            }
        }
        if fx.list_foreign_followups {
            let items = crate::storage::others::foreign_followups(
                store,
                &self.state.conference.id,
                self.state.now,
            );
            update(&mut self.state, Action::ForeignFollowUps(items));
        }
        if let Some(folder) = &fx.open_conference {
            self.switch_conference(folder);
            if let Some((session, bullet)) = fx.then_jump.clone() {
                update(&mut self.state, Action::JumpTo { session, bullet });
            }
        }
        let now = Instant::now();
        for (id, recovery) in &fx.restored {
            let path = self.store.notes_path(&self.state.conference.id, id);
            self.recovered.insert(path, recovery.clone());
            self.dirty.insert(id.clone());
            self.first_change = Some(now - MAX_UNSAVED);
        }
        if let Some(id) = &fx.changed {
            self.dirty.insert(id.clone());
            self.first_change.get_or_insert(now);
            self.last_change = now;
        }
        if fx.flush && !self.dirty.is_empty() {
            self.first_change = Some(now - MAX_UNSAVED);
            self.retry_at = None;
        }
        if !fx.quit {
            self.quit_armed = false;
            return false;
        }
        if matches!(self.state.save, SaveStatus::Failed(_)) && !self.quit_armed {
            self.quit_armed = true;
            self.notify(
                "Quit again to leave: notes go to a fallback file and are printed".into(),
                true,
            );
            return false;
        }
        true
    }

    /// Hands every changed session to the saver.
    pub fn send_saves(&mut self) {
        let saved_at = self.state.local_now();
        let conference = self.state.conference.id.clone();
        for id in std::mem::take(&mut self.dirty) {
            let outline = self.state.notes.get(&id).map(|e| &e.outline);
            let meta = self.state.session_meta.get(&id);
            if outline.is_none() && meta.is_none() {
                continue;
            }
            let snapshot = Snapshot {
                conference: conference.clone(),
                session: id.clone(),
                outline: outline.cloned().unwrap_or_else(|| Outline::new(saved_at)),
                meta: meta.cloned().unwrap_or_default(),
                saved_at,
            };
            let path = self.store.notes_path(&conference, &id);
            self.in_flight.insert(path.clone(), id);
            self.saver
                .send(Job::write(path, Contents::Outline(snapshot)));
        }
        self.first_change = None;
    }

    /// A notes file is safely written: a recovery file that brought its notes back can go.
    pub fn saved(&mut self, path: &std::path::Path) {
        if let Some(recovery) = self.recovered.remove(path) {
            let _ = std::fs::remove_file(recovery);
        }
    }

    /// Takes in the saver's answers; whether the screen needs drawing.
    fn collect_outcomes(&mut self) -> bool {
        let outcomes = self.saver.poll();
        let any = !outcomes.is_empty();
        for o in outcomes {
            if o.refused {
                // The schedule or the stars changed on disk since read: merge, then write again.
                self.reread(&o.path.clone(), true);
                continue;
            }
            if let Some(copy) = &o.copy {
                self.copy_found(copy);
                continue;
            }
            let session = self.in_flight.remove(&o.path);
            for copy in &o.conflicts {
                self.copy_found(copy);
                let name = copy.file_name().unwrap_or_default().to_string_lossy();
                self.notify(
                    format!(
                        "Notes changed outside kaigi too: yours saved, theirs kept as {name} \
                         (R merges)"
                    ),
                    true,
                );
            }
            if let (Some(v), Some(id)) = (o.too_new, &session) {
                // A newer kaigi wrote this file meanwhile: never write over it, stop retrying.
                let why = format!(
                    "{} is from a newer kaigi (version {v}): this session is read-only now",
                    o.path.display()
                );
                update(
                    &mut self.state,
                    Action::LockSession {
                        session: id.clone(),
                        why,
                    },
                );
                continue;
            }
            match o.result {
                Ok(()) => {
                    self.saved(&o.path);
                    if self.dirty.is_empty() && self.in_flight.is_empty() && self.saver.idle() {
                        update(&mut self.state, Action::Saved(Ok(())));
                        self.retry_at = None;
                    }
                }
                Err(e) => {
                    // Keep the notes and try again: a full disk or a read-only mount may pass.
                    if let Some(id) = session {
                        self.dirty.insert(id);
                        self.first_change.get_or_insert(Instant::now());
                        self.retry_at = Some(Instant::now() + RETRY);
                    }
                    update(&mut self.state, Action::Saved(Err(e)));
                }
            }
        }
        any
    }

    /// Hands a file to the saver; a read-only kaigi writes nothing.
    fn send(&mut self, job: Job) {
        if !self.store.is_read_only() {
            self.saver.send(job);
        }
    }

    /// A copy of notes was written beside a session's file: list it for merging.
    fn copy_found(&mut self, path: &std::path::Path) {
        if let Ok(copy) = self.store.read_copy(path, self.state.local_now()) {
            update(&mut self.state, Action::CopyFound(copy));
        }
    }

    /// Says something in the status bar (and the log), through `update`.
    fn notify(&mut self, text: String, notice: bool) {
        update(&mut self.state, Action::Notify { text, notice });
    }

    /// Saves everything of the current conference, then shows the one in `folder`.
    fn switch_conference(&mut self, folder: &str) {
        self.send_saves();
        let failed: Vec<String> = self
            .saver
            .wait_idle()
            .into_iter()
            .filter_map(|o| {
                self.in_flight.remove(&o.path);
                o.result.err()
            })
            .collect();
        if !failed.is_empty() {
            let text = format!(
                "Not switching: notes could not be saved: {}",
                failed.join("; ")
            );
            self.notify(text, true);
            return;
        }
        match super::open_folder(self.store, folder, None, self.state.now, self.state.size) {
            Ok((mut next, seen, problems)) => {
                if !problems.is_empty() {
                    next.notice(problems.join("; "));
                }
                next.color = self.state.color;
                if self.state.read_only && !next.read_only {
                    next.read_only = true;
                    next.read_only_reason = self.state.read_only_reason.clone();
                }
                let mut log = std::mem::take(&mut self.state.log);
                log.append(&mut next.log);
                next.log = log;
                self.state = next;
                self.folder = folder.to_string();
                self.saver.forget_all();
                self.saver.expect_all(seen);
            }
            Err(e) => self.notify(format!("{e:#}"), true),
        }
    }
}
