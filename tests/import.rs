//! Files in other formats, end to end through the real binary and the real screens: `check` on
//! every fixture in `tests/fixtures/import/` (written for these tests, in each format's layout),
//! `list --format json`, `convert` and `export --format timelinejs` round trips, and the
//! explorer on a TimelineJS file and on an ACLED file of another country at 120x40.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{act, draw, text};
use insta::assert_snapshot;
use kz_timeline::app::Action::*;
use kz_timeline::app::map::Basemap;
use kz_timeline::app::{Options, State};
use kz_timeline::model::load::{LoadOptions, timeline_and_warnings_from_path};
use kz_timeline::ui::Theme;

fn dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import")
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kz-timeline")).args(args).current_dir(dir()).env("NO_COLOR", "1").output().unwrap()
}

fn out(o: &Output) -> String {
    format!(
        "status {:?}\n--- stdout\n{}--- stderr\n{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn check_every_fixture() {
    let mut all = String::new();
    let mut names: Vec<String> =
        std::fs::read_dir(dir()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    for name in &names {
        all.push_str(&format!("$ kz-timeline check {name}\n{}\n", out(&run(&["check", name]))));
    }
    assert_snapshot!(all);
}

#[test]
fn list_json_of_each_format_is_our_format_and_checks_ok() {
    for name in
        ["timelinejs.json", "sheet.csv", "tl2.json", "acled.csv", "acled-old.csv", "records.json", "records.csv"]
    {
        let o = run(&["list", "--format", "json", name]);
        assert!(o.status.success(), "{name}: {}", out(&o));
        let tmp = tempfile::NamedTempFile::with_suffix(".json").unwrap();
        std::fs::write(tmp.path(), &o.stdout).unwrap();
        let c = run(&["check", tmp.path().to_str().unwrap()]);
        assert!(c.status.success(), "{name}: {}", out(&c));
    }
}

#[test]
fn convert_round_trips_to_the_same_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    let names = [
        "timelinejs.json",
        "timelinejs-ancient.json",
        "timelinejs-cosmological.json",
        "sheet.csv",
        "acled.csv",
        "records.csv",
    ];
    for name in names {
        let a = tmp.path().join("a.json");
        let b = tmp.path().join("b.json");
        let o = run(&["convert", name, "-o", a.to_str().unwrap()]);
        assert!(o.status.success(), "{name}: {}", out(&o));
        let c = run(&["check", a.to_str().unwrap()]);
        assert!(c.status.success() && String::from_utf8_lossy(&c.stdout).contains(": OK,"), "{name}: {}", out(&c));
        let o = run(&["convert", a.to_str().unwrap(), "-o", b.to_str().unwrap()]);
        assert!(o.status.success(), "{name}: {}", out(&o));
        assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap(), "{name}: a second convert changed the file");
    }
    // Converting a file onto itself is refused.
    let o = run(&["convert", "acled.csv", "-o", "acled.csv"]);
    assert_eq!(o.status.code(), Some(2), "{}", out(&o));
}

/// BCE years: TimelineJS writes 44 BCE as -44 (no year 0); our format keeps ISO 8601's
/// astronomical years (-0043); the screen says "44 BCE"; exporting gives TimelineJS's -44 back.
#[test]
fn bce_years_are_read_shown_and_exported_as_timelinejs_counts_them() {
    use chrono::Datelike;
    let (t, warnings) =
        timeline_and_warnings_from_path(&dir().join("timelinejs-ancient.json"), &LoadOptions::default()).unwrap();
    let when: Vec<(i32, String, String)> =
        t.events.iter().map(|e| (e.start.date.year(), e.start.day_key().heading(), e.title.clone())).collect();
    assert_eq!(when[0], (-752, "753 BCE (month not known)".into(), "Rome's traditional founding year".into()));
    assert_eq!(when[1], (-43, "15 Mar 44 BCE".into(), "Caesar killed in the Senate".into()));
    assert_eq!(when[2].0, 0, "1 BCE is astronomical year 0");
    assert_eq!(t.events[2].end.as_ref().unwrap().date.year(), 1);
    assert_eq!(t.events[2].span_text().as_deref(), Some("1 BCE – 1 CE"));
    assert_eq!(when[3], (476, "Sep 476 (day not known)".into(), "The last western emperor deposed".into()));
    assert_eq!(t.events.len(), 4, "year 0 is left out");
    let said: Vec<String> = warnings.skipped.iter().map(|w| format!("{w:?}")).collect();
    let said = said.join("\n");
    assert!(said.contains("there is no year 0"), "{said}");
    // Our format writes ISO years; TimelineJS gets its own count back.
    let tmp = tempfile::tempdir().unwrap();
    let (ours, tl) = (tmp.path().join("ours.json"), tmp.path().join("tl.json"));
    let path = dir().join("timelinejs-ancient.json");
    assert!(run(&["convert", path.to_str().unwrap(), "-o", ours.to_str().unwrap()]).status.success());
    let text = std::fs::read_to_string(&ours).unwrap();
    assert!(text.contains("\"-0752\"") && text.contains("\"-0043-03-15\""), "{text}");
    let o = run(&["export", ours.to_str().unwrap(), "--format", "timelinejs", "-o", tl.to_str().unwrap()]);
    assert!(o.status.success(), "{}", out(&o));
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&tl).unwrap()).unwrap();
    let years: Vec<i64> =
        doc["events"].as_array().unwrap().iter().map(|e| e["start_date"]["year"].as_i64().unwrap()).collect();
    assert_eq!(years, [-753, -44, -1, 476]);
}

/// Deep time: TimelineJS's cosmological scale (the Big Bang at -13,800,000,000) opens in order
/// with the calendar's years, reads "13.8 billion years ago", survives convert and export, and
/// a deep year with a month or too many digits is a problem of its own.
#[test]
fn cosmological_years_are_read_in_order_shown_and_written_back() {
    use kz_timeline::model::when::date_year;
    let path = dir().join("timelinejs-cosmological.json");
    let (t, warnings) = timeline_and_warnings_from_path(&path, &LoadOptions::default()).unwrap();
    let when: Vec<(i64, String)> =
        t.events.iter().map(|e| (date_year(e.start.date), e.start.day_key().heading())).collect();
    assert_eq!(
        when,
        [
            (-13_799_999_999, "13.8 billion years ago".to_string()),
            (-4_539_999_999, "4.54 billion years ago".to_string()),
            (-65_999_999, "66 million years ago".to_string()),
            (-299_999, "300,000 BCE".to_string()),
            (-3199, "3200 BCE (month not known)".to_string()),
            (1969, "Sun 20 Jul 1969".to_string()),
        ]
    );
    assert_eq!(t.events[2].span_text().as_deref(), Some("66 million years ago – 65 million years ago"));
    let said = warnings.skipped.iter().map(|w| format!("{w:?}")).collect::<Vec<_>>().join("\n");
    assert!(said.contains("at most 6 significant digits"), "{said}");
    assert!(said.contains("only a year can be given outside 200,000 BCE to 200,000 CE"), "{said}");
    assert_eq!(warnings.skipped.len(), 2, "{said}");

    let tmp = tempfile::tempdir().unwrap();
    let (ours, tl) = (tmp.path().join("ours.json"), tmp.path().join("tl.json"));
    assert!(run(&["convert", path.to_str().unwrap(), "-o", ours.to_str().unwrap()]).status.success());
    let text = std::fs::read_to_string(&ours).unwrap();
    assert!(text.contains("\"-13799999999\""), "ISO's astronomical count: {text}");
    let c = run(&["check", ours.to_str().unwrap()]);
    assert!(c.status.success(), "{}", out(&c));
    let o = run(&["export", ours.to_str().unwrap(), "--format", "timelinejs", "-o", tl.to_str().unwrap()]);
    assert!(o.status.success(), "{}", out(&o));
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&tl).unwrap()).unwrap();
    let years: Vec<i64> =
        doc["events"].as_array().unwrap().iter().map(|e| e["start_date"]["year"].as_i64().unwrap()).collect();
    assert_eq!(years, [-13_800_000_000, -4_540_000_000, -66_000_000, -300_000, -3200, 1969]);
    // A date filter covers the deep years as the earliest of all.
    let o = run(&["list", path.to_str().unwrap(), "--to", "1000 BCE", "--format", "csv"]);
    let listed = String::from_utf8_lossy(&o.stdout).lines().count() - 1;
    assert_eq!(listed, 5, "{}", out(&o));
}

#[test]
fn export_to_timelinejs_reads_back_the_same_events() {
    let tmp = tempfile::tempdir().unwrap();
    let tl = tmp.path().join("tl.json");
    let o = run(&["export", "--format", "timelinejs", "-o", tl.to_str().unwrap()]);
    assert!(o.status.success(), "{}", out(&o));
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&tl).unwrap()).unwrap();
    let events = doc["events"].as_array().unwrap();
    let bundled = kz_timeline::model::load::bundled_timeline().unwrap();
    assert_eq!(events.len(), bundled.events.len());
    // TimelineJS's rules: numeric date parts, months 1..=12, every slide a start date and an id.
    for e in events {
        let d = &e["start_date"];
        assert!(d["year"].is_i64(), "{e}");
        if let Some(m) = d.get("month") {
            assert!((1..=12).contains(&m.as_i64().unwrap()), "{e}");
        }
        assert!(e["unique_id"].is_string() && e["text"]["headline"].is_string(), "{e}");
    }
    // Read back by our own TimelineJS importer: the same ids, titles and dates, in the same order.
    let (back, _) = timeline_and_warnings_from_path(&tl, &LoadOptions::default()).unwrap();
    let ids = |t: &kz_timeline::model::Timeline| {
        t.events.iter().map(|e| (e.id.clone(), e.title.clone(), e.start.date)).collect::<Vec<_>>()
    };
    assert_eq!(ids(&back), ids(&bundled));
    // Sources made it into the slide text, as links.
    let first = &back.events[0];
    assert!(!first.sources.is_empty(), "{first:?}");
}

fn screen(file: &str, actions: &[kz_timeline::app::Action]) -> String {
    let (t, _) = timeline_and_warnings_from_path(&dir().join(file), &LoadOptions::default()).unwrap();
    let mut s = State::new(t, file, Options::default());
    let theme = Theme::dark();
    draw(&mut s, &theme, 120, 40);
    act(&mut s, actions);
    text(&draw(&mut s, &theme, 120, 40))
}

#[test]
fn a_timelinejs_file_with_eras_and_media_in_the_explorer() {
    assert_snapshot!(screen("timelinejs.json", &[FocusDetail]));
}

#[test]
fn an_acled_file_of_another_country_in_the_explorer() {
    assert_snapshot!(screen("acled.csv", &[Down, FocusDetail]));
}

#[test]
fn an_acled_file_of_another_country_on_the_map() {
    // Argentina's events over the world's borders, fitted to them (Chile's coast to the west,
    // the Río de la Plata to the east); the cursor starts on the busiest region.
    assert_snapshot!(screen("acled.csv", &[ToggleMap]));
}

#[test]
fn a_file_with_rows_left_out_opens_and_says_so() {
    // In the app (pty-free: the start-up message is set by the CLI), and in `check`.
    let o = run(&["check", "sheet-local.csv"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("row 3, column 3 (day): February 30 does not exist in 2020; the row is skipped"), "{err}");
    assert!(err.contains("2 events can be read; 1 row or event was left out"), "{err}");
    let o = run(&["list", "sheet-local.csv"]);
    assert!(o.status.success(), "{}", out(&o));
    let listed = String::from_utf8_lossy(&o.stdout);
    assert!(listed.contains("winter-fair") && listed.contains("spring-cleaning"), "{listed}");
    assert!(!listed.contains("does-not-exist"), "{listed}");
}

#[test]
fn hostile_text_in_an_imported_file_is_inert() {
    let tmp = tempfile::tempdir().unwrap();
    let f = tmp.path().join("h.csv");
    std::fs::write(
        &f,
        "date,title,summary\n2022-01-05,\"Ev\u{1b}[2Jil\u{202e}txt\u{200b}\",\"<script>alert(1)</script>\u{7}x\"\n",
    )
    .unwrap();
    let (t, w) = timeline_and_warnings_from_path(&f, &LoadOptions::default()).unwrap();
    let e = &t.events[0];
    assert!(
        !e.title.contains('\u{1b}') && !e.title.contains('\u{202e}') && !e.title.contains('\u{200b}'),
        "{:?}",
        e.title
    );
    assert!(!e.summary.chars().any(|c| c.is_control() && c != '\n'), "{:?}", e.summary);
    assert!(w.to_string().contains("row 2, column 2 (title)"), "{w}");
}

#[path = "screen_check/mod.rs"]
mod screen_check;

/// The fixtures whose events are in Kazakhstan's regions, so they are on the map.
/// The fixtures with coordinates: Kazakhstan's data on its own outline, data elsewhere (the
/// ACLED Argentina file) on the world's borders around it.
const MAPPED: &[(&str, Basemap)] =
    &[("acled-old.csv", Basemap::Kazakhstan), ("acled.csv", Basemap::World), ("records.json", Basemap::Kazakhstan)];

/// Every imported fixture in presentation, on the map and in a quiz, at 80x24 and 120x40: each
/// frame clean (see `screen_check`), and each mode showing the file's own events.
#[test]
fn every_format_opens_in_presentation_map_and_quiz() {
    let mut files: Vec<_> = std::fs::read_dir(dir()).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let theme = Theme::dark();
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let (t, _) = timeline_and_warnings_from_path(&path, &LoadOptions::default()).unwrap();
        let first = t.events[0].title.clone();
        for (w, h) in [(80, 24), (120, 40)] {
            for (mode, actions) in [("present", vec![Present]), ("map", vec![ToggleMap]), ("quiz", vec![Quiz])] {
                let mut s = State::new(t.clone(), name.clone(), Options::default());
                s.quiz_seed = 7;
                draw(&mut s, &theme, w, h);
                act(&mut s, &actions);
                let buf = draw(&mut s, &theme, w, h);
                let problems = screen_check::violations(&buf);
                assert!(problems.is_empty(), "{name} {mode} at {w}x{h}: {problems:?}");
                let screen = text(&buf);
                let shown = match mode {
                    "present" => s.present.is_some() && screen.contains(first.split_whitespace().next().unwrap()),
                    // Data with coordinates is drawn over the outline that fits it; data without
                    // gets the reason.
                    "map" => match MAPPED.iter().find(|(f, _)| *f == name) {
                        Some(&(_, basemap)) => {
                            s.map.is_some() && screen.contains("Map ·") && s.map_data().view().basemap == basemap
                        }
                        None => s.map.is_none() && screen.contains("no coordinates to draw a map with"),
                    },
                    // A quiz, or the reason there is none (too few events for questions).
                    _ => s.quiz.is_some() || s.message.as_deref().is_some_and(|m| m.contains("quiz")),
                };
                assert!(shown, "{name} {mode} at {w}x{h}:\n{screen}\nmessage: {:?}", s.message);
            }
        }
    }
}

#[test]
fn acled_regions_of_kazakhstan_are_the_bundled_ones_and_other_countries_get_their_own() {
    let load = |f: &str| timeline_and_warnings_from_path(&dir().join(f), &LoadOptions::default()).unwrap().0;
    let kz = load("acled-old.csv");
    let r = kz.region(kz.events[0].region.unwrap());
    assert_eq!((r.id.as_str(), r.name.as_str()), ("mangystau", "Mangystau Region"));
    assert!(r.centre.as_ref().is_some_and(|c| c.coords.is_some()), "{r:?}");
    let ar = load("acled.csv");
    let ids: Vec<&str> = ar.events.iter().map(|e| ar.region(e.region.unwrap()).id.as_str()).collect();
    assert_eq!(ids, ["mendoza", "buenos-aires", "cordoba"]);
    assert!(ar.regions.iter().all(|r| r.centre.is_none()));
}

#[test]
fn eras_of_timelinejs_the_sheet_and_tl2_are_read_and_converted() {
    let load = |f: &str| timeline_and_warnings_from_path(&dir().join(f), &LoadOptions::default()).unwrap().0;
    let d = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let t = load("timelinejs.json");
    assert_eq!(
        t.eras,
        vec![kz_timeline::model::Era { name: "Autumn term".into(), start: d(2021, 9, 1), end: d(2021, 12, 31) }]
    );
    assert_eq!(t.era_on(d(2021, 10, 15)).map(|e| e.name.as_str()), Some("Autumn term"));
    assert_eq!(t.era_on(d(2022, 1, 1)), None);
    let sheet = load("sheet.csv");
    assert_eq!(
        sheet.eras.iter().map(|e| (e.name.as_str(), e.start, e.end)).collect::<Vec<_>>(),
        [("Autumn", d(2021, 1, 1), d(2021, 12, 31))]
    );
    assert_eq!(load("tl2.json").eras.len(), 1);
    // `convert` keeps them, in our format.
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("t.json");
    let o = run(&["convert", &dir().join("timelinejs.json").display().to_string(), "-o", &file.display().to_string()]);
    assert!(o.status.success(), "{}", out(&o));
    let back = timeline_and_warnings_from_path(&file, &LoadOptions::default()).unwrap().0;
    assert_eq!(back.eras, t.eras);
}

/// An imported event whose file gives no source says so under "Sources", in the detail pane and
/// in the screen-reader view, instead of an empty heading.
#[test]
fn an_event_without_a_source_says_so() {
    let (t, _) =
        timeline_and_warnings_from_path(&dir().join("timelinejs-cosmological.json"), &LoadOptions::default()).unwrap();
    assert!(t.events[0].sources.is_empty());
    for plain in [false, true] {
        let mut s = common::state(t.clone());
        let mut theme = Theme::dark();
        theme.plain = plain;
        common::act(&mut s, &[kz_timeline::app::Action::FocusDetail]);
        let screen = common::text(&common::draw(&mut s, &theme, 120, 40));
        assert!(screen.contains("None given in the file"), "plain {plain}:\n{screen}");
    }
}
