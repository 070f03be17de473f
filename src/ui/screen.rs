//! The terminal's picture. Each frame is painted (`ui::painter`, which keeps unchanged panes),
//! compared with what the terminal shows only where it was painted, and the changed cells, the
//! cursor move and the style resets go out in a single write: one wake-up for the terminal
//! instead of ratatui's three, and no comparison of the 12,000 cells of a 200x60 screen when one
//! row changed.

use std::io::{self, Write};

use crossterm::cursor::{Hide, MoveTo, Show};
use crossterm::queue;
use crossterm::terminal::{Clear, ClearType};
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::buffer::{Buffer, Cell, CellDiffOption, CellWidth};
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier};

use crate::state::State;
use crate::ui::painter::Painter;

const SYNC_BEGIN: &[u8] = b"\x1b[?2026h";
const SYNC_END: &[u8] = b"\x1b[?2026l";

pub struct Screen<W: Write> {
    painter: Painter,
    /// What the terminal shows.
    shown: Buffer,
    /// Where the cursor is, `Some(None)` when hidden; `None` when not known (at the start, the
    /// terminal shows it wherever it was).
    cursor: Option<Option<Position>>,
    /// The frame's bytes, written at once.
    bytes: Vec<u8>,
    terminal: W,
}

impl<W: Write> Screen<W> {
    pub fn new(terminal: W) -> Self {
        Screen {
            painter: Painter::new(),
            shown: Buffer::empty(Rect::ZERO),
            cursor: None,
            bytes: Vec::with_capacity(64 * 1024),
            terminal,
        }
    }

    /// Where the frames are written.
    pub fn writer_mut(&mut self) -> &mut W {
        &mut self.terminal
    }

    /// Forgets what the terminal shows: the next frame clears it and draws everything (Ctrl-L,
    /// when something else wrote on the screen).
    pub fn invalidate(&mut self) {
        self.painter.invalidate();
        self.shown = Buffer::empty(Rect::ZERO);
    }

    /// Draws `state` at `state.size`, which the caller keeps equal to the terminal's size.
    pub fn draw(&mut self, state: &State) -> io::Result<()> {
        let painted = self.painter.paint(state);
        let next = self.painter.buffer();
        let bytes = &mut self.bytes;
        bytes.clear();
        if self.shown.area != next.area {
            // A new size: the terminal's contents are unknown (it may have reflowed them).
            self.shown = Buffer::empty(next.area);
            queue!(bytes, Clear(ClearType::All))?;
        }
        let mut changes = Vec::new();
        let mut unsure = unsure_rows(&self.shown, &painted.redrawn);
        diff(&mut self.shown, next, &painted.redrawn, &mut changes);
        unsure.extend(unsure_rows(next, &painted.redrawn));
        if !unsure.is_empty() {
            rewrite_rows(next, &unsure, &mut changes);
        }
        if !changes.is_empty() {
            emit(&mut *bytes, changes)?;
        }
        match (painted.cursor, self.cursor) {
            (None, Some(None)) => {}
            (None, _) => queue!(bytes, Hide)?,
            (Some(p), was) => {
                if !matches!(was, Some(Some(_))) {
                    queue!(bytes, Show)?;
                }
                // Drawing moved the terminal's cursor; the IME window opens where it is put.
                if !bytes.is_empty() || was != Some(Some(p)) {
                    queue!(bytes, MoveTo(p.x, p.y))?;
                }
            }
        }
        self.cursor = Some(painted.cursor);
        if !bytes.is_empty() {
            // Synchronized output (DEC mode 2026): a terminal that knows it shows the frame at
            // once, never half drawn; others ignore the two sequences.
            self.terminal.write_all(SYNC_BEGIN)?;
            self.terminal.write_all(bytes)?;
            self.terminal.write_all(SYNC_END)?;
            self.terminal.flush()?;
        }
        Ok(())
    }
}

/// Whether terminals may disagree on how many columns `cell` takes: a cluster of several
/// characters (an emoji with a skin tone, a flag, a half-width ﾊ with its ﾟ, a letter with a
/// combining accent) or one outside the Basic Multilingual Plane (emoji, a lone regional
/// indicator, 𠮷). tmux, for one, draws 👍🏽 in four columns and ﾊﾟ in one, where Unicode's
/// tables say two each.
fn unsure(cell: &Cell) -> bool {
    let s = cell.symbol();
    s.len() > 3
        || (s.len() > 1 && s.chars().nth(1).is_some())
        || matches!(s, "\u{FF9E}" | "\u{FF9F}")
}

/// The rows of `rects` (as `(y, x, right)`) holding a cell terminals may draw wider or narrower
/// than kaigi counts it.
fn unsure_rows(buf: &Buffer, rects: &[Rect]) -> Vec<(u16, u16, u16)> {
    let mut rows = Vec::new();
    for r in rects {
        let r = r.intersection(buf.area);
        for y in r.y..r.bottom() {
            if (r.x..r.right()).any(|x| buf[(x, y)].symbol().len() > 1 && unsure(&buf[(x, y)])) {
                rows.push((y, r.x, r.right()));
            }
        }
    }
    rows
}

/// On the rows in `rows`, sends every cell again rather than only the changed ones: whatever a
/// terminal made of an unsure cell (drawn wider, over its neighbours, or narrower, leaving an
/// old character showing), the whole row ends as kaigi believes it is. `emit` places each
/// cell after an unsure one explicitly.
fn rewrite_rows<'n>(
    next: &'n Buffer,
    rows: &[(u16, u16, u16)],
    changes: &mut Vec<(u16, u16, &'n Cell)>,
) {
    let on = |x: u16, y: u16| {
        rows.iter()
            .any(|&(ry, a, b)| ry == y && (a..b).contains(&x))
    };
    changes.retain(|&(x, y, _)| !on(x, y));
    for &(y, a, b) in rows {
        let mut x = a;
        while x < b {
            let cell = &next[(x, y)];
            if !skipped(cell) {
                changes.push((x, y, cell));
            }
            x += cell.cell_width().max(1);
        }
    }
    changes.sort_by_key(|&(x, y, _)| (y, x));
    changes.dedup_by_key(|c| (c.0, c.1));
}

/// Writes `changes` as ratatui's backend does, except around unsure cells: their columns are
/// blanked first, the cluster goes at an explicit position, and so does the cell after it, so
/// that no terminal's idea of its width moves anything else.
fn emit<'a>(out: &mut Vec<u8>, changes: Vec<(u16, u16, &'a Cell)>) -> io::Result<()> {
    let mut run: Vec<(u16, u16, &'a Cell)> = Vec::with_capacity(changes.len());
    for (x, y, cell) in changes {
        if !unsure(cell) {
            run.push((x, y, cell));
            continue;
        }
        if !run.is_empty() {
            CrosstermBackend::new(&mut *out).draw(std::mem::take(&mut run).into_iter())?;
        }
        let mut blank = cell.clone();
        blank.set_symbol(" ");
        let width = cell.cell_width().max(1);
        let blanks: Vec<(u16, u16, &Cell)> = (0..width).map(|i| (x + i, y, &blank)).collect();
        CrosstermBackend::new(&mut *out).draw(blanks.into_iter())?;
        // Its own draw: the next cell is then placed with a move of its own.
        CrosstermBackend::new(&mut *out).draw(std::iter::once((x, y, cell)))?;
    }
    if !run.is_empty() {
        CrosstermBackend::new(&mut *out).draw(run.into_iter())?;
    }
    Ok(())
}

/// Modifiers that show on a blank cell.
const VISIBLE_ON_BLANK: Modifier = Modifier::REVERSED
    .union(Modifier::UNDERLINED)
    .union(Modifier::SLOW_BLINK)
    .union(Modifier::RAPID_BLINK)
    .union(Modifier::CROSSED_OUT);

/// The cells of `next` to send, within `rects`, in the order and with the wide-character rules
/// of ratatui's `Buffer::diff` (which it equals when `rects` is the whole buffer); `shown`
/// becomes `next` within `rects`. Unlike ratatui, a cell's display width is only worked out
/// when it can matter (a changed cell, or a multi-byte one), which was a seventh of a frame.
pub fn diff<'n>(
    shown: &mut Buffer,
    next: &'n Buffer,
    rects: &[Rect],
    changes: &mut Vec<(u16, u16, &'n Cell)>,
) {
    debug_assert_eq!(shown.area, next.area);
    let area = next.area;
    let width = usize::from(area.width);
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for r in rects {
        let r = r.intersection(area);
        if r.is_empty() {
            continue;
        }
        let row_start = |y: u16| usize::from(y - area.y) * width;
        let left = usize::from(r.x - area.x);
        if r.width == area.width {
            runs.push((
                row_start(r.y),
                row_start(r.y) + usize::from(r.height) * width,
            ));
        } else {
            for y in r.y..r.bottom() {
                let start = row_start(y) + left;
                runs.push((start, start + usize::from(r.width)));
            }
        }
    }
    let pos = |i: usize| ((i % width) as u16 + area.x, (i / width) as u16 + area.y);
    let next_cells = &next.content;
    let shown_cells = &mut shown.content;
    for (start, end) in runs {
        let mut i = start;
        // Cells up to here are the tail of a wide character just compared: not sent.
        let mut covered = start;
        while i < end {
            let cur = &next_cells[i];
            let prev = &shown_cells[i];
            let same = cur == prev;
            if i < covered || skipped(cur) {
                if !same {
                    shown_cells[i].clone_from(cur);
                }
                i += 1;
                continue;
            }
            match cur.diff_option {
                CellDiffOption::ForcedWidth(w) => {
                    covered = i + usize::from(w.get());
                    if !same {
                        changes.push((pos(i).0, pos(i).1, cur));
                        shown_cells[i].clone_from(cur);
                    }
                    i += 1;
                }
                _ if same && cur.diff_option == CellDiffOption::None => {
                    // An unchanged wide character still covers the cells after it.
                    if cur.symbol().len() > 1 {
                        covered = i + usize::from(cur.cell_width()).max(1);
                    }
                    i += 1;
                }
                _ => {
                    let cur_width = usize::from(cur.cell_width());
                    let prev_width = usize::from(prev.cell_width());
                    let prev_blank_style =
                        prev.bg != Color::Reset || prev.modifier.intersects(VISIBLE_ON_BLANK);
                    changes.push((pos(i).0, pos(i).1, cur));
                    shown_cells[i].clone_from(cur);
                    i += 1;
                    let vs16 = cur_width > 1 && cur.symbol().contains('\u{FE0F}');
                    if vs16 {
                        // Some terminals leave the column after an emoji with VS16 as it was:
                        // send what changed there.
                        i = trailing(
                            shown_cells,
                            next_cells,
                            i,
                            i - 1 + cur_width,
                            end,
                            false,
                            changes,
                            &pos,
                        );
                    } else if cur_width > 1 {
                        covered = i - 1 + cur_width;
                    } else if prev_width > cur_width && prev_blank_style {
                        // The wide character's style would stay on the columns it covered.
                        i = trailing(
                            shown_cells,
                            next_cells,
                            i,
                            i - 1 + prev_width,
                            end,
                            true,
                            changes,
                            &pos,
                        );
                    }
                }
            }
        }
    }
}

/// Sends the cells after a wide character, from `from` up to `to` (extended by wide cells met on
/// the way, never past `end`): all of them when `force`, else those whose symbol changed.
/// Returns where the comparison goes on.
#[allow(clippy::too_many_arguments)]
fn trailing<'n>(
    shown: &mut [Cell],
    next: &'n [Cell],
    from: usize,
    to: usize,
    end: usize,
    force: bool,
    changes: &mut Vec<(u16, u16, &'n Cell)>,
    pos: &dyn Fn(usize) -> (u16, u16),
) -> usize {
    let (mut j, mut to) = (from, to.min(end));
    while j < to {
        let cell_width = usize::from(next[j].cell_width()).max(1);
        if !skipped(&next[j]) && (force || shown[j].symbol() != next[j].symbol()) {
            let (x, y) = pos(j);
            changes.push((x, y, &next[j]));
        }
        // The cells this wide one covers are passed over, as ratatui does.
        for k in j..(j + cell_width).min(end) {
            if shown[k] != next[k] {
                shown[k].clone_from(&next[k]);
            }
        }
        j += cell_width;
        to = to.max(j).min(end);
    }
    to
}

#[allow(deprecated)]
fn skipped(cell: &Cell) -> bool {
    matches!(cell.diff_option, CellDiffOption::Skip)
        || (cell.skip && matches!(cell.diff_option, CellDiffOption::None))
}

#[cfg(test)]
mod tests;
