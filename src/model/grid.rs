//! The timetable grid of a day (`v`): rooms as columns, time down the side, each session a
//! block as tall as it is long. Pure geometry over the sessions the list shows, shared by
//! `update` (moving between blocks, scrolling) and `ui` (drawing).

use chrono::{DateTime, Duration, Timelike, Utc};
use chrono_tz::Tz;

use crate::model::schedule::Conference;

/// Minutes a row of the grid stands for.
pub const MINUTES_PER_ROW: i64 = 10;
/// Columns of the time down the grid's side.
pub const TIME_COLS: u16 = 6;
/// A room's column: at least this wide, wider when the rooms fit.
pub const MIN_ROOM_COLS: u16 = 14;
pub const MAX_ROOM_COLS: u16 = 40;

/// How wide each room's column is in a grid `width` columns wide with `rooms` rooms.
pub fn column_width(width: u16, rooms: usize) -> u16 {
    let share = width.saturating_sub(TIME_COLS) / (rooms.max(1) as u16);
    share.clamp(MIN_ROOM_COLS, MAX_ROOM_COLS)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    /// The day's rooms with a session shown, as the conference lists them.
    pub rooms: Vec<String>,
    /// The time of the first row (the hour before the first session).
    pub start: DateTime<Tz>,
    pub rows: usize,
    /// In start order.
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    /// The session's position in the visible list.
    pub n: usize,
    pub room: usize,
    pub top: usize,
    /// Rows, at least one (a short session's start and title on one row).
    pub height: usize,
}

impl Grid {
    /// The grid of `visible` sessions that fall on day `day` (a filter across days lists others
    /// too; the grid is the day's).
    pub fn new(conference: &Conference, day: usize, visible: &[usize]) -> Grid {
        let sessions = conference.sessions();
        let date = conference.days().get(day).copied();
        let on_day: Vec<(usize, usize)> = visible
            .iter()
            .enumerate()
            .filter(|(_, i)| Some(conference.local(&sessions[**i].start).date_naive()) == date)
            .map(|(n, i)| (n, *i))
            .collect();
        let mut rooms: Vec<String> = Vec::new();
        let listed = conference.rooms.iter();
        let used = |r: &String| on_day.iter().any(|(_, i)| sessions[*i].room == *r);
        for r in listed {
            if used(r) && !rooms.contains(r) {
                rooms.push(r.clone());
            }
        }
        for (_, i) in &on_day {
            if !rooms.contains(&sessions[*i].room) {
                rooms.push(sessions[*i].room.clone());
            }
        }
        let first = on_day
            .iter()
            .map(|(_, i)| conference.local(&sessions[*i].start))
            .min();
        let Some(first) = first else {
            let start = conference.local(&DateTime::<Utc>::UNIX_EPOCH);
            return Grid {
                rooms,
                start,
                rows: 0,
                blocks: Vec::new(),
            };
        };
        let start = first
            .with_minute(0)
            .and_then(|t| t.with_second(0))
            .unwrap_or(first);
        let minutes = |t: DateTime<Tz>| (t - start).num_minutes().max(0);
        // A block runs from the row its session starts in to the row its session ends in; one
        // that would start inside the block before it in its room (a 5-minute welcome, then a
        // talk at :35) starts right after it, so every session has a row of its own.
        let mut by_start: Vec<(usize, usize)> = on_day.clone();
        by_start.sort_by_key(|(_, i)| (sessions[*i].start, sessions[*i].end));
        let mut room_end = vec![0usize; rooms.len()];
        let mut blocks: Vec<Block> = by_start
            .iter()
            .map(|&(n, i)| {
                let s = &sessions[i];
                let room = rooms.iter().position(|r| *r == s.room).unwrap_or(0);
                let natural = (minutes(conference.local(&s.start)) / MINUTES_PER_ROW) as usize;
                let top = natural.max(room_end[room]);
                let end_minutes = minutes(conference.local(&s.end));
                let end = ((end_minutes + MINUTES_PER_ROW - 1) / MINUTES_PER_ROW) as usize;
                // Ten minutes or less: one row, whatever minute it starts on.
                let short = (s.end - s.start).num_minutes() <= MINUTES_PER_ROW;
                let height = if short {
                    1
                } else {
                    end.saturating_sub(top).max(1)
                };
                room_end[room] = top + height;
                Block {
                    n,
                    room,
                    top,
                    height,
                }
            })
            .collect();
        blocks.sort_by_key(|b| (b.top, b.room));
        let rows = blocks.iter().map(|b| b.top + b.height).max().unwrap_or(0) + 1;
        Grid {
            rooms,
            start,
            rows,
            blocks,
        }
    }

    /// The block of the session at position `n` of the visible list.
    pub fn block_of(&self, n: usize) -> Option<&Block> {
        self.blocks.iter().find(|b| b.n == n)
    }

    /// The time row `row` starts at.
    pub fn time_of(&self, row: usize) -> DateTime<Tz> {
        self.start + Duration::minutes(row as i64 * MINUTES_PER_ROW)
    }

    /// The row `t` falls in, if within the grid.
    pub fn row_at(&self, t: DateTime<Utc>) -> Option<usize> {
        let m = (t - self.start.with_timezone(&Utc)).num_minutes();
        (m >= 0 && (m / MINUTES_PER_ROW) < self.rows as i64)
            .then_some((m / MINUTES_PER_ROW) as usize)
    }

    /// The next block in the same room after `from` (or before it), by time.
    pub fn along(&self, from: &Block, forward: bool) -> Option<&Block> {
        let same = self
            .blocks
            .iter()
            .filter(|b| b.room == from.room && b.n != from.n);
        if forward {
            same.filter(|b| b.top > from.top || (b.top == from.top && b.n > from.n))
                .min_by_key(|b| (b.top, b.n))
        } else {
            same.filter(|b| b.top < from.top || (b.top == from.top && b.n < from.n))
                .max_by_key(|b| (b.top, b.n))
        }
    }

    /// The block in the nearest room to the left or right of `from` that has one, the one
    /// closest in time to row `at` (where a run of ←→ started).
    pub fn across(&self, from: &Block, right: bool, at: usize) -> Option<&Block> {
        let rooms: Vec<usize> = if right {
            (from.room + 1..self.rooms.len()).collect()
        } else {
            (0..from.room).rev().collect()
        };
        rooms.into_iter().find_map(|room| {
            self.blocks
                .iter()
                .filter(|b| b.room == room)
                .min_by_key(|b| {
                    let covers = b.top <= at && at < b.top + b.height;
                    (!covers, b.top.abs_diff(at))
                })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_as_tall_as_their_sessions_in_their_rooms_columns() {
        let c = Conference::sample();
        let visible: Vec<usize> = c.day_indices(0).to_vec();
        let g = Grid::new(&c, 0, &visible);
        assert_eq!(g.start.format("%H:%M").to_string(), "09:00");
        assert!(
            g.rooms
                .starts_with(&["Hall A".to_string(), "Room B".to_string()])
        );
        // The keynote, 09:30–10:30: from row 3, six rows tall (10:45–11:25 runs from the 10:40
        // row to the 11:20 one, five rows).
        let keynote = g.blocks.first().unwrap();
        assert_eq!((keynote.top, keynote.height, keynote.room), (3, 6, 0));
        // The 90-minute hands-on, 13:15–14:45, from the 13:10 row to the 14:50 one: ten rows.
        let hands_on = g
            .blocks
            .iter()
            .find(|b| g.rooms[b.room].starts_with("Room D"))
            .unwrap();
        assert_eq!(hands_on.height, 10);
    }

    #[test]
    fn moving_along_a_room_and_across_rooms() {
        let c = Conference::sample();
        let visible: Vec<usize> = c.day_indices(0).to_vec();
        let g = Grid::new(&c, 0, &visible);
        let keynote = *g.blocks.first().unwrap();
        let next = g.along(&keynote, true).unwrap();
        assert_eq!(next.room, keynote.room);
        assert!(next.top > keynote.top);
        assert!(g.along(&keynote, false).is_none());
        let right = g.across(next, true, next.top).unwrap();
        assert_eq!((right.room, right.top), (1, next.top));
        assert_eq!(g.across(right, false, right.top).unwrap().n, next.n);
    }

    #[test]
    fn a_short_welcome_and_the_talk_after_it_each_get_a_row() {
        let at = |m: u32| format!("2026-02-01T10:{m:02}:00+01:00");
        let session = |id: &str, from: u32, to: u32| serde_json::json!({"id": id, "title": id, "start": at(from), "end": at(to), "room": "K"});
        let file = serde_json::json!({
            "version": 1, "id": "f", "name": "F", "time_zone": "Europe/Brussels", "rooms": ["K"],
            "sessions": [session("welcome", 30, 35), session("talk", 35, 59)],
        });
        let c = Conference::from_json(&file.to_string()).unwrap();
        let visible: Vec<usize> = c.day_indices(0).to_vec();
        let g = Grid::new(&c, 0, &visible);
        let rows: Vec<(usize, usize)> = g.blocks.iter().map(|b| (b.top, b.height)).collect();
        // 10:30 welcome on the 10:30 row; the talk from the 10:40 row to 11:00.
        assert_eq!(rows, vec![(3, 1), (4, 2)]);
    }
}
