//! The kz-timeline JSON format, version 1, exactly as it appears in files (see docs/FORMAT.md).
//! These types only describe the file; `convert` checks them and builds the model. The JSON Schema
//! in `assets/timeline.schema.json` is generated from them (a test keeps it in sync).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Format marker of timeline files.
pub const TIMELINE_FORMAT: &str = "kz-timeline";
/// Format marker of region dictionaries.
pub const REGIONS_FORMAT: &str = "kz-timeline-regions";
/// Format marker of name dictionaries.
pub const NAMES_FORMAT: &str = "kz-timeline-names";
/// The only version this build reads and writes.
pub const VERSION: u32 = 1;

/// A kz-timeline file: a titled list of sourced events.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "kz-timeline timeline, format version 1")]
pub struct TimelineFile {
    /// Optional link to this schema, for editors.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Always "kz-timeline".
    pub format: String,
    /// Format version; this is version 1.
    pub version: u32,
    /// The timeline's title, shown in the header.
    pub title: String,
    /// A paragraph describing the timeline's scope.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// An inline region dictionary. When absent, the bundled dictionary of Kazakhstan's regions is used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regions: Option<Vec<RegionEntry>>,
    /// The categories events may use. When present, every event category must be listed here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub categories: Option<Vec<CategoryEntry>>,
    /// Named spans of time (TimelineJS's eras), shown in the list's day headings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub eras: Vec<EraEntry>,
    /// The events, in any order; they are shown chronologically.
    pub events: Vec<EventEntry>,
    /// Terms readers may not know (institutions, titles, legal regimes), each defined once.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub glossary: Vec<GlossaryEntry>,
    /// Free-form data for other tools; ignored by kz-timeline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra: Option<Map<String, Value>>,
    /// The format this file was converted from by `kz-timeline convert` ("TimelineJS", "ACLED" ...).
    /// Its events, like those of the original, may lack a summary and sources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub converted_from: Option<String>,
    /// Not in files: set by an importer (`model::import`), whose events may lack a summary and
    /// sources (TimelineJS slides and spreadsheet rows often have neither).
    #[serde(skip)]
    #[schemars(skip)]
    pub imported: bool,
}

/// An era: a named span of time, from the first day of `start` to the last day of `end`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EraEntry {
    /// Its name, shown in the list's day headings ("The protests").
    pub name: String,
    /// Where it begins: a year, a month or a day ("2022", "2022-01", "2022-01-02").
    #[schemars(regex(pattern = r"^((\d{4}|-\d{4,6}|\+\d{5,6})(-\d{2}(-\d{2})?)?|[-+]\d{7,19})$"))]
    pub start: String,
    /// Where it ends, included: a year, a month or a day.
    #[schemars(regex(pattern = r"^((\d{4}|-\d{4,6}|\+\d{5,6})(-\d{2}(-\d{2})?)?|[-+]\d{7,19})$"))]
    pub end: String,
}

/// A glossary entry: a term and its definition, with the other forms it takes in texts.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GlossaryEntry {
    /// The term as the timeline writes it ("Mazhilis"); unique in the glossary.
    pub term: String,
    /// What it means, in one neutral paragraph.
    pub definition: String,
    /// Other spellings and forms found in texts ("Majilis"; "National Security Committee" for "KNB").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Ids of event sources that support the definition; each must be the `id` of a source of some event.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// Free-form data for other tools; ignored by kz-timeline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra: Option<Map<String, Value>>,
}

/// One event.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EventEntry {
    /// Unique, stable identifier: letters, digits, '-', '_', '.', ':' (e.g. "2022-01-02-zhanaozen-rally").
    pub id: String,
    /// When it began (or happened).
    pub start: WhenEntry,
    /// When it ended, for events that span time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<WhenEntry>,
    /// A short headline.
    pub title: String,
    /// One paragraph: what happened.
    pub summary: String,
    /// Optional longer text; separate paragraphs with a blank line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// Region id from the region dictionary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The place within the region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<PlaceEntry>,
    /// Category ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    /// People and organisations involved.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<String>,
    /// Where this is documented; at least one.
    #[serde(default)]
    pub sources: Vec<SourceEntry>,
    /// Attributed statements and figures that sources disagree about.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<ClaimEntry>,
    /// Ids of related events.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<String>,
    /// For an event without a clock time whose order the sources give: the id of the event on the
    /// same day that it follows. It is listed right after that event (see docs/FORMAT.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// Teacher notes, shown only in presenter views.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Free-form data for other tools; ignored by kz-timeline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra: Option<Map<String, Value>>,
}

/// A date, optionally with a local time and its UTC offset, and how precisely it is known.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WhenEntry {
    /// Local date: "YYYY-MM-DD", or "YYYY-MM" / "YYYY" when only the month or year is known.
    /// Years before 1 BCE or after 9999 take ISO 8601's sign ("-0043-03-15" is 15 March 44 BCE;
    /// "0000" is 1 BCE).
    #[schemars(regex(pattern = r"^((\d{4}|-\d{4,6}|\+\d{5,6})(-\d{2}(-\d{2})?)?|[-+]\d{7,19})$"))]
    pub date: String,
    /// Local time "HH:MM" (24-hour clock). Only when a source gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^\d{2}:\d{2}$"))]
    pub time: Option<String>,
    /// UTC offset of the local time, "+HH:MM" or "-HH:MM"; required with `time`, not allowed without.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^([+-]\d{2}:\d{2}|Z)$"))]
    pub utc_offset: Option<String>,
    /// How much is known. Defaults to what is given: year, month or day from `date`, minute with `time`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precision: Option<PrecisionEntry>,
    /// The time or date is an estimate ("about 02:00").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub approximate: bool,
    /// Part of the day, when a source gives only that (no `time`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<PeriodEntry>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum PrecisionEntry {
    Year,
    Month,
    Day,
    Hour,
    Minute,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum PeriodEntry {
    Night,
    Morning,
    Afternoon,
    Evening,
}

/// A named place, with coordinates in decimal degrees (WGS 84) when known.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlaceEntry {
    pub name: String,
    /// Latitude, -90 to 90; give both `lat` and `lon` or neither.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    /// Longitude, -180 to 180.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
}

/// A published source.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceEntry {
    /// Short id, unique within the event, so claims can cite it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Who published it ("RFE/RL", "Reuters", "Office of the Prosecutor-General").
    pub publisher: String,
    /// The article's or document's title.
    pub title: String,
    /// Web address (http or https).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Publication date: "YYYY-MM-DD" (or "YYYY-MM", "YYYY").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Free-form data for other tools; ignored by kz-timeline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra: Option<Map<String, Value>>,
}

/// An attributed statement: who said what, when, according to which source.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClaimEntry {
    /// Who made the claim ("Prosecutor-General's Office").
    pub by: String,
    /// When they made it: "YYYY-MM-DD" (or "YYYY-MM", "YYYY").
    pub date: String,
    /// What they said, in the timeline author's words.
    pub text: String,
    pub status: ClaimStatusEntry,
    /// The `id` of one of this event's sources.
    pub source: String,
    /// A number stated in the claim, for charts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub figure: Option<FigureEntry>,
    /// Context, e.g. "no evidence was provided".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Free-form data for other tools; ignored by kz-timeline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra: Option<Map<String, Value>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ClaimStatusEntry {
    /// Corroborated by independent sources.
    Confirmed,
    /// Contradicted by other credible sources.
    Disputed,
    /// Not independently checked.
    Unverified,
    /// Withdrawn by whoever made it.
    Retracted,
}

/// A number stated in a claim.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FigureEntry {
    /// What is counted, as a short key shared across claims: "deaths", "detained", "csto-troops".
    pub measure: String,
    pub value: f64,
    /// Unit or qualifier ("people", "troops").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

/// A category events may carry.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CategoryEntry {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A region dictionary file.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RegionsFile {
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Always "kz-timeline-regions".
    pub format: String,
    pub version: u32,
    /// What the dictionary covers and where its data comes from.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    pub regions: Vec<RegionEntry>,
}

/// One region, city or pseudo-region ("nationwide").
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RegionEntry {
    /// Stable id used by events ("mangystau").
    pub id: String,
    /// Full English name ("Mangystau Region").
    pub name: String,
    /// Short name for filters ("Mangystau"); defaults to `name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short: Option<String>,
    /// A short label of at most 8 columns for the list column ("Mangyst"); defaults to the first three letters of `short`, in capitals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub badge: Option<String>,
    #[serde(default)]
    pub kind: RegionKindEntry,
    /// Name in Kazakh (Cyrillic).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_kk: Option<String>,
    /// Name in Russian.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_ru: Option<String>,
    /// Other spellings people type ("Manghystau", "Mangistau").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// ISO 3166-2 code in force at the time the timeline covers ("KZ-MAN").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iso_3166_2: Option<String>,
    /// The current ISO 3166-2 code, if it changed ("KZ-47").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iso_3166_2_current: Option<String>,
    /// Administrative centre.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub centre: Option<PlaceEntry>,
    /// UTC offset in force at the time the timeline covers ("+05:00").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utc_offset: Option<String>,
    /// When the region was created, if during or after the period covered ("2022-06-08").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Free-form data for other tools; ignored by kz-timeline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra: Option<Map<String, Value>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RegionKindEntry {
    /// A first-level region (oblys).
    #[default]
    Region,
    /// A city with the status of a region.
    City,
    /// Not a territory: "nationwide", "international".
    Pseudo,
}

/// A name dictionary file: people and organisations with the spellings people type.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NamesFile {
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Always "kz-timeline-names".
    pub format: String,
    pub version: u32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    pub names: Vec<NameEntry>,
}

/// A person or organisation.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NameEntry {
    pub id: String,
    /// The spelling this timeline uses.
    pub name: String,
    pub kind: NameKind,
    /// Role during the period covered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Other spellings, transliterations and scripts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<String>,
    /// Where the variants were seen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum NameKind {
    Person,
    Organisation,
    Party,
    Movement,
    Place,
    Term,
}

/// The JSON Schemas for the three file kinds, as (file name under `assets/`, pretty JSON).
/// `tests/schema.rs` keeps the committed files equal to these.
pub fn schemas() -> Vec<(&'static str, String)> {
    let pretty = |s: schemars::Schema| serde_json::to_string_pretty(&s).expect("schemas serialise") + "\n";
    vec![
        ("timeline.schema.json", pretty(schemars::schema_for!(TimelineFile))),
        ("regions.schema.json", pretty(schemars::schema_for!(RegionsFile))),
        ("names.schema.json", pretty(schemars::schema_for!(NamesFile))),
    ]
}
