//! Invisible characters: which they are, whether one is doing a legitimate job where it stands,
//! and the visible marker that stands for it in a name.
//!
//! An invisible character is a format character (general category Cf, from `unicode-properties`),
//! a variation selector, or one of the few other default-ignorable code points (the combining
//! grapheme joiner, Hangul fillers, Khmer inherent vowels, unassigned ignorables). The prepended
//! concatenation marks (Arabic number signs ...) and Egyptian hieroglyph format controls are Cf
//! too but are drawn, so they are ordinary text here. Bidi controls are handled by the caller.
//!
//! Legitimate uses, which are not reported:
//! - a joiner inside an emoji sequence (`👩‍👩‍👧`), a variation selector after an emoji character
//!   (`❤️`, keycaps) and the tag characters of a subdivision flag after 🏴: dropped, because
//!   emoji are shown one picture at a time (see the parent module);
//! - a ZWNJ or ZWJ between two letters of a script that uses them (Persian `می‌خواهم`, Indic
//!   conjuncts `क्‍ष`): kept;
//! - a variation selector after a Han ideograph (ideographic variation sequences) or a Mongolian
//!   free variation selector after a Mongolian letter: kept;
//! - a Hangul filler in a syllable with a jamo that shows: kept.

use std::borrow::Cow;
use std::str::Chars;

use unicode_properties::{GeneralCategory, GeneralCategoryGroup, UnicodeEmoji, UnicodeGeneralCategory};
use unicode_script::{Script, ScriptExtension, UnicodeScript};

/// What to do with an invisible character where it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Use {
    /// Doing its job in text that needs it: keep it.
    Keep,
    /// Part of an emoji sequence that is shown picture by picture: drop it, silently.
    Drop,
    /// Nothing legitimate: it could only hide a difference. Dropped from prose, marked in names,
    /// reported by `check`.
    Hidden,
}

/// Whether `c` is an invisible character (see the module documentation); bidi controls are not
/// included (the caller replaces them).
pub(super) fn is_invisible(c: char) -> bool {
    match c {
        // Printable ASCII and most letters: the common case, decided without a table.
        ' '..='~' | '\u{a0}'..='\u{ac}' | '\u{ae}'..='\u{33f}' | '\u{400}'..='\u{52f}' => false,
        // Variation selectors (Mongolian, standard, supplementary), the combining grapheme
        // joiner, Hangul fillers, Khmer inherent vowels and the unassigned default-ignorables.
        '\u{180b}'..='\u{180d}'
        | '\u{180f}'
        | '\u{fe00}'..='\u{fe0f}'
        | '\u{e0100}'..='\u{e01ef}'
        | '\u{34f}'
        | '\u{115f}'
        | '\u{1160}'
        | '\u{3164}'
        | '\u{ffa0}'
        | '\u{17b4}'
        | '\u{17b5}'
        | '\u{2065}'
        | '\u{fff0}'..='\u{fff8}'
        | '\u{e0000}'..='\u{e0fff}' => true,
        // Prepended concatenation marks and Egyptian format controls are drawn.
        '\u{13430}'..='\u{1345f}' => false,
        c if is_prepended(c) => false,
        _ => c.general_category() == GeneralCategory::Format,
    }
}

/// Emoji modifiers (skin tones): part of an emoji sequence, dropped with it.
pub(super) fn is_skin_tone(c: char) -> bool {
    matches!(c, '\u{1f3fb}'..='\u{1f3ff}')
}

/// What stands between an emoji and a joiner or selector after it without ending the sequence.
fn attaches_to_emoji(c: char) -> bool {
    matches!(c, '\u{fe0e}' | '\u{fe0f}' | '\u{20e3}' | '\u{200d}' | '\u{e0020}'..='\u{e007f}') || is_skin_tone(c)
}

/// An emoji character that begins or continues a sequence. ASCII digits, `#` and `*` are emoji
/// characters only as keycap bases (followed by a selector), not for joiners.
fn is_emoji(c: char) -> bool {
    !c.is_ascii() && c.is_emoji_char()
}

/// Scripts whose spelling uses ZWNJ and ZWJ between letters (The Unicode Standard, 23.2):
/// the cursive scripts of the Arabic family and Mongolian, and the Brahmic scripts.
const JOINING_SCRIPTS: &[Script] = &[
    Script::Arabic,
    Script::Syriac,
    Script::Nko,
    Script::Mandaic,
    Script::Manichaean,
    Script::Psalter_Pahlavi,
    Script::Adlam,
    Script::Hanifi_Rohingya,
    Script::Sogdian,
    Script::Mongolian,
    Script::Devanagari,
    Script::Bengali,
    Script::Gurmukhi,
    Script::Gujarati,
    Script::Oriya,
    Script::Tamil,
    Script::Telugu,
    Script::Kannada,
    Script::Malayalam,
    Script::Sinhala,
    Script::Tibetan,
    Script::Myanmar,
    Script::Khmer,
    Script::Balinese,
    Script::Javanese,
    Script::Kaithi,
    Script::Sharada,
    Script::Takri,
    Script::Tirhuta,
];

/// The scripts `c` belongs to, when it belongs to particular ones (not punctuation, digits,
/// spaces or marks, which belong to any).
fn scripts(c: char) -> Option<ScriptExtension> {
    let ext = c.script_extension();
    let any = ext == ScriptExtension::from(Script::Common) || ext == ScriptExtension::from(Script::Inherited);
    (!any && !ext.is_empty()).then_some(ext)
}

/// Whether `a` and `b` are letters of one script that joins with ZWNJ/ZWJ. (Digits and signs
/// of those scripts are not letters: a joiner after them joins nothing.)
fn same_joining_script(a: Option<char>, b: Option<char>) -> bool {
    let letter = |c: Option<char>| c.filter(|c| c.is_alphabetic()).and_then(scripts);
    let (Some(a), Some(b)) = (letter(a), letter(b)) else { return false };
    JOINING_SCRIPTS.iter().any(|&s| a.contains_script(s) && b.contains_script(s))
}

fn is_script(c: Option<char>, script: Script) -> bool {
    c.is_some_and(|c| c.script() == script)
}

/// A conjoining jamo other than the fillers: a part of a syllable that shows.
fn is_visible_jamo(c: Option<char>) -> bool {
    c.is_some_and(|c| {
        matches!(c, '\u{1100}'..='\u{11ff}' | '\u{a960}'..='\u{a97f}' | '\u{d7b0}'..='\u{d7ff}') && !is_hangul_filler(c)
    })
}

fn is_hangul_filler(c: char) -> bool {
    matches!(c, '\u{115f}' | '\u{1160}')
}

/// What came before the current character, as far as judging an invisible one needs.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Before {
    /// The last character that is not a mark (general category M, of any script: a virama is
    /// a Devanagari mark) or a joiner: the base a joiner after them belongs to. A joiner is kept
    /// only when that base is a letter of a joining script, since the joiner shares its
    /// grapheme cluster (a ZWJ after a virama on a Han character joins nothing).
    letter: Option<char>,
    /// The last character that does not attach to an emoji (selectors, modifiers, tags, joiners).
    base: Option<char>,
    /// The character just before.
    prev: Option<char>,
}

impl Before {
    /// Move past `c`.
    pub(super) fn push(&mut self, c: char) {
        // After a prepended character (an Arabic number sign ...), the next one is in its cluster.
        let in_cluster = self.prev.is_some_and(is_prepended);
        if c.is_ascii() || !(in_cluster || is_mark(c) || matches!(c, '\u{200c}' | '\u{200d}')) {
            self.letter = Some(c);
        }
        if !attaches_to_emoji(c) {
            self.base = Some(c);
        }
        self.prev = Some(c);
    }
}

/// Characters that begin a grapheme cluster with the character after them (Grapheme_Cluster_Break
/// = Prepend, Unicode 16).
fn is_prepended(c: char) -> bool {
    matches!(
        c,
        '\u{600}'..='\u{605}'
            | '\u{6dd}'
            | '\u{70f}'
            | '\u{890}'
            | '\u{891}'
            | '\u{8e2}'
            | '\u{d4e}'
            | '\u{110bd}'
            | '\u{110cd}'
            | '\u{111c2}'
            | '\u{111c3}'
            | '\u{1193f}'
            | '\u{11941}'
            | '\u{11a3a}'
            | '\u{11a84}'..='\u{11a89}'
            | '\u{11d46}'
            | '\u{11f02}'
    )
}

/// Combining marks of every script (Mn, Mc, Me).
fn is_mark(c: char) -> bool {
    c.general_category_group() == GeneralCategoryGroup::Mark
}

/// How to treat the invisible character `c`, after `before` and followed by `rest`.
pub(super) fn judge(c: char, before: &Before, rest: &Chars<'_>) -> Use {
    let next = || rest.clone().next();
    let next_letter = || rest.clone().find(|&n| !is_mark(n));
    match c {
        '\u{200d}' if before.base.is_some_and(is_emoji) && next().is_some_and(is_emoji) => Use::Drop,
        '\u{200c}' | '\u{200d}' if same_joining_script(before.letter, next_letter()) => Use::Keep,
        '\u{fe0e}' | '\u{fe0f}' if before.prev.is_some_and(|p| p.is_emoji_char()) => Use::Drop,
        '\u{fe00}'..='\u{fe0f}' | '\u{e0100}'..='\u{e01ef}' if is_script(before.prev, Script::Han) => Use::Keep,
        '\u{180b}'..='\u{180d}' | '\u{180f}' if is_script(before.letter, Script::Mongolian) => Use::Keep,
        '\u{e0020}'..='\u{e007f}' if before.base == Some('\u{1f3f4}') => Use::Drop,
        // A filler completes a syllable only when a visible jamo is next to it (past other fillers).
        '\u{115f}' | '\u{1160}'
            if is_visible_jamo(before.prev) || is_visible_jamo(rest.clone().find(|&n| !is_hangul_filler(n))) =>
        {
            Use::Keep
        }
        _ => Use::Hidden,
    }
}

/// The visible marker that stands for an invisible or bidi control character in a name:
/// `⟨ZWSP⟩`, `⟨RLO⟩`, or `⟨U+2061⟩` for the rarer ones.
pub fn marker(c: char) -> Cow<'static, str> {
    let name = match c {
        '\u{ad}' => "SHY",
        '\u{34f}' => "CGJ",
        '\u{61c}' => "ALM",
        '\u{180e}' => "MVS",
        '\u{200b}' => "ZWSP",
        '\u{200c}' => "ZWNJ",
        '\u{200d}' => "ZWJ",
        '\u{200e}' => "LRM",
        '\u{200f}' => "RLM",
        '\u{202a}' => "LRE",
        '\u{202b}' => "RLE",
        '\u{202c}' => "PDF",
        '\u{202d}' => "LRO",
        '\u{202e}' => "RLO",
        '\u{2060}' => "WJ",
        '\u{2066}' => "LRI",
        '\u{2067}' => "RLI",
        '\u{2068}' => "FSI",
        '\u{2069}' => "PDI",
        '\u{feff}' => "BOM",
        '\u{fe00}'..='\u{fe0f}' => return Cow::Owned(format!("⟨VS{}⟩", c as u32 - 0xfe00 + 1)),
        '\u{e0100}'..='\u{e01ef}' => return Cow::Owned(format!("⟨VS{}⟩", c as u32 - 0xe0100 + 17)),
        _ => return Cow::Owned(format!("⟨U+{:04X}⟩", c as u32)),
    };
    Cow::Owned(format!("⟨{name}⟩"))
}

/// A character's code point and, for the common ones, what it is: `U+200B (zero width space)`.
pub fn describe(c: char) -> String {
    let what = match c {
        '\u{ad}' => "soft hyphen",
        '\u{200b}' => "zero width space",
        '\u{200c}' => "zero width non-joiner",
        '\u{200d}' => "zero width joiner",
        '\u{200e}' => "left-to-right mark",
        '\u{200f}' => "right-to-left mark",
        '\u{2060}' => "word joiner",
        '\u{feff}' => "byte order mark",
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => "bidirectional control",
        '\u{fe00}'..='\u{fe0f}' | '\u{e0100}'..='\u{e01ef}' | '\u{180b}'..='\u{180d}' | '\u{180f}' => {
            "variation selector"
        }
        '\u{e0000}'..='\u{e007f}' => "tag character",
        _ => return format!("U+{:04X}", c as u32),
    };
    format!("U+{:04X} ({what})", c as u32)
}
