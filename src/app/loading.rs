//! The first frame shows before every notes file is read: the notes of the session it opens on
//! are read first, the others on a thread (`open::Loading`). Until they are in, a key that edits
//! the notes opened goes straight through, and any other (another session, a list, a search, an
//! export, quitting) first waits for them, so nothing is ever done on notes not read yet.

use super::event_loop::Loop;
use crate::action::{Action, System};
use crate::state::{Keyboard, Pane, State};

impl Loop<'_> {
    /// Takes in the other sessions' notes once they are read, without waiting. Whether the
    /// screen changed.
    pub(super) fn poll_loading(&mut self) -> bool {
        if self.loading.as_ref().is_some_and(|l| l.is_done()) {
            self.finish_loading();
            return true;
        }
        false
    }

    /// Waits for the other sessions' notes, takes them in, and says what was found on the
    /// way (files that could not be read, copies to merge).
    pub(super) fn finish_loading(&mut self) {
        let Some(loading) = self.loading.take() else {
            return;
        };
        let (seen, problems) = loading.finish(&mut self.state);
        self.saver.expect_all(seen);
        if !problems.is_empty() {
            // A notice from the start (a settings line, a quarantined schedule) is kept with these.
            let earlier = self
                .state
                .message
                .as_ref()
                .filter(|m| m.notice)
                .map(|m| m.text.clone());
            let text = problems.join("; ");
            self.state.notice(match earlier {
                Some(e) => format!("{e}; {text}"),
                None => text,
            });
        }
        self.report(System::Opened);
    }

    /// Before `action` is carried out: waits for the other notes unless it only edits the notes
    /// read already.
    pub(super) fn before(&mut self, action: &Action) {
        if self.loading.is_some() && !edits_opened_notes(&self.state, action) {
            self.finish_loading();
        }
    }
}

/// Whether `action` touches nothing but the notes open in the Notes pane (read before the
/// first frame) and the screen.
fn edits_opened_notes(state: &State, action: &Action) -> bool {
    use Action::*;
    match action {
        Tick(_) | Resize(..) | Repaint => true,
        Insert(_) | Paste(_) | Split | Backspace | Delete | DeleteWord | DeleteToStart
        | DeleteToEnd | Left | Right | WordLeft | WordRight | Up | Down | Home | End | PageUp
        | PageDown | First | Last | Indent | Outdent | MoveUp | MoveDown | Collapse | Expand
        | ToggleParagraph | CycleFollowUp | ToggleGutter => {
            state.keyboard() == Keyboard::Pane(Pane::Notes)
        }
        _ => false,
    }
}
