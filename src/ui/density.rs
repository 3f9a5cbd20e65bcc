//! The day-density strip: how many events fall on each day of the shown range, as a one-line bar
//! chart, with the selected event's day marked. The per-day data is computed with the view (once
//! per filter change); this only spreads it over the columns.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use super::text::width;
use crate::query::View;

const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// The bar for `count` events when the busiest column has `max`.
fn bar(count: u32, max: u32) -> char {
    if count == 0 || max == 0 {
        ' '
    } else {
        BARS[((count as usize * BARS.len()).div_ceil(max as usize)).clamp(1, BARS.len()) - 1]
    }
}

/// Label of a range end: "Jan 2022".
fn label(d: NaiveDate) -> String {
    d.format("%b %Y").to_string()
}

pub fn render(view: &View, day: Option<NaiveDate>, theme: &Theme, frame: &mut Frame, area: Rect) {
    let (Some(&first), Some(&last)) = (view.days.first(), view.days.last()) else { return };
    let w = area.width as usize;
    let (left, right) = (label(first), label(last));
    let with_labels = w >= width(&left) + width(&right) + 20;
    let bars_w = if with_labels { w - width(&left) - width(&right) - 2 } else { w };
    let (cols, marked) = view.density(bars_w, day);
    let max = cols.iter().copied().max().unwrap_or(0);
    let mut spans = Vec::new();
    if with_labels {
        spans.push(Span::styled(format!("{left} "), theme.dim));
    }
    for (i, &c) in cols.iter().enumerate() {
        let ch = bar(c, max);
        if Some(i) == marked {
            // The selected day: a full-height bar in the selection colour, visible even if empty.
            spans.push(Span::styled(if ch == ' ' { '▏' } else { ch }.to_string(), theme.selected));
        } else {
            spans.push(Span::styled(ch.to_string(), theme.chart));
        }
    }
    if with_labels {
        spans.push(Span::styled(format!(" {right}"), theme.dim));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_busiest_column() {
        assert_eq!(bar(0, 5), ' ');
        assert_eq!(bar(5, 5), '█');
        assert_eq!(bar(1, 12), '▁');
        assert_eq!(bar(6, 12), '▄');
        assert_eq!(bar(1, 1), '█');
    }
}
