//! Full-text search over pre-folded haystacks (see [`super::fold`]).
//!
//! A query is split into words; an event matches when every word occurs somewhere in it (title,
//! summary, body, place, actors, claims, source publishers, region and category names). A word or
//! the whole query that names a dictionary entry (a person, organisation or region) also matches
//! that entry's other names: `ODKB` finds "CSTO", `Nur-Sultan` finds "Astana". Smart case: a
//! query with an upper-case letter must match case exactly (after transliteration).

use std::ops::Range;

use memchr::memmem::Finder;

use super::fold::{fold, fold_into, fold_mapped, has_upper};
use crate::model::{Category, Event, EventIx, Region, Timeline};

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
    fn expand(&self, folded: &str) -> Vec<String> {
        let mut out = vec![folded.to_string()];
        for g in &self.groups {
            if g.iter().any(|v| v == folded) {
                out.extend(g.iter().filter(|v| *v != folded).cloned());
            }
        }
        out
    }
}

/// Folded, searchable text of every event: the haystacks, in chunks of consecutive events (a
/// chunk per loader batch, so the index is folded in parallel with parsing, and searched in
/// parallel a chunk at a time).
#[derive(Debug, Clone, Default)]
pub struct Index {
    chunks: Vec<Chunk>,
    /// Where event `ix`'s haystack is: (chunk, start, end).
    spans: Vec<(u32, u32, u32)>,
    /// Chunks and their events are in timeline order, so a scan finds events in order.
    ordered: bool,
    pub dictionary: Dictionary,
}

#[derive(Debug, Clone, Default)]
struct Chunk {
    /// Folded fields, each followed by `\n` (a separator no folded text contains, so matches
    /// cannot span fields).
    text: Vec<u8>,
    /// End of each event's haystack in `text`, in text order.
    ends: Vec<u32>,
    /// Timeline index of each event, in text order.
    ixs: Vec<u32>,
}

/// The folded haystacks of a run of events, before they are given their timeline indices.
#[derive(Debug, Clone, Default)]
pub struct FoldedEvents {
    text: Vec<u8>,
    ends: Vec<u32>,
}

impl FoldedEvents {
    /// Fold the searchable fields of `events` (see [`searchable_fields`]).
    pub fn fold(events: &[Event], regions: &[Region], categories: &[Category]) -> FoldedEvents {
        let mut text = Vec::with_capacity(events.len() * 512);
        let mut ends = Vec::with_capacity(events.len());
        let mut scratch = Vec::new();
        for e in events {
            fields_of(e, regions, categories, |f| {
                fold_into(f, &mut text, &mut scratch);
                text.push(b'\n');
            });
            ends.push(u32::try_from(text.len()).expect("a chunk of the index is under 4 GiB"));
        }
        text.shrink_to_fit();
        FoldedEvents { text, ends }
    }
}

/// Events per chunk when an index is built in one go.
const CHUNK_EVENTS: usize = 4096;

/// Calls `f` with each field of `e` that search looks at, in order: title, summary, body, place,
/// actors, claims (by, text, note), source publishers, region names, category names.
fn fields_of<'a>(e: &'a Event, regions: &'a [Region], categories: &'a [Category], mut f: impl FnMut(&'a str)) {
    f(&e.title);
    f(&e.summary);
    if let Some(b) = &e.body {
        f(b);
    }
    if let Some(p) = &e.place {
        f(&p.name);
    }
    e.actors.iter().for_each(|a| f(a));
    for c in &e.claims {
        f(&c.by);
        f(&c.text);
        if let Some(n) = &c.note {
            f(n);
        }
    }
    e.sources.iter().for_each(|s| f(&s.publisher));
    if let Some(r) = e.region {
        let r = &regions[r as usize];
        f(&r.name);
        f(&r.short);
    }
    for c in &e.categories {
        f(categories.iter().find(|k| k.id == *c).map_or(c.as_str(), |k| k.name.as_str()));
    }
}

/// The text of an event that search looks at, field by field.
pub fn searchable_fields(t: &Timeline, ix: EventIx) -> Vec<&str> {
    let mut v = Vec::new();
    fields_of(&t.events[ix], &t.regions, &t.categories, |f| v.push(f));
    v
}

impl Index {
    pub fn build(t: &Timeline, dictionary: Dictionary) -> Index {
        let parts = t
            .events
            .chunks(CHUNK_EVENTS)
            .enumerate()
            .map(|(k, evs)| (k * CHUNK_EVENTS, FoldedEvents::fold(evs, &t.regions, &t.categories)))
            .collect();
        Index::from_parts(parts, t.events.len(), None, dictionary)
    }

    /// An index from folded runs of events: `(p, f)` holds the events at file positions `p..`;
    /// `new_ix[p]` is the timeline index of the event at file position `p` (`None`: the same).
    pub fn from_parts(
        parts: Vec<(usize, FoldedEvents)>,
        events: usize,
        new_ix: Option<&[u32]>,
        dictionary: Dictionary,
    ) -> Index {
        let mut spans = vec![(0u32, 0u32, 0u32); events];
        let mut chunks = Vec::with_capacity(parts.len());
        let mut ordered = true;
        let mut last: Option<u32> = None;
        for (c, (base, f)) in parts.into_iter().enumerate() {
            let ixs: Vec<u32> = (base..base + f.ends.len())
                .map(|p| new_ix.map_or(p as u32, |m| m[p]))
                .collect();
            let mut start = 0u32;
            for (&end, &ix) in f.ends.iter().zip(&ixs) {
                spans[ix as usize] = (c as u32, start, end);
                start = end;
                ordered &= last.is_none_or(|l| ix > l);
                last = Some(ix);
            }
            chunks.push(Chunk { text: f.text, ends: f.ends, ixs });
        }
        Index { chunks, spans, ordered, dictionary }
    }

    /// Number of events indexed.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    fn haystack(&self, ix: EventIx) -> &[u8] {
        let (c, s, e) = self.spans[ix];
        &self.chunks[c as usize].text[s as usize..e as usize]
    }

    /// The folded title of event `ix` (the first field of its haystack).
    pub fn folded_title(&self, ix: EventIx) -> &str {
        let h = self.haystack(ix);
        let title = h.split(|&b| b == b'\n').next().unwrap_or(h);
        std::str::from_utf8(title).unwrap_or_default()
    }
}

/// One word of a query and the spellings it may match.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Term {
    /// As typed (for smart case).
    raw: String,
    alternatives: Vec<String>,
}

/// A parsed search query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    pub raw: String,
    terms: Vec<Term>,
    case_sensitive: bool,
}

impl Query {
    pub fn parse(raw: &str, dictionary: &Dictionary) -> Query {
        let whole = fold(raw);
        let whole_expanded = dictionary.expand(&whole);
        let terms = if whole.contains(' ') && whole_expanded.len() > 1 {
            // The whole query is a multi-word name ("Democratic Party"): one term.
            vec![Term { raw: raw.trim().to_string(), alternatives: whole_expanded }]
        } else {
            raw.split_whitespace()
                .filter_map(|w| {
                    let f = fold(w);
                    (!f.is_empty()).then(|| Term { raw: w.to_string(), alternatives: dictionary.expand(&f) })
                })
                .collect()
        };
        Query { raw: raw.to_string(), terms, case_sensitive: has_upper(raw) }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Does event `ix` match?
    pub fn matches(&self, index: &Index, t: &Timeline, ix: EventIx) -> bool {
        self.matches_with(&self.finders(), index, t, ix)
    }

    fn finders(&self) -> Vec<Vec<Finder<'_>>> {
        self.terms.iter().map(|t| t.alternatives.iter().map(|a| Finder::new(a.as_bytes())).collect()).collect()
    }

    fn matches_with(&self, finders: &[Vec<Finder<'_>>], index: &Index, t: &Timeline, ix: EventIx) -> bool {
        if self.terms.is_empty() {
            return true;
        }
        let hay = index.haystack(ix);
        finders.iter().all(|alts| alts.iter().any(|f| f.find(hay).is_some())) && self.case_ok(t, ix)
    }

    /// Smart case: with a capital letter typed, every term must also match case exactly.
    fn case_ok(&self, t: &Timeline, ix: EventIx) -> bool {
        !self.case_sensitive
            || self.terms.iter().all(|term| searchable_fields(t, ix).iter().any(|f| !term_ranges(term, f, true).is_empty()))
    }

    /// All events of `candidates` that match, in order.
    pub fn filter(&self, index: &Index, t: &Timeline, candidates: impl Iterator<Item = EventIx>) -> Vec<EventIx> {
        let finders = self.finders();
        candidates.filter(|&ix| self.matches_with(&finders, index, t, ix)).collect()
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
    pub fn scan(&self, index: &Index, t: &Timeline) -> Vec<EventIx> {
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
                if others && self.case_ok(t, ix) {
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
        self.case_sensitive == previous.case_sensitive
            && !previous.terms.is_empty()
            && previous.terms.len() <= self.terms.len()
            && previous.terms.iter().zip(&self.terms).all(|(p, n)| {
                p.alternatives.len() == 1 && n.alternatives.iter().all(|a| a.contains(p.alternatives[0].as_str()))
            })
    }

    /// Character ranges of `text` that match any term (for highlighting), merged and sorted.
    pub fn highlights(&self, text: &str) -> Vec<Range<usize>> {
        let mut all: Vec<Range<usize>> =
            self.terms.iter().flat_map(|t| term_ranges(t, text, self.case_sensitive)).collect();
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
fn term_ranges(term: &Term, text: &str, case_sensitive: bool) -> Vec<Range<usize>> {
    let (folded, map) = fold_mapped(text);
    let mut out = Vec::new();
    let text_chars: Vec<char> = if case_sensitive { text.chars().collect() } else { Vec::new() };
    let (own, qmap) = fold_mapped(&term.raw);
    let q_chars: Vec<char> = term.raw.chars().collect();
    for alt in &term.alternatives {
        // Case is compared only for the spelling typed, not for dictionary expansions.
        let check_case = case_sensitive && *alt == own;
        let mut from = 0;
        while let Some(pos) = folded[from..].find(alt.as_str()) {
            let start = from + pos;
            let end = start + alt.len();
            let ok = !check_case
                || (alt.len() == qmap.len()
                    && (0..alt.len()).all(|k| {
                        q_chars[qmap[k] as usize].is_uppercase() == text_chars[map[start + k] as usize].is_uppercase()
                    }));
            if ok {
                out.push(map[start] as usize..map[end - 1] as usize + 1);
            }
            from = start + alt.chars().next().map_or(1, char::len_utf8);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load::{bundled_regions, timeline_from_str};

    fn timeline() -> Timeline {
        let ev = |id: &str, title: &str, summary: &str, region: &str| {
            format!(
                r#"{{"id": "{id}", "start": {{"date": "2022-01-05"}}, "title": "{title}", "summary": "{summary}",
                "region": "{region}", "sources": [{{"publisher": "RFE/RL", "title": "t"}}]}}"#
            )
        };
        let events = [
            ev("a", "Tokayev asks the CSTO for help", "The president speaks on television.", "nationwide"),
            ev("b", "Protest in Zhanaozen", "Residents block a road over the LPG price.", "mangystau"),
            ev("c", "Тоқаев сөйледі", "Президент теледидарда сөйледі.", "nationwide"),
            ev("d", "Akimat burns", "The city hall in Almaty is set on fire.", "almaty"),
        ];
        let text = format!(r#"{{"format": "kz-timeline", "version": 1, "title": "T", "events": [{}]}}"#, events.join(","));
        timeline_from_str(&text, "t", bundled_regions()).unwrap()
    }

    fn ids(t: &Timeline, index: &Index, q: &str) -> Vec<String> {
        let q = Query::parse(q, &index.dictionary);
        q.filter(index, t, 0..t.events.len()).into_iter().map(|i| t.events[i].id.clone()).collect()
    }

    fn index(t: &Timeline) -> Index {
        let names = vec![vec!["CSTO".to_string(), "ODKB".into(), "ОДКБ".into()]];
        Index::build(t, Dictionary::for_timeline(t, &names))
    }

    #[test]
    fn spellings_and_scripts_find_the_same_events() {
        let t = timeline();
        let ix = index(&t);
        for q in ["tokayev", "toqaev", "Тоқаев", "токаев", "TOKAEV"] {
            let got = ids(&t, &ix, q);
            if q == "TOKAEV" {
                assert!(got.is_empty(), "smart case: all-caps must match case exactly, got {got:?}");
            } else {
                assert_eq!(got, ["a", "c"], "{q}");
            }
        }
        for q in ["zhanaozen", "janaozen", "Жаңаөзен"] {
            assert_eq!(ids(&t, &ix, q), ["b"], "{q}");
        }
    }

    #[test]
    fn dictionary_names_expand() {
        let t = timeline();
        let ix = index(&t);
        assert_eq!(ids(&t, &ix, "odkb"), ["a"]);
        assert_eq!(ids(&t, &ix, "ОДКБ"), ["a"]);
        assert_eq!(ids(&t, &ix, "Odkb"), ["a"], "smart case does not apply to dictionary expansions");
        // A region's alias finds events in that region.
        assert_eq!(ids(&t, &ix, "mangistau"), ["b"]);
    }

    #[test]
    fn words_must_all_match_and_smart_case_applies() {
        let t = timeline();
        let ix = index(&t);
        assert_eq!(ids(&t, &ix, "city fire"), ["d"]);
        assert_eq!(ids(&t, &ix, "city protest"), Vec::<String>::new());
        assert_eq!(ids(&t, &ix, "akimat"), ["d"]);
        assert_eq!(ids(&t, &ix, "Akimat"), ["d"]);
        assert_eq!(ids(&t, &ix, "AKIMAT"), Vec::<String>::new());
        assert_eq!(ids(&t, &ix, "rfe/rl").len(), 4, "source publishers are searched");
    }

    #[test]
    fn highlights_map_back_to_the_original_text() {
        let dict = Dictionary::default();
        let q = Query::parse("zhanaozen road", &dict);
        assert_eq!(q.highlights("Protest in Жаңаөзен on the road"), vec![11..19, 27..31]);
        let q = Query::parse("tokayev", &dict);
        assert_eq!(q.highlights("Toqaev, Tokayev"), vec![0..6, 8..15]);
    }

    #[test]
    fn typing_more_narrows() {
        let dict = Dictionary::default();
        let a = Query::parse("zhan", &dict);
        let b = Query::parse("zhanao", &dict);
        assert!(b.narrows(&a));
        assert!(!a.narrows(&b));
        let c = Query::parse("zhanao road", &dict);
        assert!(c.narrows(&b));
    }

    #[test]
    fn scanning_the_index_finds_what_checking_each_event_finds() {
        let t = crate::model::load::bundled_timeline().unwrap();
        let names = crate::model::load::bundled_name_groups();
        // Small chunks, so that scans cross chunk boundaries and run on several threads.
        let parts = t
            .events
            .chunks(7)
            .enumerate()
            .map(|(k, e)| (k * 7, FoldedEvents::fold(e, &t.regions, &t.categories)))
            .collect();
        let index = Index::from_parts(parts, t.events.len(), None, Dictionary::for_timeline(&t, &names));
        let all: Vec<EventIx> = (0..t.events.len()).collect();
        let some: Vec<EventIx> = all.iter().copied().filter(|i| i % 3 != 1).collect();
        for raw in ["t", "to", "tokayev", "Tokayev", "zhanaozen", "ODKB", "almaty police", "e", "nothing-like-this", "a b c"] {
            let q = Query::parse(raw, &index.dictionary);
            let each = q.filter(&index, &t, all.iter().copied());
            assert_eq!(q.scan(&index, &t), each, "{raw}");
            assert_eq!(q.matching(&index, &t, &all), each, "{raw}");
            let each_some = q.filter(&index, &t, some.iter().copied());
            assert_eq!(q.matching(&index, &t, &some), each_some, "{raw}");
        }
        // Built in one go, with the same haystacks.
        let whole = Index::build(&t, index.dictionary.clone());
        for ix in 0..t.events.len() {
            assert_eq!(whole.haystack(ix), index.haystack(ix));
        }
    }
}
