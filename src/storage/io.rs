//! The one door every write in the data directory goes through. Writes are atomic (temp file in
//! the same directory, fsync, rename, fsync of the directory), so a crash leaves the old file or
//! the new one, never half of one. Like SQLite's VFS, the door is a value ([`Io`]) rather than
//! bare `std::fs` calls, so tests can make the Nth create, write, fsync or rename fail (a full
//! disk, a read-only mount) or stall, and check that nothing already on disk is lost.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use tempfile::NamedTempFile;

use super::stamp::{Stamp, Stamping};
use super::{StorageError, io_err};

/// Temp files start and end so; nothing else in the data directory does, so they can be swept.
const TEMP_PREFIX: &str = ".kaigi-";
const TEMP_SUFFIX: &str = ".tmp";

/// A step of an atomic write, as seen by [`Faults`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Op {
    /// Creating the temp file.
    Create,
    /// Writing the bytes into the temp file.
    Write,
    /// Flushing the temp file to disk.
    Fsync,
    /// Renaming the temp file over (or, for a new-only file, beside) the target.
    Rename,
    /// Flushing the directory, after the rename.
    SyncDir,
}

/// What a fault does when it fires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// The step fails with this kind of error (e.g. `StorageFull`, `PermissionDenied`).
    Fail(io::ErrorKind),
    /// The step waits this long, then goes ahead: a slow or sleeping disk.
    Sleep(Duration),
}

/// One injected fault: `effect` on the `nth` (counting from 1) call of `op` made after the fault
/// was added, optionally only for writes whose destination is `target`.
#[derive(Debug, Clone)]
pub struct Fault {
    pub op: Op,
    pub nth: usize,
    pub effect: Effect,
    /// Only writes to this path count; `None` counts every write.
    pub target: Option<PathBuf>,
    /// Fire on every call from the `nth` on, not just the `nth`: a disk that stays full.
    pub sticky: bool,
}

impl Fault {
    /// The `nth` call of `op` fails with an error of `kind`.
    pub fn fail(op: Op, nth: usize, kind: io::ErrorKind) -> Self {
        Fault {
            op,
            nth,
            effect: Effect::Fail(kind),
            target: None,
            sticky: false,
        }
    }

    /// The `nth` call of `op` waits `delay` first.
    pub fn slow(op: Op, nth: usize, delay: Duration) -> Self {
        Fault {
            effect: Effect::Sleep(delay),
            ..Fault::fail(op, nth, io::ErrorKind::Other)
        }
    }

    /// Only writes to `target` count.
    pub fn on(self, target: impl Into<PathBuf>) -> Self {
        Fault {
            target: Some(target.into()),
            ..self
        }
    }

    /// Keeps firing after the `nth` call.
    pub fn sticky(self) -> Self {
        Fault {
            sticky: true,
            ..self
        }
    }
}

/// Faults to inject, shared between a test and the [`Io`] it hands to the code under test.
/// For tests: the real program never makes one.
#[derive(Debug, Default)]
pub struct Faults {
    /// Each fault with the number of matching calls it has seen.
    armed: Mutex<Vec<(Fault, usize)>>,
    calls: Mutex<HashMap<Op, usize>>,
}

impl Faults {
    pub fn new() -> Arc<Self> {
        Arc::new(Faults::default())
    }

    pub fn add(&self, fault: Fault) {
        lock(&self.armed).push((fault, 0));
    }

    /// Disarms every fault.
    pub fn clear(&self) {
        lock(&self.armed).clear();
    }

    /// How many times `op` has been attempted through an [`Io`] sharing these faults.
    pub fn calls(&self, op: Op) -> usize {
        lock(&self.calls).get(&op).copied().unwrap_or(0)
    }

    fn hit(&self, op: Op, target: &Path) -> io::Result<()> {
        *lock(&self.calls).entry(op).or_default() += 1;
        let mut effects = Vec::new();
        for (fault, seen) in lock(&self.armed).iter_mut() {
            if fault.op != op || fault.target.as_deref().is_some_and(|t| t != target) {
                continue;
            }
            *seen += 1;
            if *seen == fault.nth || (fault.sticky && *seen > fault.nth) {
                effects.push(fault.effect);
            }
        }
        for effect in effects {
            match effect {
                Effect::Sleep(d) => std::thread::sleep(d),
                Effect::Fail(kind) => {
                    return Err(io::Error::new(kind, format!("injected fault: {op:?}")));
                }
            }
        }
        Ok(())
    }
}

/// A poisoned lock only means a test thread panicked; the counts are still usable.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// How files get written: for real, or with [`Faults`] injected.
#[derive(Debug, Clone, Default)]
pub struct Io {
    faults: Option<Arc<Faults>>,
}

impl Io {
    /// The file system, untouched.
    pub fn real() -> Self {
        Io { faults: None }
    }

    /// The file system with `faults` injected. For tests.
    pub fn with_faults(faults: Arc<Faults>) -> Self {
        Io {
            faults: Some(faults),
        }
    }

    fn step(&self, op: Op, target: &Path) -> io::Result<()> {
        match &self.faults {
            Some(f) => f.hit(op, target),
            None => Ok(()),
        }
    }

    /// Writes `bytes` to `path` so that a reader, or the next start after a crash, sees either
    /// the old contents or the new ones. On failure the old file is untouched and no temp file
    /// is left behind. A symbolic link stays one: the file it points to is written, in its own
    /// folder, as vim does, so a notes file linked into another folder keeps receiving edits.
    pub fn write_atomic(&self, path: &Path, bytes: &[u8]) -> Result<(), StorageError> {
        self.write_atomic_with(path, |w| w.write_all(bytes))
    }

    /// [`Io::write_atomic`] of what `fill` writes.
    pub fn write_atomic_with(
        &self,
        path: &Path,
        fill: impl FnOnce(&mut Sink<'_>) -> io::Result<()>,
    ) -> Result<(), StorageError> {
        let path = &link_target(path)?;
        let (tmp, _) = self.write_temp_with(path, fill)?;
        self.step(Op::Rename, path).map_err(io_err(path))?;
        tmp.persist(path).map_err(|e| StorageError::Io {
            path: path.to_path_buf(),
            source: e.error,
        })?;
        self.sync_dir(path)
    }

    /// Like [`Io::write_atomic`], and hands back exactly what the rename replaced (`None` where
    /// there was no file). The temp file and the old one change places in one step
    /// (`renameat2(RENAME_EXCHANGE)` on Linux, `renameatx_np(RENAME_SWAP)` on macOS), so a write
    /// by another program that lands between our last look at the file and the rename is in
    /// hand, never silently gone. Where the file system cannot exchange, the file is read just
    /// before a plain rename: a far narrower window, not a closed one.
    pub fn replace(&self, path: &Path, bytes: &[u8]) -> Result<Option<Vec<u8>>, StorageError> {
        let tmp = self.temp(path, |w| w.write_all(bytes))?;
        match self.replace_with(tmp)? {
            Some(old) => old.bytes().map(Some).map_err(io_err(path)),
            None => Ok(None),
        }
    }

    /// The first half of [`Io::replace`]: a flushed temp file beside `path` (or the file its
    /// link names) holding what `fill` writes, and its stamp. Nothing is replaced until
    /// [`Io::replace_with`]; dropped, it is deleted.
    pub fn temp(
        &self,
        path: &Path,
        fill: impl FnOnce(&mut Sink<'_>) -> io::Result<()>,
    ) -> Result<Temp, StorageError> {
        let target = link_target(path)?;
        let (file, stamp) = self.write_temp_with(&target, fill)?;
        Ok(Temp {
            file,
            stamp,
            target,
        })
    }

    /// The second half of [`Io::replace`]: puts `tmp` in its place and hands back what was
    /// there, to be looked at without reading it whole.
    pub fn replace_with(&self, tmp: Temp) -> Result<Option<Old>, StorageError> {
        let path = &tmp.target;
        self.step(Op::Rename, path).map_err(io_err(path))?;
        let old = swap_in(tmp.file, path)?;
        self.sync_dir(path)?;
        Ok(old)
    }

    /// Like [`Io::write_atomic`], but never replaces a file: returns `Ok(false)` and writes
    /// nothing if `path` exists.
    pub fn write_new(&self, path: &Path, bytes: &[u8]) -> Result<bool, StorageError> {
        let tmp = self.write_temp(path, bytes)?;
        self.step(Op::Rename, path).map_err(io_err(path))?;
        match tmp.persist_noclobber(path) {
            Ok(_) => self.sync_dir(path).map(|()| true),
            Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => Ok(false),
            Err(e) => Err(StorageError::Io {
                path: path.to_path_buf(),
                source: e.error,
            }),
        }
    }

    /// A flushed temp file holding `bytes` beside `path`; deleted again if dropped.
    fn write_temp(&self, path: &Path, bytes: &[u8]) -> Result<NamedTempFile, StorageError> {
        Ok(self.write_temp_with(path, |w| w.write_all(bytes))?.0)
    }

    /// A flushed temp file beside `path` holding what `fill` writes, and its stamp; deleted
    /// again if dropped. `fill` is done with (and drops what it holds) before the fsync.
    fn write_temp_with(
        &self,
        path: &Path,
        fill: impl FnOnce(&mut Sink<'_>) -> io::Result<()>,
    ) -> Result<(NamedTempFile, Stamp), StorageError> {
        let dir = parent(path);
        fs::create_dir_all(dir).map_err(io_err(dir))?;
        self.step(Op::Create, path).map_err(io_err(dir))?;
        let mut tmp = tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            .suffix(TEMP_SUFFIX)
            .tempfile_in(dir)
            .map_err(io_err(dir))?;
        self.step(Op::Write, path).map_err(io_err(path))?;
        let stamp = {
            // Stamped in the pieces the buffer hands on, not serde's many small writes.
            let mut w = Sink(io::BufWriter::with_capacity(
                64 * 1024,
                Stamping::new(tmp.as_file_mut()),
            ));
            fill(&mut w).map_err(io_err(path))?;
            w.flush().map_err(io_err(path))?;
            w.0.get_ref().stamp()
        };
        self.step(Op::Fsync, path).map_err(io_err(path))?;
        tmp.as_file().sync_all().map_err(io_err(path))?;
        Ok((tmp, stamp))
    }

    /// The rename is durable only once the directory entry is on disk too.
    fn sync_dir(&self, path: &Path) -> Result<(), StorageError> {
        let dir = parent(path);
        self.step(Op::SyncDir, path).map_err(io_err(dir))?;
        if let Ok(d) = fs::File::open(dir) {
            d.sync_all().map_err(io_err(dir))?;
        }
        Ok(())
    }
}

/// Where a file's contents are written: a buffer, stamped as it empties into the temp file. A
/// type of its own rather than `dyn Write`, so that serde's many small writes are inlined copies
/// into the buffer, not calls through a vtable (they were a third of a save's time).
pub struct Sink<'a>(io::BufWriter<Stamping<&'a mut fs::File>>);

impl Write for Sink<'_> {
    #[inline]
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf)
    }

    #[inline]
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.0.write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// A file written beside its target, not yet in its place (see [`Io::temp`]).
pub struct Temp {
    file: NamedTempFile,
    /// What it holds (no time yet: the rename may still move it).
    pub stamp: Stamp,
    target: PathBuf,
}

/// What a replace found in the file's place.
pub enum Old {
    /// Exchanged into the temp file's name, deleted when this is dropped.
    Kept(NamedTempFile),
    /// Read just before a plain rename.
    Read(Vec<u8>),
}

impl Old {
    /// Its stamp, hashed without reading it whole into memory.
    pub fn stamp(&self) -> io::Result<Stamp> {
        match self {
            Old::Kept(f) => super::stamp::of_reader(fs::File::open(f.path())?),
            Old::Read(bytes) => Ok(Stamp::of(bytes, None)),
        }
    }

    /// What it holds.
    pub fn bytes(self) -> io::Result<Vec<u8>> {
        match self {
            Old::Kept(f) => fs::read(f.path()),
            Old::Read(bytes) => Ok(bytes),
        }
    }
}

/// Puts the temp file at `path` and returns what was there.
#[cfg(any(
    target_os = "linux",
    target_os = "android",
    target_os = "macos",
    target_os = "ios"
))]
fn swap_in(tmp: NamedTempFile, path: &Path) -> Result<Option<Old>, StorageError> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    loop {
        match renameat_with(CWD, tmp.path(), CWD, path, RenameFlags::EXCHANGE) {
            // The temp file's name now holds the old file; it goes when `tmp` is dropped.
            Ok(()) => return Ok(Some(Old::Kept(tmp))),
            Err(Errno::NOENT) => {}
            Err(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP) => return swap_in_plain(tmp, path),
            Err(e) => return Err(io_err(path)(e.into())),
        }
        // Nothing to exchange with: a rename that fails if a file appeared meanwhile.
        match renameat_with(CWD, tmp.path(), CWD, path, RenameFlags::NOREPLACE) {
            Ok(()) => {
                // The file is ours now: the temp file's name is gone, nothing to delete.
                let _ = tmp.into_temp_path().keep();
                return Ok(None);
            }
            Err(Errno::EXIST) => {}
            Err(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP) => return swap_in_plain(tmp, path),
            Err(e) => return Err(io_err(path)(e.into())),
        }
    }
}

#[cfg(not(any(
    target_os = "linux",
    target_os = "android",
    target_os = "macos",
    target_os = "ios"
)))]
fn swap_in(tmp: NamedTempFile, path: &Path) -> Result<Option<Old>, StorageError> {
    swap_in_plain(tmp, path)
}

/// The fallback of [`swap_in`]: read, then rename over.
fn swap_in_plain(tmp: NamedTempFile, path: &Path) -> Result<Option<Old>, StorageError> {
    let old = match fs::read(path) {
        Ok(bytes) => Some(Old::Read(bytes)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(io_err(path)(e)),
    };
    tmp.persist(path).map_err(|e| StorageError::Io {
        path: path.to_path_buf(),
        source: e.error,
    })?;
    Ok(old)
}

/// [`resolve_links`], refusing a link into a folder that is not there (a synced volume not
/// mounted): its folders are not kaigi's to create.
fn link_target(path: &Path) -> Result<PathBuf, StorageError> {
    let target = resolve_links(path);
    if target != path && !parent(&target).is_dir() {
        return Err(StorageError::Io {
            path: path.to_path_buf(),
            source: io::Error::new(
                io::ErrorKind::NotFound,
                rust_i18n::t!("err.link_folder_missing", path = target.display()).into_owned(),
            ),
        });
    }
    Ok(target)
}

/// The file `path` finally names, following symbolic links (at most 40, as the kernel does); a
/// link to a file that does not exist yet names the file to create. Not a link: `path` itself.
pub fn resolve_links(path: &Path) -> PathBuf {
    let mut at = path.to_path_buf();
    for _ in 0..40 {
        let Ok(target) = fs::read_link(&at) else {
            return at;
        };
        at = match at.parent() {
            Some(dir) if target.is_relative() => dir.join(target),
            _ => target,
        };
    }
    at
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Writes `bytes` to `path` atomically, for real: see [`Io::write_atomic`].
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StorageError> {
    Io::real().write_atomic(path, bytes)
}

/// Whether `name` is one of our temp files.
pub(super) fn is_temp_name(name: &str) -> bool {
    name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX) && name.len() > 11
}

/// Removes our temp files under `root` last modified before `cutoff`, without following
/// symbolic links; returns how many went.
pub(super) fn remove_temp_files(root: &Path, cutoff: SystemTime) -> usize {
    let mut removed = 0;
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                dirs.push(entry.path());
                continue;
            }
            let name = entry.file_name();
            if !kind.is_file() || !name.to_str().is_some_and(is_temp_name) {
                continue;
            }
            let old = entry
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| t <= cutoff);
            if old && fs::remove_file(entry.path()).is_ok() {
                removed += 1;
            }
        }
    }
    removed
}
