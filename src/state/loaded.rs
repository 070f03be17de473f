//! Notes read from disk taken into the state: at start the selected session's first, then the
//! rest of the conference's once a thread has read them (see `app/loading.rs`).

use std::collections::HashMap;
use std::path::PathBuf;

use super::State;
use crate::model::outline::editor::Editor;
use crate::storage::{LoadedNotes, Stamp};

impl State {
    /// Takes in notes read from disk, leaving alone every session it holds already (read
    /// earlier, or typed into since). Returns the stamps of the files read, for the saver, and
    /// the problems met reading them.
    pub fn take_notes(&mut self, loaded: LoadedNotes) -> (HashMap<PathBuf, Stamp>, Vec<String>) {
        let LoadedNotes {
            outlines,
            meta,
            problems,
            seen,
            too_new: _,
            copies,
            locked,
        } = loaded;
        let mut taken = Vec::new();
        for (id, outline) in outlines {
            if !self.notes.contains_key(&id) {
                self.notes.insert(id.clone(), Editor::new(outline));
                taken.push(id);
            }
        }
        for (id, m) in meta {
            if !self.session_meta.contains_key(&id) {
                self.session_meta.insert(id.clone(), m);
                taken.push(id);
            }
        }
        if !copies.is_empty() {
            self.copies.extend(copies);
            self.copies.sort_by(|a, b| a.path.cmp(&b.path));
        }
        self.access.locked_sessions.extend(locked);
        taken.sort();
        taken.dedup();
        self.refresh_followups_of(&taken);
        (seen, problems)
    }

    /// Every notes file is read: the lists' loading marks go.
    pub fn notes_loaded(&mut self) {
        self.notes_loading = false;
        // A new revision for each pane that showed a mark, so it is drawn again.
        let _ = &mut *self.schedule;
        let _ = &mut *self.follow_ups;
    }
}
