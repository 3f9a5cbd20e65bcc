//! TimelineJS3 JSON (`{"events": [...], "title": {...}, "eras": [...], "scale": ...}`), read by
//! the rules TimelineJS itself applies (`../shared/research/interop.md` §1), except where they
//! lose data silently: a month 13 or a 30 February is an error for that event (TimelineJS rolls
//! it over), an event without `start_date` is reported (TimelineJS skips it without a word),
//! and every other event still loads.
//!
//! Mapping: `text.headline` → title, `text.text` (HTML → plain text) → summary, its links →
//! sources, `group` → category, `unique_id` → id (else a slug of the headline, deduplicated),
//! `media` and `background` → lines of the event's body, `display_date` → the body's first
//! line, the title slide → the timeline's title and description.

use serde_json::{Map, Value};

use super::dates::{self, Parsed};
use super::{Draft, EventOrigin, Ids, Options, Origin, html, link_source};
use crate::model::load::Path;
use crate::model::load::native::EventEntry;

const DATE_KEYS: &[&str] =
    &["year", "month", "day", "hour", "minute", "second", "millisecond", "display_date", "format"];

pub fn read(text: &str, opts: &Options) -> Result<Draft, (Origin, String)> {
    let root = Origin::Json(Path::root());
    let top: Value = serde_json::from_str(text).map_err(|e| (root.clone(), format!("not JSON: {e}")))?;
    let Value::Object(top) = top else {
        return Err((root, "a TimelineJS file is a JSON object with \"events\"".into()));
    };
    let mut draft = Draft::new("Untitled timeline".into(), root.clone());
    if let Some(Value::Object(title)) = top.get("title") {
        let (headline, body) = slide_text(title);
        if !headline.is_empty() {
            draft.file.title = headline;
        }
        draft.file.description = body.0;
    }
    if let Some(Value::Array(eras)) = top.get("eras") {
        for (i, era) in eras.iter().enumerate() {
            let path = Path::root().key("eras").at(i);
            let Value::Object(era) = era else {
                draft.warn(Origin::Json(path), "an era is an object; this one is left out");
                continue;
            };
            // An era that cannot be read is left out with a warning; the events still open.
            let part = |key: &str, draft: &mut Draft| {
                let before = draft.problems.len();
                let parsed = match era.get(key) {
                    Some(Value::Object(d)) => date(d, &path.clone().key(key), draft),
                    _ => None,
                };
                for (at, m) in draft.problems.split_off(before) {
                    draft.warn(at, m.replace("the event is skipped", "the era is left out"));
                }
                parsed
            };
            let Some(start) = part("start_date", &mut draft) else {
                draft.warn(Origin::Json(path.clone().key("start_date")), "the era has no start date; it is left out");
                continue;
            };
            let end = part("end_date", &mut draft);
            let name = match era.get("text") {
                Some(Value::Object(t)) => slide_text(t).0,
                _ => String::new(),
            };
            match super::era(name, &start, end.as_ref()) {
                Ok(e) => draft.file.eras.push(e),
                Err(why) => draft.warn(Origin::Json(path), why),
            }
        }
    }
    // `scale: "cosmological"` needs nothing: years beyond the calendar's are read as deep years
    // (see `model::when::deep_date`), whatever the scale says.
    let Some(Value::Array(events)) = top.get("events") else {
        return Err((root, "a TimelineJS file needs an \"events\" array".into()));
    };
    let offset = opts.utc_offset.as_deref();
    let mut ids = Ids::default();
    let mut dropped_time = false;
    for (i, ev) in events.iter().enumerate() {
        let path = Path::root().key("events").at(i);
        let Value::Object(ev) = ev else {
            draft.problem(Origin::Json(path), "an event is an object; this one is skipped");
            continue;
        };
        let start_path = path.clone().key("start_date");
        let start = match ev.get("start_date") {
            Some(Value::Object(d)) => date(d, &start_path, &mut draft),
            _ => {
                draft.problem(Origin::Json(path.clone()), "the event has no start_date; it is skipped");
                continue;
            }
        };
        let end_path = path.clone().key("end_date");
        let end = match (ev.get("end_date"), ev.get("start_date")) {
            (Some(Value::Object(e)), Some(Value::Object(s))) if !same_date(s, e) => {
                date(e, &end_path, &mut draft).map(Some)
            }
            _ => Some(None),
        };
        let (Some(start), Some(end)) = (start, end) else { continue };
        let (headline, (summary, links)) = slide_text(ev);
        if ev.get("text").and_then(|t| t.get("body")).is_some() {
            draft.warn(
                Origin::Json(path.clone().key("text").key("body")),
                "\"body\" is not a TimelineJS key; read as \"text\"",
            );
        }
        let mut body = Vec::new();
        if let Some(d) = ev.get("display_date").and_then(Value::as_str).map(html::to_line).filter(|d| !d.is_empty()) {
            body.push(format!("Date as the timeline gives it: {d}"));
        }
        media_lines(ev, &mut body);
        let id_given = match ev.get("unique_id") {
            Some(Value::String(s)) => Some(s.clone()),
            _ => None,
        };
        let id = ids.make(id_given.as_deref(), &headline, i);
        let title = if headline.is_empty() { summary.lines().next().unwrap_or_default().to_string() } else { headline };
        let group = ev.get("group").and_then(Value::as_str).map(html::to_line).filter(|g| !g.is_empty());
        let mut entry = event(id, title, summary);
        entry.start = dates::when(&start, offset, &mut dropped_time);
        entry.end = end.map(|e| dates::when(&e, offset, &mut dropped_time));
        entry.categories = group.into_iter().collect();
        entry.sources = links.iter().filter_map(|(u, t)| link_source(u, t)).collect();
        entry.body = (!body.is_empty()).then(|| body.join("\n"));
        let text_path = path.clone().key("text");
        let origin = EventOrigin {
            whole: Origin::Json(path.clone()),
            fields: vec![
                ("start", Origin::Json(start_path)),
                ("end", Origin::Json(end_path)),
                ("title", Origin::Json(text_path.clone().key("headline"))),
                ("summary", Origin::Json(text_path.key("text"))),
                ("categories", Origin::Json(path.clone().key("group"))),
                ("id", Origin::Json(path.key("unique_id"))),
            ],
        };
        draft.file.events.push(entry);
        draft.origins.push(origin);
    }
    if dropped_time {
        draft.warn(Origin::Json(Path::root()), dates::NO_OFFSET);
    }
    Ok(draft)
}

/// A minimal event entry, filled in by the readers.
pub fn event(id: String, title: String, summary: String) -> EventEntry {
    EventEntry {
        id,
        start: super::dates::date_entry(String::from("2000")),
        end: None,
        title,
        summary,
        body: None,
        region: None,
        place: None,
        categories: Vec::new(),
        actors: Vec::new(),
        sources: Vec::new(),
        claims: Vec::new(),
        related: Vec::new(),
        after: None,
        notes: None,
        extra: None,
    }
}

/// The headline (one line) and the text (plain text and its links) of a slide.
fn slide_text(slide: &Map<String, Value>) -> (String, (String, Vec<(String, String)>)) {
    let get = |k: &str| slide.get(k).and_then(Value::as_str).unwrap_or_default();
    let text = slide.get("text").and_then(Value::as_object);
    let field = |k: &str| text.and_then(|t| t.get(k)).and_then(Value::as_str).unwrap_or_default();
    let headline = if text.is_some() { field("headline") } else { get("headline") };
    let body = if !field("text").is_empty() { field("text") } else { field("body") };
    (html::to_line(headline), html::to_text(body))
}

/// The body lines for a slide's media and background.
fn media_lines(ev: &Map<String, Value>, body: &mut Vec<String>) {
    if let Some(Value::Object(m)) = ev.get("media") {
        let get = |k: &str| m.get(k).and_then(Value::as_str).map(html::to_line).unwrap_or_default();
        let url = get("url");
        if !url.is_empty() {
            body.push(super::media_line(&url, &get("caption"), &get("credit")));
        }
    }
    if let Some(Value::Object(b)) = ev.get("background")
        && let Some(url) = b.get("url").and_then(Value::as_str).filter(|u| !u.trim().is_empty())
    {
        body.push(format!("Background image: {}", url.trim()));
    }
}

/// TimelineJS drops an end date whose every part equals the start's (compared loosely).
fn same_date(start: &Map<String, Value>, end: &Map<String, Value>) -> bool {
    start.iter().all(|(k, v)| end.get(k).is_some_and(|e| loose(e) == loose(v)))
}

fn loose(v: &Value) -> String {
    match v {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        other => other.to_string(),
    }
}

/// One part of a date: a number, a digit string, or missing (`""`, `null`, absent).
fn part(d: &Map<String, Value>, key: &str, path: &Path, draft: &mut Draft) -> Result<Option<i64>, ()> {
    let bad = |draft: &mut Draft, shown: String| {
        draft.problem(
            Origin::Json(path.clone().key(key)),
            format!(
                "the {key} {shown} is not a number; the event is skipped (TimelineJS would refuse the whole timeline)"
            ),
        );
        Err(())
    };
    match d.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => match n.as_i64().or_else(|| n.as_f64().map(|f| f.trunc() as i64)) {
            Some(v) => Ok(Some(v)),
            None => bad(draft, n.to_string()),
        },
        Some(Value::String(s)) => {
            let t = s.trim();
            let digits = t.strip_prefix('-').unwrap_or(t);
            if t.is_empty() {
                Ok(None)
            } else if digits.bytes().all(|b| b.is_ascii_digit()) && !digits.is_empty() {
                match t.parse::<i64>() {
                    Ok(v) => Ok(Some(v)),
                    Err(_) => bad(draft, format!("\"{}\"", crate::model::sanitize::line(&crate::text::clip(t, 30)))),
                }
            } else {
                bad(draft, format!("\"{}\"", crate::model::sanitize::line(&crate::text::clip(t, 30))))
            }
        }
        Some(other) => bad(draft, crate::model::sanitize::line(&crate::text::clip(&other.to_string(), 30))),
    }
}

/// A TimelineJS date object, checked; `None` after reporting what is wrong.
fn date(d: &Map<String, Value>, path: &Path, draft: &mut Draft) -> Option<Parsed> {
    for k in d.keys().filter(|k| !DATE_KEYS.contains(&k.as_str())) {
        draft.warn(
            Origin::Json(path.clone().key(k.clone())),
            format!("\"{}\" is not a part of a TimelineJS date; ignored", crate::model::sanitize::line(k)),
        );
    }
    let year = part(d, "year", path, draft).ok()?;
    let month = part(d, "month", path, draft).ok()?;
    let day = part(d, "day", path, draft).ok()?;
    let hour = part(d, "hour", path, draft).ok()?;
    let minute = part(d, "minute", path, draft).ok()?;
    let Some(year) = year else {
        draft.problem(Origin::Json(path.clone()), "the date has no year; the event is skipped");
        return None;
    };
    let mut p = match dates::from_parts(year, month, day) {
        Ok(p) => p,
        Err(e) => {
            let at = if month.is_some_and(|m| !(1..=12).contains(&m)) {
                "month"
            } else if day.is_some() {
                "day"
            } else {
                "year"
            };
            draft.problem(Origin::Json(path.clone().key(at)), format!("{e}; the event is skipped"));
            return None;
        }
    };
    if let Some(h) = hour.filter(|_| p.day.is_some()) {
        let m = minute.unwrap_or(0);
        if !(0..24).contains(&h) || !(0..60).contains(&m) {
            draft.problem(
                Origin::Json(path.clone().key("hour")),
                format!("{h:02}:{m:02} is not a time of day; the event is skipped"),
            );
            return None;
        }
        p.time = Some((h as u32, m as u32));
    }
    Some(p)
}
