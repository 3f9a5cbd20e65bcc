//! Presentation mode: one event per full-screen slide, for projecting in class. It walks the
//! current view (so filters and `--marked` apply) and leaves the explorer on the same event.

use super::{Action, State};

/// Seconds between slides when auto-advance is switched on without `--autoplay`.
pub const DEFAULT_INTERVAL: u32 = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Autoplay {
    /// Seconds per slide.
    pub interval: u32,
    /// Seconds until the next slide.
    pub remaining: u32,
    pub paused: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Presentation {
    /// Show teacher notes (presenter view, `--notes`).
    pub notes: bool,
    pub autoplay: Option<Autoplay>,
    /// Digits typed so far for "number + Enter jumps".
    pub number: String,
}

impl Presentation {
    pub fn new(notes: bool, autoplay: Option<u32>) -> Presentation {
        let autoplay =
            autoplay.filter(|&s| s > 0).map(|interval| Autoplay { interval, remaining: interval, paused: false });
        Presentation { notes, autoplay, number: String::new() }
    }

    /// Whether the loop should send [`Action::Tick`] every second.
    pub fn ticking(&self) -> bool {
        self.autoplay.is_some_and(|a| !a.paused)
    }
}

fn restart_countdown(p: &mut Presentation) {
    if let Some(a) = &mut p.autoplay {
        a.remaining = a.interval;
    }
}

fn go(s: &mut State, pos: usize) {
    if s.view.is_empty() {
        return;
    }
    let pos = pos.min(s.view.len() - 1);
    s.selected = Some(pos);
    s.detail_scroll = 0;
    if let Some(p) = &mut s.present {
        restart_countdown(p);
    }
}

pub fn update(s: &mut State, action: Action) {
    let Some(cur) = s.selected else {
        if matches!(action, Action::Back) {
            s.present = None;
        }
        return;
    };
    let last = s.view.len().saturating_sub(1);
    match action {
        Action::NextEvent | Action::Down => go(s, cur + 1),
        Action::PrevEvent | Action::Up => go(s, cur.saturating_sub(1)),
        Action::First => go(s, 0),
        Action::Last => go(s, last),
        Action::Insert(c) if c.is_ascii_digit() => {
            if let Some(p) = &mut s.present
                && p.number.len() < 7
            {
                p.number.push(c);
            }
        }
        Action::DeleteBack => {
            if let Some(p) = &mut s.present {
                p.number.pop();
            }
        }
        Action::Apply => {
            let typed = s.present.as_mut().map(|p| std::mem::take(&mut p.number)).unwrap_or_default();
            match typed.parse::<usize>() {
                Ok(n) if (1..=s.view.len()).contains(&n) => go(s, n - 1),
                Ok(_) => s.message = Some(format!("There are slides 1 to {}.", s.view.len())),
                Err(_) => go(s, cur + 1),
            }
        }
        Action::ToggleAutoplay => {
            if let Some(p) = &mut s.present {
                p.autoplay = match p.autoplay {
                    None => Some(Autoplay { interval: DEFAULT_INTERVAL, remaining: DEFAULT_INTERVAL, paused: false }),
                    Some(a) => Some(Autoplay {
                        paused: !a.paused,
                        remaining: if a.paused { a.interval } else { a.remaining },
                        ..a
                    }),
                };
            }
        }
        Action::Tick => {
            let at_end = cur >= last;
            let Some(p) = &mut s.present else { return };
            let Some(a) = &mut p.autoplay else { return };
            if a.paused {
                return;
            }
            a.remaining = a.remaining.saturating_sub(1);
            if a.remaining == 0 {
                if at_end {
                    // Stop on the last slide rather than wrap around.
                    a.paused = true;
                    a.remaining = a.interval;
                } else {
                    go(s, cur + 1);
                }
            }
        }
        Action::Back => s.present = None,
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Options, update as app_update};
    use crate::model::load::timeline_from_str;

    fn state() -> State {
        let t = timeline_from_str(include_str!("../../tests/fixtures/small.json"), "small.json", &[]).unwrap();
        let mut s = State::new(t, "small.json", Options::default());
        app_update(&mut s, Action::Present);
        s
    }

    fn run(s: &mut State, actions: &[Action]) {
        for &a in actions {
            app_update(s, a);
        }
    }

    #[test]
    fn steps_through_slides_and_esc_returns_on_the_same_event() {
        let mut s = state();
        assert!(s.present.is_some());
        run(&mut s, &[Action::NextEvent, Action::NextEvent, Action::PrevEvent]);
        assert_eq!(s.selected, Some(1));
        run(&mut s, &[Action::Last, Action::NextEvent]);
        assert_eq!(s.selected, Some(11));
        run(&mut s, &[Action::Back]);
        assert!(s.present.is_none());
        assert_eq!(s.selected, Some(11), "the explorer is on the same event");
    }

    #[test]
    fn a_number_and_enter_jump() {
        let mut s = state();
        run(&mut s, &[Action::Insert('1'), Action::Insert('0'), Action::Apply]);
        assert_eq!(s.selected, Some(9));
        run(&mut s, &[Action::Insert('9'), Action::Insert('9'), Action::Apply]);
        assert_eq!(s.selected, Some(9));
        assert_eq!(s.message.as_deref(), Some("There are slides 1 to 12."));
        run(&mut s, &[Action::Insert('x'), Action::Apply]);
        assert_eq!(s.selected, Some(10), "Enter alone goes on");
    }

    #[test]
    fn autoplay_counts_down_pauses_and_stops_at_the_end() {
        let mut s = state();
        assert!(!s.present.as_ref().unwrap().ticking());
        run(&mut s, &[Action::ToggleAutoplay]);
        let a = s.present.as_ref().unwrap().autoplay.unwrap();
        assert_eq!((a.interval, a.remaining, a.paused), (DEFAULT_INTERVAL, DEFAULT_INTERVAL, false));
        for _ in 0..DEFAULT_INTERVAL - 1 {
            run(&mut s, &[Action::Tick]);
        }
        assert_eq!(s.selected, Some(0));
        run(&mut s, &[Action::Tick]);
        assert_eq!(s.selected, Some(1), "advanced after the interval");
        run(&mut s, &[Action::Tick, Action::ToggleAutoplay]);
        assert!(s.present.as_ref().unwrap().autoplay.unwrap().paused);
        assert!(!s.present.as_ref().unwrap().ticking());
        run(&mut s, &[Action::Tick, Action::Tick]);
        assert_eq!(
            s.present.as_ref().unwrap().autoplay.unwrap().remaining,
            DEFAULT_INTERVAL - 1,
            "paused: no countdown"
        );
        run(&mut s, &[Action::ToggleAutoplay, Action::Last]);
        for _ in 0..DEFAULT_INTERVAL {
            run(&mut s, &[Action::Tick]);
        }
        assert_eq!(s.selected, Some(11));
        assert!(s.present.as_ref().unwrap().autoplay.unwrap().paused, "stops on the last slide");
    }

    #[test]
    fn presentation_honours_the_filters() {
        let t = timeline_from_str(include_str!("../../tests/fixtures/small.json"), "small.json", &[]).unwrap();
        let mut s = State::new(t, "small.json", Options::default());
        run(
            &mut s,
            &[
                Action::Down,
                Action::ToggleMark,
                Action::Last,
                Action::ToggleMark,
                Action::ToggleMarkedOnly,
                Action::Present,
                Action::First,
            ],
        );
        assert_eq!(s.view.len(), 2);
        run(&mut s, &[Action::NextEvent, Action::NextEvent]);
        assert_eq!(s.selected_event().unwrap().id, "report");
    }
}
