//! Order within a day across UTC offsets, and the order hints (`after`): the loader, the list on
//! screen, `list --format text`, the JSON written back out, and `check`. The fixture
//! `mixed-offsets.json` has one day with events in three offsets, equal instants, parts of the
//! day and hints, and a next day in one offset.

mod common;

use std::path::Path;
use std::process::Command;

use common::{draw, state, text};
use kz_timeline::model::Timeline;
use kz_timeline::model::load::{bundled_regions, timeline_from_str};
use kz_timeline::ui::Theme;

const FIXTURE: &str = include_str!("fixtures/mixed-offsets.json");

fn mixed() -> Timeline {
    timeline_from_str(FIXTURE, "mixed-offsets.json", bundled_regions()).unwrap()
}

fn ids(t: &Timeline) -> Vec<&str> {
    t.events.iter().map(|e| e.id.as_str()).collect()
}

/// The order the fixture's day must have, and why.
const EXPECTED: [&str; 11] = [
    "date-only",          // only the date: first
    "zhanaozen-morning",  // morning in Mangystau: 09:00 at UTC+5, 04:00 UTC
    "spreads-to-aktau",   // after zhanaozen-morning
    "later-still",        // after spreads-to-aktau
    "almaty-1330",        // 07:30 UTC
    "almaty-1400",        // 08:00 UTC, first in the file of the three at 08:00 UTC
    "aktau-1300",         // 08:00 UTC
    "moscow-1100",        // 08:00 UTC
    "evening-nationwide", // evening with no region: 20:00 in the day's usual offset (UTC+6), 14:00 UTC
    "next-day-1000",
    "next-day-1200",
];

#[test]
fn a_day_is_ordered_by_instant_with_parts_of_the_day_and_hints_in_place() {
    let t = mixed();
    assert_eq!(ids(&t), EXPECTED);
    // Wall-clock order would have put Aktau's 13:00 before Almaty's 13:30.
    let pos = |id: &str| t.event_by_id(id).unwrap();
    assert!(pos("almaty-1330") < pos("aktau-1300"));
    // Hints are resolved to the events they follow.
    assert_eq!(t.events[pos("spreads-to-aktau")].after, Some(pos("zhanaozen-morning")));
    assert_eq!(t.events[pos("later-still")].after, Some(pos("spreads-to-aktau")));
}

#[test]
fn the_order_does_not_depend_on_the_files_order() {
    let mut v: serde_json::Value = serde_json::from_str(FIXTURE).unwrap();
    v["events"].as_array_mut().unwrap().reverse();
    let t = timeline_from_str(&v.to_string(), "reversed.json", bundled_regions()).unwrap();
    // Everything is placed the same, except that equal instants keep (the reversed) file order.
    let mut expected = EXPECTED.to_vec();
    expected[5..8].reverse();
    assert_eq!(ids(&t), expected);
}

#[test]
fn the_list_shows_offsets_on_the_day_that_mixes_them() {
    let mut s = state(mixed());
    let screen = text(&draw(&mut s, &Theme::dark(), 100, 20));
    let rows: Vec<&str> = screen.lines().filter(|l| l.contains(" at ") || l.contains("Next day")).collect();
    assert_eq!(rows.len(), 6, "{screen}");
    for (row, time) in rows.iter().zip(["13:30+6", "14:00+6", "13:00+5", "11:00+3", "10:00 ", "12:00 "]) {
        assert!(row.contains(time), "{time:?} in {row:?}:\n{screen}");
    }
    // The titles of one day stay in one column, whatever the time column holds.
    let col =
        |needle: &str| screen.lines().filter_map(|l| l.find(needle).map(|i| l[..i].chars().count())).min().unwrap();
    assert_eq!(col("Only the date is known"), col("Almaty at 13:30"));
    assert!(!screen.lines().find(|l| l.contains("Next day at 10")).unwrap().contains('+'), "{screen}");
}

#[test]
fn parts_of_the_day_use_their_regions_offset_or_the_usual_one() {
    let ev = |id: &str, start: &str, region: &str| {
        format!(
            r#"{{"id": "{id}", "start": {start}, "title": "{id}", "summary": "s", {region}
                "sources": [{{"publisher": "p", "title": "t"}}]}}"#
        )
    };
    let events = [
        // Mangystau is on UTC+5: its evening (20:00) is 15:00 UTC.
        ev("mangystau-evening", r#"{"date": "2022-01-04", "period": "evening"}"#, r#""region": "mangystau","#),
        // No region offset, no times that day: the file's usual offset (UTC+6), 14:00 UTC.
        ev("nationwide-evening", r#"{"date": "2022-01-04", "period": "evening"}"#, r#""region": "nationwide","#),
        // Almaty (UTC+6) in the afternoon: 15:00 local, 09:00 UTC.
        ev("almaty-afternoon", r#"{"date": "2022-01-04", "period": "afternoon"}"#, r#""region": "almaty","#),
        ev("t1", r#"{"date": "2022-01-05", "time": "10:00", "utc_offset": "+06:00"}"#, ""),
        ev("t2", r#"{"date": "2022-01-05", "time": "11:00", "utc_offset": "+06:00"}"#, ""),
        ev("t3", r#"{"date": "2022-01-06", "time": "11:00", "utc_offset": "+05:00"}"#, ""),
    ];
    let text = format!(r#"{{"format": "kz-timeline", "version": 1, "title": "T", "events": [{}]}}"#, events.join(","));
    let t = timeline_from_str(&text, "t", bundled_regions()).unwrap();
    assert_eq!(ids(&t), ["almaty-afternoon", "nationwide-evening", "mangystau-evening", "t1", "t2", "t3"]);
}

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kz-timeline"));
    c.current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"));
    c
}

#[test]
fn list_text_prints_the_same_order_with_offsets() {
    let out = bin().args(["list", "mixed-offsets.json", "--format", "text"]).output().unwrap();
    assert!(out.status.success());
    let expected = "\
Wed 5 Jan 2022
  —        Almaty     Only the date is known         date-only
  morn.    Mangystau  Zhanaozen in the morning       zhanaozen-morning
  —        Mangystau  Protest spreads to Aktau       spreads-to-aktau
  —        Mangystau  Later still, after the spread  later-still
  13:30+6  Almaty     Almaty at 13:30 (07:30 UTC)    almaty-1330
  14:00+6  Almaty     Almaty at 14:00 (08:00 UTC)    almaty-1400
  13:00+5  Mangystau  Aktau at 13:00 (08:00 UTC)     aktau-1300
  11:00+3  —          Moscow at 11:00 (08:00 UTC)    moscow-1100
  eve.     —          Nationwide in the evening      evening-nationwide
Thu 6 Jan 2022
  10:00    Almaty     Next day at 10:00              next-day-1000
  12:00    Almaty     Next day at 12:00              next-day-1200
";
    assert_eq!(String::from_utf8(out.stdout).unwrap(), expected);
}

#[test]
fn hints_survive_a_round_trip_through_json_and_a_subset() {
    let out = bin().args(["list", "mixed-offsets.json", "--format", "json"]).output().unwrap();
    assert!(out.status.success());
    let written = String::from_utf8(out.stdout).unwrap();
    let t = timeline_from_str(&written, "written.json", bundled_regions()).unwrap();
    assert_eq!(ids(&t), EXPECTED);
    // Without the event a hint names, the hint goes up its chain.
    let t = mixed();
    let keep = [t.event_by_id("zhanaozen-morning").unwrap(), t.event_by_id("later-still").unwrap()];
    let file = kz_timeline::export::json::timeline_file(&t, &keep);
    let later = file.events.iter().find(|e| e.id == "later-still").unwrap();
    assert_eq!(later.after.as_deref(), Some("zhanaozen-morning"));
}

#[test]
fn check_accepts_the_fixture_and_lists_every_hint_problem() {
    let out = bin().args(["check", "mixed-offsets.json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = bin().args(["check", "bad/after-circle.json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(
            "events[0].after: the order hints go round in a circle: \"a\" after \"c\" after \"b\" after \"a\""
        ),
        "{err}"
    );
    assert!(err.contains("events[3].after: an event cannot come after itself"), "{err}");
}
