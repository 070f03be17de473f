//! Browsing the large conference: switching to a day of 500 sessions (and drawing it), and
//! searching every note (10,000 bullets in one session, 199 more sessions with notes) as a word
//! is typed, one keystroke at a time.

mod common;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use kaigi::action::Action;
use kaigi::update::update;

fn day_switch(c: &mut Criterion) {
    let mut state = common::conference_with_notes();
    let mut terminal = common::terminal(&state);
    assert_eq!(state.conference.day_len(0), 500);
    c.bench_function("day_switch_500_sessions", |b| {
        b.iter(|| {
            let next = if state.schedule.day == 0 {
                Action::NextDay
            } else {
                Action::PrevDay
            };
            update(&mut state, next);
            common::frame(black_box(&state), &mut terminal);
        })
    });
}

fn search(c: &mut Criterion) {
    let (mut state, mut terminal) = common::typing_into(10_000);
    update(&mut state, Action::LeaveNotes);
    c.bench_function("search_open_index_all_notes", |b| {
        b.iter(|| {
            update(&mut state, Action::StartSearch);
            update(&mut state, Action::PromptCancel);
        })
    });
    update(&mut state, Action::StartSearch);
    let word: Vec<String> = "シャード".chars().map(|c| c.to_string()).collect();
    c.bench_function("search_as_you_type_per_key", |b| {
        b.iter_custom(|iters| {
            let mut spent = std::time::Duration::ZERO;
            for i in 0..iters {
                let key = word[i as usize % word.len()].clone();
                let start = std::time::Instant::now();
                update(&mut state, Action::Insert(key));
                common::frame(black_box(&state), &mut terminal);
                spent += start.elapsed();
                if i as usize % word.len() == word.len() - 1 {
                    for _ in 0..word.len() {
                        update(&mut state, Action::Backspace);
                    }
                }
            }
            spent
        })
    });
}

criterion_group!(benches, day_switch, search);
criterion_main!(benches);
