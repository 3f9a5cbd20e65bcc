//! Snapshots of the classroom modes at a laptop size (80x24) and a projector size (200x60):
//! presentation, the map, the figures view and the quiz. Review changes with `cargo insta review`.

mod common;

use common::{act, draw, small, state, text};
use insta::assert_snapshot;
use kz_timeline::app::Action::{self, *};
use kz_timeline::app::quiz::QuizState;
use kz_timeline::app::{Options, Presentation, State};
use kz_timeline::model::load::bundled_timeline;
use kz_timeline::ui::Theme;

fn screen_of(mut s: State, actions: &[Action], w: u16, h: u16, theme: &Theme) -> String {
    draw(&mut s, theme, w, h);
    act(&mut s, actions);
    text(&draw(&mut s, theme, w, h))
}

fn fixture(actions: &[Action], w: u16, h: u16) -> String {
    screen_of(state(small()), actions, w, h, &Theme::dark())
}

#[test]
fn present_80x24() {
    assert_snapshot!(fixture(&[Down, Down, Down, Down, Present], 80, 24));
}

#[test]
fn present_200x60() {
    assert_snapshot!(fixture(&[Down, Down, Down, Down, Present], 200, 60));
}

#[test]
fn present_with_notes_and_autoplay_80x24() {
    let mut s = state(small());
    s.present = Some(Presentation::new(true, Some(15)));
    // "inquiry" has teacher notes.
    s.select_id("inquiry");
    assert_snapshot!(screen_of(s, &[Tick, Tick], 80, 24, &Theme::dark()));
}

#[test]
fn present_typing_a_slide_number_80x24() {
    assert_snapshot!(fixture(&[Present, Insert('1'), Insert('1')], 80, 24));
}

#[test]
fn figures_80x24() {
    assert_snapshot!(fixture(&[Figures, Down], 80, 24));
}

#[test]
fn figures_200x60() {
    assert_snapshot!(fixture(&[Figures, Down], 200, 60));
}

#[test]
fn map_80x24_reading_list_layout() {
    assert_snapshot!(fixture(&[ToggleMap], 80, 24));
}

#[test]
fn map_120x40_beside_the_list() {
    assert_snapshot!(fixture(&[Down, ToggleMap, NextEvent], 120, 40));
}

#[test]
fn map_200x60_after_filtering_by_a_region() {
    assert_snapshot!(fixture(&[ToggleMap, Toggle], 200, 60));
}

fn quiz_state(answers: &[Action]) -> State {
    let t = bundled_timeline().unwrap();
    let questions = kz_timeline::quiz::generate(&t, 42, 3);
    let mut s = State::new(t, "bundled", Options::default());
    s.quiz = Some(QuizState::new(questions, 42));
    act(&mut s, answers);
    s
}

#[test]
fn quiz_question_80x24() {
    assert_snapshot!(screen_of(quiz_state(&[]), &[], 80, 24, &Theme::dark()));
}

#[test]
fn quiz_feedback_200x60() {
    let s = quiz_state(&[]);
    let wrong = (s.quiz.as_ref().unwrap().questions[0].answer + 1) % 3;
    assert_snapshot!(screen_of(s, &[Answer(wrong as u8)], 200, 60, &Theme::dark()));
}

#[test]
fn quiz_score_80x24() {
    let s = quiz_state(&[]);
    let q = s.quiz.as_ref().unwrap().questions.clone();
    let mut actions = Vec::new();
    for (i, question) in q.iter().enumerate() {
        actions.push(Answer(if i == 1 { ((question.answer + 1) % 3) as u8 } else { question.answer as u8 }));
        actions.push(NextEvent);
    }
    assert_snapshot!(screen_of(s, &actions, 80, 24, &Theme::dark()));
}

#[test]
fn the_answer_is_not_on_screen_before_answering() {
    // Colour aside (all choices share one style), nothing marks the right answer.
    let s = quiz_state(&[]);
    let screen = screen_of(s, &[], 80, 24, &Theme::dark());
    assert!(!screen.contains('✓') && !screen.contains('✗') && !screen.contains("Correct"), "{screen}");
}

#[test]
fn classroom_modes_render_at_every_small_size() {
    let theme = Theme::high_contrast();
    for (w, h) in [(1, 1), (10, 5), (40, 10), (60, 20), (79, 23)] {
        draw(&mut quiz_state(&[]), &theme, w, h);
        let mut s = state(small());
        for step in [&[Present][..], &[Tick, Back, Figures], &[Back, ToggleMap], &[NextEvent]] {
            act(&mut s, step);
            draw(&mut s, &theme, w, h);
        }
    }
}

#[test]
fn clicking_a_region_on_the_map_filters_by_it() {
    let t = bundled_timeline().unwrap();
    let mut s = State::new(t, "bundled", Options { mouse: true });
    let theme = Theme::dark();
    act(&mut s, &[ToggleMap]);
    draw(&mut s, &theme, 120, 40);
    let area = s.metrics.map.expect("the map is on screen");
    let mangystau = s.timeline.region_by_id("mangystau").unwrap();
    let c = s.timeline.region(mangystau).centre.as_ref().unwrap().coords.unwrap();
    let (x, y) = kz_timeline::ui::map::project(area, kz_timeline::ui::map::MapView::KAZAKHSTAN, c.lon, c.lat)
        .expect("Aktau is on the map");
    let action = kz_timeline::ui::map_click(&s, x, y).expect("a marker under the click");
    assert_eq!(action, FilterRegion(mangystau));
    act(&mut s, &[action]);
    assert_eq!(s.filter.regions.iter().copied().collect::<Vec<_>>(), vec![Some(mangystau)]);
    assert!(s.view.events.iter().all(|&ix| s.timeline.events[ix].region == Some(mangystau)));
    // A second click removes it again; a click on empty sea does nothing.
    act(&mut s, &[action]);
    assert!(s.filter.regions.is_empty());
    assert_eq!(kz_timeline::ui::map_click(&s, area.x + 1, area.y + 1), None);
}

/// A class over SSH (`serve`): the footer says who leads and who follows, with the key (L).
fn in_class(class: kz_timeline::app::class::Class, actions: &[Action], w: u16, h: u16) -> String {
    let mut s = state(small());
    s.class = Some(class);
    screen_of(s, actions, w, h, &Theme::dark())
}

#[test]
fn class_student_following_80x24() {
    use kz_timeline::app::class::Class;
    assert_snapshot!(in_class(Class::Student { following: true, led: true }, &[Down, FocusDetail], 80, 24));
}

#[test]
fn class_student_exploring_alone_20x6() {
    use kz_timeline::app::class::Class;
    assert_snapshot!(in_class(Class::Student { following: false, led: true }, &[], 20, 6));
}

#[test]
fn class_teacher_leading_a_presentation_200x60() {
    use kz_timeline::app::class::Class;
    let teacher = Class::Teacher { leading: true, students: 28, following: 25 };
    assert_snapshot!(in_class(teacher, &[Down, Present], 200, 60));
}
