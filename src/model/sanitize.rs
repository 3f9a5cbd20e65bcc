//! Text from data files is untrusted. Everything read from a file passes through here once, at
//! load, so that nothing in a file can move the cursor, change colours, retitle the window, write
//! the clipboard or reorder text on screen. The same functions clean values quoted in error messages.
//!
//! - Tabs are expanded to the next multiple of four columns.
//! - C0 controls, DEL and ESC become their visible Control Pictures (`␛`, `␀`, `␡` ...).
//! - C1 controls (U+0080..U+009F) and bidirectional overrides/isolates become `�`.
//! - Invisible format characters (zero-width space, word joiner, BOM, soft hyphen, LRM/RLM,
//!   tag characters ...) are dropped. ZWJ/ZWNJ stay: emoji and several scripts need them.
//! - A grapheme cluster keeps at most [`MAX_CLUSTER`] code points, so a storm of combining marks
//!   cannot pile up into one enormous cell.
//! - Emoji are kept one picture per cell pair: the emoji variation selector (U+FE0F), skin-tone
//!   modifiers and zero-width joiners between emoji are dropped. Terminals measure those
//!   sequences code point by code point while layout libraries measure the whole cluster, and
//!   the disagreement shifts the rest of the row; `👩‍👩‍👧` becomes `👩👩👧`.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Code points kept per grapheme cluster (a base plus marks; long emoji ZWJ sequences fit).
pub const MAX_CLUSTER: usize = 12;
const TAB_STOP: usize = 4;

enum Class {
    Keep,
    Drop,
    Replace(char),
    Newline,
    Tab,
}

/// Emoji-like code points (the ranges where ZWJ sequences are built).
fn is_emoji(c: char) -> bool {
    matches!(c, '\u{1F000}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}' | '\u{2B00}'..='\u{2BFF}')
}

fn classify(c: char) -> Class {
    match c {
        // Emoji presentation selector and skin-tone modifiers (see the module docs).
        '\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}' => Class::Drop,
        '\t' => Class::Tab,
        '\n' | '\u{2028}' | '\u{2029}' => Class::Newline,
        '\0'..='\x1f' => Class::Replace(char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}')),
        '\x7f' => Class::Replace('\u{2421}'),
        '\u{80}'..='\u{9f}' => Class::Replace('\u{FFFD}'),
        // Bidi embeddings, overrides and isolates: the "Trojan Source" characters.
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Class::Replace('\u{FFFD}'),
        // Invisible format characters.
        '\u{ad}'
        | '\u{61c}'
        | '\u{180e}'
        | '\u{200b}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{2060}'..='\u{2064}'
        | '\u{206a}'..='\u{206f}'
        | '\u{feff}'
        | '\u{fff9}'..='\u{fffb}'
        | '\u{e0000}'..='\u{e007f}' => Class::Drop,
        _ => Class::Keep,
    }
}

fn is_plain_ascii(s: &str) -> bool {
    s.bytes().all(|b| (0x20..0x7f).contains(&b))
}

/// Clean text that may span several lines (summaries, bodies, notes). `\r\n` and `\r` become `\n`.
pub fn text(s: &str) -> String {
    clean(s, true)
}

/// Clean a one-line value (titles, names): line breaks become spaces.
pub fn line(s: &str) -> String {
    clean(s, false)
}

/// Like [`line`] but consumes the input and reuses it when it is already clean (the common case).
pub fn line_owned(s: String) -> String {
    if is_plain_ascii(&s) { s } else { clean(&s, false) }
}

/// Like [`text`] but consumes the input and reuses it when it is already clean.
pub fn text_owned(s: String) -> String {
    if is_plain_ascii(&s) { s } else { clean(&s, true) }
}

fn clean(s: &str, multiline: bool) -> String {
    if is_plain_ascii(s) {
        return s.to_string();
    }
    let s = s.replace("\r\n", "\n");
    let mut out = String::with_capacity(s.len());
    let mut line_start = 0usize;
    // Only a long enough run of characters that may belong to one cluster can exceed the cap.
    // A plain letter of a common script (Latin, Cyrillic) after another one always starts a new
    // cluster, so it ends the run; anything else (marks, joiners, other scripts) extends it.
    let mut run = 0usize;
    let mut prev_simple = true;
    let mut needs_cluster_check = false;
    for c in s.chars() {
        let c = if c == '\r' { '\n' } else { c };
        if c == '\u{200D}' && out.chars().next_back().is_some_and(is_emoji) {
            // A joiner after an emoji: drop it, so the pictures stand on their own.
            continue;
        }
        match classify(c) {
            Class::Keep => {
                let simple = starts_cluster(c);
                if simple && prev_simple {
                    run = 0;
                } else {
                    run += 1;
                    needs_cluster_check |= run >= MAX_CLUSTER;
                }
                prev_simple = simple;
                out.push(c)
            }
            Class::Drop => {}
            Class::Replace(r) => out.push(r),
            Class::Newline if multiline => {
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
    }
    if needs_cluster_check && out.graphemes(true).any(|g| g.chars().nth(MAX_CLUSTER).is_some()) {
        out = out.graphemes(true).flat_map(|g| g.chars().take(MAX_CLUSTER)).collect();
    }
    out
}

/// Characters that begin a new grapheme cluster when they follow one of themselves: printable
/// ASCII, and Latin-1, Latin Extended-A and Cyrillic (without its combining marks). None of them
/// extends a cluster; only a prepended character or a joiner before them could.
fn starts_cluster(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{a0}'..='\u{17f}' | '\u{400}'..='\u{482}' | '\u{48a}'..='\u{52f}')
}

/// True when `s` contains nothing that [`text`] would change (used by tests and debug checks).
pub fn is_clean(s: &str) -> bool {
    s.chars()
        .all(|c| matches!(classify(c), Class::Keep | Class::Newline) && c != '\r' && c != '\u{2028}' && c != '\u{2029}')
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
    fn output_is_always_clean() {
        for s in ["\x1b[31m", "\u{85}", "\u{202e}", "\t\r\n", "ok"] {
            assert!(is_clean(&text(s)), "{s:?}");
            assert!(is_clean(&line(s)), "{s:?}");
        }
    }
}
