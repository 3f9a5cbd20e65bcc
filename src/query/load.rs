//! Loading a timeline file for the app. Big files are parsed in parallel (see
//! [`crate::model::load::fast`]); other files load the ordinary way. The search index is built
//! afterwards (see `State::index_in_background`), so that the events are on screen sooner.

use std::path::Path;

use crate::model::load::fast::{self, Progress};
use crate::model::load::{self, LoadError, LoadOptions};
use crate::model::Timeline;

/// Files at least this big are parsed in parallel (smaller ones gain nothing from threads).
pub const PARALLEL_FROM: u64 = 256 << 10;

/// Load `path`; `progress` follows the parallel load.
pub fn timeline(path: &Path, opts: &LoadOptions, progress: &Progress) -> Result<Timeline, LoadError> {
    let big = std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() >= PARALLEL_FROM);
    if big && let Ok(p) = fast::load(path, opts, load::bundled_regions(), progress, &|_, _| ())? {
        return Ok(p.timeline);
    }
    // The ordinary loader: small files, unusual layouts, and every error message.
    load::timeline_from_path(path, opts)
}
