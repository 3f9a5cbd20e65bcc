//! Snapshots of every output format of the commands, produced by the real binary on the stable
//! fictional fixture `tests/fixtures/small.json` (and, where stable, the bundled data). Review
//! changes with `cargo insta review`.

use std::path::Path;
use std::process::Command;

use insta::assert_snapshot;
use kz_timeline::export::dicts;
use kz_timeline::export::text::Paint;
use kz_timeline::model::load::native::NamesFile;
use kz_timeline::model::load::{bundled_regions, timeline_from_str};
use kz_timeline::query::Dictionary;

/// Handouts say when they were generated; this pins it to 14 Nov 2023.
const EPOCH: &str = "1700000000";

/// Run the binary in the fixtures directory; it must succeed without a word on stderr.
fn run(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_kz-timeline"))
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"))
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && stderr.is_empty(), "{args:?}: {:?}\n{stderr}", out.status);
    String::from_utf8(out.stdout).expect("output is UTF-8")
}

fn small(args: &[&str]) -> String {
    let mut all = args.to_vec();
    all.push("small.json");
    run(&all)
}

#[test]
fn list_text() {
    assert_snapshot!(small(&["list"]));
}

#[test]
fn list_text_filtered() {
    assert_snapshot!(small(&["list", "--region", "harbour", "--region", "capital", "--from", "2021-09-03"]));
}

#[test]
fn list_json() {
    assert_snapshot!(small(&["list", "--format", "json"]));
}

#[test]
fn list_json_filtered_is_self_contained() {
    assert_snapshot!(small(&["list", "--format", "json", "--category", "Flood", "--to", "2021-09-03"]));
}

#[test]
fn list_csv() {
    assert_snapshot!(small(&["list", "--format", "csv"]));
}

#[test]
fn list_markdown() {
    assert_snapshot!(small(&["list", "--format", "markdown"]));
}

#[test]
fn show_text() {
    assert_snapshot!(small(&["show", "levee-breach"]));
}

#[test]
fn show_text_with_body_end_and_notes() {
    let shown = [small(&["show", "peak"]), small(&["show", "schools-close"]), small(&["show", "inquiry", "--notes"])];
    assert!(!small(&["show", "inquiry"]).contains("Teacher"), "notes only with --notes");
    assert_snapshot!(shown.join("----\n"));
}

#[test]
fn show_markdown() {
    assert_snapshot!(small(&["show", "levee-breach", "--format", "markdown"]));
}

#[test]
fn show_json() {
    assert_snapshot!(small(&["show", "river-rises", "--format", "json"]));
}

#[test]
fn export_markdown() {
    assert_snapshot!(small(&["export", "-o", "-", "--format", "markdown", "--notes"]));
}

#[test]
fn export_html() {
    assert_snapshot!(small(&["export", "-o", "-", "--format", "html", "--notes"]));
}

#[test]
fn export_short_markdown() {
    assert_snapshot!(small(&["export", "-o", "-", "--format", "markdown", "--short"]));
}

#[test]
fn export_short_html() {
    assert_snapshot!(small(&["export", "-o", "-", "--format", "html", "--short"]));
}

#[test]
fn export_html_filtered_without_notes() {
    assert_snapshot!(small(&["export", "-o", "-", "--format", "html", "--category", "government"]));
}

#[test]
fn regions_text() {
    assert_snapshot!(small(&["regions"]));
}

#[test]
fn regions_json() {
    assert_snapshot!(small(&["regions", "--format", "json"]));
}

#[test]
fn regions_csv() {
    assert_snapshot!(small(&["regions", "--format", "csv"]));
}

/// A small name dictionary for the fixture (the bundled one may still change).
fn names_fixture() -> (kz_timeline::model::Timeline, Vec<dicts::NameRow>) {
    let t = timeline_from_str(include_str!("fixtures/small.json"), "small.json", bundled_regions()).unwrap();
    let names: NamesFile = serde_json::from_str(
        r#"{"format": "kz-timeline-names", "version": 1, "names": [
            {"id": "rescue", "name": "Regional rescue service", "kind": "organisation", "variants": ["Rescue service", "Спасатели"]},
            {"id": "mayor", "name": "Mayor of Lower Town", "kind": "person", "role": "Mayor", "variants": ["Lower Town mayor"]},
            {"id": "bridge", "name": "Mill Bridge", "kind": "place", "variants": ["Mill Br."]},
            {"id": "paper", "name": "The Daily Example", "kind": "organisation"},
            {"id": "nobody", "name": "Nobody Atall", "kind": "person", "variants": ["=cmd|' /C calc'!A0", "N. \"Atall\", Jr."]}
        ]}"#,
    )
    .unwrap();
    let groups: Vec<Vec<String>> =
        names.names.iter().map(|n| std::iter::once(n.name.clone()).chain(n.variants.clone()).collect()).collect();
    let rows = dicts::name_rows(&t, &names, &Dictionary::for_timeline(&t, &groups));
    (t, rows)
}

#[test]
fn names_text() {
    let (_, rows) = names_fixture();
    // Counted from claims ("by"), places and source publishers.
    assert_eq!(rows.iter().map(|r| r.events).collect::<Vec<_>>(), [1, 1, 2, 12, 0]);
    assert_snapshot!(dicts::names_text(&rows, Paint(false)));
}

#[test]
fn names_json() {
    assert_snapshot!(dicts::json(&names_fixture().1));
}

#[test]
fn names_csv() {
    assert_snapshot!(dicts::names_csv(&names_fixture().1));
}

#[test]
fn names_json_and_csv_on_the_bundled_timeline() {
    // Counts follow the bundled chronology, which may still grow; the shape is what is pinned.
    let json: serde_json::Value = serde_json::from_str(&run(&["names", "--format", "json"])).unwrap();
    let first = &json[0];
    assert_eq!(first["name"], "Kassym-Jomart Tokayev");
    assert_eq!(first["kind"], "person");
    assert!(first["variants"].as_array().unwrap().iter().any(|v| v == "Тоқаев"));
    assert!(first["events"].as_u64().unwrap() >= 20, "{first}");
    let csv = run(&["names", "--format", "csv"]);
    let mut lines = csv.lines();
    assert_snapshot!(lines.next().unwrap(), @"id,name,kind,role,variants,events");
    let tokayev = lines.next().unwrap();
    assert!(tokayev.starts_with("tokayev,Kassym-Jomart Tokayev,person,"), "{tokayev}");
    assert_eq!(json.as_array().unwrap().len(), csv.lines().count() - 1);
}

#[test]
fn regions_of_the_bundled_dictionary() {
    // Without the EVENTS column, which follows the bundled chronology.
    let out = run(&["regions"]);
    let table: Vec<&str> =
        out.lines().map(|l| l.trim_end().rsplit_once("  ").map_or(l, |(a, _)| a.trim_end())).collect();
    assert_snapshot!(table.join("\n"));
}

#[test]
fn check_the_bundled_timeline() {
    let out = run(&["check"]);
    let n: usize = out
        .strip_prefix("(bundled) timeline.json: OK, ")
        .and_then(|r| r.strip_suffix(" events\n"))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{out:?}"));
    assert!(n >= 80, "{n}");
    assert_snapshot!(run(&["check", "small.json", "good/utf8-bom.json"]), @r"
    small.json: OK, 12 events
    good/utf8-bom.json: OK, 12 events
    ");
}
