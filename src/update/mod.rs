//! `update(&mut State, Action) -> Effects`: the only place state changes. It does no I/O; what
//! must happen outside (save these notes, the stars, the schedule; switch conference; quit) comes
//! back as [`Effects`] for the app loop.

mod browse;
mod copies;
mod export;
pub use export::{ExportJob, file_name as export_name};
mod followups;
mod form;
mod grid;
mod line;
mod moving;
mod notes;
mod outside;
mod overlays;
mod rooms;
mod schedule;
mod system;

use crate::action::{Action, Pane};
use crate::state::{Keyboard, State};

/// What the app loop must do after an update.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Effects {
    /// The notes of this session changed: save them soon.
    pub changed: Option<String>,
    /// Notes of ours that a reload from disk replaced: write them as a conflict copy beside
    /// their session's file, so they are in a file as well as in the undo history.
    pub keep_ours: Option<Box<crate::model::outline::file::Snapshot>>,
    /// These sessions' notes changed too (follow-ups resolved by a schedule): save them soon.
    pub also_changed: Vec<String>,
    /// Notes moved between these sessions: write the first (which gained them) before the
    /// second (which lost them), so that a crash between leaves them in one file at least.
    pub moved: Option<(String, String)>,
    /// Save every pending change now (leaving a session, quitting).
    pub flush: bool,
    /// The starred sessions changed: save them.
    pub save_stars: bool,
    /// The schedule changed (an ad-hoc session was added): save it.
    pub save_schedule: bool,
    /// List the conferences in the data directory for the picker.
    pub list_conferences: bool,
    /// Open the conference in this folder instead of the current one.
    pub open_conference: Option<String>,
    /// After opening it, show this session (and bullet).
    pub then_jump: Option<(String, Option<u64>)>,
    /// Notes merged from these recovery files: save them, then delete the files.
    pub restored: Vec<(String, std::path::PathBuf)>,
    /// A merge of such a file was undone: keep the file (write it back if it went).
    pub unrestored: Option<Box<crate::storage::NotesCopy>>,
    /// Write the export asked for in the dialog.
    pub export: Option<ExportJob>,
    /// List the files and folders whose names start as this path's last part does.
    pub complete_path: Option<String>,
    /// Delete this session, keeping its notes (if any) in a file to restore them from first.
    pub delete_session: Option<DeleteJob>,
    /// Download the schedule again from its URL.
    pub refresh: bool,
    /// Make this conference, then open it.
    pub make_conference: Option<NewConference>,
    /// Collect the follow-ups of the other conferences for the list.
    pub list_foreign_followups: bool,
    /// Clear the terminal and draw everything again.
    pub repaint: bool,
    /// Ring the bell and send this as a desktop notification (a starred session is near).
    pub remind: Option<String>,
    pub quit: bool,
}

/// A session to delete, and its notes as they stand.
#[derive(Debug, Clone, PartialEq)]
pub struct DeleteJob {
    pub session: crate::model::schedule::Session,
    pub notes: Option<crate::model::outline::file::Snapshot>,
}

/// A conference to make, from the picker's "New conference…".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewConference {
    pub name: String,
    pub dates: crate::model::schedule::Dates,
    pub tz: chrono_tz::Tz,
    /// The id asked for; else one is derived from the name.
    pub id: Option<String>,
}

/// Applies `action` to `state`. What the Schedule and Follow-ups panes read is
/// [`Tracked`](crate::state::Tracked): changing it renews the pane's revision by itself.
pub fn update(state: &mut State, action: Action) -> Effects {
    apply(state, action)
}

/// Whether `action` changes the notes in the editor.
fn changes_notes(action: &Action) -> bool {
    use Action::*;
    matches!(
        action,
        Insert(_)
            | Paste(_)
            | Split
            | Backspace
            | Delete
            | DeleteWord
            | Indent
            | Outdent
            | MoveUp
            | MoveDown
            | Collapse
            | Expand
            | CycleFollowUp
            | ToggleParagraph
            | Undo
            | Redo
            | DeleteBranch
            | CutBranch
            | PasteBranch
    )
}

fn apply(state: &mut State, action: Action) -> Effects {
    // A message stays until the person does something; the clock, the terminal and the app's
    // edge reporting in do not clear it.
    match action {
        Action::Tick(now) => {
            state.now = now;
            return remind(state);
        }
        Action::Resize(w, h) => {
            state.size = (w, h);
            schedule::keep_selection_visible(state);
            notes::keep_cursor_visible(state);
            return Effects::default();
        }
        Action::System(event) => return system::happened(state, event),
        _ => state.key_pressed(),
    }
    if action != Action::DeleteSession {
        state.overlays.confirm_delete = None;
    }
    match action {
        Action::JumpTo { session, bullet } => {
            followups::jump(state, &session, bullet);
            return Effects::default();
        }
        Action::Quit => return quit(),
        Action::Repaint => {
            return Effects {
                repaint: true,
                ..Effects::default()
            };
        }
        _ => {}
    }
    let keyboard = state.keyboard();
    match keyboard {
        Keyboard::Help => {
            help(state, &action);
            return Effects::default();
        }
        Keyboard::Log => {
            log(state, &action);
            return Effects::default();
        }
        // Prompts and the picker only read (a filter, a search) or were refused when opened (a
        // new session's title, links): typing in them changes nothing on disk.
        Keyboard::Picker => return overlays::picker(state, action),
        Keyboard::Prompt => return overlays::prompt(state, action),
        Keyboard::Form => return form::key(state, action),
        Keyboard::Copies | Keyboard::Pane(_) => {}
    }
    if state.access.read_only && changes_data(&action) {
        state.say(rust_i18n::t!("msg.read_only"));
        return Effects::default();
    }
    let locked = state
        .selected_session()
        .is_some_and(|s| state.access.locked_sessions.contains(&s.id));
    if locked && changes_data(&action) && !matches!(action, Action::ToggleStar | Action::NewSession)
    {
        state.say(rust_i18n::t!("msg.locked_newer"));
        return Effects::default();
    }
    if keyboard == Keyboard::Copies {
        return copies::list(state, action);
    }
    let mut fx = Effects::default();
    match action {
        Action::ToggleHelp => {
            state.overlays.help = true;
            state.overlays.help_scroll = 0;
        }
        Action::Focus(Pane::Notes) | Action::OpenNotes => notes::open(state),
        Action::Focus(pane) => {
            fx.flush = state.focus == Pane::Notes;
            state.focus = pane;
        }
        Action::LeaveNotes => {
            state.focus = Pane::Schedule;
            fx.flush = true;
        }
        Action::SelectNext | Action::SelectPrev if in_grid(state) => {
            grid::step(state, true, action == Action::SelectNext);
        }
        Action::NextDay | Action::PrevDay if in_grid(state) => {
            grid::step(state, false, action == Action::NextDay);
        }
        Action::SelectNext => select(state, 1),
        Action::SelectPrev => select(state, -1),
        Action::NextDay | Action::DayAfter => browse::change_day(state, 1),
        Action::PrevDay | Action::DayBefore => browse::change_day(state, -1),
        Action::ToggleGrid => grid::toggle(state),
        Action::PageUp | Action::PageDown if state.focus == Pane::Schedule => {
            browse::page(state, action == Action::PageDown);
        }
        Action::First | Action::Last if state.focus == Pane::Schedule => {
            browse::ends(state, action == Action::Last);
        }
        Action::ToggleStar => return schedule::toggle_star(state),
        Action::ToggleMySchedule => schedule::toggle_my_schedule(state),
        Action::StartFilter => overlays::start_filter(state),
        Action::CycleRoom => rooms::start(state),
        Action::ToggleDetails => {
            state.details = !state.details;
            notes::keep_cursor_visible(state);
        }
        Action::JumpToNow => schedule::jump_to_now(state),
        Action::NewSession => form::open_new_session(state),
        Action::EditSession => form::open_edit(state),
        Action::RefreshSchedule => fx.refresh = true,
        Action::DeleteSession => return schedule::delete_session(state),
        Action::MoveBranchTo => moving::start(state, false),
        Action::MoveAllTo => moving::start(state, true),
        Action::OpenPicker => fx.list_conferences = true,
        Action::JumpToFollowUp => return followups::jump_to_selected(state),
        Action::ToggleFollowUp => return followups::toggle_selected(state),
        Action::CycleFollowUpFilter => followups::cycle_filter(state),
        Action::ToggleAllConferences => return followups::toggle_all_conferences(state),
        Action::ToggleSlidesPending => return followups::toggle_slides_pending(state),
        Action::EditLinks => overlays::start_links(state),
        Action::StartSearch => overlays::start_search(state),
        Action::StartExport => export::start(state),
        Action::OpenCopies => copies::open(state),
        Action::ToggleLog => state.overlays.log_open = Some(0),
        Action::Click { col, row } => return click(state, col, row),
        Action::Scroll { col, row, rows } => scroll(state, col, row, rows),
        Action::ToggleGutter => {
            state.gutter = !state.gutter;
            notes::keep_cursor_visible(state);
        }
        editing => return notes::edit(state, editing),
    }
    fx
}

/// Whether `action` would change notes, stars or the schedule (refused when read-only).
fn changes_data(action: &Action) -> bool {
    use Action::*;
    changes_notes(action)
        || matches!(
            action,
            ToggleStar
                | NewSession
                | EditSession
                | RefreshSchedule
                | DeleteSession
                | MoveBranchTo
                | MoveAllTo
                | ToggleSlidesPending
                | EditLinks
                | ToggleFollowUp
                | MergeCopy
        )
}

fn quit() -> Effects {
    Effects {
        flush: true,
        quit: true,
        ..Effects::default()
    }
}

/// While the help is open, the arrows scroll it and any other key closes it without acting.
fn help(state: &mut State, action: &Action) {
    match action {
        Action::SelectNext | Action::Down => state.overlays.help_scroll += 1,
        Action::SelectPrev | Action::Up => {
            state.overlays.help_scroll = state.overlays.help_scroll.saturating_sub(1)
        }
        Action::PageDown => state.overlays.help_scroll += 10,
        Action::PageUp => {
            state.overlays.help_scroll = state.overlays.help_scroll.saturating_sub(10)
        }
        _ => state.overlays.help = false,
    }
}

/// While the log is open, the arrows scroll it and any other key closes it.
fn log(state: &mut State, action: &Action) {
    let up = state.overlays.log_open.unwrap_or(0);
    state.overlays.log_open = match action {
        Action::SelectPrev | Action::Up => Some(up + 1),
        Action::SelectNext | Action::Down => Some(up.saturating_sub(1)),
        Action::PageUp => Some(up + 10),
        Action::PageDown => Some(up.saturating_sub(10)),
        _ => None,
    };
}

/// At the lead time before a starred session: a notice, and the app's edge rings the bell and
/// sends a desktop notification. Once per session and run; never takes the keyboard.
fn remind(state: &mut State) -> Effects {
    let lead = state.remind_lead;
    if lead <= 0 {
        return Effects::default();
    }
    let japanese = state.export.default_lang == crate::export::Lang::Ja
        || crate::i18n::current() == crate::export::Lang::Ja;
    let due =
        crate::model::reminder::due(&state.conference, &state.schedule.starred, state.now, lead);
    let fresh: Vec<_> = due
        .into_iter()
        .filter(|(s, _)| !state.reminded.contains(&s.id))
        .collect();
    // Each named in its share of the bar, so two at once are both read at 80 columns.
    let share = (usize::from(state.size.0).saturating_sub(14) / fresh.len().max(1)).max(24);
    let mut texts = Vec::new();
    for (s, minutes) in fresh {
        state.reminded.insert(s.id.clone());
        let c = &state.conference;
        texts.push(crate::model::reminder::status_text(
            c, s, minutes, japanese, share,
        ));
    }
    if texts.is_empty() {
        return Effects::default();
    }
    let text = texts.join(" / ");
    state.notice(text.clone());
    Effects {
        remind: Some(text),
        ..Effects::default()
    }
}

fn in_grid(state: &State) -> bool {
    state.schedule.grid && state.focus == Pane::Schedule
}

fn select(state: &mut State, delta: isize) {
    match state.focus {
        Pane::Schedule => schedule::select(state, delta),
        Pane::FollowUps => {
            let len = state.followup_view().len();
            state.follow_ups.selected = step(state.follow_ups.selected, delta, len);
        }
        Pane::Notes => {}
    }
}

/// `at` moved by `delta`, kept within `0..len`.
fn step(at: usize, delta: isize, len: usize) -> usize {
    at.saturating_add_signed(delta).min(len.saturating_sub(1))
}

fn click(state: &mut State, col: u16, row: u16) -> Effects {
    if schedule::click(state, col, row) {
        return Effects {
            flush: true,
            ..Effects::default()
        };
    }
    if !notes::click(state, col, row) {
        followups::click(state, col, row);
    }
    Effects::default()
}

fn scroll(state: &mut State, col: u16, row: u16, rows: i16) {
    if !schedule::scroll(state, col, row, rows) {
        notes::scroll(state, col, row, rows);
    }
}
