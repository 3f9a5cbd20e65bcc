//! The search index: every event's searchable fields folded (see [`super::fold`]) into
//! haystacks, kept in chunks of consecutive events so that it can be folded batch by batch while
//! a file loads and scanned a chunk per thread.

use super::fold::fold_into;
use super::search::Dictionary;
use crate::model::{Category, Event, EventIx, Region, Timeline};

/// Folded, searchable text of every event: the haystacks, in chunks of consecutive events (a
/// chunk per loader batch, so the index is folded in parallel with parsing, and searched in
/// parallel a chunk at a time).
#[derive(Debug, Clone, Default)]
pub struct Index {
    pub(super) chunks: Vec<Chunk>,
    /// Where event `ix`'s haystack is: (chunk, start, end).
    spans: Vec<(u32, u32, u32)>,
    /// Chunks and their events are in timeline order, so a scan finds events in order.
    pub(super) ordered: bool,
    pub dictionary: Dictionary,
}

#[derive(Debug, Clone, Default)]
pub(super) struct Chunk {
    /// Folded fields, each followed by `\n` (a separator no folded text contains, so matches
    /// cannot span fields).
    pub(super) text: Vec<u8>,
    /// End of each event's haystack in `text`, in text order.
    pub(super) ends: Vec<u32>,
    /// Timeline index of each event, in text order.
    pub(super) ixs: Vec<u32>,
    /// Which ASCII letters and digits each event's haystack contains (see [`letter_bit`]), in
    /// text order: a one-letter search is answered from these without reading the text.
    pub(super) letters: Vec<u64>,
}

/// The bit of an ASCII lower-case letter or digit in a letters mask, `None` for other bytes.
pub(super) fn letter_bit(b: u8) -> Option<u64> {
    match LETTER_BITS[b as usize] {
        0 => None,
        bit => Some(bit),
    }
}

/// [`letter_bit`] as a table (0 for other bytes), so a haystack's mask is one load and one OR
/// per byte.
const LETTER_BITS: [u64; 256] = {
    let mut t = [0u64; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_lowercase() {
            t[b] = 1 << (c - b'a');
        } else if c.is_ascii_digit() {
            t[b] = 1 << (26 + c - b'0');
        }
        b += 1;
    }
    t
};

/// The letters mask of a folded haystack.
fn letters_mask(text: &[u8]) -> u64 {
    text.iter().fold(0u64, |m, &b| m | LETTER_BITS[b as usize])
}

/// The folded haystacks of a run of events, before they are given their timeline indices.
#[derive(Debug, Clone, Default)]
pub struct FoldedEvents {
    text: Vec<u8>,
    ends: Vec<u32>,
    letters: Vec<u64>,
}

impl FoldedEvents {
    /// Fold the searchable fields of `events` (see [`searchable_fields`]).
    pub fn fold(events: &[Event], regions: &[Region], categories: &[Category]) -> FoldedEvents {
        // Folding never makes ASCII text longer; other text seldom grows by more than a third.
        let mut input = 0usize;
        for e in events {
            fields_of(e, regions, categories, |f| input += f.len() + 1);
        }
        let mut text = Vec::with_capacity(input + input / 8);
        let mut ends = Vec::with_capacity(events.len());
        let mut letters = Vec::with_capacity(events.len());
        let mut scratch = Vec::new();
        for e in events {
            let start = text.len();
            fields_of(e, regions, categories, |f| {
                fold_into(f, &mut text, &mut scratch);
                text.push(b'\n');
            });
            ends.push(u32::try_from(text.len()).expect("a chunk of the index is under 4 GiB"));
            letters.push(letters_mask(&text[start..]));
        }
        if text.capacity() - text.len() > text.len() / 4 {
            text.shrink_to_fit();
        }
        FoldedEvents { text, ends, letters }
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
            let ixs: Vec<u32> = (base..base + f.ends.len()).map(|p| new_ix.map_or(p as u32, |m| m[p])).collect();
            let mut start = 0u32;
            for (&end, &ix) in f.ends.iter().zip(&ixs) {
                spans[ix as usize] = (c as u32, start, end);
                start = end;
                ordered &= last.is_none_or(|l| ix > l);
                last = Some(ix);
            }
            chunks.push(Chunk { text: f.text, ends: f.ends, ixs, letters: f.letters });
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

    pub(super) fn haystack(&self, ix: EventIx) -> &[u8] {
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
