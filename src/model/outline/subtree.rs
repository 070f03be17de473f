//! A bullet with its children as one piece: deleted, cut, copied and pasted (into this session or
//! another), each one undo step, as Workflowy, Logseq and Dynalist move whole branches.

use chrono::{DateTime, FixedOffset};

use super::edit::{Cursor, Edit};
use super::editor::Editor;
use super::{Bullet, MAX_DEPTH};

/// Bullets cut or copied, their depths counted from the first one's (0).
#[derive(Debug, Clone, PartialEq)]
pub struct Branch(pub Vec<Bullet>);

impl Editor {
    /// The cursor's bullet and its children, as a [`Branch`].
    pub fn copy_branch(&self) -> Branch {
        let line = self.cursor.line;
        let end = self.outline.subtree_end(line);
        let base = self.outline.bullets()[line].depth;
        Branch(
            self.outline.bullets()[line..end]
                .iter()
                .map(|b| Bullet {
                    depth: b.depth - base,
                    ..b.clone()
                })
                .collect(),
        )
    }

    /// Deletes the cursor's bullet with its children, as one undo step, and returns them. The
    /// cursor goes to the bullet that takes their place (or the one above, at the end). The only
    /// bullet of the notes leaves an empty one behind: there is always a bullet to type into.
    pub fn delete_branch(&mut self, now: DateTime<FixedOffset>) -> Branch {
        let branch = self.copy_branch();
        let line = self.cursor.line;
        let end = self.outline.subtree_end(line);
        let removed = self.outline.bullets()[line..end].to_vec();
        let mut edits = vec![Edit::RemoveBullets {
            at: line,
            bullets: removed,
        }];
        let left = self.outline.len() - (end - line);
        let after = if left == 0 {
            let empty = self.outline.new_bullet(0, String::new(), now);
            edits.push(Edit::InsertBullets {
                at: 0,
                bullets: vec![empty],
            });
            Cursor::default()
        } else if line < left {
            // What followed takes its place; its ancestors are this bullet's: all unfolded.
            Cursor { line, byte: 0 }
        } else {
            let above = self.outline.prev_visible(line).unwrap_or(0);
            Cursor {
                line: above,
                byte: self.outline.bullets()[above].text.len(),
            }
        };
        self.commit(edits, after, false);
        self.history.seal();
        branch
    }

    /// Pastes `branch` after the cursor's bullet and its children, at the cursor bullet's level
    /// (in place of the cursor's bullet when that is empty and childless), with new ids, as one
    /// undo step. The cursor goes to the end of the first bullet pasted.
    pub fn paste_branch(&mut self, branch: &Branch, now: DateTime<FixedOffset>) {
        if branch.0.is_empty() {
            return;
        }
        let line = self.cursor.line;
        let here = &self.outline.bullets()[line];
        let replace = here.text.is_empty() && self.outline.descendants(line) == 0;
        let depth = here.depth;
        let at = if replace {
            line
        } else {
            self.outline.subtree_end(line)
        };
        let mut edits = Vec::new();
        if replace {
            edits.push(Edit::RemoveBullets {
                at: line,
                bullets: vec![here.clone()],
            });
        }
        let bullets: Vec<Bullet> = branch
            .0
            .iter()
            .map(|b| {
                let fresh = self.outline.new_bullet(0, String::new(), now);
                Bullet {
                    id: fresh.id,
                    depth: (depth + b.depth).min(MAX_DEPTH),
                    ..b.clone()
                }
            })
            .collect();
        let first_len = bullets[0].text.len();
        edits.push(Edit::InsertBullets { at, bullets });
        self.commit(
            edits,
            Cursor {
                line: at,
                byte: first_len,
            },
            false,
        );
        self.history.seal();
    }
}

impl Editor {
    /// Appends `branch` after everything, its first bullet at the top level (in place of the
    /// notes' only bullet when that is empty), with new ids: half `link` of a move.
    pub fn append_branch(&mut self, branch: &Branch, now: DateTime<FixedOffset>, link: u64) {
        let last = self.outline.len() - 1;
        let top = (0..=last)
            .rev()
            .find(|&l| self.outline.bullets()[l].depth == 0)
            .unwrap_or(0);
        // Pasted after the last top-level bullet's subtree: the end of the notes (or in place
        // of that bullet when it is empty, as an untouched session's only bullet is).
        self.cursor = Cursor { line: top, byte: 0 };
        self.paste_branch(branch, now);
        self.history.link_last(link);
    }

    /// Takes every bullet out, leaving one empty bullet to type into: half `link` of a move.
    pub fn take_all(&mut self, now: DateTime<FixedOffset>, link: u64) -> Branch {
        let all = self.outline.bullets().to_vec();
        let empty = self.outline.new_bullet(0, String::new(), now);
        let edits = vec![
            Edit::RemoveBullets {
                at: 0,
                bullets: all.clone(),
            },
            Edit::InsertBullets {
                at: 0,
                bullets: vec![empty],
            },
        ];
        self.commit(edits, Cursor::default(), false);
        self.history.link_last(link);
        Branch(all)
    }

    /// [`Editor::delete_branch`] as half `link` of a move.
    pub fn take_branch(&mut self, now: DateTime<FixedOffset>, link: u64) -> Branch {
        let branch = self.delete_branch(now);
        self.history.link_last(link);
        branch
    }

    /// Marks the last step as half of linked step `link` (a merge whose file goes once saved:
    /// undoing it must bring the file back).
    pub fn link_last_step(&mut self, link: u64) {
        self.history.link_last(link);
    }

    /// The link of the step Ctrl-Z would undo, or Ctrl-Y redo.
    pub fn pending_link(&self, redo: bool) -> Option<u64> {
        if redo {
            self.history.redo_link()
        } else {
            self.history.undo_link()
        }
    }
}
