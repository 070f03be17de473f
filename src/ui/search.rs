//! Search results over the panes while the search prompt is open: each hit's session and time,
//! then the matching line with the matched words highlighted.

use rust_i18n::t;

use super::Canvas;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;

use super::draw_lines;
use super::theme::Theme;
use crate::model::search::Search;
use crate::state::State;
use crate::text::{match_ranges, truncate};

pub fn render_search(state: &State, search: &Search, theme: Theme, frame: &mut Canvas, area: Rect) {
    let popup = super::results_popup(frame, area);
    let title = match (search.hits.len(), search.more) {
        (0, _) if search.terms.is_empty() => format!(" {} ", t!("ui.search")),
        (n, false) => format!(" {} ", t!("ui.search_found", n = n)),
        (n, true) => format!(" {} ", t!("ui.search_first", n = n)),
    };
    let block = Block::bordered()
        .title(title)
        .border_style(theme.border(true));
    let inside = block.inner(popup);
    frame.render_widget(block, popup);
    if search.hits.is_empty() {
        let hint = if search.terms.is_empty() {
            t!("ui.search_hint")
        } else {
            t!("ui.nothing_found")
        };
        draw_lines(frame, inside, &[Line::styled(hint, theme.dim())]);
        return;
    }
    let cols = usize::from(inside.width);
    let per_hit = 2;
    let fit = (usize::from(inside.height) / per_hit).max(1);
    let top = (search.selected + 1).saturating_sub(fit);
    let mut lines = Vec::new();
    for (n, hit) in search.hits.iter().enumerate().skip(top).take(fit) {
        let Some(s) = state.conference.session(&hit.session) else {
            continue;
        };
        let when = super::when::day_and_time(&state.conference.local(&s.start));
        let session = t!("ui.hit_session");
        let what = if hit.bullet.is_some() {
            s.title.as_str()
        } else {
            session.as_ref()
        };
        let head = truncate(&format!("{when}  {what}"), cols).into_owned();
        let mut head = Line::styled(head, theme.dim());
        let mut body = highlighted(&hit.text, &search.terms, theme, cols);
        if n == search.selected {
            head = head.style(theme.selected());
            body = body.style(theme.selected());
        }
        lines.push(head);
        lines.push(body);
    }
    draw_lines(frame, inside, &lines);
}

/// `text` cut to `cols` columns with the matched words in a bold, reversed style.
fn highlighted(text: &str, terms: &[String], theme: Theme, cols: usize) -> Line<'static> {
    let shown = truncate(text, cols).into_owned();
    let hit = theme
        .follow_up_open()
        .add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    let mut spans = vec![Span::raw("  ")];
    let mut at = 0;
    for r in match_ranges(&shown, terms) {
        spans.push(Span::raw(shown[at..r.start].to_string()));
        spans.push(Span::styled(shown[r.clone()].to_string(), hit));
        at = r.end;
    }
    spans.push(Span::raw(shown[at..].to_string()));
    Line::from(spans)
}
