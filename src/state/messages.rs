//! What the status bar says and the log keeps: messages until the next key, notices that stay
//! long enough to be read, and whether the notes are on disk.

use chrono::{DateTime, Utc};

use super::State;

/// Whether the notes on screen are on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveStatus {
    Saved,
    /// Changed since the last save; a save is due within a second.
    Pending,
    Failed(String),
}

/// A line for the status bar, kept in the message log too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    /// A notice that matters (notes reloaded, a conflict copy written, not saved): it stays on
    /// screen for [`NOTICE_STAYS`] whatever keys are pressed.
    pub notice: bool,
    pub at: DateTime<Utc>,
}

/// How long a notice that matters stays in the status bar at least.
pub const NOTICE_STAYS: chrono::TimeDelta = chrono::TimeDelta::seconds(10);

/// Messages kept for the log overlay; older ones are let go.
const LOG_LEN: usize = 500;

impl State {
    /// Shows `text` in the status bar until the next key, and keeps it in the log.
    pub fn say(&mut self, text: impl Into<String>) {
        self.post(text.into(), false);
    }

    /// Shows `text` in the status bar for [`NOTICE_STAYS`] at least, whatever keys come, and
    /// keeps it in the log: for what the user must not miss (notes reloaded, a copy kept, not
    /// saved).
    pub fn notice(&mut self, text: impl Into<String>) {
        self.post(text.into(), true);
    }

    fn post(&mut self, text: String, notice: bool) {
        let m = Message {
            text,
            notice,
            at: self.now,
        };
        // The same message again (a refusal at every key) is one line of the log.
        if self.log.last().is_some_and(|l| l.text == m.text) {
            self.log.pop();
        }
        if self.log.len() >= LOG_LEN {
            self.log.remove(0);
        }
        self.log.push(m.clone());
        self.message = Some(m);
    }

    /// The text of the status-bar message, if any.
    pub fn message_text(&self) -> Option<&str> {
        self.message.as_ref().map(|m| m.text.as_str())
    }

    /// A key was pressed: an ordinary message goes, a notice only once it has been shown long
    /// enough.
    pub fn key_pressed(&mut self) {
        if self
            .message
            .as_ref()
            .is_some_and(|m| !m.notice || self.now >= m.at + NOTICE_STAYS)
        {
            self.message = None;
        }
    }
}
