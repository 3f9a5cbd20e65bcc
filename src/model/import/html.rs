//! HTML in other formats' text fields (TimelineJS headlines, slide text, captions) as plain
//! text: paragraphs become blank lines, `<br>` a line break, list items lines with a dash, and
//! links are kept as sources (their text stays in the prose). Scripts, styles and every other
//! tag are dropped; the text is cleaned again by the loader like any other.

use html2text::render::RichAnnotation;

/// Plain text, and the links it held (address, link text), in order, each address once.
pub fn to_text(s: &str) -> (String, Vec<(String, String)>) {
    if !s.contains(['<', '&']) {
        return (s.trim().to_string(), Vec::new());
    }
    // Wide enough that html2text never wraps: our views wrap to the screen.
    let Ok(lines) = html2text::config::rich().lines_from_read(s.as_bytes(), 100_000) else {
        return (s.trim().to_string(), Vec::new());
    };
    let mut text = String::new();
    let mut links: Vec<(String, String)> = Vec::new();
    for line in &lines {
        for ts in line.tagged_strings() {
            text.push_str(&ts.s);
            for tag in &ts.tag {
                if let RichAnnotation::Link(url) = tag {
                    match links.iter_mut().find(|(u, _)| u == url) {
                        Some((_, t)) => t.push_str(&ts.s),
                        None => links.push((url.clone(), ts.s.clone())),
                    }
                }
            }
        }
        text.push('\n');
    }
    // At most one blank line between paragraphs, none at either end.
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for l in text.lines().map(str::trim_end) {
        if l.trim().is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(l);
    }
    (out, links)
}

/// One line of plain text (headlines, captions, groups): line breaks become spaces.
pub fn to_line(s: &str) -> String {
    let (t, _) = to_text(s);
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_breaks_lists_and_links() {
        let (t, links) = to_text(
            "<p>First <b>bold</b> line<br>second</p><p>See <a href=\"https://example.org/a\">the report</a>.</p>\
             <ul><li>one</li><li>two</li></ul><script>alert(1)</script>",
        );
        assert_eq!(t, "First bold line\nsecond\n\nSee the report.\n* one\n* two");
        assert_eq!(links, [("https://example.org/a".to_string(), "the report".to_string())]);
        assert_eq!(to_line("<i>A</i> &amp; B"), "A & B");
        assert_eq!(to_text("no markup").0, "no markup");
    }
}
