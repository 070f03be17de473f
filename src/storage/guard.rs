//! Writing over a file that may not hold what we think it does. Before the saver replaces a file
//! it looks at what is there: a file from a newer kaigi is never written over; a file changed
//! behind our back (a sync tool, another laptop, an editor) is kept as a conflict copy beside
//! ours; and the first overwrite of each file in this process keeps the old one as `<file>.bak`,
//! so a launch that went wrong can be undone by hand.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, Mutex};

use super::io::{Io, Sink};
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

/// What to write over the file.
pub enum Ours<'a> {
    Bytes(&'a [u8]),
    /// Written straight into the file by `write`, never held whole in memory (a 10,000-bullet
    /// session is 2 MB of JSON); `version` is the notes format version it writes.
    Stream {
        version: Option<u64>,
        write: Writer<'a>,
    },
}

/// Writes a file's contents into what it is given, once.
pub type Writer<'a> = Box<dyn FnOnce(&mut Sink<'_>) -> std::io::Result<()> + 'a>;

impl Ours<'_> {
    /// The `"version"` of the JSON document this writes, if any.
    fn version(&self) -> Option<u64> {
        match self {
            Ours::Bytes(bytes) => version_of(bytes),
            Ours::Stream { version, .. } => *version,
        }
    }
}

/// Writes `ours` to `path` with `io`, guarding what is already there (see the module docs).
pub fn overwrite(
    io: &Io,
    path: &Path,
    ours: Ours<'_>,
    expect: Expect<'_>,
    on_change: OnChange,
) -> Overwrite {
    let mut done = Overwrite {
        result: Err(StorageError::Io {
            path: path.to_path_buf(),
            source: std::io::ErrorKind::Other.into(),
        }),
        conflicts: Vec::new(),
        theirs: None,
        refused: false,
    };
    done.result = guarded(io, path, ours, expect, on_change, &mut done);
    done
}

fn guarded(
    io: &Io,
    path: &Path,
    ours: Ours<'_>,
    expect: Expect<'_>,
    on_change: OnChange,
    done: &mut Overwrite,
) -> Result<Stamp, StorageError> {
    // A link is written through: copies and backups go beside the file it points to.
    let path = &super::io::resolve_links(path);
    let mine = ours.version();
    // The bytes on disk are read only when they are needed: to keep them (a backup, a conflict
    // copy) or to check their version. A file that is still what we last read or wrote is only
    // hashed, in pieces: every save of a 10,000-bullet session read it whole, twice.
    let (mut disk, mut on_disk) = match expect {
        Expect::Known(_) => (None, stamp::look(path).map_err(io_err(path))?),
        _ => read(path)?,
    };
    let changed = |stamp: &Stamp| match expect {
        Expect::Known(seen) => !seen.same_contents(stamp),
        Expect::Unseen => true,
        Expect::Anything => false,
    };
    if disk.is_none() && on_disk.as_ref().is_some_and(changed) {
        (disk, on_disk) = read(path)?;
    }
    if let Some(disk) = &disk {
        refuse_newer(path, disk, mine)?;
    }
    let tmp = match ours {
        Ours::Bytes(bytes) => io.temp(path, |w| w.write_all(bytes))?,
        Ours::Stream { write, .. } => io.temp(path, write)?,
    };
    let ours = tmp.stamp.clone();
    match &on_disk {
        Some(disk_stamp) => {
            if disk_stamp.same_contents(&ours) {
                return Ok(disk_stamp.clone());
            }
            if changed(disk_stamp) {
                if on_change == OnChange::Refuse {
                    done.refused = true;
                    return Ok(disk_stamp.clone());
                }
                let theirs = disk.as_ref().expect("read above when changed");
                done.conflicts.push(keep_conflict(io, path, theirs)?);
                done.theirs = Some(disk_stamp.clone());
            }
            back_up_once(io, path, Some(disk.as_deref()))?;
        }
        None => back_up_once(io, path, None)?,
    }
    // What was looked at is compared by its stamp from here on: the bytes go before the
    // rename brings the old file's back (a 10,000-bullet session held three copies at once).
    drop(disk);
    let looked_at = on_disk;
    let replaced = io.replace_with(tmp)?;
    // The rename hands back what it replaced: anything but what was looked at above was written
    // by someone else in between, and is kept like any other change of theirs.
    let replaced = match replaced {
        Some(old) => {
            let stamp = old.stamp().map_err(io_err(path))?;
            let seen = looked_at.as_ref().is_some_and(|s| s.same_contents(&stamp));
            (!seen).then_some((old, stamp))
        }
        None => None,
    };
    if let Some((old, old_stamp)) = replaced {
        let old = old.bytes().map_err(io_err(path))?;
        let newer = refuse_newer(path, &old, mine).is_err();
        if !old_stamp.same_contents(&ours) {
            if on_change == OnChange::Refuse || newer {
                put_back(io, path, &old, &ours, done)?;
                done.refused = on_change == OnChange::Refuse;
                refuse_newer(path, &old, mine)?;
                return Ok(old_stamp);
            }
            done.conflicts.push(keep_conflict(io, path, &old)?);
            done.theirs = Some(old_stamp);
        }
    }
    let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
    Ok(Stamp { modified, ..ours })
}

/// The file at `path` and its stamp, both `None` where there is none.
fn read(path: &Path) -> Result<(Option<Vec<u8>>, Option<Stamp>), StorageError> {
    Ok(match stamp::read(path).map_err(io_err(path))? {
        Some((bytes, stamp)) => (Some(bytes), Some(stamp)),
        None => (None, None),
    })
}

/// An error if `disk` comes from a newer kaigi than `mine`, the version being written: writing
/// would lose what this build does not understand.
fn refuse_newer(path: &Path, disk: &[u8], mine: Option<u64>) -> Result<(), StorageError> {
    match (version_of(disk), mine) {
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
    ours: &Stamp,
    done: &mut Overwrite,
) -> Result<(), StorageError> {
    let third = io.replace(path, theirs)?;
    if let Some(third) = third.filter(|b| !Stamp::of(b, None).same_contents(ours)) {
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

/// The first time this process writes `path`, keeps what was there as `<path>.bak`: `old` is
/// `None` where there was no file, `Some(None)` where it is to be copied from the file itself
/// (in pieces, never whole in memory).
fn back_up_once(io: &Io, path: &Path, old: Option<Option<&[u8]>>) -> Result<(), StorageError> {
    let path = &super::io::resolve_links(path);
    let mut done = BACKED_UP.lock().unwrap_or_else(|e| e.into_inner());
    if done.contains(path) {
        return Ok(());
    }
    match old {
        Some(Some(bytes)) => io.write_atomic(&bak_path(path), bytes)?,
        Some(None) => io.write_atomic_with(&bak_path(path), |w| {
            std::io::copy(&mut std::fs::File::open(path)?, w).map(drop)
        })?,
        None => {}
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
