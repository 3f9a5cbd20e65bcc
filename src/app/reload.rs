//! `--watch`: the file was saved again, so the app takes the new version in place of the old one,
//! keeping what the user had: the selected event, the filters, the marks, the search, the pane
//! layout, the map and a presentation. Everything that points at events by position is carried
//! across by id (positions change when events are added above); what cannot be carried (a quiz,
//! whose questions were built from the old events; a popup listing the old names) is closed, and
//! the footer says so. A save that does not load leaves the last good version on screen under a
//! banner with the first problem, until a save loads again.

use crate::model::{EventIx, RegionIx, Timeline};
use crate::query::{Filter, Query};

use super::{Overlay, Search, State};

/// Replace `state`'s timeline with `timeline`, a newer version of the same file.
pub fn apply(state: &mut State, timeline: Timeline) {
    let options = state.options;
    let old = std::mem::replace(state, State::new(timeline, String::new(), options));
    let id_of = |ix: EventIx| old.timeline.events.get(ix).map(|e| e.id.as_str());
    let new_ix = |t: &Timeline, ix: EventIx| id_of(ix).and_then(|id| t.event_by_id(id));
    let region = |t: &Timeline, r: RegionIx| t.region_by_id(&old.timeline.region(r).id);

    state.source_label = old.source_label.clone();
    state.marks.set_ids(&state.timeline, &old.marks.ids(&old.timeline));
    state.quiz_seed = old.quiz_seed;

    // The filters, by name; a region that is gone is dropped from the filter.
    let f = &old.filter;
    let filter = Filter {
        regions: f
            .regions
            .iter()
            .filter_map(|r| r.map_or(Some(None), |r| region(&state.timeline, r).map(Some)))
            .collect(),
        categories: f.categories.clone(),
        actors: f.actors.clone(),
        dates: f.dates,
        disputed: f.disputed,
        marked: f.marked,
        search: f.search.as_ref().map(|q| reparse(q, state)),
    };
    state.set_filter(filter);
    // The same event, or the nearest one still there.
    let selected = old.selected_ix();
    match selected.and_then(|ix| new_ix(&state.timeline, ix)) {
        Some(ix) => {
            if !state.select_ix(ix) {
                state.selected = state.view.nearest(ix);
            }
        }
        None => {
            let p = old.selected.unwrap_or(0);
            state.selected = (!state.view.is_empty()).then(|| p.min(state.view.len() - 1));
        }
    }
    if let Some(s) = &old.search {
        let query = reparse(&s.query, state);
        let matches = query.matching(state.index(), &state.timeline, &state.view.events);
        state.search = Some(Search { query, matches });
    }

    state.focus = old.focus;
    state.layout = old.layout;
    state.show_notes = old.show_notes;
    state.present = old.present.clone();
    state.map = old.map.map(|mut m| {
        m.cursor = m.cursor.and_then(|r| region(&state.timeline, r));
        m
    });
    state.history = old.history.iter().filter_map(|&ix| new_ix(&state.timeline, ix)).collect();
    // Still reading the same event: stay at the same line of it.
    if state.selected_event().map(|e| e.id.as_str()) == selected.and_then(id_of) {
        state.detail_scroll = old.detail_scroll;
    }
    state.list_offset = old.list_offset;
    state.metrics = old.metrics;
    state.clock = old.clock;
    state.effects = old.effects;
    state.prompt = old.prompt.clone().map(|mut p| {
        p.before.selected = p.before.selected.and_then(|ix| new_ix(&state.timeline, ix));
        p.before.filter_search = p.before.filter_search.as_ref().map(|q| reparse(q, state));
        p.before.search = p.before.search.as_ref().map(|s| {
            let query = reparse(&s.query, state);
            let matches = query.matching(state.index(), &state.timeline, &state.view.events);
            Search { query, matches }
        });
        p
    });

    let mut closed = Vec::new();
    match &old.overlay {
        Some(Overlay::Help { .. }) => state.overlay = old.overlay.clone(),
        Some(_) => closed.push("the popup"),
        None => {}
    }
    if old.quiz.is_some() {
        closed.push("the quiz");
    }
    let n = state.timeline.events.len();
    let events = crate::ui::count_words(n, "event", "events");
    state.message = Some(if closed.is_empty() {
        format!("{} changed on disk: reloaded, {events}.", old.source_label)
    } else {
        format!("{} changed on disk: reloaded, {events}; {} closed.", old.source_label, closed.join(" and "))
    });
    state.banner = None;
    state.repaint = true;
}

/// The file was saved again but does not load: keep what is shown and say why, in a banner.
pub fn failed(state: &mut State, problem: String) {
    state.banner = Some(problem);
}

fn reparse(q: &Query, state: &State) -> Query {
    Query::parse(&q.raw, &state.dictionary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Action, Focus, Options, update};
    use crate::model::load::{bundled_regions, timeline_from_str};

    fn timeline(events: &[(&str, &str, &str)]) -> Timeline {
        let events: Vec<String> = events
            .iter()
            .map(|(id, date, region)| {
                format!(
                    r#"{{"id":"{id}","title":"Event {id}","start":{{"date":"{date}"}},"region":"{region}","summary":"s",
                    "sources":[{{"publisher":"P","title":"T","url":"https://example.org/{id}","date":"2022-01-01"}}]}}"#
                )
            })
            .collect();
        let text = format!(r#"{{"format":"kz-timeline","version":1,"title":"W","events":[{}]}}"#, events.join(","));
        timeline_from_str(&text, "w.json", bundled_regions()).unwrap()
    }

    #[test]
    fn the_selection_filters_marks_and_search_follow_the_events_by_id() {
        let before = timeline(&[
            ("a", "2022-01-02", "mangystau"),
            ("b", "2022-01-03", "almaty"),
            ("c", "2022-01-04", "mangystau"),
        ]);
        let mut s = State::new(before, "w.json", Options::default());
        let mut f = Filter::default();
        f.regions.insert(s.timeline.find_region("mangystau"));
        s.set_filter(f);
        update(&mut s, Action::Down);
        assert_eq!(s.selected_event().unwrap().id, "c");
        update(&mut s, Action::ToggleMark);
        s.focus = Focus::Detail;
        // A new event above moves every position.
        let after = timeline(&[
            ("z", "2022-01-01", "mangystau"),
            ("a", "2022-01-02", "mangystau"),
            ("b", "2022-01-03", "almaty"),
            ("c", "2022-01-04", "mangystau"),
        ]);
        apply(&mut s, after);
        assert_eq!(s.selected_event().unwrap().id, "c");
        assert_eq!(s.view.len(), 3, "the region filter is kept");
        assert_eq!(s.marks.ids(&s.timeline), vec!["c".to_string()]);
        assert_eq!(s.focus, Focus::Detail);
        assert_eq!(s.message.as_deref(), Some("w.json changed on disk: reloaded, 4 events."));
        assert!(s.banner.is_none());
    }

    #[test]
    fn a_removed_event_leaves_the_selection_nearby_and_a_quiz_is_closed() {
        let mut s = State::new(
            timeline(&[("a", "2022-01-02", "almaty"), ("b", "2022-01-03", "almaty"), ("c", "2022-01-04", "almaty")]),
            "w.json",
            Options::default(),
        );
        update(&mut s, Action::Down);
        s.quiz = Some(crate::app::quiz::QuizState::new(Vec::new(), 1));
        apply(&mut s, timeline(&[("a", "2022-01-02", "almaty"), ("c", "2022-01-04", "almaty")]));
        assert_eq!(s.selected_event().unwrap().id, "c");
        assert!(s.quiz.is_none());
        assert_eq!(s.message.as_deref(), Some("w.json changed on disk: reloaded, 2 events; the quiz closed."));
    }

    #[test]
    fn a_broken_save_keeps_the_data_under_a_banner_until_a_good_one() {
        let mut s = State::new(timeline(&[("a", "2022-01-02", "almaty")]), "w.json", Options::default());
        failed(&mut s, "w.json: line 3, column 1: expected value".into());
        assert_eq!(s.timeline.events.len(), 1);
        assert!(s.banner.as_deref().unwrap().contains("line 3"));
        apply(&mut s, timeline(&[("a", "2022-01-02", "almaty"), ("b", "2022-01-03", "almaty")]));
        assert!(s.banner.is_none());
        assert_eq!(s.timeline.events.len(), 2);
    }
}
