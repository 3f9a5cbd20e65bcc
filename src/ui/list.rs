//! The event list: day headings and one row per event (time, region badge, title). Only the
//! visible window of rows is built, whatever the number of events.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

use super::text::{fit, fit_highlighted, truncate, width};
use super::{Theme, pane_block};
use crate::app::update::list_window;
use crate::app::{Focus, Metrics, State};
use crate::model::Timeline;
use crate::query::Row;
use ratatui::style::Style;

/// Marker in front of the selected row; the selection never relies on colour alone.
pub const MARKER: &str = "▶";
/// Shown after the marker for marked events.
pub const MARK: &str = "*";
const TIME_W: usize = 6;

/// Width of the badge column: the widest badge of the timeline's regions (at most 8).
pub fn badge_width(t: &Timeline) -> usize {
    t.regions.iter().map(|r| width(&r.badge)).max().unwrap_or(0).min(8)
}

/// The rows visible at `offset` in a list `rows` tall, as lines `w` columns wide.
pub fn visible_lines(state: &State, theme: &Theme, offset: usize, rows: usize, w: usize) -> Vec<Line<'static>> {
    let t = &state.timeline;
    let view = &state.view;
    let bw = badge_width(t);
    let show_badge = bw > 0 && w >= 2 + TIME_W + 1 + bw + 1 + 12;
    let end = (offset + rows).min(view.row_count());
    (offset..end)
        .map(|r| match view.row(r) {
            Row::Day(g) => {
                let first = &t.events[view.events[view.day_starts[g]]];
                let heading = first.start.day_key().heading();
                let n = view.group_len(g);
                let count = if n == 1 { "1 event".to_string() } else { format!("{n} events") };
                let heading = truncate(&heading, w).into_owned();
                let gap = w.saturating_sub(width(&heading) + width(&count) + 1);
                if gap == 0 {
                    Line::from(Span::styled(heading, theme.day))
                } else {
                    Line::from(vec![
                        Span::styled(heading, theme.day),
                        Span::raw(" ".repeat(gap + 1)),
                        Span::styled(count, theme.day_count),
                    ])
                }
            }
            Row::Event(pos) => {
                let ix = view.events[pos];
                let e = &t.events[ix];
                let selected = state.selected == Some(pos);
                let marker = if selected { "▶" } else { " " };
                let mark = if state.marks.is_marked(ix) { MARK } else { " " };
                // A day whose times are in more than one offset shows them ("13:00+5").
                let offset_w = view.offset_width(view.group_of(pos));
                let time = view.list_time(t, pos);
                let mut spans = vec![
                    Span::raw(marker),
                    Span::styled(mark, theme.mark),
                    Span::styled(fit(&time, TIME_W + offset_w), theme.time),
                    Span::raw(" "),
                ];
                let mut used = 2 + TIME_W + offset_w + 1;
                if show_badge {
                    let (badge, style) = match e.region {
                        Some(r) => (t.region(r).badge.as_str(), theme.badge(r)),
                        None => ("", theme.dim),
                    };
                    spans.push(Span::styled(fit(badge, bw), style));
                    spans.push(Span::raw(" "));
                    used += bw + 1;
                }
                // Highlights are worked out on the part of the title that fits, never the whole.
                let title = super::text::truncate(&e.title, w.saturating_sub(used));
                let ranges = state.highlight_query().map(|q| q.highlights(&title)).unwrap_or_default();
                if selected {
                    // The highlight bar replaces per-span colours so the row reads as one bar;
                    // search matches stay visible inside it.
                    let bar = theme.selected;
                    let mut line: Vec<Span> = spans.into_iter().map(|sp| Span::styled(sp.content, bar)).collect();
                    line.extend(fit_highlighted(
                        &title,
                        w.saturating_sub(used),
                        &ranges,
                        bar,
                        bar.patch(theme.highlight),
                    ));
                    Line::from(line)
                } else {
                    spans.extend(fit_highlighted(
                        &title,
                        w.saturating_sub(used),
                        &ranges,
                        Style::new(),
                        theme.highlight,
                    ));
                    Line::from(spans)
                }
            }
        })
        .collect()
}

pub fn render(state: &State, theme: &Theme, frame: &mut Frame, area: Rect, m: &mut Metrics) {
    let focused = state.focus == Focus::List && state.overlay.is_none();
    let block = pane_block("Events", focused, theme);
    let mut inner = block.inner(area);
    frame.render_widget(block, area);
    // The day-density strip takes the first row when there is room for it.
    if inner.height >= 8 && inner.width >= 24 && state.view.days.len() > 1 {
        let day = state.selected_event().map(|e| e.start.date);
        super::density::render(&state.view, day, theme, frame, Rect { height: 1, ..inner });
        inner = Rect { y: inner.y + 1, height: inner.height - 1, ..inner };
    }
    let rows = inner.height as usize;
    let w = inner.width as usize;
    m.list = inner;
    if state.view.is_empty() {
        m.list_offset = 0;
        let msg = if state.timeline.events.is_empty() {
            "This timeline has no events."
        } else {
            "No events match the filter. Press c to clear it."
        };
        let lines: Vec<Line> = super::text::wrap(msg, w).into_iter().map(|l| Line::styled(l, theme.message)).collect();
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }
    let offset = list_window(&state.view, state.selected, state.list_offset, rows);
    m.list_offset = offset;
    frame.render_widget(Paragraph::new(visible_lines(state, theme, offset, rows, w)), inner);
    let total = state.view.row_count();
    if total > rows {
        let mut sb = ScrollbarState::new(total - rows).position(offset).viewport_content_length(rows);
        frame.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight).begin_symbol(None).end_symbol(None),
            area.inner(Margin { vertical: 1, horizontal: 0 }),
            &mut sb,
        );
    }
}
