//! The list of copies of notes beside their sessions (after a crash, from a sync tool, kaigi's
//! conflict copies): which session each is for, when it was saved, and whether merging it would
//! bring anything in.

use rust_i18n::t;

use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};

use super::Canvas;
use super::theme::Theme;
use crate::state::State;
use crate::storage::CopyKind;
use crate::text::truncate;

pub fn render_copies(state: &State, theme: Theme, frame: &mut Canvas, area: Rect) {
    let Some(selected) = state.overlays.copies_open else {
        return;
    };
    let w = area.width.min(100);
    let h = area
        .height
        .min(state.copies.len() as u16 * 2 + 2)
        .max(area.height.min(4));
    let popup = super::popup(frame, area, w, h);
    let cols = usize::from(w.saturating_sub(2));
    let mut lines = Vec::new();
    for (n, c) in state.copies.iter().enumerate() {
        let title = match (state.conference.session(&c.session), &c.deleted_session) {
            (Some(s), _) => s.title.clone(),
            (None, Some(s)) => t!("ui.copy_deleted_session", title = s.title).into_owned(),
            (None, None) => t!("ui.copy_not_in_schedule", session = c.session).into_owned(),
        };
        let kind = match c.kind {
            CopyKind::Recovery => t!("ui.copy_recovery"),
            CopyKind::Conflict => t!("ui.copy_conflict"),
            CopyKind::Unsaved => t!("ui.copy_unsaved"),
            CopyKind::Deleted => t!("ui.copy_deleted"),
        };
        let adds = if state.copy_adds(c) {
            t!("ui.copy_adds")
        } else {
            t!("ui.copy_adds_nothing")
        };
        let head = format!("{title}  ·  {adds}");
        let detail = format!(
            "  {}",
            t!(
                "ui.copy_detail",
                file = c.file_name(),
                kind = kind,
                saved = c.saved_at.format("%m/%d %H:%M")
            )
        );
        let style = if n == selected {
            theme.selected()
        } else {
            ratatui::style::Style::default()
        };
        lines.push(Line::raw(truncate(&head, cols).into_owned()).style(style));
        lines.push(Line::styled(truncate(&detail, cols).into_owned(), theme.dim()).style(style));
    }
    let rows = usize::from(h.saturating_sub(2)).max(1);
    let scroll = (selected * 2 + 2).saturating_sub(rows) as u16;
    let block = Block::bordered()
        .title(format!(" {} ", t!("ui.copies")))
        .title_bottom(format!(" {} ", t!("ui.copies_keys")))
        .border_style(theme.border(true));
    frame.render_widget(
        Paragraph::new(lines).block(block).scroll((scroll, 0)),
        popup,
    );
}
