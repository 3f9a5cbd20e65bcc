//! What the user has narrowed the timeline to. Kinds combine with AND; values within a kind with
//! OR ("Mangystau or Almaty, and about protests, and with disputed claims").

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::search::{Index, Query};
use crate::model::{ClaimStatus, EventIx, RegionIx, Timeline};

/// A region filter key: a region, or `None` for events without one.
pub type RegionKey = Option<RegionIx>;

/// Inclusive date bounds; either end may be open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DateRange {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl DateRange {
    pub fn is_empty(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }

    /// "4–10 Jan 2022", "on 5 Jan 2022", "Feb 2022", "from 4 Jan 2022", "until 10 Jan 2022".
    pub fn describe(&self) -> String {
        let d = |d: NaiveDate| crate::model::PartialDate::day(d).display();
        match (self.from, self.to) {
            (Some(a), Some(b)) if a == b => format!("on {}", d(a)),
            (Some(a), Some(b)) => crate::model::span::dates(a, b),
            (Some(a), None) => format!("from {}", d(a)),
            (None, Some(b)) => format!("until {}", d(b)),
            (None, None) => String::new(),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Events in any of these regions.
    pub regions: BTreeSet<RegionKey>,
    /// Events with any of these category ids.
    pub categories: BTreeSet<String>,
    /// Events with any of these actors.
    pub actors: BTreeSet<String>,
    /// Events overlapping these dates.
    pub dates: DateRange,
    /// Only events with a disputed claim.
    pub disputed: bool,
    /// Only marked events.
    pub marked: bool,
    /// Only events matching this search.
    pub search: Option<Query>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// Nothing but (at most) a search is set.
    fn is_empty_but_search(&self) -> bool {
        self.regions.is_empty()
            && self.categories.is_empty()
            && self.actors.is_empty()
            && self.dates.is_empty()
            && !self.disputed
            && !self.marked
    }

    /// Everything but the search.
    fn matches_fields(&self, t: &Timeline, ix: EventIx, marked: &[bool]) -> bool {
        let e = &t.events[ix];
        (self.regions.is_empty() || self.regions.contains(&e.region))
            && (self.categories.is_empty() || e.categories.iter().any(|c| self.categories.contains(c)))
            && (self.actors.is_empty() || e.actors.iter().any(|a| self.actors.contains(a)))
            && self.dates.to.is_none_or(|to| e.start.date <= to)
            && self.dates.from.is_none_or(|from| e.end.as_ref().map_or(e.start.date, |end| end.date) >= from)
            && (!self.disputed || e.claims.iter().any(|c| c.status == ClaimStatus::Disputed))
            && (!self.marked || marked.get(ix).copied().unwrap_or(false))
    }

    /// The candidates (ascending) that pass, in order. `index` is only called (and the search
    /// index only built) when there is a search.
    pub fn apply<'i>(
        &self,
        t: &Timeline,
        index: impl FnOnce() -> &'i Index,
        marked: &[bool],
        candidates: impl Iterator<Item = EventIx>,
    ) -> Vec<EventIx> {
        let fields: Vec<EventIx> = if self.is_empty_but_search() {
            candidates.collect()
        } else {
            candidates.filter(|&ix| self.matches_fields(t, ix, marked)).collect()
        };
        match &self.search {
            // Many candidates: one scan of the index beats visiting each haystack.
            Some(q) if !q.is_empty() => q.matching(index(), t, &fields),
            _ => fields,
        }
    }

    /// One line per active kind, for the filter bar: ("Region", "Mangystau, Almaty").
    pub fn describe(&self, t: &Timeline) -> Vec<(&'static str, String)> {
        self.parts(t).into_iter().map(|(kind, values)| (kind, values.join(", "))).collect()
    }

    /// Each active kind with its values as shown, names in alphabetical order (as the popups
    /// list them): ("Regions", ["Almaty", "Mangystau"]).
    pub fn parts(&self, t: &Timeline) -> Vec<(&'static str, Vec<String>)> {
        let mut out = Vec::new();
        let plural = |n: usize, one: &'static str, many: &'static str| if n == 1 { one } else { many };
        let sorted = |mut v: Vec<String>| {
            v.sort_by_key(|x| x.to_lowercase());
            v
        };
        if !self.regions.is_empty() {
            let v = sorted(self.regions.iter().map(|&k| super::region_label(t, k).to_string()).collect());
            out.push((plural(v.len(), "Region", "Regions"), v));
        }
        if !self.categories.is_empty() {
            let v = sorted(self.categories.iter().map(|c| t.category_name(c).to_string()).collect());
            out.push((plural(v.len(), "Topic", "Topics"), v));
        }
        if !self.actors.is_empty() {
            let v = sorted(self.actors.iter().cloned().collect());
            out.push((plural(v.len(), "Actor", "Actors"), v));
        }
        if !self.dates.is_empty() {
            out.push(("Dates", vec![self.dates.describe()]));
        }
        if self.disputed {
            out.push(("Claims", vec!["disputed".to_string()]));
        }
        if self.marked {
            out.push(("Marked", vec!["only".to_string()]));
        }
        if let Some(q) = &self.search {
            out.push(("Search", vec![format!("\u{201c}{}\u{201d}", q.raw)]));
        }
        out
    }
}
