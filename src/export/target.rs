//! Where the post is published, and what that platform's Markdown asks for: whether the title
//! is given apart from the body, how a link card is written, what front matter looks like and
//! how a heading's anchor is made.

use std::fmt::Write as _;

/// A platform an export is written for. Each follows its own documented syntax (README cites
/// the pages).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Target {
    /// GitHub Flavored Markdown: a README, a gist, a GitHub Pages blog.
    #[default]
    Gfm,
    /// Hatena Blog's Markdown mode.
    Hatena,
    Zenn,
    Qiita,
    /// Plain CommonMark, for anything else.
    CommonMark,
}

impl Target {
    pub const ALL: [Target; 5] = [
        Target::Gfm,
        Target::Hatena,
        Target::Zenn,
        Target::Qiita,
        Target::CommonMark,
    ];

    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Target::Gfm => "gfm",
            Target::Hatena => "hatena",
            Target::Zenn => "zenn",
            Target::Qiita => "qiita",
            Target::CommonMark => "commonmark",
        }
    }

    /// The name people know it by.
    pub fn label(self) -> &'static str {
        match self {
            Target::Gfm => "GitHub (GFM)",
            Target::Hatena => "Hatena Blog",
            Target::Zenn => "Zenn",
            Target::Qiita => "Qiita",
            Target::CommonMark => "CommonMark",
        }
    }

    /// The name in Japanese.
    pub fn label_ja(self) -> &'static str {
        match self {
            Target::Hatena => "はてなブログ",
            t => t.label(),
        }
    }

    /// The post's title is typed in a field of its own (the body's headings start at `##`).
    pub fn title_apart(self) -> bool {
        matches!(self, Target::Hatena | Target::Zenn | Target::Qiita)
    }

    /// The level of a day's heading; a session's is one deeper. Hatena's themes style h3 to
    /// h5 in a post (h1 and h2 are the blog's and the post's titles), and its table of contents
    /// `[:contents]` lists only those.
    pub fn day_level(self) -> usize {
        match self {
            Target::Hatena => 3,
            _ => 2,
        }
    }

    /// A URL alone in its paragraph as the platform's link card, or `None` where there are none.
    pub fn card(self, url: &str) -> Option<String> {
        match self {
            // はてな記法, which the Markdown mode reads too: https://help.hatenablog.com/entry/markup/hatena
            Target::Hatena => Some(format!("[{url}:embed:cite]")),
            // Both turn a line holding only a URL into a card.
            Target::Zenn | Target::Qiita => Some(url.to_string()),
            Target::Gfm | Target::CommonMark => None,
        }
    }

    /// What goes before the body when the title is given: front matter for the platform's
    /// command-line tool, or the title as a heading.
    pub fn head(self, title: &str, tags: &[String]) -> String {
        let mut out = String::new();
        let quoted = yaml_string(title);
        match self {
            // Zenn CLI: https://zenn.dev/zenn/articles/zenn-cli-guide
            Target::Zenn => {
                let topics: Vec<String> = tags.iter().map(|t| yaml_string(t)).collect();
                let _ = write!(
                    out,
                    "---\ntitle: {quoted}\nemoji: \"📝\"\ntype: \"idea\"\ntopics: [{}]\npublished: false\n---\n\n",
                    topics.join(", ")
                );
            }
            // Qiita CLI: https://github.com/increments/qiita-cli
            Target::Qiita => {
                let _ = write!(out, "---\ntitle: {quoted}\ntags:\n");
                if tags.is_empty() {
                    out.push_str("  - \"\"\n");
                }
                for t in tags {
                    let _ = writeln!(out, "  - {}", yaml_string(t));
                }
                out.push_str(
                    "private: true\nupdated_at: \"\"\nid: null\norganization_url_name: null\nslide: false\nignorePublish: false\n---\n\n",
                );
            }
            // blogsync, the command line many Hatena bloggers post with:
            // https://github.com/x-motemen/blogsync
            Target::Hatena => {
                let _ = write!(out, "---\nTitle: {quoted}\n");
                if !tags.is_empty() {
                    out.push_str("Category:\n");
                    for t in tags {
                        let _ = writeln!(out, "- {}", yaml_string(t));
                    }
                }
                out.push_str("Draft: true\n---\n\n");
            }
            Target::Gfm | Target::CommonMark => {}
        }
        out
    }

    /// The anchor a heading gets on the platform, or `None` where headings get none.
    pub fn anchor(self, text: &str) -> Option<String> {
        match self {
            // GitHub's rule, which Qiita follows: lower case, punctuation dropped, spaces to `-`.
            Target::Gfm | Target::Qiita => Some(
                text.trim()
                    .to_lowercase()
                    .chars()
                    .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
                    .map(|c| if c == ' ' { '-' } else { c })
                    .collect(),
            ),
            // Zenn (markdown-it-anchor): lower case, runs of white space to `-`, then
            // encodeURIComponent.
            Target::Zenn => {
                let joined = text
                    .trim()
                    .to_lowercase()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join("-");
                Some(encode_uri_component(&joined))
            }
            Target::Hatena | Target::CommonMark => None,
        }
    }
}

/// A YAML double-quoted string.
fn yaml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

/// JavaScript's `encodeURIComponent`.
fn encode_uri_component(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

impl std::str::FromStr for Target {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Target::ALL
            .into_iter()
            .find(|t| t.name() == s.to_ascii_lowercase())
            .ok_or_else(|| format!("{s:?} is not one of gfm, hatena, zenn, qiita, commonmark"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_follow_each_platform() {
        assert_eq!(
            Target::Gfm.anchor("Kinesis と Lambda: 実践!").as_deref(),
            Some("kinesis-と-lambda-実践")
        );
        assert_eq!(Target::Zenn.anchor("A b").as_deref(), Some("a-b"));
        assert_eq!(
            Target::Zenn.anchor("設計").as_deref(),
            Some("%E8%A8%AD%E8%A8%88")
        );
        assert_eq!(Target::Hatena.anchor("x"), None);
    }
}
