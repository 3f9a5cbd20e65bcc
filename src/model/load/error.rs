//! Load errors, written for the person who has to fix the file. Every value quoted from a file is
//! sanitised before it gets here, so printing an error can never inject escape sequences.

use std::fmt;

use super::path::Path;

/// A problem located in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub line: usize,
    pub column: usize,
    /// JSON path such as `events[12].start.date` (empty for the whole document).
    pub path: Path,
    pub message: String,
    /// In a CSV file: `line` is the row (the header is row 1, as spreadsheets count), `column`
    /// the column (0 for the whole row) and `path` the column's header.
    pub csv: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    /// The file could not be opened or read.
    #[error("{file}: {message}")]
    Io { file: String, message: String },
    /// The file is larger than the configured limit (`size` is unknown for a pipe: reading
    /// stopped at the limit).
    #[error("{}", too_large(.file, *.size, *.limit))]
    TooLarge { file: String, size: Option<u64>, limit: u64 },
    /// Not UTF-8 text.
    #[error("{file}: {message}")]
    Encoding { file: String, message: String },
    /// Text that is not JSON at all (it does not begin like a JSON value).
    #[error("{file}: this is not JSON (line {}, column {}): {}", .problem.line, .problem.column, .problem.message)]
    NotJson { file: String, problem: Located },
    /// Not well-formed JSON, or not the shape of a timeline; reported at the first such problem.
    #[error("{file}:{}", fmt_one(.problem))]
    Syntax { file: String, problem: Located },
    /// Problems with the content (or the shape of single events); every problem is listed, up to
    /// [`MAX_PROBLEMS`], in the order they appear in the file.
    #[error("{}", fmt_many(.file, .problems, *.more, usize::MAX))]
    Invalid {
        file: String,
        problems: Vec<Located>,
        /// How many more were found but not kept.
        more: usize,
    },
}

/// The most problems kept for one file; the rest are counted.
pub const MAX_PROBLEMS: usize = 1000;

fn too_large(file: &str, size: Option<u64>, limit: u64) -> String {
    match size {
        Some(size) => {
            format!("{file}: the file is {size} bytes, more than the limit of {limit} bytes (raise it with --max-size)")
        }
        None => format!("{file}: more than the limit of {limit} bytes arrived (raise it with --max-size)"),
    }
}

fn fmt_one(p: &Located) -> String {
    if p.csv {
        let header = crate::text::clip_middle(&p.path.to_string(), 40);
        return match p.column {
            // The whole file.
            0 if p.line == 0 => format!(" {}", p.message),
            0 => format!(" row {}: {}", p.line, p.message),
            c if header.is_empty() => format!(" row {}, column {c}: {}", p.line, p.message),
            c => format!(" row {}, column {c} ({header}): {}", p.line, p.message),
        };
    }
    if p.path.is_empty() {
        format!("{}:{}: {}", p.line, p.column, p.message)
    } else {
        // At most 80 characters, its start and end kept, so a deep path still fits on a line.
        let path = crate::text::clip_middle(&p.path.to_string(), 80);
        format!("{}:{}: {path}: {}", p.line, p.column, p.message)
    }
}

/// `problems` (of `problems.len() + more` found), at most `max` of them.
fn fmt_many(file: &str, problems: &[Located], more: usize, max: usize) -> String {
    let n = problems.len() + more;
    if n == 1 {
        return format!("{file}:{}", fmt_one(&problems[0]));
    }
    let mut s = format!("{file}: {n} problems");
    for p in problems.iter().take(max) {
        s.push_str(&format!("\n  {file}:{}", fmt_one(p)));
    }
    let shown = problems.len().min(max);
    if n > shown {
        let rest = n - shown;
        if shown == problems.len() {
            s.push_str(&format!(
                "\n  … and {rest} more (only the first {shown} are listed; fix these and check again)"
            ));
        } else if more == 0 {
            s.push_str(&format!("\n  … and {rest} more (run `kz-timeline check {file}` to see them all)"));
        } else {
            let kept = problems.len();
            s.push_str(&format!("\n  … and {rest} more (run `kz-timeline check {file}` to see the first {kept})"));
        }
    }
    s
}

impl LoadError {
    pub fn file(&self) -> &str {
        match self {
            LoadError::Io { file, .. }
            | LoadError::TooLarge { file, .. }
            | LoadError::Encoding { file, .. }
            | LoadError::NotJson { file, .. }
            | LoadError::Syntax { file, .. }
            | LoadError::Invalid { file, .. } => file,
        }
    }

    /// The message for a terminal: at most `max` problems, so it fits on one screen.
    pub fn report(&self, max: usize) -> String {
        match self {
            LoadError::Invalid { file, problems, more } => fmt_many(file, problems, *more, max),
            other => other.to_string(),
        }
    }

    /// Every located problem (one for syntax errors).
    pub fn problems(&self) -> Vec<&Located> {
        match self {
            LoadError::Syntax { problem, .. } | LoadError::NotJson { problem, .. } => vec![problem],
            LoadError::Invalid { problems, .. } => problems.iter().collect(),
            _ => Vec::new(),
        }
    }
}

/// What a file that loads still should not have (invisible characters), located like problems.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Warnings {
    pub file: String,
    /// The first [`MAX_PROBLEMS`], in the order they appear in the file.
    pub warnings: Vec<Located>,
    /// How many more were found but not kept.
    pub more: usize,
    /// Rows or events of a file in another format that could not be read and were left out
    /// (the file loads without them; `check` reports them as errors).
    pub skipped: Vec<Located>,
}

impl Warnings {
    pub fn is_empty(&self) -> bool {
        self.warnings.is_empty() && self.more == 0
    }
}

/// `warning: FILE: N warnings` and one line each, like an error report; nothing when there are none.
impl fmt::Display for Warnings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.warnings.len() + self.more;
        match n {
            0 => Ok(()),
            1 => write!(f, "warning: {}:{}", self.file, fmt_one(&self.warnings[0])),
            _ => {
                write!(f, "warning: {}: {n} warnings", self.file)?;
                for w in &self.warnings {
                    write!(f, "\n  {}:{}", self.file, fmt_one(w))?;
                }
                if self.more > 0 {
                    write!(f, "\n  … and {} more (only the first {} are listed)", self.more, self.warnings.len())?;
                }
                Ok(())
            }
        }
    }
}

/// Wraps a report for display with an `error:` prefix.
pub struct Report<'a>(pub &'a LoadError, pub usize);

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error: {}", self.0.report(self.1))
    }
}
