//! `list` and `export`, which work without the terminal UI (importing is in `importing.rs`,
//! making a conference in `create.rs`).

use std::io::Write as _;

use anyhow::{Context as _, bail};
use rust_i18n::t;

use crate::cli::Cli;
use crate::export::{Days, Lang, Notes, Options as ExportOptions};
use crate::storage::Store;
use crate::text::{clean, printable, truncate, width};

/// Writes one line to standard output, cleaned like everything from a file is before the
/// terminal sees it. A closed or failing output is an error to report, never a panic.
pub(crate) fn out(line: impl std::fmt::Display) -> anyhow::Result<()> {
    let line = line.to_string();
    writeln!(std::io::stdout().lock(), "{}", printable(&line)).map_err(stdout_error)
}

/// A failure writing to standard output, said in the interface's language.
pub(crate) fn stdout_error(e: std::io::Error) -> anyhow::Error {
    anyhow::anyhow!("{}: {}", t!("cli.stdout"), crate::storage::io_reason(&e))
}

pub fn list(cli: &Cli) -> anyhow::Result<()> {
    let store = Store::open(cli.data_dir.clone())?;
    let (items, problems) = store.summaries();
    if items.is_empty() {
        out(t!("cli.list_empty", dir = store.root().display()))?;
        out(t!("cli.list_empty_hint"))?;
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
    // The headings in the interface's language; a column is as wide as its heading at least.
    let heading = [
        t!("cli.list_id"),
        t!("cli.list_name"),
        t!("cli.list_dates"),
        t!("cli.list_sessions"),
        t!("cli.list_with_notes"),
        t!("cli.list_bullets"),
    ];
    let id_cols = id_cols.max(width(&heading[0]));
    let name_cols = name_cols.max(width(&heading[1]));
    let [dates_cols, sessions_cols, notes_cols, bullets_cols] = [
        (&heading[2], 23),
        (&heading[3], 8),
        (&heading[4], 10),
        (&heading[5], 7),
    ]
    .map(|(h, least)| width(h).max(least));
    if !items.is_empty() {
        out(format_args!(
            "{}  {}  {}  {}  {}  {}",
            pad(&heading[0], id_cols),
            pad(&heading[1], name_cols),
            pad(&heading[2], dates_cols),
            pad_left(&heading[3], sessions_cols),
            pad_left(&heading[4], notes_cols),
            pad_left(&heading[5], bullets_cols)
        ))?;
    }
    for c in &items {
        let dates = match (c.first_day, c.last_day) {
            (Some(a), Some(b)) => format!("{a} – {b}"),
            _ => "-".into(),
        };
        out(format_args!(
            "{}  {}  {}  {:>sessions_cols$}  {:>notes_cols$}  {:>bullets_cols$}",
            pad(&clean(&c.id), id_cols),
            pad(&truncate(&c.name, name_cols), name_cols),
            pad(&dates, dates_cols),
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
    note(&t!("cli.warning", text = line));
}

/// `s` padded with spaces to `cols` display columns (Japanese names take two a character).
fn pad(s: &str, cols: usize) -> String {
    format!("{s}{}", " ".repeat(cols.saturating_sub(width(s))))
}

/// `s` after spaces to `cols` display columns: right-aligned.
fn pad_left(s: &str, cols: usize) -> String {
    format!("{}{s}", " ".repeat(cols.saturating_sub(width(s))))
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
        target,
        literal,
        title,
        tags,
        toc,
        html,
        ics,
        alarm,
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
            t!(
                "err.no_conference",
                id = format!("{id:?}"),
                dir = store.root().display()
            )
            .into_owned()
        })?,
        None => crate::storage::choose::choose_conference(&store, None, now)?,
    };
    let conference = store.load_conference(&folder)?;
    if *ics {
        let starred = store.load_stars(&conference.id);
        let sessions = crate::export::ics::starred(&conference, &starred);
        if sessions.is_empty() {
            bail!(t!("cli.nothing_starred", name = conference.name));
        }
        let text = crate::export::ics::calendar(&conference, &sessions, *alarm, now);
        return write_out(&store, output.as_deref(), &text, &conference.id, "ics");
    }
    let days = conference.days();
    let day = match (day, all) {
        (_, true) => Days::All,
        (Some(d), false) if days.contains(d) => Days::One(*d),
        (Some(d), false) => bail!(t!(
            "cli.not_a_day",
            day = d,
            name = conference.name,
            days = days
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )),
        // One session: its own day.
        (None, false) if session.is_some() => {
            let id = session.as_deref().unwrap_or_default();
            let Some(s) = conference.session(id) else {
                bail!(no_session(id, &conference.name));
            };
            Days::One(conference.local(&s.start).date_naive())
        }
        (None, false) => Days::One(
            days.get(conference.day_for(now))
                .copied()
                .unwrap_or_default(),
        ),
    };
    if let Some(id) = session
        && conference.session(id).is_none()
    {
        bail!(no_session(id, &conference.name));
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
    // Read once; a line of it that is wrong is said, as the app says it.
    let (settings, settings_problems) = crate::settings::load();
    for p in &settings_problems {
        warn(p);
    }
    let opts = ExportOptions {
        days: day,
        session: session.clone(),
        followups_section: !no_followups_section,
        timestamps: *timestamps,
        lang: match lang {
            Some(crate::cli::LangArg::En) => Lang::En,
            Some(crate::cli::LangArg::Ja) => Lang::Ja,
            None => settings
                .export_lang
                .unwrap_or_else(|| Lang::for_conference(&conference)),
        },
        target: target.or(settings.export_target).unwrap_or_default(),
        literal: *literal,
        title: title.clone(),
        tags: tags.clone(),
        toc: *toc,
    };
    if crate::export::is_empty(&conference, &notes, &opts) {
        let name = &conference.name;
        bail!(match (&opts.session, &opts.days) {
            (Some(id), _) => t!("cli.no_notes_session", id = id, name = name),
            (None, Days::One(d)) => t!("cli.no_notes_day", day = d, name = name),
            (None, Days::All) => t!("cli.no_notes_any", name = name),
        });
    }
    if !tags.is_empty() && title.is_none() {
        warn(&t!("cli.tag_needs_title"));
    } else if !tags.is_empty() && !opts.target.title_apart() {
        warn(&t!("cli.tag_not_for_target"));
    }
    if title.is_some() {
        for said in crate::export::tags_for(opts.target, tags).1 {
            warn(&said);
        }
    }
    let mut md = crate::export::markdown(&conference, &notes, &opts);
    if *html {
        md = crate::export::html::page(&md, opts.target, opts.lang, &conference.name);
    }
    let ext = if *html { "html" } else { "md" };
    let name = match &opts.days {
        Days::One(d) => format!("{}-{d}", conference.id),
        Days::All => conference.id.clone(),
    };
    write_out(&store, output.as_deref(), &md, &name, ext)
}

/// Writes an export to `output` (into it, as `<name>.<ext>`, when it is a folder), saying what
/// it kept and made, or to standard output.
fn write_out(
    store: &Store,
    output: Option<&std::path::Path>,
    text: &str,
    name: &str,
    ext: &str,
) -> anyhow::Result<()> {
    let Some(path) = output else {
        // An iCalendar file's lines end in CRLF; its text was cleaned of control characters.
        let shown = if ext == "ics" {
            std::borrow::Cow::Borrowed(text)
        } else {
            printable(text)
        };
        write!(std::io::stdout().lock(), "{shown}").map_err(stdout_error)?;
        return Ok(());
    };
    let path = if path.is_dir() || path.to_string_lossy().ends_with('/') {
        path.join(format!("{}.{ext}", crate::storage::file_stem(name)))
    } else {
        path.to_path_buf()
    };
    let written = crate::storage::exports::write(store, &path, text.as_bytes())?;
    if let Some(folder) = written.made_folder {
        note(&t!("cli.made_folder", path = folder.display()));
    }
    if let Some(kept) = written.kept {
        note(&t!(
            "cli.kept_other",
            path = path.display(),
            kept = kept.display()
        ));
    }
    note(&t!("cli.exported", path = path.display()));
    Ok(())
}

/// "no session \"id\" in Conference".
fn no_session(id: &str, conference: &str) -> String {
    t!("cli.no_session", id = format!("{id:?}"), name = conference).into_owned()
}
