//! Load + validate + index throughput per size (criterion), the way the app loads a file:
//! `query::load::timeline` then the state, with its search index. Generated data; see support/.
mod support;

use std::time::Instant;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("load+validate+index");
    for n in support::SIZES {
        let path = support::timeline_file(n);
        let bytes = std::fs::metadata(&path).unwrap().len();
        support::size_group(&mut g, n, bytes);
        let t0 = Instant::now();
        let s = support::load_state(&path);
        eprintln!("{n} events ({}): one run {:?}", support::mb(bytes), t0.elapsed());
        drop(s);
        g.bench_with_input(BenchmarkId::from_parameter(n), &path, |b, p| {
            b.iter_with_large_drop(|| support::load_state(p))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
