//! Extraction speed on a generated corpus of Chinese and English releases.
//!
//! The corpus is built from the project's fixtures with every number varied,
//! so the reader sees new figures throughout, at 5 MB and 50 MB: throughput
//! (MB/s) at both sizes shows whether cost grows linearly with the input.
//! Run: `cargo bench --bench extract`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use crosscheck::extract::extract_figures;
use crosscheck::Packs;

/// Fixture texts whose digits are varied to make the corpus.
const TEMPLATES: &[&str] = &[
    include_str!("../fixtures/zh/press-conference-clean.txt"),
    include_str!("../fixtures/en/press-briefing-clean.md"),
];

/// A corpus of at least `bytes` bytes, deterministic: digits are replaced by a
/// linear congruential sequence, so figures differ from copy to copy.
fn corpus(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 64 * 1024);
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    while out.len() < bytes {
        for template in TEMPLATES {
            for c in template.chars() {
                if c.is_ascii_digit() {
                    state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                    out.push(char::from(b'0' + ((state >> 33) % 10) as u8));
                } else {
                    out.push(c);
                }
            }
            out.push('\n');
        }
    }
    out
}

fn bench_extract(c: &mut Criterion) {
    let packs = Packs::builtin().expect("built-in packs load");
    let mut group = c.benchmark_group("extract_figures");
    group.sample_size(10);
    for mb in [5usize, 50] {
        let text = corpus(mb * 1024 * 1024);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(format!("{mb}MB")), &text, |b, text| {
            b.iter(|| extract_figures(text, &packs).len())
        });
    }
    group.finish();
}

criterion_group!(benches, bench_extract);
criterion_main!(benches);
