//! Keystroke to frame: one key through `update` and a full render into an off-screen 200x60
//! buffer, with 10 and with 10,000 bullets in the session being typed into. Rendering lays out
//! only what is on screen, so the two figures should be close.

use std::collections::HashMap;
use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use kaigi::action::Action;
use kaigi::outline::Outline;
use kaigi::schedule::Conference;
use kaigi::state::State;
use kaigi::ui;
use kaigi::update::update;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const WORDS: [&str; 8] = [
    "Kinesis はストリーミング",
    "シャード数でスループットが決まる",
    "Lambda との連携",
    "read the book mentioned",
    "オンデマンドモードなら自動で調整",
    "p99 latency under 10 ms",
    "スライド公開待ち",
    "reference architecture",
];

/// A session's notes with `n` bullets nested up to six levels deep.
fn outline(n: usize, t: DateTime<chrono::FixedOffset>) -> Outline {
    let mut o = Outline::new(t);
    let bullets = (0..n)
        .map(|i| {
            let depth = [0, 1, 2, 3, 4, 5, 3, 1][i % 8];
            let text = format!("{} {i}", WORDS[i % WORDS.len()]);
            o.new_bullet(depth, text, t)
        })
        .collect();
    Outline::from_bullets(bullets, t)
}

/// The app typing into the middle of a session of `n` bullets, and a 200x60 off-screen terminal.
fn setup(n: usize) -> (State, Terminal<TestBackend>) {
    let now: DateTime<Utc> = "2026-12-03T01:50:00Z".parse().unwrap();
    let conference = Conference::sample();
    let id = conference.day_session(0, 1).unwrap().id.clone();
    let local = now.with_timezone(&conference.tz).fixed_offset();
    let notes = HashMap::from([(id, outline(n, local))]);
    let mut state = State::new(conference, notes, now, (200, 60));
    update(&mut state, Action::SelectNext);
    update(&mut state, Action::OpenNotes);
    for _ in 0..n / 2 {
        update(&mut state, Action::Down);
    }
    update(&mut state, Action::End);
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    terminal.draw(|f| ui::render(&state, f)).unwrap();
    (state, terminal)
}

fn keystroke(c: &mut Criterion) {
    let mut group = c.benchmark_group("keystroke_to_frame");
    for n in [10, 10_000] {
        let (mut state, mut terminal) = setup(n);
        group.bench_with_input(BenchmarkId::new("type_char", n), &n, |b, _| {
            b.iter_custom(|iters| {
                let mut spent = Duration::ZERO;
                for _ in 0..iters {
                    let start = Instant::now();
                    update(&mut state, Action::Insert("あ".into()));
                    terminal.draw(|f| ui::render(black_box(&state), f)).unwrap();
                    spent += start.elapsed();
                    // Keep the document the same size from one iteration to the next.
                    update(&mut state, Action::Backspace);
                }
                spent
            })
        });
    }
    group.finish();

    // The two halves apart, to see where the time goes.
    let mut group = c.benchmark_group("keystroke_parts");
    for n in [10, 10_000] {
        let (mut state, mut terminal) = setup(n);
        group.bench_with_input(BenchmarkId::new("update", n), &n, |b, _| {
            b.iter_custom(|iters| {
                let mut spent = Duration::ZERO;
                for _ in 0..iters {
                    let start = Instant::now();
                    update(&mut state, Action::Insert("あ".into()));
                    spent += start.elapsed();
                    update(&mut state, Action::Backspace);
                }
                spent
            })
        });
        group.bench_with_input(BenchmarkId::new("render", n), &n, |b, _| {
            b.iter(|| {
                terminal.draw(|f| ui::render(black_box(&state), f)).unwrap();
            });
        });
    }
    group.finish();
}

criterion_group!(benches, keystroke);
criterion_main!(benches);
