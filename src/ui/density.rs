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

/// The selected period's cell: its own bar in the marked colour (the bar keeps its height, so the
/// busiest period still reads as the busiest), a dot when the period has no events, and, without
/// colours, a diamond that differs from every bar.
fn marked_glyph(bar: char, theme: &Theme) -> char {
    if theme.name == super::theme::ThemeName::Mono {
        '◆'
    } else if bar == ' ' {
        '•'
    } else {
        bar
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
            spans.push(Span::styled(marked_glyph(ch, theme).to_string(), theme.chart_marked));
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

    #[test]
    fn the_selected_period_is_visible_in_every_theme() {
        use ratatui::{Terminal, backend::TestBackend};
        let t = crate::model::load::bundled_timeline().unwrap();
        let view = View::from_events(&t, (0..t.events.len()).collect());
        let first = t.events[0].start.date;
        for theme in [Theme::dark(), Theme::light(), Theme::high_contrast(), Theme::mono()] {
            let mut term = Terminal::new(TestBackend::new(60, 1)).unwrap();
            term.draw(|f| render(&view, Some(first), &theme, f, f.area())).unwrap();
            let buf = term.backend().buffer();
            let cells: Vec<_> = (0..60).map(|x| &buf[(x, 0)]).collect();
            let is_mono = theme.name == super::super::theme::ThemeName::Mono;
            let marked: Vec<_> = cells
                .iter()
                .filter(|c| if is_mono { c.symbol() == "◆" } else { c.fg == theme.chart_marked.fg.unwrap() })
                .collect();
            assert_eq!(marked.len(), 1, "{:?}: exactly one marked cell", theme.name);
            // A bar in a colour the other bars do not use, never a block painted in the colour
            // of its own background.
            assert!(is_mono || marked[0].fg != marked[0].bg, "{:?}", theme.name);
            assert!(BARS.iter().any(|b| marked[0].symbol() == b.to_string()) || is_mono, "{:?}", theme.name);
        }
    }
}
