//! Builders for each kind of question, and the shuffled pools of subjects they draw from.

mod day;
mod figure;
mod order;
mod region;

use std::collections::BTreeMap;

use day::day;
use figure::{figure, measure_key};
use order::order;
use region::region;

use chrono::{Datelike, Days, NaiveDate};

use super::{
    Dice, Kind, ORDER_TITLE_WIDTH, PROMPT_WIDTH, Question, fmt_figure, fmt_number, quoted_prompt, short_title,
    unit_head,
};
use crate::model::{DayKey, Event, EventIx, Precision, Region, RegionKind, Timeline};
use crate::text;

/// Subjects not yet tried, per kind, in seeded order (taken from the back).
pub(super) struct Pools {
    order: Vec<EventIx>,
    day: Vec<EventIx>,
    region: Vec<EventIx>,
    /// (event, claim index).
    figure: Vec<(EventIx, usize)>,
    /// Distinct values per (measure, unit head), in data order; each at most once by its text.
    values: BTreeMap<(String, String), Vec<f64>>,
    /// Each event's title as shown in Order choices, and whether no other event shares it.
    short: Vec<String>,
    unique_short: Vec<bool>,
}

impl Pools {
    pub(super) fn new(t: &Timeline, dice: &mut Dice) -> Self {
        let dated: Vec<EventIx> = (0..t.events.len()).filter(|&i| is_dated(&t.events[i])).collect();
        let mut order = dated.clone();
        dice.shuffle(&mut order);
        let mut day = dated;
        dice.shuffle(&mut day);
        let mut region: Vec<EventIx> = (0..t.events.len())
            .filter(|&i| t.events[i].region.is_some_and(|r| t.region(r).kind != RegionKind::Pseudo))
            .collect();
        dice.shuffle(&mut region);

        let mut values: BTreeMap<(String, String), Vec<f64>> = BTreeMap::new();
        let mut claims = Vec::new();
        for (e, ev) in t.events.iter().enumerate() {
            for (c, claim) in ev.claims.iter().enumerate() {
                let Some(f) = claim.figure.as_ref().filter(|f| f.value.is_finite()) else { continue };
                let seen = values.entry(measure_key(f)).or_default();
                if !seen.iter().any(|&v| fmt_number(v) == fmt_number(f.value)) {
                    seen.push(f.value);
                }
                claims.push((e, c));
            }
        }
        let (mut pros, mut rest): (Vec<_>, Vec<_>) = claims
            .into_iter()
            .filter(|&(e, c)| {
                let f = t.events[e].claims[c].figure.as_ref().expect("filtered above");
                values.get(&measure_key(f)).is_some_and(|v| v.len() >= 3)
            })
            .partition(|&(e, c)| t.events[e].claims[c].by.to_lowercase().contains("prosecutor"));
        dice.shuffle(&mut pros);
        dice.shuffle(&mut rest);
        // Alternate, Prosecutor-General's figures first, so a quiz leans on them without using
        // only them.
        let mut figure = Vec::with_capacity(pros.len() + rest.len());
        let (mut p, mut r) = (pros.into_iter(), rest.into_iter());
        loop {
            let (a, b) = (p.next(), r.next());
            if a.is_none() && b.is_none() {
                break;
            }
            figure.extend(a);
            figure.extend(b);
        }
        for v in [&mut order, &mut day, &mut region] {
            v.reverse();
        }
        figure.reverse();
        let short: Vec<String> =
            t.events.iter().map(|e| short_title(&e.title, ORDER_TITLE_WIDTH).into_owned()).collect();
        let mut sorted: Vec<&String> = short.iter().collect();
        sorted.sort();
        let unique_short: Vec<bool> = short
            .iter()
            .map(|s| sorted.partition_point(|x| *x < s) + 1 == sorted.partition_point(|x| *x <= s))
            .collect();
        // Order needs three days; without them, do not try every anchor in vain.
        let mut days: Vec<NaiveDate> =
            order.iter().filter(|&&i| unique_short[i]).map(|&i| t.events[i].start.date).collect();
        days.sort();
        days.dedup();
        if days.len() < 3 {
            order.clear();
        }
        Pools { order, day, region, figure, values, short, unique_short }
    }

    /// The next question of `kind` whose subject is unused, or `None` when the pool is spent.
    /// Marks the question's events as used.
    pub(super) fn next(&mut self, kind: Kind, t: &Timeline, used: &mut [bool], dice: &mut Dice) -> Option<Question> {
        loop {
            let q = match kind {
                Kind::Order => {
                    let a = self.order.pop()?;
                    if used[a] {
                        continue;
                    }
                    order(t, a, &self.short, &self.unique_short, used, dice)
                }
                Kind::Day => {
                    let e = self.day.pop()?;
                    if used[e] {
                        continue;
                    }
                    day(t, e, dice)
                }
                Kind::Region => {
                    let e = self.region.pop()?;
                    if used[e] {
                        continue;
                    }
                    region(t, e, dice)
                }
                Kind::Figure => {
                    let (e, c) = self.figure.pop()?;
                    if used[e] {
                        continue;
                    }
                    figure(t, e, c, &self.values, dice)
                }
            };
            if let Some(q) = q {
                for &e in &q.events {
                    used[e] = true;
                }
                return Some(q);
            }
        }
    }
}

/// Known to the day or better.
fn is_dated(e: &Event) -> bool {
    e.start.precision >= Precision::Day
}

fn heading(d: NaiveDate) -> String {
    DayKey { date: d, precision: Precision::Day }.heading()
}

fn first_citation(e: &Event) -> String {
    e.sources.first().map_or_else(String::new, |s| format!(" Source: {}.", s.citation()))
}

/// Where, for explanations: the place name, else a real region's short name.
fn where_text(t: &Timeline, e: &Event) -> Option<String> {
    if let Some(p) = &e.place {
        return Some(p.name.clone());
    }
    e.region.map(|r| t.region(r)).filter(|r| r.kind != RegionKind::Pseudo).map(|r| r.short.clone())
}
