//! Shared by the benchmarks: a deterministic generator of synthetic timelines in the kz-timeline
//! format, and the files it writes at bench time (into a temporary directory, never the repo).
//!
//! The data is shaped like the bundled chronology, at about 0.7 KB of JSON per event: titles of
//! about 50 characters, summaries of about 300, one to three sources, a claim on some events,
//! regions from the bundled dictionary, dates from day-only to minute precision with UTC offsets,
//! parts of the day, approximate times, month-only dates, and Cyrillic in about one event in six.
//! Events come mostly in chronological order with some out of place, as real files do.

#![allow(dead_code)]

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Bump when the output changes, so cached files from an older generator are not reused.
pub const GENERATOR_VERSION: u32 = 1;
/// The sizes every benchmark uses.
pub const SIZES: [usize; 4] = [1_000, 10_000, 100_000, 1_000_000];

/// SplitMix64: tiny, fast and identical everywhere (no dependency whose stream could change).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 32) * n as u64) >> 32) as usize
    }
    /// True with probability `p` percent.
    pub fn pct(&mut self, p: usize) -> bool {
        self.below(100) < p
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// Region ids of the bundled dictionary, with the UTC offset in force in 2022; weights favour the
/// big cities and "nationwide", as in the bundled data.
pub const REGIONS: [(&str, &str, usize); 22] = [
    ("akmola", "+06:00", 2),
    ("aktobe", "+05:00", 3),
    ("almaty-region", "+06:00", 4),
    ("atyrau", "+05:00", 3),
    ("east-kazakhstan", "+06:00", 2),
    ("jambyl", "+06:00", 3),
    ("karaganda", "+06:00", 3),
    ("kostanay", "+06:00", 2),
    ("kyzylorda", "+05:00", 2),
    ("mangystau", "+05:00", 8),
    ("north-kazakhstan", "+06:00", 1),
    ("pavlodar", "+06:00", 2),
    ("turkistan", "+06:00", 2),
    ("west-kazakhstan", "+05:00", 2),
    ("astana", "+06:00", 6),
    ("almaty", "+06:00", 12),
    ("shymkent", "+06:00", 3),
    ("abai", "+06:00", 1),
    ("jetisu", "+06:00", 1),
    ("ulytau", "+06:00", 1),
    ("nationwide", "+06:00", 12),
    ("international", "+06:00", 3),
];

pub const CATEGORIES: [(&str, &str); 10] = [
    ("protest", "Protests"),
    ("violence", "Violence"),
    ("security", "Security measures"),
    ("government", "Government"),
    ("internet", "Internet and communications"),
    ("casualties", "Casualties"),
    ("detentions", "Detentions"),
    ("media", "Media"),
    ("justice", "Justice"),
    ("economy", "Economy"),
];

const ACTORS: [&str; 16] = [
    "Kassym-Jomart Tokayev",
    "Nursultan Nazarbayev",
    "Karim Masimov",
    "Askar Mamin",
    "Alikhan Smailov",
    "CSTO",
    "National Security Committee (KNB)",
    "Ministry of Internal Affairs",
    "Prosecutor-General's Office",
    "Almaty city akimat",
    "Zhanaozen oil workers",
    "Human Rights Watch",
    "Amnesty International",
    "Kazakhstan Bureau for Human Rights",
    "Government of Kazakhstan",
    "Yerlan Karin",
];

const PUBLISHERS: [(&str, &str); 12] = [
    ("RFE/RL", "rferl.org"),
    ("Reuters", "reuters.com"),
    ("Eurasianet", "eurasianet.org"),
    ("Vlast.kz", "vlast.kz"),
    ("Orda.kz", "orda.kz"),
    ("Tengrinews", "tengrinews.kz"),
    ("Akorda", "akorda.kz"),
    ("Kazinform", "inform.kz"),
    ("BBC News", "bbc.com"),
    ("Human Rights Watch", "hrw.org"),
    ("The Diplomat", "thediplomat.com"),
    ("Azattyq", "rus.azattyq.org"),
];

const SUBJECTS: [&str; 24] = [
    "Protesters",
    "Residents of Zhanaozen",
    "Oil workers in Mangystau",
    "Police",
    "The city administration",
    "Tokayev",
    "The security council",
    "Troops of the CSTO",
    "Journalists",
    "Rights groups",
    "The interior ministry",
    "Students in Almaty",
    "Crowds near Republic Square",
    "Taxi drivers",
    "The prosecutor's office",
    "Opposition activists",
    "Local officials",
    "Lawyers for the detained",
    "Families of the dead",
    "The national bank",
    "Mobile operators",
    "Hospital staff",
    "Farmers near Taraz",
    "Miners in Karaganda",
];

const VERBS: [&str; 20] = [
    "gather outside the akimat",
    "block the main road",
    "demand lower fuel prices",
    "call for the government to resign",
    "report new detentions",
    "announce a curfew",
    "restore internet access",
    "publish a revised death toll",
    "open criminal cases",
    "meet a delegation of strikers",
    "deny reports of torture",
    "march towards the centre",
    "close the airport",
    "set up checkpoints",
    "release a list of names",
    "hold a press conference",
    "cut mobile data",
    "appeal to the public",
    "announce an amnesty",
    "lay flowers at a memorial",
];

const PLACES: [&str; 16] = [
    "in Zhanaozen",
    "in Aktau",
    "in Almaty",
    "on Republic Square",
    "in Nur-Sultan",
    "in Shymkent",
    "in Taraz",
    "in Aktobe",
    "in Atyrau",
    "in Kyzylorda",
    "near the akimat",
    "at the airport",
    "in Uralsk",
    "in Taldykorgan",
    "in Karaganda",
    "across the country",
];

const WORDS: [&str; 48] = [
    "the",
    "protest",
    "price",
    "gas",
    "liquefied",
    "petroleum",
    "government",
    "police",
    "crowd",
    "square",
    "statement",
    "officials",
    "said",
    "after",
    "before",
    "during",
    "evening",
    "morning",
    "internet",
    "shutdown",
    "detained",
    "released",
    "hundreds",
    "thousands",
    "reported",
    "according",
    "witnesses",
    "video",
    "footage",
    "shots",
    "fired",
    "building",
    "administration",
    "emergency",
    "state",
    "decree",
    "president",
    "minister",
    "resigned",
    "appointed",
    "court",
    "sentenced",
    "investigation",
    "torture",
    "lawyers",
    "families",
    "memorial",
    "anniversary",
];

const CYRILLIC: [&str; 24] = [
    "Жаңаөзен",
    "Ақтау",
    "Алматы",
    "Тоқаев",
    "Назарбаев",
    "митинг",
    "газ",
    "баға",
    "полиция",
    "әкімдік",
    "наразылық",
    "шеру",
    "төтенше",
    "жағдай",
    "интернет",
    "қамауға",
    "алынды",
    "Мемлекеттік",
    "хатшы",
    "ОДКБ",
    "бейбіт",
    "тұрғындар",
    "жиналды",
    "алаңында",
];

/// A sentence of `n` filler words, in Kazakh Cyrillic when `cyr`.
fn sentence(r: &mut Rng, n: usize, cyr: bool, out: &mut String) {
    for i in 0..n {
        let w = if cyr { r.pick(&CYRILLIC) } else { r.pick(&WORDS) };
        if i > 0 {
            out.push(' ');
        }
        out.push_str(w);
    }
    out.push('.');
}

/// JSON string literal.
fn js(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

const DAYS_IN_MONTH: [u32; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/// Day `d` (0-based) from 1 Jan 2019, as (y, m, d); 2020 and 2024 are leap years.
fn ymd(mut d: u32) -> (u32, u32, u32) {
    let mut y = 2019;
    loop {
        let len = if y % 4 == 0 { 366 } else { 365 };
        if d < len {
            break;
        }
        d -= len;
        y += 1;
    }
    let mut m = 0;
    loop {
        let len = DAYS_IN_MONTH[m] + u32::from(m == 1 && y % 4 == 0);
        if d < len {
            break;
        }
        d -= len;
        m += 1;
    }
    (y, m as u32 + 1, d + 1)
}

/// Write one event (a single line of compact JSON) for event number `i` of `n`.
fn event(r: &mut Rng, i: usize, n: usize, out: &mut String) {
    // Spread over six years, mostly in order; one event in ten is out of place.
    const SPAN_DAYS: usize = 6 * 365;
    let mut day = (i * SPAN_DAYS / n.max(1)) as u32;
    if r.pct(10) {
        day = r.below(SPAN_DAYS) as u32;
    }
    let (y, m, d) = ymd(day);
    let cyr = r.pct(16);
    let total_w: usize = REGIONS.iter().map(|x| x.2).sum();
    let mut k = r.below(total_w);
    let mut region = REGIONS[0];
    for reg in REGIONS {
        if k < reg.2 {
            region = reg;
            break;
        }
        k -= reg.2;
    }
    let _ = write!(out, "{{\"id\":\"ev-{i:07}-{}\",\"start\":{{", region.0);
    match r.below(20) {
        0 => {
            let _ = write!(out, "\"date\":\"{y}-{m:02}\"");
        }
        1..=8 => {
            let _ = write!(out, "\"date\":\"{y}-{m:02}-{d:02}\"");
        }
        9..=11 => {
            let period = r.pick(&["night", "morning", "afternoon", "evening"]);
            let _ = write!(out, "\"date\":\"{y}-{m:02}-{d:02}\",\"period\":\"{period}\"");
        }
        12..=14 => {
            let _ = write!(
                out,
                "\"date\":\"{y}-{m:02}-{d:02}\",\"time\":\"{:02}:00\",\"utc_offset\":\"{}\",\"precision\":\"hour\",\"approximate\":true",
                r.below(24),
                region.1
            );
        }
        _ => {
            let _ = write!(
                out,
                "\"date\":\"{y}-{m:02}-{d:02}\",\"time\":\"{:02}:{:02}\",\"utc_offset\":\"{}\"",
                r.below(24),
                r.below(60),
                region.1
            );
        }
    }
    out.push_str("},\"title\":");
    let mut title = String::new();
    if cyr {
        sentence(r, 5, true, &mut title);
    } else {
        let _ = write!(title, "{} {} {}", r.pick(&SUBJECTS), r.pick(&VERBS), r.pick(&PLACES));
    }
    js(&title, out);
    out.push_str(",\"summary\":");
    let mut summary = String::new();
    let _ = write!(
        summary,
        "{} {} {} on {d} {}. ",
        r.pick(&SUBJECTS),
        r.pick(&VERBS),
        r.pick(&PLACES),
        MONTHS[m as usize - 1]
    );
    while summary.len() < 180 + r.below(120) {
        summary.push(' ');
        let n = 6 + r.below(10);
        let c = cyr && r.pct(60);
        sentence(r, n, c, &mut summary);
    }
    js(&summary, out);
    let _ = write!(out, ",\"region\":\"{}\",\"categories\":[", region.0);
    let ncat = 1 + r.below(2);
    for c in 0..ncat {
        if c > 0 {
            out.push(',');
        }
        js(r.pick(&CATEGORIES).0, out);
    }
    out.push(']');
    if r.pct(60) {
        out.push_str(",\"actors\":[");
        for a in 0..1 + r.below(2) {
            if a > 0 {
                out.push(',');
            }
            let actor = *r.pick(&ACTORS);
            js(actor, out);
        }
        out.push(']');
    }
    out.push_str(",\"sources\":[");
    let nsrc = 1 + r.below(3);
    for s in 0..nsrc {
        if s > 0 {
            out.push(',');
        }
        let (publisher, host) = *r.pick(&PUBLISHERS);
        let _ = write!(out, "{{\"id\":\"s{s}\",\"publisher\":");
        js(publisher, out);
        out.push_str(",\"title\":");
        let mut st = String::new();
        let _ = write!(st, "{} {}", r.pick(&SUBJECTS), r.pick(&VERBS));
        st.truncate(st.len().min(40 + r.below(20)));
        js(&st, out);
        let _ = write!(out, ",\"url\":\"https://{host}/a/{}\",\"date\":\"{y}-{m:02}\"}}", r.next() % 10_000_000);
    }
    out.push(']');
    if r.pct(15) {
        let status = r.pick(&["confirmed", "disputed", "unverified", "disputed"]);
        let _ = write!(
            out,
            ",\"claims\":[{{\"by\":\"{}\",\"date\":\"{y}-{m:02}\",\"text\":\"At least {} people were detained.\",\"status\":\"{status}\",\"source\":\"s0\",\"figure\":{{\"measure\":\"detained\",\"value\":{},\"unit\":\"people\"}}}}]",
            r.pick(&["Interior ministry", "Prosecutor-General's Office", "Rights groups"]),
            r.below(5000),
            r.below(5000)
        );
    }
    if i >= 50 && r.pct(5) {
        // An earlier anchor event (see `related_id`).
        let _ = write!(out, ",\"related\":[\"{}\"]", related_id(r.below(i - 1)));
    }
    out.push('}');
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Related ids point at "anchor" events, whose ids have no region suffix: every 50th event is an
/// anchor (see `anchor_id`), so any event can name one without remembering earlier output.
fn related_id(j: usize) -> String {
    anchor_id(j / 50 * 50)
}

fn anchor_id(i: usize) -> String {
    format!("ev-{i:07}")
}

/// The whole timeline file for `n` events: one event per line.
pub fn timeline_json(n: usize) -> String {
    let mut r = Rng::new(0x6b7a_7469_6d65 ^ n as u64);
    let mut out = String::with_capacity(n * 760 + 2048);
    let _ = write!(
        out,
        "{{\"format\":\"kz-timeline\",\"version\":1,\"title\":\"Synthetic timeline ({n} events)\",\"description\":\"Generated by benches/support (generator version {GENERATOR_VERSION}) for benchmarks.\",\"categories\":["
    );
    for (k, (id, name)) in CATEGORIES.iter().enumerate() {
        if k > 0 {
            out.push(',');
        }
        let _ = write!(out, "{{\"id\":\"{id}\",\"name\":\"{name}\"}}");
    }
    out.push_str("],\"events\":[\n");
    let mut line = String::with_capacity(2048);
    for i in 0..n {
        line.clear();
        event(&mut r, i, n, &mut line);
        if i % 50 == 0 {
            // An anchor: plain id, so that `related` can point at it.
            let dash = line[10..].find('-').map(|p| p + 10).expect("generated id has a region suffix");
            let end = line[dash..].find('"').expect("id ends") + dash;
            line.replace_range(dash..end, "");
        }
        out.push_str(&line);
        out.push_str(if i + 1 < n { ",\n" } else { "\n" });
    }
    out.push_str("]}\n");
    out
}

/// Where bench data lives: a directory under the system's temporary directory.
pub fn data_dir() -> PathBuf {
    let d = std::env::temp_dir().join(format!("kz-timeline-bench-v{GENERATOR_VERSION}"));
    std::fs::create_dir_all(&d).expect("create the bench data directory");
    d
}

/// The timeline file for `n` events, generated on first use (deterministic, so it is reused).
pub fn timeline_file(n: usize) -> PathBuf {
    let path = data_dir().join(format!("timeline-{n}.json"));
    if !path.exists() {
        write_atomically(&path, timeline_json(n).as_bytes());
    }
    path
}

fn write_atomically(path: &Path, bytes: &[u8]) {
    let tmp = path.with_extension("tmp");
    let mut f = std::fs::File::create(&tmp).expect("create bench data");
    f.write_all(bytes).expect("write bench data");
    drop(f);
    std::fs::rename(&tmp, path).expect("rename bench data");
}

/// The same events as JSON Lines (one event object per line), for VisiData.
pub fn jsonl_file(n: usize) -> PathBuf {
    let path = data_dir().join(format!("events-{n}.jsonl"));
    if !path.exists() {
        let text = std::fs::read_to_string(timeline_file(n)).expect("read generated timeline");
        let mut out = String::with_capacity(text.len());
        for line in text.lines().filter(|l| l.starts_with("{\"id\"")) {
            out.push_str(line.trim_end_matches(','));
            out.push('\n');
        }
        write_atomically(&path, out.as_bytes());
    }
    path
}

/// The same events as CSV (id, date, region, title, summary, first publisher), for csvlens.
pub fn csv_file(n: usize) -> PathBuf {
    let path = data_dir().join(format!("events-{n}.csv"));
    if !path.exists() {
        let text = std::fs::read_to_string(timeline_file(n)).expect("read generated timeline");
        let v: serde_json::Value = serde_json::from_str(&text).expect("generated JSON parses");
        let mut out = String::from("id,date,region,title,summary,publisher\n");
        let cell = |s: &str, out: &mut String| {
            out.push('"');
            out.push_str(&s.replace('"', "\"\""));
            out.push('"');
        };
        for e in v["events"].as_array().expect("events") {
            let s = |k: &str| e[k].as_str().unwrap_or("").to_string();
            cell(&s("id"), &mut out);
            out.push(',');
            cell(e["start"]["date"].as_str().unwrap_or(""), &mut out);
            out.push(',');
            cell(&s("region"), &mut out);
            out.push(',');
            cell(&s("title"), &mut out);
            out.push(',');
            cell(&s("summary"), &mut out);
            out.push(',');
            cell(e["sources"][0]["publisher"].as_str().unwrap_or(""), &mut out);
            out.push('\n');
        }
        write_atomically(&path, out.as_bytes());
    }
    path
}

/// Human-readable byte size.
/// A criterion group set for one size: throughput in bytes of the file, and fewer, longer
/// samples for the big sizes (a load of 10^6 events takes seconds).
pub fn size_group(g: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>, n: usize, bytes: u64) {
    g.throughput(criterion::Throughput::Bytes(bytes));
    if n >= 100_000 {
        g.sample_size(10);
        g.measurement_time(std::time::Duration::from_secs(if n >= 1_000_000 { 40 } else { 10 }));
    } else {
        g.sample_size(20);
        g.measurement_time(std::time::Duration::from_secs(5));
    }
}

pub fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

/// Load a generated file the way the app does, search index included (built now when the file
/// was too small for the parallel loader to build it on the way).
pub fn load_state(path: &Path) -> kz_timeline::app::State {
    use kz_timeline::app::{Options, State};
    let (t, index) = kz_timeline::query::load::timeline(path, &Default::default(), &Default::default())
        .expect("generated data is valid");
    let s = State::new(t, "bench", Options::default());
    match index {
        Some(index) => s.with_index(index),
        None => {
            s.index();
            s
        }
    }
}

/// ACLED's current 31 columns, in its order.
const ACLED_HEADER: &str = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp";

const ACLED_TYPES: [(&str, &str, &str); 6] = [
    ("Demonstrations", "Protests", "Peaceful protest"),
    ("Demonstrations", "Protests", "Protest with intervention"),
    ("Demonstrations", "Riots", "Violent demonstration"),
    ("Political violence", "Violence against civilians", "Attack"),
    ("Strategic developments", "Strategic developments", "Arrests"),
    ("Political violence", "Battles", "Armed clash"),
];

const ACLED_ADMIN1: [(&str, f64, f64); 8] = [
    ("Mangystau", 43.65, 51.17),
    ("Almaty", 43.24, 76.89),
    ("Atyrau", 47.11, 51.92),
    ("Aktobe", 50.28, 57.17),
    ("Karaganda", 49.80, 73.10),
    ("Zhambyl", 42.90, 71.37),
    ("Turkistan", 43.30, 68.25),
    ("Kyzylorda", 44.85, 65.51),
];

fn csv_cell(s: &str, out: &mut String) {
    if s.contains([',', '"', '\n']) {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

/// `n` rows shaped like an ACLED export of one country (about 600 bytes a row: a notes text of
/// about 300 characters, one to three sources, actors, coordinates, a fatalities count).
pub fn acled_csv(n: usize) -> String {
    let mut r = Rng::new(0xAC1ED);
    let mut out = String::with_capacity(n * 640);
    out.push_str(ACLED_HEADER);
    out.push('\n');
    let mut notes = String::new();
    for i in 0..n {
        let day = (i * 730 / n.max(1)) as u32;
        let (y, m, d) = ymd(day);
        let (disorder, kind, sub) = *r.pick(&ACLED_TYPES);
        let (admin1, lat, lon) = *r.pick(&ACLED_ADMIN1);
        notes.clear();
        let _ = write!(notes, "On {d} {} {y}, ", MONTHS[m as usize - 1]);
        sentence(&mut r, 40, false, &mut notes);
        notes.push(' ');
        sentence(&mut r, 12, false, &mut notes);
        let sources: Vec<&str> = (0..1 + r.below(3)).map(|_| r.pick(&PUBLISHERS).0).collect();
        let precision = if r.pct(90) { 1 } else { 2 + r.below(2) };
        let actor1 = "Protesters (Kazakhstan)";
        let actor2 = if r.pct(40) { r.pick(&ACTORS).to_string() } else { String::new() };
        let _ = write!(out, "KAZ{},{y:04}-{m:02}-{d:02},{y},{precision},{disorder},{kind},{sub},", 10_000 + i);
        csv_cell(actor1, &mut out);
        out.push_str(",,Protesters,");
        csv_cell(&actor2, &mut out);
        let _ = write!(out, ",,,Protesters only,,398,Central Asia,Kazakhstan,{admin1},,,{admin1} city,");
        let _ = write!(
            out,
            "{:.4},{:.4},1,",
            lat + (r.below(200) as f64 - 100.0) / 1000.0,
            lon + (r.below(200) as f64 - 100.0) / 1000.0
        );
        csv_cell(&sources.join("; "), &mut out);
        out.push_str(",National,");
        csv_cell(&notes, &mut out);
        let _ = writeln!(out, ",{},,1700000000", if r.pct(85) { 0 } else { r.below(12) });
    }
    out
}

/// The ACLED-shaped file of `n` rows, generated on first use.
pub fn acled_file(n: usize) -> PathBuf {
    let path = data_dir().join(format!("acled-{n}.csv"));
    if !path.exists() {
        write_atomically(&path, acled_csv(n).as_bytes());
    }
    path
}

/// The first `n` generated events as a TimelineJS3 file (headline, HTML text, group, unique_id).
pub fn timelinejs_file(n: usize) -> PathBuf {
    let path = data_dir().join(format!("timelinejs-{n}.json"));
    if !path.exists() {
        let v: serde_json::Value = serde_json::from_str(&timeline_json(n)).expect("generated JSON parses");
        let events: Vec<serde_json::Value> = v["events"]
            .as_array()
            .expect("events")
            .iter()
            .map(|e| {
                let date = e["start"]["date"].as_str().unwrap_or("2022-01-01");
                let mut parts = date.split('-').map(|p| p.parse::<u32>().unwrap_or(1));
                let (year, month, day) = (parts.next(), parts.next(), parts.next());
                serde_json::json!({
                    "unique_id": e["id"],
                    "start_date": {"year": year, "month": month, "day": day},
                    "text": {"headline": e["title"], "text": format!("<p>{}</p>", e["summary"].as_str().unwrap_or(""))},
                    "group": e["categories"][0],
                })
            })
            .collect();
        let doc = serde_json::json!({"title": {"text": {"headline": "Generated"}}, "events": events});
        write_atomically(&path, serde_json::to_string(&doc).expect("serialise").as_bytes());
    }
    path
}
