//! A session's notes: a tree of bullets. In memory the tree is a pre-order list in which each bullet
//! carries its depth, so typing touches one string, and moving or indenting a subtree is a slice
//! operation on a contiguous range; on disk it is a nested JSON tree (`file`). Every change goes
//! through [`edit`], which records invertible edits for undo.

pub mod edit;
pub mod editor;
pub mod file;
pub mod merge;
mod ops;
mod paste;
mod structure;
pub mod subtree;
mod text;

pub use text::Text;

use std::sync::Arc;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// Deepest nesting the editor creates: deep enough for any talk, shallow enough that the JSON
/// nesting stays far inside serde_json's recursion limit so every file we write reads back.
pub const MAX_DEPTH: usize = 24;

/// Largest bullet id kept as read from a file; larger ones get fresh ids (see
/// [`Outline::from_bullets`]), so new ids never run out.
const MAX_FILE_ID: u64 = u64::MAX / 2;

/// How a bullet is shown and exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    #[default]
    Bullet,
    /// Prose of one's own, shown without a bullet glyph and exported as a paragraph.
    Paragraph,
}

/// A "check this later" item, org-mode's TODO/DONE.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowUp {
    Open,
    Done,
}

/// One line of notes.
#[derive(Debug, Clone, PartialEq)]
pub struct Bullet {
    /// Stable within its session: follow-ups and search results point at it.
    pub id: u64,
    pub depth: usize,
    pub text: Text,
    pub kind: Kind,
    pub follow_up: Option<FollowUp>,
    pub created: DateTime<FixedOffset>,
    pub collapsed: bool,
}

/// The notes of one session. Never empty: there is always a bullet to type into.
#[derive(Debug, Clone, PartialEq)]
pub struct Outline {
    /// Shared, copied on write, and so is each bullet's text: a save takes the notes in O(1) on
    /// the input thread and writes them on the saver's. A key typed while it does copies the
    /// list (a pointer per text), never the text of 10,000 bullets.
    bullets: Arc<Vec<Bullet>>,
    next_id: u64,
    /// How many bullets are collapsed: while none is, nothing is hidden and finding the visible
    /// neighbours of a bullet needs no walk up its ancestors.
    collapsed: usize,
}

impl Outline {
    /// A document holding one empty bullet created at `now`.
    pub fn new(now: DateTime<FixedOffset>) -> Self {
        let mut o = Outline {
            bullets: Default::default(),
            next_id: 1,
            collapsed: 0,
        };
        let first = o.new_bullet(0, String::new(), now);
        Arc::make_mut(&mut o.bullets).push(first);
        o
    }

    /// Builds an outline from bullets in pre-order, repairing depths that jump by more than one
    /// level and ids that repeat, so a hand-edited file cannot break the editor's invariants.
    pub fn from_bullets(mut bullets: Vec<Bullet>, now: DateTime<FixedOffset>) -> Self {
        if bullets.is_empty() {
            return Self::new(now);
        }
        let mut seen = std::collections::HashSet::new();
        // Ids past MAX_FILE_ID are renumbered like repeats: `next_id` must have room to count up
        // (an id of u64::MAX in a file made the next new bullet overflow).
        let mut next_id = bullets
            .iter()
            .map(|b| b.id)
            .filter(|&id| id <= MAX_FILE_ID)
            .max()
            .unwrap_or(0)
            + 1;
        let mut max_depth = 0;
        for b in &mut bullets {
            b.depth = b.depth.min(max_depth).min(MAX_DEPTH);
            max_depth = b.depth + 1;
            if b.id > MAX_FILE_ID || !seen.insert(b.id) {
                b.id = next_id;
                next_id += 1;
                seen.insert(b.id);
            }
        }
        let collapsed = bullets.iter().filter(|b| b.collapsed).count();
        Outline {
            bullets: Arc::new(bullets),
            next_id,
            collapsed,
        }
    }

    /// A fresh bullet with a new id (not yet inserted).
    pub fn new_bullet(&mut self, depth: usize, text: String, now: DateTime<FixedOffset>) -> Bullet {
        let id = self.next_id;
        self.next_id += 1;
        Bullet {
            id,
            depth,
            text: text.into(),
            kind: Kind::Bullet,
            follow_up: None,
            created: now,
            collapsed: false,
        }
    }

    pub fn bullets(&self) -> &[Bullet] {
        &self.bullets
    }

    pub fn len(&self) -> usize {
        self.bullets.len()
    }

    pub fn is_empty(&self) -> bool {
        self.bullets.len() == 1 && self.bullets[0].text.is_empty()
    }

    pub fn get(&self, line: usize) -> Option<&Bullet> {
        self.bullets.get(line)
    }

    pub fn position(&self, id: u64) -> Option<usize> {
        self.bullets.iter().position(|b| b.id == id)
    }

    /// One past the last descendant of `line`.
    pub fn subtree_end(&self, line: usize) -> usize {
        let depth = self.bullets[line].depth;
        self.bullets[line + 1..]
            .iter()
            .position(|b| b.depth <= depth)
            .map_or(self.bullets.len(), |n| line + 1 + n)
    }

    /// The parent of `line`, if it has one.
    pub fn parent(&self, line: usize) -> Option<usize> {
        let depth = self.bullets[line].depth;
        (0..line).rev().find(|&i| self.bullets[i].depth < depth)
    }

    /// The previous bullet at the same depth under the same parent.
    pub fn prev_sibling(&self, line: usize) -> Option<usize> {
        let depth = self.bullets[line].depth;
        let i = (0..line).rev().find(|&i| self.bullets[i].depth <= depth)?;
        (self.bullets[i].depth == depth).then_some(i)
    }

    /// The next bullet at the same depth under the same parent.
    pub fn next_sibling(&self, line: usize) -> Option<usize> {
        let end = self.subtree_end(line);
        let b = self.bullets.get(end)?;
        (b.depth == self.bullets[line].depth).then_some(end)
    }

    /// Whether some ancestor of `line` is collapsed, hiding it.
    pub fn is_hidden(&self, line: usize) -> bool {
        self.hiding_ancestor(line).is_some()
    }

    /// The outermost collapsed ancestor of `line`.
    fn hiding_ancestor(&self, line: usize) -> Option<usize> {
        if self.collapsed == 0 {
            return None;
        }
        let mut hiding = None;
        let mut depth = self.bullets[line].depth;
        for i in (0..line).rev() {
            if depth == 0 {
                break;
            }
            let b = &self.bullets[i];
            if b.depth < depth {
                depth = b.depth;
                if b.collapsed {
                    hiding = Some(i);
                }
            }
        }
        hiding
    }

    /// The visible bullet after `line`, skipping collapsed subtrees.
    pub fn next_visible(&self, line: usize) -> Option<usize> {
        let next = if self.bullets[line].collapsed {
            self.subtree_end(line)
        } else {
            line + 1
        };
        (next < self.bullets.len()).then_some(next)
    }

    /// The visible bullet before `line`.
    pub fn prev_visible(&self, line: usize) -> Option<usize> {
        let prev = line.checked_sub(1)?;
        Some(self.hiding_ancestor(prev).unwrap_or(prev))
    }

    /// Number of descendants of `line` (shown beside a collapsed bullet).
    pub fn descendants(&self, line: usize) -> usize {
        self.subtree_end(line) - line - 1
    }

    /// Whether the tree invariants hold: the collapsed count is right, never empty, first bullet at depth 0, each step down at
    /// most one level, ids unique.
    pub fn is_well_formed(&self) -> bool {
        let mut ids = std::collections::HashSet::new();
        self.collapsed == self.bullets.iter().filter(|b| b.collapsed).count()
            && !self.bullets.is_empty()
            && self.bullets[0].depth == 0
            && self
                .bullets
                .windows(2)
                .all(|w| w[1].depth <= w[0].depth + 1)
            && self
                .bullets
                .iter()
                .all(|b| ids.insert(b.id) && b.depth <= MAX_DEPTH)
    }

    /// Bullets and a cursor in a compact text form for tests: two spaces per level, `|` at the
    /// cursor.
    pub fn sketch(&self, cursor: Option<(usize, usize)>) -> String {
        let mut out = String::new();
        for (i, b) in self.bullets.iter().enumerate() {
            out.push_str(&"  ".repeat(b.depth));
            match cursor {
                Some((line, byte)) if line == i => {
                    out.push_str(&b.text[..byte]);
                    out.push('|');
                    out.push_str(&b.text[byte..]);
                }
                _ => out.push_str(&b.text),
            }
            out.push('\n');
        }
        out
    }
}

/// Outlines for the unit tests of the outline's modules.
#[cfg(test)]
pub(crate) mod testing {
    use chrono::{DateTime, FixedOffset};

    use super::Outline;

    /// When every test bullet was written.
    pub fn t() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-12-03T10:45:00+09:00").unwrap()
    }

    /// An outline of (depth, text) lines.
    pub fn outline(lines: &[(usize, &str)]) -> Outline {
        let mut o = Outline::new(t());
        let bullets = lines
            .iter()
            .map(|&(d, s)| o.new_bullet(d, s.to_string(), t()))
            .collect();
        Outline::from_bullets(bullets, t())
    }
}
