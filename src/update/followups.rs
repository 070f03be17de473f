//! The follow-up list: jumping to a follow-up, marking it done, the open/done filter, the
//! every-conference view, and the session-level "slides not published yet" mark.

use ratatui::layout::Position;

use super::{Effects, notes, schedule};
use crate::action::Pane;
use crate::model::outline::FollowUp;
use crate::state::layout;
use crate::state::{FollowUpRow, State};

/// Shows session `id` in the notes pane, on bullet `bullet` when given.
pub(super) fn jump(state: &mut State, id: &str, bullet: Option<u64>) {
    if !schedule::select_session(state, id) {
        state.say(rust_i18n::t!("msg.session_gone"));
        return;
    }
    match bullet {
        Some(b) => {
            if let Some(e) = state.notes.get_mut(id) {
                e.jump_to(b);
                e.visited = true;
            }
        }
        None => state.details = true,
    }
    state.focus = Pane::Notes;
    notes::keep_cursor_visible(state);
}

pub(super) fn jump_to_selected(state: &mut State) -> Effects {
    match state.selected_followup() {
        Some(FollowUpRow::Local(i)) => {
            let item = state.follow_ups.items[i].clone();
            jump(state, &item.session, item.bullet);
            Effects::default()
        }
        Some(FollowUpRow::Foreign(i)) => {
            let Some(f) = state
                .follow_ups
                .foreign
                .as_ref()
                .and_then(|f| f.get(i))
                .cloned()
            else {
                return Effects::default();
            };
            Effects {
                open_conference: Some(f.folder),
                then_jump: Some((f.session, f.item.bullet)),
                flush: true,
                ..Effects::default()
            }
        }
        None => Effects::default(),
    }
}

/// Space / x: done ⇄ open, for a bullet and for the slides follow-up alike. The selection goes
/// with the follow-up ticked (it moves between the open and the done ones), so that a second
/// Space undoes the first.
pub(super) fn toggle_selected(state: &mut State) -> Effects {
    let key = state
        .selected_followup()
        .and_then(|row| match row {
            FollowUpRow::Local(i) => state.follow_ups.items.get(i),
            FollowUpRow::Foreign(_) => None,
        })
        .map(|f| (f.session.clone(), f.bullet));
    let fx = toggle(state);
    if let Some((session, bullet)) = key {
        let view = state.followup_view();
        let at = view.iter().position(|row| match *row {
            FollowUpRow::Local(i) => {
                let f = &state.follow_ups.items[i];
                f.session == session && f.bullet == bullet
            }
            FollowUpRow::Foreign(_) => false,
        });
        // Gone from a filtered view (done ones hidden): the next one takes its row.
        state.follow_ups.selected =
            at.unwrap_or(state.follow_ups.selected.min(view.len().saturating_sub(1)));
    }
    fx
}

fn toggle(state: &mut State) -> Effects {
    let item = match state.selected_followup() {
        Some(FollowUpRow::Local(i)) => state.follow_ups.items[i].clone(),
        Some(FollowUpRow::Foreign(_)) => {
            state.say(rust_i18n::t!("msg.followup_foreign"));
            return Effects::default();
        }
        None => return Effects::default(),
    };
    let Some(bullet) = item.bullet else {
        if let Some(m) = state.session_meta.get_mut(&item.session) {
            m.slides = Some(match item.state {
                FollowUp::Open => FollowUp::Done,
                FollowUp::Done => FollowUp::Open,
            });
        }
        return notes::changed(state, item.session);
    };
    let Some(editor) = state.notes.get_mut(&item.session) else {
        return Effects::default();
    };
    let Some(line) = editor.outline.position(bullet) else {
        return Effects::default();
    };
    let next = match item.state {
        FollowUp::Open => FollowUp::Done,
        FollowUp::Done => FollowUp::Open,
    };
    editor.set_follow_up(line, Some(next));
    notes::changed(state, item.session)
}

pub(super) fn cycle_filter(state: &mut State) {
    state.follow_ups.show = state.follow_ups.show.next();
    state.follow_ups.selected = 0;
}

pub(super) fn toggle_all_conferences(state: &mut State) -> Effects {
    if state.follow_ups.foreign.take().is_some() {
        let len = state.followup_view().len();
        state.follow_ups.selected = state.follow_ups.selected.min(len.saturating_sub(1));
        return Effects::default();
    }
    Effects {
        list_foreign_followups: true,
        ..Effects::default()
    }
}

/// Sessions marked "slides not published yet" whose schedule now publishes slides or a
/// recording: the follow-up is done (what the attendee was waiting for came out). Returns them.
pub(super) fn resolve_published_slides(state: &mut State) -> Vec<String> {
    if state.access.read_only {
        return Vec::new();
    }
    let out: Vec<String> = (state.session_meta.iter())
        .filter(|(_, m)| m.slides_pending())
        .filter(|(id, _)| !state.access.locked_sessions.contains(*id))
        .filter(|(id, _)| {
            let s = state.conference.session(id);
            s.is_some_and(crate::model::schedule::Session::has_material)
        })
        .map(|(id, _)| id.clone())
        .collect();
    for id in &out {
        if let Some(m) = state.session_meta.get_mut(id) {
            m.slides = Some(FollowUp::Done);
        }
        state.refresh_followups(id);
    }
    out
}

/// Marks the selected session's slides as not published yet, or clears the mark.
pub(super) fn toggle_slides_pending(state: &mut State) -> Effects {
    let Some(id) = state.selected_session().map(|s| s.id.clone()) else {
        return Effects::default();
    };
    let meta = state.session_meta.entry(id.clone()).or_default();
    // Marking again what is done opens it again; marking what is open takes the mark away.
    meta.slides = match meta.slides {
        Some(FollowUp::Open) => None,
        None | Some(FollowUp::Done) => Some(FollowUp::Open),
    };
    let pending = meta.slides_pending();
    if meta.is_empty() {
        state.session_meta.remove(&id);
    }
    state.say(if pending {
        rust_i18n::t!("msg.slides_pending")
    } else {
        rust_i18n::t!("msg.slides_not_pending")
    });
    notes::changed(state, id)
}

pub(super) fn click(state: &mut State, col: u16, row: u16) {
    let a = state.layout().areas;
    let inside = layout::inner(a.followups);
    if inside.contains(Position::new(col, row)) {
        let rows = usize::from(inside.height);
        let top = (state.follow_ups.selected + 1).saturating_sub(rows);
        let n = top + usize::from(row - inside.y);
        if n < state.followup_view().len() {
            state.follow_ups.selected = n;
            state.focus = Pane::FollowUps;
        }
    }
}
