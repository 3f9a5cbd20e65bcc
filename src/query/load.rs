//! Loading a timeline file for the app. Big files are parsed in parallel (see
//! [`crate::model::load::fast`]) with their search haystacks folded on the same worker threads,
//! batch by batch, so the first search needs no index build; other files load the ordinary way
//! and their index is built on first use.

use std::path::Path;

use super::search::{Dictionary, FoldedEvents, Index};
use crate::model::load::fast::{self, Context, Progress};
use crate::model::load::{self, LoadError, LoadOptions};
use crate::model::{Event, Timeline};

/// Files at least this big are parsed in parallel (smaller ones gain nothing from threads).
pub const PARALLEL_FROM: u64 = 256 << 10;

/// Load `path`, with its search index when the file was big enough to build it while loading.
/// `progress` follows the parallel load.
pub fn timeline(path: &Path, opts: &LoadOptions, progress: &Progress) -> Result<(Timeline, Option<Index>), LoadError> {
    // Only our own format is parsed in parallel (the fast loader also declines a file without
    // our marker); other formats are imported the ordinary way.
    let native = opts.import.format.is_none_or(|f| f == crate::model::import::Format::Native);
    let big = native && std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() >= PARALLEL_FROM);
    if big {
        let hook = |events: &[Event], cx: &Context<'_>| FoldedEvents::fold(events, cx.regions, cx.categories);
        if let Ok(p) = fast::load(path, opts, load::bundled_regions(), progress, &hook)? {
            let n = p.timeline.events.len();
            let parts = p.batches.into_iter().map(|b| (b.base, b.data)).collect();
            let index = Index::from_parts(parts, n, p.new_ix.as_deref(), Dictionary::default());
            return Ok((p.timeline, Some(index)));
        }
    }
    // The ordinary loader: small files, unusual layouts, and every error message.
    Ok((load::timeline_from_path(path, opts)?, None))
}
