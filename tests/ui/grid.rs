//! The timetable grid (issue 19.2) drawn to a TestBackend: the sample day at 80x24 and 200x60,
//! and a 30-room day (FOSDEM-sized) with Japanese titles, overlaps and a long hands-on,
//! scrolled to its right edge.

use crate::common::state;
use crate::render::{draw, screen};
use kaigi::action::Action;
use kaigi::model::schedule::Conference;
use kaigi::state::State;
use kaigi::update::update;

fn grid(w: u16, h: u16) -> State {
    let mut s = state(w, h);
    update(&mut s, Action::ToggleGrid);
    s
}

#[test]
fn grid_80x24() {
    insta::assert_snapshot!(screen(&mut draw(&grid(80, 24))));
}

#[test]
fn grid_200x60() {
    insta::assert_snapshot!(screen(&mut draw(&grid(200, 60))));
}

/// Thirty rooms, each with talks through the day; room 3 has a 3-hour hands-on, room 5 two
/// talks that overlap.
fn thirty_rooms() -> Conference {
    let mut sessions = Vec::new();
    let rooms: Vec<String> = (1..=30).map(|r| format!("Room {r:02}")).collect();
    for (r, room) in rooms.iter().enumerate() {
        for slot in 0..6 {
            let (start, minutes) = match (r, slot) {
                (2, 0) => (9 * 60, 180),
                (2, 1..=2) => continue,
                (4, 1) => (10 * 60 + 15, 40),
                _ => (9 * 60 + slot * 60, 40),
            };
            let at = |m: i64| format!("2026-12-03T{:02}:{:02}:00+09:00", m / 60, m % 60);
            sessions.push(serde_json::json!({
                "id": format!("r{r}-{slot}"),
                "title": if slot % 2 == 0 {
                    format!("クラウドネイティブな分散システムの設計 第{slot}部")
                } else {
                    format!("Observability at scale, part {slot}")
                },
                "start": at(start),
                "end": at(start + minutes),
                "room": room,
                "speakers": ["高橋 誠"],
            }));
        }
    }
    let file = serde_json::json!({
        "version": 1,
        "id": "big-2026",
        "name": "Big Conf 2026",
        "time_zone": "Asia/Tokyo",
        "rooms": rooms,
        "sessions": sessions,
    });
    Conference::from_json(&file.to_string()).unwrap()
}

#[test]
fn grid_with_thirty_rooms_scrolls_both_ways_200x60() {
    let now = chrono::DateTime::parse_from_rfc3339("2026-12-03T10:20:00+09:00").unwrap();
    let mut s = State::new(
        thirty_rooms(),
        std::collections::HashMap::new(),
        now.with_timezone(&chrono::Utc),
        (200, 60),
    );
    update(&mut s, Action::ToggleGrid);
    let first = screen(&mut draw(&s));
    assert!(
        first.contains("Room 01") && !first.contains("Room 30"),
        "{first}"
    );
    for _ in 0..40 {
        update(&mut s, Action::NextDay);
    }
    let right = screen(&mut draw(&s));
    assert!(
        right.contains("Room 30") && !right.contains("Room 01 "),
        "{right}"
    );
    assert!(right.contains('‹'), "{right}");
    for _ in 0..10 {
        update(&mut s, Action::SelectNext);
    }
    insta::assert_snapshot!(screen(&mut draw(&s)));
}

#[test]
fn grid_at_10x3_draws_without_a_panic() {
    let text = screen(&mut draw(&grid(10, 3)));
    assert_eq!(text.lines().count(), 4, "{text}");
}
