//! Invertible edits and the undo history. Each user command becomes a transaction of small edits
//! that know how to undo themselves, so undo costs as much as the edit did, whatever the size of
//! the document (helix's transactions, not snapshots of the outline).

use std::sync::Arc;

use super::{Bullet, FollowUp, Kind, Outline};
use crate::text;

/// Where the cursor is: a bullet and a byte offset on a grapheme boundary of its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Cursor {
    pub line: usize,
    pub byte: usize,
}

/// The part of a bullet that is not its text or position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Meta {
    pub kind: Kind,
    pub follow_up: Option<FollowUp>,
    pub collapsed: bool,
}

/// One primitive change to an outline.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    InsertText {
        line: usize,
        at: usize,
        text: String,
    },
    RemoveText {
        line: usize,
        at: usize,
        text: String,
    },
    InsertBullets {
        at: usize,
        bullets: Vec<Bullet>,
    },
    RemoveBullets {
        at: usize,
        bullets: Vec<Bullet>,
    },
    /// Adds `delta` to the depth of bullets `start..end`.
    Shift {
        start: usize,
        end: usize,
        delta: isize,
    },
    SetMeta {
        line: usize,
        before: Meta,
        after: Meta,
    },
    /// Swaps the adjacent ranges `a..b` and `b..c` (moving a subtree past its sibling).
    Rotate {
        a: usize,
        b: usize,
        c: usize,
    },
}

impl Edit {
    fn apply(&self, o: &mut Outline) {
        // Copies the list (each text shared, not copied) only while a save still holds the
        // previous version.
        let bullets = Arc::make_mut(&mut o.bullets);
        match self {
            Edit::InsertText { line, at, text } => bullets[*line].text.insert_str(*at, text),
            Edit::RemoveText { line, at, text } => {
                bullets[*line].text.replace_range(*at..*at + text.len(), "");
            }
            Edit::InsertBullets { at, bullets: new } => {
                o.collapsed += new.iter().filter(|b| b.collapsed).count();
                // Bullets from elsewhere (a reload, a merge) keep their ids: new ones must not
                // repeat them.
                let past = new.iter().map(|b| b.id.saturating_add(1)).max();
                o.next_id = o.next_id.max(past.unwrap_or(0));
                // Grown by an eighth, not doubled: the first Enter in a 10,000-bullet session
                // doubled the list to 1.1 MB.
                if bullets.len() + new.len() > bullets.capacity() {
                    bullets.reserve_exact(new.len() + bullets.len() / 8 + 4);
                }
                bullets.splice(*at..*at, new.iter().cloned());
            }
            Edit::RemoveBullets { at, bullets: old } => {
                let gone = bullets.drain(*at..*at + old.len());
                o.collapsed -= gone.filter(|b| b.collapsed).count();
            }
            Edit::Shift { start, end, delta } => {
                for b in &mut bullets[*start..*end] {
                    b.depth = b.depth.saturating_add_signed(*delta);
                }
            }
            Edit::SetMeta { line, after, .. } => {
                let b = &mut bullets[*line];
                o.collapsed = o.collapsed + usize::from(after.collapsed) - usize::from(b.collapsed);
                b.kind = after.kind;
                b.follow_up = after.follow_up;
                b.collapsed = after.collapsed;
            }
            Edit::Rotate { a, b, c } => bullets[*a..*c].rotate_left(b - a),
        }
    }

    fn inverse(&self) -> Edit {
        match self.clone() {
            Edit::InsertText { line, at, text } => Edit::RemoveText { line, at, text },
            Edit::RemoveText { line, at, text } => Edit::InsertText { line, at, text },
            Edit::InsertBullets { at, bullets } => Edit::RemoveBullets { at, bullets },
            Edit::RemoveBullets { at, bullets } => Edit::InsertBullets { at, bullets },
            Edit::Shift { start, end, delta } => Edit::Shift {
                start,
                end,
                delta: -delta,
            },
            Edit::SetMeta {
                line,
                before,
                after,
            } => Edit::SetMeta {
                line,
                before: after,
                after: before,
            },
            Edit::Rotate { a, b, c } => Edit::Rotate { a, b: a + c - b, c },
        }
    }
}

/// A user command's edits, undone and redone as one step, with the cursor on either side.
#[derive(Debug, Clone)]
struct Transaction {
    edits: Vec<Edit>,
    before: Cursor,
    after: Cursor,
    /// Typing at the cursor: the next typed characters join this step instead of starting one.
    typing: bool,
    /// One half of a step that changed two sessions' notes (notes moved from one to the other):
    /// undoing or redoing either half does both.
    link: Option<u64>,
    /// Notes reloaded from a file changed outside kaigi: which reload (see
    /// [`History::reload_applied`]).
    outside: Option<u64>,
}

/// Undo and redo stacks. Unlimited: an edit costs a few bytes beyond the text it carries.
#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<Transaction>,
    redo: Vec<Transaction>,
    /// Set when the cursor moves, so typing after a move starts a new undo step.
    sealed: bool,
    /// How many reloads from outside there have been: the last one's number.
    reloads: u64,
}

impl History {
    /// Ends the current run of typing, so that the next edit is its own undo step.
    pub fn seal(&mut self) {
        self.sealed = true;
    }

    /// Marks the last step as half of linked step `link`.
    pub fn link_last(&mut self, link: u64) {
        if let Some(t) = self.undo.last_mut() {
            t.link = Some(link);
        }
        self.sealed = true;
    }

    /// Marks the last step as notes reloaded from a file changed outside kaigi.
    pub fn mark_last_outside(&mut self) {
        if let Some(t) = self.undo.last_mut() {
            self.reloads += 1;
            t.outside = Some(self.reloads);
        }
        self.sealed = true;
    }

    /// Whether the notes build on the last reload from outside (it has not been undone): then
    /// writing them over the file it came from loses nothing of that file. `None` when there
    /// was no reload.
    pub fn reload_applied(&self) -> Option<bool> {
        (self.reloads > 0)
            .then(|| (self.undo.iter().rev()).any(|t| t.outside == Some(self.reloads)))
    }

    /// The link of the step an undo would undo.
    pub fn undo_link(&self) -> Option<u64> {
        self.undo.last()?.link
    }

    /// The link of the step a redo would redo.
    pub fn redo_link(&self) -> Option<u64> {
        self.redo.last()?.link
    }
}

/// Applies `edits` to `outline` as one undo step (merged into the previous one when both are
/// typing), and returns the cursor to use after it. The single gate every change goes through.
pub fn commit(
    outline: &mut Outline,
    history: &mut History,
    edits: Vec<Edit>,
    before: Cursor,
    after: Cursor,
    typing: bool,
) -> Cursor {
    if edits.is_empty() {
        return after;
    }
    for e in &edits {
        e.apply(outline);
    }
    debug_assert!(outline.is_well_formed(), "{edits:?} broke the outline");
    let after = on_boundary(outline, after);
    history.redo.clear();
    let merges = |t: &&mut Transaction| typing && !history.sealed && t.typing && t.after == before;
    if let Some(last) = history.undo.last_mut().filter(merges) {
        last.edits.extend(edits);
        last.after = after;
        return after;
    }
    history.sealed = false;
    history.undo.push(Transaction {
        edits,
        before,
        after,
        typing,
        link: None,
        outside: None,
    });
    after
}

/// Moves `c` to the end of the grapheme cluster it falls inside. An edit can fuse the text on
/// either side of the cursor into one cluster (a regional indicator typed before another one, a
/// joiner typed between two emoji, a bullet starting with a combining mark joined onto the one
/// above), and the cursor must stay on a boundary; the end is after what was typed.
fn on_boundary(outline: &Outline, c: Cursor) -> Cursor {
    let s = &outline.bullets[c.line].text;
    if c.byte == 0 || c.byte >= s.len() {
        return c;
    }
    // On a boundary this is `c.byte` again; inside a cluster it is the cluster's end.
    let byte = text::next_boundary(s, text::prev_boundary(s, c.byte));
    Cursor { byte, ..c }
}

/// Undoes the last step; returns the cursor from before it.
pub fn undo(outline: &mut Outline, history: &mut History) -> Option<Cursor> {
    let t = history.undo.pop()?;
    for e in t.edits.iter().rev() {
        e.inverse().apply(outline);
    }
    let cursor = t.before;
    history.redo.push(t);
    history.sealed = true;
    Some(cursor)
}

/// Redoes the last undone step; returns the cursor from after it.
pub fn redo(outline: &mut Outline, history: &mut History) -> Option<Cursor> {
    let t = history.redo.pop()?;
    for e in &t.edits {
        e.apply(outline);
    }
    let cursor = t.after;
    history.undo.push(t);
    history.sealed = true;
    Some(cursor)
}

impl Outline {
    /// The metadata of `line`, for building a [`Edit::SetMeta`].
    pub fn meta(&self, line: usize) -> Meta {
        let b = &self.bullets[line];
        Meta {
            kind: b.kind,
            follow_up: b.follow_up,
            collapsed: b.collapsed,
        }
    }
}
