//! The conference picker: every conference in the data directory with its dates and how much has
//! been written in it.

use rust_i18n::t;

use super::Canvas;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};

use super::theme::Theme;
use crate::state::State;
use crate::text::truncate;

pub fn render_picker(state: &State, theme: Theme, frame: &mut Canvas, area: Rect) {
    let Some(p) = &state.overlays.picker else {
        return;
    };
    let w = area.width.min(90);
    let h = area
        .height
        .min(p.items.len() as u16 + 3)
        .max(area.height.min(3));
    let popup = super::popup(frame, area, w, h);
    let inner_cols = usize::from(w.saturating_sub(2));
    let mut lines: Vec<Line> = p
        .items
        .iter()
        .enumerate()
        .map(|(n, c)| {
            let dates = match (c.first_day, c.last_day) {
                (Some(a), Some(b)) => super::when::dates(a, b),
                _ => t!("ui.no_sessions").into_owned(),
            };
            let counts = t!(
                "ui.picker_counts",
                sessions = c.sessions,
                notes = c.sessions_with_notes
            );
            let text = format!("{}  {dates}  {counts}", c.name);
            let line = Line::raw(truncate(&text, inner_cols).into_owned());
            if n == p.selected {
                line.style(theme.selected())
            } else {
                line
            }
        })
        .collect();
    let new = Line::styled(t!("ui.new_conference_row"), theme.title());
    lines.push(if p.selected == p.items.len() {
        new.style(theme.selected())
    } else {
        new
    });
    let rows = usize::from(h.saturating_sub(2)).max(1);
    let scroll = (p.selected + 1).saturating_sub(rows) as u16;
    let block = Block::bordered()
        .title(format!(" {} ", t!("ui.conferences")))
        .title_bottom(format!(" {} ", t!("ui.picker_keys")))
        .border_style(theme.border(true));
    frame.render_widget(
        Paragraph::new(lines).block(block).scroll((scroll, 0)),
        popup,
    );
}
