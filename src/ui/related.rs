//! The related-events popup: the selected event's links, numbered, with their dates.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::text::{fit, width};
use super::{Theme, pane_block, popup_area};
use crate::app::related::Related;
use crate::app::{Metrics, State};

pub fn render(state: &State, r: &Related, theme: &Theme, frame: &mut Frame, body: Rect, m: &mut Metrics) {
    let t = &state.timeline;
    let dates: Vec<String> = r.items.iter().map(|&ix| t.events[ix].start.day_key().heading()).collect();
    let date_w = dates.iter().map(|d| width(d)).max().unwrap_or(0);
    let title_w = r.items.iter().map(|&ix| width(&t.events[ix].title)).max().unwrap_or(0);
    let want = (2 + 3 + date_w + 1 + title_w + 4) as u16;
    let area = popup_area(body, want.clamp(40, 100), r.items.len() as u16 + 2, theme);
    frame.render_widget(Clear, area);
    let block = pane_block("Related events · Enter opens · Backspace comes back", true, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rows = inner.height as usize;
    let offset = if rows == 0 { 0 } else { r.cursor.saturating_sub(rows - 1) };
    m.popup = Some(inner);
    m.popup_offset = offset;
    let w = inner.width as usize;
    let lines: Vec<Line> = r
        .items
        .iter()
        .zip(&dates)
        .enumerate()
        .skip(offset)
        .take(rows)
        .map(|(i, (&ix, date))| {
            let marker = if i == r.cursor { "▶ " } else { "  " };
            let n = if i < 3 { format!("{} ", i + 1) } else { "  ".to_string() };
            let date = fit(date, date_w);
            let title = fit(&t.events[ix].title, w.saturating_sub(2 + 2 + date_w + 1));
            if i == r.cursor {
                Line::styled(format!("{marker}{n}{date} {title}"), theme.selected)
            } else {
                Line::from(vec![
                    Span::raw(marker),
                    Span::styled(n, theme.label),
                    Span::styled(date, theme.dim),
                    Span::raw(" "),
                    Span::raw(title),
                ])
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).style(theme.popup), inner);
}
