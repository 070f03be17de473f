//! The Schedule pane: a day switcher and the day's sessions, one row each (time, room, title),
//! with a mark on sessions that have notes.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::layout;
use super::theme::Theme;
use super::{draw_lines, focused, is_visible, pane_block};
use crate::action::Pane;
use crate::state::State;
use crate::text::{truncate, width};

/// Widest room column; longer room names are cut.
const ROOM_COLS: usize = 10;

pub fn render_schedule(state: &State, theme: Theme, frame: &mut Frame, area: Rect) {
    if !is_visible(area) {
        return;
    }
    let focus = focused(state, Pane::Schedule);
    frame.render_widget(pane_block(theme, "Schedule".into(), 1, focus), area);
    let inside = layout::inner(area);
    if inside.height == 0 {
        return;
    }
    frame.render_widget(
        Paragraph::new(day_switcher(state, theme)),
        Rect {
            height: 1,
            ..inside
        },
    );

    let list = layout::schedule_list(area);
    let rows = usize::from(list.height);
    let len = state.conference.day_len(state.day);
    if len == 0 {
        let empty = Line::styled("No sessions on this day", theme.dim());
        frame.render_widget(Paragraph::new(empty), list);
        return;
    }
    let mut top = state.schedule_top.min(len.saturating_sub(1));
    if state.selected < top {
        top = state.selected;
    } else if rows > 0 && state.selected >= top + rows {
        top = state.selected + 1 - rows;
    }
    let room_cols = state
        .conference
        .day_sessions(state.day)
        .map(|s| width(&s.room))
        .max()
        .unwrap_or(0)
        .min(ROOM_COLS);
    let title_cols = usize::from(list.width).saturating_sub(9 + room_cols);
    let lines: Vec<Line> = state
        .conference
        .day_sessions(state.day)
        .enumerate()
        .skip(top)
        .take(rows)
        .map(|(n, s)| {
            let start = state.conference.local(&s.start).format("%H:%M").to_string();
            let has_notes = state
                .notes
                .get(&s.id)
                .is_some_and(|e| !e.outline.is_empty());
            let room = truncate(&s.room, room_cols);
            let pad = " ".repeat(room_cols - width(&room));
            let line = Line::from(vec![
                Span::styled(start, theme.time()),
                Span::styled(if has_notes { " ✎ " } else { "   " }, theme.marker()),
                Span::styled(format!("{room}{pad}"), theme.room()),
                Span::raw(" "),
                Span::raw(truncate(&s.title, title_cols).into_owned()),
            ]);
            if n == state.selected {
                let style = if focus {
                    theme.selected()
                } else {
                    theme.selected_unfocused()
                };
                line.style(style)
            } else {
                line
            }
        })
        .collect();
    draw_lines(frame, list, &lines);
}

fn day_switcher(state: &State, theme: Theme) -> Line<'static> {
    let mut spans = Vec::new();
    for (i, d) in state.conference.days().iter().enumerate() {
        let label = format!(" {} ", d.format("%a %m/%d"));
        spans.push(if i == state.day {
            Span::styled(label, theme.title().patch(theme.selected_unfocused()))
        } else {
            Span::styled(label, theme.dim())
        });
    }
    Line::from(spans)
}
