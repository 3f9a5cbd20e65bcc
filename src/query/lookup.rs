//! Names typed for a filter (`--region`, `--category`, `--actor`), found in a timeline in any
//! spelling, with a "did you mean" when nothing matches.
//!
//! A region is found by any name `kz-timeline regions` prints (id, English, Kazakh and Russian
//! names, short name, ISO 3166-2 codes) or one of its aliases, compared after folding (case,
//! script, transliteration: `Алматы`, `Ақтөбе облысы`, `aqtobe`, `KZ-MAN`). A name with its
//! generic word left out also counts when only one region has it (`Актюбинская` for
//! "Актюбинская область"), and so does either part of a name like "Astana (Nur-Sultan)".

use std::collections::{BTreeMap, BTreeSet};

use super::fold::fold;
use super::search::Dictionary;
use crate::model::{RegionIx, Timeline};

/// Words that name a kind of place, left out for the second-chance region match.
const GENERIC: [&str; 9] = ["region", "oblast", "oblisi", "oblis", "city", "kalasi", "gorod", "province", "oblasti"];

/// Every name of region `r`, folded.
fn region_names(t: &Timeline, r: usize) -> Vec<String> {
    let reg = &t.regions[r];
    let mut v: Vec<&str> = vec![&reg.id, &reg.name, &reg.short];
    v.extend(reg.name_kk.as_deref());
    v.extend(reg.name_ru.as_deref());
    v.extend(reg.iso_code.as_deref());
    v.extend(reg.iso_code_current.as_deref());
    v.extend(reg.aliases.iter().map(String::as_str));
    let mut out: Vec<String> = Vec::new();
    for name in v {
        out.push(fold(name));
        // "Astana (Nur-Sultan)": each part is a name too.
        if let Some((outside, inside)) = name.split_once('(') {
            out.push(fold(outside));
            let inside = fold(inside.trim_end_matches(')'));
            if !without_generic(&inside).is_empty() {
                out.push(inside);
            }
        }
    }
    out.retain(|n| !n.is_empty());
    out
}

/// A folded name without its generic words ("aktiubinskaia oblast" → "aktiubinskaia").
fn without_generic(folded: &str) -> String {
    folded.split(' ').filter(|w| !GENERIC.contains(w)).collect::<Vec<_>>().join(" ")
}

/// Why a region name was not found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegionMiss {
    /// Several regions have this name.
    Ambiguous(Vec<RegionIx>),
    /// No region has it: the nearest spelling, if any is close, and the regions of events whose
    /// place has this name (a town, not a region).
    Unknown { close: Option<RegionIx>, place_in: Vec<(String, RegionIx)> },
}

/// The region `query` names.
pub fn find_region(t: &Timeline, query: &str) -> Result<RegionIx, RegionMiss> {
    let q = fold(query);
    let names: Vec<Vec<String>> = (0..t.regions.len()).map(|r| region_names(t, r)).collect();
    let hits = |matches: &dyn Fn(&str) -> bool| -> Vec<RegionIx> {
        (0..names.len()).filter(|&r| names[r].iter().any(|n| matches(n))).map(|r| r as RegionIx).collect()
    };
    if q.is_empty() {
        return Err(RegionMiss::Unknown { close: None, place_in: Vec::new() });
    }
    let exact = hits(&|n| n == q);
    match exact.as_slice() {
        [one] => return Ok(*one),
        [] => {}
        _ => return Err(RegionMiss::Ambiguous(exact)),
    }
    let bare = without_generic(&q);
    let loose = hits(&|n| !bare.is_empty() && without_generic(n) == bare);
    if let [one] = loose.as_slice() {
        return Ok(*one);
    }
    // The nearest name within a third of its length in edits (at least one).
    let qr = &q;
    let close = names
        .iter()
        .enumerate()
        .flat_map(|(r, ns)| ns.iter().map(move |n| (strsim::levenshtein(n, qr), n.chars().count(), r)))
        .filter(|&(dist, len, _)| dist <= (len / 3).max(1))
        .min_by_key(|&(dist, _, r)| (dist, r))
        .map(|(_, _, r)| r as RegionIx);
    // A town or place ("Zhanaozen", "Republic Square, Almaty"): where its events are, or
    // whose centre it is.
    let is_place = |name: &str| fold(name) == q || name.split(',').any(|part| fold(part) == q);
    let mut place_in: BTreeMap<RegionIx, String> = BTreeMap::new();
    let centres = t.regions.iter().enumerate().filter_map(|(r, reg)| Some((reg.centre.as_ref()?, r as RegionIx)));
    let places = t.events.iter().filter_map(|e| Some((e.place.as_ref()?, e.region?)));
    for (p, r) in centres.chain(places) {
        if is_place(&p.name) && t.region(r).kind != crate::model::RegionKind::Pseudo {
            place_in.entry(r).or_insert_with(|| p.name.clone());
        }
    }
    Err(RegionMiss::Unknown { close, place_in: place_in.into_iter().map(|(r, n)| (n, r)).collect() })
}

/// A message for a region that was not found, for a command-line option such as `--region`.
pub fn region_miss_message(t: &Timeline, flag: &str, query: &str, miss: &RegionMiss) -> String {
    let q = crate::model::sanitize::line(query);
    let describe = |r: RegionIx| format!("\"{}\" ({})", t.region(r).id, t.region(r).name);
    match miss {
        RegionMiss::Ambiguous(rs) => {
            let v: Vec<String> = rs.iter().map(|&r| describe(r)).collect();
            format!("{flag}: \"{q}\" names several regions: {}; use one of the ids", v.join(", "))
        }
        RegionMiss::Unknown { place_in, .. } if !place_in.is_empty() => {
            let regions: Vec<String> = place_in.iter().map(|&(_, r)| t.region(r).name.clone()).collect();
            let ids: Vec<&str> = place_in.iter().map(|&(_, r)| t.region(r).id.as_str()).collect();
            format!(
                "{flag}: \"{q}\" is not a region but a place in {}: use {flag} {}, or --search \"{q}\" for every event that mentions it",
                regions.join(" and "),
                ids.join(&format!(" {flag} "))
            )
        }
        RegionMiss::Unknown { close: Some(r), .. } => {
            format!("{flag}: unknown region \"{q}\"; did you mean {}?", describe(*r))
        }
        RegionMiss::Unknown { close: None, .. } => format!(
            "{flag}: unknown region \"{q}\"; `kz-timeline regions` lists every region with its names (--search finds any mention)"
        ),
    }
}

/// A category id by id or name, in any case or spelling; without declared categories, the ids
/// the events use.
pub fn find_category(t: &Timeline, query: &str) -> Option<String> {
    let q = fold(query);
    if q.is_empty() {
        return None;
    }
    t.categories
        .iter()
        .find(|c| fold(&c.id) == q || fold(&c.name) == q)
        .map(|c| c.id.clone())
        .or_else(|| t.events.iter().flat_map(|e| &e.categories).find(|c| fold(c) == q).cloned())
}

/// The category ids a timeline knows (declared, else used), for messages.
pub fn category_ids(t: &Timeline) -> Vec<String> {
    if !t.categories.is_empty() {
        return t.categories.iter().map(|c| c.id.clone()).collect();
    }
    t.events.iter().flat_map(|e| e.categories.iter().cloned()).collect::<BTreeSet<_>>().into_iter().collect()
}

/// The actor strings of `t` that mean `query`: the same after folding (case, accents, script,
/// transliteration), or spellings of one name in the dictionary.
pub fn find_actors(t: &Timeline, query: &str, dictionary: &Dictionary) -> BTreeSet<String> {
    let spellings: BTreeSet<String> = dictionary.expand(&fold(query)).into_iter().collect();
    t.events.iter().flat_map(|e| &e.actors).filter(|a| spellings.contains(&fold(a))).cloned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load::bundled_timeline;

    fn id(t: &Timeline, q: &str) -> Result<String, RegionMiss> {
        find_region(t, q).map(|r| t.region(r).id.clone())
    }

    #[test]
    fn every_name_regions_prints_finds_its_region() {
        let t = bundled_timeline().unwrap();
        for r in 0..t.regions.len() {
            let reg = &t.regions[r];
            let mut names = vec![reg.id.clone(), reg.name.clone(), reg.short.clone()];
            names.extend(reg.name_kk.clone());
            names.extend(reg.name_ru.clone());
            names.extend(reg.iso_code.clone());
            names.extend(reg.aliases.iter().cloned());
            for n in names {
                assert_eq!(id(&t, &n), Ok(reg.id.clone()), "{n}");
                assert_eq!(id(&t, &n.to_uppercase()), Ok(reg.id.clone()), "{n} in capitals");
            }
        }
        for (q, want) in [
            ("Алматы", "almaty"),
            ("Ақтөбе облысы", "aktobe"),
            ("Маңғыстау облысы", "mangystau"),
            ("Нур-Султан", "astana"),
            ("Nur-Sultan", "astana"),
            ("Актюбинская", "aktobe"),
            ("aqtobe", "aktobe"),
            ("kz-man", "mangystau"),
            ("Almaty city", "almaty"),
            ("Mangyshlak", "mangystau"),
        ] {
            assert_eq!(id(&t, q), Ok(want.to_string()), "{q}");
        }
    }

    #[test]
    fn near_misses_and_places_get_a_hint() {
        let t = bundled_timeline().unwrap();
        let miss = |q: &str| find_region(&t, q).unwrap_err();
        let msg = |q: &str| region_miss_message(&t, "--region", q, &miss(q));
        assert_eq!(
            msg("mangystaw"),
            "--region: unknown region \"mangystaw\"; did you mean \"mangystau\" (Mangystau Region)?"
        );
        assert_eq!(
            msg("Pavladar"),
            "--region: unknown region \"Pavladar\"; did you mean \"pavlodar\" (Pavlodar Region)?"
        );
        // Doubled letters fold away: this is a spelling, not a miss.
        assert_eq!(id(&t, "Akmolla"), Ok("akmola".to_string()));
        assert!(msg("narnia").starts_with("--region: unknown region \"narnia\"; `kz-timeline regions` lists"));
        assert_eq!(
            msg("zhanaozen"),
            "--region: \"zhanaozen\" is not a region but a place in Mangystau Region: use --region mangystau, \
             or --search \"zhanaozen\" for every event that mentions it"
        );
    }
}
