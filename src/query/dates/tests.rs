use super::*;
use crate::model::load::{bundled_regions, timeline_from_str};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Events on these dates ("2022-01-04" or "2022-01-04/2022-01-06" for a span).
fn timeline(dates: &[&str]) -> Timeline {
    let events: Vec<String> = dates
        .iter()
        .enumerate()
        .map(|(i, spec)| {
            let (start, end) = spec.split_once('/').map_or((*spec, None), |(a, b)| (a, Some(b)));
            let end = end.map(|e| format!(r#", "end": {{"date": "{e}"}}"#)).unwrap_or_default();
            format!(
                r#"{{"id": "e{i}", "start": {{"date": "{start}"}}{end}, "title": "t{i}", "summary": "s",
                "sources": [{{"publisher": "P", "title": "t"}}]}}"#
            )
        })
        .collect();
    let text = format!(r#"{{"format": "kz-timeline", "version": 1, "title": "T", "events": [{}]}}"#, events.join(","));
    timeline_from_str(&text, "t", bundled_regions()).unwrap()
}

/// Like the bundled chronology: January 2022 in detail, a few later events up to January 2024.
fn chronology() -> Timeline {
    timeline(&[
        "2022-01-02",
        "2022-01-04/2022-01-06",
        "2022-01-05",
        "2022-01-07",
        "2022-01-19",
        "2022-02-10",
        "2022-03-16",
        "2022-06-05",
        "2023-01-05",
        "2024-01-29",
    ])
}

fn range(from: NaiveDate, to: NaiveDate) -> DateRange {
    DateRange { from: Some(from), to: Some(to) }
}

#[test]
fn days_as_people_type_them() {
    let t = chronology();
    let cal = Calendar::new(&t);
    for s in [
        "2022-01-05",
        "5 Jan",
        "jan 5",
        "5 January 2022",
        "Jan 5, 2022",
        "January 5th",
        "5th jan",
        "5th of January",
        "5jan",
        "Jan5",
        "5-jan-2022",
        "5. Jan.",
        "5 JAN",
        "5 января 2022 г.",
        "5 янв",
        "2022 жылғы 5 қаңтар",
        "5 ҚАҢТАР",
    ] {
        let got = parse_date(s, &cal).unwrap_or_else(|e| panic!("{s}: {e}"));
        assert_eq!((got.first, got.last), (d(2022, 1, 5), d(2022, 1, 5)), "{s}");
    }
    assert_eq!(parse_date("5 jan 2023", &cal).unwrap().first, d(2023, 1, 5));
    for bad in ["", "yesterday", "32 jan", "5 ja", "5 jan feb", "5th", "jan th", "5 jan 7", "5 2022", "ма 5"] {
        assert!(matches!(parse_date(bad, &cal), Err(DateError::Unreadable(_))), "{bad}: {:?}", parse_date(bad, &cal));
    }
}

#[test]
fn a_month_or_a_year_is_the_whole_month_or_year() {
    let t = chronology();
    let cal = Calendar::new(&t);
    let span = |s: &str| {
        let x = parse_date(s, &cal).unwrap_or_else(|e| panic!("{s}: {e}"));
        (x.first, x.last)
    };
    for s in ["2022-01", "jan", "January", "jan 2022", "January 2022", "2022 January", "январь 2022", "қаңтар"]
    {
        assert_eq!(span(s), (d(2022, 1, 1), d(2022, 1, 31)), "{s}");
    }
    for s in ["feb", "February 2022", "2022-02", "Feb."] {
        assert_eq!(span(s), (d(2022, 2, 1), d(2022, 2, 28)), "{s}");
    }
    assert_eq!(span("jan 2023"), (d(2023, 1, 1), d(2023, 1, 31)));
    assert_eq!(span("feb 2024"), (d(2024, 2, 1), d(2024, 2, 29)));
    assert_eq!(span("2022"), (d(2022, 1, 1), d(2022, 12, 31)));
    assert_eq!(span("sept"), (d(2022, 9, 1), d(2022, 9, 30)));
}

#[test]
fn ranges_cover_whole_months_and_refuse_to_run_backwards() {
    let t = chronology();
    let cal = Calendar::new(&t);
    let r = |s: &str| parse_range(s, &cal).unwrap_or_else(|e| panic!("{s}: {e}"));
    let jan4_10 = range(d(2022, 1, 4), d(2022, 1, 10));
    for s in [
        "4 jan..10 jan",
        "4 jan .. 10 jan",
        "2022-01-04..2022-01-10",
        "4 jan to 10 jan",
        "4 jan - 10 jan",
        "4 jan – 10 jan",
        "4–10 jan",
        "4-10 jan",
        "4 - 10 jan",
        "jan 4–10",
        "jan 4-10",
        "4..10 jan 2022",
    ] {
        assert_eq!(r(s), jan4_10, "{s}");
    }
    assert_eq!(r("feb"), range(d(2022, 2, 1), d(2022, 2, 28)));
    assert_eq!(r("2022-01"), range(d(2022, 1, 1), d(2022, 1, 31)));
    assert_eq!(r("jan 2023"), range(d(2023, 1, 1), d(2023, 1, 31)));
    assert_eq!(r("2022"), range(d(2022, 1, 1), d(2022, 12, 31)));
    assert_eq!(r("jan..feb"), range(d(2022, 1, 1), d(2022, 2, 28)));
    assert_eq!(r("..10 jan"), DateRange { from: None, to: Some(d(2022, 1, 10)) });
    assert_eq!(r("4 jan.."), DateRange { from: Some(d(2022, 1, 4)), to: None });
    assert_eq!(r("5 jan"), range(d(2022, 1, 5), d(2022, 1, 5)));
    assert_eq!(r("  "), DateRange::default());
    // A side without a year takes the other's.
    assert!(matches!(parse_range("dec..jan 2024", &cal), Err(DateError::Reversed { .. })));
    assert_eq!(r("4 jan..10 jan 2023"), range(d(2023, 1, 4), d(2023, 1, 10)));
    // Still one date, not a range.
    assert_eq!(r("5-jan-2022"), range(d(2022, 1, 5), d(2022, 1, 5)));
    assert_eq!(r("2022-01-05"), range(d(2022, 1, 5), d(2022, 1, 5)));

    let reversed = parse_range("10 jan..4 jan", &cal).unwrap_err();
    assert_eq!(reversed.to_string(), "the range ends before it starts: 10 Jan 2022 is after 4 Jan 2022");
    assert!(matches!(parse_range("10–4 jan", &cal), Err(DateError::Reversed { .. })));
    assert!(matches!(parse_range("mar 2022..feb 2022", &cal), Err(DateError::Reversed { .. })));
    assert!(matches!(parse_range("5 jan..nope", &cal), Err(DateError::Unreadable(s)) if s == "nope"));
    assert!(matches!(parse_range("4..10", &cal), Err(DateError::Unreadable(_))));
}

#[test]
fn dates_that_do_not_exist_say_why() {
    let t = chronology();
    let cal = Calendar::new(&t);
    let msg = |s: &str| parse_date(s, &cal).unwrap_err().to_string();
    assert_eq!(msg("31 feb"), "\"31 feb\" is not a real date: February 2022 has 28 days");
    assert_eq!(msg("31 april 2023"), "\"31 april 2023\" is not a real date: April 2023 has 30 days");
    assert_eq!(msg("2022-02-30"), "\"2022-02-30\" is not a real date: February 2022 has 28 days");
    assert_eq!(parse_date("29 feb 2024", &cal).unwrap().first, d(2024, 2, 29));
    let e = parse_range("1 feb 2022..30 feb", &cal).unwrap_err();
    assert!(e.to_string().ends_with("February 2022 has 28 days"), "{e}");
}

#[test]
fn a_date_without_a_year_goes_to_the_year_with_events_nearest_it() {
    let t = chronology();
    let all = Calendar::new(&t);
    let first = |s: &str, cal: &Calendar<'_>| parse_date(s, cal).unwrap().first;
    // Preferring 2024 (the selected event's year) does not pull a date away from its events.
    let at_2024 = Calendar::new(&t).prefer(Some(2024));
    assert_eq!(first("jan 7", &at_2024), d(2022, 1, 7));
    assert_eq!(first("march", &at_2024), d(2022, 3, 1));
    assert_eq!(first("jan 29", &at_2024), d(2024, 1, 29));
    // 5 Jan has events in 2022 and 2023: a tie goes to the preferred year, else the earliest.
    assert_eq!(first("jan 5", &all), d(2022, 1, 5));
    assert_eq!(first("jan 5", &Calendar::new(&t).prefer(Some(2023))), d(2023, 1, 5));
    // Nearest in days: 20 Dec is 16 days before 5 Jan 2023 but 188 after 5 Jun 2022.
    assert_eq!(first("20 dec", &all), d(2022, 12, 20));
    assert_eq!(first("dec", &all), d(2022, 12, 1));
    // A month without events in any year goes to the year where an event is nearest it: here
    // 29 Jan 2024 (3 days before 1 Feb 2024), not 19 Jan 2022 (13 days before 1 Feb 2022).
    let sparse = timeline(&["2022-01-19", "2022-03-16", "2024-01-29"]);
    assert_eq!(first("feb", &Calendar::new(&sparse)), d(2024, 2, 1));
    // An event spanning the date counts as on it; only the events given count.
    let only_2023 = [8];
    assert_eq!(first("jan 10", &Calendar::new(&t).among(&only_2023)), d(2023, 1, 10));
    // A range without years is placed as a whole.
    assert_eq!(parse_range("4 jan..10 jan", &at_2024).unwrap(), range(d(2022, 1, 4), d(2022, 1, 10)));
    // 29 Feb goes to a year that has one.
    let leap = timeline(&["2022-02-10", "2024-03-10"]);
    assert_eq!(first("29 feb", &Calendar::new(&leap)), d(2024, 2, 29));
}

#[test]
fn cli_bounds_say_which_side_is_wrong() {
    let t = chronology();
    let cal = Calendar::new(&t);
    assert_eq!(parse_bounds(Some("feb"), Some("feb"), &cal).unwrap(), range(d(2022, 2, 1), d(2022, 2, 28)));
    assert_eq!(parse_bounds(Some("feb 2022"), Some("feb 2022"), &cal).unwrap(), range(d(2022, 2, 1), d(2022, 2, 28)));
    assert_eq!(parse_bounds(None, Some("2024"), &cal).unwrap(), DateRange { from: None, to: Some(d(2024, 12, 31)) });
    assert_eq!(parse_bounds(Some("jan 5"), None, &cal).unwrap(), DateRange { from: Some(d(2022, 1, 5)), to: None });
    assert!(matches!(parse_bounds(Some("someday"), None, &cal), Err((Side::From, DateError::Unreadable(_)))));
    assert!(matches!(parse_bounds(Some("jan"), Some("nope"), &cal), Err((Side::To, DateError::Unreadable(_)))));
    assert!(matches!(parse_bounds(Some("10 jan"), Some("4 jan"), &cal), Err((Side::Both, DateError::Reversed { .. }))));
}

#[test]
fn bce_and_ce_years_as_typed() {
    let t = timeline(&["-0752", "-0043-03-15", "0476-09"]);
    let cal = Calendar::new(&t);
    let span =
        |s: &str| parse_date(s, &cal).map(|x| (x.first, x.last, x.describe())).unwrap_or_else(|e| panic!("{s}: {e}"));
    assert_eq!(span("15 mar 44 BCE"), (d(-43, 3, 15), d(-43, 3, 15), "15 Mar 44 BCE".into()));
    assert_eq!(span("44 bc"), (d(-43, 1, 1), d(-43, 12, 31), "44 BCE".into()));
    assert_eq!(span("753 BCE").0, d(-752, 1, 1));
    assert_eq!(span("sep 476 AD"), (d(476, 9, 1), d(476, 9, 30), "Sep 476".into()));
    assert_eq!(span("476 CE").0, d(476, 1, 1));
    // An ISO year with its sign, as the format writes it.
    assert_eq!(span("-0043-03-15").0, d(-43, 3, 15));
    let e = parse_date("29 feb 44 BCE", &cal).unwrap_err().to_string();
    assert!(e.contains("February 44 BCE has 28 days"), "{e}");
    for bad in ["0 BCE", "BCE", "44 BCE 2022", "300000 BCE"] {
        assert!(parse_date(bad, &cal).is_err(), "{bad}");
    }
}
