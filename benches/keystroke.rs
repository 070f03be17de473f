//! Keystroke to frame: one key through `update` and a full render into an off-screen 200x60
//! terminal, with 10, 1,000 and 10,000 bullets in the session typed into (and 199 other sessions
//! with notes around it). Rendering lays out only what is on screen, so the figures should be
//! close. Also the structure keys, undo, a 1,000-line paste and a page scroll at 10,000 bullets.

mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use kaigi::action::Action;
use kaigi::update::update;

/// Times `act` + a frame, then runs `undo` untimed so every iteration starts from the same
/// document.
fn timed(
    b: &mut criterion::Bencher,
    state: &mut kaigi::state::State,
    terminal: &mut common::Off,
    act: &dyn Fn() -> Vec<Action>,
    undo: &dyn Fn() -> Vec<Action>,
) {
    b.iter_custom(|iters| {
        let mut spent = Duration::ZERO;
        for _ in 0..iters {
            let actions = act();
            let start = Instant::now();
            for a in actions {
                update(state, a);
            }
            common::frame(black_box(state), terminal);
            spent += start.elapsed();
            for a in undo() {
                update(state, a);
            }
        }
        spent
    })
}

fn keystroke(c: &mut Criterion) {
    let mut group = c.benchmark_group("keystroke_to_frame");
    for n in [10, 1_000, 10_000] {
        let (mut state, mut terminal) = common::typing_into(n);
        group.bench_with_input(BenchmarkId::new("type_char", n), &n, |b, _| {
            timed(
                b,
                &mut state,
                &mut terminal,
                &|| vec![Action::Insert("あ".into())],
                &|| vec![Action::Backspace],
            )
        });
    }
    group.finish();

    let mut group = c.benchmark_group("at_10000_bullets");
    let (mut state, mut terminal) = common::typing_into(10_000);
    let undo = || vec![Action::Undo];
    group.bench_function("enter", |b| {
        timed(b, &mut state, &mut terminal, &|| vec![Action::Split], &undo)
    });
    group.bench_function("tab", |b| {
        timed(
            b,
            &mut state,
            &mut terminal,
            &|| vec![Action::Indent],
            &undo,
        )
    });
    group.bench_function("undo", |b| {
        timed(
            b,
            &mut state,
            &mut terminal,
            &|| vec![Action::Undo],
            &|| vec![Action::Redo],
        )
    });
    let paste: String = (0..1_000)
        .map(|i| format!("{}- 貼り付けた行 {i} pasted line\n", "  ".repeat(i % 4)))
        .collect();
    group.bench_function("paste_1000_lines", |b| {
        timed(
            b,
            &mut state,
            &mut terminal,
            &|| vec![Action::Paste(paste.clone())],
            &undo,
        )
    });
    group.bench_function("page_down", |b| {
        timed(
            b,
            &mut state,
            &mut terminal,
            &|| vec![Action::PageDown],
            &|| vec![Action::PageUp],
        )
    });
    group.finish();
}

fn parts(c: &mut Criterion) {
    let mut group = c.benchmark_group("keystroke_parts");
    for n in [10, 10_000] {
        let (mut state, mut terminal) = common::typing_into(n);
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
            b.iter(|| common::frame(black_box(&state), &mut terminal));
        });
    }
    group.finish();
}

criterion_group!(benches, keystroke, parts);
criterion_main!(benches);
