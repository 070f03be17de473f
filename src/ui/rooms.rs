//! The rooms to choose from while the room prompt (`r`) is open, the one chosen highlighted.

use rust_i18n::t;

use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Block;

use super::theme::Theme;
use super::{Canvas, draw_lines};
use crate::state::{RoomChoice, State};
use crate::text::truncate;

pub fn render_rooms(state: &State, c: &RoomChoice, theme: Theme, frame: &mut Canvas, area: Rect) {
    // Over the panes, never over the status bar where the room's name is typed.
    let above = ratatui::layout::Rect {
        height: area.height.saturating_sub(1),
        ..area
    };
    let rows = (c.hits.len().max(1) as u16 + 2).min(above.height);
    let popup = super::popup(frame, above, area.width.min(40), rows);
    let block = Block::bordered()
        .title(format!(" {} ", t!("ui.one_room")))
        .border_style(theme.border(true));
    let inside = block.inner(popup);
    frame.render_widget(block, popup);
    let cols = usize::from(inside.width);
    if c.hits.is_empty() {
        let hint = Line::styled(t!("ui.no_room_matches"), theme.dim());
        draw_lines(frame, inside, &[hint]);
        return;
    }
    let fit = usize::from(inside.height).max(1);
    let top = c.selected.saturating_sub(fit.saturating_sub(1));
    let shown = state.schedule.filter.room.clone();
    let lines: Vec<Line> = c
        .hits
        .iter()
        .enumerate()
        .skip(top)
        .take(fit)
        .map(|(n, room)| {
            let mark = if *room == shown { "• " } else { "  " };
            let every = t!("ui.every_room");
            let name = room.as_deref().unwrap_or(&every);
            let line = Line::raw(truncate(&format!("{mark}{name}"), cols).into_owned());
            if n == c.selected {
                line.style(theme.selected())
            } else {
                line
            }
        })
        .collect();
    draw_lines(frame, inside, &lines);
}
