//! Loading a timeline together with its search index. Big files are parsed in parallel (see
//! [`crate::model::load::fast`]) and their haystacks folded on the same worker threads, batch by
//! batch, so that the first search needs no index build; other files load the ordinary way.

use std::path::Path;

use super::search::{Dictionary, FoldedEvents, Index};
use crate::model::load::fast::{self, Context, Progress};
use crate::model::load::{self, LoadError, LoadOptions};
use crate::model::{Event, Timeline};

/// Files at least this big are parsed in parallel (smaller ones gain nothing from threads).
pub const PARALLEL_FROM: u64 = 1 << 20;

/// Load `path` and index it for search. `progress` follows the parallel load.
pub fn timeline_with_index(path: &Path, opts: &LoadOptions, progress: &Progress) -> Result<(Timeline, Index), LoadError> {
    let big = std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() >= PARALLEL_FROM);
    if big {
        let hook = |events: &[Event], cx: &Context<'_>| FoldedEvents::fold(events, cx.regions, cx.categories);
        if let Ok(p) = fast::load(path, opts, load::bundled_regions(), progress, &hook)? {
            let n = p.timeline.events.len();
            let parts = p.batches.into_iter().map(|b| (b.base, b.data)).collect();
            let index = Index::from_parts(parts, n, p.new_ix.as_deref(), Dictionary::default());
            return Ok((p.timeline, index));
        }
    }
    // The ordinary loader: small files, unusual layouts, and every error message.
    let t = load::timeline_from_path(path, opts)?;
    let index = Index::build(&t, Dictionary::default());
    Ok((t, index))
}
