//! The whole check (load aside): read, segment, link, build the fact graph
//! and run every built-in check, on one generated release of 5 MB and of
//! 50 MB. Ten times the input should cost at most twelve times the time.
//! Run: `cargo bench --bench check`.

#[path = "support/corpus.rs"]
mod corpus;

use corpus::corpus;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use crosscheck::{Document, Packs};

fn bench_check(c: &mut Criterion) {
    let packs = Packs::builtin().expect("built-in packs load");
    let mut group = c.benchmark_group("check");
    group.sample_size(10);
    for mb in [5usize, 50] {
        let text = corpus(mb * 1024 * 1024);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(format!("{mb}MB")), &text, |b, text| {
            b.iter(|| crosscheck::check(vec![Document::new("release.txt", text.clone())], &packs).findings().len())
        });
    }
    group.finish();
}

criterion_group!(benches, bench_check);
criterion_main!(benches);
