//! Everything that can happen to the state. Keys map to these through the keymap table; the
//! terminal loop adds resizes, mouse input and the metrics of the last frame.

use super::Metrics;
use crate::query::facets::Facet;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Move (or scroll) by one.
    Up,
    Down,
    /// Move (or scroll) by a page.
    PageUp,
    PageDown,
    /// Jump to the first / last.
    First,
    Last,
    /// Select the previous / next event without leaving the detail pane.
    PrevEvent,
    NextEvent,
    /// Previous / next day that has events.
    PrevDay,
    NextDay,
    /// Give the detail pane the keyboard (Enter from the list).
    FocusDetail,
    /// Switch between list and detail (Tab).
    ToggleFocus,
    /// Close the top layer or move focus back to the list.
    Back,
    /// Open the filter popup for a facet (regions, topics, actors).
    Pick(Facet),
    /// In a popup: tick or untick the value under the cursor.
    Toggle,
    /// Confirm: apply a popup, submit a prompt, jump to the chosen event.
    Apply,
    /// Remove every filter and the search (in a popup: clear that filter).
    ClearFilters,
    /// Show only events with disputed claims (toggle).
    ToggleDisputed,
    /// Start an incremental search.
    Search,
    /// In the search prompt: show only the matching events (a search filter), instead of finding
    /// them in the whole list (Enter).
    SearchAsFilter,
    /// Open the glossary: the timeline's terms and their definitions.
    Glossary,
    /// In the detail pane: go to a related event (choosing, when there are several).
    OpenRelated,
    /// Back to the event the last followed link came from.
    HistoryBack,
    /// Next / previous search match.
    NextMatch,
    PrevMatch,
    /// Fuzzy jump to an event by title.
    Jump,
    /// Prompt for a date to go to.
    GoToDate,
    /// Prompt for a date range filter.
    DateRange,
    /// Mark or unmark the selected event.
    ToggleMark,
    /// Next / previous marked event.
    NextMark,
    PrevMark,
    /// Show only marked events (toggle).
    ToggleMarkedOnly,
    /// Copy the event's id and citation.
    Copy,
    /// Text input: a typed character, delete one, delete a word, clear.
    Insert(char),
    DeleteBack,
    DeleteWord,
    ClearInput,
    /// Start a quiz on the events shown (`Q`).
    Quiz,
    /// Write the events shown (`e`), or every marked event (`E`), to an HTML handout.
    Export,
    ExportMarked,
    /// Quiz: give answer number n (0-based).
    Answer(u8),
    /// Quiz, on the score screen: step through the wrong answers.
    QuizReview,
    /// Quiz, on the score screen: ask the wrongly answered questions again.
    QuizRetry,
    /// Add or remove a region in the region filter (a click on the map).
    FilterRegion(crate::model::RegionIx),
    /// Select this event, clearing filters that hide it (a click on a map place).
    Select(crate::model::EventIx),
    /// Show or hide the map pane.
    ToggleMap,
    /// The list alone at full width, or back to list and detail (`w`).
    ToggleWideList,
    /// Reading mode: the selected event alone, full screen, or back (`f`).
    ToggleReading,
    /// Open the figures view.
    Figures,
    /// Start presentation mode.
    Present,
    /// Presentation: start, pause or resume auto-advance.
    ToggleAutoplay,
    /// Presentation: more / fewer seconds per slide.
    AutoplayLonger,
    AutoplayShorter,
    /// Presentation: blank the screen, or show it again.
    ToggleBlank,
    /// Show or hide teacher notes (detail pane and slides).
    ToggleNotes,
    /// Presentation: the presenter's screen (slide, next slide, notes, clock) or the slide alone.
    TogglePresenter,
    /// The clock: seconds since local midnight, sent by the loop every second while a clock is
    /// on screen (presenter view), so the view stays pure.
    Clock(u32),
    /// One second has passed (sent only while auto-advance runs).
    Tick,
    /// Show or hide the help overlay.
    Help,
    Quit,
    /// `L`: lead the class (teacher) or follow the teacher (student), over SSH.
    Class,
    /// Suspend to the shell (Ctrl-Z); `fg` resumes with a full redraw.
    Suspend,
    /// Repaint the whole screen (Ctrl-L), e.g. after another program wrote over it.
    Redraw,
    /// The terminal changed size (columns, rows).
    Resize(u16, u16),
    /// Mouse wheel at (column, row); `up` for away from the user.
    Scroll {
        up: bool,
        column: u16,
        row: u16,
    },
    /// Left click at (column, row).
    Click {
        column: u16,
        row: u16,
    },
    /// The view reports what it drew.
    Measured(Metrics),
}
