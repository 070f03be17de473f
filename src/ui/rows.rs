//! The lines last drawn on each row of a pane, so that a row whose line is the same as last
//! frame's is not drawn (or compared with the terminal) again: typing changes one or two rows of
//! the Notes pane, not its fifty.

use std::collections::HashMap;

use ratatui::text::{Line, Span};

#[derive(Debug, Default)]
pub struct RowMemo {
    /// By (column, row) where the line starts.
    rows: HashMap<(u16, u16), Row>,
}

#[derive(Debug)]
struct Row {
    width: u16,
    /// `None`: the row was left blank.
    line: Option<Line<'static>>,
}

impl RowMemo {
    pub fn clear(&mut self) {
        self.rows.clear();
    }

    /// Records `line` (or a blank) as drawn `width` wide from `at`; whether that differs from
    /// what was drawn there last.
    pub fn changed(&mut self, at: (u16, u16), width: u16, line: Option<&Line>) -> bool {
        if let Some(row) = self.rows.get(&at)
            && row.width == width
            && row.line.as_ref() == line
        {
            return false;
        }
        let line = line.map(|l| Line {
            style: l.style,
            alignment: l.alignment,
            spans: l
                .spans
                .iter()
                .map(|s| Span::styled(s.content.to_string(), s.style))
                .collect(),
        });
        self.rows.insert(at, Row { width, line });
        true
    }
}
