//! Search across every note of the conference: bullet text, paragraphs, session titles and
//! speakers. Opening the search folds all the text once into an index; each keystroke after that
//! is only substring tests over it, so results keep up with typing at 10,000 bullets.

use std::collections::HashMap;

use crate::model::outline::editor::Editor;
use crate::model::schedule::Conference;
use crate::text;

/// Most hits listed; a search that finds more says so.
pub const MAX_HITS: usize = 500;

/// A line that matched: a bullet, or a session's title when `bullet` is `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub session: String,
    pub bullet: Option<u64>,
    pub text: String,
}

#[derive(Debug, Clone)]
struct Entry {
    hit: Hit,
    folded: String,
}

/// An open search: its index, the current hits and the selected one.
#[derive(Debug, Clone)]
pub struct Search {
    index: Vec<Entry>,
    pub hits: Vec<Hit>,
    /// More matched than [`MAX_HITS`].
    pub more: bool,
    pub selected: usize,
    /// The folded words of the query, for highlighting.
    pub terms: Vec<String>,
}

impl Search {
    /// Indexes the sessions (title and speakers) and every bullet with text, in the order the
    /// sessions take place.
    pub fn new<S: std::hash::BuildHasher>(
        conference: &Conference,
        notes: &HashMap<String, Editor, S>,
    ) -> Self {
        let mut index = Vec::new();
        for s in conference.sessions() {
            let title = format!("{} {}", s.title, s.speakers.join(" "));
            index.push(Entry {
                folded: text::fold(&title),
                hit: Hit {
                    session: s.id.clone(),
                    bullet: None,
                    text: s.title.clone(),
                },
            });
            let Some(e) = notes.get(&s.id) else { continue };
            for b in e.outline.bullets().iter().filter(|b| !b.text.is_empty()) {
                index.push(Entry {
                    folded: text::fold(&b.text),
                    hit: Hit {
                        session: s.id.clone(),
                        bullet: Some(b.id),
                        text: b.text.to_string(),
                    },
                });
            }
        }
        Search {
            index,
            hits: Vec::new(),
            more: false,
            selected: 0,
            terms: Vec::new(),
        }
    }

    /// Lines containing every word of `query` (case-, width- and kana-form-insensitive).
    pub fn run(&mut self, query: &str) {
        self.terms = text::terms(query);
        self.hits.clear();
        self.selected = 0;
        self.more = false;
        if self.terms.is_empty() {
            return;
        }
        for e in &self.index {
            if self.terms.iter().all(|t| e.folded.contains(t.as_str())) {
                if self.hits.len() == MAX_HITS {
                    self.more = true;
                    break;
                }
                self.hits.push(e.hit.clone());
            }
        }
    }

    pub fn selected_hit(&self) -> Option<&Hit> {
        self.hits.get(self.selected)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::outline::Outline;

    fn notes(c: &Conference, texts: &[&str]) -> HashMap<String, Editor> {
        let t = chrono::DateTime::parse_from_rfc3339("2026-12-03T10:00:00+09:00").unwrap();
        let mut o = Outline::new(t);
        let bullets = texts
            .iter()
            .map(|s| o.new_bullet(0, s.to_string(), t))
            .collect();
        let id = c.sessions()[1].id.clone();
        HashMap::from([(id, Editor::new(Outline::from_bullets(bullets, t)))])
    }

    #[test]
    fn finds_japanese_mixed_case_and_all_terms() {
        let c = Conference::sample();
        let n = notes(
            &c,
            &["Kinesis のシャード上限", "kinesis FIREHOSE", "資料公開待ち"],
        );
        let mut s = Search::new(&c, &n);
        s.run("ＫＩＮＥＳＩＳ");
        let texts: Vec<&str> = s
            .hits
            .iter()
            .filter(|h| h.bullet.is_some())
            .map(|h| h.text.as_str())
            .collect();
        assert_eq!(texts, ["Kinesis のシャード上限", "kinesis FIREHOSE"]);
        assert!(
            s.hits.iter().any(|h| h.bullet.is_none()),
            "the session title matches too"
        );
        s.run("kinesis firehose");
        assert_eq!(s.hits.len(), 1);
        s.run("公開");
        assert_eq!(s.hits[0].text, "資料公開待ち");
        s.run("   ");
        assert!(s.hits.is_empty());
    }

    #[test]
    fn hits_are_capped() {
        let c = Conference::sample();
        let many: Vec<String> = (0..MAX_HITS + 10).map(|i| format!("memo {i}")).collect();
        let refs: Vec<&str> = many.iter().map(String::as_str).collect();
        let mut s = Search::new(&c, &notes(&c, &refs));
        s.run("memo");
        assert_eq!(s.hits.len(), MAX_HITS);
        assert!(s.more);
    }
}
