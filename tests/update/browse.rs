//! Browsing the schedule through `update`: stars, "My schedule" and its clashes, the filter
//! prompt, rooms, jumping to now, ad-hoc sessions, the details view and the conference picker.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use kaigi::action::{Action, Pane, System};
use kaigi::model::schedule::Conference;
use kaigi::state::State;
use kaigi::storage::ConferenceSummary;
use kaigi::update::update;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// The morning before the conference: nothing is on, the first day is shown.
fn state() -> State {
    State::new(
        Conference::sample(),
        HashMap::new(),
        at("2026-12-01T09:00:00+09:00"),
        (120, 40),
    )
}

fn selected_id(s: &State) -> String {
    s.selected_session().unwrap().id.clone()
}

fn type_text(s: &mut State, text: &str) {
    for c in text.chars() {
        update(s, Action::Insert(c.to_string()));
    }
}

#[test]
fn starring_asks_for_a_save_and_my_schedule_shows_only_stars() {
    let mut s = state();
    update(&mut s, Action::SelectNext);
    let first = selected_id(&s);
    let fx = update(&mut s, Action::ToggleStar);
    assert!(fx.save_stars);
    assert!(s.schedule.starred.contains(&first));
    update(&mut s, Action::ToggleMySchedule);
    assert_eq!(s.schedule.visible.len(), 1);
    assert_eq!(selected_id(&s), first);
    update(&mut s, Action::ToggleStar);
    assert!(
        s.schedule.visible.is_empty(),
        "unstarred in My schedule: gone from the list"
    );
    update(&mut s, Action::ToggleMySchedule);
    assert_eq!(s.schedule.visible.len(), s.conference.day_len(0));
}

#[test]
fn clashing_stars_are_flagged() {
    let mut s = state();
    update(&mut s, Action::SelectNext);
    update(&mut s, Action::ToggleStar);
    update(&mut s, Action::SelectNext);
    update(&mut s, Action::ToggleStar);
    update(&mut s, Action::ToggleMySchedule);
    let clash =
        kaigi::model::dayview::conflicts(&s.conference, &s.schedule.visible, &s.schedule.starred);
    assert_eq!(clash.len(), 2, "two talks in the same slot");
}

#[test]
fn the_filter_narrows_as_you_type_and_enter_keeps_it() {
    let mut s = state();
    update(&mut s, Action::StartFilter);
    type_text(&mut s, "リアルタイム");
    assert!(!s.schedule.visible.is_empty() && s.schedule.visible.len() < s.conference.day_len(0));
    assert!(s.selected_session().unwrap().title.contains("リアルタイム"));
    update(&mut s, Action::PromptSubmit);
    assert!(s.overlays.prompt.is_none());
    assert_eq!(s.schedule.filter.text, "リアルタイム");
    assert_eq!(s.schedule.selected, 0, "first match selected");
    update(&mut s, Action::OpenNotes);
    assert_eq!(s.focus, Pane::Notes, "a second Enter opens it");
}

#[test]
fn escape_in_the_prompt_clears_the_filter() {
    let mut s = state();
    update(&mut s, Action::StartFilter);
    type_text(&mut s, "ZERO");
    update(&mut s, Action::Backspace);
    assert_eq!(s.schedule.filter.text, "ZER");
    assert_eq!(s.schedule.visible.len(), 1, "case-insensitive: Zero-Trust");
    update(&mut s, Action::PromptCancel);
    assert!(s.schedule.filter.text.is_empty());
    assert_eq!(s.schedule.visible.len(), s.conference.day_len(0));
}

#[test]
fn keys_typed_in_the_prompt_do_not_act_on_the_schedule() {
    let mut s = state();
    update(&mut s, Action::StartFilter);
    type_text(&mut s, "q");
    assert!(s.overlays.prompt.is_some());
    let fx = update(&mut s, Action::NextDay);
    assert_eq!(s.schedule.day, 0);
    assert!(!fx.quit);
}

#[test]
fn the_room_filter_picks_a_room_by_typing_part_of_its_name() {
    let mut s = state();
    // r, ↓, Enter: the first room, as `r` alone used to.
    update(&mut s, Action::CycleRoom);
    update(&mut s, Action::SelectNext);
    update(&mut s, Action::PromptSubmit);
    assert_eq!(s.schedule.filter.room.as_deref(), Some("Hall A"));
    assert!(
        s.schedule
            .visible
            .iter()
            .all(|&i| s.conference.sessions()[i].room == "Hall A")
    );
    // r, then "work" (full-width and any case fold too): Room D (Workshop).
    update(&mut s, Action::CycleRoom);
    update(&mut s, Action::Insert("ＷＯＲＫ".into()));
    assert_eq!(s.overlays.rooms.as_ref().unwrap().hits.len(), 1);
    update(&mut s, Action::PromptSubmit);
    assert_eq!(s.schedule.filter.room.as_deref(), Some("Room D (Workshop)"));
    // r, ↑ to "every room", Enter.
    update(&mut s, Action::CycleRoom);
    for _ in 0..10 {
        update(&mut s, Action::SelectPrev);
    }
    update(&mut s, Action::PromptSubmit);
    assert_eq!(s.schedule.filter.room, None);
    // Nothing matches: the filter stays as it was.
    update(&mut s, Action::CycleRoom);
    update(&mut s, Action::Insert("zzz".into()));
    update(&mut s, Action::PromptSubmit);
    assert_eq!(s.schedule.filter.room, None);
}

#[test]
fn jump_to_now_selects_the_running_talk_and_prefers_a_starred_one() {
    let mut s = state();
    update(&mut s, Action::JumpToNow);
    assert!(s.message.is_some(), "not on today");
    let mut s = State::new(
        Conference::sample(),
        HashMap::new(),
        at("2026-12-04T10:50:00+09:00"),
        (120, 40),
    );
    update(&mut s, Action::PrevDay);
    update(&mut s, Action::JumpToNow);
    assert_eq!(s.schedule.day, 1);
    let on = s.selected_session().unwrap();
    assert!(on.start <= s.now && s.now < on.end);
    update(&mut s, Action::SelectNext);
    let other = selected_id(&s);
    update(&mut s, Action::ToggleStar);
    update(&mut s, Action::SelectPrev);
    update(&mut s, Action::JumpToNow);
    assert_eq!(selected_id(&s), other);
}

#[test]
fn opening_during_the_conference_selects_a_starred_talk_on_now() {
    let now = at("2026-12-03T10:50:00+09:00");
    let c = Conference::sample();
    let later_room = c
        .sessions()
        .iter()
        .find(|s| s.start <= now && now < s.end && s.room == "Room C")
        .unwrap()
        .id
        .clone();
    let s = State::new(c, HashMap::new(), now, (120, 40)).with_stars([later_room.clone()].into());
    assert_eq!(selected_id(&s), later_room);
}

#[test]
fn an_ad_hoc_session_starts_now_and_opens_for_typing() {
    let mut s = State::new(
        Conference::sample(),
        HashMap::new(),
        at("2026-12-03T12:20:30+09:00"),
        (120, 40),
    );
    let before = s.conference.sessions().len();
    update(&mut s, Action::NewSession);
    update(&mut s, Action::PromptSubmit);
    let form = s.overlays.form.as_ref().expect("an empty title is refused");
    assert_eq!(form.error.as_ref().unwrap().1, "A session needs a title");
    type_text(&mut s, "ブース訪問: Example 社");
    let fx = update(&mut s, Action::PromptSubmit);
    assert!(fx.save_schedule);
    assert_eq!(s.conference.sessions().len(), before + 1);
    let new = s.selected_session().unwrap().clone();
    assert!(new.adhoc);
    assert_eq!(new.title, "ブース訪問: Example 社");
    assert_eq!(new.start.to_rfc3339(), "2026-12-03T12:20:00+09:00");
    assert_eq!(s.focus, Pane::Notes);
    type_text(&mut s, "デモを見た");
    assert!(s.notes.contains_key(&new.id));
}

#[test]
fn details_toggle_and_the_picker_hands_back_a_folder() {
    let mut s = state();
    update(&mut s, Action::ToggleDetails);
    assert!(s.details);
    let fx = update(&mut s, Action::OpenPicker);
    assert!(fx.list_conferences);
    let summary = |id: &str| ConferenceSummary {
        folder: id.into(),
        id: id.into(),
        name: id.into(),
        first_day: None,
        last_day: None,
        sessions: 0,
        sessions_with_notes: 0,
        bullets: 0,
    };
    update(
        &mut s,
        Action::System(System::ConferencesListed(vec![
            summary("kumo-summit-2026"),
            summary("camp2019"),
        ])),
    );
    assert_eq!(
        s.overlays.picker.as_ref().unwrap().selected,
        0,
        "the open one first selected"
    );
    update(&mut s, Action::SelectNext);
    let fx = update(&mut s, Action::PickConference);
    assert_eq!(fx.open_conference.as_deref(), Some("camp2019"));
    assert!(fx.flush);
    assert!(s.overlays.picker.is_none());
}

/// 14.2: `n` on a day that is not today (the conference is over, or not begun) starts the new
/// session after the day's last one, not at this time of day on that date.
#[test]
fn a_new_session_on_another_day_starts_after_its_last_session() {
    let mut s = State::new(
        Conference::sample(),
        HashMap::new(),
        at("2026-12-10T04:15:00+09:00"),
        (120, 40),
    );
    s.schedule.day = 0;
    s.refresh_visible();
    update(&mut s, Action::NewSession);
    type_text(&mut s, "ブース訪問");
    update(&mut s, Action::PromptSubmit);
    let new = s.selected_session().unwrap().clone();
    assert_eq!(new.title, "ブース訪問");
    let last_end = s
        .conference
        .day_sessions(0)
        .filter(|x| x.id != new.id)
        .map(|x| x.end)
        .max()
        .unwrap();
    assert!(new.start >= last_end, "{} before {last_end}", new.start);
    assert!(new.start - last_end < chrono::Duration::minutes(5));
    assert_eq!(
        s.conference.local(&new.start).date_naive().to_string(),
        "2026-12-03"
    );
}

/// 14.11: `u` opens the links with the details showing; Esc puts the details back as they were.
#[test]
fn links_then_esc_leaves_the_details_as_they_were() {
    let mut s = state();
    assert!(!s.details);
    update(&mut s, Action::EditLinks);
    assert!(s.details);
    update(&mut s, Action::PromptCancel);
    assert!(!s.details, "Esc turned the abstract on");
    update(&mut s, Action::ToggleDetails);
    update(&mut s, Action::EditLinks);
    update(&mut s, Action::PromptCancel);
    assert!(s.details, "and leaves it on when it was");
}

/// 14.4: hiragana finds katakana (and the long-vowel mark does not matter) in the filter.
#[test]
fn the_filter_folds_kana_alike() {
    let mut s = state();
    update(&mut s, Action::StartFilter);
    type_text(&mut s, "くらうどねいてぃぶ");
    assert!(!s.schedule.visible.is_empty());
    assert!(
        s.selected_session()
            .unwrap()
            .title
            .contains("クラウドネイティブ")
    );
}

/// From a user trial of issue 14: a filter that matches nothing, then Esc, goes back to the
/// session selected before, not the day's first.
#[test]
fn esc_on_the_filter_goes_back_to_the_session_selected_before() {
    let mut s = state();
    for _ in 0..5 {
        update(&mut s, Action::SelectNext);
    }
    let before = selected_id(&s);
    update(&mut s, Action::StartFilter);
    type_text(&mut s, "xyz");
    assert!(s.schedule.visible.is_empty());
    update(&mut s, Action::PromptCancel);
    assert_eq!(selected_id(&s), before);
}
