//! End-to-end on a big file (over the 16 MB threshold): the real binary shows the loading screen
//! at once, reaches the list and searches it, and quits from the loading screen at once with the
//! terminal restored.

mod common;

use common::pty::App;

/// How many copies of the bundled events the big file holds.
const COPIES: usize = 100;

/// The number of events in the big file.
fn big_count() -> usize {
    let v: serde_json::Value = serde_json::from_str(kz_timeline::model::load::BUNDLED_TIMELINE).unwrap();
    COPIES * v["events"].as_array().unwrap().len()
}

/// A valid timeline of about 20 MB: the bundled events, copied with new ids.
fn big_file(dir: &std::path::Path) -> String {
    let mut v: serde_json::Value = serde_json::from_str(kz_timeline::model::load::BUNDLED_TIMELINE).unwrap();
    let events = v["events"].as_array().unwrap().clone();
    let mut out = Vec::new();
    for k in 0..COPIES {
        for e in &events {
            let mut e = e.clone();
            let id = format!("{}-copy-{k}", e["id"].as_str().unwrap());
            e["id"] = id.into();
            e.as_object_mut().unwrap().remove("related");
            if let Some(after) = e.get("after").and_then(|a| a.as_str()).map(|a| format!("{a}-copy-{k}")) {
                e["after"] = after.into();
            }
            out.push(e);
        }
    }
    let n = out.len();
    v["events"] = out.into();
    let path = dir.join("big.json");
    std::fs::write(&path, serde_json::to_vec_pretty(&v).unwrap()).unwrap();
    assert!(
        std::fs::metadata(&path).unwrap().len() >= kz_timeline::cli::LOAD_SCREEN_FROM,
        "the file must take the loading screen"
    );
    assert_eq!(n, big_count());
    path.display().to_string()
}

#[test]
fn a_big_file_shows_progress_then_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let f = big_file(dir.path());
    let mut app = App::start(&[&f], 100, 30, &[]);
    app.wait_all(&["Loading ", "/big.json", "Ctrl-c, q or Esc: quit"]);
    app.wait_for(&format!("{} events", big_count()));
    app.wait_for("▶ ");
    // Search works on the index folded while loading (100 copies of each of the 3 bundled events
    // that mention Zhanaozen).
    app.keys("/zhanaozen");
    let screen = app.wait_for(" matches");
    assert!(screen.contains("300 matches"), "{screen}");
    app.keys("\x1b");
    // Wait for Esc to close the prompt: an Esc and a q read together are Alt-q.
    app.wait_gone("/zhanaozen");
    app.keys("q");
    assert_eq!(app.wait_exit(), 0);
    app.assert_restored();
}

#[test]
fn quitting_while_loading_is_immediate_and_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let f = big_file(dir.path());
    let mut app = App::start(&[&f], 100, 30, &[]);
    app.wait_all(&["Loading ", " MB", "/big.json"]);
    app.keys("q");
    assert_eq!(app.wait_exit(), 0);
    app.assert_restored();
}
