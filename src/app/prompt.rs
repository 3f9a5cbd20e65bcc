//! One-line prompts in the footer: incremental search (`/`), go to date (`t`), date range (`D`).

use chrono::Datelike;

use super::{Action, Search, State};
use crate::model::EventIx;
use crate::model::when::{parse_user_date, parse_user_range};
use crate::query::{DateRange, Filter, Query};

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
            PromptKind::GoToDate => "2022-01-05, 5 Jan or jan 5",
            PromptKind::DateRange => "4 jan..10 jan, 2022-01-04.., ..10 jan (empty clears)",
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
        _ => String::new(),
    };
    if kind == PromptKind::Search && s.filter.search.is_some() {
        let f = Filter { search: None, ..s.filter.clone() };
        s.set_filter(f);
    }
    s.prompt = Some(Prompt { kind, text, before });
}

/// The year assumed when a typed date has none: the selected event's.
fn default_year(s: &State) -> i32 {
    s.selected_event().or(s.timeline.events.first()).map_or(2022, |e| e.start.date.year())
}

pub fn update(s: &mut State, action: Action) {
    let Some(p) = &mut s.prompt else { return };
    let kind = p.kind;
    let edited = match action {
        Action::Insert(c) => {
            p.text.push(c);
            true
        }
        Action::DeleteBack => p.text.pop().is_some(),
        Action::DeleteWord => {
            let trimmed = p.text.trim_end();
            let cut = trimmed.rfind(char::is_whitespace).map_or(0, |i| i + 1);
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
        Action::Back => {
            cancel(s);
            return;
        }
        _ => false,
    };
    if edited && kind == PromptKind::Search {
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

fn submit(s: &mut State) {
    let Some(p) = s.prompt.take() else { return };
    match p.kind {
        PromptKind::Search => {
            let q = Query::parse(&p.text, &s.dictionary);
            let f = Filter { search: (!q.is_empty()).then_some(q), ..s.filter.clone() };
            s.set_filter(f);
            if s.filter.search.is_none() {
                s.search = None;
            }
        }
        PromptKind::GoToDate => match parse_user_date(&p.text, default_year(s)) {
            Some(date) => go_to_date(s, date),
            None => {
                s.message = Some(format!("Cannot read \u{201c}{}\u{201d} as a date; try 2022-01-05 or 5 Jan.", p.text));
                s.prompt = Some(p);
            }
        },
        PromptKind::DateRange => match parse_user_range(&p.text, default_year(s)) {
            Some((from, to)) => {
                let f = Filter { dates: DateRange { from, to }, ..s.filter.clone() };
                s.set_filter(f);
            }
            None => {
                s.message = Some(format!("Cannot read \u{201c}{}\u{201d} as dates; try 4 jan..10 jan.", p.text));
                s.prompt = Some(p);
            }
        },
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

/// Select the first event on or after `date` (else the last before it), saying so when the day
/// has no events.
pub fn go_to_date(s: &mut State, date: chrono::NaiveDate) {
    let v = &s.view;
    if v.is_empty() {
        return;
    }
    let day = |pos: usize| s.timeline.events[v.events[pos]].start.date;
    let after = v.events.partition_point(|&ix| s.timeline.events[ix].start.date < date);
    // The nearer of the first event on or after the date and the last one before it.
    let pos = match (after.checked_sub(1), (after < v.len()).then_some(after)) {
        (Some(b), Some(a)) if (date - day(b)) < (day(a) - date) => b,
        (_, Some(a)) => a,
        (Some(b), None) => b,
        (None, None) => return,
    };
    let landed = day(pos);
    s.selected = Some(pos);
    s.detail_scroll = 0;
    let d = |x: chrono::NaiveDate| crate::model::PartialDate::day(x).display();
    s.message = (landed != date).then(|| format!("No events on {}; showing the nearest, {}.", d(date), d(landed)));
}
