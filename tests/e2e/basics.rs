//! The user's view: the real `kaigi` binary in a pseudo-terminal, typed at key by key (Japanese
//! included), with the screen read back through a terminal emulator and the files checked on disk.

use crate::support;

use std::path::{Path, PathBuf};

use support::{Pty, TIMEOUT, keys};

/// 10:50 in Tokyo on the first day of the sample conference.
const NOW: &str = "2026-12-03T10:50:00+09:00";

fn kaigi(data: &Path, cols: u16, rows: u16) -> Pty {
    let home = data.join("home");
    support::launch(data, NOW)
        .env(&[("HOME", home.to_str().unwrap())])
        .size(cols, rows)
        .start()
}

fn notes_file(data: &Path, session: &str) -> PathBuf {
    data.join("conferences/kumo-summit-2026/notes")
        .join(format!("{session}.json"))
}

fn bullet_texts(path: &Path) -> Vec<String> {
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    json["bullets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["text"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn type_two_bullets_quit_and_find_them_again() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let mut app = kaigi(data, 100, 30);
    assert!(app.alternate_screen());
    app.wait_for("Kumo Summit Tokyo 2026", TIMEOUT).unwrap();

    // At 10:50 the talk running now is selected: 10:45 in Hall A.
    app.wait_for("Kinesis と Lambda で作る", TIMEOUT).unwrap();
    support::open_notes(&mut app);
    app.type_text("Kinesis はストリーミング");
    app.send(keys::ENTER);
    app.type_text("second ");
    app.send_str("日本語の入力");
    app.wait_for("second 日本語の入力", TIMEOUT).unwrap();

    // The frame may still be arriving: read the screen once output has settled.
    app.wait_idle(std::time::Duration::from_millis(100), TIMEOUT);
    // The Notes pane starts at column 40 (2/5 of 100); its text after the border and "• ".
    let (row, col) = app.find("Kinesis はストリーミング").unwrap();
    assert_eq!(col, 43, "{}", app.dump());
    assert_eq!(
        app.find("ストリーミング"),
        Some((row, 43 + 10)),
        "wide characters take two cells"
    );
    assert_eq!(app.find("second 日本語の入力"), Some((row + 1, 43)));
    assert_eq!(
        app.cursor(),
        (row + 1, 43 + 7 + 12),
        "cursor at the insertion point"
    );
    assert!(app.cursor_visible());

    app.send(keys::CTRL_Q);
    assert!(app.wait_exit(TIMEOUT).is_some_and(|s| s.success()));
    assert!(!app.alternate_screen(), "terminal restored");

    let path = notes_file(data, "d1-1045-a");
    assert_eq!(
        bullet_texts(&path),
        ["Kinesis はストリーミング", "second 日本語の入力"]
    );

    let mut again = kaigi(data, 100, 30);
    again.wait_for("Kinesis はストリーミング", TIMEOUT).unwrap();
    again.wait_for("second 日本語の入力", TIMEOUT).unwrap();
    let marked = again
        .screen()
        .lines()
        .any(|l| l.contains("10:45") && l.contains('✎'));
    assert!(marked, "the session shows its notes mark: {}", again.dump());
    // Opened in the talk's notes (it is on now): Ctrl-Q quits from anywhere.
    again.send(keys::CTRL_Q);
    assert!(again.wait_exit(TIMEOUT).is_some_and(|s| s.success()));
}

#[test]
fn notes_reach_the_disk_while_typing_without_quitting() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let mut app = kaigi(data, 100, 30);
    support::open_notes(&mut app);
    app.type_text("autosaved");
    let path = notes_file(data, "d1-1045-a");
    let deadline = std::time::Instant::now() + TIMEOUT;
    while !path.exists() || bullet_texts(&path) != ["autosaved"] {
        assert!(
            std::time::Instant::now() < deadline,
            "never saved: {}",
            app.dump()
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    app.wait_for("saved", TIMEOUT).unwrap();
    app.kill();
    assert_eq!(bullet_texts(&path), ["autosaved"]);
}

#[test]
fn a_first_run_installs_the_sample_conference() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = kaigi(dir.path(), 80, 24);
    app.wait_for("09:30", TIMEOUT).unwrap();
    app.send(keys::CTRL_Q);
    assert!(app.wait_exit(TIMEOUT).is_some());
    let schedule = dir
        .path()
        .join("conferences/kumo-summit-2026/schedule.json");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schedule).unwrap()).unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(json["time_zone"], "Asia/Tokyo");
}

#[test]
fn help_overlay_opens_and_closes() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = kaigi(dir.path(), 80, 24);
    support::to_schedule(&mut app);
    app.send(b"?");
    app.wait_for("kaigi keys", TIMEOUT).unwrap();
    app.send_esc();
    app.wait_gone("kaigi keys", TIMEOUT).unwrap();
    app.send(b"q");
    assert!(app.wait_exit(TIMEOUT).is_some());
}

#[test]
fn a_tiny_terminal_still_runs_and_quits() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = support::launch(dir.path(), NOW)
        .size(10, 3)
        .ready_at("2 Not")
        .start();
    app.resize(80, 24);
    app.wait_for("1 Schedule", TIMEOUT).unwrap();
    app.resize(10, 3);
    app.send(keys::CTRL_Q);
    assert!(app.wait_exit(TIMEOUT).is_some_and(|s| s.success()));
}

#[test]
fn an_unreadable_schedule_is_quarantined_and_the_app_starts_anyway() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("conferences/broken");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("schedule.json"), "{ not json").unwrap();
    let mut app = support::launch(dir.path(), NOW).size(120, 30).start();
    app.wait_for("Unreadable schedule moved to quarantine/", TIMEOUT)
        .unwrap();
    app.send(keys::CTRL_Q);
    assert!(app.wait_exit(TIMEOUT).is_some_and(|s| s.success()));
    let quarantined: Vec<String> = std::fs::read_dir(dir.path().join("quarantine"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(quarantined.len(), 1, "{quarantined:?}");
    let kept =
        std::fs::read_to_string(dir.path().join("quarantine").join(&quarantined[0])).unwrap();
    assert_eq!(kept, "{ not json", "moved, not rewritten");
}
