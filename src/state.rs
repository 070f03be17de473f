//! The whole state of the app: the conference, every session's notes being edited, and what the
//! screen is showing. `update` changes it; `ui` only reads it.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, Timelike, Utc};

use crate::action::Pane;
use crate::followups::{self, FollowUpItem};
use crate::outline::Outline;
use crate::outline::editor::Editor;
use crate::schedule::{Conference, Session};

/// Whether the notes on screen are on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveStatus {
    Saved,
    /// Changed since the last save; a save is due within a second.
    Pending,
    Failed(String),
}

#[derive(Debug, Clone)]
pub struct State {
    pub conference: Conference,
    /// Notes of every session that has some (or is being typed into), by session id.
    pub notes: HashMap<String, Editor>,
    /// Follow-ups of each session, kept in step with `notes` as they are edited.
    followups_by_session: HashMap<String, Vec<FollowUpItem>>,
    /// Every follow-up of the conference: open first, then by session start.
    pub followups: Vec<FollowUpItem>,
    pub day: usize,
    /// Index of the selected session within the day.
    pub selected: usize,
    /// First session row shown in the Schedule pane.
    pub schedule_top: usize,
    pub followup_selected: usize,
    pub focus: Pane,
    pub help: bool,
    /// First line of the help overlay shown.
    pub help_scroll: usize,
    /// Draw with colours (off when `NO_COLOR` is set).
    pub color: bool,
    /// Show each bullet's minute into the talk.
    pub gutter: bool,
    pub now: DateTime<Utc>,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    pub save: SaveStatus,
    /// A one-line message for the status bar (errors, warnings), until the next key.
    pub message: Option<String>,
}

impl State {
    /// A fresh state showing `conference` with its saved `notes`, on the day that `now` falls on.
    pub fn new(
        conference: Conference,
        notes: HashMap<String, Outline>,
        now: DateTime<Utc>,
        size: (u16, u16),
    ) -> Self {
        let day = conference.day_for(now);
        let mut state = State {
            conference,
            notes: notes
                .into_iter()
                .map(|(id, o)| (id, Editor::new(o)))
                .collect(),
            followups_by_session: HashMap::new(),
            followups: Vec::new(),
            day,
            selected: 0,
            schedule_top: 0,
            followup_selected: 0,
            focus: Pane::Schedule,
            help: false,
            help_scroll: 0,
            color: true,
            gutter: false,
            now,
            size,
            save: SaveStatus::Saved,
            message: None,
        };
        let ids: Vec<String> = state.notes.keys().cloned().collect();
        for id in ids {
            state.refresh_followups(&id);
        }
        state
    }

    /// The session selected in the Schedule pane.
    pub fn selected_session(&self) -> Option<&Session> {
        self.conference.day_session(self.day, self.selected)
    }

    /// The notes editor of the selected session, if it has notes.
    pub fn selected_notes(&self) -> Option<&Editor> {
        self.notes.get(&self.selected_session()?.id)
    }

    /// Now, with the conference's UTC offset: the stamp new bullets get.
    pub fn local_now(&self) -> DateTime<FixedOffset> {
        let t = self.now.with_timezone(&self.conference.tz).fixed_offset();
        t.with_nanosecond(0).unwrap_or(t)
    }

    /// Recomputes the follow-ups of session `id` after its notes changed, and the merged list
    /// only if they differ.
    pub fn refresh_followups(&mut self, id: &str) {
        let items = self
            .notes
            .get(id)
            .map(|e| followups::of_session(id, &e.outline))
            .unwrap_or_default();
        let old = self.followups_by_session.get(id);
        if old.is_some_and(|o| *o == items) || (old.is_none() && items.is_empty()) {
            return;
        }
        self.followups_by_session.insert(id.to_string(), items);
        self.followups = followups::merge(&self.conference, &self.followups_by_session);
        self.followup_selected = self
            .followup_selected
            .min(self.followups.len().saturating_sub(1));
    }
}
