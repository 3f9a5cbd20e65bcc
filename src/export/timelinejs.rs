//! The selected events as TimelineJS3 JSON (`kz-timeline export --format timelinejs`), so a
//! teacher can put the chronology on the web with TimelineJS. Written to TimelineJS's own rules
//! (`../shared/research/interop.md` §1): date parts as numbers, months 1-based, only the parts
//! that are known (TimelineJS shows the finest part present); every id a `unique_id`; a time
//! with its UTC offset in `display_date`, since TimelineJS has no time zones. Claims and
//! sources go into the slide text as HTML (escaped), categories into `group` (the first one:
//! TimelineJS has one group per slide).

use chrono::{Datelike, Timelike};
use serde_json::{Value, json};

use super::Selection;
use super::html::escape;
use crate::model::{Event, Precision, When};

/// The TimelineJS3 document for `sel`.
pub fn document(sel: &Selection<'_>) -> String {
    let t = sel.timeline;
    let events: Vec<Value> = sel.events().map(|e| slide(t, e)).collect();
    let mut doc = json!({
        "title": {"text": {"headline": escape(&t.title), "text": paragraphs(&t.description)}},
        "events": events,
    });
    if t.description.is_empty() {
        doc["title"]["text"].as_object_mut().expect("an object").remove("text");
    }
    let mut out = serde_json::to_string_pretty(&doc).expect("JSON values always serialise");
    out.push('\n');
    out
}

fn date(w: &When) -> Value {
    let d = w.date;
    // TimelineJS counts BCE years as negative with no year 0: astronomical −43 is its −44.
    let y = crate::model::when::date_year(d);
    let year = if y <= 0 { y - 1 } else { y };
    let mut v = json!({"year": year});
    if w.precision >= Precision::Month {
        v["month"] = d.month().into();
    }
    if w.precision >= Precision::Day {
        v["day"] = d.day().into();
    }
    if let Some(lt) = &w.time {
        v["hour"] = lt.time.hour().into();
        v["minute"] = lt.time.minute().into();
    }
    v
}

fn paragraphs(s: &str) -> String {
    s.split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| format!("<p>{}</p>", escape(p).replace('\n', "<br>")))
        .collect()
}

fn slide(t: &crate::model::Timeline, e: &Event) -> Value {
    let mut text = paragraphs(&e.summary);
    if let Some(b) = &e.body {
        text.push_str(&paragraphs(b));
    }
    if !e.claims.is_empty() {
        text.push_str("<p>Claims:</p><ul>");
        for c in &e.claims {
            text.push_str(&format!(
                "<li>{} ({}, {}): {}</li>",
                escape(&c.by),
                escape(&c.date.display()),
                c.status.name(),
                escape(&c.text)
            ));
        }
        text.push_str("</ul>");
    }
    if !e.sources.is_empty() {
        text.push_str("<p>Sources:</p><ul>");
        for s in &e.sources {
            let title = escape(&s.title);
            let linked = match &s.url {
                Some(u) => format!("<a href=\"{}\">{title}</a>", escape(u)),
                None => title,
            };
            let date = s.date.map(|d| format!(", {}", escape(&d.display()))).unwrap_or_default();
            text.push_str(&format!("<li>{}, {linked}{date}</li>", escape(&s.publisher)));
        }
        text.push_str("</ul>");
    }
    let mut v = json!({
        "unique_id": e.id,
        "start_date": date(&e.start),
        "text": {"headline": escape(&e.title), "text": text},
    });
    if let Some(end) = &e.end {
        v["end_date"] = date(end);
    }
    if e.start.time.is_some() || e.start.approximate {
        v["display_date"] = e.start.long().into();
    }
    if let Some(c) = e.categories.first() {
        let name = t.categories.iter().find(|x| &x.id == c).map_or(c.as_str(), |x| x.name.as_str());
        v["group"] = escape(name).into();
    }
    v
}
