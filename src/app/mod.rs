//! Application state. Only [`update::update`] (and [`update::notice`], for the loop's own
//! messages) changes it; the UI only reads it. Anything that needs the outside world (saving
//! marks, the clipboard) is queued as an [`Effect`] for the loop.

pub mod action;
pub mod class;
pub mod figures;
pub mod glossary;
pub mod handout;
pub mod jump;
pub mod keymap;
pub mod map;
pub mod marks;
pub mod picker;
pub mod present;
pub mod prompt;
pub mod quiz;
pub mod related;
pub mod reload;
pub mod update;

use std::cell::OnceCell;
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

/// How the list and the detail pane share the screen (`w` and `f` switch).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PaneLayout {
    /// List and detail side by side (or stacked on a narrow, tall terminal).
    #[default]
    Split,
    /// The list alone, full width; Enter opens the event full screen.
    ListOnly,
    /// Reading mode: the event alone, its text at a comfortable width.
    Reading,
}

/// A modal layer drawn over the panes.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    Help {
        scroll: usize,
    },
    Picker(Picker),
    Jump(Jump),
    Figures(figures::Figures),
    /// Choosing one of the selected event's related events.
    Related(related::Related),
    /// The glossary (`d`).
    Glossary(glossary::GlossaryView),
}

/// Something for the terminal loop to do on the state's behalf.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write marks and position to the state file.
    SaveState,
    /// Put this text on the clipboard (OSC 52).
    Copy(String),
    /// Tell the other presentation instance what the class sees now.
    Publish(present::Shared),
    /// Write these events to an HTML handout in the current directory (`e`, `E`).
    Handout(handout::Request),
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
    /// The terminal was below the minimum size: only "too small" was drawn, so keys that act
    /// on the panes are ignored until it grows (see `keymap::Ctx::TooSmall`).
    pub too_small: bool,
    /// Lines of the slide that did not fit (how far ↓ can scroll it).
    pub slide_overflow: usize,
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

#[derive(Debug, Clone)]
pub struct State {
    /// Shared read-only with every other session showing the same file (`serve`).
    pub timeline: Arc<Timeline>,
    /// Where the timeline came from, for messages ("bundled" or a file name).
    pub source_label: String,
    /// Spellings that mean the same (names and regions), for search.
    pub dictionary: Dictionary,
    /// The search index, built the first time a search needs it.
    index: OnceCell<Arc<Index>>,
    /// What the map shows under the current filters, built when first drawn after a change.
    map_data: OnceCell<map::MapData>,
    /// What the map takes from the whole timeline (region centres, the area shown), built once.
    map_base: OnceCell<map::MapBase>,
    pub marks: Marks,
    /// Widest short name and widest badge of the regions events use (for the list's column).
    pub region_widths: (usize, usize),
    pub filter: Filter,
    pub view: View,
    /// Selected position in `view.events`; `None` when the view is empty.
    pub selected: Option<usize>,
    pub focus: Focus,
    pub layout: PaneLayout,
    pub overlay: Option<Overlay>,
    /// The overlay to reopen when the detail pane is left with Esc (an event opened from the
    /// figures view goes back to it).
    pub return_to: Option<Overlay>,
    /// A one-line editor in the footer (search, go to date, date range).
    pub prompt: Option<Prompt>,
    /// The search whose matches are highlighted.
    pub search: Option<Search>,
    /// While set, an edit of the search text only marks the search as pending; it runs once
    /// when the batch of input ends (see [`update::begin_batch`]): a burst of typed or pasted
    /// characters is answered with one search, not one per character.
    pub defer_search: bool,
    /// The search text changed and its search has not run yet.
    pub search_pending: bool,
    /// The quiz, when running (`kz-timeline quiz`, or `Q`).
    pub quiz: Option<quiz::QuizState>,
    /// The seed of the next quiz started with `Q` (see [`quiz`]: the command line sets it from
    /// the clock, each quiz moves it on).
    pub quiz_seed: u64,
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
    /// Show teacher notes in the detail pane (`o`).
    pub show_notes: bool,
    /// Events left by following links, most recent last (see [`related`]).
    pub history: Vec<EventIx>,
    /// The time of day (seconds since local midnight) for the presenter's clock.
    pub clock: Option<u32>,
    /// A one-line message for the footer.
    pub message: Option<String>,
    /// A problem that stays on screen until it is solved (`--watch`: the file was saved in a
    /// form that does not load, see [`reload`]).
    pub banner: Option<String>,
    /// Work for the loop.
    pub effects: Vec<Effect>,
    pub quit: bool,
    /// The terminal should be cleared and fully repainted before the next frame.
    pub repaint: bool,
    /// The loop should suspend the program (Ctrl-Z) before the next frame.
    pub suspend: bool,
    /// This session's part in a class over SSH (`serve`); `None` otherwise.
    pub class: Option<class::Class>,
}

impl State {
    /// A state showing every event of `timeline`. `names` are groups of spellings for search
    /// (see `model::load::bundled_name_groups`).
    pub fn new(timeline: impl Into<Arc<Timeline>>, source_label: impl Into<String>, options: Options) -> State {
        Self::with_names(timeline, source_label, options, &crate::model::load::bundled_name_groups())
    }

    pub fn with_names(
        timeline: impl Into<Arc<Timeline>>,
        source_label: impl Into<String>,
        options: Options,
        names: &[Vec<String>],
    ) -> State {
        let timeline = timeline.into();
        let dictionary = Dictionary::for_timeline(&timeline, names);
        let marks = Marks::new(timeline.events.len());
        let view = View::from_events(&timeline, (0..timeline.events.len()).collect());
        let selected = if view.is_empty() { None } else { Some(0) };
        let region_widths = used_region_widths(&timeline);
        State {
            timeline,
            source_label: source_label.into(),
            dictionary,
            index: OnceCell::new(),
            map_data: OnceCell::new(),
            map_base: OnceCell::new(),
            marks,
            region_widths,
            filter: Filter::default(),
            view,
            selected,
            focus: Focus::List,
            layout: PaneLayout::Split,
            overlay: None,
            return_to: None,
            prompt: None,
            search: None,
            defer_search: false,
            search_pending: false,
            present: None,
            map: None,
            quiz: None,
            quiz_seed: 1,
            detail_scroll: 0,
            list_offset: 0,
            metrics: Metrics::default(),
            options,
            show_notes: false,
            history: Vec::new(),
            clock: None,
            message: None,
            banner: None,
            effects: Vec::new(),
            quit: false,
            repaint: false,
            suspend: false,
            class: None,
        }
    }

    /// Use this search index (built while loading, see `query::load`) instead of building one on
    /// first use. Its dictionary is replaced by the state's.
    pub fn with_index(mut self, mut index: Index) -> State {
        index.dictionary = self.dictionary.clone();
        self.index = OnceCell::from(Arc::new(index));
        self
    }

    /// What the map shows under the current filters (built on first use after a filter change).
    pub fn map_data(&self) -> &map::MapData {
        self.map_data.get_or_init(|| {
            let base = self.map_base.get_or_init(|| map::MapBase::build(&self.timeline));
            map::MapData::build(&self.timeline, base, &self.view.events)
        })
    }

    /// The search index (built on first use).
    pub fn index(&self) -> &Index {
        self.index.get_or_init(|| Arc::new(Index::build(&self.timeline, self.dictionary.clone())))
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
            View::build(&self.timeline, || self.index(), &self.filter, self.marks.flags())
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

/// Widest short name and widest badge among the regions that some event has (one pass, at start).
fn used_region_widths(t: &Timeline) -> (usize, usize) {
    let mut used = vec![false; t.regions.len()];
    for e in &t.events {
        if let Some(u) = e.region.and_then(|r| used.get_mut(r as usize)) {
            *u = true;
        }
    }
    let w = |s: &str| unicode_width::UnicodeWidthStr::width(s);
    t.regions
        .iter()
        .zip(&used)
        .filter(|(_, u)| **u)
        .fold((0, 0), |(n, b), (r, _)| (n.max(w(&r.short)), b.max(w(&r.badge))))
}

#[cfg(test)]
mod index_tests {
    use super::*;

    #[test]
    fn filtering_by_field_does_not_build_the_index_but_searching_does() {
        let mut s = State::new(crate::model::load::bundled_timeline().unwrap(), "t", Options::default());
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
