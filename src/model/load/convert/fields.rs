//! Checks and conversions of single values: ids, texts, URLs, dates, times with their offsets,
//! places and sources. Each adds what is wrong to the problems, with the value's JSON path.

use std::collections::HashMap;

use super::{JsonPath, Problems};
use crate::model::load::native::{PeriodEntry, PlaceEntry, PrecisionEntry, SourceEntry, WhenEntry};
use crate::model::sanitize::{self, Kind};
use crate::model::when::{self, LocalTime};
use crate::model::{Coords, PartialDate, Period, Place, Precision, Source, When};

/// Longest accepted id.
pub(super) const MAX_ID: usize = 200;

pub(super) fn check_id(id: &str) -> Result<(), String> {
    if id.is_empty() {
        return Err("the id is empty".into());
    }
    if id.len() > MAX_ID {
        return Err(format!("the id is {} characters long; the limit is {MAX_ID}", id.chars().count()));
    }
    if let Some(c) = id.chars().find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))) {
        return Err(format!(
            "the id \"{}\" contains {}; use letters, digits, '-', '_', '.' and ':'",
            sanitize::line(&shorten(id)),
            describe_char(c)
        ));
    }
    Ok(())
}

pub(super) fn describe_char(c: char) -> String {
    if c == ' ' {
        "a space".into()
    } else if c.is_control() || !sanitize::is_clean(&c.to_string()) {
        format!("the character U+{:04X}", c as u32)
    } else {
        format!("'{c}'")
    }
}

/// A value from the file quoted in a message: shortened, cleaned, in quotes. Ids too: an id
/// with a control character is a problem of its own, and still quoted in others (a duplicate,
/// a "did you mean").
pub(crate) fn quoted(s: &str) -> String {
    format!("\"{}\"", sanitize::line(&shorten(s)))
}

/// Shorten a value quoted in a message.
pub(crate) fn shorten(s: &str) -> String {
    crate::text::clip(s, 60)
}

/// A one-line value that must be there: empty is a problem; one left blank by cleaning (only
/// invisible characters) shows [`sanitize::BLANK`], with a warning.
pub(super) fn required_text(
    value: String,
    path: &JsonPath<'_>,
    what: &str,
    kind: Kind,
    problems: &mut Problems,
) -> String {
    if value.trim().is_empty() {
        problems.add(path, format!("{what} is empty"));
        return sanitize::line_owned(value);
    }
    let cleaned = sanitize::clean_owned(value, kind);
    if cleaned.text.trim().is_empty() {
        // Nothing hidden but nothing left: emoji modifiers (skin tones), which are only drawn as
        // part of the emoji before them.
        let only = if cleaned.hidden.is_empty() {
            "emoji modifiers, which are not drawn on their own".to_string()
        } else {
            listed(&cleaned.hidden)
        };
        problems.warn(path, format!("{what} is blank: it holds only {only}; shown as \"{}\"", sanitize::BLANK));
        return sanitize::BLANK.to_string();
    }
    note_hidden(&cleaned, kind, path, problems);
    cleaned.text
}

/// A name (see [`Kind::Name`]): invisible characters marked and reported; an empty one shows
/// [`sanitize::BLANK`], with a warning.
pub(super) fn name_field(value: String, path: &JsonPath<'_>, problems: &mut Problems) -> String {
    let cleaned = sanitize::clean_owned(value, Kind::Name);
    if cleaned.text.is_empty() {
        problems.warn(path, format!("the name is empty; shown as \"{}\"", sanitize::BLANK));
        return sanitize::BLANK.to_string();
    }
    note_hidden(&cleaned, Kind::Name, path, problems);
    cleaned.text
}

/// A one-line value that may be blank: invisible characters dropped and reported.
pub(super) fn line_field(value: String, path: &JsonPath<'_>, problems: &mut Problems) -> String {
    let cleaned = sanitize::clean_owned(value, Kind::Line);
    note_hidden(&cleaned, Kind::Line, path, problems);
    cleaned.text
}

/// Text that may span lines: invisible characters dropped and reported.
pub(super) fn text_field(value: String, path: &JsonPath<'_>, problems: &mut Problems) -> String {
    let cleaned = sanitize::clean_owned(value, Kind::Text);
    note_hidden(&cleaned, Kind::Text, path, problems);
    cleaned.text
}

/// Warn about the invisible characters cleaning found, saying how they are shown.
fn note_hidden(cleaned: &sanitize::Cleaned, kind: Kind, path: &JsonPath<'_>, problems: &mut Problems) {
    if cleaned.hidden.is_empty() {
        return;
    }
    let n = cleaned.hidden.len();
    let what = if n == 1 { "an invisible character".to_string() } else { format!("{n} invisible characters") };
    let chars = listed(&cleaned.hidden);
    let message = if kind == Kind::Name {
        let markers: Vec<_> = dedup(&cleaned.hidden).into_iter().map(sanitize::marker).collect();
        format!("\"{}\" holds {what}: {chars}; shown as {}", shorten(&cleaned.text), markers.join(" "))
    } else {
        let how = if cleaned.hidden.iter().all(|&c| is_bidi(c)) {
            "shown as \u{FFFD}"
        } else if cleaned.hidden.iter().any(|&c| is_bidi(c)) {
            "not shown (bidirectional controls show as \u{FFFD})"
        } else {
            "not shown"
        };
        format!("holds {what}: {chars}; {how}")
    };
    problems.warn(path, message);
}

fn is_bidi(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Each character once, in order of first appearance.
fn dedup(chars: &[char]) -> Vec<char> {
    let mut out: Vec<char> = Vec::new();
    for &c in chars {
        if !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

/// The distinct characters described, the first few of them: "U+200B (zero width space), U+00AD (soft hyphen)".
fn listed(chars: &[char]) -> String {
    const MAX: usize = 4;
    let distinct = dedup(chars);
    let mut s: Vec<String> = distinct.iter().take(MAX).map(|&c| sanitize::describe(c)).collect();
    if distinct.len() > MAX {
        s.push(format!("{} more kinds", distinct.len() - MAX));
    }
    s.join(", ")
}

pub(super) fn check_url(url: &str) -> Result<(), String> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    match rest {
        Some(r) if !r.is_empty() && !url.chars().any(|c| c.is_whitespace() || c.is_control()) => Ok(()),
        _ => Err(format!("\"{}\" is not a web address (http:// or https://)", sanitize::line(&shorten(url)))),
    }
}

pub(super) fn partial_date(s: &str, path: &JsonPath<'_>, problems: &mut Problems) -> Option<PartialDate> {
    when::parse_date(s).map_err(|e| problems.add(path, sanitize::line(&e.0))).ok()
}

pub(super) fn place(p: PlaceEntry, path: &JsonPath<'_>, problems: &mut Problems) -> Place {
    let name = required_text(p.name, &path.key("name"), "the place name", Kind::Line, problems);
    let coords = match (p.lat, p.lon) {
        (Some(lat), Some(lon)) => {
            let mut ok = true;
            if !(-90.0..=90.0).contains(&lat) {
                problems.add(path.key("lat"), format!("latitude {lat} is out of range (-90 to 90)"));
                ok = false;
            }
            if !(-180.0..=180.0).contains(&lon) {
                problems.add(path.key("lon"), format!("longitude {lon} is out of range (-180 to 180)"));
                ok = false;
            }
            ok.then_some(Coords { lat, lon })
        }
        (None, None) => None,
        (Some(_), None) => {
            problems.add(path, "has lat but no lon; give both or neither");
            None
        }
        (None, Some(_)) => {
            problems.add(path, "has lon but no lat; give both or neither");
            None
        }
    };
    Place { name, coords }
}

pub(super) fn when(w: WhenEntry, path: &JsonPath<'_>, problems: &mut Problems) -> Option<When> {
    let before = problems.0.len();
    let date = partial_date(&w.date, &path.key("date"), problems);
    let time = w
        .time
        .as_deref()
        .and_then(|t| when::parse_time(t).map_err(|e| problems.add(path.key("time"), sanitize::line(&e.0))).ok());
    let offset = w.utc_offset.as_deref().and_then(|o| {
        when::parse_offset(o).map_err(|e| problems.add(path.key("utc_offset"), sanitize::line(&e.0))).ok()
    });
    match (&w.time, &w.utc_offset) {
        (Some(_), None) => problems.add(
            path.key("time"),
            "a time needs its UTC offset: add \"utc_offset\", e.g. \"+06:00\" for Almaty in 2022",
        ),
        (None, Some(_)) => problems.add(path.key("utc_offset"), "utc_offset is only allowed together with a time"),
        _ => {}
    }
    let date = date?;
    let given = if w.time.is_some() { Precision::Minute } else { date.precision };
    let precision = match w.precision {
        None => given,
        Some(p) => {
            let p = match p {
                PrecisionEntry::Year => Precision::Year,
                PrecisionEntry::Month => Precision::Month,
                PrecisionEntry::Day => Precision::Day,
                PrecisionEntry::Hour => Precision::Hour,
                PrecisionEntry::Minute => Precision::Minute,
            };
            let fits = match p {
                Precision::Hour | Precision::Minute => w.time.is_some() && date.precision == Precision::Day,
                coarse => w.time.is_none() && date.precision == coarse,
            };
            if !fits {
                let needs = match p {
                    Precision::Year => "a date of the form YYYY and no time",
                    Precision::Month => "a date of the form YYYY-MM and no time",
                    Precision::Day => "a date of the form YYYY-MM-DD and no time",
                    _ => "a full date (YYYY-MM-DD) and a time",
                };
                problems.add(path.key("precision"), format!("precision \"{}\" needs {needs}", p.name()));
            }
            p
        }
    };
    if precision == Precision::Hour
        && let Some(t) = time
        && chrono::Timelike::minute(&t) != 0
    {
        problems.add(path.key("time"), "precision \"hour\" needs a time on the hour (HH:00)");
    }
    let period = w.period.map(|p| match p {
        PeriodEntry::Night => Period::Night,
        PeriodEntry::Morning => Period::Morning,
        PeriodEntry::Afternoon => Period::Afternoon,
        PeriodEntry::Evening => Period::Evening,
    });
    if period.is_some() && (w.time.is_some() || date.precision != Precision::Day) {
        problems.add(path.key("period"), "period is only allowed with a full date and no time");
    }
    if problems.0.len() > before {
        return None;
    }
    Some(When {
        date: date.date,
        time: time.zip(offset).map(|(time, offset)| LocalTime { time, offset }),
        precision,
        approximate: w.approximate,
        period,
    })
}

/// `(j, first)` for each id that is the same as an earlier one (`first`, its first use); ids
/// that are `None` are not compared. Usually empty, and then nothing is allocated.
pub(super) fn duplicates<'a>(ids: impl ExactSizeIterator<Item = Option<&'a str>> + Clone) -> Vec<(usize, usize)> {
    let mut dups = Vec::new();
    if ids.len() <= 16 {
        for (j, id) in ids.clone().enumerate() {
            if let Some(id) = id
                && let Some(first) = ids.clone().take(j).position(|o| o == Some(id))
            {
                dups.push((j, first));
            }
        }
    } else {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (j, id) in ids.enumerate() {
            if let Some(id) = id
                && let Some(&first) = seen.get(id)
            {
                dups.push((j, first));
            } else if let Some(id) = id {
                seen.insert(id, j);
            }
        }
    }
    dups
}

/// The items in a new vector with room for no more than the iterator can give. (`collect` on
/// a vector's `into_iter` would reuse that vector's allocation, which the JSON parser sized for
/// growth, not for keeping: a list of two sources kept room for four of the bigger parsed kind,
/// half a kilobyte an event.)
pub(super) fn collect_exact<T>(items: impl Iterator<Item = T>) -> Vec<T> {
    let mut out = Vec::with_capacity(items.size_hint().1.unwrap_or(0));
    out.extend(items);
    out
}

pub(super) fn opt_text(s: Option<String>, path: &JsonPath<'_>, problems: &mut Problems) -> Option<String> {
    s.map(|s| text_field(s, path, problems)).filter(|s| !s.trim().is_empty())
}

pub(super) fn sources(entries: Vec<SourceEntry>, path: &JsonPath<'_>, problems: &mut Problems) -> Vec<Source> {
    let dups = duplicates(entries.iter().map(|s| s.id.as_deref()));
    collect_exact(entries.into_iter().enumerate().map(|(j, s)| {
        let sp = path.at(j);
        if let Some(id) = &s.id {
            if let Err(e) = check_id(id) {
                problems.add(sp.key("id"), e);
            } else if let Some(&(_, first)) = dups.iter().find(|d| d.0 == j) {
                problems.add(sp.key("id"), format!("duplicate source id {} (first at {path}[{first}])", quoted(id)));
            }
        }
        if let Some(u) = &s.url
            && let Err(e) = check_url(u)
        {
            problems.add(sp.key("url"), e);
        }
        Source {
            id: s.id,
            publisher: required_text(s.publisher, &sp.key("publisher"), "the publisher", Kind::Line, problems),
            title: required_text(s.title, &sp.key("title"), "the source title", Kind::Line, problems),
            url: s.url.map(|u| name_field(u, &sp.key("url"), problems)),
            date: s.date.as_deref().and_then(|d| partial_date(d, &sp.key("date"), problems)),
        }
    }))
}
