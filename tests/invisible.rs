//! Names that differ only by characters nobody can see (issue 18, item 1), on the fixture
//! `tests/fixtures/invisible.json`: the list, the filter popups, `list --format text` and `check`
//! show the difference; legitimate joiners (Persian, Hindi, emoji) are left alone.

mod common;
mod screen_check;

use std::path::Path;
use std::process::{Command, Output};

use common::{act, draw, text};
use insta::assert_snapshot;
use kz_timeline::app::Action::{self, *};
use kz_timeline::app::{Options, State};
use kz_timeline::model::Timeline;
use kz_timeline::model::load::{bundled_regions, timeline_from_str};
use kz_timeline::query::facets::{Facet, facet_counts};
use kz_timeline::ui::Theme;

const FIXTURE: &str = include_str!("fixtures/invisible.json");

fn timeline() -> Timeline {
    timeline_from_str(FIXTURE, "invisible.json", bundled_regions()).expect("the fixture loads")
}

fn screen(actions: &[Action], w: u16, h: u16) -> String {
    let mut s = State::new(timeline(), "invisible.json", Options::default());
    let theme = Theme::dark();
    draw(&mut s, &theme, w, h);
    act(&mut s, actions);
    let buf = draw(&mut s, &theme, w, h);
    assert_eq!(screen_check::violations(&buf), Vec::<String>::new());
    text(&buf)
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kz-timeline"))
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// The rows of the popup on `screen` (between its borders), with the cursor, tick box and
/// count taken off: just the names.
fn popup_names(screen: &str) -> Vec<String> {
    screen
        .lines()
        .filter_map(|l| {
            let inner = l.split_once('┃')?.1.rsplit_once('┃')?.0;
            let rest = inner.trim_start().trim_start_matches('▶').trim_start();
            let name = rest.strip_prefix("[ ] ").or_else(|| rest.strip_prefix("[x] "))?;
            Some(name.trim_end().trim_end_matches(|c: char| c.is_ascii_digit()).trim_end().to_string())
        })
        .collect()
}

fn assert_all_differ(names: &[String]) {
    for (i, a) in names.iter().enumerate() {
        for b in &names[i + 1..] {
            let look = |s: &str| unicode_security::skeleton(s).collect::<String>();
            assert_ne!(look(a), look(b), "two popup entries look the same: {names:?}");
        }
    }
}

#[test]
fn region_popup_tells_look_alikes_apart() {
    let s = screen(&[Pick(Facet::Region)], 80, 24);
    assert_snapshot!(s);
    let names = popup_names(&s);
    assert_eq!(names.len(), 4, "{s}");
    assert!(names.contains(&"Al⟨ZWSP⟩maty".to_string()), "{names:?}");
    assert_all_differ(&names);
}

#[test]
fn topic_popup_tells_look_alikes_apart() {
    let s = screen(&[Pick(Facet::Category)], 80, 24);
    assert_snapshot!(s);
    let names = popup_names(&s);
    assert_eq!(names.len(), 4, "{s}");
    assert_all_differ(&names);
}

#[test]
fn actor_popup_tells_look_alikes_apart() {
    let s = screen(&[Pick(Facet::Actor)], 80, 24);
    assert_snapshot!(s);
    let names = popup_names(&s);
    // "Tokayev " is "Tokayev" (names lose spaces at their ends); the soft hyphen and the
    // Cyrillic Т make two more.
    assert_eq!(names.len(), 4, "{s}");
    assert_all_differ(&names);
}

#[test]
fn facet_labels_never_look_the_same_even_when_made_to() {
    // Names written to look like the markers and the suffixes that tell look-alikes apart. A
    // name that spells out a marker is the same name as the one with the invisible character
    // (`A⟨ZWSP⟩B` twice): one actor, shown once, filtered as one.
    let doc = serde_json::json!({
        "format": "kz-timeline", "version": 1, "title": "t",
        "events": [{
            "id": "e", "start": {"date": "2022-01-01"}, "title": "t", "summary": "s",
            "actors": ["A\u{200b}B", "A⟨ZWSP⟩B", "X", "X\u{200b}", "X⟨ZWSP⟩", "X (look-alike 2)", "Х", "X (look-alike 2) (look-alike 2)"],
            "sources": [{"publisher": "p", "title": "t"}],
        }],
    });
    let t = timeline_from_str(&doc.to_string(), "t.json", bundled_regions()).unwrap();
    let labels: Vec<String> = facet_counts(&t, Facet::Actor).into_iter().map(|i| i.label).collect();
    assert_eq!(labels.len(), 6, "{labels:?}");
    assert_all_differ(&labels);
}

#[test]
fn list_shows_markers_and_a_placeholder_for_a_blank_title() {
    assert_snapshot!(screen(&[], 100, 14));
}

#[test]
fn list_format_text_shows_markers_and_keeps_legitimate_joiners() {
    let out = run(&["list", "--format", "text", "invisible.json"]);
    assert!(out.status.success(), "{out:?}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_snapshot!(stdout);
    // The Persian ZWNJ and the Hindi ZWJ are still there, byte for byte.
    assert!(stdout.contains("می\u{200c}خواهم") && stdout.contains("क्\u{200d}ष"), "{stdout}");
    assert!(!stdout.contains('\u{200b}') && !stdout.contains('\u{ad}'), "{stdout:?}");
}

#[test]
fn check_warns_with_the_path_and_succeeds() {
    let out = run(&["check", "invisible.json"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "invisible.json: OK, 4 events, 4 warnings\n");
    assert_snapshot!(String::from_utf8_lossy(&out.stderr), @r#"
    warning: invisible.json: 4 warnings
      invisible.json:9:34: regions[1].name: "Al⟨ZWSP⟩maty" holds an invisible character: U+200B (zero width space); shown as ⟨ZWSP⟩
      invisible.json:15:35: categories[1].name: "Pro⟨ZWSP⟩test" holds an invisible character: U+200B (zero width space); shown as ⟨ZWSP⟩
      invisible.json:33:16: events[1].title: the title is blank: it holds only U+200B (zero width space), U+2060 (word joiner), U+FEFF (byte order mark); shown as "(blank)"
      invisible.json:37:18: events[1].actors[0]: "Tok⟨SHY⟩ayev" holds an invisible character: U+00AD (soft hyphen); shown as ⟨SHY⟩
    "#);
}

#[test]
fn a_title_of_emoji_modifiers_alone_is_blank_and_the_warning_says_why() {
    let doc = serde_json::json!({
        "format": "kz-timeline", "version": 1, "title": "t",
        "events": [{
            "id": "e", "start": {"date": "2022-01-01"}, "title": "\u{1f3fd}\u{1f3fb}", "summary": "s",
            "sources": [{"publisher": "p", "title": "t"}],
        }],
    });
    let (t, warnings) =
        kz_timeline::model::load::timeline_and_warnings(&doc.to_string(), "t.json", bundled_regions()).unwrap();
    assert_eq!(t.events[0].title, "(blank)");
    assert_eq!(warnings.warnings.len(), 1, "{warnings}");
    assert_eq!(
        warnings.to_string(),
        "warning: t.json:1:116: events[0].title: the title is blank: it holds only emoji modifiers, \
         which are not drawn on their own; shown as \"(blank)\""
    );
}

#[test]
fn the_documented_check_output_is_what_check_prints() {
    let doc = include_str!("../docs/FORMAT.md");
    let section = &doc[doc.find("## Text and safety").unwrap()..doc.find("## Errors").unwrap()];
    let start = section.find("```\ninvisible.json").expect("the sample output") + 4;
    let sample = &section[start..start + section[start..].find("```").unwrap()];
    let out = run(&["check", "invisible.json"]);
    let printed = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_eq!(sample, printed);
}

#[test]
fn check_still_fails_on_errors_and_warnings_alone_do_not() {
    // An error elsewhere: exit 2 as before, whatever the warnings.
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, FIXTURE.replace("\"region\": \"steppe\"", "\"region\": \"nowhere\"")).unwrap();
    let out = run(&["check", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    // Legitimate joiners alone: no warning at all.
    let ok = dir.path().join("ok.json");
    let doc = serde_json::json!({
        "format": "kz-timeline", "version": 1, "title": "Joiners \u{1f469}\u{200d}\u{1f467} \u{1f1f0}\u{1f1ff}",
        "events": [{
            "id": "e", "start": {"date": "2022-01-01"}, "title": "می\u{200c}خواهم", "summary": "क्\u{200d}ष ❤\u{fe0f}",
            "actors": ["علی\u{200c}اکبر"], "sources": [{"publisher": "p", "title": "t"}],
        }],
    });
    std::fs::write(&ok, doc.to_string()).unwrap();
    let out = run(&["check", ok.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{out:?}");
}
