//! The go-to-date and date-range prompts on the bundled chronology (January 2022 to January
//! 2024), as the UX review typed them.

use chrono::NaiveDate;

use super::*;
use crate::app::Options;
use crate::app::update::update;
use crate::model::load::bundled_timeline;

fn state() -> State {
    State::new(bundled_timeline().unwrap(), "bundled", Options::default())
}

fn run(s: &mut State, actions: &[Action]) {
    for &a in actions {
        update(s, a);
    }
}

fn type_text(s: &mut State, text: &str) {
    for c in text.chars() {
        update(s, Action::Insert(c));
    }
}

/// Type `text` into the date-range prompt and apply it.
fn date_range(s: &mut State, text: &str) {
    run(s, &[Action::DateRange, Action::ClearInput]);
    type_text(s, text);
    run(s, &[Action::Apply]);
}

fn dates_bar(s: &State) -> String {
    s.filter.describe(&s.timeline).into_iter().find(|(k, _)| *k == "Dates").map(|(_, v)| v).unwrap_or_default()
}

fn in_month(s: &State, year: i32, month: u32) -> usize {
    s.timeline.events.iter().filter(|e| e.start.date.year() == year && e.start.date.month() == month).count()
}

#[test]
fn a_typed_month_filters_the_whole_month() {
    let mut s = state();
    for (typed, year, month, bar) in [
        ("2022-01", 2022, 1, "Jan 2022"),
        ("feb", 2022, 2, "Feb 2022"),
        ("jan 2023", 2023, 1, "Jan 2023"),
        ("February 2022", 2022, 2, "Feb 2022"),
    ] {
        date_range(&mut s, typed);
        assert_eq!(s.prompt, None, "{typed}: {:?}", s.message);
        assert_eq!(dates_bar(&s), bar, "{typed}");
        let expected = in_month(&s, year, month);
        assert!(expected > 0, "{typed}: the chronology has events then");
        // Events that start in the month, plus any that started before and run into it.
        assert!(s.view.len() >= expected, "{typed}: {} of {expected}", s.view.len());
        assert!(s.view.events.iter().all(|&ix| {
            let e = &s.timeline.events[ix];
            let end = e.end.as_ref().map_or(e.start.date, |w| w.date);
            (e.start.date.year(), e.start.date.month()) <= (year, month) && (end.year(), end.month()) >= (year, month)
        }));
    }
    date_range(&mut s, "2022");
    assert_eq!(dates_bar(&s), "2022");
    assert_eq!(s.view.len(), s.timeline.events.iter().filter(|e| e.start.date.year() == 2022).count());
}

#[test]
fn a_reversed_range_keeps_the_prompt_open_and_says_why() {
    let mut s = state();
    date_range(&mut s, "4 jan..10 jan");
    let before = s.filter.clone();
    assert_eq!(dates_bar(&s), "4–10 Jan 2022");
    date_range(&mut s, "10 jan..4 jan");
    assert!(s.prompt.is_some(), "the prompt stays open");
    assert_eq!(s.message.as_deref(), Some("The range ends before it starts: 10 Jan 2022 is after 4 Jan 2022."));
    assert_eq!(s.filter, before, "the filter is unchanged");
    run(&mut s, &[Action::Back]);
    // Other spellings of a range.
    for typed in ["4 jan - 10 jan", "4–10 jan", "jan 4-10"] {
        date_range(&mut s, typed);
        assert_eq!((s.prompt.is_none(), dates_bar(&s)), (true, "4–10 Jan 2022".to_string()), "{typed}");
    }
    date_range(&mut s, "31 feb");
    assert_eq!(s.message.as_deref(), Some("\"31 feb\" is not a real date: February 2022 has 28 days."));
}

#[test]
fn go_to_date_without_a_year_picks_the_year_with_events_there() {
    let mut s = state();
    run(&mut s, &[Action::Last]);
    assert_eq!(s.selected_event().unwrap().start.date.year(), 2024);
    run(&mut s, &[Action::GoToDate]);
    type_text(&mut s, "jan 7");
    run(&mut s, &[Action::Apply]);
    assert_eq!(s.selected_event().unwrap().start.date, NaiveDate::from_ymd_opt(2022, 1, 7).unwrap());
    assert_eq!(s.message, None);
    run(&mut s, &[Action::Last, Action::GoToDate]);
    type_text(&mut s, "march");
    run(&mut s, &[Action::Apply]);
    let e = s.selected_event().unwrap();
    assert_eq!((e.start.date.year(), e.start.date.month()), (2022, 3), "{:?}", s.message);
    assert_eq!(s.message, None, "March 2022 has events");
    // A month without events lands on the nearest, and says so in words for the month.
    run(&mut s, &[Action::GoToDate]);
    type_text(&mut s, "2023-07");
    run(&mut s, &[Action::Apply]);
    assert!(
        s.message.as_deref().unwrap().starts_with("No events in Jul 2023; showing the nearest, "),
        "{:?}",
        s.message
    );
    run(&mut s, &[Action::GoToDate]);
    type_text(&mut s, "31 feb");
    run(&mut s, &[Action::Apply]);
    assert!(s.prompt.is_some());
    assert_eq!(s.message.as_deref(), Some("\"31 feb\" is not a real date: February 2022 has 28 days."));
}

#[test]
fn ctrl_w_deletes_one_word_and_stops_at_hyphens() {
    let mut s = state();
    run(&mut s, &[Action::Search]);
    type_text(&mut s, "Nur-Sultan akimat");
    let text = |s: &State| s.prompt.as_ref().unwrap().text.clone();
    run(&mut s, &[Action::DeleteWord]);
    assert_eq!(text(&s), "Nur-Sultan ");
    run(&mut s, &[Action::DeleteWord]);
    assert_eq!(text(&s), "Nur-");
    run(&mut s, &[Action::DeleteWord]);
    assert_eq!(text(&s), "");
    run(&mut s, &[Action::DeleteWord]);
    assert_eq!(text(&s), "");
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn go_to_date_prefers_an_event_inside_the_span() {
    let mut s = state();
    go_to_date(&mut s, Span { first: date(2022, 1, 7), last: date(2022, 1, 7) });
    assert_eq!(s.selected_event().unwrap().start.date, date(2022, 1, 7));
}

#[test]
fn a_burst_of_typed_characters_is_searched_once_at_the_end_of_the_batch() {
    let typed = |batch: bool| {
        let mut s = state();
        update(&mut s, Action::Search);
        if batch {
            crate::app::update::begin_batch(&mut s);
        }
        type_text(&mut s, "zhanaozen");
        // Within a batch nothing has been searched yet: no search, and the selection stays.
        let during = (s.search.is_some(), s.selected);
        let ran = batch && crate::app::update::end_batch(&mut s);
        (during, ran, s.search.as_ref().map(|x| x.matches.clone()), s.selected)
    };
    let (during, ran, matches, selected) = typed(true);
    assert_eq!(during, (false, Some(0)), "a search ran before the batch ended");
    assert!(ran);
    let (_, _, one_by_one, selected_one_by_one) = typed(false);
    assert!(matches.as_ref().is_some_and(|m| !m.is_empty()));
    assert_eq!((matches, selected), (one_by_one, selected_one_by_one), "the batch ends where typing one by one does");
}

#[test]
fn an_action_after_typing_in_the_same_batch_sees_the_search_done() {
    let mut s = state();
    update(&mut s, Action::Search);
    crate::app::update::begin_batch(&mut s);
    type_text(&mut s, "csto");
    // Enter, in the same batch as the typing: it goes to the match of the finished search.
    update(&mut s, Action::Apply);
    assert!(!s.search_pending);
    assert!(!crate::app::update::end_batch(&mut s), "nothing was left to search");
    let title = &s.selected_event().unwrap().title;
    assert!(title.contains("CSTO"), "{title}");
}
