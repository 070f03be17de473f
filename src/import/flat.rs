//! Schedules that list their sessions flat, each with its own start and end: the c3voc
//! "schedule v2" layout (the hub of the Chaos Communication Congress: `schedule.events`, room
//! and track objects, `participants` with roles) and Sessionize's "All data" JSON (`sessions`
//! with `startsAt`/`endsAt`, rooms and speakers by id).

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone};
use rust_i18n::t;
use serde_json::Value;

use super::{Format, ImportError, Imported, Options, html, resolve_time_zone, slug};
use crate::model::schedule::{Link, Session};

/// Whether `text` (JSON) is a schedule v2: a `schedule` whose events are one flat list.
pub fn looks_like_v2(head: &str, text: &str) -> bool {
    head.contains("\"schedule\"")
        && text.contains("\"participants\"")
        && (text.contains("\"events\":") || text.contains("\"events\" :"))
}

/// Whether `text` (JSON) is Sessionize's "All data": sessions with `startsAt`.
pub fn looks_like_sessionize(head: &str) -> bool {
    head.contains("\"sessions\"") && head.contains("\"startsAt\"")
}

/// "start: not a time: \"…\"".
fn not_a_time(key: &str, value: &str) -> String {
    t!(
        "err.not_a_time_key",
        key = key,
        value = format!("{value:?}")
    )
    .into_owned()
}

fn json(text: &str) -> Result<Value, ImportError> {
    serde_json::from_str(text)
        .map_err(|e| ImportError::invalid(super::line(e.line()), e.to_string()))
}

fn str_of<'v>(v: &'v Value, key: &str) -> Option<&'v str> {
    v.get(key)?
        .as_str()
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// A value that is a string, or an object with a `name` (rooms and tracks are either).
fn name_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Object(o) => Some(o.get("name")?.as_str()?.trim().to_string()),
        _ => None,
    }
    .filter(|s| !s.is_empty())
}

pub fn parse_v2(text: &str, opts: &Options) -> Result<Imported, ImportError> {
    let doc = json(text)?;
    let schedule = doc.get("schedule").unwrap_or(&Value::Null);
    let Some(events) = schedule.get("events").and_then(Value::as_array) else {
        return Err(ImportError::invalid("schedule", t!("err.no_events_list")));
    };
    let conf = schedule.get("conference").unwrap_or(&Value::Null);
    // Tracks are named once in the conference and referred to by slug in events.
    let tracks: HashMap<&str, &str> = (conf.get("tracks").and_then(Value::as_array))
        .into_iter()
        .flatten()
        .filter_map(|t| Some((str_of(t, "slug")?, str_of(t, "name")?)))
        .collect();
    let mut warnings = Vec::new();
    let mut sessions = Vec::new();
    let mut skipped = 0;
    for (i, e) in events.iter().enumerate() {
        let at = |m: String| ImportError::invalid(format!("schedule.events[{i}]"), m);
        let time = |key: &str| -> Result<Option<DateTime<FixedOffset>>, ImportError> {
            str_of(e, key)
                .map(|t| DateTime::parse_from_rfc3339(t).map_err(|_| at(not_a_time(key, t))))
                .transpose()
        };
        let (Some(start), Some(title)) = (time("start")?, str_of(e, "title")) else {
            skipped += 1;
            continue;
        };
        // A title ending in ":" goes on in its subtitle ("…for Need for Speed:" "Most Wanted…").
        let subtitle = str_of(e, "subtitle");
        let title = match subtitle {
            Some(sub) if title.ends_with(':') => format!("{title} {sub}"),
            _ => title.to_string(),
        };
        let end = time("end")?.unwrap_or(start);
        if end < start {
            return Err(at(t!("err.ends_before").into_owned()));
        }
        let track = e.get("track").and_then(|t| {
            name_of(Some(t)).or_else(|| {
                let slug = str_of(t, "slug")?;
                Some(tracks.get(slug).copied().unwrap_or(slug).to_string())
            })
        });
        let people = e.get("participants").or(e.get("persons"));
        let speakers = (people.and_then(Value::as_array).into_iter().flatten())
            .filter(|p| str_of(p, "role").is_none_or(|r| r.eq_ignore_ascii_case("speaker")))
            .filter_map(|p| {
                str_of(p, "name")
                    .or(str_of(p, "public_name"))
                    .map(str::to_string)
            })
            .collect();
        let links = (e
            .get("attachments")
            .and_then(Value::as_array)
            .into_iter()
            .flatten())
        .chain(
            e.get("links")
                .and_then(Value::as_array)
                .into_iter()
                .flatten(),
        )
        .filter(|l| str_of(l, "type") != Some("ORIGIN"))
        .filter_map(|l| {
            Some(Link::new(
                str_of(l, "url")?,
                str_of(l, "title").unwrap_or(""),
                str_of(l, "type"),
            ))
        })
        .collect();
        let summary = super::c3voc::summary(str_of(e, "abstract"), str_of(e, "description"));
        sessions.push(Session {
            id: str_of(e, "guid")
                .or(str_of(e, "code"))
                .map_or_else(|| format!("v2-{i}"), str::to_string),
            title,
            start,
            end,
            room: name_of(e.get("room")).unwrap_or_default(),
            track,
            speakers,
            summary,
            url: str_of(e, "url").map(str::to_string),
            day: None,
            adhoc: false,
            removed: false,
            published: Default::default(),
            links,
        });
    }
    if skipped > 0 {
        warnings.push(t!("err.skipped_no_start", n = skipped).into_owned());
    }
    let instants: Vec<_> = sessions.iter().map(|s| s.start).collect();
    let tz = resolve_time_zone(
        opts.tz,
        str_of(conf, "time_zone_name"),
        &instants,
        &mut warnings,
    );
    let name = opts
        .name
        .clone()
        .or(str_of(conf, "title").map(str::to_string))
        .or(opts.fallback_name.clone())
        .unwrap_or_else(|| "Conference".into());
    let id = str_of(conf, "acronym").map_or_else(|| slug(&name), slug);
    super::imported(sessions, name, id, tz, Format::C3vocV2, warnings)
}

pub fn parse_sessionize(text: &str, opts: &Options) -> Result<Imported, ImportError> {
    let doc = json(text)?;
    let list = |key: &str| {
        doc.get(key)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let id_of = |v: &Value| match v.get("id")? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    let rooms: HashMap<String, String> = (list("rooms").iter())
        .filter_map(|r| Some((id_of(r)?, str_of(r, "name")?.to_string())))
        .collect();
    let speakers: HashMap<String, String> = (list("speakers").iter())
        .filter_map(|s| {
            let name = str_of(s, "fullName").map(str::to_string).or_else(|| {
                let first = str_of(s, "firstName").unwrap_or("");
                let last = str_of(s, "lastName").unwrap_or("");
                Some(format!("{first} {last}").trim().to_string()).filter(|n| !n.is_empty())
            })?;
            Some((id_of(s)?, name))
        })
        .collect();
    // Times carry no offset: they are the conference's local times.
    let Some(tz) = opts.tz else {
        return Err(ImportError::invalid("sessions", t!("err.sessionize_tz")));
    };
    let mut sessions = Vec::new();
    let mut skipped = 0;
    for (i, s) in list("sessions").iter().enumerate() {
        let at = |m: String| ImportError::invalid(format!("sessions[{i}]"), m);
        let local = |key: &str| -> Result<Option<DateTime<FixedOffset>>, ImportError> {
            let Some(t) = str_of(s, key) else {
                return Ok(None);
            };
            let naive = NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S")
                .map_err(|_| at(not_a_time(key, t)))?;
            let local = tz.from_local_datetime(&naive).earliest();
            local.map(|l| Some(l.fixed_offset())).ok_or_else(|| {
                at(t!("err.no_such_time_key", key = key, time = t, tz = tz.name()).into_owned())
            })
        };
        let (Some(start), Some(title)) = (local("startsAt")?, str_of(s, "title")) else {
            skipped += 1;
            continue;
        };
        let end = local("endsAt")?.unwrap_or(start);
        let speaker_ids = s
            .get("speakers")
            .and_then(Value::as_array)
            .into_iter()
            .flatten();
        sessions.push(Session {
            id: id_of(s).unwrap_or_else(|| format!("sessionize-{i}")),
            title: title.to_string(),
            start,
            end: end.max(start),
            room: (s
                .get("roomId")
                .map(|r| r.to_string().trim_matches('"').to_string()))
            .and_then(|r| rooms.get(&r).cloned())
            .unwrap_or_default(),
            track: None,
            speakers: speaker_ids
                .filter_map(|id| speakers.get(id.as_str()?).cloned())
                .collect(),
            summary: str_of(s, "description")
                .map(html::readable)
                .unwrap_or_default(),
            url: None,
            day: None,
            adhoc: false,
            removed: false,
            published: Default::default(),
            links: Vec::new(),
        });
    }
    let mut warnings = Vec::new();
    if skipped > 0 {
        warnings.push(t!("err.skipped_unscheduled", n = skipped).into_owned());
    }
    let name = (opts.name.clone())
        .or(opts.fallback_name.clone())
        .unwrap_or_else(|| "Sessionize schedule".into());
    let id = slug(&name);
    super::imported(sessions, name, id, tz, Format::Sessionize, warnings)
}
