//! Screen-reader mode (`--plain`) through ratatui's TestBackend: the list and the event's text at
//! 80x24 and 200x60, a slide and a popup. Each snapshot ends with where the terminal cursor is
//! (a screen reader reads the line it is on).

mod common;

use common::{act, small, state, text};
use insta::assert_snapshot;
use kz_timeline::app::Action::{self, *};
use kz_timeline::app::{State, update};
use kz_timeline::query::facets::Facet;
use kz_timeline::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::{Backend, TestBackend};

/// Draw twice like the terminal loop (the second frame uses the first one's metrics); the screen
/// and the cursor.
fn draw(s: &mut State, w: u16, h: u16) -> String {
    let theme = Theme::dark().plain();
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    for _ in 0..2 {
        let mut m = None;
        term.draw(|f| m = Some(ui::render(s, &theme, f))).unwrap();
        update(s, Action::Measured(m.unwrap()));
    }
    let at = term.backend_mut().get_cursor_position().unwrap();
    format!("{}-- cursor at column {}, row {}\n", text(term.backend().buffer()), at.x, at.y)
}

fn screen(actions: &[Action], w: u16, h: u16) -> String {
    let mut s = state(small());
    s.marks.toggle(2);
    draw(&mut s, w, h);
    act(&mut s, actions);
    draw(&mut s, w, h)
}

#[test]
fn plain_list_80x24() {
    assert_snapshot!(screen(&[Down, Down], 80, 24));
}

#[test]
fn plain_detail_80x24() {
    assert_snapshot!(screen(&[Down, Down, Down, Down, FocusDetail], 80, 24));
}

#[test]
fn plain_list_200x60() {
    assert_snapshot!(screen(&[Last], 200, 60));
}

#[test]
fn plain_detail_200x60() {
    assert_snapshot!(screen(&[Down, Down, Down, Down, FocusDetail], 200, 60));
}

#[test]
fn plain_slide_80x24() {
    assert_snapshot!(screen(&[Down, Down, Down, Down, Down, Present], 80, 24));
}

#[test]
fn plain_region_popup_80x24() {
    assert_snapshot!(screen(&[Pick(Facet::Region), Down, Toggle], 80, 24));
}
