//! Opening a conference: choosing it, reading its schedule, notes and stars, and saying what
//! was found on the way (quarantined schedules, copies to merge, newer files kept read-only).

use chrono::{DateTime, Utc};

use crate::model::schedule::ScheduleFile;
use crate::state::State;
use crate::storage::{Stamp, Store};

/// Loads the conference to show, with its folder and what the saver must know of its files. A
/// schedule that cannot be read is moved to `quarantine/` (never deleted; left in place when the
/// store is read-only) and the next choice opens instead; one from a newer kaigi opens read-only.
/// The messages say what happened.
pub(super) fn open_state(
    store: &Store,
    mut requested: Option<&str>,
    now: DateTime<Utc>,
    size: (u16, u16),
) -> anyhow::Result<(State, (String, Seen), Vec<String>)> {
    let mut problems = Vec::new();
    let mut skip = Vec::new();
    loop {
        let (folder, file) = crate::storage::choose::pick_conference(store, requested, now, &skip)?;
        let e = match open_folder(store, &folder, file, now, size) {
            Ok((state, seen, more)) => {
                problems.extend(more);
                return Ok((state, (folder, seen), problems));
            }
            Err(e) => e,
        };
        let storage = e.downcast_ref::<crate::storage::StorageError>();
        let corrupt = storage.is_some_and(|s| s.is_corrupt());
        if !corrupt || skip.len() > 100 {
            return Err(e);
        }
        requested = None;
        if store.is_read_only() {
            problems.push(format!("Unreadable schedule left where it is ({e})"));
            skip.push(folder);
            continue;
        }
        let to = store.quarantine_schedule(&folder)?;
        let name = to
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        problems.push(format!(
            "Unreadable schedule moved to quarantine/{name} ({e}); the notes of {folder} stay: \
             `kaigi import FILE --conference {folder}` brings the conference back"
        ));
    }
}

/// Everything the app shows for the conference in `folder`: schedule, notes, stars, and the
/// stamps of the files read. `file` is its schedule when the caller has read it already. A
/// schedule from a newer kaigi opens read-only.
pub(super) fn open_folder(
    store: &Store,
    folder: &str,
    file: Option<(ScheduleFile, Stamp)>,
    now: DateTime<Utc>,
    size: (u16, u16),
) -> anyhow::Result<(State, Seen, Vec<String>)> {
    let schedule_path = store.schedule_path(folder);
    let (file, stamp, newer) = match file {
        Some((file, stamp)) => (file, Some(stamp), None),
        None => match store.read_schedule(folder) {
            Ok((file, stamp)) => (file, Some(stamp), None),
            Err(crate::storage::StorageError::TooNew { .. }) => {
                let (file, version) = store.read_newer_schedule(folder)?;
                (file, None, Some(version))
            }
            Err(e) => return Err(e.into()),
        },
    };
    let local = now.with_timezone(&file.check()?).fixed_offset();
    let id = file.id.clone();
    // Indexing the programme and reading every notes file are the two halves of startup.
    let (conference, loaded) = std::thread::scope(|s| {
        let notes = s.spawn(|| store.load_notes(&id, local));
        let conference = store.conference_from(folder, file);
        let notes = notes
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        (conference, notes)
    });
    let conference = conference?;
    let mut problems = loaded.problems;
    let locked = loaded.locked;
    if !locked.is_empty() {
        problems.push(format!(
            "{} session(s) hold notes from a newer kaigi: shown read-only, never written",
            locked.len()
        ));
    }
    let (stars, stars_stamp) = store.read_stars(&conference.id);
    if let Err(e) = store.set_last_conference(folder) {
        problems.push(e.to_string());
    }
    let mut seen = loaded.seen;
    if let Some(stamp) = stamp {
        seen.insert(schedule_path, stamp);
    }
    if let Some(stamp) = stars_stamp {
        seen.insert(store.stars_path(&conference.id), stamp);
    }
    let mut state = State::new(conference, loaded.outlines, now, size)
        .with_stars(stars)
        .with_meta(loaded.meta);
    // A read-only kaigi writes nothing in the data directory: its exports go where it was started.
    state.export.dir = if store.is_read_only() {
        std::env::current_dir().unwrap_or_default()
    } else {
        store.root().join("exports")
    };
    state.export.default_lang = crate::export::Lang::for_conference(&state.conference);
    state.export.choices = store.export_choices().unwrap_or_default();
    state.export.folder = store.export_folder();
    state.copies = loaded.copies;
    let count = |kind| {
        state
            .copies
            .iter()
            .filter(|c| c.kind == kind && state.copy_adds(c))
            .count()
    };
    let conflicts = count(crate::storage::CopyKind::Conflict);
    if conflicts > 0 {
        let copies = if conflicts == 1 { "copy" } else { "copies" };
        problems.insert(
            0,
            format!("R: {conflicts} {copies} of notes to merge (from a sync tool?)"),
        );
    }
    let unsaved = count(crate::storage::CopyKind::Unsaved);
    if unsaved > 0 {
        problems.insert(
            0,
            format!("R restores notes that could not be saved last time ({unsaved} in unsaved/)"),
        );
    }
    let recovered = count(crate::storage::CopyKind::Recovery);
    if recovered > 0 {
        let files = if recovered == 1 {
            String::new()
        } else {
            format!(" ({recovered} files)")
        };
        problems.insert(0, format!("R restores notes kept after a crash{files}"));
    }
    if let Some(version) = newer {
        state.access.read_only = true;
        state.access.reason = format!("schedule from a newer kaigi, format {version}");
        problems.insert(
            0,
            format!(
                "{} was written by a newer kaigi (format {version}): shown read-only, never \
                 written",
                store.schedule_path(folder).display()
            ),
        );
    }
    state.color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    state.access.locked_sessions = locked;
    Ok((state, seen, problems))
}

/// What the saver must know of the files as they were read: their stamps, to tell our own
/// writes from a sync tool's or another laptop's.
pub(crate) type Seen = std::collections::HashMap<std::path::PathBuf, crate::storage::Stamp>;
