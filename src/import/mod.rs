//! Reading published schedules: iCalendar, frab/pretalx `schedule.json`, frab/pentabarf
//! `schedule.xml`, and kaigi's own JSON. The format is recognised from the content, not the file
//! name. Each format has its own module turning text into a [`ScheduleFile`]; nothing here touches
//! the disk.

mod c3voc;
mod detect;
pub mod flat;
pub mod frab_json;
pub mod frab_xml;
pub mod html;
pub mod ics;
pub mod reimport;
pub mod table;

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, Offset, TimeZone};
use chrono_tz::Tz;

use crate::model::schedule::{SCHEDULE_VERSION, ScheduleFile, Session};

/// What the user said on the command line about the conference being imported.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub id: Option<String>,
    pub name: Option<String>,
    pub tz: Option<Tz>,
    /// The conference's name when the file names none (a calendar without `X-WR-CALNAME`, a
    /// spreadsheet): the file's name, say.
    pub fallback_name: Option<String>,
    /// A day of the conference, for dates written without a year (a spreadsheet's `6/1`).
    pub near: Option<chrono::NaiveDate>,
    /// The days of the conference imported into (one made with `kaigi new`): a spreadsheet's
    /// row on another day is an error, as in the session form.
    pub within: Option<crate::model::schedule::Dates>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Native,
    FrabJson,
    FrabXml,
    Ics,
    Table,
    C3vocV2,
    Sessionize,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Native => "kaigi schedule JSON",
            Format::FrabJson => "frab/pretalx schedule.json",
            Format::FrabXml => "frab/pentabarf schedule.xml",
            Format::Ics => "iCalendar",
            Format::Table => "CSV/TSV timetable",
            Format::C3vocV2 => "c3voc schedule v2 JSON",
            Format::Sessionize => "Sessionize JSON",
        }
    }
}

/// A schedule read from a file, with what was odd about it.
#[derive(Debug, Clone)]
pub struct Imported {
    pub schedule: ScheduleFile,
    pub format: Format,
    pub warnings: Vec<String>,
}

/// Why a file cannot be imported, in the interface's language (`err.*` in the catalogues).
#[derive(Debug)]
pub enum ImportError {
    /// `location` is a line ("line 12"), a JSON path ("schedule.conference.days[0].date") or an
    /// element ("<event id=\"12\"> at line 40").
    Invalid { location: String, message: String },
    /// What the file looks like instead ("a web page (HTML)").
    UnknownFormat(String),
    /// The format's name.
    Empty(&'static str),
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::Invalid { location, message } => write!(f, "{location}: {message}"),
            ImportError::UnknownFormat(looks) => {
                f.write_str(&rust_i18n::t!("err.unknown_format", looks = looks))
            }
            ImportError::Empty(format) => f.write_str(&rust_i18n::t!("err.empty", format = format)),
        }
    }
}

impl std::error::Error for ImportError {}

/// "line 12", as a location in a file.
pub(crate) fn line(n: impl std::fmt::Display) -> String {
    rust_i18n::t!("err.line", line = n).into_owned()
}

/// "what (line 12)": something in a file and the line it is on.
pub(crate) fn at_line(what: impl std::fmt::Display, n: impl std::fmt::Display) -> String {
    rust_i18n::t!("err.at_line", what = what, line = n).into_owned()
}

impl ImportError {
    /// Control characters in either part are escaped: both can quote the file (a name after
    /// `BEGIN:`, the character roxmltree stopped at), and an error message printed to the
    /// terminal must not drive it.
    pub fn invalid(location: impl Into<String>, message: impl Into<String>) -> Self {
        ImportError::Invalid {
            location: escape_controls(location.into()),
            message: escape_controls(message.into()),
        }
    }
}

/// `s` with each control character written as its escape (`\r`, `\u{1b}`), the rest untouched.
fn escape_controls(s: String) -> String {
    let unsafe_char = |c: char| c.is_control() || crate::text::is_bidi_control(c);
    if !s.chars().any(unsafe_char) {
        return s;
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if unsafe_char(c) {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    out
}

/// A schedule from sessions read in any order: sorted by start, rooms in the order they are
/// first used.
pub(super) fn imported(
    mut sessions: Vec<Session>,
    name: String,
    id: String,
    tz: chrono_tz::Tz,
    format: Format,
    warnings: Vec<String>,
) -> Result<Imported, ImportError> {
    sessions.sort_by_key(|s| s.start);
    let mut rooms: Vec<String> = Vec::new();
    for s in &sessions {
        if !s.room.is_empty() && !rooms.contains(&s.room) {
            rooms.push(s.room.clone());
        }
    }
    Ok(Imported {
        schedule: ScheduleFile {
            version: SCHEDULE_VERSION,
            id,
            name,
            time_zone: tz.name().to_string(),
            rooms,
            dates: None,
            source: None,
            sessions,
        },
        format,
        warnings,
    })
}

/// Parses a schedule in any supported format.
pub fn parse(text: &str, opts: &Options) -> Result<Imported, ImportError> {
    // A byte-order mark (Windows editors, some exporters) is not part of any format.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let found = detect(text)
        .ok_or_else(|| ImportError::UnknownFormat(escape_controls(looks_like(text))))?;
    let mut imported = match found {
        Format::Native => native(text)?,
        Format::FrabJson => frab_json::parse(text, opts)?,
        Format::FrabXml => frab_xml::parse(text, opts)?,
        Format::Ics => ics::parse(text, opts)?,
        Format::Table => table::parse(text, opts)?,
        Format::C3vocV2 => flat::parse_v2(text, opts)?,
        Format::Sessionize => flat::parse_sessionize(text, opts)?,
    };
    if imported.schedule.sessions.is_empty() {
        return Err(ImportError::Empty(imported.format.name()));
    }
    match &opts.id {
        Some(id) => imported.schedule.id = id.clone(),
        // A name with nothing ASCII in it (テスト) gets an id from its first day.
        None => {
            let first = (imported.schedule.sessions.iter())
                .map(|s| s.start.date_naive())
                .min()
                .unwrap_or_default();
            let name = opts.name.as_deref().unwrap_or(&imported.schedule.name);
            let derived = crate::model::create::conference_id(name, first);
            if derived.starts_with("conference-") {
                imported.schedule.id = derived;
            }
        }
    }
    if let Some(name) = &opts.name {
        imported.schedule.name = name.clone();
    }
    if let Some(tz) = opts.tz {
        imported.schedule.time_zone = tz.name().to_string();
    }
    Ok(imported)
}

fn native(text: &str) -> Result<Imported, ImportError> {
    let de = &mut serde_json::Deserializer::from_str(text);
    let schedule: ScheduleFile = serde_path_to_error::deserialize(de).map_err(json_error)?;
    if schedule.version > SCHEDULE_VERSION {
        return Err(ImportError::invalid(
            "version",
            rust_i18n::t!("err.version_newer", version = schedule.version),
        ));
    }
    Ok(Imported {
        schedule,
        format: Format::Native,
        warnings: Vec::new(),
    })
}

/// A JSON error with the path of the value that failed and the line it is on.
pub fn json_error(e: serde_path_to_error::Error<serde_json::Error>) -> ImportError {
    // Map keys in the path come from the file: escape them so none can drive the terminal.
    // A segment the parser never reached (the file ended inside an element) shows as "?".
    let path = e.path().to_string();
    let path = path.trim_end_matches(".?").escape_debug().to_string();
    let inner = e.inner();
    let location = if path.is_empty() || path == "." || path == "?" {
        line(inner.line())
    } else {
        at_line(path, inner.line())
    };
    // The location says the line already: serde_json's own " at line 2 column 0" goes.
    let text = inner.to_string();
    let tail = format!(" at line {} column {}", inner.line(), inner.column());
    let text = text.strip_suffix(&tail).unwrap_or(&text).to_string();
    ImportError::invalid(location, text)
}

pub use crate::model::create::slug;
pub use detect::detect;
use detect::looks_like;

/// The conference's time zone: `--tz` if given, else the one the file declares, checked against
/// the offsets its events carry. A declared zone that disagrees with most events (pretalx often
/// says "UTC" over +01:00 times), or none at all, gives way to the fixed-offset zone the events
/// use, with a warning.
pub fn resolve_time_zone(
    forced: Option<Tz>,
    declared: Option<&str>,
    instants: &[DateTime<FixedOffset>],
    warnings: &mut Vec<String>,
) -> Tz {
    if let Some(tz) = forced {
        return tz;
    }
    let declared_tz = declared.and_then(|d| d.parse::<Tz>().ok());
    if let (Some(d), None) = (declared, declared_tz) {
        warnings.push(rust_i18n::t!("err.tz_unknown", tz = format!("{d:?}")).into_owned());
    }
    let agrees = |tz: Tz, t: &DateTime<FixedOffset>| {
        tz.offset_from_utc_datetime(&t.naive_utc()).fix() == *t.offset()
    };
    if let Some(tz) = declared_tz {
        let disagree = instants.iter().filter(|t| !agrees(tz, t)).count();
        if disagree * 2 <= instants.len() {
            return tz;
        }
    }
    let mut counts: HashMap<i32, usize> = HashMap::new();
    for t in instants {
        *counts.entry(t.offset().local_minus_utc()).or_default() += 1;
    }
    let Some((&secs, _)) = counts.iter().max_by_key(|&(s, n)| (n, -s)) else {
        return declared_tz.unwrap_or(Tz::UTC);
    };
    let zone = fixed_zone(secs);
    let offset = FixedOffset::east_opt(secs).map_or_else(String::new, |o| o.to_string());
    warnings.push(
        match declared {
            Some(d) => rust_i18n::t!(
                "err.tz_mismatch",
                tz = format!("{d:?}"),
                offset = offset,
                zone = zone.name()
            ),
            None => rust_i18n::t!("err.tz_none", zone = zone.name(), offset = offset),
        }
        .into_owned(),
    );
    zone
}

/// The IANA zone for a whole-hour UTC offset (`Etc/GMT-9` is +09:00: POSIX signs are inverted),
/// or UTC for offsets no such zone has.
fn fixed_zone(secs: i32) -> Tz {
    if secs == 0 || secs % 3600 != 0 {
        return Tz::UTC;
    }
    let hours = -secs / 3600;
    format!("Etc/GMT{hours:+}").parse().unwrap_or(Tz::UTC)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    #[test]
    fn formats_are_recognised_from_content() {
        assert_eq!(detect("\u{feff}BEGIN:VCALENDAR\r\n"), Some(Format::Ics));
        assert_eq!(
            detect("<?xml version=\"1.0\"?><schedule>"),
            Some(Format::FrabXml)
        );
        assert_eq!(detect("{\"schedule\": {}}"), Some(Format::FrabJson));
        assert_eq!(
            detect("{\"version\":1,\"sessions\":[]}"),
            Some(Format::Native)
        );
        assert_eq!(detect("hello"), None);
    }

    #[test]
    fn a_declared_zone_that_matches_the_times_is_kept() {
        let mut w = Vec::new();
        let tz = resolve_time_zone(
            None,
            Some("Europe/Berlin"),
            &[t("2019-08-21T11:00:00+02:00")],
            &mut w,
        );
        assert_eq!(tz, chrono_tz::Europe::Berlin);
        assert!(w.is_empty());
    }

    #[test]
    fn a_contradicted_zone_gives_way_to_the_offsets_with_a_warning() {
        let mut w = Vec::new();
        let times = [
            t("2020-12-14T09:00:00+01:00"),
            t("2020-12-14T10:00:00+01:00"),
        ];
        let tz = resolve_time_zone(None, Some("UTC"), &times, &mut w);
        assert_eq!(tz.name(), "Etc/GMT-1");
        assert_eq!(w.len(), 1);
        assert_eq!(
            resolve_time_zone(Some(chrono_tz::Europe::Berlin), Some("UTC"), &times, &mut w),
            chrono_tz::Europe::Berlin
        );
    }

    #[test]
    fn slugs_are_lowercase_ascii() {
        assert_eq!(
            slug("Chaos Communication Camp 2019"),
            "chaos-communication-camp-2019"
        );
        assert_eq!(slug("会議"), "conference");
    }

    #[test]
    fn native_errors_name_the_json_path() {
        let e = parse(
            r#"{"version":1,"id":"c","name":"C","time_zone":"UTC","sessions":[{"id":5}]}"#,
            &Options::default(),
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("sessions[0].id"), "{e}");
    }
}
