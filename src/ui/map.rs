//! The map pane: Kazakhstan's outline, or the world's borders for data elsewhere (Natural Earth,
//! simplified; see `docs/MAP.md`), drawn with a Braille canvas, a marker per region centre and
//! event place sized by its event count, and labels for the keyboard cursor, the selected event
//! and the busiest markers.
//!
//! One projection serves drawing, [`project`] and [`hit_test`]: plain longitude/latitude with
//! longitude shrunk by the cosine of the view's middle latitude (48° for Kazakhstan), fitted into
//! the pane's inner area so that the land keeps its shape in ~1:2 terminal cells and the view
//! (an [`MapView`], chosen from the data by `app::map`) stays centred.

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
pub use crate::app::map::{Basemap, MapView};

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

/// The world's borders and coasts as polylines, (lon, lat), parsed once from the bundled asset
/// (tenths of a degree, flattened pairs).
pub fn world() -> &'static [Vec<(f64, f64)>] {
    static LINES: OnceLock<Vec<Vec<(f64, f64)>>> = OnceLock::new();
    LINES.get_or_init(|| {
        #[derive(serde::Deserialize)]
        struct File {
            lines: Vec<Vec<i16>>,
        }
        let file: File = serde_json::from_str(include_str!("../../assets/world-borders.json"))
            .expect("assets/world-borders.json is valid (tested)");
        let tenths = |v: i16| f64::from(v) / 10.0;
        file.lines.into_iter().map(|l| l.chunks_exact(2).map(|p| (tenths(p[0]), tenths(p[1]))).collect()).collect()
    })
}

/// The lines of a basemap.
fn basemap(kind: Basemap) -> &'static [Vec<(f64, f64)>] {
    match kind {
        Basemap::Kazakhstan => outline(),
        Basemap::World => world(),
    }
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
    fn new(area: Rect, view: MapView) -> Option<Projection> {
        let inner = canvas_area(area);
        if inner.is_empty() {
            return None;
        }
        let res = (f64::from(inner.width) * f64::from(DOTS_X), f64::from(inner.height) * f64::from(DOTS_Y));
        // The canvas maps the bounds onto res - 1 dot intervals.
        let (nx, ny) = (res.0 - 1.0, res.1 - 1.0);
        let k = view.squeeze();
        let (lon, lat) = (view.lon, view.lat);
        // Dots per degree of latitude: the largest that shows the whole view.
        let d = (nx / ((lon[1] - lon[0]) * k)).min(ny / (lat[1] - lat[0]));
        let (cx, cy) = ((lon[0] + lon[1]) / 2.0, (lat[0] + lat[1]) / 2.0);
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
pub fn project(area: Rect, view: MapView, lon: f64, lat: f64) -> Option<(u16, u16)> {
    Projection::new(area, view)?.cell(lon, lat)
}

/// The marker nearest to a click at (column, row), if one is within about two cells (rows
/// count double: they are twice as tall). Ties go to regions, then to the busier marker.
pub fn hit_test(area: Rect, view: MapView, markers: &[Marker], column: u16, row: u16) -> Option<usize> {
    let p = Projection::new(area, view)?;
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
                if dx * dx + dy * dy <= r * r + r
                    && x >= 0
                    && y >= 0
                    && f64::from(x) < self.res.0
                    && f64::from(y) < self.res.1
                {
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
#[allow(clippy::too_many_arguments)]
pub fn render(
    frame: &mut Frame,
    area: Rect,
    view: MapView,
    title: &str,
    markers: &[Marker],
    focused: bool,
    theme: &Theme,
    note: Option<&str>,
) {
    let area = area.intersection(frame.area());
    let mut block = super::pane_block(title, focused, theme);
    if let Some(note) = note {
        // On the bottom border, so the drawing keeps all its rows.
        let room = usize::from(area.width.saturating_sub(4));
        block = block.title_bottom(ratatui::text::Line::styled(format!(" {} ", truncate(note, room)), theme.dim));
    }
    frame.render_widget(block, area);
    let Some(p) = Projection::new(area, view) else { return };
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
            let ([left, right], [bottom, top]) = (p.x, p.y);
            for line in basemap(view.basemap) {
                for w in line.windows(2) {
                    let ((x1, y1), (x2, y2)) = (w[0], w[1]);
                    // Segments wholly off one side are skipped; the canvas clips the rest.
                    let off = (x1 < left && x2 < left)
                        || (x1 > right && x2 > right)
                        || (y1 < bottom && y2 < bottom)
                        || (y1 > top && y2 > top);
                    if !off {
                        ctx.draw(&Line { x1, y1, x2, y2, color });
                    }
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

/// `style` with both colours set (the terminal's defaults where the theme leaves them), so text
/// written over the canvas never keeps the colour of the outline or a marker under it.
fn solid(theme: &Theme, style: Style) -> Style {
    let base = theme.base.patch(style);
    base.fg(base.fg.unwrap_or(Color::Reset)).bg(base.bg.unwrap_or(Color::Reset))
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
    let mut order: Vec<usize> = (0..markers.len())
        .filter(|&i| cells[i].is_some() && (markers[i].count > 0 || markers[i].cursor || markers[i].selected))
        .collect();
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
        // Labels are written in one colour over whatever the canvas drew there.
        let style = solid(theme, style);
        let (after, _) = buf.set_stringn(x, y, name, usize::from(w), style);
        let rest_style = if priority { style } else { solid(theme, theme.dim) };
        buf.set_stringn(after, y, rest, usize::from(x.saturating_add(w).saturating_sub(after)), rest_style);
        placed.push((y, x, w));
    }
}

#[cfg(test)]
mod tests;
