#![allow(dead_code)]
//! A large, realistic data set for benchmarks: a 4-day conference with 2,000 sessions in
//! 10 rooms, 200 of them with notes, the largest holding 10,000 bullets, Japanese and English
//! mixed, nested up to six levels, with follow-ups and paragraphs. Deterministic, so figures from
//! different runs compare. `cargo run --release --example bench_data -- DIR` writes it to a data
//! directory (for `benches/pty.sh`).

use std::collections::HashMap;

use chrono::{DateTime, Duration, FixedOffset};

use kaigi::model::outline::file::{NotesFile, SessionMeta};
use kaigi::model::outline::{FollowUp, Kind, Outline};
use kaigi::model::schedule::{Conference, SCHEDULE_VERSION, ScheduleFile, Session};
use kaigi::storage::{StorageError, Store, write_atomic};

pub const DAYS: usize = 4;
pub const SESSIONS: usize = 2_000;
pub const ROOMS: usize = 10;
pub const WITH_NOTES: usize = 200;
pub const LARGEST: usize = 10_000;
/// The session holding the largest notes: the first of day one, so the app opened at 09:10 on
/// that day selects it.
pub const LARGEST_SESSION: &str = "s0000";

const PHRASES: [&str; 12] = [
    "Kinesis はストリーミング",
    "シャード数でスループットが決まる",
    "Lambda との連携はバッチサイズに注意",
    "read the book mentioned in the talk",
    "オンデマンドモードなら自動で調整",
    "p99 latency under 10 ms with provisioned concurrency",
    "スライド公開待ち",
    "find the reference architecture",
    "運用の話が具体的で参考になった。来年も聞きたい",
    "Kubernetes の Pod 数を HPA で制御",
    "cost went down 40% after moving to Graviton",
    "質疑: マルチリージョン構成はどうしているか",
];

/// The conference: a slot every 15 minutes from 09:00, ten rooms in parallel, talks of 40
/// minutes (so slots overlap, as parallel workshops do), Asia/Tokyo.
pub fn conference() -> Conference {
    let day0: DateTime<FixedOffset> = "2026-12-03T09:00:00+09:00".parse().expect("valid");
    let per_day = SESSIONS / DAYS;
    let sessions = (0..SESSIONS)
        .map(|i| {
            let (day, n) = (i / per_day, i % per_day);
            let start =
                day0 + Duration::days(day as i64) + Duration::minutes(15 * (n / ROOMS) as i64);
            Session {
                id: format!("s{i:04}"),
                title: format!("{} ({i})", PHRASES[i % PHRASES.len()]),
                start,
                end: start + Duration::minutes(40),
                room: format!("Room {}", (b'A' + (n % ROOMS) as u8) as char),
                track: Some(["Data", "AI", "SRE", "Security"][i % 4].to_string()),
                speakers: vec![format!("登壇者 {i}"), format!("Speaker {i}")],
                summary: PHRASES[(i + 3) % PHRASES.len()].repeat(3),
                url: Some(format!("https://bench.example/s/{i}")),
                day: None,
                adhoc: false,
                removed: false,
                published: Default::default(),
                links: Vec::new(),
            }
        })
        .collect();
    let file = ScheduleFile {
        version: SCHEDULE_VERSION,
        id: "bench-summit".into(),
        name: "Bench Summit 2026".into(),
        time_zone: "Asia/Tokyo".into(),
        rooms: (0..ROOMS)
            .map(|r| format!("Room {}", (b'A' + r as u8) as char))
            .collect(),
        dates: None,
        source: None,
        sessions,
    };
    Conference::from_file(file).expect("the generated schedule is valid")
}

/// An outline of `n` bullets nested up to six levels, a follow-up every 25th, a paragraph
/// every 40th.
pub fn outline(n: usize, start: DateTime<FixedOffset>) -> Outline {
    let mut o = Outline::new(start);
    let bullets = (0..n)
        .map(|i| {
            let depth = [0, 1, 2, 3, 4, 5, 3, 2, 1, 1][i % 10];
            let text = format!("{} {i}", PHRASES[i % PHRASES.len()]);
            let created = start + Duration::seconds((i % 2400) as i64);
            let mut b = o.new_bullet(depth, text, created);
            if i % 25 == 24 {
                b.follow_up = Some(if i % 50 == 49 {
                    FollowUp::Done
                } else {
                    FollowUp::Open
                });
            }
            if i % 40 == 0 && depth == 0 {
                b.kind = Kind::Paragraph;
            }
            b
        })
        .collect();
    Outline::from_bullets(bullets, start)
}

/// Notes for 200 sessions: the largest with 10,000 bullets, the others with 20 to 120.
pub fn notes(conference: &Conference) -> HashMap<String, Outline> {
    notes_for(conference, WITH_NOTES)
}

/// Notes for `count` sessions (at most all of them), spread over the conference; the largest
/// as in [`notes`].
pub fn notes_for(conference: &Conference, count: usize) -> HashMap<String, Outline> {
    let count = count.clamp(1, SESSIONS);
    let stride = SESSIONS / count;
    (0..count)
        .map(|k| {
            let i = k * stride;
            let s = &conference.sessions()[i];
            let n = if s.id == LARGEST_SESSION {
                LARGEST
            } else {
                20 + (k * 37) % 100
            };
            (s.id.clone(), outline(n, s.start))
        })
        .collect()
}

/// Writes the data set into a data directory, with notes files for `count` sessions.
pub fn write(store: &Store, count: usize) -> Result<(), StorageError> {
    let conference = conference();
    store.save_conference(&conference)?;
    let meta = SessionMeta::default();
    for (id, outline) in notes_for(&conference, count) {
        let saved_at = conference
            .session(&id)
            .map_or_else(Default::default, |s| s.end);
        let file = NotesFile::new(&conference.id, &id, &outline, &meta, saved_at);
        let json = serde_json::to_vec_pretty(&file).expect("notes serialise");
        write_atomic(&store.notes_path(&conference.id, &id), &json)?;
    }
    Ok(())
}
