//! Moving notes to the session they belong in (the app opened one talk while the attendee sat in
//! another): the cursor's bullet with its children, or every note of the session, to a session
//! chosen by typing part of its title, room or speaker, on any day. Both halves are one undo
//! step, from either session; the edge writes the session they go to before the one they leave.

use super::{Effects, notes};
use crate::action::Pane;
use crate::model::outline::Outline;
use crate::model::outline::editor::Editor;
use crate::state::{Mover, Prompt, PromptKind, State};
use crate::text;

/// Opens the chooser for the selected session's notes: `all` of them, or the cursor's branch.
pub(super) fn start(state: &mut State, all: bool) {
    let Some(source) = state.selected_session().map(|s| s.id.clone()) else {
        return;
    };
    let Some(e) = state.notes.get(&source).filter(|e| !e.outline.is_empty()) else {
        state.say(rust_i18n::t!("msg.nothing_to_move"));
        return;
    };
    let bullets = if all {
        e.outline.len()
    } else {
        e.outline.subtree_end(e.cursor.line) - e.cursor.line
    };
    state.overlays.mover = Some(Mover {
        source,
        all,
        bullets,
        hits: Vec::new(),
        selected: 0,
    });
    state.overlays.prompt = Some(Prompt {
        kind: PromptKind::MoveTo,
        text: String::new(),
        cursor: 0,
    });
    filter(state, "");
}

/// The sessions matching `query` (all but the source), in programme order; the one on now is
/// selected first, as the talk being sat in is the likeliest home.
pub(super) fn filter(state: &mut State, query: &str) {
    let terms = text::terms(query);
    let Some(m) = state.overlays.mover.as_ref() else {
        return;
    };
    let c = &state.conference;
    let hits: Vec<usize> = c
        .sessions()
        .iter()
        .enumerate()
        .filter(|(_, s)| s.id != m.source && !s.removed)
        .filter(|(_, s)| {
            let hay = text::fold(&format!("{} {} {}", s.title, s.room, s.speakers.join(" ")));
            terms.iter().all(|t| hay.contains(t.as_str()))
        })
        .map(|(i, _)| i)
        .collect();
    let now = state.now;
    let on_now = hits.iter().position(|&i| {
        let s = &c.sessions()[i];
        s.start <= now && now < s.end
    });
    let next = hits.iter().position(|&i| c.sessions()[i].start > now);
    let selected = on_now.or(next).unwrap_or(0);
    if let Some(m) = state.overlays.mover.as_mut() {
        m.hits = hits;
        m.selected = selected;
    }
}

/// Moves the notes to the session chosen, as one undo step in both sessions.
pub(super) fn submit(state: &mut State) -> Effects {
    state.overlays.prompt = None;
    let Some(m) = state.overlays.mover.take() else {
        return Effects::default();
    };
    let Some(target) = m
        .hits
        .get(m.selected)
        .and_then(|&i| state.conference.sessions().get(i))
        .map(|s| (s.id.clone(), s.title.clone()))
    else {
        state.say(rust_i18n::t!("msg.move_no_target"));
        return Effects::default();
    };
    let (target, title) = target;
    if state.access.locked_sessions.contains(&target) {
        state.say(rust_i18n::t!("msg.move_locked"));
        return Effects::default();
    }
    let now = state.local_now();
    let link = state.new_link();
    let Some(from) = state.notes.get_mut(&m.source) else {
        return Effects::default();
    };
    let branch = if m.all {
        from.take_all(now, link)
    } else {
        from.take_branch(now, link)
    };
    let n = branch.0.len();
    state
        .notes
        .entry(target.clone())
        .or_insert_with(|| Editor::new(Outline::new(now)))
        .append_branch(&branch, now, link);
    state.moves.insert(link, (m.source.clone(), target.clone()));
    state.refresh_followups(&m.source);
    state.say(if n == 1 {
        rust_i18n::t!("msg.moved_one", n = n, title = title)
    } else {
        rust_i18n::t!("msg.moved_many", n = n, title = title)
    });
    notes::keep_cursor_visible(state);
    let mut fx = notes::changed(state, target.clone());
    fx.moved = Some((target, m.source));
    fx
}

/// Ctrl-Z or Ctrl-Y in session `id` about to undo or redo half of a move: the other half too.
/// Whether it was one.
pub(super) fn undo_both(state: &mut State, id: &str, redo: bool) -> Option<Effects> {
    let link = state.notes.get(id)?.pending_link(redo)?;
    let (source, target) = state.moves.get(&link)?.clone();
    let other = if source == id { &target } else { &source };
    for session in [id, other.as_str()] {
        let Some(e) = state.notes.get_mut(session) else {
            continue;
        };
        // Only the matching half: the other session may have moved on since.
        if e.pending_link(redo) == Some(link) {
            if redo {
                e.redo();
            } else {
                e.undo();
            }
        }
    }
    state.refresh_followups(&source);
    state.say(if redo {
        rust_i18n::t!("msg.move_redone")
    } else {
        rust_i18n::t!("msg.move_undone")
    });
    if state.focus == Pane::Notes {
        notes::keep_cursor_visible(state);
    }
    let mut fx = notes::changed(state, target.clone());
    // Whichever file gains the notes is written first.
    fx.moved = Some(if redo {
        (target, source)
    } else {
        (source, target)
    });
    Some(fx)
}
