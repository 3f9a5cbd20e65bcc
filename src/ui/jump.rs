//! The "jump to event" popup: an input line and titles ranked as you type.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::text::{fit, truncate, width};
use super::{Theme, pane_block, popup_area};
use crate::app::{Jump, Metrics, State};

const DATE_W: usize = 16;

pub fn render(state: &State, j: &Jump, theme: &Theme, frame: &mut Frame, body: Rect, m: &mut Metrics) {
    let area = popup_area(body, 90, body.height.saturating_sub(2).clamp(5, 24), theme);
    frame.render_widget(Clear, area);
    let block = pane_block("Jump to an event", true, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 {
        return;
    }
    let w = inner.width as usize;
    let prompt = "› ";
    let text = truncate(&j.text, w.saturating_sub(3)).into_owned();
    let mut input = vec![Span::styled(prompt, theme.label), Span::styled(text.clone(), theme.input)];
    if j.text.is_empty() {
        input.push(Span::styled(
            truncate(" type part of a title (any spelling)", w.saturating_sub(3)).into_owned(),
            theme.dim,
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(input)), Rect { height: 1, ..inner });
    frame.set_cursor_position(Position { x: inner.x + (2 + width(&text)).min(w.saturating_sub(1)) as u16, y: inner.y });
    let list = Rect { y: inner.y + 1, height: inner.height - 1, ..inner };
    let rows = list.height as usize;
    let offset = if rows == 0 { 0 } else { j.cursor.saturating_sub(rows - 1) };
    m.popup = Some(list);
    m.popup_offset = offset;
    let t = &state.timeline;
    let lines: Vec<Line> = if j.results.is_empty() {
        vec![Line::styled("No title matches.", theme.dim)]
    } else {
        j.results
            .iter()
            .enumerate()
            .skip(offset)
            .take(rows)
            .map(|(i, &ix)| {
                let e = &t.events[ix];
                let marker = if i == j.cursor { "▶ " } else { "  " };
                let date = fit(&e.start.day_key().heading(), DATE_W);
                let title = fit(&e.title, w.saturating_sub(2 + DATE_W + 1));
                if i == j.cursor {
                    Line::styled(format!("{marker}{date} {title}"), theme.selected)
                } else {
                    Line::from(vec![Span::raw(marker), Span::styled(date, theme.dim), Span::raw(" "), Span::raw(title)])
                }
            })
            .collect()
    };
    frame.render_widget(Paragraph::new(lines), list);
}
