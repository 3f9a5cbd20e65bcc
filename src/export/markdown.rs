//! Markdown (CommonMark with footnotes, as GitHub, Pandoc and most editors read it): the event
//! list, one event, and the classroom handout. Sources become numbered footnotes.
//!
//! Every text from the data is escaped with [`escape`], so nothing in a file can make a link, an
//! image, raw HTML, code, emphasis, a table or a heading; the only links are the sources'
//! addresses, written by us as `<https://...>` autolinks.

use std::fmt::Write as _;

use super::{
    Citations, Handout, Selection, figure_text, handout_glossary, handout_meta, one_line, paragraphs, topics,
    when_full, where_text,
};
use crate::model::{Event, EventIx, Timeline};

/// Backslash-escape every character that Markdown (CommonMark or GitHub's extensions) could
/// read as markup inside a line of text.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' | '$' | '!') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// [`escape`] for text that starts a line, where `-`, `+`, `=` or "1." would begin a list item,
/// a heading underline or a numbered list.
pub fn escape_block(s: &str) -> String {
    let e = escape(s);
    let digits = e.chars().take_while(char::is_ascii_digit).count();
    let after_digits = e[digits..].chars().next();
    if e.starts_with(['-', '+', '=']) {
        format!("\\{e}")
    } else if digits > 0 && matches!(after_digits, Some('.' | ')')) {
        format!("{}\\{}", &e[..digits], &e[digits..])
    } else {
        e
    }
}

/// An address for an autolink: `<` and `>` (the only characters that can end one; addresses have
/// no spaces) percent-encoded.
fn autolink(url: &str) -> String {
    format!("<{}>", url.replace('<', "%3C").replace('>', "%3E"))
}

/// Footnote references: `[^1][^2]`.
pub(super) fn refs(numbers: &[usize]) -> String {
    numbers.iter().map(|n| format!("[^{n}]")).collect()
}

/// The footnote definitions, one per source.
pub(super) fn footnotes(out: &mut String, cites: &Citations<'_>) {
    if cites.sources().is_empty() {
        return;
    }
    out.push('\n');
    for (i, s) in cites.sources().iter().enumerate() {
        let _ = write!(out, "[^{}]: {}", i + 1, escape(&s.citation()));
        if let Some(u) = &s.url {
            let _ = write!(out, ", {}", autolink(u));
        }
        out.push('\n');
    }
}

/// Title, description and a line saying how many events and which filters.
fn header(out: &mut String, sel: &Selection<'_>, extra: Option<String>) {
    let t = sel.timeline;
    let _ = writeln!(out, "# {}\n", escape(&one_line(&t.title)));
    for p in paragraphs(&super::handout_description(&t.description)) {
        let _ = writeln!(out, "{}\n", escape_block(&p));
    }
    let mut meta = vec![sel.count_text()];
    meta.extend(sel.filters_text());
    meta.extend(extra);
    let _ = writeln!(out, "*{}*", escape(&meta.join(" · ")));
}

/// The event list: a heading per day, one list item per event, sources as footnotes.
pub fn list(sel: &Selection<'_>) -> String {
    let t = sel.timeline;
    let mut out = String::new();
    header(&mut out, sel, None);
    let mut cites = Citations::default();
    let mut pos = 0;
    for (day, events) in sel.days() {
        let _ = writeln!(out, "\n## {}\n", escape(&day.heading()));
        for &ix in events {
            let e = &t.events[ix];
            let region = e.region.map_or("—", |r| t.region(r).short.as_str());
            let time = sel.view.list_time(t, pos);
            pos += 1;
            let _ = writeln!(
                out,
                "- {} · {} · **{}** (`{}`){}",
                escape(&time),
                escape(region),
                escape(&one_line(&e.title)),
                e.id,
                refs(&cites.for_event(e))
            );
        }
    }
    footnotes(&mut out, &cites);
    out
}

/// Summary and body with footnote references, actors, claims and (optionally) teacher notes.
fn event_body<'a>(out: &mut String, e: &'a Event, cites: &mut Citations<'a>, notes: bool, level: &str) {
    let numbers = cites.for_event(e);
    let summary = paragraphs(&e.summary);
    for (i, p) in summary.iter().enumerate() {
        let marks = if i + 1 == summary.len() { refs(&numbers) } else { String::new() };
        let _ = writeln!(out, "\n{}{marks}", escape_block(p));
    }
    for p in e.body.as_deref().map(paragraphs).unwrap_or_default() {
        let _ = writeln!(out, "\n{}", escape_block(&p));
    }
    if !e.actors.is_empty() {
        let actors: Vec<String> = e.actors.iter().map(|a| escape(a)).collect();
        let _ = writeln!(out, "\n**People and organisations:** {}", actors.join("; "));
    }
    if !e.claims.is_empty() {
        let _ = writeln!(out, "\n{level} Claims\n");
        for c in &e.claims {
            let _ = write!(
                out,
                "- **{}**, {}, *{}*: {}",
                escape(&c.by),
                escape(&c.date.display()),
                c.status.name(),
                escape(&one_line(&c.text))
            );
            if let Some(f) = &c.figure {
                let _ = write!(out, " (figure: {})", escape(&figure_text(f)));
            }
            let _ = write!(out, "[^{}]", numbers[c.source]);
            if let Some(n) = &c.note {
                let _ = write!(out, " *Note:* {}", escape(&one_line(n)));
            }
            out.push('\n');
        }
    }
    if notes && let Some(n) = &e.notes {
        for (i, p) in paragraphs(n).iter().enumerate() {
            let label = if i == 0 { "**Teacher's note:** " } else { "" };
            let _ = writeln!(out, "\n> {label}{}", escape(p));
        }
    }
}

/// One event in full.
pub fn event(t: &Timeline, ix: EventIx, notes: bool) -> String {
    let e = &t.events[ix];
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(&one_line(&e.title)));
    let _ = writeln!(out, "- **When:** {}", escape(&when_full(e)));
    if let Some(w) = where_text(t, e) {
        let _ = writeln!(out, "- **Where:** {}", escape(&w));
    }
    let topics = topics(t, e);
    if !topics.is_empty() {
        let _ = writeln!(out, "- **Topics:** {}", escape(&topics.join(" · ")));
    }
    let _ = writeln!(out, "- **Id:** `{}`", e.id);
    let mut cites = Citations::default();
    event_body(&mut out, e, &mut cites, notes, "##");
    if !e.related.is_empty() {
        let _ = writeln!(out, "\n## Related\n");
        for &r in &e.related {
            let rel = &t.events[r];
            let _ = writeln!(out, "- {} (`{}`)", escape(&one_line(&rel.title)), rel.id);
        }
    }
    footnotes(&mut out, &cites);
    out
}

/// The classroom handout: title, description, the chronology by day with each event's text,
/// actors and claims, a glossary of the terms those events use, and every source as a footnote.
pub fn handout(sel: &Selection<'_>, opts: &Handout) -> String {
    let t = sel.timeline;
    let mut out = String::new();
    let generated =
        format!("generated on {} with kz-timeline", crate::model::PartialDate::day(opts.generated).display());
    header(&mut out, sel, Some(generated));
    let mut cites = Citations::default();
    for (day, events) in sel.days() {
        let _ = writeln!(out, "\n## {}", escape(&day.heading()));
        for &ix in events {
            let e = &t.events[ix];
            let _ = writeln!(out, "\n### {}", escape(&one_line(&e.title)));
            let meta = handout_meta(t, e);
            if !meta.is_empty() {
                let _ = writeln!(out, "\n*{}*", escape(&meta));
            }
            event_body(&mut out, e, &mut cites, opts.notes, "####");
        }
    }
    if sel.is_empty() {
        out.push_str("\nNo events match the filters.\n");
    }
    let terms = handout_glossary(sel, opts.notes);
    if !terms.is_empty() {
        out.push_str("\n## Glossary\n\n");
        for (term, sources) in terms {
            let numbers: Vec<usize> = sources.into_iter().map(|s| cites.number(s)).collect();
            let _ = write!(
                out,
                "- **{}**: {}{}",
                escape(&one_line(&term.term)),
                escape(&one_line(&term.definition)),
                refs(&numbers)
            );
            if !term.aliases.is_empty() {
                let aliases: Vec<String> = term.aliases.iter().map(|a| escape(a)).collect();
                let _ = write!(out, " *Also written: {}.*", aliases.join("; "));
            }
            out.push('\n');
        }
    }
    if !cites.sources().is_empty() {
        out.push_str("\n## Sources\n");
    }
    footnotes(&mut out, &cites);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_data_is_escaped() {
        assert_eq!(escape("[click](javascript:x) <b>&amp;</b>"), r"\[click\](javascript:x) \<b\>\&amp;\</b\>");
        assert_eq!(escape("*a* _b_ `c` ~d~ | $x$ ![i]"), r"\*a\* \_b\_ \`c\` \~d\~ \| \$x\$ \!\[i\]");
        assert_eq!(escape(r"back\slash"), r"back\\slash");
        assert_eq!(escape("Plain text, 2,000 (about) - ok."), "Plain text, 2,000 (about) - ok.");
    }

    #[test]
    fn line_starts_that_would_make_blocks_are_escaped() {
        assert_eq!(escape_block("- not a list"), r"\- not a list");
        assert_eq!(escape_block("+ no"), r"\+ no");
        assert_eq!(escape_block("==="), r"\===");
        assert_eq!(escape_block("1984. A year"), r"1984\. A year");
        assert_eq!(escape_block("2) two"), r"2\) two");
        assert_eq!(escape_block("# no heading"), r"\# no heading");
        assert_eq!(escape_block("> no quote"), r"\> no quote");
        assert_eq!(escape_block("2022 was a year"), "2022 was a year");
    }

    #[test]
    fn autolinks_cannot_be_closed_early() {
        assert_eq!(autolink("https://x.example/a>b<c"), "<https://x.example/a%3Eb%3Cc>");
    }

    #[test]
    fn the_handout_lists_the_terms_used_before_the_sources() {
        let t = super::super::glossary_fixture();
        let sel = Selection::all(&t);
        let generated = chrono::NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
        let md = handout(&sel, &Handout { generated, notes: false });
        let at = md.find("\n## Glossary\n\n").expect("a glossary");
        assert!(at < md.find("\n## Sources\n").unwrap());
        assert!(md.contains("- **KNB**: The security service \\& \\<its\\> successor.[^1] *Also written: National Security Committee.*\n"), "{md}");
        assert!(md.contains("- **tenge**: The currency.[^2]\n"), "{md}");
        assert!(!md.contains("**CSTO**") && !md.contains("Mazhilis"));
        assert!(
            handout(&sel, &Handout { generated, notes: true }).contains("- **CSTO**: A military alliance.[^2][^1]")
        );
    }
}
