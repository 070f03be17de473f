//! The app's export of the day shown: where it goes, and never over a file edited since.

use crate::model::outline::Outline;
use crate::state::State;
use crate::state::export::Destination;
use crate::storage::Store;

/// What became of an export asked for in the app.
pub(super) enum Exported {
    Written(std::path::PathBuf),
    /// The file exists and holds something else: ask before replacing it.
    Exists,
    /// The OSC 52 sequence to write to the terminal, and how many characters it carries.
    Copy(Vec<u8>, usize),
    /// Too large for the clipboard (this many bytes encoded): written to this file instead.
    TooLarge(usize, std::path::PathBuf),
}

/// `~` or `~/…` as the home folder; anything else as typed.
fn expand_home(path: &str) -> std::path::PathBuf {
    let home = || directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf());
    match path.strip_prefix('~') {
        Some("") => home().unwrap_or_else(|| path.into()),
        Some(rest) if rest.starts_with('/') => home()
            .map(|h| h.join(rest.trim_start_matches('/')))
            .unwrap_or_else(|| path.into()),
        _ => path.into(),
    }
}

/// Writes the export asked for in the dialog to its file (never into a read-only data
/// directory). A file there already that holds something else (an export edited since, say) is
/// replaced only when the user said so, and kept as `<file>.bak`.
///
/// `ours` holds what this kaigi last wrote to each export file: a file still holding that is its
/// own previous export and is replaced without asking.
pub(super) fn export(
    store: &Store,
    state: &State,
    job: &crate::update::ExportJob,
    ours: &mut std::collections::HashMap<std::path::PathBuf, Vec<u8>>,
) -> Result<Exported, crate::storage::StorageError> {
    let md = markdown(state, job);
    if job.to == Destination::Clipboard {
        match crate::export::clipboard::osc52(&md) {
            Ok(seq) => return Ok(Exported::Copy(seq, md.chars().count())),
            Err(bytes) => {
                // Too large for a terminal: the file is the safe place, and the user is told.
                let path = target_path(state, &job.path);
                write(store, &path, &md, job.replace, ours)?;
                return Ok(Exported::TooLarge(bytes, path));
            }
        }
    }
    let path = target_path(state, &job.path);
    write(store, &path, &md, job.replace, ours)
}

/// The post for `job`.
fn markdown(state: &State, job: &crate::update::ExportJob) -> String {
    let outlines: std::collections::HashMap<String, &Outline> = state
        .notes
        .iter()
        .map(|(k, e)| (k.clone(), &e.outline))
        .collect();
    let notes = crate::export::Notes {
        outlines: &outlines,
        meta: &state.session_meta,
    };
    crate::export::markdown(&state.conference, &notes, &job.options)
}

/// The file typed, with `~` expanded; a folder gets the export's own name in it. An empty path
/// (a clipboard export that was too large) is the data directory's `exports/`.
fn target_path(state: &State, typed: &str) -> std::path::PathBuf {
    let typed = if typed.is_empty() {
        state.export.dir.to_string_lossy().into_owned() + "/"
    } else {
        typed.to_string()
    };
    let path = expand_home(&typed);
    if path.is_dir() || typed.ends_with('/') {
        path.join(crate::update::export_name(state))
    } else {
        path
    }
}

fn write(
    store: &Store,
    path: &std::path::Path,
    md: &str,
    replace: bool,
    ours: &mut std::collections::HashMap<std::path::PathBuf, Vec<u8>>,
) -> Result<Exported, crate::storage::StorageError> {
    store.writable(path)?;
    match std::fs::read(path) {
        Ok(old) if old == md.as_bytes() => return Ok(Exported::Written(path.to_path_buf())),
        Ok(old) if ours.get(path) == Some(&old) => {}
        Ok(_) if !replace => return Ok(Exported::Exists),
        Ok(old) => keep_edited(path, &old)?,
        Err(_) => {}
    }
    if let Some(folder) = path.parent().filter(|f| !f.as_os_str().is_empty()) {
        let _ = std::fs::create_dir_all(folder);
    }
    crate::storage::write_atomic(path, md.as_bytes())?;
    ours.insert(path.to_path_buf(), md.as_bytes().to_vec());
    Ok(Exported::Written(path.to_path_buf()))
}

/// The names in the folder of `typed` that start as its last part does (folders end in `/`),
/// sorted; hidden ones only when a `.` was typed.
pub(super) fn completions(typed: &str) -> Vec<String> {
    let (folder, start) = match typed.rfind('/') {
        Some(i) => (&typed[..=i], &typed[i + 1..]),
        None => ("", typed),
    };
    let dir = if folder.is_empty() {
        std::path::PathBuf::from(".")
    } else {
        expand_home(folder)
    };
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut found: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let keep =
                name.starts_with(start) && (start.starts_with('.') || !name.starts_with('.'));
            let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
            keep.then(|| if is_dir { format!("{name}/") } else { name })
        })
        .collect();
    found.sort();
    found.truncate(200);
    found
}

/// Keeps a file edited since kaigi wrote it as `<file>.bak`, or, when that holds something else
/// already, `<file>.bak-<time>`: no earlier edit is written over.
fn keep_edited(path: &std::path::Path, old: &[u8]) -> Result<(), crate::storage::StorageError> {
    let bak = crate::storage::guard::bak_path(path);
    let to = match std::fs::read(&bak) {
        Ok(held) if held != old => {
            let mut name = bak.file_name().unwrap_or_default().to_os_string();
            name.push(format!("-{}", chrono::Local::now().format("%Y%m%dT%H%M%S")));
            bak.with_file_name(name)
        }
        _ => bak,
    };
    crate::storage::write_atomic(&to, old)
}

impl super::event_loop::Loop<'_> {
    /// Carries out an export from the dialog and remembers its choices for the next one.
    pub(super) fn export(&mut self, job: &crate::update::ExportJob) {
        use crate::action::System;
        match export(self.store, &self.state, job, &mut self.exported) {
            Ok(Exported::Written(path)) => self.report(System::Exported(path)),
            Ok(Exported::Exists) => self.report(System::ExportExists(job.path.clone())),
            Ok(Exported::Copy(seq, chars)) => {
                use std::io::Write as _;
                let mut out = std::io::stdout().lock();
                match out.write_all(&seq).and_then(|()| out.flush()) {
                    Ok(()) => self.report(System::Copied(chars)),
                    Err(e) => self.notify(format!("Copy to the clipboard failed: {e}"), true),
                }
            }
            Ok(Exported::TooLarge(bytes, path)) => {
                self.report(System::TooLargeToCopy(bytes, path));
            }
            Err(e) => {
                self.notify(format!("Export failed: {e}"), true);
                return;
            }
        }
        let _ = self.store.set_export_choices(&self.state.export.choices);
    }
}
