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

/// The chart's y labels, bottom to top: 0, half, the largest value. The axis runs from 0 to the
/// largest value exactly, so each label sits on the row its value is drawn on (the top label on
/// the row of the largest claim).
pub fn y_labels(max: f64) -> Vec<String> {
    let half = max / 2.0;
    let half = if max >= 10.0 { half.round() } else { half };
    vec!["0".to_string(), format_value(half), format_value(max)]
}

fn chart(m: &Measure, cursor: usize, theme: &Theme, frame: &mut Frame, area: Rect) {
    let first = m.points[0].date;
    let last = m.points[m.points.len() - 1].date;
    let x = |d: chrono::NaiveDate| (d - first).num_days() as f64;
    let point = |p: &crate::app::figures::Point| (x(p.date), p.value);
    let retracted = |p: &&crate::app::figures::Point| p.status == crate::model::ClaimStatus::Retracted;
    let data: Vec<(f64, f64)> = m.points.iter().filter(|p| !retracted(p)).map(point).collect();
    let withdrawn: Vec<(f64, f64)> = m.points.iter().filter(retracted).map(point).collect();
    let selected = [point(&m.points[cursor])];
    let max = m.points.iter().map(|p| p.value).fold(0.0f64, f64::max);
    let max = if max > 0.0 { max } else { 1.0 };
    let span = x(last).max(1.0);
    let datasets = vec![
        // Points, not a line: each is a separate claim, often by a different source, and a line
        // would suggest a continuous count between them.
        Dataset::default().marker(Marker::Dot).graph_type(GraphType::Scatter).style(theme.chart).data(&data),
        Dataset::default().marker(Marker::Dot).graph_type(GraphType::Scatter).style(theme.dim).data(&withdrawn),
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
                .bounds([0.0, max])
                .style(theme.dim)
                .labels(y_labels(max).into_iter().map(Span::raw).collect::<Vec<_>>()),
        );
    frame.render_widget(chart, area);
}

/// What the chart's marks mean.
fn legend(m: &Measure, theme: &Theme) -> Line<'static> {
    let mut spans = vec![
        Span::styled(" • ", theme.chart),
        Span::styled("a claim   ", theme.dim),
        Span::styled("█ ", theme.status_other),
        Span::styled("the claim selected below (▶)", theme.dim),
    ];
    if m.points.iter().any(|p| p.status == crate::model::ClaimStatus::Retracted) {
        spans.push(Span::styled("   • ", theme.dim));
        spans.push(Span::styled("retracted (dimmed)", theme.dim));
    }
    Line::from(spans)
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
    // Plain (`--plain`): the table alone, which says everything the chart draws.
    let chart_h = if inner.height >= 16 && !theme.plain { inner.height * 2 / 5 } else { 0 };
    let [tab_area, chart_area, table_area] =
        Layout::vertical([Constraint::Length(2), Constraint::Length(chart_h), Constraint::Min(1)]).areas(inner);
    frame.render_widget(Paragraph::new(tabs(f, theme, inner.width as usize)), Rect { height: 1, ..tab_area });
    if chart_h > 0 {
        let legend_area = Rect { y: tab_area.y + 1, height: 1, ..tab_area };
        frame.render_widget(Paragraph::new(legend(measure, theme)), legend_area);
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

    #[test]
    fn the_largest_value_is_drawn_on_the_row_of_the_top_label() {
        use crate::app::figures::{Figures, collect};
        use ratatui::{Terminal, backend::TestBackend};
        let t = crate::model::load::bundled_timeline().unwrap();
        let measures = collect(&t);
        let deaths = measures.iter().position(|m| m.key == "deaths").unwrap();
        let max = measures[deaths].points.iter().map(|p| p.value).fold(0.0, f64::max);
        let f = Figures { measures, measure: deaths, cursor: 0 };
        for (w, h) in [(120, 40), (80, 24), (200, 60)] {
            let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
            term.draw(|fr| render(&f, &Theme::dark(), fr, fr.area(), &mut Metrics::default())).unwrap();
            let buf = term.backend().buffer();
            let rows: Vec<String> =
                (0..h).map(|y| (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect::<String>()).collect();
            let top = format_value(max);
            let label_row = rows.iter().position(|r| r.trim_start_matches(['┃', ' ']).starts_with(&top)).unwrap();
            // The axis line starts after the label column; a dot on the label's row is the top value.
            let axis = rows[label_row].find('│').unwrap();
            assert!(
                rows[label_row][axis..].contains('•') || rows[label_row][axis..].contains('█'),
                "{w}x{h}: no point on the {top} row:\n{}",
                rows.join("\n")
            );
            assert!(
                rows[..label_row].iter().filter(|r| r.contains('│')).all(|r| !r.contains('•')),
                "{w}x{h}: a point above the top label"
            );
        }
    }
}
