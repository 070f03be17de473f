//! The status bar: conference, day, the clock in the conference's time zone, whether notes are
//! saved, and a hint or message.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::is_visible;
use super::theme::Theme;
use crate::action::Pane;
use crate::state::{SaveStatus, State};

pub fn render_status(state: &State, theme: Theme, frame: &mut Frame, area: Rect) {
    if !is_visible(area) {
        return;
    }
    let c = &state.conference;
    let day = c
        .days()
        .get(state.day)
        .map(|d| d.format("%a %m/%d").to_string())
        .unwrap_or_default();
    let clock = state.now.with_timezone(&c.tz).format("%H:%M %Z");
    let (save, save_style) = match &state.save {
        SaveStatus::Saved => ("saved".to_string(), theme.status()),
        SaveStatus::Pending => ("saving…".to_string(), theme.status()),
        SaveStatus::Failed(e) => (format!("NOT SAVED: {e}"), theme.error()),
    };
    let hint = if state.focus == Pane::Notes {
        "Esc back · F1 help"
    } else {
        "? help"
    };
    let mut spans = vec![
        Span::raw(format!(" {} · {day} · {clock} · ", c.name)),
        Span::styled(save, save_style),
    ];
    match &state.message {
        Some(m) => spans.push(Span::styled(format!(" · {m}"), theme.error())),
        None => spans.push(Span::raw(format!(" · {hint}"))),
    }
    frame.render_widget(
        Paragraph::new(Line::from(spans)).style(theme.status()),
        area,
    );
}
