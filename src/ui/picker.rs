//! A filter popup: the values of a facet (regions, topics, actors) with counts and tick boxes.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::text::width;
use super::{Theme, centered, pane_block};
use crate::app::{Metrics, Picker};
use crate::text::truncate_middle;

pub fn render(p: &Picker, theme: &Theme, frame: &mut Frame, body: Rect, m: &mut Metrics) {
    let name_w = p.items.iter().map(|it| width(&it.label)).max().unwrap_or(0);
    let count_w = p.items.iter().map(|it| it.count.to_string().len()).max().unwrap_or(0);
    // marker + "[x] " + name + gap + count, inside borders and padding.
    let want_w = (2 + 4 + name_w + 2 + count_w) as u16 + 4;
    let area = centered(body, want_w.clamp(34, 70), p.items.len().max(1) as u16 + 2);
    frame.render_widget(Clear, area);
    let block = pane_block(p.facet.title(), true, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rows = inner.height as usize;
    let offset = if rows == 0 { 0 } else { p.cursor.saturating_sub(rows - 1) };
    m.popup = Some(inner);
    m.popup_offset = offset;
    let w = inner.width as usize;
    if p.items.is_empty() {
        frame.render_widget(Paragraph::new(Line::styled("No values in this timeline.", theme.dim)), inner);
        return;
    }
    let lines: Vec<Line> = p
        .items
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows)
        .map(|(i, item)| {
            let checked = p.checked.contains(&i);
            let marker = if i == p.cursor { "▶ " } else { "  " };
            let tick = if checked { "[x] " } else { "[ ] " };
            // Cut in the middle, so the id or number that tells look-alikes apart stays.
            let name_room = w.saturating_sub(2 + 4 + count_w + 1);
            let cut = truncate_middle(&item.label, name_room);
            let name = format!("{cut}{}", " ".repeat(name_room.saturating_sub(width(&cut))));
            let line = Line::from(vec![
                Span::raw(marker),
                Span::styled(tick, if checked { theme.checked } else { theme.popup }),
                Span::raw(name),
                Span::raw(" "),
                Span::styled(format!("{:>count_w$}", item.count), theme.dim),
            ]);
            if i == p.cursor {
                let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
                Line::styled(text, theme.selected)
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).style(theme.popup), inner);
}
