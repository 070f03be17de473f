//! What happens around a running kaigi, with real processes and real files (issue 13): copies a
//! sync tool leaves beside the notes, another program writing the notes file while typing goes
//! on, `kaigi import` while the app is open, a schedule from a newer kaigi, crashes one after
//! another, a terminal that dies while the disk is full, a fallback folder someone else made
//! first, notices that must not vanish under typing, and text that must never drive the terminal.

use crate::support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use support::{TIMEOUT, kaigi, kaigi_with, keys};

/// 10:50 in Tokyo on the first day of the sample conference: `d1-1045-a` is selected.
const NOW: &str = "2026-12-03T10:50:00+09:00";
const SESSION: &str = "d1-1045-a";
const TITLE: &str = "Kinesis と Lambda";
const F12: &[u8] = b"\x1b[24~";

fn notes_dir(data: &Path) -> PathBuf {
    data.join("conferences/kumo-summit-2026/notes")
}

fn notes(data: &Path) -> PathBuf {
    notes_dir(data).join(format!("{SESSION}.json"))
}

fn schedule(data: &Path) -> PathBuf {
    data.join("conferences/kumo-summit-2026/schedule.json")
}

/// A notes file of the sample session holding one bullet per text.
fn notes_json(texts: &[&str]) -> String {
    let bullets: Vec<serde_json::Value> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            serde_json::json!({"id": i + 1, "text": t, "created": "2026-12-03T10:46:00+09:00"})
        })
        .collect();
    serde_json::json!({
        "version": 2, "conference": "kumo-summit-2026", "session": SESSION,
        "saved_at": "2026-12-03T10:47:00+09:00", "bullets": bullets
    })
    .to_string()
}

/// Runs kaigi's command line on `data`; (status, stdout, stderr).
fn cli(data: &Path, args: &[&str]) -> (std::process::ExitStatus, Vec<u8>, Vec<u8>) {
    let out = Command::new(support::bin())
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env("KAIGI_NOW", NOW)
        .output()
        .unwrap();
    (out.status, out.stdout, out.stderr)
}

/// A first run that types `text` into the sample session and quits, leaving it saved.
fn first_run(data: &Path, text: &str) {
    let mut app = kaigi(data, NOW);
    app.wait_for(TITLE, TIMEOUT).unwrap();
    support::open_notes(&mut app);
    app.type_text(text);
    app.send(keys::CTRL_Q);
    assert!(app.wait_exit(TIMEOUT).is_some_and(|s| s.success()));
}

/// Every file under `dir` as (path, bytes), sorted: a picture of a directory to compare.
fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.file_name().is_some_and(|n| n != "kaigi.lock") {
                out.push((p.clone(), std::fs::read(&p).unwrap_or_default()));
            }
        }
    }
    out.sort();
    out
}

// ----- 1. copies a sync tool leaves beside the notes ------------------------------------------

#[test]
fn sync_tool_copies_are_offered_to_merge_and_never_loaded() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    first_run(data, "最新のメモ");
    let copy = notes_dir(data).join(format!("{SESSION} (conflicted copy 2026-12-03).json"));
    let stale = notes_json(&["古いノート PC だけのメモ"]);
    std::fs::write(&copy, &stale).unwrap();

    let mut app = kaigi(data, NOW);
    app.wait_for("R: 1 copy of notes to merge", TIMEOUT)
        .unwrap();
    app.wait_for("最新のメモ", TIMEOUT).unwrap();
    assert!(!app.screen().contains("古いノート"), "{}", app.dump());
    support::to_schedule(&mut app);
    app.send(b"R");
    app.wait_for("Copies of notes", TIMEOUT).unwrap();
    app.wait_for("(conflicted copy 2026-12-03).json", TIMEOUT)
        .unwrap();
    app.send(keys::ENTER);
    app.wait_for("古いノート PC だけのメモ", TIMEOUT).unwrap();
    app.wait_for("From d1-1045-a (conflicted copy", TIMEOUT)
        .unwrap();
    // One undo step, both ways.
    app.send(keys::CTRL_Z);
    app.wait_gone("古いノート PC だけのメモ", TIMEOUT).unwrap();
    app.send(keys::CTRL_Y);
    app.wait_for("古いノート PC だけのメモ", TIMEOUT).unwrap();
    app.send(keys::CTRL_Q);
    assert!(app.wait_exit(TIMEOUT).is_some_and(|s| s.success()));
    let saved = std::fs::read_to_string(notes(data)).unwrap();
    assert!(
        saved.contains("最新のメモ") && saved.contains("古いノート"),
        "{saved}"
    );
    assert_eq!(
        std::fs::read_to_string(&copy).unwrap(),
        stale,
        "the copy is never touched"
    );
}

// ----- 2. another program writing the notes while typing goes on -----------------------------

/// Another process rewrites the notes file again and again while the attendee types: each time
/// with a marker of its own, waiting until kaigi has written the file before the next one. With a
/// slow disk (the window between kaigi's check and its rename is long) every marker must end in
/// the notes file, a conflict copy or the backup.
#[test]
fn every_outside_write_while_typing_ends_in_some_file() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    first_run(data, "start");
    let mut app = kaigi_with(data, NOW, &[("KAIGI_DEBUG_SLOW_DISK_MS", "120")]);
    app.wait_for(TITLE, TIMEOUT).unwrap();
    support::open_notes(&mut app);
    app.send(keys::END);

    let stop = Arc::new(AtomicBool::new(false));
    let path = notes(data);
    let hammer = {
        let stop = Arc::clone(&stop);
        let path = path.clone();
        std::thread::spawn(move || {
            let mut n = 0u32;
            let mut rng = 0x2545_f491u32;
            while !stop.load(Ordering::Relaxed) {
                let marker = format!("outside-{n}");
                let tmp = path.with_file_name(format!(".sync-{n}.tmp"));
                std::fs::write(&tmp, notes_json(&[&marker])).unwrap();
                std::fs::rename(&tmp, &path).unwrap();
                n += 1;
                // Wait for kaigi to write over it (then it must have kept ours), at random
                // moments so that some writes land inside kaigi's write.
                let deadline = Instant::now() + Duration::from_secs(3);
                while Instant::now() < deadline && !stop.load(Ordering::Relaxed) {
                    let now = std::fs::read_to_string(&path).unwrap_or_default();
                    if !now.contains(&format!("\"{marker}\"")) {
                        break;
                    }
                    std::thread::sleep(Duration::from_millis(2));
                }
                rng ^= rng << 13;
                rng ^= rng >> 17;
                rng ^= rng << 5;
                std::thread::sleep(Duration::from_millis(u64::from(rng % 400)));
            }
            n
        })
    };
    let typing_until = Instant::now() + Duration::from_secs(12);
    let mut typed = 0;
    while Instant::now() < typing_until {
        app.send_str(if typed % 2 == 0 { "あ" } else { "a" });
        typed += 1;
        std::thread::sleep(Duration::from_millis(25));
    }
    stop.store(true, Ordering::Relaxed);
    let writes = hammer.join().unwrap();
    app.send(keys::CTRL_Q);
    assert!(app.wait_exit(TIMEOUT).is_some_and(|s| s.success()));

    let everything: String = std::fs::read_dir(notes_dir(data))
        .unwrap()
        .flatten()
        .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
        .collect();
    let lost: Vec<u32> = (0..writes)
        .filter(|n| !everything.contains(&format!("\"outside-{n}\"")))
        .collect();
    assert!(writes >= 10, "only {writes} outside writes were made");
    assert!(
        lost.is_empty(),
        "{} of {writes} outside writes are in no file: {lost:?}",
        lost.len()
    );
}

// ----- 3. kaigi import while the app is open --------------------------------------------------

#[test]
fn an_import_while_the_app_runs_is_taken_in_and_nothing_overwrites_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let mut app = kaigi(data, NOW);
    app.wait_for(TITLE, TIMEOUT).unwrap();
    // The organisers publish an update: one talk added, the keynote dropped.
    let mut updated: serde_json::Value =
        serde_json::from_str(include_str!("../../assets/sample-conference.json")).unwrap();
    let sessions = updated["sessions"].as_array_mut().unwrap();
    let mut added = sessions[1].clone();
    added["id"] = "d1-1045-z".into();
    added["title"] = "追加されたセッション Imported Talk".into();
    added["room"] = "Room Z".into();
    sessions.push(added);
    sessions.retain(|s| s["id"] != "d1-keynote");
    let file = dir.path().join("update.json");
    std::fs::write(&file, updated.to_string()).unwrap();
    let (status, out, err) = cli(data, &["import", file.to_str().unwrap()]);
    assert!(status.success(), "{}", String::from_utf8_lossy(&err));
    assert!(String::from_utf8_lossy(&out).contains("1 added"));

    app.wait_for("Schedule changed on disk", TIMEOUT).unwrap();
    app.wait_for("追加された", TIMEOUT).unwrap();
    // The next change the app saves keeps the import.
    support::to_schedule(&mut app);
    app.send(b"n");
    app.type_text("ブース訪問");
    app.send(keys::ENTER);
    app.wait_for("ブース訪問", TIMEOUT).unwrap();
    std::thread::sleep(Duration::from_millis(500));
    let on_disk = std::fs::read_to_string(schedule(data)).unwrap();
    assert!(
        on_disk.contains("追加されたセッション"),
        "the import was written over"
    );
    assert!(
        on_disk.contains("ブース訪問"),
        "the ad-hoc session was not saved"
    );
    assert!(
        !on_disk.contains("\"d1-keynote\""),
        "the dropped keynote came back"
    );

    // Importing again while the app runs keeps the app's ad-hoc session.
    let (status, _, err) = cli(data, &["import", file.to_str().unwrap()]);
    assert!(status.success(), "{}", String::from_utf8_lossy(&err));
    std::thread::sleep(Duration::from_millis(2500));
    app.send_esc();
    app.send(keys::CTRL_Q);
    assert!(app.wait_exit(TIMEOUT).is_some_and(|s| s.success()));
    let on_disk = std::fs::read_to_string(schedule(data)).unwrap();
    assert!(on_disk.contains("追加されたセッション") && on_disk.contains("ブース訪問"));
}

// ----- 7. a schedule from a newer kaigi -------------------------------------------------------

#[test]
fn a_schedule_from_a_newer_kaigi_opens_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    first_run(data, "メモ");
    let mut file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schedule(data)).unwrap()).unwrap();
    file["version"] = 99.into();
    file["something_new"] = "from the future".into();
    std::fs::write(schedule(data), file.to_string()).unwrap();
    let before = tree(data);

    let mut app = kaigi(data, NOW);
    app.wait_for(
        "READ-ONLY (schedule from a newer kaigi, format 99)",
        TIMEOUT,
    )
    .unwrap();
    app.wait_for(TITLE, TIMEOUT).unwrap();
    support::open_notes(&mut app);
    app.type_text("x");
    app.wait_for("nothing can be changed", TIMEOUT).unwrap();
    app.send_esc();
    app.send(keys::CTRL_Q);
    assert!(app.wait_exit(TIMEOUT).is_some_and(|s| s.success()));
    assert_eq!(
        tree(data),
        before,
        "a read-only kaigi wrote in the data directory"
    );
}

// ----- 4. crashes one after another -----------------------------------------------------------

/// Types `text` into the sample session and crashes at once (the debug panic key), before the
/// notes could be saved.
fn crash_while_typing(data: &Path, text: &str) {
    let mut app = kaigi_with(data, NOW, &[("KAIGI_DEBUG_PANIC", "1")]);
    app.wait_for(TITLE, TIMEOUT).unwrap();
    support::open_notes(&mut app);
    app.send(keys::CTRL_END);
    app.type_text(text);
    app.wait_for(text, TIMEOUT).unwrap();
    app.send(F12);
    let status = app.wait_exit(TIMEOUT);
    assert!(status.is_some_and(|s| !s.success()));
}

#[test]
fn each_crash_keeps_its_own_recovery_and_restoring_keeps_what_was_typed_since() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    crash_while_typing(data, "一回目の未保存");
    crash_while_typing(data, "二回目の未保存");
    let recoveries: Vec<PathBuf> = std::fs::read_dir(notes_dir(data))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains(".recovery-"))
        .collect();
    assert_eq!(recoveries.len(), 2, "one file per crash: {recoveries:?}");

    let mut app = kaigi(data, NOW);
    app.wait_for("R restores notes kept after a crash", TIMEOUT)
        .unwrap();
    support::open_notes(&mut app);
    app.type_text("再起動後のメモ");
    app.send_esc();
    app.wait_for("┏ 1 Schedule", TIMEOUT).unwrap();
    for _ in 0..2 {
        app.send(b"R");
        app.wait_for("Copies of notes", TIMEOUT).unwrap();
        app.send(keys::ENTER);
        app.wait_for("Restored notes kept after a crash", TIMEOUT)
            .unwrap();
        app.send_esc();
        app.wait_for("┏ 1 Schedule", TIMEOUT).unwrap();
    }
    for text in ["再起動後のメモ", "一回目の未保存", "二回目の未保存"] {
        app.wait_for(text, TIMEOUT).unwrap();
    }
    app.send(keys::CTRL_Q);
    assert!(app.wait_exit(TIMEOUT).is_some_and(|s| s.success()));
    let saved = std::fs::read_to_string(notes(data)).unwrap();
    for text in ["再起動後のメモ", "一回目の未保存", "二回目の未保存"] {
        assert!(saved.contains(text), "{text} lost: {saved}");
    }
    assert!(
        recoveries.iter().all(|r| !r.exists()),
        "restored and saved: the files go"
    );
}

// ----- 9, 10. a dead terminal while the disk is full; the fallback folder --------------------

#[test]
fn a_dead_terminal_while_saves_fail_is_no_panic_and_the_notes_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut app = kaigi_with(&data, NOW, &[("KAIGI_DEBUG_DISK_FULL", "1")]);
    app.wait_for(TITLE, TIMEOUT).unwrap();
    support::open_notes(&mut app);
    app.type_text("端末が消える前のメモ");
    app.wait_for("NOT SAVED", TIMEOUT).unwrap();
    app.close_master();
    let status = app.wait_exit(TIMEOUT).expect("kaigi leaves");
    assert!(!status.success());
    assert_ne!(status.exit_code(), 101, "a panic");
    let kept: Vec<_> = std::fs::read_dir(data.join("unsaved"))
        .unwrap()
        .flatten()
        .collect();
    assert_eq!(kept.len(), 1);
    let text = std::fs::read_to_string(kept[0].path()).unwrap();
    assert!(text.contains("端末が消える前のメモ"), "{text}");
    assert!(std::fs::read_dir(data.join("crash")).is_err(), "no crash");
}

#[test]
fn the_fallback_folder_is_private_and_never_one_someone_else_made() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let tmp = dir.path().join("tmp");
    // Another user got there first with a folder anyone can write in.
    let trap = tmp.join("kaigi-unsaved");
    std::fs::create_dir_all(&trap).unwrap();
    std::fs::set_permissions(&trap, std::fs::Permissions::from_mode(0o777)).unwrap();
    std::fs::create_dir_all(&data).unwrap();
    // And the data directory's own fallback folder cannot be made.
    std::fs::write(data.join("unsaved"), b"not a folder").unwrap();

    let tmp_env = tmp.to_str().unwrap();
    let mut app = kaigi_with(
        &data,
        NOW,
        &[("KAIGI_DEBUG_DISK_FULL", "1"), ("TMPDIR", tmp_env)],
    );
    app.wait_for(TITLE, TIMEOUT).unwrap();
    support::open_notes(&mut app);
    app.type_text("避難先のメモ");
    app.wait_for("NOT SAVED", TIMEOUT).unwrap();
    app.send(keys::CTRL_Q);
    app.wait_for("Quit again", TIMEOUT).unwrap();
    app.send(keys::CTRL_Q);
    assert!(app.wait_exit(TIMEOUT).is_some_and(|s| !s.success()));
    assert_eq!(
        std::fs::read_dir(&trap).unwrap().count(),
        0,
        "written into the trap"
    );
    let private: Vec<PathBuf> = std::fs::read_dir(&tmp)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p != &trap)
        .collect();
    assert_eq!(private.len(), 1, "{private:?}");
    let mode = std::fs::metadata(&private[0]).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o700, "{mode:o}");
    let file = std::fs::read_dir(&private[0])
        .unwrap()
        .flatten()
        .next()
        .unwrap();
    assert!(
        std::fs::read_to_string(file.path())
            .unwrap()
            .contains("避難先のメモ")
    );
}

// ----- 11. notices that matter stay -----------------------------------------------------------

#[test]
fn a_conflict_notice_stays_while_typing_goes_on_and_is_in_the_log() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    first_run(data, "ours");
    let mut app = kaigi(data, NOW);
    app.wait_for(TITLE, TIMEOUT).unwrap();
    support::open_notes(&mut app);
    app.send(keys::END);
    // Keep typing so that nothing is ever idle; the file changes under it.
    app.send_str("x");
    std::fs::write(notes(data), notes_json(&["theirs"])).unwrap();
    let notice = "changed outside kaigi too";
    let deadline = Instant::now() + TIMEOUT;
    while !app.screen().contains(notice) {
        assert!(Instant::now() < deadline, "{}", app.dump());
        app.send_str("x");
        std::thread::sleep(Duration::from_millis(50));
    }
    // Five more seconds of typing: the notice is on screen at every look.
    let until = Instant::now() + Duration::from_secs(5);
    let mut looks = 0;
    while Instant::now() < until {
        app.send_str("y");
        std::thread::sleep(Duration::from_millis(40));
        assert!(
            app.screen().contains(notice),
            "gone after {looks} looks\n{}",
            app.dump()
        );
        looks += 1;
    }
    app.send_esc();
    app.wait_for("┏ 1 Schedule", TIMEOUT).unwrap();
    app.send(b"L");
    app.wait_for(" Messages ", TIMEOUT).unwrap();
    app.wait_for("yours saved, theirs kept as", TIMEOUT)
        .unwrap();
    app.send(b"q");
    app.wait_gone(" Messages ", TIMEOUT).unwrap();
    app.send(keys::CTRL_Q);
    assert!(app.wait_exit(TIMEOUT).is_some_and(|s| s.success()));
}

// ----- 6. read-only writes nothing ------------------------------------------------------------

#[test]
fn a_read_only_kaigi_writes_nothing_in_the_data_directory() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut first = kaigi(&data, NOW);
    first.wait_for(TITLE, TIMEOUT).unwrap();
    // Notes the second one can export.
    support::open_notes(&mut first);
    first.type_text("読むだけのメモ");
    first.send_esc();
    first.wait_for("saved", TIMEOUT).unwrap();
    // A corrupt notes file the first kaigi has not read (it arrived after it started).
    std::fs::write(notes_dir(&data).join("d1-keynote.json"), b"{ not json").ok();
    std::fs::create_dir_all(notes_dir(&data)).unwrap();
    std::fs::write(notes_dir(&data).join("d1-keynote.json"), b"{ not json").unwrap();
    let before = tree(&data);

    let mut second = kaigi(&data, NOW);
    second
        .wait_for("READ-ONLY (another kaigi is open)", TIMEOUT)
        .unwrap();
    second.wait_for(TITLE, TIMEOUT).unwrap();
    // Export into the data directory: refused. Export elsewhere: written.
    let inside = data.join("exports/day.md");
    let outside = dir.path().join("day.md");
    for path in [&inside, &outside] {
        second.send(b"e");
        second.wait_for("Export to: ", TIMEOUT).unwrap();
        second.send(keys::CTRL_U);
        second.type_text(path.to_str().unwrap());
        second.send(keys::ENTER);
        second.wait_gone("Export to: ", TIMEOUT).unwrap();
    }
    second.wait_for("Exported to", TIMEOUT).unwrap();
    second.send(b"L");
    second
        .wait_for("not written, another kaigi", TIMEOUT)
        .unwrap();
    second.send(b"q");
    second.send(keys::CTRL_Q);
    assert!(second.wait_exit(TIMEOUT).is_some_and(|s| s.success()));
    assert!(!inside.exists());
    assert!(
        std::fs::read_to_string(&outside)
            .unwrap()
            .contains("Kumo Summit")
    );
    assert_eq!(
        tree(&data),
        before,
        "the read-only kaigi wrote in the data directory"
    );
    first.send(keys::CTRL_Q);
    assert!(first.wait_exit(TIMEOUT).is_some_and(|s| s.success()));
}

// ----- 8. text from files never drives the terminal -------------------------------------------

#[test]
fn import_list_and_export_print_no_escape_sequences_or_bidi_controls() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let osc52 = "\u{1b}]52;c;cHduZWQ=\u{7}";
    let clear = "\u{1b}[2J";
    let title = "\u{1b}]0;pwned\u{7}";
    let rlo = "\u{202e}";
    let hostile = serde_json::json!({
        "version": 1,
        "id": format!("conf{osc52}"),
        "name": format!("Name{clear}{rlo}evil"),
        "time_zone": "Asia/Tokyo",
        "rooms": [format!("Room{title}")],
        "sessions": [{
            "id": format!("s{osc52}1"),
            "title": format!("Talk{clear}{rlo}txt.exe"),
            "start": "2026-12-03T10:00:00+09:00",
            "end": "2026-12-03T10:40:00+09:00",
            "room": format!("Room{title}"),
            "speakers": [format!("Speaker{rlo}")]
        }]
    });
    let file = dir.path().join("hostile.json");
    std::fs::write(&file, hostile.to_string()).unwrap();
    let mut output = Vec::new();
    for args in [
        vec!["import", file.to_str().unwrap()],
        vec!["import", file.to_str().unwrap()],
        vec!["list"],
    ] {
        let (status, out, err) = cli(&data, &args);
        assert!(
            status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&err)
        );
        output.extend(out);
        output.extend(err);
    }
    // Its export has no notes: an error, which quotes the conference's name.
    let (status, out, err) = cli(&data, &["export", "--all"]);
    assert!(!status.success());
    output.extend(out);
    output.extend(err);
    // A broken file whose error message quotes it.
    let broken = dir.path().join("broken.ics");
    std::fs::write(
        &broken,
        format!("BEGIN:VCALENDAR\r\nBEGIN:{osc52}{rlo}\r\n"),
    )
    .unwrap();
    let (status, out, err) = cli(&data, &["import", broken.to_str().unwrap()]);
    assert!(!status.success());
    output.extend(out);
    output.extend(err);
    let text = String::from_utf8_lossy(&output);
    assert!(text.contains("Talk"), "{text}");
    assert!(
        !output.contains(&0x1b),
        "an escape reached the terminal: {text:?}"
    );
    assert!(
        !output.contains(&0x07),
        "a BEL reached the terminal: {text:?}"
    );
    assert!(
        !text.contains(rlo),
        "a bidi control reached the terminal: {text:?}"
    );
}

// ----- 12. small ones -------------------------------------------------------------------------

#[test]
fn a_data_directory_that_is_a_file_gets_one_clear_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kaigi-data");
    std::fs::write(&file, b"oops").unwrap();
    let (status, _, err) = cli(&file, &["list"]);
    let err = String::from_utf8_lossy(&err);
    assert!(!status.success());
    assert!(err.contains("is a file, not a folder"), "{err}");
    assert!(!err.contains("os error"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn a_byte_order_mark_before_a_schedule_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // frab/pretalx JSON and kaigi's own schedule JSON.
    for fixture in [
        "tests/fixtures/pretalx-democon.json",
        "assets/sample-conference.json",
    ] {
        let mut bytes = b"\xef\xbb\xbf".to_vec();
        bytes.extend(std::fs::read(format!("{}/{fixture}", env!("CARGO_MANIFEST_DIR"))).unwrap());
        let file = dir.path().join(fixture.rsplit('/').next().unwrap());
        std::fs::write(&file, bytes).unwrap();
        let (status, out, err) = cli(&data, &["import", file.to_str().unwrap()]);
        assert!(
            status.success(),
            "{fixture}: {}{}",
            String::from_utf8_lossy(&out),
            String::from_utf8_lossy(&err)
        );
    }
}

// ----- from a user trial of the above ---------------------------------------------------------

/// Notes that went to `unsaved/` when the disk was full are offered back at the next start.
#[test]
fn notes_kept_in_unsaved_are_offered_back_at_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut app = kaigi_with(&data, NOW, &[("KAIGI_DEBUG_DISK_FULL", "1")]);
    app.wait_for(TITLE, TIMEOUT).unwrap();
    support::open_notes(&mut app);
    app.type_text("満杯で保存できなかったメモ");
    app.wait_for("NOT SAVED", TIMEOUT).unwrap();
    app.send(keys::CTRL_Q);
    app.wait_for("Quit again", TIMEOUT).unwrap();
    app.send(keys::CTRL_Q);
    assert!(app.wait_exit(TIMEOUT).is_some_and(|s| !s.success()));
    assert_eq!(std::fs::read_dir(data.join("unsaved")).unwrap().count(), 1);

    let mut app = kaigi(&data, NOW);
    app.wait_for("R restores notes that could not be saved", TIMEOUT)
        .unwrap();
    support::to_schedule(&mut app);
    app.send(b"R");
    app.wait_for("kept in unsaved/", TIMEOUT).unwrap();
    app.send(keys::ENTER);
    app.wait_for("満杯で保存できなかったメモ", TIMEOUT).unwrap();
    app.send(keys::CTRL_Q);
    assert!(app.wait_exit(TIMEOUT).is_some_and(|s| s.success()));
    let saved = std::fs::read_to_string(notes(&data)).unwrap();
    assert!(saved.contains("満杯で保存できなかったメモ"), "{saved}");
    assert_eq!(
        std::fs::read_dir(data.join("unsaved")).unwrap().count(),
        0,
        "restored and saved: the fallback file goes"
    );
}

/// A read-only kaigi shows what the other one saves, and may write once the other one quits.
#[test]
fn a_read_only_kaigi_follows_the_other_and_takes_over_when_it_quits() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut first = kaigi(&data, NOW);
    first.wait_for(TITLE, TIMEOUT).unwrap();
    let mut second = kaigi(&data, NOW);
    second
        .wait_for("READ-ONLY (another kaigi is open)", TIMEOUT)
        .unwrap();
    support::open_notes(&mut first);
    first.type_text("一台目で書いたメモ");
    // The second one shows it within its look at the disk (every 2 s).
    second.wait_for("一台目で書いたメモ", TIMEOUT).unwrap();
    first.send(keys::CTRL_Q);
    assert!(first.wait_exit(TIMEOUT).is_some_and(|s| s.success()));
    second
        .wait_for("The other kaigi has closed: you can write now", TIMEOUT)
        .unwrap();
    support::open_notes(&mut second);
    second.send(keys::CTRL_END);
    second.type_text("、二台目で追記");
    second.send(keys::CTRL_Q);
    assert!(second.wait_exit(TIMEOUT).is_some_and(|s| s.success()));
    let saved = std::fs::read_to_string(notes(&data)).unwrap();
    assert!(
        saved.contains("一台目で書いたメモ、二台目で追記"),
        "{saved}"
    );
}

/// A notes file deleted while kaigi runs (by hand, by a sync tool) is written again from the
/// notes on screen, and kaigi says so.
#[test]
fn a_notes_file_deleted_while_kaigi_runs_is_written_again() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let mut app = kaigi(data, NOW);
    support::open_notes(&mut app);
    app.type_text("消されたくないメモ");
    app.wait_for("saved", TIMEOUT).unwrap();
    std::thread::sleep(Duration::from_millis(400));
    std::fs::remove_file(notes(data)).unwrap();
    app.wait_for("was deleted outside kaigi", TIMEOUT).unwrap();
    let deadline = Instant::now() + TIMEOUT;
    while !notes(data).exists() {
        assert!(Instant::now() < deadline, "not written again");
        std::thread::sleep(Duration::from_millis(20));
    }
    app.send(keys::CTRL_Q);
    assert!(app.wait_exit(TIMEOUT).is_some_and(|s| s.success()));
    let saved = std::fs::read_to_string(notes(data)).unwrap();
    assert!(saved.contains("消されたくないメモ"), "{saved}");
}
