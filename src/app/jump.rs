//! Fuzzy "jump to event" (`:` or Ctrl-p): titles ranked as you type.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::{Action, Overlay, State};
use crate::model::EventIx;
use crate::query::fold::fold;

/// Results shown at most.
pub const MAX_RESULTS: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Jump {
    pub text: String,
    /// Best first.
    pub results: Vec<EventIx>,
    pub cursor: usize,
}

/// Rank every event's title against `text` (folded, so spelling variants match). An empty query
/// lists events in order.
pub fn rank(s: &State, text: &str) -> Vec<EventIx> {
    let q = fold(text);
    if q.is_empty() {
        return (0..s.timeline.events.len()).take(MAX_RESULTS).collect();
    }
    let pattern = Pattern::parse(&q, CaseMatching::Ignore, Normalization::Smart);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    let mut scored: Vec<(u32, EventIx)> = (0..s.timeline.events.len())
        .filter_map(|ix| {
            let title = s.index().folded_title(ix);
            pattern.score(Utf32Str::new(title, &mut buf), &mut matcher).map(|sc| (sc, ix))
        })
        .collect();
    // Best score first; ties in chronological order. Only the best MAX_RESULTS are sorted.
    let order = |a: &(u32, EventIx), b: &(u32, EventIx)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
    if scored.len() > MAX_RESULTS {
        scored.select_nth_unstable_by(MAX_RESULTS, order);
        scored.truncate(MAX_RESULTS);
    }
    scored.sort_by(order);
    scored.into_iter().take(MAX_RESULTS).map(|(_, ix)| ix).collect()
}

pub fn open(s: &mut State) {
    let results = rank(s, "");
    let cursor = s.selected_ix().and_then(|ix| results.iter().position(|&r| r == ix)).unwrap_or(0);
    s.overlay = Some(Overlay::Jump(Jump { text: String::new(), results, cursor }));
}

pub fn update(s: &mut State, action: Action, page: isize) {
    let Some(Overlay::Jump(j)) = &mut s.overlay else { return };
    let n = j.results.len();
    let mut edited = false;
    match action {
        Action::Insert(c) => {
            j.text.push(c);
            edited = true;
        }
        Action::DeleteBack => edited = j.text.pop().is_some(),
        Action::ClearInput | Action::DeleteWord => {
            j.text.clear();
            edited = true;
        }
        Action::Up => j.cursor = j.cursor.saturating_sub(1),
        Action::Down => j.cursor = (j.cursor + 1).min(n.saturating_sub(1)),
        Action::PageUp => j.cursor = j.cursor.saturating_sub(page as usize),
        Action::PageDown => j.cursor = (j.cursor + page as usize).min(n.saturating_sub(1)),
        Action::Apply => {
            let target = j.results.get(j.cursor).copied();
            s.overlay = None;
            if let Some(ix) = target {
                s.reveal(ix);
            }
            return;
        }
        Action::Back => {
            s.overlay = None;
            return;
        }
        _ => {}
    }
    if edited {
        let text = j.text.clone();
        let results = rank(s, &text);
        if let Some(Overlay::Jump(j)) = &mut s.overlay {
            j.results = results;
            j.cursor = 0;
        }
    }
}
