//! The disk side: saving the largest session (10,000 bullets: serialise and write atomically,
//! with fsync, as the saver does and, for comparison, built in memory first; the part of it the
//! input thread pays; a key typed while a save holds the notes), and importing a 2,000-event
//! schedule as iCalendar and as frab schedule.json.

#[path = "common/data.rs"]
mod data;

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use kaigi::import::{Options, parse};
use kaigi::model::outline::editor::Editor;
use kaigi::model::outline::file::{NotesFile, SessionMeta, Snapshot};
use kaigi::model::schedule::Conference;
use kaigi::storage::Io;
use kaigi::storage::guard::{Expect, OnChange, Ours, overwrite};

fn save(c: &mut Criterion) {
    let conference = data::conference();
    let s = conference.session(data::LARGEST_SESSION).unwrap();
    let outline = data::outline(data::LARGEST, s.start);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.json");
    let snapshot = Snapshot {
        conference: conference.id.clone(),
        session: s.id.clone(),
        outline: outline.clone(),
        meta: SessionMeta::default(),
        saved_at: s.start,
    };
    // As the saver does it: the JSON streamed from the snapshot into the temp file, the file it
    // replaces (the last one written) hashed in pieces, the atomic exchange, fsyncs.
    let mut known: Option<kaigi::storage::Stamp> = None;
    c.bench_function("save_largest_session", |b| {
        b.iter(|| {
            let held = snapshot.clone();
            let ours = Ours::Stream {
                version: Some(2),
                write: Box::new(move |w| Ok(serde_json::to_writer_pretty(w, &held)?)),
            };
            let expect = known.as_ref().map_or(Expect::Anything, Expect::Known);
            let done = overwrite(&Io::real(), &path, ours, expect, OnChange::KeepTheirs);
            known = Some(done.result.unwrap());
            assert!(done.conflicts.is_empty());
        })
    });
    // The way it was: the file built in memory as a tree of nodes and 2 MB of JSON, then written.
    c.bench_function("save_largest_session_built_in_memory_for_comparison", |b| {
        b.iter(|| {
            let file = NotesFile::new(
                &conference.id,
                &s.id,
                &outline,
                &SessionMeta::default(),
                s.start,
            );
            let json = serde_json::to_vec_pretty(&file).unwrap();
            kaigi::storage::write_atomic(black_box(&path), &json).unwrap();
        })
    });
    // A key typed while the saver holds the notes: the list of pointers and the bullet typed
    // into are copied (it was all 10,000 bullets and their text); then the same key with the
    // notes held by nobody else.
    let editor = Editor::new(outline.clone());
    c.bench_function("key_while_a_save_holds_the_notes", |b| {
        b.iter_batched(
            || editor.clone(),
            |mut e| {
                e.insert("あ");
                e
            },
            BatchSize::SmallInput,
        )
    });
    c.bench_function("key_with_the_notes_held_by_nobody_else", |b| {
        b.iter_batched(
            || {
                let mut e = editor.clone();
                e.insert("x");
                e
            },
            |mut e| {
                e.insert("あ");
                e
            },
            BatchSize::SmallInput,
        )
    });
    // What the input thread pays when a save is due: a snapshot (the bullets are shared), where
    // it used to build the whole file (every bullet copied into a nested tree).
    c.bench_function("save_largest_session_input_thread_part", |b| {
        b.iter(|| Snapshot {
            conference: conference.id.clone(),
            session: s.id.clone(),
            outline: black_box(&outline).clone(),
            meta: SessionMeta::default(),
            saved_at: s.start,
        })
    });
    c.bench_function("save_largest_session_file_copy_for_comparison", |b| {
        b.iter(|| {
            NotesFile::new(
                &conference.id,
                &s.id,
                black_box(&outline),
                &SessionMeta::default(),
                s.start,
            )
        })
    });
}

/// The benchmark conference as an iCalendar file, the way Sessionize writes one.
fn ics(c: &Conference) -> String {
    let mut out = String::from(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:bench\r\nX-WR-CALNAME:Bench\r\nX-WR-TIMEZONE:Asia/Tokyo\r\n",
    );
    for s in c.sessions() {
        let utc = |t: &chrono::DateTime<chrono::FixedOffset>| {
            t.naive_utc().format("%Y%m%dT%H%M%SZ").to_string()
        };
        out.push_str(&format!(
            "BEGIN:VEVENT\r\nUID:{}@bench\r\nDTSTART:{}\r\nDTEND:{}\r\nSUMMARY:{}\r\nLOCATION:{}\r\nDESCRIPTION:{}\r\nEND:VEVENT\r\n",
            s.id,
            utc(&s.start),
            utc(&s.end),
            s.title,
            s.room,
            s.summary
        ));
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

/// The benchmark conference as a frab/pretalx schedule.json.
fn frab(c: &Conference) -> String {
    let days: Vec<serde_json::Value> = c
        .days()
        .iter()
        .enumerate()
        .map(|(d, date)| {
            let mut rooms = serde_json::Map::new();
            for s in c.day_sessions(d) {
                let e = serde_json::json!({
                    "guid": s.id, "id": 1, "date": s.start.to_rfc3339(),
                    "start": s.start.format("%H:%M").to_string(), "duration": "00:40",
                    "room": s.room, "title": s.title, "abstract": s.summary,
                    "persons": s.speakers.iter().map(|p| serde_json::json!({"public_name": p})).collect::<Vec<_>>(),
                });
                rooms.entry(s.room.clone()).or_insert_with(|| serde_json::json!([])).as_array_mut().unwrap().push(e);
            }
            serde_json::json!({"index": d + 1, "date": date.to_string(), "rooms": rooms})
        })
        .collect();
    serde_json::json!({"schedule": {"version": "1", "conference": {
        "acronym": "bench", "title": "Bench", "time_zone_name": "Asia/Tokyo", "days": days}}})
    .to_string()
}

fn import(c: &mut Criterion) {
    let conference = data::conference();
    let ics = ics(&conference);
    let json = frab(&conference);
    let opts = Options::default();
    c.bench_function("import_2000_events_ics", |b| {
        b.iter(|| {
            let i = parse(black_box(&ics), &opts).unwrap();
            Conference::from_file(i.schedule).unwrap().sessions().len()
        })
    });
    c.bench_function("import_2000_events_schedule_json", |b| {
        b.iter(|| {
            let i = parse(black_box(&json), &opts).unwrap();
            Conference::from_file(i.schedule).unwrap().sessions().len()
        })
    });
}

criterion_group!(benches, save, import);
criterion_main!(benches);
