//! A presentation slide: the date in block letters, the title, time and place, the summary at a
//! comfortable width, the source, optional teacher notes, and a progress strip with the
//! day-density strip under it.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};
use tui_big_text::{BigText, PixelSize};

use super::text::{capped, truncate, width, wrap};
use super::{Theme, density, footer};
use crate::app::{Presentation, State};
use crate::model::{Event, Precision, Timeline};

/// Widest text column on a slide.
const TEXT_W: usize = 76;

/// The block-letter date: "5 JAN 2022" (or "AUG 2022" for a month-only date).
pub fn big_date(e: &Event) -> String {
    let d = e.start.date;
    let s = match e.start.precision {
        Precision::Year => d.format("%Y").to_string(),
        Precision::Month => d.format("%b %Y").to_string(),
        _ => format!("{} {}", d.format("%-d"), d.format("%b %Y")),
    };
    s.to_uppercase()
}

/// Pick the biggest block letters that fit: (pixel size, rows used).
fn big_size(text: &str, area: Rect) -> Option<(PixelSize, u16)> {
    let chars = text.chars().count() as u16;
    [(PixelSize::Full, 8u16, 8u16), (PixelSize::HalfHeight, 8, 4), (PixelSize::Quadrant, 4, 4)]
        .into_iter()
        .find(|&(_, cw, rows)| chars * cw <= area.width && rows * 4 <= area.height)
        .map(|(p, _, rows)| (p, rows))
}

/// "about 02:00 (UTC+6) · Almaty, Almaty (city)".
fn when_where(t: &Timeline, e: &Event) -> String {
    let mut parts = Vec::new();
    let long = e.start.long();
    // The day is in the big letters; keep only the time part, if any.
    if let Some((_, time)) = long.split_once(", ") {
        parts.push(time.to_string());
    }
    let mut place = Vec::new();
    if let Some(p) = &e.place {
        place.push(p.name.clone());
    }
    if let Some(r) = e.region {
        let r = t.region(r);
        if !place.contains(&r.name) {
            place.push(r.name.clone());
        }
    }
    if !place.is_empty() {
        parts.push(place.join(", "));
    }
    parts.join(" · ")
}

/// The progress strip: "━━━━━━●──────  12 / 64".
fn progress(pos: usize, total: usize, w: usize) -> String {
    let label = format!("  {} / {}", pos + 1, total);
    let bar_w = w.saturating_sub(width(&label) + 2);
    if bar_w < 4 {
        return label.trim().to_string();
    }
    let at = if total <= 1 { bar_w - 1 } else { pos * (bar_w - 1) / (total - 1) };
    let bar: String = (0..bar_w)
        .map(|i| {
            if i < at {
                '━'
            } else if i == at {
                '●'
            } else {
                '─'
            }
        })
        .collect();
    format!(" {bar}{label}")
}

fn centered_lines(lines: Vec<Line<'static>>, area: Rect, frame: &mut Frame) {
    frame.render_widget(Paragraph::new(lines).alignment(Alignment::Center), area);
}

pub fn render(state: &State, p: &Presentation, theme: &Theme, frame: &mut Frame) {
    let area = frame.area();
    let (Some(e), Some(pos)) = (state.selected_event(), state.selected) else {
        let msg = Paragraph::new("No events to present. Press Esc.").style(theme.message).alignment(Alignment::Center);
        frame.render_widget(msg, area);
        return;
    };
    let t = &state.timeline;
    let w = area.width as usize;
    // Bottom: progress, density, footer. Top: the timeline's title.
    let footer_y = area.bottom() - 1;
    let bottom_rows = if area.height >= 12 { 3 } else { 1 };
    let top = Rect { height: 1, ..area };
    let title = truncate(&t.title, w.saturating_sub(2));
    frame.render_widget(Paragraph::new(Line::styled(format!(" {title}"), theme.dim)), top);
    footer::render(state, theme, frame, Rect { y: footer_y, height: 1, ..area });
    if bottom_rows == 3 {
        let prog = Rect { y: footer_y - 2, height: 1, ..area };
        frame.render_widget(Paragraph::new(Line::styled(progress(pos, state.view.len(), w), theme.label)), prog);
        let strip = Rect { x: area.x + 1, y: footer_y - 1, width: area.width.saturating_sub(2), height: 1 };
        density::render(&state.view, Some(e.start.date), theme, frame, strip);
    }
    let body =
        Rect { x: area.x, y: area.y + 1, width: area.width, height: area.height.saturating_sub(1 + bottom_rows) };
    let text_w = (w.saturating_sub(4)).min(TEXT_W);
    let text_x = area.x + ((w - text_w) / 2) as u16;

    // Everything below the big date, as lines.
    let mut lines: Vec<Line<'static>> = Vec::new();
    let ww = when_where(t, e);
    if !ww.is_empty() {
        lines.extend(wrap(&ww, text_w).into_iter().map(|l| Line::styled(l, theme.label).alignment(Alignment::Center)));
        lines.push(Line::default());
    }
    lines.extend(wrap(&e.title, text_w).into_iter().map(|l| Line::styled(l, theme.title).alignment(Alignment::Center)));
    lines.push(Line::default());
    lines.extend(wrap(&capped(&e.summary, 5_000), text_w).into_iter().map(Line::from));
    if let Some(src) = e.sources.first() {
        lines.push(Line::default());
        let more = if e.sources.len() > 1 { format!(" (+{} more)", e.sources.len() - 1) } else { String::new() };
        let text = format!("Source: {}{more}", src.citation());
        lines.extend(wrap(&text, text_w).into_iter().map(|l| Line::styled(l, theme.dim)));
    }
    if !e.claims.is_empty() {
        let n = e.claims.len();
        let text =
            format!("{n} attributed claim{} (who said what): press Esc to read them.", if n == 1 { "" } else { "s" });
        lines.extend(wrap(&text, text_w).into_iter().map(|l| Line::styled(l, theme.status_other)));
    }
    let notes: Vec<Line<'static>> = match (&e.notes, p.notes) {
        (Some(n), true) => wrap(n, text_w.saturating_sub(4)).into_iter().map(Line::from).collect(),
        _ => Vec::new(),
    };

    let date = big_date(e);
    let big = big_size(&date, body).filter(|(_, rows)| body.height >= rows + lines.len() as u16 / 2 + 2);
    let big_rows = big.map_or(1, |(_, r)| r) + 1;
    let notes_rows = if notes.is_empty() { 0 } else { notes.len() as u16 + 2 };
    let content = big_rows + lines.len() as u16 + notes_rows;
    let mut y = body.y + body.height.saturating_sub(content) / 2;
    match big {
        Some((size, rows)) => {
            let text = BigText::builder()
                .pixel_size(size)
                .style(theme.big)
                .lines(vec![Line::from(date)])
                .alignment(Alignment::Center)
                .build();
            frame.render_widget(text, Rect { y, height: rows, ..body });
            y += rows + 1;
        }
        None => {
            centered_lines(
                vec![Line::from(Span::styled(e.start.day_key().heading(), theme.big))],
                Rect { y, height: 1, ..body },
                frame,
            );
            y += 2;
        }
    }
    let room = body.bottom().saturating_sub(y + notes_rows);
    let shown = lines.len().min(room as usize);
    if shown < lines.len() {
        lines.truncate(shown.saturating_sub(1));
        lines.push(Line::styled("… (Esc shows the whole event)", theme.dim));
    }
    let h = lines.len() as u16;
    frame.render_widget(Paragraph::new(lines), Rect { x: text_x, y, width: text_w as u16, height: h.min(room) });
    y += h.min(room);
    if notes_rows > 0 && y + notes_rows <= body.bottom() {
        let block = Block::bordered()
            .border_type(BorderType::Rounded)
            .border_style(theme.status_other)
            .title(Line::styled(" Teacher notes ", theme.status_other));
        let r = Rect { x: text_x, y, width: text_w as u16, height: notes_rows };
        frame.render_widget(Paragraph::new(notes).block(block), r);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_marks_the_position() {
        // 20 columns: 7 for the label, 2 spare, 11 for the bar.
        assert_eq!(progress(0, 3, 20), " ●──────────  1 / 3");
        assert_eq!(progress(1, 3, 20), " ━━━━━●─────  2 / 3");
        assert_eq!(progress(2, 3, 20), " ━━━━━━━━━━●  3 / 3");
        assert_eq!(progress(0, 1, 20), " ━━━━━━━━━━●  1 / 1");
        assert_eq!(progress(4, 9, 8), "5 / 9");
    }
}
