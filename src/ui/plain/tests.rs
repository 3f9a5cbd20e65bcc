use super::*;
use crate::app::{Action, Options, update};
use crate::query::facets::Facet;
use ratatui::Terminal;
use ratatui::backend::{Backend, TestBackend};

fn bundled() -> State {
    State::new(crate::model::load::bundled_timeline().unwrap(), "bundled", Options::default())
}

/// Draw like the terminal loop (twice, the metrics fed back); the rows and the cursor.
fn draw(s: &mut State, theme: &Theme, w: u16, h: u16) -> (Vec<String>, Position) {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    for _ in 0..2 {
        let mut m = None;
        term.draw(|f| m = Some(crate::ui::render(s, theme, f))).unwrap();
        update(s, Action::Measured(m.unwrap()));
    }
    let buf = term.backend().buffer();
    let rows = (0..h).map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>()).collect();
    (rows, term.backend_mut().get_cursor_position().unwrap())
}

fn run(s: &mut State, actions: &[Action]) {
    for &a in actions {
        update(s, a);
    }
}

/// Characters a screen reader would read out as noise, or a braille display show as dots:
/// arrows, box drawing, block elements, geometric shapes, braille, bullets, ticks and crosses.
fn drawn_glyph(c: char) -> bool {
    matches!(c, '\u{2190}'..='\u{21FF}' | '\u{2500}'..='\u{25FF}' | '\u{2800}'..='\u{28FF}' | '•' | '✓' | '✗' | '›')
}

/// Every screen the app has, by the actions that open it from a fresh state.
fn screens() -> Vec<(&'static str, Vec<Action>)> {
    use Action::*;
    let typed = |text: &str| text.chars().map(Insert).collect::<Vec<_>>();
    vec![
        ("list", vec![Down, Down]),
        ("marked", vec![ToggleMark, Down]),
        ("detail", vec![Down, FocusDetail]),
        ("detail with notes", vec![Last, ToggleNotes, FocusDetail, PageDown]),
        ("reading", vec![ToggleReading]),
        ("wide list", vec![ToggleWideList]),
        ("help", vec![Help]),
        ("help scrolled", vec![Help, PageDown, PageDown]),
        ("regions", vec![Pick(Facet::Region), Down, Toggle]),
        ("topics", vec![Pick(Facet::Category)]),
        ("actors", vec![Pick(Facet::Actor), Insert('t')]),
        ("filtered", vec![Pick(Facet::Region), Down, Toggle, Apply]),
        ("search", [vec![Search], typed("almaty")].concat()),
        ("jump", [vec![Jump], typed("tokayev")].concat()),
        ("related", vec![FocusDetail, OpenRelated]),
        ("glossary", vec![Glossary]),
        ("figures", vec![Figures]),
        ("map", vec![ToggleMap]),
        ("present", vec![Down, Present]),
        ("present with notes and autoplay", vec![Present, ToggleNotes, ToggleAutoplay]),
        ("presenter", vec![Present, TogglePresenter]),
        ("presenter, blank", vec![Present, TogglePresenter, ToggleBlank]),
        ("end slide", vec![Last, Present, NextEvent]),
        ("help in a presentation", vec![Present, Help, Down]),
        ("quiz", vec![Quiz]),
        ("quiz answered", vec![Quiz, Answer(0)]),
        ("quiz score", [vec![Quiz], [Answer(1), NextEvent].repeat(10)].concat()),
    ]
}

#[test]
fn no_screen_draws_borders_braille_blocks_or_arrows() {
    let plain = Theme::dark().plain();
    let mut checked = 0;
    for (w, h) in [(80, 24), (200, 60), (40, 10), (30, 8)] {
        for (name, actions) in screens() {
            let mut s = bundled();
            draw(&mut s, &plain, w, h);
            run(&mut s, &actions);
            let (rows, _) = draw(&mut s, &plain, w, h);
            for (y, row) in rows.iter().enumerate() {
                assert!(!row.chars().any(drawn_glyph), "{name} at {w}x{h}, row {y}: {row:?}\n{}", rows.join("\n"));
            }
            checked += 1;
            // The normal screens do draw them (so the check can fail); too small, neither does.
            let (normal, _) = draw(&mut bundled(), &Theme::dark(), w, h);
            assert_eq!(normal.iter().any(|r| r.chars().any(drawn_glyph)), w >= 40, "{name} at {w}x{h}");
        }
    }
    assert_eq!(checked, 4 * screens().len());
}

#[test]
fn the_cursor_is_on_the_line_a_screen_reader_should_read() {
    let plain = Theme::dark().plain();
    let mut s = bundled();
    for steps in [0, 1, 5, 30] {
        run(&mut s, &vec![Action::Down; steps]);
        let (rows, at) = draw(&mut s, &plain, 80, 24);
        assert!(rows[at.y as usize].starts_with("> "), "after {steps} more: row {}: {:?}", at.y, rows[at.y as usize]);
        assert_eq!(rows.iter().filter(|r| r.starts_with("> ")).count(), 1);
        assert_eq!(at.x, 0);
    }
    // Reading the event: the cursor on its first line shown, which is its title.
    let title = s.selected_event().unwrap().title.clone();
    run(&mut s, &[Action::FocusDetail]);
    let (rows, at) = draw(&mut s, &plain, 120, 40);
    assert!(rows[at.y as usize].starts_with(&title[..20]), "{:?}", rows[at.y as usize]);
    // In a popup, on the row the cursor is on.
    run(&mut s, &[Action::Back, Action::Pick(Facet::Region), Action::Down, Action::Down]);
    let (rows, at) = draw(&mut s, &plain, 80, 24);
    assert!(rows[at.y as usize].starts_with("> [ ]"), "{:?}", rows[at.y as usize]);
}

#[test]
fn help_opens_over_a_presentation_too() {
    let plain = Theme::dark().plain();
    let mut s = bundled();
    run(&mut s, &[Action::Present, Action::Help]);
    let (rows, at) = draw(&mut s, &plain, 80, 24);
    assert_eq!(rows[at.y as usize].trim_end(), "Help: keys", "{}", rows.join("\n"));
    run(&mut s, &[Action::Back]);
    let (rows, _) = draw(&mut s, &plain, 80, 24);
    assert!(rows[0].starts_with("Slide 1 of "), "{}", rows.join("\n"));
}

#[test]
fn paging_uses_the_lines_the_plain_list_shows() {
    let plain = Theme::dark().plain();
    let mut s = bundled();
    draw(&mut s, &plain, 80, 24);
    let rows = s.metrics.list.height as usize;
    assert!(rows >= 18, "header and footer leave the list {rows} rows at 80x24");
    run(&mut s, &[Action::PageDown]);
    assert_eq!(s.selected, Some(rows - 2), "a page is the list's height less two, as in the normal view");
    let (screen, at) = draw(&mut s, &plain, 80, 24);
    assert!(screen[at.y as usize].starts_with("> "));
    // The detail's scrolling stops at its last line.
    run(&mut s, &[Action::FocusDetail]);
    draw(&mut s, &plain, 80, 24);
    run(&mut s, &[Action::Last]);
    draw(&mut s, &plain, 80, 24);
    let m = s.metrics;
    assert_eq!(s.detail_scroll, m.detail_lines.saturating_sub(m.detail.unwrap().height as usize));
}

#[test]
fn help_says_every_key_in_words() {
    let text: String = overlays::help_lines(&Theme::dark().plain(), 200)
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect::<String>() + "\n")
        .collect();
    for b in keymap::KEYMAP {
        let line = format!("{}: {}.", words::sentence(words::keys(b.keys)), b.help);
        assert!(text.contains(&line), "{line:?} is not in the help");
    }
    assert!(!text.chars().any(drawn_glyph));
    assert!(text.contains("Up or k: previous event.") && text.contains("Capital Q: quiz on the events shown"));
}

#[test]
fn the_hints_keep_help_and_the_way_out_at_every_width() {
    let mut s = bundled();
    for w in [40, 60, 80, 120, 200] {
        let text = hint_text(&s, w, HINT_LINES);
        assert!(text.ends_with("Question mark: help. q: quit."), "{w}: {text}");
        assert!(wrap(&text, w).len() <= HINT_LINES, "{w}: {text}");
    }
    run(&mut s, &[Action::FocusDetail]);
    assert!(hint_text(&s, 200, 1).contains("Escape or q: back."));
}

#[test]
fn a_narrow_list_leaves_out_the_time_of_day_before_the_title() {
    let t = crate::model::load::timeline_from_str(
        include_str!("../../../tests/fixtures/small.json"),
        "small.json",
        crate::model::load::bundled_regions(),
    )
    .unwrap();
    let plain = Theme::dark().plain();
    let row = |w: u16| {
        let mut s = State::new(t.clone(), "small.json", Options::default());
        let (rows, _) = draw(&mut s, &plain, w, 24);
        rows.into_iter().find(|r| r.contains("Hills: River")).unwrap().trim_end().to_string()
    };
    assert_eq!(row(80), "  2 September 2021, about 06:00, Hills: River gauge passes the warning level");
    assert_eq!(row(44), "  2 September 2021, Hills: River gauge pass…");
}
