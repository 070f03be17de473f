//! The data directory on disk: where it is, how ids become file names, and reading and writing the
//! JSON files in it. Nothing in it is ever lost: every write is atomic and goes through one
//! door ([`Io`], so tests can make the disk fail), the saver's writes are guarded against files
//! changed behind our back or written by a newer kaigi ([`guard`]), and unreadable files are
//! moved aside, never deleted.
//!
//! ```text
//! <data dir>/
//!   conferences/<conference>/schedule.json        the programme (native schedule format)
//!   conferences/<conference>/notes/<session>.json  one file per session with notes
//!   conferences/<conference>/stars.json            sessions starred for "My schedule"
//!   kaigi.json                                     the conference opened last
//!   quarantine/                                    unreadable files moved aside, never deleted
//!   **/<file>.bak                                  a file as it was before this launch wrote it
//!   **/<stem>.conflict-<time>.json                 a file changed elsewhere, kept beside ours
//! ```

pub mod choose;
pub mod guard;
mod io;
mod notes;
pub mod others;
pub mod saver;
mod stamp;

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use sha2::{Digest, Sha256};

use crate::model::schedule::{Conference, ScheduleError, ScheduleFile};

pub use io::{Effect, Fault, Faults, Io, Op, resolve_links, write_atomic};
pub use notes::{CopyKind, LoadedNotes, NotesCopy, is_notes_file};
pub use stamp::{Probe, Stamp};

/// Longest file-name stem we write: far below every file system's limit of 255 bytes.
const MAX_STEM: usize = 120;

/// What went wrong with a file in the data directory.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: {source}", path.display())]
    Json {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error("{}: {source}", path.display())]
    Schedule {
        path: PathBuf,
        source: ScheduleError,
    },
    /// Written by a newer kaigi: never quarantined and never written over.
    #[error("{}: written by a newer kaigi (format version {version}); left as it is", path.display())]
    TooNew { path: PathBuf, version: u32 },
    #[error("no data directory could be found for this user; pass --data-dir")]
    NoHome,
    #[error(
        "the data directory {} is a file, not a folder: move the file away, or pass --data-dir \
         with a folder",
        .0.display()
    )]
    NotADirectory(PathBuf),
    #[error("{}: not written, another kaigi has the data directory open (read-only)", .0.display())]
    ReadOnly(PathBuf),
}

impl StorageError {
    /// Whether the file itself is bad (not JSON, not ours, inconsistent), so that moving it to
    /// `quarantine/` and going on is right. A file from a newer kaigi, or one we could not even
    /// read, is not.
    pub fn is_corrupt(&self) -> bool {
        matches!(
            self,
            StorageError::Json { .. } | StorageError::Schedule { .. }
        )
    }
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> StorageError + '_ {
    move |source| StorageError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Temp files younger than this may belong to another kaigi writing right now.
pub const TEMP_FILE_GRACE: Duration = Duration::from_secs(60);

/// A conference in the data directory, as the picker and `kaigi list` show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConferenceSummary {
    /// The folder under `conferences/`.
    pub folder: String,
    pub id: String,
    pub name: String,
    pub first_day: Option<chrono::NaiveDate>,
    pub last_day: Option<chrono::NaiveDate>,
    pub sessions: usize,
    pub sessions_with_notes: usize,
    pub bullets: usize,
}

/// The data directory.
#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
    /// Another kaigi holds the directory: nothing in it may be written, moved or removed.
    /// Shared by the clones of a store, so that a kaigi that gets the lock when the other one
    /// quits can write from then on.
    read_only: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Store {
    /// The directory given (from `--data-dir` or `KAIGI_DATA_DIR`), else the platform's data
    /// directory for kaigi (`~/.local/share/kaigi` on Linux).
    pub fn open(dir: Option<PathBuf>) -> Result<Self, StorageError> {
        let root = match dir {
            Some(d) => d,
            None => directories::ProjectDirs::from("", "", "kaigi")
                .ok_or(StorageError::NoHome)?
                .data_dir()
                .to_path_buf(),
        };
        if root.exists() && !root.is_dir() {
            return Err(StorageError::NotADirectory(root));
        }
        fs::create_dir_all(&root).map_err(io_err(&root))?;
        Ok(Store {
            root,
            read_only: Default::default(),
        })
    }

    /// The same directory, never written: for a kaigi that found another one holding it.
    pub fn read_only(self) -> Self {
        self.read_only
            .store(true, std::sync::atomic::Ordering::Relaxed);
        self
    }

    /// The other kaigi is gone and the lock is ours: this store may write from now on.
    pub fn make_writable(&self) {
        self.read_only
            .store(false, std::sync::atomic::Ordering::Relaxed);
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// An error if this store may not write `path` (a read-only store writes nothing in the data
    /// directory; paths outside it are the user's to choose).
    pub fn writable(&self, path: &Path) -> Result<(), StorageError> {
        if self.is_read_only() && self.contains(path) {
            return Err(StorageError::ReadOnly(path.to_path_buf()));
        }
        Ok(())
    }

    /// Whether `path` lies inside the data directory (links and `..` resolved as far as the
    /// path exists).
    pub fn contains(&self, path: &Path) -> bool {
        let full = |p: &Path| {
            let mut existing = p.to_path_buf();
            let mut rest = Vec::new();
            while !existing.exists() {
                match (existing.file_name(), existing.parent()) {
                    (Some(name), Some(parent)) => {
                        rest.push(name.to_os_string());
                        existing = parent.to_path_buf();
                    }
                    _ => break,
                }
            }
            let mut out = fs::canonicalize(&existing).unwrap_or(existing);
            out.extend(rest.iter().rev());
            out
        };
        let path = if path.is_relative() {
            std::env::current_dir().unwrap_or_default().join(path)
        } else {
            path.to_path_buf()
        };
        full(&path).starts_with(full(&self.root))
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn conferences_dir(&self) -> PathBuf {
        self.root.join("conferences")
    }

    /// The folder of conference `id`.
    pub fn conference_dir(&self, id: &str) -> PathBuf {
        self.conferences_dir().join(file_stem(id))
    }

    /// The notes file of session `session` of conference `conference`.
    pub fn notes_path(&self, conference: &str, session: &str) -> PathBuf {
        self.conference_dir(conference)
            .join("notes")
            .join(format!("{}.json", file_stem(session)))
    }

    /// The folders holding a schedule, as conference folder names, sorted.
    pub fn conference_folders(&self) -> Vec<String> {
        let Ok(entries) = fs::read_dir(self.conferences_dir()) else {
            return Vec::new();
        };
        let mut names: Vec<String> = entries
            .flatten()
            .filter(|e| e.path().join("schedule.json").is_file())
            .filter_map(|e| e.file_name().into_string().ok())
            .collect();
        names.sort();
        names
    }

    /// Reads the schedule in conference folder `folder`. One written by a newer kaigi is
    /// [`StorageError::TooNew`]; a corrupt one [`StorageError::is_corrupt`], for
    /// [`Store::quarantine_schedule`].
    pub fn load_conference(&self, folder: &str) -> Result<Conference, StorageError> {
        self.conference_from(folder, self.load_schedule(folder)?)
    }

    /// The conference of `folder` built from its schedule file, read already.
    pub fn conference_from(
        &self,
        folder: &str,
        file: ScheduleFile,
    ) -> Result<Conference, StorageError> {
        Conference::from_file(file).map_err(|source| StorageError::Schedule {
            path: self.schedule_path(folder),
            source,
        })
    }

    /// The schedule file of `folder`, checked as [`Conference::from_file`] would but without
    /// building its indexes: a re-import only merges it.
    pub fn load_schedule(&self, folder: &str) -> Result<ScheduleFile, StorageError> {
        self.read_schedule(folder).map(|(file, _)| file)
    }

    /// [`Store::load_schedule`], with the stamp of what was read, for the saver to tell a change
    /// made elsewhere (`kaigi import`, a sync tool) from its own writes.
    pub fn read_schedule(&self, folder: &str) -> Result<(ScheduleFile, Stamp), StorageError> {
        let path = self.schedule_path(folder);
        let (bytes, stamp) = read_stamped(&path)?;
        let file: Result<ScheduleFile, ScheduleError> =
            serde_json::from_slice(without_bom(&bytes)).map_err(ScheduleError::from);
        match file.and_then(|f| f.check().map(|_| f)) {
            Ok(file) => Ok((file, stamp)),
            Err(ScheduleError::TooNew(version)) => Err(StorageError::TooNew { path, version }),
            Err(source) => Err(StorageError::Schedule { path, source }),
        }
    }

    /// The schedule of `folder` written by a newer kaigi, read as far as this build understands
    /// it, to be shown and never written; with the version it carries.
    pub fn read_newer_schedule(&self, folder: &str) -> Result<(ScheduleFile, u32), StorageError> {
        let path = self.schedule_path(folder);
        let (bytes, _) = read_stamped(&path)?;
        let mut file: ScheduleFile =
            serde_json::from_slice(without_bom(&bytes)).map_err(|e| StorageError::Schedule {
                path: path.clone(),
                source: ScheduleError::from(e),
            })?;
        let version = file.version;
        file.version = crate::model::schedule::SCHEDULE_VERSION;
        file.check()
            .map_err(|source| StorageError::Schedule { path, source })?;
        Ok((file, version))
    }

    /// The schedule file of conference folder `folder`.
    pub fn schedule_path(&self, folder: &str) -> PathBuf {
        self.conferences_dir().join(folder).join("schedule.json")
    }

    /// Moves the schedule of `folder` into `quarantine/` under a time-stamped name, so the
    /// conference stops being listed and a fresh import can take its place; its notes stay where
    /// they are. Refuses a schedule from a newer kaigi. Returns where the file went.
    pub fn quarantine_schedule(&self, folder: &str) -> Result<PathBuf, StorageError> {
        let path = self.schedule_path(folder);
        if let Err(e @ StorageError::TooNew { .. }) = self.load_conference(folder) {
            return Err(e);
        }
        self.quarantine(&path, &format!("{}-schedule.json", file_stem(folder)))
    }

    /// Writes the schedule of `conference` into its folder.
    pub fn save_conference(&self, conference: &Conference) -> Result<(), StorageError> {
        let (path, json) = self.schedule_file(conference);
        self.writable(&path)?;
        write_atomic(&path, &json)
    }

    /// The schedule file's path and contents, for writing now or by the saver.
    pub fn schedule_file(&self, conference: &Conference) -> (PathBuf, Vec<u8>) {
        let path = self.conference_dir(&conference.id).join("schedule.json");
        let json = serde_json::to_vec_pretty(&conference.to_file())
            .expect("a schedule always serialises to JSON");
        (path, json)
    }

    /// The folder holding conference `id`: its own escaped name, or any folder whose schedule
    /// carries that id.
    pub fn find_conference(&self, id: &str) -> Option<String> {
        let folders = self.conference_folders();
        let stem = file_stem(id);
        if folders.contains(&stem) {
            return Some(stem);
        }
        folders
            .into_iter()
            .find(|f| self.load_conference(f).is_ok_and(|c| c.id == id))
    }

    /// Every conference in the data directory with its dates and how many notes it holds;
    /// unreadable ones are reported in the second list.
    pub fn summaries(&self) -> (Vec<ConferenceSummary>, Vec<String>) {
        let mut out = Vec::new();
        let mut problems = Vec::new();
        for folder in self.conference_folders() {
            let (conference, newer) = match self.load_conference(&folder) {
                Ok(c) => (c, false),
                // Listed all the same: kaigi shows it, read-only.
                Err(StorageError::TooNew { .. }) => match self
                    .read_newer_schedule(&folder)
                    .ok()
                    .and_then(|(file, _)| Conference::from_file(file).ok())
                {
                    Some(c) => (c, true),
                    None => {
                        problems.push(format!(
                            "{}: from a newer kaigi and unreadable here",
                            self.schedule_path(&folder).display()
                        ));
                        continue;
                    }
                },
                Err(e) => {
                    problems.push(e.to_string());
                    continue;
                }
            };
            let (sessions_with_notes, bullets) = self.count_notes(&conference.id);
            let name = if newer {
                format!("{} (newer kaigi: read-only)", conference.name)
            } else {
                conference.name.clone()
            };
            out.push(ConferenceSummary {
                folder,
                id: conference.id.clone(),
                name,
                first_day: conference.days().first().copied(),
                last_day: conference.days().last().copied(),
                sessions: conference.sessions().len(),
                sessions_with_notes,
                bullets,
            });
        }
        problems.extend(self.orphaned_notes());
        (out, problems)
    }

    /// Conference folders holding notes but no schedule (it was moved to `quarantine/`, or
    /// deleted), with how to bring them back: their notes are kept, not shown.
    fn orphaned_notes(&self) -> Vec<String> {
        let Ok(entries) = fs::read_dir(self.conferences_dir()) else {
            return Vec::new();
        };
        let mut out: Vec<String> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| !p.join("schedule.json").is_file())
            .filter(|p| fs::read_dir(p.join("notes")).is_ok_and(|mut d| d.next().is_some()))
            .filter_map(|p| p.file_name()?.to_str().map(str::to_string))
            .map(|folder| {
                format!(
                    "conferences/{folder} holds notes but no schedule (see quarantine/): \
                     `kaigi import FILE --conference {folder}` shows them again"
                )
            })
            .collect();
        out.sort();
        out
    }

    /// The stars file of conference `conference`.
    pub fn stars_path(&self, conference: &str) -> PathBuf {
        self.conference_dir(conference).join("stars.json")
    }

    /// The sessions starred in `conference` (none if the file is missing or unreadable).
    pub fn load_stars(&self, conference: &str) -> HashSet<String> {
        self.read_stars(conference).0
    }

    /// [`Store::load_stars`], with the stamp of the file read (`None` if there is none).
    pub fn read_stars(&self, conference: &str) -> (HashSet<String>, Option<Stamp>) {
        let path = self.stars_path(conference);
        let Ok((bytes, stamp)) = read_stamped(&path) else {
            return (HashSet::new(), None);
        };
        let stars = serde_json::from_slice::<StarsFile>(without_bom(&bytes))
            .map(|f| f.starred.into_iter().collect())
            .unwrap_or_default();
        (stars, Some(stamp))
    }

    /// The stars file's path and contents, for the saver.
    pub fn stars_file(&self, conference: &str, starred: &HashSet<String>) -> (PathBuf, Vec<u8>) {
        let mut starred: Vec<String> = starred.iter().cloned().collect();
        starred.sort();
        let file = StarsFile {
            version: 1,
            starred,
        };
        let json = serde_json::to_vec_pretty(&file).unwrap_or_default();
        (self.stars_path(conference), json)
    }

    /// The conference folder opened last, if recorded.
    pub fn last_conference(&self) -> Option<String> {
        let text = fs::read_to_string(self.root.join("kaigi.json")).ok()?;
        serde_json::from_str::<AppFile>(&text).ok()?.last_conference
    }

    /// Records the conference folder opened or imported last.
    pub fn set_last_conference(&self, folder: &str) -> Result<(), StorageError> {
        if self.is_read_only() {
            return Ok(());
        }
        let file = AppFile {
            version: 1,
            last_conference: Some(folder.to_string()),
        };
        let json = serde_json::to_vec_pretty(&file).unwrap_or_default();
        write_atomic(&self.root.join("kaigi.json"), &json)
    }

    /// Removes the temp files a crash left anywhere in the data directory (only `.kaigi-*.tmp`
    /// files, and only those older than [`TEMP_FILE_GRACE`], which may belong to another kaigi
    /// writing right now). Returns how many were removed.
    pub fn clean_temp_files(&self) -> usize {
        let cutoff = SystemTime::now()
            .checked_sub(TEMP_FILE_GRACE)
            .unwrap_or(SystemTime::UNIX_EPOCH);
        io::remove_temp_files(&self.root, cutoff)
    }

    /// The stamp of the file at `path` as it is now (`None` if it is missing or unreadable), to
    /// compare with one from [`LoadedNotes::seen`] or the saver.
    pub fn stamp(path: &Path) -> Option<Stamp> {
        Stamp::of_file(path).ok().flatten()
    }
}

#[derive(serde::Serialize, serde::Deserialize)]
struct StarsFile {
    version: u32,
    starred: Vec<String>,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct AppFile {
    version: u32,
    #[serde(default)]
    last_conference: Option<String>,
}

/// The bytes of the file at `path` and their stamp; a missing file is an error.
fn read_stamped(path: &Path) -> Result<(Vec<u8>, Stamp), StorageError> {
    stamp::read(path)
        .and_then(|r| r.ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound)))
        .map_err(io_err(path))
}

/// `bytes` without a leading UTF-8 byte-order mark, which Windows editors write and JSON has no
/// room for.
pub fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes)
}

/// A file-name stem for an id that is safe on every file system: lowercase ASCII letters, digits
/// and `-` stay; everything else (upper case included, for case-insensitive disks) becomes `_xx`
/// hex bytes, so distinct ids never share a file and `../x` is just a name. Very long ids are cut
/// and end with a hash of the whole id.
pub fn file_stem(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for b in id.bytes() {
        match b {
            b'a'..=b'z' | b'0'..=b'9' | b'-' => out.push(b as char),
            _ => out.push_str(&format!("_{b:02x}")),
        }
    }
    if out.is_empty() {
        out.push('_');
    }
    if out.len() > MAX_STEM {
        let hash = Sha256::digest(id.as_bytes());
        let hex: String = hash[..8].iter().map(|b| format!("{b:02x}")).collect();
        out.truncate(MAX_STEM - hex.len() - 1);
        out.push('~');
        out.push_str(&hex);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_are_safe_distinct_and_bounded() {
        assert_eq!(file_stem("d1-keynote"), "d1-keynote");
        assert_eq!(
            file_stem("../../etc/passwd"),
            "_2e_2e_2f_2e_2e_2fetc_2fpasswd"
        );
        assert_ne!(file_stem("Talk"), file_stem("talk"));
        assert_eq!(file_stem(""), "_");
        let long = "長".repeat(200);
        let stem = file_stem(&long);
        assert!(stem.len() <= MAX_STEM);
        assert_ne!(stem, file_stem(&"長".repeat(201)));
    }

    #[test]
    fn notes_paths_stay_inside_the_conference_folder() {
        let store = Store {
            root: PathBuf::from("/data"),
            read_only: Default::default(),
        };
        let p = store.notes_path("../c", "../../x");
        assert!(p.starts_with("/data/conferences/"));
        assert_eq!(p.components().filter(|c| c.as_os_str() == "..").count(), 0);
    }

    #[test]
    fn atomic_write_replaces_the_file_and_leaves_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b.json");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "two");
        let names: Vec<_> = fs::read_dir(path.parent().unwrap())
            .unwrap()
            .flatten()
            .collect();
        assert_eq!(names.len(), 1);
    }
}
