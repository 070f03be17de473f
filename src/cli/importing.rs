//! `kaigi import FILE|URL` and `kaigi refresh`: a published schedule read, checked and merged
//! into the data directory (an import that fails changes nothing), its source remembered so that
//! a refresh asks the same place again, only for a change.

use std::path::Path;

use anyhow::{Context as _, bail};
use chrono_tz::Tz;
use rust_i18n::t;

use super::Cli;
use super::commands::out;
use crate::fetch;
use crate::import::reimport;
use crate::import::{self, Options};
use crate::model::schedule::Conference;
use crate::storage::Io;
use crate::storage::Store;
use crate::storage::guard::{self, Expect, OnChange};

/// When the conference the schedule's id names in the data directory is another one (another
/// source, and not the same name on overlapping days): its name, and an id free for this one.
fn another_conference(
    store: &Store,
    new: &crate::model::schedule::ScheduleFile,
) -> Option<(String, String)> {
    let folder = store.find_conference(&new.id)?;
    let old = store.load_conference(&folder).ok()?;
    let same_source = old.source.is_some() && old.source == new.source;
    let (first, last) = (old.days().first()?, old.days().last()?);
    let overlaps = new.sessions.iter().any(|s| {
        let day = s.start.date_naive();
        *first <= day && day <= *last
    });
    if same_source || (old.name == new.name && overlaps) {
        return None;
    }
    let id = crate::model::create::unused_id(&new.id, |id| store.find_conference(id).is_some());
    Some((old.name, id))
}

/// An import that would take more than half of a conference's sessions out of its schedule is
/// most likely the wrong file, or a sheet with only the talks to add: it needs `--force`.
fn refuse_mass_removal(
    old: &crate::model::schedule::ScheduleFile,
    changes: &reimport::Changes,
) -> anyhow::Result<()> {
    if let Some((removed, before)) = changes.removes_most(old) {
        bail!(t!("cli.mass_removal", removed = removed, before = before).into_owned());
    }
    Ok(())
}

/// A spreadsheet says nothing of the conference it is for: imported into an existing one
/// (`--conference`), it takes that one's name, time zone and year; else its name is the file's
/// and the time zone must be given.
fn table_options(cli: &Cli, text: &str, mut opts: Options) -> anyhow::Result<Options> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if import::detect(text) != Some(import::Format::Table) {
        return Ok(opts);
    }
    let existing = cli.conference.as_deref().and_then(|id| {
        let store = Store::open(cli.data_dir.clone()).ok()?;
        let folder = store.find_conference(id)?;
        store.load_conference(&folder).ok()
    });
    if let Some(c) = existing {
        opts.name = opts.name.or(Some(c.name.clone()));
        opts.tz = opts.tz.or(Some(c.tz));
        opts.near = c.dates.map(|d| d.from).or(c.days().first().copied());
        opts.within = c.dates;
    }
    Ok(opts)
}

/// How often an import tries again when the schedule changes under it (a running kaigi adding a
/// session) before giving up with nothing changed.
const IMPORT_TRIES: usize = 5;

/// What an import reads: a file, or a schedule downloaded from a URL.
pub(super) struct Source {
    /// A file's absolute path, or the URL.
    pub place: String,
    /// For messages: the path as typed, or the URL.
    pub label: String,
    /// The conference's name when the schedule names none (the file's name).
    pub fallback_name: Option<String>,
    pub text: String,
}

/// `kaigi import FILE|URL`.
pub fn import(
    cli: &Cli,
    from: &Path,
    name: Option<String>,
    tz: Option<Tz>,
    force: bool,
) -> anyhow::Result<()> {
    let arg = from.to_string_lossy().into_owned();
    let (source, validators) = if fetch::is_url(&arg) {
        match fetch::fetch(&arg, None, fetch::show_progress)? {
            fetch::Fetched::Body { text, validators } => (web_source(&arg, text), Some(validators)),
            fetch::Fetched::NotModified => {
                bail!(t!("cli.no_schedule_sent", url = arg).into_owned())
            }
        }
    } else {
        (file_source(from)?, None)
    };
    let download = validators.map(|v| (arg.as_str(), v));
    import_text(cli, &source, name, tz, download, force)?;
    Ok(())
}

pub(super) fn web_source(url: &str, text: String) -> Source {
    let stem = url
        .split(['?', '#'])
        .next()
        .unwrap_or(url)
        .trim_end_matches('/');
    let stem = stem.rsplit('/').next().unwrap_or(stem);
    let stem = stem.rsplit_once('.').map_or(stem, |(s, _)| s);
    Source {
        place: url.to_string(),
        label: url.to_string(),
        fallback_name: (!stem.is_empty()).then(|| stem.to_string()),
        text,
    }
}

/// The catalogue id naming what a file of `bytes` is, if its first bytes say it is no text: an
/// image, a PDF, a workbook or another archive (from a trial: a PNG got advice about Excel's
/// Shift_JIS).
fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    if starts(b"\x89PNG") || starts(b"\xff\xd8\xff") || starts(b"GIF8") {
        Some("cli.kind_image")
    } else if starts(b"%PDF") {
        Some("cli.kind_pdf")
    } else if starts(b"PK\x03\x04") {
        Some("cli.kind_zip")
    } else if starts(b"\xd0\xcf\x11\xe0") {
        Some("cli.kind_office")
    } else {
        None
    }
}

pub(super) fn file_source(file: &Path) -> anyhow::Result<Source> {
    let bytes = std::fs::read(file).map_err(|e| {
        let reason = crate::storage::io_reason(&e);
        anyhow::anyhow!("{}: {reason}", file.display())
    })?;
    if let Some(kind) = binary_kind(&bytes) {
        bail!(t!("cli.binary_file", path = file.display(), kind = t!(kind)).into_owned());
    }
    let Ok(text) = String::from_utf8(bytes) else {
        bail!(t!("cli.not_utf8", path = file.display()).into_owned());
    };
    let place = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
    Ok(Source {
        place: place.to_string_lossy().into_owned(),
        label: file.display().to_string(),
        fallback_name: file.file_stem().map(|s| s.to_string_lossy().into_owned()),
        text,
    })
}

/// Imports `source`, merging with the conference there is; returns the conference's folder.
pub(super) fn import_text(
    cli: &Cli,
    source: &Source,
    name: Option<String>,
    tz: Option<Tz>,
    download: Option<(&str, fetch::Validators)>,
    force: bool,
) -> anyhow::Result<String> {
    let (text, label) = (&source.text, &source.label);
    let opts = Options {
        id: cli.conference.clone(),
        name,
        tz,
        fallback_name: source.fallback_name.clone(),
        near: None,
        within: None,
    };
    let opts = table_options(cli, text, opts)?;
    let imported = import::parse(text, &opts).map_err(|e| anyhow::anyhow!("{label}: {e}"))?;
    // Validate before touching the data directory.
    (imported.schedule.check()).map_err(|e| anyhow::anyhow!("{label}: {e}"))?;

    let mut imported = imported;
    imported.schedule.source = Some(source.place.clone());
    let store = Store::open(cli.data_dir.clone())?;
    // Imported from here before: that conference, whatever its id.
    if cli.conference.is_none()
        && let Some(id) = conference_from(&store, &source.place)
    {
        imported.schedule.id = id;
    }
    // Without --conference, an id that another conference has is not taken over.
    if cli.conference.is_none()
        && let Some((other, id)) = another_conference(&store, &imported.schedule)
    {
        out(t!(
            "cli.imported_as",
            id = imported.schedule.id,
            other = format!("{other:?}"),
            new_id = id
        ))?;
        imported.schedule.id = id;
    }
    let id = imported.schedule.id.clone();
    // A kaigi running on this data directory may write the schedule at any moment (a new ad-hoc
    // session): the import replaces the file only if it still holds what was read, else it
    // reads and merges again. The running kaigi sees the new file and takes it in.
    let mut attempt = 0;
    let (conference, changes, had_old) = loop {
        attempt += 1;
        let folder = store.find_conference(&id);
        let old = folder
            .as_deref()
            .map(|f| store.read_schedule(f))
            .transpose()
            .context(t!("cli.old_unreadable").into_owned())?;
        let stars = store.load_stars(&id);
        let notes = |session: &str| store.notes_path(&id, session).is_file();
        let (merged, changes) = reimport::merge(
            old.as_ref().map(|(f, _)| f),
            imported.schedule.clone(),
            |s| notes(s) || stars.contains(s),
        );
        if let Some((old, _)) = &old
            && !force
        {
            refuse_mass_removal(old, &changes)?;
        }
        let conference =
            Conference::from_file(merged).map_err(|e| anyhow::anyhow!("{label}: {e}"))?;
        let (path, bytes) = store.schedule_file(&conference);
        let path = folder.as_deref().map_or(path, |f| store.schedule_path(f));
        let expect = match &old {
            Some((_, stamp)) => Expect::Known(stamp),
            None => Expect::Unseen,
        };
        let done = guard::overwrite(
            &Io::real(),
            &path,
            guard::Ours::Bytes(&bytes),
            expect,
            OnChange::Refuse,
        );
        done.result?;
        if !done.refused {
            break (conference, changes, old.is_some());
        }
        if attempt >= IMPORT_TRIES {
            bail!(t!("cli.kept_changing", path = path.display()).into_owned());
        }
    };
    let folder = store
        .find_conference(&id)
        .unwrap_or_else(|| crate::storage::file_stem(&id));
    // What was downloaded goes beside the schedule before anything is printed (a closed
    // output must not leave an import without its source).
    if let Some((url, validators)) = download {
        store.remember_download(&folder, url, validators)?;
    }
    store.set_last_conference(&folder)?;

    let days = conference.days();
    out(t!(
        "cli.imported",
        name = conference.name,
        format = imported.format.name(),
        id = conference.id
    ))?;
    if let (Some(first), Some(last)) = (days.first(), days.last()) {
        out(t!(
            "cli.imported_days",
            n = days.len(),
            first = first,
            last = last,
            tz = conference.tz.name()
        ))?;
    }
    let rooms: std::collections::HashSet<&str> = conference
        .sessions()
        .iter()
        .map(|s| s.room.as_str())
        .filter(|r| !r.is_empty())
        .collect();
    out(t!(
        "cli.imported_counts",
        rooms = rooms.len(),
        sessions = conference.sessions().len()
    ))?;
    if had_old {
        out(t!(
            "cli.updated",
            added = changes.added.len(),
            moved = changes.moved.len(),
            removed = changes.dropped.len() + changes.kept.len(),
            kept = changes.kept.len()
        ))?;
        for t in &changes.added {
            out(format_args!("    + {t}"))?;
        }
        for (t, from, to) in &changes.moved {
            out(format_args!("    ~ {t}: {from} → {to}"))?;
        }
        for (from, to) in &changes.retitled {
            out(t!("cli.retitled", from = from, to = to))?;
        }
        for t in &changes.kept {
            out(t!("cli.kept_removed", title = t))?;
        }
        for t in &changes.dropped {
            out(format_args!("    - {t}"))?;
        }
        for t in &changes.doubled {
            out(t!("cli.doubled", title = t))?;
        }
        for (t, fields) in &changes.overridden {
            out(t!("cli.overridden", title = t, fields = fields.join(", ")))?;
        }
    }
    // Sessions marked "slides not published yet" that the schedule now has slides for.
    let published = (conference.sessions().iter())
        .filter(|s| s.has_material())
        .filter(|s| {
            let path = store.notes_path(&conference.id, &s.id);
            store
                .read_notes_file(&path)
                .is_ok_and(|(file, _)| file.slides_pending)
        })
        .count();
    if published > 0 {
        out(if published == 1 {
            t!("cli.slides_published_one", n = published)
        } else {
            t!("cli.slides_published_many", n = published)
        })?;
    }
    for w in &imported.warnings {
        out(format_args!("  {}", t!("cli.warning", text = w)))?;
    }
    out(t!("cli.open_it", id = conference.id))?;
    Ok(folder)
}

/// The conference imported from `place` before, if one was.
fn conference_from(store: &Store, place: &str) -> Option<String> {
    store.conference_folders().into_iter().find_map(|folder| {
        let file = store.load_schedule(&folder).ok()?;
        (file.source.as_deref() == Some(place)).then_some(file.id)
    })
}
