//! One-line prompts in the footer: incremental search (`/`), go to date (`t`), date range (`D`).

use chrono::Datelike;

use super::{Action, Search, State};
use crate::model::EventIx;
use crate::query::dates::{self, Calendar, DateError, Span};
use crate::query::{Filter, Query};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    Search,
    GoToDate,
    DateRange,
}

impl PromptKind {
    /// The prompt's label in the footer.
    pub fn label(self) -> &'static str {
        match self {
            PromptKind::Search => "/",
            PromptKind::GoToDate => "Go to date: ",
            PromptKind::DateRange => "Dates (from..to): ",
        }
    }

    /// Shown while the input is empty.
    pub fn placeholder(self) -> &'static str {
        match self {
            PromptKind::Search => "type to search titles, text, places, people and sources",
            PromptKind::GoToDate => "2022-01-05, 5 Jan, jan 5 or a month: feb, jan 2023",
            PromptKind::DateRange => "4 jan..10 jan, 4–10 jan, feb, jan 2023, ..10 jan (empty clears)",
        }
    }
}

/// What Esc restores after a search.
#[derive(Debug, Clone, PartialEq)]
pub struct Before {
    pub selected: Option<EventIx>,
    pub search: Option<Search>,
    pub filter_search: Option<Query>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub text: String,
    pub before: Before,
    /// The text is the previous search, offered as it was: the first letter typed replaces it
    /// (as in a browser's address bar); Backspace, Enter or Tab take it as it is.
    pub prefilled: bool,
}

/// Open a prompt. A new search starts from the view without the previous search filter.
pub fn open(s: &mut State, kind: PromptKind) {
    let before = Before { selected: s.selected_ix(), search: s.search.clone(), filter_search: s.filter.search.clone() };
    let text = match kind {
        PromptKind::DateRange => {
            let d = s.filter.dates;
            let iso = |x: Option<chrono::NaiveDate>| x.map(|x| x.format("%Y-%m-%d").to_string()).unwrap_or_default();
            if d.is_empty() { String::new() } else { format!("{}..{}", iso(d.from), iso(d.to)) }
        }
        // The last search, to refine it or (Tab) keep it as a filter.
        PromptKind::Search => {
            s.filter.search.as_ref().or(s.search.as_ref().map(|x| &x.query)).map(|q| q.raw.clone()).unwrap_or_default()
        }
        _ => String::new(),
    };
    if kind == PromptKind::Search && s.filter.search.is_some() {
        let f = Filter { search: None, ..s.filter.clone() };
        s.set_filter(f);
    }
    let prefilled = kind == PromptKind::Search && !text.is_empty();
    s.prompt = Some(Prompt { kind, text, before, prefilled });
}

/// The year preferred for a typed date without one, when several years are equally near
/// (see `query::dates`): the selected event's.
fn preferred_year(s: &State) -> Option<i32> {
    s.selected_event().filter(|e| crate::model::when::deep_year(e.start.date).is_none()).map(|e| e.start.date.year())
}

/// A date error as a sentence for the footer, with examples when the text could not be read.
fn date_message(e: &DateError, examples: &str) -> String {
    let m = e.to_string();
    let mut c = m.chars();
    let m: String = c.next().map_or_else(String::new, |f| f.to_uppercase().chain(c).collect());
    match e {
        DateError::Unreadable(_) => format!("{m}; try {examples}."),
        _ => format!("{m}."),
    }
}

pub fn update(s: &mut State, action: Action) {
    let Some(p) = &mut s.prompt else { return };
    let kind = p.kind;
    let replace = std::mem::take(&mut p.prefilled);
    let edited = match action {
        Action::Insert(c) => {
            if replace {
                p.text.clear();
            }
            p.text.push(c);
            true
        }
        Action::DeleteBack => p.text.pop().is_some(),
        Action::DeleteWord => {
            let cut = word_start(&p.text);
            p.text.truncate(cut);
            true
        }
        Action::ClearInput => {
            p.text.clear();
            true
        }
        Action::Apply => {
            submit(s);
            return;
        }
        Action::SearchAsFilter if kind == PromptKind::Search => {
            keep_as_filter(s);
            return;
        }
        Action::Back => {
            cancel(s);
            return;
        }
        _ => false,
    };
    if edited && kind == PromptKind::Search {
        if s.defer_search {
            s.search_pending = true;
        } else {
            search_changed(s);
        }
    }
}

/// Run a search whose text changed while searches were deferred (see [`State::defer_search`]).
pub fn flush(s: &mut State) {
    if std::mem::take(&mut s.search_pending) {
        search_changed(s);
    }
}

/// Re-run the search after an edit and move to the first match at or after where it started.
fn search_changed(s: &mut State) {
    let Some(p) = &s.prompt else { return };
    let q = Query::parse(&p.text, &s.dictionary);
    let origin = p.before.selected;
    if q.is_empty() {
        s.search = None;
        s.message = None;
        if let Some(ix) = origin {
            s.select_ix(ix);
        }
        return;
    }
    let matches = {
        let index = s.index();
        match &s.search {
            // Typing more letters: only the previous matches can still match.
            Some(prev) if q.narrows(&prev.query) => q.matching(index, &s.timeline, &prev.matches),
            _ => q.matching(index, &s.timeline, &s.view.events),
        }
    };
    s.message = matches.is_empty().then(|| "No match.".to_string());
    let target = origin.and_then(|o| matches.iter().copied().find(|&m| m >= o)).or(matches.first().copied());
    s.search = Some(Search { query: q, matches });
    if let Some(ix) = target {
        s.select_ix(ix);
    }
}

/// Tab in the search prompt: the search becomes a filter (only the matches are listed).
fn keep_as_filter(s: &mut State) {
    let Some(p) = s.prompt.take() else { return };
    let q = Query::parse(&p.text, &s.dictionary);
    let f = Filter { search: (!q.is_empty()).then_some(q), ..s.filter.clone() };
    s.set_filter(f);
    if s.filter.search.is_none() {
        s.search = None;
    }
}

fn submit(s: &mut State) {
    let Some(p) = s.prompt.take() else { return };
    match p.kind {
        // Enter finds: the list stays whole, the matches are highlighted, n and N move between them.
        PromptKind::Search => {
            let n = s.search.as_ref().map_or(0, |x| x.matches.len());
            s.message = match n {
                0 if s.search.is_some() => Some("No match.".into()),
                0 => None,
                1 => Some("1 match (/ then Tab shows only it).".into()),
                n => Some(format!("{n} matches: n next, N previous (/ then Tab shows only them).")),
            };
        }
        PromptKind::GoToDate => {
            // Years are chosen among the events on the list (see `query::dates`).
            let cal = Calendar::new(&s.timeline).among(&s.view.events).prefer(preferred_year(s));
            match dates::parse_date(&p.text, &cal) {
                Ok(span) => go_to_date(s, span),
                Err(e) => {
                    s.message = Some(date_message(&e, "2022-01-05, 5 Jan or feb"));
                    s.prompt = Some(p);
                }
            }
        }
        PromptKind::DateRange => {
            // The range replaces the date filter: years are chosen among all events.
            let cal = Calendar::new(&s.timeline).prefer(preferred_year(s));
            match dates::parse_range(&p.text, &cal) {
                Ok(dates) => {
                    let f = Filter { dates, ..s.filter.clone() };
                    s.set_filter(f);
                }
                Err(e) => {
                    s.message = Some(date_message(&e, "4 jan..10 jan, 4–10 jan or feb"));
                    s.prompt = Some(p);
                }
            }
        }
    }
}

fn cancel(s: &mut State) {
    let Some(p) = s.prompt.take() else { return };
    if p.kind == PromptKind::Search {
        s.search = p.before.search;
        if s.filter.search != p.before.filter_search {
            let f = Filter { search: p.before.filter_search, ..s.filter.clone() };
            s.set_filter(f);
        }
        if let Some(ix) = p.before.selected {
            s.select_ix(ix);
        }
    }
    s.message = None;
}

/// Where Ctrl-w cuts: the start of the last word, a hyphen or slash ending a word too, so
/// `Nur-Sultan` goes in two steps (`Nur-`, then the rest).
pub(super) fn word_start(text: &str) -> usize {
    let trimmed = text.trim_end_matches(|c: char| c.is_whitespace() || c == '-' || c == '/');
    trimmed.rfind(|c: char| c.is_whitespace() || c == '-' || c == '/').map_or(0, |i| i + 1)
}

/// Select the first event within `span` (a day, month or year); when it has none, the nearest
/// event (the last before it or the first after it), saying so.
pub fn go_to_date(s: &mut State, span: Span) {
    let v = &s.view;
    if v.is_empty() {
        return;
    }
    let day = |pos: usize| s.timeline.events[v.events[pos]].start.date;
    let after = v.events.partition_point(|&ix| s.timeline.events[ix].start.date < span.first);
    // The nearer of the first event on or after the span's start and the last one before it.
    let pos = match (after.checked_sub(1), (after < v.len()).then_some(after)) {
        (_, Some(a)) if day(a) <= span.last => a,
        (Some(b), Some(a)) if (span.first - day(b)) < (day(a) - span.last) => b,
        (_, Some(a)) => a,
        (Some(b), None) => b,
        (None, None) => return,
    };
    let landed = day(pos);
    s.selected = Some(pos);
    s.detail_scroll = 0;
    let d = |x: chrono::NaiveDate| crate::model::PartialDate::day(x).display();
    let inside = span.first <= landed && landed <= span.last;
    let on = if span.is_day() { "on" } else { "in" };
    s.message = (!inside).then(|| format!("No events {on} {}; showing the nearest, {}.", span.describe(), d(landed)));
}

#[cfg(test)]
mod tests;
