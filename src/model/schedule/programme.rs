//! The attendee changing the programme: sessions added, replaced by an edited version, taken
//! out; and the length a new session gets unless told otherwise.

use super::{Conference, ScheduleError, Session, clean_session};

impl Conference {
    /// Adds a session the attendee made (checked like any other) and re-sorts the programme.
    pub fn add_session(&mut self, session: Session) -> Result<(), ScheduleError> {
        if session.end < session.start {
            return Err(ScheduleError::Backwards(session.id));
        }
        if self.by_id.contains_key(&session.id) {
            return Err(ScheduleError::DuplicateId(session.id));
        }
        let mut session = session;
        clean_session(&mut session);
        if !session.room.is_empty() && !self.rooms.contains(&session.room) {
            self.rooms.push(session.room.clone());
        }
        self.sessions.push(session);
        self.reindex();
        Ok(())
    }

    /// Puts `session` in place of session `id` (its id may change) and re-sorts the programme.
    pub fn replace_session(&mut self, id: &str, session: Session) -> Result<(), ScheduleError> {
        let Some(&at) = self.by_id.get(id) else {
            return Err(ScheduleError::NoSession(id.to_string()));
        };
        if session.end < session.start {
            return Err(ScheduleError::Backwards(session.id));
        }
        if session.id != id && self.by_id.contains_key(&session.id) {
            return Err(ScheduleError::DuplicateId(session.id));
        }
        let mut session = session;
        clean_session(&mut session);
        if !session.room.is_empty() && !self.rooms.contains(&session.room) {
            self.rooms.push(session.room.clone());
        }
        self.sessions[at] = session;
        self.reindex();
        Ok(())
    }

    /// Takes session `id` out of the programme.
    pub fn remove_session(&mut self, id: &str) -> Option<Session> {
        let at = *self.by_id.get(id)?;
        let s = self.sessions.remove(at);
        self.reindex();
        Some(s)
    }

    /// The length most sessions have (a new session's default), or 40 minutes when no length
    /// is shared by two sessions.
    pub fn usual_length(&self) -> chrono::TimeDelta {
        let mut counts: std::collections::HashMap<i64, usize> = std::collections::HashMap::new();
        for s in self.sessions.iter().filter(|s| !s.adhoc) {
            let m = (s.end - s.start).num_minutes();
            if m > 0 {
                *counts.entry(m).or_default() += 1;
            }
        }
        let best = counts
            .into_iter()
            .filter(|&(_, n)| n > 1)
            .max_by_key(|&(m, n)| (n, std::cmp::Reverse(m)));
        chrono::TimeDelta::minutes(best.map_or(40, |(m, _)| m))
    }
}
