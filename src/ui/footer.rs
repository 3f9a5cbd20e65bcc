//! The bottom line: a message if there is one, then the key hints for the current context, read
//! from the keymap table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use super::text::{truncate, width};
use crate::app::keymap::{self, Ctx};
use crate::app::{Action, State};

/// The hints shown for this state: the context's footer bindings, plus "clear filter" when a
/// filter is active.
pub fn hints(state: &State) -> Vec<(String, &'static str)> {
    let ctx = Ctx::of(state);
    let mut hints = keymap::footer_hints(ctx);
    if matches!(ctx, Ctx::List | Ctx::Detail)
        && !state.filter.is_empty()
        && let Some(b) = keymap::bindings(ctx).find(|b| b.action == Action::ClearFilters)
    {
        let at = hints.len().saturating_sub(2);
        hints.insert(at, (b.keys[0].label(), "clear filter"));
    }
    hints
}

pub fn render(state: &State, theme: &Theme, frame: &mut Frame, area: Rect) {
    let max = area.width as usize;
    let mut spans = Vec::new();
    let mut used = 0;
    if let Some(msg) = &state.message {
        let m = truncate(msg, max.saturating_sub(1));
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
