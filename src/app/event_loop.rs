//! The event loop: it draws, waits for a terminal event (or the clock, a due save, a signal),
//! turns events into actions for `update`, and carries out the effects (`effects.rs`). Notes are
//! saved off the input path, when `autosave` says; files changed outside kaigi are looked at
//! every two seconds (`outside.rs`).

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use chrono::Timelike;
use crossterm::event;

use super::autosave::Autosave;
use super::terminal::{Term, to_action};
use super::{Clock, Seen};
use crate::action::Action;
use crate::state::State;
use crate::storage::saver::Saver;
use crate::storage::{Io, Store};
use crate::update::update;

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
    /// When notes go to the saver, and which are not on disk yet.
    pub autosave: Autosave,
    /// When to look next for notes files changed outside kaigi.
    next_watch: Instant,
    pub signalled: Arc<AtomicBool>,
    /// The data directory's lock, while this kaigi holds it; a read-only kaigi tries to take it
    /// now and then, and may write once it has it.
    pub lock: Option<std::fs::File>,
    /// A download of the schedule on its way (F5).
    pub refreshing: Option<std::sync::mpsc::Receiver<crate::fetch::Answer>>,
    /// The other sessions' notes, being read after the first frame (`loading.rs`).
    pub loading: Option<super::open::Loading>,
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
            autosave: Autosave::default(),
            signalled,
            lock,
            refreshing: None,
            loading: None,
        }
    }

    /// Sessions whose latest notes are not known to be on disk.
    pub fn unsaved(&self) -> HashSet<String> {
        self.autosave.unsaved()
    }

    /// Runs until quit, a signal or the terminal going away; then hands every change to the
    /// saver. The caller waits for the saver to finish.
    pub fn run(&mut self) -> End {
        let end = self.turn_until_end();
        let all = self.autosave.take();
        self.send_saves(all);
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
                    self.before(&action);
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
            redraw |= self.poll_loading();
            let minute = self.state.now.minute();
            let fx = update(&mut self.state, Action::Tick(self.clock.now()));
            if let Some(text) = &fx.remind {
                super::terminal::notify(text);
                redraw = true;
            }
            redraw |= self.state.now.minute() != minute;
            let now = Instant::now();
            let due = self.autosave.poll(now);
            self.send_saves(due);
            redraw |= self.collect_outcomes();
            redraw |= self.poll_refresh();
            if now >= self.next_watch && self.loading.is_none() {
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
                self.before(&action);
                let fx = update(&mut self.state, action);
                if self.carry_out(fx) {
                    return;
                }
            }
        }
    }

    pub(super) fn draw(&mut self) -> Result<(), End> {
        self.terminal
            .draw(&self.state)
            .map_err(|e| End::TerminalGone(e.to_string()))
    }

    /// How long to sleep: until the clock shows a new minute or a save is due, and never long
    /// enough to miss a signal or the saver's answer by much.
    fn next_wake(&self) -> Duration {
        let s = &self.state.now;
        let into_minute = u64::from(s.second()) * 1000 + u64::from(s.timestamp_subsec_millis());
        let mut wait = Duration::from_millis(60_000u64.saturating_sub(into_minute).max(50));
        wait = wait.min(MAX_SLEEP);
        if self.loading.is_some() {
            wait = wait.min(Duration::from_millis(2));
        }
        if !self.saver.idle() || self.refreshing.is_some() {
            wait = wait.min(Duration::from_millis(50));
        }
        let now = Instant::now();
        if let Some(due) = self.autosave.due(now) {
            wait = wait.min(due.saturating_duration_since(now));
        }
        wait
    }
}

impl Loop<'_> {
    /// Waits for every save; returns the sessions whose notes are still not on disk.
    pub fn finish(&mut self) -> HashSet<String> {
        // The thread may be moving an unreadable file aside: it ends before kaigi does.
        if let Some(loading) = self.loading.take() {
            let _ = loading.finish(&mut self.state);
        }
        self.write_out();
        self.unsaved()
    }
}
