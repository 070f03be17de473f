//! The app's export from the dialog: the post to a file (never over one edited since without
//! keeping it, see `storage::exports`) or to the clipboard through the terminal.

use crate::action::System;
use crate::model::outline::Outline;
use crate::state::State;
use crate::state::export::Destination;
use crate::storage::Store;
use crate::storage::exports::{self, Written};

/// What became of an export asked for in the app.
pub(super) enum Exported {
    Written(std::path::PathBuf, Written),
    /// The file exists and holds something else: ask before replacing it.
    Exists,
    /// The OSC 52 sequence to write to the terminal, and how many characters it carries.
    Copy(Vec<u8>, usize),
    /// Too large for the clipboard (this many bytes encoded): written to this file instead.
    TooLarge(usize, std::path::PathBuf),
    /// No session with notes in what was asked for: nothing written.
    Nothing,
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

/// Carries out `job`: never into a read-only data directory, and a file that holds something
/// other than kaigi's last export to it is replaced only when the user said so.
fn export(
    store: &Store,
    state: &State,
    job: &crate::update::ExportJob,
) -> Result<Exported, crate::storage::StorageError> {
    let (outlines, meta) = notes(state);
    let notes = crate::export::Notes {
        outlines: &outlines,
        meta,
    };
    if crate::export::is_empty(&state.conference, &notes, &job.options) {
        return Ok(Exported::Nothing);
    }
    let md = crate::export::markdown(&state.conference, &notes, &job.options);
    if job.to == Destination::Clipboard {
        match crate::export::clipboard::osc52(&md) {
            Ok(seq) => return Ok(Exported::Copy(seq, md.chars().count())),
            Err(bytes) => {
                // Too large for a terminal: a file in the exports folder is the safe place.
                let path = target_path(state, "");
                exports::write(store, &path, md.as_bytes())?;
                return Ok(Exported::TooLarge(bytes, path));
            }
        }
    }
    let path = target_path(state, &job.path);
    store.writable(&path)?;
    if !job.replace && exports::holds_other(store, &path, md.as_bytes()) {
        return Ok(Exported::Exists);
    }
    let written = exports::write(store, &path, md.as_bytes())?;
    Ok(Exported::Written(path, written))
}

fn notes(
    state: &State,
) -> (
    std::collections::HashMap<String, &Outline>,
    &std::collections::HashMap<String, crate::model::outline::file::SessionMeta>,
) {
    let outlines = state
        .notes
        .iter()
        .map(|(k, e)| (k.clone(), &e.outline))
        .collect();
    (outlines, &state.session_meta)
}

/// The file typed, with `~` expanded; a folder gets the export's own name in it. An empty path
/// (a clipboard export that was too large) is the exports folder.
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
    found.truncate(500);
    found
}

impl super::event_loop::Loop<'_> {
    /// Carries out an export from the dialog and remembers its choices for the next one.
    pub(super) fn export(&mut self, job: &crate::update::ExportJob) {
        match export(self.store, &self.state, job) {
            Ok(Exported::Written(path, written)) => {
                if let Some(folder) = job.path.rsplit_once('/').map(|(f, _)| f) {
                    let _ = self.store.set_export_folder(folder);
                }
                self.report(System::Exported(path, written));
            }
            Ok(Exported::Exists) => self.report(System::ExportExists(job.path.clone())),
            Ok(Exported::Copy(seq, chars)) => {
                use std::io::Write as _;
                let mut out = std::io::stdout().lock();
                match out.write_all(&seq).and_then(|()| out.flush()) {
                    Ok(()) => self.report(System::Copied(chars)),
                    Err(e) => self.notify(
                        rust_i18n::t!("msg.copy_failed", error = e).into_owned(),
                        true,
                    ),
                }
            }
            Ok(Exported::TooLarge(bytes, path)) => {
                self.report(System::TooLargeToCopy(bytes, path));
            }
            Ok(Exported::Nothing) => {
                self.report(System::NothingToExport);
                return;
            }
            Err(e) => {
                self.notify(
                    rust_i18n::t!("msg.export_failed", error = e).into_owned(),
                    true,
                );
                return;
            }
        }
        let _ = self.store.set_export_choices(&self.state.export.choices);
    }
}
