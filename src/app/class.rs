//! A class on one timeline (`kz-timeline serve`): the teacher's session can lead, and every
//! student's session that follows shows what the teacher's shows.
//!
//! What is shared is a [`Lead`]: the teacher's event, filters, open pane and slide. It is made
//! from the teacher's state by [`lead_of`] after each batch of input and applied to a follower's
//! state by [`follow`]; both are pure, so the serve code only carries `Lead` values from one
//! session to the others (a `tokio::sync::watch` channel) and this module is tested without a
//! network. Indices can be shared because every session of a server holds the same
//! `Arc<Timeline>`.
//!
//! A student who moves on their own (a key that changes the event, the filters, the pane or the
//! slide) stops following at once, and the footer says how to follow again (`L`). Opening the
//! help or typing a search does not count as leaving, since it changes none of those.
//!
//! Marks are each session's own, so the "only marked events" filter is never shared.

use super::{Action, Focus, Presentation, State};
use crate::model::EventIx;
use crate::query::Filter;

/// This session's part in a class, shown in the footer. `None` in `State` outside `serve`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Teacher {
        /// The students' sessions follow this one.
        leading: bool,
        /// Students connected, and how many of them follow.
        students: usize,
        following: usize,
    },
    Student {
        /// This session shows what the teacher's shows.
        following: bool,
        /// The teacher is leading now (else a follower waits on its own view).
        led: bool,
    },
}

/// What a leading teacher's session shows, for the followers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lead {
    pub event: Option<EventIx>,
    pub filter: Filter,
    /// The detail pane has the keyboard (the teacher is reading the event out).
    pub reading: bool,
    pub slide: Option<Slide>,
}

/// The part of a presentation followers copy: which slide, and whether it is blanked or the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slide {
    pub blank: bool,
    pub at_end: bool,
}

/// What `s` shows, as a follower would copy it.
pub fn lead_of(s: &State) -> Lead {
    let mut filter = s.filter.clone();
    filter.marked = false;
    Lead {
        event: s.selected_ix(),
        filter,
        reading: s.focus == Focus::Detail && s.present.is_none(),
        slide: s.present.as_ref().map(|p| Slide { blank: p.blank, at_end: p.at_end }),
    }
}

/// Make `s` show what the teacher shows. Overlays and prompts the student had open are closed
/// (they would cover the teacher's view); the student's marks and search highlights stay.
pub fn follow(s: &mut State, lead: &Lead) {
    let mut filter = lead.filter.clone();
    filter.marked = false;
    if s.filter != filter {
        s.set_filter(filter);
    }
    if let Some(ix) = lead.event {
        s.select_ix(ix);
    }
    s.overlay = None;
    s.prompt = None;
    s.quiz = None;
    // The teacher drives now: a hint about the keys (or any other message) would be stale.
    s.message = None;
    match lead.slide {
        Some(slide) => {
            let p = s.present.get_or_insert_with(|| Presentation::new(false, None));
            p.blank = slide.blank;
            p.at_end = slide.at_end;
            p.presenter = false;
            p.autoplay = None;
        }
        None => s.present = None,
    }
    s.focus = if lead.reading { Focus::Detail } else { Focus::List };
}

/// `L`: the teacher starts or stops leading; a student follows the teacher or stops following.
/// Outside a class it only says what the key is for.
pub fn toggle(s: &mut State) {
    s.message = Some(match &mut s.class {
        Some(Class::Teacher { leading, .. }) => {
            *leading = !*leading;
            if *leading {
                "Leading: the students who follow now see what you see (L stops).".into()
            } else {
                "Stopped leading: the students can explore on their own.".into()
            }
        }
        Some(Class::Student { following, led }) => {
            *following = !*following;
            match (*following, *led) {
                (true, true) => "Following the teacher.".into(),
                (true, false) => "You will follow the teacher when they lead.".into(),
                (false, _) => "Exploring on your own (L follows the teacher again).".into(),
            }
        }
        None => "L is for a class over SSH: see \"Teaching a class over SSH\" in the README.".into(),
    });
}

/// Keys a student's session does not act on: teacher notes (the discussion questions a teacher
/// keeps for the class) stay on the teacher's screen. Says so and returns true for those.
pub fn refused(s: &mut State, action: Action) -> bool {
    let student = matches!(s.class, Some(Class::Student { .. }));
    if student && matches!(action, Action::ToggleNotes | Action::TogglePresenter) {
        s.message = Some("Teacher notes stay on the teacher's screen.".into());
        return true;
    }
    false
}

/// The footer's words for this session's part, if it has one: "following the teacher", "leading
/// · 12 of 14 students following".
pub fn status(class: &Class) -> String {
    match *class {
        Class::Teacher { leading, students, following } => {
            let who = match students {
                0 => "no students yet".to_string(),
                1 => "1 student".to_string(),
                n => format!("{n} students"),
            };
            if leading { format!("leading · {following} of {who} following") } else { format!("not leading · {who}") }
        }
        Class::Student { following: true, led: true } => "following the teacher".into(),
        Class::Student { following: true, led: false } => "waiting for the teacher to lead".into(),
        Class::Student { following: false, .. } => "exploring on your own".into(),
    }
}

/// What `L` does now, for the footer beside [`status`].
pub fn key_hint(class: &Class) -> &'static str {
    match *class {
        Class::Teacher { leading: true, .. } => "stop leading",
        Class::Teacher { leading: false, .. } => "lead the class",
        Class::Student { following: true, .. } => "explore alone",
        Class::Student { following: false, .. } => "follow the teacher",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Options, update};

    fn state() -> State {
        let t = crate::model::load::bundled_timeline().expect("bundled timeline");
        State::new(t, "bundled", Options::default())
    }

    fn student(teacher: &State) -> State {
        let mut s = teacher.clone();
        s.class = Some(Class::Student { following: true, led: true });
        s
    }

    #[test]
    fn a_follower_shows_the_teachers_event_filter_pane_and_slide() {
        let mut t = state();
        let mut s = student(&t);
        for a in [Action::Down, Action::Down, Action::Down, Action::FocusDetail] {
            update(&mut t, a);
        }
        t.filter.disputed = true;
        let f = t.filter.clone();
        t.set_filter(f);
        let lead = lead_of(&t);
        follow(&mut s, &lead);
        assert_eq!(s.selected_ix(), t.selected_ix());
        assert_eq!(s.filter, t.filter);
        assert_eq!(s.view.events, t.view.events);
        assert_eq!(s.focus, Focus::Detail);
        assert_eq!(lead_of(&s), lead, "a follower is where the lead is");

        update(&mut t, Action::Present);
        update(&mut t, Action::NextEvent);
        update(&mut t, Action::ToggleBlank);
        follow(&mut s, &lead_of(&t));
        let p = s.present.as_ref().expect("the follower presents too");
        assert!(p.blank);
        assert_eq!(s.selected_ix(), t.selected_ix());
        update(&mut t, Action::Back);
        follow(&mut s, &lead_of(&t));
        assert!(s.present.is_none(), "the presentation ends for the follower too");
    }

    #[test]
    fn the_students_marks_are_not_shared() {
        let mut t = state();
        update(&mut t, Action::ToggleMark);
        update(&mut t, Action::ToggleMarkedOnly);
        assert!(t.filter.marked);
        let mut s = student(&t);
        s.set_filter(Filter::default());
        follow(&mut s, &lead_of(&t));
        assert!(!s.filter.marked, "the teacher's marks filter would show the student's own marks");
    }

    #[test]
    fn moving_alone_is_seen_as_leaving_and_help_is_not() {
        let mut t = state();
        let mut s = student(&t);
        let lead = lead_of(&t);
        follow(&mut s, &lead);
        update(&mut s, Action::Help);
        assert_eq!(lead_of(&s), lead, "opening the help is not leaving");
        update(&mut s, Action::Back);
        update(&mut s, Action::Down);
        assert_ne!(lead_of(&s), lead, "a key that moves is");
        update(&mut t, Action::Last);
        assert_ne!(lead_of(&t), lead);
    }

    #[test]
    fn l_toggles_the_part_and_says_so() {
        let mut s = state();
        s.class = Some(Class::Student { following: true, led: true });
        update(&mut s, Action::Class);
        assert_eq!(s.class, Some(Class::Student { following: false, led: true }));
        assert!(s.message.as_deref().is_some_and(|m| m.contains("L follows")));
        s.class = Some(Class::Teacher { leading: false, students: 3, following: 0 });
        update(&mut s, Action::Class);
        assert!(matches!(s.class, Some(Class::Teacher { leading: true, .. })));
        s.class = None;
        update(&mut s, Action::Class);
        assert!(s.message.as_deref().is_some_and(|m| m.contains("SSH")));
    }

    #[test]
    fn students_never_see_teacher_notes() {
        let mut s = state();
        s.class = Some(Class::Student { following: false, led: false });
        update(&mut s, Action::ToggleNotes);
        assert!(!s.show_notes);
        update(&mut s, Action::Present);
        update(&mut s, Action::TogglePresenter);
        update(&mut s, Action::ToggleNotes);
        let p = s.present.as_ref().unwrap();
        assert!(!p.presenter && !p.notes, "{p:?}");
        assert!(s.message.as_deref().is_some_and(|m| m.contains("teacher's screen")));
        s.class = Some(Class::Teacher { leading: true, students: 0, following: 0 });
        update(&mut s, Action::ToggleNotes);
        assert!(s.present.as_ref().unwrap().notes, "the teacher's own notes work");
    }

    #[test]
    fn status_words() {
        let t = |leading, students, following| status(&Class::Teacher { leading, students, following });
        assert_eq!(t(true, 14, 12), "leading · 12 of 14 students following");
        assert_eq!(t(true, 1, 1), "leading · 1 of 1 student following");
        assert_eq!(t(false, 0, 0), "not leading · no students yet");
        assert_eq!(status(&Class::Student { following: true, led: true }), "following the teacher");
        assert_eq!(status(&Class::Student { following: false, led: true }), "exploring on your own");
    }
}
