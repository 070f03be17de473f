//! Table-style tests of the outline editor, in helix's style: each test builds an editor from a
//! sketch, runs a command, and compares the sketch that comes out.
//!
//! Sketches are parsed by `common::sketch` (its docs give the format).
//!
//! `check` also undoes everything the command did and checks that the document (without the
//! cursor) is back to the starting sketch, then redoes it all and checks the result again.

use kaigi::model::outline::editor::Editor;

use crate::common::sketch::{doc, ed, show};

mod motion;
mod paste;
mod structure;
mod typing;
mod undo;

/// Checks the invariants every command must keep.
pub(super) fn assert_sane(e: &Editor) {
    let o = &e.outline;
    assert!(o.is_well_formed(), "{}", show(e));
    assert!(e.cursor.line < o.len(), "{:?}", e.cursor);
    let text = &o.bullets()[e.cursor.line].text;
    assert!(e.cursor.byte <= text.len(), "{:?} in {text:?}", e.cursor);
    assert!(
        kaigi::text::is_boundary(text, e.cursor.byte),
        "cursor {:?} inside a grapheme of {text:?}",
        e.cursor
    );
    assert!(
        !o.is_hidden(e.cursor.line),
        "cursor on a hidden bullet: {}",
        show(e)
    );
}

/// Runs `f` on the editor built from `before` and compares the result with `after`; then checks
/// that undoing everything restores the starting document and redoing everything the result.
#[track_caller]
pub(super) fn check(before: &str, f: impl FnOnce(&mut Editor), after: &str) {
    let mut e = ed(before);
    let start = doc(&e);
    f(&mut e);
    assert_eq!(show(&e), after, "\nbefore:\n{before}");
    assert_sane(&e);
    let end = doc(&e);
    while e.undo() {
        assert_sane(&e);
    }
    assert_eq!(doc(&e), start, "undoing everything");
    while e.redo() {
        assert_sane(&e);
    }
    assert_eq!(doc(&e), end, "redoing everything");
}

/// Checks that `f` changes nothing and records no undo step.
#[track_caller]
pub(super) fn unchanged(sketch: &str, f: impl FnOnce(&mut Editor)) {
    let mut e = ed(sketch);
    f(&mut e);
    assert_eq!(show(&e), sketch);
    assert!(!e.undo(), "a no-op recorded an undo step");
}

pub(super) fn ins(s: &str) -> impl FnOnce(&mut Editor) + '_ {
    move |e| e.insert(s)
}

pub(super) fn keys(s: &str) -> impl FnOnce(&mut Editor) + '_ {
    move |e| {
        for g in unicode_segmentation::UnicodeSegmentation::graphemes(s, true) {
            e.insert(g);
        }
    }
}

/// A branch of one bullet at each depth from 0 to `depth`.
pub(super) fn chain(depth: usize) -> String {
    (0..=depth)
        .map(|d| format!("{}l{d}", "  ".repeat(d)))
        .collect::<Vec<_>>()
        .join("\n")
}
