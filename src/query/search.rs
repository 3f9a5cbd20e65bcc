//! Full-text search over pre-folded haystacks (see [`super::fold`]).
//!
//! A query is split into words; an event matches when every word occurs somewhere in it (title,
//! summary, body, place, actors, claims, source publishers, region and category names). A word or
//! the whole query that names a dictionary entry (a person, organisation or region) also matches
//! that entry's other names: `ODKB` finds "CSTO", `Nur-Sultan` finds "Astana". Case never
//! matters, in any script: `TOKAYEV`, `ҚАЗАҚ` or a query typed with Caps Lock on finds what the
//! same letters in lower case find.

use std::ops::Range;

use memchr::memmem::Finder;

use super::fold::{fold, fold_mapped};
use super::index::{Chunk, letter_bit};
pub use super::index::{FoldedEvents, Index, searchable_fields};
use crate::model::{EventIx, Timeline};

/// Groups of names that mean the same thing, folded.
#[derive(Debug, Clone, Default)]
pub struct Dictionary {
    groups: Vec<Vec<String>>,
}

impl Dictionary {
    /// Build from name groups (each a list of spellings).
    pub fn new<I, G, S>(groups: I) -> Dictionary
    where
        I: IntoIterator<Item = G>,
        G: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let groups = groups
            .into_iter()
            .map(|g| {
                let mut v: Vec<String> = g.into_iter().map(|s| fold(s.as_ref())).filter(|s| !s.is_empty()).collect();
                v.sort();
                v.dedup();
                v
            })
            .filter(|g| g.len() > 1)
            .collect();
        Dictionary { groups }
    }

    /// The timeline's regions plus a names dictionary's entries.
    pub fn for_timeline(t: &Timeline, names: &[Vec<String>]) -> Dictionary {
        let regions = t.regions.iter().map(|r| {
            let mut v = vec![r.name.clone(), r.short.clone()];
            v.extend(r.name_kk.clone());
            v.extend(r.name_ru.clone());
            v.extend(r.aliases.iter().cloned());
            v
        });
        Dictionary::new(regions.chain(names.iter().cloned()))
    }

    /// Every spelling in the group `folded` belongs to (or just itself).
    pub fn expand(&self, folded: &str) -> Vec<String> {
        let mut out = vec![folded.to_string()];
        for g in &self.groups {
            if g.iter().any(|v| v == folded) {
                out.extend(g.iter().filter(|v| *v != folded).cloned());
            }
        }
        out
    }
}

/// One word of a query: the spellings it may match, folded.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Term {
    alternatives: Vec<String>,
}

/// A parsed search query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    pub raw: String,
    terms: Vec<Term>,
}

impl Query {
    pub fn parse(raw: &str, dictionary: &Dictionary) -> Query {
        let whole = fold(raw);
        let whole_expanded = dictionary.expand(&whole);
        let terms = if whole.contains(' ') && whole_expanded.len() > 1 {
            // The whole query is a multi-word name ("Democratic Party"): one term.
            vec![Term { alternatives: whole_expanded }]
        } else {
            raw.split_whitespace()
                .filter_map(|w| {
                    let f = fold(w);
                    (!f.is_empty()).then(|| Term { alternatives: dictionary.expand(&f) })
                })
                .collect()
        };
        Query { raw: raw.to_string(), terms }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Each word's spellings, folded (the word as typed first, then its dictionary names).
    pub fn alternatives(&self) -> impl Iterator<Item = &[String]> {
        self.terms.iter().map(|t| t.alternatives.as_slice())
    }

    /// Does event `ix` match?
    /// (`_t`, like the other methods' timeline, is unused since case stopped mattering; the
    /// signatures stay so callers need not change.)
    pub fn matches(&self, index: &Index, _t: &Timeline, ix: EventIx) -> bool {
        self.matches_with(&self.finders(), index, ix)
    }

    fn finders(&self) -> Vec<Vec<Finder<'_>>> {
        self.terms.iter().map(|t| t.alternatives.iter().map(|a| Finder::new(a.as_bytes())).collect()).collect()
    }

    fn matches_with(&self, finders: &[Vec<Finder<'_>>], index: &Index, ix: EventIx) -> bool {
        if self.terms.is_empty() {
            return true;
        }
        let hay = index.haystack(ix);
        finders.iter().all(|alts| alts.iter().any(|f| f.find(hay).is_some()))
    }

    /// All events of `candidates` that match, in order.
    pub fn filter(&self, index: &Index, _t: &Timeline, candidates: impl Iterator<Item = EventIx>) -> Vec<EventIx> {
        let finders = self.finders();
        candidates.filter(|&ix| self.matches_with(&finders, index, ix)).collect()
    }

    /// The events of `candidates` (ascending timeline indices, as in a view or a previous
    /// result) that match, in order. A few candidates are checked one by one; many, by scanning
    /// the whole index (in parallel), which is faster than visiting each haystack.
    pub fn matching(&self, index: &Index, t: &Timeline, candidates: &[EventIx]) -> Vec<EventIx> {
        if self.terms.is_empty() {
            return candidates.to_vec();
        }
        if candidates.len() * 8 < index.len() {
            if candidates.len() < 20_000 {
                return self.filter(index, t, candidates.iter().copied());
            }
            // Many to check one by one: two halves in parallel.
            let (a, b) = candidates.split_at(candidates.len() / 2);
            let (mut x, y) = std::thread::scope(|s| {
                let h = s.spawn(|| self.filter(index, t, b.iter().copied()));
                (self.filter(index, t, a.iter().copied()), h.join().expect("search thread"))
            });
            x.extend(y);
            return x;
        }
        let all = self.scan(index, t);
        if candidates.len() == index.len() {
            return all;
        }
        // Both ascending: keep the scan's results that are candidates.
        let mut out = Vec::with_capacity(all.len().min(candidates.len()));
        let mut c = candidates.iter().peekable();
        for ix in all {
            while c.next_if(|&&x| x < ix).is_some() {}
            if c.peek() == Some(&&ix) {
                out.push(ix);
            }
        }
        out
    }

    /// Every matching event, in timeline order, found by scanning the chunks' text for the most
    /// selective term and checking the others on the events it occurs in.
    pub fn scan(&self, index: &Index, _t: &Timeline) -> Vec<EventIx> {
        if self.terms.is_empty() {
            return (0..index.len()).collect();
        }
        let finders = self.finders();
        // The term whose shortest spelling is longest occurs least often.
        let drive = (0..self.terms.len())
            .max_by_key(|&k| self.terms[k].alternatives.iter().map(String::len).min().unwrap_or(0))
            .unwrap_or(0);
        let scan_chunk = |chunk: &Chunk, out: &mut Vec<EventIx>| {
            // Events hit by any spelling of the driving term: one flag per event of the chunk
            // (several spellings would otherwise need their hits merged and sorted).
            let mut hit = vec![false; chunk.ends.len()];
            for f in &finders[drive] {
                if let [b] = f.needle()
                    && let Some(bit) = letter_bit(*b)
                {
                    // One letter or digit: the masks say exactly which events contain it.
                    for (h, &m) in hit.iter_mut().zip(&chunk.letters) {
                        *h |= m & bit != 0;
                    }
                    continue;
                }
                let (mut pos, mut slot) = (0usize, 0usize);
                while slot < chunk.ends.len() {
                    // An event already hit by another spelling needs no search.
                    if hit[slot] {
                        pos = chunk.ends[slot] as usize;
                        slot += 1;
                        continue;
                    }
                    let Some(p) = f.find(&chunk.text[pos..]) else { break };
                    let at = pos + p;
                    // Hits only move forward, so the walk over `ends` is linear in the chunk.
                    while chunk.ends[slot] as usize <= at {
                        slot += 1;
                    }
                    hit[slot] = true;
                    // The rest of this event's haystack cannot add anything.
                    pos = chunk.ends[slot] as usize;
                    slot += 1;
                }
            }
            let slots = hit.iter().enumerate().filter(|(_, h)| **h).map(|(k, _)| k);
            for slot in slots {
                let start = if slot == 0 { 0 } else { chunk.ends[slot - 1] as usize };
                let hay = &chunk.text[start..chunk.ends[slot] as usize];
                let ix = chunk.ixs[slot] as usize;
                let others = finders
                    .iter()
                    .enumerate()
                    .all(|(k, alts)| k == drive || alts.iter().any(|f| f.find(hay).is_some()));
                if others {
                    out.push(ix);
                }
            }
        };
        let total: usize = index.chunks.iter().map(|c| c.text.len()).sum();
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(index.chunks.len());
        let mut out = Vec::new();
        if threads < 2 || total < (2 << 20) {
            for c in &index.chunks {
                scan_chunk(c, &mut out);
            }
        } else {
            // Contiguous runs of chunks of about equal size, one per thread.
            let per = total.div_ceil(threads);
            let mut groups: Vec<&[Chunk]> = Vec::new();
            let (mut from, mut acc) = (0, 0);
            for (i, c) in index.chunks.iter().enumerate() {
                acc += c.text.len();
                if acc >= per {
                    groups.push(&index.chunks[from..=i]);
                    from = i + 1;
                    acc = 0;
                }
            }
            if from < index.chunks.len() {
                groups.push(&index.chunks[from..]);
            }
            let parts: Vec<Vec<EventIx>> = std::thread::scope(|s| {
                let handles: Vec<_> = groups
                    .iter()
                    .map(|g| {
                        let scan_chunk = &scan_chunk;
                        s.spawn(move || {
                            let mut v = Vec::new();
                            for c in *g {
                                scan_chunk(c, &mut v);
                            }
                            v
                        })
                    })
                    .collect();
                handles.into_iter().map(|h| h.join().expect("search thread")).collect()
            });
            out = Vec::with_capacity(parts.iter().map(Vec::len).sum());
            for p in parts {
                out.extend(p);
            }
        }
        if !index.ordered {
            // Chunks follow the file's order: put the hits in timeline order with one flag per
            // event, linear where a sort of a million hits is not.
            let mut flags = vec![false; index.len()];
            for &ix in &out {
                flags[ix] = true;
            }
            out.clear();
            out.extend(flags.iter().enumerate().filter(|(_, f)| **f).map(|(ix, _)| ix));
        }
        out
    }

    /// Whether results for `self` are a subset of results for `previous` (typing more letters),
    /// so a search can narrow the previous result instead of scanning everything.
    pub fn narrows(&self, previous: &Query) -> bool {
        !previous.terms.is_empty()
            && previous.terms.len() <= self.terms.len()
            && previous.terms.iter().zip(&self.terms).all(|(p, n)| {
                p.alternatives.len() == 1 && n.alternatives.iter().all(|a| a.contains(p.alternatives[0].as_str()))
            })
    }

    /// Character ranges of `text` that match any term (for highlighting), merged and sorted.
    pub fn highlights(&self, text: &str) -> Vec<Range<usize>> {
        let mut all: Vec<Range<usize>> = self.terms.iter().flat_map(|t| term_ranges(t, text)).collect();
        all.sort_by_key(|r| r.start);
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(all.len());
        for r in all {
            match merged.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        merged
    }
}

/// Character ranges of `text` where `term` occurs.
fn term_ranges(term: &Term, text: &str) -> Vec<Range<usize>> {
    let (folded, map) = fold_mapped(text);
    let mut out = Vec::new();
    for alt in &term.alternatives {
        let mut from = 0;
        while let Some(pos) = folded[from..].find(alt.as_str()) {
            let start = from + pos;
            let end = start + alt.len();
            out.push(map[start] as usize..map[end - 1] as usize + 1);
            from = start + alt.chars().next().map_or(1, char::len_utf8);
        }
    }
    out
}

#[cfg(test)]
mod tests;
