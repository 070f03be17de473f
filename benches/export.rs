//! Exporting a whole 4-day conference with 10,000 bullets of notes to Markdown.

use std::collections::HashMap;
use std::hint::black_box;

use chrono::{DateTime, Duration, FixedOffset};
use criterion::{Criterion, criterion_group, criterion_main};
use kaigi::export::{Days, Lang, Notes, Options, markdown};
use kaigi::outline::{FollowUp, Outline};
use kaigi::schedule::{Conference, SCHEDULE_VERSION, ScheduleFile, Session};

/// 4 days x 50 sessions, 50 bullets of notes in each of the 200 sessions.
fn conference() -> (Conference, HashMap<String, Outline>) {
    let day0: DateTime<FixedOffset> = "2026-12-01T09:00:00+09:00".parse().unwrap();
    let mut sessions = Vec::new();
    let mut notes = HashMap::new();
    for d in 0..4 {
        for n in 0..50 {
            let start = day0 + Duration::days(d) + Duration::minutes(10 * n);
            let id = format!("d{d}-{n}");
            let mut o = Outline::new(start);
            let bullets = (0..50)
                .map(|i| {
                    let depth = [0, 1, 2, 3, 2, 1][i % 6];
                    let text = format!("Kinesis のシャード {i}: *limits* https://example.com/{i}");
                    let mut b = o.new_bullet(depth, text, start);
                    if i % 10 == 9 {
                        b.follow_up = Some(FollowUp::Open);
                    }
                    b
                })
                .collect();
            notes.insert(id.clone(), Outline::from_bullets(bullets, start));
            sessions.push(Session {
                id,
                title: format!("セッション {d}-{n}"),
                start,
                end: start + Duration::minutes(40),
                room: format!("Room {}", n % 5),
                track: None,
                speakers: vec!["山田 太郎".into()],
                summary: String::new(),
                url: None,
                day: None,
                adhoc: false,
                removed: false,
            });
        }
    }
    let file = ScheduleFile {
        version: SCHEDULE_VERSION,
        id: "big".into(),
        name: "Big Conference".into(),
        time_zone: "Asia/Tokyo".into(),
        rooms: Vec::new(),
        sessions,
    };
    (Conference::from_file(file).unwrap(), notes)
}

fn export(c: &mut Criterion) {
    let (conference, outlines) = conference();
    let refs: HashMap<String, &Outline> = outlines.iter().map(|(k, v)| (k.clone(), v)).collect();
    let meta = HashMap::new();
    let notes = Notes {
        outlines: &refs,
        meta: &meta,
    };
    let opts = Options {
        days: Days::All,
        session: None,
        followups_section: true,
        timestamps: false,
        lang: Lang::En,
    };
    c.bench_function("export_4_days_10000_bullets", |b| {
        b.iter(|| markdown(black_box(&conference), &notes, &opts).len())
    });
}

criterion_group!(benches, export);
criterion_main!(benches);
