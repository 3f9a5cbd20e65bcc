//! The problems found in one file: the first [`MAX_PROBLEMS`] are kept (in file order, by event),
//! the rest only counted, so a file that breaks one rule in each of a million events costs little
//! memory and is reported in a screenful plus "and N more". When the load fails, the kept ones
//! are located in one pass (see [`super::locate`]) and listed in the order they appear.
//! Warnings (which do not stop a load) are kept and counted the same way, on their own.

use super::convert::Problem;
use super::error::{LoadError, Located, MAX_PROBLEMS, Warnings};
use super::locate::{self, Locator};

#[derive(Debug, Default)]
pub(crate) struct Found {
    kept: Vec<Problem>,
    total: usize,
    warnings: Kept,
}

/// The first [`MAX_PROBLEMS`] of some problems, and how many there were.
#[derive(Debug, Default)]
struct Kept {
    kept: Vec<Problem>,
    total: usize,
}

impl Kept {
    fn push(&mut self, p: Problem) {
        self.total += 1;
        self.kept.push(p);
        if self.kept.len() >= 2 * MAX_PROBLEMS {
            trim(&mut self.kept);
        }
    }
}

/// Keep the first [`MAX_PROBLEMS`] (a stable sort: the order found breaks ties).
fn trim(kept: &mut Vec<Problem>) {
    kept.sort_by_key(order);
    kept.truncate(MAX_PROBLEMS);
}

/// `kept` located in `text`, in the order they appear in the file.
fn locate_all(mut kept: Vec<Problem>, text: &str) -> Vec<Located> {
    trim(&mut kept);
    let mut locator = Locator::new(text);
    let offsets: Vec<usize> = kept.iter().map(|p| locator.offset(&p.path)).collect();
    let positions = locate::line_cols(text, &offsets);
    let mut problems: Vec<Located> = kept
        .into_iter()
        .zip(positions)
        .map(|(p, (line, column))| Located { line, column, path: p.path, message: p.message, csv: false })
        .collect();
    problems.sort_by_key(|p| (p.line, p.column));
    problems
}

/// `kept`, located by `locate`, in the order they appear in the file.
fn locate_by(mut kept: Vec<Problem>, locate: &mut dyn FnMut(Problem) -> Located) -> Vec<Located> {
    trim(&mut kept);
    let mut problems: Vec<Located> = kept.into_iter().map(locate).collect();
    problems.sort_by_key(|p| (p.line, p.column));
    problems
}

/// Where a problem comes in the file, roughly: the top level first, then by event.
fn order(p: &Problem) -> (u8, usize) {
    p.path.event().map_or((0, 0), |i| (1, i))
}

impl Found {
    pub(crate) fn push(&mut self, p: Problem) {
        if p.warning {
            return self.warnings.push(p);
        }
        self.total += 1;
        self.kept.push(p);
        if self.kept.len() >= 2 * MAX_PROBLEMS {
            trim(&mut self.kept);
        }
    }

    pub(crate) fn extend(&mut self, problems: impl IntoIterator<Item = Problem>) {
        problems.into_iter().for_each(|p| self.push(p));
    }

    /// Whether no problem (warnings aside) was found.
    pub(crate) fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// The error listing these problems, located in `text`.
    pub(crate) fn into_error(self, text: &str, file: &str) -> LoadError {
        let problems = locate_all(self.kept, text);
        let more = self.total - problems.len();
        LoadError::Invalid { file: file.to_string(), problems, more }
    }

    /// The error listing these problems, each located by `locate` (for files read by an
    /// importer, where the problems' paths are those of the converted file, not of `text`).
    pub(crate) fn into_error_by(self, file: &str, locate: &mut dyn FnMut(Problem) -> Located) -> LoadError {
        let problems = locate_by(self.kept, locate);
        let more = self.total - problems.len();
        LoadError::Invalid { file: file.to_string(), problems, more }
    }

    /// The warnings, each located by `locate` (see [`Found::into_error_by`]).
    pub(crate) fn into_warnings_by(self, file: &str, locate: &mut dyn FnMut(Problem) -> Located) -> Warnings {
        let warnings = locate_by(self.warnings.kept, locate);
        let more = self.warnings.total - warnings.len();
        Warnings { file: file.to_string(), warnings, more, skipped: Vec::new() }
    }

    /// The warnings, located in `text`.
    pub(crate) fn into_warnings(self, text: &str, file: &str) -> Warnings {
        let warnings = locate_all(self.warnings.kept, text);
        let more = self.warnings.total - warnings.len();
        Warnings { file: file.to_string(), warnings, more, skipped: Vec::new() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load::Path;

    fn problem(path: Path) -> Problem {
        Problem { path, message: "m".into(), warning: false }
    }

    #[test]
    fn keeps_the_first_problems_by_event_and_counts_the_rest() {
        let mut found = Found::default();
        for i in (0..5000).rev() {
            found.push(problem(Path::root().key("events").at(i).key("sources")));
        }
        found.push(problem(Path::root().key("title")));
        let text = "{}";
        let LoadError::Invalid { problems, more, .. } = found.into_error(text, "f") else { panic!() };
        assert_eq!((problems.len(), more), (MAX_PROBLEMS, 5001 - MAX_PROBLEMS));
        assert!(problems.iter().any(|p| p.path == Path::root().key("title")));
        let max_event = problems.iter().filter_map(|p| p.path.event()).max();
        assert_eq!(max_event, Some(MAX_PROBLEMS - 2), "the lowest events are kept");
    }
}
