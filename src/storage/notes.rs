//! Reading a conference's notes files: migrating older formats, remembering what each file held
//! (so the saver can tell when someone else changed it), setting aside files from a newer kaigi
//! untouched, and moving unreadable ones to `quarantine/` so nothing ever writes over them.
//!
//! Only the file named after its session (`<session stem>.json`) holds the session's notes. Sync
//! tools leave copies beside it that carry the same `"session"` (`x (1).json`, `x-2.json`,
//! `x (conflicted copy 2026-12-03).json`, `x.sync-conflict-….json`), kaigi keeps its own
//! conflict copies (`x.conflict-<time>.json`) and, after a crash, recovery files
//! (`x.recovery-<time>.json`): all of them are read as [`NotesCopy`]s, offered to merge, and never
//! loaded in the session's place, moved or deleted.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};

use super::stamp::{self, Stamp};
use super::{StorageError, Store, file_stem, io_err};
use crate::model::outline::Outline;
use crate::model::outline::file::{FormatError, Node, NotesFile, SessionMeta};

/// Where a copy of a session's notes came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyKind {
    /// A sync tool's conflicted copy, or kaigi's own `.conflict-<time>.json`.
    Conflict,
    /// Notes kept when kaigi crashed (`.recovery-<time>.json`).
    Recovery,
    /// Notes that could not be saved, kept in the data directory's `unsaved/`.
    Unsaved,
    /// The notes of a session deleted in the app (`.deleted-<time>.json`), with the session.
    Deleted,
}

impl CopyKind {
    /// Whether the file goes once its notes are saved in the session's file (kaigi wrote it to
    /// bring notes back); a conflict copy is never deleted.
    pub fn consumed_by_merge(self) -> bool {
        matches!(
            self,
            CopyKind::Recovery | CopyKind::Unsaved | CopyKind::Deleted
        )
    }
}

/// A file beside a session's notes holding notes for the same session that are not its notes.
#[derive(Debug, Clone, PartialEq)]
pub struct NotesCopy {
    pub kind: CopyKind,
    pub path: PathBuf,
    pub session: String,
    pub outline: Outline,
    pub meta: SessionMeta,
    pub saved_at: DateTime<FixedOffset>,
    /// The session itself, in the notes of a deleted session: restoring brings it back.
    pub deleted_session: Option<Box<crate::model::schedule::Session>>,
}

impl NotesCopy {
    /// The copy's file name, as the list of copies and a merged subtree's heading show it.
    pub fn file_name(&self) -> String {
        self.path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
    }
}

/// A conference's notes as read from disk.
#[derive(Debug, Default)]
pub struct LoadedNotes {
    pub outlines: HashMap<String, Outline>,
    pub meta: HashMap<String, SessionMeta>,
    /// Files that could not be read (and were moved aside), as messages.
    pub problems: Vec<String>,
    /// What each file read held, by path: hand these to the saver so it can tell when a file
    /// was changed elsewhere before it writes over it.
    pub seen: HashMap<PathBuf, Stamp>,
    /// Files written by a newer kaigi, sorted: left in place and unread; their sessions should
    /// be read-only (the saver refuses to write over them anyway).
    pub too_new: Vec<PathBuf>,
    /// Other files naming a session of this conference (see the module docs), by file name.
    pub copies: Vec<NotesCopy>,
    /// Sessions whose notes a newer kaigi wrote: shown, never changed or written.
    pub locked: std::collections::HashSet<String>,
}

impl Store {
    /// Reads every notes file of `conference`, keyed by session id, and the copies beside them.
    /// Files that cannot be read are moved to `quarantine/` (so nothing overwrites them; left in
    /// place when the store is read-only) and reported; files from a newer kaigi stay where they
    /// are and are listed in `too_new`.
    pub fn load_notes(&self, conference: &str, now: DateTime<FixedOffset>) -> LoadedNotes {
        self.load_notes_but(conference, now, &LoadedNotes::default())
    }

    /// The notes of one session: its own file only (the copies beside it come with
    /// [`Store::load_notes_but`]). What the first frame needs of the notes.
    pub fn load_session_notes(
        &self,
        conference: &str,
        session: &str,
        now: DateTime<FixedOffset>,
    ) -> LoadedNotes {
        let mut loaded = LoadedNotes::default();
        let path = self.notes_path(conference, session);
        if fs::symlink_metadata(&path).is_ok() {
            self.take_path(path, now, &mut loaded);
        }
        loaded
    }

    /// [`Store::load_notes`] without the files `read` holds already (its `seen` and `too_new`).
    pub fn load_notes_but(
        &self,
        conference: &str,
        now: DateTime<FixedOffset>,
        read: &LoadedNotes,
    ) -> LoadedNotes {
        let dir = self.conference_dir(conference).join("notes");
        let mut loaded = LoadedNotes::default();
        let Ok(entries) = fs::read_dir(&dir) else {
            return loaded;
        };
        for path in entries.flatten().map(|e| e.path()) {
            if read.seen.contains_key(&path) || read.too_new.contains(&path) {
                continue;
            }
            self.take_path(path, now, &mut loaded);
        }
        self.find_unsaved(conference, now, &mut loaded);
        loaded.too_new.sort();
        loaded.copies.sort_by(|a, b| a.path.cmp(&b.path));
        loaded
    }

    /// Reads the file at `path` in the notes folder into `loaded`: a session's own notes, a copy
    /// beside them, a file from a newer kaigi; an unreadable one of kaigi's goes to quarantine.
    fn take_path(&self, path: PathBuf, now: DateTime<FixedOffset>, loaded: &mut LoadedNotes) {
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            return;
        };
        if !name.ends_with(".json") || name.starts_with('.') {
            return;
        }
        let name = name.to_string();
        let name = name.as_str();
        let own_name = could_be_own(name);
        {
            match read_notes(&path) {
                Ok((file, stamp)) => {
                    let kind = match copy_kind(name, &file.session) {
                        None => {
                            loaded.take(file, now);
                            loaded.seen.insert(path, stamp);
                            return;
                        }
                        Some(kind) => kind,
                    };
                    loaded.copies.push(NotesCopy {
                        kind,
                        outline: file.outline(now),
                        meta: file.meta(),
                        session: file.session,
                        saved_at: file.saved_at,
                        deleted_session: file.deleted_session,
                        path,
                    });
                }
                Err(StorageError::TooNew { version, .. }) => match read_newer(&path) {
                    // Shown as far as this build understands it, and never written.
                    Some(file) if copy_kind(name, &file.session).is_none() => {
                        loaded.locked.insert(file.session.clone());
                        loaded.take(file, now);
                        loaded.too_new.push(path);
                    }
                    Some(_) => loaded.problems.push(
                        rust_i18n::t!("err.newer_copy", name = name, version = version)
                            .into_owned(),
                    ),
                    None if own_name => {
                        loaded.too_new.push(path);
                    }
                    None => {}
                },
                // Only a file that could be a session's own is kaigi's to move aside (never a
                // link: what it points to may be in another folder, or not there for now);
                // anything else in the folder (a sync tool's, a person's) stays where it is.
                Err(e) if own_name && e.is_corrupt() && !is_link(&path) => {
                    let moved = self.quarantine(&path, name);
                    loaded.problems.push(
                        match moved {
                            Ok(to) => {
                                rust_i18n::t!("err.quarantined", error = e, path = to.display())
                            }
                            Err(m) => rust_i18n::t!("err.not_quarantined", error = e, reason = m),
                        }
                        .into_owned(),
                    );
                }
                Err(e) if own_name => {
                    loaded
                        .problems
                        .push(rust_i18n::t!("err.unreadable_left", error = e).into_owned());
                }
                Err(_) => {}
            }
        }
    }

    /// Reads the file at `path` as a copy of some session's notes (a conflict copy just written
    /// beside a session's file).
    pub fn read_copy(
        &self,
        path: &Path,
        now: DateTime<FixedOffset>,
    ) -> Result<NotesCopy, StorageError> {
        let (file, _) = read_notes(path)?;
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        Ok(NotesCopy {
            kind: copy_kind(name, &file.session).unwrap_or(CopyKind::Conflict),
            outline: file.outline(now),
            meta: file.meta(),
            session: file.session,
            saved_at: file.saved_at,
            deleted_session: file.deleted_session,
            path: path.to_path_buf(),
        })
    }

    /// Reads one notes file (migrated to this version) and what it held, e.g. to take in a
    /// change made elsewhere.
    pub fn read_notes_file(&self, path: &Path) -> Result<(NotesFile, Stamp), StorageError> {
        read_notes(path)
    }

    /// Sessions with notes and their bullets, counted from the files without building outlines.
    pub(super) fn count_notes(&self, conference: &str) -> (usize, usize) {
        let dir = self.conference_dir(conference).join("notes");
        let Ok(entries) = fs::read_dir(dir) else {
            return (0, 0);
        };
        let mut sessions = 0;
        let mut bullets = 0;
        for path in entries.flatten().map(|e| e.path()) {
            if !is_notes_file(&path) {
                continue;
            }
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if let Ok((file, _)) = read_notes(&path)
                && copy_kind(name, &file.session).is_none()
            {
                let n = count_nodes(&file.bullets);
                if n > 0 {
                    sessions += 1;
                    bullets += n;
                }
            }
        }
        (sessions, bullets)
    }

    /// Moves an unreadable file into `quarantine/` as `<time>-<name>`, never over an earlier one.
    /// The time in the name is the computer's local time, as for conflict copies and crash
    /// reports, whatever the conference's time zone.
    pub(super) fn quarantine(&self, path: &Path, name: &str) -> Result<PathBuf, StorageError> {
        let dir = self.root.join("quarantine");
        self.writable(&dir)?;
        fs::create_dir_all(&dir).map_err(io_err(&dir))?;
        let time = chrono::Local::now().format("%Y%m%dT%H%M%S");
        for n in 1..=1000 {
            let to = match n {
                1 => dir.join(format!("{time}-{name}")),
                n => dir.join(format!("{time}-{n}-{name}")),
            };
            if fs::symlink_metadata(&to).is_err() {
                fs::rename(path, &to).map_err(io_err(path))?;
                return Ok(to);
            }
        }
        Err(StorageError::Io {
            path: path.to_path_buf(),
            source: std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                rust_i18n::t!("err.too_many_quarantined").into_owned(),
            ),
        })
    }
}

impl LoadedNotes {
    /// Takes in a session's own notes file.
    fn take(&mut self, file: NotesFile, now: DateTime<FixedOffset>) {
        let meta = file.meta();
        if !meta.is_empty() {
            self.meta.insert(file.session.clone(), meta);
        }
        let session = file.session.clone();
        self.outlines.insert(session, file.into_outline(now));
    }
}

impl Store {
    /// Notes of `conference` kept in the data directory's `unsaved/` when saving failed, as
    /// copies to merge.
    fn find_unsaved(&self, conference: &str, now: DateTime<FixedOffset>, loaded: &mut LoadedNotes) {
        let Ok(entries) = fs::read_dir(self.root.join("unsaved")) else {
            return;
        };
        for path in entries.flatten().map(|e| e.path()) {
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            if let Ok((file, _)) = read_notes(&path)
                && file.conference == conference
            {
                loaded.copies.push(NotesCopy {
                    kind: CopyKind::Unsaved,
                    outline: file.outline(now),
                    meta: file.meta(),
                    session: file.session,
                    saved_at: file.saved_at,
                    deleted_session: file.deleted_session,
                    path,
                });
            }
        }
    }
}

/// Whether a file name could be a session's own notes file: what [`file_stem`] makes, ".json".
/// A sync tool's copy (`x (1).json`) cannot be.
fn could_be_own(name: &str) -> bool {
    name.strip_suffix(".json").is_some_and(|stem| {
        !stem.is_empty()
            && stem
                .bytes()
                .all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'~'))
    })
}

fn is_link(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// A notes file from a newer kaigi, read as far as this build understands it (to show, never to
/// write back).
fn read_newer(path: &Path) -> Option<NotesFile> {
    let bytes = fs::read(path).ok()?;
    let mut value: serde_json::Value = serde_json::from_slice(super::without_bom(&bytes)).ok()?;
    value.as_object_mut()?.insert(
        "version".into(),
        crate::model::outline::file::NOTES_VERSION.into(),
    );
    serde_json::from_value(value).ok()
}

/// The notes of a deleted session are kept as `<session stem>.deleted-<time>.json`.
pub(super) const DELETED_INFIX: &str = ".deleted-";

/// Recovery files are `<session stem>.recovery-<time>.json` (older kaigis wrote
/// `<stem>.recovery.json`).
pub(super) const RECOVERY_INFIX: &str = ".recovery-";

/// Whether a notes file named `name` that names `session` is a copy rather than the session's
/// own notes, and of which kind.
fn copy_kind(name: &str, session: &str) -> Option<CopyKind> {
    let stem = name.strip_suffix(".json").unwrap_or(name);
    let own = file_stem(session);
    if stem == own {
        return None;
    }
    let rest = stem.strip_prefix(own.as_str()).unwrap_or("");
    if rest == ".recovery" || rest.starts_with(RECOVERY_INFIX) {
        Some(CopyKind::Recovery)
    } else if rest.starts_with(DELETED_INFIX) {
        Some(CopyKind::Deleted)
    } else {
        Some(CopyKind::Conflict)
    }
}

/// Whether `path` could name a session's notes: `<stem>.json`, the stem free of dots (file
/// stems never hold one), which rules out `x.conflict-….json`, `x.recovery-….json` and dot
/// files. Whether it does depends on the `"session"` it holds (see the module docs).
pub fn is_notes_file(path: &Path) -> bool {
    let in_notes = path
        .parent()
        .and_then(Path::file_name)
        .is_some_and(|d| d == "notes");
    in_notes
        && path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".json"))
            .is_some_and(|stem| !stem.is_empty() && !stem.contains('.'))
}

fn count_nodes(nodes: &[Node]) -> usize {
    nodes
        .iter()
        .map(|n| usize::from(!n.text.is_empty()) + count_nodes(&n.children))
        .sum()
}

fn read_notes(path: &Path) -> Result<(NotesFile, Stamp), StorageError> {
    let json = |source| StorageError::Json {
        path: path.to_path_buf(),
        source,
    };
    let missing = || std::io::Error::from(std::io::ErrorKind::NotFound);
    let (bytes, stamp) = stamp::read(path)
        .and_then(|r| r.ok_or_else(missing))
        .map_err(io_err(path))?;
    // A file of the current version parses straight into the model; only older, newer or
    // broken ones take the slower way through a JSON value (migration, or a precise error).
    let bytes = super::without_bom(&bytes);
    if let Ok(file) = serde_json::from_slice::<NotesFile>(bytes)
        && file.version == crate::model::outline::file::NOTES_VERSION
    {
        return Ok((file, stamp));
    }
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(json)?;
    match NotesFile::from_value(value) {
        Ok(file) => Ok((file, stamp)),
        Err(FormatError::TooNew(version)) => Err(StorageError::TooNew {
            path: path.to_path_buf(),
            version: u32::try_from(version).unwrap_or(u32::MAX),
        }),
        Err(FormatError::Json(source)) => Err(json(source)),
    }
}
