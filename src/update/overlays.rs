//! Everything that takes the keyboard for a moment: the one-line prompt (filtering the day,
//! searching all notes, naming an ad-hoc session, editing a session's links) and the conference
//! picker.

use super::{Effects, followups, notes, schedule, step};
use crate::action::{Action, Pane};
use crate::model::search::Search;
use crate::state::{Picker, Prompt, PromptKind, State};
use crate::storage::ConferenceSummary;

pub(super) fn start_filter(state: &mut State) {
    state.selected_before_filter = state.selected_session().map(|s| s.id.clone());
    let text = state.schedule.filter.text.clone();
    state.overlays.prompt = Some(Prompt {
        kind: PromptKind::Filter,
        cursor: text.len(),
        text,
    });
}

pub(super) fn start_search(state: &mut State) {
    state.overlays.search = Some(Search::new(&state.conference, &state.notes));
    state.overlays.prompt = Some(Prompt {
        kind: PromptKind::Search,
        text: String::new(),
        cursor: 0,
    });
}

/// Opens the selected session's links for editing, with the details view showing them.
pub(super) fn start_links(state: &mut State) {
    let Some(id) = state.selected_session().map(|s| s.id.clone()) else {
        return;
    };
    let text = state
        .session_meta
        .get(&id)
        .map(|m| m.links.join(" "))
        .unwrap_or_default();
    state.details_before_links = Some(state.details);
    state.details = true;
    state.overlays.prompt = Some(Prompt {
        kind: PromptKind::Links,
        cursor: text.len(),
        text,
    });
}

/// A key while the prompt is open.
pub(super) fn prompt(state: &mut State, action: Action) -> Effects {
    let Some(p) = state.overlays.prompt.as_mut() else {
        return Effects::default();
    };
    if p.kind == PromptKind::Export
        && let Some(fx) = super::export::key(state, &action)
    {
        return fx;
    }
    let Some(p) = state.overlays.prompt.as_mut() else {
        return Effects::default();
    };
    let before = p.text.clone();
    match action {
        ref edit if super::line::edit(&mut p.text, &mut p.cursor, edit) => {}
        Action::SelectNext | Action::SelectPrev => {
            let delta = if action == Action::SelectNext { 1 } else { -1 };
            match (p.kind, state.overlays.search.as_mut()) {
                (PromptKind::Search, Some(s)) => s.selected = step(s.selected, delta, s.hits.len()),
                (PromptKind::Filter, _) => schedule::select(state, delta),
                (PromptKind::MoveTo, _) => {
                    if let Some(m) = state.overlays.mover.as_mut() {
                        m.selected = step(m.selected, delta, m.hits.len());
                    }
                }
                (PromptKind::Room, _) => super::rooms::step(state, delta),
                _ => {}
            }
        }
        Action::PromptSubmit => return submit(state),
        Action::PromptCancel => {
            let kind = p.kind;
            if kind == PromptKind::Filter {
                state.schedule.filter.text.clear();
                state.refresh_visible();
                if let Some(id) = state.selected_before_filter.take() {
                    schedule::select_session(state, &id);
                }
                schedule::keep_selection_visible(state);
            }
            if kind == PromptKind::Links
                && let Some(before) = state.details_before_links.take()
            {
                state.details = before;
                notes::keep_cursor_visible(state);
            }
            state.overlays.prompt = None;
            state.overlays.search = None;
            state.overlays.mover = None;
            state.overlays.rooms = None;
            state.export.confirm = None;
            state.export.completions.clear();
            return Effects::default();
        }
        _ => {}
    }
    let Some(p) = state.overlays.prompt.as_ref() else {
        return Effects::default();
    };
    if p.text == before {
        return Effects::default();
    }
    match p.kind {
        PromptKind::Filter => {
            state.schedule.filter.text = p.text.clone();
            state.refresh_visible();
            state.schedule.selected = 0;
            state.schedule.top = 0;
            schedule::keep_selection_visible(state);
        }
        PromptKind::Search => {
            let query = p.text.clone();
            if let Some(s) = state.overlays.search.as_mut() {
                s.run(&query);
            }
        }
        PromptKind::MoveTo => {
            let query = p.text.clone();
            super::moving::filter(state, &query);
        }
        PromptKind::Room => {
            let query = p.text.clone();
            super::rooms::typed(state, &query);
        }
        _ => {}
    }
    Effects::default()
}

fn submit(state: &mut State) -> Effects {
    let Some(p) = state.overlays.prompt.take() else {
        return Effects::default();
    };
    match p.kind {
        PromptKind::Filter => {
            state.focus = Pane::Schedule;
            let day = state.schedule.day;
            // One of another day's matches chosen: that day, with it selected.
            if let Some(id) = state.selected_session().map(|s| s.id.clone()) {
                schedule::go_to_its_day(state, &id);
            }
            if state.schedule.day == day {
                state.schedule.selected = 0;
            }
            schedule::keep_selection_visible(state);
            if state.schedule.visible.is_empty() {
                state.say("No session matches; / then Esc clears the filter");
            }
            Effects::default()
        }
        PromptKind::Search => {
            let hit = state
                .overlays
                .search
                .take()
                .and_then(|s| s.selected_hit().cloned());
            if let Some(hit) = hit {
                followups::jump(state, &hit.session, hit.bullet);
            }
            Effects::default()
        }
        PromptKind::Links => set_links(state, &p.text),
        PromptKind::MoveTo => super::moving::submit(state),
        PromptKind::Room => super::rooms::submit(state),
        PromptKind::Export => super::export::submit(state, &p.text),
    }
}

/// Replaces the selected session's links with the space-separated ones typed; adding a link
/// resolves "slides pending".
fn set_links(state: &mut State, text: &str) -> Effects {
    let Some(id) = state.selected_session().map(|s| s.id.clone()) else {
        return Effects::default();
    };
    let links: Vec<String> = text.split_whitespace().map(str::to_string).collect();
    let meta = state.session_meta.entry(id.clone()).or_default();
    if links == meta.links {
        return Effects::default();
    }
    let resolves = !links.is_empty() && meta.slides_pending();
    if resolves {
        meta.slides = Some(crate::model::outline::FollowUp::Done);
    }
    meta.links = links;
    if resolves {
        state.say("Link added: slides no longer pending");
    }
    notes::changed(state, id)
}

pub(super) fn show_picker(state: &mut State, items: Vec<ConferenceSummary>) -> Effects {
    let selected = items
        .iter()
        .position(|c| c.id == state.conference.id)
        .unwrap_or(0);
    state.overlays.picker = Some(Picker { items, selected });
    Effects::default()
}

/// A key while the conference picker is open.
pub(super) fn picker(state: &mut State, action: Action) -> Effects {
    let Some(p) = state.overlays.picker.as_mut() else {
        return Effects::default();
    };
    match action {
        // The row after the conferences is "New conference…".
        Action::SelectNext => p.selected = step(p.selected, 1, p.items.len() + 1),
        Action::SelectPrev => p.selected = step(p.selected, -1, p.items.len() + 1),
        Action::NewSession => {
            state.overlays.picker = None;
            super::form::open_new_conference(state);
        }
        Action::PickConference if p.selected >= p.items.len() => {
            state.overlays.picker = None;
            super::form::open_new_conference(state);
        }
        Action::PickConference => {
            let folder = p.items.get(p.selected).map(|c| c.folder.clone());
            state.overlays.picker = None;
            return Effects {
                open_conference: folder,
                flush: true,
                ..Effects::default()
            };
        }
        Action::ClosePicker | Action::ToggleHelp => state.overlays.picker = None,
        _ => {}
    }
    Effects::default()
}
