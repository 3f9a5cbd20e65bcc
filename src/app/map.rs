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

/// The part of the earth the map shows, and which outline is drawn under the markers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MapView {
    /// West and east edges, degrees.
    pub lon: [f64; 2],
    /// South and north edges, degrees.
    pub lat: [f64; 2],
    pub basemap: Basemap,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basemap {
    /// Kazakhstan's own outline (`assets/kazakhstan-outline.json`, 1:50m).
    Kazakhstan,
    /// Every country's borders and coasts (`assets/world-borders.json`, 1:110m).
    World,
}

impl MapView {
    /// Kazakhstan whole, with a little room around it.
    pub const KAZAKHSTAN: MapView = MapView { lon: [46.0, 88.0], lat: [40.0, 56.0], basemap: Basemap::Kazakhstan };

    /// The view for these points: Kazakhstan's when they all lie in it (or there are none),
    /// else their bounding box with a margin, at least [`MIN_SPAN`] degrees of latitude tall and
    /// as wide, drawn over the world's borders (so an ACLED file of Argentina shows Argentina).
    pub fn fit(points: impl IntoIterator<Item = Coords>) -> MapView {
        let k = MapView::KAZAKHSTAN;
        let mut bounds: Option<([f64; 2], [f64; 2])> = None;
        for c in points.into_iter().filter(|c| c.lat.is_finite() && c.lon.is_finite()) {
            let (lon, lat) = bounds.get_or_insert(([c.lon, c.lon], [c.lat, c.lat]));
            *lon = [lon[0].min(c.lon), lon[1].max(c.lon)];
            *lat = [lat[0].min(c.lat), lat[1].max(c.lat)];
        }
        let Some((lon, lat)) = bounds else { return k };
        let inside = |v: [f64; 2], edge: [f64; 2]| edge[0] <= v[0] && v[1] <= edge[1];
        if inside(lon, k.lon) && inside(lat, k.lat) {
            return k;
        }
        let grow = |[a, b]: [f64; 2], min: f64, limit: f64| {
            let pad = ((b - a) * 0.1).max(1.0);
            let (mut a, mut b) = (a - pad, b + pad);
            if b - a < min {
                let mid = (a + b) / 2.0;
                (a, b) = (mid - min / 2.0, mid + min / 2.0);
            }
            // Slide back inside the globe's edges, then cut to them.
            let shift = (-limit - a).max(0.0) - (b - limit).max(0.0);
            [(a + shift).max(-limit), (b + shift).min(limit)]
        };
        let lat = grow(lat, MIN_SPAN, 85.0);
        let squeeze = mid_lat_cos((lat[0] + lat[1]) / 2.0);
        MapView { lon: grow(lon, MIN_SPAN / squeeze, 180.0), lat, basemap: Basemap::World }
    }

    /// How much narrower a degree of longitude is drawn than a degree of latitude: the cosine of
    /// the view's middle latitude (cos 48° for Kazakhstan).
    pub fn squeeze(&self) -> f64 {
        mid_lat_cos((self.lat[0] + self.lat[1]) / 2.0)
    }
}

/// cos of a latitude, kept from vanishing near the poles.
fn mid_lat_cos(lat: f64) -> f64 {
    lat.clamp(-70.0, 70.0).to_radians().cos()
}

/// The smallest view fitted to data elsewhere, in degrees of latitude (about 1,800 km: as tall
/// as the Kazakhstan view, so a few nearby events still show the country around them).
pub const MIN_SPAN: f64 = 16.0;

/// What the map needs from the whole timeline, whatever the filters: built once per timeline
/// (see [`State::map_data`]).
#[derive(Debug, Clone)]
pub struct MapBase {
    /// Each region's centre: from its dictionary entry, else (a region given without one, as
    /// every imported region is, such as ACLED's admin1 names) the mean of its events'
    /// coordinates, so its events are on the map and the region can be ticked there.
    centres: Vec<Option<Coords>>,
    /// Regions drawn on the map.
    drawn: Vec<RegionIx>,
    view: MapView,
}

impl MapBase {
    pub fn build(t: &Timeline) -> MapBase {
        let mut centres: Vec<Option<Coords>> =
            t.regions.iter().map(|r| r.centre.as_ref().and_then(|c| c.coords)).collect();
        let real = |r: usize| t.regions[r].kind != RegionKind::Pseudo;
        let mut used = vec![false; t.regions.len()];
        let mut sums = vec![(0.0, 0.0, 0usize); t.regions.len()];
        let guess = (0..t.regions.len()).any(|r| real(r) && centres[r].is_none());
        if guess || t.regions.iter().any(|r| r.created.is_some()) {
            for e in &t.events {
                let Some(r) = e.region else { continue };
                used[r as usize] = true;
                if let Some(c) =
                    e.place.as_ref().and_then(|p| p.coords).filter(|c| c.lat.is_finite() && c.lon.is_finite())
                {
                    let s = &mut sums[r as usize];
                    *s = (s.0 + c.lat, s.1 + c.lon, s.2 + 1);
                }
            }
        }
        for (r, &(lat, lon, n)) in sums.iter().enumerate() {
            if centres[r].is_none() && real(r) && n > 0 {
                centres[r] = Some(Coords { lat: lat / n as f64, lon: lon / n as f64 });
            }
        }
        // Regions created later are drawn only when some event is in them (Abai, Jetisu and
        // Ulytau, made in June 2022, are left out of a January 2022 timeline).
        let drawn: Vec<RegionIx> = (0..t.regions.len())
            .filter(|&r| real(r) && centres[r].is_some() && (t.regions[r].created.is_none() || used[r]))
            .map(|r| r as RegionIx)
            .collect();
        let regions = drawn.iter().filter_map(|&r| centres[r as usize]);
        let places = t.events.iter().filter_map(|e| e.place.as_ref()?.coords);
        MapBase { view: MapView::fit(regions.chain(places)), centres, drawn }
    }
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
    /// Events in the view that have no place on the map: per region not drawn (pseudo-regions
    /// such as "Nationwide" and "International", regions with nothing to place them by) and
    /// `None` for events with neither a region nor coordinates.
    pub off_map: Vec<(Option<RegionIx>, usize)>,
    /// Region centres, by region (see [`MapBase`]).
    centres: Vec<Option<Coords>>,
    pub view: Option<MapView>,
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
    pub fn build(t: &Timeline, base: &MapBase, view: &[EventIx]) -> MapData {
        let mut in_view = vec![0usize; t.regions.len()];
        let mut no_region = 0;
        for &ix in view {
            match t.events[ix].region {
                Some(r) => in_view[r as usize] += 1,
                None if t.events[ix].place.as_ref().and_then(|p| p.coords).is_none() => no_region += 1,
                None => {}
            }
        }
        let regions = base.drawn.iter().map(|&r| (r, in_view[r as usize])).collect();
        // Pseudo-regions, and regions with no centre and no coordinates to place them by.
        let mut drawn = vec![false; t.regions.len()];
        base.drawn.iter().for_each(|&r| drawn[r as usize] = true);
        let mut off_map: Vec<(Option<RegionIx>, usize)> = (0..t.regions.len() as RegionIx)
            .filter(|&r| !drawn[r as usize] && in_view[r as usize] > 0)
            .map(|r| (Some(r), in_view[r as usize]))
            .collect();
        if no_region > 0 {
            off_map.push((None, no_region));
        }
        let mut data =
            MapData { regions, off_map, centres: base.centres.clone(), view: Some(base.view), ..MapData::default() };
        for &ix in view {
            let Some(c) = data.off_centre(t, ix) else { continue };
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

    /// Where region `r`'s marker is drawn (see [`MapBase`]).
    pub fn centre(&self, r: RegionIx) -> Option<Coords> {
        self.centres.get(r as usize).copied().flatten()
    }

    /// Where event `ix` happened, when it has coordinates away from its region's centre (or has
    /// coordinates and no region).
    pub fn off_centre(&self, t: &Timeline, ix: EventIx) -> Option<Coords> {
        let e = &t.events[ix];
        let c = e.place.as_ref()?.coords?;
        let centre = e.region.and_then(|r| self.centre(r));
        (!centre.is_some_and(|cc| near(cc, c))).then_some(c)
    }

    /// The view drawn: [`MapBase`]'s, Kazakhstan's for an empty `MapData`.
    pub fn view(&self) -> MapView {
        self.view.unwrap_or(MapView::KAZAKHSTAN)
    }
}

/// The nearest region from `from` in direction (dx, dy) (east/north positive), within 60° of it.
/// Distances are measured as the map draws them (longitude squeezed by [`MapView::squeeze`]).
pub fn step(data: &MapData, from: RegionIx, dx: f64, dy: f64) -> Option<RegionIx> {
    let xy = |r| data.centre(r).map(|c| (c.lon, c.lat));
    let (x0, y0) = xy(from)?;
    let scale = data.view().squeeze();
    data.regions
        .iter()
        .map(|&(r, _)| r)
        .filter(|&r| r != from)
        .filter_map(|r| {
            let (x, y) = xy(r)?;
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
    let data = s.map_data();
    if data.regions.is_empty()
        && !s.timeline.events.iter().any(|e| e.place.as_ref().is_some_and(|p| p.coords.is_some()))
    {
        s.message = Some("This timeline has no coordinates to draw a map with.".into());
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
    let first = s.map_data().regions.first().map(|&(r, _)| r);
    let Some(m) = s.map else { return };
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
    let cursor = match m.cursor {
        Some(c) => step(s.map_data(), c, dx, dy).or(Some(c)),
        None => first,
    };
    if let Some(m) = &mut s.map {
        m.cursor = cursor;
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
        let data = MapData::build(&t, &MapBase::build(&t), &view);
        // The plain way: each place joins the first earlier place within NEAR, else starts one.
        let mut naive: Vec<(Coords, usize, EventIx)> = Vec::new();
        for &ix in &view {
            let Some(c) = data.off_centre(&t, ix) else { continue };
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
        let data = MapData::build(&t, &MapBase::build(&t), &[]);
        let regions = data.region_ixs();
        let id = |r: Option<RegionIx>| r.map(|r| t.region(r).id.clone()).unwrap_or_default();
        let at = |name: &str| t.region_by_id(name).unwrap();
        assert!(!regions.contains(&at("nationwide")));
        assert!(!regions.contains(&at("ulytau")), "created in June 2022, no events");
        assert!(regions.contains(&at("mangystau")));
        // From Mangystau (Aktau, far west), east leads away from the Caspian; west has nothing.
        assert_eq!(step(&data, at("mangystau"), -1.0, 0.0), None);
        let east = step(&data, at("mangystau"), 1.0, 0.0);
        assert!(east.is_some());
        // From Almaty city, north reaches a region whose centre is further north.
        let north = step(&data, at("almaty"), 0.0, 1.0).unwrap();
        let lat = |r| t.region(r).centre.as_ref().unwrap().coords.unwrap().lat;
        assert!(lat(north) > lat(at("almaty")), "{}", id(Some(north)));
    }

    fn at(lat: f64, lon: f64) -> Coords {
        Coords { lat, lon }
    }

    #[test]
    fn the_view_is_kazakhstan_for_its_data_and_fits_data_elsewhere() {
        assert_eq!(MapView::fit([]), MapView::KAZAKHSTAN, "nothing to fit");
        assert_eq!(MapView::fit([at(43.24, 76.95), at(54.88, 69.16)]), MapView::KAZAKHSTAN);
        // Argentina: every point inside, with room around, over the world's borders.
        let points = [at(-34.92, -57.95), at(-31.42, -64.19), at(-32.89, -68.83), at(-54.8, -68.3)];
        let v = MapView::fit(points);
        assert_eq!(v.basemap, Basemap::World);
        for c in points {
            assert!(v.lon[0] < c.lon && c.lon < v.lon[1] && v.lat[0] < c.lat && c.lat < v.lat[1], "{c:?} in {v:?}");
        }
        assert!(v.lat[1] - v.lat[0] >= MIN_SPAN);
        // One point: a view MIN_SPAN tall around it, as wide on the ground.
        let v = MapView::fit([at(48.85, 2.35)]);
        assert!((v.lat[1] - v.lat[0] - MIN_SPAN).abs() < 1e-9, "{v:?}");
        assert!(((v.lon[1] - v.lon[0]) * v.squeeze() - MIN_SPAN).abs() < 1e-9, "{v:?}");
        assert!((v.lat[0] + v.lat[1]) / 2.0 - 48.85 < 1e-9);
        // Near the edges of the globe the view slides back inside; a whole-world spread is cut to it.
        let v = MapView::fit([at(89.0, 179.5)]);
        assert!(v.lat[1] <= 85.0 && v.lon[1] <= 180.0 && v.lat[1] - v.lat[0] >= MIN_SPAN - 1e-9, "{v:?}");
        let v = MapView::fit([at(-80.0, -179.0), at(80.0, 179.0)]);
        assert_eq!((v.lon, v.lat), ([-180.0, 180.0], [-85.0, 85.0]));
        // A point past Kazakhstan's box leaves it, even with everything else inside.
        assert_eq!(MapView::fit([at(43.24, 76.95), at(55.75, 37.62)]).basemap, Basemap::World);
        // Coordinates that are not numbers are ignored.
        assert_eq!(MapView::fit([at(f64::NAN, 10.0)]), MapView::KAZAKHSTAN);
    }

    #[test]
    fn imported_regions_are_placed_at_the_mean_of_their_events() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import/acled.csv");
        let (t, _) = crate::model::load::timeline_and_warnings_from_path(
            std::path::Path::new(path),
            &crate::model::load::LoadOptions::default(),
        )
        .unwrap();
        let base = MapBase::build(&t);
        let data = MapData::build(&t, &base, &(0..t.events.len()).collect::<Vec<_>>());
        assert_eq!(data.view().basemap, Basemap::World);
        assert_eq!(data.regions.len(), 3, "{:?}", data.regions);
        for &(r, n) in &data.regions {
            let mine: Vec<Coords> =
                t.events.iter().filter(|e| e.region == Some(r)).filter_map(|e| e.place.as_ref()?.coords).collect();
            assert_eq!(n, mine.len());
            let c = data.centre(r).unwrap();
            let mean = |f: fn(&Coords) -> f64| mine.iter().map(f).sum::<f64>() / mine.len() as f64;
            assert!((c.lat - mean(|c| c.lat)).abs() < 1e-9 && (c.lon - mean(|c| c.lon)).abs() < 1e-9);
        }
        // At their region's centre, so no separate place markers; nothing is left off the map.
        assert!(data.places.is_empty() && data.off_map.is_empty(), "{:?} {:?}", data.places, data.off_map);
    }

    #[test]
    fn an_event_with_coordinates_and_no_region_is_a_place_on_the_map() {
        let mut t = bundled_timeline().unwrap();
        let ix = t.events.iter().position(|e| e.place.as_ref().is_some_and(|p| p.coords.is_some())).unwrap();
        t.events[ix].region = None;
        let data = MapData::build(&t, &MapBase::build(&t), &[ix]);
        assert_eq!(data.places.len(), 1);
        assert_eq!(data.places[0].first, ix);
        assert!(data.off_map.is_empty());
    }
}
