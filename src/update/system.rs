//! What the app's edge found out (the saver, the disk, the data directory), taken into the
//! state: the same path as a key, so nothing changes the state behind `update`'s back.

use super::{Effects, outside, overlays};
use crate::action::{Opened, System};
use crate::state::{SaveStatus, State};

pub(super) fn happened(state: &mut State, event: System) -> Effects {
    match event {
        System::Saved => {
            if matches!(state.save, SaveStatus::Failed(_)) {
                state.notice("Saved again: every note is on disk");
            }
            state.save = SaveStatus::Saved;
        }
        System::SaveFailed(e) => save_failed(state, e),
        System::CopyFound(copy) => outside::copy_found(state, copy),
        System::ConflictKept(copy) => {
            let name = copy.path.file_name().unwrap_or_default().to_string_lossy();
            state.notice(format!(
                "Notes changed outside kaigi too: yours saved, theirs kept as {name} (R merges)"
            ));
            outside::copy_found(state, copy);
        }
        System::ReloadNotes {
            session,
            outline,
            meta,
        } => return outside::reload_notes(state, session, outline, meta),
        System::ScheduleRefreshed(file) => return outside::schedule_refreshed(state, *file),
        System::ScheduleChanged { file, refused_ours } => {
            return outside::schedule_changed(state, file, refused_ours);
        }
        System::StarsChanged {
            starred,
            refused_ours,
        } => return outside::stars_changed(state, starred, refused_ours),
        System::LockSession { session, why } => {
            state.access.locked_sessions.insert(session);
            state.notice(why);
        }
        System::BecameWritable => {
            state.access.read_only = false;
            state.access.reason.clear();
            state.notice("The other kaigi has closed: you can write now");
        }
        System::Exported(path, written) => {
            let mut text = format!("Exported to {}", path.display());
            if let Some(kept) = written.kept {
                text.push_str(&format!(" (what was there is kept as {})", kept.display()));
            }
            if let Some(folder) = written.made_folder {
                text.push_str(&format!(" (made the folder {})", folder.display()));
            }
            state.say(text);
        }
        System::NothingToExport => {
            state.say("No notes in what was asked for: nothing exported (↑ What chooses another)");
        }
        System::ExportExists(path) => super::export::ask_to_replace(state, path),
        System::Copied(chars) => state.say(format!(
            "Sent the post ({chars} characters) to the terminal for its clipboard (OSC 52): paste \
             to check"
        )),
        System::TooLargeToCopy(bytes, path) => state.notice(format!(
            "The post is too large for a terminal's clipboard ({} KB encoded; terminals take \
             about {} KB): written to {} instead",
            bytes / 1000,
            crate::export::clipboard::LIMIT / 1000,
            path.display()
        )),
        System::PathCompleted { typed, found } => super::export::completed(state, &typed, found),
        System::ConferencesListed(items) => return overlays::show_picker(state, items),
        System::ForeignFollowUps(items) => state.follow_ups.foreign = Some(items),
        System::ConferenceOpened(opened) => {
            conference_opened(state, opened);
            return slides_check(state);
        }
        System::Opened => return slides_check(state),
        System::SessionDeleted { id, copy } => {
            return super::schedule::session_deleted(state, &id, copy);
        }
        System::Notify { text, notice } => {
            if notice {
                state.notice(text);
            } else {
                state.say(text);
            }
        }
    }
    Effects::default()
}

/// Once in the log per failure, not once a retry; the reason first, the whole error (path and
/// all) after it for the log.
fn save_failed(state: &mut State, e: String) {
    if !matches!(state.save, SaveStatus::Failed(_)) {
        let why = e.rsplit(": ").next().unwrap_or(&e);
        let file = e
            .split(": ")
            .next()
            .and_then(|p| std::path::Path::new(p).file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        state.notice(format!(
            "NOT SAVED: {why} ({file}); kept in memory, retrying every 2 s · {e}"
        ));
    }
    state.save = SaveStatus::Failed(e);
}

/// The next conference replaces the one shown; what belongs to this launch goes with it: the
/// colours, a read-only kaigi's reason, the log of messages.
/// A conference shown: follow-ups on slides its schedule now publishes are done.
fn slides_check(state: &mut State) -> Effects {
    let published = super::followups::resolve_published_slides(state);
    if !published.is_empty() {
        state.notice(format!(
            "Slides now published for {} you marked (their follow-ups are done)",
            crate::text::count(published.len(), "session")
        ));
    }
    Effects {
        also_changed: published,
        ..Effects::default()
    }
}

fn conference_opened(state: &mut State, opened: Opened) {
    let Opened {
        state: next,
        problems,
    } = opened;
    let mut next = *next;
    next.color = state.color;
    if state.access.read_only && !next.access.read_only {
        next.access.read_only = true;
        next.access.reason = state.access.reason.clone();
    }
    let mut log = std::mem::take(&mut state.log);
    log.append(&mut next.log);
    next.log = log;
    *state = next;
    if !problems.is_empty() {
        state.notice(problems.join("; "));
    }
}
