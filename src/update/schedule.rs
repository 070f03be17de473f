//! Browsing the schedule: selection and scrolling over the filtered day list, days, stars, the
//! room and "My schedule" filters, jumping to what is on now, and mouse use in the pane.

use ratatui::layout::Position;

use super::{Effects, step};
use crate::action::Pane;
use crate::model::dayview;
use crate::state::State;
use crate::state::layout;

pub(super) fn select(state: &mut State, delta: isize) {
    state.schedule.selected = step(state.schedule.selected, delta, state.schedule.visible.len());
    keep_selection_visible(state);
}

/// Scrolls the list so the selected row (and the "now" line next to it) is on screen.
pub(super) fn keep_selection_visible(state: &mut State) {
    let a = layout::areas(
        state.size,
        Pane::Schedule,
        state.details,
        state.schedule.grid,
    );
    let height = usize::from(layout::schedule_list(a.schedule).height).max(1);
    let rows = dayview::rows(
        &state.conference,
        state.schedule.day,
        &state.schedule.visible,
        state.now,
    );
    let row = dayview::row_of(&rows, state.schedule.selected);
    if row < state.schedule.top {
        state.schedule.top = row;
    } else if row >= state.schedule.top + height {
        state.schedule.top = row + 1 - height;
    }
    state.schedule.top = state.schedule.top.min(rows.len().saturating_sub(1));
}

/// A session selected among another day's matches for the filter: the schedule goes to its
/// day, with it selected (the filter stays).
pub(super) fn go_to_its_day(state: &mut State, id: &str) {
    if state
        .conference
        .locate(id)
        .is_some_and(|(d, _)| d != state.schedule.day)
    {
        select_session(state, id);
    }
}

/// Selects session `id`, switching day and clearing a filter that hides it.
pub(super) fn select_session(state: &mut State, id: &str) -> bool {
    let Some((day, _)) = state.conference.locate(id) else {
        return false;
    };
    if day != state.schedule.day {
        state.schedule.day = day;
        state.schedule.top = 0;
        state.refresh_visible();
    }
    let find = |s: &State| {
        s.schedule
            .visible
            .iter()
            .position(|&i| s.conference.sessions()[i].id == id)
    };
    let n = match find(state) {
        Some(n) => n,
        None => {
            state.schedule.filter = Default::default();
            state.refresh_visible();
            let Some(n) = find(state) else { return false };
            n
        }
    };
    state.schedule.selected = n;
    keep_selection_visible(state);
    true
}

pub(super) fn toggle_star(state: &mut State) -> Effects {
    let Some(id) = state.selected_session().map(|s| s.id.clone()) else {
        return Effects::default();
    };
    if !state.schedule.starred.remove(&id) {
        state.schedule.starred.insert(id);
    }
    if state.schedule.filter.starred_only {
        state.refresh_visible();
    }
    Effects {
        save_stars: true,
        ..Effects::default()
    }
}

pub(super) fn toggle_my_schedule(state: &mut State) {
    state.schedule.filter.starred_only = !state.schedule.filter.starred_only;
    state.refresh_visible();
    keep_selection_visible(state);
    if state.schedule.filter.starred_only && state.schedule.visible.is_empty() {
        let starred_today = state
            .conference
            .day_sessions(state.schedule.day)
            .any(|s| state.schedule.starred.contains(&s.id));
        state.say(if starred_today {
            rust_i18n::t!("msg.no_starred_match")
        } else {
            rust_i18n::t!("msg.no_starred_today")
        });
    }
}

pub(super) fn jump_to_now(state: &mut State) {
    let today = state.conference.local(&state.now).date_naive();
    let Some(day) = state.conference.days().iter().position(|&d| d == today) else {
        state.say(rust_i18n::t!("msg.not_today"));
        return;
    };
    state.schedule.day = day;
    state.refresh_visible();
    let n = dayview::running_now(
        &state.conference,
        &state.schedule.visible,
        &state.schedule.starred,
        state.now,
    );
    match n {
        Some(n) => state.schedule.selected = n,
        None => state.say(rust_i18n::t!("msg.nothing_more_today")),
    }
    keep_selection_visible(state);
}

/// Selects the session on the clicked row; whether the click was in the list.
pub(super) fn click(state: &mut State, col: u16, row: u16) -> bool {
    let a = state.layout().areas;
    let list = layout::schedule_list(a.schedule);
    if !list.contains(Position::new(col, row)) {
        return false;
    }
    let rows = dayview::rows(
        &state.conference,
        state.schedule.day,
        &state.schedule.visible,
        state.now,
    );
    let at = state.schedule.top + usize::from(row - list.y);
    if let Some(&dayview::Row::Session(n)) = rows.get(at) {
        state.schedule.selected = n;
        state.focus = Pane::Schedule;
    }
    true
}

/// The wheel over the Schedule pane moves the selection; whether it was over the pane.
pub(super) fn scroll(state: &mut State, col: u16, row: u16, rows: i16) -> bool {
    let a = state.layout().areas;
    if !a.schedule.contains(Position::new(col, row)) {
        return false;
    }
    select(state, isize::from(rows));
    true
}

/// `D`: deletes the selected session if it was made in kaigi. One with notes asks first (`D`
/// again), and the app's edge keeps its notes in a file to restore from (the copies list).
pub(super) fn delete_session(state: &mut State) -> Effects {
    let Some(s) = state.selected_session().cloned() else {
        return Effects::default();
    };
    if !s.adhoc {
        state.say(rust_i18n::t!("msg.delete_not_adhoc"));
        return Effects::default();
    }
    let outline = state.notes.get(&s.id).map(|e| e.outline.clone());
    let meta = state.session_meta.get(&s.id).cloned().unwrap_or_default();
    let has_notes = outline.as_ref().is_some_and(|o| !o.is_empty()) || !meta.is_empty();
    if has_notes && state.overlays.confirm_delete.as_deref() != Some(s.id.as_str()) {
        state.overlays.confirm_delete = Some(s.id.clone());
        state.say(rust_i18n::t!("msg.delete_confirm"));
        return Effects::default();
    }
    state.overlays.confirm_delete = None;
    let saved_at = state.local_now();
    let notes = has_notes.then(|| crate::model::outline::file::Snapshot {
        conference: state.conference.id.clone(),
        session: s.id.clone(),
        outline: outline.unwrap_or_else(|| crate::model::outline::Outline::new(saved_at)),
        meta,
        saved_at,
    });
    Effects {
        delete_session: Some(super::DeleteJob { session: s, notes }),
        ..Effects::default()
    }
}

/// The edge deleted session `id` (its notes kept in `copy`): it leaves the schedule.
pub(super) fn session_deleted(
    state: &mut State,
    id: &str,
    copy: Option<Box<crate::storage::NotesCopy>>,
) -> Effects {
    let Some(gone) = state.conference.remove_session(id) else {
        return Effects::default();
    };
    state.notes.remove(id);
    state.session_meta.remove(id);
    // Its star stays in the stars file: restored, it is starred again.
    state.refresh_followups(id);
    state.refresh_visible();
    let last = state.schedule.visible.len().saturating_sub(1);
    state.schedule.selected = state.schedule.selected.min(last);
    keep_selection_visible(state);
    match copy {
        Some(copy) => {
            state.say(rust_i18n::t!("msg.deleted_kept", title = gone.title));
            state.copies.push(*copy);
        }
        None => state.say(rust_i18n::t!("msg.deleted", title = gone.title)),
    }
    Effects {
        save_schedule: true,
        ..Effects::default()
    }
}
