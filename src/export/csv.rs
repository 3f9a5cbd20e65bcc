//! CSV (RFC 4180, via the `csv` crate): one row per event, for spreadsheets and scripts.
//!
//! Quoting is the `csv` crate's. Free-text cells that a spreadsheet would run as a formula
//! (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) get a leading `'`, the usual
//! defence against formula injection; ids, dates, times and offsets are written as they are.

use std::borrow::Cow;

use super::{Selection, one_line};
use crate::model::{Event, PartialDate, Precision, Timeline};

/// The header row.
pub const HEADER: [&str; 13] = [
    "id",
    "date",
    "time",
    "utc_offset",
    "precision",
    "region",
    "place",
    "title",
    "summary",
    "categories",
    "actors",
    "sources",
    "claims",
];

/// Defuse a cell that a spreadsheet would read as a formula.
pub fn cell(s: &str) -> Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { Cow::Owned(format!("'{s}")) } else { Cow::Borrowed(s) }
}

/// Write rows to a CSV string. Writing to memory cannot fail.
pub fn rows<'a>(header: &[&str], rows: impl Iterator<Item = Vec<Cow<'a, str>>>) -> String {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(header).expect("CSV to memory");
    for r in rows {
        w.write_record(r.iter().map(|c| c.as_bytes())).expect("CSV to memory");
    }
    String::from_utf8(w.into_inner().expect("CSV to memory")).expect("CSV of UTF-8 text is UTF-8")
}

fn row<'a>(t: &'a Timeline, e: &'a Event) -> Vec<Cow<'a, str>> {
    let w = &e.start;
    let date = PartialDate { date: w.date, precision: w.precision.min(Precision::Day) };
    let sources: Vec<String> = e
        .sources
        .iter()
        .map(|s| {
            let date = s.date.map(|d| d.iso()).unwrap_or_default();
            [s.publisher.as_str(), s.title.as_str(), s.url.as_deref().unwrap_or(""), date.as_str()].join(" | ")
        })
        .collect();
    let categories: Vec<&str> = e.categories.iter().map(|c| t.category_name(c)).collect();
    let text = |s: String| Cow::Owned(cell(&s).into_owned());
    vec![
        Cow::Borrowed(e.id.as_str()),
        Cow::Owned(date.iso()),
        Cow::Owned(w.time.map(|t| t.time.format("%H:%M").to_string()).unwrap_or_default()),
        Cow::Owned(w.time.map(|t| crate::model::when::iso_offset(t.offset)).unwrap_or_default()),
        Cow::Borrowed(w.precision.name()),
        e.region.map_or(Cow::Borrowed(""), |r| cell(&t.region(r).name)),
        e.place.as_ref().map_or(Cow::Borrowed(""), |p| cell(&p.name)),
        text(one_line(&e.title)),
        text(one_line(&e.summary)),
        text(categories.join("; ")),
        text(e.actors.join("; ")),
        text(sources.join(" ; ")),
        Cow::Owned(e.claims.len().to_string()),
    ]
}

/// The selected events, one row each.
pub fn list(sel: &Selection<'_>) -> String {
    rows(&HEADER, sel.events().map(|e| row(sel.timeline, e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_and_quotes_doubled() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("Plain"), "Plain");
        let out = rows(&["a", "b"], [vec![Cow::Borrowed("say \"hi\", ok"), Cow::Borrowed("line\nbreak")]].into_iter());
        assert_eq!(out, "a,b\n\"say \"\"hi\"\", ok\",\"line\nbreak\"\n");
    }
}
