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
#[path = "autosave_tests.rs"]
mod tests;
