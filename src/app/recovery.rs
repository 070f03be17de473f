//! What happens when things go wrong, so that no note is lost: after a panic, unsaved notes go to
//! recovery files beside their sessions (never over the real file: the state may be
//! inconsistent) and a crash report to `crash/`; the next start offers the recovered notes back.
//! When saving keeps failing, quitting writes the notes to a fallback file elsewhere and prints
//! them as Markdown once the terminal is back, so they survive in the scrollback.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use crate::export;
use crate::outline::Outline;
use crate::outline::file::{NotesFile, SessionMeta};
use crate::state::State;
use crate::storage::{Store, write_atomic};

/// Ending of a recovery file's name, after the session's file stem.
pub(super) const RECOVERY_SUFFIX: &str = ".recovery.json";

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

fn recovery_path(store: &Store, conference: &str, id: &str) -> PathBuf {
    let notes = store.notes_path(conference, id);
    let stem = notes
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    notes.with_file_name(format!("{stem}{RECOVERY_SUFFIX}"))
}

/// After a panic: each unsaved session's notes beside its file. Returns the files written.
pub(super) fn write_recovery(
    store: &Store,
    state: &State,
    sessions: &HashSet<String>,
) -> Vec<PathBuf> {
    let mut written = Vec::new();
    for id in sessions {
        let Some(file) = notes_file(state, id) else {
            continue;
        };
        let Ok(json) = serde_json::to_vec_pretty(&file) else {
            continue;
        };
        let path = recovery_path(store, &state.conference.id, id);
        if write_atomic(&path, &json).is_ok() {
            written.push(path);
        }
    }
    written
}

/// The crash report: version, message and backtrace, in the data directory's `crash/`.
pub(super) fn crash_report(store: &Store, panic: &str) -> Option<PathBuf> {
    let now = chrono::Local::now();
    let path = store
        .root()
        .join("crash")
        .join(format!("kaigi-{}.txt", now.format("%Y%m%dT%H%M%S")));
    let text = format!(
        "kaigi {} crashed at {}\n\n{panic}\n",
        env!("CARGO_PKG_VERSION"),
        now.to_rfc3339()
    );
    write_atomic(&path, text.as_bytes()).ok().map(|()| path)
}

/// Notes recovered after an earlier crash, found at start: (session id, outline, meta, file).
pub(super) fn find_recovered(
    store: &Store,
    conference: &str,
    now: chrono::DateTime<chrono::FixedOffset>,
) -> Vec<(String, Outline, SessionMeta, PathBuf)> {
    let dir = store.conference_dir(conference).join("notes");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for path in entries.flatten().map(|e| e.path()) {
        let is_recovery = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().ends_with(RECOVERY_SUFFIX));
        if !is_recovery {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let Ok(file) = serde_json::from_str::<NotesFile>(&text) else {
            continue;
        };
        found.push((file.session.clone(), file.outline(now), file.meta(), path));
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
}

/// When notes could not be saved where they belong: writes them to a fallback folder (the data
/// directory's `unsaved/`, else the system's temporary folder, else the current one) and returns
/// the files written and the notes as Markdown to print.
pub(super) fn fallback(
    store: &Store,
    state: &State,
    sessions: &HashSet<String>,
) -> (Vec<PathBuf>, String) {
    let stamp = chrono::Local::now().format("%Y%m%dT%H%M%S");
    let dirs = [
        store.root().join("unsaved"),
        std::env::temp_dir().join("kaigi-unsaved"),
        PathBuf::from("."),
    ];
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
        if let Some(path) = dirs
            .iter()
            .map(|d| d.join(&name))
            .find(|p| write_atomic(p, &json).is_ok())
        {
            written.push(path);
        }
    }
    let notes = export::Notes {
        outlines: &outlines,
        meta: &state.session_meta,
    };
    let opts = export::Options {
        days: export::Days::All,
        session: None,
        followups_section: false,
        timestamps: false,
        lang: export::Lang::En,
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
