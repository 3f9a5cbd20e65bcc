//! Rules for the bundled data (`assets/timeline.json`, `assets/regions.json`, `assets/names.json`)
//! beyond what the loader checks for any file: complete sources, time zones of 2022, the region
//! dictionary, name variants, text hygiene, and a must-cover list so that coverage of the events
//! required by the project cannot silently regress. See `docs/SOURCES.md`.

use std::collections::{HashMap, HashSet};

use kz_timeline::model::load::native::{
    ClaimStatusEntry, EventEntry, NameKind, NamesFile, RegionEntry, RegionKindEntry, RegionsFile, TimelineFile,
    WhenEntry,
};
use unicode_width::UnicodeWidthStr;

const TIMELINE: &str = include_str!("../assets/timeline.json");
const REGIONS: &str = include_str!("../assets/regions.json");
const NAMES: &str = include_str!("../assets/names.json");

fn timeline() -> TimelineFile {
    serde_json::from_str(TIMELINE).expect("assets/timeline.json parses as a kz-timeline file")
}

fn regions() -> RegionsFile {
    serde_json::from_str(REGIONS).expect("assets/regions.json parses as a region dictionary")
}

fn names() -> NamesFile {
    serde_json::from_str(NAMES).expect("assets/names.json parses as a name dictionary")
}

fn region_map(r: &RegionsFile) -> HashMap<&str, &RegionEntry> {
    r.regions.iter().map(|e| (e.id.as_str(), e)).collect()
}

/// Collects failures so one run shows all of them.
#[derive(Default)]
struct Failures(Vec<String>);

impl Failures {
    fn add(&mut self, msg: impl Into<String>) {
        self.0.push(msg.into());
    }
    fn check(self, what: &str) {
        assert!(self.0.is_empty(), "{what}: {} problem(s):\n  {}", self.0.len(), self.0.join("\n  "));
    }
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    match b.len() {
        4 => digits(0..4),
        7 => digits(0..4) && b[4] == b'-' && digits(5..7),
        10 => digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10),
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------------
// The timeline

#[test]
fn timeline_header_is_complete() {
    let t = timeline();
    assert_eq!(t.format, "kz-timeline");
    assert_eq!(t.version, 1);
    assert!(t.regions.is_none(), "the bundled timeline uses assets/regions.json, not an inline dictionary");
    assert!(!t.title.trim().is_empty());
    assert!(t.description.len() > 100, "the description should explain the scope");
}

/// The documented category set (docs/SOURCES.md). Every category is declared with a name and a
/// description, and events use only these.
const CATEGORIES: [&str; 14] = [
    "economy",
    "protest",
    "violence",
    "security",
    "government",
    "internet",
    "csto",
    "casualties",
    "detentions",
    "media",
    "justice",
    "rights",
    "commemoration",
    "politics",
];

#[test]
fn categories_are_the_documented_set() {
    let t = timeline();
    let declared = t.categories.as_ref().expect("categories are declared");
    let ids: Vec<&str> = declared.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, CATEGORIES, "declared categories differ from the documented set");
    for c in declared {
        assert!(!c.name.trim().is_empty(), "category {} has no name", c.id);
        assert!(c.description.as_deref().is_some_and(|d| !d.trim().is_empty()), "category {} has no description", c.id);
    }
    let mut f = Failures::default();
    for e in &t.events {
        if e.categories.is_empty() {
            f.add(format!("{}: no category", e.id));
        }
        for c in &e.categories {
            if !CATEGORIES.contains(&c.as_str()) {
                f.add(format!("{}: category {c:?} is not in the documented set", e.id));
            }
        }
    }
    f.check("event categories");
}

#[test]
fn at_least_ninety_events_with_unique_slug_ids() {
    let t = timeline();
    assert!(t.events.len() >= 90, "only {} events; issue 13 asks for at least 90", t.events.len());
    let mut seen = HashSet::new();
    let mut f = Failures::default();
    for e in &t.events {
        if !seen.insert(e.id.as_str()) {
            f.add(format!("duplicate id {}", e.id));
        }
        // Stable slugs, not positions: "YYYY-MM[-DD]-words", lower case.
        let ok_chars = e.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        let dated = e.id.len() > 8 && is_date(&e.id[..7]) && e.id[7..].starts_with('-');
        if !ok_chars || !dated || !e.id.starts_with(&e.start.date[..7]) {
            f.add(format!("{}: ids are lower-case slugs that start with the event's year and month", e.id));
        }
    }
    f.check("event ids");
}

#[test]
fn related_ids_resolve_and_are_not_self() {
    let t = timeline();
    let ids: HashSet<&str> = t.events.iter().map(|e| e.id.as_str()).collect();
    let mut f = Failures::default();
    for e in &t.events {
        for r in &e.related {
            if r == &e.id {
                f.add(format!("{}: related to itself", e.id));
            } else if !ids.contains(r.as_str()) {
                f.add(format!("{}: related id {r} does not exist", e.id));
            }
        }
    }
    f.check("related ids");
}

#[test]
fn every_source_has_publisher_title_https_url_and_date() {
    let t = timeline();
    let mut f = Failures::default();
    for e in &t.events {
        if e.sources.is_empty() {
            f.add(format!("{}: no source", e.id));
        }
        let mut ids = HashSet::new();
        for (j, s) in e.sources.iter().enumerate() {
            let at = format!("{} source {j}", e.id);
            if s.publisher.trim().is_empty() {
                f.add(format!("{at}: no publisher"));
            }
            if s.title.trim().is_empty() {
                f.add(format!("{at}: no title"));
            }
            match s.url.as_deref() {
                None => f.add(format!("{at}: no url")),
                Some(u) => {
                    let ok = (u.starts_with("https://") || u.starts_with("http://"))
                        && u.len() > 12
                        && !u.chars().any(|c| c.is_whitespace() || c.is_control());
                    if !ok {
                        f.add(format!("{at}: {u:?} is not a web address"));
                    }
                }
            }
            match s.date.as_deref() {
                None => f.add(format!("{at}: no date")),
                Some(d) if !is_date(d) => f.add(format!("{at}: date {d:?} is not YYYY, YYYY-MM or YYYY-MM-DD")),
                Some(d) if !("2022".."2026").contains(&d) => f.add(format!("{at}: date {d} is outside 2022-2025")),
                Some(_) => {}
            }
            if let Some(id) = &s.id
                && !ids.insert(id.as_str())
            {
                f.add(format!("{at}: duplicate source id {id}"));
            }
        }
    }
    f.check("sources");
}

#[test]
fn http_links_are_rare_exceptions() {
    // Prefer https. A few sites were only found under http; keep the list short and explicit.
    let allowed = ["http://www.uawire.org/", "http://asiaplustj.info/", "http://kz.expert/"];
    let t = timeline();
    let mut f = Failures::default();
    for e in &t.events {
        for s in &e.sources {
            if let Some(u) = s.url.as_deref()
                && u.starts_with("http://")
                && !allowed.iter().any(|a| u.starts_with(a))
            {
                f.add(format!("{}: {u} should be https", e.id));
            }
        }
    }
    f.check("http links");
}

#[test]
fn claims_cite_a_source_of_their_event_and_figures_use_documented_measures() {
    // The figure measures documented in docs/SOURCES.md.
    let measures: Vec<&str> = SERIES.iter().chain(SINGLE.iter().map(|(m, _)| m)).copied().collect();
    let t = timeline();
    let mut f = Failures::default();
    for e in &t.events {
        let ids: HashSet<&str> = e.sources.iter().filter_map(|s| s.id.as_deref()).collect();
        for (j, c) in e.claims.iter().enumerate() {
            let at = format!("{} claim {j}", e.id);
            if !ids.contains(c.source.as_str()) {
                f.add(format!("{at}: cites {:?}, which is not a source id of this event", c.source));
            }
            if c.by.trim().is_empty() || c.text.trim().is_empty() {
                f.add(format!("{at}: needs \"by\" and \"text\""));
            }
            if !is_date(&c.date) {
                f.add(format!("{at}: date {:?}", c.date));
            }
            if let Some(fig) = &c.figure {
                if !measures.contains(&fig.measure.as_str()) {
                    f.add(format!("{at}: measure {:?} is not documented", fig.measure));
                }
                if !fig.value.is_finite() || fig.value < 0.0 {
                    f.add(format!("{at}: figure {}", fig.value));
                }
                if fig.unit.as_deref().is_none_or(|u| u.trim().is_empty()) {
                    f.add(format!("{at}: a figure needs a unit saying what is counted"));
                }
            }
            // A disputed or retracted figure must say why.
            if matches!(c.status, ClaimStatusEntry::Disputed | ClaimStatusEntry::Retracted)
                && c.note.as_deref().is_none_or(|n| n.trim().is_empty())
            {
                f.add(format!("{at}: disputed and retracted claims carry a note explaining the dispute"));
            }
        }
    }
    f.check("claims");
}

/// Figure measures that form a series in the figures view (`F`): each is one quantity of one
/// subject, so every point of a series counts the same thing (docs/SOURCES.md, "Claims and figures").
const SERIES: [&str; 13] = [
    "deaths",
    "named-victims",
    "security-deaths",
    "custody-deaths",
    "injured",
    "security-forces-injured",
    "sought-medical-help",
    "detained",
    "arrested",
    "csto-troops",
    "criminal-cases",
    "convicted",
    "amnestied",
];

/// Measures that have only one claim, each with the reason it stays a figure on its own rather than
/// joining a series of something else (the figures view draws only measures with two or more claims).
const SINGLE: [(&str, &str); 7] = [
    ("attackers", "the one number of attackers the authorities gave (Tokayev's 20,000, 7 January 2022)"),
    ("journalists-detained", "only CPJ counted journalists detained, once (6 January 2022)"),
    ("shutdown-hours", "the one measured length of the Almaty shutdown (RFE/RL, 111 hours)"),
    ("referendum-approval", "the one official result of the 5 June 2022 referendum"),
    ("referendum-turnout", "the referendum's turnout, a different quantity from an election's"),
    ("presidential-vote-share", "the one official result of the 20 November 2022 election"),
    ("presidential-turnout", "the election's turnout, a different quantity from the referendum's"),
];

#[test]
fn every_measure_is_a_series_or_a_documented_single() {
    let t = timeline();
    let mut count: HashMap<&str, usize> = HashMap::new();
    for c in t.events.iter().flat_map(|e| &e.claims) {
        if let Some(fig) = &c.figure {
            *count.entry(fig.measure.as_str()).or_default() += 1;
        }
    }
    let mut f = Failures::default();
    for m in SERIES {
        match count.get(m).copied().unwrap_or(0) {
            n if n >= 2 => {}
            n => {
                f.add(format!("series {m:?} has {n} claim(s); a series needs two (or move it to SINGLE with a reason)"))
            }
        }
    }
    for (m, reason) in SINGLE {
        assert!(!reason.trim().is_empty());
        match count.get(m).copied().unwrap_or(0) {
            1 => {}
            n => f.add(format!("single measure {m:?} has {n} claims (a single has exactly one)")),
        }
    }
    for (m, n) in &count {
        if !SERIES.contains(m) && !SINGLE.iter().any(|(s, _)| s == m) {
            f.add(format!("measure {m:?} ({n} claims) is neither a documented series nor a documented single"));
        }
    }
    f.check("figure measures");
}

#[test]
fn contested_events_have_at_least_two_sources() {
    let t = timeline();
    let mut f = Failures::default();
    for e in &t.events {
        if e.claims.iter().any(|c| c.status == ClaimStatusEntry::Disputed) && e.sources.len() < 2 {
            f.add(format!("{}: has a disputed claim but only {} source", e.id, e.sources.len()));
        }
    }
    f.check("contested events");
}

/// Numbers of dead, detained and so on in event texts must also appear as attributed claims on
/// the same event, so that no contested figure is stated as a bare fact.
#[test]
fn casualty_and_detention_numbers_in_text_are_backed_by_claims() {
    let t = timeline();
    let mut f = Failures::default();
    let words = ["dead", "died", "killed", "detained", "deaths", "toll"];
    for e in &t.events {
        // A number is attributed if it is a claim's figure or appears in a claim's text.
        let mut figures: HashSet<i64> =
            e.claims.iter().filter_map(|c| c.figure.as_ref()).map(|fig| fig.value.round() as i64).collect();
        figures.extend(e.claims.iter().flat_map(|c| numbers_in(&c.text)));
        for sentence in e.summary.split(". ") {
            let lower = sentence.to_lowercase();
            if !words.iter().any(|w| lower.contains(w)) {
                continue;
            }
            for n in numbers_in(sentence) {
                // Ages, dates, years and small counts of named people are not contested figures.
                if n < 30 || (1900..=2100).contains(&n) {
                    continue;
                }
                if !figures.contains(&n) {
                    f.add(format!("{}: the number {n} appears in the summary without a matching claim", e.id));
                }
            }
        }
    }
    f.check("numbers in texts");
}

fn numbers_in(s: &str) -> Vec<i64> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let thousands_sep = c == ',' && !cur.is_empty() && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if c.is_ascii_digit() {
            cur.push(c);
        } else if !thousands_sep {
            if let Ok(n) = cur.parse() {
                out.push(n);
            }
            cur.clear();
        }
    }
    if let Ok(n) = cur.parse() {
        out.push(n);
    }
    out
}

#[test]
fn every_event_has_a_known_region_and_consistent_place() {
    let t = timeline();
    let r = regions();
    let by_id = region_map(&r);
    let mut f = Failures::default();
    for e in &t.events {
        let Some(rid) = e.region.as_deref() else {
            f.add(format!("{}: no region", e.id));
            continue;
        };
        let Some(region) = by_id.get(rid) else {
            f.add(format!("{}: unknown region {rid}", e.id));
            continue;
        };
        // Regions created in June 2022 cannot host earlier events.
        if let Some(created) = region.created.as_deref()
            && e.start.date.as_str() < created
        {
            f.add(format!("{}: region {rid} did not exist until {created}", e.id));
        }
        if let Some(p) = &e.place {
            if p.name.trim().is_empty() {
                f.add(format!("{}: place without a name", e.id));
            }
            if let (Some(lat), Some(lon)) = (p.lat, p.lon) {
                // A located place lies in Kazakhstan unless the event is abroad, and near its region's
                // centre (regions are large; 8 degrees is generous but catches swapped regions).
                if rid != "international" {
                    if !in_kazakhstan(lat, lon) {
                        f.add(format!("{}: place {} ({lat}, {lon}) is outside Kazakhstan", e.id, p.name));
                    }
                    if let Some(c) = &region.centre
                        && let (Some(clat), Some(clon)) = (c.lat, c.lon)
                        && ((clat - lat).abs() > 8.0 || (clon - lon).abs() > 8.0)
                    {
                        f.add(format!("{}: place {} is far from the centre of {rid}", e.id, p.name));
                    }
                }
            }
        }
    }
    f.check("regions and places");
}

/// Place names that identify a city must be filed under that city's region.
#[test]
fn known_places_are_filed_under_their_region() {
    let rules: [(&str, &[&str]); 8] = [
        ("Zhanaozen", &["mangystau"]),
        ("Aktau", &["mangystau"]),
        ("Taldykorgan", &["almaty-region", "jetisu"]),
        ("Oral", &["west-kazakhstan"]),
        ("Aktobe", &["aktobe"]),
        ("Almaty", &["almaty"]),
        ("Nur-Sultan", &["astana"]),
        ("Astana", &["astana"]),
    ];
    let t = timeline();
    let mut f = Failures::default();
    for e in &t.events {
        let (Some(p), Some(rid)) = (&e.place, e.region.as_deref()) else { continue };
        for (city, allowed) in rules {
            let mentions = p.name.split(|c: char| !c.is_alphanumeric() && c != '-').any(|w| w == city);
            if mentions && !allowed.contains(&rid) {
                f.add(format!("{}: place {:?} is filed under {rid}", e.id, p.name));
            }
        }
    }
    f.check("place names");
}

fn in_kazakhstan(lat: f64, lon: f64) -> bool {
    (40.0..=56.0).contains(&lat) && (46.0..=88.0).contains(&lon)
}

fn check_when(w: &WhenEntry, what: &str, region: Option<&RegionEntry>, f: &mut Failures) {
    if !is_date(&w.date) {
        f.add(format!("{what}: date {:?}", w.date));
        return;
    }
    if let Some(t) = &w.time {
        let ok = t.len() == 5
            && t.as_bytes()[2] == b':'
            && t[..2].parse::<u8>().is_ok_and(|h| h < 24)
            && t[3..].parse::<u8>().is_ok_and(|m| m < 60);
        if !ok {
            f.add(format!("{what}: time {t:?}"));
        }
        if w.date.len() != 10 {
            f.add(format!("{what}: a time needs a full date"));
        }
        let off = w.utc_offset.as_deref().unwrap_or("");
        match region.and_then(|r| r.utc_offset.as_deref()) {
            // A real region: the offset it had in 2022.
            Some(expected) => {
                if off != expected {
                    f.add(format!("{what}: offset {off:?}, but {} was on {expected} in 2022", region.unwrap().id));
                }
            }
            // Nationwide or abroad: one of Kazakhstan's two 2022 offsets, named in the event's texts.
            None => {
                if off != "+06:00" && off != "+05:00" {
                    f.add(format!("{what}: offset {off:?} is neither UTC+6 nor UTC+5"));
                }
            }
        }
        if matches!(w.precision, Some(kz_timeline::model::load::native::PrecisionEntry::Hour)) && !t.ends_with(":00") {
            f.add(format!("{what}: hour precision needs HH:00"));
        }
        if w.period.is_some() {
            f.add(format!("{what}: a period is only for events without a time"));
        }
    } else if w.utc_offset.is_some() {
        f.add(format!("{what}: an offset without a time"));
    }
}

#[test]
fn dates_and_times_carry_the_2022_offsets() {
    let t = timeline();
    let r = regions();
    let by_id = region_map(&r);
    let mut f = Failures::default();
    for e in &t.events {
        let region = e.region.as_deref().and_then(|id| by_id.get(id)).copied();
        let region = region.filter(|r| r.kind != RegionKindEntry::Pseudo);
        check_when(&e.start, &format!("{} start", e.id), region, &mut f);
        if let Some(end) = &e.end {
            check_when(end, &format!("{} end", e.id), region, &mut f);
            if end.date < e.start.date {
                f.add(format!("{}: ends before it starts", e.id));
            }
        }
        // Events on the pseudo-regions that carry a clock time must say which zone it is in.
        if e.start.time.is_some() && region.is_none() {
            let text = format!("{} {}", e.summary, e.body.as_deref().unwrap_or(""));
            if !(text.contains("UTC+6") || text.contains("UTC+5") || text.contains("local time")) {
                f.add(format!("{}: a nationwide time must name its time zone in the text", e.id));
            }
        }
        // The covered period: the price change of 1 January 2022 to later anniversaries.
        if e.start.date.as_str() < "2022-01-01" || e.start.date.as_str() > "2024-12-31" {
            f.add(format!("{}: {} is outside the period covered", e.id, e.start.date));
        }
    }
    f.check("dates and times");
}

#[test]
fn approximate_times_are_hour_precision() {
    // "About 5 p.m." is an estimate to the hour; never pretend to minute precision for it.
    let t = timeline();
    for e in &t.events {
        if e.start.approximate && e.start.time.is_some() {
            assert!(
                matches!(e.start.precision, Some(kz_timeline::model::load::native::PrecisionEntry::Hour)),
                "{}: approximate times are given to the hour",
                e.id
            );
        }
    }
}

#[test]
fn capital_is_called_nur_sultan_before_the_renaming() {
    // Nur-Sultan from March 2019; Astana again from 19 September 2022 (signed 17 September).
    let t = timeline();
    let mut f = Failures::default();
    for e in &t.events {
        if e.start.date.as_str() < "2022-09-17" {
            for (field, text) in [("title", e.title.as_str()), ("summary", e.summary.as_str())] {
                if text.contains("Astana") && !text.contains("Astana Times") {
                    f.add(format!("{}: {field} says Astana for a date before the renaming", e.id));
                }
            }
        }
    }
    f.check("capital name");
}

#[test]
fn actors_are_in_the_name_dictionary() {
    let t = timeline();
    let n = names();
    let known: HashSet<&str> = n.names.iter().map(|x| x.name.as_str()).collect();
    let mut f = Failures::default();
    for e in &t.events {
        for a in &e.actors {
            if !known.contains(a.as_str()) {
                f.add(format!("{}: actor {a:?} is not a name in assets/names.json", e.id));
            }
        }
    }
    f.check("actors");
}

#[test]
fn about_a_third_of_events_have_teacher_notes() {
    let t = timeline();
    let with_notes = t.events.iter().filter(|e| e.notes.as_deref().is_some_and(|n| !n.trim().is_empty())).count();
    assert!(with_notes * 4 >= t.events.len(), "only {with_notes} of {} events have teacher notes", t.events.len());
}

// ---------------------------------------------------------------------------------------------
// Must-cover list (issue 3). Each row: the local start date and keywords that must all occur
// (case-insensitively) in the id, title or summary of one event starting that day.

const MUST_COVER: &[(&str, &[&str])] = &[
    // The price change and the first protests, then the spread day by day.
    ("2022-01-01", &["lpg", "price"]),
    ("2022-01-02", &["zhanaozen", "protest"]),
    ("2022-01-02", &["aktau"]),
    ("2022-01-03", &["mangystau", "commission"]),
    ("2022-01-04", &["aktau", "50"]),
    ("2022-01-04", &["spread", "aktobe", "shymkent", "nur-sultan"]),
    ("2022-01-04", &["almaty", "stun grenades"]),
    ("2022-01-05", &["aktobe"]),
    ("2022-01-05", &["taldykorgan", "statue"]),
    // Government resignation, state of emergency (where, when, then nationwide), Security Council.
    ("2022-01-05", &["resign", "mamin", "smailov"]),
    ("2022-01-05", &["state of emergency", "mangystau", "almaty", "curfew"]),
    ("2022-01-05", &["state of emergency", "almaty region", "12:30"]),
    ("2022-01-05", &["state of emergency", "every region", "nur-sultan"]),
    ("2022-01-05", &["security council", "nazarbayev", "masimov"]),
    // The city administration, the airport.
    ("2022-01-05", &["akimat", "fire"]),
    ("2022-01-05", &["airport"]),
    // Internet: start, the blackout, partial and full restoration, the five days.
    ("2022-01-04", &["internet", "evening"]),
    ("2022-01-05", &["internet", "blackout"]),
    ("2022-01-08", &["internet", "again"]),
    ("2022-01-10", &["internet", "restored", "five days", "111"]),
    // The CSTO: request, decision, deployment, size, withdrawal.
    ("2022-01-05", &["csto", "tokayev"]),
    ("2022-01-06", &["csto", "pashinyan"]),
    ("2022-01-06", &["csto", "arrive", "russia", "belarus", "armenia", "tajikistan", "kyrgyzstan"]),
    ("2022-01-07", &["kyrgyz", "150"]),
    ("2022-01-10", &["csto", "2,030"]),
    ("2022-01-11", &["csto", "withdrawal"]),
    ("2022-01-13", &["csto", "withdraw"]),
    ("2022-01-19", &["csto", "leave"]),
    // Shoot to kill, the 20,000 claim, blame on media and activists, reporters arrested.
    ("2022-01-07", &["shoot to kill without warning"]),
    ("2022-01-07", &["20,000"]),
    ("2022-01-07", &["media", "activists"]),
    ("2022-01-04", &["journalists", "detained"]),
    ("2022-01-07", &["journalist", "akhmedyarov"]),
    // Aikorkem.
    ("2022-01-07", &["aikorkem", "father"]),
    // Casualty figures as they changed.
    ("2022-01-07", &["26", "18"]),
    ("2022-01-09", &["164", "technical error"]),
    ("2022-01-15", &["225", "19"]),
    ("2022-02-13", &["impeachment"]),
    ("2022-02-23", &["six", "torture"]),
    ("2022-03-14", &["230", "238"]),
    ("2022-06-29", &["232", "six", "tortured to death"]),
    ("2022-08-16", &["238", "list"]),
    // Arrests and dismissals of officials, mourning, the new prime minister.
    ("2022-01-06", &["masimov", "treason"]),
    ("2022-01-17", &["abish"]),
    ("2022-01-31", &["mayor", "dismissed"]),
    ("2022-01-10", &["mourning"]),
    ("2022-01-11", &["smailov", "prime minister"]),
    // International investigation: calls and the official rejection.
    ("2022-01-20", &["european parliament", "international investigation"]),
    ("2022-01-29", &["rejects", "international investigation"]),
    ("2022-02-09", &["human rights watch", "international experts"]),
    // Aftermath.
    ("2022-06-05", &["referendum"]),
    ("2022-09-17", &["astana", "renam"]),
    ("2022-11-02", &["amnesty"]),
    ("2022-11-20", &["election", "tokayev"]),
    ("2023-04-24", &["masimov", "18 years"]),
    // Memorial and the first anniversary.
    ("2022-12-23", &["memorial", "almaty"]),
    ("2023-01-05", &["independence monument", "resolution", "tokayev", "nazarbayev", "impeached", "csto"]),
    ("2023-01-05", &["police", "monitored", "internet", "blocked"]),
    ("2023-01-05", &["relatives", "bus", "mosques"]),
    ("2023-01-05", &["democratic party", "detained", "announced"]),
    // Issue 13 (content audit, December 2026): corrected facts and the events it found missing.
    ("2022-01-11", &["qazaqstan halqyna", "first president", "elbasy"]),
    ("2022-01-15", &["4,353", "3,393", "injured"]),
    ("2022-06-05", &["referendum", "20:00", "local time"]),
    ("2022-06-05", &["20,000", "former heads of the law-enforcement agencies"]),
    ("2022-06-29", &["232", "19", "six", "tortured to death"]),
    ("2022-11-20", &["lacking competitiveness", "foreign ministry"]),
    ("2022-01-09", &["ruzakhunov", "confessing"]),
    ("2022-01-10", &["ruzakhunov", "false"]),
    ("2022-01-19", &["bektanov", "dismissed"]),
    ("2022-01-19", &["mazhilis", "lifetime chairmanship", "security council"]),
    ("2022-02-07", &["senate", "signs", "nazarbayev"]),
    ("2022-01-24", &["independent public commission"]),
    ("2022-02-01", &["human rights watch", "arbitrarily", "torture"]),
    ("2022-03-13", &["satybaldy", "detained"]),
    ("2022-09", &["satybaldy", "six years"]),
    ("2022-07-29", &["amnesty international", "human rights watch", "188", "221"]),
    ("2023-01-11", &["constitutional court", "elbasy"]),
    ("2023-01-13", &["parliament", "elbasy"]),
    ("2022-02-25", &["qazaqstan halqyna", "families"]),
];

fn haystack(e: &EventEntry) -> String {
    format!("{} {} {}", e.id, e.title, e.summary).to_lowercase()
}

#[test]
fn must_cover_list_is_covered() {
    let t = timeline();
    let mut f = Failures::default();
    for (date, keywords) in MUST_COVER {
        let found = t.events.iter().any(|e| {
            let h = haystack(e);
            e.start.date == *date && keywords.iter().all(|k| h.contains(&k.to_lowercase()))
        });
        if !found {
            f.add(format!("{date}: no event mentions all of {keywords:?}"));
        }
    }
    f.check("must-cover list");
}

#[test]
fn the_twenty_thousand_claim_is_recorded_as_an_unproven_claim() {
    let t = timeline();
    let claim = t
        .events
        .iter()
        .flat_map(|e| &e.claims)
        .find(|c| c.figure.as_ref().is_some_and(|f| f.measure == "attackers" && f.value == 20000.0))
        .expect("a claim with measure \"attackers\" and value 20000");
    assert!(matches!(claim.status, ClaimStatusEntry::Disputed | ClaimStatusEntry::Unverified));
    assert!(
        claim.note.as_deref().is_some_and(|n| n.contains("No evidence was provided")),
        "the note says no evidence was provided"
    );
    assert!(claim.by.contains("Tokayev"));
}

#[test]
fn the_death_toll_sequence_is_recorded_as_attributed_claims() {
    // Each official figure appears as a claim with its date; the retracted 164 is marked retracted.
    let expected: [(f64, &str, Option<ClaimStatusEntry>); 7] = [
        (26.0, "2022-01-07", None),
        (164.0, "2022-01-09", Some(ClaimStatusEntry::Retracted)),
        (225.0, "2022-01-15", None),
        (227.0, "2022-02", None),
        (230.0, "2022-03-14", Some(ClaimStatusEntry::Disputed)),
        (232.0, "2022-06-29", None),
        (238.0, "2022-08-16", None),
    ];
    let t = timeline();
    let deaths: Vec<_> = t
        .events
        .iter()
        .flat_map(|e| &e.claims)
        .filter(|c| c.figure.as_ref().is_some_and(|f| f.measure == "deaths"))
        .collect();
    for (value, date, status) in expected {
        let hit = deaths.iter().find(|c| c.figure.as_ref().unwrap().value == value && c.date == date);
        let hit = hit.unwrap_or_else(|| panic!("no \"deaths\" claim of {value} dated {date}"));
        if let Some(s) = status {
            assert_eq!(hit.status, s, "status of the {value} claim");
        }
    }
    // 19 security personnel and six deaths in custody.
    let all: Vec<_> = t.events.iter().flat_map(|e| &e.claims).filter_map(|c| c.figure.as_ref()).collect();
    assert!(all.iter().any(|f| f.measure == "security-deaths" && f.value == 19.0));
    assert!(all.iter().any(|f| f.measure == "custody-deaths" && f.value == 6.0));
}

// ---------------------------------------------------------------------------------------------
// The glossary (issue 13): the terms a student needs, each defined from its sources and used

/// The terms issue 13 asks for, as the bundled glossary spells them.
const GLOSSARY: [&str; 11] = [
    "Mazhilis",
    "Senate",
    "Security Council",
    "KNB",
    "akimat",
    "tenge",
    "CSTO",
    "Elbasy",
    "Qandy Qantar",
    "state of emergency",
    "counter-terrorist operation regime",
];

#[test]
fn the_glossary_has_the_required_terms_each_sourced() {
    let t = timeline();
    let terms: Vec<&str> = t.glossary.iter().map(|g| g.term.as_str()).collect();
    let mut f = Failures::default();
    for want in GLOSSARY {
        if !terms.contains(&want) {
            f.add(format!("the glossary has no entry for {want:?}"));
        }
    }
    for g in &t.glossary {
        if g.sources.is_empty() {
            f.add(format!("{}: the definition cites no source", g.term));
        }
        if g.definition.chars().count() < 60 {
            f.add(format!("{}: the definition is too short to help a student", g.term));
        }
    }
    f.check("glossary entries");
}

#[test]
fn every_glossary_term_occurs_in_an_event() {
    let t = kz_timeline::model::load::bundled_timeline().unwrap_or_else(|e| panic!("{}", e.report(50)));
    assert_eq!(t.glossary.len(), timeline().glossary.len());
    // Teacher notes do not count: a student reads the event texts.
    let used = kz_timeline::query::glossary::terms_used(&t.glossary, &t.events, false);
    let mut f = Failures::default();
    for (i, g) in t.glossary.iter().enumerate() {
        if !used.contains(&i) {
            f.add(format!("{:?} (or an alias) occurs in no event's title, summary, body or claims", g.term));
        }
    }
    f.check("glossary use");
}

// ---------------------------------------------------------------------------------------------
// Text hygiene

fn all_strings(v: &serde_json::Value, path: String, out: &mut Vec<(String, String)>) {
    match v {
        serde_json::Value::String(s) => out.push((path, s.clone())),
        serde_json::Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                all_strings(x, format!("{path}[{i}]"), out);
            }
        }
        serde_json::Value::Object(o) => {
            for (k, x) in o {
                all_strings(x, format!("{path}.{k}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn text_is_clean() {
    let mut f = Failures::default();
    for (file, text) in [("timeline.json", TIMELINE), ("regions.json", REGIONS), ("names.json", NAMES)] {
        let v: serde_json::Value = serde_json::from_str(text).unwrap();
        let mut strings = Vec::new();
        all_strings(&v, String::new(), &mut strings);
        for (path, s) in strings {
            let at = format!("{file}{path}");
            if s.chars().any(|c| (c.is_control() && c != '\n') || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}' | '\u{ad}')) {
                f.add(format!("{at}: control or invisible character"));
            }
            if s.contains("  ") {
                f.add(format!("{at}: double space"));
            }
            if s != s.trim() || s.lines().any(|l| l != l.trim_end()) {
                f.add(format!("{at}: leading or trailing whitespace"));
            }
            if s.contains("\n\n\n") {
                f.add(format!("{at}: more than one blank line"));
            }
        }
    }
    let t = timeline();
    for e in &t.events {
        if e.title.chars().count() > 80 {
            f.add(format!("{}: title is {} characters (limit 80)", e.id, e.title.chars().count()));
        }
        if e.title.contains('\n') || e.summary.contains('\n') {
            f.add(format!("{}: title and summary are one line / one paragraph", e.id));
        }
        if e.summary.chars().count() < 80 {
            f.add(format!("{}: summary is too short to explain the event", e.id));
        }
    }
    f.check("text hygiene");
}

// ---------------------------------------------------------------------------------------------
// The region dictionary

const JAN_2022_REGIONS: [&str; 14] = [
    "akmola",
    "aktobe",
    "almaty-region",
    "atyrau",
    "east-kazakhstan",
    "jambyl",
    "karaganda",
    "kostanay",
    "kyzylorda",
    "mangystau",
    "north-kazakhstan",
    "pavlodar",
    "turkistan",
    "west-kazakhstan",
];
const CITIES: [&str; 3] = ["astana", "almaty", "shymkent"];
const JUNE_2022_REGIONS: [&str; 3] = ["abai", "jetisu", "ulytau"];
const PSEUDO: [&str; 2] = ["nationwide", "international"];
const UTC5: [&str; 5] = ["mangystau", "atyrau", "aktobe", "west-kazakhstan", "kyzylorda"];

#[test]
fn region_dictionary_has_exactly_the_expected_units() {
    let r = regions();
    assert_eq!(r.format, "kz-timeline-regions");
    assert_eq!(r.version, 1);
    let mut expected: Vec<&str> =
        JAN_2022_REGIONS.iter().chain(&CITIES).chain(&JUNE_2022_REGIONS).chain(&PSEUDO).copied().collect();
    expected.sort_unstable();
    let mut ids: Vec<&str> = r.regions.iter().map(|x| x.id.as_str()).collect();
    ids.sort_unstable();
    assert_eq!(ids, expected);
    let by_id = region_map(&r);
    for id in JAN_2022_REGIONS.iter().chain(&JUNE_2022_REGIONS) {
        assert_eq!(by_id[id].kind, RegionKindEntry::Region, "{id} is a region");
    }
    for id in CITIES {
        assert_eq!(by_id[id].kind, RegionKindEntry::City, "{id} is a city");
    }
    for id in PSEUDO {
        assert_eq!(by_id[id].kind, RegionKindEntry::Pseudo, "{id} is a pseudo-region");
    }
}

#[test]
fn regions_have_names_aliases_codes_and_centres() {
    let r = regions();
    let mut f = Failures::default();
    let mut iso_seen = HashSet::new();
    for reg in &r.regions {
        let id = reg.id.as_str();
        if reg.kind == RegionKindEntry::Pseudo {
            if reg.utc_offset.is_some() || reg.iso_3166_2.is_some() {
                f.add(format!("{id}: a pseudo-region has no offset or ISO code"));
            }
            continue;
        }
        for (what, v) in [("name_kk", &reg.name_kk), ("name_ru", &reg.name_ru)] {
            if v.as_deref().is_none_or(|s| s.trim().is_empty()) {
                f.add(format!("{id}: no {what}"));
            }
        }
        if reg.name_kk.as_deref().is_some_and(|s| !s.chars().any(|c| ('\u{0400}'..='\u{04ff}').contains(&c))) {
            f.add(format!("{id}: name_kk should be in Cyrillic"));
        }
        if reg.aliases.is_empty() {
            f.add(format!("{id}: no aliases"));
        }
        let created = reg.created.as_deref();
        match (created, reg.iso_3166_2.as_deref()) {
            (None, Some(code)) => {
                if !(code.starts_with("KZ-") && code.len() == 6 && code[3..].chars().all(|c| c.is_ascii_uppercase())) {
                    f.add(format!("{id}: {code} is not a letter code of January 2022 (KZ-XXX)"));
                }
                if !iso_seen.insert(code.to_string()) {
                    f.add(format!("{id}: duplicate ISO code {code}"));
                }
            }
            (None, None) => f.add(format!("{id}: no ISO 3166-2 code")),
            (Some(_), Some(_)) => f.add(format!("{id}: had no ISO code in January 2022")),
            (Some(d), None) => {
                if d != "2022-06-08" {
                    f.add(format!("{id}: created {d}, expected 2022-06-08"));
                }
            }
        }
        match reg.iso_3166_2_current.as_deref() {
            Some(c) if c.starts_with("KZ-") && c.len() == 5 && c[3..].chars().all(|d| d.is_ascii_digit()) => {
                if !iso_seen.insert(c.to_string()) {
                    f.add(format!("{id}: duplicate ISO code {c}"));
                }
            }
            other => f.add(format!("{id}: current ISO code {other:?} is not KZ-NN")),
        }
        match &reg.centre {
            Some(c) => match (c.lat, c.lon) {
                (Some(lat), Some(lon)) if in_kazakhstan(lat, lon) => {}
                _ => f.add(format!("{id}: centre {} lacks coordinates in Kazakhstan (lat 40-56, lon 46-88)", c.name)),
            },
            None => f.add(format!("{id}: no administrative centre")),
        }
        let expected = if UTC5.contains(&id) { "+05:00" } else { "+06:00" };
        if reg.utc_offset.as_deref() != Some(expected) {
            f.add(format!("{id}: UTC offset in 2022 was {expected}, not {:?}", reg.utc_offset));
        }
    }
    for id in JAN_2022_REGIONS.iter().chain(&CITIES) {
        if r.regions.iter().any(|x| x.id == *id && x.created.is_some()) {
            f.add(format!("{id}: existed in January 2022, so it has no \"created\" date"));
        }
    }
    f.check("region entries");
}

#[test]
fn region_badges_are_unique_readable_and_narrow() {
    let r = regions();
    let mut f = Failures::default();
    let mut seen = HashSet::new();
    for reg in &r.regions {
        let Some(b) = reg.badge.as_deref() else {
            f.add(format!("{}: no badge", reg.id));
            continue;
        };
        if b.width() > 8 || b.trim().is_empty() {
            f.add(format!("{}: badge {b:?} must be 1 to 8 columns", reg.id));
        }
        if b.chars().filter(|c| c.is_alphabetic()).count() < 3 {
            f.add(format!("{}: badge {b:?} is too cryptic", reg.id));
        }
        if !seen.insert(b.to_lowercase()) {
            f.add(format!("{}: badge {b:?} is not unique", reg.id));
        }
    }
    f.check("badges");
}

#[test]
fn region_lookups_people_type_are_unambiguous() {
    // Every name, short name, alias and ISO code identifies exactly one region.
    let r = regions();
    let mut owner: HashMap<String, &str> = HashMap::new();
    let mut f = Failures::default();
    for reg in &r.regions {
        let mut keys: Vec<&str> = vec![reg.id.as_str(), reg.name.as_str()];
        keys.extend(reg.short.as_deref());
        keys.extend(reg.iso_3166_2.as_deref());
        keys.extend(reg.iso_3166_2_current.as_deref());
        keys.extend(reg.aliases.iter().map(String::as_str));
        for k in keys {
            if let Some(prev) = owner.insert(k.to_lowercase(), reg.id.as_str())
                && prev != reg.id
            {
                f.add(format!("{k:?} names both {prev} and {}", reg.id));
            }
        }
    }
    f.check("region lookups");
    // The spellings the issue names.
    let by_id = region_map(&r);
    for a in ["Manghystau", "Mangistau"] {
        assert!(by_id["mangystau"].aliases.iter().any(|x| x == a), "Mangystau alias {a}");
    }
    assert!(by_id["astana"].aliases.iter().any(|x| x == "Nur-Sultan"));
    assert!(by_id["almaty"].aliases.iter().any(|x| x == "Alma-Ata"));
    assert_eq!(by_id["almaty"].iso_3166_2.as_deref(), Some("KZ-ALA"));
    assert_eq!(by_id["almaty-region"].iso_3166_2.as_deref(), Some("KZ-ALM"));
}

// ---------------------------------------------------------------------------------------------
// The name dictionary

#[test]
fn name_dictionary_has_the_key_variants() {
    let n = names();
    assert_eq!(n.format, "kz-timeline-names");
    assert_eq!(n.version, 1);
    let find =
        |name: &str| n.names.iter().find(|x| x.name == name).unwrap_or_else(|| panic!("{name} is in names.json"));
    let tokayev = find("Kassym-Jomart Tokayev");
    assert_eq!(tokayev.kind, NameKind::Person);
    for v in ["Tokayev", "Toqaev", "Тоқаев", "Токаев", "Tokaev", "Qasym-Zhomart Toqaev"] {
        assert!(tokayev.variants.iter().any(|x| x == v), "Tokayev variant {v}");
    }
    let nazarbayev = find("Nursultan Nazarbayev");
    for v in ["Nazarbaev", "Назарбаев"] {
        assert!(nazarbayev.variants.iter().any(|x| x == v), "Nazarbayev variant {v}");
    }
    let csto = find("CSTO");
    assert_eq!(csto.kind, NameKind::Organisation);
    for v in ["ODKB", "ОДКБ", "Collective Security Treaty Organization"] {
        assert!(csto.variants.iter().any(|x| x == v), "CSTO variant {v}");
    }
    let masimov = find("Karim Masimov");
    assert!(masimov.variants.iter().any(|x| x == "Massimov"));
}

#[test]
fn name_entries_are_unique_and_unambiguous() {
    let n = names();
    let mut f = Failures::default();
    let mut ids = HashSet::new();
    let mut owner: HashMap<String, &str> = HashMap::new();
    for x in &n.names {
        if !ids.insert(x.id.as_str()) {
            f.add(format!("duplicate id {}", x.id));
        }
        if x.role.as_deref().is_none_or(|r| r.trim().is_empty()) {
            f.add(format!("{}: no role", x.id));
        }
        for k in std::iter::once(&x.name).chain(&x.variants) {
            if let Some(prev) = owner.insert(k.to_lowercase(), x.id.as_str())
                && prev != x.id
            {
                f.add(format!("{k:?} belongs to both {prev} and {}", x.id));
            }
        }
    }
    f.check("names");
}

// ---------------------------------------------------------------------------------------------
// Through the loader: the format-generic checks (ids, regions, dates, end >= start, related,
// sources, claim sources) must pass for the bundled data, and the loaded model must agree.

#[test]
fn bundled_timeline_loads_through_the_loader() {
    let t = kz_timeline::model::load::bundled_timeline().unwrap_or_else(|e| panic!("{}", e.report(50)));
    assert_eq!(t.events.len(), timeline().events.len());
    assert!(t.events.windows(2).all(|w| w[0].start.day_order() <= w[1].start.day_order()), "events are in order");
    assert!(t.events.iter().all(|e| e.region.is_some()));
    let first = &t.events[0];
    assert_eq!(first.id, "2022-01-01-lpg-price-liberalisation");
    let zhanaozen = t.event_by_id("2022-01-02-zhanaozen-rally").expect("the Zhanaozen rally");
    let region = t.region(t.events[zhanaozen].region.unwrap());
    assert_eq!(region.id, "mangystau");
    assert_eq!(t.find_region("Manghystau"), t.region_by_id("mangystau"));
    assert_eq!(t.find_region("KZ-ALA"), t.region_by_id("almaty"));
    kz_timeline::model::load::bundled_names().unwrap_or_else(|e| panic!("{}", e.report(50)));
}

/// Where the sources give the order of events of one day but not their times, the bundled data
/// says so with order hints, and the loaded timeline lists them in that order.
#[test]
fn events_without_a_time_follow_what_the_sources_say_came_first() {
    let t = kz_timeline::model::load::bundled_timeline().unwrap();
    let pos = |id: &str| t.event_by_id(id).unwrap_or_else(|| panic!("no event {id}"));
    for (first, then) in [
        ("2022-01-02-zhanaozen-rally", "2022-01-02-aktau-protest"),
        ("2022-01-05-emergency-mangystau-almaty", "2022-01-05-government-resigns"),
        ("2022-01-05-almaty-region-emergency", "2022-01-05-emergency-nationwide"),
        ("2022-01-05-internet-blackout", "2022-01-05-almaty-akimat-stormed"),
        ("2022-01-05-almaty-airport-seized", "2022-01-05-csto-request"),
        ("2022-01-06-csto-decision", "2022-01-06-csto-troops-arrive"),
    ] {
        assert!(pos(first) < pos(then), "{first} must be listed before {then}");
    }
}

/// "More than 1,000" and "1,000" are the same quantity: a bound belongs in the claim's text, not
/// in the unit, or the figures view (which never joins different units) splits one series in two.
#[test]
fn units_carry_no_bounds_or_hedges() {
    let t = timeline();
    let hedges = ["more than", "nearly", "at least", "about", "planned", "expected", "ceiling", "up to"];
    let mut bad = Vec::new();
    for e in &t.events {
        for c in &e.claims {
            if let Some(unit) = c.figure.as_ref().and_then(|f| f.unit.as_deref())
                && hedges.iter().any(|h| unit.to_lowercase().contains(h))
            {
                bad.push(format!("{}: {unit}", e.id));
            }
        }
    }
    assert!(bad.is_empty(), "put the bound in the claim's text instead: {bad:#?}");
}
