//! What changed outside kaigi while it runs, taken in without losing what was done inside it:
//! a session's notes file (a sync tool, another laptop), the schedule (`kaigi import`), the
//! stars, and copies of notes that appeared beside their sessions.

use std::collections::HashSet;

use super::{Effects, notes, schedule};
use crate::model::outline::Outline;
use crate::model::outline::editor::Editor;
use crate::model::outline::file::{SessionMeta, Snapshot};
use crate::model::schedule::{Conference, ScheduleFile};
use crate::state::State;
use crate::storage::NotesCopy;

/// Shows notes that changed on disk as one undo step. When ours held something theirs lacks,
/// ours are also written beside the file as a conflict copy: Ctrl-Z brings them back, and they
/// are in a file whatever happens next.
pub(super) fn reload_notes(
    state: &mut State,
    session: String,
    outline: Outline,
    meta: SessionMeta,
) -> Effects {
    let title = state
        .conference
        .session(&session)
        .map_or(session.clone(), |s| s.title.clone());
    let mut fx = Effects::default();
    let saved_at = state.local_now();
    let meta_before = state
        .session_meta
        .get(&session)
        .cloned()
        .unwrap_or_default();
    let conference = state.conference.id.clone();
    let ours_lost = match state.notes.get_mut(&session) {
        Some(e) => {
            // A read-only kaigi has typed nothing of its own to keep, and writes nothing.
            let lost = !state.access.read_only && !outline.holds_all_of(&e.outline);
            if lost {
                fx.keep_ours = Some(Box::new(Snapshot {
                    conference,
                    session: session.clone(),
                    outline: e.outline.clone(),
                    meta: meta_before,
                    saved_at,
                }));
            }
            e.replace_all(outline);
            lost
        }
        None => {
            state.notes.insert(session.clone(), Editor::new(outline));
            false
        }
    };
    if meta.is_empty() {
        state.session_meta.remove(&session);
    } else {
        state.session_meta.insert(session.clone(), meta);
    }
    state.refresh_followups(&session);
    state.notice(if ours_lost {
        rust_i18n::t!("msg.reloaded_kept", title = title)
    } else {
        rust_i18n::t!("msg.reloaded", title = title)
    });
    notes::keep_cursor_visible(state);
    fx
}

/// A copy of a session's notes appeared (a conflict copy just written): list it with the others.
pub(super) fn copy_found(state: &mut State, copy: NotesCopy) {
    state.copies.retain(|c| c.path != copy.path);
    state.copies.push(copy);
    state.copies.sort_by(|a, b| a.path.cmp(&b.path));
}

/// Takes in a schedule changed on disk, keeping the ad-hoc sessions made here and the sessions
/// that have notes or a star (as `kaigi import` does); says what changed.
pub(super) fn schedule_changed(state: &mut State, theirs: ScheduleFile, refused: bool) -> Effects {
    let what = rust_i18n::t!("msg.schedule_reloaded");
    take_schedule(state, theirs, refused, &what)
}

/// The schedule downloaded again from where it is published (F5): merged as a reload is, and
/// written.
pub(super) fn schedule_refreshed(state: &mut State, theirs: ScheduleFile) -> Effects {
    let what = rust_i18n::t!("msg.schedule_refreshed");
    take_schedule(state, theirs, true, &what)
}

fn take_schedule(state: &mut State, theirs: ScheduleFile, refused: bool, what: &str) -> Effects {
    let attached: HashSet<String> = state
        .notes
        .iter()
        .filter(|(_, e)| !e.outline.is_empty())
        .map(|(id, _)| id.clone())
        .chain(state.session_meta.keys().cloned())
        .chain(state.schedule.starred.iter().cloned())
        .collect();
    let theirs_ids: Vec<String> = theirs.sessions.iter().map(|s| s.id.clone()).collect();
    let (merged, changes) =
        crate::import::reimport::merge(Some(&state.conference.to_file()), theirs, |id| {
            attached.contains(id)
        });
    let ours_kept = merged.sessions.len() != theirs_ids.len();
    let conference = match Conference::from_file(merged) {
        Ok(c) => c,
        Err(e) => {
            state.notice(rust_i18n::t!("msg.schedule_cannot_show", error = e));
            return Effects::default();
        }
    };
    let selected = state.selected_session().map(|s| s.id.clone());
    *state.conference = conference;
    state.schedule.day = state
        .schedule
        .day
        .min(state.conference.days().len().saturating_sub(1));
    state.refresh_visible();
    if let Some(id) = selected {
        schedule::select_session(state, &id);
    }
    let sep = rust_i18n::t!("msg.list_sep");
    let mut parts = vec![
        rust_i18n::t!("msg.n_added", n = changes.added.len()),
        rust_i18n::t!("msg.n_moved", n = changes.moved.len()),
        rust_i18n::t!(
            "msg.n_removed",
            n = changes.dropped.len() + changes.kept.len()
        ),
    ];
    if !changes.retitled.is_empty() {
        parts.push(rust_i18n::t!("msg.n_retitled", n = changes.retitled.len()));
    }
    if !changes.kept.is_empty() {
        parts.push(rust_i18n::t!("msg.n_kept", n = changes.kept.len()));
    }
    if !changes.overridden.is_empty() {
        let titles: Vec<&str> = changes.overridden.iter().map(|(t, _)| t.as_str()).collect();
        parts.push(rust_i18n::t!("msg.yours_kept", titles = titles.join(&*sep)));
    }
    let published = super::followups::resolve_published_slides(state);
    if !published.is_empty() {
        let n = published.len();
        parts.push(if n == 1 {
            rust_i18n::t!("msg.n_slides_published_one", n = n)
        } else {
            rust_i18n::t!("msg.n_slides_published_many", n = n)
        });
    }
    let parts = parts.join(&*sep);
    state.notice(rust_i18n::t!(
        "msg.schedule_summary",
        what = what,
        parts = parts
    ));
    Effects {
        // Ours go back on disk when the file lacks what was added here, or ours was refused.
        save_schedule: ours_kept || refused,
        also_changed: published,
        ..Effects::default()
    }
}

/// Takes in a stars file changed on disk; with a write of ours refused, both sides' stars.
pub(super) fn stars_changed(state: &mut State, theirs: HashSet<String>, refused: bool) -> Effects {
    if refused {
        state.schedule.starred.extend(theirs);
    } else {
        state.schedule.starred = theirs;
    }
    state.refresh_visible();
    Effects {
        save_stars: refused,
        ..Effects::default()
    }
}
