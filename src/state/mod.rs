//! The whole state of the app: the conference, every session's notes being edited, and what the
//! screen is showing. `update` changes it; `ui` only reads it.

pub mod export;
mod form;
pub mod layout;
mod loaded;
mod messages;
mod tracked;
mod views;

pub use export::ExportSettings;
pub use form::{CONFERENCE_FIELDS, Form, FormKind, SESSION_FIELDS, field};
pub use messages::{Message, NOTICE_STAYS, SaveStatus};
pub use tracked::Tracked;

/// Every session's notes editor by session id. A fast hasher: the screen looks up the sessions
/// on its rows at every frame for their notes marks.
pub type Notes = HashMap<String, Editor, foldhash::fast::RandomState>;
pub use views::{
    Access, FollowUpsView, Mover, Overlays, Picker, Prompt, PromptKind, RoomChoice, ScheduleView,
};

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, FixedOffset, Timelike, Utc};

use crate::model::dayview;
use crate::model::followups::{self, FollowUpItem};
use crate::model::outline::Outline;
use crate::model::outline::editor::Editor;
use crate::model::outline::file::SessionMeta;
use crate::model::schedule::{Conference, Session};
use crate::storage::NotesCopy;

/// A pane of the main screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Schedule,
    Notes,
    FollowUps,
}

/// What has the keyboard. [`State::keyboard`] is the one place that decides it: the terminal's
/// key mapping, `update` and the panes' focus marks all ask there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keyboard {
    /// The key reference: arrows scroll it, any other key closes it.
    Help,
    /// The message log: as the help.
    Log,
    /// The conference picker.
    Picker,
    /// The list of copies of notes.
    Copies,
    /// The one-line prompt (filter, search, a title, links, an export's path).
    Prompt,
    /// A form: a session's fields, or a new conference's.
    Form,
    /// A pane, with nothing in front of it.
    Pane(Pane),
}

/// A row of the follow-up list: a position in `State::followups` or in `State::foreign`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowUpRow {
    Local(usize),
    Foreign(usize),
}

#[derive(Debug, Clone)]
pub struct State {
    /// Read by both lists: a change redraws them.
    pub conference: Tracked<Conference>,
    /// Notes of every session that has some (or is being typed into), by session id.
    pub notes: Notes,
    /// Slides-pending marks and links of each session that has some.
    pub session_meta: HashMap<String, SessionMeta>,
    pub schedule: Tracked<ScheduleView>,
    pub follow_ups: Tracked<FollowUpsView>,
    pub overlays: Overlays,
    pub access: Access,
    pub export: ExportSettings,
    pub focus: Pane,
    /// Show the selected session's abstract and link above its notes.
    pub details: bool,
    /// Whether the details showed before the links prompt opened them: Esc puts that back.
    pub details_before_links: Option<bool>,
    /// The session selected when the filter prompt opened: Esc selects it again.
    pub selected_before_filter: Option<String>,
    /// Copies of notes beside their sessions' files (a sync tool's, kaigi's conflict copies,
    /// notes kept after a crash), offered to merge.
    pub copies: Vec<NotesCopy>,
    /// Draw with colours (off when `NO_COLOR` is set).
    pub color: bool,
    /// Show each bullet's minute into the talk.
    pub gutter: bool,
    /// Minutes before a starred session when it is announced (0: never).
    pub remind_lead: i64,
    /// Starred sessions announced already in this run.
    pub reminded: HashSet<String>,
    /// Bullets cut or copied (Ctrl-X, Ctrl-C), to paste in any session.
    pub clipboard: Option<crate::model::outline::subtree::Branch>,
    /// Notes moved between sessions, by link: the two sessions whose undo steps go together.
    pub moves: HashMap<u64, (String, String)>,
    /// Copies merged whose files go once the notes are saved (crash recovery, a deleted
    /// session), by the link of the merge's undo step: undoing it writes the file back.
    pub restores: HashMap<u64, NotesCopy>,
    pub now: DateTime<Utc>,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    pub save: SaveStatus,
    /// A one-line message for the status bar: until the next key, or a notice that matters
    /// for [`NOTICE_STAYS`] at least.
    pub message: Option<Message>,
    /// Every message of this launch, oldest first, for the log overlay.
    pub log: Vec<Message>,
    /// The notes of sessions other than the one opened at start are still being read: their
    /// marks and follow-ups show as loading, not as absent.
    pub notes_loading: bool,
    /// The layout worked out last (see [`State::layout`]).
    layout_cache: layout::LayoutCache,
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
            conference: Tracked::new(conference),
            notes: notes
                .into_iter()
                .map(|(id, o)| (id, Editor::new(o)))
                .collect(),
            session_meta: HashMap::new(),
            schedule: Tracked::new(ScheduleView {
                day,
                ..ScheduleView::default()
            }),
            follow_ups: Tracked::default(),
            overlays: Overlays::default(),
            access: Access::default(),
            export: ExportSettings::default(),
            focus: Pane::Schedule,
            details: false,
            details_before_links: None,
            selected_before_filter: None,
            copies: Vec::new(),
            color: true,
            gutter: false,
            remind_lead: crate::model::reminder::DEFAULT_LEAD,
            reminded: HashSet::new(),
            clipboard: None,
            moves: HashMap::new(),
            restores: HashMap::new(),
            now,
            size,
            save: SaveStatus::Saved,
            message: None,
            log: Vec::new(),
            notes_loading: false,
            layout_cache: Default::default(),
        };
        let ids: Vec<String> = state.notes.keys().cloned().collect();
        state.refresh_followups_of(&ids);
        state.refresh_visible();
        state.select_now();
        state
    }

    /// The same state with these sessions starred, selecting what runs now among them.
    pub fn with_stars(mut self, starred: HashSet<String>) -> Self {
        self.schedule.starred = starred;
        self.refresh_visible();
        self.select_now();
        self
    }

    /// Recomputes the day's visible sessions after a filter, day, star or schedule change,
    /// keeping the selected session selected when it is still listed.
    pub fn refresh_visible(&mut self) {
        let keep = self.selected_session().map(|s| s.id.clone());
        self.schedule.visible = dayview::visible(
            &self.conference,
            self.schedule.day,
            &self.schedule.filter,
            &self.schedule.starred,
        );
        let found = keep.and_then(|id| {
            self.schedule
                .visible
                .iter()
                .position(|&i| self.conference.sessions()[i].id == id)
        });
        self.schedule.selected = found
            .unwrap_or(0)
            .min(self.schedule.visible.len().saturating_sub(1));
    }

    /// Copies that would bring something into their session (offered at start and in the
    /// list of copies before the ones that would add nothing).
    pub fn copies_adding(&self) -> usize {
        self.copies.iter().filter(|c| self.copy_adds(c)).count()
    }

    /// Whether merging `copy` would bring something its session's notes lack.
    pub fn copy_adds(&self, copy: &NotesCopy) -> bool {
        let links_new = copy.meta.links.iter().any(|l| {
            !self
                .session_meta
                .get(&copy.session)
                .is_some_and(|m| m.links.contains(l))
        });
        links_new
            || match self.notes.get(&copy.session) {
                Some(e) => !e.outline.holds_all_of(&copy.outline),
                None => !copy.outline.is_empty(),
            }
    }

    /// Selects the session on now (a starred one first) when the shown day is today.
    pub fn select_now(&mut self) {
        let today = self.conference.day_for(self.now);
        let on = self.conference.days().get(today)
            == Some(&self.conference.local(&self.now).date_naive());
        if on
            && today == self.schedule.day
            && let Some(n) = dayview::running_now(
                &self.conference,
                &self.schedule.visible,
                &self.schedule.starred,
                self.now,
            )
        {
            self.schedule.selected = n;
        }
    }

    /// A link for undo steps that go together, not used before.
    pub fn new_link(&self) -> u64 {
        let moves = self.moves.keys().max().copied().unwrap_or(0);
        let restores = self.restores.keys().max().copied().unwrap_or(0);
        moves.max(restores) + 1
    }

    /// What has the keyboard, from what is open in front of the panes.
    pub fn keyboard(&self) -> Keyboard {
        if self.overlays.help {
            Keyboard::Help
        } else if self.overlays.log_open.is_some() {
            Keyboard::Log
        } else if self.overlays.picker.is_some() {
            Keyboard::Picker
        } else if self.overlays.copies_open.is_some() {
            Keyboard::Copies
        } else if self.overlays.form.is_some() {
            Keyboard::Form
        } else if self.overlays.prompt.is_some() {
            Keyboard::Prompt
        } else {
            Keyboard::Pane(self.focus)
        }
    }

    /// Whether the session selected is running now (today, between its start and its end):
    /// kaigi opened during a talk opens in its notes.
    pub fn selected_is_running(&self) -> bool {
        let today = self.conference.local(&self.now).date_naive();
        self.conference.days().get(self.schedule.day) == Some(&today)
            && self
                .selected_session()
                .is_some_and(|s| s.start <= self.now && self.now < s.end)
    }

    /// The session selected in the Schedule pane.
    pub fn selected_session(&self) -> Option<&Session> {
        let &i = self.schedule.visible.get(self.schedule.selected)?;
        self.conference.sessions().get(i)
    }

    /// Whether the selected session has notes, as its mark in the schedule shows.
    pub fn selected_has_notes(&self) -> bool {
        self.selected_notes().is_some_and(|e| !e.outline.is_empty())
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
        self.refresh_followups_of(&[id.to_string()]);
    }

    /// [`State::refresh_followups`] for many sessions, with the list put together once (at
    /// start, once per session, it cost the square of the sessions with notes: 2.4 s for
    /// 2,000 notes files).
    pub fn refresh_followups_of(&mut self, ids: &[String]) {
        let mut changed = false;
        for id in ids {
            let outline = self.notes.get(id).map(|e| &e.outline);
            let items = followups::of_session(id, outline, self.session_meta.get(id));
            let old = self.follow_ups.by_session.get(id);
            if old.is_some_and(|o| *o == items) || (old.is_none() && items.is_empty()) {
                continue;
            }
            self.follow_ups.by_session.insert(id.clone(), items);
            changed = true;
        }
        if !changed {
            return;
        }
        self.follow_ups.items = followups::merge(&self.conference, &self.follow_ups.by_session);
        self.follow_ups.selected = self
            .follow_ups
            .selected
            .min(self.followup_view().len().saturating_sub(1));
    }

    /// The text of follow-up bullet `bullet` of session `id` became `text` (typing in it): the
    /// list shows it, without a scan of the session's bullets.
    pub fn followup_text_changed(&mut self, id: &str, bullet: u64, text: String) {
        let mine = |i: &&mut FollowUpItem| i.session == id && i.bullet == Some(bullet);
        if let Some(item) = self
            .follow_ups
            .by_session
            .get_mut(id)
            .and_then(|items| items.iter_mut().find(mine))
        {
            item.text.clone_from(&text);
        }
        if let Some(item) = self.follow_ups.items.iter_mut().find(mine) {
            item.text = text;
        }
    }

    /// The same state with these slides-pending marks and links.
    pub fn with_meta(mut self, meta: HashMap<String, SessionMeta>) -> Self {
        let ids: Vec<String> = meta.keys().cloned().collect();
        self.session_meta = meta;
        self.refresh_followups_of(&ids);
        self
    }

    /// The rows the follow-up list shows: this conference's follow-ups that pass the filter,
    /// then, in the every-conference view, the other conferences'.
    pub fn followup_view(&self) -> Vec<FollowUpRow> {
        let show = self.follow_ups.show;
        let local = (0..self.follow_ups.items.len())
            .filter(|&i| show.admits(self.follow_ups.items[i].state))
            .map(FollowUpRow::Local);
        let foreign = self.follow_ups.foreign.iter().flat_map(|f| {
            (0..f.len())
                .filter(move |&i| show.admits(f[i].item.state))
                .map(FollowUpRow::Foreign)
        });
        local.chain(foreign).collect()
    }

    /// The row selected in the follow-up list.
    pub fn selected_followup(&self) -> Option<FollowUpRow> {
        self.followup_view().get(self.follow_ups.selected).copied()
    }
}

#[cfg(test)]
mod tests;
