//! `kaigi export --ics`: the starred sessions as an iCalendar file for a phone's calendar, in
//! the conference's time zone, with an optional alarm before each. Written with the
//! `icalendar` crate (escaping, line folding); the time zone's definition, which the crate does
//! not write, is added here.

use std::collections::HashSet;

use chrono::{DateTime, Duration, Offset, Utc};
use icalendar::{Alarm, Calendar, CalendarDateTime, Component, Event, EventLike};

use crate::model::schedule::{Conference, Session};

/// The starred sessions of `conference` (none removed), in start order.
pub fn starred<'a>(conference: &'a Conference, starred: &HashSet<String>) -> Vec<&'a Session> {
    let mut out: Vec<&Session> = conference
        .sessions()
        .iter()
        .filter(|s| starred.contains(&s.id) && !s.removed)
        .collect();
    out.sort_by_key(|s| s.start);
    out
}

/// The calendar of `sessions`, stamped `now`, with an alarm `alarm` minutes before each.
pub fn calendar(
    conference: &Conference,
    sessions: &[&Session],
    alarm: Option<i64>,
    now: DateTime<Utc>,
) -> String {
    let tz = conference.tz;
    // One offset for every session (no clock change during the conference): local times with
    // the zone's name and a definition of it. Otherwise UTC, which no calendar misreads.
    let offsets: HashSet<i32> = sessions
        .iter()
        .map(|s| conference.local(&s.start).offset().fix().local_minus_utc())
        .collect();
    let local = offsets.len() <= 1;
    let when = |t: &DateTime<chrono::FixedOffset>| -> CalendarDateTime {
        if local {
            CalendarDateTime::WithTimezone {
                date_time: conference.local(t).naive_local(),
                tzid: tz.name().to_string(),
            }
        } else {
            CalendarDateTime::Utc(t.with_timezone(&Utc))
        }
    };
    let mut cal = Calendar::new();
    cal.name(&conference.name).timezone(tz.name());
    let clean = |t: &str| crate::text::clean_lines(t).into_owned();
    for s in sessions {
        let s = &Session {
            title: clean(&s.title),
            room: clean(&s.room),
            summary: clean(&s.summary),
            speakers: s.speakers.iter().map(|p| clean(p)).collect(),
            url: s.url.as_deref().map(clean),
            ..(*s).clone()
        };
        let mut e = Event::new();
        e.uid(&format!("{}@{}.kaigi", s.id, conference.id))
            .timestamp(now)
            .summary(&s.title)
            .starts(when(&s.start))
            .ends(when(&s.end));
        if !s.room.is_empty() {
            e.location(&s.room);
        }
        if let Some(track) = s.track.as_deref().filter(|t| !t.is_empty()) {
            e.add_property("CATEGORIES", track);
        }
        let mut about = Vec::new();
        if !s.speakers.is_empty() {
            about.push(s.speakers.join(", "));
        }
        if !s.summary.is_empty() {
            about.push(s.summary.clone());
        }
        if let Some(url) = &s.url {
            about.push(url.clone());
            e.url(url);
        }
        if !about.is_empty() {
            e.description(&about.join("\n\n"));
        }
        if let Some(m) = alarm.filter(|m| *m > 0) {
            e.alarm(Alarm::display(&s.title, -Duration::minutes(m)));
        }
        cal.push(e.done());
    }
    let text = tidy(&cal.done().to_string());
    match (local, offsets.iter().next()) {
        (true, Some(&offset)) => with_zone(&text, tz.name(), offset, sessions, conference),
        _ => text,
    }
}

/// The crate's output as kaigi signs it: its own PRODID, and no DTSTAMP in an alarm (RFC 5545
/// defines none there).
fn tidy(text: &str) -> String {
    let prodid = format!("PRODID:-//kaigi//kaigi {}//EN", env!("CARGO_PKG_VERSION"));
    let mut out = String::with_capacity(text.len());
    let mut in_alarm = false;
    for line in text.split_inclusive("\r\n") {
        let bare = line.trim_end_matches("\r\n");
        match bare {
            "BEGIN:VALARM" => in_alarm = true,
            "END:VALARM" => in_alarm = false,
            _ => {}
        }
        if bare.starts_with("PRODID:") {
            out.push_str(&prodid);
            out.push_str("\r\n");
        } else if !(in_alarm && bare.starts_with("DTSTAMP:")) {
            out.push_str(line);
        }
    }
    out
}

/// `text` with a VTIMEZONE for `tzid` (one fixed offset) before its first event.
fn with_zone(
    text: &str,
    tzid: &str,
    offset: i32,
    sessions: &[&Session],
    conference: &Conference,
) -> String {
    let sign = if offset < 0 { '-' } else { '+' };
    let hhmm = format!(
        "{sign}{:02}{:02}",
        offset.abs() / 3600,
        offset.abs() % 3600 / 60
    );
    let abbreviation = sessions
        .first()
        .map(|s| conference.local(&s.start).format("%Z").to_string())
        .unwrap_or_default();
    let zone = format!(
        "BEGIN:VTIMEZONE\r\nTZID:{tzid}\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n\
         TZOFFSETFROM:{hhmm}\r\nTZOFFSETTO:{hhmm}\r\nTZNAME:{abbreviation}\r\nEND:STANDARD\r\n\
         END:VTIMEZONE\r\n"
    );
    match text.find("BEGIN:VEVENT") {
        Some(at) => format!("{}{zone}{}", &text[..at], &text[at..]),
        None => text.to_string(),
    }
}
