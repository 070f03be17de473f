//! Typing, Enter, Backspace and Delete, Japanese and emoji included.

use super::{assert_sane, check, ins, keys, unchanged};
use crate::common::sketch::{ed, show, t};

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

/// Current behaviour: a bullet marked collapsed without children (a hand-edited file) hides the
/// children a join gives it; the cursor stays visible on it.
#[test]
fn joining_onto_a_childless_collapsed_bullet_hides_the_lifted_children() {
    check("a +\n|b\n  c", |e| e.backspace(), "a|b +\n  c");
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
