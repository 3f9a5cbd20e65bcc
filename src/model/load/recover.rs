//! Checking a timeline event by event, so that one broken event (a missing title, an unknown
//! field, a wrong type) is one problem and the rest of the file is still checked.
//!
//! A file that parses whole goes straight to [`check`]. One that does not, although it is
//! well-formed JSON, is split with the structural scanner: its top level (without the events) is
//! parsed on its own, dropping unknown top-level keys one at a time so that each is reported; each
//! event is then parsed on its own. The events that parse are checked as usual; for each one that
//! does not, its first structural problem is listed, and its id and related ids (when readable)
//! still count for the checks across events, so they cause no second-hand problems.

use serde::de::DeserializeOwned;

use super::convert::{self, Problem};
use super::json_scan::{self, Member};
use super::native::{EventEntry, TimelineFile};
use super::path::{Path, Seg};
use super::problems::Found;
use super::wording;
use crate::model::{Region, Timeline};

/// Parse `text` as `T`; on failure, parse again with path tracking to say where.
pub(super) fn parse_tracked<T: DeserializeOwned>(text: &str) -> Result<T, (serde_json::Error, Path)> {
    serde_json::from_str::<T>(text).map_err(|first| {
        let mut de = serde_json::Deserializer::from_str(text);
        match serde_path_to_error::deserialize::<_, T>(&mut de) {
            Err(e) => {
                let path = Path::from_serde(e.path());
                (e.into_inner(), path)
            }
            // The value parsed but something follows it: the first error says what.
            Ok(_) => (first, Path::root()),
        }
    })
}

/// The problem a value of the wrong shape at `path` is (a data error: the JSON itself is fine).
pub(super) fn shape_problem(err: &serde_json::Error, path: Path) -> Problem {
    Problem { message: wording::serde_message(err, None, path.is_empty()), path, warning: false }
}

/// An event that could not be read, and what can still be said about it.
pub(super) struct Unread {
    pub problem: Problem,
    /// Its id and related ids, when they are strings.
    pub id: Option<String>,
    pub related: Vec<String>,
}

impl Unread {
    fn new(raw: &str, problem: Problem) -> Unread {
        let v: serde_json::Value = serde_json::from_str(raw).unwrap_or_default();
        let id = v.get("id").and_then(|i| i.as_str()).map(str::to_string);
        let related = v
            .get("related")
            .and_then(|r| r.as_array())
            .map(|a| a.iter().filter_map(|r| r.as_str().map(str::to_string)).collect())
            .unwrap_or_default();
        Unread { problem, id, related }
    }
}

/// Check the top level and the events, adding every problem to `found`; the timeline when
/// there are none. `head` is `None` when the top level could not be read (its problem is already
/// in `found`): the events are then only read, not checked against it.
pub(super) fn check(
    head: Option<TimelineFile>,
    events: impl Iterator<Item = Result<EventEntry, Unread>>,
    default_regions: &[Region],
    found: &mut Found,
) -> Option<Timeline> {
    let Some(mut file) = head else {
        events.filter_map(Result::err).for_each(|u| found.push(u.problem));
        return None;
    };
    let mut problems = Vec::new();
    let head = convert::head(&mut file, default_regions, &mut problems);
    found.extend(problems.drain(..));
    let lk = convert::Lookup::new(&head);
    let n = events.size_hint().0;
    let (mut converted, mut related) = (Vec::with_capacity(n), Vec::with_capacity(n));
    let mut stand_in: Option<EventEntry> = None;
    for (i, e) in events.enumerate() {
        let entry = match e {
            Ok(entry) => entry,
            Err(u) => {
                found.push(u.problem);
                // A stand-in with the event's id and related ids, for the checks across events;
                // what checking it finds is not reported (the event's problem already is).
                let mut s = stand_in.get_or_insert_with(stand_in_event).clone();
                // An id that no real event can have (a NUL), when the event's cannot be read.
                s.id = u.id.unwrap_or_else(|| format!("\0{i}"));
                s.related = u.related;
                let (ev, mut rel) = convert::event_checked(s, i, &lk, &mut Vec::new());
                rel.stand_in = true;
                converted.push(ev);
                related.push(rel);
                continue;
            }
        };
        let (ev, rel) = convert::event_checked(entry, i, &lk, &mut problems);
        found.extend(problems.drain(..));
        converted.push(ev);
        related.push(rel);
    }
    drop(lk);
    match convert::finish(head, converted, related, Vec::new()) {
        Ok((t, _)) if found.is_empty() => Some(t),
        Ok(_) => None,
        Err(p) => {
            found.extend(p);
            None
        }
    }
}

fn stand_in_event() -> EventEntry {
    let v = serde_json::json!({"id": "", "start": {"date": "2022"}, "title": "-", "summary": "-"});
    serde_json::from_value(v).expect("a minimal event")
}

/// Read a well-formed JSON document that does not parse as a timeline piece by piece (see the
/// module documentation), adding every problem to `found`.
pub(super) fn recover(text: &str, default_regions: &[Region], found: &mut Found) {
    let b = text.as_bytes();
    let members = json_scan::members(b, json_scan::skip_ws(b, 0));
    let events: Vec<&Member> = members.iter().filter(|m| m.key == "events").collect();
    // The events are taken out only when there is one list of them; otherwise the top level's
    // parse says what is wrong with them.
    let (elements, head_members): (Option<_>, Vec<&Member>) = match events.as_slice() {
        [m] if b.get(m.value.start) == Some(&b'[') => {
            (Some(json_scan::elements(b, m.value.start)), members.iter().filter(|m| m.key != "events").collect())
        }
        _ => (None, members.iter().collect()),
    };
    let head = read_head(text, head_members, elements.is_some(), found);
    let events = elements.into_iter().flatten().enumerate().map(|(i, r)| {
        let raw = &text[r];
        parse_tracked::<EventEntry>(raw)
            .map_err(|(err, path)| Unread::new(raw, shape_problem(&err, Path::root().key("events").at(i).join(path))))
    });
    check(head, events, default_regions, found);
}

/// Parse the top level from its members (and an empty list of events when `events` was taken
/// out). An unknown top-level key is reported and left out, and the rest parsed again; any other
/// problem is reported and ends the attempt.
fn read_head(text: &str, mut members: Vec<&Member>, events: bool, found: &mut Found) -> Option<TimelineFile> {
    loop {
        let mut head = String::from("{");
        for m in &members {
            if head.len() > 1 {
                head.push(',');
            }
            head.push_str(&text[m.key_start..m.value.end]);
        }
        if events {
            head.push_str(if head.len() > 1 { ",\"events\":[]" } else { "\"events\":[]" });
        }
        head.push('}');
        let (err, path) = match parse_tracked::<TimelineFile>(&head) {
            Ok(file) => return Some(file),
            Err(e) => e,
        };
        let unknown_key = match path.segs() {
            [Seg::Key(k)] if err.to_string().starts_with("unknown field") => Some(k.clone()),
            _ => None,
        };
        found.push(shape_problem(&err, path));
        let k = unknown_key?;
        let before = members.len();
        members.retain(|m| m.key != k);
        if members.len() == before {
            return None;
        }
    }
}
