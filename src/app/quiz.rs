//! The quiz (`kz-timeline quiz`, or `Q` in the explorer): one multiple-choice question at a time,
//! immediate feedback with the event and its source, and a score at the end. The questions come
//! from [`crate::quiz::generate_among`]; the answer is never shown before the student answers.
//!
//! # A quiz started from the explorer
//!
//! `Q` asks about the events the explorer shows (its filters), and leaving the quiz goes back to
//! the explorer on the event it was on. Its seed is [`State::quiz_seed`]: the command line sets
//! it from the clock when the app starts, and each quiz started moves it on by one. So `update`
//! stays pure (no clock in it, the same keys always give the same state, which the tests rely
//! on), while two quizzes in one sitting, or in two sittings, differ. The score screen shows the
//! seed, and `kz-timeline quiz --seed N` with the same filters asks the same questions.

use super::{Action, State};
use crate::quiz::Question;

/// Questions in a quiz unless asked otherwise (`quiz --count`; `Q` in the explorer).
pub const DEFAULT_QUESTIONS: u16 = 10;

/// The fewest questions a quiz may have (unless `quiz --count` asks for fewer).
pub const MIN_QUESTIONS: usize = 3;

/// Why no quiz can be made: the `events` events shown (under filters, if `filtered`) give only
/// `questions` questions. With filters, `clear` says how to drop them ("leave them out", "press c
/// to clear them"). Lower case, without a full stop: the command line prints it after "error: ",
/// the explorer makes a sentence of it.
pub fn too_few(events: usize, questions: usize, filtered: bool, clear: &str) -> String {
    let noun = if events == 1 { "event" } else { "events" };
    let q = if questions == 1 { "question" } else { "questions" };
    let (lead, advice) = if filtered {
        (format!("these filters leave {events} {noun}"), format!("; widen the filters or {clear}"))
    } else {
        (format!("this timeline has {events} {noun}"), String::new())
    };
    format!(
        "{lead}, too few for a quiz: {questions} {q} can be made from them and a quiz needs {MIN_QUESTIONS}{advice}"
    )
}

/// `Q`: a quiz on the events shown, or a message saying why there cannot be one.
pub fn start(s: &mut State) {
    let seed = s.quiz_seed;
    let questions = crate::quiz::generate_among(&s.timeline, &s.view.events, seed, DEFAULT_QUESTIONS.into());
    if questions.len() < MIN_QUESTIONS {
        let mut text = too_few(s.view.len(), questions.len(), !s.filter.is_empty(), "press c to clear them");
        if let Some(first) = text.get_mut(..1) {
            first.make_ascii_uppercase();
        }
        text.push('.');
        s.message = Some(text);
        return;
    }
    s.quiz_seed = seed.wrapping_add(1);
    s.quiz = Some(QuizState { standalone: false, ..QuizState::new(questions, seed) });
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuizState {
    pub seed: u64,
    pub questions: Vec<Question>,
    /// The question on screen (== questions.len() on the score screen).
    pub index: usize,
    /// The choice given for each question answered so far.
    pub answers: Vec<usize>,
    /// Started on its own (`kz-timeline quiz`): leaving it ends the program, since there is no
    /// explorer the student came from. A quiz started from the explorer goes back to it.
    pub standalone: bool,
    /// On the score screen, `r` steps through the questions answered wrongly: the position in
    /// [`QuizState::wrong`] being shown.
    pub reviewing: Option<usize>,
}

impl QuizState {
    pub fn new(questions: Vec<Question>, seed: u64) -> QuizState {
        QuizState { seed, questions, index: 0, answers: Vec::new(), standalone: true, reviewing: None }
    }

    /// The question on screen: the one being asked, or the wrong answer being reviewed.
    pub fn current(&self) -> Option<&Question> {
        self.questions.get(self.shown())
    }

    /// Index of the question on screen.
    pub fn shown(&self) -> usize {
        match self.reviewing {
            Some(r) => self.wrong().get(r).copied().unwrap_or(self.questions.len()),
            None => self.index,
        }
    }

    /// The choice given for the question on screen, if it has been answered.
    pub fn chosen(&self) -> Option<usize> {
        self.answers.get(self.shown()).copied()
    }

    /// Indices of the questions answered wrongly.
    pub fn wrong(&self) -> Vec<usize> {
        self.answers
            .iter()
            .zip(&self.questions)
            .enumerate()
            .filter(|(_, (a, q))| **a != q.answer)
            .map(|(i, _)| i)
            .collect()
    }

    /// The score screen is shown (finished, and not reviewing an answer).
    pub fn on_score_screen(&self) -> bool {
        self.finished() && self.reviewing.is_none()
    }

    pub fn score(&self) -> usize {
        self.answers.iter().zip(&self.questions).filter(|(a, q)| **a == q.answer).count()
    }

    pub fn finished(&self) -> bool {
        self.index >= self.questions.len()
    }
}

pub fn update(s: &mut State, action: Action) {
    let Some(q) = &mut s.quiz else { return };
    match action {
        Action::Answer(n) => {
            let n = n as usize;
            if let Some(question) = q.current()
                && q.chosen().is_none()
                && n < question.choices.len()
            {
                q.answers.push(n);
            }
        }
        Action::NextEvent | Action::Apply if q.reviewing.is_some() => {
            // The next wrong answer, then back to the score.
            let r = q.reviewing.map_or(0, |r| r + 1);
            q.reviewing = (r < q.wrong().len()).then_some(r);
        }
        Action::NextEvent | Action::Apply if q.chosen().is_some() => q.index += 1,
        Action::QuizReview if q.finished() && !q.wrong().is_empty() => q.reviewing = Some(0),
        Action::QuizRetry if q.finished() && !q.wrong().is_empty() => {
            let again: Vec<Question> = q.wrong().into_iter().map(|i| q.questions[i].clone()).collect();
            *q = QuizState { standalone: q.standalone, ..QuizState::new(again, q.seed) };
        }
        Action::Back if q.reviewing.is_some() => q.reviewing = None,
        Action::Back => {
            if q.standalone {
                s.quit = true;
            } else if q.finished() {
                s.message = Some(format!("Quiz over: {} of {} right.", q.score(), q.questions.len()));
            }
            s.quiz = None;
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Options, update as app_update};
    use crate::model::load::bundled_timeline;

    #[test]
    fn answers_once_then_moves_on_and_scores() {
        let t = bundled_timeline().unwrap();
        let questions = crate::quiz::generate(&t, 7, 3);
        assert_eq!(questions.len(), 3);
        let right = questions[0].answer;
        let wrong = (questions[1].answer + 1) % questions[1].choices.len();
        let mut s = State::new(t, "bundled", Options::default());
        s.quiz = Some(QuizState::new(questions, 7));
        let quiz = |s: &State| s.quiz.clone().unwrap();
        app_update(&mut s, Action::NextEvent);
        assert_eq!(quiz(&s).index, 0, "cannot skip a question");
        app_update(&mut s, Action::Answer(right as u8));
        app_update(&mut s, Action::Answer(((right + 1) % 3) as u8));
        assert_eq!(quiz(&s).answers, vec![right], "the first answer counts");
        app_update(&mut s, Action::NextEvent);
        app_update(&mut s, Action::Answer(9));
        assert_eq!(quiz(&s).chosen(), None, "no such choice");
        app_update(&mut s, Action::Answer(wrong as u8));
        app_update(&mut s, Action::Apply);
        app_update(&mut s, Action::Answer(0));
        app_update(&mut s, Action::NextEvent);
        assert!(quiz(&s).finished());
        assert_eq!(quiz(&s).score(), 1 + usize::from(quiz(&s).questions[2].answer == 0));
        app_update(&mut s, Action::Back);
        assert!(s.quiz.is_none());
    }

    #[test]
    fn wrong_answers_can_be_reviewed_and_tried_again() {
        let t = bundled_timeline().unwrap();
        let questions = crate::quiz::generate(&t, 7, 3);
        let wrong = |q: &Question| ((q.answer + 1) % q.choices.len()) as u8;
        let answers = [wrong(&questions[0]), questions[1].answer as u8, wrong(&questions[2])];
        let mut s = State::new(t, "bundled", Options::default());
        s.quiz = Some(QuizState::new(questions.clone(), 7));
        for a in answers {
            app_update(&mut s, Action::Answer(a));
            app_update(&mut s, Action::NextEvent);
        }
        let q = |s: &State| s.quiz.clone().unwrap();
        assert!(q(&s).on_score_screen());
        assert_eq!(q(&s).wrong(), [0, 2]);
        app_update(&mut s, Action::QuizReview);
        assert_eq!((q(&s).shown(), q(&s).chosen()), (0, Some(answers[0] as usize)), "the first wrong answer, as given");
        app_update(&mut s, Action::NextEvent);
        assert_eq!(q(&s).shown(), 2);
        app_update(&mut s, Action::NextEvent);
        assert!(q(&s).on_score_screen(), "after the last wrong one, the score again");
        app_update(&mut s, Action::QuizRetry);
        let again = q(&s);
        assert_eq!(again.questions, [questions[0].clone(), questions[2].clone()]);
        assert_eq!((again.index, again.answers.len(), again.standalone), (0, 0, true));
    }

    fn press(s: &mut State, c: char) {
        use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        let ctx = crate::app::keymap::Ctx::of(s);
        let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        let action = crate::app::keymap::action_for_key(ctx, &key).unwrap_or_else(|| panic!("{c} unbound in {ctx:?}"));
        app_update(s, action);
    }

    fn filtered(region: &str) -> State {
        let mut s = State::new(bundled_timeline().unwrap(), "bundled", Options::default());
        let mut f = crate::query::Filter::default();
        f.regions.insert(s.timeline.find_region(region));
        s.set_filter(f);
        s
    }

    #[test]
    fn q_asks_about_the_events_shown_and_leaving_comes_back_to_the_same_event() {
        let mut s = filtered("almaty");
        s.quiz_seed = 42;
        s.select_ix(s.view.events[3]);
        let on = s.selected_ix();
        press(&mut s, 'Q');
        let q = s.quiz.clone().expect("a quiz");
        assert!(!q.standalone);
        assert_eq!((q.seed, q.questions.len()), (42, DEFAULT_QUESTIONS as usize));
        assert_eq!(
            q.questions,
            crate::quiz::generate_among(&s.timeline, &s.view.events, 42, 10),
            "the CLI's questions"
        );
        for question in &q.questions {
            assert!(question.events.iter().all(|&ix| s.view.position(ix).is_some()), "{question:?}");
        }
        for _ in 0..q.questions.len() {
            press(&mut s, '1');
            app_update(&mut s, Action::NextEvent);
        }
        assert!(s.quiz.as_ref().unwrap().on_score_screen());
        press(&mut s, 'q');
        assert!(s.quiz.is_none());
        assert!(!s.quit, "a quiz from the explorer goes back to it");
        assert_eq!(s.selected_ix(), on);
        assert!(s.message.as_deref().unwrap().starts_with("Quiz over: "), "{:?}", s.message);
        // The next quiz has a seed of its own; Esc in the middle of it comes back too.
        press(&mut s, 'Q');
        assert_eq!(s.quiz.as_ref().map(|q| q.seed), Some(43));
        app_update(&mut s, Action::Back);
        assert!(s.quiz.is_none() && !s.quit);
        assert_eq!((s.selected_ix(), s.message.as_deref()), (on, None));
    }

    #[test]
    fn too_few_events_for_a_quiz_give_a_message_instead() {
        let mut s = filtered("aktobe");
        assert_eq!(s.view.len(), 1);
        press(&mut s, 'Q');
        assert!(s.quiz.is_none());
        assert_eq!(
            s.message.as_deref(),
            Some(
                "These filters leave 1 event, too few for a quiz: 1 question can be made from them and a quiz needs \
                 3; widen the filters or press c to clear them."
            )
        );
        assert_eq!(s.quiz_seed, 1, "no quiz, no seed used");
    }

    #[test]
    fn the_too_few_message_says_what_there_is() {
        assert_eq!(
            too_few(2, 0, false, "leave them out"),
            "this timeline has 2 events, too few for a quiz: 0 questions can be made from them and a quiz needs 3"
        );
        assert_eq!(
            too_few(1, 1, true, "leave them out"),
            "these filters leave 1 event, too few for a quiz: 1 question can be made from them and a quiz needs 3; \
             widen the filters or leave them out"
        );
    }
}
