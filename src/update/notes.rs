//! Typing notes: every editing action goes to the selected session's editor, which is created on
//! first use; the cursor is kept on screen; a change is reported so the loop saves it.

use ratatui::layout::Position;

use super::Effects;
use crate::action::{Action, Pane};
use crate::model::outline::Outline;
use crate::model::outline::editor::{Editor, INDENT_COLS, MARKER_COLS};
use crate::state::layout::{NotesAreas, row_at};
use crate::state::{SaveStatus, State};

/// The Notes pane's parts at the current size, as the renderer will lay them out.
pub(super) fn geometry(state: &State) -> NotesAreas {
    state.notes_layout()
}

pub(super) fn keep_cursor_visible(state: &mut State) {
    let text = geometry(state).text;
    let Some(id) = state.selected_session().map(|s| s.id.clone()) else {
        return;
    };
    if let Some(e) = state.notes.get_mut(&id) {
        e.scroll_into_view(usize::from(text.width), usize::from(text.height));
    }
}

/// Moves the focus into the selected session's notes, creating an empty outline if it has none.
pub(super) fn open(state: &mut State) {
    let Some(id) = state.selected_session().map(|s| s.id.clone()) else {
        state.say(rust_i18n::t!("msg.no_session_selected"));
        return;
    };
    super::schedule::go_to_its_day(state, &id);
    let now = state.local_now();
    // Notes that cannot be typed into get no empty bullet to suggest otherwise.
    let writable = !state.access.read_only && !state.access.locked_sessions.contains(&id);
    if !writable && !state.notes.contains_key(&id) {
        state.focus = Pane::Notes;
        return;
    }
    let e = state
        .notes
        .entry(id)
        .or_insert_with(|| Editor::new(Outline::new(now)));
    if !e.visited {
        // A note-taker goes on where the notes end, not above them.
        e.visited = true;
        e.last();
    }
    state.focus = Pane::Notes;
    keep_cursor_visible(state);
}

/// Records that session `id`'s notes changed.
pub(super) fn changed(state: &mut State, id: String) -> Effects {
    state.refresh_followups(&id);
    saved_later(state, id)
}

/// Records a change that cannot have touched the follow-up list.
fn saved_later(state: &mut State, id: String) -> Effects {
    state.save = SaveStatus::Pending;
    Effects {
        changed: Some(id),
        ..Effects::default()
    }
}

/// Applies an editing action to the selected session's notes.
pub(super) fn edit(state: &mut State, action: Action) -> Effects {
    if state.focus != Pane::Notes {
        return Effects::default();
    }
    let Some(id) = state.selected_session().map(|s| s.id.clone()) else {
        return Effects::default();
    };
    let now = state.local_now();
    let text = geometry(state).text;
    let (width, height) = (usize::from(text.width), usize::from(text.height));
    if (state.access.read_only || state.access.locked_sessions.contains(&id))
        && !state.notes.contains_key(&id)
    {
        return Effects::default();
    }
    if matches!(action, Action::Undo | Action::Redo) {
        let redo = action == Action::Redo;
        if let Some(fx) = super::copies::undo_restore(state, &id, redo) {
            return fx;
        }
        if let Some(fx) = super::moving::undo_both(state, &id, redo) {
            return fx;
        }
    }
    let e = state
        .notes
        .entry(id.clone())
        .or_insert_with(|| Editor::new(Outline::new(now)));
    let revision = e.revision;
    let len = e.outline.len();
    // Typing in a bullet that is not a follow-up leaves the follow-up list as it was: skipping
    // its refresh keeps a keystroke from scanning a 10,000-bullet session.
    let typing = matches!(
        action,
        Action::Insert(_) | Action::Backspace | Action::Delete | Action::DeleteWord
    );
    let marks_before = e.outline.get(e.cursor.line).map(|b| (b.id, b.follow_up));
    let page = height.max(2) as isize - 1;
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
        Action::PageUp => e.vertical(-page, width),
        Action::PageDown => e.vertical(page, width),
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
        Action::DeleteBranch => {
            e.delete_branch(now);
        }
        Action::CutBranch => {
            let branch = e.delete_branch(now);
            let n = branch.0.len();
            state.clipboard = Some(branch);
            state.say(rust_i18n::t!("msg.cut_bullets", n = n));
        }
        Action::CopyBranch => {
            let branch = e.copy_branch();
            let n = branch.0.len();
            state.clipboard = Some(branch);
            state.say(rust_i18n::t!("msg.copied_bullets", n = n));
        }
        Action::PasteBranch => match &state.clipboard {
            Some(branch) => e.paste_branch(branch, now),
            None => state.say(rust_i18n::t!("msg.nothing_to_paste")),
        },
        Action::Undo if !e.undo() => state.say(rust_i18n::t!("msg.nothing_to_undo")),
        Action::Redo if !e.redo() => state.say(rust_i18n::t!("msg.nothing_to_redo")),
        _ => {}
    }
    let Some(e) = state.notes.get_mut(&id) else {
        return Effects::default();
    };
    e.scroll_into_view(width, height);
    if e.revision == revision {
        return Effects::default();
    }
    // Typing within one bullet (no bullet joined or split, its mark the same) changes at most
    // that bullet's follow-up text: the list is updated in place, not rebuilt from a scan of
    // every bullet of the session.
    let same_bullet = typing
        && e.outline.len() == len
        && e.outline.get(e.cursor.line).map(|b| (b.id, b.follow_up)) == marks_before;
    match marks_before {
        Some((_, None)) if same_bullet => saved_later(state, id),
        Some((bullet, Some(_))) if same_bullet => {
            let text = e.outline.get(e.cursor.line).map(|b| b.text.to_string());
            state.followup_text_changed(&id, bullet, text.unwrap_or_default());
            saved_later(state, id)
        }
        _ => changed(state, id),
    }
}

/// Places the cursor where the notes text was clicked; whether the click was there.
pub(super) fn click(state: &mut State, col: u16, row: u16) -> bool {
    let text = geometry(state).text;
    if !text.contains(Position::new(col, row)) {
        return false;
    }
    open(state);
    let Some(id) = state.selected_session().map(|s| s.id.clone()) else {
        return true;
    };
    if let Some(e) = state.notes.get_mut(&id) {
        let width = usize::from(text.width);
        let (line, r) = row_at(e, width, usize::from(row - text.y));
        if let Some(line) = line {
            let depth = e.outline.bullets()[line].depth;
            let margin = depth * INDENT_COLS + MARKER_COLS;
            let col = usize::from(col - text.x).saturating_sub(margin);
            e.place(line, r, col, width);
        }
    }
    true
}

/// The wheel over the notes being typed moves the cursor by rows.
pub(super) fn scroll(state: &mut State, col: u16, row: u16, rows: i16) {
    let a = state.layout().areas;
    if !a.notes.contains(Position::new(col, row)) || state.focus != Pane::Notes {
        return;
    }
    let width = usize::from(geometry(state).text.width);
    if let Some(id) = state.selected_session().map(|s| s.id.clone())
        && let Some(e) = state.notes.get_mut(&id)
    {
        e.vertical(isize::from(rows), width);
    }
    keep_cursor_visible(state);
}
