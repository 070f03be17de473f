//! The subcommands that work without the terminal UI: `import`, `list` and `export`. They read and write
//! the data directory and print a summary; an import that fails changes nothing on disk.

use std::io::Write as _;
use std::path::Path;

use anyhow::{Context as _, bail};
use chrono_tz::Tz;

use crate::cli::Cli;
use crate::export::{Days, Lang, Notes, Options as ExportOptions};
use crate::import::reimport;
use crate::import::{self, Options};
use crate::model::schedule::Conference;
use crate::storage::Io;
use crate::storage::Store;
use crate::storage::guard::{self, Expect, OnChange};
use crate::text::{clean, printable, truncate, width};

/// Writes one line to standard output, cleaned like everything from a file is before the
/// terminal sees it. A closed or failing output is an error to report, never a panic.
pub(crate) fn out(line: impl std::fmt::Display) -> anyhow::Result<()> {
    let line = line.to_string();
    writeln!(std::io::stdout().lock(), "{}", printable(&line)).context("standard output")
}

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
    let before = old
        .sessions
        .iter()
        .filter(|s| !s.adhoc && !s.removed)
        .count();
    let removed = changes.dropped.len() + changes.kept.len();
    if before >= 2 && removed * 2 > before {
        bail!(
            "this file would take {removed} of the conference's {before} sessions out of its \
             schedule (is it the right file, or only the talks to add?); nothing was changed. \
             Pass --force to import it anyway: sessions with notes or a star stay, marked \
             removed"
        );
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

pub fn import(
    cli: &Cli,
    file: &Path,
    name: Option<String>,
    tz: Option<Tz>,
    force: bool,
) -> anyhow::Result<()> {
    let bytes = std::fs::read(file).with_context(|| format!("{}", file.display()))?;
    let Ok(text) = String::from_utf8(bytes) else {
        bail!(
            "{}: not UTF-8 text (a sheet saved by Excel in Japan is often Shift_JIS: save it as \
             \"CSV UTF-8\")",
            file.display()
        );
    };
    let opts = Options {
        id: cli.conference.clone(),
        name,
        tz,
        fallback_name: file.file_stem().map(|s| s.to_string_lossy().into_owned()),
        near: None,
        within: None,
    };
    let opts = table_options(cli, &text, opts)?;
    let imported =
        import::parse(&text, &opts).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    // Validate before touching the data directory.
    (imported.schedule.check()).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;

    let mut imported = imported;
    let source = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
    imported.schedule.source = Some(source.to_string_lossy().into_owned());
    let store = Store::open(cli.data_dir.clone())?;
    // Without --conference, an id that another conference has is not taken over.
    if cli.conference.is_none()
        && let Some((other, id)) = another_conference(&store, &imported.schedule)
    {
        out(format_args!(
            "  ({} is the id of {other:?} already: imported as {id}; --conference {} imports \
             into that one)",
            imported.schedule.id, imported.schedule.id
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
            .context(
                "the conference already in the data directory cannot be read; nothing was changed",
            )?;
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
        let conference = Conference::from_file(merged)
            .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
        let (path, bytes) = store.schedule_file(&conference);
        let path = folder.as_deref().map_or(path, |f| store.schedule_path(f));
        let expect = match &old {
            Some((_, stamp)) => Expect::Known(stamp),
            None => Expect::Unseen,
        };
        let done = guard::overwrite(&Io::real(), &path, &bytes, expect, OnChange::Refuse);
        done.result?;
        if !done.refused {
            break (conference, changes, old.is_some());
        }
        if attempt >= IMPORT_TRIES {
            bail!(
                "{} kept changing while importing (is another program writing it?); nothing \
                 was changed",
                path.display()
            );
        }
    };
    let folder = store
        .find_conference(&id)
        .unwrap_or_else(|| crate::storage::file_stem(&id));
    store.set_last_conference(&folder)?;

    let days = conference.days();
    out(format_args!(
        "Imported {} ({}) as {}",
        conference.name,
        imported.format.name(),
        conference.id
    ))?;
    if let (Some(first), Some(last)) = (days.first(), days.last()) {
        out(format_args!(
            "  {} days: {first} – {last}, time zone {}",
            days.len(),
            conference.tz.name()
        ))?;
    }
    let rooms: std::collections::HashSet<&str> = conference
        .sessions()
        .iter()
        .map(|s| s.room.as_str())
        .filter(|r| !r.is_empty())
        .collect();
    out(format_args!(
        "  {} rooms, {} sessions",
        rooms.len(),
        conference.sessions().len()
    ))?;
    if had_old {
        out(format_args!(
            "  updated: {} added, {} moved, {} removed ({} kept for their notes or star)",
            changes.added.len(),
            changes.moved.len(),
            changes.dropped.len() + changes.kept.len(),
            changes.kept.len()
        ))?;
        for t in &changes.added {
            out(format_args!("    + {t}"))?;
        }
        for (t, from, to) in &changes.moved {
            out(format_args!("    ~ {t}: {from} → {to}"))?;
        }
        for (from, to) in &changes.retitled {
            out(format_args!("    ~ {from} → {to} (new title)"))?;
        }
        for t in &changes.kept {
            out(format_args!(
                "    - {t} (removed from schedule; kept for its notes or star)"
            ))?;
        }
        for t in &changes.dropped {
            out(format_args!("    - {t}"))?;
        }
        for t in &changes.doubled {
            out(format_args!(
                "    = {t}: you had added it too; yours (and its notes) stay beside the \
                 schedule's: M moves the notes, D deletes yours"
            ))?;
        }
        for (t, fields) in &changes.overridden {
            out(format_args!(
                "    ! {t}: the schedule changed {} you had changed; yours kept",
                fields.join(", ")
            ))?;
        }
    }
    for w in &imported.warnings {
        out(format_args!("  warning: {w}"))?;
    }
    out(format_args!(
        "Open it with: kaigi --conference {}",
        conference.id
    ))?;
    Ok(())
}

pub fn list(cli: &Cli) -> anyhow::Result<()> {
    let store = Store::open(cli.data_dir.clone())?;
    let (items, problems) = store.summaries();
    if items.is_empty() {
        out(format_args!(
            "No conferences yet in {}",
            store.root().display()
        ))?;
        out(
            "Run `kaigi` to start on the sample conference, `kaigi new \"Name\" --from DATE` to \
             make your own, or `kaigi import FILE`.",
        )?;
    }
    let id_cols = items
        .iter()
        .map(|c| width(&clean(&c.id)))
        .max()
        .unwrap_or(2)
        .max(2);
    let name_cols = items
        .iter()
        .map(|c| width(&c.name))
        .max()
        .unwrap_or(4)
        .clamp(4, 40);
    if !items.is_empty() {
        out(format_args!(
            "{}  {}  {:<23}  {:>8}  {:>10}  {:>7}",
            pad("ID", id_cols),
            pad("NAME", name_cols),
            "DATES",
            "SESSIONS",
            "WITH NOTES",
            "BULLETS"
        ))?;
    }
    for c in &items {
        let dates = match (c.first_day, c.last_day) {
            (Some(a), Some(b)) => format!("{a} – {b}"),
            _ => "-".into(),
        };
        out(format_args!(
            "{}  {}  {dates:<23}  {:>8}  {:>10}  {:>7}",
            pad(&clean(&c.id), id_cols),
            pad(&truncate(&c.name, name_cols), name_cols),
            c.sessions,
            c.sessions_with_notes,
            c.bullets
        ))?;
    }
    for p in problems {
        warn(&p);
    }
    Ok(())
}

/// A line on standard error, cleaned; an error writing it is ignored (there is nowhere left to
/// report it).
fn note(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{}", printable(line));
}

/// A warning on standard error, as [`note`].
fn warn(line: &str) {
    note(&format!("warning: {line}"));
}

/// `s` padded with spaces to `cols` display columns (Japanese names take two a character).
fn pad(s: &str, cols: usize) -> String {
    format!("{s}{}", " ".repeat(cols.saturating_sub(width(s))))
}

pub fn export(cli: &Cli) -> anyhow::Result<()> {
    let Some(crate::cli::Command::Export {
        day,
        all,
        session,
        output,
        no_followups_section,
        timestamps,
        lang,
    }) = &cli.command
    else {
        bail!("not an export");
    };
    let store = Store::open(cli.data_dir.clone())?;
    let now = cli
        .now
        .map_or_else(chrono::Utc::now, |t| t.with_timezone(&chrono::Utc));
    let folder = match &cli.conference {
        Some(id) => store.find_conference(id).with_context(|| {
            format!(
                "no conference {id:?} in {} (`kaigi list` shows them)",
                store.root().display()
            )
        })?,
        None => crate::storage::choose::choose_conference(&store, None, now)?,
    };
    let conference = store.load_conference(&folder)?;
    let days = conference.days();
    let day = match (day, all) {
        (_, true) => Days::All,
        (Some(d), false) if days.contains(d) => Days::One(*d),
        (Some(d), false) => bail!(
            "{d} is not a day of {} ({})",
            conference.name,
            days.iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        (None, false) => Days::One(
            days.get(conference.day_for(now))
                .copied()
                .unwrap_or_default(),
        ),
    };
    if let Some(id) = session
        && conference.session(id).is_none()
    {
        bail!("no session {id:?} in {}", conference.name);
    }
    let local = now.with_timezone(&conference.tz).fixed_offset();
    let loaded = store.load_notes(&conference.id, local);
    for p in &loaded.problems {
        warn(p);
    }
    let outlines: std::collections::HashMap<String, &crate::model::outline::Outline> = loaded
        .outlines
        .iter()
        .map(|(k, v)| (k.clone(), v))
        .collect();
    let notes = Notes {
        outlines: &outlines,
        meta: &loaded.meta,
    };
    let opts = ExportOptions {
        days: day,
        session: session.clone(),
        followups_section: !no_followups_section,
        timestamps: *timestamps,
        lang: match lang {
            crate::cli::LangArg::En => Lang::En,
            crate::cli::LangArg::Ja => Lang::Ja,
        },
    };
    let md = crate::export::markdown(&conference, &notes, &opts);
    match output {
        Some(path) => {
            crate::storage::write_atomic(path, md.as_bytes())?;
            note(&format!("Exported to {}", path.display()));
        }
        None => {
            write!(std::io::stdout().lock(), "{}", printable(&md)).context("standard output")?
        }
    }
    Ok(())
}
