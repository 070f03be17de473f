//! The export dialog over the panes while the export prompt is open: what, for which platform,
//! in which language and where to, the row with the keyboard highlighted; the file's path is
//! typed in the status bar beneath, with Tab's completions listed here.

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
        .title(" Export ")
        .border_style(theme.border(true));
    let inside = block.inner(popup);
    frame.render_widget(block, popup);
    let day = state
        .conference
        .days()
        .get(state.schedule.day)
        .map(|d| d.format("%a %m/%d").to_string())
        .unwrap_or_default();
    let what = match e.choices.scope {
        Scope::Day => format!("the day shown ({day})"),
        Scope::All => "every day".to_string(),
        Scope::Session => match state.selected_session() {
            Some(s) => format!("this session: {}", s.title),
            None => "this session (none selected)".to_string(),
        },
    };
    let to = match e.choices.to {
        Destination::File => "a file (typed below)",
        Destination::Clipboard => "the clipboard, through the terminal",
    };
    let cols = usize::from(inside.width);
    let row = |r: Row, label: &str, value: &str| {
        let text = format!(" {label:<9}‹ {value} ›");
        let line = Line::raw(truncate(&text, cols).into_owned());
        if e.row == r {
            line.style(theme.selected())
        } else {
            line
        }
    };
    let file = match e.choices.to {
        Destination::File => "↓ type the path in the bar below; Tab completes",
        Destination::Clipboard => "(not used: the post goes to the clipboard)",
    };
    let mut lines = vec![
        row(Row::What, "What", &what),
        row(Row::Target, "For", e.choices.target.label()),
        row(Row::Lang, "Language", e.lang().label()),
        row(Row::To, "To", to),
        {
            let line = Line::from(Span::styled(
                truncate(&format!(" {:<9}{file}", "File"), cols).into_owned(),
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
                " Tab found {} ({more} not shown: type more):",
                e.completions.len()
            )
        } else {
            " Tab found:".to_string()
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
        truncate(" ↑↓ row · ←→ change · Enter exports · Esc", cols).into_owned(),
        theme.dim(),
    ));
    draw_lines(frame, inside, &lines);
}
