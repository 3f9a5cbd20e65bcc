//! Handouts from the explorer: `e` writes the events shown (the current filters) to an HTML
//! handout, `E` the marked events (all of them, whatever the filters; `*` then `e` gives the
//! marked events among those shown). Two keys rather than a choice popup: each does one thing at
//! once, and the message after `e` names `E` when there are marks.
//!
//! Pure: this only decides what to write and queues an [`Effect::Handout`]. The terminal loop
//! writes the file (`tui::handout`: the same HTML as `kz-timeline export -o FILE.html`, in the
//! current directory under a new name, never over an existing file) and reports the path and the
//! number of events in the footer.

use super::{Effect, State};
use crate::model::EventIx;
use crate::query::Filter;

/// What to write: the events, in the view's order, and the filters that chose them (the
/// handout's header names them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub events: Vec<EventIx>,
    pub filter: Filter,
    /// Said after "Wrote FILE (N events).": the other choice, when there is one.
    pub also: Option<String>,
}

/// `e` (`marked` false) or `E` (`marked` true): queue the handout, or say why there is none.
pub fn request(s: &mut State, marked: bool) {
    let n_marked = s.marks.count();
    let request = if marked {
        if n_marked == 0 {
            s.message = Some("No marked events yet: press m to mark some, then E writes them to a handout.".into());
            return;
        }
        let events = (0..s.timeline.events.len()).filter(|&ix| s.marks.is_marked(ix)).collect();
        Request { events, filter: Filter { marked: true, ..Filter::default() }, also: None }
    } else {
        if s.view.is_empty() {
            s.message = Some("No events to write: the filters match none. Press c to clear them.".into());
            return;
        }
        let marks_differ = n_marked > 0 && !s.filter.marked;
        let also = marks_differ.then(|| {
            let noun = if n_marked == 1 { "marked event" } else { "marked events" };
            format!("E writes the {n_marked} {noun} instead.")
        });
        Request { events: s.view.events.clone(), filter: s.filter.clone(), also }
    };
    s.effects.push(Effect::Handout(request));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Action, Options, update};
    use crate::model::load::timeline_from_str;

    fn state() -> State {
        let t = timeline_from_str(include_str!("../../tests/fixtures/small.json"), "small.json", &[]).unwrap();
        State::new(t, "small.json", Options::default())
    }

    fn handouts(s: &State) -> Vec<&Request> {
        s.effects
            .iter()
            .filter_map(|e| match e {
                Effect::Handout(r) => Some(r),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn e_writes_the_events_shown_with_their_filters() {
        let mut s = state();
        let mut f = Filter::default();
        f.regions.insert(s.timeline.find_region("harbor"));
        s.set_filter(f.clone());
        assert_eq!(s.view.len(), 3);
        update(&mut s, Action::Export);
        let r = handouts(&s);
        assert_eq!(r, [&Request { events: s.view.events.clone(), filter: f, also: None }]);
    }

    #[test]
    fn with_marks_e_names_the_other_choice_and_shift_e_writes_every_marked_event() {
        let mut s = state();
        s.marks.toggle(1);
        s.marks.toggle(7);
        let mut f = Filter::default();
        f.regions.insert(s.timeline.find_region("harbor"));
        s.set_filter(f);
        update(&mut s, Action::Export);
        assert_eq!(handouts(&s)[0].also.as_deref(), Some("E writes the 2 marked events instead."));
        s.effects.clear();
        update(&mut s, Action::ExportMarked);
        let r = handouts(&s);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].events, [1, 7], "all the marks, whatever the filter shows");
        assert_eq!(r[0].filter, Filter { marked: true, ..Filter::default() });
        // Showing only the marks, e and E would write the same: no other choice to offer.
        s.effects.clear();
        update(&mut s, Action::ClearFilters);
        update(&mut s, Action::ToggleMarkedOnly);
        update(&mut s, Action::Export);
        assert_eq!(handouts(&s)[0].events, [1, 7]);
        assert_eq!(handouts(&s)[0].also, None);
    }

    #[test]
    fn nothing_to_write_is_said_and_nothing_is_queued() {
        let mut s = state();
        update(&mut s, Action::ExportMarked);
        assert!(s.effects.is_empty());
        assert!(s.message.as_deref().unwrap().starts_with("No marked events yet"), "{:?}", s.message);
        let mut f = Filter::default();
        f.actors.insert("nobody at all".into());
        s.set_filter(f);
        assert!(s.view.is_empty());
        update(&mut s, Action::Export);
        assert!(s.effects.is_empty());
        assert_eq!(s.message.as_deref(), Some("No events to write: the filters match none. Press c to clear them."));
    }
}
