//! Importing an updated schedule over one already in the data directory. Organisers move and
//! cancel talks; the attendee's work must survive: sessions are matched by their stable id,
//! ad-hoc sessions stay, and a session that vanished but has notes or a star is kept, marked
//! "removed from schedule", never deleted.

use crate::model::schedule::{ScheduleFile, Session};

/// What changed, for the import summary.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changes {
    pub added: Vec<String>,
    /// Sessions whose time or room changed: title, then what it was and what it is.
    pub moved: Vec<(String, String, String)>,
    /// Sessions whose title changed: what it was, what it is.
    pub retitled: Vec<(String, String)>,
    /// Gone from the schedule but kept for their notes or star.
    pub kept: Vec<String>,
    /// Gone from the schedule and dropped (nothing was attached to them).
    pub dropped: Vec<String>,
    /// Sessions where the organisers changed a field the attendee had changed: title, then the
    /// fields. The attendee's value stays.
    pub overridden: Vec<(String, Vec<String>)>,
    /// Sessions the attendee had added that the schedule now has too (same start, room and
    /// title): both kept, the notes with the attendee's.
    pub doubled: Vec<String>,
}

impl Changes {
    /// How many of `old`'s published sessions these changes take out, and of how many, when
    /// that is more than half of them: most likely the wrong file, or a sheet with only the
    /// talks to add, so an import or refresh asks for `--force`.
    pub fn removes_most(&self, old: &ScheduleFile) -> Option<(usize, usize)> {
        let before = (old.sessions.iter())
            .filter(|s| !s.adhoc && !s.removed)
            .count();
        let removed = self.dropped.len() + self.kept.len();
        (before >= 2 && removed * 2 > before).then_some((removed, before))
    }
}

/// `new` with what must survive from `old`. `attached(id)` tells whether session `id` has notes
/// or a star.
pub fn merge(
    old: Option<&ScheduleFile>,
    mut new: ScheduleFile,
    attached: impl Fn(&str) -> bool,
) -> (ScheduleFile, Changes) {
    let mut changes = Changes::default();
    let Some(old) = old else {
        changes.added = new.sessions.iter().map(|s| s.title.clone()).collect();
        return (new, changes);
    };
    // A conference made in kaigi keeps its days when a timetable is imported into it.
    if new.dates.is_none() {
        new.dates = old.dates;
    }
    let before: std::collections::HashMap<&str, &Session> =
        old.sessions.iter().map(|s| (s.id.as_str(), s)).collect();
    for s in &mut new.sessions {
        let Some(o) = before.get(s.id.as_str()) else {
            changes.added.push(s.title.clone());
            continue;
        };
        if !o.published.is_empty() {
            let fields = keep_local(o, s);
            if !fields.is_empty() {
                changes.overridden.push((s.title.clone(), fields));
            }
        }
        if o.start != s.start || o.end != s.end || o.room != s.room {
            changes.moved.push((s.title.clone(), place(o), place(s)));
        }
        if o.title != s.title {
            changes.retitled.push((o.title.clone(), s.title.clone()));
        }
        // Kept by an earlier merge (this is a schedule read back after an import).
        if s.removed && !o.removed {
            changes.kept.push(s.title.clone());
        }
    }
    let now: std::collections::HashSet<&str> = new.sessions.iter().map(|s| s.id.as_str()).collect();
    let mut carried = Vec::new();
    for o in &old.sessions {
        if now.contains(o.id.as_str()) {
            continue;
        }
        if o.adhoc {
            let same = |s: &Session| {
                s.start == o.start
                    && s.room == o.room
                    && crate::text::fold(s.title.trim()) == crate::text::fold(o.title.trim())
            };
            if new.sessions.iter().any(same) {
                changes.doubled.push(o.title.clone());
            }
            carried.push(o.clone());
        } else if attached(&o.id) {
            if !o.removed {
                changes.kept.push(o.title.clone());
            }
            carried.push(Session {
                removed: true,
                ..o.clone()
            });
        } else {
            changes.dropped.push(o.title.clone());
        }
    }
    new.sessions.extend(carried);
    for r in &old.rooms {
        if !new.rooms.contains(r) {
            new.rooms.push(r.clone());
        }
    }
    (new, changes)
}

/// Session `new` as published, with the attendee's own values from `old` for the fields they
/// changed; `new.published` records what the schedule says now. Returns the fields the
/// organisers changed since the attendee changed them.
fn keep_local(old: &Session, new: &mut Session) -> Vec<String> {
    let (Ok(local), Ok(mut fresh)) = (serde_json::to_value(old), serde_json::to_value(&*new))
    else {
        return Vec::new();
    };
    let mut overridden = Vec::new();
    let mut published = std::collections::BTreeMap::new();
    for (field, was) in &old.published {
        let Some(map) = fresh.as_object_mut() else {
            break;
        };
        let now = map.get(field).cloned().unwrap_or(serde_json::Value::Null);
        if &now != was {
            overridden.push(field.clone());
        }
        match local.get(field) {
            Some(v) => map.insert(field.clone(), v.clone()),
            None => map.remove(field),
        };
        published.insert(field.clone(), now);
    }
    if let Ok(mut merged) = serde_json::from_value::<Session>(fresh) {
        merged.published = published;
        *new = merged;
    }
    overridden
}

fn place(s: &Session) -> String {
    format!("{} {}", s.start.format("%m/%d %H:%M"), s.room)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(id: &str, start: &str, room: &str) -> Session {
        let start = chrono::DateTime::parse_from_rfc3339(start).unwrap();
        Session {
            id: id.into(),
            title: format!("Talk {id}"),
            start,
            end: start + chrono::Duration::minutes(40),
            room: room.into(),
            track: None,
            speakers: Vec::new(),
            summary: String::new(),
            url: None,
            day: None,
            adhoc: false,
            removed: false,
            published: Default::default(),
            links: Vec::new(),
        }
    }

    fn file(sessions: Vec<Session>) -> ScheduleFile {
        ScheduleFile {
            version: 1,
            id: "c".into(),
            name: "C".into(),
            time_zone: "Asia/Tokyo".into(),
            rooms: vec!["A".into()],
            dates: None,
            source: None,
            sessions,
        }
    }

    #[test]
    fn moved_added_kept_and_dropped_sessions_are_told_apart() {
        let t = "2026-12-03T10:00:00+09:00";
        let mut adhoc = session("booth", t, "");
        adhoc.adhoc = true;
        let old = file(vec![
            session("same", t, "A"),
            session("moves", t, "A"),
            session("cancelled-with-notes", t, "A"),
            session("cancelled-bare", t, "A"),
            adhoc,
        ]);
        let new = file(vec![
            session("same", t, "A"),
            session("moves", "2026-12-03T11:00:00+09:00", "B"),
            session("new", t, "A"),
        ]);
        let (merged, changes) = merge(Some(&old), new, |id| id == "cancelled-with-notes");
        assert_eq!(changes.added, ["Talk new"]);
        assert_eq!(changes.moved.len(), 1);
        assert_eq!(changes.moved[0].0, "Talk moves");
        assert_eq!(changes.kept, ["Talk cancelled-with-notes"]);
        assert_eq!(changes.dropped, ["Talk cancelled-bare"]);
        let ids: Vec<(&str, bool)> = merged
            .sessions
            .iter()
            .map(|s| (s.id.as_str(), s.removed))
            .collect();
        assert_eq!(
            ids,
            [
                ("same", false),
                ("moves", false),
                ("new", false),
                ("cancelled-with-notes", true),
                ("booth", false)
            ]
        );
    }

    #[test]
    fn a_removed_session_that_comes_back_is_restored() {
        let t = "2026-12-03T10:00:00+09:00";
        let mut gone = session("x", t, "A");
        gone.removed = true;
        let (merged, _) = merge(
            Some(&file(vec![gone])),
            file(vec![session("x", t, "A")]),
            |_| true,
        );
        assert!(!merged.sessions[0].removed);
    }

    #[test]
    fn the_attendees_edits_survive_a_reimport_and_clashes_are_named() {
        let t = "2026-12-03T10:00:00+09:00";
        let published = session("x", t, "A");
        let mut mine = published.clone();
        mine.room = "Hall B".into();
        mine.title = "私のタイトル".into();
        let edited = published.edited_into(mine);
        assert_eq!(edited.published.len(), 2, "{:?}", edited.published);
        // The organisers move the room and change the speakers; the title is as it was.
        let mut next = session("x", t, "Room 7");
        next.speakers = vec!["New Speaker".into()];
        let (merged, changes) = merge(Some(&file(vec![edited])), file(vec![next]), |_| true);
        let s = &merged.sessions[0];
        assert_eq!(
            (s.title.as_str(), s.room.as_str()),
            ("私のタイトル", "Hall B")
        );
        assert_eq!(
            s.speakers,
            ["New Speaker"],
            "fields not edited follow the schedule"
        );
        assert_eq!(
            changes.overridden,
            [("私のタイトル".to_string(), vec!["room".to_string()])]
        );
        assert_eq!(s.published["room"], serde_json::json!("Room 7"));
        // Changing the room back to the published one makes it the schedule's again.
        let mut back = s.clone();
        back.room = "Room 7".into();
        let back = s.edited_into(back);
        assert!(!back.published.contains_key("room"));
        assert!(back.published.contains_key("title"));
    }

    #[test]
    fn a_session_the_attendee_added_and_the_schedule_now_has_is_named() {
        let t = "2026-12-03T13:30:00+09:00";
        let mut mine = session("adhoc-1", t, "ルームＣ");
        mine.adhoc = true;
        mine.title = "コンテナ on AWS".into();
        let mut theirs = session("tbl-1", t, "ルームＣ");
        theirs.title = "コンテナ ON AWS ".into();
        let (merged, changes) = merge(Some(&file(vec![mine])), file(vec![theirs]), |_| true);
        assert_eq!(changes.doubled, ["コンテナ on AWS"]);
        assert_eq!(
            merged.sessions.len(),
            2,
            "both kept: the notes are with the attendee's"
        );
    }
}
