//! Property tests of the outline editor: random documents and random sequences of editing
//! commands and motions. After every command the outline is well formed and the cursor sits on a
//! visible bullet, on a grapheme boundary; an undo followed by a redo gets back exactly what was
//! there; and undoing everything gets back the starting document.
//!
//! Runs `PROPTEST_CASES` cases (256 by default).

use crate::screen;

use chrono::{DateTime, FixedOffset, TimeZone};
use kaigi::model::outline::editor::Editor;
use kaigi::model::outline::{FollowUp, Kind, Outline};
use proptest::prelude::*;
use screen::cursor_screen_row;

fn t() -> DateTime<FixedOffset> {
    FixedOffset::east_opt(9 * 3600)
        .unwrap()
        .with_ymd_and_hms(2025, 4, 16, 10, 0, 0)
        .unwrap()
}

/// Pieces of text chosen to stress grapheme handling: wide characters, combining marks, flags and
/// their halves, joiners, Hangul jamo, a prepended mark, follow-up prefixes and control input.
const PIECES: &[&str] = &[
    "a",
    "b",
    " ",
    "word",
    "日本",
    "語",
    "ストリーム",
    "。",
    "🎉",
    "e\u{301}",
    "\u{301}",
    "🇯",
    "🇵",
    "🇯🇵",
    "👩\u{200d}👩\u{200d}👧",
    "\u{200d}",
    "👧",
    "\u{fe0f}",
    "\u{1100}",
    "\u{1161}",
    "\u{11a8}",
    "가",
    "\u{600}",
    "क्",
    "[ ] ",
    "[x] ",
    "［　］　",
    "［ｘ］ ",
    "\u{3000}",
    "ﾊﾟ",
    "[",
    "]",
    "\t",
    "\u{1b}[1m",
    "\n",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(PIECES).prop_map(str::to_string),
        1 => prop::collection::vec(prop::sample::select(PIECES), 2..5).prop_map(|v| v.concat()),
        1 => "[a-z ]{1,8}",
    ]
}

fn paste_text() -> impl Strategy<Value = String> {
    let line = (
        prop::sample::select(vec!["", " ", "  ", "   ", "    ", "\t", "\t  ", "      "]),
        prop::sample::select(vec![
            "",
            "- ",
            "* ",
            "+ ",
            "• ",
            "・",
            "※",
            "- [ ] ",
            "[x] ",
            "1. ",
            "　",
            "・［　］",
        ]),
        prop_oneof![text(), Just(String::new())],
    )
        .prop_map(|(indent, marker, body)| format!("{indent}{marker}{}", body.replace('\n', "")));
    (
        prop::collection::vec(line, 1..7),
        prop::sample::select(vec!["\n", "\r\n"]),
        any::<bool>(),
    )
        .prop_map(|(lines, eol, trailing)| {
            let mut s = lines.join(eol);
            if trailing {
                s.push_str(eol);
            }
            s
        })
}

#[derive(Debug, Clone)]
enum Op {
    Insert(String),
    Split,
    Backspace,
    Delete,
    DeleteWord,
    Indent,
    Outdent,
    MoveUp,
    MoveDown,
    Collapse(bool),
    CycleFollowUp,
    SetFollowUp(usize, Option<FollowUp>),
    ToggleParagraph,
    Paste(String),
    Left,
    Right,
    WordLeft,
    WordRight,
    Vertical(isize, usize),
    Home,
    End,
    First,
    Last,
    Place(usize, usize, usize, usize),
    JumpTo(usize),
    Scroll(usize, usize),
    Undo,
    Redo,
    DeleteBranch,
    /// Copy the cursor's branch, move to line `.0`, paste it there.
    CopyPaste(usize),
    /// Merge the document as it was before this sequence, under a heading.
    MergeStart,
    /// Reload: the document as it was before this sequence, in place of the notes.
    ReplaceWithStart,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        8 => text().prop_map(Op::Insert),
        3 => Just(Op::Split),
        2 => Just(Op::Backspace),
        2 => Just(Op::Delete),
        1 => Just(Op::DeleteWord),
        2 => Just(Op::Indent),
        2 => Just(Op::Outdent),
        1 => Just(Op::MoveUp),
        1 => Just(Op::MoveDown),
        2 => any::<bool>().prop_map(Op::Collapse),
        1 => Just(Op::CycleFollowUp),
        1 => (0..20usize, prop::option::of(prop_oneof![Just(FollowUp::Open), Just(FollowUp::Done)]))
            .prop_map(|(line, state)| Op::SetFollowUp(line, state)),
        1 => Just(Op::ToggleParagraph),
        2 => paste_text().prop_map(Op::Paste),
        2 => Just(Op::Left),
        2 => Just(Op::Right),
        1 => Just(Op::WordLeft),
        1 => Just(Op::WordRight),
        3 => (-3isize..=3, 1..40usize).prop_map(|(n, w)| Op::Vertical(n, w)),
        1 => Just(Op::Home),
        1 => Just(Op::End),
        1 => Just(Op::First),
        1 => Just(Op::Last),
        1 => (0..20usize, 0..4usize, 0..20usize, 1..40usize)
            .prop_map(|(l, r, c, w)| Op::Place(l, r, c, w)),
        1 => (0..20usize).prop_map(Op::JumpTo),
        1 => (1..40usize, 1..12usize).prop_map(|(w, h)| Op::Scroll(w, h)),
        3 => Just(Op::Undo),
        2 => Just(Op::Redo),
        1 => Just(Op::DeleteBranch),
        1 => (0..20usize).prop_map(Op::CopyPaste),
        1 => Just(Op::MergeStart),
        1 => Just(Op::ReplaceWithStart),
    ]
}

/// A starting document: up to 8 bullets with random depths (repaired by `from_bullets`), texts
/// and marks, collapsed ones included.
fn document() -> impl Strategy<Value = Outline> {
    let bullet = (
        0..4usize,
        prop_oneof![text(), Just(String::new())],
        any::<bool>(),
        prop::option::of(prop_oneof![Just(FollowUp::Open), Just(FollowUp::Done)]),
        any::<bool>(),
    );
    prop::collection::vec(bullet, 0..8).prop_map(|spec| {
        let mut o = Outline::new(t());
        let bullets = spec
            .into_iter()
            .map(|(depth, text, paragraph, follow_up, collapsed)| {
                let text = kaigi::text::clean(&text).into_owned();
                let mut b = o.new_bullet(depth, text, t());
                b.kind = if paragraph {
                    Kind::Paragraph
                } else {
                    Kind::Bullet
                };
                b.follow_up = follow_up;
                b.collapsed = collapsed;
                b
            })
            .collect();
        Outline::from_bullets(bullets, t())
    })
}

fn check_invariants(e: &Editor, what: &Op) -> Result<(), TestCaseError> {
    let o = &e.outline;
    let c = e.cursor;
    prop_assert!(o.is_well_formed(), "after {what:?}: {}", o.sketch(None));
    prop_assert!(c.line < o.len(), "after {what:?}: {c:?}");
    let text = &o.bullets()[c.line].text;
    prop_assert!(c.byte <= text.len(), "after {what:?}: {c:?} in {text:?}");
    prop_assert!(
        kaigi::text::is_boundary(text, c.byte),
        "after {what:?}: {c:?} inside a grapheme of {text:?}"
    );
    prop_assert!(
        !o.is_hidden(c.line),
        "after {what:?}: cursor on a hidden bullet {c:?}\n{}",
        o.sketch(Some((c.line, c.byte)))
    );
    Ok(())
}

/// Applies `op` (`start`: the document the sequence began with); returns whether it was an undo
/// that did something.
fn apply(e: &mut Editor, op: &Op, start: &Outline) -> Result<bool, TestCaseError> {
    let len = e.outline.len();
    match op {
        Op::Insert(s) => e.insert(s),
        Op::Split => e.split(t()),
        Op::Backspace => e.backspace(),
        Op::Delete => e.delete(),
        Op::DeleteWord => e.delete_word(),
        Op::Indent => e.indent(),
        Op::Outdent => e.outdent(),
        Op::MoveUp => e.move_up(),
        Op::MoveDown => e.move_down(),
        Op::Collapse(c) => e.set_collapsed(*c),
        Op::CycleFollowUp => e.cycle_follow_up(),
        Op::SetFollowUp(line, state) => e.set_follow_up(line % len, *state),
        Op::ToggleParagraph => e.toggle_paragraph(),
        Op::Paste(s) => e.paste(s, t()),
        Op::Left => e.left(),
        Op::Right => e.right(),
        Op::WordLeft => e.word_left(),
        Op::WordRight => e.word_right(),
        Op::Vertical(n, w) => e.vertical(*n, *w),
        Op::Home => e.home(),
        Op::End => e.end(),
        Op::First => e.first(),
        Op::Last => e.last(),
        Op::Place(l, r, c, w) => e.place(l % len, *r, *c, *w),
        Op::JumpTo(i) => {
            let id = e.outline.bullets()[i % len].id;
            prop_assert!(e.jump_to(id));
        }
        Op::Scroll(w, h) => {
            e.scroll_into_view(*w, *h);
            let row = cursor_screen_row(e, *w);
            prop_assert!(
                row.is_some_and(|r| r < *h),
                "cursor {:?} at screen row {row:?} of {h} with top {:?}",
                e.cursor,
                e.top
            );
        }
        Op::Undo => return Ok(e.undo()),
        Op::Redo => {
            e.redo();
        }
        Op::DeleteBranch => {
            e.delete_branch(t());
        }
        Op::CopyPaste(line) => {
            let branch = e.copy_branch();
            let mut to = line % len;
            while e.outline.is_hidden(to) {
                to -= 1;
            }
            e.place(to, 0, 0, 40);
            e.paste_branch(&branch, t());
        }
        Op::MergeStart => {
            e.merge(start, "From a copy", t());
        }
        Op::ReplaceWithStart => e.replace_all(start.clone()),
    }
    Ok(false)
}

fn run(initial: Outline, ops: Vec<Op>) -> Result<(), TestCaseError> {
    let mut e = Editor::new(initial.clone());
    // Whether the cursor is where the last change left it, so that a redo puts it back there.
    let mut at_last_change = false;
    for op in &ops {
        let before = (e.outline.clone(), e.cursor);
        let revision = e.revision;
        let undone = apply(&mut e, op, &initial)?;
        check_invariants(&e, op)?;
        if undone {
            let after_undo = (e.outline.clone(), e.cursor);
            prop_assert!(e.redo(), "nothing to redo after an undo");
            prop_assert_eq!(&e.outline, &before.0, "redo after undo changed the outline");
            if at_last_change {
                prop_assert_eq!(e.cursor, before.1, "redo after undo moved the cursor");
            }
            check_invariants(&e, &Op::Redo)?;
            prop_assert!(e.undo());
            prop_assert_eq!(&e.outline, &after_undo.0, "undo after redo differs");
            prop_assert_eq!(e.cursor, after_undo.1);
        }
        at_last_change = match op {
            Op::Undo => false,
            Op::Redo => e.revision != revision || at_last_change,
            _ if e.revision != revision => true,
            _ => at_last_change && e.cursor == before.1,
        };
    }
    let end = (e.outline.clone(), e.cursor);
    let mut undos = 0;
    while e.undo() {
        undos += 1;
        check_invariants(&e, &Op::Undo)?;
    }
    prop_assert_eq!(
        e.outline.bullets(),
        initial.bullets(),
        "undoing everything did not restore the document"
    );
    for _ in 0..undos {
        prop_assert!(e.redo());
        check_invariants(&e, &Op::Redo)?;
    }
    prop_assert_eq!(
        e.outline.bullets(),
        end.0.bullets(),
        "redoing everything did not restore the end"
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::default())]

    #[test]
    fn random_edits_keep_the_invariants(
        initial in document(),
        ops in prop::collection::vec(op(), 0..60),
    ) {
        run(initial, ops)?;
    }

    #[test]
    fn random_edits_from_an_empty_document(ops in prop::collection::vec(op(), 0..60)) {
        run(Outline::new(t()), ops)?;
    }

    /// Issue 14.15: Up and Down keep the display column they started from, in Japanese as in
    /// English: never further right than it, never drifting as they go.
    #[test]
    fn up_and_down_keep_the_goal_column(
        lines in prop::collection::vec(prop::collection::vec(prop::sample::select(vec![
            "a", "b", " ", "日", "本", "語", "ｶ", "１", "🎉", "シャード",
        ]), 0..40).prop_map(|v| v.concat()), 2..8),
        start in 0usize..8,
        width in 8usize..60,
        moves in prop::collection::vec(prop::bool::ANY, 1..20),
    ) {
        let mut o = Outline::new(t());
        let bullets = lines.iter().map(|l| o.new_bullet(0, l.clone(), t())).collect();
        let mut e = Editor::new(Outline::from_bullets(bullets, t()));
        e.place(start % lines.len(), 0, 0, width);
        e.end();
        let col = |e: &Editor| {
            let rows = e.rows(e.cursor.line, width);
            kaigi::text::wrap::locate(e.line_text(), &rows, e.cursor.byte).1
        };
        let goal = col(&e);
        for down in moves {
            e.vertical(if down { 1 } else { -1 }, width);
            prop_assert!(col(&e) <= goal, "column {} past the goal {goal}", col(&e));
            // A row long enough reaches the goal, less at most a wide character's half.
            let rows = e.rows(e.cursor.line, width);
            let (row, _) = kaigi::text::wrap::locate(e.line_text(), &rows, e.cursor.byte);
            let row_width = kaigi::text::width(&e.line_text()[rows[row].clone()]);
            if row_width > goal {
                prop_assert!(col(&e) + 1 >= goal, "column {} short of {goal}", col(&e));
            }
        }
    }
}
