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
use crate::model::Era;
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
    crate::model::when::month_year(d, false)
}

/// Where the bars go in a strip `w` wide: the end labels when they fit, the bars' offset and width.
fn layout(first: NaiveDate, last: NaiveDate, w: usize) -> (Option<(String, String)>, usize, usize) {
    let (left, right) = (label(first), label(last));
    if w >= width(&left) + width(&right) + 20 {
        let (l, r) = (width(&left), width(&right));
        (Some((left, right)), l + 1, w - l - r - 2)
    } else {
        (None, 0, w)
    }
}

pub fn render(view: &View, day: Option<NaiveDate>, theme: &Theme, frame: &mut Frame, area: Rect) {
    let (Some(&first), Some(&last)) = (view.days.first(), view.days.last()) else { return };
    let (labels, _, bars_w) = layout(first, last, area.width as usize);
    let with_labels = labels.is_some();
    let (left, right) = labels.unwrap_or_default();
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

/// Whether any of `eras` falls in the strip's range (so [`render_eras`] has something to draw).
pub fn shows_eras(view: &View, eras: &[Era]) -> bool {
    let (Some(&first), Some(&last)) = (view.days.first(), view.days.last()) else { return false };
    eras.iter().any(|e| e.start <= last && e.end >= first)
}

/// The row under the strip: each era as a bracket under the columns of its days, `├ name ─┤`,
/// named where the bracket is wide enough (a later era is drawn over an earlier one).
pub fn render_eras(view: &View, eras: &[Era], theme: &Theme, frame: &mut Frame, area: Rect) {
    let (Some(&first), Some(&last)) = (view.days.first(), view.days.last()) else { return };
    let (_, at, bars_w) = layout(first, last, area.width as usize);
    if bars_w == 0 {
        return;
    }
    let span = (last - first).num_days() as usize + 1;
    let col = |d: NaiveDate| ((d - first).num_days().max(0) as usize * bars_w / span).min(bars_w - 1);
    let mut row: Vec<char> = vec![' '; bars_w];
    for e in eras.iter().filter(|e| e.start <= last && e.end >= first) {
        let (a, b) = (col(e.start.max(first)), col(e.end.min(last)));
        for c in &mut row[a..=b] {
            *c = '─';
        }
        if a == b {
            row[a] = '│';
            continue;
        }
        row[a] = '├';
        row[b] = '┤';
        // The name inside the bracket, cut to fit; none when fewer than three letters would show.
        let room = b - a - 1;
        if room >= 4 {
            let name: Vec<char> = crate::text::truncate(&format!(" {} ", e.name), room).chars().collect();
            if crate::text::width(&name.iter().collect::<String>()) == name.len() {
                row[a + 1..a + 1 + name.len()].copy_from_slice(&name);
            }
        }
    }
    let text: String = row.into_iter().collect();
    let line = Line::from(vec![Span::raw(" ".repeat(at)), Span::styled(text, theme.dim)]);
    frame.render_widget(Paragraph::new(line), area);
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

    #[test]
    fn eras_are_brackets_under_their_days_named_where_they_fit() {
        use ratatui::{Terminal, backend::TestBackend};
        let t = crate::model::load::bundled_timeline().unwrap();
        let view = View::from_events(&t, (0..t.events.len()).collect());
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let eras = [
            Era { name: "Unrest".into(), start: d(2022, 1, 1), end: d(2022, 1, 31) },
            Era { name: "Aftermath".into(), start: d(2022, 2, 1), end: d(2022, 12, 31) },
            Era { name: "One day".into(), start: d(2023, 1, 5), end: d(2023, 1, 5) },
            Era { name: "Before".into(), start: d(1990, 1, 1), end: d(1991, 1, 1) },
        ];
        assert!(shows_eras(&view, &eras));
        assert!(!shows_eras(&view, &eras[3..]), "an era outside the range is not shown");
        let mut term = Terminal::new(TestBackend::new(100, 1)).unwrap();
        term.draw(|f| render_eras(&view, &eras, &Theme::dark(), f, f.area())).unwrap();
        let row: String = (0..100).map(|x| term.backend().buffer()[(x, 0)].symbol().to_string()).collect();
        // The strip starts after its left label ("Jan 2022 "), like the bars above it.
        assert!(row.starts_with("         ├"), "{row:?}");
        // January and February 2022 meet in one column: the later era's bracket is drawn there.
        assert!(row.starts_with("         ├──├ Aftermath ──"), "a narrow era is not named, a wide one is: {row:?}");
        assert!(row.contains('│'), "a one-day era is one mark: {row:?}");
        assert_eq!(row.matches('├').count(), 2, "{row:?}");
    }
}
