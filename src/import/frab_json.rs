//! frab/pretalx `schedule.json` (the c3voc schema), read into the model `c3voc` shares with
//! `frab_xml`.
//!
//! The JSON is read into lenient serde structs through `serde_path_to_error`, so a wrong type or a
//! bad date/duration is reported with its path and line; rooms are read as an ordered list because
//! their order in the file is the order the schedule shows them in.

use std::fmt;

use chrono::{NaiveDate, TimeDelta};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::c3voc::{
    Collected, Draft, Header, When, assemble, event_id, nonempty, parse_duration, summary, when,
};
use super::{Format, ImportError, Imported, Options, json_error};

pub fn parse(text: &str, opts: &Options) -> Result<Imported, ImportError> {
    let de = &mut serde_json::Deserializer::from_str(text);
    let root: Root = serde_path_to_error::deserialize(de).map_err(json_error)?;
    let base_url = root.schedule.base_url;
    let conf = root.schedule.conference;
    let mut col = Collected::default();
    for day in conf.days.unwrap_or_default() {
        for (key, events) in day.rooms.map_or_else(Vec::new, |r| r.0) {
            col.room(&key);
            for e in events {
                let room = nonempty(e.room).unwrap_or_else(|| key.clone());
                let id = event_id(scalar(e.guid), scalar(e.id), || {
                    let day = day.date.map_or_else(String::new, |d| d.to_string());
                    format!("{day}-{room}-{}", e.start.as_deref().unwrap_or(""))
                });
                col.push(Draft {
                    id,
                    start: e.date,
                    duration: e.duration,
                    listed: day.date,
                    room,
                    title: e.title.unwrap_or_default(),
                    track: e.track,
                    speakers: e.persons.into_iter().flatten().filter_map(person).collect(),
                    summary: summary(e.summary.as_deref(), e.description.as_deref()),
                    url: e.url,
                    links: published_links(e.attachments.into_iter().chain(e.links)),
                });
            }
        }
    }
    let header = Header {
        acronym: nonempty(conf.acronym),
        title: nonempty(conf.title),
        time_zone: nonempty(conf.time_zone_name),
        base_url: nonempty(base_url),
    };
    Ok(assemble(header, col, opts, Format::FrabJson))
}

// Optional fields are `Option` because real exports omit them or write `null`.
#[derive(Deserialize)]
struct Root {
    schedule: Schedule,
}

#[derive(Deserialize)]
struct Schedule {
    conference: Conf,
    base_url: Option<String>,
}

#[derive(Deserialize)]
struct Conf {
    acronym: Option<String>,
    title: Option<String>,
    time_zone_name: Option<String>,
    days: Option<Vec<Day>>,
}

#[derive(Deserialize)]
struct Day {
    date: Option<NaiveDate>,
    rooms: Option<Rooms>,
}

#[derive(Deserialize)]
struct Event {
    guid: Option<Value>,
    id: Option<Value>,
    #[serde(default, deserialize_with = "date")]
    date: Option<When>,
    start: Option<String>,
    #[serde(deserialize_with = "duration")]
    duration: TimeDelta,
    room: Option<String>,
    title: Option<String>,
    track: Option<String>,
    #[serde(rename = "abstract")]
    summary: Option<String>,
    description: Option<String>,
    url: Option<String>,
    persons: Option<Vec<Value>>,
    /// frab's and pretalx's `links` and `attachments`: `{"url", "title"}` objects.
    #[serde(default)]
    links: Vec<Value>,
    #[serde(default)]
    attachments: Vec<Value>,
}

/// frab's `{"url": …, "title": …}` link objects (some exports write `href`), as links.
fn published_links(items: impl Iterator<Item = Value>) -> Vec<crate::model::schedule::Link> {
    items
        .filter_map(|v| {
            let url = v.get("url").or_else(|| v.get("href"))?.as_str()?.trim();
            let title = v.get("title").and_then(Value::as_str).unwrap_or("");
            let kind = v.get("type").and_then(Value::as_str);
            (!url.is_empty()).then(|| crate::model::schedule::Link::new(url, title, kind))
        })
        .collect()
}

/// Ids are strings in frab and pretalx, numbers in some older generators.
fn scalar(v: Option<Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// frab writes `public_name`, pretalx adds more fields, older exports used `full_public_name` or
/// `name`, and some generators list bare strings.
fn person(v: Value) -> Option<String> {
    let name = match &v {
        Value::String(s) => Some(s.as_str()),
        Value::Object(m) => ["public_name", "full_public_name", "name"]
            .iter()
            .filter_map(|k| m.get(*k)?.as_str())
            .find(|n| !n.trim().is_empty()),
        _ => None,
    };
    nonempty(name.map(str::to_string))
}

/// Room name → events, in file order (serde_json's own map would sort the rooms).
struct Rooms(Vec<(String, Vec<Event>)>);

impl<'de> Deserialize<'de> for Rooms {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Rooms;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object mapping room names to lists of events")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Rooms, A::Error> {
                let mut rooms = Vec::new();
                while let Some(name) = map.next_key::<String>()? {
                    let events: Option<Vec<Event>> = map.next_value()?;
                    rooms.push((name, events.unwrap_or_default()));
                }
                Ok(Rooms(rooms))
            }
            // PHP-made exports write an empty object as `[]`; a list of events is taken as-is,
            // each naming its own room.
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Rooms, A::Error> {
                let mut events = Vec::new();
                while let Some(e) = seq.next_element()? {
                    events.push(e);
                }
                Ok(Rooms(vec![(String::new(), events)]))
            }
        }
        d.deserialize_any(V)
    }
}

fn date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<When>, D::Error> {
    match Option::<String>::deserialize(d)? {
        Some(s) if !s.trim().is_empty() => when(&s).map(Some).map_err(de::Error::custom),
        _ => Ok(None),
    }
}

fn duration<'de, D: Deserializer<'de>>(d: D) -> Result<TimeDelta, D::Error> {
    parse_duration(&String::deserialize(d)?).map_err(de::Error::custom)
}
