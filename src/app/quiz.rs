//! The quiz (`kz-timeline quiz`): one multiple-choice question at a time, immediate feedback
//! with the event and its source, and a score at the end. The questions come from
//! [`crate::quiz::generate`]; the answer is never shown before the student answers.

use super::{Action, State};
use crate::quiz::Question;

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
}
