//! The bottom line: the prompt being typed, or a message, then the key hints for the current
//! context, read from the keymap table.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use super::text::{truncate, width};
use crate::app::keymap::{self, Ctx};
use crate::app::{Action, PromptKind, State};

/// The hints shown for this state: the context's footer bindings, plus "clear filter" when a
/// filter is active.
pub fn hints(state: &State) -> Vec<(String, &'static str)> {
    let ctx = Ctx::of(state);
    let mut hints = keymap::footer_hints(ctx);
    if state.quiz.as_ref().is_some_and(|q| q.finished() || q.questions.is_empty()) {
        // Nothing left to answer.
        hints.retain(|(_, label)| *label == "quit");
    }
    if matches!(ctx, Ctx::List | Ctx::Detail)
        && !state.filter.is_empty()
        && let Some(b) = keymap::bindings(ctx).find(|b| b.action == Action::ClearFilters)
    {
        let at = hints.len().saturating_sub(2);
        hints.insert(at, (b.keys[0].label(), "clear filters"));
    }
    hints
}

pub fn render(state: &State, theme: &Theme, frame: &mut Frame, area: Rect) {
    let max = area.width as usize;
    let mut spans = Vec::new();
    let mut used = 0;
    if let Some(p) = &state.prompt {
        let label = p.kind.label();
        spans.push(Span::styled(format!(" {label}"), theme.footer_key));
        used += 1 + width(label);
        // Keep the end of a long input visible.
        let room = max.saturating_sub(used + 2);
        let shown = crate::text::truncate_start(&p.text, room).into_owned();
        spans.push(Span::styled(shown.clone(), theme.input));
        used += width(&shown);
        frame.set_cursor_position(Position { x: area.x + used.min(max.saturating_sub(1)) as u16, y: area.y });
        used += 1;
        spans.push(Span::raw(" "));
        if p.text.is_empty() {
            let ph = truncate(p.kind.placeholder(), max.saturating_sub(used + 1)).into_owned();
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
    if let Some(msg) = &state.message {
        let m = truncate(msg, max.saturating_sub(used + 2));
        used += width(&m) + 2;
        spans.push(Span::styled(format!(" {m} "), theme.message));
    }
    for (keys, label) in hints(state) {
        let chip = format!(" {keys} ");
        let text = format!(" {label} ");
        let w = width(&chip) + width(&text);
        if used + w > max {
            break;
        }
        used += w;
        spans.push(Span::styled(chip, theme.footer_key));
        spans.push(Span::styled(text, theme.footer));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(theme.footer), area);
}
