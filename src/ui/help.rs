//! The `?` overlay, generated from the keymap table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::text::{fit, width};
use super::{Theme, centered, pane_block};
use crate::app::Metrics;
use crate::app::keymap::help_sections;
use crate::model::ClaimStatus;

/// The help text, one entry per line.
pub fn lines(theme: &Theme, w: usize) -> Vec<Line<'static>> {
    let entries = help_sections();
    let key_w = entries.iter().flat_map(|(_, e)| e.iter().map(|(k, _)| width(k))).max().unwrap_or(0).min(w / 2);
    let intro = "Every key, by where it works. Scroll with ↑↓; Esc closes. With --mouse, the wheel scrolls and a click selects. With a Russian or Kazakh keyboard layout on, the letter keys work where they are (о is j).";
    let mut out: Vec<Line<'static>> =
        super::text::wrap(intro, w).into_iter().map(|l| Line::styled(l, theme.dim)).collect();
    for (title, list) in entries {
        out.push(Line::default());
        out.push(Line::styled(title.to_string(), theme.label));
        for (keys, help) in list {
            // Long descriptions wrap under themselves, never cut.
            let text = super::text::wrap(help, w.saturating_sub(key_w + 4).max(8));
            for (i, l) in text.into_iter().enumerate() {
                let k = if i == 0 { fit(&keys, key_w) } else { " ".repeat(key_w) };
                out.push(Line::from(vec![
                    Span::raw("  "),
                    Span::styled(k, theme.title),
                    Span::raw("  "),
                    Span::raw(l),
                ]));
            }
        }
    }
    // What the claim statuses in the detail pane mean.
    out.push(Line::default());
    out.push(Line::styled("Claim statuses (in an event's Claims)", theme.label));
    let name_w = ClaimStatus::ALL.iter().map(|c| c.name().len() + 2).max().unwrap_or(0).min(w / 2);
    for c in ClaimStatus::ALL {
        let text = super::text::wrap(c.meaning(), w.saturating_sub(name_w + 4).max(8));
        for (i, l) in text.into_iter().enumerate() {
            let k = if i == 0 { fit(&format!("[{}]", c.name()), name_w) } else { " ".repeat(name_w) };
            out.push(Line::from(vec![Span::raw("  "), Span::styled(k, theme.title), Span::raw("  "), Span::raw(l)]));
        }
    }
    out
}

pub fn render(scroll: usize, theme: &Theme, frame: &mut Frame, body: Rect, m: &mut Metrics) {
    let area = centered(body, 72, body.height.saturating_sub(2).max(6));
    frame.render_widget(Clear, area);
    let block = pane_block("Help: keys", true, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let all = lines(theme, inner.width.saturating_sub(1) as usize);
    let rows = inner.height as usize;
    let scroll = scroll.min(all.len().saturating_sub(rows));
    m.help_lines = all.len();
    m.help_rows = rows;
    let visible: Vec<Line> = all.into_iter().skip(scroll).take(rows).collect();
    frame
        .render_widget(Paragraph::new(visible), Rect { x: inner.x + 1, width: inner.width.saturating_sub(1), ..inner });
}
