//! The figures view (`F`): numbers that changed over time or that sources dispute (death tolls,
//! detentions, troop numbers), each point a claim with who said it, when, and its source.

use chrono::NaiveDate;

use super::{Action, Focus, Overlay, State};
use crate::model::{ClaimStatus, EventIx, Timeline};

#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub date: NaiveDate,
    pub value: f64,
    pub unit: Option<String>,
    pub by: String,
    pub status: ClaimStatus,
    pub event: EventIx,
    /// Index of the claim in the event.
    pub claim: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Measure {
    pub key: String,
    /// The unit every point of the series shares ("people", "%"); claims of one measure in
    /// different units are separate series, never one line.
    pub unit: Option<String>,
    pub label: String,
    /// By date of the claim.
    pub points: Vec<Point>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    pub measures: Vec<Measure>,
    pub measure: usize,
    pub cursor: usize,
}

/// A readable name for a figure measure key.
pub fn measure_label(key: &str) -> String {
    match key {
        "deaths" => "Death toll".into(),
        "security-deaths" => "Security forces killed".into(),
        "custody-deaths" => "Deaths in custody".into(),
        "detained" => "Detained".into(),
        "journalists-detained" => "Journalists detained".into(),
        "csto-troops" => "CSTO troops".into(),
        "attackers" => "Attackers (claimed)".into(),
        "criminal-cases" => "Criminal cases".into(),
        "shutdown-hours" => "Hours without internet".into(),
        other => {
            let s = other.replace(['-', '_'], " ");
            let mut c = s.chars();
            c.next().map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
        }
    }
}

/// Every series with at least two claims, most claims first. A series is one measure key in one
/// unit: the data gives one key per quantity of one subject (`tests/bundled_data.rs` checks the
/// bundled file), and the view refuses to join numbers in different units under one key.
pub fn collect(t: &Timeline) -> Vec<Measure> {
    let mut measures: Vec<Measure> = Vec::new();
    for (ix, e) in t.events.iter().enumerate() {
        for (ci, c) in e.claims.iter().enumerate() {
            let Some(f) = &c.figure else { continue };
            let point = Point {
                date: c.date.date,
                value: f.value,
                unit: f.unit.clone(),
                by: c.by.clone(),
                status: c.status,
                event: ix,
                claim: ci,
            };
            let unit = f.unit.as_deref().map(str::trim).filter(|u| !u.is_empty()).map(str::to_lowercase);
            match measures.iter_mut().find(|m| m.key == f.measure && m.unit == unit) {
                Some(m) => m.points.push(point),
                None => measures.push(Measure {
                    key: f.measure.clone(),
                    unit,
                    label: measure_label(&f.measure),
                    points: vec![point],
                }),
            }
        }
    }
    measures.retain(|m| m.points.len() >= 2);
    // A key used in several units: each series says its unit.
    for i in 0..measures.len() {
        if measures.iter().filter(|m| m.key == measures[i].key).count() > 1 {
            let unit = measures[i].unit.clone().unwrap_or_else(|| "no unit".into());
            measures[i].label = format!("{} ({unit})", measures[i].label);
        }
    }
    for m in &mut measures {
        m.points.sort_by(|a, b| a.date.cmp(&b.date).then(a.event.cmp(&b.event)).then(a.claim.cmp(&b.claim)));
    }
    // Most claims first; ties in order of first appearance.
    measures.sort_by_key(|m| std::cmp::Reverse(m.points.len()));
    measures
}

pub fn open(s: &mut State) {
    let measures = collect(&s.timeline);
    if measures.is_empty() {
        s.message = Some("This timeline has no figures that change over time.".into());
        return;
    }
    s.overlay = Some(Overlay::Figures(Figures { measures, measure: 0, cursor: 0 }));
}

pub fn update(s: &mut State, action: Action, page: usize) {
    let Some(Overlay::Figures(f)) = &mut s.overlay else { return };
    let n = f.measures[f.measure].points.len();
    match action {
        Action::Up => f.cursor = f.cursor.saturating_sub(1),
        Action::Down => f.cursor = (f.cursor + 1).min(n - 1),
        Action::PageUp => f.cursor = f.cursor.saturating_sub(page),
        Action::PageDown => f.cursor = (f.cursor + page).min(n - 1),
        Action::First => f.cursor = 0,
        Action::Last => f.cursor = n - 1,
        Action::NextEvent | Action::ToggleFocus => {
            f.measure = (f.measure + 1) % f.measures.len();
            f.cursor = 0;
        }
        Action::PrevEvent => {
            f.measure = (f.measure + f.measures.len() - 1) % f.measures.len();
            f.cursor = 0;
        }
        Action::Apply => {
            let ix = f.measures[f.measure].points[f.cursor].event;
            // Esc from the event comes back here, on the same claim.
            let back = s.overlay.take();
            s.reveal(ix);
            s.focus = Focus::Detail;
            s.return_to = back;
        }
        Action::Back => s.overlay = None,
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load::bundled_timeline;

    #[test]
    fn the_bundled_death_toll_is_a_dated_series_of_claims() {
        let t = bundled_timeline().unwrap();
        let m = collect(&t);
        let deaths = m.iter().find(|m| m.key == "deaths").expect("a death-toll series");
        assert_eq!(deaths.label, "Death toll");
        assert!(deaths.points.len() >= 6, "{}", deaths.points.len());
        assert!(deaths.points.windows(2).all(|w| w[0].date <= w[1].date));
        // The withdrawn 164 is in the series, marked retracted.
        assert!(deaths.points.iter().any(|p| p.value == 164.0 && p.status == ClaimStatus::Retracted));
        assert!(m.iter().all(|m| m.points.len() >= 2));
    }

    #[test]
    fn a_measure_in_two_units_is_two_series_never_one() {
        let claim = |n: u32, unit: &str, date: &str| {
            format!(
                r#"{{"by":"A","date":"{date}","text":"t","status":"unverified","source":"s","figure":{{"measure":"m","value":{n},"unit":"{unit}"}}}}"#
            )
        };
        let json = format!(
            r#"{{"format":"kz-timeline","version":1,"title":"T","events":[{{"id":"e","start":{{"date":"2022-01-05"}},"title":"t","summary":"s","sources":[{{"id":"s","publisher":"P","title":"T","url":"https://example.org/","date":"2022-01-05"}}],"claims":[{},{},{},{}]}}]}}"#,
            claim(100, "people", "2022-01-05"),
            claim(77, "%", "2022-01-06"),
            claim(200, "People", "2022-01-07"),
            claim(81, "%", "2022-01-08")
        );
        let t = crate::model::load::timeline_from_str(&json, "t.json", &[]).unwrap();
        let m = collect(&t);
        assert_eq!(m.len(), 2, "{m:#?}");
        for series in &m {
            assert!(series.points.iter().all(|p| p.unit.as_deref().map(str::to_lowercase) == series.unit));
        }
        let labels: Vec<&str> = m.iter().map(|m| m.label.as_str()).collect();
        assert_eq!(labels, ["M (people)", "M (%)"]);
    }

    #[test]
    fn labels() {
        assert_eq!(measure_label("csto-troops"), "CSTO troops");
        assert_eq!(measure_label("vote-share"), "Vote share");
        assert_eq!(measure_label(""), "");
    }
}
