//! Following links between events: Enter in the detail pane opens a related event (a small popup
//! chooses when there are several), Backspace goes back along the way that was followed.
//!
//! The way back is a stack of event indices in [`State::history`]: every jump made by following a
//! link pushes the event it left. Going back pops it and selects it again, revealing it if a
//! filter has hidden it since. Moving with the arrows does not touch the stack: it is a trail of
//! links, like a browser's back button, not a log of every key.

use super::{Action, Focus, Overlay, State};
use crate::model::EventIx;

/// The popup that lists an event's related events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    /// Timeline indices, in the order the event lists them.
    pub items: Vec<EventIx>,
    pub cursor: usize,
}

/// The most links remembered for going back; older ones are forgotten first.
const HISTORY_MAX: usize = 100;

/// Enter in the detail pane: go to the related event, or choose among several.
pub fn open(s: &mut State) {
    let Some(e) = s.selected_event() else { return };
    match e.related.as_slice() {
        [] => s.message = Some("This event lists no related events.".into()),
        [one] => {
            let one = *one;
            follow(s, one);
        }
        many => s.overlay = Some(Overlay::Related(Related { items: many.to_vec(), cursor: 0 })),
    }
}

/// Go to `ix` by a link, remembering where from.
pub fn follow(s: &mut State, ix: EventIx) {
    if let Some(from) = s.selected_ix() {
        if s.history.len() == HISTORY_MAX {
            s.history.remove(0);
        }
        s.history.push(from);
    }
    s.reveal(ix);
    s.focus = Focus::Detail;
    s.detail_scroll = 0;
    if s.message.is_none() {
        s.message = Some("Backspace goes back to the event you came from.".into());
    }
}

/// Backspace: back to the event the last link was followed from.
pub fn back(s: &mut State) {
    match s.history.pop() {
        Some(ix) => {
            s.reveal(ix);
            s.detail_scroll = 0;
        }
        None => s.message = Some("Nothing to go back to: Enter on an event with related events follows a link.".into()),
    }
}

/// Keys in the related-events popup.
pub fn update(s: &mut State, action: Action) {
    let Some(Overlay::Related(r)) = &mut s.overlay else { return };
    let last = r.items.len().saturating_sub(1);
    match action {
        Action::Up => r.cursor = r.cursor.saturating_sub(1),
        Action::Down => r.cursor = (r.cursor + 1).min(last),
        Action::First => r.cursor = 0,
        Action::Last => r.cursor = last,
        Action::Answer(n) if (n as usize) <= last => {
            let ix = r.items[n as usize];
            s.overlay = None;
            follow(s, ix);
        }
        Action::Apply => {
            let ix = r.items[r.cursor];
            s.overlay = None;
            follow(s, ix);
        }
        Action::Back => s.overlay = None,
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Options, update};
    use crate::model::load::timeline_from_str;

    fn state() -> State {
        let t = timeline_from_str(include_str!("../../tests/fixtures/small.json"), "small.json", &[]).unwrap();
        State::new(t, "small.json", Options::default())
    }

    fn id(s: &State) -> &str {
        &s.selected_event().unwrap().id
    }

    fn run(s: &mut State, actions: &[Action]) {
        for &a in actions {
            update(s, a);
        }
    }

    #[test]
    fn enter_follows_a_link_and_backspace_comes_back() {
        let mut s = state();
        let from = s.timeline.events.iter().position(|e| e.related.len() == 1).expect("an event with one link");
        s.reveal(from);
        let from_id = id(&s).to_string();
        let to_id = s.timeline.events[s.timeline.events[from].related[0]].id.clone();
        run(&mut s, &[Action::FocusDetail, Action::OpenRelated]);
        assert_eq!(id(&s), to_id);
        assert_eq!(s.focus, Focus::Detail, "the linked event is opened to read");
        run(&mut s, &[Action::HistoryBack]);
        assert_eq!(id(&s), from_id);
        run(&mut s, &[Action::HistoryBack]);
        assert_eq!(id(&s), from_id, "nothing more to go back to");
        assert!(s.message.as_deref().unwrap().starts_with("Nothing to go back to"));
    }

    #[test]
    fn several_links_are_chosen_in_a_popup_and_hidden_events_are_revealed() {
        let t = crate::model::load::bundled_timeline().unwrap();
        let mut s = State::new(t, "bundled", Options::default());
        let from = s.timeline.events.iter().position(|e| e.related.len() > 1).expect("an event with several links");
        let second = s.timeline.events[from].related[1];
        // A filter that shows only the event with the links.
        let region = s.timeline.events[from].region;
        let f = crate::query::Filter { regions: [region].into(), ..Default::default() };
        s.set_filter(f);
        s.reveal(from);
        run(&mut s, &[Action::FocusDetail, Action::OpenRelated]);
        let Some(Overlay::Related(r)) = &s.overlay else { panic!("no popup") };
        assert_eq!(r.items, s.timeline.events[from].related);
        run(&mut s, &[Action::Down, Action::Apply]);
        assert!(s.overlay.is_none());
        assert_eq!(s.selected_ix(), Some(second));
        run(&mut s, &[Action::HistoryBack]);
        assert_eq!(s.selected_ix(), Some(from));
    }

    #[test]
    fn an_event_without_links_says_so() {
        let mut s = state();
        let lonely = s.timeline.events.iter().position(|e| e.related.is_empty()).unwrap();
        s.reveal(lonely);
        run(&mut s, &[Action::FocusDetail, Action::OpenRelated]);
        assert_eq!(s.selected_ix(), Some(lonely));
        assert_eq!(s.message.as_deref(), Some("This event lists no related events."));
    }
}
