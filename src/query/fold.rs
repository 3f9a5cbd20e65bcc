//! Folding text to a spelling-independent "skeleton" so that searches ignore case, diacritics,
//! script and the usual transliteration differences: `Tokayev`, `Toqaev`, `Тоқаев` and `Токаев`
//! all fold to `tokaev`; `Zhanaozen`, `Janaozen` and `Жаңаөзен` to `janaozen`.
//!
//! Steps, per character: Unicode decomposition with combining marks dropped (é → e), Cyrillic
//! (Russian and Kazakh letters) to Latin, lower case. Then on the Latin result: zh/dzh → j,
//! kh → h, gh → g, q → k, w → v, y → i except between vowels where it is dropped (tokayev →
//! tokaev), and doubled letters are collapsed (Kassym → kasim). Everything that is not a letter or
//! digit becomes a single space.
//!
//! [`fold_mapped`] also returns, for each output byte, the index of the input character it came
//! from, so matches in the folded text can be highlighted in the original.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Latin transliteration of one Cyrillic letter (lower case), or `None` if not Cyrillic.
fn cyrillic(c: char) -> Option<&'static str> {
    Some(match c {
        'а' | 'ә' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ғ' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' | 'і' | 'й' => "i",
        'к' | 'қ' => "k",
        'л' => "l",
        'м' => "m",
        'н' | 'ң' => "n",
        'о' | 'ө' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' | 'ұ' | 'ү' => "u",
        'ф' => "f",
        'х' | 'һ' => "h",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "sch",
        'ъ' | 'ь' => "",
        'ы' => "y",
        'ю' => "yu",
        'я' => "ya",
        _ => return None,
    })
}

fn is_vowel(b: u8) -> bool {
    VOWEL[b as usize]
}

/// Where stage one writes: (byte, source char index) pairs, or bytes alone for [`fold_into`].
trait Sink {
    fn put(&mut self, b: u8, ci: u32);
    fn last_byte(&self) -> Option<u8>;
}

impl Sink for Vec<(u8, u32)> {
    #[inline]
    fn put(&mut self, b: u8, ci: u32) {
        self.push((b, ci));
    }
    #[inline]
    fn last_byte(&self) -> Option<u8> {
        self.last().map(|p| p.0)
    }
}

impl Sink for Vec<u8> {
    #[inline]
    fn put(&mut self, b: u8, _: u32) {
        self.push(b);
    }
    #[inline]
    fn last_byte(&self) -> Option<u8> {
        self.last().copied()
    }
}

/// Stage one: (lower-case Latin-ish byte, source char index) pairs; separators become b' '.
fn letters(s: &str) -> Vec<(u8, u32)> {
    let mut out: Vec<(u8, u32)> = Vec::with_capacity(s.len());
    letters_into(s, &mut out);
    out
}

/// ASCII letters and digits in lower case; 0 for everything else (a separator).
const ASCII_FOLD: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        let c = i as u8;
        if c.is_ascii_alphanumeric() {
            t[i] = c.to_ascii_lowercase();
        }
        i += 1;
    }
    t
};

fn letters_into<S: Sink>(s: &str, out: &mut S) {
    for (ci, c) in s.chars().enumerate() {
        let ci = ci as u32;
        let push_sep = |out: &mut S| {
            if out.last_byte().is_some_and(|b| b != b' ') {
                out.put(b' ', ci);
            }
        };
        if c.is_ascii() {
            match ASCII_FOLD[c as usize] {
                0 => push_sep(out),
                l => out.put(l, ci),
            }
            continue;
        }
        // Most Cyrillic text is lower case: no need to look the letter up in the case tables.
        if let Some(latin) = cyrillic(c) {
            latin.bytes().for_each(|b| out.put(b, ci));
            continue;
        }
        for lc in c.to_lowercase() {
            if let Some(latin) = cyrillic(lc) {
                latin.bytes().for_each(|b| out.put(b, ci));
                continue;
            }
            let mut any = false;
            for d in lc.nfd().filter(|d| !is_combining_mark(*d)) {
                if d.is_ascii_alphanumeric() {
                    out.put(d.to_ascii_lowercase() as u8, ci);
                    any = true;
                } else if d.is_alphanumeric() {
                    // Other scripts (CJK, Arabic ...) are kept as they are, byte by byte.
                    let mut buf = [0u8; 4];
                    d.encode_utf8(&mut buf).bytes().for_each(|b| out.put(b, ci));
                    any = true;
                } else if let Some(latin) = special_latin(d) {
                    latin.bytes().for_each(|b| out.put(b, ci));
                    any = true;
                }
            }
            if !any {
                push_sep(out);
            }
        }
    }
}

/// Latin letters that do not decompose: ø, ł, ß, đ, ı ...
fn special_latin(c: char) -> Option<&'static str> {
    Some(match c {
        'ø' => "o",
        'ł' => "l",
        'ß' => "ss",
        'đ' | 'ð' => "d",
        'ı' => "i",
        'æ' => "ae",
        'œ' => "oe",
        'þ' => "th",
        _ => return None,
    })
}

/// Stage two: phonetic normalisation on the Latin bytes.
fn normalise(v: Vec<(u8, u32)>) -> Vec<(u8, u32)> {
    let mut out: Vec<(u8, u32)> = Vec::with_capacity(v.len());
    let mut i = 0;
    while i < v.len() {
        let (b, ci) = v[i];
        let next = v.get(i + 1).map(|p| p.0);
        let (emit, skip) = match (b, next) {
            (b'd', Some(b'z')) if v.get(i + 2).map(|p| p.0) == Some(b'h') => (Some(b'j'), 3),
            (b'z', Some(b'h')) => (Some(b'j'), 2),
            (b'k', Some(b'h')) => (Some(b'h'), 2),
            (b'g', Some(b'h')) => (Some(b'g'), 2),
            (b'q', _) => (Some(b'k'), 1),
            (b'w', _) => (Some(b'v'), 1),
            (b'y', _) => {
                let prev_vowel = out.last().is_some_and(|&(p, _)| is_vowel(p));
                let next_vowel = next.is_some_and(is_vowel);
                if prev_vowel && next_vowel { (None, 1) } else { (Some(b'i'), 1) }
            }
            _ => (Some(b), 1),
        };
        if let Some(e) = emit {
            // Collapse doubled letters (not digits, not spaces).
            let doubled = e.is_ascii_alphabetic() && out.last().is_some_and(|&(p, _)| p == e);
            if !doubled {
                out.push((e, ci));
            }
        }
        i += skip;
    }
    while out.last().is_some_and(|&(b, _)| b == b' ') {
        out.pop();
    }
    out
}

/// The folded form of `s`.
pub fn fold(s: &str) -> String {
    let mut out = Vec::with_capacity(s.len());
    fold_into(s, &mut out, &mut Vec::new());
    // Non-ASCII bytes were copied whole from valid characters, so this is valid UTF-8.
    String::from_utf8(out).unwrap_or_default()
}

/// Append the folded form of `s` (exactly [`fold`]'s) to `out`, without the per-character map
/// and without allocating once `scratch` has grown: the search index is built with this.
pub fn fold_into(s: &str, out: &mut Vec<u8>, scratch: &mut Vec<u8>) {
    if s.is_ascii() {
        fold_ascii_into(s.as_bytes(), out);
    } else {
        scratch.clear();
        letters_into(s, scratch);
        normalise_bytes(scratch, out);
    }
}

/// One step of [`fold_ascii_into`] per ASCII byte: its folded byte with the one-letter rules
/// applied (separators b' ', q → k, w → v, y → i), and whether it is a `y` (dropped between
/// vowels).
const ASCII_STEP: [(u8, bool); 128] = {
    let mut t = [(b' ', false); 128];
    let mut i = 0;
    while i < 128 {
        t[i] = match ASCII_FOLD[i] {
            0 => (b' ', false),
            b'q' => (b'k', false),
            b'w' => (b'v', false),
            b'y' => (b'i', true),
            l => (l, false),
        };
        i += 1;
    }
    t
};

/// What an ASCII letter followed by `h` becomes (zh → j, kh → h, gh → g); 0 when it is not
/// one of those digraphs.
const H_DIGRAPH: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        t[i] = match ASCII_FOLD[i] {
            b'z' => b'j',
            b'k' => b'h',
            b'g' => b'g',
            _ => 0,
        };
        i += 1;
    }
    t
};

/// The vowels the phonetic rules look at (after folding: `y` is not one).
const VOWEL: [bool; 256] = {
    let mut t = [false; 256];
    t[b'a' as usize] = true;
    t[b'e' as usize] = true;
    t[b'i' as usize] = true;
    t[b'o' as usize] = true;
    t[b'u' as usize] = true;
    t
};

/// [`fold_into`] for ASCII text in one pass: stage one (the table) and stage two (the phonetic
/// rules, looking ahead in the table's output) at once. This is most of the work of indexing a
/// big file, so the loop is written for the processor: it moves on one byte at a time whatever
/// the byte (the bytes after a digraph's first letter are skipped by a countdown, not by jumping
/// ahead, so the next position never waits for this byte to be looked up), every byte is
/// written, and the write position only moves on when the byte is kept (not a second space, a
/// doubled letter, a `y` between vowels or the rest of a digraph). What the last kept byte was
/// and whether it is a vowel are carried in registers.
fn fold_ascii_into(s: &[u8], out: &mut Vec<u8>) {
    let base = out.len();
    // Folding ASCII never makes it longer.
    out.resize(base + s.len(), 0);
    let buf = &mut out[base..];
    let at = |j: usize| s.get(j).map_or(0, |&b| ASCII_FOLD[b as usize & 127]);
    // The last byte kept; a space at first, so that no leading space is kept.
    let mut prev = b' ';
    let mut prev_vowel = false;
    // Bytes still to skip: the rest of a digraph already written.
    let mut skip = 0u8;
    let mut w = 0usize;
    for (i, &byte) in s.iter().enumerate() {
        let c = byte as usize & 127;
        let (mut e, is_y) = ASCII_STEP[c];
        let next = at(i + 1);
        let mut rest = 0u8;
        if next == b'h' {
            let h = H_DIGRAPH[c];
            if h != 0 {
                (e, rest) = (h, 1);
            }
        } else if next == b'z' && ASCII_FOLD[c] == b'd' && at(i + 2) == b'h' {
            (e, rest) = (b'j', 2);
        }
        let skipped = skip > 0;
        skip = if skipped { skip - 1 } else { rest };
        let drop = skipped | (is_y & prev_vowel & VOWEL[next as usize]);
        buf[w] = e;
        // Runs of separators are one space; doubled letters collapse, digits do not.
        w += usize::from(!drop & (e != prev || e.is_ascii_digit()));
        prev = if drop { prev } else { e };
        prev_vowel = if drop { prev_vowel } else { VOWEL[e as usize] };
    }
    if w > 0 && buf[w - 1] == b' ' {
        w -= 1;
    }
    out.truncate(base + w);
}

/// [`normalise`] on bytes alone, appending to `out` (whose earlier content is not looked at);
/// leading and trailing spaces are left out, as [`fold_mapped`] does. A test keeps the two equal.
fn normalise_bytes(v: &[u8], out: &mut Vec<u8>) {
    let base = out.len();
    let last = |out: &Vec<u8>| if out.len() > base { Some(out[out.len() - 1]) } else { None };
    let mut i = 0;
    while i < v.len() {
        let b = v[i];
        let next = v.get(i + 1).copied();
        let (emit, skip) = match (b, next) {
            (b'd', Some(b'z')) if v.get(i + 2) == Some(&b'h') => (b'j', 3),
            (b'z', Some(b'h')) => (b'j', 2),
            (b'k', Some(b'h')) => (b'h', 2),
            (b'g', Some(b'h')) => (b'g', 2),
            (b'q', _) => (b'k', 1),
            (b'w', _) => (b'v', 1),
            (b'y', _) => {
                let prev_vowel = last(out).is_some_and(is_vowel);
                let next_vowel = next.is_some_and(is_vowel);
                if prev_vowel && next_vowel {
                    i += 1;
                    continue;
                }
                (b'i', 1)
            }
            _ => (b, 1),
        };
        let prev = last(out);
        // Collapse doubled letters (not digits, not spaces); no leading space.
        if !(e_doubled(emit, prev) || (emit == b' ' && prev.is_none())) {
            out.push(emit);
        }
        i += skip;
    }
    while out.len() > base && out[out.len() - 1] == b' ' {
        out.pop();
    }
}

#[inline]
fn e_doubled(e: u8, prev: Option<u8>) -> bool {
    e.is_ascii_alphabetic() && prev == Some(e)
}

/// The folded form of `s`, and for each byte of it the index of the source character.
pub fn fold_mapped(s: &str) -> (String, Vec<u32>) {
    let v = normalise(letters(s));
    let start = v.iter().position(|&(b, _)| b != b' ').unwrap_or(v.len());
    let bytes: Vec<u8> = v[start..].iter().map(|p| p.0).collect();
    let map = v[start..].iter().map(|p| p.1).collect();
    // Non-ASCII bytes were copied whole from valid characters, so this is valid UTF-8.
    (String::from_utf8(bytes).unwrap_or_default(), map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_the_same_name_fold_together() {
        for group in [
            &["Tokayev", "Toqaev", "Тоқаев", "Токаев", "TOKAYEV", "Tokaev"][..],
            &["Zhanaozen", "Janaozen", "Жаңаөзен", "Жанаозен", "Zhanaözen"],
            &["Nazarbayev", "Nazarbaev", "Назарбаев"],
            &["Mangystau", "Manghystau", "Mangistau", "Маңғыстау"],
            &["Kyzylorda", "Qyzylorda", "Қызылорда"],
            &["Kassym-Jomart", "Kasym Zhomart", "Қасым-Жомарт"],
        ] {
            let folded: Vec<String> = group.iter().map(|s| fold(s)).collect();
            assert!(folded.iter().all(|f| *f == folded[0]), "{group:?} → {folded:?}");
        }
    }

    #[test]
    fn punctuation_and_spacing_collapse() {
        assert_eq!(fold("  Alma-Ata,  (1991) "), "alma ata 1991");
        assert_eq!(fold("Café — crème"), "cafe creme");
        assert_eq!(fold("ОДКБ"), "odkb");
    }

    #[test]
    fn other_scripts_are_kept() {
        assert_eq!(fold("東京 Tokyo"), "東京 tokio");
    }

    #[test]
    fn map_points_back_to_source_characters() {
        let (f, map) = fold_mapped("Ж-ш");
        assert_eq!(f, "j sh");
        assert_eq!(map, vec![0, 1, 2, 2]);
        let (f, map) = fold_mapped("Tokayev");
        assert_eq!(f, "tokaev");
        assert_eq!(map, vec![0, 1, 2, 3, 5, 6]);
    }

    #[test]
    fn fold_into_equals_the_mapped_fold() {
        let samples = [
            "",
            " ",
            "  a  ",
            "Tokayev",
            "toqaev",
            "Жаңаөзен",
            "Zhanaözen  --  Dzhambul",
            "kassym yy ayo",
            "東京 Tokyo",
            "ß ø ł æ œ þ",
            "Ǆ ǅ ǆ İstanbul",
            "ъь ъ",
            "  ,,Kh gh-zh  ",
            "a\u{301}\u{301}b",
            "ay ya yay",
            "100 000 people",
            "ОДКБ и КНБ",
            "e\u{0301}té",
            "x\ny\tz",
            "Ⅻ ½ ² ①",
        ];
        let mut scratch = Vec::new();
        for s in samples {
            let mut out = b"prefix\n".to_vec();
            fold_into(s, &mut out, &mut scratch);
            assert_eq!(&out[7..], fold_mapped(s).0.as_bytes(), "{s:?}");
        }
        let t = crate::model::load::bundled_timeline().unwrap();
        for e in &t.events {
            for s in [&e.title, &e.summary] {
                let mut out = Vec::new();
                fold_into(s, &mut out, &mut scratch);
                assert_eq!(out, fold_mapped(s).0.as_bytes(), "{s:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn fold_into_equals_the_mapped_fold_on_any_text(s in "\\PC{0,40}", t in "[a-zA-Z yzhkgqw\\-]{0,40}") {
            for s in [&s, &t] {
                let mut out = Vec::new();
                fold_into(s, &mut out, &mut Vec::new());
                proptest::prop_assert_eq!(out, fold_mapped(s).0.into_bytes());
            }
        }
    }
}
