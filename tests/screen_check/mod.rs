//! Invariants every rendered screen must hold, whatever the data file contained. Shared by
//! `tests/render_props.rs`, `tests/fuzz_regressions.rs` and the fuzz targets (`fuzz/src/lib.rs`
//! includes this file by path), so the property tests and the fuzzer check exactly the same thing.
//!
//! - No cell holds a character that a terminal would act on rather than print: C0 controls, DEL,
//!   C1 controls (ESC and CSI among them) or a bidi embedding/override/isolate, which would
//!   reorder what follows it on screen. (ratatui 0.30 drops such clusters when it lays out text,
//!   so this guards against cells written directly and against a change in ratatui; the loader's
//!   own cleaning is checked on the model, in `render_props.rs`.)
//! - No cell holds an invisible character (a default-ignorable code point, as UTS #39's data in
//!   `unicode-security` knows them: zero-width space, joiners, soft hyphen, word joiner, BOM,
//!   variation selectors, tags, Hangul fillers ...) except where it does a visible job: a joiner
//!   in a cluster of a script that joins letters (Arabic, Indic ...), a variation selector after a
//!   Han ideograph or a Mongolian letter, a Hangul filler completing a syllable. Anything else must
//!   have been dropped or shown as a marker (`⟨ZWSP⟩`) by the loader. This is checked
//!   independently of the loader's own rules, from a different table.
//! - Every row is exactly as wide as the buffer once drawn, measured as ratatui measures
//!   (unicode-width): wider means a glyph spills past the right edge (the terminal wraps or clips
//!   it and the next rows shift), narrower means a zero-width cell, after which ratatui (which
//!   only moves the cursor when cells are not contiguous) prints the rest of the row one column
//!   too far left.
#![allow(dead_code)]

use ratatui::buffer::{Buffer, Cell, CellWidth};

/// A character that must never reach the terminal from a data file.
pub fn is_forbidden(c: char) -> bool {
    // `is_control` is exactly general category Cc: C0 (incl. NUL, ESC), DEL and C1 (incl. CSI U+9B).
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Whether `c` is a default-ignorable code point: the confusable skeleton drops exactly those.
pub fn is_default_ignorable(c: char) -> bool {
    let mut buf = [0u8; 4];
    unicode_security::skeleton(c.encode_utf8(&mut buf)).next().is_none()
}

/// The first invisible character in the grapheme cluster `cluster` that does no visible job
/// there (see the module documentation).
pub fn hidden_in_cluster(cluster: &str) -> Option<char> {
    use unicode_script::{Script, UnicodeScript};
    let base = cluster.chars().next()?;
    let joins = base.is_alphabetic()
        && !matches!(
            base.script(),
            Script::Latin
                | Script::Greek
                | Script::Cyrillic
                | Script::Armenian
                | Script::Hebrew
                | Script::Han
                | Script::Hiragana
                | Script::Katakana
                | Script::Hangul
                | Script::Common
                | Script::Inherited
                | Script::Unknown
        );
    let jamo = cluster.chars().any(|c| c.script() == Script::Hangul && !matches!(c, '\u{115f}' | '\u{1160}'));
    cluster.chars().find(|&c| {
        is_default_ignorable(c)
            && !match c {
                '\u{200c}' | '\u{200d}' => joins,
                '\u{fe00}'..='\u{fe0f}' | '\u{e0100}'..='\u{e01ef}' => base.script() == Script::Han,
                '\u{180b}'..='\u{180f}' => base.script() == Script::Mongolian,
                '\u{115f}' | '\u{1160}' => jamo,
                _ => false,
            }
    })
}

/// The first invisible character in `s` that does no visible job where it stands.
pub fn hidden_in(s: &str) -> Option<char> {
    use unicode_segmentation::UnicodeSegmentation;
    s.graphemes(true).find_map(hidden_in_cluster)
}

/// The first cell holding an invisible character that does no visible job there, described.
pub fn hidden_cell(buf: &Buffer) -> Option<String> {
    rows(buf).find_map(|(y, row)| {
        row.iter().enumerate().find_map(|(i, cell)| {
            let sym = cell.symbol();
            let c = hidden_in_cluster(sym)?;
            let x = buf.area.left() + i as u16;
            Some(format!("cell ({x}, {y}) holds the invisible U+{:04X} (symbol {sym:?})", c as u32))
        })
    })
}

/// The buffer's rows, as slices of cells (iterating the content directly is much faster than
/// indexing cell by cell, which matters in a debug build checking thousands of frames).
fn rows(buf: &Buffer) -> impl Iterator<Item = (u16, &[Cell])> {
    let width = usize::from(buf.area.width.max(1));
    (buf.area.top()..).zip(buf.content().chunks(width))
}

/// The first cell holding a forbidden character, described for a failure message.
pub fn forbidden_cell(buf: &Buffer) -> Option<String> {
    rows(buf).find_map(|(y, row)| {
        row.iter().enumerate().find_map(|(i, cell)| {
            let sym = cell.symbol();
            let c = sym.chars().find(|&c| is_forbidden(c))?;
            let x = buf.area.left() + i as u16;
            Some(format!("cell ({x}, {y}) holds U+{:04X} (symbol {sym:?})", c as u32))
        })
    })
}

/// The columns a cell's symbol takes: unicode-width's answer, except that half-width sound marks
/// (U+FF9E, U+FF9F) take one, as in terminals (ratatui's `CellWidth` knows this).
fn cell_width(cell: &Cell) -> usize {
    let sym = cell.symbol();
    if sym.chars().any(is_forbidden) {
        // Reported by `forbidden_cell`; ratatui's width asserts that it never sees controls.
        return 1;
    }
    usize::from(sym.cell_width())
}

/// How many terminal columns a row takes when drawn: each cell adds its symbol's width, and a
/// wide glyph hides the cells it covers (ratatui never draws them).
pub fn drawn_width(row: &[Cell]) -> usize {
    let mut columns = 0;
    let mut covered = 0;
    for cell in row {
        if covered > 0 {
            covered -= 1;
            continue;
        }
        let w = cell_width(cell);
        columns += w;
        covered = w.saturating_sub(1);
    }
    columns
}

/// The first row whose drawn width differs from the buffer's width, described.
pub fn misaligned_row(buf: &Buffer) -> Option<String> {
    let want = usize::from(buf.area.width);
    rows(buf).find_map(|(y, row)| {
        let got = drawn_width(row);
        (got != want).then(|| {
            let text: String = row.iter().map(Cell::symbol).collect();
            format!("row {y} is {got} columns wide when drawn, not {want}: {text:?}")
        })
    })
}

/// Every violation on this screen (empty when it is fine).
pub fn violations(buf: &Buffer) -> Vec<String> {
    forbidden_cell(buf).into_iter().chain(hidden_cell(buf)).chain(misaligned_row(buf)).collect()
}
