//! Writing an export where the user asked: never over a file that holds something else without
//! keeping it (`<file>.bak`, or `<file>.bak-<time>` when that holds another edit), with the
//! permissions of the file it replaces (a new one gets `rw-r--r--`: a post is not a secret),
//! and remembering what kaigi wrote (its hash, in `kaigi.json`) so that its own previous export
//! is replaced without a question, even after a restart.

use std::path::{Path, PathBuf};

use super::{StorageError, Store, write_atomic};

/// What became of a file an export went to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Written {
    /// The file held something else, kept here.
    pub kept: Option<PathBuf>,
    /// The first folder that had to be made for it.
    pub made_folder: Option<PathBuf>,
}

/// Whether the file at `path` holds something other than `bytes` and other than kaigi's last
/// export to it: replacing it loses an edit unless it is kept.
pub fn holds_other(store: &Store, path: &Path, bytes: &[u8]) -> bool {
    match std::fs::read(path) {
        Ok(old) => old != bytes && !store.wrote_export(path, &old),
        Err(_) => false,
    }
}

/// Writes `bytes` to `path`, keeping what was there if it was not kaigi's own last export.
pub fn write(store: &Store, path: &Path, bytes: &[u8]) -> Result<Written, StorageError> {
    store.writable(path)?;
    let mut out = Written::default();
    let old = std::fs::read(path).ok();
    let mode = mode_of(path);
    if let Some(old) = old.as_deref()
        && old != bytes
        && !store.wrote_export(path, old)
    {
        out.kept = Some(keep(path, old, mode)?);
    }
    if let Some(folder) = path
        .parent()
        .filter(|f| !f.as_os_str().is_empty() && !f.exists())
    {
        let mut first = folder.to_path_buf();
        while let Some(p) = first
            .parent()
            .filter(|p| !p.as_os_str().is_empty() && !p.exists())
        {
            first = p.to_path_buf();
        }
        std::fs::create_dir_all(folder).map_err(super::io_err(folder))?;
        out.made_folder = Some(first);
    }
    write_atomic(path, bytes)?;
    set_mode(path, mode.unwrap_or(0o644));
    let _ = store.record_export(path, bytes);
    Ok(out)
}

/// Keeps `old` (the file at `path` before it is replaced) as `<file>.bak`, or, when that holds
/// something else already, `<file>.bak-<time>`: no earlier edit is written over.
fn keep(path: &Path, old: &[u8], mode: Option<u32>) -> Result<PathBuf, StorageError> {
    let bak = super::guard::bak_path(path);
    let to = match std::fs::read(&bak) {
        Ok(held) if held != old => {
            let mut name = bak.file_name().unwrap_or_default().to_os_string();
            name.push(format!("-{}", chrono::Local::now().format("%Y%m%dT%H%M%S")));
            bak.with_file_name(name)
        }
        _ => bak,
    };
    write_atomic(&to, old)?;
    set_mode(&to, mode.unwrap_or(0o644));
    Ok(to)
}

#[cfg(unix)]
fn mode_of(path: &Path) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(path)
        .ok()
        .map(|m| m.permissions().mode() & 0o7777)
}

#[cfg(not(unix))]
fn mode_of(_: &Path) -> Option<u32> {
    None
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt as _;
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode));
}

#[cfg(not(unix))]
fn set_mode(_: &Path, _: u32) {}
