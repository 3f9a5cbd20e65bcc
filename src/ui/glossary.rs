//! The glossary overlay: what has been typed, then the terms the selected event uses and every
//! other term, each with its other forms and its definition, wrapped.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::text::{width, wrap};
use super::{Theme, pane_block, popup_area};
use crate::app::glossary::{GlossaryView, matches};
use crate::app::{Metrics, State};
use crate::query::glossary::terms_used;

/// The lines of the glossary at `w` columns.
pub fn lines(state: &State, g: &GlossaryView, theme: &Theme, w: usize) -> Vec<Line<'static>> {
    let t = &state.timeline;
    let used = state.selected_event().map(|e| terms_used(&t.glossary, std::iter::once(e), state.show_notes));
    let used = used.unwrap_or_default();
    let shown: Vec<usize> = (0..t.glossary.len()).filter(|&i| matches(&t.glossary[i], &g.query)).collect();
    let mut out = Vec::new();
    if shown.is_empty() {
        out.push(Line::styled(format!("No term matches \"{}\" (Esc clears it).", g.query), theme.dim));
        return out;
    }
    let here: Vec<usize> = shown.iter().copied().filter(|i| used.contains(i)).collect();
    let rest: Vec<usize> = shown.iter().copied().filter(|i| !used.contains(i)).collect();
    let section = |title: String, items: &[usize], out: &mut Vec<Line<'static>>| {
        if items.is_empty() {
            return;
        }
        if !out.is_empty() {
            out.push(Line::default());
        }
        out.push(Line::styled(title, theme.label));
        for &i in items {
            let term = &t.glossary[i];
            out.push(Line::default());
            let mut head = vec![Span::styled(term.term.clone(), theme.title)];
            if !term.aliases.is_empty() {
                head.push(Span::styled(format!("  also {}", term.aliases.join(", ")), theme.dim));
            }
            let head_text: String = head.iter().map(|s| s.content.as_ref()).collect();
            if width(&head_text) <= w {
                out.push(Line::from(head));
            } else {
                out.extend(wrap(&head_text, w).into_iter().map(|l| Line::styled(l, theme.title)));
            }
            out.extend(wrap(&term.definition, w.saturating_sub(2)).into_iter().map(|l| Line::raw(format!("  {l}"))));
        }
    };
    section(format!("In this event ({})", here.len()), &here, &mut out);
    let title =
        if here.is_empty() { format!("Terms ({})", rest.len()) } else { format!("Other terms ({})", rest.len()) };
    section(title, &rest, &mut out);
    out
}

pub fn render(state: &State, g: &GlossaryView, theme: &Theme, frame: &mut Frame, body: Rect, m: &mut Metrics) {
    let area = popup_area(body, 84, body.height.saturating_sub(2).max(6), theme);
    frame.render_widget(Clear, area);
    let block = pane_block("Glossary", true, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height < 2 {
        return;
    }
    let text_area = Rect { x: inner.x + 1, width: inner.width.saturating_sub(2), ..inner };
    let w = text_area.width as usize;
    super::find_row(frame, Rect { height: 1, ..text_area }, &g.query, "Type to find a term · Esc closes", theme);
    let list =
        Rect { y: text_area.y + 2.min(text_area.height - 1), height: text_area.height.saturating_sub(2), ..text_area };
    let all = lines(state, g, theme, w);
    let rows = list.height as usize;
    let scroll = g.scroll.min(all.len().saturating_sub(rows));
    m.help_lines = all.len();
    m.help_rows = rows;
    let visible: Vec<Line> = all.into_iter().skip(scroll).take(rows).collect();
    frame.render_widget(Paragraph::new(visible), list);
}
