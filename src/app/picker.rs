//! The filter popup for a facet (regions, topics, actors): values with counts and tick boxes,
//! narrowed by typing.
//!
//! Counts say how many events the list would show with the value ticked, given the *other*
//! active filters (the view of the filter with this facet cleared), so a teacher who has picked
//! "January 5" sees how many of that day's events each region has. Every value of the timeline is
//! listed, the ones that would show nothing with a zero.
//!
//! Typing narrows the list: each value's label (and, for regions, its Kazakh and Russian names and
//! aliases) is folded once when the popup opens (as search folds text: case, script and
//! transliteration do not matter), and each key press filters those keys by substring, ignoring
//! spaces (Space ticks, so a query has none). That is one pass over short strings per key: a
//! popup of 20,000 actors stays instant.

use std::collections::BTreeSet;

use crate::model::Timeline;
use crate::query::facets::{Facet, FacetItem, FacetKey, counts_among, facet_counts};
use crate::query::fold::fold;
use crate::query::{Filter, RegionKey};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    pub facet: Facet,
    pub items: Vec<FacetItem>,
    /// For each item, the events it would show under the other filters.
    pub counts: Vec<usize>,
    /// What has been typed to narrow the list.
    pub query: String,
    /// Indices into `items` of the values that match `query`, in order.
    pub shown: Vec<usize>,
    /// Index into `shown`.
    pub cursor: usize,
    /// Indices into `items`.
    pub checked: BTreeSet<usize>,
    /// Each item's folded search key, spaces removed.
    keys: Vec<String>,
}

impl Picker {
    /// A picker for `facet` with the values `filter` already uses ticked and the cursor on the
    /// first of them. `among` are the events that pass the other filters (see [`cleared`]).
    pub fn open(t: &Timeline, filter: &Filter, facet: Facet, among: &[usize]) -> Picker {
        let items = facet_counts(t, facet);
        let counts = counts_among(t, &items, among);
        let checked: BTreeSet<usize> =
            items.iter().enumerate().filter(|(_, it)| is_in(filter, &it.key)).map(|(i, _)| i).collect();
        let cursor = checked.first().copied().unwrap_or(0);
        let keys = items.iter().map(|it| search_key(t, it)).collect();
        let shown = (0..items.len()).collect();
        Picker { facet, items, counts, query: String::new(), shown, cursor, checked, keys }
    }

    /// The item under the cursor (an index into `items`).
    pub fn current(&self) -> Option<usize> {
        self.shown.get(self.cursor).copied()
    }

    pub fn toggle(&mut self) {
        if let Some(i) = self.current()
            && !self.checked.remove(&i)
        {
            self.checked.insert(i);
        }
    }

    /// Narrow the list to the values matching `query`; the cursor stays on its value if it is
    /// still shown, else goes to the first.
    pub fn set_query(&mut self, query: String) {
        let was = self.current();
        let q: String = fold(&query).chars().filter(|c| !c.is_whitespace()).collect();
        self.shown = if q.is_empty() {
            (0..self.items.len()).collect()
        } else {
            (0..self.items.len()).filter(|&i| self.keys[i].contains(&q)).collect()
        };
        self.cursor = was.and_then(|w| self.shown.iter().position(|&i| i == w)).unwrap_or(0);
        self.query = query;
    }

    /// `filter` with this facet set to the ticked values.
    pub fn applied(&self, filter: &Filter) -> Filter {
        let mut f = cleared(filter, self.facet);
        for &i in &self.checked {
            match &self.items[i].key {
                FacetKey::Region(r) => {
                    f.regions.insert(*r);
                }
                FacetKey::Category(c) => {
                    f.categories.insert(c.clone());
                }
                FacetKey::Actor(a) => {
                    f.actors.insert(a.clone());
                }
            }
        }
        f
    }
}

/// What typing is matched against: the label, and a region's other names (or a topic's id),
/// each folded with its spaces dropped, joined by `|` (which no folded query contains, so a
/// match never runs from one name into the next).
fn search_key(t: &Timeline, item: &FacetItem) -> String {
    let mut names: Vec<&str> = vec![&item.label];
    match &item.key {
        FacetKey::Region(Some(r)) => {
            let reg = t.region(*r);
            names.extend(
                [Some(&reg.name), reg.name_kk.as_ref(), reg.name_ru.as_ref()].into_iter().flatten().map(String::as_str),
            );
            names.extend(reg.aliases.iter().map(String::as_str));
        }
        FacetKey::Category(id) => names.push(id),
        _ => {}
    }
    names.iter().map(|n| fold(n).replace(' ', "")).collect::<Vec<_>>().join("|")
}

fn is_in(filter: &Filter, key: &FacetKey) -> bool {
    match key {
        FacetKey::Region(r) => filter.regions.contains::<RegionKey>(r),
        FacetKey::Category(c) => filter.categories.contains(c),
        FacetKey::Actor(a) => filter.actors.contains(a),
    }
}

/// `filter` without any value of `facet`.
pub fn cleared(filter: &Filter, facet: Facet) -> Filter {
    let mut f = filter.clone();
    match facet {
        Facet::Region => f.regions.clear(),
        Facet::Category => f.categories.clear(),
        Facet::Actor => f.actors.clear(),
    }
    f
}
