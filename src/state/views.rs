//! The state's parts, grouped by who reads them: what the Schedule pane shows, what the
//! Follow-ups pane shows, what is open in front of the panes, what may be written, and where
//! exports go. The two panes' parts are [`Tracked`](super::tracked::Tracked) in the state.

use std::collections::HashSet;

use crate::model::dayview::Filter;
use crate::model::followups::{FollowUpItem, ForeignFollowUp, Show};
use crate::model::search::Search;

use crate::storage::ConferenceSummary;

/// What the Schedule pane shows (with the conference, the clock and the notes marks).
#[derive(Debug, Clone, Default)]
pub struct ScheduleView {
    pub day: usize,
    /// Sessions starred for "My schedule", by id.
    pub starred: HashSet<String>,
    pub filter: Filter,
    /// The day's sessions that pass the filter (indices into `conference.sessions()`).
    pub visible: Vec<usize>,
    /// Index of the selected session within `visible`.
    pub selected: usize,
    /// First session row shown.
    pub top: usize,
    /// The timetable grid shows instead of the list (`v`).
    pub grid: bool,
    /// The grid's first row and first room shown.
    pub grid_top: usize,
    pub grid_left: usize,
    /// ←→ in the grid keep to the row they started from: the block they reached and that row.
    pub grid_anchor: Option<(usize, usize)>,
}

/// What the Follow-ups pane shows (with the conference).
#[derive(Debug, Clone, Default)]
pub struct FollowUpsView {
    /// Which follow-ups the list shows.
    pub show: Show,
    /// Every follow-up of the conference: open first, then by session start.
    pub items: Vec<FollowUpItem>,
    /// Follow-ups of each session, kept in step with the notes as they are edited.
    pub by_session: std::collections::HashMap<String, Vec<FollowUpItem>>,
    /// Follow-ups of the other conferences, while the list shows every conference.
    pub foreign: Option<Vec<ForeignFollowUp>>,
    pub selected: usize,
}

/// What is open in front of the panes (and takes the keyboard: see `State::keyboard`).
#[derive(Debug, Clone, Default)]
pub struct Overlays {
    pub help: bool,
    /// First line of the help overlay shown.
    pub help_scroll: usize,
    pub prompt: Option<Prompt>,
    /// Choosing the session to move notes to, while it is open (the prompt holds the query).
    pub mover: Option<Mover>,
    /// `D` was pressed on this session, which has notes: `D` again deletes it.
    pub confirm_delete: Option<String>,
    /// A session's form (`n`, `E`) or a new conference's, while it is open.
    pub form: Option<super::Form>,
    pub picker: Option<Picker>,
    /// The search across notes, while it is open.
    pub search: Option<Search>,
    /// The list of copies, while it is open: the row selected.
    pub copies_open: Option<usize>,
    /// The log overlay is open, scrolled this many lines up from its end.
    pub log_open: Option<usize>,
    /// Choosing a room for the room filter (`r`; the prompt holds what is typed).
    pub rooms: Option<RoomChoice>,
}

/// The rooms whose names match what is typed (`None` first: every room), and the one chosen.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RoomChoice {
    pub hits: Vec<Option<String>>,
    pub selected: usize,
}

/// What may be changed and written.
#[derive(Debug, Clone, Default)]
pub struct Access {
    /// Another kaigi has the data directory (or a newer kaigi wrote the schedule): nothing may
    /// be changed or written.
    pub read_only: bool,
    /// Why nothing may be changed, for the banner (while `read_only`).
    pub reason: String,
    /// Sessions whose notes a newer kaigi wrote: shown, never changed or written.
    pub locked_sessions: HashSet<String>,
}

/// A one-line text prompt in the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub text: String,
    /// Byte offset of the cursor, on a grapheme boundary.
    pub cursor: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    /// Filter the day as you type.
    Filter,
    /// Search every note as you type.
    Search,
    /// The selected session's links, separated by spaces.
    Links,
    /// Where to write the day's Markdown.
    Export,
    /// Which session to move notes to (type to filter).
    MoveTo,
    /// Which room the schedule shows (type to filter).
    Room,
}

/// Notes on their way to another session: which, and the sessions they may go to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mover {
    /// The session they come from.
    pub source: String,
    /// Every note of the session, or the cursor's bullet with its children.
    pub all: bool,
    /// How many bullets go.
    pub bullets: usize,
    /// The sessions that match the query, as indices into the conference's sessions.
    pub hits: Vec<usize>,
    pub selected: usize,
}

/// The conference picker overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    pub items: Vec<ConferenceSummary>,
    pub selected: usize,
}
