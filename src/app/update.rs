//! The only place the state changes. Pure: no I/O, no terminal; every behaviour is testable by
//! feeding actions and looking at the state.

use super::keymap::Ctx;
use super::picker::{self, Picker};
use super::present::{self, Presentation};
use super::prompt::{self, PromptKind};
use super::{Action, Effect, Focus, Metrics, Overlay, PaneLayout, State, figures, jump, map, quiz};
use crate::query::{Filter, Row, View};

/// Apply an action. Returns whether the screen needs redrawing.
/// The loop takes everything already queued as one batch, between [`begin_batch`] and
/// [`end_batch`]: within it, edits of the search text do not search; the search runs once, at
/// the end of the batch or before the first action that is not more typing. So a burst of typed
/// or pasted characters is answered with one search, not one per character.
pub fn begin_batch(s: &mut State) {
    s.defer_search = true;
}

/// End a batch (see [`begin_batch`]); true when a deferred search ran, so the screen changed.
pub fn end_batch(s: &mut State) -> bool {
    s.defer_search = false;
    let pending = s.search_pending;
    super::prompt::flush(s);
    pending
}

pub fn update(s: &mut State, action: Action) -> bool {
    // Anything but more typing sees the search as it stands.
    let typing = matches!(action, Action::Insert(_) | Action::DeleteBack | Action::DeleteWord | Action::ClearInput);
    if s.search_pending && !typing {
        super::prompt::flush(s);
    }
    let pointer = matches!(
        action,
        Action::Scroll { .. } | Action::Click { .. } | Action::FilterRegion(_) | Action::Select(_) | Action::Tick
    );
    if pointer && s.metrics.too_small {
        // Nothing on screen to act on while the terminal is too small.
        return false;
    }
    if super::class::refused(s, action) {
        return true;
    }
    match action {
        Action::Quit => {
            s.quit = true;
            return false;
        }
        Action::Redraw => {
            s.repaint = true;
            return true;
        }
        Action::Suspend => {
            s.suspend = true;
            return true;
        }
        Action::Resize(..) => return true,
        Action::Clock(t) => {
            let changed = s.clock.map(|c| c / 60) != Some(t / 60);
            s.clock = Some(t);
            return changed;
        }
        Action::Tick => {
            // Only auto-advance listens to the clock; messages stay as they are.
            if s.present.is_none() || s.overlay.is_some() {
                return false;
            }
            present::update(s, Action::Tick);
            return true;
        }
        Action::Measured(m) => {
            s.list_offset = m.list_offset;
            s.detail_scroll = m.detail_scroll;
            s.metrics = m;
            return false;
        }
        Action::Scroll { up, column, row } => return mouse_scroll(s, up, column, row),
        Action::Click { column, row } => return click(s, column, row),
        Action::FilterRegion(r) => {
            map::toggle_region(s, r);
            if let Some(m) = &mut s.map {
                m.cursor = Some(r);
            }
            s.focus = if s.map.is_some() { Focus::Map } else { s.focus };
            return true;
        }
        Action::Select(ix) => {
            s.reveal(ix);
            return true;
        }
        _ => {}
    }
    let ctx = Ctx::of(s);
    if !matches!(ctx, Ctx::Prompt) {
        // A message lasts until the next key, unless it explains an empty list.
        s.message = s.view.is_empty().then(|| s.message.clone()).flatten();
    }
    match ctx {
        Ctx::List => list(s, action),
        Ctx::Detail => detail(s, action),
        Ctx::Picker => picker(s, action),
        Ctx::Help => help(s, action),
        Ctx::Prompt => prompt::update(s, action),
        Ctx::Jump => jump::update(s, action, page(s.metrics.popup.map_or(0, |r| r.height)) as isize),
        Ctx::Map => match action {
            Action::Up | Action::Down | Action::PrevEvent | Action::NextEvent | Action::Toggle | Action::Back => {
                map::update(s, action)
            }
            other => main_action(s, other),
        },
        Ctx::Quiz => quiz::update(s, action),
        Ctx::Related => super::related::update(s, action),
        Ctx::Glossary => {
            let page = page(s.metrics.help_rows as u16);
            super::glossary::update(s, action, page)
        }
        Ctx::Figures => figures::update(s, action, page(s.metrics.popup.map_or(0, |r| r.height))),
        Ctx::Present => match action {
            Action::Help => s.overlay = Some(Overlay::Help { scroll: 0 }),
            other => present::update(s, other),
        },
        // Only the bindings above (quit, redraw, suspend) apply.
        Ctx::TooSmall => return false,
    }
    true
}

/// A message from outside the keys (the terminal loop's own work: saving marks failed). It goes
/// to the footer like any other message and lasts until the next key. Returns whether to redraw.
pub fn notice(s: &mut State, text: String) -> bool {
    s.message = Some(text);
    true
}

fn page(rows: u16) -> usize {
    (rows as usize).saturating_sub(2).max(1)
}

fn select(s: &mut State, pos: usize) {
    if s.view.is_empty() {
        return;
    }
    let pos = pos.min(s.view.len() - 1);
    if s.selected != Some(pos) {
        s.selected = Some(pos);
        s.detail_scroll = 0;
    }
}

fn move_selection(s: &mut State, delta: isize) {
    if let Some(p) = s.selected {
        select(s, p.saturating_add_signed(delta));
    }
}

/// Select the first event of the previous (`-1`) or next (`1`) day.
fn move_day(s: &mut State, delta: isize) {
    let Some(p) = s.selected else { return };
    let g = s.view.group_of(p);
    let target = if delta < 0 && s.view.day_starts[g] < p {
        // Not at the top of its day: go to the top first.
        g
    } else {
        g.saturating_add_signed(delta).min(s.view.day_starts.len() - 1)
    };
    select(s, s.view.day_starts[target]);
}

/// The next (or previous) event of `targets` (sorted timeline indices) after the selection,
/// wrapping around. Returns whether it wrapped.
fn cycle(s: &mut State, targets: &[usize], forward: bool) -> Option<bool> {
    let visible = |ix: &&usize| s.view.position(**ix).is_some();
    // Targets before the selection, and the selection and after (forward: after it only).
    let split = match s.selected_ix() {
        None if forward => 0,
        None => targets.len(),
        Some(c) if forward => targets.partition_point(|&ix| ix <= c),
        Some(c) => targets.partition_point(|&ix| ix < c),
    };
    let (before, after) = targets.split_at(split);
    let (next, wrapped) = if forward {
        match after.iter().find(visible) {
            Some(&ix) => (ix, false),
            None => (*before.iter().find(visible)?, true),
        }
    } else {
        match before.iter().rev().find(visible) {
            Some(&ix) => (ix, false),
            None => (*after.iter().rev().find(visible)?, true),
        }
    };
    s.select_ix(next);
    Some(wrapped)
}

fn next_match(s: &mut State, forward: bool) {
    let Some(search) = &mut s.search else {
        s.message = Some("No search yet: press / to search.".into());
        return;
    };
    // Lent out while the selection moves, then put back.
    let matches = std::mem::take(&mut search.matches);
    let found = cycle(s, &matches, forward);
    if let Some(search) = &mut s.search {
        search.matches = matches;
    }
    s.message = match found {
        None => Some("No match.".into()),
        Some(true) => Some(
            if forward { "Search wrapped to the first match." } else { "Search wrapped to the last match." }.into(),
        ),
        Some(false) => None,
    };
}

fn next_mark(s: &mut State, forward: bool) {
    let marked: Vec<usize> = (0..s.timeline.events.len()).filter(|&ix| s.marks.is_marked(ix)).collect();
    s.message = match cycle(s, &marked, forward) {
        None => Some("No marked events here: press m to mark one.".into()),
        Some(true) => Some("Wrapped around the marks.".into()),
        Some(false) => None,
    };
}

/// The text `y` copies: the event id, title and date, and its first source.
pub fn citation(s: &State) -> Option<String> {
    let e = s.selected_event()?;
    let mut text = format!("{} ({}): {}", e.title, e.start.day_key().heading(), e.id);
    if let Some(src) = e.sources.first() {
        text.push_str(&format!(". Source: {}", src.citation()));
        if let Some(url) = &src.url {
            text.push_str(&format!(", {url}"));
        }
    }
    Some(text)
}

fn main_action(s: &mut State, action: Action) {
    match action {
        Action::Pick(facet) => {
            // Counts under the other filters: the view of the filter without this facet.
            let others = picker::cleared(&s.filter, facet);
            let all = 0..s.timeline.events.len();
            let among: Vec<usize> = if others.is_empty() {
                all.collect()
            } else {
                others.apply(&s.timeline, || s.index(), s.marks.flags(), all)
            };
            s.overlay = Some(Overlay::Picker(Picker::open(&s.timeline, &s.filter, facet, &among)));
        }
        Action::ClearFilters => {
            let had = !s.filter.is_empty() || s.search.is_some();
            s.search = None;
            s.set_filter(Filter::default());
            if had {
                s.message = Some("All filters cleared.".into());
            }
        }
        Action::Help => s.overlay = Some(Overlay::Help { scroll: 0 }),
        Action::Search => prompt::open(s, PromptKind::Search),
        Action::GoToDate => prompt::open(s, PromptKind::GoToDate),
        Action::DateRange => prompt::open(s, PromptKind::DateRange),
        Action::Jump => jump::open(s),
        Action::Figures => figures::open(s),
        Action::Class => super::class::toggle(s),
        Action::ToggleMap => map::toggle_map(s),
        Action::ToggleNotes => {
            s.show_notes = !s.show_notes;
            let has = s.selected_event().is_some_and(|e| e.notes.is_some());
            s.message = Some(match (s.show_notes, has) {
                (true, true) => "Teacher notes shown in the detail pane.".into(),
                (true, false) => "Teacher notes on (this event has none).".into(),
                (false, _) => "Teacher notes hidden.".into(),
            });
        }
        Action::ToggleWideList => {
            s.layout = if s.layout == PaneLayout::ListOnly { PaneLayout::Split } else { PaneLayout::ListOnly };
            s.focus = Focus::List;
        }
        Action::ToggleReading => {
            if s.layout == PaneLayout::Reading {
                s.layout = PaneLayout::Split;
                s.focus = Focus::List;
            } else if s.selected.is_some() {
                s.layout = PaneLayout::Reading;
                s.focus = Focus::Detail;
            }
        }
        Action::Present if s.selected.is_some() => s.present = Some(Presentation::new(false, None)),
        Action::Quiz => quiz::start(s),
        Action::Export => super::handout::request(s, false),
        Action::ExportMarked => super::handout::request(s, true),
        Action::HistoryBack => super::related::back(s),
        Action::Glossary => super::glossary::open(s),
        Action::NextMatch => next_match(s, true),
        Action::PrevMatch => next_match(s, false),
        Action::PrevDay => move_day(s, -1),
        Action::NextDay => move_day(s, 1),
        Action::ToggleDisputed => {
            let f = Filter { disputed: !s.filter.disputed, ..s.filter.clone() };
            s.set_filter(f);
        }
        Action::ToggleMarkedOnly => {
            if !s.filter.marked && s.marks.count() == 0 {
                s.message = Some("No marked events yet: press m to mark one.".into());
                return;
            }
            let f = Filter { marked: !s.filter.marked, ..s.filter.clone() };
            s.set_filter(f);
        }
        Action::ToggleMark => {
            let Some(ix) = s.selected_ix() else { return };
            let now = s.marks.toggle(ix);
            let n = s.marks.count();
            s.message = Some(format!(
                "{} ({n} marked; ' and \" move between marks, * shows only them).",
                if now { "Marked" } else { "Unmarked" }
            ));
            s.effects.push(Effect::SaveState);
            if s.filter.marked {
                let f = s.filter.clone();
                s.set_filter(f);
            }
        }
        Action::NextMark => next_mark(s, true),
        Action::PrevMark => next_mark(s, false),
        Action::Copy => {
            if let Some(text) = citation(s) {
                s.message = Some(format!("Copied (if the terminal allows): {text}"));
                s.effects.push(Effect::Copy(text));
            }
        }
        _ => {}
    }
}

fn list(s: &mut State, action: Action) {
    let page = page(s.metrics.list.height) as isize;
    match action {
        Action::Up => move_selection(s, -1),
        Action::Down => move_selection(s, 1),
        Action::PageUp => move_selection(s, -page),
        Action::PageDown => move_selection(s, page),
        Action::First => select(s, 0),
        Action::Last => select(s, usize::MAX),
        Action::ToggleFocus if s.map.is_some() => s.focus = Focus::Map,
        Action::FocusDetail | Action::ToggleFocus if s.selected.is_some() => s.focus = Focus::Detail,
        other => main_action(s, other),
    }
}

fn max_detail_scroll(m: &Metrics) -> usize {
    let rows = m.detail.map_or(0, |r| r.height as usize);
    m.detail_lines.saturating_sub(rows)
}

fn scroll_detail(s: &mut State, delta: isize) {
    let max = max_detail_scroll(&s.metrics);
    s.detail_scroll = s.detail_scroll.min(max).saturating_add_signed(delta).min(max);
}

fn detail(s: &mut State, action: Action) {
    let page = page(s.metrics.detail.map_or(0, |r| r.height)) as isize;
    match action {
        Action::OpenRelated => super::related::open(s),
        Action::Up => scroll_detail(s, -1),
        Action::Down => scroll_detail(s, 1),
        Action::PageUp => scroll_detail(s, -page),
        Action::PageDown => scroll_detail(s, page),
        Action::First => s.detail_scroll = 0,
        Action::Last => s.detail_scroll = max_detail_scroll(&s.metrics),
        Action::PrevEvent => move_selection(s, -1),
        Action::NextEvent => move_selection(s, 1),
        Action::Back | Action::ToggleFocus => {
            if s.layout == PaneLayout::Reading {
                s.layout = PaneLayout::Split;
            }
            s.focus = Focus::List;
            let back = s.return_to.take();
            if action == Action::Back {
                s.overlay = back;
            }
        }
        other => main_action(s, other),
    }
}

fn picker(s: &mut State, action: Action) {
    let Some(Overlay::Picker(p)) = &mut s.overlay else { return };
    let n = p.shown.len();
    let page = page(s.metrics.popup.map_or(0, |r| r.height)) as isize;
    let to = |cursor: usize, delta: isize| cursor.saturating_add_signed(delta).min(n.saturating_sub(1));
    match action {
        Action::Up => p.cursor = to(p.cursor, -1),
        Action::Down => p.cursor = to(p.cursor, 1),
        Action::PageUp => p.cursor = to(p.cursor, -page),
        Action::PageDown => p.cursor = to(p.cursor, page),
        Action::First => p.cursor = 0,
        Action::Last => p.cursor = n.saturating_sub(1),
        Action::Toggle => p.toggle(),
        Action::Insert(c) => {
            let q = format!("{}{c}", p.query);
            p.set_query(q);
        }
        Action::DeleteBack => {
            let mut q = p.query.clone();
            q.pop();
            p.set_query(q);
        }
        Action::ClearInput => p.set_query(String::new()),
        Action::Apply => {
            let f = p.applied(&s.filter);
            s.overlay = None;
            s.set_filter(f);
        }
        Action::ClearFilters => {
            let f = picker::cleared(&s.filter, p.facet);
            s.overlay = None;
            s.set_filter(f);
        }
        // Esc first clears what was typed, then closes.
        Action::Back if !p.query.is_empty() => p.set_query(String::new()),
        Action::Back => s.overlay = None,
        _ => {}
    }
}

fn help(s: &mut State, action: Action) {
    let max = s.metrics.help_lines.saturating_sub(s.metrics.help_rows);
    let page = page(s.metrics.help_rows as u16) as isize;
    let Some(Overlay::Help { scroll }) = &mut s.overlay else { return };
    let mut by = |d: isize| *scroll = (*scroll).min(max).saturating_add_signed(d).min(max);
    match action {
        Action::Up => by(-1),
        Action::Down => by(1),
        Action::PageUp => by(-page),
        Action::PageDown => by(page),
        Action::Back | Action::Help => s.overlay = None,
        _ => {}
    }
}

fn contains(r: ratatui::layout::Rect, column: u16, row: u16) -> bool {
    r.width > 0 && r.height > 0 && r.contains(ratatui::layout::Position { x: column, y: row })
}

fn mouse_scroll(s: &mut State, up: bool, column: u16, row: u16) -> bool {
    let d = if up { -1 } else { 1 };
    if s.overlay.is_some() {
        return update(s, if up { Action::Up } else { Action::Down });
    }
    if s.metrics.detail.is_some_and(|r| contains(r, column, row)) {
        scroll_detail(s, 3 * d);
    } else {
        move_selection(s, d);
    }
    true
}

fn click(s: &mut State, column: u16, row: u16) -> bool {
    let m = s.metrics;
    if let Some(Overlay::Picker(p)) = &mut s.overlay {
        if let Some(r) = m.popup.filter(|r| contains(*r, column, row)) {
            let i = m.popup_offset + (row - r.y) as usize;
            if i < p.shown.len() {
                p.cursor = i;
                return update(s, Action::Toggle);
            }
        }
        return false;
    }
    if s.overlay.is_some() {
        return false;
    }
    if contains(m.list, column, row) {
        let r = m.list_offset + (row - m.list.y) as usize;
        if r < s.view.row_count() {
            let pos = match s.view.row(r) {
                Row::Event(p) => p,
                Row::Day(g) => s.view.day_starts[g],
            };
            select(s, pos);
            s.focus = Focus::List;
            return true;
        }
    } else if m.detail.is_some_and(|r| contains(r, column, row)) {
        s.focus = Focus::Detail;
        return true;
    }
    false
}

/// The first list row to show so the selection is visible with a little context around it, and
/// its day heading is visible when it is the first event of the day. Pure; used by the view.
pub fn list_window(view: &View, selected: Option<usize>, offset: usize, rows: usize) -> usize {
    let total = view.row_count();
    if rows == 0 || total <= rows {
        return 0;
    }
    let max = total - rows;
    let mut off = offset.min(max);
    if let Some(p) = selected {
        let margin = if rows >= 12 { 2 } else { 0 };
        let sel = view.row_of(p);
        let top = if view.day_starts[view.group_of(p)] == p { sel - 1 } else { sel };
        if top < off + margin {
            off = top.saturating_sub(margin);
        }
        if sel + margin >= off + rows {
            off = (sel + margin + 1).saturating_sub(rows);
        }
    }
    off.min(max)
}

#[cfg(test)]
mod tests;
