//! The Follow-ups pane: every follow-up of the conference (open first), each with the session it
//! came from, filtered to open or done on request, and in the every-conference view the other
//! conferences' follow-ups after them.

use rust_i18n::t;

use super::Canvas;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use super::{draw_lines, draw_pane, focused, is_visible};
use crate::action::Pane;
use crate::model::followups::Show;
use crate::model::outline::FollowUp;
use crate::state::layout;
use crate::state::{FollowUpRow, State};
use crate::text::{truncate, width};

pub fn render_followups(state: &State, theme: Theme, frame: &mut Canvas, area: Rect) {
    if !is_visible(area) {
        return;
    }
    let focus = focused(state, Pane::FollowUps);
    let foreign_open = state
        .follow_ups
        .foreign
        .iter()
        .flatten()
        .filter(|f| f.item.state == FollowUp::Open)
        .count();
    let open = state
        .follow_ups
        .items
        .iter()
        .filter(|f| f.state == FollowUp::Open)
        .count()
        + foreign_open;
    let mut title = if state.notes_loading {
        t!("ui.followups_loading").into_owned()
    } else {
        t!("ui.followups_open", open = open).into_owned()
    };
    match state.follow_ups.show {
        Show::All => {}
        Show::Open => title.push_str(&t!("ui.open_only")),
        Show::Done => title.push_str(&t!("ui.done_only")),
    }
    if state.follow_ups.foreign.is_some() {
        title.push_str(&t!("ui.all_conferences"));
    }
    draw_pane(frame, theme, &title, 3, focus, area);
    let inside = layout::inner(area);
    let view = state.followup_view();
    if view.is_empty() {
        let hint = if state.notes_loading {
            t!("ui.reading_notes")
        } else if state.follow_ups.items.is_empty() && state.follow_ups.foreign.is_none() {
            t!("ui.no_followups")
        } else {
            t!("ui.nothing_to_show")
        };
        draw_lines(
            frame,
            inside,
            &[Line::styled(hint.into_owned(), theme.dim())],
        );
        return;
    }
    let rows = usize::from(inside.height);
    let top = (state.follow_ups.selected + 1).saturating_sub(rows);
    let w = usize::from(inside.width);
    let lines: Vec<Line> = view
        .iter()
        .enumerate()
        .skip(top)
        .take(rows)
        .map(|(n, row)| {
            let line = row_line(state, theme, *row, w);
            if n == state.follow_ups.selected && focus {
                line.style(theme.selected())
            } else {
                line
            }
        })
        .collect();
    draw_lines(frame, inside, &lines);
}

fn row_line(state: &State, theme: Theme, row: FollowUpRow, w: usize) -> Line<'static> {
    let (item, source) = match row {
        FollowUpRow::Local(i) => {
            let f = &state.follow_ups.items[i];
            let source = state
                .conference
                .session(&f.session)
                .map_or_else(String::new, |s| {
                    let start = super::when::day_hm(&state.conference.local(&s.start));
                    format!("  {start} {}", s.title)
                });
            (f, source)
        }
        FollowUpRow::Foreign(i) => {
            let f = &state
                .follow_ups
                .foreign
                .as_ref()
                .expect("foreign rows come from it")[i];
            let source = format!("  {} · {} {}", f.conference, f.when, f.session_title);
            (&f.item, source)
        }
    };
    let (glyph, style) = match item.state {
        FollowUp::Open => ("☐ ", theme.follow_up_open()),
        FollowUp::Done => ("☑ ", theme.follow_up_done()),
    };
    let text_cols = w.saturating_sub(2).min(w * 3 / 5);
    // The session's own slides mark is named in the interface's language; a bullet is the
    // writer's text.
    let slides;
    let shown = if item.bullet.is_none() {
        slides = t!("ui.slides_item");
        slides.as_ref()
    } else {
        item.text.as_str()
    };
    let text = truncate(shown, text_cols).into_owned();
    let rest = w.saturating_sub(2 + width(&text));
    Line::from(vec![
        Span::styled(glyph, style),
        Span::styled(text, style),
        Span::styled(truncate(&source, rest).into_owned(), theme.dim()),
    ])
}
