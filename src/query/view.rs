//! The filtered, chronological list of events and its rows (day headings and events).

use super::filter::Filter;
use super::search::Index;
use chrono::NaiveDate;

use crate::model::when::short_offset_width;
use crate::model::{DayKey, EventIx, Timeline};
use chrono::FixedOffset;

/// The filtered events in order, with the positions where a new day begins.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct View {
    /// Indices into `Timeline::events`, chronological.
    pub events: Vec<EventIx>,
    /// Positions in `events` where a new day group starts (the first is always 0 when non-empty).
    pub day_starts: Vec<usize>,
    /// The date of each day group (parallel to `day_starts`), for the day-density strip.
    pub days: Vec<NaiveDate>,
    /// Per day group (parallel to `day_starts`): when its events' clock times are in more than
    /// one UTC offset, the width of the widest offset as the list shows it after a time ("+5" is
    /// 2, "+5:30" is 5); 0 when they share one, and the list shows times alone.
    pub offset_widths: Vec<u8>,
}

/// A row of the event list: a day heading or an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// Heading of day group `g` (index into `day_starts`).
    Day(usize),
    /// The event at this position of `View::events`.
    Event(usize),
}

impl View {
    /// The events of `t` that pass `filter`; `marked[i]` says whether event `i` is marked.
    /// `index` gives the search index, and is only called when the filter has a search.
    pub fn build<'i>(t: &Timeline, index: impl FnOnce() -> &'i Index, filter: &Filter, marked: &[bool]) -> View {
        let events = filter.apply(t, index, marked, 0..t.events.len());
        View::from_events(t, events)
    }

    /// A view of exactly these events (which must be in timeline order).
    pub fn from_events(t: &Timeline, events: Vec<EventIx>) -> View {
        let mut day_starts = Vec::new();
        let mut days = Vec::new();
        let mut offset_widths = Vec::new();
        let mut last: Option<DayKey> = None;
        // The group's first offset, whether another one came up, and the widest.
        let mut offsets: (Option<FixedOffset>, bool, usize) = (None, false, 0);
        for (pos, &ix) in events.iter().enumerate() {
            let start = &t.events[ix].start;
            let key = start.day_key();
            if last != Some(key) {
                if last.is_some() {
                    offset_widths.push(if offsets.1 { offsets.2 as u8 } else { 0 });
                }
                offsets = (None, false, 0);
                day_starts.push(pos);
                days.push(key.date);
                last = Some(key);
            }
            if let Some(o) = start.offset() {
                offsets.1 |= offsets.0.is_some_and(|first| first != o);
                offsets.0 = offsets.0.or(Some(o));
                offsets.2 = offsets.2.max(short_offset_width(o));
            }
        }
        if last.is_some() {
            offset_widths.push(if offsets.1 { offsets.2 as u8 } else { 0 });
        }
        View { events, day_starts, days, offset_widths }
    }

    /// The list's time for the event at `pos`: "13:00", or "13:00+5" on a day whose times are in
    /// more than one offset.
    pub fn list_time(&self, t: &Timeline, pos: usize) -> String {
        let start = &t.events[self.events[pos]].start;
        if self.offset_width(self.group_of(pos)) > 0 { start.list_time_with_offset() } else { start.list_time() }
    }

    /// The width of the offsets shown after the times of day group `g` (0: times alone; see
    /// [`View::offset_widths`]).
    pub fn offset_width(&self, g: usize) -> usize {
        self.offset_widths.get(g).copied().unwrap_or(0) as usize
    }

    /// Events per column when the view's date range is spread over `width` columns: the data
    /// of the day-density strip. Also returns the column of `day`, if given and in range.
    pub fn density(&self, width: usize, day: Option<NaiveDate>) -> (Vec<u32>, Option<usize>) {
        let (Some(&first), Some(&last)) = (self.days.first(), self.days.last()) else {
            return (vec![0; width], None);
        };
        if width == 0 {
            return (Vec::new(), None);
        }
        let span = (last - first).num_days() as usize + 1;
        let col = |d: NaiveDate| ((d - first).num_days().max(0) as usize * width / span).min(width - 1);
        let mut cols = vec![0u32; width];
        for (g, &d) in self.days.iter().enumerate() {
            cols[col(d)] += self.group_len(g) as u32;
        }
        (cols, day.filter(|d| (first..=last).contains(d)).map(col))
    }

    pub fn len(&self) -> usize {
        self.events.len()
    }

    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// Rows in the list: one per event plus one heading per day.
    pub fn row_count(&self) -> usize {
        self.events.len() + self.day_starts.len()
    }

    /// The day group an event position belongs to.
    pub fn group_of(&self, pos: usize) -> usize {
        self.day_starts.partition_point(|&s| s <= pos).saturating_sub(1)
    }

    /// The list row of the event at `pos`.
    pub fn row_of(&self, pos: usize) -> usize {
        pos + self.group_of(pos) + 1
    }

    /// The list row of day group `g`'s heading.
    pub fn heading_row(&self, g: usize) -> usize {
        self.day_starts[g] + g
    }

    /// What is shown at list row `row` (which must be `< row_count()`).
    pub fn row(&self, row: usize) -> Row {
        // Heading rows `day_starts[g] + g` increase strictly with g.
        let mut lo = 0;
        let mut hi = self.day_starts.len();
        while lo + 1 < hi {
            let mid = (lo + hi) / 2;
            if self.heading_row(mid) <= row { lo = mid } else { hi = mid }
        }
        let h = self.heading_row(lo);
        if row == h { Row::Day(lo) } else { Row::Event(row - lo - 1) }
    }

    /// Number of events in day group `g`.
    pub fn group_len(&self, g: usize) -> usize {
        let end = self.day_starts.get(g + 1).copied().unwrap_or(self.events.len());
        end - self.day_starts[g]
    }

    /// Position of an event in this view, if it is visible.
    pub fn position(&self, ix: EventIx) -> Option<usize> {
        self.events.binary_search(&ix).ok()
    }

    /// The position to select after a filter change: the same event if still visible, else the
    /// next later visible event, else the last one.
    pub fn nearest(&self, ix: EventIx) -> Option<usize> {
        if self.events.is_empty() {
            return None;
        }
        let p = self.events.partition_point(|&e| e < ix);
        Some(p.min(self.events.len() - 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Timeline;
    use crate::model::load::{regions_from_str, timeline_from_str};
    use crate::query::{Dictionary, Filter, Index, region_counts, region_label};
    use std::collections::BTreeSet;

    fn timeline() -> Timeline {
        let regions = regions_from_str(
            r#"{"format": "kz-timeline-regions", "version": 1, "regions": [
                {"id": "a", "name": "Alpha"}, {"id": "b", "name": "Beta"}, {"id": "n", "name": "Nationwide", "kind": "pseudo"}]}"#,
            "r",
        )
        .unwrap();
        let ev = |id: &str, date: &str, region: &str| {
            let region = if region.is_empty() { String::new() } else { format!(r#""region": "{region}","#) };
            format!(
                r#"{{"id": "{id}", "start": {{"date": "{date}"}}, "title": "{id}", "summary": "s", {region}
                "sources": [{{"publisher": "p", "title": "t"}}]}}"#
            )
        };
        let events = [
            ev("e1", "2022-01-02", "a"),
            ev("e2", "2022-01-02", "b"),
            ev("e3", "2022-01-04", "a"),
            ev("e4", "2022-01-05", "n"),
            ev("e5", "2022-01-05", ""),
            ev("e6", "2022-01-05", "b"),
        ];
        let text =
            format!(r#"{{"format": "kz-timeline", "version": 1, "title": "T", "events": [{}]}}"#, events.join(","));
        timeline_from_str(&text, "t", &regions).unwrap()
    }

    fn build(t: &Timeline, f: &Filter) -> View {
        let index = Index::build(t, Dictionary::default());
        View::build(t, || &index, f, &vec![false; t.events.len()])
    }

    #[test]
    fn rows_interleave_day_headings() {
        let t = timeline();
        let v = build(&t, &Filter::default());
        assert_eq!(v.day_starts, vec![0, 2, 3]);
        assert_eq!(v.row_count(), 9);
        let rows: Vec<Row> = (0..v.row_count()).map(|r| v.row(r)).collect();
        use Row::*;
        assert_eq!(rows, [Day(0), Event(0), Event(1), Day(1), Event(2), Day(2), Event(3), Event(4), Event(5)]);
        for pos in 0..v.len() {
            assert_eq!(v.row(v.row_of(pos)), Event(pos));
        }
        assert_eq!(v.group_len(2), 3);
    }

    #[test]
    fn a_day_mixing_offsets_shows_them_and_a_filter_can_unmix_it() {
        let text = r#"{"format": "kz-timeline", "version": 1, "title": "T", "events": [
            {"id": "aktau", "start": {"date": "2022-01-05", "time": "13:00", "utc_offset": "+05:00"}, "region": "mangystau",
             "title": "a", "summary": "s", "sources": [{"publisher": "p", "title": "t"}]},
            {"id": "almaty", "start": {"date": "2022-01-05", "time": "13:30", "utc_offset": "+06:00"}, "region": "almaty",
             "title": "b", "summary": "s", "sources": [{"publisher": "p", "title": "t"}]},
            {"id": "delhi", "start": {"date": "2022-01-06", "time": "09:00", "utc_offset": "+05:30"},
             "title": "c", "summary": "s", "sources": [{"publisher": "p", "title": "t"}]},
            {"id": "evening", "start": {"date": "2022-01-06", "period": "evening"},
             "title": "d", "summary": "s", "sources": [{"publisher": "p", "title": "t"}]},
            {"id": "almaty-2", "start": {"date": "2022-01-07", "time": "10:00", "utc_offset": "+06:00"}, "region": "almaty",
             "title": "e", "summary": "s", "sources": [{"publisher": "p", "title": "t"}]},
            {"id": "aktau-2", "start": {"date": "2022-01-07", "time": "09:00", "utc_offset": "+05:00"}, "region": "mangystau",
             "title": "f", "summary": "s", "sources": [{"publisher": "p", "title": "t"}]},
            {"id": "almaty-3", "start": {"date": "2022-01-07", "time": "10:30", "utc_offset": "+06:00"}, "region": "almaty",
             "title": "g", "summary": "s", "sources": [{"publisher": "p", "title": "t"}]}]}"#;
        let t = timeline_from_str(text, "t", crate::model::load::bundled_regions()).unwrap();
        let v = build(&t, &Filter::default());
        // 5 Jan: +5 and +6; 6 Jan: one time only; 7 Jan: +6, +5, +6.
        assert_eq!(v.offset_widths, [2, 0, 2]);
        assert_eq!(v.offset_width(2), 2);
        let almaty = t.region_by_id("almaty");
        let f = Filter { regions: [almaty].into_iter().collect::<BTreeSet<_>>(), ..Filter::default() };
        assert_eq!(build(&t, &f).offset_widths, [0, 0], "only Almaty's times are listed");
        let v = View::from_events(&t, vec![2, 4]);
        assert_eq!(v.offset_widths, [0, 0]);
    }

    #[test]
    fn density_spreads_days_over_columns() {
        let t = timeline();
        let v = build(&t, &Filter::default()); // 2, 4 and 5 Jan: 2, 1 and 3 events
        let d = |day| chrono::NaiveDate::from_ymd_opt(2022, 1, day).unwrap();
        assert_eq!(v.days, vec![d(2), d(4), d(5)]);
        assert_eq!(v.density(4, Some(d(4))), (vec![2, 0, 1, 3], Some(2)));
        assert_eq!(v.density(2, None), (vec![2, 4], None));
        assert_eq!(v.density(8, Some(d(9))).1, None);
        assert_eq!(View::default().density(3, None), (vec![0, 0, 0], None));
    }

    #[test]
    fn region_filter_is_an_or_within_regions() {
        let t = timeline();
        let f =
            Filter { regions: [t.region_by_id("a"), None].into_iter().collect::<BTreeSet<_>>(), ..Filter::default() };
        let v = build(&t, &f);
        let ids: Vec<&str> = v.events.iter().map(|&i| t.events[i].id.as_str()).collect();
        assert_eq!(ids, ["e1", "e3", "e5"]);
        assert_eq!(v.day_starts, vec![0, 1, 2]);
    }

    #[test]
    fn nearest_keeps_the_event_or_moves_forward() {
        let t = timeline();
        let f = Filter { regions: [t.region_by_id("b")].into_iter().collect::<BTreeSet<_>>(), ..Filter::default() };
        let v = build(&t, &f); // e2 (ix 1), e6 (ix 5)
        assert_eq!(v.nearest(1), Some(0));
        assert_eq!(v.nearest(2), Some(1));
        assert_eq!(v.nearest(5), Some(1));
        assert_eq!(View::default().nearest(3), None);
    }

    #[test]
    fn region_counts_list_regions_with_events_then_pseudo_then_none() {
        let t = timeline();
        let labels: Vec<String> =
            region_counts(&t).into_iter().map(|(k, n)| format!("{} ({n})", region_label(&t, k))).collect();
        assert_eq!(labels, ["Alpha (2)", "Beta (2)", "Nationwide (1)", "No region (1)"]);
    }
}
