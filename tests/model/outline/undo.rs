//! Undo and redo: which edits make one step, and where the cursor goes back to.

use super::{keys, unchanged};
use crate::common::sketch::{ed, show, t};

#[test]
fn a_run_of_typing_is_one_undo_step() {
    let mut e = ed("|");
    keys("hello 世界")(&mut e);
    assert!(e.undo());
    assert_eq!(show(&e), "|");
    assert!(!e.undo());
}

#[test]
fn typing_with_backspaces_is_still_one_undo_step() {
    let mut e = ed("x|");
    keys("abc")(&mut e);
    e.backspace();
    e.insert("d");
    assert_eq!(show(&e), "xabd|");
    assert!(e.undo());
    assert_eq!(show(&e), "x|");
}

#[test]
fn a_cursor_move_between_typing_splits_undo_steps() {
    let mut e = ed("|");
    e.insert("a");
    e.left();
    e.right();
    e.insert("b");
    assert_eq!(show(&e), "ab|");
    assert!(e.undo());
    assert_eq!(show(&e), "a|");
    assert!(e.undo());
    assert_eq!(show(&e), "|");
}

#[test]
fn enter_splits_undo_steps() {
    let mut e = ed("|");
    keys("ab")(&mut e);
    e.split(t());
    keys("cd")(&mut e);
    assert_eq!(show(&e), "ab\ncd|");
    e.undo();
    assert_eq!(show(&e), "ab\n|");
    e.undo();
    assert_eq!(show(&e), "ab|");
    e.undo();
    assert_eq!(show(&e), "|");
}

#[test]
fn undo_restores_the_cursor() {
    let mut e = ed("ab|");
    e.home();
    e.split(t());
    e.end();
    assert_eq!(show(&e), "\nab|");
    e.undo();
    assert_eq!(show(&e), "|ab");
    let mut e = ed("a\n  b|\n  c");
    e.outdent();
    e.first();
    e.undo();
    assert_eq!(show(&e), "a\n  b|\n  c");
}

#[test]
fn redo_after_undo_returns_the_same_state() {
    let mut e = ed("a\n  |b\n    c\nd");
    e.insert("x");
    e.outdent();
    e.split(t());
    e.move_up();
    e.set_collapsed(true);
    e.cycle_follow_up();
    let after = show(&e);
    let mut states = vec![show(&e)];
    while e.undo() {
        states.push(show(&e));
    }
    assert_eq!(show(&e), "a\n  |b\n    c\nd");
    states.pop();
    while e.redo() {
        assert_eq!(Some(show(&e)), states.pop());
    }
    assert_eq!(show(&e), after);
    assert!(states.is_empty());
}

#[test]
fn a_new_edit_clears_redo() {
    let mut e = ed("|");
    e.insert("a");
    e.undo();
    e.insert("b");
    assert!(!e.redo());
    assert_eq!(show(&e), "b|");
}

#[test]
fn undo_and_redo_on_a_fresh_editor_do_nothing() {
    unchanged("a|", |e| {
        assert!(!e.undo());
        assert!(!e.redo());
    });
}

#[test]
fn typing_after_undo_starts_a_new_step() {
    let mut e = ed("|");
    e.insert("a");
    e.split(t());
    e.insert("b");
    e.undo();
    e.insert("c");
    e.insert("d");
    assert_eq!(show(&e), "a\ncd|");
    e.undo();
    assert_eq!(show(&e), "a\n|");
}

// ---------------------------------------------------------------- motions
