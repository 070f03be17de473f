//! The timetable grid (`v`): moving between its blocks (↑↓ along a room, ←→ across rooms),
//! a page of time at a time, and scrolling so the selected block is in view.

use crate::action::Pane;
use crate::model::grid::{Grid, TIME_COLS, column_width};
use crate::state::State;
use crate::state::layout;

/// The grid's size on screen: (rows of blocks below the room names, room columns, a room's
/// width).
pub fn viewport(state: &State, grid: &Grid) -> (usize, usize, u16) {
    let a = layout::areas(state.size, Pane::Schedule, state.details, true);
    let list = layout::schedule_list(a.schedule);
    let rows = usize::from(list.height.saturating_sub(1)).max(1);
    let room_cols = column_width(list.width, grid.rooms.len());
    let fit = usize::from(list.width.saturating_sub(TIME_COLS) / room_cols).max(1);
    (rows, fit, room_cols)
}

pub(super) fn toggle(state: &mut State) {
    state.schedule.grid = !state.schedule.grid;
    if state.schedule.grid {
        keep_selection_visible(state);
    } else {
        super::schedule::keep_selection_visible(state);
    }
}

fn grid(state: &State) -> Grid {
    Grid::new(
        &state.conference,
        state.schedule.day,
        &state.schedule.visible,
    )
}

/// ↑↓ along the selected block's room, ←→ across rooms.
pub(super) fn step(state: &mut State, along: bool, forward: bool) {
    let g = grid(state);
    let Some(from) = g
        .block_of(state.schedule.selected)
        .copied()
        .or_else(|| g.blocks.first().copied())
    else {
        return;
    };
    // A run of ←→ keeps to the row it started from, not drifting with each room's blocks.
    let at = match state.schedule.grid_anchor {
        Some((n, row)) if n == from.n => row,
        _ => from.top,
    };
    let to = if along {
        g.along(&from, forward)
    } else {
        g.across(&from, forward, at)
    };
    state.schedule.selected = to.unwrap_or(&from).n;
    state.schedule.grid_anchor = (!along).then_some((state.schedule.selected, at));
    keep_selection_visible(state);
}

/// PageDown / PageUp: a screen of time later or earlier in the same room.
pub(super) fn page(state: &mut State, down: bool) {
    let g = grid(state);
    let (rows, ..) = viewport(state, &g);
    let Some(from) = g.block_of(state.schedule.selected).copied() else {
        return;
    };
    let target = if down {
        from.top + rows
    } else {
        from.top.saturating_sub(rows)
    };
    let same = g.blocks.iter().filter(|b| b.room == from.room);
    let to = same.min_by_key(|b| b.top.abs_diff(target));
    if let Some(to) = to {
        state.schedule.selected = to.n;
    }
    state.schedule.grid_top = if down {
        (state.schedule.grid_top + rows).min(g.rows.saturating_sub(rows))
    } else {
        state.schedule.grid_top.saturating_sub(rows)
    };
    keep_selection_visible(state);
}

/// Scrolls the grid so the selected block's start and room are on screen.
pub(super) fn keep_selection_visible(state: &mut State) {
    let g = grid(state);
    let (rows, fit, _) = viewport(state, &g);
    let Some(b) = g.block_of(state.schedule.selected).copied() else {
        // Nothing selected on this day: from the morning, the first room.
        state.schedule.grid_top = 0;
        state.schedule.grid_left = 0;
        return;
    };
    let top = &mut state.schedule.grid_top;
    if b.top < *top {
        *top = b.top;
    } else if b.top + b.height.min(rows) > *top + rows {
        *top = (b.top + b.height.min(rows)).saturating_sub(rows);
    }
    let left = &mut state.schedule.grid_left;
    if b.room < *left {
        *left = b.room;
    } else if b.room >= *left + fit {
        *left = b.room + 1 - fit;
    }
}
