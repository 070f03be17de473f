//! A line of text as Markdown, two ways. The writer's way (the default) keeps the Markdown a
//! note was typed with: code, emphasis, links and autolinks come out as typed, and only what
//! would change the document's structure is made plain (a line starting a heading, a list, a
//! quote, a table, a fence or a link definition; raw HTML). The literal way (`--literal`, and
//! text from the schedule such as titles) makes every character show as typed.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// `text` (one line) as the writer typed it, made safe at the start of a block.
pub fn writer(text: &str) -> String {
    let (start, rest) = block_start(text);
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(&start);
    // What the line says once its start is plain: raw HTML to neutralise, bare URLs to wrap.
    let source = format!("{start}{rest}");
    let offset = start.len();
    let mut edits: Vec<(usize, Edit)> = Vec::new();
    let mut depth_link = 0usize;
    // Runs of plain text, joined: the parser cuts text at `(` or `_`, and a URL goes on past them.
    let mut text: Option<Range<usize>> = None;
    let flush = |text: &mut Option<Range<usize>>, edits: &mut Vec<(usize, Edit)>| {
        for url in text
            .take()
            .map(|r| bare_urls(&source, r))
            .unwrap_or_default()
        {
            edits.push((url.start, Edit::Open));
            edits.push((url.end, Edit::Close));
        }
    };
    for (event, range) in Parser::new_ext(&source, parse_options()).into_offset_iter() {
        if let Event::Text(_) = event
            && depth_link == 0
        {
            match text.as_mut() {
                Some(t) if t.end == range.start => t.end = range.end,
                _ => {
                    flush(&mut text, &mut edits);
                    text = Some(range);
                }
            }
            continue;
        }
        flush(&mut text, &mut edits);
        match event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => depth_link += 1,
            Event::End(TagEnd::Link | TagEnd::Image) => depth_link = depth_link.saturating_sub(1),
            Event::InlineHtml(_) | Event::Html(_) => {
                for (i, c) in source[range.clone()].char_indices() {
                    if c == '<' || c == '>' {
                        edits.push((range.start + i, Edit::Entity(c)));
                    }
                }
            }
            _ => {}
        }
    }
    flush(&mut text, &mut edits);
    edits.sort_by_key(|(at, _)| *at);
    let mut at = offset;
    for (pos, edit) in edits.into_iter().filter(|(p, _)| *p >= offset) {
        out.push_str(&source[at..pos]);
        at = pos;
        match edit {
            Edit::Open => out.push('<'),
            Edit::Close => out.push('>'),
            Edit::Entity(c) => {
                out.push_str(if c == '<' { "&lt;" } else { "&gt;" });
                at += 1;
            }
        }
    }
    out.push_str(&source[at..]);
    out
}

enum Edit {
    /// `<` before a bare URL.
    Open,
    /// `>` after it.
    Close,
    /// A `<` or `>` of raw HTML, written as an entity.
    Entity(char),
}

fn parse_options() -> pulldown_cmark::Options {
    use pulldown_cmark::Options as O;
    O::ENABLE_TABLES | O::ENABLE_STRIKETHROUGH | O::ENABLE_TASKLISTS | O::ENABLE_FOOTNOTES
}

/// The URLs of a text span that are not already in `<…>`, as ranges of `source`.
fn bare_urls(source: &str, span: Range<usize>) -> Vec<Range<usize>> {
    let text = &source[span.clone()];
    let finder = linkify::LinkFinder::new();
    finder
        .links(text)
        .filter(|l| *l.kind() == linkify::LinkKind::Url)
        .map(|l| span.start + l.start()..span.start + l.start() + url_len(l.as_str()))
        .filter(|r| !source[..r.start].ends_with('<'))
        .filter(|r| !source[r.clone()].contains(['<', '>', ' ']))
        .collect()
}

/// How much of what linkify takes for a URL is one. Japanese is written without spaces, so a
/// URL ends where Japanese prose starts right after a word of it (`https://example.com/aにあり
/// ます`); Japanese that starts a part of the URL (`/wiki/東京都`, `#見出し`, `?q=検索`) is kept.
fn url_len(url: &str) -> usize {
    let japanese = |c: char| matches!(c, '\u{3000}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}');
    let mut before = ' ';
    for (i, c) in url.char_indices() {
        if japanese(c)
            && !japanese(before)
            && !matches!(before, '/' | '#' | '=' | '?' | '&' | '_' | '-' | '.')
        {
            return i;
        }
        before = c;
    }
    url.len()
}

/// What a line must start with so it stays a line of text, and the rest of it.
fn block_start(text: &str) -> (String, &str) {
    let b = text.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let after = |n: usize| b.get(n).is_none_or(|c| *c == b' ' || *c == b'\t');
    if digits > 0 && digits < 10 && matches!(b.get(digits), Some(b'.' | b')')) && after(digits + 1)
    {
        return (
            format!("{}\\{}", &text[..digits], &text[digits..=digits]),
            &text[digits + 1..],
        );
    }
    let first = b.first().copied();
    // A heading (older Markdown, Hatena's among them, takes `#word` for one too), a list
    // marker, or a thematic break.
    let marker = matches!(first, Some(b'-' | b'+' | b'*')) && after(1);
    if first == Some(b'#') || marker || is_break(text) {
        return (format!("\\{}", &text[..1]), &text[1..]);
    }
    match first {
        Some(b'>') => ("&gt;".to_string(), &text[1..]),
        Some(b'|') => ("&#124;".to_string(), &text[1..]),
        Some(b'`' | b'~') if text.starts_with("```") || text.starts_with("~~~") => {
            (format!("\\{}", &text[..1]), &text[1..])
        }
        // `[x]: url` would vanish into a link definition, `[^1]: …` into a footnote.
        Some(b'[') if is_definition(text) => ("\\[".to_string(), &text[1..]),
        _ => (String::new(), text),
    }
}

/// `---`, `***`, `___`, spaced or not.
fn is_break(text: &str) -> bool {
    let Some(c) = text.chars().next().filter(|c| matches!(c, '-' | '*' | '_')) else {
        return false;
    };
    text.chars().all(|x| x == c || x == ' ' || x == '\t')
        && text.chars().filter(|x| *x == c).count() >= 3
}

fn is_definition(text: &str) -> bool {
    text.find("]:")
        .is_some_and(|i| i > 1 && !text[1..i].contains(['[', ']']))
}

/// Text escaped so every character shows as typed, with URLs as autolinks.
pub fn literal(text: &str) -> String {
    let finder = linkify::LinkFinder::new();
    let mut out = String::with_capacity(text.len() + 8);
    for span in finder.spans(text) {
        match span.kind() {
            Some(linkify::LinkKind::Url) => {
                let (url, rest) = span.as_str().split_at(url_len(span.as_str()));
                out.push_str(&autolink(url));
                escape_into(&mut out, rest, false);
            }
            _ => {
                let at_start = out.is_empty();
                escape_into(&mut out, span.as_str(), at_start);
            }
        }
    }
    out
}

/// A URL as an autolink; one that cannot be (a space, an angle bracket) as escaped text.
pub fn autolink(url: &str) -> String {
    if url.contains(['<', '>', ' ']) {
        let mut out = String::new();
        escape_into(&mut out, url, false);
        out
    } else {
        format!("<{url}>")
    }
}

/// Escapes what CommonMark (and GitHub's strikethrough and task lists) would read as markup:
/// backslashes where every Markdown honours them, entities for `<` and an `&` that starts an
/// entity (older Markdown, such as Hatena's, shows a backslash before those). At the start of a
/// block also what would start one.
fn escape_into(out: &mut String, text: &str, at_start: bool) {
    let mut chars = text.char_indices().peekable();
    if at_start && text.starts_with(['>', '|']) {
        out.push_str(if text.starts_with('>') {
            "&gt;"
        } else {
            "&#124;"
        });
        chars.next();
    } else if at_start {
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
    for (i, c) in chars {
        match c {
            '<' => out.push_str("&lt;"),
            '&' if starts_entity(&text[i + 1..]) => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '~' | '#' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
}

/// `amp;`, `#123;`: what after a `&` would make an entity.
fn starts_entity(rest: &str) -> bool {
    let name = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'#')
        .count();
    name > 0 && rest.as_bytes().get(name) == Some(&b';')
}

/// A heading's text, escaped (a `#` anywhere, so a trailing one is not a closing sequence).
pub fn heading(text: &str) -> String {
    let mut out = String::new();
    escape_into(&mut out, text.trim(), false);
    out
}

/// The URL a line holds and nothing else (a `<…>` autolink counts), for a link card.
pub fn lone_url(text: &str) -> Option<&str> {
    let t = text.trim();
    let t = t
        .strip_prefix('<')
        .and_then(|u| u.strip_suffix('>'))
        .unwrap_or(t);
    let finder = linkify::LinkFinder::new();
    let mut links = finder.links(t);
    let link = links.next()?;
    let whole = link.start() == 0 && link.end() == t.len() && url_len(t) == t.len();
    (whole && *link.kind() == linkify::LinkKind::Url)
        .then_some(t)
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_writers_markdown_is_kept() {
        for typed in [
            "`kubectl get pods` で確認",
            "**重要** と *強調* と _これ_",
            "[資料](https://example.com/a) と <https://example.com/b>",
            "~~取り消し~~ and a\\*star",
            "a > b and 1. inside",
        ] {
            assert_eq!(writer(typed), typed);
        }
    }

    #[test]
    fn only_what_changes_the_structure_is_made_plain() {
        assert_eq!(writer("# 見出しではない"), "\\# 見出しではない");
        assert_eq!(writer("1. 番号ではない"), "1\\. 番号ではない");
        assert_eq!(writer("- 入れ子ではない"), "\\- 入れ子ではない");
        assert_eq!(writer("> 引用ではない"), "&gt; 引用ではない");
        assert_eq!(writer("| a | b |"), "&#124; a | b |");
        assert_eq!(writer("```rust"), "\\```rust");
        assert_eq!(
            writer("[x]: https://example.com"),
            "\\[x]: <https://example.com>"
        );
        assert_eq!(writer("<b>太字</b>"), "&lt;b&gt;太字&lt;/b&gt;");
        assert_eq!(writer("2026 年"), "2026 年");
    }

    #[test]
    fn bare_urls_become_autolinks_and_code_stays_code() {
        assert_eq!(
            writer("資料 https://example.com/x?a=1&b=2 を参照"),
            "資料 <https://example.com/x?a=1&b=2> を参照"
        );
        assert_eq!(writer("`https://in.code`"), "`https://in.code`");
        assert_eq!(writer("`<div>`"), "`<div>`");
    }

    #[test]
    fn a_lone_url_is_found_with_or_without_brackets() {
        assert_eq!(
            lone_url(" https://example.com/a "),
            Some("https://example.com/a")
        );
        assert_eq!(
            lone_url("<https://example.com/a>"),
            Some("https://example.com/a")
        );
        assert_eq!(lone_url("see https://example.com/a"), None);
        assert_eq!(lone_url("ftp://example.com/a"), None);
    }
}

#[cfg(test)]
mod japanese_tests {
    #[test]
    fn a_url_followed_by_japanese_ends_where_the_url_does() {
        assert_eq!(
            super::writer("資料はhttps://example.com/aにあります"),
            "資料は<https://example.com/a>にあります"
        );
        assert_eq!(
            super::writer("https://ja.wikipedia.org/wiki/東京都 が参考"),
            "<https://ja.wikipedia.org/wiki/東京都> が参考"
        );
        assert_eq!(
            super::writer("https://zenn.dev/foo/articles/bar?x=1#見出し"),
            "<https://zenn.dev/foo/articles/bar?x=1#見出し>"
        );
    }

    #[test]
    fn parentheses_and_underscores_stay_inside_a_url() {
        assert_eq!(
            super::writer("https://en.wikipedia.org/wiki/Rust_(programming_language)"),
            "<https://en.wikipedia.org/wiki/Rust_(programming_language)>"
        );
        assert_eq!(
            super::writer("see https://example.com/a_b_(c) here"),
            "see <https://example.com/a_b_(c)> here"
        );
    }
}
