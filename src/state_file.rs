//! Saved state per timeline file (marks and last position), in the XDG state directory:
//! `$XDG_STATE_HOME/kz-timeline/` (default `~/.local/state/kz-timeline/`).
//!
//! Writes are atomic: a temporary file in the same directory is written, flushed to disk and
//! renamed over the old one, so a crash or a second instance can never leave a half-written file.
//! A file that cannot be read is reported once and replaced at the next save; it is never fatal.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::atomic_file::atomic_write;

const FORMAT: &str = "kz-timeline-state";

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
        Saved { format: FORMAT.into(), version: 1, timeline: timeline.into(), marks, last }
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

/// Read a state file. `Ok(None)` when there is none; `Err` with a reason when it is unreadable,
/// corrupt or not ours.
pub fn load(path: &Path) -> Result<Option<Saved>, String> {
    let text = match fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.to_string()),
    };
    let saved: Saved = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    if saved.format != FORMAT || saved.version != 1 {
        return Err(format!("not a {FORMAT} version 1 file"));
    }
    Ok(Some(saved))
}

/// Write `saved` to `path` atomically (temp file, fsync, rename, fsync of the directory), creating
/// the state directory if needed.
pub fn save(path: &Path, saved: &Saved) -> io::Result<()> {
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
        assert_eq!(load(&path), Ok(None));
        let s = Saved::new("bundled", vec!["a".into(), "b".into()], Some("b".into()));
        save(&path, &s).unwrap();
        assert_eq!(load(&path), Ok(Some(s.clone())));
        let s2 = Saved::new("bundled", vec![], None);
        save(&path, &s2).unwrap();
        assert_eq!(load(&path), Ok(Some(s2)));
        // No temporary files are left behind.
        assert_eq!(fs::read_dir(path.parent().unwrap()).unwrap().count(), 1);
    }

    #[test]
    fn corrupt_truncated_and_foreign_files_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.json");
        for text in [
            "{\"format\": \"kz-timeline-state\", \"vers",
            "\0\0\0",
            "{\"format\": \"other\", \"version\": 1, \"timeline\": \"x\"}",
            "[]",
        ] {
            fs::write(&path, text).unwrap();
            assert!(load(&path).is_err(), "{text:?} accepted");
        }
        // Saving over a corrupt file replaces it.
        save(&path, &Saved::new("x", vec!["e".into()], None)).unwrap();
        assert_eq!(load(&path).unwrap().unwrap().marks, ["e"]);
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
                        save(path, &Saved::new("bundled", marks, None)).unwrap();
                        // Every read sees some complete version.
                        load(path).unwrap().unwrap();
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
