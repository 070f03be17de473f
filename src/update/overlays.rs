//! Everything that takes the keyboard for a moment: the one-line prompt (filtering the day,
//! searching all notes, naming an ad-hoc session, editing a session's links) and the conference
//! picker.

use chrono::{Duration, NaiveTime, TimeZone, Timelike};

use super::{Effects, followups, notes, schedule, step};
use crate::action::{Action, Pane};
use crate::model::schedule::Session;
use crate::model::search::Search;
use crate::state::{Picker, Prompt, PromptKind, State};
use crate::storage::ConferenceSummary;
use crate::text;

/// How long an ad-hoc session lasts unless the attendee changes it.
const ADHOC_MINUTES: i64 = 30;

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

/// Asks where to write the day's Markdown, offering `exports/<conference>-<day>.md`.
pub(super) fn start_export(state: &mut State) {
    let Some(day) = state.conference.days().get(state.schedule.day) else {
        state.say("This conference has no days to export");
        return;
    };
    let day = *day;
    let name = export_name(state, day);
    // The path used last for this day; else the folder used last, with this day's name.
    let text = match &state.export.last {
        Some((d, path)) if *d == day => path.clone(),
        Some((_, path)) => match path.rsplit_once('/') {
            Some((folder, _)) => format!("{folder}/{name}"),
            None => name,
        },
        None => state.export.dir.join(name).to_string_lossy().into_owned(),
    };
    state.overlays.prompt = Some(Prompt {
        kind: PromptKind::Export,
        cursor: text.len(),
        text,
    });
}

/// The file name an export of `day` is offered under: `<conference>-<day>.md`.
pub fn export_name(state: &State, day: chrono::NaiveDate) -> String {
    format!(
        "{}-{day}.md",
        crate::storage::file_stem(&state.conference.id)
    )
}

/// The export's file exists: the prompt opens again on it, and Enter now replaces it.
pub(super) fn ask_to_replace(state: &mut State, path: String) {
    state.overlays.prompt = Some(Prompt {
        kind: PromptKind::Export,
        cursor: path.len(),
        text: path.clone(),
    });
    state.export.confirm = Some(path);
}

pub(super) fn start_new_session(state: &mut State) {
    if state.conference.days().get(state.schedule.day).is_none() {
        state.say("This conference has no days to add a session to");
        return;
    }
    state.overlays.prompt = Some(Prompt {
        kind: PromptKind::NewSession,
        text: String::new(),
        cursor: 0,
    });
}

/// A key while the prompt is open.
pub(super) fn prompt(state: &mut State, action: Action) -> Effects {
    let Some(p) = state.overlays.prompt.as_mut() else {
        return Effects::default();
    };
    let before = p.text.clone();
    match action {
        Action::Insert(t) | Action::Paste(t) => {
            let t = text::clean(&t.replace(['\n', '\r'], " ")).into_owned();
            p.text.insert_str(p.cursor, &t);
            p.cursor += t.len();
        }
        Action::Backspace if p.cursor > 0 => {
            let from = text::prev_boundary(&p.text, p.cursor);
            p.text.replace_range(from..p.cursor, "");
            p.cursor = from;
        }
        Action::DeleteWord if p.cursor > 0 => {
            let from = text::prev_word(&p.text, p.cursor);
            p.text.replace_range(from..p.cursor, "");
            p.cursor = from;
        }
        Action::DeleteToStart => {
            p.text.replace_range(..p.cursor, "");
            p.cursor = 0;
        }
        Action::DeleteToEnd => p.text.truncate(p.cursor),
        Action::Left => p.cursor = text::prev_boundary(&p.text, p.cursor),
        Action::Right if p.cursor < p.text.len() => {
            p.cursor = text::next_boundary(&p.text, p.cursor);
        }
        Action::Home => p.cursor = 0,
        Action::End => p.cursor = p.text.len(),
        Action::SelectNext | Action::SelectPrev => {
            let delta = if action == Action::SelectNext { 1 } else { -1 };
            match (p.kind, state.overlays.search.as_mut()) {
                (PromptKind::Search, Some(s)) => s.selected = step(s.selected, delta, s.hits.len()),
                (PromptKind::Filter, _) => schedule::select(state, delta),
                _ => {}
            }
        }
        Action::PromptSubmit => return submit(state),
        Action::PromptOption if p.kind == PromptKind::Export => {
            state.export.lang = match state.export.lang {
                crate::export::Lang::En => crate::export::Lang::Ja,
                crate::export::Lang::Ja => crate::export::Lang::En,
            };
        }
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
            state.export.confirm = None;
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
            state.schedule.selected = 0;
            schedule::keep_selection_visible(state);
            if state.schedule.visible.is_empty() {
                state.say("No session matches; / then Esc clears the filter");
            }
            Effects::default()
        }
        PromptKind::NewSession => new_session(state, p),
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
        PromptKind::Export => {
            let path = p.text.trim().to_string();
            let replace = state.export.confirm.take().is_some_and(|c| c == path);
            if path.is_empty() {
                return Effects::default();
            }
            if let Some(&day) = state.conference.days().get(state.schedule.day) {
                state.export.last = Some((day, path.clone()));
            }
            Effects {
                export: Some(super::ExportJob {
                    path,
                    lang: state.export.lang,
                    replace,
                }),
                flush: true,
                ..Effects::default()
            }
        }
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

/// When a new session on `day` starts unless told otherwise: now, when `day` is today; else
/// right after the day's last session (rounded up to 5 minutes), or 10:00 on a day without any.
fn default_start(
    state: &State,
    day: chrono::NaiveDate,
) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    let tz = state.conference.tz;
    let local_now = state.conference.local(&state.now);
    if local_now.date_naive() == day {
        let time =
            NaiveTime::from_hms_opt(local_now.hour(), local_now.minute(), 0).unwrap_or_default();
        return Some(
            tz.from_local_datetime(&day.and_time(time))
                .earliest()?
                .fixed_offset(),
        );
    }
    let last_end = state
        .conference
        .day_sessions(state.schedule.day)
        .filter(|s| !s.removed)
        .map(|s| s.end)
        .max();
    match last_end {
        Some(end) => {
            let minutes = (end.timestamp() + 299) / 300 * 300;
            chrono::DateTime::from_timestamp(minutes, 0).map(|t| t.with_timezone(&end.timezone()))
        }
        None => {
            let ten = NaiveTime::from_hms_opt(10, 0, 0).unwrap_or_default();
            Some(
                tz.from_local_datetime(&day.and_time(ten))
                    .earliest()?
                    .fixed_offset(),
            )
        }
    }
}

/// Adds an ad-hoc session starting now (at this time of day on the day shown) and opens its notes.
fn new_session(state: &mut State, p: Prompt) -> Effects {
    let title = p.text.trim().to_string();
    if title.is_empty() {
        state.say("A session needs a title (Esc cancels)");
        state.overlays.prompt = Some(p);
        return Effects::default();
    }
    let Some(&day) = state.conference.days().get(state.schedule.day) else {
        return Effects::default();
    };
    let Some(start) = default_start(state, day) else {
        state.say("That time does not exist in the conference's time zone");
        return Effects::default();
    };
    let mut id = format!("adhoc-{}", start.format("%Y%m%d-%H%M"));
    let mut n = 1;
    while state.conference.session(&id).is_some() {
        n += 1;
        id = format!("adhoc-{}-{n}", start.format("%Y%m%d-%H%M"));
    }
    let session = Session {
        id: id.clone(),
        title,
        start,
        end: start + Duration::minutes(ADHOC_MINUTES),
        room: String::new(),
        track: None,
        speakers: Vec::new(),
        summary: String::new(),
        url: None,
        day: None,
        adhoc: true,
        removed: false,
    };
    if let Err(e) = state.conference.add_session(session) {
        state.say(e.to_string());
        return Effects::default();
    }
    state.refresh_visible();
    schedule::select_session(state, &id);
    notes::open(state);
    Effects {
        save_schedule: true,
        ..Effects::default()
    }
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
        Action::SelectNext => p.selected = step(p.selected, 1, p.items.len()),
        Action::SelectPrev => p.selected = step(p.selected, -1, p.items.len()),
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
