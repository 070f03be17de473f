//! The disk misbehaving under the real binary (debug builds let a test make every write fail or
//! every fsync crawl), and a notes file edited outside kaigi while it runs.

use crate::support;

use std::path::Path;
use std::time::{Duration, Instant};

use support::{Pty, TIMEOUT, keys};

const NOW: &str = "2026-12-03T10:50:00+09:00";

fn kaigi(data: &Path, env: &[(&str, &str)]) -> Pty {
    support::kaigi_with(data, NOW, env)
}

fn notes(data: &Path) -> std::path::PathBuf {
    data.join("conferences/kumo-summit-2026/notes/d1-1045-a.json")
}

#[test]
fn a_full_disk_shows_not_saved_asks_before_quitting_and_keeps_the_notes_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    // A first run leaves a good file behind.
    let mut app = kaigi(data, &[]);
    support::open_notes(&mut app);
    app.type_text("before");
    app.send(keys::CTRL_Q);
    assert!(app.wait_exit(TIMEOUT).is_some_and(|s| s.success()));
    let good = std::fs::read(notes(data)).unwrap();

    let mut app = kaigi(data, &[("KAIGI_DEBUG_DISK_FULL", "1")]);
    support::open_notes(&mut app);
    app.send(keys::END);
    app.type_text(" 満杯");
    app.wait_for("NOT SAVED", TIMEOUT).unwrap();
    assert_eq!(
        std::fs::read(notes(data)).unwrap(),
        good,
        "the old file is untouched"
    );
    app.send(keys::CTRL_Q);
    app.wait_for("Quit again to leave", TIMEOUT).unwrap();
    assert!(app.exited().is_none(), "the first quit only warns");
    app.send(keys::CTRL_Q);
    let status = app.wait_exit(TIMEOUT).expect("the second quit leaves");
    assert!(
        !status.success(),
        "the exit status says notes were not saved"
    );
    let screen = app.screen();
    assert!(
        screen.contains("before 満杯"),
        "the notes are printed: {screen}"
    );
    let unsaved = data.join("unsaved");
    let kept: Vec<_> = std::fs::read_dir(&unsaved).unwrap().flatten().collect();
    assert_eq!(kept.len(), 1, "one fallback file");
    let text = std::fs::read_to_string(kept[0].path()).unwrap();
    assert!(text.contains("before 満杯"), "{text}");
    assert_eq!(std::fs::read(notes(data)).unwrap(), good, "still untouched");
}

#[test]
fn a_slow_disk_does_not_slow_typing() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = kaigi(dir.path(), &[("KAIGI_DEBUG_SLOW_DISK_MS", "5000")]);
    support::open_notes(&mut app);
    app.type_text("first");
    // A save is now stuck in a 5 s fsync; typing must still echo at once.
    std::thread::sleep(Duration::from_millis(800));
    let start = Instant::now();
    app.send_str("続き");
    app.wait_for("first続き", TIMEOUT).unwrap();
    let echo = start.elapsed();
    assert!(
        echo < Duration::from_secs(2),
        "typing waited for the disk: {echo:?}"
    );
    app.send(keys::CTRL_Q);
    assert!(
        app.wait_exit(Duration::from_secs(20))
            .is_some_and(|s| s.success())
    );
    let json = std::fs::read_to_string(notes(dir.path())).unwrap();
    assert!(json.contains("first続き"), "{json}");
}

#[test]
fn notes_changed_outside_kaigi_are_reloaded_when_nothing_is_unsaved() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let mut app = kaigi(data, &[]);
    support::open_notes(&mut app);
    app.type_text("ours");
    app.send_esc();
    app.wait_for("saved", TIMEOUT).unwrap();
    // Another laptop, through a synced folder, rewrites the file.
    let path = notes(data);
    let theirs = std::fs::read_to_string(&path)
        .unwrap()
        .replace("\"ours\"", "\"theirs from the laptop\"");
    std::fs::write(&path, theirs).unwrap();
    app.wait_for("Notes changed outside kaigi, reloaded", TIMEOUT)
        .unwrap();
    app.wait_for("theirs from the laptop", TIMEOUT).unwrap();
    // "ours" was typed in this launch and is not in theirs: it is kept in a file of its own.
    let copies = support::on_disk(|| conflict_copies(data));
    assert_eq!(copies.len(), 1, "{copies:?}");
    let copy = std::fs::read_to_string(&copies[0]).unwrap();
    assert!(copy.contains("\"ours\""), "{copy}");
    let json = std::fs::read_to_string(&path).unwrap();
    assert!(
        json.contains("theirs from the laptop"),
        "kaigi did not write over it: {json}"
    );
    // And the reload is one undo step: Ctrl-Z in the notes brings ours back.
    support::open_notes(&mut app);
    app.send(keys::CTRL_Z);
    app.wait_gone("theirs from the laptop", TIMEOUT).unwrap();
    app.wait_for("• ours", TIMEOUT).unwrap();
    app.send(keys::CTRL_Q);
    assert!(app.wait_exit(TIMEOUT).is_some_and(|s| s.success()));
    let json = std::fs::read_to_string(&path).unwrap();
    assert!(json.contains("\"ours\""), "the undo was saved: {json}");
    // Theirs, replaced by the undo, is kept as a conflict copy too.
    let kept: String = conflict_copies(data)
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    assert!(
        kept.contains("theirs from the laptop"),
        "theirs is in no file: {kept}"
    );
}

/// The conflict copies beside the sample session's notes.
fn conflict_copies(data: &Path) -> Vec<std::path::PathBuf> {
    let dir = notes(data).parent().unwrap().to_path_buf();
    let mut found: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains(".conflict-"))
        .collect();
    found.sort();
    found
}

/// Unmounts the tiny file system however the test ends.
struct Mount(std::path::PathBuf);

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_real_full_file_system_is_survived_and_saving_resumes_when_space_returns() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("tiny");
    std::fs::create_dir_all(&data).unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=256k", "tmpfs"])
        .arg(&data)
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("skipped: this machine does not allow mounting a tmpfs (needs root)");
        return;
    }
    let _mount = Mount(data.clone());
    let mut app = kaigi(&data, &[]);
    support::open_notes(&mut app);
    app.type_text("first");
    // On disk, not only "saved" on screen: that shows before the first key is read, too.
    let saved = support::on_disk(|| {
        std::fs::read_to_string(notes(&data)).is_ok_and(|t| t.contains("\"first\""))
    });
    assert!(saved, "{}", app.dump());
    // Fill the file system to the last byte.
    let filler = data.join("filler");
    let mut f = std::fs::File::create(&filler).unwrap();
    let block = vec![0u8; 4096];
    while std::io::Write::write_all(&mut f, &block).is_ok() {}
    let _ = std::io::Write::write_all(&mut f, &[0]);
    drop(f);
    app.paste(" 続き".repeat(400).as_str());
    app.wait_for("NOT SAVED", TIMEOUT).unwrap();
    let on_disk = std::fs::read_to_string(notes(&data)).unwrap();
    assert!(
        on_disk.contains("\"first\""),
        "the old file is intact: {on_disk}"
    );
    std::fs::remove_file(&filler).unwrap();
    // The retry (every 2 s) now succeeds.
    app.wait_gone("NOT SAVED", Duration::from_secs(10)).unwrap();
    app.send(keys::CTRL_Q);
    let status = app.wait_exit(TIMEOUT);
    assert!(
        status.as_ref().is_some_and(|s| s.success()),
        "{status:?} {}",
        app.dump()
    );
    let on_disk = std::fs::read_to_string(notes(&data)).unwrap();
    assert!(on_disk.contains(&" 続き".repeat(400)), "every char saved");
}
