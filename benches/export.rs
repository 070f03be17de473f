//! Exporting the whole 4-day benchmark conference (2,000 sessions, 200 with notes, 10,000
//! bullets in the largest) to Markdown.

#[path = "common/data.rs"]
mod data;

use std::collections::HashMap;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use kaigi::export::{Days, Lang, Notes, Options, markdown};
use kaigi::model::outline::Outline;

fn export(c: &mut Criterion) {
    let conference = data::conference();
    let outlines = data::notes(&conference);
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
        ..Options::default()
    };
    c.bench_function("export_4_day_conference", |b| {
        b.iter(|| markdown(black_box(&conference), &notes, &opts).len())
    });
}

criterion_group!(benches, export);
criterion_main!(benches);
