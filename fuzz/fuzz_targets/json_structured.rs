//! Structured fuzzing: arbitrary text in every field of a timeline that is well-formed JSON with
//! plausible dates and ids, so most inputs get past the parser and reach the checks and the screen
//! (random bytes from `load` rarely do). Text fields take any `String` the fuzzer makes.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use serde_json::{Value, json};

#[derive(Debug, Arbitrary)]
struct Doc {
    title: String,
    description: String,
    /// `None`: use the bundled region dictionary.
    regions: Option<Vec<Region>>,
    categories: Option<Vec<(String, Option<String>)>>,
    events: Vec<Event>,
}

#[derive(Debug, Arbitrary)]
struct Region {
    name: String,
    short: Option<String>,
    badge: Option<String>,
    kind: u8,
    name_kk: Option<String>,
    aliases: Vec<String>,
    centre: Option<String>,
    notes: Option<String>,
}

#[derive(Debug, Arbitrary)]
struct Event {
    start: Day,
    end: Option<Day>,
    title: String,
    summary: String,
    body: Option<String>,
    region: Option<u8>,
    place: Option<String>,
    categories: Vec<u8>,
    actors: Vec<String>,
    sources: Vec<Source>,
    claims: Vec<Claim>,
    related: Vec<u8>,
    notes: Option<String>,
}

#[derive(Debug, Arbitrary)]
struct Day {
    day: u8,
    /// (hour, minute, offset in hours)
    time: Option<(u8, u8, i8)>,
}

#[derive(Debug, Arbitrary)]
struct Source {
    publisher: String,
    title: String,
    url: Option<String>,
    day: Option<u8>,
}

#[derive(Debug, Arbitrary)]
struct Claim {
    by: String,
    text: String,
    note: Option<String>,
    status: u8,
    source: u8,
    day: u8,
    figure: Option<(String, f64, Option<String>)>,
}

fn date(day: u8) -> String {
    format!("2022-01-{:02}", 1 + day % 31)
}

fn when(d: &Day) -> Value {
    match d.time {
        None => json!({ "date": date(d.day) }),
        Some((h, m, off)) => json!({
            "date": date(d.day),
            "time": format!("{:02}:{:02}", h % 24, m % 60),
            "utc_offset": format!("{}{:02}:00", if off < 0 { '-' } else { '+' }, off.unsigned_abs() % 15),
        }),
    }
}

fn pick(list: &[&str], n: u8) -> String {
    list[n as usize % list.len()].to_string()
}

fn region(i: usize, r: &Region) -> Value {
    let mut v = json!({
        "id": format!("r{i}"),
        "name": r.name,
        "kind": pick(&["region", "city", "pseudo"], r.kind),
        "aliases": r.aliases,
    });
    let o = v.as_object_mut().expect("object");
    for (key, value) in [("short", &r.short), ("badge", &r.badge), ("name_kk", &r.name_kk), ("notes", &r.notes)] {
        if let Some(s) = value {
            o.insert(key.into(), json!(s));
        }
    }
    if let Some(c) = &r.centre {
        o.insert("centre".into(), json!({ "name": c }));
    }
    v
}

fn event(i: usize, e: &Event, doc: &Doc) -> Value {
    let region_ids: Vec<String> = match &doc.regions {
        Some(r) => (0..r.len()).map(|i| format!("r{i}")).collect(),
        None => kz_timeline::model::load::bundled_regions().iter().map(|r| r.id.clone()).collect(),
    };
    let n_cats = doc.categories.as_ref().map_or(0, Vec::len);
    let mut v = json!({
        "id": format!("e{i}"),
        "start": when(&e.start),
        "title": e.title,
        "summary": e.summary,
        "actors": e.actors,
        "categories": e.categories.iter().filter(|_| n_cats > 0).map(|&c| format!("c{}", c as usize % n_cats)).collect::<Vec<_>>(),
        "related": e.related.iter().map(|&r| format!("e{}", r as usize % doc.events.len().max(1))).collect::<Vec<_>>(),
        "sources": e.sources.iter().enumerate().map(|(j, s)| {
            let mut src = json!({ "id": format!("s{j}"), "publisher": s.publisher, "title": s.title });
            if let Some(u) = &s.url { src["url"] = json!(u); }
            if let Some(d) = s.day { src["date"] = json!(date(d)); }
            src
        }).collect::<Vec<_>>(),
        "claims": e.claims.iter().map(|c| {
            let mut claim = json!({
                "by": c.by,
                "date": date(c.day),
                "text": c.text,
                "status": pick(&["confirmed", "disputed", "unverified", "retracted"], c.status),
                "source": format!("s{}", c.source as usize % e.sources.len().max(1)),
            });
            if let Some(n) = &c.note { claim["note"] = json!(n); }
            if let Some((measure, value, unit)) = &c.figure {
                claim["figure"] = json!({ "measure": measure, "value": value, "unit": unit });
            }
            claim
        }).collect::<Vec<_>>(),
    });
    if let Some(end) = &e.end {
        v["end"] = when(end);
    }
    if let (Some(r), false) = (e.region, region_ids.is_empty()) {
        v["region"] = json!(region_ids[r as usize % region_ids.len()]);
    }
    if let Some(p) = &e.place {
        v["place"] = json!({ "name": p });
    }
    if let Some(b) = &e.body {
        v["body"] = json!(b);
    }
    if let Some(n) = &e.notes {
        v["notes"] = json!(n);
    }
    v
}

fn document(doc: &Doc) -> Value {
    let mut v = json!({
        "format": "kz-timeline",
        "version": 1,
        "title": doc.title,
        "description": doc.description,
        "events": doc.events.iter().enumerate().map(|(i, e)| event(i, e, doc)).collect::<Vec<_>>(),
    });
    if let Some(r) = &doc.regions {
        v["regions"] = r.iter().enumerate().map(|(i, r)| region(i, r)).collect();
    }
    if let Some(c) = &doc.categories {
        v["categories"] = c
            .iter()
            .enumerate()
            .map(|(i, (name, description))| json!({ "id": format!("c{i}"), "name": name, "description": description }))
            .collect();
    }
    v
}

fuzz_target!(|doc: Doc| {
    // serde_json writes NaN and infinities as null, which the loader then rejects: fine.
    let text = serde_json::to_string(&document(&doc)).expect("a Value always serialises");
    // 80x24 stacks or swaps the panes, 120x40 puts them side by side (40x10 is left to the
    // property tests: every frame here is costly under the fuzzer's instrumentation).
    kz_timeline_fuzz::load_and_render_at(
        text.as_bytes(),
        Some(kz_timeline_fuzz::Format::Native),
        &[(80, 24), (120, 40)],
    );
});
