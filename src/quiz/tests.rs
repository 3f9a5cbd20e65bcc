use std::collections::BTreeSet;

use super::*;
use crate::model::Timeline;
use crate::model::load::{LoadOptions, bundled_timeline, regions_from_str, timeline_from_path, timeline_from_str};

fn bundled() -> Timeline {
    bundled_timeline().expect("bundled timeline loads")
}

/// Recompute the true choice from the model, independently of how the question was built.
fn truth(t: &Timeline, q: &Question) -> String {
    match q.kind {
        Kind::Day => t.events[q.events[0]].start.day_key().heading(),
        Kind::Region => t.region(t.events[q.events[0]].region.expect("region question has a region")).short.clone(),
        Kind::Order => {
            // The events are listed as A, B, C in `events` order; the answer orders the letters.
            let mut k = [0usize, 1, 2];
            k.sort_by_key(|&k| (t.events[q.events[k]].start.day_order(), q.events[k]));
            k.iter().map(|&k| ["A", "B", "C"][k]).collect::<Vec<_>>().join(" → ")
        }
        Kind::Figure => {
            let claim = &t.events[q.events[0]].claims[q.claim.expect("figure question names its claim")];
            let f = claim.figure.as_ref().expect("claim has a figure");
            fmt_figure(f.value, f.unit.as_deref())
        }
    }
}

/// Everything a question must satisfy; returns a description of the first problem.
fn check(t: &Timeline, q: &Question) -> Result<(), String> {
    let n = q.choices.len();
    if !(3..=4).contains(&n) {
        return Err(format!("{n} choices"));
    }
    if q.answer >= n {
        return Err(format!("answer {} out of {n}", q.answer));
    }
    if q.choices.iter().collect::<BTreeSet<_>>().len() != n {
        return Err("duplicate choices".into());
    }
    let truth = truth(t, q);
    if q.choices[q.answer] != truth {
        return Err(format!("marked {:?}, true answer is {truth:?}", q.choices[q.answer]));
    }
    let expected_events = if q.kind == Kind::Order { 3 } else { 1 };
    if q.events.len() != expected_events {
        return Err(format!("{} events", q.events.len()));
    }
    if q.prompt.contains(&truth) {
        return Err("the prompt gives the answer away".into());
    }
    match q.kind {
        Kind::Order => {
            let days: BTreeSet<_> = q.events.iter().map(|&i| t.events[i].start.date).collect();
            if days.len() != 3 {
                return Err("order events share a day".into());
            }
        }
        Kind::Day => {
            let e = &t.events[q.events[0]];
            if e.start.precision < crate::model::Precision::Day {
                return Err("day question on a coarse date".into());
            }
            // No distractor is a day of another event with the same title.
            for (i, c) in q.choices.iter().enumerate() {
                let twin = t.events.iter().any(|o| o.title == e.title && o.start.day_key().heading() == *c);
                if i != q.answer && twin {
                    return Err(format!("distractor {c} is also true"));
                }
            }
        }
        Kind::Region => {
            let r = t.region(t.events[q.events[0]].region.unwrap());
            if r.kind == crate::model::RegionKind::Pseudo {
                return Err("pseudo-region".into());
            }
            for (i, c) in q.choices.iter().enumerate() {
                let same = t.find_region(c).is_some_and(|x| t.region(x).id == r.id);
                let overlapping = c.contains(&r.short) || r.short.contains(c.as_str());
                if i != q.answer && (same || overlapping) {
                    return Err(format!("distractor {c} names the same region"));
                }
            }
            let title = t.events[q.events[0]].title.to_lowercase();
            if title.contains(&r.short.to_lowercase()) {
                return Err("the title names the region".into());
            }
        }
        Kind::Figure => {
            let claim = &t.events[q.events[0]].claims[q.claim.unwrap()];
            if !q.prompt.contains(&claim.date.display()) {
                return Err("prompt does not say when".into());
            }
        }
    }
    Ok(())
}

fn check_all(t: &Timeline, qs: &[Question]) {
    for q in qs {
        if let Err(e) = check(t, q) {
            panic!("{e}: {q:#?}");
        }
    }
    let subjects: Vec<EventIx> = qs.iter().flat_map(|q| q.events.iter().copied()).collect();
    let distinct: BTreeSet<_> = subjects.iter().collect();
    assert_eq!(distinct.len(), subjects.len(), "an event is the subject twice: {qs:#?}");
}

#[test]
fn same_seed_same_quiz_different_seed_different_quiz() {
    let t = bundled();
    let a = generate(&t, 1, 10);
    assert_eq!(a.len(), 10);
    assert_eq!(a, generate(&t, 1, 10));
    assert_ne!(a, generate(&t, 2, 10));
    assert_ne!(a, generate(&t, 1 << 40, 10), "high seed bits matter");
    // A shorter quiz with the same seed is the start of the longer one.
    assert_eq!(generate(&t, 1, 4), a[..4]);
}

#[test]
fn rng_stream_is_pinned() {
    // If fastrand ever changes its algorithm or seeding, every seeded quiz changes: fail loudly.
    let mut d = Dice::new(1);
    let draws: Vec<usize> = (0..8).map(|_| d.below(1000)).collect();
    assert_eq!(draws, [714, 666, 949, 302, 133, 299, 885, 382]);
}

#[test]
fn every_question_is_true_to_the_data() {
    let t = bundled();
    for seed in 0..30 {
        check_all(&t, &generate(&t, seed, 12));
    }
}

#[test]
fn a_long_quiz_exhausts_gracefully() {
    let t = bundled();
    let qs = generate(&t, 7, 1000);
    assert!(qs.len() < 1000 && qs.len() >= 20, "{}", qs.len());
    check_all(&t, &qs);
    assert!(generate(&t, 7, 0).is_empty());
}

#[test]
fn kinds_are_mixed() {
    let t = bundled();
    for seed in 0..20 {
        let qs = generate(&t, seed, 8);
        for k in Kind::ALL {
            let n = qs.iter().filter(|q| q.kind == k).count();
            assert_eq!(n, 2, "seed {seed}: {} {k:?} questions in 8", n);
        }
        // Not the same kind three times running.
        assert!(qs.windows(3).all(|w| !(w[0].kind == w[1].kind && w[1].kind == w[2].kind)), "seed {seed}");
    }
    // The kind order itself depends on the seed.
    let firsts: BTreeSet<Kind> = (0..20).map(|s| generate(&t, s, 1)[0].kind).collect();
    assert!(firsts.len() >= 3, "{firsts:?}");
}

#[test]
fn answer_positions_are_spread() {
    let t = bundled();
    let qs: Vec<Question> = (0..5).flat_map(|s| generate(&t, s, 8)).collect();
    assert_eq!(qs.len(), 40);
    let mut at = [0usize; 4];
    for q in &qs {
        at[q.answer] += 1;
    }
    assert!(at.iter().all(|n| (4..=20).contains(n)), "answer positions {at:?}");
}

#[test]
fn figure_questions_lean_on_the_prosecutor_general() {
    let t = bundled();
    let figures: Vec<Question> = (0..20).flat_map(|s| generate(&t, s, 8)).filter(|q| q.kind == Kind::Figure).collect();
    let by = |q: &Question| t.events[q.events[0]].claims[q.claim.unwrap()].by.to_lowercase();
    let pros = figures.iter().filter(|q| by(q).contains("prosecutor")).count();
    assert!(pros * 3 >= figures.len() && pros < figures.len(), "{pros} of {}", figures.len());
}

#[test]
fn figure_questions_name_the_bundled_measures_in_words() {
    // Every measure the bundled data gives three or more values for has a noun ("number of
    // security personnel injured"), not the fallback that quotes the key.
    let t = bundled();
    let figures: Vec<Question> = generate(&t, 5, 1000).into_iter().filter(|q| q.kind == Kind::Figure).collect();
    assert!(figures.len() >= 5, "{}", figures.len());
    for q in &figures {
        assert!(!q.prompt.contains("\u{201d} figure"), "no noun for the measure in {:?}", q.prompt);
    }
}

#[test]
fn prompts_fit_and_hide_the_answer() {
    let t = bundled();
    for q in generate(&t, 3, 1000) {
        // Each line of the prompt (Order questions list their events on lines of their own).
        for line in q.prompt.lines() {
            assert!(crate::text::width(line) <= PROMPT_WIDTH, "{}", q.prompt);
        }
        for c in &q.choices {
            assert!(crate::text::width(c) <= 76, "{c}");
        }
        assert!(!q.explanation.is_empty());
    }
}

#[test]
fn a_big_timeline_is_quick_and_still_fair() {
    let base = bundled();
    let mut t = base.clone();
    t.events.clear();
    for k in 0..60u64 {
        for e in &base.events {
            let mut e = e.clone();
            e.title = format!("{} #{k}", e.title);
            e.start.date = e.start.date + chrono::Days::new(k * 1000);
            if let Some(end) = e.end.as_mut() {
                end.date = end.date + chrono::Days::new(k * 1000);
            }
            for c in &mut e.claims {
                c.date.date = c.date.date + chrono::Days::new(k * 1000);
            }
            e.related.clear();
            t.events.push(e);
        }
    }
    let started = std::time::Instant::now();
    let qs = generate(&t, 5, 200);
    assert_eq!(qs.len(), 200);
    check_all(&t, &qs);
    assert!(started.elapsed() < std::time::Duration::from_secs(20), "{:?}", started.elapsed());
}

fn tiny(events: &[(&str, &str, &str)]) -> Timeline {
    let regions = regions_from_str(
        r#"{"format": "kz-timeline-regions", "version": 1, "regions": [
            {"id": "mangystau", "name": "Mangystau Region", "short": "Mangystau", "aliases": ["Mangistau"]},
            {"id": "almaty", "name": "Almaty", "kind": "city"},
            {"id": "aktobe", "name": "Aktobe Region", "short": "Aktobe"},
            {"id": "nationwide", "name": "Nationwide", "kind": "pseudo"}
        ]}"#,
        "regions.json",
    )
    .unwrap();
    let events: Vec<String> = events
        .iter()
        .map(|(id, date, region)| {
            format!(
                r#"{{"id": "{id}", "start": {{"date": "{date}"}}, "title": "Event {id}", "summary": "S.", "region": "{region}",
                    "sources": [{{"id": "s1", "publisher": "P", "title": "A", "url": "https://example.org/a"}}],
                    "claims": [{{"by": "Prosecutor-General", "date": "{date}", "text": "x", "status": "unverified", "source": "s1",
                                 "figure": {{"measure": "deaths", "value": {}, "unit": "people"}}}}]}}"#,
                id.len() * 100
            )
        })
        .collect();
    let text =
        format!(r#"{{"format": "kz-timeline", "version": 1, "title": "Tiny", "events": [{}]}}"#, events.join(","));
    timeline_from_str(&text, "tiny.json", &regions).unwrap()
}

#[test]
fn tiny_timelines_give_what_they_can() {
    let empty = tiny(&[]);
    assert!(generate(&empty, 1, 10).is_empty());
    assert!(generate(&Timeline::default(), 1, 10).is_empty());

    let one = tiny(&[("a", "2022-01-05", "almaty")]);
    for seed in 0..10 {
        let qs = generate(&one, seed, 10);
        assert!(qs.len() <= 1);
        check_all(&one, &qs);
    }

    let three =
        tiny(&[("a", "2022-01-04", "mangystau"), ("bb", "2022-01-05", "almaty"), ("ccc", "2022", "nationwide")]);
    for seed in 0..10 {
        for count in 0..6 {
            let qs = generate(&three, seed, count);
            assert!(qs.len() <= count);
            check_all(&three, &qs);
        }
    }

    let three_days =
        tiny(&[("a", "2022-01-04", "mangystau"), ("bb", "2022-01-05", "almaty"), ("ccc", "2022-01-07", "aktobe")]);
    let kinds: BTreeSet<Kind> = (0..20).flat_map(|s| generate(&three_days, s, 5)).map(|q| q.kind).collect();
    assert!(kinds.contains(&Kind::Order) && kinds.contains(&Kind::Day) && kinds.contains(&Kind::Region), "{kinds:?}");
    for seed in 0..20 {
        check_all(&three_days, &generate(&three_days, seed, 5));
    }
}

#[test]
fn the_small_fixture_works() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small.json");
    let t = timeline_from_path(&path, &LoadOptions::default()).unwrap();
    for seed in 0..20 {
        let qs = generate(&t, seed, 10);
        assert!(!qs.is_empty() && qs.len() <= 10);
        check_all(&t, &qs);
    }
}

#[test]
fn numbers_and_titles_are_formatted_for_people() {
    assert_eq!(fmt_number(225.0), "225");
    assert_eq!(fmt_number(50000.0), "50,000");
    assert_eq!(fmt_number(1234567.0), "1,234,567");
    assert_eq!(fmt_number(77.18), "77.18");
    assert_eq!(fmt_number(-1234.5), "-1,234.5");
    assert_eq!(fmt_figure(7939.0, Some("people (Almaty)")), "7,939 people");
    assert_eq!(fmt_figure(68.44, Some("percent (at close of polls)")), "68.44%");
    assert_eq!(fmt_figure(150.0, None), "150");
    assert_eq!(short_title("Almaty airport overrun; flights stop", 60), "Almaty airport overrun; flights stop");
    assert_eq!(short_title("Almaty: march to Republic Square, stun grenades", 23), "Almaty: march to Repub…");
    assert_eq!(short_title("Heavy rain begins in the hills", 23), "Heavy rain begins in…");
    assert_eq!(short_title("Prosecutor-General's Office", 12), "Prosecutor-…");
    assert_eq!(short_title("Ааааааааааааааааааааааааааааа", 10).chars().count(), 10);
    let p = quoted_prompt("On which day did this happen? ", &"word ".repeat(40), "");
    assert!(crate::text::width(&p) <= PROMPT_WIDTH && p.ends_with("…\u{201d}"), "{p}");
}

#[test]
fn dice_is_uniform_enough_and_shuffles_in_place() {
    let mut d = Dice::new(42);
    let mut seen = [0usize; 4];
    for _ in 0..4000 {
        seen[d.below(4)] += 1;
    }
    assert!(seen.iter().all(|&n| (850..1150).contains(&n)), "{seen:?}");
    let mut v: Vec<u32> = (0..10).collect();
    d.shuffle(&mut v);
    assert_ne!(v, (0..10).collect::<Vec<_>>());
    v.sort();
    assert_eq!(v, (0..10).collect::<Vec<_>>());
    let (c, a) = d.shuffle_choices(vec!["x".into(), "y".into(), "z".into()], 1);
    assert_eq!(c[a], "y");
}

/// `cargo test --lib quiz::tests::print_samples -- --ignored --nocapture`
#[test]
#[ignore]
fn print_samples() {
    let t = bundled();
    for q in generate(&t, 1, 12) {
        println!("[{}] {}", q.kind.name(), q.prompt);
        for (i, c) in q.choices.iter().enumerate() {
            println!("  {} {c}", if i == q.answer { '*' } else { ' ' });
        }
        println!("  → {}\n", q.explanation);
    }
}

#[test]
fn a_scoped_quiz_asks_only_about_its_events() {
    let t = bundled();
    let mangystau = t.region_by_id("mangystau");
    let scope: Vec<EventIx> = (0..t.events.len()).filter(|&i| t.events[i].region == mangystau).collect();
    assert!(scope.len() >= 3);
    for seed in 0..20 {
        let qs = generate_among(&t, &scope, seed, 10);
        assert!(!qs.is_empty(), "seed {seed}");
        check_all(&t, &qs);
        for q in &qs {
            assert!(
                q.events.iter().all(|e| scope.contains(e)),
                "seed {seed}: {:?} asks about {:?}",
                q.prompt,
                q.events
            );
        }
    }
    // The whole timeline as the scope is the unscoped quiz.
    let all: Vec<EventIx> = (0..t.events.len()).collect();
    assert_eq!(generate_among(&t, &all, 7, 10), generate(&t, 7, 10));
    assert!(generate_among(&t, &[], 7, 10).is_empty());
}
