//! "Only the visible window is built": a regression guard without timings. The timeline has
//! 100,000 events, and every event outside the rows the list can show is poisoned with a region
//! index that does not exist, so building a row for any of them (or touching its region while
//! drawing a frame) panics. Drawing whole frames, moving, paging and jumping into the middle must
//! only ever build rows for the window on screen.

#![allow(clippy::single_range_in_vec_init)] // `valid` takes a list of ranges; one is a list too

use kz_timeline::app::{Action, Options, State, update};
use kz_timeline::model::load::bundled_timeline;
use kz_timeline::model::{Event, RegionIx, Timeline};
use kz_timeline::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const N: usize = 100_000;
const POISON: RegionIx = RegionIx::MAX;

/// `N` events, seven a day; events in `valid` keep a real region, the others are poisoned.
fn timeline(valid: &[std::ops::Range<usize>]) -> Timeline {
    let mut t = bundled_timeline().unwrap();
    let template: Event = t.events.iter().find(|e| e.region.is_some() && e.end.is_none()).unwrap().clone();
    let region = template.region;
    let day0 = template.start.date;
    t.events = (0..N)
        .map(|i| {
            let mut e = template.clone();
            e.id = format!("e{i}");
            e.start.date = day0 + chrono::Days::new((i / 7) as u64);
            e.related.clear();
            e.region = if valid.iter().any(|r| r.contains(&i)) { region } else { Some(POISON) };
            e
        })
        .collect();
    t
}

fn draw(s: &mut State, term: &mut Terminal<TestBackend>, theme: &Theme) {
    let mut m = None;
    term.draw(|f| m = Some(ui::render(s, theme, f))).unwrap();
    update(s, Action::Measured(m.unwrap()));
}

#[test]
fn frames_build_only_the_rows_on_screen() {
    // The first screen, and a window around the middle of the list.
    let mid = N / 2;
    let t = timeline(&[0..60, mid - 60..mid + 60]);
    let mut s = State::new(t, "poisoned", Options::default());
    let theme = Theme::dark();
    let mut term = Terminal::new(TestBackend::new(120, 30)).unwrap();
    draw(&mut s, &mut term, &theme);
    assert!(format!("{:?}", term.backend().buffer()).contains("events"));
    for a in [Action::Down, Action::Down, Action::PageDown, Action::Up, Action::PageUp] {
        update(&mut s, a);
        draw(&mut s, &mut term, &theme);
    }
    // Into the middle: the window follows the selection, and only its rows are built.
    assert!(s.select_ix(mid));
    draw(&mut s, &mut term, &theme);
    for a in [Action::Down, Action::PageDown, Action::PageUp, Action::Up] {
        update(&mut s, a);
        draw(&mut s, &mut term, &theme);
    }
}

#[test]
fn visible_lines_returns_at_most_the_rows_asked_for() {
    let t = timeline(&[0..N]);
    let s = State::new(t, "t", Options::default());
    let theme = Theme::dark();
    for (offset, rows) in [(0, 10), (5_000, 25), (N, 40)] {
        let lines = ui::list::visible_lines(&s, &theme, offset, rows, 80);
        assert!(lines.len() <= rows, "{} lines for {rows} rows", lines.len());
    }
    // And a poisoned row is really built when it is on screen (the guard above is live). One
    // real event, far off screen, gives the list a region column.
    let t = timeline(&[N - 1..N]);
    let s = State::new(t, "t", Options::default());
    let built =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| ui::list::visible_lines(&s, &theme, 0, 3, 80)));
    assert!(built.is_err(), "a poisoned event on screen must panic, or this test guards nothing");
}
