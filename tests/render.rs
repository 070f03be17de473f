//! What each pane looks like, rendered to ratatui's TestBackend and kept as insta snapshots, plus
//! the terminal cursor placement an IME relies on.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use kaigi::action::{Action, Pane};
use kaigi::schedule::Conference;
use kaigi::state::State;
use kaigi::ui;
use kaigi::update::update;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Position;
use talk::{act, take_notes, typed};

mod talk;

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-12-03T10:50:00+09:00")
        .unwrap()
        .with_timezone(&Utc)
}

fn state(w: u16, h: u16) -> State {
    State::new(Conference::sample(), HashMap::new(), now(), (w, h))
}

fn draw(state: &State) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(state.size.0, state.size.1)).unwrap();
    t.draw(|f| ui::render(state, f)).unwrap();
    t
}

/// A buffer row as a person reads it: a wide character's second cell is not a space.
fn row_text(t: &Terminal<TestBackend>, y: u16) -> String {
    let buf = t.backend().buffer();
    let mut out = String::new();
    let mut x = 0;
    while x < buf.area.width {
        let sym = buf[(x, y)].symbol();
        out.push_str(sym);
        x += unicode_width::UnicodeWidthStr::width(sym).max(1) as u16;
    }
    out
}

/// The screen as text, one row a line, and where the terminal cursor is (when it is shown).
fn screen(t: &mut Terminal<TestBackend>) -> String {
    let mut out: Vec<String> = (0..t.backend().buffer().area.height)
        .map(|y| row_text(t, y))
        .collect();
    let cursor = t.get_cursor_position().unwrap();
    out.push(format!("cursor: {}, {}", cursor.x, cursor.y));
    out.join("\n")
}

#[test]
fn schedule_80x24() {
    let s = state(80, 24);
    insta::assert_snapshot!(screen(&mut draw(&s)));
}

#[test]
fn schedule_120x40() {
    let mut s = state(120, 40);
    act(&mut s, [Action::SelectNext, Action::SelectNext]);
    insta::assert_snapshot!(screen(&mut draw(&s)));
}

#[test]
fn notes_80x24() {
    let mut s = state(80, 24);
    take_notes(&mut s);
    let mut t = draw(&s);
    insta::assert_snapshot!(screen(&mut t));
    let Position { x, y } = t.get_cursor_position().unwrap();
    let row = row_text(&t, y);
    assert!(row.contains("感想"), "cursor on the paragraph row: {row:?}");
    assert_eq!(
        t.backend().buffer()[(x - 2, y)].symbol(),
        "。",
        "cursor right after the text"
    );
}

#[test]
fn notes_120x40_with_folded_subtree_and_gutter() {
    let mut s = state(120, 40);
    take_notes(&mut s);
    act(
        &mut s,
        [Action::First, Action::Collapse, Action::ToggleGutter],
    );
    insta::assert_snapshot!(screen(&mut draw(&s)));
}

#[test]
fn notes_preview_of_an_unopened_session() {
    let mut s = state(120, 40);
    act(&mut s, [Action::SelectNext, Action::SelectNext]);
    insta::assert_snapshot!(screen(&mut draw(&s)));
}

#[test]
fn followups_120x40() {
    let mut s = state(120, 40);
    take_notes(&mut s);
    act(&mut s, [Action::Focus(Pane::FollowUps)]);
    insta::assert_snapshot!(screen(&mut draw(&s)));
}

#[test]
fn help_80x24() {
    let mut s = state(80, 24);
    act(&mut s, [Action::ToggleHelp]);
    insta::assert_snapshot!(screen(&mut draw(&s)));
}

#[test]
fn narrow_terminal_shows_the_focused_pane_alone() {
    let mut s = state(50, 16);
    take_notes(&mut s);
    insta::assert_snapshot!(screen(&mut draw(&s)));
}

#[test]
fn tiny_terminal_10x3() {
    let mut s = state(10, 3);
    take_notes(&mut s);
    insta::assert_snapshot!(screen(&mut draw(&s)));
}

#[test]
fn every_size_renders_without_panicking() {
    let mut base = state(120, 40);
    take_notes(&mut base);
    for focus in [Pane::Schedule, Pane::Notes, Pane::FollowUps] {
        for w in (1..=130).step_by(7) {
            for h in (1..=45).step_by(2) {
                let mut s = base.clone();
                s.focus = focus;
                update(&mut s, Action::Resize(w, h));
                draw(&s);
            }
        }
    }
}

#[test]
fn cursor_sits_after_wide_characters() {
    let mut s = state(120, 40);
    act(&mut s, [Action::OpenNotes]);
    act(&mut s, typed("日本語"));
    let mut t = draw(&s);
    let Position { x, y } = t.get_cursor_position().unwrap();
    let notes = kaigi::ui::layout::areas((120, 40), Pane::Notes).notes;
    let text = kaigi::ui::layout::notes_areas(notes, false, 0).text;
    assert_eq!(
        (x, y),
        (text.x + 2 + 6, text.y),
        "marker, then three 2-column characters"
    );
}

#[test]
fn filter_prompt_narrows_the_day_120x40() {
    let mut s = state(120, 40);
    act(&mut s, [Action::StartFilter]);
    act(&mut s, typed("ｋｕｂｅｒｎｅｔｅｓ"));
    insta::assert_snapshot!(screen(&mut draw(&s)));
}

#[test]
fn my_schedule_with_a_clash_120x40() {
    let mut s = state(120, 40);
    // The running talk (Hall A), the next in Room B (same slot: a clash), one later.
    act(
        &mut s,
        [Action::ToggleStar, Action::SelectNext, Action::ToggleStar],
    );
    act(
        &mut s,
        [
            Action::SelectNext,
            Action::SelectNext,
            Action::SelectNext,
            Action::ToggleStar,
        ],
    );
    act(&mut s, [Action::ToggleMySchedule]);
    insta::assert_snapshot!(screen(&mut draw(&s)));
}

#[test]
fn details_view_shows_abstract_and_link_80x24() {
    let mut s = state(80, 24);
    act(&mut s, [Action::ToggleDetails]);
    insta::assert_snapshot!(screen(&mut draw(&s)));
}

#[test]
fn conference_picker_80x24() {
    let mut s = state(80, 24);
    let summary = |id: &str, name: &str, n: usize| kaigi::state::ConferenceSummary {
        folder: id.into(),
        id: id.into(),
        name: name.into(),
        first_day: chrono::NaiveDate::from_ymd_opt(2026, 12, 3),
        last_day: chrono::NaiveDate::from_ymd_opt(2026, 12, 4),
        sessions: n,
        sessions_with_notes: 2,
        bullets: 40,
    };
    act(
        &mut s,
        [Action::ConferencesListed(vec![
            summary("kumo-summit-2026", "Kumo Summit Tokyo 2026", 33),
            summary("camp2019", "Chaos Communication Camp 2019", 79),
        ])],
    );
    insta::assert_snapshot!(screen(&mut draw(&s)));
}

#[test]
fn followups_open_only_80x24() {
    let mut s = state(80, 24);
    take_notes(&mut s);
    act(
        &mut s,
        [Action::Focus(Pane::FollowUps), Action::CycleFollowUpFilter],
    );
    insta::assert_snapshot!(screen(&mut draw(&s)));
}

#[test]
fn search_results_with_highlight_120x40() {
    let mut s = state(120, 40);
    take_notes(&mut s);
    act(&mut s, [Action::LeaveNotes, Action::StartSearch]);
    act(&mut s, typed("シャード　ＭＢ"));
    insta::assert_snapshot!(screen(&mut draw(&s)));
}
