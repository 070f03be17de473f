//! Pasting: one line, indented blocks, task lists, and pastes of megabytes.

use kaigi::model::outline::MAX_DEPTH;

use super::{assert_sane, chain, check, unchanged};
use crate::common::sketch::{ed, show, t};

#[test]
fn paste_one_line_inserts_at_the_cursor() {
    check("a|b", |e| e.paste("XY", t()), "aXY|b");
    check("a|b", |e| e.paste("XY\n", t()), "aXY|b");
    check("a|b", |e| e.paste("日本語", t()), "a日本語|b");
    check("a|b", |e| e.paste("- x", t()), "a- x|b");
    check("a|b", |e| e.paste("x\ty", t()), "ax y|b");
    unchanged("a|b", |e| e.paste("", t()));
    unchanged("a|b", |e| e.paste("\n \n", t()));
}

#[test]
fn paste_many_lines_keeps_relative_nesting() {
    check("a|b", |e| e.paste("x\n  y\nz", t()), "ax\n  y\nz|b");
    check(
        "r\n  a|",
        |e| e.paste("- p\n  - q\n- [ ] task\n\t* t", t()),
        "r\n  ap\n    q\n  [ ] task\n    t|",
    );
    check(
        "|",
        |e| e.paste("+ one\n    + two\n  + three", t()),
        "one\n  two\n  three|",
    );
    check("|", |e| e.paste("x\r\n\r\n  y\r\n", t()), "x\n  y|");
}

#[test]
fn paste_text_after_the_cursor_ends_up_after_the_pasted_text() {
    check("ab|cd", |e| e.paste("1\n2", t()), "ab1\n2|cd");
    check("|cd", |e| e.paste("1\n  2", t()), "1\n  2|cd");
    // Blank lines only: one item, so the tail comes right back.
    check("ab|cd", |e| e.paste("\n1\n", t()), "ab1|cd");
}

#[test]
fn paste_tasks_into_an_empty_bullet_makes_follow_ups() {
    check(
        "|",
        |e| e.paste("- [ ] a\n- [x] b\n- c", t()),
        "[ ] a\n[x] b\nc|",
    );
    // A single task line is a task too, not text with brackets.
    check("|", |e| e.paste("- [ ] a", t()), "[ ] a|");
    // Into a bullet with text, the first line is text.
    check("x|", |e| e.paste("- [ ] a\n- b", t()), "xa\nb|");
}

#[test]
fn paste_into_a_collapsed_bullet_expands_it() {
    check("a| +\n  c", |e| e.paste("x\n  y", t()), "ax\n  y|\n  c");
}

#[test]
fn paste_is_one_undo_step_and_typing_after_it_is_another() {
    let mut e = ed("a|b");
    e.insert("1");
    e.paste("x\ny\nz", t());
    e.insert("2");
    assert_eq!(show(&e), "a1x\ny\nz2|b");
    e.undo();
    assert_eq!(show(&e), "a1x\ny\nz|b");
    e.undo();
    assert_eq!(show(&e), "a1|b");
    e.undo();
    assert_eq!(show(&e), "a|b");
    let mut e = ed("a|b");
    e.paste("x", t());
    e.insert("2");
    e.undo();
    assert_eq!(show(&e), "ax|b");
}

#[test]
fn paste_depth_is_capped_at_max_depth() {
    let deep = chain(MAX_DEPTH);
    let mut e = ed(&format!("{deep}|"));
    e.paste("x\n  y\n    z", t());
    assert_sane(&e);
    assert!(e.outline.bullets().iter().all(|b| b.depth <= MAX_DEPTH));
    assert_eq!(e.outline.bullets().last().unwrap().text, "z");
}

#[test]
fn a_five_megabyte_paste_keeps_every_line() {
    const LINES: usize = 100_000;
    let mut text = String::new();
    for i in 0..LINES {
        let indent = "  ".repeat(i % 4);
        text.push_str(&format!("{indent}- line {i:06} {}\n", "x".repeat(36)));
    }
    assert!(text.len() >= 5_000_000, "{}", text.len());
    let mut e = ed("|");
    e.paste(&text, t());
    let o = &e.outline;
    assert!(o.is_well_formed());
    assert_eq!(o.len(), LINES);
    let b = o.bullets();
    assert_eq!(b[0].text, format!("line 000000 {}", "x".repeat(36)));
    assert!(b[50_001].text.starts_with("line 050001 "));
    assert_eq!(b[50_001].depth, 1);
    assert_eq!(b[LINES - 1].depth, 3);
    assert!(b[LINES - 1].text.starts_with("line 099999 "));
    assert_eq!(e.cursor.line, LINES - 1);
    assert!(e.undo());
    assert_eq!(show(&e), "|");
    assert!(e.redo());
    assert_eq!(e.outline.len(), LINES);
}

// ---------------------------------------------------------------- empty document

#[test]
fn pasting_only_escape_sequences_is_no_edit() {
    unchanged("a|b", |e| e.paste("\u{1b}[31m", t()));
    unchanged("a|b", |e| e.paste("\u{1b}]0;title\u{7}\n\u{7}", t()));
    // Nor does a line of them become an empty bullet.
    check("|", |e| e.paste("a\n\u{7}\n\u{1b}[2J\n  b", t()), "a\n  b|");
}

/// Current behaviour, a design choice rather than a bug: pasted lines go right after the cursor's
/// bullet, so its existing children end up under the last pasted bullet (Enter, by contrast,
/// opens a first child and leaves them where they are).
#[test]
fn paste_into_a_bullet_with_children_puts_them_under_the_last_pasted_line() {
    check("a|\n  c", |e| e.paste("x\ny", t()), "ax\ny|\n  c");
    check("a|\n  c", |e| e.paste("x\n  y", t()), "ax\n  y|\n  c");
}

#[test]
fn a_ten_megabyte_paste_is_one_edit_and_keeps_every_byte() {
    let line = "貼り付け pasted text with some words, 日本語も混ぜて。";
    let mut text = String::new();
    let mut lines = 0;
    while text.len() < 10 * 1024 * 1024 {
        text.push_str(&"  ".repeat(lines % 3));
        text.push_str(line);
        text.push('\n');
        lines += 1;
    }
    let mut e = ed("|");
    e.paste(&text, t());
    assert_eq!(e.outline.len(), lines);
    let kept: usize = e.outline.bullets().iter().map(|b| b.text.len()).sum();
    assert_eq!(kept, lines * line.len(), "every byte of text kept");
    assert!(e.undo(), "one undo step");
    assert_eq!(show(&e), "|");
    assert!(!e.undo(), "and only one");
}

// ---------------------------------------------------------------- issue 14: branches, markers
