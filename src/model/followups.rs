//! Follow-ups ("slides not published yet, check later") collected from every session's notes into
//! one working list, as org-mode's agenda collects TODOs from many files.

use std::collections::HashMap;

use crate::model::outline::file::SessionMeta;
use crate::model::outline::{FollowUp, Outline};
use crate::model::schedule::Conference;

/// What the slides-pending mark shows as in the list.
pub const SLIDES_PENDING: &str = "Slides not published yet";

/// One follow-up and where it lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpItem {
    pub session: String,
    /// The bullet it is, or `None` for the session's "slides pending" mark.
    pub bullet: Option<u64>,
    pub text: String,
    pub state: FollowUp,
}

/// A follow-up in another conference, for the every-conference view of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForeignFollowUp {
    /// The conference's folder, to open it.
    pub folder: String,
    pub conference: String,
    pub session: String,
    pub session_title: String,
    pub when: String,
    pub item: FollowUpItem,
}

/// Which follow-ups the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Show {
    #[default]
    All,
    Open,
    Done,
}

impl Show {
    pub fn next(self) -> Self {
        match self {
            Show::All => Show::Open,
            Show::Open => Show::Done,
            Show::Done => Show::All,
        }
    }

    pub fn admits(self, state: FollowUp) -> bool {
        match self {
            Show::All => true,
            Show::Open => state == FollowUp::Open,
            Show::Done => state == FollowUp::Done,
        }
    }
}

/// The follow-ups of one session: its slides-pending mark, then its bullets in outline order.
pub fn of_session(
    session: &str,
    outline: Option<&Outline>,
    meta: Option<&SessionMeta>,
) -> Vec<FollowUpItem> {
    let slides = meta.and_then(|m| m.slides).map(|state| FollowUpItem {
        session: session.to_string(),
        bullet: None,
        text: SLIDES_PENDING.to_string(),
        state,
    });
    let bullets = outline
        .into_iter()
        .flat_map(|o| o.bullets())
        .filter_map(|b| {
            let state = b.follow_up?;
            Some(FollowUpItem {
                session: session.to_string(),
                bullet: Some(b.id),
                text: b.text.to_string(),
                state,
            })
        });
    slides.into_iter().chain(bullets).collect()
}

/// All sessions' follow-ups: open ones first, each group in the order the sessions took place
/// and, within a session, in outline order.
pub fn merge(
    conference: &Conference,
    by_session: &HashMap<String, Vec<FollowUpItem>>,
) -> Vec<FollowUpItem> {
    let mut sessions: Vec<(&String, &Vec<FollowUpItem>)> = by_session.iter().collect();
    sessions.sort_by_key(|(id, _)| (conference.rank(id).unwrap_or(usize::MAX), *id));
    let mut out = Vec::new();
    for want in [FollowUp::Open, FollowUp::Done] {
        for (_, items) in &sessions {
            out.extend(items.iter().filter(|i| i.state == want).cloned());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    #[test]
    fn open_follow_ups_come_first_in_session_order() {
        let conference = Conference::sample();
        let first = &conference.sessions()[0].id;
        let later = &conference.sessions()[5].id;
        let t = DateTime::parse_from_rfc3339("2026-12-03T10:00:00+09:00").unwrap();
        let mut o = Outline::new(t);
        let mut bullets = Vec::new();
        for (text, state) in [
            ("a", Some(FollowUp::Done)),
            ("b", None),
            ("c", Some(FollowUp::Open)),
        ] {
            let mut b = o.new_bullet(0, text.into(), t);
            b.follow_up = state;
            bullets.push(b);
        }
        let o = Outline::from_bullets(bullets, t);
        let mut map = HashMap::new();
        map.insert(later.clone(), of_session(later, Some(&o), None));
        map.insert(first.clone(), of_session(first, Some(&o), None));
        let merged = merge(&conference, &map);
        let list: Vec<(bool, &str)> = merged
            .iter()
            .map(|i| (i.session == *first, i.text.as_str()))
            .collect();
        assert_eq!(list, [(true, "c"), (false, "c"), (true, "a"), (false, "a")]);
    }

    #[test]
    fn pending_slides_are_an_open_follow_up_before_the_bullets() {
        let t = DateTime::parse_from_rfc3339("2026-12-03T10:00:00+09:00").unwrap();
        let meta = SessionMeta {
            slides: Some(FollowUp::Open),
            links: Vec::new(),
        };
        let items = of_session("s", Some(&Outline::new(t)), Some(&meta));
        assert_eq!(items.len(), 1);
        assert_eq!((items[0].bullet, items[0].state), (None, FollowUp::Open));
        assert!(Show::Open.admits(FollowUp::Open) && !Show::Done.admits(FollowUp::Open));
        assert_eq!(Show::All.next().next().next(), Show::All);
    }
}
