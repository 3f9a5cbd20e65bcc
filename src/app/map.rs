//! The map pane's state: which region the keyboard cursor is on, and moving it between region
//! centres by direction. Ticking a region on the map sets the region filter.

use super::{Action, Focus, State};
use crate::model::{RegionIx, RegionKind, Timeline};
use crate::query::Filter;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MapState {
    /// The region under the keyboard cursor.
    pub cursor: Option<RegionIx>,
}

/// Regions drawn on the map: real regions with a centre, leaving out regions created later
/// that have no events (Abai, Jetisu, Ulytau for a January 2022 timeline).
pub fn map_regions(t: &Timeline) -> Vec<RegionIx> {
    (0..t.regions.len() as RegionIx)
        .filter(|&r| {
            let reg = t.region(r);
            reg.kind != RegionKind::Pseudo
                && reg.centre.as_ref().is_some_and(|c| c.coords.is_some())
                && (reg.created.is_none() || t.events.iter().any(|e| e.region == Some(r)))
        })
        .collect()
}

fn coords(t: &Timeline, r: RegionIx) -> (f64, f64) {
    let c = t.region(r).centre.as_ref().and_then(|c| c.coords).expect("map regions have coordinates");
    (c.lon, c.lat)
}

/// The nearest region from `from` in direction (dx, dy) (east/north positive), within 60° of it.
pub fn step(t: &Timeline, regions: &[RegionIx], from: RegionIx, dx: f64, dy: f64) -> Option<RegionIx> {
    let (x0, y0) = coords(t, from);
    let scale = 48f64.to_radians().cos();
    regions
        .iter()
        .copied()
        .filter(|&r| r != from)
        .filter_map(|r| {
            let (x, y) = coords(t, r);
            let (vx, vy) = ((x - x0) * scale, y - y0);
            let dist = vx.hypot(vy);
            let cos = (vx * dx + vy * dy) / dist;
            // Within 60° of the direction; nearer and straighter wins.
            (dist > 0.0 && cos >= 0.5).then_some((dist / cos, r))
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, r)| r)
}

/// Start on the selected event's region, else the busiest one.
fn initial_cursor(s: &State, regions: &[RegionIx]) -> Option<RegionIx> {
    let selected = s.selected_event().and_then(|e| e.region).filter(|r| regions.contains(r));
    selected.or_else(|| regions.iter().copied().max_by_key(|&r| s.timeline.events.iter().filter(|e| e.region == Some(r)).count()))
}

pub fn toggle_map(s: &mut State) {
    if s.map.take().is_some() {
        if s.focus == Focus::Map {
            s.focus = Focus::List;
        }
        return;
    }
    let regions = map_regions(&s.timeline);
    if regions.is_empty() {
        s.message = Some("This timeline's regions have no coordinates to draw a map.".into());
        return;
    }
    s.map = Some(MapState { cursor: initial_cursor(s, &regions) });
    s.focus = Focus::Map;
}

/// Tick or untick a region in the region filter, applying it at once.
pub fn toggle_region(s: &mut State, r: RegionIx) {
    let mut f: Filter = s.filter.clone();
    if !f.regions.remove(&Some(r)) {
        f.regions.insert(Some(r));
    }
    s.set_filter(f);
}

pub fn update(s: &mut State, action: Action) {
    let regions = map_regions(&s.timeline);
    let Some(m) = &mut s.map else { return };
    let (dx, dy) = match action {
        Action::Up => (0.0, 1.0),
        Action::Down => (0.0, -1.0),
        Action::PrevEvent => (-1.0, 0.0),
        Action::NextEvent => (1.0, 0.0),
        Action::Toggle | Action::Apply => {
            if let Some(r) = m.cursor {
                toggle_region(s, r);
            }
            return;
        }
        Action::Back | Action::ToggleFocus => {
            s.focus = Focus::List;
            return;
        }
        _ => return,
    };
    match m.cursor {
        Some(c) => {
            if let Some(next) = step(&s.timeline, &regions, c, dx, dy) {
                m.cursor = Some(next);
            }
        }
        None => m.cursor = regions.first().copied(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load::bundled_timeline;

    #[test]
    fn cursor_moves_by_compass_direction() {
        let t = bundled_timeline().unwrap();
        let regions = map_regions(&t);
        let id = |r: Option<RegionIx>| r.map(|r| t.region(r).id.clone()).unwrap_or_default();
        let at = |name: &str| t.region_by_id(name).unwrap();
        assert!(!regions.contains(&at("nationwide")));
        assert!(!regions.contains(&at("jetisu")), "created in June 2022, no events");
        assert!(regions.contains(&at("mangystau")));
        // From Mangystau (Aktau, far west), east leads away from the Caspian; west has nothing.
        assert_eq!(step(&t, &regions, at("mangystau"), -1.0, 0.0), None);
        let east = step(&t, &regions, at("mangystau"), 1.0, 0.0);
        assert!(east.is_some());
        // From Almaty city, north reaches a region whose centre is further north.
        let north = step(&t, &regions, at("almaty"), 0.0, 1.0).unwrap();
        let lat = |r| t.region(r).centre.as_ref().unwrap().coords.unwrap().lat;
        assert!(lat(north) > lat(at("almaty")), "{}", id(Some(north)));
    }
}
