//! `kz-timeline check`: validate timeline files, listing every problem with its line, column
//! and JSON path.

use std::path::PathBuf;

use clap::Args;

use crate::cli::args::InputArgs;
use crate::cli::output::{self, Failure, Outcome};
use crate::cli::{EXIT_INPUT, exit_status_help, parse_size};
use crate::model::load::Report;

#[derive(Debug, Clone, Args)]
#[command(after_help = concat!(
    "Prints \"FILE: OK, N events\" for each valid file. For an invalid one, every problem is listed on \
     standard error as FILE:LINE:COLUMN: JSON-PATH: message.\n\n",
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
}

pub fn run(args: CheckArgs) -> Outcome {
    let inputs: Vec<InputArgs> = if args.files.is_empty() {
        vec![InputArgs { file: None, max_size: args.max_size }]
    } else {
        args.files.iter().map(|f| InputArgs { file: Some(f.clone()), max_size: args.max_size }).collect()
    };
    let mut failed = false;
    for input in inputs {
        match crate::cli::load_timeline(input.file.as_ref(), input.max_size) {
            Ok((t, _)) => {
                let n = t.events.len();
                let noun = if n == 1 { "event" } else { "events" };
                output::stdout(format!("{}: OK, {n} {noun}\n", input.label()).as_bytes())?;
            }
            Err(e) => {
                failed = true;
                output::eprint(&format!("{}\n", Report(&e, usize::MAX)));
            }
        }
    }
    if failed { Err(Failure::Exit(EXIT_INPUT)) } else { Ok(()) }
}
