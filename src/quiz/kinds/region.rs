//! Region questions: where did an event happen?

use super::*;

/// Every name a region goes by, lowercased (3+ characters): name, short, aliases, other
/// languages, ISO code, and its centre's name.
fn labels(r: &Region) -> Vec<String> {
    let mut v: Vec<String> =
        [Some(&r.name), Some(&r.short), r.name_kk.as_ref(), r.name_ru.as_ref(), r.iso_code.as_ref()]
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
pub(super) fn mentions(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle).any(|(i, m)| {
        let before = hay[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after = hay[i + m.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        before && after
    })
}

pub(super) fn region(t: &Timeline, ix: EventIx, dice: &mut Dice) -> Option<Question> {
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
