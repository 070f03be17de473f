//! Writing over a file that may not hold what we think it does. Before the saver replaces a file
//! it looks at what is there: a file from a newer kaigi is never written over; a file changed
//! behind our back (a sync tool, another laptop, an editor) is kept as a conflict copy beside
//! ours; and the first overwrite of each file in this process keeps the old one as `<file>.bak`,
//! so a launch that went wrong can be undone by hand.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, Mutex};

use super::io::Io;
use super::stamp::{self, Stamp};
use super::{StorageError, io_err};

/// Files already backed up (or found absent) by this process: later writes need no `.bak`.
static BACKED_UP: LazyLock<Mutex<HashSet<PathBuf>>> = LazyLock::new(Mutex::default);

/// What we believe is on disk at the path being written.
#[derive(Debug, Clone, Copy)]
pub enum Expect<'a> {
    /// What we last read or wrote there.
    Known(&'a Stamp),
    /// We saw no file there: one that exists now came from elsewhere.
    Unseen,
    /// We do not track this file: whatever is there is ours to replace.
    Anything,
}

/// What an overwrite did.
#[derive(Debug)]
pub struct Overwrite {
    /// The stamp of what is on disk now if the write went through.
    pub result: Result<Stamp, StorageError>,
    /// Where the file found changed on disk was kept.
    pub conflict: Option<PathBuf>,
    /// The stamp of the file kept as `conflict`: safe to write over from now on.
    pub theirs: Option<Stamp>,
}

/// Writes `bytes` to `path` with `io`, guarding what is already there (see the module docs).
pub fn overwrite(io: &Io, path: &Path, bytes: &[u8], expect: Expect<'_>) -> Overwrite {
    let (mut conflict, mut theirs) = (None, None);
    let result = guarded(io, path, bytes, expect, &mut conflict, &mut theirs);
    Overwrite {
        result,
        conflict,
        theirs,
    }
}

fn guarded(
    io: &Io,
    path: &Path,
    bytes: &[u8],
    expect: Expect<'_>,
    conflict: &mut Option<PathBuf>,
    theirs: &mut Option<Stamp>,
) -> Result<Stamp, StorageError> {
    let ours = Stamp::of(bytes, None);
    let on_disk = stamp::read(path).map_err(io_err(path))?;
    match &on_disk {
        Some((disk, disk_stamp)) => {
            if let (Some(version), Some(mine)) = (version_of(disk), version_of(bytes))
                && version > mine
            {
                return Err(StorageError::TooNew {
                    path: path.to_path_buf(),
                    version: u32::try_from(version).unwrap_or(u32::MAX),
                });
            }
            if disk_stamp.same_contents(&ours) {
                return Ok(disk_stamp.clone());
            }
            let changed = match expect {
                Expect::Known(seen) => !seen.same_contents(disk_stamp),
                Expect::Unseen => true,
                Expect::Anything => false,
            };
            if changed {
                *conflict = Some(keep_conflict(io, path, disk)?);
                *theirs = Some(disk_stamp.clone());
            }
            back_up_once(io, path, Some(disk))?;
        }
        None => back_up_once(io, path, None)?,
    }
    io.write_atomic(path, bytes)?;
    let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
    Ok(Stamp { modified, ..ours })
}

/// The `"version"` of a JSON document, read without building the rest of it.
pub fn version_of(bytes: &[u8]) -> Option<u64> {
    #[derive(serde::Deserialize)]
    struct Versioned {
        version: Option<u64>,
    }
    serde_json::from_slice::<Versioned>(bytes).ok()?.version
}

/// Saves `theirs` beside `path` as `<stem>.conflict-<time>.json`, never over an earlier copy.
fn keep_conflict(io: &Io, path: &Path, theirs: &[u8]) -> Result<PathBuf, StorageError> {
    let stem = path
        .file_stem()
        .map_or_else(|| "file".into(), |s| s.to_string_lossy().into_owned());
    let ext = path
        .extension()
        .map_or_else(|| "json".into(), |e| e.to_string_lossy().into_owned());
    let time = chrono::Local::now().format("%Y%m%dT%H%M%S");
    for n in 1..=1000 {
        let extra = if n == 1 {
            String::new()
        } else {
            format!("-{n}")
        };
        let copy = path.with_file_name(format!("{stem}.conflict-{time}{extra}.{ext}"));
        if io.write_new(&copy, theirs)? {
            return Ok(copy);
        }
    }
    Err(StorageError::Io {
        path: path.to_path_buf(),
        source: std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            "too many conflict copies this second",
        ),
    })
}

/// The first time this process writes `path`, keeps what was there as `<path>.bak`.
fn back_up_once(io: &Io, path: &Path, old: Option<&Vec<u8>>) -> Result<(), StorageError> {
    let mut done = BACKED_UP.lock().unwrap_or_else(|e| e.into_inner());
    if done.contains(path) {
        return Ok(());
    }
    if let Some(old) = old {
        io.write_atomic(&bak_path(path), old)?;
    }
    done.insert(path.to_path_buf());
    Ok(())
}

/// Where the first overwrite of `path` in a launch keeps the old file.
pub fn bak_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_read_from_any_json_object() {
        assert_eq!(version_of(br#"{"bullets":[1,2],"version":3}"#), Some(3));
        assert_eq!(version_of(br#"{"bullets":[]}"#), None);
        assert_eq!(version_of(b"not json"), None);
        assert_eq!(version_of(br#"{"version":"x"}"#), None);
    }

    #[test]
    fn bak_sits_beside_the_file() {
        assert_eq!(
            bak_path(Path::new("/d/notes/a.json")),
            Path::new("/d/notes/a.json.bak")
        );
    }
}
