//! The region and name dictionaries with event counts, as text tables, JSON and CSV
//! (`kz-timeline regions`, `kz-timeline names`).

use std::borrow::Cow;
use std::collections::HashSet;

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::text::{Paint, pad};
use crate::model::load::native::{NameKind, NamesFile};
use crate::model::{Timeline, sanitize};
use crate::query::fold::fold;
use crate::query::{Dictionary, Index, Query};

/// A region with the number of events placed in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegionRow {
    pub id: String,
    pub name: String,
    pub short: String,
    pub kind: &'static str,
    pub name_kk: Option<String>,
    pub name_ru: Option<String>,
    pub iso_3166_2: Option<String>,
    pub events: usize,
}

/// Every region of the timeline's dictionary, in dictionary order.
pub fn region_rows(t: &Timeline) -> Vec<RegionRow> {
    let mut counts = vec![0usize; t.regions.len()];
    for e in &t.events {
        if let Some(r) = e.region {
            counts[r as usize] += 1;
        }
    }
    t.regions
        .iter()
        .zip(counts)
        .map(|(r, events)| RegionRow {
            id: r.id.clone(),
            name: r.name.clone(),
            short: r.short.clone(),
            kind: r.kind.name(),
            name_kk: r.name_kk.clone(),
            name_ru: r.name_ru.clone(),
            iso_3166_2: r.iso_code.clone(),
            events,
        })
        .collect()
}

/// A name-dictionary entry with the number of events that mention it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NameRow {
    pub id: String,
    pub name: String,
    pub kind: &'static str,
    pub role: Option<String>,
    pub variants: Vec<String>,
    pub events: usize,
}

pub fn kind_name(k: NameKind) -> &'static str {
    match k {
        NameKind::Person => "person",
        NameKind::Organisation => "organisation",
        NameKind::Party => "party",
        NameKind::Movement => "movement",
        NameKind::Place => "place",
        NameKind::Term => "term",
    }
}

/// Every entry of `names`, counting the events of `t` whose actors include the name (in any
/// spelling) or whose text a search for the name finds (with the same dictionary as the app).
pub fn name_rows(t: &Timeline, names: &NamesFile, dictionary: &Dictionary) -> Vec<NameRow> {
    let index = Index::build(t, dictionary.clone());
    names
        .names
        .iter()
        .map(|n| {
            let spellings: HashSet<String> = std::iter::once(&n.name).chain(&n.variants).map(|s| fold(s)).collect();
            // Lower case: a name is not a smart-case query.
            let query = Query::parse(&n.name.to_lowercase(), dictionary);
            let events = (0..t.events.len())
                .filter(|&ix| {
                    t.events[ix].actors.iter().any(|a| spellings.contains(&fold(a))) || query.matches(&index, t, ix)
                })
                .count();
            NameRow {
                id: sanitize::line(&n.id),
                name: sanitize::line(&n.name),
                kind: kind_name(n.kind),
                role: n.role.as_deref().map(sanitize::line),
                variants: n.variants.iter().map(|v| sanitize::line(v)).collect(),
                events,
            }
        })
        .collect()
}

/// An aligned table: a bold header row, then the rows; the last column is not padded.
pub fn table(header: &[&str], rows: &[Vec<String>], paint: Paint) -> String {
    let n = header.len();
    let widths: Vec<usize> =
        (0..n).map(|c| rows.iter().map(|r| r[c].width()).chain([header[c].width()]).max().unwrap_or(0)).collect();
    let line = |cells: &[String]| -> String {
        let mut s = String::new();
        for (c, cell) in cells.iter().enumerate() {
            if c + 1 == n {
                s.push_str(cell);
            } else {
                s.push_str(&pad(cell, widths[c]));
                s.push_str("  ");
            }
        }
        s.trim_end().to_string()
    };
    let head: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    let mut out = paint.bold(&line(&head));
    out.push('\n');
    for r in rows {
        out.push_str(&line(r));
        out.push('\n');
    }
    out
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_else(|| "—".to_string())
}

pub fn regions_text(rows: &[RegionRow], paint: Paint) -> String {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.id.clone(),
                r.name.clone(),
                opt(&r.name_kk),
                opt(&r.name_ru),
                opt(&r.iso_3166_2),
                r.events.to_string(),
            ]
        })
        .collect();
    table(&["ID", "NAME", "KAZAKH", "RUSSIAN", "ISO", "EVENTS"], &cells, paint)
}

pub fn regions_csv(rows: &[RegionRow]) -> String {
    let header = ["id", "name", "short", "kind", "name_kk", "name_ru", "iso_3166_2", "events"];
    super::csv::rows(
        &header,
        rows.iter().map(|r| {
            let o = |s: &Option<String>| super::csv::cell(s.as_deref().unwrap_or("")).into_owned().into();
            vec![
                Cow::Borrowed(r.id.as_str()),
                super::csv::cell(&r.name),
                super::csv::cell(&r.short),
                Cow::Borrowed(r.kind),
                o(&r.name_kk),
                o(&r.name_ru),
                o(&r.iso_3166_2),
                Cow::Owned(r.events.to_string()),
            ]
        }),
    )
}

pub fn names_text(rows: &[NameRow], paint: Paint) -> String {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| vec![r.name.clone(), r.kind.to_string(), r.events.to_string(), r.variants.join(", ")])
        .collect();
    table(&["NAME", "KIND", "EVENTS", "VARIANTS"], &cells, paint)
}

pub fn names_csv(rows: &[NameRow]) -> String {
    let header = ["id", "name", "kind", "role", "variants", "events"];
    super::csv::rows(
        &header,
        rows.iter().map(|r| {
            vec![
                Cow::Borrowed(r.id.as_str()),
                super::csv::cell(&r.name),
                Cow::Borrowed(r.kind),
                super::csv::cell(r.role.as_deref().unwrap_or("")),
                super::csv::cell(&r.variants.join("; ")).into_owned().into(),
                Cow::Owned(r.events.to_string()),
            ]
        }),
    )
}

/// Rows as a JSON array.
pub fn json<T: Serialize>(rows: &[T]) -> String {
    serde_json::to_string_pretty(rows).expect("rows serialise") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_align_by_columns() {
        let rows =
            vec![vec!["a".to_string(), "Жаңаөзен".into(), "x".into()], vec!["bbb".into(), "c".into(), "".into()]];
        assert_eq!(
            table(&["K", "NAME", "LAST"], &rows, Paint(false)),
            "K    NAME      LAST\na    Жаңаөзен  x\nbbb  c\n"
        );
    }
}
