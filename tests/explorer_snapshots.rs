//! The screens a class meets, on the bundled chronology, at a laptop (80x24), a classroom
//! monitor (120x40) and a projector (200x60): the list, an event being read, the presentation
//! with and without the presenter view, a filter popup narrowed by typing, the glossary and the
//! help. Review changes with `cargo insta review` (or the .snap.new files) line by line: a data
//! change shows up here too.

mod common;

use common::{act, draw, text};
use insta::assert_snapshot;
use kz_timeline::app::Action::{self, *};
use kz_timeline::app::{Options, Presentation, State};
use kz_timeline::model::load::bundled_timeline;
use kz_timeline::query::facets::Facet;
use kz_timeline::ui::Theme;

const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (200, 60)];

fn bundled() -> State {
    State::new(bundled_timeline().unwrap(), "bundled", Options::default())
}

/// The screen of `s` after `actions`, at every size, each snapshot named `{name}_{w}x{h}`.
fn check(name: &str, make: impl Fn() -> State, actions: &[Action]) {
    for (w, h) in SIZES {
        let mut s = make();
        let theme = Theme::dark();
        draw(&mut s, &theme, w, h);
        act(&mut s, actions);
        assert_snapshot!(format!("{name}_{w}x{h}"), text(&draw(&mut s, &theme, w, h)));
    }
}

fn typed(text: &str) -> Vec<Action> {
    text.chars().map(Insert).collect()
}

/// The Almaty city hall event of 5 January 2022: claims, glossary terms, related events.
fn at_city_hall() -> State {
    let mut s = bundled();
    assert!(s.select_id("2022-01-05-almaty-akimat-stormed"));
    s
}

#[test]
fn list() {
    check("list", bundled, &[Down, Down]);
}

#[test]
fn reading_an_event() {
    check("detail", at_city_hall, &[FocusDetail]);
}

#[test]
fn presentation() {
    check("present", at_city_hall, &[Present]);
}

#[test]
fn presenter_view() {
    let presenter = || {
        let mut s = at_city_hall();
        let mut p = Presentation::new(true, None);
        p.presenter = true;
        p.elapsed = 754;
        s.present = Some(p);
        s.clock = Some(10 * 3600 + 42 * 60);
        s
    };
    check("presenter", presenter, &[]);
}

#[test]
fn actor_popup_narrowed_by_typing() {
    let mut actions = vec![Pick(Facet::Actor)];
    actions.extend(typed("tokaev"));
    check("actor_popup_typed", bundled, &actions);
}

#[test]
fn region_popup_with_a_date_filter_counts_what_is_left() {
    let dated = || {
        let mut s = bundled();
        act(&mut s, &[DateRange]);
        act(&mut s, &typed("5 jan"));
        act(&mut s, &[Apply, Pick(Facet::Region)]);
        s
    };
    check("region_popup_5_jan", dated, &[]);
}

#[test]
fn glossary() {
    check("glossary", at_city_hall, &[Glossary]);
}

#[test]
fn help() {
    check("help", bundled, &[Help]);
}
