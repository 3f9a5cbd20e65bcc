//! End-to-end, in a pseudo-terminal (see `common::pty`): what a teacher reaches for from the
//! explorer. `Q` starts a quiz on the events shown and Esc comes back.

mod common;

use common::pty::App;

#[test]
fn q_starts_a_quiz_on_the_filter_and_esc_comes_back_to_the_explorer() {
    let t = kz_timeline::model::load::bundled_timeline().unwrap();
    let total = t.events.len();
    let mut app = App::start(&["--region", "mangystau"], 120, 40, &[]);
    let screen = app.wait_for(&format!(" of {total} events"));
    let shown: usize =
        screen.split(&format!(" of {total} events")).next().unwrap().rsplit(' ').next().unwrap().parse().unwrap();
    app.keys("jj");
    app.wait_for(&format!("3 / {shown}"));
    app.press("Q", "Quiz · question 1 of ");
    app.press("1", "question 1 of ");
    app.keys("\x1b");
    // Back on the explorer, on the same event, with the same filter; q still quits from there.
    app.wait_for(&format!("3 / {shown}"));
    app.wait_gone("Quiz ·");
    app.wait_for("Region: Mangystau");
    app.keys("q");
    assert_eq!(app.wait_exit(), 0);
    app.assert_restored();
}

/// The handouts in the app's working directory, by name.
fn handouts(app: &App) -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(app.work_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .collect();
    v.sort();
    v
}

#[test]
fn e_writes_the_filter_to_a_handout_and_shift_e_the_marked_events() {
    let epoch = ("SOURCE_DATE_EPOCH", "1641340800");
    let mut app = App::start(&["--region", "mangystau"], 160, 40, &[epoch]);
    let screen = app.wait_for(" events");
    let shown = screen.lines().next().unwrap().split(" of ").next().unwrap().rsplit(' ').next().unwrap().to_string();
    let shown: usize = shown.parse().unwrap();
    let screen = app.press("e", "Wrote ");
    let files = handouts(&app);
    assert_eq!(files.len(), 1, "{files:?}");
    let name = files[0].file_name().unwrap().to_str().unwrap().to_string();
    assert!(name.starts_with("kz-timeline-handout-") && name.len() == "kz-timeline-handout-20220105-000000.html".len());
    let flat = screen.replace('\n', "");
    assert!(flat.contains(&format!("{name} ({shown} of ")), "the footer names the file and the count:\n{screen}");
    // Byte for byte what `kz-timeline export` writes for the same filter.
    let cli = app.work_dir().join("cli.html");
    let out = std::process::Command::new(common::pty::BIN)
        .args(["export", "--region", "mangystau", "-o", cli.to_str().unwrap()])
        .env(epoch.0, epoch.1)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let html = std::fs::read_to_string(&files[0]).unwrap();
    assert_eq!(html, std::fs::read_to_string(&cli).unwrap());
    assert_eq!(html.matches("<article class=\"event\"").count(), shown);
    std::fs::remove_file(&cli).unwrap();
    // Mark the second event shown, then write the marks alone: a second file, the first kept.
    app.keys("j");
    app.wait_for(&format!("2 / {shown}"));
    app.press("m", "Marked (1 marked");
    app.press("E", "(1 of ");
    let files = handouts(&app);
    assert_eq!(files.len(), 2, "{files:?}");
    let marked = files.iter().find(|p| !p.ends_with(&name)).unwrap();
    let html = std::fs::read_to_string(marked).unwrap();
    assert_eq!(html.matches("<article class=\"event\"").count(), 1);
    let first = files.iter().find(|p| p.ends_with(&name)).unwrap();
    let first = std::fs::read_to_string(first).unwrap();
    assert_eq!(first.matches("<article class=\"event\"").count(), shown, "the first handout is left as it was");
    app.keys("q");
    assert_eq!(app.wait_exit(), 0);
    app.assert_restored();
}
