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
mod repeat;
mod time;
mod tree;

use oddities::{OUTSIDE, Oddities, RENAMED, REPEATING, SHIFTED};
use time::{Clock, Zone, resolve_tzid};
use tree::{Lines, Shape, invalid, read_components, value};

/// Every event as a session (with its line), a repeating one as each of its occurrences within
/// the conference's days (a day either side of its single events; a calendar of repeats only:
/// a year from each), with its RECURRENCE-ID overrides in their occurrence's place.
fn expand(events: Vec<tree::Vevent>, clock: &Clock, odd: &mut Oddities) -> Vec<(usize, Session)> {
    let mut overrides: HashMap<(String, i64), tree::Vevent> = HashMap::new();
    let (mut single, mut repeating) = (Vec::new(), Vec::new());
    for event in events {
        if let (Some(uid), Some(DatePerhapsTime::DateTime(rid))) =
            (&event.uid, &event.recurrence_id)
            && let Some((t, _)) = clock.at(rid)
        {
            overrides.insert((uid.clone(), t.timestamp()), event);
            continue;
        }
        if event.repeating {
            repeating.push(event);
        } else {
            single.push(event);
        }
    }
    let mut drafts: Vec<(usize, Session)> = Vec::new();
    for event in single {
        let line = event.line;
        if let Some(s) = clock.session(event, odd) {
            drafts.push((line, s));
        }
    }
    let first = drafts.iter().map(|(_, s)| s.start).min();
    let last = drafts.iter().map(|(_, s)| s.end).max();
    // The conference's days: those of its single events, and a day either side.
    let days: HashSet<chrono::NaiveDate> = drafts
        .iter()
        .flat_map(|(_, s)| {
            let d = s.start.date_naive();
            [d.pred_opt(), Some(d), d.succ_opt()]
        })
        .flatten()
        .collect();
    let masters: HashSet<String> = repeating.iter().filter_map(|e| e.uid.clone()).collect();
    for event in repeating {
        let (line, uid, lines) = (event.line, event.uid.clone(), event.recurrence.clone());
        let tz = match &event.start {
            Some(DatePerhapsTime::DateTime(dt)) => match clock.at(dt) {
                Some((_, Zone::Iana(tz))) => Some(tz),
                _ => None,
            },
            _ => None,
        };
        let Some(base) = clock.session(event, odd) else {
            continue;
        };
        let day = chrono::TimeDelta::days(1);
        let (from, to) = match (first, last) {
            (Some(a), Some(b)) => (a - day, b + day),
            _ => (base.start - day, base.start + chrono::TimeDelta::days(366)),
        };
        let who = || crate::import::at_line(format!("{:?}", base.title), line);
        let on_days = |found: Vec<chrono::DateTime<chrono::FixedOffset>>| {
            let all = days.is_empty();
            (found.into_iter())
                .filter(|t| all || days.contains(&t.date_naive()))
                .collect::<Vec<_>>()
        };
        let expanded = repeat::occurrences(base.start, tz, &lines, from.to_utc(), to.to_utc());
        match expanded.map(|(found, shifted)| (on_days(found), shifted)) {
            // Never lost: without a repeat on the conference's days, the event is there once.
            Ok((found, _)) if found.is_empty() => {
                odd.add(OUTSIDE, who);
                drafts.push((line, base));
            }
            Ok((found, shifted)) => {
                for _ in 0..shifted {
                    odd.add(SHIFTED, who);
                }
                let length = base.end - base.start;
                for at in found {
                    let key = uid.clone().map(|u| (u, at.timestamp()));
                    let over = key.and_then(|k| overrides.remove(&k));
                    let mut s = match over.and_then(|o| clock.session(o, odd)) {
                        Some(s) => s,
                        None => Session {
                            start: at,
                            end: at + length,
                            ..base.clone()
                        },
                    };
                    s.id = format!("{}#{}", base.id, at.format("%Y%m%dT%H%M"));
                    drafts.push((line, s));
                }
            }
            Err(_) => {
                odd.add(REPEATING, who);
                drafts.push((line, base));
            }
        }
    }
    // An override whose repeating event is not in the file is an event of its own; one of an
    // occurrence off the conference's days goes with that occurrence.
    let mut rest: Vec<tree::Vevent> = (overrides.into_values())
        .filter(|o| o.uid.as_ref().is_none_or(|u| !masters.contains(u)))
        .collect();
    rest.sort_by_key(|e| e.line);
    for o in rest {
        let line = o.line;
        if let Some(s) = clock.session(o, odd) {
            drafts.push((line, s));
        }
    }
    drafts
}

pub fn parse(text: &str, opts: &Options) -> Result<Imported, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let unfolded = icalendar::parser::unfold(text);
    let lines = Lines::new(text, &unfolded);
    let shape = Shape::of(&unfolded, &lines)?;
    let mut props = Vec::with_capacity(shape.properties.len());
    for (line, at) in shape.properties {
        let prop =
            Prop::try_from(line).map_err(|_| invalid(at, rust_i18n::t!("err.ics_invalid")))?;
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
    let drafts = expand(events, &clock, &mut odd);
    let mut sessions: Vec<Session> = Vec::new();
    let mut ids = HashSet::new();
    for (line, mut s) in drafts {
        if !ids.insert(s.id.clone()) {
            odd.add(RENAMED, || {
                crate::import::at_line(format!("{:?}", s.id), line)
            });
            let n = (2..).find(|n| !ids.contains(&format!("{}#{n}", s.id)));
            s.id = format!("{}#{}", s.id, n.unwrap_or_default());
            ids.insert(s.id.clone());
        }
        sessions.push(s);
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
        warnings.push(rust_i18n::t!("err.ics_no_timed").into_owned());
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
