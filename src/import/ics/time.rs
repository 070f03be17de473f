//! The time rules: which zone a TZID names (IANA, a VTIMEZONE's only offset, or a fallback),
//! and how an event's DTSTART, DTEND or DURATION become a session's instants.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Datelike, FixedOffset, LocalResult, NaiveDateTime, Offset};
use chrono::{TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;
use icalendar::parser::Component as Node;
use icalendar::{CalendarDateTime, DatePerhapsTime};
use sha2::{Digest, Sha256};

use super::oddities::{ALL_DAY, FLOATING, NO_END, NO_UID, Oddities};
use super::tree::{Vevent, duration, value};
use crate::model::schedule::Session;

#[derive(Clone, Copy)]
pub(super) enum Zone {
    Iana(Tz),
    Fixed(FixedOffset),
}

impl Zone {
    pub(super) fn local(self, t: NaiveDateTime) -> Option<DateTime<FixedOffset>> {
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
    pub(super) fn instant(self, t: DateTime<Utc>) -> DateTime<FixedOffset> {
        match self {
            Zone::Iana(tz) => t.with_timezone(&tz).fixed_offset(),
            Zone::Fixed(offset) => t.with_timezone(&offset),
        }
    }
}

pub(super) struct Clock {
    pub(super) resolved: HashMap<String, Option<Zone>>,
    pub(super) default: Tz,
    /// Floating times were read in `default` without the user or the file naming it.
    pub(super) guessed: bool,
}

impl Clock {
    /// The instant and the zone it is in. Years outside 1000–9999 count as unreadable, so no
    /// later arithmetic can overflow.
    pub(super) fn at(&self, dt: &CalendarDateTime) -> Option<(DateTime<FixedOffset>, Zone)> {
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

    pub(super) fn session(&self, e: Vevent, odd: &mut Oddities) -> Option<Session> {
        let line = e.line;
        let who = || match &e.uid {
            Some(uid) => crate::import::at_line(format!("{uid:?}"), line),
            None => rust_i18n::t!("err.line_paren", line = line).into_owned(),
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
            let value = format!("{:?}", e.raw_start);
            let said = rust_i18n::t!("err.ics_bad_start", who = who(), value = value);
            odd.warnings.push(said.into_owned());
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
            published: Default::default(),
            links: Vec::new(),
        })
    }
}

/// An IANA zone named by the TZID or its VTIMEZONE, or the one offset a VTIMEZONE without
/// daylight saving defines ("Tokyo Standard Time" from Outlook). DST rules are not evaluated: a
/// wrong guess shifts talks by an hour, so such zones fall back to `fallback` with a warning.
pub(super) fn resolve_tzid(
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
    let tzid = format!("{tzid:?}");
    let (said, zone) = match offset {
        Some(offset) => (
            rust_i18n::t!("err.tzid_offset", tzid = tzid, offset = offset),
            Some(Zone::Fixed(offset)),
        ),
        None => (
            rust_i18n::t!("err.tzid_fallback", tzid = tzid, zone = fallback.name()),
            None,
        ),
    };
    warnings.push(said.into_owned());
    zone
}
