//! Application state. Only [`update::update`] changes it; the UI only reads it. Anything that
//! needs the outside world (saving marks, the clipboard) is queued as an [`Effect`] for the loop.

pub mod action;
pub mod figures;
pub mod jump;
pub mod keymap;
pub mod map;
pub mod marks;
pub mod picker;
pub mod present;
pub mod prompt;
pub mod quiz;
pub mod update;

use std::cell::{OnceCell, RefCell};
use std::sync::Arc;

use ratatui::layout::Rect;

use crate::model::{Event, EventIx, Timeline};
use crate::query::{Dictionary, Filter, Index, Query, View};

pub use action::Action;
pub use jump::Jump;
pub use marks::Marks;
pub use picker::Picker;
pub use present::Presentation;
pub use prompt::{Prompt, PromptKind};
pub use update::update;

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Detail,
    Map,
}

/// A modal layer drawn over the panes.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    Help { scroll: usize },
    Picker(Picker),
    Jump(Jump),
    Figures(figures::Figures),
}

/// Something for the terminal loop to do on the state's behalf.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write marks and position to the state file.
    SaveState,
    /// Put this text on the clipboard (OSC 52).
    Copy(String),
}

/// What the last frame showed: sizes and positions the view worked out, fed back so that paging,
/// scrolling limits and mouse clicks match the screen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Metrics {
    /// Inner area of the event list (rows of events and headings).
    pub list: Rect,
    /// First list row shown.
    pub list_offset: usize,
    /// Inner area of the detail pane, if shown.
    pub detail: Option<Rect>,
    /// Wrapped lines of the detail text at the current width.
    pub detail_lines: usize,
    /// Detail scroll actually applied (clamped).
    pub detail_scroll: usize,
    /// The map pane (with its border), if shown.
    pub map: Option<Rect>,
    /// Inner area of the popup list, if a popup is open.
    pub popup: Option<Rect>,
    /// First popup row shown.
    pub popup_offset: usize,
    /// Lines in the help text and the rows available for it.
    pub help_lines: usize,
    pub help_rows: usize,
}

/// Display options fixed at start-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Options {
    /// Mouse reporting is on (`--mouse`).
    pub mouse: bool,
}

/// An incremental search in progress or kept for highlighting and `n`/`N`.
#[derive(Debug, Clone, PartialEq)]
pub struct Search {
    pub query: Query,
    /// Matching events among the view's events, in order.
    pub matches: Vec<EventIx>,
}

#[derive(Debug)]
pub struct State {
    /// Shared with the thread that builds the search index in the background.
    pub timeline: Arc<Timeline>,
    /// Where the timeline came from, for messages ("bundled" or a file name).
    pub source_label: String,
    /// Spellings that mean the same (names and regions), for search.
    pub dictionary: Dictionary,
    /// The search index, built the first time a search needs it (or in the background, see
    /// [`State::index_in_background`]).
    index: OnceCell<Index>,
    /// The index being built on another thread, when that was started.
    index_job: RefCell<Option<std::sync::mpsc::Receiver<Index>>>,
    /// What the map shows under the current filters, built when first drawn after a change.
    map_data: OnceCell<map::MapData>,
    pub marks: Marks,
    pub filter: Filter,
    pub view: View,
    /// Selected position in `view.events`; `None` when the view is empty.
    pub selected: Option<usize>,
    pub focus: Focus,
    pub overlay: Option<Overlay>,
    /// A one-line editor in the footer (search, go to date, date range).
    pub prompt: Option<Prompt>,
    /// The search whose matches are highlighted.
    pub search: Option<Search>,
    /// The quiz, when running (`kz-timeline quiz`).
    pub quiz: Option<quiz::QuizState>,
    /// The map pane, when shown (`M`).
    pub map: Option<map::MapState>,
    /// Presentation mode (one event per full-screen slide), when on.
    pub present: Option<Presentation>,
    /// Requested detail scroll (lines); the view clamps it.
    pub detail_scroll: usize,
    /// Requested first list row; the view adjusts it to keep the selection visible.
    pub list_offset: usize,
    pub metrics: Metrics,
    pub options: Options,
    /// A one-line message for the footer.
    pub message: Option<String>,
    /// Work for the loop.
    pub effects: Vec<Effect>,
    pub quit: bool,
    /// The terminal should be cleared and fully repainted before the next frame.
    pub repaint: bool,
    /// The loop should suspend the program (Ctrl-Z) before the next frame.
    pub suspend: bool,
}

impl State {
    /// A state showing every event of `timeline`. `names` are groups of spellings for search
    /// (see `model::load::bundled_name_groups`).
    pub fn new(timeline: Timeline, source_label: impl Into<String>, options: Options) -> State {
        Self::with_names(timeline, source_label, options, &crate::model::load::bundled_name_groups())
    }

    pub fn with_names(timeline: Timeline, source_label: impl Into<String>, options: Options, names: &[Vec<String>]) -> State {
        let dictionary = Dictionary::for_timeline(&timeline, names);
        let marks = Marks::new(timeline.events.len());
        let view = View::from_events(&timeline, (0..timeline.events.len()).collect());
        let selected = if view.is_empty() { None } else { Some(0) };
        State {
            timeline: Arc::new(timeline),
            source_label: source_label.into(),
            dictionary,
            index: OnceCell::new(),
            index_job: RefCell::new(None),
            map_data: OnceCell::new(),
            marks,
            filter: Filter::default(),
            view,
            selected,
            focus: Focus::List,
            overlay: None,
            prompt: None,
            search: None,
            present: None,
            map: None,
            quiz: None,
            detail_scroll: 0,
            list_offset: 0,
            metrics: Metrics::default(),
            options,
            message: None,
            effects: Vec::new(),
            quit: false,
            repaint: false,
            suspend: false,
        }
    }

    /// Start building the search index on another thread, so that a big timeline is on screen
    /// and can be browsed and filtered before its text is folded for search (about a third of
    /// the work of loading it). The first search waits for the index if it is not done yet.
    /// `done` is called on that thread when the index is ready (the app redraws then).
    pub fn index_in_background(&mut self, done: impl FnOnce() + Send + 'static) {
        if self.index.get().is_some() || self.index_job.get_mut().is_some() {
            return;
        }
        let (t, dictionary) = (Arc::clone(&self.timeline), self.dictionary.clone());
        let (tx, rx) = std::sync::mpsc::channel();
        let job = std::thread::Builder::new().name("index".into()).spawn(move || {
            // Sent before `done`, so that the redraw `done` asks for finds it.
            let _ = tx.send(Index::build(&t, dictionary));
            done();
        });
        // If no thread can be started, the index is built on first use instead.
        *self.index_job.get_mut() = job.is_ok().then_some(rx);
    }

    /// Whether a search can start at once: the index is built, or has arrived from its thread
    /// (it is taken in then).
    pub fn index_ready(&self) -> bool {
        if self.index.get().is_some() {
            return true;
        }
        let mut job = self.index_job.borrow_mut();
        let Some(rx) = job.as_ref() else { return true };
        match rx.try_recv() {
            Ok(index) => {
                *job = None;
                let _ = self.index.set(index);
                true
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => false,
            // The thread died: the index is built on first use instead.
            Err(std::sync::mpsc::TryRecvError::Disconnected) => true,
        }
    }

    /// What the map shows under the current filters (built on first use after a filter change).
    pub fn map_data(&self) -> &map::MapData {
        self.map_data.get_or_init(|| map::MapData::build(&self.timeline, &self.view.events))
    }

    /// The search index (built on first use).
    pub fn index(&self) -> &Index {
        self.index.get_or_init(|| {
            let job = self.index_job.borrow_mut().take();
            job.and_then(|rx| rx.recv().ok()).unwrap_or_else(|| Index::build(&self.timeline, self.dictionary.clone()))
        })
    }

    /// The selected event's index in the timeline.
    pub fn selected_ix(&self) -> Option<EventIx> {
        self.selected.map(|p| self.view.events[p])
    }

    pub fn selected_event(&self) -> Option<&Event> {
        self.selected_ix().map(|i| &self.timeline.events[i])
    }

    /// Select the event with timeline index `ix` if it is in the view.
    pub fn select_ix(&mut self, ix: EventIx) -> bool {
        match self.view.position(ix) {
            Some(p) => {
                if self.selected != Some(p) {
                    self.selected = Some(p);
                    self.detail_scroll = 0;
                }
                true
            }
            None => false,
        }
    }

    /// Apply a new filter, keeping the selection on the same event when it is still visible
    /// (otherwise the next later one).
    pub fn set_filter(&mut self, filter: Filter) {
        let previous = self.selected_ix();
        self.filter = filter;
        let view = if self.filter.is_empty() {
            View::from_events(&self.timeline, (0..self.timeline.events.len()).collect())
        } else {
            // The index only when searching: filtering by field need not wait for it.
            let none = Index::default();
            let index = if self.filter.search.is_some() { self.index() } else { &none };
            View::build(&self.timeline, index, &self.filter, self.marks.flags())
        };
        self.view = view;
        self.map_data = OnceCell::new();
        self.selected = match previous {
            Some(ix) => self.view.nearest(ix),
            None => (!self.view.is_empty()).then_some(0),
        };
        if self.selected_ix() != previous {
            self.detail_scroll = 0;
        }
        if let Some(s) = &mut self.search {
            let view = &self.view;
            s.matches.retain(|ix| view.position(*ix).is_some());
        }
        self.message = self.view.is_empty().then(|| "No events match the filters. Press c to clear them.".to_string());
    }

    /// Select an event by id (for `--at` and jumps). Clears filters that hide it.
    pub fn select_id(&mut self, id: &str) -> bool {
        let Some(ix) = self.timeline.event_by_id(id) else { return false };
        self.reveal(ix);
        true
    }

    /// Select event `ix`, clearing the filters if they hide it.
    pub fn reveal(&mut self, ix: EventIx) {
        if self.view.position(ix).is_none() {
            self.set_filter(Filter::default());
            self.message = Some("Filters cleared to show this event.".into());
        }
        self.select_ix(ix);
    }

    /// Whether the loop should send a [`Action::Tick`] every second (auto-advance).
    pub fn wants_tick(&self) -> bool {
        self.present.as_ref().is_some_and(Presentation::ticking)
    }

    /// The search query being typed or kept, for highlighting.
    pub fn highlight_query(&self) -> Option<&Query> {
        self.search.as_ref().map(|s| &s.query).filter(|q| !q.is_empty())
    }
}

#[cfg(test)]
mod index_tests {
    use super::*;

    fn bundled() -> State {
        State::new(crate::model::load::bundled_timeline().unwrap(), "t", Options::default())
    }

    #[test]
    fn an_index_built_in_the_background_answers_like_one_built_on_first_use() {
        let plain = bundled();
        let mut bg = bundled();
        let (tx, rx) = std::sync::mpsc::channel();
        bg.index_in_background(move || tx.send(()).unwrap());
        rx.recv_timeout(std::time::Duration::from_secs(60)).expect("the index thread says it is done");
        assert!(bg.index_ready());
        for text in ["zhanaozen", "Тоқаев", "csto", "x", "internet shutdown"] {
            let q = Query::parse(text, &plain.dictionary);
            let all = &plain.view.events;
            let want = q.matching(plain.index(), &plain.timeline, all);
            assert!(!want.is_empty() || text == "x", "{text}");
            assert_eq!(q.matching(bg.index(), &bg.timeline, all), want, "{text}");
        }
    }

    #[test]
    fn filtering_by_field_does_not_wait_for_the_index_but_searching_does() {
        let mut s = bundled();
        let mut f = Filter::default();
        f.regions.insert(s.timeline.find_region("mangystau"));
        s.set_filter(f);
        assert!(!s.view.is_empty());
        assert!(s.index.get().is_none(), "a region filter built the search index");
        let mut f = s.filter.clone();
        f.search = Some(Query::parse("zhanaozen", &s.dictionary));
        s.set_filter(f);
        assert!(s.index.get().is_some());
        assert!(!s.view.is_empty());
    }
}
