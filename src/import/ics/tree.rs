//! Reading an iCalendar file into what an import uses: the calendar's properties and its events,
//! with the file's own line numbers for every error.

use std::collections::HashSet;

use chrono::TimeDelta;
use icalendar::parser::{Component as Node, ParseString, Property as Prop};
use icalendar::{Component, DatePerhapsTime, Event, EventLike};

use rust_i18n::t;

use crate::import::ImportError;

/// Far deeper than real calendars nest; the parser recurses once per level.
pub(super) const MAX_DEPTH: usize = 32;

pub(super) fn is(name: &ParseString, want: &str) -> bool {
    name.as_str().eq_ignore_ascii_case(want)
}

pub(super) fn value<'a>(props: &'a [Prop], key: &str) -> Option<&'a str> {
    let v = props.iter().find(|p| p.name == key)?.val.as_str().trim();
    (!v.is_empty()).then_some(v)
}

pub(super) fn text(s: Option<&str>) -> Option<String> {
    let s = s?.trim();
    (!s.is_empty()).then(|| s.to_string())
}

pub(super) fn invalid(line: usize, message: impl Into<String>) -> ImportError {
    ImportError::invalid(crate::import::line(line), message)
}

/// Maps byte offsets in the unfolded text to line numbers in the file as written.
pub(super) struct Lines {
    pub(super) starts: Vec<usize>,
    pub(super) original: Vec<usize>,
}

impl Lines {
    pub(super) fn new(text: &str, unfolded: &str) -> Self {
        let breaks = unfolded.match_indices('\n').map(|(i, _)| i + 1);
        let lines = text.split('\n').enumerate();
        let original = lines.filter(|(i, l)| *i == 0 || !l.starts_with([' ', '\t']));
        Lines {
            starts: std::iter::once(0).chain(breaks).collect(),
            original: original.map(|(i, _)| i + 1).collect(),
        }
    }
    pub(super) fn at(&self, offset: usize) -> usize {
        let logical = self.starts.partition_point(|&s| s <= offset);
        let logical = logical.saturating_sub(1);
        let last = self.original.last().copied().unwrap_or(1);
        self.original.get(logical).copied().unwrap_or(last)
    }
    /// The line of `part`, a slice of `unfolded` (the parser borrows names from its input).
    pub(super) fn of(&self, unfolded: &str, part: &str) -> usize {
        let offset = (part.as_ptr() as usize).wrapping_sub(unfolded.as_ptr() as usize);
        self.at(offset.min(unfolded.len()))
    }
}

/// Where a calendar's own properties and its components are, found line by line before any
/// parsing. The walk also finds what the parser would only call "not valid" (a line that is no
/// `NAME[;PARAM=…]:value`, END without BEGIN, a truncated download) and refuses nesting deep
/// enough to exhaust the recursive parser's stack.
pub(super) struct Shape<'a> {
    /// Property lines of each VCALENDAR, with their line numbers.
    pub(super) properties: Vec<(&'a str, usize)>,
    /// The text of each component directly inside a VCALENDAR, BEGIN to END.
    pub(super) components: Vec<&'a str>,
}

impl<'a> Shape<'a> {
    pub(super) fn of(unfolded: &'a str, lines: &Lines) -> Result<Self, ImportError> {
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
                let found = format!("{shown:?}");
                return Err(invalid(at, t!("err.ics_not_property", found = found)));
            }
            let name = rest.strip_prefix(':').map(str::trim);
            let keyword = |word: &str| {
                line.len() == rest.len() + word.len()
                    && line[..word.len()].eq_ignore_ascii_case(word)
            };
            match name {
                Some(name) if keyword("BEGIN") => {
                    if open.len() == MAX_DEPTH {
                        return Err(invalid(at, t!("err.ics_too_deep")));
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
                            let why =
                                t!("err.ics_end_mismatch", name = name, begun = begun, line = b);
                            return Err(invalid(at, why));
                        }
                        None => {
                            return Err(invalid(at, t!("err.ics_end_alone", name = name)));
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
                    let why = t!("err.ics_outside");
                    return Err(invalid(at, why));
                }
                _ if open.len() == 1 && calendar => shape.properties.push((line, at)),
                _ => {}
            }
        }
        match open.last() {
            Some((name, at)) => {
                let why = t!("err.ics_unclosed", name = name);
                Err(invalid(*at, why))
            }
            None => Ok(shape),
        }
    }
}

/// Parses each component on its own, spread over the cores, and keeps only what an import
/// uses: the parser's tree of a whole 100,000-event calendar took a quarter of a gigabyte and
/// most of the import's time.
pub(super) fn read_components<'a>(
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
                .map_err(|e| invalid(lines.of(unfolded, e.input), t!("err.ics_invalid")))?;
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

/// What an import takes from a VEVENT, read straight from the parser's tree: converting each
/// event into the crate's `Event` (owned strings in B-tree maps) took half of the import's time.
/// Values come unescaped from the parser; of a repeated single-valued property the last one
/// counts, as in `Event`.
#[derive(Clone)]
pub(super) struct Vevent {
    pub(super) line: usize,
    pub(super) uid: Option<String>,
    pub(super) raw_start: String,
    pub(super) start: Option<DatePerhapsTime>,
    pub(super) end: Option<DatePerhapsTime>,
    pub(super) duration: Option<String>,
    pub(super) repeating: bool,
    /// Its RRULE, RDATE and EXDATE lines as written, for expanding the repeats.
    pub(super) recurrence: Vec<String>,
    /// The occurrence of a repeating event (same UID) this one replaces.
    pub(super) recurrence_id: Option<DatePerhapsTime>,
    pub(super) title: String,
    pub(super) room: String,
    pub(super) track: Option<String>,
    pub(super) speakers: Vec<String>,
    pub(super) summary: String,
    pub(super) url: Option<String>,
}

impl Vevent {
    pub(super) fn read(node: &Node, line: usize) -> Self {
        let props = &node.properties[..];
        let all = |name: &'static str| props.iter().filter(move |p| p.name == name);
        let last = |name: &str| props.iter().rev().find(|p| p.name == name);
        let value = |name: &str| Some(last(name)?.val.as_str());
        let date = |name| {
            let owned = icalendar::Property::from(last(name)?.clone());
            DatePerhapsTime::from_property(&owned)
        };
        // A name, never an address: a calendar's organiser is often only an e-mail.
        let cn = |p: &Prop| {
            let cn = p.params.iter().rev().find(|c| c.key == "CN")?;
            text(Some(cn.val.as_ref()?.as_str())).filter(|n| !n.contains('@'))
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
            recurrence: props
                .iter()
                .filter(|p| matches!(p.name.as_str(), "RRULE" | "RDATE" | "EXDATE"))
                // A rule's parameters are vendors' own (X-BUSYMAC-…): the rule is its value.
                .map(|p| match p.name.as_str() {
                    "RRULE" => format!("RRULE:{}", p.val.as_str()),
                    _ => raw_line(p),
                })
                .collect(),
            recurrence_id: date("RECURRENCE-ID"),
            title: value("SUMMARY").unwrap_or_default().trim().to_string(),
            room: text(value("LOCATION")).unwrap_or_default(),
            track: first_category(all("CATEGORIES")),
            speakers,
            summary: crate::import::html::readable(value("DESCRIPTION").unwrap_or_default()),
            url: text(value("URL")),
        }
    }
}

/// A property as one content line again (`EXDATE;TZID=Europe/Berlin:20260301T100000`).
fn raw_line(p: &Prop) -> String {
    let mut line = p.name.as_str().to_string();
    for param in &p.params {
        line.push(';');
        line.push_str(param.key.as_str());
        if let Some(v) = &param.val {
            line.push('=');
            line.push_str(v.as_str());
        }
    }
    line.push(':');
    line.push_str(p.val.as_str());
    line
}

/// The crate splits CATEGORIES lists on unescaped commas.
pub(super) fn first_category<'n, 'a: 'n>(
    lists: impl Iterator<Item = &'n Prop<'a>>,
) -> Option<String> {
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
pub(super) fn duration(value: &str) -> Option<TimeDelta> {
    let trigger = icalendar::Property::new("TRIGGER", value.trim());
    match icalendar::Trigger::try_from(&trigger) {
        Ok(icalendar::Trigger::Duration(d, _)) => Some(d),
        _ => None,
    }
}
