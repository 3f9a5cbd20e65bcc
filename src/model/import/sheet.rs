//! TimelineJS's Google-Sheet template saved as CSV: Year, Month, Day, Time, End Year, End Month,
//! End Day, End Time, Display Date, Headline, Text, Media, Media Credit, Media Caption, Media
//! Thumbnail, Alt Text, Type, Group, Background (and the camelCase names of the "local" CSV
//! dialect: headers are normalised). `Type` `title` gives the timeline's title, `era` an era
//! (not drawn yet: a warning), anything else an event. As in TimelineJS, numbers may carry
//! thousands separators (`1,337`), and `Present` is accepted as an end year.

use super::csvrows::{self, Row, Table};
use super::dates::{self, Parsed};
use super::timelinejs::event;
use super::{Draft, EventOrigin, Ids, Options, Origin, html, link_source};

pub fn read(text: &str, opts: &Options) -> Result<Draft, (Origin, String)> {
    let t = csvrows::read(text)?;
    let col = |n: &[&str]| t.any_column(n);
    let c = Cols {
        year: col(&["year"]),
        month: col(&["month"]),
        day: col(&["day"]),
        time: col(&["time"]),
        end_year: col(&["end_year"]),
        end_month: col(&["end_month"]),
        end_day: col(&["end_day"]),
        end_time: col(&["end_time"]),
        display: col(&["display_date"]),
        headline: col(&["headline"]),
        text: col(&["text"]),
        media: col(&["media"]),
        credit: col(&["media_credit"]),
        caption: col(&["media_caption"]),
        kind: col(&["type"]),
        group: col(&["group", "tag"]),
        background: col(&["background"]),
    };
    let mut draft = Draft::new("Untitled timeline".into(), t.header_origin());
    draft.warnings.extend(t.warnings.iter().cloned());
    if c.year.is_none() {
        return Err((
            t.header_origin(),
            format!("no \"Year\" column, so no event has a date (the columns are: {})", t.listed()),
        ));
    }
    let mut ids = Ids::default();
    let mut dropped_time = false;
    for row in &t.rows {
        let kind = t.cell(row, c.kind);
        if kind == "title" {
            let h = html::to_line(t.cell(row, c.headline));
            if !h.is_empty() {
                draft.file.title = h;
            }
            draft.file.description = html::to_text(t.cell(row, c.text)).0;
            continue;
        }
        if kind == "era" {
            let start = date(&t, row, [c.year, c.month, c.day], None, &mut draft);
            let end = if t.cell(row, c.end_year).is_empty() {
                None
            } else {
                date(&t, row, [c.end_year, c.end_month, c.end_day], None, &mut draft)
            };
            match start.map(|s| super::era(html::to_line(t.cell(row, c.headline)), &s, end.as_ref())) {
                Some(Ok(e)) => draft.file.eras.push(e),
                Some(Err(why)) => draft.warn(t.at(row, c.headline), why),
                None => {}
            }
            continue;
        }
        if t.cell(row, c.year).is_empty() {
            draft.problem(t.at(row, c.year), "the row has no Year; it is skipped");
            continue;
        }
        let Some(start) = date(&t, row, [c.year, c.month, c.day], c.time, &mut draft) else { continue };
        let present = t.cell(row, c.end_year).eq_ignore_ascii_case("present");
        let end = if present || t.cell(row, c.end_year).is_empty() {
            None
        } else {
            match date(&t, row, [c.end_year, c.end_month, c.end_day], c.end_time, &mut draft) {
                Some(e) if e == start => None,
                Some(e) => Some(e),
                None => continue,
            }
        };
        let headline = html::to_line(t.cell(row, c.headline));
        let (summary, links) = html::to_text(t.cell(row, c.text));
        let mut body = Vec::new();
        if present {
            body.push("Ongoing: the end is given as \"Present\".".to_string());
        }
        let display = html::to_line(t.cell(row, c.display));
        if !display.is_empty() {
            body.push(format!("Date as the timeline gives it: {display}"));
        }
        let media = t.cell(row, c.media);
        if !media.is_empty() {
            let (caption, credit) = (html::to_line(t.cell(row, c.caption)), html::to_line(t.cell(row, c.credit)));
            body.push(super::media_line(&html::to_line(media), &caption, &credit));
        }
        let bg = t.cell(row, c.background);
        if bg.starts_with("http://") || bg.starts_with("https://") {
            body.push(format!("Background image: {bg}"));
        }
        let title = if headline.is_empty() { summary.lines().next().unwrap_or_default().to_string() } else { headline };
        let mut entry = event(ids.make(None, &title, draft.file.events.len()), title, summary);
        entry.start = dates::when(&start, opts.utc_offset.as_deref(), &mut dropped_time);
        entry.end = end.map(|e| dates::when(&e, opts.utc_offset.as_deref(), &mut dropped_time));
        let group = html::to_line(t.cell(row, c.group));
        entry.categories = (!group.is_empty()).then_some(group).into_iter().collect();
        entry.sources = links.iter().filter_map(|(u, tx)| link_source(u, tx)).collect();
        entry.body = (!body.is_empty()).then(|| body.join("\n"));
        draft.file.events.push(entry);
        draft.origins.push(EventOrigin {
            whole: t.at(row, None),
            fields: vec![
                ("start", t.at(row, c.year)),
                ("end", t.at(row, c.end_year)),
                ("title", t.at(row, c.headline)),
                ("summary", t.at(row, c.text)),
                ("categories", t.at(row, c.group)),
            ],
        });
    }
    if dropped_time {
        draft.warn(t.file_origin(), dates::NO_OFFSET);
    }
    Ok(draft)
}

struct Cols {
    year: Option<usize>,
    month: Option<usize>,
    day: Option<usize>,
    time: Option<usize>,
    end_year: Option<usize>,
    end_month: Option<usize>,
    end_day: Option<usize>,
    end_time: Option<usize>,
    display: Option<usize>,
    headline: Option<usize>,
    text: Option<usize>,
    media: Option<usize>,
    credit: Option<usize>,
    caption: Option<usize>,
    kind: Option<usize>,
    group: Option<usize>,
    background: Option<usize>,
}

/// A number as TimelineJS's sheet reader takes it: spaces and thousands separators removed.
fn integer(t: &Table, row: &Row, col: Option<usize>, draft: &mut Draft) -> Result<Option<i64>, ()> {
    let raw = t.cell(row, col);
    let cleaned: String = raw.chars().filter(|c| !matches!(c, ',' | ' ')).collect();
    if cleaned.is_empty() {
        return Ok(None);
    }
    cleaned.parse::<i64>().map(Some).map_err(|_| {
        let shown = crate::model::sanitize::line(&crate::text::clip(raw, 30));
        draft.problem(t.at(row, col), format!("\"{shown}\" is not a whole number; the row is skipped"));
    })
}

fn date(t: &Table, row: &Row, [y, m, d]: [Option<usize>; 3], time: Option<usize>, draft: &mut Draft) -> Option<Parsed> {
    let year = integer(t, row, y, draft).ok()??;
    let month = integer(t, row, m, draft).ok()?;
    let day = integer(t, row, d, draft).ok()?;
    let mut p = match dates::from_parts(year, month, day) {
        Ok(p) => p,
        Err(e) => {
            let at = if month.is_some_and(|x| !(1..=12).contains(&x)) {
                m
            } else if day.is_some() {
                d
            } else {
                y
            };
            draft.problem(t.at(row, at), format!("{e}; the row is skipped"));
            return None;
        }
    };
    let tm = t.cell(row, time);
    if !tm.is_empty() {
        if p.day.is_none() {
            draft.problem(t.at(row, time), "a time is given without a day; the row is skipped");
            return None;
        }
        match dates::time(tm) {
            Ok(hm) => p.time = Some(hm),
            Err(e) => {
                draft.problem(t.at(row, time), format!("{e}; the row is skipped"));
                return None;
            }
        }
    }
    Some(p)
}
