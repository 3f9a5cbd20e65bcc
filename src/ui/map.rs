//! The map pane: Kazakhstan's outline (Natural Earth, simplified; see `docs/MAP.md`) drawn with a
//! Braille canvas, a marker per region centre and event place sized by its event count, and
//! labels for the keyboard cursor, the selected event and the busiest markers.
//!
//! One projection serves drawing, [`project`] and [`hit_test`]: plain longitude/latitude with
//! longitude shrunk by cos 48° (the country's middle latitude), fitted into the pane's inner
//! area so that the country keeps its shape in ~1:2 terminal cells and stays centred.

use std::cmp::Reverse;
use std::sync::OnceLock;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker as Dots;
use ratatui::widgets::canvas::{Canvas, Line, Painter, Shape};
use ratatui::widgets::{Block, Padding};

use super::Theme;
use super::text::{truncate, width};

/// What a marker stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkerKind {
    Region,
    Place,
}

/// A point on the map.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    pub lon: f64,
    pub lat: f64,
    pub label: String,
    /// Events under the current filters.
    pub count: usize,
    pub kind: MarkerKind,
    /// The selected event's place or region.
    pub selected: bool,
    /// The region the keyboard cursor is on.
    pub cursor: bool,
}

/// The area shown when the pane has the country's own proportions (lon, lat).
const VIEW_LON: [f64; 2] = [46.0, 88.0];
const VIEW_LAT: [f64; 2] = [40.0, 56.0];
/// Longitude degrees are drawn this much narrower than latitude degrees (cos 48°).
const MID_LAT: f64 = 48.0;
/// Braille: 2×4 dots a cell, and the dots are square on a cell about twice as tall as wide.
const DOTS_X: u16 = 2;
const DOTS_Y: u16 = 4;

/// The outline rings, (lon, lat), parsed once from the bundled asset.
pub fn outline() -> &'static [Vec<(f64, f64)>] {
    static RINGS: OnceLock<Vec<Vec<(f64, f64)>>> = OnceLock::new();
    RINGS.get_or_init(|| {
        #[derive(serde::Deserialize)]
        struct File {
            rings: Vec<Vec<[f64; 2]>>,
        }
        let file: File = serde_json::from_str(include_str!("../../assets/kazakhstan-outline.json"))
            .expect("assets/kazakhstan-outline.json is valid (tested)");
        file.rings.into_iter().map(|r| r.into_iter().map(|[lon, lat]| (lon, lat)).collect()).collect()
    })
}

/// The cells the canvas draws in: inside the border and the one-column padding of
/// `super::pane_block`.
fn canvas_area(area: Rect) -> Rect {
    Block::bordered().padding(Padding::horizontal(1)).inner(area)
}

/// Canvas bounds for an inner area, and the mapping the canvas uses (`Painter::get_point`).
#[derive(Debug, Clone, Copy)]
struct Projection {
    inner: Rect,
    x: [f64; 2],
    y: [f64; 2],
    /// Resolution in dots.
    res: (f64, f64),
}

impl Projection {
    fn new(area: Rect) -> Option<Projection> {
        let inner = canvas_area(area);
        if inner.is_empty() {
            return None;
        }
        let res = (f64::from(inner.width) * f64::from(DOTS_X), f64::from(inner.height) * f64::from(DOTS_Y));
        // The canvas maps the bounds onto res - 1 dot intervals.
        let (nx, ny) = (res.0 - 1.0, res.1 - 1.0);
        let k = MID_LAT.to_radians().cos();
        // Dots per degree of latitude: the largest that shows the whole view.
        let d = (nx / ((VIEW_LON[1] - VIEW_LON[0]) * k)).min(ny / (VIEW_LAT[1] - VIEW_LAT[0]));
        let (cx, cy) = ((VIEW_LON[0] + VIEW_LON[1]) / 2.0, (VIEW_LAT[0] + VIEW_LAT[1]) / 2.0);
        let (hx, hy) = (nx / (k * d) / 2.0, ny / d / 2.0);
        Some(Projection { inner, x: [cx - hx, cx + hx], y: [cy - hy, cy + hy], res })
    }

    /// The dot a point lands on, exactly as `Painter::get_point` computes it.
    fn dot(&self, lon: f64, lat: f64) -> Option<(usize, usize)> {
        let ([left, right], [bottom, top]) = (self.x, self.y);
        if !lon.is_finite() || !lat.is_finite() || lon < left || lon > right || lat < bottom || lat > top {
            return None;
        }
        let x = ((lon - left) * (self.res.0 - 1.0) / (right - left)).round() as usize;
        let y = ((top - lat) * (self.res.1 - 1.0) / (top - bottom)).round() as usize;
        Some((x, y))
    }

    fn cell(&self, lon: f64, lat: f64) -> Option<(u16, u16)> {
        let (x, y) = self.dot(lon, lat)?;
        // Within the inner area: x < res.0 = width × DOTS_X, and the same for y.
        Some((self.inner.x + (x / usize::from(DOTS_X)) as u16, self.inner.y + (y / usize::from(DOTS_Y)) as u16))
    }
}

/// The terminal cell (column, row) where a point is drawn when the pane is `area`, if it shows.
pub fn project(area: Rect, lon: f64, lat: f64) -> Option<(u16, u16)> {
    Projection::new(area)?.cell(lon, lat)
}

/// The marker nearest to a click at (column, row), if one is within about two cells (rows
/// count double: they are twice as tall). Ties go to regions, then to the busier marker.
pub fn hit_test(area: Rect, markers: &[Marker], column: u16, row: u16) -> Option<usize> {
    let p = Projection::new(area)?;
    if !p.inner.contains((column, row).into()) {
        return None;
    }
    markers
        .iter()
        .enumerate()
        .filter_map(|(i, m)| {
            let (x, y) = p.cell(m.lon, m.lat)?;
            let (dx, dy) = (i32::from(x) - i32::from(column), 2 * (i32::from(y) - i32::from(row)));
            let d = dx * dx + dy * dy;
            (d <= 4).then_some((d, m.kind != MarkerKind::Region, Reverse(m.count), i))
        })
        .min()
        .map(|(.., i)| i)
}

/// Marker radius in dots: a single dot for no events, then 1, 2, 3 for 1–2, 3–9, 10+ events;
/// maps smaller than 60×16 cells inside cap it at 1 so markers do not swallow the outline.
fn radius(count: usize, inner: Rect) -> i32 {
    let r = match count {
        0 => 0,
        1..=2 => 1,
        3..=9 => 2,
        _ => 3,
    };
    let roomy = inner.width >= 60 && inner.height >= 16;
    r.min(if roomy { 3 } else { 1 })
}

/// A filled disc of `r` dots around a point, clipped to the grid.
struct Disc {
    lon: f64,
    lat: f64,
    r: i32,
    res: (f64, f64),
    color: Color,
}

impl Shape for Disc {
    fn draw(&self, painter: &mut Painter) {
        let Some((cx, cy)) = painter.get_point(self.lon, self.lat) else { return };
        let r = self.r;
        for dy in -r..=r {
            for dx in -r..=r {
                let (x, y) = (cx as i32 + dx, cy as i32 + dy);
                if dx * dx + dy * dy <= r * r + r && x >= 0 && y >= 0 && f64::from(x) < self.res.0 && f64::from(y) < self.res.1 {
                    painter.paint(x as usize, y as usize, self.color);
                }
            }
        }
    }
}

fn colour(style: Style) -> Color {
    style.fg.unwrap_or(Color::Reset)
}

/// The colour that stands for a highlight style (its background, else its foreground).
fn accent(style: Style) -> Color {
    style.bg.or(style.fg).unwrap_or(Color::Reset)
}

fn dot_colour(m: &Marker, theme: &Theme) -> Color {
    if m.cursor {
        accent(theme.selected)
    } else if m.selected {
        accent(theme.highlight)
    } else if m.count == 0 {
        colour(theme.dim)
    } else if m.kind == MarkerKind::Place {
        colour(theme.badge(3))
    } else {
        colour(theme.badge(0))
    }
}

/// Draw the map pane.
pub fn render(frame: &mut Frame, area: Rect, title: &str, markers: &[Marker], focused: bool, theme: &Theme) {
    let area = area.intersection(frame.area());
    frame.render_widget(super::pane_block(title, focused, theme), area);
    let Some(p) = Projection::new(area) else { return };
    // Paint order: quiet markers first, the cursor last (a Braille cell takes its last colour).
    let mut order: Vec<usize> = (0..markers.len()).collect();
    order.sort_by_key(|&i| (markers[i].cursor, markers[i].selected, markers[i].count));
    let canvas = Canvas::default()
        .marker(Dots::Braille)
        .background_color(theme.base.bg.unwrap_or(Color::Reset))
        .x_bounds(p.x)
        .y_bounds(p.y)
        .paint(|ctx| {
            let color = colour(theme.chart);
            for ring in outline() {
                for w in ring.windows(2) {
                    let ((x1, y1), (x2, y2)) = (w[0], w[1]);
                    ctx.draw(&Line { x1, y1, x2, y2, color });
                }
            }
            ctx.layer();
            for &i in &order {
                let m = &markers[i];
                if p.dot(m.lon, m.lat).is_some() {
                    let (r, color) = (radius(m.count, p.inner), dot_colour(m, theme));
                    ctx.draw(&Disc { lon: m.lon, lat: m.lat, r, res: p.res, color });
                }
            }
        });
    frame.render_widget(canvas, p.inner);
    let buf = frame.buffer_mut();
    for m in markers.iter().filter(|m| m.cursor || m.selected) {
        if let Some(cell) = p.cell(m.lon, m.lat) {
            buf[cell].set_style(if m.cursor { theme.selected } else { theme.highlight });
        }
    }
    labels(buf, &p, markers, theme);
}

/// A label placed on the screen: row, first column, width.
type Span = (u16, u16, u16);

fn overlaps(a: Span, b: Span) -> bool {
    // One blank column between labels on a row.
    let ((ya, xa, wa), (yb, xb, wb)) = (a, b);
    let (xa, wa, xb, wb) = (u32::from(xa), u32::from(wa), u32::from(xb), u32::from(wb));
    ya == yb && xa < xb + wb + 1 && xb < xa + wa + 1
}

/// Greedy labels: the cursor, then the selected marker, then the busiest markers, each at the
/// first free spot right, left, above or below its marker. Quiet markers get no label.
fn labels(buf: &mut Buffer, p: &Projection, markers: &[Marker], theme: &Theme) {
    let inner = p.inner;
    let cells: Vec<Option<(u16, u16)>> = markers.iter().map(|m| p.cell(m.lon, m.lat)).collect();
    let mut order: Vec<usize> =
        (0..markers.len()).filter(|&i| cells[i].is_some() && (markers[i].count > 0 || markers[i].cursor || markers[i].selected)).collect();
    order.sort_by_key(|&i| {
        let m = &markers[i];
        (!m.cursor, !m.selected, Reverse(m.count), m.kind != MarkerKind::Region, i)
    });
    let budget = usize::from(inner.height / 2).max(2);
    let mut placed: Vec<Span> = Vec::new();
    for &i in &order {
        let m = &markers[i];
        let priority = m.cursor || m.selected;
        if !priority && placed.len() >= budget {
            break;
        }
        let Some((cx, cy)) = cells[i] else { continue };
        let reach = (radius(m.count, inner) as u16).div_ceil(DOTS_X);
        let count = format!(" {}", m.count);
        let texts = [format!("{}{count}", m.label), m.label.clone()];
        let free = |s: Span| {
            let end = u32::from(s.1) + u32::from(s.2);
            s.1 >= inner.x
                && end <= u32::from(inner.right())
                && s.0 >= inner.y
                && s.0 < inner.bottom()
                && !placed.iter().any(|&q| overlaps(s, q))
                && !cells.iter().flatten().any(|&(x, y)| y == s.0 && x >= s.1 && u32::from(x) < end)
        };
        let mut spot = None;
        'find: for text in &texts {
            let w = width(text) as u16;
            let centred = cx.saturating_sub(w / 2).clamp(inner.x, inner.right().saturating_sub(w).max(inner.x));
            let tries = [
                (cy, cx.saturating_add(1 + reach)),
                (cy, cx.saturating_sub(reach + 1 + w)),
                (cy.saturating_sub(1), centred),
                (cy.saturating_add(1), centred),
            ];
            for (y, x) in tries {
                if free((y, x, w)) {
                    spot = Some((y, x, w, text.clone()));
                    break 'find;
                }
            }
        }
        if spot.is_none() && priority {
            // Last resort for the cursor and the selection: on the marker's row, cut to fit.
            let text = truncate(&texts[0], usize::from(inner.width)).into_owned();
            let w = width(&text) as u16;
            let x = cx.saturating_add(1 + reach).min(inner.right().saturating_sub(w)).max(inner.x);
            spot = Some((cy, x, w, text));
        }
        let Some((y, x, w, text)) = spot else { continue };
        let style = if m.cursor {
            theme.selected
        } else if m.selected {
            theme.highlight
        } else {
            theme.title
        };
        let (name, rest) = match text.strip_prefix(m.label.as_str()) {
            Some(rest) => (m.label.as_str(), rest),
            None => (text.as_str(), ""),
        };
        let (after, _) = buf.set_stringn(x, y, name, usize::from(w), style);
        let rest_style = if priority { style } else { theme.dim };
        buf.set_stringn(after, y, rest, usize::from(x.saturating_add(w).saturating_sub(after)), rest_style);
        placed.push((y, x, w));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    const AREA: Rect = Rect { x: 0, y: 0, width: 80, height: 24 };

    fn marker(label: &str, lon: f64, lat: f64, count: usize) -> Marker {
        Marker { lon, lat, label: label.into(), count, kind: MarkerKind::Region, selected: false, cursor: false }
    }

    /// Region centres from the bundled dictionary, with made-up counts.
    fn regions() -> Vec<Marker> {
        let doc: serde_json::Value = serde_json::from_str(include_str!("../../assets/regions.json")).unwrap();
        let counts = [("almaty", 18), ("mangystau", 11), ("astana", 6), ("aktobe", 3), ("shymkent", 2), ("almaty-region", 4)];
        doc["regions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["centre"].is_object() && !["abai", "jetisu", "ulytau"].contains(&r["id"].as_str().unwrap()))
            .map(|r| {
                let count = counts.iter().find(|c| c.0 == r["id"]).map_or(0, |c| c.1);
                let mut m = marker(r["short"].as_str().unwrap(), r["centre"]["lon"].as_f64().unwrap(), r["centre"]["lat"].as_f64().unwrap(), count);
                m.cursor = r["id"] == "karaganda";
                m
            })
            .collect()
    }

    fn draw(w: u16, h: u16, area: Rect, markers: &[Marker], theme: &Theme) -> Buffer {
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        term.draw(|f| render(f, area, "Map", markers, false, theme)).unwrap();
        term.backend().buffer().clone()
    }

    fn text(buf: &Buffer) -> String {
        (0..buf.area.height)
            .map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect::<String>().trim_end().to_string() + "\n")
            .collect()
    }

    #[test]
    fn outline_loads_with_a_sensible_number_of_points_inside_the_country_box() {
        let rings = outline();
        let n: usize = rings.iter().map(Vec::len).sum();
        assert!((150..=400).contains(&n), "{n} points");
        assert!(rings.iter().all(|r| r.len() >= 4 && r.first() == r.last()), "closed rings");
        for &(lon, lat) in rings.iter().flatten() {
            assert!((46.0..=88.0).contains(&lon) && (40.0..=56.0).contains(&lat), "({lon}, {lat})");
        }
        assert!(include_str!("../../assets/kazakhstan-outline.json").len() < 20_000);
    }

    #[test]
    fn canvas_area_matches_the_pane_block() {
        for area in [AREA, Rect::new(3, 2, 41, 13), Rect::new(0, 0, 2, 2), Rect::new(5, 5, 0, 0)] {
            assert_eq!(canvas_area(area), super::super::pane_block("Map", true, &Theme::dark()).inner(area));
        }
    }

    #[test]
    fn projection_puts_cities_where_they_belong() {
        for area in [AREA, Rect::new(10, 5, 120, 40), Rect::new(0, 0, 40, 30), Rect::new(0, 0, 200, 12)] {
            let inner = canvas_area(area);
            let (mx, my) = (inner.x + inner.width / 2, inner.y + inner.height / 2);
            let almaty = project(area, 76.95, 43.24).unwrap();
            let aktau = project(area, 51.17, 43.65).unwrap();
            let petropavl = project(area, 69.16, 54.88).unwrap();
            assert!(almaty.0 > mx && almaty.1 > my, "{area:?} Almaty {almaty:?}");
            assert!(aktau.0 < mx && aktau.1 > my, "{area:?} Aktau {aktau:?}");
            assert!(petropavl.1 + 2 < almaty.1.min(aktau.1), "{area:?} Petropavl {petropavl:?}");
            if area == AREA {
                assert!(petropavl.1 < inner.y + inner.height / 4, "Petropavl {petropavl:?}");
            }
            assert!(aktau.0 < petropavl.0 && petropavl.0 < almaty.0);
        }
        assert_eq!(project(AREA, 0.0, 0.0), None, "outside the view");
        assert_eq!(project(AREA, f64::NAN, 48.0), None);
        assert_eq!(project(Rect::new(0, 0, 4, 2), 67.0, 48.0), None, "no room inside the border");
    }

    #[test]
    fn the_country_keeps_its_shape_and_stays_centred() {
        for area in [AREA, Rect::new(0, 0, 200, 20), Rect::new(0, 0, 40, 40)] {
            let (w, e) = (project(area, 46.61, 48.0).unwrap(), project(area, 87.32, 48.0).unwrap());
            let (n, s) = (project(area, 67.0, 55.39).unwrap(), project(area, 67.0, 40.61).unwrap());
            // 40.7° of longitude at cos 48° against 14.8° of latitude, rows twice as tall.
            let ratio = f64::from(e.0 - w.0) / (2.0 * f64::from(s.1 - n.1));
            assert!((1.5..2.3).contains(&ratio), "{area:?}: {ratio}");
            let inner = canvas_area(area);
            let (left, right) = (w.0 - inner.x, inner.right() - 1 - e.0);
            let (top, bottom) = (n.1 - inner.y, inner.bottom() - 1 - s.1);
            assert!(left.abs_diff(right) <= 2 && top.abs_diff(bottom) <= 2, "{area:?}: {left} {right} {top} {bottom}");
        }
    }

    #[test]
    fn hit_test_finds_the_clicked_marker_and_nothing_far_away() {
        let markers = regions();
        for (i, m) in markers.iter().enumerate() {
            let (x, y) = project(AREA, m.lon, m.lat).unwrap();
            assert_eq!(markers[hit_test(AREA, &markers, x, y).unwrap()].label, markers[i].label);
        }
        let (x, y) = project(AREA, 76.95, 43.24).unwrap();
        assert_eq!(hit_test(AREA, &markers, x + 1, y).map(|i| markers[i].label.as_str()), Some("Almaty"));
        assert_eq!(hit_test(AREA, &markers, 3, 3), None, "far from every marker");
        assert_eq!(hit_test(AREA, &markers, 0, 0), None, "on the border");
        assert_eq!(hit_test(AREA, &[], x, y), None);
        // A place on a region centre: the region wins.
        let mut both = vec![Marker { kind: MarkerKind::Place, ..marker("Aktau", 51.17, 43.65, 9) }, marker("Mangystau", 51.17, 43.65, 1)];
        let (x, y) = project(AREA, 51.17, 43.65).unwrap();
        assert_eq!(hit_test(AREA, &both, x, y), Some(1));
        both.swap(0, 1);
        assert_eq!(hit_test(AREA, &both, x, y), Some(0));
    }

    #[test]
    fn never_panics_nor_draws_outside_its_area() {
        let mut markers = regions();
        markers[0].selected = true;
        markers.push(marker("Nowhere", f64::NAN, f64::INFINITY, 3));
        markers.push(marker("Moscow", 37.6, 55.75, 40));
        markers.push(marker("A very long place name that cannot fit anywhere on a small map", 67.0, 48.0, 1000));
        for theme in [Theme::dark(), Theme::mono(), Theme::high_contrast()] {
            for w in [1, 2, 3, 4, 5, 7, 10, 20, 33, 40, 80, 121, 300] {
                for h in [1, 2, 3, 4, 5, 10, 24, 37, 100] {
                    let area = Rect::new(1, 1, w, h);
                    let buf = draw(w + 2, h + 2, area, &markers, &theme);
                    for (x, y) in (0..w + 2).flat_map(|x| (0..h + 2).map(move |y| (x, y))) {
                        if !area.contains((x, y).into()) {
                            assert_eq!(buf[(x, y)].symbol(), " ", "{w}x{h}: drew at ({x}, {y})");
                        }
                    }
                }
            }
        }
        // An area larger than the frame is clipped to it; huge frames do not overflow.
        draw(20, 10, Rect::new(5, 5, 100, 100), &markers, &Theme::dark());
        draw(u16::MAX, 3, Rect::new(0, 0, u16::MAX, 3), &markers, &Theme::dark());
        draw(6, 20_000, Rect::new(0, 0, 6, 20_000), &markers, &Theme::dark());
        draw(2_000, 700, Rect::new(0, 0, 2_000, 700), &markers, &Theme::dark());
    }

    #[test]
    fn labels_show_the_cursor_and_the_busiest_without_overlapping() {
        let markers = regions();
        let screen = text(&draw(80, 24, AREA, &markers, &Theme::dark()));
        for label in ["Karaganda 0", "Almaty 18", "Mangystau 11", "Astana 6"] {
            assert_eq!(screen.matches(label).count(), 1, "{label}\n{screen}");
        }
        assert!(!screen.contains("Kostanay"), "no label for a region without events\n{screen}");
        // The cursor is highlighted on its marker even without colour.
        let (x, y) = project(AREA, 73.09, 49.8).unwrap();
        let buf = draw(80, 24, AREA, &markers, &Theme::mono());
        assert!(buf[(x, y)].modifier.contains(ratatui::style::Modifier::REVERSED));
        // On a tiny map the cursor's label still shows, cut to fit.
        let screen = text(&draw(16, 6, Rect::new(0, 0, 16, 6), &markers, &Theme::dark()));
        assert!(screen.contains("Karag"), "{screen}");
    }

    #[test]
    fn snapshot_80x24() {
        let mut markers = regions();
        markers.push(Marker { kind: MarkerKind::Place, selected: true, ..marker("Zhanaozen", 52.86, 43.34, 4) });
        insta::assert_snapshot!(text(&draw(80, 24, AREA, &markers, &Theme::dark())));
    }
}
