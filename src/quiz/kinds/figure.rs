//! Figure questions: which number did someone give on a date?

use super::region::mentions;
use super::*;

/// Figures are comparable when they share a measure and the head of their unit ("people" in
/// "people (Almaty)"): a child's death and a national toll are both "deaths" but not rivals.
pub(super) fn measure_key(f: &crate::model::Figure) -> (String, String) {
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
        "security-forces-injured" => "number of security personnel injured",
        "sought-medical-help" => "number of people who sought medical help",
        "named-victims" => "number of named victims",
        "referendum-approval" => "referendum approval share",
        "referendum-turnout" => "referendum turnout",
        "presidential-vote-share" => "presidential vote share",
        "presidential-turnout" => "presidential turnout",
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
    const BODIES: [&str; 12] = [
        "office",
        "ministry",
        "commission",
        "committee",
        "parliament",
        "centre",
        "council",
        "service",
        "court",
        "channel",
        "agency",
        "government",
    ];
    let lower = who.to_lowercase();
    if who.contains(',') || lower.starts_with("the ") || !BODIES.iter().any(|b| mentions(&lower, b)) {
        who.to_string()
    } else {
        format!("the {who}")
    }
}

pub(super) fn figure(
    t: &Timeline,
    ix: EventIx,
    c: usize,
    values: &BTreeMap<(String, String), Vec<f64>>,
    dice: &mut Dice,
) -> Option<Question> {
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
    let explanation = format!(
        "{when_cap}, {} said: {} (Claim {}.){source}",
        with_article(&claim.by),
        claim.text,
        claim.status.name()
    );
    Some(Question { kind: Kind::Figure, prompt, choices, answer, events: vec![ix], claim: Some(c), explanation })
}
