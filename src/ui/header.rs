//! The top line: the timeline's title, the active filters and how many events are shown.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use super::text::{truncate, width};
use crate::app::State;
use crate::query::region_label;

/// "Regions: Mangystau, Almaty" (or empty when nothing is filtered).
pub fn filter_summary(state: &State) -> String {
    if state.filter.regions.is_empty() {
        return String::new();
    }
    let names: Vec<&str> = state.filter.regions.iter().map(|&k| region_label(&state.timeline, k)).collect();
    let label = if names.len() == 1 { "Region" } else { "Regions" };
    format!("{label}: {}", names.join(", "))
}

/// "12 of 64 events" when filtered, "64 events" otherwise.
pub fn count_summary(state: &State) -> String {
    let total = state.timeline.events.len();
    let noun = if total == 1 { "event" } else { "events" };
    if state.filter.is_empty() { format!("{total} {noun}") } else { format!("{} of {total} {noun}", state.view.len()) }
}

pub fn render(state: &State, theme: &Theme, frame: &mut Frame, area: Rect) {
    let w = area.width as usize;
    let count = count_summary(state);
    let filter = filter_summary(state);
    let right_len = |f: &str| width(&count) + 2 + if f.is_empty() { 0 } else { width(f) + 3 };
    // The count always shows; the filter is shortened before the title disappears.
    let min_title = 12.min(w);
    let filter = if right_len(&filter) + min_title > w {
        truncate(&filter, w.saturating_sub(width(&count) + 5 + min_title)).into_owned()
    } else {
        filter
    };
    let title_room = w.saturating_sub(right_len(&filter) + 1);
    let title = truncate(&state.timeline.title, title_room.saturating_sub(1));
    let mut spans = vec![Span::styled(format!(" {title}"), theme.header_title)];
    let used = 1 + width(&title);
    let mut right = Vec::new();
    if !filter.is_empty() {
        right.push(Span::styled(filter.clone(), theme.header_filter));
        right.push(Span::styled(" │ ", theme.header));
    }
    right.push(Span::styled(format!("{count} "), theme.header));
    let right_w: usize = right.iter().map(|s| width(&s.content)).sum();
    spans.push(Span::styled(" ".repeat(w.saturating_sub(used + right_w)), theme.header));
    spans.extend(right);
    frame.render_widget(Paragraph::new(Line::from(spans)).style(theme.header), area);
}
