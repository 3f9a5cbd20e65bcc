//! `kz-timeline check`: validate timeline files, listing every problem with its line, column
//! and JSON path.

use std::path::PathBuf;

use clap::Args;

use crate::cli::args::InputArgs;
use crate::cli::output::{self, Failure, Outcome};
use crate::cli::{EXIT_INPUT, exit_status_help, parse_size};
use crate::model::load::{self, Report, Warnings};

#[derive(Debug, Clone, Args)]
#[command(after_help = concat!(
    "Prints \"FILE: OK, N events\" for each valid file. For an invalid one, every problem is listed on \
     standard error as FILE:LINE:COLUMN: JSON-PATH: message. Warnings (invisible characters, blank \
     titles) are listed the same way after \"warning:\"; they do not change the exit status.\n\n",
    "Examples:\n",
    "  kz-timeline check my-timeline.json\n",
    "  kz-timeline list --format json > out.json && kz-timeline check out.json\n\n",
    exit_status_help!()
))]
pub struct CheckArgs {
    /// Timeline files to check (- reads standard input) [default: the bundled chronology]
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Refuse files larger than this many bytes (suffixes K, M, G allowed)
    #[arg(long, value_name = "SIZE", default_value = "2G", value_parser = parse_size)]
    pub max_size: u64,
    #[command(flatten)]
    pub import: crate::cli::args::ImportArgs,
}

pub fn run(args: CheckArgs) -> Outcome {
    let inputs: Vec<InputArgs> = if args.files.is_empty() {
        vec![InputArgs { file: None, max_size: args.max_size, import: args.import.clone() }]
    } else {
        args.files
            .iter()
            .map(|f| InputArgs { file: Some(f.clone()), max_size: args.max_size, import: args.import.clone() })
            .collect()
    };
    let mut failed = false;
    for input in inputs {
        let loaded = match input.file.as_ref() {
            Some(path) => {
                load::timeline_and_warnings_from_path(path, &crate::cli::load_options(input.max_size, &input.import))
            }
            None => load::bundled_timeline().map(|t| (t, Warnings::default())),
        };
        match loaded {
            Ok((t, mut warnings)) if !warnings.skipped.is_empty() => {
                // A file in another format with rows that could not be read: the app opens it
                // without them (and says so); for `check` they are errors.
                failed = true;
                let n = t.events.len();
                let noun = if n == 1 { "event" } else { "events" };
                let skipped = std::mem::take(&mut warnings.skipped);
                let k = skipped.len();
                let what = if k == 1 { "1 row or event was" } else { "rows or events were" };
                let count = if k == 1 { String::new() } else { format!("{k} ") };
                output::eprint(&format!(
                    "{}\n",
                    Report(&load::LoadError::Invalid { file: input.label(), problems: skipped, more: 0 }, usize::MAX)
                ));
                output::eprint(&format!(
                    "{}: {n} {noun} can be read; {count}{what} left out (the app opens the file without them)\n",
                    input.label()
                ));
                if !warnings.is_empty() {
                    output::eprint(&format!("{warnings}\n"));
                }
            }
            Ok((t, warnings)) => {
                let n = t.events.len();
                let noun = if n == 1 { "event" } else { "events" };
                let w = warnings.warnings.len() + warnings.more;
                let noted = match w {
                    0 => String::new(),
                    1 => ", 1 warning".to_string(),
                    w => format!(", {w} warnings"),
                };
                output::stdout(format!("{}: OK, {n} {noun}{noted}\n", input.label()).as_bytes())?;
                if !warnings.is_empty() {
                    output::eprint(&format!("{warnings}\n"));
                }
            }
            Err(e) => {
                failed = true;
                output::eprint(&format!("{}\n", Report(&e, usize::MAX)));
            }
        }
    }
    if failed { Err(Failure::Exit(EXIT_INPUT)) } else { Ok(()) }
}
