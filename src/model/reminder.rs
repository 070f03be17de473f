//! The nudge before a starred session: from [`SHOW_FROM`] minutes before it starts the status bar
//! names it, and at the lead time the user set (default [`DEFAULT_LEAD`] minutes) a notice, the
//! bell and a desktop notification say it once.

use std::collections::HashSet;

use chrono::{DateTime, Utc};

use crate::model::schedule::{Conference, Session};
use crate::text;

/// Minutes before a starred session from which the status bar names it.
pub const SHOW_FROM: i64 = 15;
/// Minutes before a starred session when it is announced, unless set otherwise.
pub const DEFAULT_LEAD: i64 = 5;

/// The next starred session not started yet and starting within [`SHOW_FROM`] minutes (or the
/// lead time, if longer), with the minutes until it starts (rounded up).
pub fn next_starred<'a>(
    conference: &'a Conference,
    starred: &HashSet<String>,
    now: DateTime<Utc>,
    lead: i64,
) -> Option<(&'a Session, i64)> {
    let window = SHOW_FROM.max(lead);
    upcoming(conference, starred, now)
        .filter(|(_, m)| *m <= window)
        .min_by_key(|(s, _)| s.start)
}

/// The starred sessions not started yet, with the minutes until each starts (rounded up).
fn upcoming<'a, 'b>(
    conference: &'a Conference,
    starred: &'b HashSet<String>,
    now: DateTime<Utc>,
) -> impl Iterator<Item = (&'a Session, i64)> + use<'a, 'b> {
    // The starred ids looked up, not every session walked: the status bar asks at each frame.
    starred
        .iter()
        .filter_map(|id| conference.session(id))
        .filter(move |s| !s.removed && s.start > now)
        .map(move |s| {
            let seconds = (s.start.with_timezone(&Utc) - now).num_seconds();
            (s, (seconds + 59) / 60)
        })
}

/// What the status bar says in at most `cols` columns, the title cut to fit: `next 14:05
/// Room B · PostgreSQL の… in 5 min`, or in Japanese `次 14:05 Room B · PostgreSQL の… あと5分`.
pub fn status_text(
    conference: &Conference,
    s: &Session,
    minutes: i64,
    japanese: bool,
    cols: usize,
) -> String {
    let at = conference.local(&s.start).format("%H:%M");
    let room = if s.room.is_empty() {
        String::new()
    } else {
        format!("{} · ", s.room)
    };
    // The countdown before the title, where a narrow bar cannot cut it off.
    let head = if japanese {
        format!("次 {at} あと{minutes}分 · {room}")
    } else {
        format!("next {at} in {minutes} min · {room}")
    };
    let room_for_title = cols.saturating_sub(text::width(&head));
    format!("{head}{}", text::truncate(&s.title, room_for_title))
}

/// The starred sessions due to be announced at `now`: starting within `lead` minutes, not
/// started yet, in start order (two that clash are both announced).
pub fn due<'a>(
    conference: &'a Conference,
    starred: &HashSet<String>,
    now: DateTime<Utc>,
    lead: i64,
) -> Vec<(&'a Session, i64)> {
    let mut out: Vec<(&Session, i64)> = upcoming(conference, starred, now)
        .filter(|(_, m)| *m <= lead)
        .collect();
    out.sort_by_key(|(s, _)| s.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_starred_session_within_the_window() {
        let c = Conference::sample();
        let starred: HashSet<String> = ["d1-1135-a".to_string(), "d1-1315-a".to_string()].into();
        let at = |t: &str| DateTime::parse_from_rfc3339(t).unwrap().with_timezone(&Utc);
        let (s, m) = next_starred(&c, &starred, at("2026-12-03T11:30:00+09:00"), 5).unwrap();
        assert_eq!((s.id.as_str(), m), ("d1-1135-a", 5));
        assert!(next_starred(&c, &starred, at("2026-12-03T11:10:00+09:00"), 5).is_none());
        // A longer lead looks further ahead.
        assert!(next_starred(&c, &starred, at("2026-12-03T11:10:00+09:00"), 30).is_some());
        assert!(next_starred(&c, &starred, at("2026-12-03T11:36:00+09:00"), 5).is_none());
        let text = status_text(&c, s, m, true, 200);
        assert!(text.starts_with("次 11:35 あと5分 · Hall A · "), "{text}");
        let narrow = status_text(&c, s, m, false, 30);
        assert!(
            narrow.starts_with("next 11:35 in 5 min · Hall A"),
            "{narrow}"
        );
        // Two starred talks at 11:35 are both due.
        let both: HashSet<String> = ["d1-1135-a".to_string(), "d1-1135-b".to_string()].into();
        let due = due(&c, &both, at("2026-12-03T11:30:00+09:00"), 5);
        assert_eq!(due.len(), 2);
    }
}
