//! Follow-ups ("slides not published yet, check later") collected from every session's notes into
//! one working list, as org-mode's agenda collects TODOs from many files.

use std::collections::HashMap;

use crate::outline::{FollowUp, Outline};
use crate::schedule::Conference;

/// One follow-up bullet and where it lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpItem {
    pub session: String,
    pub bullet: u64,
    pub text: String,
    pub state: FollowUp,
}

/// The follow-ups of one session's notes, in outline order.
pub fn of_session(session: &str, outline: &Outline) -> Vec<FollowUpItem> {
    outline
        .bullets()
        .iter()
        .filter_map(|b| {
            let state = b.follow_up?;
            Some(FollowUpItem {
                session: session.to_string(),
                bullet: b.id,
                text: b.text.clone(),
                state,
            })
        })
        .collect()
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
        map.insert(later.clone(), of_session(later, &o));
        map.insert(first.clone(), of_session(first, &o));
        let merged = merge(&conference, &map);
        let list: Vec<(bool, &str)> = merged
            .iter()
            .map(|i| (i.session == *first, i.text.as_str()))
            .collect();
        assert_eq!(list, [(true, "c"), (false, "c"), (true, "a"), (false, "a")]);
    }
}
