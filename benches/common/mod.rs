//! Shared set-up for the benchmarks: the app state typing into a session of a given size, on an
//! off-screen 200x60 terminal: kaigi's own screen (painting with kept panes, comparing, and
//! encoding the escape sequences, as the app does) writing to nowhere.

#![allow(dead_code)]

pub mod data;

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use kaigi::action::Action;
use kaigi::state::State;
use kaigi::ui;
use kaigi::ui::screen::Screen;
use kaigi::update::update;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub type Off = Screen<std::io::Sink>;

pub const SIZE: (u16, u16) = (200, 60);

/// 09:10 on the first day of the benchmark conference.
pub fn now() -> DateTime<Utc> {
    "2026-12-03T00:10:00Z".parse().unwrap()
}

/// The large conference with `bullets` bullets in its largest session (and the usual 199
/// others), that session open in the editor with the cursor at the end of its middle bullet.
pub fn typing_into(bullets: usize) -> (State, Off) {
    let conference = data::conference();
    let mut notes = data::notes(&conference);
    let start = conference.session(data::LARGEST_SESSION).unwrap().start;
    notes.insert(
        data::LARGEST_SESSION.to_string(),
        data::outline(bullets, start),
    );
    let mut state = State::new(conference, notes, now(), SIZE);
    select(&mut state, data::LARGEST_SESSION);
    update(&mut state, Action::OpenNotes);
    // Opening puts the cursor at the end of the notes; the figures are taken in the middle.
    update(&mut state, Action::First);
    update(&mut state, Action::PageDown);
    for _ in 0..bullets / 2 {
        update(&mut state, Action::Down);
    }
    update(&mut state, Action::End);
    let terminal = terminal(&state);
    (state, terminal)
}

pub fn select(state: &mut State, id: &str) {
    let n = state
        .schedule
        .visible
        .iter()
        .position(|&i| state.conference.sessions()[i].id == id)
        .expect("the session is on the day shown");
    state.schedule.selected = n;
}

pub fn terminal(state: &State) -> Off {
    let mut t = Screen::new(std::io::sink());
    t.draw(state).unwrap();
    t
}

pub fn frame(state: &State, t: &mut Off) {
    t.draw(state).unwrap();
}

/// ratatui's own way, for comparison: every pane drawn and all cells compared each frame.
pub fn ratatui_terminal(state: &State) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).unwrap();
    ratatui_frame(state, &mut t);
    t
}

pub fn ratatui_frame(state: &State, t: &mut Terminal<TestBackend>) {
    t.draw(|f| ui::render(state, f)).unwrap();
}

/// The whole conference and its notes, for search, export and day switching.
pub fn conference_with_notes() -> State {
    let conference = data::conference();
    let notes: HashMap<_, _> = data::notes(&conference);
    State::new(conference, notes, now(), SIZE)
}
