//! Shared helpers for the integration tests.
#![allow(dead_code)]

pub mod pty;

use kz_timeline::app::{Action, Options, State, update};
use kz_timeline::model::Timeline;
use kz_timeline::model::load::{bundled_regions, timeline_from_str};
use kz_timeline::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

/// The fictional fixture timeline (stable, so snapshots do not change with the bundled data).
pub fn small() -> Timeline {
    timeline_from_str(include_str!("../fixtures/small.json"), "small.json", bundled_regions()).unwrap()
}

pub fn state(t: Timeline) -> State {
    State::new(t, "small.json", Options::default())
}

/// Draw like the terminal loop: render, feed the metrics back, render again.
pub fn draw(s: &mut State, theme: &Theme, w: u16, h: u16) -> Buffer {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    for _ in 0..2 {
        let mut m = None;
        term.draw(|f| m = Some(ui::render(s, theme, f))).unwrap();
        update(s, Action::Measured(m.unwrap()));
    }
    term.backend().buffer().clone()
}

/// The screen as text, one line per row (no styles).
pub fn text(buf: &Buffer) -> String {
    let w = buf.area.width as usize;
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..w {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let cell = &buf[(x as u16, y)];
            let sym = cell.symbol();
            line.push_str(sym);
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Send actions to the state.
pub fn act(s: &mut State, actions: &[Action]) {
    for &a in actions {
        update(s, a);
    }
}
