//! Dates, times, spans and keys written out in words for the plain screens: "Wednesday 5 January
//! 2022", "14:25 local time, UTC plus 6 hours", "4 to 10 January 2022", "capital Q", "Page Down".
//! What a screen reader would otherwise spell out symbol by symbol ("~", "–", "↑", "PgDn") or
//! guess at ("Jan", "eve.").

use chrono::{Datelike, FixedOffset, NaiveDate};

use crate::app::keymap::Key;
use crate::model::when::{date_year_text, month_year, weekday_shown};
use crate::model::{Event, PartialDate, Period, Precision, Timeline, When};
use ratatui::crossterm::event::KeyCode;

/// "5 January 2022", "January 2022", "2022".
pub fn date(d: NaiveDate, precision: Precision) -> String {
    match precision {
        Precision::Year => date_year_text(d),
        Precision::Month => month_year(d, true),
        _ => format!("{} {}", d.day(), month_year(d, true)),
    }
}

/// "Wednesday 5 January 2022"; "January 2022, day not known"; "2022, month not known".
pub fn day_heading(d: NaiveDate, precision: Precision) -> String {
    match precision {
        Precision::Year if crate::model::when::deep_year(d).is_some() => date_year_text(d),
        Precision::Year => format!("{}, month not known", date_year_text(d)),
        Precision::Month => format!("{}, day not known", month_year(d, true)),
        _ if !weekday_shown(d) => date(d, precision),
        _ => format!("{} {}", d.format("%A"), date(d, precision)),
    }
}

pub fn partial(d: PartialDate) -> String {
    date(d.date, d.precision)
}

/// "UTC plus 6 hours", "UTC plus 5 hours 30 minutes", "UTC minus 3 hours", "UTC".
pub fn offset(o: FixedOffset) -> String {
    let secs = o.local_minus_utc();
    if secs == 0 {
        return "UTC".into();
    }
    let sign = if secs < 0 { "minus" } else { "plus" };
    let (h, m) = (secs.abs() / 3600, secs.abs() / 60 % 60);
    let hours = if h == 1 { "1 hour".to_string() } else { format!("{h} hours") };
    match m {
        0 => format!("UTC {sign} {hours}"),
        m => format!("UTC {sign} {hours} {m} minutes"),
    }
}

fn period(p: Period) -> String {
    match p {
        Period::Night => "at night".into(),
        p => format!("in the {}", p.name()),
    }
}

/// The time of day for a list line: "14:25", "about 02:00", "in the evening"; with the offset
/// ("13:00 UTC+5") when the day mixes offsets. `None` when only the date is known.
pub fn list_time(w: &When, with_offset: bool) -> Option<String> {
    match (w.time, w.period) {
        (Some(t), _) => {
            let about = if w.approximate { "about " } else { "" };
            let off =
                if with_offset { format!(" {}", crate::model::when::fmt_offset(t.offset)) } else { String::new() };
            Some(format!("{about}{}{off}", t.time.format("%H:%M")))
        }
        (None, Some(p)) => Some(period(p)),
        (None, None) => None,
    }
}

/// When, in full: "Wednesday 5 January 2022, at 14:25 local time (UTC plus 6 hours), to the
/// minute"; "Sunday 2 January 2022, in the morning, part of the day only".
pub fn when(w: &When) -> String {
    let day = day_heading(w.date, w.precision.min(Precision::Day));
    let time = match (w.time, w.period) {
        (Some(t), _) => {
            let about = if w.approximate { "about " } else { "" };
            Some(format!("at {about}{} local time ({})", t.time.format("%H:%M"), offset(t.offset)))
        }
        (None, Some(p)) => Some(format!("{}{}", period(p), if w.approximate { ", approximately" } else { "" })),
        (None, None) => None,
    };
    let known = match w.precision {
        // The day heading already says what is not known.
        Precision::Year | Precision::Month => None,
        _ => Some(w.precision_text()),
    };
    [Some(day), time, known].into_iter().flatten().collect::<Vec<_>>().join(", ")
}

/// A multi-day event's dates: "4 to 10 January 2022", "31 January to 2 February 2022",
/// "30 December 2021 to 2 January 2022", "August 2022 to October 2022". `None` for one day.
pub fn span(e: &Event) -> Option<String> {
    e.span_text()?;
    let end = e.end.as_ref()?;
    let (a, b) = (&e.start, end);
    let days = a.precision >= Precision::Day && b.precision >= Precision::Day;
    if !days {
        return Some(format!("{} to {}", date(a.date, a.precision), date(b.date, b.precision)));
    }
    let (x, y) = (a.date, b.date);
    Some(match (x.year() == y.year(), x.month() == y.month()) {
        (true, true) => format!("{} to {}", x.day(), date(y, Precision::Day)),
        (true, false) => format!("{} {} to {}", x.day(), x.format("%B"), date(y, Precision::Day)),
        _ => format!("{} to {}", date(x, Precision::Day), date(y, Precision::Day)),
    })
}

/// The start of an event's list line: its date (or span), time (unless `time` is false) and
/// region, as words: "5 January 2022, 14:25, Almaty", "4 to 10 January 2022, Nationwide".
pub fn when_where(t: &Timeline, e: &Event, time: bool, with_offset: bool) -> String {
    let mut parts = vec![span(e).unwrap_or_else(|| date(e.start.date, e.start.precision.min(Precision::Day)))];
    parts.extend(list_time(&e.start, with_offset).filter(|_| time));
    parts.extend(e.region.map(|r| t.region(r).short.clone()));
    parts.join(", ")
}

/// A key as it is said: "Up", "Page Down", "Escape", "slash", "capital Q", "Control d".
pub fn key(k: &Key) -> String {
    let base = match k.code {
        KeyCode::Up => "Up".into(),
        KeyCode::Down => "Down".into(),
        KeyCode::Left => "Left".into(),
        KeyCode::Right => "Right".into(),
        KeyCode::PageUp => "Page Up".into(),
        KeyCode::PageDown => "Page Down".into(),
        KeyCode::Esc => "Escape".into(),
        KeyCode::Char(' ') => "Space".into(),
        KeyCode::Null => "letters".into(),
        KeyCode::Char(c) => char_name(c),
        _ => k.label(),
    };
    if k.ctrl { format!("Control {base}") } else { base }
}

fn char_name(c: char) -> String {
    let name = match c {
        '/' => "slash",
        '?' => "question mark",
        ':' => "colon",
        '{' => "left brace",
        '}' => "right brace",
        '!' => "exclamation mark",
        '\'' => "apostrophe",
        '"' => "double quote",
        '*' => "star",
        '+' => "plus",
        '=' => "equals",
        '-' => "minus",
        '.' => "full stop",
        c if c.is_uppercase() => return format!("capital {c}"),
        c => return c.to_string(),
    };
    name.into()
}

/// Keys said at the start of a sentence: "Slash", "Question mark", but "q" (a capital would be
/// another key).
pub fn sentence(said: String) -> String {
    let mut chars = said.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(c)) if c.is_alphabetic() => format!("{}{c}{}", first.to_uppercase(), chars.as_str()),
        _ => said,
    }
}

/// Keys as they are said, together: "Up or Down", "1 to 4".
pub fn keys(keys: &[Key]) -> String {
    let said: Vec<String> = keys.iter().map(key).collect();
    let digits = said.len() > 2 && said.iter().all(|k| k.len() == 1 && k.as_bytes()[0].is_ascii_digit());
    if digits { format!("{} to {}", said[0], said[said.len() - 1]) } else { said.join(" or ") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::when::LocalTime;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_and_times_read_as_words() {
        assert_eq!(date(d(2022, 1, 5), Precision::Day), "5 January 2022");
        assert_eq!(day_heading(d(2022, 1, 5), Precision::Day), "Wednesday 5 January 2022");
        assert_eq!(day_heading(d(2022, 8, 1), Precision::Month), "August 2022, day not known");
        let six = FixedOffset::east_opt(6 * 3600).unwrap();
        assert_eq!(offset(six), "UTC plus 6 hours");
        assert_eq!(offset(FixedOffset::east_opt(5 * 3600 + 1800).unwrap()), "UTC plus 5 hours 30 minutes");
        assert_eq!(offset(FixedOffset::west_opt(3600).unwrap()), "UTC minus 1 hour");
        let t = chrono::NaiveTime::from_hms_opt(14, 25, 0).unwrap();
        let w = When {
            date: d(2022, 1, 5),
            time: Some(LocalTime { time: t, offset: six }),
            precision: Precision::Minute,
            approximate: false,
            period: None,
        };
        assert_eq!(when(&w), "Wednesday 5 January 2022, at 14:25 local time (UTC plus 6 hours), to the minute");
        assert_eq!(list_time(&w, false).as_deref(), Some("14:25"));
        assert_eq!(list_time(&w, true).as_deref(), Some("14:25 UTC+6"));
        let evening = When { period: Some(Period::Evening), ..When::on(d(2022, 1, 4)) };
        assert_eq!(list_time(&evening, false).as_deref(), Some("in the evening"));
        assert_eq!(list_time(&When::on(d(2022, 1, 4)), true), None);
    }

    #[test]
    fn keys_are_said_not_drawn() {
        let k = |code| Key { code, ctrl: false };
        assert_eq!(keys(&[k(KeyCode::Up), k(KeyCode::Down)]), "Up or Down");
        assert_eq!(key(&k(KeyCode::Char('/'))), "slash");
        assert_eq!(key(&k(KeyCode::Char('Q'))), "capital Q");
        assert_eq!(key(&Key { code: KeyCode::Char('d'), ctrl: true }), "Control d");
        assert_eq!(keys(&[k(KeyCode::Char('1')), k(KeyCode::Char('2')), k(KeyCode::Char('4'))]), "1 to 4");
        assert_eq!(key(&k(KeyCode::PageDown)), "Page Down");
        assert_eq!(sentence(key(&k(KeyCode::Char('/')))), "Slash");
        assert_eq!(sentence(keys(&[k(KeyCode::Char('q')), k(KeyCode::Esc)])), "q or Escape");
    }
}
