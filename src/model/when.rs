//! Dates and times as historians know them: a calendar date, maybe a local time with its UTC
//! offset, and how precisely it is known. Nothing here invents a time of day.

use std::cmp::Ordering;
use std::fmt;

use chrono::{Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

/// How much of a date/time is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Year,
    Month,
    Day,
    Hour,
    Minute,
}

impl Precision {
    pub fn name(self) -> &'static str {
        match self {
            Precision::Year => "year",
            Precision::Month => "month",
            Precision::Day => "day",
            Precision::Hour => "hour",
            Precision::Minute => "minute",
        }
    }
}

/// A part of the day, for sources that say "in the evening" without a clock time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    Night,
    Morning,
    Afternoon,
    Evening,
}

impl Period {
    pub fn name(self) -> &'static str {
        match self {
            Period::Night => "night",
            Period::Morning => "morning",
            Period::Afternoon => "afternoon",
            Period::Evening => "evening",
        }
    }
    /// Short label for the list's time column (at most 5 columns).
    pub fn short(self) -> &'static str {
        match self {
            Period::Night => "night",
            Period::Morning => "morn.",
            Period::Afternoon => "aft.",
            Period::Evening => "eve.",
        }
    }
    /// Local minutes after midnight used only to place events within a day; never displayed.
    fn sort_minutes(self) -> i32 {
        match self {
            Period::Night => 2 * 60,
            Period::Morning => 9 * 60,
            Period::Afternoon => 15 * 60,
            Period::Evening => 20 * 60,
        }
    }
}

/// A calendar date known to year, month or day precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    /// The first day of the known span (1 January for a year, the 1st for a month).
    pub date: NaiveDate,
    /// `Year`, `Month` or `Day`.
    pub precision: Precision,
}

impl PartialDate {
    pub fn day(date: NaiveDate) -> Self {
        PartialDate { date, precision: Precision::Day }
    }

    /// "5 Jan 2022", "Aug 2022", "2022", "15 Mar 44 BCE", "13.8 billion years ago".
    pub fn display(&self) -> String {
        match self.precision {
            Precision::Year => date_year_text(self.date),
            Precision::Month => month_year(self.date, false),
            _ => format!("{} {}", self.date.day(), month_year(self.date, false)),
        }
    }

    /// ISO form as written in files: "2022", "2022-08", "2022-08-15", "-0043-03-15".
    pub fn iso(&self) -> String {
        let year = iso_year(date_year(self.date));
        match self.precision {
            Precision::Year => year,
            Precision::Month => format!("{year}-{:02}", self.date.month()),
            _ => format!("{year}-{:02}-{:02}", self.date.month(), self.date.day()),
        }
    }
}

/// A local clock time together with the UTC offset it was observed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LocalTime {
    pub time: NaiveTime,
    pub offset: FixedOffset,
}

/// When something happened, to the precision the sources give.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct When {
    /// The local calendar date (day precision or coarser, see `precision`).
    pub date: NaiveDate,
    /// Local time and offset; present exactly when precision is `Hour` or `Minute`.
    pub time: Option<LocalTime>,
    pub precision: Precision,
    /// "About" this time: the sources give an estimate.
    pub approximate: bool,
    /// Part of the day, when only that is known.
    pub period: Option<Period>,
}

impl When {
    /// A day-precision date with no time.
    pub fn on(date: NaiveDate) -> Self {
        When { date, time: None, precision: Precision::Day, approximate: false, period: None }
    }

    /// The key that orders the day groups: local date, then month- and year-only dates before
    /// the days of their first day. Within a day, events are placed by [`When::position`] (see
    /// `model::load::convert::order`).
    pub fn day_order(&self) -> (NaiveDate, i8) {
        let coarse = match self.precision {
            Precision::Year => 0,
            Precision::Month => 1,
            _ => 2,
        };
        (self.date, coarse)
    }

    /// Where this falls within its local day, in minutes after midnight UTC of the local date,
    /// so that every event of a day is on one scale whatever its offset: a time gives its instant
    /// (13:00 at UTC+5 is 480, 13:30 at UTC+6 is 450); a part of the day gives its nominal local
    /// hour (night 02:00, morning 09:00, afternoon 15:00, evening 20:00) in `offset`, the offset
    /// of the place (`None` when only the date is known).
    pub fn position(&self, offset: FixedOffset) -> Option<i32> {
        let minutes = |local: i32, off: FixedOffset| local - off.local_minus_utc() / 60;
        match (self.time, self.period) {
            (Some(t), _) => Some(minutes((t.time.hour() * 60 + t.time.minute()) as i32, t.offset)),
            (None, Some(p)) => Some(minutes(p.sort_minutes(), offset)),
            (None, None) => None,
        }
    }

    /// The UTC offset of the time, if one is known.
    pub fn offset(&self) -> Option<FixedOffset> {
        self.time.map(|t| t.offset)
    }

    /// The instant in UTC, if a time is known.
    pub fn utc(&self) -> Option<NaiveDateTime> {
        self.time.map(|t| self.date.and_time(t.time) - chrono::Duration::seconds(t.offset.local_minus_utc() as i64))
    }

    /// Compare two points for "end is not before start". Uses instants when both have times,
    /// otherwise calendar dates.
    pub fn compare(&self, other: &When) -> Ordering {
        match (self.utc(), other.utc()) {
            (Some(a), Some(b)) => a.cmp(&b),
            _ => self.date.cmp(&other.date),
        }
    }

    /// The day heading this event is grouped under.
    pub fn day_key(&self) -> DayKey {
        DayKey { date: self.date, precision: self.precision.min(Precision::Day) }
    }

    /// The list's time column with the UTC offset after a clock time ("13:00+5", "~02:00+6",
    /// "eve."), for days whose events are in more than one offset.
    pub fn list_time_with_offset(&self) -> String {
        match self.time {
            Some(t) => format!("{}{}", self.list_time(), short_offset(t.offset)),
            None => self.list_time(),
        }
    }

    /// The list's time column: "14:30", "~02:00", "eve.", or "—" when only the date is known.
    pub fn list_time(&self) -> String {
        match (self.time, self.period) {
            (Some(t), _) => {
                let hm = t.time.format("%H:%M").to_string();
                if self.approximate { format!("~{hm}") } else { hm }
            }
            (None, Some(p)) => p.short().to_string(),
            (None, None) => "—".to_string(),
        }
    }

    /// Full human form: "Wed 5 Jan 2022, about 02:00 (UTC+6)".
    pub fn long(&self) -> String {
        let day = self.day_key().heading();
        match (self.time, self.period) {
            (Some(t), _) => {
                let about = if self.approximate { "about " } else { "" };
                format!("{day}, {about}{} ({})", t.time.format("%H:%M"), fmt_offset(t.offset))
            }
            (None, Some(p)) => {
                let about = if self.approximate { "around " } else { "" };
                format!("{day}, {about}{}", p.name())
            }
            (None, None) => day,
        }
    }

    /// What is known, in words: "exact time", "time of day not known", "to the hour, approximate".
    pub fn precision_text(&self) -> String {
        let mut s = match self.precision {
            Precision::Year if deep_year(self.date).is_some() => "the year only".to_string(),
            Precision::Year => "month and day not known".to_string(),
            Precision::Month => "day not known".to_string(),
            Precision::Day if self.period.is_some() => "part of the day only".to_string(),
            Precision::Day => "time of day not known".to_string(),
            Precision::Hour => "to the hour".to_string(),
            Precision::Minute => "to the minute".to_string(),
        };
        if self.approximate {
            s.push_str(", approximate");
        }
        s
    }
}

/// A group of events sharing a day (or, for coarse dates, a month or year).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DayKey {
    pub date: NaiveDate,
    pub precision: Precision,
}

impl DayKey {
    /// "Wed 5 Jan 2022"; "Aug 2022 (day not known)"; "2022 (month not known)".
    pub fn heading(&self) -> String {
        match self.precision {
            Precision::Year if deep_year(self.date).is_some() => date_year_text(self.date),
            Precision::Year => format!("{} (month not known)", year_text(self.date.year())),
            Precision::Month => format!("{} (day not known)", month_year(self.date, false)),
            _ if !weekday_shown(self.date) => format!("{} {}", self.date.day(), month_year(self.date, false)),
            _ => format!("{} {} {}", self.date.format("%a"), self.date.day(), month_year(self.date, false)),
        }
    }
}

/// Years a calendar date can have, in astronomical numbering (0 is 1 BCE, −43 is 44 BCE, as
/// ISO 8601 counts): about 200,000 years either way, inside what the calendar code (chrono)
/// handles. Years beyond, as far as cosmology goes, are *deep years* (see [`deep_date`]).
pub const YEARS: std::ops::RangeInclusive<i32> = -199_999..=200_000;

/// Significant digits a deep year may have: "13,800,000,000 BCE" has three, "4,567,000,000"
/// four. Sources give deep time to a few digits; more than six is refused, not rounded.
pub const DEEP_DIGITS: u32 = 6;

const DEEP_MANTISSAS: i64 = 900_000; // 100,000 ..= 999,999
const DEEP_MAX_EXPONENT: u32 = 12; // up to 999,999 * 10^12 years (about 10^18)

/// The first day of the calendar years; deep years before it (BCE) are placed on the days just
/// before it, deep years after [`YEARS`]' end on the days just after.
fn calendar_start() -> NaiveDate {
    NaiveDate::from_ymd_opt(*YEARS.start(), 1, 1).expect("in chrono's range")
}
fn calendar_end() -> NaiveDate {
    NaiveDate::from_ymd_opt(*YEARS.end(), 12, 31).expect("in chrono's range")
}

/// A deep year's place among the others: years written with at most [`DEEP_DIGITS`]
/// significant digits, in order of size. `n` is how far from the calendar (years BCE, or CE).
fn deep_index(n: i64) -> Option<i64> {
    let digits = n.checked_ilog10()? + 1;
    let e = digits.saturating_sub(DEEP_DIGITS);
    let scale = 10i64.checked_pow(e)?;
    if e > DEEP_MAX_EXPONENT || n % scale != 0 {
        return None;
    }
    let m = n / scale;
    // Years under 100,000 have no deep form; every deep year is at least 200,001.
    (m >= 100_000).then(|| i64::from(e) * DEEP_MANTISSAS + (m - 100_000))
}

fn deep_from_index(index: i64) -> i64 {
    let (e, m) = (index / DEEP_MANTISSAS, index % DEEP_MANTISSAS + 100_000);
    m * 10i64.pow(e as u32)
}

/// The date that stands for a year outside [`YEARS`] (given astronomically: −13,799,999,999 is
/// 13,800,000,000 BCE), at year precision only. Deep years keep their order among themselves
/// and with every calendar date, so sorting, grouping and date filters need nothing special;
/// they are stored as days of a stretch of chrono's range that calendar dates never use
/// (before 200,000 BCE and after 200,000 CE) and read back with [`deep_year`]. Fails for a
/// year with more than [`DEEP_DIGITS`] significant digits, or beyond about 10^18 years.
pub fn deep_date(year: i64) -> Option<NaiveDate> {
    if year < i64::from(*YEARS.start()) {
        let index = deep_index(1i64.checked_sub(year)?)?;
        calendar_start().checked_sub_days(chrono::Days::new(index as u64 + 1))
    } else if year > i64::from(*YEARS.end()) {
        let index = deep_index(year)?;
        calendar_end().checked_add_days(chrono::Days::new(index as u64 + 1))
    } else {
        None
    }
}

/// The year a date stands for, if it is a deep year (see [`deep_date`]).
pub fn deep_year(date: NaiveDate) -> Option<i64> {
    if date < calendar_start() {
        let index = (calendar_start() - date).num_days() - 1;
        Some(1 - deep_from_index(index))
    } else if date > calendar_end() {
        Some(deep_from_index((date - calendar_end()).num_days() - 1))
    } else {
        None
    }
}

/// The (astronomical) year of a date, a deep year included.
pub fn date_year(date: NaiveDate) -> i64 {
    deep_year(date).unwrap_or_else(|| i64::from(date.year()))
}

/// A date's year for people: [`year_text`], a deep year included.
pub fn date_year_text(date: NaiveDate) -> String {
    year_text(date_year(date))
}

/// Digits grouped by three from five digits on: "2022", "12,000", "13,800,000,000".
fn grouped(n: i64) -> String {
    if n.unsigned_abs() < 10_000 { n.to_string() } else { crate::text::group_digits(n.unsigned_abs()) }
}

/// A year for people: "2022", "50", "44 BCE" (astronomical −43), "1 BCE" (0), "12,000 BCE"
/// (digits grouped from five digits on); a million years or more before the Common Era as
/// cosmology writes it, "66 million years ago", "13.8 billion years ago" (the two thousand
/// years between BCE and "ago" are far below the precision of such a figure).
pub fn year_text(year: impl Into<i64>) -> String {
    let year: i64 = year.into();
    if year > 0 {
        return grouped(year);
    }
    let bce = 1 - year;
    let ago = |unit: i64, word: &str| {
        let whole = bce / unit;
        let rest = bce % unit;
        let frac = if rest == 0 {
            String::new()
        } else {
            let digits = format!("{:0width$}", rest, width = unit.ilog10() as usize);
            format!(".{}", digits.trim_end_matches('0'))
        };
        format!("{}{frac} {word} years ago", grouped(whole))
    };
    match bce {
        1_000_000_000.. => ago(1_000_000_000, "billion"),
        1_000_000.. => ago(1_000_000, "million"),
        _ => format!("{} BCE", grouped(bce)),
    }
}

/// A year as ISO 8601 writes it: four digits, a sign before years before 1 BCE or after 9999
/// ("2022", "0000" for 1 BCE, "-0043" for 44 BCE, "+12000").
pub fn iso_year(year: impl Into<i64>) -> String {
    let year: i64 = year.into();
    match year {
        0..=9999 => format!("{year:04}"),
        ..0 => format!("-{:04}", -year),
        _ => format!("+{year}"),
    }
}

/// "Jan 2022" (or "January 2022" with `long`), "Mar 44 BCE"; a deep year alone.
pub fn month_year(date: NaiveDate, long: bool) -> String {
    if deep_year(date).is_some() {
        return date_year_text(date);
    }
    let month = date.format(if long { "%B" } else { "%b" });
    format!("{month} {}", year_text(date.year()))
}

/// Whether a day's weekday is shown: from 15 October 1582, the first day of the Gregorian
/// calendar. Older dates are kept as the numbers their sources give, which are usually Julian
/// calendar dates, so a weekday worked out in the Gregorian calendar could be wrong.
pub fn weekday_shown(date: NaiveDate) -> bool {
    date >= NaiveDate::from_ymd_opt(1582, 10, 15).expect("a real date")
}

/// An offset as short as it goes, after a time: "+6", "+5:30", "−3", "+0".
pub fn short_offset(offset: FixedOffset) -> String {
    match fmt_offset(offset).strip_prefix("UTC") {
        Some("") | None => "+0".to_string(),
        Some(s) => s.to_string(),
    }
}

/// The width of [`short_offset`]'s text, without making it.
pub fn short_offset_width(offset: FixedOffset) -> usize {
    let abs = offset.local_minus_utc().unsigned_abs();
    let (h, m) = (abs / 3600, (abs % 3600) / 60);
    1 + if h >= 10 { 2 } else { 1 } + if m == 0 { 0 } else { 3 }
}

/// "UTC+6", "UTC+5:30", "UTC−3", "UTC".
pub fn fmt_offset(offset: FixedOffset) -> String {
    let secs = offset.local_minus_utc();
    if secs == 0 {
        return "UTC".to_string();
    }
    let sign = if secs < 0 { '−' } else { '+' };
    let abs = secs.unsigned_abs();
    let (h, m) = (abs / 3600, (abs % 3600) / 60);
    if m == 0 { format!("UTC{sign}{h}") } else { format!("UTC{sign}{h}:{m:02}") }
}

/// Errors from parsing date/time strings; messages are written for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError(pub String);

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn digits(s: &str, n: usize) -> Option<u32> {
    if s.len() == n && s.bytes().all(|b| b.is_ascii_digit()) { s.parse().ok() } else { None }
}

/// A value as quoted in a message: at most 40 characters.
fn quoted(s: &str) -> String {
    crate::text::clip(s, 40)
}

/// Parse "YYYY", "YYYY-MM" or "YYYY-MM-DD", with ISO 8601's signed years for dates before 1 BCE
/// or after 9999: "-0043-03-15" is 15 March 44 BCE, "0000" is 1 BCE (see [`YEARS`]).
pub fn parse_date(input: &str) -> Result<PartialDate, ParseError> {
    let s = &quoted(input);
    let bad = || ParseError(format!("\"{s}\" is not a date; expected YYYY-MM-DD (or YYYY-MM, YYYY)"));
    let (sign, unsigned) = match input.as_bytes().first() {
        Some(b'-') => (-1, &input[1..]),
        Some(b'+') => (1, &input[1..]),
        _ => (0, input),
    };
    let mut parts = unsigned.split('-');
    let year_part = parts.next().unwrap_or_default();
    let year = match sign {
        0 => digits(year_part, 4).map(i64::from),
        _ if year_part.len() >= 4 && year_part.len() <= 19 && year_part.bytes().all(|b| b.is_ascii_digit()) => {
            // Only as `iso_year` writes them: a sign where it is needed, so each date has one form.
            year_part.parse::<i64>().ok().filter(|&y| if sign > 0 { y > 9999 } else { y > 0 }).map(|y| y * sign)
        }
        _ => None,
    }
    .ok_or_else(bad)?;
    let month = parts.next().map(|p| digits(p, 2).ok_or_else(bad)).transpose()?;
    let day = parts.next().map(|p| digits(p, 2).ok_or_else(bad)).transpose()?;
    if parts.next().is_some() {
        return Err(bad());
    }
    if !YEARS.contains(&(year.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32)) {
        return deep(year, month.is_some())
            .map(|date| PartialDate { date, precision: Precision::Year })
            .map_err(|why| ParseError(format!("\"{s}\": {why}")));
    }
    let year = year as i32;
    let in_words = year_text(year);
    if let Some(m) = month
        && !(1..=12).contains(&m)
    {
        return Err(ParseError(format!("\"{s}\": month {m} does not exist (months are 01 to 12)")));
    }
    match (month, day) {
        (None, _) => {
            Ok(PartialDate { date: NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(bad)?, precision: Precision::Year })
        }
        (Some(m), None) => {
            Ok(PartialDate { date: NaiveDate::from_ymd_opt(year, m, 1).ok_or_else(bad)?, precision: Precision::Month })
        }
        (Some(m), Some(d)) => match NaiveDate::from_ymd_opt(year, m, d) {
            Some(date) => Ok(PartialDate::day(date)),
            None => {
                let first = NaiveDate::from_ymd_opt(year, m, 1).ok_or_else(bad)?;
                let next = first.checked_add_months(chrono::Months::new(1)).ok_or_else(bad)?;
                let len = (next - first).num_days();
                Err(ParseError(format!("\"{s}\" is not a real date: {} {in_words} has {len} days", first.format("%B"))))
            }
        },
    }
}

/// The date for a deep year (outside [`YEARS`]), or why there is none. `with_month`: the value
/// gave more than the year.
pub fn deep(year: i64, with_month: bool) -> Result<NaiveDate, String> {
    let (first, last) = (year_text(*YEARS.start()), year_text(*YEARS.end()));
    if with_month {
        return Err(format!(
            "only a year can be given outside {first} to {last} CE (the calendar's months and days stop there)"
        ));
    }
    deep_date(year).ok_or_else(|| {
        format!(
            "a year outside {first} to {last} CE is kept to at most {DEEP_DIGITS} significant digits \
             (as 13,800,000,000 BCE or 4,540,000,000 BCE), and at most 10^18 years"
        )
    })
}

/// Parse "HH:MM" (24-hour clock).
pub fn parse_time(input: &str) -> Result<NaiveTime, ParseError> {
    let s = &quoted(input);
    let bad = || ParseError(format!("\"{s}\" is not a time; expected HH:MM (24-hour clock)"));
    let (h, m) = input.split_once(':').ok_or_else(bad)?;
    let (h, m) = (digits(h, 2).ok_or_else(bad)?, digits(m, 2).ok_or_else(bad)?);
    if h > 23 || m > 59 {
        return Err(ParseError(format!("\"{s}\" is out of range (00:00 to 23:59)")));
    }
    NaiveTime::from_hms_opt(h, m, 0).ok_or_else(bad)
}

/// Parse a UTC offset: "+06:00", "-03:30", "+00:00" or "Z".
pub fn parse_offset(input: &str) -> Result<FixedOffset, ParseError> {
    let s = &quoted(input);
    let bad = || ParseError(format!("\"{s}\" is not a UTC offset; expected +HH:MM or -HH:MM, e.g. \"+06:00\""));
    if input == "Z" {
        return Ok(FixedOffset::east_opt(0).expect("zero offset"));
    }
    let sign = match input.as_bytes().first() {
        Some(b'+') => 1,
        Some(b'-') => -1,
        _ => return Err(bad()),
    };
    let (h, m) = input[1..].split_once(':').ok_or_else(bad)?;
    let (h, m) = (digits(h, 2).ok_or_else(bad)?, digits(m, 2).ok_or_else(bad)?);
    if m > 59 || h * 60 + m > 14 * 60 {
        return Err(ParseError(format!("\"{s}\" is out of range (offsets run from -14:00 to +14:00)")));
    }
    FixedOffset::east_opt(sign * (h * 3600 + m * 60) as i32).ok_or_else(bad)
}

/// ISO form of an offset as written in files: "+06:00".
pub fn iso_offset(offset: FixedOffset) -> String {
    let secs = offset.local_minus_utc();
    let sign = if secs < 0 { '-' } else { '+' };
    let abs = secs.unsigned_abs();
    format!("{sign}{:02}:{:02}", abs / 3600, (abs % 3600) / 60)
}

#[cfg(test)]
mod tests;
