//! What the Schedule pane lists for a day: the sessions that pass the filters (text, room, "My
//! schedule"), the rows to draw (a "now" line among them while the day is on), which sessions are
//! running and which starred ones clash. Pure functions of the conference, the filters and the
//! clock, shared by `update` (selection, scrolling, clicks) and `ui` (drawing).

use std::collections::HashSet;

use chrono::{DateTime, Utc};

use crate::model::schedule::Conference;
use crate::text;

/// What narrows the day's list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Typed words; every one must appear in the title, a speaker, the room or the track.
    pub text: String,
    /// "My schedule": starred sessions only.
    pub starred_only: bool,
    pub room: Option<String>,
}

impl Filter {
    pub fn is_active(&self) -> bool {
        !self.text.trim().is_empty() || self.starred_only || self.room.is_some()
    }

    /// A short description for the pane title, e.g. `★ · Hall A · "kinesis"`.
    pub fn label(&self) -> String {
        let mut parts = Vec::new();
        if self.starred_only {
            parts.push(rust_i18n::t!("ui.my_schedule").into_owned());
        }
        if let Some(r) = &self.room {
            parts.push(r.clone());
        }
        if !self.text.trim().is_empty() {
            parts.push(format!("\"{}\"", self.text.trim()));
        }
        parts.join(" · ")
    }
}

/// Indices into `conference.sessions()` of day `day`'s sessions that pass `filter`; while
/// words are typed, the other days' that match follow, day by day.
pub fn visible(
    conference: &Conference,
    day: usize,
    filter: &Filter,
    starred: &HashSet<String>,
) -> Vec<usize> {
    let terms = text::terms(&filter.text);
    let passes = |&i: &usize| {
        let s = &conference.sessions()[i];
        (!filter.starred_only || starred.contains(&s.id))
            && filter.room.as_ref().is_none_or(|r| *r == s.room)
            && conference.matches(i, &terms)
    };
    let mut out: Vec<usize> = conference
        .day_indices(day)
        .iter()
        .copied()
        .filter(passes)
        .collect();
    if !terms.is_empty() {
        for other in (0..conference.days().len()).filter(|d| *d != day) {
            out.extend(conference.day_indices(other).iter().copied().filter(passes));
        }
    }
    out
}

/// A row of the Schedule pane's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// The session at this position of the visible list.
    Session(usize),
    /// The current time, between what has started and what has not.
    Now,
    /// The heading of another day's matches for the filter (its index among the days).
    Day(usize),
}

/// The rows for `visible` sessions of day `day`: a "now" line goes before the first session that
/// has not started yet when `now` falls on that conference day.
pub fn rows(
    conference: &Conference,
    day: usize,
    visible: &[usize],
    now: DateTime<Utc>,
) -> Vec<Row> {
    // The day's own sessions come first; another day's (a filter's matches) after its heading.
    // Each day's part is in the order of that day's list: one pass tells the parts apart.
    let mut k = 0;
    let take = |d: usize, k: &mut usize| {
        let from = *k;
        let mut list = conference.day_indices(d).iter();
        while *k < visible.len() && list.any(|&i| i == visible[*k]) {
            *k += 1;
        }
        from..*k
    };
    let own = take(day, &mut k).end;
    let mut rows: Vec<Row> = (0..own).map(Row::Session).collect();
    let today = conference
        .days()
        .get(day)
        .is_some_and(|&d| d == conference.local(&now).date_naive());
    if today {
        let at = visible[..own]
            .iter()
            .position(|&i| conference.sessions()[i].start > now)
            .unwrap_or(own);
        rows.insert(at, Row::Now);
    }
    for other in (0..conference.days().len()).filter(|d| *d != day) {
        let part = take(other, &mut k);
        if !part.is_empty() {
            rows.push(Row::Day(other));
            rows.extend(part.map(Row::Session));
        }
    }
    rows
}

/// The row index of visible session `n`.
pub fn row_of(rows: &[Row], n: usize) -> usize {
    rows.iter().position(|r| *r == Row::Session(n)).unwrap_or(0)
}

/// Positions (in `visible`) of starred sessions that overlap another starred session.
pub fn conflicts(
    conference: &Conference,
    visible: &[usize],
    starred: &HashSet<String>,
) -> HashSet<usize> {
    let mine: Vec<(usize, &crate::model::schedule::Session)> = visible
        .iter()
        .enumerate()
        .map(|(n, &i)| (n, &conference.sessions()[i]))
        // A session gone from the programme takes no time any more.
        .filter(|(_, s)| starred.contains(&s.id) && !s.removed)
        .collect();
    let mut clash = HashSet::new();
    for (a, (na, sa)) in mine.iter().enumerate() {
        for (nb, sb) in &mine[a + 1..] {
            if sa.start < sb.end && sb.start < sa.end {
                clash.insert(*na);
                clash.insert(*nb);
            }
        }
    }
    clash
}

/// The session to select at `now`: a starred one running now, else any running now, else the
/// next one to start; `None` when nothing on the visible list is on or to come.
pub fn running_now(
    conference: &Conference,
    visible: &[usize],
    starred: &HashSet<String>,
    now: DateTime<Utc>,
) -> Option<usize> {
    let on = |n: &usize| {
        let s = &conference.sessions()[visible[*n]];
        s.start <= now && now < s.end
    };
    // Of those running, the one that started last: the talk of the current slot, not an
    // all-day workshop that began in the morning.
    let latest = |pick: &dyn Fn(&usize) -> bool| {
        (0..visible.len())
            .filter(|n| on(n) && pick(n))
            .max_by_key(|&n| {
                (
                    conference.sessions()[visible[n]].start,
                    std::cmp::Reverse(n),
                )
            })
    };
    let starred_on = latest(&|n| starred.contains(&conference.sessions()[visible[*n]].id));
    starred_on
        .or_else(|| latest(&|_| true))
        .or_else(|| (0..visible.len()).find(|&n| conference.sessions()[visible[n]].start > now))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn filters_combine_text_room_and_stars() {
        let c = Conference::sample();
        let all = visible(&c, 0, &Filter::default(), &HashSet::new());
        assert_eq!(all.len(), c.day_len(0));
        let f = Filter {
            text: "ｋｕｂｅｒｎｅｔｅｓ".into(),
            ..Filter::default()
        };
        let k8s = visible(&c, 0, &f, &HashSet::new());
        assert!(!k8s.is_empty() && k8s.len() < all.len());
        for &i in &k8s {
            let s = &c.sessions()[i];
            let text = format!(
                "{} {} {}",
                s.title,
                s.speakers.join(" "),
                s.track.as_deref().unwrap_or("")
            );
            assert!(text.to_lowercase().contains("kubernetes"), "{text}");
        }
        let room = Filter {
            room: Some("Room B".into()),
            ..Filter::default()
        };
        assert!(
            visible(&c, 0, &room, &HashSet::new())
                .iter()
                .all(|&i| c.sessions()[i].room == "Room B")
        );
        let starred: HashSet<String> = [c.sessions()[0].id.clone()].into();
        let mine = Filter {
            starred_only: true,
            ..Filter::default()
        };
        assert_eq!(visible(&c, 0, &mine, &starred), [0]);
    }

    #[test]
    fn japanese_terms_match_and_all_terms_must_match() {
        let c = Conference::sample();
        let f = |t: &str| Filter {
            text: t.into(),
            ..Filter::default()
        };
        let hits = visible(&c, 0, &f("リアルタイム"), &HashSet::new());
        assert!(
            hits.iter()
                .all(|&i| c.sessions()[i].title.contains("リアルタイム"))
                && !hits.is_empty()
        );
        assert!(visible(&c, 0, &f("リアルタイム 存在しない語"), &HashSet::new()).is_empty());
    }

    #[test]
    fn a_filter_lists_the_other_days_matches_under_their_day() {
        let c = Conference::sample();
        let filter = Filter {
            text: "設計".into(),
            ..Filter::default()
        };
        let v = visible(&c, 0, &filter, &HashSet::new());
        let r = rows(&c, 0, &v, at("2026-12-01T00:00:00+09:00"));
        let heading = r
            .iter()
            .position(|x| *x == Row::Day(1))
            .expect("day 2 heading");
        assert!(heading > 0, "{r:?}");
        for (k, row) in r.iter().enumerate() {
            if let Row::Session(n) = row {
                let (d, _) = c.locate(&c.sessions()[v[*n]].id).unwrap();
                assert_eq!(d, usize::from(k > heading), "{r:?}");
            }
        }
    }

    #[test]
    fn the_now_line_sits_between_started_and_upcoming_sessions() {
        let c = Conference::sample();
        let v = visible(&c, 0, &Filter::default(), &HashSet::new());
        let now = at("2026-12-03T10:50:00+09:00");
        let r = rows(&c, 0, &v, now);
        let pos = r.iter().position(|&x| x == Row::Now).unwrap();
        let before = match r[pos - 1] {
            Row::Session(n) => &c.sessions()[v[n]],
            _ => unreachable!(),
        };
        assert!(before.start <= now);
        assert_eq!(
            rows(
                &c,
                1,
                &visible(&c, 1, &Filter::default(), &HashSet::new()),
                now
            )
            .iter()
            .filter(|&&x| x == Row::Now)
            .count(),
            0
        );
    }

    #[test]
    fn overlapping_starred_sessions_clash() {
        let c = Conference::sample();
        let v = visible(&c, 0, &Filter::default(), &HashSet::new());
        let same_slot: Vec<usize> = (0..v.len())
            .filter(|&n| c.sessions()[v[n]].start == c.sessions()[v[1]].start)
            .collect();
        let starred: HashSet<String> = same_slot[..2]
            .iter()
            .map(|&n| c.sessions()[v[n]].id.clone())
            .collect();
        let clash = conflicts(&c, &v, &starred);
        assert_eq!(clash, same_slot[..2].iter().copied().collect());
    }

    #[test]
    fn running_now_prefers_starred_sessions() {
        let c = Conference::sample();
        let v = visible(&c, 0, &Filter::default(), &HashSet::new());
        let now = at("2026-12-03T10:50:00+09:00");
        let any = running_now(&c, &v, &HashSet::new(), now).unwrap();
        let s = &c.sessions()[v[any]];
        assert!(s.start <= now && now < s.end);
        let other = (0..v.len())
            .rfind(|&n| {
                let s = &c.sessions()[v[n]];
                s.start <= now && now < s.end
            })
            .unwrap();
        let starred: HashSet<String> = [c.sessions()[v[other]].id.clone()].into();
        assert_eq!(running_now(&c, &v, &starred, now), Some(other));
    }
}
