//! Reading the timelines people already have: TimelineJS3 JSON, TimelineJS's Google-Sheet CSV,
//! TimelineJS2 JSON, ACLED CSV, and any JSON array or CSV of dated records.
//!
//! The seam: each importer turns its format into our own file type ([`TimelineFile`], as if the
//! file had been written in the kz-timeline format) plus, for every event, where its fields
//! came from in the original file ([`Origin`]). The native checks then run on that file, once,
//! exactly as for our own format (dates, ids, coordinates, invisible characters ...), with the
//! import policy (`TimelineFile::imported`: a summary and sources are not required, since
//! TimelineJS slides and spreadsheet rows often have neither); every problem they find is
//! reported at the place in the *original* file: the JSON line, column and path, or the CSV row
//! and column. What only the importer can judge (a row with no date, a month 13, a column it
//! cannot read) it reports itself, and it skips broken rows rather than refusing the file: the
//! count is in the warnings and `check` lists each one.
//!
//! Why convert to the native file type rather than to the model directly: one set of checks and
//! one model builder for every format, so an imported event can never be something our own
//! format could not express, and `convert` (import, then write our format) is exact by
//! construction.

mod acled;
mod csvrows;
mod dates;
mod detect;
mod generic;
mod html;
mod sheet;
mod timelinejs;
mod tl2;

#[cfg(test)]
mod tests;

use std::collections::HashMap;

pub use dates::parse_offset;
pub use detect::{Format, detect};
pub use generic::field_names;

use crate::model::Region;
use crate::model::Timeline;
use crate::model::load::native::{TIMELINE_FORMAT, TimelineFile, VERSION};
use crate::model::load::{LoadError, Located, Path, Warnings, locate};

/// How to read a file in another format (the command line's `--input-format`, `--field` and
/// `--utc-offset`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The format, when not detected from the content.
    pub format: Option<Format>,
    /// `--field title=Headline`: our field name and the column or key that holds it.
    pub fields: Vec<(String, String)>,
    /// The UTC offset of times the file gives without one ("+06:00"); without it such times
    /// are dropped (the date is kept) and a warning says so.
    pub utc_offset: Option<String>,
}

/// Where something came from in the original file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A value in a JSON file, by its path there.
    Json(Path),
    /// A cell of a CSV file: the row (header = 1), the column (1-based; 0 = the whole row) and
    /// the column's header (shared: every cell of a column points at one copy).
    Csv { row: usize, column: usize, header: std::sync::Arc<str> },
}

/// Where an event's fields came from: the event as a whole, and the fields that came from a
/// place of their own (our field name, as in the native paths: "start", "title", "region" ...).
#[derive(Debug, Clone)]
pub struct EventOrigin {
    pub whole: Origin,
    pub fields: Vec<(&'static str, Origin)>,
}

impl EventOrigin {
    pub fn new(whole: Origin) -> EventOrigin {
        EventOrigin { whole, fields: Vec::new() }
    }

    fn field(&self, key: &str) -> &Origin {
        self.fields.iter().find(|(k, _)| *k == key).map_or(&self.whole, |(_, o)| o)
    }
}

/// What an importer produces: our file type, the origin of each event (same order), and the
/// problems and warnings only it could find.
#[derive(Debug)]
pub struct Draft {
    pub file: TimelineFile,
    pub origins: Vec<EventOrigin>,
    /// Where the top level came from (the title ...), for problems outside any event.
    pub head: Origin,
    pub problems: Vec<(Origin, String)>,
    pub warnings: Vec<(Origin, String)>,
}

impl Draft {
    pub fn new(title: String, head: Origin) -> Draft {
        Draft {
            file: TimelineFile {
                schema: None,
                format: TIMELINE_FORMAT.to_string(),
                version: VERSION,
                title,
                description: String::new(),
                regions: Some(Vec::new()),
                categories: None,
                eras: Vec::new(),
                events: Vec::new(),
                glossary: Vec::new(),
                extra: None,
                converted_from: None,
                imported: true,
            },
            origins: Vec::new(),
            head,
            problems: Vec::new(),
            warnings: Vec::new(),
        }
    }

    pub fn problem(&mut self, at: Origin, message: impl Into<String>) {
        self.problems.push((at, message.into()));
    }

    pub fn warn(&mut self, at: Origin, message: impl Into<String>) {
        self.warnings.push((at, message.into()));
    }
}

/// A format's reader: text (already decoded) to a draft, or the one problem that stops reading
/// (not JSON, no header ...).
type Reader = fn(&str, &Options) -> Result<Draft, (Origin, String)>;

fn reader(format: Format) -> Reader {
    match format {
        Format::Native => unreachable!("the native format is not imported"),
        Format::TimelineJs => timelinejs::read,
        Format::TimelineJsSheet => sheet::read,
        Format::TimelineJs2 => tl2::read,
        Format::Acled => acled::read,
        Format::GenericJson => generic::read_json,
        Format::GenericCsv => generic::read_csv,
    }
}

/// Import `text` (file `file`) as `format`: the checked timeline and its warnings, or every
/// problem, located in the original file. `notes` are warnings found before reading (a file
/// that was not UTF-8 and was transcoded).
pub fn import(
    text: &str,
    file: &str,
    format: Format,
    opts: &Options,
    notes: Vec<String>,
    default_regions: &[Region],
) -> Result<(Timeline, Warnings), LoadError> {
    let mut draft = reader(format)(text, opts).map_err(|(at, message)| LoadError::Invalid {
        file: file.to_string(),
        problems: vec![Places::new(text).locate(&at, message)],
        more: 0,
    })?;
    let whole_file =
        if format.is_csv() { Origin::Csv { row: 0, column: 0, header: "".into() } } else { Origin::Json(Path::root()) };
    for n in notes {
        draft.warnings.insert(0, (whole_file.clone(), n));
    }
    if draft.file.events.is_empty() {
        let what = format.name();
        let why = if draft.problems.is_empty() { "" } else { " that could be read" };
        draft.problem(draft.head.clone(), format!("no events found in this {what} file{why}"));
    }
    let Draft { file: tf, origins, head, problems, warnings } = draft;
    let file_name = file.to_string();
    let locate_native = |p: &crate::model::load::Problem| -> Origin {
        match p.path.event().and_then(|i| origins.get(i)) {
            Some(o) => match p.path.segs().get(2) {
                Some(crate::model::load::Seg::Key(k)) => o.field(k).clone(),
                _ => o.whole.clone(),
            },
            None => head.clone(),
        }
    };
    let mut places = Places::new(text);
    let mut mine: Vec<Located> = problems.into_iter().map(|(at, m)| places.locate(&at, m)).collect();
    let my_warnings: Vec<Located> = warnings.into_iter().map(|(at, m)| places.locate(&at, m)).collect();
    let checked = crate::model::load::check_imported(tf, default_regions, &mut |p| {
        let at = locate_native(&p);
        places.locate(&at, p.message)
    });
    let with_mine = |mut w: Warnings, mut extra: Vec<Located>| {
        extra.append(&mut w.warnings);
        extra.sort_by_key(|p| (p.line, p.column));
        w.warnings = extra;
        w.file = file_name.clone();
        w
    };
    match checked {
        // Rows the importer could not read are left out; the rest loads.
        Ok((mut t, w)) if !t.events.is_empty() => {
            t.imported = Some(crate::model::Imported { format: format.name().to_string(), skipped: mine.len() });
            let mut w = with_mine(w, my_warnings);
            w.skipped = sorted(mine);
            Ok((t, w))
        }
        Ok(_) => Err(LoadError::Invalid { file: file.to_string(), problems: sorted(mine), more: 0 }),
        Err(LoadError::Invalid { problems, more, .. }) => {
            mine.extend(problems);
            Err(LoadError::Invalid { file: file.to_string(), problems: sorted(mine), more })
        }
        Err(e) => Err(e),
    }
}

fn sorted(mut v: Vec<Located>) -> Vec<Located> {
    v.sort_by_key(|p| (p.line, p.column));
    v.truncate(crate::model::load::MAX_PROBLEMS);
    v
}

/// Places in the original text, for messages: one locator for every problem (building one
/// reads the top level of the whole file).
struct Places<'a> {
    text: &'a str,
    locator: Option<locate::Locator<'a>>,
}

impl<'a> Places<'a> {
    fn new(text: &'a str) -> Places<'a> {
        Places { text, locator: None }
    }

    /// A problem at `at`, as a located message.
    fn locate(&mut self, at: &Origin, message: String) -> Located {
        match at {
            Origin::Json(path) => {
                let text = self.text;
                let offset = self.locator.get_or_insert_with(|| locate::Locator::new(text)).offset(path);
                let (line, column) = locate::line_col(text, offset);
                Located { line, column, path: path.clone(), message, csv: false }
            }
            Origin::Csv { row, column, header } => {
                let path = if header.is_empty() { Path::root() } else { Path::root().key(header.to_string()) };
                Located { line: *row, column: *column, path, message, csv: true }
            }
        }
    }
}

/// Stable ids for events without one, made from their titles: ASCII letters and digits
/// (transliterated, so a Cyrillic or Kazakh headline gives a readable id too), made unique
/// with `-2`, `-3` ... in file order. `given` ids are kept when they are valid ids.
#[derive(Debug, Default)]
pub struct Ids {
    seen: HashMap<String, usize>,
}

impl Ids {
    /// An id from `given` (kept if usable) or `title`, unique among those made so far; `n` is
    /// the event's position, used when neither gives letters or digits.
    pub fn make(&mut self, given: Option<&str>, title: &str, n: usize) -> String {
        let base = match given.map(str::trim).filter(|g| !g.is_empty()) {
            Some(g) if usable_id(g) => g.to_string(),
            Some(g) => slug(g),
            None => slug(title),
        };
        let base = if base.is_empty() { format!("event-{}", n + 1) } else { base };
        let count = self.seen.entry(base.clone()).or_insert(0);
        *count += 1;
        if *count == 1 {
            base
        } else {
            let id = format!("{base}-{count}");
            self.seen.insert(id.clone(), 1);
            id
        }
    }
}

impl Ids {
    /// Keep `id` for something made elsewhere: a later one made from the same words gets `-2`.
    pub fn reserve(&mut self, id: &str) {
        *self.seen.entry(id.to_string()).or_insert(0) += 1;
    }
}

fn usable_id(s: &str) -> bool {
    s.len() <= 64 && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
}

/// `"Protest spreads to Aktau!"` → `protest-spreads-to-aktau`; `"Жаңаөзен"` → `zhanaozen`.
pub fn slug(s: &str) -> String {
    // Transliterations mark soft signs and some vowels with apostrophes (Жаңаөзен → Zhan'aozen).
    let ascii = deunicode::deunicode(s).to_ascii_lowercase().replace(['\'', '`'], "");
    let mut out = String::new();
    for w in ascii.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        if out.len() + w.len() + 1 > 48 {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(w);
    }
    out
}

/// Regions made from the names a file uses (ACLED's `admin1`, a generic `region` column): one
/// entry per distinct name, in order of first use, with an id slugged from the name. A name that
/// is one of Kazakhstan's regions in the bundled dictionary (by id, name, short name, Kazakh or
/// Russian name or alias, in any case) takes that region's whole entry, so the map can place it
/// and it has the same id as in our own timelines; [`RegionsFromNames::local`] does not look
/// there (a file about several countries, or about another one).
#[derive(Debug, Default)]
pub struct RegionsFromNames {
    by_name: HashMap<String, String>,
    ids: Ids,
    pub entries: Vec<crate::model::load::native::RegionEntry>,
}

impl RegionsFromNames {
    /// The id of the region named `name`, made on first use, or a bundled region's.
    pub fn id(&mut self, name: &str) -> String {
        self.id_of(name, true)
    }

    /// Like [`RegionsFromNames::id`], never a bundled region.
    pub fn local(&mut self, name: &str) -> String {
        self.id_of(name, false)
    }

    fn id_of(&mut self, name: &str, bundled: bool) -> String {
        if let Some(id) = self.by_name.get(name) {
            return id.clone();
        }
        let known =
            bundled.then(|| bundled_region(name)).flatten().filter(|r| !self.entries.iter().any(|e| e.id == r.id));
        let entry = match known {
            Some(r) => {
                self.ids.reserve(&r.id);
                r.clone()
            }
            None => {
                let id = self.ids.make(None, name, self.entries.len());
                serde_json::from_value(serde_json::json!({"id": id, "name": name})).expect("a minimal region entry")
            }
        };
        let id = entry.id.clone();
        self.entries.push(entry);
        self.by_name.insert(name.to_string(), id.clone());
        id
    }
}

/// The bundled region called `name`, if any (see [`RegionsFromNames`]).
fn bundled_region(name: &str) -> Option<&'static crate::model::load::native::RegionEntry> {
    static ENTRIES: std::sync::OnceLock<Vec<crate::model::load::native::RegionEntry>> = std::sync::OnceLock::new();
    let entries = ENTRIES.get_or_init(|| {
        let file: crate::model::load::native::RegionsFile =
            serde_json::from_str(include_str!("../../../assets/regions.json")).expect("the bundled regions (tested)");
        file.regions
    });
    let key = name.trim().to_lowercase();
    let is = |s: &str| s.to_lowercase() == key;
    entries.iter().find(|r| {
        is(&r.id)
            || is(&r.name)
            || r.short.as_deref().is_some_and(is)
            || r.name_kk.as_deref().is_some_and(is)
            || r.name_ru.as_deref().is_some_and(is)
            || r.aliases.iter().any(|a| is(a))
    })
}

/// A source entry (publisher, title, optional url and date).
pub fn source(
    publisher: &str,
    title: &str,
    url: Option<&str>,
    date: Option<&str>,
) -> crate::model::load::native::SourceEntry {
    crate::model::load::native::SourceEntry {
        id: None,
        publisher: publisher.to_string(),
        title: title.to_string(),
        url: url.map(str::to_string),
        date: date.map(str::to_string),
        extra: None,
    }
}

/// A web address as a source: the host names the publisher.
pub fn link_source(url: &str, text: &str) -> Option<crate::model::load::native::SourceEntry> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next().filter(|h| !h.is_empty())?;
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    let host = host.strip_prefix("www.").unwrap_or(host);
    let title = if text.trim().is_empty() { url } else { text.trim() };
    Some(source(host, title, Some(url), None))
}

/// The body line for a slide's media: `Media: URL — caption (credit: who)`, the parts given.
fn media_line(url: &str, caption: &str, credit: &str) -> String {
    let mut line = format!("Media: {url}");
    if !caption.is_empty() {
        line.push_str(&format!(" — {caption}"));
    }
    if !credit.is_empty() {
        line.push_str(&format!(" (credit: {credit})"));
    }
    line
}

/// An era entry from a parsed start and end (the end defaults to the start), or why not.
fn era(
    name: String,
    start: &dates::Parsed,
    end: Option<&dates::Parsed>,
) -> Result<crate::model::load::native::EraEntry, String> {
    if name.trim().is_empty() {
        return Err("the era has no name (headline); it is left out".into());
    }
    let mut dropped = false;
    let mut day = |p: &dates::Parsed| dates::when(p, None, &mut dropped).date;
    Ok(crate::model::load::native::EraEntry { name, start: day(start), end: day(end.unwrap_or(start)) })
}

/// Bytes that are not UTF-8, for a file that may be a CSV: its encoding guessed (a Windows or
/// ISO-8859 code page, Shift JIS ...), the text, and a warning that says so. `None` for JSON
/// (which must be UTF-8) and UTF-16 (said plainly by the decoder).
pub fn transcode(bytes: &[u8], format: Option<Format>) -> Option<(String, String)> {
    if format.is_some_and(|f| !f.is_csv()) || bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return None;
    }
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace())?;
    if format.is_none() && matches!(first, b'{' | b'[') {
        return None;
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let enc = det.guess(None, chardetng::Utf8Detection::Deny);
    let (text, _, had_errors) = enc.decode(bytes);
    if had_errors || text.trim().is_empty() {
        return None;
    }
    let note = format!("the file is not UTF-8; it was read as {} (the encoding that fits it best)", enc.name());
    Some((text.into_owned(), note))
}
