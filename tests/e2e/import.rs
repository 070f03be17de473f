//! Importing a published schedule with the CLI, then using it in the app: stars, notes, an
//! updated schedule imported over it, `kaigi list`, and hostile ids and titles.

use crate::support;

use std::path::Path;
use std::process::Command;

use support::{Pty, TIMEOUT, keys};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
/// 10:05 on the first day of the mini conference, in Tokyo.
const NOW: &str = "2026-12-10T10:05:00+09:00";

fn kaigi_cli(data: &Path, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(support::bin())
        .env("KAIGI_UI_LANG", "en")
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn app(data: &Path) -> Pty {
    support::launch(data, NOW)
        .args(&["--conference", "mini2026"])
        .size(110, 30)
        .ready_at("Mini Cloud Day 2026")
        .start()
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn import_star_take_notes_then_reimport_an_updated_schedule() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let (ok, out, err) = kaigi_cli(data, &["import", &format!("{FIXTURES}/mini-v1.json")]);
    assert!(ok, "{err}");
    assert!(out.contains("Mini Cloud Day 2026"), "{out}");
    assert!(out.contains("6 sessions"), "{out}");

    // During the first talk the running one is selected; star it and the 11:00 one.
    let mut a = app(data);
    a.wait_for("サーバーレス入門", TIMEOUT).unwrap();
    support::to_schedule(&mut a);
    a.send(b"s");
    a.send(b"j");
    a.send(b"j");
    a.send(b"s");
    support::open_notes(&mut a);
    a.type_text("中止になったが メモは残す");
    a.send_esc();
    a.wait_for("? help", TIMEOUT).unwrap();
    a.send(b"m");
    a.wait_for("My schedule", TIMEOUT).unwrap();
    assert!(a.screen().contains("★"), "{}", a.dump());
    a.send(b"q");
    assert!(a.wait_exit(TIMEOUT).is_some_and(|s| s.success()));

    let conf = data.join("conferences/mini2026");
    let stars = json(&conf.join("stars.json"));
    assert_eq!(stars["starred"].as_array().unwrap().len(), 2, "{stars}");
    assert!(conf.join("notes/aaaa-3.json").is_file());

    let (ok, out, err) = kaigi_cli(data, &["import", &format!("{FIXTURES}/mini-v2.json")]);
    assert!(ok, "{err}");
    assert!(out.contains("1 added, 1 moved, 1 removed (1 kept"), "{out}");
    assert!(out.contains("+ 追加された講演"), "{out}");
    assert!(out.contains("~ Kubernetes at Scale"), "{out}");
    assert!(
        out.contains("キャンセルされる講演 (removed from schedule; kept for its notes or star)"),
        "{out}"
    );

    let schedule = json(&conf.join("schedule.json"));
    let cancelled = schedule["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "aaaa-3")
        .expect("kept");
    assert_eq!(cancelled["removed"], true);
    let notes = json(&conf.join("notes/aaaa-3.json"));
    assert_eq!(notes["bullets"][0]["text"], "中止になったが メモは残す");

    let mut a = app(data);
    a.wait_for("(removed) キャンセル", TIMEOUT).unwrap();
    support::to_schedule(&mut a);
    a.send(b"j");
    a.wait_for("· removed from schedule", TIMEOUT).unwrap();
    a.wait_for("中止になったが メモは残す", TIMEOUT).unwrap();
    a.send(b"m");
    a.wait_for("My schedule", TIMEOUT).unwrap();
    a.wait_for("キャンセルされる講演", TIMEOUT).unwrap();
    a.send(keys::CTRL_Q);
    assert!(a.wait_exit(TIMEOUT).is_some());

    let (ok, out, _) = kaigi_cli(data, &["list"]);
    assert!(ok);
    assert!(
        out.contains("mini2026") && out.contains("Mini Cloud Day 2026"),
        "{out}"
    );
    assert!(out.contains("2026-12-10 – 2026-12-11"), "{out}");
}

#[test]
fn hostile_ids_stay_inside_the_data_dir_and_titles_cannot_drive_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (ok, _, err) = kaigi_cli(&data, &["import", &format!("{FIXTURES}/mini-v1.json")]);
    assert!(ok, "{err}");
    let mut a = app(&data);
    support::to_schedule(&mut a);
    a.send(b"/");
    a.type_text("evil");
    a.send(keys::ENTER);
    a.wait_for("Evil", TIMEOUT).unwrap();
    a.send(keys::ENTER);
    a.type_text("note");
    a.send(keys::CTRL_Q);
    assert!(a.wait_exit(TIMEOUT).is_some());
    let raw = String::from_utf8_lossy(&a.raw_output()).into_owned();
    assert!(
        !raw.contains("]0;pwned"),
        "the title's OSC sequence reached the terminal"
    );
    assert!(a.screen().is_empty() || !a.screen().contains("pwned"));
    // The session id "../../escape" became a plain file name inside the notes folder.
    let notes = data.join("conferences/mini2026/notes");
    let names: Vec<String> = std::fs::read_dir(&notes)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["_2e_2e_2f_2e_2e_2fescape.json"]);
    assert!(!dir.path().join("escape.json").exists());
}

#[test]
fn a_malformed_schedule_is_refused_with_its_location_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    let good = std::fs::read_to_string(format!("{FIXTURES}/mini-v1.json")).unwrap();
    std::fs::write(
        &bad,
        good.replace("\"duration\": \"00:40\"", "\"duration\": 40"),
    )
    .unwrap();
    let data = dir.path().join("data");
    let (ok, _, err) = kaigi_cli(&data, &["import", bad.to_str().unwrap()]);
    assert!(!ok);
    assert!(err.contains("bad.json"), "{err}");
    assert!(err.contains("duration"), "{err}");
    assert!(!data.join("conferences").exists(), "nothing written");
    let (ok, _, err) = kaigi_cli(&data, &["import", "/nonexistent/schedule.ics"]);
    assert!(!ok && err.contains("/nonexistent/schedule.ics"), "{err}");
}

/// A calendar `name`d as given (none: no `X-WR-CALNAME`) with one event on `day`.
fn calendar(name: Option<&str>, day: &str, title: &str) -> String {
    let head = name.map_or(String::new(), |n| format!("X-WR-CALNAME:{n}\r\n"));
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\n{head}BEGIN:VEVENT\r\nUID:{title}@x\r\n\
         DTSTART:{day}T010000Z\r\nDTEND:{day}T020000Z\r\nSUMMARY:{title}\r\nEND:VEVENT\r\n\
         END:VCALENDAR\r\n"
    )
}

#[test]
fn a_look_alike_never_replaces_another_conference_and_an_empty_file_imports_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    // Two unrelated calendars without a name, both saved as schedule.ics.
    std::fs::write(a.join("schedule.ics"), calendar(None, "20261203", "Talk A")).unwrap();
    std::fs::write(b.join("schedule.ics"), calendar(None, "20270301", "Talk B")).unwrap();
    let (ok, out, err) = kaigi_cli(&data, &["import", a.join("schedule.ics").to_str().unwrap()]);
    assert!(ok, "{err}");
    assert!(out.contains("as schedule\n"), "{out}");
    let (ok, out, err) = kaigi_cli(&data, &["import", b.join("schedule.ics").to_str().unwrap()]);
    assert!(ok, "{err}");
    assert!(
        out.contains("schedule is the id of \"schedule\" already: imported as schedule-2"),
        "{out}"
    );
    let (_, list, _) = kaigi_cli(&data, &["list"]);
    assert!(list.contains("schedule-2"), "{list}");
    // The same calendar again, from another folder (downloaded twice): the same conference.
    let c = dir.path().join("c");
    std::fs::create_dir_all(&c).unwrap();
    std::fs::copy(a.join("schedule.ics"), c.join("schedule.ics")).unwrap();
    let (ok, out, _) = kaigi_cli(&data, &["import", c.join("schedule.ics").to_str().unwrap()]);
    assert!(
        ok && out.contains("as schedule\n") && out.contains("0 added"),
        "{out}"
    );
    // A name with nothing ASCII in it gets an id from its first day.
    std::fs::write(
        a.join("jp.ics"),
        calendar(Some("テスト"), "20261205", "発表"),
    )
    .unwrap();
    let (ok, out, _) = kaigi_cli(&data, &["import", a.join("jp.ics").to_str().unwrap()]);
    assert!(ok && out.contains("as conference-2026-12-05"), "{out}");
    // Files that yield no sessions are errors, and leave nothing behind.
    let before = std::fs::read_dir(data.join("conferences")).unwrap().count();
    for (name, text) in [
        ("empty.xml", "<?xml version=\"1.0\"?><schedule></schedule>"),
        (
            "empty.ics",
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n",
        ),
        (
            "empty.json",
            "{\"schedule\": {\"conference\": {\"title\": \"X\", \"days\": []}}}",
        ),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let (ok, _, err) = kaigi_cli(&data, &["import", path.to_str().unwrap()]);
        assert!(!ok, "{name} imported");
        assert!(
            err.contains("no sessions in it: nothing was imported"),
            "{name}: {err}"
        );
    }
    assert_eq!(
        std::fs::read_dir(data.join("conferences")).unwrap().count(),
        before
    );
}

#[test]
fn refresh_keeps_the_zone_given_at_import_and_the_same_file_updates_its_conference() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("democon.json");
    std::fs::copy(format!("{FIXTURES}/pretalx-democon.json"), &file).unwrap();
    let path = file.to_str().unwrap();
    let (ok, out, err) = kaigi_cli(&data, &["import", path, "--tz", "Europe/Berlin"]);
    assert!(ok, "{err}");
    let id = out
        .split(" as ")
        .nth(1)
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .to_string();
    let (ok, out, err) = kaigi_cli(&data, &["refresh"]);
    assert!(ok, "{err}");
    assert!(out.contains("time zone Europe/Berlin"), "{out}");
    assert!(!out.contains("pass --tz"), "{out}");
    // The same file imported again (no --conference) updates that conference.
    let (ok, out, err) = kaigi_cli(&data, &["import", path, "--tz", "Europe/Berlin"]);
    assert!(ok, "{err}");
    assert!(out.contains(&format!("as {id}\n")), "{out}");
    let (_, list, _) = kaigi_cli(&data, &["list"]);
    assert_eq!(list.lines().count(), 2, "one conference: {list}");
}

/// From a trial: an image, a PDF or a workbook is named for what it is, not given advice about
/// text encodings; nothing is imported and the command fails.
#[test]
fn a_picture_or_a_workbook_is_named_for_what_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let cases: [(&str, &[u8], &str); 3] = [
        (
            "photo.png",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
            "an image, not a schedule",
        ),
        (
            "slides.pdf",
            b"%PDF-1.7\n%\xe2\xe3",
            "a PDF, not a schedule",
        ),
        (
            "timetable.xlsx",
            b"PK\x03\x04\x14\0\x06\0",
            "save the sheet as \"CSV UTF-8\"",
        ),
    ];
    for (name, bytes, says) in cases {
        let file = dir.path().join(name);
        std::fs::write(&file, bytes).unwrap();
        let (ok, _, err) = kaigi_cli(&data, &["import", file.to_str().unwrap()]);
        assert!(!ok, "{name}: {err}");
        assert!(
            err.contains(says) && !err.contains("Shift_JIS"),
            "{name}: {err}"
        );
    }
    let imported: Vec<_> = std::fs::read_dir(data.join("conferences"))
        .map(|d| d.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(
        !imported.iter().any(|n| ["photo", "slides", "timetable"]
            .iter()
            .any(|s| n.to_string_lossy().contains(s))),
        "{imported:?}"
    );
}
