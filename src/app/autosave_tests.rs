//! The save policy's tables: what is handed to the saver when, on a clock the tests own.
use super::*;

/// What happens at a moment, in the tables below.
#[derive(Debug, Clone, Copy)]
enum Event {
    /// A key changed session `.0`.
    Changed(&'static str),
    /// Leaving a session, switching, quitting.
    Flush,
    /// The loop wakes and looks.
    Tick,
    /// The saver wrote the session's file.
    Written(&'static str),
    /// Notes moved from session `.1` to session `.0`.
    Moved(&'static str, &'static str),
    /// The saver failed to write it.
    Failed(&'static str),
}
use Event::*;

fn path(id: &str) -> PathBuf {
    PathBuf::from(format!("notes/{id}.json"))
}

/// Runs `rows` of (milliseconds, event, sessions handed to the saver then) and checks each.
#[track_caller]
fn table(rows: &[(u64, Event, &[&str])]) {
    let start = Instant::now();
    let mut a = Autosave::default();
    for &(ms, event, want) in rows {
        let now = start + Duration::from_millis(ms);
        match event {
            Changed(id) => a.changed(id, now),
            Moved(first, then) => a.moved(first, then, now),
            Flush => a.flush(now),
            Tick => {}
            Written(id) => {
                a.written(&path(id));
            }
            Failed(id) => a.failed(&path(id), now),
        }
        let handed = a.poll(now);
        for id in &handed {
            a.sent(path(id), id.clone());
        }
        assert_eq!(handed, want, "at {ms} ms after {event:?}");
    }
}

#[test]
fn a_pause_in_typing_saves_after_300_ms() {
    table(&[
        (0, Changed("a"), &[]),
        (100, Changed("a"), &[]),
        (399, Tick, &[]),
        (400, Tick, &["a"]),
        (450, Tick, &[]),
    ]);
}

#[test]
fn typing_that_goes_on_saves_every_600_ms() {
    table(&[
        (0, Changed("a"), &[]),
        (250, Changed("a"), &[]),
        (500, Changed("a"), &[]),
        (599, Changed("a"), &[]),
        (600, Changed("a"), &["a"]),
        (850, Changed("a"), &[]),
        (1100, Changed("a"), &[]),
        (1350, Changed("a"), &[]),
        (1449, Tick, &[]),
        (1450, Changed("a"), &["a"]),
    ]);
}

#[test]
fn leaving_saves_at_once_and_sessions_go_together() {
    table(&[
        (0, Changed("a"), &[]),
        (10, Changed("b"), &[]),
        (20, Flush, &["a", "b"]),
        (30, Flush, &[]),
    ]);
}

#[test]
fn a_failed_save_is_tried_again_every_2_s_and_typing_does_not_hurry_it() {
    table(&[
        (0, Changed("a"), &[]),
        (300, Tick, &["a"]),
        (350, Failed("a"), &[]),
        (900, Changed("a"), &[]),
        (1500, Tick, &[]),
        (2349, Tick, &[]),
        (2350, Tick, &["a"]),
        (2400, Written("a"), &[]),
        (2500, Changed("a"), &[]),
        (2800, Tick, &["a"]),
    ]);
}

#[test]
fn a_flush_does_not_wait_for_a_retry() {
    table(&[
        (0, Changed("a"), &[]),
        (300, Tick, &["a"]),
        (350, Failed("a"), &[]),
        (400, Flush, &["a"]),
    ]);
}

#[test]
fn notes_brought_back_are_saved_at_once_and_their_file_goes_when_written() {
    let now = Instant::now();
    let mut a = Autosave::default();
    a.restored("a", path("a"), PathBuf::from("a.recovery-1.json"), now);
    assert_eq!(a.poll(now), ["a"]);
    a.sent(path("a"), "a".into());
    assert_eq!(a.unsaved(), HashSet::from(["a".to_string()]));
    assert!(!a.settled());
    assert_eq!(a.written(&path("a")), [PathBuf::from("a.recovery-1.json")]);
    assert!(a.settled());
    assert!(a.unsaved().is_empty());
}

#[test]
fn a_second_restore_while_the_first_is_saving_waits_for_its_own_save() {
    let now = Instant::now();
    let mut a = Autosave::default();
    a.restored("a", path("a"), PathBuf::from("a.recovery-1.json"), now);
    assert_eq!(a.poll(now), ["a"]);
    a.sent(path("a"), "a".into());
    // Merged after that save went: not in it.
    a.restored("a", path("a"), PathBuf::from("a.recovery-2.json"), now);
    assert_eq!(a.written(&path("a")), [PathBuf::from("a.recovery-1.json")]);
    assert_eq!(a.poll(now), ["a"]);
    a.sent(path("a"), "a".into());
    a.failed(&path("a"), now);
    assert!(
        a.written(&path("a")).is_empty(),
        "a failed save lets nothing go"
    );
    assert_eq!(a.poll(now + RETRY), ["a"]);
    a.sent(path("a"), "a".into());
    assert_eq!(a.written(&path("a")), [PathBuf::from("a.recovery-2.json")]);
}

#[test]
fn notes_moved_reach_the_session_that_gains_them_before_the_one_that_loses_them() {
    table(&[
        (0, Moved("to", "from"), &[]),
        (300, Tick, &["to"]),
        (310, Tick, &[]),
        (900, Tick, &[]),
        (950, Written("to"), &["from"]),
        (960, Written("from"), &[]),
    ]);
    // A failed write holds the other until it is through; a flush too.
    table(&[
        (0, Moved("to", "from"), &[]),
        (10, Flush, &["to"]),
        (20, Failed("to"), &[]),
        (30, Flush, &["to"]),
        (40, Written("to"), &["from"]),
    ]);
    // Moved back (undo) and again (redo) while the first writes are on their way.
    table(&[
        (0, Moved("b", "a"), &[]),
        (300, Tick, &["b"]),
        (310, Written("b"), &["a"]),
        (320, Written("a"), &[]),
        (400, Moved("a", "b"), &[]),
        (700, Tick, &["a"]),
        (710, Written("a"), &["b"]),
        (720, Moved("b", "a"), &[]),
        (730, Written("b"), &[]),
        (1020, Tick, &["b"]),
        (1030, Written("b"), &["a"]),
    ]);
    // Undone before either was written: the latest move decides, and nothing waits forever.
    table(&[
        (0, Moved("b", "a"), &[]),
        (100, Moved("a", "b"), &[]),
        (400, Tick, &["a"]),
        (410, Written("a"), &["b"]),
    ]);
    // Typing in the session that lost them meanwhile does not hurry it.
    table(&[
        (0, Moved("to", "from"), &[]),
        (300, Tick, &["to"]),
        (400, Changed("from"), &[]),
        (1000, Tick, &[]),
        (1010, Written("to"), &["from"]),
    ]);
}

#[test]
fn quitting_while_saves_fail_asks_twice() {
    let mut a = Autosave::default();
    assert!(a.quit(false));
    assert!(!a.quit(true), "the first quit only warns");
    assert!(a.quit(true), "the second leaves");
    a.disarm();
    assert!(!a.quit(true), "anything in between asks again");
}
