//! End-to-end, in a pseudo-terminal (see `common::pty`): what a teacher reaches for from the
//! explorer: `Q` starts a quiz on the events shown and Esc comes back; `e` and `E` write
//! handouts; `--plain` draws words for a screen reader, with the cursor on the line to read.

mod common;

use common::pty::{App, fixture};

/// A character a screen reader would read as noise: box drawing, blocks, shapes, braille, arrows.
fn drawn(c: char) -> bool {
    matches!(c, '\u{2190}'..='\u{21FF}' | '\u{2500}'..='\u{25FF}' | '\u{2800}'..='\u{28FF}' | '•')
}

/// The screen's row under the terminal cursor, and whether the cursor is shown.
fn cursor_row(app: &App) -> (String, bool) {
    let p = app.parser.lock().unwrap();
    let screen = p.screen();
    let (row, _) = screen.cursor_position();
    let text = screen.contents().lines().nth(row as usize).unwrap_or_default().to_string();
    (text, !screen.hide_cursor())
}

#[test]
fn plain_mode_is_words_with_the_cursor_on_the_selected_line_and_the_same_keys() {
    let f = fixture("small.json");
    let mut app = App::start(&[&f, "--plain"], 100, 30, &[]);
    app.wait_for("Event 1 of 12 selected.");
    app.wait_for("Question mark: help. q: quit.");
    let screen = app.screen();
    assert!(screen.contains("Wednesday 1 September 2021: 1 event"), "{screen}");
    assert!(screen.contains("> 1 September 2021, Hills: Heavy rain begins in the hills"), "{screen}");
    assert!(!screen.chars().any(drawn), "a drawn glyph on the plain screen:\n{screen}");
    assert_eq!(cursor_row(&app), ("> 1 September 2021, Hills: Heavy rain begins in the hills".into(), true));
    app.press("jj", "Event 3 of 12 selected.");
    let (row, shown) = cursor_row(&app);
    assert!(shown && row.starts_with("> 2 September 2021, in the evening, Harbor: Harbor authority"), "{row:?}");
    // Enter reads the event in order; the cursor on its title.
    let screen = app.press("\r", "When: Thursday 2 September 2021, in the evening");
    assert!(!screen.chars().any(drawn), "{screen}");
    app.wait_for("Keys: Up or Down: scroll.");
    assert_eq!(cursor_row(&app).0, "Harbor authority closes the outer quay");
    // The same keys as ever: p presents this event, Esc comes back, q closes the event, q quits.
    let screen = app.press("p", "Slide 3 of 12.");
    assert!(!screen.chars().any(drawn), "{screen}");
    app.keys("\x1b");
    app.wait_gone("Slide 3 of 12.");
    app.wait_for("Event 3 of 12 selected.");
    app.keys("q");
    app.keys("q");
    assert_eq!(app.wait_exit(), 0);
    app.assert_restored();
}

#[test]
fn present_honours_plain_too() {
    let f = fixture("small.json");
    let mut app = App::start(&["present", &f, "--plain", "--at", "levee-breach"], 80, 24, &[]);
    app.wait_for("Slide 5 of 12.");
    app.wait_for("Keys: Right: next.");
    let screen = app.screen();
    assert!(screen.contains("Levee breach floods the lower town"), "{screen}");
    assert!(screen.contains("When: Friday 3 September 2021, at 14:25 local time (UTC plus 6 hours)"), "{screen}");
    assert!(!screen.chars().any(drawn), "block letters or strips on a plain slide:\n{screen}");
    app.press(" ", "Slide 6 of 12.");
    app.keys("\x03");
    assert_eq!(app.wait_exit(), 0);
    app.assert_restored();
}

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
