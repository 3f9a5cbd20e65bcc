//! Keys as a student presses them, through the real keymap, with the screen drawn in between
//! (so the view's metrics, such as "too small", are fed back as in the terminal loop).

mod common;

use common::{draw, small, state, text};
use kz_timeline::app::keymap::{Ctx, action_for_key};
use kz_timeline::app::{Focus, State, update};
use kz_timeline::ui::Theme;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn key(s: &mut State, code: KeyCode) {
    let ev = KeyEvent::new(code, KeyModifiers::NONE);
    if let Some(a) = action_for_key(Ctx::of(s), &ev) {
        update(s, a);
    }
}

fn keys(s: &mut State, w: u16, h: u16, typed: &str) {
    let theme = Theme::dark();
    for c in typed.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\x1b' => KeyCode::Esc,
            '↓' => KeyCode::Down,
            ' ' => KeyCode::Char(' '),
            c => KeyCode::Char(c),
        };
        key(s, code);
        draw(s, &theme, w, h);
    }
}

fn fresh(w: u16, h: u16) -> State {
    let mut s = state(small());
    draw(&mut s, &Theme::dark(), w, h);
    s
}

#[test]
fn q_in_the_presentation_goes_back_to_the_list_not_the_shell() {
    let mut s = fresh(80, 24);
    keys(&mut s, 80, 24, "jjp");
    assert!(s.present.is_some());
    keys(&mut s, 80, 24, "q");
    assert!(!s.quit, "q left the program from the presentation");
    assert!(s.present.is_none());
    assert_eq!(s.selected, Some(2), "back on the same event");
    keys(&mut s, 80, 24, "q");
    assert!(s.quit, "q on the list quits");
}

#[test]
fn q_closes_the_full_screen_detail_map_help_and_figures() {
    for (open, w, h) in [("\n", 80, 24), ("M", 80, 24), ("?", 120, 40), ("F", 120, 40), ("f", 200, 60)] {
        let mut s = fresh(w, h);
        keys(&mut s, w, h, open);
        keys(&mut s, w, h, "q");
        assert!(!s.quit, "{open:?}: q quit the program");
        assert_eq!((s.focus, s.overlay.is_none()), (Focus::List, true), "{open:?}: back on the list");
        keys(&mut s, w, h, "q");
        assert!(s.quit, "{open:?}: then q on the list quits");
    }
}

#[test]
fn keys_do_nothing_while_the_terminal_is_too_small() {
    let mut s = fresh(30, 8);
    keys(&mut s, 30, 8, "jjr?");
    assert_eq!((s.selected, s.overlay.is_none()), (Some(0), true), "keys acted on an invisible screen");
    // Growing the terminal shows the list as it was, with no popup open.
    let screen = text(&draw(&mut s, &Theme::dark(), 80, 24));
    assert!(!screen.contains("Filter by region"), "{screen}");
    // And q quits from the "too small" notice.
    let mut s = fresh(30, 8);
    assert!(text(&draw(&mut s, &Theme::dark(), 30, 8)).contains("q quits"));
    keys(&mut s, 30, 8, "q");
    assert!(s.quit);
}

#[test]
fn the_filter_bar_shows_every_active_filter_at_80_columns() {
    // The bundled timeline: the fixture has no actors.
    let mut s = State::new(kz_timeline::model::load::bundled_timeline().unwrap(), "bundled", Default::default());
    draw(&mut s, &Theme::dark(), 80, 24);
    // Two regions, two topics and an actor (the review's case: the actor was hidden).
    keys(&mut s, 80, 24, "r ↓ \nT ↓ \nA \n");
    let screen = text(&draw(&mut s, &Theme::dark(), 80, 24));
    let bar: String = screen.lines().skip(1).take(3).collect::<Vec<_>>().join("\n");
    for kind in ["Regions", "Topics", "Actor"] {
        assert!(bar.contains(kind), "{kind} missing from the filter bar:\n{screen}");
    }
}

#[test]
fn help_and_the_way_out_are_in_the_hint_bar_at_every_width() {
    for w in [40u16, 50, 60, 80, 100, 120, 200] {
        for open in ["", "\n", "M", "p", "/"] {
            let mut s = fresh(w, 24);
            keys(&mut s, w, 24, open);
            // A long message must not push the hints out either.
            s.message = Some("A very long message that would fill the whole footer line on its own, and more.".into());
            let screen = text(&draw(&mut s, &Theme::dark(), w, 24));
            let footer = screen.lines().last().unwrap();
            let way_out = ["q  quit", "q  back", "Esc/q  back", "Esc/q  explorer", "Esc  cancel"];
            assert!(way_out.iter().any(|h| footer.contains(h)), "{w} cols after {open:?}: no way out in {footer:?}");
            if open != "/" {
                assert!(footer.contains("?  help"), "{w} cols after {open:?}: no help in {footer:?}");
            }
        }
    }
}

#[test]
fn the_quiz_summary_keeps_the_words_of_a_put_in_order_question_apart() {
    use kz_timeline::app::quiz::QuizState;
    use kz_timeline::quiz::{Kind, generate};
    let t = kz_timeline::model::load::bundled_timeline().unwrap();
    let seed = (0..200).find(|&s| generate(&t, s, 5).iter().any(|q| q.kind == Kind::Order)).expect("an order question");
    let questions = generate(&t, seed, 5);
    let mut s = State::new(t, "bundled", Default::default());
    s.quiz = Some(QuizState::new(questions, seed));
    for _ in 0..5 {
        keys(&mut s, 80, 24, "1\n");
    }
    let screen = text(&draw(&mut s, &Theme::dark(), 80, 24));
    assert!(screen.contains("Score:"), "{screen}");
    assert!(screen.contains("earliest first: A."), "{screen}");
    assert!(!screen.contains("first:A."), "{screen}");
}

#[test]
fn after_an_answer_the_explanation_is_on_screen_even_at_40x12() {
    use kz_timeline::app::quiz::QuizState;
    let t = kz_timeline::model::load::bundled_timeline().unwrap();
    let questions = kz_timeline::quiz::generate(&t, 7, 3);
    let verdict = if questions[0].answer == 0 { "Correct." } else { "Not quite" };
    let opening: String = questions[0].explanation.split_whitespace().take(2).collect::<Vec<_>>().join(" ");
    let mut s = State::new(t, "bundled", Default::default());
    s.quiz = Some(QuizState::new(questions, 7));
    draw(&mut s, &Theme::dark(), 40, 12);
    keys(&mut s, 40, 12, "1");
    let screen = text(&draw(&mut s, &Theme::dark(), 40, 12));
    assert!(screen.contains(verdict), "{screen}");
    assert!(screen.contains(&opening), "the explanation ({opening}…) is cut off:\n{screen}");
}
