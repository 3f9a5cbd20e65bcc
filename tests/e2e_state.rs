//! End-to-end: saved marks and positions with the real binary in a pseudo-terminal (see
//! `common::pty`), including two instances at once and state files that cannot be used.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::pty::{App, fixture};
use kz_timeline::state_file::file_name;

/// A state directory for one test, and the path of the fixture's state file in it.
fn state_home() -> (tempfile::TempDir, PathBuf) {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("kz-timeline").join(file_name(Some(Path::new(&fixture("small.json")))));
    (home, path)
}

/// The marks and `last` of a state file (read as plain JSON, independently of the code under test).
struct Saved {
    marks: Vec<String>,
    last: Option<String>,
}

fn saved(path: &Path) -> Saved {
    let v: serde_json::Value = serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(v["format"], "kz-timeline-state");
    assert_eq!(v["version"], 1);
    let marks = v["marks"].as_array().unwrap().iter().map(|m| m.as_str().unwrap().to_string()).collect();
    Saved { marks, last: v["last"].as_str().map(str::to_string) }
}

fn write_state(path: &Path, marks: &[&str], last: Option<&str>) {
    let v =
        serde_json::json!({"format": "kz-timeline-state", "version": 1, "timeline": "x", "marks": marks, "last": last});
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, serde_json::to_string_pretty(&v).unwrap()).unwrap();
}

fn start(args: &[&str], home: &Path) -> App {
    App::start(args, 100, 30, &[("XDG_STATE_HOME", home.to_str().unwrap())])
}

#[test]
fn marks_are_saved_and_restored_next_time() {
    let f = fixture("small.json");
    let (home, path) = state_home();
    let mut app = start(&[&f], home.path());
    app.wait_for("12 events");
    app.keys("jjm"); // mark harbor-closes
    app.wait_for("1 marked");
    app.keys("q");
    assert_eq!(app.wait_exit(), 0);
    assert_eq!(saved(&path).marks, ["harbor-closes"]);

    let mut app = start(&[&f], home.path());
    app.wait_for("Back where you left off");
    app.wait_for("▶*eve.   Harbor  Harbor authority");
    app.keys("q");
    assert_eq!(app.wait_exit(), 0);
}

#[test]
fn a_corrupt_state_file_is_moved_aside_named_and_replaced() {
    // The bundled timeline, whose state file's name is short enough to be named whole.
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("kz-timeline/bundled.json");
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let broken = "{\"format\": \"kz-timeline-state\", \"version\": 1, \"timeline\": \"x\", \"marks\": [\"2022-01-0";
    fs::write(&path, broken).unwrap();

    let mut app = App::start(&[], 80, 24, &[("XDG_STATE_HOME", home.path().to_str().unwrap())]);
    let screen = app.wait_for("Unreadable saved marks kept as ");
    let kept: Vec<PathBuf> = fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".unreadable-"))
        .collect();
    assert_eq!(kept.len(), 1, "moved aside at start: {kept:?}");
    let kept_name = kept[0].file_name().unwrap().to_str().unwrap();
    assert!(screen.contains(&format!("kept as {kept_name}.")), "the notice names {kept_name}:\n{screen}");
    app.keys("m");
    app.wait_for("1 marked");
    app.keys("q");
    assert_eq!(app.wait_exit(), 0);
    assert_eq!(fs::read_to_string(&kept[0]).unwrap(), broken, "the broken file is kept as it was");
    let first = kz_timeline::model::load::bundled_timeline().unwrap().events[0].id.clone();
    assert_eq!(saved(&path).marks, [first], "a fresh file beside it");
    assert!(app.screen().contains("was kept as"), "told again on the shell:\n{}", app.screen());

    let mut app = App::start(&[], 80, 24, &[("XDG_STATE_HOME", home.path().to_str().unwrap())]);
    let screen = app.wait_for("▶*");
    assert!(!screen.contains("Unreadable"), "reported only once:\n{screen}");
    app.keys("q");
    assert_eq!(app.wait_exit(), 0);
}

#[test]
fn a_newer_versions_state_file_is_left_untouched() {
    let f = fixture("small.json");
    let (home, path) = state_home();
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let newer = "{\"format\": \"kz-timeline-state\", \"version\": 999, \"marks\": [\"from-the-future\"]}\n";
    fs::write(&path, newer).unwrap();
    let mut app = start(&[&f], home.path());
    app.wait_for("newer version (999)");
    app.keys("j");
    app.wait_gone("newer version");
    // The first mark tells again that it will not be saved.
    app.keys("m");
    app.wait_for("newer version (999)");
    app.keys("j'");
    // The marks of this run stay in memory: ' goes back to the marked event.
    app.wait_for("▶*~06:00 Hills");
    app.keys("q");
    assert_eq!(app.wait_exit(), 0);
    assert_eq!(fs::read_to_string(&path).unwrap(), newer);
    assert_eq!(fs::read_dir(path.parent().unwrap()).unwrap().count(), 1, "nothing written beside it");
    assert!(app.screen().contains("state version 999"), "the shell is told:\n{}", app.screen());
}

#[test]
fn an_unwritable_state_directory_is_reported_at_the_first_mark() {
    let f = fixture("small.json");
    let dir = tempfile::tempdir().unwrap();
    let not_a_dir = dir.path().join("state-is-a-file");
    fs::write(&not_a_dir, "").unwrap();
    let mut app = App::start(&[&f], 80, 24, &[("XDG_STATE_HOME", not_a_dir.to_str().unwrap())]);
    // The start-up notice fits an 80-column footer whole.
    let screen = app.wait_for(": not a directory.");
    let line = screen.lines().find(|l| l.contains("not a directory")).unwrap();
    assert!(line.trim_start().starts_with("Marks can't be saved: "), "{line}");
    app.keys("j");
    app.wait_gone("not a directory");
    // The first mark says so at once, in the app.
    app.keys("m");
    let screen = app.wait_all(&["Marks can't be saved: ", "not a directory"]);
    assert!(screen.contains("bundled.json") || screen.contains(".json: not a directory."), "where:\n{screen}");
    app.keys("q");
    assert_eq!(app.wait_exit(), 0);
}

#[test]
fn a_quiz_and_a_presentation_leave_the_explorers_position_alone() {
    let f = fixture("small.json");
    let (home, path) = state_home();
    write_state(&path, &["peak"], Some("report"));
    let before = fs::read_to_string(&path).unwrap();

    let mut app = start(&["quiz", &f, "--seed", "3", "--count", "2"], home.path());
    app.wait_for("question 1 of 2");
    app.keys("\x03"); // Ctrl-c
    assert_eq!(app.wait_exit(), 0);
    assert_eq!(fs::read_to_string(&path).unwrap(), before, "the quiz wrote nothing");

    let mut app = start(&["present", &f], home.path());
    app.wait_for("1 / 12");
    app.keys("\x1b[C\x1b[C");
    app.wait_for("3 / 12");
    app.keys("\x03"); // Ctrl-c
    assert_eq!(app.wait_exit(), 0);
    assert_eq!(saved(&path).last.as_deref(), Some("report"), "the presentation did not move it");

    let mut app = start(&[&f], home.path());
    app.wait_for("Back where you left off");
    app.keys("q");
    assert_eq!(app.wait_exit(), 0);
}

#[test]
fn two_instances_keep_each_others_marks_and_removals() {
    let f = fixture("small.json");
    let (home, path) = state_home();
    write_state(&path, &["rain-begins", "report"], None);
    let mut a = start(&[&f, "--at", "rain-begins"], home.path());
    let mut b = start(&[&f, "--at", "rain-begins"], home.path());
    a.wait_for("▶*");
    b.wait_for("▶*");
    // A unmarks the first event and marks the second; B marks the third. Both still running.
    a.keys("m");
    a.wait_for("Unmarked (1 marked");
    a.keys("jm");
    a.wait_for("Marked (2 marked");
    b.keys("jjm");
    b.wait_for("Marked (3 marked");
    // B quits first, A last: neither overwrites the other.
    b.keys("q");
    assert_eq!(b.wait_exit(), 0);
    a.keys("q");
    assert_eq!(a.wait_exit(), 0);
    let mut marks = saved(&path).marks;
    marks.sort();
    assert_eq!(marks, ["harbor-closes", "report", "river-rises"], "rain-begins stays unmarked");
}

#[test]
fn a_first_visit_gets_a_hint_for_newcomers_and_later_visits_do_not() {
    let f = fixture("small.json");
    let (home, path) = state_home();
    let mut app = start(&[&f], home.path());
    // The whole hint, on the footer's two lines at 100 columns (the screen may arrive in pieces).
    let screen = app.wait_for("key · q quits");
    assert!(screen.contains("New here?"), "{screen}");
    app.keys("j");
    app.wait_gone("New here?");
    app.keys("q");
    assert_eq!(app.wait_exit(), 0);
    assert!(path.exists(), "the first visit leaves a state file");

    let mut app = start(&[&f], home.path());
    let screen = app.wait_for("12 events");
    assert!(!screen.contains("New here?"), "only the first time:\n{screen}");
    app.keys("q");
    assert_eq!(app.wait_exit(), 0);
}
