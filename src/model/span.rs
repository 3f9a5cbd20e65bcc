//! Date spans in words, as short as they can be without losing anything: "5 Jan 2022",
//! "4–6 Jan 2022", "31 Jan – 2 Feb 2022", "30 Dec 2021 – 2 Jan 2022", "Feb 2022", "2022".
//! Used for multi-day events (lists, detail, slides, `list` text) and for date filters.

use chrono::{Datelike, NaiveDate};

use super::when::year_text;
use super::{Event, PartialDate, Precision};

/// The last day of the span a partial date stands for (the month's or year's last day).
pub fn last_day(d: PartialDate) -> NaiveDate {
    if super::when::deep_year(d.date).is_some() {
        // A deep year stands on one day of its own (see `when::deep_date`).
        return d.date;
    }
    let next = match d.precision {
        Precision::Year => d.date.with_day(1).and_then(|x| x.with_month(1)).and_then(|x| x.with_year(x.year() + 1)),
        Precision::Month => d.date.with_day(1).and_then(|x| x.checked_add_months(chrono::Months::new(1))),
        _ => return d.date,
    };
    next.and_then(|n| n.pred_opt()).unwrap_or(d.date)
}

/// `first` to `last` (inclusive) in words. Whole months and years are named as such
/// ("Feb 2022", "Jan – Mar 2022", "2022", "2022–2023"); other spans give days ("4–6 Jan 2022").
pub fn dates(first: NaiveDate, last: NaiveDate) -> String {
    use super::when::{date_year_text, deep_year};
    if deep_year(first).is_some() || deep_year(last).is_some() {
        // Deep time is years only; a span ending in the calendar names its year.
        let (a, b) = (date_year_text(first), date_year_text(last));
        return if a == b { a } else { format!("{a} – {b}") };
    }
    let whole_month_start = first.day() == 1;
    let whole_month_end = last_day(PartialDate { date: last, precision: Precision::Month }) == last;
    let year_start = whole_month_start && first.month() == 1;
    let year_end = whole_month_end && last.month() == 12;
    let mon = |d: NaiveDate| d.format("%b").to_string();
    // BCE years in words; a span from BCE into CE names the era at both ends.
    let (y1, mut y2) = (year_text(first.year()), year_text(last.year()));
    if first.year() <= 0 && last.year() > 0 {
        y2.push_str(" CE");
    }
    if year_start && year_end {
        return match (y1 == y2, y1.contains(' ') || y2.contains(' ')) {
            (true, _) => y1,
            (false, false) => format!("{y1}–{y2}"),
            (false, true) => format!("{y1} – {y2}"),
        };
    }
    if whole_month_start && whole_month_end {
        return match (y1 == y2, first.month() == last.month()) {
            (true, true) => format!("{} {y1}", mon(first)),
            (true, false) => format!("{} – {} {y1}", mon(first), mon(last)),
            _ => format!("{} {y1} – {} {y2}", mon(first), mon(last)),
        };
    }
    if first == last {
        return format!("{} {} {y1}", first.day(), mon(first));
    }
    match (y1 == y2, first.month() == last.month()) {
        (true, true) => format!("{}–{} {} {y1}", first.day(), last.day(), mon(first)),
        (true, false) => format!("{} {} – {} {} {y1}", first.day(), mon(first), last.day(), mon(last)),
        _ => format!("{} {} {y1} – {} {} {y2}", first.day(), mon(first), last.day(), mon(last)),
    }
}

/// A start and an end known to different precisions, in words: days as in [`dates`], a month
/// or year side as the whole month or year ("Aug – Oct 2022", "4 Jan – Mar 2022" is written
/// "4 Jan 2022 – Mar 2022" since its end is only known to the month).
pub fn partial(start: PartialDate, end: PartialDate) -> String {
    if start.precision >= Precision::Day && end.precision >= Precision::Day {
        return dates(start.date, end.date);
    }
    let whole = |p: PartialDate| p.precision < Precision::Day;
    if whole(start) && whole(end) {
        return dates(start.date, last_day(end));
    }
    format!("{} – {}", start.display(), end.display())
}

impl Event {
    /// The event's span when it lasts more than one day ("4–6 Jan 2022"), else `None`. For
    /// lists, detail panes and slides: the day heading already gives a one-day event's date.
    pub fn span_text(&self) -> Option<String> {
        let end = self.end.as_ref()?;
        let side = |w: &super::When| PartialDate { date: w.date, precision: w.precision.min(Precision::Day) };
        let (a, b) = (side(&self.start), side(end));
        let same = a.date == b.date || (b.precision < Precision::Day && last_day(b) == last_day(a));
        (!same && b.date >= a.date).then(|| partial(a, b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn spans_are_as_short_as_they_can_be() {
        assert_eq!(dates(d(2022, 1, 5), d(2022, 1, 5)), "5 Jan 2022");
        assert_eq!(dates(d(2022, 1, 4), d(2022, 1, 6)), "4–6 Jan 2022");
        assert_eq!(dates(d(2022, 1, 31), d(2022, 2, 2)), "31 Jan – 2 Feb 2022");
        assert_eq!(dates(d(2021, 12, 30), d(2022, 1, 2)), "30 Dec 2021 – 2 Jan 2022");
        assert_eq!(dates(d(2022, 2, 1), d(2022, 2, 28)), "Feb 2022");
        assert_eq!(dates(d(2024, 2, 1), d(2024, 2, 29)), "Feb 2024");
        assert_eq!(dates(d(2022, 1, 1), d(2022, 3, 31)), "Jan – Mar 2022");
        assert_eq!(dates(d(2022, 12, 1), d(2023, 1, 31)), "Dec 2022 – Jan 2023");
        assert_eq!(dates(d(2022, 1, 1), d(2022, 12, 31)), "2022");
        assert_eq!(dates(d(2022, 1, 1), d(2023, 12, 31)), "2022–2023");
        // A month's first day alone is a day, not the month.
        assert_eq!(dates(d(2022, 2, 1), d(2022, 2, 1)), "1 Feb 2022");
    }

    #[test]
    fn last_days_of_months_and_years() {
        let p = |date, precision| PartialDate { date, precision };
        assert_eq!(last_day(p(d(2022, 2, 1), Precision::Month)), d(2022, 2, 28));
        assert_eq!(last_day(p(d(2024, 2, 1), Precision::Month)), d(2024, 2, 29));
        assert_eq!(last_day(p(d(2022, 1, 1), Precision::Year)), d(2022, 12, 31));
        assert_eq!(last_day(p(d(2022, 1, 5), Precision::Day)), d(2022, 1, 5));
        assert_eq!(partial(p(d(2022, 8, 1), Precision::Month), p(d(2022, 10, 1), Precision::Month)), "Aug – Oct 2022");
        assert_eq!(
            partial(PartialDate::day(d(2022, 1, 4)), p(d(2022, 3, 1), Precision::Month)),
            "4 Jan 2022 – Mar 2022"
        );
    }
}
