//! A day's notes (or the whole conference's) as Markdown ready to publish: one level-1 heading,
//! a heading per session with notes, a line of when, where and who, the bullets as a nested
//! list, paragraphs as paragraphs, follow-ups as task items, links as autolinks, and a closing
//! list of what is still open. A pure function of the model: writing the file is the caller's.
//!
//! Text is escaped so it renders as typed: nothing a note says becomes a heading, a list, a
//! table, emphasis, a link or HTML. The output is CommonMark and passes markdownlint's default
//! rules except MD013 (line length: notes are never hard-wrapped).

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate, Weekday};

use crate::model::followups::SLIDES_PENDING;
use crate::model::outline::file::SessionMeta;
use crate::model::outline::{Bullet, FollowUp, Kind, Outline};
use crate::model::schedule::{Conference, Session};

/// Which days to export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Days {
    One(NaiveDate),
    All,
}

/// Language of the headings and dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Ja,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub days: Days,
    /// Only this session.
    pub session: Option<String>,
    /// End with the open follow-ups.
    pub followups_section: bool,
    /// Prefix each bullet with the minute into the session it was written ("+12m").
    pub timestamps: bool,
    pub lang: Lang,
}

/// The notes of a conference, as export reads them.
pub struct Notes<'a> {
    pub outlines: &'a HashMap<String, &'a Outline>,
    pub meta: &'a HashMap<String, SessionMeta>,
}

impl Notes<'_> {
    fn has_any(&self, id: &str) -> bool {
        self.outlines.get(id).is_some_and(|o| !o.is_empty())
            || self.meta.get(id).is_some_and(|m| !m.is_empty())
    }
}

/// The Markdown for `opts`.
pub fn markdown(conference: &Conference, notes: &Notes, opts: &Options) -> String {
    let mut out = String::new();
    let days: Vec<(usize, NaiveDate)> = conference
        .days()
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, d)| opts.days == Days::All || opts.days == Days::One(*d))
        .collect();
    let all = opts.days == Days::All;
    let title = match (&opts.days, days.first()) {
        (Days::One(_), Some(&(_, d))) => {
            format!("{} — {}", conference.name, date_label(d, opts.lang))
        }
        _ => conference.name.clone(),
    };
    heading(&mut out, 1, &escape_heading(&title));
    let mut used = HashSet::new();
    let mut open = Vec::new();
    for &(day, date) in &days {
        let sessions: Vec<&Session> = conference
            .day_sessions(day)
            .filter(|s| opts.session.as_ref().is_none_or(|id| *id == s.id))
            .filter(|s| notes.has_any(&s.id))
            .collect();
        if all && !sessions.is_empty() {
            heading(&mut out, 2, &escape_heading(&date_label(date, opts.lang)));
        }
        for s in sessions {
            let level = if all { 3 } else { 2 };
            let mut text = escape_heading(&s.title);
            while !used.insert(text.clone()) {
                text.push_str(" (2)");
            }
            heading(&mut out, level, &text);
            session_body(&mut out, conference, s, notes, opts);
            open.extend(open_followups(s, notes, opts.lang));
        }
    }
    if opts.followups_section && !open.is_empty() {
        let title = match opts.lang {
            Lang::En => "Follow-ups",
            Lang::Ja => "フォローアップ",
        };
        let mut title = title.to_string();
        while !used.insert(title.clone()) {
            title.push_str(" (2)");
        }
        heading(&mut out, 2, &title);
        for (text, session) in open {
            let _ = writeln!(out, "- [ ] {} ({})", inline(&text), inline(session));
        }
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn heading(out: &mut String, level: usize, text: &str) {
    let _ = writeln!(out, "{} {text}\n", "#".repeat(level));
}

fn date_label(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::En => d.format("%A, %-d %B %Y").to_string(),
        Lang::Ja => format!("{}({})", d.format("%Y/%m/%d"), weekday_ja(d.weekday())),
    }
}

fn session_body(out: &mut String, c: &Conference, s: &Session, notes: &Notes, opts: &Options) {
    let (start, end) = (c.local(&s.start), c.local(&s.end));
    let dash = match opts.lang {
        Lang::En => "–",
        Lang::Ja => "〜",
    };
    let mut meta = vec![format!(
        "{}{dash}{}",
        start.format("%H:%M"),
        end.format("%H:%M")
    )];
    meta.extend((!s.room.is_empty()).then(|| s.room.clone()));
    if !s.speakers.is_empty() {
        meta.push(s.speakers.join(", "));
    }
    let _ = writeln!(out, "{}\n", inline(&meta.join(" · ")));
    let session_meta = notes.meta.get(&s.id);
    // The attendee's links, then the slides and recordings the schedule publishes.
    let mut links: Vec<&String> = session_meta.iter().flat_map(|m| &m.links).collect();
    for l in s.links.iter().filter(|l| l.is_material()) {
        if !links.contains(&&l.url) {
            links.push(&l.url);
        }
    }
    if !links.is_empty() {
        let label = match opts.lang {
            Lang::En => "Slides and links",
            Lang::Ja => "スライド・リンク",
        };
        let list: Vec<String> = links.iter().map(|l| link(l)).collect();
        let _ = writeln!(out, "{label}: {}\n", list.join(", "));
    }
    if let Some(o) = notes.outlines.get(&s.id) {
        outline(out, s, o, opts);
    }
}

/// The bullets as nested lists, paragraphs between them.
fn outline(out: &mut String, s: &Session, o: &Outline, opts: &Options) {
    let bullets = o.bullets();
    let mut in_list = false;
    // Depths of the list being written, so a nested paragraph or a skipped bullet never leaves
    // an item indented deeper than its parent.
    let mut depth_cap = 0usize;
    for (i, b) in bullets.iter().enumerate() {
        let has_children = bullets.get(i + 1).is_some_and(|n| n.depth > b.depth);
        if b.text.trim().is_empty() && !has_children {
            continue;
        }
        let depth = b.depth.min(if in_list { depth_cap } else { 0 });
        if b.kind == Kind::Paragraph {
            if depth == 0 {
                if in_list && !out.ends_with("\n\n") {
                    out.push('\n');
                }
                in_list = false;
                let _ = writeln!(out, "{}\n", content(s, b, opts));
                depth_cap = 0;
            } else {
                // Prose under a bullet: a paragraph of the item above, indented to its text.
                let _ = writeln!(out, "\n{}{}\n", "  ".repeat(depth), content(s, b, opts));
                depth_cap = depth;
            }
            continue;
        }
        let marker = match b.follow_up {
            None => "-".to_string(),
            Some(FollowUp::Open) => "- [ ]".to_string(),
            Some(FollowUp::Done) => "- [x]".to_string(),
        };
        let text = content(s, b, opts);
        let line = if text.is_empty() {
            marker
        } else {
            format!("{marker} {text}")
        };
        let _ = writeln!(out, "{}{line}", "  ".repeat(depth));
        in_list = true;
        depth_cap = depth + 1;
    }
    if in_list && !out.ends_with("\n\n") {
        out.push('\n');
    }
}

fn content(s: &Session, b: &Bullet, opts: &Options) -> String {
    let text = inline(b.text.trim());
    if opts.timestamps
        && let Some(m) = s.minute_into(b.created)
    {
        let stamp = crate::model::schedule::minute_label(m);
        return format!("{stamp} {text}").trim_end().to_string();
    }
    text
}

/// The slides-pending follow-up as the export writes it.
fn slides_pending(lang: Lang) -> &'static str {
    match lang {
        Lang::En => SLIDES_PENDING,
        Lang::Ja => "資料公開待ち",
    }
}

/// Open follow-ups of a session: (text, session title).
fn open_followups<'a>(s: &'a Session, notes: &Notes, lang: Lang) -> Vec<(String, &'a str)> {
    let slides = notes
        .meta
        .get(&s.id)
        .filter(|m| m.slides_pending())
        // Slides the schedule publishes are what the follow-up waited for.
        .filter(|_| !s.has_material())
        .map(|_| (slides_pending(lang).to_string(), s.title.as_str()));
    let bullets = notes.outlines.get(&s.id).into_iter().flat_map(|o| {
        o.bullets()
            .iter()
            .filter(|b| b.follow_up == Some(FollowUp::Open))
            .map(|b| (b.text.trim().to_string(), s.title.as_str()))
    });
    slides.into_iter().chain(bullets).collect()
}

/// Text escaped for use inside a paragraph or list item, with URLs as autolinks.
pub fn inline(text: &str) -> String {
    let finder = linkify::LinkFinder::new();
    let mut out = String::with_capacity(text.len() + 8);
    for span in finder.spans(text) {
        match span.kind() {
            Some(linkify::LinkKind::Url) => out.push_str(&link(span.as_str())),
            _ => {
                let at_start = out.is_empty();
                escape_into(&mut out, span.as_str(), at_start);
            }
        }
    }
    out
}

fn link(url: &str) -> String {
    if url.contains(['<', '>', ' ']) {
        let mut out = String::new();
        escape_into(&mut out, url, false);
        out
    } else {
        format!("<{url}>")
    }
}

/// Backslash-escapes what CommonMark (and GitHub's tables, strikethrough and task lists) would
/// read as markup. At the start of a block also what would start one: `#`, `>`, `+`, `-`, `=`,
/// and an ordered-list number.
fn escape_into(out: &mut String, text: &str, at_start: bool) {
    let mut chars = text.char_indices().peekable();
    if at_start {
        let digits = text.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && matches!(text.as_bytes().get(digits), Some(b'.' | b')')) {
            out.push_str(&text[..digits]);
            out.push('\\');
            for _ in 0..digits {
                chars.next();
            }
        } else if text.starts_with(['+', '-', '=']) {
            // `#` and `>` are escaped wherever they stand, below.
            out.push('\\');
        }
    }
    for (_, c) in chars {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
}

/// A heading's text, escaped (a `#` anywhere, so a trailing one is not a closing sequence).
fn escape_heading(text: &str) -> String {
    let mut out = String::new();
    escape_into(&mut out, text.trim(), false);
    out
}

fn weekday_ja(w: Weekday) -> &'static str {
    ["月", "火", "水", "木", "金", "土", "日"][w.num_days_from_monday() as usize]
}
