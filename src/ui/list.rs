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

/// The region column: how wide, and whether regions are named in words or by badge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RegionColumn {
    pub width: usize,
}

/// Column widths tried, widest first; the last is the badge width.
const REGION_WIDTHS: [usize; 3] = [16, 13, 10];
/// A title gets at least this many columns before the region column shrinks.
const TITLE_MIN: usize = 42;

impl RegionColumn {
    /// The widest region column that leaves a title [`TITLE_MIN`] columns in a list `w` wide:
    /// regions are named by their short name ("Mangystau", "Nationwide") when it fits the
    /// column and by their badge ("Alm.Reg") only when it does not. `None` when even badges
    /// would leave a title fewer than 12 columns.
    pub fn fit(state: &State, w: usize) -> Option<RegionColumn> {
        let fixed = 2 + TIME_W + 1 + 1;
        let (names, badges) = state.region_widths;
        let badges = badges.min(8);
        REGION_WIDTHS
            .iter()
            .map(|&c| c.min(names))
            .find(|&c| w >= fixed + c + TITLE_MIN)
            .or_else(|| (w >= fixed + badges + 12).then_some(badges))
            .filter(|&c| c > 0)
            .map(|width| RegionColumn { width })
    }

    /// What the column shows for region `r`.
    pub fn label<'t>(&self, t: &'t Timeline, r: crate::model::RegionIx) -> &'t str {
        let reg = t.region(r);
        if width(&reg.short) <= self.width { &reg.short } else { &reg.badge }
    }
}

/// A day heading: "Tue 4 Jan 2022" and, on the right, "6 events".
fn heading_line(state: &State, theme: &Theme, g: usize, w: usize) -> Line<'static> {
    let t = &state.timeline;
    let view = &state.view;
    let first = &t.events[view.events[view.day_starts[g]]];
    let mut heading = first.start.day_key().heading();
    // The era the day falls in, on every heading in it (any heading may be the top row).
    if let Some(era) = t.era_on(first.start.date) {
        heading = format!("{heading} · {}", era.name);
    }
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

/// The rows visible at `offset` in a list `rows` tall, as lines `w` columns wide.
pub fn visible_lines(state: &State, theme: &Theme, offset: usize, rows: usize, w: usize) -> Vec<Line<'static>> {
    let t = &state.timeline;
    let view = &state.view;
    let column = RegionColumn::fit(state, w);
    let end = (offset + rows).min(view.row_count());
    // The time column is as wide as the widest visible day needs, so the region and title columns
    // line up down the screen even when one day shows offsets ("13:00+5") and the next does not.
    let offset_w = (offset..end)
        .filter_map(|r| match view.row(r) {
            Row::Event(pos) => Some(view.offset_width(view.group_of(pos))),
            Row::Day(_) => None,
        })
        .max()
        .unwrap_or(0);
    (offset..end)
        .map(|r| match view.row(r) {
            Row::Day(g) => heading_line(state, theme, g, w),
            Row::Event(pos) => {
                let ix = view.events[pos];
                let e = &t.events[ix];
                let selected = state.selected == Some(pos);
                let marker = if selected { "▶" } else { " " };
                let mark = if state.marks.is_marked(ix) { MARK } else { " " };
                // A day whose times are in more than one offset shows them ("13:00+5").
                let time = view.list_time(t, pos);
                let mut spans = vec![
                    Span::raw(marker),
                    Span::styled(mark, theme.mark),
                    Span::styled(fit(&time, TIME_W + offset_w), theme.time),
                    Span::raw(" "),
                ];
                let mut used = 2 + TIME_W + offset_w + 1;
                if let Some(col) = column {
                    let (label, style) = match e.region {
                        Some(r) => (col.label(t, r), theme.badge(r)),
                        None => ("", theme.dim),
                    };
                    spans.push(Span::styled(fit(label, col.width), style));
                    spans.push(Span::raw(" "));
                    used += col.width + 1;
                }
                // A multi-day event shows its span at the row's end when the whole title fits
                // beside it (the title comes first; the detail pane always has the span).
                let room = w.saturating_sub(used);
                let span = e.span_text().map(|s| format!(" ({s})"));
                let span = span.filter(|s| room >= width(&e.title) + width(s));
                let title_room = room.saturating_sub(span.as_deref().map_or(0, width));
                // Highlights are worked out on the part of the title that fits, never the whole.
                let title = super::text::truncate(&e.title, title_room);
                let ranges = state.highlight_query().map(|q| q.highlights(&title)).unwrap_or_default();
                let mut line = if selected {
                    // The highlight bar replaces per-span colours so the row reads as one bar;
                    // search matches stay visible inside it.
                    let bar = theme.selected;
                    let mut line: Vec<Span> = spans.into_iter().map(|sp| Span::styled(sp.content, bar)).collect();
                    line.extend(fit_highlighted(&title, title_room, &ranges, bar, bar.patch(theme.highlight)));
                    line
                } else {
                    spans.extend(fit_highlighted(&title, title_room, &ranges, Style::new(), theme.highlight));
                    spans
                };
                if let Some(span) = span {
                    line.push(Span::styled(span, if selected { theme.selected } else { theme.dim }));
                }
                Line::from(line)
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
        // The eras under it, on a tall enough list.
        let eras = &state.timeline.eras;
        if inner.height >= 12 && super::density::shows_eras(&state.view, eras) {
            super::density::render_eras(&state.view, eras, theme, frame, Rect { height: 1, ..inner });
            inner = Rect { y: inner.y + 1, height: inner.height - 1, ..inner };
        }
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
    // After paging, the top rows may belong to a day whose heading has scrolled away: the first
    // line then repeats that heading (a sticky heading), and the rows start under it.
    let view = &state.view;
    let mut offset = list_window(view, state.selected, state.list_offset, rows);
    let mut sticky = None;
    if rows > 2
        && let Row::Event(_) = view.row(offset)
    {
        offset = list_window(view, state.selected, state.list_offset, rows - 1);
        if let Row::Event(p) = view.row(offset) {
            sticky = Some(view.group_of(p));
        }
    }
    m.list_offset = offset;
    if let Some(g) = sticky {
        frame.render_widget(Paragraph::new(heading_line(state, theme, g, w)), Rect { height: 1, ..inner });
        inner = Rect { y: inner.y + 1, height: inner.height - 1, ..inner };
        m.list = inner;
    }
    let rows = inner.height as usize;
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
