//! Dates as people type them: the `t` (go to date) and `D` (date range) prompts and the
//! `--from`/`--to` options. (Dates as written in files, ISO 8601, are read in `model::when`.)
//!
//! A typed date is a day ("5 jan", "jan 5", "5 January 2022", "2022-01-05"), a whole month
//! ("feb", "jan 2023", "February 2022", "2022-01") or a whole year ("2022"). Month names are
//! English, Russian or Kazakh, whole or from their first three letters ("sept", "янв",
//! "қаңтар"), in any case.
//!
//! A range is two dates joined by `..`, ` to `, `–`, `—` or ` - ` ("4 jan..10 jan", "..10 jan",
//! "4 jan.."), or a day range sharing its month ("4–10 jan", "4-10 jan", "jan 4–10"); a single
//! date is its own range ("feb" is all of February). A range runs from the first day of its
//! start to the last day of its end, and a range that ends before it starts is an error.
//!
//! # The year of a date typed without one
//!
//! A side without a year takes the other side's year. When no year is typed at all, the date
//! goes to the year that makes sense for the timeline: of the years that have events, the one in
//! which the typed date (or range) is nearest to an event, in days (0 when an event falls in it
//! or spans it). A tie goes to the preferred year (the app prefers the selected event's), else
//! the earliest. So in the bundled chronology, which runs from January 2022 to January 2024,
//! `jan 7` is 7 Jan 2022 and `march` is March 2022, wherever the selection is.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{Datelike, NaiveDate};

use super::DateRange;
use crate::model::span;
use crate::model::when::parse_date as parse_iso;
use crate::model::{EventIx, Precision, Timeline};

/// The days a typed date covers, inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl Span {
    /// "5 Jan 2022", "Feb 2022", "2022".
    pub fn describe(&self) -> String {
        span::dates(self.first, self.last)
    }

    /// A single day (not a month or a year).
    pub fn is_day(&self) -> bool {
        self.first == self.last
    }
}

/// Why a typed date or range was refused; the messages are written for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not a date in any form this module reads (the text as typed).
    Unreadable(String),
    /// A date that does not exist: the whole message ("\"31 feb\" is not a real date: February
    /// 2022 has 28 days").
    NotReal(String),
    /// The range ends before it starts.
    Reversed { from: Span, to: Span },
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Unreadable(s) => write!(f, "cannot read \u{201c}{}\u{201d} as a date", crate::text::clip(s, 40)),
            DateError::NotReal(m) => f.write_str(m),
            DateError::Reversed { from, to } => {
                write!(f, "the range ends before it starts: {} is after {}", from.describe(), to.describe())
            }
        }
    }
}

/// Which side of a range an error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    From,
    To,
    /// The range as a whole (it is reversed).
    Both,
}

/// The events a date typed without a year is placed among (see the module docs), and the year
/// preferred on a tie.
#[derive(Debug, Clone, Copy)]
pub struct Calendar<'a> {
    timeline: &'a Timeline,
    among: Option<&'a [EventIx]>,
    prefer: Option<i32>,
}

impl<'a> Calendar<'a> {
    /// Every event of `timeline`.
    pub fn new(timeline: &'a Timeline) -> Self {
        Calendar { timeline, among: None, prefer: None }
    }

    /// Only these events (a view), when there are any.
    pub fn among(self, events: &'a [EventIx]) -> Self {
        Calendar { among: (!events.is_empty()).then_some(events), ..self }
    }

    /// The year chosen when several are equally near.
    pub fn prefer(self, year: Option<i32>) -> Self {
        Calendar { prefer: year, ..self }
    }

    fn events(&self) -> Box<dyn Iterator<Item = (NaiveDate, NaiveDate)> + '_> {
        let span = |e: &crate::model::Event| {
            let start = e.start.date;
            (start, e.end.as_ref().map_or(start, |w| w.date).max(start))
        };
        // Deep years (see `model::when::deep_date`) are no calendar year a typed date could mean.
        let calendar = |&(s, e): &(NaiveDate, NaiveDate)| {
            crate::model::when::deep_year(s).is_none() && crate::model::when::deep_year(e).is_none()
        };
        match self.among {
            Some(ixs) => Box::new(ixs.iter().map(move |&ix| span(&self.timeline.events[ix])).filter(calendar)),
            None => Box::new(self.timeline.events.iter().map(span).filter(calendar)),
        }
    }

    /// The year for a date or range typed without one: `days(year)` is what it covers in that
    /// year (`None` where it does not exist, like 29 Feb in 2022).
    fn year(&self, days: impl Fn(i32) -> Option<(NaiveDate, NaiveDate)>) -> Option<i32> {
        // Years with events (every year a long event covers, within reason).
        let mut present: BTreeMap<i32, i64> = BTreeMap::new();
        for (s, e) in self.events() {
            for y in s.year()..=e.year().min(s.year() + 100) {
                present.insert(y, i64::MAX);
            }
        }
        // The nearest event of year Y is less than a year from the date in Y, so only events
        // from Y-1 to Y+1 can be nearest: each event updates at most a few years.
        for (s, e) in self.events() {
            for y in s.year() - 1..=e.year().min(s.year() + 100) + 1 {
                let Some(best) = present.get_mut(&y) else { continue };
                let Some((a, b)) = days(y) else { continue };
                let gap = (s - b).num_days().max((a - e).num_days()).max(0);
                *best = (*best).min(gap);
            }
        }
        present
            .into_iter()
            .filter(|&(_, gap)| gap < i64::MAX)
            .min_by_key(|&(y, gap)| (gap, Some(y) != self.prefer, y))
            .map(|(y, _)| y)
    }

    /// The year to use when nothing can decide: the preferred one, else the first event's.
    fn fallback_year(&self) -> i32 {
        self.prefer.or_else(|| self.events().next().map(|(s, _)| s.year())).unwrap_or(2022)
    }
}

/// One date as typed: any of day, month and year. A day needs a month, except as one side of
/// a day range ("4–10 jan"), where it borrows the other side's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Typed {
    day: Option<u32>,
    month: Option<u32>,
    year: Option<i32>,
}

impl Typed {
    fn is_bare_day(&self) -> bool {
        self.day.is_some() && self.month.is_none() && self.year.is_none()
    }

    /// The days covered in `year` (the typed year wins), or `None` when the day does not exist.
    fn days_in(&self, year: i32) -> Option<(NaiveDate, NaiveDate)> {
        let y = self.year.unwrap_or(year);
        match (self.month, self.day) {
            (Some(m), Some(d)) => NaiveDate::from_ymd_opt(y, m, d).map(|x| (x, x)),
            (Some(m), None) => {
                let first = NaiveDate::from_ymd_opt(y, m, 1)?;
                Some((first, span::last_day(crate::model::PartialDate { date: first, precision: Precision::Month })))
            }
            _ => Some((NaiveDate::from_ymd_opt(y, 1, 1)?, NaiveDate::from_ymd_opt(y, 12, 31)?)),
        }
    }

    /// As [`Typed::days_in`], with a day past the month's end moved to its last day (to place a
    /// date that does not exist in a year, so the error can name that year).
    fn clamped_in(&self, year: i32) -> Option<(NaiveDate, NaiveDate)> {
        let y = self.year.unwrap_or(year);
        let mut t = *self;
        if let (Some(m), Some(d)) = (t.month, t.day) {
            let len = month_len(y, m)?;
            t.day = Some(d.min(len));
        }
        t.days_in(year)
    }
}

fn month_len(year: i32, month: u32) -> Option<u32> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    Some(span::last_day(crate::model::PartialDate { date: first, precision: Precision::Month }).day())
}

/// Month names by language, each month's forms (Russian: nominative and genitive).
const MONTHS: [[&str; 4]; 12] = [
    ["january", "январь", "января", "қаңтар"],
    ["february", "февраль", "февраля", "ақпан"],
    ["march", "март", "марта", "наурыз"],
    ["april", "апрель", "апреля", "сәуір"],
    ["may", "май", "мая", "мамыр"],
    ["june", "июнь", "июня", "маусым"],
    ["july", "июль", "июля", "шілде"],
    ["august", "август", "августа", "тамыз"],
    ["september", "сентябрь", "сентября", "қыркүйек"],
    ["october", "октябрь", "октября", "қазан"],
    ["november", "ноябрь", "ноября", "қараша"],
    ["december", "декабрь", "декабря", "желтоқсан"],
];

/// Words that may stand beside a date and mean nothing for it ("5th of May", "2022 г.",
/// "2022 жылғы 5 қаңтар").
const FILLERS: [&str; 7] = ["of", "the", "г", "год", "года", "жыл", "жылғы"];

/// Month number from a month name or its first three letters or more, if only one month has it.
fn month_number(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    if w.chars().count() < 3 {
        return None;
    }
    let mut found = None;
    for (i, forms) in MONTHS.iter().enumerate() {
        if forms.iter().any(|f| f.starts_with(w.as_str())) {
            if found.is_some_and(|m| m != i) {
                return None;
            }
            found = Some(i);
        }
    }
    found.map(|i| i as u32 + 1)
}

/// Words of `s`, split where digits meet letters ("7jan" is "7 jan"); other characters separate.
fn words(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start: Option<(usize, bool)> = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        let class = c.is_alphanumeric().then(|| c.is_ascii_digit());
        if let Some((from, digit)) = start
            && class != Some(digit)
        {
            out.push(&s[from..i]);
            start = None;
        }
        if start.is_none() {
            start = class.map(|d| (i, d));
        }
    }
    out
}

/// Does `s` look like an ISO date ("2022-…")? Then the ISO reader's message says what is wrong.
fn looks_iso(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 5 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-'
}

/// Read one date as typed, without making it concrete.
fn typed(s: &str) -> Result<Typed, DateError> {
    let s = s.trim();
    let unreadable = || DateError::Unreadable(s.to_string());
    match parse_iso(s) {
        Ok(d) => {
            let (y, m, day) = (Some(d.date.year()), d.date.month(), d.date.day());
            return Ok(match d.precision {
                Precision::Year => Typed { day: None, month: None, year: y },
                Precision::Month => Typed { day: None, month: Some(m), year: y },
                _ => Typed { day: Some(day), month: Some(m), year: y },
            });
        }
        Err(e) if looks_iso(s) => return Err(DateError::NotReal(e.0)),
        Err(_) => {}
    }
    let mut t = Typed { day: None, month: None, year: None };
    let mut after_number = false;
    let ws = words(s);
    if ws.is_empty() {
        return Err(unreadable());
    }
    let mut skip = false;
    for (i, &w) in ws.iter().enumerate() {
        if std::mem::take(&mut skip) {
            continue;
        }
        let lower = w.to_lowercase();
        let ordinal = ["st", "nd", "rd", "th"].contains(&lower.as_str());
        if after_number && ordinal {
            after_number = false;
            continue;
        }
        after_number = false;
        if FILLERS.contains(&lower.as_str()) {
            continue;
        }
        // "44 BCE", "753 BC", "476 CE", "476 AD": a year of any length, named by its era.
        let era = ws.get(i + 1).map(|n| n.to_lowercase()).filter(|n| ["bce", "bc", "ce", "ad"].contains(&n.as_str()));
        if let (Some(era), Ok(n)) = (&era, w.parse::<i32>())
            && t.year.is_none()
            && (1..=200_000).contains(&n)
        {
            t.year = Some(if era.starts_with('b') { 1 - n } else { n });
            skip = true;
            continue;
        }
        if let Ok(n) = w.parse::<u32>() {
            after_number = true;
            if w.len() == 4 && t.year.is_none() && n > 0 {
                t.year = Some(n as i32);
            } else if t.day.is_none() && (1..=31).contains(&n) && w.len() <= 2 {
                t.day = Some(n);
            } else {
                return Err(unreadable());
            }
        } else if let Some(m) = month_number(w) {
            if t.month.replace(m).is_some() {
                return Err(unreadable());
            }
        } else {
            return Err(unreadable());
        }
    }
    if t.day.is_some() && t.month.is_none() && t.year.is_some() {
        return Err(unreadable());
    }
    Ok(t)
}

/// `"31 feb" is not a real date: February 2022 has 28 days`, as the loader says it.
fn not_real(text: &str, t: Typed, year: i32) -> DateError {
    let (m, y) = (t.month.unwrap_or(1), t.year.unwrap_or(year));
    let name = NaiveDate::from_ymd_opt(y, m, 1).map_or_else(String::new, |d| d.format("%B").to_string());
    let len = month_len(y, m).unwrap_or(31);
    let y = crate::model::when::year_text(y);
    DateError::NotReal(format!(
        "\"{}\" is not a real date: {name} {y} has {len} days",
        crate::text::clip(text.trim(), 40)
    ))
}

/// One date, made concrete: a day, or a whole month or year.
pub fn parse_date(s: &str, cal: &Calendar<'_>) -> Result<Span, DateError> {
    let t = typed(s)?;
    if t.is_bare_day() {
        return Err(DateError::Unreadable(s.trim().to_string()));
    }
    let year = match t.year {
        Some(y) => y,
        None => {
            cal.year(|y| t.days_in(y)).or_else(|| cal.year(|y| t.clamped_in(y))).unwrap_or_else(|| cal.fallback_year())
        }
    };
    let (first, last) = t.days_in(year).ok_or_else(|| not_real(s, t, year))?;
    Ok(Span { first, last })
}

/// A range as typed in the `D` prompt (see the module docs). Empty text is no range.
pub fn parse_range(s: &str, cal: &Calendar<'_>) -> Result<DateRange, DateError> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(DateRange::default());
    }
    fn opt(x: &str) -> Option<&str> {
        let x = x.trim();
        (!x.is_empty()).then_some(x)
    }
    for sep in ["..", " to ", "–", "—", " - "] {
        if let Some((a, b)) = s.split_once(sep) {
            return bounds(opt(a), opt(b), cal).map_err(|(_, e)| e);
        }
    }
    match bounds(Some(s), Some(s), cal) {
        Ok(r) => Ok(r),
        // "4-10 jan", "jan 4-10": a hyphen between a bare day and a date with a month.
        Err((_, e)) => {
            for (i, _) in s.match_indices('-') {
                let (a, b) = (&s[..i], &s[i + 1..]);
                let (Ok(ta), Ok(tb)) = (typed(a), typed(b)) else { continue };
                let full = |t: &Typed| t.day.is_some() && t.month.is_some();
                if (ta.is_bare_day() && full(&tb)) || (tb.is_bare_day() && full(&ta)) {
                    return bounds(Some(a), Some(b), cal).map_err(|(_, e)| e);
                }
            }
            Err(e)
        }
    }
}

/// `--from` and `--to`: from the first day of `from` to the last day of `to`; each side may be
/// missing. An error says which side it is about.
pub fn parse_bounds(from: Option<&str>, to: Option<&str>, cal: &Calendar<'_>) -> Result<DateRange, (Side, DateError)> {
    bounds(from, to, cal)
}

fn bounds(a: Option<&str>, b: Option<&str>, cal: &Calendar<'_>) -> Result<DateRange, (Side, DateError)> {
    let read = |x: Option<&str>, side: Side| x.map(typed).transpose().map_err(|e| (side, e));
    let (mut ta, mut tb) = (read(a, Side::From)?, read(b, Side::To)?);
    // A bare day ("4" in "4–10 jan") borrows the other side's month and year.
    let borrow = |t: &mut Option<Typed>, other: Option<Typed>, text: Option<&str>, side: Side| {
        let Some(x) = t.as_mut().filter(|x| x.is_bare_day()) else { return Ok(()) };
        match other.filter(|o| o.month.is_some()) {
            Some(o) => {
                x.month = o.month;
                x.year = o.year;
                Ok(())
            }
            None => Err((side, DateError::Unreadable(text.unwrap_or_default().trim().to_string()))),
        }
    };
    borrow(&mut ta, tb, a, Side::From)?;
    borrow(&mut tb, ta, b, Side::To)?;
    // A side without a year takes the other's; with none typed, the calendar decides.
    let given = ta.and_then(|t| t.year).or_else(|| tb.and_then(|t| t.year));
    let year = given.unwrap_or_else(|| {
        let both = |y: i32, f: fn(&Typed, i32) -> Option<(NaiveDate, NaiveDate)>| {
            let x = ta.map(|t| f(&t, y)).unwrap_or_else(|| tb.and_then(|t| f(&t, y)));
            let z = tb.map(|t| f(&t, y)).unwrap_or(x);
            Some((x?.0, z?.1))
        };
        cal.year(|y| both(y, Typed::days_in))
            .or_else(|| cal.year(|y| both(y, Typed::clamped_in)))
            .unwrap_or_else(|| cal.fallback_year())
    });
    let concrete = |t: Option<Typed>, text: Option<&str>, side: Side| -> Result<Option<Span>, (Side, DateError)> {
        let Some(t) = t else { return Ok(None) };
        let (first, last) = t.days_in(year).ok_or_else(|| (side, not_real(text.unwrap_or_default(), t, year)))?;
        Ok(Some(Span { first, last }))
    };
    let (sa, sb) = (concrete(ta, a, Side::From)?, concrete(tb, b, Side::To)?);
    if let (Some(from), Some(to)) = (sa, sb)
        && from.first > to.last
    {
        return Err((Side::Both, DateError::Reversed { from, to }));
    }
    Ok(DateRange { from: sa.map(|s| s.first), to: sb.map(|s| s.last) })
}

#[cfg(test)]
mod tests;
