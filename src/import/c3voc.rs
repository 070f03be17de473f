//! The c3voc schedule model that frab/pretalx `schedule.json` and frab/pentabarf `schedule.xml`
//! share: both carry the same days → rooms → events tree, so ids, time zones, listed days,
//! duplicates and skipped events are decided once, here, whichever syntax they came in.

use std::collections::HashSet;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeDelta, TimeZone};
use chrono_tz::Tz;

use super::{Format, Imported, Options, resolve_time_zone, slug};
use crate::model::schedule::{Link, SCHEDULE_VERSION, ScheduleFile, Session};

/// When an event starts: an instant with its published offset, or only a wall-clock time that
/// needs the conference time zone (older exports).
#[derive(Clone, Copy)]
pub(super) enum When {
    At(DateTime<FixedOffset>),
    Local(NaiveDateTime),
}

/// One event as read from either syntax, before the conference time zone is known. `start` is
/// `None` when the file gave no usable time; such events are skipped with a warning.
pub(super) struct Draft {
    pub id: String,
    pub start: Option<When>,
    pub duration: TimeDelta,
    /// The date of the conference day the event is listed under.
    pub listed: Option<NaiveDate>,
    pub room: String,
    pub title: String,
    pub track: Option<String>,
    pub speakers: Vec<String>,
    pub summary: String,
    pub url: Option<String>,
    /// Slides, recordings, chat and feedback links.
    pub links: Vec<Link>,
}

/// The conference's own fields, trimmed and `None` when empty.
pub(super) struct Header {
    pub acronym: Option<String>,
    pub title: Option<String>,
    pub time_zone: Option<String>,
    /// Where the schedule's relative links (`/system/…/slides.pdf`) live.
    pub base_url: Option<String>,
}

/// `url` made absolute against the origin of `base` when it is a path (`/system/…`).
fn absolute(url: String, base: Option<&str>) -> String {
    let Some(base) = base.filter(|_| url.starts_with('/') && !url.starts_with("//")) else {
        return url;
    };
    let (scheme, rest) = base.split_once("://").unwrap_or(("https", base));
    let host = rest.split('/').next().unwrap_or(rest);
    format!("{scheme}://{host}{url}")
}

/// Events and rooms in file order.
#[derive(Default)]
pub(super) struct Collected {
    drafts: Vec<Draft>,
    rooms: Vec<String>,
    room_set: HashSet<String>,
}

impl Collected {
    pub fn room(&mut self, name: &str) {
        let name = name.trim();
        if !name.is_empty() && self.room_set.insert(name.to_string()) {
            self.rooms.push(name.to_string());
        }
    }

    pub fn push(&mut self, draft: Draft) {
        self.room(&draft.room);
        self.drafts.push(draft);
    }
}

pub(super) fn nonempty(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// Session id: the event's guid, else its numeric id, else the caller's day-room-start. Kept
/// verbatim, whatever it contains: ids are escaped where they become file names.
pub(super) fn event_id(
    guid: Option<String>,
    id: Option<String>,
    fallback: impl FnOnce() -> String,
) -> String {
    [guid, id]
        .into_iter()
        .flatten()
        .find(|t| !t.trim().is_empty())
        .unwrap_or_else(fallback)
}

/// An event's `date`: RFC 3339, or (older generators) a local date-time without an offset.
pub(super) fn when(s: &str) -> Result<When, String> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(When::At(t));
    }
    [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
    .map(When::Local)
    .ok_or_else(|| rust_i18n::t!("err.bad_rfc3339", date = format!("{s:?}")).into_owned())
}

/// `HH:MM` (hours may pass 24), pentabarf's `H:MM:SS`, or `D:HH:MM:SS`. Three fields always mean
/// hours, minutes, seconds: that is what generators write, so `DD:HH:MM` cannot be told apart.
pub(super) fn parse_duration(s: &str) -> Result<TimeDelta, String> {
    let bad = || rust_i18n::t!("err.bad_duration", duration = format!("{s:?}")).into_owned();
    let number = |f: &str| {
        let digits = !f.is_empty() && f.len() <= 6 && f.bytes().all(|b| b.is_ascii_digit());
        digits.then(|| f.parse::<i64>().ok())?
    };
    let fields: Option<Vec<i64>> = s.trim().split(':').map(number).collect();
    let (d, h, m, sec) = match *fields.ok_or_else(bad)?.as_slice() {
        [h, m] => (0, h, m, 0),
        [h, m, s] => (0, h, m, s),
        [d, h, m, s] if h < 24 => (d, h, m, s),
        _ => return Err(bad()),
    };
    if m >= 60 || sec >= 60 {
        return Err(bad());
    }
    TimeDelta::try_seconds(((d * 24 + h) * 60 + m) * 60 + sec).ok_or_else(bad)
}

pub(super) fn summary(abstract_: Option<&str>, description: Option<&str>) -> String {
    let a = super::html::readable(abstract_.unwrap_or("").trim());
    let d = super::html::readable(description.unwrap_or("").trim());
    // Both when both say something: the abstract is the short version of the description.
    match (a.is_empty(), d.is_empty()) {
        (_, true) => a,
        (true, false) => d,
        (false, false) if d.contains(&a) => d,
        (false, false) => format!("{a}\n\n{d}"),
    }
}

/// Resolves the time zone, then turns drafts into sessions: ids deduplicated (first wins), listed
/// days kept where they differ from the local start date, skipped events named in warnings.
pub(super) fn assemble(header: Header, col: Collected, opts: &Options, format: Format) -> Imported {
    let base_url = header.base_url.clone();
    let base_url = base_url.as_deref();
    let mut warnings = Vec::new();
    let declared = header.time_zone.as_deref();
    let at = |d: &Draft| match d.start {
        Some(When::At(t)) => Some(t),
        _ => None,
    };
    let instants: Vec<DateTime<FixedOffset>> = col.drafts.iter().filter_map(at).collect();
    let tz = resolve_time_zone(opts.tz, declared, &instants, &mut warnings);
    let local = col.drafts.iter();
    let local = local
        .filter(|d| matches!(d.start, Some(When::Local(_))))
        .count();
    if local > 0 {
        let named = opts.tz.is_some() || declared.is_some_and(|d| d.parse::<Tz>().is_ok());
        let said = if named || !instants.is_empty() {
            rust_i18n::t!("err.local_times", n = local, tz = tz.name())
        } else {
            rust_i18n::t!("err.local_times_guessed", n = local, tz = tz.name())
        };
        warnings.push(said.into_owned());
    }
    let (mut seen, mut dups, mut untitled, mut untimed) =
        (HashSet::new(), Vec::new(), Vec::new(), Vec::new());
    let mut sessions = Vec::with_capacity(col.drafts.len());
    for d in col.drafts {
        let title = d.title.trim();
        let start = match d.start {
            _ if title.is_empty() => {
                untitled.push(d.id);
                continue;
            }
            Some(When::At(t)) => t,
            Some(When::Local(n)) => local_instant(tz, n),
            None => {
                untimed.push(d.id);
                continue;
            }
        };
        let Some(end) = start.checked_add_signed(d.duration) else {
            untimed.push(d.id);
            continue;
        };
        if !seen.insert(d.id.clone()) {
            dups.push(d.id);
            continue;
        }
        let listed = d
            .listed
            .filter(|&l| l != start.with_timezone(&tz).date_naive());
        sessions.push(Session {
            title: title.to_string(),
            start,
            end,
            room: d.room.trim().to_string(),
            track: nonempty(d.track),
            speakers: d.speakers,
            summary: d.summary,
            url: nonempty(d.url),
            day: listed,
            id: d.id,
            adhoc: false,
            removed: false,
            published: Default::default(),
            links: (d.links.into_iter())
                .map(|l| Link {
                    url: absolute(l.url, base_url),
                    ..l
                })
                .collect(),
        });
    }
    note(&mut warnings, Skipped::Untitled, &untitled);
    note(&mut warnings, Skipped::Untimed, &untimed);
    note(&mut warnings, Skipped::Duplicate, &dups);
    if sessions.is_empty() {
        warnings.push(rust_i18n::t!("err.no_events").into_owned());
    }
    let id = opts.id.clone();
    let id = id.unwrap_or_else(|| {
        slug(
            header
                .acronym
                .as_ref()
                .or(header.title.as_ref())
                .map_or("", |s| s),
        )
    });
    let name = opts.name.clone().or(header.title).or(header.acronym);
    let schedule = ScheduleFile {
        version: SCHEDULE_VERSION,
        name: name.unwrap_or_else(|| id.clone()),
        id,
        time_zone: tz.name().to_string(),
        rooms: col.rooms,
        sessions,
        dates: None,
        source: None,
    };
    Imported {
        schedule,
        format,
        warnings,
    }
}

/// A wall-clock time in `tz`: the earlier of a repeated hour, and an hour on for one skipped by a
/// DST change, since that is when the clock on the wall shows the time.
fn local_instant(tz: Tz, n: NaiveDateTime) -> DateTime<FixedOffset> {
    let later = n.checked_add_signed(TimeDelta::hours(1)).unwrap_or(n);
    tz.from_local_datetime(&n)
        .earliest()
        .or_else(|| tz.from_local_datetime(&later).earliest())
        .unwrap_or_else(|| tz.from_utc_datetime(&n))
        .fixed_offset()
}

/// Why events were skipped.
#[derive(Clone, Copy)]
enum Skipped {
    Untitled,
    Untimed,
    Duplicate,
}

/// One warning per kind of skipped event, naming a few of them: a broken generator can produce
/// thousands, and a wall of identical lines hides the one that matters.
fn note(warnings: &mut Vec<String>, why: Skipped, ids: &[String]) {
    const NAMED: usize = 5;
    if ids.is_empty() {
        return;
    }
    let named: Vec<String> = ids.iter().take(NAMED).map(|id| format!("{id:?}")).collect();
    let more = match ids.len().saturating_sub(NAMED) {
        0 => String::new(),
        n => rust_i18n::t!("err.and_more", n = n).into_owned(),
    };
    let (n, ids) = (ids.len(), named.join(", "));
    let said = match why {
        Skipped::Untitled => rust_i18n::t!("err.skipped_untitled", n = n, ids = ids, more = more),
        Skipped::Untimed => rust_i18n::t!("err.skipped_untimed", n = n, ids = ids, more = more),
        Skipped::Duplicate => {
            rust_i18n::t!("err.skipped_duplicates", n = n, ids = ids, more = more)
        }
    };
    warnings.push(said.into_owned());
}
