//! The full-screen modes, plain: the quiz (the quiz view's own text, with its marks in words),
//! the projected slide and the presenter's view. A slide is the event's head in words (title,
//! when, where), its summary, its first source and how many claims it has, with the teacher notes
//! when they are on; no block letters, progress strip or density strip. A blank screen is blank.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

use super::event::{Text, head};
use super::{cursor_at, footer_lines, lines_at, words};
use crate::app::{Metrics, Presentation, State};
use crate::model::Event;
use crate::ui::Theme;

/// Draw the quiz or the presentation, whichever is on.
pub fn render(state: &State, theme: &Theme, frame: &mut Frame, m: &mut Metrics) {
    let area = frame.area();
    m.slide_overflow = 0;
    let foot = footer_lines(state, theme, area.width as usize);
    let foot_h = (foot.len() as u16).min(area.height.saturating_sub(2));
    let body = Rect { height: area.height - foot_h, ..area };
    lines_at(frame, Rect { y: body.bottom(), height: foot_h, ..area }, foot);
    if let Some(q) = &state.quiz {
        crate::ui::quiz::render_in(q, theme, frame, body);
        cursor_at(frame, area.x, area.y);
        return;
    }
    let Some(p) = &state.present else { return };
    if p.blank && !p.presenter {
        // Blank means blank: nothing on the projector until b is pressed again.
        return;
    }
    let w = (body.width as usize).min(super::MAX_TEXT_W);
    let mut b = Text::new(w, theme);
    if p.presenter {
        presenter_head(state, p, &mut b);
    }
    status(state, p, &mut b);
    let slide_start = b.lines.len();
    match state.selected_event() {
        _ if p.at_end => {
            let n = state.view.len();
            b.para(
                &format!(
                    "End of the presentation: {}. Left goes back to the last slide.",
                    crate::ui::count_words(n, "slide", "slides")
                ),
                theme.big,
            );
        }
        Some(e) => slide(state, e, p, &mut b),
        None => b.para("No events to present. Press Escape.", theme.message),
    }
    if p.presenter {
        presenter_side(state, p, &mut b);
    }
    // A long slide scrolls (Up and Down); the lines above the slide stay.
    let rows = body.height as usize;
    let (fixed, slide_lines) = b.lines.split_at(slide_start);
    let room = rows.saturating_sub(fixed.len());
    let overflow = slide_lines.len().saturating_sub(room);
    let scroll = p.scroll.min(overflow);
    let mut shown: Vec<Line<'static>> = fixed.to_vec();
    shown.extend(slide_lines.iter().skip(scroll).take(room).cloned());
    if overflow > 0 && room > 0 {
        shown.truncate(rows - 1);
        let more = if scroll < overflow { "More below: Down scrolls." } else { "End of the slide: Up scrolls back." };
        shown.push(Line::styled(more, theme.label));
    }
    m.slide_overflow = overflow;
    cursor_at(frame, body.x, body.y);
    lines_at(frame, body, shown);
}

/// "Slide 3 of 64." and what auto-advance or a typed number is doing.
fn status(state: &State, p: &Presentation, b: &mut Text) {
    let n = state.view.len();
    let mut text = match state.selected {
        _ if p.at_end => format!("After the last of {n} slides."),
        Some(pos) => format!("Slide {} of {n}.", pos + 1),
        None => String::new(),
    };
    if !p.number.is_empty() {
        text.push_str(&format!(" Go to slide {}: Enter.", p.number));
    } else if let Some(a) = p.autoplay {
        text.push_str(&if a.paused {
            format!(" Auto-advance paused, every {} seconds.", a.interval)
        } else {
            format!(" Next slide in {} seconds.", a.remaining)
        });
    }
    let dim = b.theme().dim;
    b.para(text.trim_start(), dim);
}

/// The slide: head in words, summary, first source, claims, notes when on.
fn slide(state: &State, e: &Event, p: &Presentation, b: &mut Text) {
    let theme = b.theme();
    head(b, &state.timeline, e);
    b.blank();
    b.para(&e.summary, Style::new());
    if let Some(src) = e.sources.first() {
        b.blank();
        let more = match e.sources.len() {
            1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        b.para(&format!("Source: {}{more}.", super::event::citation(src)), theme.dim);
    }
    match e.claims.len() {
        0 => {}
        1 => b.para("One attributed claim (who said what): Escape opens the event to read it.", theme.status_other),
        n => b.para(
            &format!("{n} attributed claims (who said what): Escape opens the event to read them."),
            theme.status_other,
        ),
    }
    if p.notes && !p.presenter {
        b.heading("Teacher notes");
        b.para(e.notes.as_deref().unwrap_or("None for this event."), Style::new());
    }
}

/// The presenter's first lines: elapsed time, clock, whether the projector follows.
fn presenter_head(state: &State, p: &Presentation, b: &mut Text) {
    let mut text = format!("Presenter view. Elapsed {}.", crate::ui::present::presenter::elapsed(p.elapsed));
    if let Some(c) = state.clock {
        text.push_str(&format!(" The time is {:02}:{:02}.", c / 3600 % 24, c / 60 % 60));
    }
    if p.sync.is_some() {
        text.push_str(" The projector follows (present --follow).");
    }
    if p.blank {
        text.push_str(" The projected screen is blank: b shows it.");
    }
    let title = b.theme().header_title;
    b.para(&text, title);
}

/// After the slide, on the presenter's screen: the next slide and the teacher notes.
fn presenter_side(state: &State, p: &Presentation, b: &mut Text) {
    let theme = b.theme();
    b.heading("Next");
    let pos = state.selected.unwrap_or(0);
    match state.view.events.get(pos + 1) {
        _ if p.at_end => b.para("Nothing: the presentation is over.", Style::new()),
        Some(&ix) => {
            let e = &state.timeline.events[ix];
            let day = words::day_heading(e.start.date, e.start.precision.min(crate::model::Precision::Day));
            b.para(&format!("{day}: {}", e.title), Style::new());
        }
        None => b.para("The end slide.", Style::new()),
    }
    b.heading("Teacher notes");
    let notes = state.selected_event().and_then(|e| e.notes.as_deref()).filter(|_| !p.at_end);
    b.para(notes.unwrap_or("None for this slide."), if notes.is_some() { Style::new() } else { theme.dim });
}
