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
