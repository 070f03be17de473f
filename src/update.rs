//! `update(&mut State, Action) -> Effects`: the only place state changes. It does no I/O; what
//! must happen outside (save these notes, quit) comes back as [`Effects`] for the app loop.

use crate::action::{Action, Pane};
use crate::outline::editor::{Editor, INDENT_COLS, MARKER_COLS};
use crate::outline::{FollowUp, Outline};
use crate::state::{SaveStatus, State};
use crate::ui::layout::{self, NotesAreas};

/// What the app loop must do after an update.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Effects {
    /// The notes of this session changed: save them soon.
    pub changed: Option<String>,
    /// Save every pending change now (leaving a session, quitting).
    pub flush: bool,
    pub quit: bool,
}

pub fn update(state: &mut State, action: Action) -> Effects {
    let mut fx = Effects::default();
    if !matches!(action, Action::Tick(_) | Action::Saved(_)) {
        state.message = None;
    }
    if state.help {
        match action {
            Action::SelectNext | Action::Down => state.help_scroll += 1,
            Action::SelectPrev | Action::Up => {
                state.help_scroll = state.help_scroll.saturating_sub(1)
            }
            Action::PageDown => state.help_scroll += 10,
            Action::PageUp => state.help_scroll = state.help_scroll.saturating_sub(10),
            Action::Quit => return quit(),
            Action::Tick(_) | Action::Resize(..) | Action::Saved(_) => {
                return system(state, action);
            }
            _ => state.help = false,
        }
        return fx;
    }
    match action {
        Action::Quit => return quit(),
        Action::ToggleHelp => {
            state.help = true;
            state.help_scroll = 0;
        }
        Action::Focus(Pane::Notes) | Action::OpenNotes => open_notes(state),
        Action::Focus(pane) => {
            fx.flush = state.focus == Pane::Notes;
            state.focus = pane;
        }
        Action::LeaveNotes => {
            state.focus = Pane::Schedule;
            fx.flush = true;
        }
        Action::SelectNext => select(state, 1),
        Action::SelectPrev => select(state, -1),
        Action::NextDay => change_day(state, 1),
        Action::PrevDay => change_day(state, -1),
        Action::JumpToFollowUp => jump_to_followup(state),
        Action::ToggleFollowUp => return toggle_followup(state),
        Action::Click { col, row } => return click(state, col, row),
        Action::Scroll { col, row, rows } => scroll(state, col, row, rows),
        Action::Tick(_) | Action::Resize(..) | Action::Saved(_) => return system(state, action),
        Action::ToggleGutter => {
            state.gutter = !state.gutter;
            keep_cursor_visible(state);
        }
        editing => return edit(state, editing),
    }
    fx
}

fn quit() -> Effects {
    Effects {
        flush: true,
        quit: true,
        ..Effects::default()
    }
}

/// The clock, the terminal and the saver reporting in.
fn system(state: &mut State, action: Action) -> Effects {
    match action {
        Action::Tick(now) => state.now = now,
        Action::Resize(w, h) => {
            state.size = (w, h);
            keep_selection_visible(state);
            keep_cursor_visible(state);
        }
        Action::Saved(Ok(())) => state.save = SaveStatus::Saved,
        Action::Saved(Err(e)) => state.save = SaveStatus::Failed(e),
        _ => {}
    }
    Effects::default()
}

fn notes_geometry(state: &State) -> NotesAreas {
    let a = layout::areas(state.size, Pane::Notes);
    layout::notes_areas(a.notes, state.gutter)
}

fn keep_cursor_visible(state: &mut State) {
    let text = notes_geometry(state).text;
    let Some(id) = state.selected_session().map(|s| s.id.clone()) else {
        return;
    };
    if let Some(e) = state.notes.get_mut(&id) {
        e.scroll_into_view(usize::from(text.width), usize::from(text.height));
    }
}

fn keep_selection_visible(state: &mut State) {
    let a = layout::areas(state.size, Pane::Schedule);
    let rows = usize::from(layout::schedule_list(a.schedule).height).max(1);
    if state.selected < state.schedule_top {
        state.schedule_top = state.selected;
    } else if state.selected >= state.schedule_top + rows {
        state.schedule_top = state.selected + 1 - rows;
    }
}

fn open_notes(state: &mut State) {
    let Some(id) = state.selected_session().map(|s| s.id.clone()) else {
        state.message = Some("No session selected: pick one in the schedule first".into());
        return;
    };
    let now = state.local_now();
    state
        .notes
        .entry(id)
        .or_insert_with(|| Editor::new(Outline::new(now)));
    state.focus = Pane::Notes;
    keep_cursor_visible(state);
}

fn select(state: &mut State, delta: isize) {
    match state.focus {
        Pane::Schedule => {
            let len = state.conference.day_len(state.day);
            state.selected = step(state.selected, delta, len);
            keep_selection_visible(state);
        }
        Pane::FollowUps => {
            state.followup_selected = step(state.followup_selected, delta, state.followups.len());
        }
        Pane::Notes => {}
    }
}

fn step(at: usize, delta: isize, len: usize) -> usize {
    at.saturating_add_signed(delta).min(len.saturating_sub(1))
}

fn change_day(state: &mut State, delta: isize) {
    let days = state.conference.days().len();
    let day = step(state.day, delta, days);
    if day != state.day {
        state.day = day;
        state.selected = 0;
        state.schedule_top = 0;
    }
}

/// Selects the session `id` in the schedule, switching day if needed.
fn select_session(state: &mut State, id: &str) -> bool {
    let Some((day, n)) = state.conference.locate(id) else {
        return false;
    };
    state.day = day;
    state.selected = n;
    keep_selection_visible(state);
    true
}

fn jump_to_followup(state: &mut State) {
    let Some(item) = state.followups.get(state.followup_selected).cloned() else {
        return;
    };
    if !select_session(state, &item.session) {
        return;
    }
    if let Some(e) = state.notes.get_mut(&item.session) {
        e.jump_to(item.bullet);
    }
    state.focus = Pane::Notes;
    keep_cursor_visible(state);
}

fn toggle_followup(state: &mut State) -> Effects {
    let Some(item) = state.followups.get(state.followup_selected).cloned() else {
        return Effects::default();
    };
    let Some(editor) = state.notes.get_mut(&item.session) else {
        return Effects::default();
    };
    let Some(line) = editor.outline.position(item.bullet) else {
        return Effects::default();
    };
    let next = match item.state {
        FollowUp::Open => FollowUp::Done,
        FollowUp::Done => FollowUp::Open,
    };
    editor.set_follow_up(line, Some(next));
    changed(state, item.session)
}

fn changed(state: &mut State, id: String) -> Effects {
    state.save = SaveStatus::Pending;
    state.refresh_followups(&id);
    Effects {
        changed: Some(id),
        ..Effects::default()
    }
}

/// Applies an editing action to the selected session's notes.
fn edit(state: &mut State, action: Action) -> Effects {
    if state.focus != Pane::Notes {
        return Effects::default();
    }
    let Some(id) = state.selected_session().map(|s| s.id.clone()) else {
        return Effects::default();
    };
    let now = state.local_now();
    let text = notes_geometry(state).text;
    let (width, height) = (usize::from(text.width), usize::from(text.height));
    let e = state
        .notes
        .entry(id.clone())
        .or_insert_with(|| Editor::new(Outline::new(now)));
    let revision = e.revision;
    match action {
        Action::Insert(t) => e.insert(&t),
        Action::Paste(t) => e.paste(&t, now),
        Action::Split => e.split(now),
        Action::Backspace => e.backspace(),
        Action::Delete => e.delete(),
        Action::DeleteWord => e.delete_word(),
        Action::Left => e.left(),
        Action::Right => e.right(),
        Action::WordLeft => e.word_left(),
        Action::WordRight => e.word_right(),
        Action::Up => e.vertical(-1, width),
        Action::Down => e.vertical(1, width),
        Action::PageUp => e.vertical(-(height.max(2) as isize - 1), width),
        Action::PageDown => e.vertical(height.max(2) as isize - 1, width),
        Action::Home => e.home(),
        Action::End => e.end(),
        Action::First => e.first(),
        Action::Last => e.last(),
        Action::Indent => e.indent(),
        Action::Outdent => e.outdent(),
        Action::MoveUp => e.move_up(),
        Action::MoveDown => e.move_down(),
        Action::Collapse => e.set_collapsed(true),
        Action::Expand => e.set_collapsed(false),
        Action::CycleFollowUp => e.cycle_follow_up(),
        Action::ToggleParagraph => e.toggle_paragraph(),
        Action::Undo => state.message = (!e.undo()).then(|| "Nothing to undo".into()),
        Action::Redo => state.message = (!e.redo()).then(|| "Nothing to redo".into()),
        _ => {}
    }
    let Some(e) = state.notes.get_mut(&id) else {
        return Effects::default();
    };
    e.scroll_into_view(width, height);
    if e.revision == revision {
        return Effects::default();
    }
    changed(state, id)
}

fn click(state: &mut State, col: u16, row: u16) -> Effects {
    let a = layout::areas(state.size, state.focus);
    let at = ratatui::layout::Position::new(col, row);
    if layout::schedule_list(a.schedule).contains(at) {
        let list = layout::schedule_list(a.schedule);
        let n = state.schedule_top + usize::from(row - list.y);
        if n < state.conference.day_len(state.day) {
            state.selected = n;
            state.focus = Pane::Schedule;
        }
        return Effects {
            flush: true,
            ..Effects::default()
        };
    }
    let text = layout::notes_areas(a.notes, state.gutter).text;
    if text.contains(at) {
        open_notes(state);
        let Some(id) = state.selected_session().map(|s| s.id.clone()) else {
            return Effects::default();
        };
        if let Some(e) = state.notes.get_mut(&id) {
            let (line, r) =
                crate::ui::notes::row_at(e, usize::from(text.width), usize::from(row - text.y));
            if let Some(line) = line {
                let depth = e.outline.bullets()[line].depth;
                let margin = depth * INDENT_COLS + MARKER_COLS;
                let col = usize::from(col - text.x).saturating_sub(margin);
                e.place(line, r, col, usize::from(text.width));
            }
        }
    } else if layout::inner(a.followups).contains(at) {
        let n = usize::from(row - layout::inner(a.followups).y);
        if n < state.followups.len() {
            state.followup_selected = n;
            state.focus = Pane::FollowUps;
        }
    }
    Effects::default()
}

fn scroll(state: &mut State, col: u16, row: u16, rows: i16) {
    let a = layout::areas(state.size, state.focus);
    let at = ratatui::layout::Position::new(col, row);
    if a.schedule.contains(at) {
        let before = state.focus;
        state.focus = Pane::Schedule;
        select(state, isize::from(rows));
        state.focus = before;
    } else if a.notes.contains(at) && state.focus == Pane::Notes {
        let width = usize::from(notes_geometry(state).text.width);
        if let Some(id) = state.selected_session().map(|s| s.id.clone())
            && let Some(e) = state.notes.get_mut(&id)
        {
            e.vertical(isize::from(rows), width);
        }
        keep_cursor_visible(state);
    }
}
