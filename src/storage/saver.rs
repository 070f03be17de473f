//! Saving off the input path: a thread that serialises and writes notes files, so a slow disk
//! never delays a keystroke. Several snapshots of one session waiting at once are written once,
//! newest wins. The saver remembers what each file held when it was last read or written, so
//! that a file changed elsewhere (a sync tool, another laptop) is kept as a conflict copy rather
//! than silently replaced, and it never writes over a file from a newer kaigi (see
//! [`crate::storage::guard`]).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, MutexGuard};

use crate::model::outline::file::{NotesFile, Snapshot};
use crate::storage::guard::{Expect, OnChange, Ours, keep_copy, overwrite};
use crate::storage::{Io, Probe, Stamp, StorageError};

/// A file to write.
pub struct Job {
    pub path: PathBuf,
    pub contents: Contents,
    pub mode: Mode,
    /// Notes that build on the version last reloaded from `path` (the reload was not undone):
    /// writing them over it needs no copy of it (see [`Saver::reloaded`]).
    pub builds_on_reload: bool,
}

impl Job {
    /// Write `contents` to `path`.
    pub fn write(path: PathBuf, contents: Contents) -> Self {
        Job {
            path,
            contents,
            mode: Mode::Replace,
            builds_on_reload: false,
        }
    }
}

/// How a job's file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Over the file at the path, guarded: a notes file changed elsewhere is kept as a conflict
    /// copy; any other file changed elsewhere is left alone and the job refused (`refused`).
    Replace,
    /// As a new conflict copy beside the path (`<stem>.conflict-<time>.json`), never over
    /// anything: notes of ours that a reload from disk replaced.
    CopyBeside,
}

/// What goes in a file: notes are serialised on the saver thread, so a large session's JSON is
/// never built on the input path.
pub enum Contents {
    Notes(NotesFile),
    /// Notes the app is editing: made into a [`NotesFile`] here, off the input thread.
    Outline(Snapshot),
    Bytes(Vec<u8>),
}

impl Contents {
    /// The bytes of the file, built in memory.
    fn into_bytes(self) -> serde_json::Result<Vec<u8>> {
        match self {
            Contents::Notes(file) => serde_json::to_vec_pretty(&file),
            Contents::Outline(snapshot) => serde_json::to_vec_pretty(&snapshot),
            Contents::Bytes(b) => Ok(b),
        }
    }
}

/// What became of a job.
pub struct Outcome {
    pub path: PathBuf,
    pub result: Result<(), String>,
    /// The file had been changed elsewhere: what was there is kept at these paths (two when
    /// another write landed during ours), and `path` holds ours (if `result` is `Ok`).
    pub conflicts: Vec<PathBuf>,
    /// [`Mode::CopyBeside`]: where ours went.
    pub copy: Option<PathBuf>,
    /// Not a notes file, and changed elsewhere since it was read: nothing was written. Read it
    /// again, merge, and send it anew.
    pub refused: bool,
    /// Not written because the file on disk is this newer format version: writing would lose
    /// what this build does not understand. Retrying will not help.
    pub too_new: Option<u32>,
    /// How many jobs this write covered (queued snapshots of one file are written once).
    jobs: usize,
}

/// What the saver believes each file holds, shared with its thread; and the notes files whose
/// contents came from elsewhere (a reload) since kaigi last wrote them.
#[derive(Clone, Default)]
struct Known {
    seen: Arc<Mutex<HashMap<PathBuf, Stamp>>>,
    reloaded: Arc<Mutex<std::collections::HashSet<PathBuf>>>,
}

type Seen = Arc<Mutex<HashMap<PathBuf, Stamp>>>;

pub struct Saver {
    jobs: Option<Sender<Job>>,
    pub outcomes: Receiver<Outcome>,
    in_flight: usize,
    seen: Seen,
    reloaded: Arc<Mutex<std::collections::HashSet<PathBuf>>>,
}

impl Saver {
    /// A saver writing for real that knows nothing of what is on disk: it takes whatever it
    /// finds there as its own to replace. Prefer [`Saver::spawn_with`] and the stamps from
    /// loading, which let it notice files changed elsewhere.
    pub fn spawn() -> Self {
        Self::start(Io::real(), HashMap::new(), false)
    }

    /// A saver writing through `io` that knows what the files in `seen` held when they were
    /// read (from [`crate::storage::LoadedNotes::seen`]). A notes file it finds changed since,
    /// or present where none was seen, is kept as a conflict copy before ours is written.
    pub fn spawn_with(io: Io, seen: HashMap<PathBuf, Stamp>) -> Self {
        Self::start(io, seen, true)
    }

    fn start(io: Io, seen: HashMap<PathBuf, Stamp>, strict: bool) -> Self {
        let known = Known {
            seen: Arc::new(Mutex::new(seen)),
            reloaded: Arc::default(),
        };
        let (jobs, job_rx) = mpsc::channel::<Job>();
        let (done_tx, outcomes) = mpsc::channel();
        let (seen, reloaded) = (Arc::clone(&known.seen), Arc::clone(&known.reloaded));
        // Detached: the app waits for its answers (`wait_idle`), never for the thread itself.
        std::thread::Builder::new()
            .name("kaigi-saver".into())
            .spawn(move || {
                while let Ok(first) = job_rx.recv() {
                    let mut batch: HashMap<(PathBuf, Mode), (Job, usize)> = HashMap::new();
                    let mut order = Vec::new();
                    for job in std::iter::once(first).chain(job_rx.try_iter()) {
                        let key = (job.path.clone(), job.mode);
                        match batch.get_mut(&key) {
                            Some(entry) => *entry = (job, entry.1 + 1),
                            None => {
                                order.push(key.clone());
                                batch.insert(key, (job, 1));
                            }
                        }
                    }
                    for key in order {
                        let (job, jobs) = batch.remove(&key).expect("queued above");
                        let outcome = write(&io, &known, strict, job, jobs);
                        if done_tx.send(outcome).is_err() {
                            return;
                        }
                    }
                }
            })
            .expect("the saver thread starts");
        Saver {
            jobs: Some(jobs),
            outcomes,
            in_flight: 0,
            seen,
            reloaded,
        }
    }

    pub fn send(&mut self, job: Job) {
        if let Some(tx) = &self.jobs
            && tx.send(job).is_ok()
        {
            self.in_flight += 1;
        }
    }

    /// Records what the file at `path` holds now, e.g. after reading it again.
    pub fn expect(&self, path: PathBuf, stamp: Stamp) {
        lock(&self.seen).insert(path, stamp);
    }

    /// The notes file at `path` now holds notes from elsewhere that were taken into the app (a
    /// reload): the next write over it keeps it as a conflict copy unless ours hold all of it
    /// (an undo of the reload, say, must not leave theirs in no file).
    pub fn reloaded(&self, path: PathBuf) {
        self.reloaded
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path);
    }

    /// Records every stamp of a load, e.g. after switching conference.
    pub fn expect_all(&self, seen: HashMap<PathBuf, Stamp>) {
        lock(&self.seen).extend(seen);
    }

    /// Forgets what the file at `path` held (it is gone, and not ours to write again).
    pub fn forget(&self, path: &Path) {
        lock(&self.seen).remove(path);
    }

    /// Forgets every stamp, e.g. before switching conference, so that [`Saver::changed_on_disk`]
    /// stops looking at the files of the one left.
    pub fn forget_all(&self) {
        lock(&self.seen).clear();
    }

    /// What the saver believes the file at `path` holds.
    pub fn stamp(&self, path: &Path) -> Option<Stamp> {
        lock(&self.seen).get(path).cloned()
    }

    /// Files known to the saver whose contents changed on disk (or which vanished) since it
    /// last read or wrote them: poll this while nothing is unsaved, and read them again. Empty
    /// while writes are in flight, since those change files too. Besides notes this lists any
    /// other file the saver wrote (stars, schedule): tell them apart with
    /// [`crate::storage::is_notes_file`].
    pub fn changed_on_disk(&self) -> Vec<PathBuf> {
        if !self.idle() {
            return Vec::new();
        }
        let known: Vec<(PathBuf, Stamp)> = lock(&self.seen)
            .iter()
            .map(|(p, s)| (p.clone(), s.clone()))
            .collect();
        let mut changed = Vec::new();
        for (path, stamp) in known {
            match stamp.probe(&path) {
                // Only the time moved: remember it, so the next look is cheap again.
                Ok(Probe::Same(now)) if now != stamp => self.expect(path, now),
                Ok(Probe::Same(_)) | Err(_) => {}
                Ok(Probe::Changed(_)) => changed.push(path),
            }
        }
        changed.sort();
        changed
    }

    /// Outcomes that have arrived, without waiting.
    pub fn poll(&mut self) -> Vec<Outcome> {
        let got: Vec<Outcome> = self.outcomes.try_iter().collect();
        let done: usize = got.iter().map(|o| o.jobs).sum();
        self.in_flight = self.in_flight.saturating_sub(done);
        got
    }

    /// Whether every job sent has been written (or failed).
    pub fn idle(&self) -> bool {
        self.in_flight == 0
    }

    /// Waits until every job sent so far is written, and returns their outcomes.
    pub fn wait_idle(&mut self) -> Vec<Outcome> {
        let mut got = Vec::new();
        while self.in_flight > 0 {
            let Ok(o) = self.outcomes.recv() else { break };
            self.in_flight = self.in_flight.saturating_sub(o.jobs);
            got.push(o);
        }
        got
    }
}

/// Whether the notes file at `path` was reloaded since kaigi last wrote it (and is no longer).
fn take_reloaded(known: &Known, path: &Path) -> bool {
    known
        .reloaded
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .remove(path)
}

/// Before the first write over a notes file that was reloaded: what is there is kept as a
/// conflict copy unless the notes being written hold all of it.
fn keep_reloaded(io: &Io, known: &Known, path: &Path, ours: &[u8], outcome: &mut Outcome) {
    let Ok(theirs) = std::fs::read(path) else {
        return;
    };
    let outline = |bytes: &[u8]| {
        serde_json::from_slice::<NotesFile>(crate::storage::without_bom(bytes))
            .ok()
            .map(|f| f.outline(f.saved_at))
    };
    let (Some(theirs_outline), Some(ours_outline)) = (outline(&theirs), outline(ours)) else {
        return;
    };
    if ours_outline.holds_all_of(&theirs_outline) {
        return;
    }
    if let Ok(copy) = keep_copy(io, path, &theirs) {
        outcome.conflicts.push(copy);
        if let Ok(Some(stamp)) = Stamp::of_file(path) {
            lock(&known.seen).insert(path.to_path_buf(), stamp);
        }
    }
}

/// A panic elsewhere must not stop saving: the map is still consistent between inserts.
fn lock(seen: &Seen) -> MutexGuard<'_, HashMap<PathBuf, Stamp>> {
    seen.lock().unwrap_or_else(|e| e.into_inner())
}

/// Writes one file on the saver thread (the newest of `jobs` queued for it), guarded, and
/// remembers what it holds afterwards.
fn write(io: &Io, known: &Known, strict: bool, job: Job, jobs: usize) -> Outcome {
    let Job {
        path,
        contents,
        mode,
        builds_on_reload,
    } = job;
    let mut outcome = Outcome {
        path,
        result: Ok(()),
        conflicts: Vec::new(),
        copy: None,
        refused: false,
        too_new: None,
        jobs,
    };
    // Only notes are checked for files that appeared unseen: a schedule or stars file that
    // appeared is not ours to keep beside, and replacing a file we never saw loses no notes.
    let notes = matches!(contents, Contents::Notes(_) | Contents::Outline(_));
    // Notes that build on the reload leave the mark in place: should the reload be undone
    // later, the write after that still keeps the reloaded version.
    let reloaded =
        notes && mode == Mode::Replace && !builds_on_reload && take_reloaded(known, &outcome.path);
    // Notes are written straight into the file, as they are turned into JSON: built in memory
    // first, a 10,000-bullet session's 2 MB of JSON and its tree of nodes were a third of the
    // memory while typing. Only the rare write that must compare them first builds them.
    let contents = if mode == Mode::CopyBeside || reloaded {
        match contents.into_bytes() {
            Ok(b) => Contents::Bytes(b),
            Err(e) => {
                outcome.result = Err(e.to_string());
                return outcome;
            }
        }
    } else {
        contents
    };
    if mode == Mode::CopyBeside {
        let Contents::Bytes(bytes) = &contents else {
            unreachable!("made bytes above")
        };
        match keep_copy(io, &outcome.path, bytes) {
            Ok(copy) => outcome.copy = Some(copy),
            Err(e) => outcome.result = Err(e.to_string()),
        }
        return outcome;
    }
    let seen = &known.seen;
    if let (true, Contents::Bytes(bytes)) = (reloaded, &contents) {
        let path = outcome.path.clone();
        keep_reloaded(io, known, &path, bytes, &mut outcome);
    }
    let known = lock(seen).get(&outcome.path).cloned();
    let expect = match &known {
        Some(stamp) => Expect::Known(stamp),
        None if strict && notes => Expect::Unseen,
        None => Expect::Anything,
    };
    let on_change = if notes {
        OnChange::KeepTheirs
    } else {
        OnChange::Refuse
    };
    let notes_version = Some(u64::from(crate::model::outline::file::NOTES_VERSION));
    let bytes;
    // The notes move into the writer and go once written, before the fsync: a snapshot held
    // longer would make the next key copy the outline.
    let ours = match contents {
        Contents::Bytes(b) => {
            bytes = b;
            Ours::Bytes(&bytes)
        }
        Contents::Notes(file) => Ours::Stream {
            version: Some(u64::from(file.version)),
            write: Box::new(move |w| Ok(serde_json::to_writer_pretty(w, &file)?)),
        },
        Contents::Outline(snapshot) => Ours::Stream {
            version: notes_version,
            write: Box::new(move |w| Ok(serde_json::to_writer_pretty(w, &snapshot)?)),
        },
    };
    let done = overwrite(io, &outcome.path, ours, expect, on_change);
    outcome.conflicts.extend(done.conflicts);
    if done.refused {
        // Nothing written: what we know of the file stays as it was, so the change shows.
        outcome.refused = true;
        return outcome;
    }
    let now_on_disk = match done.result {
        Ok(stamp) => Some(stamp),
        Err(e) => {
            if let StorageError::TooNew { version, .. } = &e {
                outcome.too_new = Some(*version);
            }
            outcome.result = Err(e.to_string());
            // Theirs is kept as a copy now: a retry must not copy it again.
            done.theirs
        }
    };
    if let Some(stamp) = now_on_disk {
        lock(seen).insert(outcome.path.clone(), stamp);
    }
    outcome
}
