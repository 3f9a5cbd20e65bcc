//! Finding glossary terms in texts: where a term or one of its aliases occurs, ignoring case and
//! only as whole words, so that a view can mark the words a reader can look up ("Mazhilis",
//! "KNB", "state of emergency") and a handout can print only the terms its events use.

use std::ops::Range;

use crate::model::{Event, Term};

/// One form of a term, lowercased, with the index of its term.
struct Pattern {
    chars: Vec<char>,
    term: usize,
}

/// The text lowercased character by character, each lowered character with the byte range of
/// the original character it came from (one original character can lower to several).
struct Lowered {
    chars: Vec<char>,
    from: Vec<Range<usize>>,
}

impl Lowered {
    fn new(text: &str) -> Lowered {
        let mut chars = Vec::with_capacity(text.len());
        let mut from = Vec::with_capacity(text.len());
        for (at, c) in text.char_indices() {
            for l in c.to_lowercase() {
                chars.push(l);
                from.push(at..at + c.len_utf8());
            }
        }
        Lowered { chars, from }
    }

    /// Does position `i` start an original character (not the second half of a lowered one)?
    fn starts_char(&self, i: usize) -> bool {
        i == 0 || self.from[i].start != self.from[i - 1].start
    }

    /// Does `pattern` match here, as a whole word? Whitespace in a pattern matches any one
    /// whitespace character. Returns the number of lowered characters matched.
    fn word_at(&self, i: usize, pattern: &[char]) -> Option<usize> {
        let end = i + pattern.len();
        if end > self.chars.len() || !self.starts_char(i) || (end < self.chars.len() && !self.starts_char(end)) {
            return None;
        }
        let same = |(t, p): (&char, &char)| if p.is_whitespace() { t.is_whitespace() } else { t == p };
        if !self.chars[i..end].iter().zip(pattern).all(same) {
            return None;
        }
        let word = |c: char| c.is_alphanumeric();
        let before = i > 0 && word(self.chars[i - 1]);
        let after = end < self.chars.len() && word(self.chars[end]);
        (!before && !after).then_some(pattern.len())
    }
}

fn patterns(glossary: &[Term]) -> Vec<Pattern> {
    let mut out: Vec<Pattern> = glossary
        .iter()
        .enumerate()
        .flat_map(|(term, t)| {
            t.forms()
                .map(|f| f.trim())
                .filter(|f| !f.is_empty())
                .map(move |f| Pattern { chars: f.chars().flat_map(char::to_lowercase).collect(), term })
        })
        .collect();
    // Longest first, so "state of emergency" wins over "state"; the glossary's order breaks ties.
    out.sort_by_key(|p| std::cmp::Reverse(p.chars.len()));
    out
}

/// Where the glossary's terms and aliases occur in `text`: byte ranges of `text`, in order and
/// not overlapping, each with the index of its term in `glossary`. Matching ignores case and
/// takes whole words only ("KNB" is found in "(KNB)" but not in "KNBs"); where two forms start at
/// the same place the longer one wins.
pub fn occurrences(glossary: &[Term], text: &str) -> Vec<(Range<usize>, usize)> {
    let patterns = patterns(glossary);
    if patterns.is_empty() || text.is_empty() {
        return Vec::new();
    }
    let low = Lowered::new(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < low.chars.len() {
        let hit = patterns.iter().find_map(|p| low.word_at(i, &p.chars).map(|n| (n, p.term)));
        match hit {
            Some((n, term)) => {
                out.push((low.from[i].start..low.from[i + n - 1].end, term));
                i += n;
            }
            None => i += 1,
        }
    }
    out
}

/// The texts of an event a reader sees, where glossary terms are looked for: title, summary,
/// body, the claims' texts and notes, and (when `notes`) the teacher notes.
pub fn event_texts(e: &Event, notes: bool) -> impl Iterator<Item = &str> {
    [Some(e.title.as_str()), Some(e.summary.as_str()), e.body.as_deref()]
        .into_iter()
        .chain(e.claims.iter().flat_map(|c| [Some(c.text.as_str()), c.note.as_deref()]))
        .chain(std::iter::once(e.notes.as_deref().filter(|_| notes)))
        .flatten()
}

/// Which terms of the glossary occur in the texts of `events`: their indices, in glossary order.
pub fn terms_used<'a>(glossary: &[Term], events: impl IntoIterator<Item = &'a Event>, notes: bool) -> Vec<usize> {
    let mut used = vec![false; glossary.len()];
    if !glossary.is_empty() {
        for e in events {
            for text in event_texts(e, notes) {
                for (_, term) in occurrences(glossary, text) {
                    used[term] = true;
                }
            }
            if used.iter().all(|&u| u) {
                break;
            }
        }
    }
    (0..glossary.len()).filter(|&i| used[i]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(t: &str, aliases: &[&str]) -> Term {
        Term {
            term: t.into(),
            definition: "d".into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            sources: Vec::new(),
        }
    }

    fn found<'a>(g: &[Term], text: &'a str) -> Vec<(&'a str, usize)> {
        occurrences(g, text).into_iter().map(|(r, t)| (&text[r], t)).collect()
    }

    #[test]
    fn terms_and_aliases_are_found_ignoring_case() {
        let g = [term("Mazhilis", &["Majilis"]), term("KNB", &["National Security Committee"])];
        assert_eq!(
            found(&g, "The MAZHILIS met; the majilis voted. The national security committee (KNB) agreed."),
            [("MAZHILIS", 0), ("majilis", 0), ("national security committee", 1), ("KNB", 1)]
        );
    }

    #[test]
    fn only_whole_words_count() {
        let g = [term("KNB", &[]), term("akim", &[])];
        assert_eq!(found(&g, "KNBs, xKNB, KNB2 and the akimat"), []);
        assert_eq!(found(&g, "KNB-run; (KNB). akim's office"), [("KNB", 0), ("KNB", 0), ("akim", 1)]);
        assert_eq!(found(&g, "KNB"), [("KNB", 0)]);
    }

    #[test]
    fn the_longest_form_wins_and_matches_do_not_overlap() {
        let g = [term("state", &[]), term("state of emergency", &["states of emergency"]), term("emergency", &[])];
        assert_eq!(
            found(&g, "A state of emergency, two states of emergency, a state, an emergency."),
            [("state of emergency", 1), ("states of emergency", 1), ("state", 0), ("emergency", 2)]
        );
        // An alias as long as another term's form: the glossary's order decides.
        let g = [term("akimat", &[]), term("city hall", &["akimat"])];
        assert_eq!(found(&g, "the akimat"), [("akimat", 0)]);
    }

    #[test]
    fn ranges_are_byte_ranges_of_the_original_text() {
        let g = [term("Мажилис", &[]), term("Elbasy", &["Leader of the Nation"])];
        let text = "Жаңаөзен: МАЖИЛИС and the leader of\u{a0}the nation, Елбасы";
        let hits = occurrences(&g, text);
        assert_eq!(hits.len(), 2);
        assert_eq!(&text[hits[0].0.clone()], "МАЖИЛИС");
        assert_eq!(&text[hits[1].0.clone()], "leader of\u{a0}the nation");
        // A character that lowers to two ("İ" → "i̇") neither breaks the offsets nor matches half.
        let g = [term("i", &[]), term("Ist", &[])];
        assert_eq!(found(&g, "İst ist"), [("ist", 1)]);
    }

    #[test]
    fn empty_glossary_text_or_forms_find_nothing() {
        assert!(occurrences(&[], "Mazhilis").is_empty());
        assert!(occurrences(&[term("Mazhilis", &[])], "").is_empty());
        assert_eq!(found(&[term("", &["  "]), term("CSTO", &[])], "the CSTO"), [("CSTO", 1)]);
    }

    #[test]
    fn terms_used_looks_at_what_a_reader_sees() {
        let t = crate::model::load::timeline_from_str(
            r#"{"format": "kz-timeline", "version": 1, "title": "T", "events": [
                {"id": "a", "start": {"date": "2022-01-05"}, "title": "The akimat burns", "summary": "S.",
                 "sources": [{"id": "s", "publisher": "P", "title": "T"}],
                 "claims": [{"by": "B", "date": "2022-01", "text": "x", "note": "about the KNB", "status": "unverified", "source": "s"}],
                 "notes": "Ask about the CSTO."}]}"#,
            "t",
            crate::model::load::bundled_regions(),
        )
        .unwrap();
        let g = [term("CSTO", &[]), term("KNB", &[]), term("akimat", &[]), term("tenge", &[])];
        assert_eq!(terms_used(&g, &t.events, false), [1, 2]);
        assert_eq!(terms_used(&g, &t.events, true), [0, 1, 2]);
        assert!(terms_used(&[], &t.events, true).is_empty());
    }
}
