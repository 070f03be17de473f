//! Moving far in the schedule: a page at a time, to the first or last session, and to another
//! day at the same time of day.

use chrono::Timelike;

use super::schedule::keep_selection_visible;
use crate::action::Pane;
use crate::state::State;
use crate::state::layout;

/// Sessions a page holds: the list's height (the grid pages by its own rows).
fn page_rows(state: &State) -> usize {
    let a = layout::areas(
        state.size,
        Pane::Schedule,
        state.details,
        state.schedule.grid,
    );
    usize::from(layout::schedule_list(a.schedule).height).max(2) - 1
}

/// PageDown / PageUp in the list.
pub(super) fn page(state: &mut State, down: bool) {
    if state.schedule.grid {
        return super::grid::page(state, down);
    }
    let n = page_rows(state);
    let last = state.schedule.visible.len().saturating_sub(1);
    state.schedule.selected = if down {
        (state.schedule.selected + n).min(last)
    } else {
        state.schedule.selected.saturating_sub(n)
    };
    keep_selection_visible(state);
}

/// Home / `g` and End / `G`.
pub(super) fn ends(state: &mut State, last: bool) {
    state.schedule.selected = if last {
        state.schedule.visible.len().saturating_sub(1)
    } else {
        0
    };
    keep_selection_visible(state);
    if state.schedule.grid {
        super::grid::keep_selection_visible(state);
    }
}

/// Another day, at the time of day the selection was at (or what is on now, with nothing
/// selected).
pub(super) fn change_day(state: &mut State, delta: isize) {
    let day = super::step(state.schedule.day, delta, state.conference.days().len());
    if day == state.schedule.day {
        return;
    }
    let at = state
        .selected_session()
        .filter(|s| {
            state
                .conference
                .locate(&s.id)
                .is_some_and(|(d, _)| d == state.schedule.day)
        })
        .map(|s| (minute_of_day(state, s), s.room.clone()));
    state.schedule.day = day;
    state.schedule.selected = 0;
    state.schedule.top = 0;
    state.refresh_visible();
    match at {
        Some((at, room)) => {
            // The first slot at or after that time, in the same room where it has a session.
            let sessions = state.conference.sessions();
            let visible = &state.schedule.visible;
            let first = visible
                .iter()
                .position(|&i| minute_of_day(state, &sessions[i]) >= at)
                .unwrap_or(visible.len().saturating_sub(1));
            let slot = visible.get(first).map(|&i| sessions[i].start);
            let same_room = visible
                .iter()
                .enumerate()
                .skip(first)
                .find(|&(_, &i)| Some(sessions[i].start) == slot && sessions[i].room == room);
            state.schedule.selected = same_room.map_or(first, |(n, _)| n);
        }
        None => state.select_now(),
    }
    keep_selection_visible(state);
    if state.schedule.grid {
        super::grid::keep_selection_visible(state);
    }
}

fn minute_of_day(state: &State, s: &crate::model::schedule::Session) -> u32 {
    let t = state.conference.local(&s.start);
    t.hour() * 60 + t.minute()
}
