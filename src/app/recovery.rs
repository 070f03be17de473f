//! What happens when things go wrong, so that no note is lost: after a panic, unsaved notes go to
//! recovery files beside their sessions (never over the real file: the state may be
//! inconsistent) and a crash report to `crash/`; the next start offers the recovered notes back.
//! When saving keeps failing, quitting writes the notes to a fallback file elsewhere and prints
//! them as Markdown once the terminal is back, so they survive in the scrollback.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use crate::export;
use crate::model::outline::Outline;
use crate::model::outline::file::{NotesFile, SessionMeta};
use crate::state::State;
use crate::storage::{Io, Store, write_atomic};

fn notes_file(state: &State, id: &str) -> Option<NotesFile> {
    let outline = state.notes.get(id).map(|e| &e.outline);
    let meta = state.session_meta.get(id);
    if outline.is_none() && meta.is_none() {
        return None;
    }
    let now = state.local_now();
    let empty = Outline::new(now);
    let no_meta = SessionMeta::default();
    Some(NotesFile::new(
        &state.conference.id,
        id,
        outline.unwrap_or(&empty),
        meta.unwrap_or(&no_meta),
        now,
    ))
}

/// After a panic: each unsaved session's notes beside its file, each crash in files of its own
/// (never over an earlier crash's). Returns the files written.
pub(super) fn write_recovery(
    store: &Store,
    state: &State,
    sessions: &HashSet<String>,
) -> Vec<PathBuf> {
    let mut written = Vec::new();
    if store.is_read_only() {
        return written;
    }
    for id in sessions {
        let Some(file) = notes_file(state, id) else {
            continue;
        };
        let Ok(json) = serde_json::to_vec_pretty(&file) else {
            continue;
        };
        let io = Io::real();
        let kept = (1..=100).find_map(|n| {
            let path = store.recovery_path(&state.conference.id, id, n);
            match io.write_new(&path, &json) {
                Ok(true) => Some(Some(path)),
                Ok(false) => None,
                Err(_) => Some(None),
            }
        });
        if let Some(Some(path)) = kept {
            written.push(path);
        }
    }
    written
}

/// The crash report: version, message and backtrace, in the data directory's `crash/` (in a
/// private temporary folder when the data directory is another kaigi's).
pub(super) fn crash_report(store: &Store, panic: &str) -> Option<PathBuf> {
    let now = chrono::Local::now();
    let dir = if store.is_read_only() {
        private_temp_dir()?
    } else {
        store.root().join("crash")
    };
    let path = dir.join(format!("kaigi-{}.txt", now.format("%Y%m%dT%H%M%S")));
    let text = format!(
        "kaigi {} crashed at {}\n\n{panic}\n",
        env!("CARGO_PKG_VERSION"),
        now.to_rfc3339()
    );
    write_atomic(&path, text.as_bytes()).ok().map(|()| path)
}

/// A new folder of the system's temporary folder that only this user can enter (0700, made
/// fresh with a random name: never one that someone else made first).
fn private_temp_dir() -> Option<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    tempfile::Builder::new()
        .prefix("kaigi-unsaved-")
        .permissions(std::fs::Permissions::from_mode(0o700))
        .tempdir()
        .ok()
        .map(tempfile::TempDir::keep)
}

/// When notes could not be saved where they belong: writes them to a fallback folder (the data
/// directory's `unsaved/`, else a private new folder in the system's temporary folder, else the
/// current one) and returns the files written and the notes as Markdown to print.
pub(super) fn fallback(
    store: &Store,
    state: &State,
    sessions: &HashSet<String>,
) -> (Vec<PathBuf>, String) {
    let stamp = chrono::Local::now().format("%Y%m%dT%H%M%S");
    let mut dirs = vec![store.root().join("unsaved")];
    let mut more = true;
    let mut written = Vec::new();
    let mut outlines: HashMap<String, &Outline> = HashMap::new();
    for id in sessions {
        if let Some(e) = state.notes.get(id) {
            outlines.insert(id.clone(), &e.outline);
        }
        let Some(file) = notes_file(state, id) else {
            continue;
        };
        let Ok(json) = serde_json::to_vec_pretty(&file) else {
            continue;
        };
        let name = format!(
            "{}-{}-{stamp}.json",
            crate::storage::file_stem(&state.conference.id),
            crate::storage::file_stem(id)
        );
        let mut path = dirs
            .iter()
            .map(|d| d.join(&name))
            .find(|p| write_atomic(p, &json).is_ok());
        if path.is_none() && more {
            // Made only when needed, once: an empty folder left in /tmp helps no one.
            more = false;
            dirs.extend(private_temp_dir());
            dirs.push(PathBuf::from("."));
            path = dirs[1..]
                .iter()
                .map(|d| d.join(&name))
                .find(|p| write_atomic(p, &json).is_ok());
        }
        written.extend(path);
    }
    let notes = export::Notes {
        outlines: &outlines,
        meta: &state.session_meta,
    };
    let opts = export::Options {
        days: export::Days::All,
        session: None,
        followups_section: false,
        ..export::Options::default()
    };
    (written, export::markdown(&state.conference, &notes, &opts))
}

/// Paths printed one per line after a label.
pub(super) fn list(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| format!("  {}", p.display()))
        .collect::<Vec<_>>()
        .join("\n")
}
