use super::*;
use crate::model::Precision;

fn regions() -> Vec<Region> {
    regions_from_str(
        r#"{"format": "kz-timeline-regions", "version": 1, "regions": [
            {"id": "mangystau", "name": "Mangystau Region", "short": "Mangystau", "aliases": ["Mangistau"]},
            {"id": "almaty", "name": "Almaty", "kind": "city"}
        ]}"#,
        "regions.json",
    )
    .unwrap()
}

fn event(id: &str, start: &str, extra: &str) -> String {
    format!(
        r#"{{"id": "{id}", "start": {start}, "title": "T {id}", "summary": "S.", "region": "almaty",
            "sources": [{{"id": "s1", "publisher": "P", "title": "A", "url": "https://example.org/a", "date": "2022-01-05"}}]{extra}}}"#
    )
}

fn doc(events: &[String]) -> String {
    format!(r#"{{"format": "kz-timeline", "version": 1, "title": "Test", "events": [{}]}}"#, events.join(",\n"))
}

fn load(text: &str) -> Result<Timeline, LoadError> {
    timeline_from_str(text, "t.json", &regions())
}

fn messages(e: LoadError) -> Vec<String> {
    e.problems().iter().map(|p| format!("{}:{} {}: {}", p.line, p.column, p.path, p.message)).collect()
}

#[test]
fn loads_and_sorts_chronologically_with_unknown_times_first() {
    let t = load(&doc(&[
        event("late", r#"{"date": "2022-01-05", "time": "22:20", "utc_offset": "+06:00"}"#, ""),
        event("untimed", r#"{"date": "2022-01-05"}"#, r#", "related": ["late"]"#),
        event("early", r#"{"date": "2022-01-02", "period": "morning"}"#, ""),
    ]))
    .unwrap();
    let ids: Vec<_> = t.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["early", "untimed", "late"]);
    assert_eq!(t.events[1].related, vec![2], "related ids are remapped to sorted positions");
    assert_eq!(t.events[2].start.precision, Precision::Minute);
    assert_eq!(t.events[2].start.long(), "Wed 5 Jan 2022, 22:20 (UTC+6)");
}

#[test]
fn within_a_day_times_in_three_offsets_are_ordered_by_instant_and_equal_instants_keep_file_order() {
    let t = load(&doc(&[
        // 13:00 in Aktau (UTC+5) is 08:00 UTC; 13:30 in Almaty (UTC+6) is 07:30 UTC.
        event("aktau-1300", r#"{"date": "2022-01-05", "time": "13:00", "utc_offset": "+05:00"}"#, ""),
        event("almaty-1330", r#"{"date": "2022-01-05", "time": "13:30", "utc_offset": "+06:00"}"#, ""),
        // 08:00 UTC as well, in a third offset, and again at UTC+6.
        event("moscow-1100", r#"{"date": "2022-01-05", "time": "11:00", "utc_offset": "+03:00"}"#, ""),
        event("almaty-1400", r#"{"date": "2022-01-05", "time": "14:00", "utc_offset": "+06:00"}"#, ""),
        // Late in the evening at UTC+5 is still 5 January locally: grouped there, not by UTC date.
        event("aktau-2330", r#"{"date": "2022-01-05", "time": "23:30", "utc_offset": "+05:00"}"#, ""),
        event("almaty-0010", r#"{"date": "2022-01-06", "time": "00:10", "utc_offset": "+06:00"}"#, ""),
        event("date-only", r#"{"date": "2022-01-05"}"#, ""),
    ]))
    .unwrap();
    let ids: Vec<_> = t.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        ["date-only", "almaty-1330", "aktau-1300", "moscow-1100", "almaty-1400", "aktau-2330", "almaty-0010"]
    );
}

#[test]
fn semantic_problems_are_all_reported_with_positions() {
    let text = doc(&[
        event("a", r#"{"date": "2022-02-30"}"#, ""),
        event("a", r#"{"date": "2022-13-01"}"#, r#", "related": ["nope"]"#),
        event("b", r#"{"date": "2022-01-05", "time": "10:00"}"#, ""),
        event("c", r#"{"date": "2022-01-05"}"#, r#", "end": {"date": "2022-01-04"}"#),
    ]);
    let text = text.replace(
        r#""id": "c", "start": {"date": "2022-01-05"}, "title": "T c", "summary": "S.", "region": "almaty""#,
        r#""id": "c", "start": {"date": "2022-01-05"}, "title": "T c", "summary": "S.", "region": "mangistau""#,
    );
    let msgs = messages(load(&text).unwrap_err());
    assert_eq!(
        msgs,
        [
            "1:99 events[0].start.date: \"2022-02-30\" is not a real date: February 2022 has 28 days",
            "3:8 events[1].id: duplicate id \"a\" (first used at events[0])",
            "3:31 events[1].start.date: \"2022-13-01\": month 13 does not exist (months are 01 to 12)",
            "4:138 events[1].related[0]: no event has the id \"nope\"",
            "5:53 events[2].start.time: a time needs its UTC offset: add \"utc_offset\", e.g. \"+06:00\" for Almaty in 2022",
            "7:89 events[3].region: unknown region \"mangistau\"; did you mean \"mangystau\"?",
            "8:133 events[3].end: the end (Tue 4 Jan 2022) is before the start (Wed 5 Jan 2022)",
        ]
    );
}

#[test]
fn missing_sources_and_bad_claims() {
    let mut e = event("a", r#"{"date": "2022-01-05"}"#, "");
    e = e.replace(r#""sources": [{"id": "s1", "publisher": "P", "title": "A", "url": "https://example.org/a", "date": "2022-01-05"}]"#, r#""sources": []"#);
    let claim =
        r#", "claims": [{"by": "PG", "date": "2022-01-15", "text": "225 dead", "status": "disputed", "source": "s9"}]"#;
    let f = event("b", r#"{"date": "2022-01-05"}"#, claim);
    let msgs = messages(load(&doc(&[e, f])).unwrap_err());
    assert_eq!(msgs.len(), 2, "{msgs:#?}");
    assert!(
        msgs[0].ends_with("events[0].sources: the event has no source; add at least one (publisher, title, url, date)")
    );
    assert!(msgs[1].contains("events[1].claims[0].source: no source of this event has the id \"s9\""));
}

#[test]
fn precision_must_match_what_is_given() {
    let cases = [
        (
            r#"{"date": "2022-01-05", "precision": "hour"}"#,
            "precision \"hour\" needs a full date (YYYY-MM-DD) and a time",
        ),
        (
            r#"{"date": "2022-01", "precision": "day"}"#,
            "precision \"day\" needs a date of the form YYYY-MM-DD and no time",
        ),
        (
            r#"{"date": "2022-01-05", "time": "10:30", "utc_offset": "+06:00", "precision": "hour"}"#,
            "precision \"hour\" needs a time on the hour (HH:00)",
        ),
        (r#"{"date": "2022-01-05", "utc_offset": "+06:00"}"#, "utc_offset is only allowed together with a time"),
        (
            r#"{"date": "2022-01-05", "time": "10:00", "utc_offset": "+06:00", "period": "evening"}"#,
            "period is only allowed with a full date and no time",
        ),
        (
            r#"{"date": "2022-01-05", "time": "10:00", "utc_offset": "+16:00"}"#,
            "\"+16:00\" is out of range (offsets run from -14:00 to +14:00)",
        ),
    ];
    for (start, want) in cases {
        let msgs = messages(load(&doc(&[event("a", start, "")])).unwrap_err());
        assert_eq!(msgs.len(), 1, "{start}: {msgs:?}");
        assert!(msgs[0].ends_with(want), "{start}: got {msgs:?}");
    }
    let t = load(&doc(&[event("a", r#"{"date": "2022-08"}"#, "")])).unwrap();
    assert_eq!(t.events[0].start.precision, Precision::Month);
}

#[test]
fn structural_errors_name_line_column_and_path() {
    let text = doc(&[event("a", r#"{"date": "2022-01-05", "dat": 1}"#, "")]);
    let err = load(&text).unwrap_err();
    assert_eq!(
        err.to_string(),
        "t.json:1:120: events[0].start.dat: unknown field `dat` (put your own data under \"extra\")"
    );
    let text = doc(&[event("a", r#"{"date": 20220105}"#, "")]);
    assert_eq!(
        load(&text).unwrap_err().to_string(),
        "t.json:1:99: events[0].start.date: expected a string, found the number 20220105"
    );
}

#[test]
fn extra_objects_hold_anything() {
    let t = load(&doc(&[event("a", r#"{"date": "2022-01-05"}"#, r#", "extra": {"anything": [1, {"x": null}]}"#)]));
    assert!(t.is_ok(), "{t:?}");
}

#[test]
fn wrong_format_and_version_get_one_clear_line() {
    let e = load(r#"{"format": "timelinejs", "version": 1, "title": "x", "events": []}"#).unwrap_err();
    assert_eq!(
        e.to_string(),
        "t.json:1:12: format: this is not a kz-timeline file (\"format\" is \"timelinejs\", expected \"kz-timeline\")"
    );
    let e = load(r#"{"format": "kz-timeline", "version": 2, "title": "x", "events": [], "new": 1}"#).unwrap_err();
    assert_eq!(
        e.to_string(),
        "t.json:1:38: version: format version 2 is not supported; this kz-timeline reads version 1"
    );
    let e = load(r#"{"title": "x", "events": []}"#).unwrap_err();
    assert_eq!(
        e.to_string(),
        "t.json:1:1: this is not a kz-timeline file: the \"format\": \"kz-timeline\" marker is missing"
    );
}

#[test]
fn text_is_sanitised_at_load() {
    let e = event("a", r#"{"date": "2022-01-05"}"#, "").replace("T a", "T \\u001b]0;evil\\u0007 a\\u202e");
    let t = load(&doc(&[e])).unwrap();
    assert_eq!(t.events[0].title, "T ␛]0;evil␇ a\u{FFFD}");
}

#[test]
fn keys_quoted_in_error_paths_are_sanitised() {
    // Found by fuzzing: serde_path_to_error spells an unknown key from the file into the path.
    let e = event("a", r#"{"date": "2022-01-05"}"#, r#", "x\u001b]0;pwned\u0007": 1"#);
    let msg = load(&doc(&[e])).unwrap_err().to_string();
    assert!(!msg.contains(|c: char| c.is_control()), "{msg:?}");
    assert!(msg.contains("events[0].x␛]0;pwned␇: unknown field"), "{msg:?}");
}

#[test]
fn decode_rejects_what_is_not_utf8_text() {
    assert_eq!(decode(b"", "f").unwrap_err().to_string(), "f: the file is empty");
    assert_eq!(decode(b" \n\t", "f").unwrap_err().to_string(), "f: the file contains only whitespace");
    assert!(decode(b"\xFF\xFE{\0}\0", "f").unwrap_err().to_string().contains("UTF-16"));
    assert_eq!(
        decode(b"{\n \"a\": \"\xC3\x28\"}", "f").unwrap_err().to_string(),
        "f: not valid UTF-8 at byte 9 (line 2, column 8); timeline files must be UTF-8"
    );
    assert_eq!(decode(b"\xEF\xBB\xBF{}", "f").unwrap(), "{}");
}

#[test]
fn bundled_data_loads() {
    let t = bundled_timeline().unwrap();
    assert!(!t.events.is_empty());
    assert!(!bundled_regions().is_empty());
    bundled_names().unwrap();
}

mod fast_path {
    use super::super::fast::{self, Context, Progress};
    use super::super::*;
    use crate::model::Event;

    fn fast_load(text: &str) -> Option<(crate::model::Timeline, Option<Vec<u32>>, usize)> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.json");
        std::fs::write(&path, text).unwrap();
        let hook = |events: &[Event], _: &Context<'_>| events.len();
        let p =
            fast::load(&path, &LoadOptions::default(), bundled_regions(), &Progress::default(), &hook).unwrap().ok()?;
        let batched: usize = p.batches.iter().map(|b| b.data).sum();
        Some((p.timeline, p.new_ix, batched))
    }

    #[test]
    fn gives_the_same_timeline_as_the_ordinary_loader() {
        let ordinary = bundled_timeline().unwrap();
        let (t, _new_ix, batched) = fast_load(BUNDLED_TIMELINE).expect("the bundled file takes the fast path");
        assert_eq!(batched, ordinary.events.len());
        assert_eq!(t.events, ordinary.events);
        assert_eq!((t.title, t.description), (ordinary.title.clone(), ordinary.description.clone()));
        assert_eq!(t.regions, ordinary.regions);
        assert_eq!(t.categories, ordinary.categories);
        // Events out of order (reversed, compact, keys after the events): sorted the same way.
        let mut v: serde_json::Value = serde_json::from_str(BUNDLED_TIMELINE).unwrap();
        let events = v["events"].as_array_mut().unwrap();
        events.reverse();
        let events = v.as_object_mut().unwrap().remove("events").unwrap();
        let mut text = serde_json::to_string(&v).unwrap();
        text.truncate(text.len() - 1);
        text.push_str(&format!(
            ",\n\"events\" : {} , \"extra\": {{\"x\": [1, \"]\"]}} }}\n",
            serde_json::to_string_pretty(&events).unwrap()
        ));
        let ordinary2 = timeline_from_str(&text, "t", bundled_regions()).unwrap();
        let (t2, new_ix, _) = fast_load(&text).expect("fast path");
        assert_eq!(t2.events, ordinary2.events);
        let new_ix = new_ix.expect("the order changed");
        for (file_pos, &ix) in new_ix.iter().enumerate() {
            // File position p held what is now event `ix`.
            assert_eq!(Some(t2.events[ix as usize].id.as_str()), events[file_pos]["id"].as_str());
        }
    }

    #[test]
    fn many_small_batches_come_together_in_file_order() {
        // Blocks of 4 KB cut the bundled file into dozens of batches, which the workers finish
        // in any order; the timeline and the batches must still be the ordinary loader's.
        let ordinary = bundled_timeline().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.json");
        std::fs::write(&path, BUNDLED_TIMELINE).unwrap();
        let hook = |events: &[Event], _: &Context<'_>| events.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
        let p = fast::load_in_blocks(&path, 4096, bundled_regions(), &Progress::default(), &hook).expect("fast path");
        assert!(p.batches.len() > 10, "only {} batches", p.batches.len());
        assert_eq!(p.timeline.events, ordinary.events);
        let mut next = 0;
        let file: serde_json::Value = serde_json::from_str(BUNDLED_TIMELINE).unwrap();
        for b in &p.batches {
            assert_eq!((b.base, b.len), (next, b.data.len()));
            for (k, id) in b.data.iter().enumerate() {
                assert_eq!(Some(id.as_str()), file["events"][b.base + k]["id"].as_str());
            }
            next += b.len;
        }
        assert_eq!(next, ordinary.events.len());
    }

    #[test]
    fn orders_mixed_offsets_and_hints_like_the_ordinary_loader() {
        let text = include_str!("../../../tests/fixtures/mixed-offsets.json");
        let ordinary = timeline_from_str(text, "t", bundled_regions()).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.json");
        std::fs::write(&path, text).unwrap();
        let hook = |events: &[Event], _: &Context<'_>| events.len();
        let p = fast::load_in_blocks(&path, 1024, bundled_regions(), &Progress::default(), &hook).expect("fast path");
        assert!(p.batches.len() > 1, "only {} batch", p.batches.len());
        assert_eq!(p.timeline.events, ordinary.events);
        assert!(p.timeline.events.iter().any(|e| e.after.is_some()));
    }

    #[test]
    fn steps_aside_for_anything_unusual() {
        let bad = [
            "\u{feff}{\"format\": \"kz-timeline\", \"version\": 1, \"title\": \"T\", \"events\": []}",
            "[1, 2]",
            "{\"format\": \"kz-timeline\", \"version\": 1, \"title\": \"T\", \"events\": [{\"id\": \"a\"}]}",
            "{\"format\": \"kz-timeline\", \"version\": 2, \"title\": \"T\", \"events\": []}",
            "{\"format\": \"kz-timeline\", \"version\": 1, \"title\": \"T\", \"events\": [], \"regions\": []}",
            "{\"format\": \"kz-timeline\", \"version\": 1, \"title\": \"T\", \"events\": []} x",
            "{\"format\": \"kz-timeline\", \"version\": 1, \"title\": \"T\", \"events\": [,]}",
            "{\"format\": \"kz-timeline\", \"version\": 1, \"title\": \"T\", \"events\": [",
        ];
        for text in bad {
            assert!(fast_load(text).is_none(), "{text:?}");
        }
        // Each of the bad-input fixtures too.
        for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/bad")).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "json") {
                let bytes = std::fs::read(&path).unwrap();
                let text = String::from_utf8_lossy(&bytes);
                if timeline_from_str(&text, "t", bundled_regions()).is_err() {
                    assert!(fast_load(&text).is_none(), "{path:?}");
                }
            }
        }
    }
}

#[test]
fn a_file_cut_inside_a_key_names_the_object_not_a_question_mark() {
    let text = doc(&[event("a", r#"{"date": "2022-01-05"}"#, "")]);
    let cut = &text[..text.find(r#""summary"#).unwrap() + 4];
    let err = load(cut).unwrap_err().to_string();
    assert!(err.starts_with("t.json:2:") || err.starts_with("t.json:1:"), "{err}");
    assert!(err.contains(" events[0]: the file ends too early"), "{err}");
}
