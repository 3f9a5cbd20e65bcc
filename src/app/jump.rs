//! Fuzzy "jump to event" (`:` or Ctrl-p): titles ranked as you type.
//!
//! The query is read as `/` reads it ([`Query`]): folded (case, accents, script,
//! transliteration), split into words, each word with its other names from the dictionary
//! (`ОДКБ` also looks for "CSTO", `Тоқаев` for "Tokayev"). A title matches when every word
//! matches it, and a word matches when one of its spellings occurs in the folded title as typed,
//! or, for spellings of [`FUZZY_FROM`] letters or more, fuzzily: its letters occur in order with
//! a few title letters between them (`emergncy` finds "emergency"), in at most one more unbroken
//! run per [`RUN_PER`] letters after the first, scoring at least [`MIN_SHARE`] of what the
//! spelling scores where it occurs whole (scores by `nucleo-matcher`). So `qqqqzz` (folded to
//! `kz`) and letters scattered across an unrelated title (`airport` in "Mazhilis marks
//! anniversary; prosecutor repeats coup account") match nothing. Titles are ranked by their
//! total score, ties in timeline order.
//!
//! Typing more letters narrows, as search does: the titles that could still match (every word a
//! subsequence of the title, whatever its score) are kept, and the next keystroke scores only
//! those. Many titles are scored on several threads. Measured (release, 10,000 events, 2 cores):
//! under 10 ms a keystroke, under 1 ms once narrowed.

use nucleo_matcher::{Config, Matcher, Utf32Str, Utf32String};

use super::{Action, Overlay, State};
use crate::model::EventIx;
use crate::query::Query;

/// Results shown at most.
pub const MAX_RESULTS: usize = 200;
/// Spellings shorter than this (in characters, folded) match only as typed, never fuzzily.
pub const FUZZY_FROM: usize = 5;
/// A fuzzy match must score at least this share of a whole-word match of the same spelling.
pub const MIN_SHARE: f32 = 0.6;
/// A fuzzy match may break into one more unbroken run of letters for each this many letters
/// after the first (5 to 8 letters: two runs; 9 to 12: three).
pub const RUN_PER: usize = 4;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Jump {
    pub text: String,
    /// Best first.
    pub results: Vec<EventIx>,
    pub cursor: usize,
    /// The last query and the titles that could still match it (ascending), for narrowing.
    narrow: Option<(Query, Vec<EventIx>)>,
}

/// One spelling of a query word, ready for the matcher.
struct Needle {
    /// ASCII when the spelling is (the matcher never matches a non-ASCII needle in ASCII text).
    text: Utf32String,
    chars: Vec<char>,
    /// Its score in a title that is just that spelling: what a fuzzy match is measured against.
    whole: u16,
}

/// Scores titles against a parsed query.
struct Scorer {
    /// Per word of the query, its spellings.
    words: Vec<Vec<Needle>>,
    matcher: Matcher,
    buf: Vec<char>,
}

impl Scorer {
    fn new(q: &Query) -> Scorer {
        let mut matcher = Matcher::new(Config::DEFAULT);
        let words = q
            .alternatives()
            .map(|alts| {
                alts.iter()
                    .map(|a| {
                        let text = Utf32String::from(a.as_str());
                        let whole = matcher.fuzzy_match(text.slice(..), text.slice(..)).unwrap_or(0);
                        Needle { text, chars: a.chars().collect(), whole }
                    })
                    .collect()
            })
            .collect();
        Scorer { words, matcher, buf: Vec::new() }
    }

    /// `(could still match, score if it matches)` for one folded title.
    fn score(&mut self, title: &str) -> (bool, Option<u32>) {
        let hay = Utf32Str::new(title, &mut self.buf);
        let mut total = 0u32;
        let mut matches = true;
        for word in &self.words {
            let mut best: Option<u16> = None;
            let mut possible = false;
            for n in word {
                let needle = n.text.slice(..);
                let Some(fuzzy) = self.matcher.fuzzy_match(hay, needle) else { continue };
                possible = true;
                let exact = self.matcher.substring_match(hay, needle);
                let ok = exact.is_some() || close_enough(title, n, fuzzy);
                if ok {
                    let sc = exact.unwrap_or(0).max(fuzzy);
                    best = Some(best.map_or(sc, |b| b.max(sc)));
                }
            }
            if !possible {
                return (false, None);
            }
            match best {
                Some(sc) => total += u32::from(sc),
                None => matches = false,
            }
        }
        (true, matches.then_some(total))
    }
}

/// A fuzzy match (scoring `fuzzy`) that is not a scatter of letters (see the module docs).
fn close_enough(title: &str, n: &Needle, fuzzy: u16) -> bool {
    let len = n.chars.len();
    len >= FUZZY_FROM
        && f32::from(fuzzy) >= MIN_SHARE * f32::from(n.whole)
        && min_runs(&n.chars, title).is_some_and(|runs| runs <= 1 + (len - 1) / RUN_PER)
}

/// The fewest unbroken runs of `title`'s characters that spell `needle` in order, if it can be
/// spelled at all (dynamic programming over needle × title, both short).
fn min_runs(needle: &[char], title: &str) -> Option<usize> {
    const NONE: usize = usize::MAX / 2;
    let hay: Vec<char> = title.chars().collect();
    // ending[j]: fewest runs spelling the needle so far with its last letter at hay[j].
    let mut ending = vec![NONE; hay.len()];
    for (i, &c) in needle.iter().enumerate() {
        let mut next = vec![NONE; hay.len()];
        // Fewest runs for the previous letters ending before position j - 1.
        let mut before = if i == 0 { 0 } else { NONE };
        for j in 0..hay.len() {
            if hay[j] == c {
                let joined = if i > 0 && j > 0 { ending[j - 1] } else { NONE };
                next[j] = joined.min(before + 1);
            }
            if i > 0 && j > 0 {
                before = before.min(ending[j - 1]);
            }
        }
        ending = next;
    }
    ending.into_iter().min().filter(|&r| r < NONE)
}

/// One thread's share: the candidates that could still match, and the (score, event) matches.
type Part = (Vec<EventIx>, Vec<(u32, EventIx)>);

/// Titles scored by one thread at most; more are split between threads (as search does).
const PER_THREAD: usize = 20_000;

/// The titles among `candidates` (the `len` events `candidates(0..len)`, ascending) matching
/// `q`, best first, and the candidates that could still match a longer query (see the module
/// docs).
fn rank_among(
    s: &State,
    q: &Query,
    len: usize,
    candidates: impl Fn(usize) -> EventIx + Sync,
) -> (Vec<EventIx>, Vec<EventIx>) {
    let index = s.index();
    let part = |from: usize, to: usize| -> Part {
        let mut scorer = Scorer::new(q);
        let mut possible = Vec::new();
        let mut scored: Vec<(u32, EventIx)> = Vec::new();
        for ix in (from..to).map(&candidates) {
            let (could, score) = scorer.score(index.folded_title(ix));
            if could {
                possible.push(ix);
            }
            if let Some(sc) = score {
                scored.push((sc, ix));
            }
        }
        (possible, scored)
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(len.div_ceil(PER_THREAD)).max(1);
    let (possible, mut scored) = if threads == 1 {
        part(0, len)
    } else {
        let per = len.div_ceil(threads);
        let parts: Vec<Part> = std::thread::scope(|scope| {
            let handles: Vec<_> =
                (0..threads).map(|k| scope.spawn(move || part(k * per, ((k + 1) * per).min(len)))).collect();
            handles.into_iter().map(|h| h.join().expect("jump thread")).collect()
        });
        // Parts are contiguous and in order, so the joined lists stay ascending.
        let mut all = (Vec::new(), Vec::new());
        for (p, sc) in parts {
            all.0.extend(p);
            all.1.extend(sc);
        }
        all
    };
    // Best score first; ties in chronological order. Only the best MAX_RESULTS are sorted.
    let order = |a: &(u32, EventIx), b: &(u32, EventIx)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
    if scored.len() > MAX_RESULTS {
        scored.select_nth_unstable_by(MAX_RESULTS, order);
        scored.truncate(MAX_RESULTS);
    }
    scored.sort_by(order);
    (scored.into_iter().map(|(_, ix)| ix).collect(), possible)
}

/// Whether every title matching `q` also could match `prev` (so only `prev`'s candidates need
/// scoring): each word of `prev` is matched by the same word of `q`, and each spelling of that
/// word contains one of `prev`'s spellings (a subsequence of a title stays one when letters are
/// left out).
fn narrows(q: &Query, prev: &Query) -> bool {
    let (new, old): (Vec<&[String]>, Vec<&[String]>) = (q.alternatives().collect(), prev.alternatives().collect());
    !old.is_empty()
        && old.len() <= new.len()
        && old.iter().zip(&new).all(|(o, n)| n.iter().all(|alt| o.iter().any(|p| alt.contains(p.as_str()))))
}

/// Rank every event's title against `text`. An empty query lists events in order.
pub fn rank(s: &State, text: &str) -> Vec<EventIx> {
    let q = Query::parse(text, &s.dictionary);
    if q.is_empty() {
        return (0..s.timeline.events.len()).take(MAX_RESULTS).collect();
    }
    rank_among(s, &q, s.timeline.events.len(), |i| i).0
}

pub fn open(s: &mut State) {
    let results = rank(s, "");
    let cursor = s.selected_ix().and_then(|ix| results.iter().position(|&r| r == ix)).unwrap_or(0);
    s.overlay = Some(Overlay::Jump(Jump { text: String::new(), results, cursor, narrow: None }));
}

/// Re-rank after an edit, narrowing the previous candidates when the query only grew.
fn edited(s: &mut State) {
    let Some(Overlay::Jump(j)) = &s.overlay else { return };
    let q = Query::parse(&j.text, &s.dictionary);
    let (results, narrow) = if q.is_empty() {
        (rank(s, ""), None)
    } else {
        let (results, possible) = match &j.narrow {
            Some((prev, pool)) if narrows(&q, prev) => rank_among(s, &q, pool.len(), |i| pool[i]),
            _ => rank_among(s, &q, s.timeline.events.len(), |i| i),
        };
        (results, Some((q, possible)))
    };
    if let Some(Overlay::Jump(j)) = &mut s.overlay {
        j.results = results;
        j.cursor = 0;
        j.narrow = narrow;
    }
}

pub fn update(s: &mut State, action: Action, page: isize) {
    let Some(Overlay::Jump(j)) = &mut s.overlay else { return };
    let n = j.results.len();
    let mut changed = false;
    match action {
        Action::Insert(c) => {
            j.text.push(c);
            changed = true;
        }
        Action::DeleteBack => changed = j.text.pop().is_some(),
        Action::ClearInput => {
            j.text.clear();
            changed = true;
        }
        Action::DeleteWord => {
            let cut = super::prompt::word_start(&j.text);
            j.text.truncate(cut);
            changed = true;
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
    if changed {
        edited(s);
    }
}

#[cfg(test)]
mod tests;
