//! The Follow-ups pane: every follow-up of the conference, open ones first, each with the session
//! it came from.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::layout;
use super::theme::Theme;
use super::{focused, is_visible, pane_block};
use crate::action::Pane;
use crate::outline::FollowUp;
use crate::state::State;
use crate::text::{truncate, width};

pub fn render_followups(state: &State, theme: Theme, frame: &mut Frame, area: Rect) {
    if !is_visible(area) {
        return;
    }
    let focus = focused(state, Pane::FollowUps);
    let open = state
        .followups
        .iter()
        .filter(|f| f.state == FollowUp::Open)
        .count();
    let title = format!("Follow-ups ({open} open)");
    frame.render_widget(pane_block(theme, title, 3, focus), area);
    let inside = layout::inner(area);
    if state.followups.is_empty() {
        let hint = Line::styled(
            "None yet. Ctrl-T on a bullet, or type \"[ ] \"",
            theme.dim(),
        );
        frame.render_widget(Paragraph::new(hint), inside);
        return;
    }
    let rows = usize::from(inside.height);
    let top = (state.followup_selected + 1).saturating_sub(rows);
    let w = usize::from(inside.width);
    let lines: Vec<Line> = state
        .followups
        .iter()
        .enumerate()
        .skip(top)
        .take(rows)
        .map(|(n, f)| {
            let (glyph, style) = match f.state {
                FollowUp::Open => ("☐ ", theme.follow_up_open()),
                FollowUp::Done => ("☑ ", theme.follow_up_done()),
            };
            let source = state
                .conference
                .session(&f.session)
                .map_or_else(String::new, |s| {
                    let start = state.conference.local(&s.start).format("%a %H:%M");
                    format!("  {start} {}", s.title)
                });
            let text_cols = w.saturating_sub(2).min(w * 3 / 5);
            let text = truncate(&f.text, text_cols).into_owned();
            let rest = w.saturating_sub(2 + width(&text));
            let mut line = Line::from(vec![
                Span::styled(glyph, style),
                Span::styled(text, style),
                Span::styled(truncate(&source, rest).into_owned(), theme.dim()),
            ]);
            if n == state.followup_selected && focus {
                line = line.style(theme.selected());
            }
            line
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inside);
}
