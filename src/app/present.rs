//! Presentation mode: one event per full-screen slide, for projecting in class. It walks the
//! current view (so filters and `--marked` apply) and leaves the explorer on the same event.

use super::{Action, Effect, State};

/// Seconds between slides when auto-advance is switched on without `--autoplay`.
pub const DEFAULT_INTERVAL: u32 = 10;
/// The intervals `+` and `-` step through, in seconds.
pub const INTERVALS: [u32; 12] = [2, 3, 5, 8, 10, 15, 20, 30, 45, 60, 90, 120];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Autoplay {
    /// Seconds per slide.
    pub interval: u32,
    /// Seconds until the next slide.
    pub remaining: u32,
    pub paused: bool,
}

/// Where the slides are kept in step with another instance (see [`crate::present_sync`]): what
/// this instance last wrote or applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sync {
    /// The newest change seen (written here or read from the other instance).
    pub seq: u64,
    /// This process, so its own writes are not applied twice.
    pub me: u32,
}

/// What is on the shared screen: published to, and applied from, the other instance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shared {
    pub seq: u64,
    pub writer: u32,
    /// The slide's event id.
    pub event: String,
    pub blank: bool,
    /// The "end of presentation" slide.
    pub end: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Presentation {
    /// Show teacher notes (`o`, `--notes`).
    pub notes: bool,
    pub autoplay: Option<Autoplay>,
    /// Digits typed so far for "number + Enter jumps".
    pub number: String,
    /// The screen is blanked (`b`, as in slide software): nothing is drawn.
    pub blank: bool,
    /// Lines scrolled down in a slide taller than the screen (↑↓).
    pub scroll: usize,
    /// On the "end of presentation" slide after the last one.
    pub at_end: bool,
    /// The presenter's screen: the slide, the next one, the notes and a clock (`P`,
    /// `--presenter`).
    pub presenter: bool,
    /// Seconds since the presentation started (counted by the clock's ticks, presenter view).
    pub elapsed: u64,
    /// Kept in step with another instance (`--presenter`, `--follow`).
    pub sync: Option<Sync>,
}

impl Presentation {
    pub fn new(notes: bool, autoplay: Option<u32>) -> Presentation {
        let autoplay =
            autoplay.filter(|&s| s > 0).map(|interval| Autoplay { interval, remaining: interval, paused: false });
        Presentation { notes, autoplay, ..Presentation::default() }
    }

    /// Whether the loop should send [`Action::Tick`] every second (auto-advance or the
    /// presenter's clock).
    pub fn ticking(&self) -> bool {
        self.autoplay.is_some_and(|a| !a.paused) || self.presenter
    }

    /// What the shared screen shows now.
    fn shared(&self, s: &State) -> Option<Shared> {
        let sync = self.sync?;
        Some(Shared {
            seq: sync.seq,
            writer: sync.me,
            event: s.selected_event()?.id.clone(),
            blank: self.blank,
            end: self.at_end,
        })
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
        p.at_end = false;
        p.scroll = 0;
        restart_countdown(p);
    }
}

/// The next interval up (`+`) or down (`-`) from `now`.
pub fn step_interval(now: u32, up: bool) -> u32 {
    if up {
        INTERVALS.iter().copied().find(|&i| i > now).unwrap_or(*INTERVALS.last().unwrap())
    } else {
        INTERVALS.iter().rev().copied().find(|&i| i < now).unwrap_or(INTERVALS[0])
    }
}

pub fn update(s: &mut State, action: Action) {
    let before = s.present.as_ref().map(|p| (s.selected, p.blank, p.at_end));
    step(s, action);
    // A change of what the class sees is published to the other instance.
    let after = s.present.as_ref().map(|p| (s.selected, p.blank, p.at_end));
    if before.is_some() && after.is_some() && before != after {
        publish(s);
    }
}

/// Queue what the class sees now for the other instance (with the next sequence number).
pub fn publish(s: &mut State) {
    if let Some(p) = &mut s.present
        && let Some(sync) = &mut p.sync
    {
        sync.seq += 1;
    }
    if let Some(shared) = s.present.as_ref().and_then(|p| p.shared(s)) {
        s.effects.push(Effect::Publish(shared));
    }
}

/// Apply what the other instance shows, if it is newer than what this one has seen. Called by
/// the terminal loop when the shared file changes; like `update`, it only changes the state.
pub fn apply_remote(s: &mut State, shared: &Shared) {
    let Some(p) = &mut s.present else { return };
    let Some(sync) = &mut p.sync else { return };
    if shared.writer == sync.me || shared.seq <= sync.seq {
        return;
    }
    sync.seq = shared.seq;
    p.blank = shared.blank;
    if let Some(ix) = s.timeline.event_by_id(&shared.event) {
        if s.view.position(ix).is_none() {
            // The other instance shows an event this one filters out.
            s.reveal(ix);
        }
        if let Some(pos) = s.view.position(ix) {
            go(s, pos);
        }
    }
    if let Some(p) = &mut s.present {
        p.at_end = shared.end;
    }
}

fn step(s: &mut State, action: Action) {
    let Some(cur) = s.selected else {
        if matches!(action, Action::Back) {
            s.present = None;
        }
        return;
    };
    let last = s.view.len().saturating_sub(1);
    let at_end = s.present.as_ref().is_some_and(|p| p.at_end);
    match action {
        Action::NextEvent if cur >= last => {
            if let Some(p) = &mut s.present {
                p.at_end = true;
                p.scroll = 0;
            }
        }
        Action::NextEvent => go(s, cur + 1),
        Action::PrevEvent if at_end => go(s, cur),
        Action::PrevEvent => go(s, cur.saturating_sub(1)),
        Action::First => go(s, 0),
        Action::Last => go(s, last),
        Action::Down | Action::Up => {
            let max = s.metrics.slide_overflow;
            if let Some(p) = &mut s.present {
                p.scroll = if action == Action::Down { (p.scroll + 1).min(max) } else { p.scroll.saturating_sub(1) };
            }
        }
        Action::ToggleBlank => {
            if let Some(p) = &mut s.present {
                p.blank = !p.blank;
            }
        }
        Action::ToggleNotes => {
            if let Some(p) = &mut s.present {
                p.notes = !p.notes;
                p.scroll = 0;
                s.message = Some(if p.notes { "Teacher notes shown." } else { "Teacher notes hidden." }.into());
            }
        }
        Action::TogglePresenter => {
            if let Some(p) = &mut s.present {
                p.presenter = !p.presenter;
                if p.presenter {
                    p.notes = true;
                }
            }
        }
        Action::ToggleMark => {
            let Some(ix) = s.selected_ix() else { return };
            let now = s.marks.toggle(ix);
            s.message = Some(format!("Slide {} {}.", cur + 1, if now { "marked" } else { "unmarked" }));
            s.effects.push(Effect::SaveState);
        }
        Action::AutoplayLonger | Action::AutoplayShorter => {
            let Some(p) = &mut s.present else { return };
            let longer = action == Action::AutoplayLonger;
            let a = p.autoplay.get_or_insert(Autoplay {
                interval: DEFAULT_INTERVAL,
                remaining: DEFAULT_INTERVAL,
                paused: true,
            });
            a.interval = step_interval(a.interval, longer);
            a.remaining = a.remaining.min(a.interval);
            s.message = Some(format!("Auto-advance: every {} s.", a.interval));
        }
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
                Err(_) => step(s, Action::NextEvent),
            }
        }
        Action::ToggleAutoplay => {
            if let Some(p) = &mut s.present {
                p.autoplay = match p.autoplay {
                    None => Some(Autoplay { interval: DEFAULT_INTERVAL, remaining: DEFAULT_INTERVAL, paused: false }),
                    Some(a) => Some(Autoplay { paused: !a.paused, ..a }),
                };
            }
        }
        Action::Tick => {
            let at_last = cur >= last;
            let Some(p) = &mut s.present else { return };
            if p.presenter {
                p.elapsed += 1;
            }
            let Some(a) = &mut p.autoplay else { return };
            if a.paused || p.blank {
                return;
            }
            a.remaining = a.remaining.saturating_sub(1);
            if a.remaining == 0 {
                if at_last || p.at_end {
                    // Stop on the last slide rather than wrap around, and say so.
                    a.paused = true;
                    a.remaining = a.interval;
                    s.message = Some("Last slide: auto-advance paused.".into());
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
        run(&mut s, &[Action::Last, Action::PrevEvent, Action::NextEvent]);
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
    fn after_the_last_slide_comes_the_end_slide_and_back() {
        let mut s = state();
        run(&mut s, &[Action::Last, Action::NextEvent]);
        assert!(s.present.as_ref().unwrap().at_end);
        assert_eq!(s.selected, Some(11));
        run(&mut s, &[Action::NextEvent]);
        assert!(s.present.as_ref().unwrap().at_end, "stays on the end slide");
        run(&mut s, &[Action::PrevEvent]);
        assert!(!s.present.as_ref().unwrap().at_end);
        assert_eq!(s.selected, Some(11), "back on the last slide");
    }

    #[test]
    fn blank_notes_mark_and_interval_keys() {
        let mut s = state();
        run(&mut s, &[Action::ToggleBlank]);
        assert!(s.present.as_ref().unwrap().blank);
        run(&mut s, &[Action::ToggleBlank, Action::ToggleNotes]);
        assert!(!s.present.as_ref().unwrap().blank);
        assert!(s.present.as_ref().unwrap().notes);
        run(&mut s, &[Action::ToggleMark]);
        assert!(s.marks.is_marked(s.selected_ix().unwrap()));
        assert!(s.effects.contains(&Effect::SaveState));
        run(&mut s, &[Action::AutoplayLonger]);
        let a = s.present.as_ref().unwrap().autoplay.unwrap();
        assert_eq!((a.interval, a.paused), (15, true), "+ sets up a paused auto-advance one step slower");
        run(&mut s, &[Action::AutoplayShorter, Action::AutoplayShorter, Action::AutoplayShorter]);
        assert_eq!(s.present.as_ref().unwrap().autoplay.unwrap().interval, 5);
        assert_eq!(step_interval(2, false), 2);
        assert_eq!(step_interval(120, true), 120);
        assert_eq!(step_interval(7, true), 8, "an interval from --autoplay goes to the next step");
    }

    #[test]
    fn resuming_auto_advance_keeps_the_countdown() {
        let mut s = state();
        run(
            &mut s,
            &[Action::ToggleAutoplay, Action::Tick, Action::Tick, Action::ToggleAutoplay, Action::ToggleAutoplay],
        );
        assert_eq!(s.present.as_ref().unwrap().autoplay.unwrap().remaining, DEFAULT_INTERVAL - 2);
    }

    #[test]
    fn a_long_slide_scrolls_as_far_as_the_view_says() {
        let mut s = state();
        s.metrics.slide_overflow = 2;
        run(&mut s, &[Action::Down, Action::Down, Action::Down]);
        assert_eq!(s.present.as_ref().unwrap().scroll, 2);
        run(&mut s, &[Action::Up]);
        assert_eq!(s.present.as_ref().unwrap().scroll, 1);
        run(&mut s, &[Action::NextEvent]);
        assert_eq!(s.present.as_ref().unwrap().scroll, 0, "a new slide starts at its top");
    }

    #[test]
    fn two_instances_keep_in_step_through_what_they_publish() {
        let synced = |me| {
            let mut s = state();
            s.present.as_mut().unwrap().sync = Some(Sync { seq: 0, me });
            s
        };
        let (mut a, mut b) = (synced(1), synced(2));
        run(&mut a, &[Action::NextEvent, Action::NextEvent]);
        let published: Vec<Shared> =
            a.effects.iter().filter_map(|e| if let Effect::Publish(x) = e { Some(x.clone()) } else { None }).collect();
        assert_eq!(published.len(), 2, "one publish per change");
        let last = published.last().unwrap().clone();
        assert_eq!((last.seq, last.writer, last.event.as_str()), (2, 1, a.selected_event().unwrap().id.as_str()));
        apply_remote(&mut b, &last);
        assert_eq!(b.selected, Some(2));
        // Its own write, or an older one, changes nothing.
        apply_remote(&mut a, &last);
        apply_remote(&mut b, &Shared { seq: 1, ..published[0].clone() });
        assert_eq!(b.selected, Some(2));
        // The follower's keys move the presenter too: b publishes seq 3.
        b.effects.clear();
        run(&mut b, &[Action::ToggleBlank]);
        let Some(Effect::Publish(x)) = b.effects.last().cloned() else { panic!("b did not publish") };
        assert_eq!((x.seq, x.blank), (3, true));
        apply_remote(&mut a, &x);
        assert!(a.present.as_ref().unwrap().blank);
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
