//! Screen-reader mode (`--plain`): every screen as lines of words, to be read top to bottom.
//!
//! One thing at a time, never two panes side by side (a screen reader reads a whole terminal row,
//! and two panes would mix on it): the list, or the event's text, or the map as a list of
//! regions, or a popup, each under a header line and above the key hints. The list has one event
//! per line, "5 January 2022, 14:25, Almaty: Government resigns", with its day heading in words;
//! the event's text comes in reading order (title, when with the UTC offset in words, where,
//! summary, body, claims, sources; see [`event`]); the hints say the keys ("Up or Down: move.
//! Question mark: help."). No borders, block letters, braille, sparklines, density strip or map
//! outline are drawn. Every key does what it does otherwise.
//!
//! # The flag lives in the theme
//!
//! `--plain` sets [`Theme::plain`] rather than a field of the app's `State`: it only decides how
//! things are drawn. `update` never sees it, so the keys cannot differ between the two modes by
//! construction. And the views that the plain screens share with the normal ones (filter popups,
//! jump, related events, glossary, figures, quiz) already take the theme: `ui::pane_block` drops
//! its border for them, the figures view leaves out its chart, the quiz writes its marks in words.
//!
//! # The cursor follows the selection
//!
//! Screen readers (Orca, VoiceOver, NVDA in a terminal, braille displays through BRLTTY) follow
//! the terminal's cursor and read the line it is on. So in plain mode the cursor is shown, at the
//! start of the selected list line, of the first line of text shown, of the popup's current row
//! (the convention of mutt's `braille_friendly` option). Elsewhere the app hides it.

pub mod event;
pub mod overlays;
pub mod slides;
pub mod words;

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use crate::app::keymap::{self, Binding, Ctx, Hint, Key};
use crate::app::update::list_window;
use crate::app::{Focus, Metrics, State};
use crate::query::Row;
use crate::text::{truncate, width, wrap};

/// Lines the key hints may take.
const HINT_LINES: usize = 2;
/// Columns a list line keeps for the title before it leaves out the time of day.
const MIN_TITLE: usize = 16;
/// Widest line of running text (longer lines are hard to follow on a wide screen).
const MAX_TEXT_W: usize = 100;

/// Draw the whole screen, plain.
pub fn render(state: &State, theme: &Theme, frame: &mut Frame) -> Metrics {
    let area = frame.area();
    frame.render_widget(ratatui::widgets::Block::new().style(theme.base), area);
    let mut m = Metrics { list_offset: state.list_offset, detail_scroll: state.detail_scroll, ..state.metrics };
    m.popup = None;
    m.map = None;
    m.too_small = area.width < super::MIN_WIDTH || area.height < super::MIN_HEIGHT;
    if m.too_small {
        let text = format!(
            "The terminal is too small: it needs {} columns and {} rows. q quits.",
            super::MIN_WIDTH,
            super::MIN_HEIGHT
        );
        lines_at(frame, area, para(&text, area.width as usize, theme.message));
        return m;
    }
    // (The help over a presentation is drawn below, like the explorer's.)
    if state.quiz.is_some() || (state.present.is_some() && state.overlay.is_none()) {
        slides::render(state, theme, frame, &mut m);
        return m;
    }
    let head = header_lines(state, theme, area.width as usize);
    let foot = footer_lines(state, theme, area.width as usize);
    let top = (head.len() as u16).min(area.height);
    let bottom = (foot.len() as u16).min(area.height - top);
    lines_at(frame, Rect { height: top, ..area }, head);
    let body = Rect { y: area.y + top, height: area.height - top - bottom, ..area };
    let foot_area = Rect { y: body.bottom(), height: bottom, ..area };
    lines_at(frame, foot_area, foot);
    // One thing at a time: the popup, the event, the map or the list.
    m.detail = None;
    match &state.overlay {
        Some(overlay) => overlays::render(state, overlay, theme, frame, body, &mut m),
        None if state.focus == Focus::Detail || state.layout == crate::app::PaneLayout::Reading => {
            detail(state, theme, frame, body, &mut m)
        }
        None if state.focus == Focus::Map && state.map.is_some() => map(state, theme, frame, body),
        None => list(state, theme, frame, body, &mut m),
    }
    if state.prompt.is_some() {
        // The line being typed has the cursor (set with the footer), wherever the list is.
        prompt_cursor(state, frame, foot_area);
    }
    m
}

/// Draw `lines` from the top of `area`.
pub fn lines_at(frame: &mut Frame, area: Rect, lines: Vec<Line<'static>>) {
    frame.render_widget(Paragraph::new(lines), area);
}

/// `text` wrapped to `w` columns, in `style`.
pub fn para(text: &str, w: usize, style: ratatui::style::Style) -> Vec<Line<'static>> {
    wrap(text, w.max(1)).into_iter().map(|l| Line::styled(l, style)).collect()
}

/// Put the terminal cursor at the start of row `y` (what a screen reader reads next).
pub fn cursor_at(frame: &mut Frame, x: u16, y: u16) {
    frame.set_cursor_position(Position { x, y });
}

/// The header: the timeline's title, what is shown, the selected position, and the filters.
fn header_lines(state: &State, theme: &Theme, w: usize) -> Vec<Line<'static>> {
    let count = super::header::count_summary(state).replace(" · ", ", ");
    let at = match state.selected {
        Some(p) => format!(" Event {} of {} selected.", p + 1, state.view.len()),
        None => String::new(),
    };
    let mut out = para(&format!("{}. {count}.{at}", state.timeline.title), w, theme.header_title);
    if !state.filter.is_empty() {
        let parts: Vec<String> = state
            .filter
            .parts(&state.timeline)
            .into_iter()
            .map(|(kind, values)| format!("{kind}: {}", values.join(", ")))
            .collect();
        out.extend(para(&format!("Filters: {}. c clears them.", parts.join("; ")), w, theme.header_filter));
    }
    if let Some((head, problems)) = super::banner::words(state) {
        out.extend(para(&format!("Warning: {head}"), w, theme.message));
        for p in problems {
            out.extend(para(&p, w, theme.base));
        }
    }
    out
}

/// The keys of a footer hint: the first key of each binding it stands for.
fn hint_keys(ctx: Ctx, h: &Hint) -> Vec<Key> {
    let own = |b: &&Binding| !b.ctx.is_empty();
    let mut keys: Vec<Key> =
        keymap::bindings(ctx).filter(own).filter(|b| b.footer == Some(h.label)).map(|b| b.keys[0]).collect();
    if keys.is_empty() {
        // A hint the footer added or renamed ("clear filters", "go"): its action's key.
        keys.extend(keymap::bindings(ctx).filter(own).find(|b| b.action == h.action).map(|b| b.keys[0]));
    }
    keys.dedup();
    keys
}

/// The key hints as sentences: "Up or Down: move. Enter: read. ... Question mark: help. q: quit."
/// Help and the way out are always there; the others while they fit in `lines` lines.
pub fn hint_text(state: &State, w: usize, lines: usize) -> String {
    let ctx = Ctx::of(state);
    let hints = super::footer::hints(state);
    let said = |h: &Hint| format!("{}: {}.", words::sentence(words::keys(&hint_keys(ctx, h))), h.label);
    let essential: Vec<String> = hints.iter().filter(|h| h.essential()).map(said).collect();
    let text = |parts: &[String]| format!("Keys: {}", parts.join(" "));
    let mut chosen: Vec<String> = Vec::new();
    for h in hints.iter().filter(|h| !h.essential()) {
        let mut trial = chosen.clone();
        trial.push(said(h));
        if wrap(&text(&[trial.clone(), essential.clone()].concat()), w).len() > lines {
            break;
        }
        chosen = trial;
    }
    chosen.extend(essential);
    text(&chosen)
}

/// The footer: the message (two lines at most), the line being typed, the key hints.
pub fn footer_lines(state: &State, theme: &Theme, w: usize) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    if let Some(msg) = &state.message {
        let mut text = wrap(msg, w);
        if text.len() > 2 {
            text.truncate(2);
            text[1] = truncate(&format!("{} …", text[1]), w).into_owned();
        }
        out.extend(text.into_iter().map(|l| Line::styled(l, theme.message)));
    }
    if let Some(line) = prompt_line(state, theme, w) {
        out.push(line);
    }
    out.extend(para(&hint_text(state, w, HINT_LINES), w, theme.footer));
    out
}

/// The prompt's label in words.
fn prompt_label(state: &State) -> Option<String> {
    let p = state.prompt.as_ref()?;
    Some(match p.kind {
        crate::app::PromptKind::Search => "Search: ".to_string(),
        k => k.label().to_string(),
    })
}

fn prompt_line(state: &State, theme: &Theme, w: usize) -> Option<Line<'static>> {
    let p = state.prompt.as_ref()?;
    let label = prompt_label(state)?;
    let room = w.saturating_sub(width(&label) + 1).max(8);
    let mut spans = vec![Span::styled(label, theme.label)];
    spans.push(Span::styled(crate::text::truncate_start(&p.text, room).into_owned(), theme.input));
    if p.text.is_empty() {
        spans.push(Span::styled(format!(" ({})", p.kind.placeholder()), theme.dim));
    } else if p.kind == crate::app::PromptKind::Search
        && let Some(s) = &state.search
    {
        let n = s.matches.len();
        spans.push(Span::styled(format!("  {}", super::count_words(n, "match", "matches")), theme.message));
    }
    Some(Line::from(spans))
}

/// The cursor after the typed text, on the prompt's line of the footer.
fn prompt_cursor(state: &State, frame: &mut Frame, foot: Rect) {
    let (Some(p), Some(label)) = (&state.prompt, prompt_label(state)) else { return };
    let w = foot.width as usize;
    let msg = state.message.as_ref().map_or(0, |m| wrap(m, w).len().min(2)) as u16;
    let room = w.saturating_sub(width(&label) + 1).max(8);
    let typed = width(&crate::text::truncate_start(&p.text, room));
    let x = (width(&label) + typed).min(w.saturating_sub(1)) as u16;
    cursor_at(frame, foot.x + x, foot.y + msg.min(foot.height.saturating_sub(1)));
}

/// The list: day headings and one line of words per event; the cursor on the selected one.
fn list(state: &State, theme: &Theme, frame: &mut Frame, area: Rect, m: &mut Metrics) {
    m.list = area;
    let w = area.width as usize;
    let view = &state.view;
    if view.is_empty() {
        m.list_offset = 0;
        let msg = if state.timeline.events.is_empty() {
            "This timeline has no events."
        } else {
            "No events match the filters. Press c to clear them."
        };
        lines_at(frame, area, para(msg, w, theme.message));
        cursor_at(frame, area.x, area.y);
        return;
    }
    let rows = area.height as usize;
    let offset = list_window(view, state.selected, state.list_offset, rows);
    m.list_offset = offset;
    let t = &state.timeline;
    let end = (offset + rows).min(view.row_count());
    let mut lines = Vec::with_capacity(end - offset);
    for r in offset..end {
        lines.push(match view.row(r) {
            Row::Day(g) => {
                let first = &t.events[view.events[view.day_starts[g]]];
                let day = words::day_heading(first.start.date, first.start.precision.min(crate::model::Precision::Day));
                let n = super::count_words(view.group_len(g), "event", "events");
                Line::styled(truncate(&format!("{day}: {n}"), w).into_owned(), theme.day)
            }
            Row::Event(pos) => {
                let ix = view.events[pos];
                let e = &t.events[ix];
                let selected = state.selected == Some(pos);
                if selected {
                    cursor_at(frame, area.x, area.y + (r - offset) as u16);
                }
                let marked = if state.marks.is_marked(ix) { " (marked)" } else { "" };
                let offsets = view.offset_width(view.group_of(pos)) > 0;
                let lead_with = |time| {
                    let marker = if selected { "> " } else { "  " };
                    format!("{marker}{}: ", words::when_where(t, e, time, offsets))
                };
                // On a narrow screen the title matters more than the time of day.
                let mut lead = lead_with(true);
                if w.saturating_sub(width(&lead) + width(marked)) < MIN_TITLE {
                    lead = lead_with(false);
                }
                let title_room = w.saturating_sub(width(&lead) + width(marked));
                let title = truncate(&e.title, title_room).into_owned();
                let ranges = state.highlight_query().map(|q| q.highlights(&title)).unwrap_or_default();
                let base = if selected { theme.selected } else { ratatui::style::Style::new() };
                let mut spans = vec![Span::styled(lead, base)];
                spans.extend(super::text::highlighted(&title, &ranges, base, base.patch(theme.highlight)));
                spans.push(Span::styled(marked, if selected { base } else { theme.mark }));
                Line::from(spans)
            }
        });
    }
    lines_at(frame, area, lines);
}

/// The selected event's text, in reading order, scrolled; the cursor on its first line shown.
fn detail(state: &State, theme: &Theme, frame: &mut Frame, area: Rect, m: &mut Metrics) {
    m.detail = Some(area);
    cursor_at(frame, area.x, area.y);
    let Some(e) = state.selected_event() else {
        m.detail_lines = 0;
        m.detail_scroll = 0;
        lines_at(frame, area, para("No event is selected.", area.width as usize, theme.message));
        return;
    };
    let w = (area.width as usize).min(MAX_TEXT_W);
    let marked = state.selected_ix().is_some_and(|ix| state.marks.is_marked(ix));
    let all = event::lines(&state.timeline, e, w, theme, marked, state.show_notes);
    let rows = area.height as usize;
    let scroll = state.detail_scroll.min(all.len().saturating_sub(rows));
    m.detail_lines = all.len();
    m.detail_scroll = scroll;
    lines_at(frame, area, all.into_iter().skip(scroll).take(rows).collect());
}

/// The map as words: every region with its events under the filters, the cursor's first.
fn map(state: &State, theme: &Theme, frame: &mut Frame, area: Rect) {
    let t = &state.timeline;
    let w = area.width as usize;
    let data = state.map_data();
    let cursor = state.map.as_ref().and_then(|m| m.cursor);
    let mut out = para(
        "Map, as a list: the regions and their events under the filters. The arrow keys move north, south, west \
         and east; Space or Enter adds the region to the filter or takes it out.",
        w,
        theme.label,
    );
    let mut cursor_row = None;
    let mut regions: Vec<_> = data.regions.clone();
    regions.sort_by_key(|&(r, _)| t.region(r).name.to_lowercase());
    for (r, n) in regions {
        let here = cursor == Some(r);
        if here {
            cursor_row = Some(out.len());
        }
        let ticked = if state.filter.regions.contains(&Some(r)) { ", in the filter" } else { "" };
        let text = format!(
            "{}{}: {}{ticked}",
            if here { "> " } else { "  " },
            t.region(r).name,
            super::count_words(n, "event", "events")
        );
        out.push(Line::styled(truncate(&text, w).into_owned(), if here { theme.selected } else { theme.base }));
    }
    if !data.places.is_empty() {
        // Places away from their region's centre (or with no region), so every event is counted.
        let parts: Vec<String> = data
            .places
            .iter()
            .map(|p| format!("{} {}", if p.name.is_empty() { "unnamed place" } else { p.name.as_str() }, p.count))
            .collect();
        out.extend(para(&format!("Other places: {}.", parts.join(", ")), w, theme.base));
    }
    if !data.off_map.is_empty() {
        let parts: Vec<String> = data
            .off_map
            .iter()
            .map(|&(r, n)| format!("{} {n}", r.map_or("No region", |r| t.region(r).short.as_str())))
            .collect();
        out.extend(para(&format!("Not on the map: {}.", parts.join(", ")), w, theme.dim));
    }
    // Keep the cursor's row on screen.
    let rows = area.height as usize;
    let skip = cursor_row.map_or(0, |c| (c + 1).saturating_sub(rows));
    if let Some(c) = cursor_row {
        cursor_at(frame, area.x, area.y + (c - skip) as u16);
    }
    lines_at(frame, area, out.into_iter().skip(skip).collect());
}

#[cfg(test)]
mod tests;
