//! The saver's guards against losing someone else's notes: a `.bak` of each file before this
//! launch first writes it, a conflict copy of a file changed elsewhere (a sync tool, another
//! laptop), and a refusal to write over a file from a newer kaigi.

use std::collections::HashMap;
use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use kaigi::model::outline::Outline;
use kaigi::model::outline::file::{NotesFile, SessionMeta};
use kaigi::storage::saver::{Contents, Job, Outcome, Saver};
use kaigi::storage::{Fault, Faults, Io, Op, Store};

const CONF: &str = "kumo-summit-2026";

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-12-03T10:50:00+09:00").unwrap()
}

fn notes(session: &str, lines: &[&str]) -> NotesFile {
    let mut o = Outline::new(now());
    let bullets = lines
        .iter()
        .map(|t| o.new_bullet(0, t.to_string(), now()))
        .collect();
    let o = Outline::from_bullets(bullets, now());
    NotesFile::new(CONF, session, &o, &SessionMeta::default(), now())
}

fn json(file: &NotesFile) -> Vec<u8> {
    serde_json::to_vec_pretty(file).unwrap()
}

/// A store whose session `s` has notes `lines` on disk.
fn store_with(lines: &[&str]) -> (tempfile::TempDir, Store, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(Some(dir.path().to_path_buf())).unwrap();
    let path = store.notes_path(CONF, "s");
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, json(&notes("s", lines))).unwrap();
    (dir, store, path)
}

fn save(saver: &mut Saver, path: &Path, file: NotesFile) -> Outcome {
    saver.send(Job::write(path.to_path_buf(), Contents::Notes(file)));
    let mut got = saver.wait_idle();
    assert_eq!(got.len(), 1);
    got.remove(0)
}

fn texts(path: &Path) -> Vec<String> {
    let file: NotesFile = serde_json::from_slice(&fs::read(path).unwrap()).unwrap();
    file.bullets.into_iter().map(|b| b.text).collect()
}

fn names(dir: &Path) -> Vec<String> {
    let mut n: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    n.sort();
    n
}

#[test]
fn the_first_overwrite_in_a_launch_keeps_a_bak_and_later_ones_do_not() {
    let (_dir, store, path) = store_with(&["before the launch"]);
    let before = fs::read(&path).unwrap();
    let loaded = store.load_notes(CONF, now());
    let mut saver = Saver::spawn_with(Io::real(), loaded.seen);
    assert!(save(&mut saver, &path, notes("s", &["one"])).result.is_ok());
    let bak = path.with_file_name("s.json.bak");
    assert_eq!(fs::read(&bak).unwrap(), before);
    assert!(save(&mut saver, &path, notes("s", &["two"])).result.is_ok());
    assert_eq!(texts(&path), ["two"]);
    assert_eq!(fs::read(&bak).unwrap(), before, "once per launch");

    // A second saver in the same process is the same launch.
    let mut again = Saver::spawn_with(Io::real(), HashMap::new());
    again.expect(path.clone(), Store::stamp(&path).unwrap());
    assert!(
        save(&mut again, &path, notes("s", &["three"]))
            .result
            .is_ok()
    );
    assert_eq!(fs::read(&bak).unwrap(), before);
}

#[test]
fn a_file_new_in_this_launch_gets_no_bak() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(Some(dir.path().to_path_buf())).unwrap();
    let path = store.notes_path(CONF, "new");
    let mut saver = Saver::spawn_with(Io::real(), HashMap::new());
    assert!(save(&mut saver, &path, notes("new", &["a"])).result.is_ok());
    assert!(save(&mut saver, &path, notes("new", &["b"])).result.is_ok());
    assert_eq!(names(path.parent().unwrap()), ["new.json"]);
}

#[test]
fn a_file_changed_elsewhere_is_kept_as_a_conflict_copy_beside_ours() {
    let (_dir, store, path) = store_with(&["mine, as loaded"]);
    let loaded = store.load_notes(CONF, now());
    let mut saver = Saver::spawn_with(Io::real(), loaded.seen);
    // Another laptop's edit arrives through the sync folder.
    let theirs = json(&notes("s", &["theirs, from the other laptop"]));
    fs::write(&path, &theirs).unwrap();
    assert_eq!(saver.changed_on_disk(), std::slice::from_ref(&path));

    let outcome = save(&mut saver, &path, notes("s", &["ours, typed here"]));
    assert!(outcome.result.is_ok(), "{:?}", outcome.result);
    let copy = outcome.conflicts[0].clone();
    assert_eq!(fs::read(&copy).unwrap(), theirs);
    assert_eq!(texts(&path), ["ours, typed here"]);
    let name = copy.file_name().unwrap().to_str().unwrap();
    assert!(
        name.starts_with("s.conflict-") && name.ends_with(".json"),
        "{name}"
    );
    let time = &name["s.conflict-".len()..name.len() - ".json".len()];
    assert!(chrono::NaiveDateTime::parse_from_str(time, "%Y%m%dT%H%M%S").is_ok());
    assert_eq!(copy.parent(), path.parent());
    assert!(saver.changed_on_disk().is_empty());

    // The copy is not taken for the session's notes.
    let reloaded = store.load_notes(CONF, now());
    assert_eq!(reloaded.outlines["s"].bullets()[0].text, "ours, typed here");
    assert!(reloaded.problems.is_empty(), "{:?}", reloaded.problems);
    assert!(copy.exists());
}

#[test]
fn an_unchanged_file_is_written_without_a_conflict_copy() {
    let (_dir, store, path) = store_with(&["mine"]);
    let loaded = store.load_notes(CONF, now());
    let mut saver = Saver::spawn_with(Io::real(), loaded.seen);
    for text in ["ours 1", "ours 2"] {
        let outcome = save(&mut saver, &path, notes("s", &[text]));
        assert!(outcome.result.is_ok());
        assert!(outcome.conflicts.is_empty());
    }
    assert_eq!(names(path.parent().unwrap()), ["s.json", "s.json.bak"]);
    assert_eq!(texts(&path), ["ours 2"]);
}

#[test]
fn a_notes_file_that_appeared_since_loading_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(Some(dir.path().to_path_buf())).unwrap();
    let loaded = store.load_notes(CONF, now());
    let mut saver = Saver::spawn_with(Io::real(), loaded.seen);
    let path = store.notes_path(CONF, "s");
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let theirs = json(&notes("s", &["synced in after we loaded"]));
    fs::write(&path, &theirs).unwrap();
    let outcome = save(&mut saver, &path, notes("s", &["ours"]));
    assert_eq!(fs::read(&outcome.conflicts[0]).unwrap(), theirs);
    assert_eq!(texts(&path), ["ours"]);
}

#[test]
fn conflict_copies_never_overwrite_each_other() {
    let (_dir, store, path) = store_with(&["mine"]);
    let loaded = store.load_notes(CONF, now());
    let mut saver = Saver::spawn_with(Io::real(), loaded.seen);
    let mut copies = Vec::new();
    for n in 0..3 {
        let theirs = json(&notes("s", &[&format!("theirs {n}")]));
        fs::write(&path, &theirs).unwrap();
        let outcome = save(&mut saver, &path, notes("s", &[&format!("ours {n}")]));
        let copy = outcome.conflicts[0].clone();
        assert_eq!(fs::read(&copy).unwrap(), theirs);
        copies.push(copy);
    }
    for (n, copy) in copies.iter().enumerate() {
        assert_eq!(texts(copy), [format!("theirs {n}")]);
    }
}

#[test]
fn a_failed_write_after_a_conflict_copy_does_not_copy_again_on_retry() {
    let (_dir, store, path) = store_with(&["mine"]);
    let loaded = store.load_notes(CONF, now());
    let faults = Faults::new();
    faults.add(Fault::fail(Op::Rename, 1, ErrorKind::StorageFull).on(&path));
    let mut saver = Saver::spawn_with(Io::with_faults(faults), loaded.seen);
    let theirs = json(&notes("s", &["theirs"]));
    fs::write(&path, &theirs).unwrap();

    let failed = save(&mut saver, &path, notes("s", &["ours"]));
    assert!(failed.result.is_err());
    let copy = failed.conflicts.first().cloned();
    let copy = copy.expect("theirs kept before our write was tried");
    assert_eq!(
        fs::read(&path).unwrap(),
        theirs,
        "not overwritten by a failed write"
    );

    let retried = save(&mut saver, &path, notes("s", &["ours"]));
    assert!(retried.result.is_ok());
    assert!(retried.conflicts.is_empty());
    assert_eq!(texts(&path), ["ours"]);
    let conflicts = names(path.parent().unwrap())
        .into_iter()
        .filter(|n| n.contains(".conflict-"))
        .count();
    assert_eq!(conflicts, 1);
    assert_eq!(fs::read(copy).unwrap(), theirs);
}

#[test]
fn changed_on_disk_ignores_a_touch_and_sees_an_edit_and_a_removal() {
    let (_dir, store, path) = store_with(&["mine"]);
    let loaded = store.load_notes(CONF, now());
    let mut saver = Saver::spawn_with(Io::real(), loaded.seen);
    assert!(
        save(&mut saver, &path, notes("s", &["ours"]))
            .result
            .is_ok()
    );
    assert!(saver.changed_on_disk().is_empty());

    let same = fs::read(&path).unwrap();
    fs::write(&path, &same).unwrap();
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(3);
    let f = fs::File::options().write(true).open(&path).unwrap();
    f.set_modified(later).unwrap();
    assert!(saver.changed_on_disk().is_empty(), "same bytes, new time");
    assert_eq!(saver.stamp(&path).unwrap().modified, Some(later));

    fs::write(&path, json(&notes("s", &["edited in an editor"]))).unwrap();
    assert_eq!(saver.changed_on_disk(), std::slice::from_ref(&path));
    // The app reads it again and tells the saver.
    let (file, stamp) = store.read_notes_file(&path).unwrap();
    assert_eq!(file.bullets[0].text, "edited in an editor");
    saver.expect(path.clone(), stamp);
    assert!(saver.changed_on_disk().is_empty());

    fs::remove_file(&path).unwrap();
    assert_eq!(saver.changed_on_disk(), [path]);
}

#[test]
fn a_file_from_a_newer_kaigi_is_never_written_over() {
    let (dir, store, path) = store_with(&["mine"]);
    let newer = br#"{"version":3,"session":"s","future":{"bullets":"elsewhere"}}"#;
    fs::write(&path, newer).unwrap();
    let loaded = store.load_notes(CONF, now());
    assert_eq!(loaded.too_new, std::slice::from_ref(&path));
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert!(!loaded.outlines.contains_key("s"));
    assert!(!dir.path().join("quarantine").exists(), "not quarantined");

    let mut saver = Saver::spawn_with(Io::real(), loaded.seen);
    let outcome = save(&mut saver, &path, notes("s", &["ours"]));
    assert_eq!(outcome.too_new, Some(3));
    let err = outcome.result.unwrap_err();
    assert!(err.contains("newer kaigi"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), newer);
    assert_eq!(names(path.parent().unwrap()), ["s.json"], "no bak, no copy");

    // The same for any file the saver writes, such as a schedule.
    let schedule = store.conference_dir(CONF).join("schedule.json");
    fs::write(&schedule, br#"{"version":99}"#).unwrap();
    saver.send(Job::write(
        schedule.clone(),
        Contents::Bytes(br#"{"version":1,"id":"x"}"#.to_vec()),
    ));
    assert_eq!(saver.wait_idle()[0].too_new, Some(99));
    assert_eq!(fs::read(&schedule).unwrap(), br#"{"version":99}"#);
}

#[test]
fn without_stamps_the_saver_takes_what_it_finds_as_its_own() {
    let (_dir, _store, path) = store_with(&["written before this saver"]);
    let mut saver = Saver::spawn();
    let outcome = save(&mut saver, &path, notes("s", &["ours"]));
    assert!(outcome.result.is_ok());
    assert!(outcome.conflicts.is_empty());
    assert_eq!(texts(&path), ["ours"]);
}

/// Issue 13.2: a write by another program that lands between the saver's look at the file and
/// its rename used to be replaced without a trace. The rename is made slow here (the window a
/// slow fsync opens in real use) and another thread writes the file inside it.
#[test]
fn a_write_landing_during_our_rename_is_kept_as_a_conflict_copy() {
    let (_dir, store, path) = store_with(&["mine, as loaded"]);
    let loaded = store.load_notes(CONF, now());
    let faults = Faults::new();
    faults.add(Fault::slow(Op::Rename, 1, std::time::Duration::from_millis(300)).on(&path));
    let mut saver = Saver::spawn_with(Io::with_faults(faults), loaded.seen);
    let theirs = json(&notes(
        "s",
        &["theirs, written while ours was being renamed"],
    ));
    let writer = {
        let (path, theirs) = (path.clone(), theirs.clone());
        std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(100));
            // As a sync tool writes: a new file renamed into place.
            let tmp = path.with_file_name("sync-tool.tmp");
            fs::write(&tmp, &theirs).unwrap();
            fs::rename(&tmp, &path).unwrap();
        })
    };
    let outcome = save(&mut saver, &path, notes("s", &["ours, typed here"]));
    writer.join().unwrap();
    assert!(outcome.result.is_ok(), "{:?}", outcome.result);
    assert_eq!(texts(&path), ["ours, typed here"]);
    assert_eq!(
        outcome.conflicts.len(),
        1,
        "{:?}",
        names(path.parent().unwrap())
    );
    assert_eq!(fs::read(&outcome.conflicts[0]).unwrap(), theirs);
}

/// The schedule and the stars are not notes: when one changed since it was read, nothing is
/// written over it and the saver says so, so the app can merge and write again. A change that
/// lands during the write itself is put back.
#[test]
fn a_schedule_changed_since_read_is_never_written_over() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("schedule.json");
    fs::write(&path, br#"{"version":1,"as":"read"}"#).unwrap();
    let mut seen = HashMap::new();
    seen.insert(path.clone(), kaigi::storage::Store::stamp(&path).unwrap());
    let imported = br#"{"version":1,"by":"kaigi import"}"#;
    fs::write(&path, imported).unwrap();
    let mut saver = Saver::spawn_with(Io::real(), seen.clone());
    saver.send(Job::write(
        path.clone(),
        Contents::Bytes(br#"{"version":1,"by":"the app"}"#.to_vec()),
    ));
    let outcome = saver.wait_idle().remove(0);
    assert!(outcome.refused);
    assert_eq!(fs::read(&path).unwrap(), imported);

    // Inside the rename's window.
    fs::write(&path, br#"{"version":1,"as":"read"}"#).unwrap();
    let faults = Faults::new();
    faults.add(Fault::slow(
        Op::Rename,
        1,
        std::time::Duration::from_millis(300),
    ));
    let mut saver = Saver::spawn_with(Io::with_faults(faults), seen);
    let writer = {
        let path = path.clone();
        std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(100));
            let tmp = path.with_file_name("import.tmp");
            fs::write(&tmp, imported).unwrap();
            fs::rename(&tmp, &path).unwrap();
        })
    };
    saver.send(Job::write(
        path.clone(),
        Contents::Bytes(br#"{"version":1,"by":"the app"}"#.to_vec()),
    ));
    let outcome = saver.wait_idle().remove(0);
    writer.join().unwrap();
    assert!(outcome.refused);
    assert_eq!(
        fs::read(&path).unwrap(),
        imported,
        "the import's write was put back"
    );
}

/// Issue 13.12: a notes file that is a symbolic link (into a synced folder, say) stays one; the
/// file it points to gets the notes, and the backup and any conflict copy go beside that file.
#[test]
fn a_notes_file_that_is_a_symlink_is_written_through() {
    let (dir, store, path) = store_with(&["before"]);
    let elsewhere = dir.path().join("Dropbox/kaigi");
    fs::create_dir_all(&elsewhere).unwrap();
    let target = elsewhere.join("s.json");
    fs::rename(&path, &target).unwrap();
    std::os::unix::fs::symlink(&target, &path).unwrap();
    let loaded = store.load_notes(CONF, now());
    assert_eq!(loaded.outlines["s"].bullets()[0].text, "before");
    let mut saver = Saver::spawn_with(Io::real(), loaded.seen);
    let outcome = save(&mut saver, &path, notes("s", &["after"]));
    assert!(outcome.result.is_ok(), "{:?}", outcome.result);
    assert!(
        fs::symlink_metadata(&path)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(texts(&target), ["after"]);
    assert_eq!(names(&elsewhere), ["s.json", "s.json.bak"]);
    assert_eq!(names(path.parent().unwrap()), ["s.json"]);
    // A later write goes the same way.
    let outcome = save(&mut saver, &path, notes("s", &["again"]));
    assert!(outcome.result.is_ok());
    assert!(
        fs::symlink_metadata(&path)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(texts(&path), ["again"]);
}

/// From a user trial of issue 13: notes reloaded from a file changed elsewhere, then written
/// over (an undo of the reload), keep the file's version as a conflict copy, however many times
/// it happens; notes that hold all of it (typing on after the reload) make no copy.
#[test]
fn each_reloaded_version_written_over_is_kept_unless_ours_hold_it() {
    let (_dir, store, path) = store_with(&["mine"]);
    let loaded = store.load_notes(CONF, now());
    let mut saver = Saver::spawn_with(Io::real(), loaded.seen);
    for laptop in ["laptop A's version", "laptop B's version"] {
        fs::write(&path, json(&notes("s", &[laptop]))).unwrap();
        let stamp = kaigi::storage::Store::stamp(&path).unwrap();
        saver.expect(path.clone(), stamp);
        saver.reloaded(path.clone());
        let outcome = save(&mut saver, &path, notes("s", &["mine"]));
        assert_eq!(outcome.conflicts.len(), 1, "{laptop}");
        assert_eq!(texts(&outcome.conflicts[0]), [laptop]);
    }
    fs::write(&path, json(&notes("s", &["theirs"]))).unwrap();
    saver.expect(path.clone(), kaigi::storage::Store::stamp(&path).unwrap());
    saver.reloaded(path.clone());
    let outcome = save(&mut saver, &path, notes("s", &["theirs, and typed on"]));
    assert!(outcome.conflicts.is_empty());
}

/// From the trial of issue 20: notes edited in the middle of a reloaded bullet no longer hold
/// the reloaded text, but build on it: no copy of the reloaded version. Undone later, the
/// reload's version is still kept by the first write that does not build on it.
#[test]
fn notes_that_build_on_a_reload_keep_no_copy_of_it_until_it_is_undone() {
    let (_dir, store, path) = store_with(&["mine"]);
    let loaded = store.load_notes(CONF, now());
    let mut saver = Saver::spawn_with(Io::real(), loaded.seen);
    fs::write(&path, json(&notes("s", &["third 三番目 text"]))).unwrap();
    saver.expect(path.clone(), kaigi::storage::Store::stamp(&path).unwrap());
    saver.reloaded(path.clone());
    let on_reload = |file| Job {
        builds_on_reload: true,
        ..Job::write(path.clone(), Contents::Notes(file))
    };
    saver.send(on_reload(notes("s", &["thirdZZ 三番目 text"])));
    let outcome = saver.wait_idle().remove(0);
    assert!(outcome.conflicts.is_empty(), "{:?}", outcome.conflicts);
    assert_eq!(texts(&path), ["thirdZZ 三番目 text"]);
    // The reload undone: what is written holds nothing of it, and the reloaded version (now
    // only in the notes' history) is kept.
    let outcome = save(&mut saver, &path, notes("s", &["mine"]));
    assert_eq!(outcome.conflicts.len(), 1);
    assert_eq!(texts(&outcome.conflicts[0]), ["thirdZZ 三番目 text"]);
}
