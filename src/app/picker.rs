//! The filter popup for a facet (regions, topics, actors): values with counts and tick boxes.

use std::collections::BTreeSet;

use crate::model::Timeline;
use crate::query::facets::{Facet, FacetItem, FacetKey, facet_counts};
use crate::query::{Filter, RegionKey};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    pub facet: Facet,
    pub items: Vec<FacetItem>,
    pub cursor: usize,
    /// Indices into `items`.
    pub checked: BTreeSet<usize>,
}

impl Picker {
    /// A picker for `facet` with the values `filter` already uses ticked and the cursor on the first of them.
    pub fn open(t: &Timeline, filter: &Filter, facet: Facet) -> Picker {
        let items = facet_counts(t, facet);
        let checked: BTreeSet<usize> =
            items.iter().enumerate().filter(|(_, it)| is_in(filter, &it.key)).map(|(i, _)| i).collect();
        let cursor = checked.first().copied().unwrap_or(0);
        Picker { facet, items, cursor, checked }
    }

    pub fn toggle(&mut self) {
        if self.cursor < self.items.len() && !self.checked.remove(&self.cursor) {
            self.checked.insert(self.cursor);
        }
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
