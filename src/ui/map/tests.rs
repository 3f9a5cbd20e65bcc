use super::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const AREA: Rect = Rect { x: 0, y: 0, width: 80, height: 24 };

fn marker(label: &str, lon: f64, lat: f64, count: usize) -> Marker {
    Marker { lon, lat, label: label.into(), count, kind: MarkerKind::Region, selected: false, cursor: false }
}

/// Region centres from the bundled dictionary, with made-up counts.
fn regions() -> Vec<Marker> {
    let doc: serde_json::Value = serde_json::from_str(include_str!("../../../assets/regions.json")).unwrap();
    let counts =
        [("almaty", 18), ("mangystau", 11), ("astana", 6), ("aktobe", 3), ("shymkent", 2), ("almaty-region", 4)];
    doc["regions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["centre"].is_object() && !["abai", "jetisu", "ulytau"].contains(&r["id"].as_str().unwrap()))
        .map(|r| {
            let count = counts.iter().find(|c| c.0 == r["id"]).map_or(0, |c| c.1);
            let mut m = marker(
                r["short"].as_str().unwrap(),
                r["centre"]["lon"].as_f64().unwrap(),
                r["centre"]["lat"].as_f64().unwrap(),
                count,
            );
            m.cursor = r["id"] == "karaganda";
            m
        })
        .collect()
}

fn draw(w: u16, h: u16, area: Rect, markers: &[Marker], theme: &Theme) -> Buffer {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| render(f, area, MapView::KAZAKHSTAN, "Map", markers, false, theme, None)).unwrap();
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
    assert!(include_str!("../../../assets/kazakhstan-outline.json").len() < 20_000);
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
        let almaty = project(area, MapView::KAZAKHSTAN, 76.95, 43.24).unwrap();
        let aktau = project(area, MapView::KAZAKHSTAN, 51.17, 43.65).unwrap();
        let petropavl = project(area, MapView::KAZAKHSTAN, 69.16, 54.88).unwrap();
        assert!(almaty.0 > mx && almaty.1 > my, "{area:?} Almaty {almaty:?}");
        assert!(aktau.0 < mx && aktau.1 > my, "{area:?} Aktau {aktau:?}");
        assert!(petropavl.1 + 2 < almaty.1.min(aktau.1), "{area:?} Petropavl {petropavl:?}");
        if area == AREA {
            assert!(petropavl.1 < inner.y + inner.height / 4, "Petropavl {petropavl:?}");
        }
        assert!(aktau.0 < petropavl.0 && petropavl.0 < almaty.0);
    }
    assert_eq!(project(AREA, MapView::KAZAKHSTAN, 0.0, 0.0), None, "outside the view");
    assert_eq!(project(AREA, MapView::KAZAKHSTAN, f64::NAN, 48.0), None);
    assert_eq!(project(Rect::new(0, 0, 4, 2), MapView::KAZAKHSTAN, 67.0, 48.0), None, "no room inside the border");
}

#[test]
fn the_country_keeps_its_shape_and_stays_centred() {
    for area in [AREA, Rect::new(0, 0, 200, 20), Rect::new(0, 0, 40, 40)] {
        let (w, e) = (
            project(area, MapView::KAZAKHSTAN, 46.61, 48.0).unwrap(),
            project(area, MapView::KAZAKHSTAN, 87.32, 48.0).unwrap(),
        );
        let (n, s) = (
            project(area, MapView::KAZAKHSTAN, 67.0, 55.39).unwrap(),
            project(area, MapView::KAZAKHSTAN, 67.0, 40.61).unwrap(),
        );
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
        let (x, y) = project(AREA, MapView::KAZAKHSTAN, m.lon, m.lat).unwrap();
        assert_eq!(markers[hit_test(AREA, MapView::KAZAKHSTAN, &markers, x, y).unwrap()].label, markers[i].label);
    }
    let (x, y) = project(AREA, MapView::KAZAKHSTAN, 76.95, 43.24).unwrap();
    assert_eq!(
        hit_test(AREA, MapView::KAZAKHSTAN, &markers, x + 1, y).map(|i| markers[i].label.as_str()),
        Some("Almaty")
    );
    assert_eq!(hit_test(AREA, MapView::KAZAKHSTAN, &markers, 3, 3), None, "far from every marker");
    assert_eq!(hit_test(AREA, MapView::KAZAKHSTAN, &markers, 0, 0), None, "on the border");
    assert_eq!(hit_test(AREA, MapView::KAZAKHSTAN, &[], x, y), None);
    // A place on a region centre: the region wins.
    let mut both = vec![
        Marker { kind: MarkerKind::Place, ..marker("Aktau", 51.17, 43.65, 9) },
        marker("Mangystau", 51.17, 43.65, 1),
    ];
    let (x, y) = project(AREA, MapView::KAZAKHSTAN, 51.17, 43.65).unwrap();
    assert_eq!(hit_test(AREA, MapView::KAZAKHSTAN, &both, x, y), Some(1));
    both.swap(0, 1);
    assert_eq!(hit_test(AREA, MapView::KAZAKHSTAN, &both, x, y), Some(0));
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
    let (x, y) = project(AREA, MapView::KAZAKHSTAN, 73.09, 49.8).unwrap();
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

#[test]
fn labels_are_drawn_in_one_colour_over_the_outline_and_markers() {
    let theme = Theme::dark();
    let markers = regions();
    let buf = draw(80, 24, AREA, &markers, &theme);
    let inner = canvas_area(AREA);
    let rows = text(&buf);
    let mut checked = 0;
    for m in markers.iter().filter(|m| m.count > 0) {
        // Find the label's letters on screen and check every one has the same colours.
        for (y, line) in rows.lines().enumerate() {
            let Some(col) = line.find(&m.label) else { continue };
            let x0 = line[..col].chars().count() as u16;
            let cells: Vec<_> = (0..m.label.chars().count() as u16).map(|i| &buf[(x0 + i, y as u16)]).collect();
            assert!(inner.contains((x0, y as u16).into()));
            let first = (cells[0].fg, cells[0].bg);
            assert!(
                cells.iter().all(|c| (c.fg, c.bg) == first),
                "{}: mixed colours {:?}",
                m.label,
                cells.iter().map(|c| c.fg).collect::<Vec<_>>()
            );
            checked += 1;
        }
    }
    assert!(checked >= 3, "only {checked} labels found");
}

#[test]
fn a_note_under_the_map_names_what_is_not_on_it() {
    let theme = Theme::dark();
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    term.draw(|f| {
        render(f, AREA, MapView::KAZAKHSTAN, "Map", &regions(), false, &theme, Some("Not on the map: Nationwide 41"))
    })
    .unwrap();
    assert!(text(term.backend().buffer()).contains("Not on the map: Nationwide 41"));
}

#[test]
fn world_borders_load_small_and_inside_the_globe() {
    let lines = super::world();
    let points: usize = lines.iter().map(Vec::len).sum();
    assert!((3000..8000).contains(&points), "{points} points");
    assert!(lines.iter().all(|l| l.len() >= 2));
    assert!(lines.iter().flatten().all(|&(lon, lat)| (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat)));
    assert!(include_str!("../../../assets/world-borders.json").len() < 64 * 1024, "keep the bundle small");
    // Places we know are on a coast or border: Buenos Aires on the Río de la Plata, Cape Town,
    // and Kazakhstan's border with China near Khorgos.
    for (lon, lat) in [(-58.4, -34.6), (18.4, -33.9), (80.3, 44.2)] {
        let near = lines.iter().flatten().any(|&(x, y)| (x - lon).abs() < 1.0 && (y - lat).abs() < 1.0);
        assert!(near, "no border point near {lon}, {lat}");
    }
    // The antimeridian seam Natural Earth cuts Russia and Fiji at is not drawn as a border.
    for l in lines {
        assert!(l.windows(2).all(|w| !(w[0].0.abs() >= 179.9 && w[1].0.abs() >= 179.9)), "{l:?}");
    }
}

#[test]
fn the_world_view_draws_borders_and_places_markers_where_they_belong() {
    let view = MapView::fit([
        crate::model::Coords { lat: -34.92, lon: -57.95 },
        crate::model::Coords { lat: -32.89, lon: -68.83 },
    ]);
    let area = Rect::new(0, 0, 60, 30);
    let (la_plata, mendoza) =
        (project(area, view, -57.95, -34.92).unwrap(), project(area, view, -68.83, -32.89).unwrap());
    assert!(mendoza.0 < la_plata.0 && mendoza.1 <= la_plata.1, "{mendoza:?} {la_plata:?}");
    let theme = Theme::dark();
    let backend = ratatui::backend::TestBackend::new(60, 30);
    let mut term = ratatui::Terminal::new(backend).unwrap();
    term.draw(|f| render(f, area, view, "Map", &[], false, &theme, None)).unwrap();
    let drawn = term
        .backend()
        .buffer()
        .content()
        .iter()
        .filter(|c| ('\u{2801}'..='\u{28FF}').contains(&c.symbol().chars().next().unwrap_or(' ')))
        .count();
    assert!(drawn > 100, "{drawn} cells of border drawn");
}
