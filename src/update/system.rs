//! What the app's edge found out (the saver, the disk, the data directory), taken into the
//! state: the same path as a key, so nothing changes the state behind `update`'s back.

use super::{Effects, outside, overlays};
use crate::action::{Opened, System};
use crate::state::{SaveStatus, State};

pub(super) fn happened(state: &mut State, event: System) -> Effects {
    match event {
        System::Saved => {
            if matches!(state.save, SaveStatus::Failed(_)) {
                state.notice(rust_i18n::t!("msg.saved_again"));
            }
            state.save = SaveStatus::Saved;
        }
        System::SaveFailed(e) => save_failed(state, e),
        System::CopyFound(copy) => outside::copy_found(state, copy),
        System::ConflictKept(copy) => {
            let name = copy.path.file_name().unwrap_or_default().to_string_lossy();
            state.notice(rust_i18n::t!("msg.conflict_kept", file = name));
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
            state.notice(rust_i18n::t!("msg.became_writable"));
        }
        System::Exported(path, written) => {
            let mut text = rust_i18n::t!("msg.exported", path = path.display()).into_owned();
            if let Some(kept) = written.kept {
                text.push_str(&rust_i18n::t!("msg.exported_kept", path = kept.display()));
            }
            if let Some(folder) = written.made_folder {
                text.push_str(&rust_i18n::t!(
                    "msg.exported_made_folder",
                    path = folder.display()
                ));
            }
            state.say(text);
        }
        System::NothingToExport => {
            state.say(rust_i18n::t!("msg.nothing_to_export"));
        }
        System::ExportExists(path) => super::export::ask_to_replace(state, path),
        System::Copied(chars) => state.say(rust_i18n::t!("msg.copied_post", chars = chars)),
        System::TooLargeToCopy(bytes, path) => state.notice(rust_i18n::t!(
            "msg.too_large_to_copy",
            size = bytes / 1000,
            limit = crate::export::clipboard::LIMIT / 1000,
            path = path.display()
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
        state.notice(rust_i18n::t!(
            "msg.not_saved",
            why = why,
            file = file,
            error = e
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
        let n = published.len();
        state.notice(if n == 1 {
            rust_i18n::t!("msg.slides_published_one", n = n)
        } else {
            rust_i18n::t!("msg.slides_published_many", n = n)
        });
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
