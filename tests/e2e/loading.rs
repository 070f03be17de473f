//! Startup with many notes files (issue 20): the first frame shows before the other sessions'
//! notes are read, and nothing typed meanwhile, nor any list, is ever wrong.

use crate::support;

use std::path::{Path, PathBuf};

use support::{TIMEOUT, kaigi, keys};

/// 10:50 in Tokyo on the first day of the sample conference: `d1-1045-a` is on.
const NOW: &str = "2026-12-03T10:50:00+09:00";
const TITLE: &str = "Kinesis と Lambda";
const SESSIONS: [&str; 33] = [
    "d1-keynote",
    "d1-1045-a",
    "d1-1045-b",
    "d1-1045-c",
    "d1-1135-a",
    "d1-1135-b",
    "d1-1135-c",
    "d1-1315-a",
    "d1-1315-b",
    "d1-1315-c",
    "d1-1315-d",
    "d1-1405-a",
    "d1-1405-b",
    "d1-1405-c",
    "d1-1510-a",
    "d1-1510-b",
    "d1-1510-c",
    "d1-lt",
    "d1-party",
    "d2-keynote",
    "d2-1045-a",
    "d2-1045-b",
    "d2-1045-c",
    "d2-1135-a",
    "d2-1135-b",
    "d2-1135-c",
    "d2-1315-a",
    "d2-1315-b",
    "d2-1315-c",
    "d2-1405-a",
    "d2-1405-b",
    "d2-1405-c",
    "d2-closing",
];

fn notes_dir(data: &Path) -> PathBuf {
    data.join("conferences/kumo-summit-2026/notes")
}

/// A notes file whose first bullet is an open follow-up, then `more` plain bullets.
fn notes_file(session: &str, more: usize) -> String {
    let bullet = |id: usize, text: String, follow_up: bool| {
        let mut b = serde_json::json!({
            "id": id,
            "text": text,
            "created": "2026-12-03T09:40:00+09:00",
        });
        if follow_up {
            b["follow_up"] = "open".into();
        }
        b
    };
    let mut bullets = vec![bullet(1, format!("資料を読む {session}"), true)];
    bullets.extend((0..more).map(|i| bullet(i + 2, format!("メモ {i}"), false)));
    serde_json::to_string_pretty(&serde_json::json!({
        "version": 2,
        "conference": "kumo-summit-2026",
        "session": session,
        "saved_at": "2026-12-03T09:45:00+09:00",
        "bullets": bullets,
    }))
    .unwrap()
}

/// Typed at once after start, while the other 31 notes files (one of 30,000 bullets) are still
/// being read: the keys land in the talk on now, the follow-up list then holds every session's,
/// an unreadable file is set aside and named, and no other file is touched.
#[test]
fn keys_typed_while_the_other_notes_load_land_and_every_list_is_whole() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    // The first start installs the sample conference.
    let mut app = kaigi(data, NOW);
    app.wait_for(TITLE, TIMEOUT).unwrap();
    app.send(keys::CTRL_Q);
    assert!(app.wait_exit(TIMEOUT).is_some_and(|s| s.success()));

    let notes = notes_dir(data);
    std::fs::create_dir_all(&notes).unwrap();
    for s in SESSIONS.iter().filter(|&&s| s != "d1-1045-a") {
        let more = if *s == "d2-closing" { 30_000 } else { 3 };
        std::fs::write(notes.join(format!("{s}.json")), notes_file(s, more)).unwrap();
    }
    std::fs::write(notes.join("d1-1135-b.json"), "{ not json").unwrap();
    let before: Vec<(String, Vec<u8>)> = SESSIONS
        .iter()
        .filter(|&&s| s != "d1-1045-a" && s != "d1-1135-b")
        .map(|s| {
            (
                s.to_string(),
                std::fs::read(notes.join(format!("{s}.json"))).unwrap(),
            )
        })
        .collect();

    let mut app = kaigi(data, NOW);
    app.wait_for(TITLE, TIMEOUT).unwrap();
    app.type_text("速記メモ");
    app.wait_for("• 速記メモ", TIMEOUT).unwrap();
    app.send_esc();
    app.send(b"3");
    app.wait_for("Follow-ups (31 open)", TIMEOUT).unwrap();
    let screen = app.screen();
    assert!(screen.contains("資料を読む"), "{}", app.dump());
    assert!(!screen.contains("loading"), "{}", app.dump());
    app.send(keys::CTRL_Q);
    assert!(app.wait_exit(TIMEOUT).is_some_and(|s| s.success()));

    let typed = std::fs::read_to_string(notes.join("d1-1045-a.json")).unwrap();
    assert!(typed.contains("速記メモ"), "{typed}");
    for (s, bytes) in before {
        let now = std::fs::read(notes.join(format!("{s}.json"))).unwrap();
        assert!(now == bytes, "{s}.json was written");
    }
    let quarantined: Vec<_> = std::fs::read_dir(data.join("quarantine"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        quarantined.len() == 1 && quarantined[0].ends_with("d1-1135-b.json"),
        "{quarantined:?}"
    );
}

/// From a trial: an Enter typed the moment kaigi starts, before its terminal is raw, reaches it
/// as a line feed (the tty's ICRNL); it still starts a new bullet.
#[test]
fn an_enter_typed_before_the_terminal_is_raw_starts_a_new_bullet() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = kaigi(dir.path(), NOW);
    app.wait_for(TITLE, TIMEOUT).unwrap();
    app.type_text("あいうえお");
    app.send(b"\n");
    app.type_text("かきくけこ");
    app.wait_for("• かきくけこ", TIMEOUT).unwrap();
    assert!(app.screen().contains("• あいうえお"), "{}", app.dump());
    app.send(keys::CTRL_Q);
    assert!(app.wait_exit(TIMEOUT).is_some_and(|s| s.success()));
}
