//! Drawing: `render(&State, &mut Frame)` lays out the panes and hands each to its module. Reads
//! state, never changes it, never touches the disk.

mod cells;
mod copies;
mod export;
mod followups;
mod form;
mod grid;
mod help;
mod log;
mod mover;
pub mod notes;
pub mod painter;
mod picker;
mod rooms;
mod rows;
mod schedule;
pub mod screen;
mod search;
mod status;
pub mod theme;
mod when;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::Widget;

use crate::action::Pane;
use crate::state::State;
use theme::Theme;

pub fn render(state: &State, frame: &mut Frame) {
    let area = frame.area();
    let mut canvas = Canvas::new(frame.buffer_mut());
    draw(state, &mut canvas, area);
    if let Some(p) = canvas.cursor {
        frame.set_cursor_position(p);
    }
}

/// What the panes draw into: the frame's cells, and where the terminal cursor goes. The same
/// calls as ratatui's `Frame`, which only a ratatui `Terminal` can make; kaigi's own screen
/// (`crate::ui::screen`) keeps its cells between frames.
pub struct Canvas<'a> {
    buf: &'a mut Buffer,
    cursor: Option<Position>,
    /// With a memo, lines are drawn only on rows where they changed (see `rows`), and each row
    /// drawn is listed in `drawn`.
    memo: Option<&'a mut rows::RowMemo>,
    drawn: Vec<Rect>,
}

impl<'a> Canvas<'a> {
    pub fn new(buf: &'a mut Buffer) -> Self {
        Canvas {
            buf,
            cursor: None,
            memo: None,
            drawn: Vec::new(),
        }
    }

    fn with_memo(buf: &'a mut Buffer, memo: &'a mut rows::RowMemo) -> Self {
        Canvas {
            memo: Some(memo),
            ..Canvas::new(buf)
        }
    }

    pub fn buffer_mut(&mut self) -> &mut Buffer {
        self.buf
    }

    pub fn render_widget<W: Widget>(&mut self, widget: W, area: Rect) {
        widget.render(area, self.buf);
    }

    pub fn set_cursor_position(&mut self, p: Position) {
        self.cursor = Some(p);
    }

    /// Where the terminal cursor goes: the insertion point, or hidden.
    pub fn cursor(&self) -> Option<Position> {
        self.cursor
    }
}

/// The whole screen of `area` size, into a cleared canvas.
pub fn draw(state: &State, frame: &mut Canvas, area: Rect) {
    let a = state.layout().areas;
    let theme = Theme { color: state.color };
    schedule::render_schedule(state, theme, frame, a.schedule);
    notes::render_notes(state, theme, frame, a.notes);
    followups::render_followups(state, theme, frame, a.followups);
    status::render_status(state, theme, frame, a.status);
    draw_overlays(state, theme, frame, area);
}

/// Whether an overlay (search, picker, help) covers part of the panes.
pub fn has_overlay(state: &State) -> bool {
    state.overlays.search.is_some()
        || state.overlays.picker.is_some()
        || state.overlays.form.is_some()
        || state.overlays.mover.is_some()
        || state.overlays.help
        || state.overlays.copies_open.is_some()
        || state.overlays.log_open.is_some()
        || export_open(state)
        || state.overlays.rooms.is_some()
}

fn export_open(state: &State) -> bool {
    state
        .overlays
        .prompt
        .as_ref()
        .is_some_and(|p| p.kind == crate::state::PromptKind::Export)
}

fn draw_overlays(state: &State, theme: Theme, frame: &mut Canvas, area: Rect) {
    if let Some(search) = &state.overlays.search {
        search::render_search(state, search, theme, frame, area);
    }
    if let Some(m) = &state.overlays.mover {
        mover::render_mover(state, m, theme, frame, area);
    }
    if let Some(c) = &state.overlays.rooms {
        rooms::render_rooms(state, c, theme, frame, area);
    }
    if export_open(state) {
        export::render_export(state, theme, frame, area);
    }
    if state.overlays.picker.is_some() {
        picker::render_picker(state, theme, frame, area);
    }
    if state.overlays.form.is_some() {
        form::render_form(state, theme, frame, area);
    }
    if state.overlays.copies_open.is_some() {
        copies::render_copies(state, theme, frame, area);
    }
    if state.overlays.log_open.is_some() {
        log::render_log(state, theme, frame, area);
    }
    if state.overlays.help {
        help::render_help(state, theme, frame, area);
    }
}

/// A pane's frame: its number (the key that focuses it) and title, bright when focused. Drawn
/// cell by cell along the edges only: a `Block` also restyles every cell inside, which costs a
/// tenth of a frame on a large terminal and is not needed here.
fn draw_pane(frame: &mut Canvas, theme: Theme, title: &str, number: u8, focused: bool, area: Rect) {
    if area.width < 2 || area.height < 2 {
        return;
    }
    let set = if focused {
        ratatui::symbols::border::THICK
    } else {
        ratatui::symbols::border::PLAIN
    };
    let style = theme.border(focused);
    let buf = frame.buffer_mut();
    let (left, right) = (area.left(), area.right() - 1);
    let (top, bottom) = (area.top(), area.bottom() - 1);
    for x in left + 1..right {
        buf[(x, top)]
            .set_symbol(set.horizontal_top)
            .set_style(style);
        buf[(x, bottom)]
            .set_symbol(set.horizontal_bottom)
            .set_style(style);
    }
    for y in top + 1..bottom {
        buf[(left, y)]
            .set_symbol(set.vertical_left)
            .set_style(style);
        buf[(right, y)]
            .set_symbol(set.vertical_right)
            .set_style(style);
    }
    buf[(left, top)].set_symbol(set.top_left).set_style(style);
    buf[(right, top)].set_symbol(set.top_right).set_style(style);
    buf[(left, bottom)]
        .set_symbol(set.bottom_left)
        .set_style(style);
    buf[(right, bottom)]
        .set_symbol(set.bottom_right)
        .set_style(style);
    let room = usize::from(area.width - 2);
    // A title too long for its pane ends with "…" (a Japanese one is twice as wide).
    let label = format!(
        " {number} {} ",
        crate::text::truncate(title, room.saturating_sub(3))
    );
    buf.set_stringn(left + 1, top, &label, room, style);
}

/// `text` wrapped to `cols` columns as the notes wrap (UAX #14: English between words, Japanese
/// between characters but not before 。), each of its lines on rows of its own. A `Paragraph`'s
/// wrap breaks only at spaces, and cut Japanese in the middle of an English word.
fn wrapped(text: &str, cols: u16, style: ratatui::style::Style) -> Vec<Line<'static>> {
    text.split('\n')
        .flat_map(|line| {
            crate::text::wrap::rows(line, usize::from(cols))
                .into_iter()
                .map(move |r| Line::styled(line[r].trim_end().to_string(), style))
        })
        .collect()
}

/// Draws one line per row from the top of `area`, cut at its width. Cheaper than a `Paragraph`,
/// which reflows every line: these lines are already laid out.
fn draw_lines(frame: &mut Canvas, area: Rect, lines: &[Line]) {
    let Canvas {
        buf, memo, drawn, ..
    } = frame;
    for (i, y) in (area.y..area.bottom()).enumerate() {
        let line = lines.get(i);
        let row = Rect::new(area.x, y, area.width, 1);
        match memo {
            Some(memo) => {
                if !memo.changed((area.x, y), area.width, line) {
                    continue;
                }
                ratatui::widgets::Clear.render(row, buf);
                drawn.push(row);
            }
            // Without a memo the canvas starts cleared: rows past the lines stay blank.
            None if line.is_none() => break,
            None => {}
        }
        if let Some(line) = line {
            // A line's own style (a selected row) spans the whole row, as in a Paragraph.
            buf.set_style(row, line.style);
            let line = fit(line, usize::from(area.width));
            cells::put_line(buf, area.x, y, &line, area.width);
        }
    }
}

/// `line` cut to `cols` columns, ending with "…" where something was cut (a message, a title,
/// a hint: whatever was cut, the reader sees that it was).
fn fit<'a>(line: &'a Line<'a>, cols: usize) -> std::borrow::Cow<'a, Line<'a>> {
    let widths: Vec<usize> = line
        .spans
        .iter()
        .map(|s| crate::text::width(&s.content))
        .collect();
    let total = widths.iter().sum::<usize>();
    // Spaces hanging at the end of a wrapped row of notes are no text cut off.
    let trailing = line.spans.last().map_or(0, |s| {
        s.content.len() - s.content.trim_end_matches(' ').len()
    });
    if total.saturating_sub(trailing) <= cols {
        return std::borrow::Cow::Borrowed(line);
    }
    let mut spans = Vec::with_capacity(line.spans.len());
    let mut used = 0;
    for (span, w) in line.spans.iter().zip(widths) {
        if used + w <= cols {
            spans.push(span.clone());
            used += w;
            continue;
        }
        let room = cols - used;
        let cut = crate::text::truncate(&span.content, room).into_owned();
        spans.push(ratatui::text::Span::styled(cut, span.style));
        break;
    }
    std::borrow::Cow::Owned(Line::from(spans).style(line.style))
}

/// A list of results over the panes, above the status bar where its prompt is typed: the
/// whole height, at most 100 columns wide, centred, cleared of what was drawn beneath.
fn results_popup(frame: &mut Canvas, area: Rect) -> Rect {
    use ratatui::layout::{Constraint, Flex, Layout};
    let [main, _status] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    let w = main.width.min(100);
    let [popup] = Layout::horizontal([Constraint::Length(w)])
        .flex(Flex::Center)
        .areas(main);
    frame.render_widget(ratatui::widgets::Clear, popup);
    popup
}

/// A `w` x `h` overlay centred in `area`, cleared of what was drawn beneath.
fn popup(frame: &mut Canvas, area: Rect, w: u16, h: u16) -> Rect {
    use ratatui::layout::{Constraint, Flex, Layout};
    let [popup] = Layout::horizontal([Constraint::Length(w)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::vertical([Constraint::Length(h)])
        .flex(Flex::Center)
        .areas(popup);
    frame.render_widget(ratatui::widgets::Clear, popup);
    popup
}

fn is_visible(r: Rect) -> bool {
    r.width > 0 && r.height > 0
}

/// Whether `pane` has the keyboard: focused, and no overlay or prompt in front of it.
fn focused(state: &State, pane: Pane) -> bool {
    state.keyboard() == crate::state::Keyboard::Pane(pane)
}
