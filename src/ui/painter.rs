//! Drawing a frame without drawing what has not changed. The painter keeps the last frame's
//! cells; a pane whose inputs (the revisions of the state's `Tracked` parts it reads, the clock,
//! the notes marks on screen), area, focus and colours are the same as last time keeps its
//! cells, every other part is cleared and drawn again. While notes are
//! typed, the Schedule and Follow-ups panes cost nothing: on a 200x60 terminal they were half of
//! every frame. Only the state is read; the cache is the painter's own.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::widgets::{Clear, Widget};

use super::notes;
use super::rows::RowMemo;
use super::theme::Theme;
use super::{Canvas, focused};
use crate::action::Pane;
use crate::state::State;
use crate::state::layout::{self, Areas};

/// A frame's worth of drawing: the parts of the buffer drawn again, and the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Painted {
    /// The rectangles drawn this time; every cell outside them is as it was.
    pub redrawn: Vec<Rect>,
    pub cursor: Option<Position>,
}

/// What a kept pane must still match.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Kept {
    areas: Areas,
    color: bool,
    schedule: ScheduleInputs,
    followups: (bool, u64, u64),
}

/// Everything the Schedule pane reads, as cheap stand-ins: its view's and the conference's
/// revisions, the second on the clock (running sessions, the "now" line), and which sessions
/// near the rows shown have notes (their ✎ mark), as notes are not tracked (every key would
/// redraw the schedule).
#[derive(Debug, Clone, PartialEq, Eq)]
struct ScheduleInputs {
    focused: bool,
    view: u64,
    conference: u64,
    second: i64,
    noted: Vec<bool>,
}

impl ScheduleInputs {
    fn of(state: &State, height: u16) -> Self {
        let v = &state.schedule;
        // The rows shown start at `top` or at the selection, whichever the pane scrolls to;
        // one more each side for the "now" line.
        let lo = v.top.min(v.selected).saturating_sub(1);
        let hi = (v.top.max(v.selected) + usize::from(height) + 1).min(v.visible.len());
        let sessions = state.conference.sessions();
        let noted = v.visible[lo.min(hi)..hi]
            .iter()
            .map(|&i| {
                state
                    .notes
                    .get(&sessions[i].id)
                    .is_some_and(|e| !e.outline.is_empty())
            })
            .collect();
        ScheduleInputs {
            focused: focused(state, Pane::Schedule),
            view: v.revision(),
            conference: state.conference.revision(),
            second: state.now.timestamp(),
            noted,
        }
    }
}

#[derive(Debug, Default)]
pub struct Painter {
    buf: Buffer,
    /// What the last frame was drawn from, when it had no overlay.
    last: Option<Kept>,
    /// The Notes pane's shape last frame and the lines on its rows.
    notes_shape: Option<notes::Shape>,
    notes_rows: RowMemo,
    /// The status bar's line last frame.
    status_row: RowMemo,
}

impl Painter {
    pub fn new() -> Self {
        Self::default()
    }

    /// Forgets every kept pane and row: the next frame is painted whole.
    pub fn invalidate(&mut self) {
        self.last = None;
    }

    /// The cells of the last frame painted.
    pub fn buffer(&self) -> &Buffer {
        &self.buf
    }

    /// Draws `state` on a screen of `state.size`.
    pub fn paint(&mut self, state: &State) -> Painted {
        let area = Rect::new(0, 0, state.size.0, state.size.1);
        if self.buf.area != area {
            self.buf = Buffer::empty(area);
            self.last = None;
        }
        let areas = layout::areas(state.size, state.focus, state.details, state.schedule.grid);
        // An overlay covers parts of panes, and what it covered must be drawn when it closes.
        let now = (!super::has_overlay(state)).then(|| Kept {
            areas,
            color: state.color,
            schedule: ScheduleInputs::of(state, areas.schedule.height),
            followups: (
                focused(state, Pane::FollowUps),
                state.follow_ups.revision(),
                state.conference.revision(),
            ),
        });
        let last = std::mem::replace(&mut self.last, now.clone());
        let keep = match (last, now) {
            (Some(last), Some(now)) if (last.areas, last.color) == (now.areas, now.color) => {
                Some((last, now))
            }
            _ => None,
        };
        let Some((last, now)) = keep else {
            self.notes_shape = None;
            self.status_row.clear();
            self.buf.reset();
            let mut canvas = Canvas::new(&mut self.buf);
            super::draw(state, &mut canvas, area);
            return Painted {
                redrawn: vec![area],
                cursor: canvas.cursor(),
            };
        };
        let theme = Theme { color: state.color };
        let mut redrawn = Vec::with_capacity(4);
        let mut canvas = Canvas::new(&mut self.buf);
        let mut part = |canvas: &mut Canvas, r: Rect, draw: &dyn Fn(&mut Canvas, Rect)| {
            if r.is_empty() {
                return;
            }
            Clear.render(r, canvas.buffer_mut());
            draw(canvas, r);
            redrawn.push(r);
        };
        if last.schedule != now.schedule {
            part(&mut canvas, areas.schedule, &|c, r| {
                super::schedule::render_schedule(state, theme, c, r)
            });
        }
        if last.followups != now.followups {
            part(&mut canvas, areas.followups, &|c, r| {
                super::followups::render_followups(state, theme, c, r)
            });
        }
        drop(canvas);
        // The status bar changes with the clock and the save state, but mostly not at all.
        let mut canvas = Canvas::with_memo(&mut self.buf, &mut self.status_row);
        super::status::render_status(state, theme, &mut canvas, areas.status);
        redrawn.append(&mut canvas.drawn);
        let mut cursor = canvas.cursor();
        if !areas.notes.is_empty() {
            let (rows, c) = self.paint_notes(state, theme, areas.notes);
            redrawn.extend(rows);
            cursor = cursor.or(c);
        }
        #[cfg(debug_assertions)]
        self.check(state);
        Painted { redrawn, cursor }
    }

    /// Draws the Notes pane: row by row while its shape stays, else all of it. Returns the
    /// rectangles drawn and the cursor.
    fn paint_notes(
        &mut self,
        state: &State,
        theme: Theme,
        area: Rect,
    ) -> (Vec<Rect>, Option<Position>) {
        let shape = notes::shape(state);
        let same = self.notes_shape.as_ref() == Some(&shape);
        let mut redrawn = Vec::new();
        if same {
            // The border is drawn again each time: its style follows the focus.
            let (right, bottom) = (area.right() - 1, area.bottom() - 1);
            for edge in [
                Rect::new(area.x, area.y, area.width, 1),
                Rect::new(area.x, bottom, area.width, 1),
                Rect::new(area.x, area.y, 1, area.height),
                Rect::new(right, area.y, 1, area.height),
            ] {
                Clear.render(edge, &mut self.buf);
                redrawn.push(edge);
            }
        } else {
            Clear.render(area, &mut self.buf);
            self.notes_rows.clear();
            redrawn.push(area);
            self.notes_shape = Some(shape);
        }
        let mut canvas = Canvas::with_memo(&mut self.buf, &mut self.notes_rows);
        notes::render_notes(state, theme, &mut canvas, area);
        if same {
            redrawn.append(&mut canvas.drawn);
        }
        (redrawn, canvas.cursor())
    }

    /// Debug builds (every test, end-to-end ones included) check that a frame with kept panes
    /// is exactly the frame drawn from scratch: a revision not renewed where it should be
    /// shows here instead of as a stale pane.
    #[cfg(debug_assertions)]
    fn check(&self, state: &State) {
        let mut fresh = Buffer::empty(self.buf.area);
        let area = fresh.area;
        super::draw(state, &mut Canvas::new(&mut fresh), area);
        if fresh != self.buf {
            panic!(
                "a kept pane is stale: the frame differs from one drawn from scratch\n\
                 kept:\n{:?}\nfresh:\n{:?}",
                self.buf, fresh
            );
        }
    }
}
