//! Two presentations in step on one machine: the teacher's presenter view (`present
//! --presenter`) and the projected slides (`present --follow`, typically on the second screen or
//! another terminal) share one small file in the state directory. Each instance writes it
//! (atomically) when its slide, blank screen or end slide changes, with a sequence number one
//! higher than the newest it has seen, and reads it a few times a second; a newer entry written
//! by the other instance is applied. Keys work in either window and move both.
//!
//! A file, rather than a socket, because it needs no listener, survives either side restarting
//! (a projector window started late jumps to the current slide), and cannot reach beyond the
//! machine: there is no network here. The classroom-wide version of this, over SSH, is a
//! separate feature.

use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::app::present::Shared;
use crate::atomic_file::atomic_write;

const FORMAT: &str = "kz-timeline-present";

#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    format: String,
    version: u32,
    seq: u64,
    writer: u32,
    event: String,
    #[serde(default)]
    blank: bool,
    #[serde(default)]
    end: bool,
}

/// The shared file of one timeline's presentation.
#[derive(Debug, Clone)]
pub struct SyncFile {
    path: PathBuf,
}

impl SyncFile {
    /// Next to the timeline's state file: `NAME.present.json`.
    pub fn beside(state_file: &Path) -> SyncFile {
        SyncFile { path: state_file.with_extension("present.json") }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Write what this instance shows.
    pub fn write(&self, s: &Shared) -> io::Result<()> {
        let entry = Entry {
            format: FORMAT.into(),
            version: 1,
            seq: s.seq,
            writer: s.writer,
            event: s.event.clone(),
            blank: s.blank,
            end: s.end,
        };
        let mut text = serde_json::to_string_pretty(&entry).map_err(io::Error::other)?;
        text.push('\n');
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        atomic_write(&self.path, text.as_bytes())
    }

    /// What the file says now; `None` if it is missing or not ours (a broken file is ignored:
    /// the next write replaces it).
    pub fn read(&self) -> Option<Shared> {
        let text = std::fs::read_to_string(&self.path).ok()?;
        let e: Entry = serde_json::from_str(&text).ok()?;
        (e.format == FORMAT && e.version == 1).then_some(Shared {
            seq: e.seq,
            writer: e.writer,
            event: e.event,
            blank: e.blank,
            end: e.end,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_ignores_other_files() {
        let dir = tempfile::tempdir().unwrap();
        let f = SyncFile::beside(&dir.path().join("bundled.json"));
        assert_eq!(f.path().file_name().unwrap(), "bundled.present.json");
        assert_eq!(f.read(), None);
        let s = Shared { seq: 7, writer: 42, event: "e1".into(), blank: true, end: false };
        f.write(&s).unwrap();
        assert_eq!(f.read(), Some(s));
        std::fs::write(f.path(), "{\"format\": \"something-else\"}").unwrap();
        assert_eq!(f.read(), None);
    }
}
