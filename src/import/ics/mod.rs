//! iCalendar (.ics) schedules as Sessionize, Google Calendar and conference sites publish them.
//! This module owns the mapping from VEVENTs to sessions and the time rules (TZID, UTC, floating,
//! zones only a VTIMEZONE defines). Unfolding, unescaping and parameters are the `icalendar`
//! crate's job; its tree carries no positions, so this module maps offsets back to the file's own
//! line numbers, because someone fixing a broken export needs to know where to look.

use std::collections::{HashMap, HashSet};

use chrono_tz::Tz;
use icalendar::parser::Property as Prop;
use icalendar::{CalendarDateTime, DatePerhapsTime};

use super::{Format, ImportError, Imported, Options, resolve_time_zone, slug};
use crate::model::schedule::{SCHEDULE_VERSION, ScheduleFile, Session};

mod oddities;
mod time;
mod tree;

use oddities::{Oddities, RENAMED};
use time::{Clock, Zone, resolve_tzid};
use tree::{Lines, Shape, invalid, read_components, value};

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

    // pretalx writes a talk's speakers only into its SUMMARY: "Title - Speaker, Speaker".
    let pretalx = value(&props, "PRODID").is_some_and(|p| p.to_lowercase().contains("pretalx"));
    if pretalx {
        for s in sessions.iter_mut().filter(|s| s.speakers.is_empty()) {
            if let Some((title, people)) = s.title.rsplit_once(" - ") {
                s.speakers = people
                    .split(", ")
                    .map(|p| p.trim().to_string())
                    .filter(|p| !p.is_empty())
                    .collect();
                s.title = title.trim().to_string();
            }
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
    let name = name
        .or(opts.fallback_name.as_deref())
        .unwrap_or("Imported calendar")
        .to_string();
    let schedule = ScheduleFile {
        version: SCHEDULE_VERSION,
        id: opts.id.clone().unwrap_or_else(|| slug(&name)),
        name,
        time_zone: time_zone.name().to_string(),
        rooms,
        sessions,
        dates: None,
        source: None,
    };
    Ok(Imported {
        schedule,
        format: Format::Ics,
        warnings,
    })
}
