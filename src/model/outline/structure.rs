//! The commands that change an outline's shape and marks rather than its text: indenting,
//! moving branches, folding, follow-up and paragraph marks. Each is one invertible undo step.

use super::edit::{Cursor, Edit, Meta};
use super::editor::Editor;
use super::{FollowUp, Kind, MAX_DEPTH};

impl Editor {
    /// Tab: makes the bullet (with its children) the last child of its previous sibling.
    pub fn indent(&mut self) {
        let line = self.cursor.line;
        let o = &self.outline;
        let Some(sibling) = o.prev_sibling(line) else {
            return;
        };
        let end = o.subtree_end(line);
        let deepest = o.bullets[line..end]
            .iter()
            .map(|b| b.depth)
            .max()
            .unwrap_or(0);
        if deepest >= MAX_DEPTH {
            return;
        }
        let mut edits = Vec::new();
        let meta = o.meta(sibling);
        if meta.collapsed {
            edits.push(Edit::SetMeta {
                line: sibling,
                before: meta,
                after: Meta {
                    collapsed: false,
                    ..meta
                },
            });
        }
        edits.push(Edit::Shift {
            start: line,
            end,
            delta: 1,
        });
        self.commit(edits, self.cursor, false);
    }

    /// Shift-Tab: makes the bullet (with its children) the next sibling of its parent, placed
    /// after the parent's other children, as Workflowy and Dynalist do.
    pub fn outdent(&mut self) {
        let line = self.cursor.line;
        let o = &self.outline;
        let Some(parent) = o.parent(line) else {
            return;
        };
        let (a, b, c) = (line, o.subtree_end(line), o.subtree_end(parent));
        let new_line = c - (b - a);
        let mut edits = Vec::new();
        if b < c {
            edits.push(Edit::Rotate { a, b, c });
        }
        edits.push(Edit::Shift {
            start: new_line,
            end: c,
            delta: -1,
        });
        let after = Cursor {
            line: new_line,
            ..self.cursor
        };
        self.commit(edits, after, false);
    }

    /// Alt-Up: swaps the bullet's subtree with the previous sibling's. The first child goes on
    /// past its parent, to the end of the children of the parent's previous sibling (as
    /// Workflowy and Logseq move), keeping its level.
    pub fn move_up(&mut self) {
        self.move_branch(true);
    }

    /// Alt-Down: swaps the bullet's subtree with the next sibling's. The last child goes on past
    /// its parent, to the start of the children of the parent's next sibling.
    pub fn move_down(&mut self) {
        self.move_branch(false);
    }

    /// Both moves are one rotation of two adjacent runs of lines, `a..b` and `b..c`; past the
    /// parent, the sibling of the parent it goes into (the "uncle") unfolds first.
    fn move_branch(&mut self, up: bool) {
        let line = self.cursor.line;
        let o = &self.outline;
        let end = o.subtree_end(line);
        let sibling = if up {
            o.prev_sibling(line)
        } else {
            o.next_sibling(line)
        };
        let (uncle, a, b, c, to) = match sibling {
            Some(prev) if up => (None, prev, line, end, prev),
            Some(next) => {
                let c = o.subtree_end(next);
                (None, line, next, c, line + (c - next))
            }
            None => {
                let Some(parent) = o.parent(line) else {
                    return;
                };
                let uncle = if up {
                    o.prev_sibling(parent)
                } else {
                    o.next_sibling(parent)
                };
                let Some(uncle) = uncle else {
                    return;
                };
                if up {
                    // Everything of the parent's before this bullet moves down past it.
                    (Some(uncle), parent, line, end, parent)
                } else {
                    // The last child's subtree ends where the parent's does: the uncle's line
                    // comes next, and moves up past it.
                    debug_assert_eq!(end, uncle);
                    (Some(uncle), line, end, end + 1, line + 1)
                }
            }
        };
        let mut edits = uncle.map_or_else(Vec::new, |u| self.expand_edit(u));
        edits.push(Edit::Rotate { a, b, c });
        let after = Cursor {
            line: to,
            ..self.cursor
        };
        self.commit(edits, after, false);
    }

    /// The edit that unfolds `line` if it is collapsed (a bullet moved into it must show).
    fn expand_edit(&self, line: usize) -> Vec<Edit> {
        let before = self.outline.meta(line);
        if !before.collapsed {
            return Vec::new();
        }
        vec![Edit::SetMeta {
            line,
            before,
            after: Meta {
                collapsed: false,
                ..before
            },
        }]
    }

    fn set_meta(&mut self, change: impl FnOnce(Meta) -> Meta) {
        self.set_meta_of(self.cursor.line, change);
    }

    /// Changes bullet `line`'s marks as one undo step, the cursor staying where it is.
    fn set_meta_of(&mut self, line: usize, change: impl FnOnce(Meta) -> Meta) {
        let before = self.outline.meta(line);
        let after = change(before);
        if after != before {
            let edits = vec![Edit::SetMeta {
                line,
                before,
                after,
            }];
            self.commit(edits, self.cursor, false);
        }
    }

    /// Collapses (`true`) or expands the bullet's children; a bullet without children stays as is.
    pub fn set_collapsed(&mut self, collapsed: bool) {
        if self.outline.descendants(self.cursor.line) > 0 {
            self.set_meta(|m| Meta { collapsed, ..m });
        }
    }

    /// Marks bullet `line` as a follow-up in `state` (or none) without moving the cursor, as one
    /// undo step (toggling from the follow-up list).
    pub fn set_follow_up(&mut self, line: usize, state: Option<FollowUp>) {
        self.set_meta_of(line, |m| Meta {
            follow_up: state,
            ..m
        });
    }

    /// Ctrl-T: plain → open follow-up → done → plain.
    pub fn cycle_follow_up(&mut self) {
        self.set_meta(|m| Meta {
            follow_up: match m.follow_up {
                None => Some(FollowUp::Open),
                Some(FollowUp::Open) => Some(FollowUp::Done),
                Some(FollowUp::Done) => None,
            },
            ..m
        });
    }

    /// Turns a bullet into a paragraph of prose, or back.
    pub fn toggle_paragraph(&mut self) {
        self.set_meta(|m| Meta {
            kind: match m.kind {
                Kind::Bullet => Kind::Paragraph,
                Kind::Paragraph => Kind::Bullet,
            },
            ..m
        });
    }
}
