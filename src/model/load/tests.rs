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
        "t.json:1:1: this is not a kz-timeline file: the \"format\": \"kz-timeline\" marker is missing; a kz-timeline \
         file is one object, {\"format\": \"kz-timeline\", \"version\": 1, \"title\": \"…\", \"events\": [ … ]} (see \
         docs/FORMAT.md)"
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
    // The key is quoted as JSON in the path (`["..."]`), so its escapes are visible as such.
    assert!(msg.contains(r#"events[0]["x\u001b]0;pwned\u0007"]: unknown field `x␛]0;pwned␇`"#), "{msg:?}");
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

fn with_glossary(glossary: &str) -> String {
    let d = doc(&[event("a", r#"{"date": "2022-01-05"}"#, "")]);
    format!("{}, \"glossary\": {glossary}}}", &d[..d.len() - 1])
}

#[test]
fn the_glossary_is_loaded_and_sanitised() {
    let t = load(&with_glossary(
        r#"[{"term": "KNB\u001b[31m", "definition": "The\tsecurity service.", "aliases": ["National Security Committee"], "sources": ["s1"]},
            {"term": "akimat", "definition": "A city administration."}]"#,
    ))
    .unwrap();
    assert_eq!(t.glossary.len(), 2);
    assert_eq!(t.glossary[0].term, "KNB\u{241b}[31m", "control characters are shown, never passed on");
    assert_eq!(t.glossary[0].aliases, ["National Security Committee"]);
    assert_eq!(t.glossary[0].sources, ["s1"]);
    assert!(!t.glossary[0].definition.contains('\t'));
    assert!(t.glossary[1].aliases.is_empty() && t.glossary[1].sources.is_empty());
    assert!(load(&doc(&[event("a", r#"{"date": "2022-01-05"}"#, "")])).unwrap().glossary.is_empty());
}

#[test]
fn glossary_problems_are_all_reported_with_their_paths() {
    let e = load(&with_glossary(
        r#"[{"term": "Mazhilis", "definition": "The lower house.", "aliases": ["Majilis", " "]},
            {"term": "majilis", "definition": " "},
            {"term": "Senate", "definition": "The upper house.", "aliases": ["MAZHILIS"], "sources": ["s1", "nope", "bad id"]},
            {"term": "", "definition": "No term."}]"#,
    ))
    .unwrap_err();
    let got: Vec<String> = e.problems().iter().map(|p| format!("{}: {}", p.path, p.message)).collect();
    assert_eq!(
        got,
        [
            "glossary[0].aliases[1]: the alias is empty",
            "glossary[1].term: duplicate glossary term \"majilis\" (first given at glossary[0].aliases[0])",
            "glossary[1].definition: the definition is empty",
            "glossary[2].aliases[0]: duplicate glossary term \"MAZHILIS\" (first given at glossary[0].term)",
            "glossary[2].sources[1]: no source of any event has the id \"nope\" (a glossary entry cites event sources by id)",
            "glossary[2].sources[2]: the id \"bad id\" contains a space; use letters, digits, '-', '_', '.' and ':'",
            "glossary[2].sources[2]: no source of any event has the id \"bad id\" (a glossary entry cites event sources by id)",
            "glossary[3].term: the term is empty",
        ]
    );
    // Every problem is located on its line in the file.
    let lines: Vec<usize> = e.problems().iter().map(|p| p.line).collect();
    assert_eq!(lines, [2, 3, 3, 4, 4, 4, 4, 5]);
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
        assert_eq!(t.glossary, ordinary.glossary);
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
        assert_eq!(t2.glossary, ordinary2.glossary);
        assert!(!t2.glossary.is_empty());
        // The glossary after the events, too.
        let (g, e) =
            (BUNDLED_TIMELINE.find("\n \"glossary\": ").unwrap(), BUNDLED_TIMELINE.find("\n \"events\": ").unwrap());
        let end = BUNDLED_TIMELINE.trim_end().len() - 1;
        let glossary = BUNDLED_TIMELINE[g..e].trim_end().trim_end_matches(',');
        let text = format!("{}{},{glossary}\n}}\n", &BUNDLED_TIMELINE[..g], BUNDLED_TIMELINE[e..end].trim_end());
        assert!(text.find("\"glossary\"").unwrap() > text.find("\"events\"").unwrap());
        let (t3, _, _) = fast_load(&text).expect("fast path with the glossary last");
        assert_eq!(t3.glossary, ordinary.glossary);
        // Eras before the events and after them.
        let eras = r#""eras": [{"name": "Later", "start": "2022-02", "end": "2022"}, {"name": "First", "start": "2022-01-02", "end": "2022-01-11"}]"#;
        let before = BUNDLED_TIMELINE.replacen("\n \"events\": ", &format!("\n {eras},\n \"events\": "), 1);
        let after = format!("{}, {eras}\n}}\n", BUNDLED_TIMELINE.trim_end().trim_end_matches('}').trim_end());
        for text in [before, after] {
            let ordinary = timeline_from_str(&text, "t", bundled_regions()).unwrap();
            let (t, _, _) = fast_load(&text).expect("fast path with eras");
            assert_eq!(t.eras, ordinary.eras);
            assert_eq!(t.eras.iter().map(|e| e.name.as_str()).collect::<Vec<_>>(), ["First", "Later"]);
        }
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
            // A glossary after the events with a problem: the ordinary loader reports it.
            "{\"format\": \"kz-timeline\", \"version\": 1, \"title\": \"T\", \"events\": [], \"glossary\": [{\"term\": \"a\", \"definition\": \"\"}]}",
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

#[test]
fn keys_with_brackets_dots_and_quotes_are_paths_not_text() {
    // Found by fuzzing: this top-level key made the loader panic when its path was parsed back.
    let e = load(r#"{"format":"kz-timeline","version":1,"title":"x","events":[],"x[1]]":1}"#).unwrap_err();
    assert_eq!(e.to_string(), r#"t.json:1:69: ["x[1]]"]: unknown field `x[1]]` (put your own data under "extra")"#);
    // The same kind of keys deeper down, and a problem that is located after them.
    let odd = [r#""a.b""#, r#""]""#, r#""[0]""#, r#""\"[""#, r#""""#];
    let extra = odd.iter().map(|k| format!("{k}: 1")).collect::<Vec<_>>().join(", ");
    let bad = event("b", r#"{"date": "2022-01-05"}"#, &format!(r#", "{}": 1"#, "x]\\\"[y"));
    let text = doc(&[event("a", r#"{"date": "2022-02-30"}"#, &format!(r#", "extra": {{{extra}}}"#)), bad]);
    let msgs = messages(load(&text).unwrap_err());
    assert_eq!(msgs.len(), 2, "{msgs:#?}");
    assert!(msgs[0].ends_with(r#"events[0].start.date: "2022-02-30" is not a real date: February 2022 has 28 days"#));
    assert!(msgs[1].contains(r#" events[1]["x]\"[y"]: unknown field"#), "{msgs:#?}");
}

#[test]
fn every_event_is_checked_even_when_some_cannot_be_read() {
    let mut no_title = event("a", r#"{"date": "2022-01-05"}"#, "");
    no_title = no_title.replace(r#""title": "T a", "#, "");
    let unknown = event("b", r#"{"date": "2022-01-05"}"#, r#", "sorces": []"#);
    let wrong_type = event("c", r#"{"date": 20220105}"#, "");
    let not_object = "42".to_string();
    // Related to an event that cannot be read: its id still counts, so nothing second-hand.
    let fine_but_bad_date = event("d", r#"{"date": "2022-02-30"}"#, r#", "related": ["a", "nope"]"#);
    let dup = event("a", r#"{"date": "2022-01-06"}"#, "");
    let text = doc(&[no_title, unknown, wrong_type, not_object, fine_but_bad_date, dup]);
    let text = text.replacen(r#""title": "Test""#, r#""title": "Test", "colour": "red""#, 1);
    let msgs = messages(load(&text).unwrap_err());
    let tails: Vec<&str> = msgs.iter().map(|m| m.split_once(' ').unwrap().1).collect();
    assert_eq!(
        tails,
        [
            r#"colour: unknown field `colour` (put your own data under "extra")"#,
            r#"events[0]: the required field "title" is missing"#,
            r#"events[1].sorces: unknown field `sorces` (put your own data under "extra")"#,
            "events[2].start.date: expected a string, found the number 20220105",
            "events[3]: expected an object ({ ... }), found the number 42",
            r#"events[4].start.date: "2022-02-30" is not a real date: February 2022 has 28 days"#,
            r#"events[4].related[1]: no event has the id "nope""#,
            r#"events[5].id: duplicate id "a" (first used at events[0])"#,
        ]
    );
}

#[test]
fn a_broken_top_level_still_lets_every_event_be_read() {
    let bad = event("b", r#"{"date": "2022-01-05"}"#, r#", "sorces": []"#);
    let text = doc(&[event("a", r#"{"date": "2022-02-30"}"#, ""), bad]).replace(r#""title": "Test""#, r#""title": 7"#);
    let msgs = messages(load(&text).unwrap_err());
    // The content is not checked against a top level that cannot be read (the date is not
    // reported), but every event's shape is.
    assert_eq!(msgs.len(), 2, "{msgs:#?}");
    assert!(msgs[0].ends_with("title: expected a string, found the number 7"), "{msgs:#?}");
    assert!(msgs[1].contains("events[1].sorces: unknown field"), "{msgs:#?}");
}

#[test]
fn twenty_thousand_invalid_events_are_all_checked_and_the_first_thousand_listed() {
    let events: Vec<String> = (0..20_000)
        .map(|i| format!(r#"{{"id": "e{i}", "start": {{"date": "2022-01-05"}}, "title": "t", "summary": "s"}}"#))
        .collect();
    let err = load(&doc(&events)).unwrap_err();
    let LoadError::Invalid { problems, more, .. } = &err else { panic!("{err}") };
    assert_eq!((problems.len(), *more), (MAX_PROBLEMS, 19_000));
    assert_eq!(problems[999].path.to_string(), "events[999].sources");
    assert_eq!((problems[999].line, problems[999].column), (1000, 1));
    let report = err.to_string();
    assert!(report.starts_with("t.json: 20000 problems\n"), "{}", &report[..100]);
    assert!(report.ends_with("\n  … and 19000 more (only the first 1000 are listed; fix these and check again)"));
    // The app shows a screenful.
    let short = err.report(20);
    assert_eq!(short.lines().count(), 22);
    assert!(short.ends_with("… and 19980 more (run `kz-timeline check t.json` to see the first 1000)"), "{short}");
}

#[test]
fn text_that_is_not_json_says_so() {
    let e = load("not json").unwrap_err();
    assert_eq!(
        e.to_string(),
        "t.json: this is not JSON (line 1, column 1): it begins with \"not json\"; a timeline file is a JSON \
         object (see docs/FORMAT.md)"
    );
    let e = load("\n\n  date,title\n2022-01-05,x\n").unwrap_err();
    assert!(e.to_string().starts_with("t.json: this is not JSON (line 3, column 3): it begins with \"date,title\""));
    let e = load(r#"[{"date": "2022-01-05", "title": "x"}]"#).unwrap_err();
    assert!(e.to_string().starts_with("t.json:1:1: the document is a JSON array, not an object; a kz-timeline file"));
    assert!(e.to_string().ends_with("(see docs/FORMAT.md)"));
    // A misspelt literal is not JSON; JSON that is broken is not "not JSON".
    assert!(load("nul").unwrap_err().to_string().contains("not JSON"));
    assert!(load("{\"a\": tru}").unwrap_err().to_string().starts_with("t.json:1:"));
    assert!(load("// a comment\n{}").unwrap_err().to_string().ends_with("comments are not allowed in JSON"));
}

#[test]
fn long_paths_are_cut_in_the_middle() {
    let deep = format!(
        r#"{{"format": "kz-timeline", "version": 1, "title": "x", "events": [], "extra": {{"x": {}1{}}}}}"#,
        "[".repeat(200),
        "]".repeat(200)
    );
    let msg = load(&deep).unwrap_err().to_string();
    let path = msg.split(": ").nth(1).unwrap();
    assert_eq!(path.chars().count(), 80, "{msg}");
    assert!(path.starts_with("extra.x[0][0]") && path.ends_with("[0][0]") && path.contains('…'), "{msg}");
}

#[test]
fn a_file_that_ends_after_a_line_break_is_reported_at_column_one() {
    // serde_json says column 0 there; columns count from 1.
    let err = load("{\"format\": \"kz-timeline\",\n").unwrap_err().to_string();
    assert!(err.starts_with("t.json:2:1: the file ends too early"), "{err}");
}
