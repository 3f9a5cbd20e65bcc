//! Full-text search over pre-folded haystacks (see [`super::fold`]).
//!
//! A query is split into words; an event matches when every word occurs somewhere in it (title,
//! summary, body, place, actors, claims, source publishers, region and category names). A word or
//! the whole query that names a dictionary entry (a person, organisation or region) also matches
//! that entry's other names: `ODKB` finds "CSTO", `Nur-Sultan` finds "Astana". Smart case: a
//! query with an upper-case letter must match case exactly (after transliteration).

use std::ops::Range;

use super::fold::{fold, fold_mapped, has_upper};
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

/// Folded, searchable text of every event.
#[derive(Debug, Clone, Default)]
pub struct Index {
    text: String,
    /// `text[starts[i]..starts[i + 1]]` belongs to event `i`.
    starts: Vec<usize>,
    pub dictionary: Dictionary,
}

/// The text of an event that search looks at, field by field.
pub fn searchable_fields(t: &Timeline, ix: EventIx) -> Vec<&str> {
    let e = &t.events[ix];
    let mut f: Vec<&str> = vec![&e.title, &e.summary];
    f.extend(e.body.as_deref());
    f.extend(e.place.as_ref().map(|p| p.name.as_str()));
    f.extend(e.actors.iter().map(String::as_str));
    for c in &e.claims {
        f.push(&c.by);
        f.push(&c.text);
        f.extend(c.note.as_deref());
    }
    f.extend(e.sources.iter().map(|s| s.publisher.as_str()));
    if let Some(r) = e.region {
        let r = t.region(r);
        f.push(&r.name);
        f.push(&r.short);
    }
    f.extend(e.categories.iter().map(|c| t.category_name(c)));
    f
}

impl Index {
    pub fn build(t: &Timeline, dictionary: Dictionary) -> Index {
        let mut text = String::new();
        let mut starts = Vec::with_capacity(t.events.len() + 1);
        for ix in 0..t.events.len() {
            starts.push(text.len());
            for field in searchable_fields(t, ix) {
                text.push_str(&fold(field));
                // A separator no folded text contains, so matches cannot span fields.
                text.push('\n');
            }
        }
        starts.push(text.len());
        Index { text, starts, dictionary }
    }

    fn haystack(&self, ix: EventIx) -> &str {
        &self.text[self.starts[ix]..self.starts[ix + 1]]
    }

    /// The folded title of event `ix` (the first field of its haystack).
    pub fn folded_title(&self, ix: EventIx) -> &str {
        let h = self.haystack(ix);
        h.split('\n').next().unwrap_or(h)
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
        if self.terms.is_empty() {
            return true;
        }
        let hay = index.haystack(ix);
        if !self.terms.iter().all(|term| term.alternatives.iter().any(|a| hay.contains(a.as_str()))) {
            return false;
        }
        !self.case_sensitive || self.terms.iter().all(|term| searchable_fields(t, ix).iter().any(|f| !term_ranges(term, f, true).is_empty()))
    }

    /// All events of `candidates` that match, in order.
    pub fn filter(&self, index: &Index, t: &Timeline, candidates: impl Iterator<Item = EventIx>) -> Vec<EventIx> {
        candidates.filter(|&ix| self.matches(index, t, ix)).collect()
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
}
