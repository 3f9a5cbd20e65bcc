//! ACLED's CSV export: the current 31 columns (since March 2023) and the older sets (with
//! `data_id`, `event_id_no_cnty`, `iso3` ..., without `disorder_type`), read by header name.
//!
//! Mapping: `event_id_cnty` → id; `event_date` (ISO or `01 November 2024`) → the date, at day
//! precision, or, for `time_precision` 2 and 3, marked approximate and known to the week or the
//! month; `sub_event_type` and `location` → the title; `notes` → summary; `event_type` and
//! `sub_event_type` → categories; `actor1`, `actor2` and the associated actors → actors;
//! `admin1` → a region made from the file (with the country when the file has several);
//! `location`, `latitude`, `longitude` → the place; `source` → sources (as cited by ACLED);
//! `fatalities` → a figure claim attributed to ACLED ("0" is "none reported", not a proven
//! zero); `tags` → notes. The timeline's description carries ACLED's attribution line, which
//! its terms of use require wherever the data is shown.

use std::collections::HashSet;

use super::csvrows::{self, Row, Table};
use super::dates;
use super::timelinejs::event;
use super::{Draft, EventOrigin, Ids, Options, Origin, RegionsFromNames, source};
use chrono::Datelike;

use crate::model::load::native::{ClaimEntry, ClaimStatusEntry, FigureEntry, PlaceEntry};

/// Shown in the header's description and in handouts, as ACLED's terms ask.
pub const ATTRIBUTION: &str =
    "Data: Armed Conflict Location & Event Data Project (ACLED), www.acleddata.com. Event descriptions are ACLED's.";

pub fn read(text: &str, _opts: &Options) -> Result<Draft, (Origin, String)> {
    let mut t = csvrows::read(text)?;
    let col = |n: &str| t.column(n);
    let c = Cols {
        id: col("event_id_cnty"),
        date: col("event_date"),
        precision: col("time_precision"),
        event_type: col("event_type"),
        sub_type: col("sub_event_type"),
        actors: ["actor1", "assoc_actor_1", "actor2", "assoc_actor_2"].map(col),
        country: col("country"),
        admin1: col("admin1"),
        location: col("location"),
        lat: col("latitude"),
        lon: col("longitude"),
        source: col("source"),
        notes: col("notes"),
        fatalities: col("fatalities"),
        tags: col("tags"),
        timestamp: col("timestamp"),
    };
    if c.date.is_none() {
        return Err((t.header_origin(), format!("no \"event_date\" column (the columns are: {})", t.listed())));
    }
    let countries: HashSet<&str> = t.rows.iter().map(|r| t.cell(r, c.country)).filter(|s| !s.is_empty()).collect();
    let several = countries.len() > 1;
    let title = match countries.iter().next() {
        Some(country) if !several => format!("ACLED events: {country} · data: ACLED, acleddata.com"),
        _ => "ACLED events · data: ACLED, acleddata.com".to_string(),
    };
    drop(countries);
    let mut draft = Draft::new(title, t.header_origin());
    draft.file.description = ATTRIBUTION.to_string();
    draft.warnings.extend(t.warnings.iter().cloned());
    let mut ids = Ids::default();
    let mut regions = RegionsFromNames::default();
    // Each row's cells are freed once its event is made, so the file is not held twice over.
    let rows = std::mem::take(&mut t.rows);
    for row in rows {
        let row = &row;
        if let Some(e) = event_of(&t, row, &c, several, &mut ids, &mut regions, &mut draft) {
            draft.file.events.push(e);
            draft.origins.push(EventOrigin {
                whole: t.at(row, None),
                fields: vec![
                    ("id", t.at(row, c.id)),
                    ("start", t.at(row, c.date)),
                    ("title", t.at(row, c.sub_type)),
                    ("summary", t.at(row, c.notes)),
                    ("region", t.at(row, c.admin1)),
                    ("place", t.at(row, c.location)),
                    ("actors", t.at(row, c.actors[0])),
                    ("categories", t.at(row, c.event_type)),
                    ("sources", t.at(row, c.source)),
                    ("claims", t.at(row, c.fatalities)),
                ],
            });
        }
    }
    draft.file.regions = Some(regions.entries);
    Ok(draft)
}

struct Cols {
    id: Option<usize>,
    date: Option<usize>,
    precision: Option<usize>,
    event_type: Option<usize>,
    sub_type: Option<usize>,
    actors: [Option<usize>; 4],
    country: Option<usize>,
    admin1: Option<usize>,
    location: Option<usize>,
    lat: Option<usize>,
    lon: Option<usize>,
    source: Option<usize>,
    notes: Option<usize>,
    fatalities: Option<usize>,
    tags: Option<usize>,
    timestamp: Option<usize>,
}

fn event_of(
    t: &Table,
    row: &Row,
    c: &Cols,
    several: bool,
    ids: &mut Ids,
    regions: &mut RegionsFromNames,
    draft: &mut Draft,
) -> Option<crate::model::load::native::EventEntry> {
    let date = match dates::text(t.cell(row, c.date)) {
        Ok(p) if p.day.is_some() => p,
        Ok(_) => {
            draft.problem(t.at(row, c.date), "ACLED dates name a day; this one does not; the row is skipped");
            return None;
        }
        Err(e) => {
            draft.problem(t.at(row, c.date), format!("{e}; the row is skipped"));
            return None;
        }
    };
    let date_text = format!(
        "{}-{:02}-{:02}",
        crate::model::when::iso_year(date.year),
        date.month.unwrap_or(1),
        date.day.unwrap_or(1)
    );
    let mut dropped = false;
    let mut start = dates::when(&dates::Parsed { time: None, offset: None, ..date.clone() }, None, &mut dropped);
    let mut body = Vec::new();
    match t.cell(row, c.precision) {
        "" | "1" => {}
        "2" => {
            start = dates::approximate(start, None);
            body.push("ACLED knows the date only to the week (time precision 2): the event happened in the week of this date.".to_string());
        }
        "3" => {
            let month = dates::Parsed { day: None, time: None, offset: None, ..date.clone() };
            start = dates::approximate(dates::when(&month, None, &mut dropped), None);
            body.push("ACLED knows the date only to the month (time precision 3).".to_string());
        }
        other => draft.warn(
            t.at(row, c.precision),
            format!(
                "time_precision \"{}\" is not 1, 2 or 3; read as 1 (the day)",
                crate::model::sanitize::line(&crate::text::clip(other, 10))
            ),
        ),
    }
    let sub = t.cell(row, c.sub_type);
    let kind = t.cell(row, c.event_type);
    let location = t.cell(row, c.location);
    let what = if !sub.is_empty() {
        sub
    } else if !kind.is_empty() {
        kind
    } else {
        "Event"
    };
    let title = if location.is_empty() { what.to_string() } else { format!("{what} in {location}") };
    let id = ids.make(Some(t.cell(row, c.id)), &title, row.number);
    let mut e = event(id.clone(), title, t.cell(row, c.notes).to_string());
    e.start = start;
    let mut cats: Vec<String> = Vec::new();
    for x in [kind, sub] {
        if !x.is_empty() && !cats.iter().any(|y| y == x) {
            cats.push(x.to_string());
        }
    }
    e.categories = cats;
    let mut actors: Vec<String> = Vec::new();
    for col in c.actors {
        for a in t.cell(row, col).split(';').map(str::trim).filter(|a| !a.is_empty()) {
            if !actors.iter().any(|x| x == a) {
                actors.push(a.to_string());
            }
        }
    }
    e.actors = actors;
    let admin1 = t.cell(row, c.admin1);
    if !admin1.is_empty() {
        let name = if several { format!("{admin1} ({})", t.cell(row, c.country)) } else { admin1.to_string() };
        // Kazakhstan's own regions are the bundled ones (with their centres for the map).
        let kazakhstan = c.country.is_none_or(|_| t.cell(row, c.country).eq_ignore_ascii_case("kazakhstan"));
        e.region = Some(if kazakhstan && !several { regions.id(&name) } else { regions.local(&name) });
    }
    if !location.is_empty() {
        let coord = |col: Option<usize>| t.cell(row, col).parse::<f64>().ok();
        e.place = Some(PlaceEntry { name: location.to_string(), lat: coord(c.lat), lon: coord(c.lon) });
    }
    // ACLED itself is the source of the record; the publishers it cites come after.
    let recorded = t
        .cell(row, c.timestamp)
        .parse::<i64>()
        .ok()
        .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
        .map(|d| format!("{}-{:02}-{:02}", crate::model::when::iso_year(d.year()), d.month(), d.day()));
    let mut acled = source("ACLED", &format!("ACLED event {id}"), Some("https://acleddata.com/"), recorded.as_deref());
    acled.id = Some("acled".into());
    e.sources.push(acled);
    for s in t.cell(row, c.source).split(';').map(str::trim).filter(|s| !s.is_empty()) {
        e.sources.push(source(s, "Report cited by ACLED", None, None));
    }
    let fatalities = t.cell(row, c.fatalities);
    if !fatalities.is_empty() {
        match fatalities.parse::<u64>() {
            Ok(n) => {
                let text = match n {
                    0 => "ACLED's record reports no fatalities (none reported, which is not proof that nobody died)."
                        .to_string(),
                    1 => "ACLED's record counts 1 fatality.".to_string(),
                    n => format!("ACLED's record counts {n} fatalities."),
                };
                // Built directly: through a JSON value it was a tenth of the import's time.
                e.claims.push(ClaimEntry {
                    by: "ACLED".into(),
                    date: recorded.clone().unwrap_or_else(|| date_text.clone()),
                    text,
                    status: ClaimStatusEntry::Unverified,
                    source: "acled".into(),
                    figure: Some(FigureEntry {
                        measure: "fatalities".into(),
                        value: n as f64,
                        unit: Some("people".into()),
                    }),
                    note: None,
                    extra: None,
                });
            }
            Err(_) => draft.warn(
                t.at(row, c.fatalities),
                format!(
                    "fatalities \"{}\" is not a whole number; left out",
                    crate::model::sanitize::line(&crate::text::clip(fatalities, 20))
                ),
            ),
        }
    }
    let tags = t.cell(row, c.tags);
    if !tags.is_empty() {
        e.notes = Some(format!("ACLED tags: {tags}"));
    }
    e.body = (!body.is_empty()).then(|| body.join("\n"));
    Some(e)
}
