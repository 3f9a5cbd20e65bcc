//! The only place the state changes. Pure: no I/O, no terminal; every behaviour is testable by
//! feeding actions and looking at the state.

use super::keymap::Ctx;
use super::{Action, Focus, Metrics, Overlay, State};
use crate::query::{Filter, Row, View};

/// Apply an action. Returns whether the screen needs redrawing.
pub fn update(s: &mut State, action: Action) -> bool {
    match action {
        Action::Quit => {
            s.quit = true;
            return false;
        }
        Action::Redraw => {
            s.repaint = true;
            return true;
        }
        Action::Resize(..) => return true,
        Action::Measured(m) => {
            s.list_offset = m.list_offset;
            s.detail_scroll = m.detail_scroll;
            s.metrics = m;
            return false;
        }
        Action::Scroll { up, column, row } => return mouse_scroll(s, up, column, row),
        Action::Click { column, row } => return click(s, column, row),
        _ => {}
    }
    s.message = s.view.is_empty().then(|| s.message.clone()).flatten();
    match Ctx::of(s) {
        Ctx::List => list(s, action),
        Ctx::Detail => detail(s, action),
        Ctx::Regions => regions(s, action),
        Ctx::Help => help(s, action),
    }
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

fn main_action(s: &mut State, action: Action) {
    match action {
        Action::OpenRegions => {
            let mut picker = s.region_picker();
            picker.cursor = picker.items.iter().position(|(k, _)| picker.checked.contains(k)).unwrap_or(0);
            s.overlay = Some(Overlay::Regions(picker));
        }
        Action::ClearFilters => s.set_filter(Filter::default()),
        Action::Help => s.overlay = Some(Overlay::Help { scroll: 0 }),
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
        Action::Up => scroll_detail(s, -1),
        Action::Down => scroll_detail(s, 1),
        Action::PageUp => scroll_detail(s, -page),
        Action::PageDown => scroll_detail(s, page),
        Action::First => s.detail_scroll = 0,
        Action::Last => s.detail_scroll = max_detail_scroll(&s.metrics),
        Action::PrevEvent => move_selection(s, -1),
        Action::NextEvent => move_selection(s, 1),
        Action::Back | Action::ToggleFocus => s.focus = Focus::List,
        other => main_action(s, other),
    }
}

fn regions(s: &mut State, action: Action) {
    let Some(Overlay::Regions(p)) = &mut s.overlay else { return };
    let n = p.items.len();
    let page = page(s.metrics.popup.map_or(0, |r| r.height)) as isize;
    let mut move_to = |delta: isize| p.cursor = p.cursor.saturating_add_signed(delta).min(n.saturating_sub(1));
    match action {
        Action::Up => move_to(-1),
        Action::Down => move_to(1),
        Action::PageUp => move_to(-page),
        Action::PageDown => move_to(page),
        Action::First => p.cursor = 0,
        Action::Last => p.cursor = n.saturating_sub(1),
        Action::Toggle => {
            if let Some(&(key, _)) = p.items.get(p.cursor)
                && !p.checked.remove(&key)
            {
                p.checked.insert(key);
            }
        }
        Action::Apply => {
            let regions = p.checked.clone();
            s.overlay = None;
            s.set_filter(Filter { regions, ..s.filter.clone() });
        }
        Action::ClearFilters => {
            s.overlay = None;
            s.set_filter(Filter { regions: Default::default(), ..s.filter.clone() });
        }
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
    match &s.overlay {
        Some(Overlay::Regions(_)) | Some(Overlay::Help { .. }) => {
            let ctx_action = if up { Action::Up } else { Action::Down };
            return update(s, ctx_action);
        }
        None => {}
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
    if let Some(Overlay::Regions(p)) = &mut s.overlay {
        if let Some(r) = m.popup.filter(|r| contains(*r, column, row)) {
            let i = m.popup_offset + (row - r.y) as usize;
            if i < p.items.len() {
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
