//! A two-page document (letterhead, fields, a 60-row table over the page break, signatures)
//! laid out and saved with the font subset: the act's budget is 30 ms and 100 KB.

use criterion::{Criterion, criterion_group, criterion_main};
use tovon_print::render;

#[path = "../examples/sample/document.rs"]
mod document;

use document::sample;

fn bench(c: &mut Criterion) {
    let document = sample();
    let bytes = render(&document).unwrap_or_default();
    eprintln!("two-page document: {} bytes", bytes.len());
    c.bench_function("render a two-page act", |b| b.iter(|| render(&document)));
}

criterion_group!(benches, bench);
criterion_main!(benches);
