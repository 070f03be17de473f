//! Table-style tests of the outline editor, in helix's style: each test builds an editor from a
//! sketch, runs a command, and compares the sketch that comes out.
//!
//! Sketch format, one bullet per line:
//! - two spaces of indentation per level of depth;
//! - exactly one `|` in the whole sketch marks the cursor (line and byte offset);
//! - after the indentation, `[ ] ` marks an open follow-up, `[x] ` a done one, and `¶ ` a
//!   paragraph (in that order when both appear: `[ ] ¶ text`);
//! - a trailing ` +` marks a collapsed bullet.
//!
//! Bullet text in these tests never contains `|` or ends in ` +` itself.
//!
//! `check` also undoes everything the command did and checks that the document (without the
//! cursor) is back to the starting sketch, then redoes it all and checks the result again.

mod screen;

use chrono::{DateTime, FixedOffset, TimeZone};
use kaigi::model::outline::edit::Cursor;
use kaigi::model::outline::editor::{Editor, Top, text_cols};
use kaigi::model::outline::{FollowUp, Kind, MAX_DEPTH, Outline};
use screen::cursor_screen_row;

fn t() -> DateTime<FixedOffset> {
    FixedOffset::east_opt(9 * 3600)
        .unwrap()
        .with_ymd_and_hms(2025, 4, 16, 10, 0, 0)
        .unwrap()
}

/// Parses a sketch into an editor (see the module docs for the format).
fn ed(sketch: &str) -> Editor {
    let mut o = Outline::new(t());
    let mut bullets = Vec::new();
    let mut cursor = None;
    for (line, raw) in sketch.split('\n').enumerate() {
        let body = raw.trim_start_matches(' ');
        let depth = (raw.len() - body.len()) / 2;
        let (follow_up, body) = if let Some(rest) = body.strip_prefix("[ ] ") {
            (Some(FollowUp::Open), rest)
        } else if let Some(rest) = body.strip_prefix("[x] ") {
            (Some(FollowUp::Done), rest)
        } else {
            (None, body)
        };
        let (kind, body) = match body.strip_prefix("¶ ") {
            Some(rest) => (Kind::Paragraph, rest),
            None => (Kind::Bullet, body),
        };
        let (collapsed, body) = match body.strip_suffix(" +") {
            Some(rest) => (true, rest),
            None => (false, body),
        };
        let text = match body.find('|') {
            Some(byte) => {
                assert!(cursor.is_none(), "two cursors in {sketch:?}");
                cursor = Some(Cursor { line, byte });
                body.replacen('|', "", 1)
            }
            None => body.to_string(),
        };
        let mut b = o.new_bullet(depth, text, t());
        b.follow_up = follow_up;
        b.kind = kind;
        b.collapsed = collapsed;
        bullets.push(b);
    }
    let o = Outline::from_bullets(bullets, t());
    assert!(o.is_well_formed(), "bad sketch {sketch:?}");
    let mut e = Editor::new(o);
    e.cursor = cursor.unwrap_or_else(|| panic!("no cursor in {sketch:?}"));
    e
}

/// The editor as a sketch, with the cursor.
fn show(e: &Editor) -> String {
    decorate(e, e.outline.sketch(Some((e.cursor.line, e.cursor.byte))))
}

/// The document as a sketch, without the cursor.
fn doc(e: &Editor) -> String {
    decorate(e, e.outline.sketch(None))
}

fn decorate(e: &Editor, sketch: String) -> String {
    let lines: Vec<String> = sketch
        .lines()
        .zip(e.outline.bullets())
        .map(|(l, b)| {
            let body = l.trim_start_matches(' ');
            let mut out = l[..l.len() - body.len()].to_string();
            match b.follow_up {
                Some(FollowUp::Open) => out.push_str("[ ] "),
                Some(FollowUp::Done) => out.push_str("[x] "),
                None => {}
            }
            if b.kind == Kind::Paragraph {
                out.push_str("¶ ");
            }
            out.push_str(body);
            if b.collapsed {
                out.push_str(" +");
            }
            out
        })
        .collect();
    lines.join("\n")
}

/// Checks the invariants every command must keep.
fn assert_sane(e: &Editor) {
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
fn check(before: &str, f: impl FnOnce(&mut Editor), after: &str) {
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
fn unchanged(sketch: &str, f: impl FnOnce(&mut Editor)) {
    let mut e = ed(sketch);
    f(&mut e);
    assert_eq!(show(&e), sketch);
    assert!(!e.undo(), "a no-op recorded an undo step");
}

fn ins(s: &str) -> impl FnOnce(&mut Editor) + '_ {
    move |e| e.insert(s)
}

fn keys(s: &str) -> impl FnOnce(&mut Editor) + '_ {
    move |e| {
        for g in unicode_segmentation::UnicodeSegmentation::graphemes(s, true) {
            e.insert(g);
        }
    }
}

#[test]
fn sketch_round_trips() {
    for s in ["|", "a\n  b|\n    c\nd", "[ ] ¶ a| +\n  b\n[x] c"] {
        assert_eq!(show(&ed(s)), s);
    }
}

// ---------------------------------------------------------------- typing

#[test]
fn typing_ascii() {
    check("|", ins("a"), "a|");
    check("ab|", ins("c"), "abc|");
    check("a|c", ins("b"), "ab|c");
    check("|", keys("hello"), "hello|");
    check("a\n  b|\nc", ins("x"), "a\n  bx|\nc");
}

#[test]
fn typing_japanese_and_ime_commits() {
    check("会|", ins("議です"), "会議です|");
    check("|ストリーム", ins("データ"), "データ|ストリーム");
    check("|", keys("日本語"), "日本語|");
}

#[test]
fn typing_emoji_and_combining_sequences() {
    check("|", ins("🎉"), "🎉|");
    check(
        "a|b",
        ins("👩\u{200d}👩\u{200d}👧"),
        "a👩\u{200d}👩\u{200d}👧|b",
    );
    check("e|", ins("\u{301}"), "e\u{301}|");
    check("|", ins("🇯🇵"), "🇯🇵|");
    check("🇯🇵|", ins("🇺🇸"), "🇯🇵🇺🇸|");
}

#[test]
fn typing_that_fuses_with_the_text_after_the_cursor_keeps_the_cursor_on_a_boundary() {
    // A regional indicator typed before a lone one forms a flag with it: the cursor cannot stay
    // between the two halves, so it goes after the whole flag.
    check("|🇵x", ins("🇯"), "🇯🇵|x");
    // A zero-width joiner between two emoji fuses them into one cluster.
    check("👩|👧", ins("\u{200d}"), "👩\u{200d}👧|");
}

#[test]
fn typing_drops_control_characters_and_escape_sequences() {
    check("a|", ins("b\u{1b}[31mc\u{7}"), "abc|");
    unchanged("a|", |e| e.insert("\n"));
    unchanged("a|", |e| e.insert(""));
}

#[test]
fn typing_a_follow_up_prefix_makes_a_follow_up() {
    check("|", keys("[ ] "), "[ ] |");
    check("|", keys("[ ] buy milk"), "[ ] buy milk|");
    check("|", keys("[x] "), "[x] |");
    check("|", ins("[ ] 資料を読む"), "[ ] 資料を読む|");
    check("|milk", keys("[ ] "), "[ ] |milk");
    // Only at the start, and only once.
    check("a|", keys("[ ] "), "a[ ] |");
    check("[ ] |", keys("[ ] "), "[ ] [ ] |");
    // Completing the prefix in the middle of it counts too.
    check("[ ]|x", ins(" "), "[ ] |x");
    // Typing before an existing "[ ] " does not.
    check("|[ ] x", ins("a"), "a|[ ] x");
}

// ---------------------------------------------------------------- Enter

#[test]
fn enter_at_end_middle_and_start() {
    check("ab|", |e| e.split(t()), "ab\n|");
    check("a|b", |e| e.split(t()), "a\n|b");
    check("日本|語", |e| e.split(t()), "日本\n|語");
    // At the start of a bullet with text, an empty bullet opens above and the cursor stays.
    check("|ab", |e| e.split(t()), "\n|ab");
    check("a\n  |b", |e| e.split(t()), "a\n  \n  |b");
    check("|", |e| e.split(t()), "\n|");
}

#[test]
fn enter_on_an_empty_nested_bullet_outdents_it() {
    check("a\n  |", |e| e.split(t()), "a\n|");
    check("a\n  b\n    |", |e| e.split(t()), "a\n  b\n  |");
    // Workflowy style: it goes after the parent's other children.
    check("a\n  b\n  |\n  c", |e| e.split(t()), "a\n  b\n  c\n|");
}

#[test]
fn enter_on_a_bullet_with_children_opens_a_first_child() {
    check("a|\n  b", |e| e.split(t()), "a\n  |\n  b");
    check("a|x\n  b", |e| e.split(t()), "a\n  |x\n  b");
}

#[test]
fn enter_on_a_collapsed_bullet_opens_a_sibling_after_its_children() {
    check("a| +\n  b\nc", |e| e.split(t()), "a +\n  b\n|\nc");
    check("a|x +\n  b", |e| e.split(t()), "a +\n  b\n|x");
    check("|a +\n  b", |e| e.split(t()), "\n|a +\n  b");
}

#[test]
fn enter_keeps_the_kind_but_not_the_follow_up() {
    check("¶ a|", |e| e.split(t()), "¶ a\n¶ |");
    check("[ ] a|b", |e| e.split(t()), "[ ] a\n|b");
}

// ---------------------------------------------------------------- Backspace

#[test]
fn backspace_deletes_one_whole_grapheme() {
    check("ab|", |e| e.backspace(), "a|");
    check("a|b", |e| e.backspace(), "|b");
    check("日本語|", |e| e.backspace(), "日本|");
    check("e\u{301}|", |e| e.backspace(), "|");
    check("x🇯🇵|", |e| e.backspace(), "x|");
    check("👩\u{200d}👩\u{200d}👧|!", |e| e.backspace(), "|!");
}

#[test]
fn backspace_at_the_start_joins_onto_the_bullet_above() {
    check("a\n|b", |e| e.backspace(), "a|b");
    check("a\n  b\n|c", |e| e.backspace(), "a\n  b|c");
    check("a\n  b\n|c\n  d", |e| e.backspace(), "a\n  b|c\n  d");
    check("日本\n|語", |e| e.backspace(), "日本|語");
}

#[test]
fn backspace_on_an_empty_bullet_deletes_it() {
    check("a\n|", |e| e.backspace(), "a|");
    check("a\n  |", |e| e.backspace(), "a|");
    check("a\n|\nb", |e| e.backspace(), "a|\nb");
    // Its children stay, now under the bullet above.
    check("a\n|\n  c", |e| e.backspace(), "a|\n  c");
}

#[test]
fn backspace_on_the_first_bullet_does_nothing() {
    unchanged("|a", |e| e.backspace());
    unchanged("|", |e| e.backspace());
    unchanged("|a\n  b", |e| e.backspace());
}

#[test]
fn backspace_clears_a_follow_up_mark_first() {
    check("a\n[ ] |b", |e| e.backspace(), "a\n|b");
    check("a\n[x] |b", |e| e.backspace(), "a\n|b");
    check(
        "a\n[ ] |b",
        |e| {
            e.backspace();
            e.backspace();
        },
        "a|b",
    );
    check("[ ] |", |e| e.backspace(), "|");
}

#[test]
fn backspace_joining_a_first_child_lifts_its_children() {
    check("a\n  |b\n    c\n  d", |e| e.backspace(), "a|b\n  c\n  d");
    check(
        "a\n  |b\n    c\n      d",
        |e| e.backspace(),
        "a|b\n  c\n    d",
    );
}

#[test]
fn backspace_below_a_collapsed_bullet_moves_to_its_end() {
    let mut e = ed("a +\n  b\n|c");
    e.backspace();
    assert_eq!(show(&e), "a| +\n  b\nc");
    assert!(!e.undo(), "moving recorded an undo step");
    assert_sane(&e);
}

// ---------------------------------------------------------------- Delete

#[test]
fn delete_removes_the_grapheme_after_the_cursor() {
    check("a|b", |e| e.delete(), "a|");
    check("|🇯🇵x", |e| e.delete(), "|x");
    check("|e\u{301}x", |e| e.delete(), "|x");
}

#[test]
fn delete_at_the_end_joins_the_next_bullet() {
    check("a|\nb", |e| e.delete(), "a|b");
    check("a|\n  b\n    c", |e| e.delete(), "a|b\n  c");
    check("a\n  b|\nc\n  d", |e| e.delete(), "a\n  b|c\n  d");
    unchanged("a|", |e| e.delete());
    unchanged("a\nb|", |e| e.delete());
    // The next visible bullet after a collapsed one is past its children: nothing to join.
    unchanged("a| +\n  b\nc", |e| e.delete());
}

// ---------------------------------------------------------------- Ctrl-W

#[test]
fn delete_word_removes_the_word_before_the_cursor() {
    check("read the book|", |e| e.delete_word(), "read the |");
    check("read the |", |e| e.delete_word(), "read |");
    check("read the| book", |e| e.delete_word(), "read | book");
    check("日本語 テスト|", |e| e.delete_word(), "日本語 |");
    check("a\n|b", |e| e.delete_word(), "a|b");
    unchanged("|a", |e| e.delete_word());
}

// ---------------------------------------------------------------- Tab / Shift-Tab

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

fn chain(depth: usize) -> String {
    (0..=depth)
        .map(|d| format!("{}l{d}", "  ".repeat(d)))
        .collect::<Vec<_>>()
        .join("\n")
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
fn motions_skip_hidden_children() {
    let mut e = ed("a| +\n  b\n    c\nd");
    e.right();
    assert_eq!(show(&e), "a +\n  b\n    c\n|d");
    e.left();
    assert_eq!(show(&e), "a| +\n  b\n    c\nd");
    e.vertical(1, 40);
    assert_eq!(show(&e), "a +\n  b\n    c\nd|");
    e.vertical(-1, 40);
    assert_eq!(show(&e), "a| +\n  b\n    c\nd");
    let mut e = ed("|a\nb +\n  c");
    e.last();
    assert_eq!(show(&e), "a\nb| +\n  c");
    e.vertical(1, 40);
    assert_eq!(show(&e), "a\nb| +\n  c");
    // A collapsed bullet deeper down hides its subtree too.
    let mut e = ed("a\n  b +\n    c\n|d");
    e.vertical(-1, 40);
    assert_eq!(show(&e), "a\n  |b +\n    c\nd");
}

// ---------------------------------------------------------------- follow-ups and paragraphs

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

#[test]
fn left_and_right_step_over_graphemes_and_bullets() {
    let mut e = ed("|e\u{301}🇯🇵👩\u{200d}👧\nb");
    e.right();
    assert_eq!(show(&e), "e\u{301}|🇯🇵👩\u{200d}👧\nb");
    e.right();
    assert_eq!(show(&e), "e\u{301}🇯🇵|👩\u{200d}👧\nb");
    e.right();
    e.right();
    assert_eq!(show(&e), "e\u{301}🇯🇵👩\u{200d}👧\n|b");
    e.left();
    assert_eq!(show(&e), "e\u{301}🇯🇵👩\u{200d}👧|\nb");
    e.left();
    assert_eq!(show(&e), "e\u{301}🇯🇵|👩\u{200d}👧\nb");
    let mut e = ed("|a");
    e.left();
    assert_eq!(show(&e), "|a");
    let mut e = ed("a|");
    e.right();
    assert_eq!(show(&e), "a|");
}

#[test]
fn home_end_first_last() {
    let mut e = ed("a\n  bc|d\ne");
    e.home();
    assert_eq!(show(&e), "a\n  |bcd\ne");
    e.end();
    assert_eq!(show(&e), "a\n  bcd|\ne");
    e.last();
    assert_eq!(show(&e), "a\n  bcd\ne|");
    e.first();
    assert_eq!(show(&e), "|a\n  bcd\ne");
}

#[test]
fn word_motions() {
    let mut e = ed("|read the book\nnext");
    e.word_right();
    assert_eq!(show(&e), "read| the book\nnext");
    e.word_right();
    assert_eq!(show(&e), "read the| book\nnext");
    e.word_left();
    assert_eq!(show(&e), "read |the book\nnext");
    e.end();
    e.word_right();
    assert_eq!(show(&e), "read the book\n|next");
    e.word_left();
    assert_eq!(show(&e), "read the book|\nnext");
    e.home();
    e.word_left();
    assert_eq!(
        show(&e),
        "|read the book\nnext",
        "nothing before the first bullet"
    );
}

#[test]
fn vertical_moves_by_wrapped_rows_of_wide_text() {
    // 12 columns leave 10 for text at depth 0: ストリーミ | ング処理の | 基盤.
    assert_eq!(text_cols(12, 0), 10);
    let text = "ストリーミング処理の基盤";
    let mut e = ed(&format!("|{text}\nab\nabcdefghij"));
    assert_eq!(e.rows(0, 12).len(), 3);
    e.vertical(1, 12);
    assert_eq!(
        e.cursor,
        Cursor {
            line: 0,
            byte: text.find('ン').unwrap()
        }
    );
    // Start from column 8 (ミ) and keep aiming for it across the short rows.
    let mut e = ed("ストリー|ミング処理の基盤\nab\nabcdefghi");
    e.vertical(1, 12);
    assert_eq!(
        e.cursor,
        Cursor {
            line: 0,
            byte: text.find('の').unwrap()
        }
    );
    e.vertical(1, 12);
    assert_eq!(
        e.cursor,
        Cursor {
            line: 0,
            byte: text.len()
        }
    );
    e.vertical(1, 12);
    assert_eq!(show(&e), format!("{text}\nab|\nabcdefghi"));
    e.vertical(1, 12);
    assert_eq!(show(&e), format!("{text}\nab\nabcdefgh|i"));
    e.vertical(1, 12);
    assert_eq!(show(&e), format!("{text}\nab\nabcdefgh|i"), "nothing below");
    e.vertical(-4, 12);
    assert_eq!(
        e.cursor,
        Cursor {
            line: 0,
            byte: text.find('ミ').unwrap()
        }
    );
    e.vertical(-1, 12);
    assert_eq!(e.cursor.line, 0, "nothing above");
    // An edit forgets the goal column.
    let mut e = ed("abcdefgh|\nab\nabcdefghij");
    e.vertical(1, 12);
    e.insert("x");
    e.vertical(1, 12);
    assert_eq!(show(&e), "abcdefgh\nabx\nabc|defghij");
}

#[test]
fn vertical_lands_inside_a_wide_character_row_on_its_start() {
    // Column 3 of "日本語" is inside 本: the cursor goes to its start.
    let mut e = ed("abc|\n日本語");
    e.vertical(1, 40);
    assert_eq!(show(&e), "abc\n日|本語");
}

#[test]
fn vertical_in_a_nested_bullet_uses_its_narrower_rows() {
    // Depth 1 at width 12 leaves 8 columns: "abcdefgh" | "ij".
    let mut e = ed("a\n  |abcdefghij");
    assert_eq!(e.rows(1, 12), vec![0..8, 8..10]);
    e.vertical(1, 12);
    assert_eq!(show(&e), "a\n  abcdefgh|ij");
}

// ---------------------------------------------------------------- paste

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
fn empty_document() {
    let e = Editor::new(Outline::from_bullets(Vec::new(), t()));
    assert_eq!(show(&e), "|");
    assert!(e.outline.is_empty());
    for f in [
        Editor::backspace as fn(&mut Editor),
        Editor::delete,
        Editor::delete_word,
        Editor::left,
        Editor::right,
        Editor::word_left,
        Editor::word_right,
        Editor::home,
        Editor::end,
        Editor::first,
        Editor::last,
        Editor::indent,
        Editor::outdent,
        Editor::move_up,
        Editor::move_down,
        |e| e.set_collapsed(true),
        |e| e.vertical(1, 10),
        |e| e.vertical(-1, 10),
        |e| {
            e.undo();
        },
        |e| {
            e.redo();
        },
    ] {
        unchanged("|", f);
    }
    check("|", |e| e.split(t()), "\n|");
    let mut e = ed("|");
    e.scroll_into_view(1, 1);
    assert_eq!((e.top.line, e.top.row), (0, 0));
}

// ---------------------------------------------------------------- scrolling

#[track_caller]
fn assert_cursor_on_screen(e: &Editor, width: usize, height: usize) {
    let row = cursor_screen_row(e, width);
    assert!(
        row.is_some_and(|r| r < height),
        "cursor {:?} at screen row {row:?} with top {:?}",
        e.cursor,
        e.top
    );
}

fn long_outline(n: usize, text: impl Fn(usize) -> String) -> Editor {
    let mut o = Outline::new(t());
    let bullets = (0..n).map(|i| o.new_bullet(i % 3, text(i), t())).collect();
    Editor::new(Outline::from_bullets(bullets, t()))
}

#[test]
fn scroll_into_view_follows_the_cursor_down_and_up() {
    let (width, height) = (40, 10);
    let mut e = long_outline(1000, |i| format!("bullet {i}"));
    e.scroll_into_view(width, height);
    assert_eq!((e.top.line, e.top.row), (0, 0));
    e.vertical(500, width);
    assert_eq!(e.cursor.line, 500);
    e.scroll_into_view(width, height);
    assert_cursor_on_screen(&e, width, height);
    assert_eq!(
        cursor_screen_row(&e, width),
        Some(height - 1),
        "the cursor is on the last row"
    );
    e.vertical(-3, width);
    e.scroll_into_view(width, height);
    assert_eq!(
        cursor_screen_row(&e, width),
        Some(height - 4),
        "no scroll when still on screen"
    );
    e.last();
    e.scroll_into_view(width, height);
    assert_cursor_on_screen(&e, width, height);
    e.first();
    e.scroll_into_view(width, height);
    assert_eq!((e.top.line, e.top.row), (0, 0));
}

#[test]
fn scroll_into_view_counts_wrapped_rows() {
    let (width, height) = (12, 10);
    // Every third bullet wraps to several rows.
    let mut e = long_outline(1000, |i| {
        if i % 3 == 0 {
            "日本語のテキストを折り返す".repeat(2)
        } else {
            format!("b{i}")
        }
    });
    for step in [1, 7, 50, 333, 1000] {
        e.vertical(step, width);
        e.scroll_into_view(width, height);
        assert_cursor_on_screen(&e, width, height);
    }
    for step in [1, 7, 50, 333, 1000] {
        e.vertical(-step, width);
        e.scroll_into_view(width, height);
        assert_cursor_on_screen(&e, width, height);
    }
    // A view shorter than one bullet's rows still shows the cursor's row.
    e.last();
    e.scroll_into_view(width, 1);
    assert_cursor_on_screen(&e, width, 1);
}

#[test]
fn scroll_into_view_when_the_top_gets_hidden() {
    let (width, height) = (40, 10);
    let mut e = long_outline(1000, |i| format!("bullet {i}"));
    // Bullets go 0, 1, 2 deep in turn: 300 holds 301, which holds 302.
    e.cursor = Cursor { line: 300, byte: 0 };
    e.set_collapsed(true);
    e.top = Top { line: 302, row: 0 };
    e.scroll_into_view(width, height);
    assert!(!e.outline.is_hidden(e.top.line), "{:?}", e.top);
    assert_cursor_on_screen(&e, width, height);
    e.vertical(20, width);
    e.scroll_into_view(width, height);
    assert_cursor_on_screen(&e, width, height);
    // A top past the end (the document shrank under it) starts over.
    e.top = Top { line: 5000, row: 3 };
    e.scroll_into_view(width, height);
    assert_cursor_on_screen(&e, width, height);
}

// ---------------------------------------------------------------- regressions

#[test]
fn word_motions_never_split_a_grapheme() {
    // U+0600 ARABIC NUMBER SIGN is a prepended mark: it joins the grapheme after it, but word
    // segmentation puts a word boundary between them.
    let mut e = ed("\u{600}語|");
    e.word_left();
    assert_eq!(show(&e), "|\u{600}語");
    e.word_right();
    assert_eq!(show(&e), "\u{600}語|");
    let mut e = ed("x \u{600}語 y|");
    e.word_left();
    e.word_left();
    assert_sane(&e);
    assert_eq!(show(&e), "x |\u{600}語 y");
    check("x \u{600}語|", |e| e.delete_word(), "x |");
}

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

#[test]
fn backspace_into_a_collapsed_bullet_forgets_the_goal_column() {
    let mut e = ed("abcdef|\nab +\n  x\nc");
    e.vertical(1, 40);
    e.vertical(1, 40);
    assert_eq!(show(&e), "abcdef\nab +\n  x\nc|");
    e.home();
    e.vertical(-1, 40);
    e.vertical(1, 40);
    assert_eq!(show(&e), "abcdef\nab +\n  x\n|c");
    e.backspace();
    assert_eq!(show(&e), "abcdef\nab| +\n  x\nc");
    e.vertical(-1, 40);
    assert_eq!(show(&e), "ab|cdef\nab +\n  x\nc");
}

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

/// Current behaviour: a bullet marked collapsed without children (a hand-edited file) hides the
/// children a join gives it; the cursor stays visible on it.
#[test]
fn joining_onto_a_childless_collapsed_bullet_hides_the_lifted_children() {
    check("a +\n|b\n  c", |e| e.backspace(), "a|b +\n  c");
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

/// 14.18: task markers as a Japanese IME types them, and bullets as Japanese documents write
/// them, are understood when typed and when pasted.
#[test]
fn full_width_task_markers_and_japanese_bullets() {
    check("|", ins("［　］　資料"), "[ ] 資料|");
    check("|", ins("［ｘ］ 読んだ"), "[x] 読んだ|");
    check("|", ins("[　]　"), "[ ] |");
    check(
        "|",
        |e| e.paste("・一つ目\n　・ 入れ子\n※注意書き\n・［　］　確認する", t()),
        "一つ目\n  入れ子\n注意書き\n[ ] 確認する|",
    );
}

/// From a user trial of issue 14: after the terminal shrank to a row or two and grew again, the
/// bullets above the cursor come back into view instead of leaving the pane empty below.
#[test]
fn a_view_that_grows_fills_with_the_bullets_above() {
    let width = 40;
    let mut e = long_outline(30, |i| format!("bullet {i}"));
    e.last();
    e.scroll_into_view(width, 1);
    assert_eq!(cursor_screen_row(&e, width), Some(0));
    e.scroll_into_view(width, 20);
    assert_eq!(
        cursor_screen_row(&e, width),
        Some(19),
        "the last bullet is on the last row, 19 above it: top {:?}",
        e.top
    );
    let mut short = long_outline(5, |i| format!("b{i}"));
    short.last();
    short.scroll_into_view(width, 1);
    short.scroll_into_view(width, 20);
    assert_eq!((short.top.line, short.top.row), (0, 0));
}
