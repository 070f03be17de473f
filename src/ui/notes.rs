//! The Notes pane: the selected session's title, time, room and speakers, then its outline,
//! wrapped by display width. Only the bullets on screen are laid out, so a session with 10,000
//! bullets draws as fast as one with ten. The terminal cursor is put at the insertion point so an
//! IME's candidate window opens where the text goes.

use rust_i18n::t;

use super::Canvas;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use super::{draw_lines, draw_pane, focused, is_visible};
use crate::action::Pane;
use crate::model::outline::editor::{Editor, INDENT_COLS, MARKER_COLS};
use crate::model::outline::{Bullet, FollowUp, Kind};
use crate::model::schedule::Session;
use crate::state::State;
use crate::state::layout::{self, GUTTER_COLS, abstract_rows};
use crate::text::truncate;
use crate::text::wrap;

pub fn render_notes(state: &State, theme: Theme, frame: &mut Canvas, area: Rect) {
    if !is_visible(area) {
        return;
    }
    let focus = focused(state, Pane::Notes);
    draw_pane(frame, theme, &t!("ui.notes"), 2, focus, area);
    let session = state.selected_session();
    let parts = state.layout().notes;
    let Some(session) = session else {
        let inside = layout::inner(area);
        let lines = super::wrapped(&t!("ui.no_session"), inside.width, theme.dim());
        draw_lines(frame, inside, &lines);
        return;
    };
    render_header(state, session, theme, frame, parts.header, state.details);
    let Some(editor) = state.notes.get(&session.id) else {
        let hint = if state.access.read_only {
            t!("ui.no_notes_read_only")
        } else {
            t!("ui.no_notes")
        };
        let lines = super::wrapped(&hint, parts.text.width, theme.dim());
        draw_lines(frame, parts.text, &lines);
        return;
    };
    let body = Body {
        editor,
        session,
        theme,
        width: usize::from(parts.text.width),
        height: usize::from(parts.text.height),
        gutter: parts.gutter.width > 0,
    };
    let (text, gutter, cursor) = body.lines();
    draw_lines(frame, parts.text, &text);
    if parts.gutter.width > 0 {
        draw_lines(frame, parts.gutter, &gutter);
    }
    if let (true, Some((col, row))) = (focus, cursor) {
        let x = parts.text.x + (col as u16).min(parts.text.width.saturating_sub(1));
        frame.set_cursor_position(Position::new(x, parts.text.y + row as u16));
    }
}

/// What decides where everything in the pane goes, apart from the lines themselves: while it
/// stays the same, the pane can be drawn again row by row (see `painter`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shape {
    parts: layout::NotesAreas,
    session: Option<String>,
    has_notes: bool,
    focused: bool,
}

pub fn shape(state: &State) -> Shape {
    let session = state.selected_session();
    Shape {
        parts: state.layout().notes,
        session: session.map(|s| s.id.clone()),
        has_notes: session.is_some_and(|s| state.notes.contains_key(&s.id)),
        focused: focused(state, Pane::Notes),
    }
}

fn render_header(
    state: &State,
    s: &Session,
    theme: Theme,
    frame: &mut Canvas,
    area: Rect,
    details: bool,
) {
    if area.height == 0 {
        return;
    }
    let w = usize::from(area.width);
    let c = &state.conference;
    let (start, end) = (c.local(&s.start), c.local(&s.end));
    let when = format!(
        "{} {}",
        super::when::day(&start),
        super::when::range(&start, &end)
    );
    let mut place = vec![when];
    // Said before the room and track, where a narrow pane cannot cut it off.
    if s.removed {
        place.push(t!("ui.removed_from_schedule").into_owned());
    }
    place.extend((!s.room.is_empty()).then(|| s.room.clone()));
    place.extend(s.track.clone());
    if s.adhoc {
        place.push(t!("ui.ad_hoc").into_owned());
    }
    let meta = state.session_meta.get(&s.id);
    if meta.is_some_and(|m| m.slides_pending()) {
        place.push(t!("ui.slides_pending").into_owned());
    }
    let cut = |t: &str| truncate(t, w).into_owned();
    let mut lines = vec![
        Line::styled(cut(&s.title), theme.title()),
        Line::styled(cut(&place.join(" · ")), theme.time()),
        Line::styled(cut(&s.speakers.join(", ")), theme.dim()),
    ];
    if details {
        // Links first: on a small screen the abstract is what gets cut.
        for link in meta.iter().flat_map(|m| &m.links) {
            lines.push(Line::styled(cut(&format!("→ {link}")), theme.marker()));
        }
        if let Some(url) = &s.url {
            lines.push(Line::styled(cut(url), theme.marker()));
        }
        // What the schedule publishes: slides and recordings here; chat, feedback and other
        // links after the abstract, which matters more on a small screen.
        let link_line = |l: &crate::model::schedule::Link| {
            let label = match l.kind {
                crate::model::schedule::LinkKind::Slides => t!("ui.link_slides"),
                crate::model::schedule::LinkKind::Video => t!("ui.link_video"),
                crate::model::schedule::LinkKind::Chat => t!("ui.link_chat"),
                crate::model::schedule::LinkKind::Feedback => t!("ui.link_feedback"),
                crate::model::schedule::LinkKind::Other => t!("ui.link_other"),
            };
            Line::styled(cut(&format!("{label}: {}", l.url)), theme.marker())
        };
        lines.extend(s.links.iter().filter(|l| l.is_material()).map(link_line));
        let rows = abstract_rows(s, w);
        if rows.is_empty() && s.url.is_none() {
            lines.push(Line::styled(t!("ui.no_abstract"), theme.dim()));
        }
        let cut_off = crate::state::layout::abstract_is_cut(s, w);
        let last = rows.len().saturating_sub(1);
        lines.extend(rows.into_iter().enumerate().map(|(i, r)| {
            // More of the abstract than fits: its last row says so.
            if cut_off && i == last {
                Line::raw(more_after(r, w))
            } else {
                Line::raw(r.to_string())
            }
        }));
        lines.extend(s.links.iter().filter(|l| !l.is_material()).map(link_line));
    }
    // The rule under the header stays its last row however few rows the header gets.
    let rows = usize::from(area.height);
    if rows > 1 {
        // Details the header cannot hold: its last row says there is more (a taller terminal
        // shows it).
        if lines.len() > rows - 1 && rows > 2 {
            lines.truncate(rows - 1);
            if let Some(last) = lines.last_mut() {
                let text: String = last.spans.iter().map(|s| s.content.as_ref()).collect();
                *last = Line::styled(more_after(&text, w), last.style);
            }
        }
        lines.truncate(rows - 1);
        lines.push(Line::styled("─".repeat(w), theme.dim()));
    }
    draw_lines(frame, area, &lines);
}

/// `text` in `w` columns ending with one "…": more follows that is not shown.
fn more_after(text: &str, w: usize) -> String {
    let text = text.trim_end();
    if crate::text::width(text) < w {
        format!("{text}…")
    } else {
        // Cut one column short of the edge, it ends with "…" already.
        truncate(text, w.saturating_sub(1)).into_owned()
    }
}

/// Lays out the visible part of an outline.
struct Body<'a> {
    editor: &'a Editor,
    session: &'a Session,
    theme: Theme,
    width: usize,
    height: usize,
    /// Whether the "+12m" gutter is shown (its lines are only made then).
    gutter: bool,
}

impl<'a> Body<'a> {
    /// Text rows, gutter rows and the cursor's (column, row) within the text area.
    fn lines(&self) -> (Vec<Line<'a>>, Vec<Line<'static>>, Option<(usize, usize)>) {
        let e = self.editor;
        let o = &e.outline;
        let mut text = Vec::with_capacity(self.height);
        let mut gutter = Vec::with_capacity(if self.gutter { self.height } else { 0 });
        let mut cursor = None;
        let mut line = Some(e.top.line.min(o.len() - 1));
        let mut skip = e.top.row;
        while let Some(i) = line {
            if text.len() >= self.height {
                break;
            }
            let b = &o.bullets()[i];
            let rows = e.rows(i, self.width);
            let cursor_row =
                (e.cursor.line == i).then(|| wrap::locate(&b.text, &rows, e.cursor.byte));
            let indent = b.depth * INDENT_COLS;
            for (r, range) in rows.iter().enumerate().skip(skip) {
                if text.len() >= self.height {
                    break;
                }
                if let Some((_, col)) = cursor_row.filter(|&(cr, _)| cr == r) {
                    cursor = Some((indent + MARKER_COLS + col, text.len()));
                }
                let mut spans = vec![Span::raw(" ".repeat(indent))];
                if r == 0 {
                    spans.push(self.marker(b, o.descendants(i)));
                } else {
                    spans.push(Span::raw(" ".repeat(MARKER_COLS)));
                }
                spans.push(Span::styled(&b.text[range.clone()], self.text_style(b)));
                if r + 1 == rows.len() && b.collapsed && o.descendants(i) > 0 {
                    let n = o.descendants(i);
                    spans.push(Span::styled(format!(" (+{n})"), self.theme.dim()));
                }
                text.push(Line::from(spans));
                if self.gutter {
                    gutter.push(if r == 0 {
                        self.minute(b)
                    } else {
                        Line::raw("")
                    });
                }
            }
            skip = 0;
            line = o.next_visible(i);
        }
        (text, gutter, cursor)
    }

    fn marker(&self, b: &Bullet, children: usize) -> Span<'static> {
        let glyph = match (b.follow_up, b.kind) {
            _ if b.collapsed && children > 0 => "▸ ",
            (Some(FollowUp::Open), _) => "☐ ",
            (Some(FollowUp::Done), _) => "☑ ",
            (None, Kind::Paragraph) => "  ",
            (None, Kind::Bullet) => "• ",
        };
        let style = match b.follow_up {
            Some(FollowUp::Open) => self.theme.follow_up_open(),
            _ => self.theme.marker(),
        };
        Span::styled(glyph, style)
    }

    fn text_style(&self, b: &Bullet) -> Style {
        match b.follow_up {
            Some(FollowUp::Done) => self.theme.follow_up_done(),
            _ => Style::new(),
        }
    }

    /// "+12m": how far into the session the bullet was written; nothing for a bullet written
    /// at another time.
    fn minute(&self, b: &Bullet) -> Line<'static> {
        let label = self
            .session
            .minute_into(b.created)
            .map(crate::model::schedule::minute_label)
            .unwrap_or_default();
        let cols = usize::from(GUTTER_COLS) - 1;
        Line::styled(format!("{label:>cols$} "), self.theme.dim())
    }
}
