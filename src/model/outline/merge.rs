//! Bringing another version of a session's notes in (a copy a sync tool left, notes kept after a
//! crash, the file changed on disk) as one undo step, so that nothing either side wrote is lost
//! and Ctrl-Z gives back what was there before.

use chrono::{DateTime, FixedOffset};

use super::edit::{Cursor, Edit};
use super::editor::Editor;
use super::{Bullet, MAX_DEPTH, Outline};

/// What a merge did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Merged {
    /// Everything the copy holds is in the notes already.
    Nothing,
    /// The notes held nothing the copy lacks: the copy took their place.
    Replaced,
    /// Both held something of their own: the copy went under a heading at the end.
    Appended,
}

impl Outline {
    /// Whether the text of every bullet of `other` is here too, or the start of a bullet here
    /// (typing went on after `other` was saved): taking `other` in would add nothing.
    pub fn holds_all_of(&self, other: &Outline) -> bool {
        let mut here: Vec<&str> = self.bullets().iter().map(|b| b.text.trim()).collect();
        here.sort_unstable();
        here.dedup();
        other.bullets().iter().all(|b| {
            let t = b.text.trim();
            // Texts starting with `t` sort right at or after it.
            let at = here.partition_point(|h| *h < t);
            t.is_empty() || here.get(at).is_some_and(|h| h.starts_with(t))
        })
    }
}

impl Editor {
    /// Puts `incoming` in place of the notes as one undo step, keeping the cursor where it was
    /// when it still fits.
    pub fn replace_all(&mut self, incoming: Outline) {
        let after = self.cursor_in(&incoming);
        if self.replace_all_at(incoming, after) {
            self.history.mark_last_outside();
        }
    }

    /// Whether the notes build on the last reload from outside (`None`: there was none).
    pub fn reload_applied(&self) -> Option<bool> {
        self.history.reload_applied()
    }

    /// Where the cursor goes when `incoming` takes the notes' place (a reload): on the same
    /// bullet wherever it moved, at the same place in its text (at its end if it was at the
    /// end, or the place is gone); where the bullet is gone, at the end of the one now at its
    /// line (or the last). Keeping the line number alone sent the next key into another bullet
    /// when a bullet above was removed elsewhere.
    fn cursor_in(&self, incoming: &Outline) -> Cursor {
        let Some(here) = self.outline.get(self.cursor.line) else {
            return Cursor::default();
        };
        let Some(line) = incoming.position(here.id) else {
            let line = self.cursor.line.min(incoming.len() - 1);
            let byte = incoming.bullets()[line].text.len();
            return Cursor { line, byte };
        };
        let text = &incoming.bullets()[line].text;
        let at_end = self.cursor.byte >= here.text.len();
        let fits = self.cursor.byte <= text.len() && text.is_char_boundary(self.cursor.byte);
        let byte = if at_end || !fits {
            text.len()
        } else {
            self.cursor.byte
        };
        Cursor { line, byte }
    }

    /// Puts `incoming` in place of the notes as one undo step, the cursor at `after` when it
    /// fits (a redo puts it there again). Whether they changed.
    fn replace_all_at(&mut self, incoming: Outline, mut after: Cursor) -> bool {
        let old = self.outline.bullets().to_vec();
        let new = incoming.bullets().to_vec();
        if old == new {
            return false;
        }
        let fits = new
            .get(after.line)
            .is_some_and(|b| after.byte <= b.text.len() && b.text.is_char_boundary(after.byte));
        if !fits {
            after = Cursor::default();
        }
        // Never inside a folded branch: on the bullet that hides it instead.
        while incoming.is_hidden(after.line) {
            let Some(up) = incoming.parent(after.line) else {
                break;
            };
            after = Cursor { line: up, byte: 0 };
        }
        let edits = vec![
            Edit::RemoveBullets {
                at: 0,
                bullets: old,
            },
            Edit::InsertBullets {
                at: 0,
                bullets: new,
            },
        ];
        self.commit(edits, after, false);
        self.history.seal();
        true
    }

    /// Brings `copy` into the notes as one undo step: nothing if they hold all of it already;
    /// in their place if they hold nothing it lacks (empty notes, or an older state of the
    /// copy); otherwise appended at the end under a bullet reading `head`, its bullets one level
    /// down with new ids. The cursor goes to what came in.
    pub fn merge(&mut self, copy: &Outline, head: &str, now: DateTime<FixedOffset>) -> Merged {
        if self.outline.holds_all_of(copy) {
            return Merged::Nothing;
        }
        if copy.holds_all_of(&self.outline) {
            self.replace_all_at(copy.clone(), Cursor::default());
            return Merged::Replaced;
        }
        let at = self.outline.len();
        // A follow-up the notes have already is not listed twice: its copy comes in unmarked.
        let follow_ups: std::collections::HashSet<&str> = self
            .outline
            .bullets()
            .iter()
            .filter(|b| b.follow_up.is_some())
            .map(|b| b.text.trim())
            .collect();
        let known: Vec<bool> = copy
            .bullets()
            .iter()
            .map(|b| follow_ups.contains(b.text.trim()))
            .collect();
        let mut bullets = vec![self.outline.new_bullet(0, head.to_string(), now)];
        for (b, known) in copy.bullets().iter().zip(known) {
            if b.text.is_empty() && copy.len() == 1 {
                continue;
            }
            let fresh = self.outline.new_bullet(0, String::new(), now);
            bullets.push(Bullet {
                id: fresh.id,
                depth: (b.depth + 1).min(MAX_DEPTH),
                follow_up: if known { None } else { b.follow_up },
                ..b.clone()
            });
        }
        // A trailing empty bullet (where the notes were about to be typed) is left alone: the
        // copy goes after it, and the empty bullet stays where the typing was.
        let after = Cursor { line: at, byte: 0 };
        self.commit(vec![Edit::InsertBullets { at, bullets }], after, false);
        self.history.seal();
        Merged::Appended
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::outline::testing::{outline, t};

    fn editor(lines: &[(usize, &str)]) -> Editor {
        Editor::new(outline(lines))
    }

    #[test]
    fn a_copy_holding_nothing_new_adds_nothing() {
        let mut e = editor(&[(0, "Kinesis"), (1, "シャード数で決まる")]);
        let copy = outline(&[(0, "Kinesis"), (1, "シャード")]);
        assert_eq!(e.merge(&copy, "From x.json", t()), Merged::Nothing);
        assert_eq!(e.outline.len(), 2);
    }

    #[test]
    fn notes_that_are_an_older_state_of_the_copy_are_replaced_in_one_undo_step() {
        let mut e = editor(&[(0, "保存済み")]);
        let copy = outline(&[(0, "保存済み + 未保存"), (1, "子")]);
        assert_eq!(e.merge(&copy, "From x.json", t()), Merged::Replaced);
        assert_eq!(e.outline.sketch(None), "保存済み + 未保存\n  子\n");
        assert!(e.undo());
        assert_eq!(e.outline.sketch(None), "保存済み\n");
        assert!(e.redo());
        assert_eq!(e.outline.len(), 2);
    }

    #[test]
    fn notes_and_a_copy_each_with_their_own_bullets_keep_both() {
        let mut e = editor(&[(0, "typed here"), (1, "nested")]);
        let copy = outline(&[(0, "from the laptop"), (1, "deep")]);
        assert_eq!(e.merge(&copy, "From a (1).json", t()), Merged::Appended);
        assert_eq!(
            e.outline.sketch(None),
            "typed here\n  nested\nFrom a (1).json\n  from the laptop\n    deep\n"
        );
        assert!(e.outline.is_well_formed());
        assert_eq!(e.cursor.line, 2, "the cursor goes to what came in");
        // New bullets typed later never reuse an id the merge brought in.
        e.split(t());
        assert!(e.outline.is_well_formed());
        assert!(e.undo() && e.undo());
        assert_eq!(e.outline.sketch(None), "typed here\n  nested\n");
    }

    #[test]
    fn after_a_reload_the_cursor_stays_on_its_bullet_wherever_it_moved() {
        let mut e = editor(&[(0, "行一"), (0, "行二"), (0, "行三"), (0, "最後")]);
        e.cursor.line = 3;
        e.cursor.byte = "最後".len();
        // Elsewhere, the first bullet was removed: the others keep their ids.
        let theirs = Outline::from_bullets(e.outline.bullets()[1..4].to_vec(), t());
        e.replace_all(theirs.clone());
        e.insert("Y");
        assert_eq!(e.outline.sketch(None), "行二\n行三\n最後Y\n");

        // Elsewhere, the bullet the cursor is on was removed: the end of the one now there.
        let mut e = editor(&[(0, "行一"), (0, "行二"), (0, "最後")]);
        e.cursor.line = 2;
        e.cursor.byte = 0;
        e.replace_all(Outline::from_bullets(
            e.outline.bullets()[0..2].to_vec(),
            t(),
        ));
        e.insert("Y");
        assert_eq!(e.outline.sketch(None), "行一\n行二Y\n");

        // Elsewhere, text was added to the bullet the cursor is at the end of: still the end.
        let mut e = editor(&[(0, "行一"), (0, "最後")]);
        e.cursor.line = 1;
        e.cursor.byte = "最後".len();
        let mut longer = e.outline.bullets()[0..2].to_vec();
        longer[1].text.push_str("（同期）");
        e.replace_all(Outline::from_bullets(longer, t()));
        e.insert("Y");
        assert_eq!(e.outline.sketch(None), "行一\n最後（同期）Y\n");
    }

    #[test]
    fn the_notes_build_on_the_last_reload_until_it_is_undone() {
        let mut e = editor(&[(0, "ours")]);
        assert_eq!(e.reload_applied(), None);
        e.replace_all(outline(&[(0, "theirs")]));
        assert_eq!(e.reload_applied(), Some(true));
        e.insert("!");
        assert_eq!(e.reload_applied(), Some(true));
        assert!(e.undo() && e.undo());
        assert_eq!(e.reload_applied(), Some(false));
        assert!(e.redo());
        assert_eq!(e.reload_applied(), Some(true));
        // Undone, then typed over: the reload is gone from the history for good.
        assert!(e.undo());
        e.insert("x");
        assert_eq!(e.reload_applied(), Some(false));
        // A second reload undone: the first one, still applied, does not count.
        e.replace_all(outline(&[(0, "laptop A")]));
        e.replace_all(outline(&[(0, "laptop B")]));
        assert!(e.undo());
        assert_eq!(e.outline.sketch(None), "laptop A\n");
        assert_eq!(e.reload_applied(), Some(false));
    }

    #[test]
    fn a_reload_is_one_undo_step_and_keeps_the_cursor_where_it_fits() {
        let mut e = editor(&[(0, "ours"), (0, "second")]);
        e.cursor.line = 1;
        e.cursor.byte = 3;
        e.replace_all(outline(&[(0, "theirs"), (0, "secondly")]));
        assert_eq!(e.outline.sketch(None), "theirs\nsecondly\n");
        assert_eq!((e.cursor.line, e.cursor.byte), (1, 3));
        assert!(e.undo());
        assert_eq!(e.outline.sketch(None), "ours\nsecond\n");
    }
}
