//! Carrying out what `update` asks for: files handed to the saver, exports, lists read from the
//! data directory, a conference switched; and the saver's answers taken in. Whatever this finds
//! out goes back through `update` as an action.

use std::path::Path;
use std::time::Instant;

use super::event_loop::Loop;
use crate::action::{Action, Opened, System};
use crate::model::outline::Outline;
use crate::model::outline::file::Snapshot;
use crate::state::SaveStatus;
use crate::storage::saver::{Contents, Job, Mode};
use crate::update::{Effects, update};

impl Loop<'_> {
    /// Does what an update asks for; returns whether to quit now.
    pub(super) fn carry_out(&mut self, fx: Effects) -> bool {
        let store = self.store;
        if fx.repaint {
            self.terminal.invalidate();
        }
        if fx.save_stars {
            let (path, bytes) =
                store.stars_file(&self.state.conference.id, &self.state.schedule.starred);
            self.send(Job::write(path, Contents::Bytes(bytes)));
        }
        if fx.save_schedule {
            let (_, bytes) = store.schedule_file(&self.state.conference);
            let path = store.schedule_path(&self.folder);
            self.send(Job::write(path, Contents::Bytes(bytes)));
        }
        if let Some(ours) = fx.keep_ours.clone().map(|b| *b) {
            let path = store.notes_path(&ours.conference, &ours.session);
            self.send(Job {
                mode: Mode::CopyBeside,
                ..Job::write(path, Contents::Outline(ours))
            });
        }
        if fx.list_conferences {
            let (items, problems) = store.summaries();
            self.report(System::ConferencesListed(items));
            if !problems.is_empty() {
                self.notify(problems.join("; "), false);
            }
        }
        if let Some(job) = &fx.export {
            self.export(job);
        }
        if let Some(typed) = &fx.complete_path {
            let found = super::export::completions(typed);
            let typed = typed.clone();
            self.report(System::PathCompleted { typed, found });
        }
        if fx.list_foreign_followups {
            let items = crate::storage::others::foreign_followups(
                store,
                &self.state.conference.id,
                self.state.now,
            );
            self.report(System::ForeignFollowUps(items));
        }
        if fx.refresh {
            self.start_refresh();
        }
        if let Some(job) = &fx.delete_session {
            self.delete_session(job);
        }
        if let Some(new) = &fx.make_conference {
            match store.make_conference(&new.name, new.dates, new.tz, new.id.as_deref()) {
                Ok(made) => {
                    let note = made
                        .taken_by
                        .as_ref()
                        .map_or_else(String::new, |(id, other)| {
                            let other = format!("{other:?}");
                            rust_i18n::t!("msg.made_id_taken", id = id, other = other).into_owned()
                        });
                    self.switch_conference(&made.folder);
                    let text = rust_i18n::t!(
                        "msg.made_conference",
                        name = format!("{:?}", made.file.name),
                        id = made.file.id,
                        note = note
                    );
                    self.notify(text.into_owned(), false);
                }
                Err(e) => {
                    let text = rust_i18n::t!("msg.no_conference_made", error = e);
                    self.notify(text.into_owned(), true);
                }
            }
        }
        if let Some(folder) = &fx.open_conference {
            self.switch_conference(folder);
            if let Some((session, bullet)) = fx.then_jump.clone() {
                update(&mut self.state, Action::JumpTo { session, bullet });
            }
        }
        let now = Instant::now();
        for (id, recovery) in &fx.restored {
            let path = self.store.notes_path(&self.state.conference.id, id);
            self.autosave.restored(id, path, recovery.clone(), now);
        }
        if let Some(copy) = &fx.unrestored {
            let notes = self
                .store
                .notes_path(&self.state.conference.id, &copy.session);
            self.autosave.unconsume(&notes);
            if let Err(e) = self.store.rewrite_copy(&self.state.conference.id, copy) {
                let text = rust_i18n::t!(
                    "msg.copy_not_written_back",
                    file = copy.file_name(),
                    error = e
                );
                self.notify(text.into_owned(), true);
            }
        }
        if let Some(id) = &fx.changed {
            self.autosave.changed(id, now);
        }
        for id in &fx.also_changed {
            self.autosave.changed(id, now);
        }
        if let Some((first, then)) = &fx.moved {
            self.autosave.moved(first, then, now);
        }
        if fx.flush {
            self.autosave.flush(now);
        }
        if !fx.quit {
            self.autosave.disarm();
            return false;
        }
        let failing = matches!(self.state.save, SaveStatus::Failed(_));
        if !self.autosave.quit(failing) {
            self.notify(rust_i18n::t!("msg.quit_again").into_owned(), true);
            return false;
        }
        true
    }

    /// Hands sessions' notes to the saver.
    pub(super) fn send_saves(&mut self, sessions: Vec<String>) {
        let saved_at = self.state.local_now();
        let conference = self.state.conference.id.clone();
        let mut skipped = false;
        for id in sessions {
            let outline = self.state.notes.get(&id).map(|e| &e.outline);
            let meta = self.state.session_meta.get(&id);
            // Nothing left to keep: a file written before (the slides mark set, then taken
            // off) is written empty, so the mark does not come back; no file, nothing to do.
            if outline.is_none()
                && meta.is_none()
                && self
                    .saver
                    .stamp(&self.store.notes_path(&conference, &id))
                    .is_none()
            {
                skipped = true;
                continue;
            }
            let snapshot = Snapshot {
                conference: conference.clone(),
                session: id.clone(),
                outline: outline.cloned().unwrap_or_else(|| Outline::new(saved_at)),
                meta: meta.cloned().unwrap_or_default(),
                saved_at,
            };
            let path = self.store.notes_path(&conference, &id);
            // After a reload from outside, the file's version is kept as a copy before the next
            // write only if the reload was undone: edits made on top of it supersede it (a copy
            // was written on every edit in the middle of a reloaded bullet).
            let on_reload = self.state.notes.get(&id).and_then(|e| e.reload_applied());
            self.autosave.sent(path.clone(), id);
            self.saver.send(Job {
                builds_on_reload: on_reload == Some(true),
                ..Job::write(path, Contents::Outline(snapshot))
            });
        }
        if skipped && self.autosave.settled() && self.saver.idle() {
            self.report(System::Saved);
        }
    }

    /// A notes file is safely written: a file that brought its notes back can go.
    pub(super) fn written(&mut self, path: &Path) {
        for from in self.autosave.written(path) {
            let _ = std::fs::remove_file(from);
        }
    }

    /// Takes in the saver's answers; whether the screen needs drawing.
    pub(super) fn collect_outcomes(&mut self) -> bool {
        let outcomes = self.saver.poll();
        let any = !outcomes.is_empty();
        for o in outcomes {
            if o.refused {
                // The schedule or the stars changed on disk since read: merge, then write again.
                self.reread(&o.path.clone(), true);
                continue;
            }
            if let Some(copy) = &o.copy {
                self.copy_found(copy);
                continue;
            }
            for path in &o.conflicts {
                match self.store.read_copy(path, self.state.local_now()) {
                    Ok(copy) => self.report(System::ConflictKept(copy)),
                    Err(e) => {
                        let name = path.file_name().unwrap_or_default().to_string_lossy();
                        let text = rust_i18n::t!("msg.conflict_unreadable", file = name, error = e);
                        self.notify(text.into_owned(), true);
                    }
                }
            }
            if let Some(v) = o.too_new
                && let Some(id) = self.autosave.dropped(&o.path)
            {
                // A newer kaigi wrote this file meanwhile: never write over it, stop retrying.
                let why = rust_i18n::t!("msg.notes_too_new", path = o.path.display(), version = v)
                    .into_owned();
                self.report(System::LockSession { session: id, why });
                continue;
            }
            match o.result {
                Ok(()) => {
                    self.written(&o.path);
                    if self.autosave.settled() && self.saver.idle() {
                        self.report(System::Saved);
                    }
                }
                Err(e) => {
                    // Keep the notes and try again: a full disk or a read-only mount may pass.
                    self.autosave.failed(&o.path, Instant::now());
                    self.report(System::SaveFailed(e));
                }
            }
        }
        any
    }

    /// Hands a file to the saver; a read-only kaigi writes nothing.
    pub(super) fn send(&mut self, job: Job) {
        if !self.store.is_read_only() {
            self.saver.send(job);
        }
    }

    /// A copy of notes was written beside a session's file: list it for merging.
    pub(super) fn copy_found(&mut self, path: &std::path::Path) {
        if let Ok(copy) = self.store.read_copy(path, self.state.local_now()) {
            self.report(System::CopyFound(copy));
        }
    }

    /// Tells `update` what the edge found out, and carries out what that asks for.
    pub(super) fn report(&mut self, event: System) {
        let fx = update(&mut self.state, Action::System(event));
        // A report is not a key: it neither quits nor disarms a quit asked for once.
        if fx != Effects::default() {
            self.carry_out(fx);
        }
    }

    /// Says something in the status bar (and the log), through `update`.
    pub(super) fn notify(&mut self, text: String, notice: bool) {
        self.report(System::Notify { text, notice });
    }

    /// Waits for every save handed over, then hands over and waits for what was held back for
    /// them (notes moved: the session that lost them goes once the one that gained them is
    /// written). Stops at the first failure; returns the failures.
    pub(super) fn write_out(&mut self) -> Vec<String> {
        loop {
            let mut failed = Vec::new();
            for o in self.saver.wait_idle() {
                match o.result {
                    Ok(()) => self.written(&o.path),
                    Err(e) => {
                        self.autosave.failed(&o.path, Instant::now());
                        failed.push(e);
                    }
                }
            }
            if !failed.is_empty() || !self.autosave.holding() {
                return failed;
            }
            let rest = self.autosave.take();
            if rest.is_empty() {
                return failed;
            }
            self.send_saves(rest);
        }
    }

    /// Deletes a session: its notes first kept in a file of their own (or nothing deleted),
    /// then its notes file removed once no save of it is on its way, then the schedule told.
    fn delete_session(&mut self, job: &crate::update::DeleteJob) {
        let id = job.session.id.clone();
        let copy = match &job.notes {
            Some(notes) => match self.store.keep_deleted(notes.clone(), job.session.clone()) {
                Ok(copy) => Some(Box::new(copy)),
                Err(e) => {
                    let text = rust_i18n::t!("msg.not_deleted", error = e);
                    self.notify(text.into_owned(), true);
                    return;
                }
            },
            None => None,
        };
        self.autosave.forget(&id);
        self.write_out();
        let path = self.store.notes_path(&self.state.conference.id, &id);
        match std::fs::remove_file(&path) {
            Ok(()) => self.saver.forget(&path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            // The session goes all the same: the file left behind names a session that is not
            // in the schedule, and the copy holds the notes.
            Err(e) => self.notify(format!("{}: {e}", path.display()), false),
        }
        self.report(System::SessionDeleted { id, copy });
    }

    /// Saves everything of the current conference, then shows the one in `folder`.
    pub(super) fn switch_conference(&mut self, folder: &str) {
        let all = self.autosave.take();
        self.send_saves(all);
        let failed = self.write_out();
        if !failed.is_empty() {
            let text = rust_i18n::t!("msg.not_switching", error = failed.join("; "));
            self.notify(text.into_owned(), true);
            return;
        }
        match super::open::open_folder_now(self.store, folder, self.state.now, self.state.size) {
            Ok((next, seen, problems)) => {
                let state = Box::new(next);
                self.report(System::ConferenceOpened(Opened { state, problems }));
                self.folder = folder.to_string();
                self.saver.forget_all();
                self.saver.expect_all(seen);
            }
            Err(e) => self.notify(format!("{e:#}"), true),
        }
    }
}
