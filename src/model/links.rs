//! Links a schedule publishes for a session: slides and recordings (what an attendee waits for),
//! chat rooms and feedback forms (kept apart from them), and others.

use serde::{Deserialize, Serialize};

/// A link the schedule publishes for a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub kind: LinkKind,
    pub url: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
}

/// What a published link is for: slides and recordings are what an attendee waits for; a chat
/// room or a feedback form is kept apart from them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkKind {
    Slides,
    Video,
    Chat,
    Feedback,
    Other,
}

impl Link {
    /// A link named `title` (and maybe typed `kind_hint`, FOSDEM's `type="slides"`), its kind
    /// told from those and the URL.
    pub fn new(url: &str, title: &str, kind_hint: Option<&str>) -> Link {
        let has = |s: &str, words: &[&str]| {
            let s = s.to_lowercase();
            words.iter().any(|w| s.contains(w))
        };
        let hint = kind_hint.unwrap_or("");
        let kind = if has(hint, &["slide", "paper"]) || has(title, &["slide", "deck"]) {
            LinkKind::Slides
        } else if has(hint, &["video", "recording"])
            || has(title, &["video", "recording"])
            || has(
                url,
                &[".webm", ".mp4", "youtube.com", "youtu.be", "vimeo.com"],
            )
        {
            LinkKind::Video
        } else if has(title, &["chat"]) || has(url, &["matrix.to", "chat."]) {
            LinkKind::Chat
        } else if has(title, &["feedback"]) || has(url, &["/feedback"]) {
            LinkKind::Feedback
        } else {
            LinkKind::Other
        };
        Link {
            kind,
            url: url.trim().to_string(),
            title: title.trim().to_string(),
        }
    }

    /// Slides or a recording: what the "slides not published yet" follow-up waits for.
    pub fn is_material(&self) -> bool {
        matches!(self.kind, LinkKind::Slides | LinkKind::Video)
    }
}
