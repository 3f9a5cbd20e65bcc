use super::*;
use crate::app::{Effect, Options};
use crate::model::load::timeline_from_str;
use crate::query::facets::Facet;
use ratatui::layout::Rect;

fn state() -> State {
    let t = timeline_from_str(include_str!("../../../tests/fixtures/small.json"), "small.json", &[]).unwrap();
    let mut s = State::new(t, "small.json", Options::default());
    // As if a frame had been drawn: a 10-row list and a 5-row detail pane with 12 lines of text.
    s.metrics = Metrics {
        list: Rect::new(1, 2, 40, 10),
        detail: Some(Rect::new(42, 2, 40, 5)),
        detail_lines: 12,
        popup: Some(Rect::new(20, 5, 30, 4)),
        ..Metrics::default()
    };
    s
}

fn run(s: &mut State, actions: &[Action]) {
    for &a in actions {
        update(s, a);
    }
}

fn selected_id(s: &State) -> &str {
    &s.selected_event().unwrap().id
}

#[test]
fn moving_clamps_at_both_ends() {
    let mut s = state();
    assert_eq!(selected_id(&s), "rain-begins");
    run(&mut s, &[Action::Up]);
    assert_eq!(s.selected, Some(0));
    run(&mut s, &[Action::Down, Action::Down]);
    assert_eq!(selected_id(&s), "harbor-closes");
    run(&mut s, &[Action::PageDown]);
    assert_eq!(s.selected, Some(10), "a page is the list height minus two");
    run(&mut s, &[Action::PageDown]);
    assert_eq!(s.selected, Some(11));
    run(&mut s, &[Action::First]);
    assert_eq!(s.selected, Some(0));
    run(&mut s, &[Action::Last]);
    assert_eq!(selected_id(&s), "report");
}

#[test]
fn detail_focus_scrolls_within_limits_and_esc_returns() {
    let mut s = state();
    run(&mut s, &[Action::FocusDetail]);
    assert_eq!(s.focus, Focus::Detail);
    run(&mut s, &[Action::Down, Action::Down]);
    assert_eq!(s.detail_scroll, 2);
    assert_eq!(s.selected, Some(0), "keys scroll the pane, not the list");
    run(&mut s, &[Action::Last]);
    assert_eq!(s.detail_scroll, 7, "12 lines in a 5-row pane");
    run(&mut s, &[Action::Down, Action::PageDown]);
    assert_eq!(s.detail_scroll, 7);
    run(&mut s, &[Action::PageUp, Action::PageUp, Action::PageUp]);
    assert_eq!(s.detail_scroll, 0);
    run(&mut s, &[Action::Back]);
    assert_eq!(s.focus, Focus::List);
    run(&mut s, &[Action::Down]);
    assert_eq!(s.selected, Some(1));
}

#[test]
fn changing_event_resets_detail_scroll() {
    let mut s = state();
    run(&mut s, &[Action::ToggleFocus, Action::Down, Action::Down, Action::Back, Action::Down]);
    assert_eq!(s.detail_scroll, 0);
}

#[test]
fn region_filter_keeps_selection_on_the_same_event() {
    let mut s = state();
    run(&mut s, &[Action::Down, Action::Down]); // harbor-closes
    run(&mut s, &[Action::Pick(Facet::Region)]);
    let Some(Overlay::Picker(p)) = &s.overlay else { panic!("popup not open") };
    let labels: Vec<String> = p.items.iter().map(|it| format!("{} ({})", it.label, it.count)).collect();
    assert_eq!(labels, ["Capital (2)", "Harbor (3)", "Hills (5)", "Nationwide (2)"]);
    // Tick Harbor and Nationwide, apply.
    run(&mut s, &[Action::Down, Action::Toggle, Action::Last, Action::Toggle, Action::Apply]);
    assert!(s.overlay.is_none());
    assert_eq!(s.view.len(), 5);
    assert_eq!(selected_id(&s), "harbor-closes");
    // Moving around keeps the filter.
    run(&mut s, &[Action::Down, Action::FocusDetail, Action::Back, Action::Last]);
    assert_eq!(s.view.len(), 5);
    assert_eq!(selected_id(&s), "inquiry");
    // Esc in the popup cancels; c clears.
    run(&mut s, &[Action::Pick(Facet::Region), Action::First, Action::Toggle, Action::Back]);
    assert_eq!(s.view.len(), 5);
    run(&mut s, &[Action::Pick(Facet::Region), Action::ClearFilters]);
    assert!(s.overlay.is_none());
    assert_eq!(s.view.len(), 12);
    assert_eq!(selected_id(&s), "inquiry");
}

#[test]
fn hidden_selection_moves_to_the_next_visible_event() {
    let mut s = state();
    run(&mut s, &[Action::Down]); // river-rises (hills)
    run(&mut s, &[Action::Pick(Facet::Region), Action::Down, Action::Toggle, Action::Apply]); // Harbor only
    assert_eq!(selected_id(&s), "harbor-closes");
    run(&mut s, &[Action::ClearFilters]);
    assert_eq!(s.view.len(), 12);
}

#[test]
fn empty_result_is_explained() {
    let mut s = state();
    s.set_filter(Filter { regions: [None].into_iter().collect(), ..Filter::default() });
    assert!(s.view.is_empty());
    assert_eq!(s.selected, None);
    assert!(s.message.as_deref().unwrap().contains("No events match"));
    assert_eq!(s.message.as_deref(), Some("No events match the filters. Press c to clear them."));
    run(&mut s, &[Action::Down, Action::FocusDetail, Action::Last]);
    assert_eq!(s.focus, Focus::List, "nothing to read");
    run(&mut s, &[Action::ClearFilters]);
    assert_eq!(s.selected, Some(0));
    assert_eq!(s.message.as_deref(), Some("All filters cleared."));
}

#[test]
fn help_opens_scrolls_and_closes() {
    let mut s = state();
    s.metrics.help_lines = 30;
    s.metrics.help_rows = 10;
    run(&mut s, &[Action::Help, Action::Down, Action::PageDown, Action::PageDown, Action::PageDown]);
    assert_eq!(s.overlay, Some(Overlay::Help { scroll: 20 }));
    run(&mut s, &[Action::Down]);
    assert_eq!(s.selected, Some(0), "the list does not move under the help");
    run(&mut s, &[Action::Back]);
    assert_eq!(s.overlay, None);
}

#[test]
fn quit_and_redraw() {
    let mut s = state();
    assert!(update(&mut s, Action::Redraw));
    assert!(s.repaint);
    assert!(!update(&mut s, Action::Quit));
    assert!(s.quit);
}

#[test]
fn clicks_select_rows_and_focus_panes() {
    let mut s = state();
    s.options.mouse = true;
    // Row 0 is the heading of 1 Sep, row 1 its event, row 2 the heading of 2 Sep, row 3 river-rises.
    update(&mut s, Action::Click { column: 5, row: 2 + 3 });
    assert_eq!(selected_id(&s), "river-rises");
    update(&mut s, Action::Click { column: 5, row: 2 + 2 });
    assert_eq!(selected_id(&s), "river-rises", "a heading selects its first event");
    update(&mut s, Action::Click { column: 50, row: 3 });
    assert_eq!(s.focus, Focus::Detail);
    update(&mut s, Action::Scroll { up: false, column: 50, row: 3 });
    assert_eq!(s.detail_scroll, 3);
    update(&mut s, Action::Scroll { up: false, column: 5, row: 3 });
    assert_eq!(s.selected, Some(2));
    assert!(!update(&mut s, Action::Click { column: 0, row: 30 }));
}

#[test]
fn list_window_keeps_selection_and_its_heading_visible() {
    let s = state();
    let v = &s.view; // 12 events in 8 day groups: 20 rows
    assert_eq!(v.row_count(), 20);
    assert_eq!(list_window(v, Some(0), 0, 10), 0);
    // Selecting the last event scrolls to the bottom.
    assert_eq!(list_window(v, Some(11), 0, 10), 10);
    // Moving up from the bottom to the first event of a day shows its heading.
    let first_of_day = v.day_starts[4];
    let off = list_window(v, Some(first_of_day), 14, 5);
    assert_eq!(off, v.heading_row(4));
    // A list that fits never scrolls.
    assert_eq!(list_window(v, Some(11), 7, 40), 0);
    // With room, two rows of context stay below the selection.
    let off = list_window(v, Some(5), 0, 12);
    assert!(v.row_of(5) + 2 < off + 12);
}

fn type_text(s: &mut State, text: &str) {
    for c in text.chars() {
        update(s, Action::Insert(c));
    }
}

fn ids(s: &State) -> Vec<&str> {
    s.view.events.iter().map(|&i| s.timeline.events[i].id.as_str()).collect()
}

#[test]
fn incremental_search_moves_to_matches_and_tab_keeps_it_as_a_filter() {
    let mut s = state();
    run(&mut s, &[Action::Search]);
    type_text(&mut s, "harbor");
    let m = &s.search.as_ref().unwrap().matches;
    assert_eq!(m.len(), 3, "title, summary or region name mention the harbor");
    assert_eq!(selected_id(&s), "harbor-closes", "jumps to the first match");
    assert_eq!(s.view.len(), 12, "while typing, nothing is hidden");
    // Enter finds: the whole list stays, n and N move between the matches.
    run(&mut s, &[Action::Apply]);
    assert!(s.prompt.is_none());
    assert_eq!(s.view.len(), 12, "Enter hides nothing");
    assert_eq!(s.message.as_deref(), Some("3 matches: n next, N previous (/ then Tab shows only them)."));
    run(&mut s, &[Action::NextMatch]);
    let second = s.search.as_ref().unwrap().matches[1];
    assert_eq!(s.selected_ix(), Some(second), "n goes to the second match");
    run(&mut s, &[Action::PrevMatch]);
    assert_eq!(selected_id(&s), "harbor-closes");
    // / offers the last search again; Tab keeps it as a filter.
    run(&mut s, &[Action::Search]);
    assert_eq!(s.prompt.as_ref().map(|p| p.text.as_str()), Some("harbor"));
    run(&mut s, &[Action::SearchAsFilter]);
    assert!(s.prompt.is_none());
    assert_eq!(s.view.len(), 3);
    assert_eq!(selected_id(&s), "harbor-closes");
    // n moves to the next match, wrapping with a message.
    run(&mut s, &[Action::NextMatch, Action::NextMatch]);
    assert_eq!(s.message, None);
    run(&mut s, &[Action::NextMatch]);
    assert_eq!(selected_id(&s), "harbor-closes");
    assert_eq!(s.message.as_deref(), Some("Search wrapped to the first match."));
    run(&mut s, &[Action::ClearFilters]);
    assert_eq!(s.view.len(), 12);
    assert!(s.search.is_none());
}

#[test]
fn esc_cancels_a_search_and_restores_everything() {
    let mut s = state();
    run(&mut s, &[Action::Down]);
    run(&mut s, &[Action::Search]);
    type_text(&mut s, "inquiry");
    assert_eq!(selected_id(&s), "inquiry");
    run(&mut s, &[Action::Back]);
    assert_eq!(selected_id(&s), "river-rises");
    assert!(s.search.is_none() && s.prompt.is_none());
    // Letters typed into the prompt are text, not commands (q does not quit).
    run(&mut s, &[Action::Search]);
    type_text(&mut s, "qx");
    assert!(!s.quit);
    assert_eq!(s.message.as_deref(), Some("No match."));
    run(&mut s, &[Action::DeleteBack, Action::DeleteBack]);
    assert!(s.search.is_none());
}

#[test]
fn search_respects_other_filters_and_n_without_search_explains() {
    let mut s = state();
    run(&mut s, &[Action::NextMatch]);
    assert_eq!(s.message.as_deref(), Some("No search yet: press / to search."));
    // Only Hills, then search "river": the harbor's "estuary" events are not counted.
    run(&mut s, &[Action::Pick(Facet::Region), Action::Down, Action::Down, Action::Toggle, Action::Apply]);
    assert_eq!(s.view.len(), 5);
    run(&mut s, &[Action::Search]);
    type_text(&mut s, "river");
    assert_eq!(s.search.as_ref().unwrap().matches.len(), 2, "river-rises and peak");
}

#[test]
fn go_to_date_lands_on_the_nearest_event() {
    let mut s = state();
    run(&mut s, &[Action::GoToDate]);
    type_text(&mut s, "4 sep");
    run(&mut s, &[Action::Apply]);
    assert_eq!(selected_id(&s), "army-deployed");
    assert_eq!(s.message, None);
    run(&mut s, &[Action::GoToDate]);
    type_text(&mut s, "2021-09-06");
    run(&mut s, &[Action::Apply]);
    assert_eq!(selected_id(&s), "harbor-reopens", "5 and 7 Sep are equally near: the later wins");
    assert_eq!(s.message.as_deref(), Some("No events on 6 Sep 2021; showing the nearest, 7 Sep 2021."));
    run(&mut s, &[Action::GoToDate]);
    type_text(&mut s, "2021-09-09");
    run(&mut s, &[Action::Apply]);
    assert_eq!(selected_id(&s), "harbor-reopens", "7 Sep is nearer than October");
    run(&mut s, &[Action::GoToDate]);
    type_text(&mut s, "sometime");
    run(&mut s, &[Action::Apply]);
    assert!(s.prompt.is_some(), "a bad date keeps the prompt open");
    assert!(s.message.as_deref().unwrap().starts_with("Cannot read"));
}

#[test]
fn date_range_filter() {
    let mut s = state();
    run(&mut s, &[Action::DateRange]);
    type_text(&mut s, "3 sep..4 sep");
    run(&mut s, &[Action::Apply]);
    // Within a day, events with no known time come first.
    assert_eq!(ids(&s), ["schools-close", "levee-breach", "capital-rally", "army-deployed", "power-cut"]);
    // The schools closure (3-4 Sep) overlaps a range starting on the 4th.
    run(&mut s, &[Action::DateRange, Action::ClearInput]);
    type_text(&mut s, "4 sep..");
    run(&mut s, &[Action::Apply]);
    assert_eq!(ids(&s)[0], "schools-close");
    run(&mut s, &[Action::DateRange, Action::ClearInput, Action::Apply]);
    assert_eq!(s.view.len(), 12);
}

#[test]
fn day_navigation() {
    let mut s = state();
    run(&mut s, &[Action::NextDay]);
    assert_eq!(selected_id(&s), "river-rises");
    run(&mut s, &[Action::NextDay, Action::Down]);
    assert_eq!(selected_id(&s), "levee-breach");
    run(&mut s, &[Action::PrevDay]);
    assert_eq!(selected_id(&s), "schools-close", "first to the top of the day");
    run(&mut s, &[Action::PrevDay]);
    assert_eq!(selected_id(&s), "river-rises");
    run(&mut s, &[Action::Last, Action::NextDay]);
    assert_eq!(selected_id(&s), "report");
}

#[test]
fn marks_toggle_cycle_filter_and_ask_to_be_saved() {
    let mut s = state();
    run(&mut s, &[Action::ToggleMarkedOnly]);
    assert_eq!(s.view.len(), 12, "no marks yet: nothing to show");
    run(&mut s, &[Action::Down, Action::ToggleMark, Action::Last, Action::ToggleMark]);
    assert_eq!(s.marks.count(), 2);
    assert_eq!(s.effects, [Effect::SaveState, Effect::SaveState]);
    run(&mut s, &[Action::NextMark]);
    assert_eq!(selected_id(&s), "river-rises");
    run(&mut s, &[Action::PrevMark]);
    assert_eq!(selected_id(&s), "report");
    run(&mut s, &[Action::ToggleMarkedOnly]);
    assert_eq!(ids(&s), ["river-rises", "report"]);
    run(&mut s, &[Action::ToggleMark]);
    assert_eq!(ids(&s), ["river-rises"], "unmarking under the marked-only filter hides it");
    assert_eq!(s.marks.ids(&s.timeline), ["river-rises"]);
}

#[test]
fn topics_actors_and_disputed_combine() {
    let mut s = state();
    run(&mut s, &[Action::Pick(Facet::Category)]);
    let Some(Overlay::Picker(p)) = &s.overlay else { panic!() };
    let labels: Vec<&str> = p.items.iter().map(|i| i.label.as_str()).collect();
    assert_eq!(labels, ["Weather", "Flood", "Transport", "Government", "Response", "Infrastructure"]);
    run(&mut s, &[Action::Down, Action::Toggle, Action::Apply]); // Flood
    assert_eq!(s.view.len(), 4);
    run(&mut s, &[Action::ToggleDisputed]);
    assert_eq!(ids(&s), ["levee-breach"]);
    assert_eq!(s.filter.describe(&s.timeline), [("Topic", "Flood".to_string()), ("Claims", "disputed".to_string())]);
    run(&mut s, &[Action::ToggleDisputed, Action::Pick(Facet::Region), Action::ClearFilters]);
    assert_eq!(s.view.len(), 4, "clearing in a popup clears only that kind");
}

#[test]
fn jump_ranks_titles_and_reveals_hidden_events() {
    let mut s = state();
    run(&mut s, &[Action::Pick(Facet::Region), Action::Toggle, Action::Apply]); // Capital only
    run(&mut s, &[Action::Jump]);
    type_text(&mut s, "levee br");
    let Some(Overlay::Jump(j)) = &s.overlay else { panic!() };
    assert_eq!(s.timeline.events[j.results[0]].id, "levee-breach");
    run(&mut s, &[Action::Apply]);
    assert_eq!(selected_id(&s), "levee-breach");
    assert_eq!(s.view.len(), 12, "the filter hid it, so it was cleared");
    assert_eq!(s.message.as_deref(), Some("Filters cleared to show this event."));
}

#[test]
fn copy_queues_the_citation() {
    let mut s = state();
    run(&mut s, &[Action::Copy]);
    let want = "Heavy rain begins in the hills (Wed 1 Sep 2021): rain-begins. Source: The Daily Example, \u{201c}Report number 1 on the river\u{201d}, 1 Sep 2021, https://news.example.org/report-1";
    assert_eq!(s.effects, [Effect::Copy(want.to_string())]);
}

#[test]
fn esc_from_an_event_opened_in_figures_goes_back_to_figures() {
    let mut s = state();
    run(&mut s, &[Action::Figures, Action::Down, Action::Apply]);
    assert!(s.overlay.is_none());
    assert_eq!(s.focus, Focus::Detail);
    run(&mut s, &[Action::Back]);
    match &s.overlay {
        Some(Overlay::Figures(f)) => assert_eq!(f.cursor, 1, "on the same claim"),
        other => panic!("expected the figures view, got {other:?}"),
    }
    // Leaving the detail pane another way forgets it.
    run(&mut s, &[Action::Apply, Action::ToggleFocus, Action::FocusDetail, Action::Back]);
    assert!(s.overlay.is_none());
}

fn picker(s: &State) -> &Picker {
    let Some(Overlay::Picker(p)) = &s.overlay else { panic!("popup not open") };
    p
}

fn popup_rows(s: &State) -> Vec<String> {
    let p = picker(s);
    p.shown.iter().map(|&i| format!("{} ({})", p.items[i].label, p.counts[i])).collect()
}

#[test]
fn popup_counts_say_what_the_other_filters_leave() {
    let mut s = state();
    // Flood events only: 4 of the 12.
    run(&mut s, &[Action::Pick(Facet::Category), Action::Down, Action::Toggle, Action::Apply]);
    assert_eq!(s.view.len(), 4);
    run(&mut s, &[Action::Pick(Facet::Region)]);
    let rows = popup_rows(&s);
    let total: usize = picker(&s).counts.iter().sum();
    assert_eq!(total, 4, "the counts add up to the events the topic filter leaves: {rows:?}");
    assert_eq!(rows.len(), 4, "every region is still listed, even with no event left: {rows:?}");
    assert!(rows.iter().any(|r| r.ends_with("(0)")), "{rows:?}");
    // The popup's own facet does not narrow its counts: with Harbor ticked, Hills still counts.
    run(&mut s, &[Action::Back, Action::ClearFilters, Action::Pick(Facet::Region), Action::Down, Action::Toggle]);
    run(&mut s, &[Action::Apply, Action::Pick(Facet::Region)]);
    assert_eq!(popup_rows(&s), ["Capital (2)", "Harbor (3)", "Hills (5)", "Nationwide (2)"]);
}

#[test]
fn typing_in_a_popup_narrows_it_and_esc_clears_before_closing() {
    let mut s = state();
    run(&mut s, &[Action::Pick(Facet::Region)]);
    type_text(&mut s, "HAR");
    assert_eq!(popup_rows(&s), ["Harbor (3)"], "case does not matter");
    run(&mut s, &[Action::Toggle, Action::DeleteBack, Action::DeleteBack, Action::DeleteBack]);
    assert_eq!(popup_rows(&s).len(), 4, "deleting the letters shows everything again");
    assert_eq!(picker(&s).current().map(|i| picker(&s).items[i].label.as_str()), Some("Harbor"), "cursor kept");
    type_text(&mut s, "qqzz");
    assert!(popup_rows(&s).is_empty());
    // Esc clears the query first, then closes without applying.
    run(&mut s, &[Action::Back]);
    assert!(s.overlay.is_some() && picker(&s).query.is_empty());
    run(&mut s, &[Action::Back]);
    assert!(s.overlay.is_none());
    assert_eq!(s.view.len(), 12);
    // Ticking a narrowed value and applying filters by it.
    run(&mut s, &[Action::Pick(Facet::Region)]);
    type_text(&mut s, "hil");
    run(&mut s, &[Action::Toggle, Action::Apply]);
    assert_eq!(s.view.len(), 5);
}

#[test]
fn typing_finds_regions_in_any_script_and_by_their_other_names() {
    let t = crate::model::load::bundled_timeline().unwrap();
    let mut s = State::new(t, "bundled", Options::default());
    for (typed, want) in
        [("алматы", "Almaty"), ("mangist", "Mangystau"), ("batys", "West Kazakhstan"), ("ЗКО", "West Kazakhstan")]
    {
        run(&mut s, &[Action::Pick(Facet::Region)]);
        type_text(&mut s, typed);
        let rows = popup_rows(&s);
        assert!(rows.iter().any(|r| r.starts_with(want)), "{typed}: {rows:?}");
        run(&mut s, &[Action::Back, Action::Back]);
    }
}

#[test]
fn the_offered_last_search_is_replaced_by_typing() {
    let mut s = state();
    run(&mut s, &[Action::Search]);
    type_text(&mut s, "harbor");
    run(&mut s, &[Action::Apply, Action::Search]);
    type_text(&mut s, "levee");
    assert_eq!(s.prompt.as_ref().unwrap().text, "levee", "the first letter replaced the old search");
    run(&mut s, &[Action::Apply, Action::Search, Action::DeleteBack]);
    assert_eq!(s.prompt.as_ref().unwrap().text, "leve", "Backspace edits it instead");
}
