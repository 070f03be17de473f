//! The update function, driven the way the keymap drives it: actions in, state and effects out.

use crate::common::{self, now};
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use kaigi::action::{Action, Pane, System};
use kaigi::model::outline::FollowUp;
use kaigi::model::schedule::Conference;
use kaigi::state::{SaveStatus, State};
use kaigi::update::update;

fn state() -> State {
    common::state(120, 40)
}

fn typed(state: &mut State, text: &str) {
    for c in text.chars() {
        update(state, Action::Insert(c.to_string()));
    }
}

#[test]
fn opens_on_the_day_the_conference_is_on() {
    let later = DateTime::parse_from_rfc3339("2026-12-04T09:00:00+09:00").unwrap();
    let s = State::new(
        Conference::sample(),
        HashMap::new(),
        later.with_timezone(&Utc),
        (120, 40),
    );
    assert_eq!(s.schedule.day, 1);
    assert_eq!(state().schedule.day, 0);
}

#[test]
fn schedule_selection_moves_and_stops_at_the_ends() {
    let mut s = state();
    update(&mut s, Action::SelectPrev);
    assert_eq!(s.schedule.selected, 0);
    for _ in 0..100 {
        update(&mut s, Action::SelectNext);
    }
    assert_eq!(s.schedule.selected, s.conference.day_len(0) - 1);
}

#[test]
fn the_selection_scrolls_into_view_on_a_small_terminal() {
    let mut s = state();
    update(&mut s, Action::Resize(80, 14));
    for _ in 0..15 {
        update(&mut s, Action::SelectNext);
    }
    assert!(s.schedule.top > 0);
    assert!(s.schedule.selected >= s.schedule.top);
}

#[test]
fn changing_day_keeps_the_time_of_day() {
    let mut s = state();
    let at = |s: &State| {
        let t = s.conference.local(&s.selected_session().unwrap().start);
        t.format("%H:%M").to_string()
    };
    update(&mut s, Action::SelectNext);
    let before = at(&s);
    update(&mut s, Action::NextDay);
    assert_eq!(s.schedule.day, 1);
    assert!(at(&s) >= before, "{} then {}", before, at(&s));
    update(&mut s, Action::First);
    update(&mut s, Action::PrevDay);
    update(&mut s, Action::NextDay);
    assert_eq!(
        s.schedule.selected, 0,
        "the first session's time leads to the first"
    );
    update(&mut s, Action::NextDay);
    assert_eq!(s.schedule.day, 1, "no day after the last");
    update(&mut s, Action::PrevDay);
    assert_eq!(s.schedule.day, 0);
}

#[test]
fn typing_into_a_session_marks_it_changed_and_unsaved() {
    let mut s = state();
    update(&mut s, Action::SelectNext);
    update(&mut s, Action::OpenNotes);
    assert_eq!(s.focus, Pane::Notes);
    let id = s.selected_session().unwrap().id.clone();
    let fx = update(&mut s, Action::Insert("K".into()));
    assert_eq!(fx.changed.as_deref(), Some(id.as_str()));
    assert_eq!(s.save, SaveStatus::Pending);
    typed(&mut s, "inesis はストリーミング");
    update(&mut s, Action::Split);
    typed(&mut s, "シャード");
    let texts: Vec<&str> = s.notes[&id]
        .outline
        .bullets()
        .iter()
        .map(|b| b.text.as_str())
        .collect();
    assert_eq!(texts, ["Kinesis はストリーミング", "シャード"]);
    let created = s.notes[&id].outline.bullets()[0].created;
    assert_eq!(
        created.to_rfc3339(),
        "2026-12-03T10:50:00+09:00",
        "stamped in conference time"
    );
}

#[test]
fn cursor_moves_do_not_count_as_changes() {
    let mut s = state();
    update(&mut s, Action::OpenNotes);
    typed(&mut s, "ab");
    assert_eq!(update(&mut s, Action::Left).changed, None);
    assert_eq!(update(&mut s, Action::Home).changed, None);
}

#[test]
fn leaving_the_editor_asks_for_a_save_and_returns_to_the_schedule() {
    let mut s = state();
    update(&mut s, Action::OpenNotes);
    let fx = update(&mut s, Action::LeaveNotes);
    assert!(fx.flush);
    assert_eq!(s.focus, Pane::Schedule);
}

#[test]
fn quit_flushes_and_quits_even_from_the_help() {
    let mut s = state();
    update(&mut s, Action::ToggleHelp);
    let fx = update(&mut s, Action::Quit);
    assert!(fx.quit && fx.flush);
}

#[test]
fn help_scrolls_and_any_other_key_closes_it_without_acting() {
    let mut s = state();
    let selected = s.schedule.selected;
    update(&mut s, Action::ToggleHelp);
    update(&mut s, Action::SelectNext);
    assert_eq!(
        (s.overlays.help, s.overlays.help_scroll, s.schedule.selected),
        (true, 1, selected)
    );
    update(&mut s, Action::NextDay);
    assert!(!s.overlays.help);
    assert_eq!(
        s.schedule.day, 0,
        "the key that closed the help did nothing else"
    );
}

#[test]
fn editing_keys_outside_the_editor_change_nothing() {
    let mut s = state();
    let fx = update(&mut s, Action::Insert("x".into()));
    assert_eq!(fx.changed, None);
    assert!(s.notes.is_empty());
}

#[test]
fn follow_ups_collect_across_sessions_and_toggle_from_the_list() {
    let mut s = state();
    let first = s.selected_session().unwrap().id.clone();
    update(&mut s, Action::OpenNotes);
    typed(&mut s, "[ ] 資料公開待ち");
    update(&mut s, Action::LeaveNotes);
    update(&mut s, Action::SelectNext);
    update(&mut s, Action::OpenNotes);
    typed(&mut s, "read the book");
    update(&mut s, Action::CycleFollowUp);
    assert_eq!(s.follow_ups.items.len(), 2);
    assert_eq!(s.follow_ups.items[0].text, "資料公開待ち");
    update(&mut s, Action::Focus(Pane::FollowUps));
    let fx = update(&mut s, Action::ToggleFollowUp);
    assert!(fx.changed.is_some());
    assert_eq!(
        s.follow_ups.items[0].text, "read the book",
        "open ones first"
    );
    assert_eq!(s.follow_ups.items[1].state, FollowUp::Done);
    update(&mut s, Action::SelectNext);
    update(&mut s, Action::JumpToFollowUp);
    assert_eq!(s.focus, Pane::Notes);
    assert_eq!(
        s.selected_session().unwrap().id,
        first,
        "jumped to the first session"
    );
}

#[test]
fn resize_keeps_the_cursor_on_screen() {
    let mut s = state();
    update(&mut s, Action::OpenNotes);
    for i in 0..20 {
        typed(&mut s, &format!("bullet {i}"));
        update(&mut s, Action::Split);
    }
    let id = s.selected_session().unwrap().id.clone();
    assert_eq!(s.notes[&id].top.line, 0, "21 bullets fit at 120x40");
    update(&mut s, Action::Resize(80, 24));
    let top = s.notes[&id].top.line;
    assert!(
        (11..=20).contains(&top),
        "scrolled to keep bullet 20 in a 10-row view, top at {top}"
    );
}

#[test]
fn save_reports_show_in_the_state() {
    let mut s = state();
    update(
        &mut s,
        Action::System(System::SaveFailed("disk full".into())),
    );
    assert_eq!(s.save, SaveStatus::Failed("disk full".into()));
    update(&mut s, Action::System(System::Saved));
    assert_eq!(s.save, SaveStatus::Saved);
}

#[test]
fn what_the_edge_reports_leaves_the_message_on_screen() {
    let mut s = state();
    let text = "Exported to day1.md".to_string();
    update(
        &mut s,
        Action::System(System::Notify {
            text,
            notice: false,
        }),
    );
    let said = s.message.clone();
    assert!(said.is_some());
    update(&mut s, Action::System(System::Saved));
    update(&mut s, Action::System(System::ForeignFollowUps(Vec::new())));
    assert_eq!(s.message, said, "a report is not a key: the message stays");
    update(&mut s, Action::SelectNext);
    assert_ne!(s.message, said, "a key clears it");
}

#[test]
fn a_conference_opened_keeps_this_launch_s_log_colours_and_read_only_reason() {
    let mut s = state();
    s.color = false;
    s.access.read_only = true;
    s.access.reason = "another kaigi is open".into();
    s.notice("first message");
    let mut next = State::new(Conference::sample(), HashMap::new(), now(), (120, 40));
    next.notice("from the next conference");
    let opened = kaigi::action::Opened {
        state: Box::new(next),
        problems: vec!["1 session(s) hold notes from a newer kaigi".into()],
    };
    update(&mut s, Action::System(System::ConferenceOpened(opened)));
    assert!(!s.color);
    assert!(s.access.read_only);
    assert_eq!(s.access.reason, "another kaigi is open");
    let log: Vec<&str> = s.log.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(
        log,
        [
            "first message",
            "from the next conference",
            "1 session(s) hold notes from a newer kaigi"
        ]
    );
}

#[test]
fn clicking_a_schedule_row_selects_it() {
    let mut s = state();
    // Row 0 is the border, row 1 the day switcher, row 2 the first session.
    update(&mut s, Action::Click { col: 5, row: 4 });
    assert_eq!(s.schedule.selected, 2);
}

#[test]
fn clicking_in_the_notes_places_the_cursor_by_display_column() {
    let mut s = state();
    update(&mut s, Action::OpenNotes);
    typed(&mut s, "日本語テキスト");
    let notes = kaigi::state::layout::areas((120, 40), Pane::Notes, false, false).notes;
    let text = kaigi::state::layout::notes_areas(notes, false, 0).text;
    // Columns 4-5 of the text hold 語; a click on its right half lands before it.
    update(
        &mut s,
        Action::Click {
            col: text.x + 2 + 5,
            row: text.y,
        },
    );
    let id = s.selected_session().unwrap().id.clone();
    assert_eq!(s.notes[&id].cursor.byte, "日本".len());
    update(
        &mut s,
        Action::Click {
            col: text.x + 2 + 50,
            row: text.y,
        },
    );
    assert_eq!(
        s.notes[&id].cursor.byte,
        "日本語テキスト".len(),
        "past the end: the end"
    );
}

#[test]
fn typing_notes_leaves_what_the_lists_read_untouched() {
    let mut s = state();
    update(&mut s, Action::OpenNotes);
    typed(&mut s, "first");
    let revisions = |s: &State| {
        (
            s.schedule.revision(),
            s.follow_ups.revision(),
            s.conference.revision(),
        )
    };
    let before = revisions(&s);
    typed(&mut s, "ノートを書く");
    update(&mut s, Action::Split);
    update(&mut s, Action::Indent);
    update(&mut s, Action::Left);
    update(&mut s, Action::Backspace);
    assert_eq!(
        revisions(&s),
        before,
        "the lists keep their cells while notes are typed"
    );
    update(&mut s, Action::LeaveNotes);
    update(&mut s, Action::SelectNext);
    assert_ne!(
        s.schedule.revision(),
        before.0,
        "moving the selection redraws the schedule"
    );
}
