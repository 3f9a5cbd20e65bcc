//! A filter popup: what has been typed to narrow it, then the values of a facet (regions, topics,
//! actors) that match, with tick boxes and the number of events each would show under the other
//! filters. Only the visible rows are drawn, so a popup of 20,000 values costs what a short one does.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::text::width;
use super::{Theme, pane_block, popup_area};
use crate::app::{Metrics, Picker};
use crate::text::truncate_middle;

pub fn render(p: &Picker, theme: &Theme, frame: &mut Frame, body: Rect, m: &mut Metrics) {
    // Sized for the whole list (the widest label), so typing does not make the popup jump.
    let name_w = p.items.iter().map(|it| width(&it.label)).max().unwrap_or(0);
    let count_w = p.counts.iter().map(|c| c.to_string().len()).max().unwrap_or(1);
    // marker + "[x] " + name + gap + count, inside borders and padding.
    let want_w = (2 + 4 + name_w + 2 + count_w) as u16 + 4;
    let area = popup_area(body, want_w.clamp(40, 72), p.items.len().max(1) as u16 + 3, theme);
    frame.render_widget(Clear, area);
    let ticked = if p.checked.is_empty() { String::new() } else { format!(" · {} ticked", p.checked.len()) };
    let title = format!("{}{ticked}", p.facet.title());
    let block = pane_block(&title, true, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 {
        return;
    }
    let w = inner.width as usize;
    // The first row: the query, or how to use the popup.
    super::find_row(frame, Rect { height: 1, ..inner }, &p.query, "Type to find a name · Space ticks", theme);
    let list = Rect { y: inner.y + 1, height: inner.height - 1, ..inner };
    let rows = list.height as usize;
    let offset = if rows == 0 { 0 } else { p.cursor.saturating_sub(rows - 1) };
    m.popup = Some(list);
    m.popup_offset = offset;
    if p.shown.is_empty() {
        let msg = if p.items.is_empty() {
            "No values in this timeline.".to_string()
        } else {
            format!("Nothing matches \"{}\" (Esc clears it).", p.query)
        };
        let text = super::text::wrap(&msg, w);
        let lines: Vec<Line> = text.into_iter().map(|l| Line::styled(l, theme.dim)).collect();
        frame.render_widget(Paragraph::new(lines).style(theme.popup), list);
        return;
    }
    let lines: Vec<Line> = p
        .shown
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows)
        .map(|(pos, &i)| {
            let item = &p.items[i];
            let checked = p.checked.contains(&i);
            let marker = if pos == p.cursor { "▶ " } else { "  " };
            let tick = if checked { "[x] " } else { "[ ] " };
            // Cut in the middle, so the id or number that tells look-alikes apart stays.
            let name_room = w.saturating_sub(2 + 4 + count_w + 1);
            let cut = truncate_middle(&item.label, name_room);
            let name = format!("{cut}{}", " ".repeat(name_room.saturating_sub(width(&cut))));
            let count = p.counts[i];
            let line = Line::from(vec![
                Span::raw(marker),
                Span::styled(tick, if checked { theme.checked } else { theme.popup }),
                Span::styled(name, if count == 0 { theme.dim } else { theme.popup }),
                Span::raw(" "),
                Span::styled(format!("{count:>count_w$}"), theme.dim),
            ]);
            if pos == p.cursor {
                let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
                Line::styled(text, theme.selected)
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).style(theme.popup), list);
}
