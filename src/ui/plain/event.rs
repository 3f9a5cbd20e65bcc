//! An event's text in reading order, for the plain detail screen and the plain slides: the title,
//! when (the time with its UTC offset in words), where, topics and people, the summary and body,
//! the teacher notes when shown, the claims with what their status means, the terms, the sources
//! and the related events. Every line is words: no bullets, arrows or boxes.

use ratatui::style::Style;
use ratatui::text::Line;

use super::words;
use crate::model::{ClaimStatus, Event, Timeline};
use crate::query::glossary::terms_used;
use crate::text::{capped, wrap};
use crate::ui::Theme;

/// Characters of one field shown at most (as in the detail pane).
const MAX_FIELD: usize = 20_000;

/// Wrapped lines, built paragraph by paragraph.
pub struct Text<'t> {
    pub lines: Vec<Line<'static>>,
    width: usize,
    theme: &'t Theme,
}

impl<'t> Text<'t> {
    pub fn new(width: usize, theme: &'t Theme) -> Text<'t> {
        Text { lines: Vec::new(), width: width.max(1), theme }
    }

    pub fn theme(&self) -> &'t Theme {
        self.theme
    }

    pub fn para(&mut self, text: &str, style: Style) {
        for l in wrap(&capped(text, MAX_FIELD), self.width) {
            self.lines.push(Line::styled(l, style));
        }
    }

    /// "Label: value", wrapped; the label in the label style when it fits on the first line.
    pub fn field(&mut self, label: &str, value: &str) {
        let text = format!("{label}: {value}");
        for (i, l) in wrap(&capped(&text, MAX_FIELD), self.width).into_iter().enumerate() {
            match l.strip_prefix(label) {
                Some(rest) if i == 0 => self.lines.push(Line::from(vec![
                    ratatui::text::Span::styled(label.to_string(), self.theme.label),
                    ratatui::text::Span::raw(rest.to_string()),
                ])),
                _ => self.lines.push(Line::raw(l)),
            }
        }
    }

    pub fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| l.width() > 0) {
            self.lines.push(Line::default());
        }
    }

    pub fn heading(&mut self, text: &str) {
        self.blank();
        self.para(text, self.theme.label);
    }
}

/// "RFE/RL, “Title”, 4 January 2022": publisher, title and date, the date in words.
pub fn citation(s: &crate::model::Source) -> String {
    let mut text = format!("{}, \u{201c}{}\u{201d}", s.publisher, s.title);
    if let Some(d) = s.date {
        text.push_str(", ");
        text.push_str(&words::partial(d));
    }
    text
}

/// "Zhanaozen, Mangystau Region", if the event has a place or a region.
pub fn where_(t: &Timeline, e: &Event) -> Option<String> {
    let mut parts: Vec<String> = e.place.iter().map(|p| p.name.clone()).collect();
    if let Some(r) = e.region.map(|r| &t.region(r).name)
        && !parts.contains(r)
    {
        parts.push(r.clone());
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// The head shared by the detail screen and the slides: title, when, until, where.
pub fn head(b: &mut Text, t: &Timeline, e: &Event) {
    b.para(&e.title, b.theme.title);
    b.field("When", &words::when(&e.start));
    if let Some(end) = &e.end {
        b.field("Until", &words::when(end));
    }
    if let Some(w) = where_(t, e) {
        b.field("Where", &w);
    }
}

/// Every line of the event's text, `width` columns wide.
pub fn lines(t: &Timeline, e: &Event, width: usize, theme: &Theme, marked: bool, notes: bool) -> Vec<Line<'static>> {
    let mut b = Text::new(width, theme);
    head(&mut b, t, e);
    if marked {
        b.para("You marked this event.", theme.mark);
    }
    if !e.categories.is_empty() {
        let cats: Vec<&str> = e.categories.iter().map(|c| t.category_name(c)).collect();
        b.field("Topics", &cats.join(", "));
    }
    if !e.actors.is_empty() {
        b.field("People and organisations", &e.actors.join("; "));
    }
    b.blank();
    b.para(&e.summary, Style::new());
    if let Some(body) = &e.body {
        b.blank();
        b.para(body, Style::new());
    }
    if notes {
        b.heading("Teacher notes (o hides them)");
        b.para(e.notes.as_deref().unwrap_or("None for this event."), Style::new());
    }
    claims(&mut b, e);
    let used = terms_used(&t.glossary, std::iter::once(e), notes);
    if !used.is_empty() {
        b.heading("Terms used above (d lists every term)");
        for i in used {
            let term = &t.glossary[i];
            b.para(&format!("{}: {}", term.term, term.definition), Style::new());
        }
    }
    b.heading(if e.sources.len() == 1 { "Source" } else { "Sources" });
    if e.sources.is_empty() {
        b.para(crate::ui::detail::NO_SOURCE, Style::new());
    }
    for (i, s) in e.sources.iter().enumerate() {
        b.para(&format!("Source {}: {}.", i + 1, citation(s)), Style::new());
        if let Some(url) = &s.url {
            // On a line of its own, so that only a very long address is broken.
            b.para(&format!("Address: {url}"), theme.link);
        }
    }
    if !e.related.is_empty() {
        b.heading("Related events (Enter opens one, Backspace comes back)");
        for (i, &r) in e.related.iter().enumerate() {
            let other = &t.events[r];
            let day = words::day_heading(other.start.date, other.start.precision);
            b.para(&format!("Related {}: {day}: {}", i + 1, other.title), Style::new());
        }
    }
    b.lines
}

fn claims(b: &mut Text, e: &Event) {
    if e.claims.is_empty() {
        return;
    }
    let n = e.claims.len();
    b.heading(&if n == 1 {
        "One claim: who said what, when".to_string()
    } else {
        format!("{n} claims: who said what, when")
    });
    let meanings: Vec<String> = ClaimStatus::ALL
        .into_iter()
        .filter(|st| e.claims.iter().any(|c| c.status == *st))
        .map(|st| format!("{} means {}", st.name(), st.meaning()))
        .collect();
    b.para(&format!("Statuses: {}.", meanings.join("; ")), b.theme.dim);
    for (i, c) in e.claims.iter().enumerate() {
        b.blank();
        let by = format!("Claim {}, {}: {}, {}.", i + 1, c.status.name(), c.by, words::partial(c.date));
        b.para(&by, b.theme.title);
        b.para(&c.text, Style::new());
        if let Some(note) = &c.note {
            b.para(&format!("Note: {note}"), b.theme.dim);
        }
        b.para(&format!("From source {}.", c.source + 1), b.theme.dim);
    }
}
