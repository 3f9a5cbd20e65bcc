//! Text from data files is untrusted. Everything read from a file passes through here once, at
//! load, so that nothing in a file can move the cursor, change colours, retitle the window, write
//! the clipboard, reorder text on screen or make two different values look the same. The same
//! functions clean values quoted in error messages.
//!
//! - Tabs are expanded to the next multiple of four columns.
//! - C0 controls, DEL and ESC become their visible Control Pictures (`␛`, `␀`, `␡` ...).
//! - C1 controls (U+0080..U+009F) become `�`; so do bidirectional overrides, embeddings and
//!   isolates in prose, while a name shows which one it was (`⟨RLO⟩`).
//! - Invisible characters (zero-width space, word joiner, BOM, soft hyphen, LRM/RLM, tag
//!   characters, stray joiners and variation selectors ...; see [`invisible`] for which uses are
//!   legitimate) are dropped from prose and titles, and shown as a marker in names, the values
//!   used to filter and group (`Al⟨ZWSP⟩maty`), so two different names never look the same.
//!   [`Cleaned::hidden`] lists them for `kz-timeline check`.
//! - A grapheme cluster keeps at most [`MAX_CLUSTER`] code points, so a storm of combining marks
//!   cannot pile up into one enormous cell.
//! - Emoji are kept one picture per cell pair: the emoji variation selectors (U+FE0E, U+FE0F),
//!   skin-tone modifiers, the tags of subdivision flags and zero-width joiners between emoji are
//!   dropped. Terminals measure those sequences code point by code point while layout libraries
//!   measure the whole cluster, and the disagreement shifts the rest of the row; `👩‍👩‍👧` becomes
//!   `👩👩👧`.

pub mod invisible;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use invisible::{Before, Use};
pub use invisible::{describe, marker};

/// Code points kept per grapheme cluster (a base plus marks; long emoji ZWJ sequences fit).
pub const MAX_CLUSTER: usize = 12;
const TAB_STOP: usize = 4;

/// What a field that is empty, or holds only invisible characters, shows instead.
pub const BLANK: &str = "(blank)";

/// What kind of value is being cleaned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text that may span several lines (summaries, bodies, notes).
    Text,
    /// A one-line value that is read, not matched (titles, publishers, places).
    Line,
    /// A one-line value used to filter or group (regions, topics, actors, glossary terms):
    /// invisible characters are marked, and spaces at either end trimmed.
    Name,
}

/// A cleaned value and the invisible or bidi control characters found in it (legitimate uses
/// not counted), in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cleaned {
    pub text: String,
    pub hidden: Vec<char>,
}

enum Class {
    Keep,
    Drop,
    Replace(char),
    Newline,
    Tab,
    Bidi,
    Invisible,
}

fn classify(c: char) -> Class {
    match c {
        '\t' => Class::Tab,
        '\n' | '\u{2028}' | '\u{2029}' => Class::Newline,
        '\0'..='\x1f' => Class::Replace(char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}')),
        '\x7f' => Class::Replace('\u{2421}'),
        '\u{80}'..='\u{9f}' => Class::Replace('\u{FFFD}'),
        // Bidi embeddings, overrides and isolates: the "Trojan Source" characters.
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Class::Bidi,
        c if invisible::is_skin_tone(c) => Class::Drop,
        c if invisible::is_invisible(c) => Class::Invisible,
        _ => Class::Keep,
    }
}

fn is_plain_ascii(s: &str) -> bool {
    s.bytes().all(|b| (0x20..0x7f).contains(&b))
}

/// Clean text that may span several lines (summaries, bodies, notes). `\r\n` and `\r` become `\n`.
pub fn text(s: &str) -> String {
    clean(s, Kind::Text).text
}

/// Clean a one-line value (titles, names in messages): line breaks become spaces.
pub fn line(s: &str) -> String {
    clean(s, Kind::Line).text
}

/// Like [`line`] but consumes the input and reuses it when it is already clean (the common case).
pub fn line_owned(s: String) -> String {
    clean_owned(s, Kind::Line).text
}

/// Like [`text`] but consumes the input and reuses it when it is already clean.
pub fn text_owned(s: String) -> String {
    clean_owned(s, Kind::Text).text
}

/// Clean a name (see [`Kind::Name`]).
pub fn name(s: &str) -> String {
    clean(s, Kind::Name).text
}

/// Clean `s` as a `kind` of value, reusing it when it is already clean.
pub fn clean_owned(s: String, kind: Kind) -> Cleaned {
    if is_plain_ascii(&s) && (kind != Kind::Name || s.trim().len() == s.len()) {
        return Cleaned { text: s, hidden: Vec::new() };
    }
    clean(&s, kind)
}

/// Clean `s` as a `kind` of value.
pub fn clean(s: &str, kind: Kind) -> Cleaned {
    let s = if kind == Kind::Name { s.trim() } else { s };
    if is_plain_ascii(s) {
        return Cleaned { text: s.to_string(), hidden: Vec::new() };
    }
    let s = s.replace("\r\n", "\n");
    let mut out = String::with_capacity(s.len());
    let mut hidden = Vec::new();
    let mut line_start = 0usize;
    let mut before = Before::default();
    // Only a long enough run of characters that may belong to one cluster can exceed the cap.
    // A plain letter of a common script (Latin, Cyrillic) after another one always starts a new
    // cluster, so it ends the run; anything else (marks, joiners, other scripts) extends it.
    let mut run = 0usize;
    let mut prev_simple = true;
    let mut needs_cluster_check = false;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        let c = if c == '\r' { '\n' } else { c };
        let mut keep = |c: char, out: &mut String| {
            let simple = starts_cluster(c);
            if simple && prev_simple {
                run = 0;
            } else {
                run += 1;
                needs_cluster_check |= run >= MAX_CLUSTER;
            }
            prev_simple = simple;
            out.push(c)
        };
        match classify(c) {
            Class::Keep => keep(c, &mut out),
            Class::Drop => {}
            Class::Invisible => match invisible::judge(c, &before, &chars) {
                Use::Keep => keep(c, &mut out),
                Use::Drop => {}
                Use::Hidden => {
                    hidden.push(c);
                    if kind == Kind::Name {
                        out.push_str(&marker(c));
                        prev_simple = true;
                        run = 0;
                    }
                }
            },
            Class::Bidi => {
                hidden.push(c);
                if kind == Kind::Name {
                    out.push_str(&marker(c));
                } else {
                    out.push('\u{FFFD}');
                }
            }
            Class::Replace(r) => out.push(r),
            Class::Newline if kind == Kind::Text => {
                out.push('\n');
                line_start = out.len();
            }
            Class::Newline => out.push(' '),
            Class::Tab => {
                let col = out[line_start..].width();
                let n = TAB_STOP - col % TAB_STOP;
                out.extend(std::iter::repeat_n(' ', n));
            }
        }
        before.push(c);
    }
    if needs_cluster_check && out.graphemes(true).any(|g| g.chars().nth(MAX_CLUSTER).is_some()) {
        out = out.graphemes(true).flat_map(|g| g.chars().take(MAX_CLUSTER)).collect();
    }
    if kind == Kind::Name && out.trim().len() != out.len() {
        out = out.trim().to_string();
    }
    Cleaned { text: out, hidden }
}

/// Characters that begin a new grapheme cluster when they follow one of themselves: printable
/// ASCII, and Latin-1, Latin Extended-A and Cyrillic (without its combining marks). None of them
/// extends a cluster; only a prepended character or a joiner before them could.
fn starts_cluster(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{a0}'..='\u{17f}' | '\u{400}'..='\u{482}' | '\u{48a}'..='\u{52f}')
}

/// True when `s` contains nothing that [`text`] would change (used by tests and debug checks).
pub fn is_clean(s: &str) -> bool {
    text(s) == s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_untouched() {
        assert_eq!(line("Zhanaozen, 2 January"), "Zhanaozen, 2 January");
        assert_eq!(text("Жаңаөзен\nАқтау"), "Жаңаөзен\nАқтау");
        assert_eq!(line("Ζ ü ق 日本"), "Ζ ü ق 日本");
    }

    #[test]
    fn escape_sequences_become_visible_and_inert() {
        assert_eq!(line("\x1b[2J\x1b]0;pwned\x07"), "␛[2J␛]0;pwned␇");
        assert_eq!(line("\x1b]52;c;SGVsbG8=\x1b\\"), "␛]52;c;SGVsbG8=␛\\");
        assert_eq!(line("a\u{9b}31mb"), "a\u{FFFD}31mb");
        assert_eq!(line("nul\0del\x7f"), "nul␀del␡");
    }

    #[test]
    fn bidi_overrides_are_replaced_and_invisibles_dropped() {
        assert_eq!(line("abc\u{202e}fed"), "abc\u{FFFD}fed");
        assert_eq!(line("x\u{2066}y\u{2069}"), "x\u{FFFD}y\u{FFFD}");
        assert_eq!(line("zero\u{200b}width\u{feff}"), "zerowidth");
        assert_eq!(line("tag\u{e0041}"), "tag");
        assert_eq!(line("stray\u{fe0f}"), "stray");
    }

    #[test]
    fn newlines_and_tabs() {
        assert_eq!(line("two\nlines\r\nhere"), "two lines here");
        assert_eq!(text("two\r\nlines\rhere"), "two\nlines\nhere");
        assert_eq!(text("a\tb\nab\tc\n\td"), "a   b\nab  c\n    d");
        assert_eq!(text("Ж\tx"), "Ж   x");
    }

    #[test]
    fn emoji_sequences_fall_apart_into_single_pictures() {
        assert_eq!(line("👩\u{200d}👩\u{200d}👧 family"), "👩👩👧 family");
        assert_eq!(line("❤\u{fe0f} 👍\u{1f3fd}"), "❤ 👍");
        // Joiners elsewhere (some scripts need them) stay.
        assert_eq!(line("क्\u{200d}ष"), "क्\u{200d}ष");
    }

    #[test]
    fn combining_storms_are_capped() {
        // After a prepended character, after a letter of another script, and mid-word.
        for prefix in ["\u{600}", "東", "Жа", "x"] {
            let storm = format!("{prefix}a{}", "\u{301}".repeat(40));
            let out = line(&storm);
            assert!(out.graphemes(true).all(|g| g.chars().count() <= MAX_CLUSTER), "{prefix:?}: {out:?}");
        }
        let storm = format!("a{}b", "\u{301}".repeat(500));
        let out = line(&storm);
        assert_eq!(out.chars().count(), MAX_CLUSTER + 1);
        assert!(out.ends_with('b'));
    }

    #[test]
    fn invisible_characters_are_marked_in_names_and_reported() {
        let c = clean("Al\u{200b}maty", Kind::Name);
        assert_eq!(c.text, "Al⟨ZWSP⟩maty");
        assert_eq!(c.hidden, ['\u{200b}']);
        assert_eq!(clean("Al\u{200b}maty", Kind::Line), Cleaned { text: "Almaty".into(), hidden: vec!['\u{200b}'] });
        assert_eq!(name("a\u{ad}b\u{2060}c\u{feff}d\u{200e}e\u{200f}"), "a⟨SHY⟩b⟨WJ⟩c⟨BOM⟩d⟨LRM⟩e⟨RLM⟩");
        assert_eq!(name("x\u{2061}\u{2064}\u{e0041}\u{34f}"), "x⟨U+2061⟩⟨U+2064⟩⟨U+E0041⟩⟨CGJ⟩");
        // Variation selectors outside an emoji or ideographic sequence.
        assert_eq!(name("A\u{fe00}lmaty\u{fe0f}"), "A⟨VS1⟩lmaty⟨VS16⟩");
        assert_eq!(name("B\u{e0100}"), "B⟨VS17⟩");
        // Stray joiners: between Latin letters, or after an emoji but not before another one.
        assert_eq!(name("Al\u{200c}ma\u{200d}ty"), "Al⟨ZWNJ⟩ma⟨ZWJ⟩ty");
        assert_eq!(name("👍\u{200d}x"), "👍⟨ZWJ⟩x");
        // Bidi controls in a name say which they are; in prose they are a replacement character.
        assert_eq!(name("abc\u{202e}def\u{2066}"), "abc⟨RLO⟩def⟨LRI⟩");
        assert_eq!(clean("abc\u{202e}", Kind::Text).hidden, ['\u{202e}']);
        // Hangul fillers on their own are invisible; with the jamo they complete they are not.
        assert_eq!(name("\u{3164}Almaty"), "⟨U+3164⟩Almaty");
        assert_eq!(name("\u{115f}\u{1161}"), "\u{115f}\u{1161}");
        assert_eq!(name("\u{115f}\u{1160}"), "⟨U+115F⟩⟨U+1160⟩");
        // Only invisible: the markers are all there is.
        assert_eq!(name("\u{200b}\u{200b}"), "⟨ZWSP⟩⟨ZWSP⟩");
        assert_eq!(line("\u{200b}\u{200b}"), "");
        // Names lose spaces at either end, other values keep them.
        assert_eq!(name("  Almaty \n"), "Almaty");
        assert_eq!(line(" x "), " x ");
    }

    #[test]
    fn legitimate_joiners_and_selectors_are_not_reported() {
        let quiet = |s: &str, kind: Kind| {
            let c = clean(s, kind);
            assert!(c.hidden.is_empty(), "{s:?}: {:?}", c.hidden);
            c.text
        };
        // ZWNJ in Persian words, ZWJ in an Indic conjunct: kept as they are.
        assert_eq!(quiet("می\u{200c}خواهم", Kind::Name), "می\u{200c}خواهم");
        assert_eq!(quiet("نامه\u{200c}ها", Kind::Line), "نامه\u{200c}ها");
        assert_eq!(quiet("क्\u{200d}ष", Kind::Name), "क्\u{200d}ष");
        assert_eq!(quiet("ক্\u{200c}ষ", Kind::Name), "ক্\u{200c}ষ");
        // Emoji sequences, keycaps and flags: one picture at a time, nothing marked.
        assert_eq!(quiet("👩\u{200d}👩\u{200d}👧\u{200d}👦", Kind::Name), "👩👩👧👦");
        assert_eq!(quiet("🏳\u{fe0f}\u{200d}🌈 ❤\u{fe0f} 👍\u{1f3fd}", Kind::Name), "🏳🌈 ❤ 👍");
        assert_eq!(quiet("1\u{fe0f}\u{20e3}", Kind::Name), "1\u{20e3}");
        assert_eq!(quiet("🇰🇿", Kind::Name), "🇰🇿");
        let england = "🏴\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f}";
        assert_eq!(quiet(england, Kind::Name), "🏴");
        // An ideographic variation sequence and a Mongolian free variation selector.
        assert_eq!(quiet("葛\u{e0100}", Kind::Name), "葛\u{e0100}");
        assert_eq!(quiet("ᠠ\u{180b}", Kind::Name), "ᠠ\u{180b}");
    }

    #[test]
    fn joiners_that_join_nothing_are_marked() {
        // A joiner shares the grapheme cluster of the base before it: after a virama on a Han
        // character, or after a digit or a number sign of a joining script, it joins nothing,
        // whatever letter follows (found by the load fuzz target).
        assert_eq!(name("漢\u{94d}\u{200d}क"), "漢\u{94d}⟨ZWJ⟩क");
        assert_eq!(name("x\u{94d}\u{200d}क"), "x\u{94d}⟨ZWJ⟩क");
        assert_eq!(name("٣\u{200c}ب"), "٣⟨ZWNJ⟩ب");
        assert_eq!(name("\u{600}ب\u{200c}ب"), "\u{600}ب⟨ZWNJ⟩ب");
        assert_eq!(line("漢\u{94d}\u{200d}क"), "漢\u{94d}क");
        // A Devanagari vowel sign between the letter and the joiner changes nothing.
        assert_eq!(clean("कि\u{200d}ष", Kind::Name).hidden, Vec::<char>::new());
    }

    #[test]
    fn output_is_always_clean() {
        for s in ["\x1b[31m", "\u{85}", "\u{202e}", "\t\r\n", "ok"] {
            assert!(is_clean(&text(s)), "{s:?}");
            assert!(is_clean(&line(s)), "{s:?}");
        }
    }
}
