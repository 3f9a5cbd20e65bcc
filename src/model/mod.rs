//! The in-memory timeline: format-independent, validated and sanitised. Loaders for each file
//! format (`load`) produce these types; nothing above this layer knows about JSON.

pub mod import;
pub mod load;
pub mod sanitize;
pub mod span;
pub mod when;

use chrono::FixedOffset;

pub use when::{DayKey, PartialDate, Period, Precision, When};

/// Index of an event in [`Timeline::events`] (chronological order).
pub type EventIx = usize;
/// Index of a region in [`Timeline::regions`].
pub type RegionIx = u16;

#[derive(Debug, Clone, Default)]
pub struct Timeline {
    pub title: String,
    pub description: String,
    /// Events in chronological order (see `load::convert::order`); file order breaks ties.
    pub events: Vec<Event>,
    pub regions: Vec<Region>,
    pub categories: Vec<Category>,
    /// Terms defined for readers, in file order.
    pub glossary: Vec<Term>,
    /// Named spans of time, by start (see [`Era`]).
    pub eras: Vec<Era>,
    /// Set when the file was in another format (see `import`).
    pub imported: Option<Imported>,
}

/// A named span of time (TimelineJS's eras): both days included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Era {
    pub name: String,
    pub start: chrono::NaiveDate,
    pub end: chrono::NaiveDate,
}

impl Timeline {
    /// The era `date` falls in (the one that began last, when they overlap).
    pub fn era_on(&self, date: chrono::NaiveDate) -> Option<&Era> {
        self.eras.iter().rev().find(|e| e.start <= date && date <= e.end)
    }
}

/// What an importer did with a file in another format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The format's name ("TimelineJS", "ACLED" ...).
    pub format: String,
    /// Rows or events left out because they could not be read (`check` lists them).
    pub skipped: usize,
}

impl Timeline {
    pub fn event_by_id(&self, id: &str) -> Option<EventIx> {
        self.events.iter().position(|e| e.id == id)
    }

    pub fn region_by_id(&self, id: &str) -> Option<RegionIx> {
        self.regions.iter().position(|r| r.id == id).map(|i| i as RegionIx)
    }

    /// Find a region by id, name or alias, ignoring case ("mangystau", "Manghystau", "KZ-MAN").
    pub fn find_region(&self, query: &str) -> Option<RegionIx> {
        let q = query.trim().to_lowercase();
        self.regions
            .iter()
            .position(|r| {
                r.id == q
                    || r.name.to_lowercase() == q
                    || r.short.to_lowercase() == q
                    || r.iso_code.as_deref().is_some_and(|c| c.to_lowercase() == q)
                    || r.aliases.iter().any(|a| a.to_lowercase() == q)
            })
            .map(|i| i as RegionIx)
    }

    pub fn region(&self, ix: RegionIx) -> &Region {
        &self.regions[ix as usize]
    }

    pub fn category_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.categories.iter().find(|c| c.id == id).map_or(id, |c| c.name.as_str())
    }

    /// The first source, in event order, with this id (source ids are unique within an event;
    /// a timeline may cite the same source with the same id from several events).
    pub fn source_by_id(&self, id: &str) -> Option<&Source> {
        self.events.iter().flat_map(|e| &e.sources).find(|s| s.id.as_deref() == Some(id))
    }
}

/// A glossary entry: a term readers may not know, defined once for the whole timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// The term as the timeline writes it ("Mazhilis").
    pub term: String,
    /// One paragraph.
    pub definition: String,
    /// Other spellings and forms to find in texts ("Majilis").
    pub aliases: Vec<String>,
    /// Ids of event sources that support the definition (each names a source of some event).
    pub sources: Vec<String>,
}

impl Term {
    /// The term and its aliases: every form the glossary looks for in a text.
    pub fn forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.term.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Unique, stable id (a slug).
    pub id: String,
    pub start: When,
    pub end: Option<When>,
    pub title: String,
    /// One paragraph.
    pub summary: String,
    /// Optional longer text; paragraphs separated by blank lines.
    pub body: Option<String>,
    pub region: Option<RegionIx>,
    pub place: Option<Place>,
    pub categories: Vec<String>,
    pub actors: Vec<String>,
    /// At least one.
    pub sources: Vec<Source>,
    pub claims: Vec<Claim>,
    /// Related events, resolved to indices.
    pub related: Vec<EventIx>,
    /// The event of the same day this one is listed right after (an order hint for events
    /// without a clock time), resolved to an index.
    pub after: Option<EventIx>,
    /// Teacher notes, shown only in presenter views.
    pub notes: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub name: String,
    pub coords: Option<Coords>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Coords {
    pub lat: f64,
    pub lon: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub id: Option<String>,
    pub publisher: String,
    pub title: String,
    pub url: Option<String>,
    pub date: Option<PartialDate>,
}

impl Source {
    /// One-line citation: `RFE/RL, "Title", 5 Jan 2022`.
    pub fn citation(&self) -> String {
        let mut s = format!("{}, \u{201c}{}\u{201d}", self.publisher, self.title);
        if let Some(d) = self.date {
            s.push_str(", ");
            s.push_str(&d.display());
        }
        s
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ClaimStatus {
    Confirmed,
    Disputed,
    Unverified,
    Retracted,
}

impl ClaimStatus {
    pub fn name(self) -> &'static str {
        match self {
            ClaimStatus::Confirmed => "confirmed",
            ClaimStatus::Disputed => "disputed",
            ClaimStatus::Unverified => "unverified",
            ClaimStatus::Retracted => "retracted",
        }
    }

    /// What the status says about a claim, for legends (as docs/FORMAT.md defines it).
    pub fn meaning(self) -> &'static str {
        match self {
            ClaimStatus::Confirmed => "corroborated by other sources",
            ClaimStatus::Disputed => "contradicted by credible sources",
            ClaimStatus::Unverified => "not independently checked",
            ClaimStatus::Retracted => "withdrawn by whoever made it",
        }
    }

    pub const ALL: [ClaimStatus; 4] =
        [ClaimStatus::Confirmed, ClaimStatus::Disputed, ClaimStatus::Unverified, ClaimStatus::Retracted];
}

/// "Who said what, when": figures and statements that sources disagree about.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// Who made the claim.
    pub by: String,
    /// When they made it.
    pub date: PartialDate,
    /// What they said, in our own words.
    pub text: String,
    pub status: ClaimStatus,
    /// Index into the event's `sources`.
    pub source: usize,
    pub figure: Option<Figure>,
    pub note: Option<String>,
}

/// A number stated in a claim, e.g. measure "deaths", value 225.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub measure: String,
    pub value: f64,
    pub unit: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RegionKind {
    Region,
    City,
    Pseudo,
}

impl RegionKind {
    pub fn name(self) -> &'static str {
        match self {
            RegionKind::Region => "region",
            RegionKind::City => "city",
            RegionKind::Pseudo => "pseudo",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    pub id: String,
    /// Full English name ("Mangystau Region").
    pub name: String,
    /// Short name for filters and headers ("Mangystau").
    pub short: String,
    /// A few capital letters for the list's badge column ("MAN").
    pub badge: String,
    pub kind: RegionKind,
    pub name_kk: Option<String>,
    pub name_ru: Option<String>,
    pub aliases: Vec<String>,
    pub iso_code: Option<String>,
    pub iso_code_current: Option<String>,
    pub centre: Option<Place>,
    pub utc_offset: Option<FixedOffset>,
    pub created: Option<PartialDate>,
    pub notes: Option<String>,
}

impl Region {
    /// The list badge a region gets when its file gives none: the first three letters of its
    /// short name, upper-cased. The loader and the JSON export share it, so exports round-trip.
    pub fn default_badge(short: &str) -> String {
        short.chars().filter(|c| !c.is_whitespace()).take(3).collect::<String>().to_uppercase()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Category {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
}
