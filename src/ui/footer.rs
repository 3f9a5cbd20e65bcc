//! The bottom line: the prompt being typed, or a message, then the key hints for the current
//! context, read from the keymap table.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use super::text::{truncate, width};
use crate::app::keymap::{self, Ctx, Hint};
use crate::app::{Action, PromptKind, State};

/// The hints shown for this state: the context's footer bindings, plus "clear filters" when a
/// filter is active. Help and the way out come last (see [`render`]: they are never dropped).
pub fn hints(state: &State) -> Vec<Hint> {
    let ctx = Ctx::of(state);
    let mut hints = keymap::footer_hints(ctx);
    if let Some(q) = &state.quiz {
        // Answering keys while asking; review and retry on the score screen, if anything was wrong.
        let end = q.on_score_screen() && !q.wrong().is_empty();
        let asking = !q.finished() || q.reviewing.is_some();
        hints.retain(|h| match h.action {
            Action::QuizReview | Action::QuizRetry => end,
            Action::Answer(_) => asking && q.reviewing.is_none(),
            Action::NextEvent => asking,
            _ => true,
        });
    }
    if state.selected_event().is_none_or(|e| e.related.is_empty()) {
        hints.retain(|h| h.action != Action::OpenRelated);
    }
    if let Some(p) = &state.prompt
        && p.kind != PromptKind::Search
    {
        // Tab only means something to a search; Enter goes to a date or sets the range.
        hints.retain(|h| h.action != Action::SearchAsFilter);
        for h in hints.iter_mut().filter(|h| h.action == Action::Apply) {
            h.label = if p.kind == PromptKind::GoToDate { "go" } else { "apply" };
        }
    }
    if matches!(ctx, Ctx::List | Ctx::Detail)
        && !state.filter.is_empty()
        && let Some(b) = keymap::bindings(ctx).find(|b| b.action == Action::ClearFilters)
    {
        hints.push(Hint { keys: b.keys[0].label(), label: "clear filters", action: Action::ClearFilters });
    }
    let (mut essential, rest): (Vec<Hint>, Vec<Hint>) = hints.into_iter().partition(Hint::essential);
    let mut out = rest;
    out.append(&mut essential);
    out
}

/// Which hints fit in `room` columns: every essential one, then the others in order while they fit.
fn fitting(hints: Vec<Hint>, room: usize) -> Vec<Hint> {
    let w = |h: &Hint| width(&h.keys) + width(h.label) + 4;
    let mut left = room.saturating_sub(hints.iter().filter(|h| h.essential()).map(w).sum());
    hints
        .into_iter()
        .filter(|h| {
            if h.essential() {
                return true;
            }
            let fits = w(h) <= left;
            if fits {
                left -= w(h);
            } else {
                // Keep the order: once one is dropped, drop the rest.
                left = 0;
            }
            fits
        })
        .collect()
}

/// Columns taken by the essential hints (help, quit or back).
fn essential_width(hints: &[Hint]) -> usize {
    hints.iter().filter(|h| h.essential()).map(|h| width(&h.keys) + width(h.label) + 4).sum()
}

/// The footer's height at `width` columns: a second line, above the hints, when a message would
/// not fit whole beside them (a notice that names a file must be read to the end).
pub fn height(state: &State, width_cols: u16) -> u16 {
    let Some(msg) = &state.message else { return 1 };
    let room = (width_cols as usize).saturating_sub(2 + essential_width(&hints(state)));
    if state.prompt.is_none() && width(msg) <= room {
        return 1;
    }
    // At most two lines of message; the second ends in "…" if that is not enough.
    1 + crate::text::wrap(msg, (width_cols as usize).saturating_sub(2).max(1)).len().clamp(1, 2) as u16
}

/// Draw the footer in `area`: one line, or (when `area` has two) the message on a line of its own.
pub fn render(state: &State, theme: &Theme, frame: &mut Frame, area: Rect) {
    if area.height >= 2
        && let Some(msg) = &state.message
    {
        let top = Rect { height: area.height - 1, ..area };
        let w = (area.width as usize).saturating_sub(2).max(1);
        let mut text = crate::text::wrap(msg, w);
        if text.len() > top.height as usize {
            text.truncate(top.height as usize);
            if let Some(last) = text.last_mut() {
                *last = truncate(&format!("{last} …"), w).into_owned();
            }
        }
        let lines: Vec<Line> =
            text.into_iter().map(|l| Line::from(Span::styled(format!(" {l} "), theme.message))).collect();
        frame.render_widget(Paragraph::new(lines).style(theme.footer), top);
        render_line(state, theme, frame, Rect { y: area.bottom() - 1, height: 1, ..area }, false);
    } else {
        render_line(state, theme, frame, area, true);
    }
}

fn render_line(state: &State, theme: &Theme, frame: &mut Frame, area: Rect, with_message: bool) {
    let max = area.width as usize;
    let mut spans = Vec::new();
    let mut used = 0;
    let hints = hints(state);
    // The essential hints (help, quit or back) are kept whatever else is shown.
    let essential = essential_width(&hints);
    if let Some(p) = &state.prompt {
        let label = p.kind.label();
        spans.push(Span::styled(format!(" {label}"), theme.footer_key));
        used += 1 + width(label);
        // Keep the end of a long input visible (and at least a few columns of it).
        let room = max.saturating_sub(used + 2 + essential).max(8);
        let shown = crate::text::truncate_start(&p.text, room).into_owned();
        // An offered last search is shown selected: typing replaces it.
        spans.push(Span::styled(shown.clone(), if p.prefilled { theme.selected } else { theme.input }));
        used += width(&shown);
        frame.set_cursor_position(Position { x: area.x + used.min(max.saturating_sub(1)) as u16, y: area.y });
        used += 1;
        spans.push(Span::raw(" "));
        if p.text.is_empty() {
            let ph = truncate(p.kind.placeholder(), max.saturating_sub(used + 1 + essential)).into_owned();
            used += width(&ph) + 1;
            spans.push(Span::styled(ph, theme.dim));
            spans.push(Span::raw(" "));
        } else if p.kind == PromptKind::Search
            && let Some(s) = &state.search
        {
            let n = s.matches.len();
            let count = format!(" {n} {} ", if n == 1 { "match" } else { "matches" });
            used += width(&count);
            spans.push(Span::styled(count, theme.message));
        }
    }
    if let Some(p) = &state.present {
        let status = match p.autoplay {
            _ if !p.number.is_empty() => Some(format!(" Go to slide {}: Enter ", p.number)),
            Some(a) if a.paused => Some(" auto-advance paused ".to_string()),
            Some(a) => Some(format!(" next slide in {} s ", a.remaining)),
            None => None,
        };
        if let Some(st) = status {
            used += width(&st);
            spans.push(Span::styled(st, theme.message));
        }
    }
    if let Some(class) = &state.class {
        // A class over SSH: who leads and who follows stays in view, with the key that changes it.
        let st = format!(" {} ", crate::app::class::status(class));
        let hint = format!(" {} ", crate::app::class::key_hint(class));
        used += width(&st) + 3 + width(&hint);
        spans.push(Span::styled(st, theme.message));
        spans.push(Span::styled(" L ", theme.footer_key));
        spans.push(Span::styled(hint, theme.footer));
    }
    if with_message && let Some(msg) = &state.message {
        let m = truncate(msg, max.saturating_sub(used + 2 + essential));
        if !m.is_empty() {
            used += width(&m) + 2;
            spans.push(Span::styled(format!(" {m} "), theme.message));
        }
    }
    for h in fitting(hints, max.saturating_sub(used)) {
        spans.push(Span::styled(format!(" {} ", h.keys), theme.footer_key));
        spans.push(Span::styled(format!(" {} ", h.label), theme.footer));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(theme.footer), area);
}
