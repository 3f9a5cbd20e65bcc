//! Property test: hostile text in every text field of a timeline, loaded through the real loader
//! and drawn through every pane and overlay at several sizes, never reaches the screen as a
//! control sequence, never makes a row wider (or narrower) than the terminal and never panics.
//!
//! Strings are built from fragments (escape sequences, C0/C1 controls, bidi overrides, zero-width
//! characters, combining storms, long words, CJK, emoji ZWJ sequences, RTL text, arbitrary
//! characters), so a failure shrinks to the few fragments that matter and reads as such.

mod screen_check;

use kz_timeline::app::{Action, Options, State, update};
use kz_timeline::model::Timeline;
use kz_timeline::model::load::{Report, bundled_regions, timeline_from_str};
use kz_timeline::query::facets::{Facet, facet_counts};
use kz_timeline::ui::{self, Theme};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::{Value, json};

/// Terminal sizes: below the minimum, the minimum, the common size and a wide one (side by side).
const SIZES: &[(u16, u16)] = &[(20, 6), (40, 10), (80, 24), (120, 40)];

/// Fixed fragments a hostile file would use.
const NASTY: &[&str] = &[
    "\u{1b}[2J\u{1b}[H",                                              // clear screen, cursor home
    "\u{1b}]0;pwned\u{7}",                                            // window title (OSC 0, BEL)
    "\u{1b}]2;pwned\u{1b}\\",                                         // window title (OSC 2, ST)
    "\u{1b}]52;c;cHduZWQ=\u{7}",                                      // clipboard write (OSC 52)
    "\u{1b}]8;;https://evil.example/\u{1b}\\link\u{1b}]8;;\u{1b}\\",  // hyperlink (OSC 8)
    "\u{9b}31m",                                                      // C1 CSI
    "\u{9d}0;c1-title\u{9c}",                                         // C1 OSC ... ST
    "\u{1b}c",                                                        // full reset
    "\u{1b}[6n",                                                      // cursor position query (the reply is typed in)
    "\u{0}\u{7f}\u{8}\r\u{85}",                                       // NUL, DEL, backspace, CR, NEL
    "\t\n\r\n\u{2028}\u{2029}",                                       // tabs and every kind of line break
    "\u{202e}evil.exe\u{202c}",                                       // right-to-left override
    "\u{2066}\u{2067}\u{2068}\u{2069}\u{202a}\u{202b}\u{202d}",       // isolates and embeddings
    "\u{200b}\u{200c}\u{200d}\u{2060}\u{feff}\u{ad}\u{200e}\u{200f}", // zero-width and marks
    "\u{2061}\u{2064}\u{34f}\u{180e}\u{61c}\u{fff9}",                 // rarer invisibles
    "A\u{fe00}l\u{fe0f}m\u{e0100}a\u{e0041}\u{e007f}",                // stray selectors and tags
    "🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}",       // subdivision flag (tags)
    "می\u{200c}خواهم क्\u{200d}ष 葛\u{e0100} ᠠ\u{180b}",               // joiners and selectors that belong
    "Al⟨ZWSP⟩maty (blank) (look-alike 2)",                            // text that looks like the markers
    "\u{301}\u{302}",                                                 // combining marks with no base
    "哈萨克斯坦一月事件",                                             // CJK (two columns each)
    "👩‍👩‍👧‍👦🏳️‍🌈🇰🇿👍🏽❤️",                                                     // emoji ZWJ sequences, flags, modifiers, VS16
    "مرحبا بالعالم שלום עולם",                                        // Arabic and Hebrew
    "ﾞﾟ\u{3099}ｶﾞ",                // half-width sound marks (ratatui counts them specially)
    "\u{115f}\u{1160}\u{3164}", // Hangul fillers
    " ",
];

/// One piece of a hostile string.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(NASTY).prop_map(str::to_string),
        2 => any::<String>(),
        // Any character at all, including the rare planes.
        1 => any::<char>().prop_map(String::from),
        // A storm of combining marks on one base.
        1 => (0usize..600).prop_map(|n| format!("a{}", "\u{301}\u{316}\u{35c}".repeat(n / 3 + 1))),
        // A word with no break opportunity: sometimes 10,000 characters (rarely, because wrapping
        // it is slow in a debug build and every case draws about fifty frames).
        1 => prop_oneof![1 => Just(10_000usize), 8 => 1usize..300].prop_map(|n| "W".repeat(n)),
        // A long CJK line.
        1 => (1usize..200).prop_map(|n| "中文".repeat(n)),
    ]
}

/// A hostile string of a few fragments.
fn hostile() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..3).prop_map(|parts| parts.concat())
}

/// Required fields get a visible tag in front, so that they are never empty (which the loader
/// rightly rejects) and a failing screen shows which field is which.
fn tagged(tag: &str, s: &str) -> String {
    format!("{tag}:{s}")
}

/// A URL the loader accepts: no whitespace or controls, the rest of the hostile text kept.
fn url(s: &str) -> String {
    let rest: String = s.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
    format!("https://example.org/{rest}")
}

/// Every text field of a small timeline.
#[derive(Debug, Clone)]
struct Fields {
    title: String,
    description: String,
    region_name: String,
    region_short: String,
    region_alias: String,
    category_name: String,
    event_title: String,
    summary: String,
    body: String,
    place: String,
    actors: Vec<String>,
    publisher: String,
    source_title: String,
    source_url: String,
    claim_by: String,
    claim_text: String,
    claim_note: String,
    other_title: String,
    /// Typed into the search and jump prompts.
    query: String,
}

prop_compose! {
    fn fields()(
        (title, description, region_name, region_short, region_alias, category_name) in
            (hostile(), hostile(), hostile(), hostile(), hostile(), hostile()),
        (event_title, summary, body, place, actors) in
            (hostile(), hostile(), hostile(), hostile(), prop::collection::vec(hostile(), 1..3)),
        (publisher, source_title, source_url, claim_by, claim_text, claim_note, other_title) in
            (hostile(), hostile(), hostile(), hostile(), hostile(), hostile(), hostile()),
        query in "[a-zW中👩\u{301} ]{0,4}",
    ) -> Fields {
        Fields {
            title, description, region_name, region_short, region_alias, category_name, event_title, summary,
            body, place, actors, publisher, source_title, source_url, claim_by, claim_text, claim_note,
            other_title, query,
        }
    }
}

/// The timeline file, built with serde_json so it is always valid JSON.
fn document(f: &Fields) -> Value {
    let source = json!({
        "id": "s1",
        "publisher": tagged("publisher", &f.publisher),
        "title": tagged("source", &f.source_title),
        "url": url(&f.source_url),
        "date": "2022-01-05",
    });
    json!({
        "format": "kz-timeline",
        "version": 1,
        "title": tagged("title", &f.title),
        "description": f.description,
        "regions": [
            // No badge: the default is derived from `short`, which exercises that path too.
            { "id": "r1", "name": tagged("region", &f.region_name), "short": f.region_short, "aliases": [f.region_alias] },
            { "id": "r2", "name": "Plain", "badge": "PLN", "kind": "city" },
        ],
        "categories": [{ "id": "c1", "name": tagged("topic", &f.category_name), "description": f.description }],
        "events": [
            {
                "id": "e1",
                "start": { "date": "2022-01-05", "time": "10:00", "utc_offset": "+06:00" },
                "title": tagged("event", &f.event_title),
                "summary": tagged("summary", &f.summary),
                "body": f.body,
                "region": "r1",
                "place": { "name": tagged("place", &f.place) },
                "categories": ["c1"],
                "actors": f.actors.iter().map(|a| tagged("actor", a)).collect::<Vec<_>>(),
                "sources": [source],
                "claims": [{
                    "by": tagged("by", &f.claim_by),
                    "date": "2022-01-06",
                    "text": tagged("claim", &f.claim_text),
                    "status": "disputed",
                    "source": "s1",
                    "note": f.claim_note,
                    "figure": { "measure": f.claim_by, "value": 225, "unit": f.claim_note },
                }],
                "related": ["e2"],
                "notes": f.body,
            },
            {
                "id": "e2",
                "start": { "date": "2022-01-06" },
                // Untagged unless it would be empty (an error): may be only invisible characters,
                // which the loader shows as a placeholder.
                "title": if f.other_title.trim().is_empty() { tagged("other", &f.other_title) } else { f.other_title.clone() },
                "summary": "Plain.",
                "region": "r2",
                "actors": ["Plain actor", f.other_title],
                "sources": [{ "publisher": "P", "title": "T" }],
            },
        ],
    })
}

/// Every text of the loaded model with its name, and whether it may hold line breaks.
fn model_texts(t: &Timeline) -> Vec<(String, &str, bool)> {
    let mut out = vec![("title".to_string(), t.title.as_str(), false), ("description".into(), &t.description, true)];
    for (i, r) in t.regions.iter().enumerate() {
        let name = |f: &str| format!("regions[{i}].{f}");
        out.extend([
            (name("name"), r.name.as_str(), false),
            (name("short"), &r.short, false),
            (name("badge"), &r.badge, false),
        ]);
        out.extend(r.aliases.iter().map(|a| (name("aliases"), a.as_str(), false)));
        out.extend(r.notes.as_deref().map(|n| (name("notes"), n, true)));
    }
    for (i, c) in t.categories.iter().enumerate() {
        out.push((format!("categories[{i}].name"), &c.name, false));
        out.extend(c.description.as_deref().map(|d| (format!("categories[{i}].description"), d, true)));
    }
    for (i, e) in t.events.iter().enumerate() {
        let name = |f: &str| format!("events[{i}].{f}");
        out.extend([(name("title"), e.title.as_str(), false), (name("summary"), &e.summary, true)]);
        out.extend(e.body.as_deref().map(|b| (name("body"), b, true)));
        out.extend(e.notes.as_deref().map(|n| (name("notes"), n, true)));
        out.extend(e.place.as_ref().map(|p| (name("place"), p.name.as_str(), false)));
        out.extend(e.actors.iter().map(|a| (name("actors"), a.as_str(), false)));
        for s in &e.sources {
            out.extend([
                (name("source.publisher"), s.publisher.as_str(), false),
                (name("source.title"), &s.title, false),
            ]);
            out.extend(s.url.as_deref().map(|u| (name("source.url"), u, false)));
        }
        for c in &e.claims {
            out.extend([(name("claim.by"), c.by.as_str(), false), (name("claim.text"), &c.text, true)]);
            out.extend(c.note.as_deref().map(|n| (name("claim.note"), n, true)));
            if let Some(f) = &c.figure {
                out.push((name("claim.figure.measure"), &f.measure, false));
                out.extend(f.unit.as_deref().map(|u| (name("claim.figure.unit"), u, false)));
            }
        }
    }
    out
}

/// The loader's part: no text in the model may hold a control or bidi character (line breaks
/// only where text may span lines). ratatui happens to drop such characters when drawing, but the
/// model's text also goes to the clipboard, to error messages and to the command-line output.
fn check_model(t: &Timeline) -> Result<(), String> {
    for (name, text, multiline) in model_texts(t) {
        if let Some(c) = text.chars().find(|&c| screen_check::is_forbidden(c) && !(multiline && c == '\n')) {
            return Err(format!("{name} holds U+{:04X} after loading: {text:?}", c as u32));
        }
        // Invisible characters are dropped or shown as markers, except where they belong.
        if let Some(c) = screen_check::hidden_in(text) {
            return Err(format!("{name} holds the invisible U+{:04X} after loading: {text:?}", c as u32));
        }
    }
    // Titles and names are never blank: a placeholder or the markers stand in.
    let mut names: Vec<(String, &str)> = vec![("title".into(), &t.title)];
    for (i, r) in t.regions.iter().enumerate() {
        names.extend([(format!("regions[{i}].name"), r.name.as_str()), (format!("regions[{i}].short"), &r.short)]);
    }
    names.extend(t.categories.iter().map(|c| ("category name".to_string(), c.name.as_str())));
    for (i, e) in t.events.iter().enumerate() {
        names.push((format!("events[{i}].title"), &e.title));
        names.extend(e.actors.iter().map(|a| (format!("events[{i}].actors"), a.as_str())));
    }
    if let Some((name, text)) = names.iter().find(|(_, s)| s.trim().is_empty()) {
        return Err(format!("{name} is blank after loading: {text:?}"));
    }
    Ok(())
}

/// No two values of a filter popup look the same (their confusable skeletons differ).
fn check_facets(t: &Timeline) -> Result<(), String> {
    for facet in [Facet::Region, Facet::Category, Facet::Actor] {
        let labels: Vec<String> = facet_counts(t, facet).into_iter().map(|i| i.label).collect();
        let looks: Vec<String> = labels.iter().map(|l| unicode_security::skeleton(l).collect()).collect();
        for (i, a) in looks.iter().enumerate() {
            if let Some(j) = looks[i + 1..].iter().position(|b| b == a) {
                return Err(format!("{facet:?} popup: {:?} and {:?} look the same", labels[i], labels[i + 1 + j]));
            }
        }
    }
    Ok(())
}

/// What to do before each frame, so the frames together show every field in every pane and
/// overlay: the list, the detail pane (top, scrolled, bottom), the three filter popups, the
/// filtered header, the help, the jump popup and a search with highlighted matches.
fn scenes(query: &str) -> Vec<(&'static str, Vec<Action>)> {
    let typed = |first: &[Action]| first.iter().copied().chain(query.chars().map(Action::Insert)).collect::<Vec<_>>();
    vec![
        // Back to the start whatever the previous size left open.
        ("list", vec![Action::Back, Action::Back, Action::Back, Action::ClearFilters, Action::First]),
        ("detail", vec![Action::FocusDetail]),
        ("detail scrolled", vec![Action::PageDown, Action::PageDown]),
        ("detail bottom", vec![Action::Last]),
        ("next event", vec![Action::NextEvent]),
        ("region popup", vec![Action::Back, Action::First, Action::Pick(Facet::Region)]),
        ("region filter applied", vec![Action::Toggle, Action::Apply]),
        ("topic popup", vec![Action::ClearFilters, Action::Pick(Facet::Category)]),
        ("actor popup", vec![Action::Back, Action::Pick(Facet::Actor)]),
        ("help", vec![Action::Back, Action::Help]),
        ("jump", typed(&[Action::Back, Action::Jump])),
        ("search", typed(&[Action::Back, Action::Search])),
        ("search kept", vec![Action::Apply, Action::FocusDetail]),
    ]
}

/// Render each scene at `w`×`h`; the first violation, described. One frame per scene is enough
/// for the metrics: each frame's metrics steer the actions of the next scene, as in the app.
fn check_screens(state: &mut State, scenes: &[(&str, Vec<Action>)], w: u16, h: u16) -> Result<(), String> {
    let theme = Theme::dark();
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    for (name, actions) in scenes {
        for &a in actions {
            update(state, a);
        }
        let mut metrics = None;
        term.draw(|f| metrics = Some(ui::render(state, &theme, f))).expect("draw");
        update(state, Action::Measured(metrics.expect("rendered")));
        let problems = screen_check::violations(term.backend().buffer());
        if !problems.is_empty() {
            return Err(format!("{name} at {w}x{h}: {problems:?}"));
        }
    }
    Ok(())
}

/// Cases per run: 32 keeps `cargo test` quick in a debug build (each case draws about fifty
/// frames); set PROPTEST_CASES for a longer hunt, e.g. `PROPTEST_CASES=2000 cargo test --release
/// --test render_props`.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(32)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), max_shrink_iters: 2000, ..ProptestConfig::default() })]

    #[test]
    fn hostile_text_never_reaches_the_terminal(f in fields()) {
        let text = serde_json::to_string(&document(&f)).expect("serialise");
        let timeline = match timeline_from_str(&text, "props.json", bundled_regions()) {
            Ok(t) => t,
            Err(e) => return Err(TestCaseError::fail(format!("the loader rejected it: {}", Report(&e, 20)))),
        };
        check_model(&timeline).map_err(TestCaseError::fail)?;
        check_facets(&timeline).map_err(TestCaseError::fail)?;
        let scenes = scenes(&f.query);
        // One state for all sizes, like a terminal being resized (and building it is not free).
        let mut state = State::new(timeline, "props.json", Options::default());
        for &(w, h) in SIZES {
            check_screens(&mut state, &scenes, w, h).map_err(TestCaseError::fail)?;
        }
    }
}

/// The checker itself must catch what it is for, or the property above proves nothing.
#[test]
fn the_screen_checker_catches_controls_bidi_and_misaligned_rows() {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    let clean = Buffer::with_lines(["ab中", "ok  "]);
    assert_eq!(screen_check::violations(&clean), Vec::<String>::new());
    for bad in ["\u{1b}", "\u{9b}", "\u{7f}", "\u{202e}", "\u{2067}"] {
        let mut buf = Buffer::empty(Rect::new(0, 0, 4, 1));
        buf[(1, 0)].set_symbol(bad);
        assert!(screen_check::forbidden_cell(&buf).is_some(), "{bad:?} not caught");
    }
    let mut spill = Buffer::empty(Rect::new(0, 0, 4, 1));
    spill[(3, 0)].set_symbol("中"); // a wide glyph in the last column hangs over the edge
    assert!(screen_check::misaligned_row(&spill).is_some());
    let mut sound_mark = Buffer::empty(Rect::new(0, 0, 4, 1));
    sound_mark[(1, 0)].set_symbol("ﾞ"); // zero-width to unicode-width, one column in terminals
    assert_eq!(screen_check::misaligned_row(&sound_mark), None);
    // Invisible characters, alone or in a cluster where they do no job; not those that do.
    for bad in ["\u{200b}", "a\u{200b}", "a\u{ad}", "x\u{200c}", "👍\u{200d}", "A\u{fe0f}", "a\u{e0041}", "\u{3164}"]
    {
        let mut buf = Buffer::empty(Rect::new(0, 0, 4, 1));
        buf[(1, 0)].set_symbol(bad);
        assert!(screen_check::hidden_cell(&buf).is_some(), "{bad:?} not caught");
    }
    for good in ["ی\u{200c}", "क्\u{200d}", "葛\u{e0100}", "ᠠ\u{180b}", "\u{115f}\u{1161}", "⟨"] {
        let mut buf = Buffer::empty(Rect::new(0, 0, 4, 1));
        buf[(1, 0)].set_symbol(good);
        assert_eq!(screen_check::hidden_cell(&buf), None, "{good:?}");
    }
    let mut shift = Buffer::empty(Rect::new(0, 0, 4, 1));
    shift[(1, 0)].set_symbol("\u{301}"); // a zero-width cell shifts the rest of the row left
    assert!(screen_check::misaligned_row(&shift).is_some());
}
