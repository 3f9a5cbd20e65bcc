//! Chronological order, and the checks of the order hints (`after`).
//!
//! Events are grouped by local date (a month- or year-only date before the days of its first
//! day); the grouping never looks at offsets. Within a day:
//! - an event with a clock time is placed by its instant, so 13:00 at UTC+5 comes after 13:30 at
//!   UTC+6 (equal instants keep file order);
//! - an event with only a part of the day is placed at its nominal local hour (night 02:00,
//!   morning 09:00, afternoon 15:00, evening 20:00) in its region's offset, or, when the region
//!   has none, in the usual offset: the one most of the day's times use, or, on a day without
//!   times, most of the file's (UTC when the file has no times at all);
//! - an event with only the date comes first, unless it has an order hint: `"after": "id"` puts it
//!   right after that event of the same day, before whatever follows that event (several events
//!   after the same one keep file order; chains are followed). The hint decides, whatever the
//!   event's part of the day. Events with a clock time cannot have one.

use std::collections::HashMap;

use chrono::FixedOffset;

use super::fields::shorten;
use super::{Path, Problems};
use crate::model::{Event, Region, sanitize};

/// Check the resolved hints (`after[i]` is the file position of the event `i` follows): only
/// events without a clock time, the same day, no circles. Problems name `events[i].after`.
/// Days are not compared with a `stand_in` (an event that could not be read).
pub(super) fn check_hints(events: &[Event], after: &[Option<usize>], stand_in: &[bool], problems: &mut Problems) {
    let quoted = |i: usize| format!("\"{}\"", sanitize::line(&shorten(&events[i].id)));
    for (i, target) in after.iter().enumerate() {
        let Some(k) = *target else { continue };
        let e = &events[i];
        if let Some(t) = e.start.time {
            problems.add(
                Path::root().key("events").at(i).key("after"),
                format!(
                    "\"after\" is for events without a clock time; this one is placed by its time ({})",
                    t.time.format("%H:%M")
                ),
            );
        }
        let (day, other) = (e.start.day_key(), events[k].start.day_key());
        if day != other && !stand_in[i] && !stand_in[k] {
            problems.add(
                Path::root().key("events").at(i).key("after"),
                format!(
                    "{} is on another day ({}, this event {}); \"after\" orders events within one day",
                    quoted(k),
                    other.heading(),
                    day.heading()
                ),
            );
        }
    }
    // Each event follows at most one other, so a circle is found by walking from each event.
    let mut state = vec![0u8; after.len()]; // 0 not seen, 1 on the current walk, 2 done
    for start in 0..after.len() {
        let mut walk = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at {
            match state[i] {
                0 => {
                    state[i] = 1;
                    walk.push(i);
                    at = after[i];
                }
                1 => {
                    let circle = &walk[walk.iter().position(|&w| w == i).expect("on the walk")..];
                    let first = *circle.iter().min().expect("not empty");
                    let from = circle.iter().position(|&c| c == first).expect("in the circle");
                    let mut names: Vec<String> =
                        circle[from..].iter().chain(&circle[..from]).map(|&c| quoted(c)).collect();
                    names.push(quoted(first));
                    problems.add(
                        Path::root().key("events").at(first).key("after"),
                        format!("the order hints go round in a circle: {}", names.join(" after ")),
                    );
                    break;
                }
                _ => break,
            }
        }
        for w in walk {
            state[w] = 2;
        }
    }
}

/// The chronological order of `events` (in file order, with `after` holding file positions): the
/// file position of each event in turn, or `None` when that is the file's own order.
pub(super) fn chronological(events: &[Event], regions: &[Region]) -> Option<Vec<u32>> {
    let n = events.len();
    let day = |i: u32| events[i as usize].start.day_order();
    let mut order: Vec<u32> = (0..n as u32).collect();
    if !order.is_sorted_by_key(|&i| day(i)) {
        order.sort_by_key(|&i| (day(i), i));
    }
    // The offset most of the file's times use, worked out only if a day needs it.
    let file_usual = std::cell::OnceCell::new();
    let file_usual = || {
        *file_usual.get_or_init(|| {
            most_common(events.iter().filter_map(|e| e.start.offset()))
                .unwrap_or(FixedOffset::east_opt(0).expect("UTC"))
        })
    };
    let mut start = 0;
    while start < n {
        let d = day(order[start]);
        let len = order[start..].iter().take_while(|&&i| day(i) == d).count();
        if len > 1 {
            place_day(&mut order[start..start + len], events, regions, &file_usual);
        }
        start += len;
    }
    let identity = order.iter().enumerate().all(|(k, &i)| k as u32 == i);
    (!identity).then_some(order)
}

/// The most common of `offsets`; the first seen wins a tie.
fn most_common(offsets: impl Iterator<Item = FixedOffset>) -> Option<FixedOffset> {
    let mut counts: HashMap<i32, (usize, usize)> = HashMap::new();
    for (k, o) in offsets.enumerate() {
        counts.entry(o.local_minus_utc()).or_insert((0, k)).0 += 1;
    }
    let best = counts.into_iter().max_by_key(|&(_, (n, first))| (n, std::cmp::Reverse(first)))?;
    FixedOffset::east_opt(best.0)
}

/// Order one day's events (file positions, in file order) in place.
fn place_day(day: &mut [u32], events: &[Event], regions: &[Region], file_usual: &dyn Fn() -> FixedOffset) {
    let ev = |i: u32| &events[i as usize];
    let region_offset = |e: &Event| e.region.and_then(|r| regions.get(r as usize)).and_then(|r| r.utc_offset);
    let needs_usual = day.iter().any(|&i| ev(i).start.time.is_none() && region_offset(ev(i)).is_none());
    let usual = match needs_usual {
        true => most_common(day.iter().filter_map(|&i| ev(i).start.offset())).unwrap_or_else(file_usual),
        false => FixedOffset::east_opt(0).expect("UTC"),
    };
    let key = |&i: &u32| (ev(i).start.position(region_offset(ev(i)).unwrap_or(usual)), i);
    if day.iter().all(|&i| ev(i).after.is_none()) {
        if !day.is_sorted_by_key(key) {
            day.sort_by_key(key);
        }
        return;
    }
    let mut anchors: Vec<u32> = day.iter().copied().filter(|&i| ev(i).after.is_none()).collect();
    anchors.sort_by_key(key);
    // The events placed after each event, in file order.
    let mut followers: HashMap<u32, Vec<u32>> = HashMap::new();
    for &i in day.iter() {
        if let Some(t) = ev(i).after {
            followers.entry(t as u32).or_default().push(i);
        }
    }
    let mut out = Vec::with_capacity(day.len());
    let mut stack: Vec<u32> = anchors.into_iter().rev().collect();
    while let Some(i) = stack.pop() {
        out.push(i);
        if let Some(f) = followers.get(&i) {
            stack.extend(f.iter().rev());
        }
    }
    if out.len() == day.len() {
        day.copy_from_slice(&out);
    } else {
        // Only a hint to another day or in a circle leaves events out, and those are problems.
        debug_assert!(false, "order hints not checked");
        day.sort_by_key(key);
    }
}
