//! `kz-timeline list`: the events, filtered as in the app, as text, JSON, CSV or Markdown.

use std::io::IsTerminal;

use clap::{Args, ValueEnum};

use crate::cli::args::{ColorArgs, FilterArgs, InputArgs};
use crate::cli::exit_status_help;
use crate::cli::output::{self, Outcome};
use crate::export;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// One aligned line per event under day headings
    Text,
    /// A kz-timeline file with exactly these events (it loads again)
    Json,
    /// One row per event, with a header row
    Csv,
    /// Day headings, events as list items, sources as footnotes
    #[value(alias = "md")]
    Markdown,
}

#[derive(Debug, Clone, Args)]
#[command(after_help = concat!(
    "Examples:\n",
    "  kz-timeline list --region almaty --from 2022-01-04 --to 2022-01-07\n",
    "  kz-timeline list --category protest --search zhanaozen\n",
    "  kz-timeline list --disputed --format csv > disputed.csv\n",
    "  kz-timeline list my-timeline.json --format json > copy.json\n\n",
    exit_status_help!()
))]
pub struct ListArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = ListFormat::Text)]
    pub format: ListFormat,
    #[command(flatten)]
    pub color: ColorArgs,
    #[command(flatten)]
    pub filters: FilterArgs,
}

pub fn run(args: ListArgs) -> Outcome {
    let loaded = args.input.load()?;
    let sel = args.filters.select(&loaded.timeline, args.input.file.as_deref())?;
    let out = match args.format {
        ListFormat::Text => {
            if sel.is_empty() {
                output::eprint("No events match the filters.\n");
            }
            // On a terminal, lines fit its width (see `text::list`); in a pipe, one line an event.
            let width = std::io::stdout()
                .is_terminal()
                .then(|| ratatui::crossterm::terminal::size().ok().map(|(w, _)| usize::from(w)))
                .flatten();
            export::text::list(&sel, args.color.paint(), width)
        }
        ListFormat::Json => export::json::list(&sel),
        ListFormat::Csv => export::csv::list(&sel),
        ListFormat::Markdown => export::markdown::list(&sel),
    };
    output::stdout(out.as_bytes())
}
