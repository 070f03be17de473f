//! The session form and the new conference's form: one labelled line per field, the rooms that
//! match while typing a room, what is wrong after a refused save, and the terminal cursor at the
//! insertion point of the field typed in (where an IME opens its candidates).

use rust_i18n::t;

use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::Canvas;
use super::theme::Theme;
use crate::state::{Form, FormKind, State};
use crate::text::{next_boundary, truncate, width};

/// A field's label in the interface's language (the form knows its fields by English name).
fn field_label(name: &str) -> String {
    let id = match name {
        "Title" => "ui.field_title",
        "Day" => "ui.field_day",
        "Start" => "ui.field_start",
        "End or length" => "ui.field_end",
        "Room" => "ui.field_room",
        "Speakers" => "ui.field_speakers",
        "Track" => "ui.field_track",
        "URL" => "ui.field_url",
        "Name" => "ui.field_name",
        "First day" => "ui.field_first_day",
        "Last day" => "ui.field_last_day",
        "Time zone" => "ui.field_tz",
        "Id" => "ui.field_id",
        other => return other.to_string(),
    };
    t!(id).into_owned()
}

pub fn render_form(state: &State, theme: Theme, frame: &mut Canvas, area: Rect) {
    let Some(f) = &state.overlays.form else {
        return;
    };
    let labels: Vec<String> = f.labels().iter().map(|l| field_label(l)).collect();
    let w = area.width.min(72);
    let h = area.height.min(labels.len() as u16 + 3);
    if w < 3 || h < 3 {
        return;
    }
    let popup = super::popup(frame, area, w, h);
    let label_w = labels.iter().map(|l| width(l)).max().unwrap_or(0) + 2;
    let inner_w = usize::from(w - 2);
    let value_w = inner_w.saturating_sub(label_w + 1).max(1);
    let mut lines: Vec<Line> = Vec::with_capacity(labels.len() + 1);
    let mut cursor = None;
    for (i, label) in labels.iter().enumerate() {
        let text = &f.fields[i];
        let focused = i == f.focus;
        let (shown, before) = if focused {
            scrolled(text, f.cursor, value_w)
        } else {
            (truncate(text, value_w).into_owned(), 0)
        };
        let label_style = if focused {
            theme.selected()
        } else {
            theme.title()
        };
        let pad = label_w.saturating_sub(width(label));
        // Text that typing would replace shows selected.
        let text_style = if focused && f.selected {
            theme.selected()
        } else {
            ratatui::style::Style::default()
        };
        lines.push(Line::from(vec![
            Span::styled(format!(" {label}{}", " ".repeat(pad - 1)), label_style),
            Span::raw(" "),
            Span::styled(shown, text_style),
        ]));
        if focused {
            cursor = Some((i, label_w + 1 + before));
        }
    }
    lines.push(footer(state, f, theme, inner_w));
    let title = match &f.kind {
        FormKind::Session(None) => t!("ui.new_session"),
        FormKind::Session(Some(_)) => t!("ui.edit_session"),
        FormKind::Conference => t!("ui.new_conference"),
    };
    let block = Block::bordered()
        .title(title)
        .title_bottom(t!("ui.form_keys"))
        .border_style(theme.border(true));
    frame.render_widget(Paragraph::new(lines).block(block), popup);
    if let Some((row, col)) = cursor {
        let inner = Rect::new(popup.x + 1, popup.y + 1, w - 2, h - 2);
        if (row as u16) < inner.height {
            let x = inner.x + (col as u16).min(inner.width.saturating_sub(1));
            frame.set_cursor_position(Position::new(x, inner.y + row as u16));
        }
    }
}

/// The line under the fields: what is wrong, else the rooms to choose from in the room field,
/// else how times and lengths may be typed.
fn footer(state: &State, f: &Form, theme: Theme, cols: usize) -> Line<'static> {
    if let Some((_, why)) = &f.error {
        return Line::styled(
            truncate(&format!(" {why}"), cols).into_owned(),
            theme.error(),
        );
    }
    let hint = if f.in_room_field() {
        let rooms = state.room_matches();
        if rooms.is_empty() {
            t!("ui.new_room").into_owned()
        } else {
            format!(" ↑↓ {}", rooms.join(" · "))
        }
    } else {
        match f.kind {
            FormKind::Session(_) => t!("ui.times_hint").into_owned(),
            FormKind::Conference => t!("ui.dates_hint").into_owned(),
        }
    };
    Line::styled(truncate(&hint, cols).into_owned(), theme.dim())
}

/// `text` as shown in `cols` columns with the cursor at byte `cursor` in view, and the columns
/// before the cursor.
fn scrolled(text: &str, cursor: usize, cols: usize) -> (String, usize) {
    let room = cols.saturating_sub(1);
    let mut from = 0;
    while from < cursor && width(&text[from..cursor]) > room {
        from = next_boundary(text, from);
    }
    if from == 0 {
        return (truncate(text, cols).into_owned(), width(&text[..cursor]));
    }
    let skip = next_boundary(text, from).min(cursor);
    let shown = format!("…{}", &text[skip..]);
    (
        truncate(&shown, cols).into_owned(),
        1 + width(&text[skip..cursor]),
    )
}
