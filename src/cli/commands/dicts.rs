//! `kz-timeline regions` and `kz-timeline names`: the dictionaries with event counts.

use clap::{Args, ValueEnum};

use crate::cli::args::{ColorArgs, InputArgs};
use crate::cli::exit_status_help;
use crate::cli::output::{self, Failure, Outcome};
use crate::export::dicts;
use crate::model::load::{bundled_name_groups, bundled_names};
use crate::query::Dictionary;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    /// An aligned table
    Text,
    /// An array of objects
    Json,
    /// A header row and one row per entry
    Csv,
}

#[derive(Debug, Clone, Args)]
#[command(after_help = concat!(
    "Lists every region of the timeline's dictionary (its inline \"regions\", or the bundled dictionary of \
     Kazakhstan's regions) with its names, ISO 3166-2 code and number of events. --region accepts the id, \
     any name or alias.\n\n",
    "Examples:\n",
    "  kz-timeline regions\n",
    "  kz-timeline regions my-timeline.json --format csv\n\n",
    exit_status_help!()
))]
pub struct RegionsArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = TableFormat::Text)]
    pub format: TableFormat,
    #[command(flatten)]
    pub color: ColorArgs,
}

pub fn run_regions(args: RegionsArgs) -> Outcome {
    let loaded = args.input.load()?;
    let rows = dicts::region_rows(&loaded.timeline);
    let out = match args.format {
        TableFormat::Text => dicts::regions_text(&rows, args.color.paint()),
        TableFormat::Json => dicts::json(&rows),
        TableFormat::Csv => dicts::regions_csv(&rows),
    };
    output::stdout(out.as_bytes())
}

#[derive(Debug, Clone, Args)]
#[command(after_help = concat!(
    "Lists the bundled dictionary of people, organisations and places with the spellings search \
     understands, and how many events of the timeline mention each (as an actor or anywhere in the text).\n\n",
    "Examples:\n",
    "  kz-timeline names\n",
    "  kz-timeline names --format json\n\n",
    exit_status_help!()
))]
pub struct NamesArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = TableFormat::Text)]
    pub format: TableFormat,
    #[command(flatten)]
    pub color: ColorArgs,
}

pub fn run_names(args: NamesArgs) -> Outcome {
    let loaded = args.input.load()?;
    let t = &loaded.timeline;
    let names = bundled_names().map_err(|e| Failure::Runtime(e.report(20)))?;
    let rows = dicts::name_rows(t, &names, &Dictionary::for_timeline(t, &bundled_name_groups()));
    let out = match args.format {
        TableFormat::Text => dicts::names_text(&rows, args.color.paint()),
        TableFormat::Json => dicts::json(&rows),
        TableFormat::Csv => dicts::names_csv(&rows),
    };
    output::stdout(out.as_bytes())
}
