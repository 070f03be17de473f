//! The sessions notes may move to, over the panes while the "Move to session" prompt is open:
//! day, time, room and title of each, the one chosen highlighted.

use rust_i18n::t;

use super::Canvas;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Block;

use super::draw_lines;
use super::theme::Theme;
use crate::state::{Mover, State};
use crate::text::{truncate, width};

/// "3 sessions", in the interface's language.
pub(super) fn sessions(n: usize) -> std::borrow::Cow<'static, str> {
    if n == 1 {
        t!("ui.sessions_one")
    } else {
        t!("ui.sessions_many", n = n)
    }
}

pub fn render_mover(state: &State, m: &Mover, theme: Theme, frame: &mut Canvas, area: Rect) {
    let popup = super::results_popup(frame, area);
    let what = match (m.all, m.bullets == 1) {
        (true, true) => t!("ui.move_all_one"),
        (true, false) => t!("ui.move_all_many", n = m.bullets),
        (false, true) => t!("ui.move_one"),
        (false, false) => t!("ui.move_many", n = m.bullets),
    };
    let what = format!(" {what} ");
    let block = Block::bordered()
        .title(what)
        .title_bottom(format!(" {} ", sessions(m.hits.len())))
        .border_style(theme.border(true));
    let inside = block.inner(popup);
    frame.render_widget(block, popup);
    if m.hits.is_empty() {
        let hint = Line::styled(t!("ui.no_session_matches"), theme.dim());
        draw_lines(frame, inside, &[hint]);
        return;
    }
    let cols = usize::from(inside.width);
    let fit = usize::from(inside.height).max(1);
    // The chosen one in the middle where it can be.
    let top = m
        .selected
        .saturating_sub(fit / 2)
        .min(m.hits.len().saturating_sub(fit));
    let c = &state.conference;
    // Rooms in one column, as wide as the widest shown (at most 14 columns).
    let room_w = (m.hits.iter().skip(top).take(fit))
        .filter_map(|&i| c.sessions().get(i))
        .map(|s| width(&s.room))
        .max()
        .unwrap_or(0)
        .min(14);
    let lines: Vec<Line> = (m.hits.iter().enumerate().skip(top).take(fit))
        .filter_map(|(n, &i)| {
            let s = c.sessions().get(i)?;
            let when = super::when::day_and_time(&c.local(&s.start));
            let room = truncate(&s.room, room_w);
            let pad = " ".repeat(room_w - width(&room));
            let text = format!("{when}  {room}{pad}  {}", s.title);
            let line = Line::raw(truncate(&text, cols).into_owned());
            Some(if n == m.selected {
                line.style(theme.selected())
            } else {
                line
            })
        })
        .collect();
    draw_lines(frame, inside, &lines);
}
