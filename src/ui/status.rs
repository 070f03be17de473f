//! The status bar: conference, day, the clock in the conference's time zone, whether notes are
//! saved, and a hint or message.

use super::Canvas;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};

use super::theme::Theme;
use super::{draw_lines, is_visible};
use crate::action::Pane;
use crate::state::{Prompt, PromptKind, SaveStatus, State};
use crate::text::width;

pub fn render_status(state: &State, theme: Theme, frame: &mut Canvas, area: Rect) {
    if !is_visible(area) {
        return;
    }
    if let Some(p) = &state.prompt {
        return render_prompt(p, theme, frame, area);
    }
    let c = &state.conference;
    let day = c
        .days()
        .get(state.day)
        .map(super::when::day)
        .unwrap_or_default();
    let local = state.now.with_timezone(&c.tz);
    let clock = format!("{} {}", super::when::hm(&local), local.offset());
    let (save, save_style) = match &state.save {
        SaveStatus::Saved => ("saved".to_string(), theme.status()),
        SaveStatus::Pending => ("saving…".to_string(), theme.status()),
        // The reason without the file's path, which is long and always the same folder.
        SaveStatus::Failed(e) => {
            let why = e.rsplit(": ").next().unwrap_or(e);
            let why = crate::text::truncate(why, 40);
            let text = match &state.message {
                Some(_) => "NOT SAVED".to_string(),
                None => format!("NOT SAVED (retrying): {why}"),
            };
            (text, theme.error())
        }
    };
    let hint = if state.focus == Pane::Notes {
        "Esc back · F1 help"
    } else {
        "? help"
    };
    if state.read_only {
        let banner = format!(" READ-ONLY ({}) ", state.read_only_reason);
        let after = state.message_text().unwrap_or(&c.name).to_string();
        let line = Line::from(vec![
            Span::styled(banner, theme.error()),
            Span::raw(format!(" {after}")),
        ]);
        draw_lines(frame, area, &[line.style(theme.status())]);
        return;
    }
    let mut spans = vec![
        Span::raw(format!(" {} · {day} · {clock} · ", c.name)),
        Span::styled(save, save_style),
    ];
    match state.message_text() {
        Some(m) => spans.push(Span::styled(format!(" · {m}"), theme.error())),
        None => spans.push(Span::raw(format!(" · {hint}"))),
    }
    draw_lines(frame, area, &[Line::from(spans).style(theme.status())]);
}

/// The prompt replaces the status bar while it is open, with the cursor at the insertion point.
fn render_prompt(p: &Prompt, theme: Theme, frame: &mut Canvas, area: Rect) {
    let label = match p.kind {
        PromptKind::Filter => " / filter: ",
        PromptKind::Search => " Search notes: ",
        PromptKind::NewSession => " New session, title: ",
        PromptKind::Links => " Links (space between): ",
        PromptKind::Export => " Export the day to: ",
    };
    let hint = match p.kind {
        PromptKind::Filter => "   Enter keeps · Esc clears",
        PromptKind::Search => "   ↑↓ choose · Enter opens · Esc closes",
        PromptKind::NewSession => "   Enter creates · Esc cancels",
        PromptKind::Links => "   Enter saves · Esc cancels",
        PromptKind::Export => "   Enter writes · Esc cancels",
    };
    let line = Line::from(vec![
        Span::styled(label, theme.title()),
        Span::raw(p.text.clone()),
        Span::styled(hint, theme.dim()),
    ]);
    draw_lines(frame, area, &[line.style(theme.status())]);
    let col = width(label) + width(&p.text[..p.cursor]);
    let x = area.x + (col as u16).min(area.width.saturating_sub(1));
    frame.set_cursor_position(Position::new(x, area.y));
}
