//! Marked events: the teacher's or reader's own selection, kept per timeline file.

use crate::model::{EventIx, Timeline};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marks {
    flags: Vec<bool>,
    count: usize,
}

impl Marks {
    pub fn new(events: usize) -> Marks {
        Marks { flags: vec![false; events], count: 0 }
    }

    /// One flag per event, by timeline index.
    pub fn flags(&self) -> &[bool] {
        &self.flags
    }

    pub fn is_marked(&self, ix: EventIx) -> bool {
        self.flags.get(ix).copied().unwrap_or(false)
    }

    pub fn count(&self) -> usize {
        self.count
    }

    /// Mark or unmark; returns whether the event is now marked.
    pub fn toggle(&mut self, ix: EventIx) -> bool {
        let f = &mut self.flags[ix];
        *f = !*f;
        if *f {
            self.count += 1
        } else {
            self.count -= 1
        }
        *f
    }

    /// The ids of marked events, in timeline order.
    pub fn ids(&self, t: &Timeline) -> Vec<String> {
        self.flags.iter().enumerate().filter(|(_, f)| **f).map(|(i, _)| t.events[i].id.clone()).collect()
    }

    /// Mark the events with these ids; returns how many ids are not in the timeline.
    pub fn set_ids(&mut self, t: &Timeline, ids: &[String]) -> usize {
        let mut unknown = 0;
        for id in ids {
            match t.event_by_id(id) {
                Some(ix) if !self.flags[ix] => {
                    self.flags[ix] = true;
                    self.count += 1;
                }
                Some(_) => {}
                None => unknown += 1,
            }
        }
        unknown
    }
}
