//! Keystroke-to-frame latency as a distribution, which criterion does not report: 5,000 typed
//! characters (each one `update` plus a 200x60 frame), timed one by one, with 10, 1,000 and
//! 10,000 bullets in the session. The frame is drawn as the app draws it (kaigi's screen:
//! unchanged panes kept, changed cells compared and encoded as escape sequences); for
//! comparison, a second table draws every pane through ratatui's `Terminal`. Prints median, p99
//! and maximum as Markdown tables. Run with `cargo bench --bench latency`.

mod common;

use std::time::{Duration, Instant};

use kaigi::action::Action;
use kaigi::state::State;
use kaigi::update::update;

const KEYS: usize = 5_000;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

/// Times `KEYS` typed characters, each followed by `frame`; sorted.
fn type_keys(state: &mut State, mut frame: impl FnMut(&State)) -> Vec<Duration> {
    let text: Vec<String> = "会議メモ kaigi notes "
        .chars()
        .map(|c| c.to_string())
        .collect();
    // Warm up caches and the allocator first.
    for k in 0..500 {
        update(state, Action::Insert(text[k % text.len()].clone()));
        frame(state);
        update(state, Action::Backspace);
        frame(state);
    }
    let mut times = Vec::with_capacity(KEYS);
    for k in 0..KEYS {
        let key = Action::Insert(text[k % text.len()].clone());
        let start = Instant::now();
        update(state, key);
        frame(state);
        times.push(start.elapsed());
        update(state, Action::Backspace);
        frame(state);
    }
    times.sort();
    times
}

fn table(title: &str, run: impl Fn(usize) -> Vec<Duration>) {
    println!("### {title}\n");
    println!("| bullets | keys | median µs | p99 µs | max µs |");
    println!("|---|---|---|---|---|");
    let us = |d: Duration| d.as_secs_f64() * 1e6;
    let mut medians = Vec::new();
    for n in [10, 1_000, 10_000] {
        let times = run(n);
        let median = percentile(&times, 0.5);
        medians.push(median);
        println!(
            "| {n} | {KEYS} | {:.0} | {:.0} | {:.0} |",
            us(median),
            us(percentile(&times, 0.99)),
            us(*times.last().unwrap())
        );
    }
    let ratio = medians[2].as_secs_f64() / medians[0].as_secs_f64();
    println!("\n10,000 bullets vs 10: {ratio:.2}x the median\n");
}

fn main() {
    // `cargo bench` passes flags such as --bench; this harness has no options.
    table("kaigi's screen (as the app draws)", |n| {
        let (mut state, mut screen) = common::typing_into(n);
        type_keys(&mut state, |s| common::frame(s, &mut screen))
    });
    table(
        "every pane through ratatui's Terminal (for comparison)",
        |n| {
            let (mut state, _) = common::typing_into(n);
            let mut terminal = common::ratatui_terminal(&state);
            type_keys(&mut state, |s| common::ratatui_frame(s, &mut terminal))
        },
    );
}
