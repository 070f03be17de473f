//! The storage layer under a failing disk: every step of an atomic write is made to fail (a full
//! disk, a read-only mount) or stall through the `Io` seam, and what was on disk must survive
//! byte for byte, with no temp file left behind and the error reported.

use std::collections::HashMap;
use std::fs;
use std::io::ErrorKind;
use std::path::Path;
use std::time::Duration;

use kaigi::storage::saver::{Contents, Job, Saver};
use kaigi::storage::{Fault, Faults, Io, Op, StorageError};

const STEPS: [Op; 4] = [Op::Create, Op::Write, Op::Fsync, Op::Rename];
const KINDS: [ErrorKind; 2] = [ErrorKind::StorageFull, ErrorKind::PermissionDenied];

fn temp_files(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

fn bytes(path: &Path, b: &[u8]) -> Job {
    Job::write(path.to_path_buf(), Contents::Bytes(b.to_vec()))
}

#[test]
fn io_write_atomic_failing_at_any_step_keeps_the_old_file() {
    for op in STEPS {
        for kind in KINDS {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("n.json");
            fs::write(&path, b"old notes").unwrap();
            let faults = Faults::new();
            faults.add(Fault::fail(op, 1, kind));
            let err = Io::with_faults(faults.clone())
                .write_atomic(&path, b"new notes")
                .unwrap_err();
            match err {
                StorageError::Io { source, .. } => assert_eq!(source.kind(), kind, "{op:?}"),
                other => panic!("{op:?}: {other}"),
            }
            assert_eq!(fs::read(&path).unwrap(), b"old notes", "{op:?} {kind:?}");
            assert!(temp_files(dir.path()).is_empty(), "{op:?} {kind:?}");
            assert_eq!(faults.calls(op), 1);
        }
    }
}

#[test]
fn a_saver_whose_write_fails_reports_it_and_loses_nothing() {
    for op in STEPS {
        for kind in KINDS {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("notes").join("s.json");
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, b"{\"version\":2,\"old\":true}").unwrap();
            let faults = Faults::new();
            // Only the notes file itself: its first-write backup goes through.
            faults.add(Fault::fail(op, 1, kind).on(&path));
            let mut saver = Saver::spawn_with(Io::with_faults(faults), HashMap::new());
            saver.send(bytes(&path, b"{\"version\":2,\"new\":true}"));
            let outcomes = saver.wait_idle();
            assert_eq!(outcomes.len(), 1);
            let err = outcomes[0].result.as_ref().unwrap_err();
            assert!(err.contains("injected fault"), "{op:?}: {err}");
            assert_eq!(outcomes[0].too_new, None);
            assert_eq!(
                fs::read(&path).unwrap(),
                b"{\"version\":2,\"old\":true}",
                "{op:?} {kind:?}"
            );
            assert!(temp_files(path.parent().unwrap()).is_empty(), "{op:?}");
        }
    }
}

#[test]
fn a_failing_backup_stops_the_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.json");
    fs::write(&path, b"before").unwrap();
    let faults = Faults::new();
    // The first rename of the process's first write to this file is the backup's.
    faults.add(Fault::fail(Op::Rename, 1, ErrorKind::StorageFull));
    let mut saver = Saver::spawn_with(Io::with_faults(faults.clone()), HashMap::new());
    saver.send(bytes(&path, b"after"));
    assert!(saver.wait_idle()[0].result.is_err());
    assert_eq!(fs::read(&path).unwrap(), b"before");
    assert!(!dir.path().join("b.json.bak").exists());
    assert!(temp_files(dir.path()).is_empty());

    // The disk has room again: the retry backs up, then writes.
    saver.send(bytes(&path, b"after"));
    assert!(saver.wait_idle()[0].result.is_ok());
    assert_eq!(fs::read(&path).unwrap(), b"after");
    assert_eq!(fs::read(dir.path().join("b.json.bak")).unwrap(), b"before");
    assert_eq!(faults.calls(Op::Rename), 3);
}

#[test]
fn a_disk_that_stays_full_fails_every_save_until_it_has_room() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.json");
    let faults = Faults::new();
    faults.add(Fault::fail(Op::Write, 1, ErrorKind::StorageFull).sticky());
    let mut saver = Saver::spawn_with(Io::with_faults(faults.clone()), HashMap::new());
    for n in 0..3 {
        saver.send(bytes(&path, format!("try {n}").as_bytes()));
        assert!(saver.wait_idle()[0].result.is_err());
        assert!(!path.exists());
    }
    faults.clear();
    saver.send(bytes(&path, b"try 3"));
    assert!(saver.wait_idle()[0].result.is_ok());
    assert_eq!(fs::read(&path).unwrap(), b"try 3");
    assert!(temp_files(dir.path()).is_empty());
}

#[test]
fn snapshots_queued_behind_a_slow_disk_are_written_once_newest_wins() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.json");
    let faults = Faults::new();
    faults.add(Fault::slow(Op::Write, 1, Duration::from_millis(300)));
    let mut saver = Saver::spawn_with(Io::with_faults(faults.clone()), HashMap::new());
    saver.send(bytes(&path, b"0"));
    std::thread::sleep(Duration::from_millis(80));
    for n in 1..=5 {
        saver.send(bytes(&path, n.to_string().as_bytes()));
    }
    assert!(!saver.idle());
    let outcomes = saver.wait_idle();
    assert!(saver.idle());
    assert!(outcomes.iter().all(|o| o.result.is_ok()));
    assert_eq!(outcomes.len(), 2, "the five queued snapshots are one write");
    assert_eq!(fs::read(&path).unwrap(), b"5");
    assert_eq!(faults.calls(Op::Write), 2);
}
