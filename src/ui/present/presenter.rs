//! The presenter's screen (`present --presenter`, or `P`): the slide the class sees, the next
//! slide's title, the teacher notes, the elapsed time and the clock. The projected slides follow
//! from another instance (`present --follow`, see `crate::present_sync`).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::text::{truncate, wrap};
use super::super::{Theme, footer, pane_block};
use crate::app::{Metrics, Presentation, State};

/// "12:34" (minutes:seconds), or "1:02:03" past an hour.
pub fn elapsed(secs: u64) -> String {
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 { format!("{h}:{m:02}:{s:02}") } else { format!("{m:02}:{s:02}") }
}

/// "09:05" from seconds since midnight.
fn clock(secs: u32) -> String {
    format!("{:02}:{:02}", secs / 3600 % 24, secs / 60 % 60)
}

pub fn render(state: &State, p: &Presentation, theme: &Theme, frame: &mut Frame, m: &mut Metrics) {
    let area = frame.area();
    let [top, body, footer_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(0), Constraint::Length(1)]).areas(area);
    let n = state.view.len();
    let pos = state.selected.unwrap_or(0);
    let at = if p.at_end { "end slide".to_string() } else { format!("slide {} of {n}", pos + 1) };
    let mut status = format!(" Presenter view · {at} · elapsed {}", elapsed(p.elapsed));
    if let Some(c) = state.clock {
        status.push_str(&format!(" · {}", clock(c)));
    }
    if p.sync.is_some() {
        status.push_str(" · projector follows (present --follow)");
    }
    frame.render_widget(
        Paragraph::new(Line::styled(truncate(&status, area.width as usize).into_owned(), theme.header_title))
            .style(theme.header),
        top,
    );
    footer::render(state, theme, frame, footer_area);
    let side_w = (body.width * 2 / 5).clamp(24, 60);
    let [now_area, side] = Layout::horizontal([Constraint::Min(0), Constraint::Length(side_w)]).areas(body);
    let title = if p.blank { "Now (the screen is blank: b shows it)" } else { "Now on the screen" };
    let block = pane_block(title, true, theme);
    let inner = block.inner(now_area);
    frame.render_widget(block, now_area);
    match state.selected_event() {
        Some(_) if p.at_end => {
            frame.render_widget(Paragraph::new(Line::styled("End of the presentation", theme.big)), inner);
        }
        Some(e) => {
            m.slide_overflow = super::slide(state, e, &Presentation { notes: false, ..p.clone() }, theme, frame, inner)
        }
        None => {}
    }
    let block = pane_block("Next, and your notes", false, theme);
    let inner = block.inner(side);
    frame.render_widget(block, side);
    let w = inner.width as usize;
    let mut lines: Vec<Line<'static>> = Vec::new();
    lines.push(Line::styled("Next", theme.label));
    let next = if p.at_end { None } else { state.view.events.get(pos + 1) };
    match next {
        Some(&ix) => {
            let e = &state.timeline.events[ix];
            lines.push(Line::styled(e.start.day_key().heading(), theme.day));
            lines.extend(wrap(&e.title, w).into_iter().map(|l| Line::styled(l, theme.title)));
        }
        None if p.at_end => lines.push(Line::raw("(nothing: the presentation is over)")),
        None => lines.push(Line::raw("(the end slide)")),
    }
    lines.push(Line::default());
    lines.push(Line::styled("Teacher notes", theme.label));
    match state.selected_event().and_then(|e| e.notes.as_deref()) {
        Some(n) if !p.at_end => lines.extend(wrap(n, w).into_iter().map(Line::from)),
        _ => lines.push(Line::styled("(none for this slide)", theme.dim)),
    }
    if let Some(a) = p.autoplay {
        lines.push(Line::default());
        let text = if a.paused {
            format!("Auto-advance paused (every {} s; a resumes)", a.interval)
        } else {
            format!("Next slide in {} s (every {} s; + and - change it)", a.remaining, a.interval)
        };
        lines.extend(wrap(&text, w).into_iter().map(|l| Line::from(Span::styled(l, theme.message))));
    }
    let rows = inner.height as usize;
    if lines.len() > rows && rows > 0 {
        lines.truncate(rows - 1);
        lines.push(Line::styled(truncate("… (more in the detail pane: Esc)", w).into_owned(), theme.dim));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_like_a_stopwatch_and_a_clock() {
        assert_eq!(elapsed(0), "00:00");
        assert_eq!(elapsed(754), "12:34");
        assert_eq!(elapsed(3723), "1:02:03");
        assert_eq!(clock(9 * 3600 + 5 * 60 + 59), "09:05");
    }
}
