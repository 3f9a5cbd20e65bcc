//! The model back to the kz-timeline v1 file format (`model::load::native`), so that filtered
//! events can be written as a file the loader reads again: `kz-timeline list --format json`.
//!
//! The output is self-contained: it carries the regions and categories its events use as inline
//! dictionaries, and the glossary terms that occur in its events (each citing only sources that
//! are written too). Dates keep their precision, offset, part of the day and "approximate" flag
//! exactly; sources keep their ids and claims cite them; related ids are kept only for events
//! that are also written. `extra` data is not kept in the model, so it is not written.

use std::collections::BTreeSet;

use crate::model::load::native::{
    CategoryEntry, ClaimEntry, ClaimStatusEntry, EventEntry, FigureEntry, GlossaryEntry, PeriodEntry, PlaceEntry,
    PrecisionEntry, RegionEntry, RegionKindEntry, SourceEntry, TIMELINE_FORMAT, TimelineFile, VERSION, WhenEntry,
};
use crate::model::when::iso_offset;
use crate::model::{
    ClaimStatus, Event, EventIx, PartialDate, Period, Place, Precision, Region, RegionKind, Timeline, When,
};

use super::Selection;

/// A file holding exactly `events` (timeline indices, in order) of `t`.
pub fn timeline_file(t: &Timeline, events: &[EventIx]) -> TimelineFile {
    let chosen: BTreeSet<EventIx> = events.iter().copied().collect();
    let used_regions: BTreeSet<usize> = events.iter().filter_map(|&ix| t.events[ix].region).map(usize::from).collect();
    let used_categories: BTreeSet<&str> =
        events.iter().flat_map(|&ix| t.events[ix].categories.iter().map(String::as_str)).collect();
    let regions = used_regions.iter().map(|&r| region_entry(&t.regions[r])).collect();
    let categories = (!t.categories.is_empty()).then(|| {
        t.categories
            .iter()
            .filter(|c| used_categories.contains(c.id.as_str()))
            .map(|c| CategoryEntry { id: c.id.clone(), name: c.name.clone(), description: c.description.clone() })
            .collect()
    });
    TimelineFile {
        schema: None,
        format: TIMELINE_FORMAT.to_string(),
        version: VERSION,
        title: t.title.clone(),
        description: t.description.clone(),
        regions: Some(regions),
        categories,
        eras: era_entries(t, events),
        events: events.iter().map(|&ix| event_entry(t, &t.events[ix], &|r| chosen.contains(&r))).collect(),
        glossary: glossary_entries(t, events),
        extra: None,
        converted_from: t.imported.as_ref().map(|i| i.format.clone()),
        imported: false,
    }
}

/// The eras that the written events fall in (by their first day), whole.
fn era_entries(t: &Timeline, events: &[EventIx]) -> Vec<crate::model::load::native::EraEntry> {
    t.eras
        .iter()
        .filter(|era| events.iter().any(|&ix| (era.start..=era.end).contains(&t.events[ix].start.date)))
        .map(|era| crate::model::load::native::EraEntry {
            name: era.name.clone(),
            start: era.start.format("%Y-%m-%d").to_string(),
            end: era.end.format("%Y-%m-%d").to_string(),
        })
        .collect()
}

/// The glossary terms that occur in `events` (notes included, since they are written), each
/// citing only the sources that the written events carry, so that the file loads again.
fn glossary_entries(t: &Timeline, events: &[EventIx]) -> Vec<GlossaryEntry> {
    if t.glossary.is_empty() {
        return Vec::new();
    }
    let written: BTreeSet<&str> =
        events.iter().flat_map(|&ix| t.events[ix].sources.iter().filter_map(|s| s.id.as_deref())).collect();
    crate::query::glossary::terms_used(&t.glossary, events.iter().map(|&ix| &t.events[ix]), true)
        .into_iter()
        .map(|i| {
            let g = &t.glossary[i];
            GlossaryEntry {
                term: g.term.clone(),
                definition: g.definition.clone(),
                aliases: g.aliases.clone(),
                sources: g.sources.iter().filter(|s| written.contains(s.as_str())).cloned().collect(),
                extra: None,
            }
        })
        .collect()
}

/// One event as written in a file; `keep_related` says which related events to name.
pub fn event_entry(t: &Timeline, e: &Event, keep_related: &dyn Fn(EventIx) -> bool) -> EventEntry {
    EventEntry {
        id: e.id.clone(),
        start: when_entry(&e.start),
        end: e.end.as_ref().map(when_entry),
        title: e.title.clone(),
        summary: e.summary.clone(),
        body: e.body.clone(),
        region: e.region.map(|r| t.region(r).id.clone()),
        place: e.place.as_ref().map(place_entry),
        categories: e.categories.clone(),
        actors: e.actors.clone(),
        sources: e
            .sources
            .iter()
            .map(|s| SourceEntry {
                id: s.id.clone(),
                publisher: s.publisher.clone(),
                title: s.title.clone(),
                url: s.url.clone(),
                date: s.date.map(|d| d.iso()),
                extra: None,
            })
            .collect(),
        claims: e
            .claims
            .iter()
            .map(|c| ClaimEntry {
                by: c.by.clone(),
                date: c.date.iso(),
                text: c.text.clone(),
                status: match c.status {
                    ClaimStatus::Confirmed => ClaimStatusEntry::Confirmed,
                    ClaimStatus::Disputed => ClaimStatusEntry::Disputed,
                    ClaimStatus::Unverified => ClaimStatusEntry::Unverified,
                    ClaimStatus::Retracted => ClaimStatusEntry::Retracted,
                },
                // The loader only accepts claims that cite a source with an id.
                source: e.sources.get(c.source).and_then(|s| s.id.clone()).unwrap_or_default(),
                figure: c.figure.as_ref().map(|f| FigureEntry {
                    measure: f.measure.clone(),
                    value: f.value,
                    unit: f.unit.clone(),
                }),
                note: c.note.clone(),
                extra: None,
            })
            .collect(),
        related: e.related.iter().filter(|&&r| keep_related(r)).map(|&r| t.events[r].id.clone()).collect(),
        // The order hint, to the nearest written event up its chain.
        after: std::iter::successors(e.after, |&a| t.events[a].after)
            .find(|&a| keep_related(a))
            .map(|a| t.events[a].id.clone()),
        notes: e.notes.clone(),
        extra: None,
    }
}

/// A date as written in a file. `precision` is written only where it differs from what the
/// loader assumes (the date's form, or minutes with a time), which in practice means "hour".
pub fn when_entry(w: &When) -> WhenEntry {
    let date = PartialDate { date: w.date, precision: w.precision.min(Precision::Day) };
    let default = if w.time.is_some() { Precision::Minute } else { date.precision };
    WhenEntry {
        date: date.iso(),
        time: w.time.map(|t| t.time.format("%H:%M").to_string()),
        utc_offset: w.time.map(|t| iso_offset(t.offset)),
        precision: (w.precision != default).then_some(match w.precision {
            Precision::Year => PrecisionEntry::Year,
            Precision::Month => PrecisionEntry::Month,
            Precision::Day => PrecisionEntry::Day,
            Precision::Hour => PrecisionEntry::Hour,
            Precision::Minute => PrecisionEntry::Minute,
        }),
        approximate: w.approximate,
        period: w.period.map(|p| match p {
            Period::Night => PeriodEntry::Night,
            Period::Morning => PeriodEntry::Morning,
            Period::Afternoon => PeriodEntry::Afternoon,
            Period::Evening => PeriodEntry::Evening,
        }),
    }
}

fn place_entry(p: &Place) -> PlaceEntry {
    PlaceEntry { name: p.name.clone(), lat: p.coords.map(|c| c.lat), lon: p.coords.map(|c| c.lon) }
}

/// A region as written in a dictionary; `short` and `badge` only where they differ from the
/// defaults the loader would derive.
pub fn region_entry(r: &Region) -> RegionEntry {
    let default_badge = Region::default_badge(&r.short);
    RegionEntry {
        id: r.id.clone(),
        name: r.name.clone(),
        short: (r.short != r.name).then(|| r.short.clone()),
        badge: (r.badge != default_badge).then(|| r.badge.clone()),
        kind: match r.kind {
            RegionKind::Region => RegionKindEntry::Region,
            RegionKind::City => RegionKindEntry::City,
            RegionKind::Pseudo => RegionKindEntry::Pseudo,
        },
        name_kk: r.name_kk.clone(),
        name_ru: r.name_ru.clone(),
        aliases: r.aliases.clone(),
        iso_3166_2: r.iso_code.clone(),
        iso_3166_2_current: r.iso_code_current.clone(),
        centre: r.centre.as_ref().map(place_entry),
        utc_offset: r.utc_offset.map(iso_offset),
        created: r.created.map(|d| d.iso()),
        notes: r.notes.clone(),
        extra: None,
    }
}

/// serde_json's pretty printer, except that whole numbers stored as floats (figures,
/// coordinates) are written as people write them: `2000`, not `2000.0`.
struct Tidy(serde_json::ser::PrettyFormatter<'static>);

impl serde_json::ser::Formatter for Tidy {
    fn write_f64<W: ?Sized + std::io::Write>(&mut self, w: &mut W, v: f64) -> std::io::Result<()> {
        if v.fract() == 0.0 && v.abs() < 1e15 { write!(w, "{}", v as i64) } else { self.0.write_f64(w, v) }
    }
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

fn pretty<T: serde::Serialize>(value: &T) -> String {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, Tidy(serde_json::ser::PrettyFormatter::new()));
    // The native types hold only strings, finite numbers (the loader checks) and string-keyed maps.
    value.serialize(&mut ser).expect("the file types always serialise");
    out.push(b'\n');
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// The selected events as a kz-timeline v1 file.
pub fn list(sel: &Selection<'_>) -> String {
    pretty(&timeline_file(sel.timeline, &sel.view.events))
}

/// One event as it appears in a file's `events` array (related ids all kept).
pub fn event(t: &Timeline, ix: EventIx) -> String {
    pretty(&event_entry(t, &t.events[ix], &|_| true))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load::{bundled_regions, bundled_timeline, timeline_from_str};

    /// Write, read back, and compare every event field by field (regions by id, since only the
    /// used regions are written).
    fn round_trip(t: &Timeline) {
        let all: Vec<EventIx> = (0..t.events.len()).collect();
        let text = pretty(&timeline_file(t, &all));
        let back =
            timeline_from_str(&text, "out.json", bundled_regions()).unwrap_or_else(|e| panic!("{}", e.report(50)));
        assert_eq!(back.title, t.title);
        assert_eq!(back.description, t.description);
        // Terms no event uses are not written.
        let used = crate::query::glossary::terms_used(&t.glossary, &t.events, true);
        assert_eq!(back.glossary, used.iter().map(|&i| t.glossary[i].clone()).collect::<Vec<_>>());
        assert_eq!(back.events.len(), t.events.len());
        for (a, b) in t.events.iter().zip(&back.events) {
            let region = |tl: &Timeline, e: &Event| e.region.map(|r| tl.region(r).clone());
            assert_eq!(region(t, a), region(&back, b), "{}", a.id);
            assert_eq!(Event { region: None, ..a.clone() }, Event { region: None, ..b.clone() });
        }
        // Written again, the file is the same.
        assert_eq!(pretty(&timeline_file(&back, &all)), text);
    }

    #[test]
    fn the_bundled_timeline_round_trips() {
        round_trip(&bundled_timeline().unwrap());
    }

    #[test]
    fn every_kind_of_date_round_trips() {
        let dates = [
            r#"{"date": "2022"}"#,
            r#"{"date": "2022-08"}"#,
            r#"{"date": "2022-01-05", "approximate": true}"#,
            r#"{"date": "2022-01-05", "period": "night", "approximate": true}"#,
            r#"{"date": "2022-01-05", "time": "02:00", "utc_offset": "+06:00", "precision": "hour", "approximate": true}"#,
            r#"{"date": "2022-01-05", "time": "23:59", "utc_offset": "-03:30"}"#,
            r#"{"date": "2022-01-05", "time": "12:00", "utc_offset": "Z"}"#,
        ];
        let events: Vec<String> = dates
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let related = if i == 1 { r#", "related": ["e0"]"# } else { "" };
                format!(
                    r#"{{"id": "e{i}", "start": {d}, "end": {d}, "title": "T{i}", "summary": "S", "region": "almaty",
                    "sources": [{{"id": "s", "publisher": "P", "title": "T"}}],
                    "claims": [{{"by": "B", "date": "2022-01", "text": "x", "status": "retracted", "source": "s",
                                "figure": {{"measure": "m", "value": 1.5}}}}]{related}}}"#
                )
            })
            .collect();
        let text =
            format!(r#"{{"format": "kz-timeline", "version": 1, "title": "T", "events": [{}]}}"#, events.join(","));
        let t = timeline_from_str(&text, "t", bundled_regions()).unwrap_or_else(|e| panic!("{}", e.report(50)));
        round_trip(&t);
        let file = timeline_file(&t, &(0..t.events.len()).collect::<Vec<_>>());
        let hour = file.events.iter().find(|e| e.start.time.as_deref() == Some("02:00")).unwrap();
        assert_eq!(hour.start.precision, Some(PrecisionEntry::Hour));
        assert!(
            file.events.iter().all(|e| e.start.precision.is_none() || e.start.precision == Some(PrecisionEntry::Hour))
        );
    }

    #[test]
    fn related_ids_are_limited_to_written_events_and_only_used_dictionaries_are_written() {
        let t = timeline_from_str(include_str!("../../tests/fixtures/small.json"), "small.json", bundled_regions())
            .unwrap();
        let breach = t.event_by_id("levee-breach").unwrap();
        let rises = t.event_by_id("river-rises").unwrap();
        let only = timeline_file(&t, &[breach]);
        assert!(only.events[0].related.is_empty());
        assert_eq!(only.regions.as_ref().unwrap().iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["hills"]);
        assert_eq!(only.categories.as_ref().unwrap().iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["flood"]);
        let both = timeline_file(&t, &[rises, breach]);
        assert_eq!(both.events[1].related, ["river-rises"]);
    }

    #[test]
    fn the_glossary_keeps_the_terms_of_the_written_events_and_only_their_sources() {
        let t = super::super::glossary_fixture();
        round_trip(&t);
        let all = timeline_file(&t, &[0, 1]);
        // Mazhilis occurs nowhere; CSTO only in a teacher note, which the file keeps.
        assert_eq!(all.glossary.iter().map(|g| g.term.as_str()).collect::<Vec<_>>(), ["KNB", "tenge", "CSTO"]);
        let only_a = timeline_file(&t, &[t.event_by_id("a").unwrap()]);
        let terms: Vec<(&str, &[String])> =
            only_a.glossary.iter().map(|g| (g.term.as_str(), g.sources.as_slice())).collect();
        assert_eq!(terms, [("KNB", &["s".to_string()][..]), ("CSTO", &["s".to_string()][..])]);
        // The written selection loads again: no glossary source points at an event left out.
        let back = timeline_from_str(&pretty(&only_a), "a.json", bundled_regions()).unwrap();
        assert_eq!(back.glossary[0].aliases, ["National Security Committee"]);
        assert_eq!(back.glossary[1].sources, ["s"]);
    }
}
