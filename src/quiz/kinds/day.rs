//! Day questions: on which day did an event happen?

use super::*;

/// Does the title spell out the date ("5 Jan", "January 5")?
fn mentions_date(title: &str, d: NaiveDate) -> bool {
    let title = title.to_lowercase();
    let full = d.format("%B").to_string().to_lowercase();
    let abbr = d.format("%b").to_string().to_lowercase();
    let n = d.day();
    [&full, &abbr].iter().any(|m| title.contains(&format!("{n} {m}")) || title.contains(&format!("{m} {n}")))
}

pub(super) fn day(t: &Timeline, ix: EventIx, dice: &mut Dice) -> Option<Question> {
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
    let false_day = |d: NaiveDate| d != real && !end.is_some_and(|end| d > real && d <= end) && !twin_days.contains(&d);
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
