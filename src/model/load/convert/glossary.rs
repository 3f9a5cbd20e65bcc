//! The glossary: each entry's term, definition and aliases are sanitised like any other text; a
//! term or alias may stand for only one entry (compared ignoring case), so a word in a text never
//! has two definitions; source ids must name a source of some event, which [`check_sources`]
//! checks once every event is known.

use std::collections::{HashMap, HashSet};

use super::fields::{check_id, name_field, required_text, shorten, text_field};
use super::{JsonPath, Problems};
use crate::model::load::native::GlossaryEntry;
use crate::model::load::path::Path;
use crate::model::sanitize::{self, Kind};
use crate::model::{Event, Term};

/// Check and convert the top-level `glossary`.
pub(super) fn glossary(entries: Vec<GlossaryEntry>, problems: &mut Problems) -> Vec<Term> {
    // Each form seen so far (lower case) and the path where it was first given.
    let mut seen: HashMap<String, String> = HashMap::new();
    let root = JsonPath::Root("glossary");
    let mut out = Vec::with_capacity(entries.len());
    for (i, g) in entries.into_iter().enumerate() {
        let path = root.at(i);
        let term = required_text(g.term, &path.key("term"), "the term", Kind::Name, problems);
        let definition = text_field(g.definition, &path.key("definition"), problems);
        if definition.trim().is_empty() {
            problems.add(path.key("definition"), "the definition is empty");
        }
        let mut note = |form: &str, at: Path, problems: &mut Problems| {
            let key = form.trim().to_lowercase();
            if key.is_empty() {
                return;
            }
            match seen.get(&key) {
                Some(first) => problems.add(
                    at,
                    format!("duplicate glossary term \"{}\" (first given at {first})", sanitize::line(&shorten(form))),
                ),
                None => {
                    seen.insert(key, at.to_string());
                }
            }
        };
        note(&term, path.key("term").to_path(), problems);
        let aliases_path = path.key("aliases");
        let aliases: Vec<String> = g
            .aliases
            .into_iter()
            .enumerate()
            .map(|(j, a)| {
                if a.trim().is_empty() {
                    problems.add(aliases_path.at(j), "the alias is empty");
                    return a;
                }
                let a = name_field(a, &aliases_path.at(j), problems);
                note(&a, aliases_path.at(j).to_path(), problems);
                a
            })
            .collect();
        let sources_path = path.key("sources");
        for (j, s) in g.sources.iter().enumerate() {
            if let Err(e) = check_id(s) {
                problems.add(sources_path.at(j), e);
            }
        }
        out.push(Term { term, definition, aliases, sources: g.sources });
    }
    out
}

/// Every glossary source id must be the id of a source of some event.
pub(super) fn check_sources(glossary: &[Term], events: &[Event], problems: &mut Problems) {
    if glossary.iter().all(|t| t.sources.is_empty()) {
        return;
    }
    let ids: HashSet<&str> = events.iter().flat_map(|e| e.sources.iter().filter_map(|s| s.id.as_deref())).collect();
    let root = JsonPath::Root("glossary");
    for (i, t) in glossary.iter().enumerate() {
        let path = root.at(i);
        let sources = path.key("sources");
        for (j, id) in t.sources.iter().enumerate() {
            if !ids.contains(id.as_str()) {
                problems.add(
                    sources.at(j),
                    format!(
                        "no source of any event has the id \"{}\" (a glossary entry cites event sources by id)",
                        sanitize::line(&shorten(id))
                    ),
                );
            }
        }
    }
}
