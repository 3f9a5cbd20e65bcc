//! Builders for each kind of question, and the shuffled pools of subjects they draw from.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};

use super::{Dice, Kind, ORDER_TITLE_WIDTH, PROMPT_WIDTH, Question, fmt_figure, fmt_number, quoted_prompt, short_title, unit_head};
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
        let short: Vec<String> = t.events.iter().map(|e| short_title(&e.title, ORDER_TITLE_WIDTH).into_owned()).collect();
        let mut sorted: Vec<&String> = short.iter().collect();
        sorted.sort();
        let unique_short: Vec<bool> =
            short.iter().map(|s| sorted.partition_point(|x| *x < s) + 1 == sorted.partition_point(|x| *x <= s)).collect();
        // Order needs three days; without them, do not try every anchor in vain.
        let mut days: Vec<NaiveDate> = order.iter().filter(|&&i| unique_short[i]).map(|&i| t.events[i].start.date).collect();
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
                    if used[a] { continue }
                    order(t, a, &self.short, &self.unique_short, used, dice)
                }
                Kind::Day => {
                    let e = self.day.pop()?;
                    if used[e] { continue }
                    day(t, e, dice)
                }
                Kind::Region => {
                    let e = self.region.pop()?;
                    if used[e] { continue }
                    region(t, e, dice)
                }
                Kind::Figure => {
                    let (e, c) = self.figure.pop()?;
                    if used[e] { continue }
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

// ---------------------------------------------------------------------------------------------
// Order

/// Labels of the three events of an Order question.
const LETTERS: [&str; 3] = ["A", "B", "C"];

/// The six orderings of three items; the first is the true one.
const PERMS: [[usize; 3]; 6] = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];

/// `short[i]` is event `i`'s title as shown; `unique[i]` says no other event shares it (a short
/// title must name one event only: "State of emergency…" could be any of five).
fn order(t: &Timeline, a: EventIx, short: &[String], unique: &[bool], used: &[bool], dice: &mut Dice) -> Option<Question> {
    let ea = &t.events[a];
    let short = |i: EventIx| short[i].as_str();
    let unique = |i: EventIx| unique[i];
    if !unique(a) {
        return None;
    }
    let others: Vec<EventIx> = (0..t.events.len())
        .filter(|&i| i != a && !used[i] && is_dated(&t.events[i]) && t.events[i].start.date != ea.start.date && unique(i))
        .collect();
    // Prefer events close in time, so the question is not answered by the year alone.
    for window in [10, 21, 62, 183, i64::MAX] {
        let near: Vec<EventIx> =
            others.iter().copied().filter(|&i| (t.events[i].start.date - ea.start.date).num_days().abs() <= window).collect();
        let mut dates: Vec<NaiveDate> = near.iter().map(|&i| t.events[i].start.date).collect();
        dates.sort();
        dates.dedup();
        if dates.len() < 2 {
            continue;
        }
        let d1 = dates.remove(dice.below(dates.len()));
        let d2 = dates[dice.below(dates.len())];
        let on = |d: NaiveDate, avoid: &[EventIx]| -> Vec<EventIx> {
            near.iter().copied().filter(|&i| t.events[i].start.date == d && avoid.iter().all(|&x| short(x) != short(i))).collect()
        };
        let bs = on(d1, &[a]);
        let b = *bs.get(dice.below(bs.len().max(1)))?;
        let cs = on(d2, &[a, b]);
        let c = *cs.get(dice.below(cs.len().max(1)))?;
        let mut three = [a, b, c];
        three.sort_by_key(|&i| (t.events[i].start.sort_key(), i));
        // Shown as A, B, C in a shuffled order; the choices are orders of the letters, so the
        // titles are printed whole, once.
        let mut shown = three;
        dice.shuffle(&mut shown);
        let letter = |i: EventIx| LETTERS[shown.iter().position(|&s| s == i).expect("shown holds the three")];
        let line = |p: &[usize; 3]| p.iter().map(|&k| letter(three[k])).collect::<Vec<_>>().join(" \u{2192} ");
        let mut wrong: Vec<usize> = (1..PERMS.len()).collect();
        dice.shuffle(&mut wrong);
        let choices: Vec<String> = std::iter::once(0).chain(wrong.into_iter().take(3)).map(|p| line(&PERMS[p])).collect();
        let (choices, answer) = dice.shuffle_choices(choices, 0);
        let explanation = format!(
            "Earliest first: {}.",
            three.iter().map(|&i| format!("{} ({})", t.events[i].title, t.events[i].start.day_key().heading())).collect::<Vec<_>>().join("; ")
        );
        let mut prompt = "Put these in order, earliest first:".to_string();
        for &i in &shown {
            prompt.push_str(&format!("\n{}. {}", letter(i), t.events[i].title));
        }
        return Some(Question { kind: Kind::Order, prompt, choices, answer, events: shown.to_vec(), claim: None, explanation });
    }
    None
}

// ---------------------------------------------------------------------------------------------
// Day

/// Does the title spell out the date ("5 Jan", "January 5")?
fn mentions_date(title: &str, d: NaiveDate) -> bool {
    let title = title.to_lowercase();
    let full = d.format("%B").to_string().to_lowercase();
    let abbr = d.format("%b").to_string().to_lowercase();
    let n = d.day();
    [&full, &abbr].iter().any(|m| title.contains(&format!("{n} {m}")) || title.contains(&format!("{m} {n}")))
}

fn day(t: &Timeline, ix: EventIx, dice: &mut Dice) -> Option<Question> {
    let e = &t.events[ix];
    if !is_dated(e) || mentions_date(&e.title, e.start.date) {
        return None;
    }
    let real = e.start.date;
    let end = e.end.map(|w| w.date).filter(|&d| d > real);
    let title = e.title.to_lowercase();
    let twin_days: Vec<NaiveDate> =
        t.events.iter().filter(|o| is_dated(o) && o.title.to_lowercase() == title).map(|o| o.start.date).collect();
    // A distractor day must be false: not inside the event's own span, and not the day of
    // another event with the same title (a duplicate story would make it true).
    let false_day =
        |d: NaiveDate| d != real && !end.is_some_and(|end| d > real && d <= end) && !twin_days.contains(&d);
    let mut days: Vec<NaiveDate> =
        t.events.iter().filter(|o| is_dated(o)).map(|o| o.start.date).filter(|&d| d == real || false_day(d)).collect();
    days.sort();
    days.dedup();
    // Sparse data: fill with neighbouring calendar days.
    let mut k = 1;
    while days.len() < 4 && k <= 7 {
        for d in [real.checked_sub_days(Days::new(k)), real.checked_add_days(Days::new(k))].into_iter().flatten() {
            if days.len() < 4 && false_day(d) && !days.contains(&d) {
                days.push(d);
            }
        }
        k += 1;
    }
    days.sort();
    // A window of up to four consecutive candidate days with the real one at a random
    // position, so "the middle date" is not a tell.
    let n = days.len().min(4);
    if n < 3 {
        return None;
    }
    let i = days.iter().position(|&d| d == real)?;
    let lo = i.saturating_sub(n - 1);
    let hi = i.min(days.len() - n);
    let s = lo + dice.below(hi - lo + 1);
    let window = &days[s..s + n];
    let choices: Vec<String> = window.iter().map(|&d| heading(d)).collect();
    let (choices, answer) = dice.shuffle_choices(choices, i - s);
    let verb = if end.is_some() { "begin" } else { "happen" };
    let mut explanation = match end {
        Some(end) => format!("It began on {} and went on until {}", e.start.long(), heading(end)),
        None => format!("It happened on {}", e.start.long()),
    };
    if let Some(w) = where_text(t, e) {
        explanation.push_str(&format!(" ({w})"));
    }
    explanation.push('.');
    explanation.push_str(&first_citation(e));
    Some(Question {
        kind: Kind::Day,
        prompt: quoted_prompt(&format!("On which day did this {verb}? "), &e.title, ""),
        choices,
        answer,
        events: vec![ix],
        claim: None,
        explanation,
    })
}

// ---------------------------------------------------------------------------------------------
// Region

/// Every name a region goes by, lowercased (3+ characters): name, short, aliases, other
/// languages, ISO code, and its centre's name.
fn labels(r: &Region) -> Vec<String> {
    let mut v: Vec<String> = [Some(&r.name), Some(&r.short), r.name_kk.as_ref(), r.name_ru.as_ref(), r.iso_code.as_ref()]
        .into_iter()
        .flatten()
        .chain(&r.aliases)
        .chain(r.centre.as_ref().map(|c| &c.name))
        .map(|s| s.trim().to_lowercase())
        .filter(|s| s.chars().count() >= 3)
        .collect();
    v.sort();
    v.dedup();
    v
}

/// `needle` occurs in `hay` as whole words (both already lowercase).
fn mentions(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle).any(|(i, m)| {
        let before = hay[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after = hay[i + m.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        before && after
    })
}

fn region(t: &Timeline, ix: EventIx, dice: &mut Dice) -> Option<Question> {
    let e = &t.events[ix];
    let r_ix = e.region?;
    let r = t.region(r_ix);
    if r.kind == RegionKind::Pseudo {
        return None;
    }
    let title = e.title.to_lowercase();
    let mine = labels(r);
    if mine.iter().any(|l| mentions(&title, l)) {
        return None; // "Almaty airport overrun" would give the answer away
    }
    let mut in_data = vec![false; t.regions.len()];
    for o in &t.events {
        if let Some(x) = o.region {
            in_data[x as usize] = true;
        }
    }
    let (mut near, mut far) = (Vec::new(), Vec::new());
    for (i, o) in t.regions.iter().enumerate() {
        if i == r_ix as usize || o.kind == RegionKind::Pseudo || o.created.is_some_and(|c| c.date > e.start.date) {
            continue; // not a place, or did not exist yet
        }
        // Not the same place under another label (shared name, alias or centre), not a name
        // containing the answer's ("Almaty Region" around the city of Almaty) or the reverse,
        // and not a place the title itself names.
        let (a, b) = (r.short.to_lowercase(), o.short.to_lowercase());
        if mentions(&a, &b) || mentions(&b, &a) || labels(o).iter().any(|l| mine.contains(l) || mentions(&title, l)) {
            continue;
        }
        if in_data[i] { near.push(o) } else { far.push(o) }
    }
    dice.shuffle(&mut near);
    dice.shuffle(&mut far);
    let mut choices = vec![r.short.clone()];
    for o in near.into_iter().chain(far) {
        if choices.len() == 4 {
            break;
        }
        if !choices.iter().any(|c| c.to_lowercase() == o.short.to_lowercase()) {
            choices.push(o.short.clone());
        }
    }
    if choices.len() < 3 {
        return None;
    }
    let (choices, answer) = dice.shuffle_choices(choices, 0);
    let place = e.place.as_ref().map(|p| format!(", at {},", p.name)).unwrap_or_default();
    let explanation = format!("It happened in {}{place} on {}.{}", r.name, e.start.long(), first_citation(e));
    Some(Question {
        kind: Kind::Region,
        prompt: quoted_prompt("Where did this happen? ", &e.title, ""),
        choices,
        answer,
        events: vec![ix],
        claim: None,
        explanation,
    })
}

// ---------------------------------------------------------------------------------------------
// Figure

/// Figures are comparable when they share a measure and the head of their unit ("people" in
/// "people (Almaty)"): a child's death and a national toll are both "deaths" but not rivals.
fn measure_key(f: &crate::model::Figure) -> (String, String) {
    (f.measure.clone(), f.unit.as_deref().map(unit_head).unwrap_or("").to_lowercase())
}

/// "the death toll", for "What death toll did …".
fn measure_noun(measure: &str) -> String {
    match measure {
        "deaths" => "death toll",
        "security-deaths" => "security death toll",
        "custody-deaths" => "number of deaths in custody",
        "detained" => "number of detentions",
        "detained-incident" => "number detained",
        "arrested" => "number of arrests",
        "csto-contingent" => "contingent size",
        "shutdown-hours" => "shutdown length",
        "votes-for" => "number of votes for",
        "journalists-detained" => "number of journalists detained",
        "participants" => "number of participants",
        "attackers" => "number of attackers",
        "csto-troops" => "number of CSTO troops",
        "criminal-cases" => "number of criminal cases",
        "amnestied" => "number of people amnestied",
        "convicted" => "number of people convicted",
        "injured" => "number of injured",
        "turnout" => "turnout",
        "vote-share" => "vote share",
        other => return format!("\u{201c}{}\u{201d} figure", other.replace(['-', '_'], " ")),
    }
    .to_string()
}

/// Who said it, without a trailing "(via …)" qualifier.
fn speaker(by: &str) -> &str {
    match by.rfind(" (") {
        Some(i) if by.ends_with(')') && i > 0 => by[..i].trim(),
        _ => by.trim(),
    }
}

/// "the Interior Ministry", but "Berik Asylov, Prosecutor-General" and "RFE/RL" as they are.
fn with_article(who: &str) -> String {
    const BODIES: [&str; 12] =
        ["office", "ministry", "commission", "committee", "parliament", "centre", "council", "service", "court", "channel", "agency", "government"];
    let lower = who.to_lowercase();
    if who.contains(',') || lower.starts_with("the ") || !BODIES.iter().any(|b| mentions(&lower, b)) {
        who.to_string()
    } else {
        format!("the {who}")
    }
}

fn figure(t: &Timeline, ix: EventIx, c: usize, values: &BTreeMap<(String, String), Vec<f64>>, dice: &mut Dice) -> Option<Question> {
    let e = &t.events[ix];
    let claim = e.claims.get(c)?;
    let f = claim.figure.as_ref().filter(|f| f.value.is_finite())?;
    let key = measure_key(f);
    let who = speaker(&claim.by);
    // Values the same speaker gave on the same date are also true: never offer them.
    let also_true: Vec<String> = t
        .events
        .iter()
        .flat_map(|o| &o.claims)
        .filter(|o| o.date == claim.date && speaker(&o.by).eq_ignore_ascii_case(who))
        .filter_map(|o| o.figure.as_ref().filter(|g| measure_key(g) == key))
        .map(|g| fmt_number(g.value))
        .collect();
    let right = fmt_number(f.value);
    let (mut near, mut far): (Vec<f64>, Vec<f64>) = values
        .get(&key)?
        .iter()
        .copied()
        .filter(|&v| fmt_number(v) != right && !also_true.contains(&fmt_number(v)))
        .partition(|&v| v > 0.0 && f.value > 0.0 && (v / f.value).max(f.value / v) <= 10.0);
    dice.shuffle(&mut near);
    dice.shuffle(&mut far);
    let unit = f.unit.as_deref();
    let choices: Vec<String> =
        std::iter::once(f.value).chain(near.into_iter().chain(far).take(3)).map(|v| fmt_figure(v, unit)).collect();
    if choices.len() < 3 {
        return None;
    }
    let (choices, answer) = dice.shuffle_choices(choices, 0);
    let when = match claim.date.precision {
        Precision::Day | Precision::Hour | Precision::Minute => format!("on {}", claim.date.display()),
        _ => format!("in {}", claim.date.display()),
    };
    let head = format!("What {} did ", measure_noun(&f.measure));
    let tail = format!(" give {when}?");
    // Name the speaker in full if it fits, dropping "the" if that is what it takes; cut it only
    // as a last resort.
    let room = PROMPT_WIDTH.saturating_sub(text::width(&head) + text::width(&tail));
    let full = with_article(who);
    let who_text = if text::width(&full) <= room { full } else { short_title(who, room.max(16)).into_owned() };
    let prompt = format!("{head}{who_text}{tail}");
    let source = e.sources.get(claim.source).map(|s| format!(" Source: {}.", s.citation())).unwrap_or_default();
    let mut when_cap = when.clone();
    when_cap[..1].make_ascii_uppercase();
    let explanation =
        format!("{when_cap}, {} said: {} (Claim {}.){source}", with_article(&claim.by), claim.text, claim.status.name());
    Some(Question { kind: Kind::Figure, prompt, choices, answer, events: vec![ix], claim: Some(c), explanation })
}
