//! Quiz questions generated from a timeline: put three events in order, pick the day or the
//! region of an event, pick the figure someone gave on a date. Pure and deterministic: the same
//! timeline, seed and count always give the same questions, so a teacher can hand a whole class
//! one `--seed`.
//!
//! # Determinism
//!
//! Randomness comes only from [`fastrand::Rng::with_seed`] (WyRand, no global or OS state), and
//! the generator never iterates a `HashMap`/`HashSet`. Two details keep a seed portable:
//!
//! * fastrand's `usize` ranges and `shuffle` draw 64 or 32 bits depending on the target's
//!   pointer width, so this module never calls them: [`Dice`] draws every index with `u32`
//!   ranges and does its own Fisher–Yates shuffle, so 32- and 64-bit machines agree.
//! * WyRand itself is platform-independent, but fastrand has changed its constants in a minor
//!   release before (2.1.0). `tests::rng_stream_is_pinned` pins the first outputs of the stream,
//!   so a dependency update that would change every quiz fails the test suite instead of going
//!   unnoticed.
//!
//! # What makes a question fair
//!
//! Each question has exactly one true choice and 3 or 4 distinct choices in shuffled order; the
//! subject's text never gives the answer away (a Region question is skipped when the title names
//! the region or its centre; a Day question when the title names the date). See `kinds.rs`.

mod kinds;
#[cfg(test)]
mod tests;

use std::borrow::Cow;

use crate::model::{EventIx, Timeline};
use crate::text;

/// The kinds of question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// Put three events in chronological order.
    Order,
    /// On which day did an event happen?
    Day,
    /// Where (which region or city) did an event happen?
    Region,
    /// Which figure did someone give on a date?
    Figure,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Order, Kind::Day, Kind::Region, Kind::Figure];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Order => "order",
            Kind::Day => "day",
            Kind::Region => "region",
            Kind::Figure => "figure",
        }
    }

    fn ix(self) -> usize {
        self as usize
    }
}

/// One multiple-choice question. Only `prompt` and `choices` may be shown before the user
/// answers; `answer`, `events`, `claim` and `explanation` are for checking and feedback.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub kind: Kind,
    /// One line, at most 80 columns where possible.
    pub prompt: String,
    /// 3 or 4 distinct choices in display order.
    pub choices: Vec<String>,
    /// Index of the one true choice.
    pub answer: usize,
    /// The event(s) the question is about, for feedback (detail and sources). One event, except
    /// for [`Kind::Order`], which lists its three events in the order shown (A, B, C).
    pub events: Vec<EventIx>,
    /// For [`Kind::Figure`]: the index of the claim in `events[0]`'s `claims`.
    pub claim: Option<usize>,
    /// One or two sentences shown after answering, with the source.
    pub explanation: String,
}

impl Question {
    /// The text of the true choice.
    pub fn answer_text(&self) -> &str {
        &self.choices[self.answer]
    }
}

/// Generate up to `count` questions from `t`. Fewer are returned when the data cannot support
/// more (an empty timeline gives none). Kinds are mixed round-robin in an order shuffled by the
/// seed, and no event is the subject of two questions in one quiz.
pub fn generate(t: &Timeline, seed: u64, count: usize) -> Vec<Question> {
    generate_with(t, vec![false; t.events.len()], seed, count)
}

/// As [`generate`], with questions only about the events `among` (a filtered view, e.g.
/// `quiz --region mangystau`); other events may still be wrong choices. With every event, the
/// same questions as [`generate`] for the same seed.
pub fn generate_among(t: &Timeline, among: &[EventIx], seed: u64, count: usize) -> Vec<Question> {
    // An event outside the scope counts as already used, so it is never a question's subject.
    let mut used = vec![true; t.events.len()];
    for &ix in among {
        used[ix] = false;
    }
    generate_with(t, used, seed, count)
}

fn generate_with(t: &Timeline, mut used: Vec<bool>, seed: u64, count: usize) -> Vec<Question> {
    let mut dice = Dice::new(seed);
    let mut pools = kinds::Pools::new(t, &mut dice);
    let mut alive = [true; 4];
    let mut out = Vec::new();
    let mut round: Vec<Kind> = Vec::new();
    // Every pass either pops a kind from the round or refills it; every `next` call either
    // returns a question or kills the kind (pools only shrink), so this terminates.
    while out.len() < count && alive.iter().any(|&a| a) {
        let Some(kind) = round.pop() else {
            round = Kind::ALL.to_vec();
            dice.shuffle(&mut round);
            continue;
        };
        if !alive[kind.ix()] {
            continue;
        }
        match pools.next(kind, t, &mut used, &mut dice) {
            Some(q) => out.push(q),
            None => alive[kind.ix()] = false,
        }
    }
    out
}

/// Seeded randomness that is the same on every platform (see the module docs).
pub(crate) struct Dice(fastrand::Rng);

impl Dice {
    pub(crate) fn new(seed: u64) -> Self {
        Dice(fastrand::Rng::with_seed(seed))
    }

    /// A uniform index in `0..n`; `n` must be at least 1.
    pub(crate) fn below(&mut self, n: usize) -> usize {
        debug_assert!(n > 0);
        match u32::try_from(n) {
            Ok(n) => self.0.u32(..n) as usize,
            Err(_) => self.0.u64(..n as u64) as usize,
        }
    }

    /// Fisher–Yates, drawing with [`Dice::below`].
    pub(crate) fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }

    /// Shuffle `choices` and return them with the new index of the element that was at `answer`.
    pub(crate) fn shuffle_choices(&mut self, choices: Vec<String>, answer: usize) -> (Vec<String>, usize) {
        let mut tagged: Vec<(bool, String)> = choices.into_iter().enumerate().map(|(i, c)| (i == answer, c)).collect();
        self.shuffle(&mut tagged);
        let answer = tagged.iter().position(|(a, _)| *a).unwrap_or(0);
        (tagged.into_iter().map(|(_, c)| c).collect(), answer)
    }
}

/// Width of a prompt line.
pub(crate) const PROMPT_WIDTH: usize = 150;
/// Titles of Order questions are shown whole; two events whose titles agree up to this width are
/// never asked together, since a student could not tell them apart.
pub(crate) const ORDER_TITLE_WIDTH: usize = 60;

/// `s` cut to `max` columns, preferably at a word boundary, with "…" when cut.
pub(crate) fn short_title(s: &str, max: usize) -> Cow<'_, str> {
    let cut = text::truncate(s, max);
    let Cow::Owned(cut) = cut else { return cut };
    let body = cut.trim_end_matches('…');
    // End on a whole word when that costs only a few columns ("Almaty: march to…"), else keep
    // as much as fits ("Ex-security chief Masi…").
    if let Some(sp) = body.rfind(' ')
        && text::width(&body[..sp]) + (max / 8).max(4) >= max
    {
        let word_cut = body[..sp].trim_end_matches([' ', ',', ':', ';', '-', '—']);
        return Cow::Owned(format!("{word_cut}…"));
    }
    Cow::Owned(cut)
}

/// `{prefix}“{title}”{suffix}` with the title shortened so the line fits [`PROMPT_WIDTH`].
pub(crate) fn quoted_prompt(prefix: &str, title: &str, suffix: &str) -> String {
    let room = PROMPT_WIDTH.saturating_sub(text::width(prefix) + text::width(suffix) + 2).max(12);
    format!("{prefix}\u{201c}{}\u{201d}{suffix}", short_title(title, room))
}

/// "225", "50,000", "77.18", "-1,234.5": thousands separators, no invented decimals.
pub(crate) fn fmt_number(v: f64) -> String {
    let raw = if v.fract() == 0.0 && v.abs() < 1e15 { format!("{}", v as i64) } else { format!("{v}") };
    let (sign, digits) = raw.strip_prefix('-').map_or(("", raw.as_str()), |d| ("-", d));
    let (int, frac) = digits.split_once('.').map_or((digits, None), |(i, f)| (i, Some(f)));
    let mut grouped = String::with_capacity(int.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// The head of a unit without its qualifier: "people (Almaty)" → "people".
pub(crate) fn unit_head(unit: &str) -> &str {
    unit.split(" (").next().unwrap_or(unit).trim()
}

/// A figure as a choice: "225 people", "7,939 people", "77.18%", "150".
pub(crate) fn fmt_figure(value: f64, unit: Option<&str>) -> String {
    let n = fmt_number(value);
    match unit.map(unit_head) {
        Some("percent" | "%") => format!("{n}%"),
        Some(u) if !u.is_empty() => format!("{n} {u}"),
        _ => n,
    }
}
