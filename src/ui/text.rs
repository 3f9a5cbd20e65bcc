//! Text helpers for the views: the plain ones from [`crate::text`], and spans with search
//! matches highlighted.

use ratatui::style::Style;
use ratatui::text::Span;
use unicode_width::UnicodeWidthStr;

pub use crate::text::{capped, fit, truncate, width, wrap};

/// `s` cut to `max` columns (with "…") and padded, as spans: characters in `ranges` (character
/// indices, sorted) get `hl`, the rest `base`.
pub fn fit_highlighted(
    s: &str,
    max: usize,
    ranges: &[std::ops::Range<usize>],
    base: Style,
    hl: Style,
) -> Vec<Span<'static>> {
    let cut = truncate(s, max);
    let ellipsis = cut.len() != s.len();
    let body: &str = if ellipsis { &cut[..cut.len() - '…'.len_utf8()] } else { &cut };
    let mut spans = highlighted(body, ranges, base, hl);
    if ellipsis {
        spans.push(Span::styled("…", base));
    }
    let pad = max.saturating_sub(cut.width());
    if pad > 0 {
        spans.push(Span::styled(" ".repeat(pad), base));
    }
    spans
}

/// Spans of `s` with the characters in `ranges` (character indices, sorted) in `hl`.
pub fn highlighted(s: &str, ranges: &[std::ops::Range<usize>], base: Style, hl: Style) -> Vec<Span<'static>> {
    if ranges.is_empty() {
        return vec![Span::styled(s.to_string(), base)];
    }
    let mut spans = Vec::new();
    let mut cur = String::new();
    let mut cur_hl = false;
    for (i, c) in s.chars().enumerate() {
        let h = ranges.iter().any(|r| r.contains(&i));
        if h != cur_hl && !cur.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut cur), if cur_hl { hl } else { base }));
        }
        cur_hl = h;
        cur.push(c);
    }
    if !cur.is_empty() {
        spans.push(Span::styled(cur, if cur_hl { hl } else { base }));
    }
    spans
}

/// Spans of `s` with search matches (`search`, character indices) patched with `hl` and glossary
/// terms (`terms`, byte ranges of `s`) patched with `term`, both when they overlap.
pub fn marked(
    s: &str,
    search: &[std::ops::Range<usize>],
    terms: &[std::ops::Range<usize>],
    base: Style,
    hl: Style,
    term: Style,
) -> Vec<Span<'static>> {
    if terms.is_empty() {
        return highlighted(s, search, base, hl);
    }
    let mut spans = Vec::new();
    let mut cur = String::new();
    let mut cur_style = base;
    for (i, (at, c)) in s.char_indices().enumerate() {
        let mut style = base;
        if search.iter().any(|r| r.contains(&i)) {
            style = style.patch(hl);
        }
        if terms.iter().any(|r| r.contains(&at)) {
            style = style.patch(term);
        }
        if style != cur_style && !cur.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut cur), cur_style));
        }
        cur_style = style;
        cur.push(c);
    }
    if !cur.is_empty() {
        spans.push(Span::styled(cur, cur_style));
    }
    spans
}

#[cfg(test)]
#[allow(clippy::single_range_in_vec_init)] // one highlighted range, as a list of ranges
mod tests {
    use super::*;

    #[test]
    fn highlights_survive_cutting() {
        let hl = Style::new().add_modifier(ratatui::style::Modifier::BOLD);
        let spans = fit_highlighted("Protest in Zhanaozen", 13, &[11..20], Style::new(), hl);
        let text: Vec<(&str, bool)> = spans.iter().map(|s| (s.content.as_ref(), s.style == hl)).collect();
        assert_eq!(text, [("Protest in ", false), ("Z", true), ("…", false)]);
        let spans = fit_highlighted("ab", 4, &[0..1], Style::new(), hl);
        assert_eq!(spans.iter().map(|s| s.content.as_ref()).collect::<String>(), "ab  ");
    }

    #[test]
    fn glossary_terms_and_search_matches_are_marked_together() {
        let hl = Style::new().add_modifier(ratatui::style::Modifier::BOLD);
        let term = Style::new().add_modifier(ratatui::style::Modifier::UNDERLINED);
        // "The KNB chief": KNB is a term (bytes 4..7), "chief" a search match (chars 8..13).
        let spans = marked("The KNB chief", &[8..13], &[4..7], Style::new(), hl, term);
        let runs: Vec<(&str, Style)> = spans.iter().map(|s| (s.content.as_ref(), s.style)).collect();
        assert_eq!(runs, [("The ", Style::new()), ("KNB", term), (" ", Style::new()), ("chief", hl)]);
        // Byte ranges after a multi-byte character still land on the term.
        let spans = marked("Ә KNB", &[], &[3..6], Style::new(), hl, term);
        assert_eq!(spans.last().map(|s| (s.content.as_ref(), s.style)), Some(("KNB", term)));
    }
}
