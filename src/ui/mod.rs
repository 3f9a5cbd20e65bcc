//! Pure view functions: each pane draws from `&State` into a frame and reports what it showed
//! (sizes, offsets) as [`Metrics`], which the loop feeds back to `update`.

pub mod banner;
pub mod density;
pub mod detail;
pub mod figures;
pub mod footer;
pub mod glossary;
pub mod header;
pub mod help;
pub mod jump;
pub mod list;
pub mod loading;
pub mod map;
pub mod picker;
pub mod plain;
pub mod present;
pub mod quiz;
pub mod related;
pub mod text;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Clear, Padding, Paragraph, Wrap};

use crate::app::{Focus, Metrics, Overlay, PaneLayout, State};
pub use theme::Theme;

/// Below this size the app shows a notice instead of the panes.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;
/// From this width the list and the detail pane sit side by side.
pub const SIDE_BY_SIDE_WIDTH: u16 = 90;
/// Narrower than that, from this height the detail pane sits under the list; lower than this,
/// the detail pane opens over the list on Enter.
pub const STACKED_HEIGHT: u16 = 28;

/// Where the panes go for a given body area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panes {
    pub list: Option<Rect>,
    pub detail: Option<Rect>,
}

pub fn panes(body: Rect, focus: Focus, layout: PaneLayout) -> Panes {
    let alone = |list: bool| {
        if list { Panes { list: Some(body), detail: None } } else { Panes { list: None, detail: Some(body) } }
    };
    match layout {
        PaneLayout::Reading => return alone(false),
        PaneLayout::ListOnly => return alone(focus == Focus::List),
        PaneLayout::Split => {}
    }
    if body.width >= SIDE_BY_SIDE_WIDTH {
        let [l, d] = Layout::horizontal([Constraint::Min(0), Constraint::Length(detail_width(body.width))]).areas(body);
        Panes { list: Some(l), detail: Some(d) }
    } else if body.height + 2 >= STACKED_HEIGHT {
        let [l, d] = Layout::vertical([Constraint::Percentage(45), Constraint::Min(0)]).areas(body);
        Panes { list: Some(l), detail: Some(d) }
    } else {
        alone(!matches!(focus, Focus::Detail | Focus::Map))
    }
}

/// The detail pane's width beside the list: 45% of the screen, at least 40 columns (a readable
/// paragraph) and at most 96 (lines longer than ~90 characters are hard to read); the list takes
/// the rest, so on a wide screen whole titles fit.
pub fn detail_width(w: u16) -> u16 {
    (w as u32 * 45 / 100).clamp(40, 96) as u16
}

/// A bordered pane; the focused one gets a thick, highlighted border (visible without colour).
/// Plain (`--plain`): no border, the title on a line of its own.
pub fn pane_block<'a>(title: &'a str, focused: bool, theme: &Theme) -> Block<'a> {
    if theme.plain {
        return Block::new().style(theme.base).title(Line::styled(title, theme.pane_title));
    }
    let (border_type, style) =
        if focused { (BorderType::Thick, theme.border_focused) } else { (BorderType::Rounded, theme.border) };
    Block::bordered()
        .style(theme.base)
        .padding(Padding::horizontal(1))
        .border_type(border_type)
        .border_style(style)
        .title(Line::styled(format!(" {title} "), if focused { theme.border_focused } else { theme.pane_title }))
}

/// Where a popup of at most `w`×`h` goes in `body`: centred, or (plain, `--plain`) at the top
/// left, where a screen reader starts reading.
pub fn popup_area(body: Rect, w: u16, h: u16, theme: &Theme) -> Rect {
    if theme.plain {
        Rect { width: w.min(body.width), height: h.min(body.height), ..body }
    } else {
        centered(body, w, h)
    }
}

/// A rectangle of at most `w`×`h`, centred in `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(area.x + (area.width - w) / 2, area.y + (area.height - h) / 2, w, h)
}

/// The first row of a popup that typing narrows: what has been typed after "Find: ", with the
/// cursor after it, or `hint` (dim) while nothing is typed.
pub fn find_row(frame: &mut Frame, row: Rect, query: &str, hint: &str, theme: &Theme) {
    use ratatui::text::{Line, Span};
    let w = row.width as usize;
    let line = if query.is_empty() {
        Line::styled(text::truncate(hint, w).into_owned(), theme.dim)
    } else {
        let label = "Find: ";
        let shown = crate::text::truncate_start(query, w.saturating_sub(text::width(label) + 1)).into_owned();
        let x = row.x + (text::width(label) + text::width(&shown)).min(w.saturating_sub(1)) as u16;
        frame.set_cursor_position(ratatui::layout::Position { x, y: row.y });
        Line::from(vec![Span::styled(label, theme.dim), Span::styled(shown, theme.input)])
    };
    frame.render_widget(Paragraph::new(line).style(theme.popup), row);
}

/// Draw the whole screen (plain, for screen readers, with `--plain`: see [`plain`]).
pub fn render(state: &State, theme: &Theme, frame: &mut Frame) -> Metrics {
    if theme.plain {
        return plain::render(state, theme, frame);
    }
    let area = frame.area();
    frame.render_widget(Block::new().style(theme.base), area);
    let mut m = Metrics { list_offset: state.list_offset, detail_scroll: state.detail_scroll, ..state.metrics };
    m.popup = None;
    m.too_small = area.width < MIN_WIDTH || area.height < MIN_HEIGHT;
    if m.too_small {
        too_small(frame, area, theme);
        return m;
    }
    if let Some(q) = &state.quiz {
        quiz::render(state, q, theme, frame);
        return m;
    }
    if let Some(p) = &state.present {
        present::render(state, p, theme, frame, &mut m);
        if let Some(Overlay::Help { scroll }) = &state.overlay {
            help::render(*scroll, theme, frame, area, &mut m);
        }
        return m;
    }
    let [header_area, banner_area, body, footer_area] = Layout::vertical([
        Constraint::Length(header::height(state, area.width)),
        Constraint::Length(banner::height(state, area.width)),
        Constraint::Min(0),
        Constraint::Length(footer::height(state, area.width)),
    ])
    .areas(area);
    header::render(state, theme, frame, header_area);
    banner::render(state, theme, frame, banner_area);
    footer::render(state, theme, frame, footer_area);
    let p = panes(body, state.focus, state.layout);
    m.detail = None;
    if let Some(a) = p.list {
        list::render(state, theme, frame, a, &mut m);
    }
    m.map = None;
    if let Some(a) = p.detail {
        // With the map on, the right-hand pane shows it, except while reading an event.
        if state.map.is_some() && state.focus != Focus::Detail {
            render_map(state, theme, frame, a);
            m.map = Some(a);
        } else {
            detail::render(state, theme, frame, a, &mut m);
        }
    }
    match &state.overlay {
        Some(Overlay::Picker(p)) => picker::render(p, theme, frame, body, &mut m),
        Some(Overlay::Jump(j)) => jump::render(state, j, theme, frame, body, &mut m),
        Some(Overlay::Figures(f)) => figures::render(f, theme, frame, body, &mut m),
        Some(Overlay::Related(r)) => related::render(state, r, theme, frame, body, &mut m),
        Some(Overlay::Glossary(g)) => glossary::render(state, g, theme, frame, body, &mut m),
        Some(Overlay::Help { scroll }) => help::render(*scroll, theme, frame, body, &mut m),
        None => {}
    }
    m
}

/// The map pane with a marker per region (events under the current filters) and per event place.
pub fn render_map(state: &State, theme: &Theme, frame: &mut Frame, area: Rect) {
    let markers = map_markers(state);
    let focused = state.focus == Focus::Map && state.overlay.is_none();
    let t = &state.timeline;
    let data = state.map_data();
    let title = match state.map.as_ref().and_then(|m| m.cursor) {
        Some(r) => {
            let n = data.regions.iter().find(|(x, _)| *x == r).map_or(0, |(_, n)| *n);
            let ticked = if state.filter.regions.contains(&Some(r)) {
                "Space removes it from the filter"
            } else {
                "Space filters by it"
            };
            format!("Map · {}: {} · {ticked}", t.region(r).name, count_words(n, "event", "events"))
        }
        None => "Map · Space filters by the region under the cursor".to_string(),
    };
    // Events with no place on the map are counted under it, so none seem to be missing.
    let note = (!data.off_map.is_empty()).then(|| {
        let parts: Vec<String> = data
            .off_map
            .iter()
            .map(|&(r, n)| format!("{} {n}", r.map_or("No region", |r| t.region(r).short.as_str())))
            .collect();
        format!("Not on the map: {}", parts.join(" · "))
    });
    map::render(frame, area, data.view(), &title, &markers, focused, theme, note.as_deref());
}

/// "1 event", "14 events".
pub fn count_words(n: usize, one: &str, many: &str) -> String {
    if n == 1 { format!("1 {one}") } else { format!("{n} {many}") }
}

/// What a map marker stands for, so a click can act on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MapTarget {
    Region(crate::model::RegionIx),
    /// The first event (in the view) at this place.
    Place(crate::model::EventIx),
}

/// Markers for the map: regions, then event places that are not at their region's centre.
pub fn map_markers(state: &State) -> Vec<map::Marker> {
    map_targets(state).into_iter().map(|(m, _)| m).collect()
}

/// The map's markers with what each stands for: the map's data (built once per filter change)
/// with the cursor and the selected event marked.
pub fn map_targets(state: &State) -> Vec<(map::Marker, MapTarget)> {
    let t = &state.timeline;
    let data = state.map_data();
    let cursor = state.map.as_ref().and_then(|m| m.cursor);
    let selected = state.selected_ix();
    let selected_region = selected.and_then(|ix| t.events[ix].region);
    let selected_place = selected.and_then(|ix| data.off_centre(t, ix)).and_then(|c| data.place_at(c));
    let selected_has_coords = state.selected_event().and_then(|e| e.place.as_ref()).is_some_and(|p| p.coords.is_some());
    let regions = data.regions.iter().map(|&(r, count)| {
        let reg = t.region(r);
        let c = data.centre(r).expect("map regions have a centre");
        let marker = map::Marker {
            lon: c.lon,
            lat: c.lat,
            label: reg.short.clone(),
            count,
            kind: map::MarkerKind::Region,
            selected: selected_region == Some(r) && !selected_has_coords,
            cursor: cursor == Some(r),
        };
        (marker, MapTarget::Region(r))
    });
    let places = data.places.iter().enumerate().map(|(k, p)| {
        let marker = map::Marker {
            lon: p.coords.lon,
            lat: p.coords.lat,
            label: p.name.clone(),
            count: p.count,
            kind: map::MarkerKind::Place,
            selected: selected_place == Some(k),
            cursor: false,
        };
        (marker, MapTarget::Place(p.first))
    });
    regions.chain(places).collect()
}

/// The action a click at (column, row) on the map means, if it hits a marker.
pub fn map_click(state: &State, column: u16, row: u16) -> Option<crate::app::Action> {
    let area = state.metrics.map?;
    let (markers, targets): (Vec<map::Marker>, Vec<MapTarget>) = map_targets(state).into_iter().unzip();
    let i = map::hit_test(area, state.map_data().view(), &markers, column, row)?;
    Some(match targets[i] {
        MapTarget::Region(r) => crate::app::Action::FilterRegion(r),
        MapTarget::Place(ix) => crate::app::Action::Select(ix),
    })
}

fn too_small(frame: &mut Frame, area: Rect, theme: &Theme) {
    frame.render_widget(Clear, area);
    let msg = format!("terminal too small (need {MIN_WIDTH}×{MIN_HEIGHT}) · q quits");
    let lines = text::wrap(&msg, area.width as usize);
    let h = (lines.len() as u16).min(area.height);
    let y = area.y + (area.height - h) / 2;
    let para = Paragraph::new(lines.into_iter().map(Line::from).collect::<Vec<_>>())
        .style(theme.message)
        .centered()
        .wrap(Wrap { trim: true });
    frame.render_widget(para, Rect::new(area.x, y, area.width, h));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layouts_by_size() {
        let split = PaneLayout::Split;
        let side = panes(Rect::new(0, 1, 120, 38), Focus::List, split);
        assert_eq!((side.list.unwrap().width, side.detail.unwrap().width), (66, 54));
        assert_eq!(side.detail.unwrap().x, 66);
        let wide = panes(Rect::new(0, 1, 200, 58), Focus::List, split);
        assert_eq!((wide.list.unwrap().width, wide.detail.unwrap().width), (110, 90), "the list grows with the screen");
        let stacked = panes(Rect::new(0, 1, 80, 38), Focus::List, split);
        assert_eq!(stacked.list.unwrap().width, 80);
        assert!(stacked.detail.unwrap().y > stacked.list.unwrap().y);
        let short = panes(Rect::new(0, 1, 80, 22), Focus::List, split);
        assert_eq!(short, Panes { list: Some(Rect::new(0, 1, 80, 22)), detail: None });
        let reading = panes(Rect::new(0, 1, 80, 22), Focus::Detail, split);
        assert_eq!(reading, Panes { list: None, detail: Some(Rect::new(0, 1, 80, 22)) });
        let body = Rect::new(0, 1, 200, 58);
        assert_eq!(panes(body, Focus::List, PaneLayout::ListOnly), Panes { list: Some(body), detail: None });
        assert_eq!(panes(body, Focus::Detail, PaneLayout::ListOnly), Panes { list: None, detail: Some(body) });
        assert_eq!(panes(body, Focus::Detail, PaneLayout::Reading), Panes { list: None, detail: Some(body) });
    }
}
