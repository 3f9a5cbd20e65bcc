//! Dates as other formats write them, turned into ours: checked (no month 13, no 30 February:
//! TimelineJS would roll those over silently), with a time only when its UTC offset is known
//! (from the value itself or `--utc-offset`), since we never guess a time zone.

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};

use crate::model::load::native::{PrecisionEntry, WhenEntry};

/// A date (and maybe a time) read from another format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// Astronomical; outside `model::when::YEARS` a deep year (then with nothing else).
    pub year: i64,
    pub month: Option<u32>,
    pub day: Option<u32>,
    /// Hour and minute.
    pub time: Option<(u32, u32)>,
    /// "+06:00", when the value gave one.
    pub offset: Option<String>,
}

impl Parsed {
    #[cfg(test)]
    pub fn year(year: i64) -> Parsed {
        Parsed { year, month: None, day: None, time: None, offset: None }
    }
}

/// Build from parts; an error says which part is wrong. `year` counts as TimelineJS and most
/// tools do: negative years are BCE (−44 is 44 BCE) and there is no year 0. The result's year is
/// astronomical, as our format's (−44 becomes −43; see `model::when::YEARS`).
pub fn from_parts(year: i64, month: Option<i64>, day: Option<i64>) -> Result<Parsed, String> {
    use crate::model::when::{YEARS, year_text};
    if year == 0 {
        return Err("there is no year 0 (1 BCE is followed by 1 CE); BCE years are negative: -1 is 1 BCE".into());
    }
    let astronomical = if year < 0 { year + 1 } else { year };
    let year = match i32::try_from(astronomical).ok().filter(|y| YEARS.contains(y)) {
        Some(y) => y,
        None => {
            // Deep time (TimelineJS's cosmology template starts at -13,800,000,000).
            crate::model::when::deep(astronomical, month.is_some() || day.is_some())?;
            return Ok(Parsed { year: astronomical, month: None, day: None, time: None, offset: None });
        }
    };
    let shown = year_text(year);
    let month = match month {
        None => None,
        Some(m @ 1..=12) => Some(m as u32),
        Some(m) => return Err(format!("the month {m} does not exist (1 to 12)")),
    };
    let day = match (month, day) {
        (_, None) => None,
        (None, Some(_)) => return Err("a day is given without a month".into()),
        (Some(m), Some(d)) => {
            let ok = u32::try_from(d).ok().and_then(|d| NaiveDate::from_ymd_opt(year, m, d));
            match ok {
                Some(_) => Some(d as u32),
                None => return Err(format!("{} {d} does not exist in {shown}", month_name(m))),
            }
        }
    };
    Ok(Parsed { year: i64::from(year), month, day, time: None, offset: None })
}

fn month_name(m: u32) -> String {
    NaiveDate::from_ymd_opt(2000, m, 1).map_or_else(String::new, |d| d.format("%B").to_string())
}

/// A time of day "14:30", "14:30:05", "2:30 PM", "9pm".
pub fn time(s: &str) -> Result<(u32, u32), String> {
    let t = s.trim();
    let lower = t.to_ascii_lowercase();
    let (body, pm) = match lower.strip_suffix("pm").or_else(|| lower.strip_suffix("p.m.")) {
        Some(b) => (b.trim().to_string(), Some(true)),
        None => match lower.strip_suffix("am").or_else(|| lower.strip_suffix("a.m.")) {
            Some(b) => (b.trim().to_string(), Some(false)),
            None => (lower.clone(), None),
        },
    };
    let bad =
        || format!("\"{}\" is not a time of day (HH:MM)", crate::model::sanitize::line(&crate::text::clip(t, 30)));
    let mut parts = body.split(':');
    let h: u32 = parts.next().and_then(|p| p.trim().parse().ok()).ok_or_else(bad)?;
    let m: u32 = match parts.next() {
        Some(p) => p.trim().parse().map_err(|_| bad())?,
        None if pm.is_some() => 0,
        None => return Err(bad()),
    };
    if let Some(sec) = parts.next() {
        sec.trim().split('.').next().unwrap_or_default().parse::<u32>().map_err(|_| bad())?;
    }
    let h = match pm {
        Some(true) if (1..=11).contains(&h) => h + 12,
        Some(false) if h == 12 => 0,
        Some(_) if !(1..=12).contains(&h) => return Err(bad()),
        _ => h,
    };
    NaiveTime::from_hms_opt(h, m, 0).map(|_| (h, m)).ok_or_else(bad)
}

/// A date written as text: ISO 8601 (`2022-01-05`, `2022-01`, `2022`, `2022-01-05T14:30`,
/// `2022-01-05 14:30:00+06:00`, `...Z`), `05 January 2022` / `5 Jan 2022`, `January 5, 2022`,
/// or a Unix timestamp in seconds (read as UTC).
pub fn text(s: &str) -> Result<Parsed, String> {
    let t = s.trim();
    let shown = crate::model::sanitize::line(&crate::text::clip(t, 40));
    if t.is_empty() {
        return Err("the date is empty".into());
    }
    if let Ok(dt) =
        chrono::DateTime::parse_from_rfc3339(t).or_else(|_| chrono::DateTime::parse_from_str(t, "%Y-%m-%d %H:%M:%S%:z"))
    {
        let off = dt.offset().local_minus_utc();
        return Ok(Parsed {
            year: i64::from(dt.year()),
            month: Some(dt.month()),
            day: Some(dt.day()),
            time: Some((dt.hour(), dt.minute())),
            offset: Some(offset_text(off)),
        });
    }
    for f in ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"] {
        if let Ok(dt) = chrono::NaiveDateTime::parse_from_str(t, f) {
            return Ok(Parsed {
                year: i64::from(dt.year()),
                month: Some(dt.month()),
                day: Some(dt.day()),
                time: Some((dt.hour(), dt.minute())),
                offset: None,
            });
        }
    }
    // 2022, 2022-01, 2022-01-05 (each part checked, so 2022-02-30 says why).
    let iso: Vec<&str> = t.split('-').collect();
    if (1..=3).contains(&iso.len())
        && iso[0].len() == 4
        && iso.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        let n = |i: usize| iso.get(i).map(|p| p.parse::<i64>().unwrap_or(0));
        return from_parts(n(0).unwrap_or(0), n(1), n(2));
    }
    if t.len() >= 9 && t.bytes().all(|b| b.is_ascii_digit()) {
        let secs: i64 = t.parse().map_err(|_| format!("\"{shown}\" is not a date"))?;
        let dt = chrono::DateTime::from_timestamp(secs, 0).ok_or_else(|| format!("\"{shown}\" is not a date"))?;
        return Ok(Parsed {
            year: i64::from(dt.year()),
            month: Some(dt.month()),
            day: Some(dt.day()),
            time: Some((dt.hour(), dt.minute())),
            offset: Some("+00:00".into()),
        });
    }
    for f in ["%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%d-%B-%Y", "%d-%b-%Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(t, f) {
            return Ok(Parsed {
                year: i64::from(d.year()),
                month: Some(d.month()),
                day: Some(d.day()),
                time: None,
                offset: None,
            });
        }
    }
    Err(format!(
        "\"{shown}\" is not a date kz-timeline reads (use YYYY-MM-DD, YYYY-MM, YYYY, \"5 January 2022\" or a date-time with its UTC offset)"
    ))
}

/// `+06:00` from seconds east of UTC.
pub fn offset_text(secs: i32) -> String {
    let sign = if secs < 0 { '-' } else { '+' };
    let m = secs.unsigned_abs() / 60;
    format!("{sign}{:02}:{:02}", m / 60, m % 60)
}

/// A checked `--utc-offset` ("+06:00", "+6", "-03:30", "Z", "UTC+5").
pub fn parse_offset(s: &str) -> Result<String, String> {
    let t = s.trim();
    let t = t.strip_prefix("UTC").or_else(|| t.strip_prefix("GMT")).unwrap_or(t);
    if t.is_empty() || t == "Z" {
        return Ok("+00:00".into());
    }
    let bad = || format!("\"{s}\" is not a UTC offset (write +06:00, -03:30 or Z)");
    let (sign, rest) = match t.chars().next() {
        Some('+') => (1, &t[1..]),
        Some('-') => (-1, &t[1..]),
        _ => return Err(bad()),
    };
    let (h, m) = match rest.split_once(':') {
        Some((h, m)) => (h.parse::<i32>().map_err(|_| bad())?, m.parse::<i32>().map_err(|_| bad())?),
        None if rest.len() == 4 => (rest[..2].parse().map_err(|_| bad())?, rest[2..].parse().map_err(|_| bad())?),
        None => (rest.parse().map_err(|_| bad())?, 0),
    };
    if !(0..=14).contains(&h) || !(0..60).contains(&m) {
        return Err(bad());
    }
    Ok(offset_text(sign * (h * 3600 + m * 60)))
}

/// Our date entry for `p`. A time without a known offset is left out and `dropped_time` set, so
/// the caller can warn (the date stays).
pub fn when(p: &Parsed, default_offset: Option<&str>, dropped_time: &mut bool) -> WhenEntry {
    let year = crate::model::when::iso_year(p.year);
    let date = match (p.month, p.day) {
        (Some(m), Some(d)) => format!("{year}-{m:02}-{d:02}"),
        (Some(m), None) => format!("{year}-{m:02}"),
        _ => year,
    };
    let mut w = date_entry(date);
    if let Some((h, m)) = p.time
        && p.day.is_some()
    {
        match p.offset.as_deref().or(default_offset) {
            Some(off) => {
                w.time = Some(format!("{h:02}:{m:02}"));
                w.utc_offset = Some(off.to_string());
            }
            None => *dropped_time = true,
        }
    }
    w
}

/// A date entry with only its date ("2022", "2022-01", "2022-01-05").
pub fn date_entry(date: String) -> WhenEntry {
    WhenEntry { date, time: None, utc_offset: None, precision: None, approximate: false, period: None }
}

/// Mark `w` as known only to `precision`, approximately.
pub fn approximate(mut w: WhenEntry, precision: Option<PrecisionEntry>) -> WhenEntry {
    w.approximate = true;
    if precision.is_some() {
        w.precision = precision;
    }
    w
}

/// The warning for times left out for want of an offset.
pub const NO_OFFSET: &str = "times of day are given without a UTC offset, so only the dates are kept; give the offset with --utc-offset (for example --utc-offset +06:00) to keep the times";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_ways_files_write_them() {
        assert_eq!(
            text("2022-01-05").unwrap(),
            Parsed { year: 2022, month: Some(1), day: Some(5), time: None, offset: None }
        );
        assert_eq!(text("05 January 2022").unwrap().day, Some(5));
        assert_eq!(text("January 5, 2022").unwrap().month, Some(1));
        assert_eq!(text("2022").unwrap(), Parsed::year(2022));
        let t = text("2022-01-05T14:30:00+06:00").unwrap();
        assert_eq!((t.time, t.offset.as_deref()), (Some((14, 30)), Some("+06:00")));
        assert_eq!(text("2022-01-05 14:30").unwrap().offset, None);
        assert!(text("2022-02-30").unwrap_err().contains("February 30 does not exist in 2022"));
        assert!(text("2022-13").unwrap_err().contains("month 13"));
        assert!(text("soon").is_err());
    }

    #[test]
    fn times_and_offsets() {
        assert_eq!(time("14:30").unwrap(), (14, 30));
        assert_eq!(time("2:05 PM").unwrap(), (14, 5));
        assert_eq!(time("12 am").unwrap(), (0, 0));
        assert!(time("25:00").is_err());
        assert_eq!(parse_offset("+6").unwrap(), "+06:00");
        assert_eq!(parse_offset("UTC+05:00").unwrap(), "+05:00");
        assert_eq!(parse_offset("-0330").unwrap(), "-03:30");
        assert!(parse_offset("6").is_err());
    }

    #[test]
    fn a_time_is_kept_only_with_its_offset() {
        let p = text("2022-01-05 14:30").unwrap();
        let mut dropped = false;
        let w = when(&p, None, &mut dropped);
        assert!(dropped && w.time.is_none());
        let mut dropped = false;
        let w = when(&p, Some("+06:00"), &mut dropped);
        assert!(!dropped && w.time.as_deref() == Some("14:30") && w.utc_offset.as_deref() == Some("+06:00"));
    }
}
