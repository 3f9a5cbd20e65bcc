use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn timed(date: NaiveDate, h: u32, m: u32, off_h: i32) -> When {
    When {
        date,
        time: Some(LocalTime {
            time: NaiveTime::from_hms_opt(h, m, 0).unwrap(),
            offset: FixedOffset::east_opt(off_h * 3600).unwrap(),
        }),
        precision: Precision::Minute,
        approximate: false,
        period: None,
    }
}

#[test]
fn parses_dates_at_each_precision() {
    assert_eq!(parse_date("2022-01-05").unwrap(), PartialDate::day(d(2022, 1, 5)));
    assert_eq!(parse_date("2022-08").unwrap().precision, Precision::Month);
    assert_eq!(parse_date("2022").unwrap().date, d(2022, 1, 1));
}

#[test]
fn rejects_impossible_dates_with_a_reason() {
    assert_eq!(parse_date("2022-02-30").unwrap_err().0, "\"2022-02-30\" is not a real date: February 2022 has 28 days");
    assert_eq!(parse_date("2024-02-30").unwrap_err().0, "\"2024-02-30\" is not a real date: February 2024 has 29 days");
    assert_eq!(
        parse_date("2022-13-01").unwrap_err().0,
        "\"2022-13-01\": month 13 does not exist (months are 01 to 12)"
    );
    for bad in ["", "22-01-05", "2022/01/05", "2022-1-5", "2022-01-05T10:00", "+2022-01-05"] {
        assert!(parse_date(bad).is_err(), "{bad:?} accepted");
    }
}

#[test]
fn long_values_are_shortened_in_messages() {
    let long = "9".repeat(100_000);
    let e = parse_date(&long).unwrap_err().0;
    assert!(e.len() < 120, "{e}");
    assert!(e.starts_with("\"9999999999"));
    assert!(parse_time(&long).unwrap_err().0.len() < 120);
    assert!(parse_offset(&format!("+{long}")).unwrap_err().0.len() < 120);
}

#[test]
fn parses_times_and_offsets() {
    assert_eq!(parse_time("02:00").unwrap(), NaiveTime::from_hms_opt(2, 0, 0).unwrap());
    assert!(parse_time("24:00").is_err());
    assert!(parse_time("2:00").is_err());
    assert_eq!(parse_offset("+06:00").unwrap().local_minus_utc(), 6 * 3600);
    assert_eq!(parse_offset("-03:30").unwrap().local_minus_utc(), -(3 * 3600 + 1800));
    assert_eq!(parse_offset("Z").unwrap().local_minus_utc(), 0);
    assert!(parse_offset("+15:00").is_err());
    assert!(parse_offset("06:00").is_err());
    assert!(parse_offset("+6").is_err());
}

#[test]
fn formats_offsets_for_people_and_files() {
    let o = |s: i32| FixedOffset::east_opt(s).unwrap();
    assert_eq!(fmt_offset(o(6 * 3600)), "UTC+6");
    assert_eq!(fmt_offset(o(5 * 3600 + 1800)), "UTC+5:30");
    assert_eq!(fmt_offset(o(-3 * 3600)), "UTC−3");
    assert_eq!(fmt_offset(o(0)), "UTC");
    assert_eq!(iso_offset(o(-(3 * 3600 + 1800))), "-03:30");
}

#[test]
fn positions_within_a_day_put_every_offset_on_one_scale() {
    let day = d(2022, 1, 5);
    let plus = |h: i32| FixedOffset::east_opt(h * 3600).unwrap();
    assert_eq!(When::on(day).position(plus(6)), None, "only the date: no position");
    // 13:00 in Aktau (UTC+5) is 08:00 UTC, after 13:30 in Almaty (UTC+6), 07:30 UTC.
    assert_eq!(timed(day, 13, 0, 5).position(plus(6)), Some(8 * 60));
    assert_eq!(timed(day, 13, 30, 6).position(plus(5)), Some(7 * 60 + 30), "a time's own offset counts");
    // A part of the day is placed at its nominal local hour in the place's offset.
    let evening = When { period: Some(Period::Evening), ..When::on(day) };
    assert_eq!(evening.position(plus(6)), Some(14 * 60));
    assert_eq!(evening.position(plus(5)), Some(15 * 60));
    let night = When { period: Some(Period::Night), ..When::on(day) };
    assert_eq!(night.position(plus(6)), Some(-4 * 60), "before midnight UTC");
    // Coarse dates come before the days of their first day.
    let month = When { precision: Precision::Month, ..When::on(d(2022, 1, 1)) };
    assert!(month.day_order() < When::on(d(2022, 1, 1)).day_order());
}

#[test]
fn the_list_shows_offsets_only_when_asked() {
    let day = d(2022, 1, 5);
    assert_eq!(timed(day, 13, 0, 5).list_time(), "13:00");
    assert_eq!(timed(day, 13, 0, 5).list_time_with_offset(), "13:00+5");
    let about = When { approximate: true, ..timed(day, 2, 0, -3) };
    assert_eq!(about.list_time_with_offset(), "~02:00−3");
    assert_eq!(timed(day, 2, 0, 0).list_time_with_offset(), "02:00+0");
    assert_eq!(When { period: Some(Period::Evening), ..When::on(day) }.list_time_with_offset(), "eve.");
    for secs in [0, 5 * 3600, -3 * 3600, 5 * 3600 + 1800, 12 * 3600 + 2700, -14 * 3600] {
        let o = FixedOffset::east_opt(secs).unwrap();
        assert_eq!(short_offset_width(o), short_offset(o).chars().count(), "{}", short_offset(o));
    }
}

#[test]
fn compares_instants_across_offsets() {
    // 21:00 at UTC+5 is 16:00 UTC; 21:30 at UTC+6 is 15:30 UTC, so it is earlier.
    let a = timed(d(2022, 1, 5), 21, 0, 5);
    let b = timed(d(2022, 1, 5), 21, 30, 6);
    assert_eq!(b.compare(&a), Ordering::Less);
    assert_eq!(a.utc().unwrap().to_string(), "2022-01-05 16:00:00");
}

#[test]
fn list_and_long_forms() {
    let mut w = timed(d(2022, 1, 5), 2, 0, 6);
    w.approximate = true;
    w.precision = Precision::Hour;
    assert_eq!(w.list_time(), "~02:00");
    assert_eq!(w.long(), "Wed 5 Jan 2022, about 02:00 (UTC+6)");
    assert_eq!(w.precision_text(), "to the hour, approximate");
    let plain = When::on(d(2022, 1, 2));
    assert_eq!(plain.list_time(), "—");
    assert_eq!(plain.long(), "Sun 2 Jan 2022");
    let month = When { precision: Precision::Month, ..When::on(d(2022, 8, 1)) };
    assert_eq!(month.day_key().heading(), "Aug 2022 (day not known)");
}

#[test]
fn bce_years_in_words_and_in_iso() {
    assert_eq!(year_text(2022), "2022");
    assert_eq!(year_text(50), "50", "no zero padding");
    assert_eq!(year_text(0), "1 BCE");
    assert_eq!(year_text(-43), "44 BCE");
    assert_eq!(year_text(-11_999), "12,000 BCE");
    assert_eq!(year_text(200_000), "200,000");
    assert_eq!(iso_year(2022), "2022");
    assert_eq!(iso_year(50), "0050");
    assert_eq!(iso_year(0), "0000");
    assert_eq!(iso_year(-43), "-0043");
    assert_eq!(iso_year(-199_999), "-199999");
    assert_eq!(iso_year(12_000), "+12000");
}

#[test]
fn signed_iso_years_parse_and_print_back() {
    let ides = parse_date("-0043-03-15").unwrap();
    assert_eq!((ides.date.year(), ides.date.month(), ides.date.day()), (-43, 3, 15));
    assert_eq!(ides.display(), "15 Mar 44 BCE");
    assert_eq!(ides.iso(), "-0043-03-15");
    assert_eq!(parse_date("0000").unwrap().display(), "1 BCE", "ISO 8601: year 0000 is 1 BCE");
    assert_eq!(parse_date("+12000-01").unwrap().iso(), "+12000-01");
    assert_eq!(parse_date("0476-09").unwrap().display(), "Sep 476");
    for (input, why) in [
        ("-44-03-15", "is not a date"),
        ("-0043-02-30", "February 44 BCE has 28 days"),
        ("-300000-01", "only a year can be given outside 200,000 BCE to 200,000 CE"),
        ("-3000001", "at most 6 significant digits"),
        ("+99999999", "at most 6 significant digits"),
        ("+00000000000000000000", "is not a date"),
        ("--0043", "is not a date"),
        ("12000", "is not a date"),
        ("+2022-01-05", "is not a date"),
        ("-0000", "is not a date"),
    ] {
        let e = parse_date(input).unwrap_err().0;
        assert!(e.contains(why), "{input}: {e}");
    }
    // Every year in the range prints as it parses.
    for y in [*YEARS.start(), -1000, -1, 0, 1, 999, 9999, 10_000, *YEARS.end()] {
        let d = parse_date(&iso_year(y)).unwrap();
        assert_eq!(d.date.year(), y);
        assert_eq!(d.iso(), iso_year(y));
    }
}

#[test]
fn weekdays_only_from_the_first_gregorian_day() {
    let heading = |s: &str| When::on(parse_date(s).unwrap().date).day_key().heading();
    assert_eq!(heading("1582-10-15"), "Fri 15 Oct 1582");
    assert_eq!(heading("1582-10-04"), "4 Oct 1582", "Julian dates keep no made-up weekday");
    assert_eq!(heading("-0043-03-15"), "15 Mar 44 BCE");
}

#[test]
fn deep_years_round_trip_in_order_with_the_calendar() {
    let years: Vec<i64> = vec![
        1 - 999_999_000_000_000_000,
        -13_799_999_999,
        -4_539_999_999,
        -1_000_000_000 + 1,
        -65_999_999,
        -999_999,
        -200_000,
        200_001,
        1_000_000,
        10_000_000_000,
    ];
    let mut last = None;
    for &y in &years {
        let d = deep_date(y).unwrap_or_else(|| panic!("{y} has a deep date"));
        assert_eq!(deep_year(d), Some(y), "{y} reads back");
        assert_eq!(date_year(d), y);
        if let Some(prev) = last {
            assert!(d > prev, "{y} sorts after the one before");
        }
        last = Some(d);
        // Deep dates are outside the calendar's and next to it on the right side.
        let inside = NaiveDate::from_ymd_opt(*YEARS.start(), 1, 1).unwrap()
            ..=NaiveDate::from_ymd_opt(*YEARS.end(), 12, 31).unwrap();
        assert!(!inside.contains(&d));
    }
    let first_ce = NaiveDate::from_ymd_opt(*YEARS.start(), 1, 1).unwrap();
    assert!(deep_date(-200_000).unwrap() < first_ce && deep_date(200_001).unwrap() > first_ce);
    // Every calendar date is not deep.
    for y in [*YEARS.start(), -43, 0, 2022, *YEARS.end()] {
        assert_eq!(deep_year(NaiveDate::from_ymd_opt(y, 6, 1).unwrap()), None);
        assert_eq!(deep_date(i64::from(y)), None, "{y} is a calendar year");
    }
    // Too many significant digits, or too far.
    assert_eq!(deep_date(-13_812_345_678), None);
    assert_eq!(deep_date(i64::MIN), None);
    assert_eq!(deep_date(-9_000_000_000_000_000_000), None);
}

#[test]
fn deep_years_in_words_and_in_files() {
    assert_eq!(year_text(-13_799_999_999i64), "13.8 billion years ago");
    assert_eq!(year_text(-4_566_999_999i64), "4.567 billion years ago");
    assert_eq!(year_text(-65_999_999i64), "66 million years ago");
    assert_eq!(year_text(-999_999i64), "1 million years ago");
    assert_eq!(year_text(-299_999i64), "300,000 BCE");
    assert_eq!(year_text(10_000_000_000i64), "10,000,000,000");
    let p = parse_date("-13799999999").unwrap();
    assert_eq!(
        (p.precision, p.display(), p.iso()),
        (Precision::Year, "13.8 billion years ago".into(), "-13799999999".into())
    );
    assert!(parse_date("-13799999999-01").unwrap_err().0.contains("only a year"));
    assert!(parse_date("-13812345677").unwrap_err().0.contains("significant digits"));
    assert_eq!(parse_date("+10000000000").unwrap().iso(), "+10000000000");
}
