//! Abstracts published as HTML (FOSDEM, pretalx, Google Calendar) as readable text: paragraphs
//! as paragraphs, list items as bullets, links with their URLs; no raw tags on screen.

/// `text` as plain text when it is HTML (it has a tag kaigi recognises); as it is otherwise.
pub fn readable(text: &str) -> String {
    if !looks_like_html(text) {
        return text.to_string();
    }
    // No wrapping here: the app wraps to the pane it draws in.
    let plain = html2text::config::plain()
        .link_footnotes(true)
        .string_from_read(text.as_bytes(), 100_000);
    match plain {
        Ok(plain) => tidy(&plain),
        Err(_) => text.to_string(),
    }
}

/// Whether `text` holds one of the tags abstracts are written with.
fn looks_like_html(text: &str) -> bool {
    const TAGS: &[&str] = &[
        "<p>",
        "<p ",
        "</p>",
        "<br",
        "<ul>",
        "<ol>",
        "<li>",
        "<a href",
        "<em>",
        "<strong>",
        "<div",
        "<h1",
        "<h2",
        "<h3",
        "<hr",
        "<code>",
        "<pre>",
        "<b>",
        "<i>",
        "<blockquote>",
    ];
    let lower = text.to_ascii_lowercase();
    TAGS.iter().any(|t| lower.contains(t))
}

/// Trailing spaces gone, and no more than one blank line in a row.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines().map(str::trim_end) {
        if line.is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::readable;

    #[test]
    fn html_abstracts_read_as_text_with_their_links() {
        let html = "<p>We need to <em>talk</em>.</p>\n<hr />\n<ul><li>one</li><li>two</li></ul>\
                    <p>See <a href=\"https://fosdem.org/x\">the page</a>.</p>";
        let text = readable(html);
        assert!(!text.contains('<'), "{text}");
        assert!(text.starts_with("We need to *talk*."), "{text}");
        assert!(text.contains("* one\n* two"), "{text}");
        assert!(text.contains("https://fosdem.org/x"), "{text}");
    }

    #[test]
    fn plain_text_is_left_as_it_is() {
        for t in ["a < b and c > d", "Kubernetes 運用 <3", "1 < 2"] {
            assert_eq!(readable(t), t);
        }
    }
}
