//! frab/pentabarf `schedule.xml`: the same days → rooms → events tree as `schedule.json` in XML
//! syntax, read with roxmltree (which refuses DTDs, so entity-expansion tricks cannot get in) and
//! handed to the mapping `frab_json` owns, so both formats give identical sessions.
//!
//! Older pentabarf files have no per-event `<date>`; their start is the day's date plus the
//! event's `<start>` in the conference time zone, rolled over to the next date for times before
//! the day starts (a 01:00 talk listed under the previous evening).

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime};
use roxmltree::{Document, Node};

use super::c3voc::{
    Collected, Draft, Header, When, assemble, event_id, nonempty, parse_duration, summary, when,
};
use rust_i18n::t;

use super::{Format, ImportError, Imported, Options};
use crate::model::schedule::Link;

pub fn parse(text: &str, opts: &Options) -> Result<Imported, ImportError> {
    let doc = Document::parse(text).map_err(|e| syntax_error(text, e))?;
    let root = doc.root_element();
    if root.tag_name().name() != "schedule" {
        return Err(invalid(&doc, root, t!("err.xml_root")));
    }
    let conf = child(root, "conference");
    let field = |name| nonempty(conf.and_then(|c| child_text(c, name)));
    let header = Header {
        acronym: field("acronym"),
        title: field("title"),
        time_zone: field("time_zone_name"),
        base_url: field("base_url"),
    };
    // pentabarf names the hour a conference day begins once, for all days.
    let day_change = field("day_change").as_deref().and_then(clock);
    let mut col = Collected::default();
    for day in elements(root, "day") {
        let date = match day.attribute("date").map(str::trim) {
            None | Some("") => None,
            Some(d) => Some(NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| {
                invalid(&doc, day, t!("err.invalid_date", date = format!("{d:?}")))
            })?),
        };
        let day_change = day.attribute("start").and_then(time_of_day).or(day_change);
        for room in elements(day, "room") {
            let key = room.attribute("name").unwrap_or("");
            col.room(key);
            for ev in elements(room, "event") {
                col.push(event(&doc, ev, key, date, day_change)?);
            }
        }
        // Older pentabarf lists events straight under the day, each naming its room.
        for ev in elements(day, "event") {
            let draft = event(&doc, ev, "", date, day_change)?;
            col.room(&draft.room);
            col.push(draft);
        }
    }
    Ok(assemble(header, col, opts, Format::FrabXml))
}

fn event(
    doc: &Document,
    ev: Node,
    key: &str,
    date: Option<NaiveDate>,
    day_change: Option<NaiveTime>,
) -> Result<Draft, ImportError> {
    let text = |name| child_text(ev, name);
    let start_text = text("start");
    let room = nonempty(text("room")).unwrap_or_else(|| key.to_string());
    let id = event_id(
        ev.attribute("guid").map(str::to_string),
        ev.attribute("id").map(str::to_string),
        || {
            let day = date.map_or_else(String::new, |d| d.to_string());
            format!("{day}-{room}-{}", start_text.as_deref().unwrap_or(""))
        },
    );
    let start = match text("date").filter(|d| !d.trim().is_empty()) {
        Some(d) => Some(when(&d).map_err(|m| invalid(doc, ev, m))?),
        None => start_text
            .as_deref()
            .and_then(clock)
            .and_then(|t| listed_start(date?, t, day_change))
            .map(When::Local),
    };
    let duration = match text("duration") {
        Some(d) => parse_duration(&d).map_err(|m| invalid(doc, ev, m))?,
        None => return Err(invalid(doc, ev, t!("err.missing_duration"))),
    };
    let speakers = child(ev, "persons")
        .into_iter()
        .flat_map(|p| elements(p, "person"))
        .map(|p| all_text(p).trim().to_string())
        .filter(|n| !n.is_empty())
        .collect();
    Ok(Draft {
        id,
        start,
        duration,
        listed: date,
        room,
        title: text("title").unwrap_or_default(),
        track: text("track"),
        speakers,
        summary: summary(text("abstract").as_deref(), text("description").as_deref()),
        url: text("url"),
        links: links(ev),
    })
}

/// An event's `<attachments>` (FOSDEM marks slides with `type="slides"`) and `<links>`.
fn links(ev: Node) -> Vec<Link> {
    let attachments = child(ev, "attachments")
        .into_iter()
        .flat_map(|a| elements(a, "attachment"))
        .map(|a| (a, a.attribute("type")));
    let links = child(ev, "links")
        .into_iter()
        .flat_map(|l| elements(l, "link"))
        .map(|l| (l, None));
    attachments
        .chain(links)
        .filter_map(|(node, hint)| {
            let url = node.attribute("href")?.trim();
            (!url.is_empty()).then(|| Link::new(url, all_text(node).trim(), hint))
        })
        .collect()
}

/// `HH:MM` or `HH:MM:SS`.
fn clock(s: &str) -> Option<NaiveTime> {
    let s = s.trim();
    NaiveTime::parse_from_str(s, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(s, "%H:%M:%S"))
        .ok()
}

/// The time of day a conference day starts, from an RFC 3339 instant or a clock time.
fn time_of_day(s: &str) -> Option<NaiveTime> {
    let instant = DateTime::parse_from_rfc3339(s.trim()).map(|t| t.time());
    instant.ok().or_else(|| clock(s))
}

/// A listed event's local start: a time before the day's start belongs to the night after it.
fn listed_start(
    day: NaiveDate,
    at: NaiveTime,
    day_change: Option<NaiveTime>,
) -> Option<NaiveDateTime> {
    let date = if day_change.is_some_and(|c| at < c) {
        day.succ_opt()?
    } else {
        day
    };
    Some(date.and_time(at))
}

fn elements<'a, 'i>(
    parent: Node<'a, 'i>,
    name: &'static str,
) -> impl Iterator<Item = Node<'a, 'i>> {
    parent
        .children()
        .filter(move |n| n.is_element() && n.tag_name().name() == name)
}

fn child<'a, 'i>(parent: Node<'a, 'i>, name: &'static str) -> Option<Node<'a, 'i>> {
    elements(parent, name).next()
}

fn child_text(parent: Node, name: &'static str) -> Option<String> {
    child(parent, name).map(all_text)
}

/// All text under a node, so stray markup inside an abstract does not cut it short.
fn all_text(node: Node) -> String {
    node.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect()
}

fn syntax_error(text: &str, e: roxmltree::Error) -> ImportError {
    let line = match e {
        // roxmltree places this at 1:1. Schedule exports never carry a DTD, and refusing one
        // keeps entity expansion and external entities out entirely.
        roxmltree::Error::DtdDetected => {
            let at = text.find("<!DOCTYPE").unwrap_or(0);
            let line = text[..at].matches('\n').count() + 1;
            return ImportError::invalid(super::line(line), t!("err.doctype"));
        }
        ref e => e.pos().row,
    };
    ImportError::invalid(super::line(line), e.to_string())
}

/// An error placed at an element: `<event guid="…"> at line 40`, with the identifying attribute
/// escaped so a hostile value cannot reach the terminal raw.
fn invalid(doc: &Document, node: Node, message: impl Into<String>) -> ImportError {
    let name = node.tag_name().name();
    let attr = ["guid", "id", "index", "date", "name"]
        .into_iter()
        .find_map(|a| {
            let v: String = node.attribute(a)?.chars().take(80).collect();
            Some(format!(" {a}=\"{}\"", v.escape_debug()))
        })
        .unwrap_or_default();
    let line = doc.text_pos_at(node.range().start).row;
    let element = format!("<{name}{attr}>");
    let location = t!("err.element_at_line", element = element, line = line);
    ImportError::invalid(location, message)
}
