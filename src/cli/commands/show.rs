//! `kz-timeline show ID`: one event in full, with its sources and claims.

use clap::{Args, ValueEnum};

use crate::cli::args::{ColorArgs, InputArgs};
use crate::cli::exit_status_help;
use crate::cli::output::{self, Failure, Outcome};
use crate::export;
use crate::model::{Timeline, sanitize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// Labelled fields and wrapped paragraphs
    Text,
    /// A Markdown page with the sources as footnotes
    #[value(alias = "md")]
    Markdown,
    /// The event as it appears in a kz-timeline file
    Json,
}

#[derive(Debug, Clone, Args)]
#[command(after_help = concat!(
    "Examples:\n",
    "  kz-timeline show 2022-01-05-almaty-akimat\n",
    "  kz-timeline show levee-breach my-timeline.json --format markdown\n\n",
    exit_status_help!()
))]
pub struct ShowArgs {
    /// The event's id (`kz-timeline list` shows them)
    #[arg(value_name = "ID")]
    pub id: String,
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,
    /// Include the teacher notes
    #[arg(long)]
    pub notes: bool,
    #[command(flatten)]
    pub color: ColorArgs,
}

fn no_such_event(t: &Timeline, id: &str) -> Failure {
    Failure::Input(unknown_id_message(t, id))
}

/// "no event has the id ..." with up to three ids containing what was typed (also for `--at`).
pub(crate) fn unknown_id_message(t: &Timeline, id: &str) -> String {
    let q = id.trim().to_lowercase();
    let close: Vec<&str> = t
        .events
        .iter()
        .map(|e| e.id.as_str())
        .filter(|e| !q.is_empty() && e.to_lowercase().contains(&q))
        .take(3)
        .collect();
    let hint = if close.is_empty() { String::new() } else { format!("; did you mean {}?", close.join(", ")) };
    format!("no event has the id \"{}\"{hint}", sanitize::line(id))
}

pub fn run(args: ShowArgs) -> Outcome {
    let loaded = args.input.load()?;
    let t = &loaded.timeline;
    let ix = t.event_by_id(&args.id).ok_or_else(|| no_such_event(t, &args.id))?;
    let out = match args.format {
        ShowFormat::Text => export::text::event(t, ix, args.color.paint(), args.notes),
        ShowFormat::Markdown => export::markdown::event(t, ix, args.notes),
        ShowFormat::Json => export::json::event(t, ix),
    };
    output::stdout(out.as_bytes())
}
