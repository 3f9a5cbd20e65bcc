//! Filtering, search and the list's row structure. Pure functions over the model; no terminal
//! here. Everything per-timeline (the search index) is built once; everything per-filter (the
//! view, its day groups) once per filter change.

pub mod dates;
pub mod facets;
pub mod filter;
pub mod fold;
pub mod glossary;
pub mod index;
pub mod load;
pub mod lookup;
pub mod search;
pub mod spec;
pub mod view;

pub use facets::{Facet, facet_counts, region_counts, region_label};
pub use filter::{DateRange, Filter, RegionKey};
pub use search::{Dictionary, Index, Query};
pub use view::{Row, View};
