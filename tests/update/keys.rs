//! Keys in, outline and screen out, in helix's style: each row types keys as a person would (the
//! terminal's key events, through the keymap and `update`, as the app does) into the sample
//! conference during its second talk, then compares the talk's notes with a sketch (see
//! `common::sketch`; `|` is the cursor) and looks for a line on the 80x24 screen.
//!
//! Key notation: `<Enter>`, `<Tab>`, `<S-Tab>`, `<BS>`, `<Del>`, `<Esc>`, `<Left>`, `<Right>`,
//! `<Up>`, `<Down>`, `<Home>`, `<End>`, `<C-x>` (Ctrl), `<A-x>` / `<A-Up>` (Alt); anything else is
//! typed one character at a time, as an IME commits.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kaigi::app::keymap::action_for_key;
use kaigi::state::State;
use kaigi::update::update;

use crate::common::{self, sketch::show};

/// The key events a key string stands for.
pub(crate) fn parse(keys: &str) -> Vec<KeyEvent> {
    let mut out = Vec::new();
    let mut rest = keys;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(end) = rest.find('>')
        {
            out.push(named(&rest[1..end]));
            rest = &rest[end + 1..];
            continue;
        }
        out.push(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn named(name: &str) -> KeyEvent {
    let (mods, key) = match name.split_once('-') {
        Some(("C", k)) => (KeyModifiers::CONTROL, k),
        Some(("A", k)) => (KeyModifiers::ALT, k),
        Some(("S", k)) => (KeyModifiers::SHIFT, k),
        _ => (KeyModifiers::NONE, name),
    };
    let code = match key {
        "Enter" => KeyCode::Enter,
        "Tab" if mods == KeyModifiers::SHIFT => KeyCode::BackTab,
        "Tab" => KeyCode::Tab,
        "BS" => KeyCode::Backspace,
        "Del" => KeyCode::Delete,
        "Esc" => KeyCode::Esc,
        "Left" => KeyCode::Left,
        "Right" => KeyCode::Right,
        "Up" => KeyCode::Up,
        "Down" => KeyCode::Down,
        "Home" => KeyCode::Home,
        "End" => KeyCode::End,
        k if k.chars().count() == 1 => KeyCode::Char(k.chars().next().unwrap()),
        k => panic!("unknown key <{name}> ({k})"),
    };
    KeyEvent::new(code, mods)
}

/// Types `keys` into the sample conference at 80x24, the way the app does.
fn typed(keys: &str) -> State {
    let mut s = common::state(80, 24);
    for key in parse(keys) {
        if let Some(action) = action_for_key(&s, key) {
            update(&mut s, action);
        }
    }
    s
}

/// Rows of (keys typed, the selected talk's notes after them, a line the screen shows).
#[track_caller]
fn table(rows: &[(&str, &str, &str)]) {
    for &(keys, notes, on_screen) in rows {
        let s = typed(keys);
        let editor = s
            .selected_notes()
            .unwrap_or_else(|| panic!("no notes after {keys:?}"));
        assert_eq!(show(editor), notes, "notes after {keys:?}");
        let rows = common::screen_rows(&s);
        assert!(
            rows.iter().any(|r| r.contains(on_screen)),
            "{on_screen:?} not on screen after {keys:?}:\n{}",
            rows.join("\n")
        );
    }
}

#[test]
fn typing_japanese_notes_in_the_running_talk() {
    table(&[
        ("<Enter>基調講演", "基調講演|", "• 基調講演"),
        (
            "<Enter>概要<Enter><Tab>クラウドの話",
            "概要\n  クラウドの話|",
            "  • クラウドの話",
        ),
        (
            "<Enter>概要<Enter><Tab>詳細<Enter><S-Tab>まとめ",
            "概要\n  詳細\nまとめ|",
            "• まとめ",
        ),
        (
            "<Enter>東京リージョン<BS><BS><BS><BS><BS>",
            "東京|",
            "• 東京",
        ),
    ]);
}

#[test]
fn undo_redo_and_moves_from_the_keyboard() {
    table(&[
        ("<Enter>一<Enter>二<C-z>", "一\n|", "• 一"),
        ("<Enter>一<Enter>二<C-z><C-y>", "一\n二|", "• 二"),
        ("<Enter>一<Enter>二<A-Up>", "二|\n一", "• 二"),
        ("<Enter>一<Enter>二<Up><Home>", "|一\n二", "• 一"),
    ]);
}

#[test]
fn follow_ups_and_paragraphs_from_the_keyboard() {
    table(&[
        ("<Enter>資料を読む<C-t>", "[ ] 資料を読む|", "資料を読む"),
        (
            "<Enter>資料を読む<C-t><C-t>",
            "[x] 資料を読む|",
            "資料を読む",
        ),
        ("<Enter>感想<C-p>", "¶ 感想|", "感想"),
    ]);
}

#[test]
fn leaving_the_notes_keeps_them_and_the_schedule_marks_the_talk() {
    table(&[("<Enter>メモ<Esc>", "メモ|", "✎")]);
}
