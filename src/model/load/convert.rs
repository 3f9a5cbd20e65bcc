//! Checks a parsed file and builds the model: the top level (`head`), each event
//! (`event_checked`) and what holds across events (`finish`); `recover::check` drives them.
//! Every problem is collected (with its JSON path), not just the first, so one run of
//! `kz-timeline check` shows an author everything to fix.

use std::collections::HashMap;

use super::Path;
use super::native::{
    CategoryEntry, ClaimStatusEntry, EventEntry, GlossaryEntry, RegionEntry, RegionKindEntry, TimelineFile,
};
use crate::model::sanitize::{self, Kind};
use crate::model::when;
use crate::model::{Category, Claim, ClaimStatus, Event, Figure, Region, RegionIx, RegionKind, Term, Timeline, When};

/// A problem found in a file, with the JSON path of the offending value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: Path,
    pub message: String,
    /// Only a warning (invisible characters): the file still loads.
    pub warning: bool,
}

mod eras;
mod fields;
mod glossary;
pub(crate) mod order;

/// What an event names of other events, resolved by [`finish`] once every id is known.
#[derive(Debug, Clone, Default)]
pub(crate) struct Links {
    pub(crate) related: Vec<String>,
    pub(crate) after: Option<String>,
    /// A stand-in for an event that could not be read (its problem is already reported): hints
    /// that name it are not checked against its made-up date.
    pub(crate) stand_in: bool,
}

/// The JSON path of a value (`events[3].sources[0].url`), built up as the checks go down the
/// file and written out only when a problem is reported: most values have none, and a million
/// events would otherwise format millions of paths nobody reads.
#[derive(Clone, Copy)]
pub(crate) enum JsonPath<'a> {
    Root(&'a str),
    Key(&'a JsonPath<'a>, &'a str),
    Index(&'a JsonPath<'a>, usize),
}

impl<'a> JsonPath<'a> {
    pub(crate) fn key(&'a self, key: &'a str) -> JsonPath<'a> {
        JsonPath::Key(self, key)
    }

    pub(crate) fn at(&'a self, i: usize) -> JsonPath<'a> {
        JsonPath::Index(self, i)
    }

    fn to_path(self) -> Path {
        match self {
            JsonPath::Root(r) => Path::root().key(r),
            JsonPath::Key(p, k) => p.to_path().key(k),
            JsonPath::Index(p, i) => p.to_path().at(i),
        }
    }
}

impl From<JsonPath<'_>> for Path {
    fn from(p: JsonPath<'_>) -> Path {
        p.to_path()
    }
}

impl From<&JsonPath<'_>> for Path {
    fn from(p: &JsonPath<'_>) -> Path {
        p.to_path()
    }
}

impl std::fmt::Display for JsonPath<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.to_path().fmt(f)
    }
}

use fields::*;
pub(crate) use fields::{quoted, shorten};

#[derive(Default)]
struct Problems(Vec<Problem>);

impl Problems {
    fn add(&mut self, path: impl Into<Path>, message: impl Into<String>) {
        self.0.push(Problem { path: path.into(), message: message.into(), warning: false });
    }

    fn warn(&mut self, path: impl Into<Path>, message: impl Into<String>) {
        self.0.push(Problem { path: path.into(), message: message.into(), warning: true });
    }

    fn has_errors(&self) -> bool {
        self.0.iter().any(|p| !p.warning)
    }
}

/// Check and convert a region dictionary. `base` is the JSON path of the array ("regions").
pub fn regions(entries: Vec<RegionEntry>, base: &str, problems_out: &mut Vec<Problem>) -> Vec<Region> {
    let mut problems = Problems::default();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::with_capacity(entries.len());
    for (i, r) in entries.into_iter().enumerate() {
        let root = JsonPath::Root(base);
        let path = root.at(i);
        if let Err(e) = check_id(&r.id) {
            problems.add(path.key("id"), e);
        } else if let Some(first) = seen.insert(r.id.clone(), i) {
            problems
                .add(path.key("id"), format!("duplicate region id {} (first used at {base}[{first}])", quoted(&r.id)));
        }
        let name = required_text(r.name, &path.key("name"), "the region name", Kind::Name, &mut problems);
        let short = match r.short {
            Some(s) => name_field(s, &path.key("short"), &mut problems),
            None => name.clone(),
        };
        let badge = match r.badge {
            Some(b) => {
                // A picture in a narrow column, not a name to pick: invisible characters dropped.
                let b = line_field(b, &path.key("badge"), &mut problems);
                if unicode_width::UnicodeWidthStr::width(b.as_str()) > 8 || b.trim().is_empty() {
                    problems.add(path.key("badge"), "a badge must be 1 to 8 columns wide");
                }
                b
            }
            None => Region::default_badge(&short),
        };
        let utc_offset = r.utc_offset.as_deref().and_then(|o| {
            when::parse_offset(o).map_err(|e| problems.add(path.key("utc_offset"), sanitize::line(&e.0))).ok()
        });
        let created = r.created.as_deref().and_then(|d| partial_date(d, &path.key("created"), &mut problems));
        let centre = r.centre.map(|c| place(c, &path.key("centre"), &mut problems));
        out.push(Region {
            id: r.id,
            name,
            short,
            badge,
            kind: match r.kind {
                RegionKindEntry::Region => RegionKind::Region,
                RegionKindEntry::City => RegionKind::City,
                RegionKindEntry::Pseudo => RegionKind::Pseudo,
            },
            name_kk: r.name_kk.map(|n| name_field(n, &path.key("name_kk"), &mut problems)),
            name_ru: r.name_ru.map(|n| name_field(n, &path.key("name_ru"), &mut problems)),
            aliases: {
                let aliases = path.key("aliases");
                r.aliases.into_iter().enumerate().map(|(j, a)| name_field(a, &aliases.at(j), &mut problems)).collect()
            },
            iso_code: r.iso_3166_2.map(|c| name_field(c, &path.key("iso_3166_2"), &mut problems)),
            iso_code_current: r
                .iso_3166_2_current
                .map(|c| name_field(c, &path.key("iso_3166_2_current"), &mut problems)),
            centre,
            utc_offset,
            created,
            notes: opt_text(r.notes, &path.key("notes"), &mut problems),
        });
    }
    problems_out.extend(problems.0);
    out
}

fn categories(entries: Vec<CategoryEntry>, problems: &mut Problems) -> Vec<Category> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    entries
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            let root = JsonPath::Root("categories");
            let path = root.at(i);
            if let Err(e) = check_id(&c.id) {
                problems.add(path.key("id"), e);
            } else if let Some(first) = seen.insert(c.id.clone(), i) {
                problems.add(
                    path.key("id"),
                    format!("duplicate category {} (first at categories[{first}])", quoted(&c.id)),
                );
            }
            Category {
                name: required_text(c.name, &path.key("name"), "the category name", Kind::Name, problems),
                id: c.id,
                description: opt_text(c.description, &path.key("description"), problems),
            }
        })
        .collect()
}

/// What checking an event needs to know about the rest of the file.
pub(crate) struct Lookup<'a> {
    regions: &'a [Region],
    region_ix: HashMap<&'a str, RegionIx>,
    categories: Option<HashMap<&'a str, ()>>,
    /// Read by an importer from another format: events may lack a summary and sources.
    imported: bool,
}

impl<'a> Lookup<'a> {
    pub(crate) fn new(head: &'a Head) -> Lookup<'a> {
        Lookup {
            regions: &head.regions,
            region_ix: head.regions.iter().enumerate().map(|(i, r)| (r.id.as_str(), i as RegionIx)).collect(),
            categories: head.categories_declared.then(|| head.categories.iter().map(|c| (c.id.as_str(), ())).collect()),
            imported: head.imported,
        }
    }
}

/// Check and convert event `i` of the file: the event, and the ids it names (resolved by
/// [`finish`] once every id is known). Problems are added to `problems_out`.
pub(crate) fn event_checked(
    e: EventEntry,
    i: usize,
    lk: &Lookup<'_>,
    problems_out: &mut Vec<Problem>,
) -> (Event, Links) {
    let mut problems = Problems(std::mem::take(problems_out));
    let r = event(e, i, lk, &mut problems);
    *problems_out = problems.0;
    r
}

fn event(e: EventEntry, i: usize, lk: &Lookup<'_>, problems: &mut Problems) -> (Event, Links) {
    let root = JsonPath::Root("events");
    let path = root.at(i);
    if let Err(msg) = check_id(&e.id) {
        problems.add(path.key("id"), msg);
    }
    let start = when(e.start, &path.key("start"), problems);
    let end = e.end.and_then(|w| when(w, &path.key("end"), problems));
    if let (Some(s), Some(en)) = (&start, &end)
        && en.compare(s) == std::cmp::Ordering::Less
    {
        problems.add(path.key("end"), format!("the end ({}) is before the start ({})", en.long(), s.long()));
    }
    let region = e.region.as_deref().and_then(|r| match lk.region_ix.get(r) {
        Some(&ix) => Some(ix),
        None => {
            let hint = lk
                .regions
                .iter()
                .find(|reg| {
                    let q = r.to_lowercase();
                    reg.aliases.iter().any(|a| a.to_lowercase() == q) || reg.short.to_lowercase() == q
                })
                .map(|reg| format!("; did you mean {}?", quoted(&reg.id)))
                .unwrap_or_default();
            problems.add(path.key("region"), format!("unknown region \"{}\"{hint}", sanitize::line(&shorten(r))));
            None
        }
    });
    if let Some(cats) = &lk.categories {
        for (j, c) in e.categories.iter().enumerate() {
            if !cats.contains_key(c.as_str()) {
                problems.add(
                    path.key("categories").at(j),
                    format!(
                        "category \"{}\" is not declared in the top-level \"categories\"",
                        sanitize::line(&shorten(c))
                    ),
                );
            }
        }
    }
    let place = e.place.map(|p| place(p, &path.key("place"), problems));
    // The source each claim cites (looked up before the sources are converted).
    let cited: Vec<Option<usize>> =
        e.claims.iter().map(|c| e.sources.iter().position(|s| s.id.as_deref() == Some(c.source.as_str()))).collect();
    if e.sources.is_empty() && !lk.imported {
        problems.add(path.key("sources"), "the event has no source; add at least one (publisher, title, url, date)");
    }
    let sources = sources(e.sources, &path.key("sources"), problems);
    let claims_path = path.key("claims");
    let claims = collect_exact(e.claims.into_iter().enumerate().filter_map(|(j, c)| {
        let cp = claims_path.at(j);
        let date = partial_date(&c.date, &cp.key("date"), problems);
        let source = cited[j];
        if source.is_none() {
            problems.add(
                cp.key("source"),
                format!(
                    "no source of this event has the id \"{}\" (give the cited source an \"id\")",
                    sanitize::line(&shorten(&c.source))
                ),
            );
        }
        if let Some(f) = &c.figure
            && !f.value.is_finite()
        {
            problems.add(cp.key("figure").key("value"), "the figure is not a finite number");
        }
        let by = required_text(c.by, &cp.key("by"), "who made the claim (\"by\")", Kind::Line, problems);
        let text = text_field(c.text, &cp.key("text"), problems);
        if text.trim().is_empty() {
            problems.add(cp.key("text"), "the claim text is empty");
        }
        Some(Claim {
            by,
            date: date?,
            text,
            status: match c.status {
                ClaimStatusEntry::Confirmed => ClaimStatus::Confirmed,
                ClaimStatusEntry::Disputed => ClaimStatus::Disputed,
                ClaimStatusEntry::Unverified => ClaimStatus::Unverified,
                ClaimStatusEntry::Retracted => ClaimStatus::Retracted,
            },
            source: source?,
            figure: c.figure.map(|f| Figure {
                measure: name_field(f.measure, &cp.key("figure").key("measure"), problems),
                value: f.value,
                unit: f.unit.map(|u| name_field(u, &cp.key("figure").key("unit"), problems)),
            }),
            note: opt_text(c.note, &cp.key("note"), problems),
        })
    }));
    let title = required_text(e.title, &path.key("title"), "the title", Kind::Line, problems);
    let summary = text_field(e.summary, &path.key("summary"), problems);
    if summary.trim().is_empty() && !lk.imported {
        problems.add(path.key("summary"), "the summary is empty");
    }
    let event = Event {
        id: e.id,
        start: start.unwrap_or_else(|| When::on(chrono::NaiveDate::MIN)),
        end,
        title,
        summary,
        body: opt_text(e.body, &path.key("body"), problems),
        region,
        place,
        categories: {
            let cats = path.key("categories");
            collect_exact(e.categories.into_iter().enumerate().map(|(j, c)| name_field(c, &cats.at(j), problems)))
        },
        actors: {
            let actors = path.key("actors");
            collect_exact(e.actors.into_iter().enumerate().map(|(j, a)| name_field(a, &actors.at(j), problems)))
        },
        sources,
        claims,
        related: Vec::new(),
        after: None,
        notes: opt_text(e.notes, &path.key("notes"), problems),
    };
    (event, Links { related: e.related, after: e.after, stand_in: false })
}

/// The top level of a file, checked and converted: everything but the events.
pub(crate) struct Head {
    pub(crate) title: String,
    pub(crate) description: String,
    pub(crate) regions: Vec<Region>,
    pub(crate) categories: Vec<Category>,
    categories_declared: bool,
    glossary: Vec<Term>,
    eras: Vec<crate::model::Era>,
    imported: bool,
    converted_from: Option<String>,
}

/// Check and convert a glossary that comes after the events in a file (the fast loader reads the
/// top level before the events and the rest after them).
pub(crate) fn set_glossary(head: &mut Head, entries: Vec<GlossaryEntry>, problems_out: &mut Vec<Problem>) {
    let mut problems = Problems::default();
    head.glossary = glossary::glossary(entries, &mut problems);
    problems_out.extend(problems.0);
}

/// Check and convert eras that come after the events in a file (as [`set_glossary`]).
pub(crate) fn set_eras(
    head: &mut Head,
    entries: Vec<crate::model::load::native::EraEntry>,
    problems_out: &mut Vec<Problem>,
) {
    let mut problems = Problems::default();
    head.eras = eras::eras(entries, &mut problems);
    problems_out.extend(problems.0);
}

/// Check and convert the top level of a parsed file (its `events` are not looked at).
/// `default_regions` is used when the file has no inline dictionary.
pub(crate) fn head(file: &mut TimelineFile, default_regions: &[Region], problems_out: &mut Vec<Problem>) -> Head {
    let mut problems = Problems::default();
    let mut region_problems = Vec::new();
    let regions = match file.regions.take() {
        Some(r) => regions(r, "regions", &mut region_problems),
        None => default_regions.to_vec(),
    };
    problems.0.extend(region_problems);
    let categories_declared = file.categories.is_some();
    let categories = categories(file.categories.take().unwrap_or_default(), &mut problems);
    let title = required_text(
        std::mem::take(&mut file.title),
        &JsonPath::Root("title"),
        "the title",
        Kind::Line,
        &mut problems,
    );
    let description = text_field(std::mem::take(&mut file.description), &JsonPath::Root("description"), &mut problems);
    let glossary = glossary::glossary(std::mem::take(&mut file.glossary), &mut problems);
    let eras = eras::eras(std::mem::take(&mut file.eras), &mut problems);
    problems_out.extend(problems.0);
    let converted_from = file.converted_from.take().map(|f| sanitize::line(&shorten(&f)));
    let imported = file.imported || converted_from.is_some();
    Head { title, description, regions, categories, categories_declared, glossary, eras, imported, converted_from }
}

/// FxHash (as in rustc): ids are not attacker-chosen keys of a long-lived table, and this is
/// several times faster than SipHash on a million short strings.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0xf135_7aea_2e62_a9c5;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes(c.try_into().expect("8 bytes"));
            self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ b as u64).wrapping_mul(K);
        }
    }
    #[inline]
    fn write_u8(&mut self, b: u8) {
        self.write(&[b]);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

type FxBuild = std::hash::BuildHasherDefault<FxHasher>;

/// The rest of [`timeline`] once every event is converted (in file order): ids are unique,
/// related ids and order hints resolve, and events are put in chronological order (see
/// [`order`]). Also returns, when the order changed, the new index of each event by its position
/// in the file.
pub(crate) fn finish(
    head: Head,
    mut events: Vec<Event>,
    links: Vec<Links>,
    problems: Vec<Problem>,
) -> Result<(Timeline, Option<Vec<u32>>), Vec<Problem>> {
    let mut problems = Problems(problems);
    // Ids: unique; related ids and hints resolve.
    let mut by_id: HashMap<&str, usize, FxBuild> = HashMap::with_capacity_and_hasher(events.len(), FxBuild::default());
    for (i, e) in events.iter().enumerate() {
        if let Some(first) = by_id.insert(e.id.as_str(), i) {
            let path = Path::root().key("events").at(i).key("id");
            problems.add(path, format!("duplicate id {} (first used at events[{first}])", quoted(&e.id)));
            by_id.insert(e.id.as_str(), first);
        }
    }
    let mut related_file: Vec<Vec<usize>> = Vec::with_capacity(events.len());
    let unknown = |id: &str| format!("no event has the id \"{}\"", sanitize::line(&shorten(id)));
    let mut after: Vec<Option<usize>> = Vec::with_capacity(events.len());
    for (i, l) in links.iter().enumerate() {
        let mut v = Vec::with_capacity(l.related.len());
        for (j, r) in l.related.iter().enumerate() {
            let path = || Path::root().key("events").at(i).key("related").at(j);
            match by_id.get(r.as_str()) {
                Some(&k) if k == i => problems.add(path(), "an event cannot be related to itself"),
                Some(&k) => v.push(k),
                None => problems.add(path(), unknown(r)),
            }
        }
        related_file.push(v);
        after.push(l.after.as_deref().and_then(|a| match by_id.get(a) {
            Some(&k) if k == i => {
                problems.add(Path::root().key("events").at(i).key("after"), "an event cannot come after itself");
                None
            }
            Some(&k) => Some(k),
            None => {
                problems.add(Path::root().key("events").at(i).key("after"), unknown(a));
                None
            }
        }));
    }
    drop(by_id);
    let stand_in: Vec<bool> = links.iter().map(|l| l.stand_in).collect();
    drop(links);
    order::check_hints(&events, &after, &stand_in, &mut problems);
    glossary::check_sources(&head.glossary, &events, &mut problems);
    // An unreadable event (a stand-in here) is a problem already reported: the load fails, so
    // there is nothing to put in order (and a stand-in's date is not the event's, so hints to
    // it cannot be placed; found by the load fuzz target).
    if problems.has_errors() || stand_in.iter().any(|&s| s) {
        return Err(problems.0);
    }
    for ((e, rel), a) in events.iter_mut().zip(related_file).zip(after) {
        e.related = rel;
        e.after = a;
    }

    // Chronological order; remap related indices and hints.
    let new_ix = order::chronological(&events, &head.regions).map(|order| {
        let mut new_ix = vec![0u32; events.len()];
        for (new, &old) in order.iter().enumerate() {
            new_ix[old as usize] = new as u32;
        }
        for e in events.iter_mut() {
            for r in e.related.iter_mut() {
                *r = new_ix[*r] as usize;
            }
            e.after = e.after.map(|a| new_ix[a] as usize);
        }
        // Put each event at its new place in place, following the permutation's cycles.
        let mut target = new_ix.clone();
        for i in 0..events.len() {
            while target[i] as usize != i {
                let t = target[i] as usize;
                events.swap(i, t);
                target.swap(i, t);
            }
        }
        new_ix
    });
    let Head { title, description, regions, categories, glossary, eras, converted_from, .. } = head;
    let imported = converted_from.map(|format| crate::model::Imported { format, skipped: 0 });
    Ok((Timeline { title, description, events, regions, categories, glossary, eras, imported }, new_ix))
}
