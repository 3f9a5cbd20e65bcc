//! Width-correct text helpers: cut and wrap on grapheme boundaries, measured in terminal columns.
//! Shared by the views and by anything else that lays out text (the quiz, exports).

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

pub fn width(s: &str) -> usize {
    s.width()
}

/// Cut `s` to at most `max` columns, ending with "…" when something was cut. Reads only as far
/// as it needs to, so a huge string costs no more than a short one.
pub fn truncate(s: &str, max: usize) -> Cow<'_, str> {
    let mut used = 0;
    // Byte offset where the text is cut to leave room for "…".
    let mut cut_at = None;
    for (i, g) in s.grapheme_indices(true) {
        let w = g.width();
        if cut_at.is_none() && used + w > max.saturating_sub(1) {
            cut_at = Some(i);
        }
        used += w;
        if used > max {
            let end = cut_at.unwrap_or(i);
            return if max == 0 { Cow::Borrowed("") } else { Cow::Owned(format!("{}…", &s[..end])) };
        }
    }
    Cow::Borrowed(s)
}

/// Cut `s` to at most `max` columns from the start, beginning with "…" when something was cut:
/// for paths, whose end (the file name) matters most.
pub fn truncate_start(s: &str, max: usize) -> Cow<'_, str> {
    if s.width() <= max {
        return Cow::Borrowed(s);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let mut used = 1;
    let mut start = s.len();
    for (i, g) in s.grapheme_indices(true).rev() {
        used += g.width();
        if used > max {
            break;
        }
        start = i;
    }
    Cow::Owned(format!("…{}", &s[start..]))
}

/// Cut `s` to at most `max` columns in the middle, with "…" where something was cut, so its start
/// and its end stay (an id after a name, in a narrow popup).
pub fn truncate_middle(s: &str, max: usize) -> Cow<'_, str> {
    if s.width() <= max {
        return Cow::Borrowed(s);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let tail_room = (max - 1) / 2;
    let head = truncate(s, max - tail_room);
    let head = head.strip_suffix('…').unwrap_or(&head);
    let tail = truncate_start(s, tail_room + 1);
    let tail = tail.strip_prefix('…').unwrap_or(&tail);
    Cow::Owned(format!("{head}…{tail}"))
}

/// At most `max` characters of `s` then "…" when something was cut: for values quoted in
/// messages, where characters (not columns) are what a reader counts.
pub fn clip(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        None => s.to_string(),
        Some((i, _)) => format!("{}…", &s[..i]),
    }
}

/// At most `max` characters, with "…" in the middle when cut, so both ends stay (a long JSON path
/// keeps its start and the key where the problem is).
pub fn clip_middle(s: &str, max: usize) -> String {
    let n = s.chars().count();
    if n <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let head = max / 2;
    let tail = max - head - 1;
    let mut out: String = s.chars().take(head).collect();
    out.push('…');
    out.extend(s.chars().skip(n - tail));
    out
}

/// At most `max` characters of `s`, saying how much was left out: keeps the detail pane quick
/// on absurdly long fields.
pub fn capped(s: &str, max: usize) -> Cow<'_, str> {
    match s.char_indices().nth(max) {
        None => Cow::Borrowed(s),
        Some((i, _)) => Cow::Owned(format!("{} … [{} more characters not shown]", &s[..i], s[i..].chars().count())),
    }
}

/// `s` cut to `max` columns and padded with spaces to exactly `max` columns.
pub fn fit(s: &str, max: usize) -> String {
    let t = truncate(s, max);
    let pad = max.saturating_sub(t.width());
    format!("{t}{}", " ".repeat(pad))
}

/// Wrap `s` into lines of at most `max` columns. Blank lines in `s` are kept; words longer than
/// a line are broken.
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    if max == 0 {
        return Vec::new();
    }
    let opts = textwrap::Options::new(max).break_words(true).word_splitter(textwrap::WordSplitter::NoHyphenation);
    let mut out = Vec::new();
    for para in s.split('\n') {
        if para.trim().is_empty() {
            out.push(String::new());
            continue;
        }
        for line in textwrap::wrap(para, &opts) {
            // textwrap measures with unicode-width too; cut defensively so no line can overflow.
            out.push(truncate(line.trim_end(), max).into_owned());
        }
    }
    out
}

/// Digits grouped by three with commas: "1,000", "13,800,000,000" (`model::when` and the
/// benches' reports use it).
pub fn group_digits(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clip_counts_characters_and_clip_middle_keeps_both_ends() {
        assert_eq!(clip("abcdef", 6), "abcdef");
        assert_eq!(clip("abcdef", 3), "abc…");
        assert_eq!(clip("Жаңаөзен", 4), "Жаңа…");
        assert_eq!(clip_middle("abcdefghij", 5), "ab…ij");
        assert_eq!(clip_middle("abc", 0), "");
        assert_eq!(clip_middle("abc", 3), "abc");
    }

    #[test]
    fn truncate_middle_keeps_both_ends() {
        assert_eq!(truncate_middle("Almaty (almaty)", 20), "Almaty (almaty)");
        assert_eq!(truncate_middle("Almaty Region (almaty-region)", 15), "Almaty …region)");
        assert_eq!(truncate_middle("東京東京東京", 8), "東京…京");
        assert_eq!(truncate_middle("東京東京東京", 7), "東…京");
        assert_eq!(truncate_middle("abc", 0), "");
        for max in 1..30 {
            assert!(truncate_middle("Almaty 東京 Region (almaty-region)", max).width() <= max, "{max}");
        }
    }

    #[test]
    fn truncate_start_keeps_the_end() {
        assert_eq!(truncate_start("/tmp/dir/big.json", 40), "/tmp/dir/big.json");
        assert_eq!(truncate_start("/tmp/dir/big.json", 10), "…/big.json");
        assert_eq!(truncate_start("/tmp/東京/big.json", 12), "…京/big.json");
        assert_eq!(truncate_start("/tmp/東京/big.json", 11), "…/big.json");
        assert_eq!(truncate_start("/東京/x", 5), "…京/x");
        assert_eq!(truncate_start("abc", 0), "");
        for max in 1..20 {
            assert!(truncate_start("/tmp/東京/big.json", max).width() <= max);
        }
    }

    #[test]
    fn truncates_by_columns_not_bytes() {
        assert_eq!(truncate("Zhanaozen", 20), "Zhanaozen");
        assert_eq!(truncate("Zhanaozen", 5), "Zhan…");
        assert_eq!(truncate("Жаңаөзен", 4), "Жаң…");
        assert_eq!(truncate("日本語のテキスト", 5), "日本…");
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(fit("日本語", 5), "日本…");
        assert_eq!(fit("ab", 4), "ab  ");
    }

    #[test]
    fn truncating_a_huge_string_reads_only_its_start() {
        let huge = "x".repeat(10_000_000);
        assert_eq!(truncate(&huge, 5), "xxxx…");
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("abcd", 3), "ab…");
        assert_eq!(capped("abcdef", 3), "abc … [3 more characters not shown]");
        assert_eq!(capped("abc", 3), "abc");
    }

    #[test]
    fn wraps_within_width_and_keeps_paragraphs() {
        let lines = wrap("one two three four\n\nfive", 9);
        assert_eq!(lines, ["one two", "three", "four", "", "five"]);
        let long = "x".repeat(25);
        assert!(wrap(&long, 10).iter().all(|l| width(l) <= 10));
        assert!(wrap("日本語のテキストです", 5).iter().all(|l| width(l) <= 5));
    }
}
