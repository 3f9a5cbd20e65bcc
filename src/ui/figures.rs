//! The figures view: one measure at a time (death toll, detentions, troops ...), as a chart over
//! time and a table of the claims behind it: when, the figure, who said it, its status.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Clear, Dataset, GraphType, Paragraph};

use super::text::{fit, truncate, width};
use super::{Theme, pane_block};
use crate::app::Metrics;
use crate::app::figures::{Figures, Measure};
use crate::model::PartialDate;

/// "4,353", "77.18".
pub fn format_value(v: f64) -> String {
    if v.fract() != 0.0 {
        return format!("{v:.2}");
    }
    let digits = format!("{}", v.abs() as u64);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if v < 0.0 { format!("-{out}") } else { out }
}

fn tabs(f: &Figures, theme: &Theme, w: usize) -> Line<'static> {
    let mut spans = Vec::new();
    let mut used = 0;
    // Start from a tab that keeps the current one visible.
    let labels: Vec<String> = f.measures.iter().map(|m| format!(" {} ({}) ", m.label, m.points.len())).collect();
    let mut start = f.measure;
    while start > 0 && labels[start - 1..=f.measure].iter().map(|l| width(l) + 1).sum::<usize>() <= w.saturating_sub(4)
    {
        start -= 1;
    }
    if start > 0 {
        spans.push(Span::styled("◀ ", theme.dim));
        used += 2;
    }
    for (i, l) in labels.iter().enumerate().skip(start) {
        if used + width(l) + 2 > w {
            spans.push(Span::styled(" ▶", theme.dim));
            break;
        }
        used += width(l) + 1;
        spans.push(Span::styled(l.clone(), if i == f.measure { theme.selected } else { theme.label }));
        spans.push(Span::raw(" "));
    }
    Line::from(spans)
}

fn chart(m: &Measure, cursor: usize, theme: &Theme, frame: &mut Frame, area: Rect) {
    let first = m.points[0].date;
    let last = m.points[m.points.len() - 1].date;
    let x = |d: chrono::NaiveDate| (d - first).num_days() as f64;
    let data: Vec<(f64, f64)> = m.points.iter().map(|p| (x(p.date), p.value)).collect();
    let selected = [data[cursor]];
    let max = m.points.iter().map(|p| p.value).fold(0.0f64, f64::max).max(1.0);
    let span = x(last).max(1.0);
    let datasets = vec![
        // Points, not a line: each is a separate claim, often by a different source, and a line
        // would suggest a continuous count between them.
        Dataset::default().marker(Marker::Dot).graph_type(GraphType::Scatter).style(theme.chart).data(&data),
        Dataset::default()
            .marker(Marker::Block)
            .graph_type(GraphType::Scatter)
            .style(theme.status_other)
            .data(&selected),
    ];
    let date = |d| PartialDate::day(d).display();
    let chart = Chart::new(datasets)
        .x_axis(
            Axis::default()
                .bounds([0.0, span])
                .style(theme.dim)
                .labels(vec![Span::raw(date(first)), Span::raw(date(last))]),
        )
        .y_axis(
            Axis::default()
                .bounds([0.0, max * 1.1])
                .style(theme.dim)
                .labels(vec![Span::raw("0"), Span::raw(format_value(max.round()))]),
        );
    frame.render_widget(chart, area);
}

fn table(m: &Measure, cursor: usize, theme: &Theme, frame: &mut Frame, area: Rect) -> usize {
    let w = area.width as usize;
    let (date_w, status_w) = (12, 12);
    let rest = w.saturating_sub(2 + date_w + status_w + 3);
    let value_w = (rest * 2 / 5).max(8);
    let by_w = rest.saturating_sub(value_w);
    let header = format!(
        "  {} {} {} {}",
        fit("Said on", date_w),
        fit("Figure", value_w),
        fit("Status", status_w),
        "Who said it"
    );
    let mut lines = vec![Line::styled(truncate(&header, w).into_owned(), theme.label)];
    let rows = (area.height as usize).saturating_sub(1);
    let offset = if rows == 0 { 0 } else { cursor.saturating_sub(rows - 1) };
    for (i, p) in m.points.iter().enumerate().skip(offset).take(rows) {
        let value = match &p.unit {
            Some(u) => format!("{} {u}", format_value(p.value)),
            None => format_value(p.value),
        };
        let marker = if i == cursor { "▶ " } else { "  " };
        let text = format!(
            "{marker}{} {} {} {}",
            fit(&PartialDate::day(p.date).display(), date_w),
            fit(&value, value_w),
            fit(&format!("[{}]", p.status.name()), status_w),
            fit(&p.by, by_w)
        );
        lines.push(if i == cursor { Line::styled(text, theme.selected) } else { Line::raw(text) });
    }
    frame.render_widget(Paragraph::new(lines), area);
    offset
}

pub fn render(f: &Figures, theme: &Theme, frame: &mut Frame, body: Rect, m: &mut Metrics) {
    frame.render_widget(Clear, body);
    let block = pane_block("Figures over time: who said what, when", true, theme);
    let inner = block.inner(body);
    frame.render_widget(block, body);
    if inner.height < 3 || inner.width < 20 {
        return;
    }
    let measure = &f.measures[f.measure];
    let chart_h = if inner.height >= 16 { inner.height * 2 / 5 } else { 0 };
    let [tab_area, chart_area, table_area] =
        Layout::vertical([Constraint::Length(2), Constraint::Length(chart_h), Constraint::Min(1)]).areas(inner);
    frame.render_widget(Paragraph::new(tabs(f, theme, inner.width as usize)), Rect { height: 1, ..tab_area });
    if chart_h > 0 {
        chart(measure, f.cursor, theme, frame, chart_area);
    }
    let table_area = Rect {
        y: table_area.y + u16::from(chart_h > 0),
        height: table_area.height.saturating_sub(u16::from(chart_h > 0)),
        ..table_area
    };
    let offset = table(measure, f.cursor, theme, frame, table_area);
    // The table's data rows, for paging and clicks.
    m.popup = Some(Rect { y: table_area.y + 1, height: table_area.height.saturating_sub(1), ..table_area });
    m.popup_offset = offset;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_like_numbers() {
        assert_eq!(format_value(4353.0), "4,353");
        assert_eq!(format_value(225.0), "225");
        assert_eq!(format_value(1_000_000.0), "1,000,000");
        assert_eq!(format_value(77.18), "77.18");
        assert_eq!(format_value(-1500.0), "-1,500");
    }
}
