//! The room filter (`r`): type part of a room's name (kana and width folded, as the filter does),
//! ↑↓ choose among the rooms that match, Enter shows only that room; "every room" first.

use super::Effects;
use crate::state::{Prompt, PromptKind, RoomChoice, State};

pub(super) fn start(state: &mut State) {
    state.overlays.prompt = Some(Prompt {
        kind: PromptKind::Room,
        text: String::new(),
        cursor: 0,
    });
    let mut choice = RoomChoice::default();
    filter_into(state, "", &mut choice);
    // The room shown now is chosen, so ↓ Enter steps to the next as `r` used to.
    let current = state.schedule.filter.room.clone();
    choice.selected = choice.hits.iter().position(|h| *h == current).unwrap_or(0);
    state.overlays.rooms = Some(choice);
}

/// The rooms matching `query`: the conference's, then any others its sessions use.
fn filter_into(state: &State, query: &str, choice: &mut RoomChoice) {
    let terms = crate::text::terms(query);
    let mut rooms = state.conference.rooms.clone();
    for s in state.conference.sessions() {
        if !s.room.is_empty() && !rooms.contains(&s.room) {
            rooms.push(s.room.clone());
        }
    }
    let folded = |r: &str| crate::text::fold(r);
    let every = crate::text::fold("every room すべての部屋");
    choice.hits = std::iter::once(None)
        .filter(|_| terms.iter().all(|t| every.contains(t.as_str())))
        .chain(
            rooms
                .into_iter()
                .filter(|r| terms.iter().all(|t| folded(r).contains(t.as_str())))
                .map(Some),
        )
        .collect();
    choice.selected = 0;
}

pub(super) fn typed(state: &mut State, query: &str) {
    let mut choice = state.overlays.rooms.take().unwrap_or_default();
    filter_into(state, query, &mut choice);
    state.overlays.rooms = Some(choice);
}

pub(super) fn step(state: &mut State, delta: isize) {
    if let Some(c) = state.overlays.rooms.as_mut() {
        c.selected = super::step(c.selected, delta, c.hits.len());
    }
}

pub(super) fn submit(state: &mut State) -> Effects {
    let Some(choice) = state.overlays.rooms.take() else {
        return Effects::default();
    };
    let Some(room) = choice.hits.get(choice.selected).cloned() else {
        state.say(rust_i18n::t!("msg.no_room_match"));
        return Effects::default();
    };
    state.schedule.filter.room = room;
    state.refresh_visible();
    super::schedule::keep_selection_visible(state);
    Effects::default()
}
