//! A day's notes (or the whole conference's) as a blog post in Markdown, for the platform it is
//! published on (`target.rs`): headings for the days and the sessions, a line of when, where
//! and who, the session's page and slides (as link cards where the platform has them), the
//! bullets as a nested list, paragraphs as paragraphs, follow-ups as task items, and a closing
//! list of what is still open. A pure function of the model: writing the file is the caller's.
//!
//! The writer's own Markdown is kept (`inline.rs`); text from the schedule is escaped so it
//! shows as typed. The output passes markdownlint's default rules except MD013 (line length:
//! notes are never hard-wrapped).

mod body;
pub mod clipboard;
pub mod html;
pub mod ics;
pub mod inline;
mod target;
mod words;

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::model::outline::Outline;
use crate::model::outline::file::SessionMeta;
use crate::model::schedule::{Conference, Session};

pub use target::Target;
use words::{date_label, words};

/// Which days to export.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Days {
    One(NaiveDate),
    #[default]
    All,
}

/// Language of what the export writes itself: headings, dates, labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Ja,
}

impl Lang {
    /// The language of the locale (`LC_ALL`, then `LC_MESSAGES`, then `LANG`, as POSIX reads
    /// them), when it is one an export speaks.
    pub fn from_locale() -> Option<Lang> {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty())?;
        locale.starts_with("ja").then_some(Lang::Ja)
    }

    /// The language an export of `c` is written in unless one is asked for: Japanese for a
    /// Japanese conference or a Japanese locale, else English.
    pub fn for_conference(c: &Conference) -> Lang {
        let japanese = |s: &str| s.chars().any(is_japanese);
        let sessions = c.sessions();
        let titled = sessions.iter().filter(|s| japanese(&s.title)).count();
        if japanese(&c.name) || (!sessions.is_empty() && titled * 3 >= sessions.len()) {
            Lang::Ja
        } else {
            Lang::from_locale().unwrap_or_default()
        }
    }

    /// The language's code, as locales and the catalogues name it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ja => "日本語",
        }
    }
}

/// Kana or a CJK ideograph.
fn is_japanese(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}' | '\u{ff66}'..='\u{ff9f}')
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
    pub target: Target,
    /// Escape everything typed, so no Markdown in a note takes effect.
    pub literal: bool,
    /// The post's title: front matter or a title line where the platform takes the title
    /// apart, the level-1 heading elsewhere.
    pub title: Option<String>,
    /// Zenn's topics, Qiita's tags, Hatena's categories (in the front matter).
    pub tags: Vec<String>,
    /// A table of contents after the title.
    pub toc: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            days: Days::All,
            session: None,
            followups_section: true,
            timestamps: false,
            lang: Lang::En,
            target: Target::Gfm,
            literal: false,
            title: None,
            tags: Vec::new(),
            toc: false,
        }
    }
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

/// The headings written so far: for the table of contents, and so no two are the same.
#[derive(Default)]
struct Headings {
    used: HashSet<String>,
    /// (level, text as written, text as shown).
    list: Vec<(usize, String, String)>,
}

impl Headings {
    fn write(&mut self, out: &mut String, level: usize, shown: &str) {
        let mut text = inline::heading(shown);
        let mut shown = shown.trim().to_string();
        while !self.used.insert(text.clone()) {
            text.push_str(" (2)");
            shown.push_str(" (2)");
        }
        let _ = writeln!(out, "{} {text}\n", "#".repeat(level));
        self.list.push((level, text, shown));
    }
}

/// Whether `opts` takes in no session with notes: such an export would be only a title.
pub fn is_empty(conference: &Conference, notes: &Notes, opts: &Options) -> bool {
    !conference.days().iter().enumerate().any(|(day, d)| {
        (opts.days == Days::All || opts.days == Days::One(*d))
            && conference
                .day_sessions(day)
                .filter(|s| opts.session.as_ref().is_none_or(|id| *id == s.id))
                .any(|s| notes.has_any(&s.id))
    })
}

/// What `--tag` gives each platform's front matter: Zenn takes at most five topics of letters
/// and digits, Qiita at most five tags and at least one, and the others keep them as given.
/// Returns the tags to write and what was changed or is missing, to tell the user.
pub fn tags_for(target: Target, tags: &[String]) -> (Vec<String>, Vec<String>) {
    let mut said = Vec::new();
    let mut out: Vec<String> = match target {
        Target::Zenn => tags
            .iter()
            .filter_map(|t| {
                let clean: String = t.chars().filter(|c| c.is_alphanumeric()).collect();
                let clean = clean.to_lowercase();
                if clean != *t {
                    said.push(
                        rust_i18n::t!(
                            "err.zenn_topic",
                            tag = format!("{t:?}"),
                            clean = format!("{clean:?}")
                        )
                        .into_owned(),
                    );
                }
                (!clean.is_empty()).then_some(clean)
            })
            .collect(),
        _ => tags.to_vec(),
    };
    if matches!(target, Target::Zenn | Target::Qiita) && out.len() > 5 {
        said.push(
            rust_i18n::t!(
                "err.too_many_tags",
                target = target.label(),
                left = out[5..].join(", ")
            )
            .into_owned(),
        );
        out.truncate(5);
    }
    if matches!(target, Target::Zenn | Target::Qiita) && out.is_empty() {
        said.push(rust_i18n::t!("err.needs_tag", target = target.label()).into_owned());
    }
    (out, said)
}

/// The Markdown for `opts`.
pub fn markdown(conference: &Conference, notes: &Notes, opts: &Options) -> String {
    let days: Vec<(usize, NaiveDate)> = conference
        .days()
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, d)| opts.days == Days::All || opts.days == Days::One(*d))
        .collect();
    let all = opts.days == Days::All;
    let apart = opts.target.title_apart();
    let w = words(opts.lang);
    let mut head = String::new();
    let mut headings = Headings::default();
    if let Some(title) = &opts.title {
        head.push_str(
            &opts
                .target
                .head(title, &tags_for(opts.target, &opts.tags).0),
        );
    }
    if !apart {
        let title = opts
            .title
            .clone()
            .unwrap_or_else(|| match (&opts.days, days.first()) {
                (Days::One(_), Some(&(_, d))) => {
                    format!("{} — {}", conference.name, date_label(d, opts.lang))
                }
                _ => conference.name.clone(),
            });
        let _ = writeln!(head, "# {}\n", inline::heading(&title));
    }
    // Where the title is apart or given, each day has a heading, as a report by hand does.
    let day_headings = all || apart || opts.title.is_some();
    let day_level = opts.target.day_level();
    let session_level = if day_headings {
        day_level + 1
    } else {
        day_level
    };
    let mut out = String::new();
    let mut open = Vec::new();
    for &(day, date) in &days {
        let sessions: Vec<&Session> = conference
            .day_sessions(day)
            .filter(|s| opts.session.as_ref().is_none_or(|id| *id == s.id))
            .filter(|s| notes.has_any(&s.id))
            .collect();
        if day_headings && !sessions.is_empty() {
            headings.write(&mut out, day_level, &date_label(date, opts.lang));
        }
        for s in sessions {
            headings.write(&mut out, session_level, &s.title);
            body::session(&mut out, conference, s, notes, opts);
            open.extend(body::open_followups(s, notes, opts.lang));
        }
    }
    if opts.followups_section && !open.is_empty() {
        headings.write(&mut out, day_level, w.follow_ups);
        for (text, session) in open {
            let text = if opts.literal {
                inline::literal(&text)
            } else {
                inline::writer(&text)
            };
            let _ = writeln!(out, "- [ ] {text} ({})", inline::literal(session));
        }
        out.push('\n');
    }
    if opts.toc && !headings.list.is_empty() {
        head.push_str(&toc(&headings.list, opts.target));
    }
    head.push_str(&out);
    while head.ends_with("\n\n") {
        head.pop();
    }
    head
}

/// A table of contents: Hatena's own notation, else a nested list of links to the headings
/// (plain text in CommonMark, where headings have no anchors).
fn toc(list: &[(usize, String, String)], target: Target) -> String {
    if target == Target::Hatena {
        return "[:contents]\n\n".to_string();
    }
    let top = list.iter().map(|(l, ..)| *l).min().unwrap_or(1);
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = String::new();
    for (level, text, shown) in list {
        let indent = "  ".repeat(level - top);
        match target.anchor(shown) {
            Some(anchor) => {
                // GitHub numbers a repeated anchor: `x`, `x-1`, `x-2`.
                let n = seen.entry(anchor.clone()).or_default();
                let anchor = match *n {
                    0 => anchor,
                    k => format!("{anchor}-{k}"),
                };
                *n += 1;
                let _ = writeln!(out, "{indent}- [{text}](#{anchor})");
            }
            None => {
                let _ = writeln!(out, "{indent}- {text}");
            }
        }
    }
    out.push('\n');
    out
}
