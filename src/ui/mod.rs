//! Drawing: `render(&State, &mut Frame)` lays out the panes and hands each to its module. Reads
//! state, never changes it, never touches the disk.

mod followups;
mod help;
pub mod layout;
pub mod notes;
mod picker;
mod schedule;
mod search;
mod status;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType};

use crate::action::Pane;
use crate::state::State;
use theme::Theme;

pub fn render(state: &State, frame: &mut Frame) {
    let area = frame.area();
    let a = layout::areas((area.width, area.height), state.focus);
    let theme = Theme { color: state.color };
    schedule::render_schedule(state, theme, frame, a.schedule);
    notes::render_notes(state, theme, frame, a.notes);
    followups::render_followups(state, theme, frame, a.followups);
    status::render_status(state, theme, frame, a.status);
    if let Some(search) = &state.search {
        search::render_search(state, search, theme, frame, area);
    }
    if state.picker.is_some() {
        picker::render_picker(state, theme, frame, area);
    }
    if state.help {
        help::render_help(state, theme, frame, area);
    }
}

/// A pane's frame: its number (the key that focuses it) and title, bright when focused.
fn pane_block(theme: Theme, title: String, number: u8, focused: bool) -> Block<'static> {
    Block::bordered()
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(theme.border(focused))
        .title(format!(" {number} {title} "))
}

/// Draws one line per row from the top of `area`, cut at its width. Cheaper than a `Paragraph`,
/// which reflows every line: these lines are already laid out.
fn draw_lines(frame: &mut Frame, area: Rect, lines: &[Line]) {
    let buf = frame.buffer_mut();
    for (y, line) in (area.y..area.bottom()).zip(lines) {
        // A line's own style (a selected row) spans the whole row, as in a Paragraph.
        buf.set_style(Rect::new(area.x, y, area.width, 1), line.style);
        buf.set_line(area.x, y, line, area.width);
    }
}

fn is_visible(r: Rect) -> bool {
    r.width > 0 && r.height > 0
}

/// Whether `pane` has the keyboard: focused, and no overlay or prompt in front of it.
fn focused(state: &State, pane: Pane) -> bool {
    state.focus == pane && !state.help && state.prompt.is_none() && state.picker.is_none()
}
