//! The top: the timeline's title and how many events are shown; below it, when anything is
//! filtered, a filter bar naming each active filter.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use super::text::{truncate, width};
use crate::app::State;

/// Rows the header needs: one, plus the filter bar when something is filtered.
pub fn height(state: &State) -> u16 {
    if state.filter.is_empty() { 1 } else { 2 }
}

/// "12 of 64 events" when filtered, "64 events" otherwise; with a search, "7 matches · ".
pub fn count_summary(state: &State) -> String {
    let total = state.timeline.events.len();
    let noun = if total == 1 { "event" } else { "events" };
    let count = if state.filter.is_empty() {
        format!("{total} {noun}")
    } else {
        format!("{} of {total} {noun}", state.view.len())
    };
    match &state.search {
        Some(s) if state.filter.search.is_none() => {
            let n = s.matches.len();
            format!("{n} {} · {count}", if n == 1 { "match" } else { "matches" })
        }
        _ => count,
    }
}

pub fn render(state: &State, theme: &Theme, frame: &mut Frame, area: Rect) {
    let w = area.width as usize;
    let count = count_summary(state);
    let title_room = w.saturating_sub(width(&count) + 4);
    let title = truncate(&state.timeline.title, title_room);
    let gap = w.saturating_sub(1 + width(&title) + width(&count) + 1);
    let top = Line::from(vec![
        Span::styled(format!(" {title}"), theme.header_title),
        Span::styled(" ".repeat(gap), theme.header),
        Span::styled(format!("{count} "), theme.header),
    ]);
    frame.render_widget(Paragraph::new(top).style(theme.header), Rect { height: 1, ..area });
    if area.height < 2 || state.filter.is_empty() {
        return;
    }
    let mut spans = vec![Span::styled(" Filters: ", theme.header)];
    let mut used = 10;
    let hint = "  c clears ";
    let parts = state.filter.describe(&state.timeline);
    for (i, (kind, value)) in parts.iter().enumerate() {
        let sep = if i == 0 { "" } else { " · " };
        let room = w.saturating_sub(used + width(hint) + width(sep) + width(kind) + 2);
        if room < 4 {
            spans.push(Span::styled(" …", theme.header));
            used += 2;
            break;
        }
        let value = truncate(value, room).into_owned();
        used += width(sep) + width(kind) + 2 + width(&value);
        spans.push(Span::styled(format!("{sep}{kind}: "), theme.header));
        spans.push(Span::styled(value, theme.header_filter));
    }
    spans.push(Span::styled(" ".repeat(w.saturating_sub(used + width(hint))), theme.header));
    spans.push(Span::styled(hint, theme.header));
    frame.render_widget(
        Paragraph::new(Line::from(spans)).style(theme.header),
        Rect { y: area.y + 1, height: 1, ..area },
    );
}
