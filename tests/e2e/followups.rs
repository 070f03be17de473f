//! Follow-ups as a person works them: marked two ways in two talks, listed together, one ticked
//! off from the list, a jump to the other, a search, and the states on disk.

use crate::support;

use std::path::Path;

use support::{TIMEOUT, kaigi, keys};

const NOW: &str = "2026-12-03T10:50:00+09:00";

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn mark_two_ways_toggle_from_the_list_jump_and_search() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let mut app = kaigi(data, NOW);

    // The talk on now: a bullet marked with Ctrl-T.
    support::open_notes(&mut app);
    app.type_text("スライドを確認");
    app.send(keys::CTRL_T);
    app.send_esc();
    app.wait_for("? help", TIMEOUT).unwrap();
    // The next talk: a follow-up typed as "[ ] ".
    app.send(b"j");
    app.send(keys::ENTER);
    app.type_text("[ ] 資料公開待ち");
    app.wait_for("☐ 資料公開待ち", TIMEOUT).unwrap();
    app.send_esc();
    app.wait_for("? help", TIMEOUT).unwrap();

    app.send(b"3");
    app.wait_for("Follow-ups (2 open)", TIMEOUT).unwrap();
    app.wait_for("☐ スライドを確認", TIMEOUT).unwrap();
    app.send(b" ");
    app.wait_for("Follow-ups (1 open)", TIMEOUT).unwrap();
    app.wait_for("☑ スライドを確認", TIMEOUT).unwrap();

    // Open ones come first; the selection went with the one ticked (now done, second): the
    // open one is above it, and Enter jumps to it.
    app.send(b"k");
    app.send(keys::ENTER);
    app.wait_for("┏ 2 Notes", TIMEOUT).unwrap();
    app.wait_for("Zero-Trust Networking at Scale", TIMEOUT)
        .unwrap();
    // The frame may still be arriving: read the screen once output has settled.
    app.wait_idle(std::time::Duration::from_millis(100), TIMEOUT);
    let (row, col) = app.find("資料公開待ち").unwrap();
    assert_eq!(
        app.cursor(),
        (row, col),
        "cursor at the start of the follow-up: {}",
        app.dump()
    );

    app.send_esc();
    app.wait_for("? help", TIMEOUT).unwrap();
    app.send(&keys::ctrl('f'));
    app.wait_for("Search notes", TIMEOUT).unwrap();
    app.type_text("ｽﾗｲﾄﾞ");
    app.wait_for("1 found", TIMEOUT).unwrap();
    app.send(keys::ENTER);
    app.wait_for("Kinesis と Lambda で作るリアルタイム分析基盤", TIMEOUT)
        .unwrap();

    app.send(keys::CTRL_Q);
    assert!(app.wait_exit(TIMEOUT).is_some_and(|s| s.success()));
    let notes = data.join("conferences/kumo-summit-2026/notes");
    let a = json(&notes.join("d1-1045-a.json"));
    assert_eq!(a["bullets"][0]["text"], "スライドを確認");
    assert_eq!(a["bullets"][0]["follow_up"], "done");
    let b = json(&notes.join("d1-1045-b.json"));
    assert_eq!(b["bullets"][0]["text"], "資料公開待ち");
    assert_eq!(b["bullets"][0]["follow_up"], "open");
}

#[test]
fn pending_slides_and_links_are_saved_with_the_session() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let mut app = kaigi(data, NOW);
    support::to_schedule(&mut app);
    app.send(b"p");
    app.wait_for("Slides not published yet", TIMEOUT).unwrap();
    app.send(keys::CTRL_Q);
    assert!(app.wait_exit(TIMEOUT).is_some());
    let path = data.join("conferences/kumo-summit-2026/notes/d1-1045-a.json");
    assert_eq!(json(&path)["slides_pending"], true);

    let mut app = kaigi(data, NOW);
    app.wait_for("Slides not published yet", TIMEOUT).unwrap();
    support::to_schedule(&mut app);
    app.send(b"u");
    app.wait_for("Links (space between)", TIMEOUT).unwrap();
    app.type_text("https://slides.example/kinesis");
    app.send(keys::ENTER);
    app.wait_for("→ https://slides.example/kinesis", TIMEOUT)
        .unwrap();
    // Done, and still listed (done) so that it can be opened again.
    app.wait_for("☑ Slides not published yet", TIMEOUT).unwrap();
    app.send(b"q");
    assert!(app.wait_exit(TIMEOUT).is_some());
    let saved = json(&path);
    assert!(saved.get("slides_pending").is_none(), "{saved}");
    assert_eq!(saved["slides_done"], true, "{saved}");
    assert_eq!(saved["links"][0], "https://slides.example/kinesis");
}

/// From a trial: the slides mark set and taken off again on a session with no notes is saved
/// both times; the mark does not come back after a restart, and "saving…" does not stay.
#[test]
fn a_slides_mark_taken_off_again_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let mut app = kaigi(data, NOW);
    support::to_schedule(&mut app);
    // A session never opened: it has no notes to save with the mark.
    app.send(b"j");
    app.wait_for("Room B · Security", TIMEOUT).unwrap();
    app.send(b"p");
    app.wait_for("Slides not published yet", TIMEOUT).unwrap();
    let path = data.join("conferences/kumo-summit-2026/notes/d1-1045-b.json");
    support::on_disk(|| path.exists().then_some(())).unwrap();
    app.send(b"p");
    app.wait_for("Slides no longer pending", TIMEOUT).unwrap();
    app.wait_gone("Slides not published yet", TIMEOUT).unwrap();
    app.wait_for("· saved ·", TIMEOUT).unwrap();
    let cleared = support::on_disk(|| {
        let saved = json(&path);
        saved.get("slides_pending").is_none().then_some(saved)
    });
    assert!(cleared.is_some(), "{}", json(&path));
    app.send(keys::CTRL_Q);
    assert!(app.wait_exit(TIMEOUT).is_some_and(|s| s.success()));
    let app = kaigi(data, NOW);
    app.wait_for("Follow-ups (0 open)", TIMEOUT).unwrap();
    assert!(
        !app.screen().contains("Slides not published"),
        "{}",
        app.dump()
    );
}
