//! End-to-end: `--watch` with the real binary in a pseudo-terminal (see `common::pty`). The file
//! is changed the two ways editors save: renamed over (vim, most IDEs) and written in place.

mod common;

use std::fs;
use std::path::Path;

use common::pty::{App, fixture};

/// The fixture with one event's title replaced.
fn with_title(from: &str, to: &str) -> String {
    let text = fs::read_to_string(fixture("small.json")).unwrap();
    assert!(text.contains(from), "the fixture has no {from:?}");
    text.replace(from, to)
}

/// Save like an editor that writes a new file and renames it over the old one.
fn save_by_rename(path: &Path, text: &str) {
    let tmp = path.with_extension("json.swp");
    fs::write(&tmp, text).unwrap();
    fs::rename(&tmp, path).unwrap();
}

#[test]
fn a_saved_change_shows_up_keeping_the_selection_and_marks_and_a_broken_save_shows_a_banner() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("watched.json");
    fs::write(&path, fs::read_to_string(fixture("small.json")).unwrap()).unwrap();
    let file = path.display().to_string();
    let mut app = App::start(&["--watch", &file], 120, 30, &[]);
    app.wait_for("12 events");
    // The third event, marked.
    app.press("jj", "3 / 12");
    app.press("m", "* marked");

    save_by_rename(&path, &with_title("Harbor authority closes the outer quay", "The outer quay is closed"));
    // The footer is drawn last: once it says so, the whole frame is there.
    let screen = app.wait_for("changed on disk: reloaded, 12 events");
    assert!(screen.contains("The outer quay is closed"), "the new title is not shown:\n{screen}");
    assert!(screen.contains("3 / 12"), "the selection moved:\n{screen}");
    assert!(screen.contains("* marked"), "the mark was lost:\n{screen}");
    assert!(!screen.contains("Harbor authority closes"), "the old title is still shown:\n{screen}");

    // Written in place, and not JSON any more: the last good version stays, under a banner
    // that names the place of the problem.
    fs::write(&path, with_title("\"events\"", "\"events\" oops")).unwrap();
    let screen = app.wait_all(&["does not load", "expected `:`", "quit"]);
    assert!(
        screen.contains("watched.json changed on disk and does not load now: showing the last version that did"),
        "{screen}"
    );
    assert!(screen.contains("The outer quay is closed") && screen.contains("3 / 12"), "{screen}");
    // Keys still work under the banner.
    app.press("k", "2 / 12");

    // Fixed: the banner goes and the new version is shown.
    save_by_rename(&path, &with_title("Harbor authority closes the outer quay", "Quay closed again"));
    app.wait_gone("does not load");
    let screen = app.wait_all(&["Quay closed again", "reloaded, 12 events"]);
    assert!(screen.contains("2 / 12"), "{screen}");
    app.keys("j");
    app.wait_all(&["3 / 12", "* marked"]);
    app.keys("q");
    assert_eq!(app.wait_exit(), 0);
    app.assert_restored();
}

#[test]
fn a_deleted_file_keeps_the_last_version_under_a_banner_and_comes_back_when_restored() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("watched.json");
    let text = fs::read_to_string(fixture("small.json")).unwrap();
    fs::write(&path, &text).unwrap();
    let file = path.display().to_string();
    let mut app = App::start(&["--watch", &file], 120, 30, &[]);
    app.wait_for("12 events");
    fs::remove_file(&path).unwrap();
    let screen = app.wait_all(&["changed on disk and does not load now", "no such file", "quit"]);
    assert!(screen.contains("Heavy rain begins in the hills"), "the last version is gone:\n{screen}");
    save_by_rename(&path, &text);
    app.wait_gone("does not load");
    app.wait_all(&["reloaded, 12 events"]);
    app.keys("q");
    assert_eq!(app.wait_exit(), 0);
    app.assert_restored();
}

#[test]
fn a_presentation_says_so_too_and_stays_on_its_slide() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("watched.json");
    fs::write(&path, fs::read_to_string(fixture("small.json")).unwrap()).unwrap();
    let file = path.display().to_string();
    let mut app = App::start(&["present", "--watch", &file], 120, 30, &[]);
    app.wait_for("1 / 12");
    app.press("\x1b[C", "2 / 12");
    fs::write(&path, with_title("\"events\"", "\"events\" oops")).unwrap();
    app.wait_all(&["watched.json changed on disk and does not load now", "2 / 12"]);
    save_by_rename(&path, &with_title("River gauge passes the warning level", "Gauge over the warning level"));
    app.wait_gone("does not load");
    app.wait_all(&["Gauge over the warning level", "2 / 12"]);
    app.keys("q");
    app.keys("q");
    assert_eq!(app.wait_exit(), 0);
    app.assert_restored();
}
