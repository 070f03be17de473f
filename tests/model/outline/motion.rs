//! Moving the cursor: graphemes, words, wrapped rows of wide text, and scrolling it into view.

use crate::screen;
use kaigi::model::outline::Outline;
use kaigi::model::outline::edit::Cursor;
use kaigi::model::outline::editor::{Editor, Top, text_cols};
use screen::cursor_screen_row;

use super::{assert_sane, check, unchanged};
use crate::common::sketch::{ed, show, t};

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
