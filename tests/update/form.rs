//! The session form (`n`, `E`) and the new conference's form, typed key by key through the
//! keymap as a person would: what ends up in the schedule, and what the form says when refused.

use kaigi::app::keymap::action_for_key;
use kaigi::state::{State, field};
use kaigi::update::{Effects, update};

use crate::common;
use crate::keys::parse;

/// Types `keys` into `s` as the app does; the effects of the last key.
fn keys(s: &mut State, keys: &str) -> Effects {
    let mut fx = Effects::default();
    for key in parse(keys) {
        if let Some(action) = action_for_key(s, key) {
            fx = update(s, action);
        }
    }
    fx
}

/// The sample conference at 10:50 on its first day, browsing the schedule.
fn browsing() -> State {
    let mut s = common::state(80, 24);
    keys(&mut s, "<Esc>");
    s
}

fn local(s: &State, t: chrono::DateTime<chrono::FixedOffset>) -> String {
    s.conference.local(&t).format("%m-%d %H:%M").to_string()
}

#[test]
fn a_title_and_enter_make_a_session_now_of_the_usual_length_and_open_its_notes() {
    let mut s = browsing();
    let usual = s.conference.usual_length();
    let fx = keys(&mut s, "nブース訪問<Enter>");
    assert!(fx.save_schedule);
    let new = s.selected_session().unwrap().clone();
    assert_eq!(new.title, "ブース訪問");
    assert_eq!(local(&s, new.start), "12-03 10:50");
    assert_eq!(new.end - new.start, usual);
    assert!(new.adhoc);
    keys(&mut s, "デモを見た");
    assert!(s.notes.contains_key(&new.id));
}

#[test]
fn every_field_is_read_as_typed_in_japanese_and_full_width() {
    let mut s = browsing();
    keys(
        &mut s,
        "nクラウド設計<Tab>12/4<Tab>１３時３０分<Tab>1時間半<Tab>ホールＺ<Tab>山田 太郎、佐藤<Tab>SRE<Tab>https://example.com/s<Enter>",
    );
    let new = s.selected_session().unwrap().clone();
    assert_eq!(new.title, "クラウド設計");
    assert_eq!(local(&s, new.start), "12-04 13:30");
    assert_eq!(local(&s, new.end), "12-04 15:00");
    assert_eq!(new.room, "ホールＺ");
    assert!(
        s.conference.rooms.contains(&"ホールＺ".to_string()),
        "a new room joins the rooms"
    );
    assert_eq!(new.speakers, ["山田 太郎", "佐藤"]);
    assert_eq!(new.track.as_deref(), Some("SRE"));
    assert_eq!(new.url.as_deref(), Some("https://example.com/s"));
}

#[test]
fn an_end_time_is_an_end_and_a_bare_number_a_length() {
    for (end, want) in [
        ("14:10", "14:10"),
        ("1410", "14:10"),
        ("14時", "14:00"),
        ("25", "13:25"),
    ] {
        let mut s = browsing();
        keys(
            &mut s,
            &format!("nx<Tab><Tab><C-u>13:00<Tab><C-u>{end}<Enter>"),
        );
        let new = s.selected_session().unwrap().clone();
        assert_eq!(
            local(&s, new.end),
            format!("12-03 {want}"),
            "end typed {end:?}"
        );
    }
}

#[test]
fn a_refused_save_says_why_in_the_field_that_is_wrong_and_keeps_what_was_typed() {
    let mut s = browsing();
    let before = s.conference.sessions().len();
    for (typed, at, why) in [
        (
            "nx<Tab><C-u>12/25<Enter>",
            field::DAY,
            "2026-12-25 is not a day of this conference",
        ),
        ("nx<Tab><Tab><C-u>昼<Enter>", field::START, "Not a time"),
        (
            "nx<Tab><Tab><C-u>13:00<Tab><C-u>12:00<Enter>",
            field::END,
            "It ends before it starts",
        ),
    ] {
        let mut s = browsing();
        keys(&mut s, typed);
        let f = s.overlays.form.as_ref().expect("still open");
        let (field, message) = f.error.clone().unwrap();
        assert_eq!(field, at, "{typed}");
        assert_eq!(f.focus, at, "the cursor goes to the field that is wrong");
        assert!(message.starts_with(why), "{message}");
        assert_eq!(f.fields[field::TITLE], "x");
    }
    keys(&mut s, "nx<Esc>");
    assert!(s.overlays.form.is_none());
    assert_eq!(s.conference.sessions().len(), before, "Esc adds nothing");
}

#[test]
fn up_and_down_in_the_room_field_go_through_the_rooms_that_match() {
    let mut s = browsing();
    keys(&mut s, "nx<Tab><Tab><Tab><Tab>");
    let all = s.room_matches();
    assert_eq!(
        all,
        s.conference
            .rooms
            .iter()
            .filter(|r| !r.is_empty())
            .cloned()
            .collect::<Vec<_>>()
    );
    keys(&mut s, "<Down>");
    assert_eq!(
        s.overlays.form.as_ref().unwrap().fields[field::ROOM],
        all[0]
    );
    keys(&mut s, "<Down>");
    assert_eq!(
        s.overlays.form.as_ref().unwrap().fields[field::ROOM],
        all[1]
    );
    keys(&mut s, "<Up><Up>");
    assert_eq!(
        s.overlays.form.as_ref().unwrap().fields[field::ROOM],
        *all.last().unwrap()
    );
    // Typed text narrows them; the arrows then stay among those.
    keys(&mut s, "<C-u>c");
    assert_eq!(s.room_matches(), ["Room C"]);
    keys(&mut s, "<Down><Down>");
    assert_eq!(
        s.overlays.form.as_ref().unwrap().fields[field::ROOM],
        "Room C"
    );
    // Elsewhere the arrows move between fields.
    keys(&mut s, "<Tab><Up>");
    assert_eq!(s.overlays.form.as_ref().unwrap().focus, field::ROOM);
}

#[test]
fn editing_an_imported_session_keeps_the_published_values_for_a_reimport() {
    let mut s = browsing();
    let id = s.selected_session().unwrap().id.clone();
    let published = s.selected_session().unwrap().clone();
    let fx = keys(
        &mut s,
        "E<Tab><Tab><C-u>15:00<Tab><C-u>30m<Tab><C-u>Hall 9<Enter>",
    );
    assert!(fx.save_schedule);
    let edited = s.conference.session(&id).unwrap().clone();
    assert_eq!(local(&s, edited.start), "12-03 15:00");
    assert_eq!(edited.end - edited.start, chrono::TimeDelta::minutes(30));
    assert_eq!(edited.room, "Hall 9");
    assert_eq!(edited.title, published.title);
    assert!(!edited.adhoc);
    let kept: Vec<&str> = edited.published.keys().map(String::as_str).collect();
    assert_eq!(kept, ["end", "room", "start"]);
    assert_eq!(edited.published["room"], serde_json::json!(published.room));
    assert_eq!(
        s.selected_session().unwrap().id,
        id,
        "the session stays selected"
    );
}

#[test]
fn the_picker_makes_a_new_conference_from_its_form() {
    let mut s = browsing();
    let items = vec![];
    update(
        &mut s,
        kaigi::action::Action::System(kaigi::action::System::ConferencesListed(items)),
    );
    keys(&mut s, "<Enter>");
    let f = s
        .overlays
        .form
        .as_ref()
        .expect("the only row is New conference…");
    assert_eq!(f.fields[3], "Asia/Tokyo", "the open conference's time zone");
    let fx = keys(
        &mut s,
        "クラウド技術の日<Tab><C-u>2017/5/30<Tab><C-u>6月2日<Enter>",
    );
    let new = fx.make_conference.expect("asks the edge to make it");
    assert_eq!(new.name, "クラウド技術の日");
    assert_eq!(
        (new.dates.from.to_string(), new.dates.to.to_string()),
        ("2017-05-30".into(), "2017-06-02".into())
    );
    assert_eq!(new.id, None);
    update(
        &mut s,
        kaigi::action::Action::System(kaigi::action::System::ConferencesListed(vec![])),
    );
    keys(&mut s, "nx<Tab><Tab><Tab>Mars/Base<Enter>");
    let f = s.overlays.form.as_ref().expect("refused");
    assert_eq!(f.error.as_ref().unwrap().0, 3, "the time zone is wrong");
    assert_eq!(
        f.fields[3], "Mars/Base",
        "typing replaced the time zone offered"
    );
}

#[test]
fn only_sessions_made_here_are_deleted_and_one_with_notes_asks_first() {
    let mut s = browsing();
    let fx = keys(&mut s, "D");
    assert_eq!(
        fx.delete_session, None,
        "an imported session is the schedule's"
    );
    assert!(s.message_text().unwrap().contains("E edits it"));
    // Made here, nothing typed: gone at once.
    keys(&mut s, "nブース<Enter><Esc>");
    let fx = keys(&mut s, "D");
    let job = fx.delete_session.expect("deleted");
    assert_eq!((job.session.title.as_str(), job.notes), ("ブース", None));
    // With notes: D asks, another key forgets the question, D D deletes with the notes.
    keys(&mut s, "n懇親会<Enter>名刺交換<Esc>");
    assert_eq!(keys(&mut s, "D").delete_session, None);
    assert!(s.message_text().unwrap().contains("D again deletes it"));
    keys(&mut s, "j");
    keys(&mut s, "k");
    assert_eq!(
        keys(&mut s, "D").delete_session,
        None,
        "asked again after another key"
    );
    let job = keys(&mut s, "D").delete_session.expect("confirmed");
    let notes = job.notes.expect("its notes go with it");
    assert_eq!(notes.outline.bullets()[0].text, "名刺交換");
    // The edge kept them aside; the session leaves the schedule, the copy is offered.
    let copy = kaigi::storage::NotesCopy {
        kind: kaigi::storage::CopyKind::Deleted,
        path: "notes/x.deleted-1.json".into(),
        session: job.session.id.clone(),
        outline: notes.outline.clone(),
        meta: notes.meta.clone(),
        saved_at: notes.saved_at,
        deleted_session: Some(Box::new(job.session.clone())),
    };
    let fx = update(
        &mut s,
        kaigi::action::Action::System(kaigi::action::System::SessionDeleted {
            id: job.session.id.clone(),
            copy: Some(Box::new(copy)),
        }),
    );
    assert!(fx.save_schedule);
    assert!(s.conference.session(&job.session.id).is_none());
    assert!(s.message_text().unwrap().contains("R restores them"));
    // R, Enter: the session is back, with its notes.
    let fx = keys(&mut s, "R<Enter>");
    assert!(fx.save_schedule, "the schedule gets the session back");
    assert_eq!(
        fx.restored.len(),
        1,
        "the kept file goes once the notes are saved"
    );
    let back = s.selected_session().unwrap().clone();
    assert_eq!(back.title, "懇親会");
    assert_eq!(
        s.selected_notes().unwrap().outline.bullets()[0].text,
        "名刺交換"
    );
}

#[test]
fn undoing_a_restore_keeps_the_file_it_came_from() {
    for kind in [
        kaigi::storage::CopyKind::Recovery,
        kaigi::storage::CopyKind::Deleted,
        kaigi::storage::CopyKind::Unsaved,
    ] {
        let mut s = browsing();
        let id = s.selected_session().unwrap().id.clone();
        let now = common::local_now();
        let copy = kaigi::storage::NotesCopy {
            kind,
            path: "notes/x.recovery-1.json".into(),
            session: id.clone(),
            outline: crate::common::sketch::ed("- 失いたくないメモ|").outline,
            meta: Default::default(),
            saved_at: now,
            deleted_session: None,
        };
        s.copies.push(copy);
        let fx = keys(&mut s, "R<Enter>");
        assert_eq!(fx.restored.len(), 1, "{kind:?}");
        assert!(s.copies.is_empty());
        let fx = keys(&mut s, "<C-z>");
        let back = fx.unrestored.expect("the file is written back");
        assert_eq!(
            back.path,
            std::path::PathBuf::from("notes/x.recovery-1.json")
        );
        assert_eq!(s.copies.len(), 1, "listed again");
        let fx = keys(&mut s, "<C-y>");
        assert_eq!(fx.restored.len(), 1, "redone, it goes once saved again");
        assert!(s.copies.is_empty());
    }
}

#[test]
fn a_later_start_moves_the_end_unless_the_end_was_typed_too() {
    let mut s = browsing();
    let id = s.selected_session().unwrap().id.clone();
    let length = {
        let x = s.selected_session().unwrap();
        x.end - x.start
    };
    keys(&mut s, "E<Tab><Tab>１４：１５<Enter>");
    let x = s.conference.session(&id).unwrap().clone();
    assert_eq!(local(&s, x.start), "12-03 14:15");
    assert_eq!(x.end - x.start, length, "the same length, later");
    keys(&mut s, "E<Tab><Tab>15:00<Tab>15:20<Enter>");
    let x = s.conference.session(&id).unwrap().clone();
    assert_eq!(
        (local(&s, x.start), local(&s, x.end)),
        ("12-03 15:00".into(), "12-03 15:20".into())
    );
}
