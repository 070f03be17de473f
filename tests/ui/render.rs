//! What each pane looks like, rendered to ratatui's TestBackend and kept as insta snapshots, plus
//! the terminal cursor placement an IME relies on.

use crate::common::{self, now, state};
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use kaigi::action::{Action, Pane, System};
use kaigi::model::schedule::Conference;
use kaigi::state::State;
use kaigi::ui;
use kaigi::update::update;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Position;
use talk::{act, take_notes, typed};

use crate::talk;

pub(crate) fn draw(state: &State) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(state.size.0, state.size.1)).unwrap();
    t.draw(|f| ui::render(state, f)).unwrap();
    t
}

/// A buffer row as a person reads it: a wide character's second cell is not a space.
fn row_text(t: &Terminal<TestBackend>, y: u16) -> String {
    common::row_text(t.backend().buffer(), y)
}

pub(crate) fn screen(t: &mut Terminal<TestBackend>) -> String {
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

/// Just after start, before the other sessions' notes are read: their marks are dots and the
/// follow-up list says it is reading, never "none yet"; once read, both are drawn again.
#[test]
fn schedule_while_the_notes_load_120x40() {
    let mut s = state(120, 40);
    take_notes(&mut s);
    act(&mut s, [Action::Focus(Pane::Schedule)]);
    s.notes_loading = true;
    let loading = screen(&mut draw(&s));
    insta::assert_snapshot!(loading);
    s.notes_loaded();
    let loaded = screen(&mut draw(&s));
    assert!(
        !loaded.contains("loading") && !loaded.contains("Reading"),
        "{loaded}"
    );
    assert!(loaded.contains("Follow-ups (1 open)"), "{loaded}");
    assert!(!loaded.contains("  .  "), "{loaded}");
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
fn cursor_sits_after_wide_characters() {
    let mut s = state(120, 40);
    act(&mut s, [Action::OpenNotes]);
    act(&mut s, typed("日本語"));
    let mut t = draw(&s);
    let Position { x, y } = t.get_cursor_position().unwrap();
    let notes = kaigi::state::layout::areas((120, 40), Pane::Notes, false, false).notes;
    let text = kaigi::state::layout::notes_areas(notes, false, 0).text;
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
    let summary = |id: &str, name: &str, n: usize| kaigi::storage::ConferenceSummary {
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
        [Action::System(System::ConferencesListed(vec![
            summary("kumo-summit-2026", "Kumo Summit Tokyo 2026", 33),
            summary("camp2019", "Chaos Communication Camp 2019", 79),
        ]))],
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

// ----- issue 14: what a day lived in kaigi showed wrong -------------------------------------

/// A conference of `days` days, one talk a day, in Tokyo.
fn long_conference(days: u32) -> Conference {
    let mut file = Conference::sample().to_file();
    let template = file.sessions[1].clone();
    file.sessions = (0..days)
        .map(|d| {
            let mut s = template.clone();
            s.id = format!("day{d}");
            s.title = format!("Day {d} talk");
            s.start += chrono::Duration::days(i64::from(d));
            s.end += chrono::Duration::days(i64::from(d));
            s
        })
        .collect();
    Conference::from_file(file).unwrap()
}

/// 14.12: the day switcher scrolls so that the day shown is in view.
#[test]
fn the_day_switcher_keeps_the_day_shown_in_view() {
    let mut s = State::new(long_conference(7), HashMap::new(), now(), (80, 24));
    for _ in 0..6 {
        update(&mut s, Action::NextDay);
    }
    let t = draw(&s);
    let switcher = row_text(&t, 1);
    assert!(switcher.contains("Wed 12/09"), "{switcher}");
    assert!(switcher.contains('‹'), "more days before: {switcher}");
    update(&mut s, Action::PrevDay);
    for _ in 0..5 {
        update(&mut s, Action::PrevDay);
    }
    let t = draw(&s);
    let switcher = row_text(&t, 1);
    assert!(switcher.contains("Thu 12/03"), "{switcher}");
    assert!(switcher.contains('›'), "more days after: {switcher}");
}

/// 14.13: the clash column is styled only where there is a clash (without colour, an error
/// style on a blank shows as a reversed cell on every row).
#[test]
fn the_clash_column_is_blank_without_a_clash() {
    let mut s = state(120, 40);
    s.color = false;
    let t = draw(&s);
    let buf = t.backend().buffer();
    // Rows of the schedule list: the clash mark is the fourth cell after the time.
    for y in 3..20 {
        // The selected row is reversed as a whole.
        if buf[(1, y)]
            .modifier
            .contains(ratatui::style::Modifier::REVERSED)
        {
            continue;
        }
        let cell = &buf[(1 + 8, y)];
        assert!(
            !cell.modifier.contains(ratatui::style::Modifier::REVERSED) || cell.symbol() == "!",
            "row {y}: {:?}",
            row_text(&t, y)
        );
    }
}

/// 14.10: a session kept after a re-import dropped it says so before its title, where a narrow
/// pane cannot cut it off, and never clashes.
#[test]
fn a_removed_session_says_so_first_and_never_clashes() {
    let mut file = Conference::sample().to_file();
    let gone = file
        .sessions
        .iter_mut()
        .find(|x| x.id == "d1-1045-b")
        .unwrap();
    gone.removed = true;
    let conference = Conference::from_file(file).unwrap();
    let mut s = State::new(conference, HashMap::new(), now(), (80, 24));
    s.schedule.starred = ["d1-1045-a".to_string(), "d1-1045-b".to_string()].into();
    s.refresh_visible();
    let t = draw(&s);
    let rows: Vec<String> = (0..24).map(|y| row_text(&t, y)).collect();
    let removed = rows
        .iter()
        .find(|r| r.contains("×") && r.contains("(remove"))
        .unwrap_or_else(|| panic!("marked: {rows:#?}"));
    assert!(!removed.contains('!'), "{removed}");
    assert!(
        rows.iter()
            .all(|r| !r.contains("★ !") && !r.contains("★✎!")),
        "a clash with a removed session: {rows:#?}"
    );
}

/// 14.14: a message longer than the status bar ends with an ellipsis; 14.17: away from the
/// conference's days the clock says which day it is.
#[test]
fn the_status_bar_cuts_with_an_ellipsis_and_dates_the_clock_away_from_the_conference() {
    let mut s = state(80, 24);
    s.say("Exported to /tmp/a/rather/long/path/kumo-summit-2026-2026-12-03-and-more.md");
    let t = draw(&s);
    let status = row_text(&t, 23);
    assert!(status.trim_end().ends_with('…'), "{status}");
    let before = DateTime::parse_from_rfc3339("2026-12-01T09:00:00+09:00")
        .unwrap()
        .with_timezone(&Utc);
    let s = State::new(Conference::sample(), HashMap::new(), before, (80, 24));
    let status = row_text(&draw(&s), 23);
    assert!(status.contains("Tue 12/01 09:00"), "{status}");
    let status = row_text(&draw(&state(80, 24)), 23);
    assert!(!status.contains("Thu 12/03 10:50"), "{status}");
}

/// 14.9: the follow-ups title counts every open one it lists, other conferences' included.
#[test]
fn the_follow_ups_title_counts_what_it_lists() {
    use kaigi::model::followups::FollowUpItem;
    use kaigi::model::followups::ForeignFollowUp;
    use kaigi::model::outline::FollowUp;
    let mut s = state(120, 40);
    let item = |n: u64| ForeignFollowUp {
        folder: "other".into(),
        conference: "Other Conf".into(),
        session: "s".into(),
        session_title: "Talk".into(),
        when: "12/01 10:00".into(),
        item: FollowUpItem {
            session: "s".into(),
            bullet: Some(n),
            text: format!("check {n}"),
            state: FollowUp::Open,
        },
    };
    update(
        &mut s,
        Action::System(System::ForeignFollowUps(vec![item(1), item(2), item(3)])),
    );
    let t = draw(&s);
    let rows: Vec<String> = (0..40).map(|y| row_text(&t, y)).collect();
    assert!(
        rows.iter()
            .any(|r| r.contains("Follow-ups (3 open) · all conferences")),
        "{rows:#?}"
    );
}

/// The session form half filled in Japanese, typing in the room field: the rooms that match,
/// and the cursor right after the room typed (where an IME opens its candidates).
fn session_form(w: u16, h: u16) -> String {
    let mut s = state(w, h);
    act(&mut s, [Action::LeaveNotes, Action::NewSession]);
    let mut typed = vec![];
    typed.extend(
        "サーバーレス入門"
            .chars()
            .map(|c| Action::Insert(c.to_string())),
    );
    typed.extend(std::iter::repeat_n(Action::FormNext, 4));
    typed.push(Action::Insert("Room".into()));
    act(&mut s, typed);
    screen(&mut draw(&s))
}

#[test]
fn session_form_80x24() {
    insta::assert_snapshot!(session_form(80, 24));
}

#[test]
fn session_form_120x40() {
    insta::assert_snapshot!(session_form(120, 40));
}

#[test]
fn session_form_refused_in_a_10x3_terminal_does_not_panic() {
    for (w, h) in [(10, 3), (20, 5), (1, 1)] {
        let mut s = state(w, h);
        act(
            &mut s,
            [Action::LeaveNotes, Action::NewSession, Action::PromptSubmit],
        );
        assert!(s.overlays.form.is_some());
        draw(&s);
    }
}

/// Moving the notes typed to another session: the sessions of every day that match "kube",
/// the one chosen highlighted, at 80x24.
#[test]
fn moving_notes_to_another_session_80x24() {
    let mut s = state(80, 24);
    take_notes(&mut s);
    act(&mut s, [Action::MoveAllTo]);
    act(
        &mut s,
        "kube".chars().map(|c| Action::Insert(c.to_string())),
    );
    insta::assert_snapshot!(screen(&mut draw(&s)));
}

/// Published links take rows of their own in the details: slides before the abstract, chat
/// after it; whatever the header cannot hold ends its last row with "…".
#[test]
fn details_show_published_links_and_the_abstract_under_them() {
    let details = |w, h| {
        let mut s = state(w, h);
        act(&mut s, [Action::LeaveNotes]);
        let mut session = s.selected_session().unwrap().clone();
        let id = session.id.clone();
        session.summary = (1..=12)
            .map(|n| format!("段落 {n}: クラウドの話をもう少し詳しく。"))
            .collect::<Vec<_>>()
            .join("\n");
        session.links = vec![
            kaigi::model::schedule::Link::new(
                "https://example.org/deck.pdf",
                "Slides",
                Some("slides"),
            ),
            kaigi::model::schedule::Link::new("https://chat.example.org/room", "Chat room", None),
        ];
        s.conference.replace_session(&id, session).unwrap();
        act(&mut s, [Action::ToggleDetails]);
        screen(&mut draw(&s))
    };
    let small = details(80, 24);
    assert!(
        small.contains("slides: https://example.org/deck.pdf"),
        "{small}"
    );
    assert!(
        small.contains("段落 1: クラウドの話をもう少し詳しく。…"),
        "{small}"
    );
    let large = details(120, 40);
    assert!(
        large.contains("段落 6: クラウドの話をもう少し詳しく。…"),
        "{large}"
    );
    assert!(!large.contains("段落 7"), "{large}");
    assert!(
        large.contains("chat: https://chat.example.org/room"),
        "{large}"
    );
}

/// From a trial: on a narrow bar the countdown to the next starred talk comes before the
/// conference's name, which gives way (the panes show it anyway).
#[test]
fn a_narrow_bar_keeps_the_countdown_and_drops_the_conference_name() {
    let now: DateTime<Utc> = "2026-12-03T02:25:00Z".parse().unwrap();
    let mut s = State::new(Conference::sample(), HashMap::new(), now, (60, 24));
    s.schedule.starred.insert("d1-1135-a".into());
    let t = draw(&s);
    let bar = row_text(&t, 23);
    assert!(
        bar.starts_with(" 11:25 JST · next 11:35 in 10 min"),
        "{bar}"
    );
    let mut wide = State::new(Conference::sample(), HashMap::new(), now, (160, 24));
    wide.schedule.starred.insert("d1-1135-a".into());
    let bar = row_text(&draw(&wide), 23);
    assert!(
        bar.starts_with(" Kumo Summit Tokyo 2026 · Thu 12/03 · 11:25 JST · next 11:35"),
        "{bar}"
    );
}

/// From a trial: on a narrow bar whether the notes are saved is never cut; the conference's
/// name, then the clock, give way.
#[test]
fn a_narrow_bar_still_says_whether_the_notes_are_saved() {
    for cols in [30, 20, 12] {
        let mut s = state(cols, 10);
        let bar = row_text(&draw(&s), 9);
        assert!(bar.contains("saved"), "{cols}: {bar:?}");
        s.save = kaigi::state::SaveStatus::Failed("no space left on device".into());
        let bar = row_text(&draw(&s), 9);
        assert!(bar.contains("NOT SAVED"), "{cols}: {bar:?}");
    }
    let bar = row_text(&draw(&state(30, 10)), 9);
    assert!(bar.starts_with(" 10:50 JST · saved"), "{bar:?}");
}
