//! Keystroke-to-frame latency as a distribution, which criterion does not report: 5,000 typed
//! characters (each one `update` plus a full 200x60 render), timed one by one, with 10, 1,000
//! and 10,000 bullets in the session. Prints median, p99 and maximum as a Markdown table.
//! Run with `cargo bench --bench latency`.

mod common;

use std::time::{Duration, Instant};

use kaigi::action::Action;
use kaigi::update::update;

const KEYS: usize = 5_000;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn main() {
    // `cargo bench` passes flags such as --bench; this harness has no options.
    println!("| bullets | keys | median µs | p99 µs | max µs |");
    println!("|---|---|---|---|---|");
    let mut medians = Vec::new();
    for n in [10, 1_000, 10_000] {
        let (mut state, mut terminal) = common::typing_into(n);
        let text: Vec<String> = "会議メモ kaigi notes "
            .chars()
            .map(|c| c.to_string())
            .collect();
        // Warm up caches and the allocator first.
        for k in 0..500 {
            update(&mut state, Action::Insert(text[k % text.len()].clone()));
            common::frame(&state, &mut terminal);
            update(&mut state, Action::Backspace);
        }
        let mut times = Vec::with_capacity(KEYS);
        for k in 0..KEYS {
            let key = Action::Insert(text[k % text.len()].clone());
            let start = Instant::now();
            update(&mut state, key);
            common::frame(&state, &mut terminal);
            times.push(start.elapsed());
            update(&mut state, Action::Backspace);
        }
        times.sort();
        let us = |d: Duration| d.as_secs_f64() * 1e6;
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
    println!("\n10,000 bullets vs 10: {ratio:.2}x the median");
}
