//! Everything that can happen to the state. Keys map to these through the keymap table; the
//! terminal loop adds resizes, mouse input and the metrics of the last frame.

use super::Metrics;

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
    /// Give the detail pane the keyboard (Enter / Tab from the list).
    FocusDetail,
    /// Switch between list and detail (Tab).
    ToggleFocus,
    /// Close the top layer or move focus back to the list.
    Back,
    /// Open the region filter popup.
    OpenRegions,
    /// In the popup: tick or untick the region under the cursor.
    Toggle,
    /// In the popup: apply the ticked regions and close.
    Apply,
    /// Remove every filter (in the popup: clear, apply and close).
    ClearFilters,
    /// Show or hide the help overlay.
    Help,
    Quit,
    /// Repaint the whole screen (Ctrl-L), e.g. after another program wrote over it.
    Redraw,
    /// The terminal changed size (columns, rows).
    Resize(u16, u16),
    /// Mouse wheel at (column, row); `up` for away from the user.
    Scroll { up: bool, column: u16, row: u16 },
    /// Left click at (column, row).
    Click { column: u16, row: u16 },
    /// The view reports what it drew.
    Measured(Metrics),
}
