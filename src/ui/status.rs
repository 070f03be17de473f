//! The status bar: conference, day, the clock in the conference's time zone, whether notes are
//! saved, and a hint or message.

use rust_i18n::t;

use super::Canvas;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};

use super::theme::Theme;
use super::{draw_lines, is_visible};
use crate::action::Pane;
use crate::state::export::Destination;
use crate::state::{Prompt, PromptKind, SaveStatus, State};
use crate::text::width;

pub fn render_status(state: &State, theme: Theme, frame: &mut Canvas, area: Rect) {
    if !is_visible(area) {
        return;
    }
    if let Some(p) = &state.overlays.prompt {
        return render_prompt(state, p, theme, frame, area);
    }
    let c = &state.conference;
    let day = c
        .days()
        .get(state.schedule.day)
        .map(super::when::day)
        .unwrap_or_default();
    let local = state.now.with_timezone(&c.tz);
    // Away from the conference's days the clock says which day it is too.
    let clock = if c.days().contains(&local.date_naive()) {
        format!("{} {}", super::when::hm(&local), local.offset())
    } else {
        format!(
            "{} {} {}",
            super::when::day(&local),
            super::when::hm(&local),
            local.offset()
        )
    };
    let (save, save_style) = match &state.save {
        SaveStatus::Saved => (t!("ui.saved").into_owned(), theme.status()),
        SaveStatus::Pending => (t!("ui.saving").into_owned(), theme.status()),
        // The reason without the file's path, which is long and always the same folder.
        SaveStatus::Failed(e) => {
            let why = e.rsplit(": ").next().unwrap_or(e);
            let why = crate::text::truncate(why, 40);
            let text = match &state.message {
                Some(_) => t!("ui.not_saved").into_owned(),
                None => t!("ui.not_saved_retrying", why = why).into_owned(),
            };
            (text, theme.error())
        }
    };
    let hint = if state.focus == Pane::Notes {
        t!("ui.hint_notes")
    } else {
        t!("ui.hint_browse")
    };
    let cols = usize::from(area.width);
    if state.access.read_only {
        let banner = format!(" {} ", t!("ui.read_only", why = state.access.reason));
        let after = state.message_text().unwrap_or(&c.name).to_string();
        let room = cols.saturating_sub(width(&banner) + 1);
        let line = Line::from(vec![
            Span::styled(banner, theme.error()),
            Span::raw(format!(" {}", crate::text::truncate(&after, room))),
        ]);
        draw_lines(frame, area, &[line.style(theme.status())]);
        return;
    }
    // A message takes the room of the conference's name and day (which the panes show anyway)
    // when the bar cannot hold them all.
    // The next starred session, from 15 minutes before it: clock and next go together. A
    // message (a reminder's notice among them) needs the room more than the countdown does.
    let next = if state.message_text().is_some() {
        None
    } else {
        crate::model::reminder::next_starred(
            c,
            &state.schedule.starred,
            state.now,
            state.remind_lead,
        )
    };
    let clock = match next {
        Some((s, m)) => {
            let japanese = state.export.default_lang == crate::export::Lang::Ja
                || crate::i18n::current() == crate::export::Lang::Ja;
            let text = crate::model::reminder::status_text(c, s, m, japanese, 48);
            format!("{clock} · {text}")
        }
        None => clock,
    };
    let full = format!(" {} · {day} · {clock} · ", c.name);
    let needs = |m: &str| width(&full) + width(&save) + 3 + width(m);
    // On a narrow bar the conference's name and day give way first (the panes show them), then
    // the clock unless it carries the countdown to the next starred session: whether the notes
    // are saved must not be cut.
    let short = format!(" {clock} · ");
    let lead = match state.message_text() {
        Some(m) if needs(m) > cols => short,
        None if needs(&hint) > cols => short,
        _ => full,
    };
    let lead = if width(&lead) + width(&save) > cols && next.is_none() {
        " ".to_string()
    } else {
        lead
    };
    let room = cols.saturating_sub(width(&lead) + width(&save) + 3);
    let mut spans = vec![Span::raw(lead), Span::styled(save, save_style)];
    // A message cut to the bar ends with "…" (L shows it whole).
    match state.message_text() {
        Some(m) => spans.push(Span::styled(
            format!(" · {}", crate::text::truncate(m, room)),
            theme.error(),
        )),
        None => spans.push(Span::raw(format!(" · {hint}"))),
    }
    draw_lines(frame, area, &[Line::from(spans).style(theme.status())]);
}

/// The prompt replaces the status bar while it is open, with the cursor at the insertion point.
/// A text longer than the bar scrolls so that the cursor stays in view.
fn render_prompt(state: &State, p: &Prompt, theme: Theme, frame: &mut Canvas, area: Rect) {
    // Going to the clipboard, the export has no path to show.
    let no_path;
    let p = if p.kind == PromptKind::Export && state.export.choices.to == Destination::Clipboard {
        no_path = Prompt {
            kind: p.kind,
            text: String::new(),
            cursor: 0,
        };
        &no_path
    } else {
        p
    };
    let replacing = state.export.confirm.as_deref() == Some(p.text.trim());
    let label = match p.kind {
        PromptKind::Filter => t!("ui.prompt_filter"),
        PromptKind::Search => t!("ui.prompt_search"),
        PromptKind::Links => t!("ui.prompt_links"),
        PromptKind::Export if replacing => t!("ui.prompt_replace"),
        PromptKind::Export if state.export.choices.to == Destination::Clipboard => {
            t!("ui.prompt_clipboard")
        }
        PromptKind::Export => t!("ui.prompt_export"),
        PromptKind::MoveTo => t!("ui.prompt_move"),
        PromptKind::Room => t!("ui.prompt_room"),
    };
    let label = label.as_ref();
    let hint = match p.kind {
        PromptKind::Filter => t!("ui.hint_filter"),
        PromptKind::Search => t!("ui.hint_search"),
        PromptKind::Links => t!("ui.hint_links"),
        PromptKind::Export => t!("ui.hint_export"),
        PromptKind::MoveTo => t!("ui.hint_move"),
        PromptKind::Room => t!("ui.hint_room"),
    };
    // Leading text scrolled out of view, so that the cursor fits.
    let room = usize::from(area.width).saturating_sub(width(label) + 2);
    let mut from = 0;
    while from < p.cursor && width(&p.text[from..p.cursor]) > room {
        from = crate::text::next_boundary(&p.text, from);
    }
    // The first grapheme left in view gives way to "…".
    let skip = if from > 0 {
        crate::text::next_boundary(&p.text, from)
    } else {
        0
    };
    let shown = if from > 0 {
        format!("…{}", &p.text[skip..])
    } else {
        p.text.clone()
    };
    let line = Line::from(vec![
        Span::styled(label.to_string(), theme.title()),
        Span::raw(shown),
        Span::styled(hint.into_owned(), theme.dim()),
    ]);
    draw_lines(frame, area, &[line.style(theme.status())]);
    let col = width(label) + usize::from(from > 0) + width(&p.text[skip.min(p.cursor)..p.cursor]);
    let x = area.x + (col as u16).min(area.width.saturating_sub(1));
    frame.set_cursor_position(Position::new(x, area.y));
}
