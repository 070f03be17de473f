//! Reading a conference's notes files: migrating older formats, remembering what each file held
//! (so the saver can tell when someone else changed it), setting aside files from a newer kaigi
//! untouched, and moving unreadable ones to `quarantine/` so nothing ever writes over them.
//! Only `<session stem>.json` names are notes: conflict copies, recovery files, backups and temp
//! files live beside them and must not be taken for a session's notes.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};

use super::stamp::{self, Stamp};
use super::{StorageError, Store, io_err};
use crate::outline::Outline;
use crate::outline::file::{FormatError, Node, NotesFile, SessionMeta};

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
}

impl Store {
    /// Reads every notes file of `conference`, keyed by session id. Files that cannot be read
    /// are moved to `quarantine/` (so nothing overwrites them) and reported; files from a newer
    /// kaigi stay where they are and are listed in `too_new`.
    pub fn load_notes(&self, conference: &str, now: DateTime<FixedOffset>) -> LoadedNotes {
        let dir = self.conference_dir(conference).join("notes");
        let mut loaded = LoadedNotes::default();
        let Ok(entries) = fs::read_dir(&dir) else {
            return loaded;
        };
        for path in entries.flatten().map(|e| e.path()) {
            if !is_notes_file(&path) {
                continue;
            }
            match read_notes(&path) {
                Ok((file, stamp)) => {
                    let meta = file.meta();
                    if !meta.is_empty() {
                        loaded.meta.insert(file.session.clone(), meta);
                    }
                    loaded
                        .outlines
                        .insert(file.session.clone(), file.outline(now));
                    loaded.seen.insert(path, stamp);
                }
                Err(StorageError::TooNew { .. }) => loaded.too_new.push(path),
                Err(e) => {
                    let name = path
                        .file_name()
                        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
                    let moved = self.quarantine(&path, &name, now);
                    loaded.problems.push(match moved {
                        Ok(to) => format!("{e} (moved to {})", to.display()),
                        Err(m) => format!("{e} (and could not move it aside: {m})"),
                    });
                }
            }
        }
        loaded.too_new.sort();
        loaded
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
            if let Ok((file, _)) = read_notes(&path) {
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
    pub(super) fn quarantine(
        &self,
        path: &Path,
        name: &str,
        now: DateTime<FixedOffset>,
    ) -> Result<PathBuf, StorageError> {
        let dir = self.root.join("quarantine");
        fs::create_dir_all(&dir).map_err(io_err(&dir))?;
        let time = now.format("%Y%m%dT%H%M%S");
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
                "too many quarantined files of that name this second",
            ),
        })
    }
}

/// Whether `path` names a session's notes: `<stem>.json`, the stem free of dots (file stems
/// never hold one), which rules out `x.conflict-….json`, `x.recovery.json` and dot files.
pub fn is_notes_file(path: &Path) -> bool {
    path.file_name()
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
    if let Ok(file) = serde_json::from_slice::<NotesFile>(&bytes)
        && file.version == crate::outline::file::NOTES_VERSION
    {
        return Ok((file, stamp));
    }
    let value: serde_json::Value = serde_json::from_slice(&bytes).map_err(json)?;
    match NotesFile::from_value(value) {
        Ok(file) => Ok((file, stamp)),
        Err(FormatError::TooNew(version)) => Err(StorageError::TooNew {
            path: path.to_path_buf(),
            version: u32::try_from(version).unwrap_or(u32::MAX),
        }),
        Err(FormatError::Json(source)) => Err(json(source)),
    }
}
