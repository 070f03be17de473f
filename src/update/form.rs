//! The session form (`n` makes a session, `E` edits the selected one) and the new conference's
//! form (from the picker): opening them with their defaults, typing in their fields, and saving
//! what they say into the schedule.

use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta, TimeZone, Timelike};

use super::{Effects, notes, schedule};
use crate::action::Action;
use crate::model::entry;
use crate::model::schedule::{Dates, Session};
use crate::state::{Form, FormKind, State, field};
use crate::text;

/// Opens the form for a new session on the day shown, its start and end filled in: typing a
/// title and Enter is all a session needs.
pub(super) fn open_new_session(state: &mut State) {
    let Some(&day) = state.conference.days().get(state.schedule.day) else {
        state.say(rust_i18n::t!("msg.no_days_for_session"));
        return;
    };
    let start = default_start(state, day);
    let mut fields = vec![String::new(); crate::state::SESSION_FIELDS.len()];
    fields[field::DAY] = day.format("%Y-%m-%d").to_string();
    fields[field::START] = start.map_or_else(String::new, |t| t.format("%H:%M").to_string());
    fields[field::END] = entry::show_length(state.conference.usual_length());
    state.overlays.form = Some(Form::new(FormKind::Session(None), fields));
}

/// Opens the form on the selected session's fields.
pub(super) fn open_edit(state: &mut State) {
    let Some(s) = state.selected_session() else {
        state.say(rust_i18n::t!("msg.no_session_to_edit"));
        return;
    };
    let (start, end) = (
        state.conference.local(&s.start),
        state.conference.local(&s.end),
    );
    let mut fields = vec![String::new(); crate::state::SESSION_FIELDS.len()];
    fields[field::TITLE] = s.title.clone();
    fields[field::DAY] = start.format("%Y-%m-%d").to_string();
    fields[field::START] = start.format("%H:%M").to_string();
    fields[field::END] = end.format("%H:%M").to_string();
    fields[field::ROOM] = s.room.clone();
    fields[field::SPEAKERS] = s.speakers.join(", ");
    fields[field::TRACK] = s.track.clone().unwrap_or_default();
    fields[field::URL] = s.url.clone().unwrap_or_default();
    let kind = FormKind::Session(Some(s.id.clone()));
    state.overlays.form = Some(Form::new(kind, fields));
}

/// Opens the new conference's form: today, in the time zone of the conference open.
pub(super) fn open_new_conference(state: &mut State) {
    let today = state.conference.local(&state.now).date_naive();
    let fields = vec![
        String::new(),
        today.format("%Y-%m-%d").to_string(),
        today.format("%Y-%m-%d").to_string(),
        state.conference.tz.name().to_string(),
        String::new(),
    ];
    state.overlays.form = Some(Form::new(FormKind::Conference, fields));
}

/// A key while a form is open.
pub(super) fn key(state: &mut State, action: Action) -> Effects {
    let rooms = state.room_matches();
    let Some(f) = state.overlays.form.as_mut() else {
        return Effects::default();
    };
    let focus = f.focus;
    let leaves = matches!(
        action,
        Action::PromptSubmit
            | Action::FormNext
            | Action::FormPrev
            | Action::SelectNext
            | Action::SelectPrev
    );
    if leaves && focus == field::START {
        end_follows_start(f);
    }
    match action {
        Action::PromptSubmit => return submit(state),
        Action::PromptCancel => state.overlays.form = None,
        Action::FormNext => f.go_to((focus + 1) % f.fields.len()),
        Action::FormPrev => f.go_to((focus + f.fields.len() - 1) % f.fields.len()),
        Action::SelectNext | Action::SelectPrev if f.in_room_field() && !rooms.is_empty() => {
            if f.room_typed.is_none() {
                f.room_typed = Some(f.fields[field::ROOM].clone());
            }
            let at = rooms.iter().position(|r| *r == f.fields[field::ROOM]);
            let next = match (at, action == Action::SelectNext) {
                (None, true) => 0,
                (None, false) => rooms.len() - 1,
                (Some(i), true) => (i + 1) % rooms.len(),
                (Some(i), false) => (i + rooms.len() - 1) % rooms.len(),
            };
            f.fields[field::ROOM] = rooms[next].clone();
            f.cursor = f.fields[field::ROOM].len();
            f.selected = true;
        }
        Action::SelectNext => f.go_to((focus + 1).min(f.fields.len() - 1)),
        Action::SelectPrev => f.go_to(focus.saturating_sub(1)),
        ref edit => {
            let Form {
                fields,
                cursor,
                room_typed,
                selected,
                ..
            } = f;
            let replaces = matches!(
                edit,
                Action::Insert(_) | Action::Paste(_) | Action::Backspace
            );
            if std::mem::take(selected) && replaces {
                fields[focus].clear();
                *cursor = 0;
                if *edit == Action::Backspace {
                    return Effects::default();
                }
            }
            if super::line::edit(&mut fields[focus], cursor, edit) {
                // Typing in the room field starts a new completion from what is typed.
                *room_typed = None;
            }
        }
    }
    Effects::default()
}

/// A session's start changed while its end time was left as it was: the end moves with the
/// start, so the session keeps its length (a talk that began late ends late).
fn end_follows_start(f: &mut Form) {
    if !matches!(f.kind, FormKind::Session(_)) || f.fields[field::END] != f.initial[field::END] {
        return;
    }
    let time = |s: &str| entry::time(s);
    let (Some(start0), Some(end0), Some(start)) = (
        time(&f.initial[field::START]),
        time(&f.initial[field::END]),
        time(&f.fields[field::START]),
    ) else {
        return;
    };
    if start == start0 || !f.initial[field::END].contains(':') {
        return;
    }
    let end = start + (end0 - start0);
    f.fields[field::END] = end.format("%H:%M").to_string();
    f.initial[field::END] = f.fields[field::END].clone();
}

fn submit(state: &mut State) -> Effects {
    let Some(f) = state.overlays.form.take() else {
        return Effects::default();
    };
    let result = match &f.kind {
        FormKind::Session(editing) => save_session(state, &f, editing.clone()),
        FormKind::Conference => new_conference(state, &f),
    };
    match result {
        Ok(fx) => fx,
        Err((at, why)) => {
            let mut f = f;
            f.go_to(at);
            f.error = Some((at, why));
            state.overlays.form = Some(f);
            Effects::default()
        }
    }
}

type Refused = (usize, String);

/// The session the form describes, added or put in place of the one edited.
fn save_session(state: &mut State, f: &Form, editing: Option<String>) -> Result<Effects, Refused> {
    let read = read_session(state, f)?;
    let edited = match &editing {
        Some(id) => {
            let Some(old) = state.conference.session(id) else {
                return Err((
                    field::TITLE,
                    rust_i18n::t!("msg.form_session_gone").into_owned(),
                ));
            };
            old.edited_into(Session {
                id: id.clone(),
                summary: old.summary.clone(),
                links: old.links.clone(),
                adhoc: old.adhoc,
                removed: old.removed,
                day: None,
                ..read
            })
        }
        None => read,
    };
    let id = edited.id.clone();
    let done = match &editing {
        Some(old) => state.conference.replace_session(old, edited),
        None => state.conference.add_session(edited),
    };
    done.map_err(|e| (field::TITLE, e.to_string()))?;
    state.refresh_visible();
    schedule::select_session(state, &id);
    if editing.is_some() {
        state.say(rust_i18n::t!("msg.session_changed"));
        schedule::keep_selection_visible(state);
    } else {
        notes::open(state);
    }
    Ok(Effects {
        save_schedule: true,
        ..Effects::default()
    })
}

/// A session from the form's fields, with a fresh id; which field is wrong otherwise.
fn read_session(state: &State, f: &Form) -> Result<Session, Refused> {
    let c = &state.conference;
    let get = |i: usize| f.fields[i].trim();
    let title = text::clean(get(field::TITLE)).into_owned();
    if title.is_empty() {
        return Err((
            field::TITLE,
            rust_i18n::t!("msg.form_need_title").into_owned(),
        ));
    }
    let first = c.days().first().copied().unwrap_or_default();
    let day = entry::date(get(field::DAY), first)
        .ok_or_else(|| (field::DAY, rust_i18n::t!("msg.form_bad_date").into_owned()))?;
    if !c.days().contains(&day) {
        let why = match (c.days().first(), c.days().last()) {
            (Some(a), Some(b)) => {
                rust_i18n::t!("msg.form_not_a_day_span", day = day, from = a, to = b)
            }
            _ => rust_i18n::t!("msg.form_not_a_day", day = day),
        };
        return Err((field::DAY, why.into_owned()));
    }
    let start = entry::time(get(field::START)).ok_or_else(|| {
        (
            field::START,
            rust_i18n::t!("msg.form_bad_time").into_owned(),
        )
    })?;
    let at = |t: chrono::NaiveTime| -> Option<DateTime<FixedOffset>> {
        Some(
            c.tz.from_local_datetime(&day.and_time(t))
                .earliest()?
                .fixed_offset(),
        )
    };
    let no_such_time = || rust_i18n::t!("msg.form_no_such_time").into_owned();
    let start = at(start).ok_or_else(|| (field::START, no_such_time()))?;
    let end = match end_of(get(field::END)) {
        Some(End::Length(d)) => start + d,
        Some(End::At(t)) => at(t).ok_or_else(|| (field::END, no_such_time()))?,
        None => {
            let why = rust_i18n::t!("msg.form_bad_end");
            return Err((field::END, why.into_owned()));
        }
    };
    if end <= start {
        return Err((
            field::END,
            rust_i18n::t!("msg.form_ends_before").into_owned(),
        ));
    }
    let url = get(field::URL);
    let track = get(field::TRACK);
    Ok(Session {
        id: fresh_id(state, start),
        title,
        start,
        end,
        room: text::clean(get(field::ROOM)).into_owned(),
        track: (!track.is_empty()).then(|| text::clean(track).into_owned()),
        speakers: get(field::SPEAKERS)
            .split([',', '、', '，'])
            .map(|s| text::clean(s.trim()).into_owned())
            .filter(|s| !s.is_empty())
            .collect(),
        summary: String::new(),
        url: (!url.is_empty()).then(|| text::clean(url).into_owned()),
        day: None,
        adhoc: true,
        removed: false,
        published: Default::default(),
        links: Vec::new(),
    })
}

/// What the end field says.
enum End {
    At(chrono::NaiveTime),
    Length(TimeDelta),
}

/// An end field is a time when written as one (`14:40`, `1440`, `14時40分`), else a length
/// (`40`, `40m`, `1h30m`, `1時間`).
fn end_of(s: &str) -> Option<End> {
    let plain = s.trim();
    let digits = plain.chars().filter(char::is_ascii_digit).count();
    let all_digits = digits == plain.chars().count();
    let looks_like_time = plain.contains([':', '：', '.'])
        || (plain.contains('時') && !plain.contains("時間"))
        || (all_digits && digits == 4);
    if looks_like_time && let Some(t) = entry::time(plain) {
        return Some(End::At(t));
    }
    entry::length(plain).map(End::Length)
}

/// `adhoc-YYYYMMDD-HHMM`, numbered when taken.
fn fresh_id(state: &State, start: DateTime<FixedOffset>) -> String {
    let base = format!("adhoc-{}", start.format("%Y%m%d-%H%M"));
    crate::model::create::unused_id(&base, |id| state.conference.session(id).is_some())
}

/// When a new session on `day` starts unless told otherwise: now rounded down to 5 minutes,
/// when `day` is today; else right after the day's last session (rounded up to 5 minutes), or
/// 10:00 on a day without any.
fn default_start(state: &State, day: NaiveDate) -> Option<chrono::NaiveTime> {
    let local_now = state.conference.local(&state.now);
    if local_now.date_naive() == day {
        let minute = local_now.minute() / 5 * 5;
        return chrono::NaiveTime::from_hms_opt(local_now.hour(), minute, 0);
    }
    let last_end = state
        .conference
        .day_sessions(state.schedule.day)
        .filter(|s| !s.removed)
        .map(|s| s.end)
        .max();
    match last_end {
        Some(end) => {
            let up = (end.timestamp() + 299) / 300 * 300;
            let t = DateTime::from_timestamp(up, 0)?;
            Some(state.conference.local(&t).time())
        }
        None => chrono::NaiveTime::from_hms_opt(10, 0, 0),
    }
}

/// The new conference the form describes, for the app's edge to make and open.
fn new_conference(state: &State, f: &Form) -> Result<Effects, Refused> {
    let name = f.fields[0].trim().to_string();
    if name.is_empty() {
        return Err((0, rust_i18n::t!("msg.form_need_name").into_owned()));
    }
    let today = state.conference.local(&state.now).date_naive();
    let from = entry::date(&f.fields[1], today)
        .ok_or_else(|| (1, rust_i18n::t!("msg.form_bad_from").into_owned()))?;
    let to = if f.fields[2].trim().is_empty() {
        from
    } else {
        entry::date(&f.fields[2], from)
            .ok_or_else(|| (2, rust_i18n::t!("msg.form_bad_to").into_owned()))?
    };
    let dates = Dates { from, to };
    dates
        .check()
        .map_err(|e| (2, capitalised(&e.to_string())))?;
    let tz: chrono_tz::Tz = (f.fields[3].trim().parse())
        .map_err(|_| (3, rust_i18n::t!("msg.form_bad_tz").into_owned()))?;
    let id = f.fields[4].trim();
    Ok(Effects {
        make_conference: Some(super::NewConference {
            name,
            dates,
            tz,
            id: (!id.is_empty()).then(|| id.to_string()),
        }),
        flush: true,
        ..Effects::default()
    })
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|first| first.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
