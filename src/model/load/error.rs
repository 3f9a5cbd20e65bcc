//! Load errors, written for the person who has to fix the file. Every value quoted from a file is
//! sanitised before it gets here, so printing an error can never inject escape sequences.

use std::fmt;

/// A problem located in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub line: usize,
    pub column: usize,
    /// JSON path such as `events[12].start.date` (empty for the whole document).
    pub path: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    /// The file could not be opened or read.
    #[error("{file}: {message}")]
    Io { file: String, message: String },
    /// The file is larger than the configured limit.
    #[error("{file}: the file is {size} bytes, more than the limit of {limit} bytes (raise it with --max-size)")]
    TooLarge { file: String, size: u64, limit: u64 },
    /// Not UTF-8 text.
    #[error("{file}: {message}")]
    Encoding { file: String, message: String },
    /// Not well-formed JSON, or not the shape of a timeline; reported at the first such problem.
    #[error("{file}:{}", fmt_one(.problem))]
    Syntax { file: String, problem: Located },
    /// Well-formed, but the content breaks rules; every problem is listed.
    #[error("{}", fmt_many(.file, .problems, usize::MAX))]
    Invalid { file: String, problems: Vec<Located> },
}

fn fmt_one(p: &Located) -> String {
    if p.path.is_empty() {
        format!("{}:{}: {}", p.line, p.column, p.message)
    } else {
        format!("{}:{}: {}: {}", p.line, p.column, p.path, p.message)
    }
}

fn fmt_many(file: &str, problems: &[Located], max: usize) -> String {
    let n = problems.len();
    let mut s = if n == 1 {
        format!("{file}:{}", fmt_one(&problems[0]))
    } else {
        let mut s = format!("{file}: {n} problems");
        for p in problems.iter().take(max) {
            s.push_str(&format!("\n  {file}:{}", fmt_one(p)));
        }
        s
    };
    if n > 1 && n > max {
        s.push_str(&format!("\n  … and {} more (run `kz-timeline check {file}` to see them all)", n - max));
    }
    s
}

impl LoadError {
    pub fn file(&self) -> &str {
        match self {
            LoadError::Io { file, .. }
            | LoadError::TooLarge { file, .. }
            | LoadError::Encoding { file, .. }
            | LoadError::Syntax { file, .. }
            | LoadError::Invalid { file, .. } => file,
        }
    }

    /// The message for a terminal: at most `max` problems, so it fits on one screen.
    pub fn report(&self, max: usize) -> String {
        match self {
            LoadError::Invalid { file, problems } => fmt_many(file, problems, max),
            other => other.to_string(),
        }
    }

    /// Every located problem (one for syntax errors).
    pub fn problems(&self) -> Vec<&Located> {
        match self {
            LoadError::Syntax { problem, .. } => vec![problem],
            LoadError::Invalid { problems, .. } => problems.iter().collect(),
            _ => Vec::new(),
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
