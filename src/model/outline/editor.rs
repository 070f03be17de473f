//! The editing session on one outline: the cursor, the undo history and the scroll position, and
//! the cursor motions. Structural edits live in `ops`, paste in `paste`. Nothing here knows about
//! the terminal: widths come in as plain column counts.

use super::Outline;
use super::edit::{Cursor, Edit, History, Meta};
use crate::text;
use crate::text::wrap;

/// Columns a bullet's marker takes before its text ("• ", "☐ ").
pub const MARKER_COLS: usize = 2;
/// Columns each level of nesting indents.
pub const INDENT_COLS: usize = 2;

/// The text columns available to a bullet at `depth` in a pane `width` columns wide.
pub fn text_cols(width: usize, depth: usize) -> usize {
    width
        .saturating_sub(depth * INDENT_COLS + MARKER_COLS)
        .max(1)
}

/// The first screen row of the notes view: a bullet and a wrapped row inside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Top {
    pub line: usize,
    pub row: usize,
}

/// An outline being edited.
#[derive(Debug, Clone)]
pub struct Editor {
    pub outline: Outline,
    pub cursor: Cursor,
    pub(super) history: History,
    /// Display column that Up/Down aim for, kept across short rows.
    pub(super) goal: Option<usize>,
    pub top: Top,
    /// Bumped by every change to the outline, so callers can tell that something must be saved.
    pub revision: u64,
    /// Opened in this launch already: the cursor is where it was left, not put at the end.
    pub visited: bool,
}

impl Editor {
    pub fn new(outline: Outline) -> Self {
        Editor {
            outline,
            cursor: Cursor::default(),
            history: History::default(),
            goal: None,
            top: Top::default(),
            revision: 0,
            visited: false,
        }
    }

    /// The cursor's bullet text.
    pub fn line_text(&self) -> &str {
        &self.outline.bullets[self.cursor.line].text
    }

    /// Wrapped rows of bullet `line` in a pane `width` columns wide.
    pub fn rows(&self, line: usize, width: usize) -> Vec<std::ops::Range<usize>> {
        let b = &self.outline.bullets[line];
        wrap::rows(&b.text, text_cols(width, b.depth))
    }

    pub(super) fn moved(&mut self, to: Cursor) {
        self.cursor = to;
        self.goal = None;
        self.history.seal();
    }

    pub fn left(&mut self) {
        let Cursor { line, byte } = self.cursor;
        let to = if byte > 0 {
            Cursor {
                line,
                byte: text::prev_boundary(self.line_text(), byte),
            }
        } else if let Some(prev) = self.outline.prev_visible(line) {
            self.end_of(prev)
        } else {
            return;
        };
        self.moved(to);
    }

    pub fn right(&mut self) {
        let Cursor { line, byte } = self.cursor;
        let to = if byte < self.line_text().len() {
            Cursor {
                line,
                byte: text::next_boundary(self.line_text(), byte),
            }
        } else if let Some(next) = self.outline.next_visible(line) {
            Cursor {
                line: next,
                byte: 0,
            }
        } else {
            return;
        };
        self.moved(to);
    }

    pub fn word_left(&mut self) {
        if self.cursor.byte == 0 {
            return self.left();
        }
        let byte = text::prev_word(self.line_text(), self.cursor.byte);
        self.moved(Cursor {
            byte,
            ..self.cursor
        });
    }

    pub fn word_right(&mut self) {
        if self.cursor.byte == self.line_text().len() {
            return self.right();
        }
        let byte = text::next_word(self.line_text(), self.cursor.byte);
        self.moved(Cursor {
            byte,
            ..self.cursor
        });
    }

    pub fn home(&mut self) {
        self.moved(Cursor {
            byte: 0,
            ..self.cursor
        });
    }

    pub fn end(&mut self) {
        self.moved(self.end_of(self.cursor.line));
    }

    pub fn first(&mut self) {
        self.moved(Cursor::default());
    }

    pub fn last(&mut self) {
        let mut line = 0;
        while let Some(next) = self.outline.next_visible(line) {
            line = next;
        }
        self.moved(self.end_of(line));
    }

    pub(super) fn end_of(&self, line: usize) -> Cursor {
        Cursor {
            line,
            byte: self.outline.bullets[line].text.len(),
        }
    }

    /// Moves `n` visual rows down (negative: up) in a pane `width` columns wide, keeping the
    /// display column the motion started from.
    pub fn vertical(&mut self, n: isize, width: usize) {
        let Cursor { mut line, byte } = self.cursor;
        let mut rows = self.rows(line, width);
        let (mut row, col) = wrap::locate(self.line_text(), &rows, byte);
        let goal = self.goal.unwrap_or(col);
        for _ in 0..n.unsigned_abs() {
            if n > 0 {
                if row + 1 < rows.len() {
                    row += 1;
                } else if let Some(next) = self.outline.next_visible(line) {
                    line = next;
                    rows = self.rows(line, width);
                    row = 0;
                } else {
                    break;
                }
            } else if row > 0 {
                row -= 1;
            } else if let Some(prev) = self.outline.prev_visible(line) {
                line = prev;
                rows = self.rows(line, width);
                row = rows.len() - 1;
            } else {
                break;
            }
        }
        let text = &self.outline.bullets[line].text;
        let byte = wrap::byte_in_row(text, &rows, row, goal);
        self.moved(Cursor { line, byte });
        self.goal = Some(goal);
    }

    /// Puts the cursor on bullet `line` at display column `col` of its wrapped row `row` (a
    /// mouse click).
    pub fn place(&mut self, line: usize, row: usize, col: usize, width: usize) {
        if line >= self.outline.len() || self.outline.is_hidden(line) {
            return;
        }
        let rows = self.rows(line, width);
        let row = row.min(rows.len() - 1);
        let byte = wrap::byte_in_row(&self.outline.bullets[line].text, &rows, row, col);
        self.moved(Cursor { line, byte });
    }

    /// Moves the cursor to bullet `id` (from a follow-up or a search result), expanding the
    /// bullets that hide it. The expanding is an undo step like any other collapse or expand:
    /// done behind the history's back, undo and redo could bring back a collapsed ancestor with
    /// the cursor inside it, and undoing everything would not give back the document.
    pub fn jump_to(&mut self, id: u64) -> bool {
        let Some(line) = self.outline.position(id) else {
            return false;
        };
        let mut edits = Vec::new();
        let mut at = line;
        while let Some(p) = self.outline.parent(at) {
            let before = self.outline.meta(p);
            if before.collapsed {
                let after = Meta {
                    collapsed: false,
                    ..before
                };
                edits.push(Edit::SetMeta {
                    line: p,
                    before,
                    after,
                });
            }
            at = p;
        }
        let to = Cursor { line, byte: 0 };
        if edits.is_empty() {
            self.moved(to);
        } else {
            self.commit(edits, to, false);
        }
        true
    }

    /// Adjusts the scroll position so the cursor's row is on screen in a view of `height` rows,
    /// looking at no more bullets than fit on the screen; and so that no rows stay empty below
    /// the last bullet while bullets above are scrolled away (the terminal grew, say).
    pub fn scroll_into_view(&mut self, width: usize, height: usize) {
        self.cursor_into_view(width, height);
        self.fill_view(width, height.max(1));
    }

    /// Moves the top up while the rows from it to the end leave part of the view empty.
    fn fill_view(&mut self, width: usize, height: usize) {
        if self.top == Top::default() {
            return;
        }
        let mut below = self.rows(self.top.line, width).len() - self.top.row;
        let mut line = self.top.line;
        while below < height {
            match self.outline.next_visible(line) {
                Some(next) => {
                    line = next;
                    below += self.rows(line, width).len();
                }
                None => break,
            }
        }
        while below < height {
            if self.top.row > 0 {
                self.top.row -= 1;
                below += 1;
                continue;
            }
            let Some(prev) = self.outline.prev_visible(self.top.line) else {
                break;
            };
            let rows = self.rows(prev, width).len();
            if below + rows > height {
                self.top = Top {
                    line: prev,
                    row: rows - (height - below),
                };
                break;
            }
            self.top = Top { line: prev, row: 0 };
            below += rows;
        }
    }

    fn cursor_into_view(&mut self, width: usize, height: usize) {
        let height = height.max(1);
        if self.top.line >= self.outline.len() {
            self.top = Top::default();
        }
        if self.outline.is_hidden(self.top.line) {
            let mut line = self.top.line;
            while self.outline.is_hidden(line) {
                line = self.outline.parent(line).unwrap_or(0);
            }
            self.top = Top { line, row: 0 };
        }
        self.top.row = self.top.row.min(self.rows(self.top.line, width).len() - 1);
        let (crow, _) = wrap::locate(
            self.line_text(),
            &self.rows(self.cursor.line, width),
            self.cursor.byte,
        );
        let at = Top {
            line: self.cursor.line,
            row: crow,
        };
        if (at.line, at.row) < (self.top.line, self.top.row) {
            self.top = at;
            return;
        }
        // Walk up from the cursor until the top is found or the screen is full.
        let mut above = crow;
        let mut line = at.line;
        while line != self.top.line {
            if above >= height {
                break;
            }
            match self.outline.prev_visible(line) {
                Some(prev) => line = prev,
                None => break,
            }
            let n = self.rows(line, width).len();
            above += if line == self.top.line {
                n - self.top.row
            } else {
                n
            };
        }
        if at.line == self.top.line {
            above = crow - self.top.row;
        }
        if above < height {
            return;
        }
        // The cursor is below the screen: put its row on the last screen row.
        let mut need = height - 1;
        let mut top = at;
        while need > 0 {
            if top.row >= need {
                top.row -= need;
                need = 0;
            } else {
                need -= top.row + 1;
                match self.outline.prev_visible(top.line) {
                    Some(prev) => {
                        top.line = prev;
                        top.row = self.rows(prev, width).len() - 1;
                    }
                    None => {
                        top.row = 0;
                        break;
                    }
                }
            }
        }
        self.top = top;
    }
}
