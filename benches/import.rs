//! Opening files in other formats (see `model::import`), against our own format at the same
//! number of events: ACLED-shaped CSV at 10^4, 10^5 and 10^6 rows, TimelineJS3 JSON at 10^4
//! slides. Each is loaded the way the app loads it (`query::load::timeline`, then the state with
//! its search index). Peak memory is measured on the release binary (`kz-timeline check FILE`
//! under `/usr/bin/time`), one fresh process per file. `KZ_BENCH_SIZES=10000,100000` limits
//! the ACLED sizes. Generated data; see support/.
mod support;

use std::path::Path;
use std::time::Instant;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn sizes() -> Vec<usize> {
    match std::env::var("KZ_BENCH_SIZES") {
        Ok(s) => s.split(',').filter_map(|x| x.trim().parse().ok()).collect(),
        Err(_) => vec![10_000, 100_000, 1_000_000],
    }
}

/// Peak resident memory (bytes) of `kz-timeline check FILE`, if `/usr/bin/time` is there.
fn peak_rss(file: &Path) -> Option<u64> {
    let bin = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/kz-timeline");
    let out = std::process::Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg(&bin)
        .arg("check")
        .arg(file)
        .stdout(std::process::Stdio::null())
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stderr);
    text.lines().last()?.trim().parse::<u64>().ok().map(|kb| kb * 1024)
}

fn one(g: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>, label: &str, n: usize, path: &Path) {
    let bytes = std::fs::metadata(path).unwrap().len();
    support::size_group(g, n, bytes);
    let t0 = Instant::now();
    let s = support::load_state(path);
    let events = s.timeline.events.len();
    let once = t0.elapsed();
    drop(s);
    let rss = peak_rss(path);
    eprintln!(
        "{label} {n}: {} , {events} events, one run {once:?}, {:.0} bytes/event; peak RSS of check: {}",
        support::mb(bytes),
        bytes as f64 / events as f64,
        rss.map_or("n/a (no /usr/bin/time or release build)".into(), |r| format!(
            "{} ({:.0} bytes/event, {:.2}x the file)",
            support::mb(r),
            r as f64 / events as f64,
            r as f64 / bytes as f64
        )),
    );
    g.bench_with_input(BenchmarkId::new(label, n), &path, |b, p| b.iter_with_large_drop(|| support::load_state(p)));
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("import");
    for n in sizes() {
        one(&mut g, "acled-csv", n, &support::acled_file(n));
        one(&mut g, "kz-timeline-json", n, &support::timeline_file(n));
    }
    one(&mut g, "timelinejs-json", 10_000, &support::timelinejs_file(10_000));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
