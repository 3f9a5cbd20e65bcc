//! Reading timeline files: bytes → text → parsed file → checked model.
//!
//! Errors come in two kinds. Structural ones (not UTF-8, not JSON, wrong types, unknown fields)
//! stop at the first problem, because what follows cannot be trusted. Semantic ones (duplicate
//! ids, impossible dates, unknown regions, missing sources ...) are all collected.

pub mod convert;
pub mod error;
pub mod fast;
pub mod locate;
pub mod native;
mod wording;

use std::fs::File;
use std::io::{ErrorKind, Read};
use std::path::Path;
use std::sync::OnceLock;

pub use convert::Problem;
pub use error::{LoadError, Located, Report};

use crate::model::{Region, Timeline, sanitize};
use native::{NamesFile, RegionsFile, TimelineFile};

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
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions { max_size: DEFAULT_MAX_SIZE }
    }
}

/// How a path is named in messages: its display form, sanitised.
pub fn label(path: &Path) -> String {
    sanitize::line(&path.display().to_string())
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        ErrorKind::NotFound => "no such file".to_string(),
        ErrorKind::PermissionDenied => "permission denied (the file is not readable)".to_string(),
        ErrorKind::IsADirectory => "is a directory, not a timeline file".to_string(),
        _ if e.raw_os_error() == Some(40) => "too many levels of symbolic links (a symlink loop?)".to_string(),
        _ => format!("cannot read the file: {}", sanitize::line(&e.to_string())),
    }
}

/// Read a file's bytes, refusing directories, devices and anything over `max_size`.
pub fn read_file(path: &Path, opts: &LoadOptions) -> Result<Vec<u8>, LoadError> {
    let file = label(path);
    let io = |e: std::io::Error| LoadError::Io { file: file.clone(), message: io_message(&e) };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(LoadError::Io { file, message: "is a directory, not a timeline file".into() });
    }
    #[cfg(unix)]
    let is_fifo = std::os::unix::fs::FileTypeExt::is_fifo(&meta.file_type());
    #[cfg(not(unix))]
    let is_fifo = false;
    if !meta.is_file() && !is_fifo {
        return Err(LoadError::Io { file, message: "is not a regular file (a device or socket?)".into() });
    }
    if meta.is_file() && meta.len() > opts.max_size {
        return Err(LoadError::TooLarge { file, size: meta.len(), limit: opts.max_size });
    }
    let f = File::open(path).map_err(io)?;
    let mut bytes = Vec::with_capacity(if meta.is_file() { meta.len() as usize } else { 0 });
    f.take(opts.max_size + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > opts.max_size {
        return Err(LoadError::TooLarge { file, size: bytes.len() as u64, limit: opts.max_size });
    }
    Ok(bytes)
}

/// Bytes → UTF-8 text (a UTF-8 byte-order mark is accepted and skipped).
pub fn decode<'a>(bytes: &'a [u8], file: &str) -> Result<&'a str, LoadError> {
    let enc = |message: String| LoadError::Encoding { file: file.to_string(), message };
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(enc("the file is UTF-16 text; timeline files must be UTF-8 (re-save it as UTF-8)".into()));
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let valid = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
        let (line, col) = locate::line_col(valid, at);
        enc(format!("not valid UTF-8 at byte {at} (line {line}, column {col}); timeline files must be UTF-8"))
    })?;
    if text.is_empty() {
        return Err(enc("the file is empty".into()));
    }
    if text.trim().is_empty() {
        return Err(enc("the file contains only whitespace".into()));
    }
    Ok(text)
}

/// Turn a serde_json error (with the path where it happened) into a located problem.
fn syntax_problem(text: &str, err: &serde_json::Error, path: String) -> Located {
    let full = err.to_string();
    let mut message = match full.rfind(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full.clone(),
    };
    let (mut line, mut column) = (err.line(), err.column());
    let at_char = text.lines().nth(line.saturating_sub(1)).and_then(|l| {
        let byte = column.saturating_sub(1).min(l.len());
        l.get(byte..).and_then(|rest| rest.chars().next())
    });
    // serde_path_to_error writes "?" for a key it had not finished reading.
    let path = if path == "?" { String::new() } else { path.strip_suffix(".?").map_or(path.clone(), str::to_string) };
    if let Some(i) = message.find(", expected one of") {
        message.truncate(i);
    }
    if message.starts_with("unknown field") {
        message.push_str(" (put your own data under \"extra\")");
    } else if err.is_eof() {
        message = format!("the file ends too early ({message}); is it truncated?");
    } else if message.starts_with("trailing characters") {
        message = "unexpected text after the end of the JSON document".into();
    } else if message.starts_with("trailing comma") {
        message = "trailing comma: JSON does not allow a comma before ] or }".into();
    } else if message.starts_with("expected value") && at_char == Some('/') {
        message = "comments are not allowed in JSON".into();
    } else if let Some(c) = at_char.filter(|c| c.is_control() && !c.is_whitespace()) {
        message = format!("the control character U+{:04X} is not allowed here", c as u32);
    } else if message.starts_with("expected value") {
        message = "expected a JSON value here (is this a JSON file?)".into();
    } else if let Some(rest) = message.strip_prefix("duplicate field `") {
        message = format!("the key \"{}\" appears twice", rest.trim_end_matches('`'));
    } else if message.starts_with("recursion limit exceeded") {
        message = "the document is nested too deeply".into();
    } else if message.starts_with("invalid type: map") && path.is_empty() {
        message = "expected a timeline object ({\"format\": \"kz-timeline\", ...})".into();
    } else if path.is_empty() && message.starts_with("invalid type") {
        message = format!(
            "the document must be a JSON object, not {}",
            message.trim_start_matches("invalid type: ").split(',').next().unwrap_or("this")
        );
    } else {
        message = wording::humanize(&message);
    }
    if err.classify() == serde_json::error::Category::Data && !path.is_empty() && path != "." {
        // A value of the wrong shape: point at the value itself rather than where serde stopped.
        (line, column) = locate::line_col(text, locate::locate(text, &path));
    } else {
        // serde_json counts bytes; people count characters.
        column = text
            .lines()
            .nth(line.saturating_sub(1))
            .map(|l| l.get(..column.saturating_sub(1).min(l.len())).map_or(column, |p| p.chars().count() + 1))
            .unwrap_or(column);
    }
    // The path was located above with the raw keys; shown, it is sanitised like any quoted value,
    // because serde_path_to_error spells unknown keys from the file as they are.
    let path = if path == "." { String::new() } else { wording::short_path(&sanitize::line(&path)) };
    Located { line, column, path, message: crate::text::clip_middle(&sanitize::line(&message), 200) }
}

/// Parse JSON into `T`. The fast path is plain serde_json; on failure the text is parsed again
/// with path tracking, to name where the problem is.
fn parse<T: serde::de::DeserializeOwned>(text: &str, file: &str) -> Result<T, LoadError> {
    match serde_json::from_str::<T>(text) {
        Ok(v) => Ok(v),
        Err(first) => {
            let mut de = serde_json::Deserializer::from_str(text);
            let (err, path) = match serde_path_to_error::deserialize::<_, T>(&mut de) {
                Err(e) => {
                    let path = e.path().to_string();
                    (e.into_inner(), path)
                }
                // The value parsed but something follows it: the first error says what.
                Ok(_) => (first, String::new()),
            };
            Err(LoadError::Syntax { file: file.to_string(), problem: syntax_problem(text, &err, path) })
        }
    }
}

/// Check the format marker and version before anything else, so a wrong file gets one clear line.
fn check_marker(text: &str, file: &str, expected: &str) -> Result<(), LoadError> {
    #[derive(serde::Deserialize)]
    struct Marker {
        format: Option<serde_json::Value>,
        version: Option<serde_json::Value>,
    }
    let Ok(m) = serde_json::from_str::<Marker>(text) else { return Ok(()) };
    let at = |path: &str, message: String| {
        let (line, column) = locate::line_col(text, locate::locate(text, path));
        LoadError::Syntax { file: file.to_string(), problem: Located { line, column, path: path.to_string(), message } }
    };
    match &m.format {
        Some(serde_json::Value::String(f)) if f == expected => {}
        Some(other) => {
            let shown = sanitize::line(&convert::shorten(&other.to_string()));
            return Err(at(
                "format",
                format!("this is not a {expected} file (\"format\" is {shown}, expected \"{expected}\")"),
            ));
        }
        None => {
            return Err(at(
                "",
                format!("this is not a {expected} file: the \"format\": \"{expected}\" marker is missing"),
            ));
        }
    }
    match &m.version {
        Some(serde_json::Value::Number(n)) if n.as_u64() == Some(native::VERSION as u64) => Ok(()),
        Some(v) => Err(at(
            "version",
            format!(
                "format version {} is not supported; this kz-timeline reads version {}",
                sanitize::line(&convert::shorten(&v.to_string())),
                native::VERSION
            ),
        )),
        None => Err(at("", "the \"version\" field is missing (use \"version\": 1)".into())),
    }
}

fn locate_all(text: &str, file: &str, problems: Vec<Problem>) -> LoadError {
    let mut problems: Vec<Located> = problems
        .into_iter()
        .map(|p| {
            let (line, column) = locate::line_col(text, locate::locate(text, &p.path));
            Located { line, column, path: p.path, message: p.message }
        })
        .collect();
    // In the order they appear in the file.
    problems.sort_by_key(|p| (p.line, p.column));
    LoadError::Invalid { file: file.to_string(), problems }
}

/// The document must be a JSON object; say so plainly when it is an array or a bare value (serde
/// would otherwise try to read an array as a struct, field by field).
fn check_object(text: &str, file: &str) -> Result<(), LoadError> {
    let start = text.len() - text.trim_start().len();
    let what = match text[start..].chars().next() {
        Some('{') | None => return Ok(()),
        Some('[') => "an array",
        Some('"') => "a string",
        Some(c) if c == '-' || c.is_ascii_digit() => "a number",
        Some('t' | 'f' | 'n') if serde_json::from_str::<serde_json::Value>(text).is_ok() => "a bare value",
        Some(_) => return Ok(()),
    };
    let (line, column) = locate::line_col(text, start);
    Err(LoadError::Syntax {
        file: file.to_string(),
        problem: Located {
            line,
            column,
            path: String::new(),
            message: format!("the document must be a JSON object ({{ ... }}), not {what}"),
        },
    })
}

/// Parse and check timeline text. `file` names it in messages.
pub fn timeline_from_str(text: &str, file: &str, default_regions: &[Region]) -> Result<Timeline, LoadError> {
    check_object(text, file)?;
    let parsed: TimelineFile = match parse(text, file) {
        Ok(p) => p,
        Err(e) => return Err(check_marker(text, file, native::TIMELINE_FORMAT).err().unwrap_or(e)),
    };
    check_marker(text, file, native::TIMELINE_FORMAT)?;
    convert::timeline(parsed, default_regions).map_err(|p| locate_all(text, file, p))
}

/// Load a timeline file from disk.
pub fn timeline_from_path(path: &Path, opts: &LoadOptions) -> Result<Timeline, LoadError> {
    let file = label(path);
    let bytes = read_file(path, opts)?;
    let text = decode(&bytes, &file)?;
    timeline_from_str(text, &file, bundled_regions())
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
    if problems.is_empty() { Ok(regions) } else { Err(locate_all(text, file, problems)) }
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
