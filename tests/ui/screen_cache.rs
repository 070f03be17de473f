//! kaigi's own screen: what reaches the terminal (read back through a vt100 emulator) is always
//! the frame drawn from scratch, however many panes and rows were kept from the frame before,
//! and typing notes redraws only the rows that changed.

use crate::common::{now, state};

use chrono::Duration;
use kaigi::action::{Action, Pane};
use kaigi::state::State;
use kaigi::ui::painter::Painter;
use kaigi::ui::screen::Screen;
use kaigi::ui::{self, Canvas};
use kaigi::update::update;
use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

/// The frame drawn from scratch, and its cursor.
fn fresh(state: &State) -> (Buffer, Option<Position>) {
    let area = Rect::new(0, 0, state.size.0, state.size.1);
    let mut buf = Buffer::empty(area);
    let mut canvas = Canvas::new(&mut buf);
    ui::draw(state, &mut canvas, area);
    let cursor = canvas.cursor();
    (buf, cursor)
}

/// Every cell's text as the emulator shows it equals the frame drawn from scratch, and the
/// terminal cursor is where that frame puts it.
fn assert_terminal_shows(term: &vt100::Parser, state: &State) {
    let (want, cursor) = fresh(state);
    let screen = term.screen();
    for y in 0..want.area.height {
        let mut x = 0;
        while x < want.area.width {
            let sym = want[(x, y)].symbol();
            let got = screen.cell(y, x).map(|c| c.contents()).unwrap_or_default();
            // The emulator's blank cell has no text.
            let got = if got.is_empty() { " " } else { got };
            assert_eq!(got, sym, "cell ({x}, {y})");
            x += unicode_width::UnicodeWidthStr::width(sym).max(1) as u16;
        }
    }
    if let Some(p) = cursor {
        assert!(!screen.hide_cursor(), "the cursor is shown");
        assert_eq!(screen.cursor_position(), (p.y, p.x), "the cursor");
    } else {
        assert!(screen.hide_cursor(), "the cursor is hidden");
    }
}

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).unwrap()
}

fn typed(text: &str) -> Vec<Action> {
    text.chars()
        .map(|c| Action::Insert(c.to_string()))
        .collect()
}

#[test]
fn a_typed_talk_reaches_the_terminal_exactly() {
    let mut s = state(100, 30);
    let mut screen = Screen::new(Vec::new());
    let mut term = vt100::Parser::new(nz(30), nz(100), 0);
    let mut steps: Vec<Action> = vec![Action::SelectNext, Action::OpenNotes];
    steps.extend(typed("Kinesis はストリーミング"));
    steps.extend([Action::Split, Action::Indent]);
    steps.extend(typed(
        "シャード数でスループットが決まる。書き込み 1MB/秒、読み取り 2MB/秒",
    ));
    steps.extend([Action::Split, Action::Indent]);
    steps.extend(typed("[ ] スライドを探す"));
    steps.extend([
        Action::Backspace,
        Action::Backspace,
        Action::Up,
        Action::Home,
    ]);
    steps.extend(typed("😀 "));
    steps.extend([
        Action::ToggleGutter,
        Action::Tick(now() + Duration::seconds(61)),
        Action::LeaveNotes,
        Action::SelectNext,
        Action::ToggleStar,
        Action::ToggleHelp,
        Action::ToggleHelp,
        Action::Focus(Pane::Notes),
        Action::Resize(60, 20),
        Action::Undo,
        Action::Undo,
    ]);
    for a in steps {
        if let Action::Resize(w, h) = a {
            term.screen_mut().set_size(nz(h), nz(w));
        }
        update(&mut s, a.clone());
        screen.draw(&s).unwrap();
        term.process(screen.writer_mut());
        screen.writer_mut().clear();
        assert_terminal_shows(&term, &s);
    }
}

#[test]
fn typing_a_key_redraws_a_few_rows_not_the_panes() {
    let mut s = state(200, 60);
    for a in [Action::SelectNext, Action::OpenNotes] {
        update(&mut s, a);
    }
    for a in typed("会議のメモ") {
        update(&mut s, a);
    }
    let mut painter = Painter::new();
    painter.paint(&s);
    // The first key after a full frame draws the Notes pane whole, the next ones by row.
    update(&mut s, Action::Insert("を".into()));
    painter.paint(&s);
    update(&mut s, Action::Insert("書".into()));
    let painted = painter.paint(&s);
    let cells: u32 = painted
        .redrawn
        .iter()
        .map(|r| u32::from(r.width) * u32::from(r.height))
        .sum();
    // The Notes pane's border and the row typed in, and the status bar: not 12,000 cells.
    assert!(
        cells < 1_000,
        "{cells} cells redrawn: {:?}",
        painted.redrawn
    );
    assert_eq!(painter.buffer(), &fresh(&s).0);
}

/// Actions that touch every part of the screen, the clock included.
fn action() -> impl Strategy<Value = Action> {
    use Action::*;
    prop_oneof![
        4 => proptest::sample::select(vec!["a", "会", "議", " ", "[ ] ", "😀", "ｶ"])
            .prop_map(|t| Insert(t.to_string())),
        1 => Just(Split),
        1 => Just(Backspace),
        1 => Just(Indent),
        1 => Just(Outdent),
        1 => Just(Up),
        1 => Just(Down),
        1 => Just(CycleFollowUp),
        1 => Just(Undo),
        1 => Just(OpenNotes),
        1 => Just(LeaveNotes),
        1 => Just(SelectNext),
        1 => Just(SelectPrev),
        1 => Just(ToggleStar),
        1 => Just(NextDay),
        1 => Just(ToggleDetails),
        1 => Just(ToggleGutter),
        1 => Just(ToggleHelp),
        1 => Just(Focus(Pane::FollowUps)),
        1 => Just(CycleFollowUpFilter),
        1 => (0i64..200).prop_map(|s| Tick(now() + Duration::seconds(s))),
        1 => proptest::sample::select(vec![(200, 60), (80, 24), (40, 12), (10, 3)])
            .prop_map(|(w, h)| Resize(w, h)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn kept_panes_and_rows_are_never_stale(actions in proptest::collection::vec(action(), 1..60)) {
        let mut s = state(120, 40);
        let mut painter = Painter::new();
        for a in actions {
            update(&mut s, a);
            let painted = painter.paint(&s);
            let (want, cursor) = fresh(&s);
            prop_assert_eq!(painter.buffer(), &want);
            prop_assert_eq!(painted.cursor, cursor);
        }
    }
}
