//! The top: the timeline's title and how many events are shown; below it, when anything is
//! filtered, a filter bar naming every active filter. The bar never hides one: values are
//! written out when they fit, counted ("Regions (2)") when they do not, and the bar wraps to
//! more lines (at most [`MAX_FILTER_LINES`]) before anything is left out.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use super::text::{truncate, width};
use crate::app::State;

/// Lines the filter bar may take.
pub const MAX_FILTER_LINES: usize = 3;
const LEAD: &str = " Filters: ";
const HINT: &str = "  c clears ";

/// Rows the header needs at `width` columns: one, plus the filter bar when something is filtered.
pub fn height(state: &State, width: u16) -> u16 {
    if state.filter.is_empty() {
        1
    } else {
        1 + filter_lines(&state.filter.parts(&state.timeline), width as usize).len() as u16
    }
}

/// One filter as shown: "Regions: " and "Almaty, Mangystau" (or "Regions" and "(2)").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chip {
    pub kind: String,
    pub value: String,
}

impl Chip {
    fn width(&self) -> usize {
        width(&self.kind) + width(&self.value)
    }
}

fn chips(parts: &[(&'static str, Vec<String>)], short: bool) -> Vec<Chip> {
    parts
        .iter()
        .map(|(kind, values)| {
            if short && values.len() > 1 {
                Chip { kind: format!("{kind} "), value: format!("({})", values.len()) }
            } else {
                Chip { kind: format!("{kind}: "), value: values.join(", ") }
            }
        })
        .collect()
}

/// The filter bar's lines at width `w`: everything on one line if it fits, written out or
/// counted; otherwise counted and wrapped, each chip cut to the line if it must be.
pub fn filter_lines(parts: &[(&'static str, Vec<String>)], w: usize) -> Vec<Vec<Chip>> {
    let room = w.saturating_sub(width(LEAD) + width(HINT));
    let one_line = |c: &[Chip]| c.iter().map(Chip::width).sum::<usize>() + 3 * c.len().saturating_sub(1) <= room;
    for short in [false, true] {
        let c = chips(parts, short);
        if one_line(&c) {
            return vec![c];
        }
    }
    let room = w.saturating_sub(width(LEAD));
    let mut lines: Vec<Vec<Chip>> = vec![Vec::new()];
    let mut used = 0;
    for mut chip in chips(parts, true) {
        let sep = if used == 0 { 0 } else { 3 };
        if used > 0 && used + sep + chip.width() > room {
            lines.push(Vec::new());
            used = 0;
        }
        if chip.width() > room {
            chip.value = truncate(&chip.value, room.saturating_sub(width(&chip.kind))).into_owned();
        }
        used += if used == 0 { 0 } else { 3 } + chip.width();
        lines.last_mut().expect("a line").push(chip);
    }
    if lines.len() > MAX_FILTER_LINES {
        // Seven kinds of filter on a very narrow screen: put what is left on the last line.
        let rest: Vec<Chip> = lines.drain(MAX_FILTER_LINES..).flatten().collect();
        lines[MAX_FILTER_LINES - 1].extend(rest);
    }
    lines
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
    let lines = filter_lines(&state.filter.parts(&state.timeline), w);
    let last = lines.len() - 1;
    for (i, chips) in lines.into_iter().enumerate() {
        let y = area.y + 1 + i as u16;
        if y >= area.bottom() {
            break;
        }
        let lead = if i == 0 { LEAD.to_string() } else { " ".repeat(width(LEAD)) };
        let mut used = width(&lead);
        let mut spans = vec![Span::styled(lead, theme.header)];
        for (k, chip) in chips.into_iter().enumerate() {
            let sep = if k == 0 { "" } else { " · " };
            used += width(sep) + chip.width();
            spans.push(Span::styled(format!("{sep}{}", chip.kind), theme.header));
            spans.push(Span::styled(chip.value, theme.header_filter));
        }
        if i == last && used + width(HINT) <= w {
            spans.push(Span::styled(" ".repeat(w - used - width(HINT)), theme.header));
            spans.push(Span::styled(HINT, theme.header));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)).style(theme.header), Rect { y, height: 1, ..area });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts() -> Vec<(&'static str, Vec<String>)> {
        vec![
            ("Regions", vec!["Almaty".into(), "Mangystau".into()]),
            ("Topics", vec!["Protests".into(), "Violence".into()]),
            ("Actor", vec!["Kassym-Jomart Tokayev".into()]),
        ]
    }

    fn shown(lines: &[Vec<Chip>]) -> String {
        lines
            .iter()
            .map(|l| l.iter().map(|c| format!("{}{}", c.kind, c.value)).collect::<Vec<_>>().join(" · "))
            .collect::<Vec<_>>()
            .join(" / ")
    }

    #[test]
    fn every_filter_is_shown_at_every_width() {
        assert_eq!(
            shown(&filter_lines(&parts(), 120)),
            "Regions: Almaty, Mangystau · Topics: Protests, Violence · Actor: Kassym-Jomart Tokayev"
        );
        // 80 columns: the review's case, where the actor used to be cut off.
        assert_eq!(shown(&filter_lines(&parts(), 80)), "Regions (2) · Topics (2) · Actor: Kassym-Jomart Tokayev");
        for w in 20..200 {
            let lines = filter_lines(&parts(), w);
            assert!(lines.len() <= MAX_FILTER_LINES, "{w}");
            let kinds: Vec<&str> = lines.iter().flatten().map(|c| c.kind.trim_end_matches([':', ' '])).collect();
            assert_eq!(kinds, ["Regions", "Topics", "Actor"], "{w}");
        }
        assert_eq!(filter_lines(&parts(), 50).len(), 2, "wraps rather than hiding");
    }
}
