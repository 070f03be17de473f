//! The editing commands: each one works out the invertible edits for what the user asked and hands
//! them to `edit::commit` together with the cursor before and after, so undo restores both.

use chrono::{DateTime, FixedOffset};

use super::FollowUp;
use super::edit::{self, Cursor, Edit, Meta};
use super::editor::Editor;
use crate::text;

impl Editor {
    pub(super) fn commit(&mut self, edits: Vec<Edit>, after: Cursor, typing: bool) {
        let before = self.cursor;
        if edits.is_empty() {
            return;
        }
        self.cursor = edit::commit(
            &mut self.outline,
            &mut self.history,
            edits,
            before,
            after,
            typing,
        );
        self.revision += 1;
        self.goal = None;
    }

    /// Types `text` (one key, or an IME commit of several characters) at the cursor.
    pub fn insert(&mut self, text: &str) {
        // A line break is Enter's job: one inside typed text (an IME commit) adds nothing.
        let text = text::clean(text.trim_matches(['\n', '\r']));
        if text.is_empty() {
            return;
        }
        let Cursor { line, byte } = self.cursor;
        let mut edits = vec![Edit::InsertText {
            line,
            at: byte,
            text: text.to_string(),
        }];
        let mut after = Cursor {
            line,
            byte: byte + text.len(),
        };
        let old = &self.outline.bullets[line];
        // Typing the last character of a task marker at the start of a bullet makes it a
        // follow-up (full-width markers too: a Japanese IME types `［　］　`).
        if old.follow_up.is_none() && byte < 16 {
            let new = format!("{}{}{}", &old.text[..byte], text, &old.text[byte..]);
            if let Some((len, done)) = text::task_marker(&new)
                && after.byte >= len
            {
                let before = self.outline.meta(line);
                edits.push(Edit::RemoveText {
                    line,
                    at: 0,
                    text: new[..len].to_string(),
                });
                edits.push(Edit::SetMeta {
                    line,
                    before,
                    after: Meta {
                        follow_up: Some(if done { FollowUp::Done } else { FollowUp::Open }),
                        ..before
                    },
                });
                after.byte -= len;
            }
        }
        self.commit(edits, after, true);
    }

    /// Enter: splits the bullet at the cursor. On an empty nested bullet it outdents instead; at
    /// the very start of a bullet with text it opens an empty bullet above.
    pub fn split(&mut self, now: DateTime<FixedOffset>) {
        let Cursor { line, byte } = self.cursor;
        let b = &self.outline.bullets[line];
        if b.text.is_empty() && b.depth > 0 {
            return self.outdent();
        }
        let (depth, kind) = (b.depth, b.kind);
        if byte == 0 && !b.text.is_empty() {
            let mut new = self.outline.new_bullet(depth, String::new(), now);
            new.kind = kind;
            let edits = vec![Edit::InsertBullets {
                at: line,
                bullets: vec![new],
            }];
            return self.commit(
                edits,
                Cursor {
                    line: line + 1,
                    byte: 0,
                },
                false,
            );
        }
        let has_open_children = !b.collapsed && self.outline.descendants(line) > 0;
        let (at, depth) = if has_open_children {
            (line + 1, depth + 1)
        } else {
            (self.outline.subtree_end(line), depth)
        };
        let tail = b.text[byte..].to_string();
        let mut new = self.outline.new_bullet(depth, tail.clone(), now);
        new.kind = kind;
        let mut edits = Vec::new();
        if !tail.is_empty() {
            edits.push(Edit::RemoveText {
                line,
                at: byte,
                text: tail,
            });
        }
        edits.push(Edit::InsertBullets {
            at,
            bullets: vec![new],
        });
        self.commit(edits, Cursor { line: at, byte: 0 }, false);
    }

    /// Backspace: deletes the grapheme before the cursor; at the start of a bullet, first drops a
    /// follow-up mark (as outliners drop a checkbox), then joins the bullet onto the one above.
    pub fn backspace(&mut self) {
        let Cursor { line, byte } = self.cursor;
        if byte > 0 {
            let from = text::prev_boundary(self.line_text(), byte);
            return self.remove_text(from, byte);
        }
        let meta = self.outline.meta(line);
        if meta.follow_up.is_some() {
            let after = Meta {
                follow_up: None,
                ..meta
            };
            let edits = vec![Edit::SetMeta {
                line,
                before: meta,
                after,
            }];
            return self.commit(edits, self.cursor, false);
        }
        if let Some(prev) = self.outline.prev_visible(line) {
            self.join(prev, line);
        }
    }

    /// Delete: deletes the grapheme after the cursor; at the end of a bullet, joins the next one.
    pub fn delete(&mut self) {
        let Cursor { line, byte } = self.cursor;
        if byte < self.line_text().len() {
            let to = text::next_boundary(self.line_text(), byte);
            return self.remove_text(byte, to);
        }
        if let Some(next) = self.outline.next_visible(line) {
            self.join(line, next);
        }
    }

    /// Ctrl-W: deletes the word before the cursor (or joins, at the start of a bullet).
    pub fn delete_word(&mut self) {
        let byte = self.cursor.byte;
        if byte == 0 {
            return self.backspace();
        }
        let from = text::prev_word(self.line_text(), byte);
        self.remove_text(from, byte);
    }

    fn remove_text(&mut self, from: usize, to: usize) {
        let line = self.cursor.line;
        let text = self.outline.bullets[line].text[from..to].to_string();
        let edits = vec![Edit::RemoveText {
            line,
            at: from,
            text,
        }];
        self.commit(edits, Cursor { line, byte: from }, true);
    }

    /// Appends bullet `second` to `first` (which comes right before it on screen) and removes it,
    /// lifting its children one level if it was `first`'s child. A collapsed `first` hides what
    /// would be joined, so the cursor just moves there.
    fn join(&mut self, first: usize, second: usize) {
        let o = &self.outline;
        if o.bullets[first].collapsed && o.descendants(first) > 0 {
            // A motion like any other: Up/Down aim from the new column.
            return self.moved(self.end_of(first));
        }
        let (d1, d2) = (o.bullets[first].depth, o.bullets[second].depth);
        let end = o.subtree_end(second);
        let moved = o.bullets[second].clone();
        let at = o.bullets[first].text.len();
        let mut edits = Vec::new();
        if d2 > d1 && end > second + 1 {
            edits.push(Edit::Shift {
                start: second + 1,
                end,
                delta: -1,
            });
        }
        edits.push(Edit::RemoveBullets {
            at: second,
            bullets: vec![moved.clone()],
        });
        if !moved.text.is_empty() {
            edits.push(Edit::InsertText {
                line: first,
                at,
                text: moved.text.into(),
            });
        }
        self.commit(
            edits,
            Cursor {
                line: first,
                byte: at,
            },
            false,
        );
    }

    /// Ctrl-Z. Returns whether there was anything to undo.
    pub fn undo(&mut self) -> bool {
        let Some(c) = edit::undo(&mut self.outline, &mut self.history) else {
            return false;
        };
        self.cursor = c;
        self.goal = None;
        self.revision += 1;
        true
    }

    /// Ctrl-Y. Returns whether there was anything to redo.
    pub fn redo(&mut self) -> bool {
        let Some(c) = edit::redo(&mut self.outline, &mut self.history) else {
            return false;
        };
        self.cursor = c;
        self.goal = None;
        self.revision += 1;
        true
    }

    pub(super) fn commit_paste(&mut self, edits: Vec<Edit>, after: Cursor) {
        self.commit(edits, after, false);
        self.history.seal();
    }
}
