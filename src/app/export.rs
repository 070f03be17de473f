//! The app's export of the day shown: where it goes, and never over a file edited since.

use crate::model::outline::Outline;
use crate::state::State;
use crate::storage::Store;

/// What became of an export asked for in the app.
pub(super) enum Exported {
    Written(std::path::PathBuf),
    /// The file exists and holds something else: ask before replacing it.
    Exists,
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

/// Writes the day shown as Markdown to the file asked for (never into a read-only data
/// directory). A file there already that holds something else (an export edited since, say) is
/// replaced only when the user said so, and kept as `<file>.bak`.
///
/// `ours` holds what this kaigi last wrote to each export file: a file still holding that is its
/// own previous export and is replaced without asking.
pub(super) fn export_day(
    store: &Store,
    state: &State,
    job: &crate::update::ExportJob,
    ours: &mut std::collections::HashMap<std::path::PathBuf, Vec<u8>>,
) -> Result<Exported, crate::storage::StorageError> {
    let mut path = expand_home(&job.path);
    let day = state
        .conference
        .days()
        .get(state.schedule.day)
        .copied()
        .unwrap_or_default();
    // A folder: the day's file in it.
    if path.is_dir() || job.path.ends_with('/') {
        path = path.join(crate::update::export_name(state, day));
    }
    store.writable(&path)?;
    let outlines: std::collections::HashMap<String, &Outline> = state
        .notes
        .iter()
        .map(|(k, e)| (k.clone(), &e.outline))
        .collect();
    let notes = crate::export::Notes {
        outlines: &outlines,
        meta: &state.session_meta,
    };
    let opts = crate::export::Options {
        days: crate::export::Days::One(day),
        session: None,
        followups_section: true,
        timestamps: false,
        lang: job.lang,
        ..crate::export::Options::default()
    };
    let md = crate::export::markdown(&state.conference, &notes, &opts);
    match std::fs::read(&path) {
        Ok(old) if old == md.as_bytes() => return Ok(Exported::Written(path)),
        Ok(old) if ours.get(&path) == Some(&old) => {}
        Ok(_) if !job.replace => return Ok(Exported::Exists),
        Ok(old) => keep_edited(&path, &old)?,
        Err(_) => {}
    }
    crate::storage::write_atomic(&path, md.as_bytes())?;
    ours.insert(path.clone(), md.into_bytes());
    Ok(Exported::Written(path))
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
