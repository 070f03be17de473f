//! What a file held when we last read or wrote it, so that a change made behind our back (a sync
//! tool, another laptop, an editor) is noticed before we write over it. Length and modification
//! time make the everyday check cheap; the content hash decides, because sync tools rewrite
//! identical files and some file systems keep times only to the second.

use std::fs;
use std::io::{self, Read, Write};
use std::path::Path;
use std::time::SystemTime;

use xxhash_rust::xxh3::Xxh3;

/// A file's length, modification time and a 128-bit hash of its contents (XXH3: it tells an
/// edit from none, and costs a tenth of SHA-256, which was 6 % of startup; nothing here guards
/// against someone forging a file, who could as well write the notes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    pub len: u64,
    pub modified: Option<SystemTime>,
    pub hash: u128,
}

/// How a file on disk compares with a stamp.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Probe {
    /// Same contents; the stamp given is the file's current one (its time may have moved).
    Same(Stamp),
    /// Different contents (or the file is gone, `None`).
    Changed(Option<Stamp>),
}

impl Stamp {
    /// The stamp of `bytes`, read from a file last modified at `modified`.
    pub fn of(bytes: &[u8], modified: Option<SystemTime>) -> Self {
        Stamp {
            len: bytes.len() as u64,
            modified,
            hash: xxhash_rust::xxh3::xxh3_128(bytes),
        }
    }

    /// Whether two stamps describe the same contents, whatever the times.
    pub fn same_contents(&self, other: &Stamp) -> bool {
        self.len == other.len && self.hash == other.hash
    }

    /// The stamp of the file at `path` (`None` if it does not exist).
    pub fn of_file(path: &Path) -> io::Result<Option<Stamp>> {
        Ok(read(path)?.map(|(_, stamp)| stamp))
    }

    /// How the file at `path` compares with this stamp. Reads the file only when its length and
    /// time no longer match.
    pub fn probe(&self, path: &Path) -> io::Result<Probe> {
        let meta = match fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Probe::Changed(None)),
            Err(e) => return Err(e),
        };
        if meta.len() == self.len
            && self.modified.is_some()
            && meta.modified().ok() == self.modified
        {
            return Ok(Probe::Same(self.clone()));
        }
        Ok(match read(path)? {
            Some((_, now)) if now.same_contents(self) => Probe::Same(now),
            other => Probe::Changed(other.map(|(_, s)| s)),
        })
    }
}

/// A writer that stamps what passes through it: a save hashes the notes as they go to the file,
/// instead of building them in memory first (two copies of a 10,000-bullet session were a third
/// of the memory while typing).
pub struct Stamping<W> {
    inner: W,
    hasher: Xxh3,
    len: u64,
}

impl<W: Write> Stamping<W> {
    pub fn new(inner: W) -> Self {
        Stamping {
            inner,
            hasher: Xxh3::new(),
            len: 0,
        }
    }

    /// The stamp of everything written so far (no time: the file is not written yet).
    pub fn stamp(&self) -> Stamp {
        Stamp {
            len: self.len,
            modified: None,
            hash: self.hasher.digest128(),
        }
    }
}

impl<W: Write> Write for Stamping<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// The stamp of the file at `path`, hashed as it is read in pieces (a save looks at the file it
/// replaces without holding a second copy of it), or `None` if there is no such file.
pub fn look(path: &Path) -> io::Result<Option<Stamp>> {
    let modified = match fs::metadata(path) {
        Ok(m) => m.modified().ok(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let file = match fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let mut stamp = of_reader(file)?;
    stamp.modified = modified;
    Ok(Some(stamp))
}

/// The stamp of everything `r` yields, read in pieces.
pub fn of_reader(mut r: impl Read) -> io::Result<Stamp> {
    let mut sink = Stamping::new(io::sink());
    io::copy(&mut r, &mut sink)?;
    Ok(sink.stamp())
}

/// The bytes of the file at `path` and their stamp, or `None` if there is no such file. The time
/// is taken before reading, so a write racing the read leaves a stale time, never a stale hash.
pub fn read(path: &Path) -> io::Result<Option<(Vec<u8>, Stamp)>> {
    let modified = match fs::metadata(path) {
        Ok(m) => m.modified().ok(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    match fs::read(path) {
        Ok(bytes) => {
            let stamp = Stamp::of(&bytes, modified);
            Ok(Some((bytes, stamp)))
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probe_tells_a_touched_file_from_an_edited_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("n.json");
        fs::write(&path, b"ours").unwrap();
        let stamp = Stamp::of_file(&path).unwrap().unwrap();
        assert!(matches!(stamp.probe(&path).unwrap(), Probe::Same(_)));

        // Same bytes written again by a sync tool: a new time, the same contents.
        let later = SystemTime::now() + std::time::Duration::from_secs(5);
        fs::write(&path, b"ours").unwrap();
        fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(later)
            .unwrap();
        match stamp.probe(&path).unwrap() {
            Probe::Same(now) => assert_eq!(now.modified, Some(later)),
            other => panic!("{other:?}"),
        }

        fs::write(&path, b"theirs").unwrap();
        assert!(matches!(
            stamp.probe(&path).unwrap(),
            Probe::Changed(Some(_))
        ));
        fs::remove_file(&path).unwrap();
        assert_eq!(stamp.probe(&path).unwrap(), Probe::Changed(None));
    }

    #[test]
    fn a_stamp_taken_in_pieces_is_the_stamp_of_the_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("n.json");
        // Larger than io::copy's buffer, so it is hashed in several pieces.
        let bytes: Vec<u8> = (0..200_000u32).flat_map(|i| i.to_le_bytes()).collect();
        fs::write(&path, &bytes).unwrap();
        let whole = Stamp::of_file(&path).unwrap().unwrap();
        assert_eq!(look(&path).unwrap(), Some(whole.clone()));
        let mut w = Stamping::new(Vec::new());
        for piece in bytes.chunks(7_777) {
            w.write_all(piece).unwrap();
        }
        assert!(w.stamp().same_contents(&whole));
        assert_eq!(look(&dir.path().join("none.json")).unwrap(), None);
    }
}
