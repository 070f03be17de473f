//! iCalendar (.ics) schedules as Sessionize, Google Calendar and conference sites publish them.
//! This module owns the mapping from VEVENTs to sessions and the time rules (TZID, UTC, floating,
//! zones only a VTIMEZONE defines). Unfolding, unescaping and parameters are the `icalendar`
//! crate's job; its tree carries no positions, so this module maps offsets back to the file's own
//! line numbers, because someone fixing a broken export needs to know where to look.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Datelike, FixedOffset, LocalResult, NaiveDateTime, Offset};
use chrono::{TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;
use icalendar::parser::{Component as Node, ParseString, Property as Prop};
use icalendar::{CalendarDateTime, Component, DatePerhapsTime, Event, EventLike};
use sha2::{Digest, Sha256};

use super::{Format, ImportError, Imported, Options, resolve_time_zone, slug};
use crate::model::schedule::{SCHEDULE_VERSION, ScheduleFile, Session};

/// Far deeper than real calendars nest; the parser recurses once per level.
const MAX_DEPTH: usize = 32;

pub fn parse(text: &str, opts: &Options) -> Result<Imported, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let unfolded = icalendar::parser::unfold(text);
    let lines = Lines::new(text, &unfolded);
    let shape = Shape::of(&unfolded, &lines)?;
    let mut props = Vec::with_capacity(shape.properties.len());
    for (line, at) in shape.properties {
        let prop = Prop::try_from(line).map_err(|_| invalid(at, "not valid iCalendar"))?;
        props.push(prop);
    }
    let (zones, events) = read_components(&unfolded, &lines, &shape.components)?;

    let mut odd = Oddities::default();
    let declared = value(&props, "X-WR-TIMEZONE");
    let stated = opts.tz.or_else(|| declared?.parse().ok());
    let mut resolved = HashMap::new();
    let times = events.iter().flat_map(|e| [&e.start, &e.end]);
    for dt in times {
        if let Some(DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone { tzid, .. })) = dt {
            let tzid = tzid.clone();
            let fallback = stated.unwrap_or(Tz::UTC);
            let resolve = |t: &String| resolve_tzid(t, &zones, fallback, &mut odd.warnings);
            resolved.entry(tzid).or_insert_with_key(resolve);
        }
    }
    let single = match (resolved.len(), resolved.values().next()) {
        (1, Some(Some(Zone::Iana(tz)))) => Some(*tz),
        _ => None,
    };
    let default = stated.or(single).unwrap_or(Tz::UTC);
    let guessed = stated.is_none();
    let clock = Clock {
        resolved,
        default,
        guessed,
    };
    let mut sessions: Vec<Session> = Vec::new();
    let mut ids = HashSet::new();
    for event in events {
        let line = event.line;
        if let Some(mut s) = clock.session(event, &mut odd) {
            if !ids.insert(s.id.clone()) {
                odd.add(RENAMED, || format!("{:?} (line {line})", s.id));
                let n = (2..).find(|n| !ids.contains(&format!("{}#{n}", s.id)));
                s.id = format!("{}#{}", s.id, n.unwrap_or_default());
                ids.insert(s.id.clone());
            }
            sessions.push(s);
        }
    }

    let mut warnings = odd.finish(default.name());
    if sessions.is_empty() {
        warnings.push("the calendar has no timed events".into());
    }
    sessions.sort_by_key(|s| s.start);
    let mut rooms: Vec<String> = Vec::new();
    let mut listed = HashSet::new();
    for s in sessions.iter().filter(|s| !s.room.is_empty()) {
        if listed.insert(s.room.as_str()) {
            rooms.push(s.room.clone());
        }
    }
    // An unresolvable TZID was warned about already; naming it again would only add noise.
    let declared = declared.or(single.map(|z| z.name()));
    let instants: Vec<_> = sessions.iter().map(|s| s.start).collect();
    let time_zone = resolve_time_zone(opts.tz, declared, &instants, &mut warnings);
    let name = opts.name.as_deref().or(value(&props, "X-WR-CALNAME"));
    let name = name.unwrap_or("Imported calendar").to_string();
    let schedule = ScheduleFile {
        version: SCHEDULE_VERSION,
        id: opts.id.clone().unwrap_or_else(|| slug(&name)),
        name,
        time_zone: time_zone.name().to_string(),
        rooms,
        sessions,
    };
    Ok(Imported {
        schedule,
        format: Format::Ics,
        warnings,
    })
}

fn is(name: &ParseString, want: &str) -> bool {
    name.as_str().eq_ignore_ascii_case(want)
}

fn value<'a>(props: &'a [Prop], key: &str) -> Option<&'a str> {
    let v = props.iter().find(|p| p.name == key)?.val.as_str().trim();
    (!v.is_empty()).then_some(v)
}

fn text(s: Option<&str>) -> Option<String> {
    let s = s?.trim();
    (!s.is_empty()).then(|| s.to_string())
}

fn invalid(line: usize, message: impl Into<String>) -> ImportError {
    ImportError::invalid(format!("line {line}"), message)
}

const ALL_DAY: &str = "all-day event{s} skipped (VALUE=DATE): kaigi lists timed sessions only";
const REPEATING: &str = "repeating event{s} (RRULE/RDATE): only the first occurrence imported";
const FLOATING: &str = "event{s} without a time zone: read as {zone}; pass --tz Area/City if wrong";
const NO_UID: &str = "event{s} without a UID: ids derived from start time and title";
const NO_END: &str = "event{s} without a usable DTEND or DURATION: imported as zero-length";
const RENAMED: &str = "event{s} repeating an earlier UID: ids suffixed #2, #3…";

/// What was odd about the events. Problems many events share are tallied (how many, and the
/// first as "UID (line N)") so that a 500-talk export yields a few warnings, not 500.
#[derive(Default)]
struct Oddities {
    warnings: Vec<String>,
    tallies: Vec<(&'static str, usize, String)>,
}

impl Oddities {
    fn add(&mut self, kind: &'static str, who: impl FnOnce() -> String) {
        match self.tallies.iter_mut().find(|(k, ..)| *k == kind) {
            Some((_, n, _)) => *n += 1,
            None => self.tallies.push((kind, 1, who())),
        }
    }
    fn finish(mut self, zone: &str) -> Vec<String> {
        for (kind, n, first) in self.tallies {
            let text = kind.replace("{s}", if n == 1 { "" } else { "s" });
            let text = text.replace("{zone}", zone);
            self.warnings.push(format!("{n} {text} (first: {first})"));
        }
        self.warnings
    }
}

/// Maps byte offsets in the unfolded text to line numbers in the file as written.
struct Lines {
    starts: Vec<usize>,
    original: Vec<usize>,
}

impl Lines {
    fn new(text: &str, unfolded: &str) -> Self {
        let breaks = unfolded.match_indices('\n').map(|(i, _)| i + 1);
        let lines = text.split('\n').enumerate();
        let original = lines.filter(|(i, l)| *i == 0 || !l.starts_with([' ', '\t']));
        Lines {
            starts: std::iter::once(0).chain(breaks).collect(),
            original: original.map(|(i, _)| i + 1).collect(),
        }
    }
    fn at(&self, offset: usize) -> usize {
        let logical = self.starts.partition_point(|&s| s <= offset);
        let logical = logical.saturating_sub(1);
        let last = self.original.last().copied().unwrap_or(1);
        self.original.get(logical).copied().unwrap_or(last)
    }
    /// The line of `part`, a slice of `unfolded` (the parser borrows names from its input).
    fn of(&self, unfolded: &str, part: &str) -> usize {
        let offset = (part.as_ptr() as usize).wrapping_sub(unfolded.as_ptr() as usize);
        self.at(offset.min(unfolded.len()))
    }
}

/// Where a calendar's own properties and its components are, found line by line before any
/// parsing. The walk also finds what the parser would only call "not valid" (a line that is no
/// `NAME[;PARAM=…]:value`, END without BEGIN, a truncated download) and refuses nesting deep
/// enough to exhaust the recursive parser's stack.
struct Shape<'a> {
    /// Property lines of each VCALENDAR, with their line numbers.
    properties: Vec<(&'a str, usize)>,
    /// The text of each component directly inside a VCALENDAR, BEGIN to END.
    components: Vec<&'a str>,
}

impl<'a> Shape<'a> {
    fn of(unfolded: &'a str, lines: &Lines) -> Result<Self, ImportError> {
        let mut shape = Shape {
            properties: Vec::new(),
            components: Vec::new(),
        };
        let mut open: Vec<(&str, usize)> = Vec::new();
        let mut calendar = false;
        let mut begun = 0;
        let mut offset = 0;
        for raw in unfolded.split('\n') {
            let at = lines.at(offset);
            let here = offset;
            offset += raw.len() + 1;
            let line = raw.trim();
            let rest = line.trim_start_matches(|c: char| c.is_ascii_alphanumeric() || c == '-');
            if !line.is_empty() && (rest.len() == line.len() || !rest.starts_with([':', ';'])) {
                let shown: String = line.chars().take(40).collect();
                return Err(invalid(at, format!("expected NAME:value, found {shown:?}")));
            }
            let name = rest.strip_prefix(':').map(str::trim);
            let keyword = |word: &str| {
                line.len() == rest.len() + word.len()
                    && line[..word.len()].eq_ignore_ascii_case(word)
            };
            match name {
                Some(name) if keyword("BEGIN") => {
                    if open.len() == MAX_DEPTH {
                        return Err(invalid(at, "components nested too deeply"));
                    }
                    match open.len() {
                        0 => calendar = name.eq_ignore_ascii_case("VCALENDAR"),
                        1 => begun = here,
                        _ => {}
                    }
                    open.push((name, at));
                }
                Some(name) if keyword("END") => {
                    match open.pop() {
                        Some((begun, _)) if begun.eq_ignore_ascii_case(name) => {}
                        Some((begun, b)) => {
                            let why = format!("END:{name} closes BEGIN:{begun} from line {b}");
                            return Err(invalid(at, why));
                        }
                        None => {
                            return Err(invalid(at, format!("END:{name} without BEGIN:{name}")));
                        }
                    }
                    if open.len() == 1 && calendar {
                        shape
                            .components
                            .push(unfolded[begun..here + raw.len()].trim());
                    }
                }
                _ if line.is_empty() => {}
                _ if open.is_empty() => {
                    let why = "a property outside BEGIN:VCALENDAR … END:VCALENDAR";
                    return Err(invalid(at, why));
                }
                _ if open.len() == 1 && calendar => shape.properties.push((line, at)),
                _ => {}
            }
        }
        match open.last() {
            Some((name, at)) => {
                let why = format!("BEGIN:{name} is never closed; the file ends early (truncated?)");
                Err(invalid(*at, why))
            }
            None => Ok(shape),
        }
    }
}

/// Parses each component on its own, spread over the cores, and keeps only what an import
/// uses: the parser's tree of a whole 100,000-event calendar took a quarter of a gigabyte and
/// most of the import's time.
fn read_components<'a>(
    unfolded: &'a str,
    lines: &Lines,
    parts: &[&'a str],
) -> Result<(Vec<Node<'a>>, Vec<Vevent>), ImportError> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = cores.min(parts.len() / 2_000 + 1);
    let group = parts.len().div_ceil(threads).max(1);
    let read = |parts: &[&'a str]| {
        let (mut zones, mut events) = (Vec::new(), Vec::new());
        for part in parts {
            let nodes = icalendar::parser::read_calendar_simple(part)
                .map_err(|e| invalid(lines.of(unfolded, e.input), "not valid iCalendar"))?;
            for node in nodes {
                if is(&node.name, "VTIMEZONE") {
                    zones.push(node);
                } else if is(&node.name, "VEVENT") {
                    let at = node.find_prop("DTSTART").map_or(&node.name, |p| &p.name);
                    events.push(Vevent::read(&node, lines.of(unfolded, at.as_str())));
                }
            }
        }
        Ok((zones, events))
    };
    std::thread::scope(|scope| {
        let running: Vec<_> = parts
            .chunks(group)
            .map(|parts| scope.spawn(move || read(parts)))
            .collect();
        let (mut zones, mut events) = (Vec::new(), Vec::with_capacity(parts.len()));
        for thread in running {
            let (z, e) = thread
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
            zones.extend(z);
            events.extend(e);
        }
        Ok((zones, events))
    })
}

#[derive(Clone, Copy)]
enum Zone {
    Iana(Tz),
    Fixed(FixedOffset),
}

impl Zone {
    fn local(self, t: NaiveDateTime) -> Option<DateTime<FixedOffset>> {
        let tz = match self {
            Zone::Iana(tz) => tz,
            Zone::Fixed(offset) => return offset.from_local_datetime(&t).single(),
        };
        match tz.from_local_datetime(&t) {
            LocalResult::Single(d) | LocalResult::Ambiguous(d, _) => Some(d.fixed_offset()),
            // RFC 5545 3.3.5: a time inside a DST gap takes the offset from before the gap.
            LocalResult::None => {
                let before = tz.offset_from_utc_datetime(&(t - TimeDelta::days(1))).fix();
                Some(self.instant(before.from_local_datetime(&t).single()?.to_utc()))
            }
        }
    }
    fn instant(self, t: DateTime<Utc>) -> DateTime<FixedOffset> {
        match self {
            Zone::Iana(tz) => t.with_timezone(&tz).fixed_offset(),
            Zone::Fixed(offset) => t.with_timezone(&offset),
        }
    }
}

struct Clock {
    resolved: HashMap<String, Option<Zone>>,
    default: Tz,
    /// Floating times were read in `default` without the user or the file naming it.
    guessed: bool,
}

impl Clock {
    /// The instant and the zone it is in. Years outside 1000–9999 count as unreadable, so no
    /// later arithmetic can overflow.
    fn at(&self, dt: &CalendarDateTime) -> Option<(DateTime<FixedOffset>, Zone)> {
        let (local, zone) = match dt {
            CalendarDateTime::Utc(t) => (t.naive_utc(), None),
            CalendarDateTime::Floating(t) => (*t, None),
            CalendarDateTime::WithTimezone { date_time, tzid } => {
                (*date_time, self.resolved.get(tzid).copied().flatten())
            }
        };
        let zone = zone.unwrap_or(Zone::Iana(self.default));
        let t = match dt {
            _ if !(1000..=9999).contains(&local.year()) => None,
            CalendarDateTime::Utc(t) => Some(zone.instant(*t)),
            _ => zone.local(local),
        };
        Some((t?, zone))
    }

    fn session(&self, e: Vevent, odd: &mut Oddities) -> Option<Session> {
        let line = e.line;
        let who = || match &e.uid {
            Some(uid) => format!("{uid:?} (line {line})"),
            None => format!("(line {line})"),
        };
        let start = match &e.start {
            Some(DatePerhapsTime::Date(_)) => {
                odd.add(ALL_DAY, who);
                return None;
            }
            Some(DatePerhapsTime::DateTime(dt)) => {
                if let (CalendarDateTime::Floating(_), true) = (dt, self.guessed) {
                    odd.add(FLOATING, who);
                }
                self.at(dt)
            }
            None => None,
        };
        let Some((start, zone)) = start else {
            let why = format!("DTSTART {:?} is not a date and time", e.raw_start);
            odd.warnings.push(format!("skipped event {}: {why}", who()));
            return None;
        };
        let end = match (&e.end, &e.duration) {
            (Some(DatePerhapsTime::DateTime(dt)), _) => self.at(dt).map(|(t, _)| t),
            (None, Some(d)) => duration(d).and_then(|d| start.checked_add_signed(d)),
            _ => None,
        };
        let end = end.filter(|end| *end >= start && end.year() <= 9999);
        let end = end.map(|t| zone.instant(t.to_utc())).unwrap_or_else(|| {
            odd.add(NO_END, who);
            start
        });
        if e.repeating {
            odd.add(REPEATING, who);
        }
        let id = match &e.uid {
            Some(uid) => uid.clone(),
            None => {
                odd.add(NO_UID, who);
                let hash = Sha256::digest(format!("{}\n{}", e.raw_start, e.title));
                let short: [u8; 8] = hash[..8].try_into().unwrap_or_default();
                format!("ics-{:016x}", u64::from_be_bytes(short))
            }
        };
        Some(Session {
            id,
            title: e.title,
            start,
            end,
            room: e.room,
            track: e.track,
            speakers: e.speakers,
            summary: e.summary,
            url: e.url,
            day: None,
            adhoc: false,
            removed: false,
        })
    }
}

/// What an import takes from a VEVENT, read straight from the parser's tree: converting each
/// event into the crate's `Event` (owned strings in B-tree maps) took half of the import's time.
/// Values come unescaped from the parser; of a repeated single-valued property the last one
/// counts, as in `Event`.
struct Vevent {
    line: usize,
    uid: Option<String>,
    raw_start: String,
    start: Option<DatePerhapsTime>,
    end: Option<DatePerhapsTime>,
    duration: Option<String>,
    repeating: bool,
    title: String,
    room: String,
    track: Option<String>,
    speakers: Vec<String>,
    summary: String,
    url: Option<String>,
}

impl Vevent {
    fn read(node: &Node, line: usize) -> Self {
        let props = &node.properties[..];
        let all = |name: &'static str| props.iter().filter(move |p| p.name == name);
        let last = |name: &str| props.iter().rev().find(|p| p.name == name);
        let value = |name: &str| Some(last(name)?.val.as_str());
        let date = |name| {
            let owned = icalendar::Property::from(last(name)?.clone());
            DatePerhapsTime::from_property(&owned)
        };
        let cn = |p: &Prop| {
            let cn = p.params.iter().rev().find(|c| c.key == "CN")?;
            text(Some(cn.val.as_ref()?.as_str()))
        };
        let people = last("ORGANIZER").into_iter().chain(all("ATTENDEE"));
        let mut speakers: Vec<String> = people.filter_map(cn).collect();
        let mut seen = HashSet::new();
        speakers.retain(|s| seen.insert(s.clone()));
        Vevent {
            line,
            uid: text(value("UID")),
            raw_start: value("DTSTART").unwrap_or_default().to_string(),
            start: date("DTSTART"),
            end: date("DTEND"),
            duration: value("DURATION").map(str::to_string),
            repeating: value("RRULE").is_some() || value("RDATE").is_some(),
            title: value("SUMMARY").unwrap_or_default().trim().to_string(),
            room: text(value("LOCATION")).unwrap_or_default(),
            track: first_category(all("CATEGORIES")),
            speakers,
            summary: value("DESCRIPTION").unwrap_or_default().to_string(),
            url: text(value("URL")),
        }
    }
}

/// The crate splits CATEGORIES lists on unescaped commas.
fn first_category<'n, 'a: 'n>(lists: impl Iterator<Item = &'n Prop<'a>>) -> Option<String> {
    let mut lists = lists.peekable();
    lists.peek()?;
    let mut event = Event::new();
    for p in lists {
        event.append_multi_property(icalendar::Property::from(p.clone()));
    }
    let categories = event.get_categories().unwrap_or_default();
    categories.iter().find_map(|t| text(Some(t)))
}

/// A TRIGGER's value is an RFC 5545 duration too: this reaches the crate's duration parser.
fn duration(value: &str) -> Option<TimeDelta> {
    let trigger = icalendar::Property::new("TRIGGER", value.trim());
    match icalendar::Trigger::try_from(&trigger) {
        Ok(icalendar::Trigger::Duration(d, _)) => Some(d),
        _ => None,
    }
}

/// An IANA zone named by the TZID or its VTIMEZONE, or the one offset a VTIMEZONE without
/// daylight saving defines ("Tokyo Standard Time" from Outlook). DST rules are not evaluated: a
/// wrong guess shifts talks by an hour, so such zones fall back to `fallback` with a warning.
fn resolve_tzid(
    tzid: &str,
    zones: &[Node],
    fallback: Tz,
    warnings: &mut Vec<String>,
) -> Option<Zone> {
    let def = zones
        .iter()
        .find(|z| value(&z.properties, "TZID") == Some(tzid));
    // Google and Thunderbird name the zone in X-LIC-LOCATION or end the TZID with it
    // ("/mozilla.org/20050126_1/Europe/Berlin").
    let location = || value(&def?.properties, "X-LIC-LOCATION")?.parse().ok();
    let suffix = || {
        tzid.match_indices('/')
            .find_map(|(i, _)| tzid[i + 1..].parse().ok())
    };
    if let Some(tz) = tzid.parse().ok().or_else(location).or_else(suffix) {
        return Some(Zone::Iana(tz));
    }
    let blocks = def.map_or(&[][..], |d| &d.components);
    let offsets: HashSet<_> = blocks
        .iter()
        .map(|b| value(&b.properties, "TZOFFSETTO"))
        .collect();
    let offset = match offsets.into_iter().collect::<Vec<_>>()[..] {
        [Some(offset)] => offset.parse::<FixedOffset>().ok(),
        _ => None,
    };
    let (what, zone) = match offset {
        Some(offset) => (
            format!("using its only offset, {offset}"),
            Some(Zone::Fixed(offset)),
        ),
        None => (format!("reading its times as {}", fallback.name()), None),
    };
    let hint = "pass --tz Area/City if that is wrong";
    warnings.push(format!(
        "time zone {tzid:?} is not an IANA name; {what}; {hint}"
    ));
    zone
}
