//! A conference with no published schedule, lived end to end with the real binary: made with
//! `kaigi new`, its talks added with the session form in Japanese, a time corrected, notes typed
//! and moved to the talk they belong to (undone and redone), the day exported; and the notes
//! moved never in neither file, whatever moment the process dies.

use crate::support;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use support::{TIMEOUT, keys};

/// The second day of AWS Summit Tokyo 2017, 13:32 in Tokyo.
const NOW: &str = "2017-05-31T13:32:00+09:00";

fn kaigi_cli(data: &Path, args: &[&str]) -> std::process::Output {
    Command::new(support::bin())
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .output()
        .unwrap()
}

fn notes_files(data: &Path) -> Vec<(String, String)> {
    let dir = data.join("conferences/aws-summit-tokyo-2017/notes");
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(e.path()).unwrap_or_default())
        })
        .collect();
    out.sort();
    out
}

fn new_conference(data: &Path) {
    let out = kaigi_cli(
        data,
        &[
            "new",
            "AWS Summit Tokyo 2017",
            "--from",
            "2017-05-30",
            "--to",
            "2017-06-02",
            "--tz",
            "Asia/Tokyo",
        ],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("(aws-summit-tokyo-2017): 4 days"),
        "{stdout}"
    );
    assert!(
        stdout.contains("kaigi --conference aws-summit-tokyo-2017"),
        "{stdout}"
    );
}

/// Adds a session with the form: title, then the fields after it as typed (Tab between).
fn add_session(app: &mut support::Pty, title: &str, rest: &[&str]) {
    support::to_schedule(app);
    app.send(b"n");
    app.wait_for("New session", TIMEOUT).unwrap();
    app.type_text(title);
    for field in rest {
        app.send(keys::TAB);
        app.type_text(field);
    }
    app.send(keys::ENTER);
    app.wait_for("┏ 2 Notes", TIMEOUT).unwrap();
}

#[test]
fn from_nothing_to_notes_in_the_right_talk_and_a_blog_post() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    new_conference(data);
    // Plain `kaigi` opens the conference just made, on today's empty day.
    let mut app = support::launch(data, NOW).size(80, 24).start();
    app.wait_for("AWS Summit Tokyo 2017", TIMEOUT).unwrap();
    // The keynote that started at 13:00 (a time typed full width), and the talk after it, in
    // a room the conference did not have.
    add_session(&mut app, "基調講演", &["", "１３：００", "1h"]);
    add_session(
        &mut app,
        "サーバーレス入門",
        &["", "14:10", "40分", "ホールＢ"],
    );
    app.wait_for("14:10–14:50 · ホールＢ", TIMEOUT).unwrap();
    // The talk really started at 14:15: E, then its start and end.
    support::to_schedule(&mut app);
    app.send(b"E");
    app.wait_for("Edit session", TIMEOUT).unwrap();
    app.send(keys::TAB);
    app.send(keys::TAB);
    app.type_text("14時15分");
    app.send(keys::TAB);
    app.type_text("15:00");
    app.send(keys::ENTER);
    app.wait_for("Session changed", TIMEOUT).unwrap();
    app.send(keys::ENTER);
    app.wait_for("14:15–15:00 · ホールＢ", TIMEOUT).unwrap();
    // Notes typed here belong to the keynote: moved there, undone, redone.
    app.type_text("Lambda の新機能");
    app.send(keys::ENTER);
    app.send(keys::TAB);
    app.type_text("コールドスタート短縮");
    app.send(keys::UP);
    app.send(&keys::alt('m'));
    app.wait_for("Move 2 bullets to", TIMEOUT).unwrap();
    app.type_text("基調");
    app.wait_for(" 1 session ", TIMEOUT).unwrap();
    app.send(keys::ENTER);
    app.wait_for("Moved 2 bullets to 基調講演", TIMEOUT)
        .unwrap();
    app.wait_gone("コールドスタート短縮", TIMEOUT).unwrap();
    app.send(keys::CTRL_Z);
    app.wait_for("Undone in both sessions", TIMEOUT).unwrap();
    app.wait_for("コールドスタート短縮", TIMEOUT).unwrap();
    app.send(keys::CTRL_Y);
    app.wait_for("Redone in both sessions", TIMEOUT).unwrap();
    app.wait_gone("コールドスタート短縮", TIMEOUT).unwrap();
    app.type_text("感想: 期待");
    app.send_esc();
    app.send(b"q");
    assert!(app.wait_exit(TIMEOUT).is_some_and(|s| s.success()));

    let out = kaigi_cli(data, &["export", "--day", "2017-05-31", "--lang", "ja"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = String::from_utf8(out.stdout).unwrap();
    let keynote = md.find("基調講演").expect(&md);
    let serverless = md.find("サーバーレス入門").expect(&md);
    let moved = md
        .find("- Lambda の新機能\n  - コールドスタート短縮")
        .expect(&md);
    let typed_after = md.find("- 感想: 期待").expect(&md);
    assert!(keynote < moved && moved < serverless, "{md}");
    assert!(serverless < typed_after, "{md}");
    assert!(md.contains("14:15"), "{md}");
}

#[test]
fn notes_moved_are_in_one_file_at_least_whenever_the_process_dies() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    new_conference(data);
    // Every fsync takes 300 ms: the window between the two files' writes is wide.
    let mut app = support::launch(data, NOW)
        .env(&[("KAIGI_DEBUG_SLOW_DISK_MS", "300")])
        .start();
    add_session(&mut app, "ブース訪問", &["", "14:00"]);
    add_session(&mut app, "基調講演", &["", "13:00"]);
    // Typed in the keynote, they belong to the booth visit. (The saver takes sessions in id
    // order: this one, the earlier, would go first if nothing held it.)
    app.type_text("移すメモ");
    let saved = support::on_disk(|| {
        notes_files(data)
            .iter()
            .any(|(_, text)| text.contains("移すメモ"))
    });
    assert!(saved, "{}", app.dump());
    app.send(&keys::alt('M'));
    app.wait_for("Move all 1 bullet to", TIMEOUT).unwrap();
    app.type_text("ブース");
    app.wait_for(" 1 session ", TIMEOUT).unwrap();
    app.send(keys::ENTER);
    // Watch the files until both are written: the notes are in one file at every look. Then
    // undo and redo, moving them back and forth, watching each time; at the end, kill at once.
    watch_until_only(data, "adhoc-20170531-1400");
    for _ in 0..3 {
        app.send(keys::CTRL_Z);
        watch_until_only(data, "adhoc-20170531-1300");
        app.send(keys::CTRL_Y);
        watch_until_only(data, "adhoc-20170531-1400");
    }
    app.kill();
}

/// Looks at the notes files every few milliseconds until only session `only`'s holds the
/// notes moved; fails if at any look none does.
fn watch_until_only(data: &Path, only: &str) {
    let start = Instant::now();
    let mut looks = 0;
    while start.elapsed() < Duration::from_secs(5) {
        let files = notes_files(data);
        let holding: Vec<&str> = files
            .iter()
            .filter(|(_, t)| t.contains("移すメモ"))
            .map(|(n, _)| n.as_str())
            .collect();
        looks += 1;
        assert!(
            !holding.is_empty(),
            "after {looks} looks the notes are in no file: {files:?}"
        );
        if holding.len() == 1 && holding[0].starts_with(only) {
            return;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    panic!("the move never reached the disk: {:?}", notes_files(data));
}

#[test]
fn a_session_deleted_with_notes_asks_and_comes_back_from_the_copies_list() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    new_conference(data);
    let mut app = support::launch(data, NOW).size(80, 24).start();
    add_session(&mut app, "懇親会", &[]);
    app.type_text("名刺交換した");
    support::to_schedule(&mut app);
    app.send(b"s");
    app.wait_for("★", TIMEOUT).unwrap();
    app.send(b"D");
    app.wait_for("D again deletes it", TIMEOUT).unwrap();
    app.send(b"D");
    app.wait_for("R restores them", TIMEOUT).unwrap();
    app.wait_for("No sessions on this day:", TIMEOUT).unwrap();
    let schedule = || {
        std::fs::read_to_string(data.join("conferences/aws-summit-tokyo-2017/schedule.json"))
            .unwrap()
    };
    assert!(support::on_disk(|| !schedule().contains("懇親会")));
    let files = notes_files(data);
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(
        files[0]
            .0
            .starts_with("adhoc-20170531-1330.deleted-20170531T1332"),
        "{files:?}"
    );
    assert!(files[0].1.contains("名刺交換した"));
    // R lists it; Enter brings the session back with its notes, and the kept file goes.
    app.send(b"R");
    app.wait_for("deleted; Enter brings it back", TIMEOUT)
        .unwrap();
    app.send(keys::ENTER);
    app.wait_for("Restored 懇親会 with its notes", TIMEOUT)
        .unwrap();
    app.wait_for("名刺交換した", TIMEOUT).unwrap();
    assert!(support::on_disk(|| schedule().contains("懇親会")));
    let restored = support::on_disk(|| {
        let files = notes_files(data);
        (files.len() == 1 && files[0].0 == "adhoc-20170531-1330.json").then_some(files)
    });
    assert!(restored.is_some_and(|f| f[0].1.contains("名刺交換した")));
    app.wait_for("★", TIMEOUT).unwrap();
    // Undoing the restore puts the notes back in a file of their own; redoing takes them again.
    app.send(keys::CTRL_Z);
    app.wait_for("Undone: the notes are kept in", TIMEOUT)
        .unwrap();
    let kept_again = support::on_disk(|| {
        notes_files(data)
            .iter()
            .any(|(name, text)| name.contains(".deleted-") && text.contains("名刺交換した"))
    });
    assert!(kept_again, "{:?}", notes_files(data));
    app.send(keys::CTRL_Y);
    app.wait_for("Redone: restored again", TIMEOUT).unwrap();
    let taken = support::on_disk(|| {
        let files = notes_files(data);
        (files.len() == 1 && files[0].1.contains("名刺交換した")).then_some(files)
    });
    assert!(taken.is_some(), "{:?}", notes_files(data));
    // Ctrl-Q rather than Esc then q: on a loaded machine the two can arrive as Alt-q.
    app.send_esc();
    app.send(keys::CTRL_Q);
    assert!(app.wait_exit(TIMEOUT).is_some_and(|s| s.success()));
}

/// From a trial: opened during a talk (in its notes), the sample still says how to make one's own.
#[test]
fn the_sample_hint_shows_when_kaigi_opens_during_a_talk_too() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = support::launch(dir.path(), "2026-12-03T10:50:00+09:00")
        .size(80, 24)
        .start();
    app.wait_for("A sample. Yours: c then n", TIMEOUT).unwrap();
    app.send(keys::CTRL_Q);
    assert!(app.wait_exit(TIMEOUT).is_some_and(|s| s.success()));
}

#[test]
fn the_bundled_sample_alone_says_how_to_make_your_own_conference() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = support::launch(dir.path(), NOW).size(80, 24).start();
    app.wait_for("A sample. Yours: c then n, or kaigi new", TIMEOUT)
        .unwrap();
    app.send(b"c");
    app.wait_for("+ New conference… (n)", TIMEOUT).unwrap();
    app.send(b"n");
    app.wait_for("New conference", TIMEOUT).unwrap();
    app.type_text("社内技術の日");
    app.send(keys::ENTER);
    app.wait_for("Made \"社内技術の日\" (id conference-2017-05-31)", TIMEOUT)
        .unwrap();
    app.wait_for("No sessions on this day:", TIMEOUT).unwrap();
    app.send(b"q");
    assert!(app.wait_exit(TIMEOUT).is_some_and(|s| s.success()));
    let again = support::launch(dir.path(), NOW).size(80, 24).start();
    again.wait_for("社内技術の日", TIMEOUT).unwrap();
    assert!(!again.screen().contains("A sample. Yours"));
}

#[test]
fn a_spreadsheet_fills_a_conference_made_with_kaigi_new_and_a_broken_one_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    new_conference(data);
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/table");
    let schedule = data.join("conferences/aws-summit-tokyo-2017/schedule.json");
    let before = std::fs::read(&schedule).unwrap();
    let out = kaigi_cli(
        data,
        &[
            "import",
            &format!("{fixtures}/malformed.csv"),
            "--conference",
            "aws-summit-tokyo-2017",
        ],
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("line 3, column 3 (開始): not a time: \"25時\""),
        "{err}"
    );
    assert_eq!(std::fs::read(&schedule).unwrap(), before, "nothing changed");

    let out = kaigi_cli(
        data,
        &[
            "import",
            &format!("{fixtures}/aws-summit-ja.csv"),
            "--conference",
            "aws-summit-tokyo-2017",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("5 added"), "{said}");
    assert!(
        said.contains("4 days: 2017-05-30 – 2017-06-02, time zone Asia/Tokyo"),
        "{said}"
    );
    let app = support::launch(data, "2017-05-31T13:10:00+09:00")
        .size(80, 24)
        .start();
    app.wait_for("サーバーレスで作るリアルタイム分析", TIMEOUT)
        .unwrap();
}
