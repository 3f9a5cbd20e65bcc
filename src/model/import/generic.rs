//! Any JSON array of objects (or an object holding one such array) and any CSV with a header
//! row: each record is an event, its fields found by name (normalised like CSV headers, so
//! "Start Date", "start_date" and "startDate" are one name). `--field NAME=COLUMN` says where a
//! field is when the guess cannot find it; when a required one (the date, the title) is
//! missing, the error lists the names the file has and the flag to use.

use serde_json::Value;

use super::csvrows::{self, normalise};
use super::dates::{self, Parsed};
use super::timelinejs::event;
use super::{Draft, EventOrigin, Ids, Options, Origin, RegionsFromNames, link_source, source};
use crate::model::load::Path;
use crate::model::load::native::PlaceEntry;

/// Our fields and the names they are found by, in order of preference.
const FIELDS: &[(&str, &[&str])] = &[
    (
        "date",
        &[
            "date",
            "start",
            "start_date",
            "startdate",
            "datetime",
            "date_time",
            "timestamp",
            "when",
            "event_date",
            "time",
        ],
    ),
    ("end", &["end", "end_date", "enddate", "until"]),
    ("year", &["year"]),
    ("month", &["month"]),
    ("day", &["day"]),
    ("title", &["title", "headline", "name", "event", "label", "subject"]),
    ("summary", &["summary", "description", "text", "notes", "details", "body", "content"]),
    ("region", &["region", "admin1", "province", "state", "oblast", "oblys"]),
    ("place", &["location", "place", "city", "town", "site"]),
    ("category", &["category", "group", "type", "topic", "tag", "tags"]),
    ("lat", &["lat", "latitude"]),
    ("lon", &["lon", "lng", "long", "longitude"]),
    ("url", &["url", "link", "source_url", "href"]),
    ("source", &["source", "publisher", "sources"]),
    ("id", &["id", "uid", "unique_id", "event_id", "key"]),
];

/// The fields `--field` accepts.
pub fn field_names() -> Vec<&'static str> {
    FIELDS.iter().map(|(f, _)| *f).collect()
}

/// One record: its origin and its named values (normalised name, name as written, value, origin).
struct Record {
    whole: Origin,
    values: Vec<(String, String, String, Origin)>,
}

/// The names a set of records uses, as written, for messages.
fn seen_names(records: &[Record], limit: usize) -> String {
    let mut names: Vec<&str> = Vec::new();
    for r in records.iter().take(limit) {
        for (_, w, _, _) in &r.values {
            if !names.contains(&w.as_str()) {
                names.push(w);
            }
        }
    }
    let listed: Vec<String> = names.iter().map(|n| format!("\"{}\"", crate::model::sanitize::line(n))).collect();
    crate::text::clip(&listed.join(", "), 300)
}

pub fn read_json(text: &str, opts: &Options) -> Result<Draft, (Origin, String)> {
    let root = Origin::Json(Path::root());
    let top: Value = serde_json::from_str(text).map_err(|e| (root.clone(), format!("not JSON: {e}")))?;
    let (array, base, title) = match &top {
        Value::Array(a) => (a, Path::root(), None),
        Value::Object(o) => {
            let found = o.iter().find(|(_, v)| v.as_array().is_some_and(|a| a.iter().any(Value::is_object)));
            match found {
                Some((k, Value::Array(a))) => (a, Path::root().key(k.clone()), o.get("title").and_then(Value::as_str)),
                _ => return Err((root, "no array of records found in this JSON object".into())),
            }
        }
        _ => return Err((root, "a JSON file of records is an array of objects".into())),
    };
    let mut records = Vec::new();
    let mut skipped = Vec::new();
    for (i, v) in array.iter().enumerate() {
        let path = base.clone().at(i);
        let Value::Object(o) = v else {
            skipped.push(Origin::Json(path));
            continue;
        };
        let values = o
            .iter()
            .filter_map(|(k, v)| {
                let s = match v {
                    Value::String(s) => s.clone(),
                    Value::Number(n) => n.to_string(),
                    Value::Bool(b) => b.to_string(),
                    Value::Array(a) => a
                        .iter()
                        .filter_map(|x| x.as_str().map(str::to_string).or_else(|| x.as_number().map(|n| n.to_string())))
                        .collect::<Vec<_>>()
                        .join("; "),
                    _ => return None,
                };
                Some((normalise(k), k.clone(), s, Origin::Json(path.clone().key(k.clone()))))
            })
            .collect();
        records.push(Record { whole: Origin::Json(path), values });
    }
    let mut draft = build(records, opts, Origin::Json(base), Origin::Json(Path::root()), "key")?;
    if let Some(t) = title {
        draft.file.title = t.to_string();
    }
    for s in skipped {
        draft.problem(s, "a record is an object; this one is skipped");
    }
    Ok(draft)
}

pub fn read_csv(text: &str, opts: &Options) -> Result<Draft, (Origin, String)> {
    let t = csvrows::read(text)?;
    let records = t
        .rows
        .iter()
        .map(|row| Record {
            whole: t.at(row, None),
            values: (0..t.headers.len())
                .map(|c| {
                    (
                        t.headers[c].clone(),
                        t.written[c].to_string(),
                        t.cell(row, Some(c)).to_string(),
                        t.at(row, Some(c)),
                    )
                })
                .collect(),
        })
        .collect();
    let mut draft = build(records, opts, t.header_origin(), t.file_origin(), "column")?;
    draft.warnings.splice(0..0, t.warnings);
    Ok(draft)
}

/// Which name holds each field: `--field` first, then the known names.
fn resolve(records: &[Record], opts: &Options) -> Result<Vec<(&'static str, String)>, String> {
    let present = |n: &str| records.iter().take(100).any(|r| r.values.iter().any(|(k, ..)| k == n));
    let mut out = Vec::new();
    for (field, names) in FIELDS {
        if let Some((_, given)) = opts.fields.iter().find(|(f, _)| f == field) {
            let n = normalise(given);
            if !present(&n) {
                return Err(format!("--field {field}={given}: the file has no such name"));
            }
            out.push((*field, n));
        } else if let Some(n) = names.iter().find(|n| present(n)) {
            out.push((*field, n.to_string()));
        }
    }
    for (f, _) in &opts.fields {
        if !FIELDS.iter().any(|(x, _)| x == f) {
            return Err(format!("--field {f}=...: unknown field; the fields are {}", field_names().join(", ")));
        }
    }
    Ok(out)
}

/// The draft for `records`; `head` is where the field names are (for "no date field"), `file`
/// the whole file (for warnings about all of it).
fn build(
    records: Vec<Record>,
    opts: &Options,
    head: Origin,
    file: Origin,
    unit: &str,
) -> Result<Draft, (Origin, String)> {
    let fields = resolve(&records, opts).map_err(|m| (head.clone(), m))?;
    let has = |f: &str| fields.iter().any(|(x, _)| *x == f);
    if !has("date") && !has("year") {
        return Err((
            head,
            format!(
                "no date field found; the {unit}s are: {}; say which holds the date with --field date=NAME",
                seen_names(&records, 100)
            ),
        ));
    }
    if !has("title") && !has("summary") {
        return Err((
            head,
            format!(
                "no title field found; the {unit}s are: {}; say which holds the title with --field title=NAME",
                seen_names(&records, 100)
            ),
        ));
    }
    let mut draft = Draft::new("Untitled timeline".into(), head.clone());
    let mut ids = Ids::default();
    let mut regions = RegionsFromNames::default();
    let mut dropped_time = false;
    for r in &records {
        let get = |f: &str| -> Option<(&str, &Origin)> {
            let name = &fields.iter().find(|(x, _)| *x == f)?.1;
            r.values.iter().find(|(k, ..)| k == name).map(|(_, _, v, o)| (v.trim(), o)).filter(|(v, _)| !v.is_empty())
        };
        let start = match (get("date"), get("year")) {
            (Some((d, o)), _) => match dates::text(d) {
                Ok(p) => (p, o.clone()),
                Err(e) => {
                    draft.problem(o.clone(), format!("{e}; the record is skipped"));
                    continue;
                }
            },
            (None, Some((y, o))) => {
                let n = |f: &str| get(f).and_then(|(v, _)| v.parse::<i64>().ok());
                match y
                    .parse::<i64>()
                    .map_err(|_| {
                        format!("\"{}\" is not a year", crate::model::sanitize::line(&crate::text::clip(y, 20)))
                    })
                    .and_then(|y| dates::from_parts(y, n("month"), n("day")))
                {
                    Ok(p) => (p, o.clone()),
                    Err(e) => {
                        draft.problem(o.clone(), format!("{e}; the record is skipped"));
                        continue;
                    }
                }
            }
            (None, None) => {
                draft.problem(r.whole.clone(), "the record has no date; it is skipped");
                continue;
            }
        };
        let end: Option<(Parsed, Origin)> = match get("end").map(|(d, o)| (dates::text(d), o.clone())) {
            Some((Ok(p), o)) => Some((p, o)),
            Some((Err(e), o)) => {
                draft.problem(o, format!("{e}; the record is skipped"));
                continue;
            }
            None => None,
        };
        let summary = get("summary").map(|(s, _)| s.to_string()).unwrap_or_default();
        let title = get("title")
            .map(|(s, _)| s.to_string())
            .unwrap_or_else(|| summary.lines().next().unwrap_or_default().to_string());
        let id = ids.make(get("id").map(|(s, _)| s), &title, draft.file.events.len());
        let mut e = event(id, title, summary);
        e.start = dates::when(&start.0, opts.utc_offset.as_deref(), &mut dropped_time);
        e.end = end.as_ref().map(|(p, _)| dates::when(p, opts.utc_offset.as_deref(), &mut dropped_time));
        if let Some((reg, _)) = get("region") {
            e.region = Some(regions.id(reg));
        }
        if let Some((c, _)) = get("category") {
            e.categories = c.split(';').map(str::trim).filter(|c| !c.is_empty()).map(str::to_string).collect();
        }
        let coord = |f: &str| get(f).and_then(|(v, _)| v.parse::<f64>().ok());
        let (lat, lon) = (coord("lat"), coord("lon"));
        if let Some((p, _)) = get("place") {
            e.place = Some(PlaceEntry { name: p.to_string(), lat, lon });
        } else if let (Some(lat), Some(lon)) = (lat, lon) {
            e.place = Some(PlaceEntry { name: format!("{lat}, {lon}"), lat: Some(lat), lon: Some(lon) });
        }
        let url = get("url").map(|(u, _)| u);
        match (get("source"), url) {
            (Some((s, _)), u) => e.sources.push(source(s, s, u.filter(|u| link_source(u, "").is_some()), None)),
            (None, Some(u)) => e.sources.extend(link_source(u, "")),
            (None, None) => {}
        }
        let mut fields_origin = vec![("start", start.1.clone())];
        if let Some((_, o)) = end {
            fields_origin.push(("end", o));
        }
        for (ours, theirs) in [
            ("title", "title"),
            ("summary", "summary"),
            ("region", "region"),
            ("place", "place"),
            ("categories", "category"),
            ("sources", "url"),
            ("id", "id"),
        ] {
            if let Some((_, o)) = get(theirs) {
                fields_origin.push((ours, o.clone()));
            }
        }
        draft.file.events.push(e);
        draft.origins.push(EventOrigin { whole: r.whole.clone(), fields: fields_origin });
    }
    draft.file.regions = Some(regions.entries);
    if dropped_time {
        draft.warn(file, dates::NO_OFFSET);
    }
    Ok(draft)
}
