//! The classroom handout as one self-contained HTML page: inline CSS, no scripts, no external
//! resources (a Content-Security-Policy forbids loading any), readable on screen and printed
//! (print stylesheet, page-break rules, serif text). Sources are numbered endnotes.
//!
//! Every text from the data goes through [`escape`]; source addresses are linked only when they
//! are http(s) (the loader already refuses anything else).

use std::fmt::Write as _;

use super::{Citations, Handout, Selection, figure_text, handout_glossary, handout_meta, one_line, paragraphs};
use crate::model::{Event, PartialDate, Source};

/// Escape text for HTML element content and quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
:root { color-scheme: light; }
body { font-family: Georgia, "Times New Roman", Times, serif; font-size: 12pt; line-height: 1.5;
       color: #111; background: #fff; max-width: 44rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.9em; line-height: 1.2; margin: 0 0 .5rem; }
h2 { font-size: 1.3em; margin: 2rem 0 .75rem; padding-bottom: .15rem; border-bottom: 1px solid #888; }
h3 { font-size: 1.05em; margin: 0 0 .1rem; }
h4 { font-size: 1em; margin: .6rem 0 .2rem; }
p { margin: .4rem 0; }
.meta { color: #444; font-style: italic; }
.event { margin: 0 0 1.4rem; }
.when { color: #444; font-size: .92em; margin: 0; }
.claims { margin: .3rem 0; padding-left: 1.3rem; }
.claims li { margin: .25rem 0; }
.status { font-variant: small-caps; font-weight: bold; }
.status-disputed { color: #8a4b00; }
.status-retracted { color: #666; text-decoration: line-through; }
.note { color: #444; }
.teacher { border-left: 3px solid #888; margin: .5rem 0; padding-left: .75rem; font-style: italic; }
sup.cite { font-size: .7em; line-height: 0; }
sup.cite a { text-decoration: none; }
.sources { font-size: .9em; padding-left: 1.8rem; }
.sources li { margin: .2rem 0; }
.sources a { word-break: break-all; }
.glossary dt { font-weight: bold; margin: .5rem 0 0; }
.glossary dd { margin: 0 0 .3rem 1.2rem; }
.aliases { color: #444; font-style: italic; }
footer { margin-top: 2.5rem; }
@page { margin: 2cm 1.8cm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 11pt; }
  a { color: inherit; text-decoration: none; }
  h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  .event, .claims li, .sources li, .glossary dd { break-inside: avoid; page-break-inside: avoid; }
  .glossary dt { break-after: avoid; page-break-after: avoid; }
  p, li { orphans: 3; widows: 3; }
}
"#;

/// Footnote marks: `<sup class="cite"><a href="#source-1">1</a>, ...</sup>`.
pub(super) fn refs(numbers: &[usize]) -> String {
    if numbers.is_empty() {
        return String::new();
    }
    let links: Vec<String> = numbers.iter().map(|n| format!("<a href=\"#source-{n}\">{n}</a>")).collect();
    format!("<sup class=\"cite\">{}</sup>", links.join(","))
}

fn is_web(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://")
}

fn source_item(out: &mut String, n: usize, s: &Source) {
    let _ = write!(out, "<li id=\"source-{n}\">{}", escape(&s.citation()));
    if let Some(u) = s.url.as_deref() {
        if is_web(u) {
            let u = escape(u);
            let _ = write!(out, ". <a href=\"{u}\">{u}</a>");
        } else {
            let _ = write!(out, ". {}", escape(u));
        }
    }
    out.push_str("</li>\n");
}

fn event<'a>(out: &mut String, sel: &Selection<'a>, e: &'a Event, cites: &mut Citations<'a>, notes: bool) {
    let numbers = cites.for_event(e);
    let _ = writeln!(out, "<article class=\"event\" id=\"event-{}\">", escape(&e.id));
    let _ = writeln!(out, "<h3>{}</h3>", escape(&one_line(&e.title)));
    let meta = handout_meta(sel.timeline, e);
    if !meta.is_empty() {
        let _ = writeln!(out, "<p class=\"when\">{}</p>", escape(&meta));
    }
    let summary = paragraphs(&e.summary);
    for (i, p) in summary.iter().enumerate() {
        let marks = if i + 1 == summary.len() { refs(&numbers) } else { String::new() };
        let _ = writeln!(out, "<p>{}{marks}</p>", escape(p));
    }
    for p in e.body.as_deref().map(paragraphs).unwrap_or_default() {
        let _ = writeln!(out, "<p>{}</p>", escape(&p));
    }
    if !e.actors.is_empty() {
        let actors: Vec<String> = e.actors.iter().map(|a| escape(a)).collect();
        let _ =
            writeln!(out, "<p class=\"actors\"><strong>People and organisations:</strong> {}</p>", actors.join("; "));
    }
    if !e.claims.is_empty() {
        out.push_str("<h4>Claims</h4>\n<ul class=\"claims\">\n");
        for c in &e.claims {
            let status = c.status.name();
            let _ = write!(
                out,
                "<li><strong>{}</strong>, {}, <span class=\"status status-{status}\">{status}</span>: {}",
                escape(&c.by),
                escape(&c.date.display()),
                escape(&one_line(&c.text))
            );
            if let Some(f) = &c.figure {
                let _ = write!(out, " (figure: {})", escape(&figure_text(f)));
            }
            out.push_str(&refs(&[numbers[c.source]]));
            if let Some(n) = &c.note {
                let _ = write!(out, " <span class=\"note\">Note: {}</span>", escape(&one_line(n)));
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
    }
    if notes && let Some(n) = &e.notes {
        out.push_str("<aside class=\"teacher\">\n");
        for (i, p) in paragraphs(n).iter().enumerate() {
            let label = if i == 0 { "<strong>Teacher's note:</strong> " } else { "" };
            let _ = writeln!(out, "<p>{label}{}</p>", escape(p));
        }
        out.push_str("</aside>\n");
    }
    out.push_str("</article>\n");
}

/// The terms the handout's events use, with their definitions, before the sources.
fn glossary<'a>(out: &mut String, sel: &Selection<'a>, cites: &mut Citations<'a>, notes: bool) {
    let terms = handout_glossary(sel, notes);
    if terms.is_empty() {
        return;
    }
    out.push_str("<section class=\"glossary\">\n<h2>Glossary</h2>\n<dl>\n");
    for (term, sources) in terms {
        let numbers: Vec<usize> = sources.into_iter().map(|s| cites.number(s)).collect();
        let _ = writeln!(out, "<dt>{}</dt>", escape(&one_line(&term.term)));
        let _ = write!(out, "<dd>{}{}", escape(&one_line(&term.definition)), refs(&numbers));
        if !term.aliases.is_empty() {
            let aliases: Vec<String> = term.aliases.iter().map(|a| escape(a)).collect();
            let _ = write!(out, " <span class=\"aliases\">Also written: {}.</span>", aliases.join("; "));
        }
        out.push_str("</dd>\n");
    }
    out.push_str("</dl>\n</section>\n");
}

/// The handout page.
pub fn handout(sel: &Selection<'_>, opts: &Handout) -> String {
    let t = sel.timeline;
    let title = escape(&one_line(&t.title));
    let mut out = String::new();
    head(&mut out, &title, STYLE);
    let _ = writeln!(out, "<header>\n<h1>{title}</h1>");
    for p in paragraphs(&super::handout_description(&t.description)) {
        let _ = writeln!(out, "<p class=\"description\">{}</p>", escape(&p));
    }
    let mut meta = vec![sel.count_text()];
    meta.extend(sel.filters_text());
    meta.push(format!("generated on {} with kz-timeline", PartialDate::day(opts.generated).display()));
    let _ = writeln!(out, "<p class=\"meta\">{}</p>\n</header>\n<main>", escape(&meta.join(" · ")));
    let mut cites = Citations::default();
    for (day, events) in sel.days() {
        let _ = writeln!(out, "<section class=\"day\">\n<h2>{}</h2>", escape(&day.heading()));
        for &ix in events {
            event(&mut out, sel, &t.events[ix], &mut cites, opts.notes);
        }
        out.push_str("</section>\n");
    }
    if sel.is_empty() {
        out.push_str("<p>No events match the filters.</p>\n");
    }
    out.push_str("</main>\n");
    glossary(&mut out, sel, &mut cites, opts.notes);
    if !cites.sources().is_empty() {
        out.push_str("<footer>\n<h2>Sources</h2>\n<ol class=\"sources\">\n");
        for (i, s) in cites.sources().iter().enumerate() {
            source_item(&mut out, i + 1, s);
        }
        out.push_str("</ol>\n</footer>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// The page's head, up to and including `<body>`: UTF-8, a Content-Security-Policy that allows
/// nothing but the inline style, `title` (escaped) and `style`.
pub(super) fn head(out: &mut String, title: &str, style: &str) {
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n",
    );
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"generator\" content=\"kz-timeline\">\n");
    let _ = writeln!(out, "<title>{title}</title>");
    let _ = writeln!(out, "<style>{style}</style>\n</head>\n<body>");
}

/// The numbered sources, as a footer with an optional note after them (nothing when there are
/// no sources). For the short handout; the full one writes the same footer without a note.
pub(super) fn sources(out: &mut String, cites: &Citations<'_>, note: Option<&str>) {
    if cites.sources().is_empty() {
        return;
    }
    out.push_str("<footer>\n<h2>Sources</h2>\n<ol class=\"sources\">\n");
    for (i, s) in cites.sources().iter().enumerate() {
        source_item(out, i + 1, s);
    }
    out.push_str("</ol>\n");
    if let Some(n) = note {
        let _ = writeln!(out, "<p class=\"meta\">{}</p>", escape(n));
    }
    out.push_str("</footer>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_the_five_special_characters() {
        assert_eq!(
            escape(r#"<script>alert("x" & 'y')</script>"#),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"
        );
        assert_eq!(escape("Жаңаөзен — ok"), "Жаңаөзен — ok");
    }

    #[test]
    fn the_handout_ends_with_a_glossary_of_the_terms_used() {
        let t = super::super::glossary_fixture();
        let sel = Selection::all(&t);
        let generated = chrono::NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
        let page = handout(&sel, &Handout { generated, notes: false });
        let g = &page[page.find("<h2>Glossary</h2>").expect("a glossary")..page.find("<h2>Sources</h2>").unwrap()];
        assert!(g.contains("<dt>KNB</dt>\n<dd>The security service &amp; &lt;its&gt; successor.<sup class=\"cite\"><a href=\"#source-1\">1</a></sup> <span class=\"aliases\">Also written: National Security Committee.</span></dd>"), "{g}");
        assert!(
            g.contains("<dt>tenge</dt>\n<dd>The currency.<sup class=\"cite\"><a href=\"#source-2\">2</a></sup></dd>"),
            "{g}"
        );
        assert!(!g.contains("CSTO") && !g.contains("Mazhilis"), "{g}");
        let with_notes = handout(&sel, &Handout { generated, notes: true });
        assert!(with_notes.contains("<dt>CSTO</dt>"));
        // No event uses a term: no glossary section.
        let none = Selection { view: crate::query::View::from_events(&t, vec![]), ..Selection::all(&t) };
        assert!(!handout(&none, &Handout { generated, notes: true }).contains("Glossary"));
    }
}
