//! Order questions: put three events in chronological order.

use super::*;

/// Labels of the three events of an Order question.
const LETTERS: [&str; 3] = ["A", "B", "C"];

/// The six orderings of three items; the first is the true one.
const PERMS: [[usize; 3]; 6] = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];

/// `short[i]` is event `i`'s title as shown; `unique[i]` says no other event shares it (a short
/// title must name one event only: "State of emergency…" could be any of five).
pub(super) fn order(
    t: &Timeline,
    a: EventIx,
    short: &[String],
    unique: &[bool],
    used: &[bool],
    dice: &mut Dice,
) -> Option<Question> {
    let ea = &t.events[a];
    let short = |i: EventIx| short[i].as_str();
    let unique = |i: EventIx| unique[i];
    if !unique(a) {
        return None;
    }
    let others: Vec<EventIx> = (0..t.events.len())
        .filter(|&i| {
            i != a && !used[i] && is_dated(&t.events[i]) && t.events[i].start.date != ea.start.date && unique(i)
        })
        .collect();
    // Prefer events close in time, so the question is not answered by the year alone.
    for window in [10, 21, 62, 183, i64::MAX] {
        let near: Vec<EventIx> = others
            .iter()
            .copied()
            .filter(|&i| (t.events[i].start.date - ea.start.date).num_days().abs() <= window)
            .collect();
        let mut dates: Vec<NaiveDate> = near.iter().map(|&i| t.events[i].start.date).collect();
        dates.sort();
        dates.dedup();
        if dates.len() < 2 {
            continue;
        }
        let d1 = dates.remove(dice.below(dates.len()));
        let d2 = dates[dice.below(dates.len())];
        let on = |d: NaiveDate, avoid: &[EventIx]| -> Vec<EventIx> {
            near.iter()
                .copied()
                .filter(|&i| t.events[i].start.date == d && avoid.iter().all(|&x| short(x) != short(i)))
                .collect()
        };
        let bs = on(d1, &[a]);
        let b = *bs.get(dice.below(bs.len().max(1)))?;
        let cs = on(d2, &[a, b]);
        let c = *cs.get(dice.below(cs.len().max(1)))?;
        let mut three = [a, b, c];
        // Timeline order is chronological order.
        three.sort_unstable();
        // Shown as A, B, C in a shuffled order; the choices are orders of the letters, so the
        // titles are printed whole, once.
        let mut shown = three;
        dice.shuffle(&mut shown);
        let letter = |i: EventIx| LETTERS[shown.iter().position(|&s| s == i).expect("shown holds the three")];
        let line = |p: &[usize; 3]| p.iter().map(|&k| letter(three[k])).collect::<Vec<_>>().join(" \u{2192} ");
        let mut wrong: Vec<usize> = (1..PERMS.len()).collect();
        dice.shuffle(&mut wrong);
        let choices: Vec<String> =
            std::iter::once(0).chain(wrong.into_iter().take(3)).map(|p| line(&PERMS[p])).collect();
        let (choices, answer) = dice.shuffle_choices(choices, 0);
        let explanation = format!(
            "Earliest first: {}.",
            three
                .iter()
                .map(|&i| format!("{} ({})", t.events[i].title, t.events[i].start.day_key().heading()))
                .collect::<Vec<_>>()
                .join("; ")
        );
        let mut prompt = "Put these in order, earliest first:".to_string();
        for &i in &shown {
            prompt.push_str(&format!("\n{}. {}", letter(i), t.events[i].title));
        }
        return Some(Question {
            kind: Kind::Order,
            prompt,
            choices,
            answer,
            events: shown.to_vec(),
            claim: None,
            explanation,
        });
    }
    None
}
