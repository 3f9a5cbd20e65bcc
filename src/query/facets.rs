//! The values a filter can pick from (regions, topics, actors), with event counts. No two
//! values of a facet look the same: labels that are confusable (the same after UTS #39's
//! skeleton, which also ignores invisible characters) get the id after them, or a number.

use std::collections::HashMap;

use super::filter::RegionKey;
use crate::model::{RegionKind, Timeline};

/// A kind of filter with a list of values to pick from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facet {
    Region,
    Category,
    Actor,
}

impl Facet {
    pub fn title(self) -> &'static str {
        match self {
            Facet::Region => "Filter by region",
            Facet::Category => "Filter by topic",
            Facet::Actor => "Filter by actor",
        }
    }
}

/// One value of a facet.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum FacetKey {
    Region(RegionKey),
    Category(String),
    Actor(String),
}

/// A pickable value: key, label and number of events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetItem {
    pub key: FacetKey,
    pub label: String,
    /// Events with this value in the whole timeline.
    pub count: usize,
}

/// How many of `among` (event indices) have each of `items`' values: the number of events a
/// user would see after ticking it, given the other filters that produced `among`.
pub fn counts_among(t: &Timeline, items: &[FacetItem], among: &[usize]) -> Vec<usize> {
    use std::collections::HashMap;
    let mut regions = vec![0usize; t.regions.len()];
    let mut no_region = 0usize;
    let mut values: HashMap<&str, usize> = HashMap::new();
    let facet = items.first().map(|it| match it.key {
        FacetKey::Region(_) => Facet::Region,
        FacetKey::Category(_) => Facet::Category,
        FacetKey::Actor(_) => Facet::Actor,
    });
    for &ix in among {
        let e = &t.events[ix];
        match facet {
            Some(Facet::Region) => match e.region {
                Some(r) => regions[r as usize] += 1,
                None => no_region += 1,
            },
            Some(Facet::Category) => e.categories.iter().for_each(|c| *values.entry(c.as_str()).or_default() += 1),
            Some(Facet::Actor) => e.actors.iter().for_each(|a| *values.entry(a.as_str()).or_default() += 1),
            None => {}
        }
    }
    items
        .iter()
        .map(|it| match &it.key {
            FacetKey::Region(Some(r)) => regions[*r as usize],
            FacetKey::Region(None) => no_region,
            FacetKey::Category(v) | FacetKey::Actor(v) => values.get(v.as_str()).copied().unwrap_or(0),
        })
        .collect()
}

/// Regions that have events, with their event counts, ordered for the filter list: proper
/// regions and cities by name, then pseudo-regions ("Nationwide"), then events with no region.
pub fn region_counts(t: &Timeline) -> Vec<(RegionKey, usize)> {
    let mut counts = vec![0usize; t.regions.len()];
    let mut none = 0usize;
    for e in &t.events {
        match e.region {
            Some(r) => counts[r as usize] += 1,
            None => none += 1,
        }
    }
    let mut out: Vec<(RegionKey, usize)> =
        counts.iter().enumerate().filter(|(_, n)| **n > 0).map(|(i, &n)| (Some(i as u16), n)).collect();
    out.sort_by_key(|(r, _)| {
        let reg = t.region(r.expect("only regions so far"));
        (reg.kind == RegionKind::Pseudo, reg.short.to_lowercase())
    });
    if none > 0 {
        out.push((None, none));
    }
    out
}

/// The label of a region key: the region's short name, or "No region".
pub fn region_label(t: &Timeline, key: RegionKey) -> &str {
    match key {
        Some(r) => &t.region(r).short,
        None => "No region",
    }
}

/// Every value of `facet` that some event has, with counts. Regions as in [`region_counts`];
/// topics in the order the timeline declares them; actors by count, then name.
pub fn facet_counts(t: &Timeline, facet: Facet) -> Vec<FacetItem> {
    let mut items = facet_values(t, facet);
    let id = |key: &FacetKey| match key {
        FacetKey::Region(Some(r)) => Some(t.region(*r).id.clone()),
        FacetKey::Category(c) => t.categories.iter().any(|k| k.id == *c).then(|| c.clone()),
        _ => None,
    };
    distinguish(&mut items, id);
    items
}

/// What a label looks like: labels with the same look could be taken for each other.
fn look(label: &str) -> String {
    unicode_security::skeleton(label).collect()
}

/// Make every label look different from the others: confusable labels get their id after them
/// (`Almaty (almaty-city)`), and those without an id, or still alike, a number
/// (`Tokayev (look-alike 2)`).
fn distinguish(items: &mut [FacetItem], id: impl Fn(&FacetKey) -> Option<String>) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for it in items.iter() {
        *seen.entry(look(&it.label)).or_default() += 1;
    }
    for it in items.iter_mut() {
        if seen[&look(&it.label)] > 1
            && let Some(id) = id(&it.key)
        {
            it.label = format!("{} ({id})", it.label);
        }
    }
    // Each round makes the labels of a group differ from each other; a new label can only match
    // a longer one already there, so this ends within as many rounds as there are items.
    for _ in 0..=items.len() {
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut changed = false;
        for it in items.iter_mut() {
            let n = seen.entry(look(&it.label)).or_default();
            *n += 1;
            if *n > 1 {
                it.label = format!("{} (look-alike {n})", it.label);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

fn facet_values(t: &Timeline, facet: Facet) -> Vec<FacetItem> {
    match facet {
        Facet::Region => region_counts(t)
            .into_iter()
            .map(|(k, count)| FacetItem { key: FacetKey::Region(k), label: region_label(t, k).to_string(), count })
            .collect(),
        Facet::Category | Facet::Actor => {
            let mut counts: HashMap<&str, usize> = HashMap::new();
            for e in &t.events {
                let values = if facet == Facet::Category { &e.categories } else { &e.actors };
                for v in values {
                    *counts.entry(v.as_str()).or_default() += 1;
                }
            }
            let mut items: Vec<FacetItem> = counts
                .into_iter()
                .map(|(v, count)| {
                    let (key, label) = if facet == Facet::Category {
                        (FacetKey::Category(v.to_string()), t.category_name(v).to_string())
                    } else {
                        (FacetKey::Actor(v.to_string()), v.to_string())
                    };
                    FacetItem { key, label, count }
                })
                .collect();
            if facet == Facet::Category {
                let order = |id: &str| t.categories.iter().position(|c| c.id == id).unwrap_or(usize::MAX);
                items.sort_by(|a, b| match (&a.key, &b.key) {
                    (FacetKey::Category(x), FacetKey::Category(y)) => {
                        order(x).cmp(&order(y)).then(a.label.cmp(&b.label))
                    }
                    _ => std::cmp::Ordering::Equal,
                });
            } else {
                items.sort_by(|a, b| {
                    b.count.cmp(&a.count).then_with(|| a.label.to_lowercase().cmp(&b.label.to_lowercase()))
                });
            }
            items
        }
    }
}
