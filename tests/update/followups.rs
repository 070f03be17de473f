//! The follow-up list and search through `update`: collecting across sessions, filters, pending
//! slides and links, the every-conference view, and search as you type.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use kaigi::action::{Action, Pane, System};
use kaigi::model::followups::ForeignFollowUp;
use kaigi::model::followups::Show;
use kaigi::model::outline::FollowUp;
use kaigi::model::schedule::Conference;
use kaigi::state::{FollowUpRow, State};
use kaigi::update::update;

fn state() -> State {
    let now: DateTime<Utc> = "2026-12-03T01:50:00Z".parse().unwrap();
    State::new(Conference::sample(), HashMap::new(), now, (120, 40))
}

fn type_text(s: &mut State, text: &str) {
    for c in text.chars() {
        update(s, Action::Insert(c.to_string()));
    }
}

/// Two sessions with follow-ups: one by Ctrl-T, one typed as "[ ] ".
fn two_sessions(s: &mut State) -> (String, String) {
    update(s, Action::OpenNotes);
    let first = s.selected_session().unwrap().id.clone();
    type_text(s, "スライドを確認");
    update(s, Action::CycleFollowUp);
    update(s, Action::LeaveNotes);
    update(s, Action::SelectNext);
    update(s, Action::OpenNotes);
    let second = s.selected_session().unwrap().id.clone();
    type_text(s, "[ ] 資料公開待ち");
    update(s, Action::LeaveNotes);
    (first, second)
}

#[test]
fn the_list_updates_live_and_filters_open_and_done() {
    let mut s = state();
    two_sessions(&mut s);
    assert_eq!(s.follow_ups.items.len(), 2);
    update(&mut s, Action::Focus(Pane::FollowUps));
    update(&mut s, Action::ToggleFollowUp);
    assert_eq!(
        s.follow_ups
            .items
            .iter()
            .filter(|f| f.state == FollowUp::Done)
            .count(),
        1
    );
    update(&mut s, Action::CycleFollowUpFilter);
    assert_eq!(s.follow_ups.show, Show::Open);
    assert_eq!(s.followup_view().len(), 1);
    update(&mut s, Action::CycleFollowUpFilter);
    assert_eq!(s.follow_ups.show, Show::Done);
    let Some(FollowUpRow::Local(i)) = s.selected_followup() else {
        panic!()
    };
    assert_eq!(s.follow_ups.items[i].state, FollowUp::Done);
    update(&mut s, Action::CycleFollowUpFilter);
    assert_eq!(s.followup_view().len(), 2);
}

#[test]
fn pending_slides_are_listed_until_a_link_is_added() {
    let mut s = state();
    let id = s.selected_session().unwrap().id.clone();
    let fx = update(&mut s, Action::ToggleSlidesPending);
    assert_eq!(fx.changed.as_deref(), Some(id.as_str()));
    assert_eq!(s.follow_ups.items.len(), 1);
    assert_eq!(s.follow_ups.items[0].bullet, None);
    update(&mut s, Action::EditLinks);
    assert!(s.details, "links are edited with the details showing");
    type_text(
        &mut s,
        "https://speakerdeck.example/kinesis https://youtu.example/v",
    );
    let fx = update(&mut s, Action::PromptSubmit);
    assert_eq!(fx.changed.as_deref(), Some(id.as_str()));
    // Resolved, and still listed as done, so that it can be opened again.
    assert_eq!(
        s.follow_ups.items.len(),
        1,
        "a link resolves pending slides"
    );
    assert_eq!(s.follow_ups.items[0].state, FollowUp::Done);
    assert_eq!(s.session_meta[&id].links.len(), 2);
}

#[test]
fn search_finds_as_you_type_and_enter_jumps_to_the_bullet() {
    let mut s = state();
    let (first, _) = two_sessions(&mut s);
    update(&mut s, Action::SelectNext);
    update(&mut s, Action::StartSearch);
    type_text(&mut s, "スライド");
    let hits = &s.overlays.search.as_ref().unwrap().hits;
    assert!(
        hits.iter()
            .any(|h| h.session == first && h.bullet.is_some())
    );
    update(&mut s, Action::Backspace);
    type_text(&mut s, "ドを確認");
    let search = s.overlays.search.as_ref().unwrap();
    assert_eq!(search.hits.len(), 1);
    update(&mut s, Action::PromptSubmit);
    assert!(s.overlays.search.is_none() && s.overlays.prompt.is_none());
    assert_eq!(s.focus, Pane::Notes);
    assert_eq!(s.selected_session().unwrap().id, first);
}

#[test]
fn escape_closes_the_search_and_arrows_choose_a_result() {
    let mut s = state();
    update(&mut s, Action::StartSearch);
    type_text(&mut s, "kubernetes");
    assert!(s.overlays.search.as_ref().unwrap().hits.len() >= 2);
    update(&mut s, Action::SelectNext);
    assert_eq!(s.overlays.search.as_ref().unwrap().selected, 1);
    update(&mut s, Action::PromptCancel);
    assert!(s.overlays.search.is_none());
}

#[test]
fn other_conferences_follow_ups_open_their_conference() {
    let mut s = state();
    let fx = update(&mut s, Action::Focus(Pane::FollowUps));
    assert!(!fx.list_foreign_followups);
    let fx = update(&mut s, Action::ToggleAllConferences);
    assert!(fx.list_foreign_followups);
    let item = kaigi::model::followups::FollowUpItem {
        session: "talk-1".into(),
        bullet: Some(7),
        text: "read the paper".into(),
        state: FollowUp::Open,
    };
    let foreign = ForeignFollowUp {
        folder: "camp2019".into(),
        conference: "Camp".into(),
        session: "talk-1".into(),
        session_title: "A talk".into(),
        when: "08/21 11:00".into(),
        item,
    };
    update(
        &mut s,
        Action::System(System::ForeignFollowUps(vec![foreign])),
    );
    assert_eq!(s.followup_view(), [FollowUpRow::Foreign(0)]);
    update(&mut s, Action::ToggleFollowUp);
    assert!(
        s.message.is_some(),
        "cannot toggle another conference's follow-up here"
    );
    let fx = update(&mut s, Action::JumpToFollowUp);
    assert_eq!(fx.open_conference.as_deref(), Some("camp2019"));
    assert_eq!(fx.then_jump, Some(("talk-1".into(), Some(7))));
    update(&mut s, Action::ToggleAllConferences);
    assert!(s.follow_ups.foreign.is_none());
}

/// 14.9: a "slides not published yet" marked done stays in the list (done), and can be opened
/// again from the list or with `p`.
#[test]
fn done_slides_stay_listed_and_open_again() {
    let mut s = state();
    update(&mut s, Action::ToggleSlidesPending);
    update(&mut s, Action::Focus(Pane::FollowUps));
    update(&mut s, Action::ToggleFollowUp);
    assert_eq!(s.follow_ups.items.len(), 1);
    assert_eq!(s.follow_ups.items[0].state, FollowUp::Done);
    update(&mut s, Action::ToggleFollowUp);
    assert_eq!(s.follow_ups.items[0].state, FollowUp::Open);
    update(&mut s, Action::ToggleFollowUp);
    update(&mut s, Action::Focus(Pane::Schedule));
    update(&mut s, Action::ToggleSlidesPending);
    assert_eq!(
        s.follow_ups.items[0].state,
        FollowUp::Open,
        "p opens a done one again"
    );
}

/// Typing in a follow-up bullet updates its text in the list in place (no scan of the session's
/// bullets); the list is the same as one built afresh.
#[test]
fn typing_in_a_follow_up_updates_the_list_in_place() {
    let mut s = state();
    update(&mut s, Action::OpenNotes);
    for c in "[ ] 資料".chars() {
        update(&mut s, Action::Insert(c.to_string()));
    }
    let before = s.follow_ups.revision();
    for c in "を確認".chars() {
        update(&mut s, Action::Insert(c.to_string()));
    }
    update(&mut s, Action::Backspace);
    assert_ne!(
        s.follow_ups.revision(),
        before,
        "the pane shows the new text"
    );
    assert_eq!(s.follow_ups.items.len(), 1);
    assert_eq!(s.follow_ups.items[0].text, "資料を確");
    let id = s.selected_session().unwrap().id.clone();
    let fresh =
        kaigi::model::followups::of_session(&id, s.notes.get(&id).map(|e| &e.outline), None);
    assert_eq!(s.follow_ups.items, fresh);
}

/// From a user trial of issue 14: Space ticks the follow-up selected and the selection goes with
/// it (from the open ones to the done ones), so a second Space opens it again.
#[test]
fn the_selection_goes_with_the_follow_up_ticked() {
    let mut s = state();
    update(&mut s, Action::OpenNotes);
    for text in ["[ ] 一つ目", "[ ] 二つ目"] {
        for c in text.chars() {
            update(&mut s, Action::Insert(c.to_string()));
        }
        update(&mut s, Action::Split);
    }
    update(&mut s, Action::Focus(Pane::FollowUps));
    assert_eq!(s.follow_ups.selected, 0);
    update(&mut s, Action::ToggleFollowUp);
    let Some(FollowUpRow::Local(i)) = s.selected_followup() else {
        panic!()
    };
    assert_eq!(
        s.follow_ups.items[i].text, "一つ目",
        "the selection went with it"
    );
    assert_eq!(s.follow_ups.items[i].state, FollowUp::Done);
    update(&mut s, Action::ToggleFollowUp);
    assert!(
        s.follow_ups.items.iter().all(|f| f.state == FollowUp::Open),
        "ticked back"
    );
}

#[test]
fn slides_published_by_a_refreshed_schedule_resolve_the_follow_up() {
    let mut s = state();
    let id = s.selected_session().unwrap().id.clone();
    update(&mut s, Action::ToggleSlidesPending);
    assert!(s.session_meta[&id].slides_pending());
    // The organisers publish the slides of that talk; the schedule file changes on disk.
    let mut file = s.conference.to_file();
    let at = file.sessions.iter().position(|x| x.id == id).unwrap();
    file.sessions[at]
        .links
        .push(kaigi::model::schedule::Link::new(
            "https://slides.example/deck.pdf",
            "Slides",
            Some("slides"),
        ));
    let fx = update(
        &mut s,
        Action::System(System::ScheduleChanged {
            file,
            refused_ours: false,
        }),
    );
    assert_eq!(
        fx.also_changed,
        std::slice::from_ref(&id),
        "their notes file is saved with the mark done"
    );
    assert_eq!(s.session_meta[&id].slides, Some(FollowUp::Done));
    assert!(
        s.message_text()
            .unwrap()
            .contains("slides now published for 1 session you marked")
    );
    // Nothing more to resolve when the app opens next.
    let fx = update(&mut s, Action::System(System::Opened));
    assert!(fx.also_changed.is_empty());
}

/// Notes read after the first frame join the list, and never replace a session's notes typed
/// into meanwhile.
#[test]
fn notes_read_late_join_the_list_and_leave_typed_notes_alone() {
    use kaigi::model::outline::{Bullet, Kind, Outline};
    let mut s = state();
    s.notes_loading = true;
    update(&mut s, Action::OpenNotes);
    let open = s.selected_session().unwrap().id.clone();
    type_text(&mut s, "速記");
    let other = s.conference.sessions()[0].id.clone();
    assert_ne!(open, other);
    let t = "2026-12-03T09:40:00+09:00".parse().unwrap();
    let bullet = |text: &str, follow_up| Bullet {
        id: 1,
        depth: 0,
        text: text.into(),
        kind: Kind::Bullet,
        follow_up,
        created: t,
        collapsed: false,
    };
    let mut loaded = kaigi::storage::LoadedNotes::default();
    loaded.outlines.insert(
        open.clone(),
        Outline::from_bullets(vec![bullet("古い", None)], t),
    );
    loaded.outlines.insert(
        other.clone(),
        Outline::from_bullets(vec![bullet("本を読む", Some(FollowUp::Open))], t),
    );
    let (_, problems) = s.take_notes(loaded);
    s.notes_loaded();
    assert!(problems.is_empty());
    assert!(!s.notes_loading);
    let texts: Vec<_> = s.notes[&open]
        .outline
        .bullets()
        .iter()
        .map(|b| b.text.as_str())
        .collect();
    assert_eq!(texts, ["速記"]);
    let texts: Vec<_> = s.follow_ups.items.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(texts, ["本を読む"]);
}
