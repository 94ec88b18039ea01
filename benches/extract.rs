//! Extraction speed on a generated corpus of Chinese and English releases.
//!
//! The corpus is built from the project's fixtures with every number varied,
//! so the reader sees new figures throughout, at 5 MB and 50 MB: throughput
//! (MB/s) at both sizes shows whether cost grows linearly with the input.
//! Run: `cargo bench --bench extract`.

#[path = "support/corpus.rs"]
mod corpus;

use corpus::{corpus, real_corpus};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use crosscheck::extract::extract_figures;
use crosscheck::Packs;

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

    // The real documents' own density, where ../shared is present.
    let Some(text) = real_corpus(50 * 1024 * 1024) else {
        #[allow(clippy::print_stderr)]
        {
            eprintln!("skipped extract_figures_real: ../shared/corpus is absent");
        }
        return;
    };
    let mut group = c.benchmark_group("extract_figures_real");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_with_input(BenchmarkId::from_parameter("50MB"), &text, |b, text| {
        b.iter(|| extract_figures(text, &packs).len())
    });
    group.finish();
}

criterion_group!(benches, bench_extract);
criterion_main!(benches);
