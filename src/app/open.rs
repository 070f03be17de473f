//! Opening a conference: choosing it, reading its schedule, notes and stars, and saying what
//! was found on the way (quarantined schedules, copies to merge, newer files kept read-only).

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, Utc};

use crate::model::schedule::ScheduleFile;
use crate::state::State;
use crate::storage::{LoadedNotes, Stamp, Store};

/// Loads the conference to show, with its folder and what the saver must know of its files. A
/// schedule that cannot be read is moved to `quarantine/` (never deleted; left in place when the
/// store is read-only) and the next choice opens instead; one from a newer kaigi opens read-only.
/// The messages say what happened.
pub(super) fn open_state(
    store: &Store,
    mut requested: Option<&str>,
    now: DateTime<Utc>,
    size: (u16, u16),
) -> anyhow::Result<Started> {
    let mut problems = Vec::new();
    let mut skip = Vec::new();
    loop {
        let (folder, file) = crate::storage::choose::pick_conference(store, requested, now, &skip)?;
        let e = match open_folder(store, &folder, file, now, size) {
            Ok((state, seen, more, loading)) => {
                problems.extend(more);
                return Ok(Started {
                    state,
                    opened: (folder, seen),
                    problems,
                    loading,
                });
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
            problems.push(rust_i18n::t!("msg.schedule_left", error = e).into_owned());
            skip.push(folder);
            continue;
        }
        let to = store.quarantine_schedule(&folder)?;
        let name = to
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        problems.push(
            rust_i18n::t!(
                "msg.schedule_quarantined",
                file = name,
                error = e,
                folder = folder
            )
            .into_owned(),
        );
    }
}

/// The conference kaigi starts on, as the event loop takes it.
pub(super) struct Started {
    pub state: State,
    /// Its folder, and the stamps of the files read so far.
    pub opened: (String, Seen),
    /// What to say about what was found on the way.
    pub problems: Vec<String>,
    pub loading: Loading,
}

/// [`open_folder`] with every notes file read before it returns (opening another conference).
pub(super) fn open_folder_now(
    store: &Store,
    folder: &str,
    now: DateTime<Utc>,
    size: (u16, u16),
) -> anyhow::Result<(State, Seen, Vec<String>)> {
    let (mut state, mut seen, mut problems, loading) = open_folder(store, folder, None, now, size)?;
    let (more_seen, more) = loading.finish(&mut state);
    seen.extend(more_seen);
    problems.extend(more);
    Ok((state, seen, problems))
}

/// Everything the app shows for the conference in `folder` (schedule, stars, the selected
/// session's notes) and the stamps of the files read; the other sessions' notes are read on a
/// thread, [`Loading`]. `file` is its schedule when the caller has read it already. A schedule
/// from a newer kaigi opens read-only.
pub(super) fn open_folder(
    store: &Store,
    folder: &str,
    file: Option<(ScheduleFile, Stamp)>,
    now: DateTime<Utc>,
    size: (u16, u16),
) -> anyhow::Result<(State, Seen, Vec<String>, Loading)> {
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
    let conference = store.conference_from(folder, file)?;
    let mut problems = Vec::new();
    let (stars, stars_stamp) = store.read_stars(&conference.id);
    if let Err(e) = store.set_last_conference(folder) {
        problems.push(e.to_string());
    }
    let mut seen = Seen::new();
    if let Some(stamp) = stamp {
        seen.insert(schedule_path, stamp);
    }
    if let Some(stamp) = stars_stamp {
        seen.insert(store.stars_path(&conference.id), stamp);
    }
    let mut state = State::new(conference, HashMap::new(), now, size).with_stars(stars);
    // The first frame needs the notes of the session it shows; the rest come on a thread.
    let first = match state.selected_session() {
        Some(s) => store.load_session_notes(&state.conference.id, &s.id, local),
        None => crate::storage::LoadedNotes::default(),
    };
    let loading = Loading::spawn(store, &state.conference.id, local, &first);
    let (first_seen, more) = take_loaded(&mut state, first);
    seen.extend(first_seen);
    problems.extend(more);
    // A read-only kaigi writes nothing in the data directory: its exports go where it was started.
    state.export.dir = if store.is_read_only() {
        std::env::current_dir().unwrap_or_default()
    } else {
        store.root().join("exports")
    };
    state.export.default_lang = crate::export::Lang::for_conference(&state.conference);
    state.export.choices = store.export_choices().unwrap_or_default();
    state.export.folder = store.export_folder();
    if let Some(version) = newer {
        state.access.read_only = true;
        state.access.reason =
            rust_i18n::t!("msg.reason_newer_schedule", version = version).into_owned();
        let path = store.schedule_path(folder);
        problems.insert(
            0,
            rust_i18n::t!(
                "msg.schedule_too_new",
                path = path.display(),
                version = version
            )
            .into_owned(),
        );
    }
    state.color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    state.notes_loading = true;
    Ok((state, seen, problems, loading))
}

/// Takes notes read from disk into `state`; returns the stamps of their files and what to say:
/// files that could not be read, sessions from a newer kaigi, copies to merge.
pub(super) fn take_loaded(state: &mut State, loaded: LoadedNotes) -> (Seen, Vec<String>) {
    let locked = loaded.locked.len();
    let copies = loaded.copies.len();
    let (seen, mut problems) = state.take_notes(loaded);
    if locked > 0 {
        problems.push(rust_i18n::t!("msg.sessions_too_new", n = locked).into_owned());
    }
    if copies == 0 {
        return (seen, problems);
    }
    let count = |kind| {
        state
            .copies
            .iter()
            .filter(|c| c.kind == kind && state.copy_adds(c))
            .count()
    };
    let conflicts = count(crate::storage::CopyKind::Conflict);
    if conflicts > 0 {
        let text = if conflicts == 1 {
            rust_i18n::t!("msg.conflicts_one", n = conflicts)
        } else {
            rust_i18n::t!("msg.conflicts_many", n = conflicts)
        };
        problems.insert(0, text.into_owned());
    }
    let unsaved = count(crate::storage::CopyKind::Unsaved);
    if unsaved > 0 {
        problems.insert(
            0,
            rust_i18n::t!("msg.unsaved_found", n = unsaved).into_owned(),
        );
    }
    let recovered = count(crate::storage::CopyKind::Recovery);
    if recovered > 0 {
        let text = if recovered == 1 {
            rust_i18n::t!("msg.recovered_one")
        } else {
            rust_i18n::t!("msg.recovered_many", n = recovered)
        };
        problems.insert(0, text.into_owned());
    }
    (seen, problems)
}

/// The notes of every other session of the conference, being read on a thread.
pub(super) struct Loading(std::thread::JoinHandle<LoadedNotes>);

impl Loading {
    /// Starts reading every notes file of `conference` but those in `read`.
    fn spawn(
        store: &Store,
        conference: &str,
        local: DateTime<FixedOffset>,
        read: &LoadedNotes,
    ) -> Self {
        let store = store.clone();
        let conference = conference.to_string();
        let read = LoadedNotes {
            seen: read.seen.clone(),
            too_new: read.too_new.clone(),
            ..LoadedNotes::default()
        };
        Loading(std::thread::spawn(move || {
            store.load_notes_but(&conference, local, &read)
        }))
    }

    /// Whether the notes are read (taking them in will not wait).
    pub(super) fn is_done(&self) -> bool {
        self.0.is_finished()
    }

    /// Waits for the notes and takes them into `state` (see [`take_loaded`]).
    pub(super) fn finish(self, state: &mut State) -> (Seen, Vec<String>) {
        let loaded = self
            .0
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        let taken = take_loaded(state, loaded);
        state.notes_loaded();
        taken
    }
}

/// What the saver must know of the files as they were read: their stamps, to tell our own
/// writes from a sync tool's or another laptop's.
pub(crate) type Seen = std::collections::HashMap<std::path::PathBuf, crate::storage::Stamp>;
