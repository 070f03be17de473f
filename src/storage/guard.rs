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

/// What to do when the file is not what we last read or wrote there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnChange {
    /// Notes: keep theirs as a conflict copy beside the file and write ours.
    KeepTheirs,
    /// A schedule or the stars: write nothing; the caller reads theirs, merges and tries again.
    Refuse,
}

/// What an overwrite did.
#[derive(Debug)]
pub struct Overwrite {
    /// The stamp of what is on disk now if the write went through.
    pub result: Result<Stamp, StorageError>,
    /// Where files found changed on disk were kept (two when another write also landed during
    /// ours).
    pub conflicts: Vec<PathBuf>,
    /// The stamp of the last file kept in `conflicts`: safe to write over from now on.
    pub theirs: Option<Stamp>,
    /// [`OnChange::Refuse`]: the file had changed, nothing was written.
    pub refused: bool,
}

/// Writes `bytes` to `path` with `io`, guarding what is already there (see the module docs).
pub fn overwrite(
    io: &Io,
    path: &Path,
    bytes: &[u8],
    expect: Expect<'_>,
    on_change: OnChange,
) -> Overwrite {
    let mut done = Overwrite {
        result: Ok(Stamp::of(bytes, None)),
        conflicts: Vec::new(),
        theirs: None,
        refused: false,
    };
    done.result = guarded(io, path, bytes, expect, on_change, &mut done);
    done
}

fn guarded(
    io: &Io,
    path: &Path,
    bytes: &[u8],
    expect: Expect<'_>,
    on_change: OnChange,
    done: &mut Overwrite,
) -> Result<Stamp, StorageError> {
    // A link is written through: copies and backups go beside the file it points to.
    let path = &super::io::resolve_links(path);
    let ours = Stamp::of(bytes, None);
    let on_disk = stamp::read(path).map_err(io_err(path))?;
    match &on_disk {
        Some((disk, disk_stamp)) => {
            refuse_newer(path, disk, bytes)?;
            if disk_stamp.same_contents(&ours) {
                return Ok(disk_stamp.clone());
            }
            let changed = match expect {
                Expect::Known(seen) => !seen.same_contents(disk_stamp),
                Expect::Unseen => true,
                Expect::Anything => false,
            };
            if changed {
                if on_change == OnChange::Refuse {
                    done.refused = true;
                    return Ok(disk_stamp.clone());
                }
                done.conflicts.push(keep_conflict(io, path, disk)?);
                done.theirs = Some(disk_stamp.clone());
            }
            back_up_once(io, path, Some(disk))?;
        }
        None => back_up_once(io, path, None)?,
    }
    // What was looked at is compared by its stamp from here on: the bytes go before the
    // rename brings the old file's back (a 10,000-bullet session held three copies at once).
    let looked_at = on_disk.map(|(_, stamp)| stamp);
    let replaced = io.replace(path, bytes)?;
    // The rename hands back what it replaced: anything but what was looked at above was written
    // by someone else in between, and is kept like any other change of theirs.
    let replaced = replaced.map(|old| {
        let stamp = Stamp::of(&old, None);
        (old, stamp)
    });
    if let Some((old, old_stamp)) = replaced.filter(|(_, stamp)| {
        looked_at
            .as_ref()
            .is_none_or(|seen| !seen.same_contents(stamp))
    }) {
        let newer = refuse_newer(path, &old, bytes).is_err();
        if !old_stamp.same_contents(&ours) {
            if on_change == OnChange::Refuse || newer {
                put_back(io, path, &old, bytes, done)?;
                done.refused = on_change == OnChange::Refuse;
                refuse_newer(path, &old, bytes)?;
                return Ok(old_stamp);
            }
            done.conflicts.push(keep_conflict(io, path, &old)?);
            done.theirs = Some(old_stamp);
        }
    }
    let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
    Ok(Stamp { modified, ..ours })
}

/// An error if `disk` comes from a newer kaigi than `ours`: writing would lose what this build
/// does not understand.
fn refuse_newer(path: &Path, disk: &[u8], ours: &[u8]) -> Result<(), StorageError> {
    match (version_of(disk), version_of(ours)) {
        (Some(version), Some(mine)) if version > mine => Err(StorageError::TooNew {
            path: path.to_path_buf(),
            version: u32::try_from(version).unwrap_or(u32::MAX),
        }),
        _ => Ok(()),
    }
}

/// Puts `theirs` back where ours was just written; should a third write have landed meanwhile,
/// it is kept as a conflict copy.
fn put_back(
    io: &Io,
    path: &Path,
    theirs: &[u8],
    ours: &[u8],
    done: &mut Overwrite,
) -> Result<(), StorageError> {
    if let Some(third) = io.replace(path, theirs)?.filter(|b| b != ours) {
        done.conflicts.push(keep_conflict(io, path, &third)?);
    }
    Ok(())
}

/// The `"version"` of a JSON document, read without building the rest of it.
pub fn version_of(bytes: &[u8]) -> Option<u64> {
    #[derive(serde::Deserialize)]
    struct Versioned {
        version: Option<u64>,
    }
    serde_json::from_slice::<Versioned>(bytes).ok()?.version
}

/// Saves `bytes` beside `path` as `<stem>.conflict-<time>.json`, never over an earlier copy:
/// notes of ours that a reload from disk replaced. Returns where they went.
pub fn keep_copy(io: &Io, path: &Path, bytes: &[u8]) -> Result<PathBuf, StorageError> {
    keep_conflict(io, &super::io::resolve_links(path), bytes)
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
            rust_i18n::t!("err.too_many_conflicts").into_owned(),
        ),
    })
}

/// The first time this process writes `path`, keeps what was there as `<path>.bak`.
fn back_up_once(io: &Io, path: &Path, old: Option<&Vec<u8>>) -> Result<(), StorageError> {
    let path = &super::io::resolve_links(path);
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
