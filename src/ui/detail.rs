//! The detail pane: everything about the selected event, wrapped to the pane's width. Only the
//! visible lines are handed to the terminal.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

use super::text::{capped, highlighted, marked, wrap};
use super::{Theme, pane_block};
use crate::app::{Focus, Metrics, State};
use crate::model::{Event, Term, Timeline};
use crate::query::Query;
use crate::query::glossary::{occurrences, terms_used};

/// Under "Sources" for an event whose file gave none (an imported TimelineJS slide, a row of a
/// spreadsheet): said, so that a blank is never taken for a checked event.
pub const NO_SOURCE: &str = "None given in the file: check this event against a source before teaching it.";

const LABEL_W: usize = 8;
/// Widest text column: longer lines are hard to follow (full-screen reading on a wide terminal).
const MAX_TEXT_W: u16 = 100;
/// Characters of one field shown at most (a 50 MB summary would otherwise be wrapped per frame).
const MAX_FIELD: usize = 20_000;

struct Builder<'t> {
    lines: Vec<Line<'static>>,
    width: usize,
    theme: &'t Theme,
    query: Option<&'t Query>,
    /// Terms to mark where they occur (underlined: `d` explains them).
    glossary: &'t [Term],
}

impl Builder<'_> {
    /// A wrapped line as spans, with search matches highlighted and glossary terms marked.
    fn spans(&self, text: String, style: Style) -> Vec<Span<'static>> {
        let search = self.query.map(|q| q.highlights(&text)).unwrap_or_default();
        let terms: Vec<_> = occurrences(self.glossary, &text).into_iter().map(|(r, _)| r).collect();
        if terms.is_empty() {
            return highlighted(&text, &search, style, style.patch(self.theme.highlight));
        }
        marked(&text, &search, &terms, style, style.patch(self.theme.highlight), self.theme.term)
    }

    fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| !l.spans.is_empty()) {
            self.lines.push(Line::default());
        }
    }

    fn para(&mut self, text: &str, style: Style) {
        for l in wrap(&capped(text, MAX_FIELD), self.width) {
            let spans = self.spans(l, style);
            self.lines.push(Line::from(spans));
        }
    }

    /// "When    Wed 5 Jan 2022" with continuation lines indented under the value.
    fn field(&mut self, label: &str, value: &str, style: Style) {
        if self.width <= LABEL_W + 4 {
            self.para(&format!("{label}: {value}"), style);
            return;
        }
        for (i, l) in wrap(&capped(value, MAX_FIELD), self.width - LABEL_W).into_iter().enumerate() {
            let head = if i == 0 { format!("{label:<LABEL_W$}") } else { " ".repeat(LABEL_W) };
            let mut spans = vec![Span::styled(head, self.theme.label)];
            spans.extend(self.spans(l, style));
            self.lines.push(Line::from(spans));
        }
    }

    /// A paragraph with a hanging indent: `first` on the first line, `indent` spaces after.
    fn hanging(&mut self, first: &str, text: &str, indent: usize, style: Style, first_style: Style) {
        if self.width <= indent + 4 {
            self.para(&format!("{first}{text}"), style);
            return;
        }
        for (i, l) in wrap(&capped(text, MAX_FIELD), self.width - indent).into_iter().enumerate() {
            let head = if i == 0 { format!("{first:<indent$}") } else { " ".repeat(indent) };
            let mut spans = vec![Span::styled(head, first_style)];
            spans.extend(self.spans(l, style));
            self.lines.push(Line::from(spans));
        }
    }

    fn heading(&mut self, text: &str) {
        self.blank();
        self.lines.push(Line::styled(text.to_string(), self.theme.label));
    }
}

/// All lines of the detail text for `e`, wrapped to `width` columns, with matches of `query`
/// highlighted.
pub fn lines(
    t: &Timeline,
    e: &Event,
    width: usize,
    theme: &Theme,
    query: Option<&Query>,
    marked: bool,
    notes: bool,
) -> Vec<Line<'static>> {
    let mut b = Builder { lines: Vec::new(), width, theme, query, glossary: &t.glossary };
    b.para(&e.title, theme.title);
    if marked {
        b.lines.push(Line::styled("* marked", theme.mark));
    }
    b.blank();
    b.field("When", &format!("{} · {}", e.start.long(), e.start.precision_text()), Style::new());
    if let Some(end) = &e.end {
        b.field("Until", &format!("{} · {}", end.long(), end.precision_text()), Style::new());
    }
    if let Some(span) = e.span_text() {
        b.field("Span", &span, Style::new());
    }
    let mut where_ = Vec::new();
    if let Some(p) = &e.place {
        where_.push(p.name.clone());
    }
    if let Some(r) = e.region {
        let r = t.region(r);
        if !where_.contains(&r.name) {
            where_.push(r.name.clone());
        }
    }
    if !where_.is_empty() {
        b.field("Where", &where_.join(", "), Style::new());
    }
    if !e.categories.is_empty() {
        let cats: Vec<&str> = e.categories.iter().map(|c| t.category_name(c)).collect();
        b.field("Topics", &cats.join(" · "), Style::new());
    }
    if !e.actors.is_empty() {
        b.field("Actors", &e.actors.join("; "), Style::new());
    }
    b.blank();
    b.para(&e.summary, Style::new());
    if let Some(body) = &e.body {
        b.blank();
        b.para(body, Style::new());
    }
    if notes && let Some(n) = &e.notes {
        b.heading("Teacher notes (o hides them)");
        b.para(n, Style::new());
    }
    if !e.claims.is_empty() {
        b.heading("Claims (who said what, when)");
        // The statuses this event uses, and what they mean.
        let legend: Vec<String> = crate::model::ClaimStatus::ALL
            .into_iter()
            .filter(|st| e.claims.iter().any(|c| c.status == *st))
            .map(|st| format!("[{}] {}", st.name(), st.meaning()))
            .collect();
        b.para(&legend.join(" · "), theme.dim);
        for c in &e.claims {
            let status_style = match c.status {
                crate::model::ClaimStatus::Disputed | crate::model::ClaimStatus::Retracted => theme.status_disputed,
                _ => theme.status_other,
            };
            let who = format!("{}, {}", c.by, c.date.display());
            let status = format!("[{}]", c.status.name());
            if 2 + super::text::width(&who) + 1 + super::text::width(&status) <= b.width {
                b.lines.push(Line::from(vec![
                    Span::raw("• "),
                    Span::styled(who, theme.title),
                    Span::raw(" "),
                    Span::styled(status, status_style),
                ]));
            } else {
                // A long name: wrapped under the bullet, the status on the last line.
                b.hanging("• ", &format!("{who} {status}"), 2, theme.title, Style::new());
            }
            b.hanging("", &c.text, 2, Style::new(), Style::new());
            if let Some(note) = &c.note {
                b.hanging("", &format!("Note: {note}"), 2, theme.dim, Style::new());
            }
            b.hanging("", &format!("Source [{}]", c.source + 1), 2, theme.dim, Style::new());
        }
    }
    // The glossary's terms this event's texts use, explained (the words underlined above).
    let used = terms_used(&t.glossary, std::iter::once(e), notes);
    let glossary = std::mem::take(&mut b.glossary);
    if !used.is_empty() {
        b.heading("Terms (underlined above; d lists them all)");
        for i in used {
            let term = &glossary[i];
            b.hanging("", &format!("{}: {}", term.term, term.definition), 2, Style::new(), Style::new());
        }
    }
    // Sources and links are others' words: no terms are marked in them.
    b.heading(if e.sources.len() == 1 { "Source" } else { "Sources" });
    if e.sources.is_empty() {
        // Only an imported file can have such an event (ours needs a source for each).
        b.hanging("", NO_SOURCE, 0, theme.dim, Style::new());
    }
    for (i, s) in e.sources.iter().enumerate() {
        let n = format!("[{}]", i + 1);
        let indent = n.chars().count() + 1;
        b.hanging(&n, &s.citation(), indent, Style::new(), theme.label);
        if let Some(url) = &s.url {
            b.hanging("", url, indent, theme.link, Style::new());
        }
    }
    if !e.related.is_empty() {
        b.heading("Related (Enter opens, Backspace comes back)");
        for &r in &e.related {
            let other = &t.events[r];
            b.hanging(
                "→ ",
                &format!("{}: {}", other.start.day_key().heading(), other.title),
                2,
                Style::new(),
                theme.label,
            );
        }
    }
    b.lines
}

pub fn render(state: &State, theme: &Theme, frame: &mut Frame, area: Rect, m: &mut Metrics) {
    let focused = state.focus == Focus::Detail && state.overlay.is_none();
    let mut block = pane_block("Details", focused, theme);
    if let Some(pos) = state.selected {
        block = block.title(Line::styled(format!(" {} / {} ", pos + 1, state.view.len()), theme.dim).right_aligned());
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    m.detail = Some(inner);
    let Some(e) = state.selected_event() else {
        m.detail_lines = 0;
        m.detail_scroll = 0;
        return;
    };
    // One column stays free for the scrollbar; on a wide screen the text keeps a readable measure,
    // centred.
    let text_w = inner.width.saturating_sub(1).min(MAX_TEXT_W);
    let text_area = Rect { x: inner.x + (inner.width.saturating_sub(1) - text_w) / 2, width: text_w, ..inner };
    let marked = state.selected_ix().is_some_and(|ix| state.marks.is_marked(ix));
    let all =
        lines(&state.timeline, e, text_area.width as usize, theme, state.highlight_query(), marked, state.show_notes);
    let rows = inner.height as usize;
    let scroll = state.detail_scroll.min(all.len().saturating_sub(rows));
    m.detail_lines = all.len();
    m.detail_scroll = scroll;
    let visible: Vec<Line> = all.into_iter().skip(scroll).take(rows).collect();
    frame.render_widget(Paragraph::new(visible), text_area);
    if m.detail_lines > rows {
        let mut sb = ScrollbarState::new(m.detail_lines - rows).position(scroll).viewport_content_length(rows);
        frame.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight).begin_symbol(None).end_symbol(None),
            area.inner(Margin { vertical: 1, horizontal: 0 }),
            &mut sb,
        );
    }
}
