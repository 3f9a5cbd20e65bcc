//! Whole-screen snapshots through ratatui's TestBackend. Review changes with `cargo insta review`.

mod common;

use common::{act, draw, small, state, text};
use insta::assert_snapshot;
use kz_timeline::app::Action::*;
use kz_timeline::ui::Theme;
use ratatui::style::Modifier;

fn screen(actions: &[kz_timeline::app::Action], w: u16, h: u16) -> String {
    let mut s = state(small());
    let theme = Theme::color();
    draw(&mut s, &theme, w, h);
    act(&mut s, actions);
    text(&draw(&mut s, &theme, w, h))
}

#[test]
fn wide_120x40() {
    assert_snapshot!(screen(&[Down, Down, Down, Down, Down], 120, 40));
}

#[test]
fn standard_80x24_list() {
    assert_snapshot!(screen(&[Down], 80, 24));
}

#[test]
fn standard_80x24_reading_an_event() {
    assert_snapshot!(screen(&[Down, Down, Down, Down, Down, FocusDetail], 80, 24));
}

#[test]
fn tall_narrow_80x40_stacks_the_detail_pane() {
    assert_snapshot!(screen(&[Last], 80, 40));
}

#[test]
fn tiny_20x6_says_it_is_too_small() {
    assert_snapshot!(screen(&[], 20, 6));
}

#[test]
fn minimum_40x10() {
    assert_snapshot!(screen(&[Down, Down], 40, 10));
}

#[test]
fn region_filter_popup_120x40() {
    assert_snapshot!(screen(&[OpenRegions, Down, Toggle], 120, 40));
}

#[test]
fn region_filter_popup_80x24() {
    assert_snapshot!(screen(&[OpenRegions, Down, Toggle, Down, Down, Toggle], 80, 24));
}

#[test]
fn filtered_list_shows_n_of_m_120x40() {
    assert_snapshot!(screen(&[OpenRegions, Down, Toggle, Last, Toggle, Apply], 120, 40));
}

#[test]
fn help_overlay_120x40() {
    assert_snapshot!(screen(&[Help], 120, 40));
}

#[test]
fn help_overlay_80x24() {
    assert_snapshot!(screen(&[Help], 80, 24));
}

#[test]
fn help_overlay_scrolled_80x24() {
    assert_snapshot!(screen(&[Help, PageDown], 80, 24));
}

#[test]
fn scrolled_detail_pane_80x24() {
    assert_snapshot!(screen(&[Down, Down, Down, Down, FocusDetail, Down, Down], 80, 24));
}

#[test]
fn every_small_size_renders_without_panic() {
    let theme = Theme::color();
    for w in 1..=60 {
        for h in 1..=20 {
            let mut s = state(small());
            draw(&mut s, &theme, w, h);
            act(&mut s, &[OpenRegions]);
            draw(&mut s, &theme, w, h);
            act(&mut s, &[Back, Help]);
            draw(&mut s, &theme, w, h);
        }
    }
}

#[test]
fn selection_is_visible_without_colour() {
    let mut s = state(small());
    let buf = draw(&mut s, &Theme::mono(), 80, 24);
    // Row 3 holds the first event: it starts with the marker and is in reverse video.
    let row: String = (0..80).map(|x| buf[(x, 3)].symbol().to_string()).collect();
    assert!(row.starts_with("┃ ▶ "), "{row}");
    assert!(buf[(4, 3)].modifier.contains(Modifier::REVERSED));
    // No cell anywhere has a colour.
    for cell in buf.content() {
        assert_eq!(cell.fg, ratatui::style::Color::Reset);
        assert_eq!(cell.bg, ratatui::style::Color::Reset);
    }
}
