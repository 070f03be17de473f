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
    let before: std::collections::HashMap<&str, &Session> =
        old.sessions.iter().map(|s| (s.id.as_str(), s)).collect();
    for s in &new.sessions {
        let Some(o) = before.get(s.id.as_str()) else {
            changes.added.push(s.title.clone());
            continue;
        };
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
        }
    }

    fn file(sessions: Vec<Session>) -> ScheduleFile {
        ScheduleFile {
            version: 1,
            id: "c".into(),
            name: "C".into(),
            time_zone: "Asia/Tokyo".into(),
            rooms: vec!["A".into()],
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
}
