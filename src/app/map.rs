//! The map pane's state: which region the keyboard cursor is on, and moving it between region
//! centres by direction. Ticking a region on the map sets the region filter.

use std::collections::HashMap;

use super::{Action, Focus, State};
use crate::model::{Coords, EventIx, RegionIx, RegionKind, Timeline};
use crate::query::Filter;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MapState {
    /// The region under the keyboard cursor.
    pub cursor: Option<RegionIx>,
}

/// What the map shows under the current filters: built once per filter change (see
/// [`State::map_data`]), so drawing a frame or moving the cursor costs nothing per event.
#[derive(Debug, Clone, Default)]
pub struct MapData {
    /// Regions drawn (real regions with a centre, leaving out regions created later that have no
    /// events, such as Abai, Jetisu and Ulytau for a January 2022 timeline), with their events
    /// in the view.
    pub regions: Vec<(RegionIx, usize)>,
    /// Places of events in the view that are not at their region's centre; places within
    /// [`NEAR`] degrees of one seen earlier are counted with it.
    pub places: Vec<PlaceMarker>,
    /// `places` by grid cell of [`NEAR`] degrees, to find a nearby place without a scan.
    grid: HashMap<(i64, i64), Vec<usize>>,
    /// Events in the view that have no place on the map: per pseudo-region ("Nationwide",
    /// "International") and `None` for events without a region.
    pub off_map: Vec<(Option<RegionIx>, usize)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlaceMarker {
    pub coords: Coords,
    pub name: String,
    pub count: usize,
    /// The first event (in the view) at this place.
    pub first: EventIx,
}

/// Places closer than this (in degrees of latitude and of longitude) are one marker.
pub const NEAR: f64 = 0.05;

fn near(a: Coords, b: Coords) -> bool {
    (a.lat - b.lat).abs() < NEAR && (a.lon - b.lon).abs() < NEAR
}

fn cell(c: Coords) -> (i64, i64) {
    ((c.lat / NEAR).floor() as i64, (c.lon / NEAR).floor() as i64)
}

impl MapData {
    pub fn build(t: &Timeline, view: &[EventIx]) -> MapData {
        let mut in_view = vec![0usize; t.regions.len()];
        let mut no_region = 0;
        for &ix in view {
            match t.events[ix].region {
                Some(r) => in_view[r as usize] += 1,
                None => no_region += 1,
            }
        }
        // Regions created later are drawn only when some event (in or out of the view) is in them.
        let mut used = vec![false; t.regions.len()];
        if t.regions.iter().any(|r| r.created.is_some()) {
            for e in &t.events {
                if let Some(r) = e.region {
                    used[r as usize] = true;
                }
            }
        }
        let regions = (0..t.regions.len() as RegionIx)
            .filter(|&r| {
                let reg = t.region(r);
                reg.kind != RegionKind::Pseudo
                    && reg.centre.as_ref().is_some_and(|c| c.coords.is_some())
                    && (reg.created.is_none() || used[r as usize])
            })
            .map(|r| (r, in_view[r as usize]))
            .collect();
        let mut off_map: Vec<(Option<RegionIx>, usize)> = (0..t.regions.len() as RegionIx)
            .filter(|&r| t.region(r).kind == RegionKind::Pseudo && in_view[r as usize] > 0)
            .map(|r| (Some(r), in_view[r as usize]))
            .collect();
        if no_region > 0 {
            off_map.push((None, no_region));
        }
        let mut data = MapData { regions, off_map, ..MapData::default() };
        for &ix in view {
            let Some(c) = off_centre(t, ix) else { continue };
            match data.place_at(c) {
                Some(k) => data.places[k].count += 1,
                None => {
                    let name = t.events[ix].place.as_ref().map(|p| p.name.clone()).unwrap_or_default();
                    data.grid.entry(cell(c)).or_default().push(data.places.len());
                    data.places.push(PlaceMarker { coords: c, name, count: 1, first: ix });
                }
            }
        }
        data
    }

    /// The first place (in the order they were found) near `c`.
    pub fn place_at(&self, c: Coords) -> Option<usize> {
        let (y, x) = cell(c);
        (y - 1..=y + 1)
            .flat_map(|cy| (x - 1..=x + 1).map(move |cx| (cy, cx)))
            .filter_map(|k| self.grid.get(&k))
            .flatten()
            .copied()
            .filter(|&k| near(self.places[k].coords, c))
            .min()
    }

    /// The regions drawn, without their counts.
    pub fn region_ixs(&self) -> Vec<RegionIx> {
        self.regions.iter().map(|&(r, _)| r).collect()
    }
}

/// Where event `ix` happened, when it has coordinates away from its region's centre.
pub fn off_centre(t: &Timeline, ix: EventIx) -> Option<Coords> {
    let e = &t.events[ix];
    let (Some(place), Some(r)) = (&e.place, e.region) else { return None };
    let c = place.coords?;
    let centre = t.region(r).centre.as_ref().and_then(|p| p.coords);
    (!centre.is_some_and(|cc| near(cc, c))).then_some(c)
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
fn initial_cursor(s: &State) -> Option<RegionIx> {
    let regions = &s.map_data().regions;
    let selected = s.selected_event().and_then(|e| e.region).filter(|r| regions.iter().any(|&(m, _)| m == *r));
    selected.or_else(|| regions.iter().max_by_key(|&&(_, n)| n).map(|&(r, _)| r))
}

pub fn toggle_map(s: &mut State) {
    if s.map.take().is_some() {
        if s.focus == Focus::Map {
            s.focus = Focus::List;
        }
        return;
    }
    if s.map_data().regions.is_empty() {
        // The map is Kazakhstan's (docs/MAP.md): say so when the events are placed elsewhere.
        let coords = || s.timeline.events.iter().filter_map(|e| e.place.as_ref()?.coords);
        let in_kazakhstan = |c: Coords| (40.0..=56.0).contains(&c.lat) && (46.0..=88.0).contains(&c.lon);
        let elsewhere = coords().next().is_some() && !coords().any(in_kazakhstan);
        s.message = Some(if elsewhere {
            "The map shows Kazakhstan only, and this timeline's places are elsewhere.".into()
        } else {
            "This timeline's regions have no coordinates to draw a map.".into()
        });
        return;
    }
    s.map = Some(MapState { cursor: initial_cursor(s) });
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
    let regions = s.map_data().region_ixs();
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
    fn places_merge_with_the_first_near_one_as_a_scan_would() {
        let mut t = bundled_timeline().unwrap();
        // Crowd many events around a few points, so that merging and the grid's cell edges matter.
        let template = t.events.iter().position(|e| e.place.as_ref().is_some_and(|p| p.coords.is_some())).unwrap();
        let base = t.events.len();
        for k in 0..400 {
            let mut e = t.events[template].clone();
            e.id = format!("crowd-{k}");
            let c = e.place.as_mut().unwrap().coords.as_mut().unwrap();
            c.lat = 47.0 + (k % 37) as f64 * 0.013;
            c.lon = 60.0 + (k % 23) as f64 * 0.021;
            t.events.push(e);
        }
        let view: Vec<EventIx> = (0..t.events.len()).collect();
        let data = MapData::build(&t, &view);
        // The plain way: each place joins the first earlier place within NEAR, else starts one.
        let mut naive: Vec<(Coords, usize, EventIx)> = Vec::new();
        for &ix in &view {
            let Some(c) = off_centre(&t, ix) else { continue };
            match naive.iter_mut().find(|(p, _, _)| near(*p, c)) {
                Some(p) => p.1 += 1,
                None => naive.push((c, 1, ix)),
            }
        }
        let got: Vec<(Coords, usize, EventIx)> = data.places.iter().map(|p| (p.coords, p.count, p.first)).collect();
        assert_eq!(got, naive);
        assert!(data.places.iter().any(|p| p.first >= base && p.count > 1), "the crowd was merged somewhere");
    }

    #[test]
    fn cursor_moves_by_compass_direction() {
        let t = bundled_timeline().unwrap();
        let regions = MapData::build(&t, &[]).region_ixs();
        let id = |r: Option<RegionIx>| r.map(|r| t.region(r).id.clone()).unwrap_or_default();
        let at = |name: &str| t.region_by_id(name).unwrap();
        assert!(!regions.contains(&at("nationwide")));
        assert!(!regions.contains(&at("ulytau")), "created in June 2022, no events");
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
