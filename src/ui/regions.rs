//! The region filter popup: every region that has events, with counts and tick boxes.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::text::{fit, width};
use super::{Theme, centered, pane_block};
use crate::app::{Metrics, RegionPicker, State};
use crate::query::region_label;

pub fn render(state: &State, p: &RegionPicker, theme: &Theme, frame: &mut Frame, body: Rect, m: &mut Metrics) {
    let t = &state.timeline;
    let labels: Vec<(String, String)> =
        p.items.iter().map(|&(k, n)| (region_label(t, k).to_string(), n.to_string())).collect();
    let name_w = labels.iter().map(|(l, _)| width(l)).max().unwrap_or(0);
    let count_w = labels.iter().map(|(_, n)| width(n)).max().unwrap_or(0);
    // marker + "[x] " + name + gap + count, inside borders.
    let want_w = (2 + 4 + name_w + 2 + count_w + 2) as u16 + 2;
    let area = centered(body, want_w.max(30), labels.len() as u16 + 2);
    frame.render_widget(Clear, area);
    let block = pane_block("Filter by region", true, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rows = inner.height as usize;
    let offset = if rows == 0 { 0 } else { p.cursor.saturating_sub(rows - 1) };
    m.popup = Some(inner);
    m.popup_offset = offset;
    let w = inner.width as usize;
    let lines: Vec<Line> = labels
        .iter()
        .zip(&p.items)
        .enumerate()
        .skip(offset)
        .take(rows)
        .map(|(i, ((label, count), (key, _)))| {
            let checked = p.checked.contains(key);
            let marker = if i == p.cursor { "▶ " } else { "  " };
            let tick = if checked { "[x] " } else { "[ ] " };
            let name = fit(label, w.saturating_sub(2 + 4 + count_w + 1));
            let line = Line::from(vec![
                Span::raw(marker),
                Span::styled(tick, if checked { theme.checked } else { theme.popup }),
                Span::raw(name),
                Span::raw(" "),
                Span::styled(format!("{count:>count_w$}"), theme.dim),
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
