//! What every layer's tests share: the pretend instant, the sample conference's state, and
//! outlines written as sketches.
#![allow(dead_code)]

pub mod damage;
pub mod sketch;

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, Utc};
use kaigi::model::schedule::Conference;
use kaigi::state::State;

/// 10:50 in Tokyo on the first day of the sample conference, during its second talk.
pub fn now() -> DateTime<Utc> {
    local_now().with_timezone(&Utc)
}

/// [`now`] with the conference's UTC offset.
pub fn local_now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-12-03T10:50:00+09:00").unwrap()
}

/// The sample conference at [`now`] on a `w`x`h` terminal.
pub fn state(w: u16, h: u16) -> State {
    State::new(Conference::sample(), HashMap::new(), now(), (w, h))
}

/// A buffer row as a person reads it: a wide character's second cell is not a space.
pub fn row_text(buf: &ratatui::buffer::Buffer, y: u16) -> String {
    let mut out = String::new();
    let mut x = 0;
    while x < buf.area.width {
        let sym = buf[(x, y)].symbol();
        out.push_str(sym);
        x += unicode_width::UnicodeWidthStr::width(sym).max(1) as u16;
    }
    out
}

/// Every row of the frame `state` draws on a terminal of its size.
pub fn screen_rows(state: &State) -> Vec<String> {
    let (w, h) = state.size;
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    t.draw(|f| kaigi::ui::render(state, f)).unwrap();
    let buf = t.backend().buffer();
    (0..h).map(|y| row_text(buf, y)).collect()
}
