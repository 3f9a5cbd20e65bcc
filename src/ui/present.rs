//! Presentation mode: a slide per event, for projecting in class (the presenter's own screen is
//! in [`presenter`]).
//!
//! A slide: the date in block letters, time and place, the title, the summary, the source, the
//! claims hint and (when shown) the teacher notes; a progress strip and the day-density strip
//! under it. The block-letter size is chosen from the terminal size alone, for the widest date
//! a slide can have ("28 SEP 2022", drawn word by word with narrow gaps), so it never changes
//! from one slide to the next. Text that does not fit scrolls (↑↓) instead of being cut. On a
//! big screen the title, and the summary when it fits, are drawn in block letters too.

pub mod presenter;

use chrono::Datelike;
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use tui_big_text::{BigText, PixelSize};

use super::text::{capped, truncate, width, wrap};
use super::{Theme, density, footer};
use crate::app::{Metrics, Presentation, State};
use crate::model::{Event, Precision, Timeline};

/// Widest text column on a slide of ordinary size.
const TEXT_W: usize = 76;
/// The widest date, in glyphs per word: day, month, year.
const WIDEST_DATE: [u16; 3] = [2, 3, 4];

/// The block-letter date: "5 JAN 2022" (or "AUG 2022" for a month-only date).
pub fn big_date(e: &Event) -> String {
    let d = e.start.date;
    let s = match e.start.precision {
        Precision::Year => crate::model::when::date_year_text(d),
        Precision::Month => crate::model::when::month_year(d, false),
        _ => format!("{} {}", d.day(), crate::model::when::month_year(d, false)),
    };
    s.to_uppercase()
}

/// A block-letter size: the pixel size, columns and rows per glyph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Font {
    pub pixels: PixelSize,
    pub cols: u16,
    pub rows: u16,
}

const FONTS: [Font; 3] = [
    Font { pixels: PixelSize::Full, cols: 8, rows: 8 },
    Font { pixels: PixelSize::HalfHeight, cols: 8, rows: 4 },
    Font { pixels: PixelSize::Quadrant, cols: 4, rows: 4 },
];
/// The smallest block letters, for titles and summaries on big screens.
const SMALL_FONT: Font = FONTS[2];

impl Font {
    /// Columns a line of words takes: glyphs, and a half-glyph gap between words.
    fn width(&self, words: &[u16]) -> u16 {
        words.iter().sum::<u16>() * self.cols + words.len().saturating_sub(1) as u16 * self.gap()
    }

    fn gap(&self) -> u16 {
        self.cols / 2
    }
}

/// The date font for a slide area: the biggest in which the widest date fits the width and takes
/// at most a quarter of the height. The same for every slide at a given size.
pub fn date_font(area: Rect) -> Option<Font> {
    FONTS.into_iter().find(|f| f.width(&WIDEST_DATE) <= area.width && f.rows * 4 <= area.height)
}

/// Whether the block font has a glyph for every character of `text`.
pub fn has_glyphs(text: &str) -> bool {
    use font8x8::UnicodeFonts;
    text.chars().all(|c| font8x8::BASIC_FONTS.get(c).is_some() || font8x8::LATIN_FONTS.get(c).is_some())
}

/// `text` wrapped for block letters `cols` columns wide, if every glyph exists and it takes at
/// most `max_lines` lines.
fn block_lines(text: &str, cols: u16, max_lines: usize) -> Option<Vec<String>> {
    let per_line = usize::from(cols / SMALL_FONT.cols);
    if per_line < 12 || !has_glyphs(text) {
        return None;
    }
    let lines = wrap(text, per_line);
    (lines.len() <= max_lines).then_some(lines)
}

/// Draw the date word by word, centred, with narrow gaps (a space in the block font is a whole
/// glyph wide, which would not fit "15 JAN 2022" in 80 columns).
fn draw_date(text: &str, font: Font, style: Style, area: Rect, frame: &mut Frame) {
    let words: Vec<&str> = text.split(' ').collect();
    let lens: Vec<u16> = words.iter().map(|w| w.chars().count() as u16).collect();
    let total = font.width(&lens).min(area.width);
    let mut x = area.x + (area.width - total) / 2;
    for (word, len) in words.iter().zip(lens) {
        let w = (len * font.cols).min(area.right().saturating_sub(x));
        let big =
            BigText::builder().pixel_size(font.pixels).style(style).lines(vec![Line::from(word.to_string())]).build();
        frame.render_widget(big, Rect { x, y: area.y, width: w, height: font.rows.min(area.height) });
        x = x.saturating_add(w + font.gap());
    }
}

/// "about 02:00 (UTC+6) · Almaty, Almaty (city)".
pub fn when_where(t: &Timeline, e: &Event) -> String {
    let mut parts = Vec::new();
    let long = e.start.long();
    // The day is in the big letters; keep only the time part, if any.
    if let Some((_, time)) = long.split_once(", ") {
        parts.push(time.to_string());
    }
    // The big date is the first day: a multi-day event says how long it lasted.
    if let Some(span) = e.span_text() {
        parts.push(span);
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

/// The slide's text below the date and title, as lines `text_w` wide.
fn body_lines(e: &Event, p: &Presentation, theme: &Theme, text_w: usize, summary: bool) -> Vec<Line<'static>> {
    let mut lines: Vec<Line<'static>> = Vec::new();
    if summary {
        lines.extend(wrap(&capped(&e.summary, 5_000), text_w).into_iter().map(Line::from));
    }
    if let Some(src) = e.sources.first() {
        lines.push(Line::default());
        let more = if e.sources.len() > 1 { format!(" (+{} more)", e.sources.len() - 1) } else { String::new() };
        let text = format!("Source: {}{more}", src.citation());
        lines.extend(wrap(&text, text_w).into_iter().map(|l| Line::styled(l, theme.dim)));
    }
    if !e.claims.is_empty() {
        let n = e.claims.len();
        let text = if n == 1 {
            "1 attributed claim (who said what): Esc opens the event to read it.".to_string()
        } else {
            format!("{n} attributed claims (who said what): Esc opens the event to read them.")
        };
        lines.extend(wrap(&text, text_w).into_iter().map(|l| Line::styled(l, theme.status_other)));
    }
    if p.notes {
        lines.push(Line::default());
        lines.push(Line::styled("Teacher notes", theme.status_other));
        match &e.notes {
            Some(n) => lines.extend(
                wrap(n, text_w.saturating_sub(2)).into_iter().map(|l| Line::from(format!("│ {l}")).style(theme.label)),
            ),
            None => lines.push(Line::styled("│ (none for this event)", theme.dim)),
        }
    }
    lines
}

/// Draw the slide for `e` in `area`, centred vertically; returns how many lines did not fit
/// (the scroll limit).
pub fn slide(state: &State, e: &Event, p: &Presentation, theme: &Theme, frame: &mut Frame, area: Rect) -> usize {
    let t = &state.timeline;
    let w = area.width as usize;
    let big_screen = area.width >= 150 && area.height >= 45;
    // Ordinary text keeps a readable measure; block letters may use the whole width.
    let text_w = w.saturating_sub(4).min(if big_screen { 110 } else { TEXT_W });
    let block_w = if big_screen { w.saturating_sub(8).min(200) } else { text_w };
    let text_x = area.x + ((w - text_w) / 2) as u16;
    let block_x = area.x + ((w - block_w) / 2) as u16;
    let font = date_font(area);
    let date_h = font.map_or(2, |f| f.rows + 1);
    let centred = |text: &str, style: Style| -> Vec<Line<'static>> {
        wrap(text, text_w).into_iter().map(|l| Line::styled(l, style).alignment(Alignment::Center)).collect()
    };
    let mut head = Vec::new();
    let ww = when_where(t, e);
    if !ww.is_empty() {
        head.extend(centred(&ww, theme.label));
        head.push(Line::default());
    }
    let height = usize::from(area.height);
    // The title and summary in block letters on a big screen, when they fit.
    let big_title = if big_screen { block_lines(&e.title, block_w as u16, 2) } else { None };
    let title_h = big_title.as_ref().map_or(0, |l| l.len() * 4 + 1);
    let big_summary = big_title.as_ref().and_then(|_| {
        let left = height.saturating_sub(usize::from(date_h) + head.len() + title_h + 6);
        block_lines(&e.summary, block_w as u16, left / 4)
    });
    if big_title.is_none() {
        head.extend(centred(&e.title, theme.title));
        head.push(Line::default());
    }
    let blocks: Vec<(Vec<String>, Style)> = [(big_title, theme.title), (big_summary.clone(), Style::new())]
        .into_iter()
        .filter_map(|(b, s)| b.map(|b| (b, s)))
        .collect();
    let blocks_h: usize = blocks.iter().map(|(b, _)| b.len() * 4 + 1).sum();
    let rest = body_lines(e, p, theme, text_w, big_summary.is_none());
    let total = usize::from(date_h) + head.len() + blocks_h + rest.len();
    // Centred, a little above the middle; from the top when it does not fit.
    let mut y = area.y + (height.saturating_sub(total) / 3) as u16;
    let bottom = area.bottom();
    // A date wider than the usual widest (a deep year: "13.8 BILLION YEARS AGO") takes a
    // smaller font of the rows kept for it, or the plain heading when none is small enough.
    let date = big_date(e);
    let words: Vec<u16> = date.split(' ').map(|w| w.chars().count() as u16).collect();
    let fitting =
        font.and_then(|f| FONTS.into_iter().filter(|g| g.rows <= f.rows).find(|g| g.width(&words) <= area.width));
    match fitting {
        Some(font) => draw_date(&date, font, theme.big, Rect { y, height: font.rows, ..area }, frame),
        None => {
            let day = Paragraph::new(Line::styled(e.start.day_key().heading(), theme.big)).alignment(Alignment::Center);
            frame.render_widget(day, Rect { y, height: 1, ..area });
        }
    }
    y = (y + date_h).min(bottom);
    let head_h = (head.len() as u16).min(bottom - y);
    frame.render_widget(Paragraph::new(head), Rect { x: text_x, y, width: text_w as u16, height: head_h });
    y += head_h;
    for (block, style) in blocks {
        let h = (block.len() as u16 * SMALL_FONT.rows).min(bottom - y);
        let big = BigText::builder()
            .pixel_size(SMALL_FONT.pixels)
            .style(theme.base.patch(style))
            .lines(block.into_iter().map(Line::from).collect::<Vec<_>>())
            .alignment(Alignment::Center)
            .build();
        frame.render_widget(big, Rect { x: block_x, y, width: block_w as u16, height: h });
        y = (y + h + 1).min(bottom);
    }
    let rows = usize::from(bottom - y);
    let overflow = rest.len().saturating_sub(rows);
    let scroll = p.scroll.min(overflow);
    let mut shown: Vec<Line<'static>> = rest.into_iter().skip(scroll).take(rows).collect();
    if overflow > 0 && rows > 0 {
        // Say there is more, and which way.
        let more = if scroll < overflow { "↓ more: press ↓ to scroll" } else { "↑ press ↑ to scroll back" };
        shown.truncate(rows - 1);
        shown.push(Line::styled(more.to_string(), theme.label));
    }
    frame.render_widget(Paragraph::new(shown), Rect { x: text_x, y, width: text_w as u16, height: rows as u16 });
    overflow
}

/// The slide after the last: the class knows it is over.
fn end_slide(state: &State, theme: &Theme, frame: &mut Frame, area: Rect) {
    let n = state.view.len();
    let lines = vec![
        Line::styled("End of the presentation", theme.big).alignment(Alignment::Center),
        Line::default(),
        Line::styled(
            format!("{n} slide{} · ← back to the last slide · Esc the explorer", if n == 1 { "" } else { "s" }),
            theme.label,
        )
        .alignment(Alignment::Center),
    ];
    let y = area.y + area.height.saturating_sub(3) / 2;
    frame.render_widget(Paragraph::new(lines), Rect { y, height: 3.min(area.height), ..area });
}

/// The projected screen: the slide full screen, or the presenter's view.
pub fn render(state: &State, p: &Presentation, theme: &Theme, frame: &mut Frame, m: &mut Metrics) {
    let area = frame.area();
    m.slide_overflow = 0;
    if p.presenter {
        presenter::render(state, p, theme, frame, m);
        // `--watch`: a save that does not load is said over the top row, as in the explorer.
        super::banner::render_line(state, theme, frame, area);
        return;
    }
    if p.blank {
        // Blank means blank: nothing on the projector until b is pressed again.
        return;
    }
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
    let title = truncate(&t.title, w.saturating_sub(2));
    frame.render_widget(Paragraph::new(Line::styled(format!(" {title}"), theme.dim)), Rect { height: 1, ..area });
    super::banner::render_line(state, theme, frame, area);
    footer::render(state, theme, frame, Rect { y: footer_y, height: 1, ..area });
    if bottom_rows == 3 {
        let prog = Rect { y: footer_y - 2, height: 1, ..area };
        let shown = if p.at_end { state.view.len() } else { pos };
        frame.render_widget(
            Paragraph::new(Line::styled(progress(shown.min(state.view.len() - 1), state.view.len(), w), theme.label)),
            prog,
        );
        let strip = Rect { x: area.x + 1, y: footer_y - 1, width: area.width.saturating_sub(2), height: 1 };
        density::render(&state.view, Some(e.start.date), theme, frame, strip);
    }
    let body =
        Rect { x: area.x, y: area.y + 2, width: area.width, height: area.height.saturating_sub(2 + bottom_rows) };
    if p.at_end {
        end_slide(state, theme, frame, body);
        return;
    }
    m.slide_overflow = slide(state, e, p, theme, frame, body);
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

    #[test]
    fn the_date_font_depends_on_the_screen_not_the_date() {
        // 80x24 (slide area 80x19): half-height letters fit "28 SEP 2022" with narrow gaps.
        assert_eq!(date_font(Rect::new(0, 0, 80, 19)).map(|f| f.rows), Some(4));
        assert_eq!(date_font(Rect::new(0, 0, 120, 35)).map(|f| f.rows), Some(8));
        assert_eq!(date_font(Rect::new(0, 0, 40, 8)), None);
        assert_eq!(FONTS[1].width(&WIDEST_DATE), 80, "fits 80 columns exactly");
    }

    #[test]
    fn block_letters_only_for_text_the_font_can_draw() {
        assert!(has_glyphs("Protests spread to Aktau, the regional capital"));
        assert!(!has_glyphs("Тоқаев"));
        assert!(!has_glyphs("\u{201c}quoted\u{201d}"));
        assert_eq!(block_lines("Тоқаев", 200, 3), None);
        assert_eq!(block_lines("A short title", 200, 1).map(|l| l.len()), Some(1));
        assert_eq!(block_lines(&"word ".repeat(40), 200, 2), None, "too many lines");
    }
}
