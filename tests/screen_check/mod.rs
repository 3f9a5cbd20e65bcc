//! Invariants every rendered screen must hold, whatever the data file contained. Shared by
//! `tests/render_props.rs`, `tests/fuzz_regressions.rs` and the fuzz targets (`fuzz/src/lib.rs`
//! includes this file by path), so the property tests and the fuzzer check exactly the same thing.
//!
//! - No cell holds a character that a terminal would act on rather than print: C0 controls, DEL,
//!   C1 controls (ESC and CSI among them) or a bidi embedding/override/isolate, which would
//!   reorder what follows it on screen. (ratatui 0.30 drops such clusters when it lays out text,
//!   so this guards against cells written directly and against a change in ratatui; the loader's
//!   own cleaning is checked on the model, in `render_props.rs`.)
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
    forbidden_cell(buf).into_iter().chain(misaligned_row(buf)).collect()
}
