//! Everything that can happen to the app, as data: what the user asked for (mapped from keys by
//! `keymap`), the clock and the terminal size, and what the app's edge found out ([`System`]:
//! the saver, the disk, the data directory). All of it reaches the state through `update`.

use chrono::{DateTime, Utc};

pub use crate::state::Pane;

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Save everything and leave.
    Quit,
    /// Show or hide the key reference.
    ToggleHelp,
    /// Clear the terminal and draw everything again.
    Repaint,
    /// Move the focus to a pane.
    Focus(Pane),
    /// Select the next item of the focused list.
    SelectNext,
    /// Select the previous item of the focused list.
    SelectPrev,
    /// Show the next conference day (in the grid: the room to the right).
    NextDay,
    /// Show the previous conference day (in the grid: the room to the left).
    PrevDay,
    /// Show the next conference day, in the list and the grid.
    DayAfter,
    /// Show the previous conference day, in the list and the grid.
    DayBefore,
    /// Switch the Schedule between the list and the timetable grid.
    ToggleGrid,
    /// Start typing notes in the selected session.
    OpenNotes,
    /// Leave the editor for the schedule.
    LeaveNotes,
    /// Star the selected session for "My schedule", or unstar it.
    ToggleStar,
    /// Show only starred sessions (with clashes flagged), or all.
    ToggleMySchedule,
    /// Filter the day by title, speaker, room or track as you type.
    StartFilter,
    /// Show one room at a time, then all again.
    CycleRoom,
    /// Show the session's abstract and link above its notes, or hide them.
    ToggleDetails,
    /// Select what is on now (today's day, a starred session first).
    JumpToNow,
    /// Add a session (the talk starting, a booth visit, a hallway chat) with the session form.
    NewSession,
    /// Download the schedule again from where it is published, keeping everything added here.
    RefreshSchedule,
    /// Change the selected session's title, time, room… with the session form.
    EditSession,
    /// Delete the selected session (one made in kaigi); one with notes asks first, and its
    /// notes are kept to restore.
    DeleteSession,
    /// Move the cursor's bullet with its children to another session (chosen by typing).
    MoveBranchTo,
    /// Move every note of the session to another session (chosen by typing).
    MoveAllTo,
    /// Accept what was typed in the prompt.
    PromptSubmit,
    /// Close the prompt (a filter prompt also clears the filter).
    PromptCancel,
    /// Change the prompt's option (the export's language).
    PromptOption,
    /// Shift-Tab in the export dialog: the previous choice.
    PromptOptionBack,
    /// Go to the form's next field.
    FormNext,
    /// Go to the form's previous field.
    FormPrev,
    /// Choose another conference from the data directory.
    OpenPicker,
    /// Open the conference selected in the picker.
    PickConference,
    /// Close the picker.
    ClosePicker,
    /// List the copies of notes kept beside their sessions (crash recovery, sync tools,
    /// conflict copies), to merge them.
    OpenCopies,
    /// Merge the copy selected in the list into its session (one undo step).
    MergeCopy,
    /// Close the list of copies.
    CloseCopies,
    /// Show the messages of this launch, or hide them.
    ToggleLog,
    /// Export the day shown as Markdown to a file (a path prompt, prefilled).
    StartExport,
    /// Search every note of the conference.
    StartSearch,
    /// Mark the session "slides not published yet", or clear the mark.
    ToggleSlidesPending,
    /// Edit the session's slides and video links.
    EditLinks,
    /// Show all follow-ups, only open ones, or only done ones.
    CycleFollowUpFilter,
    /// Show the follow-ups of every conference, or of this one only.
    ToggleAllConferences,
    /// Show session `session` (and bullet `bullet` in its notes).
    JumpTo {
        session: String,
        bullet: Option<u64>,
    },
    /// Jump to the selected follow-up in its session's notes.
    JumpToFollowUp,
    /// Mark the selected follow-up done, or open again.
    ToggleFollowUp,
    /// Type text at the cursor (a key, or several characters committed by an IME).
    Insert(String),
    /// Paste text (bracketed paste): several lines become several bullets.
    Paste(String),
    /// Split the bullet at the cursor.
    Split,
    /// Delete the character before the cursor, or join with the bullet above.
    Backspace,
    /// Delete the character after the cursor, or join the bullet below.
    Delete,
    /// Delete the word before the cursor.
    DeleteWord,
    /// Delete from the start of the line to the cursor.
    DeleteToStart,
    /// Delete from the cursor to the end of the line.
    DeleteToEnd,
    /// Move the cursor one character left.
    Left,
    /// Move the cursor one character right.
    Right,
    /// Move the cursor one word left.
    WordLeft,
    /// Move the cursor one word right.
    WordRight,
    /// Move the cursor up one screen row.
    Up,
    /// Move the cursor down one screen row.
    Down,
    /// Move the cursor to the start of the bullet.
    Home,
    /// Move the cursor to the end of the bullet.
    End,
    /// Move the cursor up a screen.
    PageUp,
    /// Move the cursor down a screen.
    PageDown,
    /// Move the cursor to the first bullet.
    First,
    /// Move the cursor to the end of the last bullet.
    Last,
    /// Indent the bullet under the one above.
    Indent,
    /// Outdent the bullet one level.
    Outdent,
    /// Move the bullet and its children above the previous sibling.
    MoveUp,
    /// Move the bullet and its children below the next sibling.
    MoveDown,
    /// Fold the bullet's children away.
    Collapse,
    /// Unfold the bullet's children.
    Expand,
    /// Delete the bullet with its children.
    DeleteBranch,
    /// Cut the bullet with its children, to paste elsewhere.
    CutBranch,
    /// Copy the bullet with its children, to paste elsewhere.
    CopyBranch,
    /// Paste the bullets cut or copied after the bullet (into any session).
    PasteBranch,
    /// Cycle the bullet: plain, open follow-up, done follow-up.
    CycleFollowUp,
    /// Turn the bullet into a paragraph of prose, or back.
    ToggleParagraph,
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Show or hide the minute-into-the-talk gutter.
    ToggleGutter,
    /// A mouse click at a screen cell.
    Click { col: u16, row: u16 },
    /// The mouse wheel, in rows (negative: up).
    Scroll { col: u16, row: u16, rows: i16 },
    /// The clock moved on.
    Tick(DateTime<Utc>),
    /// The terminal changed size.
    Resize(u16, u16),
    /// Something the app's edge found out: not a key, so it leaves the message alone.
    System(System),
}

/// What the app's edge found out and the state must learn, through `update` like a key.
#[derive(Debug, Clone, PartialEq)]
pub enum System {
    /// Every note is on disk.
    Saved,
    /// A save failed (the whole error): the notes stay in memory and it is tried again.
    SaveFailed(String),
    /// A copy of a session's notes was found or written beside its file (a conflict copy).
    CopyFound(crate::storage::NotesCopy),
    /// A session's notes changed outside kaigi too: ours were saved, theirs kept in this copy.
    ConflictKept(crate::storage::NotesCopy),
    /// A session's notes file changed outside kaigi (and nothing was unsaved here): show it.
    ReloadNotes {
        session: String,
        outline: crate::model::outline::Outline,
        meta: crate::model::outline::file::SessionMeta,
    },
    /// The schedule file changed on disk (`kaigi import`, a sync tool): show it, keeping what
    /// this kaigi added. `refused_ours`: a write of ours was refused because of it.
    ScheduleChanged {
        file: crate::model::schedule::ScheduleFile,
        refused_ours: bool,
    },
    /// The schedule was downloaded again from its URL (F5): merge it and write it.
    ScheduleRefreshed(Box<crate::model::schedule::ScheduleFile>),
    /// The stars file changed on disk. `refused_ours`: a write of ours was refused because of it.
    StarsChanged {
        starred: std::collections::HashSet<String>,
        refused_ours: bool,
    },
    /// A newer kaigi wrote this session's notes meanwhile: never write them again.
    LockSession { session: String, why: String },
    /// The other kaigi closed and this one holds the data directory now: it may write.
    BecameWritable,
    /// The export was written to this file (an old one kept, a folder made).
    Exported(std::path::PathBuf, crate::storage::exports::Written),
    /// What was asked for holds no session with notes: nothing was written.
    NothingToExport,
    /// The export's file exists and holds something else: ask before replacing it.
    ExportExists(String),
    /// The export went to the clipboard through the terminal: this many characters.
    Copied(usize),
    /// The export was too large for the terminal's clipboard (this many bytes once encoded):
    /// it was written to this file instead.
    TooLargeToCopy(usize, std::path::PathBuf),
    /// The files and folders whose names start as the last part of the path typed does.
    PathCompleted { typed: String, found: Vec<String> },
    /// The conferences in the data directory, for the picker.
    ConferencesListed(Vec<crate::storage::ConferenceSummary>),
    /// Follow-ups of the other conferences in the data directory, for the list.
    ForeignFollowUps(Vec<crate::model::followups::ForeignFollowUp>),
    /// The conference first shown at start is up (its follow-ups may have news).
    Opened,
    /// Another conference was opened (everything saved first): show it from now on.
    ConferenceOpened(Opened),
    /// A session was deleted; its notes (if any) kept in this copy.
    SessionDeleted {
        id: String,
        copy: Option<Box<crate::storage::NotesCopy>>,
    },
    /// Something else the edge has to say (a failed export, a conference not switched).
    Notify { text: String, notice: bool },
}

/// A conference opened by the app's edge, with what was found on the way.
#[derive(Debug, Clone)]
pub struct Opened {
    pub state: Box<crate::state::State>,
    pub problems: Vec<String>,
}

/// Two openings are alike when they open the same conference (a state has no equality of its
/// own; this is for comparing actions in tests).
impl PartialEq for Opened {
    fn eq(&self, other: &Self) -> bool {
        self.state.conference.id == other.state.conference.id && self.problems == other.problems
    }
}
