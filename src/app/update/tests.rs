use super::*;
use crate::app::Options;
use crate::model::load::timeline_from_str;
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
    run(&mut s, &[Action::OpenRegions]);
    let Some(Overlay::Regions(p)) = &s.overlay else { panic!("popup not open") };
    let labels: Vec<String> =
        p.items.iter().map(|(k, n)| format!("{} ({n})", crate::query::region_label(&s.timeline, *k))).collect();
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
    run(&mut s, &[Action::OpenRegions, Action::First, Action::Toggle, Action::Back]);
    assert_eq!(s.view.len(), 5);
    run(&mut s, &[Action::OpenRegions, Action::ClearFilters]);
    assert!(s.overlay.is_none());
    assert_eq!(s.view.len(), 12);
    assert_eq!(selected_id(&s), "inquiry");
}

#[test]
fn hidden_selection_moves_to_the_next_visible_event() {
    let mut s = state();
    run(&mut s, &[Action::Down]); // river-rises (hills)
    run(&mut s, &[Action::OpenRegions, Action::Down, Action::Toggle, Action::Apply]); // Harbor only
    assert_eq!(selected_id(&s), "harbor-closes");
    run(&mut s, &[Action::ClearFilters]);
    assert_eq!(s.view.len(), 12);
}

#[test]
fn empty_result_is_explained() {
    let mut s = state();
    s.set_filter(Filter { regions: [None].into_iter().collect() });
    assert!(s.view.is_empty());
    assert_eq!(s.selected, None);
    assert!(s.message.as_deref().unwrap().contains("No events match"));
    run(&mut s, &[Action::Down, Action::FocusDetail, Action::Last]);
    assert_eq!(s.focus, Focus::List, "nothing to read");
    run(&mut s, &[Action::ClearFilters]);
    assert_eq!(s.selected, Some(0));
    assert_eq!(s.message, None);
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
