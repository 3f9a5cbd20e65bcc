//! The importers field by field, on small inputs written here (the fixtures in
//! `tests/fixtures/import/` are checked end to end in `tests/import.rs`).

use super::*;
use crate::model::load::{LoadOptions, timeline_and_warnings_from_bytes};

fn load(text: &str, file: &str) -> Result<(Timeline, Warnings), LoadError> {
    timeline_and_warnings_from_bytes(text.as_bytes(), file, &LoadOptions::default())
}

fn report(e: &LoadError) -> String {
    e.report(50)
}

/// What was left out, as `check` reports it.
fn skipped(text: &str, file: &str) -> String {
    let (_, w) = load(text, file).unwrap_or_else(|e| panic!("{}", report(&e)));
    assert!(!w.skipped.is_empty(), "nothing was skipped");
    report(&LoadError::Invalid { file: file.to_string(), problems: w.skipped, more: 0 })
}

#[test]
fn slugs_are_readable_for_every_script() {
    assert_eq!(slug("Protest spreads to Aktau!"), "protest-spreads-to-aktau");
    assert_eq!(slug("Жаңаөзен"), "zhanaozen");
    let mut ids = Ids::default();
    assert_eq!(ids.make(None, "Same", 0), "same");
    assert_eq!(ids.make(None, "Same", 1), "same-2");
    assert_eq!(ids.make(Some("has space"), "x", 2), "has-space");
    assert_eq!(ids.make(Some("ok-id"), "x", 3), "ok-id");
    assert_eq!(ids.make(None, "???", 4), "event-5");
}

#[test]
fn timelinejs_fields_map_one_by_one() {
    let text = r#"{
      "title": {"text": {"headline": "Title <i>slide</i>", "text": "<p>About</p>"}},
      "events": [
        {"start_date": {"year": "2022", "month": 1, "day": "5", "hour": "", "thumbnail": "x"},
         "end_date": {"year": 2022, "month": "1", "day": 5, "hour": "", "thumbnail": "x"},
         "text": {"headline": "A &amp; B", "text": "<p>See <a href='https://example.org/r'>report</a></p>"},
         "group": " Protests ", "unique_id": "a-b",
         "media": {"url": "https://example.org/p.jpg", "caption": "Square", "credit": "Someone"},
         "display_date": "early January"},
        {"start_date": {"year": 2022, "month": 13}, "text": {"headline": "Bad month"}},
        {"text": {"headline": "No date"}},
        {"start_date": {"year": 2022}, "text": {"headline": "Жаңаөзен"}}
      ]
    }"#;
    let r = skipped(text, "t.json");
    assert!(
        r.contains(
            "t.json:10:48: events[1].start_date.month: the month 13 does not exist (1 to 12); the event is skipped"
        ),
        "{r}"
    );
    assert!(r.contains("events[2]: the event has no start_date; it is skipped"), "{r}");
    // The broken events are left out; the others load, each field where it belongs.
    let (t, w) = load(text, "t.json").unwrap();
    assert_eq!((t.events.len(), t.imported.as_ref().unwrap().skipped), (2, 2));
    assert_eq!(t.title, "Title slide");
    assert_eq!(t.description, "About");
    let a = &t.events[t.event_by_id("a-b").unwrap()];
    assert_eq!(a.title, "A & B");
    assert_eq!(a.summary, "See report");
    assert_eq!(a.categories, ["Protests"]);
    assert_eq!(a.sources.len(), 1);
    assert_eq!(a.sources[0].url.as_deref(), Some("https://example.org/r"));
    assert_eq!(a.start.date.to_string(), "2022-01-05");
    assert!(a.end.is_none(), "an end equal to the start is dropped, as TimelineJS does");
    let body = a.body.as_deref().unwrap();
    assert!(body.contains("Date as the timeline gives it: early January"), "{body}");
    assert!(body.contains("Media: https://example.org/p.jpg — Square (credit: Someone)"), "{body}");
    assert!(t.event_by_id("zhanaozen").is_some());
    assert!(w.to_string().contains("\"thumbnail\" is not a part of a TimelineJS date; ignored"), "{w}");
}

#[test]
fn acled_rows_map_one_by_one() {
    let text = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp\n\
ARG1,2024-11-01,2024,1,Demonstrations,Protests,Peaceful protest,Protesters (Argentina),Teachers (Argentina),Protesters,,,,Protesters only,,32,South America,Argentina,Buenos Aires,,,La Plata,-34.92,-57.95,1,Pagina 12; Clarin,National,Teachers marched.,0,crowd size=hundreds,1730851200\n\
ARG2,02 November 2024,2024,2,Political violence,Riots,Violent demonstration,Rioters (Argentina),,Rioters,Police Forces of Argentina (2023-),,State forces,,,32,South America,Argentina,Cordoba,,,Cordoba,-31.4,-64.18,1,La Voz,Subnational,Clashes.,2,,1730851200\n";
    let (t, _) = load(text, "acled.csv").unwrap();
    assert_eq!(t.title, "ACLED events: Argentina · data: ACLED, acleddata.com");
    assert!(t.description.contains("ACLED"), "the attribution line is in the description");
    let a = &t.events[t.event_by_id("ARG1").unwrap()];
    assert_eq!(a.title, "Peaceful protest in La Plata");
    assert_eq!(a.summary, "Teachers marched.");
    assert_eq!(a.categories, ["Protests", "Peaceful protest"]);
    assert_eq!(a.actors, ["Protesters (Argentina)", "Teachers (Argentina)"]);
    assert_eq!(t.regions[a.region.unwrap() as usize].name, "Buenos Aires");
    assert_eq!(a.sources.iter().map(|s| s.publisher.as_str()).collect::<Vec<_>>(), ["ACLED", "Pagina 12", "Clarin"]);
    assert_eq!(a.claims.len(), 1);
    assert!(a.claims[0].text.contains("no fatalities"), "{}", a.claims[0].text);
    assert_eq!(a.claims[0].figure.as_ref().unwrap().value, 0.0);
    let b = &t.events[t.event_by_id("ARG2").unwrap()];
    assert!(b.start.approximate, "time precision 2 is approximate");
    assert!(b.body.as_deref().unwrap().contains("week"));
    assert_eq!(b.claims[0].figure.as_ref().unwrap().value, 2.0);
}

#[test]
fn acled_problems_name_the_row_and_column() {
    let text =
        "event_id_cnty,event_date,event_type,admin1,notes\nX1,2024-02-30,Protests,A,n\nX2,2024-03-01,Protests,A,n\n";
    let r = skipped(text, "a.csv");
    assert_eq!(r, "a.csv: row 2, column 2 (event_date): February 30 does not exist in 2024; the row is skipped");
}

#[test]
fn sheet_csv_with_camel_case_headers_present_and_a_title_row() {
    let text = "Year,Month,Day,Time,endYear,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background\r\n\
,,,,,,,,,My timeline,<p>Intro</p>,,,,,title,,\r\n\
\"1,990\",3,,,Present,,,,,Start,\"Line one\r\nline two\",,,,,,Politics,\r\n\
2022,1,5,14:30,,,,,,Timed,,,,,,,,\r\n";
    let (t, w) = load(text, "s.csv").unwrap();
    assert_eq!(t.title, "My timeline");
    assert_eq!(t.events.len(), 2);
    let s = &t.events[t.event_by_id("start").unwrap()];
    assert_eq!((s.start.date.to_string().as_str(), s.start.precision), ("1990-03-01", crate::model::Precision::Month));
    assert!(s.body.as_deref().unwrap().contains("Present"));
    assert_eq!(s.categories, ["Politics"]);
    let timed = &t.events[t.event_by_id("timed").unwrap()];
    assert!(timed.start.time.is_none(), "no offset given: the time is left out");
    assert!(w.to_string().contains("--utc-offset"), "{w}");
    let opts = LoadOptions {
        import: Options { utc_offset: Some("+06:00".into()), ..Default::default() },
        ..Default::default()
    };
    let (t, _) = timeline_and_warnings_from_bytes(text.as_bytes(), "s.csv", &opts).unwrap();
    let timed = &t.events[t.event_by_id("timed").unwrap()];
    assert!(timed.start.time.is_some());
}

#[test]
fn tl2_dates_and_tags() {
    let text = r#"{"timeline": {"headline": "Old", "type": "default", "text": "x",
      "date": [{"startDate": "2011,3,23", "endDate": "2011,3,25", "headline": "One", "text": "<p>t</p>", "tag": "A",
                "asset": {"media": "https://example.org/v", "credit": "c", "caption": "cap"}},
               {"startDate": "2011/2/30", "headline": "Bad"}]}}"#;
    let r = skipped(text, "old.json");
    assert!(r.contains("timeline.date[1].startDate: February 30 does not exist in 2011; the event is skipped"), "{r}");
    let fixed = text.replace("2011/2/30", "2011/2/28");
    let (t, _) = load(&fixed, "old.json").unwrap();
    assert_eq!(t.title, "Old");
    let one = &t.events[t.event_by_id("one").unwrap()];
    assert_eq!(one.categories, ["A"]);
    assert_eq!(one.end.as_ref().unwrap().date.to_string(), "2011-03-25");
}

#[test]
fn generic_records_by_name_and_by_flag() {
    let text = r#"[{"Happened": "2022-01-05", "Headline": "A", "Place": "Almaty", "lat": 43.2, "lon": 76.9},
                   {"Happened": "2022-01-06", "Headline": "B"}]"#;
    let r = report(&load(text, "r.json").unwrap_err());
    assert!(r.contains("no date field found; the keys are: \"Happened\", \"Headline\", \"Place\", \"lat\", \"lon\"; say which holds the date with --field date=NAME"), "{r}");
    let opts = LoadOptions {
        import: Options { fields: vec![("date".into(), "Happened".into())], ..Default::default() },
        ..Default::default()
    };
    let (t, _) = timeline_and_warnings_from_bytes(text.as_bytes(), "r.json", &opts).unwrap();
    assert_eq!(t.events.len(), 2);
    assert_eq!(t.events[0].title, "A");
    assert!(t.events[0].place.as_ref().unwrap().coords.is_some());
    let csv = "date,title,region\n2022-01-05,A,North\n2022-01-06,B,South\nnot a date,C,North\n";
    let r = skipped(csv, "r.csv");
    assert!(r.contains("r.csv: row 4, column 1 (date): \"not a date\" is not a date"), "{r}");
}

#[test]
fn a_latin_1_csv_is_transcoded_with_a_warning() {
    let mut bytes = b"date,title\n2022-01-05,Caf".to_vec();
    bytes.push(0xE9);
    bytes.extend(b" opens\n");
    let (t, w) = timeline_and_warnings_from_bytes(&bytes, "l.csv", &LoadOptions::default()).unwrap();
    assert_eq!(t.events[0].title, "Café opens");
    assert!(w.to_string().contains("not UTF-8; it was read as windows-1252"), "{w}");
}

#[test]
fn detection_by_content() {
    assert_eq!(detect(r#"{"format":"kz-timeline","version":1}"#, "x.json"), Format::Native);
    assert_eq!(detect(r#"{"events":[{"start_date":{"year":1}}]}"#, "x.json"), Format::TimelineJs);
    assert_eq!(detect(r#"{"events":[{"start":{"date":"2022"}}]}"#, "x.json"), Format::Native);
    assert_eq!(detect(r#"{"timeline":{"date":[]}}"#, "x.json"), Format::TimelineJs2);
    assert_eq!(detect("[{\"a\":1}]", "x.json"), Format::GenericJson);
    // Records with a "start" date are records; our own events (a "start" object) are not.
    assert_eq!(detect(r#"[{"start":"2022-01-05","title":"x","summary":"y"}]"#, "x.json"), Format::GenericJson);
    assert_eq!(detect(r#"[{"start":{"date":"2022-01-05"},"title":"x"}]"#, "x.json"), Format::Native);
    assert_eq!(detect(r#"{"title":"t","items":[{"date":"2022"}],"n":[1]}"#, "x.json"), Format::GenericJson);
    assert_eq!(detect("Year,Month,Headline\n", "x.csv"), Format::TimelineJsSheet);
    assert_eq!(detect("event_id_cnty,event_date,admin1\n", "x.csv"), Format::Acled);
    assert_eq!(detect("date,title\n", "x.txt"), Format::GenericCsv);
    assert_eq!(detect("not json", "x.json"), Format::Native);
}

#[test]
fn an_era_that_cannot_be_read_is_left_out_with_a_warning_and_the_events_open() {
    let text = r#"{"eras": [{"start_date": {"year": 2021, "month": 13}, "text": {"headline": "Bad"}},
        {"start_date": {"year": 2021}, "text": {"headline": ""}},
        {"start_date": {"year": 2021, "month": 9}, "text": {"headline": "Good"}}],
        "events": [{"start_date": {"year": 2021, "month": 9, "day": 1}, "text": {"headline": "One"}}]}"#;
    let (t, w) = load(text, "e.json").unwrap();
    assert_eq!(t.eras.iter().map(|e| e.name.as_str()).collect::<Vec<_>>(), ["Good"]);
    assert_eq!(t.events.len(), 1);
    let w = w.to_string();
    assert!(w.contains("eras[0].start_date.month") && w.contains("the era is left out"), "{w}");
    assert!(w.contains("the era has no name (headline); it is left out"), "{w}");
    assert!(!w.contains("the event is skipped"), "{w}");
}
