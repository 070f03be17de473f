//! Reading the data directory when it is not as this build left it: notes in the older format,
//! corrupt schedules and notes, files from a newer kaigi, temp files a crash left behind, and
//! the copies and backups that live beside the notes.

use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

use chrono::{DateTime, FixedOffset};
use kaigi::model::outline::file::{NOTES_VERSION, NotesFile, SessionMeta};
use kaigi::model::outline::{Bullet, FollowUp, Kind, Outline};
use kaigi::model::schedule::Conference;
use kaigi::storage::saver::{Contents, Job, Saver};
use kaigi::storage::{Io, StorageError, Store};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-12-03T11:00:00+09:00").unwrap()
}

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("2026-12-03T{s}+09:00")).unwrap()
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(Some(dir.path().to_path_buf())).unwrap();
    (dir, store)
}

fn bullet(id: u64, depth: usize, text: &str, created: &str) -> Bullet {
    Bullet {
        id,
        depth,
        text: text.into(),
        kind: Kind::Bullet,
        follow_up: None,
        created: t(created),
        collapsed: false,
    }
}

fn put(path: &Path, bytes: &[u8]) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, bytes).unwrap();
}

#[test]
fn a_version_1_notes_file_loads_migrated_and_saves_as_version_2() {
    let (_dir, store) = store();
    let path = store.notes_path("kumo-summit-2026", "d1-keynote");
    let v1 = fs::read(format!("{FIXTURES}/notes-v1.json")).unwrap();
    put(&path, &v1);

    let loaded = store.load_notes("kumo-summit-2026", now());
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert!(loaded.too_new.is_empty());
    let expected = Outline::from_bullets(
        vec![
            Bullet {
                collapsed: true,
                ..bullet(1, 0, "Kinesis 概要", "10:45:00")
            },
            bullet(2, 1, "シャード", "10:46:10"),
            Bullet {
                follow_up: Some(FollowUp::Open),
                ..bullet(3, 2, "1MB/s per shard", "10:46:40")
            },
            Bullet {
                kind: Kind::Paragraph,
                ..bullet(
                    4,
                    0,
                    "料金はオンデマンドとプロビジョンドの二つ。",
                    "10:50:00",
                )
            },
            Bullet {
                follow_up: Some(FollowUp::Done),
                ..bullet(7, 0, "Check the pricing page", "10:55:30")
            },
        ],
        now(),
    );
    assert_eq!(loaded.outlines["d1-keynote"], expected);
    assert!(
        !loaded.meta.contains_key("d1-keynote"),
        "defaults for v2 fields"
    );
    assert_eq!(loaded.seen[&path], Store::stamp(&path).unwrap());

    let (file, _) = store.read_notes_file(&path).unwrap();
    assert_eq!(file.version, NOTES_VERSION);
    assert!(!file.slides_pending && file.links.is_empty());

    let saved = NotesFile::new(
        "kumo-summit-2026",
        "d1-keynote",
        &loaded.outlines["d1-keynote"],
        &SessionMeta::default(),
        now(),
    );
    assert_eq!(saved.version, 2);
    let mut saver = Saver::spawn_with(Io::real(), loaded.seen);
    saver.send(Job::write(path.clone(), Contents::Notes(saved)));
    assert!(saver.wait_idle()[0].result.is_ok());
    let json: serde_json::Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    assert_eq!(json["version"], 2);
    assert_eq!(json["bullets"][0]["collapsed"], true);
    assert_eq!(
        json["bullets"][0]["children"][0]["children"][0]["follow_up"],
        "open"
    );
    assert_eq!(json["bullets"][1]["kind"], "paragraph");
    assert_eq!(
        fs::read(path.with_file_name("d1-keynote.json.bak")).unwrap(),
        v1
    );
}

#[test]
fn a_corrupt_schedule_is_quarantined_and_the_other_conferences_carry_on() {
    let (dir, store) = store();
    store.save_conference(&Conference::sample()).unwrap();
    let broken = dir.path().join("conferences/broken/schedule.json");
    put(&broken, b"{\"version\":1,\"id\":");
    let notes = dir.path().join("conferences/broken/notes/s.json");
    put(&notes, b"kept");

    let err = store.load_conference("broken").unwrap_err();
    assert!(err.is_corrupt(), "{err}");
    let moved = store.quarantine_schedule("broken").unwrap();
    assert_eq!(moved.parent().unwrap(), dir.path().join("quarantine"));
    let name = moved.file_name().unwrap().to_str().unwrap();
    // Stamped with the computer's local time, as conflict copies and crash reports are.
    let stamp = name.strip_suffix("-broken-schedule.json").unwrap();
    assert!(
        chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%dT%H%M%S").is_ok(),
        "{name}"
    );
    assert_eq!(fs::read(&moved).unwrap(), b"{\"version\":1,\"id\":");
    assert!(!broken.exists());
    assert_eq!(fs::read(&notes).unwrap(), b"kept", "notes stay put");
    assert_eq!(store.conference_folders(), ["kumo-summit-2026"]);

    // Broken again in the same second: never over the first one.
    put(&broken, b"also broken");
    let again = store.quarantine_schedule("broken").unwrap();
    assert_ne!(again, moved);
    assert_eq!(fs::read(&moved).unwrap(), b"{\"version\":1,\"id\":");
    assert_eq!(fs::read(&again).unwrap(), b"also broken");
}

#[test]
fn a_schedule_from_a_newer_kaigi_is_too_new_not_corrupt() {
    let (dir, store) = store();
    let path = dir.path().join("conferences/future/schedule.json");
    let text = br#"{"version":99,"id":"future","name":"F","time_zone":"Asia/Tokyo","sessions":[]}"#;
    put(&path, text);
    let err = store.load_conference("future").unwrap_err();
    assert!(
        matches!(&err, StorageError::TooNew { version: 99, .. }),
        "{err}"
    );
    assert!(!err.is_corrupt());
    assert!(matches!(
        store.quarantine_schedule("future"),
        Err(StorageError::TooNew { .. })
    ));
    assert_eq!(fs::read(&path).unwrap(), text);
    assert!(!dir.path().join("quarantine").exists());
}

#[test]
fn corrupt_notes_are_quarantined_without_clobbering_and_neighbours_are_not_notes() {
    let (dir, store) = store();
    for conference in ["a", "b"] {
        put(&store.notes_path(conference, "s"), b"{ not json");
    }
    let notes_dir = store.conference_dir("a").join("notes");
    let good = serde_json::to_vec(&NotesFile::new(
        "a",
        "t",
        &Outline::new(now()),
        &SessionMeta::default(),
        now(),
    ))
    .unwrap();
    let neighbours = [
        "t.conflict-20261203T100000.json",
        "t.recovery.json",
        "t.json.bak",
        ".kaigi-abc.tmp",
    ];
    for name in neighbours {
        put(&notes_dir.join(name), &good);
    }

    let a = store.load_notes("a", now());
    let b = store.load_notes("b", now());
    assert_eq!(a.problems.len() + b.problems.len(), 2);
    assert!(a.outlines.is_empty(), "neighbours are not notes");
    let quarantined = fs::read_dir(dir.path().join("quarantine")).unwrap().count();
    assert_eq!(quarantined, 2, "same name, same second, both kept");
    for name in neighbours {
        assert!(notes_dir.join(name).exists(), "{name} left alone");
    }
}

#[test]
fn clean_temp_files_removes_only_old_kaigi_temp_files() {
    let (dir, store) = store();
    let root = dir.path();
    let old = SystemTime::now() - Duration::from_secs(3600);
    let crashed = [
        "conferences/c/notes/.kaigi-a1B2c3.tmp",
        "conferences/c/.kaigi-zz.tmp",
        ".kaigi-root.tmp",
    ];
    let kept = [
        "conferences/c/notes/s.json",
        "conferences/c/notes/other.tmp",
        "conferences/c/notes/.kaigi-notes.json",
        "conferences/c/notes/s.json.bak",
    ];
    for name in crashed.iter().chain(&kept) {
        put(&root.join(name), b"x");
        let f = fs::File::options()
            .write(true)
            .open(root.join(name))
            .unwrap();
        f.set_modified(old).unwrap();
    }
    // Another kaigi may be writing this one right now.
    put(&root.join("conferences/c/notes/.kaigi-busy.tmp"), b"x");

    assert_eq!(store.clean_temp_files(), crashed.len());
    for name in crashed {
        assert!(!root.join(name).exists(), "{name}");
    }
    for name in kept {
        assert!(root.join(name).exists(), "{name}");
    }
    assert!(root.join("conferences/c/notes/.kaigi-busy.tmp").exists());
    assert_eq!(store.clean_temp_files(), 0);
}

/// Issue 13.1: sync tools leave copies beside a session's notes that carry the same "session".
/// Only the file named after the session holds its notes, whatever order the directory lists
/// them in; the others are copies to offer for merging, never moved or deleted.
#[test]
fn sync_tool_copies_are_never_read_as_the_session_notes() {
    let (_dir, store) = store();
    let conference = "kumo-summit-2026";
    let own = store.notes_path(conference, "d1-1045-a");
    let file = |text: &str| {
        let mut o = Outline::new(now());
        let b = o.new_bullet(0, text.into(), now());
        let o = Outline::from_bullets(vec![b], now());
        serde_json::to_vec(&NotesFile::new(
            conference,
            "d1-1045-a",
            &o,
            &SessionMeta::default(),
            now(),
        ))
        .unwrap()
    };
    put(&own, &file("the newest notes"));
    let copies = [
        "d1-1045-a (1).json",
        "d1-1045-a-2.json",
        "d1-1045-a (conflicted copy 2026-12-03).json",
        "d1-1045-a.sync-conflict-20261203-101010-ABCDEF.json",
        "d1-1045-a (Kenji's MacBook).json",
    ];
    for (n, name) in copies.iter().enumerate() {
        put(
            &own.with_file_name(name),
            &file(&format!("a stale copy {n}")),
        );
    }
    let loaded = store.load_notes(conference, now());
    assert_eq!(loaded.outlines.len(), 1);
    assert_eq!(
        loaded.outlines["d1-1045-a"].bullets()[0].text,
        "the newest notes"
    );
    assert_eq!(
        loaded.seen.len(),
        1,
        "only the session's own file is written over"
    );
    let mut found: Vec<String> = loaded.copies.iter().map(|c| c.file_name()).collect();
    found.sort();
    let mut expected: Vec<String> = copies.iter().map(|s| s.to_string()).collect();
    expected.sort();
    assert_eq!(found, expected);
    assert!(loaded.copies.iter().all(|c| c.session == "d1-1045-a"));
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    for name in copies {
        assert!(
            own.with_file_name(name).exists(),
            "{name} left where it was"
        );
    }
    // With the session's own file gone, a copy still does not take its place.
    fs::remove_file(&own).unwrap();
    let loaded = store.load_notes(conference, now());
    assert!(loaded.outlines.is_empty());
    assert_eq!(loaded.copies.len(), copies.len());
}

/// Issue 13.12: a UTF-8 byte-order mark (Windows editors) before the JSON of a notes file or a
/// schedule is read past.
#[test]
fn a_byte_order_mark_before_json_is_accepted() {
    let (_dir, store) = store();
    let conference = Conference::sample();
    store.save_conference(&conference).unwrap();
    let schedule = store.schedule_path("kumo-summit-2026");
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend(fs::read(&schedule).unwrap());
    fs::write(&schedule, &bytes).unwrap();
    assert!(store.load_conference("kumo-summit-2026").is_ok());

    let path = store.notes_path("kumo-summit-2026", "d1-keynote");
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend(fs::read(format!("{FIXTURES}/notes-v1.json")).unwrap());
    put(&path, &bytes);
    let loaded = store.load_notes("kumo-summit-2026", now());
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(loaded.outlines.len(), 1);
}

/// From a user trial of issue 13: a sync tool's copy written by a newer kaigi must not lock the
/// session, the session's own file from a newer kaigi is shown (read-only) rather than taken for
/// empty notes, a truncated copy is not moved out of a synced folder, and a link whose target is
/// missing stays where it is.
#[test]
fn newer_copies_truncated_copies_and_dangling_links_are_left_alone() {
    let (dir, store) = store();
    let conference = "kumo-summit-2026";
    let own = store.notes_path(conference, "d1-1045-a");
    let notes = |version: u32, session: &str, text: &str| {
        serde_json::json!({"version": version, "conference": conference, "session": session,
            "saved_at": "2026-12-03T10:50:00+09:00", "new_field": "from the future",
            "bullets": [{"id": 1, "text": text, "created": "2026-12-03T10:46:00+09:00"}]})
        .to_string()
    };
    put(&own, notes(2, "d1-1045-a", "mine").as_bytes());
    put(
        &own.with_file_name("d1-1045-a (5).json"),
        notes(99, "d1-1045-a", "a newer laptop's copy").as_bytes(),
    );
    put(
        &own.with_file_name("d1-1045-a (3).json"),
        b"{\"version\":2,\"bul",
    );
    let newer = store.notes_path(conference, "d1-keynote");
    put(
        &newer,
        notes(99, "d1-keynote", "written by kaigi 99").as_bytes(),
    );
    std::os::unix::fs::symlink(
        dir.path().join("unmounted/volume/d1-1135-a.json"),
        store.notes_path(conference, "d1-1135-a"),
    )
    .unwrap();

    let loaded = store.load_notes(conference, now());
    assert!(!loaded.locked.contains("d1-1045-a"), "{:?}", loaded.locked);
    assert_eq!(loaded.outlines["d1-1045-a"].bullets()[0].text, "mine");
    assert!(loaded.locked.contains("d1-keynote"));
    assert_eq!(
        loaded.outlines["d1-keynote"].bullets()[0].text,
        "written by kaigi 99"
    );
    assert!(
        own.with_file_name("d1-1045-a (3).json").exists(),
        "not moved"
    );
    assert!(own.with_file_name("d1-1045-a (5).json").exists());
    assert!(
        fs::symlink_metadata(store.notes_path(conference, "d1-1135-a"))
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link stays"
    );
    assert!(
        !dir.path().join("quarantine").exists(),
        "nothing quarantined"
    );
    assert!(
        loaded.problems.iter().any(|p| p.contains("d1-1135-a.json")),
        "{:?}",
        loaded.problems
    );
}

#[test]
fn a_deleted_sessions_notes_are_kept_with_the_session_and_offered_to_restore() {
    let (_dir, store) = store();
    let sample = Conference::sample();
    let mut session = sample.sessions()[0].clone();
    session.id = "adhoc-20261203-1230".into();
    session.adhoc = true;
    let snapshot = kaigi::model::outline::file::Snapshot {
        conference: "kumo-summit-2026".into(),
        session: session.id.clone(),
        outline: Outline::from_bullets(vec![bullet(1, 0, "名刺交換", "12:31:00")], now()),
        meta: SessionMeta::default(),
        saved_at: now(),
    };
    let first = store
        .keep_deleted(snapshot.clone(), session.clone())
        .unwrap();
    let second = store.keep_deleted(snapshot, session.clone()).unwrap();
    assert_ne!(
        first.path, second.path,
        "a second deletion never writes over the first"
    );
    let name = first.file_name();
    assert!(name.starts_with("adhoc-20261203-1230.deleted-"), "{name}");
    let loaded = store.load_notes("kumo-summit-2026", now());
    assert!(
        loaded.outlines.is_empty(),
        "never loaded as the session's notes"
    );
    assert_eq!(loaded.copies.len(), 2);
    let copy = &loaded.copies[0];
    assert_eq!(copy.kind, kaigi::storage::CopyKind::Deleted);
    assert_eq!(copy.deleted_session.as_deref(), Some(&session));
    assert_eq!(copy.outline.bullets()[0].text, "名刺交換");
}

/// Startup reads the session it opens on first, then every other file but that one: together
/// they are exactly what one full read finds, and no file is read (or quarantined) twice.
#[test]
fn one_session_first_then_the_rest_read_what_one_full_read_does() {
    let (_dir, store) = store();
    let c = "kumo-summit-2026";
    let v1 = fs::read(format!("{FIXTURES}/notes-v1.json")).unwrap();
    let v1 = String::from_utf8(v1).unwrap();
    for s in ["d1-keynote", "d1-1045-a", "d1-1045-b"] {
        put(
            &store.notes_path(c, s),
            v1.replace("d1-keynote", s).as_bytes(),
        );
    }
    let dir = store.notes_path(c, "x").parent().unwrap().to_path_buf();
    put(
        &dir.join("d1-1045-a (1).json"),
        v1.replace("d1-keynote", "d1-1045-a").as_bytes(),
    );
    put(&store.notes_path(c, "d1-1135-a"), b"{ not json");

    let first = store.load_session_notes(c, "d1-1045-a", now());
    assert_eq!(first.outlines.keys().collect::<Vec<_>>(), ["d1-1045-a"]);
    assert!(first.copies.is_empty() && first.problems.is_empty());
    assert_eq!(first.seen.len(), 1);
    let nothing = store.load_session_notes(c, "d2-closing", now());
    assert!(nothing.outlines.is_empty() && nothing.seen.is_empty());

    let rest = store.load_notes_but(c, now(), &first);
    let mut ids: Vec<_> = rest.outlines.keys().cloned().collect();
    ids.sort();
    assert_eq!(ids, ["d1-1045-b", "d1-keynote"]);
    assert!(!rest.seen.keys().any(|p| first.seen.contains_key(p)));
    assert_eq!(
        rest.copies.len(),
        1,
        "the sync tool's copy comes with the rest"
    );
    assert_eq!(rest.problems.len(), 1, "{:?}", rest.problems);
    assert!(
        !store.notes_path(c, "d1-1135-a").exists(),
        "quarantined once"
    );
}
