//! One session's part of the post: when, where and who, its page and slides, the notes.

use std::fmt::Write as _;

use super::words::words;
use super::{Lang, Notes, Options, inline};
use crate::model::outline::{Bullet, FollowUp, Kind, Outline};
use crate::model::schedule::{Conference, Session};

pub(super) fn session(
    out: &mut String,
    c: &Conference,
    s: &Session,
    notes: &Notes,
    opts: &Options,
) {
    let w = words(opts.lang);
    let (start, end) = (c.local(&s.start), c.local(&s.end));
    let mut meta = vec![format!(
        "{}{}{}",
        start.format("%H:%M"),
        w.dash,
        end.format("%H:%M")
    )];
    meta.extend((!s.room.is_empty()).then(|| s.room.clone()));
    if !s.speakers.is_empty() {
        meta.push(s.speakers.join(", "));
    }
    let _ = writeln!(out, "{}\n", inline::literal(&meta.join(" · ")));
    let card = |url: &str| opts.target.card(url);
    if let Some(page) = s.url.as_deref().and_then(inline::lone_url) {
        match card(page) {
            Some(card) => {
                let _ = writeln!(out, "{card}\n");
            }
            None => {
                let _ = writeln!(out, "{}: {}\n", w.page, inline::autolink(page));
            }
        }
    }
    let session_meta = notes.meta.get(&s.id);
    // The attendee's links, then the slides and recordings the schedule publishes.
    let mut links: Vec<&str> = session_meta
        .iter()
        .flat_map(|m| &m.links)
        .map(String::as_str)
        .collect();
    for l in s.links.iter().filter(|l| l.is_material()) {
        if !links.contains(&l.url.as_str()) {
            links.push(&l.url);
        }
    }
    let cards: Vec<String> = links.iter().filter_map(|l| card(l)).collect();
    if !links.is_empty() && cards.len() == links.len() {
        for card in cards {
            let _ = writeln!(out, "{card}\n");
        }
    } else if !links.is_empty() {
        let list: Vec<String> = links.iter().map(|l| inline::autolink(l)).collect();
        let _ = writeln!(out, "{}: {}\n", w.links, list.join(", "));
    }
    if session_meta.is_some_and(|m| m.slides_pending()) && !s.has_material() {
        let _ = writeln!(out, "{}\n", w.pending_line);
    }
    if let Some(o) = notes.outlines.get(&s.id) {
        outline(out, s, o, opts);
    }
}

/// The bullets as nested lists, paragraphs between them, a lone URL as a card.
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
        if let Some(card) = card(b, depth, has_children, opts) {
            if in_list && !out.ends_with("\n\n") {
                out.push('\n');
            }
            let _ = writeln!(out, "{card}\n");
            in_list = false;
            depth_cap = 0;
            continue;
        }
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
            None => "-",
            Some(FollowUp::Open) => "- [ ]",
            Some(FollowUp::Done) => "- [x]",
        };
        let text = content(s, b, opts);
        let line = if text.is_empty() {
            marker.to_string()
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

/// The card a bullet or paragraph becomes: one holding only a URL, at the top level (a nested
/// one stays a link, so the writer's nesting is kept), on a platform with cards.
fn card(b: &Bullet, depth: usize, has_children: bool, opts: &Options) -> Option<String> {
    // A URL is no Markdown: `--literal` keeps cards too.
    if depth > 0 || has_children || b.follow_up.is_some() {
        return None;
    }
    opts.target.card(inline::lone_url(&b.text)?)
}

fn content(s: &Session, b: &Bullet, opts: &Options) -> String {
    let typed = b.text.trim();
    let text = if opts.literal {
        inline::literal(typed)
    } else {
        inline::writer(typed)
    };
    if opts.timestamps
        && let Some(m) = s.minute_into(b.created)
    {
        let stamp = match opts.lang {
            Lang::En => crate::model::schedule::minute_label(m),
            Lang::Ja => format!(
                "{}分",
                crate::model::schedule::minute_label(m).trim_end_matches('m')
            ),
        };
        return format!("{stamp} {text}").trim_end().to_string();
    }
    text
}

/// Open follow-ups of a session: (text, session title).
pub(super) fn open_followups<'a>(
    s: &'a Session,
    notes: &Notes,
    lang: Lang,
) -> Vec<(String, &'a str)> {
    let slides = notes
        .meta
        .get(&s.id)
        .filter(|m| m.slides_pending())
        // Slides the schedule publishes are what the follow-up waited for.
        .filter(|_| !s.has_material())
        .map(|_| (words(lang).pending.to_string(), s.title.as_str()));
    let bullets = notes.outlines.get(&s.id).into_iter().flat_map(|o| {
        o.bullets()
            .iter()
            .filter(|b| b.follow_up == Some(FollowUp::Open))
            .map(|b| (b.text.trim().to_string(), s.title.as_str()))
    });
    slides.into_iter().chain(bullets).collect()
}
