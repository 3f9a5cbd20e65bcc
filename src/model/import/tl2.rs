//! TimelineJS2 ("legacy") JSON: `{"timeline": {"headline", "text", "date": [{"startDate":
//! "2011,3,23", "endDate", "headline", "text", "tag", "asset": {"media", "credit",
//! "caption"}}], "era": [...]}}`. Dates are `YYYY`, `YYYY,M`, `YYYY,M,D` or with hour and
//! minute after them, separated by commas, slashes or hyphens. `tag` → category.

use serde_json::Value;

use super::dates::{self, Parsed};
use super::timelinejs::event;
use super::{Draft, EventOrigin, Ids, Options, Origin, html, link_source};
use crate::model::load::Path;

pub fn read(text: &str, opts: &Options) -> Result<Draft, (Origin, String)> {
    let root = Origin::Json(Path::root());
    let top: Value = serde_json::from_str(text).map_err(|e| (root.clone(), format!("not JSON: {e}")))?;
    let Some(Value::Object(tl)) = top.get("timeline") else {
        return Err((root, "a TimelineJS2 file is {\"timeline\": {\"date\": [...]}}".into()));
    };
    let base = Path::root().key("timeline");
    let mut draft = Draft::new("Untitled timeline".into(), Origin::Json(base.clone()));
    let s = |v: Option<&Value>| v.and_then(Value::as_str).unwrap_or_default().to_string();
    let headline = html::to_line(&s(tl.get("headline")));
    if !headline.is_empty() {
        draft.file.title = headline;
    }
    draft.file.description = html::to_text(&s(tl.get("text"))).0;
    if let Some(Value::Array(eras)) = tl.get("era") {
        for (i, era) in eras.iter().enumerate() {
            let path = base.clone().key("era").at(i);
            let get = |k: &str| era.get(k).and_then(Value::as_str).filter(|v| !v.trim().is_empty());
            let start = match get("startDate").map(parse) {
                Some(Ok(p)) => p,
                Some(Err(e)) => {
                    draft.warn(Origin::Json(path.key("startDate")), format!("{e}; the era is left out"));
                    continue;
                }
                None => {
                    draft.warn(Origin::Json(path), "the era has no startDate; it is left out");
                    continue;
                }
            };
            let end = match get("endDate").map(parse) {
                Some(Ok(p)) => Some(p),
                Some(Err(e)) => {
                    draft.warn(Origin::Json(path.key("endDate")), format!("{e}; the era is left out"));
                    continue;
                }
                None => None,
            };
            match super::era(html::to_line(get("headline").unwrap_or_default()), &start, end.as_ref()) {
                Ok(e) => draft.file.eras.push(e),
                Err(why) => draft.warn(Origin::Json(path), why),
            }
        }
    }
    let Some(Value::Array(dates_)) = tl.get("date") else {
        return Err((Origin::Json(base), "a TimelineJS2 file needs a \"date\" array".into()));
    };
    let mut ids = Ids::default();
    let mut dropped_time = false;
    for (i, d) in dates_.iter().enumerate() {
        let path = base.clone().key("date").at(i);
        let Value::Object(d) = d else {
            draft.problem(Origin::Json(path), "an event is an object; this one is skipped");
            continue;
        };
        let start_path = path.clone().key("startDate");
        let start = match d.get("startDate").and_then(Value::as_str) {
            Some(sd) => match parse(sd) {
                Ok(p) => p,
                Err(e) => {
                    draft.problem(Origin::Json(start_path), format!("{e}; the event is skipped"));
                    continue;
                }
            },
            None => {
                draft.problem(Origin::Json(path), "the event has no startDate; it is skipped");
                continue;
            }
        };
        let end_path = path.clone().key("endDate");
        let end = match d.get("endDate").and_then(Value::as_str).filter(|e| !e.trim().is_empty()) {
            Some(ed) => match parse(ed) {
                Ok(p) if p == start => None,
                Ok(p) => Some(p),
                Err(e) => {
                    draft.problem(Origin::Json(end_path), format!("{e}; the event is skipped"));
                    continue;
                }
            },
            None => None,
        };
        let headline = html::to_line(&s(d.get("headline")));
        let (summary, links) = html::to_text(&s(d.get("text")));
        let mut body = Vec::new();
        if let Some(Value::Object(a)) = d.get("asset") {
            let get = |k: &str| a.get(k).and_then(Value::as_str).map(html::to_line).unwrap_or_default();
            let media = get("media");
            if !media.is_empty() {
                body.push(super::media_line(&media, &get("caption"), &get("credit")));
            }
        }
        let title = if headline.is_empty() { summary.lines().next().unwrap_or_default().to_string() } else { headline };
        let mut entry = event(ids.make(None, &title, i), title, summary);
        entry.start = dates::when(&start, opts.utc_offset.as_deref(), &mut dropped_time);
        entry.end = end.map(|e| dates::when(&e, opts.utc_offset.as_deref(), &mut dropped_time));
        entry.categories =
            d.get("tag").and_then(Value::as_str).map(html::to_line).filter(|t| !t.is_empty()).into_iter().collect();
        entry.sources = links.iter().filter_map(|(u, t)| link_source(u, t)).collect();
        entry.body = (!body.is_empty()).then(|| body.join("\n"));
        draft.file.events.push(entry);
        draft.origins.push(EventOrigin {
            whole: Origin::Json(path.clone()),
            fields: vec![
                ("start", Origin::Json(start_path)),
                ("end", Origin::Json(end_path)),
                ("title", Origin::Json(path.clone().key("headline"))),
                ("summary", Origin::Json(path.clone().key("text"))),
                ("categories", Origin::Json(path.key("tag"))),
            ],
        });
    }
    if dropped_time {
        draft.warn(Origin::Json(Path::root()), dates::NO_OFFSET);
    }
    Ok(draft)
}

/// `2011,3,23`, `2011/3/23`, `2011-03`, `1965`, `2011,3,23,14,30`, `-44,3,15` (44 BCE).
fn parse(s: &str) -> Result<Parsed, String> {
    let t = s.trim();
    // A leading minus is a BCE year; the other dashes separate parts.
    let (bce, t) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    let parts: Vec<&str> = t.split([',', '/', '-']).map(str::trim).collect();
    let shown = crate::model::sanitize::line(&crate::text::clip(s, 30));
    let nums: Option<Vec<i64>> = parts.iter().map(|p| p.parse::<i64>().ok().filter(|&n| n >= 0)).collect();
    let nums = nums.map(|mut n| {
        if bce {
            n[0] = -n[0];
        }
        n
    });
    let Some(n) = nums.filter(|n| (1..=5).contains(&n.len())) else {
        return Err(format!("\"{shown}\" is not a TimelineJS2 date (YYYY,M,D)"));
    };
    let mut p = dates::from_parts(n[0], n.get(1).copied(), n.get(2).copied())?;
    if let (Some(&h), Some(_)) = (n.get(3), p.day) {
        let m = n.get(4).copied().unwrap_or(0);
        if !(0..24).contains(&h) || !(0..60).contains(&m) {
            return Err(format!("\"{shown}\" has no such time of day"));
        }
        p.time = Some((h as u32, m as u32));
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn bce_years_and_the_usual_separators() {
        let ymd = |s: &str| parse(s).map(|p| (p.year, p.month, p.day));
        assert_eq!(ymd("2011,3,23"), Ok((2011, Some(3), Some(23))));
        assert_eq!(ymd("2011-03"), Ok((2011, Some(3), None)));
        // 44 BCE is astronomical -43; the minus is the year's, not a separator.
        assert_eq!(ymd("-44,3,15"), Ok((-43, Some(3), Some(15))));
        assert_eq!(ymd(" -753 "), Ok((-752, None, None)));
        assert!(ymd("2011,-3,23").is_err(), "a negative month");
        assert!(ymd("--44").is_err());
        assert!(ymd("0").unwrap_err().contains("no year 0"));
    }
}
