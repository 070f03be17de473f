//! The list of copies of notes kept beside their sessions' files (notes kept after a crash, a sync
//! tool's conflicted copies, kaigi's own conflict copies) and merging one into its session: one
//! undo step, nothing on either side lost, the copy's file left where it is (a recovery file goes
//! once its notes are saved in the session's file).

use super::{Effects, notes, schedule, step};
use crate::action::{Action, Pane};
use crate::model::outline::Outline;
use crate::model::outline::editor::Editor;
use crate::model::outline::merge::Merged;
use crate::state::State;
use crate::storage::CopyKind;

/// Opens the list on the first copy that would bring something in.
pub(super) fn open(state: &mut State) {
    if state.copies.is_empty() {
        state.say(rust_i18n::t!("msg.no_copies"));
        return;
    }
    let first = state.copies.iter().position(|c| state.copy_adds(c));
    state.overlays.copies_open = Some(first.unwrap_or(0));
}

/// A key while the list of copies is open.
pub(super) fn list(state: &mut State, action: Action) -> Effects {
    let Some(at) = state.overlays.copies_open else {
        return Effects::default();
    };
    match action {
        Action::SelectNext => state.overlays.copies_open = Some(step(at, 1, state.copies.len())),
        Action::SelectPrev => state.overlays.copies_open = Some(step(at, -1, state.copies.len())),
        Action::MergeCopy => return merge(state, at),
        Action::CloseCopies | Action::ToggleHelp => state.overlays.copies_open = None,
        _ => {}
    }
    Effects::default()
}

/// Ctrl-Z or Ctrl-Y in session `id` about to undo or redo the merge of a copy whose file goes
/// once saved: undone, the file is written back (and listed again); redone, it goes again.
pub(super) fn undo_restore(state: &mut State, id: &str, redo: bool) -> Option<Effects> {
    let link = state.notes.get(id)?.pending_link(redo)?;
    let copy = state.restores.get(&link)?.clone();
    let e = state.notes.get_mut(id)?;
    if redo {
        e.redo();
    } else {
        e.undo();
    }
    notes::keep_cursor_visible(state);
    let mut fx = notes::changed(state, id.to_string());
    if redo {
        state.copies.retain(|c| c.path != copy.path);
        fx.restored.push((id.to_string(), copy.path.clone()));
        state.say(rust_i18n::t!("msg.restore_redone"));
    } else {
        if !state.copies.iter().any(|c| c.path == copy.path) {
            state.copies.push(copy.clone());
        }
        state.say(rust_i18n::t!("msg.restore_undone", file = copy.file_name()));
        fx.unrestored = Some(Box::new(copy));
    }
    Some(fx)
}

/// Merges copy `at` into its session and shows the result in the Notes pane.
fn merge(state: &mut State, at: usize) -> Effects {
    state.overlays.copies_open = None;
    let Some(copy) = state.copies.get(at).cloned() else {
        return Effects::default();
    };
    let id = copy.session.clone();
    if state.access.locked_sessions.contains(&id) {
        state.say(rust_i18n::t!("msg.locked_newer"));
        return Effects::default();
    }
    // The notes of a session deleted here bring the session back.
    let mut fx = Effects::default();
    if state.conference.session(&id).is_none()
        && let Some(session) = copy.deleted_session.clone()
    {
        if let Err(e) = state.conference.add_session(*session) {
            state.say(rust_i18n::t!(
                "msg.copy_cannot_restore",
                file = copy.file_name(),
                error = e
            ));
            return Effects::default();
        }
        state.refresh_visible();
        fx.save_schedule = true;
    }
    if !schedule::select_session(state, &id) {
        state.say(rust_i18n::t!(
            "msg.copy_session_missing",
            file = copy.file_name(),
            session = format!("{id:?}")
        ));
        return Effects::default();
    }
    let now = state.local_now();
    let head = match copy.kind {
        CopyKind::Recovery => format!(
            "Recovered after a crash ({})",
            copy.saved_at.format("%m/%d %H:%M")
        ),
        CopyKind::Unsaved => format!(
            "Kept when saving failed ({})",
            copy.saved_at.format("%m/%d %H:%M")
        ),
        CopyKind::Conflict => format!("From {}", copy.file_name()),
        CopyKind::Deleted => format!("Deleted {}", copy.saved_at.format("%m/%d %H:%M")),
    };
    let editor = state
        .notes
        .entry(id.clone())
        .or_insert_with(|| Editor::new(Outline::new(now)));
    let merged = editor.merge(&copy.outline, &head, now);
    let consumed = copy.kind.consumed_by_merge();
    if consumed && merged != Merged::Nothing {
        // The file goes once the notes are saved: undoing the merge writes it back.
        let link = state.new_link();
        if let Some(e) = state.notes.get_mut(&id) {
            e.link_last_step(link);
        }
        state.restores.insert(link, copy.clone());
    }
    let meta = state.session_meta.entry(id.clone()).or_default();
    let mut meta_changed = false;
    for link in &copy.meta.links {
        if !meta.links.contains(link) {
            meta.links.push(link.clone());
            meta_changed = true;
        }
    }
    if copy.meta.slides.is_some() && meta.slides.is_none() {
        meta.slides = copy.meta.slides;
        meta_changed = true;
    }
    if meta.is_empty() {
        state.session_meta.remove(&id);
    }
    state.focus = Pane::Notes;
    notes::keep_cursor_visible(state);
    let name = copy.file_name();
    let title = state
        .selected_session()
        .map_or_else(String::new, |s| s.title.clone());
    state.say(match merged {
        _ if copy.kind == CopyKind::Recovery => {
            rust_i18n::t!("msg.restored_recovery", title = title)
        }
        _ if copy.kind == CopyKind::Unsaved => {
            rust_i18n::t!("msg.restored_unsaved", title = title)
        }
        _ if copy.kind == CopyKind::Deleted => rust_i18n::t!("msg.restored_deleted", title = title),
        Merged::Nothing if !meta_changed => rust_i18n::t!("msg.merge_nothing", file = name),
        Merged::Nothing => rust_i18n::t!("msg.merge_links", file = name),
        Merged::Replaced => rust_i18n::t!("msg.merge_replaced", file = name),
        Merged::Appended => rust_i18n::t!("msg.merge_appended", file = name),
    });
    let changed = merged != Merged::Nothing || meta_changed;
    if changed || consumed {
        let save_schedule = fx.save_schedule;
        fx = notes::changed(state, id.clone());
        fx.save_schedule = save_schedule;
    }
    if consumed {
        // Its notes are in the session now: the file goes once they are saved there.
        fx.restored.push((id, copy.path.clone()));
        state.copies.retain(|c| c.path != copy.path);
    }
    fx
}
