//! The Schedule as a timetable grid (`v`): the day's rooms as columns, the time down the side,
//! each session a block as tall as it is long with its start, marks (★ starred, ✎ notes, !
//! clash) and its title wrapped inside; a line at the current time. Only the rows and rooms in
//! view are drawn.

use rust_i18n::t;

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::Canvas;
use super::draw_lines;
use super::theme::Theme;
use crate::model::dayview;
use crate::model::grid::{Block, Grid, TIME_COLS, column_width};
use crate::state::State;
use crate::text::{truncate, width, wrap};

pub fn render_grid(state: &State, theme: Theme, frame: &mut Canvas, list: Rect, focus: bool) {
    let g = Grid::new(
        &state.conference,
        state.schedule.day,
        &state.schedule.visible,
    );
    if g.blocks.is_empty() {
        let why = Line::styled(t!("ui.grid_empty"), theme.dim());
        draw_lines(frame, list, &[why]);
        return;
    }
    let room_cols = column_width(list.width, g.rooms.len());
    let fit = usize::from(list.width.saturating_sub(TIME_COLS) / room_cols).max(1);
    let rows = usize::from(list.height.saturating_sub(1));
    // The scroll position kept in the state, moved here (never written back) so the selected
    // block is in view whatever changed since: a resize, the narrow pane beside the notes.
    let mut left = state
        .schedule
        .grid_left
        .min(g.rooms.len().saturating_sub(1));
    let mut top = state.schedule.grid_top.min(g.rows.saturating_sub(1));
    if let Some(b) = g.block_of(state.schedule.selected) {
        if b.room < left || b.room >= left + fit {
            left = b.room.saturating_sub(fit - 1);
        }
        if b.top < top || b.top >= top + rows.max(1) {
            top = b.top.saturating_sub(rows / 3);
        }
    }
    let shown: Vec<usize> = (left..g.rooms.len()).take(fit).collect();
    let clash = dayview::conflicts(
        &state.conference,
        &state.schedule.visible,
        &state.schedule.starred,
    );
    let now_row = g.row_at(state.now);
    let cell = usize::from(room_cols) - 1;
    let mut lines = vec![header(&g, &shown, left, cell, theme)];
    // Each block's lines, worked out once for the rows drawn.
    let blocks: Vec<(Block, Vec<String>)> = g
        .blocks
        .iter()
        .filter(|b| shown.contains(&b.room) && b.top < top + rows && b.top + b.height > top)
        .map(|b| (*b, block_lines(state, b, cell, clash.contains(&b.n))))
        .collect();
    for row in top..top + rows {
        let t = g.time_of(row);
        let is_now = now_row == Some(row);
        let gutter = if is_now {
            Span::styled(
                format!(
                    "{:<5} ",
                    super::when::hm(&state.conference.local(&state.now))
                ),
                theme.now(),
            )
        } else if t.format("%M").to_string() == "00" || t.format("%M").to_string() == "30" {
            Span::styled(format!("{:<5} ", super::when::hm(&t)), theme.time())
        } else {
            Span::raw(" ".repeat(usize::from(TIME_COLS)))
        };
        let mut spans = vec![gutter];
        for &room in &shown {
            // The latest block starting at or before this row wins an overlap.
            let hit = blocks
                .iter()
                .filter(|(b, _)| b.room == room && b.top <= row && row < b.top + b.height)
                .max_by_key(|(b, _)| b.top);
            match hit {
                Some((b, text)) => {
                    let k = row - b.top;
                    let body = text.get(k).cloned().unwrap_or_default();
                    let pad = " ".repeat(cell.saturating_sub(width(&body)));
                    let style = block_style(state, b, k, focus, theme);
                    spans.push(Span::styled(format!("{body}{pad}"), style));
                    spans.push(Span::raw(" "));
                }
                None if is_now => spans.push(Span::styled("─".repeat(cell + 1), theme.now())),
                None => spans.push(Span::raw(" ".repeat(cell + 1))),
            }
        }
        lines.push(Line::from(spans));
    }
    draw_lines(frame, list, &lines);
}

/// The room names over their columns, with `‹` `›` where more rooms lie beyond the edges.
fn header(g: &Grid, shown: &[usize], left: usize, cell: usize, theme: Theme) -> Line<'static> {
    let mut spans = vec![Span::styled(
        if left > 0 {
            format!("{:<6}", "‹")
        } else {
            " ".repeat(6)
        },
        theme.dim(),
    )];
    for (k, &room) in shown.iter().enumerate() {
        let more = k + 1 == shown.len() && room + 1 < g.rooms.len();
        let name = truncate(&g.rooms[room], cell.saturating_sub(usize::from(more)));
        let pad = " ".repeat(cell.saturating_sub(width(&name) + usize::from(more)));
        spans.push(Span::styled(format!("{name}{pad}"), theme.room()));
        spans.push(Span::styled(if more { "›" } else { " " }, theme.dim()));
    }
    Line::from(spans)
}

/// A block's rows: its start and marks, then its title wrapped to the column.
fn block_lines(state: &State, b: &Block, cols: usize, clash: bool) -> Vec<String> {
    let c = &state.conference;
    let s = &c.sessions()[state.schedule.visible[b.n]];
    let star = if state.schedule.starred.contains(&s.id) {
        "★"
    } else {
        ""
    };
    let notes = if state
        .notes
        .get(&s.id)
        .is_some_and(|e| !e.outline.is_empty())
    {
        "✎"
    } else {
        ""
    };
    let clash = if clash { "!" } else { "" };
    let first = format!(
        "{} {}{star}{notes}{clash}",
        super::when::hm(&c.local(&s.start)),
        super::when::length(s)
    );
    let title = if s.removed {
        t!("ui.removed_title", title = s.title).into_owned()
    } else {
        s.title.clone()
    };
    if b.height == 1 {
        // A short session: its start, marks and title on its one row.
        let one = format!(
            "{} {star}{notes}{clash} {title}",
            super::when::hm(&c.local(&s.start))
        );
        return vec![truncate(&one, cols).into_owned()];
    }
    let mut out = vec![truncate(&first, cols).into_owned()];
    let rows = wrap::rows(&title, cols.max(1));
    let room = b.height.saturating_sub(1);
    for (i, r) in rows.iter().enumerate().take(room) {
        let line = title[r.clone()].trim_end();
        // The last row that fits ends with … when the title goes on.
        if i + 1 == room && rows.len() > room {
            out.push(truncate(&format!("{line}…"), cols).into_owned());
        } else {
            out.push(line.to_string());
        }
    }
    out
}

fn block_style(state: &State, b: &Block, row: usize, focus: bool, theme: Theme) -> Style {
    if b.n == state.schedule.selected {
        return if focus {
            theme.selected()
        } else {
            theme.selected_unfocused()
        };
    }
    if row == 0 {
        theme.time().patch(theme.selected_unfocused())
    } else {
        theme.selected_unfocused()
    }
}
