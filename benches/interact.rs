//! Interaction at scale (criterion): a region-filter change, search keystrokes, moving the
//! selection and one full frame (TestBackend 200x50), on generated timelines of 10^5 and 10^6
//! events, and on the bundled 80-event chronology for comparison. See BENCHMARKS.md.
mod support;

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use kz_timeline::app::{Action, Options, State, update};
use kz_timeline::query::Filter;
use kz_timeline::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn state(n: usize) -> State {
    if n == 0 {
        let t = kz_timeline::model::load::bundled_timeline().unwrap();
        return State::new(t, "bundled", Options::default());
    }
    support::load_state(&support::timeline_file(n))
}

fn frame(s: &mut State, term: &mut Terminal<TestBackend>, theme: &Theme) {
    let mut m = None;
    term.draw(|f| m = Some(ui::render(s, theme, f))).unwrap();
    update(s, Action::Measured(m.unwrap()));
}

fn region_filter(s: &State, id: &str) -> Filter {
    let r = s.timeline.region_by_id(id).unwrap();
    Filter { regions: BTreeSet::from([Some(r)]), ..Filter::default() }
}

fn bench(c: &mut Criterion) {
    let theme = Theme::dark();
    for n in [0usize, 100_000, 1_000_000] {
        let label = if n == 0 { "bundled-80".to_string() } else { n.to_string() };
        let mut s = state(n);
        let mut term = Terminal::new(TestBackend::new(200, 50)).unwrap();
        frame(&mut s, &mut term, &theme);
        let mut g = c.benchmark_group("interact");
        g.sample_size(if n >= 1_000_000 { 20 } else { 50 });
        g.measurement_time(Duration::from_secs(5));

        g.bench_function(BenchmarkId::new("frame 200x50", &label), |b| b.iter(|| frame(&mut s, &mut term, &theme)));
        g.bench_function(BenchmarkId::new("move down + frame", &label), |b| {
            b.iter(|| {
                update(&mut s, Action::Down);
                frame(&mut s, &mut term, &theme);
            })
        });
        g.bench_function(BenchmarkId::new("page down + frame", &label), |b| {
            b.iter(|| {
                update(&mut s, Action::PageDown);
                frame(&mut s, &mut term, &theme);
            })
        });
        if n > 0 {
            let (a, b_) = (region_filter(&s, "mangystau"), region_filter(&s, "almaty"));
            g.bench_function(BenchmarkId::new("region filter change + frame", &label), |b| {
                let mut flip = false;
                b.iter(|| {
                    flip = !flip;
                    s.set_filter(if flip { a.clone() } else { b_.clone() });
                    frame(&mut s, &mut term, &theme);
                })
            });
            s.set_filter(Filter::default());
        }
        // Search keystrokes in the `/` prompt: the first letter (a scan of everything), a letter
        // that narrows the previous result, and the last letter of a rarer word.
        update(&mut s, Action::Search);
        for (name, prefix, key) in [
            ("first letter 't'", "", 't'),
            ("narrowing 'to'", "t", 'o'),
            ("last letter of 'zhanaozen'", "zhanaoze", 'n'),
        ] {
            let setup = |s: &mut State| {
                update(s, Action::ClearInput);
                for ch in prefix.chars() {
                    update(s, Action::Insert(ch));
                }
            };
            g.bench_function(BenchmarkId::new(format!("search keystroke, {name} + frame"), &label), |b| {
                b.iter_custom(|iters| {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        setup(&mut s);
                        let t0 = Instant::now();
                        update(&mut s, Action::Insert(key));
                        frame(&mut s, &mut term, &theme);
                        total += t0.elapsed();
                    }
                    total
                })
            });
        }
        // Pasting "zhanaozen" into the empty prompt: the nine characters arrive together, as
        // one batch of input (one search), against typing them one frame at a time.
        for (name, batched) in [("paste 'zhanaozen', one batch", true), ("type 'zhanaozen', a frame per key", false)] {
            g.bench_function(BenchmarkId::new(format!("search: {name} + frame"), &label), |b| {
                b.iter_custom(|iters| {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        update(&mut s, Action::ClearInput);
                        let t0 = Instant::now();
                        if batched {
                            kz_timeline::app::update::begin_batch(&mut s);
                        }
                        for ch in "zhanaozen".chars() {
                            update(&mut s, Action::Insert(ch));
                            if !batched {
                                frame(&mut s, &mut term, &theme);
                            }
                        }
                        if batched {
                            kz_timeline::app::update::end_batch(&mut s);
                            frame(&mut s, &mut term, &theme);
                        }
                        total += t0.elapsed();
                    }
                    total
                })
            });
        }
        update(&mut s, Action::Back);
        if n == 100_000 {
            picker_benches(&mut g, &mut s, &mut term, &theme);
        }
        g.finish();
        // A big timeline takes a while to free.
        if n >= 100_000 {
            std::mem::forget(s);
        }
    }
}

/// The actor popup with 20,000 different actors: opening it (counting under the other
/// filters), and keystrokes that narrow it (the issue asks for "instant").
fn picker_benches(
    g: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    s: &mut State,
    term: &mut Terminal<TestBackend>,
    theme: &Theme,
) {
    const ACTORS: usize = 20_000;
    let names = ["Aliyev", "Bekova", "Chen", "Dossanov", "Ermekova", "Fischer", "Gali", "Husainov"];
    for (i, e) in std::sync::Arc::make_mut(&mut s.timeline).events.iter_mut().take(ACTORS).enumerate() {
        e.actors = vec![format!("{} {i:05}", names[i % names.len()])];
    }
    let label = format!("{ACTORS} actors");
    g.bench_function(BenchmarkId::new("actor popup: open + frame", &label), |b| {
        b.iter(|| {
            update(s, Action::Pick(kz_timeline::query::facets::Facet::Actor));
            frame(s, term, theme);
            update(s, Action::Back);
        })
    });
    update(s, Action::Pick(kz_timeline::query::facets::Facet::Actor));
    for (name, prefix, key) in [("first letter 'd'", "", 'd'), ("narrowing 'dossanov 1'", "dossanov", '1')] {
        g.bench_function(BenchmarkId::new(format!("actor popup keystroke, {name} + frame"), &label), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    update(s, Action::ClearInput);
                    for ch in prefix.chars() {
                        update(s, Action::Insert(ch));
                    }
                    let t0 = Instant::now();
                    update(s, Action::Insert(key));
                    frame(s, term, theme);
                    total += t0.elapsed();
                }
                total
            })
        });
    }
    update(s, Action::Back);
    update(s, Action::Back);
}

criterion_group!(benches, bench);
criterion_main!(benches);
