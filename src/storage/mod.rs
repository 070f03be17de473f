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
//!   kaigi.json                                     the conference opened last, the export
//!                                                  dialog's choices, hashes of kaigi's exports
//!   quarantine/                                    unreadable files moved aside, never deleted
//!   **/<file>.bak                                  a file as it was before this launch wrote it
//!   **/<stem>.conflict-<time>.json                 a file changed elsewhere, kept beside ours
//! ```

pub mod choose;
mod conferences;
mod downloads;
pub mod exports;
pub mod guard;
mod io;
mod kept;
mod notes;
pub mod others;
pub mod saver;
mod stamp;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use sha2::{Digest, Sha256};

use crate::model::schedule::ScheduleError;

pub use conferences::Made;
pub use downloads::Download;
pub use io::{Effect, Fault, Faults, Io, Op, Sink, resolve_links, write_atomic};
pub use notes::{CopyKind, LoadedNotes, NotesCopy, is_notes_file};
pub use stamp::{Probe, Stamp};

/// Longest file-name stem we write: far below every file system's limit of 255 bytes.
const MAX_STEM: usize = 120;

/// What went wrong with a file in the data directory. Its text is in the interface's language
/// (`err.*` in the catalogues).
#[derive(Debug)]
pub enum StorageError {
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    Json {
        path: PathBuf,
        source: serde_json::Error,
    },
    Schedule {
        path: PathBuf,
        source: ScheduleError,
    },
    /// Written by a newer kaigi: never quarantined and never written over.
    TooNew {
        path: PathBuf,
        version: u32,
    },
    NoHome,
    NotADirectory(PathBuf),
    ReadOnly(PathBuf),
    Exists(String),
    Duplicate {
        name: String,
        id: String,
    },
    Invalid(ScheduleError),
}

impl std::fmt::Display for StorageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use rust_i18n::t;
        match self {
            StorageError::Io { path, source } => {
                write!(f, "{}: {}", path.display(), io_reason(source))
            }
            StorageError::Json { path, source } => write!(f, "{}: {source}", path.display()),
            StorageError::Schedule { path, source } => write!(f, "{}: {source}", path.display()),
            StorageError::TooNew { path, version } => {
                f.write_str(&t!("err.too_new", path = path.display(), version = version))
            }
            StorageError::NoHome => f.write_str(&t!("err.no_home")),
            StorageError::NotADirectory(path) => {
                f.write_str(&t!("err.not_a_directory", path = path.display()))
            }
            StorageError::ReadOnly(path) => {
                f.write_str(&t!("err.read_only", path = path.display()))
            }
            StorageError::Exists(id) => f.write_str(&t!("err.exists", id = format!("{id:?}"))),
            StorageError::Duplicate { name, id } => {
                f.write_str(&t!("err.duplicate", name = format!("{name:?}"), id = id))
            }
            StorageError::Invalid(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for StorageError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            // The system's reason is in the text already, in the interface's language: given
            // again as the cause, the command line would print it a second time, in English.
            StorageError::Io { .. } => None,
            StorageError::Json { source, .. } => Some(source),
            StorageError::Schedule { source, .. } => Some(source),
            StorageError::Invalid(e) => e.source(),
            _ => None,
        }
    }
}

impl From<ScheduleError> for StorageError {
    fn from(e: ScheduleError) -> Self {
        StorageError::Invalid(e)
    }
}

/// Why a file operation failed, as the interface says it: in English the system's own text
/// ("No such file or directory (os error 2)"), in another language the common reasons in it.
/// An error that carries its own message (kaigi's, made in the interface's language) keeps it.
pub fn io_reason(e: &std::io::Error) -> String {
    use rust_i18n::t;
    use std::io::ErrorKind as K;
    if crate::i18n::current() == crate::i18n::Lang::En || e.get_ref().is_some() {
        return e.to_string();
    }
    let said = match e.kind() {
        K::NotFound => t!("err.io_not_found"),
        K::PermissionDenied => t!("err.io_permission_denied"),
        K::AlreadyExists => t!("err.io_already_exists"),
        K::IsADirectory => t!("err.io_is_a_directory"),
        K::NotADirectory => t!("err.io_not_a_directory"),
        K::StorageFull => t!("err.io_storage_full"),
        K::ReadOnlyFilesystem => t!("err.io_read_only_fs"),
        K::BrokenPipe => t!("err.io_broken_pipe"),
        _ => return e.to_string(),
    };
    said.into_owned()
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

    /// The conference folder opened last, if recorded.
    pub fn last_conference(&self) -> Option<String> {
        self.app_file()?.last_conference
    }

    /// Records the conference folder opened or imported last.
    pub fn set_last_conference(&self, folder: &str) -> Result<(), StorageError> {
        self.change_app_file(|f| f.last_conference = Some(folder.to_string()))
    }

    /// The export dialog's choices as last used.
    pub fn export_choices(&self) -> Option<crate::state::export::Choices> {
        self.app_file()?.export
    }

    pub fn set_export_choices(
        &self,
        choices: &crate::state::export::Choices,
    ) -> Result<(), StorageError> {
        self.change_app_file(|f| f.export = Some(*choices))
    }

    /// Whether `bytes` are what kaigi last wrote to the export file at `path`.
    pub fn wrote_export(&self, path: &Path, bytes: &[u8]) -> bool {
        let key = export_key(path);
        self.app_file()
            .and_then(|f| f.exports.get(&key).cloned())
            .is_some_and(|h| h == hash_hex(bytes))
    }

    /// Remembers that kaigi wrote `bytes` to the export file at `path` (the last 200 files).
    pub fn record_export(&self, path: &Path, bytes: &[u8]) -> Result<(), StorageError> {
        self.change_app_file(|f| {
            f.exports.insert(export_key(path), hash_hex(bytes));
            while f.exports.len() > 200 {
                let first = f.exports.keys().next().cloned().unwrap_or_default();
                f.exports.remove(&first);
            }
        })
    }

    /// The folder the app's last export to a file went to.
    pub fn export_folder(&self) -> Option<String> {
        self.app_file()?.export_folder
    }

    pub fn set_export_folder(&self, folder: &str) -> Result<(), StorageError> {
        self.change_app_file(|f| f.export_folder = Some(folder.to_string()))
    }

    fn app_file(&self) -> Option<AppFile> {
        let text = fs::read_to_string(self.root.join("kaigi.json")).ok()?;
        serde_json::from_str::<AppFile>(&text).ok()
    }

    /// Changes `kaigi.json`, keeping what it holds besides.
    fn change_app_file(&self, change: impl FnOnce(&mut AppFile)) -> Result<(), StorageError> {
        if self.is_read_only() {
            return Ok(());
        }
        let mut file = self.app_file().unwrap_or(AppFile {
            version: 1,
            last_conference: None,
            export: None,
            export_folder: None,
            exports: Default::default(),
        });
        change(&mut file);
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
struct AppFile {
    version: u32,
    #[serde(default)]
    last_conference: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    export: Option<crate::state::export::Choices>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    export_folder: Option<String>,
    /// The SHA-256 of what kaigi last wrote to each export file, by its absolute path.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    exports: std::collections::BTreeMap<String, String>,
}

/// An export file's key in `kaigi.json`: its absolute path.
fn export_key(path: &Path) -> String {
    std::path::absolute(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

fn hash_hex(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
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
mod tests;
