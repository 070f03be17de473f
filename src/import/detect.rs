//! Telling a schedule's format from its content, strictly: a file is taken for a format only
//! when its structure is that format; otherwise what it looks like, for the error.

use rust_i18n::t;

use super::{Format, flat, table};

/// Recognises the format from the first meaningful characters and keys of the text.
pub fn detect(text: &str) -> Option<Format> {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with("BEGIN:VCALENDAR") {
        return Some(Format::Ics);
    }
    if t.starts_with('<') {
        return (xml_root(t) == Some("schedule")).then_some(Format::FrabXml);
    }
    if t.starts_with('{') {
        let head: String = t.chars().take(4096).collect();
        if is_json_schema(&head) {
            return None;
        }
        if flat::looks_like_v2(&head, t) {
            return Some(Format::C3vocV2);
        }
        if head.contains("\"schedule\"") {
            return Some(Format::FrabJson);
        }
        if flat::looks_like_sessionize(&head) {
            return Some(Format::Sessionize);
        }
        if head.contains("\"sessions\"") {
            return Some(Format::Native);
        }
    }
    table::looks_like_table(t).then_some(Format::Table)
}

/// The name of the first element of an XML document (after its declaration, comments and
/// doctype).
fn xml_root(t: &str) -> Option<&str> {
    let mut rest = t;
    loop {
        let at = rest.find('<')?;
        rest = &rest[at + 1..];
        if rest.starts_with('?') || rest.starts_with('!') {
            continue;
        }
        let end = rest.find(|c: char| c.is_whitespace() || c == '>' || c == '/')?;
        return Some(&rest[..end]);
    }
}

/// Whether JSON is a JSON Schema (a format's description, such as c3voc's schedule schema).
fn is_json_schema(head: &str) -> bool {
    head.contains("\"$schema\"")
        && ["\"properties\"", "\"definitions\"", "\"$defs\""]
            .iter()
            .any(|k| head.contains(k))
}

/// What a file that is no schedule kaigi knows looks like, for the error: a web page, XML with
/// another root, JSON with other keys, or its first words.
pub(super) fn looks_like(text: &str) -> String {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.is_empty() {
        return t!("err.looks_empty").into_owned();
    }
    if t.starts_with('<') {
        return match xml_root(t) {
            Some(r) if r.eq_ignore_ascii_case("html") => t!("err.looks_html"),
            Some(r) => t!("err.looks_xml", root = r),
            None => t!("err.looks_bad_markup"),
        }
        .into_owned();
    }
    if t.starts_with('{') || t.starts_with('[') {
        return match serde_json::from_str::<serde_json::Value>(t) {
            Ok(serde_json::Value::Object(_)) if is_json_schema(t) => t!("err.looks_json_schema"),
            Ok(serde_json::Value::Object(map)) => {
                let keys: Vec<&str> = map.keys().take(5).map(String::as_str).collect();
                t!("err.looks_json_keys", keys = keys.join(", "))
            }
            Ok(_) => t!("err.looks_json_not_object"),
            Err(e) => t!("err.looks_bad_json", line = e.line()),
        }
        .into_owned();
    }
    let first: String = t.lines().next().unwrap_or("").chars().take(40).collect();
    t!("err.looks_text", start = format!("{first:?}")).into_owned()
}
