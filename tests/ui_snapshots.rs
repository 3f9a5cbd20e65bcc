//! Whole-screen snapshots through ratatui's TestBackend. Review changes with `cargo insta review`.

mod common;

use common::{act, draw, small, state, text};
use insta::assert_snapshot;
use kz_timeline::app::Action::{self, *};
use kz_timeline::query::facets::Facet;

const REGIONS: Action = Pick(Facet::Region);
use kz_timeline::ui::Theme;
use ratatui::style::Modifier;

fn screen(actions: &[Action], w: u16, h: u16) -> String {
    let mut s = state(small());
    let theme = Theme::dark();
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
    assert_snapshot!(screen(&[REGIONS, Down, Toggle], 120, 40));
}

#[test]
fn region_filter_popup_80x24() {
    assert_snapshot!(screen(&[REGIONS, Down, Toggle, Down, Down, Toggle], 80, 24));
}

#[test]
fn filtered_list_shows_n_of_m_120x40() {
    assert_snapshot!(screen(&[REGIONS, Down, Toggle, Last, Toggle, Apply], 120, 40));
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
    // The help is drawn before the key, as in the app (how far a page goes comes from the frame).
    let mut s = state(small());
    let theme = Theme::dark();
    act(&mut s, &[Help]);
    let before = text(&draw(&mut s, &theme, 80, 24));
    act(&mut s, &[PageDown]);
    let after = text(&draw(&mut s, &theme, 80, 24));
    assert_ne!(before, after, "PageDown did not scroll the help");
    assert_snapshot!(after);
}

#[test]
fn scrolled_detail_pane_80x24() {
    assert_snapshot!(screen(&[Down, Down, Down, Down, FocusDetail, Down, Down], 80, 24));
}

fn typed(prefix: &[Action], text: &str, suffix: &[Action]) -> Vec<Action> {
    let mut v = prefix.to_vec();
    v.extend(text.chars().map(Insert));
    v.extend_from_slice(suffix);
    v
}

#[test]
fn search_prompt_highlights_matches_120x40() {
    assert_snapshot!(screen(&typed(&[Search], "river", &[]), 120, 40));
}

#[test]
fn search_kept_as_filter_80x24() {
    assert_snapshot!(screen(&typed(&[Search], "harbor", &[SearchAsFilter]), 80, 24));
}

#[test]
fn go_to_date_prompt_80x24() {
    assert_snapshot!(screen(&typed(&[GoToDate], "5 sep", &[]), 80, 24));
}

#[test]
fn jump_popup_100x30() {
    assert_snapshot!(screen(&typed(&[Jump], "quay", &[]), 100, 30));
}

#[test]
fn filter_bar_with_several_filters_and_marks_120x40() {
    let actions =
        [Down, ToggleMark, Down, Down, Down, ToggleMark, Pick(Facet::Category), Down, Toggle, Apply, ToggleDisputed];
    assert_snapshot!(screen(&actions, 120, 40));
}

#[test]
fn marked_events_show_a_star_80x24() {
    assert_snapshot!(screen(&[Down, ToggleMark, Down, Down, ToggleMark], 80, 24));
}

#[test]
fn topic_popup_80x24() {
    assert_snapshot!(screen(&[Pick(Facet::Category), Down, Toggle], 80, 24));
}

#[test]
fn every_small_size_renders_without_panic() {
    let theme = Theme::dark();
    let mut s = state(small());
    for w in 1..=60 {
        for h in 1..=20 {
            // Each size sees the panes, a popup, the help, the jump list and a prompt.
            let steps: [&[Action]; 5] =
                [&[Last], &[REGIONS], &[Back, Help], &[Back, Jump, Insert('a')], &[Back, Search, Insert('r')]];
            for step in steps {
                act(&mut s, step);
                draw(&mut s, &theme, w, h);
            }
            act(&mut s, &[Back, First]);
        }
    }
}

#[test]
fn selection_is_visible_without_colour() {
    let mut s = state(small());
    let buf = draw(&mut s, &Theme::mono(), 80, 24);
    // The selected row starts with the marker and is in reverse video.
    let rows: Vec<String> = (0..24).map(|y| (0..80).map(|x| buf[(x, y)].symbol().to_string()).collect()).collect();
    let y = rows.iter().position(|r| r.starts_with("┃ ▶ ")).expect("a row with the selection marker") as u16;
    assert!(rows[y as usize].contains("Heavy rain begins"), "{}", rows[y as usize]);
    assert!(buf[(4, y)].modifier.contains(Modifier::REVERSED));
    // No cell anywhere has a colour.
    for cell in buf.content() {
        assert_eq!(cell.fg, ratatui::style::Color::Reset);
        assert_eq!(cell.bg, ratatui::style::Color::Reset);
    }
}

/// `--watch` after a save that does not load: the banner under the header, the last good data
/// below it.
fn banner_screen(w: u16, h: u16) -> String {
    let mut s = state(small());
    s.source_label = "northvale.json".into();
    kz_timeline::app::reload::failed(
        &mut s,
        "error: northvale.json:77:11: expected `:`\n  in events[3].title\n(one more line that is not shown)".into(),
    );
    text(&draw(&mut s, &Theme::dark(), w, h))
}

#[test]
fn a_save_that_does_not_load_shows_a_banner_80x24() {
    assert_snapshot!(banner_screen(80, 24));
}

#[test]
fn a_save_that_does_not_load_shows_a_banner_200x60() {
    assert_snapshot!(banner_screen(200, 60));
}

#[test]
fn a_save_that_does_not_load_at_20x6_is_still_too_small() {
    assert_snapshot!(banner_screen(20, 6));
}
