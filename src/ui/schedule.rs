//! The Schedule pane: a day switcher and the day's sessions grouped by time slot (the time shows
//! once per slot), each with its room, title and speakers; marks for stars, notes, clashes among
//! starred sessions, sessions running now, and a line at the current time.

use rust_i18n::t;

use super::Canvas;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use super::{draw_lines, draw_pane, focused, is_visible};
use crate::action::Pane;
use crate::model::dayview::{self, Row};
use crate::state::State;
use crate::state::layout;
use crate::text::{truncate, width};

/// Widest room column; longer room names are cut.
const ROOM_COLS: usize = 8;
/// Columns before the room: "10:45 " and three marks (star, notes, clash or now).
const LEAD_COLS: usize = 10;
/// The length column after the title: " 1h30".
const LENGTH_COLS: usize = 5;

pub fn render_schedule(state: &State, theme: Theme, frame: &mut Canvas, area: Rect) {
    if !is_visible(area) {
        return;
    }
    let focus = focused(state, Pane::Schedule);
    let title = match state.schedule.filter.label() {
        l if l.is_empty() => t!("ui.schedule").into_owned(),
        l => format!("{} · {l}", t!("ui.schedule")),
    };
    draw_pane(frame, theme, &title, 1, focus, area);
    let inside = layout::inner(area);
    if inside.height == 0 {
        return;
    }
    draw_lines(
        frame,
        inside,
        &[day_switcher(state, theme, usize::from(inside.width))],
    );
    let list = layout::schedule_list(area);
    if state.schedule.grid && !state.schedule.visible.is_empty() {
        super::grid::render_grid(state, theme, frame, list, focus);
        return;
    }
    if state.schedule.visible.is_empty() {
        let room_only = state.schedule.filter.room.as_ref().filter(|_| {
            state.schedule.filter.text.trim().is_empty() && !state.schedule.filter.starred_only
        });
        let room_why = room_only.map(|r| t!("ui.no_session_in_room", room = r).into_owned());
        let why: Vec<String> = if let Some(w) = room_why {
            vec![w, t!("ui.every_room_hint").into_owned()]
        } else if state.schedule.filter.is_active() {
            vec![t!("ui.nothing_matches").into_owned()]
        } else {
            vec![
                t!("ui.no_sessions_day").into_owned(),
                t!("ui.n_adds").into_owned(),
            ]
        };
        let lines: Vec<Line> = why
            .into_iter()
            .map(|w| Line::styled(w, theme.dim()))
            .collect();
        draw_lines(frame, list, &lines);
        return;
    }
    let rows = dayview::rows(
        &state.conference,
        state.schedule.day,
        &state.schedule.visible,
        state.now,
    );
    let height = usize::from(list.height);
    let selected_row = dayview::row_of(&rows, state.schedule.selected);
    let mut top = state.schedule.top.min(rows.len().saturating_sub(1));
    if selected_row < top {
        top = selected_row;
    } else if height > 0 && selected_row >= top + height {
        top = selected_row + 1 - height;
    }
    let clash = dayview::conflicts(
        &state.conference,
        &state.schedule.visible,
        &state.schedule.starred,
    );
    let ctx = RowContext {
        state,
        theme,
        focus,
        clash,
        width: usize::from(list.width),
        room_cols: room_cols(state),
    };
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(top)
        .take(height)
        .map(|(r, row)| match *row {
            Row::Now => ctx.now_line(),
            Row::Day(d) => ctx.day_line(d),
            // The first row shown says its time even when its slot began above it.
            Row::Session(n) => ctx.session_line(n, r > top && same_slot(state, &rows, r)),
        })
        .collect();
    draw_lines(frame, list, &lines);
}

fn room_cols(state: &State) -> usize {
    state
        .schedule
        .visible
        .iter()
        .map(|&i| width(&state.conference.sessions()[i].room))
        .max()
        .unwrap_or(0)
        .clamp(4, ROOM_COLS)
}

/// Whether row `r` starts when the session on the row above does (its time is not repeated).
fn same_slot(state: &State, rows: &[Row], r: usize) -> bool {
    match (rows[r - 1], rows[r]) {
        (Row::Session(a), Row::Session(b)) => {
            let s = state.conference.sessions();
            s[state.schedule.visible[a]].start == s[state.schedule.visible[b]].start
        }
        _ => false,
    }
}

struct RowContext<'a> {
    state: &'a State,
    theme: Theme,
    focus: bool,
    clash: std::collections::HashSet<usize>,
    width: usize,
    room_cols: usize,
}

impl RowContext<'_> {
    fn session_line(&self, n: usize, repeat_slot: bool) -> Line<'static> {
        let (state, theme) = (self.state, self.theme);
        let s = &state.conference.sessions()[state.schedule.visible[n]];
        let time = if repeat_slot {
            "     ".to_string()
        } else {
            super::when::hm(&state.conference.local(&s.start))
        };
        let running = s.start <= state.now && state.now < s.end;
        let time_style = if running {
            theme
                .time()
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        } else {
            theme.time()
        };
        let star = if state.schedule.starred.contains(&s.id) {
            "★"
        } else {
            " "
        };
        let has_notes = state
            .notes
            .get(&s.id)
            .is_some_and(|e| !e.outline.is_empty());
        // Not read yet (just after start): a dot, not a blank that would say "no notes".
        let notes = match (has_notes, state.notes_loading) {
            (true, _) => "✎",
            (false, true) if !state.notes.contains_key(&s.id) => ".",
            _ => " ",
        };
        let clashes = self.clash.contains(&n);
        let ad_hoc;
        let room_text = if s.room.is_empty() && s.adhoc {
            ad_hoc = t!("ui.ad_hoc");
            ad_hoc.as_ref()
        } else {
            s.room.as_str()
        };
        let room = truncate(room_text, self.room_cols);
        let pad = " ".repeat(self.room_cols.saturating_sub(width(&room)));
        // The length only where the title keeps 24 columns (not in the narrow pane beside the
        // notes being typed).
        let before_length = self.width.saturating_sub(LEAD_COLS + self.room_cols + 1);
        let length_cols = if before_length >= 24 + LENGTH_COLS {
            LENGTH_COLS
        } else {
            0
        };
        let title_cols = before_length - length_cols;
        // Said before the title, where a narrow pane cannot cut it off.
        let title = if s.removed {
            t!("ui.removed_title", title = s.title).into_owned()
        } else {
            s.title.clone()
        };
        let title = truncate(&title, title_cols).into_owned();
        let rest = title_cols.saturating_sub(width(&title) + 2);
        let speakers = if rest > 3 && !s.speakers.is_empty() {
            format!("  {}", truncate(&s.speakers.join(", "), rest))
        } else {
            String::new()
        };
        // The length, right-aligned at the row's end: a 13:15–14:45 hands-on reads "1h30".
        let fill = title_cols.saturating_sub(width(&title) + width(&speakers));
        let length = if length_cols > 0 {
            // Padded by columns: "40分" is three characters and four columns.
            let l = super::when::length(s);
            let pad = LENGTH_COLS.saturating_sub(width(&l));
            format!("{}{l}", " ".repeat(fill + pad))
        } else {
            String::new()
        };
        let title_style = if s.removed {
            theme.dim().add_modifier(Modifier::CROSSED_OUT)
        } else {
            ratatui::style::Style::new()
        };
        let line = Line::from(vec![
            Span::styled(time, time_style),
            Span::raw(" "),
            Span::styled(star, theme.follow_up_open()),
            Span::styled(notes, theme.marker()),
            // Styled only when shown: an error style on a blank is a red (or, without colour,
            // a reversed) cell on every row.
            if clashes {
                Span::styled("!", theme.error())
            } else if s.removed {
                // Gone from the programme (kept for its notes or star): a mark any width shows.
                Span::styled("×", theme.dim())
            } else {
                Span::raw(" ")
            },
            Span::raw(" "),
            Span::styled(format!("{room}{pad}"), theme.room()),
            Span::raw(" "),
            Span::styled(title, title_style),
            Span::styled(speakers, theme.dim()),
            Span::styled(length, theme.dim()),
        ]);
        if n != state.schedule.selected {
            return line;
        }
        line.style(if self.focus {
            theme.selected()
        } else {
            theme.selected_unfocused()
        })
    }

    /// The heading over another day's matches for the filter (Enter on one goes to its day).
    fn day_line(&self, d: usize) -> Line<'static> {
        let day = self.state.conference.days().get(d);
        let label = format!(
            "── {} ",
            t!(
                "ui.also_day",
                day = day.map(super::when::day).unwrap_or_default()
            )
        );
        let fill = "─".repeat(self.width.saturating_sub(width(&label)));
        Line::styled(format!("{label}{fill}"), self.theme.title())
    }

    fn now_line(&self) -> Line<'static> {
        let now = super::when::hm(&self.state.conference.local(&self.state.now));
        let label = format!("── {} ", t!("ui.now_line", now = now));
        let fill = "─".repeat(self.width.saturating_sub(width(&label)));
        Line::styled(format!("{label}{fill}"), self.theme.now())
    }
}

/// The days as tabs, scrolled so that the day shown is in view (`‹` and `›` say that more days
/// lie beyond the pane's edges).
fn day_switcher(state: &State, theme: Theme, cols: usize) -> Line<'static> {
    let today = state.conference.local(&state.now).date_naive();
    let labels: Vec<String> = state
        .conference
        .days()
        .iter()
        .map(|d| {
            let mark = if *d == today { "•" } else { "" };
            format!(" {}{mark} ", super::when::day(d))
        })
        .collect();
    let w = |range: std::ops::Range<usize>| labels[range].iter().map(|l| width(l)).sum::<usize>();
    // The first day in view: as far left as lets the day shown fit, with room for the arrows.
    let mut first = 0;
    while first < state.schedule.day && w(first..state.schedule.day + 1) + 2 > cols {
        first += 1;
    }
    let mut spans = Vec::new();
    if first > 0 {
        spans.push(Span::styled("‹", theme.dim()));
    }
    let mut used = usize::from(first > 0);
    for (i, label) in labels.iter().enumerate().skip(first) {
        if used + width(label) > cols.saturating_sub(1) && i > state.schedule.day {
            spans.push(Span::styled("›", theme.dim()));
            break;
        }
        used += width(label);
        spans.push(if i == state.schedule.day {
            Span::styled(
                label.clone(),
                theme.title().patch(theme.selected_unfocused()),
            )
        } else {
            Span::styled(label.clone(), theme.dim())
        });
    }
    Line::from(spans)
}
