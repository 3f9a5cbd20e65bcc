//! Argument groups shared by several commands, and how they are resolved against a timeline:
//! the input file (`[FILE]`, `--max-size`), `--color`, and the filters of `list` and `export`,
//! which are the app's filters (`query::Filter`) spelled as options.

use std::collections::{BTreeSet, HashSet};
use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use clap::Args;

use super::output::Failure;
use super::{ColorChoice, load_timeline, parse_size, region_filter};
use crate::export::Selection;
use crate::model::Timeline;
use crate::model::load::{self, bundled_name_groups};
use crate::model::sanitize;
use crate::model::when::{parse_date, parse_user_date};
use crate::model::{PartialDate, Precision};
use crate::query::fold::fold;
use crate::query::{DateRange, Dictionary, Filter, Index, Query, View};

/// A timeline to read: a file, or the bundled chronology.
#[derive(Debug, Clone, Args)]
pub struct InputArgs {
    /// A timeline file in the kz-timeline JSON format (- reads standard input) [default: the bundled chronology]
    pub file: Option<PathBuf>,
    /// Refuse files larger than this many bytes (suffixes K, M, G allowed)
    #[arg(long, value_name = "SIZE", default_value = "2G", value_parser = parse_size)]
    pub max_size: u64,
}

/// A loaded timeline and how it is named in messages.
#[derive(Debug)]
pub struct Loaded {
    pub timeline: Timeline,
    /// "(bundled) timeline.json" or the file name as given.
    pub label: String,
}

impl InputArgs {
    pub fn load(&self) -> Result<Loaded, Failure> {
        let (timeline, _) = load_timeline(self.file.as_ref(), self.max_size).map_err(|e| Failure::load(&e))?;
        Ok(Loaded { timeline, label: self.label() })
    }

    /// How the input is named in messages.
    pub fn label(&self) -> String {
        self.file.as_deref().map_or_else(|| load::BUNDLED_LABEL.to_string(), load::label)
    }
}

/// `--color` for text output.
#[derive(Debug, Clone, Args)]
pub struct ColorArgs {
    /// When to colour text output: auto (on a terminal, unless NO_COLOR is set), always, never
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

impl ColorArgs {
    /// How text output is painted: in colour when `--color` and the terminal say so.
    pub fn paint(&self) -> crate::export::text::Paint {
        crate::export::text::Paint(super::output::use_color(self.color))
    }
}

/// The app's filters. Values of one option are alternatives; different options must all hold.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Filters")]
pub struct FilterArgs {
    /// Events in this region: id, name or alias, e.g. "mangystau" (repeat for several)
    #[arg(long, value_name = "REGION")]
    pub region: Vec<String>,
    /// Events with this topic: category id or name, e.g. "protest" (repeat for several)
    #[arg(long, value_name = "CATEGORY")]
    pub category: Vec<String>,
    /// Events involving this person or organisation, in any spelling (repeat for several)
    #[arg(long, value_name = "ACTOR")]
    pub actor: Vec<String>,
    /// Events on or after this date: 2022-01-05, 2022-01, 5 Jan 2022, "jan 5"
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Events on or before this date (a month or year means its last day)
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Events matching this search, as in the app (any spelling or script; every word must occur)
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Only events with a disputed claim
    #[arg(long)]
    pub disputed: bool,
}

/// A category id by id or name, ignoring case.
pub fn find_category(t: &Timeline, query: &str) -> Option<String> {
    let q = query.trim().to_lowercase();
    t.categories
        .iter()
        .find(|c| c.id.to_lowercase() == q || c.name.to_lowercase() == q)
        .map(|c| c.id.clone())
        // Without declared categories, the ids events use.
        .or_else(|| t.events.iter().flat_map(|e| &e.categories).find(|c| c.to_lowercase() == q).cloned())
}

/// The actor strings of `t` that mean `query`: the same after folding (case, accents, script,
/// transliteration), or spellings of one name in the name dictionary.
pub fn find_actors(t: &Timeline, query: &str, names: &[Vec<String>]) -> BTreeSet<String> {
    let q = fold(query);
    let mut spellings: HashSet<String> = HashSet::from([q.clone()]);
    for group in names {
        let folded: Vec<String> = group.iter().map(|s| fold(s)).collect();
        if folded.contains(&q) {
            spellings.extend(folded);
        }
    }
    t.events.iter().flat_map(|e| &e.actors).filter(|a| spellings.contains(&fold(a))).cloned().collect()
}

/// The last day of a year or month; the day itself otherwise.
fn last_day(d: PartialDate) -> NaiveDate {
    let next = match d.precision {
        Precision::Year => d.date.with_year(d.date.year() + 1),
        Precision::Month => d.date.checked_add_months(chrono::Months::new(1)),
        _ => return d.date,
    };
    next.and_then(|n| n.pred_opt()).unwrap_or(d.date)
}

/// Read `--from`/`--to`: an ISO date (a year or month covers its whole span) or a date as people
/// type it; a year-less date takes the year of the timeline's first event.
pub fn parse_bound(flag: &str, s: &str, default_year: i32, end: bool) -> Result<NaiveDate, Failure> {
    match parse_date(s.trim()) {
        Ok(d) => Ok(if end { last_day(d) } else { d.date }),
        // It looks like an ISO date, so the ISO message says what is wrong ("February has 28 days").
        Err(e) if s.trim().len() >= 4 && s.trim().bytes().take(4).all(|b| b.is_ascii_digit()) => {
            Err(Failure::Input(format!("--{flag}: {}", sanitize::line(&e.0))))
        }
        Err(_) => parse_user_date(s, default_year).ok_or_else(|| {
            Failure::Input(format!(
                "--{flag}: cannot read the date \"{}\"; write it as 2022-01-05 (or 2022-01, 2022) or as 5 Jan 2022",
                sanitize::line(s)
            ))
        }),
    }
}

impl FilterArgs {
    /// The filter these options describe, checked against `t` (unknown regions, topics and
    /// actors, and unreadable dates, are input errors).
    pub fn resolve(&self, t: &Timeline, dictionary: &Dictionary) -> Result<Filter, Failure> {
        let mut f = region_filter(t, &self.region).map_err(Failure::Input)?;
        for c in &self.category {
            let id = find_category(t, c).ok_or_else(|| {
                let mut ids: Vec<String> = t.categories.iter().map(|c| c.id.clone()).collect();
                if ids.is_empty() {
                    ids = t
                        .events
                        .iter()
                        .flat_map(|e| e.categories.iter().cloned())
                        .collect::<BTreeSet<_>>()
                        .into_iter()
                        .collect();
                }
                Failure::Input(format!(
                    "unknown category \"{}\"; known categories: {}",
                    sanitize::line(c),
                    ids.join(", ")
                ))
            })?;
            f.categories.insert(id);
        }
        let names = bundled_name_groups();
        for a in &self.actor {
            let found = find_actors(t, a, &names);
            if found.is_empty() {
                return Err(Failure::Input(format!(
                    "no event lists the actor \"{}\" (`kz-timeline names` lists known names; --search finds any mention)",
                    sanitize::line(a)
                )));
            }
            f.actors.extend(found);
        }
        let year = t.events.first().map_or(2022, |e| e.start.date.year());
        f.dates = DateRange {
            from: self.from.as_deref().map(|s| parse_bound("from", s, year, false)).transpose()?,
            to: self.to.as_deref().map(|s| parse_bound("to", s, year, true)).transpose()?,
        };
        if let DateRange { from: Some(a), to: Some(b) } = f.dates
            && a > b
        {
            return Err(Failure::Input(format!("--from ({a}) is after --to ({b})")));
        }
        f.disputed = self.disputed;
        f.search = self.search.as_deref().map(|s| Query::parse(s, dictionary)).filter(|q| !q.is_empty());
        Ok(f)
    }

    /// The events of `t` these options select, with the filters described.
    pub fn select<'a>(&self, t: &'a Timeline) -> Result<Selection<'a>, Failure> {
        let dictionary = Dictionary::for_timeline(t, &bundled_name_groups());
        let filter = self.resolve(t, &dictionary)?;
        if filter.is_empty() {
            return Ok(Selection::all(t));
        }
        // The search index is only needed (and only built) for a search.
        let mut index = None;
        let view = View::build(t, || &*index.insert(Index::build(t, dictionary)), &filter, &[]);
        Ok(Selection::filtered(t, view, &filter))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn date_bounds_cover_whole_months_and_years() {
        assert_eq!(parse_bound("from", "2022-01", 2022, false).unwrap(), d(2022, 1, 1));
        assert_eq!(parse_bound("to", "2022-02", 2022, true).unwrap(), d(2022, 2, 28));
        assert_eq!(parse_bound("to", "2024", 2022, true).unwrap(), d(2024, 12, 31));
        assert_eq!(parse_bound("to", "2022-01-05", 2022, true).unwrap(), d(2022, 1, 5));
        assert_eq!(parse_bound("from", "5 jan", 2021, false).unwrap(), d(2021, 1, 5));
        let Err(Failure::Input(m)) = parse_bound("to", "2022-02-30", 2022, true) else { panic!() };
        assert_eq!(m, "--to: \"2022-02-30\" is not a real date: February 2022 has 28 days");
        let Err(Failure::Input(m)) = parse_bound("from", "yesterday", 2022, false) else { panic!() };
        assert!(m.starts_with("--from: cannot read the date \"yesterday\""), "{m}");
    }
}
