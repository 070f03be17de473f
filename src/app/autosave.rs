//! When notes reach the disk, as a policy apart from the event loop that carries it out: 300 ms
//! after typing pauses, at least every 600 ms while it goes on, at once when leaving a session,
//! switching conference or quitting; a failed save is tried again every 2 s; quitting while saves
//! fail is asked twice. It is told what happened and when (the clock is the caller's, so tests
//! give their own), and says which sessions to hand to the saver.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A pause in typing this long saves.
pub const IDLE_SAVE: Duration = Duration::from_millis(300);
/// Continuous typing still saves this often, so a crash loses well under a second.
pub const MAX_UNSAVED: Duration = Duration::from_millis(600);
/// After a failed save, wait this long before trying again.
pub const RETRY: Duration = Duration::from_secs(2);

#[derive(Debug, Default)]
pub struct Autosave {
    /// Sessions changed since they were last handed to the saver (ordered: the same every run).
    dirty: BTreeSet<String>,
    /// Sessions handed to the saver and not yet confirmed written, by file.
    in_flight: HashMap<PathBuf, String>,
    /// The first change not handed over yet, and the last one.
    first_change: Option<Instant>,
    last_change: Option<Instant>,
    retry_at: Option<Instant>,
    /// A quit asked for while saves fail, waiting for a second one to confirm.
    quit_armed: bool,
    /// Files that brought notes back (crash recovery, `unsaved/`), to delete once those notes are
    /// written, by the notes file they go to.
    consumed: HashMap<PathBuf, Vec<PathBuf>>,
    /// The same, for the save of that notes file on its way: they go when it is written (a
    /// restore merged after it was sent waits for the next one).
    consuming: HashMap<PathBuf, Vec<PathBuf>>,
    /// Sessions that lost notes to another session (a move), by the session that gained them:
    /// not handed over while that one waits to be written, so that a crash between the two
    /// writes leaves the notes in one file at least.
    held: HashMap<String, String>,
}

impl Autosave {
    /// Session `id`'s notes changed at `now`.
    pub fn changed(&mut self, id: &str, now: Instant) {
        self.dirty.insert(id.to_string());
        self.first_change.get_or_insert(now);
        self.last_change = Some(now);
    }

    /// Notes moved from session `then` to session `first` at `now`: both are saved, `then` only
    /// once `first` is written.
    pub fn moved(&mut self, first: &str, then: &str, now: Instant) {
        self.changed(first, now);
        self.changed(then, now);
        // The latest move decides the order (undone at once: they were going the other way).
        self.held.remove(first);
        self.held.insert(then.to_string(), first.to_string());
    }

    /// Whether session `id` waits for another to be written first.
    fn blocked(&self, id: &str) -> bool {
        self.held.get(id).is_some_and(|first| {
            self.dirty.contains(first) || self.in_flight.values().any(|v| v == first)
        })
    }

    /// The notes brought back for the file `notes` were taken out again (the restore undone):
    /// the file they came from stays.
    pub fn unconsume(&mut self, notes: &Path) {
        self.consumed.remove(notes);
        self.consuming.remove(notes);
    }

    /// Session `id` is gone (deleted): nothing of it is to be saved.
    pub fn forget(&mut self, id: &str) {
        self.dirty.remove(id);
        self.held.remove(id);
        self.held.retain(|_, first| first != id);
    }

    /// Everything changed is to be saved now (a session left, a conference switched, a quit).
    pub fn flush(&mut self, now: Instant) {
        if !self.dirty.is_empty() {
            self.first_change = Some(now - MAX_UNSAVED);
            self.retry_at = None;
        }
    }

    /// Session `id` got notes back from the file `from` (to be written to `notes`): saved at
    /// once, and `from` deleted once they are written.
    pub fn restored(&mut self, id: &str, notes: PathBuf, from: PathBuf, now: Instant) {
        self.consumed.entry(notes).or_default().push(from);
        self.dirty.insert(id.to_string());
        self.first_change = Some(now - MAX_UNSAVED);
    }

    /// When the changes not handed over yet are due to be saved.
    pub fn due(&self, now: Instant) -> Option<Instant> {
        if self.dirty.iter().all(|id| self.blocked(id)) {
            return None;
        }
        // What was held is due as soon as what it waited for is written.
        let Some(first) = self.first_change else {
            return Some(self.retry_at.unwrap_or(now).max(now));
        };
        let last = self.last_change.unwrap_or(first);
        let due = (last + IDLE_SAVE).min(first + MAX_UNSAVED);
        Some(due.max(self.retry_at.unwrap_or(now)))
    }

    /// The sessions to hand to the saver now, if a save is due; they count as sent.
    pub fn poll(&mut self, now: Instant) -> Vec<String> {
        if self.due(now).is_some_and(|t| t <= now) {
            self.take()
        } else {
            Vec::new()
        }
    }

    /// Every changed session, due or not (leaving: everything goes to the saver).
    pub fn take(&mut self) -> Vec<String> {
        self.first_change = None;
        let go: Vec<String> = (self.dirty.iter())
            .filter(|id| !self.blocked(id))
            .cloned()
            .collect();
        for id in &go {
            self.dirty.remove(id);
            self.held.remove(id);
        }
        go
    }

    /// Whether a session waits for another's write before it may be handed over.
    pub fn holding(&self) -> bool {
        self.dirty.iter().any(|id| self.held.contains_key(id))
    }

    /// Session `id` was handed to the saver for `path`.
    pub fn sent(&mut self, path: PathBuf, id: String) {
        if let Some(files) = self.consumed.remove(&path) {
            self.consuming
                .entry(path.clone())
                .or_default()
                .extend(files);
        }
        self.in_flight.insert(path, id);
    }

    /// The saver wrote `path`. Returns the files that brought notes back and may go now.
    pub fn written(&mut self, path: &Path) -> Vec<PathBuf> {
        self.in_flight.remove(path);
        self.consuming.remove(path).unwrap_or_default()
    }

    /// The saver could not write `path` at `now`: its session is tried again after [`RETRY`].
    pub fn failed(&mut self, path: &Path, now: Instant) {
        if let Some(files) = self.consuming.remove(path) {
            self.consumed
                .entry(path.to_path_buf())
                .or_default()
                .extend(files);
        }
        if let Some(id) = self.in_flight.remove(path) {
            self.dirty.insert(id);
            self.first_change.get_or_insert(now);
            self.retry_at = Some(now + RETRY);
        }
    }

    /// The saver will never write `path` (a newer kaigi's file): nothing to retry.
    pub fn dropped(&mut self, path: &Path) -> Option<String> {
        self.in_flight.remove(path)
    }

    /// Every save is through: nothing changed since, nothing on its way.
    pub fn settled(&mut self) -> bool {
        let settled = self.dirty.is_empty() && self.in_flight.is_empty();
        if settled {
            self.retry_at = None;
        }
        settled
    }

    /// Whether nothing changed is waiting to be handed over (the files may be read again).
    pub fn nothing_pending(&self) -> bool {
        self.dirty.is_empty() && self.in_flight.is_empty()
    }

    /// The sessions whose latest notes are not known to be on disk.
    pub fn unsaved(&self) -> HashSet<String> {
        let mut all: HashSet<String> = self.dirty.iter().cloned().collect();
        all.extend(self.in_flight.values().cloned());
        all
    }

    /// A quit was asked for while saves fail (`failing`) or not: whether to leave now. The first
    /// quit while they fail only arms the second.
    pub fn quit(&mut self, failing: bool) -> bool {
        if failing && !self.quit_armed {
            self.quit_armed = true;
            return false;
        }
        true
    }

    /// Anything but a quit: a later quit asks again.
    pub fn disarm(&mut self) {
        self.quit_armed = false;
    }
}

#[cfg(test)]
mod tests {
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
}
