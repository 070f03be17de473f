//! The key reference overlay, generated from the keymap so it never disagrees with the keys.

use super::Canvas;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::theme::Theme;
use crate::app::keymap::{bindings, keys_label};
use crate::state::State;
use crate::text::width;

pub fn render_help(state: &State, theme: Theme, frame: &mut Canvas, area: Rect) {
    let w = area.width.min(84);
    let lines = help_lines(theme, usize::from(w.saturating_sub(2)));
    let h = area.height.min(lines.len() as u16 + 2);
    let popup = super::popup(frame, area, w, h);
    let max_scroll = lines.len().saturating_sub(usize::from(h.saturating_sub(2)));
    let scroll = state.overlays.help_scroll.min(max_scroll) as u16;
    let block = Block::bordered()
        .title(format!(" {} ", rust_i18n::t!("help.overlay_title")))
        .title_bottom(format!(" {} ", rust_i18n::t!("help.overlay_hint")))
        .border_style(theme.border(true));
    frame.render_widget(
        Paragraph::new(lines).block(block).scroll((scroll, 0)),
        popup,
    );
}

/// Widest key column; a longer key label puts its description on the next line.
const KEY_COLS: usize = 22;

/// The help's lines at `cols` columns, in the interface's language: a description too long for
/// its row goes on under itself, never cut.
fn help_lines(theme: Theme, cols: usize) -> Vec<Line<'static>> {
    let indent = 2 + KEY_COLS + 2;
    let room = cols.saturating_sub(indent).max(10);
    let described = |help: &str| -> Vec<String> {
        crate::text::wrap::rows(help, room)
            .into_iter()
            .map(|r| help[r].trim_end().to_string())
            .collect()
    };
    let mut lines = Vec::new();
    let mut context = None;
    for b in bindings() {
        if context != Some(b.context) {
            if context.is_some() {
                lines.push(Line::raw(""));
            }
            lines.push(Line::styled(b.context.title(), theme.title()));
            context = Some(b.context);
        }
        let keys = keys_label(b);
        let w = width(&keys);
        let mut rows = described(&rust_i18n::t!(b.help)).into_iter();
        if w > KEY_COLS {
            lines.push(Line::styled(format!("  {keys}"), theme.time()));
        } else {
            let pad = " ".repeat(KEY_COLS - w);
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys}{pad}  "), theme.time()),
                Span::raw(rows.next().unwrap_or_default()),
            ]));
        }
        for row in rows {
            lines.push(Line::raw(format!("{}{row}", " ".repeat(indent))));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        rust_i18n::t!("help.overlay_typing"),
        theme.dim(),
    ));
    lines
}
