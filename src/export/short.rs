//! The one-page handout (`export --short`), as HTML and Markdown: the timeline's title, a line
//! saying how many events and which filters, then one row per event (its date or span, its title
//! and the first sentence of its summary, with a footnote mark for its first source) and those
//! sources, numbered. Meant to fit a page for a lesson's worth of events; the full handout
//! (`html`, `markdown`) has the whole text, the claims and every source.

use std::fmt::Write as _;

use super::html::{self, escape as html_escape};
use super::markdown::{self, escape as md_escape};
use super::{Citations, Handout, Selection, one_line};
use crate::model::{Event, PartialDate, Precision};

/// The longest "one line" of an event, in characters (cut at a word, with "…").
pub const LINE_MAX: usize = 160;

/// Words that end with a full stop without ending a sentence.
const ABBREVIATIONS: [&str; 12] = ["mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "no", "vs", "approx", "cf"];

/// The first sentence of `s` (on one line), at most [`LINE_MAX`] characters.
pub fn first_sentence(s: &str) -> String {
    let s = one_line(s);
    let mut end = s.len();
    for (i, _) in s.match_indices(". ") {
        let next = s[i + 2..].chars().next();
        let word = s[..i].rsplit(' ').next().unwrap_or("").to_lowercase();
        let abbreviation = ABBREVIATIONS.contains(&word.as_str()) || word.chars().count() == 1;
        if next.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '"' || c == '\u{201c}') && !abbreviation
        {
            end = i + 1;
            break;
        }
    }
    let first = &s[..end];
    if first.chars().count() <= LINE_MAX {
        return first.to_string();
    }
    let cut: String = first.chars().take(LINE_MAX).collect();
    let at_word = cut.rfind(' ').filter(|&i| i > LINE_MAX / 2).map_or(cut.as_str(), |i| &cut[..i]);
    format!("{}…", at_word.trim_end_matches([',', ';', ':', ' ']))
}

/// The event's date in the short handout: its span, or its day ("5 Jan 2022", "Aug 2022").
pub fn date(e: &Event) -> String {
    e.span_text().unwrap_or_else(|| {
        PartialDate { date: e.start.date, precision: e.start.precision.min(Precision::Day) }.display()
    })
}

/// Said under the sources: the short handout cites one source per event.
const SOURCES_NOTE: &str = "Each event's first source; the full handout lists them all.";

/// The footnote number of the event's first source (every event has at least one).
fn first_source<'a>(cites: &mut Citations<'a>, e: &'a Event) -> Vec<usize> {
    e.sources.first().map(|s| cites.number(s)).into_iter().collect()
}

/// "12 events · Region: Almaty · generated on 5 Jan 2026".
fn meta(sel: &Selection<'_>, opts: &Handout) -> String {
    let mut meta = vec![sel.count_text()];
    meta.extend(sel.filters_text());
    meta.push(format!("generated on {}", PartialDate::day(opts.generated).display()));
    meta.join(" · ")
}

const STYLE: &str = r#"
:root { color-scheme: light; }
body { font-family: Georgia, "Times New Roman", Times, serif; font-size: 10.5pt; line-height: 1.3;
       color: #111; background: #fff; max-width: 52rem; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 1.5em; line-height: 1.2; margin: 0 0 .25rem; }
h2 { font-size: 1.05em; margin: 1rem 0 .3rem; }
.meta { color: #444; font-style: italic; margin: 0 0 .6rem; }
table { border-collapse: collapse; width: 100%; }
th { text-align: left; border-bottom: 1px solid #888; padding: .15rem .4rem; }
td { vertical-align: top; padding: .15rem .4rem; border-bottom: 1px solid #ddd; }
td.date { white-space: nowrap; color: #333; }
sup.cite { font-size: .7em; line-height: 0; }
sup.cite a { text-decoration: none; }
.sources { font-size: .8em; padding-left: 1.6rem; columns: 2; column-gap: 1.5rem; }
.sources li { margin: 0 0 .1rem; break-inside: avoid; }
.sources a { word-break: break-all; }
@page { margin: 1.2cm 1.2cm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 9.5pt; }
  a { color: inherit; text-decoration: none; }
  tr { break-inside: avoid; page-break-inside: avoid; }
}
"#;

/// The one-page handout as a self-contained HTML page (the same safety rules as the full one).
pub fn html(sel: &Selection<'_>, opts: &Handout) -> String {
    let t = sel.timeline;
    let title = html_escape(&one_line(&t.title));
    let mut out = String::new();
    html::head(&mut out, &title, STYLE);
    let _ = writeln!(out, "<header>\n<h1>{title}</h1>");
    let _ = writeln!(out, "<p class=\"meta\">{}</p>\n</header>\n<main>", html_escape(&meta(sel, opts)));
    let mut cites = Citations::default();
    if sel.is_empty() {
        out.push_str("<p>No events match the filters.</p>\n");
    } else {
        out.push_str("<table>\n<thead><tr><th>Date</th><th>Event</th></tr></thead>\n<tbody>\n");
        for e in sel.events() {
            let numbers = first_source(&mut cites, e);
            let _ = writeln!(
                out,
                "<tr><td class=\"date\">{}</td><td><strong>{}</strong> {}{}</td></tr>",
                html_escape(&date(e)),
                html_escape(&one_line(&e.title)),
                html_escape(&first_sentence(&e.summary)),
                html::refs(&numbers)
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</main>\n");
    html::sources(&mut out, &cites, Some(SOURCES_NOTE));
    out.push_str("</body>\n</html>\n");
    out
}

/// The one-page handout as Markdown: a table, and the sources as footnotes.
pub fn markdown(sel: &Selection<'_>, opts: &Handout) -> String {
    let t = sel.timeline;
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", md_escape(&one_line(&t.title)));
    let _ = writeln!(out, "*{}*", md_escape(&meta(sel, opts)));
    let mut cites = Citations::default();
    if sel.is_empty() {
        out.push_str("\nNo events match the filters.\n");
    } else {
        out.push_str("\n| Date | Event |\n|---|---|\n");
        for e in sel.events() {
            let numbers = first_source(&mut cites, e);
            let _ = writeln!(
                out,
                "| {} | **{}** {}{} |",
                md_escape(&date(e)),
                md_escape(&one_line(&e.title)),
                md_escape(&first_sentence(&e.summary)),
                markdown::refs(&numbers)
            );
        }
    }
    if !cites.sources().is_empty() {
        let _ = writeln!(out, "\n## Sources\n\n*{}*", md_escape(SOURCES_NOTE));
    }
    markdown::footnotes(&mut out, &cites);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text;

    #[test]
    fn first_sentences_end_at_a_full_stop_before_a_capital() {
        assert_eq!(first_sentence("The mayor resigned. A new one came."), "The mayor resigned.");
        assert_eq!(first_sentence("Gen. Smith spoke on\n3 Jan. Then left."), "Gen. Smith spoke on 3 Jan.");
        assert_eq!(first_sentence("No full stop at all"), "No full stop at all");
        assert_eq!(first_sentence("Prices rose (e.g. gas). Then fell."), "Prices rose (e.g. gas).");
        let long = format!("{} end. Next.", "word ".repeat(60));
        let cut = first_sentence(&long);
        assert!(cut.ends_with("word…") && cut.chars().count() <= LINE_MAX + 1, "{cut}");
        assert_eq!(text::width(&first_sentence("Жаңаөзен. Next.")), 9);
    }
}
