//! Where the editor's cursor lands on screen, shared by the example and property tests of
//! scrolling.

use kaigi::model::outline::editor::Editor;
use kaigi::text::wrap;

/// Screen row of the cursor counted from `editor.top`, or `None` when the cursor is above it.
pub fn cursor_screen_row(e: &Editor, width: usize) -> Option<usize> {
    let (crow, _) = wrap::locate(e.line_text(), &e.rows(e.cursor.line, width), e.cursor.byte);
    if (e.cursor.line, crow) < (e.top.line, e.top.row) {
        return None;
    }
    let mut rows = 0;
    let mut line = e.top.line;
    let mut skip = e.top.row;
    while line != e.cursor.line {
        rows += e.rows(line, width).len() - skip;
        skip = 0;
        line = e.outline.next_visible(line)?;
    }
    Some(rows + crow - skip)
}
