//! The top-level `eras`: each a name and a span from the first day of its start to the last day
//! of its end (a year or a month counts whole). Kept sorted by start, file order breaking ties.

use chrono::NaiveDate;

use super::fields::{partial_date, required_text};
use super::{JsonPath, Problems};
use crate::model::load::native::EraEntry;
use crate::model::sanitize::Kind;
use crate::model::{Era, PartialDate};

/// The last day a partial date covers (31 December for a year, the month's last day for a month).
fn last_day(p: &PartialDate) -> NaiveDate {
    crate::model::span::last_day(*p)
}

pub(super) fn eras(entries: Vec<EraEntry>, problems: &mut Problems) -> Vec<Era> {
    let root = JsonPath::Root("eras");
    let mut out = Vec::with_capacity(entries.len());
    for (i, e) in entries.into_iter().enumerate() {
        let path = root.at(i);
        let name = required_text(e.name, &path.key("name"), "the era's name", Kind::Line, problems);
        let start = partial_date(&e.start, &path.key("start"), problems);
        let end = partial_date(&e.end, &path.key("end"), problems);
        let (Some(start), Some(end)) = (start, end) else { continue };
        let (start, end) = (start.date, last_day(&end));
        if end < start {
            problems.add(path.key("end"), format!("the era ends ({end}) before it starts ({start})"));
            continue;
        }
        out.push(Era { name, start, end });
    }
    out.sort_by_key(|e| e.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(name: &str, start: &str, end: &str) -> EraEntry {
        EraEntry { name: name.into(), start: start.into(), end: end.into() }
    }

    #[test]
    fn a_month_or_a_year_counts_whole_and_a_backwards_era_is_a_problem() {
        let mut p = Problems::default();
        let out = eras(
            vec![
                entry("Later", "2022-02", "2022"),
                entry("First", "2022-01-02", "2022-02"),
                entry("Back", "2022-03", "2022-01"),
            ],
            &mut p,
        );
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(
            out,
            vec![
                Era { name: "First".into(), start: d(2022, 1, 2), end: d(2022, 2, 28) },
                Era { name: "Later".into(), start: d(2022, 2, 1), end: d(2022, 12, 31) },
            ]
        );
        assert_eq!(p.0.len(), 1, "{:?}", p.0);
        assert!(p.0[0].message.contains("ends (2022-01-31) before it starts (2022-03-01)"), "{:?}", p.0);
    }
}
