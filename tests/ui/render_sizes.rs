//! The screen renders at every terminal size from 1×1 to 300×100 without panicking, in every
//! state that draws something different: the schedule focused, the notes focused with a long
//! Japanese outline, the follow-up list, the help overlay, the filter prompt, the search overlay
//! and the conference picker. Wherever the terminal cursor is shown, it lies inside the screen.
//!
//! Each state is taken from size to size by `Action::Resize`, as the app is when the terminal
//! changes size, and drawn by one `Terminal` over a `TestBackend` resized to match (the same
//! autoresize path the real terminal takes, and cheaper than a new `Terminal` per size).
//!
//! Which sizes: a frame costs about 2 ms (tiny) to 10 ms (large) in a debug build, so all 30,000
//! sizes for seven states would take half an hour. By default each state is drawn at
//! - every size up to 32×16, where the layout's arithmetic is tightest (borders, headers and
//!   panes collapsing, widths of one or two columns);
//! - every width 1..=300 at height 24 and at one more height per state (1, 2, 5, 6, 13, 14, 100:
//!   the rows where the status bar, the pane borders, the notes header and the split layout
//!   appear);
//! - every height 1..=100 at width 80 and at one more width per state (1, 3, 20, 69, 70, 71,
//!   300: around the split layout's breakpoint, the gutter, the extremes);
//! - a strided grid over the whole range (every 23rd width × every 9th height, offset per state,
//!   so that together the states touch different sizes), and 300×100 itself;
//!
//! about 1,400 frames a state, 20 s or so for the file on two cores.
//!
//! Set `KAIGI_RENDER_ALL_SIZES=1` to draw every one of the 30,000 sizes for every state instead;
//! optimised with the checks a debug build makes, that takes about a minute:
//!
//! ```sh
//! CARGO_PROFILE_RELEASE_OVERFLOW_CHECKS=true CARGO_PROFILE_RELEASE_DEBUG_ASSERTIONS=true \
//!     KAIGI_RENDER_ALL_SIZES=1 cargo test --release --test ui render_sizes
//! ```

use crate::common::{self};
use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use kaigi::action::{Action, Pane, System};
use kaigi::state::State;
use kaigi::storage::ConferenceSummary;
use kaigi::ui;
use kaigi::update::update;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use talk::{act, take_notes, typed};

use crate::talk;

const MAX_W: u16 = 300;
const MAX_H: u16 = 100;

/// The height every width is drawn at in every state, and one more per state (by index).
const HEIGHT: u16 = 24;
const EXTRA_HEIGHTS: [u16; 7] = [13, 100, 14, 2, 1, 5, 6];
/// The width every height is drawn at in every state, and one more per state (by index).
const WIDTH: u16 = 80;
const EXTRA_WIDTHS: [u16; 7] = [69, 20, 71, 1, 300, 3, 70];
/// Every size up to this one is drawn.
const SMALL: (u16, u16) = (32, 16);

fn state() -> State {
    common::state(120, 40)
}

/// The talk's notes from `tests/render.rs`, plus enough long lines and nesting that the outline
/// wraps and scrolls at every size.
fn take_long_notes(s: &mut State) {
    use Action::*;
    take_notes(s);
    for depth in 0..12 {
        act(s, [Split, Indent]);
        act(
            s,
            typed(&format!(
                "深さ {depth}: 長い行が折り返されても落ちないこと🎉 "
            )),
        );
    }
    act(s, [Split]);
    act(s, typed(&"ストリーム処理".repeat(30)));
}

fn summary(id: &str, name: &str, sessions: usize) -> ConferenceSummary {
    ConferenceSummary {
        folder: id.into(),
        id: id.into(),
        name: name.into(),
        first_day: NaiveDate::from_ymd_opt(2026, 12, 3),
        last_day: NaiveDate::from_ymd_opt(2026, 12, 4),
        sessions,
        sessions_with_notes: 2,
        bullets: 40,
    }
}

/// The states to draw, each named for the failure message.
fn states() -> Vec<(&'static str, State)> {
    let schedule = state();

    let mut notes = state();
    take_long_notes(&mut notes);

    let mut followups = notes.clone();
    act(&mut followups, [Action::Focus(Pane::FollowUps)]);

    let mut help = state();
    act(&mut help, [Action::ToggleHelp]);

    let mut filter = state();
    act(&mut filter, [Action::StartFilter]);
    act(&mut filter, typed("kinesis ストリーム"));

    let mut search = notes.clone();
    act(&mut search, [Action::LeaveNotes, Action::StartSearch]);
    act(&mut search, typed("kinesis"));

    let mut picker = state();
    let mut items = vec![
        summary("kumo-summit-2026", "Kumo Summit Tokyo 2026", 33),
        summary("camp2019", "Chaos Communication Camp 2019", 79),
        summary(
            "long",
            &"とても長い名前の国際カンファレンス".repeat(8),
            1_000_000,
        ),
    ];
    items.extend((0..40).map(|i| summary(&format!("c{i}"), &format!("Conference {i}"), i)));
    act(
        &mut picker,
        [Action::System(System::ConferencesListed(items))],
    );

    let states = vec![
        ("schedule", schedule),
        ("notes", notes),
        ("follow-ups", followups),
        ("help", help),
        ("filter", filter),
        ("search", search),
        ("picker", picker),
    ];
    // The states really are the ones named.
    let by_name: HashMap<&str, &State> = states.iter().map(|(n, s)| (*n, s)).collect();
    assert_eq!(by_name["notes"].focus, Pane::Notes);
    assert!(by_name["notes"].selected_notes().unwrap().outline.len() > 20);
    assert_eq!(by_name["follow-ups"].focus, Pane::FollowUps);
    assert!(by_name["help"].overlays.help);
    assert!(by_name["filter"].overlays.prompt.is_some());
    assert!(by_name["search"].overlays.search.is_some());
    assert!(by_name["picker"].overlays.picker.is_some());
    states
}

/// The sizes to draw state number `n` at (see the module comment), in order.
fn sizes(n: usize) -> Vec<(u16, u16)> {
    if std::env::var_os("KAIGI_RENDER_ALL_SIZES").is_some_and(|v| v != "0") {
        return (1..=MAX_W)
            .flat_map(|w| (1..=MAX_H).map(move |h| (w, h)))
            .collect();
    }
    let mut set = BTreeSet::new();
    for w in 1..=SMALL.0 {
        set.extend((1..=SMALL.1).map(|h| (w, h)));
    }
    for h in [HEIGHT, EXTRA_HEIGHTS[n]] {
        set.extend((1..=MAX_W).map(|w| (w, h)));
    }
    for w in [WIDTH, EXTRA_WIDTHS[n]] {
        set.extend((1..=MAX_H).map(|h| (w, h)));
    }
    let offset = n as u16;
    for w in (1 + offset..=MAX_W).step_by(23) {
        set.extend((1 + offset..=MAX_H).step_by(9).map(|h| (w, h)));
    }
    set.insert((MAX_W, MAX_H));
    set.into_iter().collect()
}

/// Resizes `s` and the terminal to `w`×`h`, draws, and checks the cursor.
fn draw_at(name: &str, t: &mut Terminal<TestBackend>, s: &mut State, w: u16, h: u16) {
    update(s, Action::Resize(w, h));
    t.backend_mut().resize(w, h);
    let drawn = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        t.draw(|f| ui::render(s, f)).unwrap().area
    }));
    let area = drawn.unwrap_or_else(|e| {
        let why = e.downcast_ref::<String>().map(String::as_str);
        let why = why.or_else(|| e.downcast_ref::<&str>().copied());
        panic!("{name} at {w}x{h}: render panicked: {}", why.unwrap_or("?"))
    });
    assert_eq!(
        (area.width, area.height),
        (w, h),
        "{name}: the frame has the terminal's size"
    );
    let backend = t.backend();
    if backend.cursor_visible() {
        let c = backend.cursor_position();
        assert!(
            c.x < w && c.y < h,
            "{name} at {w}x{h}: cursor at {},{} is outside the screen",
            c.x,
            c.y
        );
    }
}

fn run(n: usize) {
    let (name, mut s) = states().swap_remove(n);
    let mut t = Terminal::new(TestBackend::new(1, 1)).unwrap();
    for (w, h) in sizes(n) {
        draw_at(name, &mut t, &mut s, w, h);
    }
}

#[test]
fn schedule_at_every_size() {
    run(0);
}

#[test]
fn notes_at_every_size() {
    run(1);
}

#[test]
fn followups_at_every_size() {
    run(2);
}

#[test]
fn help_at_every_size() {
    run(3);
}

#[test]
fn filter_prompt_at_every_size() {
    run(4);
}

#[test]
fn search_at_every_size() {
    run(5);
}

#[test]
fn picker_at_every_size() {
    run(6);
}

/// The editor's cursor is shown at sizes where the notes pane has room (so the check above is
/// not vacuous).
#[test]
fn notes_cursor_is_shown_where_there_is_room() {
    let (name, mut s) = states().swap_remove(1);
    let mut t = Terminal::new(TestBackend::new(1, 1)).unwrap();
    for (w, h) in [(80, 24), (120, 40), (300, 100)] {
        draw_at(name, &mut t, &mut s, w, h);
        assert!(t.backend().cursor_visible(), "{w}x{h}");
    }
}
