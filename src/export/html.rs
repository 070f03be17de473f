//! `kaigi export --html`: the post as a standalone web page, to look at before publishing.
//! Link cards and Hatena's table of contents are drawn as the platform would place them.

use pulldown_cmark::{Event, Parser, Tag, TagEnd, html};

use super::{Lang, Target};

/// A page showing `markdown` (written for `target`) as the platform would.
pub fn page(markdown: &str, target: Target, lang: Lang, fallback_title: &str) -> String {
    let (front_title, body) = split_front_matter(markdown);
    let title = front_title.unwrap_or_else(|| fallback_title.to_string());
    let prepared = cards(body, target);
    let mut options = pulldown_cmark::Options::empty();
    options.insert(pulldown_cmark::Options::ENABLE_TABLES);
    options.insert(pulldown_cmark::Options::ENABLE_STRIKETHROUGH);
    options.insert(pulldown_cmark::Options::ENABLE_TASKLISTS);
    options.insert(pulldown_cmark::Options::ENABLE_FOOTNOTES);
    let events = with_anchors(Parser::new_ext(&prepared, options).collect(), target);
    let mut content = String::new();
    html::push_html(&mut content, events.into_iter());
    let lang = match lang {
        Lang::En => "en",
        Lang::Ja => "ja",
    };
    let title_html = escape(&title);
    let heading = if target.title_apart() {
        format!("<h1 class=\"post-title\">{title_html}</h1>\n")
    } else {
        String::new()
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title_html}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <p class=\"target\">{}</p>\n{heading}{content}</body>\n</html>\n",
        escape(&match lang {
            "ja" => format!("{} · kaigi プレビュー", target.label_ja()),
            _ => format!("{} · kaigi preview", target.label()),
        })
    )
}

const STYLE: &str = "body{max-width:46em;margin:2em auto;padding:0 1em;font-family:system-ui,\
'Hiragino Sans','Noto Sans JP',sans-serif;line-height:1.8}\
.target{color:#888;font-size:.8em}\
.card{border:1px solid #ccc;border-radius:6px;padding:.8em 1em;margin:1em 0}\
.card a{word-break:break-all}.toc{border-left:3px solid #ccc;padding-left:1em;color:#666}\
code{background:#f2f2f2;padding:0 .2em}";

/// The title in the front matter, and the Markdown after it.
fn split_front_matter(markdown: &str) -> (Option<String>, &str) {
    let Some(rest) = markdown.strip_prefix("---\n") else {
        return (None, markdown);
    };
    let Some(end) = rest.find("\n---\n") else {
        return (None, markdown);
    };
    let title = rest[..end].lines().find_map(|l| {
        let v = l
            .strip_prefix("title: ")
            .or_else(|| l.strip_prefix("Title: "))?;
        Some(serde_json::from_str::<String>(v).unwrap_or_else(|_| v.to_string()))
    });
    (title, &rest[end + 5..])
}

/// Lines the platform turns into a card, and Hatena's `[:contents]`, as HTML blocks.
fn cards(body: &str, target: Target) -> String {
    let mut out = String::with_capacity(body.len());
    let mut previous_blank = true;
    let mut lines = body.lines().peekable();
    while let Some(line) = lines.next() {
        let alone = previous_blank && lines.peek().is_none_or(|n| n.trim().is_empty());
        let url = card_url(line, target);
        match url {
            Some(url) if alone => {
                let url = escape(url);
                out.push_str(&format!(
                    "<div class=\"card\"><a href=\"{url}\">{url}</a></div>\n"
                ));
            }
            _ if alone && target == Target::Hatena && line == "[:contents]" => {
                out.push_str(&hatena_contents(body));
            }
            _ => {
                out.push_str(line);
                out.push('\n');
            }
        }
        previous_blank = line.trim().is_empty();
    }
    out
}

/// What Hatena puts for `[:contents]`: its h3 to h5 headings, nested.
fn hatena_contents(body: &str) -> String {
    let mut out = String::from("<nav class=\"toc\"><ul>\n");
    for line in body.lines() {
        let level = line.bytes().take_while(|b| *b == b'#').count();
        if (3..=5).contains(&level) && line.as_bytes().get(level) == Some(&b' ') {
            let text: String = line[level + 1..].replace('\\', "");
            let indent = (level - 3) * 2;
            out.push_str(&format!(
                "<li style=\"margin-left:{indent}em\">{}</li>\n",
                escape(&text)
            ));
        }
    }
    out.push_str("</ul></nav>\n");
    out
}

fn card_url(line: &str, target: Target) -> Option<&str> {
    match target {
        Target::Hatena => line
            .strip_prefix('[')?
            .strip_suffix(":embed:cite]")
            .filter(|u| !u.contains(char::is_whitespace)),
        Target::Zenn | Target::Qiita => super::inline::lone_url(line).filter(|u| *u == line),
        Target::Gfm | Target::CommonMark => None,
    }
}

/// Headings with the ids the platform gives them, so the table of contents' links work.
fn with_anchors(events: Vec<Event<'_>>, target: Target) -> Vec<Event<'_>> {
    let mut out = Vec::with_capacity(events.len());
    let mut text = String::new();
    let mut in_heading = false;
    let mut start = 0;
    for event in events {
        match &event {
            Event::Start(Tag::Heading { .. }) => {
                in_heading = true;
                text.clear();
                start = out.len();
            }
            Event::Text(t) | Event::Code(t) if in_heading => text.push_str(t),
            Event::End(TagEnd::Heading(_)) => {
                in_heading = false;
                if let (Some(id), Event::Start(Tag::Heading { id: slot, .. })) =
                    (target.anchor(&text), &mut out[start])
                {
                    *slot = Some(id.into());
                }
            }
            _ => {}
        }
        out.push(event);
    }
    out
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}
