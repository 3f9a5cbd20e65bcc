//! Output formats for the command line: the (filtered) events of a timeline as aligned text, a
//! kz-timeline JSON file, CSV, Markdown, or a printable HTML handout; the region and name
//! dictionaries as tables. Pure functions from the model to strings: the command line decides
//! where the strings go.
//!
//! Text from data files is untrusted. It was sanitised at load (no control characters, so nothing
//! can reach a terminal as an escape sequence), and each format also escapes what is special to
//! it: HTML escapes `<>&"'`, CSV quotes fields and defuses spreadsheet formulas, Markdown
//! backslash-escapes everything that could make a link, an image, HTML or emphasis.

pub mod csv;
pub mod dicts;
pub mod html;
pub mod json;
pub mod markdown;
pub mod short;
pub mod text;
pub mod timelinejs;

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::model::when::fmt_offset;
use crate::model::{DayKey, Event, EventIx, PartialDate, Precision, Source, Term, Timeline, When};
use crate::query::{Filter, View};

/// The events to write: a filtered view of a timeline, with its filters described for headers.
#[derive(Debug, Clone)]
pub struct Selection<'a> {
    pub timeline: &'a Timeline,
    pub view: View,
    /// The active filters as (kind, values), e.g. ("Region", "Hills"); empty when unfiltered.
    pub filters: Vec<(&'static str, String)>,
}

impl<'a> Selection<'a> {
    /// Every event.
    pub fn all(timeline: &'a Timeline) -> Selection<'a> {
        Selection {
            timeline,
            view: View::from_events(timeline, (0..timeline.events.len()).collect()),
            filters: Vec::new(),
        }
    }

    /// The events of `view`, which was built with `filter`.
    pub fn filtered(timeline: &'a Timeline, view: View, filter: &Filter) -> Selection<'a> {
        Selection { timeline, view, filters: filter.describe(timeline) }
    }

    pub fn len(&self) -> usize {
        self.view.len()
    }

    pub fn is_empty(&self) -> bool {
        self.view.is_empty()
    }

    pub fn events(&self) -> impl Iterator<Item = &'a Event> + '_ {
        self.view.events.iter().map(|&ix| &self.timeline.events[ix])
    }

    /// The day groups: each day's key and its events, in order.
    pub fn days(&self) -> Vec<(DayKey, &[EventIx])> {
        let v = &self.view;
        (0..v.day_starts.len())
            .map(|g| {
                let start = v.day_starts[g];
                let events = &v.events[start..start + v.group_len(g)];
                (self.timeline.events[events[0]].start.day_key(), events)
            })
            .collect()
    }

    /// "12 events" or "5 of 12 events".
    pub fn count_text(&self) -> String {
        let total = self.timeline.events.len();
        let n = self.len();
        let noun = if total == 1 { "event" } else { "events" };
        if n == total { format!("{n} {noun}") } else { format!("{n} of {total} {noun}") }
    }

    /// "Region: Hills; Dates: from 3 Sep 2021", or `None` when unfiltered.
    pub fn filters_text(&self) -> Option<String> {
        (!self.filters.is_empty())
            .then(|| self.filters.iter().map(|(k, v)| format!("{k}: {v}")).collect::<Vec<_>>().join("; "))
    }
}

/// The glossary of a handout: the terms that occur in its events (teacher notes count only when
/// they are printed), in glossary order, each with the sources its definition cites.
pub fn handout_glossary<'a>(sel: &Selection<'a>, notes: bool) -> Vec<(&'a Term, Vec<&'a Source>)> {
    let t = sel.timeline;
    crate::query::glossary::terms_used(&t.glossary, sel.events(), notes)
        .into_iter()
        .map(|i| {
            let term = &t.glossary[i];
            (term, term.sources.iter().filter_map(|id| t.source_by_id(id)).collect())
        })
        .collect()
}

/// Options for handouts (Markdown and HTML exports).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handout {
    /// The date printed as "generated on".
    pub generated: NaiveDate,
    /// Include teacher notes.
    pub notes: bool,
}

/// Today's date, or the date of `SOURCE_DATE_EPOCH` (seconds since 1970, UTC) when it is set, so
/// that handouts can be rebuilt byte for byte.
pub fn generated_date() -> NaiveDate {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
        .map(|t| t.date_naive())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// What makes two sources the same: publisher, title, address and date.
type SourceKey<'a> = (&'a str, &'a str, Option<&'a str>, Option<PartialDate>);

/// Sources numbered for footnotes in order of first citation; the same source cited by several
/// events (same publisher, title, address and date) gets one number.
#[derive(Debug, Default)]
pub struct Citations<'a> {
    sources: Vec<&'a Source>,
    numbers: HashMap<SourceKey<'a>, usize>,
}

impl<'a> Citations<'a> {
    /// The footnote number of `s` (from 1), adding it if new.
    pub fn number(&mut self, s: &'a Source) -> usize {
        let key: SourceKey<'a> = (s.publisher.as_str(), s.title.as_str(), s.url.as_deref(), s.date);
        *self.numbers.entry(key).or_insert_with(|| {
            self.sources.push(s);
            self.sources.len()
        })
    }

    /// The numbers of all of an event's sources, in the event's order.
    pub fn for_event(&mut self, e: &'a Event) -> Vec<usize> {
        e.sources.iter().map(|s| self.number(s)).collect()
    }

    /// Sources in footnote order (number = position + 1).
    pub fn sources(&self) -> &[&'a Source] {
        &self.sources
    }
}

/// The time of day in words, if known: "14:25 (UTC+6)", "about 06:00 (UTC+6)", "evening".
pub fn time_of_day(w: &When) -> Option<String> {
    match (w.time, w.period) {
        (Some(t), _) => {
            let about = if w.approximate { "about " } else { "" };
            Some(format!("{about}{} ({})", t.time.format("%H:%M"), fmt_offset(t.offset)))
        }
        (None, Some(p)) => Some(format!("{}{}", if w.approximate { "around " } else { "" }, p.name())),
        (None, None) => None,
    }
}

/// When an event happened, in full: "Fri 3 Sep 2021, 14:25 (UTC+6) – Sat 4 Sep 2021".
pub fn when_text(e: &Event) -> String {
    match &e.end {
        Some(end) => format!("{} – {}", e.start.long(), end.long()),
        None => e.start.long(),
    }
}

/// How precisely the start is known, when the date does not already say so: "to the minute",
/// "time of day not known", "part of the day only, approximate"; for a month or year only
/// "approximate" (the heading already says "day not known").
pub fn precision_note(w: &When) -> Option<String> {
    if w.precision >= Precision::Day {
        Some(w.precision_text())
    } else {
        w.approximate.then(|| "approximate".to_string())
    }
}

/// When an event happened, with how precisely: "Fri 3 Sep 2021, 14:25 (UTC+6) · to the minute".
pub fn when_full(e: &Event) -> String {
    match precision_note(&e.start) {
        Some(p) => format!("{} · {p}", when_text(e)),
        None => when_text(e),
    }
}

/// "Hill Province · Mill Bridge", or `None` with neither.
pub fn where_text(t: &Timeline, e: &Event) -> Option<String> {
    let parts: Vec<&str> = e
        .region
        .map(|r| t.region(r).name.as_str())
        .into_iter()
        .chain(e.place.as_ref().map(|p| p.name.as_str()))
        .collect();
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// Category names, in the event's order.
pub fn topics(t: &Timeline, e: &Event) -> Vec<String> {
    e.categories.iter().map(|c| t.category_name(c).to_string()).collect()
}

/// The line under an event's title in a handout: time of day, end, region, place and topics
/// ("14:25 (UTC+6) · until Sat 4 Sep 2021 · Hill Province · Lower Town · Flood").
pub fn handout_meta(t: &Timeline, e: &Event) -> String {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(time_of_day(&e.start));
    if let Some(end) = &e.end {
        parts.push(format!("until {}", end.long()));
    }
    parts.extend(where_text(t, e));
    parts.extend(topics(t, e));
    parts.join(" · ")
}

/// A timeline's description for a handout: without the clauses and parentheses that point into
/// the repository ("see docs/SOURCES.md for method"), which a student holding the page cannot
/// follow.
pub fn handout_description(description: &str) -> String {
    fn is_path(word: &str) -> bool {
        let w = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '/' && c != '.' && c != '_');
        let w = w.trim_end_matches('.');
        let file = [".md", ".json", ".rs", ".txt", ".csv"].iter().any(|x| w.ends_with(x)) && w.len() > 4;
        let folder = ["docs/", "assets/", "src/", "tests/"].iter().any(|d| w.starts_with(d));
        file || folder
    }
    let points_in = |s: &str| s.split_whitespace().any(is_path);
    let paragraphs: Vec<String> = description
        .split("\n\n")
        .map(|p| {
            // Parentheses first: "(see docs/FORMAT.md)".
            let mut p = p.to_string();
            while let Some(open) = p.find('(') {
                let Some(len) = p[open..].find(')') else { break };
                if !points_in(&p[open..open + len]) {
                    break;
                }
                p.replace_range(open..open + len + 1, "");
                p = p.replace(" ,", ",").replace(" .", ".").replace("  ", " ");
            }
            let sentences: Vec<String> = p
                .split_inclusive(". ")
                .filter_map(|sentence| {
                    let ends = sentence.trim_end().ends_with('.');
                    let clauses: Vec<&str> = sentence.trim_end().trim_end_matches('.').split("; ").collect();
                    let kept: Vec<&str> = clauses.into_iter().filter(|c| !points_in(c)).collect();
                    (!kept.is_empty()).then(|| format!("{}{}", kept.join("; "), if ends { "." } else { "" }))
                })
                .collect();
            sentences.join(" ")
        })
        .collect();
    paragraphs.join("\n\n")
}

/// A number as people write it: "2000", "1.5".
pub fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 { format!("{}", v as i64) } else { format!("{v}") }
}

/// "evacuated: 2000 people".
pub fn figure_text(f: &crate::model::Figure) -> String {
    match &f.unit {
        Some(u) => format!("{}: {} {u}", f.measure, number(f.value)),
        None => format!("{}: {}", f.measure, number(f.value)),
    }
}

/// Paragraphs of a multi-line text (separated by blank lines), each on one line.
pub fn paragraphs(s: &str) -> Vec<String> {
    s.split("\n\n").map(|p| p.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|p| !p.is_empty()).collect()
}

/// A one-line form of a possibly multi-line text.
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A small timeline with a glossary, for the exports' tests: KNB and tenge occur in event texts,
/// CSTO only in a teacher note, Mazhilis nowhere.
#[cfg(test)]
pub(crate) fn glossary_fixture() -> Timeline {
    crate::model::load::timeline_from_str(
        r#"{"format": "kz-timeline", "version": 1, "title": "T", "events": [
            {"id": "a", "start": {"date": "2022-01-05"}, "title": "The akimat burns", "summary": "Officers of the KNB came.",
             "sources": [{"id": "s", "publisher": "P", "title": "Report", "url": "https://example.org/a", "date": "2022-01-05"}],
             "notes": "Ask about the CSTO."},
            {"id": "b", "start": {"date": "2022-01-06"}, "title": "Prices", "summary": "The tenge fell.",
             "sources": [{"id": "t", "publisher": "Q", "title": "Money", "url": "https://example.org/b", "date": "2022-01-06"}]}],
          "glossary": [
            {"term": "KNB", "definition": "The security service & <its> successor.", "aliases": ["National Security Committee"], "sources": ["s"]},
            {"term": "tenge", "definition": "The currency.", "sources": ["t"]},
            {"term": "CSTO", "definition": "A military alliance.", "sources": ["t", "s"]},
            {"term": "Mazhilis", "definition": "The lower house."}]}"#,
        "g.json",
        crate::model::load::bundled_regions(),
    )
    .unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_paragraphs() {
        assert_eq!(number(2000.0), "2000");
        assert_eq!(number(1.5), "1.5");
        assert_eq!(number(-3.0), "-3");
        assert_eq!(paragraphs("a\nb\n\n\n c  d \n\n"), ["a b", "c d"]);
        assert_eq!(one_line(" a\n b "), "a b");
    }

    #[test]
    fn handouts_leave_out_pointers_into_the_repository() {
        let d = "Compiled from agencies, RFE/RL and rights groups; see docs/SOURCES.md for method. Times are local.";
        assert_eq!(handout_description(d), "Compiled from agencies, RFE/RL and rights groups. Times are local.");
        assert_eq!(handout_description("A file (see docs/FORMAT.md), then more."), "A file, then more.");
        assert_eq!(handout_description("Read SOURCES.md."), "");
        assert_eq!(handout_description("Nothing to drop; twice. Really."), "Nothing to drop; twice. Really.");
        assert_eq!(handout_description("One.\n\nTwo"), "One.\n\nTwo");
    }

    #[test]
    fn citations_share_numbers_for_the_same_source() {
        let s = |t: &str| Source { id: None, publisher: "P".into(), title: t.into(), url: None, date: None };
        let (a, b, a2) = (s("a"), s("b"), s("a"));
        let mut c = Citations::default();
        assert_eq!([c.number(&a), c.number(&b), c.number(&a2)], [1, 2, 1]);
        assert_eq!(c.sources().len(), 2);
    }

    #[test]
    fn a_handout_glossary_has_the_terms_its_events_use_with_their_sources() {
        let t = glossary_fixture();
        let sel = Selection::all(&t);
        let names = |notes| handout_glossary(&sel, notes).iter().map(|(g, _)| g.term.clone()).collect::<Vec<_>>();
        assert_eq!(names(false), ["KNB", "tenge"]);
        assert_eq!(names(true), ["KNB", "tenge", "CSTO"]);
        let csto = handout_glossary(&sel, true).into_iter().find(|(g, _)| g.term == "CSTO").unwrap();
        assert_eq!(csto.1.iter().map(|s| s.title.as_str()).collect::<Vec<_>>(), ["Money", "Report"]);
    }
}
