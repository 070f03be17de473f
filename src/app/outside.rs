//! Files changed outside kaigi (a sync tool, another laptop, `kaigi import`, an editor): read
//! again when nothing here is unsaved, and handed to `update` to merge; the data directory's
//! lock taken over once the kaigi that held it has quit.

use std::path::PathBuf;
use std::time::Instant;

use super::event_loop::Loop;
use crate::action::System;
use crate::storage::{Store, is_notes_file};

impl Loop<'_> {
    /// Files changed outside kaigi while nothing is unsaved here are read again: a session's
    /// notes (a sync tool, another laptop), the schedule (`kaigi import`), the stars. With
    /// changes on both sides the saver keeps theirs as a conflict copy when ours is written.
    pub(super) fn reload_changed_files(&mut self) -> bool {
        if !self.autosave.nothing_pending() {
            return false;
        }
        let mut any = false;
        let schedule = self.store.schedule_path(&self.folder);
        let stars = self.store.stars_path(&self.state.conference.id);
        let mut changed = self.saver.changed_on_disk();
        changed.extend(self.new_notes_files());
        for path in changed {
            any = true;
            if path == schedule || path == stars {
                self.reread(&path, false);
                continue;
            }
            if !is_notes_file(&path) {
                continue;
            }
            if !path.exists() {
                self.notes_deleted(&path);
                continue;
            }
            let Ok((file, stamp)) = self.store.read_notes_file(&path) else {
                continue;
            };
            self.saver.expect(path.clone(), stamp);
            if file.conference != self.state.conference.id
                || path != self.store.notes_path(&file.conference, &file.session)
            {
                // A copy that appeared beside a session's notes: listed for merging.
                self.copy_found(&path);
                continue;
            }
            self.saver.reloaded(path.clone());
            let outline = file.outline(self.state.local_now());
            self.report(System::ReloadNotes {
                session: file.session.clone(),
                outline,
                meta: file.meta(),
            });
        }
        any
    }

    /// Files in the conference's notes folder that the saver knows nothing of: a session's notes
    /// another laptop made, or a copy a sync tool left.
    pub(super) fn new_notes_files(&self) -> Vec<PathBuf> {
        let dir = self
            .store
            .conference_dir(&self.state.conference.id)
            .join("notes");
        let Ok(entries) = std::fs::read_dir(dir) else {
            return Vec::new();
        };
        let mut found: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.extension().is_some_and(|e| e == "json")
                    && !p
                        .file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
                    && self.saver.stamp(p).is_none()
                    && !self.state.copies.iter().any(|c| c.path == *p)
            })
            .collect();
        found.sort();
        found
    }

    /// A session's notes file vanished (deleted by hand, by a sync tool): the notes on screen are
    /// written again, so that they are in a file whatever happened.
    pub(super) fn notes_deleted(&mut self, path: &std::path::Path) {
        let conference = self.state.conference.id.clone();
        let session = self
            .state
            .notes
            .keys()
            .find(|id| self.store.notes_path(&conference, id) == path)
            .cloned();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let Some(id) = session else {
            return;
        };
        if self.store.is_read_only() {
            // Said once: what the saver knows of the file goes with it.
            self.saver.forget(path);
            let text = rust_i18n::t!("msg.notes_file_deleted_read_only", file = name);
            self.notify(text.into_owned(), true);
            return;
        }
        let now = Instant::now();
        self.autosave.changed(&id, now);
        self.autosave.flush(now);
        let text = rust_i18n::t!("msg.notes_file_deleted", file = name);
        self.notify(text.into_owned(), true);
    }

    /// A kaigi read-only because another one held the data directory takes the lock once that
    /// one has quit, and may write from then on. Whether anything changed.
    pub(super) fn take_lock_if_free(&mut self) -> bool {
        if self.lock.is_some() || !self.store.is_read_only() {
            return false;
        }
        let Ok(Some(file)) = super::lock(self.store) else {
            return false;
        };
        self.lock = Some(file);
        self.store.make_writable();
        // A schedule from a newer kaigi keeps the conference read-only all the same.
        if self.state.access.reason == super::other_kaigi() {
            self.report(System::BecameWritable);
        }
        true
    }

    /// Reads the schedule or the stars again after they changed on disk (`refused`: a write of
    /// ours was turned down because of it), and hands them to `update` to merge.
    pub(super) fn reread(&mut self, path: &std::path::Path, refused: bool) {
        let schedule = self.store.schedule_path(&self.folder);
        let stars = self.store.stars_path(&self.state.conference.id);
        let event = if path == schedule {
            match self.store.read_schedule(&self.folder) {
                Ok((file, stamp)) => {
                    self.saver.expect(schedule, stamp);
                    System::ScheduleChanged {
                        file,
                        refused_ours: refused,
                    }
                }
                Err(e) => {
                    // Shown once: what is on disk now is what we know of.
                    if let Some(stamp) = Store::stamp(&schedule) {
                        self.saver.expect(schedule, stamp);
                    }
                    System::Notify {
                        text: rust_i18n::t!("msg.schedule_unreadable", error = e).into_owned(),
                        notice: true,
                    }
                }
            }
        } else if path == stars {
            let (starred, stamp) = self.store.read_stars(&self.state.conference.id);
            if let Some(stamp) = stamp {
                self.saver.expect(stars, stamp);
            }
            System::StarsChanged {
                starred,
                refused_ours: refused,
            }
        } else {
            return;
        };
        self.report(event);
    }
}
