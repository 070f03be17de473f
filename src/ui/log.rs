//! The message log: every status-bar message of this launch with its time, newest at the bottom,
//! so that a notice that scrolled away (notes reloaded, a conflict copy kept, not saved) can be
//! read again.

use rust_i18n::t;

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::Canvas;
use super::theme::Theme;
use crate::state::State;

pub fn render_log(state: &State, theme: Theme, frame: &mut Canvas, area: Rect) {
    let Some(up) = state.overlays.log_open else {
        return;
    };
    let w = area.width.min(100);
    let h = area.height;
    let popup = super::popup(frame, area, w, h);
    let tz = state.conference.tz;
    let mut lines: Vec<Line> = state
        .log
        .iter()
        .map(|m| {
            let at = m.at.with_timezone(&tz);
            let style = if m.notice {
                theme.error()
            } else {
                ratatui::style::Style::default()
            };
            Line::from(vec![
                Span::styled(format!("{} ", super::when::hm(&at)), theme.time()),
                Span::styled(m.text.clone(), style),
            ])
        })
        .collect();
    if lines.is_empty() {
        lines.push(Line::styled(t!("ui.no_messages"), theme.dim()));
    }
    let inner = usize::from(h.saturating_sub(2)).max(1);
    // Newest at the bottom; wrapped lines may push the oldest out of view first.
    let scroll = lines.len().saturating_sub(inner).saturating_sub(up) as u16;
    let block = Block::bordered()
        .title(format!(" {} ", t!("ui.messages")))
        .title_bottom(format!(" {} ", t!("ui.log_keys")))
        .border_style(theme.border(true));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        popup,
    );
}
