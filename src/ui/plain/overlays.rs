//! Popups on the plain screens: the ones shared with the normal views (filter popups, jump,
//! related events, glossary, figures), drawn alone under the header with the cursor on their
//! current row, and the help, said in words.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Clear;

use super::{MAX_TEXT_W, cursor_at, lines_at, para, words};
use crate::app::keymap;
use crate::app::{Metrics, Overlay, State};
use crate::ui::{Theme, figures, glossary, jump, picker, related};

/// A popup, alone on the screen below the header (the list is not drawn under it).
pub fn render(state: &State, overlay: &Overlay, theme: &Theme, frame: &mut Frame, body: Rect, m: &mut Metrics) {
    frame.render_widget(Clear, body);
    let cursor_row = |m: &Metrics, cursor: usize, frame: &mut Frame| {
        if let Some(r) = m.popup
            && cursor >= m.popup_offset
            && cursor - m.popup_offset < r.height as usize
        {
            cursor_at(frame, r.x, r.y + (cursor - m.popup_offset) as u16);
        }
    };
    match overlay {
        Overlay::Picker(p) => {
            picker::render(p, theme, frame, body, m);
            if p.query.is_empty() {
                cursor_row(m, p.cursor, frame);
            }
        }
        Overlay::Jump(j) => jump::render(state, j, theme, frame, body, m),
        Overlay::Figures(f) => {
            figures::render(f, theme, frame, body, m);
            cursor_row(m, f.cursor, frame);
        }
        Overlay::Related(r) => {
            related::render(state, r, theme, frame, body, m);
            cursor_row(m, r.cursor, frame);
        }
        Overlay::Glossary(g) => glossary::render(state, g, theme, frame, body, m),
        Overlay::Help { scroll } => help(*scroll, theme, frame, body, m),
    }
    unglyph(frame, body);
}

/// The popups shared with the normal views mark the current row with "▶" (plain: ">") and the
/// jump's input with "›" (plain: nothing; the cursor is there).
fn unglyph(frame: &mut Frame, area: Rect) {
    let buf = frame.buffer_mut();
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            if let Some(cell) = buf.cell_mut((x, y)) {
                match cell.symbol() {
                    "▶" => _ = cell.set_symbol(">"),
                    "›" => _ = cell.set_symbol(" "),
                    _ => {}
                }
            }
        }
    }
}

/// Every key, section by section, each said in words: "Up or k: previous event."
pub fn help_lines(theme: &Theme, w: usize) -> Vec<Line<'static>> {
    let mut sections: Vec<(&str, Vec<String>)> = Vec::new();
    for b in keymap::KEYMAP {
        let title = keymap::section_title(b.ctx);
        let entry = format!("{}: {}.", words::sentence(words::keys(b.keys)), b.help);
        match sections.iter_mut().find(|(t, _)| *t == title) {
            Some((_, v)) => v.push(entry),
            None => sections.push((title, vec![entry])),
        }
    }
    let mut out = para("Every key, by where it works. Up and Down scroll this help; Escape closes it.", w, theme.dim);
    for (title, entries) in sections {
        out.push(Line::default());
        out.extend(para(title, w, theme.label));
        for e in entries {
            out.extend(para(&e, w, theme.base));
        }
    }
    out.push(Line::default());
    out.extend(para("Claim statuses (in an event's claims)", w, theme.label));
    for c in crate::model::ClaimStatus::ALL {
        out.extend(para(&format!("{}: {}.", c.name(), c.meaning()), w, theme.base));
    }
    out
}

fn help(scroll: usize, theme: &Theme, frame: &mut Frame, body: Rect, m: &mut Metrics) {
    let w = (body.width as usize).min(MAX_TEXT_W);
    let mut all = para("Help: keys", w, theme.pane_title);
    all.extend(help_lines(theme, w));
    let rows = body.height as usize;
    let scroll = scroll.min(all.len().saturating_sub(rows));
    m.help_lines = all.len();
    m.help_rows = rows;
    cursor_at(frame, body.x, body.y);
    lines_at(frame, body, all.into_iter().skip(scroll).take(rows).collect());
}
