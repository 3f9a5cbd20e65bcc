//! Writing the handout the explorer asked for ([`crate::app::Effect::Handout`], decided in
//! `app::handout`): the same HTML as `kz-timeline export -o FILE.html` with the same filters, in
//! the current directory, under a name of its own (`kz-timeline-handout-20220105-143000.html`,
//! then `-2`, `-3`, ... when that is taken), written atomically and never over an existing file.

use std::io;
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;

use crate::app::handout::Request;
use crate::atomic_file::atomic_write_new;
use crate::export::{self, Handout, Selection};
use crate::model::{Timeline, load, sanitize};
use crate::query::View;

/// Names tried (one second's worth of handouts) before giving up.
const TRIES: usize = 100;

/// Write the handout in the current directory, now; returns the footer's message.
pub fn write_here(t: &Timeline, r: &Request) -> String {
    match std::env::current_dir() {
        Ok(dir) => write(t, r, &dir, chrono::Local::now().naive_local()),
        Err(e) => format!("Could not write a handout: the current folder cannot be found ({}).", reason(&e)),
    }
}

/// Write the handout in `dir`, named for `now`; returns the footer's message: the path and the
/// number of events, or what went wrong.
pub fn write(t: &Timeline, r: &Request, dir: &Path, now: NaiveDateTime) -> String {
    let sel = Selection::filtered(t, View::from_events(t, r.events.clone()), &r.filter);
    let doc = export::html::handout(&sel, &Handout { generated: export::generated_date(), notes: false });
    let stem = now.format("kz-timeline-handout-%Y%m%d-%H%M%S").to_string();
    match write_new(dir, &stem, doc.as_bytes()) {
        Ok(path) => {
            let mut text = format!("Wrote {} ({}).", load::label(&path), sel.count_text());
            if let Some(also) = &r.also {
                text.push(' ');
                text.push_str(also);
            }
            text
        }
        Err(e) => format!(
            "Could not write a handout in {}: {}. (kz-timeline export -o FILE.html writes one anywhere.)",
            load::label(dir),
            reason(&e)
        ),
    }
}

/// `dir/stem.html`, or the first of `stem-2.html`, `stem-3.html`, ... that does not exist yet.
fn write_new(dir: &Path, stem: &str, bytes: &[u8]) -> io::Result<PathBuf> {
    for n in 1..=TRIES {
        let name = if n == 1 { format!("{stem}.html") } else { format!("{stem}-{n}.html") };
        let path = dir.join(name);
        match atomic_write_new(&path, bytes) {
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            done => return done.map(|()| path),
        }
    }
    Err(io::Error::new(io::ErrorKind::AlreadyExists, format!("{stem}.html and {TRIES} more names are taken")))
}

/// An I/O error in words a teacher can act on.
fn reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::PermissionDenied => "permission denied (the folder is not writable)".into(),
        io::ErrorKind::ReadOnlyFilesystem => "the disk is read-only".into(),
        io::ErrorKind::StorageFull => "the disk is full".into(),
        io::ErrorKind::NotFound => "the folder no longer exists".into(),
        _ => sanitize::line(&e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::Filter;

    fn timeline() -> Timeline {
        crate::model::load::timeline_from_str(
            include_str!("../../tests/fixtures/small.json"),
            "small.json",
            crate::model::load::bundled_regions(),
        )
        .unwrap()
    }

    fn at(h: u32, m: u32, s: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap().and_hms_opt(h, m, s).unwrap()
    }

    #[test]
    fn writes_the_exporters_html_under_a_new_name_and_says_where() {
        let t = timeline();
        let dir = tempfile::tempdir().unwrap();
        let mut filter = Filter::default();
        filter.regions.insert(t.find_region("harbor"));
        let view = View::build(&t, || unreachable!("no search"), &filter, &[]);
        let r = Request { events: view.events.clone(), filter: filter.clone(), also: Some("E writes more.".into()) };
        let first = write(&t, &r, dir.path(), at(14, 30, 0));
        let path = dir.path().join("kz-timeline-handout-20260105-143000.html");
        assert_eq!(first, format!("Wrote {} (3 of 12 events). E writes more.", path.display()));
        let html = std::fs::read_to_string(&path).unwrap();
        let sel = Selection::filtered(&t, view, &filter);
        let same = export::html::handout(&sel, &Handout { generated: export::generated_date(), notes: false });
        assert_eq!(html, same, "what kz-timeline export writes");
        // The same second again: a new name, and the first file is left as it was.
        std::fs::write(&path, "the teacher's own edits").unwrap();
        let second = write(&t, &Request { also: None, ..r }, dir.path(), at(14, 30, 0));
        let path2 = dir.path().join("kz-timeline-handout-20260105-143000-2.html");
        assert_eq!(second, format!("Wrote {} (3 of 12 events).", path2.display()));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "the teacher's own edits");
        assert!(std::fs::read_to_string(&path2).unwrap().contains("<article class=\"event\""));
    }

    #[test]
    fn a_folder_that_cannot_be_written_is_said_plainly() {
        let t = timeline();
        let dir = tempfile::tempdir().unwrap();
        let gone = dir.path().join("gone");
        let r = Request { events: vec![0, 1], filter: Filter::default(), also: None };
        let text = write(&t, &r, &gone, at(9, 0, 0));
        assert_eq!(
            text,
            format!(
                "Could not write a handout in {}: the folder no longer exists. (kz-timeline export -o FILE.html \
                 writes one anywhere.)",
                gone.display()
            )
        );
        assert!(!gone.exists());
    }
}
