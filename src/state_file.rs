//! Saved state per timeline file (marks and last position), in the XDG state directory:
//! `$XDG_STATE_HOME/kz-timeline/` (default `~/.local/state/kz-timeline/`).
//!
//! Nothing saved is ever lost:
//! - Writes are atomic (see [`crate::atomic_file`]): readers see the old file or the new one.
//! - A file that cannot be read (truncated, not JSON, wrong fields, not ours) is moved aside to
//!   `NAME.unreadable-YYYYMMDD-HHMMSS` (local time) before anything is written in its place, and
//!   the app's notice names it.
//! - A file written by a newer kz-timeline (a higher `version`) is left alone: the marks of this
//!   run are kept in memory only, and the app says so.
//! - A file that exists but cannot be opened (permission denied) is never written over.
//! - Several instances on the same timeline (a presenter's screen and the projector, two
//!   terminals) merge rather than overwrite each other: see [`sync`] for the rules.
//!
//! Which runs write what: the explorer saves marks and `last` (the event it was on); `present`
//! saves the marks made during the presentation but never moves `last`; a quiz, which cannot
//! change marks, writes nothing.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::atomic_file::atomic_write;

pub mod sync;

pub use sync::{Saver, Session, Snapshot};

const FORMAT: &str = "kz-timeline-state";
/// The state-file version this build reads and writes.
pub const VERSION: u32 = 1;

/// What is saved for one timeline.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Saved {
    pub format: String,
    pub version: u32,
    /// The timeline this belongs to (a path, or "bundled").
    pub timeline: String,
    /// Ids of marked events.
    #[serde(default)]
    pub marks: Vec<String>,
    /// Id of the event selected at exit.
    #[serde(default)]
    pub last: Option<String>,
}

impl Saved {
    pub fn new(timeline: &str, marks: Vec<String>, last: Option<String>) -> Saved {
        Saved { format: FORMAT.into(), version: VERSION, timeline: timeline.into(), marks, last }
    }
}

/// The state directory, from XDG_STATE_HOME or HOME.
pub fn state_dir() -> Option<PathBuf> {
    let from_env = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty()).map(PathBuf::from);
    from_env("XDG_STATE_HOME")
        .filter(|p| p.is_absolute())
        .or_else(|| from_env("HOME").map(|h| h.join(".local/state")))
        .map(|d| d.join("kz-timeline"))
}

/// FNV-1a: a small hash that is the same on every build (std's hasher is not).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf29ce484222325u64, |h, &b| (h ^ b as u64).wrapping_mul(0x100000001b3))
}

/// The state file's name for a timeline: "bundled.json", or the file's name plus a hash of its
/// full path ("my-timeline-1f2e3d4c5b6a7980.json"), so two files with the same name do not clash.
pub fn file_name(timeline: Option<&Path>) -> String {
    match timeline {
        None => "bundled.json".to_string(),
        Some(p) => {
            let full = fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
            let stem: String = p
                .file_stem()
                .map(|s| {
                    s.to_string_lossy()
                        .chars()
                        .map(|c| if c.is_alphanumeric() || c == '-' { c } else { '_' })
                        .take(40)
                        .collect()
                })
                .unwrap_or_default();
            format!("{stem}-{:016x}.json", fnv1a(full.as_os_str().as_encoded_bytes()))
        }
    }
}

/// What was found at a state file's path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// No file yet.
    Missing,
    Saved(Saved),
    /// A state file of a newer format version: left untouched.
    Newer {
        version: u64,
    },
    /// The file is there but its content is not a state file this build can read (truncated,
    /// not JSON, wrong fields, someone else's). It is moved aside before anything is written.
    Unreadable {
        reason: String,
    },
    /// The file (or its directory) cannot be opened: nothing is written there.
    Inaccessible(io::ErrorKind, String),
}

/// Read and classify a state file. Needs no lock: files are only ever replaced atomically.
pub fn read(path: &Path) -> Found {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Found::Missing,
        Err(e) => return Found::Inaccessible(e.kind(), io_reason(&e)),
    };
    let value: serde_json::Value = match serde_json::from_slice(&bytes) {
        Ok(v) => v,
        Err(e) => return Found::Unreadable { reason: format!("not valid JSON: {e}") },
    };
    let ours = value.get("format").and_then(|f| f.as_str()) == Some(FORMAT);
    match value.get("version").and_then(|v| v.as_u64()) {
        Some(v) if ours && v > VERSION as u64 => return Found::Newer { version: v },
        Some(v) if ours && v == VERSION as u64 => {}
        _ => return Found::Unreadable { reason: format!("not a {FORMAT} version {VERSION} file") },
    }
    match serde_json::from_value::<Saved>(value) {
        Ok(saved) => Found::Saved(saved),
        Err(e) => Found::Unreadable { reason: e.to_string() },
    }
}

/// An I/O error in words, without the "(os error 20)" suffix: "not a directory".
pub fn io_reason(e: &io::Error) -> String {
    let text = e.to_string();
    let text = match text.rfind(" (os error ") {
        Some(i) if text.ends_with(')') => &text[..i],
        _ => &text,
    };
    let mut chars = text.chars();
    chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

/// How a path is shown in the app: the home directory as `~`, sanitised, and at most `max`
/// characters: cut before its last two parts (`/home/ann/…/kz-timeline/bundled.json`), or in the
/// middle when even those do not fit.
pub fn display_path(path: &Path, max: usize) -> String {
    let home = std::env::var_os("HOME").filter(|h| !h.is_empty()).map(PathBuf::from);
    let shown = match home.as_deref().and_then(|h| path.strip_prefix(h).ok()) {
        Some(rest) => format!("~/{}", rest.display()),
        None => path.display().to_string(),
    };
    let shown = crate::model::sanitize::line(&shown);
    let n = shown.chars().count();
    if n <= max {
        return shown;
    }
    let tail_from = shown.char_indices().filter(|&(_, c)| c == '/').map(|(i, _)| i).rev().nth(1);
    match tail_from.map(|i| &shown[i..]) {
        Some(tail) if tail.chars().count() + 2 <= max => {
            let head: String = shown.chars().take(max - tail.chars().count() - 1).collect();
            format!("{head}…{tail}")
        }
        _ => crate::text::clip_middle(&shown, max),
    }
}

/// Move an unreadable file aside to `NAME.unreadable-YYYYMMDD-HHMMSS` (with `-2`, `-3` ... when
/// that name is taken) and return the new path. Call it holding the file's lock.
pub fn move_aside(path: &Path) -> io::Result<PathBuf> {
    let name = path.file_name().ok_or_else(|| io::Error::other("state path has no file name"))?.to_string_lossy();
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let base = path.with_file_name(format!("{name}.unreadable-{stamp}"));
    let mut target = base.clone();
    let mut n = 1;
    while fs::symlink_metadata(&target).is_ok() {
        n += 1;
        target = PathBuf::from(format!("{}-{n}", base.display()));
    }
    fs::rename(path, &target)?;
    Ok(target)
}

/// Write `saved` to `path` atomically (temp file, fsync, rename, fsync of the directory), creating
/// the state directory if needed. This replaces whatever is there: use a [`Session`] to merge
/// with other instances and keep unreadable files.
pub fn write(path: &Path, saved: &Saved) -> io::Result<()> {
    let dir = path.parent().ok_or_else(|| io::Error::other("state path has no directory"))?;
    fs::create_dir_all(dir)?;
    let mut bytes = serde_json::to_vec_pretty(saved).map_err(io::Error::other)?;
    bytes.push(b'\n');
    atomic_write(path, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_replaces_atomically() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/bundled.json");
        assert_eq!(read(&path), Found::Missing);
        let s = Saved::new("bundled", vec!["a".into(), "b".into()], Some("b".into()));
        write(&path, &s).unwrap();
        assert_eq!(read(&path), Found::Saved(s.clone()));
        let s2 = Saved::new("bundled", vec![], None);
        write(&path, &s2).unwrap();
        assert_eq!(read(&path), Found::Saved(s2));
        // No temporary files are left behind.
        assert_eq!(fs::read_dir(path.parent().unwrap()).unwrap().count(), 1);
    }

    #[test]
    fn corrupt_truncated_foreign_and_newer_files_are_told_apart() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.json");
        for text in [
            "{\"format\": \"kz-timeline-state\", \"vers",
            "\0\0\0",
            "{\"format\": \"other\", \"version\": 1, \"timeline\": \"x\"}",
            "{\"format\": \"kz-timeline-state\", \"version\": 1, \"timeline\": \"x\", \"marks\": [1]}",
            "{\"format\": \"kz-timeline-state\", \"version\": 0, \"timeline\": \"x\"}",
            "[]",
            "",
        ] {
            fs::write(&path, text).unwrap();
            assert!(matches!(read(&path), Found::Unreadable { .. }), "{text:?}: {:?}", read(&path));
        }
        fs::write(&path, "{\"format\": \"kz-timeline-state\", \"version\": 999, \"whatever\": true}").unwrap();
        assert_eq!(read(&path), Found::Newer { version: 999 });
    }

    #[test]
    fn an_unopenable_path_is_inaccessible_not_missing() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a-file");
        fs::write(&file, "x").unwrap();
        // XDG_STATE_HOME pointing at a file.
        let Found::Inaccessible(kind, reason) = read(&file.join("kz-timeline/bundled.json")) else { panic!() };
        assert_eq!(kind, io::ErrorKind::NotADirectory);
        assert_eq!(reason, "not a directory");
    }

    #[test]
    fn moving_aside_keeps_every_copy() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bundled.json");
        fs::write(&path, "one").unwrap();
        let a = move_aside(&path).unwrap();
        fs::write(&path, "two").unwrap();
        let b = move_aside(&path).unwrap();
        assert_ne!(a, b);
        assert_eq!(fs::read_to_string(&a).unwrap(), "one");
        assert_eq!(fs::read_to_string(&b).unwrap(), "two");
        assert!(!path.exists());
        let name = a.file_name().unwrap().to_str().unwrap();
        let stamp = name.strip_prefix("bundled.json.unreadable-").unwrap();
        assert!(stamp.len() == 15 && stamp.as_bytes()[8] == b'-', "{name}");
        assert!(stamp.chars().filter(|c| c.is_ascii_digit()).count() == 14, "{name}");
    }

    #[test]
    fn paths_are_shown_short() {
        let p = Path::new("/a/very/long/state/directory/somewhere/deep/kz-timeline/bundled.json");
        let shown = display_path(p, 40);
        assert_eq!(shown.chars().count(), 40);
        assert!(shown.ends_with("kz-timeline/bundled.json"), "{shown}");
        assert_eq!(display_path(Path::new("/s/x\u{1b}.json"), 40), "/s/x␛.json");
    }

    #[test]
    fn concurrent_writers_never_leave_a_broken_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bundled.json");
        std::thread::scope(|scope| {
            for t in 0..4 {
                let path = &path;
                scope.spawn(move || {
                    for i in 0..50 {
                        let marks = (0..i).map(|k| format!("t{t}-e{k}")).collect();
                        write(path, &Saved::new("bundled", marks, None)).unwrap();
                        // Every read sees some complete version.
                        assert!(matches!(read(path), Found::Saved(_)));
                    }
                });
            }
        });
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[test]
    fn file_names_are_stable_and_distinct() {
        assert_eq!(file_name(None), "bundled.json");
        let a = file_name(Some(Path::new("/tmp/a/timeline.json")));
        let b = file_name(Some(Path::new("/tmp/b/timeline.json")));
        assert!(a.starts_with("timeline-") && a.ends_with(".json"));
        assert_ne!(a, b);
        assert_eq!(a, file_name(Some(Path::new("/tmp/a/timeline.json"))));
        // The published FNV-1a 64 test vector for "a".
        assert_eq!(fnv1a(b"a"), 0xaf63dc4c8601ec8c);
    }
}
