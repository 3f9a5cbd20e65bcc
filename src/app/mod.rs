//! Application state. Only [`update::update`] changes it; the UI only reads it.

pub mod action;
pub mod keymap;
pub mod update;

use std::collections::BTreeSet;

use ratatui::layout::Rect;

use crate::model::{Event, EventIx, Timeline};
use crate::query::{self, Filter, RegionKey, View};

pub use action::Action;
pub use update::update;

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Detail,
}

/// A modal layer drawn over the panes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help { scroll: usize },
    Regions(RegionPicker),
}

/// The region filter popup: every region with events, the cursor and the ticked entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionPicker {
    pub items: Vec<(RegionKey, usize)>,
    pub cursor: usize,
    pub checked: BTreeSet<RegionKey>,
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

#[derive(Debug, Clone)]
pub struct State {
    pub timeline: Timeline,
    /// Where the timeline came from, for the header ("bundled" or a file name).
    pub source_label: String,
    pub filter: Filter,
    pub view: View,
    /// Selected position in `view.events`; `None` when the view is empty.
    pub selected: Option<usize>,
    pub focus: Focus,
    pub overlay: Option<Overlay>,
    /// Requested detail scroll (lines); the view clamps it.
    pub detail_scroll: usize,
    /// Requested first list row; the view adjusts it to keep the selection visible.
    pub list_offset: usize,
    pub metrics: Metrics,
    pub options: Options,
    /// A one-line message for the footer (e.g. "no events match").
    pub message: Option<String>,
    pub quit: bool,
    /// The terminal should be cleared and fully repainted before the next frame.
    pub repaint: bool,
}

impl State {
    pub fn new(timeline: Timeline, source_label: impl Into<String>, options: Options) -> State {
        let view = View::build(&timeline, &Filter::default());
        let selected = if view.is_empty() { None } else { Some(0) };
        State {
            timeline,
            source_label: source_label.into(),
            filter: Filter::default(),
            view,
            selected,
            focus: Focus::List,
            overlay: None,
            detail_scroll: 0,
            list_offset: 0,
            metrics: Metrics::default(),
            options,
            message: None,
            quit: false,
            repaint: false,
        }
    }

    /// The selected event's index in the timeline.
    pub fn selected_ix(&self) -> Option<EventIx> {
        self.selected.map(|p| self.view.events[p])
    }

    pub fn selected_event(&self) -> Option<&Event> {
        self.selected_ix().map(|i| &self.timeline.events[i])
    }

    /// Apply a new filter, keeping the selection on the same event when it is still visible.
    pub fn set_filter(&mut self, filter: Filter) {
        let previous = self.selected_ix();
        self.filter = filter;
        self.view = View::build(&self.timeline, &self.filter);
        self.selected = match previous {
            Some(ix) => self.view.nearest(ix),
            None => (!self.view.is_empty()).then_some(0),
        };
        if self.selected_ix() != previous {
            self.detail_scroll = 0;
        }
        self.message = self.view.is_empty().then(|| "No events match the filter. Press c to clear it.".to_string());
    }

    /// Select an event by id (for `--at`). Clears filters that hide it.
    pub fn select_id(&mut self, id: &str) -> bool {
        let Some(ix) = self.timeline.event_by_id(id) else { return false };
        if self.view.position(ix).is_none() {
            self.set_filter(Filter::default());
        }
        self.selected = self.view.position(ix);
        self.detail_scroll = 0;
        true
    }

    /// Open the region picker with the current filter ticked.
    pub fn region_picker(&self) -> RegionPicker {
        RegionPicker { items: query::region_counts(&self.timeline), cursor: 0, checked: self.filter.regions.clone() }
    }
}
