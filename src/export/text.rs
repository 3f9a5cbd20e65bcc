//! Plain text for people at a terminal: the event list (one line per event under day headings)
//! and one event in full. Colour is optional and only ever added here, as SGR sequences around
//! whole cells; the data itself was sanitised at load, so it holds no escape sequences.

use unicode_width::UnicodeWidthStr;

use super::{Citations, Selection, figure_text, paragraphs, topics, when_full, where_text};
use crate::model::{EventIx, Timeline};

/// Text width used for wrapped paragraphs.
pub const WIDTH: usize = 80;
/// Titles longer than this are not padded (nor cut): their id simply follows them.
const TITLE_COLUMN_MAX: usize = 60;

/// Whether to colour the output (SGR sequences), decided by the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Paint(pub bool);

impl Paint {
    fn sgr(self, code: &str, s: &str) -> String {
        if self.0 && !s.is_empty() { format!("\x1b[{code}m{s}\x1b[0m") } else { s.to_string() }
    }
    pub fn bold(self, s: &str) -> String {
        self.sgr("1", s)
    }
    pub fn dim(self, s: &str) -> String {
        self.sgr("2", s)
    }
    pub fn accent(self, s: &str) -> String {
        self.sgr("36", s)
    }
    pub fn warn(self, s: &str) -> String {
        self.sgr("33", s)
    }
}

/// `s` followed by spaces up to `width` display columns.
pub fn pad(s: &str, width: usize) -> String {
    let w = s.width();
    if w >= width { s.to_string() } else { format!("{s}{}", " ".repeat(width - w)) }
}

/// Pad a painted cell: the padding is computed on the plain text and goes outside the colour.
fn pad_painted(plain: &str, painted: String, width: usize) -> String {
    let w = plain.width();
    if w >= width { painted } else { format!("{painted}{}", " ".repeat(width - w)) }
}

fn region_short(t: &Timeline, ix: EventIx) -> &str {
    t.events[ix].region.map_or("—", |r| t.region(r).short.as_str())
}

/// An event's title cell in the list: the title, and the span when it lasts several days
/// ("Journalists detained (4–6 Jan 2022)").
fn title_cell(e: &crate::model::Event) -> String {
    match e.span_text() {
        Some(span) => format!("{} ({span})", e.title),
        None => e.title.clone(),
    }
}

/// The list: a heading per day, then one aligned line per event (time, region, title with its
/// span, id). With a `width` (a terminal's) that some lines would exceed, every event takes two
/// or more lines instead: the title wrapped in its column, the id under it, so nothing wraps at
/// the terminal's edge.
pub fn list(sel: &Selection<'_>, paint: Paint, width: Option<usize>) -> String {
    let t = sel.timeline;
    let times: Vec<String> = (0..sel.view.len()).map(|pos| sel.view.list_time(t, pos)).collect();
    let titles: Vec<String> = sel.events().map(title_cell).collect();
    let time_w = times.iter().map(|s| s.width()).max().unwrap_or(0);
    let region_w = sel.view.events.iter().map(|&ix| region_short(t, ix).width()).max().unwrap_or(0);
    let title_w = titles.iter().map(|s| s.width()).filter(|&w| w <= TITLE_COLUMN_MAX).max().unwrap_or(0);
    let indent = 2 + time_w + 2 + region_w + 2;
    let longest = titles
        .iter()
        .zip(sel.events())
        .map(|(title, e)| indent + title.width().max(title_w) + 2 + e.id.width())
        .max()
        .unwrap_or(0);
    // Stacked when a line would not fit, and the title column keeps a useful width.
    let stacked = width.filter(|&w| longest > w && w >= indent + 20);
    let mut out = String::new();
    let mut pos = 0;
    for (day, events) in sel.days() {
        out.push_str(&paint.bold(&day.heading()));
        out.push('\n');
        for &ix in events {
            let e = &t.events[ix];
            let (time, title) = (&times[pos], &titles[pos]);
            pos += 1;
            let region = region_short(t, ix);
            let lead = format!(
                "  {}  {}  ",
                pad_painted(time, paint.dim(time), time_w),
                pad_painted(region, paint.accent(region), region_w)
            );
            match stacked {
                None => {
                    out.push_str(&format!("{lead}{}  {}\n", pad(title, title_w), paint.dim(&e.id)));
                }
                Some(w) => {
                    let gutter = " ".repeat(indent);
                    let lines = textwrap::wrap(title, textwrap::Options::new(w - indent).break_words(true));
                    for (k, l) in lines.iter().enumerate() {
                        out.push_str(if k == 0 { &lead } else { &gutter });
                        out.push_str(l);
                        out.push('\n');
                    }
                    // An id longer than the column is left whole (it is copied, not read).
                    out.push_str(&gutter);
                    out.push_str(&paint.dim(&e.id));
                    out.push('\n');
                }
            }
        }
    }
    out
}

fn wrap(s: &str, indent: &str) -> String {
    let opts = textwrap::Options::new(WIDTH).initial_indent(indent).subsequent_indent(indent);
    textwrap::fill(s, opts)
}

/// A labelled field: the label in a 8-column gutter, the value wrapped beside it.
fn field(out: &mut String, paint: Paint, label: &str, value: &str) {
    let gutter = " ".repeat(9);
    let opts = textwrap::Options::new(WIDTH).initial_indent(&gutter).subsequent_indent(&gutter);
    let wrapped = textwrap::fill(value, opts);
    out.push_str(&pad_painted(label, paint.bold(label), 9));
    out.push_str(wrapped.trim_start_matches(' '));
    out.push('\n');
}

/// One event in full: when, where, topics, actors, text, claims, sources, related events and,
/// with `notes`, the teacher notes.
pub fn event(t: &Timeline, ix: EventIx, paint: Paint, notes: bool) -> String {
    let e = &t.events[ix];
    let mut out = String::new();
    out.push_str(&paint.bold(&e.title));
    out.push_str("\n\n");
    field(&mut out, paint, "When", &when_full(e));
    if let Some(w) = where_text(t, e) {
        field(&mut out, paint, "Where", &w);
    }
    let topics = topics(t, e);
    if !topics.is_empty() {
        field(&mut out, paint, "Topics", &topics.join(" · "));
    }
    if !e.actors.is_empty() {
        field(&mut out, paint, "Actors", &e.actors.join("; "));
    }
    field(&mut out, paint, "Id", &e.id);
    let mut cites = Citations::default();
    let numbers = cites.for_event(e);
    for p in paragraphs(&e.summary).iter().chain(e.body.as_deref().map(paragraphs).unwrap_or_default().iter()) {
        out.push('\n');
        out.push_str(&wrap(p, ""));
        out.push('\n');
    }
    if !e.claims.is_empty() {
        out.push('\n');
        out.push_str(&paint.bold("Claims"));
        out.push('\n');
        for c in &e.claims {
            let status = c.status.name();
            let status = if status == "disputed" { paint.warn(status) } else { status.to_string() };
            out.push_str(&format!("  • {}, {} · {status}\n", c.by, c.date.display()));
            out.push_str(&wrap(&c.text, "    "));
            out.push('\n');
            if let Some(f) = &c.figure {
                out.push_str(&wrap(&format!("Figure: {}", figure_text(f)), "    "));
                out.push('\n');
            }
            if let Some(n) = &c.note {
                out.push_str(&wrap(&format!("Note: {n}"), "    "));
                out.push('\n');
            }
            out.push_str(&format!("    Source: [{}]\n", numbers[c.source]));
        }
    }
    out.push('\n');
    out.push_str(&paint.bold("Sources"));
    out.push('\n');
    for (i, s) in cites.sources().iter().enumerate() {
        let label = format!("  [{}] ", i + 1);
        let indent = " ".repeat(label.width());
        let opts = textwrap::Options::new(WIDTH).initial_indent(&label).subsequent_indent(&indent);
        out.push_str(&textwrap::fill(&s.citation(), opts));
        out.push('\n');
        if let Some(u) = &s.url {
            out.push_str(&indent);
            out.push_str(&paint.accent(u));
            out.push('\n');
        }
    }
    if !e.related.is_empty() {
        out.push('\n');
        out.push_str(&paint.bold("Related"));
        out.push('\n');
        let w = e.related.iter().map(|&r| t.events[r].id.width()).max().unwrap_or(0);
        for &r in &e.related {
            let rel = &t.events[r];
            out.push_str(&format!("  {}  {}\n", pad_painted(&rel.id, paint.dim(&rel.id), w), rel.title));
        }
    }
    if notes && let Some(n) = &e.notes {
        out.push('\n');
        out.push_str(&paint.bold("Teacher's notes"));
        out.push('\n');
        for p in paragraphs(n) {
            out.push_str(&wrap(&p, "  "));
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled() -> Timeline {
        crate::model::load::bundled_timeline().unwrap()
    }

    #[test]
    fn multi_day_events_show_their_span() {
        let t = bundled();
        let out = list(&Selection::all(&t), Paint(false), None);
        let line = out.lines().find(|l| l.contains("2022-01-04-journalists-detained")).unwrap();
        assert!(line.contains("Journalists detained and news sites blocked (4–6 Jan 2022)"), "{line}");
    }

    #[test]
    fn at_80_columns_every_line_fits_and_ids_stay_in_the_title_column() {
        let t = bundled();
        let out = list(&Selection::all(&t), Paint(false), Some(80));
        let mut ids = 0;
        for line in out.lines() {
            assert!(line.width() <= 80, "{} columns: {line}", line.width());
            if let Some(e) = t.events.iter().find(|e| line.trim() == e.id) {
                assert!(line.starts_with("     ") && line.len() - line.trim_start().len() > 10, "{line}");
                assert!(e.id.width() + 10 < 80);
                ids += 1;
            }
        }
        assert_eq!(ids, t.events.len(), "every id on its own indented line");
        // Wide enough: one line per event, as before.
        let wide = list(&Selection::all(&t), Paint(false), Some(400));
        assert_eq!(wide, list(&Selection::all(&t), Paint(false), None));
    }

    #[test]
    fn padding_counts_columns_not_bytes() {
        assert_eq!(pad("Жаңаөзен", 10), "Жаңаөзен  ");
        assert_eq!(pad("日本", 5), "日本 ");
        assert_eq!(pad("toolong", 3), "toolong");
        assert_eq!(pad_painted("ab", Paint(true).bold("ab"), 4), "\x1b[1mab\x1b[0m  ");
        assert_eq!(Paint(false).bold("ab"), "ab");
    }
}
