//! Reading timeline files: bytes → text → parsed file → checked model.
//!
//! What makes the rest unreadable stops at the first problem: not UTF-8, not JSON, a syntax
//! error, another format's marker. Everything else is collected, so one run of `check` lists it
//! all: the shape of each event (a missing field, a wrong type, an unknown key: one problem per
//! event, see `recover`), unknown top-level keys, and the content (duplicate ids, impossible
//! dates, unknown regions, missing sources ...), up to [`MAX_PROBLEMS`].

pub mod convert;
pub mod error;
pub mod fast;
mod json_scan;
pub mod locate;
pub mod native;
pub mod path;
mod problems;
mod read;
mod recover;
mod wording;

use std::sync::OnceLock;

pub use convert::Problem;
pub use error::{LoadError, Located, MAX_PROBLEMS, Report, Warnings};
pub use path::{Path, Seg};
pub use read::{STDIN_ARG, STDIN_LABEL, WAIT_NOTICE_AFTER, decode, is_stdin, label, read_file};

use crate::model::{Region, Timeline, sanitize};
use locate::Locator;
use native::{NamesFile, RegionsFile, TimelineFile};
use problems::Found;

/// The bundled chronology and dictionaries, embedded in the binary.
pub const BUNDLED_TIMELINE: &str = include_str!("../../../assets/timeline.json");
pub const BUNDLED_REGIONS: &str = include_str!("../../../assets/regions.json");
pub const BUNDLED_NAMES: &str = include_str!("../../../assets/names.json");
/// How the bundled timeline is named in messages.
pub const BUNDLED_LABEL: &str = "(bundled) timeline.json";

/// Default `--max-size`: 2 GiB.
pub const DEFAULT_MAX_SIZE: u64 = 2 << 30;

#[derive(Debug, Clone)]
pub struct LoadOptions {
    pub max_size: u64,
    /// How to read files in other formats (see [`crate::model::import`]).
    pub import: crate::model::import::Options,
    /// Called (once, from the loading thread) when a pipe or standard input has sent nothing for
    /// [`WAIT_NOTICE_AFTER`], with the path being read.
    pub on_wait: Option<fn(&std::path::Path)>,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions { max_size: DEFAULT_MAX_SIZE, on_wait: None, import: Default::default() }
    }
}

/// Turn a serde_json error found while parsing `text` (with the path where it happened) into a
/// located problem.
fn serde_problem(text: &str, err: &serde_json::Error, path: Path) -> Located {
    let (mut line, mut column) = (err.line(), err.column());
    let at_char = text.lines().nth(line.saturating_sub(1)).and_then(|l| {
        let byte = column.saturating_sub(1).min(l.len());
        l.get(byte..).and_then(|rest| rest.chars().next())
    });
    let message = wording::serde_message(err, at_char, path.is_empty());
    if err.classify() == serde_json::error::Category::Data && !path.is_empty() {
        // A value of the wrong shape: point at the value itself rather than where serde stopped.
        (line, column) = locate::line_col(text, Locator::new(text).offset(&path));
    } else {
        // serde_json counts bytes; people count characters.
        column = text
            .lines()
            .nth(line.saturating_sub(1))
            .map(|l| l.get(..column.saturating_sub(1).min(l.len())).map_or(column, |p| p.chars().count() + 1))
            .unwrap_or(column)
            // serde_json says column 0 at the very start of a line (at the end of a file).
            .max(1);
    }
    Located { line, column, path, message, csv: false }
}

/// Parse JSON into `T`, or say where and why it is not one.
fn parse<T: serde::de::DeserializeOwned>(text: &str, file: &str) -> Result<T, LoadError> {
    recover::parse_tracked(text)
        .map_err(|(err, path)| LoadError::Syntax { file: file.to_string(), problem: serde_problem(text, &err, path) })
}

/// The first error parsing `text` as `T` finds, located (`e` is what a parse without paths found).
fn first_error<T: serde::de::DeserializeOwned>(text: &str, file: &str, e: &serde_json::Error) -> LoadError {
    match parse::<T>(text, file) {
        Err(err) => err,
        Ok(_) => LoadError::Syntax { file: file.to_string(), problem: serde_problem(text, e, Path::root()) },
    }
}

/// What a timeline file is, for messages about files that are something else.
const WHAT_A_TIMELINE_IS: &str = "a kz-timeline file is one object, {\"format\": \"kz-timeline\", \"version\": 1, \
     \"title\": \"…\", \"events\": [ … ]} (see docs/FORMAT.md)";

/// Check the format marker and version before anything else, so a wrong file gets one clear line.
fn check_marker(text: &str, file: &str, expected: &str) -> Result<(), LoadError> {
    #[derive(serde::Deserialize)]
    struct Marker {
        format: Option<serde_json::Value>,
        version: Option<serde_json::Value>,
    }
    let Ok(m) = serde_json::from_str::<Marker>(text) else { return Ok(()) };
    let at = |path: Path, message: String| {
        let (line, column) = locate::line_col(text, Locator::new(text).offset(&path));
        LoadError::Syntax { file: file.to_string(), problem: Located { line, column, path, message, csv: false } }
    };
    match &m.format {
        Some(serde_json::Value::String(f)) if f == expected => {}
        Some(other) => {
            let shown = sanitize::line(&convert::shorten(&other.to_string()));
            return Err(at(
                Path::root().key("format"),
                format!("this is not a {expected} file (\"format\" is {shown}, expected \"{expected}\")"),
            ));
        }
        None if expected == native::TIMELINE_FORMAT => {
            return Err(at(
                Path::root(),
                format!(
                    "this is not a {expected} file: the \"format\": \"{expected}\" marker is missing; {WHAT_A_TIMELINE_IS}"
                ),
            ));
        }
        None => {
            return Err(at(
                Path::root(),
                format!("this is not a {expected} file: the \"format\": \"{expected}\" marker is missing"),
            ));
        }
    }
    match &m.version {
        Some(serde_json::Value::Number(n)) if n.as_u64() == Some(native::VERSION as u64) => Ok(()),
        Some(v) => Err(at(
            Path::root().key("version"),
            format!(
                "format version {} is not supported; this kz-timeline reads version {}",
                sanitize::line(&convert::shorten(&v.to_string())),
                native::VERSION
            ),
        )),
        None => Err(at(Path::root(), "the \"version\" field is missing (use \"version\": 1)".into())),
    }
}

/// The document must be a JSON object; say so plainly when it is an array or a bare value (serde
/// would otherwise try to read an array as a struct, field by field), and when it is not JSON at
/// all (serde would say "expected ident" about the first letter of a word).
fn check_object(text: &str, file: &str) -> Result<(), LoadError> {
    let start = text.len() - text.trim_start().len();
    let json_value = || serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok();
    let what = match text[start..].chars().next() {
        Some('{') | None => return Ok(()),
        // A comment, or a string, number or literal that is not well-formed: serde says what.
        Some('/' | '"' | '-' | '0'..='9') if !json_value() => return Ok(()),
        Some('[') => "a JSON array",
        Some('"') => "a string",
        Some('-' | '0'..='9') => "a number",
        Some('t' | 'f' | 'n') if json_value() => "a bare value",
        Some(_) => {
            let (line, column) = locate::line_col(text, start);
            let first = text[start..].lines().next().unwrap_or_default();
            let message = format!(
                "it begins with \"{}\"; a timeline file is a JSON object (see docs/FORMAT.md)",
                sanitize::line(&crate::text::clip(first.trim_end(), 40))
            );
            let problem = Located { line, column, path: Path::root(), message, csv: false };
            return Err(LoadError::NotJson { file: file.to_string(), problem });
        }
    };
    let (line, column) = locate::line_col(text, start);
    let message = format!("the document is {what}, not an object; {WHAT_A_TIMELINE_IS}");
    Err(LoadError::Syntax {
        file: file.to_string(),
        problem: Located { line, column, path: Path::root(), message, csv: false },
    })
}

/// Parse and check timeline text. `file` names it in messages.
///
/// Not JSON, a syntax error or a wrong format marker is one problem (what follows cannot be
/// trusted). Otherwise every problem is listed (see `recover`), the first [`MAX_PROBLEMS`] of them.
pub fn timeline_from_str(text: &str, file: &str, default_regions: &[Region]) -> Result<Timeline, LoadError> {
    timeline_and_warnings(text, file, default_regions).map(|(t, _)| t)
}

/// Like [`timeline_from_str`], with the warnings about a file that loads (invisible characters,
/// blank titles), for `kz-timeline check`.
pub fn timeline_and_warnings(
    text: &str,
    file: &str,
    default_regions: &[Region],
) -> Result<(Timeline, Warnings), LoadError> {
    check_object(text, file)?;
    let mut found = Found::default();
    match serde_json::from_str::<TimelineFile>(text) {
        Ok(mut parsed) => {
            check_marker(text, file, native::TIMELINE_FORMAT)?;
            let events = std::mem::take(&mut parsed.events);
            if let Some(t) = recover::check(Some(parsed), events.into_iter().map(Ok), default_regions, &mut found) {
                return Ok((t, found.into_warnings(text, file)));
            }
        }
        Err(e) => {
            // A syntax error: the first one is all that can be said.
            if e.classify() != serde_json::error::Category::Data {
                return Err(first_error::<TimelineFile>(text, file, &e));
            }
            // A value of the wrong shape, but is all of it JSON?
            if serde_json::from_str::<serde::de::IgnoredAny>(text).is_err() {
                return Err(first_error::<serde_json::Value>(text, file, &e));
            }
            check_marker(text, file, native::TIMELINE_FORMAT)?;
            // Well-formed JSON, not a timeline as a whole: read piece by piece.
            recover::recover(text, default_regions, &mut found);
        }
    }
    Err(found.into_error(text, file))
}

/// Load a timeline file from disk (or standard input, for `-`).
pub fn timeline_from_path(path: &std::path::Path, opts: &LoadOptions) -> Result<Timeline, LoadError> {
    timeline_and_warnings_from_path(path, opts).map(|(t, _)| t)
}

/// Like [`timeline_from_path`], with the warnings (see [`timeline_and_warnings`]).
pub fn timeline_and_warnings_from_path(
    path: &std::path::Path,
    opts: &LoadOptions,
) -> Result<(Timeline, Warnings), LoadError> {
    let file = label(path);
    let bytes = read_file(path, opts)?;
    timeline_and_warnings_from_bytes(&bytes, &file, opts)
}

/// Like [`timeline_and_warnings_from_path`], for the bytes of file `file`: our own format, or
/// another one detected from the content (or given by `--input-format`) and imported. A CSV
/// file that is not UTF-8 is transcoded (its encoding guessed), with a warning.
pub fn timeline_and_warnings_from_bytes(
    bytes: &[u8],
    file: &str,
    opts: &LoadOptions,
) -> Result<(Timeline, Warnings), LoadError> {
    use crate::model::import::{self, Format};
    let (text, notes) = match decode(bytes, file) {
        Ok(text) => (std::borrow::Cow::Borrowed(text), Vec::new()),
        Err(e @ LoadError::Encoding { .. }) => match import::transcode(bytes, opts.import.format) {
            Some((text, note)) => (std::borrow::Cow::Owned(text), vec![note]),
            None => return Err(e),
        },
        Err(e) => return Err(e),
    };
    let format = opts.import.format.unwrap_or_else(|| import::detect(&text, file));
    if format == Format::Native {
        return timeline_and_warnings(&text, file, bundled_regions());
    }
    import::import(&text, file, format, &opts.import, notes, bundled_regions())
}

/// Check a file made by an importer (see [`crate::model::import`]) like one of our own; each
/// problem is located by `locate` in the original file.
pub(crate) fn check_imported(
    mut tf: TimelineFile,
    default_regions: &[Region],
    locate: &mut dyn FnMut(Problem) -> Located,
) -> Result<(Timeline, Warnings), LoadError> {
    let mut found = Found::default();
    let events = std::mem::take(&mut tf.events);
    let t = recover::check(Some(tf), events.into_iter().map(Ok), default_regions, &mut found);
    match t {
        Some(t) => Ok((t, found.into_warnings_by("", locate))),
        None => Err(found.into_error_by("", locate)),
    }
}

/// Parse and check a region dictionary.
pub fn regions_from_str(text: &str, file: &str) -> Result<Vec<Region>, LoadError> {
    check_object(text, file)?;
    let parsed: RegionsFile = match parse(text, file) {
        Ok(p) => p,
        Err(e) => return Err(check_marker(text, file, native::REGIONS_FORMAT).err().unwrap_or(e)),
    };
    check_marker(text, file, native::REGIONS_FORMAT)?;
    let mut problems = Vec::new();
    let regions = convert::regions(parsed.regions, "regions", &mut problems);
    if problems.is_empty() {
        return Ok(regions);
    }
    let mut found = Found::default();
    found.extend(problems);
    Err(found.into_error(text, file))
}

/// The bundled region dictionary (parsed once).
pub fn bundled_regions() -> &'static [Region] {
    static REGIONS: OnceLock<Vec<Region>> = OnceLock::new();
    REGIONS.get_or_init(|| {
        regions_from_str(BUNDLED_REGIONS, "(bundled) regions.json").expect("bundled regions are valid (tested)")
    })
}

/// The bundled chronology.
pub fn bundled_timeline() -> Result<Timeline, LoadError> {
    timeline_from_str(BUNDLED_TIMELINE, BUNDLED_LABEL, bundled_regions())
}

/// The bundled name dictionary, as written in the file.
pub fn bundled_names() -> Result<NamesFile, LoadError> {
    let names: NamesFile = parse(BUNDLED_NAMES, "(bundled) names.json")?;
    check_marker(BUNDLED_NAMES, "(bundled) names.json", native::NAMES_FORMAT)?;
    Ok(names)
}

/// Groups of spellings from the bundled name dictionary (name plus variants), for search.
pub fn bundled_name_groups() -> Vec<Vec<String>> {
    static GROUPS: OnceLock<Vec<Vec<String>>> = OnceLock::new();
    GROUPS
        .get_or_init(|| {
            let names = bundled_names().expect("bundled names are valid (tested)");
            names
                .names
                .into_iter()
                .map(|n| std::iter::once(n.name).chain(n.variants).map(sanitize::line_owned).collect())
                .collect()
        })
        .clone()
}

#[cfg(test)]
mod tests;
