//! Indenting, moving, folding, branches, follow-up and paragraph marks.

use kaigi::model::outline::{FollowUp, MAX_DEPTH};

use super::{assert_sane, chain, check, unchanged};
use crate::common::sketch::{ed, show, t};

#[test]
fn indent_makes_the_last_child_of_the_previous_sibling() {
    check("a\n|b", |e| e.indent(), "a\n  |b");
    check("a\n  x\n|b", |e| e.indent(), "a\n  x\n  |b");
    check("a\n|b\n  c\nd", |e| e.indent(), "a\n  |b\n    c\nd");
    check(
        "a\n  x\n  |b\n    c",
        |e| e.indent(),
        "a\n  x\n    |b\n      c",
    );
}

#[test]
fn indent_without_a_previous_sibling_does_nothing() {
    unchanged("|a", |e| e.indent());
    unchanged("a\n  |b", |e| e.indent());
    unchanged("a\n  b\n|c\nd", |e| e.outdent());
}

#[test]
fn indent_under_a_collapsed_sibling_expands_it() {
    check("a +\n  x\n|b", |e| e.indent(), "a\n  x\n  |b");
}

#[test]
fn indent_stops_at_max_depth() {
    // A bullet at MAX_DEPTH - 1 can go to MAX_DEPTH...
    let base = chain(MAX_DEPTH - 2);
    let pad = "  ".repeat(MAX_DEPTH - 1);
    check(
        &format!("{base}\n{pad}x\n{pad}|y"),
        |e| e.indent(),
        &format!("{base}\n{pad}x\n{pad}  |y"),
    );
    // ...but not when that would push its children past MAX_DEPTH.
    unchanged(&format!("{base}\n{pad}x\n{pad}|y\n{pad}  z"), |e| {
        e.indent()
    });
    // A bullet already at MAX_DEPTH stays.
    let deep = chain(MAX_DEPTH - 1);
    let pad = "  ".repeat(MAX_DEPTH);
    unchanged(&format!("{deep}\n{pad}x\n{pad}|y"), |e| e.indent());
}

#[test]
fn outdent_moves_after_the_parents_other_children() {
    check("a\n  |b", |e| e.outdent(), "a\n|b");
    check(
        "a\n  |b\n    c\n  d\ne",
        |e| e.outdent(),
        "a\n  d\n|b\n  c\ne",
    );
    check(
        "a\n  x\n    |b\n    c\n  y",
        |e| e.outdent(),
        "a\n  x\n    c\n  |b\n  y",
    );
    check("a\n  b|c", |e| e.outdent(), "a\nb|c");
}

#[test]
fn outdent_at_depth_zero_does_nothing() {
    unchanged("|a", |e| e.outdent());
    unchanged("a\n|b\n  c", |e| e.outdent());
}

// ---------------------------------------------------------------- moving subtrees

#[test]
fn move_up_and_down_swap_whole_subtrees() {
    check("a\n  x\n|b\n  y", |e| e.move_up(), "|b\n  y\na\n  x");
    check("|a\n  x\nb\n  y", |e| e.move_down(), "b\n  y\n|a\n  x");
    check("r\n  a\n  b|\n  c", |e| e.move_up(), "r\n  b|\n  a\n  c");
    check("r\n  a\n  b|\n  c", |e| e.move_down(), "r\n  a\n  c\n  b|");
    check("a +\n  x\n|b", |e| e.move_up(), "|b\na +\n  x");
}

#[test]
fn moving_past_the_first_or_last_sibling_does_nothing_at_the_top() {
    unchanged("|a\nb", |e| e.move_up());
    unchanged("a\n|b", |e| e.move_down());
    unchanged("r\n  |x", |e| e.move_up());
    unchanged("r\n  |x", |e| e.move_down());
}

/// Issue 14.22: past the first or last child, a bullet moves on into the parent next door, at
/// its own level, as Workflowy and Logseq do.
#[test]
fn moving_past_the_first_or_last_child_goes_into_the_parent_next_door() {
    check(
        "a\n  |x\n  y\nb\n  z",
        |e| e.move_down(),
        "a\n  y\n  |x\nb\n  z",
    );
    check(
        "a\n  y\n  |x\nb\n  z",
        |e| e.move_down(),
        "a\n  y\nb\n  |x\n  z",
    );
    check(
        "a\n  z\nb\n  |x\n    c\n  y",
        |e| e.move_up(),
        "a\n  z\n  |x\n    c\nb\n  y",
    );
    // Into a folded parent: it unfolds, so the bullet moved stays in view.
    check("a +\n  z\nb\n  |x", |e| e.move_up(), "a\n  z\n  |x\nb");
    check("a\n  |x\nb +\n  z", |e| e.move_down(), "a\nb\n  |x\n  z");
}

// ---------------------------------------------------------------- collapsing

#[test]
fn collapse_and_expand() {
    check("|a\n  b", |e| e.set_collapsed(true), "|a +\n  b");
    check("|a +\n  b", |e| e.set_collapsed(false), "|a\n  b");
    unchanged("|a\nb", |e| e.set_collapsed(true));
    unchanged("|a +\n  b", |e| e.set_collapsed(true));
}

#[test]
fn cycle_follow_up_goes_open_done_plain() {
    check("|a", |e| e.cycle_follow_up(), "[ ] |a");
    check("[ ] |a", |e| e.cycle_follow_up(), "[x] |a");
    check("[x] |a", |e| e.cycle_follow_up(), "|a");
    let mut e = ed("a|");
    for _ in 0..3 {
        e.cycle_follow_up();
    }
    assert_eq!(show(&e), "a|");
}

#[test]
fn set_follow_up_marks_another_bullet_without_moving() {
    check(
        "|a\nb",
        |e| e.set_follow_up(1, Some(FollowUp::Open)),
        "|a\n[ ] b",
    );
    unchanged("|a\n[x] b", |e| e.set_follow_up(1, Some(FollowUp::Done)));
}

#[test]
fn toggle_paragraph_flips_the_kind() {
    check("|a", |e| e.toggle_paragraph(), "¶ |a");
    check("¶ |a", |e| e.toggle_paragraph(), "|a");
    check("[ ] |a", |e| e.toggle_paragraph(), "[ ] ¶ |a");
}

// ---------------------------------------------------------------- undo / redo

#[test]
fn jump_to_expands_as_an_undo_step() {
    let mut e = ed("|a\nb +\n  c +\n    d\ne");
    let id = e.outline.bullets()[3].id;
    assert!(e.jump_to(id));
    assert_eq!(show(&e), "a\nb\n  c\n    |d\ne");
    assert!(e.undo());
    assert_eq!(show(&e), "|a\nb +\n  c +\n    d\ne");
    assert!(e.redo());
    assert_eq!(show(&e), "a\nb\n  c\n    |d\ne");
    // Nothing to expand: just a move.
    let mut e = ed("|a\nb");
    let id = e.outline.bullets()[1].id;
    assert!(e.jump_to(id));
    assert_eq!(show(&e), "a\n|b");
    assert!(!e.undo());
    assert!(!e.jump_to(999));
}

#[test]
fn redo_never_puts_the_cursor_inside_a_collapsed_bullet_after_a_jump() {
    let mut e = ed("a\n  |b");
    e.insert("x");
    e.first();
    e.set_collapsed(true);
    let id = e.outline.bullets()[1].id;
    e.jump_to(id);
    e.insert("y");
    while e.undo() {
        assert_sane(&e);
    }
    assert_eq!(show(&e), "a\n  |b");
    while e.redo() {
        assert_sane(&e);
    }
    assert_eq!(show(&e), "a\n  y|xb");
}

/// 14.21: a bullet with its children is deleted, cut, copied and pasted as one piece.
#[test]
fn a_branch_is_deleted_as_one_undo_step() {
    check(
        "a\n|b\n  c\n    d\ne",
        |e| {
            e.delete_branch(t());
        },
        "a\n|e",
    );
    check(
        "a\n  x\n|b\n  c",
        |e| {
            e.delete_branch(t());
        },
        "a\n  x|",
    );
    check(
        "|only\n  child",
        |e| {
            e.delete_branch(t());
        },
        "|",
    );
    check(
        "a +\n  hidden\n|b",
        |e| {
            e.delete_branch(t());
        },
        "a| +\n  hidden",
    );
}

#[test]
fn a_branch_pastes_after_the_cursors_branch_at_its_level() {
    let from = ed("|Kinesis\n  シャード\n    上限\nまとめ");
    let branch = from.copy_branch();
    assert_eq!(branch.0.len(), 3);
    let mut into = ed("a\n  b|\n  c");
    into.paste_branch(&branch, t());
    assert_eq!(
        show(&into),
        "a\n  b\n  Kinesis|\n    シャード\n      上限\n  c"
    );
    assert_sane(&into);
    assert!(into.undo());
    assert_eq!(show(&into), "a\n  b|\n  c");
    // Into an empty bullet: it takes the empty bullet's place.
    let mut empty = ed("|");
    empty.paste_branch(&branch, t());
    assert_eq!(show(&empty), "Kinesis|\n  シャード\n    上限");
    // Ids are new: pasting twice keeps them unique.
    empty.paste_branch(&branch, t());
    assert_sane(&empty);
}
