//! The export dialog over the panes while the export prompt is open: what, for which platform,
//! in which language and where to, the row with the keyboard highlighted; the file's path is
//! typed in the status bar beneath, with Tab's completions listed here.

use rust_i18n::t;

use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;

use super::theme::Theme;
use super::{Canvas, draw_lines};
use crate::state::State;
use crate::state::export::{Destination, Row, Scope};
use crate::text::truncate;

/// At most this many of Tab's completions are listed.
const LISTED: usize = 6;

pub fn render_export(state: &State, theme: Theme, frame: &mut Canvas, area: Rect) {
    let e = &state.export;
    let listed = e.completions.len().min(LISTED);
    let h = (8 + listed as u16 + u16::from(listed > 0)).min(area.height.saturating_sub(1));
    let w = area.width.min(64);
    // Just above the status bar, where the path is typed.
    let [main, _status] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    let [column] = Layout::horizontal([Constraint::Length(w)])
        .flex(Flex::Center)
        .areas(main);
    let [popup] = Layout::vertical([Constraint::Length(h)])
        .flex(Flex::End)
        .areas(column);
    frame.render_widget(ratatui::widgets::Clear, popup);
    let block = Block::bordered()
        .title(format!(" {} ", t!("ui.export")))
        .border_style(theme.border(true));
    let inside = block.inner(popup);
    frame.render_widget(block, popup);
    let day = state
        .conference
        .days()
        .get(state.schedule.day)
        .map(super::when::day)
        .unwrap_or_default();
    let what = match e.choices.scope {
        Scope::Day => t!("ui.scope_day", day = day).into_owned(),
        Scope::All => t!("ui.scope_all").into_owned(),
        Scope::Session => match state.selected_session() {
            Some(s) => t!("ui.scope_session", title = s.title).into_owned(),
            None => t!("ui.scope_none").into_owned(),
        },
    };
    let to = match e.choices.to {
        Destination::File => t!("ui.to_file"),
        Destination::Clipboard => t!("ui.to_clipboard"),
    };
    let cols = usize::from(inside.width);
    let row = |r: Row, label: &str, value: &str| {
        let text = format!(" {}‹ {value} ›", pad_to(label, 9));
        let line = Line::raw(truncate(&text, cols).into_owned());
        if e.row == r {
            line.style(theme.selected())
        } else {
            line
        }
    };
    let file = match e.choices.to {
        Destination::File => t!("ui.file_hint"),
        Destination::Clipboard => t!("ui.file_unused"),
    };
    let mut lines = vec![
        row(Row::What, &t!("ui.row_what"), &what),
        row(Row::Target, &t!("ui.row_for"), e.choices.target.label()),
        row(Row::Lang, &t!("ui.row_lang"), e.lang().label()),
        row(Row::To, &t!("ui.row_to"), &to),
        {
            let line = Line::from(Span::styled(
                truncate(&format!(" {}{file}", pad_to(&t!("ui.row_file"), 9)), cols).into_owned(),
                theme.dim(),
            ));
            if e.row == Row::File {
                line.style(theme.selected())
            } else {
                line
            }
        },
    ];
    if listed > 0 {
        let more = e.completions.len() - listed;
        let found = if more > 0 {
            format!(
                " {}:",
                t!("ui.tab_found_more", n = e.completions.len(), more = more)
            )
        } else {
            format!(" {}:", t!("ui.tab_found_all"))
        };
        lines.push(Line::styled(
            truncate(&found, cols).into_owned(),
            theme.dim(),
        ));
        for name in e.completions.iter().take(LISTED) {
            lines.push(Line::raw(
                truncate(&format!("   {name}"), cols).into_owned(),
            ));
        }
    }
    lines.push(Line::styled(
        truncate(&t!("ui.export_keys"), cols).into_owned(),
        theme.dim(),
    ));
    draw_lines(frame, inside, &lines);
}

/// `label` and spaces to `cols` columns (at least one space after it).
fn pad_to(label: &str, cols: usize) -> String {
    let w = crate::text::width(label);
    format!("{label}{}", " ".repeat(cols.saturating_sub(w).max(1)))
}
