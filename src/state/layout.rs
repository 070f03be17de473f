//! Where everything sits on the screen: the panes for a terminal size, the Notes pane's parts
//! for the session shown, the rows of a session's notes. Pure geometry that `update` (keeping the
//! cursor and selections on screen, mapping mouse clicks) and `ui` (drawing) both read from the
//! state, worked out once for each size, focus and Notes header ([`State::layout`]), so that the
//! two always agree.

use std::sync::Mutex;

use ratatui::layout::Rect;

use super::{Pane, State};
use crate::model::outline::editor::Editor;
use crate::model::schedule::Session;
use crate::text::wrap;

/// At most this many rows of a session's abstract show in the Notes header.
pub const MAX_ABSTRACT_ROWS: usize = 6;

/// Where everything goes for the state as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    pub areas: Areas,
    /// The Notes pane's parts for the session selected.
    pub notes: NotesAreas,
}

/// What decides the layout: while it stays the same, the layout worked out last holds.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Key {
    size: (u16, u16),
    focus: Pane,
    gutter: bool,
    /// The Notes header's extra rows for the abstract and links (0 when hidden).
    details: u16,
    /// The details are open (the Schedule gives their pane its width).
    details_open: bool,
    grid: bool,
}

/// The layout worked out last, and what it was worked out for. A mutex rather than a cell so
/// that a state can travel in an action (a conference opened), which must be `Sync`.
#[derive(Debug, Default)]
pub struct LayoutCache(Mutex<Option<(Key, Layout)>>);

impl Clone for LayoutCache {
    fn clone(&self) -> Self {
        LayoutCache(Mutex::new(self.get()))
    }
}

impl LayoutCache {
    fn get(&self) -> Option<(Key, Layout)> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

impl State {
    /// Where everything goes: worked out again only when the size, the focus or the Notes
    /// header changed.
    pub fn layout(&self) -> Layout {
        let areas = areas(self.size, self.focus, self.details, self.schedule.grid);
        let details = match (self.details, self.selected_session()) {
            (true, Some(s)) => details_rows(s, links(self, &s.id), inner(areas.notes).width),
            _ => 0,
        };
        let key = Key {
            size: self.size,
            focus: self.focus,
            gutter: self.gutter,
            details,
            details_open: self.details,
            grid: self.schedule.grid,
        };
        let mut cache = self
            .layout_cache
            .0
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if let Some((k, layout)) = cache.as_ref()
            && *k == key
        {
            return *layout;
        }
        let layout = Layout {
            areas,
            notes: notes_areas(areas.notes, self.gutter, details),
        };
        *cache = Some((key, layout));
        layout
    }
}

impl State {
    /// The Notes pane's parts as they are while it has the focus (on a narrow terminal it shows
    /// only then): where the editor keeps its cursor in view.
    pub fn notes_layout(&self) -> NotesAreas {
        if self.focus == Pane::Notes {
            return self.layout().notes;
        }
        let notes = areas(self.size, Pane::Notes, self.details, false).notes;
        let details = match (self.details, self.selected_session()) {
            (true, Some(s)) => details_rows(s, links(self, &s.id), inner(notes).width),
            _ => 0,
        };
        notes_areas(notes, self.gutter, details)
    }
}

/// How many links session `id` has: the attendee's and those the schedule publishes.
fn links(state: &State, id: &str) -> usize {
    let own = state.session_meta.get(id).map_or(0, |m| m.links.len());
    let published = state.conference.session(id).map_or(0, |s| s.links.len());
    own + published
}

/// Rows the abstract, the links and the page of session `s` take in a header `width` wide.
fn details_rows(s: &Session, links: usize, width: u16) -> u16 {
    let text_rows = abstract_rows(s, usize::from(width)).len();
    (text_rows + links + usize::from(s.url.is_some())).max(1) as u16
}

/// The rows of session `s`'s abstract at `width` columns (at most [`MAX_ABSTRACT_ROWS`]).
pub fn abstract_rows(s: &Session, width: usize) -> Vec<&str> {
    let mut rows = all_abstract_rows(s, width);
    rows.truncate(MAX_ABSTRACT_ROWS);
    rows
}

/// Whether the abstract has more rows than the header shows.
pub fn abstract_is_cut(s: &Session, width: usize) -> bool {
    all_abstract_rows(s, width).len() > MAX_ABSTRACT_ROWS
}

fn all_abstract_rows(s: &Session, width: usize) -> Vec<&str> {
    // Each line of the abstract wrapped on its own; blank lines between paragraphs dropped.
    let rows: Vec<&str> = (s.summary.split('\n'))
        .flat_map(|line| {
            wrap::rows(line, width.max(1))
                .into_iter()
                .map(move |r| &line[r])
        })
        .filter(|r| !r.trim().is_empty())
        .collect();
    rows
}

/// The bullet and wrapped row shown on text-area row `screen_row` of a Notes pane `width`
/// columns wide, for mouse clicks.
pub fn row_at(e: &Editor, width: usize, screen_row: usize) -> (Option<usize>, usize) {
    let o = &e.outline;
    let mut line = Some(e.top.line.min(o.len() - 1));
    let mut skip = e.top.row;
    let mut seen = 0;
    while let Some(i) = line {
        let rows = e.rows(i, width).len() - skip;
        if screen_row < seen + rows {
            return (Some(i), skip + screen_row - seen);
        }
        seen += rows;
        skip = 0;
        line = o.next_visible(i);
    }
    (None, 0)
}

/// Narrower or lower than this, only the focused pane is shown.
const MIN_SPLIT: (u16, u16) = (70, 14);
/// Columns of the "+12m" gutter beside each bullet.
pub const GUTTER_COLS: u16 = 6;

/// The screen split into panes; a pane not shown has an empty rectangle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    pub schedule: Rect,
    pub notes: Rect,
    pub followups: Rect,
    pub status: Rect,
}

/// `area` split at `len` columns from the left (fewer if it is narrower): what ratatui's
/// `Layout` gives for `[Length(len), Fill(1)]`, without its solver and cache lookup, which were a
/// fifth of a keystroke's update (the editor asks where its text goes on every key).
fn split_left(area: Rect, len: u16) -> [Rect; 2] {
    let len = len.min(area.width);
    [
        Rect::new(area.x, area.y, len, area.height),
        Rect::new(area.x + len, area.y, area.width - len, area.height),
    ]
}

/// `area` split at `len` rows from the top: `[Length(len), Fill(1)]`.
fn split_top(area: Rect, len: u16) -> [Rect; 2] {
    let len = len.min(area.height);
    [
        Rect::new(area.x, area.y, area.width, len),
        Rect::new(area.x, area.y + len, area.width, area.height - len),
    ]
}

/// `area` split at `len` rows from the bottom: `[Fill(1), Length(len)]`.
fn split_bottom(area: Rect, len: u16) -> [Rect; 2] {
    let len = len.min(area.height);
    let top_rows = area.height - len;
    [
        Rect::new(area.x, area.y, area.width, top_rows),
        Rect::new(area.x, area.y + top_rows, area.width, len),
    ]
}

pub fn areas(size: (u16, u16), focus: Pane, details: bool, grid: bool) -> Areas {
    let screen = Rect::new(0, 0, size.0, size.1);
    let [main, status] = split_bottom(screen, 1);
    let mut a = Areas {
        status,
        ..Areas::default()
    };
    // The grid wants every column while it is browsed.
    let grid_alone = grid && focus == Pane::Schedule && !details;
    if size.0 < MIN_SPLIT.0 || size.1 < MIN_SPLIT.1 || grid_alone {
        match focus {
            Pane::Schedule => a.schedule = main,
            Pane::Notes => a.notes = main,
            Pane::FollowUps => a.followups = main,
        }
        return a;
    }
    // Browsing, the Schedule takes the width its titles need (a 30-column title whole at 80
    // columns), unless the details are open to be read; typing notes, the Notes pane does.
    let left = (size.0 * 2 / 5).clamp(30, 60);
    let left = match focus {
        Pane::Schedule if !details => left.max((size.0 * 7 / 10).min(56)),
        _ => left,
    };
    let [schedule, right] = split_left(main, left);
    let follow_height = (main.height / 3).clamp(4, 9);
    let [notes, followups] = split_bottom(right, follow_height);
    a.schedule = schedule;
    a.notes = notes;
    a.followups = followups;
    a
}

/// Inside of a bordered pane.
pub fn inner(r: Rect) -> Rect {
    if r.width < 2 || r.height < 2 {
        return Rect::new(r.x, r.y, 0, 0);
    }
    Rect::new(r.x + 1, r.y + 1, r.width - 2, r.height - 2)
}

/// The Notes pane's parts: the session header, the optional gutter, and the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotesAreas {
    pub header: Rect,
    pub gutter: Rect,
    pub text: Rect,
}

/// `details` is the number of extra header rows for the abstract and link (0 when hidden); the
/// header never takes more than half the pane.
pub fn notes_areas(notes: Rect, gutter: bool, details: u16) -> NotesAreas {
    let inside = inner(notes);
    let header_rows = match inside.height {
        h if h >= 10 => (4 + details).min(h / 2),
        h if h >= 4 => 1,
        _ => 0,
    };
    let [header, body] = split_top(inside, header_rows);
    let gutter_cols = if gutter && body.width > GUTTER_COLS * 3 {
        GUTTER_COLS
    } else {
        0
    };
    let [gutter, text] = split_left(body, gutter_cols);
    NotesAreas {
        header,
        gutter,
        text,
    }
}

/// Rows of the Schedule pane that list sessions (below the day switcher).
pub fn schedule_list(schedule: Rect) -> Rect {
    let [_, list] = split_top(inner(schedule), 1);
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_terminals_show_three_panes_and_a_status_bar() {
        let a = areas((120, 40), Pane::Schedule, false, false);
        assert_eq!(a.status, Rect::new(0, 39, 120, 1));
        assert!(a.schedule.width >= 30 && a.notes.width > 0 && a.followups.height > 0);
        assert_eq!(a.schedule.height, 39);
    }

    #[test]
    fn narrow_terminals_show_the_focused_pane_only() {
        let a = areas((40, 20), Pane::Notes, false, false);
        assert_eq!(a.notes, Rect::new(0, 0, 40, 19));
        assert_eq!(a.schedule, Rect::default());
    }

    #[test]
    fn splits_are_those_of_ratatui_layouts() {
        use ratatui::layout::{Constraint, Layout};
        let sizes = [0, 1, 2, 3, 5, 8, 13, 21, 34, 55];
        for w in sizes {
            for h in sizes {
                let area = Rect::new(3, 2, w, h);
                for len in [0, 1, 4, 9, 39, 60] {
                    let (fill, length) = (Constraint::Fill(1), Constraint::Length(len));
                    let left: [Rect; 2] = Layout::horizontal([length, fill]).areas(area);
                    assert_eq!(split_left(area, len), left, "{w}x{h} {len}");
                    let top: [Rect; 2] = Layout::vertical([length, fill]).areas(area);
                    assert_eq!(split_top(area, len), top, "{w}x{h} {len}");
                    let bottom: [Rect; 2] = Layout::vertical([fill, length]).areas(area);
                    assert_eq!(split_bottom(area, len), bottom, "{w}x{h} {len}");
                }
            }
        }
    }

    #[test]
    fn tiny_terminals_do_not_underflow() {
        for w in 0..12 {
            for h in 0..5 {
                let a = areas((w, h), Pane::Notes, false, false);
                let n = notes_areas(a.notes, true, 3);
                assert!(n.text.width <= w && n.text.height <= h);
                let _ = schedule_list(a.schedule);
            }
        }
    }
}
