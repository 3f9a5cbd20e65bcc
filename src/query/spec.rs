//! A filter as plain strings, as typed on a command line (`--region`, `--category`, `--actor`,
//! `--from`/`--to`, `--search`, `--disputed`, `--marked`), and how it becomes a [`Filter`]
//! for a timeline: names are looked up in any spelling ([`super::lookup`]) and dates read as
//! people type them ([`super::dates`]). Every command and the app resolve their filter options
//! here, so they select the same events.

use std::fmt;

use super::dates::{self, Calendar, DateError, Side};
use super::lookup::{category_ids, find_actors, find_category, find_region, region_miss_message};
use super::{Dictionary, Filter, Query};
use crate::model::Timeline;
use crate::model::sanitize;

/// Filter options as typed. Values of one option are alternatives; different options must all
/// hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterSpec {
    pub regions: Vec<String>,
    pub categories: Vec<String>,
    pub actors: Vec<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub search: Option<String>,
    pub disputed: bool,
    pub marked: bool,
}

/// Why a filter option could not be resolved: a message naming the option.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError(pub String);

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A date option's error, naming the option ("--to: …").
fn date_error(from: Option<&str>, to: Option<&str>, side: Side, e: DateError) -> SpecError {
    let text = match side {
        Side::From => from,
        Side::To => to,
        Side::Both => None,
    };
    let flag = if side == Side::To { "--to" } else { "--from" };
    SpecError(match e {
        DateError::Unreadable(_) => format!(
            "{flag}: cannot read the date \"{}\"; write it as 2022-01-05, 5 Jan 2022, a month (2022-01, jan 2022) or a year (2022)",
            sanitize::line(text.unwrap_or_default())
        ),
        DateError::NotReal(m) => format!("{flag}: {}", sanitize::line(&m)),
        DateError::Reversed { from, to } => {
            format!("--from ({}) is after --to ({})", from.describe(), to.describe())
        }
    })
}

impl FilterSpec {
    /// The filter these options describe, checked against `t`: unknown regions, topics and
    /// actors, and unreadable or reversed dates, are errors. A date without a year goes to the
    /// year with events nearest it (see [`super::dates`]). `marked` only sets the filter; the
    /// caller knows the marks.
    pub fn resolve(&self, t: &Timeline, dictionary: &Dictionary) -> Result<Filter, SpecError> {
        let mut f = Filter::default();
        for r in &self.regions {
            let ix = find_region(t, r).map_err(|miss| SpecError(region_miss_message(t, "--region", r, &miss)))?;
            f.regions.insert(Some(ix));
        }
        for c in &self.categories {
            let id = find_category(t, c).ok_or_else(|| {
                SpecError(format!(
                    "--category: unknown category \"{}\"; known categories: {}",
                    sanitize::line(c),
                    category_ids(t).join(", ")
                ))
            })?;
            f.categories.insert(id);
        }
        for a in &self.actors {
            let found = find_actors(t, a, dictionary);
            if found.is_empty() {
                return Err(SpecError(format!(
                    "--actor: no event lists the actor \"{}\" (`kz-timeline names` lists known names; --search finds any mention)",
                    sanitize::line(a)
                )));
            }
            f.actors.extend(found);
        }
        let (from, to) = (self.from.as_deref(), self.to.as_deref());
        f.dates =
            dates::parse_bounds(from, to, &Calendar::new(t)).map_err(|(side, e)| date_error(from, to, side, e))?;
        f.disputed = self.disputed;
        f.marked = self.marked;
        f.search = self.search.as_deref().map(|s| Query::parse(s, dictionary)).filter(|q| !q.is_empty());
        Ok(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load::{bundled_name_groups, bundled_timeline};
    use chrono::NaiveDate;

    fn resolve(spec: FilterSpec) -> Result<Filter, String> {
        let t = bundled_timeline().unwrap();
        let dict = Dictionary::for_timeline(&t, &bundled_name_groups());
        spec.resolve(&t, &dict).map_err(|e| e.0)
    }

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn dates_cover_whole_months_and_refuse_reversed_ranges() {
        let dates = |from: &str, to: &str| {
            let spec = FilterSpec { from: Some(from.into()), to: Some(to.into()), ..FilterSpec::default() };
            resolve(spec).map(|f| (f.dates.from, f.dates.to))
        };
        assert_eq!(dates("feb", "feb"), Ok((d(2022, 2, 1), d(2022, 2, 28))));
        assert_eq!(dates("feb 2022", "feb 2022"), Ok((d(2022, 2, 1), d(2022, 2, 28))));
        assert_eq!(dates("2022-02", "2022-02"), Ok((d(2022, 2, 1), d(2022, 2, 28))));
        assert_eq!(dates("2022", "2024"), Ok((d(2022, 1, 1), d(2024, 12, 31))));
        assert_eq!(dates("10 jan", "4 jan"), Err("--from (10 Jan 2022) is after --to (4 Jan 2022)".into()));
        assert_eq!(dates("mar", "feb"), Err("--from (Mar 2022) is after --to (Feb 2022)".into()));
        assert_eq!(
            dates("2022-02-30", "2022-03"),
            Err("--from: \"2022-02-30\" is not a real date: February 2022 has 28 days".into())
        );
        assert!(dates("jan", "someday").unwrap_err().starts_with("--to: cannot read the date \"someday\""));
    }

    #[test]
    fn names_resolve_in_any_spelling() {
        let t = bundled_timeline().unwrap();
        let spec = |r: &str| FilterSpec { regions: vec![r.into()], ..FilterSpec::default() };
        let mangystau = resolve(spec("Маңғыстау облысы")).unwrap();
        assert_eq!(mangystau.regions.iter().next().copied().flatten(), t.region_by_id("mangystau"));
        assert!(resolve(spec("zhanaozen")).unwrap_err().contains("a place in Mangystau Region"));
        let actors = resolve(FilterSpec { actors: vec!["Тоқаев".into()], ..FilterSpec::default() }).unwrap();
        assert!(actors.actors.iter().any(|a| a.contains("Tokayev")), "{:?}", actors.actors);
        let cat = |c: &str| resolve(FilterSpec { categories: vec![c.into()], ..FilterSpec::default() });
        for c in ["protest", "PROTESTS", "Protests", "Security measures"] {
            assert_eq!(cat(c).unwrap().categories.len(), 1, "{c}");
        }
        assert!(
            cat("riots").unwrap_err().starts_with("--category: unknown category \"riots\"; known categories: economy,")
        );
    }
}
