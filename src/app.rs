//! The app's edge: opening the data directory, setting up and restoring the terminal (also on
//! error and panic), and the event loop that turns terminal events into actions, runs `update`,
//! draws, and carries out the effects: debounced saving off the input path, and quitting.

use std::collections::HashSet;
use std::io::{Stdout, stdout};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use chrono::{DateTime, Timelike, Utc};
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEventKind, MouseButton, MouseEventKind,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::action::Action;
use crate::cli::Cli;
use crate::keymap::{self, Mode};
use crate::outline::Outline;
use crate::outline::file::{NotesFile, SessionMeta};
use crate::saver::{Contents, Job, Saver};
use crate::schedule::Conference;
use crate::state::State;
use crate::storage::Store;
use crate::ui;
use crate::update::{Effects, update};

/// A pause in typing this long saves.
const IDLE_SAVE: Duration = Duration::from_millis(300);
/// Continuous typing still saves this often, so a crash loses at most about a second.
const MAX_UNSAVED: Duration = Duration::from_secs(1);
/// Events handled before the screen is drawn again, at most, so a flood of input still shows.
const MAX_BATCH: Duration = Duration::from_millis(20);

/// The wall clock, or a pretend one that starts at `--now` and runs from there.
#[derive(Clone, Copy)]
struct Clock {
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

pub fn run(cli: Cli) -> anyhow::Result<()> {
    let clock = Clock {
        start: Instant::now(),
        fixed: cli.now.map(|t| t.with_timezone(&Utc)),
    };
    let store = Store::open(cli.data_dir)?;
    let now = clock.now();
    let folder = choose_conference(&store, cli.conference.as_deref(), now)?;
    let size = crossterm::terminal::size().unwrap_or((80, 24));
    let mut state = load_state(&store, &folder, now, size)?;
    let mut terminal = setup_terminal().context("could not set up the terminal")?;
    // crossterm starts listening for window-size changes at its first poll: start it now, then
    // read the size, so a resize while starting up is not lost.
    event::poll(Duration::ZERO)?;
    let size = terminal.size()?;
    update(&mut state, Action::Resize(size.width, size.height));
    let result = event_loop(&mut terminal, &mut state, &store, clock);
    restore_terminal();
    result
}

/// The conference folder to open: the one asked for; else the one on today; else the one
/// opened or imported last; else the first. With none at all, the bundled sample is copied in so
/// that notes taken on it have a home.
pub(crate) fn choose_conference(
    store: &Store,
    requested: Option<&str>,
    now: DateTime<Utc>,
) -> anyhow::Result<String> {
    if let Some(id) = requested {
        return store.find_conference(id).with_context(|| {
            format!(
                "no conference {id:?} in {} (`kaigi list` shows them)",
                store.root().display()
            )
        });
    }
    let folders = store.conference_folders();
    if folders.is_empty() {
        let sample = Conference::sample();
        store.save_conference(&sample)?;
        return Ok(crate::storage::file_stem(&sample.id));
    }
    let on_today = folders.iter().find(|f| {
        store.load_conference(f).is_ok_and(|c| {
            let today = c.local(&now).date_naive();
            c.days().contains(&today)
        })
    });
    let last = store.last_conference().filter(|l| folders.contains(l));
    Ok(on_today
        .cloned()
        .or(last)
        .unwrap_or_else(|| folders[0].clone()))
}

/// Everything the app shows for the conference in `folder`: schedule, notes, stars.
fn load_state(
    store: &Store,
    folder: &str,
    now: DateTime<Utc>,
    size: (u16, u16),
) -> anyhow::Result<State> {
    let conference = store.load_conference(folder)?;
    let local = now.with_timezone(&conference.tz).fixed_offset();
    let loaded = store.load_notes(&conference.id, local);
    let mut problems = loaded.problems;
    let stars = store.load_stars(&conference.id);
    if let Err(e) = store.set_last_conference(folder) {
        problems.push(e.to_string());
    }
    let mut state = State::new(conference, loaded.outlines, now, size)
        .with_stars(stars)
        .with_meta(loaded.meta);
    state.export_dir = store.root().join("exports");
    state.color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    if !problems.is_empty() {
        state.message = Some(problems.join("; "));
    }
    Ok(state)
}

type Term = Terminal<CrosstermBackend<Stdout>>;

fn setup_terminal() -> std::io::Result<Term> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));
    enable_raw_mode()?;
    execute!(
        stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste,
        EnableMouseCapture
    )?;
    Terminal::new(CrosstermBackend::new(stdout()))
}

/// Puts the terminal back as it was. Safe to call more than once.
fn restore_terminal() {
    let _ = execute!(
        stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    let _ = disable_raw_mode();
}

/// Sessions changed since they were last handed to the saver.
struct Pending {
    dirty: HashSet<String>,
    first: Option<Instant>,
    last: Instant,
}

impl Pending {
    fn due(&self, now: Instant) -> Option<Instant> {
        let first = self.first?;
        Some((self.last + IDLE_SAVE).min(first + MAX_UNSAVED).max(now))
    }
}

fn event_loop(
    terminal: &mut Term,
    state: &mut State,
    store: &Store,
    clock: Clock,
) -> anyhow::Result<()> {
    let mut saver = Saver::spawn();
    let mut pending = Pending {
        dirty: HashSet::new(),
        first: None,
        last: Instant::now(),
    };
    let mut quit = false;
    let mut redraw = true;
    while !quit {
        if redraw {
            terminal.draw(|f| ui::render(state, f))?;
            redraw = false;
        }
        let mut timeout = next_wake(state, &pending);
        if !saver.idle() {
            // The saver cannot wake the loop; look again soon to show "saved".
            timeout = timeout.min(Duration::from_millis(50));
        }
        let batch_start = Instant::now();
        let mut wait = timeout;
        while event::poll(wait)? {
            let ev = event::read()?;
            if let Some(action) = to_action(state, ev) {
                let fx = update(state, action);
                redraw = true;
                quit |= carry_out(fx, state, store, &mut pending, &mut saver);
            }
            if quit || batch_start.elapsed() > MAX_BATCH {
                break;
            }
            wait = Duration::ZERO;
        }
        let size = terminal.size()?;
        if (size.width, size.height) != state.size {
            update(state, Action::Resize(size.width, size.height));
            redraw = true;
        }
        let minute = state.now.minute();
        update(state, Action::Tick(clock.now()));
        redraw |= state.now.minute() != minute;
        let now = Instant::now();
        if pending.due(now).is_some_and(|t| t <= now) || (quit && !pending.dirty.is_empty()) {
            send_saves(state, store, &mut pending, &mut saver);
        }
        for outcome in saver.poll() {
            redraw = true;
            report(state, outcome.result, &pending, &saver, &outcome.path);
        }
    }
    let mut failures = Vec::new();
    for outcome in saver.finish() {
        if let Err(e) = outcome.result {
            failures.push(format!("{}: {e}", outcome.path.display()));
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        anyhow::bail!("notes could not be saved: {}", failures.join("; "))
    }
}

/// How long the loop may sleep: until the clock shows a new minute or a save is due.
fn next_wake(state: &State, pending: &Pending) -> Duration {
    let into_minute =
        u64::from(state.now.second()) * 1000 + u64::from(state.now.timestamp_subsec_millis());
    let mut wait = Duration::from_millis(60_000u64.saturating_sub(into_minute).max(50));
    let now = Instant::now();
    if let Some(due) = pending.due(now) {
        wait = wait.min(due - now);
    }
    wait
}

fn to_action(state: &State, ev: Event) -> Option<Action> {
    match ev {
        Event::Key(k) if k.kind == KeyEventKind::Press => {
            let mode = if state.prompt.is_some() {
                Mode::Prompt
            } else if state.picker.is_some() {
                Mode::Picker
            } else {
                Mode::Pane(state.focus)
            };
            let action = keymap::action_for(mode, k);
            // Any key closes the help, even one bound to nothing.
            if state.help {
                action.or(Some(Action::ToggleHelp))
            } else {
                action
            }
        }
        Event::Paste(text) => Some(Action::Paste(text)),
        Event::Resize(w, h) => Some(Action::Resize(w, h)),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                col: m.column,
                row: m.row,
            }),
            MouseEventKind::ScrollUp => Some(Action::Scroll {
                col: m.column,
                row: m.row,
                rows: -3,
            }),
            MouseEventKind::ScrollDown => Some(Action::Scroll {
                col: m.column,
                row: m.row,
                rows: 3,
            }),
            _ => None,
        },
        _ => None,
    }
}

/// Does what an update asks for; returns whether to quit.
fn carry_out(
    fx: Effects,
    state: &mut State,
    store: &Store,
    pending: &mut Pending,
    saver: &mut Saver,
) -> bool {
    if fx.save_stars {
        let (path, bytes) = store.stars_file(&state.conference.id, &state.starred);
        saver.send(Job {
            path,
            contents: Contents::Bytes(bytes),
        });
    }
    if fx.save_schedule {
        let (path, bytes) = store.schedule_file(&state.conference);
        saver.send(Job {
            path,
            contents: Contents::Bytes(bytes),
        });
    }
    if fx.list_conferences {
        let (items, problems) = store.summaries();
        update(state, Action::ConferencesListed(items));
        if !problems.is_empty() {
            state.message = Some(problems.join("; "));
        }
    }
    if let Some(path) = &fx.export {
        state.message = Some(match export_day(state, path) {
            Ok(()) => format!("Exported to {}", path.display()),
            Err(e) => format!("Export failed: {e}"),
        });
    }
    if fx.list_foreign_followups {
        let items = crate::commands::foreign_followups(store, &state.conference.id, state.now);
        update(state, Action::ForeignFollowUps(items));
    }
    if let Some(folder) = &fx.open_conference {
        switch_conference(state, store, pending, saver, folder);
        if let Some((session, bullet)) = fx.then_jump.clone() {
            update(state, Action::JumpTo { session, bullet });
        }
    }
    record(&fx, pending)
}

/// Saves everything of the current conference, then shows the one in `folder`.
fn switch_conference(
    state: &mut State,
    store: &Store,
    pending: &mut Pending,
    saver: &mut Saver,
    folder: &str,
) {
    send_saves(state, store, pending, saver);
    let failed: Vec<String> = saver
        .wait_idle()
        .into_iter()
        .filter_map(|o| o.result.err())
        .collect();
    if !failed.is_empty() {
        state.message = Some(format!(
            "Not switching: notes could not be saved: {}",
            failed.join("; ")
        ));
        return;
    }
    match load_state(store, folder, state.now, state.size) {
        Ok(mut next) => {
            next.color = state.color;
            *state = next;
        }
        Err(e) => state.message = Some(format!("{e:#}")),
    }
}

/// Writes the day shown as Markdown to `path`.
fn export_day(state: &State, path: &std::path::Path) -> Result<(), crate::storage::StorageError> {
    let outlines: std::collections::HashMap<String, &Outline> = state
        .notes
        .iter()
        .map(|(k, e)| (k.clone(), &e.outline))
        .collect();
    let notes = crate::export::Notes {
        outlines: &outlines,
        meta: &state.session_meta,
    };
    let day = state
        .conference
        .days()
        .get(state.day)
        .copied()
        .unwrap_or_default();
    let opts = crate::export::Options {
        days: crate::export::Days::One(day),
        session: None,
        followups_section: true,
        timestamps: false,
        lang: crate::export::Lang::En,
    };
    let md = crate::export::markdown(&state.conference, &notes, &opts);
    crate::storage::write_atomic(path, md.as_bytes())
}

/// Records which notes changed, for the debounced save; returns whether to quit.
fn record(fx: &Effects, pending: &mut Pending) -> bool {
    let now = Instant::now();
    if let Some(id) = &fx.changed {
        pending.dirty.insert(id.clone());
        pending.first.get_or_insert(now);
        pending.last = now;
    }
    if fx.flush && !pending.dirty.is_empty() {
        pending.first = Some(now - MAX_UNSAVED);
    }
    fx.quit
}

fn send_saves(state: &State, store: &Store, pending: &mut Pending, saver: &mut Saver) {
    let saved_at = state.local_now();
    let empty = Outline::new(saved_at);
    let no_meta = SessionMeta::default();
    for id in pending.dirty.drain() {
        let outline = state.notes.get(&id).map(|e| &e.outline);
        let meta = state.session_meta.get(&id);
        if outline.is_some() || meta.is_some() {
            let (outline, meta) = (outline.unwrap_or(&empty), meta.unwrap_or(&no_meta));
            let file = NotesFile::new(&state.conference.id, &id, outline, meta, saved_at);
            let path = store.notes_path(&state.conference.id, &id);
            saver.send(Job {
                path,
                contents: Contents::Notes(file),
            });
        }
    }
    pending.first = None;
}

fn report(
    state: &mut State,
    result: Result<(), String>,
    pending: &Pending,
    saver: &Saver,
    path: &std::path::Path,
) {
    match result {
        Err(e) => {
            update(
                state,
                Action::Saved(Err(format!("{}: {e}", path.display()))),
            );
        }
        Ok(()) if pending.dirty.is_empty() && saver.idle() => {
            update(state, Action::Saved(Ok(())));
        }
        Ok(()) => {}
    }
}
